"""Keys typed while a screen mounts reach it (issue 26, item 10): ``p`` then ``/`` and a name
at once, the People screen's filter gets the name, every time."""

from __future__ import annotations

from test_index import _MODEL, _wait, library  # noqa: F401
from textual import events

from tui.app.library import LibraryScreen
from tui.app.main import PersonaeApp, open_paths
from tui.app.people import PeopleScreen


def type_at_once(app, keys: list[tuple[str, str]]) -> None:
    """Keys as a fast typist sends them: all queued before the app handles the first
    (``pilot.press`` waits for each key to be handled, which no typist does)."""
    for key, char in keys:
        app.post_message(events.Key(key, char))


async def test_keys_typed_right_after_p_reach_the_people_screen(library):  # noqa: F811
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        await _wait(pilot, lambda: lib.index_ready)
        for _ in range(3):
            type_at_once(app, [("p", "p"), ("slash", "/"), ("k", "k"), ("i", "i"), ("m", "m")])
            await _wait(pilot, lambda: isinstance(app.screen, PeopleScreen))
            await pilot.pause()
            people = app.screen
            box = people.query_one("#people-filter")
            assert box.value == "kim", (box.value, lib.query_one("#library-search").value, people.focused)
            names = [str(people.table.get_row_at(i)[0]) for i in range(people.table.row_count)]
            assert names and all(n.startswith("Kim") for n in names), names
            assert not lib.query_one("#library-search").value  # nothing went to the library
            await pilot.press("escape", "escape")
            await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
            await pilot.pause()
