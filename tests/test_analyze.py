"""The analysis: chunking, and batching many articles gives what one at a time gives."""

from __future__ import annotations

from tui.document import Source
from tui.nlp import pipeline
from tui.nlp.analyze import analyse, analyse_batch, chunks

TEXTS = [
    "Serghei Lavrov ha visto Marco Rubio a Budapest.\n\nPoi Lavrov è tornato a Mosca.",
    "",
    "Trump e Putin.\nRubio e Lavrov a Washington, poi in Ucraina.",
    "Nessun nome qui.",
]


def test_chunks_cover_every_paragraph_and_never_cross_a_line():
    text = "Uno due.\n\n  Tre quattro.  \nCinque " + "parola " * 5000 + "\n"
    pieces = chunks(text, size=1000)
    assert all("\n" not in text[s:e] for s, e in pieces)
    assert all(e - s <= 1000 for s, e in pieces)
    covered = "".join(text[s:e] for s, e in pieces)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_batch_equals_one_at_a_time(tiny_nlp_path):
    nlp = pipeline.load(str(tiny_nlp_path))
    one = [analyse(t, nlp).to_dict() for t in TEXTS]
    many = [a.to_dict() for a in analyse_batch([(t, Source()) for t in TEXTS], nlp)]
    assert many == one
    assert [len(d["mentions"]) for d in many] == [5, 0, 6, 0]


def test_batch_in_two_processes(tiny_nlp_path):
    nlp = pipeline.load(str(tiny_nlp_path))
    one = [analyse(t, nlp).to_dict() for t in TEXTS]
    many = [a.to_dict() for a in analyse_batch([(t, Source()) for t in TEXTS], nlp, n_process=2)]
    assert many == one


def _tokens(text):
    import re

    return [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]


def test_propagation_finds_a_surname_tagged_elsewhere_and_unifies_labels():
    from tui.nlp.ner.propagate import propagate

    text = ("Laurent Gbagbo ha perso. Ieri Gbagbo ha parlato a Abidjan. "
            "Abidjan è calma. Gbagboville non è un nome.")
    a1 = text.index("Abidjan")
    a2 = text.index("Abidjan", a1 + 1)
    raw = [(0, 14, "PER"), (a1, a1 + 7, "LOC"), (a2, a2 + 7, "ORG")]
    out = propagate(text, _tokens(text), raw)
    spans = {(text[s:e], label) for s, e, label in out}
    assert ("Gbagbo", "PER") in spans              # the surname, found again
    assert not any(t == "Gbagboville" or t.startswith("Gbagbov") for t, _ in spans)  # whole tokens only
    assert {label for t, label in spans if t == "Abidjan"} == {"LOC"}  # tie: the first label seen
    # nothing added inside an existing span, nothing removed
    assert all(any(s == a and e == b for a, b, _ in out) for s, e, _ in raw)
    starts = sorted((s, e) for s, e, _ in out)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(starts, starts[1:], strict=False))
