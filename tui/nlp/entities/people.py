"""Gathering the mentions of people into persons: rules on the structure of names, not a fuzzy score.

Names are parsed into units (:mod:`tui.nlp.entities.names`). Two words are the same
word when they are equal after folding, or
- both have at least 5 letters and agree after a transliteration key
  (:func:`~tui.nlp.entities.names.transliteration_key`: sch/sh -> s, zh -> z,
  gh -> g, kh/ch -> h, dh -> d, th -> t, ph -> f, x -> ks, ou -> u, y/j -> i,
  w -> v, doubled letters collapsed, ye- -> e-, -ander -> -andr):
  Serghei / Sergei / Sergej / Sergey, Zelensky / Zelenskyj / Zelens'kyj / Zelenskiy,
  Mahmoud / Mahmud, Lukashenko / Lukašenko, Hassan / Hasan (so "Rossi" and
  "Rosi", four letters, stay apart);
- both have at least 7 letters, the same first and last letter, the same
  consonant skeleton (vowels and doubled consonants free) and at most 2
  edits between them (rapidfuzz ``process.cdist``, bucketed by initial):
  Gheddafi / Gaddafi, Mohammed / Mohammad / Muhammad.
Short words never match fuzzily (Rossi / Rosi, Jong-un / Jong-il, Mario / Maria).
Particles written in capitals are part of the surname ("De Luca" is not
"Luca"); lower-case ones are optional ("al-Assad" = "Assad"). A regnal
title keeps a first name apart: "papa Francesco" is not Francesco
Lollobrigida and "re Carlo" is not Carlo Calenda, but "papa Bergoglio" is
Jorge Mario Bergoglio and "re Carlo" is "Carlo III".

Forms with the same shape whose words match one to one are one variant
class. A less specific form (fewer units, or initials where the other has
words) joins a more specific one when
- a single word ("Lavrov", "Matteo", "Lula") equals any word of it;
- a longer form matches with its last word on the other's last word, its
  other units in order, the skipped units being words, never initials
  ("George Bush" is not "George W. Bush", "George W. Bush" is not
  "George H. W. Bush"; "Barack Obama" is "Barack Hussein Obama");
- suffixes agree ("Donald Trump" is not "Donald Trump Jr."; a bare "Trump"
  could be either);
- a longer official form adds at most two surnames after it, the first units
  agreeing ("Nicolás Maduro" is "Nicolás Maduro Moros", so a bare "Maduro" fits
  one person, not two);
- the first piece of a double surname stands for it ("Carla Bruni" is "Carla
  Bruni-Sarkozy"), the last never ("Sarkozy" is Nicolas).
Two words in the other order are one name ("Shinzo Abe", "Abe Shinzo"); undotted
initials are initials ("JD Vance" is "J.D. Vance" and "James David Vance"); a
capitalised "Al" or "El" is the particle when the text writes that surname with it
("Al Sisi" beside "Abdel Fattah al-Sisi"), otherwise a word ("Al Gore").
Forms are resolved from the most specific down, so the full name may come
before or after the short one in the text. A form that fits exactly one
person joins them; a form that fits two or more people ("Rossi" with Mario
Rossi and Marco Rossi, "Matteo" with Renzi and Salvini, "Kim" with Kim
Jong-un and Kim Jong-il) is left on its own with ``ambiguous=True``.

Policy for ambiguous forms (``AMBIGUOUS_POLICY``, an :class:`AmbiguousPolicy`):
- "flag" (the default) leaves them on their own, ``ambiguous=True``;
- "introduced" attaches a mention to the one candidate named before it
  when only one has been named so far, and flags the rest;
- "nearest" attaches each mention to the candidate named most recently
  before it.
On evaluation/variants (14 cases with such a name, gold by what the text
means) "nearest" attached 7 mentions right and 5 wrong, "introduced"
3 right and 1 wrong. That is more often right than wrong, but not by much,
on a small set that we wrote ourselves. A wrong attachment puts one
person's words under another person's name without any sign of it, while a
flag is visible and the user can merge it in one step
(``Annotations.merge``). So the default is "flag", which keeps pairwise
precision at 1.0. ``benchmarks/eval_variants.py`` prints all three.
Exception: a bare name that fits "Donald Trump" and "Donald Trump Jr." is the
one without the suffix, because the junior is always written with it.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tui.document import Mention
from tui.nlp.entities.names import (
    PersonName,
    Unit,
    UnitKind,
    parse_person,
    same_outline,
    transliteration_key,
)
from tui.nlp.entities.unionfind import UnionFind
from tui.nlp.lang_it import ARTICLE_PARTICLES


class AmbiguousPolicy(StrEnum):
    """What becomes of a form that fits several people (see the module docstring)."""

    FLAG = "flag"                # left on its own, ambiguous=True
    INTRODUCED = "introduced"    # attached when exactly one candidate was named before it
    NEAREST = "nearest"          # attached to the candidate named most recently before it


AMBIGUOUS_POLICY = AmbiguousPolicy.FLAG

#: words of this many letters or more match by their transliteration key
MIN_LETTERS_TRANSLITERATED = 5
#: words of this many letters or more match by edit distance (with the same outline)
MIN_LETTERS_FUZZY = 7
#: at most this many edits between two long words that match
MAX_EDITS = 2
#: a longer official form adds at most this many surnames ("Nicolás Maduro Moros")
MAX_ADDED_SURNAMES = 2


# --------------------------------------------------------------------------
# comparing names
# --------------------------------------------------------------------------

class SpellingVariants:
    """Word equivalence for one article: folded word -> the number of its group (without
    ``fuzzy``, by the transliteration key alone)."""

    def __init__(self, words: Iterable[str], fuzzy: bool = True):
        ws = sorted(set(words))
        sets = UnionFind(len(ws))
        pos = {w: n for n, w in enumerate(ws)}
        keys = [transliteration_key(w) for w in ws]
        first: dict[str, int] = {}
        for n, w in enumerate(ws):
            if len(w) >= MIN_LETTERS_TRANSLITERATED:
                if keys[n] in first:
                    sets.union(first[keys[n]], n)
                else:
                    first[keys[n]] = n
        # long words: edit distance in bulk, bucketed by initial, then the outline rule
        buckets: dict[str, list[int]] = defaultdict(list)
        for n, w in enumerate(ws):
            if fuzzy and len(w) >= MIN_LETTERS_FUZZY and w.isalpha():
                buckets[keys[n][:1]].append(n)
        for idx in buckets.values():
            if len(idx) < 2:
                continue
            bucket_keys = [keys[n] for n in idx]
            d = process.cdist(bucket_keys, bucket_keys, scorer=Levenshtein.distance,
                              score_cutoff=MAX_EDITS, dtype=np.int32, workers=1)
            for a, b in zip(*np.nonzero(d <= MAX_EDITS), strict=True):
                if a < b and bucket_keys[a] != bucket_keys[b] and \
                        same_outline(bucket_keys[a], bucket_keys[b]):
                    sets.union(idx[a], idx[b])
        self.group = {w: sets.find(pos[w]) for w in ws}

    def same(self, a: str, b: str) -> bool:
        return a == b or self.group.get(a, a) == self.group.get(b, b)


def _particles_agree(u: Unit, v: Unit) -> bool:
    if u.parts == v.parts:
        return True
    if not u.parts:
        return not v.in_surname
    if not v.parts:
        return not u.in_surname
    return False


def _unit_eq(u: Unit, v: Unit, words: SpellingVariants) -> bool:
    if u.kind != v.kind:
        return False
    if u.kind == UnitKind.INITIAL:
        return u.core == v.core
    return u.title == v.title and words.same(u.core, v.core) and _particles_agree(u, v)


def _unit_fits(u: Unit, v: Unit, words: SpellingVariants) -> bool:
    """Unit ``u`` of a less specific name fits unit ``v`` of a more specific one; the first
    piece of a double surname stands for it ("Bruni" for "Bruni-Sarkozy"), the last never."""
    if u.kind == UnitKind.INITIAL:
        return v.core[:1] == u.core
    if u.title and u.title != v.title:
        return False
    if v.kind != UnitKind.WORD or not _particles_agree(u, v):
        return False
    return words.same(u.core, v.core) or (
        "-" in v.core and "-" not in u.core and words.same(u.core, v.core.split("-")[0]))


def _align(a: tuple[Unit, ...], b: tuple[Unit, ...], words: SpellingVariants) -> bool:
    """``a`` is a subsequence of ``b``; the units of ``b`` left over are words."""
    if not a:
        return all(v.kind == UnitKind.WORD for v in b)
    if len(a) > len(b):
        return False
    if _unit_fits(a[0], b[0], words) and _align(a[1:], b[1:], words):
        return True
    return b[0].kind == UnitKind.WORD and _align(a, b[1:], words)


def _same_name(a: PersonName, b: PersonName, words: SpellingVariants) -> bool:
    return (a.suffix == b.suffix and len(a.units) == len(b.units)
            and all(_unit_eq(u, v, words) for u, v in zip(a.units, b.units, strict=True)))


def _fits(a: PersonName, b: PersonName, words: SpellingVariants) -> bool:
    """The less specific name ``a`` can be a short form of ``b``."""
    au, bu = a.units, b.units
    if a.suffix != b.suffix and (a.suffix or len(au) != 1):
        return False
    if len(au) > len(bu):
        return False
    if b.suffix not in ("", "jr", "sr") and any(u.title for u in au):
        # a regnal number makes the title redundant: "re Carlo" is "Carlo III"
        au = tuple(Unit(u.core, u.kind, u.parts, u.in_surname) for u in au)
    if len(au) == 1:
        u = au[0]
        if u.kind != UnitKind.WORD:
            return False
        if u.title and len(bu) > 1 and not bu[-1].title:
            # "papa Bergoglio" is Jorge Mario Bergoglio, "re Carlo" is not Carlo Calenda
            return (words.same(u.core, bu[-1].core) and _particles_agree(u, bu[-1])) or \
                any(_unit_fits(u, v, words) for v in bu)
        return any(_unit_fits(u, v, words) for v in bu)
    if _unit_fits(au[-1], bu[-1], words) and _align(au[:-1], bu[:-1], words):
        return True
    # a longer official form adds surnames after the usual name: "Nicolás Maduro" is
    # "Nicolás Maduro Moros" (the first units agree, the added ones are words)
    if a.suffix or b.suffix or not _unit_fits(au[0], bu[0], words):
        return False
    for k in range(max(1, len(bu) - 1 - MAX_ADDED_SURNAMES), len(bu) - 1):
        if all(v.kind == UnitKind.WORD for v in bu[k + 1:]) and \
                _unit_fits(au[-1], bu[k], words) and _align(au[:-1], bu[:k], words):
            return True
    return False


def fits_or_same(a: PersonName, b: PersonName, words: SpellingVariants) -> bool:
    """``a`` is ``b``'s name, or a short form of it."""
    return _same_name(a, b, words) or _reversed(a, b, words) or _fits(a, b, words)


def _reversed(a: PersonName, b: PersonName, words: SpellingVariants) -> bool:
    """Two words in the other order ("Shinzo Abe", "Abe Shinzo"): family name first, as
    Chinese, Japanese, Korean and Hungarian names are often written."""
    return (_plain_pair(a) and _plain_pair(b)
            and words.same(a.units[0].core, b.units[1].core)
            and words.same(a.units[1].core, b.units[0].core))


def _plain_pair(n: PersonName) -> bool:
    """Two words, no initials, particles, titles or suffix."""
    return (len(n.units) == 2 and not n.suffix
            and all(u.kind == UnitKind.WORD and not u.parts and not u.title and "-" not in u.core
                    for u in n.units))


# --------------------------------------------------------------------------
# clustering
# --------------------------------------------------------------------------

@dataclass
class _Form:
    name: PersonName
    idx: list[int] = field(default_factory=list)   # mention indices (text order)


@dataclass
class _Person:
    head: list[_Form]           # the most specific forms, that the others must fit
    spec: tuple[int, int, int]
    forms: list[_Form] = field(default_factory=list)
    ambiguous: bool = False
    candidates: list[int] = field(default_factory=list)
    alias_heads: list[list[_Form]] = field(default_factory=list)   # "Abu Mazen" for Abbas


def cluster_people(ms: list[Mention], idx: list[int], policy: str,
                   alias_of: Callable[[str], object] | None = None) -> list[tuple[list[int], bool]]:
    """The people among ``ms`` (the mentions at ``idx``, in text order) as groups of mention
    indices, each with whether it is an ambiguous bare name. ``alias_of`` maps a mention's
    text to its line of the alias table (or None): a form on the line of a person already
    found joins them ("Abu Mazen" joins "Mahmoud Abbas"), before the short forms are
    resolved, so that a bare name fits one person, not two."""
    forms = _forms(ms, idx)
    _article_particles(forms)
    words = SpellingVariants(u.core for f in forms.values() for u in f.name.units
                             if u.kind == UnitKind.WORD)
    people = _gather(_variant_classes(forms, words), words, ms, alias_of)
    members = [sorted(i for f in p.forms for i in f.idx) for p in people]
    if policy in (AmbiguousPolicy.NEAREST, AmbiguousPolicy.INTRODUCED):
        members = _attach_ambiguous(ms, people, members, policy)
    return [(m, people[r].ambiguous) for r, m in enumerate(members) if m]


def _forms(ms: list[Mention], idx: list[int]) -> dict[tuple, _Form]:
    """The distinct person names among the mentions at ``idx``, in order of first
    appearance, each with the mentions that write it."""
    forms: dict[tuple, _Form] = {}
    for i in idx:
        name = parse_person(ms[i].text)
        f = forms.get(name.key)
        if f is None:
            f = forms[name.key] = _Form(name)
        elif f.name != name:    # "Da Silva" / "da Silva": particles optional if ever lower case
            f.name = PersonName(tuple(Unit(u.core, u.kind, u.parts, u.in_surname and v.in_surname)
                                      for u, v in zip(f.name.units, name.units, strict=True)),
                                f.name.suffix)
        f.idx.append(i)
    return forms


def _variant_classes(forms: dict[tuple, _Form], words: SpellingVariants) -> list[list[_Form]]:
    """Step 1: variant classes: names of the same shape whose words are equal one to one
    (complete link), in order of first appearance."""
    def last_key(n: PersonName) -> object:
        u = n.units[-1]
        return words.group.get(u.core, u.core) if u.kind == UnitKind.WORD else ("i", u.core)

    classes: list[list[_Form]] = []
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for f in forms.values():       # dict order = first appearance
        n = f.name
        bk = (tuple(u.kind for u in n.units), n.suffix, last_key(n))
        if _plain_pair(n):     # "Shinzo Abe" and "Abe Shinzo" share a bucket
            bk = ("pair", frozenset(words.group.get(u.core, u.core) for u in n.units))
        for ci in buckets[bk]:
            if all(_same_name(n, g.name, words) or _reversed(n, g.name, words)
                   for g in classes[ci]):
                classes[ci].append(f)
                break
        else:
            buckets[bk].append(len(classes))
            classes.append([f])
    return classes


def _gather(classes: list[list[_Form]], words: SpellingVariants, ms: list[Mention],
            alias_of: Callable[[str], object] | None) -> list[_Person]:
    """Step 2: from the most specific class down, each joins the one person it fits (or
    whose alias-table line it shares), or stands alone (ambiguous when it fits several)."""
    def order(c: list[_Form]):
        n = c[0].name
        return (tuple(-x for x in n.spec), min(f.idx[0] for f in c))

    people: list[_Person] = []
    by_word: dict[object, set[int]] = defaultdict(set)
    by_alias: dict[object, int] = {}
    for c in sorted(classes, key=order):
        spec = max(f.name.spec for f in c)
        fits = _fitting(c, spec, people, by_word, words)
        if len(fits) == 1:
            people[fits[0]].forms.extend(c)
            continue
        line = next((a for f in c for a in (alias_of(ms[i].text) for i in f.idx) if a is not None),
                    None) if alias_of and not fits else None
        if line is not None and line in by_alias:
            r = by_alias[line]
            people[r].forms.extend(c)
            people[r].alias_heads.append(list(c))
            _index_words(by_word, c, r, words, hyphenated=False)
            continue
        people.append(_Person(head=list(c), spec=spec, forms=list(c), ambiguous=len(fits) > 1,
                              candidates=fits))
        if line is not None:
            by_alias[line] = len(people) - 1
        _index_words(by_word, c, len(people) - 1, words, hyphenated=True)
    return people


def _fitting(c: list[_Form], spec: tuple[int, int, int], people: list[_Person],
             by_word: dict[object, set[int]], words: SpellingVariants) -> list[int]:
    """The more specific people found so far that every name of class ``c`` fits."""
    n0 = c[0].name
    if len(n0.units) == 1:
        probe = [n0.units[0]] if n0.units[0].kind == UnitKind.WORD else []
    else:
        probe = [n0.units[-1]] if n0.units[-1].kind == UnitKind.WORD else []
    candidates: set[int] = set()
    for u in probe:
        candidates |= by_word.get(words.group.get(u.core, u.core), set())
    fits = sorted(r for r in candidates
                  if people[r].spec > spec
                  and any(all(_fits(f.name, h.name, words) for f in c for h in head)
                          for head in [people[r].head, *people[r].alias_heads]))
    if len(fits) > 1 and not n0.suffix:
        # a bare "Trump" next to "Donald Trump" and "Donald Trump Jr.": the junior is
        # always written with his suffix, so the bare name is the one without it
        plain = [r for r in fits if not any(h.name.suffix for h in people[r].head)]
        if len(plain) == 1 and all(h.name.suffix for r in fits if r != plain[0]
                                   for h in people[r].head):
            fits = plain
    return fits


def _index_words(by_word: dict[object, set[int]], c: list[_Form], r: int,
                 words: SpellingVariants, hyphenated: bool) -> None:
    """Person ``r`` is found by the words of class ``c`` (with ``hyphenated``, also by the
    first half of a double surname: "Bruni" finds "Bruni-Sarkozy")."""
    for f in c:
        for u in f.name.units:
            if u.kind == UnitKind.WORD:
                by_word[words.group.get(u.core, u.core)].add(r)
                if hyphenated and "-" in u.core:
                    first = u.core.split("-")[0]
                    by_word[words.group.get(first, first)].add(r)


def _article_particles(forms: dict[tuple, _Form]) -> None:
    """"Al Sisi" is "al-Sisi" when the text also writes "Abdel Fattah al-Sisi": the
    capitalised "Al" before a word the text gives that particle is the particle."""
    with_particle = {(p, u.core) for f in forms.values() for u in f.name.units
                     for p in u.parts if p in ARTICLE_PARTICLES}
    if not with_particle:
        return
    for f in forms.values():
        us = f.name.units
        k = next((n for n in range(len(us) - 1) if us[n].kind == UnitKind.WORD and not us[n].parts
                  and (us[n].core, us[n + 1].core) in with_particle and us[n + 1].kind == UnitKind.WORD),
                 None)
        if k is not None:
            v = us[k + 1]
            f.name = PersonName(us[:k] + (Unit(v.core, v.kind, (us[k].core, *v.parts), False, v.title),)
                                + us[k + 2:], f.name.suffix)


def _attach_ambiguous(ms: list[Mention], people: list[_Person], members: list[list[int]],
                      policy: str) -> list[list[int]]:
    """The mentions of ambiguous bare names attached to a candidate by ``policy``."""
    starts = [[ms[i].start for i in mem] for mem in members]
    for r, person in enumerate(people):
        if not person.ambiguous:
            continue
        stay = []
        for i in members[r]:
            before = []     # (position of its last mention before i, candidate)
            for c in person.candidates:
                if people[c].ambiguous:
                    continue
                k = bisect.bisect_left(starts[c], ms[i].start) - 1
                if k >= 0:
                    before.append((starts[c][k], c))
            if policy == AmbiguousPolicy.INTRODUCED and len(before) == 1 or \
                    policy == AmbiguousPolicy.NEAREST and before:
                members[max(before)[1]].append(i)
            else:
                stay.append(i)
        members[r] = stay
    return [sorted(m) for m in members]
