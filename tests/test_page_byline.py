"""A web page keeps what it says about its author (in the byline, or in the text), and a
section label above the headline ("Esteri") does not become the article's first line.
Pages as news sites write them, read from a local file as a saved page is."""

from __future__ import annotations

import pytest

from tui.sources import load_article

PARAGRAPHS = [
    "Il ministro degli Esteri russo Serghei Lavrov ha detto oggi di essere pronto a incontrare "
    "di nuovo il segretario di Stato americano Marco Rubio, dopo il primo colloquio di Budapest.",
    "Secondo l'agenzia Ria Novosti, Lavrov ha spiegato che Mosca non pone condizioni e che il "
    "dialogo con Washington deve continuare, anche sul dossier ucraino.",
    "Rubio non ha commentato. Fonti del Dipartimento di Stato hanno fatto sapere che una nuova "
    "data non è stata ancora fissata e che ogni decisione sarà presa con gli alleati europei.",
]


def page(kicker: str, byline: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>Lavrov apre a Rubio | Il Quotidiano</title>
<meta property="og:site_name" content="Il Quotidiano">
<meta property="article:published_time" content="2025-11-09T10:30:00+01:00">
</head><body>
<header><a href="/" class="logo">Il Quotidiano</a>
<nav><a href="/politica">Politica</a> <a href="/esteri">Esteri</a> <a href="/sport">Sport</a></nav>
</header>
<main><article>
{kicker}
<h1>Lavrov apre a Rubio</h1>
<p class="summary">Il ministro russo: nessuna condizione per un nuovo incontro.</p>
{byline}
{body}
</article></main>
<aside><h3>Più letti</h3><div class="author">Carlo Neri</div><p>Un altro articolo.</p></aside>
<footer>© Il Quotidiano</footer>
</body></html>"""


KICKERS = ['<div class="kicker"><a href="/esteri">Esteri</a></div>',
           '<p class="occhiello">Esteri</p>',
           '<span class="section">Esteri</span>']

BYLINES = [  # (markup, what the reader keeps)
    ('<div class="info-autore"><a href="/autori/gb">Giulia Bianchi</a></div>', "Giulia Bianchi"),
    ('<div class="byline">di <span class="author">Giulia Bianchi</span> · '
     '<time datetime="2025-11-09">9 novembre 2025</time></div>', "Giulia Bianchi"),
    ('<div class="td-post-author-name"><div class="td-author-by">Di</div> '
     '<a href="/author/gb/">Giulia Bianchi</a></div>', "Giulia Bianchi"),
    ('<p class="byline">Giulia Bianchi, corrispondente da Mosca</p>',
     "Giulia Bianchi, corrispondente da Mosca"),
    ('<div class="author"><img src="gb.jpg" alt=""><div class="name">Giulia Bianchi</div>'
     '<div class="bio">Giornalista, scrive di esteri.</div></div>', "Giulia Bianchi"),
    ('<div class="autore">di Giulia Bianchi</div>', "Giulia Bianchi"),
]


@pytest.mark.parametrize("kicker", KICKERS)
@pytest.mark.parametrize(("byline", "kept"), BYLINES)
def test_a_page_keeps_its_byline_and_drops_its_section_label(tmp_path, kicker, byline, kept):
    path = tmp_path / "lavrov.html"
    path.write_text(page(kicker, byline), encoding="utf-8")
    art = load_article(path)
    assert art.title == "Lavrov apre a Rubio"
    assert art.text.split("\n", 1)[0] == "Lavrov apre a Rubio"  # not "Esteri"
    assert "Esteri\n" not in art.text
    for p in PARAGRAPHS:
        assert p in art.text
    # the author is kept: in the byline as the page writes it, never an aside's author
    assert art.byline == kept
    assert "Carlo Neri" not in art.byline


def test_a_byline_the_page_does_not_mark_stays_in_the_text(tmp_path):
    path = tmp_path / "lavrov.html"
    path.write_text(page("", '<div class="by">Giulia Bianchi, corrispondente da Mosca</div>'),
                    encoding="utf-8")
    art = load_article(path)
    assert "Giulia Bianchi" in art.text or "Giulia Bianchi" in art.byline
