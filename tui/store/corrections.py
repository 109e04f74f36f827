"""The user's corrections: an ordered log of operations per article text, replayed on every open.

Operations name mentions by their offsets, which are stable for one text, so
they still apply after a re-analysis; an operation whose mentions are gone
(another pipeline found other spans) is skipped, not guessed. Each kind of
operation is registered in ``KINDS`` with how it is validated and applied.
The rules about what may be corrected (only entities of one type merge; the
longer name is kept) live here, not in the reader.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.document import Annotations, sha256_text
from tui.fsutil import atomic_write_text
from tui.paths import cache_dir

FORMAT_VERSION = 1


def path_for(text: str) -> Path:
    return cache_dir() / "corrections" / f"{sha256_text(text)}.json"


def _span(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)


def _entity_at(ann: Annotations, span) -> str | None:
    for m in ann.mentions:
        if [m.start, m.end] == list(span):
            return m.entity
    return None


def _apply_merge(ann: Annotations, op: dict) -> bool:
    a, b = _entity_at(ann, op["keep"]), _entity_at(ann, op["other"])
    if a and b and a != b:
        ann.merge(a, b)
        return True
    return False


def _apply_split(ann: Annotations, op: dict) -> bool:
    e = _entity_at(ann, op["at"])
    return bool(e and ann.split(e, op["variant"]))


@dataclass(frozen=True)
class Kind:
    """One kind of operation: whether a stored dict is well formed, and how it applies."""

    valid: Callable[[dict], bool]
    apply: Callable[[Annotations, dict], bool]


KINDS: dict[str, Kind] = {
    "merge": Kind(lambda op: _span(op.get("keep")) and _span(op.get("other")), _apply_merge),
    "split": Kind(lambda op: _span(op.get("at")) and isinstance(op.get("variant"), str),
                  _apply_split),
}


def is_valid(op: object) -> bool:
    if not isinstance(op, dict):
        return False
    kind = KINDS.get(op.get("op"))
    return kind is not None and kind.valid(op)


def load_ops(text: str) -> list[dict]:
    try:
        data = json.loads(path_for(text).read_text(encoding="utf-8"))
        return [op for op in data.get("ops", []) if is_valid(op)]
    except (OSError, ValueError, AttributeError):
        return []


def save_ops(text: str, ops: list[dict]) -> None:
    atomic_write_text(path_for(text), json.dumps({"version": FORMAT_VERSION, "ops": ops},
                                                 ensure_ascii=False, indent=1))


def apply_op(ann: Annotations, op: dict) -> bool:
    """Apply one operation; False when it no longer applies (or is malformed)."""
    if not is_valid(op):
        return False
    return KINDS[op["op"]].apply(ann, op)


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


class Refused(ValueError):
    """A correction the rules do not allow, with the reason to show the user."""


def merge_op(ann: Annotations, first: str, second: str) -> dict:
    """The operation that merges two entities: only entities of one type merge, and the
    one with the longer name is kept. Raises Refused."""
    a, b = ann.entity(first), ann.entity(second)
    if a.label != b.label:
        raise Refused("Only entities of the same type can be merged.")
    keep, other = (a, b) if len(a.name) >= len(b.name) else (b, a)
    k, o = ann.mentions_of(keep.id)[0], ann.mentions_of(other.id)[0]
    return {"op": "merge", "keep": [k.start, k.end], "other": [o.start, o.end]}


def kept_entity(ann: Annotations, op: dict) -> str | None:
    """The entity an applied operation leaves selected."""
    return _entity_at(ann, op.get("keep") or op.get("at") or [])


def split_op(ann: Annotations, eid: str, variant: str) -> dict:
    m = next(m for m in ann.mentions_of(eid) if m.text == variant)
    return {"op": "split", "at": [m.start, m.end], "variant": variant}
