"""Words of a text, and moving a selection by words: what boundaries and keyboard selections use.

Pure text work, no widget: the article view keeps the selection on screen and
asks :class:`Words` where it goes next; the corrections trim what the user
selected with :func:`trim` and move a mention's edges by :func:`words`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w[\w'’.\-]*\w|\w")
_EDGE = " \t\n\r\u00a0,;:!?«»“”\"()[]{}"

Range = tuple[int, int]


def words(text: str) -> list[Range]:
    """The words of ``text`` as (start, end): what boundaries and selections move by."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def trim(text: str, start: int, end: int) -> Range:
    """A selection without the spaces and the punctuation at its edges (brackets, quotes,
    commas; a closing dot stays for "Jr." and "S.p.A.")."""
    while start < end and text[start] in _EDGE + ".'’":
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


class Words:
    """The words of one text, found once, and where a word-wise selection moves.

    Each move takes the selection (start, end) and gives the new one, or None when
    it cannot move that way; a selection never spans a line break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: list[Range] | None = None
        self._starts: list[int] = []
        self._ends: list[int] = []

    @property
    def all(self) -> list[Range]:
        if self._words is None:
            self._words = words(self.text)
            self._starts = [w[0] for w in self._words]
            self._ends = [w[1] for w in self._words]
        return self._words

    def at(self, offset: int) -> Range | None:
        """The word at ``offset``, or the first after it (the last word at the end)."""
        ws = self.all
        if not ws:
            return None
        return ws[min(bisect_right(self._ends, offset), len(ws) - 1)]

    def after(self, offset: int) -> Range | None:
        """The first word starting at or after ``offset``."""
        ws = self.all
        i = bisect_left(self._starts, offset)
        return ws[i] if i < len(ws) else None

    def before(self, offset: int, strict: bool = False) -> Range | None:
        """The last word ending at or before ``offset`` (``strict``: before it)."""
        ws = self.all
        i = (bisect_left if strict else bisect_right)(self._ends, offset) - 1
        return ws[i] if i >= 0 else None

    def _fits(self, start: int, end: int) -> Range | None:
        return (start, end) if start < end and "\n" not in self.text[start:end] else None

    def grow_end(self, sel: Range) -> Range | None:
        """Take in the next word."""
        w = self.after(sel[1])
        return self._fits(sel[0], w[1]) if w is not None else None

    def shrink_end(self, sel: Range) -> Range | None:
        """Give back the last word."""
        w = self.before(sel[1], strict=True)
        return self._fits(sel[0], w[1]) if w is not None and w[0] >= sel[0] else None

    def grow_start(self, sel: Range) -> Range | None:
        """Take in the word before."""
        w = self.before(sel[0])
        return self._fits(w[0], sel[1]) if w is not None else None

    def shrink_start(self, sel: Range) -> Range | None:
        """Give back the first word."""
        w = self.after(sel[0] + 1)
        return self._fits(w[0], sel[1]) if w is not None and w[1] <= sel[1] else None

    def next(self, sel: Range) -> Range | None:
        """The word after the selection, alone."""
        return self.after(sel[1])

    def previous(self, sel: Range) -> Range | None:
        """The word before the selection, alone."""
        return self.before(sel[0])
