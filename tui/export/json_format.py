"""``json``: the ``personae/1`` document (the contract in DESIGN.md; schema in schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from tui.document import SCHEMA, Annotations
from tui.export.common import MAX_IMPORT_BYTES, FormatError
from tui.export.validate import check_document, loads_json
from tui.fsutil import atomic_write_text, read_regular_text


def dumps(ann: Annotations) -> str:
    return json.dumps(ann.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write(ann: Annotations, path: Path) -> list[Path]:
    path = Path(path)
    atomic_write_text(path, dumps(ann))
    return [path]


def loads_each(data: str) -> list[Annotations | FormatError]:
    """Each article of a JSON export (one document or a list of them), or the reason
    it cannot be read: a bad article does not stop the good ones beside it."""
    obj = loads_json(data)
    items = obj if isinstance(obj, list) else [obj]
    out: list[Annotations | FormatError] = []
    for n, item in enumerate(items, 1):
        where = f"article {n}: " if isinstance(obj, list) else ""
        if not isinstance(item, dict) or item.get("schema") != SCHEMA:
            out.append(FormatError(f"{where}not a {SCHEMA} export (no \"schema\": \"{SCHEMA}\")"))
            continue
        try:
            check_document(item)
            out.append(Annotations.from_dict(item))
        except FormatError as exc:
            out.append(FormatError(f"{where}{exc}"))
        except (KeyError, TypeError, OverflowError) as exc:
            out.append(FormatError(f"{where}incomplete {SCHEMA} export: missing or bad {exc}"))
        except ValueError as exc:
            out.append(FormatError(f"{where}{exc}"))
    return out


def loads(data: str) -> list[Annotations]:
    """Every article, or FormatError for the first that cannot be read."""
    out = []
    for item in loads_each(data):
        if isinstance(item, FormatError):
            raise item
        out.append(item)
    return out


def read_each(path: Path) -> list[Annotations | FormatError]:
    return loads_each(read_regular_text(path, MAX_IMPORT_BYTES, "utf-8-sig"))


def read(path: Path) -> list[Annotations]:
    return loads(read_regular_text(path, MAX_IMPORT_BYTES, "utf-8-sig"))
