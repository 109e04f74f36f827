"""Modal screens: help, export, split."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from tui import display
from tui.app import settings
from tui.app.correct import CORRECTION_KEYS
from tui.display import message
from tui.document import Annotations, Entity
from tui.export import FORMATS, format_for_path
from tui.fsutil import is_special, not_waiting_for_a_reader

ANYWHERE = ("Anywhere", [
    ("?", "this help (f1 where ? would be typed: find, filter)"),
    ("ctrl+p", "command palette (actions, themes)"),
    ("q", "quit"),
])

KEYS = [
    ("Reading", [
        ("↑ ↓  j k", "move in the side panel"),
        ("enter", "select the entity: its mentions light up, jump to the first"),
        ("n / N", "next / previous mention of the selected entity (wraps, shows 3/7)"),
        ("] / [", "next / previous mention of any entity"),
        ("click", "a highlighted name selects its entity"),
        ("r", "jump to the sentence that states the selected person's role (again: next one)"),
        ("tab", "switch focus between the text and the panel"),
        ("/", "find in the text; in the panel, filter by name"),
        ("escape", "close find or filter, cancel a merge, back to the library"),
    ]),
    ("Entities", [
        ("v", "show or hide every entity's name variants"),
        ("m", "merge: mark an entity, move to another, press m again"),
        ("s", "split one spelling out of an entity"),
    ]),
    ("Corrections (saved at once; u undoes)", CORRECTION_KEYS),
    ("Files", [
        ("e", "export the annotations (json, jsonl, brat, conll, csv, html, spacy, doccano, labelstudio)"),
        ("enter", "in the library: open the article"),
    ]),
    ANYWHERE,
]

LIBRARY_KEYS = [
    ("The library", [
        ("↑ ↓  j k", "move in the list of articles"),
        ("enter", "open the article in the reader"),
        ("/", "search titles, article text, people's names and roles at once"),
        ("", "accents and case ignored, each word a prefix; escape clears the search"),
        ("1-4", "sort by title, date, people, file (again: the other way); a click on a header too"),
        ("p", "the People screen: everyone across the library"),
        ("r", "read the folder again: articles added or removed since it was opened"),
    ]),
    ANYWHERE,
]

PEOPLE_KEYS = [
    ("The People screen", [
        ("↑ ↓", "move in the list"),
        ("enter", "open the person's page: their roles by article, then the articles"),
        ("/", "filter as you type: names, variants, roles (escape clears)"),
        ("1-7", "sort by name, articles, mentions, roles, first seen, last seen, with"),
        ("t", "switch between people, organisations, places, other, everyone"),
        ("m", "merge: m on one person, m on another says they are one (escape cancels)"),
        ("u / U", "undo / redo a merge or a split (also ctrl+z / ctrl+y)"),
        ("escape", "back to the library"),
    ]),
    ANYWHERE,
]

PERSON_KEYS = [
    ("A person's page", [
        ("↑ ↓", "move in the roles or the articles"),
        ("tab", "switch between the roles and the articles"),
        ("enter", "open the article in the reader with this person selected (n: next mention)"),
        ("s", "the person in this article is someone else: split it off"),
        ("u / U", "undo / redo a split or a merge (also ctrl+z / ctrl+y)"),
        ("escape", "back to the People screen"),
    ]),
    ANYWHERE,
]

FEED_KEYS = [
    ("A feed", [
        ("↑ ↓  j k", "move in the items"),
        ("enter", "fetch the item (once), save it in the library and open it; ● marks saved ones"),
        ("r", "load the feed again"),
    ]),
    ANYWHERE,
]

#: the help of each screen: (what the title calls it, its keys)
HELP = {
    "ReaderScreen": ("the reader", KEYS),
    "LibraryScreen": ("the library", LIBRARY_KEYS),
    "PeopleScreen": ("the People screen", PEOPLE_KEYS),
    "PersonScreen": ("a person's page", PERSON_KEYS),
    "FeedScreen": ("a feed", FEED_KEYS),
}


def help_for(screen) -> tuple[str, list]:
    """The help of ``screen`` (the reader's for a screen that has none of its own)."""
    return HELP.get(type(screen).__name__, HELP["ReaderScreen"])


def keys_table(sections: list | None = None) -> Group:
    """The help's keys: each section's heading on a line of its own, then its keys in a
    column as wide as the longest key (a heading never widens it), then a blank line."""
    sections = sections or KEYS
    key_width = max(len(key) for _section, rows in sections for key, _what in rows)
    parts = []
    for section, rows in sections:
        parts.append(Text(section, style="bold underline"))
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold", no_wrap=True, width=key_width)
        table.add_column(ratio=1)  # all the room left goes to the descriptions
        for key, what in rows:
            table.add_row(key, what)
        parts.append(table)
        parts.append(Text(""))
    return Group(*parts)


def help_rows(sections: list) -> int:
    """How many lines the help's table has when no description wraps."""
    return sum(len(rows) + 2 for _section, rows in sections)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened on (``help_for``)."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, where: str = "the reader", sections: list | None = None) -> None:
        super().__init__()
        self.where = where
        self.sections = sections or KEYS

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Label(Text(f"Personae — the keys of {self.where}", style="bold"), id="help-title")
            with VerticalScroll():
                yield Static(keys_table(self.sections), id="help-keys")
            yield Label(Text("escape or ? closes this help", style="dim"))

    def action_dismiss(self, result=None) -> None:
        self.dismiss(None)


class SplitScreen(ModalScreen[str | None]):
    """Choose the spelling to split out of an entity."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entity: Entity) -> None:
        super().__init__()
        self.entity = entity

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            t = Text("Split a spelling out of ")
            t.append(self.entity.name, style="bold")
            yield Label(t)
            yield OptionList(*[Option(Text(v), id=str(i)) for i, v in enumerate(self.entity.variants)],
                             id="variants")
            yield Label(Text("enter splits the spelling into an entity of its own; escape cancels",
                             style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.entity.variants[int(event.option.id)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[Path | None]):
    """Choose a format and a path; confirm before overwriting."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, annotations: Annotations, stem: str) -> None:
        super().__init__()
        self.annotations = annotations
        self.stem = stem
        self._confirm_overwrite: Path | None = None
        self._confirm_folder: Path | None = None  # a missing folder the user agreed to create

    def _last(self) -> tuple[str, Path | None]:
        """The format and folder of the last export (settings), if they still make sense."""
        saved = settings.load()
        fmt = saved.get("export_format")
        folder = saved.get("export_folder")
        fmt = fmt if isinstance(fmt, str) and fmt in FORMATS else "json"
        folder = Path(folder) if isinstance(folder, str) and folder and Path(folder).is_dir() else None
        return fmt, folder

    def compose(self) -> ComposeResult:
        fmt, _folder = self._last()
        options = [(f"{name}  ({fmt.extension})", name) for name, fmt in FORMATS.items()]
        with Vertical(classes="dialog", id="export-box"):
            yield Label(Text("Export the annotations", style="bold"))
            yield Select(options, value=fmt, allow_blank=False, id="format")
            yield Input(value=self._default_path(fmt), id="path")
            yield Static("", id="export-message")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="do-export")
                yield Button("Cancel", id="cancel")

    def _default_path(self, fmt: str) -> str:
        _fmt, folder = self._last()  # the folder of the last export, else the current one
        return display.path((folder or Path.cwd()) / f"{self.stem}{FORMATS[fmt].extension}")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        p = Path(path.value or self._default_path(str(event.value)))
        path.value = str(p.with_suffix(FORMATS[str(event.value)].extension))
        self._confirm_overwrite = None

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        if self._confirm_overwrite is not None and Path(event.value.strip()).expanduser() != self._confirm_overwrite:
            self._confirm_overwrite = None
            self.query_one("#export-message", Static).update("")
        if self._confirm_folder is not None and Path(event.value.strip()).expanduser().parent != self._confirm_folder:
            self._confirm_folder = None

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#do-export")
    def _export(self) -> None:
        fmt = str(self.query_one("#format", Select).value)
        raw = self.query_one("#path", Input).value.strip()
        msg = self.query_one("#export-message", Static)
        if not raw:
            msg.update(Text("Give a file name.", style="bold"))
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            path = path / f"{self.stem}{FORMATS[fmt].extension}"
        named = format_for_path(path)
        if named is not None and named != fmt and path.suffix.lower() not in FORMATS[fmt].extensions:
            # a json file named .spacy helps nobody: give it the format's extension, and ask
            fixed = path.with_suffix(FORMATS[fmt].extension)
            self.query_one("#path", Input).value = str(fixed)
            msg.update(Text(f"{path.suffix} is the extension of {named} files: the name is now "
                            f"{fixed.name}. Press Export again to write {fmt} there.", style="bold"))
            return
        folder = path.parent
        existing = next((p for p in [folder, *folder.parents] if p.exists()), None)
        if existing is not None and not existing.is_dir():
            msg.update(Text(f"{display.path(existing)} is not a folder.", style="bold"))
            return
        if not folder.exists() and self._confirm_folder != folder:
            self._confirm_folder = folder
            msg.update(Text(f"The folder {display.path(folder)} does not exist: press Export again to "
                            "create it.", style="bold"))
            return
        if path.exists() and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            if is_special(path):  # a device or a pipe is written into, never replaced
                msg.update(Text(f"{display.path(path)} is a device or a pipe: press Export again to "
                                "write into it.", style="bold"))
            else:
                msg.update(Text(f"{display.path(path)} exists: press Export again to overwrite it.",
                                style="bold"))
            return
        try:
            with not_waiting_for_a_reader():  # a pipe nothing reads is said, not waited on
                written = FORMATS[fmt].write(self.annotations, path)
        except OSError as exc:
            msg.update(Text(f"Could not write {display.path(path)}: {message(exc.strerror or exc)}",
                            style="bold"))
            return
        names = ", ".join(display.path(p) for p in (written or [path]))
        self.app.notify(f"Exported {fmt} to {names}", title="Export", timeout=6, markup=False)
        try:  # the next export starts from here
            settings.update(export_format=fmt, export_folder=str(path.parent.resolve()))
        except OSError:
            pass
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
