"""Undo on the People screen and a person's page (issue 26, item 11): a merge of two people,
or a split of one article's person, is taken back with ``u`` and done again with ``U``, as
corrections are in the reader; with nothing to undo, ``u`` says so. The small library of
tests/test_index.py (analyses cached by hand, no model)."""

from __future__ import annotations

from test_index import _MODEL, _wait, library, open_people_screen  # noqa: F401 - the fixture

from tui.app.main import PersonaeApp, open_paths
from tui.app.people import PersonScreen
from tui.store import people_links


def _names(people) -> list[str]:
    return [str(people.table.get_row_at(i)[0]) for i in range(people.table.row_count)]


async def test_a_merge_on_the_people_screen_is_undone_and_redone(library):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_people_screen(pilot, app)
        people = app.screen
        await pilot.press("u")  # nothing yet: said, not silent
        await pilot.pause()
        assert any("Nothing to undo" in n.message for n in app.said)
        await pilot.press("1")
        before = sorted(_names(people))
        people.table.move_cursor(row=_names(people).index("Rossi ?"))
        await pilot.press("m")
        people.table.move_cursor(row=_names(people).index("Mario Rossi"))
        await pilot.press("m")
        await pilot.pause()
        assert "Rossi ?" not in _names(people) and len(people_links.load_ops()) == 1
        await pilot.press("u")
        await pilot.pause()
        assert sorted(_names(people)) == before
        assert people_links.load_ops() == []
        assert any(n.message.startswith("Undone: the merge of Rossi into Mario Rossi")
                   for n in app.said)
        await pilot.press("U")
        await pilot.pause()
        assert "Rossi ?" not in _names(people) and len(people_links.load_ops()) == 1


async def test_a_split_on_a_persons_page_is_undone(library):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_people_screen(pilot, app)
        people = app.screen
        people.table.move_cursor(row=_names(people).index("Serghei Lavrov"))
        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        page = app.screen
        titles = [a.title for a in page.appearances]
        await pilot.press("down", "s")
        await pilot.pause()
        assert len(page.appearances) == len(titles) - 1
        await pilot.press("u")
        await pilot.pause()
        assert [a.title for a in page.appearances] == titles
        assert people_links.load_ops() == []


async def test_the_detail_pane_shows_a_persons_roles_whole(library):  # noqa: F811
    """At 120 columns the roles column is cut; the pane under the table shows them all."""
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_people_screen(pilot, app)
        people = app.screen
        people.table.move_cursor(row=_names(people).index("Serghei Lavrov"))
        await pilot.pause()
        lavrov = next(p for p in people.persons if p.name == "Serghei Lavrov")
        pane = people.query_one("#people-detail")
        shown = " ".join(pane.render_line(y).text.strip() for y in range(pane.size.height))
        assert "Serghei Lavrov" in shown
        roles = lavrov.roles_line()
        assert len(roles) > 30 and " ".join(roles.split()) in " ".join(shown.split()), shown
