"""Markdown: the plain text of a Markdown article, with its title and front matter.

:func:`markdown_to_text` renders with markdown-it-py (already a Textual
dependency): heading hashes, emphasis, link targets, images and inline HTML
go, the text stays; lists keep their markers, table rows their cells joined
by " | ", HTML blocks their text. YAML front matter gives title, date and
author.
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


def _front_matter(src: str) -> tuple[dict[str, str], str]:
    """(title/date/byline, the rest of ``src``) if it opens with front matter."""
    m = _FRONT_MATTER.match(src)
    if not m:
        return {}, src
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if not sep:
            continue
        name = _FRONT_MATTER_KEYS.get(key.strip().lower())
        if name:
            meta[name] = value.strip().strip("'\"")
    if not meta:
        return {}, src
    return meta, src[m.end():]


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


def markdown_to_text(src: str) -> tuple[str, str, dict[str, str]]:
    """(text, first heading, front matter) of the Markdown ``src``."""
    from markdown_it import MarkdownIt

    meta, src = _front_matter(src)
    tokens = MarkdownIt("commonmark").enable("table").parse(src)
    blocks: list[str] = []
    lists: list[_OpenList] = []
    rows: list[str] | None = None
    row: list[str] | None = None
    title = ""
    in_heading = False

    def emit(text: str) -> None:
        if not text.strip():
            return
        if lists:
            cur = lists[-1]
            pad = " " * len(cur.marker)
            for j, line in enumerate(text.split("\n")):
                if j == 0 and cur.fresh:
                    cur.lines.append(cur.marker + line)
                    cur.fresh = False
                else:
                    cur.lines.append(pad + line)
        else:
            blocks.append(text)

    for tok in tokens:
        kind = tok.type
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
                                   number=int(start) - 1 if start is not None else 0))
        elif kind == "list_item_open" and lists:
            cur = lists[-1]
            cur.number += 1
            cur.marker = f"{cur.number}. " if cur.ordered else "- "
            cur.fresh = True
        elif kind in ("bullet_list_close", "ordered_list_close") and lists:
            done = lists.pop()
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
    return "\n\n".join(blocks), title, meta
