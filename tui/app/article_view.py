"""The article text view: a line-API scroll view with entity highlights.

The text is wrapped once per width into visual lines (offsets into the text);
only the visible lines are stylised, each into a cached ``Strip``. Moving the
cursor between mentions refreshes just the lines of the old and new mention,
so a keypress never re-renders the whole text, whatever its length.

The article text is data: it is turned into ``Segment``s directly, never
parsed as markup, and any control character left is replaced before it can
reach the terminal.

While a long article is analysed, its names come in stretch by stretch
(:class:`ArticleView.Provisional`, :meth:`ArticleView.add_provisional`): they are
coloured by label at once, and replaced by the analysis when it is shown
(:meth:`ArticleView.set_spans`); they cannot be clicked or selected.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from tui.document.selection import Words

_WORD = re.compile(r"\S+\s*|\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    label: str
    mention: str
    entity: str


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` into (start, end) offsets of visual lines.

    Line ends are not part of any visual line; a word wider than the view is
    cut; trailing spaces stay on the line they follow.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        pos = p_end + 1
        if not para:
            lines.append((p_start, p_start))
            continue
        if para.isascii() and len(para) <= width:
            lines.append((p_start, p_end))
            continue
        line_start, used = p_start, 0
        for m in _WORD.finditer(para):
            w_start = p_start + m.start()
            word = m.group()
            stripped = word.rstrip()
            w = cell_len(stripped) if not stripped.isascii() else len(stripped)
            if used and used + w > width:
                lines.append((line_start, w_start))
                line_start, used = w_start, 0
            while w > width:  # a very long word: cut it
                cut, cells = 0, 0
                for ch in stripped:
                    c = cell_len(ch)
                    if cells + c > width:
                        break
                    cells += c
                    cut += 1
                cut = max(cut, 1)
                lines.append((w_start, w_start + cut))
                w_start += cut
                stripped = stripped[cut:]
                line_start, used = w_start, 0
                w = cell_len(stripped)
            used += w + (len(word) - len(word.rstrip()))
        lines.append((line_start, p_end))
    return lines


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, wrapped article text with highlighted mentions."""

    COMPONENT_CLASSES = {
        "article-view--per",
        "article-view--org",
        "article-view--loc",
        "article-view--misc",
        "article-view--selected",
        "article-view--cursor",
        "article-view--match",
        "article-view--match-current",
        "article-view--evidence",
        "article-view--pending",
        "article-view--quote",
    }

    DEFAULT_CSS = """
    ArticleView {
        padding: 0 1;
        background: $surface;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    ArticleView > .article-view--per { color: $text-accent; background: $accent-muted; text-style: bold; }
    ArticleView > .article-view--org { color: $text-success; background: $success-muted; }
    ArticleView > .article-view--loc { color: $text-primary; background: $primary-muted; }
    ArticleView > .article-view--misc { color: $text-secondary; background: $secondary-muted; text-style: italic; }
    ArticleView > .article-view--selected { text-style: bold underline; }
    ArticleView > .article-view--cursor { color: $background; background: $foreground; text-style: bold; }
    ArticleView > .article-view--match { background: $warning-muted; color: $foreground; text-style: underline; }
    ArticleView > .article-view--match-current { background: $warning; color: $background; text-style: bold underline; }
    ArticleView > .article-view--evidence { background: $secondary 35%; }
    ArticleView > .article-view--pending { text-style: reverse bold underline; }
    ArticleView > .article-view--quote { background: $success-muted; text-style: italic; }
    """

    class Provisional(Message):
        """Names found so far in a long article being analysed: (start, end, label), in
        text order after those sent before (safe to post from the analysis thread)."""

        def __init__(self, spans: list[tuple[int, int, str]]) -> None:
            super().__init__()
            self.spans = spans

    class MentionClicked(Message):
        def __init__(self, mention: str, entity: str) -> None:
            super().__init__()
            self.mention = mention
            self.entity = entity

    # The keyboard selection (``pending``): started by the reader at a word, it grows
    # and shrinks word by word; enter hands it back (SelectionDone), escape drops it.
    # Arrows keep scrolling when no selection is being made.
    BINDINGS = [
        Binding("right,l", "sel_grow_end", "Longer", show=False),
        Binding("left,h", "sel_shrink_end", "Shorter", show=False),
        Binding("shift+left,H", "sel_grow_start", "Start earlier", show=False),
        Binding("shift+right,L", "sel_shrink_start", "Start later", show=False),
        Binding("w", "sel_next", "Next word", show=False),
        Binding("b", "sel_prev", "Previous word", show=False),
        Binding("down", "sel_down", "Down", show=False),
        Binding("up", "sel_up", "Up", show=False),
        Binding("enter", "sel_done", "Tag the selection", show=False),
        Binding("escape", "sel_cancel", "Cancel the selection", show=False),
    ]

    class SelectionDone(Message):
        """The keyboard selection, confirmed with enter."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    class SelectionCancelled(Message):
        pass

    def __init__(self, text: str = "", *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.text = text
        self.spans: list[Span] = []
        self._span_starts: list[int] = []
        self._by_entity: dict[str, list[Span]] = {}
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrap_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(2048)
        self.selected_entity: str = ""
        self.cursor: Span | None = None
        self.matches: list[tuple[int, int]] = []
        self.current_match = -1  # the index in ``matches`` of the match the reader is on
        self.evidence: tuple[int, int] | None = None
        self.quotes: list[tuple[int, int]] = []  # the quotations, under the mentions
        self.pending: tuple[int, int] | None = None  # the keyboard selection
        self.words = Words(text)  # where the keyboard selection moves (found on first use)
        self._last_selection: tuple[int, int] | None = None
        self._analysed = False   # set_spans has shown an analysis: provisional names stop

    # -- content ----------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.text = text
        self.words, self.pending = Words(text), None
        self.spans, self._span_starts, self._analysed = [], [], False
        self.cursor, self.selected_entity, self.matches, self.evidence = None, "", [], None
        self._wrap_width = -1
        self._rewrap()

    def set_spans(self, spans: list[Span]) -> None:
        self._analysed = True
        self.spans = sorted(spans, key=lambda s: s.start)
        self._span_starts = [s.start for s in self.spans]
        self._by_entity: dict[str, list[Span]] = {}
        for sp in self.spans:
            self._by_entity.setdefault(sp.entity, []).append(sp)
        self._invalidate()

    def set_quotes(self, quotes: list[tuple[int, int]]) -> None:
        """The (start, end) of the article's quotations, drawn in their own style under
        the mentions."""
        self.quotes = sorted(quotes)
        self._invalidate()

    def quote_at(self, offset: int) -> int:
        """The index in ``quotes`` of the quotation holding ``offset``, or -1 (quotations
        do not overlap: the last one starting at or before ``offset`` is the only one)."""
        i = bisect_right(self.quotes, (offset, float("inf"))) - 1
        if i >= 0 and self.quotes[i][0] <= offset < self.quotes[i][1]:
            return i
        return -1

    def on_article_view_provisional(self, message: ArticleView.Provisional) -> None:
        message.stop()
        self.add_provisional(message.spans)

    def add_provisional(self, spans: list[tuple[int, int, str]]) -> None:
        """Colour the names a long article's analysis has found so far (see the module
        docstring); ignored once the analysis is shown. Only the lines on screen that
        they touch are drawn again."""
        if self._analysed:
            return
        last = self.spans[-1].end if self.spans else 0
        new = [Span(s, e, label, "", "") for s, e, label in spans if s >= last]
        if not new:
            return
        self.spans.extend(new)
        self._span_starts.extend(sp.start for sp in new)
        top, height = self.scroll_offset.y, self.size.height
        for sp in new:
            rows = self.lines_of(sp.start, sp.end)
            for y in rows:
                self._cache.discard(y)
            if rows.stop > top and rows.start < top + height:
                self.refresh_lines(rows.start, len(rows))

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self) -> None:
        self._rewrap()

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _rewrap(self) -> None:
        width = self._text_width() if self.is_mounted else 80
        if width == self._wrap_width:
            return
        anchor = self._lines[self.scroll_offset.y][0] if self._lines and self.scroll_offset.y < len(self._lines) else 0
        self._wrap_width = width
        self._lines = wrap(self.text, width)
        self._line_starts = [s for s, _ in self._lines]
        self._cache.clear()
        self.virtual_size = Size(width, len(self._lines))
        if anchor and self.is_mounted:
            self.scroll_to(y=self.line_of(anchor), animate=False, immediate=True)
        self.refresh()

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def top_offset(self) -> int:
        """The character offset at the top of the view."""
        y = self.scroll_offset.y
        return self._lines[y][0] if y < len(self._lines) else 0

    def line_of(self, offset: int) -> int:
        """The visual line showing character ``offset``."""
        if not self._lines:
            return 0
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def lines_of(self, start: int, end: int) -> range:
        a = self.line_of(start)
        b = self.line_of(max(start, end - 1))
        return range(a, b + 1)

    # -- state that changes the look of a few lines -------------------------------
    def _refresh_range(self, start: int, end: int) -> None:
        rows = self.lines_of(start, end)
        for y in rows:
            self._cache.discard(y)
        self.refresh_lines(rows.start, len(rows))

    def select_entity(self, entity: str) -> None:
        """Light up every mention of ``entity`` (only the lines that change are redrawn)."""
        old = self.selected_entity
        if old == entity:
            return
        self.selected_entity = entity
        top = self.scroll_offset.y
        height = self.size.height
        for eid in (old, entity):
            for s in self._by_entity.get(eid, ()) if eid else ():
                rows = self.lines_of(s.start, s.end)
                for y in rows:
                    self._cache.discard(y)
                if rows.stop > top and rows.start < top + height:
                    self.refresh_lines(rows.start, len(rows))

    def set_cursor(self, span: Span | None, scroll: bool = True) -> None:
        old = self.cursor
        self.cursor = span
        if old is not None:
            self._refresh_range(old.start, old.end)
        if span is not None:
            self._refresh_range(span.start, span.end)
            if scroll:
                self.scroll_to_offset(span.start)

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = sorted(matches)
        self.current_match = -1
        self._invalidate()

    def set_current_match(self, index: int) -> None:
        """Mark ``matches[index]`` as the current one (-1: none); redraws the two lines that change."""
        old, self.current_match = self.current_match, index
        for i in (old, index):
            if 0 <= i < len(self.matches):
                self._refresh_range(*self.matches[i])

    def set_evidence(self, span: tuple[int, int] | None) -> None:
        old, self.evidence = self.evidence, span
        for r in (old, span):
            if r is not None:
                self._refresh_range(*r)
        if span is not None:
            self.scroll_to_offset(span[0])

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line with ``offset`` into view, a third of the way down."""
        y = self.line_of(offset)
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        if top <= y < top + height:
            return
        self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    def span_at(self, offset: int) -> Span | None:
        i = bisect_right(self._span_starts, offset) - 1
        if i >= 0 and self.spans[i].start <= offset < self.spans[i].end:
            return self.spans[i]
        return None

    # -- rendering --------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None or self.text_selection is not None:
            strip = self._render_visual_line(index, base)
            if self.text_selection is None:
                self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def _styles(self) -> dict[str, Style]:
        get = self.get_component_rich_style
        return {
            "PER": get("article-view--per", partial=True),
            "ORG": get("article-view--org", partial=True),
            "LOC": get("article-view--loc", partial=True),
            "MISC": get("article-view--misc", partial=True),
            "selected": get("article-view--selected", partial=True),
            "cursor": get("article-view--cursor", partial=True),
            "match": get("article-view--match", partial=True),
            "match-current": get("article-view--match-current", partial=True),
            "evidence": get("article-view--evidence", partial=True),
            "pending": get("article-view--pending", partial=True),
            "quote": get("article-view--quote", partial=True),
        }

    def _render_visual_line(self, index: int, base: Style) -> Strip:
        start, end = self._lines[index]
        text = self.text
        styles = self._styles()
        # boundaries where the style may change
        cuts = {start, end}
        layers: list[tuple[int, int, Style]] = []
        if self.quotes:
            q = max(0, bisect_left(self.quotes, (start, 0)) - 1)
            while q < len(self.quotes) and self.quotes[q][0] < end:
                a, b = self.quotes[q]
                q += 1
                if b > start:
                    layers.append((a, b, styles["quote"]))
        if self.evidence and self.evidence[0] < end and self.evidence[1] > start:
            layers.append((self.evidence[0], self.evidence[1], styles["evidence"]))
        i = max(0, bisect_left(self._span_starts, start) - 1)
        while i < len(self.spans) and self.spans[i].start < end:
            s = self.spans[i]
            i += 1
            if s.end <= start:
                continue
            style = styles.get(s.label, styles["MISC"])
            if s.entity and s.entity == self.selected_entity:
                style = style + styles["selected"]
            if self.cursor is not None and s.start == self.cursor.start:
                style = style + styles["cursor"]
            layers.append((s.start, s.end, style))
        if self.matches:
            j = max(0, bisect_left(self.matches, (start, 0)) - 1)
            while j < len(self.matches) and self.matches[j][0] < end:
                a, b = self.matches[j]
                j += 1
                if b > start:
                    current = j - 1 == self.current_match
                    layers.append((a, b, styles["match-current" if current else "match"]))
        if self.pending is not None and self.pending[0] < end and self.pending[1] > start:
            layers.append((*self.pending, styles["pending"]))
        selected = self._selected_range(index)
        if selected is not None:
            # the mouse selection, on top of everything, as Textual's Log draws it
            layers.append((*selected, self.screen.get_component_rich_style("screen--selection")))
        for a, b, _ in layers:
            cuts.add(min(max(a, start), end))
            cuts.add(min(max(b, start), end))
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            if a >= b:
                continue
            style = base
            for la, lb, ls in layers:
                if la <= a and b <= lb:
                    style = style + ls
            piece = _CONTROL.sub("\ufffd", text[a:b].replace("\t", " "))
            segments.append(Segment(piece, style))
        if not segments:
            return Strip([], 0)
        return Strip(segments)

    def _selected_range(self, index: int) -> tuple[int, int] | None:
        """The characters of visual line ``index`` under the mouse selection, if any."""
        selection = self.text_selection
        if selection is None:
            return None
        span = selection.get_span(index)
        if span is None:
            return None
        x0, x1 = span
        start, end = self._lines[index]
        a = self._char_at_column(index, x0)
        b = end if x1 == -1 else self._char_at_column(index, x1)
        return (a, b) if a < b else None

    def _char_at_column(self, index: int, x: int) -> int:
        """The character offset at cell column ``x`` of visual line ``index`` (its end past it)."""
        start, end = self._lines[index]
        cells = 0
        for k in range(start, end):
            if cells >= x:
                return k
            cells += cell_len(self.text[k])
        return end

    # -- the keyboard selection ---------------------------------------------------
    def start_selection(self, offset: int) -> None:
        """Select the word at ``offset`` (or the next one) and enter the selection mode."""
        self.pending = self.words.at(offset)
        self._pending_changed(None)

    def end_selection(self) -> None:
        old, self.pending = self.pending, None
        self._pending_changed(old)

    def _pending_changed(self, old: tuple[int, int] | None) -> None:
        for r in (old, self.pending):
            if r is not None:
                self._refresh_range(*r)
        if self.pending is not None:
            self.scroll_to_offset(self.pending[0])
        if self.is_mounted:
            self.screen.refresh_bindings()

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("sel_done", "sel_cancel", "sel_next", "sel_prev"):
            return self.pending is not None
        return True

    def _move_by(self, move) -> None:
        """Move the selection as ``move`` (a method of :class:`Words`) says, if it can."""
        if self.pending is not None and (new := move(self.pending)) is not None:
            old, self.pending = self.pending, new
            self._pending_changed(old)

    def action_sel_grow_end(self) -> None:
        if self.pending is None:
            self.scroll_right()
        else:
            self._move_by(self.words.grow_end)

    def action_sel_shrink_end(self) -> None:
        if self.pending is None:
            self.scroll_left()
        else:
            self._move_by(self.words.shrink_end)

    def action_sel_grow_start(self) -> None:
        self._move_by(self.words.grow_start)

    def action_sel_shrink_start(self) -> None:
        self._move_by(self.words.shrink_start)

    def action_sel_next(self) -> None:
        self._move_by(self.words.next)

    def action_sel_prev(self) -> None:
        self._move_by(self.words.previous)

    def _sel_line(self, step: int) -> None:
        y = self.line_of(self.pending[0]) + step
        while 0 <= y < len(self._lines) and self._lines[y][0] == self._lines[y][1]:
            y += step  # skip blank lines
        if not 0 <= y < len(self._lines):
            return
        col = self.pending[0] - self._lines[self.line_of(self.pending[0])][0]
        start, end = self._lines[y]
        self._move_by(lambda _sel: self.words.at(min(start + col, max(start, end - 1))))

    def action_sel_down(self) -> None:
        if self.pending is None:
            self.scroll_down()
        else:
            self._sel_line(+1)

    def action_sel_up(self) -> None:
        if self.pending is None:
            self.scroll_up()
        else:
            self._sel_line(-1)

    def action_sel_done(self) -> None:
        if self.pending is not None:
            self.post_message(self.SelectionDone(*self.pending))

    def action_sel_cancel(self) -> None:
        self.end_selection()
        self.post_message(self.SelectionCancelled())

    # -- mouse ------------------------------------------------------------------
    def offset_at(self, x: int, y: int) -> int | None:
        """Character offset under content cell (x, y) relative to the view's top-left."""
        index = self.scroll_offset.y + y
        if not (0 <= index < len(self._lines)):
            return None
        start, end = self._lines[index]
        col = self.scroll_offset.x + x
        cells = 0
        for k in range(start, end):
            cells += cell_len(self.text[k])
            if cells > col:
                return k
        return None

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        pos = self.offset_at(offset.x, offset.y)
        if pos is None:
            return
        span = self.span_at(pos)
        if span is not None and span.mention:   # provisional names cannot be clicked
            self.post_message(self.MentionClicked(span.mention, span.entity))

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        if not self._lines:
            return None

        def absolute(point, default: int) -> int:
            if point is None:
                return default
            # selection offsets are (character in the visual line, visual line)
            y = min(max(0, point.y), len(self._lines) - 1)
            return self._char_at_column(y, max(0, point.x))

        a = absolute(selection.start, 0)
        b = absolute(selection.end, len(self.text))
        if b < a:
            a, b = b, a
        self._last_selection = (a, b)
        return self.text[a:b], "\n"

    def mouse_range(self) -> tuple[int, int] | None:
        """The (start, end) offsets of the mouse selection, if there is one."""
        sel = self.text_selection
        if sel is None or self.get_selection(sel) is None:
            return None
        a, b = self._last_selection
        return (a, b) if a < b else None

    def selection_updated(self, selection: Selection | None) -> None:
        self._cache.clear()
        self.refresh()
