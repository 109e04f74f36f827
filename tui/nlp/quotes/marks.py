"""Quotation marks: the quoted stretches of a paragraph, by pairing its marks.

« » and “ ” pair as open and close (guillemets may nest; a “ that closes a “, as
"avrebbe “alzato il tiro“" does, is read as its close when a word ends right
before it and none starts right after); straight double quotes alternate, a mark
after a letter closing. The marks of another kind inside an open quotation are
part of its content. A quotation left open at the end of the paragraph (the
convention of a quotation that goes on in the next paragraph) runs to its end.
"""

from __future__ import annotations

from typing import NamedTuple

OPEN_CLOSE = {"«": "»", "“": "”", "„": "”", '"': '"'}
ALL_MARKS = frozenset("«»“”„\"")


class Quoted(NamedTuple):
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (the paragraph's end when left open)
    start: int  # the content, trimmed of spaces
    end: int


def quoted_stretches(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """The outermost quoted stretches of ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    out: list[Quoted] = []
    opener = ""
    at = -1
    depth = 0
    i = start
    while i < end:
        c = text[i]
        if not opener:
            if c in OPEN_CLOSE and _can_open(text, i, end):
                opener, at, depth = c, i, 1
        elif opener == "«":
            if c == "«":
                depth += 1
            elif c == "»":
                depth -= 1
                if depth == 0:
                    _emit(out, text, at, i)
                    opener = ""
        elif opener in "“„":
            if c == "”" or (c == "“" and _closes_like_end(text, i, end)):
                _emit(out, text, at, i)
                opener = ""
        elif opener == '"' and c == '"':
            _emit(out, text, at, i)
            opener = ""
        i += 1
    if opener and opener != '"':  # open to the end of the paragraph
        _emit(out, text, at, end)
    return out


def _can_open(text: str, i: int, end: int) -> bool:
    nxt = text[i + 1] if i + 1 < end else " "
    if text[i] == '"':
        prev = text[i - 1] if i > 0 else " "
        return not prev.isalnum() and not nxt.isspace()
    return not nxt.isspace() or text[i] == "«"


def _closes_like_end(text: str, i: int, end: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < end else " "
    return not prev.isspace() and not nxt.isalnum()


def _emit(out: list[Quoted], text: str, open_at: int, close_at: int) -> None:
    s, e = open_at + 1, close_at
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        out.append(Quoted(open_at, close_at, s, e))
