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

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from tui.app.navigation import fold
from tui.app.tables import LazyRows, fit_column
from tui.document import LABEL_PLURALS

VIEWS = (*(((label,), name) for label, name in LABEL_PLURALS.items()), (None, "Everyone"))
PEOPLE_COLUMNS = (("name", "Name"), ("articles", "Articles"), ("mentions", "Mentions"),
                  ("roles", "Roles"), ("first", "First seen"), ("last", "Last seen"),
                  ("with", "With"))


#: a cell never holds more than this (a DataTable lays out the whole text of every cell
#: it draws: a person seen in a hundred articles has a long line of roles)
CELL_CHARS = 240


def _cut(text: str) -> str:
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…"


class PeopleTable(DataTable):
    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class PeopleScreen(Screen):
    """Everyone in the library's index."""

    DEFAULT_CSS = """
    PeopleScreen #people-filter { dock: top; margin: 0 1; }
    PeopleScreen #people { height: 1fr; }
    PeopleScreen #people-status { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("t", "cycle_view", "Type"),
        Binding("m", "merge", "Merge"),
        Binding("1", "sort('name')", "Sort", key_display="1-7"),
        *[Binding(str(n), f"sort('{k}')", f"Sort by {label.lower()}", show=False)
          for n, (k, label) in enumerate(PEOPLE_COLUMNS[1:], 2)],
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
        yield PeopleTable(id="people", cursor_type="row", zebra_stripes=True)
        yield Static("", id="people-status")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one("#people", DataTable)

    def on_mount(self) -> None:
        self.query_one("#people-filter", Input).display = False
        for key, label in PEOPLE_COLUMNS:
            self.table.add_column(label, key=key)
        self.rows = LazyRows(self.table, self._cells, lambda p: str(p.id))
        self.reload()
        self.table.focus()

    def on_screen_resume(self) -> None:
        if self._resumed:   # back from a person's page or the reader: read again
            self.reload()
            self.library.count_people()   # a correction in the reader: index it
        self._resumed = True

    def index_changed(self) -> None:
        """The library's worker has brought the index up to date."""
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
               "mentions": lambda p: p.mentions, "roles": lambda p: fold(p.roles_line()),
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
        self.rows.show(self.shown, ids.index(current.id) if current is not None
                       and current.id in ids else 0)
        for key, label in PEOPLE_COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_key else ""
            table.columns[key].label = Text(label + arrow)
        done = self.library.index_ready
        status = f"{len(self.shown)} of {len(self.persons)}"
        if not done:
            status += f" · indexing the library… {len(self.library.people)}/{len(self.library.articles)}"
        status += " · enter opens a person · ? marks a name that fits several people"
        self.query_one("#people-status", Static).update(Text(status, style="dim"))
        self._fit()

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
                Text(_cut(", ".join(p.partners)), no_wrap=True, overflow="ellipsis", style="dim"))

    @on(DataTable.RowHighlighted, "#people")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.rows.near(event.cursor_row)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        name_w = min(28, max((len(p.name) + 2 for p in self.shown[:LazyRows.CHUNK * 5]),
                             default=10))
        fit_column(self.table, "roles", {"name": name_w, "articles": 8, "mentions": 8,
                                         "first": 10, "last": 10, "with": 24})

    @property
    def current(self):
        table = self.table
        if not table.row_count or not self.shown:
            return None
        row = min(table.cursor_row, len(self.shown) - 1)
        return self.shown[row] if row >= 0 else None

    # -- keys ----------------------------------------------------------------------
    @on(DataTable.HeaderSelected, "#people")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_key.value)

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
        box.focus()

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
        self.index.merge(keep.id, gone.id)
        self.reload()
        self.notify(f"{gone.name} and {keep.name} are now one person across the library.",
                    timeout=4, markup=False)

    @on(DataTable.RowSelected, "#people")
    def _person_chosen(self, event: DataTable.RowSelected) -> None:
        pid = int(event.row_key.value)
        person = next((p for p in self.persons if p.id == pid), None)
        if person is not None:
            self.app.push_screen(PersonScreen(self.library, person))


class PersonScreen(Screen):
    """One person: the roles each article gives them, then the articles."""

    DEFAULT_CSS = """
    PersonScreen #person-summary { height: auto; padding: 0 1; }
    PersonScreen .person-heading { height: 1; padding: 0 1; text-style: bold; margin-top: 1; }
    PersonScreen #person-roles { height: auto; max-height: 40%; }
    PersonScreen #person-articles { height: 1fr; }
    """
    BINDINGS = [
        Binding("tab", "switch", "Roles/articles", show=False),
        Binding("s", "split", "Not this person"),
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
        yield Static("Articles", classes="person-heading")
        yield PeopleTable(id="person-articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#person-roles", DataTable).add_columns("Date", "Role", "Article")
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
        self.index.split_off(a)
        self.notify(f"“{a.title}” now has a person of its own.", timeout=4, markup=False)
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
