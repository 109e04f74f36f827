"""The import checks: their fast path never lets through what schema.json refuses.

``tui.export.validate`` checks the bulky arrays of a document (mentions,
entities, tokens, sentences, spans) item by item with hand-written checks and
asks jsonschema only about the items those refuse. Here hypothesis throws
items of every shape at both: whatever the fast check passes, jsonschema
passes too; and a whole document is judged the same as by jsonschema alone.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.export import validate
from tui.export.common import FormatError

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-3, max_value=2**54),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=3),
    st.sampled_from(["", "PER", "x" * 1001, "m1"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.tuples(inner, inner)), max_leaves=6)
ranges = st.one_of(st.lists(st.integers(min_value=-1, max_value=2**54), max_size=3), values)


def items(keys: list[str], special: dict) -> st.SearchStrategy:
    return st.dictionaries(st.sampled_from(keys), st.one_of(values, *special.values()),
                           max_size=len(keys))


MENTION_KEYS = ["id", "start", "end", "text", "label", "entity", "other"]
ROLE = items(["text", "start", "end", "mention", "gloss", "sentence"], {"sentence": ranges})
ENTITY = items(["id", "label", "name", "variants", "mentions", "roles", "ambiguous"],
               {"roles": st.lists(ROLE, max_size=2), "list": st.lists(st.text(max_size=2))})


def schema_valid(defname: str, item) -> bool:
    """jsonschema alone on one item (tuples count as arrays, as msgpack gives them)."""
    return validate._validator(defname).is_valid(item)


@settings(max_examples=300, deadline=None)
@given(items(MENTION_KEYS, {}))
def test_fast_mention_check_is_never_looser_than_the_schema(item):
    if validate._fast_mention(item):
        assert schema_valid("mention", item)


@settings(max_examples=300, deadline=None)
@given(ENTITY)
def test_fast_entity_check_is_never_looser_than_the_schema(item):
    if validate._fast_entity(item):
        assert schema_valid("entity", item)


@settings(max_examples=300, deadline=None)
@given(ranges)
def test_fast_range_check_is_never_looser_than_the_schema(item):
    if validate._fast_range(item):
        assert schema_valid("range", item)


def _document(**over) -> dict:
    d = {"schema": "personae/1", "source": {"path": "a.txt", "sha256": "", "title": ""},
         "model": {"name": "x", "version": "1", "lang": "it"}, "text": "Mario Rossi",
         "mentions": [{"id": "m1", "start": 0, "end": 11, "text": "Mario Rossi", "label": "PER",
                       "entity": "e1"}],
         "entities": [{"id": "e1", "label": "PER", "name": "Mario Rossi",
                       "variants": ["Mario Rossi"], "mentions": ["m1"], "roles": []}],
         "tokens": [[0, 5], [6, 11]], "sentences": [[0, 11]]}
    d.update(over)
    return d


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["mentions", "entities", "tokens", "sentences"]),
       st.integers(min_value=0, max_value=2), st.one_of(values, items(MENTION_KEYS, {}), ENTITY))
def test_a_document_is_judged_as_jsonschema_judges_it(key, at, item):
    doc = _document()
    arr = list(doc[key])
    arr.insert(min(at, len(arr)), item)
    doc[key] = arr
    expected = validate._validator("document").is_valid(doc)  # jsonschema on the whole
    try:
        validate.check_document(doc)
        ok = True
    except FormatError as exc:
        ok = False
        assert key in str(exc)  # the message says where
    assert ok == expected


def test_a_float_offset_that_is_whole_is_what_the_schema_says():
    # JSON Schema counts 3.0 as an integer: the fast check defers to it
    doc = _document(tokens=[[0, 5.0]])
    assert validate._validator("document").is_valid(doc)  # the schema: 5.0 is an integer
    assert not validate._fast_range([0, 5.0])             # the fast path defers to it ...
    validate.check_document(doc)                          # ... and the document is accepted
    with pytest.raises(FormatError):                      # a fraction still is not
        validate.check_document(_document(tokens=[[0, 5.5]]))


@pytest.mark.parametrize("bad, where", [
    ({"mentions": [{"id": "m1", "start": 1e300 * 10, "end": 2, "text": "x", "label": "P",
                    "entity": ""}]}, "mentions/0/start"),
    ({"tokens": [[0, 5], [1]]}, "tokens/1"),
    ({"source": {"path": ["a"], "sha256": "", "title": ""}}, "source/path"),
])
def test_the_message_names_the_place(bad, where):
    with pytest.raises(FormatError, match=where):
        validate.check_document(_document(**bad))
