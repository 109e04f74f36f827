"""The user's decisions about people across articles: merge two of them, or split one article's off.

The library index (:mod:`tui.store.index`) is derived data and may be deleted at
any time; these decisions are the user's and live in their own file,
``paths.cache_dir()/corrections/people.json``, beside the per-article
corrections. An article's entity is named by the text's hash and the offsets of
its first mention, which are stable for one text, so a decision still applies
after the index is rebuilt; one whose entity is gone is skipped, not guessed.

Operations, replayed in order over the automatic grouping:

- ``{"op": "merge", "keep": REF, "other": REF}``: everything grouped with ``other``
  joins the group of ``keep``;
- ``{"op": "split", "at": REF}``: the entity leaves its group and stands alone;

where ``REF`` is ``[text_sha256, start, end]``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tui.fsutil import (
    DEFAULT_READ_CAP,
    atomic_write_text,
    loads_json_bounded,
    read_regular_bytes,
    read_regular_text,
)
from tui.paths import cache_dir

FORMAT_VERSION = 1
Ref = tuple[str, int, int]


def path() -> Path:
    return cache_dir() / "corrections" / "people.json"


def _ref(value) -> bool:
    return (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)
            and all(type(v) is int for v in value[1:]))


def is_valid(op: object) -> bool:
    if not isinstance(op, dict):
        return False
    if op.get("op") == "merge":
        return _ref(op.get("keep")) and _ref(op.get("other"))
    if op.get("op") == "split":
        return _ref(op.get("at"))
    return False


_NOTICES: list[str] = []


def notices() -> list[str]:
    """What was said about the decisions file since the last call (a damaged file set
    aside), each once."""
    out = list(dict.fromkeys(_NOTICES))
    _NOTICES.clear()
    return out


def load_ops() -> list[dict]:
    """The decisions, in order. A file that is not a decisions file (garbage, another
    shape, nested too deep) is set aside as a damaged corrections log is, and said
    (:func:`notices`); a FIFO or a device there is skipped, never waited on."""
    p = path()
    try:
        text = read_regular_text(p, DEFAULT_READ_CAP)  # no FIFO, no /dev/zero
    except UnicodeDecodeError:
        _set_aside(p, "is not UTF-8 text")
        return []
    except OSError:
        return []
    try:
        data = loads_json_bounded(text)
    except ValueError as exc:
        _set_aside(p, f"is not a decisions file ({exc})")
        return []
    if not isinstance(data, dict) or not isinstance(data.get("ops", []), list):
        _set_aside(p, "is not a decisions file (no list of operations)")
        return []
    return [op for op in data.get("ops", []) if is_valid(op)]


def _set_aside(p: Path, why: str) -> None:
    from tui.store.corrections import _aside  # the log's module: only for a damaged file

    try:
        kept = _aside(p)
    except OSError as exc:
        _NOTICES.append(f"The people decisions file {p} {why} and could not be set aside "
                        f"({exc.strerror or exc}); it is not used.")
        return
    _NOTICES.append(f"The people decisions file {p} {why}: it was kept as {kept.name}; "
                    "merges and splits across articles start again from none.")


def digest() -> str:
    """Changes whenever the decisions change (the index reads it to know it must regroup)."""
    try:
        return hashlib.sha256(read_regular_bytes(path(), DEFAULT_READ_CAP)).hexdigest()[:16]
    except OSError:
        return ""


def record(op: dict) -> None:
    if not is_valid(op):
        raise ValueError(f"not a valid operation: {op!r}")
    atomic_write_text(path(), json.dumps({"version": FORMAT_VERSION, "ops": load_ops() + [op]},
                                         ensure_ascii=False, indent=1))


def unrecord(op: dict) -> bool:
    """Take back the last occurrence of ``op`` (an undo); False if it is not there."""
    ops = load_ops()
    for i in range(len(ops) - 1, -1, -1):
        if ops[i] == op:
            del ops[i]
            atomic_write_text(path(), json.dumps({"version": FORMAT_VERSION, "ops": ops},
                                                 ensure_ascii=False, indent=1))
            return True
    return False


def merge_op(keep: Ref, other: Ref) -> dict:
    return {"op": "merge", "keep": list(keep), "other": list(other)}


def split_op(at: Ref) -> dict:
    return {"op": "split", "at": list(at)}


def replay(groups: dict[Ref, int], ops: list[dict]) -> dict[Ref, int]:
    """The grouping (entity -> group number) after the operations, in order."""
    out = dict(groups)
    members: dict[int, set[Ref]] = {}
    for ref, g in out.items():
        members.setdefault(g, set()).add(ref)
    fresh = max(out.values(), default=-1) + 1
    for op in ops:
        if op["op"] == "merge":
            keep, other = tuple(op["keep"]), tuple(op["other"])
            if keep not in out or other not in out or out[keep] == out[other]:
                continue
            g, h = out[keep], out[other]
            for ref in members.pop(h):
                out[ref] = g
                members[g].add(ref)
        else:
            at = tuple(op["at"])
            if at not in out or len(members[out[at]]) == 1:
                continue
            members[out[at]].discard(at)
            out[at] = fresh
            members[fresh] = {at}
            fresh += 1
    return out
