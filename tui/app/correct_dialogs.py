"""The dialogs of the corrections: choosing a type or a role, a role's gloss, the rules screen."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.app.notices import NOTICE_S
from tui.core import editing
from tui.core.editing import Rule


class ChoiceScreen(ModalScreen[tuple[str, bool, bool] | None]):
    """Choose one of ``choices``; ``a`` ticks "every occurrence in this article" and ``g``
    "apply everywhere" where they are offered. Returns (choice, all, everywhere)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("a", "toggle('#all')", "Every occurrence here", show=False),
        Binding("g", "toggle('#everywhere')", "Apply everywhere", show=False),
    ]

    def __init__(self, title: Text, choices: list[tuple[str, str]], occurrences: int = 0,
                 everywhere: bool = True, note: str = "") -> None:
        super().__init__()
        self.heading = title
        self.choices = choices
        self.occurrences = occurrences
        self.everywhere = everywhere
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choice-box"):
            yield Label(self.heading)
            yield OptionList(*[Option(Text(label), id=cid) for cid, label in self.choices],
                             id="choices")
            if self.occurrences:
                n = self.occurrences
                yield Checkbox(f"a: also tag the {n} other occurrence{'s' if n > 1 else ''} "
                               "in this article", id="all")
            if self.everywhere:
                yield Checkbox("g: apply everywhere (a rule for every article)", id="everywhere")
            yield Label(Text(self.note or "enter chooses; escape cancels", style="dim"))

    def on_mount(self) -> None:
        box = self.query_one("#choices", OptionList)
        box.highlighted = 0
        box.focus()

    def action_toggle(self, selector: str) -> None:
        found = self.query(selector)
        if found:
            box = found.first(Checkbox)
            box.value = not box.value

    def _ticked(self, selector: str) -> bool:
        found = self.query(selector)
        return bool(found) and found.first(Checkbox).value

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((event.option.id or "", self._ticked("#all"), self._ticked("#everywhere")))

    def action_cancel(self) -> None:
        self.dismiss(None)


class GlossScreen(ModalScreen[str | None]):
    """The English gloss of a new role (from the lexicon where known), editable."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, phrase: str, person: str, gloss: str) -> None:
        super().__init__()
        self.phrase, self.person, self.gloss = phrase, person, gloss

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="gloss-box"):
            t = Text("Role of ")
            t.append(self.person, style="bold")
            t.append(": ")
            t.append(self.phrase, style="italic")
            yield Label(t)
            yield Input(value=self.gloss, placeholder="English gloss (may stay empty)", id="gloss")
            yield Label(Text("enter adds the role; escape cancels", style="dim"))

    @on(Input.Submitted, "#gloss")
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RulesScreen(ModalScreen[bool]):
    """The user's "apply everywhere" rules; x or delete removes the highlighted one.
    Returns whether any was removed."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("x,delete", "remove", "Remove the rule"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changed = False
        self.rules: list[Rule] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rules-box"):
            yield Label(Text("Rules applied to every article", style="bold"))
            yield OptionList(id="rules")
            yield Label(Text(f"x removes the highlighted rule; escape closes. The file: "
                             f"{editing.rules_path()}",
                             style="dim"), id="rules-file")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#rules", OptionList).focus()

    def _fill(self, keep: int = 0) -> None:
        self.rules, problems = editing.list_rules()
        box = self.query_one("#rules", OptionList)
        box.clear_options()
        for i, rule in enumerate(self.rules):
            box.add_option(Option(Text(rule.describe()), id=str(i)))
        for p in problems:
            box.add_option(Option(Text(p, style="dim italic"), disabled=True))
        if not self.rules:
            box.add_option(Option(Text("No rules yet: choose “apply everywhere” (g) when you "
                                       "change a type, remove or add an entity.", style="dim italic"),
                                  disabled=True))
        elif self.rules:
            box.highlighted = min(keep, len(self.rules) - 1)

    def action_remove(self) -> None:
        box = self.query_one("#rules", OptionList)
        i = box.highlighted
        if i is None or i >= len(self.rules):
            return
        rule = self.rules[i]
        try:
            editing.remove_rule(rule)
        except OSError as exc:
            self.notify(f"The rule could not be removed: {exc}", severity="error", markup=False)
            return
        self.changed = True
        self.notify(f"Removed: {rule.describe()}", timeout=NOTICE_S, markup=False)
        self._fill(keep=i)

    def action_close(self) -> None:
        self.dismiss(self.changed)
