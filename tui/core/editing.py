"""Correcting an analysis: build an edit from what the user chose, apply it, log it, undo, redo.

What the reader's keys call. The rules about what may be corrected live here
(only entities of one type merge; the longer name is kept; a selection is
trimmed of spaces and punctuation), as builders that turn the user's choice into
a typed edit of :mod:`tui.document.edits` or refuse it (:class:`Refused`, with
the reason to show). An :class:`Editor` holds one article's
:class:`~tui.document.history.History` and keeps the corrections log
(:mod:`tui.store.corrections`) equal to the history's done edits: doing or
redoing an edit appends it to the log, undoing one takes it out again (the log is
truncated rather than given an inverse edit: see :mod:`tui.document.edits`). The
redo list lives in memory only, as an editor's does. The user's "apply
everywhere" rules are read once per article and again only when one changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.document import LABEL_NAMES, Annotations, label_phrase
from tui.document import rules as rule_model
from tui.document.edits import (
    Add,
    AddQuote,
    AddRole,
    Edit,
    Merge,
    Remove,
    RemoveEntity,
    RemoveQuote,
    RemoveRole,
    Resize,
    Retype,
    SetSpeaker,
    Split,
    Status,
    apply_op,
    describe,
    from_dict,
    gone_notice,
    kept_entity,
    landed_at,
    replay,
    touched,
)
from tui.document.history import History, Step
from tui.document.lookup import entity_for, occurrences
from tui.document.rules import Rule
from tui.document.selection import trim, words
from tui.store import corrections as log
from tui.store import rules as rulebook

__all__ = [
    "Done", "Editor", "Refused", "Rule", "add_op", "add_quote_op", "add_role_op", "apply_all",
    "corrected", "remove_quote_op", "set_speaker_op",
    "describe", "entity_for", "kept_entity", "landed_at", "merge_op", "other_occurrences",
    "record", "remove_entity_op", "remove_op", "remove_role_op", "resize_op", "retype_op",
    "split_op", "suggest_gloss", "trim",
]


# -- the analysis as the user sees it --------------------------------------------------------

def corrected(original: Annotations, ops: list, rules: list[Rule],
              problems: list[str] = ()) -> tuple[Annotations, list]:
    """A copy of ``original`` with ``rules`` and then ``ops`` applied, and the ops whose
    target is gone. The copy keeps ``original`` so that corrections can be undone; its
    ``notices`` are the rules file's ``problems``."""
    ann = original.copy()
    ann.source = original.source
    rule_model.apply(ann, rules)
    gone = replay(ann, ops)
    ann.original = original
    ann.notices = list(problems)
    return ann, gone


def apply_all(ann: Annotations) -> Annotations:
    """The analysis ``ann`` with the user's rules and this text's log replayed; what the
    user should be told is in its ``notices``."""
    found = log.load_log(ann.text)
    rules, problems = rulebook.load()
    out, gone = corrected(ann, found.ops, rules, problems)
    if found.problem:
        out.notices.append(found.problem)
    if gone:
        out.notices.append(gone_notice(gone, ann.text))
    return out


def record(ann: Annotations, edit: Edit | dict) -> bool:
    """Apply ``edit`` to ``ann`` and, if it changed anything, add it to this text's log.
    Raises OSError (after applying) when it cannot be saved."""
    if not apply_op(ann, edit):
        return False
    log.append(ann.text, edit)
    return True


# -- building edits from what the user chose --------------------------------------------------

class Refused(ValueError):
    """A correction the rules do not allow, with the reason to show the user."""


def _first(ann: Annotations, eid: str) -> tuple[int, int]:
    m = ann.mentions_of(eid)[0]
    return (m.start, m.end)


def merge_op(ann: Annotations, first: str, second: str) -> Merge:
    """The edit that merges two entities: only entities of one type merge, and the
    one with the longer name is kept. Raises Refused."""
    a, b = ann.entity(first), ann.entity(second)
    if a.label != b.label:
        raise Refused(f"Only entities of the same type can be merged: {a.name} is "
                      f"{label_phrase(a.label)}, {b.name} {label_phrase(b.label)} "
                      "(t changes the type).")
    keep, other = (a, b) if len(a.name) >= len(b.name) else (b, a)
    return Merge(_first(ann, keep.id), _first(ann, other.id))


def split_op(ann: Annotations, eid: str, variant: str) -> Split:
    m = next(m for m in ann.mentions_of(eid) if m.text == variant)
    return Split((m.start, m.end), variant)


def retype_op(ann: Annotations, eid: str, label: str) -> Retype:
    e = ann.entity(eid)
    if label not in LABEL_NAMES:
        raise Refused(f"Unknown type {label!r}.")
    if e.label == label:
        raise Refused(f"{e.name} is already {label_phrase(label)}.")
    return Retype(_first(ann, eid), label)


def remove_op(ann: Annotations, mid: str) -> Remove:
    m = ann.mention(mid)
    return Remove((m.start, m.end))


def remove_entity_op(ann: Annotations, eid: str) -> RemoveEntity:
    return RemoveEntity(_first(ann, eid))


def add_op(ann: Annotations, start: int, end: int, label: str,
           everywhere_in_text: bool = False) -> Add:
    """Tag text[start:end] (trimmed) as a ``label``; with ``everywhere_in_text``, every
    other untagged occurrence of the same string as well. Raises Refused."""
    if label not in LABEL_NAMES:
        raise Refused(f"Unknown type {label!r}.")
    start, end = trim(ann.text, start, end)
    if start >= end:
        raise Refused("Select some words of the text first.")
    taken = ann.mentions_between(start, end)
    if taken:
        raise Refused(f"“{taken[0].text}” is already tagged there: remove it (x) or change its "
                      "boundaries (< > , .) first.")
    spans = [(start, end)]
    if everywhere_in_text:
        spans += [(s, e) for s, e in occurrences(ann.text, ann.text[start:end])
                  if s != start and ann.free(s, e)]
    eid = entity_for(ann, ann.text[start:end], label)
    return Add(tuple(spans), label, _first(ann, eid) if eid is not None else None)


def other_occurrences(ann: Annotations, start: int, end: int) -> int:
    """How many other untagged occurrences of text[start:end] (trimmed) the article has."""
    start, end = trim(ann.text, start, end)
    return sum(1 for s, e in occurrences(ann.text, ann.text[start:end])
               if s != start and ann.free(s, e))


def resize_op(ann: Annotations, mid: str, side: str, grow: bool) -> Resize:
    """Move one edge of a mention by a word: ``side`` "start" or "end"; ``grow`` True to
    take in the next word out, False to give back the word at that edge. Raises Refused."""
    m = ann.mention(mid)
    text = ann.text
    base = max(0, m.start - 200)
    ws = [(a + base, b + base) for a, b in words(text[base:m.end + 200])]
    start, end = m.start, m.end
    if side == "end" and grow:
        nxt = [w for w in ws if w[0] >= end]
        if not nxt or "\n" in text[end:nxt[0][1]]:
            raise Refused("No word to take in after it on this line.")
        end = nxt[0][1]
    elif side == "end":
        inner = [w for w in ws if start <= w[0] and w[1] < end]
        if not inner:
            raise Refused("It is a single word: x removes it.")
        end = inner[-1][1]
    elif grow:
        prev = [w for w in ws if w[1] <= start]
        if not prev or "\n" in text[prev[-1][0]:start]:
            raise Refused("No word to take in before it on this line.")
        start = prev[-1][0]
    else:
        inner = [w for w in ws if start < w[0] and w[1] <= end]
        if not inner:
            raise Refused("It is a single word: x removes it.")
        start = inner[0][0]
    if not ann.free(start, end, ignore=mid):
        other = next(x for x in ann.mentions_between(start, end) if x.id != mid)
        raise Refused(f"That would overlap “{other.text}”: merge or remove it first.")
    return Resize((m.start, m.end), (start, end))


def add_role_op(ann: Annotations, eid: str, start: int, end: int, gloss: str = "") -> AddRole:
    start, end = trim(ann.text, start, end)
    if start >= end:
        raise Refused("Select the words of the role first.")
    near = min(ann.mentions_of(eid), key=lambda m: abs(m.start - start))
    return AddRole((near.start, near.end), (start, end), " ".join(gloss.split()))


def remove_role_op(role) -> RemoveRole:
    return RemoveRole((role.start, role.end))


def _speaker_span(ann: Annotations, eid: str | None, near: int) -> tuple[int, int] | None:
    """The mention of person ``eid`` an edit names them by: the nearest to offset ``near``.
    Raises Refused for an entity that is not a person."""
    if eid is None:
        return None
    e = ann.entity(eid)
    if e.label != "PER":
        raise Refused(f"{e.name} is not a person: only people are speakers (t changes the type).")
    m = min(ann.mentions_of(eid), key=lambda m: (abs(m.start - near), m.start))
    return (m.start, m.end)


def set_speaker_op(ann: Annotations, quote, eid: str | None) -> SetSpeaker:
    """The quotation ``quote`` was said by ``eid`` (None: by no person). Raises Refused."""
    if quote.speaker == eid:
        who = ann.entity(eid).name if eid else "no person"
        raise Refused(f"That quotation is already {who}'s.")
    return SetSpeaker((quote.start, quote.end), _speaker_span(ann, eid, quote.start))


def remove_quote_op(quote) -> RemoveQuote:
    return RemoveQuote((quote.start, quote.end))


def add_quote_op(ann: Annotations, start: int, end: int, eid: str | None) -> AddQuote:
    """The words text[start:end] (trimmed of spaces, punctuation and quotation marks) are a
    quotation of ``eid`` (None: no person). Raises Refused."""
    start, end = trim(ann.text, start, end)
    while start < end and ann.text[start] in "«“\"'‘":
        start += 1
    while end > start and ann.text[end - 1] in "»”\"'’":
        end -= 1
    if start >= end:
        raise Refused("Select the words of the quotation first.")
    return AddQuote((start, end), _speaker_span(ann, eid, start))


def suggest_gloss(phrase: str) -> str:
    """The English of a role phrase from the role lexicon, where it knows the words
    ("ministro degli Esteri" -> "foreign minister"), else ""."""
    from tui.nlp import lexicon  # here, not above: opening a cached article imports no nlp code

    try:
        lex = lexicon.load_lexicon()
    except (OSError, ValueError):
        return ""
    ws = lexicon.split_words(phrase)
    best = None
    pres: list[str] = []
    for i in range(len(ws)):
        for entry in lex.entries.get(ws[i], ()):
            n = len(entry.words)
            if tuple(lexicon.norm(w) for w in ws[i:i + n]) == entry.words or \
                    (n == 1 and ws[i] in lex.forms.get(entry.words[0], ())):
                if entry.kind == lexicon.EntryKind.PRE and entry.gloss and best is None:
                    pres.append(entry.gloss)
                elif entry.kind == lexicon.EntryKind.ROLE and entry.gloss and best is None:
                    best = entry.gloss
                break
    if best is None:
        return ""
    text = best
    for g in reversed(pres):
        text = g.replace("{}", text) if "{}" in g else f"{g} {text}"
    return text


# -- the user's rules, as the rules screen shows them -------------------------------------------

def rules_path():
    return rulebook.path()


def list_rules() -> tuple[list[Rule], list[str]]:
    """The rules, and the lines of the file that could not be read."""
    return rulebook.load()


def remove_rule(rule: Rule) -> None:
    rulebook.remove(rule)


def rules_for_retype(ann: Annotations, eid: str, label: str) -> list[Rule]:
    return rule_model.for_retype(ann, eid, label)


def rules_for_removal(ann: Annotations, eid: str) -> list[Rule]:
    return rule_model.for_removal(ann, eid)


def rule_for_tag(label: str, words_: str) -> Rule:
    return Rule(label, words_)


# -- one article's edits ---------------------------------------------------------------------

@dataclass
class Note:
    """What the editor keeps beside an edit on the history: its description, the rules it
    recorded and the rules these took the place of."""

    what: str
    rules: list[Rule] = field(default_factory=list)
    replaced: list[Rule] = field(default_factory=list)


@dataclass
class Done:
    """What doing, undoing or redoing an edit did, for the reader to show and say.

    ``applied``: it changed the analysis; ``what``: the edit in words; ``with_rules``:
    it recorded (or took back) rules; ``select``: the entity to select; ``edit``: the
    edit, where the cursor should land on it (None: the analysis was rebuilt);
    ``errors``: what could not be saved."""

    applied: bool
    what: str
    with_rules: bool = False
    select: str | None = None
    edit: Edit | None = None
    errors: list[str] = field(default_factory=list)


class Editor:
    """The corrections of one article as the reader makes them (see the module docstring)."""

    def __init__(self, ann: Annotations) -> None:
        """``ann``: the analysis as opened (the core's, with its ``original``), or an imported
        export (no ``original``): the user's rules and this text's corrections apply to it as
        to an analysis (the log is keyed by the text), so that they stick there too."""
        if ann.original is None:
            ann = apply_all(ann)
        self.text = ann.text
        self.rules, _problems = rulebook.load()
        self.notices = list(ann.notices)
        ops = log.load_ops(ann.text)
        self.history = History(ann.original, [], self._prepare, current=ann)
        self.history.done = [_step(op, ann.text) for op in ops]

    def _prepare(self, ann: Annotations) -> None:
        rule_model.apply(ann, self.rules)

    @property
    def current(self) -> Annotations:
        return self.history.current

    def touched(self) -> set[str]:
        """The entities the done edits name (the panel marks them as corrected)."""
        return touched(self.current, self.history.edits)

    def acknowledge(self) -> None:
        """The notices were shown: a damaged log set aside is not announced again."""
        log.acknowledge(self.text)

    def rebuild(self, keep: str | None = None) -> str | None:
        """The analysis again from the pipeline's, with the rules and the done edits; the
        entity that now has ``keep``'s mentions."""
        spans = self._spans(keep)
        self.history.rebuild()
        return self._entity_with(spans)

    def reload_rules(self, keep: str | None = None) -> str | None:
        """The rules file changed (the rules screen): read it again and rebuild."""
        self.rules, _problems = rulebook.load()
        return self.rebuild(keep)

    def _save_rules(self, note: Note, rules: list[Rule], errors: list[str]) -> None:
        for rule in rules:
            try:
                note.replaced += rulebook.add(rule)
                note.rules.append(rule)
            except OSError as exc:
                errors.append(f"The rule {rule.describe()} could not be saved: {exc}")

    def do(self, edit: Edit, what: str = "", rules: list[Rule] = ()) -> Done:
        """Apply ``edit``, log it and record ``rules``; nothing is kept when it changes
        nothing."""
        note = Note(what or describe(edit, self.text))
        done = Done(False, note.what, edit=edit)
        if self.history.do(edit, note) is not Status.APPLIED:
            return done
        done.applied = True
        try:
            log.append(self.text, edit)
        except OSError as exc:
            done.errors.append(f"{note.what}: applied but not saved ({exc})")
        self._save_rules(note, list(rules), done.errors)
        done.select = kept_entity(self.current, edit)
        if note.rules:
            self.rules, _problems = rulebook.load()
            done.with_rules, done.edit = True, None
            done.select = self.rebuild(done.select)
        return done

    def undo(self, keep: str | None = None) -> Done | None:
        """Take back the last edit and the rules it recorded; None when there is none.
        ``keep``: the entity selected now (selected again if it is still there)."""
        if not self.history.done:
            return None
        step = self.history.done[-1]
        note: Note = step.note
        done = Done(True, note.what, with_rules=bool(note.rules))
        try:
            log.unrecord(self.text, step.edit)
        except OSError as exc:
            done.errors.append(f"The undo could not be saved: {exc}")
        if note.rules or note.replaced:
            try:
                for rule in note.rules:
                    rulebook.remove(rule)
                for rule in note.replaced:
                    rulebook.add(rule)
            except OSError as exc:
                done.errors.append(f"The rules could not be restored: {exc}")
            self.rules, _problems = rulebook.load()
        spans = self._spans(keep)
        self.history.undo()
        done.select = self._entity_with(spans)
        return done

    def redo(self) -> Done | None:
        """Apply the last undone edit again; None when there is none. ``applied`` is False
        when it no longer applies (it is dropped)."""
        if not self.history.undone:
            return None
        note: Note = self.history.undone[-1].note
        step, applied = self.history.redo()
        done = Done(applied, note.what, edit=step.edit)
        if not applied:
            return done
        try:
            log.append(self.text, step.edit)
        except OSError as exc:
            done.errors.append(f"The redo could not be saved: {exc}")
        try:
            for rule in note.rules:
                rulebook.add(rule)
        except OSError as exc:
            done.errors.append(f"The rules could not be saved: {exc}")
        done.select = kept_entity(self.current, step.edit)
        if note.rules:
            self.rules, _problems = rulebook.load()
            done.with_rules, done.edit = True, None
            done.select = self.rebuild(done.select)
        return done

    def _spans(self, eid: str | None) -> set[tuple[int, int]]:
        try:
            return {(m.start, m.end) for m in self.current.mentions_of(eid)} if eid else set()
        except KeyError:
            return set()

    def _entity_with(self, spans: set[tuple[int, int]]) -> str | None:
        return next((m.entity for m in self.current.mentions if (m.start, m.end) in spans), None)


def _step(op: dict, text: str) -> Step:
    """A logged edit as the history holds it when the article opens."""
    edit = from_dict(op)
    return Step(edit, Note(describe(edit, text)))
