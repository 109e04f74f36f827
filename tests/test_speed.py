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
