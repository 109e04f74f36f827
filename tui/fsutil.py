"""Safe file writes and reads: atomic replacement of regular files, capped reads of regular files.

Writing (:func:`atomic_write_bytes`, :func:`atomic_write_many`): a regular
file (or a name not yet taken) is written through a temporary file in the
same folder, fsync, then rename, so an interrupted write leaves the previous
file (or no file) in place, never a half-written one. The new file gets the
permissions a plain ``open(path, "w")`` would give: an existing file keeps its
mode, a new one gets ``0o666`` less the umask. Anything else is never
replaced: a character device, a FIFO or a socket (``/dev/null``, ``/dev/stdout``
through its symlink, a named pipe) is written straight into; a folder is
refused (``IsADirectoryError``). Several files that belong together (brat's
``.txt`` and ``.ann``) are all written to temporary files first, then all
renamed, so a failure while writing leaves the old pair whole. Personae's own
files (``own=True``: cache entries) are always replaced by a regular file,
whatever held their name.

Temporary files are named ``.NAME.PID.personae-XXXX.tmp`` (a name longer than
64 bytes is replaced by a hash, so the temporary name stays within the
system's 255 bytes whatever the final name); those left by a
process that was killed mid-write (SIGKILL, power loss) are removed the next
time Personae writes into that folder.

Reading (:func:`read_regular_bytes`, :func:`read_regular_text`): only a
regular file (after following symlinks), at most a given size, so a cache
entry or a configuration file that is a symlink to ``/dev/zero`` or a FIFO
is refused at once instead of filling the memory or hanging.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX: writers of one file wait for each other
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

DEFAULT_READ_CAP = 64 * 1024 * 1024


class NotRegularFile(OSError):
    """A read was asked of something that is not a regular file (a device, a FIFO, a folder)."""


class FileTooLarge(OSError):
    """A file is larger than the reader's cap."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_fd_link(path: Path) -> bool:
    """``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``: a name for an open descriptor."""
    p = os.path.abspath(path)
    if p in ("/dev/stdout", "/dev/stderr") or p.startswith(("/dev/fd/", "/proc/")):
        return True
    try:
        return os.path.islink(p) and os.path.realpath(p).startswith("/proc/")
    except OSError:
        return False


def _target_kind(path: Path) -> tuple[str, int | None]:
    """("new" | "regular" | "special" | "folder", mode of the existing regular file)."""
    if _is_fd_link(path):
        return "special", None
    try:
        st = os.stat(path)  # follows symlinks: /dev/stdout is a link to a device or pipe
    except FileNotFoundError:
        return "new", None
    if stat.S_ISDIR(st.st_mode):
        return "folder", None
    if stat.S_ISREG(st.st_mode):
        return "regular", stat.S_IMODE(st.st_mode)
    return "special", None


_WAIT_FOR_READER: contextvars.ContextVar[bool] = contextvars.ContextVar("wait", default=True)


@contextlib.contextmanager
def not_waiting_for_a_reader():
    """Within this block a FIFO that nothing reads is an error (``ENXIO``), not a wait:
    for the reader's export dialog, which must not freeze."""
    token = _WAIT_FOR_READER.set(False)
    try:
        yield
    finally:
        _WAIT_FOR_READER.reset(token)


def _write_special(path: Path, data: bytes) -> None:
    """Write into a device or FIFO as a shell redirection would (no rename, no truncation
    of anything but what the device itself does)."""
    flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOCTTY", 0)
    if not _WAIT_FOR_READER.get():
        try:
            fd = os.open(path, flags | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(errno.ENXIO, "nothing reads this pipe", str(path)) from None
            raise
        os.set_blocking(fd, True)
    else:
        fd = os.open(path, flags)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    finally:
        os.close(fd)


def _prepare(path: Path, data: bytes, own: bool = False) -> tuple[Path, str | None]:
    """Write ``data`` beside ``path`` in a temporary file with the final mode; return
    (path, temporary name), or (path, None) when ``path`` is a device or FIFO, written now.
    With ``own`` (a file of Personae's own folders) whatever has the name is replaced."""
    if own:
        kind, mode = "new", None
        if os.path.isdir(path) and not os.path.islink(path):
            raise IsADirectoryError(21, "is a folder", str(path))
    else:
        kind, mode = _target_kind(path)
    if kind == "folder":
        raise IsADirectoryError(21, "is a folder", str(path))
    if kind == "special":
        _write_special(path, data)
        return path, None
    if not own and os.path.islink(path):  # a link to a regular file: replace the file it names
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{_tmp_stem(path.name)}.{os.getpid()}{_TMP_MARK}",
                               suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode if mode is not None else 0o666 & ~_umask())
            os.fsync(fh.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return path, tmp


_TMP_MARK = ".personae-"
_TMP_STEM = 64   # bytes of the name kept in a temporary name; a longer name is hashed


def _tmp_stem(name: str) -> str:
    """The part of a temporary name that says what it will become: the name itself when
    short, else a hash of it, so that a name near the system's 255 bytes still has a
    temporary name the system accepts."""
    raw = os.fsencode(name)
    if len(raw) <= _TMP_STEM:
        return name
    return "h" + hashlib.sha256(raw).hexdigest()[:16]
_TMP_NAME = re.compile(r"\A\..+\.(\d+)" + re.escape(_TMP_MARK) + r"[^.]+\.tmp\Z")
_swept: set[str] = set()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _sweep(folder: Path) -> None:
    """Remove the temporary files that a killed write left in ``folder`` (they carry
    the writer's process id; only those of processes that are gone), once per folder
    and process."""
    key = os.path.abspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries
                     if (m := _TMP_NAME.match(e.name)) and not _alive(int(m.group(1)))]
    except OSError:
        return
    for p in stale:
        _unlink(p)


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_many(items: list[tuple[str | os.PathLike, bytes]], own: bool = False) -> None:
    """Write several files as one: every temporary file first, then every rename.

    If any write fails (disk full, no permission), no file is replaced and no
    temporary file is left. Devices and FIFOs among the targets are written
    straight into, unless ``own``: for the files of Personae's own folders
    (cache entries, corrections), whatever holds the name (a symlink, a FIFO)
    is replaced by a regular file."""
    prepared: list[tuple[Path, str]] = []
    try:
        for path, data in items:
            final, tmp = _prepare(Path(path), data, own)
            if tmp is not None:
                prepared.append((final, tmp))
        for final, tmp in prepared:
            os.replace(tmp, final)
    except BaseException:
        for _final, tmp in prepared:
            _unlink(tmp)
        raise
    for folder in {final.parent for final, _tmp in prepared}:
        _fsync_dir(folder)


def atomic_write_bytes(path: str | os.PathLike, data: bytes, own: bool = False) -> None:
    atomic_write_many([(path, data)], own)


def atomic_write_text(path: str | os.PathLike, text: str, own: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), own)


def is_special(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a device, FIFO or socket (after following symlinks)."""
    return _target_kind(Path(path))[0] == "special"


def read_regular_bytes(path: str | os.PathLike, cap: int = DEFAULT_READ_CAP) -> bytes:
    """The content of a regular file of at most ``cap`` bytes.

    Raises FileNotFoundError and the other OSErrors of ``open``,
    :class:`NotRegularFile` for a device, FIFO or folder (without opening it,
    so a FIFO cannot block) and :class:`FileTooLarge`."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(f"{os.fspath(path)}: not a regular file")
    if st.st_size > cap:
        raise FileTooLarge(f"{os.fspath(path)}: larger than {cap} bytes")
    # O_NONBLOCK: if the name was swapped for a FIFO since the stat, do not wait on it
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise NotRegularFile(f"{os.fspath(path)}: not a regular file")
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise FileTooLarge(f"{os.fspath(path)}: larger than {cap} bytes")
    return data


def read_regular_text(path: str | os.PathLike, cap: int = DEFAULT_READ_CAP,
                      encoding: str = "utf-8") -> str:
    """:func:`read_regular_bytes`, decoded (UnicodeDecodeError on bad bytes)."""
    return read_regular_bytes(path, cap).decode(encoding)


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created, with its folder): the writers of the
    corrections log and of the rules file wait for each other. No-op where there is no flock."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


#: how deep a configuration or log file of Personae's own may nest (they nest 4 or 5 deep)
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class NestedTooDeep(ValueError):
    """A JSON text nests deeper than its reader allows."""


def json_depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest (strings skipped), counted
    without parsing it, so a text nested 100,000 deep is measured, never recursed into."""
    depth = deepest = 0
    for m in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads_json_bounded(text: str, max_depth: int = MAX_JSON_DEPTH):
    """``json.loads`` of a small file of Personae's own (settings, the people decisions):
    ValueError (:class:`NestedTooDeep`) when it nests deeper than ``max_depth``, and for
    anything that is not JSON, instead of a RecursionError."""
    if json_depth(text) > max_depth:
        raise NestedTooDeep(f"nested deeper than {max_depth} levels")
    try:
        return json.loads(text)
    except RecursionError:
        raise NestedTooDeep(f"nested deeper than {max_depth} levels") from None
