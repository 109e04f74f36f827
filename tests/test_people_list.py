"""The People screen's list: drawn line by line, so only the rows on screen are laid out."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from tui.app.people import PEOPLE_COLUMNS, PeopleList

ROWS = 5000


def _cells(item):
    name, n = item
    return (Text(name), Text(str(n)), Text("1"), Text("sindaco"), Text("2024-01-01"),
            Text("2024-02-01"), Text("Mario Rossi"), Text("2"))


class _ListApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []
        self.headers: list[str] = []
        self.highlighted: list[int] = []

    def compose(self):
        yield PeopleList(PEOPLE_COLUMNS, _cells, "roles", id="people")

    def on_mount(self) -> None:
        people = self.query_one(PeopleList)
        people.show([(f"Persona {i}", i) for i in range(ROWS)])
        people.focus()

    def on_people_list_chosen(self, event: PeopleList.Chosen) -> None:
        self.chosen.append(event.row)

    def on_people_list_highlighted(self, event: PeopleList.Highlighted) -> None:
        self.highlighted.append(event.row)

    def on_people_list_header_clicked(self, event: PeopleList.HeaderClicked) -> None:
        self.headers.append(event.key)


async def test_a_long_list_lays_out_only_the_rows_on_screen():
    app = _ListApp()
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        people = app.query_one(PeopleList)
        assert people.row_count == ROWS
        height = people.size.height
        # a screenful (twice at most: the first layout may draw before the size settles)
        assert 0 < people.rows_drawn <= 2 * height
        assert "Name" in people.render_line(0).text and "Roles" in people.render_line(0).text
        assert "Persona 0" in people.render_line(1).text
        await pilot.press("end")
        await pilot.pause()
        assert people.cursor_row == ROWS - 1
        assert f"Persona {ROWS - 1}" in people.render_line(height - 1).text
        assert people.render_line(0).text.strip().startswith("Name")   # the header stays
        assert people.rows_drawn <= 4 * height


async def test_keys_and_mouse_move_choose_and_sort():
    app = _ListApp()
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        people = app.query_one(PeopleList)
        await pilot.press("down", "down", "enter")
        assert app.chosen == [2] and app.highlighted == [1, 2]
        await pilot.press("pagedown")
        assert people.cursor_row == 2 + people.size.height - 1
        await pilot.press("home")
        assert people.cursor_row == 0
        await pilot.click(PeopleList, offset=(3, 4))        # a row: the cursor goes there
        assert people.cursor_row == 3
        await pilot.click(PeopleList, offset=(3, 4))        # again: it is chosen
        assert app.chosen == [2, 3]
        x = next(i for i, c in enumerate(people.render_line(0).text) if people.render_line(0).text.startswith("Articles", i))
        await pilot.click(PeopleList, offset=(x + 1, 0))    # a header: sort by it
        assert app.headers == ["articles"]
        assert people.get_row_at(3)[0].plain == "Persona 3"
