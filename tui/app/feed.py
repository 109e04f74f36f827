"""A feed as a library: its items with title, date and source; enter fetches (once) and opens.

:class:`FeedPanel` is the list of one feed's items. It loads the feed in a
worker (the copy kept in the library when the network fails, and says so),
marks the items already saved, and on enter opens an item: from the library
(offline) if it was fetched before, else fetched once in a worker, saved, and
then opened in the reader. :class:`FeedScreen` shows one panel alone
(``personae FEED_URL``); the library shows a panel for each feed of the
user's ``feeds.txt`` beside the articles.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.app.reader import ReaderScreen
from tui.app.tables import fit_column
from tui.core.opening import SourceError, fetch_article, load_article, load_feed
from tui.display import line, message

SAVED_MARK = "●"  # the item is in the library: it opens offline
FETCHING_MARK = "…"


class FeedTable(DataTable):
    BINDINGS = [Binding("enter", "select_cursor", "Open"),
                Binding("j", "cursor_down", "Down", show=False),
                Binding("k", "cursor_up", "Up", show=False)]


class FeedPanel(Vertical):
    """One feed's items; enter opens the item under the cursor."""

    DEFAULT_CSS = """
    FeedPanel { height: auto; max-height: 1fr; }
    FeedPanel > .feed-title { padding: 0 1; color: $text-accent; text-style: bold; }
    FeedPanel > .feed-status { padding: 0 1; color: $text-muted; }
    FeedPanel > FeedTable { height: auto; max-height: 1fr; }
    """

    def __init__(self, url: str, feed=None, model: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.feed = feed            # the feed (tui.core.opening.load_feed), once loaded
        self.model = model
        self.saved: dict[int, object] = {}     # item -> its Path in the library
        self.fetching: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Static(Text(line(self.url)), classes="feed-title")
        yield FeedTable(cursor_type="row", zebra_stripes=True)
        yield Static(Text("Loading the feed…"), classes="feed-status")

    @property
    def table(self) -> FeedTable:
        return self.query_one(FeedTable)

    def on_mount(self) -> None:
        table = self.table
        table.add_column("", key="mark", width=1)
        table.add_column("Title", key="title")
        table.add_column("Date", key="date", width=10)
        table.add_column("Source", key="source", width=20)
        if self.feed is not None:
            self._show(self.feed)
        else:
            self.load()

    @work(thread=True, exclusive=True, group="feed-load")
    def load(self) -> None:
        try:
            feed = load_feed(self.url)
        except SourceError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, feed)

    def _failed(self, why: str) -> None:
        self._status(f"Could not load the feed: {message(why)}")

    def _status(self, text: str) -> None:
        self.query_one(".feed-status", Static).update(Text(text))

    def _show(self, feed) -> None:
        self.feed = feed
        self.query_one(".feed-title", Static).update(Text(line(feed.title)))
        table = self.table
        table.clear()
        for i, item in enumerate(feed.items):
            path = item.saved()
            if path is not None:
                self.saved[i] = path
            table.add_row(SAVED_MARK if path is not None else "",
                          Text(line(item.title), no_wrap=True, overflow="ellipsis"),
                          Text(item.date or "—", style="dim"),
                          Text(line(item.source), style="dim", no_wrap=True, overflow="ellipsis"),
                          key=str(i))
        self.call_after_refresh(self._fit)
        n = len(feed.items)
        status = f"{n} item{'s' if n != 1 else ''} · enter opens one ({SAVED_MARK}: saved, opens offline)"
        if feed.offline:
            status = f"Offline ({line(feed.offline)}): the copy of {feed.fetched or 'before'} · " + status
        self._status(status)
        if isinstance(self.screen, FeedScreen):
            self.screen.sub_title = f"{n} items"
            self.screen.title = line(feed.title)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """The title takes what the date and source columns leave."""
        if self.table.size.width:
            fit_column(self.table, "title", {"mark": 1, "date": 10, "source": 20})

    def _mark(self, i: int, mark: str) -> None:
        try:
            self.table.update_cell(str(i), "mark", mark)
        except Exception:  # noqa: BLE001 - the table was refilled meanwhile
            pass

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_item(int(event.row_key.value))

    def open_item(self, i: int) -> None:
        """Open item ``i``: from the library if saved, else fetch it (once) first."""
        if self.feed is None or not 0 <= i < len(self.feed.items):
            return
        if i in self.fetching:
            self.notify("Still fetching this article…", timeout=3, markup=False)
            return
        path = self.saved.get(i)
        if path is not None:
            self._open_saved(i, path)
            return
        self.fetching.add(i)
        self._mark(i, FETCHING_MARK)
        self._status(f"Fetching {self.feed.items[i].link} …")
        self.fetch_item(i)

    @work(thread=True, group="feed-fetch")
    def fetch_item(self, i: int) -> None:
        item = self.feed.items[i]
        try:
            got = fetch_article(item.link)
        except SourceError as exc:
            self.app.call_from_thread(self._fetch_failed, i, str(exc))
            return
        self.app.call_from_thread(self._fetched, i, got)

    def _fetch_failed(self, i: int, why: str) -> None:
        self.fetching.discard(i)
        self._mark(i, "")
        self._status(f"Could not open {message(self.feed.items[i].link)}: {message(why)}")
        self.notify(message(why), title="Could not open", severity="error", timeout=8,
                    markup=False)

    def _fetched(self, i: int, path) -> None:
        self.fetching.discard(i)
        self.saved[i] = path
        self._mark(i, SAVED_MARK)
        self._open_saved(i, path)

    def _open_saved(self, i: int, path) -> None:
        try:
            article = load_article(path)
        except SourceError as exc:
            self._fetch_failed(i, str(exc))
            return
        if self.feed is not None:
            self._status(f"{len(self.feed.items)} items · enter opens one "
                         f"({SAVED_MARK}: saved, opens offline)")
        self.screen.workers.cancel_group(self.screen, "library")  # the library's counting
        self.app.push_screen(ReaderScreen(article, self.model, can_go_back=True))


class FeedScreen(Screen):
    """``personae FEED_URL``: the feed's items as a library."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("r", "reload", "Reload"),
    ]

    def __init__(self, url: str, feed=None, model: str | None = None) -> None:
        super().__init__()
        self.url = url
        self.feed = feed
        self.model = model

    def compose(self) -> ComposeResult:
        yield Header()
        yield FeedPanel(self.url, self.feed, self.model, id="feed")
        yield Footer()

    def on_mount(self) -> None:
        self.title = line(self.feed.title if self.feed is not None else self.url)
        self.query_one(FeedTable).focus()

    @property
    def panel(self) -> FeedPanel:
        return self.query_one(FeedPanel)

    def action_cursor_down(self) -> None:
        self.panel.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.panel.table.action_cursor_up()

    def action_reload(self) -> None:
        self.panel._status("Loading the feed…")
        self.panel.load()
