"""The Textual application and how the command line starts it."""

from __future__ import annotations

import sys
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding

from tui.app import settings
from tui.app.dialogs import HelpScreen, help_for
from tui.app.feed import FeedScreen
from tui.app.library import LibraryScreen
from tui.app.reader import ReaderScreen
from tui.core.opening import Opened, abort_fetches, open_paths
from tui.palette import theme_colours

__all__ = ["Opened", "PersonaeApp", "open_paths", "run_app"]


def _shown_by(system: str):
    """The colour a terminal of ``system`` ("256", "standard") shows for an RGB colour:
    Rich's own downgrade, as the app's output goes through it."""
    from rich.color import Color, ColorSystem

    target = ColorSystem.EIGHT_BIT if system == "256" else ColorSystem.STANDARD

    def shown(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
        t = Color.from_rgb(*rgb).downgrade(target).get_truecolor()
        return (t.red, t.green, t.blue)
    return shown


_QUANTISE = {"256": _shown_by("256"), "standard": _shown_by("standard")}


class PersonaeApp(App):
    TITLE = "Personae"
    CSS_PATH = "personae.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),  # where ? types itself (find, filter)
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, opened: Opened, model: str | None = None) -> None:
        super().__init__()
        self.opened = opened
        self.model = model

    async def on_event(self, event) -> None:
        """Type-ahead: a key goes to the widget that has the focus when the app reads it, and
        the keys a binding handles (``p``, ``/``) act only when the key comes back up to the
        app. A key typed before an earlier one took effect (``p`` opened the People screen,
        ``/`` its filter, and a name was typed at once) would reach a widget that is no
        longer in front and be lost: when it comes back unhandled and the focus has moved
        meanwhile, it is typed again where the focus is now, in the order typed."""
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                event.personae_focus = (self.screen, self.focused)
            elif getattr(event, "personae_focus", None) not in (None, (self.screen, self.focused)):
                self.post_message(events.Key(event.key, event.character))
                return
        await super().on_event(event)

    #: on a short terminal (fewer rows than this) at most NOTICES_WHEN_SHORT notices show at
    #: once, the newest: stacked, they covered the text at 80x24
    SHORT_ROWS = 30
    NOTICES_WHEN_SHORT = 2

    def _on_notify(self, event) -> None:
        super()._on_notify(event)
        if self.size.height >= self.SHORT_ROWS:
            return
        shown = list(self._notifications)
        for old in shown[:-self.NOTICES_WHEN_SHORT]:
            self._unnotify(old, refresh=False)
        if len(shown) > self.NOTICES_WHEN_SHORT:
            self._refresh_notifications()

    def colour_depth(self) -> str:
        """"truecolor", "256" or "standard" (16 colours): what the terminal shows."""
        system = (self.console.color_system or "truecolor").lower()
        return {"256": "256", "standard": "standard", "windows": "standard"}.get(system,
                                                                              "truecolor")

    def highlight_colours(self, variables: dict[str, str] | None = None,
                          depth: str | None = None) -> dict[str, tuple[str, str]]:
        """The highlight colours (tui.palette) for the current theme and ``depth`` (default:
        the terminal's): in a 256- or 16-colour terminal, chosen among the colours it shows."""

        if variables is None:
            variables = super().get_css_variables()
        depth = depth or self.colour_depth()
        theme = self.current_theme
        return theme_colours(variables["surface"], variables["foreground"], variables["primary"],
                             dark=theme.dark, ansi=theme.ansi, panel=variables["panel"],
                             block_cursor=variables.get("block-cursor-background"), depth=depth,
                             quantise=_QUANTISE.get(depth))

    async def action_quit(self) -> None:
        """Quit now: feeds and pages still loading are cut short, so their workers do not
        hold the exit until the servers give up."""
        abort_fetches()
        self.workers.cancel_all()
        await super().action_quit()

    def on_unmount(self) -> None:
        abort_fetches()   # however the app ends (ctrl+c, an error), no fetch outlives it

    def _remember_theme(self, theme: str) -> None:
        try:
            settings.update(theme=theme)
        except OSError as exc:
            self.notify(f"The theme could not be saved: {exc}", severity="warning", markup=False)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables plus the highlight colours computed for it (tui.palette):
        ``$personae-KIND`` (background) and ``$personae-KIND-text`` for each entity label,
        find matches, the current match, role evidence, the cursor, the panel's highlighted
        row; the mouse selection sets Textual's own ``$screen-selection-*``."""
        variables = super().get_css_variables()
        colours = self.highlight_colours(variables)
        for kind, (fg, bg) in colours.items():
            variables[f"personae-{kind.lower()}"] = bg
            variables[f"personae-{kind.lower()}-text"] = fg
        variables["screen-selection-background"] = colours["selection"][1]
        variables["screen-selection-foreground"] = colours["selection"][0]
        self.theme_variables = variables
        return variables

    def on_mount(self) -> None:
        saved = settings.load().get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self.watch(self, "theme", self._remember_theme, init=False)
        o = self.opened
        if len(o.feeds) == 1 and not o.articles and not o.imported:
            url, feed = o.feeds[0]
            self.push_screen(FeedScreen(url, feed, self.model))
        elif len(o.articles) == 1 and not o.imported and not o.feeds:
            self.push_screen(ReaderScreen(o.articles[0], self.model))
        elif len(o.imported) == 1 and not o.articles and not o.feeds:
            art, ann = o.imported[0]
            self.push_screen(ReaderScreen(art, self.model, annotations=ann))
        else:
            arts = o.articles + [a for a, _ in o.imported]
            self.push_screen(LibraryScreen(arts, self.model, title=o.folder_title or "Library",
                                           feeds=o.feeds))
        for err in o.errors:
            self.notify(err, title="Could not open", severity="error", timeout=10, markup=False)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(*help_for(self.screen)))

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show every key", self.action_help)
        if isinstance(screen, ReaderScreen):
            yield SystemCommand("Export annotations", "Write json, jsonl, brat, conll, csv, html, spacy, doccano or labelstudio",
                                screen.action_export)
            yield SystemCommand("Next mention", "Next mention of the selected entity", screen.action_next_mention)
            yield SystemCommand("Previous mention", "Previous mention of the selected entity",
                                screen.action_prev_mention)
            yield SystemCommand("Find in text", "Search the article", screen.action_find)
            yield SystemCommand("Role evidence", "Jump to the sentence stating the selected role",
                                screen.action_role)
            yield SystemCommand("Show name variants", "Toggle the variants of every entity",
                                screen.action_variants)
            yield SystemCommand("Merge entities", "Mark an entity, then merge it into another",
                                screen.action_merge)
            yield SystemCommand("Split a spelling", "Make one spelling an entity of its own",
                                screen.action_split)
            for title, help_text, action in (
                ("Change the type", "Person, organisation, place or other (t)", screen.action_retype),
                ("Remove this mention", "The mention at the cursor is not an entity (x)",
                 screen.action_remove_mention),
                ("Not an entity", "Remove the entity and all its mentions (X)", screen.action_remove_entity),
                ("Add an entity", "Select words, then choose a type (a)", screen.action_add),
                ("Take in the word after", "Extend the mention at the cursor (>)", screen.action_grow_end),
                ("Take in the word before", "Extend the mention at the cursor (<)", screen.action_grow_start),
                ("Remove a role", "A wrong role of the selected person (d)", screen.action_remove_role),
                ("Undo", "Undo the last correction (u, ctrl+z)", screen.action_undo),
                ("Redo", "Redo the last undone correction (U, ctrl+y)", screen.action_redo),
                ("Rules applied everywhere", "List and remove your rules (g)", screen.action_rules),
            ):
                yield SystemCommand(title, help_text, action)
            if screen.can_go_back:
                yield SystemCommand("Back to the library", "Close this article", self.pop_screen)


def run_app(paths: list[Path | str], model: str | None = None, feeds: list[str] = ()) -> int:
    opened = open_paths(paths, feeds)
    if not opened.articles and not opened.imported and not opened.feeds:
        for err in opened.errors or ["nothing to open"]:
            print(f"personae: {err}", file=sys.stderr)
        return 1
    PersonaeApp(opened, model=model).run()
    return 0
