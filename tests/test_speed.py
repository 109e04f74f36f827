"""Work that grows with the text, not faster: long runs of punctuation and long words.

Counted, never timed: what the analysis hands to the pipeline, and how much of a word
the tokenizer's name check reads, on inputs that took minutes before (10,000 ``>`` in a
row, 500,000 ``&``, a 20,000-character word full of hyphens).
"""

from __future__ import annotations

import re

from tui.document import Source
from tui.nlp import pipeline
from tui.nlp.analyze import analyse, analyse_batch

#: 16 punctuation characters in a row or more: what the analysis keeps from the tokenizer
_PUNCT_RUN = re.compile(r"(?:[^\w\s]|_){16,}")


class _Recorder:
    """The pipeline, recording every text it is handed."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts, **kw):
        as_tuples = kw.get("as_tuples", False)

        def seen():
            for item in texts:
                self.texts.append(item[0] if as_tuples else item)
                yield item
        return self.nlp.pipe(seen(), **kw)

    def __getattr__(self, name):
        return getattr(self.nlp, name)


def _article():
    text = ("Lavrov ha scritto " + ">" * 3000 + " a Marco Rubio." + "&" * 2000 + "Putin "
            + "<>" * 40 + " a Mosca.\n\n" + "_" * 50 + "\nTrump e Putin.\n")
    return text


def _check(ann, text, handed):
    # no run of punctuation reaches the tokenizer: it would cost it quadratic time
    assert handed and not any(_PUNCT_RUN.search(t) for t in handed)
    assert sum(len(t.replace(" ", "")) for t in handed) < 100
    # the names around the runs are found at their exact places in the article
    assert [(ann.text[m.start:m.end], m.label) for m in ann.mentions] == [
        ("Lavrov", "PER"), ("Marco Rubio", "PER"), ("Putin", "PER"), ("Mosca", "LOC"),
        ("Trump", "PER"), ("Putin", "PER")]
    # each run is one token of the article, and the tokens stay in order
    for m in _PUNCT_RUN.finditer(text):
        assert m.span() in ann.tokens
    assert ann.tokens == sorted(ann.tokens)
    assert all(not text[s:e].isspace() for s, e in ann.tokens)


def test_a_long_run_of_punctuation_never_reaches_the_tokenizer(tiny_nlp_path):
    nlp = _Recorder(pipeline.load(str(tiny_nlp_path)))
    text = _article()
    ann = analyse(text, nlp)
    _check(ann, text, nlp.texts)


def test_many_articles_with_runs_give_what_one_at_a_time_gives(tiny_nlp_path):
    nlp = _Recorder(pipeline.load(str(tiny_nlp_path)))
    texts = [_article(), "&" * 500, "", "Trump e Putin."]
    many = list(analyse_batch([(t, Source()) for t in texts], nlp))
    _check(many[0], texts[0], nlp.texts)
    one = [analyse(t, pipeline.load(str(tiny_nlp_path))).to_dict() for t in texts]
    assert [a.to_dict() for a in many] == one
    assert many[1].tokens == [(0, 500)] and not many[1].mentions


def test_masking_keeps_every_offset_and_short_punctuation():
    from tui.nlp.analyze import mask_runs

    text = "Ma... davvero?! «Sì» -- disse. " + "=" * 40 + "\n" + "*" * 15
    masked, runs = mask_runs(text)
    assert len(masked) == len(text)
    assert runs == [(31, 71)]
    assert masked[:31] == text[:31] and masked[71:] == text[71:]  # under 16 in a row: kept
    assert masked[31:71].strip() == ""
    assert mask_runs("Nessuna sequenza qui.") == ("Nessuna sequenza qui.", [])


def test_the_name_check_reads_a_bounded_stretch_of_a_long_word(tiny_nlp_path, monkeypatch):
    """The tokenizer's check for names it keeps whole (Jong-un, Zelens'kyj) looks at the
    letters either side of each hyphen or apostrophe: on a long word with thousands of them
    it must read a few letters each time, not the whole word before the split."""
    nlp = pipeline.load(str(tiny_nlp_path))
    read: list[int] = []

    class _Re:
        def __getattr__(self, name):
            real = getattr(re, name)
            if name not in ("search", "match"):
                return real

            def counted(pattern, string, *a, **k):
                read.append(len(string))
                return real(pattern, string, *a, **k)
            return counted

    monkeypatch.setattr(pipeline, "re", _Re())
    word = "a-b-" * 2000 + "Zelens'kyj"
    doc = nlp.tokenizer(word + " e Kim Jong-un.")
    assert read and max(read) <= 64
    assert "Jong-un" in [t.text for t in doc]  # names are still kept whole


def test_numpy_gemm_gives_the_products_thinc_gives():
    import numpy
    from thinc.backends.numpy_ops import NumpyOps

    from tui.nlp.fastops import NumpyGemmOps

    rng = numpy.random.default_rng(7)
    blis, fast = NumpyOps(), NumpyGemmOps()
    x = rng.standard_normal((37, 24), dtype="float32")
    for trans1, trans2, y_shape in ((False, False, (24, 11)), (False, True, (11, 24)),
                                    (True, False, (37, 11)), (True, True, (11, 37))):
        y = rng.standard_normal(y_shape, dtype="float32")
        want = blis.gemm(x, y, trans1=trans1, trans2=trans2)
        got = fast.gemm(x, y, trans1=trans1, trans2=trans2)
        assert got.dtype == numpy.float32 and got.shape == want.shape
        assert numpy.allclose(got, want, rtol=1e-5, atol=1e-5)
        out = numpy.empty_like(want)
        assert fast.gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
        assert numpy.allclose(out, want, rtol=1e-5, atol=1e-5)


def test_every_layer_of_a_pipeline_is_moved_and_predicts_the_same():
    import numpy
    from thinc.api import Maxout, Softmax, chain

    from tui.nlp.fastops import NumpyGemmOps, use_numpy_gemm

    model = chain(Maxout(16, 8, nP=3), Softmax(5, 16))
    x = numpy.random.default_rng(3).standard_normal((20, 8), dtype="float32")
    model.initialize(X=x)
    before = model.predict(x)

    class _Proc:
        pass

    class _Nlp:
        pipeline = [("tagger", _Proc()), ("sentencizer", object())]

    _Nlp.pipeline[0][1].model = model
    assert use_numpy_gemm(_Nlp()) == len(list(model.walk()))
    assert all(isinstance(node.ops, NumpyGemmOps) for node in model.walk())
    assert numpy.allclose(model.predict(x), before, rtol=1e-5, atol=1e-6)
    assert use_numpy_gemm(_Nlp()) == 0  # once is enough


def test_a_long_article_in_two_processes_gives_what_one_process_gives(tiny_nlp_path):
    nlp = pipeline.load(str(tiny_nlp_path))
    paras = [f"Paragrafo {i}: Lavrov ha visto Marco Rubio a Budapest." for i in range(80)]
    text = "\n\n".join(paras) + "\n\n" + "-" * 40 + "\nPoi Putin a Mosca.\n"
    seen: list[tuple[int, int]] = []
    two = analyse(text, nlp, n_process=2, progress=lambda i, n: seen.append((i, n)))
    one = analyse(text, nlp)
    assert two.to_dict() == one.to_dict()
    assert len(two.mentions) == 80 * 3 + 2
    total = seen[0][1]
    assert seen == [(i, total) for i in range(total + 1)]  # chunk by chunk, in order


def test_a_long_article_is_given_every_core_when_asked(monkeypatch):
    from tui.core import analysis

    assert analysis.processes_for(2_000_000) == 1  # by default: one process (see AUTO_PROCESSES)
    monkeypatch.setattr(analysis, "AUTO_PROCESSES", True)
    monkeypatch.setattr(analysis, "cores", lambda: 2)
    assert analysis.processes_for(analysis.LONG_TEXT_CHARS) == 2
    assert analysis.processes_for(5_000) == 1
    monkeypatch.setattr(analysis, "cores", lambda: 16)
    assert analysis.processes_for(2_000_000) == 4


def test_growing_a_name_back_reads_a_window_not_the_text_before(monkeypatch):
    """Completing a person's particles ("von der" + "Leyen") looks at the words just before
    the mention: it once searched the whole text before every mention (quadratic)."""
    from tui.nlp.ner import mentions

    text = "Mario Rossi parla. " * 2000 + "Ursula von der Leyen"
    start = text.index("Leyen")
    searched: list[int] = []
    real = mentions._WORD_BEFORE

    class Counting:
        def search(self, s, pos=0, endpos=None):
            searched.append((endpos if endpos is not None else len(s)) - pos)
            return real.search(s, pos, endpos)

    monkeypatch.setattr(mentions, "_WORD_BEFORE", Counting())
    s, e = mentions.complete_person(text, start, start + len("Leyen"))
    assert text[s:e] == "von der Leyen"
    assert searched and max(searched) <= mentions.PARTICLE_WINDOW
