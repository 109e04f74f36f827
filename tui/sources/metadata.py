"""Article metadata in the text itself: dates, bylines and the title.

Leading date/byline lines among the first lines (the seed's scraped
`` date 2025-11-09 Redattore esperto…``, ``9 novembre 2025``,
``Di Mario Rossi | 9 novembre 2025``, ``di Mario Rossi``…) are taken out of
the body into ``date`` and ``byline`` (:func:`split_metadata`). The title is
the first short line without a final full stop that stands as its own
paragraph (:func:`find_title`); it stays in the body. Dates are given as ISO
``YYYY-MM-DD`` (:func:`iso_date`).
"""

from __future__ import annotations

import datetime as _dt
import re

from tui.sources.clean import BLANK_LINES

_MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    "gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6, "lug": 7, "ago": 8,
    "set": 9, "sett": 9, "ott": 10, "nov": 11, "dic": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (r"(?:luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica"
            r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+")
# four spellings of a date, each with its own groups: ISO (with an optional
# time), day/month/year in figures, "9 novembre 2025", "November 9, 2025"
_DATE = (
    r"(?:(?P<iso_year>\d{4})-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<num_day>\d{1,2})[/.-](?P<num_month>\d{1,2})[/.-](?P<num_year>\d{4})"
    rf"|(?:{_WEEKDAY})?(?P<dm_day>\d{{1,2}})(?:°|º)?\s+(?P<dm_month>{_MONTH})"
    r"\s+(?P<dm_year>\d{4})"
    rf"|(?:{_WEEKDAY})?(?P<md_month>{_MONTH})\s+(?P<md_day>\d{{1,2}}),?\s+(?P<md_year>\d{{4}}))"
)
_TIME = (r"(?:\s*(?:,|-|–|—|\||alle\s+ore|alle|ore|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?"
         r"(?:\s*(?:CET|CEST|UTC|GMT|[ap]\.?m\.?))?)?")
_SEPARATOR = r"\s*(?:[|,·•/–—-]|\s)\s*"
_LABEL = (r"(?P<label>date|data|pubblicato|aggiornato|modificato|published|updated|posted)"
          r"(?:\s+(?:il|on|a|alle))?\s*:?\s*")
_DATE_LABELS = ("date", "data")  # a label after which any text is a byline

# a byline's name: this many words, all capitalised but the particles
_MIN_NAME_WORDS = 2
_MAX_NAME_WORDS = 7
_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_PARTICLES = {"de", "del", "della", "dei", "di", "da", "dal", "van", "von", "der", "la",
              "le", "lo", "dos", "du", "e", "ed", "and"}
_NAME = (rf"(?P<name>{_NAME_WORD}"
         rf"(?:\s+{_NAME_WORD}){{{_MIN_NAME_WORDS - 1},{_MAX_NAME_WORDS - 1}}})")
_BY = r"(?:a\s+cura\s+di|testo\s+di|scritto\s+da|di|by)\s+"

_RE_DATE_PREFIX = re.compile(rf"\s*{_DATE}", re.I)
_RE_LABELLED = re.compile(
    rf"^\s*{_LABEL}{_DATE}{_TIME}(?:{_SEPARATOR}(?P<rest>.*?))?\s*$", re.I)
_RE_DATE = re.compile(rf"^\s*(?:{_LABEL})?{_DATE}{_TIME}\s*\.?\s*$", re.I)
_RE_NAME_ONLY = re.compile(rf"^(?:{_BY})?{_NAME}$", re.I)
_RE_BY_DATE = re.compile(rf"^\s*(?:{_BY})?{_NAME}(?:{_SEPARATOR}{_DATE}{_TIME})\s*$", re.I)
_RE_BY = re.compile(rf"^\s*{_BY}{_NAME}\s*$", re.I)
_RE_DATE_BY = re.compile(rf"^\s*{_DATE}{_TIME}{_SEPARATOR}(?:{_BY})?{_NAME}\s*$", re.I)

_MAX_LABELLED_LINE = 600  # characters: longer lines are prose
_MAX_METADATA_LINE = 160  # characters, for a line without a label
_METADATA_LINES = 4  # how many non-blank lines split_metadata looks at

_MAX_TITLE_CHARS = 120
_MAX_TITLE_WORDS = 20
_CLAUSE_ENDINGS = ".:;,"  # a line that ends so is prose or a label, not a title
_TITLE_LINES = 5  # how many non-blank lines find_title looks at


def _date_from_match(m: re.Match) -> str:
    """The ISO date a match of ``_DATE`` spells, or '' if it is no real date."""
    groups = m.groupdict()
    try:
        if groups.get("iso_year"):
            year, month, day = (int(groups["iso_year"]), int(groups["iso_month"]),
                                int(groups["iso_day"]))
        elif groups.get("num_year"):
            year, month, day = (int(groups["num_year"]), int(groups["num_month"]),
                                int(groups["num_day"]))
        elif groups.get("dm_year"):
            year, month, day = (int(groups["dm_year"]),
                                _MONTHS[groups["dm_month"].lower().rstrip(".")],
                                int(groups["dm_day"]))
        elif groups.get("md_year"):
            year, month, day = (int(groups["md_year"]),
                                _MONTHS[groups["md_month"].lower().rstrip(".")],
                                int(groups["md_day"]))
        else:
            return ""
        return _dt.date(year, month, day).isoformat()
    except (ValueError, KeyError):
        return ""


def iso_date(s: str) -> str:
    """The date ``s`` starts with, as ``YYYY-MM-DD``, or ''."""
    m = _RE_DATE_PREFIX.match(s or "")
    return _date_from_match(m) if m else ""


def _is_name(name: str) -> bool:
    """A person's name: a few words, capitalised but for the particles."""
    words = name.split()
    if not _MIN_NAME_WORDS <= len(words) <= _MAX_NAME_WORDS:
        return False
    capital = [w for w in words if w.lower() not in _PARTICLES]
    return bool(capital) and all(w[0].isupper() for w in capital) and words[0][0].isupper() \
        and words[-1][0].isupper()


def match_metadata_line(line: str) -> tuple[str, str] | None:
    """(date, byline) if ``line`` is a date/byline line, else None."""
    if not line.strip() or len(line) > _MAX_LABELLED_LINE:
        return None
    m = _RE_LABELLED.match(line)
    if m:
        date = _date_from_match(m)
        rest = " ".join((m.group("rest") or "").split())
        if date and rest and m.group("label").lower() not in _DATE_LABELS:
            # "Pubblicato il 9 novembre 2025 il rapporto…" is prose; only a name may follow
            n = _RE_NAME_ONLY.match(rest)
            rest = n.group("name") if n and _is_name(n.group("name")) else None
        if date and rest is not None:
            return date, rest
    if len(line) > _MAX_METADATA_LINE:
        return None
    m = _RE_DATE.match(line)
    if m and _date_from_match(m):
        return _date_from_match(m), ""
    for rx in (_RE_BY_DATE, _RE_DATE_BY):
        m = rx.match(line)
        if m and _is_name(m.group("name")):
            date = _date_from_match(m)
            if date:
                return date, m.group("name")
    m = _RE_BY.match(line)
    if m and _is_name(m.group("name")):
        return "", m.group("name")
    return None


def split_metadata(text: str) -> tuple[str, str, str]:
    """Take leading date/byline lines out of ``text``: (body, date, byline).

    Looks at the first few non-blank lines, allowing one title line before
    the metadata, and stops at the first line that is neither.
    """
    lines = text.split("\n")
    date = byline = ""
    drop: set[int] = set()
    seen = 0
    title_seen = False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if seen >= _METADATA_LINES:
            break
        found = match_metadata_line(line)
        if found is not None:
            line_date, line_byline = found
            date = date or line_date
            byline = byline or line_byline
            drop.add(i)
        elif not title_seen and _heading_like(line):
            title_seen = True  # a title before (or between) the metadata lines
        else:
            break
        seen += 1
    if not drop:
        return text, "", ""
    body = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    return BLANK_LINES.sub("\n\n", body).strip("\n"), date, byline


def _heading_like(line: str) -> bool:
    """Short, with a letter, and not ending as a clause does."""
    s = line.strip()
    if not s or len(s) > _MAX_TITLE_CHARS or len(s.split()) > _MAX_TITLE_WORDS:
        return False
    if s[-1] in _CLAUSE_ENDINGS:
        return False
    return any(c.isalpha() for c in s)


def find_title(body: str) -> str:
    """The first heading-like line among the first paragraphs of ``body``."""
    lines = body.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _TITLE_LINES:
            break
        prev_blank = i == 0 or not lines[i - 1].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not prev_blank or not _heading_like(line):
            continue
        if not nxt or (seen == 1 and not nxt[0].islower()):
            return " ".join(line.split())
    return ""
