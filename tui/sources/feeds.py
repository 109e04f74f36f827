"""Feeds: RSS and Atom read with feedparser, kept in the library, and the user's list of them.

:func:`parse_feed` turns the bytes of a feed into a :class:`Feed` (its title
and items: title, link, date, source), every string cleaned as article text
is, so nothing in a feed reaches the terminal unfiltered. :func:`load_feed`
fetches a feed (:mod:`tui.sources.fetch`) and keeps a copy in the library's
``feeds`` folder; when the network fails it reads that copy and says so.
:func:`configured_feeds` reads the user's ``feeds.txt`` in the configuration
folder: one URL at the start of a line; anything else is a comment.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tui.paths import config_dir
from tui.sources.clean import one_line
from tui.sources.errors import SourceError
from tui.sources.fetch import (
    FEED_TYPES,
    FetchError,
    Response,
    fetch,
    library_dir,
    saved_page,
    slug,
)
from tui.sources.saved import clean_url, is_url, read_sidecar, sidecar_of

FEEDS_FILE = "feeds.txt"
MAX_ITEMS = 500
_MAX_CONFIG_BYTES = 64 * 1024


@dataclass
class FeedItem:
    title: str
    link: str
    date: str = ""     # YYYY-MM-DD
    source: str = ""   # the item's own source, else the feed's title, else the link's host

    def saved(self, folder: Path | None = None) -> Path | None:
        """The item's page in the library, if it was fetched before."""
        return saved_page(self.link, folder) if self.link else None


@dataclass
class Feed:
    url: str
    title: str = ""
    items: list[FeedItem] = field(default_factory=list)
    fetched: str = ""
    offline: str = ""  # why the saved copy is shown instead of a fresh one ("" when fresh)


def _text(value: object) -> str:
    """A feed's string as one clean line, without the markup some feeds put in titles."""
    s = str(value or "")
    if "<" in s or "&" in s:
        # here, not above: the two modules import each other
        from tui.sources.html import html_to_text

        s = html_to_text(s, fragment=True)[0] or s
    return one_line(s)


def _date(entry) -> str:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return _dt.datetime.fromtimestamp(calendar.timegm(t), _dt.UTC).date().isoformat()
            except (OverflowError, ValueError, OSError, TypeError):
                continue
    return ""


def parse_feed(data: bytes, url: str) -> Feed:
    """The feed in ``data`` (RSS or Atom). Raises SourceError if it is not one."""
    # a heavy library, imported only for the input or output that needs it
    import feedparser

    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True,
                                  response_headers={"content-location": url})
    except Exception as exc:  # noqa: BLE001 - feedparser's own failure is "not a feed"
        raise SourceError(f"not a feed ({type(exc).__name__})", url) from None
    if not parsed.get("version") and not parsed.entries:
        raise SourceError("not a feed (neither RSS nor Atom)", url)
    title = _text(parsed.feed.get("title")) or urllib.parse.urlsplit(url).hostname or url
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = clean_url(entry.get("link"))  # no escape or bidi control reaches the screen
        if link and not is_url(link):
            link = urllib.parse.urljoin(url, link)
        if not is_url(link):
            continue  # an item without a page to open
        source = entry.get("source") or {}
        items.append(FeedItem(
            title=_text(entry.get("title")) or link,
            link=link,
            date=_date(entry),
            source=_text(source.get("title") if hasattr(source, "get") else "")
            or title or (urllib.parse.urlsplit(link).hostname or "")))
    return Feed(url=url, title=title, items=items)


def feeds_dir() -> Path:
    return library_dir() / "feeds"


def _save(resp: Response, folder: Path) -> None:
    # here, not above: the two modules import each other
    from tui.sources.fetch import _write_atomic

    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (slug(resp.url) + ".xml")
        _write_atomic(path, resp.data)
        _write_atomic(sidecar_of(path), json.dumps(
            {"url": clean_url(resp.url), "final_url": clean_url(resp.final_url),
             "fetched": resp.fetched, "content_type": resp.content_type}, indent=1).encode("utf-8"))
    except OSError:
        pass  # the feed still shows; it is only not kept for offline reading


def saved_feed(url: str, folder: Path | None = None) -> Feed | None:
    folder = folder or feeds_dir()
    path = folder / (slug(url) + ".xml")
    meta = read_sidecar(path)
    if not meta:
        return None
    try:
        data = path.read_bytes()
        feed = parse_feed(data, url)
    except (OSError, SourceError):
        return None
    feed.fetched = meta.get("fetched", "")
    return feed


def load_feed(url: str, response: Response | None = None, folder: Path | None = None,
              **limits) -> Feed:
    """The feed at ``url`` (``response`` if it was fetched already), kept in the library;
    the kept copy when the network fails. Raises SourceError (one line)."""
    folder = folder or feeds_dir()
    try:
        resp = response or fetch(url, accept=FEED_TYPES + ("text/html", "text/plain"), **limits)
        feed = parse_feed(resp.data, url)
    except FetchError as exc:
        kept = saved_feed(url, folder)
        if kept is None:
            raise
        kept.offline = str(exc)
        return kept
    feed.fetched = resp.fetched
    _save(resp, folder)
    return feed


def configured_feeds() -> list[str]:
    """The URLs in the user's ``feeds.txt`` (configuration folder); [] if there is none."""
    path = config_dir() / FEEDS_FILE
    try:
        if not path.is_file():
            return []
        with open(path, "rb") as fh:
            raw = fh.read(_MAX_CONFIG_BYTES)
    except OSError:
        return []
    urls = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        words = line.split()
        if words and is_url(words[0]) and words[0] not in urls:
            urls.append(words[0])  # what follows the URL, and any other line, is a comment
    return urls
