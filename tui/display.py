"""Cleaning what comes from files before it is shown in the reader or printed on a terminal.

Anything read from a file (an imported export's names, labels, glosses and
text; an article's title; a file name; an error message quoting either) may
hold terminal escape sequences (OSC 52 writes the clipboard, OSC 0 the window
title, ``ESC[2J`` clears the screen), other control characters, bidi
overrides, or, for names the operating system gave us, bytes that are not
UTF-8 (Python's surrogate escapes, which no terminal can be sent). Nothing
reaches the screen without going through one of these:

- :func:`line`: names, labels, glosses, titles — the article-text cleaning
  of ``tui.sources`` (escape sequences removed whole, controls dropped, NFC),
  on one line.
- :func:`path`: a file name or path — every byte and character kept but
  shown escaped (``uniq\\xe9.txt``, ``a\\nb.txt``, ``\\x1b``), on one line, so
  the user can still tell which file is meant.
- :func:`message`: a whole line for stderr or a notification: control
  characters and undecodable bytes shown escaped, nothing removed.
- :func:`same_length`: a text whose offsets matter (an imported article): a
  terminal escape sequence becomes U+FFFD and spaces, each other control
  character U+FFFD (line breaks and tabs stay, CR and the other line
  separators become a space), so no offset moves.
- :func:`label`: an entity label as an identifier (letters, digits, ``_``,
  ``-``; anything else becomes ``_``; empty becomes ``MISC``), so it can go
  into a brat ``.ann`` line, an HTML class or a CSV cell unchanged.
- :func:`clean_annotations`: every string of imported Annotations, in place.
"""

from __future__ import annotations

import os
import re

REPLACEMENT = "\ufffd"

# C0 but tab and newline, DEL, C1, bidi embeddings/overrides/isolates, lone surrogates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_UNSAFE_OR_BREAK = re.compile(_UNSAFE.pattern[:-1] + "\t\n]")
_SPACE_LIKE = "\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{o - 0xDC00:02x}"
    if o < 0x100:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}"


def message(s: object) -> str:
    """One printable line: control characters, bidi controls and undecodable bytes escaped."""
    return _UNSAFE_OR_BREAK.sub(lambda m: _escape(m.group()), str(s))


def path(p: str | os.PathLike | bytes | None) -> str:
    """A path as it may be shown: its bytes kept, escaped where not printable (one line)."""
    if p is None:
        return ""
    if isinstance(p, bytes):
        p = os.fsdecode(p)
    return message(os.fspath(p))


def line(s: object) -> str:
    """Names, labels, glosses, titles: cleaned like article text, on one line."""
    # here, not above: tui.sources.clean runs the tui.sources package (all its readers)
    from tui.sources.clean import clean_text

    return " ".join(clean_text(str(s)).split())


_NOT_IDENT = re.compile(r"[^\w-]+")


def label(s: object) -> str:
    """An entity label as an identifier: ``PER`` stays, ``<script>`` becomes ``_script_``."""
    out = _NOT_IDENT.sub("_", line(s)).strip("_-") if line(s) else ""
    return out[:64] or "MISC"


def same_length(text: str) -> str:
    """``text`` with every unsafe character replaced one for one (offsets unchanged): a
    whole terminal escape sequence becomes U+FFFD and spaces (its payload, a clipboard
    write or a window title, is not shown either), any other control U+FFFD."""
    if not _UNSAFE.search(text):
        return text
    # here, not above: tui.sources.clean runs the tui.sources package (all its readers)
    from tui.sources.clean import ESCAPE_SEQUENCES

    text = ESCAPE_SEQUENCES.sub(lambda m: REPLACEMENT + " " * (len(m.group()) - 1), text)
    return _UNSAFE.sub(lambda m: " " if m.group() in _SPACE_LIKE else REPLACEMENT, text)


def clean_annotations(ann) -> None:
    """Make every string of ``ann`` (a ``tui.document.Annotations`` read from a file)
    safe to show, in place; offsets and the document's invariants are kept."""
    ann.text = text = same_length(ann.text)
    n = len(text)

    def at(s: int, e: int, old: str) -> str:  # the cleaned text the offsets point at
        return text[s:e] if 0 <= s < e <= n else same_length(old)

    for m in ann.mentions:
        m.text = at(m.start, m.end, m.text)
        m.label = label(m.label)
    for e in ann.entities:
        e.name = line(e.name)
        e.variants = list(dict.fromkeys(same_length(v) for v in e.variants))
        e.label = label(e.label)
        for r in e.roles:
            r.text = at(r.start, r.end, r.text)
            r.gloss = line(r.gloss)
    src = ann.source
    src.path = path(src.path)
    src.title, src.date, src.byline = line(src.title), line(src.date), line(src.byline)
    ann.model.name, ann.model.version = line(ann.model.name), line(ann.model.version)
    ann.model.lang = line(ann.model.lang)
    ann.touch()
