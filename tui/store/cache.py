"""On-disk cache of analyses: one JSON file per (text, pipeline, analysis fingerprint).

Entries live in ``paths.cache_dir()/analyses``. The key covers the text's
hash, the pipeline's name, version and build, the cache format and the
*analysis fingerprint* that the caller passes in (``tui.service`` gives the
digest of the analysis code and the user's lexicons), so this module knows
nothing of the language work. Each entry records its own key and format;
anything that does not parse, does not match its key or fails the document
invariants is treated as absent (and rebuilt), never trusted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from tui.document import Annotations, sha256_text
from tui.fsutil import atomic_write_text
from tui.paths import cache_dir

CACHE_FORMAT = 1
_KEY_CHARS = 32


@dataclass(frozen=True)
class Key:
    """What an analysis depends on besides its text."""

    model_name: str
    model_version: str
    build: str = ""
    fingerprint: str = ""


def _digest(text_sha: str, key: Key) -> str:
    parts = (text_sha, key.model_name, key.model_version, key.build, str(CACHE_FORMAT),
             key.fingerprint)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:_KEY_CHARS]


def entry_path(text: str, key: Key) -> Path:
    return cache_dir() / "analyses" / f"{_digest(sha256_text(text), key)}.json"


def load(text: str, key: Key) -> Annotations | None:
    path = entry_path(text, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("cache_format") != CACHE_FORMAT or data.get("text_sha256") != sha256_text(text):
            return None
        ann = Annotations.from_dict(data["annotations"])
        if ann.text != text or ann.model.name != key.model_name \
                or ann.model.version != key.model_version:
            return None
        return ann
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(ann: Annotations, key: Key) -> None:
    data = {"cache_format": CACHE_FORMAT, "text_sha256": sha256_text(ann.text),
            "annotations": ann.to_dict()}
    try:
        atomic_write_text(entry_path(ann.text, key), json.dumps(data, ensure_ascii=False))
    except OSError:
        pass  # a read-only or full cache folder costs speed, not correctness
