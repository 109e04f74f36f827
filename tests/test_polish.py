"""The reader as a new user finds it: readable highlights in every theme, find, filter, footer, focus.

Most tests open the reader on hand-made annotations (no model needed), so what
they check is the reader's own behaviour; a few open the bundled article with
the shipped pipeline as a user does.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from rich.style import Style
from textual.theme import BUILTIN_THEMES

from tui import palette
from tui.app.main import Opened, PersonaeApp
from tui.app.navigation import find_matches, fold
from tui.app.reader import ReaderScreen
from tui.document import Annotations, Entity, Mention, ModelInfo, Role, Source

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "lavrov-apre-a-rubio.txt"

TEXT = ("Il ministro degli Esteri Mario Rossi ha incontrato a Torino i dirigenti della Fiat.\n"
        "Al Festival di Sanremo il cardinale Viganò ha parlato con Rossi.\n"
        "Rossi ha poi lasciato Torino: la Fiat tace, e Viganò pure.\n")


def _occurrences(text: str, s: str) -> list[int]:
    out, i = [], text.find(s)
    while i >= 0:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def hand_made(text: str = TEXT, lang: str = "it") -> Annotations:
    """Annotations of TEXT built by hand: a person with a role, an organisation, a place,
    an event (MISC), and a second person."""
    groups = [("e1", "PER", ["Mario Rossi", "Rossi"]), ("e2", "LOC", ["Torino"]),
              ("e3", "ORG", ["Fiat"]), ("e4", "MISC", ["Festival di Sanremo"]),
              ("e5", "PER", ["Viganò"])]
    spans = []
    for eid, label, names in groups:
        for name in names:
            for at in _occurrences(text, name):
                if not any(a <= at < b for a, b, *_ in spans):
                    spans.append((at, at + len(name), label, eid))
    spans.sort()
    mentions = [Mention(f"m{i + 1}", s, e, text[s:e], label, eid)
                for i, (s, e, label, eid) in enumerate(spans)]
    entities = []
    for eid, label, names in groups:
        ms = [m for m in mentions if m.entity == eid]
        entities.append(Entity(eid, label, names[0], list(dict.fromkeys(m.text for m in ms)),
                               [m.id for m in ms]))
    role = "ministro degli Esteri"
    rs = text.index(role)
    entities[0].roles.append(Role(role, rs, rs + len(role), mentions[0].id, (0, text.index("\n")),
                                  "foreign minister"))
    ann = Annotations(text=text, source=Source(path="hand.txt", title="Prova"),
                      model=ModelInfo("it_test", "0", lang), mentions=mentions, entities=entities)
    ann.check()
    return ann


def app_on(ann: Annotations) -> PersonaeApp:
    from tui import sources

    art = sources.from_text(ann.text, path="hand.txt")
    art.text = ann.text
    opened = Opened()
    opened.imported.append((art, ann))
    return PersonaeApp(opened)


async def wait_for(pilot, predicate, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def reader(pilot, app) -> ReaderScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    await wait_for(pilot, lambda: app.screen.annotations is not None)
    await pilot.pause()
    return app.screen


def screen_text(app) -> str:
    """The screen as drawn, one line per row. Textual has no public API for the composed
    screen (``export_screenshot`` gives SVG; a widget's ``render_lines`` leaves out its
    children), so this reads the compositor's strips, as Textual's own tests do."""
    return "\n".join("".join(seg.text for seg in strip)
                     for strip in app.screen._compositor.render_strips())


def rgb(colour) -> tuple[int, int, int]:
    t = colour.get_truecolor()
    return (t.red, t.green, t.blue)


def seg_contrast(style: Style) -> float:
    return palette.contrast(rgb(style.color), rgb(style.bgcolor))


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    """Each test has its own configuration folder: a theme chosen here is not the next test's."""
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))


# -- contrast --------------------------------------------------------------------------

HIGHLIGHTS = ("per", "org", "loc", "misc", "cursor", "match", "match-current", "evidence")


async def test_every_highlight_reads_at_4_5_to_1_in_every_builtin_theme():
    """Find matches, the current match, the mouse selection, each entity type, the cursor and
    the role evidence: text and background of each, as the view draws them, in every theme."""
    ann = hand_made()
    app = app_on(ann)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        view = screen.view
        assert set(BUILTIN_THEMES) <= set(app.available_themes)
        failures = []
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
            view.set_matches(find_matches(view.text, "Torino"))
            view.set_current_match(0)
            screen.select_entity("e1")
            screen.action_role()  # the evidence of Rossi's role
            await pilot.pause()
            base = view.rich_style
            for cls in HIGHLIGHTS:
                style = base + view.get_component_rich_style(f"article-view--{cls}", partial=True)
                c = seg_contrast(style)
                if c < palette.MIN_CONTRAST:
                    failures.append((name, cls, round(c, 2)))
            sel = base + app.screen.get_component_rich_style("screen--selection")
            if seg_contrast(sel) < palette.MIN_CONTRAST:
                failures.append((name, "selection", round(seg_contrast(sel), 2)))
            # and every highlighted piece of text actually drawn on screen
            for y in range(min(view.line_count, view.size.height)):
                for seg in view.render_line(y):
                    st = seg.style
                    if seg.text.strip() and st is not None and st.bgcolor != base.bgcolor:
                        if seg_contrast(st) < palette.MIN_CONTRAST:
                            failures.append((name, repr(seg.text), round(seg_contrast(st), 2)))
            # the panel's highlighted row, with the focus on the text and on the panel
            panel = screen.panel
            for focus in (view, panel):
                focus.focus()
                await pilot.pause()
                side = panel.rich_style.bgcolor
                for y in range(panel.size.height):
                    for seg in panel.render_line(y):
                        st = seg.style
                        if seg.text.strip() and st is not None and st.bgcolor != side \
                                and seg_contrast(st) < palette.MIN_CONTRAST:
                            failures.append((name, "panel", repr(seg.text), round(seg_contrast(st), 2)))
            view.focus()
        assert not failures, failures


async def test_the_current_match_looks_different_and_escape_clears_the_match_status():
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        view = screen.view
        await pilot.press("slash", *"torino")
        await pilot.pause()
        assert len(view.matches) == 2

        def style_at(offset: int) -> Style:
            y = view.line_of(offset)
            x = 0
            for seg in view.render_line(y - view.scroll_offset.y):
                if x <= offset - view._lines[y][0] < x + len(seg.text):
                    return seg.style.clear_meta_and_links()
                x += len(seg.text)
            raise AssertionError("offset not drawn")

        first, second = (a for a, _ in view.matches)
        assert style_at(first) != style_at(second)
        current = style_at(first)
        await pilot.press("enter")  # next match
        await pilot.pause()
        assert style_at(second) == current and style_at(first) != current
        assert "Match 2/2" in str(screen.query_one("#position").render())
        await pilot.press("escape")
        await pilot.pause()
        assert "Match" not in str(screen.query_one("#position").render())


# -- find and filter: case and accents, roles ---------------------------------------------

def test_find_ignores_case_and_accents_and_keeps_exact_offsets():
    text = "Il cardinale Viganò, poi VIGANÒ e vigano; Straße e STRASSE. Ærø e Citroën"
    for needle, found in (("vigano", ["Viganò", "VIGANÒ", "vigano"]),
                          ("VIGANÒ", ["Viganò", "VIGANÒ", "vigano"]),
                          ("strasse", ["Straße", "STRASSE"]),
                          ("citroen", ["Citroën"])):
        spans = find_matches(text, needle)
        assert [text[a:b] for a, b in spans] == found, needle
    assert fold("Viganò") == "vigano"
    # a text whose folded form is longer than itself: offsets still index the text
    text2 = "ß" * 3 + " Müller"
    ((a, b),) = find_matches(text2, "muller")
    assert text2[a:b] == "Müller"


async def test_find_in_the_reader_finds_accented_names_without_the_accent():
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        await pilot.press("slash", *"vigano")
        await pilot.pause()
        assert [screen.view.text[a:b] for a, b in screen.view.matches] == ["Viganò", "Viganò"]


async def test_the_panel_filter_matches_roles_glosses_and_accentless_names():
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        screen.panel.focus()
        for typed, shown, hidden in (("ministro", "Mario Rossi", "Viganò"),
                                     ("foreign", "Mario Rossi", "Torino"),
                                     ("vigano", "Viganò", "Mario Rossi")):
            await pilot.press("slash", *typed)
            await pilot.pause()
            text = screen.panel.plain_text()
            assert shown in text and hidden not in text, (typed, text)
            await pilot.press("escape")
            await pilot.pause()
            screen.panel.focus()


# -- themes and the legend ---------------------------------------------------------------

async def test_the_legend_follows_the_theme_and_lists_only_types_present():
    ann = hand_made()
    ann.entities = [e for e in ann.entities if e.label != "MISC"]
    ann.mentions = [m for m in ann.mentions if m.label != "MISC"]
    app = app_on(ann)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        def swatches() -> dict[str, Style]:
            """The legend's swatches as drawn on the status line (see ``screen_text``)."""
            status = app.screen._compositor.render_strips()[-2]
            return {seg.text.strip(): seg.style for seg in status
                    if seg.text.strip() in palette.LABEL_NAMES.values()}

        assert set(swatches()) == {"Person", "Organisation", "Place"}  # no "Other"
        for theme in ("textual-light", "nord", "textual-dark"):
            app.theme = theme
            await pilot.pause()
            await pilot.pause()
            view = screen.view
            got = swatches()
            for label, name in (("per", "Person"), ("org", "Organisation"), ("loc", "Place")):
                want = view.get_component_rich_style(f"article-view--{label}")
                assert got[name].bgcolor == want.bgcolor and got[name].color == want.color, (theme, name)


async def test_the_chosen_theme_is_remembered_across_runs():
    from tui.app import settings

    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        app.theme = "nord"
        await pilot.pause()
    assert json.loads(settings.path().read_text())["theme"] == "nord"
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        assert app.theme == "nord"


async def test_a_broken_settings_file_is_ignored():
    from tui.app import settings

    settings.path().parent.mkdir(parents=True, exist_ok=True)
    settings.path().write_text("{not json")
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        assert app.theme == "textual-dark"


# -- mouse selection ---------------------------------------------------------------------

async def test_a_mouse_selection_is_drawn():
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        view = screen.view
        sel_bg = app.screen.get_component_rich_style("screen--selection").bgcolor

        def selected_text(y: int) -> str:
            return "".join(s.text for s in view.render_line(y) if s.style and s.style.bgcolor == sel_bg)

        assert selected_text(0) == ""
        await pilot.mouse_down("#article", offset=(4, 0))     # padding 1: character 3
        await pilot.hover("#article", offset=(20, 0))
        await pilot.mouse_up("#article", offset=(20, 0))
        await pilot.pause()
        assert screen.get_selected_text()
        assert selected_text(0) and selected_text(0) in view.text
        assert selected_text(0).startswith(view.text[3:8])


# -- focus, footer, status ---------------------------------------------------------------

async def test_enter_on_the_text_selects_the_entity_the_panel_shows_highlighted():
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        assert app.focused is screen.view
        highlighted = screen.panel.highlighted_entity
        assert highlighted and not screen.selected_entity
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected_entity == highlighted
        assert screen.view.cursor is not None and screen.view.cursor.entity == highlighted


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_shows_the_keys_of_each_mode_and_always_help_and_quit_at_80x24():
    app = app_on(hand_made())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(pilot, app)
        line = footer_line(app)
        for word in ("Next", "Back", "Find", "Role", "tab", "Export", "? Help", "q Quit"):
            assert word in line, (word, line)
        await pilot.press("tab")
        await pilot.pause()
        line = footer_line(app)
        for word in ("Select", "Filter", "v Variants", "m Merge", "s Split", "tab", "? Help", "q Quit"):
            assert word in line, (word, line)
        await pilot.press("m")  # merge pending
        await pilot.pause()
        line = footer_line(app)
        assert "Merge here" in line and "Cancel" in line and "Quit" in line, line
        await pilot.press("escape")
        await pilot.pause()
        screen.view.focus()
        await pilot.press("slash")
        await pilot.pause()
        line = footer_line(app)
        assert "Next match" in line and "Close" in line and "Help" in line and "Quit" in line, line


async def test_the_status_counter_is_visible_at_80x24():
    ann = hand_made()
    ann.entities[0].name = "Mario Rossi detto il Magnifico Ministro degli Esteri"
    app = app_on(ann)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader(pilot, app)
        screen.select_entity("e1")
        await pilot.press("n")
        await pilot.pause()
        status = screen_text(app).splitlines()[-2]
        assert "2/3" in status, status


async def test_status_counts_follow_a_merge():
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        assert "5 entities" in str(screen.query_one("#position").render())
        screen.panel.focus()
        screen.panel.highlight_entity("e5")
        await pilot.press("m")
        screen.panel.highlight_entity("e1")
        await pilot.press("m")
        await pilot.pause()
        assert len(screen.annotations.entities) == 4
        status = str(screen.query_one("#position").render())
        assert "4 entities" in status and "2 people" not in status, status


# -- one palette -------------------------------------------------------------------------

def test_the_html_export_uses_the_readers_hues_and_reads_at_4_5_to_1():
    from tui.export import html

    ann = hand_made()
    page = html.dumps(ann)
    colours = palette.html_colours()
    for label in ("PER", "ORG", "LOC", "MISC"):
        fg, bg = colours[label]
        assert bg.lower() in page.lower(), label
        assert palette.contrast(fg, bg) >= palette.MIN_CONTRAST
        # the same hue as the reader's, on a white page
        assert palette.contrast(bg, palette.blend((255, 255, 255), palette.parse(palette.HUES[label]),
                                                  palette.DEFAULT_AMOUNT_LIGHT)) < 1.01


def test_the_html_legend_lists_only_types_present():
    from tui.export import html

    ann = hand_made()
    ann.entities = [e for e in ann.entities if e.label != "MISC"]
    ann.mentions = [m for m in ann.mentions if m.label != "MISC"]
    page = html.dumps(ann)
    legend = page.split('class="legend"', 1)[1].split("</p>", 1)[0]
    assert "organisation" in legend and "place" in legend and "other" not in legend


# -- the export dialog ---------------------------------------------------------------------

async def _open_export(pilot, app):
    from tui.app.dialogs import ExportScreen

    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def _export_to(pilot, dialog, path: str, fmt: str | None = None) -> str:
    from textual.widgets import Input, Select

    if fmt is not None:
        dialog.query_one("#format", Select).value = fmt
        await pilot.pause()
    dialog.query_one("#path", Input).value = path
    await pilot.pause()
    dialog.query_one("#path", Input).focus()
    await pilot.press("enter")
    await pilot.pause()
    if dialog is not dialog.app.screen:  # written: the dialog is gone
        return ""
    return str(dialog.query_one("#export-message").render())


async def test_the_export_dialog_remembers_the_last_folder_and_format(tmp_path):
    from textual.widgets import Input, Select

    out = tmp_path / "exports" / "prova.jsonl"
    out.parent.mkdir()
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        dialog = await _open_export(pilot, app)
        await _export_to(pilot, dialog, str(out), fmt="jsonl")
        assert out.is_file() and app.screen is not dialog
        dialog = await _open_export(pilot, app)
        assert dialog.query_one("#format", Select).value == "jsonl"
        assert Path(dialog.query_one("#path", Input).value).parent == out.parent


async def test_the_export_dialog_fixes_an_extension_that_names_another_format(tmp_path):
    from textual.widgets import Input

    target = tmp_path / "prova.spacy"
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        dialog = await _open_export(pilot, app)
        msg = await _export_to(pilot, dialog, str(target), fmt="json")
        assert not target.exists() and ".spacy" in msg and "json" in msg
        assert dialog.query_one("#path", Input).value == str(tmp_path / "prova.json")
        await pilot.press("enter")  # agreed: written under the fixed name
        await pilot.pause()
        assert json.loads((tmp_path / "prova.json").read_text())["schema"] == "personae/1"


async def test_the_export_dialog_asks_before_creating_a_folder(tmp_path):
    target = tmp_path / "new" / "deeper" / "prova.json"
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        dialog = await _open_export(pilot, app)
        msg = await _export_to(pilot, dialog, str(target))
        assert "does not exist" in msg and not (tmp_path / "new").exists()
        await pilot.press("enter")
        await pilot.pause()
        assert target.is_file()


async def test_the_export_dialog_says_when_the_parent_is_not_a_folder(tmp_path):
    afile = tmp_path / "plain.txt"
    afile.write_text("x")
    app = app_on(hand_made())
    async with app.run_test(size=(100, 30)) as pilot:
        await reader(pilot, app)
        dialog = await _open_export(pilot, app)
        msg = await _export_to(pilot, dialog, str(afile / "x.json"))
        assert "is not a folder" in msg and "exists" not in msg, msg
        assert afile.read_text() == "x"


# -- the command line --------------------------------------------------------------------

def test_a_missing_model_stops_the_reader_before_it_starts_with_the_export_message(
        tmp_path, capsys, monkeypatch):
    import tui.app.main
    from tui.cli import main

    def no_ui(*_args, **_kwargs):
        raise AssertionError("the UI started")

    monkeypatch.setattr(tui.app.main, "run_app", no_ui)
    art = tmp_path / "a.txt"
    art.write_text("Titolo\n\nMario Rossi a Roma.\n", encoding="utf-8")
    assert main(["export", str(art), "--format", "json", "-o", str(tmp_path / "a.json"),
                 "--model", "no_such_pipeline_here"]) == 2
    export_err = capsys.readouterr().err
    assert main([str(art), "--model", "no_such_pipeline_here"]) == 2
    read_err = capsys.readouterr().err
    assert read_err == export_err
    assert read_err.count("\n") == 1 and "no_such_pipeline_here" in read_err
    assert "Traceback" not in read_err
