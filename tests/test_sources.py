"""tui.sources: reading, decoding, cleaning and splitting articles."""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import pytest

from tui import sources
from tui.document import sha256_text
from tui.sources import (
    MAX_BYTES,
    Article,
    SourceError,
    clean_text,
    decode,
    from_bytes,
    from_text,
    list_articles,
    load_article,
)

IT = ("Perché è così? La città più bella è già lì, disse l'ex ministro. "
      "Più tardi, però, Lavrov incontrò Rubio a Mosca.\n\n"
      "Secondo paragrafo: nessun problema.")
IT_CP1252 = IT + " “Citazione” – costa 5 € l’anno… «ok»"


def no_controls(s: str) -> bool:
    return not any(unicodedata.category(c) == "Cc" and c != "\n" for c in s)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def error_of(fn, *args) -> str:
    with pytest.raises(SourceError) as info:
        fn(*args)
    msg = str(info.value)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg


# ---------------------------------------------------------------------------
# encodings
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "data"), [
    pytest.param(IT_CP1252, IT_CP1252.encode("utf-8"), id="utf-8"),
    pytest.param(IT_CP1252, IT_CP1252.encode("utf-8-sig"), id="utf-8-bom"),
    pytest.param(IT_CP1252, IT_CP1252.encode("utf-16"), id="utf-16-bom-native"),
    pytest.param(IT_CP1252, b"\xff\xfe" + IT_CP1252.encode("utf-16-le"), id="utf-16-le-bom"),
    pytest.param(IT_CP1252, b"\xfe\xff" + IT_CP1252.encode("utf-16-be"), id="utf-16-be-bom"),
    pytest.param(IT_CP1252, IT_CP1252.encode("utf-16-le"), id="utf-16-le-no-bom"),
    pytest.param(IT_CP1252, IT_CP1252.encode("utf-16-be"), id="utf-16-be-no-bom"),
    pytest.param(IT_CP1252, IT_CP1252.encode("utf-32"), id="utf-32-bom"),
    pytest.param(IT_CP1252, IT_CP1252.encode("cp1252"), id="windows-1252"),
    pytest.param(IT, IT.encode("latin-1"), id="latin-1"),
    pytest.param("Caffè", "Caffè".encode("latin-1"), id="latin-1-short"),
    pytest.param(IT + " 5 €", (IT + " 5 €").encode("iso-8859-15"), id="iso-8859-15"),
])
def test_every_encoding_gives_the_same_text(tmp_path, text, data):
    art = load_article(write(tmp_path, "a.txt", data))
    assert art.text == from_text(text).text
    assert "è" in art.text


@pytest.mark.parametrize("enc", ["cp1251", "koi8-r"])
def test_other_legacy_encodings_go_to_charset_normalizer(enc):
    ru = ("Министр иностранных дел России Сергей Лавров пригласил государственного "
          "секретаря США Марко Рубио обсудить ситуацию на Украине.")
    text, used = decode(ru.encode(enc))
    assert text == ru


def test_utf8_with_stray_windows_1252_bytes():
    data = "perché è così".encode() + " e anche citt\xe0 “x”".encode("cp1252")
    text, used = decode(data)
    assert text == "perché è così e anche città “x”"


def test_crlf_and_cr_become_lf(tmp_path):
    art = load_article(write(tmp_path, "a.txt", b"Uno\r\ndue\r\n\r\ntre\rquattro"))
    assert art.text == "Uno\ndue\n\ntre\nquattro"


# ---------------------------------------------------------------------------
# cleaning
# ---------------------------------------------------------------------------

def test_nbsp_and_unicode_spaces_become_spaces():
    assert clean_text("5\u00a0km e 3\u202fkg\u2003ok\u3000x") == "5 km e 3 kg ok x"


def test_zero_width_soft_hyphen_and_bom_removed():
    s = "Lav\u200brov\u200c Ru\u200dbio\u2060 ca\u00adsa \ufeffok"
    assert clean_text(s) == "Lavrov Rubio casa ok"


def test_combining_accents_composed_to_nfc():
    s = "perche\u0301 citta\u0300 E\u0300"
    out = clean_text(s)
    assert out == "perché città È"
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(("raw", "clean"), [
    ("\x1b[31mrosso\x1b[0m", "rosso"),
    ("\x1b[1;38;5;196mx\x1b[m y", "x y"),
    ("a\x1b]52;c;aGVsbG8gd29ybGQ=\x07b", "ab"),  # OSC 52 clipboard write, BEL
    ("a\x1b]52;c;aGVsbG8=\x1b\\b", "ab"),  # OSC 52, ST
    ("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink
    ("\x1b]0;titolo della finestra\x07testo", "testo"),
    ("bip\x07bip", "bipbip"),
    ("\x1b(Bx\x1bMy\x1b7z\x1b", "xyz"),
    ("a\x9b31mb\x9d0;t\x9cc", "abc"),  # 8-bit CSI and OSC
    ("a\x00b\x01c\x08d\x7fe\x80f\x99g", "abcdefg"),
    ("riga\x0buno\x0cdue\x85tre\u2028quattro", "riga\nuno\ndue\ntre\nquattro"),
    ("colonna\tdue", "colonna due"),
    ("abc\u202edcba\u202c \u2066x\u2069 \u200fy\u200e", "abcdcba x y"),
    ("\ud800rotto\udfff", "rotto"),
])
def test_terminal_controls_removed(raw, clean):
    out = clean_text(raw)
    assert out == clean
    assert no_controls(out)


def test_escape_sequences_removed_from_files(tmp_path):
    data = b"Lavrov \x1b[31mvede\x1b[0m Rubio\x1b]52;c;Y3VybA==\x07.\x07\n"
    art = load_article(write(tmp_path, "a.txt", data))
    assert art.text == "Lavrov vede Rubio."


@pytest.mark.parametrize("markup", [
    "[bold red]Lavrov[/]", "[link=https://x.example]clic[/link]", "[@click=app.quit]esci[/]",
    "[/]", "\\[escaped]", ":smile: [b]",
])
def test_rich_markup_kept_literally(markup):
    assert clean_text(f"Prima {markup} dopo") == f"Prima {markup} dopo"
    assert from_text(f"Testo lungo che non è un titolo. {markup} fine.").text.endswith(
        f"{markup} fine.")


def test_blank_lines_collapsed_and_trailing_spaces_stripped():
    s = "\n\n  \nUno   \n\n\n\n\nDue\t \n \n \n \nTre\n\n\n"
    assert clean_text(s) == "Uno\n\nDue\n\nTre"


def test_one_blank_line_kept():
    assert clean_text("Uno\n\nDue\nTre") == "Uno\n\nDue\nTre"


def test_clean_text_is_idempotent_on_tricky_input():
    s = "a\u0301\u200b\u0301 \x1b[3\x1b[31mm\n \n\n\n\x1b\x1b]x\r\n\u00a0\u00a0\n"
    once = clean_text(s)
    assert clean_text(once) == once


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, id="png"),
    pytest.param(b"\x7fELF\x02\x01\x01" + bytes(64) + b"\x01\x02\x03" * 100, id="elf"),
    pytest.param(random.Random(1).randbytes(4096), id="random"),
    pytest.param(bytes(b for b in random.Random(2).randbytes(6000) if b), id="random-no-nul"),
    pytest.param(b"testo con un NUL\x00 in mezzo", id="nul-in-text"),
    pytest.param(bytes(range(1, 32)) * 50, id="controls"),
])
def test_binary_rejected(tmp_path, data):
    assert error_of(load_article, write(tmp_path, "x.txt", data)) == "not a text file (binary data)"


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t  \n"])
def test_empty_rejected(tmp_path, data):
    assert error_of(load_article, write(tmp_path, "x.txt", data)) == "empty file"


def test_only_controls_or_markup_is_no_article(tmp_path):
    p = write(tmp_path, "x.html", b"<html><script>alert(1)</script><p>   </p></html>")
    assert error_of(load_article, p) == "no article text found"


def test_huge_file_rejected_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(int(23.4 * 1024 * 1024))  # sparse
    assert error_of(load_article, p) == \
        "file too large for an article (23.4 MB; the limit is 8 MB)"


def test_limit_is_exact(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * (MAX_BYTES + 1))
    assert error_of(load_article, p).startswith("file too large for an article")
    assert error_of(from_bytes, b"a" * (MAX_BYTES + 1)).startswith("file too large")
    assert len(from_bytes(b"ab " * (MAX_BYTES // 3)).text) > 0


def test_missing_file(tmp_path):
    assert error_of(load_article, tmp_path / "nope.txt") == "no such file"


def test_directory_given_as_file(tmp_path):
    assert error_of(load_article, tmp_path) == "is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_read(tmp_path):
    p = tmp_path / "pipe.txt"
    os.mkfifo(p)
    assert error_of(load_article, p) == "not a regular file"


def test_permission_denied(tmp_path, monkeypatch):
    p = write(tmp_path, "secret.txt", b"testo")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        p.chmod(0)
    else:  # root reads anything: simulate the refusal

        def refuse(*a, **k):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(sources.read, "open", refuse, raising=False)
    try:
        assert error_of(load_article, p) == "permission denied"
    finally:
        p.chmod(0o644)


def test_bad_names(tmp_path):
    assert error_of(load_article, "a\x00b.txt") == "invalid file name"
    msg = error_of(load_article, tmp_path / ("x" * 5000))
    assert msg.startswith(("cannot read the file", "no such file"))


def test_error_keeps_path(tmp_path):
    with pytest.raises(SourceError) as info:
        load_article(tmp_path / "nope.txt")
    assert info.value.path == tmp_path / "nope.txt"


# ---------------------------------------------------------------------------
# metadata and title
# ---------------------------------------------------------------------------

def test_seed_metadata_line(seed_path):
    art = load_article(seed_path)
    assert art.date == "2025-11-09"
    assert art.text.startswith("Il ministro degli Esteri russo Serghei Lavrov")
    assert "date 2025-11-09" not in art.text
    assert "Redattore esperto" not in art.text
    assert art.byline.startswith("Redattore esperto di economia")
    assert art.title == "Lavrov apre a Rubio"
    assert "\nLavrov apre a Rubio\n" in art.text  # the title stays in the body
    assert art.fmt == "text" and art.encoding == "utf-8"
    assert art.stem == "000_f07b22aeda712ae0"
    src = art.source
    assert src.path == str(seed_path)
    assert src.sha256 == sha256_text(art.text)
    assert (src.title, src.date) == ("Lavrov apre a Rubio", "2025-11-09")
    assert no_controls(art.text)


BODY = "Il ministro degli Esteri russo Serghei Lavrov ha invitato Marco Rubio a Mosca."


@pytest.mark.parametrize(("line", "date", "byline"), [
    (" date 2025-11-09 Redattore esperto di economia.", "2025-11-09", "Redattore esperto di economia."),
    ("2025-11-09", "2025-11-09", ""),
    ("9 novembre 2025", "2025-11-09", ""),
    ("Domenica 9 novembre 2025, 14:32", "2025-11-09", ""),
    ("09/11/2025", "2025-11-09", ""),
    ("Di Mario Rossi | 9 novembre 2025", "2025-11-09", "Mario Rossi"),
    ("di Mario Rossi", "", "Mario Rossi"),
    ("di Anna Maria De Luca - 9 nov 2025", "2025-11-09", "Anna Maria De Luca"),
    ("9 novembre 2025 | di Mario Rossi", "2025-11-09", "Mario Rossi"),
    ("Pubblicato il 9 novembre 2025 alle 10:30", "2025-11-09", ""),
    ("Aggiornato il 9 novembre 2025 alle ore 10.30 di Mario Rossi", "2025-11-09", "Mario Rossi"),
    ("By John Smith | November 9, 2025", "2025-11-09", "John Smith"),
])
def test_metadata_lines(line, date, byline):
    art = from_text(f"{line}\n\n{BODY}")
    assert (art.date, art.byline) == (date, byline)
    assert art.text == BODY


@pytest.mark.parametrize("line", [
    "Di Maio ha detto che il governo andrà avanti.",
    "Pubblicato il 9 novembre 2025 il rapporto dell'Istat sulla produzione.",
    "Data la situazione, il 9 novembre 2025 si voterà.",
    "Il 9 novembre 2025 Lavrov ha invitato Rubio",
    "31/02/2025",  # not a date
])
def test_body_lines_that_are_not_metadata(line):
    art = from_text(f"{line}\n\n{BODY}")
    assert art.text.startswith(line)
    assert art.date == "" and art.byline == ""


def test_title_then_byline():
    art = from_text(f"Lavrov apre a Rubio\nDi Mario Rossi | 9 novembre 2025\n\n{BODY}")
    assert art.text == f"Lavrov apre a Rubio\n\n{BODY}"
    assert (art.title, art.date, art.byline) == ("Lavrov apre a Rubio", "2025-11-09", "Mario Rossi")


def test_title_directly_followed_by_body():
    art = from_text(f"Lavrov apre a Rubio\n{BODY}")
    assert art.title == "Lavrov apre a Rubio"
    assert art.text == f"Lavrov apre a Rubio\n{BODY}"


def test_no_title_for_hard_wrapped_text():
    art = from_text("Il ministro degli Esteri russo Serghei Lavrov ha\ninvitato Marco Rubio.")
    assert art.title == ""


def test_no_title_when_everything_is_prose():
    assert from_text(BODY).title == ""


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

MD = """---
title: Titolo dal front matter
date: 2025-11-09
author: Mario Rossi
---
# Lavrov apre a *Rubio*

Il ministro **Serghei Lavrov** ha [invitato](https://example.com/x "t") Marco Rubio
a ![foto di Rubio](rubio.jpg) Mosca, con `codice` e <span>html</span>.

## Tentativo di diplomazia

- primo punto
- secondo *punto*

1. uno
2. due

> Una citazione di [bold red]Putin[/].

```
blocco di codice
```
"""


def test_markdown_extraction(tmp_path):
    art = load_article(write(tmp_path, "art.md", MD.encode()))
    assert art.fmt == "markdown"
    assert art.title == "Lavrov apre a Rubio"
    assert (art.date, art.byline) == ("2025-11-09", "Mario Rossi")
    t = art.text
    assert t.startswith("Lavrov apre a Rubio\n\nIl ministro Serghei Lavrov ha invitato Marco Rubio a Mosca, con codice e html.")
    for gone in ("#", "**", "*", "](", "https://", "rubio.jpg", "foto di Rubio", "<span>", "---", "```"):
        assert gone not in t, gone
    assert "\n\nTentativo di diplomazia\n\n" in t
    assert "- primo punto\n- secondo punto" in t
    assert "1. uno\n2. due" in t
    assert "Una citazione di [bold red]Putin[/]." in t
    assert "blocco di codice" in t


def test_markdown_byline_in_emphasis():
    art = from_text(f"# Titolo\n\n*Di Mario Rossi | 9 novembre 2025*\n\n{BODY}\n", fmt="markdown")
    assert art.text == f"Titolo\n\n{BODY}"
    assert (art.title, art.date, art.byline) == ("Titolo", "2025-11-09", "Mario Rossi")


def test_markdown_suffixes(tmp_path):
    for name in ("a.md", "a.markdown", "A.MD"):
        assert load_article(write(tmp_path, name, b"# T\n\ntesto")).fmt == "markdown"


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8">
<title>Lavrov apre a Rubio | Il Giornale Online</title>
<meta name="author" content="Mario Rossi">
<meta property="article:published_time" content="2025-11-09T10:00:00+01:00">
<style>p { color: red }</style>
<script>document.write("<p>niente</p>")</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/esteri">Esteri</a></nav></header>
<main>
<article>
  <header><h1>Lavrov apre a <em>Rubio</em></h1></header>
  <p>Il ministro degli Esteri russo <b>Serghei Lavrov</b> ha invitato&nbsp;il segretario
     di Stato degli Usa <a href="https://x">Marco Rubio</a> &amp; altri.</p>
  <p>Secondo paragrafo<br>con un a capo.
  <figure><img src="r.jpg" alt="foto"><figcaption>ANSA Marco Rubio</figcaption></figure>
  <h2>Tentativo di diplomazia</h2>
  <ul><li>uno</li><li>due</li></ul>
  <p>Controlli: &#27;[31mrosso&#27;[0m e &#x202E;rovescio.</p>
  <aside>Leggi anche: altro</aside>
  <script>var x = 1;</script>
</article>
<aside>Articoli correlati</aside>
</main>
<footer>&copy; 2025 Il Giornale</footer>
</body></html>"""


def test_html_extraction(tmp_path):
    art = load_article(write(tmp_path, "art.html", HTML.encode()))
    assert art.fmt == "html"
    assert art.title == "Lavrov apre a Rubio"
    assert (art.date, art.byline) == ("2025-11-09", "Mario Rossi")
    t = art.text
    assert t.startswith("Lavrov apre a Rubio\n\nIl ministro degli Esteri russo Serghei Lavrov "
                        "ha invitato il segretario di Stato degli Usa Marco Rubio & altri.")
    assert "Secondo paragrafo\ncon un a capo." in t
    assert "ANSA Marco Rubio" in t
    assert "\n\nTentativo di diplomazia\n\n" in t
    assert "uno\n\ndue" in t
    assert "Controlli: [31mrosso[0m e rovescio." in t
    for gone in ("Home", "Esteri</", "niente", "color", "var x", "Leggi anche", "correlati",
                 "©", "<", "&amp;", "&nbsp;"):
        assert gone not in t, gone
    assert no_controls(t)


def test_html_without_article_uses_body_and_title_tag():
    html = ("<html><head><title>Il titolo</title></head><body><div>Primo <i>blocco</i>.</div>"
            "<p>Secondo.</p><script>x()</script></body></html>")
    art = from_text(html, fmt="html")
    assert art.text == "Primo blocco.\n\nSecondo."
    assert art.title == "Il titolo"


def test_html_sniffed_in_txt_and_htm_suffix(tmp_path):
    html = b"<!doctype html><html><body><p>Testo dell'articolo.</p></body></html>"
    assert load_article(write(tmp_path, "a.txt", html)).text == "Testo dell'articolo."
    assert load_article(write(tmp_path, "b.htm", html)).fmt == "html"


def test_html_declared_latin1_read_as_windows_1252(tmp_path):
    html = ('<html><head><meta charset="iso-8859-1"></head><body>'
            '<p>“Perché” è così – 5 €.</p></body></html>').encode("cp1252")
    assert load_article(write(tmp_path, "a.html", html)).text == "“Perché” è così – 5 €."


def test_broken_html_does_not_lose_text():
    art = from_text("<p>uno<p>due<div>tre</span></b><li>quattro", fmt="html")
    assert art.text.split() == ["uno", "due", "tre", "quattro"]


# ---------------------------------------------------------------------------
# folders, Article
# ---------------------------------------------------------------------------

def test_list_articles(tmp_path):
    for name in ("b.txt", "a.md", "C.html", "d.htm", "e.markdown", ".hidden.txt", "README.md",
                 "notes.json", "img.png", "f.TXT"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub.txt").mkdir()
    got = [p.name for p in list_articles(tmp_path)]
    assert got == ["a.md", "b.txt", "C.html", "d.htm", "e.markdown", "f.TXT"]
    assert all(isinstance(p, Path) for p in list_articles(str(tmp_path)))


def test_list_articles_errors(tmp_path):
    (tmp_path / "README.md").write_text("x")
    (tmp_path / "data.json").write_text("x")
    assert error_of(list_articles, tmp_path) == "no articles in this folder"
    assert error_of(list_articles, tmp_path / "nope") == "no such folder"
    assert error_of(list_articles, tmp_path / "data.json") == "not a folder"


def test_article_stem_and_source():
    art = from_text("Titolo\n\nTesto.")
    assert art.stem == "article" and art.path is None
    assert art.source.path == "" and art.source.sha256 == sha256_text("Titolo\n\nTesto.")
    art2 = from_text("x", path="/tmp/lavrov.txt")
    assert art2.stem == "lavrov" and art2.path == Path("/tmp/lavrov.txt")
    assert isinstance(art2, Article)


def test_from_bytes_uses_path_for_format():
    art = from_bytes(b"# Titolo\n\nTesto.", "x.md")
    assert art.fmt == "markdown" and art.text == "Titolo\n\nTesto." and art.title == "Titolo"


@pytest.mark.timeout(60)  # quadratic html.parser behaviour takes minutes
@pytest.mark.parametrize("src, text", [
    ("<a " * 100_000, ("<a " * 100_000).strip()),   # never a tag: shown as written
    ("<!--" * 100_000, ""),                          # a comment never closed: nothing
    ("<p" * 100_000, "<p" * 100_000),
    ("<a x='>" * 50_000, ""),                        # inside a tag that never ends: nothing
    ("<div>" * 100_000 + "testo", "testo"),
], ids=["open-tags", "open-comments", "open-p", "open-quotes", "deep-divs"])
def test_hostile_html_is_linear(src, text):
    """Read in time (the timeout), and the text is what a browser would show of it."""
    assert from_text(src, fmt="html").text == text


def test_markdown_nested_too_deep_keeps_the_text():
    assert "x" in from_text(">" * 500 + " x", fmt="markdown").text


# ---------------------------------------------------------------------------
# long runs: no regular expression may backtrack over them (each of these took
# minutes with a quadratic pattern; linear code reads them in well under a second)
# ---------------------------------------------------------------------------

RUN_CHARS = [" ", "\t", ".", "-", ">", "*", "_", "#", "<", "&", "|", "=", ":", "[", "a", "à",
             "\u00a0", "1"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("ch", RUN_CHARS, ids=[f"U+{ord(c):04X}" for c in RUN_CHARS])
def test_long_runs_are_read_in_linear_time(ch, fmt):
    run = ch * 100_000
    art = from_text(f"Titolo\n\nPrima{run}dopo.\n\nFine del testo.", fmt=fmt)
    assert "Fine del testo." in art.text


@pytest.mark.timeout(60)
def test_trailing_space_run_stripped(tmp_path):
    # 88,000 spaces before a line's end took 143 s to load
    path = write(tmp_path, "a.txt", b"Titolo\n\nTesto" + b" " * 88_000 + b"\n\naltro.")
    assert load_article(path).text == "Titolo\n\nTesto\n\naltro."
    assert clean_text("a" + " " * 200_000 + "b \nc   ") == "a" + " " * 200_000 + "b\nc"


@pytest.mark.timeout(60)
def test_space_run_inside_a_line_of_a_text_file(tmp_path):
    # a 40 kB file with a 40,000-space run took 29 s
    path = write(tmp_path, "a.txt", b"Titolo\n\nuno" + b" " * 40_000 + b"due tre.")
    assert load_article(path).text.split() == ["Titolo", "uno", "due", "tre."]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("line, short, found", [
    ("date 2025-11-09" + " " * 590 + "x", "date 2025-11-09 x", ("2025-11-09", "x")),
    ("9 novembre 2025" + " " * 580 + "|" + " " * 5 + "x", "9 novembre 2025 | Mario Rossi",
     ("2025-11-09", "Mario Rossi")),
    ("Di Mario" + " \t" * 290 + "Rossi", "Di Mario Rossi", ("", "Mario Rossi")),
    ("Pubblicato il 9 novembre 2025 " + "Mario " * 95, "Pubblicato il 9 novembre 2025 Mario Rossi",
     ("2025-11-09", "Mario Rossi")),
])
def test_metadata_lines_with_long_runs(line, short, found):
    """Each finishes in time (the timeout); a line with a run this long is body text, not a
    date or byline line: nothing is taken from it, while its ordinary form is one."""
    assert sources.match_metadata_line(line) is None
    assert sources.match_metadata_line(short) == found


# ---------------------------------------------------------------------------
# nothing lost, nothing let through (hostile inputs)
# ---------------------------------------------------------------------------

def test_markdown_deeply_nested_list_keeps_every_level_and_what_follows():
    md = "\n".join("  " * i + f"- livello{i}" for i in range(11)) + "\n\nParagrafo dopo la lista.\n"
    text = from_text(md, fmt="markdown").text
    for i in range(11):
        assert f"livello{i}" in text
    assert text.endswith("\n\nParagrafo dopo la lista.")


def test_markdown_deep_blockquote_is_kept():
    text = from_text(">" * 30 + " citazione profonda\n\nDopo.", fmt="markdown").text
    assert text == "citazione profonda\n\nDopo."


@pytest.mark.parametrize("depth", [60, 150, 400])
def test_markdown_nested_beyond_the_parser_limit_loses_nothing(depth):
    # deeper than markdown-it nests: its lines are read again, in their place
    md = ("Prima.\n\n" + "\n".join("  " * i + f"- voce{i}" for i in range(depth))
          + "\n\n" + ">" * depth + " citazione\n\nFine.\n")
    text = from_text(md, fmt="markdown").text
    assert text.startswith("Prima.\n\n- voce0")
    assert [w for w in text.split() if w.startswith("voce")] == [f"voce{i}" for i in range(depth)]
    assert text.endswith("citazione\n\nFine.")


def test_markdown_with_only_front_matter_is_no_article(tmp_path):
    path = write(tmp_path, "a.md", b"---\ntitle: Solo il titolo\ndate: 2025-11-09\n---\n")
    assert error_of(load_article, path) == "no article text found"


def test_markdown_front_matter_with_other_keys_is_not_text():
    art = from_text("---\nlayout: post\ntags:\n  - esteri\n---\n\nTesto.", fmt="markdown")
    assert art.text == "Testo."
    # a thematic break, a paragraph and another break are not front matter
    art = from_text("---\n\nUn paragrafo.\n\n---\n\nAltro.", fmt="markdown")
    assert art.text == "Un paragrafo.\n\nAltro."


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("doctype", ["<!DOCTYPE html []>", '<!DOCTYPE html [<!ENTITY x "y">]>',
                                     "<!doctype html [ <!ENTITY a 'b'> <!ENTITY c 'd'> ]>"])
def test_doctype_with_an_internal_subset_is_not_text(doctype, fmt):
    art = from_text(f"{doctype}\n<html><body><p>Testo.</p></body></html>", fmt=fmt)
    assert art.text == "Testo."


def test_declared_charset_that_lies_about_utf8_is_not_believed(tmp_path):
    body = "Perché è così: “già” – 5 €. Привет."
    page = f"<html><head><meta charset=koi8-r></head><body><p>{body}</p></body></html>"
    art = load_article(write(tmp_path, "a.html", page.encode("utf-8")))
    assert art.text == body and art.encoding == "utf-8"
    page = page.replace("<meta charset=koi8-r>",
                        '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
    assert load_article(write(tmp_path, "b.html", page.encode("utf-8"))).text == body


def test_html_character_references_to_controls_do_not_lose_the_page():
    para = "Il ministro ha parlato a lungo con i giornalisti presenti in sala. " * 6
    page = (f"<html><body><article><h1>Titolo</h1><p>{para}</p>"
            f"<p>Controlli: &#27;[31mrosso&#x1b;[0m &#0; &#xD800; &#99999999; fine.</p>"
            "</article></body></html>")
    art = from_text(page, fmt="html")
    assert "Controlli: [31mrosso[0m fine." in art.text
    assert no_controls(art.text)


STORY = ("Il ministro degli Esteri russo Serghei Lavrov ha invitato il segretario di Stato "
         "Marco Rubio a Mosca per discutere di sicurezza europea. ") * 4


def test_html_title_is_the_h1_not_the_site_name_of_og_title():
    page = ("<html><head><title>Lavrov a Mosca | Il Quotidiano</title>"
            '<meta property="og:title" content="Lavrov a Mosca | Il Quotidiano"></head><body>'
            f"<article><h1>Lavrov a Mosca</h1><p>{STORY}</p></article></body></html>")
    art = from_text(page, fmt="html")
    assert art.title == "Lavrov a Mosca" and art.text.startswith("Lavrov a Mosca\n\n")


def test_html_logo_h1_is_not_the_title():
    page = ("<html><head><title>Lavrov a Mosca - Il Quotidiano</title></head><body>"
            "<header><h1><a href='/'>Il Quotidiano</a></h1></header>"
            f"<article><h2>Lavrov a Mosca</h2><p>{STORY}</p></article></body></html>")
    art = from_text(page, fmt="html")
    assert art.title == "Lavrov a Mosca"
    assert "Il Quotidiano" not in art.text


def test_html_menus_footer_and_teasers_around_a_story_without_article_or_main():
    menu = "".join(f"<li><a href='/{i}'>Sezione numero {i}</a></li>" for i in range(8))
    page = (f"<html><body><div class='menu'><ul>{menu}</ul></div>"
            f"<div class='story'><h1>Titolo</h1><p>{STORY}</p><p>{STORY}</p></div>"
            "<div class='footer'>Editoriale Esempio S.p.A. Partita IVA 01234567890</div>"
            "</body></html>")
    text = from_text(page, fmt="html").text
    assert "Sergh" in text and "Sezione numero" not in text and "Partita IVA" not in text


@pytest.mark.parametrize("wrap", ["<form id='aspnetForm'>{}</form>", "<header>{}", "{}"],
                         ids=["form", "unclosed-header", "no-body"])
def test_html_story_in_a_form_an_unclosed_header_or_without_body(wrap):
    inner = f"<h1>Titolo</h1><p>{STORY}</p><p>Secondo paragrafo. {STORY}</p>"
    page = wrap.format(inner)
    page = page if wrap == "{}" else f"<html><body>{page}</body></html>"
    text = from_text(page, fmt="html").text
    assert text.startswith("Titolo\n\n") and "Secondo paragrafo." in text
