"""Smaller things (issue 26, item 13): what the reader says about an entity's type reads as
English ("is an organisation", "as an entity of type Other", never "is a other" or "as a
organisation"), and opening articles leaves no lock files behind."""

from __future__ import annotations

import pytest

from tui.core import editing
from tui.document import Annotations, Entity, Mention, label_phrase
from tui.document.edits import Add, Retype

TEXT = "Ieri Mario Rossi ha visitato la Fiat a Torino."


def _ann() -> Annotations:
    spans = [("Mario Rossi", "PER", "e1"), ("Fiat", "ORG", "e2"), ("Torino", "LOC", "e3")]
    ms = []
    for i, (s, label, eid) in enumerate(spans, 1):
        a = TEXT.index(s)
        ms.append(Mention(f"m{i}", a, a + len(s), s, label, eid))
    ents = [Entity(m.entity, m.label, m.text, [m.text], [m.id]) for m in ms]
    return Annotations(TEXT, mentions=ms, entities=ents)


@pytest.mark.parametrize(("label", "phrase"), [("PER", "a person"), ("ORG", "an organisation"),
                                              ("LOC", "a place"), ("MISC", "an entity of type Other"),
                                              ("EVENT", "an EVENT"), ("DATE", "a DATE")])
def test_an_entity_type_after_is_or_as(label, phrase):
    assert label_phrase(label) == phrase


def test_the_corrections_say_the_type_with_the_right_article():
    fiat = (TEXT.index("Fiat"), TEXT.index("Fiat") + 4)
    assert Retype(fiat, "MISC").describe(TEXT) == "“Fiat” is an entity of type Other"
    ieri = (0, 4)
    assert Add((ieri,), "ORG").describe(TEXT).startswith("add “Ieri” as an organisation")
    ann = _ann()
    with pytest.raises(editing.Refused, match="Fiat is an organisation, Torino a place"):
        editing.merge_op(ann, "e2", "e3")
    with pytest.raises(editing.Refused, match="Fiat is already an organisation"):
        editing.retype_op(ann, "e2", "ORG")


def test_opening_articles_leaves_no_lock_files(cache_dir, tmp_path):
    """Reading the corrections of articles that have none writes nothing (issue 26, item 13:
    an empty .lock file was left for every article ever opened)."""
    from tui.core.editing import apply_all
    from tui.store import corrections

    for n in range(3):
        ann = _ann()
        ann.text = TEXT + f" ({n})"
        apply_all(ann)
        assert corrections.load_ops(ann.text) == []
    folder = corrections.path_for(TEXT).parent
    assert not folder.exists() or not list(folder.glob("*.lock"))
    # a correction is still saved, under its lock
    corrections.append(TEXT, {"op": "remove", "at": [TEXT.index("Fiat"), TEXT.index("Fiat") + 4]})
    assert len(corrections.load_ops(TEXT)) == 1


async def test_a_rule_for_every_article_needs_a_confirmation_that_names_it(tmp_path, monkeypatch):
    """t, g, enter (a stray key or two) no longer makes a global rule: the dialog names the
    rule and waits for a second enter; g unticked, or escape, makes none."""
    from test_polish import app_on, hand_made, reader
    from textual.widgets import Label

    from tui.app.correct_dialogs import ChoiceScreen
    from tui.store import rules as R

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        torino = next(e for e in screen.annotations.entities if e.name == "Torino")
        screen.panel.focus()
        screen.panel.highlight_entity(torino.id)
        await pilot.pause()
        await pilot.press("t", "g", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)   # not done yet
        note = str(app.screen.query_one("#note", Label).render())
        assert "Apply everywhere" in note and "“Torino” is a" in note
        assert R.load()[0] == []
        await pilot.press("escape")
        await pilot.pause()
        assert R.load()[0] == [] and next(
            e for e in screen.annotations.entities if e.name == "Torino").label == "LOC"
        # confirmed: the rule is made
        screen.panel.focus()
        screen.panel.highlight_entity(torino.id)
        await pilot.press("t", "g", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
        assert [r.describe() for r in R.load()[0]] == ["“Torino” is a person"]


async def test_at_80x24_notices_do_not_pile_up_over_the_text(tmp_path, monkeypatch):
    from test_polish import app_on, hand_made, reader

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    app = app_on(hand_made())
    async with app.run_test(size=(80, 24)) as pilot:
        await reader(pilot, app)
        for n in range(5):
            app.notify(f"Notice number {n}: something the reader says.", timeout=30)
        await pilot.pause()
        # what is on screen now (app.said keeps every notice ever given): Textual's own list
        shown = [n.message for n in app._notifications]
        assert shown == ["Notice number 3: something the reader says.",
                         "Notice number 4: something the reader says."]
    app = app_on(hand_made())
    async with app.run_test(size=(120, 40)) as pilot:  # a taller terminal keeps them all
        await reader(pilot, app)
        for n in range(4):
            app.notify(f"Notice {n}", timeout=30)
        await pilot.pause()
        assert len(list(app._notifications)) >= 4
