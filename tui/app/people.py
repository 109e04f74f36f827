"""The People screen (everyone across the library) and a person's page (roles by article, articles).

Both read the library index (:mod:`tui.core.library`) that the library's worker
fills. The People screen lists each person with the number of articles and
mentions, the roles each article gives them with its date, first and last seen,
and who appears with them most; it sorts by any column (``1``-``7`` or a click on
a header, again to reverse), filters as you type (``/``: names, variants and
roles, accents ignored), shows organisations, places or everyone with ``t``, and
merges two persons with ``m`` … ``m``. Enter opens the person's page; there,
enter on an article opens it in the reader with that person selected (``n`` goes
on to their next mention), and ``s`` says that person in that article is
someone else.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import DataTable, Footer, Header, Input, Static

from tui.app.focus import focus_now
from tui.app.navigation import fold
from tui.document import LABEL_PLURALS

VIEWS = (*(((label,), name) for label, name in LABEL_PLURALS.items()), (None, "Everyone"))
PEOPLE_COLUMNS = (("name", "Name"), ("articles", "Articles"), ("mentions", "Mentions"),
                  ("roles", "Roles"), ("first", "First seen"), ("last", "Last seen"),
                  ("with", "With"), ("quotes", "Quotes"))


#: a cell never holds more than this (a person seen in a hundred articles has a long
#: line of roles; only what fits its column is ever drawn)
CELL_CHARS = 240
#: the widths of the fixed columns; the roles take what they leave
COLUMN_WIDTHS = {"articles": 8, "mentions": 8, "first": 10, "last": 10, "with": 24,
                 "quotes": 6}
#: the name column fits the longest of this many first names shown, up to NAME_WIDTH
NAME_SAMPLE = 500
NAME_WIDTH = 28
MIN_FLEXIBLE = 12


def _cut(text: str) -> str:
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…"


class PeopleTable(DataTable):
    """A person's articles (on a person's page): enter opens one."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class PeopleHistory:
    """The decisions about people made in this session (merges on the People screen, splits
    on a person's page), to undo and redo as in the reader; shared by both screens."""

    def __init__(self) -> None:
        self.done: list[tuple[dict, str]] = []
        self.undone: list[tuple[dict, str]] = []

    @staticmethod
    def of(library) -> PeopleHistory:
        history = getattr(library, "people_history", None)
        if history is None:
            history = library.people_history = PeopleHistory()
        return history


UNDO_BINDINGS = [
    Binding("u,ctrl+z", "undo", "Undo"),
    Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
]
#: the People screen's footer is full at 80 columns: undo is in its help and in the notice
#: a merge shows ("u undoes")
UNDO_BINDINGS_UNSHOWN = [
    Binding("u,ctrl+z", "undo", "Undo", show=False),
    Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
]


class PeopleUndo:
    """``u`` / ``U`` on the People screen and a person's page: the last merge or split
    taken back or done again. The host has ``library``, ``index`` and ``people_changed``."""

    def did(self, op: dict | None, what: str) -> None:
        if op is None:
            return
        history = PeopleHistory.of(self.library)
        history.done.append((op, what))
        history.undone.clear()

    def action_undo(self) -> None:
        history = PeopleHistory.of(self.library)
        if not history.done:
            self.notify("Nothing to undo here.", timeout=3, markup=False)
            return
        op, what = history.done.pop()
        if not self.index.take_back(op):
            self.notify(f"{what[:1].upper()}{what[1:]} was already taken back.", timeout=3,
                        markup=False)
            return
        history.undone.append((op, what))
        self.people_changed()
        self.notify(f"Undone: {what}. U redoes.", timeout=4, markup=False)

    def action_redo(self) -> None:
        history = PeopleHistory.of(self.library)
        if not history.undone:
            self.notify("Nothing to redo.", timeout=3, markup=False)
            return
        op, what = history.undone.pop()
        self.index.record_again(op)
        history.done.append((op, what))
        self.people_changed()
        self.notify(f"Redone: {what}.", timeout=4, markup=False)


class PeopleList(ScrollView, can_focus=True):
    """The People screen's table, drawn line by line: a header, then only the rows on
    screen are ever laid out (``render_line``), so ten thousand persons open as fast as
    ten. Its rows are ``items``; ``cells(item)`` gives a row's cells (rich ``Text``).
    The cursor moves with the arrows, page keys, home/end and a click; enter (or a
    click on the cursor's row) posts :class:`Chosen`, a move :class:`Highlighted`, a click
    on a header :class:`HeaderClicked`. ``row_count``, ``cursor_row``, ``move_cursor`` and
    ``get_row_at`` are as a DataTable's."""

    COMPONENT_CLASSES = {"people-list--header", "people-list--cursor", "people-list--odd"}
    DEFAULT_CSS = """
    PeopleList { background: $surface; overflow-x: hidden; scrollbar-size-vertical: 1; }
    PeopleList > .people-list--header { text-style: bold; background: $panel; color: $foreground; }
    PeopleList > .people-list--odd { background: $surface-lighten-1; }
    PeopleList > .people-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    PeopleList:blur > .people-list--cursor { background: $block-cursor-blurred-background; text-style: none; }
    """
    BINDINGS = [
        Binding("enter", "choose", "Open"),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
    ]
    PAD = 1   # spaces each side of a cell

    class _Posted(Message):
        """A message of this list: ``control`` is the list (as a DataTable's messages)."""

        def __init__(self, people_list: PeopleList) -> None:
            super().__init__()
            self.people_list = people_list

        @property
        def control(self) -> PeopleList:
            return self.people_list

    class Chosen(_Posted):
        """Enter, or a click on the cursor's row."""

        def __init__(self, people_list: PeopleList, row: int) -> None:
            super().__init__(people_list)
            self.row = row

    class Highlighted(_Posted):
        """The cursor moved to another row (as a DataTable's RowHighlighted)."""

        def __init__(self, people_list: PeopleList, row: int) -> None:
            super().__init__(people_list)
            self.row = row

    class HeaderClicked(_Posted):
        """A click on a column's header: ``key`` names the column."""

        def __init__(self, people_list: PeopleList, key: str) -> None:
            super().__init__(people_list)
            self.key = key

    def __init__(self, columns: tuple[tuple[str, str], ...], cells, flexible: str, *,
                 first_width=None, id: str | None = None) -> None:
        super().__init__(id=id)
        # the width the first column's text of an item needs (default: its cell's length)
        self.first_width = first_width or (lambda item: len(str(cells(item)[0])))
        self.columns = columns
        self.labels = {k: label for k, label in columns}
        self.cells = cells
        self.flexible = flexible
        self.items: list = []
        self.cursor_row = 0
        self.widths: dict[str, int] = {}
        self._strips: dict[int, Strip] = {}
        self._width = -1
        self._drawn = 0   # rows laid out since the last fill (the tests count them)
        self._style_key: tuple = ()

    # -- the DataTable-like surface ------------------------------------------------
    @property
    def rows_drawn(self) -> int:
        """Rows laid out since the list was last filled (only those scrolled into view)."""
        return self._drawn

    @property
    def row_count(self) -> int:
        return len(self.items)

    def get_row_at(self, row: int) -> tuple:
        return self.cells(self.items[row])

    def set_label(self, key: str, label: str) -> None:
        self.labels[key] = label
        self._strips.pop(-1, None)
        self.refresh_lines(0, 1)

    def show(self, items: list, row: int = 0) -> None:
        """Show ``items``, the cursor on ``row``."""
        self.items = list(items)
        self._strips.clear()
        self._drawn = 0
        self._fit()
        self.virtual_size = Size(self._width_now(), len(self.items) + 1)
        self.move_cursor(row=row)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        old = self.cursor_row
        self.cursor_row = max(0, min(row, len(self.items) - 1))
        self._strips.pop(old, None)
        self._scroll_to_cursor()
        self.refresh()
        if self.items and self.cursor_row != old:
            self.post_message(self.Highlighted(self, self.cursor_row))

    def redraw(self) -> None:
        """Draw the rows again (a cell's look changed: the person marked for a merge)."""
        self._strips.clear()
        self.refresh()

    # -- geometry ------------------------------------------------------------------
    def _width_now(self) -> int:
        if self.is_mounted and self.scrollable_content_region.width:
            return self.scrollable_content_region.width
        return self.app.size.width if self.is_attached else 80

    def _rows_on_screen(self) -> int:
        return max(1, (self.scrollable_content_region.height if self.is_mounted else 20) - 1)

    def _fit(self) -> None:
        width = self._width_now()
        pad = 2 * self.PAD
        name = min(NAME_WIDTH, max((self.first_width(p) + 2 for p in self.items[:NAME_SAMPLE]),
                                   default=10))
        fixed = {"name": name, **COLUMN_WIDTHS}
        room = width - sum(fixed.get(k, 0) + pad for k, _ in self.columns if k != self.flexible) - pad
        self.widths = {k: fixed.get(k, max(MIN_FLEXIBLE, room)) for k, _ in self.columns}
        self._width = width

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width_now(), len(self.items) + 1)
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        if not self.is_mounted:
            return
        top, height = self.scroll_offset.y, self._rows_on_screen()
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    # -- drawing -------------------------------------------------------------------
    def _line(self, cells, style: Style) -> Strip:
        line = Text(no_wrap=True, end="")
        for (key, _label), cell in zip(self.columns, cells, strict=True):
            cell = cell.copy() if isinstance(cell, Text) else Text(str(cell))
            cell.no_wrap = True
            cell.truncate(self.widths[key], overflow="ellipsis", pad=True)
            line.append(" " * self.PAD)
            line.append_text(cell)
            line.append(" " * self.PAD)
        segments = [Segment(seg.text, style + seg.style if seg.style else style)
                    for seg in line.render(self.app.console)]
        return Strip(segments).adjust_cell_length(self._width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if width != self._width:   # the columns fit the width the list is drawn at
            self._fit()
            self._strips.clear()
        if y == 0:   # the header stays on top
            strip = self._strips.get(-1)
            if strip is None:
                labels = [Text(self.labels[k]) for k, _ in self.columns]
                strip = self._strips[-1] = self._line(
                    labels, base + self.get_component_rich_style("people-list--header"))
            return strip.crop_extend(0, width, base)
        row = self.scroll_offset.y + y - 1
        if row >= len(self.items):
            return Strip.blank(width, base)
        if row == self.cursor_row:   # never kept: its look follows the focus
            self._drawn += 1
            style = base + self.get_component_rich_style("people-list--cursor")
            return self._line(self.cells(self.items[row]), style).crop_extend(0, width, base)
        strip = self._strips.get(row)
        if strip is None:
            style = base
            if row % 2:
                style += self.get_component_rich_style("people-list--odd")
            strip = self._strips[row] = self._line(self.cells(self.items[row]), style)
            self._drawn += 1
            if len(self._strips) > 4 * self._rows_on_screen() + 8:
                self._strips = {k: v for k, v in self._strips.items()
                                if k == -1 or abs(k - row) <= 2 * self._rows_on_screen()}
        return strip.crop_extend(0, width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # (called on every focus change too: the rows are drawn again only when their
        # colours changed, a new theme)
        get = self.get_component_rich_style
        try:
            key = (self.rich_style, get("people-list--header"), get("people-list--odd"))
        except KeyError:   # before the component styles are set up
            key = ()
        if not key or key != self._style_key:
            self._style_key = key
            self._strips.clear()

    # -- keys and mouse ------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step * self._rows_on_screen())

    def action_edge(self, end: int) -> None:
        self.move_cursor(row=len(self.items) - 1 if end else 0)

    def action_choose(self) -> None:
        if self.items:
            self.post_message(self.Chosen(self, self.cursor_row))

    def column_at(self, x: int) -> str | None:
        pos = 0
        for key, _label in self.columns:
            pos += self.widths.get(key, 0) + 2 * self.PAD
            if x < pos:
                return key
        return None

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            key = self.column_at(offset.x)
            if key is not None:
                self.post_message(self.HeaderClicked(self, key))
            return
        row = self.scroll_offset.y + offset.y - 1
        if not 0 <= row < len(self.items):
            return
        if row == self.cursor_row:
            self.post_message(self.Chosen(self, row))
        else:
            self.move_cursor(row=row)


class PeopleScreen(PeopleUndo, Screen):
    """Everyone in the library's index."""

    DEFAULT_CSS = """
    PeopleScreen #people-filter { dock: top; margin: 0 1; }
    PeopleScreen #people { height: 1fr; }
    PeopleScreen #people-detail { height: auto; max-height: 5; padding: 0 1;
                                  border-top: solid $border; }
    PeopleScreen #people-status { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("t", "cycle_view", "Type"),
        Binding("m", "merge", "Merge"),
        Binding("1", "sort('name')", "Sort", key_display=f"1-{len(PEOPLE_COLUMNS)}"),
        *[Binding(str(n), f"sort('{k}')", f"Sort by {label.lower()}", show=False)
          for n, (k, label) in enumerate(PEOPLE_COLUMNS[1:], 2)],
        *UNDO_BINDINGS_UNSHOWN,
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, library) -> None:
        super().__init__()
        self.library = library
        self.index = library.index
        self.view = 0
        self.persons: list = []
        self.shown: list = []
        self.filter_text = ""
        self.sort_key = ""
        self.sort_reverse = False
        self.marked: int | None = None
        self._haystack: dict[int, str] = {}
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter by name, variant or role (escape clears)", id="people-filter")
        yield PeopleList(PEOPLE_COLUMNS, self._cells, "roles", id="people",
                         first_width=lambda p: len(p.name) + (2 if p.ambiguous else 0))
        yield Static("", id="people-detail")   # the highlighted row whole: roles, who with
        yield Static("", id="people-status")
        yield Footer(show_command_palette=False)  # ctrl+p is in the help: room at 80 columns

    @property
    def table(self) -> PeopleList:
        return self.query_one("#people", PeopleList)

    def on_mount(self) -> None:
        self.query_one("#people-filter", Input).display = False
        self.reload()
        focus_now(self.table)

    def on_screen_resume(self) -> None:
        if self._resumed:   # back from a person's page or the reader: read again
            self.reload()
            self.library.count_people()   # a correction in the reader: index it
        self._resumed = True

    def index_changed(self) -> None:
        """The library's worker has brought the index up to date."""
        if self.is_mounted:   # (before that, mounting reads it)
            self.reload()

    def reload(self) -> None:
        """Read the index again (after the library's worker or a merge changed it)."""
        labels, name = VIEWS[self.view]
        try:
            self.persons = self.index.people(labels)
        except Exception as exc:  # noqa: BLE001 - a broken index: say so, keep the app
            self.persons = []
            self.notify(f"Library index: {exc}", severity="error", markup=False)
        self._haystack = {}   # filled on the first filter
        self.title = f"{name} across the library"
        self._fill()

    def _order(self) -> list:
        words = fold(self.filter_text).split()
        if words and not self._haystack:
            self._haystack = {p.id: fold(" ".join([p.name, *p.variants, p.roles_line()]))
                              for p in self.persons}
        rows = [p for p in self.persons if all(w in self._haystack[p.id] for w in words)] \
            if words else list(self.persons)
        key = {"name": lambda p: fold(p.name), "articles": lambda p: p.articles,
               "mentions": lambda p: p.mentions, "quotes": lambda p: p.quotes,
               "roles": lambda p: fold(p.roles_line()),
               "first": lambda p: p.first_seen, "last": lambda p: p.last_seen,
               "with": lambda p: fold(", ".join(p.partners))}.get(self.sort_key)
        if key is not None:
            rows.sort(key=key, reverse=self.sort_reverse)
        return rows

    def _fill(self) -> None:
        table = self.table
        current = self.current
        self.shown = self._order()
        ids = [p.id for p in self.shown]
        for key, label in PEOPLE_COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_key else ""
            table.labels[key] = label + arrow
        table.show(self.shown, ids.index(current.id) if current is not None
                   and current.id in ids else 0)
        done = self.library.index_ready
        status = f"{len(self.shown)} of {len(self.persons)}"
        if not done:
            status += f" · indexing the library… {len(self.library.people)}/{len(self.library.articles)}"
        status += " · enter opens a person · ? marks a name that fits several people"
        self.query_one("#people-status", Static).update(Text(status, style="dim"))
        self._show_detail()

    def _cells(self, p) -> tuple:
        name = Text(p.name, no_wrap=True, overflow="ellipsis")
        if p.ambiguous:
            name.append(" ?", style="bold")
        if p.id == self.marked:
            name.stylize("reverse")
        roles = _cut(p.roles_line())
        return (name, Text(str(p.articles)), Text(str(p.mentions)),
                Text(roles or "—", no_wrap=True, overflow="ellipsis", style="" if roles else "dim"),
                Text(p.first_seen or "—", style="dim"), Text(p.last_seen or "—", style="dim"),
                Text(_cut(", ".join(p.partners)), no_wrap=True, overflow="ellipsis", style="dim"),
                Text(str(p.quotes) if p.quotes else "—", style="" if p.quotes else "dim"))

    @on(PeopleList.Highlighted, "#people")
    def _row_highlighted(self, event: PeopleList.Highlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """The highlighted person in full, under the table: the roles column is cut to fit
        the screen, this pane wraps (as the detail pane of a database browser does)."""
        p = self.current
        detail = self.query_one("#people-detail", Static)
        if p is None:
            detail.update("")
            return
        t = Text()
        t.append(p.name, style="bold")
        t.append(f"  {p.articles} article{'s' if p.articles != 1 else ''}, {p.mentions} mentions")
        roles = p.roles_line()
        t.append("\nroles: ", style="dim")
        t.append(roles or "—")
        if p.partners:
            t.append("\nwith: ", style="dim")
            t.append(", ".join(p.partners))
        detail.update(t)

    @property
    def current(self):
        table = self.table
        if not table.row_count or not self.shown:
            return None
        row = min(table.cursor_row, len(self.shown) - 1)
        return self.shown[row] if row >= 0 else None

    # -- keys ----------------------------------------------------------------------
    @on(PeopleList.HeaderClicked, "#people")
    def _header_clicked(self, event: PeopleList.HeaderClicked) -> None:
        self.action_sort(event.key)

    def action_sort(self, key: str) -> None:
        if self.sort_key == key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, key not in ("name", "roles", "with", "first")
        self._fill()

    def action_cycle_view(self) -> None:
        self.view = (self.view + 1) % len(VIEWS)
        self.marked = None
        self.reload()

    def action_filter(self) -> None:
        box = self.query_one("#people-filter", Input)
        box.display = True
        focus_now(box)

    @on(Input.Changed, "#people-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._fill()

    @on(Input.Submitted, "#people-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_back(self) -> None:
        box = self.query_one("#people-filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.filter_text = ""
            self._fill()
            self.table.focus()
        elif self.marked is not None:
            self.marked = None
            self._fill()
            self.notify("Merge cancelled.", timeout=2, markup=False)
        else:
            self.app.pop_screen()

    def action_merge(self) -> None:
        p = self.current
        if p is None:
            return
        if self.marked is None or self.marked not in {q.id for q in self.persons}:
            self.marked = p.id
            self._fill()
            self.notify(f"Marked {p.name}: move to the person to merge with and press m again "
                        "(escape cancels).", timeout=5, markup=False)
            return
        other = next(q for q in self.persons if q.id == self.marked)
        self.marked = None
        if other.id == p.id:
            self._fill()
            return
        if other.label != p.label:
            self.notify("Only entities of the same type can be merged.", severity="warning",
                        markup=False)
            self._fill()
            return
        keep, gone = (p, other) if len(p.name) >= len(other.name) else (other, p)
        self.did(self.index.merge(keep.id, gone.id), f"the merge of {gone.name} into {keep.name}")
        self.reload()
        self.notify(f"{gone.name} and {keep.name} are now one person across the library. "
                    "u undoes.", timeout=4, markup=False)

    def people_changed(self) -> None:
        self.reload()

    @on(PeopleList.Chosen, "#people")
    def _person_chosen(self, event: PeopleList.Chosen) -> None:
        if 0 <= event.row < len(self.shown):
            self.app.push_screen(PersonScreen(self.library, self.shown[event.row]))


class PersonScreen(PeopleUndo, Screen):
    """One person: the roles each article gives them, then the articles."""

    DEFAULT_CSS = """
    PersonScreen #person-summary { height: auto; padding: 0 1; }
    PersonScreen .person-heading { height: 1; padding: 0 1; text-style: bold; margin-top: 1; }
    PersonScreen #person-roles { height: auto; max-height: 40%; }
    PersonScreen #person-quotes { height: auto; max-height: 30%; }
    PersonScreen #person-articles { height: 1fr; }
    """
    BINDINGS = [
        Binding("tab", "switch", "Roles/articles", show=False),
        Binding("s", "split", "Not this person"),
        *UNDO_BINDINGS,
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, library, person) -> None:
        super().__init__()
        self.library = library
        self.index = library.index
        self.person = person
        self.appearances: list = []
        self._anchor = None   # an article of theirs, to find them again after a regrouping
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="person-summary")
        yield Static("Roles by article", classes="person-heading")
        yield DataTable(id="person-roles", cursor_type="row", zebra_stripes=True)
        yield Static("Quotations by article", classes="person-heading")
        yield DataTable(id="person-quotes", cursor_type="row", zebra_stripes=True)
        yield Static("Articles", classes="person-heading")
        yield PeopleTable(id="person-articles", cursor_type="row", zebra_stripes=True)
        yield Footer(show_command_palette=False)  # ctrl+p is in the help: room at 80 columns

    def on_mount(self) -> None:
        self.query_one("#person-roles", DataTable).add_columns("Date", "Role", "Article")
        self.query_one("#person-quotes", DataTable).add_columns("Date", "Said", "Article")
        arts = self.query_one("#person-articles", DataTable)
        arts.add_columns("Date", "Title", "Mentions", "Roles")
        self.reload()
        arts.focus()

    def reload(self) -> None:
        p = self.person = self.index.person(self.person.id) or self.person   # with every role
        self.title = p.name
        self.appearances = self.index.appearances(p.id)
        s = Text()
        s.append(p.name, style="bold")
        s.append(f"  {p.label} · {p.articles} articles · {p.mentions} mentions")
        if p.quotes:
            s.append(f" · {p.quotes} quotation{'s' if p.quotes > 1 else ''}")
        if p.first_seen:
            s.append(f" · {p.first_seen} – {p.last_seen}", style="dim")
        if len(p.variants) > 1:
            s.append("\nalso written: ", style="dim")
            s.append(", ".join(v for v in p.variants if v != p.name))
        if p.partners:
            s.append("\nseen with: ", style="dim")
            s.append(", ".join(p.partners))
        if p.ambiguous:
            s.append("\nthis name fits several people: it is kept on its own", style="italic")
        self.query_one("#person-summary", Static).update(s)
        roles = self.query_one("#person-roles", DataTable)
        roles.clear()
        for r in sorted(p.roles, key=lambda r: r.date, reverse=True):
            role = Text(r.text)
            if r.gloss:
                role.append(f" · {r.gloss}", style="dim italic")
            roles.add_row(Text(r.date or "—", style="dim"), role, Text(r.title, overflow="ellipsis"))
        if not p.roles:
            roles.add_row(Text("—", style="dim"), Text("no article gives a role", style="dim"), "")
        said = self.query_one("#person-quotes", DataTable)
        said.clear()
        for a in self.appearances:  # newest first, each article's in text order
            for q in a.quotes:
                words = " ".join(q.split())
                said.add_row(Text(a.date or "—", style="dim"),
                             Text("❝ " + _cut(words), overflow="ellipsis", style="italic"),
                             Text(a.title, overflow="ellipsis"))
        if not said.row_count:
            said.add_row(Text("—", style="dim"), Text("no quotation", style="dim"), "")
        arts = self.query_one("#person-articles", DataTable)
        arts.clear()
        for n, a in enumerate(self.appearances):
            arts.add_row(Text(a.date or "—", style="dim"), Text(a.title, overflow="ellipsis"),
                         Text(str(a.mentions)), Text("; ".join(a.roles) or "—", style="dim"),
                         key=str(n))

    def action_switch(self) -> None:
        roles = self.query_one("#person-roles", DataTable)
        arts = self.query_one("#person-articles", DataTable)
        (arts if self.focused is roles else roles).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(DataTable.RowSelected, "#person-articles")
    def _article_chosen(self, event: DataTable.RowSelected) -> None:
        self.open_appearance(self.appearances[int(event.row_key.value)])

    def open_appearance(self, a) -> None:
        lib = self.library
        try:
            i = lib._keys.index(a.article)
        except ValueError:
            self.notify("That article is no longer in the library.", severity="warning",
                        markup=False)
            return
        lib.open_article(i, select=(a.start, a.end))

    def action_split(self) -> None:
        arts = self.query_one("#person-articles", DataTable)
        if len(self.appearances) < 2:
            self.notify(f"{self.person.name} is in a single article: nothing to split.",
                        timeout=3, markup=False)
            return
        a = self.appearances[min(arts.cursor_row, len(self.appearances) - 1)]
        self._anchor = next(b for b in self.appearances if b is not a)
        self.did(self.index.split_off(a), f"“{a.title}” given a person of its own")
        self.notify(f"“{a.title}” now has a person of its own. u undoes.", timeout=4,
                    markup=False)
        self._refresh_person()

    def people_changed(self) -> None:
        self._refresh_person()

    def _refresh_person(self) -> None:
        """The person again, found through one of their articles (the numbers of persons
        change when the index regroups)."""
        anchor = self._anchor or (self.appearances[0] if self.appearances else None)
        self.index.regroup()
        person = self.index.person_of(anchor.sha, anchor.start, anchor.end) if anchor else None
        if person is None:
            self.app.pop_screen()
            return
        self.person = person
        self.reload()

    def on_screen_resume(self) -> None:
        if self._resumed:
            self._refresh_person()
            self.library.count_people()   # a correction in the reader: index it
        self._resumed = True

    def index_changed(self) -> None:
        self._refresh_person()
