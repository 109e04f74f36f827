"""Correcting the analysis in the reader (tui/app/correct.py), through Textual's pilot with the
shipped pipeline: every action, undo and redo, what survives a reopen, the rules screen."""

from __future__ import annotations

import json

import pytest
from test_app import SEED, SIZE, entity_named, open_reader, panel_text
from textual.widgets import Checkbox, OptionList

from tui.app.correct_dialogs import ChoiceScreen, GlossScreen, RulesScreen
from tui.app.main import PersonaeApp, open_paths
from tui.core import editing
from tui.document import lookup
from tui.store import corrections
from tui.store import rules as R


@pytest.fixture(autouse=True)
def _own_folders(cache_dir, tmp_path, monkeypatch):
    """A fresh cache (analyses and corrections) and configuration (rules) for each test."""
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))


def named(ann, name: str, label: str | None = None):
    found = [e for e in ann.entities if e.name == name and (label is None or e.label == label)]
    assert found, f"no entity {name!r} in {[(e.name, e.label) for e in ann.entities]}"
    return found[0]


def section_of(screen, name: str) -> str:
    """The panel section ("People", "Places", ...) that lists ``name``."""
    section = ""
    for line in panel_text(screen).splitlines():
        if not line.startswith(" ") and "(" in line and line.split(" (")[0] in (
                "People", "Organisations", "Places", "Other"):
            section = line.split(" (")[0]
        elif line.split("  ")[0] == name:
            return section
    return ""


async def choose(pilot, app, choice_id: str, *toggles: str) -> None:
    """In the open ChoiceScreen, press the toggle keys, then pick ``choice_id``."""
    await pilot.pause()
    assert isinstance(app.screen, ChoiceScreen), app.screen
    for key in toggles:
        await pilot.press(key)
    box = app.screen.query_one("#choices", OptionList)
    box.highlighted = box.get_option_index(choice_id)
    await pilot.press("enter")
    await pilot.pause()


async def focus_entity(pilot, screen, eid: str) -> None:
    screen.panel.focus()
    screen.panel.highlight_entity(eid)
    await pilot.pause()


async def test_retype_a_place_into_a_person_sticks_and_undoes():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        budapest = named(screen.annotations, "Budapest")
        assert section_of(screen, "Budapest") == "Places"
        await focus_entity(pilot, screen, budapest.id)
        await pilot.press("t")
        await choose(pilot, app, "PER")
        ann = screen.annotations
        e = named(ann, "Budapest")
        assert e.label == "PER" and all(ann.mention(m).label == "PER" for m in e.mentions)
        assert section_of(screen, "Budapest") == "People"
        assert "✎" in panel_text(screen)  # marked as corrected
        ann.check()
    # reopened: still a person
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        assert named(screen.annotations, "Budapest").label == "PER"
        await pilot.press("u")
        await pilot.pause()
        assert named(screen.annotations, "Budapest").label == "LOC"
        assert section_of(screen, "Budapest") == "Places"
        assert any("Undone" in n.message for n in app.said)
        assert corrections.load_ops(screen.annotations.text) == []
        await pilot.press("U")
        await pilot.pause()
        assert named(screen.annotations, "Budapest").label == "PER"
        assert len(corrections.load_ops(screen.annotations.text)) == 1


async def test_merge_after_retype_and_undo_of_the_merge():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        mosca, trump = named(ann, "Mosca"), entity_named(ann, "Trump")
        n_trump = len(trump.mentions)
        await focus_entity(pilot, screen, mosca.id)
        await pilot.press("m")
        await focus_entity(pilot, screen, trump.id)
        await pilot.press("m")
        await pilot.pause()
        assert any("same type" in n.message for n in app.said)  # refused
        await focus_entity(pilot, screen, mosca.id)
        await pilot.press("t")
        await choose(pilot, app, "PER")
        await focus_entity(pilot, screen, named(screen.annotations, "Mosca").id)
        await pilot.press("m")
        await focus_entity(pilot, screen, entity_named(screen.annotations, "Trump").id)
        await pilot.press("m")
        await pilot.pause()
        merged = entity_named(screen.annotations, "Trump")
        assert "Mosca" in merged.variants and len(merged.mentions) == n_trump + 1
        await pilot.press("ctrl+z")  # undo the merge
        await pilot.pause()
        ann = screen.annotations
        assert named(ann, "Mosca").label == "PER" and "Mosca" not in entity_named(ann, "Trump").variants
        ops = corrections.load_ops(ann.text)
        assert [op["op"] for op in ops] == ["retype"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Mosca" in entity_named(screen.annotations, "Trump").variants


async def test_remove_a_mention_and_an_entity_then_undo_both():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        usa = named(ann, "Stati Uniti")
        n = len(usa.mentions)
        await focus_entity(pilot, screen, usa.id)
        await pilot.press("enter")  # select: the cursor on its first mention
        await pilot.pause()
        first = screen.view.cursor.start
        await pilot.press("x")
        await pilot.pause()
        assert len(named(screen.annotations, "Stati Uniti").mentions) == n - 1
        assert not [m for m in screen.annotations.mentions if m.start == first]
        ria = named(screen.annotations, "Ria Novosti")
        await focus_entity(pilot, screen, ria.id)
        await pilot.press("X")
        await choose(pilot, app, "remove")
        assert "Ria Novosti" not in {e.name for e in screen.annotations.entities}
        assert "Ria Novosti" not in panel_text(screen)
        screen.annotations.check()
        await pilot.press("u")
        await pilot.pause()
        assert "Ria Novosti" in {e.name for e in screen.annotations.entities}
        await pilot.press("u")
        await pilot.pause()
        assert len(named(screen.annotations, "Stati Uniti").mentions) == n
        assert corrections.load_ops(screen.annotations.text) == []


async def test_add_an_entity_from_a_keyboard_selection():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        washington = ann.mentions_of(named(ann, "Washington").id)[0]
        screen.view.focus()
        screen.move_to(washington)
        await pilot.press("a")  # the selection starts on the word at the cursor
        await pilot.pause()
        text = screen.view.text
        assert text[slice(*screen.view.pending)] == "Washington"
        assert screen.footer_mode() == "select"
        view = screen.view
        line = view.line_of(view.pending[0])
        await pilot.press("down")  # a word of the next line, then back
        assert view.line_of(view.pending[0]) > line
        await pilot.press("up")
        assert view.line_of(view.pending[0]) == line
        screen.view.start_selection(washington.start)
        await pilot.press("w", "w", "b")
        assert text[slice(*screen.view.pending)] == "e"
        for _ in range(2):
            await pilot.press("w")  # le, sanzioni
        assert text[slice(*screen.view.pending)] == "sanzioni"
        await pilot.press("right", "right", "left")
        assert text[slice(*screen.view.pending)] == "sanzioni americane"
        await pilot.press("shift+left")
        assert text[slice(*screen.view.pending)] == "le sanzioni americane"
        await pilot.press("shift+right")
        await pilot.press("enter")
        await choose(pilot, app, "MISC")
        assert screen.view.pending is None
        e = named(screen.annotations, "sanzioni americane")
        assert e.label == "MISC" and len(e.mentions) == 1
        assert "sanzioni americane" in panel_text(screen)
        screen.annotations.check()
        # escape leaves a selection without tagging anything
        await pilot.press("a")
        await pilot.press("escape")
        assert screen.view.pending is None and screen.footer_mode() == "text"


async def test_add_by_mouse_every_occurrence_and_everywhere_reaches_a_second_article(tmp_path):
    other = tmp_path / "altro.txt"
    other.write_text("Il Paese e il suo governo\n\nIl Paese è in crisi, dice Mario Draghi. "
                     "Per il Paese serve un piano.\n", encoding="utf-8")
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        view = screen.view
        text = view.text
        start = text.index("Paese")
        line = view.line_of(start)
        col = start - view._lines[line][0]
        view.scroll_to(y=line, animate=False, immediate=True)
        await pilot.pause()
        y = line - view.scroll_offset.y
        # the view has one column of padding on the left; drag over the five letters
        await pilot.mouse_down("#article", offset=(col + 1, y))
        await pilot.hover("#article", offset=(col + 5, y))
        await pilot.mouse_up("#article", offset=(col + 5, y))
        await pilot.pause()
        assert screen.get_selected_text().strip() == "Paese"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        n_paese = len(lookup.occurrences(text, "Paese"))
        boxes = {b.id: b for b in app.screen.query(Checkbox)}
        assert set(boxes) == ({"all", "everywhere"} if n_paese > 1 else {"everywhere"})
        await choose(pilot, app, "LOC", *(["a"] if n_paese > 1 else []), "g")
        paese = named(screen.annotations, "Paese")
        assert paese.label == "LOC" and len(paese.mentions) == n_paese
        assert R.load()[0] == [R.Rule("LOC", "Paese")]
        await pilot.press("u")  # the undo takes the rule back as well
        await pilot.pause()
        assert R.load()[0] == [] and "Paese" not in {e.name for e in screen.annotations.entities}
        await pilot.press("U")
        await pilot.pause()
        assert R.load()[0] == [R.Rule("LOC", "Paese")]
        assert len(named(screen.annotations, "Paese").mentions) == n_paese
    app = PersonaeApp(open_paths([other]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        paese = named(screen.annotations, "Paese")
        assert paese.label == "LOC" and len(paese.mentions) == 3
        # the rules screen lists the rule and removes it; the article shows it at once
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, RulesScreen)
        assert "“Paese” is a place" in str(app.screen.query_one("#rules", OptionList).get_option_at_index(0).prompt)
        await pilot.press("x")
        await pilot.press("escape")
        await pilot.pause()
        assert R.load()[0] == []
        assert "Paese" not in {e.name for e in screen.annotations.entities}


async def test_boundaries_grow_and_shrink_and_undo():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        lavrov = entity_named(ann, "Lavrov")
        await focus_entity(pilot, screen, lavrov.id)
        await pilot.press("enter")
        await pilot.pause()
        screen.view.focus()
        first = screen.view.cursor
        assert screen.view.text[first.start:first.end] == "Serghei Lavrov"
        await pilot.press("greater_than_sign")
        await pilot.pause()
        cur = screen.view.cursor
        assert screen.view.text[cur.start:cur.end] == "Serghei Lavrov ha"
        await pilot.press("full_stop")  # give the last word back
        await pilot.press("comma")      # and the first
        await pilot.pause()
        cur = screen.view.cursor
        assert screen.view.text[cur.start:cur.end] == "Lavrov"
        await pilot.press("less_than_sign")
        await pilot.pause()
        cur = screen.view.cursor
        assert screen.view.text[cur.start:cur.end] == "Serghei Lavrov"
        screen.annotations.check()
        for _ in range(4):
            await pilot.press("u")
        await pilot.pause()
        assert corrections.load_ops(screen.annotations.text) == []
        assert any(m.text == "Serghei Lavrov" and m.start == first.start
                   for m in screen.annotations.mentions)


async def test_remove_a_role_and_add_one_from_a_selection():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        lavrov = entity_named(ann, "Lavrov")
        n_roles = len(lavrov.roles)
        assert n_roles >= 2
        await focus_entity(pilot, screen, lavrov.id)
        await pilot.press("enter")
        await pilot.press("r")  # shows the first role's evidence
        await pilot.press("d")  # removes that one
        await pilot.pause()
        lavrov = entity_named(screen.annotations, "Lavrov")
        assert len(lavrov.roles) == n_roles - 1
        # a role for Trump from the words "ministro russo" (the selection mode, then the picker)
        trump = entity_named(screen.annotations, "Trump")
        await focus_entity(pilot, screen, trump.id)
        await pilot.press("enter")
        await pilot.pause()
        text = screen.view.text
        at = text.index("Il ministro russo")
        screen.view.focus()
        screen.view.start_selection(at + 3)
        await pilot.press("right")
        assert text[slice(*screen.view.pending)] == "ministro russo"
        await pilot.press("enter")
        await choose(pilot, app, "role")
        assert isinstance(app.screen, GlossScreen)
        gloss = app.screen.query_one("#gloss").value
        assert "minister" in gloss.lower()  # from the lexicon
        await pilot.press("enter")
        await pilot.pause()
        trump = entity_named(screen.annotations, "Trump")
        assert [r.text for r in trump.roles] == ["ministro russo"]
        assert "ministro russo" in panel_text(screen)
        screen.annotations.check()
        await pilot.press("u")
        await pilot.press("u")
        await pilot.pause()
        assert entity_named(screen.annotations, "Trump").roles == []
        assert len(entity_named(screen.annotations, "Lavrov").roles) == n_roles


async def test_a_damaged_corrections_file_is_said_and_kept():
    from tui.sources import load_article

    text = load_article(SEED).text
    path = corrections.path_for(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 2, "ops": [{"op": "merge"', encoding="utf-8")
    corrections.load_log(text)  # found first by someone else (the library counting people)
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        await pilot.pause()
        said = [n.message for n in app.said if "kept as" in n.message]
        assert said and "damaged" in said[0]  # the reader still says so
        kept = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
        assert len(kept) == 1 and kept[0].read_text().startswith('{"version": 2')
        await focus_entity(pilot, screen, named(screen.annotations, "Budapest").id)
        await pilot.press("t")
        await choose(pilot, app, "ORG")
        assert kept[0].read_text().startswith('{"version": 2')  # never overwritten
        assert json.loads(path.read_text())["ops"][0]["op"] == "retype"
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        await pilot.pause()
        assert not [n for n in app.said if "kept as" in n.message]  # said once
        assert named(screen.annotations, "Budapest").label == "ORG"


async def test_corrections_that_no_longer_apply_are_listed_in_a_notification():
    from tui.sources import load_article

    text = load_article(SEED).text
    at = text.index("Lavrov ha parlato")
    corrections.save_ops(text, [{"op": "retype", "at": [at, at + 9], "label": "ORG"},
                                {"op": "remove", "at": [at + 1, at + 4]}])
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, app)
        await pilot.pause()
        said = [n.message for n in app.said if "no longer appl" in n.message]
        assert said and "2 corrections" in said[0] and "Lavrov h" in said[0]
        assert len(corrections.load_ops(text)) == 2  # kept


async def test_help_and_the_command_palette_list_the_correction_keys():
    from rich.console import Console

    from tui.app.dialogs import HelpScreen, keys_table

    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True)
        console.print(keys_table())  # what the help screen shows
        out = console.export_text()
        assert "Corrections" in out
        for key, what in (("t", "change the type"), ("x / X", "remove the mention"),
                          ("a", "add: select words"), ("< > , .", "boundaries"),
                          ("d", "remove a role"), ("u / U", "undo / redo"), ("g", "rules")):
            assert any(line.strip().startswith(key) and what in line for line in out.splitlines()), key
        await pilot.press("escape")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(screen)}
        assert {"Change the type", "Not an entity", "Undo", "Redo", "Rules applied everywhere"} <= titles


async def test_a_split_is_undone_too():
    from tui.app.dialogs import SplitScreen

    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        lavrov = entity_named(screen.annotations, "Lavrov")
        n = len(lavrov.mentions)
        assert {"Serghei Lavrov", "Lavrov"} <= set(lavrov.variants)
        await focus_entity(pilot, screen, lavrov.id)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SplitScreen)
        app.screen.query_one("#variants").highlighted = lavrov.variants.index("Lavrov")
        await pilot.press("enter")
        await pilot.pause()
        assert len(entity_named(screen.annotations, "Serghei").mentions) < n
        await pilot.press("u")
        await pilot.pause()
        assert len(entity_named(screen.annotations, "Lavrov").mentions) == n
        assert any("Undone: split “Lavrov” out" in m.message for m in app.said)
        assert corrections.load_ops(screen.annotations.text) == []


async def test_corrections_of_an_imported_export_stick(tmp_path):
    from tui.core.analysis import analyse_text
    from tui.export import FORMATS
    from tui.sources import load_article

    art = load_article(SEED)
    ann, _ = analyse_text(art.text, art.source)
    exported = tmp_path / "seed.json"
    FORMATS["json"].write(ann, exported)
    app = PersonaeApp(open_paths([exported]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        assert named(screen.annotations, "Budapest").label == "LOC"
        await focus_entity(pilot, screen, named(screen.annotations, "Budapest").id)
        await pilot.press("t")
        await choose(pilot, app, "PER")
        assert section_of(screen, "Budapest") == "People"
    app = PersonaeApp(open_paths([exported]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        assert section_of(screen, "Budapest") == "People"  # kept
        await pilot.press("u")  # and undoable
        await pilot.pause()
        assert named(screen.annotations, "Budapest").label == "LOC"


async def test_a_retyped_surname_is_offered_the_person_it_names():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        lavrov = entity_named(ann, "Lavrov")
        # make "Lavrov" an organisation of its own, as a pipeline might have tagged it
        assert screen.apply_edit(editing.split_op(ann, lavrov.id, "Lavrov"))
        bare = named(screen.annotations, "Lavrov")
        assert screen.apply_edit(editing.retype_op(screen.annotations, bare.id, "ORG"))
        await focus_entity(pilot, screen, named(screen.annotations, "Lavrov").id)
        await pilot.press("t")
        await choose(pilot, app, "PER")
        hints = [n.message for n in app.said if "may be" in n.message]
        assert hints and "Lavrov may be Serghei Lavrov" in hints[-1]
        # and the merge it suggests is allowed now
        await focus_entity(pilot, screen, named(screen.annotations, "Lavrov").id)
        await pilot.press("m")
        await focus_entity(pilot, screen, named(screen.annotations, "Serghei Lavrov").id)
        await pilot.press("m")
        await pilot.pause()
        assert len(entity_named(screen.annotations, "Lavrov").mentions) == len(lavrov.mentions)
