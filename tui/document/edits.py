"""The user's corrections as typed edits: frozen dataclasses, each applied to an analysis by offsets.

An edit names mentions by their (start, end) offsets, which are stable for one
text, so it still applies after a re-analysis; an edit whose target is gone
(another pipeline found other spans) is skipped and reported (``Status.GONE``),
never guessed. The rules about what an edit may do (only entities of one type
merge; the longer name is kept) live in the builders of :mod:`tui.core.editing`;
here each kind says how it is read from and written to the corrections log
(``from_dict`` / ``to_dict``, the log's JSON shape, format 2), how it applies and
how it is described to the user.

Undoing an edit is not a second, inverse edit: a merge has none that offsets can
name (splitting a spelling back out does not give the two entities back when both
had it), and a retype's or a removal's inverse depends on the state before it. So
the inverse of an edit is the replay of the edits before it on the analysis they
started from; :class:`tui.document.history.History` does exactly that.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from tui.document.lookup import entity_for
from tui.document.model import LABEL_NAMES, Annotations, Mention, label_name

Span = tuple[int, int]
#: an "add" tags at most this many occurrences (a bigger one in a log is not ours)
MAX_SPANS = 10_000


class Status(StrEnum):
    APPLIED = "applied"      # the edit changed the annotations
    SATISFIED = "satisfied"  # they already are as the edit wants
    GONE = "gone"            # its target is not in this analysis: skipped


# -- looking things up by offsets ---------------------------------------------------------

def is_span(value: Any) -> bool:
    """A well-formed (start, end) pair of offsets, as a list or a tuple."""
    return (isinstance(value, list | tuple) and len(value) == 2
            and all(type(v) is int for v in value) and 0 <= value[0] < value[1])


def mention_at(ann: Annotations, span: Span | None) -> Mention | None:
    """The mention exactly at ``span``, if there is one."""
    if not span:
        return None
    for m in ann.mentions_between(span[0], span[1]):
        if (m.start, m.end) == tuple(span):
            return m
    return None


def entity_at(ann: Annotations, span: Span | None) -> str | None:
    m = mention_at(ann, span)
    return m.entity if m else None


def _fits(ann: Annotations, span: Span) -> bool:
    return span[1] <= len(ann.text)


def _absent(ann: Annotations, span: Span) -> Status:
    """A removal whose mention is not there: done already, unless another span covers it."""
    return Status.GONE if ann.mentions_between(*span) else Status.SATISFIED


def _q(text: str, span: Span | None) -> str:
    s = text[span[0]:span[1]] if span and span[1] <= len(text) else "?"
    s = " ".join(s.split())
    return f"“{s[:40]}…”" if len(s) > 40 else f"“{s}”"


def _span(op: dict, key: str) -> Span:
    value = op.get(key)
    if not is_span(value):
        raise ValueError(f"{key}: not a span")
    return (value[0], value[1])


def _label(op: dict) -> str:
    if op.get("label") not in LABEL_NAMES:
        raise ValueError("label: not an entity type")
    return op["label"]


# -- the edits --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    """One correction. Subclasses name their ``kind`` (the log's "op")."""

    kind: ClassVar[str] = ""

    def apply(self, ann: Annotations) -> Status:  # pragma: no cover - every kind has its own
        raise NotImplementedError

    def describe(self, text: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """The edit as the log stores it: {"op": kind, field: value, …}, spans as lists."""
        out: dict[str, Any] = {"op": self.kind}
        for k, v in vars(self).items():
            if v is None:
                continue
            if isinstance(v, tuple) and v and isinstance(v[0], tuple):
                v = [list(s) for s in v]
            elif isinstance(v, tuple):
                v = list(v)
            out[k] = v
        return out

    def named(self) -> Iterator[Span]:
        """The spans that name entities, in the order that says which entity the edit
        leaves selected (the one kept, resized to, acted on, joined, tagged)."""
        for k in ("keep", "to", "at", "join", "other"):
            if (s := getattr(self, k, None)) is not None:
                yield s
        yield from getattr(self, "spans", ())

    @classmethod
    def parse(cls, op: dict) -> Edit:  # pragma: no cover
        raise NotImplementedError


@dataclass(frozen=True)
class Merge(Edit):
    keep: Span
    other: Span
    kind: ClassVar[str] = "merge"

    def apply(self, ann: Annotations) -> Status:
        a, b = entity_at(ann, self.keep), entity_at(ann, self.other)
        if not a or not b:
            return Status.GONE
        if a == b:
            return Status.SATISFIED
        if ann.entity(a).label != ann.entity(b).label:
            return Status.GONE
        ann.merge(a, b)
        return Status.APPLIED

    def describe(self, text: str) -> str:
        return f"merge {_q(text, self.other)} into {_q(text, self.keep)}"

    @classmethod
    def parse(cls, op: dict) -> Merge:
        return cls(_span(op, "keep"), _span(op, "other"))


@dataclass(frozen=True)
class Split(Edit):
    at: Span
    variant: str
    kind: ClassVar[str] = "split"

    def apply(self, ann: Annotations) -> Status:
        e = entity_at(ann, self.at)
        if not e:
            return Status.GONE
        if ann.split(e, self.variant):
            return Status.APPLIED
        return Status.SATISFIED if ann.entity(e).variants == [self.variant] else Status.GONE

    def describe(self, text: str) -> str:
        return f"split {_q(text, self.at)} out"

    @classmethod
    def parse(cls, op: dict) -> Split:
        if not isinstance(op.get("variant"), str):
            raise ValueError("variant: not a string")
        return cls(_span(op, "at"), op["variant"])


@dataclass(frozen=True)
class Retype(Edit):
    at: Span
    label: str
    kind: ClassVar[str] = "retype"

    def apply(self, ann: Annotations) -> Status:
        e = entity_at(ann, self.at)
        if not e:
            return Status.GONE
        if ann.entity(e).label == self.label:
            return Status.SATISFIED
        ann.retype(e, self.label)
        return Status.APPLIED

    def describe(self, text: str) -> str:
        return f"{_q(text, self.at)} is a {label_name(self.label).lower()}"

    @classmethod
    def parse(cls, op: dict) -> Retype:
        return cls(_span(op, "at"), _label(op))


@dataclass(frozen=True)
class Remove(Edit):
    """Remove one mention."""

    at: Span
    kind: ClassVar[str] = "remove"

    def apply(self, ann: Annotations) -> Status:
        m = mention_at(ann, self.at)
        if m is None:
            return _absent(ann, self.at)
        ann.remove_mention(m.id)
        return Status.APPLIED

    def describe(self, text: str) -> str:
        return f"remove the mention {_q(text, self.at)}"

    @classmethod
    def parse(cls, op: dict) -> Remove:
        return cls(_span(op, "at"))


@dataclass(frozen=True)
class RemoveEntity(Edit):
    """Not an entity: remove the entity of the mention at ``at`` with all its mentions."""

    at: Span
    kind: ClassVar[str] = "remove_entity"

    def apply(self, ann: Annotations) -> Status:
        e = entity_at(ann, self.at)
        if e is None:
            return _absent(ann, self.at)
        ann.remove_entity(e)
        return Status.APPLIED

    def describe(self, text: str) -> str:
        return f"{_q(text, self.at)} is not an entity"

    @classmethod
    def parse(cls, op: dict) -> RemoveEntity:
        return cls(_span(op, "at"))


@dataclass(frozen=True)
class Add(Edit):
    """Tag ``spans`` as ``label``, in the entity of the mention at ``join`` if it has that
    type (else the entity their words name, else a new one)."""

    spans: tuple[Span, ...]
    label: str
    join: Span | None = None
    kind: ClassVar[str] = "add"

    def apply(self, ann: Annotations) -> Status:
        label = self.label
        spans = [s for s in self.spans if _fits(ann, s)]
        eid = entity_at(ann, self.join)
        if eid is not None and ann.entity(eid).label != label:
            eid = None  # the entity it joined has another type in this analysis
        added = gone = 0
        for s in spans:
            there = mention_at(ann, s)
            if there is not None:
                if ann.entity(there.entity).label != label:
                    gone += 1
                else:
                    eid = eid or there.entity
                continue
            if not ann.free(*s):
                gone += 1
                continue
            if eid is None:
                eid = entity_for(ann, ann.text[s[0]:s[1]], label)
            eid = ann.add_mention(s[0], s[1], label, eid).entity
            added += 1
        if added:
            return Status.APPLIED
        return Status.GONE if gone or len(spans) < len(self.spans) else Status.SATISFIED

    def describe(self, text: str) -> str:
        n = len(self.spans)
        return (f"add {_q(text, self.spans[0])} as a {label_name(self.label).lower()}"
                + (f" ({n} times)" if n > 1 else ""))

    def named(self) -> Iterator[Span]:
        if self.join is not None:
            yield self.join
        yield from self.spans

    @classmethod
    def parse(cls, op: dict) -> Add:
        spans = op.get("spans")
        if not (isinstance(spans, list) and 0 < len(spans) <= MAX_SPANS
                and all(is_span(s) for s in spans)):
            raise ValueError("spans: not a list of spans")
        join = _span(op, "join") if "join" in op else None
        return cls(tuple((s[0], s[1]) for s in spans), _label(op), join)


@dataclass(frozen=True)
class Resize(Edit):
    """Move the boundaries of the mention at ``at`` to ``to``."""

    at: Span
    to: Span
    kind: ClassVar[str] = "resize"

    def apply(self, ann: Annotations) -> Status:
        if not _fits(ann, self.to):
            return Status.GONE
        m = mention_at(ann, self.at)
        if m is None:
            return Status.SATISFIED if mention_at(ann, self.to) else Status.GONE
        if not ann.free(*self.to, ignore=m.id):
            return Status.GONE
        ann.resize_mention(m.id, *self.to)
        return Status.APPLIED

    def describe(self, text: str) -> str:
        return f"{_q(text, self.at)} → {_q(text, self.to)}"

    @classmethod
    def parse(cls, op: dict) -> Resize:
        return cls(_span(op, "at"), _span(op, "to"))


@dataclass(frozen=True)
class AddRole(Edit):
    """The words at ``span`` are a role of the person mentioned at ``at``."""

    at: Span
    span: Span
    gloss: str = ""
    kind: ClassVar[str] = "add_role"

    def apply(self, ann: Annotations) -> Status:
        e = entity_at(ann, self.at)
        if e is None or not _fits(ann, self.span):
            return Status.GONE
        s, t = self.span
        for r in ann.entity(e).roles:
            if (r.start, r.end) == (s, t):
                if r.gloss == self.gloss:
                    return Status.SATISFIED
                ann.remove_role(e, s, t)
        ann.add_role(e, s, t, self.gloss)
        return Status.APPLIED

    def describe(self, text: str) -> str:
        return f"role {_q(text, self.span)} for {_q(text, self.at)}"

    @classmethod
    def parse(cls, op: dict) -> AddRole:
        gloss = op.get("gloss", "")
        if not isinstance(gloss, str):
            raise ValueError("gloss: not a string")
        return cls(_span(op, "at"), _span(op, "span"), gloss)


@dataclass(frozen=True)
class RemoveRole(Edit):
    span: Span
    kind: ClassVar[str] = "remove_role"

    def apply(self, ann: Annotations) -> Status:
        s, t = self.span
        done = False
        for e in list(ann.entities):
            if any((r.start, r.end) == (s, t) for r in e.roles):
                done = ann.remove_role(e.id, s, t) or done
        return Status.APPLIED if done else Status.SATISFIED

    def describe(self, text: str) -> str:
        return f"remove the role {_q(text, self.span)}"

    def named(self) -> Iterator[Span]:
        return iter(())

    @classmethod
    def parse(cls, op: dict) -> RemoveRole:
        return cls(_span(op, "span"))


#: every kind of edit, by the name the log gives it (format 2; format 1 had merge and split)
KINDS: dict[str, type[Edit]] = {k.kind: k for k in (
    Merge, Split, Retype, Remove, RemoveEntity, Add, Resize, AddRole, RemoveRole)}


# -- reading, applying, describing ----------------------------------------------------------

def from_dict(op: object) -> Edit | None:
    """The edit a log entry stores; None when it is not one (unknown kind, bad fields)."""
    if not isinstance(op, dict) or not isinstance(op.get("op"), str):
        return None
    kind = KINDS.get(op["op"])
    if kind is None:
        return None
    try:
        return kind.parse(op)
    except (ValueError, TypeError, KeyError):
        return None


def is_valid(op: object) -> bool:
    return from_dict(op) is not None


def as_edit(op: Edit | dict) -> Edit | None:
    return op if isinstance(op, Edit) else from_dict(op)


def apply_status(ann: Annotations, op: Edit | dict) -> Status:
    """Apply one edit; never raises on an edit that does not fit this analysis."""
    edit = as_edit(op)
    if edit is None:
        return Status.GONE
    try:
        return edit.apply(ann)
    except (ValueError, KeyError):  # a target the document model refuses: skipped
        return Status.GONE


def apply_op(ann: Annotations, op: Edit | dict) -> bool:
    """Apply one edit; False when it changed nothing (or is malformed)."""
    return apply_status(ann, op) is Status.APPLIED


def replay(ann: Annotations, ops: list) -> list:
    """Apply ``ops`` in order; the ones whose target is gone, in order."""
    return [op for op in ops if apply_status(ann, op) is Status.GONE]


def describe(op: Edit | dict, text: str) -> str:
    """What the edit does, in words, quoting the text it names."""
    edit = as_edit(op)
    if edit is None:
        return str(op.get("op", "?")) if isinstance(op, dict) else "?"
    try:
        return edit.describe(text)
    except (IndexError, TypeError):
        return edit.kind


def gone_notice(gone: list, text: str) -> str:
    """What to tell the user about the edits that no longer apply ("" for none)."""
    if not gone:
        return ""
    n = len(gone)
    head = f"{n} correction{'s' if n > 1 else ''} no longer appl{'y' if n > 1 else 'ies'} " \
           "to this analysis (kept, skipped): "
    return head + "; ".join(describe(op, text) for op in gone[:8]) + ("; …" if n > 8 else "")


def touched(ann: Annotations, ops: list) -> set[str]:
    """The entities the edits name (the panel marks them as corrected)."""
    out: set[str] = set()
    for op in ops:
        edit = as_edit(op)
        for span in edit.named() if edit is not None else ():
            if eid := entity_at(ann, span):
                out.add(eid)
    return out


def kept_entity(ann: Annotations, op: Edit | dict) -> str | None:
    """The entity an applied edit leaves selected."""
    edit = as_edit(op)
    if edit is None:
        return None
    spans = [getattr(edit, k) for k in ("keep", "to", "at", "join") if getattr(edit, k, None)]
    for span in [*spans, *getattr(edit, "spans", ())]:
        if eid := entity_at(ann, span):
            return eid
    return None


def landed_at(ann: Annotations, op: Edit | dict) -> Mention | None:
    """The mention an applied edit leaves the cursor on: the one resized to, acted on,
    or the first one added."""
    edit = as_edit(op)
    span = getattr(edit, "to", None) or getattr(edit, "at", None)
    m = mention_at(ann, span) if span else None
    if m is None and isinstance(edit, Add):
        m = mention_at(ann, edit.spans[0])
    return m
