"""The span relabeller (tui/nlp/ner/relabel.py) on invented sentences with hand-made parses."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from tui.nlp.ner import relabel


def parsed(words, heads, deps, pos, spaces=None):
    nlp = spacy.blank("it")
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
               lemmas=[w.lower() for w in words])


def test_split_doubled_names():
    t = "Paul Gascoigne Paul Gascoigne è morto. Dell Dell annuncia."
    sp = [(0, 29, "PER"), (39, 48, "ORG")]
    assert [(t[s:e], lab) for s, e, lab in relabel.split_doubled(t, sp)] == [
        ("Paul Gascoigne", "PER"), ("Paul Gascoigne", "PER"), ("Dell", "ORG"), ("Dell", "ORG")]
    assert relabel.split_doubled("Ettore Ettore", [(0, 6, "PER")]) == [(0, 6, "PER")]


def test_places_list_and_kinds():
    assert relabel.place_kind("Russia") == "country"
    assert relabel.place_kind("Stati Uniti") == "country"
    assert relabel.place_kind("Toscana") == "region"
    assert relabel.place_kind("Mosca") in ("city", "city_it")
    assert relabel.place_kind("Ettore Brancaleoni") is None


def test_view_reads_the_parse_as_spacy_does():
    words = ["L'", "Italia", "ha", "deciso", "in", "Francia", "."]
    doc = parsed(words, [1, 3, 3, 3, 5, 3, 3], ["det", "nsubj", "aux", "ROOT", "case", "obl", "punct"],
                 ["DET", "PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], [False] + [True] * 4 + [False, False])
    v = relabel.View(doc)
    assert v.text == [t.text for t in doc]
    assert v.head == [t.head.i for t in doc]
    assert v.root(4, 6) == 5
    f = relabel.features(v, 1, 2)
    assert "verb=nsubj|deciso" in f and "gaz=country" in f
    assert "case=in" in relabel.features(v, 5, 6)


def test_relabel_keeps_spans_and_never_makes_a_country_a_person():
    words = ["L'", "Italia", "ha", "deciso", "in", "Francia", "."]
    doc = parsed(words, [1, 3, 3, 3, 5, 3, 3], ["det", "nsubj", "aux", "ROOT", "case", "obl", "punct"],
                 ["DET", "PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], [False] + [True] * 4 + [False, False])
    text = doc.text
    spans = [(2, 8, "PER"), (text.index("Francia"), text.index("Francia") + 7, "LOC")]
    out = relabel.relabel(text, spans, [(doc, 0)])
    assert [(s, e) for s, e, _ in out] == [(s, e) for s, e, _ in spans]
    assert out[0][2] in ("LOC", "ORG")
    assert relabel.relabel(text, [], [(doc, 0)]) == []
    # spans not aligned to tokens are left alone
    assert relabel.relabel(text, [(3, 8, "PER")], [(doc, 0)]) == [(3, 8, "PER")]


def test_gazetteer_organisations_stay_organisations():
    words = ["Lo", "riferisce", "Ria", "Novosti", "."]
    doc = parsed(words, [1, 1, 1, 2, 1], ["obj", "ROOT", "nsubj", "flat:name", "punct"],
                 ["PRON", "VERB", "PROPN", "PROPN", "PUNCT"], [True, True, True, False, False])
    text = doc.text
    s = text.index("Ria")
    assert "ria novosti" in relabel.org_names()
    assert relabel.relabel(text, [(s, s + 11, "ORG")], [(doc, 0)]) == [(s, s + 11, "ORG")]


def test_encoder_table_finds_names_by_hash_and_falls_back_to_words(monkeypatch):
    if relabel.vectors() is None:
        import pytest

        pytest.skip("no encoder table in this install")
    keys, table, clusters = relabel.vectors()
    # the file holds hashes and numbers, no words
    assert keys.dtype.kind == "u" and table.dtype == "float16" and len(keys) == len(table)
    assert list(keys) == sorted(keys)
    vec, how, rows = relabel.span_vector(["Roma"])
    assert how == "full" and len(rows) == 1 and vec.shape == (table.shape[1],)
    # "ROMA" as a headline writes it, when the table lacks it, is found as "Roma"
    monkeypatch.setattr(relabel, "HIDDEN", frozenset({relabel.key("ROMA")}))
    assert relabel.span_vector(["ROMA"])[2] == rows
    monkeypatch.setattr(relabel, "HIDDEN", frozenset())
    # a name the table lacks as a whole: the mean of the words it has
    vec2, how2, rows2 = relabel.span_vector(["Roma", "Xqzwv", "Milano"])
    assert how2 == "words" and len(rows2) == 2
    assert relabel.span_vector(["Xqzwv"]) == (None, None, [])
    if clusters is not None:
        view = relabel.View(parsed(["Roma", "vince", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"],
                                   ["PROPN", "VERB", "PUNCT"]))
        assert f"ec0={clusters[rows[0]][0]}" in relabel.features(view, 0, 1)
        assert (relabel.dense(view, 0, 1) == vec).all()
