"""Cleaning decoded text: make it safe and regular to show and to analyse.

:func:`clean_text` removes terminal escape sequences (CSI, OSC, DCS, other
ESC sequences, their 8-bit C1 forms) whole; turns CRLF/CR into LF and the
other line separators (VT, FF, NEL, U+2028/9) into LF; turns tab into a
space; removes the remaining C0/C1 controls, zero-width characters, soft
hyphens, bidi embeddings/overrides/isolates and lone surrogates; turns
no-break and other Unicode spaces into a space; normalises to NFC; strips
trailing spaces; and collapses two or more blank lines into one. Rich/Textual
markup such as ``[bold]`` is ordinary text and left alone.
"""

from __future__ import annotations

import re
import unicodedata

# Terminal escape sequences, 7-bit and 8-bit forms. String sequences (OSC,
# DCS, SOS, PM, APC) end at BEL or ST; an unterminated one ends at the line end.
ESCAPE_SEQUENCES = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (and a lone ESC)
)
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but \t (already a space) and \n, DEL, C1
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff]"  # soft hyphen, zero-width, bidi controls, lone surrogates
)
_OTHER_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# a run of spaces at a line end, tried only where a run starts: "[ ]+$" alone
# rescans the rest of every run from each of its spaces (quadratic in its length)
_TRAILING_SPACES = re.compile(r"(?<![ ])[ ]+$", re.M)
BLANK_LINES = re.compile(r"\n{3,}")  # two or more blank lines: replace with "\n\n"


def clean_text(text: str) -> str:
    """Make ``text`` safe and regular to show: see the module docstring. Idempotent."""
    if not isinstance(text, str):
        text = str(text)
    text = ESCAPE_SEQUENCES.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _OTHER_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACES.sub("", text)
    text = BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


def one_line(s: str) -> str:
    """``s`` cleaned, on one line, its runs of whitespace single spaces."""
    return " ".join(clean_text(s).split())
