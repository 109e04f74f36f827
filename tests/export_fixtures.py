"""Hand-built Annotations for the export tests (no trained model: fast and deterministic).

The tiny spaCy pipeline the CLI tests use is ``tiny_nlp_path`` in conftest.py.
"""

from __future__ import annotations

from functools import lru_cache

from tui.document import (
    Annotations,
    Entity,
    Mention,
    ModelInfo,
    Role,
    Source,
    sha256_text,
)

# An emoji before the entities (offsets are code points, not UTF-16 units),
# markup-like text, an apostrophe, CRLF-free paragraphs and a double space.
TEXT = (
    "Lavrov e Rubio a Budapest 🇷🇺\n"
    "\n"
    "Il ministro degli Esteri russo Serghei Lavrov ha incontrato il segretario di Stato "
    "Marco Rubio a Budapest.  Secondo la Ria Novosti, Lavrov ha detto: "
    "«<script>alert('x')</script> [bold]niente[/bold]».\n"
    "\n"
    "Il portavoce dell'ONU non ha commentato. Rubio tace."
)


def _at(text: str, s: str, n: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(n + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


@lru_cache(maxsize=1)
def _spacy_tokens_and_sentences(text: str):
    import spacy

    nlp = spacy.blank("it")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    sents = []
    for s in doc.sents:
        body = s.text.strip()
        if body:
            a = s.start_char + len(s.text) - len(s.text.lstrip())
            sents.append((a, a + len(body)))
    return tokens, sents


def sample(with_tokens: bool = True) -> Annotations:
    """Lavrov (3 mentions, 2 variants, 1 role with gloss), Rubio (2 mentions, a role
    without gloss), Budapest (2), Ria Novosti, ONU."""
    text = TEXT
    spec = [  # (text, occurrence, label, entity)
        ("Lavrov", 0, "PER", "e1"), ("Rubio", 0, "PER", "e2"), ("Budapest", 0, "LOC", "e3"),
        ("Serghei Lavrov", 0, "PER", "e1"), ("Marco Rubio", 0, "PER", "e2"),
        ("Budapest", 1, "LOC", "e3"), ("Ria Novosti", 0, "ORG", "e4"),
        ("Lavrov", 2, "PER", "e1"), ("ONU", 0, "ORG", "e5"), ("Rubio", 2, "PER", "e2"),
    ]
    raw = []
    for s, n, label, eid in spec:
        a, b = _at(text, s, n)
        raw.append((a, b, s, label, eid))
    raw.sort()
    mentions = [Mention(f"m{i}", a, b, s, label, eid)
                for i, (a, b, s, label, eid) in enumerate(raw, 1)]

    def mids(eid):
        return [m.id for m in mentions if m.entity == eid]

    def mid_of(s, n=0):
        a, _b = _at(text, s, n)
        return next(m.id for m in mentions if m.start == a)

    tokens, sents = _spacy_tokens_and_sentences(text)

    def sent(a):
        return next((s for s in sents if s[0] <= a < s[1]), (0, len(text)))

    r1 = _at(text, "ministro degli Esteri russo")
    r2 = _at(text, "segretario di Stato")
    entities = [
        Entity("e1", "PER", "Serghei Lavrov", ["Lavrov", "Serghei Lavrov"], mids("e1"),
               [Role(text[r1[0]:r1[1]], r1[0], r1[1], mid_of("Serghei Lavrov"), sent(r1[0]),
                     "Russian foreign minister")]),
        Entity("e2", "PER", "Marco Rubio", ["Rubio", "Marco Rubio"], mids("e2"),
               [Role(text[r2[0]:r2[1]], r2[0], r2[1], mid_of("Marco Rubio"), sent(r2[0]), "")]),
        Entity("e3", "LOC", "Budapest", ["Budapest"], mids("e3")),
        Entity("e4", "ORG", "Ria Novosti", ["Ria Novosti"], mids("e4")),
        Entity("e5", "ORG", "ONU", ["ONU"], mids("e5")),
    ]
    ann = Annotations(
        text=text,
        source=Source("articles/lavrov.txt", sha256_text(text), "Lavrov e Rubio a Budapest",
                      "2025-11-09", "Mario Rossi"),
        model=ModelInfo("it_tiny", "0.0.1", "it"),
        mentions=mentions, entities=entities,
        tokens=tokens if with_tokens else [], sentences=sents if with_tokens else [],
    )
    ann.check()
    return ann


def canon(ann: Annotations, sentences: bool = True) -> dict:
    """What a format should keep, independent of ids and order: mentions by offsets,
    entities as groups of mention offsets with label, name, variants and roles."""
    by_id = {m.id: m for m in ann.mentions}
    ents = {}
    for e in ann.entities:
        key = frozenset((by_id[m].start, by_id[m].end) for m in e.mentions)
        roles = sorted((r.start, r.end, r.text, r.gloss, (by_id[r.mention].start,
                        by_id[r.mention].end), tuple(r.sentence) if sentences else None)
                       for r in e.roles)
        ents[key] = (e.label, e.name, tuple(sorted(e.variants)), tuple(roles))
    return {
        "text": ann.text,
        "mentions": sorted((m.start, m.end, m.text, m.label) for m in ann.mentions),
        "entities": ents,
    }
