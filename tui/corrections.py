"""The user's merges and splits, kept per article text and replayed on every analysis.

Operations name mentions by their offsets, which are stable for one text, so
they still apply after a re-analysis; an operation whose mentions are gone
(another pipeline found other spans) is skipped, not guessed.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui import cache
from tui.document import Annotations, sha256_text
from tui.fsutil import atomic_write_text


def path_for(text: str) -> Path:
    return cache.cache_dir() / "corrections" / f"{sha256_text(text)}.json"


def load_ops(text: str) -> list[dict]:
    try:
        data = json.loads(path_for(text).read_text(encoding="utf-8"))
        ops = data.get("ops", [])
        return [op for op in ops if isinstance(op, dict) and op.get("op") in ("merge", "split")]
    except (OSError, ValueError, AttributeError):
        return []


def save_ops(text: str, ops: list[dict]) -> None:
    atomic_write_text(path_for(text), json.dumps({"version": 1, "ops": ops}, ensure_ascii=False, indent=1))


def _entity_at(ann: Annotations, span) -> str | None:
    for m in ann.mentions:
        if [m.start, m.end] == list(span):
            return m.entity
    return None


def apply_op(ann: Annotations, op: dict) -> bool:
    if op["op"] == "merge":
        a, b = _entity_at(ann, op["keep"]), _entity_at(ann, op["other"])
        if a and b and a != b:
            ann.merge(a, b)
            return True
    elif op["op"] == "split":
        e = _entity_at(ann, op["at"])
        if e and ann.split(e, op["variant"]):
            return True
    return False


def apply_all(ann: Annotations) -> Annotations:
    for op in load_ops(ann.text):
        apply_op(ann, op)
    return ann


def record(ann: Annotations, op: dict) -> bool:
    """Apply ``op`` to ``ann`` and, if it changed anything, save it for this text."""
    if not apply_op(ann, op):
        return False
    save_ops(ann.text, load_ops(ann.text) + [op])
    return True


def merge_op(ann: Annotations, keep: str, other: str) -> dict:
    first = lambda eid: ann.mentions_of(eid)[0]  # noqa: E731
    a, b = first(keep), first(other)
    return {"op": "merge", "keep": [a.start, a.end], "other": [b.start, b.end]}


def split_op(ann: Annotations, eid: str, variant: str) -> dict:
    m = next(m for m in ann.mentions_of(eid) if m.text == variant)
    return {"op": "split", "at": [m.start, m.end], "variant": variant}
