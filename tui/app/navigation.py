"""Moving through an article's mentions and find matches: pure functions of the annotations.

No widget here: the reader asks where to go and then moves its view, so the
rules of movement (wrapping, the first mention after the top of the screen,
"3/7") are tested without an app.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

from tui.document import Annotations, Mention
from tui.document.lookup import strip_accents


class Navigator:
    """The mentions of one analysis in text order, and the steps between them."""

    def __init__(self, ann: Annotations) -> None:
        self.ann = ann
        self.in_order: list[Mention] = sorted(ann.mentions, key=lambda m: m.start)
        self.starts: list[int] = [m.start for m in self.in_order]

    def step_entity(self, eid: str, cursor: Mention | None, direction: int) -> Mention | None:
        """The next (+1) or previous (-1) mention of ``eid`` from the cursor, wrapping; the
        first (or last) one when the cursor is not on that entity."""
        ms = self.ann.mentions_of(eid)
        if not ms:
            return None
        if cursor is None or cursor.entity != eid:
            return ms[0] if direction > 0 else ms[-1]
        k = next((i for i, x in enumerate(ms) if x.start == cursor.start), -1)
        return ms[(k + direction) % len(ms)]

    def step_any(self, cursor_start: int | None, top: int, direction: int) -> Mention | None:
        """The next (+1) or previous (-1) mention of any entity, from the cursor or, with no
        cursor, from the first character on screen (``top``); wraps."""
        if not self.in_order:
            return None
        if cursor_start is None:
            i = bisect_left(self.starts, top) if direction > 0 else bisect_left(self.starts, top) - 1
        elif direction > 0:
            i = bisect_right(self.starts, cursor_start)
        else:
            i = bisect_left(self.starts, cursor_start) - 1
        return self.in_order[i % len(self.in_order)]

    def position(self, m: Mention) -> tuple[int, int]:
        """(k, n): ``m`` is the k-th of the n mentions of its entity (1-based)."""
        ms = self.ann.mentions_of(m.entity)
        k = next((i for i, x in enumerate(ms) if x.id == m.id), 0)
        return k + 1, len(ms)


def fold(text: str) -> str:
    """``text`` without case and accents ("Viganò" -> "vigano", "Straße" -> "strasse"); for
    short strings (names, a needle): the text shown is folded once by :func:`folded`."""
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    return unicodedata.normalize("NFC", strip_accents(ch).casefold())


@lru_cache(maxsize=4)
def folded(text: str) -> tuple[str, list[int] | None]:
    """(folded text, origin): ``origin[i]`` is the offset in ``text`` of the character that
    gave folded character ``i`` (so matches in the folded text map back to exact offsets);
    None when every character folds to one character (the offsets are the same).

    A megabyte of text folds in a few milliseconds (one ``str.translate``), once: the
    result is kept for the text the reader shows."""
    pieces = {ch: _fold_char(ch) for ch in set(text)}
    if all(len(p) == 1 for p in pieces.values()):
        return text.translate({ord(c): p for c, p in pieces.items() if p != c}), None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):  # "ß" -> "ss", a lone combining accent -> "": offsets move
        piece = pieces[ch]
        out.append(piece)
        origin.extend([i] * len(piece))
    return "".join(out), origin


def find_matches(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text``, ignoring case and accents ("vigano" finds
    "Viganò"); offsets index ``text`` itself. [] for a blank needle."""
    if not needle.strip():
        return []
    target = fold(needle)
    if not target:
        return []
    hay, origin = folded(text)
    if origin is None:
        return [(m.start(), m.end()) for m in re.finditer(re.escape(target), hay)]
    out: list[tuple[int, int]] = []
    for m in re.finditer(re.escape(target), hay):
        start, end = origin[m.start()], origin[m.end() - 1] + 1
        if out and start < out[-1][1]:  # one character folded to several, matched in part
            continue
        out.append((start, end))
    return out
