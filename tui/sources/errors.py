"""The one exception reading an article raises, and the one-line reasons it gives.

Every failure on the way from a file to an :class:`~tui.sources.Article`
becomes a :class:`SourceError` whose ``str()`` is one line for the user;
:func:`os_error_reason` words an operating-system error the same way for
anyone else who reads or writes files.
"""

from __future__ import annotations

import os
from pathlib import Path

# the operating-system errors that have a reason of their own, first match wins
_NAMED_OS_ERRORS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "no such file"),
    (PermissionError, "permission denied"),
    (IsADirectoryError, "is a folder, not a file"),
)


class SourceError(Exception):
    """An article could not be read. ``str()`` is one line for the user."""

    def __init__(self, message: str, path: str | os.PathLike | None = None):
        message = " ".join(str(message).split())
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


def is_named_os_error(exc: OSError) -> bool:
    """Whether :func:`os_error_reason` has a reason of its own for ``exc``."""
    return any(isinstance(exc, kind) for kind, _ in _NAMED_OS_ERRORS)


def os_error_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in a few words: "no such file", "permission denied",
    "is a folder, not a file", else the system's own wording (``strerror``)."""
    for kind, reason in _NAMED_OS_ERRORS:
        if isinstance(exc, kind):
            return reason
    return (exc.strerror or str(exc) or type(exc).__name__).strip()
