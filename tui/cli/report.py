"""What the command line tells the user: one-line errors, a progress bar, standard output.

Exit status everywhere: 0 done, 2 bad usage (``UsageError``), 1 some input
could not be read (one line per bad input on stderr, ``personae: PATH: reason``).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tui.display import message

PROG = "personae"


class UsageError(Exception):
    """Bad usage: reported on one line, exit status 2."""


def say(msg: str) -> None:
    """One line on stderr; what came from a file (a name, a reason quoting it) is shown
    escaped, never sent to the terminal as it is (``tui.display.message``)."""
    print(f"{PROG}: {message(msg)}", file=sys.stderr)


class Reporter:
    """Error lines on stderr, and a progress bar there when it is a terminal."""

    def __init__(self, total: int, label: str):
        self.total = total
        self.label = label
        self.progress = None
        self.task = None

    @contextmanager
    def running(self) -> Iterator[Reporter]:
        show = self.total > 1 and isatty(sys.stderr)
        if not show:
            yield self
            return
        # a heavy library, imported only for the input or output that needs it
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=sys.stderr)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console, transient=True) as prog:
            self.progress = prog
            self.task = prog.add_task(self.label, total=self.total)
            try:
                yield self
            finally:
                self.progress = None

    def step(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"{self.label} {name}")

    def done(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def error(self, where: object, reason: object) -> None:
        line = f"{PROG}: {message(f'{where}: {reason}')}"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def reason(exc: BaseException) -> str:
    """Why ``exc`` happened, on one line; OS errors worded as the article loader words them."""
    if isinstance(exc, OSError):
        # imported when the command runs, so `personae --help` and the parser stay quick
        from tui.sources.errors import os_error_reason

        return os_error_reason(exc)
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def write_stdout(text: str) -> None:
    """``text`` on standard output. A reader that went away (``| head``) ends the output
    quietly; a standard output that cannot be written (``> /dev/full``, closed with
    ``>&-``) raises OSError naming it, for one line and exit status 1, and is pointed at
    the null device so that nothing more (the interpreter's last flush) fails on it."""
    stream = sys.stdout
    if stream is None:  # started with descriptor 1 closed
        raise OSError(errno.EBADF, "closed", "standard output")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:  # `personae export … -o - | head`
        _to_devnull(stream)
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        _to_devnull(stream)
        raise OSError(getattr(exc, "errno", None) or errno.EIO,
                      getattr(exc, "strerror", None) or "closed", "standard output") from None


def _to_devnull(stream) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def model_ready(model: str | None) -> bool:
    """Whether the pipeline can be used; if not, its one-line reason is said (the caller
    then exits 2, before any input is read or the reader starts)."""
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.core.analysis import ModelError, check_model

    try:
        check_model(model)
    except ModelError as exc:
        say(str(exc))
        return False
    return True


def readable_files(paths: list) -> tuple[list, int]:
    """The article files that PATHs name (folders give their articles, URLs their saved
    page), each one that cannot be read said in one line; and the exit status so far
    (1 when anything was said, else 0)."""
    from tui.core.opening import article_files  # the core's side: only when a command runs

    status = 0

    def early_error(where, why) -> None:
        nonlocal status
        status = 1
        say(f"{where}: {why}")

    files, _ok = article_files(paths, early_error)
    return files, status
