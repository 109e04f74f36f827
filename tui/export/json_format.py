"""``json``: the ``personae/1`` document (the contract in DESIGN.md; schema in schema.json).

Reading, a ``.json`` file may also be Label Studio's export (a task list), read by
``labelstudio``: the two formats share the extension."""

from __future__ import annotations

import json
from pathlib import Path

from tui.document import SCHEMA, Annotations
from tui.export import labelstudio
from tui.export.common import FormatError, read_import_text, refuse_items, refuse_spans
from tui.export.validate import check_document, loads_json


def dumps(ann: Annotations) -> str:
    return json.dumps(ann.to_dict(), ensure_ascii=False, indent=2) + "\n"


def loads_each(data: str) -> list[Annotations | FormatError]:
    """Each article of a JSON export (one document or a list of them), or the reason
    it cannot be read: a bad article does not stop the good ones beside it."""
    refuse_items(data)
    obj = loads_json(data)
    items = obj if isinstance(obj, list) else [obj]
    if items and all(labelstudio.is_task(item) for item in items):
        return labelstudio.each_task(obj)  # Label Studio's export: a task list, also .json
    out: list[Annotations | FormatError] = []
    for n, item in enumerate(items, 1):
        where = f"article {n}: " if isinstance(obj, list) else ""
        if not isinstance(item, dict) or item.get("schema") != SCHEMA:
            out.append(FormatError(f"{where}not a {SCHEMA} export (no \"schema\": \"{SCHEMA}\")"))
            continue
        try:
            for key in ("mentions", "entities"):
                if isinstance(item.get(key), list):
                    refuse_spans(len(item[key]))
            check_document(item)
            out.append(Annotations.from_dict(item))
        except FormatError as exc:
            out.append(FormatError(f"{where}{exc}"))
        except (KeyError, TypeError, OverflowError) as exc:
            out.append(FormatError(f"{where}incomplete {SCHEMA} export: missing or bad {exc}"))
        except ValueError as exc:
            out.append(FormatError(f"{where}{exc}"))
    return out


def read_each(path: Path) -> list[Annotations | FormatError]:
    return loads_each(read_import_text(path))
