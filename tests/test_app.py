"""The reader, driven through Textual's pilot with the shipped pipeline."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tui.app.dialogs import HelpScreen
from tui.app.library import LibraryScreen
from tui.app.main import PersonaeApp, open_paths
from tui.app.reader import ReaderScreen

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
SEED = ARTICLES / "lavrov-apre-a-rubio.txt"
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    """Each test has its own configuration folder: the theme and the export dialog's last
    folder and format, which the reader remembers there, are not the next test's."""
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))


async def wait_for(pilot, predicate, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def open_reader(pilot, app) -> ReaderScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    screen = app.screen
    await wait_for(pilot, lambda: screen.annotations is not None)
    await pilot.pause()
    return screen


def panel_text(screen: ReaderScreen) -> str:
    return screen.panel.plain_text()


def entity_named(ann, surname: str):
    people = [e for e in ann.entities if e.label == "PER" and surname in e.name]
    assert people, f"no person named like {surname!r} in {[e.name for e in ann.entities]}"
    return max(people, key=lambda e: len(e.mentions))


async def test_text_shows_before_analysis_and_panel_lists_people_with_roles():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        # the text is there at once, whatever the analysis is doing
        assert screen.view.line_count > 10
        assert "Serghei Lavrov" in screen.view.text
        # the scraped metadata line is not part of the body
        assert not screen.view.text.lstrip().startswith("date")
        await wait_for(pilot, lambda: screen.annotations is not None)
        await pilot.pause()
        text = panel_text(screen)
        assert "People" in text
        assert "Serghei Lavrov" in text and "Marco Rubio" in text
        assert "ministro degli Esteri russo" in text
        assert "segretario di Stato degli Usa" in text
        # people come before organisations and places
        assert text.index("People") < text.index("Places")


async def test_n_visits_every_mention_of_the_selected_person_in_order_and_wraps():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        lavrov = entity_named(ann, "Lavrov")
        expected = [m.start for m in ann.mentions_of(lavrov.id)]
        assert len(expected) >= 5
        screen.panel.focus()
        screen.panel.highlight_entity(lavrov.id)
        await pilot.press("enter")
        await pilot.pause()
        visited = [screen.view.cursor.start]
        for _ in range(len(expected)):
            await pilot.press("n")
            visited.append(screen.view.cursor.start)
        assert visited[: len(expected)] == expected
        assert visited[len(expected)] == expected[0]  # wrapped
        status = str(screen.query_one("#position").render())
        assert f"1/{len(expected)}" in status
        await pilot.press("N")
        assert screen.view.cursor.start == expected[-1]
        # every mention of Lavrov is drawn as selected, others are not
        assert screen.view.selected_entity == lavrov.id


async def test_brackets_walk_through_all_mentions():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        starts = sorted(m.start for m in screen.annotations.mentions)
        screen.view.focus()
        seen = []
        for _ in range(6):
            await pilot.press("right_square_bracket")
            seen.append(screen.view.cursor.start)
        assert seen == starts[:6]
        await pilot.press("left_square_bracket")
        assert screen.view.cursor.start == starts[4]


async def test_clicking_a_mention_selects_its_entity():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        rubio = entity_named(ann, "Rubio")
        m = ann.mentions_of(rubio.id)[0]
        view = screen.view
        line = view.line_of(m.start)
        col = m.start - view._lines[line][0]
        # the view has one column of padding on the left
        await pilot.click("#article", offset=(col + 2, line - view.scroll_offset.y))
        await pilot.pause()
        assert view.selected_entity == rubio.id
        assert view.cursor is not None and view.cursor.entity == rubio.id
        assert screen.panel.highlighted_entity == rubio.id


async def test_help_opens_and_closes():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_library_lists_articles_and_opens_one_then_goes_back():
    app = PersonaeApp(open_paths([ARTICLES]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        from textual.widgets import DataTable

        table = lib.query_one(DataTable)
        assert table.row_count == len(lib.articles) >= 4
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "Lavrov apre a Rubio" in titles
        await wait_for(pilot, lambda: len(lib.people) == len(lib.articles), timeout=120)
        counts = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert all(c.isdigit() for c in counts)
        table.move_cursor(row=titles.index("Lavrov apre a Rubio"))
        await pilot.press("enter")
        screen = await open_reader(pilot, app)
        assert screen.article.title == "Lavrov apre a Rubio"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_opening_an_article_while_the_library_counts_is_not_an_error(cache_dir):
    app = PersonaeApp(open_paths([ARTICLES]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        from textual.widgets import DataTable

        table = lib.query_one(DataTable)
        # the cache is empty: the first article is still being counted when it is opened
        await pilot.press("enter")
        await open_reader(pilot, app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await wait_for(pilot, lambda: len(lib.people) == len(lib.articles), timeout=120)
        counts = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert all(c.isdigit() for c in counts), counts
        assert not [n for n in app.said if n.severity == "error"]


async def test_find_highlights_matches_and_filter_narrows_the_panel():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        screen.view.focus()
        await pilot.press("slash")
        await pilot.press(*"telefon")
        await pilot.pause()
        assert len(screen.view.matches) == screen.view.text.lower().count("telefon") >= 2
        await pilot.press("escape")
        assert screen.view.matches == []
        screen.panel.focus()
        await pilot.press("slash")
        await pilot.press(*"rubio")
        await pilot.pause()
        text = panel_text(screen)
        assert "Rubio" in text and "Lavrov" not in text


async def test_markup_in_the_article_is_shown_literally(tmp_path):
    art = tmp_path / "markup.txt"
    art.write_text("Titolo\n\nIl ministro [bold red]Mario Bianchi[/] ha parlato a [link=http://x]Roma[/link].\n",
                   encoding="utf-8")
    app = PersonaeApp(open_paths([art]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        await pilot.pause()
        rendered = "".join(seg.text for y in range(5) for seg in screen.view.render_line(y))
        assert "[bold red]Mario Bianchi[/]" in rendered
        assert "[link=http://x]Roma[/link]" in rendered


async def test_second_open_comes_from_the_cache(cache_dir):
    for expected in (False, True):
        app = PersonaeApp(open_paths([SEED]))
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_reader(pilot, app)
            assert screen.from_cache is expected


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_highlight_colours_differ_from_the_text_on_dark_and_light(theme):
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        screen = await open_reader(pilot, app)
        await pilot.pause()
        view = screen.view
        base = view.rich_style
        for label in ("per", "org", "loc"):
            style = base + view.get_component_rich_style(f"article-view--{label}")
            assert style.bgcolor != base.bgcolor, label
            fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
            contrast = abs(sum(fg) - sum(bg)) / 3
            assert contrast > 60, (label, fg, bg)


async def test_merge_and_split_with_keys_stick_and_reach_the_export(tmp_path):
    from tui.app.dialogs import SplitScreen
    from tui.store import corrections

    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        ann = screen.annotations
        trump, putin = entity_named(ann, "Trump"), entity_named(ann, "Putin")
        n_trump, n_putin = len(trump.mentions), len(putin.mentions)
        screen.panel.focus()
        screen.panel.highlight_entity(putin.id)
        await pilot.press("m")                      # mark Putin
        screen.panel.highlight_entity(trump.id)
        await pilot.press("m")                      # merge into Trump
        await pilot.pause()
        merged = [e for e in screen.annotations.entities if "Putin" in e.variants]
        assert len(merged) == 1 and "Trump" in merged[0].variants
        assert len(merged[0].mentions) == n_trump + n_putin
        assert corrections.path_for(ann.text).is_file()
        # split Putin out again through the dialog
        screen.panel.highlight_entity(merged[0].id)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SplitScreen)
        variants = app.screen.entity.variants
        app.screen.query_one("#variants").highlighted = variants.index("Putin")
        await pilot.press("enter")
        await pilot.pause()
        names = {e.name for e in screen.annotations.entities if e.label == "PER"}
        assert "Putin" in names and any("Trump" in n for n in names)
    # the decisions stick: a new session on the same article shows them
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        puts = [e for e in screen.annotations.entities if "Putin" in e.variants]
        assert len(puts) == 1 and puts[0].variants == ["Putin"]


async def test_export_dialog_writes_the_file_and_asks_before_overwriting(tmp_path):
    import json

    from tui.app.dialogs import ExportScreen

    out = tmp_path / "seed.json"
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        await open_reader(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        from textual.widgets import Input

        app.screen.query_one("#path", Input).value = str(out)
        await pilot.click("#do-export")
        await pilot.pause()
        data = json.loads(out.read_text())
        assert data["schema"] == "personae/1" and data["mentions"]
        # again: the file exists, the first press only asks
        out.write_text("keep me")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.click("#do-export")
        await pilot.pause()
        assert out.read_text() == "keep me"
        assert isinstance(app.screen, ExportScreen)
        await pilot.pause(0.4)  # the button ignores clicks while it shows the last one
        await pilot.click("#do-export")
        await pilot.pause()
        assert json.loads(out.read_text())["schema"] == "personae/1"
        assert not isinstance(app.screen, ExportScreen)


async def test_a_bad_file_in_the_folder_is_a_notification_not_a_crash(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text("Titolo\n\nMarco Rubio ha parlato a Mosca.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (folder / "empty.txt").write_bytes(b"")
    app = PersonaeApp(open_paths([folder]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app.said]
        assert any("broken.txt" in m for m in messages)
        assert any("empty.txt" in m for m in messages)
        assert isinstance(app.screen, ReaderScreen)  # the one good article opens
        await open_reader(pilot, app)


async def test_mouse_selection_copies_the_article_text():
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        view = screen.view
        await pilot.mouse_down("#article", offset=(1, 0))   # padding 1: the first character
        await pilot.hover("#article", offset=(15, 1))
        await pilot.mouse_up("#article", offset=(15, 1))
        await pilot.pause()
        start, end = view._lines[1]
        # from the first character to the one under the pointer, included
        assert screen.get_selected_text() == view.text[0: start + 15]


async def test_markup_in_titles_file_names_and_messages_stays_literal(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("[bold red]Titolo[/bold red]\n\nMarco Rubio a Mosca.\n", encoding="utf-8")
    (folder / "[bold]rotto.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    app = PersonaeApp(open_paths([folder]))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reader(pilot, app)
        assert screen.title == "[bold red]Titolo[/bold red]"
        header_text = str(app.screen.query_one("HeaderTitle").render())
        assert "[bold red]Titolo[/bold red]" in header_text
        bad = [n for n in app.said if "rotto" in n.message]
        assert bad and all(n.markup is False for n in bad)
        assert "[bold]rotto.txt" in bad[0].message
