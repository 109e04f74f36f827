"""A long article streams: its names are handed out stretch by stretch while it is analysed.

Counted, never timed: how much of the text the pipeline has been handed when the first
names come out, and how much text each stretch's post-processing reads (its
neighbourhood, not the article so far).
"""

from __future__ import annotations

from tui.nlp import analyze, pipeline
from tui.nlp.analyze import analyse

PARAGRAPH = ("Serghei Lavrov ha scritto a Marco Rubio da Mosca; Lavrov e Rubio si vedranno "
             "a Budapest, riferisce Ria Novosti.")


class _Recorder:
    """The pipeline, counting the chunks it has been handed."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.handed = 0

    def pipe(self, texts, **kw):
        def seen():
            for t in texts:
                self.handed += 1
                yield t
        return self.nlp.pipe(seen(), **kw)

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def _long_text(paragraphs: int) -> str:
    return "Un titolo\n\n" + "\n\n".join(f"{n}. {PARAGRAPH}" for n in range(paragraphs)) + "\n"


def test_a_long_articles_names_come_stretch_by_stretch_as_the_analysis_gives_them(
        tiny_nlp_path, monkeypatch):
    monkeypatch.setattr(analyze, "PARTIAL_CHARS", 2_000)
    monkeypatch.setattr(analyze, "CONTEXT_CHARS", 1_000)
    text = _long_text(300)
    nlp = _Recorder(pipeline.load(str(tiny_nlp_path)))
    calls: list[tuple[int, list]] = []
    ann = analyse(text, nlp, partial=lambda spans: calls.append((nlp.handed, spans)))
    # the first names come after the first few chunks, not after the whole article
    assert calls and calls[0][0] <= analyze.FIRST_BATCH + 1 and calls[0][1]
    assert len(calls) >= len(text) // 2_000 - 1
    streamed = [sp for _handed, spans in calls for sp in spans]
    # in text order, never twice, and each one the analysis's own mention
    assert [s for s, _e, _l in streamed] == sorted({s for s, _e, _l in streamed})
    final = {(m.start, m.end, m.label) for m in ann.mentions}
    assert set(streamed) <= final
    assert len(streamed) >= len(final) * 0.9
    assert {text[s:e] for s, e, _l in streamed} >= {"Serghei Lavrov", "Rubio", "Mosca"}


def test_each_stretch_is_post_processed_with_its_neighbourhood_only(tiny_nlp_path, monkeypatch):
    monkeypatch.setattr(analyze, "PARTIAL_CHARS", 2_000)
    monkeypatch.setattr(analyze, "CONTEXT_CHARS", 1_000)
    read: list[int] = []
    real = analyze.post_process

    def counting(text, *args, **kw):
        read.append(len(text))
        return real(text, *args, **kw)

    monkeypatch.setattr(analyze, "post_process", counting)
    text = _long_text(600)
    analyse(text, pipeline.load(str(tiny_nlp_path)), partial=lambda spans: None)
    streamed, whole = read[:-1], read[-1]
    assert whole == len(text) and len(streamed) > 10
    longest_chunk = max(e - s for s, e in analyze.chunks(text))
    assert max(streamed) <= 1_000 + 2_000 + 2 * longest_chunk   # (and the blank lines between)
    # all the stretches together read the text about twice at most, not once per stretch
    assert sum(streamed) <= 2 * len(text)


def test_a_short_article_does_not_stream(tiny_nlp_path):
    calls = []
    analyse(PARAGRAPH, pipeline.load(str(tiny_nlp_path)), partial=calls.append)
    assert calls == []


async def test_the_view_colours_streamed_names_until_the_analysis_replaces_them():
    from textual.app import App

    from tui.app.article_view import ArticleView, Span

    text = _long_text(20)
    a = text.index("Serghei Lavrov")

    class ViewApp(App):
        def __init__(self) -> None:
            super().__init__()
            self.clicked = []

        def compose(self):
            yield ArticleView(text, id="article")

        def on_article_view_mention_clicked(self, event) -> None:
            self.clicked.append(event.mention)

    app = ViewApp()
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.query_one(ArticleView)
        plain = view.render_line(2)
        view.post_message(ArticleView.Provisional([(a, a + 14, "PER")]))
        await pilot.pause()
        assert [(s.start, s.label) for s in view.spans] == [(a, "PER")]
        coloured = view.render_line(2)
        assert coloured.text == plain.text and list(coloured) != list(plain)
        await pilot.click(ArticleView, offset=(5, 2))     # not a mention yet: nothing to select
        assert app.clicked == []
        view.set_spans([Span(a, a + 14, "PER", "m1", "e1")])
        view.post_message(ArticleView.Provisional([(a + 40, a + 45, "PER")]))   # late: ignored
        await pilot.pause()
        assert [(s.mention, s.entity) for s in view.spans] == [("m1", "e1")]
