"""Checking what an imported file holds against ``schema.json`` before anything is built from it.

``check_document`` validates one ``personae/1`` document (the json format),
``check_extra`` what Personae keeps beside another format's spans (jsonl's
``personae`` key, a DocBin's user data: the same document without its text,
every key optional), ``check_spans`` the spans themselves. The schema's
bounds (offsets are integers from 0 to 2**53, strings and lists have a size
limit) turn ``1e999``, a path that is a number, or a million-item list into
one :class:`FormatError` line naming where the problem is, instead of an
``OverflowError`` or ``TypeError`` further on. ``loads_json`` parses JSON
refusing what Python's parser would turn into a traceback or an infinity (a
document nested 100,000 deep, ``1e999``).
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.export.common import FormatError

SCHEMA_PATH = Path(__file__).with_name("schema.json")

_SPAN = {
    "type": "object",
    "required": ["start", "end", "label"],
    "properties": {
        "start": {"$ref": "#/$defs/offset"},
        "end": {"$ref": "#/$defs/offset"},
        "label": {"type": "string", "minLength": 1, "maxLength": 1000},
        "id": {"type": ["string", "null"], "maxLength": 1000},
        "entity": {"type": ["string", "null"], "maxLength": 1000},
    },
}


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _validator(which: str):
    from jsonschema import Draft202012Validator, validators

    # a DocBin's user data comes back from msgpack with tuples for lists
    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "array", lambda _checker, inst: isinstance(inst, (list, tuple)))
    validator_class = validators.extend(Draft202012Validator, type_checker=checker)
    base = _schema()
    if which == "document":
        schema = base
    elif which == "extra":  # the document without its text, every key optional
        schema = copy.deepcopy(base)
        schema["required"] = []
        schema["properties"] = {k: v for k, v in schema["properties"].items()
                                if k not in ("schema", "text")}
    else:
        schema = {"type": "array", "maxItems": 1_000_000, "items": _SPAN,
                  "$defs": base["$defs"]}
    return validator_class(schema)


def _first_error(validator, obj) -> str | None:
    from jsonschema.exceptions import best_match

    err = best_match(validator.iter_errors(obj))
    if err is None:
        return None
    where = "/".join(str(p) for p in err.absolute_path) or "top level"
    what = err.message
    if len(what) > 120:
        what = what[:117] + "…"
    return f"{where}: {what}"


def _check(which: str, obj: Any, prefix: str = "") -> None:
    try:
        problem = _first_error(_validator(which), obj)
    except RecursionError:
        problem = "nested too deep"
    if problem:
        raise FormatError(f"{prefix}{problem}")


def check_document(obj: Any) -> None:
    """Raise FormatError unless ``obj`` is a ``personae/1`` document within the schema's bounds."""
    _check("document", obj)


def check_extra(obj: Any) -> None:
    """Raise FormatError unless ``obj`` fits what Personae keeps beside a format's spans."""
    _check("extra", obj, "personae data: ")


def check_spans(spans: Any) -> None:
    """Raise FormatError unless ``spans`` is a list of {start, end, label} within bounds."""
    _check("spans", spans, "spans: ")


def loads_json(data: str) -> Any:
    """``json.loads`` that refuses, with FormatError, nesting deeper than Python's
    recursion limit, ``NaN``/``Infinity`` and numbers too large for a float (``1e999``)."""
    def bad_constant(name: str):
        raise FormatError(f"not JSON: {name} is not a number JSON allows")

    def parse_float(s: str) -> float:
        v = float(s)
        if v in (float("inf"), float("-inf")):
            raise FormatError(f"not JSON: number {s[:20]} is out of range")
        return v

    try:
        return json.loads(data, parse_constant=bad_constant, parse_float=parse_float)
    except RecursionError:
        raise FormatError("not a Personae export: nested too deep") from None
    except FormatError:
        raise
    except ValueError as exc:
        raise FormatError(f"not JSON: {exc}") from None
