"""Gathering the mentions of organisations, places and the rest: never by fuzzy score.

Forms are compared by a key that folds case, accents, dots and hyphens
("ONU" = "Onu", "U.S.A." = "USA"), and a leading article when the text also
has the name without it ("La Russia" = "Russia"). Beyond that, two forms are merged only
when the alias table says so (``data/aliases_it.tsv`` plus the user's
``aliases.tsv`` in the configuration folder, :mod:`tui.nlp.lexicon`) or when the
text defines the acronym: "Organizzazione mondiale della sanità (Oms)" as
one span, or as two spans one to three characters apart, and the acronym's
letters are the initials of the long form's words. An acronym anywhere in the
text ("l'Aiea", "l'AIEA") joins the one long form of the text whose initials it is
("Agenzia internazionale per l'energia atomica"); when two long forms have the
same initials it joins neither.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from tui.document import Mention
from tui.nlp import lexicon
from tui.nlp.entities.names import APOSTROPHES, fold_name, org_key
from tui.nlp.entities.unionfind import UnionFind
from tui.nlp.lang_it import ACRONYM_SKIPPED_WORDS, DEFINITE_ARTICLE_KEYS

#: ORG and LOC are one class for merging (a frequent NER confusion for countries and cities)
ORG_OR_LOC = "ORG/LOC"
MIN_ACRONYM_LETTERS = 2
MAX_ACRONYM_LETTERS = 8
#: an acronym in the span after its long form, at most this many characters away: " (", ", "
MIN_ACRONYM_GAP = 1
MAX_ACRONYM_GAP = 3

_DEFINED = re.compile(r"^(?P<long>.+?)\s*[(\[]\s*(?P<short>[^()\[\]\s]+)\s*[)\]]$")


def merge_class(label: str) -> str:
    """The labels that may merge: ORG and LOC together, every other label on its own."""
    return ORG_OR_LOC if label in ("ORG", "LOC") else label


def is_acronym_of(acr: str, long: str) -> bool:
    """``acr`` ("Oms", "OMS", "M5s", "FdI") is made of the initials of ``long``'s words,
    every content word contributing its initial, function words optionally."""
    a = fold_name(acr)
    if not (MIN_ACRONYM_LETTERS <= len(a) <= MAX_ACRONYM_LETTERS) or not a.isalnum() \
            or " " in acr.strip():
        return False
    words = [w for w in re.split(r"[\s" + APOSTROPHES + r"\-]+", long) if w]
    if len(words) < 2:
        return False
    p = 0
    for w in words:
        f = fold_name(w)
        if not f:
            continue
        if p < len(a) and f[0] == a[p]:
            p += 1
        elif w.lower() not in ACRONYM_SKIPPED_WORDS:
            return False
    return p == len(a)


def content_initials(long: str) -> str:
    """The initials of the words of ``long`` an acronym of it must contain, in order."""
    words = [w for w in re.split(r"[\s" + APOSTROPHES + r"\-]+", long) if w]
    return "".join(fold_name(w)[:1] for w in words if fold_name(w) and w.lower() not in ACRONYM_SKIPPED_WORDS)


def without_article(key: str, keys: set[str] | frozenset[str]) -> str | None:
    """The key without its leading definite article, when ``keys`` hold that: "la russia"
    -> "russia" when the text also says "Russia"; else None."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in DEFINITE_ARTICLE_KEYS and rest in keys else None


def cluster_others(ms: list[Mention], idx: list[int]) -> list[tuple[list[int], bool]]:
    """The mentions at ``idx`` (one merge class, text order) as groups of mention indices.

    Long because the ways two names join (one key, an acronym defined in the text, an
    acronym of another mention, an alias) share the keys and the union-find its first loop builds."""
    kind = {i: merge_class(ms[i].label) for i in idx}
    key: dict[int, str] = {}
    defined: list[tuple[str, str, int]] = []    # (long key, short key, mention)
    for i in idx:
        t = ms[i].text
        m = _DEFINED.match(t)
        if m and is_acronym_of(m["short"], m["long"]):
            key[i] = org_key(m["long"])
            defined.append((key[i], org_key(m["short"]), i))
        elif m and is_acronym_of(m["long"], m["short"]):
            key[i] = org_key(m["short"])
            defined.append((key[i], org_key(m["long"]), i))
        else:
            key[i] = org_key(t) or t
    # "La Russia" at the start of a sentence is "Russia" when the text also says "Russia"
    present: dict[str, set[str]] = defaultdict(set)
    for i in idx:
        present[kind[i]].add(key[i])
    for i in idx:
        key[i] = without_article(key[i], present[kind[i]]) or key[i]
    groups: dict[tuple[str, str], list[int]] = {}
    for i in idx:
        groups.setdefault((kind[i], key[i]), []).append(i)
    gkeys = list(groups)
    gpos = {g: n for n, g in enumerate(gkeys)}
    sets = UnionFind(len(gkeys))

    # the alias table
    table = lexicon.aliases()
    by_alias: dict[tuple[str, int], int] = {}
    for n, (k, kk) in enumerate(gkeys):
        a = table.get(kk)
        if a is None:
            continue
        prev = by_alias.setdefault((k, a), n)
        if prev != n:
            sets.union(prev, n)
    # acronyms defined in the text: "Long Form (LF)" in one span, or two spans close together
    for _long_key, short_key, i in defined:
        other = gpos.get((kind[i], short_key))
        if other is not None:
            sets.union(gpos[(kind[i], key[i])], other)
    for a, b in zip(idx, idx[1:], strict=False):
        if kind[a] != kind[b] or not MIN_ACRONYM_GAP <= ms[b].start - ms[a].end <= MAX_ACRONYM_GAP:
            continue
        ta, tb = ms[a].text, ms[b].text
        if is_acronym_of(tb, ta) or is_acronym_of(ta, tb):
            sets.union(gpos[(kind[a], key[a])], gpos[(kind[b], key[b])])
    # acronyms anywhere in the text: the one long form of the text whose initials they are
    surface = {g: ms[groups[g][0]].text for g in gkeys}
    longs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for g in gkeys:       # by class and the initials of their content words
        if len(g[1].split()) >= 2:
            longs[(g[0], content_initials(surface[g]))].append(g)
    for g in gkeys:
        if " " in g[1] or not MIN_ACRONYM_LETTERS <= len(g[1]) <= MAX_ACRONYM_LETTERS:
            continue
        a = fold_name(surface[g])
        subs = {"".join(c) for n in range(1, len(a) + 1) for c in combinations(a, n)}
        match = {sets.find(gpos[h]) for sub in subs for h in longs.get((g[0], sub), ())
                 if is_acronym_of(surface[g], surface[h])}
        if len(match) == 1:
            sets.union(gpos[g], match.pop())
    out: dict[int, list[int]] = defaultdict(list)
    for n, g in enumerate(gkeys):
        out[sets.find(n)].extend(groups[g])
    return [(sorted(m), False) for m in out.values() if m]
