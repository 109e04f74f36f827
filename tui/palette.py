"""The one palette of entity and highlight colours, shared by the reader and the HTML export.

Each kind of highlight has a hue (Person orange, Organisation green, Place
blue, Other purple; find matches yellow). The colour shown is that hue laid
over the page's own background, and the text on it is the page's text colour
when that reads at WCAG AA (contrast of at least 4.5:1), else black or white,
whichever reads better (one of the two always reaches 4.58:1). So every
highlight is readable on any background: each Textual theme, the white HTML page.

Themes that leave colours to the terminal (ANSI themes) get pairs of ANSI
colours, checked against the standard ANSI values.

Pure functions of colour strings: no Textual, no Rich.
"""

from __future__ import annotations

from tui.document.model import LABEL_NAMES  # the names the legend shows, in order

#: WCAG AA for normal text
MIN_CONTRAST = 4.5
#: a text colour is chosen when it reaches this (a margin over MIN_CONTRAST, so that a
#: terminal's rounding of colours never takes a pair under it)
CHOOSE_AT = 4.6

#: the hue of each entity label and highlight
HUES = {
    "PER": "#f29e2e",
    "ORG": "#3dae5c",
    "LOC": "#4a8fe0",
    "MISC": "#b07ad9",
    "ROLE": "#9a9a9a",
    "match": "#ffd60a",
    "match-current": "#ff5f1f",
    "evidence": "#8a8aff",
}

#: how much of the hue is laid over the background
AMOUNT_DARK = {"match-current": 1.0, "match": 0.55, "evidence": 0.25, "ROLE": 0.35}
AMOUNT_LIGHT = {"match-current": 1.0, "match": 0.7, "evidence": 0.25, "ROLE": 0.35}
DEFAULT_AMOUNT_DARK = 0.42
DEFAULT_AMOUNT_LIGHT = 0.38

ENTITY_LABELS = tuple(LABEL_NAMES)

#: the standard values of the 16 ANSI colours (as Rich's default terminal theme has them)
ANSI_RGB = {
    "ansi_black": (0, 0, 0), "ansi_red": (128, 0, 0), "ansi_green": (0, 128, 0),
    "ansi_yellow": (128, 128, 0), "ansi_blue": (0, 0, 128), "ansi_magenta": (128, 0, 128),
    "ansi_cyan": (0, 128, 128), "ansi_white": (192, 192, 192),
    "ansi_bright_black": (128, 128, 128), "ansi_bright_red": (255, 0, 0),
    "ansi_bright_green": (0, 255, 0), "ansi_bright_yellow": (255, 255, 0),
    "ansi_bright_blue": (0, 0, 255), "ansi_bright_magenta": (255, 0, 255),
    "ansi_bright_cyan": (0, 255, 255), "ansi_bright_white": (255, 255, 255),
}
#: the background of each highlight in an ANSI theme
ANSI_BACKGROUNDS = {
    "PER": "ansi_yellow", "ORG": "ansi_green", "LOC": "ansi_blue", "MISC": "ansi_magenta",
    "ROLE": "ansi_bright_black", "match": "ansi_bright_yellow", "match-current": "ansi_bright_red",
    "evidence": "ansi_bright_black", "cursor": "ansi_white", "selection": "ansi_bright_blue",
    "panel-cursor": "ansi_blue", "panel-cursor-blurred": "ansi_bright_black",
}

RGB = tuple[int, int, int]


def parse(colour: str) -> RGB:
    """``#rrggbb`` (or ``#rgb``, an alpha part is ignored) or an ANSI name, as (r, g, b)."""
    c = colour.strip().lower()
    if c in ANSI_RGB:
        return ANSI_RGB[c]
    if c.startswith("#"):
        h = c[1:]
        if len(h) in (3, 4):
            h = "".join(ch * 2 for ch in h[:3])
        if len(h) in (6, 8):
            return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    raise ValueError(f"not a colour: {colour!r}")


def to_hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance."""
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB | str, b: RGB | str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la = luminance(parse(a) if isinstance(a, str) else a)
    lb = luminance(parse(b) if isinstance(b, str) else b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def blend(base: RGB, over: RGB, amount: float) -> RGB:
    """``over`` laid on ``base`` with opacity ``amount``."""
    return tuple(round(b + (o - b) * amount) for b, o in zip(base, over, strict=True))  # type: ignore[return-value]


def readable_text(background: RGB, preferred: list[RGB] | tuple[RGB, ...] = ()) -> RGB:
    """The first of ``preferred`` that reads on ``background`` at CHOOSE_AT, else
    black or white, whichever reads better."""
    for c in preferred:
        if contrast(c, background) >= CHOOSE_AT:
            return c
    black, white = (0, 0, 0), (255, 255, 255)
    return black if contrast(black, background) >= contrast(white, background) else white


def pair(kind: str, page: RGB, text: RGB, dark: bool) -> tuple[RGB, RGB]:
    """(text, background) of highlight ``kind`` on a page of colour ``page`` whose text is ``text``."""
    amounts = AMOUNT_DARK if dark else AMOUNT_LIGHT
    default = DEFAULT_AMOUNT_DARK if dark else DEFAULT_AMOUNT_LIGHT
    bg = blend(page, parse(HUES[kind]), amounts.get(kind, default))
    return readable_text(bg, (text,)), bg


KINDS = ("PER", "ORG", "LOC", "MISC", "ROLE", "match", "match-current", "evidence")


def theme_colours(page: str, text: str, primary: str, dark: bool,
                  ansi: bool = False, panel: str | None = None,
                  block_cursor: str | None = None) -> dict[str, tuple[str, str]]:
    """(text, background) of every highlight for a page of colour ``page`` with text
    ``text``: the entity labels, find matches (and the current one), role evidence,
    the mention cursor and the mouse selection; with ``panel`` (the side panel's
    colour) and ``block_cursor`` (the theme's list cursor), the panel's highlighted row,
    focused and not. Colour strings in, colour strings out."""
    if ansi:
        out = {}
        for kind, bg in ANSI_BACKGROUNDS.items():
            fg = readable_text(parse(bg), ())
            out[kind] = ("ansi_black" if fg == (0, 0, 0) else "ansi_bright_white", bg)
        return out
    p, t = parse(page), parse(text)
    out = {kind: tuple(to_hex(c) for c in pair(kind, p, t, dark)) for kind in KINDS}
    # the cursor: the page's colours swapped
    out["cursor"] = (to_hex(readable_text(t, (p,))), to_hex(t))
    sel = blend(p, parse(primary), 0.6)
    out["selection"] = (to_hex(readable_text(sel, (t,))), to_hex(sel))
    if panel is not None:
        side = parse(panel)
        cur = parse(block_cursor) if block_cursor else parse(primary)
        out["panel-cursor"] = (to_hex(readable_text(cur, (t,))), to_hex(cur))
        dim = blend(side, parse(primary), 0.3)
        out["panel-cursor-blurred"] = (to_hex(readable_text(dim, (t,))), to_hex(dim))
    return out  # type: ignore[return-value]


def html_colours() -> dict[str, tuple[str, str]]:
    """The palette on the HTML export's white page with its #222 text."""
    return theme_colours(HTML_PAGE, HTML_TEXT, HUES["LOC"], dark=False)


HTML_PAGE = "#ffffff"
HTML_TEXT = "#222222"
