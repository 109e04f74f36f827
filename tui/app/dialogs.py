"""Modal screens: help, export, split."""

from __future__ import annotations

from pathlib import Path

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
    ("Anywhere", [
        ("?", "this help"),
        ("ctrl+p", "command palette (actions, themes)"),
        ("q", "quit"),
    ]),
]


def keys_table() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for section, rows in KEYS:
        table.add_row(Text(section, style="bold underline"), "")
        for key, what in rows:
            table.add_row(key, what)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Label(Text("Personae — keys", style="bold"))
            with VerticalScroll():
                yield Static(keys_table(), id="help-keys")
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
