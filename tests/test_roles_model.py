"""The learned role decision (tui/nlp/roles/candidates.py, model.py, attach.py) on fixed parses.

Each sentence's tokens, tags, lemmas, morphology, parse and mentions are a table frozen
once from the shipped pipeline (``tests/parsed_docs.py``), so a change of the pipeline
cannot change what these tests see; a retrained classifier can, which is what the tests
of the shipped decision are for. The sentences are the shapes of news Italian that the
hand-written constructions alone left without a role (issue: enumerate less, learn more).

- the candidates: each shape's role is among the person's candidates (no model involved);
- the shipped classifier: the roles a reader gets, with their glosses;
- its ranking, where the shipped model still keeps the role under its threshold: the
  role is the person's best-scored candidate;
- the scorer and the decision on hand-made weights.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from parsed_docs import annotations, parsed

from tui.nlp.lexicon import load_lexicon
from tui.nlp.roles import attach_roles
from tui.nlp.roles import candidates as cands
from tui.nlp.roles import model as role_model
from tui.nlp.roles.attach import decide, people_of, score_candidates
from tui.nlp.roles.constructions import Context
from tui.nlp.roles.matcher import Chunk
from tui.nlp.roles.phrases import role_phrases


class Parse(NamedTuple):
    text: str
    table: str


ROLE_COMMA_NAME_VERB = Parse(
    "La portavoce dell'azienda, Maria Rossi ha spiegato che tutto va bene.",
    """
         0 La        DET   il         1 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art             O
         1 portavoce NOUN  portavoce  8 nsubj      Gender=Fem|Number=Sing                                       O
         2 dell'     ADP   dell'      3 case       Definite=Def|Number=Sing|PronType=Art                        O
         3 azienda   NOUN  azienda    1 nmod       Gender=Fem|Number=Sing                                       O
         4 ,         PUNCT ,          1 punct      _                                                            O
         5 Maria     PROPN Maria      8 nsubj      _                                                            B-PER
         6 Rossi     PROPN Rossi      5 flat:name  _                                                            I-PER
         7 ha        AUX   avere      8 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         8 spiegato  VERB  spiegare   8 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         9 che       SCONJ che       11 mark       _                                                            O
        10 tutto     PRON  tutto     11 nsubj      Gender=Masc|Number=Sing|PronType=Ind                         O
        11 va        VERB  andare     8 ccomp      Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
        12 bene      ADV   bene      11 advmod     _                                                            O
        13 .         PUNCT .          8 punct      _                                                            O
    """)

FORMER_ROLE_COMMA_NAME = Parse(
    "L'ex segretario del sindacato, Paolo Verdi è stato ascoltato ieri.",
    """
         0 L'         DET   il          2 det        Definite=Def|Number=Sing|PronType=Art                        O
         1 ex         ADJ   ex          2 amod       _                                                            O
         2 segretario NOUN  segretario  2 ROOT       Gender=Masc|Number=Sing                                      O
         3 del        ADP   del         4 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
         4 sindacato  NOUN  sindacato   2 nmod       Gender=Masc|Number=Sing                                      O
         5 ,          PUNCT ,           2 punct      _                                                            O
         6 Paolo      PROPN Paolo      10 nsubj:pass _                                                            B-PER
         7 Verdi      PROPN Verdi       6 flat:name  _                                                            I-PER
         8 è          AUX   essere     10 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         9 stato      AUX   stare      10 aux:pass   Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
        10 ascoltato  VERB  ascoltare   2 acl:relcl  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
        11 ieri       ADV   ieri       10 advmod     _                                                            O
        12 .          PUNCT .           2 punct      _                                                            O
    """)

EVALUATIVE_APPOSITION = Parse(
    'Anna Bruni, storica fotografa già curatrice del museo, ha parlato.',
    """
         0 Anna      PROPN Anna      11 nsubj      _                                                            B-PER
         1 Bruni     PROPN Bruni      0 flat:name  _                                                            I-PER
         2 ,         PUNCT ,          0 punct      _                                                            O
         3 storica   NOUN  storica    0 appos      Gender=Fem|Number=Sing                                       O
         4 fotografa ADV   fotografa  3 advmod     _                                                            O
         5 già       ADV   già        6 advmod     _                                                            O
         6 curatrice ADJ   curatore   0 amod       Gender=Masc|Number=Sing                                      O
         7 del       ADP   del        8 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
         8 museo     NOUN  museo      6 obl        Gender=Masc|Number=Sing                                      O
         9 ,         PUNCT ,         11 punct      _                                                            O
        10 ha        AUX   avere     11 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
        11 parlato   VERB  parlare   11 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
        12 .         PUNCT .         11 punct      _                                                            O
    """)

PLURAL_ONE_NAME = Parse(
    'Il gol dei due portieri Mario Rossi è stato annullato.',
    """
         0 Il        DET   il         1 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
         1 gol       NOUN  gol        9 nsubj:pass Gender=Masc|Number=Sing                                      O
         2 dei       ADP   del        4 case       Definite=Def|Gender=Masc|Number=Plur|PronType=Art            O
         3 due       NUM   due        4 nummod     NumType=Card                                                 O
         4 portieri  NOUN  portiere   1 nmod       Gender=Masc|Number=Plur                                      O
         5 Mario     PROPN Mario      9 nsubj:pass _                                                            B-PER
         6 Rossi     PROPN Rossi      5 flat:name  _                                                            I-PER
         7 è         AUX   essere     9 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         8 stato     AUX   stare      9 aux:pass   Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         9 annullato VERB  annullare  9 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
        10 .         PUNCT .          9 punct      _                                                            O
    """)

PLURAL_ACROSS_COMMA = Parse(
    'Hanno firmato i direttori delle due testate, Marco Bianchi e Luigi Verdi.',
    """
         0 Hanno     AUX   avere      1 aux        Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin        O
         1 firmato   VERB  firmare    1 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         2 i         DET   il         3 det        Definite=Def|Gender=Masc|Number=Plur|PronType=Art            O
         3 direttori NOUN  direttore  1 obj        Gender=Masc|Number=Plur                                      O
         4 delle     ADP   della      6 case       Definite=Def|Gender=Fem|Number=Plur|PronType=Art             O
         5 due       NUM   due        6 nummod     NumType=Card                                                 O
         6 testate   NOUN  testata    3 nmod       Gender=Fem|Number=Plur                                       O
         7 ,         PUNCT ,          8 punct      _                                                            O
         8 Marco     PROPN Marco      6 conj       _                                                            B-PER
         9 Bianchi   PROPN Bianchi    8 flat:name  _                                                            I-PER
        10 e         CCONJ e         11 cc         _                                                            O
        11 Luigi     PROPN Luigi      8 conj       _                                                            B-PER
        12 Verdi     PROPN Verdi     11 flat:name  _                                                            I-PER
        13 .         PUNCT .          1 punct      _                                                            O
    """)

PLURAL_SUBJECT = Parse(
    'I revisori sono Marco Bianchi, Luigi Verdi e Carlo Neri.',
    """
         0 I        DET   il        1 det        Definite=Def|Gender=Masc|Number=Plur|PronType=Art            O
         1 revisori NOUN  revisore  3 nsubj      Gender=Masc|Number=Plur                                      O
         2 sono     AUX   essere    3 cop        Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin        O
         3 Marco    PROPN Marco     3 ROOT       _                                                            B-PER
         4 Bianchi  PROPN Bianchi   3 flat:name  _                                                            I-PER
         5 ,        PUNCT ,         6 punct      _                                                            O
         6 Luigi    PROPN Luigi     3 conj       _                                                            B-PER
         7 Verdi    PROPN Verdi     6 flat:name  _                                                            I-PER
         8 e        CCONJ e         9 cc         _                                                            O
         9 Carlo    PROPN Carlo     6 conj       _                                                            B-PER
        10 Neri     PROPN Neri      9 flat:name  _                                                            I-PER
        11 .        PUNCT .         3 punct      _                                                            O
    """)

PLURAL_BEFORE_LIST = Parse(
    "Accanto ai difensori Marco Bianchi e Luigi Verdi c'era il sindaco.",
    """
         0 Accanto   ADV   accanto    2 case       _                                                            O
         1 ai        ADP   al         0 fixed      Definite=Def|Gender=Masc|Number=Plur|PronType=Art            O
         2 difensori NOUN  difensore  9 obl        Gender=Masc|Number=Plur                                      O
         3 Marco     PROPN Marco      2 nsubj      _                                                            B-PER
         4 Bianchi   PROPN Bianchi    3 flat:name  _                                                            I-PER
         5 e         CCONJ e          6 cc         _                                                            O
         6 Luigi     PROPN Luigi      3 conj       _                                                            B-PER
         7 Verdi     PROPN Verdi      6 flat:name  _                                                            I-PER
         8 c'        PRON  c'         9 expl       Clitic=Yes|Number=Plur|Person=1|PronType=Prs                 O
         9 era       VERB  essere     9 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin         O
        10 il        DET   il        11 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
        11 sindaco   NOUN  sindaco    9 nsubj      Gender=Masc|Number=Sing                                      O
        12 .         PUNCT .          9 punct      _                                                            O
    """)

CLITIC_ELECTED = Parse(
    'Maria Bianchi aveva lavorato a lungo nel partito fino a esserne eletta presidente.',
    """
         0 Maria      PROPN Maria       3 nsubj      _                                                            B-PER
         1 Bianchi    PROPN Bianchi     3 nsubj      _                                                            I-PER
         2 aveva      AUX   avere       3 aux        Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin         O
         3 lavorato   VERB  lavorare    3 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         4 a          ADP   a           5 case       _                                                            O
         5 lungo      NOUN  lungo       3 obl        Gender=Masc|Number=Sing                                      O
         6 nel        ADP   nel         7 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
         7 partito    NOUN  partito     3 obl        Gender=Masc|Number=Sing                                      O
         8 fino       ADP   fino       10 mark       _                                                            O
         9 a          ADP   a           8 fixed      _                                                            O
        10 esserne    VERB  essere      3 advcl      Clitic=Yes|PronType=Prs|VerbForm=Inf                         O
        11 eletta     NOUN  eletta     10 obj        Gender=Fem|Number=Sing                                       O
        12 presidente NOUN  presidente 11 compound   Gender=Masc|Number=Sing                                      O
        13 .          PUNCT .           3 punct      _                                                            O
    """)

RESIGNED_FROM = Parse(
    'Dopo le dimissioni da assessore comunale, Maria Bianchi ha replicato alle accuse.',
    """
         0 Dopo       ADP   dopo        2 case       _                                                            O
         1 le         DET   il          2 det        Definite=Def|Gender=Fem|Number=Plur|PronType=Art             O
         2 dimissioni NOUN  dimissione 10 obl        Gender=Fem|Number=Plur                                       O
         3 da         ADP   da          4 case       _                                                            O
         4 assessore  NOUN  assessore   2 nmod       Gender=Masc|Number=Sing                                      O
         5 comunale   ADJ   comunale    4 amod       Number=Sing                                                  O
         6 ,          PUNCT ,           2 punct      _                                                            O
         7 Maria      PROPN Maria      10 nsubj      _                                                            B-PER
         8 Bianchi    PROPN Bianchi     7 flat:name  _                                                            I-PER
         9 ha         AUX   avere      10 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
        10 replicato  VERB  replicare  10 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
        11 alle       ADP   alla       12 case       Definite=Def|Gender=Fem|Number=Plur|PronType=Art             O
        12 accuse     NOUN  accusa     10 obl        Gender=Fem|Number=Plur                                       O
        13 .          PUNCT .          10 punct      _                                                            O
    """)

LONG_COMPLEMENT = Parse(
    'Ha parlato Mario Rossi, assessore alle politiche sociali, alla casa e al lavoro della Regione Puglia.',
    """
         0 Ha        AUX   avere      1 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         1 parlato   VERB  parlare    1 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         2 Mario     PROPN Mario      1 nsubj      _                                                            B-PER
         3 Rossi     PROPN Rossi      2 flat:name  _                                                            I-PER
         4 ,         PUNCT ,          5 punct      _                                                            O
         5 assessore NOUN  assessore  2 conj       Gender=Masc|Number=Sing                                      O
         6 alle      ADP   alla       7 case       Definite=Def|Gender=Fem|Number=Plur|PronType=Art             O
         7 politiche NOUN  politica   2 nmod       Gender=Fem|Number=Plur                                       O
         8 sociali   ADJ   sociale    7 amod       Number=Plur                                                  O
         9 ,         PUNCT ,         11 punct      _                                                            O
        10 alla      ADP   alla      11 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art             O
        11 casa      NOUN  casa       7 conj       Gender=Fem|Number=Sing                                       O
        12 e         CCONJ e         14 cc         _                                                            O
        13 al        ADP   al        14 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
        14 lavoro    NOUN  lavoro    11 conj       Gender=Masc|Number=Sing                                      O
        15 della     ADP   della     16 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art             O
        16 Regione   PROPN regione   14 nmod       _                                                            B-LOC
        17 Puglia    PROPN Puglia    16 flat:name  _                                                            I-LOC
        18 .         PUNCT .          1 punct      _                                                            O
    """)

REGION_LOWER = Parse(
    'Il presidente della regione Lazio Nicola Zingaretti ha parlato.',
    """
         0 Il         DET   il          1 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
         1 presidente NOUN  presidente  8 nsubj      Gender=Masc|Number=Sing                                      O
         2 della      ADP   della       3 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art             O
         3 regione    NOUN  regione     1 nmod       Gender=Fem|Number=Sing                                       B-ORG
         4 Lazio      PROPN Lazio       3 nmod       _                                                            I-ORG
         5 Nicola     PROPN Nicola      4 flat:name  _                                                            B-PER
         6 Zingaretti PROPN zingaretti  4 flat:name  _                                                            I-PER
         7 ha         AUX   avere       8 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         8 parlato    VERB  parlare     8 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         9 .          PUNCT .           8 punct      _                                                            O
    """)

REGION_UPPER = Parse(
    'Il presidente della Regione Lazio Nicola Zingaretti ha parlato.',
    """
         0 Il         DET   il          1 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
         1 presidente NOUN  presidente  8 nsubj      Gender=Masc|Number=Sing                                      O
         2 della      ADP   della       3 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art             O
         3 Regione    PROPN regione     1 nmod       _                                                            B-ORG
         4 Lazio      PROPN Lazio       3 flat:name  _                                                            I-ORG
         5 Nicola     PROPN Nicola      4 flat:name  _                                                            B-PER
         6 Zingaretti PROPN zingaretti  4 flat:name  _                                                            I-PER
         7 ha         AUX   avere       8 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         8 parlato    VERB  parlare     8 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         9 .          PUNCT .           8 punct      _                                                            O
    """)

PAST_THE_COMPLEMENT = Parse(
    'Sergio Mattarella è stato eletto Presidente della Repubblica Italiana al sesto scrutinio.',
    """
         0 Sergio     PROPN Sergio      4 nsubj:pass _                                                            B-PER
         1 Mattarella PROPN Mattarella  0 flat:name  _                                                            I-PER
         2 è          AUX   essere      4 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin        O
         3 stato      AUX   stare       4 aux:pass   Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         4 eletto     VERB  eleggere    4 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part             O
         5 Presidente NOUN  presidente  4 obj        Gender=Masc|Number=Sing                                      O
         6 della      ADP   della       7 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art             O
         7 Repubblica PROPN repubblica  5 nmod       _                                                            B-ORG
         8 Italiana   PROPN italiana    7 flat:name  _                                                            I-ORG
         9 al         ADP   al         11 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art            O
        10 sesto      ADJ   sesto      11 amod       Gender=Masc|NumType=Ord|Number=Sing                          O
        11 scrutinio  NOUN  scrutinio   4 obl        Gender=Masc|Number=Sing                                      O
        12 .          PUNCT .           4 punct      _                                                            O
    """)


def _chunk(p: Parse):
    doc = parsed(p.text, p.table)
    ann = annotations(doc)
    chunk = Chunk(doc, 0, ann, load_lexicon())
    people = people_of(chunk)
    return chunk, people, Context(chunk, role_phrases(chunk), {x.start: x for x in people})


def _candidates(p: Parse) -> dict[str, set[str]]:
    """person -> the texts of their candidate roles."""
    chunk, people, ctx = _chunk(p)
    tree = cands.Tree(chunk)
    out: dict[str, set[str]] = {}
    for c in cands.gather(ctx, people, tree, cands.Lists(chunk, people)):
        out.setdefault(c.person.mention.text, set()).add(chunk.text_of(c.phrase.start, c.phrase.end))
    return out


def _roles(p: Parse) -> dict[str, list[tuple[str, str]]]:
    """person -> [(role, gloss)] as the reader gets them."""
    doc = parsed(p.text, p.table)
    ann = annotations(doc)
    attach_roles(doc, 0, ann)
    ann.check()
    out: dict[str, list[tuple[str, str]]] = {}
    for e in ann.entities:
        for r in e.roles:
            assert ann.text[r.start:r.end] == r.text
            out.setdefault(ann.mention(r.mention).text, []).append((r.text, r.gloss))
    return out


# -- the candidates cover every shape ---------------------------------------------------

SHAPES = [
    (ROLE_COMMA_NAME_VERB, "Maria Rossi", "portavoce dell'azienda"),
    (FORMER_ROLE_COMMA_NAME, "Paolo Verdi", "ex segretario del sindacato"),
    (EVALUATIVE_APPOSITION, "Anna Bruni", "fotografa"),
    (EVALUATIVE_APPOSITION, "Anna Bruni", "curatrice del museo"),
    (PLURAL_ONE_NAME, "Mario Rossi", "portieri"),
    (PLURAL_ACROSS_COMMA, "Marco Bianchi", "direttori delle due testate"),
    (PLURAL_ACROSS_COMMA, "Luigi Verdi", "direttori delle due testate"),
    (PLURAL_SUBJECT, "Marco Bianchi", "revisori"),
    (PLURAL_SUBJECT, "Luigi Verdi", "revisori"),
    (PLURAL_SUBJECT, "Carlo Neri", "revisori"),
    (PLURAL_BEFORE_LIST, "Luigi Verdi", "difensori"),
    (CLITIC_ELECTED, "Maria Bianchi", "presidente"),
    (RESIGNED_FROM, "Maria Bianchi", "assessore comunale"),
    (LONG_COMPLEMENT, "Mario Rossi", "assessore alle politiche sociali, alla casa e al lavoro della Regione Puglia"),
]


@pytest.mark.parametrize(("parse", "person", "role"), SHAPES, ids=lambda x: getattr(x, "text", x)[:40])
def test_the_role_is_a_candidate_of_the_person(parse, person, role):
    assert role in _candidates(parse).get(person, set())


def test_evaluative_words_are_not_part_of_a_candidate():
    """"storica fotografa già curatrice": "storica" and "già" are left out (ROLES.md)."""
    found = _candidates(EVALUATIVE_APPOSITION)["Anna Bruni"]
    assert not any(c.startswith(("storica ", "già ")) for c in found)


# -- the shipped classifier --------------------------------------------------------------


def test_a_role_across_a_comma_needs_no_closing_comma():
    """"L'ex segretario del sindacato, Paolo Verdi è stato ascoltato"."""
    assert _roles(FORMER_ROLE_COMMA_NAME) == {"Paolo Verdi": [("ex segretario del sindacato", "former secretary")]}


def test_a_plural_role_across_a_comma_goes_to_every_name():
    assert _roles(PLURAL_ACROSS_COMMA) == {
        "Marco Bianchi": [("direttori delle due testate", "director")],
        "Luigi Verdi": [("direttori delle due testate", "director")]}


def test_a_plural_role_before_a_list_goes_to_every_name():
    assert _roles(PLURAL_BEFORE_LIST) == {
        "Marco Bianchi": [("difensori", "defence lawyer")],
        "Luigi Verdi": [("difensori", "defence lawyer")]}


def test_a_long_complement_is_kept_whole():
    assert _roles(LONG_COMPLEMENT) == {"Mario Rossi": [
        ("assessore alle politiche sociali, alla casa e al lavoro della Regione Puglia",
         "social policy councillor")]}


def test_the_gloss_does_not_depend_on_capitals():
    lower, upper = _roles(REGION_LOWER), _roles(REGION_UPPER)
    assert lower["Nicola Zingaretti"][0][1] == upper["Nicola Zingaretti"][0][1] == "President of the Lazio Region"
    assert lower["Nicola Zingaretti"][0][0] == "presidente della regione Lazio"


def test_a_role_is_cut_where_the_office_ends():
    assert _roles(PAST_THE_COMPLEMENT) == {"Sergio Mattarella": [
        ("Presidente della Repubblica Italiana", "Italian President of the Republic")]}


RANKED = [
    (ROLE_COMMA_NAME_VERB, "Maria Rossi", "portavoce dell'azienda"),
    (EVALUATIVE_APPOSITION, "Anna Bruni", "curatrice del museo"),
    (PLURAL_ONE_NAME, "Mario Rossi", "portieri"),
    (PLURAL_SUBJECT, "Carlo Neri", "revisori"),
    (CLITIC_ELECTED, "Maria Bianchi", "presidente"),
    (RESIGNED_FROM, "Maria Bianchi", "assessore comunale"),
]


@pytest.mark.parametrize(("parse", "person", "role"), RANKED, ids=lambda x: getattr(x, "text", x)[:40])
def test_the_classifier_ranks_the_role_first(parse, person, role):
    """Shapes the shipped model still scores under its threshold for a candidate no
    construction proposes: the role is nevertheless the person's best candidate."""
    chunk, people, ctx = _chunk(parse)
    model = role_model.current()
    assert model is not None
    scored = [(p, chunk.text_of(c.phrase.start, c.phrase.end)) for p, c in score_candidates(ctx, people, model)
              if c.person.mention.text == person]
    assert max(scored)[1] == role


# -- the scorer and the decision ---------------------------------------------------------


def test_probability_is_the_sigmoid_of_the_weights_present():
    model = {"bias": -1.0, "weights": {"a": 2.0, "b": 0.5}}
    assert role_model.probability(model, ["a", "b", "unseen"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.5))
    assert role_model.probability(model, []) < 0.5


def _scored(parse: Parse, weights: dict[str, float]):
    chunk, people, ctx = _chunk(parse)
    model = {"bias": 0.0, "weights": weights, "threshold": 0.5}
    return chunk, score_candidates(ctx, people, model)


def test_decide_keeps_one_span_per_stretch_of_text_and_a_singular_role_for_one_person():
    # every candidate scores alike: the decision alone picks
    chunk, scored = _scored(ROLE_COMMA_NAME_VERB, {"dir=L": 3.0})
    kept = decide(scored, (0.5, 0.5))
    texts = [chunk.text_of(c.phrase.start, c.phrase.end) for c in kept]
    # "portavoce dell'azienda" and "portavoce" overlap: one of them only
    assert sum(t.startswith("portavoce") for t in texts) == 1


def test_decide_shares_a_plural_role_and_applies_each_threshold():
    chunk, scored = _scored(PLURAL_BEFORE_LIST, {"c=prefix": 3.0})
    kept = decide(scored, (0.9, 0.99))
    assert sorted(c.person.mention.text for c in kept) == ["Luigi Verdi", "Marco Bianchi"]
    assert decide(scored, (0.99, 0.99)) == []


def test_without_a_model_the_constructions_decide_alone():
    with role_model.use(None):
        assert _roles(PLURAL_BEFORE_LIST) == {
            "Marco Bianchi": [("difensori", "defence lawyer")],
            "Luigi Verdi": [("difensori", "defence lawyer")]}
        assert _roles(ROLE_COMMA_NAME_VERB) == {}
