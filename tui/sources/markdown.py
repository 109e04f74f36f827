"""Markdown: the plain text of a Markdown article, with its title and front matter.

:func:`markdown_to_text` renders with markdown-it-py (already a Textual
dependency): heading hashes, emphasis, link targets, images and inline HTML
go, the text stays; lists keep their markers, table rows their cells joined
by " | ", HTML blocks their text. YAML front matter gives title, date and
author, and is never text. Nothing is lost to nesting: markdown-it stops
parsing a container nested deeper than its ``maxNesting`` and skips the
rest of it, so the lines no block took are read again without their
container markers and put back where they stood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.sources.html import html_to_text

_FRONT_MATTER = re.compile(r"\A---[ ]*\n(.*?)\n(?:---|\.\.\.)[ ]*(?:\n|\Z)", re.S)
_FRONT_MATTER_KEYS = {
    "title": "title", "titolo": "title",
    "date": "date", "data": "date", "published": "date",
    "author": "byline", "autore": "byline", "byline": "byline", "by": "byline",
}
_SPACE_RUN = re.compile(r"[ ]{2,}")
# a front-matter line: "key: value", a "- item" of a list, an indented continuation, a comment
_YAML_LINE = re.compile(r"[A-Za-z_][\w .-]*:(?:\s|$)|-(?:\s|$)|[ \t]|#")
_LINK_DEFINITION = re.compile(r"\[[^\]\n]{1,999}\]:")  # "[id]: url": no text to show
#: how deep lists and quotations may nest before markdown-it gives up on them (20 in
#: its commonmark preset; a list level takes two). Inline parsing of a run of "["
#: takes time in proportion to this too
MAX_NESTING = 40
# block tokens that carry the text of the lines they map
_LEAF_BLOCKS = {"paragraph_open", "heading_open", "fence", "code_block", "html_block",
                "table_open", "hr"}
_MAX_ORDERED_DIGITS = 9  # CommonMark: an ordered list marker has at most 9 digits


def _front_matter(src: str) -> tuple[dict[str, str], str]:
    """(title/date/byline, the rest of ``src``) if it opens with front matter; front
    matter whose keys we do not know is taken out all the same."""
    m = _FRONT_MATTER.match(src)
    if not m:
        return {}, src
    lines = [line for line in m.group(1).split("\n") if line.strip()]
    if not all(_YAML_LINE.match(line) for line in lines):
        return {}, src  # a thematic break and a paragraph, not front matter
    meta: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if not sep:
            continue
        name = _FRONT_MATTER_KEYS.get(key.strip().lower())
        if name and name not in meta:
            meta[name] = value.strip().strip("'\"")
    return meta, src[m.end():]


def strip_containers(line: str) -> str:
    """``line`` without the blockquote and list markers that open it (linear time)."""
    n = len(line)
    i = 0
    while True:
        j = i
        while j < n and line[j] in " \t":
            j += 1
        if j < n and line[j] == ">":
            i = j + 1
            continue
        if j + 1 < n and line[j] in "-*+" and line[j + 1] in " \t":
            i = j + 2
            continue
        k = j
        while k < n and k - j < _MAX_ORDERED_DIGITS and line[k].isdigit():
            k += 1
        if j < k and k + 1 < n and line[k] in ".)" and line[k + 1] in " \t":
            i = k + 2
            continue
        return line[j:]


def _lost_runs(src: str, tokens) -> list[tuple[int, str]]:
    """(first line, text) of each run of lines with text that no block token took."""
    lines = src.split("\n")
    covered = bytearray(len(lines) + 1)
    for tok in tokens:
        if tok.type in _LEAF_BLOCKS and tok.map:
            start, end = tok.map
            covered[start:end] = b"\x01" * (end - start)
    runs: list[tuple[int, list[str]]] = []
    last = -2
    for i, line in enumerate(lines):
        if covered[i]:
            continue
        text = strip_containers(line)
        if not any(c.isalnum() for c in text) or _LINK_DEFINITION.match(text):
            continue
        if i == last + 1 and runs:
            runs[-1][1].append(text)
        else:
            runs.append((i, [text]))
        last = i
    return [(i, "\n".join(texts)) for i, texts in runs]


def _inline_text(children) -> str:
    """The text of an inline token's children: marks, links and images gone."""
    out = []
    for child in children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return _SPACE_RUN.sub(" ", "".join(out))  # where an image or inline HTML was


@dataclass
class _OpenList:
    """A list being rendered: its items' lines wait until it closes."""

    ordered: bool
    number: int  # of the current item (ordered lists)
    lines: list[str] = field(default_factory=list)
    marker: str = ""  # "- " or "3. "
    fresh: bool = False  # the current item's first line is still to come
    line: int = 0  # where it opens in the source


def markdown_to_text(src: str, _again: bool = False) -> tuple[str, str, dict[str, str]]:
    """(text, first heading, front matter) of the Markdown ``src``.

    Long because it is one walk over markdown-it's token stream, with a case per kind
    of block."""
    # a heavy library, imported only for the input or output that needs it
    from markdown_it import MarkdownIt

    meta, src = ({}, src) if _again else _front_matter(src)
    tokens = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").parse(src)
    blocks: list[tuple[int, str]] = []  # (source line, text)
    lists: list[_OpenList] = []
    rows: list[str] | None = None
    row: list[str] | None = None
    title = ""
    in_heading = False
    line = 0

    def emit(text: str) -> None:
        if not text.strip():
            return
        if lists:
            cur = lists[-1]
            pad = " " * len(cur.marker)
            for j, part in enumerate(text.split("\n")):
                if j == 0 and cur.fresh:
                    cur.lines.append(cur.marker + part)
                    cur.fresh = False
                else:
                    cur.lines.append(pad + part)
        else:
            blocks.append((line, text))

    for tok in tokens:
        kind = tok.type
        if tok.map and not lists and rows is None:
            line = tok.map[0]
        if kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "inline":
            text = _inline_text(tok.children)
            if row is not None:
                row.append(" ".join(text.split()))
                continue
            if in_heading and not title and text.strip():
                title = " ".join(text.split())
            emit(text)
        elif kind in ("fence", "code_block"):
            emit(tok.content.rstrip("\n"))
        elif kind == "html_block":
            emit(html_to_text(tok.content, fragment=True)[0])
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start") if kind == "ordered_list_open" else None
            lists.append(_OpenList(ordered=kind == "ordered_list_open",
                                   number=int(start) - 1 if start is not None else 0,
                                   line=tok.map[0] if tok.map else line))
        elif kind == "list_item_open" and lists:
            cur = lists[-1]
            cur.number += 1
            cur.marker = f"{cur.number}. " if cur.ordered else "- "
            cur.fresh = True
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            done = lists.pop()
            if not lists:
                line = done.line
            if done.lines:
                emit("\n".join(done.lines))
        elif kind == "table_open":
            rows = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and rows is not None and row is not None:
            rows.append(" | ".join(row))
            row = None
        elif kind == "table_close":
            if rows:
                emit("\n".join(rows))
            rows = None
    if not _again:  # what markdown-it skipped (nested too deep), read again in its place
        for at, text in _lost_runs(src, tokens):
            again = markdown_to_text(text, _again=True)[0] or text
            blocks.append((at, again))
        blocks.sort(key=lambda b: b[0])
    return "\n\n".join(text for _line, text in blocks), title, meta
