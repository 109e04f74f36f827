"""Movement between mentions (tui/app/navigation.py) and the document's no-overlap check,
on annotations built by hand: no pipeline, no app."""

from __future__ import annotations

import pytest

from tui.app.navigation import Navigator, find_matches
from tui.document import Annotations, Entity, Mention, non_overlapping

TEXT = "Rossi vede Bianchi. Rossi parla. Bianchi tace. Rossi esce."


def _ann() -> Annotations:
    spans = []
    for word in ("Rossi", "Bianchi"):
        start = 0
        while (k := TEXT.find(word, start)) >= 0:
            spans.append((k, k + len(word), word))
            start = k + 1
    spans.sort()
    mentions = [Mention(f"m{i + 1}", s, e, w, "PER", "e1" if w == "Rossi" else "e2")
                for i, (s, e, w) in enumerate(spans)]
    ents = [Entity(eid, "PER", name, [name], [m.id for m in mentions if m.entity == eid])
            for eid, name in (("e1", "Rossi"), ("e2", "Bianchi"))]
    ann = Annotations(text=TEXT, mentions=mentions, entities=ents)
    ann.check()
    return ann


def test_next_mention_of_an_entity_wraps_and_counts():
    ann = _ann()
    nav = Navigator(ann)
    first = nav.step_entity("e1", None, +1)
    assert first.start == 0 and nav.position(first) == (1, 3)
    second = nav.step_entity("e1", first, +1)
    third = nav.step_entity("e1", second, +1)
    assert nav.position(third) == (3, 3)
    assert nav.step_entity("e1", third, +1) == first  # wraps
    assert nav.step_entity("e1", first, -1) == third
    # from a mention of another entity, N starts at the last one
    other = nav.step_entity("e2", None, +1)
    assert nav.step_entity("e1", other, -1) == third


def test_next_mention_of_any_entity_goes_in_text_order_from_the_cursor_or_the_top():
    ann = _ann()
    nav = Navigator(ann)
    order = [m.text for m in nav.in_order]
    assert order == ["Rossi", "Bianchi", "Rossi", "Bianchi", "Rossi"]
    m = nav.step_any(None, 0, +1)
    seen = [m.text]
    for _ in range(5):
        m = nav.step_any(m.start, 0, +1)
        seen.append(m.text)
    assert seen == order + ["Rossi"]  # wraps to the first
    top = TEXT.index("parla")
    assert nav.step_any(None, top, +1).start == TEXT.index("Bianchi tace")
    assert nav.step_any(None, top, -1).start == TEXT.index("Rossi parla")


def test_find_ignores_case_and_blank_needles():
    assert find_matches(TEXT, "rossi") == [(0, 5), (20, 25), (47, 52)]
    assert find_matches(TEXT, "  ") == []
    assert find_matches("a.b", ".") == [(1, 2)]  # a needle is text, not a pattern


def test_check_refuses_overlapping_mentions():
    ann = _ann()
    ann.mentions.append(Mention("m9", 1, 4, TEXT[1:4], "PER", "e1"))
    ann.entities[0].mentions.append("m9")
    with pytest.raises(ValueError, match="overlap"):
        ann.check()


def test_non_overlapping_keeps_the_longest_then_the_earliest():
    ms = [Mention("a", 0, 5, "", "PER"), Mention("b", 0, 11, "", "ORG"),
          Mention("c", 6, 11, "", "PER"), Mention("d", 12, 14, "", "LOC"),
          Mention("e", 13, 15, "", "LOC")]
    assert [m.id for m in non_overlapping(ms)] == ["b", "d"]
