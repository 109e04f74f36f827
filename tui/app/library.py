"""The library: the articles of a folder, with title, date and number of people; search and sort.

The articles show at once; a worker then fills the library index
(:mod:`tui.core.library`) from each article's analysis, analysing the ones not
cached yet, and counts each article's people on the way. ``/`` searches titles,
article text, people's names and roles at once; ``1``-``4`` (or a click on a
header) sort by a column, again to reverse; ``p`` opens the People screen.
Feeds given to the library (the user's ``feeds.txt``) show under the articles,
one :class:`~tui.app.feed.FeedPanel` each.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static
from textual.worker import get_current_worker

from tui.app.feed import FeedPanel
from tui.app.focus import focus_now
from tui.app.navigation import fold
from tui.app.people import PeopleScreen
from tui.app.reader import ReaderScreen
from tui.app.tables import LazyRows, fit_column
from tui.core import analysis, library
from tui.display import message

COLUMNS = (("title", "Title"), ("date", "Date"), ("people", "People"), ("file", "File"))
#: the file column never takes more than this
MAX_FILE = 24


class LibraryTable(DataTable):
    """The articles; enter opens the one under the cursor (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class LibraryScreen(Screen):
    DEFAULT_CSS = """
    LibraryScreen #library-search { dock: top; margin: 0 1; }
    LibraryScreen #library { height: 1fr; min-height: 6; }
    LibraryScreen #library-feeds { height: auto; max-height: 50%; }
    LibraryScreen FeedPanel { border-top: solid $border; }
    """
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("p", "people", "People"),
        Binding("r", "reload", "Reload"),
        Binding("1", "sort('title')", "Sort", key_display="1-4"),
        Binding("2", "sort('date')", "Sort by date", show=False),
        Binding("3", "sort('people')", "Sort by people", show=False),
        Binding("4", "sort('file')", "Sort by file", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def __init__(self, articles: list, model: str | None = None, title: str = "Library",
                 feeds: list = ()) -> None:
        super().__init__()
        self.articles = articles
        self.feeds = list(feeds)     # (url, Feed or None): a FeedPanel each, under the articles
        self.model = model
        self.library_title = title
        self.people: dict[int, int] = {}
        self.index = None            # the library's index (tui.core.library), opened by the worker
        self.index_ready = False     # every article indexed and the persons grouped
        self.sort_key = ""           # "" keeps the library's own order
        self.sort_reverse = False
        self.matches: list[int] | None = None   # the articles the search found, best first
        self.shown: list[int] = list(range(len(articles)))
        self._keys: list[str] = []
        self._opening = threading.Lock()
        self._index_failed = False
        self._said = ""                # the index's last notice shown
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search titles, text, people and roles (escape clears)",
                    id="library-search")
        yield LibraryTable(id="library", cursor_type="row", zebra_stripes=True)
        if self.feeds:  # below the articles, in at most half the screen, scrolling
            with VerticalScroll(id="library-feeds"):
                for url, feed in self.feeds:
                    yield FeedPanel(url, feed, self.model)
        yield Static("", id="library-status")
        yield ProgressBar(total=None, show_eta=False, id="library-progress")
        yield Footer(show_command_palette=False)  # ctrl+p is in the help: room at 80 columns

    @property
    def table(self) -> DataTable:
        return self.query_one("#library", DataTable)

    def on_mount(self) -> None:
        self.title = self.library_title
        self.sub_title = f"{len(self.articles)} articles"
        self._keys = [library.article_key(a) for a in self.articles]
        self.query_one("#library-search", Input).display = False
        table = self.table
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self.rows = LazyRows(table, self._cells, str)
        self._fill()
        focus_now(table)
        self.count_people()

    def on_screen_resume(self) -> None:
        if self._resumed:     # not on the first show: on_mount has started the worker
            self.count_people()   # an article's corrections may have changed its people
        self._resumed = True

    # -- the table ------------------------------------------------------------------
    def _cells(self, i: int) -> tuple[Text, ...]:
        a = self.articles[i]
        n = self.people.get(i)
        count = Text("…" if n is None else "?" if n < 0 else str(n), style="" if n and n >= 0 else "dim")
        return (Text(a.title or a.stem, no_wrap=True, overflow="ellipsis"),
                Text(a.date or "—", style="dim"), count,
                Text(a.path.name if a.path else a.stem, style="dim", no_wrap=True, overflow="ellipsis"))

    def _order(self) -> list[int]:
        rows = list(range(len(self.articles))) if self.matches is None else list(self.matches)
        if not self.sort_key:
            return rows

        def key(i: int):
            a = self.articles[i]
            if self.sort_key == "title":
                return fold(a.title or a.stem)
            if self.sort_key == "date":
                return a.date or ""
            if self.sort_key == "people":
                return self.people.get(i, -1)
            return a.path.name if a.path else a.stem
        return sorted(rows, key=key, reverse=self.sort_reverse)

    def _fill(self) -> None:
        """Show the articles the search leaves, in the chosen order; the cursor stays on
        the same article when it is still shown."""
        table = self.table
        current = self._cursor_article()
        self.shown = self._order()
        # row keys: the article's position in the library
        self.rows.show(self.shown, self.shown.index(current) if current in self.shown else 0)
        for key, label in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_key else ""
            table.columns[key].label = Text(label + arrow)
        self._fit()

    def _cursor_article(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - an empty or changing table
            return None
        return int(key.value) if key.value is not None else None

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        table = self.table
        file_w = min(MAX_FILE, max((len(a.path.name if a.path else a.stem) for a in self.articles),
                                   default=4))
        widths = {"date": 10, "people": 7, "file": max(4, file_w)}
        fit_column(table, "title", widths)

    @on(DataTable.RowHighlighted, "#library")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.rows.near(event.cursor_row)

    @on(DataTable.HeaderSelected, "#library")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(event.column_key.value)

    def action_sort(self, key: str) -> None:
        if self.sort_key == key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, key in ("date", "people")
        self._fill()

    # -- search ---------------------------------------------------------------------
    def action_search(self) -> None:
        box = self.query_one("#library-search", Input)
        box.display = True
        focus_now(box)

    def action_clear_search(self) -> None:
        box = self.query_one("#library-search", Input)
        if not box.display and self.matches is None:
            return
        box.value = ""
        box.display = False
        self.matches = None
        self._fill()
        self.table.focus()
        self._status_idle()

    @on(Input.Changed, "#library-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.matches = self.search(event.value)
        self._fill()
        if self.matches is not None:
            self.query_one("#library-status", Static).update(
                Text(f"{len(self.matches)} of {len(self.articles)} articles match", style="dim"))
        else:
            self._status_idle()

    @on(Input.Submitted, "#library-search")
    def _search_done(self) -> None:
        self.table.focus()

    def search(self, query: str) -> list[int] | None:
        """The articles matching ``query``, best first (None: no query). Through the index's
        full-text search; until the index exists, over titles and text only."""
        if not query.strip():
            return None
        where = {k: i for i, k in enumerate(self._keys)}
        found: list[int] = []
        if self.index is not None:
            try:
                found = [where[k] for k in self.index.search(query) if k in where]
                if self.index_ready:
                    return found
            except Exception:  # noqa: BLE001 - a broken index must not break the library
                pass
        # still indexing: the articles not indexed yet are searched by title and text
        words = fold(query).split()
        seen = set(found)
        return found + [i for i, a in enumerate(self.articles) if i not in seen
                        and all(w in fold(f"{a.title}\n{a.text}") for w in words)]

    # -- the index and the people counts ---------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def count_people(self) -> None:
        """Count each article's people, filling the library index on the way (the core's
        update loop, one article at a time so that search sees each at once)."""
        worker = get_current_worker()
        index = self._open_index()
        todo = [i for i in range(len(self.articles)) if i not in self.people]
        if index is not None:
            try:
                pending = set(index.pending(self.articles))
                known = index.article_people()
            except Exception:  # noqa: BLE001 - a file broken while open: start again
                index.reset()
                pending, known = set(range(len(self.articles))), {}
            ready = {i: known[self._keys[i]] for i in todo
                     if i not in pending and self._keys[i] in known}
            if ready:
                self.app.call_from_thread(self._set_counts, ready)
            todo = sorted(set(todo) - set(ready)) + sorted(pending - set(todo))
            todo = list(dict.fromkeys(todo))

        def analyse(a):
            return analysis.analyse_text(a.text, a.source, self.model,
                                         cancelled=lambda: worker.is_cancelled)[0]

        def each(i: int, ann, done: int, total: int) -> None:
            count = sum(1 for e in ann.entities if e.label == "PER")
            self.app.call_from_thread(self._set_count, i, count, done, total)

        def failed(i: int, exc: Exception) -> bool:
            if isinstance(exc, analysis.Cancelled):  # an article was opened: counted on return
                return True
            self.app.call_from_thread(self._count_failed, i, str(exc))  # keep counting
            return False

        try:
            library.update(index, self.articles, analyse, todo=todo, batch=1, each=each,
                           failed=failed, cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # noqa: BLE001 - the counts shown are still right
            self.app.call_from_thread(self.notify, f"Library index: {exc}",
                                      severity="warning", timeout=6, markup=False)
            return
        if index is not None and index.notice and index.notice != self._said:
            self._said = index.notice
            self.app.call_from_thread(self.notify, message(f"Library index: {index.notice}"),
                                      severity="warning", timeout=8, markup=False)
        if index is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._index_done)

    def _open_index(self):
        """The library's index, opened once however many workers start (None: it cannot be,
        said once; the counts still work without it)."""
        with self._opening:
            if self.index is None and not self._index_failed:
                try:
                    self.index = library.open_index(self.articles, self.model)
                except Exception as exc:  # noqa: BLE001 - counting still works without it
                    self._index_failed = True
                    self.app.call_from_thread(self.notify, f"Library index unavailable: {exc}",
                                              severity="warning", timeout=6, markup=False)
            return self.index

    def _set_counts(self, counts: dict[int, int]) -> None:
        self.people.update(counts)
        table = self.table
        for i, n in counts.items():
            if str(i) in self.rows.keys:
                table.update_cell(str(i), "people", Text(str(n)))

    def _set_count(self, i: int, count: int, done: int, total: int) -> None:
        self.people[i] = count
        if str(i) in self.rows.keys:
            self.table.update_cell(str(i), "people", Text(str(count)))
        bar = self.query_one("#library-progress", ProgressBar)
        bar.update(total=total, progress=done)
        if done < total:
            self.query_one("#library-status", Static).update(
                Text(f"Counting people… {done}/{total}", style="dim"))

    def _index_done(self) -> None:
        self.index_ready = True
        self.query_one("#library-progress", ProgressBar).display = False
        if self.sort_key == "people":
            self._fill()
        if self.matches is None:
            self._status_idle()
        changed = getattr(self.app.screen, "index_changed", None)   # People, a person's page
        if changed is not None:
            changed()

    def _status_idle(self) -> None:
        done = len(self.people) >= len(self.articles)
        self.query_one("#library-status", Static).update(Text(
            "enter opens an article · / searches · p lists the people" if done
            else "Counting people…", style="dim"))

    def _count_failed(self, i: int, message: str) -> None:
        self.people[i] = -1
        if str(i) in self.rows.keys:
            self.table.update_cell(str(i), "people", Text("?", style="dim"))
        self.notify(message, severity="error", timeout=8, markup=False)

    # -- moving, opening ---------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    @on(DataTable.RowSelected, "#library")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_article(int(event.row_key.value))

    def open_article(self, index: int, select: tuple[int, int] | None = None) -> None:
        self.workers.cancel_group(self, "library")
        kwargs = {"select": select} if select is not None else {}
        self.app.push_screen(ReaderScreen(self.articles[index], self.model, can_go_back=True,
                                          **kwargs))

    def action_reload(self) -> None:
        """Read the folders the articles come from again: articles added since the library
        was opened join it, articles whose file is gone leave it (their people too)."""
        from tui.core.opening import SourceError, article_files, load_article

        folders = list(dict.fromkeys(a.path.parent for a in self.articles if a.path is not None))
        problems: list[str] = []
        files, _ok = article_files(folders, lambda where, why: problems.append(f"{where}: {why}"))
        known = {a.path: i for i, a in enumerate(self.articles) if a.path is not None}
        listed = set(files)
        keep = [i for i, a in enumerate(self.articles)
                if a.path is None or a.path in listed or a.path.parent not in folders]
        added = []
        for f in files:
            if f not in known:
                try:
                    added.append(load_article(f))
                except SourceError as exc:
                    problems.append(f"{f.name}: {exc}")
        gone = len(self.articles) - len(keep)
        if not added and not gone:
            self.notify("No new article in the folder.", timeout=3, markup=False)
        else:
            self.workers.cancel_group(self, "library")
            people = {new: self.people[old] for new, old in enumerate(keep) if old in self.people}
            self.articles = [self.articles[i] for i in keep] + added
            self._keys = [library.article_key(a) for a in self.articles]
            self.people = people
            self.index_ready = False
            self.matches = None
            self.sub_title = f"{len(self.articles)} articles"
            self.query_one("#library-progress", ProgressBar).display = True
            self._fill()
            self.count_people()
            said = [f"{len(added)} new article{'s' if len(added) != 1 else ''}"] if added else []
            said += [f"{gone} gone"] if gone else []
            self.notify(", ".join(said) + ".", timeout=4, markup=False)
        for problem in problems:
            self.notify(problem, severity="warning", timeout=6, markup=False)

    def action_people(self) -> None:
        if self.index is None:
            self.notify("The library index could not be opened." if self._index_failed else
                        "The library index is still opening: try again in a moment.",
                        timeout=3, markup=False)
            return
        self.app.push_screen(PeopleScreen(self))
