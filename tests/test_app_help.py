"""Help on every screen is that screen's (issue 26, item 8): the library, the People screen
and a person's page each show their own keys, and at 120 columns no description wraps.
Also the library's reload key (item 13): articles added to the folder while it is open."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from test_index import _MODEL, ARTICLES, _wait, library, open_people_screen, write_article  # noqa: F401

from tui.app.dialogs import HelpScreen, help_rows, keys_table
from tui.app.library import LibraryScreen
from tui.app.main import PersonaeApp, open_paths
from tui.app.people import PeopleScreen, PersonScreen
from tui.app.reader import ReaderScreen

WIDE = (120, 40)


async def _help(pilot, app) -> tuple[str, str, int]:
    """Open the help; (its title, its keys as the screen draws them, its width)."""
    await pilot.press("question_mark")
    await _wait(pilot, lambda: isinstance(app.screen, HelpScreen))
    await pilot.pause()
    helped = app.screen
    title = str(helped.query_one("#help-title").render())
    keys = helped.query_one("#help-keys")
    console = Console(width=keys.content_region.width, record=True, file=io.StringIO())
    console.print(keys_table(helped.sections))
    drawn = console.export_text()
    # nothing wraps: one drawn line a row, at the width the help has at 120 columns
    assert len(drawn.rstrip("\n").splitlines()) <= help_rows(helped.sections), drawn
    # one column of descriptions for every section (a short section does not spread out)
    starts = set()
    for _section, rows in helped.sections:
        for key, what in rows:
            if key:
                line = next(x for x in drawn.splitlines() if what[:20] in x)
                starts.add(line.index(what[:20]))
    assert len(starts) == 1, starts
    width = helped.query_one("#help-box").size.width
    await pilot.press("escape")
    await pilot.pause()
    return title, drawn, width


def _has(drawn: str, key: str, what: str) -> bool:
    return any(line.strip().startswith(key) and what in line for line in drawn.splitlines())


async def test_each_screen_has_its_own_help_and_nothing_wraps_at_120_columns(library):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=WIDE) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await _wait(pilot, lambda: app.screen.index_ready)
        title, drawn, _ = await _help(pilot, app)
        assert "the library" in title
        assert _has(drawn, "1-4", "sort by title") and _has(drawn, "p", "People screen")
        assert _has(drawn, "/", "search titles")
        assert not _has(drawn, "] / [", "next")  # not the reader's keys
        assert isinstance(app.screen, LibraryScreen)

        await pilot.press("p")
        await _wait(pilot, lambda: isinstance(app.screen, PeopleScreen))
        title, drawn, _ = await _help(pilot, app)
        assert "People screen" in title
        assert _has(drawn, "m", "merge") and _has(drawn, "1-7", "sort") and _has(drawn, "t", "organisations")
        assert _has(drawn, "u / U", "undo")

        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        title, drawn, _ = await _help(pilot, app)
        assert "person's page" in title
        assert _has(drawn, "s", "someone else") and _has(drawn, "enter", "open the article")

        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.annotations is not None)
        title, drawn, width = await _help(pilot, app)
        assert "the reader" in title and _has(drawn, "] / [", "next")
        assert _has(drawn, "a", "add: select words")
        assert width >= 100


async def test_the_library_sees_articles_added_to_its_folder_with_r(library):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=WIDE) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        await _wait(pilot, lambda: lib.index_ready)
        assert lib.table.row_count == len(ARTICLES)
        write_article(library, ("nuovo.txt", "2026-04-04", "Un articolo nuovo",
                                "Marco Rossi ha parlato con Kim Jong-un.", ["Marco Rossi", "Kim Jong-un"],
                                {}))
        (library / "cronaca.txt").unlink()
        await pilot.press("r")
        await _wait(pilot, lambda: lib.index_ready)
        await pilot.pause()
        titles = [str(lib.table.get_row_at(i)[0]) for i in range(lib.table.row_count)]
        assert "Un articolo nuovo" in titles and "Cronaca cittadina" not in titles
        assert len(titles) == len(ARTICLES)
        assert any("1 new article, 1 gone" in n.message for n in app.said)
        await pilot.press("slash", *"articolo")
        await pilot.pause()
        assert [str(lib.table.get_row_at(i)[0]) for i in range(lib.table.row_count)] == \
            ["Un articolo nuovo"]


@pytest.mark.parametrize("size", [WIDE, (80, 24)])
async def test_sorting_by_people_shows_its_arrow(library, size):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=size) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        await _wait(pilot, lambda: lib.index_ready)
        for key, arrow in (("3", "▼"), ("3", "▲")):
            await pilot.press(key)
            await pilot.pause()
            header = lib.table.render_line(0).text
            assert f"People {arrow}" in header, (size, header)


async def test_at_80x24_the_people_footer_keeps_help_and_quit(library):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_people_screen(pilot, app)
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1].text
        assert "? Help" in footer and "q Quit" in footer and "m Merge" in footer, footer
        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.pause()
        footer = app.screen._compositor.render_strips()[-1].text
        assert "? Help" in footer and "q Quit" in footer and "u Undo" in footer, footer


async def test_at_80x24_the_rules_file_path_is_shown_whole(tmp_path, monkeypatch):
    from test_polish import app_on, hand_made, reader

    from tui.app.correct_dialogs import RulesScreen
    from tui.core import editing

    deep = tmp_path / "a-configuration-folder-with-a-long-name" / "personae-settings"
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(deep))
    app = app_on(hand_made())
    async with app.run_test(size=(80, 24)) as pilot:
        await reader(pilot, app)
        await pilot.press("g")
        await _wait(pilot, lambda: isinstance(app.screen, RulesScreen))
        await pilot.pause()
        drawn = ""  # what the screen shows inside the dialog's frame, lines joined
        for strip in app.screen._compositor.render_strips():
            line = strip.text
            if line.count("█") >= 2:
                drawn += line[line.index("█") + 1:line.rindex("█")].strip()
        assert str(editing.rules_path()) in drawn, drawn
