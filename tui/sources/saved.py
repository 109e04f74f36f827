"""What the library records beside a page saved from the web: its URL, fetch time and
metadata, in ``NAME.html.json`` next to ``NAME.html``; and what counts as a URL.

Read by the loader (a saved page keeps its URL) and written by the fetcher.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

from tui.sources.clean import one_line

SIDECAR_SUFFIX = ".json"  # NAME.html -> NAME.html.json
_MAX_SIDECAR_BYTES = 64 * 1024


def is_url(s: object) -> bool:
    """Whether ``s`` is an http or https URL (as the command line gives it)."""
    return isinstance(s, str) and s[:8].lower().startswith(("http://", "https://"))


def clean_url(url: object) -> str:
    """A URL from outside (a feed's link, a server's redirect, a saved record) as it may
    be kept and shown: terminal escape sequences, control characters and bidi controls
    removed as they are from names (``tui.sources.clean``), whitespace percent-encoded."""
    return re.sub(r"\s", lambda m: urllib.parse.quote(m.group()), one_line(str(url or "")))


def sidecar_of(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict:
    """What was recorded beside a saved page (URL, fetch time, metadata), or {}."""
    side = sidecar_of(path)
    try:
        if not side.is_file() or side.stat().st_size > _MAX_SIDECAR_BYTES:
            return {}
        with open(side, "rb") as fh:
            meta = json.loads(fh.read(_MAX_SIDECAR_BYTES))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(meta, dict) or not is_url(meta.get("url")):
        return {}
    # every value came from outside (the server, the page): cleaned as names are
    return {k: clean_url(v) if k in ("url", "final_url") else one_line(v)
            for k, v in meta.items() if isinstance(v, str)}
