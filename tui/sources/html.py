"""HTML: the article text of a web page, with its title, author and date.

:func:`html_to_text` gives a whole page to trafilatura (the field's standard
extractor: main content against menus, teasers, comments and footers; date
and author through htmldate and the page's metadata) and turns the tree it
extracts into our paragraphs: one block per paragraph, heading, list, table
or quotation, ``<br>`` as a line break. The title is the page's first ``<h1>``
(in its ``<article>``, else ``<main>``, else anywhere; not a logo that names
the site), which matched the
reference more often than trafilatura's title (that often carries the site's
name); without an ``<h1>``, trafilatura's title, else ``og:title``, else
``<title>``. The article's heading opens the text, as it does the page.

A small parser on Python's ``html.parser`` (:class:`_PageText`) reads HTML
inside Markdown (``fragment=True``, every block kept), gives back the
paragraphs of a page whose extraction came out as one run of text, and reads
a page that lxml cannot (nested too deep, hostile markup).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

from tui.sources.clean import clean_text

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
_DOCTYPE = re.compile(r"<!doctype", re.I)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?")
#: characters: an extraction this short may be trafilatura's last resort (its
#: MIN_EXTRACTED_SIZE), so it is checked against our own
SHORT_EXTRACTION = 250
# trafilatura's elements that hold blocks of their own
_XML_BLOCK_TAGS = {"p", "head", "list", "table", "quote", "code", "div"}


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


def _without_doctype(src: str) -> str:
    """``src`` without its ``<!DOCTYPE …>`` declarations, internal subsets
    (``[<!ENTITY …>]``) included: html.parser shows what is left of them as text."""
    out = []
    pos = 0
    for m in _DOCTYPE.finditer(src):
        if m.start() < pos:
            continue
        end = src.find(">", m.end())
        bracket = src.find("[", m.end(), end if end >= 0 else len(src))
        if bracket >= 0:  # an internal subset: it ends at "]" and then ">"
            close = src.find("]", bracket)
            end = src.find(">", close) if close >= 0 else -1
        out.append(src[pos:m.start()])
        pos = len(src) if end < 0 else end + 1
    out.append(src[pos:])
    return "".join(out)


def _defuse_html(src: str) -> str:
    """Drop the doctype and comments, and make tag openers that never close plain text.

    html.parser rescans an unterminated ``<a …`` or ``<!--`` from the start
    for every chunk it is given, which is quadratic: a hostile 1 MB page of
    ``<a <a <a`` would take minutes. An unclosed comment runs to the end."""
    src = _without_doctype(src)
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


def _page_blocks(src: str) -> _PageText:
    parser = _PageText()
    parser.feed(_defuse_html(src))
    parser.close()
    return parser


def _own_extraction(parser: _PageText, fragment: bool) -> tuple[list[str], str, dict[str, str]]:
    """The blocks, first ``<h1>`` and metadata :class:`_PageText` found: a whole page keeps
    only its ``<article>`` (else ``<main>``) if it has one, a fragment every block."""
    blocks = parser.blocks
    if not fragment:
        if any(b.in_article for b in blocks):
            blocks = [b for b in blocks if b.in_article]
        elif any(b.in_main for b in blocks):
            blocks = [b for b in blocks if b.in_main]
    heading = next((b.text for b in blocks if b.heading == "h1"), "")
    if not heading:
        heading = next((b.text for b in parser.blocks if b.heading == "h1"), "")
    meta = dict(parser.meta)
    meta["title"] = meta.pop("og_title", "") or " ".join("".join(parser.title_parts).split())
    return [b.text for b in blocks], heading, meta


# -- trafilatura ------------------------------------------------------------------------

def _control_ref(m: re.Match) -> str:
    """A numeric character reference to a character the cleaning would remove (a
    control, a lone surrogate, beyond Unicode) goes: lxml refuses the whole page for it."""
    digits = m.group(1) or m.group(2)
    try:
        code = int(digits, 16 if m.group(1) else 10)
        ch = chr(code)
    except (ValueError, OverflowError):
        return ""
    if ch in "\t\n\r" or ch == " ":
        return m.group(0)
    return m.group(0) if clean_text(ch) else ""


def _lxml_safe(src: str) -> str:
    return _CHAR_REF.sub(_control_ref, _without_doctype(src))


def _texts(tree, xpath: str) -> list[str]:
    out = []
    for el in tree.xpath(xpath):
        text = " ".join("".join(el.itertext()).split())
        if text:
            out.append(text)
    return out


def _suffix(title: str) -> str:
    """What follows the last separator of a title ("Lavrov a Mosca | Il Quotidiano")."""
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            return title.rsplit(sep, 1)[1].strip()
    return ""


def _site_names(tree) -> set[str]:
    """What the page calls its site (case folded): og:site_name, and the end of its
    ``<title>`` when an ``<h1>`` (a logo) or the end of ``og:title`` says the same."""
    names = {" ".join((c or "").split()).casefold()
             for c in tree.xpath("//meta[@property='og:site_name']/@content")}
    suffix = _suffix(next(iter(_texts(tree, "//title")), "")).casefold()
    if suffix:
        og = tree.xpath("//meta[@property='og:title']/@content")
        if suffix in {t.casefold() for t in _texts(tree, "//h1")} or \
                (og and _suffix(og[0]).casefold() == suffix):
            names.add(suffix)
    names.discard("")
    return names


def _without_site(title: str, sites: set[str]) -> str:
    """``title`` without the site's name at its end; '' if it is only the site's name."""
    title = " ".join((title or "").split())
    if title.casefold() in sites:
        return ""
    suffix = _suffix(title)
    if suffix and suffix.casefold() in sites:
        return title[: len(title) - len(suffix)].rstrip(" |-–—:")
    return title


def _page_titles(tree, sites: set[str]) -> tuple[str, str]:
    """(heading, title) by our rules: the first ``<h1>`` of the ``<article>``, else of
    ``<main>``, else of the page, but not one that names the site (a logo); the page's
    ``og:title`` (or ``twitter:title``), else ``<title>``."""
    heading = ""
    for xpath in ("//article//h1", "//main//h1", "//h1"):
        heading = next((t for t in _texts(tree, xpath) if t.casefold() not in sites), "")
        if heading:
            break
    title = ""
    for key in _TITLE_KEYS:
        for el in tree.xpath("//meta[@property or @name]"):
            name = (el.get("property") or el.get("name") or "").lower()
            if name == key and (el.get("content") or "").strip():
                title = el.get("content").strip()
                break
        if title:
            break
    return heading, title or next(iter(_texts(tree, "//title")), "")


def _inline(el, pre: bool = False) -> str:
    """The text of a trafilatura element and its inline children; ``<lb/>`` is a newline."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "list":
            parts.append("\n" + "\n".join(_list_lines(child, 1)) + "\n")
        else:
            parts.append(_inline(child, pre))
        parts.append(child.tail or "")
    text = "".join(parts)
    if pre:
        return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _list_lines(el, depth: int = 0) -> list[str]:
    lines = []
    ordered = el.get("rend") == "ol"
    number = 0
    for item in el:
        if item.tag != "item":
            continue
        number += 1
        marker = f"{number}. " if ordered else "- "
        pad = "  " * depth
        own = [item.text or ""]
        nested: list[str] = []
        for child in item:
            if child.tag == "list":
                nested.extend(_list_lines(child, depth + 1))
            elif child.tag == "lb":
                own.append("\n")
            else:
                own.append(_inline(child))
            own.append(child.tail or "")
        text = "\n".join(" ".join(line.split()) for line in "".join(own).split("\n")).strip()
        if text:
            first, *rest = text.split("\n")
            lines.append(pad + marker + first)
            lines.extend(pad + " " * len(marker) + line for line in rest)
        lines.extend(nested)
    return lines


def _xml_blocks(body) -> list[str]:
    """Our paragraphs from the tree trafilatura extracted."""
    blocks: list[str] = []
    for el in body:
        tag = el.tag
        if tag == "list":
            text = "\n".join(_list_lines(el))
        elif tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [" ".join(_inline(c).split()) for c in row if c.tag == "cell"]
                if any(cells):
                    rows.append(" | ".join(c for c in cells if c))
            text = "\n".join(rows)
        elif tag in ("quote", "div") and any(c.tag in _XML_BLOCK_TAGS for c in el):
            blocks.extend(_xml_blocks(el))
            continue
        elif tag in ("graphic", "lb"):
            continue
        else:
            text = _inline(el, pre=tag == "code" or (tag == "quote" and "\n" in (el.text or "")))
        if text.strip():
            blocks.append(text)
    return blocks


def _resegment(blocks: list[str], own: list[str]) -> list[str]:
    """Blocks that are runs of several of our paragraphs, given back as those paragraphs
    (trafilatura's last resort flattens a short article into one run of text). Compared
    without whitespace, which that run spreads between inline elements."""
    keys = ["".join(b.split()) for b in own]
    out: list[str] = []
    for block in blocks:
        target = "".join(block.split())
        pos, parts = 0, []
        for text, key in zip(own, keys, strict=True):
            if pos >= len(target):
                break
            if key and target.startswith(key, pos):
                parts.append(text)
                pos += len(key)
        out.extend(parts if pos == len(target) and len(parts) > 1 else [block])
    return out


def _trafilatura(src: str, url: str | None) -> tuple[list[str], str, dict[str, str]] | None:
    """(blocks, heading, meta) as trafilatura extracts them, or None if it cannot read the page."""
    # a heavy library, imported only for the input or output that needs it
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(_lxml_safe(src))
    except Exception:  # noqa: BLE001 - lxml refuses the page: our own parser reads it
        return None
    if tree is None:
        return None
    sites = _site_names(tree)
    heading, title = _page_titles(tree, sites)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False,
                                      include_links=False, include_formatting=False)
    if doc is None or doc.body is None:
        return None
    blocks = _xml_blocks(doc.body)
    meta = {"title": _without_site(doc.title, sites) or _without_site(title, sites),
            "date": doc.date or "",
            "byline": doc.author or ""}
    return blocks, heading, meta


def html_to_text(src: str, fragment: bool = False,
                 url: str | None = None) -> tuple[str, str, dict[str, str]]:
    """(text, heading, meta) of the page ``src``; meta may hold title, date, byline.

    A whole page goes through trafilatura (``url``, if known, helps it with the
    metadata); a ``fragment`` (HTML inside Markdown) keeps every block."""
    if not fragment:
        found = _trafilatura(src, url)
        if found is not None and found[0]:
            blocks, heading, meta = found
            if len(blocks) == 1 or sum(map(len, blocks)) < SHORT_EXTRACTION:
                blocks = _with_own_blocks(blocks, src)
            lead = " ".join(" ".join(blocks[:2]).split())
            if heading and heading not in lead:
                blocks.insert(0, heading)
            return "\n\n".join(blocks), heading, meta
    blocks, heading, meta = _own_extraction(_page_blocks(src), fragment)
    return "\n\n".join(blocks), heading, meta


def _with_own_blocks(blocks: list[str], src: str) -> list[str]:
    """trafilatura's blocks of a short page, checked against our own extraction: ours when
    they hold all of trafilatura's text and more (its last resort on a short page keeps
    only the ``<p>`` elements), else trafilatura's, split back into our paragraphs."""
    own = _own_extraction(_page_blocks(_lxml_safe(src)), False)[0]
    own_key = "".join("".join(b.split()) for b in own)
    keys = ["".join(b.split()) for b in blocks]
    if len(own_key) > sum(map(len, keys)) and _in_order(keys, own_key):
        return own
    return _resegment(blocks, own)


def _in_order(keys: list[str], text: str) -> bool:
    """Each of ``keys`` is found in ``text``, one after the other."""
    pos = 0
    for key in keys:
        at = text.find(key, pos)
        if at < 0:
            return False
        pos = at + len(key)
    return True
