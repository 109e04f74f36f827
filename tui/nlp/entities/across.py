"""Grouping the entities of many articles into persons (and organisations, places): the library's people.

Each article has already gathered its mentions into entities; across articles
the same name rules join them: "Serghei Lavrov" in one article and "Sergei
Lavrov" or a lone "Lavrov" in another are one person; Kim Jong-il and Kim
Jong-un stay apart; a bare surname that fits two people is left on its own,
flagged ambiguous.

The grouping reuses the article clustering (:func:`tui.nlp.entities.build.cluster`)
rather than a second set of rules, so that a name joins across articles exactly
when it would join within one. That clustering reads mentions, so each name is
handed to it as a mention of its own, placed far enough from the next that no two
look like a long form and its acronym side by side (there is no article text, so
no stated alias and no position-based rule applies). The library index
(:mod:`tui.store.index`) calls :func:`group_names` and stores the result.
"""

from __future__ import annotations

from tui.document import Mention
from tui.nlp.entities.build import cluster
from tui.nlp.entities.people import AmbiguousPolicy
from tui.nlp.entities.unionfind import UnionFind

#: the names handed to the clustering are this many characters apart (see the docstring)
_SPACING = 10


def _as_mentions(items: list[tuple[str, str]]) -> list[Mention]:
    """One mention per (name, label), ``_SPACING`` apart (see the module docstring)."""
    return [Mention(f"m{i}", i * _SPACING, i * _SPACING + 1, name, label)
            for i, (name, label) in enumerate(items)]


def group_people(names: list[str]) -> tuple[list[int], set[int]]:
    """People's names, one per article entity, grouped by the within-article rules
    (name structure, spelling variants, the people's lines of the alias table; an
    ambiguous bare name joins no one).

    Returns (group number of each name, the groups that are ambiguous bare names)."""
    out = [-1] * len(names)
    ambiguous = set()
    for g, (members, amb) in enumerate(cluster(_as_mentions([(n, "PER") for n in names]),
                                           AmbiguousPolicy.FLAG)):
        for m in members:
            out[int(m.id[1:])] = g
        if amb:
            ambiguous.add(g)
    base = max(out, default=-1) + 1
    for i, g in enumerate(out):  # defensive: a name the clustering dropped stands alone
        if g < 0:
            out[i] = base + i
    return out, ambiguous


def group_others(items: list[tuple[str, list[str]]]) -> list[int]:
    """Organisations, places and the rest, as (label, variants) per article entity, grouped
    by the within-article keys and aliases (any variant in common joins two of them)."""
    sets = UnionFind(len(items))
    owner = []
    flat = []
    for n, (label, variants) in enumerate(items):
        for v in variants:
            owner.append(n)
            flat.append((v, label))
    for members, _amb in cluster(_as_mentions(flat)):
        first = owner[int(members[0].id[1:])]
        for m in members[1:]:
            sets.union(first, owner[int(m.id[1:])])
    return [sets.find(n) for n in range(len(items))]


def group_names(names: list[str], forms: list[tuple[str, list[str]]]
                ) -> tuple[dict[str, int], dict[int, int], set[int]]:
    """The groups of the library's distinct names: people's ``names``, and the other
    entities' ``forms`` as (label, variants). Returns (person names → group, position in
    ``forms`` → group, the people's groups that are ambiguous bare names); the two
    numberings are separate (the caller offsets one)."""
    nums, ambiguous = group_people(names)
    return (dict(zip(names, nums, strict=True)),
            dict(enumerate(group_others(forms))), ambiguous)
