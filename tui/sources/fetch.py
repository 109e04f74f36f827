"""Fetching pages over http(s) within limits, and the library folder that keeps them.

:func:`fetch` gets one URL with a timeout on every network wait and a
deadline on the whole exchange (the status line and headers included: a
server that sends them a byte at a time is cut off when it passes), at most
:data:`MAX_BYTES`, at most :data:`MAX_REDIRECTS` redirects (to http and
https only: a redirect to ``ftp:`` or ``file:`` is refused), and only the
content types a caller accepts. A body shorter than its ``Content-Length``
is an error, never a page. Every failure is a :class:`FetchError` whose
message is one line ("name not resolved", "connection refused", "timed out",
"not found (HTTP 404)", "not an article (…)", …).

:func:`open_url` is what ``personae URL`` does: a page already in the
library is read from there, offline; otherwise it is fetched, its article
text checked, and it is saved into :func:`library_dir` (a folder of the
user's data folder) as the bytes the server sent plus a ``NAME.json`` beside
them with the URL, the fetch time and the metadata that was extracted. A
feed comes back as bytes for :mod:`tui.sources.feeds`.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tui import __version__
from tui.paths import data_dir
from tui.sources.errors import SourceError
from tui.sources.saved import clean_url, is_url, sidecar_of

#: the most a page may weigh (the limit of an article file)
MAX_BYTES = 8 * 1024 * 1024
#: seconds for each network wait (connecting, each read)
TIMEOUT = 15.0
#: seconds for the whole transfer, however slowly the server sends
DEADLINE = 60.0
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024

ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown",
                 "text/x-markdown")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")
_SUFFIX_OF_TYPE = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
                   "text/markdown": ".md", "text/x-markdown": ".md"}
_FEED_OPENINGS = (b"<rss", b"<feed", b"<rdf:rdf", b"<?xml")
_USER_AGENT = f"personae/{__version__} (a terminal news reader)"

_SLUG_CHARS = re.compile(r"[^A-Za-z0-9]+")
_MAX_SLUG = 60


class FetchError(SourceError):
    """A URL could not be fetched or is not an article. ``str()`` is one line."""


def path_or_url(s: str) -> str | Path:
    """For argparse: a URL stays a string, anything else is a path."""
    return s if is_url(s) else Path(s)


@dataclass
class Response:
    url: str              # as asked
    final_url: str        # after redirects
    content_type: str     # "text/html"
    charset: str          # as the server declared it, or ""
    data: bytes
    fetched: str          # ISO time, UTC

    @property
    def is_feed(self) -> bool:
        if self.content_type in FEED_TYPES:
            return True
        head = self.data.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
        return self.content_type not in ARTICLE_TYPES[:2] and head.startswith(_FEED_OPENINGS) \
            and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same URL twice is a loop

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        # urllib would follow a redirect to ftp: too; only http and https are followed
        scheme = urllib.parse.urlsplit(newurl).scheme.lower() if isinstance(newurl, str) else ""
        if scheme not in ("http", "https"):
            raise FetchError(f"redirected to a {scheme or 'non-web'}: URL, not followed "
                             "(only http and https are)", req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Watchdog:
    """The deadline of one exchange: when it passes, the connections are shut down, so
    a server that sends its status line or headers a byte at a time cannot hold the
    fetch past it (the socket's own timeout only bounds each single wait)."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        with _ACTIVE_LOCK:
            _ACTIVE.add(self)

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._socks.append(sock)
            if self.expired:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                self._shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()
        with _ACTIVE_LOCK:
            _ACTIVE.discard(self)


_ACTIVE: set[_Watchdog] = set()
_ACTIVE_LOCK = threading.Lock()


def abort_all() -> int:
    """Cut every fetch in progress short now (the reader is quitting: its workers must not
    hold the exit until a slow server gives up); each fails as timed out. How many."""
    with _ACTIVE_LOCK:
        active = list(_ACTIVE)
    for watch in active:
        watch._timer.cancel()
        watch._expire()
    return len(active)


def _opener(watch: _Watchdog) -> urllib.request.OpenerDirector:
    """urllib's opener whose connections the watchdog can shut down."""

    class Http(http.client.HTTPConnection):
        def connect(self):
            super().connect()
            watch.add(self.sock)

    class Https(http.client.HTTPSConnection):
        def connect(self):
            super().connect()
            watch.add(self.sock)

    class HttpHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Http, req)

    class HttpsHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            extra = {}
            if hasattr(self, "_check_hostname"):  # Python before 3.12
                extra["check_hostname"] = self._check_hostname
            return self.do_open(Https, req, context=self._context, **extra)

    return urllib.request.build_opener(_LimitedRedirects, HttpHandler, HttpsHandler)


def _host(url: str) -> str:
    try:
        return urllib.parse.urlsplit(url).hostname or url
    except ValueError:
        return url


def url_problem(url: str) -> str:
    """Why ``url`` cannot be fetched as it is written ("" if it can): a bracket without
    its pair, an IPv6 literal that is not one, a port that is not a number, no host."""
    try:
        ascii_url(url)
    except (ValueError, UnicodeError) as exc:
        return " ".join(str(exc).split()) or "malformed"
    return ""


def _reason(exc: BaseException, url: str) -> str:
    """One line for a network failure."""
    if isinstance(exc, urllib.error.HTTPError):
        if exc.code in (301, 302, 303, 307, 308):
            return f"too many redirects (more than {MAX_REDIRECTS}, or a loop)"
        if exc.code == 404:
            return "not found (HTTP 404)"
        return f"HTTP {exc.code} {(exc.reason or '').strip()}".strip()
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, socket.gaierror):
        return f"name not resolved ({_host(url)})"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(exc, ssl.SSLError):
        return f"secure connection failed ({exc.reason or exc})"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, http.client.HTTPException):
        return f"bad answer from the server ({type(exc).__name__})"
    if isinstance(exc, OSError):
        return (exc.strerror or str(exc) or type(exc).__name__).strip()
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


def _media_type(header: str) -> tuple[str, str]:
    """("text/html", "utf-8") from a Content-Type header."""
    kind, _, params = (header or "").partition(";")
    charset = ""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("'\"").lower()
    return kind.strip().lower(), charset


def fetch(url: str, accept: tuple[str, ...] = ARTICLE_TYPES + FEED_TYPES, *,
          timeout: float | None = None, deadline: float | None = None,
          max_bytes: int | None = None) -> Response:
    """GET ``url`` within the limits; raises FetchError with a one-line reason."""
    timeout = TIMEOUT if timeout is None else timeout
    deadline = DEADLINE if deadline is None else deadline
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if not is_url(url):
        raise FetchError("not an http or https URL", url)
    try:
        wire_url = ascii_url(url)
    except (ValueError, UnicodeError):
        raise FetchError(f"not a valid URL ({_host(url)})", url) from None
    request = urllib.request.Request(wire_url, headers={
        "User-Agent": _USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"})
    start = time.monotonic()
    watch = _Watchdog(deadline)
    try:
        with _opener(watch).open(request, timeout=min(timeout, deadline)) as resp:
            kind, charset = _media_type(resp.headers.get("Content-Type", ""))
            if kind and kind not in accept:
                raise FetchError(f"not an article (the server sent {kind})", url)
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_large(max_bytes), url)
            chunks, size = [], 0
            while True:
                if time.monotonic() - start > deadline:
                    raise FetchError(f"timed out (still sending after {deadline:.0f} s)", url)
                chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_large(max_bytes), url)
                chunks.append(chunk)
            if watch.expired:
                raise FetchError(f"timed out (no complete answer after {deadline:.0f} s)", url)
            if length and length.isdigit() and size < int(length):
                raise FetchError(f"the page is cut short: the server closed the connection "
                                 f"after {size} of its {int(length)} bytes", url)
            final = resp.geturl()
    except FetchError:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        if watch.expired:
            raise FetchError(f"timed out (no complete answer after {deadline:.0f} s)",
                             url) from None
        raise FetchError(_reason(exc, url), url) from None
    finally:
        watch.cancel()
    fetched = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    return Response(url, final, kind, charset, b"".join(chunks), fetched)


def ascii_url(url: str) -> str:
    """``url`` as it goes on the wire: the host in IDNA, the rest percent-encoded
    ("https://it.wikipedia.org/wiki/Città" -> ".../wiki/Citt%C3%A0"). Raises ValueError."""
    parts = urllib.parse.urlsplit(url.strip())
    host = parts.hostname or ""
    if not host:
        raise ValueError("no host")
    netloc = host.encode("idna").decode("ascii")
    if ":" in netloc:  # an IPv6 address
        netloc = f"[{netloc}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username:  # user:password@ stays as it was given
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    safe = "/%:@!$&'()*+,;=-._~"
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc,
                                    urllib.parse.quote(parts.path, safe=safe),
                                    urllib.parse.quote(parts.query, safe=safe + "?"), ""))


def _too_large(limit: int) -> str:
    return f"page too large (more than {limit / (1024 * 1024):.0f} MB)" if limit >= 1024 * 1024 \
        else f"page too large (more than {limit} bytes)"


# -- the library folder -------------------------------------------------------------

def library_dir() -> Path:
    """Where pages fetched from the web are kept: ``library`` in the user's data folder."""
    return data_dir() / "library"


def slug(url: str) -> str:
    """A file name for ``url``: its host and path in letters and digits, and a hash."""
    try:
        parts = urllib.parse.urlsplit(url)
        host, where = parts.hostname or "", parts.path
    except ValueError:  # "http://[::1/a": named by its hash
        host, where = "", ""
    words = _SLUG_CHARS.sub("-", f"{host} {where}").strip("-").lower()
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{words[:_MAX_SLUG].strip('-') or 'page'}-{digest}"


def saved_page(url: str, folder: Path | None = None) -> Path | None:
    """The saved copy of ``url`` in the library, if there is one."""
    folder = folder or library_dir()
    stem = slug(url)
    for suffix in (".html", ".txt", ".md"):
        p = folder / (stem + suffix)
        if p.is_file() and sidecar_of(p).is_file():
            return p
    return None


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def save_page(resp: Response, meta: dict[str, str], folder: Path | None = None) -> Path:
    """Write the page and its sidecar into the library; returns the page's path."""
    folder = folder or library_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (slug(resp.url) + _SUFFIX_OF_TYPE.get(resp.content_type, ".html"))
        record = {"url": clean_url(resp.url), "final_url": clean_url(resp.final_url),
                  "fetched": resp.fetched,
                  "content_type": resp.content_type, "charset": resp.charset, **meta}
        _write_atomic(path, resp.data)
        _write_atomic(sidecar_of(path), json.dumps(record, ensure_ascii=False,
                                                   indent=1).encode("utf-8"))
    except OSError as exc:
        raise FetchError(f"cannot save the page into {folder}: "
                         f"{exc.strerror or exc}", resp.url) from None
    return path


def open_url(url: str, folder: Path | None = None, **limits) -> Path | Response:
    """The saved article for ``url`` (fetched and saved first if it is not in the library),
    or the Response when ``url`` is a feed. Raises FetchError (one line)."""
    # here, not above: the two modules import each other
    from tui.sources.read import from_bytes

    if why := url_problem(url):
        raise FetchError(f"not a valid URL ({why})", url)
    saved = saved_page(url, folder)
    if saved is not None:
        return saved
    resp = fetch(url, **limits)
    if resp.is_feed:
        return resp
    suffix = _SUFFIX_OF_TYPE.get(resp.content_type, ".html")
    try:
        art = from_bytes(resp.data, Path("page" + suffix), url=resp.final_url,
                         charset=resp.charset)
    except SourceError as exc:
        why = str(exc)
        if why in ("no article text found", "empty file"):
            why = "no article text on the page"
        raise FetchError(f"not an article ({why})", url) from None
    return save_page(resp, {"title": art.title, "date": art.date, "byline": art.byline,
                            "encoding": art.encoding}, folder)
