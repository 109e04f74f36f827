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


class FormatError(ValueError):
    """A file is not in the format it claims to be (one-line message)."""


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


_MAX_OFFSET = 9007199254740991
_BULK = ("mentions", "entities", "tokens", "sentences")  # the arrays that grow with the text


@lru_cache(maxsize=8)
def _validator(which: str):
    """A jsonschema validator for a part of schema.json: "document", "extra" (the
    document without its text, every key optional), "spans", or a ``$defs`` name."""
    # a heavy library, imported only for the input or output that needs it
    from jsonschema import Draft202012Validator, validators

    # a DocBin's user data comes back from msgpack with tuples for lists
    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "array", lambda _checker, inst: isinstance(inst, (list, tuple)))
    validator_class = validators.extend(Draft202012Validator, type_checker=checker)
    base = _schema()
    if which == "document":
        schema = base
    elif which == "extra":
        schema = copy.deepcopy(base)
        schema["required"] = []
        schema["properties"] = {k: v for k, v in schema["properties"].items()
                                if k not in ("schema", "text")}
    elif which == "spans":
        schema = {"type": "array", "maxItems": 1_000_000, "items": _SPAN,
                  "$defs": base["$defs"]}
    else:
        schema = {"$ref": f"#/$defs/{which}", "$defs": base["$defs"]}
    return validator_class(schema)


def _first_error(validator, obj, where: str = "") -> str | None:
    # a heavy library, imported only for the input or output that needs it
    from jsonschema.exceptions import best_match

    err = best_match(validator.iter_errors(obj))
    if err is None:
        return None
    path = "/".join(str(p) for p in err.absolute_path)
    where = "/".join(x for x in (where, path) if x) or "top level"
    what = err.message
    if len(what) > 120:
        what = what[:117] + "…"
    return f"{where}: {what}"


# -- the fast path ---------------------------------------------------------------------
# jsonschema takes about a minute over the 200,000 tokens and 18,000 mentions of a 1 MB
# article. These checks are at least as strict as schema.json for one item of each bulky
# array, so an item they pass is valid; an item they fail is handed to jsonschema, which
# decides (and names what is wrong).

def _offset(v) -> bool:
    return type(v) is int and 0 <= v <= _MAX_OFFSET


def _string(v, min_len: int = 0, max_len: int | None = None) -> bool:
    return type(v) is str and len(v) >= min_len and (max_len is None or len(v) <= max_len)


def _fast_range(v) -> bool:
    return type(v) in (list, tuple) and len(v) == 2 and _offset(v[0]) and _offset(v[1])


def _fast_mention(m) -> bool:
    return (type(m) is dict and _string(m.get("id"), 1) and _offset(m.get("start"))
            and _offset(m.get("end")) and _string(m.get("text"), 1)
            and _string(m.get("label"), 1, 1000) and _string(m.get("entity")))


def _fast_role(r) -> bool:
    return (type(r) is dict and _string(r.get("text"), 1) and _offset(r.get("start"))
            and _offset(r.get("end")) and _string(r.get("mention")) and _string(r.get("gloss"))
            and _fast_range(r.get("sentence")))


def _strings(v) -> bool:
    return type(v) in (list, tuple) and all(type(x) is str for x in v)


def _fast_entity(e) -> bool:
    return (type(e) is dict and _string(e.get("id"), 1) and _string(e.get("label"), 1, 1000)
            and _string(e.get("name")) and _strings(e.get("variants"))
            and _strings(e.get("mentions")) and type(e.get("roles")) in (list, tuple)
            and all(_fast_role(r) for r in e["roles"])
            and type(e.get("ambiguous", False)) is bool)


def _fast_span(sp) -> bool:
    return (type(sp) is dict and _offset(sp.get("start")) and _offset(sp.get("end"))
            and _string(sp.get("label"), 1, 1000)
            and all(sp.get(k) is None or _string(sp.get(k), 0, 1000) for k in ("id", "entity")))


_FAST = {"mention": _fast_mention, "entity": _fast_entity, "range": _fast_range,
         "spans": _fast_span}
_ITEM_DEF = {"mentions": "mention", "entities": "entity", "tokens": "range",
             "sentences": "range"}


def _array_problem(items, item_def: str, where: str) -> str | None:
    """The first item of a bulky array that schema.json refuses, as a message, or None."""
    if type(items) not in (list, tuple):
        return None  # the skeleton's validation says what is wrong with it
    fast = _FAST[item_def]
    for i, item in enumerate(items):
        if not fast(item):
            validator = _span_validator() if item_def == "spans" else _validator(item_def)
            problem = _first_error(validator, item, f"{where}/{i}" if where else str(i))
            if problem:
                return problem
    return None


@lru_cache(maxsize=1)
def _span_validator():
    # a heavy library, imported only for the input or output that needs it
    from jsonschema import Draft202012Validator

    return Draft202012Validator({**_SPAN, "$defs": _schema()["$defs"]})


def _document_problem(which: str, obj: Any) -> str | None:
    """What schema.json (``which``: "document" or "extra") refuses in ``obj``, or None:
    jsonschema on the document with its bulky arrays emptied, the fast path on those."""
    if type(obj) is not dict:
        return _first_error(_validator(which), obj)
    skeleton = {k: ([] if k in _BULK and type(v) in (list, tuple) else v) for k, v in obj.items()}
    problem = _first_error(_validator(which), skeleton)
    if problem:
        return problem
    for key in _BULK:
        if key in obj:
            problem = _array_problem(obj[key], _ITEM_DEF[key], key)
            if problem:
                return problem
    return None


def _check(which: str, obj: Any, prefix: str = "") -> None:
    try:
        if which == "spans":
            problem = _first_error(_validator("spans"), obj) \
                if type(obj) not in (list, tuple) or len(obj) > 1_000_000 \
                else _array_problem(obj, "spans", "")
        else:
            problem = _document_problem(which, obj)
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
