"""HTML: the article text of a saved web page, with its title, author and date.

:func:`html_to_text` runs :class:`_PageText`, a small extractor on Python's
``html.parser``: it keeps the text of ``<article>`` (else ``<main>``, else
``<body>``), one paragraph per block element, drops script/style/nav/aside/
form/footer and page headers, and reads the title, author and date from
``<h1>``, ``<title>`` and ``<meta>``. trafilatura was considered and not
taken: it is a 160 kB wheel but pulls in lxml, htmldate (and dateparser,
regex, pytz, tzlocal), courlan, justext, urllib3 and certifi, and wants a
newer charset-normalizer - a lot of native code and network-oriented
machinery for reading a saved page.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
              "param", "source", "track", "wbr"}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "nav", "aside", "form", "button",
                 "select", "textarea", "svg", "math", "iframe", "canvas", "object", "footer",
                 "head", "dialog"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd",
               "dt", "blockquote", "pre", "section", "article", "main", "header", "table",
               "tr", "td", "th", "caption", "figure", "figcaption", "hr", "address", "body"}
_HEADING_ORDER = ("h1", "h2", "h3", "h4", "h5", "h6")
_BR_MARK = "\x00"  # marks a <br>; the page's own NULs were removed before parsing
_NEWLINE_RUN = re.compile(r"\n{2,}")

_TITLE_KEYS = ("og:title", "twitter:title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")
_DATE_KEYS = ("article:published_time", "date", "pubdate", "dc.date", "datepublished",
              "publish-date", "og:published_time")

_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
_MAX_TAG_CHARS = 4096  # a "<" with no ">" within this many characters opens no tag
_UNCLOSED_TAG = re.compile(rf"<(?=[A-Za-z/!?])(?![^<>]{{0,{_MAX_TAG_CHARS}}}>)")


class _Block(NamedTuple):
    text: str
    heading: str  # "h1"… if the text is (inside) a heading, else ""
    in_article: bool
    in_main: bool


class _PageText(HTMLParser):
    """Text blocks of a page, with where they are (article, main) and what (h1…)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.open: Counter[str] = Counter()  # how many of each tag are open
        self.blocks: list[_Block] = []
        self.buf: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._article = 0
        self._main = 0
        self._pre = 0
        self._title = 0

    # -- structure --
    def _flush(self) -> None:
        if not self.buf:
            return
        text = "".join(self.buf)
        self.buf = []
        if self._pre:
            text = text.replace(_BR_MARK, "\n").strip("\n")
        else:
            text = "\n".join(" ".join(part.split()) for part in text.split(_BR_MARK))
            text = _NEWLINE_RUN.sub("\n", text).strip()
        if text.strip():
            heading = next((h for h in _HEADING_ORDER if self.open[h]), "")
            self.blocks.append(_Block(text, heading, self._article > 0, self._main > 0))

    def _skips(self, tag: str) -> bool:
        if tag in _SKIPPED_TAGS:
            return True
        return tag == "header" and not self._article and not self._main

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attributes)
            return
        if tag == "time" and attributes.get("datetime") and "date" not in self.meta:
            self.meta["date"] = attributes["datetime"]
        if tag == "br":
            if not self._skip:
                self.buf.append(_BR_MARK)
            return
        if tag in _VOID_TAGS:
            if tag == "hr" and not self._skip:
                self._flush()
            return
        if tag == "title":
            self._title += 1
        if self._skips(tag):
            self._skip += 1
        if tag == "body" and self.open["head"]:
            self.handle_endtag("head")  # a page that never closes its <head>
        if not self._skip and tag in _BLOCK_TAGS:
            self._flush()
        self.stack.append(tag)
        self.open[tag] += 1
        if tag == "article":
            self._article += 1
        elif tag == "main":
            self._main += 1
        elif tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag):
        tag = tag.lower()
        if not self.open[tag]:
            return
        while self.stack:
            top = self.stack[-1]
            self._close(top)
            self.stack.pop()
            self.open[top] -= 1
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if not self._skip and tag in _BLOCK_TAGS:
            self._flush()
        if tag == "title":
            self._title = max(0, self._title - 1)
        if self._skips(tag):
            self._skip = max(0, self._skip - 1)
        if tag == "article":
            self._article -= 1
        elif tag == "main":
            self._main -= 1
        elif tag == "pre":
            self._pre -= 1

    def handle_data(self, data):
        if self._title:
            self.title_parts.append(data)
            return
        if not self._skip:
            self.buf.append(data)

    def close(self):
        super().close()
        while self.stack:
            top = self.stack[-1]
            self._close(top)
            self.stack.pop()
            self.open[top] -= 1
        self._flush()

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name")
               or attributes.get("itemprop") or "").lower()
        content = attributes.get("content", "")
        if not content:
            return
        if key in _TITLE_KEYS and "og_title" not in self.meta:
            self.meta["og_title"] = content
        elif key in _AUTHOR_KEYS and "byline" not in self.meta:
            if not content.startswith(("http://", "https://")):
                self.meta["byline"] = content
        elif key in _DATE_KEYS and "date" not in self.meta:
            self.meta["date"] = content


def _defuse_html(src: str) -> str:
    """Drop comments and make tag openers that never close plain text.

    html.parser rescans an unterminated ``<a …`` or ``<!--`` from the start
    for every chunk it is given, which is quadratic: a hostile 1 MB page of
    ``<a <a <a`` would take minutes. An unclosed comment runs to the end."""
    out = []
    pos = 0
    while True:
        start = src.find(_COMMENT_OPEN, pos)
        if start < 0:
            out.append(src[pos:])
            break
        out.append(src[pos:start])
        end = src.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
        if end < 0:
            break
        pos = end + len(_COMMENT_CLOSE)
    return _UNCLOSED_TAG.sub("&lt;", "".join(out))


def html_to_text(src: str, fragment: bool = False) -> tuple[str, str, dict[str, str]]:
    """(text, first <h1>, meta) of the page ``src``; meta may hold title, date, byline.

    A whole page keeps only the blocks in its ``<article>`` (else ``<main>``)
    if it has one; a ``fragment`` (HTML inside Markdown) keeps every block."""
    parser = _PageText()
    parser.feed(_defuse_html(src))
    parser.close()
    blocks = parser.blocks
    if not fragment:
        if any(b.in_article for b in blocks):
            blocks = [b for b in blocks if b.in_article]
        elif any(b.in_main for b in blocks):
            blocks = [b for b in blocks if b.in_main]
    text = "\n\n".join(b.text for b in blocks)
    heading = next((b.text for b in blocks if b.heading == "h1"), "")
    if not heading:
        heading = next((b.text for b in parser.blocks if b.heading == "h1"), "")
    meta = dict(parser.meta)
    meta["title"] = meta.pop("og_title", "") or " ".join("".join(parser.title_parts).split())
    return text, heading, meta
