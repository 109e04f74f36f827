"""Quotations in the reader: their highlight, the panel's counts and list, the key to the
selected person's next quotation and the status line's speaker (hand-made annotations,
no model)."""

from __future__ import annotations

import pytest
from rich.color import ColorSystem
from test_polish import app_on, reader, seg_contrast
from textual.theme import BUILTIN_THEMES

from tui import palette
from tui.document import Annotations, Entity, Mention, ModelInfo, Quote, Source


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    """A theme chosen here and the corrections made here stay in this test's folders."""
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PERSONAE_CACHE_DIR", str(tmp_path / "cache"))


TEXT = ("Mario Rossi ha detto: «Il governo cadrà entro l'estate». Poi ha aggiunto che "
        "le elezioni sono vicine.\nLa Fiat ha fatto sapere che lo stabilimento resta aperto.\n")


def with_quotes() -> Annotations:
    text = TEXT
    rossi = text.index("Mario Rossi")
    fiat = text.index("Fiat")
    mentions = [Mention("m1", rossi, rossi + 11, "Mario Rossi", "PER", "e1"),
                Mention("m2", fiat, fiat + 4, "Fiat", "ORG", "e2")]
    entities = [Entity("e1", "PER", "Mario Rossi", ["Mario Rossi"], ["m1"]),
                Entity("e2", "ORG", "Fiat", ["Fiat"], ["m2"])]

    def quote(qid, words, speaker, cue, kind):
        s, cs = text.index(words), text.index(cue)
        return Quote(qid, s, s + len(words), words, kind, speaker, cs, cs + len(cue), cue,
                     (0, len(text)), qid)

    quotes = [quote("q1", "Il governo cadrà entro l'estate", "e1", "ha detto", "direct"),
              quote("q2", "le elezioni sono vicine", "e1", "ha aggiunto", "indirect"),
              quote("q3", "lo stabilimento resta aperto", None, "ha fatto sapere", "indirect")]
    ann = Annotations(text=text, source=Source(path="q.txt", title="Quote"),
                      model=ModelInfo("it_test", "0", "it"), mentions=mentions,
                      entities=entities, quotes=quotes)
    ann.check()
    return ann


async def test_next_quotation_key_counts_and_names_the_speaker():
    app = app_on(with_quotes())
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader(pilot, app)
        status = screen.query_one("#position")
        screen.select_entity("e1", jump=True)
        await pilot.pause()
        await pilot.press("quotation_mark")
        await pilot.pause()
        shown = str(status.render())
        assert "1/2" in shown and "Mario Rossi" in shown and "Il governo cadrà" in shown
        await pilot.press("quotation_mark")
        await pilot.pause()
        shown = str(status.render())
        assert "2/2" in shown and "le elezioni sono vicine" in shown
        await pilot.press("quotation_mark")  # wraps
        await pilot.pause()
        assert "1/2" in str(status.render())
        # the panel: Rossi's count of quotations, and his quotations listed under him
        listed = screen.panel.plain_text()
        assert "❝2" in listed
        assert "❝ Il governo cadrà entro l'estate" in listed


async def test_the_status_line_names_the_speaker_of_the_quotation_under_the_cursor():
    ann = with_quotes()
    # a mention inside a quotation: the speaker is named beside the position
    text = ann.text
    at = text.index("governo")
    ann.mentions.append(Mention("m3", at, at + 7, "governo", "ORG", "e3"))
    ann.entities.append(Entity("e3", "ORG", "governo", ["governo"], ["m3"]))
    ann.check()
    app = app_on(ann)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader(pilot, app)
        screen.select_entity("e3", jump=True)
        await pilot.pause()
        assert "said by Mario Rossi" in str(screen.query_one("#position").render())
        screen.select_entity("e1", jump=True)
        await pilot.pause()
        assert "said by" not in str(screen.query_one("#position").render())


async def test_quotation_highlight_reads_at_4_5_to_1_in_every_theme_and_in_256_colours():
    app = app_on(with_quotes())
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader(pilot, app)
        view = screen.view
        failures = []
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
            style = view.rich_style + view.get_component_rich_style("article-view--quote", partial=True)
            assert style.bgcolor != view.rich_style.bgcolor, name  # drawn in its own colour
            assert style.bgcolor != (view.rich_style + view.get_component_rich_style(
                "article-view--org", partial=True)).bgcolor, name  # not an entity's
            if seg_contrast(style) < palette.MIN_CONTRAST:
                failures.append((name, "truecolor", round(seg_contrast(style), 2)))
            fg = style.color.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
            bg = style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
            c = palette.contrast(tuple(fg), tuple(bg))
            if c < palette.MIN_CONTRAST:
                failures.append((name, "256 colours", round(c, 2)))
            # what is drawn: the quoted words carry the style
            drawn = [seg for y in range(view.size.height) for seg in view.render_line(y)
                     if "governo cadr" in seg.text]
            assert drawn and drawn[0].style.bgcolor == style.bgcolor, name
        assert not failures, failures


async def test_quotation_corrections_are_undoable_and_replayed(tmp_path, monkeypatch):
    """o gives the quotation to the selected person, O removes it, u undoes; the log keeps
    them, and an article opened again shows them."""
    monkeypatch.setenv("PERSONAE_CACHE_DIR", str(tmp_path / "cache"))  # the corrections log
    from tui.core import editing

    ann = with_quotes()
    app = app_on(ann)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader(pilot, app)
        # the organisation's quotation (no person) given to Rossi
        await pilot.press("quotation_mark")  # no one selected: every quotation, the first
        await pilot.press("quotation_mark")
        await pilot.press("quotation_mark")  # the third: "lo stabilimento resta aperto"
        await pilot.pause()
        screen.select_entity("e1", jump=False)
        await pilot.press("o")
        await pilot.pause()
        q = screen.annotations.quote_at(*(lambda t: (t.index("lo stabilimento"),
                                                     t.index("lo stabilimento") + 28))(TEXT))
        assert q is not None and q.speaker == "e1"
        assert "❝3" in screen.panel.plain_text()
        await pilot.press("u")
        await pilot.pause()
        assert screen.annotations.quote_at(q.start, q.end).speaker is None
        await pilot.press("U")  # redo
        await pilot.pause()
        assert screen.annotations.quote_at(q.start, q.end).speaker == "e1"
        await pilot.press("O")  # not a quotation
        await pilot.pause()
        assert screen.annotations.quote_at(q.start, q.end) is None
    # replayed on the next open: the log holds both edits
    again = editing.apply_all(with_quotes())
    assert again.quote_at(q.start, q.end) is None
    assert [x.speaker for x in again.quotes] == ["e1", "e1"]


async def test_the_seed_article_lavrovs_quotation_under_him_in_the_panel_and_the_key(
        tmp_path, monkeypatch):
    """The bundled seed article with the shipped pipeline: Lavrov's quotation is counted
    under him, listed when he is selected, and " jumps to it."""
    from pathlib import Path

    from test_app import SEED, entity_named, open_reader

    from tui.app.main import PersonaeApp, open_paths

    monkeypatch.setenv("PERSONAE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    assert Path(SEED).is_file()
    app = PersonaeApp(open_paths([SEED]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_reader(pilot, app)
        lavrov = entity_named(screen.annotations, "Lavrov")
        assert lavrov.name == "Serghei Lavrov"
        screen.select_entity(lavrov.id, jump=True)
        await pilot.pause()
        listed = screen.panel.plain_text()
        line = next(x for x in listed.splitlines() if x.startswith("Serghei Lavrov"))
        assert "❝1" in line
        assert "❝ Rubio e io comprendiamo la necessità di una …" in listed
        await pilot.press("quotation_mark")
        await pilot.pause()
        shown = str(screen.query_one("#position").render())
        assert "1/1" in shown and "Serghei Lavrov: Rubio e io comprendiamo" in shown
