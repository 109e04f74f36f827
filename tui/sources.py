"""Reading articles from disk: encodings, formats, sanitising, metadata.

Everything that comes from a file passes through here before it is shown or
analysed, and the text returned is the exact text the offsets of the
analysis refer to.

Pipeline, for ``load_article(path)``:

1. **Read** safely: only regular files, at most ``MAX_BYTES``; every
   operating-system error becomes a :class:`SourceError` with a one-line
   message ("no such file", "permission denied", …).
2. **Decode**: UTF-8 (with or without BOM), UTF-32/UTF-16 with a BOM, UTF-16
   without BOM when the NUL bytes say so, otherwise charset-normalizer. Since
   Personae is Italian first, and charset-normalizer 3.4 happily reads short
   Italian Latin-1 text as cp1250 ("č" for "è"), a Windows-1252 reading is
   preferred whenever it is valid and every non-ASCII character it yields is
   a Western European letter or typographic sign (ISO-8859-15 when the text
   says "¤" where it means "€"). UTF-8 with a few stray Windows-1252 bytes
   (pasted text) keeps its UTF-8 and reads the strays as cp1252. Data with
   NUL bytes (and not UTF-16), that
   nothing decodes, or that decodes mostly to control characters is binary.
3. **Clean** (:func:`clean_text`): terminal escape sequences (CSI, OSC, DCS,
   other ESC sequences, their 8-bit C1 forms) removed whole; CRLF/CR → LF;
   the other line separators (VT, FF, NEL, U+2028/9) → LF; tab → space; the
   remaining C0/C1 controls, zero-width characters, soft hyphens, bidi
   embeddings/overrides/isolates and lone surrogates removed; no-break and
   other Unicode spaces → space; NFC; trailing spaces stripped; two or more
   blank lines collapsed to one. Rich/Textual markup such as ``[bold]`` is
   ordinary text and left alone.
4. **Extract** by format: Markdown is rendered to plain text with
   markdown-it-py (already a Textual dependency): heading hashes, emphasis,
   link targets, images and inline HTML go, the text stays; YAML front
   matter gives title/date/author. HTML goes through :class:`_HTMLText`, a
   small extractor on Python's ``html.parser``: it keeps the text of
   ``<article>`` (else ``<main>``, else ``<body>``), one paragraph per block
   element, drops script/style/nav/aside/form/footer and page headers, and
   reads the title, author and date from ``<h1>``, ``<title>`` and ``<meta>``.
   trafilatura was considered and not taken: it is a 160 kB wheel but pulls
   in lxml, htmldate (and dateparser, regex, pytz, tzlocal), courlan,
   justext, urllib3 and certifi, and wants a newer charset-normalizer - a lot
   of native code and network-oriented machinery for reading a saved page.
5. **Metadata**: leading date/byline lines (the seed's scraped
   `` date 2025-11-09 Redattore esperto…``, ``9 novembre 2025``,
   ``Di Mario Rossi | 9 novembre 2025``, ``di Mario Rossi``…) among the
   first lines are taken out of the body into ``date`` and ``byline``. The
   title is the first heading (Markdown/HTML) or the first short line
   without a final full stop that stands as its own paragraph; it stays in
   the body.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tui.document import Source, sha256_text

MAX_BYTES = 8 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
FORMATS = ("text", "markdown", "html")
_MB = 1024 * 1024


class SourceError(Exception):
    """An article could not be read. ``str()`` is one line for the user."""

    def __init__(self, message: str, path: str | os.PathLike | None = None):
        message = " ".join(str(message).split())
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


@dataclass
class Article:
    path: Path | None
    text: str
    title: str = ""
    date: str = ""
    byline: str = ""
    fmt: str = "text"
    encoding: str = ""  # how the bytes were decoded ("" for text given as str)

    @property
    def source(self) -> Source:
        return Source(path=str(self.path) if self.path is not None else "",
                      sha256=sha256_text(self.text), title=self.title,
                      date=self.date, byline=self.byline)

    @property
    def stem(self) -> str:
        return self.path.stem if self.path is not None and self.path.stem else "article"


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------

def _size(n: int) -> str:
    mb = n / _MB
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _too_large(n: int) -> SourceError:
    return SourceError(f"file too large for an article ({_size(n)}; the limit is {_size(MAX_BYTES)})")


def _os_error(exc: OSError, path) -> SourceError:
    if isinstance(exc, FileNotFoundError):
        return SourceError("no such file", path)
    if isinstance(exc, PermissionError):
        return SourceError("permission denied", path)
    if isinstance(exc, IsADirectoryError):
        return SourceError("is a folder, not a file", path)
    reason = (exc.strerror or str(exc) or type(exc).__name__).strip()
    return SourceError(f"cannot read the file: {reason[:1].lower() + reason[1:]}", path)


def load_article(path: str | os.PathLike) -> Article:
    """Read, decode, clean and split one article file. Raises only SourceError."""
    p = Path(path)
    try:
        st = os.stat(p)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("is a folder, not a file", p)
        if not stat.S_ISREG(st.st_mode):
            raise SourceError("not a regular file", p)
        if st.st_size > MAX_BYTES:
            raise SourceError(str(_too_large(st.st_size)), p)
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except SourceError:
        raise
    except OSError as exc:
        raise _os_error(exc, p) from None
    except ValueError:  # e.g. a NUL character in the name
        raise SourceError("invalid file name", p) from None
    try:
        return from_bytes(data, p)
    except SourceError as exc:
        raise SourceError(str(exc), p) from None


def from_bytes(data: bytes, path: str | os.PathLike | None = None) -> Article:
    """Decode ``data`` (the content of ``path``, if given) into an Article."""
    p = Path(path) if path is not None else None
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise SourceError("empty file", p)
    text, encoding = decode(data)
    fmt = guess_format(p, text)
    if fmt == "html" and not encoding.startswith("utf-"):
        declared = _declared_charset(data)
        if declared and declared != encoding:
            try:
                text, encoding = data.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass
    art = from_text(text, p, fmt)
    art.encoding = encoding
    if not art.text.strip():
        if clean_text(text).strip():
            raise SourceError("no article text found", p)
        raise SourceError("empty file", p)
    return art


def from_text(text: str, path: str | os.PathLike | None = None, fmt: str = "text") -> Article:
    """Clean ``text`` (already decoded) and split off its metadata. Never raises for a str."""
    p = Path(path) if path is not None else None
    if fmt not in FORMATS:
        fmt = "text"
    meta: dict[str, str] = {}
    heading = ""
    raw = clean_text(text)
    if fmt == "markdown":
        try:
            md_text, heading, meta = _markdown_to_text(raw)
        except Exception:  # noqa: BLE001 - a parser bug must not lose the article
            md_text = raw
        # markdown-it drops what is nested too deep: never lose the whole article
        raw = md_text if md_text.strip() or not any(c.isalnum() for c in raw) else raw
    elif fmt == "html":
        try:
            raw, heading, meta = _html_to_text(raw)
        except Exception:  # noqa: BLE001
            pass
    body = clean_text(raw)
    body, date, byline = split_metadata(body)
    title = _one_line(heading) or _one_line(meta.get("title", "")) or find_title(body)
    return Article(path=p, text=body, title=title,
                   date=date or _iso_date(meta.get("date", "")),
                   byline=byline or _one_line(meta.get("byline", "")), fmt=fmt)


def list_articles(folder: str | os.PathLike) -> list[Path]:
    """The article files directly in ``folder``, sorted by name."""
    d = Path(folder)
    try:
        if not d.exists():
            raise SourceError("no such folder", d)
        if not d.is_dir():
            raise SourceError("not a folder", d)
        out = []
        for f in d.iterdir():
            name = f.name
            if name.startswith(".") or f.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if f.stem.lower() == "readme":
                continue
            try:
                if f.is_file():
                    out.append(f)
            except OSError:
                continue
    except SourceError:
        raise
    except OSError as exc:
        raise _os_error(exc, d) from None
    except ValueError:
        raise SourceError("invalid folder name", d) from None
    if not out:
        raise SourceError("no articles in this folder", d)
    return sorted(out, key=lambda f: (f.name.casefold(), f.name))


def guess_format(path: Path | None, text: str = "") -> str:
    suffix = path.suffix.lower() if path is not None else ""
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".html", ".htm"):
        return "html"
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


# ---------------------------------------------------------------------------
# decoding
# ---------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
BINARY = "not a text file (binary data)"

# what Western European (Italian first) text is made of beyond ASCII
_WESTERN = set(
    "àèéìíîòóùúÀÈÉÌÍÎÒÓÙÚâêôûäëïöüÿÂÊÔÛÄËÏÖÜçÇñÑßæÆøØåÅœŒšŠžŽáÁãõÃÕýÝ"
    "«»“”‘’„‚–—…€£¤°ºª·•§¶©®™±×÷²³¹½¼¾´¨¸\u00a0"
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name). Raises SourceError for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc.replace("-sig", ""), errors="replace")
            _check_not_binary(text)
            return text, enc
    if b"\x00" in data:
        enc = _bomless_utf16(data)
        if not enc:
            raise SourceError(BINARY)
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            raise SourceError(BINARY) from None
        _check_not_binary(text)
        return text, enc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_not_binary(text)
        return text, "utf-8"
    text = _mixed_utf8(data)
    if text is not None:
        return text, "utf-8+cp1252"
    text, enc = _legacy_decode(data)
    _check_not_binary(text)
    return text, enc


_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("personae-cp1252", _cp1252_bytes)


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray Windows-1252 bytes (pasted text), or None.

    Needs more valid multi-byte UTF-8 sequences than invalid bytes: plain
    Latin-1 text has (almost) none of the former."""
    ok = len(_UTF8_MULTI.findall(data))
    if not ok:
        return None
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > ok:
        return None
    text = data.decode("utf-8", errors="personae-cp1252")
    try:
        _check_not_binary(text)
    except SourceError:
        return None
    return text


def _bomless_utf16(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' if the NULs sit where UTF-16 text puts them, else ''."""
    if len(data) < 4 or len(data) % 2:
        return ""
    even, odd = data[0::2], data[1::2]
    n = len(even)
    ne, no = even.count(0), odd.count(0)
    if no >= 0.5 * n and ne <= 0.02 * n:
        return "utf-16-le"
    if ne >= 0.5 * n and no <= 0.02 * n:
        return "utf-16-be"
    return ""


def _looks_western(text: str) -> bool:
    """Nearly every non-ASCII character is a Western letter or sign, and the
    accented letters are the few they are in Western languages (a Cyrillic
    or Greek text read as Windows-1252 is all accented letters)."""
    extra = [c for c in text if ord(c) > 127]
    if not extra:
        return True
    if sum(c in _WESTERN for c in extra) < 0.9 * len(extra):
        return False
    letters = sum(c.isalpha() for c in text)
    accented = sum(c.isalpha() for c in extra)
    return accented <= 0.3 * letters


def _legacy_decode(data: bytes) -> tuple[str, str]:
    try:
        cp = data.decode("cp1252")
    except UnicodeDecodeError:
        cp = None
    if cp is not None and _looks_western(cp):
        if "¤" in cp and "€" not in cp and not any(0x80 <= b <= 0x9F for b in data):
            return data.decode("iso-8859-15"), "iso-8859-15"
        return cp, "cp1252"
    from charset_normalizer import from_bytes as cn_from_bytes

    try:
        best = cn_from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector failure means "cannot tell"
        best = None
    if best is None:
        raise SourceError(BINARY)
    return str(best), str(best.encoding)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _check_not_binary(text: str) -> None:
    if not text:
        return
    probe = _ESCAPES.sub("", text[:65536])
    if not probe:
        return
    bad = len(_CONTROL_RE.findall(probe)) + probe.count("\ufffd")
    if bad > 0.05 * len(probe):
        raise SourceError(BINARY)


def _declared_charset(data: bytes) -> str:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    if not m:
        return ""
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return ""
    # as browsers do: a page that says Latin-1 or ASCII is read as Windows-1252
    return "cp1252" if name in ("iso8859-1", "latin-1", "ascii") else name


# ---------------------------------------------------------------------------
# cleaning
# ---------------------------------------------------------------------------

# Terminal escape sequences, 7-bit and 8-bit forms. String sequences (OSC,
# DCS, SOS, PM, APC) end at BEL or ST; an unterminated one ends at the line end.
_ESCAPES = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (and a lone ESC)
)
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_REMOVE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but \t (already a space) and \n, DEL, C1
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff]"  # soft hyphen, zero-width, bidi controls, lone surrogates
)
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TRAILING = re.compile(r"[ ]+$", re.M)
_BLANKS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Make ``text`` safe and regular to show: see the module docstring. Idempotent."""
    if not isinstance(text, str):
        text = str(text)
    text = _ESCAPES.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _REMOVE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip("\n")


def _one_line(s: str) -> str:
    return " ".join(clean_text(s).split())


# ---------------------------------------------------------------------------
# metadata
# ---------------------------------------------------------------------------

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
_DATE = (
    r"(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})"
    rf"|(?:{_WEEKDAY})?(?P<d3>\d{{1,2}})(?:°|º)?\s+(?P<mon3>{_MONTH})\s+(?P<y3>\d{{4}})"
    rf"|(?:{_WEEKDAY})?(?P<mon4>{_MONTH})\s+(?P<d4>\d{{1,2}}),?\s+(?P<y4>\d{{4}}))"
)
_TIME = (r"(?:\s*(?:,|-|–|—|\||alle\s+ore|alle|ore|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?"
         r"(?:\s*(?:CET|CEST|UTC|GMT|[ap]\.?m\.?))?)?")
_SEP = r"\s*(?:[|,·•/–—-]|\s)\s*"
_LABEL = (r"(?P<label>date|data|pubblicato|aggiornato|modificato|published|updated|posted)"
          r"(?:\s+(?:il|on|a|alle))?\s*:?\s*")
_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_PARTICLES = {"de", "del", "della", "dei", "di", "da", "dal", "van", "von", "der", "la",
              "le", "lo", "dos", "du", "e", "ed", "and"}
_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,6}})"
_BY = r"(?:a\s+cura\s+di|testo\s+di|scritto\s+da|di|by)\s+"

_RE_LABELLED = re.compile(rf"^\s*{_LABEL}{_DATE}{_TIME}(?:{_SEP}(?P<rest>.*?))?\s*$", re.I)
_RE_DATE = re.compile(rf"^\s*(?:{_LABEL})?{_DATE}{_TIME}\s*\.?\s*$", re.I)
_RE_NAME_ONLY = re.compile(rf"^(?:{_BY})?{_NAME}$", re.I)
_RE_BY_DATE = re.compile(rf"^\s*(?:{_BY})?{_NAME}(?:{_SEP}{_DATE}{_TIME})\s*$", re.I)
_RE_BY = re.compile(rf"^\s*{_BY}{_NAME}\s*$", re.I)
_RE_DATE_BY = re.compile(rf"^\s*{_DATE}{_TIME}{_SEP}(?:{_BY})?{_NAME}\s*$", re.I)


def _date_of(m: re.Match) -> str:
    g = m.groupdict()
    try:
        if g.get("y1"):
            y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g.get("y2"):
            y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
        elif g.get("y3"):
            y, mo, d = int(g["y3"]), _MONTHS[g["mon3"].lower().rstrip(".")], int(g["d3"])
        elif g.get("y4"):
            y, mo, d = int(g["y4"]), _MONTHS[g["mon4"].lower().rstrip(".")], int(g["d4"])
        else:
            return ""
        return _dt.date(y, mo, d).isoformat()
    except (ValueError, KeyError):
        return ""


def _iso_date(s: str) -> str:
    m = re.match(rf"\s*{_DATE}", s or "", re.I)
    return _date_of(m) if m else ""


def _is_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 7:
        return False
    capital = [w for w in words if w.lower() not in _PARTICLES]
    return bool(capital) and all(w[0].isupper() for w in capital) and words[0][0].isupper() \
        and words[-1][0].isupper()


def match_metadata_line(line: str) -> tuple[str, str] | None:
    """(date, byline) if ``line`` is a date/byline line, else None."""
    if not line.strip() or len(line) > 600:
        return None
    m = _RE_LABELLED.match(line)
    if m:
        date = _date_of(m)
        rest = " ".join((m.group("rest") or "").split())
        if date and rest and m.group("label").lower() not in ("date", "data"):
            # "Pubblicato il 9 novembre 2025 il rapporto…" is prose; only a name may follow
            n = _RE_NAME_ONLY.match(rest)
            rest = n.group("name") if n and _is_name(n.group("name")) else None
        if date and rest is not None:
            return date, rest
    if len(line) > 160:
        return None
    m = _RE_DATE.match(line)
    if m and _date_of(m):
        return _date_of(m), ""
    for rx in (_RE_BY_DATE, _RE_DATE_BY):
        m = rx.match(line)
        if m and _is_name(m.group("name")):
            date = _date_of(m)
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
        if seen >= 4:
            break
        found = match_metadata_line(line)
        if found is not None:
            d, b = found
            date = date or d
            byline = byline or b
            drop.add(i)
        elif not title_seen and _heading_like(line):
            title_seen = True  # a title before (or between) the metadata lines
        else:
            break
        seen += 1
    if not drop:
        return text, "", ""
    body = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    return _BLANKS.sub("\n\n", body).strip("\n"), date, byline


def _heading_like(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 120 or len(s.split()) > 20:
        return False
    if s[-1] in ".:;,":
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
        if seen > 5:
            break
        prev_blank = i == 0 or not lines[i - 1].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not prev_blank or not _heading_like(line):
            continue
        if not nxt or (seen == 1 and not nxt[0].islower()):
            return " ".join(line.split())
    return ""


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ ]*\n(.*?)\n(?:---|\.\.\.)[ ]*(?:\n|\Z)", re.S)


def _front_matter(src: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(src)
    if not m:
        return {}, src
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        k, sep, v = line.partition(":")
        if not sep:
            continue
        k = k.strip().lower()
        v = v.strip().strip("'\"")
        if k in ("title", "titolo"):
            meta["title"] = v
        elif k in ("date", "data", "published"):
            meta["date"] = v
        elif k in ("author", "autore", "byline", "by"):
            meta["byline"] = v
    if not meta:
        return {}, src
    return meta, src[m.end():]


def _inline_text(children) -> str:
    out = []
    for c in children or ():
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type == "softbreak":
            out.append(" ")
        elif c.type == "hardbreak":
            out.append("\n")
    return re.sub(r"[ ]{2,}", " ", "".join(out))  # where an image or inline HTML was


def _markdown_to_text(src: str) -> tuple[str, str, dict[str, str]]:
    from markdown_it import MarkdownIt

    meta, src = _front_matter(src)
    tokens = MarkdownIt("commonmark").enable("table").parse(src)
    blocks: list[str] = []
    lists: list[dict] = []  # open lists: ordered, counter, lines, marker pending
    rows: list[str] | None = None
    row: list[str] | None = None
    title = ""
    in_heading = False

    def emit(text: str) -> None:
        if not text.strip():
            return
        if lists:
            cur = lists[-1]
            pad = " " * len(cur["marker"])
            for j, line in enumerate(text.split("\n")):
                if j == 0 and cur["fresh"]:
                    cur["lines"].append(cur["marker"] + line)
                    cur["fresh"] = False
                else:
                    cur["lines"].append(pad + line)
        else:
            blocks.append(text)

    for tok in tokens:
        t = tok.type
        if t == "heading_open":
            in_heading = True
        elif t == "heading_close":
            in_heading = False
        elif t == "inline":
            text = _inline_text(tok.children)
            if row is not None:
                row.append(" ".join(text.split()))
                continue
            if in_heading and not title and text.strip():
                title = " ".join(text.split())
            emit(text)
        elif t in ("fence", "code_block"):
            emit(tok.content.rstrip("\n"))
        elif t == "html_block":
            emit(_html_to_text(tok.content, fragment=True)[0])
        elif t in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start") if t == "ordered_list_open" else None
            lists.append({"ordered": t == "ordered_list_open",
                          "n": int(start) - 1 if start is not None else 0,
                          "lines": [], "marker": "", "fresh": False})
        elif t == "list_item_open" and lists:
            cur = lists[-1]
            cur["n"] += 1
            cur["marker"] = f"{cur['n']}. " if cur["ordered"] else "- "
            cur["fresh"] = True
        elif t in ("bullet_list_close", "ordered_list_close") and lists:
            done = lists.pop()
            if done["lines"]:
                emit("\n".join(done["lines"]))
        elif t == "table_open":
            rows = []
        elif t == "tr_open":
            row = []
        elif t == "tr_close" and rows is not None and row is not None:
            rows.append(" | ".join(row))
            row = None
        elif t == "table_close":
            if rows:
                emit("\n".join(rows))
            rows = None
    return "\n\n".join(blocks), title, meta


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "param", "source", "track", "wbr"}
_SKIP = {"script", "style", "noscript", "template", "nav", "aside", "form", "button",
         "select", "textarea", "svg", "math", "iframe", "canvas", "object", "footer",
         "head", "dialog"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd",
          "dt", "blockquote", "pre", "section", "article", "main", "header", "table",
          "tr", "td", "th", "caption", "figure", "figcaption", "hr", "address", "body"}
_HEADING_ORDER = ("h1", "h2", "h3", "h4", "h5", "h6")
_BR = "\x00"  # marks a <br>; the page's own NULs were removed before parsing


class _HTMLText(HTMLParser):
    """Text blocks of a page, with where they are (article, main) and what (h1…)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.open: Counter[str] = Counter()  # how many of each tag are open
        self.blocks: list[tuple[str, str, bool, bool]] = []  # text, tag, in article, in main
        self.buf: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._article = 0
        self._main = 0
        self._pre = 0
        self._title = 0

    # -- structure --
    def _flush(self) -> None:
        if not self.buf:
            return
        text = "".join(self.buf)
        self.buf = []
        if self._pre:
            text = text.replace(_BR, "\n").strip("\n")
        else:
            text = "\n".join(" ".join(part.split()) for part in text.split(_BR))
            text = re.sub(r"\n{2,}", "\n", text).strip()
        if text.strip():
            heading = next((h for h in _HEADING_ORDER if self.open[h]), "")
            self.blocks.append((text, heading, self._article > 0, self._main > 0))

    def _skips(self, tag: str) -> bool:
        if tag in _SKIP:
            return True
        return tag == "header" and not self._article and not self._main

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
            return
        if tag == "time" and a.get("datetime") and "date" not in self.meta:
            self.meta["date"] = a["datetime"]
        if tag == "br":
            if not self._skip:
                self.buf.append(_BR)
            return
        if tag in _VOID:
            if tag == "hr" and not self._skip:
                self._flush()
            return
        if tag == "title":
            self._title += 1
        if self._skips(tag):
            self._skip += 1
        if tag == "body" and self.open["head"]:
            self.handle_endtag("head")  # a page that never closes its <head>
        if not self._skip and tag in _BLOCK:
            self._flush()
        self.stack.append(tag)
        self.open[tag] += 1
        if tag == "article":
            self._article += 1
        elif tag == "main":
            self._main += 1
        elif tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag):
        tag = tag.lower()
        if not self.open[tag]:
            return
        while self.stack:
            top = self.stack[-1]
            self._close(top)
            self.stack.pop()
            self.open[top] -= 1
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if not self._skip and tag in _BLOCK:
            self._flush()
        if tag == "title":
            self._title = max(0, self._title - 1)
        if self._skips(tag):
            self._skip = max(0, self._skip - 1)
        if tag == "article":
            self._article -= 1
        elif tag == "main":
            self._main -= 1
        elif tag == "pre":
            self._pre -= 1

    def handle_data(self, data):
        if self._title:
            self.title_parts.append(data)
            return
        if not self._skip:
            self.buf.append(data)

    def close(self):
        super().close()
        while self.stack:
            top = self.stack[-1]
            self._close(top)
            self.stack.pop()
            self.open[top] -= 1
        self._flush()

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        content = a.get("content", "")
        if not content:
            return
        if key in ("og:title", "twitter:title") and "og_title" not in self.meta:
            self.meta["og_title"] = content
        elif key in ("author", "article:author", "dc.creator", "byl") and "byline" not in self.meta:
            if not content.startswith(("http://", "https://")):
                self.meta["byline"] = content
        elif key in ("article:published_time", "date", "pubdate", "dc.date", "datepublished",
                     "publish-date", "og:published_time") and "date" not in self.meta:
            self.meta["date"] = content


_UNCLOSED_TAG = re.compile(r"<(?=[A-Za-z/!?])(?![^<>]{0,4096}>)")


def _defuse_html(src: str) -> str:
    """Drop comments and make tag openers that never close plain text.

    html.parser rescans an unterminated ``<a …`` or ``<!--`` from the start
    for every chunk it is given, which is quadratic: a hostile 1 MB page of
    ``<a <a <a`` would take minutes. An unclosed comment runs to the end."""
    out = []
    pos = 0
    while True:
        k = src.find("<!--", pos)
        if k < 0:
            out.append(src[pos:])
            break
        out.append(src[pos:k])
        e = src.find("-->", k + 4)
        if e < 0:
            break
        pos = e + 3
    return _UNCLOSED_TAG.sub("&lt;", "".join(out))


def _html_to_text(src: str, fragment: bool = False) -> tuple[str, str, dict[str, str]]:
    p = _HTMLText()
    p.feed(_defuse_html(src))
    p.close()
    blocks = p.blocks
    if not fragment:
        if any(b[2] for b in blocks):
            blocks = [b for b in blocks if b[2]]
        elif any(b[3] for b in blocks):
            blocks = [b for b in blocks if b[3]]
    text = "\n\n".join(b[0] for b in blocks)
    heading = next((b[0] for b in blocks if b[1] == "h1"), "")
    if not heading:
        heading = next((b[0] for b in p.blocks if b[1] == "h1"), "")
    meta = dict(p.meta)
    meta["title"] = meta.pop("og_title", "") or " ".join("".join(p.title_parts).split())
    return text, heading, meta
