"""A digest of everything that turns a pipeline's output into annotations.

The analysis code and lexicons of ``tui/nlp`` and the user's own lexicon files
in the configuration folder: the cache keys its entries by it, so an upgrade
or a line added to a user lexicon is seen at the next open.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from tui.fsutil import read_regular_bytes
from tui.paths import config_dir

_USER_LEXICONS = ("*.tsv",)
_DIGEST_CHARS = 16


def analysis_files() -> list[Path]:
    here = Path(__file__).resolve().parent
    files = sorted(p for p in here.rglob("*.py") if "__pycache__" not in p.parts)
    files += sorted(here.rglob("*.tsv"))
    user = config_dir()
    for pattern in _USER_LEXICONS:
        files += sorted(user.glob(pattern))
    return files


@functools.lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Computed once per process."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for f in analysis_files():
        try:  # a regular file only: a FIFO or /dev/zero in the config folder must not block
            data = read_regular_bytes(f, 64 * 1024 * 1024)
        except OSError:
            data = b"-"
        name = str(f.relative_to(here)) if f.is_relative_to(here) else "user/" + f.name
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:_DIGEST_CHARS]
