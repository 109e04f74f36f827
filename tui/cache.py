"""On-disk cache of analyses, and the user's corrections beside them.

Entries live in the platform's cache folder (platformdirs), one JSON file per
(text hash, pipeline name, pipeline version and build, analysis fingerprint).
The analysis fingerprint covers Personae's own analysis code and lexicons
(``tui/nlp``) and the user's lexicon and alias files, so an upgrade or a line
added to ``aliases.tsv`` is seen at the next open, not hidden by the cache.
Each entry records its own key
and the cache format; anything that does not parse, does not match its key or
fails the document invariants is treated as absent (and rebuilt), never
trusted. Corrections (merges and splits) are saved beside the entry of the
article's text, so they survive a re-analysis with the same pipeline.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

from platformdirs import user_cache_dir

from tui.document import Annotations, sha256_text
from tui.fsutil import atomic_write_text

CACHE_FORMAT = 1


def cache_dir() -> Path:
    env = os.environ.get("PERSONAE_CACHE_DIR")
    return Path(env) if env else Path(user_cache_dir("personae", appauthor=False))


def _analysis_files() -> list[Path]:
    import tui.nlp
    from tui.nlp import roles, variants

    here = Path(tui.nlp.__file__).parent
    files = sorted(here.glob("*.py")) + sorted((here / "data").glob("*.tsv"))
    files += [p for pair in roles.lexicon_paths()[1:] for p in pair]
    return files + [variants.user_aliases_path()]


@functools.lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """A digest of what turns a pipeline's output into annotations: the analysis code and
    lexicons, and the user's own lexicon files (computed once per process)."""
    h = hashlib.sha256()
    for f in _analysis_files():
        try:
            data = f.read_bytes()
        except OSError:
            data = b"-"
        h.update(f.name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def _key(text_sha: str, model_name: str, model_version: str, build: str) -> str:
    parts = (text_sha, model_name, model_version, build, str(CACHE_FORMAT), analysis_fingerprint())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def entry_path(text: str, model_name: str, model_version: str, build: str = "") -> Path:
    key = _key(sha256_text(text), model_name, model_version, build)
    return cache_dir() / "analyses" / f"{key}.json"


def load(text: str, model_name: str, model_version: str, build: str = "") -> Annotations | None:
    path = entry_path(text, model_name, model_version, build)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("cache_format") != CACHE_FORMAT or data.get("text_sha256") != sha256_text(text):
            return None
        ann = Annotations.from_dict(data["annotations"])
        if ann.text != text or ann.model.name != model_name or ann.model.version != model_version:
            return None
        return ann
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save(ann: Annotations, build: str = "") -> None:
    data = {"cache_format": CACHE_FORMAT, "text_sha256": sha256_text(ann.text),
            "annotations": ann.to_dict()}
    try:
        atomic_write_text(entry_path(ann.text, ann.model.name, ann.model.version, build),
                          json.dumps(data, ensure_ascii=False))
    except OSError:
        pass  # a read-only or full cache folder costs speed, not correctness
