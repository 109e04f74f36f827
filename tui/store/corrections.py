"""The user's corrections: an ordered log of operations per article text, replayed on every open.

Operations name mentions by their offsets, which are stable for one text, so
they still apply after a re-analysis; an operation whose target is gone
(another pipeline found other spans) is skipped and reported, never guessed and
never dropped from the log. Each kind of operation is registered in ``KINDS``
with how it is validated, applied and described. The rules about what may be
corrected (only entities of one type merge; the longer name is kept) live
here, not in the reader.

The log is a JSON file beside the article's cache entry, with a format
version. Writers take a lock file, so two readers correcting the same article
keep every operation; a file that cannot be read as a log (truncated, garbage,
another shape, unreadable, not a regular file) is renamed aside, never
overwritten, and the operations that could be read from it are kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from tui.document import Annotations, Mention, sha256_text
from tui.fsutil import atomic_write_text
from tui.paths import cache_dir
from tui.store.lookup import entity_for, occurrences

try:  # POSIX: writers of one article's log wait for each other
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

#: 1: merge and split; 2: retype, remove, remove_entity, add, resize, add_role, remove_role
FORMAT_VERSION = 2
MAX_BYTES = 16 * 1024 * 1024  # a log is a few kB; anything this big is not one
LABELS = {"PER": "Person", "ORG": "Organisation", "LOC": "Place", "MISC": "Other"}
_WORD = re.compile(r"\w[\w'’.\-]*\w|\w")


def label_name(label: str) -> str:
    return LABELS.get(label, label)


def path_for(text: str) -> Path:
    return cache_dir() / "corrections" / f"{sha256_text(text)}.json"


class Status(StrEnum):
    APPLIED = "applied"      # the operation changed the annotations
    SATISFIED = "satisfied"  # they already are as the operation wants
    GONE = "gone"            # its target is not in this analysis: skipped


# -- looking things up by offsets ---------------------------------------------------------

def _span(value) -> bool:
    return (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)
            and 0 <= value[0] < value[1])


def _mention_at(ann: Annotations, span) -> Mention | None:
    if not span:
        return None
    for m in ann.mentions_between(span[0], span[1]):
        if [m.start, m.end] == list(span):
            return m
    return None


def _entity_at(ann: Annotations, span) -> str | None:
    m = _mention_at(ann, span)
    return m.entity if m else None


def _fits(ann: Annotations, span) -> bool:
    return span[1] <= len(ann.text)


# -- applying each kind ----------------------------------------------------------------------

def _apply_merge(ann: Annotations, op: dict) -> Status:
    a, b = _entity_at(ann, op["keep"]), _entity_at(ann, op["other"])
    if not a or not b:
        return Status.GONE
    if a == b:
        return Status.SATISFIED
    if ann.entity(a).label != ann.entity(b).label:
        return Status.GONE
    ann.merge(a, b)
    return Status.APPLIED


def _apply_split(ann: Annotations, op: dict) -> Status:
    e = _entity_at(ann, op["at"])
    if not e:
        return Status.GONE
    if ann.split(e, op["variant"]):
        return Status.APPLIED
    return Status.SATISFIED if ann.entity(e).variants == [op["variant"]] else Status.GONE


def _apply_retype(ann: Annotations, op: dict) -> Status:
    e = _entity_at(ann, op["at"])
    if not e:
        return Status.GONE
    if ann.entity(e).label == op["label"]:
        return Status.SATISFIED
    ann.retype(e, op["label"])
    return Status.APPLIED


def _absent(ann: Annotations, span) -> Status:
    """A removal whose mention is not there: done already, unless another span covers it."""
    return Status.GONE if ann.mentions_between(*span) else Status.SATISFIED


def _apply_remove(ann: Annotations, op: dict) -> Status:
    m = _mention_at(ann, op["at"])
    if m is None:
        return _absent(ann, op["at"])
    ann.remove_mention(m.id)
    return Status.APPLIED


def _apply_remove_entity(ann: Annotations, op: dict) -> Status:
    e = _entity_at(ann, op["at"])
    if e is None:
        return _absent(ann, op["at"])
    ann.remove_entity(e)
    return Status.APPLIED


def _apply_add(ann: Annotations, op: dict) -> Status:
    label = op["label"]
    spans = [s for s in op["spans"] if _fits(ann, s)]
    eid = _entity_at(ann, op.get("join"))
    if eid is not None and ann.entity(eid).label != label:
        eid = None  # the entity it joined has another type in this analysis
    added = gone = 0
    for s in spans:
        there = _mention_at(ann, s)
        if there is not None:
            if ann.entity(there.entity).label != label:
                gone += 1
            else:
                eid = eid or there.entity
            continue
        if not ann.free(*s):
            gone += 1
            continue
        if eid is None:
            eid = entity_for(ann, ann.text[s[0]:s[1]], label)
        m = ann.add_mention(s[0], s[1], label, eid)
        eid = m.entity
        added += 1
    if added:
        return Status.APPLIED
    return Status.GONE if gone or len(spans) < len(op["spans"]) else Status.SATISFIED


def _apply_resize(ann: Annotations, op: dict) -> Status:
    if not _fits(ann, op["to"]):
        return Status.GONE
    m = _mention_at(ann, op["at"])
    if m is None:
        return Status.SATISFIED if _mention_at(ann, op["to"]) else Status.GONE
    if not ann.free(*op["to"], ignore=m.id):
        return Status.GONE
    ann.resize_mention(m.id, *op["to"])
    return Status.APPLIED


def _apply_add_role(ann: Annotations, op: dict) -> Status:
    e = _entity_at(ann, op["at"])
    if e is None or not _fits(ann, op["span"]):
        return Status.GONE
    s, t = op["span"]
    gloss = op.get("gloss", "")
    for r in ann.entity(e).roles:
        if (r.start, r.end) == (s, t):
            if r.gloss == gloss:
                return Status.SATISFIED
            ann.remove_role(e, s, t)
    ann.add_role(e, s, t, gloss)
    return Status.APPLIED


def _apply_remove_role(ann: Annotations, op: dict) -> Status:
    s, t = op["span"]
    done = False
    for e in list(ann.entities):
        if any((r.start, r.end) == (s, t) for r in e.roles):
            done = ann.remove_role(e.id, s, t) or done
    return Status.APPLIED if done else Status.SATISFIED


# -- describing them ---------------------------------------------------------------------------

def _q(text: str, span) -> str:
    s = text[span[0]:span[1]] if span and span[1] <= len(text) else "?"
    s = " ".join(s.split())
    return f"“{s[:40]}…”" if len(s) > 40 else f"“{s}”"


DESCRIBE: dict[str, Callable[[dict, str], str]] = {
    "merge": lambda op, t: f"merge {_q(t, op['other'])} into {_q(t, op['keep'])}",
    "split": lambda op, t: f"split {_q(t, op['at'])} out",
    "retype": lambda op, t: f"{_q(t, op['at'])} is a {label_name(op['label']).lower()}",
    "remove": lambda op, t: f"remove the mention {_q(t, op['at'])}",
    "remove_entity": lambda op, t: f"{_q(t, op['at'])} is not an entity",
    "add": lambda op, t: (f"add {_q(t, op['spans'][0])} as a {label_name(op['label']).lower()}"
                          + (f" ({len(op['spans'])} times)" if len(op["spans"]) > 1 else "")),
    "resize": lambda op, t: f"{_q(t, op['at'])} → {_q(t, op['to'])}",
    "add_role": lambda op, t: f"role {_q(t, op['span'])} for {_q(t, op['at'])}",
    "remove_role": lambda op, t: f"remove the role {_q(t, op['span'])}",
}


def describe(op: dict, text: str) -> str:
    try:
        return DESCRIBE[op["op"]](op, text)
    except (KeyError, TypeError, IndexError):
        return str(op.get("op", "?")) if isinstance(op, dict) else "?"


# -- the registry -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """One kind of operation: whether a stored dict is well formed, and how it applies."""

    valid: Callable[[dict], bool]
    apply: Callable[[Annotations, dict], Status]


def _has(op: dict, *spans: str) -> bool:
    return all(_span(op.get(k)) for k in spans)


def _label(op: dict) -> bool:
    return op.get("label") in LABELS


def _valid_add(op: dict) -> bool:
    spans = op.get("spans")
    return (_label(op) and isinstance(spans, list) and 0 < len(spans) <= 10_000
            and all(_span(s) for s in spans) and ("join" not in op or _span(op["join"])))


KINDS: dict[str, Kind] = {
    "merge": Kind(lambda op: _has(op, "keep", "other"), _apply_merge),
    "split": Kind(lambda op: _has(op, "at") and isinstance(op.get("variant"), str),
                  _apply_split),
    "retype": Kind(lambda op: _has(op, "at") and _label(op), _apply_retype),
    "remove": Kind(lambda op: _has(op, "at"), _apply_remove),
    "remove_entity": Kind(lambda op: _has(op, "at"), _apply_remove_entity),
    "add": Kind(_valid_add, _apply_add),
    "resize": Kind(lambda op: _has(op, "at", "to"), _apply_resize),
    "add_role": Kind(lambda op: _has(op, "at", "span") and isinstance(op.get("gloss", ""), str),
                     _apply_add_role),
    "remove_role": Kind(lambda op: _has(op, "span"), _apply_remove_role),
}


def is_valid(op: object) -> bool:
    if not isinstance(op, dict):
        return False
    kind = KINDS.get(op.get("op"))
    return kind is not None and kind.valid(op)


def apply_status(ann: Annotations, op: dict) -> Status:
    """Apply one operation; never raises on an operation that does not fit this analysis."""
    if not is_valid(op):
        return Status.GONE
    try:
        return KINDS[op["op"]].apply(ann, op)
    except (ValueError, KeyError):  # a target the document model refuses: skipped
        return Status.GONE


def apply_op(ann: Annotations, op: dict) -> bool:
    """Apply one operation; False when it changed nothing (or is malformed)."""
    return apply_status(ann, op) is Status.APPLIED


def replay(ann: Annotations, ops: list[dict]) -> list[dict]:
    """Apply ``ops`` in order; the ones whose target is gone, in order."""
    return [op for op in ops if apply_status(ann, op) is Status.GONE]


# -- the file ----------------------------------------------------------------------------------

@dataclass
class Log:
    """The operations read for one text, and what was wrong with its file, if anything."""

    ops: list[dict] = field(default_factory=list)
    problem: str = ""      # said to the user
    writable: bool = True  # False: a damaged file is still in the way
    # names of damaged files set aside and not yet shown in the reader: whoever set them
    # aside (the library counting people, an export) may not be the one that tells the user
    aside: list[str] = field(default_factory=list)


def _lock_path(path: Path) -> Path:
    return path.with_name(path.stem + ".lock")


@contextlib.contextmanager
def _locked(text: str) -> Iterator[Path]:
    path = path_for(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield path
        return
    fd = os.open(_lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        os.close(fd)  # releases the lock


def _read(path: Path) -> tuple[list[dict], str, list[str]] | None:
    """(ops, what is wrong, files set aside before) from the file; None: no file."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return [], f"cannot be read ({exc.strerror or exc})", []
    if not stat.S_ISREG(st.st_mode):
        return [], "is not a regular file", []
    if st.st_size > MAX_BYTES:
        return [], f"is too large ({st.st_size} bytes)", []
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        data = json.loads(raw.decode("utf-8"))
    except OSError as exc:
        return [], f"cannot be read ({exc.strerror or exc})", []
    except (UnicodeDecodeError, ValueError, RecursionError):
        return [], "is not a corrections file (truncated or damaged)", []
    if not isinstance(data, dict) or not isinstance(data.get("ops"), list):
        return [], "is not a corrections file (no list of operations)", []
    version = data.get("version", 1)
    if type(version) is not int or version > FORMAT_VERSION:
        return [], (f"has format version {version!r}, which this version of Personae cannot "
                    "read"), []
    ops = [op for op in data["ops"] if is_valid(op)]
    bad = len(data["ops"]) - len(ops)
    aside = data.get("set_aside", [])
    aside = [a for a in aside if isinstance(a, str)] if isinstance(aside, list) else []
    return (ops, f"has {bad} operation{'s' if bad > 1 else ''} that cannot be read" if bad else "",
            aside)


def _aside(path: Path) -> Path:
    """Rename a damaged file to a name of its own (never over another file)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        target = path.with_name(f"{path.stem}.damaged-{stamp}{f'-{n}' if n else ''}.json")
        try:
            os.link(path, target)  # fails if target exists: nothing is ever overwritten
        except FileExistsError:
            continue
        except OSError:
            if target.exists() or target.is_symlink():
                continue
            os.rename(path, target)  # no hard links here (or a symlink): rename instead
            return target
        os.unlink(path)
        return target
    raise OSError("no free name to keep the damaged corrections file")


def _load_locked(text: str, path: Path) -> Log:
    got = _read(path)
    if got is None:
        return Log()
    ops, problem, aside = got
    if not problem:
        if aside:
            return Log(ops, f"A damaged corrections file of this article was kept as "
                            f"{', '.join(aside)} in {path.parent}; the operations that could be "
                            "read from it are kept.", aside=aside)
        return Log(ops)
    try:
        kept = _aside(path)
    except OSError as exc:
        return Log(ops, f"The corrections file {path} {problem} and could not be set aside "
                        f"({exc}): new corrections of this article are not saved.", False)
    msg = f"The corrections file {path} {problem}: it was kept as {kept.name}"
    n = len(ops)
    msg += f"; its {n} readable operation{'s are' if n > 1 else ' is'} kept." if n else "."
    try:  # the new log remembers the file set aside until the reader has said so
        _write(path, ops, [kept.name])
    except OSError:
        pass
    return Log(ops, msg, aside=[kept.name])


def _write(path: Path, ops: list[dict], aside: list[str] | None = None) -> None:
    data: dict = {"version": FORMAT_VERSION, "ops": ops}
    if aside:
        data["set_aside"] = aside
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def load_log(text: str) -> Log:
    """The log for ``text``; a damaged file is set aside (see the module's docstring)."""
    try:
        with _locked(text) as path:
            return _load_locked(text, path)
    except OSError as exc:  # no cache folder to lock in: read what is there
        got = _read(path_for(text))
        if got is None:
            return Log()
        return Log(got[0], got[1] and f"The corrections file {path_for(text)} {got[1]} ({exc}).",
                   not got[1], got[2])


def load_ops(text: str) -> list[dict]:
    return load_log(text).ops


def save_ops(text: str, ops: list[dict]) -> None:
    with _locked(text) as path:
        _write(path, ops)


def _change(text: str, edit: Callable[[list[dict]], list[dict]]) -> None:
    """Read, edit and write the log under the lock, so concurrent writers keep every op."""
    with _locked(text) as path:
        log = _load_locked(text, path)
        if not log.writable:
            raise OSError(log.problem)
        _write(path, edit(log.ops), log.aside)


def acknowledge(text: str) -> None:
    """The reader has told the user about the damaged files set aside: forget them."""
    path = path_for(text)
    if not path.is_file():
        return
    try:
        with _locked(text):
            got = _read(path)
            if got is not None and not got[1] and got[2]:
                _write(path, got[0])
    except OSError:
        pass


def append(text: str, op: dict) -> None:
    _change(text, lambda ops: [*ops, op])


def unrecord(text: str, op: dict) -> None:
    """Drop the last operation equal to ``op`` from the log (undo)."""
    def drop(ops: list[dict]) -> list[dict]:
        for i in range(len(ops) - 1, -1, -1):
            if ops[i] == op:
                return ops[:i] + ops[i + 1:]
        return ops
    _change(text, drop)


def record(ann: Annotations, op: dict) -> bool:
    """Apply ``op`` to ``ann`` and, if it changed anything, add it to this text's log.
    Raises OSError (after applying) when it cannot be saved."""
    if not apply_op(ann, op):
        return False
    append(ann.text, op)
    return True


# -- the analysis as the user sees it --------------------------------------------------------

def corrected(original: Annotations, ops: list[dict]) -> tuple[Annotations, list[dict]]:
    """A copy of ``original`` with the user's rules and then ``ops`` applied, and the ops
    whose target is gone. The copy keeps ``original`` so that corrections can be undone."""
    from tui.store import rules

    ann = original.copy()
    ann.source = original.source
    found, problems = rules.load()
    rules.apply(ann, found)
    gone = replay(ann, ops)
    ann.original = original
    ann.notices = list(problems)
    return ann, gone


def gone_notice(gone: list[dict], text: str) -> str:
    if not gone:
        return ""
    n = len(gone)
    head = f"{n} correction{'s' if n > 1 else ''} no longer appl{'y' if n > 1 else 'ies'} " \
           "to this analysis (kept, skipped): "
    return head + "; ".join(describe(op, text) for op in gone[:8]) + ("; …" if n > 8 else "")


def apply_all(ann: Annotations) -> Annotations:
    """The analysis ``ann`` with the user's rules and this text's log replayed; what the
    user should be told is in its ``notices``."""
    log = load_log(ann.text)
    out, gone = corrected(ann, log.ops)
    if log.problem:
        out.notices.append(log.problem)
    if gone:
        out.notices.append(gone_notice(gone, ann.text))
    return out


def touched(ann: Annotations, ops: list[dict]) -> set[str]:
    """The entities the operations name (the panel marks them as corrected)."""
    out: set[str] = set()
    for op in ops:
        for k in ("keep", "other", "at", "to", "join"):
            eid = _entity_at(ann, op.get(k)) if _span(op.get(k)) else None
            if eid:
                out.add(eid)
        for s in op.get("spans", ()) if isinstance(op.get("spans"), list) else ():
            if _span(s) and (eid := _entity_at(ann, s)):
                out.add(eid)
    return out


# -- building operations from what the user chose -------------------------------------------

class Refused(ValueError):
    """A correction the rules do not allow, with the reason to show the user."""


def _first(ann: Annotations, eid: str) -> list[int]:
    m = ann.mentions_of(eid)[0]
    return [m.start, m.end]


def merge_op(ann: Annotations, first: str, second: str) -> dict:
    """The operation that merges two entities: only entities of one type merge, and the
    one with the longer name is kept. Raises Refused."""
    a, b = ann.entity(first), ann.entity(second)
    if a.label != b.label:
        raise Refused(f"Only entities of the same type can be merged: {a.name} is a "
                      f"{label_name(a.label).lower()}, {b.name} a {label_name(b.label).lower()} "
                      "(t changes the type).")
    keep, other = (a, b) if len(a.name) >= len(b.name) else (b, a)
    return {"op": "merge", "keep": _first(ann, keep.id), "other": _first(ann, other.id)}


def kept_entity(ann: Annotations, op: dict) -> str | None:
    """The entity an applied operation leaves selected."""
    for k in ("keep", "to", "at", "join"):
        if _span(op.get(k)) and (eid := _entity_at(ann, op[k])):
            return eid
    for s in op.get("spans", ()):
        if eid := _entity_at(ann, s):
            return eid
    return None


def split_op(ann: Annotations, eid: str, variant: str) -> dict:
    m = next(m for m in ann.mentions_of(eid) if m.text == variant)
    return {"op": "split", "at": [m.start, m.end], "variant": variant}


def retype_op(ann: Annotations, eid: str, label: str) -> dict:
    e = ann.entity(eid)
    if label not in LABELS:
        raise Refused(f"Unknown type {label!r}.")
    if e.label == label:
        raise Refused(f"{e.name} is already a {label_name(label).lower()}.")
    return {"op": "retype", "at": _first(ann, eid), "label": label}


def remove_op(ann: Annotations, mid: str) -> dict:
    m = ann.mention(mid)
    return {"op": "remove", "at": [m.start, m.end]}


def remove_entity_op(ann: Annotations, eid: str) -> dict:
    return {"op": "remove_entity", "at": _first(ann, eid)}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the spaces and the punctuation at its edges (brackets, quotes,
    commas; a closing dot stays for "Jr." and "S.p.A.")."""
    edge = " \t\n\r\u00a0,;:!?«»“”\"()[]{}"
    while start < end and text[start] in edge + ".'’":
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def add_op(ann: Annotations, start: int, end: int, label: str,
           everywhere_in_text: bool = False) -> dict:
    """Tag text[start:end] (trimmed) as a ``label``; with ``everywhere_in_text``, every
    other untagged occurrence of the same string as well. Raises Refused."""
    if label not in LABELS:
        raise Refused(f"Unknown type {label!r}.")
    start, end = trim(ann.text, start, end)
    if start >= end:
        raise Refused("Select some words of the text first.")
    taken = ann.mentions_between(start, end)
    if taken:
        raise Refused(f"“{taken[0].text}” is already tagged there: remove it (x) or change its "
                      "boundaries (< > , .) first.")
    spans = [[start, end]]
    if everywhere_in_text:
        spans += [[s, e] for s, e in occurrences(ann.text, ann.text[start:end])
                  if s != start and ann.free(s, e)]
    op: dict = {"op": "add", "spans": spans, "label": label}
    if (eid := entity_for(ann, ann.text[start:end], label)) is not None:
        op["join"] = _first(ann, eid)
    return op


def other_occurrences(ann: Annotations, start: int, end: int) -> int:
    """How many other untagged occurrences of text[start:end] (trimmed) the article has."""
    start, end = trim(ann.text, start, end)
    return sum(1 for s, e in occurrences(ann.text, ann.text[start:end])
               if s != start and ann.free(s, e))


def words(text: str) -> list[tuple[int, int]]:
    """The words of ``text`` as (start, end): what boundaries and selections move by."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def resize_op(ann: Annotations, mid: str, side: str, grow: bool) -> dict:
    """Move one edge of a mention by a word: ``side`` "start" or "end"; ``grow`` True to
    take in the next word out, False to give back the word at that edge. Raises Refused."""
    m = ann.mention(mid)
    text = ann.text
    ws = words(text[max(0, m.start - 200):m.end + 200])
    base = max(0, m.start - 200)
    ws = [(a + base, b + base) for a, b in ws]
    start, end = m.start, m.end
    if side == "end" and grow:
        nxt = [w for w in ws if w[0] >= end]
        if not nxt or "\n" in text[end:nxt[0][1]]:
            raise Refused("No word to take in after it on this line.")
        end = nxt[0][1]
    elif side == "end":
        inner = [w for w in ws if start <= w[0] and w[1] < end]
        if not inner:
            raise Refused("It is a single word: x removes it.")
        end = inner[-1][1]
    elif grow:
        prev = [w for w in ws if w[1] <= start]
        if not prev or "\n" in text[prev[-1][0]:start]:
            raise Refused("No word to take in before it on this line.")
        start = prev[-1][0]
    else:
        inner = [w for w in ws if start < w[0] and w[1] <= end]
        if not inner:
            raise Refused("It is a single word: x removes it.")
        start = inner[0][0]
    if not ann.free(start, end, ignore=mid):
        other = next(x for x in ann.mentions_between(start, end) if x.id != mid)
        raise Refused(f"That would overlap “{other.text}”: merge or remove it first.")
    return {"op": "resize", "at": [m.start, m.end], "to": [start, end]}


def add_role_op(ann: Annotations, eid: str, start: int, end: int, gloss: str = "") -> dict:
    start, end = trim(ann.text, start, end)
    if start >= end:
        raise Refused("Select the words of the role first.")
    near = min(ann.mentions_of(eid), key=lambda m: abs(m.start - start))
    return {"op": "add_role", "at": [near.start, near.end], "span": [start, end],
            "gloss": " ".join(gloss.split())}


def remove_role_op(role) -> dict:
    return {"op": "remove_role", "span": [role.start, role.end]}


def suggest_gloss(phrase: str) -> str:
    """The English of a role phrase from the role lexicon, where it knows the words
    ("ministro degli Esteri" -> "foreign minister"), else ""."""
    try:
        from tui.nlp import lexicon
    except ImportError:  # pragma: no cover
        return ""
    try:
        lex = lexicon.load_lexicon()
    except (OSError, ValueError):
        return ""
    ws = lexicon.split_words(phrase)
    best = None
    pres: list[str] = []
    for i in range(len(ws)):
        for entry in lex.entries.get(ws[i], ()):
            n = len(entry.words)
            if tuple(lexicon.norm(w) for w in ws[i:i + n]) == entry.words or \
                    (n == 1 and ws[i] in lex.forms.get(entry.words[0], ())):
                if entry.kind == lexicon.EntryKind.PRE and entry.gloss and best is None:
                    pres.append(entry.gloss)
                elif entry.kind == lexicon.EntryKind.ROLE and entry.gloss and best is None:
                    best = entry.gloss
                break
    if best is None:
        return ""
    text = best
    for g in reversed(pres):
        text = g.replace("{}", text) if "{}" in g else f"{g} {text}"
    return text
