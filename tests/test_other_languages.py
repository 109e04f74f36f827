"""Pipelines of other languages: names as their NER gives them, roles said to be Italian only,
and a warning when a pipeline cannot find names at all.

Small rule-based pipelines stand in for real French and English ones (no model to download).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

FRENCH = ("Le président de la République a reçu à Paris le ministre des Affaires étrangères. "
          "Le président de la République a ensuite parlé avec Joe Biden.")
ITALIAN = "Il presidente della Repubblica ha ricevuto a Roma il ministro."


def ruler_pipeline(lang: str, patterns: list[tuple[str, str]]):
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": text} for label, text in patterns])
    return nlp


@pytest.fixture(scope="module")
def no_ner_path(tmp_path_factory) -> Path:
    """A French pipeline on disk with a sentencizer and nothing that finds names."""
    import spacy

    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "bare"
    path = tmp_path_factory.mktemp("models") / "fr_bare"
    nlp.to_disk(path)
    return path


def test_a_french_name_is_kept_as_the_french_pipeline_gives_it():
    from tui.nlp.analyze import analyse

    nlp = ruler_pipeline("fr", [("PER", "président de la République"), ("LOC", "Paris"),
                                ("PER", "Joe Biden")])
    ann = analyse(FRENCH, nlp)
    assert ann.model.lang == "fr"
    texts = [(m.text, m.label) for m in ann.mentions]
    # never cut with the Italian titles and prepositions ("de la République" as a person)
    assert ("président de la République", "PER") in texts
    assert not any(t.startswith("de la") for t, _ in texts)
    assert ("Paris", "LOC") in texts and ("Joe Biden", "PER") in texts


def test_the_italian_pipeline_still_trims_titles():
    from tui.nlp.analyze import analyse

    nlp = ruler_pipeline("it", [("PER", "presidente della Repubblica"), ("LOC", "Roma")])
    ann = analyse(ITALIAN, nlp)
    assert "presidente della Repubblica" not in [m.text for m in ann.mentions]


def test_roles_are_not_read_with_italian_rules_in_another_language():
    from tui.nlp.analyze import analyse

    nlp = ruler_pipeline("fr", [("PER", "Joe Biden")])
    ann = analyse("Il ministro degli Esteri Joe Biden ha parlato.", nlp)
    assert [e.roles for e in ann.entities] == [[]]


def test_a_dot_ends_a_name_in_another_language():
    from tui.nlp.ner.mentions import trim_mention

    text = "Apple Inc. a gagné."
    assert text[slice(*trim_mention(text, 0, 10, "ORG", italian=False))] == "Apple Inc."
    assert text[slice(*trim_mention(text, 0, 11, "ORG", italian=False))] == "Apple Inc."
    quoted = "« Le Monde » écrit"
    a, b = trim_mention(quoted, 0, 12, "ORG", italian=False)
    assert quoted[a:b] == "Le Monde"


async def test_the_reader_says_roles_are_italian_only_for_another_language():
    from test_polish import app_on, hand_made, reader

    ann = hand_made(lang="en")
    for e in ann.entities:
        e.roles = []
    app = app_on(ann)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader(pilot, app)
        screen.select_entity("e1")
        await pilot.press("r")
        await pilot.pause()
        messages = [str(n.message) for n in app.said]
        assert any("Italian only" in m for m in messages), messages
        assert not any("gives no role" in m for m in messages)


def test_the_command_line_warns_when_a_pipeline_has_no_ner(tmp_path, capsys, no_ner_path,
                                                           tiny_nlp_path):
    import json

    from tui.cli import main

    art = tmp_path / "a.txt"
    art.write_text("Titre\n\nLe président Emmanuel Macron à Paris.\n", encoding="utf-8")
    assert main(["export", str(art), "--format", "json", "-o", str(tmp_path / "a.json"),
                 "--model", str(no_ner_path)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "no named-entity component" in err and len(err.splitlines()) == 1
    assert json.loads((tmp_path / "a.json").read_text())["mentions"] == []
    # a pipeline with an entity ruler finds names: no warning
    assert main(["export", str(art), "--format", "json", "-o", str(tmp_path / "b.json"),
                 "--model", str(tiny_nlp_path)]) == 0
    assert "warning" not in capsys.readouterr().err


async def test_the_reader_warns_when_a_pipeline_has_no_ner(tmp_path, no_ner_path):
    from tui.app.main import PersonaeApp, open_paths
    from tui.app.reader import ReaderScreen

    art = tmp_path / "a.txt"
    art.write_text("Titre\n\nLe président Emmanuel Macron à Paris.\n", encoding="utf-8")
    app = PersonaeApp(open_paths([art]), model=str(no_ner_path))
    async with app.run_test(size=(100, 30)) as pilot:
        loop = asyncio.get_running_loop()
        end = loop.time() + 60
        while not any("named-entity" in str(n.message) for n in app.said):
            assert loop.time() < end, [str(n.message) for n in app.said]
            await pilot.pause(0.05)
        assert isinstance(app.screen, ReaderScreen) and app.screen.annotations.mentions == []
