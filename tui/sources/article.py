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
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tui.document import Source, sha256_text
from tui.sources.clean import clean_text, one_line
from tui.sources.html import html_to_text
from tui.sources.markdown import markdown_to_text
from tui.sources.metadata import find_title, iso_date, split_metadata

FORMATS = ("text", "markdown", "html")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
_MAX_STEM = 80


@dataclass
class Article:
    path: Path | None
    text: str
    title: str = ""
    date: str = ""
    byline: str = ""
    fmt: str = "text"
    encoding: str = ""  # how the bytes were decoded ("" for text given as str)
    url: str = ""       # where a page saved from the web came from
    fetched: str = ""   # when it was fetched (ISO time, UTC)

    @property
    def source(self) -> Source:
        path = self.url or (str(self.path) if self.path is not None else "")
        return Source(path=path,
                      sha256=sha256_text(self.text), title=self.title,
                      date=self.date, byline=self.byline)

    @property
    def stem(self) -> str:
        """A short name for file names and headers; a page from the web is named after
        the last part of its URL ("lavrov-rubio" for …/esteri/lavrov-rubio.html)."""
        if self.url:
            return _url_stem(self.url)
        return self.path.stem if self.path is not None and self.path.stem else "article"


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    name = Path(segments[-1]).stem if segments else (parts.hostname or "")
    name = _UNSAFE_NAME.sub("-", name).strip("-.")[:_MAX_STEM]
    return name or "article"


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
    return Article(path=p, text=body, title=title,
                   date=date or iso_date(meta.get("date", "")),
                   byline=byline or one_line(meta.get("byline", "")), fmt=fmt, url=url or "")
