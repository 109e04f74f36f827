"""Correcting the analysis in the reader: the keys and what they show and say.

``CorrectionsMixin`` gives the reader screen its correction actions (retype,
remove, add from a selection, boundaries, roles, undo/redo, the rules screen).
The work is the core's: each key builds a typed edit with the builders of
:mod:`tui.core.editing` and hands it to the article's
:class:`~tui.core.editing.Editor`, which applies it, logs it, and undoes and
redoes it; this module asks the user (with the dialogs of :mod:`tui.app.correct_dialogs`), shows
the result and says what happened.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from tui.app.correct_dialogs import ChoiceScreen, GlossScreen, RulesScreen
from tui.app.notices import NOTICE_S
from tui.core import editing
from tui.core.editing import Editor, Refused, Rule
from tui.document import LABEL_NAMES, label_name
from tui.document.edits import Edit, kept_entity, landed_at

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
    Binding("o", "quote_speaker", "The quotation is the selected person's", show=False),
    Binding("O", "remove_quote", "Not a quotation", key_display="O", show=False),
    Binding("u,ctrl+z", "undo", "Undo", show=False),
    Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
    Binding("g", "rules", "Rules", show=False),
]

#: for the help screen and the README
CORRECTION_KEYS = [
    ("t", "change the type of the entity (person, organisation, place, other)"),
    ("x / X", "remove the mention at the cursor / the whole entity (not an entity)"),
    ("a", "add: select words from the cursor, enter tags them (a mouse selection works too)"),
    ("", "→ ← longer / shorter · shift+← → move the start · w b next / previous word · ↑ ↓ a line"),
    ("", "with a person selected, the words can also become one of their roles"),
    ("< > , .", "boundaries of the mention at the cursor: take in the word before / after,"),
    ("", "give back the first / last word"),
    ("d", "remove a role of the selected person (the one r shows, or choose)"),
    ("u / U", "undo / redo any correction, merges and splits included (also ctrl+z / ctrl+y)"),
    ("g", "the rules you chose to apply everywhere: list them, x removes one"),
    ("o / O", "the quotation \" jumped to (or at the cursor) was said by the selected person"),
    ("", "(none selected: by no named person) / is no quotation"),
    ("", "to add one, select its words (a) and choose “A quotation of …”"),
]


# -- the reader's actions -----------------------------------------------------------------------

class CorrectionsMixin:
    """Correction actions of the reader screen (see the module docstring).

    The host screen has ``annotations``, ``view``, ``panel``, ``selected_entity``,
    ``select_entity``, ``set_status``, ``summary``, ``refresh_spans``, ``move_to``,
    ``role_index`` and ``find_pos`` (the reader screen)."""

    editor: Editor | None = None

    # -- state ----------------------------------------------------------------------
    def corrections_ready(self, ann) -> None:
        """The analysis is shown: set up its editor, say what the replay had to say."""
        self.editor = Editor(ann)
        if self.editor.current is not ann:  # an imported export: its corrections now apply
            self.annotations = self.editor.current
            self.refresh_spans()
            self.panel.show(self.annotations)
        self.panel.corrected = self.editor.touched()
        self.panel.rebuild()
        for notice in self.editor.notices:
            self.notify(notice, title="Corrections", severity="warning", timeout=12, markup=False)
        self.editor.acknowledge()  # said: a file set aside is not announced again

    def _ready(self) -> bool:
        if self.annotations is None:
            self.notify("The analysis is still running.", timeout=NOTICE_S, markup=False)
            return False
        if self.editor is None:
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
    def _errors(self, done) -> None:
        for error in done.errors:
            self.notify(error, severity="error", markup=False)

    def apply_edit(self, edit: Edit, what: str = "", rules: list[Rule] = (),
                   say: bool = True) -> str | None:
        """Apply, save and show ``edit`` (and record ``rules``); the entity it leaves
        selected. Nothing is recorded when it changes nothing."""
        done = self.editor.do(edit, what, rules)
        self._errors(done)
        if not done.applied:
            self.notify(f"Nothing to change: {done.what}.", timeout=NOTICE_S, markup=False)
            return None
        self._show_edit(done)
        if say:
            extra = " (and everywhere)" if done.with_rules else ""
            self.notify(f"{done.what[:1].upper()}{done.what[1:]}{extra}. u undoes.",
                        timeout=NOTICE_S, markup=False)
        return kept_entity(self.annotations, edit)

    def _show_edit(self, done) -> None:
        """Show the editor's analysis after an edit, an undo or a redo. The reading position
        stays: the view does not scroll, and the cursor stays on the mention the edit lands
        on, else where it was (the nearest mention from there on, when that one is gone)."""
        view = self.view
        was = view.cursor
        top = view.scroll_offset.y
        self.annotations = self.editor.current
        ann = self.annotations
        self.panel.corrected = self.editor.touched()
        self.refresh_spans()
        view.cursor = None
        self.panel.show(ann)
        eid = done.select
        m = None
        if eid and eid in {e.id for e in ann.entities}:
            self.select_entity(eid, jump=False)
            m = landed_at(ann, done.edit) if done.edit is not None else None
        else:
            view.select_entity("")
        if m is None and was is not None:
            m = self.nav.nearest(was.start)
        view.scroll_to(y=top, animate=False, immediate=True)
        if m is not None:
            self.move_to(m)
        self.set_status(self.summary())

    def action_undo(self) -> None:
        if not self._ready():
            return
        history = self.editor.history.done
        undone = history[-1].edit if history else None
        done = self.editor.undo(keep=self._target_entity())
        if done is None:
            self.notify("Nothing to undo.", timeout=NOTICE_S, markup=False)
            return
        if done.edit is None:  # the cursor goes back to what the undone edit touched
            done.edit = undone
        self._errors(done)
        self._show_edit(done)
        self.notify(f"Undone: {done.what}" + (" (and its rule)" if done.with_rules else "")
                    + ". U redoes.", timeout=NOTICE_S, markup=False)

    def action_redo(self) -> None:
        if not self._ready():
            return
        done = self.editor.redo()
        if done is None:
            self.notify("Nothing to redo.", timeout=NOTICE_S, markup=False)
            return
        self._errors(done)
        if not done.applied:
            self.notify(f"{done.what} no longer applies.", severity="warning", markup=False)
            return
        self._show_edit(done)
        self.notify(f"Redone: {done.what}.", timeout=NOTICE_S, markup=False)

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
        title.append(f" ({label_name(e.label).lower()}, {len(e.mentions)} mentions)")
        choices = [(lab, name) for lab, name in LABEL_NAMES.items() if lab != e.label]

        def done(result) -> None:
            if not result:
                return
            label, _all, everywhere = result
            edit = editing.retype_op(self.annotations, eid, label)
            rules = editing.rules_for_retype(self.annotations, eid, label) if everywhere else []
            kept = self.apply_edit(edit, rules=rules)
            ann = self.annotations
            if kept and kept in {x.id for x in ann.entities}:
                names = {editing.entity_for(ann, v, label, exclude=kept)
                         for v in ann.entity(kept).variants}
                names.discard(None)
                if len(names) == 1:  # "Sallusti", now a person, names "Alessandro Sallusti"
                    other = ann.entity(names.pop()).name
                    self.notify(f"{ann.entity(kept).name} may be {other}: m here, then m on "
                                f"{other}, merges them.", timeout=8, markup=False)

        def rules(label: str) -> list[str]:
            return [r.describe() for r in editing.rules_for_retype(self.annotations, eid, label)]

        self.app.push_screen(ChoiceScreen(title, choices, rules=rules), done)

    def _current_quote(self):
        """The quotation the quotation keys act on: the one \" last jumped to, else the one
        at the cursor."""
        ann = self.annotations
        if self.view.evidence is not None:
            q = ann.quote_at(*self.view.evidence)
            if q is not None:
                return q
        cur = self.view.cursor
        if cur is not None:
            q = next((q for q in ann.quotes if q.start <= cur.start < q.end), None)
            if q is not None:
                return q
        self.notify("Move to a quotation first (\" jumps to the next one).", timeout=NOTICE_S,
                    markup=False)
        return None

    def action_quote_speaker(self) -> None:
        if not self._ready():
            return
        q = self._current_quote()
        if q is None:
            return
        eid = self.selected_entity or None
        try:
            self.apply_edit(editing.set_speaker_op(self.annotations, q, eid))
        except Refused as exc:
            self.notify(str(exc), severity="warning", markup=False)

    def action_remove_quote(self) -> None:
        if not self._ready():
            return
        q = self._current_quote()
        if q is not None:
            self.apply_edit(editing.remove_quote_op(q))

    def action_remove_mention(self) -> None:
        if not self._ready():
            return
        m = self._cursor_mention()
        if m is not None:
            self.apply_edit(editing.remove_op(self.annotations, m.id))

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
                rules = editing.rules_for_removal(self.annotations, eid) if result[2] else []
                self.apply_edit(editing.remove_entity_op(self.annotations, eid), rules=rules)

        def rules(_choice: str) -> list[str]:
            return [r.describe() for r in editing.rules_for_removal(self.annotations, eid)]

        self.app.push_screen(ChoiceScreen(title, [("remove", "Remove it")], rules=rules), done)

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
        if view.matches and 0 <= self.find_pos < len(view.matches):
            at = view.matches[self.find_pos][0]
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
        self.set_status(self.summary())

    def _tag_selection(self, start: int, end: int) -> None:
        ann = self.annotations
        a, b = editing.trim(ann.text, start, end)
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
        choices = [] if taken else list(LABEL_NAMES.items())
        if person is not None:
            choices.append(("role", f"A role of {person.name}"))
            choices.append(("quote", f"A quotation of {person.name}"))
        choices.append(("quote-none", "A quotation of no named person"))
        if not choices:
            self.view.end_selection()
            self.notify(f"“{taken[0].text}” is already tagged there: remove it (x) or change its "
                        "boundaries (< > , .) first.", severity="warning", markup=False)
            return
        title = Text("Tag ")
        title.append(words if len(words) < 60 else words[:57] + "…", style="bold")
        occurrences = 0 if taken else editing.other_occurrences(ann, a, b)

        def done(result) -> None:
            self.view.end_selection()
            if not result:
                self.selection_cancelled()
                return
            choice, every, everywhere = result
            if choice == "role":
                self._add_role(person.id, a, b)
                return
            if choice in ("quote", "quote-none"):
                speaker = person.id if choice == "quote" and person is not None else None
                try:
                    self.apply_edit(editing.add_quote_op(self.annotations, a, b, speaker))
                except Refused as exc:
                    self.notify(str(exc), severity="warning", markup=False)
                return
            try:
                edit = editing.add_op(self.annotations, a, b, choice, everywhere_in_text=every)
            except Refused as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            rules = [editing.rule_for_tag(choice, words)] if everywhere else []
            self.apply_edit(edit, rules=rules)

        def rules(choice: str) -> list[str]:
            return [] if choice == "role" else [editing.rule_for_tag(choice, words).describe()]

        self.app.push_screen(ChoiceScreen(title, choices, occurrences=occurrences,
                                          everywhere=not taken, rules=rules), done)

    def _add_role(self, eid: str, start: int, end: int) -> None:
        ann = self.annotations
        phrase = ann.text[start:end]

        def done(gloss: str | None) -> None:
            if gloss is None:
                return
            self.apply_edit(editing.add_role_op(self.annotations, eid, start, end, gloss))

        self.app.push_screen(
            GlossScreen(phrase, ann.entity(eid).name, editing.suggest_gloss(phrase)), done)

    # -- boundaries -------------------------------------------------------------------------
    def _resize(self, side: str, grow: bool) -> None:
        if not self._ready():
            return
        m = self._cursor_mention()
        if m is None:
            return
        try:
            edit = editing.resize_op(self.annotations, m.id, side, grow)
        except Refused as exc:
            self.notify(str(exc), severity="warning", timeout=NOTICE_S, markup=False)
            return
        self.apply_edit(edit)

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
        at = self.role_index
        if self.view.evidence is not None and 0 <= at < len(roles):
            self.apply_edit(editing.remove_role_op(roles[at]))
            self.view.set_evidence(None)
            return
        if len(roles) == 1:
            self.apply_edit(editing.remove_role_op(roles[0]))
            return
        title = Text("Remove a role of ")
        title.append(e.name, style="bold")
        choices = [(str(i), f"{r.text}" + (f" · {r.gloss}" if r.gloss else ""))
                   for i, r in enumerate(roles)]

        def done(result) -> None:
            if result:
                self.apply_edit(editing.remove_role_op(roles[int(result[0])]))

        self.app.push_screen(ChoiceScreen(title, choices, everywhere=False), done)

    # -- rules --------------------------------------------------------------------------------
    def action_rules(self) -> None:
        def done(changed: bool | None) -> None:
            if changed and self.annotations is not None and self._ready():
                select = self.editor.reload_rules(keep=self._target_entity())
                self._show_edit(editing.Done(True, "", select=select))

        self.app.push_screen(RulesScreen(), done)
