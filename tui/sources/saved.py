"""What the library records beside a page saved from the web: its URL, fetch time and
metadata, in ``NAME.html.json`` next to ``NAME.html``; and what counts as a URL.

Read by the loader (a saved page keeps its URL) and written by the fetcher.
"""

from __future__ import annotations

import json
from pathlib import Path

SIDECAR_SUFFIX = ".json"  # NAME.html -> NAME.html.json
_MAX_SIDECAR_BYTES = 64 * 1024


def is_url(s: object) -> bool:
    """Whether ``s`` is an http or https URL (as the command line gives it)."""
    return isinstance(s, str) and s[:8].lower().startswith(("http://", "https://"))


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
    return {k: v for k, v in meta.items() if isinstance(v, str)}
