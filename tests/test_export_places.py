"""A country the text tags ORG (a political actor, as KIND tags "la Russia ha deciso") is
listed under Places wherever the reader lists entities: the panel, the JSON export
(``"group": "LOC"``) and the HTML page. Empty configuration and cache (conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.document import Annotations, Entity, Mention

ARTICLE = ("La Russia minaccia, la Germania risponde\n\n"
           "La Russia ha deciso di sospendere le forniture di gas. La Germania ha convocato "
           "l'ambasciatore, mentre a Mosca il Cremlino tace. Ria Novosti conferma.\n")


@pytest.fixture(scope="module")
def countries_as_org(tmp_path_factory) -> Path:
    """A pipeline that tags the countries ORG, as the shipped one does with "la Russia ha deciso"."""
    import spacy

    nlp = spacy.blank("it")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": w} for w in
                        ("Russia", "Germania", "Cremlino", "Ria Novosti")]
                       + [{"label": "LOC", "pattern": "Mosca"}])
    nlp.meta["name"] = "countries"
    nlp.meta["version"] = "0.0.1"
    path = tmp_path_factory.mktemp("models") / "it_countries"
    nlp.to_disk(path)
    return path


@pytest.fixture
def article(tmp_path) -> Path:
    p = tmp_path / "gas.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def _export(article: Path, fmt: str, out: Path, model: Path, capsys) -> None:
    code = main(["export", str(article), "-f", fmt, "-o", str(out), "--model", str(model)])
    assert code == 0, capsys.readouterr().err


def test_json_export_lists_countries_tagged_org_under_places(article, tmp_path, countries_as_org,
                                                             capsys):
    out = tmp_path / "gas.json"
    for _fresh_then_cached in range(2):
        out.unlink(missing_ok=True)
        _export(article, "json", out, countries_as_org, capsys)
        ents = {e["name"]: e for e in json.loads(out.read_text(encoding="utf-8"))["entities"]}
        assert ents["Russia"]["label"] == "ORG" and ents["Russia"]["group"] == "LOC"
        assert ents["Germania"]["label"] == "ORG" and ents["Germania"]["group"] == "LOC"
        # organisations that are not countries stay organisations
        assert "group" not in ents["Cremlino"] and "group" not in ents["Ria Novosti"]


def test_html_export_lists_countries_tagged_org_under_places(article, tmp_path, countries_as_org,
                                                             capsys):
    out = tmp_path / "gas.html"
    _export(article, "html", out, countries_as_org, capsys)
    page = out.read_text(encoding="utf-8")
    orgs = page.split('<section class="entities-org">', 1)[1].split("</section>", 1)[0]
    places = page.split('<section class="entities-loc">', 1)[1].split("</section>", 1)[0]
    assert "Russia" in places and "Germania" in places and "Mosca" in places
    assert "Russia" not in orgs and "Germania" not in orgs
    assert "Cremlino" in orgs


def test_a_copy_keeps_where_an_entity_is_listed():
    """Corrections are replayed on a copy of the analysis: the copy lists a country where
    the analysis did."""
    text = "La Russia ha deciso."
    ann = Annotations(text, mentions=[Mention("m1", 3, 9, "Russia", "ORG", "e1")],
                      entities=[Entity("e1", "ORG", "Russia", ["Russia"], ["m1"], group="LOC")])
    assert ann.copy().entities[0].listed_as == "LOC"
