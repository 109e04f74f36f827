"""The user's "apply everywhere" rules as data: what a rule says and how rules apply to an analysis.

A :class:`Rule` is a label and a pattern (a string matched as whole words, or token
patterns with ``ORTH``/``TEXT``/``LOWER``); ``label`` ``-`` (:data:`NOT_ENTITY`) says "not
an entity". The file they live in is :mod:`tui.store.rules`; the core applies them under
every article's corrections (:func:`apply`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.document.lookup import entity_for, occurrences
from tui.document.model import Annotations

NOT_ENTITY = "-"
TYPES = {"PER": "a person", "ORG": "an organisation", "LOC": "a place", "MISC": "an entity"}


@dataclass(frozen=True)
class Rule:
    label: str
    pattern: str | tuple[tuple[str, str], ...]  # a string, or (key, value) per token

    def to_json(self) -> dict:
        pat = self.pattern if isinstance(self.pattern, str) else \
            [{k: v} for k, v in self.pattern]
        return {"label": self.label, "pattern": pat}

    @property
    def pattern_text(self) -> str:
        if isinstance(self.pattern, str):
            return self.pattern
        return " ".join(v for _k, v in self.pattern)

    def describe(self) -> str:
        what = "not an entity" if self.label == NOT_ENTITY else TYPES.get(self.label, self.label)
        return f"“{self.pattern_text}” is {what}"


# -- applying them --------------------------------------------------------------------------

def _token_matches(ann: Annotations, pattern: tuple[tuple[str, str], ...]) -> list[tuple[int, int]]:
    toks = ann.tokens
    n = len(pattern)
    out = []
    for i in range(len(toks) - n + 1):
        ok = True
        for j, (k, v) in enumerate(pattern):
            s, e = toks[i + j]
            word = ann.text[s:e]
            if (k == "LOWER" and word.lower() != v) or (k != "LOWER" and word != v):
                ok = False
                break
        if ok:
            out.append((toks[i][0], toks[i + n - 1][1]))
    return out


def matches(ann: Annotations, rule: Rule) -> list[tuple[int, int]]:

    if isinstance(rule.pattern, str):
        return occurrences(ann.text, rule.pattern)
    return _token_matches(ann, rule.pattern)


def apply(ann: Annotations, rules: list[Rule]) -> int:
    """Apply ``rules`` to ``ann``; how many mentions they changed, added or removed."""

    changed = 0
    for rule in rules:
        made: str | None = None  # the entity this rule's new mentions gather in
        for s, e in matches(ann, rule):
            inside = ann.mentions_between(s, e)
            exact = inside[0] if len(inside) == 1 and \
                (inside[0].start, inside[0].end) == (s, e) else None
            if rule.label == NOT_ENTITY:
                if exact is not None:
                    ann.remove_mention(exact.id)
                    changed += 1
                continue
            if exact is not None:
                if ann.entity(exact.entity).label != rule.label:
                    ann.retype(exact.entity, rule.label)
                    _join(ann, exact.entity)
                    changed += 1
                continue
            if inside:
                continue  # the analysis has another span there: it stays
            eid = made if made in {x.id for x in ann.entities} else \
                entity_for(ann, ann.text[s:e], rule.label)
            m = ann.add_mention(s, e, rule.label, eid)
            made = m.entity
            changed += 1
    return changed


def _join(ann: Annotations, eid: str) -> None:
    """A retyped entity joins the one of its new type that it names, if there is exactly
    one ("Sallusti", now a person, joins "Alessandro Sallusti")."""

    e = ann.entity(eid)
    others = {entity_for(ann, v, e.label, exclude=eid) for v in e.variants}
    others.discard(None)
    if len(others) == 1:
        target = others.pop()
        keep, other = (target, eid) if len(ann.entity(target).name) >= len(e.name) else (eid, target)
        ann.merge(keep, other)


def for_retype(ann: Annotations, eid: str, label: str) -> list[Rule]:
    """The rules that say every spelling of entity ``eid`` is a ``label``."""
    return [Rule(label, v) for v in ann.entity(eid).variants if v.strip()]


def for_removal(ann: Annotations, eid: str) -> list[Rule]:
    return [Rule(NOT_ENTITY, v) for v in ann.entity(eid).variants if v.strip()]
