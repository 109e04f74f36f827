"""The pages bench_extract.py scores the HTML extractor on: stories written for it, laid out as sites do.

Each page is one story (title, paragraphs) in one layout. A layout is the
markup of a kind of site, its boilerplate included: menus, cookie banners,
related teasers, comments, footers; and the shapes that broke the old
extractor (no <article> or <main>, teasers in <article>s before the story,
the page wrapped in a <form>, an unclosed <header>, no <body>, a table
layout). Every page carries snippets that must appear in the extracted text
(one from each paragraph of the story) and snippets that must not (the
boilerplate's own words).

The split is fixed once: page i is in the tuned part when i is even, in the
reported part when it is odd. Nothing was chosen by looking at the reported part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass
class Story:
    title: str
    author: str
    date: str  # YYYY-MM-DD
    paragraphs: list[str]


@dataclass
class Page:
    name: str
    html: str
    title: str
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    part: str = "tuned"


STORIES = [
    Story("Lavrov invita Rubio a Mosca per un vertice sulla sicurezza", "Maria Bianchi",
          "2025-11-09", [
              "Il ministro degli Esteri russo Serghei Lavrov ha invitato il segretario di Stato "
              "Marco Rubio a Mosca per discutere di sicurezza europea e controllo degli armamenti.",
              "Secondo l'agenzia Ria Novosti l'incontro potrebbe tenersi entro la fine del mese, "
              "ma a Washington nessuno ha ancora confermato la data proposta dal Cremlino.",
              "Fonti diplomatiche parlano di un'agenda lunga: scambio di prigionieri, voli "
              "diretti tra le capitali e la riapertura di due consolati chiusi nel 2023.",
              "Alla Casa Bianca la notizia è stata accolta con prudenza; un portavoce ha detto "
              "che ogni passo sarà valutato insieme agli alleati della Nato.",
          ]),
    Story("A Genova la nuova diga foranea supera il primo collaudo", "Luca Ferri", "2025-10-21", [
        "La nuova diga foranea del porto di Genova ha superato il primo collaudo strutturale, "
        "con tre settimane di anticipo sul calendario presentato dall'Autorità portuale.",
        "I tecnici hanno verificato la tenuta dei cassoni durante la mareggiata di ottobre, "
        "quando le onde hanno superato i sei metri davanti alla Lanterna.",
        "Il sindaco ha parlato di una giornata storica per la città, mentre i comitati di "
        "quartiere chiedono garanzie sul traffico dei mezzi pesanti a Sampierdarena.",
        "L'opera costerà in tutto un miliardo e trecento milioni di euro, in parte finanziati "
        "con i fondi del Piano nazionale di ripresa e resilienza.",
    ]),
    Story("Il Senato approva la riforma della giustizia tributaria", "Giulia Conti", "2025-09-30", [
        "Con centoventi voti favorevoli e ottantadue contrari il Senato ha approvato in prima "
        "lettura la riforma della giustizia tributaria voluta dal governo.",
        "Il testo istituisce giudici tributari a tempo pieno, selezionati con un concorso "
        "nazionale, e riduce da due a uno i gradi di merito per le liti minori.",
        "Le opposizioni hanno annunciato emendamenti alla Camera sul regime transitorio, che "
        "secondo loro rischia di bloccare migliaia di ricorsi già pendenti.",
        "Il ministro dell'Economia ha ringraziato la maggioranza e promesso un decreto "
        "attuativo entro sei mesi dall'entrata in vigore della legge.",
    ]),
    Story("Scoperta a Pompei una domus con affreschi intatti", "Andrea Russo", "2025-08-14", [
        "Gli archeologi del Parco di Pompei hanno riportato alla luce una domus con affreschi "
        "intatti nella Regio IX, durante gli scavi di messa in sicurezza dei fronti.",
        "Sulle pareti del triclinio compaiono scene del mito di Fedra e Ippolito, con colori "
        "che il direttore ha definito sorprendentemente vividi dopo duemila anni.",
        "Nel giardino interno sono stati trovati anfore da vino, un bancone di marmo e i resti "
        "di un piccolo larario dedicato alle divinità della casa.",
        "La domus sarà aperta al pubblico dalla prossima primavera, con un percorso su "
        "passerelle sospese per proteggere i pavimenti a mosaico.",
    ]),
    Story("Siccità in Sicilia, razionata l'acqua in trenta comuni", "Salvatore Greco",
          "2025-07-03", [
              "La Regione Siciliana ha disposto il razionamento dell'acqua in trenta comuni "
              "delle province di Agrigento e Caltanissetta, dove gli invasi sono quasi vuoti.",
              "Le forniture saranno garantite a giorni alterni, con autobotti per gli ospedali, "
              "le scuole e le aziende zootecniche rimaste senza pozzi privati.",
              "Gli agricoltori denunciano perdite fino al settanta per cento sul grano duro e "
              "chiedono lo stato di calamità naturale per l'intera stagione.",
              "Il presidente della Regione ha annunciato tre dissalatori mobili, che dovrebbero "
              "entrare in funzione entro l'autunno lungo la costa meridionale.",
          ]),
    Story("L'Inter vince il derby e torna in testa alla classifica", "Paolo Marchi", "2025-11-02", [
        "L'Inter ha vinto il derby di Milano per due a uno e torna da sola in testa alla "
        "classifica, approfittando del pareggio del Napoli a Bergamo.",
        "Dopo il vantaggio rossonero su rigore, la squadra di casa ha ribaltato il risultato "
        "nella ripresa con un colpo di testa su calcio d'angolo e un tiro da fuori.",
        "L'allenatore ha lodato la pazienza dei suoi, mentre il tecnico del Milan ha "
        "contestato l'arbitro per un contatto in area non rivisto al Var.",
        "Sabato la capolista sarà ospite della Roma all'Olimpico, in una partita che può già "
        "dire molto sulle ambizioni delle due squadre.",
    ]),
]

# the words of the boilerplate, each a snippet that must not appear
NAV = ["Prima pagina", "Cronaca locale", "Economia e finanza", "Abbonati ora"]
COOKIE = "Questo sito utilizza cookie tecnici e di profilazione di terze parti"
NEWSLETTER = "Ricevi ogni mattina le notizie più importanti nella tua casella"
SHARE = "Condividi su Facebook"
FOOTER = "Editoriale Esempio S.p.A. Partita IVA 01234567890"
RELATED = ["Maltempo, allerta rossa in Liguria fino a domani sera",
           "Bonus casa, cosa cambia con la nuova legge di bilancio",
           "Tennis, Sinner batte Alcaraz e vola in semifinale"]
COMMENTS = ["Articolo molto interessante, grazie per l'approfondimento di oggi",
            "Non sono d'accordo, la situazione è ben diversa da come la raccontate"]
MOST_READ = "I più letti della settimana"


def _p(story: Story) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)


def _head(story: Story, site: str = "Il Quotidiano") -> str:
    return (f'<head><meta charset="utf-8"><title>{escape(story.title)} - {site}</title>'
            f'<meta name="author" content="{story.author}">'
            f'<meta property="article:published_time" content="{story.date}T09:00:00+01:00">'
            '<link rel="stylesheet" href="/s.css"><script>var ads = [];</script></head>')


def _nav_links() -> str:
    return "".join(f'<li><a href="/s{i}">{n}</a></li>' for i, n in enumerate(NAV))


def _related_list() -> str:
    return "".join(f'<li><a href="/r{i}">{t}</a></li>' for i, t in enumerate(RELATED))


def semantic(story: Story) -> str:
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<header><div class="logo">Il Quotidiano</div><nav><ul>{_nav_links()}</ul></nav></header>
<main><article><h1>{escape(story.title)}</h1>
<p class="byline">di {story.author}</p>{_p(story)}
<div class="share"><a href="#">{SHARE}</a></div></article>
<aside><h3>{MOST_READ}</h3><ul>{_related_list()}</ul></aside></main>
<footer><p>{FOOTER}</p></footer></body></html>"""


def divs_only(story: Story) -> str:
    """No <article>, no <main>: menus, sidebar and footer are divs like the story."""
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<div id="top"><div class="menu"><ul>{_nav_links()}</ul></div>
<div class="cookie">{COOKIE}. <a href="/privacy">Informativa</a></div></div>
<div id="wrap"><div class="col-left"><div class="titolo"><h1>{escape(story.title)}</h1></div>
<div class="autore">{story.author}</div><div class="testo">{_p(story)}</div>
<div class="social">{SHARE} · Twitter · WhatsApp</div></div>
<div class="col-right"><div class="box"><div class="box-title">{MOST_READ}</div>
<ul>{_related_list()}</ul></div><div class="nl">{NEWSLETTER}.</div></div></div>
<div id="bottom"><div>{FOOTER}</div><div>Pubblicità · Contatti · Lavora con noi</div></div>
</body></html>"""


def teasers_first(story: Story) -> str:
    """Teaser <article>s before and after the story's own <article>."""
    teasers = "".join(f'<article class="teaser"><h3><a href="/r{i}">{t}</a></h3>'
                      f"<p>{t}: leggi l'articolo completo.</p></article>"
                      for i, t in enumerate(RELATED[:2]))
    after = (f'<article class="teaser"><h3><a href="/r9">{RELATED[2]}</a></h3>'
             f"<p>{RELATED[2]}: leggi l'articolo completo.</p></article>")
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<div class="header"><ul>{_nav_links()}</ul></div>
<section class="top-news">{teasers}</section>
<article class="story"><h1>{escape(story.title)}</h1><div class="meta">{story.author}</div>
{_p(story)}</article>
<section class="more">{after}</section>
<div class="footer">{FOOTER}</div></body></html>"""


def with_comments(story: Story) -> str:
    comments = "".join(f'<article class="comment"><b>utente{i}</b><p>{c}</p></article>'
                       for i, c in enumerate(COMMENTS))
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<nav>{" | ".join(NAV)}</nav>
<article class="post"><h1>{escape(story.title)}</h1>{_p(story)}</article>
<section id="comments"><h2>Commenti</h2>{comments}</section>
<footer>{FOOTER}</footer></body></html>"""


def form_wrapped(story: Story) -> str:
    """The whole page inside an ASP.NET <form>."""
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<form method="post" action="./articolo.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" value="dDwtMTA4NzM2">
<div id="menu"><ul>{_nav_links()}</ul></div>
<div id="content"><h1>{escape(story.title)}</h1><span class="firma">{story.author}</span>
{_p(story)}</div>
<div id="sidebar"><h4>{MOST_READ}</h4><ul>{_related_list()}</ul></div>
<div id="footer">{FOOTER}</div></form></body></html>"""


def unclosed_header(story: Story) -> str:
    """A <header> that is never closed: the story sits inside it."""
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<header class="site"><div class="brand">Il Quotidiano</div><ul class="nav">{_nav_links()}</ul>
<div class="content"><h1>{escape(story.title)}</h1><p class="author">{story.author}</p>
{_p(story)}</div>
<div class="related"><h3>Leggi anche</h3><ul>{_related_list()}</ul></div>
<div class="foot">{FOOTER}</div></body></html>"""


def no_body(story: Story) -> str:
    """No <html>, <head> or <body> tag at all."""
    return f"""<meta charset="utf-8"><title>{escape(story.title)}</title>
<div class="nav">{" · ".join(NAV)}</div>
<h1>{escape(story.title)}</h1>
{_p(story)}
<div class="banner">{NEWSLETTER}</div>
<div class="copy">{FOOTER}</div>"""


def table_layout(story: Story) -> str:
    """An old site laid out with tables."""
    menu = "".join(f'<tr><td><a href="/s{i}">{n}</a></td></tr>' for i, n in enumerate(NAV))
    return f"""<html>{_head(story)}<body><table width="100%"><tr>
<td width="180" valign="top"><table>{menu}</table></td>
<td valign="top"><font size="5"><b>{escape(story.title)}</b></font><br><i>{story.author}</i>
{_p(story)}</td>
<td width="200" valign="top"><b>{MOST_READ}</b><br>{"<br>".join(RELATED)}</td></tr>
<tr><td colspan="3"><small>{FOOTER}</small></td></tr></table></body></html>"""


def overlays(story: Story) -> str:
    """Cookie banner, newsletter box and share bar around a <main> without <article>."""
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<div id="cookie-banner" class="cookie-consent"><p>{COOKIE}.</p><button>Accetto</button></div>
<header><nav><ul>{_nav_links()}</ul></nav></header>
<main><div class="article-header"><h1>{escape(story.title)}</h1>
<div class="share-bar">{SHARE}</div></div>
<div class="article-body">{_p(story)}</div>
<div class="newsletter-box"><h4>Newsletter</h4><p>{NEWSLETTER}.</p>
<form><input type="email"><button>Iscriviti</button></form></div>
<div class="related-box"><h4>Potrebbe interessarti</h4><ul>{_related_list()}</ul></div></main>
<footer>{FOOTER}</footer></body></html>"""


def rich_body(story: Story) -> str:
    """The story with a figure, a quotation and subheadings, and a related list in <main>."""
    first, *rest = story.paragraphs
    middle = len(rest) // 2
    body = (f"<p>{escape(first)}</p><figure><img src='a.jpg' alt=''><figcaption>Foto di "
            f"archivio</figcaption></figure><h2>I dettagli</h2>"
            + "".join(f"<p>{escape(p)}</p>" for p in rest[:middle])
            + f"<blockquote><p>{escape(rest[middle])}</p></blockquote>"
            + "".join(f"<p>{escape(p)}</p>" for p in rest[middle + 1:]))
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<header><a href="/">Il Quotidiano</a><nav>{" ".join(NAV)}</nav></header>
<main><article><header><h1>{escape(story.title)}</h1><time datetime="{story.date}">{story.date}</time>
</header>{body}</article>
<section class="related"><h2>Correlati</h2><ul>{_related_list()}</ul></section></main>
<footer>{FOOTER}</footer></body></html>"""


def liveblog(story: Story) -> str:
    """A live page: each paragraph an update with its time."""
    updates = "".join(f'<div class="update"><span class="ora">{10 + i}:{15 * i:02d}</span>'
                      f"<p>{escape(p)}</p></div>" for i, p in enumerate(story.paragraphs))
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<div class="topbar">{" | ".join(NAV)}</div>
<div class="live"><div class="kicker">La diretta</div><h1>{escape(story.title)}</h1>{updates}</div>
<div class="adv">Pubblicità</div><div class="box">{MOST_READ}: {RELATED[0]}</div>
<div class="footer">{FOOTER}</div></body></html>"""


def paywall(story: Story) -> str:
    """The story, then a paywall box and a long list of other sections' links."""
    sections = "".join(f'<div class="section"><h3>{n}</h3><ul>{_related_list()}</ul></div>'
                       for n in NAV[:3])
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<div class="masthead"><span>Il Quotidiano</span><ul>{_nav_links()}</ul></div>
<div class="story-container"><h1 class="headline">{escape(story.title)}</h1>
<div class="story-body">{_p(story)}</div>
<div class="paywall"><p>Per continuare a leggere: {NAV[3]}, il primo mese a 1 euro.</p></div></div>
<div class="sections">{sections}</div><div class="footer">{FOOTER}</div></body></html>"""


def og_site_name(story: Story) -> str:
    """og:title and <title> both carry the site's name; breadcrumbs above the <h1>."""
    return f"""<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>{escape(story.title)} | Il Quotidiano - Notizie</title>
<meta property="og:title" content="{escape(story.title)} | Il Quotidiano">
<meta property="og:site_name" content="Il Quotidiano">
<meta name="author" content="{story.author}"></head><body>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/s1">{NAV[1]}</a></div>
<article><h1>{escape(story.title)}</h1><p class="date">{story.date}</p>{_p(story)}</article>
<div class="footer">{FOOTER}</div></body></html>"""


def logo_h1(story: Story) -> str:
    """The site's logo is the page's <h1>; the story's title an <h2> in its <article>."""
    return f"""<!DOCTYPE html><html lang="it">{_head(story)}<body>
<header><h1 class="logo"><a href="/">Il Quotidiano</a></h1><nav>{" ".join(NAV)}</nav></header>
<article><h2 class="entry-title">{escape(story.title)}</h2>{_p(story)}</article>
<aside>{MOST_READ}<ul>{_related_list()}</ul></aside>
<footer>{FOOTER}</footer></body></html>"""


LAYOUTS = [semantic, divs_only, teasers_first, with_comments, form_wrapped, unclosed_header,
           no_body, table_layout, overlays, rich_body, liveblog, paywall,
           og_site_name, logo_h1]  # new layouts go at the end: the parts of the others stay

BOILERPLATE = [*NAV, COOKIE, NEWSLETTER, SHARE, FOOTER, *RELATED, *COMMENTS, MOST_READ]


def _snippet(paragraph: str) -> str:
    """A piece of a paragraph that must be found: its words 3 to 10."""
    words = paragraph.split()
    return " ".join(words[2:10])


def pages() -> list[Page]:
    """Every layout with three stories; even pages tuned, odd ones reported."""
    out = []
    n = 0
    for li, layout in enumerate(LAYOUTS):
        for k in range(3):
            story = STORIES[(li + k * 5) % len(STORIES)]
            html = layout(story)
            without = [b for b in BOILERPLATE if b in html and b not in " ".join(story.paragraphs)]
            out.append(Page(name=f"{layout.__name__}-{k}", html=html, title=story.title,
                            with_=[_snippet(p) for p in story.paragraphs], without=without,
                            part="tuned" if n % 2 == 0 else "reported"))
            n += 1
    return out
