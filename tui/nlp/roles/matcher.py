"""One analysed chunk's tokens, its mentions, and the lexicon matched against them.

:class:`Chunk` wraps a spaCy ``Doc`` (a piece of the article starting at
``offset``): the mention covering each token, token predicates (article,
participle, number and gender agreement), and the matching of the role and place
lexicons (:mod:`tui.nlp.lexicon`) at a token: role heads (:meth:`Chunk.head_at`),
qualifiers (:meth:`Chunk.match_entry`), places (:meth:`Chunk.match_place`) and dates
(:meth:`Chunk.time_end`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from tui.document import Annotations, Mention
from tui.nlp.lang_it import (
    ROLE_APPOINT_FORMS,
    ROLE_ARTICLES,
    ROLE_ARTICULATED_PREPOSITIONS,
    ROLE_COMPLEMENT_PREPOSITIONS,
    ROLE_COPULA_FORMS,
    ROLE_COPULA_PARTICIPLES,
    ROLE_DI,
    ROLE_DISTRIBUTIVES,
    ROLE_EX_PREFIX,
    ROLE_FUNCTION_WORDS,
    ROLE_HEADS_NEEDING_ARTICLE,
    ROLE_HONORIFICS,
    ROLE_NOT_HEAD_FORMS,
    ROLE_NUMBER_WORDS,
    ROLE_PERSON_SUFFIXES,
    ROLE_POSSESSIVES,
    ROLE_SUFFIX_NOT_PEOPLE,
    ROLE_TIME_NOUNS,
    ROLE_VICE_PREFIX,
    ROLE_WORDS_ALSO_ADJECTIVES,
    ROLE_WORDS_ALSO_VERBS,
)
from tui.nlp.lexicon import Entry, EntryKind, Lexicon, Place, norm

PER = "PER"

#: POS tags of nouns (small taggers tag foreign nouns X).
NOUNISH = frozenset({"NOUN", "PROPN", "X"})
#: POS tags that never start a role head.
NEVER_HEAD_POS = frozenset({"AUX", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE", "DET"})
VERBAL_POS = frozenset({"VERB", "AUX"})
#: Tags a small model gives role words by mistake ("premier" NUM, "ct" DET).
MISTAGGED_HEAD_POS = frozenset({"NUM", "DET", "PRON"})

#: A vice-compound ("vicedirettore") is longer than this; "vicario" is not one.
MAX_NON_VICE_LENGTH = 6
#: A date complement: the preposition, an article and at most this many tokens in all.
MAX_DATE_TOKENS = 6
#: A token starting with this many digits is a year ("2009", "1990s").
YEAR_DIGITS = 4
#: An unknown noun read as a role by its suffix is at least this long ("umorista").
MIN_GUESSED_LENGTH = 6
#: Plain adjectives stepped over back from an unknown noun to its article ("il noto oncologo").
MAX_SLOT_ADJECTIVES = 2
#: A copula is at most this many tokens after the name whose role slot it opens.
MAX_SLOT_COPULA_DISTANCE = 4

ROMAN = re.compile(r"^[IVXLC]+$")
PARTICIPLE = re.compile(r"(at|it|ut)[oaie]$")  # "mandata": another participle after "o"
AGE = re.compile(r"^(\d+|[a-zà-ù]+)enn[ei]$")  # "venticinquenne", "48enne"


class EntryMatch(NamedTuple):
    end: int  # token index after the match
    entry: Entry


class PlaceMatch(NamedTuple):
    end: int
    place: Place


class HeadMatch(NamedTuple):
    end: int
    entry: Entry
    vice: bool  # a vice-compound: "vicedirettore" is vice + direttore
    former: bool = False  # an ex-compound written as one token: "ex-cantante" is ex + cantante


class Chunk:
    """One Doc with the mentions that fall in it, and the matching machinery."""

    def __init__(self, doc, offset: int, ann: Annotations, lex: Lexicon):
        self.doc = doc
        self.toks = list(doc)
        self.n = len(self.toks)
        self.offset = offset
        self.ann = ann
        self.lex = lex
        # the tokens' words, offsets and lemmas as plain lists, in one pass over the Doc
        # (not doc.text, which joins every token again on each call)
        arr = doc.to_array(["ORTH", "IDX", "LENGTH", "LEMMA"]).tolist()
        strings = doc.vocab.strings
        self.low = [norm(strings[orth]) for orth, _a, _n, _lemma in arr]
        self.lemma = [norm(strings[row[3]]) if row[3] else low for row, low in zip(arr, self.low, strict=True)]
        end = offset + (arr[-1][1] + arr[-1][2] if arr else 0)
        # the mention covering each token (any label), and each mention's tokens
        self.ment: list[Mention | None] = [None] * self.n
        self.ment_tokens: dict[str, tuple[int, int]] = {}
        starts = [offset + a for _orth, a, _n, _lemma in arr]
        ends = [s + row[2] for s, row in zip(starts, arr, strict=True)]
        for mention in ann.mentions_between(offset, end):
            # the tokens overlapping the mention: from the first ending after its start
            first = bisect_right(ends, mention.start)
            last = bisect_left(starts, mention.end)
            if first >= last:
                continue
            for i in range(first, last):
                self.ment[i] = mention
            self.ment_tokens[mention.id] = (first, last)
        self.starts, self.ends = starts, ends
        self._heads: dict[int, HeadMatch | None] = {}

    # -- token predicates --
    def is_per(self, i: int) -> bool:
        mention = self.ment[i]
        return mention is not None and mention.label == PER

    def pos(self, i: int) -> str:
        return self.toks[i].pos_

    def is_cap(self, i: int) -> bool:
        return self.toks[i].text[:1].isupper()

    def glued(self, i: int) -> bool:
        """No space between token i and token i+1."""
        return i + 1 < self.n and not self.toks[i].whitespace_

    def is_article(self, i: int) -> bool:
        if i < 0:
            return False
        word = self.low[i]
        if word in ROLE_ARTICLES or word in ROLE_ARTICULATED_PREPOSITIONS:
            return True
        t = self.toks[i]
        return t.pos_ == "DET" and "Art" in t.morph.get("PronType")

    def is_participle(self, i: int) -> bool:
        t = self.toks[i]
        return t.pos_ in VERBAL_POS or "Part" in t.morph.get("VerbForm")

    def is_finite_verb(self, i: int) -> bool:
        t = self.toks[i]
        return t.pos_ in VERBAL_POS and "Fin" in t.morph.get("VerbForm")

    def plural(self, i: int) -> bool:
        return "Plur" in self.toks[i].morph.get("Number")

    def agree(self, i: int, j: int) -> bool:
        """Tokens i and j have the same gender and number (where both are marked)."""
        for feat in ("Gender", "Number"):
            a, b = self.toks[i].morph.get(feat), self.toks[j].morph.get(feat)
            if not a or not b or a != b:
                return False
        return True

    def text_of(self, a: int, b: int) -> str:
        """The text of tokens a..b (end exclusive)."""
        return self.ann.text[self.starts[a]:self.ends[b - 1]]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The article offsets of tokens a..b (end exclusive)."""
        return self.starts[a], self.ends[b - 1]

    # -- lexicon matching --
    def word_match(self, i: int, w: str) -> bool:
        if i >= self.n:
            return False
        if self.low[i] == w:
            return True
        if w in ROLE_FUNCTION_WORDS or w == "-":
            return False
        forms = self.lex.forms.get(w) or {w}
        return self.low[i] in forms or self.lemma[i] == w

    def match_entry(self, i: int, kind: EntryKind, in_name: bool = False) -> EntryMatch | None:
        """The longest lexicon entry of ``kind`` starting at token i (inside a person's
        name only with ``in_name``)."""
        candidates = list(self.lex.entries.get(self.low[i], ()))
        if self.lemma[i] != self.low[i]:
            candidates += self.lex.entries.get(self.lemma[i], ())
        candidates.sort(key=lambda e: -len(e.words))
        for entry in candidates:
            if entry.kind != kind:
                continue
            j = i
            ok = True
            for w in entry.words:
                if not self.word_match(j, w):
                    ok = False
                    break
                j += 1
            if ok and (in_name or all(not self.is_per(k) for k in range(i, j))):
                return EntryMatch(j, entry)
        return None

    def match_place(self, i: int, any_case: bool = False) -> PlaceMatch | None:
        """The longest place of the lexicon starting at token i; capitalised names match
        their case only ("Usa", not the verb "usa"), unless ``any_case`` (a role's
        complement: "della regione Lazio" is the Regione Lazio)."""
        for place in self.lex.places.get(self.low[i], ()):
            j = i
            ok = True
            for w, s in zip(place.words, place.surface, strict=True):
                if j >= self.n:
                    ok = False
                    break
                if place.exact and s[:1].isupper() and not any_case:
                    if self.toks[j].text.replace("’", "'") not in (s, s.upper()):
                        ok = False
                        break
                elif self.low[j] != w:
                    ok = False
                    break
                j += 1
            if ok:
                return PlaceMatch(j, place)
        return None

    def place_adjective_at(self, i: int) -> bool:
        """Token i is a nationality adjective of the lexicon ("russo")."""
        found = self.match_place(i)
        return bool(found and found.end == i + 1 and not found.place.name)

    def place_at(self, i: int) -> bool:
        return self.match_place(i) is not None

    def is_place_span(self, a: int, b: int) -> bool:
        """Tokens a..b are exactly a named place of the lexicon ("Lazio"; not an adjective,
        which may be a surname: "Romano", "Calabrese")."""
        found = self.match_place(a)
        return found is not None and found.end == b and bool(found.place.name)

    def head_at(self, i: int, inside_name: bool = False) -> HeadMatch | None:
        """A role head starting at token i."""
        key = i if not inside_name else -1 - i
        if key not in self._heads:
            self._heads[key] = self._head_at(i, inside_name)
        return self._heads[key]

    def _head_at(self, i: int, inside_name: bool) -> HeadMatch | None:
        """Whether token ``i`` can head a role phrase, and the match if so. Long because it is one
        sequence of tests on the token and its neighbours, each a rule with its own comment."""
        if i < 0 or i >= self.n or (self.is_per(i) and not inside_name):
            return None
        low = self.low[i]
        if low not in self.lex.entries and self.lemma[i] not in self.lex.entries \
                and not low.startswith((ROLE_VICE_PREFIX, ROLE_EX_PREFIX)) \
                and not (len(low) >= MIN_GUESSED_LENGTH and low.endswith(ROLE_PERSON_SUFFIXES)):
            return None  # no entry, no compound, no suffix of a person: the common case, fast
        pos = self.pos(i)
        if pos in MISTAGGED_HEAD_POS and self.low[i].isalpha() and self.low[i] in self.lex.entries \
                and self.low[i] not in ROLE_FUNCTION_WORDS:
            pos = "NOUN"  # "il premier" tagged NUM, "il ct" tagged DET by a small model
        if pos in NEVER_HEAD_POS or self.low[i].rstrip(".") in ROLE_HONORIFICS \
                or self.low[i] in ROLE_NOT_HEAD_FORMS:
            return None  # "dott.", "don", "on.": a title, never a role
        found = self.match_entry(i, EntryKind.ROLE, in_name=inside_name)
        vice = False
        if found is None and self.low[i].startswith(ROLE_VICE_PREFIX) \
                and len(self.low[i]) > MAX_NON_VICE_LENGTH:
            rest = self.low[i][len(ROLE_VICE_PREFIX):].lstrip("-")  # "vice-direttore" too
            for entry in self.lex.entries.get(rest, ()):
                if entry.kind == EntryKind.ROLE and len(entry.words) == 1:
                    found, vice = EntryMatch(i + 1, entry), True
                    break
        former = False
        if found is None and self.low[i].startswith(ROLE_EX_PREFIX):
            rest = self.low[i][len(ROLE_EX_PREFIX):]
            for entry in self.lex.entries.get(rest, ()):
                if entry.kind == EntryKind.ROLE and len(entry.words) == 1:
                    found, former = EntryMatch(i + 1, entry), True
                    break
        if found is None and not inside_name and self.guessable(i):
            found = EntryMatch(i + 1, Entry((self.low[i],), "", EntryKind.ROLE))
        if found is None:
            return None
        end, entry = found
        if i >= 2 and self.low[i - 1] == "-" and self.glued(i - 2) and self.glued(i - 1) \
                and self.match_entry(i - 2, EntryKind.PRE) is None:
            return None  # second half of a compound: "giallo-comica"
        ambiguous = self.low[i] in ROLE_WORDS_ALSO_ADJECTIVES or self.lemma[i] in ROLE_WORDS_ALSO_ADJECTIVES
        if ambiguous:
            # "la classifica generale Nibali": after a noun it is an adjective
            p = i - 1
            if p >= 0 and not (self.is_article(p) or self.pos(p) in ("PUNCT", "CCONJ", "ADP")
                               or self.low[p] in ROLE_DISTRIBUTIVES
                               or (self.low[p] in ROLE_POSSESSIVES and self.is_article(p - 1))
                               or (self.low[p] in ROLE_NUMBER_WORDS and self.is_article(p - 1))
                               or self.match_entry(p, EntryKind.PRE) is not None
                               or self.match_entry(p, EntryKind.ROLE) is not None):
                return None
        if self.low[i] in ROLE_HEADS_NEEDING_ARTICLE and not (
                self.is_article(i - 1) or self.toks[i].text == "AD"):
            return None
        if pos not in NOUNISH and pos != "ADP" and (ambiguous or pos == "VERB"):
            # an adjective or verb reading: only right after an article or a title, or
            # right before a name ("il dottor chirurgo X", tagged VERB by a small model)
            after_title = i > 0 and self.match_entry(i - 1, EntryKind.ROLE) is not None
            after_comma = (i > 0 and self.low[i - 1] in (",", "(") and pos == "VERB"
                           and self.low[i] not in ROLE_WORDS_ALSO_VERBS)
            # "X, pilota, mentre...": alone between a name's comma and punctuation
            after_comma = after_comma or (i >= 2 and self.low[i - 1] == "," and self.is_per(i - 2)
                                          and (end >= self.n or self.pos(end) == "PUNCT"))
            # "è stato capitano": a finite verb cannot follow a copula
            after_copula = i > 0 and (self.low[i - 1] in ROLE_COPULA_PARTICIPLES
                                      or self.low[i - 1] in ROLE_COPULA_FORMS)
            # "è stata delegata a ...", "è stato inviato in Iraq": a passive verb, not a role
            after_copula = after_copula and not (self.is_participle(i) and pos == "VERB"
                                                 and "Part" in self.toks[i].morph.get("VerbForm")
                                                 and end < self.n and (
                (self.pos(end) == "CCONJ" and end + 1 < self.n and PARTICIPLE.search(self.low[end + 1]))
                or (self.pos(end) == "ADP" and self.low[end] not in ROLE_DI)))
            # "A e B, entrambi inviati", "i due volontari"
            after_count = i > 0 and (self.low[i - 1] in ROLE_DISTRIBUTIVES or (
                self.low[i - 1] in ROLE_NUMBER_WORDS and self.is_article(i - 2)))
            # "il suo medico personale", "il loro manager"
            after_count = after_count or (i > 1 and self.low[i - 1] in ROLE_POSSESSIVES and self.is_article(i - 2))
            if not (self.is_article(i - 1) or after_title or after_comma or after_copula or after_count
                    or (end < self.n and self.is_per(end))):
                return None
        if pos == "ADP" and self.low[i] in ROLE_FUNCTION_WORDS and self.low[i] not in ROLE_HEADS_NEEDING_ARTICLE:
            return None  # a preposition ("dj" tagged ADP by a small model is still a role)
        return HeadMatch(end, entry, vice, former)

    def guessable(self, i: int) -> bool:
        """Token i is an unknown noun of a person ("oncologo", "umorista") standing where
        only a role can: "X, (il) _", "X è (stato) (il) _", "il _ X"."""
        word = self.low[i]
        if self.pos(i) != "NOUN" or self.is_cap(i) or not word.isalpha() or len(word) < MIN_GUESSED_LENGTH \
                or not word.endswith(ROLE_PERSON_SUFFIXES) or word in ROLE_SUFFIX_NOT_PEOPLE \
                or self.ment[i] is not None:
            return False
        j = i - 1
        for _ in range(MAX_SLOT_ADJECTIVES):
            if j >= 0 and self.pos(j) == "ADJ" and not self.is_cap(j):
                j -= 1
        has_article = j >= 0 and self.low[j] in ROLE_ARTICLES
        if i + 1 < self.n and self.is_per(i + 1) and has_article:
            return True  # "il noto oncologo X"
        if has_article:
            j -= 1
        if j >= 1 and self.low[j] == "," and self.is_per(j - 1):
            return True  # "X, (il) umorista"
        if j >= 0 and (self.low[j] in ROLE_COPULA_FORMS or self.low[j] in ROLE_COPULA_PARTICIPLES
                       or self.low[j] in ROLE_APPOINT_FORMS):
            return any(self.is_per(k) for k in range(max(0, j - MAX_SLOT_COPULA_DISTANCE), j))
        return False

    # -- dates --
    def time_at(self, k: int) -> bool:
        """A preposition at k opening a date: "dal 2009", "del XVII secolo", "degli anni '70"."""
        return self.time_end(k) is not None

    def time_end(self, k: int) -> int | None:
        """The end of the date complement opened by the preposition at k ("di 53 anni",
        "del XVII secolo", "dal 2009"), None when there is none."""
        if k >= self.n or not (self.pos(k) == "ADP" or self.low[k] in ROLE_COMPLEMENT_PREPOSITIONS):
            return None
        j = k + 1
        if j < self.n and self.low[j] in ROLE_ARTICLES:
            j += 1
        start = j
        while j < self.n and j - k < MAX_DATE_TOKENS and (
                self.pos(j) in ("ADJ", "NUM") or self.toks[j].like_num
                or self.low[j][:YEAR_DIGITS].isdigit() or ROMAN.match(self.toks[j].text)):
            j += 1
        if j < self.n and self.low[j] in ROLE_TIME_NOUNS:
            return j + 1
        if j > start and (self.toks[start].like_num or self.low[start][:YEAR_DIGITS].isdigit()):
            return j
        return None
