"""Attach roles to people: gather each person's candidates, let the classifier decide,
then record what it kept.

:func:`attach_roles` is the entry point the analysis calls once per chunk. It
gathers the chunk's people (PER mentions) and role phrases, then each person's
candidate roles (:func:`~tui.nlp.roles.candidates.gather`: what the parse links to
the name, what stands next to it, what the hand-written constructions propose), and
scores each with the classifier (:mod:`~tui.nlp.roles.model`). :func:`decide` keeps,
best first, the candidates scored at least the model's threshold (one for the
candidates a construction proposes, one for the others: both chosen on the tuned
data), one phrase per stretch of text and person, and a singular phrase for one
person only. Each kept
candidate is recorded once as a :class:`~tui.document.Role` of its person's entity,
with its sentence and English gloss. Without a model file, the constructions'
candidates are recorded as they come (the rules alone).
"""

from __future__ import annotations

from tui.document import Annotations, Role
from tui.nlp.lang_it import ROLE_HONORIFICS
from tui.nlp.lexicon import load_lexicon
from tui.nlp.roles import candidates as cands
from tui.nlp.roles import model as role_model
from tui.nlp.roles.constructions import CONSTRUCTIONS, Candidate, Context, Person
from tui.nlp.roles.gloss import gloss
from tui.nlp.roles.matcher import PER, Chunk
from tui.nlp.roles.phrases import role_phrases


def attach_roles(doc, offset: int, ann: Annotations) -> None:
    """Find role phrases in ``doc`` (a chunk starting at ``offset``) and add them to ann's entities."""
    if not len(doc):
        return
    end = offset + doc[-1].idx + len(doc[-1])
    if not any(m.label == PER for m in ann.mentions_between(offset, end)):
        return
    chunk = Chunk(doc, offset, ann, load_lexicon())
    people = people_of(chunk)
    if not people:
        return
    model = role_model.current()
    if model is None:
        record(chunk, find_candidates(chunk, people))
        return
    ctx = Context(chunk, role_phrases(chunk), {p.start: p for p in people})
    scored = score_candidates(ctx, people, model)
    record(chunk, [Candidate(c.phrase, c.person.mention.id)
                   for c in decide(scored, thresholds(model))])


def score_candidates(ctx: Context, people: list[Person], model: dict) -> list[tuple[float, cands.Candidate]]:
    """Every candidate of the chunk's people with the classifier's probability."""
    tree = cands.Tree(ctx.chunk)
    lists = cands.Lists(ctx.chunk, people)
    found = cands.gather(ctx, people, tree, lists)
    heads = cands.fired_by_head(found)
    return [(role_model.probability(model, cands.features(ctx, c, tree, people, lists, heads)), c)
            for c in found]


def thresholds(model: dict) -> tuple[float, float]:
    """The model's thresholds: for a candidate a hand-written construction proposes, and
    for the others."""
    return model.get("threshold_fired", model["threshold"]), model["threshold"]


def decide(scored: list[tuple[float, cands.Candidate]], threshold: tuple[float, float]) -> list[cands.Candidate]:
    """The candidates kept, best first: scored at least their threshold (``threshold``:
    for one a construction proposes, for the others), not overlapping a better one of
    the same person, and a singular phrase for one person only (a plural one is shared:
    "i ministri A e B")."""
    kept: list[cands.Candidate] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    singular: set[tuple[int, int]] = set()
    for p, c in sorted(scored, key=lambda x: (-x[0], x[1].phrase.start)):
        if p < (threshold[0] if c.fired else threshold[1]):
            continue
        span = (c.phrase.start, c.phrase.end)
        mid = c.person.mention.id
        if any(a < span[1] and span[0] < b for a, b in taken.get(mid, ())):
            continue
        if not c.phrase.plural and any(a < span[1] and span[0] < b for a, b in singular):
            continue
        taken.setdefault(mid, []).append(span)
        if not c.phrase.plural:
            singular.add(span)
        kept.append(c)
    return kept


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
