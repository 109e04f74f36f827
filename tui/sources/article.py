"""The Article, and how decoded text becomes one: clean, extract, split metadata.

:func:`from_text` cleans the text (:mod:`~tui.sources.clean`), extracts the
article from Markdown or HTML (:mod:`~tui.sources.markdown`,
:mod:`~tui.sources.html`), and takes its date, byline and title
(:mod:`~tui.sources.metadata`); the heading of the page or its front matter
wins over a title found in the body, a date or byline found in the body over
the page's own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tui.document import Source, sha256_text
from tui.sources.clean import clean_text, one_line
from tui.sources.html import html_to_text
from tui.sources.markdown import markdown_to_text
from tui.sources.metadata import find_title, iso_date, split_metadata

FORMATS = ("text", "markdown", "html")


@dataclass
class Article:
    """An article as read: its text (the exact text the offsets refer to) and its Source,
    which carries all that is known of it. The properties only read the Source."""

    text: str
    source: Source = field(default_factory=Source)

    @property
    def path(self) -> Path | None:
        return Path(self.source.path) if self.source.path and not self.source.url else None

    @property
    def title(self) -> str:
        return self.source.title

    @property
    def date(self) -> str:
        return self.source.date

    @property
    def byline(self) -> str:
        return self.source.byline

    @property
    def url(self) -> str:
        return self.source.url

    @property
    def fetched(self) -> str:
        return self.source.fetched

    @property
    def encoding(self) -> str:
        return self.source.encoding

    @property
    def fmt(self) -> str:
        return self.source.fmt

    @property
    def stem(self) -> str:
        return self.source.stem


def make_article(text: str, path: str | os.PathLike | None = None, *, title: str = "",
                 date: str = "", byline: str = "", fmt: str = "text", encoding: str = "",
                 url: str = "", fetched: str = "") -> Article:
    """An Article whose Source is filled in from these values and the text's digest."""
    where = url or (str(path) if path is not None else "")
    return Article(text, Source(where, sha256_text(text), title, date, byline, fmt=fmt,
                                encoding=encoding, url=url, fetched=fetched))


def from_text(text: str, path: str | os.PathLike | None = None, fmt: str = "text",
              url: str | None = None) -> Article:
    """Clean ``text`` (already decoded) and split off its metadata. Never raises for a str.
    ``url``: where a page came from (it helps trafilatura with the metadata)."""
    p = Path(path) if path is not None else None
    if fmt not in FORMATS:
        fmt = "text"
    meta: dict[str, str] = {}
    heading = ""
    raw = clean_text(text)
    if fmt == "markdown":
        try:
            raw, heading, meta = markdown_to_text(raw)
        except Exception:  # noqa: BLE001 - a parser bug must not lose the article
            pass
    elif fmt == "html":
        try:
            raw, heading, meta = html_to_text(raw, url=url)
        except Exception:  # noqa: BLE001
            pass
    body = clean_text(raw)
    body, date, byline = split_metadata(body)
    title = one_line(heading) or one_line(meta.get("title", "")) or find_title(body)
    return make_article(body, p, title=title, date=date or iso_date(meta.get("date", "")),
                        byline=byline or one_line(meta.get("byline", "")), fmt=fmt,
                        url=url or "")
