"""The corrections log: one JSON file per article text, the user's edits in order.

The edits themselves (what each kind does, how it is read and written) are
:mod:`tui.document.edits`; undo and redo are :mod:`tui.document.history`, and
:mod:`tui.core.editing` keeps this log equal to the history's done edits (an undo
takes its edit out of the log, a redo puts it back). This module is the file only.

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
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tui.document import sha256_text
from tui.document.edits import Edit, from_dict, is_valid
from tui.fsutil import atomic_write_text, locked
from tui.paths import cache_dir

#: 1: merge and split; 2: retype, remove, remove_entity, add, resize, add_role, remove_role
FORMAT_VERSION = 2
MAX_BYTES = 16 * 1024 * 1024  # a log is a few kB; anything this big is not one


def path_for(text: str) -> Path:
    return cache_dir() / "corrections" / f"{sha256_text(text)}.json"


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


@contextlib.contextmanager
def _locked(text: str) -> Iterator[Path]:
    path = path_for(text)
    with locked(path.with_name(path.stem + ".lock")):
        yield path


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


def save_ops(text: str, ops: list) -> None:
    with _locked(text) as path:
        _write(path, [_stored(op) for op in ops])


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


def _stored(op: Edit | dict) -> dict:
    return op.to_dict() if isinstance(op, Edit) else op


def append(text: str, op: Edit | dict) -> None:
    """Add an edit at the end of this text's log."""
    _change(text, lambda ops: [*ops, _stored(op)])


def unrecord(text: str, op: Edit | dict) -> None:
    """Drop the last entry that is ``op`` from the log (undo)."""
    edit = op if isinstance(op, Edit) else from_dict(op)

    def drop(ops: list[dict]) -> list[dict]:
        for i in range(len(ops) - 1, -1, -1):
            if from_dict(ops[i]) == edit:
                return ops[:i] + ops[i + 1:]
        return ops
    _change(text, drop)
