"""The reading position survives a correction and its undo (issue 26, item 1): on a long
article, standing on a mention in the middle, ``x`` then ``]`` goes on from there, and so does
``u``; the view does not jump to the top. Pilot tests on an imported export (no pipeline)."""

from __future__ import annotations

import pytest
from test_app import wait_for

from tui.app.main import PersonaeApp, open_paths
from tui.app.reader import ReaderScreen
from tui.document import Annotations, Entity, Mention, Source, sha256_text
from tui.export import FORMATS

SIZE = (100, 30)
PARAS = 80


def long_article() -> Annotations:
    parts, mentions = [], []
    pos = 0
    for i in range(PARAS):
        para = f"Paragrafo {i}: oggi Mario Rossi ha parlato a Roma con i giornalisti."
        for name, label, eid in (("Mario Rossi", "PER", "e1"), ("Roma", "LOC", "e2")):
            a = pos + para.index(name)
            mentions.append(Mention(f"m{len(mentions) + 1}", a, a + len(name), name, label, eid))
        parts.append(para)
        pos += len(para) + 2
    text = "\n\n".join(parts)
    ents = [Entity("e1", "PER", "Mario Rossi", ["Mario Rossi"],
                   [m.id for m in mentions if m.entity == "e1"]),
            Entity("e2", "LOC", "Roma", ["Roma"], [m.id for m in mentions if m.entity == "e2"])]
    ann = Annotations(text, Source("lungo.txt", sha256_text(text), "Lungo"), mentions=mentions,
                      entities=ents)
    ann.check()
    return ann


@pytest.fixture
def export(tmp_path, cache_dir):
    path = tmp_path / "lungo.json"
    FORMATS["json"].write(long_article(), path)
    return path


async def _to_middle(pilot, screen) -> None:
    for _ in range(PARAS):  # ] forty times: to the middle of the article
        await pilot.press("right_square_bracket")
    await pilot.pause()
    assert screen.view.scroll_offset.y > 20


async def test_remove_then_next_goes_on_from_where_the_reader_was(export):
    app = PersonaeApp(open_paths([export]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen)
                       and app.screen.annotations is not None)
        screen = app.screen
        await pilot.pause()
        await _to_middle(pilot, screen)
        here = screen.view.cursor
        top = screen.view.scroll_offset.y
        after = [m for m in screen.annotations.mentions if m.start > here.start]
        await pilot.press("x")
        await pilot.pause()
        assert here.start not in {m.start for m in screen.annotations.mentions}  # removed
        assert screen.view.scroll_offset.y == top  # the view stays
        assert screen.view.cursor is not None and screen.view.cursor.start == after[0].start
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.view.cursor.start == after[1].start
        assert abs(screen.view.scroll_offset.y - top) < SIZE[1]


async def test_undo_keeps_the_reading_position(export):
    app = PersonaeApp(open_paths([export]))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen)
                       and app.screen.annotations is not None)
        screen = app.screen
        await pilot.pause()
        await _to_middle(pilot, screen)
        here = screen.view.cursor
        top = screen.view.scroll_offset.y
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert here.start in {m.start for m in screen.annotations.mentions}  # back
        assert screen.view.scroll_offset.y == top
        assert screen.view.cursor is not None and screen.view.cursor.start == here.start
        nxt = min(m.start for m in screen.annotations.mentions if m.start > here.start)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.view.cursor.start == nxt
