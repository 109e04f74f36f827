"""Articles from the web: fetching within limits, the library folder, feeds, the command line.

Every test talks to a small HTTP server on 127.0.0.1 that the test starts,
serving pages and feeds written here (a slow one, a huge one, a redirect
loop, a 404, a picture); nothing reaches the internet.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.sources import feeds, load_article
from tui.sources import fetch as web
from tui.sources.fetch import FetchError

PARAGRAPHS = [
    "Il ministro degli Esteri russo Serghei Lavrov ha invitato a Mosca il segretario di "
    "Stato Marco Rubio per un incontro sulla sicurezza europea, secondo Ria Novosti.",
    "L'incontro, il primo da mesi, dovrebbe tenersi entro la fine di novembre; a "
    "Washington la notizia è stata accolta con prudenza dai consiglieri della Casa Bianca.",
    "Secondo fonti diplomatiche citate dall'Ansa, sul tavolo ci sarebbero anche lo scambio "
    "di prigionieri e la ripresa dei voli diretti tra le due capitali.",
]
BOILERPLATE = ["Iscriviti alla newsletter", "Cookie policy", "Più letti di oggi",
               "Tutti i diritti riservati"]


def article_page(title: str, paragraphs=PARAGRAPHS, extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="it"><head><meta charset="utf-8">
<title>{title} | Il Quotidiano</title>
<meta name="author" content="Maria Bianchi">
<meta property="article:published_time" content="2025-11-09T08:30:00+01:00">
</head><body>
<div class="top"><a href="/">Home</a> <a href="/esteri">Esteri</a> <a href="/sport">Sport</a></div>
<div class="cookie">Cookie policy: usiamo i cookie. <a href="/ok">Accetta</a></div>
<div class="story"><h1>{title}</h1>{body}{extra}</div>
<div class="side"><h3>Più letti di oggi</h3><ul><li><a href="/a">Uno</a></li><li><a href="/b">Due</a></li></ul></div>
<div class="box">Iscriviti alla newsletter <form><input name="mail"></form></div>
<div class="bottom">© 2025 Il Quotidiano. Tutti i diritti riservati.</div>
</body></html>"""


def rss(base: str) -> str:
    items = "".join(f"""<item><title>{t}</title><link>{base}/{slug}</link>
<pubDate>{d}</pubDate>{src}</item>""" for t, slug, d, src in [
        ("Lavrov invita Rubio a Mosca", "lavrov.html", "Sun, 09 Nov 2025 08:30:00 GMT", ""),
        ("Colloqui a Budapest &amp; oltre", "budapest.html", "Mon, 10 Nov 2025 10:00:00 GMT",
         f'<source url="{base}/other.xml">Agenzia Esempio</source>'),
        ("\x1b]0;titolo\x07Pagina che non c'è", "missing", "Tue, 11 Nov 2025 12:00:00 GMT", ""),
    ])
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Esteri — Il Quotidiano</title><link>{base}/</link>
<description>Notizie dal mondo</description>{items}</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomo</title><id>urn:x</id>
<updated>2025-11-12T00:00:00Z</updated>
<entry><title type="html">&lt;b&gt;Lavrov&lt;/b&gt; e Rubio</title><id>urn:1</id>
<link href="{base}/lavrov.html"/><updated>2025-11-12T09:00:00Z</updated></entry>
<entry><title>Senza link</title><id>urn:2</id><updated>2025-11-12T09:00:00Z</updated></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # quiet
        pass

    def send(self, code: int, body: bytes | str, kind: str = "text/html; charset=utf-8",
             headers: dict | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802 - http.server's name
        base = f"http://{self.headers['Host']}"
        path = self.path
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        if path == "/lavrov.html":
            self.send(200, article_page("Lavrov invita Rubio a Mosca"))
        elif path == "/budapest.html":
            self.send(200, article_page("Colloqui a Budapest", PARAGRAPHS[::-1]))
        elif path == "/latin1.html":
            page = article_page("Perché è così").replace('<meta charset="utf-8">', "")
            self.send(200, page.encode("cp1252"), "text/html; charset=iso-8859-1")
        elif path == "/citt%C3%A0.html":  # /città.html as it comes on the wire
            self.send(200, article_page("La città"))
        elif path == "/plain.txt":
            self.send(200, "Titolo semplice\n\n" + "\n\n".join(PARAGRAPHS), "text/plain")
        elif path == "/feed.xml":
            self.send(200, rss(base), "application/rss+xml")
        elif path == "/feed-as-xml":
            self.send(200, rss(base), "text/xml; charset=utf-8")
        elif path == "/atom.xml":
            self.send(200, atom(base), "application/atom+xml")
        elif path == "/redirect":
            self.send(302, "", headers={"Location": "/hop"})
        elif path == "/hop":
            self.send(301, "", headers={"Location": "/lavrov.html"})
        elif path == "/loop":
            self.send(302, "", headers={"Location": "/loop2"})
        elif path == "/loop2":
            self.send(302, "", headers={"Location": "/loop"})
        elif path.startswith("/chain"):
            n = int(path[len("/chain"):] or 0)
            self.send(302, "", headers={"Location": f"/chain{n + 1}"})
        elif path == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/menu.html":
            self.send(200, "<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav>"
                           "<footer>© 2025</footer></body></html>")
        elif path == "/huge":
            self.send(200, "<html><body><p>" + "parola " * 400_000 + "</p></body></html>")
        elif path == "/huge-streamed":  # no Content-Length: the cap counts what arrives
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 65_536 + b"</p>")
            except OSError:  # the client hung up, as it should
                pass
        elif path == "/slow":  # the headers at once, then nothing for a long while
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>")
            self.wfile.flush()
            time.sleep(3)
        elif path == "/dribble":  # a byte now and then: each wait is short, the whole is long
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif path == "/error":
            self.send(500, "boom", "text/plain")
        else:
            self.send(404, "<html><body><h1>Pagina non trovata</h1></body></html>")


@pytest.fixture
def server():
    """A local HTTP server on 127.0.0.1 for this test only; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits = {}
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def library(tmp_path, monkeypatch):
    """An empty data folder (so an empty library) for this test."""
    monkeypatch.setenv("PERSONAE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "library"


def error_of(fn, *args, **kwargs) -> str:
    with pytest.raises(FetchError) as info:
        fn(*args, **kwargs)
    msg = str(info.value)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg


# -- fetching ---------------------------------------------------------------------------

def test_fetch_a_page(server):
    resp = web.fetch(server + "/lavrov.html")
    assert resp.content_type == "text/html" and resp.charset == "utf-8"
    assert b"Serghei Lavrov" in resp.data and not resp.is_feed
    assert resp.final_url == server + "/lavrov.html"


def test_redirects_are_followed_and_the_final_url_kept(server):
    resp = web.fetch(server + "/redirect")
    assert resp.final_url == server + "/lavrov.html" and resp.url == server + "/redirect"


def test_redirect_loop(server):
    assert error_of(web.fetch, server + "/loop").startswith("too many redirects")


def test_redirect_limit(server):
    assert error_of(web.fetch, server + "/chain0").startswith("too many redirects")
    assert Handler.hits.get(f"/chain{web.MAX_REDIRECTS + 1}") is None


def test_404(server):
    assert error_of(web.fetch, server + "/nowhere") == "not found (HTTP 404)"


def test_server_error(server):
    assert error_of(web.fetch, server + "/error") == "HTTP 500 Internal Server Error"


def test_not_html_is_not_an_article(server):
    assert error_of(web.fetch, server + "/image.png", web.ARTICLE_TYPES) == \
        "not an article (the server sent image/png)"


def test_huge_page_refused_by_its_length(server):
    assert error_of(web.fetch, server + "/huge", max_bytes=1024 * 1024) == \
        "page too large (more than 1 MB)"


def test_huge_page_refused_as_it_arrives(server):
    assert error_of(web.fetch, server + "/huge-streamed", max_bytes=1024 * 1024) == \
        "page too large (more than 1 MB)"


def test_slow_server_times_out(server):
    assert error_of(web.fetch, server + "/slow", timeout=0.5) == "timed out"


def test_dribbling_server_meets_the_deadline(server):
    # every byte comes within the timeout; the whole transfer does not
    assert error_of(web.fetch, server + "/dribble", timeout=2, deadline=1).startswith("timed out")


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert error_of(web.fetch, f"http://127.0.0.1:{port}/") == "connection refused"


def test_name_not_resolved(monkeypatch):
    def no_such_name(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)  # no resolver is asked
    assert error_of(web.fetch, "http://giornale.invalid/articolo") == \
        "name not resolved (giornale.invalid)"


def test_url_with_accents_and_spaces(server, library):
    art = load_article(web.open_url(server + "/città.html"))
    assert art.title == "La città" and art.url == server + "/città.html"
    assert error_of(web.fetch, "http://127.0.0.1:99999/x") == "not a valid URL (127.0.0.1)"


def test_is_url():
    assert web.is_url("https://x.it/a") and web.is_url("HTTP://x.it")
    assert not web.is_url("articolo.txt") and not web.is_url("ftp://x") and not web.is_url(None)


# -- the library folder -------------------------------------------------------------------

def test_open_url_saves_the_page_with_its_url_and_reads_it_offline(server, library):
    url = server + "/lavrov.html"
    path = web.open_url(url)
    assert path.parent == library and path.suffix == ".html"
    meta = json.loads(web.sidecar_of(path).read_text())
    assert meta["url"] == url and meta["fetched"].endswith("+00:00")
    assert (meta["title"], meta["date"], meta["byline"]) == \
        ("Lavrov invita Rubio a Mosca", "2025-11-09", "Maria Bianchi")
    art = load_article(path)
    assert art.url == url and art.source.path == url and art.fetched == meta["fetched"]
    assert art.stem == "lavrov"  # named after its URL, not the library's file name
    assert art.title == "Lavrov invita Rubio a Mosca"
    assert (art.date, art.byline) == ("2025-11-09", "Maria Bianchi")
    for p in PARAGRAPHS:
        assert p in art.text
    for junk in BOILERPLATE + ["Home", "Accetta"]:
        assert junk not in art.text, junk
    # the second time nothing is fetched
    hits = Handler.hits[url.removeprefix(server)]
    assert web.open_url(url) == path
    assert Handler.hits[url.removeprefix(server)] == hits


def test_open_url_offline_after_the_server_is_gone(library):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/budapest.html"
    path = web.open_url(url)
    httpd.shutdown()
    httpd.server_close()
    assert web.open_url(url) == path
    assert load_article(path).title == "Colloqui a Budapest"


def test_page_without_article_text_is_not_saved(server, library):
    assert error_of(web.open_url, server + "/menu.html") == \
        "not an article (no article text on the page)"
    assert not library.exists() or not any(library.iterdir())


def test_server_charset_counts_when_the_bytes_are_not_utf8(server, library):
    art = load_article(web.open_url(server + "/latin1.html"))
    assert art.title == "Perché è così" and art.encoding == "cp1252"


def test_plain_text_page(server, library):
    path = web.open_url(server + "/plain.txt")
    assert path.suffix == ".txt"
    art = load_article(path)
    assert art.title == "Titolo semplice" and PARAGRAPHS[0] in art.text


def test_open_url_of_a_feed_gives_the_response(server, library):
    resp = web.open_url(server + "/feed.xml")
    assert isinstance(resp, web.Response) and resp.is_feed
    assert web.open_url(server + "/feed-as-xml").is_feed


def test_slug_is_a_safe_file_name():
    s = web.slug("https://www.esempio.it/2025/11/09/lavrov-rubio.html?x=1#y")
    assert s.startswith("www-esempio-it-2025-11-09-lavrov-rubio-html-")
    assert "/" not in web.slug("http://x/../../etc/passwd") and web.slug("http://x/") != "-"


# -- feeds ------------------------------------------------------------------------------

def test_rss_feed(server, library):
    feed = feeds.load_feed(server + "/feed.xml")
    assert feed.title == "Esteri — Il Quotidiano" and not feed.offline
    assert [(i.title, i.date) for i in feed.items] == [
        ("Lavrov invita Rubio a Mosca", "2025-11-09"),
        ("Colloqui a Budapest & oltre", "2025-11-10"),
        ("Pagina che non c'è", "2025-11-11"),  # the title escape went
    ]
    assert [i.source for i in feed.items] == ["Esteri — Il Quotidiano", "Agenzia Esempio",
                                              "Esteri — Il Quotidiano"]
    assert feed.items[0].link == server + "/lavrov.html"


def test_atom_feed(server, library):
    feed = feeds.load_feed(server + "/atom.xml")
    assert feed.title == "Atomo"
    assert [(i.title, i.date) for i in feed.items] == [("Lavrov e Rubio", "2025-11-12")]


def test_feed_read_from_the_library_when_the_network_fails(library):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    fresh = feeds.load_feed(url)
    httpd.shutdown()
    httpd.server_close()
    kept = feeds.load_feed(url)
    assert kept.offline == "connection refused"
    assert [i.title for i in kept.items] == [i.title for i in fresh.items]


def test_not_a_feed(server, library):
    with pytest.raises(feeds.SourceError) as info:
        feeds.load_feed(server + "/lavrov.html")
    assert str(info.value).startswith("not a feed")


def test_feed_item_saved_once_fetched(server, library):
    feed = feeds.load_feed(server + "/feed.xml")
    item = feed.items[0]
    assert item.saved() is None
    path = web.open_url(item.link)
    assert item.saved() == path


def test_configured_feeds(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    assert feeds.configured_feeds() == []
    (tmp_path / "feeds.txt").write_text(
        "# my feeds\nhttps://a.example/feed.xml  esteri\n\nnot a url\n"
        "https://a.example/feed.xml\nhttp://b.example/rss\n")
    assert feeds.configured_feeds() == ["https://a.example/feed.xml", "http://b.example/rss"]


# -- the command line -------------------------------------------------------------------

def test_export_a_url_works_like_a_file(server, library, tmp_path, tiny_nlp_path, capsys):
    from tui.cli import main

    url = server + "/lavrov.html"
    out = tmp_path / "out.json"
    assert main(["export", url, "--format", "json", "-o", str(out),
                 "--model", str(tiny_nlp_path)]) == 0
    doc = json.loads(out.read_text())
    assert doc["source"]["path"] == url and doc["source"]["title"] == "Lavrov invita Rubio a Mosca"
    assert PARAGRAPHS[0] in doc["text"] and "Cookie policy" not in doc["text"]
    for m in doc["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert {m["text"] for m in doc["mentions"]} >= {"Serghei Lavrov", "Marco Rubio", "Mosca"}
    hits = Handler.hits["/lavrov.html"]
    # a second export reads the saved page: nothing is fetched
    assert main(["export", url, "--format", "json", "-o", str(out), "--force",
                 "--model", str(tiny_nlp_path)]) == 0
    assert Handler.hits["/lavrov.html"] == hits


def test_export_bad_urls_one_line_each_and_the_good_one_still_written(
        server, library, tmp_path, tiny_nlp_path, capsys):
    from tui.cli import main

    out = tmp_path / "out"
    status = main(["export", server + "/nowhere", server + "/image.png", server + "/feed.xml",
                   server + "/lavrov.html", "--format", "json", "-o", str(out),
                   "--model", str(tiny_nlp_path)])
    assert status == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert any(line.endswith("/nowhere: not found (HTTP 404)") for line in err), err
    assert any("/image.png: not an article (the server sent image/png)" in line for line in err)
    assert any("/feed.xml: a feed, not an article" in line for line in err)
    assert "Traceback" not in "\n".join(err)
    written = list(out.glob("*.json"))
    assert len(written) == 1 and "lavrov" in written[0].name


def test_read_a_url_no_longer_mangles_it(server, library):
    from tui.app.main import open_paths
    from tui.cli import build_parser

    args = build_parser().parse_args(["read", server + "/lavrov.html", "articles"])
    assert args.paths[0] == server + "/lavrov.html"  # not Path("http:/127.0.0.1…")
    opened = open_paths([server + "/lavrov.html", server + "/nowhere", server + "/feed.xml"])
    assert [a.title for a in opened.articles] == ["Lavrov invita Rubio a Mosca"]
    assert opened.errors == [f"{server}/nowhere: not found (HTTP 404)"]
    assert [(url, feed.title) for url, feed in opened.feeds] == \
        [(server + "/feed.xml", "Esteri — Il Quotidiano")]


def test_default_library_has_the_saved_pages_and_the_configured_feeds(
        server, library, tmp_path, monkeypatch):
    from tui.cli import _configured_feeds, bundled_articles, default_library

    assert default_library() == [bundled_articles()]
    web.open_url(server + "/lavrov.html")
    assert default_library() == [bundled_articles(), library]
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "feeds.txt").write_text(server + "/feed.xml\n")
    assert _configured_feeds() == [server + "/feed.xml"]


# -- the app ------------------------------------------------------------------------------

SIZE = (120, 40)


async def wait_for(pilot, predicate, timeout: float = 60.0) -> None:
    import asyncio

    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


def rows(table) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_feed_opens_as_a_library_enter_fetches_once_then_offline(library, tiny_nlp_path):
    from tui.app.feed import SAVED_MARK, FeedScreen
    from tui.app.main import PersonaeApp, open_paths
    from tui.app.reader import ReaderScreen

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.hits = {}
    app = PersonaeApp(open_paths([base + "/feed.xml"]), model=str(tiny_nlp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, FeedScreen))
        feed_screen = app.screen
        table = feed_screen.panel.table
        assert [r[1:] for r in rows(table)] == [
            ["Lavrov invita Rubio a Mosca", "2025-11-09", "Esteri — Il Quotidiano"],
            ["Colloqui a Budapest & oltre", "2025-11-10", "Agenzia Esempio"],
            ["Pagina che non c'è", "2025-11-11", "Esteri — Il Quotidiano"],
        ]
        assert feed_screen.title == "Esteri — Il Quotidiano"
        assert all(r[0] == "" for r in rows(table))  # nothing saved yet
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert reader.article.url == base + "/lavrov.html"
        assert reader.article.title == "Lavrov invita Rubio a Mosca"
        assert "Serghei Lavrov" in reader.view.text and "Cookie policy" not in reader.view.text
        await wait_for(pilot, lambda: reader.annotations is not None)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is feed_screen)
        assert rows(table)[0][0] == SAVED_MARK
        assert Handler.hits["/lavrov.html"] == 1
        # the server goes away: the saved item still opens, the others say why not
        httpd.shutdown()
        httpd.server_close()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == "Lavrov invita Rubio a Mosca"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is feed_screen)
        await pilot.press("down")
        await pilot.press("enter")
        status = feed_screen.panel.query_one(".feed-status")
        await wait_for(pilot, lambda: "connection refused" in str(status.render()))
        assert app.screen is feed_screen and rows(table)[1][0] == ""


async def test_a_missing_item_is_a_one_line_notice(server, library, tiny_nlp_path):
    from tui.app.feed import FeedScreen
    from tui.app.main import PersonaeApp, open_paths

    app = PersonaeApp(open_paths([server + "/feed.xml"]), model=str(tiny_nlp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, FeedScreen))
        panel = app.screen.panel
        panel.table.move_cursor(row=2)
        await pilot.press("enter")
        status = panel.query_one(".feed-status")
        await wait_for(pilot, lambda: "not found (HTTP 404)" in str(status.render()))
        assert isinstance(app.screen, FeedScreen)
        assert "\x1b" not in str(status.render())


async def test_configured_feed_shows_beside_the_bundled_articles(
        server, library, tmp_path, monkeypatch, tiny_nlp_path):
    from tui.app.feed import FeedPanel
    from tui.app.library import LibraryScreen
    from tui.app.main import PersonaeApp, open_paths
    from tui.cli import _configured_feeds, default_library

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "feeds.txt").write_text(f"# esteri\n{server}/feed.xml\n")
    app = PersonaeApp(open_paths(default_library(), _configured_feeds()),
                      model=str(tiny_nlp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        assert lib.table.row_count == len(lib.articles) >= 4  # the bundled articles
        panel = lib.query_one(FeedPanel)
        await wait_for(pilot, lambda: panel.feed is not None)
        assert [r[1] for r in rows(panel.table)] == [
            "Lavrov invita Rubio a Mosca", "Colloqui a Budapest & oltre", "Pagina che non c'è"]
        panel.table.focus()
        await pilot.press("j")  # moves the feed's list, not the articles'
        assert panel.table.cursor_row == 1 and lib.table.cursor_row == 0
        await pilot.press("k")
        assert panel.table.cursor_row == 0
        await pilot.press("enter")
        from tui.app.reader import ReaderScreen

        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.article.title == "Lavrov invita Rubio a Mosca"


def test_a_feed_read_before_opens_offline_from_the_command_line(library):
    from tui.app.main import open_paths

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    assert open_paths([url]).feeds[0][1].offline == ""
    httpd.shutdown()
    httpd.server_close()
    opened = open_paths([url])
    assert opened.errors == []
    (got_url, feed), = opened.feeds
    assert got_url == url and feed.offline == "connection refused" and len(feed.items) == 3
