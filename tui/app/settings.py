"""The reader's small settings file (the theme, the export dialog's last choices) in the configuration folder.

``settings.json`` in ``tui.paths.config_dir()``, written atomically; a missing
or unreadable file is an empty one, so a bad file never stops the reader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.fsutil import atomic_write_text, loads_json_bounded, read_regular_text
from tui.paths import config_dir

FILE_NAME = "settings.json"


def path() -> Path:
    return config_dir() / FILE_NAME


def load() -> dict[str, Any]:
    try:
        # a regular file of at most 1 MB: a FIFO or /dev/zero there must not stop the reader;
        # nesting bounded (a file nested 100,000 deep is a bad file, not a RecursionError)
        data = loads_json_bounded(read_regular_text(path(), 1024 * 1024))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def update(**values: Any) -> dict[str, Any]:
    """Set ``values`` in the file, keeping the other settings. Raises OSError."""
    data = load()
    data.update(values)
    atomic_write_text(path(), json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return data
