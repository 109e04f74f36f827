"""Attach roles to people: run every construction on a chunk, then record what they found.

:func:`attach_roles` is the entry point the analysis calls once per chunk. It
gathers the chunk's people (PER mentions) and role phrases, asks each
construction of :data:`~tui.nlp.roles.constructions.CONSTRUCTIONS` for its
candidates, person by person, and then, in a separate step, records each
candidate once as a :class:`~tui.document.Role` of its person's entity, with its
sentence and English gloss.
"""

from __future__ import annotations

from tui.document import Annotations, Role
from tui.nlp.lang_it import ROLE_HONORIFICS
from tui.nlp.lexicon import load_lexicon
from tui.nlp.roles.constructions import CONSTRUCTIONS, Candidate, Context, Person
from tui.nlp.roles.gloss import gloss
from tui.nlp.roles.matcher import PER, Chunk
from tui.nlp.roles.phrases import role_phrases


def attach_roles(doc, offset: int, ann: Annotations) -> None:
    """Find role phrases in ``doc`` (a chunk starting at ``offset``) and add them to ann's entities."""
    if not len(doc):
        return
    chunk = Chunk(doc, offset, ann, load_lexicon())
    people = people_of(chunk)
    if not people:
        return
    record(chunk, find_candidates(chunk, people))


def people_of(chunk: Chunk) -> list[Person]:
    """The chunk's PER mentions in text order, without those that are a known place (an
    NER slip: "la regione Lazio") or only a title ("Dott.")."""
    people = []
    for mid, (a, b) in chunk.ment_tokens.items():
        mention = chunk.ment[a]
        if mention is not None and mention.label == PER and mention.id == mid \
                and not chunk.is_place_span(a, b) and not _only_titles(chunk, a, b):
            people.append(Person(a, b, mention))
    people.sort(key=lambda p: p.start)
    return people


def _only_titles(chunk: Chunk, a: int, b: int) -> bool:
    return all(chunk.low[k].rstrip(".") in ROLE_HONORIFICS or chunk.low[k] == "." for k in range(a, b))


def find_candidates(chunk: Chunk, people: list[Person]) -> list[Candidate]:
    """Every construction's candidates, person by person, in registry order."""
    ctx = Context(chunk, role_phrases(chunk), {p.start: p for p in people})
    return [candidate for person in people for construction in CONSTRUCTIONS
            for candidate in construction(ctx, person)]


def record(chunk: Chunk, candidates: list[Candidate]) -> None:
    """Add each candidate once to its mention's entity (the first candidate of a span
    wins), keeping each entity's roles in text order."""
    ann = chunk.ann
    seen: set[tuple[str, int, int]] = set()
    touched = {}
    for phrase, mid in candidates:
        s, e = chunk.span(phrase.start, phrase.end)
        key = (mid, s, e)
        if key in seen:
            continue
        seen.add(key)
        mention = ann.mention(mid)
        try:
            ent = ann.entity(mention.entity)
        except KeyError:
            continue
        touched[ent.id] = ent
        if any(r.mention == mid and r.start == s and r.end == e for r in ent.roles):
            continue
        ent.roles.append(Role(ann.text[s:e], s, e, mid, ann.sentence_at(s), gloss(chunk, phrase)))
    for ent in touched.values():
        ent.roles.sort(key=lambda r: r.start)
