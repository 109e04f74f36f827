"""Reading article files and folders safely, within the size limit.

:func:`load_article` reads only regular files, at most :data:`MAX_BYTES`,
and turns every operating-system error into a
:class:`~tui.sources.errors.SourceError` with a one-line message ("no such
file", "permission denied", …); :func:`from_bytes` decodes what was read
(:mod:`~tui.sources.decoding`) and makes it an Article
(:mod:`~tui.sources.article`) in the format :func:`guess_format` names;
:func:`list_articles` lists the article files of a folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.sources.article import Article, from_text
from tui.sources.clean import clean_text
from tui.sources.decoding import declared_charset, decode, normal_charset
from tui.sources.errors import SourceError, is_named_os_error, os_error_reason

_MB = 1024 * 1024
MAX_BYTES = 8 * _MB

# the formats a file's suffix names; any other article file is sniffed
_FORMAT_OF_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
ARTICLE_SUFFIXES = (".txt", *_FORMAT_OF_SUFFIX)
_SNIFF_CHARS = 200  # how much of the text tells an HTML page without its suffix
_HTML_OPENINGS = ("<!doctype html", "<html")
_BLANK_BYTES = b" \t\r\n\x0b\x0c"  # a file of nothing else is empty
_SKIPPED_STEMS = ("readme",)  # files in an article folder that are not articles


def _megabytes(n: int) -> str:
    mb = n / _MB
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _too_large(n: int, path: Path | None = None) -> SourceError:
    return SourceError(f"file too large for an article ({_megabytes(n)}; "
                       f"the limit is {_megabytes(MAX_BYTES)})", path)


def _read_error(exc: OSError, path: Path) -> SourceError:
    """The SourceError for an operating-system error on reading ``path``."""
    reason = os_error_reason(exc)
    if not is_named_os_error(exc):
        reason = f"cannot read the file: {reason[:1].lower() + reason[1:]}"
    return SourceError(reason, path)


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
            raise _too_large(st.st_size, p)
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except SourceError:
        raise
    except OSError as exc:
        raise _read_error(exc, p) from None
    except ValueError:  # e.g. a NUL character in the name
        raise SourceError("invalid file name", p) from None
    saved = _saved_from_web(p)
    try:
        art = from_bytes(data, p, url=saved.get("url"), charset=saved.get("charset", ""))
    except SourceError as exc:
        raise SourceError(str(exc), p) from None
    art.source.fetched = saved.get("fetched", "")
    return art


def _saved_from_web(path: Path) -> dict[str, str]:
    """What the library recorded beside a page saved from the web (URL, fetch time), or {}."""
    # here, not above: the two modules import each other
    from tui.sources.saved import read_sidecar

    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return {}
    return read_sidecar(path)


def from_bytes(data: bytes, path: str | os.PathLike | None = None, url: str | None = None,
               charset: str = "") -> Article:
    """Decode ``data`` (the content of ``path``, if given) into an Article. ``url`` and
    ``charset``: where a page came from and the charset its server declared, which, as a
    page's own ``<meta charset>``, counts only when the bytes are not UTF-8."""
    p = Path(path) if path is not None else None
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if not data.strip(_BLANK_BYTES):
        raise SourceError("empty file", p)
    text, encoding = decode(data)
    fmt = guess_format(p, text)
    if (fmt == "html" or charset) and not encoding.startswith("utf-"):
        declared = normal_charset(charset) or (declared_charset(data) if fmt == "html" else "")
        if declared and declared != encoding:
            try:
                text, encoding = data.decode(declared), declared
            except (UnicodeDecodeError, LookupError):
                pass
    art = from_text(text, p, fmt, url=url)
    art.source.encoding = encoding
    if not art.text.strip():
        if clean_text(text).strip():
            raise SourceError("no article text found", p)
        raise SourceError("empty file", p)
    return art


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
            if f.name.startswith(".") or f.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if f.stem.lower() in _SKIPPED_STEMS:
                continue
            try:
                if f.is_file():
                    out.append(f)
            except OSError:
                continue
    except SourceError:
        raise
    except OSError as exc:
        raise _read_error(exc, d) from None
    except ValueError:
        raise SourceError("invalid folder name", d) from None
    if not out:
        raise SourceError("no articles in this folder", d)
    return sorted(out, key=lambda f: (f.name.casefold(), f.name))


def guess_format(path: Path | None, text: str = "") -> str:
    """"markdown" or "html" by ``path``'s suffix or by how ``text`` opens, else "text"."""
    suffix = path.suffix.lower() if path is not None else ""
    if suffix in _FORMAT_OF_SUFFIX:
        return _FORMAT_OF_SUFFIX[suffix]
    head = text.lstrip("\ufeff \t\r\n")[:_SNIFF_CHARS].lower()
    if head.startswith(_HTML_OPENINGS):
        return "html"
    return "text"
