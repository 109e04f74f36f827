"""``json``: the ``personae/1`` document (the contract in DESIGN.md; schema in schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from tui.document import SCHEMA, Annotations
from tui.export.common import FormatError
from tui.fsutil import atomic_write_text


def dumps(ann: Annotations) -> str:
    return json.dumps(ann.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write(ann: Annotations, path: Path) -> list[Path]:
    path = Path(path)
    atomic_write_text(path, dumps(ann))
    return [path]


def loads(data: str) -> list[Annotations]:
    try:
        obj = json.loads(data)
    except ValueError as exc:
        raise FormatError(f"not JSON: {exc}") from None
    items = obj if isinstance(obj, list) else [obj]
    out = []
    for item in items:
        if not isinstance(item, dict) or item.get("schema") != SCHEMA:
            raise FormatError(f"not a {SCHEMA} export (no \"schema\": \"{SCHEMA}\")")
        try:
            out.append(Annotations.from_dict(item))
        except (KeyError, TypeError) as exc:
            raise FormatError(f"incomplete {SCHEMA} export: missing or bad {exc}") from None
        except ValueError as exc:
            raise FormatError(str(exc)) from None
    return out


def read(path: Path) -> list[Annotations]:
    return loads(Path(path).read_text(encoding="utf-8-sig"))
