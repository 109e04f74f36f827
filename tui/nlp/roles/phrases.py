"""Role phrases: from a role head, the phrase it extends to, in typed pieces.

A head takes qualifiers on its left (ex, neo, vice, attuale...) and, on its
right, post-qualifiers (eletto, uscente), adjectives ("russo"), bare places or
organisation names ("presidente Usa", "pilota Ferrari"), a second role noun used
as a qualifier ("principessa guerriera"), and prepositional complements, also
listed ("del soccorso pubblico, della ricerca e della difesa civile"). A date is
not part of the role. The phrase stops at a person's name, a comma, a verb, a
relative pronoun, a conjunction that does not continue a complement, and at a new
role head. :func:`phrase_at` builds one phrase; :func:`role_phrases` every phrase
of a chunk, by head.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum

from tui.nlp.lang_it import (
    ROLE_ADJECTIVAL_NOUN_ENDINGS,
    ROLE_AND,
    ROLE_ARTICLES,
    ROLE_CAPITAL_ONLY_PREPOSITIONS,
    ROLE_COMPLEMENT_PREPOSITIONS,
    ROLE_COMPOUND_ADJECTIVE_PREFIXES,
    ROLE_DI,
    ROLE_FOREIGN_NAME_LINKS,
    ROLE_OCCASION_NOUNS,
    ROLE_ORDINAL_ENDINGS,
    ROLE_ORDINALS,
    ROLE_PLURAL_ARTICLES,
)
from tui.nlp.lexicon import Entry, EntryKind, Place
from tui.nlp.roles.matcher import AGE, NOUNISH, PER, Chunk

#: A role phrase is at most this many tokens, qualifiers included.
MAX_PHRASE = 16
#: A qualifier before the head is at most this many words ("ex vice", "già").
MAX_PRE_WORDS = 3
#: The content of a complement is at most this many tokens.
MAX_CONTENT = 8
#: POS tags that never begin a capitalised content word of a complement.
NOT_CONTENT_POS = frozenset({"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PRON"})


class PieceKind(StrEnum):
    """What a piece of a role phrase is."""

    PRE = "pre"  # a qualifier before the head ("ex")
    HEAD = "head"  # the role head ("ministro", "segretario di Stato")
    POST = "post"  # a qualifier after the head ("uscente")
    ADJ = "adj"  # an adjective ("russo"), or a noun used as one ("leghista")
    NOUN = "noun"  # a second role noun used as a qualifier ("guerriera")
    BARE = "bare"  # a place or organisation name without preposition ("Usa", "Ferrari")
    COMP = "comp"  # a prepositional complement ("degli Esteri")
    CONJ = "conj"  # "e" between two complements
    SEP = "sep"  # a comma between listed complements
    AND = "and"  # "e" between two roles of one phrase ("cantante e musicista")


@dataclass
class Piece:
    kind: PieceKind
    start: int  # token indices, end exclusive
    end: int
    entry: Entry | None = None
    place: Place | None = None
    content: tuple[int, int] | None = None  # for comp: the content tokens


@dataclass
class Phrase:
    start: int
    head: int  # index of the head's first token
    end: int
    pieces: list[Piece]
    plural: bool = False

    @property
    def head_end(self) -> int:
        return next(p.end for p in self.pieces if p.kind == PieceKind.HEAD)


VICE = Entry(("vice",), "vice {}", EntryKind.PRE)
EX = Entry(("ex",), "former {}", EntryKind.PRE)


def phrase_at(chunk: Chunk, h: int, inside_name: bool = False, limit: int | None = None) -> Phrase | None:
    """The role phrase of the head at token h, not past ``limit`` (default: the chunk's end);
    ``inside_name``: the head may be inside a PER span ("Papa Francesco")."""
    head = chunk.head_at(h, inside_name)
    if head is None:
        return None
    start, pieces = _qualifiers_before(chunk, h)
    if head.former:
        pieces.append(Piece(PieceKind.PRE, h, h, EX))
    if head.vice:
        pieces.append(Piece(PieceKind.PRE, h, h, VICE))
    pieces.append(Piece(PieceKind.HEAD, h, head.end, head.entry))
    growth = _Growth(chunk, h, head.end, start, chunk.n if limit is None else limit, pieces)
    growth.run()
    # plural by its morphology, or by its article when the tagger missed it ("i capigruppo")
    plural = chunk.plural(h) or (start == h and h > 0 and chunk.low[h - 1] in ROLE_PLURAL_ARTICLES)
    return Phrase(start, h, pieces[-1].end, pieces, plural=plural and head.end == h + 1)


def role_phrases(chunk: Chunk) -> dict[int, Phrase]:
    """The phrase of every role head of the chunk, by head token, each within its
    sentence; heads inside a longer head ("primo ministro", "Consiglio dei ministri")
    and heads that are a qualifier inside another phrase are left out."""
    doc = chunk.doc
    sent_end = [0] * chunk.n
    sents = doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
    for sent in sents:
        for i in range(sent.start, sent.end):
            sent_end[i] = sent.end
    phrases: dict[int, Phrase] = {}
    covered_to = 0
    for i in range(chunk.n):
        if i < covered_to:
            continue
        head = chunk.head_at(i)
        if head is not None:
            covered_to = head.end
            phrase = phrase_at(chunk, i, limit=sent_end[i])
            if phrase is not None:
                phrases[i] = phrase
    inside = {x for phrase in phrases.values() for p in phrase.pieces
              if p.kind in (PieceKind.POST, PieceKind.ADJ, PieceKind.BARE, PieceKind.NOUN)
              for x in range(p.start, p.end)}
    # a capitalised word inside another phrase's complement is part of a name there
    # ("il presidente dell'Associazione Calciatori X": not "Calciatori X")
    inside |= {x for phrase in phrases.values() for p in phrase.pieces
               if p.kind == PieceKind.COMP and p.content is not None
               for x in range(p.content[0] + 1, p.content[1]) if chunk.is_cap(x)}
    return {h: phrase for h, phrase in phrases.items() if h not in inside}


def _qualifiers_before(chunk: Chunk, h: int) -> tuple[int, list[Piece]]:
    """The qualifiers written before the head at h ("ex", "neo", "vice-"), and where
    the phrase starts."""
    pieces: list[Piece] = []
    start = h
    while start > 0:
        k = start - 1
        if chunk.low[k] == "-" and chunk.glued(k) and k > 0 and chunk.glued(k - 1):
            k -= 1
        got = None
        for length in range(MAX_PRE_WORDS, 0, -1):
            a = k - length + 1
            if a < 0:
                continue
            found = chunk.match_entry(a, EntryKind.PRE)
            if found and found.end == k + 1:
                got = (a, found.entry)
                break
        if got is None or any(chunk.is_per(x) for x in range(got[0], start)):
            break
        pieces.insert(0, Piece(PieceKind.PRE, got[0], start, got[1]))
        start = got[0]
    return start, pieces


class _Step(Enum):
    TAKEN = "taken"  # the step added a piece: go on
    STOP = "stop"  # the phrase ends here
    NO = "no"  # the step does not apply: try the next one


@dataclass
class _Growth:
    """The phrase growing to the right of its head, one piece at a time."""

    chunk: Chunk
    head: int
    head_end: int
    start: int
    limit: int
    pieces: list[Piece]
    k: int = -1  # the next token
    last: PieceKind = PieceKind.HEAD  # the kind of the last piece, as far as growth goes

    def run(self) -> None:
        self.k = self.head_end
        steps: tuple[Callable[[], _Step], ...] = (
            self.post_qualifier, self.adjective, self.noun_qualifier, self.noun_as_adjective,
            self.bare_name, self.complement, self.complement_list, self.joined_complement)
        while self.k < self.limit and self.k - self.start < MAX_PHRASE:
            if self.chunk.is_per(self.k):
                return
            for step in steps:
                result = step()
                if result is not _Step.NO:
                    break
            else:
                return
            if result is _Step.STOP:
                return

    def _take(self, piece: Piece, last: PieceKind) -> _Step:
        self.pieces.append(piece)
        self.k, self.last = piece.end, last
        return _Step.TAKEN

    def post_qualifier(self) -> _Step:
        found = self.chunk.match_entry(self.k, EntryKind.POST)
        if not found:
            return _Step.NO
        return self._take(Piece(PieceKind.POST, self.k, found.end, found.entry), PieceKind.POST)

    def adjective(self) -> _Step:
        """"russo", "americano": also inside the last complement ("della Regione Lazio")."""
        chunk, k = self.chunk, self.k
        if self.last not in (PieceKind.HEAD, PieceKind.POST, PieceKind.ADJ, PieceKind.BARE,
                             PieceKind.COMP) or chunk.is_cap(k):
            return _Step.NO
        if k + 2 < self.limit and chunk.low[k] in ROLE_COMPOUND_ADJECTIVE_PREFIXES and chunk.low[k + 1] == "-" \
                and chunk.glued(k) and chunk.glued(k + 1) and chunk.place_adjective_at(k + 2) \
                and self.last != PieceKind.COMP:
            return self._take(Piece(PieceKind.ADJ, k, k + 3), PieceKind.ADJ)  # "filo-russo"
        if not (chunk.place_adjective_at(k) or (chunk.pos(k) == "ADJ" and not chunk.is_participle(k)
                                               and chunk.head_at(k) is None)):
            return _Step.NO
        if self.last == PieceKind.COMP:
            self.pieces[-1] = _extend_complement(self.pieces[-1], k + 1)
            self.k = k + 1
            return _Step.TAKEN
        return self._take(Piece(PieceKind.ADJ, k, k + 1), PieceKind.ADJ)

    def noun_qualifier(self) -> _Step:
        """A second role noun used as a qualifier: "la principessa guerriera", "il medico
        legale" (not before a name: "vescovo cardinale X" is a chain)."""
        chunk, k = self.chunk, self.k
        if not (self.last == PieceKind.HEAD and chunk.pos(k) in ("NOUN", "ADJ") and not chunk.is_cap(k)
                and k == self.head_end):
            return _Step.NO
        second = chunk.head_at(k)
        if second is None or len(second.entry.words) != 1 or second.vice or not chunk.agree(self.head, k) \
                or chunk.match_entry(k + 1, EntryKind.POST) is not None \
                or (k + 1 < chunk.n and chunk.is_per(k + 1)):
            return _Step.NO
        return self._take(Piece(PieceKind.NOUN, k, k + 1), PieceKind.ADJ)

    def noun_as_adjective(self) -> _Step:
        """A noun used as an adjective: "il ministro leghista X"."""
        chunk, k = self.chunk, self.k
        if self.last in (PieceKind.HEAD, PieceKind.POST, PieceKind.ADJ) and chunk.pos(k) == "NOUN" \
                and not chunk.is_cap(k) and chunk.head_at(k) is None and not AGE.match(chunk.low[k]) \
                and (chunk.low[k].endswith(ROLE_ADJECTIVAL_NOUN_ENDINGS)
                     or (k + 1 < chunk.n and chunk.is_per(k + 1))):
            return self._take(Piece(PieceKind.ADJ, k, k + 1), PieceKind.ADJ)
        return _Step.NO

    def bare_name(self) -> _Step:
        """A place or organisation right after the role: "presidente Usa", "pilota Ferrari"."""
        chunk, k = self.chunk, self.k
        if not (self.last in (PieceKind.HEAD, PieceKind.POST, PieceKind.ADJ)
                and (chunk.is_cap(k) or chunk.place_at(k))):
            return _Step.NO
        place = chunk.match_place(k)
        if place and not any(chunk.is_per(x) for x in range(k, place.end)):
            return self._take(Piece(PieceKind.BARE, k, place.end, place=place.place), PieceKind.BARE)
        mention = chunk.ment[k]
        if mention is not None and mention.label != PER and chunk.ment_tokens[mention.id][0] == k:
            end = chunk.ment_tokens[mention.id][1]
            return self._take(Piece(PieceKind.BARE, k, end), PieceKind.BARE)
        return _Step.STOP

    def complement(self) -> _Step:
        chunk, k = self.chunk, self.k
        word = chunk.low[k]
        if not (word in ROLE_COMPLEMENT_PREPOSITIONS or (
                word in ROLE_CAPITAL_ONLY_PREPOSITIONS and k + 1 < chunk.n and chunk.is_cap(k + 1))):
            return _Step.NO
        if chunk.time_at(k):
            return _Step.STOP  # "schiavista del diciassettesimo secolo": a date, not the role
        comp = complement_at(chunk, k, self.limit)
        if comp is None or occasion(chunk, comp):
            return _Step.STOP
        return self._take(comp, PieceKind.COMP)

    def complement_list(self) -> _Step:
        chunk = self.chunk
        if chunk.low[self.k] != ",":
            return _Step.NO
        last = self.pieces[-1]
        if self.last == PieceKind.COMP:
            opener = chunk.low[last.start]
        elif self.last == PieceKind.HEAD and last.end - last.start > 1 \
                and any(_preposition(chunk.low[x]) in _PREPOSITIONS for x in range(last.start + 1, last.end)):
            # a head of the lexicon that ends with its complement: "assessore alle
            # politiche sociali|, alla casa e al lavoro"
            opener = next(chunk.low[x] for x in range(last.end - 1, last.start, -1)
                          if _preposition(chunk.low[x]) in _PREPOSITIONS)
        else:
            return _Step.NO
        listed = _complement_list(chunk, self.k, self.limit, opener)
        if not listed:
            return _Step.STOP
        self.pieces.extend(listed)
        self.k, self.last = listed[-1].end, PieceKind.COMP
        return _Step.TAKEN

    def joined_complement(self) -> _Step:
        """"e" + another complement: "dell'Economia e delle Finanze", "di Fiat e Chrysler"."""
        chunk, k = self.chunk, self.k
        if not (chunk.low[k] in ROLE_AND and self.last == PieceKind.COMP and k + 1 < self.limit):
            return _Step.NO
        nxt = k + 1
        if chunk.low[nxt] in ROLE_COMPLEMENT_PREPOSITIONS:
            comp = complement_at(chunk, nxt, self.limit)
        elif chunk.is_cap(nxt) and not chunk.is_per(nxt) and chunk.head_at(nxt) is None \
                and chunk.pos(nxt) in NOUNISH:
            end = _content_end(chunk, nxt, self.limit, first_may_be_head=False)
            comp = None if end is None else Piece(PieceKind.COMP, nxt, end, content=(nxt, end))
        else:
            return _Step.NO
        if comp is None:
            return _Step.NO
        self.pieces.append(Piece(PieceKind.CONJ, k, nxt))
        return self._take(comp, PieceKind.COMP)


def occasion(chunk: Chunk, comp: Piece) -> bool:
    """A complement about an occasion, not the office: "al sesto scrutinio", "alla seconda
    votazione", "al secondo mandato" (an ordinal, or a noun of :data:`ROLE_OCCASION_NOUNS`)."""
    if chunk.low[comp.start] in ROLE_DI or comp.content is None:
        return False
    for k in range(*comp.content):
        word = chunk.low[k]
        if word in ROLE_OCCASION_NOUNS or word in ROLE_ORDINALS or word.endswith(ROLE_ORDINAL_ENDINGS) \
                or "Ord" in chunk.toks[k].morph.get("NumType"):
            return True
    return False


def _extend_complement(comp: Piece, end: int) -> Piece:
    a = comp.content[0] if comp.content else comp.start
    return Piece(PieceKind.COMP, comp.start, end, content=(a, end))


def _preposition(word: str) -> str:
    """The plain preposition of an articulated one ("alle" -> "a", "della" -> "di")."""
    for base, forms in _PREPOSITIONS.items():
        if word in forms:
            return base
    return word


_PREPOSITIONS = {
    "di": ("di", "d'", "del", "dello", "della", "dell'", "dei", "degli", "delle"),
    "a": ("a", "ad", "al", "allo", "alla", "all'", "ai", "agli", "alle"),
    "in": ("in", "nel", "nello", "nella", "nell'", "nei", "negli", "nelle"),
    "su": ("su", "sul", "sullo", "sulla", "sull'", "sui", "sugli", "sulle"),
    "per": ("per",),
}


def _complement_list(chunk: Chunk, k: int, limit: int, opener: str = "di") -> list[Piece]:
    """", del soccorso pubblico e della difesa civile", "alle politiche sociali, alla casa
    e al lavoro": more complements of the role with the preposition of the one before
    (``opener``) or "di", listed with commas and closed by "e" + complement; [] when the
    list is not closed."""
    out: list[Piece] = []
    same = _preposition(opener)
    while k + 1 < limit and (chunk.low[k] == "," or chunk.low[k] in ROLE_AND) \
            and (chunk.low[k + 1] in ROLE_DI or _preposition(chunk.low[k + 1]) == same):
        comp = complement_at(chunk, k + 1, limit)
        if comp is None or chunk.time_at(k + 1):
            return []
        kind = PieceKind.SEP if chunk.low[k] == "," else PieceKind.CONJ
        out += [Piece(kind, k, k + 1), comp]
        if chunk.low[k] != ",":
            return out
        k = comp.end
    return []


def complement_at(chunk: Chunk, k: int, limit: int) -> Piece | None:
    """ADP [article] content, starting at the preposition k."""
    j = k + 1
    if not chunk.low[k].endswith("'") and j < limit and chunk.low[j] in ROLE_ARTICLES \
            and chunk.pos(j) in ("DET", "ADP", "PRON", "X"):
        j += 1
    if j >= limit:
        return None
    # "di" + a person: "portavoce di Putin", "avvocato di Abu Omar"
    if chunk.is_per(j) and chunk.low[k] in ROLE_DI:
        a, b = chunk.ment_tokens[chunk.ment[j].id]
        if a == j:
            return Piece(PieceKind.COMP, k, b, content=(j, b))
        return None
    end = _content_end(chunk, j, limit, first_may_be_head=True)
    if end is None:
        return None
    return Piece(PieceKind.COMP, k, end, content=(j, end))


def _content_end(chunk: Chunk, j: int, limit: int, first_may_be_head: bool) -> int | None:
    """End of a run of nouns, proper nouns, adjectives, numbers from j (None without a noun)."""
    k = j
    nouns = 0
    while k < limit and k - j < MAX_CONTENT:
        if chunk.is_per(k):
            break
        if k > j and chunk.head_at(k) is not None and not chunk.plural(k):
            break  # a new role starts: "arcivescovo di Parigi cardinale X"
        if k == j and not first_may_be_head and chunk.head_at(k) is not None:
            break
        mention = chunk.ment[k]
        if mention is not None and chunk.ment_tokens[mention.id][0] == k and mention.label != PER:
            k = chunk.ment_tokens[mention.id][1]
            nouns += 1
            continue
        pos = chunk.pos(k)
        text = chunk.toks[k].text
        if chunk.low[k] == "-" and k > j and chunk.glued(k - 1) and chunk.glued(k):
            k += 1
            continue
        if k > j and chunk.low[k] in ROLE_FOREIGN_NAME_LINKS and chunk.is_cap(k - 1):
            after = k
            while after < limit and chunk.low[after] in ROLE_FOREIGN_NAME_LINKS:
                after += 1
            if after < limit and chunk.is_cap(after) and not chunk.is_per(after):
                k = after  # "The Clash of Generation", "Bank of America"
                continue
            break
        if pos in NOUNISH or (text[:1].isupper() and text[:1].isalpha() and pos not in NOT_CONTENT_POS):
            if chunk.is_participle(k) and pos not in NOUNISH:
                break
            nouns += 1
            k += 1
            continue
        if pos == "NUM" or (pos == "ADJ" and not chunk.is_participle(k)):
            k += 1
            continue
        break
    if nouns == 0:
        return None
    return k
