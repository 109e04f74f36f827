"""Parsed sentences without a model: spaCy Docs and their annotations from token tables.

A table has one line per token, CoNLL-like columns separated by spaces::

    i  word  POS  lemma  head  dep  morph  entity

``i`` is the token's index, ``head`` the index of its head (the root's head is
itself), ``morph`` the features (``_`` for none) and ``entity`` a BIO tag
(``B-PER``, ``I-PER``, ``B-ORG``, ``O``). The words must appear in order in the
sentence's text; the spaces between them are read from it. The tables of the role
tests were frozen from the shipped pipeline once, so that retraining the model
cannot change what a construction test sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.vocab import Vocab

from tui.document import Annotations, Entity, Mention

COLUMNS = ("i", "word", "pos", "lemma", "head", "dep", "morph", "entity")
NONE = "_"

_VOCAB = Vocab()


@dataclass(frozen=True)
class Row:
    word: str
    pos: str
    lemma: str
    head: int
    dep: str
    morph: str
    entity: str


def read_table(table: str) -> list[Row]:
    rows = []
    for n, line in enumerate(ln for ln in table.splitlines() if ln.strip()):
        cells = line.split()
        if len(cells) != len(COLUMNS):
            raise ValueError(f"token {n}: {len(cells)} columns, not {len(COLUMNS)}: {line!r}")
        i, word, pos, lemma, head, dep, morph, entity = cells
        if int(i) != n:
            raise ValueError(f"token {n} is numbered {i}")
        rows.append(Row(word, pos, "" if lemma == NONE else lemma, int(head), dep,
                        "" if morph == NONE else morph, entity))
    return rows


def spaces_between(text: str, words: list[str]) -> list[bool]:
    """Whether each word is followed by a space in ``text`` (the words in order, all of it)."""
    spaces, pos = [], 0
    for w in words:
        start = text.index(w, pos)
        if text[pos:start].strip():
            raise ValueError(f"{text[pos:start]!r} of the text is in no token")
        if spaces:
            spaces[-1] = start > pos
        pos = start + len(w)
        spaces.append(False)
    if text[pos:]:
        raise ValueError(f"{text[pos:]!r} after the last token")
    return spaces


def parsed(text: str, table: str, vocab: Vocab | None = None) -> Doc:
    """The Doc of ``text`` with the tokens, tags, lemmas, morphology, parse and entities
    of ``table``; its text is ``text``."""
    rows = read_table(table)
    words = [r.word for r in rows]
    doc = Doc(vocab or _VOCAB, words=words, spaces=spaces_between(text, words),
              pos=[r.pos for r in rows], lemmas=[r.lemma for r in rows],
              morphs=[r.morph for r in rows], heads=[r.head for r in rows],
              deps=[r.dep for r in rows], ents=[r.entity for r in rows])
    assert doc.text == text
    return doc


def annotations(doc: Doc) -> Annotations:
    """The annotations of a one-chunk article: the Doc's entities as mentions, each mention
    an entity of its own, the Doc's tokens and sentences."""
    ann = Annotations(text=doc.text)
    for n, ent in enumerate(doc.ents, 1):
        mention = Mention(f"m{n}", ent.start_char, ent.end_char, ent.text, ent.label_, f"e{n}")
        ann.mentions.append(mention)
        ann.entities.append(Entity(f"e{n}", ent.label_, ent.text, [ent.text], [mention.id]))
    ann.tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    ann.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return ann
