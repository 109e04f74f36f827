"""Role extraction (tui/nlp/roles.py) with the shipped pipeline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.nlp import roles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_f07b22aeda712ae0.txt"
DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="module")
def nlp():
    from tui.nlp.pipeline import load

    return load()


class PinnedPeople:
    """The shipped pipeline, with the PER spans set to the given names.

    The construction tests are about the role rules, not about the NER: the
    names are given, so a change of NER model cannot make them pass or fail.
    Everything else (tokens, POS, lemmas, parse, other entities) is the
    pipeline's own."""

    def __init__(self, nlp, people):
        self.nlp, self.people = nlp, people

    def __getattr__(self, name):
        return getattr(self.nlp, name)

    def pipe(self, texts, **kwargs):
        import re

        from spacy.util import filter_spans

        for doc in self.nlp.pipe(texts, **kwargs):
            pinned = []
            for name in self.people:
                for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
                    span = doc.char_span(m.start(), m.end(), label="PER", alignment_mode="expand")
                    if span is not None:
                        pinned.append(span)
            others = [e for e in doc.ents if e.label_ != "PER"
                      and not any(e.start < p.end and p.start < e.end for p in pinned)]
            doc.ents = filter_spans(pinned + others)
            yield doc


@pytest.fixture(scope="module")
def run(nlp):
    from tui.nlp.analyze import analyse

    def _run(text: str, people: tuple[str, ...] | None = None):
        ann = analyse(text, PinnedPeople(nlp, people) if people else nlp)
        ann.check()  # every role's text equals the text at its offsets
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
    out = []
    for e in ann.entities:
        if e.label == "PER" and any(name in v for v in e.variants):
            out += [r.text for r in e.roles]
    return out


def gloss_of(ann, name: str, text: str) -> str:
    for e in ann.entities:
        if any(name in v for v in e.variants):
            for r in e.roles:
                if r.text == text:
                    return r.gloss
    raise AssertionError(f"no role {text!r} for {name!r}")


def all_roles(ann) -> list[tuple[str, str]]:
    return [(ann.mention(r.mention).text, r.text) for e in ann.entities for r in e.roles]


# -- constructions ---------------------------------------------------------------------


def test_prefix_role_with_nationality(run):
    ann = run("Il ministro degli Esteri russo Serghei Lavrov ha parlato ieri a Mosca.", people=('Serghei Lavrov',))
    assert roles_of(ann, "Lavrov") == ["ministro degli Esteri russo"]
    assert gloss_of(ann, "Lavrov", "ministro degli Esteri russo") == "Russian foreign minister"


def test_prefix_with_qualifier_ex(run):
    ann = run("L'ex premier Enrico Letta ha presentato il suo libro.", people=('Enrico Letta',))
    assert roles_of(ann, "Letta") == ["ex premier"]
    assert gloss_of(ann, "Letta", "ex premier") == "former prime minister"


def test_papa_francesco(run):
    ann = run("Papa Francesco ha ricevuto i fedeli in piazza San Pietro.", people=('Papa Francesco',))
    assert roles_of(ann, "Francesco") == ["Papa"]
    assert gloss_of(ann, "Francesco", "Papa") == "Pope"


def test_apposition(run):
    ann = run("Marco Rubio, segretario di Stato degli Usa, ha risposto alle domande.", people=('Marco Rubio',))
    assert roles_of(ann, "Rubio") == ["segretario di Stato degli Usa"]
    assert gloss_of(ann, "Rubio", "segretario di Stato degli Usa") == "US Secretary of State"


def test_apposition_region(run):
    ann = run("Mario Bianchi, presidente della Regione Lazio, ha inaugurato la mostra.", people=('Mario Bianchi',))
    assert roles_of(ann, "Bianchi") == ["presidente della Regione Lazio"]


def test_chain_of_three(run):
    ann = run("Erano presenti il Presidente della Repubblica Giorgio Napolitano, il Presidente "
              "del Consiglio Matteo Renzi e il Presidente del Senato Pietro Grasso.", people=('Giorgio Napolitano', 'Matteo Renzi', 'Pietro Grasso'))
    assert roles_of(ann, "Napolitano") == ["Presidente della Repubblica"]
    assert roles_of(ann, "Renzi") == ["Presidente del Consiglio"]
    assert roles_of(ann, "Grasso") == ["Presidente del Senato"]
    assert gloss_of(ann, "Renzi", "Presidente del Consiglio") == "Prime Minister"


def test_qualifiers_neo_vice_attuale(run):
    ann = run("Il neo sindaco di Roma Roberto Gualtieri ha incontrato il vicepresidente "
              "della Camera Luigi Di Maio.", people=('Roberto Gualtieri', 'Luigi Di Maio'))
    assert roles_of(ann, "Gualtieri") == ["neo sindaco di Roma"]
    assert gloss_of(ann, "Gualtieri", "neo sindaco di Roma") == "new mayor of Rome"
    assert roles_of(ann, "Di Maio") == ["vicepresidente della Camera"]
    ann = run("L'attuale ministra dell'Interno Luciana Lamorgese era presente.", people=('Luciana Lamorgese',))
    assert roles_of(ann, "Lamorgese") == ["attuale ministra dell'Interno"]
    assert gloss_of(ann, "Lamorgese", "attuale ministra dell'Interno") == "current interior minister"


def test_feminine_and_future(run):
    ann = run("Il presidente americano Barack Obama ha ricevuto la cancelliera tedesca "
              "Angela Merkel alla Casa Bianca.", people=('Barack Obama', 'Angela Merkel'))
    assert roles_of(ann, "Obama") == ["presidente americano"]
    assert roles_of(ann, "Merkel") == ["cancelliera tedesca"]
    assert gloss_of(ann, "Merkel", "cancelliera tedesca") == "German chancellor"
    ann = run("Il futuro re Carlo ha visitato la scuola con l'ex ministro Bianchi.", people=('Carlo', 'Bianchi'))
    assert roles_of(ann, "Carlo") == ["futuro re"]
    assert roles_of(ann, "Bianchi") == ["ex ministro"]


def test_surname_only(run):
    ann = run("Il ministro Maroni ha parlato con i giornalisti.", people=('Maroni',))
    assert roles_of(ann, "Maroni") == ["ministro"]


def test_omologo_and_collega_are_not_roles(run):
    ann = run("Lavrov ha telefonato al suo omologo, Marco Rubio, e al collega Rossi.", people=('Lavrov', 'Marco Rubio', 'Rossi'))
    assert all_roles(ann) == []


def test_no_role_across_comma_to_wrong_person(run):
    ann = run("Per la morte di Ciro Esposito, il sindaco di Napoli ha proclamato il lutto.", people=('Ciro Esposito',))
    assert all_roles(ann) == []
    ann = run("Mario Rossi, sindaco di Milano, e Luigi Bianchi, presidente della Provincia, "
              "hanno firmato l'accordo.", people=('Mario Rossi', 'Luigi Bianchi'))
    assert roles_of(ann, "Rossi") == ["sindaco di Milano"]
    assert roles_of(ann, "Bianchi") == ["presidente della Provincia"]


def test_role_between_article_and_closing_comma(run):
    ann = run("Il ministro dell'Interno, Giuliano Amato, ha detto che tutto è sotto controllo.", people=('Giuliano Amato',))
    assert roles_of(ann, "Amato") == ["ministro dell'Interno"]


def test_closest_role_wins(run):
    ann = run("Secondo il portavoce del Cremlino Dmitri Peskov, il presidente russo "
              "Vladimir Putin non parteciperà.", people=('Dmitri Peskov', 'Vladimir Putin'))
    assert roles_of(ann, "Peskov") == ["portavoce del Cremlino"]
    assert roles_of(ann, "Putin") == ["presidente russo"]


def test_predicate(run):
    ann = run("Mario Draghi è stato nominato presidente della Banca centrale europea.", people=('Mario Draghi',))
    assert roles_of(ann, "Draghi") == ["presidente della Banca centrale europea"]


def test_unknown_piece_gives_empty_gloss(run):
    ann = run("Il ministro leghista Roberto Calderoli ha presentato la riforma.", people=('Roberto Calderoli',))
    assert roles_of(ann, "Calderoli") == ["ministro leghista"]
    assert gloss_of(ann, "Calderoli", "ministro leghista") == ""


def test_apposition_ends_at_ma(run):
    ann = run("Ha esposto Carla Neri, scultrice torinese ma residente a Parigi da anni.",
              people=('Carla Neri',))
    assert roles_of(ann, "Neri") == ["scultrice torinese"]


def test_date_complement_is_not_part_of_the_role(run):
    ann = run("Il museo espone un ritratto di Giovanni Landi, mercante del sedicesimo secolo.",
              people=('Giovanni Landi',))
    assert roles_of(ann, "Landi") == ["mercante"]
    ann = run("Luca Ferri, allenatore degli anni Novanta, è tornato in città.", people=('Luca Ferri',))
    assert roles_of(ann, "Ferri") == ["allenatore"]


def test_foreign_title_in_complement(run):
    ann = run("Al dibattito ha partecipato l'autore di The Price of Silence, Mark Collins, "
              "docente a Chicago.", people=('Mark Collins',))
    assert "autore di The Price of Silence" in roles_of(ann, "Collins")
    assert gloss_of(ann, "Collins", "autore di The Price of Silence") == \
        "Author of The Price of Silence"


def test_partitive_predicate_and_apposition(run):
    ann = run("Paolo Verdi è stato, insieme a Marco Gialli, uno dei tre fondatori del movimento.",
              people=('Paolo Verdi', 'Marco Gialli'))
    assert roles_of(ann, "Verdi") == ["fondatori del movimento"]
    assert roles_of(ann, "Gialli") == []
    ann = run("Anna Ricci, una delle giornaliste della Stampa, ha vinto il premio.",
              people=('Anna Ricci',))
    assert roles_of(ann, "Ricci") == ["giornaliste della Stampa"]


def test_second_role_noun_as_qualifier(run):
    ann = run("Nel romanzo compare Brunilde, la regina guerriera, accanto al fratello.",
              people=('Brunilde',))
    assert roles_of(ann, "Brunilde") == ["regina guerriera"]
    assert gloss_of(ann, "Brunilde", "regina guerriera") == ""


def test_listed_complements(run):
    ann = run("Ha parlato Sergio Monti, direttore del dipartimento della ricerca, della didattica "
              "e della terza missione.", people=('Sergio Monti',))
    assert roles_of(ann, "Monti") == [
        "direttore del dipartimento della ricerca, della didattica e della terza missione"]
    # a list that is not closed by "e" is not taken
    ann = run("Mario Rossi, sindaco della città, della quale parla spesso, ha votato.",
              people=('Mario Rossi',))
    assert roles_of(ann, "Rossi") == ["sindaco della città"]


def test_role_inside_dashes(run):
    ann = run("Giulio Serra - nato a Lecce, laureato in lettere ed insegnante di educazione "
              "fisica - ha aperto una palestra.", people=('Giulio Serra',))
    assert roles_of(ann, "Serra") == ["insegnante di educazione fisica"]
    assert gloss_of(ann, "Serra", "insegnante di educazione fisica") == "PE teacher"
    # not when the parenthesis is a clause of its own
    ann = run("Giulio Serra - che conosce il sindaco - ha aperto una palestra.",
              people=('Giulio Serra',))
    assert roles_of(ann, "Serra") == []


def test_coordinated_predicate(run):
    ann = run("Nel 2019 Tommaso Galli ha giocato 40 partite con il Verona, ed è stato capitano "
              "in 30 di queste.", people=('Tommaso Galli',))
    assert roles_of(ann, "Galli") == ["capitano"]
    assert gloss_of(ann, "Galli", "capitano") == "captain"
    # another subject in between: no role
    ann = run("Tommaso Galli ha detto che il fratello gioca a Verona ed è stato capitano.",
              people=('Tommaso Galli',))
    assert roles_of(ann, "Galli") == []
    ann = run("Tommaso Galli ha incontrato Luca Bassi ed è stato capitano.",
              people=('Tommaso Galli', 'Luca Bassi'))
    assert all_roles(ann) == []


def test_chained_predicates(run):
    ann = run("Carlo Bruni è senatore ed è stato consigliere regionale toscano.",
              people=('Carlo Bruni',))
    assert roles_of(ann, "Bruni") == ["senatore", "consigliere regionale toscano"]
    assert gloss_of(ann, "Bruni", "consigliere regionale toscano") == "Tuscan regional councillor"


def test_date_before_closing_comma(run):
    ann = run("Ieri un agricoltore di Lodi di 60 anni, Piero Sala, ha trovato una bomba.",
              people=('Piero Sala',))
    assert roles_of(ann, "Sala") == ["agricoltore di Lodi"]


def test_roles_only_on_people(run):
    ann = run("Il presidente della Fiat ha incontrato il sindaco di Torino.")
    assert all_roles(ann) == []


# -- the seed article -----------------------------------------------------------------


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


# -- lexicon ----------------------------------------------------------------------------


def test_inflections():
    assert {"ministra", "ministri", "ministre"} <= roles.inflections("ministro")
    assert "presidentessa" in roles.inflections("presidente")
    assert "direttrice" in roles.inflections("direttore")
    assert {"segretaria", "segretari"} <= roles.inflections("segretario")
    assert "sindaca" in roles.inflections("sindaco")


def test_shipped_lexicons_have_headers():
    for name in (roles.ROLES_FILE, roles.PLACES_FILE):
        text = (roles.DATA_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("#") and "user_config_dir" in text


def test_user_lexicon(tmp_path, monkeypatch, run):
    (tmp_path / "roles_it.tsv").write_text("# mine\nsoprintendente\tsuperintendent\n",
                                           encoding="utf-8")
    monkeypatch.setattr(roles, "user_dir", lambda: tmp_path)
    roles.reload_lexicon()
    try:
        ann = run("Il soprintendente Mauro Meli ha parlato.")
        assert roles_of(ann, "Meli") == ["soprintendente"]
        assert gloss_of(ann, "Meli", "soprintendente") == "superintendent"
    finally:
        monkeypatch.undo()
        roles.reload_lexicon()


# -- the evaluation command ----------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not (DATA / "kind").is_dir(),
                    reason="../shared/data/kind (KIND) is not here: the role evaluation needs it")
def test_eval_roles_runs():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eval_roles.py"), "--quiet",
                          "--data", str(DATA)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "WN_train" in out.stdout and "WN_dev" in out.stdout
    line = next(ln for ln in out.stdout.splitlines() if ln.strip().startswith("all") and "strict" in ln)
    precision = float(line.split("P ")[1].split()[0])
    assert precision >= 0.85
