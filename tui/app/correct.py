"""Correcting the analysis in the reader: the keys, their dialogs, undo and redo, the rules screen.

``CorrectionsMixin`` gives the reader screen its correction actions (retype,
remove, add from a selection, boundaries, roles, undo/redo, the rules screen);
every correction is an operation of ``tui.store.corrections``, applied and
saved at once, and undone by replaying the article's log without it on the
analysis as the pipeline gave it (``Annotations.original``), so an undo gives
exactly what the article would show had the correction never been made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.store import corrections as C
from tui.store import rules as R

NOTICE_S = 4

#: the reader's keys for corrections (ReaderScreen.BINDINGS takes them in)
CORRECTION_BINDINGS = [
    Binding("t", "retype", "Change the type", show=False),
    Binding("x", "remove_mention", "Remove this mention", show=False),
    Binding("X", "remove_entity", "Not an entity", key_display="X", show=False),
    Binding("a", "add", "Add an entity", show=False),
    Binding("less_than_sign", "grow_start", "Take in the word before", key_display="<", show=False),
    Binding("greater_than_sign", "grow_end", "Take in the word after", key_display=">", show=False),
    Binding("comma", "shrink_start", "Give back the first word", key_display=",", show=False),
    Binding("full_stop", "shrink_end", "Give back the last word", key_display=".", show=False),
    Binding("d", "remove_role", "Remove a role", show=False),
    Binding("u,ctrl+z", "undo", "Undo", show=False),
    Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
    Binding("g", "rules", "Rules", show=False),
]

#: for the help screen and the README
CORRECTION_KEYS = [
    ("t", "change the type of the entity (person, organisation, place, other)"),
    ("x / X", "remove the mention at the cursor / the whole entity (not an entity)"),
    ("a", "add: select words (→ ← longer/shorter, shift+← → move the start, w b next/previous "
          "word, ↑ ↓ a line), enter to tag them; a mouse selection works too. "
          "The selection can also be a role of the selected person"),
    ("< > , .", "boundaries of the mention at the cursor: take in the word before / after, "
                "give back the first / last word"),
    ("d", "remove a role of the selected person (the one r shows, or choose)"),
    ("u / U", "undo / redo any correction, merges and splits included (also ctrl+z / ctrl+y)"),
    ("g", "the rules you chose to apply everywhere: list them, x removes one"),
]


@dataclass
class Step:
    """One correction on the undo stack: its operation and the rules it recorded."""

    op: dict
    what: str
    rules: list[R.Rule] = field(default_factory=list)
    replaced: list[R.Rule] = field(default_factory=list)  # rules these took the place of


# -- dialogs ----------------------------------------------------------------------------------

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
        self.rules: list[R.Rule] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rules-box"):
            yield Label(Text("Rules applied to every article", style="bold"))
            yield OptionList(id="rules")
            yield Label(Text(f"x removes the highlighted rule; escape closes. The file: {R.path()}",
                             style="dim"), id="rules-file")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#rules", OptionList).focus()

    def _fill(self, keep: int = 0) -> None:
        self.rules, problems = R.load()
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
            R.remove(rule)
        except OSError as exc:
            self.notify(f"The rule could not be removed: {exc}", severity="error", markup=False)
            return
        self.changed = True
        self.notify(f"Removed: {rule.describe()}", timeout=NOTICE_S, markup=False)
        self._fill(keep=i)

    def action_close(self) -> None:
        self.dismiss(self.changed)


# -- the reader's actions -----------------------------------------------------------------------

class CorrectionsMixin:
    """Correction actions of the reader screen (see the module docstring)."""

    _undo: list[Step]
    _redo: list[Step]

    # -- state ----------------------------------------------------------------------
    def corrections_ready(self, ann) -> None:
        """The analysis is shown: set up undo, say what the replay had to say."""
        if ann.original is None:
            # an imported export: the user's rules and this text's corrections apply to it as
            # to an analysis (the log is keyed by the text), so that they stick here too
            ann = C.apply_all(ann)
            self.annotations = ann
            self._refresh_spans()
            self.panel.show(ann)
        ops = C.load_ops(ann.text)
        self._undo = [Step(op, C.describe(op, ann.text)) for op in ops]
        self._redo = []
        self.panel.corrected = C.touched(ann, ops)
        self.panel.rebuild()
        for notice in ann.notices:
            self.notify(notice, title="Corrections", severity="warning", timeout=12, markup=False)
        C.acknowledge(ann.text)  # said: a file set aside is not announced again

    def _ready(self) -> bool:
        if self.annotations is None:
            self.notify("The analysis is still running.", timeout=NOTICE_S, markup=False)
            return False
        if not hasattr(self, "_undo"):
            self.corrections_ready(self.annotations)
        return True

    def _target_entity(self) -> str:
        """The entity a key acts on: the panel's highlight when it has focus, else the
        mention at the cursor, the selected entity, the panel's highlight."""
        if self.focused is self.panel and self.panel.highlighted_entity:
            return self.panel.highlighted_entity
        cur = self.view.cursor
        if cur is not None and cur.entity:
            return cur.entity
        return self.selected_entity or self.panel.highlighted_entity

    def _cursor_mention(self):
        cur = self.view.cursor
        if cur is None or self.annotations is None:
            self.notify("Move to a mention first (n, ] or a click).", timeout=NOTICE_S,
                        markup=False)
            return None
        try:
            return self.annotations.mention(cur.mention)
        except KeyError:
            return None

    # -- doing, undoing --------------------------------------------------------------
    def _do(self, op: dict, what: str = "", rules: list[R.Rule] | None = None,
            say: bool = True) -> str | None:
        """Apply and save ``op`` (and record ``rules``), then redraw; the entity it leaves
        selected. Nothing is recorded when it changes nothing."""
        ann = self.annotations
        what = what or C.describe(op, ann.text)
        try:
            applied = C.record(ann, op)
        except OSError as exc:
            applied = True
            self.notify(f"{what}: applied but not saved ({exc})", severity="error", markup=False)
        if not applied:
            self.notify(f"Nothing to change: {what}.", timeout=NOTICE_S, markup=False)
            return None
        saved: list[R.Rule] = []
        replaced: list[R.Rule] = []
        for rule in rules or ():
            try:
                replaced += R.add(rule)
                saved.append(rule)
            except OSError as exc:
                self.notify(f"The rule {rule.describe()} could not be saved: {exc}",
                            severity="error", markup=False)
        self._undo.append(Step(op, what, saved, replaced))
        self._redo.clear()
        if saved:
            self._rebuild(select=C.kept_entity(ann, op))
        else:
            self._after_correction(C.kept_entity(ann, op), op)
        if say:
            extra = " (and everywhere)" if saved else ""
            self.notify(f"{what[:1].upper()}{what[1:]}{extra}. u undoes.", timeout=NOTICE_S,
                        markup=False)
        return C.kept_entity(self.annotations, op)

    def _record(self, what: str, op: dict) -> str | None:
        """Merge and split, from the reader: applied, saved and undoable like the rest."""
        return self._do(op, C.describe(op, self.annotations.text), say=False)

    def _rebuild(self, select: str | None = None) -> None:
        """The analysis again from the pipeline's, with the rules and the undo stack's ops."""
        ann = self.annotations
        keep = select or self._target_entity()
        spans = {}
        if keep:
            try:
                ms = ann.mentions_of(keep)
                spans = {(m.start, m.end) for m in ms}
            except KeyError:
                pass
        new, _gone = C.corrected(ann.original, [s.op for s in self._undo])
        self.annotations = new
        eid = next((m.entity for m in new.mentions if (m.start, m.end) in spans), None)
        self._after_correction(eid, None)

    def _after_correction(self, eid: str | None, op: dict | None = None) -> None:
        ann = self.annotations
        self.panel.corrected = C.touched(ann, [s.op for s in self._undo]) \
            if hasattr(self, "_undo") else set()
        self._refresh_spans()
        self.view.cursor = None
        self.panel.show(ann)
        if eid and eid in {e.id for e in ann.entities}:
            self.select_entity(eid, jump=False)
            at = (op or {}).get("to") or (op or {}).get("at")
            m = C._mention_at(ann, at) if at else None
            if m is None and op and op.get("op") == "add":
                m = C._mention_at(ann, op["spans"][0])
            if m is not None:
                self._move_to(m)
        else:
            self.view.select_entity("")
        self.set_status(self._summary() if hasattr(self, "_summary") else "")

    def action_undo(self) -> None:
        if not self._ready():
            return
        if not self._undo:
            self.notify("Nothing to undo.", timeout=NOTICE_S, markup=False)
            return
        step = self._undo.pop()
        try:
            C.unrecord(self.annotations.text, step.op)
        except OSError as exc:
            self.notify(f"The undo could not be saved: {exc}", severity="error", markup=False)
        try:
            for rule in step.rules:
                R.remove(rule)
            for rule in step.replaced:
                R.add(rule)
        except OSError as exc:
            self.notify(f"The rules could not be restored: {exc}", severity="error", markup=False)
        self._redo.append(step)
        self._rebuild()
        self.notify(f"Undone: {step.what}" + (" (and its rule)" if step.rules else "")
                    + ". U redoes.", timeout=NOTICE_S, markup=False)

    def action_redo(self) -> None:
        if not self._ready():
            return
        if not self._redo:
            self.notify("Nothing to redo.", timeout=NOTICE_S, markup=False)
            return
        step = self._redo.pop()
        ann = self.annotations
        try:
            applied = C.record(ann, step.op)
        except OSError as exc:
            applied = True
            self.notify(f"The redo could not be saved: {exc}", severity="error", markup=False)
        if not applied:
            self.notify(f"{step.what} no longer applies.", severity="warning", markup=False)
            return
        try:
            for rule in step.rules:
                R.add(rule)
        except OSError as exc:
            self.notify(f"The rules could not be saved: {exc}", severity="error", markup=False)
        self._undo.append(step)
        if step.rules:
            self._rebuild(select=C.kept_entity(ann, step.op))
        else:
            self._after_correction(C.kept_entity(ann, step.op), step.op)
        self.notify(f"Redone: {step.what}.", timeout=NOTICE_S, markup=False)

    # -- retype, remove -----------------------------------------------------------------
    def action_retype(self) -> None:
        if not self._ready():
            return
        eid = self._target_entity()
        if not eid:
            self.notify("Select an entity first.", timeout=NOTICE_S, markup=False)
            return
        e = self.annotations.entity(eid)
        title = Text("Change the type of ")
        title.append(e.name, style="bold")
        title.append(f" ({C.label_name(e.label).lower()}, {len(e.mentions)} mentions)")
        choices = [(lab, name) for lab, name in C.LABELS.items() if lab != e.label]

        def done(result) -> None:
            if not result:
                return
            label, _all, everywhere = result
            op = C.retype_op(self.annotations, eid, label)
            rules = R.for_retype(self.annotations, eid, label) if everywhere else []
            kept = self._do(op, rules=rules)
            ann = self.annotations
            if kept and kept in {x.id for x in ann.entities}:
                names = {C.entity_for(ann, v, label, exclude=kept) for v in ann.entity(kept).variants}
                names.discard(None)
                if len(names) == 1:  # "Sallusti", now a person, names "Alessandro Sallusti"
                    other = ann.entity(names.pop()).name
                    self.notify(f"{ann.entity(kept).name} may be {other}: m here, then m on "
                                f"{other}, merges them.", timeout=8, markup=False)

        self.app.push_screen(ChoiceScreen(title, choices), done)

    def action_remove_mention(self) -> None:
        if not self._ready():
            return
        m = self._cursor_mention()
        if m is not None:
            self._do(C.remove_op(self.annotations, m.id))

    def action_remove_entity(self) -> None:
        if not self._ready():
            return
        eid = self._target_entity()
        if not eid:
            self.notify("Select an entity first.", timeout=NOTICE_S, markup=False)
            return
        e = self.annotations.entity(eid)
        title = Text()
        title.append(e.name, style="bold")
        title.append(f" is not an entity: remove its {len(e.mentions)} "
                     f"mention{'s' if len(e.mentions) > 1 else ''}?")

        def done(result) -> None:
            if result:
                rules = R.for_removal(self.annotations, eid) if result[2] else []
                self._do(C.remove_entity_op(self.annotations, eid), rules=rules)

        self.app.push_screen(ChoiceScreen(title, [("remove", "Remove it")]), done)

    # -- adding from a selection ---------------------------------------------------------
    def action_add(self) -> None:
        if not self._ready():
            return
        view = self.view
        mouse = view.mouse_range()
        if mouse is not None:
            self.screen.clear_selection()
            self._tag_selection(*mouse)
            return
        if view.pending is not None:
            self._tag_selection(*view.pending)
            return
        find_pos = getattr(self, "_find_pos", -1)
        if view.matches and 0 <= find_pos < len(view.matches):
            at = view.matches[find_pos][0]
        elif view.cursor is not None:
            at = view.cursor.start
        else:
            at = view.top_offset()
        view.focus()
        view.start_selection(at)
        self.set_status(Text("Selecting: → ← longer/shorter · shift+← → the start · w b move · "
                             "enter tags · escape cancels", style="dim"))

    def on_article_view_selection_done(self, message) -> None:
        """The keyboard selection was confirmed (enter)."""
        message.stop()
        if self._ready():
            self._tag_selection(message.start, message.end)

    def on_article_view_selection_cancelled(self, message) -> None:
        message.stop()
        self.selection_cancelled()

    def selection_cancelled(self) -> None:
        self.set_status(self._summary() if hasattr(self, "_summary") else "")

    def _tag_selection(self, start: int, end: int) -> None:
        ann = self.annotations
        a, b = C.trim(ann.text, start, end)
        if a >= b:
            self.view.end_selection()
            self.notify("Select some words of the text first.", timeout=NOTICE_S, markup=False)
            return
        words = ann.text[a:b]
        person = None
        eid = self._target_entity()
        if eid and eid in {e.id for e in ann.entities} and ann.entity(eid).label == "PER":
            person = ann.entity(eid)
        taken = ann.mentions_between(a, b)
        choices = [] if taken else [(lab, name) for lab, name in C.LABELS.items()]
        if person is not None:
            choices.append(("role", f"A role of {person.name}"))
        if not choices:
            self.view.end_selection()
            self.notify(f"“{taken[0].text}” is already tagged there: remove it (x) or change its "
                        "boundaries (< > , .) first.", severity="warning", markup=False)
            return
        title = Text("Tag ")
        title.append(words if len(words) < 60 else words[:57] + "…", style="bold")
        occurrences = 0 if taken else C.other_occurrences(ann, a, b)

        def done(result) -> None:
            self.view.end_selection()
            if not result:
                self.selection_cancelled()
                return
            choice, every, everywhere = result
            if choice == "role":
                self._add_role(person.id, a, b)
                return
            try:
                op = C.add_op(self.annotations, a, b, choice, everywhere_in_text=every)
            except C.Refused as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            rules = [R.Rule(choice, words)] if everywhere else []
            self._do(op, rules=rules)

        self.app.push_screen(ChoiceScreen(title, choices, occurrences=occurrences,
                                          everywhere=not taken), done)

    def _add_role(self, eid: str, start: int, end: int) -> None:
        ann = self.annotations
        phrase = ann.text[start:end]

        def done(gloss: str | None) -> None:
            if gloss is None:
                return
            self._do(C.add_role_op(self.annotations, eid, start, end, gloss))

        self.app.push_screen(GlossScreen(phrase, ann.entity(eid).name, C.suggest_gloss(phrase)),
                             done)

    # -- boundaries -------------------------------------------------------------------------
    def _resize(self, side: str, grow: bool) -> None:
        if not self._ready():
            return
        m = self._cursor_mention()
        if m is None:
            return
        try:
            op = C.resize_op(self.annotations, m.id, side, grow)
        except C.Refused as exc:
            self.notify(str(exc), severity="warning", timeout=NOTICE_S, markup=False)
            return
        self._do(op)

    def action_grow_start(self) -> None:
        self._resize("start", True)

    def action_grow_end(self) -> None:
        self._resize("end", True)

    def action_shrink_start(self) -> None:
        self._resize("start", False)

    def action_shrink_end(self) -> None:
        self._resize("end", False)

    # -- roles ------------------------------------------------------------------------------
    def action_remove_role(self) -> None:
        if not self._ready():
            return
        eid = self._target_entity()
        if not eid:
            self.notify("Select a person first.", timeout=NOTICE_S, markup=False)
            return
        e = self.annotations.entity(eid)
        roles = sorted(e.roles, key=lambda r: r.start)
        if not roles:
            self.notify(f"{e.name} has no role to remove.", timeout=NOTICE_S, markup=False)
            return
        shown = getattr(self, "_role_index", -1)
        if self.view.evidence is not None and 0 <= shown < len(roles):
            self._do(C.remove_role_op(roles[shown]))
            self.view.set_evidence(None)
            return
        if len(roles) == 1:
            self._do(C.remove_role_op(roles[0]))
            return
        title = Text("Remove a role of ")
        title.append(e.name, style="bold")
        choices = [(str(i), f"{r.text}" + (f" · {r.gloss}" if r.gloss else ""))
                   for i, r in enumerate(roles)]

        def done(result) -> None:
            if result:
                self._do(C.remove_role_op(roles[int(result[0])]))

        self.app.push_screen(ChoiceScreen(title, choices, everywhere=False), done)

    # -- rules --------------------------------------------------------------------------------
    def action_rules(self) -> None:
        def done(changed: bool | None) -> None:
            if changed and self.annotations is not None and self._ready():
                self._rebuild()

        self.app.push_screen(RulesScreen(), done)
