"""What the text itself says about names: aliases it states, and the label a name takes from
the rest of the article.

Aliases the text states (:func:`stated_aliases`) link two neighbouring mentions when
the words between them say that the second names the first:
"Luigi Bruschelli, detto Trecciolino", "Leone XIV, al secolo Robert Francis Prevost",
"Salvatore Cantalupo, in arte Sal Da Vinci", "Mahmud Abbas, noto anche come Abu
Mazen", "l'Inter, il cui nome ufficiale è Football Club Internazionale Milano". A
nickname in apposition ("Francesco Totti, il Pupone,") links only when both are tagged
PER, the nickname is one word followed by punctuation, the text uses it again, and no
other person in the text is called by it. Nothing else links: "ha detto Salvini" is a verb, not an alias.

The label follows the entity (:func:`follow_labels`): an alias the text states takes
the label of what it names ("la Juventus, detta la Vecchia Signora" is one club), and a
mention tagged ORG, LOC or MISC becomes PER when
- the same string is tagged PER elsewhere in the text and the mentions tagged PER
  that are it or end with it outnumber the others ("Schlein" tagged LOC once beside
  "Schlein" and "Elly Schlein" tagged PER; "Ferrari" the company once beside "Ferrari"
  the man once stays apart), or the text states it is a person's alias
  ("Francesco Totti, il Pupone" makes every "Pupone" a person);
- it is written in capitals ("MELONI" in a headline) and is the name, or a short form
  of the name, of a person of the text, and no mention of it in mixed case has
  another label (capitals never turn a person into an organisation; "FERRARI" beside
  "la Ferrari" stays the company);
- it is one word tagged LOC, the surname of exactly one full name tagged PER in the
  text, and no place of the places lexicon or the alias table ("Cantalupo" beside
  "Salvatore Cantalupo"; "Washington" beside "Denzel Washington" stays the city);
- it is a person's full name, a PER mention of two words or more fitting it after
  one first word ("Ursula von der Leyen" tagged LOC beside "von der Leyen" tagged PER),
  and its first word is not the head of an institution or a place named after someone
  ("Fondazione Giorgio Cini", "Aeroporto Leonardo da Vinci", ``ORG_HEAD_WORDS``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict

from tui.document import Mention
from tui.nlp import lexicon
from tui.nlp.entities.names import APOSTROPHES, PersonName, UnitKind, org_key, parse_person
from tui.nlp.entities.people import SpellingVariants, fits_or_same
from tui.nlp.lang_it import ALIAS_CUES, DEFINITE_ARTICLE_KEYS, NAME_PARTICLES, ORG_HEAD_WORDS

_QUOTES = "«»\"“”‘’'"
_CUE = re.compile(
    r"^\s*[,(]?\s*(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in
                                  sorted(ALIAS_CUES, key=len, reverse=True))
    + r")\s*:?\s*[" + _QUOTES + r"]?\s*(?:(?:il|la|lo|l[" + APOSTROPHES + r"])\s*)?[" + _QUOTES + r"]?\s*$",
    re.IGNORECASE)
_APPOSITION = re.compile(r"^\s*,\s*(?:il|la|lo|l[" + APOSTROPHES + r"])\s*[" + _QUOTES + r"]?\s*$")
_AFTER_NICKNAME = re.compile(r"^[" + _QUOTES + r"]?\s*[,;.)]")


def stated_aliases(text: str, ms: list[Mention]) -> list[tuple[int, int]]:
    """Pairs of indices into ``ms`` (text order) that the text says name one thing."""
    out = []
    by_word: dict[str, set[str]] | None = None
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if b.start < a.end:
            continue
        gap = text[a.end:b.start]
        if _CUE.match(gap):
            out.append((i, i + 1))
        elif a.label == "PER" and b.label == "PER" and _APPOSITION.match(gap) \
                and len(b.text.split()) == 1 and _AFTER_NICKNAME.match(text[b.end:b.end + 3]) \
                and text.find(b.text, b.end) >= 0:
            if by_word is None:     # word -> the names tagged PER that hold it
                by_word = defaultdict(set)
                for m in ms:
                    if m.label == "PER":
                        k = org_key(m.text)
                        for w in k.split():
                            by_word[w].add(k)
            if not _names_another(by_word, org_key(a.text), org_key(b.text)):
                out.append((i, i + 1))
    return out


def _names_another(by_word: dict[str, set[str]], name: str, nickname: str) -> bool:
    """The one-word ``nickname`` is a word of the name of some other person than ``name``'s."""
    own = set(name.split())
    return any(k != nickname and not own & set(k.split()) for k in by_word.get(nickname, ()))


def _is_capitals(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Keys of the one-word places of the places lexicon and the alias table ("Roma",
    "Washington"): a surname tagged LOC that is one of them stays a place."""
    lex = lexicon.load_lexicon()
    out = {org_key(" ".join(p.surface)) for ps in lex.places.values() for p in ps
           if len(p.words) == 1 and p.exact}
    return frozenset(out | {k for k in lexicon.aliases() if " " not in k})


def _keys(text: str) -> tuple[str, ...]:
    """The comparison key of a mention, and without its leading article ("La Ferrari")."""
    k = org_key(text)
    head, _, rest = k.partition(" ")
    return (k, rest) if rest and head in DEFINITE_ARTICLE_KEYS else (k,)


def follow_labels(ms: list[Mention], links: list[tuple[int, int]]) -> None:
    """Relabel the mentions the article treats otherwise (see the module docstring)."""
    relabel = set()
    stated_people: set[str] = set()
    for a, b in links:      # the alias takes the label of what it names
        if ms[a].label == "PER":
            stated_people.update(_keys(ms[a].text) + _keys(ms[b].text))
            if ms[b].label != "PER":
                relabel.add(b)
        elif ms[b].label == "PER":
            ms[b].label = ms[a].label
    per = [m for m in ms if m.label == "PER"]
    if not per:
        return
    per_keys = Counter(org_key(m.text) for m in per)
    per_support = Counter(per_keys)
    for m in per:
        words_of = org_key(m.text).split()
        if len(words_of) > 1:
            per_support[words_of[-1]] += 1
    other_keys = Counter(k for m in ms if m.label != "PER" for k in set(_keys(m.text)[-1:]))
    mixed_other = {k for m in ms if m.label != "PER" and not _is_capitals(m.text)
                   for k in _keys(m.text)}
    people = _PeopleIndex(per, [m for m in ms if m.label != "PER"])
    surnames: dict[str, set[str]] = defaultdict(set)     # last word -> full names
    for m in per:
        words_of = org_key(m.text).split()
        if len(words_of) > 1:
            surnames[words_of[-1]].add(org_key(m.text))
    decided: dict[str, bool] = {}
    for n, m in enumerate(ms):
        if m.label == "PER" or n in relabel:
            continue
        keys = _keys(m.text)
        k = keys[-1]
        if stated_people & set(keys) or (per_keys[k] and per_support[k] > other_keys[k]):
            relabel.add(n)
            continue
        if m.text not in decided:
            if _is_capitals(m.text):
                decided[m.text] = not mixed_other & set(keys) and people.fits(m.text)
            elif m.label == "LOC" and " " not in k:
                decided[m.text] = len(surnames.get(k, ())) == 1 and k not in known_places()
            else:
                decided[m.text] = people.full_name(m.text)
        if decided[m.text]:
            relabel.add(n)
    for n in relabel:
        ms[n].label = "PER"


class _PeopleIndex:
    """The distinct names tagged PER in an article, found by their words."""

    def __init__(self, per: list[Mention], others: list[Mention]) -> None:
        self.names = {m.text: parse_person(m.text) for m in per}
        self.tokens = {t: len(t.split()) for t in self.names}
        vocab = [u.core for p in self.names.values() for u in p.units if u.kind == UnitKind.WORD]
        vocab += [u.core for t in {m.text for m in others if _is_capitals(m.text) or " " in m.text}
                  for u in parse_person(t).units if u.kind == UnitKind.WORD]
        self.words = SpellingVariants(vocab, fuzzy=False)
        self.by_word: dict[object, list[str]] = defaultdict(list)
        for t, p in self.names.items():
            for u in p.units:
                if u.kind == UnitKind.WORD:
                    self.by_word[self.words.group.get(u.core, u.core)].append(t)

    def _candidates(self, name: PersonName) -> list[str]:
        found: dict[str, None] = {}
        for u in name.units:
            if u.kind == UnitKind.WORD:
                found.update(dict.fromkeys(self.by_word.get(self.words.group.get(u.core, u.core), ())))
        return list(found)

    def fits(self, text: str) -> bool:
        """``text`` is the name, or a short form of the name, of a person of the article."""
        name = parse_person(text)
        return any(fits_or_same(name, self.names[t], self.words) for t in self._candidates(name))

    def full_name(self, text: str) -> bool:
        """``text`` is a person's full name: a PER name of two words or more fits it after
        its first word, which is not the head of an institution or a place."""
        toks = text.split()
        if len(toks) < 2 or toks[0].lower() in ORG_HEAD_WORDS:
            return False
        if not all(t[:1].isupper() or t.lower() in NAME_PARTICLES for t in toks):
            return False
        full = parse_person(text)
        if sum(1 for u in full.units if u.kind == UnitKind.WORD) < 2:
            return False
        rest = parse_person(" ".join(toks[1:]))
        return any(self.tokens[t] >= 2 and fits_or_same(self.names[t], full, self.words)
                   and fits_or_same(self.names[t], rest, self.words)
                   for t in self._candidates(full))
