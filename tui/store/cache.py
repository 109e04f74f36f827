"""On-disk cache of analyses: one JSON file per (text, pipeline, analysis fingerprint).

Entries live in ``paths.cache_dir()/analyses``. The key covers the text's
hash, the pipeline's name, version and build, the cache format and the
*analysis fingerprint* that the caller passes in (``tui.core.analysis`` gives the
digest of the analysis code and the user's lexicons), so this module knows
nothing of the language work. Each entry records its own key and format;
anything that is not a regular file of reasonable size, does not parse, does
not have the shape and bounds of an entry (:func:`valid_entry`), does not match
its key or fails the document invariants is treated as absent (and rebuilt),
never trusted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from tui.document import Annotations, sha256_text
from tui.fsutil import atomic_write_text, read_regular_text
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


MAX_ENTRY_BYTES = 256 * 1024 * 1024  # an 8 MB article's analysis is well below this


def _int_in(v, lo: int, hi: int) -> bool:
    return type(v) is int and lo <= v <= hi


def _strs(d: dict, keys: tuple[str, ...], optional: tuple[str, ...] = ()) -> bool:
    return all(isinstance(d.get(k), str) for k in keys) and \
        all(isinstance(d.get(k, ""), str) for k in optional)


def _range(v, n: int) -> bool:
    return isinstance(v, list) and len(v) == 2 and _int_in(v[0], 0, n) and _int_in(v[1], v[0], n)


def _span(d, n: int) -> bool:
    return isinstance(d, dict) and _int_in(d.get("start"), 0, n) \
        and _int_in(d.get("end"), d["start"] + 1, n)


def valid_entry(data, text: str) -> bool:
    """Whether a cache entry has the shape ``save`` writes, every offset an integer
    within the text and every string a string (checked before anything is built)."""
    if not isinstance(data, dict) or data.get("cache_format") != CACHE_FORMAT:
        return False
    d = data.get("annotations")
    n = len(text)
    if not isinstance(d, dict) or not isinstance(d.get("text"), str) \
            or not isinstance(d.get("source", {}), dict) or not isinstance(d.get("model"), dict) \
            or not _strs(d["model"], ("name", "version"), ("lang",)) \
            or not _strs(d.get("source", {}), (), ("path", "sha256", "title", "date", "byline")):
        return False
    mentions, entities = d.get("mentions"), d.get("entities")
    if not isinstance(mentions, list) or not isinstance(entities, list):
        return False
    for m in mentions:
        if not _span(m, n) or not _strs(m, ("id", "text", "label"), ("entity",)):
            return False
    for e in entities:
        if not isinstance(e, dict) or not _strs(e, ("id", "label", "name")) \
                or not all(isinstance(e.get(k, []), list) for k in ("variants", "mentions", "roles")) \
                or not all(isinstance(x, str) for x in e.get("variants", []) + e.get("mentions", [])) \
                or not isinstance(e.get("ambiguous", False), bool):
            return False
        for r in e.get("roles", []):
            if not _span(r, n) or not _strs(r, ("text",), ("mention", "gloss")) \
                    or not _range(r.get("sentence", [r["start"], r["end"]]), n):
                return False
    return all(isinstance(d.get(k, []), list) and _ranges(d.get(k, []), n)
               for k in ("tokens", "sentences"))


def _ranges(pairs: list, n: int) -> bool:
    """Every item a [start, end] pair of integers within the text (the fast path of
    :func:`_range`, for the hundreds of thousands of tokens of a long article)."""
    try:
        return all(type(a) is int and type(b) is int and 0 <= a <= b <= n for a, b in pairs)
    except (TypeError, ValueError):  # an item that is not a pair
        return False


def load(text: str, key: Key) -> Annotations | None:
    """The cached analysis of ``text``, or None (a miss) for anything wrong: a missing,
    unreadable, oversized or non-regular file (a symlink to ``/dev/zero``, a FIFO),
    bad JSON, an entry of another key or shape, out-of-range offsets, broken
    invariants. A miss is analysed again and the entry rewritten."""
    path = entry_path(text, key)
    try:
        data = json.loads(read_regular_text(path, MAX_ENTRY_BYTES))
        if not valid_entry(data, text) or data.get("text_sha256") != sha256_text(text):
            return None
        ann = Annotations.from_dict(data["annotations"])
        if ann.text != text or ann.model.name != key.model_name \
                or ann.model.version != key.model_version:
            return None
        return ann
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is a miss
        return None


def save(ann: Annotations, key: Key) -> None:
    data = {"cache_format": CACHE_FORMAT, "text_sha256": sha256_text(ann.text),
            "annotations": ann.to_dict()}
    try:  # ASCII: a file name that is not UTF-8 (surrogate escapes) is kept, escaped
        atomic_write_text(entry_path(ann.text, key), json.dumps(data), own=True)
    except (OSError, ValueError):
        pass  # a read-only or full cache folder costs speed, not correctness
