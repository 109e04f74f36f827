"""Role extraction (tui/nlp/roles/).

The construction tests run the role rules on sentences parsed without the model:
each sentence's tokens, tags, lemmas, morphology, parse and mentions are a table
frozen from the shipped pipeline once (``tests/parsed_docs.py`` reads them), so
retraining the model cannot flip a construction test. Each case lists every role
found, with its gloss, for every person. The seed article runs end to end on the
shipped pipeline.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from parsed_docs import annotations, parsed

from tui.nlp import lexicon
from tui.nlp.roles import attach_roles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_f07b22aeda712ae0.txt"
DATA = ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    table: str  # i word POS lemma head dep morph entity
    roles: dict[str, list[tuple[str, str]]]  # person -> [(role, gloss)], in text order


def roles_found(case: Case) -> dict[str, list[tuple[str, str]]]:
    """Attach the roles of the case's parsed sentence; every person's (role, gloss) pairs."""
    doc = parsed(case.text, case.table)
    ann = annotations(doc)
    attach_roles(doc, 0, ann)
    ann.check()
    found: dict[str, list[tuple[str, str]]] = {}
    for e in ann.entities:
        for r in e.roles:
            m = ann.mention(r.mention)
            assert m.entity == e.id and m.label == "PER"
            assert ann.text[r.start:r.end] == r.text
            assert r.sentence[0] <= r.start < r.end <= r.sentence[1]
            found.setdefault(m.text, []).append((r.text, r.gloss))
    return found

# -- prefix: the role right before the name ------------------------------------------------

PREFIX = [
    Case('prefix_role_with_nationality',
         'Il ministro degli Esteri russo Serghei Lavrov ha parlato ieri a Mosca.',
         """
         0 Il       DET   il       1  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 ministro NOUN  ministro 8  nsubj     Gender=Masc|Number=Sing                               O
         2 degli    ADP   del      3  case      Definite=Def|Gender=Masc|Number=Plur|PronType=Art     O
         3 Esteri   NOUN  estero   1  nmod      Gender=Masc|Number=Plur                               O
         4 russo    ADJ   russo    3  amod      Gender=Masc|Number=Sing                               O
         5 Serghei  PROPN serghei  8  nsubj     _                                                     B-PER
         6 Lavrov   PROPN lavrov   5  flat:name _                                                     I-PER
         7 ha       AUX   avere    8  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         8 parlato  VERB  parlare  8  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         9 ieri     ADV   ieri     8  advmod    _                                                     O
        10 a        ADP   a        11 case      _                                                     O
        11 Mosca    PROPN Mosca    8  obl       _                                                     B-LOC
        12 .        PUNCT .        8  punct     _                                                     O
         """,
         {
             'Serghei Lavrov': [('ministro degli Esteri russo', 'Russian foreign minister')],
         }),
    Case('prefix_with_qualifier_ex',
         "L'ex premier Enrico Letta ha presentato il suo libro.",
         """
         0 L'         DET   il         1 det       Definite=Def|Number=Sing|PronType=Art                 O
         1 ex         ADJ   ex         2 case      _                                                     O
         2 premier    PROPN premier    6 obl       _                                                     O
         3 Enrico     PROPN Enrico     6 nsubj     _                                                     B-PER
         4 Letta      PROPN Letta      3 flat:name _                                                     I-PER
         5 ha         AUX   avere      6 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         6 presentato VERB  presentare 6 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         7 il         DET   il         9 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         8 suo        DET   suo        9 det:poss  Gender=Masc|Number=Sing|Poss=Yes|PronType=Prs         O
         9 libro      NOUN  libro      6 obj       Gender=Masc|Number=Sing                               O
        10 .          PUNCT .          6 punct     _                                                     O
         """,
         {
             'Enrico Letta': [('ex premier', 'former prime minister')],
         }),
    Case('surname_only',
         'Il ministro Maroni ha parlato con i giornalisti.',
         """
         0 Il          DET   il          1 det   Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 ministro    NOUN  ministro    4 nsubj Gender=Masc|Number=Sing                               O
         2 Maroni      PROPN Maroni      1 nmod  _                                                     B-PER
         3 ha          AUX   avere       4 aux   Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         4 parlato     VERB  parlare     4 ROOT  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         5 con         ADP   con         7 case  _                                                     O
         6 i           DET   il          7 det   Definite=Def|Gender=Masc|Number=Plur|PronType=Art     O
         7 giornalisti NOUN  giornalista 4 obl   Gender=Masc|Number=Plur                               O
         8 .           PUNCT .           4 punct _                                                     O
         """,
         {
             'Maroni': [('ministro', 'minister')],
         }),
    Case('chain_of_three',
         'Erano presenti il Presidente della Repubblica Giorgio Napolitano, il Presidente del Consiglio Matteo Renzi e il Presidente del Senato Pietro Grasso.',
         """
         0 Erano      AUX   essere     1  cop       Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin  O
         1 presenti   VERB  presentare 1  ROOT      Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         2 il         DET   il         3  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         3 Presidente NOUN  presidente 1  obj       Gender=Masc|Number=Sing                               O
         4 della      ADP   della      5  case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         5 Repubblica PROPN repubblica 3  nmod      _                                                     B-ORG
         6 Giorgio    PROPN Giorgio    5  flat:name _                                                     B-PER
         7 Napolitano PROPN Napolitano 6  flat:name _                                                     I-PER
         8 ,          PUNCT ,          10 punct     _                                                     O
         9 il         DET   il         10 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        10 Presidente NOUN  presidente 1  obj       Gender=Masc|Number=Sing                               O
        11 del        ADP   del        12 case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        12 Consiglio  PROPN consiglio  10 nmod      _                                                     B-ORG
        13 Matteo     PROPN Matteo     12 flat:name _                                                     B-PER
        14 Renzi      PROPN renzi      13 flat:name _                                                     I-PER
        15 e          CCONJ e          17 cc        _                                                     O
        16 il         DET   il         17 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        17 Presidente NOUN  presidente 12 conj      Gender=Masc|Number=Sing                               O
        18 del        ADP   del        19 case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        19 Senato     PROPN senato     17 nmod      _                                                     B-ORG
        20 Pietro     PROPN Pietro     19 flat:name _                                                     B-PER
        21 Grasso     PROPN Grasso     20 flat:name _                                                     I-PER
        22 .          PUNCT .          1  punct     _                                                     O
         """,
         {
             'Giorgio Napolitano': [('Presidente della Repubblica', 'President of the Republic')],
             'Matteo Renzi': [('Presidente del Consiglio', 'Prime Minister')],
             'Pietro Grasso': [('Presidente del Senato', 'President of the Senate')],
         }),
    Case('closest_role_wins',
         'Secondo il portavoce del Cremlino Dmitri Peskov, il presidente russo Vladimir Putin non parteciperà.',
         """
         0 Secondo     ADP   secondo     2  case      _                                                    O
         1 il          DET   il          2  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art    O
         2 portavoce   NOUN  portavoce   14 obl       Gender=Masc|Number=Sing                              O
         3 del         ADP   del         4  case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art    O
         4 Cremlino    PROPN Cremlino    2  nmod      _                                                    B-ORG
         5 Dmitri      PROPN dmitri      4  flat:name _                                                    B-PER
         6 Peskov      PROPN peskov      4  flat:name _                                                    I-PER
         7 ,           PUNCT ,           4  punct     _                                                    O
         8 il          DET   il          9  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art    O
         9 presidente  NOUN  presidente  14 nsubj     Gender=Masc|Number=Sing                              O
        10 russo       ADJ   russo       9  amod      Gender=Masc|Number=Sing                              O
        11 Vladimir    PROPN Vladimir    9  flat      _                                                    B-PER
        12 Putin       PROPN Putin       11 flat:name _                                                    I-PER
        13 non         ADV   non         14 advmod    PronType=Neg                                         O
        14 parteciperà VERB  partecipare 14 ROOT      Mood=Ind|Number=Sing|Person=3|Tense=Fut|VerbForm=Fin O
        15 .           PUNCT .           14 punct     _                                                    O
         """,
         {
             'Dmitri Peskov': [('portavoce del Cremlino', 'Kremlin spokesperson')],
             'Vladimir Putin': [('presidente russo', 'Russian president')],
         }),
    Case('qualifiers_neo_vice_attuale',
         'Il neo sindaco di Roma Roberto Gualtieri ha incontrato il vicepresidente della Camera Luigi Di Maio.',
         """
         0 Il             DET   il             2  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 neo            ADJ   neo            2  amod      _                                                     O
         2 sindaco        NOUN  sindaco        8  nsubj     Gender=Masc|Number=Sing                               O
         3 di             ADP   di             4  case      _                                                     O
         4 Roma           PROPN Roma           2  nmod      _                                                     B-LOC
         5 Roberto        PROPN Roberto        8  nsubj     _                                                     B-PER
         6 Gualtieri      PROPN Gualtieri      5  flat:name _                                                     I-PER
         7 ha             AUX   avere          8  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         8 incontrato     VERB  incontrare     8  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         9 il             DET   il             10 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        10 vicepresidente NOUN  vicepresidente 8  obj       Gender=Masc|Number=Sing                               O
        11 della          ADP   della          12 case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
        12 Camera         PROPN camera         10 nmod      _                                                     B-ORG
        13 Luigi          PROPN Luigi          12 flat:name _                                                     B-PER
        14 Di             PROPN di             13 flat:name _                                                     I-PER
        15 Maio           PROPN maio           13 flat:name _                                                     I-PER
        16 .              PUNCT .              8  punct     _                                                     O
         """,
         {
             'Roberto Gualtieri': [('sindaco di Roma', 'Mayor of Rome')],  # "neo" is left out (ROLES.md)
             'Luigi Di Maio': [('vicepresidente della Camera', 'Vice president of the Chamber of Deputies')],
         }),
    Case('qualifiers_neo_vice_attuale_2',
         "L'attuale ministra dell'Interno Luciana Lamorgese era presente.",
         """
         0 L'        DET   il        2 det       Definite=Def|Number=Sing|PronType=Art                O
         1 attuale   ADJ   attuale   2 amod      Number=Sing                                          O
         2 ministra  NOUN  ministra  8 nsubj     Gender=Fem|Number=Sing                               O
         3 dell'     ADP   dell'     4 case      Definite=Def|Number=Sing|PronType=Art                O
         4 Interno   PROPN interno   2 nmod      _                                                    O
         5 Luciana   PROPN Luciana   4 flat:name _                                                    B-PER
         6 Lamorgese PROPN lamorgese 4 flat:name _                                                    I-PER
         7 era       AUX   essere    8 cop       Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin O
         8 presente  ADJ   presente  8 ROOT      Number=Sing                                          O
         9 .         PUNCT .         8 punct     _                                                    O
         """,
         {
             'Luciana Lamorgese': [("ministra dell'Interno", 'interior minister')],  # a time word is left out
         }),
    Case('feminine_and_future',
         'Il presidente americano Barack Obama ha ricevuto la cancelliera tedesca Angela Merkel alla Casa Bianca.',
         """
         0 Il          DET   il          1  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 presidente  NOUN  presidente  6  nsubj     Gender=Masc|Number=Sing                               O
         2 americano   ADJ   americano   1  amod      Gender=Masc|Number=Sing                               O
         3 Barack      PROPN barack      1  nmod      _                                                     B-PER
         4 Obama       PROPN obama       3  flat:name _                                                     I-PER
         5 ha          AUX   avere       6  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         6 ricevuto    VERB  ricevere    6  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         7 la          DET   il          8  det       Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         8 cancelliera NOUN  cancelliera 6  obj       Gender=Fem|Number=Sing                                O
         9 tedesca     ADJ   tedesco     8  amod      Gender=Fem|Number=Sing                                O
        10 Angela      PROPN Angela      8  nmod      _                                                     B-PER
        11 Merkel      PROPN merkel      10 flat:name _                                                     I-PER
        12 alla        ADP   alla        13 case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
        13 Casa        PROPN Casa        6  obl       _                                                     B-LOC
        14 Bianca      PROPN Bianca      13 flat:name _                                                     I-LOC
        15 .           PUNCT .           6  punct     _                                                     O
         """,
         {
             'Barack Obama': [('presidente americano', 'US president')],
             'Angela Merkel': [('cancelliera tedesca', 'German chancellor')],
         }),
    Case('feminine_and_future_2',
         "Il futuro re Carlo ha visitato la scuola con l'ex ministro Bianchi.",
         """
         0 Il       DET   il       1  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 futuro   ADJ   futuro   5  nsubj     Gender=Masc|Number=Sing                               O
         2 re       NOUN  re       5  nsubj     Gender=Masc                                           O
         3 Carlo    PROPN Carlo    2  flat:name _                                                     B-PER
         4 ha       AUX   avere    5  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         5 visitato VERB  visitare 5  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         6 la       DET   il       7  det       Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         7 scuola   NOUN  scuola   5  obj       Gender=Fem|Number=Sing                                O
         8 con      ADP   con      11 case      _                                                     O
         9 l'       DET   il       11 det       Definite=Def|Number=Sing|PronType=Art                 O
        10 ex       ADJ   ex       11 amod      _                                                     O
        11 ministro NOUN  ministro 5  obl       Gender=Masc|Number=Sing                               O
        12 Bianchi  PROPN Bianchi  11 nmod      _                                                     B-PER
        13 .        PUNCT .        5  punct     _                                                     O
         """,
         {
             'Carlo': [('re', 'king')],  # a time word is left out
             'Bianchi': [('ex ministro', 'former minister')],
         }),
    Case('unknown_piece_gives_empty_gloss',
         'Il ministro leghista Roberto Calderoli ha presentato la riforma.',
         """
         0 Il         DET   il         1 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 ministro   NOUN  ministro   6 nsubj     Gender=Masc|Number=Sing                               O
         2 leghista   NOUN  leghista   1 amod      Number=Sing                                           O
         3 Roberto    PROPN Roberto    6 nsubj     _                                                     B-PER
         4 Calderoli  PROPN calderoli  3 flat:name _                                                     I-PER
         5 ha         AUX   avere      6 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         6 presentato VERB  presentare 6 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         7 la         DET   il         8 det       Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         8 riforma    NOUN  riforma    6 obj       Gender=Fem|Number=Sing                                O
         9 .          PUNCT .          6 punct     _                                                     O
         """,
         {
             'Roberto Calderoli': [('ministro leghista', 'minister')],
         }),
]

# -- prefix across a comma: between an article and the comma that closes the name ----------

ACROSS_COMMA = [
    Case('role_between_article_and_closing_comma',
         "Il ministro dell'Interno, Giuliano Amato, ha detto che tutto è sotto controllo.",
         """
         0 Il        DET   il        1  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 ministro  NOUN  ministro  9  nsubj     Gender=Masc|Number=Sing                               O
         2 dell'     ADP   dell'     3  case      Definite=Def|Number=Sing|PronType=Art                 O
         3 Interno   PROPN interno   1  nmod      _                                                     O
         4 ,         PUNCT ,         1  punct     _                                                     O
         5 Giuliano  PROPN Giuliano  1  appos     _                                                     B-PER
         6 Amato     PROPN Amato     5  flat:name _                                                     I-PER
         7 ,         PUNCT ,         5  punct     _                                                     O
         8 ha        AUX   avere     9  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 detto     VERB  dire      9  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        10 che       SCONJ che       11 mark      _                                                     O
        11 tutto     PRON  tutto     9  dep       Gender=Masc|Number=Sing|PronType=Ind                  O
        12 è         AUX   essere    11 cop       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        13 sotto     ADP   sotto     14 case      _                                                     O
        14 controllo NOUN  controllo 9  obl       Gender=Masc|Number=Sing                               O
        15 .         PUNCT .         9  punct     _                                                     O
         """,
         {
             'Giuliano Amato': [("ministro dell'Interno", 'interior minister')],
         }),
    Case('date_before_closing_comma',
         'Ieri un agricoltore di Lodi di 60 anni, Piero Sala, ha trovato una bomba.',
         """
         0 Ieri        ADV   ieri        13 advmod    _                                                     O
         1 un          DET   uno         2  det       Definite=Ind|Gender=Masc|Number=Sing|PronType=Art     O
         2 agricoltore NOUN  agricoltore 13 nsubj     Gender=Masc|Number=Sing                               O
         3 di          ADP   di          4  case      _                                                     O
         4 Lodi        PROPN Lodi        2  nmod      _                                                     B-LOC
         5 di          ADP   di          7  case      _                                                     O
         6 60          NUM   60          7  nummod    NumType=Card                                          O
         7 anni        NOUN  anno        2  nmod      Gender=Masc|Number=Plur                               O
         8 ,           PUNCT ,           9  punct     _                                                     O
         9 Piero       PROPN Piero       2  conj      _                                                     B-PER
        10 Sala        PROPN Sala        9  flat:name _                                                     I-PER
        11 ,           PUNCT ,           13 punct     _                                                     O
        12 ha          AUX   avere       13 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        13 trovato     VERB  trovare     13 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        14 una         DET   uno         15 det       Definite=Ind|Gender=Fem|Number=Sing|PronType=Art      O
        15 bomba       NOUN  bomba       13 obj       Gender=Fem|Number=Sing                                O
        16 .           PUNCT .           13 punct     _                                                     O
         """,
         {
             'Piero Sala': [('agricoltore di Lodi', 'Farmer of Lodi')],
         }),
    Case('foreign_title_in_complement',
         "Al dibattito ha partecipato l'autore di The Price of Silence, Mark Collins, docente a Chicago.",
         """
         0 Al          ADP   al          1  case         Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 dibattito   NOUN  dibattito   3  obl          Gender=Masc|Number=Sing                               O
         2 ha          AUX   avere       3  aux          Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 partecipato VERB  partecipare 3  ROOT         Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 l'          DET   il          5  det          Definite=Def|Number=Sing|PronType=Art                 O
         5 autore      NOUN  autore      3  obj          Gender=Masc|Number=Sing                               O
         6 di          ADP   di          7  case         _                                                     O
         7 The         PROPN The         5  nmod         _                                                     O
         8 Price       PROPN price       7  flat:foreign _                                                     O
         9 of          ADP   of          10 case         _                                                     O
        10 Silence     PROPN silence     5  nmod         _                                                     O
        11 ,           PUNCT ,           12 punct        _                                                     O
        12 Mark        PROPN Mark        10 conj         _                                                     B-PER
        13 Collins     PROPN Collins     12 flat:name    _                                                     I-PER
        14 ,           PUNCT ,           12 punct        _                                                     O
        15 docente     NOUN  docente     12 appos        Number=Sing                                           O
        16 a           ADP   a           17 case         _                                                     O
        17 Chicago     PROPN Chicago     3  obl          _                                                     B-LOC
        18 .           PUNCT .           3  punct        _                                                     O
         """,
         {
             'Mark Collins': [('autore di The Price of Silence', 'Author of The Price of Silence'), ('docente a Chicago', 'lecturer')],
         }),
]

# -- a title inside the PER span -----------------------------------------------------------

TITLE_IN_NAME = [
    Case('papa_francesco',
         'Papa Francesco ha ricevuto i fedeli in piazza San Pietro.',
         """
         0 Papa      NOUN  papa      3 nsubj     Gender=Masc|Number=Sing                               B-PER
         1 Francesco PROPN Francesco 0 flat:name _                                                     I-PER
         2 ha        AUX   avere     3 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 ricevuto  VERB  ricevere  3 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 i         DET   il        5 det       Definite=Def|Gender=Masc|Number=Plur|PronType=Art     O
         5 fedeli    NOUN  fedele    3 obj       Gender=Masc|Number=Plur                               O
         6 in        ADP   in        7 case      _                                                     O
         7 piazza    NOUN  piazza    5 nmod      Gender=Fem|Number=Sing                                B-LOC
         8 San       PROPN san       7 nmod      _                                                     I-LOC
         9 Pietro    PROPN Pietro    8 flat:name _                                                     I-LOC
        10 .         PUNCT .         3 punct     _                                                     O
         """,
         {
             'Papa Francesco': [('Papa', 'Pope')],
         }),
]

# -- apposition: the role after the name and a comma ---------------------------------------

APPOSITION = [
    Case('apposition',
         'Marco Rubio, segretario di Stato degli Usa, ha risposto alle domande.',
         """
         0 Marco      PROPN Marco      10 nsubj     _                                                     B-PER
         1 Rubio      PROPN rubio      0  flat:name _                                                     I-PER
         2 ,          PUNCT ,          0  punct     _                                                     O
         3 segretario NOUN  segretario 0  appos     Gender=Masc|Number=Sing                               O
         4 di         ADP   di         5  case      _                                                     O
         5 Stato      NOUN  stato      3  nmod      Gender=Masc|Number=Sing                               O
         6 degli      ADP   del        7  case      Definite=Def|Gender=Masc|Number=Plur|PronType=Art     O
         7 Usa        PROPN Usa        3  nmod      _                                                     B-LOC
         8 ,          PUNCT ,          0  punct     _                                                     O
         9 ha         AUX   avere      10 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        10 risposto   VERB  rispondere 10 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        11 alle       ADP   alla       12 case      Definite=Def|Gender=Fem|Number=Plur|PronType=Art      O
        12 domande    NOUN  domanda    10 obl       Gender=Fem|Number=Plur                                O
        13 .          PUNCT .          10 punct     _                                                     O
         """,
         {
             'Marco Rubio': [('segretario di Stato degli Usa', 'US Secretary of State')],
         }),
    Case('apposition_region',
         'Mario Bianchi, presidente della Regione Lazio, ha inaugurato la mostra.',
         """
         0 Mario      PROPN Mario      9  nsubj     _                                                     B-PER
         1 Bianchi    PROPN Bianchi    0  flat:name _                                                     I-PER
         2 ,          PUNCT ,          3  punct     _                                                     O
         3 presidente NOUN  presidente 0  appos     Gender=Masc|Number=Sing                               O
         4 della      ADP   della      5  case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         5 Regione    PROPN regione    3  nmod      _                                                     B-ORG
         6 Lazio      PROPN Lazio      5  flat:name _                                                     I-ORG
         7 ,          PUNCT ,          3  punct     _                                                     O
         8 ha         AUX   avere      9  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 inaugurato VERB  inaugurare 9  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        10 la         DET   il         11 det       Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
        11 mostra     NOUN  mostra     9  obj       Gender=Fem|Number=Sing                                O
        12 .          PUNCT .          9  punct     _                                                     O
         """,
         {
             'Mario Bianchi': [('presidente della Regione Lazio', 'President of the Lazio Region')],
         }),
    Case('apposition_ends_at_ma',
         'Ha esposto Carla Neri, scultrice torinese ma residente a Parigi da anni.',
         """
         0 Ha        AUX   avere     1  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         1 esposto   VERB  esporre   1  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         2 Carla     PROPN carla     1  nsubj     _                                                     B-PER
         3 Neri      PROPN Neri      2  flat:name _                                                     I-PER
         4 ,         PUNCT ,         5  punct     _                                                     O
         5 scultrice NOUN  scultrice 1  conj      Gender=Masc|Number=Sing                               O
         6 torinese  ADJ   torinese  5  xcomp     Number=Sing                                           O
         7 ma        CCONJ ma        8  cc        _                                                     O
         8 residente VERB  residente 6  conj      Number=Sing|Tense=Pres|VerbForm=Part                  O
         9 a         ADP   a         10 case      _                                                     O
        10 Parigi    PROPN Parigi    5  nmod      _                                                     B-LOC
        11 da        ADP   da        12 case      _                                                     O
        12 anni      NOUN  anno      10 nmod      Gender=Masc|Number=Plur                               O
        13 .         PUNCT .         1  punct     _                                                     O
         """,
         {
             'Carla Neri': [('scultrice torinese', 'Turinese sculptor')],
         }),
    Case('no_role_across_comma_to_wrong_person_2',
         "Mario Rossi, sindaco di Milano, e Luigi Bianchi, presidente della Provincia, hanno firmato l'accordo.",
         """
         0 Mario      PROPN Mario      16 nsubj     _                                                     B-PER
         1 Rossi      PROPN Rossi      0  flat:name _                                                     I-PER
         2 ,          PUNCT ,          3  punct     _                                                     O
         3 sindaco    NOUN  sindaco    0  appos     Gender=Masc|Number=Sing                               O
         4 di         ADP   di         5  case      _                                                     O
         5 Milano     PROPN Milano     3  nmod      _                                                     B-LOC
         6 ,          PUNCT ,          8  punct     _                                                     O
         7 e          CCONJ e          8  cc        _                                                     O
         8 Luigi      PROPN Luigi      3  conj      _                                                     B-PER
         9 Bianchi    PROPN Bianchi    8  flat:name _                                                     I-PER
        10 ,          PUNCT ,          11 punct     _                                                     O
        11 presidente NOUN  presidente 8  conj      Gender=Masc|Number=Sing                               O
        12 della      ADP   della      13 case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
        13 Provincia  PROPN Provincia  11 nmod      _                                                     B-ORG
        14 ,          PUNCT ,          16 punct     _                                                     O
        15 hanno      AUX   avere      16 aux       Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin O
        16 firmato    VERB  firmare    16 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        17 l'         DET   il         18 det       Definite=Def|Number=Sing|PronType=Art                 O
        18 accordo    NOUN  accordo    16 obj       Gender=Masc|Number=Sing                               O
        19 .          PUNCT .          16 punct     _                                                     O
         """,
         {
             'Mario Rossi': [('sindaco di Milano', 'Mayor of Milan')],
             'Luigi Bianchi': [('presidente della Provincia', 'President of the Province')],
         }),
    Case('second_role_noun_as_qualifier',
         'Nel romanzo compare Brunilde, la regina guerriera, accanto al fratello.',
         """
         0 Nel       ADP   nel       1  case     Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
         1 romanzo   NOUN  romanzo   2  amod     Gender=Masc|Number=Sing                           O
         2 compare   NOUN  compare   2  ROOT     Gender=Masc|Number=Sing                           O
         3 Brunilde  PROPN brunilde  2  nmod     _                                                 B-PER
         4 ,         PUNCT ,         2  punct    _                                                 O
         5 la        DET   il        6  det      Definite=Def|Gender=Fem|Number=Sing|PronType=Art  O
         6 regina    NOUN  regina    2  appos    Gender=Fem|Number=Sing                            O
         7 guerriera ADJ   guerriero 6  compound Gender=Fem|Number=Sing                            O
         8 ,         PUNCT ,         6  punct    _                                                 O
         9 accanto   ADP   accanto   11 case     _                                                 O
        10 al        ADP   al        9  fixed    Definite=Def|Gender=Masc|Number=Sing|PronType=Art O
        11 fratello  NOUN  fratello  6  nmod     Gender=Masc|Number=Sing                           O
        12 .         PUNCT .         2  punct    _                                                 O
         """,
         {
             'Brunilde': [('regina guerriera', 'queen')],
         }),
    Case('listed_complements',
         'Ha parlato Sergio Monti, direttore del dipartimento della ricerca, della didattica e della terza missione.',
         """
         0 Ha           AUX   avere        1  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         1 parlato      VERB  parlare      1  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         2 Sergio       PROPN Sergio       1  nsubj     _                                                     B-PER
         3 Monti        PROPN Monti        2  flat:name _                                                     I-PER
         4 ,            PUNCT ,            2  punct     _                                                     O
         5 direttore    NOUN  direttore    2  appos     Gender=Masc|Number=Sing                               O
         6 del          ADP   del          7  case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         7 dipartimento NOUN  dipartimento 5  nmod      Gender=Masc|Number=Sing                               O
         8 della        ADP   della        9  case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         9 ricerca      NOUN  ricerca      7  nmod      Gender=Fem|Number=Sing                                O
        10 ,            PUNCT ,            12 punct     _                                                     O
        11 della        ADP   della        12 case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
        12 didattica    NOUN  didattica    9  conj      Gender=Fem|Number=Sing                                O
        13 e            CCONJ e            16 cc        _                                                     O
        14 della        ADP   della        16 case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
        15 terza        ADJ   terzo        16 amod      Gender=Fem|NumType=Ord|Number=Sing                    O
        16 missione     NOUN  missione     9  conj      Gender=Fem|Number=Sing                                O
        17 .            PUNCT .            1  punct     _                                                     O
         """,
         {
             'Sergio Monti': [('direttore del dipartimento della ricerca, della didattica e della terza missione', 'director')],
         }),
    Case('listed_complements_2',
         'Mario Rossi, sindaco della città, della quale parla spesso, ha votato.',
         """
         0 Mario   PROPN Mario   13 nsubj     _                                                     B-PER
         1 Rossi   PROPN Rossi   0  flat:name _                                                     I-PER
         2 ,       PUNCT ,       3  punct     _                                                     O
         3 sindaco NOUN  sindaco 0  appos     Gender=Masc|Number=Sing                               O
         4 della   ADP   della   5  case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         5 città   NOUN  città   3  nmod      Gender=Fem                                            O
         6 ,       PUNCT ,       3  punct     _                                                     O
         7 della   ADP   della   8  case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         8 quale   PRON  quale   9  obl       Number=Sing|PronType=Rel                              O
         9 parla   VERB  parlare 0  acl:relcl Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        10 spesso  ADV   spesso  9  advmod    _                                                     O
        11 ,       PUNCT ,       13 punct     _                                                     O
        12 ha      AUX   avere   13 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        13 votato  VERB  votare  13 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        14 .       PUNCT .       13 punct     _                                                     O
         """,
         {
             'Mario Rossi': [('sindaco della città', 'mayor')],
         }),
    Case('date_complement_is_not_part_of_the_role',
         'Il museo espone un ritratto di Giovanni Landi, mercante del sedicesimo secolo.',
         """
         0 Il         DET   il         1  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 museo      NOUN  museo      2  nsubj     Gender=Masc|Number=Sing                               O
         2 espone     VERB  esporre    2  ROOT      Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 un         DET   uno        4  det       Definite=Ind|Gender=Masc|Number=Sing|PronType=Art     O
         4 ritratto   NOUN  ritratto   2  obj       Gender=Masc|Number=Sing                               O
         5 di         ADP   di         6  case      _                                                     O
         6 Giovanni   PROPN Giovanni   4  nmod      _                                                     B-PER
         7 Landi      PROPN landi      6  flat:name _                                                     I-PER
         8 ,          PUNCT ,          6  punct     _                                                     O
         9 mercante   NOUN  mercante   6  appos     Gender=Masc|Number=Sing                               O
        10 del        ADP   del        12 case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        11 sedicesimo ADJ   sedicesimo 12 amod      Gender=Masc|NumType=Ord|Number=Sing                   O
        12 secolo     NOUN  secolo     9  nmod      Gender=Masc|Number=Sing                               O
        13 .          PUNCT .          2  punct     _                                                     O
         """,
         {
             'Giovanni Landi': [('mercante', 'merchant')],
         }),
    Case('date_complement_is_not_part_of_the_role_2',
         'Luca Ferri, allenatore degli anni Novanta, è tornato in città.',
         """
         0 Luca       PROPN Luca       9  nsubj     _                                                     B-PER
         1 Ferri      PROPN Ferri      0  flat:name _                                                     I-PER
         2 ,          PUNCT ,          3  punct     _                                                     O
         3 allenatore NOUN  allenatore 0  appos     Gender=Masc|Number=Sing                               O
         4 degli      ADP   del        5  case      Definite=Def|Gender=Masc|Number=Plur|PronType=Art     O
         5 anni       NOUN  anno       3  nmod      Gender=Masc|Number=Plur                               O
         6 Novanta    PROPN novanta    5  nummod    _                                                     O
         7 ,          PUNCT ,          9  punct     _                                                     O
         8 è          AUX   essere     9  aux:pass  Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 tornato    VERB  tornare    9  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        10 in         ADP   in         11 case      _                                                     O
        11 città      NOUN  città      9  obl       Gender=Fem                                            O
        12 .          PUNCT .          9  punct     _                                                     O
         """,
         {
             'Luca Ferri': [('allenatore', 'coach')],
         }),
    Case('partitive_predicate_and_apposition_2',
         'Anna Ricci, una delle giornaliste della Stampa, ha vinto il premio.',
         """
         0 Anna        PROPN Anna        10 nsubj     _                                                     B-PER
         1 Ricci       PROPN Ricci       0  flat:name _                                                     I-PER
         2 ,           PUNCT ,           0  punct     _                                                     O
         3 una         PRON  uno         0  appos     Gender=Fem|Number=Sing|PronType=Ind                   O
         4 delle       ADP   della       5  case      Definite=Def|Gender=Fem|Number=Plur|PronType=Art      O
         5 giornaliste NOUN  giornalista 3  nmod      Gender=Fem|Number=Plur                                O
         6 della       ADP   della       7  case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         7 Stampa      PROPN Stampa      5  nmod      _                                                     B-ORG
         8 ,           PUNCT ,           10 punct     _                                                     O
         9 ha          AUX   avere       10 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        10 vinto       VERB  vincere     10 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        11 il          DET   il          12 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        12 premio      NOUN  premio      10 obj       Gender=Masc|Number=Sing                               O
        13 .           PUNCT .           10 punct     _                                                     O
         """,
         {
             'Anna Ricci': [('giornaliste della Stampa', 'Journalist of Stampa')],
         }),
]

# -- a parenthesis between dashes or brackets after the name -------------------------------

PARENTHESIS = [
    Case('role_inside_dashes',
         'Giulio Serra - nato a Lecce, laureato in lettere ed insegnante di educazione fisica - ha aperto una palestra.',
         """
         0 Giulio     PROPN Giulio     17 nsubj     _                                                     B-PER
         1 Serra      PROPN Serra      0  flat:name _                                                     I-PER
         2 -          PUNCT -          0  punct     _                                                     O
         3 nato       VERB  nascere    0  acl       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 a          ADP   a          5  case      _                                                     O
         5 Lecce      PROPN Lecce      3  obl       _                                                     B-LOC
         6 ,          PUNCT ,          0  punct     _                                                     O
         7 laureato   VERB  laureare   0  acl       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         8 in         ADP   in         9  case      _                                                     O
         9 lettere    NOUN  lettera    7  obl       Gender=Fem|Number=Plur                                O
        10 ed         CCONJ ed         11 cc        _                                                     O
        11 insegnante NOUN  insegnante 9  conj      Number=Sing                                           O
        12 di         ADP   di         13 case      _                                                     O
        13 educazione NOUN  educazione 11 nmod      Gender=Fem|Number=Sing                                O
        14 fisica     ADJ   fisico     13 amod      Gender=Fem|Number=Sing                                O
        15 -          PUNCT -          17 punct     _                                                     O
        16 ha         AUX   avere      17 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        17 aperto     VERB  aprire     17 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        18 una        DET   uno        19 det       Definite=Ind|Gender=Fem|Number=Sing|PronType=Art      O
        19 palestra   NOUN  palestra   17 obj       Gender=Fem|Number=Sing                                O
        20 .          PUNCT .          17 punct     _                                                     O
         """,
         {
             'Giulio Serra': [('insegnante di educazione fisica', 'PE teacher')],
         }),
    Case('role_inside_dashes_2',
         'Giulio Serra - che conosce il sindaco - ha aperto una palestra.',
         """
         0 Giulio   PROPN Giulio    9  nsubj     _                                                     B-PER
         1 Serra    PROPN Serra     0  flat:name _                                                     I-PER
         2 -        PUNCT -         0  punct     _                                                     O
         3 che      PRON  che       4  nsubj     PronType=Rel                                          O
         4 conosce  VERB  conoscere 0  acl:relcl Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         5 il       DET   il        6  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         6 sindaco  NOUN  sindaco   4  obj       Gender=Masc|Number=Sing                               O
         7 -        PUNCT -         9  punct     _                                                     O
         8 ha       AUX   avere     9  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         9 aperto   VERB  aprire    9  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        10 una      DET   uno       11 det       Definite=Ind|Gender=Fem|Number=Sing|PronType=Art      O
        11 palestra NOUN  palestra  9  obj       Gender=Fem|Number=Sing                                O
        12 .        PUNCT .         9  punct     _                                                     O
         """,
         {}),
]

# -- predicate: the role after a copula ----------------------------------------------------

PREDICATE = [
    Case('predicate',
         'Mario Draghi è stato nominato presidente della Banca centrale europea.',
         """
         0 Mario      PROPN Mario      4 nsubj     _                                                     B-PER
         1 Draghi     PROPN Draghi     0 flat:name _                                                     I-PER
         2 è          AUX   essere     4 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 stato      AUX   stare      4 aux:pass  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 nominato   VERB  nominare   4 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         5 presidente NOUN  presidente 4 obj       Gender=Masc|Number=Sing                               O
         6 della      ADP   della      7 case      Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         7 Banca      PROPN banca      5 nmod      _                                                     B-ORG
         8 centrale   ADJ   centrale   7 amod      Number=Sing                                           I-ORG
         9 europea    ADJ   europeo    7 amod      Gender=Fem|Number=Sing                                I-ORG
        10 .          PUNCT .          4 punct     _                                                     O
         """,
         {
             'Mario Draghi': [('presidente della Banca centrale europea', 'ECB president')],
         }),
    Case('partitive_predicate_and_apposition',
         'Paolo Verdi è stato, insieme a Marco Gialli, uno dei tre fondatori del movimento.',
         """
         0 Paolo     PROPN Paolo     3  nsubj     _                                                     B-PER
         1 Verdi     PROPN Verdi     0  flat:name _                                                     I-PER
         2 è         AUX   essere    3  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 stato     AUX   stare     3  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 ,         PUNCT ,         3  punct     _                                                     O
         5 insieme   ADP   insieme   7  case      _                                                     O
         6 a         ADP   a         5  fixed     _                                                     O
         7 Marco     PROPN Marco     3  conj      _                                                     B-PER
         8 Gialli    PROPN gialli    7  flat:name _                                                     I-PER
         9 ,         PUNCT ,         7  punct     _                                                     O
        10 uno       PRON  uno       7  appos     Gender=Masc|Number=Sing|PronType=Ind                  O
        11 dei       ADP   del       13 case      Definite=Def|Gender=Masc|Number=Plur|PronType=Art     O
        12 tre       NUM   tre       13 nummod    NumType=Card                                          O
        13 fondatori NOUN  fondatore 10 nmod      Gender=Masc|Number=Plur                               O
        14 del       ADP   del       15 case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        15 movimento NOUN  movimento 13 nmod      Gender=Masc|Number=Sing                               O
        16 .         PUNCT .         3  punct     _                                                     O
         """,
         {
             'Paolo Verdi': [('fondatori del movimento', 'founder')],
         }),
    Case('coordinated_predicate',
         'Nel 2019 Tommaso Galli ha giocato 40 partite con il Verona, ed è stato capitano in 30 di queste.',
         """
         0 Nel      ADP   nel      1  case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 2019     NUM   2019     5  obl       NumType=Card                                          O
         2 Tommaso  PROPN Tommaso  5  nsubj     _                                                     B-PER
         3 Galli    PROPN Galli    2  flat:name _                                                     I-PER
         4 ha       AUX   avere    5  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         5 giocato  VERB  giocare  5  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         6 40       NUM   40       7  nummod    NumType=Card                                          O
         7 partite  NOUN  partita  5  obj       Gender=Fem|Number=Plur                                O
         8 con      ADP   con      10 case      _                                                     O
         9 il       DET   il       10 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        10 Verona   PROPN Verona   5  obl       _                                                     B-ORG
        11 ,        PUNCT ,        15 punct     _                                                     O
        12 ed       CCONJ ed       15 cc        _                                                     O
        13 è        AUX   essere   15 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        14 stato    AUX   stare    15 aux:pass  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        15 capitano VERB  capitare 5  conj      Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin O
        16 in       ADP   in       17 case      _                                                     O
        17 30       NUM   30       15 obl       NumType=Card                                          O
        18 di       ADP   di       19 case      _                                                     O
        19 queste   PRON  queste   17 nmod      Gender=Fem|Number=Plur|PronType=Dem                   O
        20 .        PUNCT .        5  punct     _                                                     O
         """,
         {
             'Tommaso Galli': [('capitano', 'captain')],
         }),
    Case('coordinated_predicate_2',
         'Tommaso Galli ha detto che il fratello gioca a Verona ed è stato capitano.',
         """
         0 Tommaso  PROPN Tommaso  3  nsubj     _                                                     B-PER
         1 Galli    PROPN Galli    0  flat:name _                                                     I-PER
         2 ha       AUX   avere    3  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 detto    VERB  dire     3  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 che      SCONJ che      13 mark      _                                                     O
         5 il       DET   il       6  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         6 fratello NOUN  fratello 13 nsubj     Gender=Masc|Number=Sing                               O
         7 gioca    ADJ   gioca    6  amod      Gender=Masc|Number=Sing                               O
         8 a        ADP   a        9  case      _                                                     O
         9 Verona   PROPN Verona   6  nmod      _                                                     B-LOC
        10 ed       CCONJ ed       13 cc        _                                                     O
        11 è        AUX   essere   13 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        12 stato    AUX   stare    13 aux:pass  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        13 capitano VERB  capitare 3  ccomp     Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin O
        14 .        PUNCT .        3  punct     _                                                     O
         """,
         {}),
    Case('coordinated_predicate_3',
         'Tommaso Galli ha incontrato Luca Bassi ed è stato capitano.',
         """
         0 Tommaso    PROPN Tommaso    3 nsubj     _                                                     B-PER
         1 Galli      PROPN Galli      0 flat:name _                                                     I-PER
         2 ha         AUX   avere      3 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 incontrato VERB  incontrare 3 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         4 Luca       PROPN Luca       3 nsubj     _                                                     B-PER
         5 Bassi      PROPN Bassi      4 flat:name _                                                     I-PER
         6 ed         CCONJ ed         9 cc        _                                                     O
         7 è          AUX   essere     9 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         8 stato      AUX   stare      9 aux:pass  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         9 capitano   VERB  capitare   3 conj      Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin O
        10 .          PUNCT .          3 punct     _                                                     O
         """,
         {}),
    Case('chained_predicates',
         'Carlo Bruni è senatore ed è stato consigliere regionale toscano.',
         """
         0 Carlo       PROPN Carlo       3 nsubj     _                                                     B-PER
         1 Bruni       PROPN Bruni       0 flat:name _                                                     I-PER
         2 è           AUX   essere      3 cop       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         3 senatore    NOUN  senatore    3 ROOT      Gender=Masc|Number=Sing                               O
         4 ed          CCONJ ed          7 cc        _                                                     O
         5 è           AUX   essere      7 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         6 stato       AUX   stare       7 aux:pass  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         7 consigliere VERB  consigliera 3 conj      VerbForm=Inf                                          O
         8 regionale   ADJ   regionale   7 xcomp     Number=Sing                                           O
         9 toscano     ADJ   toscano     7 xcomp     Gender=Masc|Number=Sing                               O
        10 .           PUNCT .           3 punct     _                                                     O
         """,
         {
             'Carlo Bruni': [('senatore', 'senator'), ('consigliere regionale toscano', 'Tuscan regional councillor')],
         }),
]

# -- no role: the wrong person, words that are not roles, no person ------------------------

NO_ROLE = [
    Case('omologo_and_collega_are_not_roles',
         'Lavrov ha telefonato al suo omologo, Marco Rubio, e al collega Rossi.',
         """
         0 Lavrov     PROPN lavrov     2  nsubj     _                                                     B-PER
         1 ha         AUX   avere      2  aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         2 telefonato VERB  telefonare 2  ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         3 al         ADP   al         5  case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         4 suo        DET   suo        5  det:poss  Gender=Masc|Number=Sing|Poss=Yes|PronType=Prs         O
         5 omologo    NOUN  omologo    2  obl       Gender=Masc|Number=Sing                               O
         6 ,          PUNCT ,          7  punct     _                                                     O
         7 Marco      PROPN Marco      5  conj      _                                                     B-PER
         8 Rubio      PROPN rubio      7  flat:name _                                                     I-PER
         9 ,          PUNCT ,          12 punct     _                                                     O
        10 e          CCONJ e          12 cc        _                                                     O
        11 al         ADP   al         12 case      Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        12 collega    NOUN  collega    2  conj      Number=Sing                                           O
        13 Rossi      PROPN Rossi      12 nmod      _                                                     B-PER
        14 .          PUNCT .          2  punct     _                                                     O
         """,
         {}),
    Case('no_role_across_comma_to_wrong_person',
         'Per la morte di Ciro Esposito, il sindaco di Napoli ha proclamato il lutto.',
         """
         0 Per        ADP   per        2  case      _                                                     O
         1 la         DET   il         2  det       Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         2 morte      NOUN  morte      12 obl       Gender=Fem|Number=Sing                                O
         3 di         ADP   di         4  case      _                                                     O
         4 Ciro       PROPN Ciro       2  nmod      _                                                     B-PER
         5 Esposito   PROPN Esposito   4  flat:name _                                                     I-PER
         6 ,          PUNCT ,          4  punct     _                                                     O
         7 il         DET   il         8  det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         8 sindaco    NOUN  sindaco    12 nsubj     Gender=Masc|Number=Sing                               O
         9 di         ADP   di         10 case      _                                                     O
        10 Napoli     PROPN Napoli     8  nmod      _                                                     B-LOC
        11 ha         AUX   avere      12 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
        12 proclamato VERB  proclamare 12 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
        13 il         DET   il         14 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
        14 lutto      NOUN  lutto      12 obj       Gender=Masc|Number=Sing                               O
        15 .          PUNCT .          12 punct     _                                                     O
         """,
         {}),
    Case('roles_only_on_people',
         'Il presidente della Fiat ha incontrato il sindaco di Torino.',
         """
         0 Il         DET   il         1 det   Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         1 presidente NOUN  presidente 5 nsubj Gender=Masc|Number=Sing                               O
         2 della      ADP   della      3 case  Definite=Def|Gender=Fem|Number=Sing|PronType=Art      O
         3 Fiat       PROPN Fiat       1 nmod  _                                                     B-ORG
         4 ha         AUX   avere      5 aux   Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
         5 incontrato VERB  incontrare 5 ROOT  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
         6 il         DET   il         7 det   Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
         7 sindaco    NOUN  sindaco    5 obj   Gender=Masc|Number=Sing                               O
         8 di         ADP   di         9 case  _                                                     O
         9 Torino     PROPN Torino     7 nmod  _                                                     B-LOC
        10 .          PUNCT .          5 punct _                                                     O
         """,
         {}),
]


SOPRINTENDENTE = Case('user_lexicon',
    'Il soprintendente Mauro Meli ha parlato.',
    """
      0 Il             DET   il             2 det       Definite=Def|Gender=Masc|Number=Sing|PronType=Art     O
      1 soprintendente ADJ   soprintendente 2 amod      Number=Sing                                           O
      2 Mauro          PROPN Mauro          5 nsubj     _                                                     B-PER
      3 Meli           PROPN Meli           2 flat:name _                                                     I-PER
      4 ha             AUX   avere          5 aux       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin O
      5 parlato        VERB  parlare        5 ROOT      Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part      O
      6 .              PUNCT .              5 punct     _                                                     O
    """,
    {})


# -- the classes of real news: coordination, shared plurals, titles, capacity, resignation --

NEWS_CLASSES = [
    Case('ambiguous_role_after_a_possessive',
         'Quando il loro manager, Robert Stigwood, propose di registrare la colonna sonora.',
         """
         0 Quando       SCONJ quando        8 mark       _                                                       O
         1 il           DET   il            3 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         2 loro         DET   loro          3 det:poss   Poss=Yes|PronType=Prs                                   O
         3 manager      NOUN  manager       8 nsubj      Number=Sing                                             O
         4 ,            PUNCT ,             3 punct      _                                                       O
         5 Robert       PROPN Robert        8 nsubj      _                                                       B-PER
         6 Stigwood     PROPN stigwood      5 flat:name  _                                                       I-PER
         7 ,            PUNCT ,             5 punct      _                                                       O
         8 propose      NOUN  propose       8 ROOT       Gender=Fem|Number=Plur                                  O
         9 di           ADP   di           10 mark       _                                                       O
        10 registrare   VERB  registrare    8 xcomp      VerbForm=Inf                                            O
        11 la           DET   il           12 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        12 colonna      NOUN  colonna      10 obj        Gender=Fem|Number=Sing                                  O
        13 sonora       ADJ   sonoro       12 amod       Gender=Fem|Number=Sing                                  O
        14 .            PUNCT .             8 punct      _                                                       O
         """,
         {'Robert Stigwood': [('manager', 'manager')]}),
    Case('resignation_rassegnato_le_dimissioni_da',
         "Oggi Antonio Fazio ha rassegnato le dimissioni da governatore della Banca d'Italia.",
         """
         0 Oggi         PROPN oggi          4 advmod     _                                                       O
         1 Antonio      PROPN Antonio       0 flat:name  _                                                       B-PER
         2 Fazio        PROPN Fazio         4 nsubj      _                                                       I-PER
         3 ha           AUX   avere         4 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         4 rassegnato   VERB  rassegnare    4 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         5 le           DET   il            6 det        Definite=Def|Gender=Fem|Number=Plur|PronType=Art        O
         6 dimissioni   NOUN  dimissione    4 obj        Gender=Fem|Number=Plur                                  O
         7 da           ADP   da            8 case       _                                                       O
         8 governatore  NOUN  governatore   4 obl        Gender=Masc|Number=Sing                                 O
         9 della        ADP   della        10 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        10 Banca        PROPN banca         8 nmod       _                                                       B-ORG
        11 d'           ADP   di           12 case       _                                                       I-ORG
        12 Italia       PROPN Italia       10 nmod       _                                                       I-ORG
        13 .            PUNCT .             4 punct      _                                                       O
         """,
         {'Antonio Fazio': [("governatore della Banca d'Italia", 'Governor of the Bank of Italy')]}),
    Case('across_comma_name_ends_the_sentence',
         "Non sappiamo nulla, ha detto il portavoce dell'ambasciata, Walter Braunohler.",
         """
         0 Non          ADV   non           1 advmod     PronType=Neg                                            O
         1 sappiamo     VERB  sapere        1 ROOT       Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin   O
         2 nulla        PRON  nulla         1 nsubj      Gender=Masc|Number=Sing|PronType=Ind                    O
         3 ,            PUNCT ,             5 punct      _                                                       O
         4 ha           AUX   avere         5 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         5 detto        VERB  dire          1 conj       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         6 il           DET   il            7 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         7 portavoce    NOUN  portavoce     5 obj        _                                                       O
         8 dell'        ADP   dell'         9 case       Definite=Def|Number=Sing|PronType=Art                   O
         9 ambasciata   NOUN  ambasciata    7 nmod       Gender=Fem|Number=Sing                                  B-ORG
        10 ,            PUNCT ,             5 punct      _                                                       O
        11 Walter       PROPN Walter        5 appos      _                                                       B-PER
        12 Braunohler   PROPN braunohler   11 flat:name  _                                                       I-PER
        13 .            PUNCT .             1 punct      _                                                       O
         """,
         {'Walter Braunohler': [("portavoce dell'ambasciata", 'spokesperson')]}),
    Case('capitalised_head_inside_a_name_is_not_the_prefix',
         "Erano presenti il ct Pierluigi Casiraghi e il presidente dell'Associazione Calciatori Damiano Tommasi.",
         """
         0 Erano        AUX   essere        1 cop        Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin    O
         1 presenti     VERB  presentare    1 ROOT       Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         2 il           DET   il            4 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         3 ct           DET   ct            4 dep        PronType=Rel                                            O
         4 Pierluigi    PROPN Pierluigi     1 obj        _                                                       B-PER
         5 Casiraghi    PROPN Casiraghi     4 flat:name  _                                                       I-PER
         6 e            CCONJ e             8 cc         _                                                       O
         7 il           DET   il            8 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         8 presidente   NOUN  presidente    4 conj       Gender=Masc|Number=Sing                                 O
         9 dell'        ADP   dell'        10 case       Definite=Def|Number=Sing|PronType=Art                   O
        10 Associazione PROPN associazione  8 nmod       _                                                       B-ORG
        11 Calciatori   PROPN calciatori   10 flat:name  _                                                       I-ORG
        12 Damiano      PROPN damiano       4 flat:name  _                                                       B-PER
        13 Tommasi      PROPN Tommasi      12 flat:name  _                                                       I-PER
        14 .            PUNCT .             1 punct      _                                                       O
         """,
         {'Pierluigi Casiraghi': [('ct', 'national coach')], 'Damiano Tommasi': [("presidente dell'Associazione Calciatori", 'president')]}),
    Case('status_nouns_are_not_guessed_roles',
         'Prima della riunione tra gli azionisti Profumo aveva lanciato un appello.',
         """
         0 Prima        ADP   prima         2 case       _                                                       O
         1 della        ADP   della         0 fixed      Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         2 riunione     NOUN  riunione      8 obl        Gender=Fem|Number=Sing                                  O
         3 tra          ADP   tra           5 case       _                                                       O
         4 gli          DET   il            5 det        Definite=Def|Gender=Masc|Number=Plur|PronType=Art       O
         5 azionisti    NOUN  azionista     8 nsubj      Gender=Masc|Number=Plur                                 O
         6 Profumo      PROPN profumo       5 flat:name  _                                                       B-PER
         7 aveva        AUX   avere         8 aux        Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin    O
         8 lanciato     VERB  lanciare      8 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         9 un           DET   uno          10 det        Definite=Ind|Gender=Masc|Number=Sing|PronType=Art       O
        10 appello      NOUN  appello       8 obj        Gender=Masc|Number=Sing                                 O
        11 .            PUNCT .             8 punct      _                                                       O
         """,
         {}),
    Case('enumeration_of_people_is_no_apposition',
         "Tra cui il presidente dell'Assemblea Nazionale Aboubacar Somparé, il presidente della Corte Suprema, capi militari e deputati, si erano riuniti.",
         """
         0 Tra          ADP   tra           1 case       _                                                       O
         1 cui          PRON  cui          23 obl        PronType=Rel                                            O
         2 il           DET   il            3 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         3 presidente   NOUN  presidente   23 nsubj      Gender=Masc|Number=Sing                                 O
         4 dell'        ADP   dell'         5 case       Definite=Def|Number=Sing|PronType=Art                   O
         5 Assemblea    PROPN assemblea     3 nmod       _                                                       B-ORG
         6 Nazionale    PROPN nazionale     5 flat:name  _                                                       I-ORG
         7 Aboubacar    PROPN aboubacar     5 flat:name  _                                                       B-PER
         8 Somparé      PROPN somparé       7 flat:name  _                                                       I-PER
         9 ,            PUNCT ,             3 punct      _                                                       O
        10 il           DET   il           11 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
        11 presidente   NOUN  presidente    3 appos      Gender=Masc|Number=Sing                                 O
        12 della        ADP   della        13 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        13 Corte        PROPN corte        11 nmod       _                                                       B-ORG
        14 Suprema      PROPN suprema      13 flat:name  _                                                       I-ORG
        15 ,            PUNCT ,            16 punct      _                                                       O
        16 capi         NOUN  capo          3 conj       Gender=Masc|Number=Plur                                 O
        17 militari     ADJ   militare     16 amod       Gender=Masc|Number=Plur                                 O
        18 e            CCONJ e            19 cc         _                                                       O
        19 deputati     NOUN  deputato     17 conj       Gender=Masc|Number=Plur                                 O
        20 ,            PUNCT ,             3 punct      _                                                       O
        21 si           PRON  si           23 expl       Clitic=Yes|Person=3|PronType=Prs                        O
        22 erano        AUX   essere       23 aux        Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin    O
        23 riuniti      VERB  riunire      23 ROOT       Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part        O
        24 .            PUNCT .            24 ROOT       _                                                       O
         """,
         {'Aboubacar Somparé': [("presidente dell'Assemblea Nazionale", 'President of Assemblea Nazionale')]}),
    Case('predicate_participle_role_then_coordinated_copula',
         'Pippo Civati è deputato ed è stato consigliere regionale lombardo.',
         """
         0 Pippo        PROPN Pippo         3 nsubj      _                                                       B-PER
         1 Civati       PROPN civati        0 flat:name  _                                                       I-PER
         2 è            AUX   essere        3 aux:pass   Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         3 deputato     VERB  deputare      3 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         4 ed           CCONJ ed            7 cc         _                                                       O
         5 è            AUX   essere        7 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         6 stato        AUX   stare         7 aux:pass   Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         7 consigliere  VERB  consigliera   3 conj       VerbForm=Inf                                            O
         8 regionale    ADJ   regionale     7 xcomp      Number=Sing                                             O
         9 lombardo     ADJ   lombardo      7 xcomp      Gender=Masc|Number=Sing                                 O
        10 .            PUNCT .             3 punct      _                                                       O
         """,
         {'Pippo Civati': [('deputato', 'MP'), ('consigliere regionale lombardo', 'Lombard regional councillor')]}),
    Case('apposition_cut_before_a_relative',
         "Paul Gascoigne, l'ex calciatore del quale si erano perse le tracce, è stato ritrovato.",
         """
         0 Paul         PROPN Paul         10 nsubj      _                                                       B-PER
         1 Gascoigne    PROPN Gascoigne     0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             0 punct      _                                                       O
         3 l'           DET   il            5 det        Definite=Def|Number=Sing|PronType=Art                   O
         4 ex           ADJ   ex            5 amod       _                                                       O
         5 calciatore   NOUN  calciatore   10 nsubj      Gender=Masc|Number=Sing                                 O
         6 del          ADP   del           7 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         7 quale        PRON  quale         5 nmod       Number=Sing|PronType=Rel                                O
         8 si           PRON  si           10 expl:impers Clitic=Yes|Person=3|PronType=Prs                        O
         9 erano        AUX   essere       10 aux        Mood=Ind|Number=Plur|Person=3|Tense=Imp|VerbForm=Fin    O
        10 perse        VERB  perdere      10 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
        11 le           DET   il           12 det        Definite=Def|Gender=Fem|Number=Plur|PronType=Art        O
        12 tracce       NOUN  traccia      10 obj        Gender=Fem|Number=Plur                                  O
        13 ,            PUNCT ,            10 punct      _                                                       O
        14 è            AUX   essere       16 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        15 stato        AUX   stare        16 aux:pass   Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        16 ritrovato    VERB  ritrovare    10 conj       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        17 .            PUNCT .            10 punct      _                                                       O
         """,
         {'Paul Gascoigne': [('ex calciatore', 'former footballer')]}),
    Case('across_comma_after_a_possessive',
         'Il suo avvocato, Carloalberto Pirro, ha dichiarato che è estraneo.',
         """
         0 Il           DET   il            2 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         1 suo          DET   suo           2 det:poss   Gender=Masc|Number=Sing|Poss=Yes|PronType=Prs           O
         2 avvocato     NOUN  avvocato      8 nsubj      Gender=Masc|Number=Sing                                 O
         3 ,            PUNCT ,             2 punct      _                                                       O
         4 Carloalberto PROPN carloalberto  8 nsubj      _                                                       B-PER
         5 Pirro        PROPN pirro         4 flat:name  _                                                       I-PER
         6 ,            PUNCT ,             8 punct      _                                                       O
         7 ha           AUX   avere         8 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         8 dichiarato   VERB  dichiarare    8 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         9 che          SCONJ che          11 mark       _                                                       O
        10 è            AUX   essere       11 cop        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        11 estraneo     NOUN  estraneo      8 ccomp      Gender=Fem|Number=Sing                                  O
        12 .            PUNCT .             8 punct      _                                                       O
         """,
         {'Carloalberto Pirro': [('avvocato', 'lawyer')]}),
    Case('apposition_ends_before_nonche_kinship',
         'La nascita di Enver Hoxha, primo dittatore albanese nonché suo nonno, fu celebrata.',
         """
         0 La           DET   il            1 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         1 nascita      NOUN  nascita      14 nsubj:pass Gender=Fem|Number=Sing                                  O
         2 di           ADP   di            3 case       _                                                       O
         3 Enver        PROPN enver         1 nmod       _                                                       B-PER
         4 Hoxha        PROPN hoxha         3 flat:name  _                                                       I-PER
         5 ,            PUNCT ,             3 punct      _                                                       O
         6 primo        ADJ   primo         7 amod       NumType=Ord                                             O
         7 dittatore    NOUN  dittatore    14 obl        Gender=Masc|Number=Sing                                 O
         8 albanese     ADJ   albanese      7 amod       Number=Sing                                             O
         9 nonché       CCONJ nonché       11 cc         _                                                       O
        10 suo          DET   suo          11 det:poss   Gender=Masc|Number=Sing|Poss=Yes|PronType=Prs           O
        11 nonno        NOUN  nonno         7 conj       Gender=Masc|Number=Sing                                 O
        12 ,            PUNCT ,             7 punct      _                                                       O
        13 fu           AUX   essere       14 aux:pass   Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
        14 celebrata    VERB  celebrare    14 ROOT       Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part         O
        15 .            PUNCT .            14 punct      _                                                       O
         """,
         {'Enver Hoxha': [('dittatore albanese', 'Albanian dictator')]}),
    Case('apposition_list_of_roles',
         'Terenzio Mamiani, poeta, filosofo e scrittore, morì nel 1885.',
         """
         0 Terenzio     PROPN terenzio      9 nsubj      _                                                       B-PER
         1 Mamiani      PROPN mamiani       0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             3 punct      _                                                       O
         3 poeta        NOUN  poeta         0 conj       Gender=Masc|Number=Sing                                 O
         4 ,            PUNCT ,             5 punct      _                                                       O
         5 filosofo     NOUN  filosofo      0 conj       Gender=Masc|Number=Sing                                 O
         6 e            CCONJ e             7 cc         _                                                       O
         7 scrittore    NOUN  scrittore     0 conj       Gender=Masc|Number=Sing                                 O
         8 ,            PUNCT ,             0 punct      _                                                       O
         9 morì         VERB  morire        9 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
        10 nel          ADP   nel          11 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
        11 1885         NUM   1885          9 obl        NumType=Card                                            O
        12 .            PUNCT .             9 punct      _                                                       O
         """,
         {'Terenzio Mamiani': [('poeta', 'poet'), ('filosofo', 'philosopher'), ('scrittore', 'writer')]}),
    Case('passive_participle_is_no_role',
         'Non è vero che la signorina Pasquinelli sia stata delegata o mandata a Roma.',
         """
         0 Non          ADV   non           2 advmod     PronType=Neg                                            O
         1 è            AUX   essere        2 cop        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         2 vero         ADJ   vero          2 ROOT       Gender=Masc|Number=Sing                                 O
         3 che          SCONJ che           9 mark       _                                                       O
         4 la           DET   il            5 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         5 signorina    NOUN  signorina     9 nsubj:pass Gender=Fem|Number=Sing                                  O
         6 Pasquinelli  PROPN pasquinelli   5 nmod       _                                                       B-PER
         7 sia          AUX   essere        9 aux        Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         8 stata        AUX   stare         9 aux:pass   Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part         O
         9 delegata     VERB  delegare      2 ccomp      Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part         O
        10 o            CCONJ o            11 cc         _                                                       O
        11 mandata      ADJ   mandata       9 conj       Gender=Fem|Number=Sing                                  O
        12 a            ADP   a            13 case       _                                                       O
        13 Roma         PROPN Roma          9 obl        _                                                       B-LOC
        14 .            PUNCT .             2 punct      _                                                       O
         """,
         {}),
    Case('title_alone_tagged_as_a_name',
         'Legge un telegramma del Capoclub parlamentare Dott. Conci, che smentisce.',
         """
         0 Legge        VERB  leggere       0 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         1 un           DET   uno           2 det        Definite=Ind|Gender=Masc|Number=Sing|PronType=Art       O
         2 telegramma   NOUN  telegramma    0 nsubj      Gender=Masc|Number=Sing                                 O
         3 del          ADP   del           4 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         4 Capoclub     PROPN capoclub      2 nmod       _                                                       B-ORG
         5 parlamentare ADJ   parlamentare  4 amod       Number=Sing                                             I-ORG
         6 Dott         PROPN dott          4 flat:name  _                                                       B-PER
         7 .            PUNCT .             0 punct      _                                                       O
         8 Conci        PROPN conci         8 ROOT       _                                                       B-PER
         9 ,            PUNCT ,             8 punct      _                                                       O
        10 che          PRON  che          11 nsubj      PronType=Rel                                            O
        11 smentisce    VERB  smentire      8 acl:relcl  Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        12 .            PUNCT .             8 punct      _                                                       O
         """,
         {'Conci': [('parlamentare', 'MP')]}),
    Case('shared_apposition_entrambi',
         'Si tratta di Elisabetta Rosaspina e Giuseppe Sarcina, entrambi inviati del Corriere della Sera.',
         """
         0 Si           PRON  si            1 expl       Clitic=Yes|Person=3|PronType=Prs                        O
         1 tratta       VERB  trattare      1 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         2 di           ADP   di            3 case       _                                                       O
         3 Elisabetta   PROPN Elisabetta    1 obl        _                                                       B-PER
         4 Rosaspina    PROPN rosaspina     3 flat:name  _                                                       I-PER
         5 e            CCONJ e             6 cc         _                                                       O
         6 Giuseppe     PROPN Giuseppe      3 conj       _                                                       B-PER
         7 Sarcina      PROPN sarcina       6 flat:name  _                                                       I-PER
         8 ,            PUNCT ,             9 punct      _                                                       O
         9 entrambi     DET   entrambi      3 conj       Gender=Masc|Number=Plur|PronType=Ind                    O
        10 inviati      ADJ   inviato       9 amod       Gender=Masc|Number=Plur                                 O
        11 del          ADP   del          12 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
        12 Corriere     PROPN Corriere      9 nmod       _                                                       B-ORG
        13 della        ADP   della        14 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        I-ORG
        14 Sera         PROPN Sera         12 nmod       _                                                       I-ORG
        15 .            PUNCT .             1 punct      _                                                       O
         """,
         {'Elisabetta Rosaspina': [('inviati del Corriere della Sera', 'Envoy of Corriere della Sera')], 'Giuseppe Sarcina': [('inviati del Corriere della Sera', 'Envoy of Corriere della Sera')]}),
    Case('shared_apposition_i_due',
         'Mario Rossi e Luca Bianchi, i due volontari italiani rapiti in Somalia, sono liberi.',
         """
         0 Mario        PROPN Mario        15 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 e            CCONJ e             3 cc         _                                                       O
         3 Luca         PROPN Luca          0 conj       _                                                       B-PER
         4 Bianchi      PROPN Bianchi       3 flat:name  _                                                       I-PER
         5 ,            PUNCT ,             0 punct      _                                                       O
         6 i            DET   il           10 det        Definite=Def|Gender=Masc|Number=Plur|PronType=Art       O
         7 due          NUM   due           9 nummod     NumType=Card                                            O
         8 volontari    ADJ   volontario    9 amod       Gender=Masc|Number=Plur                                 O
         9 italiani     ADJ   italiano     10 amod       Gender=Masc|Number=Plur                                 O
        10 rapiti       VERB  rapire        0 appos      Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part        O
        11 in           ADP   in           12 case       _                                                       O
        12 Somalia      PROPN Somalia      10 nmod       _                                                       B-LOC
        13 ,            PUNCT ,             0 punct      _                                                       O
        14 sono         AUX   essere       15 cop        Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin   O
        15 liberi       ADJ   libero       15 ROOT       Gender=Masc|Number=Plur                                 O
        16 .            PUNCT .            15 punct      _                                                       O
         """,
         {'Mario Rossi': [('volontari italiani', 'Italian volunteer')], 'Luca Bianchi': [('volontari italiani', 'Italian volunteer')]}),
    Case('apposition_compound_adjective',
         'Lo ha annunciato Ramzan Kadirov, premier ceceno filo-russo, che ha poi aggiunto altro.',
         """
         0 Lo           PRON  lo            2 iobj       Clitic=Yes|Gender=Masc|Number=Sing|Person=3|PronType=Prs O
         1 ha           AUX   avere         2 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         2 annunciato   VERB  annunciare    2 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         3 Ramzan       PROPN ramzan        2 nsubj      _                                                       B-PER
         4 Kadirov      PROPN kadirov       3 flat:name  _                                                       I-PER
         5 ,            PUNCT ,             3 punct      _                                                       O
         6 premier      NUM   premier       2 appos      NumType=Card                                            O
         7 ceceno       NOUN  ceceno        2 obj        Gender=Masc|Number=Sing                                 O
         8 filo         NOUN  filo          7 compound   Gender=Masc|Number=Sing                                 O
         9 -            PUNCT -             8 punct      _                                                       O
        10 russo        ADJ   russo         8 amod       Gender=Masc|Number=Sing                                 O
        11 ,            PUNCT ,             8 punct      _                                                       O
        12 che          PRON  che          15 nsubj      PronType=Rel                                            O
        13 ha           AUX   avere        15 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        14 poi          ADV   poi          15 advmod     _                                                       O
        15 aggiunto     VERB  aggiuntare    7 acl:relcl  Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        16 altro        ADJ   altro        15 obj        Gender=Masc|Number=Sing                                 O
        17 .            PUNCT .             2 punct      _                                                       O
         """,
         {'Ramzan Kadirov': [('premier ceceno filo-russo', 'Chechen prime minister')]}),
    Case('apposition_age_and_role_mistagged',
         'Il ragazzo, Gabriele Sandri, 28enne dj romano, era coinvolto in una rissa.',
         """
         0 Il           DET   il            1 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         1 ragazzo      NOUN  ragazzo      11 nsubj:pass Gender=Masc|Number=Sing                                 O
         2 ,            PUNCT ,             3 punct      _                                                       O
         3 Gabriele     PROPN Gabriele      1 conj       _                                                       B-PER
         4 Sandri       PROPN sandri        3 flat:name  _                                                       I-PER
         5 ,            PUNCT ,             6 punct      _                                                       O
         6 28enne       NUM   28enne        1 conj       NumType=Card                                            O
         7 dj           ADP   dj            8 case       _                                                       O
         8 romano       NOUN  romano        1 nmod       Gender=Masc|Number=Sing                                 O
         9 ,            PUNCT ,             1 punct      _                                                       O
        10 era          AUX   essere       11 aux:pass   Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin    O
        11 coinvolto    VERB  coinvolgere  11 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        12 in           ADP   in           14 case       _                                                       O
        13 una          DET   uno          14 det        Definite=Ind|Gender=Fem|Number=Sing|PronType=Art        O
        14 rissa        NOUN  rissa        11 obl        Gender=Fem|Number=Sing                                  O
        15 .            PUNCT .            11 punct      _                                                       O
         """,
         {'Gabriele Sandri': [('dj romano', 'Roman DJ')]}),
    Case('across_comma_age_left_out',
         'Una studentessa sedicenne, Melissa Bassi, originaria di Mesagne, è morta.',
         """
         0 Una          DET   uno           2 det        Definite=Ind|Gender=Fem|Number=Sing|PronType=Art        O
         1 studentessa  NOUN  studentessa   2 amod       Gender=Fem|Number=Sing                                  O
         2 sedicenne    VERB  sedicenne     2 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
         3 ,            PUNCT ,             4 punct      _                                                       O
         4 Melissa      PROPN melissa       2 conj       _                                                       B-PER
         5 Bassi        PROPN Bassi         4 flat:name  _                                                       I-PER
         6 ,            PUNCT ,             7 punct      _                                                       O
         7 originaria   ADJ   originario    2 conj       Gender=Fem|Number=Sing                                  O
         8 di           ADP   di            9 case       _                                                       O
         9 Mesagne      PROPN mesagne       2 nmod       _                                                       B-LOC
        10 ,            PUNCT ,            12 punct      _                                                       O
        11 è            AUX   essere       12 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        12 morta        VERB  morire        2 conj       Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part         O
        13 .            PUNCT .             2 punct      _                                                       O
         """,
         {'Melissa Bassi': [('studentessa', 'student')]}),
    Case('party_member_is_not_a_role',
         'Mentre il leghista Calderoli rincara la dose.',
         """
         0 Mentre       SCONJ mentre        4 mark       _                                                       O
         1 il           DET   il            2 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         2 leghista     NOUN  leghista      4 nsubj      Number=Sing                                             O
         3 Calderoli    PROPN calderoli     2 nmod       _                                                       B-PER
         4 rincara      VERB  rincarare     4 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         5 la           DET   il            6 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         6 dose         NOUN  dose          4 obj        Gender=Fem|Number=Plur                                  O
         7 .            PUNCT .             4 punct      _                                                       O
         """,
         {}),
    Case('parsed_predicate_past_an_adverb_and_superlative',
         'Guglielmo Alessandro è ora il più giovane sovrano europeo.',
         """
         0 Guglielmo    PROPN Guglielmo     7 nsubj      _                                                       B-PER
         1 Alessandro   PROPN Alessandro    0 flat:name  _                                                       I-PER
         2 è            AUX   essere        7 cop        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         3 ora          ADV   ora           2 advmod     _                                                       O
         4 il           DET   il            7 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         5 più          ADV   molto         6 advmod     _                                                       O
         6 giovane      ADJ   giovane       7 amod       Number=Sing                                             O
         7 sovrano      NOUN  sovrano       7 ROOT       Gender=Masc|Number=Sing                                 O
         8 europeo      ADJ   europeo       7 amod       Gender=Masc|Number=Sing                                 O
         9 .            PUNCT .             7 punct      _                                                       O
         """,
         {'Guglielmo Alessandro': [('sovrano europeo', 'European sovereign')]}),
    Case('parsed_apposition_past_an_insertion',
         'Mario Rossi, da tempo malato e ricoverato a Roma, il noto attore, è morto ieri.',
         """
         0 Mario        PROPN Mario        16 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             0 punct      _                                                       O
         3 da           ADP   da            4 case       _                                                       O
         4 tempo        NOUN  tempo         0 nmod       Gender=Masc|Number=Sing                                 O
         5 malato       ADJ   malato        4 amod       Gender=Masc|Number=Sing                                 O
         6 e            CCONJ e             7 cc         _                                                       O
         7 ricoverato   VERB  ricoverare    0 conj       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         8 a            ADP   a             9 case       _                                                       O
         9 Roma         PROPN Roma          7 obl        _                                                       B-LOC
        10 ,            PUNCT ,            13 punct      _                                                       O
        11 il           DET   il           13 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
        12 noto         ADJ   noto         13 amod       Gender=Masc|Number=Sing                                 O
        13 attore       NOUN  attore        0 appos      Gender=Masc|Number=Sing                                 O
        14 ,            PUNCT ,            16 punct      _                                                       O
        15 è            AUX   essere       16 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        16 morto        VERB  morire       16 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        17 ieri         ADV   ieri         16 advmod     _                                                       O
        18 .            PUNCT .            16 punct      _                                                       O
         """,
         {'Mario Rossi': [('attore', 'actor')]}),
    Case('parsed_predicate_after_relative_clause',
         'Mario Rossi, che da anni vive a Roma, è un noto oncologo.',
         """
         0 Mario        PROPN Mario        13 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             0 punct      _                                                       O
         3 che          SCONJ che           6 nsubj      _                                                       O
         4 da           ADP   da            5 case       _                                                       O
         5 anni         NOUN  anno          6 obl        Gender=Masc|Number=Plur                                 O
         6 vive         ADJ   vivo          0 acl:relcl  Gender=Fem|Number=Plur                                  O
         7 a            ADP   a             8 case       _                                                       O
         8 Roma         PROPN Roma          6 obl        _                                                       B-LOC
         9 ,            PUNCT ,            13 punct      _                                                       O
        10 è            AUX   essere       13 cop        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        11 un           DET   uno          13 det        Definite=Ind|Gender=Masc|Number=Sing|PronType=Art       O
        12 noto         ADJ   noto         13 amod       Gender=Masc|Number=Sing                                 O
        13 oncologo     NOUN  oncologo     13 ROOT       Gender=Masc|Number=Sing                                 O
        14 .            PUNCT .            13 punct      _                                                       O
         """,
         {'Mario Rossi': [('oncologo', 'oncologist')]}),
    Case('name_qualifying_a_noun_takes_no_apposition',
         'Fu sottosegretario nel primo governo De Gasperi, membro della delegazione italiana.',
         """
         0 Fu           AUX   essere        1 cop        Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
         1 sottosegretario ADJ   sottosegretario  1 ROOT       Gender=Masc|Number=Sing                                 O
         2 nel          ADP   nel           4 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         3 primo        ADJ   primo         4 amod       Gender=Masc|NumType=Ord|Number=Sing                     O
         4 governo      NOUN  governo       1 obl        Gender=Masc|Number=Sing                                 O
         5 De           PROPN De            4 nmod       _                                                       B-PER
         6 Gasperi      PROPN Gasperi       5 flat:name  _                                                       I-PER
         7 ,            PUNCT ,             4 punct      _                                                       O
         8 membro       NOUN  membro        4 appos      Gender=Masc|Number=Sing                                 O
         9 della        ADP   della        10 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        10 delegazione  NOUN  delegazione   8 nmod       Gender=Fem|Number=Sing                                  O
        11 italiana     ADJ   italiano     10 amod       Gender=Fem|Number=Sing                                  O
        12 .            PUNCT .             1 punct      _                                                       O
         """,
         {}),
    Case('apposition_yields_to_next_name_prefix',
         "Dopo il discorso del Pieper, il presidente dell'adunanza, deputato Trimborn, disse che la seduta era chiusa.",
         """
         0 Dopo         ADP   dopo          2 case       _                                                       O
         1 il           DET   il            2 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         2 discorso     NOUN  discorso     14 obl        Gender=Masc|Number=Sing                                 O
         3 del          ADP   del           4 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         4 Pieper       PROPN pieper        2 nmod       _                                                       B-PER
         5 ,            PUNCT ,             2 punct      _                                                       O
         6 il           DET   il            7 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         7 presidente   NOUN  presidente   14 nsubj      Gender=Masc|Number=Sing                                 O
         8 dell'        ADP   dell'         9 case       Definite=Def|Number=Sing|PronType=Art                   O
         9 adunanza     NOUN  adunanza      7 nmod       Gender=Fem|Number=Sing                                  O
        10 ,            PUNCT ,             7 punct      _                                                       O
        11 deputato     VERB  deputare      7 acl        Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        12 Trimborn     PROPN trimborn     11 nmod       _                                                       B-PER
        13 ,            PUNCT ,             7 punct      _                                                       O
        14 disse        VERB  dire         14 ROOT       Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
        15 che          SCONJ che          19 mark       _                                                       O
        16 la           DET   il           17 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        17 seduta       NOUN  seduta       19 nsubj:pass Gender=Fem|Number=Sing                                  O
        18 era          AUX   essere       19 aux:pass   Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin    O
        19 chiusa       VERB  chiudere     14 ccomp      Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part         O
        20 .            PUNCT .            14 punct      _                                                       O
         """,
         {'Trimborn': [('deputato', 'MP')]}),
    Case('politics_is_not_a_politician',
         'La politica del gabinetto Bonomi fu criticata dal giornale.',
         """
         0 La           DET   il            1 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         1 politica     NOUN  politica      6 nsubj:pass Gender=Fem|Number=Sing                                  O
         2 del          ADP   del           3 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         3 gabinetto    NOUN  gabinetto     1 nmod       Gender=Masc|Number=Sing                                 O
         4 Bonomi       PROPN Bonomi        6 nsubj:pass _                                                       B-PER
         5 fu           AUX   essere        6 aux:pass   Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin   O
         6 criticata    VERB  criticare     6 ROOT       Gender=Fem|Number=Sing|Tense=Past|VerbForm=Part         O
         7 dal          ADP   dal           8 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         8 giornale     NOUN  giornale      6 obl:agent  Gender=Masc|Number=Sing                                 O
         9 .            PUNCT .             6 punct      _                                                       O
         """,
         {}),
    Case('predicate_after_age_insertion_two_roles',
         'Mario Chiang, cinquantaseienne, era presidente e CEO di MSI dal gennaio 2019.',
         """
         0 Mario        PROPN Mario         6 nsubj      _                                                       B-PER
         1 Chiang       PROPN chiang        0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             3 punct      _                                                       O
         3 cinquantaseienne NOUN  cinquantaseienne  0 conj       Gender=Fem|Number=Plur                                  O
         4 ,            PUNCT ,             6 punct      _                                                       O
         5 era          AUX   essere        6 cop        Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin    O
         6 presidente   NOUN  presidente    6 ROOT       Gender=Masc|Number=Sing                                 O
         7 e            CCONJ e             8 cc         _                                                       O
         8 CEO          PROPN ceo           6 conj       _                                                       O
         9 di           ADP   di           10 case       _                                                       O
        10 MSI          PROPN msi           8 nmod       _                                                       B-ORG
        11 dal          ADP   dal          12 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
        12 gennaio      NOUN  gennaio       6 nmod       Gender=Masc|Number=Sing                                 O
        13 2019         NUM   2019         12 flat       NumType=Card                                            O
        14 .            PUNCT .             6 punct      _                                                       O
         """,
         {'Mario Chiang': [('presidente', 'president'), ('CEO di MSI', 'CEO of MSI')]}),
    Case('joined_prefix_two_roles',
         "L'attore e regista Roberto Benigni ha vinto.",
         """
         0 L'           DET   il            1 det        Definite=Def|Number=Sing|PronType=Art                   O
         1 attore       NOUN  attore        7 nsubj      Gender=Masc|Number=Sing                                 O
         2 e            CCONJ e             3 cc         _                                                       O
         3 regista      NOUN  regista       1 conj       Number=Sing                                             O
         4 Roberto      PROPN Roberto       1 nmod       _                                                       B-PER
         5 Benigni      PROPN Benigni       4 flat:name  _                                                       I-PER
         6 ha           AUX   avere         7 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         7 vinto        VERB  vincere       7 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         8 .            PUNCT .             7 punct      _                                                       O
         """,
         {'Roberto Benigni': [('attore', 'actor'), ('regista', 'director')]}),
    Case('honorific_after_comma_does_not_block',
         'Il procuratore capo di Palermo, dott. Francesco Messineo, ha parlato.',
         """
         0 Il           DET   il            1 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         1 procuratore  NOUN  procuratore   1 ROOT       Gender=Masc|Number=Sing                                 O
         2 capo         ADJ   capo          1 amod       Gender=Masc|Number=Sing                                 O
         3 di           ADP   di            4 case       _                                                       O
         4 Palermo      PROPN Palermo       2 nmod       _                                                       B-LOC
         5 ,            PUNCT ,             6 punct      _                                                       O
         6 dott         NOUN  dott          1 conj       _                                                       O
         7 .            PUNCT .             1 punct      _                                                       O
         8 Francesco    PROPN Francesco    12 nsubj      _                                                       B-PER
         9 Messineo     PROPN messineo      8 flat:name  _                                                       I-PER
        10 ,            PUNCT ,            12 punct      _                                                       O
        11 ha           AUX   avere        12 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        12 parlato      VERB  parlare      12 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        13 .            PUNCT .            12 punct      _                                                       O
         """,
         {'Francesco Messineo': [('procuratore capo di Palermo', 'Chief prosecutor of Palermo')]}),
    Case('shared_plural_across_comma',
         'I capigruppo di Forza Italia, Elio Vito e Renato Schifani, hanno chiesto.',
         """
         0 I            DET   il            1 det        Definite=Def|Gender=Masc|Number=Plur|PronType=Art       O
         1 capigruppo   NOUN  capogruppo   13 nsubj      Gender=Masc|Number=Sing                                 O
         2 di           ADP   di            3 case       _                                                       O
         3 Forza        PROPN Forza         1 nmod       _                                                       B-ORG
         4 Italia       PROPN Italia        3 flat:name  _                                                       I-ORG
         5 ,            PUNCT ,             6 punct      _                                                       O
         6 Elio         PROPN Elio          3 conj       _                                                       B-PER
         7 Vito         PROPN Vito          6 flat:name  _                                                       I-PER
         8 e            CCONJ e             9 cc         _                                                       O
         9 Renato       PROPN Renato        6 conj       _                                                       B-PER
        10 Schifani     PROPN schifani      9 flat:name  _                                                       I-PER
        11 ,            PUNCT ,             6 punct      _                                                       O
        12 hanno        AUX   avere        13 aux        Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin   O
        13 chiesto      VERB  chiedere     13 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        14 .            PUNCT .            13 punct      _                                                       O
         """,
         {'Elio Vito': [('capigruppo di Forza Italia', 'Group leader of Forza Italia')], 'Renato Schifani': [('capigruppo di Forza Italia', 'Group leader of Forza Italia')]}),
    Case('joined_across_comma',
         "L'ex sindaco di Roma e segretario del Partito democratico, Walter Veltroni, ha parlato.",
         """
         0 L'           DET   il            2 det        Definite=Def|Number=Sing|PronType=Art                   O
         1 ex           ADJ   ex            2 amod       _                                                       O
         2 sindaco      NOUN  sindaco      15 obl        Gender=Masc|Number=Sing                                 O
         3 di           ADP   di            4 case       _                                                       O
         4 Roma         PROPN Roma          2 nmod       _                                                       B-LOC
         5 e            CCONJ e             6 cc         _                                                       O
         6 segretario   NOUN  segretario    4 conj       Gender=Masc|Number=Sing                                 O
         7 del          ADP   del           8 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         8 Partito      NOUN  partito       6 nmod       Gender=Masc|Number=Sing                                 B-ORG
         9 democratico  ADJ   democratico   8 amod       Gender=Masc|Number=Sing                                 I-ORG
        10 ,            PUNCT ,             2 punct      _                                                       O
        11 Walter       PROPN Walter       15 nsubj      _                                                       B-PER
        12 Veltroni     PROPN Veltroni     11 flat:name  _                                                       I-PER
        13 ,            PUNCT ,            15 punct      _                                                       O
        14 ha           AUX   avere        15 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        15 parlato      VERB  parlare      15 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        16 .            PUNCT .            15 punct      _                                                       O
         """,
         {'Walter Veltroni': [('ex sindaco di Roma', 'former mayor of Rome'), ('segretario del Partito democratico', 'secretary')]}),
    Case('apposition_unknown_noun_after_adjective',
         'Mario Rossi, noto bancarellista, ha parlato.',
         """
         0 Mario        PROPN Mario         7 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             4 punct      _                                                       O
         3 noto         ADJ   noto          4 amod       Gender=Masc|Number=Sing                                 O
         4 bancarellista NOUN  bancarellista  0 conj       Gender=Fem|Number=Sing                                  O
         5 ,            PUNCT ,             7 punct      _                                                       O
         6 ha           AUX   avere         7 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         7 parlato      VERB  parlare       7 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         8 .            PUNCT .             7 punct      _                                                       O
         """,
         {'Mario Rossi': [('bancarellista', '')]}),
    Case('predicate_nonche',
         'Luca Rossi era sindaco di Roma, nonché presidente della Provincia.',
         """
         0 Luca         PROPN Luca          3 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 era          AUX   essere        3 cop        Mood=Ind|Number=Sing|Person=3|Tense=Imp|VerbForm=Fin    O
         3 sindaco      ADJ   sindaco       3 ROOT       Number=Sing                                             O
         4 di           ADP   di            5 case       _                                                       O
         5 Roma         PROPN Roma          3 obl        _                                                       B-LOC
         6 ,            PUNCT ,             8 punct      _                                                       O
         7 nonché       CCONJ nonché        8 cc         _                                                       O
         8 presidente   NOUN  presidente    5 conj       Gender=Masc|Number=Sing                                 O
         9 della        ADP   della        10 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        10 Provincia    PROPN Provincia     8 nmod       _                                                       B-ORG
        11 .            PUNCT .             3 punct      _                                                       O
         """,
         {'Luca Rossi': [('sindaco di Roma', 'Mayor of Rome'), ('presidente della Provincia', 'President of the Province')]}),
    Case('capacity_in_qualita_di',
         'Mario Rossi, in qualità di presidente della Regione, ha firmato.',
         """
         0 Mario        PROPN Mario        11 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             0 punct      _                                                       O
         3 in           ADP   in            4 case       _                                                       O
         4 qualità      NOUN  qualità      11 obl        Gender=Fem                                              O
         5 di           ADP   di            6 case       _                                                       O
         6 presidente   NOUN  presidente    4 nmod       Gender=Masc|Number=Sing                                 O
         7 della        ADP   della         8 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         8 Regione      PROPN regione       6 nmod       _                                                       B-ORG
         9 ,            PUNCT ,            11 punct      _                                                       O
        10 ha           AUX   avere        11 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        11 firmato      VERB  firmare      11 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        12 .            PUNCT .            11 punct      _                                                       O
         """,
         {'Mario Rossi': [('presidente della Regione', 'President of the Region')]}),
    Case('resignation_si_e_dimesso',
         'Mario Rossi si è dimesso da presidente della Regione.',
         """
         0 Mario        PROPN Mario         4 nsubj      _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 si           PRON  si            4 expl       Clitic=Yes|Person=3|PronType=Prs                        O
         3 è            AUX   essere        4 aux:pass   Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
         4 dimesso      VERB  dimettere     4 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
         5 da           ADP   da            6 case       _                                                       O
         6 presidente   NOUN  presidente    4 obl        Gender=Masc|Number=Sing                                 O
         7 della        ADP   della         8 case       Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         8 Regione      PROPN regione       6 nmod       _                                                       B-ORG
         9 .            PUNCT .             4 punct      _                                                       O
         """,
         {'Mario Rossi': [('presidente della Regione', 'President of the Region')]}),
    Case('resignation_dimissioni_di',
         'Le dimissioni di Mario Rossi da direttore artistico del Festival sono arrivate.',
         """
         0 Le           DET   il            1 det        Definite=Def|Gender=Fem|Number=Plur|PronType=Art        O
         1 dimissioni   NOUN  dimissione   11 nsubj:pass Gender=Fem|Number=Plur                                  O
         2 di           ADP   di            3 case       _                                                       O
         3 Mario        PROPN Mario         1 nmod       _                                                       B-PER
         4 Rossi        PROPN Rossi         3 flat:name  _                                                       I-PER
         5 da           ADP   da            6 case       _                                                       O
         6 direttore    NOUN  direttore     3 nmod       Gender=Masc|Number=Sing                                 O
         7 artistico    ADJ   artistico     6 amod       Gender=Masc|Number=Sing                                 O
         8 del          ADP   del           9 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         9 Festival     PROPN Festival      6 nmod       _                                                       O
        10 sono         AUX   essere       11 aux:pass   Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin   O
        11 arrivate     VERB  arrivare     11 ROOT       Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part         O
        12 .            PUNCT .            11 punct      _                                                       O
         """,
         {'Mario Rossi': [('direttore artistico del Festival', 'Artistic director of Festival')]}),
    Case('shared_plural_after_preposition',
         'La caduta dei fantini Andrea Ghiani e Luigi Mulas ha fermato la corsa.',
         """
         0 La           DET   il            1 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
         1 caduta       NOUN  caduta       10 nsubj      Gender=Fem|Number=Sing                                  O
         2 dei          ADP   del           3 case       Definite=Def|Gender=Masc|Number=Plur|PronType=Art       O
         3 fantini      NOUN  fantino       1 nmod       Gender=Masc|Number=Plur                                 O
         4 Andrea       PROPN Andrea       10 nsubj      _                                                       B-PER
         5 Ghiani       PROPN ghiani        4 flat:name  _                                                       I-PER
         6 e            CCONJ e             7 cc         _                                                       O
         7 Luigi        PROPN Luigi         4 conj       _                                                       B-PER
         8 Mulas        PROPN mulas         7 flat:name  _                                                       I-PER
         9 ha           AUX   avere        10 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        10 fermato      VERB  fermare      10 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        11 la           DET   il           12 det        Definite=Def|Gender=Fem|Number=Sing|PronType=Art        O
        12 corsa        NOUN  corsa        10 obj        Gender=Fem|Number=Sing                                  O
        13 .            PUNCT .            10 punct      _                                                       O
         """,
         {'Andrea Ghiani': [('fantini', 'jockey')], 'Luigi Mulas': [('fantini', 'jockey')]}),
    Case('apposition_article_adjective_complement',
         'Mario Rossi, il giocatore inglese del Bolton, è stato operato.',
         """
         0 Mario        PROPN Mario        11 nsubj:pass _                                                       B-PER
         1 Rossi        PROPN Rossi         0 flat:name  _                                                       I-PER
         2 ,            PUNCT ,             4 punct      _                                                       O
         3 il           DET   il            4 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         4 giocatore    NOUN  giocatore     0 conj       Gender=Masc|Number=Sing                                 O
         5 inglese      ADJ   inglese       4 amod       Number=Sing                                             O
         6 del          ADP   del           7 case       Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         7 Bolton       PROPN bolton        4 nmod       _                                                       B-LOC
         8 ,            PUNCT ,            11 punct      _                                                       O
         9 è            AUX   essere       11 aux        Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin   O
        10 stato        AUX   stare        11 aux:pass   Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        11 operato      VERB  operare      11 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        12 .            PUNCT .            11 punct      _                                                       O
         """,
         {'Mario Rossi': [('giocatore inglese del Bolton', 'English player of Bolton')]}),
    Case('honorific_is_not_a_role',
         'Il dottor Mario Rossi e don Luigi Bianchi hanno parlato.',
         """
         0 Il           DET   il            1 det        Definite=Def|Gender=Masc|Number=Sing|PronType=Art       O
         1 dottor       NOUN  dottore       9 nsubj      Gender=Masc|Number=Sing                                 O
         2 Mario        PROPN Mario         1 nmod       _                                                       B-PER
         3 Rossi        PROPN Rossi         2 flat:name  _                                                       I-PER
         4 e            CCONJ e             5 cc         _                                                       O
         5 don          PROPN don           2 conj       _                                                       O
         6 Luigi        PROPN Luigi         5 flat:name  _                                                       B-PER
         7 Bianchi      PROPN Bianchi       6 flat:name  _                                                       I-PER
         8 hanno        AUX   avere         9 aux        Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin   O
         9 parlato      VERB  parlare       9 ROOT       Gender=Masc|Number=Sing|Tense=Past|VerbForm=Part        O
        10 .            PUNCT .             9 punct      _                                                       O
         """,
         {}),
]


#: Cases the shipped classifier gets wrong (it learns from the annotations; these rules
#: cases were written for the hand-written constructions): a retrained model that gets one
#: right makes its test fail, so that it goes back to the plain list.
KNOWN_MISSES = {
    "enumeration_of_people_is_no_apposition": "the classifier takes the list's second item "
                                              "for an apposition of the first name",
}


def _cases(cases: list[Case]) -> list:
    return [pytest.param(c, id=c.id, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c.id]))
            if c.id in KNOWN_MISSES else pytest.param(c, id=c.id) for c in cases]


def _check(case: Case) -> None:
    assert roles_found(case) == case.roles


@pytest.mark.parametrize("case", _cases(PREFIX))
def test_prefix(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(ACROSS_COMMA))
def test_prefix_across_comma(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(TITLE_IN_NAME))
def test_title_in_name(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(APPOSITION))
def test_apposition(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(PARENTHESIS))
def test_parenthesis(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(PREDICATE))
def test_predicate(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(NEWS_CLASSES))
def test_news_classes(case):
    _check(case)


@pytest.mark.parametrize("case", _cases(NO_ROLE))
def test_no_role(case):
    _check(case)


def test_every_construction_of_the_registry_has_a_case():
    """Each construction of the registry proposes a candidate on at least one case."""
    from tui.nlp.lexicon import load_lexicon
    from tui.nlp.roles.attach import people_of
    from tui.nlp.roles.constructions import CONSTRUCTIONS, Context
    from tui.nlp.roles.matcher import Chunk
    from tui.nlp.roles.phrases import role_phrases

    used = set()
    for case in PREFIX + ACROSS_COMMA + TITLE_IN_NAME + APPOSITION + PARENTHESIS + PREDICATE + NEWS_CLASSES:
        doc = parsed(case.text, case.table)
        chunk = Chunk(doc, 0, annotations(doc), load_lexicon())
        people = people_of(chunk)
        ctx = Context(chunk, role_phrases(chunk), {p.start: p for p in people})
        used |= {c.__name__ for c in CONSTRUCTIONS for p in people if c(ctx, p)}
    assert used == {c.__name__ for c in CONSTRUCTIONS}


def test_table_reproduces_its_sentence():
    case = PREFIX[0]
    doc = parsed(case.text, case.table)
    assert doc.text == case.text
    assert [t.head.i for t in doc] == [1, 8, 3, 1, 3, 8, 5, 8, 8, 8, 11, 8, 8]
    assert [(e.text, e.label_) for e in doc.ents] == [("Serghei Lavrov", "PER"), ("Mosca", "LOC")]
    assert doc[1].morph.get("Number") == ["Sing"] and doc[3].lemma_ == "estero"


# -- lexicon --------------------------------------------------------------------------


def test_inflections():
    assert {"ministra", "ministri", "ministre"} <= lexicon.inflections("ministro")
    assert "presidentessa" in lexicon.inflections("presidente")
    assert "direttrice" in lexicon.inflections("direttore")
    assert {"segretaria", "segretari"} <= lexicon.inflections("segretario")
    assert "sindaca" in lexicon.inflections("sindaco")
    assert lexicon.inflections("della") == {"della"}  # a function word is not a feminine


def test_shipped_lexicons_have_headers():
    for name in (lexicon.ROLES_FILE, lexicon.PLACES_FILE):
        text = (lexicon.DATA_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("#") and "user_config_dir" in text


def test_read_tsv_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("# header\n\n  # indented comment\na\t b \tc\nd\n", encoding="utf-8")
    assert list(lexicon.read_tsv(path)) == [["a", "b", "c"], ["d"]]


def test_lexicon_paths_follow_the_configuration_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    shipped, user = lexicon.lexicon_paths()
    assert shipped == (lexicon.DATA_DIR / lexicon.ROLES_FILE, lexicon.DATA_DIR / lexicon.PLACES_FILE)
    assert user == (tmp_path / lexicon.ROLES_FILE, tmp_path / lexicon.PLACES_FILE)
    assert lexicon.lexicon_paths(user=False) == [shipped]


@pytest.fixture
def user_lexicon(tmp_path, monkeypatch):
    """A configuration folder of this test's own; the lexicon is read again from it."""
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    lexicon.reload_lexicon()
    yield tmp_path
    monkeypatch.undo()
    lexicon.reload_lexicon()


def test_user_lexicon_removes_then_adds_a_role(user_lexicon):
    assert roles_found(SOPRINTENDENTE) == {"Mauro Meli": [("soprintendente", "superintendent")]}
    (user_lexicon / lexicon.ROLES_FILE).write_text("# mine\nsoprintendente\t-\n", encoding="utf-8")
    lexicon.reload_lexicon()
    assert roles_found(SOPRINTENDENTE) == {}
    (user_lexicon / lexicon.ROLES_FILE).write_text(
        "# mine\nsoprintendente\tsuperintendent of the opera house\n", encoding="utf-8")
    lexicon.reload_lexicon()
    assert roles_found(SOPRINTENDENTE) == {
        "Mauro Meli": [("soprintendente", "superintendent of the opera house")]}


def test_user_lexicon_removes_and_overrides(user_lexicon):
    (user_lexicon / lexicon.ROLES_FILE).write_text(
        "ministro\t-\nex\tone-time {}\tpre\n", encoding="utf-8")
    (user_lexicon / lexicon.PLACES_FILE).write_text("Atlantide\t\tAtlantis\n", encoding="utf-8")
    lexicon.reload_lexicon()
    lex = lexicon.load_lexicon()
    assert not any(e.words == ("ministro",) for e in lex.entries.get("ministro", ()))
    assert any(e.gloss == "one-time {}" and e.kind is lexicon.EntryKind.PRE
               for e in lex.entries["ex"])
    assert any(p.name == "Atlantis" and p.exact for p in lex.places["atlantide"])
    assert roles_found(PREFIX[1]) == {"Enrico Letta": [("ex premier", "one-time prime minister")]}
    assert roles_found(PREFIX[2]) == {}  # "Il ministro Maroni": no "ministro" any more


# -- end to end, on the shipped pipeline -------------------------------------------------


@pytest.fixture(scope="module")
def run():
    from tui.nlp.analyze import analyse
    from tui.nlp.pipeline import load

    nlp = load()

    def _run(text: str):
        ann = analyse(text, nlp)
        ann.check()
        for e in ann.entities:
            for r in e.roles:
                assert ann.text[r.start:r.end] == r.text
                assert r.sentence[0] <= r.start < r.end <= r.sentence[1]
                m = ann.mention(r.mention)
                assert m.entity == e.id and m.label == "PER"
        return ann

    return _run


def roles_of(ann, name: str) -> list[str]:
    """Role texts of the PER entity whose name contains ``name``."""
    return [r.text for e in ann.entities if e.label == "PER" and any(name in v for v in e.variants)
            for r in e.roles]


def gloss_of(ann, name: str, text: str) -> str:
    for e in ann.entities:
        if any(name in v for v in e.variants):
            for r in e.roles:
                if r.text == text:
                    return r.gloss
    raise AssertionError(f"no role {text!r} for {name!r}")


@pytest.mark.skipif(not SEED.is_file(), reason="the seed article ../shared/seed is not here")
def test_seed_article(run):
    ann = run(SEED.read_text(encoding="utf-8"))
    lavrov = roles_of(ann, "Lavrov")
    assert "ministro degli Esteri russo" in lavrov
    assert gloss_of(ann, "Lavrov", "ministro degli Esteri russo") == "Russian foreign minister"
    rubio = roles_of(ann, "Rubio")
    assert "segretario di Stato degli Usa" in rubio
    assert "segretario di Stato americano" in rubio
    assert gloss_of(ann, "Rubio", "segretario di Stato degli Usa") == "US Secretary of State"
    assert gloss_of(ann, "Rubio", "segretario di Stato americano") == "US Secretary of State"
    # the same role stated twice is kept twice, as evidence
    assert rubio.count("segretario di Stato degli Usa") == 2
    for name in ("Trump", "Putin"):
        assert roles_of(ann, name) == []


def test_sentence_end_to_end(run):
    ann = run("Il presidente della Repubblica Sergio Mattarella ha ricevuto il ministro Maroni.")
    assert roles_of(ann, "Mattarella") == ["presidente della Repubblica"]
    assert gloss_of(ann, "Mattarella", "presidente della Repubblica") == "President of the Republic"


# -- the evaluation command ----------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not (DATA / "kind").is_dir(),
                    reason="../shared/data/kind (KIND) is not here: the role evaluation needs it")
def test_eval_roles_runs():
    """The command on a fixed sample (the first 25 sentences of each part of the annotations):
    it prints every part, and the roles it finds on the reported part of gold.tsv are mostly
    right. The full figures are benchmarks/eval_roles.py's to print, not the suite's."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_roles.py"), "--quiet",
                          "--sample", "25", "--data", str(DATA)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    for part in ("gold dev", "gold test", "gold4 train", "gold4 test"):
        assert f"  {part} " in out.stdout, part
    assert "English gloss" in out.stdout
    line = next(ln for ln in out.stdout.splitlines() if ln.strip().startswith("gold test") and " half " in ln)
    precision = float(line.split("P ")[1].split()[0])
    assert precision >= 0.85
