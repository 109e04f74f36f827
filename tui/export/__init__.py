"""Exporters and readers: one module per format, and the registry the CLI and the app use.

``FORMATS[name]`` (the names are a contract: json, jsonl, brat, conll, csv,
html, spacy; doccano and labelstudio write what those tools import) is a
:class:`Format`: ``write(ann, path)`` writes atomically and
returns the files written; ``dumps(ann)`` gives the text of the text formats
(for ``-o -``); ``read(path)`` reads an export back, for the formats that
round-trip (json, jsonl, brat, spacy). :func:`read_any` picks the reader.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.document import Annotations
from tui.export import (
    brat,
    conll,
    csv_format,
    doccano,
    html,
    json_format,
    jsonl,
    labelstudio,
    spacy_format,
)
from tui.export.common import FormatError, every_or_first_error, text_writer

__all__ = ["FORMATS", "READABLE_SUFFIXES", "Format", "FormatError", "format_for_path", "read_any",
           "read_report"]


@dataclass(frozen=True)
class Format:
    """One export format: its file names, how it writes, dumps and (maybe) reads back.

    ``extensions`` name the format's main file (the first is the one it writes;
    the others are recognised when reading); ``companions`` are the suffixes of
    the files it writes beside the main one (brat: the ``.txt`` beside the
    ``.ann``); ``many_per_file`` says that several articles fit in one file or
    stream (JSON Lines)."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Callable[[Annotations, Path], list[Path]]
    dumps: Callable[[Annotations], str] | None = None  # None: binary or several files
    read: Callable[[Path], list[Annotations]] | None = None
    # each article of an export, or the reason it cannot be read (formats that hold many)
    read_each: Callable[[Path], list[Annotations | FormatError]] | None = None
    companions: tuple[str, ...] = ()
    many_per_file: bool = False

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def to_stdout(self) -> bool:
        return self.dumps is not None

    @property
    def reads_back(self) -> bool:
        return self.read is not None

    def main_file(self, target: Path) -> Path:
        """The main file written for ``target``: with a companion, the format's own
        extension is added when ``target`` lacks it."""
        if self.companions and target.suffix not in self.extensions:
            return target.with_name(target.name + self.extension)
        return target

    def files_for(self, target: Path) -> list[Path]:
        """Every file ``write(ann, target)`` writes, companions first."""
        main = self.main_file(target)
        return [main.with_suffix(c) for c in self.companions] + [main]


def _text(name: str, extensions: tuple[str, ...], description: str,
          dumps: Callable[[Annotations], str],
          read_each: Callable[[Path], list[Annotations | FormatError]] | None = None,
          many_per_file: bool = False) -> Format:
    """A format that is one text file: written from ``dumps``; read back, if it can be,
    article by article."""
    read = (lambda path: every_or_first_error(read_each(path))) if read_each else None
    return Format(name, extensions, description, text_writer(dumps), dumps, read, read_each,
                  many_per_file=many_per_file)


#: every format as its module writes it; FORMATS below makes each safe for any source fields
_AS_WRITTEN: tuple[Format, ...] = (
        _text("json", (".json",), "the personae/1 JSON document", json_format.dumps,
              json_format.read_each),
        _text("jsonl", (".jsonl", ".ndjson"), "one line per article, Prodigy / spaCy style",
              jsonl.dumps, jsonl.read_each, many_per_file=True),
        Format("brat", (".ann",), "brat standoff: STEM.txt + STEM.ann", brat.write, None,
               brat.read, companions=(".txt",)),
        _text("conll", (".conll",), "CoNLL-2003 style IOB2 token<TAB>tag", conll.dumps),
        _text("csv", (".csv",), "one row per entity", csv_format.dumps),
        _text("html", (".html", ".htm"), "a standalone page", html.dumps),
        _text("doccano", (".jsonl",), "doccano sequence labelling: text + label [[start, end, LABEL]]",
              doccano.dumps, many_per_file=True),
        _text("labelstudio", (".json",), "Label Studio tasks with the mentions as predictions",
              labelstudio.dumps),
        Format("spacy", (".spacy",), "a spaCy DocBin", spacy_format.write, None,
               spacy_format.read),
)


def _exportable(ann: Annotations) -> Annotations:
    """``ann`` with its source fields made writable as UTF-8: a file name that is not
    UTF-8 (``uniq\\xe9.txt``, held with surrogate escapes) is written escaped."""
    src = ann.source
    fields = (src.path, src.title, src.date, src.byline)
    try:
        for f in fields:
            f.encode("utf-8")
        return ann
    except UnicodeEncodeError:
        # imported when this format needs it (the other formats do not)
        from tui.display import line, path

        safe = dataclasses.replace(src, path=path(src.path), title=line(src.title),
                                   date=line(src.date), byline=line(src.byline))
        return dataclasses.replace(ann, source=safe)


def _safe_write(write: Callable[[Annotations, Path], list[Path]]):
    return lambda ann, target: write(_exportable(ann), target)


def _safe_dumps(dumps: Callable[[Annotations], str] | None):
    return None if dumps is None else (lambda ann: dumps(_exportable(ann)))


FORMATS: dict[str, Format] = {
    f.name: dataclasses.replace(f, write=_safe_write(f.write), dumps=_safe_dumps(f.dumps))
    for f in _AS_WRITTEN}

# an extension two formats share (.jsonl: jsonl and doccano; .json: json and labelstudio)
# names the first, the one that reads back
_BY_EXTENSION: dict[str, str] = {}
for _f in FORMATS.values():
    for _ext in _f.extensions:
        _BY_EXTENSION.setdefault(_ext, _f.name)

READABLE_SUFFIXES = frozenset(ext for f in FORMATS.values() if f.reads_back for ext in f.extensions)


def format_for_path(path: Path) -> str | None:
    """The format a file name suggests, or None."""
    return _BY_EXTENSION.get(Path(path).suffix.lower())


def _by_companion(path: Path) -> str | None:
    """The format whose main file sits beside ``path`` when ``path`` is its companion."""
    suffix = path.suffix.lower()
    for f in FORMATS.values():
        if suffix in f.companions and path.with_suffix(f.extension).is_file():
            return f.name
    return None


def read_report(path: Path) -> tuple[list[Annotations], list[str]]:
    """The articles of an export that read well, and one line for each that did not
    (``article 2: …``, ``line 5: …``): a bad article does not hide the good ones.

    Everything read is checked against schema.json (bounds included) and cleaned
    for display (``tui.display.clean_annotations``: no terminal escapes, labels
    as identifiers). Raises FormatError (one line) when the file as a whole
    cannot be read, or OSError.
    """
    # imported when this format needs it (the other formats do not)
    from tui.display import clean_annotations

    path = Path(path)
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(21, "is a folder", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise FormatError("not a regular file")
    name = format_for_path(path)
    if name is None:
        name = _by_companion(path)
    if name is None:
        name = _sniff(path)
        if name == "json":  # or JSON Lines: one object per line
            try:
                items = FORMATS["json"].read_each(path)
            except FormatError:
                name = "jsonl"
            else:
                if len(items) > 1 or not isinstance(items[0], FormatError):
                    return _split(items, clean_annotations)
                name = "jsonl"
    fmt = FORMATS.get(name or "")
    if fmt is None or fmt.read is None:
        raise FormatError("not a Personae export that can be read back "
                          "(json, jsonl, brat .ann or spacy)")
    try:
        items = fmt.read_each(path) if fmt.read_each is not None else list(fmt.read(path))
    except UnicodeDecodeError:
        raise FormatError(f"not UTF-8 text (expected {fmt.name})") from None
    except (FormatError, OSError):
        raise
    except RecursionError:
        raise FormatError(f"malformed {fmt.name} file: nested too deep") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as exc:
        raise FormatError(f"malformed {fmt.name} file ({type(exc).__name__}: {exc})") from None
    return _split(items, clean_annotations)


def _split(items, clean) -> tuple[list[Annotations], list[str]]:
    good, bad = [], []
    for item in items:
        if isinstance(item, Annotations):
            clean(item)
            good.append(item)
        else:
            bad.append(str(item))
    return good, bad


def read_any(path: Path) -> list[Annotations]:
    """Read an export (json, jsonl, brat .ann or its .txt, spacy) back into Annotations.

    Raises FormatError (a one-line reason, the first bad article's) or OSError.
    """
    good, bad = read_report(path)
    if bad:
        raise FormatError(bad[0])
    return good


def _sniff(path: Path) -> str | None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        head = fh.read(4096)
    if head[:1] == b"\x78":  # zlib, as DocBin.to_bytes writes
        return "spacy"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"[", b"{"):
        return "json"
    return None
