"""Quotation extraction (tui/nlp/quotes/): rules, exports and the seed article.

The rule tests run the extractor on sentences parsed without the model: each sentence's
tokens, tags, lemmas, morphology, parse and names are a table frozen from the shipped
pipeline once (``tests/parsed_docs.py`` reads them), so retraining the model cannot flip
them. Each case lists every quotation found (words, kind, speaker, cue, and a letter
shared by the pieces of one quotation). The seed article runs end to end through
``personae export --format json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from parsed_docs import annotations, parsed

from tui.nlp.quotes import attach_quotes
from tui.nlp.roles import attach_roles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_f07b22aeda712ae0.txt"


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    table: str  # i word POS lemma head dep morph entity
    # (words, kind, speaker's name or None, cue, group letter: "" alone, same letter same group)
    quotes: list[tuple[str, str, str | None, str, str]]


def quotes_found(case: Case):
    """The quotations of the case's parsed text, after its roles (as the analysis runs)."""
    doc = parsed(case.text, case.table)
    ann = annotations(doc)
    attach_roles(doc, 0, ann)
    attach_quotes([(doc, 0)], ann)
    ann.check()
    return ann


CASES = [
    Case('colon_after_speech_verb',
         'Serghei Lavrov ha dichiarato: “Rubio e io comprendiamo la necessità di una comunicazione regolare”.',
         """
         0 Serghei PROPN serghei 3 nsubj _ B-PER
         1 Lavrov PROPN lavrov 0 flat:name _ I-PER
         2 ha AUX avere 3 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 dichiarato VERB dichiarare 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 : PUNCT : 3 punct _ O
         5 “ PUNCT “ 6 punct _ O
         6 Rubio PROPN rubio 6 ROOT _ B-PER
         7 e CCONJ e 9 cc _ O
         8 io PRON io 9 nsubj Number=Sing|Person=1|PronType=Prs O
         9 comprendiamo VERB comprendere 6 conj Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin O
         10 la DET il 11 det Definite=Def|Gender=Fem|Number=Sing|PronType=Art O
         11 necessità NOUN necessità 9 obj Gender=Fem O
         12 di ADP di 14 case _ O
         13 una DET uno 14 det Definite=Ind|Gender=Fem|Number=Sing|PronType=Art O
         14 comunicazione NOUN comunicazione 11 nmod Gender=Fem|Number=Sing O
         15 regolare ADJ regolare 14 amod Number=Sing O
         16 ” PUNCT ” 14 punct _ O
         17 . PUNCT . 6 punct _ O
         """,
         [('Rubio e io comprendiamo la necessità di una comunicazione regolare', 'direct', 'Serghei Lavrov', 'ha dichiarato', '')]),
    Case('cue_after_the_quotation_inverted_subject',
         '«Non mi dimetto», ha detto Giovanni Toti ai cronisti.',
         """
         0 « PUNCT « 3 punct _ O
         1 Non ADV non 3 advmod PronType=Neg O
         2 mi PRON mi 3 iobj Clitic=Yes|Number=Sing|Person=1|PronType=Prs O
         3 dimetto VERB dimettere 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 » PUNCT » 3 punct _ O
         5 , PUNCT , 7 punct _ O
         6 ha AUX avere 7 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         7 detto VERB dire 3 parataxis Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         8 Giovanni PROPN Giovanni 7 nsubj _ B-PER
         9 Toti PROPN toti 8 flat:name _ I-PER
         10 ai ADP al 11 case Definite=Def|Gender=Masc|Number=Plur|PronType=Art O
         11 cronisti NOUN cronista 7 nmod Gender=Masc|Number=Plur O
         12 . PUNCT . 3 punct _ O
         """,
         [('Non mi dimetto', 'direct', 'Giovanni Toti', 'ha detto', '')]),
    Case('quotation_interrupted_by_its_cue',
         "«L'Italia è al fianco dell'Ucraina» – ha detto Antonio Tajani – «e lo resterà».",
         """
         0 « PUNCT « 5 punct _ O
         1 L' DET il 2 det Definite=Def|Number=Sing|PronType=Art O
         2 Italia PROPN Italia 5 nsubj _ B-ORG
         3 è AUX essere 5 cop Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         4 al ADP al 5 case Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         5 fianco NOUN fianco 11 obl Gender=Masc|Number=Sing O
         6 dell' ADP dell' 7 case Definite=Def|Number=Sing|PronType=Art O
         7 Ucraina PROPN Ucraina 5 nmod _ B-ORG
         8 » PUNCT » 5 punct _ O
         9 – PUNCT – 11 iobj _ O
         10 ha AUX avere 11 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         11 detto VERB dire 11 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         12 Antonio PROPN Antonio 11 nsubj _ B-PER
         13 Tajani PROPN tajani 12 flat:name _ I-PER
         14 – X – 11 flat:foreign Foreign=Yes O
         15 « PUNCT « 18 punct _ O
         16 e CCONJ e 18 cc _ O
         17 lo PRON lo 18 obj Clitic=Yes|Gender=Masc|Number=Sing|Person=3|PronType=Prs O
         18 resterà VERB restare 11 conj Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin O
         19 » PUNCT » 18 punct _ O
         20 . PUNCT . 11 punct _ O
         """,
         [("L'Italia è al fianco dell'Ucraina", 'direct', 'Antonio Tajani', 'ha detto', 'A'), ('e lo resterà', 'direct', 'Antonio Tajani', 'ha detto', 'A')]),
    Case('indirect_che',
         'Il sindaco Giuseppe Sala ha annunciato che la città ospiterà le finali.',
         """
         0 Il DET il 1 det Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         1 sindaco NOUN sindaco 5 nsubj Gender=Masc|Number=Sing O
         2 Giuseppe PROPN Giuseppe 5 nsubj _ B-PER
         3 Sala PROPN Sala 2 flat:name _ I-PER
         4 ha AUX avere 5 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         5 annunciato VERB annunciare 5 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         6 che SCONJ che 9 mark _ O
         7 la DET il 8 det Definite=Def|Gender=Fem|Number=Sing|PronType=Art O
         8 città NOUN città 9 nsubj Gender=Fem O
         9 ospiterà VERB ospitare 5 ccomp Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin O
         10 le DET il 11 det Definite=Def|Gender=Fem|Number=Plur|PronType=Art O
         11 finali NOUN finale 9 obj Gender=Fem|Number=Plur O
         12 . PUNCT . 5 punct _ O
         """,
         [('la città ospiterà le finali', 'indirect', 'Giuseppe Sala', 'ha annunciato', '')]),
    Case('indirect_di_infinitive',
         'Dacia Maraini ha detto di sentirsi ancora una principiante.',
         """
         0 Dacia PROPN dacia 3 nsubj _ B-PER
         1 Maraini PROPN Maraini 0 flat:name _ I-PER
         2 ha AUX avere 3 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 detto VERB dire 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 di ADP di 5 mark _ O
         5 sentirsi VERB sentire 8 cop Clitic=Yes|Person=3|PronType=Prs|VerbForm=Inf O
         6 ancora ADV ancora 8 advmod _ O
         7 una DET uno 8 det Definite=Ind|Gender=Fem|Number=Sing|PronType=Art O
         8 principiante VERB principiare 3 conj Number=Sing|Tense=Pres|VerbForm=Part O
         9 . PUNCT . 3 punct _ O
         """,
         [('sentirsi ancora una principiante', 'indirect', 'Dacia Maraini', 'ha detto', '')]),
    Case('secondo_x',
         'Secondo Giuseppe Conte, il governo cadrà presto.',
         """
         0 Secondo ADP secondo 1 case _ O
         1 Giuseppe PROPN Giuseppe 6 obl _ B-PER
         2 Conte PROPN Conte 1 flat:name _ I-PER
         3 , PUNCT , 1 punct _ O
         4 il DET il 5 det Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         5 governo NOUN governo 6 nsubj Gender=Masc|Number=Sing O
         6 cadrà NOUN cadrà 6 ROOT Gender=Masc|Number=Sing O
         7 presto ADV presto 6 advmod _ O
         8 . PUNCT . 6 punct _ O
         """,
         [('il governo cadrà presto', 'indirect', 'Giuseppe Conte', 'Secondo', '')]),
    Case('organisation_speaker_is_none',
         'La polizia ha fatto sapere che il corpo è stato trovato in un canale.',
         """
         0 La DET il 1 det Definite=Def|Gender=Fem|Number=Sing|PronType=Art O
         1 polizia NOUN polizia 3 nsubj Gender=Fem|Number=Sing B-ORG
         2 ha AUX avere 3 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 fatto VERB fare 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 sapere VERB sapere 3 ccomp VerbForm=Inf O
         5 che SCONJ che 10 mark _ O
         6 il DET il 7 det Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         7 corpo NOUN corpo 10 nsubj:pass Gender=Masc|Number=Sing O
         8 è AUX essere 10 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 stato AUX stare 10 aux:pass Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         10 trovato VERB trovare 4 ccomp Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         11 in ADP in 13 case _ O
         12 un DET uno 13 det Definite=Ind|Gender=Masc|Number=Sing|PronType=Art O
         13 canale NOUN canale 10 obl Gender=Masc|Number=Sing O
         14 . PUNCT . 3 punct _ O
         """,
         [('il corpo è stato trovato in un canale', 'indirect', None, 'ha fatto sapere', '')]),
    Case('unnamed_speaker_is_none',
         'Un portavoce ha dichiarato che le indagini continuano.',
         """
         0 Un DET uno 1 det Definite=Ind|Gender=Masc|Number=Sing|PronType=Art O
         1 portavoce NOUN portavoce 3 nsubj _ O
         2 ha AUX avere 3 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 dichiarato VERB dichiarare 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 che SCONJ che 7 mark _ O
         5 le DET il 6 det Definite=Def|Gender=Fem|Number=Plur|PronType=Art O
         6 indagini NOUN indagine 7 nsubj Gender=Fem|Number=Plur O
         7 continuano VERB continuare 3 ccomp Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin O
         8 . PUNCT . 3 punct _ O
         """,
         [('le indagini continuano', 'indirect', None, 'ha dichiarato', '')]),
    Case('title_in_marks_is_no_quotation',
         'Il film «La grande bellezza» tornerà nelle sale a marzo.',
         """
         0 Il DET il 1 det Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         1 film NOUN film 7 nsubj Gender=Masc O
         2 « PUNCT « 1 punct _ O
         3 La DET il 5 det Definite=Def|Gender=Fem|Number=Sing|PronType=Art O
         4 grande ADJ grande 5 amod Number=Sing O
         5 bellezza NOUN bellezza 7 nsubj Gender=Fem|Number=Sing O
         6 » PUNCT » 5 punct _ O
         7 tornerà VERB tornare 7 ROOT Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin O
         8 nelle ADP nella 9 case Definite=Def|Gender=Fem|Number=Plur|PronType=Art O
         9 sale NOUN sale 7 obl Gender=Fem|Number=Plur O
         10 a ADP a 11 case _ O
         11 marzo NOUN marzo 7 obl Gender=Masc|Number=Sing O
         12 . PUNCT . 7 punct _ O
         """,
         []),
    Case('speech_verb_without_content_is_no_quotation',
         'Mario Rossi ha parlato a lungo di economia.',
         """
         0 Mario PROPN Mario 3 nsubj _ B-PER
         1 Rossi PROPN Rossi 0 flat:name _ I-PER
         2 ha AUX avere 3 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 parlato VERB parlare 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 a ADP a 5 case _ O
         5 lungo NOUN lungo 3 obl Gender=Masc|Number=Sing O
         6 di ADP di 7 case _ O
         7 economia NOUN economia 5 nmod Gender=Fem|Number=Sing O
         8 . PUNCT . 3 punct _ O
         """,
         []),
    Case('role_noun_in_the_next_sentence',
         "Il ministro degli Esteri Antonio Tajani è arrivato a Kiev. Il ministro ha detto che l'Italia resta al fianco dell'Ucraina.",
         """
         0 Il DET il 1 det Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         1 ministro NOUN ministro 7 nsubj Gender=Masc|Number=Sing O
         2 degli ADP del 3 case Definite=Def|Gender=Masc|Number=Plur|PronType=Art O
         3 Esteri PROPN esteri 1 nmod _ O
         4 Antonio PROPN Antonio 1 nmod _ B-PER
         5 Tajani PROPN tajani 4 flat:name _ I-PER
         6 è AUX essere 7 aux:pass Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         7 arrivato VERB arrivare 7 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         8 a ADP a 9 case _ O
         9 Kiev PROPN Kiev 7 obl _ B-LOC
         10 . PUNCT . 7 punct _ O
         11 Il DET il 12 det Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         12 ministro NOUN ministro 14 nsubj Gender=Masc|Number=Sing O
         13 ha AUX avere 14 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         14 detto VERB dire 14 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         15 che SCONJ che 18 mark _ O
         16 l' DET il 17 det Definite=Def|Number=Sing|PronType=Art O
         17 Italia PROPN Italia 18 nsubj _ B-ORG
         18 resta VERB restare 14 ccomp Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         19 al ADP al 20 case Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         20 fianco NOUN fianco 18 obl Gender=Masc|Number=Sing O
         21 dell' ADP dell' 22 case Definite=Def|Number=Sing|PronType=Art O
         22 Ucraina PROPN Ucraina 20 nmod _ B-LOC
         23 . PUNCT . 14 punct _ O
         """,
         [("l'Italia resta al fianco dell'Ucraina", 'indirect', 'Antonio Tajani', 'ha detto', '')]),
    Case('dropped_subject_is_the_last_speaker',
         "«Abbiamo giocato male», ha detto Massimiliano Allegri. «Dobbiamo ripartire dall'umiltà», ha aggiunto.",
         """
         0 « PUNCT « 2 punct _ O
         1 Abbiamo AUX avere 2 aux Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin O
         2 giocato VERB giocare 2 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         3 male NOUN male 2 advmod Gender=Masc|Number=Sing O
         4 » PUNCT » 2 punct _ O
         5 , PUNCT , 7 punct _ O
         6 ha AUX avere 7 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         7 detto VERB dire 2 conj Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         8 Massimiliano PROPN Massimiliano 7 nsubj _ B-PER
         9 Allegri PROPN allegri 8 flat:name _ I-PER
         10 . PUNCT . 2 punct _ O
         11 « PUNCT « 13 punct _ O
         12 Dobbiamo AUX dovere 13 aux Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin O
         13 ripartire VERB ripartire 13 ROOT VerbForm=Inf O
         14 dall' ADP dall' 15 case Definite=Def|Number=Sing|PronType=Art O
         15 umiltà NOUN umiltà 13 obl Gender=Fem O
         16 » PUNCT » 13 punct _ O
         17 , PUNCT , 19 punct _ O
         18 ha AUX avere 19 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         19 aggiunto VERB aggiuntare 13 conj Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         20 . PUNCT . 13 punct _ O
         """,
         [('Abbiamo giocato male', 'direct', 'Massimiliano Allegri', 'ha detto', ''), ("Dobbiamo ripartire dall'umiltà", 'direct', 'Massimiliano Allegri', 'ha aggiunto', '')]),
    Case('clause_partly_in_marks_is_one_indirect',
         'Maurizio Landini ha detto che non se ne va solo un collega, ma «un amico».',
         """
         0 Maurizio PROPN Maurizio 3 nsubj _ B-PER
         1 Landini PROPN landini 0 flat:name _ I-PER
         2 ha AUX avere 3 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 detto VERB dire 3 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 che SCONJ che 8 mark _ O
         5 non ADV non 8 advmod PronType=Neg O
         6 se PRON se 8 expl:impers Clitic=Yes|Person=3|PronType=Prs O
         7 ne PRON ne 8 expl Clitic=Yes|PronType=Prs O
         8 va VERB andare 3 ccomp Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 solo ADV solo 8 advmod _ O
         10 un DET uno 11 det Definite=Ind|Gender=Masc|Number=Sing|PronType=Art O
         11 collega NOUN collega 8 nsubj Number=Sing O
         12 , PUNCT , 16 punct _ O
         13 ma CCONJ ma 16 cc _ O
         14 « PUNCT « 16 punct _ O
         15 un DET uno 16 det Definite=Ind|Gender=Masc|Number=Sing|PronType=Art O
         16 amico NOUN amico 8 conj Gender=Masc|Number=Sing O
         17 » PUNCT » 3 punct _ O
         18 . PUNCT . 3 punct _ O
         """,
         [('non se ne va solo un collega, ma «un amico»', 'indirect', 'Maurizio Landini', 'ha detto', '')]),
    Case('nickname_is_no_quotation',
         'Gianmarco Tamberi, soprannominato «Gimbo», ha vinto ancora.',
         """
         0 Gianmarco PROPN gianmarco 0 ROOT _ B-PER
         1 Tamberi PROPN tamberi 0 flat:name _ I-PER
         2 , PUNCT , 3 punct _ O
         3 soprannominato VERB soprannominare 0 conj Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         4 « PUNCT « 5 punct _ O
         5 Gimbo PROPN gimbo 3 nmod _ O
         6 » PUNCT » 5 punct _ O
         7 , PUNCT , 9 punct _ O
         8 ha AUX avere 9 aux Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 vinto VERB vincere 9 ROOT Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part O
         10 ancora ADV ancora 9 advmod _ O
         11 . PUNCT . 9 punct _ O
         """,
         []),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_quotation_rules(case: Case) -> None:
    ann = quotes_found(case)
    names = {e.id: e.name for e in ann.entities}
    got = [(q.text, q.kind, names.get(q.speaker) if q.speaker else None, q.cue_text)
           for q in ann.quotes]
    assert got == [q[:4] for q in case.quotes]
    letters: dict[str, str] = {}
    for q, want in zip(ann.quotes, case.quotes, strict=True):
        assert ann.text[q.start:q.end] == q.text
        assert ann.text[q.cue_start:q.cue_end] == q.cue_text
        assert q.sentence[0] <= min(q.start, q.cue_start) and max(q.end, q.cue_end) <= q.sentence[1]
        if want[4]:
            assert letters.setdefault(want[4], q.group) == q.group
        else:
            assert q.group == q.id


# -- exports: a document with quotations, built by hand ----------------------------------

def _with_quotes():
    from tui.document import Annotations, Entity, Mention, Quote

    text = "Lavrov ha dichiarato: «Siamo pronti». «Basta» – ha detto Rubio – «davvero»."
    ann = Annotations(text=text)

    def at(s, n=0):
        i = -1
        for _ in range(n + 1):
            i = text.index(s, i + 1)
        return i, i + len(s)

    for k, (name, eid) in enumerate((("Lavrov", "e1"), ("Rubio", "e2")), 1):
        s, e = at(name)
        ann.mentions.append(Mention(f"m{k}", s, e, name, "PER", eid))
        ann.entities.append(Entity(eid, "PER", name, [name], [f"m{k}"]))

    def quote(qid, words, speaker, cue, group):
        s, e = at(words)
        cs, ce = at(cue)
        return Quote(qid, s, e, words, "direct", speaker, cs, ce, cue, (0, len(text)), group)

    ann.quotes = [quote("q1", "Siamo pronti", "e1", "ha dichiarato", "q1"),
                  quote("q2", "Basta", "e2", "ha detto", "q2"),
                  quote("q3", "davvero", "e2", "ha detto", "q2")]
    ann.check()
    return ann


def test_json_export_carries_quotes_and_reads_back():
    from tui.export import json_format
    from tui.export.validate import check_document

    ann = _with_quotes()
    data = json.loads(json_format.dumps(ann))
    check_document(data)
    assert [(q["id"], q["speaker"], q["group"], q["kind"]) for q in data["quotes"]] == [
        ("q1", "e1", "q1", "direct"), ("q2", "e2", "q2", "direct"), ("q3", "e2", "q2", "direct")]
    for q in data["quotes"]:
        assert data["text"][q["start"]:q["end"]] == q["text"]
        assert data["text"][q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]
    back = json_format.loads_each(json_format.dumps(ann))[0]
    assert [(q.text, q.speaker, q.group) for q in back.quotes] == \
        [(q.text, q.speaker, q.group) for q in ann.quotes]


def test_json_export_without_quotes_has_an_empty_list():
    from tui.document import Annotations
    from tui.export import json_format

    assert json.loads(json_format.dumps(Annotations(text="Niente.")))["quotes"] == []


def test_jsonl_quote_spans_link_to_the_speaker_and_are_not_mentions():
    from tui.export import jsonl

    ann = _with_quotes()
    rec = jsonl.to_record(ann)
    quotes = [sp for sp in rec["spans"] if sp["label"] == "QUOTE"]
    assert [(sp["text"], sp["speaker"], sp["speaker_mention"]) for sp in quotes] == [
        ("Siamo pronti", "e1", "m1"), ("Basta", "e2", "m2"), ("davvero", "e2", "m2")]
    assert len(rec["relations"]) == 3 and {r["label"] for r in rec["relations"]} == {"SPEAKER"}
    back = jsonl.from_record(json.loads(json.dumps(rec)))
    assert [m.text for m in back.mentions] == ["Lavrov", "Rubio"]
    assert [(q.text, q.speaker) for q in back.quotes] == [
        ("Siamo pronti", "e1"), ("Basta", "e2"), ("davvero", "e2")]


def test_brat_quote_and_speaker_relation_read_back():
    from tui.export import brat

    ann = _with_quotes()
    content = brat.dumps_ann(ann)
    assert "\tQuote " in content and "\tSpeaker Arg1:" in content
    back = brat.loads(ann.text, content)
    names = {e.id: e.name for e in back.entities}
    assert [(q.text, names[q.speaker]) for q in back.quotes] == [
        ("Siamo pronti", "Lavrov"), ("Basta", "Rubio"), ("davvero", "Rubio")]
    assert [m.text for m in back.mentions] == ["Lavrov", "Rubio"]


def test_labelstudio_quote_regions_and_speaker_relations():
    from tui.export import labelstudio

    result = labelstudio.to_task(_with_quotes())["predictions"][0]["result"]
    rels = [(r["from_id"], r["to_id"]) for r in result if r["type"] == "relation"]
    assert rels == [("q1", "m1"), ("q2", "m2"), ("q3", "m2")]
    assert 'Relation value="speaker"' in labelstudio.LABELING_CONFIG


def test_labelstudio_quotations_read_back_as_quotations_not_mentions():
    from tui.export import labelstudio

    ann = _with_quotes()
    for keep_ours in (True, False):  # our task, and one as Label Studio exports it back
        task = labelstudio.to_task(ann, "annotations")
        if not keep_ours:
            del task["data"]["personae"]
        back = labelstudio.from_task(json.loads(json.dumps(task)))
        names = {e.id: e.name for e in back.entities}
        assert [m.text for m in back.mentions] == ["Lavrov", "Rubio"]
        assert [(q.text, names.get(q.speaker)) for q in back.quotes] == [
            ("Siamo pronti", "Lavrov"), ("Basta", "Rubio"), ("davvero", "Rubio")]
        back.check()


def test_merging_the_speaker_moves_its_quotations_and_removing_it_leaves_none():
    ann = _with_quotes()
    ann.merge("e1", "e2")
    assert {q.speaker for q in ann.quotes} == {"e1"}
    ann.remove_entity("e1")
    assert {q.speaker for q in ann.quotes} == {None}
    ann.check()


# -- the seed article, end to end ------------------------------------------------------

@pytest.mark.skipif(not SEED.is_file(), reason="the seed article ../shared/seed is not here")
def test_seed_lavrov_quotation_in_the_json_export(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "conf"),
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "tui", "export", str(SEED), "--format", "json",
                          "-o", "-"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    names = {e["id"]: e["name"] for e in doc["entities"]}
    lavrov = [q for q in doc["quotes"] if q["text"].startswith("Rubio e io comprendiamo")]
    assert len(lavrov) == 1
    q = lavrov[0]
    assert names[q["speaker"]] == "Serghei Lavrov"
    assert q["kind"] == "direct" and q["cue"]["text"] == "ha dichiarato"
    assert q["text"].endswith("quando necessario")
    assert doc["text"][q["start"]:q["end"]] == q["text"]
    # "alzato il tiro" in marks is a scare quote, not a quotation
    assert not any("alzato il tiro" in x["text"] for x in doc["quotes"])


def test_quotation_edits_round_trip_through_the_log_format_and_replay():
    from tui.document.edits import (
        AddQuote,
        RemoveQuote,
        SetSpeaker,
        Status,
        apply_status,
        from_dict,
    )

    ann = _with_quotes()
    text = ann.text
    lavrov = (text.index("Lavrov"), text.index("Lavrov") + 6)
    basta = (text.index("Basta"), text.index("Basta") + 5)
    edits = [SetSpeaker(basta, lavrov), RemoveQuote((text.index("davvero"), text.index("davvero") + 7)),
             AddQuote((text.index("Siamo"), text.index("Siamo") + 5), None, "indirect")]
    for edit in edits:
        again = from_dict(edit.to_dict())
        assert again == edit
    assert [apply_status(ann, e) for e in edits] == [Status.APPLIED] * 3
    assert ann.quote_at(*basta).speaker == "e1"
    assert [q.text for q in ann.quotes] == ["Siamo", "Basta"]  # the added one replaced "Siamo pronti"
    assert ann.quote_at(text.index("Siamo"), text.index("Siamo") + 5).speaker is None
    assert apply_status(ann, edits[0]) is Status.SATISFIED
    assert apply_status(ann, SetSpeaker((0, 3), lavrov)) is Status.GONE  # no quotation there
    ann.check()
