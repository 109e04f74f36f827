"""Property-based tests: reading any text, and analysing whatever reading gives.

Random Unicode with the nasty parts over-represented (terminal escapes,
C0/C1 controls, bidi and zero-width characters, combining marks, emoji,
Rich markup, Markdown and HTML syntax, metadata-looking lines), plus known
names inserted at random places so that the tiny pipeline finds mentions.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.document import sha256_text
from tui.nlp.analyze import analyse
from tui.nlp.pipeline import load
from tui.sources import FORMATS, SourceError, clean_text, from_bytes, from_text

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NASTY = [
    "\x1b", "\x1b[", "\x1b[31m", "\x1b[0m", "\x1b]52;c;aGVsbG8=\x07", "\x1b]8;;http://x\x1b\\",
    "\x1b]", "\x07", "\x00", "\x08", "\x7f", "\x85", "\x9b", "\x9d", "\x9c", "\r", "\r\n", "\n",
    "\n\n\n", "\t", "\x0b", "\x0c", "\u2028", "\u2029", "\u00a0", "\u202f", "\u200b", "\u200d",
    "\ufeff", "\u00ad", "\u2060", "\u202e", "\u2066", "\u2069", "\u0301", "\u0300", "\u0308",
    "\ud800", "\udfff", "🙂", "👨\u200d👩\u200d👧", "🇮🇹", "[bold red]", "[/]", "[", "]", "[@click=quit]",
    "# ", "*", "**", "_", "`", "```\n", "> ", "- ", "1. ", "[x](http://y)", "![i](j.png)", "<p>",
    "</p>", "<script>", "<br>", "&amp;", "&#27;", "&#x202e;", "<!--", "---\n", "è", "É", "’",
    " date 2025-11-09 ", "9 novembre 2025", "Di Mario Rossi | ", "di ", ". ", ", ", " ",
]
NAMES = ["Serghei Lavrov", "Lavrov", "Marco Rubio", "Rubio", "Trump", "Putin", "Mosca",
         "Ucraina", "Ria Novosti", "Ansa"]

piece = st.one_of(
    st.text(max_size=12),  # any code point hypothesis likes (no surrogates)
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Mn", "Zs", "So"]),
            max_size=4),
)
nasty_text = st.lists(piece, max_size=40).map("".join)
names_text = st.lists(
    st.one_of(piece, st.sampled_from(NAMES).map(lambda n: f" {n} ")), max_size=40
).map("".join)


def no_controls(s: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cs") and c != "\n" for c in s)


@pytest.fixture(scope="module")
def nlp(tiny_nlp_path):
    return load(str(tiny_nlp_path))


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------

@SETTINGS
@given(text=nasty_text, fmt=st.sampled_from(FORMATS))
def test_from_text_never_raises_and_leaves_no_controls(text, fmt):
    art = from_text(text, fmt=fmt)
    for field in (art.text, art.title, art.date, art.byline):
        assert isinstance(field, str)
        assert no_controls(field), repr(field)
    for bad in ("\x1b", "\u202e", "\u200b", "\ufeff", "\u00a0", "\r"):
        assert bad not in art.text
    assert "\n\n\n" not in art.text
    assert unicodedata.is_normalized("NFC", art.text)
    assert "\n" not in art.title and "\n" not in art.byline
    assert art.source.sha256 == sha256_text(art.text)  # encodable: no lone surrogates


@SETTINGS
@given(text=nasty_text)
def test_clean_text_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@SETTINGS
@given(text=st.text(alphabet=st.one_of(
    st.just(" "),
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Zs"]),
), max_size=200))
def test_ordinary_text_only_changes_by_nfc_and_trailing_spaces(text):
    assert clean_text(text) == unicodedata.normalize("NFC", text).rstrip(" ")


@SETTINGS
@given(data=st.one_of(
    st.binary(max_size=600),
    nasty_text.map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.tuples(nasty_text, st.sampled_from(["utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig"]))
    .map(lambda p: p[0].encode(p[1], errors="ignore")),
), name=st.sampled_from(["a.txt", "a.md", "a.html", None]))
def test_from_bytes_returns_an_article_or_a_source_error(data, name):
    try:
        art = from_bytes(data, name)
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert art.text.strip()
    assert no_controls(art.text) and no_controls(art.title) and no_controls(art.byline)


# ---------------------------------------------------------------------------
# analysing
# ---------------------------------------------------------------------------

def check_annotations(ann, text):
    ann.check()
    assert ann.text == text
    ids = {m.id for m in ann.mentions}
    assert len(ids) == len(ann.mentions)
    owners: dict[str, list[str]] = {}
    for e in ann.entities:
        for mid in e.mentions:
            owners.setdefault(mid, []).append(e.id)
    for m in ann.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert owners.get(m.id) == [m.entity], f"{m.id} in {owners.get(m.id)}"
    ends = sorted((m.start, m.end) for m in ann.mentions)
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False)), "overlapping mentions"
    for e in ann.entities:
        assert e.mentions, f"{e.id} has no mentions"
        for r in e.roles:
            assert 0 <= r.start < r.end <= len(text)
            assert text[r.start:r.end] == r.text
            assert r.mention in e.mentions
            s, t = r.sentence
            assert 0 <= s <= t <= len(text)
    for s, t in ann.sentences + ann.tokens:
        assert 0 <= s <= t <= len(text)


@SETTINGS
@given(raw=names_text)
def test_analysis_of_any_article_keeps_the_invariants(nlp, raw):
    art = from_text(raw)
    ann = analyse(art.text, nlp, art.source)
    check_annotations(ann, art.text)
    # a name standing between plain spaces is always found
    for name in ("Serghei Lavrov", "Marco Rubio", "Putin"):
        k = art.text.find(f" {name} ")
        if k >= 0:
            start = k + 1
            assert any(m.start <= start < m.end for m in ann.mentions), (name, art.text)


@SETTINGS
@given(
    before=st.lists(piece, max_size=15).map("".join),
    after=st.lists(piece, max_size=15).map("".join),
    name=st.sampled_from(["Serghei Lavrov", "Rubio"]),
)
def test_inserted_name_is_a_mention(nlp, before, after, name):
    art = from_text(f"{before}\n\nOggi {name} ha parlato.\n\n{after}")
    ann = analyse(art.text, nlp, art.source)
    check_annotations(ann, art.text)
    k = art.text.find(f"Oggi {name} ha parlato.")
    assume(k >= 0)  # the random text may have glued itself to the sentence
    start = k + len("Oggi ")
    hit = [m for m in ann.mentions if m.start == start]
    assert hit and hit[0].text == name and hit[0].label == "PER"


def test_seed_analysis_with_tiny_pipeline(nlp, seed_path):
    from tui.sources import load_article

    art = load_article(seed_path)
    ann = analyse(art.text, nlp, art.source)
    check_annotations(ann, art.text)
    names = {m.text for m in ann.mentions}
    assert {"Serghei Lavrov", "Lavrov", "Marco Rubio", "Rubio", "Trump", "Putin"} <= names
    assert ann.source.date == "2025-11-09"
    assert ann.model.name == "it_tiny" and ann.model.version == "0.0.1"
