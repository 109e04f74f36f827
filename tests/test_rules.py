"""The NER rule layer (tui/nlp/ner/rules.py), one rule at a time on invented sentences.

No pipeline: every test builds its spans by hand."""

from __future__ import annotations

import re

from tui import provenance
from tui.nlp.ner import rules


def spans_of(text: str, *items: tuple[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for name, label in items:
        s = text.index(name)
        out.append((s, s + len(name), label))
    return out


def texts(text: str, spans) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in spans]


def test_hyphen_join_merges_and_extends_places():
    t = "Il treno Roma-Lido e la linea Milano-Asso ripartono; l'Alsazia-Lorena."
    sp = spans_of(t, ("Roma", "LOC"), ("Lido", "PER"), ("Asso", "LOC"), ("Alsazia", "LOC"), ("Lorena", "LOC"))
    assert texts(t, rules.hyphen_join(t, sp)) == [
        ("Roma-Lido", "LOC"), ("Milano-Asso", "LOC"), ("Alsazia-Lorena", "LOC")]


def test_hyphen_join_leaves_people_teams_lower_case_and_spaced_hyphens():
    t = "L'incontro Lavrov-Rubio, un voto anti-Roma, la partita Inter-Milan e Roma - Lazio."
    sp = spans_of(t, ("Lavrov", "PER"), ("Rubio", "PER"), ("Roma", "LOC"), ("Inter", "ORG"),
                  ("Milan", "ORG"), ("Lazio", "ORG"))
    k = t.rindex("Roma")
    sp.append((k, k + 4, "LOC"))
    assert rules.hyphen_join(t, sp) == sorted(sp)


def test_trim_tail_drops_function_words_and_open_brackets():
    t = 'Il Consiglio del 3 maggio e la Banca "Etica" aprono il palazzo di vetro con Umberto I.'
    sp = spans_of(t, ("Consiglio del", "ORG"), ('Banca "', "ORG"), ("palazzo di", "LOC"), ("Umberto I", "PER"))
    assert texts(t, rules.trim_tail(t, sp)) == [
        ("Consiglio", "ORG"), ("Banca", "ORG"), ("palazzo", "LOC"), ("Umberto I", "PER")]


def test_common_words_drop_and_trim(monkeypatch):
    monkeypatch.setattr(rules, "lexicons", lambda: {"common": {"Perché": "", "Francesi": "",
                                                                 "Effettivamente": "", "Ricotta": ""}})
    t = "Perché i Francesi tornano? Effettivamente Merano è bella. Gino Ricotta arriva; Ricotta parla."
    sp = spans_of(t, ("Perché", "PER"), ("Francesi", "LOC"), ("Effettivamente Merano", "PER"),
                  ("Gino Ricotta", "PER"))
    k = t.rindex("Ricotta")
    sp.append((k, k + 7, "PER"))
    assert texts(t, rules.common_words(t, sp)) == [
        ("Merano", "PER"), ("Gino Ricotta", "PER"), ("Ricotta", "PER")]


def test_common_words_trim_only_at_sentence_start(monkeypatch):
    monkeypatch.setattr(rules, "lexicons", lambda: {"common": {"Rugby": ""}})
    t = "Vince il Rugby Roma. Rugby Roma perde."
    sp = [(9, 19, "ORG"), (21, 31, "ORG")]
    assert texts(t, rules.common_words(t, sp)) == [("Rugby Roma", "ORG"), ("Roma", "ORG")]


def test_label_lexicon_only_crosses_person(monkeypatch):
    monkeypatch.setattr(rules, "lexicons", lambda: {"label": {"Merano": "LOC", "Italia": "LOC",
                                                                "Mario Rossi": "PER"}})
    t = "Merano accoglie l'Italia e Mario Rossi."
    sp = spans_of(t, ("Merano", "PER"), ("Italia", "ORG"), ("Mario Rossi", "ORG"))
    assert texts(t, rules.label_lexicon(t, sp)) == [("Merano", "LOC"), ("Italia", "ORG"), ("Mario Rossi", "PER")]


def test_label_first_word(monkeypatch):
    monkeypatch.setattr(rules, "lexicons", lambda: {"label": {}, "label1": {"Gabriele": "PER", "Banca": "ORG"}})
    t = "Lo stadio ricorda Gabriele Sandri; la Banca Etica e Gabriele."
    sp = spans_of(t, ("Gabriele Sandri", "ORG"), ("Banca Etica", "LOC"))
    k = t.rindex("Gabriele")
    sp.append((k, k + 8, "LOC"))
    # LOC -> ORG is left to the model (context decides); one word alone is not a multi-word name
    assert texts(t, rules.label_first_word(t, sp)) == [
        ("Gabriele Sandri", "PER"), ("Banca Etica", "LOC"), ("Gabriele", "LOC")]


def test_apply_rules_in_order_and_lexicons_load():
    lex = rules.lexicons()
    assert lex["common"] and lex["label"] and lex["label1"]
    t = "Il treno Roma-Lido parte."
    sp = spans_of(t, ("Roma", "LOC"), ("Lido", "PER"))
    assert texts(t, rules.apply_rules(t, sp)) == [("Roma-Lido", "LOC")]
    assert rules.apply_rules(t, []) == []


def test_rules_and_lexicons_are_in_the_cache_fingerprint():
    names = {p.name for p in provenance.analysis_files()}
    assert {"rules.py", "ner_common.tsv", "ner_labels.tsv"} <= names


def test_place_before_name_cuts_the_place_off_a_person_after_a_role():
    t = ("Il sindaco di Valdimare Ettore Brancaleoni ha incontrato la Lega Navale di Valdimare. "
         "Il premier di Norvalia Anders Kjelsberg è a Roma; il ministro dell'Interno di Norvalia parla.")
    sp = spans_of(t, ("Valdimare Ettore Brancaleoni", "PER"), ("Lega Navale di Valdimare", "ORG"),
                  ("Norvalia Anders Kjelsberg", "PER"), ("Roma", "LOC"))
    k = t.rindex("Norvalia")
    sp.append((k, k + len("Norvalia"), "LOC"))
    assert texts(t, rules.before_propagation(t, sp)) == [
        ("Valdimare", "LOC"), ("Ettore Brancaleoni", "PER"), ("Lega Navale di Valdimare", "ORG"),
        ("Norvalia", "LOC"), ("Anders Kjelsberg", "PER"), ("Roma", "LOC"), ("Norvalia", "LOC")]


def test_place_before_name_keeps_three_word_names_without_evidence():
    # "Maria Grazia" is never named as a place: the whole name stays a person;
    # nor is a name cut when no preposition comes before it
    t = "Il figlio di Maria Grazia Cutuli e Valdimare Ettore Brancaleoni; a Valdimare piove."
    sp = spans_of(t, ("Maria Grazia Cutuli", "PER"), ("Valdimare Ettore Brancaleoni", "PER"))
    k = t.rindex("Valdimare")
    sp.append((k, k + len("Valdimare"), "LOC"))
    assert rules.before_propagation(t, sp) == sorted(sp)


def test_one_registry_in_two_stages_in_order():
    assert rules.rules_of(rules.Stage.BEFORE_PROPAGATION) == ("join_first_names", "place_before_name")
    assert rules.rules_of(rules.Stage.AFTER_PROPAGATION) == (
        "hyphen_join", "trim_tail", "common_words", "label_lexicon", "label_first_word")
    assert set(rules.RULES) == {"join_first_names", "place_before_name", "hyphen_join", "trim_tail", "common_words",
                                "label_lexicon", "label_first_word"}


FIRST_NAMES = {"label1": {w: "PER" for w in ("Gian", "Maria", "Anna", "Paul", "Donald", "Joe", "Marco",
                                              "Francesco", "Jorge", "Carlo", "Luca", "Vincenzo")}}


def test_double_first_name_is_one_person(monkeypatch):
    monkeypatch.setattr(rules, "lexicons", lambda: FIRST_NAMES)
    t = "Gian Maria Volonté recita con Anna Maria Rossi. Paul Gascoigne Paul Gascoigne gioca."
    sp = spans_of(t, ("Gian", "PER"), ("Maria Volonté", "PER"), ("Anna", "PER"), ("Maria Rossi", "PER"),
                  ("Paul Gascoigne", "PER"))
    k = t.rindex("Paul Gascoigne")
    sp.append((k, k + len("Paul Gascoigne"), "PER"))
    assert texts(t, rules.join_first_names(t, sp)) == [
        ("Gian Maria Volonté", "PER"), ("Anna Maria Rossi", "PER"),
        ("Paul Gascoigne", "PER"), ("Paul Gascoigne", "PER")]


def test_names_side_by_side_stay_two_people(monkeypatch):
    # punctuation or a line break between them, a place, headlines running into the
    # sentence (two full names, a surname, a repeated surname, a pope's name)
    monkeypatch.setattr(rules, "lexicons", lambda: FIRST_NAMES)
    t = ("Ha visto Anna, Maria Rossi e Luca\nCarlo Bianchi a Roma Carlo Verdi. Donald Trump Joe Biden; "
         "Pantani Vincenzo Nibali; Follini Marco Follini; Francesco Jorge Mario Bergoglio.")
    sp = spans_of(t, ("Anna", "PER"), ("Maria Rossi", "PER"), ("Luca", "PER"), ("Carlo Bianchi", "PER"),
                  ("Roma", "LOC"), ("Carlo Verdi", "PER"), ("Donald Trump", "PER"), ("Joe Biden", "PER"),
                  ("Pantani", "PER"), ("Vincenzo Nibali", "PER"), ("Follini", "PER"), ("Marco Follini", "PER"),
                  ("Francesco", "PER"), ("Jorge Mario Bergoglio", "PER"))
    assert rules.join_first_names(t, sp) == sorted(sp)


def test_double_first_name_joined_before_propagation(monkeypatch):
    from tui.nlp.analyze import post_process

    monkeypatch.setattr(rules, "lexicons", lambda: FIRST_NAMES)
    t = "Gian Maria Volonté arriva. Poi Volonté parla."
    sp = spans_of(t, ("Gian", "PER"), ("Maria Volonté", "PER"))
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", t)]
    out = texts(t, post_process(t, tokens, sp))
    assert ("Gian Maria Volonté", "PER") in out and ("Gian", "PER") not in out
