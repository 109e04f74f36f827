"""A country the text tags ORG (a political actor) is listed under Places, while its label
and its mentions' labels stay as the model and KIND's convention give them; the export
says which grouping the reader used."""

from __future__ import annotations

import json

from tui.app.entity_panel import EntityPanel
from tui.document import Annotations, Entity, Mention
from tui.export import FORMATS
from tui.nlp.analyze import _group_places

TEXT = "La Russia ha deciso. La Lazio ha vinto a Roma."


def _ann() -> Annotations:
    spans = [("Russia", "ORG"), ("Lazio", "ORG"), ("Roma", "LOC")]
    mentions, entities = [], []
    for i, (word, label) in enumerate(spans, 1):
        k = TEXT.index(word)
        mentions.append(Mention(f"m{i}", k, k + len(word), word, label, f"e{i}"))
        entities.append(Entity(f"e{i}", label, word, [word], [f"m{i}"]))
    ann = Annotations(text=TEXT, mentions=mentions, entities=entities)
    ann.check()
    return ann


def test_a_country_tagged_org_is_listed_as_a_place_and_keeps_its_label():
    ann = _ann()
    _group_places(ann)
    russia, lazio, roma = ann.entities
    assert russia.label == "ORG" and russia.listed_as == "LOC"
    assert ann.mentions[0].label == "ORG"
    # a region or a city can be a club: only countries and continents move
    assert lazio.listed_as == "ORG" and roma.listed_as == "LOC"


def test_the_export_says_where_the_reader_lists_it_and_a_retype_resets_it():
    ann = _ann()
    _group_places(ann)
    data = json.loads(FORMATS["json"].dumps(ann))
    by_name = {e["name"]: e for e in data["entities"]}
    assert by_name["Russia"]["label"] == "ORG" and by_name["Russia"]["group"] == "LOC"
    assert "group" not in by_name["Lazio"]
    ann.retype("e1", "PER")
    assert ann.entity("e1").listed_as == "PER"


async def test_the_panel_lists_the_country_under_places():
    from textual.app import App

    ann = _ann()
    _group_places(ann)

    class One(App):
        def compose(self):
            yield EntityPanel(id="panel")

    app = One()
    async with app.run_test() as pilot:
        panel = app.query_one(EntityPanel)
        panel.show(ann)
        await pilot.pause()
        text = panel.plain_text()
        places = text.index("Places")
        orgs = text.index("Organisations")
        assert orgs < text.index("Lazio") < places < text.index("Russia")
