"""Quotations: who said what (conventions: QUOTES.md beside DESIGN.md).

``attach_quotes(docs, ann)`` reads the article's parsed chunks (``[(doc, offset), ...]``
in text order), after its mentions, entities and roles are built, and sets
``ann.quotes``: every direct and indirect quotation with its cue and its speaker (a PER
entity id, or None). How:

1. :mod:`~tui.nlp.quotes.marks` pairs the quotation marks of each paragraph;
2. :mod:`~tui.nlp.quotes.extract` keeps the quoted stretches that a reporting cue
   introduces, follows or interrupts, and reads indirect speech (a speech verb's "che" /
   "di" clause, "secondo X, …") from the parse; the speech verbs are
   ``QUOTE_CUE_LEMMAS`` of :mod:`tui.nlp.lang_it`, mined by training/mine_quote_cues.py;
3. :mod:`~tui.nlp.quotes.speaker` attributes each to a person: the cue verb's subject,
   an apposition, "secondo X", a role noun ("il ministro") through the roles the article
   gave its people, a pronoun or a dropped subject through the last speaker.
"""

from __future__ import annotations

from tui.document import Annotations, Quote
from tui.nlp.lexicon import load_lexicon
from tui.nlp.quotes.extract import ChunkQuotes
from tui.nlp.quotes.speaker import Context

__all__ = ["attach_quotes"]


def attach_quotes(docs, ann: Annotations) -> None:
    """Find the quotations of the parsed chunks ``docs`` and set them on ``ann``."""
    # a pipeline parses every chunk or none: the first says (has_annotation reads every token)
    if not docs or not docs[0][0].has_annotation("DEP"):
        ann.quotes = []
        return
    ctx = Context(ann, load_lexicon())
    found = []
    for doc, off in docs:
        if len(doc):
            found.extend(ChunkQuotes(doc, off, ann, ctx).find())
    ann.quotes = to_quotes(ann, found)


def to_quotes(ann: Annotations, found) -> list[Quote]:
    """Number the candidates in text order; the later pieces of one take its group."""
    found = sorted(found, key=lambda c: (c.start, c.end))
    ids = {id(c): f"q{i}" for i, c in enumerate(found, 1)}
    text = ann.text
    people = {e.id for e in ann.entities if e.label == "PER"}
    out = []
    for c in found:
        qid = ids[id(c)]
        group = ids.get(id(c.follows), qid) if c.follows is not None else qid
        a, b = min(c.start, c.cue[0]), max(c.end, c.cue[1])
        s0, s1 = ann.sentence_at(a), ann.sentence_at(max(a, b - 1))
        sentence = (min(s0[0], a), max(s1[1], b))
        speaker = c.speaker if c.speaker in people else None
        out.append(Quote(qid, c.start, c.end, text[c.start:c.end], c.kind, speaker,
                         c.cue[0], c.cue[1], text[c.cue[0]:c.cue[1]], sentence, group))
    return out
