"""Tables that fit the terminal: a flexible column that takes what the others leave, and
rows added a chunk at a time. Shared by the library and the People screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable

#: the flexible column gets what the other columns leave, but never less than this
MIN_TITLE = 12


def _label_width(table: DataTable, key: str) -> int:
    for k, col in table.columns.items():
        if k.value == key:
            label = col.label
            return label.cell_len if hasattr(label, "cell_len") else len(str(label))
    return 0


def fit_column(table: DataTable, flexible: str, widths: dict[str, int]) -> None:
    """Give every column of ``widths`` its width and ``flexible`` what is left of the
    table's width (a long title is cut with an ellipsis, the other columns stay)."""
    pad = 2 * table.cell_padding
    # before the first layout the table has no size yet: it spans the screen
    width = table.size.width or table.app.size.width
    height = table.size.height or table.app.size.height
    scrollbar = 2 if table.show_vertical_scrollbar or table.row_count > height else 0
    # a column is never narrower than its header, sort arrow included ("People ▼")
    widths = {k: max(w, _label_width(table, k)) for k, w in widths.items()}
    room = width - scrollbar - sum(w + pad for w in widths.values()) - pad
    for key, col in table.columns.items():
        if key.value in widths:
            col.width, col.auto_width = widths[key.value], False
        elif key.value == flexible:
            col.width, col.auto_width = max(MIN_TITLE, room), False
    table._require_update_dimensions = True  # Textual recomputes the virtual size on idle
    table.refresh()


class LazyRows:
    """The rows of a DataTable added a chunk at a time, the next chunk when the cursor nears
    the last row added: a DataTable measures every cell of every row it is given, so
    10,000 rows at once would take seconds to show."""

    FIRST = 60    # a screenful or two at once: a DataTable row costs ~1-3 ms to show here
    CHUNK = 100
    MARGIN = 20

    def __init__(self, table: DataTable, cells: Callable[[object], tuple],
                 key: Callable[[object], str]) -> None:
        self.table, self.cells, self.key = table, cells, key
        self.items: list = []
        self.loaded = 0
        self.keys: set[str] = set()

    def show(self, items: list, row: int = 0) -> None:
        """Show ``items`` (cleared first), the cursor on ``row``."""
        self.table.clear()
        self.items, self.loaded, self.keys = list(items), 0, set()
        row = max(0, min(row, len(self.items) - 1))
        self.more(upto=max(row, min(self.FIRST, self.CHUNK) - 1))
        if row:
            self.table.move_cursor(row=row)

    def more(self, upto: int | None = None) -> None:
        end = min(len(self.items), upto + 1 if upto is not None else self.loaded + self.CHUNK)
        for item in self.items[self.loaded:end]:
            k = self.key(item)
            self.table.add_row(*self.cells(item), key=k)
            self.keys.add(k)
        self.loaded = end

    def near(self, row: int) -> None:
        """The cursor is on ``row``: add the next chunk when it is close to the end."""
        if self.loaded < len(self.items) and row >= self.loaded - self.MARGIN:
            self.more()
