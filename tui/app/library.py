"""The library: the articles of a folder, with title, date and number of people."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static


class LibraryTable(DataTable):
    """The articles; enter opens the one under the cursor (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, articles: list, model: str | None = None, title: str = "Library") -> None:
        super().__init__()
        self.articles = articles
        self.model = model
        self.library_title = title
        self.people: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield LibraryTable(id="library", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-status")
        yield ProgressBar(total=None, show_eta=False, id="library-progress")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.library_title
        self.sub_title = f"{len(self.articles)} articles"
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Date", key="date")
        table.add_column("People", key="people")
        table.add_column("File", key="file")
        for i, a in enumerate(self.articles):
            table.add_row(Text(a.title or a.stem), Text(a.date or "—", style="dim"),
                          Text("…", style="dim"), Text(a.path.name if a.path else a.stem, style="dim"),
                          key=str(i))
        table.focus()
        self.count_people()

    def on_screen_resume(self) -> None:
        if len(self.people) < len(self.articles):
            self.count_people()

    @work(thread=True, exclusive=True, group="library")
    def count_people(self) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        try:
            from tui.nlp.analyze import Cancelled
            from tui.service import analyse_text
        except Exception:  # pragma: no cover
            return
        todo = [i for i in range(len(self.articles)) if i not in self.people]
        for n, i in enumerate(todo):
            if worker.is_cancelled:
                return
            a = self.articles[i]
            try:
                ann, _ = analyse_text(a.text, a.source, self.model,
                                      cancelled=lambda: worker.is_cancelled)
            except Cancelled:  # an article was opened: counted again on return
                return
            except Exception as exc:  # keep counting the others
                self.app.call_from_thread(self._count_failed, i, str(exc))
                continue
            count = sum(1 for e in ann.entities if e.label == "PER")
            self.app.call_from_thread(self._set_count, i, count, n + 1, len(todo))

    def _set_count(self, i: int, count: int, done: int, total: int) -> None:
        self.people[i] = count
        table = self.query_one(DataTable)
        table.update_cell(str(i), "people", Text(str(count)))
        bar = self.query_one("#library-progress", ProgressBar)
        bar.update(total=total, progress=done)
        if done >= total:
            bar.display = False
            self.query_one("#library-status", Static).update(Text("enter opens an article", style="dim"))
        else:
            self.query_one("#library-status", Static).update(
                Text(f"Counting people… {done}/{total}", style="dim"))

    def _count_failed(self, i: int, message: str) -> None:
        self.people[i] = -1
        self.query_one(DataTable).update_cell(str(i), "people", Text("?", style="dim"))
        self.notify(message, severity="error", timeout=8, markup=False)

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.open_article(int(event.row_key.value))

    def open_article(self, index: int) -> None:
        from tui.app.reader import ReaderScreen

        self.workers.cancel_group(self, "library")
        self.app.push_screen(ReaderScreen(self.articles[index], self.model, can_go_back=True))
