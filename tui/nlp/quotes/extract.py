"""Find the quotations of one parsed chunk (a paragraph) and their cues.

Direct quotations are the stretches between quotation marks (:mod:`.marks`) that a
reporting cue introduces, follows or interrupts:

- before the opening mark: a colon after a speech verb, after a speaker's name or after
  a noun of speech ("ha dichiarato: «…»", "Lavrov: «…»", "le parole di Draghi: «…»"); a
  speech verb or its "che" right before the mark ("ha detto che «…»"); a source cue and
  a comma ("secondo Rossi, «…»");
- after the closing mark: a speech verb within a few words ("», ha spiegato il
  ministro", "» dice Rossi", "» – ha poi aggiunto –");
- between two pieces: the second piece of "«…» – ha detto X – «…»" is the same
  quotation (the same group).

Indirect quotations are a speech verb's content clause, read from the parse: a
complement introduced by "che", or by "di" + infinitive for the verbs that report a
statement that way ("ha affermato di essere pronto"); the span runs from after the
conjunction to the end of the clause. "secondo X, …" (and "a detta di X", "come
riportato da X", "per X," at the start of a sentence) makes the rest of the clause X's.

A stretch in quotation marks with no cue (a title, a nickname, a scare quote) is no
quotation; a clause only partly in marks is one indirect quotation with the marks kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from tui.document import Annotations, Mention
from tui.nlp.lang_it import (
    QUOTE_AFTER_ONLY,
    QUOTE_CUE_DI_LEMMAS,
    QUOTE_CUE_FORMS,
    QUOTE_CUE_LEMMAS,
    QUOTE_PERSON_NOUNS,
    QUOTE_PERSON_PRONOUNS,
    QUOTE_SOURCE_CUES,
    QUOTE_SPEECH_NOUNS,
)
from tui.nlp.lexicon import norm
from tui.nlp.quotes.marks import ALL_MARKS, quoted_stretches
from tui.nlp.quotes.speaker import PER, Context, Speakers

DIRECT, INDIRECT = "direct", "indirect"
#: Tokens that end a clause when looking back for a cue.
CLAUSE_ENDS = frozenset({".", "!", "?", ";", "…", "»", "”"})
#: Punctuation between a closing mark and a cue after it.
AFTER_PUNCT = frozenset({",", "-", "–", "—", "(", ":"})
#: Words allowed between a closing mark (and its comma) and the cue verb: auxiliaries,
#: a few adverbs and clitics ("», ha poi aggiunto", "» ci spiega").
AFTER_FILLERS = frozenset({"ha", "aveva", "avrebbe", "avrà", "è", "era", "sarebbe", "poi",
                           "anche", "invece", "ancora", "infine", "subito", "quindi", "ci",
                           "mi", "ne", "gli", "le", "lo", "la", "si", "così", "allora",
                           "però", "pure", "hanno", "avevano", "avrebbero", "sono", "già"})
#: Nouns that make "secondo X" a source of words (besides names and roles).
SOURCE_NOUNS = frozenset({"fonti", "fonte", "esperti", "esperto", "analisti", "inquirenti",
                          "investigatori", "testimoni", "testimone", "sindacati", "sindacato",
                          "medici", "ricercatori", "studiosi", "osservatori", "indiscrezioni",
                          "avvocati", "avvocato", "difesa", "accusa", "procura", "polizia",
                          "governo", "opposizione", "agenzia", "giornale", "quotidiano",
                          "quotidiani", "media", "stampa", "me", "lui", "lei", "loro", "noi"})
_PARTICIPLE = re.compile(r"(at|it|ut|ss|tt|st)[oaie]$")
_DA = frozenset({"da", "dal", "dalla", "dallo", "dall'", "dai", "dagli", "dalle"})
#: Tags of the words of a source's noun phrase ("il ministro della difesa russo Igor K.")
NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"})
NP_LINKS = frozenset({"di", "del", "della", "dello", "dell'", "dei", "degli", "delle", "d'"})
#: the source cues by their first word, longest first
_SOURCE_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in sorted(QUOTE_SOURCE_CUES, key=len, reverse=True):
    _SOURCE_BY_FIRST.setdefault(_cue[0], []).append(_cue)
#: nouns of words said or written right before a quotation ("la frase «…»")
_NAMING_NOUNS = frozenset({"frase", "grido", "scritta", "parole", "dichiarazione"})
#: "questo il giudizio di X" after a quotation
_VERDICT_NOUNS = frozenset({"giudizio", "commento", "parere", "opinione", "sfogo", "appello"})
MAX_AFTER_TOKENS = 4
MAX_SOURCE_NP = 9
#: A quotation needs at least this many characters.
MIN_CHARS = 2


def _inside(starts: list[int], spans: list[tuple[int, int]]) -> list[bool]:
    """For each token start, whether it lies strictly inside one of the (sorted,
    non-overlapping) ``spans``."""
    out = [False] * len(starts)
    for a, b in spans:
        k = bisect_right(starts, a)
        while k < len(starts) and starts[k] < b:
            out[k] = True
            k += 1
    return out


@dataclass
class Candidate:
    start: int  # article offsets of the quoted content
    end: int
    kind: str
    cue: tuple[int, int]
    resolve: Callable[[], str | None]
    follows: Candidate | None = None  # the first piece when this is a later one
    by_after: bool = False  # found by a cue after the closing mark
    cue_tok_end: int = -1  # token index after the cue phrase (for continuations)
    speaker: str | None = None
    same_speaker: Candidate | None = None  # a quotation right after another, no cue of its own


class ChunkQuotes:
    """The quotations of one chunk."""

    def __init__(self, doc, offset: int, ann: Annotations, ctx: Context):
        self.doc = doc
        self.n = len(doc)
        self.offset = offset
        self.ann = ann
        self.ctx = ctx
        self.text = doc.text
        toks = self.toks = list(doc)  # once: iterating a Doc builds its tokens every time
        self.starts = [t.idx for t in toks]
        ends = [t.idx + len(t.text) for t in toks]
        self.stretches = quoted_stretches(self.text)
        marks = [(q.open, q.close) for q in self.stretches]
        inside = _inside(self.starts, marks)
        self.mention_of: list[Mention | None] = [None] * self.n
        end = offset + len(doc.text)
        for m in ann.mentions_between(offset, end):
            a = max(0, bisect_right(self.starts, m.start - offset) - 1)
            first = None
            for i in range(a, self.n):
                if offset + self.starts[i] >= m.end:
                    break
                if offset + ends[i] > m.start:
                    self.mention_of[i] = m
                    first = i if first is None else first
            # the people spoken of, for a pronoun or a dropped subject: not those named
            # inside a quotation
            if m.label == PER and first is not None and not inside[first]:
                ctx.people.append((m.start, m.entity))
        self.sp = Speakers(doc, offset, ctx, self.mention_of, lambda i: inside[i])
        self.low = [norm(t.text) for t in toks]
        self.cues = [self._is_cue(t) for t in toks]
        self.after_cues = [c or (t.pos_ in ("VERB", "AUX") and (
            t.text.lower() in QUOTE_AFTER_ONLY or norm(t.lemma_) in QUOTE_AFTER_ONLY))
            for c, t in zip(self.cues, toks, strict=True)]

    # -- tokens -------------------------------------------------------------------
    def _is_cue(self, t) -> bool:
        low = t.text.lower()
        if norm(t.lemma_) == "fare" or low in ("fatto", "fa", "fanno", "far", "fatta"):
            nxt = t.i + 1 < len(t.doc) and t.doc[t.i + 1].text.lower() in ("sapere", "presente")
            return bool(nxt)  # "ha fatto sapere che", "ha fatto presente come"
        if norm(t.lemma_) == "leggere" or low in ("legge", "leggeva"):
            # "nella nota si legge che": the words of a text, no person speaker
            return any(c.text.lower() == "si" for c in t.children) or (
                t.i > 0 and t.doc[t.i - 1].text.lower() == "si")
        if norm(t.lemma_) in ("chiedere", "domandare") and any(
                c.text.lower() in ("si", "mi", "ci", "ti", "vi") for c in t.children
                if c.dep_.startswith("expl") or c.dep_ in ("obj", "iobj")):
            return False  # "si chiedono che fine hanno fatto": wondering
        if low in QUOTE_CUE_FORMS:
            return t.pos_ not in ("DET", "ADP", "NOUN", "PROPN", "PUNCT")
        return t.pos_ in ("VERB", "AUX") and norm(t.lemma_) in QUOTE_CUE_LEMMAS and \
            t.lemma_ not in ("avere", "essere")

    def lemma(self, t) -> str:
        return QUOTE_CUE_FORMS.get(t.text.lower(), norm(t.lemma_))

    def tok_at(self, char: int) -> int:
        """The token covering (or first after) chunk offset ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def clause_start(self, k: int) -> int:
        j = k
        while j > 0 and self.doc[j - 1].text not in CLAUSE_ENDS:
            j -= 1
        return j

    def abs(self, i: int) -> int:
        return self.offset + self.doc[i].idx

    def abs_end(self, i: int) -> int:
        t = self.doc[i]
        return self.offset + t.idx + len(t.text)

    def verb_span(self, v) -> tuple[int, int]:
        """The cue phrase: the verb with its auxiliaries and what stands between them
        ("ha poi aggiunto")."""
        first = v.i
        for c in v.children:
            if c.dep_.startswith("aux") and c.i < first and v.i - c.i <= 3:
                first = c.i
        last = v.i + 1 if v.i + 1 < self.n and \
            self.doc[v.i + 1].text.lower() in ("sapere", "presente") else v.i
        return (self.abs(first), self.abs_end(last))

    def verb_speaker(self, v, stop: int) -> Callable[[], str | None]:
        def resolve() -> str | None:
            found, who = self.sp.of_verb(v)
            if found:
                return who
            after = self.sp.after(v.i, stop)
            if after:
                return after
            left = self.person_left(v.i)
            return left if left else self.sp.dropped(v)
        return resolve

    def person_left(self, i: int) -> str | None:
        """The nearest person named before token i in its clause, not after a preposition
        nor inside quotation marks (the parse found no subject: "Garibaldi, che non poteva
        più ritirarsi, rispondeva")."""
        lo = self.clause_start(i)
        for k in range(i - 1, lo - 1, -1):
            m = self.mention_of[k]
            if m is None or self.sp.quoted(k):
                continue
            first = k
            while first > lo and self.mention_of[first - 1] is m:
                first -= 1
            if first > 0 and self.doc[first - 1].pos_ == "ADP":
                return None
            return m.entity if m.label == PER else None
        return None

    # -- direct ---------------------------------------------------------------------
    def direct(self) -> list[Candidate]:
        out: list[Candidate] = []
        prev: Candidate | None = None
        for q in self.stretches:
            if q.end - q.start < MIN_CHARS:
                continue
            o = self.tok_at(q.open)
            c = self.tok_at(q.close) if q.close < len(self.text) else self.n
            start, end = self.offset + q.start, self.offset + q.end
            split = self._dash_cue(q)
            if split is not None:
                first, second, v = split
                cue = self.verb_span(v)
                resolve = self.verb_speaker(v, len(self.doc))
                a = Candidate(start, first, DIRECT, cue, resolve, cue_tok_end=v.i + 1)
                b = Candidate(second, end, DIRECT, cue, resolve, follows=a)
                out.extend((a, b))
                prev = None
                continue
            cand = self.cue_before(o, start, end, q)
            if cand is None and prev is not None and prev.by_after and self._continues(prev, o):
                cand = Candidate(start, end, DIRECT, prev.cue, prev.resolve,
                                 follows=prev.follows or prev)
            if cand is None:
                cand = self.cue_after(c, start, end)
            if cand is None:
                cand = self.cue_next_sentence(c, start, end)
            if cand is None:
                cand = self._after_reported_sentence(o, start, end, q)
            if cand is None and prev is not None and self._follows_on(prev, o, q):
                # «…», ha ricordato. «…»: the same speaker's next words
                cand = Candidate(start, end, DIRECT, prev.cue, prev.resolve,
                                 by_after=prev.by_after, cue_tok_end=prev.cue_tok_end)
                cand.same_speaker = prev
            if cand is None or self._title_like(cand, o, q):
                prev = None
                continue
            out.append(cand)
            prev = cand
        return out

    def _dash_cue(self, q) -> tuple[int, int, object] | None:
        """"A – ha dichiarato X – B" inside one pair of marks: the end of the first piece,
        the start of the second (article offsets) and the cue verb."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        toks = list(span)
        for k, t in enumerate(toks):
            if t.text not in ("-", "–", "—") or k == 0:
                continue
            verb = next((x for x in toks[k + 1:k + 5] if self.after_cues[x.i]), None)
            if verb is None:
                continue
            close = next((x for x in toks[verb.i - toks[0].i + 1:verb.i - toks[0].i + 12]
                          if x.text in ("-", "–", "—")), None)
            if close is None or close.i + 1 >= toks[-1].i:
                continue
            first_end = toks[k - 1]
            while first_end.i > toks[0].i and first_end.pos_ == "PUNCT":
                first_end = self.doc[first_end.i - 1]
            return self.abs_end(first_end.i), self.abs(close.i + 1), verb
        return None

    def _continues(self, prev: Candidate, o: int) -> bool:
        """The stretch opening at token o goes on the quotation ``prev`` whose cue came
        after it: between them only the cue's speaker and punctuation."""
        between = self.doc[prev.cue_tok_end:o]
        if len(between) > 8:
            return False
        return all(t.text not in (".", "!", "?", ";") and not self.cues[t.i] and
                   t.pos_ not in ("VERB",) for t in between)

    def _after_reported_sentence(self, o: int, start: int, end: int, q) -> Candidate | None:
        """«…» opening a sentence right after one whose speech verb reports the same person
        ("Magi ha detto che lo sciopero continuerà. «È l'unica arma che mi resta»"): the
        quotation is theirs. Several words, and nothing but the full stop between."""
        if o < 2 or self.doc[o - 1].text not in (".", "!", "?") or \
                len(self.text[q.start:q.end].split()) < 3:
            return None
        lo = self.clause_start(o - 1)
        verbs = [k for k in range(lo, o - 1) if self.cues[k]]
        if not verbs or any(self.sp.quoted(k) for k in verbs):
            return None
        v = self.doc[verbs[0]]
        return Candidate(start, end, DIRECT, self.verb_span(v), self.verb_speaker(v, o - 1),
                         cue_tok_end=o)

    def _follows_on(self, prev: Candidate, o: int, q) -> bool:
        """A stretch that opens a sentence right after the sentence of quotation
        ``prev`` (only punctuation between), with several words of its own."""
        if len(self.text[q.start:q.end].split()) < 3 or o == 0:
            return False
        end = max(prev.cue_tok_end, self.tok_at(prev.end - self.offset) + 1)
        between = self.doc[end:o]
        return len(between) <= 2 and all(t.pos_ == "PUNCT" for t in between) and \
            any(t.text in (".", "!", "?") for t in between)

    def cue_next_sentence(self, c: int, start: int, end: int) -> Candidate | None:
        """«…». Così X ha commentato / X lo ha detto / Lo ha detto X: the cue in the
        next sentence, naming the words just quoted."""
        j = c + 1
        if j >= self.n or self.doc[j].text not in (".", "!", "?"):
            return None
        j += 1
        if j >= self.n:
            return None
        first = self.doc[j].text.lower()
        words = " ".join(t.text.lower() for t in self.doc[j:j + 3])
        if words in ("con queste parole", "con quelle parole", "queste le parole"):
            first = "così"
        for k in range(j, min(self.n, j + 10)):
            t = self.doc[k]
            if t.text in (".", "!", "?", ";") or t.text in ALL_MARKS:
                return None
            if self.cues[k]:
                clitic = any(self.doc[x].text.lower() in ("lo", "l'", "l’") for x in range(max(j, k - 3), k))
                if first == "così" or clitic:
                    stop = self._phrase_end(k)
                    return Candidate(start, end, DIRECT, self.verb_span(t),
                                     self.verb_speaker(t, stop), cue_tok_end=stop)
                return None
        return None

    def _title_like(self, cand: Candidate, o: int, q) -> bool:
        """A short, capitalised stretch with no verb right after a verb: a title or a
        name ("ha scritto «Il nome della rosa»"), not words said."""
        if cand.kind != DIRECT or cand.by_after or o == 0 or self.doc[o - 1].text == ":":
            return False
        words = self.text[q.start:q.end].split()
        if len(words) > 6:
            return False
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
        caps = sum(1 for w in words if w[:1].isupper())
        return not has_verb and caps >= max(1, (len(words) + 1) // 2)

    def cue_before(self, o: int, start: int, end: int, q) -> Candidate | None:
        k = o - 1
        if k < 0:
            return None
        t = self.doc[k]
        if t.text == ":":
            return self._colon(k, start, end)
        if t.text.lower() in ("che", "come") or self.cues[k]:
            lo = max(self.clause_start(k), k - 12)
            for j in range(k if self.cues[k] else k - 1, lo - 1, -1):
                if self.cues[j]:
                    v = self.doc[j]
                    return Candidate(start, end, DIRECT, self.verb_span(v),
                                     self.verb_speaker(v, k), cue_tok_end=j + 1)
            return None
        if t.text.lower() in _NAMING_NOUNS and o + 1 < self.n and \
                len(self.text[q.start:q.end].split()) >= 3:
            # "la frase «…»", "al grido «…»", "la scritta «…»": words said or written,
            # by the person named with the noun ("le parole di Draghi «…»") or no one
            who = next((self.sp.person_at(x) for x in range(max(0, k - 4), k)
                        if self.sp.person_at(x)), None)
            return Candidate(start, end, DIRECT, (self.abs(k), self.abs_end(k)),
                             lambda who=who: who, cue_tok_end=k + 1)
        if t.text == ",":
            src = self._source_before(k)
            if src is not None:
                cue, resolve = src
                return Candidate(start, end, DIRECT, cue, resolve, cue_tok_end=k)
        return None

    def _colon(self, k: int, start: int, end: int) -> Candidate | None:
        lo = self.clause_start(k)
        colon = (self.abs(k), self.abs_end(k))
        for j in range(k - 1, lo - 1, -1):
            if self.cues[j]:
                v = self.doc[j]
                return Candidate(start, end, DIRECT, self.verb_span(v),
                                 self.verb_speaker(v, k), cue_tok_end=k + 1)
        if k > 0 and (self.sp.person_at(k - 1) or (
                self.doc[k - 1].pos_ == "NOUN" and self.sp.role_word(self.doc[k - 1]))):
            head = self.doc[k - 1]
            who = self.sp.person_at(k - 1)
            return Candidate(start, end, DIRECT, colon,
                             (lambda: who) if who else (lambda: self.sp.of_noun(head)),
                             cue_tok_end=k + 1)
        subjects = [j for j in range(lo, k) if self.sp.person_at(j) and
                    self.doc[j].dep_.startswith("nsubj")]
        if subjects:  # "Crisanti è stato chiaro: «…»"
            who = self.sp.person_at(subjects[0])
            return Candidate(start, end, DIRECT, colon, lambda: who, cue_tok_end=k + 1)
        for j in range(k - 1, lo - 1, -1):
            if self.doc[j].text.lower() in QUOTE_SPEECH_NOUNS:
                who = next((self.sp.person_at(x) for x in range(j + 1, k)
                            if self.sp.person_at(x)), None)
                if who is None:
                    who = next((self.sp.person_at(x) for x in range(j - 1, lo - 1, -1)
                                if self.sp.person_at(x)), None)
                return Candidate(start, end, DIRECT, colon, lambda who=who: who,
                                 cue_tok_end=k + 1)
        return None

    def cue_after(self, c: int, start: int, end: int) -> Candidate | None:
        j = c + 1
        skipped = 0
        while j < self.n and self.doc[j].text in AFTER_PUNCT and skipped < 2:
            j += 1
            skipped += 1
        for k in range(j, min(self.n, j + MAX_AFTER_TOKENS)):
            t = self.doc[k]
            if self.after_cues[k]:
                stop = self._phrase_end(k)
                return Candidate(start, end, DIRECT, self.verb_span(t),
                                 self.verb_speaker(t, stop), by_after=True,
                                 cue_tok_end=stop)
            if t.text.lower() not in AFTER_FILLERS:
                break
        # "»: questo il giudizio dell'avvocato X", "», è il commento di X": a speech noun
        # and the person it names
        for k in range(j, min(self.n, j + 5)):
            if self.doc[k].text.lower() in QUOTE_SPEECH_NOUNS | _VERDICT_NOUNS:
                stop = self._phrase_end(k)
                who = next((self.sp.person_at(x) for x in range(k + 1, stop) if self.sp.person_at(x)),
                           None)
                if who is not None or any(self.sp.role_word(self.doc[x]) for x in range(k + 1, stop)):
                    cue = (self.abs(k), self.abs_end(k))
                    noun = self.doc[k]
                    return Candidate(start, end, DIRECT, cue,
                                     (lambda who=who: who) if who else
                                     (lambda a=noun.i + 1, b=stop: next((
                                         self.sp.of_noun(self.doc[x]) for x in range(a, b)
                                         if self.sp.role_word(self.doc[x])), None)),
                                     by_after=True, cue_tok_end=stop)
            if self.doc[k].pos_ in ("VERB",) or self.doc[k].text in (".", "!", "?"):
                break
        # "», Rossi ha detto": a name, then the verb
        k = j
        while k < self.n and self.mention_of[k] is not None and self.mention_of[k].label == PER:
            k += 1
        if k > j:
            while k < self.n and self.doc[k].text.lower() in AFTER_FILLERS and not self.cues[k]:
                k += 1
            if k < self.n and self.cues[k]:
                t = self.doc[k]
                who = self.sp.person_at(j)
                stop = self._phrase_end(k)
                return Candidate(start, end, DIRECT, self.verb_span(t), lambda: who,
                                 by_after=True, cue_tok_end=stop)
        return None

    def _phrase_end(self, k: int) -> int:
        """The token after a cue placed after a quotation: up to the next punctuation."""
        j = k + 1
        while j < self.n and not (self.doc[j].pos_ == "PUNCT" and self.doc[j].text not in ("'", "’")) \
                and j - k < 10:
            j += 1
        return j

    # -- source cues: "secondo X" -------------------------------------------------
    def _source_at(self, i: int) -> int:
        """The length of a source cue starting at token i, or 0."""
        low = self.low
        cues = _SOURCE_BY_FIRST.get(low[i])
        if not cues:
            return 0
        if i + 3 < self.n and low[i] in ("secondo", "stando") and low[i + 1] in ("quanto", "a") \
                and _PARTICIPLE.search(low[i + 2]) and low[i + 3] in _DA:
            return 4  # "secondo quanto comunicato dal"
        for cue in cues:
            if i + len(cue) <= self.n and all(low[i + k] == w for k, w in enumerate(cue)):
                t = self.doc[i]
                if cue == ("secondo",) and (t.pos_ not in ("ADP", "ADV", "SCONJ") and
                                            not (t.i == 0 or self.doc[t.i - 1].pos_ == "PUNCT")):
                    return 0
                if i > 0 and self.doc[i - 1].pos_ == "DET":
                    return 0
                return len(cue)
        return 0

    def _source_np(self, a: int, b: int) -> Callable[[], str | None] | None:
        """The speaker of the source phrase tokens a..b, or None when it names no source
        of words ("secondo i dati"): its first name, role noun or source noun decides."""
        for i in range(a, b):
            m = self.mention_of[i]
            if m is not None:
                who = m.entity if m.label == PER else None
                return lambda who=who: who
            t = self.doc[i]
            if t.pos_ in ("NOUN", "PROPN", "VERB") and self.sp.role_word(t):
                return lambda t=t: self.sp.of_noun(t)
            low = t.text.lower()
            if low in SOURCE_NOUNS or low in QUOTE_PERSON_NOUNS:
                if low in QUOTE_PERSON_PRONOUNS:
                    at = self.abs(i)
                    return lambda at=at: self.ctx.recent_person(at)
                return lambda: None
        return None

    def _source_before(self, comma: int) -> tuple[tuple[int, int], Callable] | None:
        lo = max(self.clause_start(comma), comma - MAX_SOURCE_NP - 5)
        for i in range(comma - 1, lo - 1, -1):
            n = self._source_at(i)
            if n and i + n < comma:
                resolve = self._source_np(i + n, comma)
                if resolve is None:
                    return None
                return (self.abs(i), self.abs_end(i + n - 1)), resolve
        if self.doc[lo].text.lower() == "per" and lo + 1 < comma and all(
                self.sp.person_at(x) for x in range(lo + 1, comma)):
            who = self.sp.person_at(lo + 1)
            return (self.abs(lo), self.abs_end(lo)), (lambda: who)
        return None

    def _np_end(self, k: int) -> int:
        """The token after the noun phrase starting at k (a source: "l'Organizzazione
        mondiale della sanità (OMS)", "il ministro della difesa russo Igor Konashenkov")."""
        if k < self.n and self.doc[k].text.lower() in SOURCE_NOUNS and self.doc[k].pos_ == "PRON":
            return k + 1  # "secondo lei"
        j = k
        while j < self.n and j - k < MAX_SOURCE_NP:
            t = self.doc[j]
            m = self.mention_of[j]
            if m is not None:
                while j < self.n and self.mention_of[j] is m:
                    j += 1
                continue
            if t.text == "(":  # an acronym in brackets
                close = next((x for x in range(j + 1, min(self.n, j + 6))
                              if self.doc[x].text == ")"), None)
                if close is None:
                    break
                j = close + 1
                continue
            if t.pos_ in NP_POS and not (t.pos_ == "ADJ" and j == k) or \
                    (norm(t.text) in NP_LINKS and j > k):
                if t.pos_ in ("VERB", "AUX"):
                    break
                j += 1
                continue
            break
        return j

    def sources(self, inside) -> list[Candidate]:
        """Indirect "secondo X, …" / "…, secondo X." / "secondo X …" quotations."""
        out = []
        for i in range(self.n):
            n = self._source_at(i)
            if not n or inside(self.abs(i)):
                continue
            j = self._np_end(i + n)
            if j >= self.n or j == i + n:
                continue
            resolve = self._source_np(i + n, j)
            if resolve is None:
                continue
            cue = (self.abs(i), self.abs_end(i + n - 1))
            nxt = self.doc[j]
            if nxt.text in (".", "!", "?", ";") and i > 0 and self.doc[i - 1].text == ",":
                # "content, secondo X." -- the clause before
                a = self.clause_start(i - 1)
                if a < i - 1 and not self.doc[a].pos_ == "PUNCT" and \
                        not any(self.cues[x] for x in range(a, i)):
                    out.append(Candidate(self.abs(a), self.abs_end(i - 2), INDIRECT, cue, resolve))
                continue
            a = j + 1 if nxt.text == "," else j
            if nxt.pos_ == "PUNCT" and nxt.text != ",":
                continue
            # "Secondo X, content." / "X, secondo Y, content." / "che secondo X poteva …"
            b = self._sentence_end(a)
            if a < b and self.doc[a].text not in ALL_MARKS and \
                    sum(not t.pos_ == "PUNCT" for t in self.doc[a:b]) >= 3:
                if i > 0 and not self.doc[i - 1].pos_ == "PUNCT" and self.doc[i - 1].text.lower() != "che":
                    continue  # "secondo" inside a clause: "è cambiato secondo le regole"
                out.append(Candidate(self.abs(a), self.abs_end(b - 1), INDIRECT, cue, resolve))
        return out

    def _sentence_end(self, a: int, stops: tuple[str, ...] = (".", "!", "?", ";")) -> int:
        b = a
        while b < self.n and self.doc[b].text not in stops:
            b += 1
        while b > a and (self.doc[b - 1].pos_ == "PUNCT" or self.doc[b - 1].pos_ == "SPACE") \
                and self.doc[b - 1].text not in ALL_MARKS:
            b -= 1
        return b

    # -- indirect -------------------------------------------------------------------
    def indirect(self, inside) -> list[Candidate]:
        out = []
        for v in self.toks:
            if not self.cues[v.i] or inside(self.abs(v.i)):
                continue
            nxt = v.i + 1
            while nxt < self.n and nxt - v.i <= 4 and self.doc[nxt].pos_ in ("ADV", "CCONJ", "ADJ") \
                    and self.doc[nxt].text != ":":
                nxt += 1  # "hanno detto forte e chiaro:"
            if nxt < self.n and self.doc[nxt].text != ":":
                # "ha sottolineato il contenuto del curriculum: …": an object, then the colon
                k = nxt
                while k < self.n and k - v.i <= 12 and self.doc[k].text != ":" and \
                        self.doc[k].pos_ not in ("VERB", "AUX", "SCONJ") and \
                        self.doc[k].text not in ALL_MARKS and self.doc[k].text not in (".", ";", "!", "?"):
                    k += 1
                if k < self.n and self.doc[k].text == ":" and k > nxt:
                    nxt = k
            if nxt + 1 < self.n and self.doc[nxt].text == ":" and \
                    self.doc[nxt + 1].text not in ALL_MARKS:
                b = self._sentence_end(nxt + 1, stops=(".", "!", "?"))
                if b > nxt + 2:  # "ha detto: il governo cadrà."
                    out.append(Candidate(self.abs(nxt + 1), self.abs_end(b - 1), DIRECT,
                                         self.verb_span(v), self.verb_speaker(v, nxt)))
                continue
            found = self._content_clause(v)
            if found is None:
                continue
            m, clause = found
            b = clause.right_edge.i + 1
            if not any(t.pos_ in ("VERB", "AUX") for t in self.doc[m.i + 1:b]):
                b = self._sentence_end(m.i + 1)  # the parse cut the clause short
            while b > m.i + 1 and self.doc[b - 1].pos_ == "PUNCT" and self.doc[b - 1].text not in ALL_MARKS:
                b -= 1
            words = [t.text for t in self.doc[m.i + 1:b]]
            opened = sum(w in "«“" for w in words) - sum(w in "»”" for w in words)
            if opened > 0 and b < self.n and self.doc[b].text in "»”":
                b += 1  # "ma «un amico»": the closing mark hangs elsewhere in the parse
            if b <= m.i + 1:
                continue
            out.append(Candidate(self.abs(m.i + 1), self.abs_end(b - 1), INDIRECT,
                                 self.verb_span(v), self.verb_speaker(v, m.i)))
        return out

    def _content_clause(self, v):
        """(mark, clause) of the cue verb ``v``: the "che" (or "di" + infinitive, for the
        verbs that report that way) a few words after it, and the dependent of ``v`` that
        holds it, up from the mark through the parse."""
        di_ok = self.lemma(v) in QUOTE_CUE_DI_LEMMAS
        for k in range(v.i + 1, min(self.n, v.i + 10)):
            t = self.doc[k]
            if t.text in (".", "!", "?", ";", ":") or t.text in ALL_MARKS or (self.cues[k] and k > v.i + 1):
                return None
            word = norm(t.text)
            if word == "come" and t.dep_ in ("mark", "advmod") and k <= v.i + 3:
                word = "che"  # "ha ricordato come la situazione sia grave"
            elif word not in ("che", "di", "d'") or t.dep_ != "mark":
                continue
            if word != "che":
                if not di_ok or not any(x.pos_ in ("VERB", "AUX") for x in self.doc[k + 1:k + 3]):
                    continue
            x, steps = t, 0
            while x.head.i != x.i and x.head.i != v.i and steps < 6:
                x, steps = x.head, steps + 1
            if x.head.i == v.i and x.i != t.i and x.i > v.i and not x.dep_.startswith("nsubj") \
                    and x.text.lower() not in ("no", "sì", "si"):
                return t, x
            return None
        return None

    # -- all ------------------------------------------------------------------------
    def find(self) -> list[Candidate]:
        direct = self.direct()
        stretches = [(self.offset + q.open, self.offset + q.close) for q in self.stretches]

        def inside(at: int) -> bool:
            return any(a < at < b for a, b in stretches)

        indirect = self.indirect(inside) + self.sources(inside)
        # an indirect clause that is wholly one quotation in marks is that direct one;
        # one only partly in marks keeps the marks and drops the direct piece inside
        kept_indirect = []
        for ic in indirect:
            covered = [d for d in direct if d.start < ic.end and d.end > ic.start]
            whole = any(min(d.end, ic.end) - max(d.start, ic.start) >= 0.7 * (ic.end - ic.start)
                        for d in covered)
            if whole:
                continue
            if covered:
                direct = [d for d in direct if d not in covered or
                          not (ic.start <= d.start and d.end <= ic.end)]
            kept_indirect.append(ic)
        # an indirect quotation whose cue lies inside another's clause is part of it
        kept_indirect = [ic for ic in kept_indirect if not any(
            o is not ic and o.start <= ic.cue[0] < o.end for o in kept_indirect)]
        cands = sorted(direct + kept_indirect, key=lambda c: (c.start, c.end))
        # resolve speakers in text order, each one the context of the next
        for cand in cands:
            if cand.follows is not None:
                cand.speaker = cand.follows.speaker
            elif cand.same_speaker is not None:
                cand.speaker = cand.same_speaker.speaker
            else:
                cand.speaker = cand.resolve()
            if cand.speaker:
                self.ctx.last_speaker = cand.speaker
                self.ctx.last_speaker_at = cand.end
        return cands
