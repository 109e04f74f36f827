"""Exporters and readers: one module per format, and the registry the CLI and the app use.

``FORMATS[name]`` (the names are a contract: json, jsonl, brat, conll, csv,
html, spacy) is a :class:`Format`: ``write(ann, path)`` writes atomically and
returns the files written; ``dumps(ann)`` gives the text of the text formats
(for ``-o -``); ``read(path)`` reads an export back, for the formats that
round-trip (json, jsonl, brat, spacy). :func:`read_any` picks the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.document import Annotations
from tui.export import brat, conll, csv_format, html, json_format, jsonl, spacy_format
from tui.export.common import FormatError

__all__ = ["FORMATS", "Format", "FormatError", "format_for_path", "read_any"]


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    description: str
    write: Callable[[Annotations, Path], list[Path]]
    dumps: Callable[[Annotations], str] | None = None  # None: binary or several files
    read: Callable[[Path], list[Annotations]] | None = None

    @property
    def to_stdout(self) -> bool:
        return self.dumps is not None


FORMATS: dict[str, Format] = {
    f.name: f for f in (
        Format("json", ".json", "the personae/1 JSON document", json_format.write,
               json_format.dumps, json_format.read),
        Format("jsonl", ".jsonl", "one line per article, Prodigy / spaCy style", jsonl.write,
               jsonl.dumps, jsonl.read),
        Format("brat", ".ann", "brat standoff: STEM.txt + STEM.ann", brat.write, None, brat.read),
        Format("conll", ".conll", "CoNLL-2003 style IOB2 token<TAB>tag", conll.write, conll.dumps),
        Format("csv", ".csv", "one row per entity", csv_format.write, csv_format.dumps),
        Format("html", ".html", "a standalone page", html.write, html.dumps),
        Format("spacy", ".spacy", "a spaCy DocBin", spacy_format.write, None, spacy_format.read),
    )
}

_BY_EXTENSION = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".ann": "brat",
                 ".spacy": "spacy", ".conll": "conll", ".csv": "csv", ".html": "html",
                 ".htm": "html"}


def format_for_path(path: Path) -> str | None:
    """The format a file name suggests, or None."""
    return _BY_EXTENSION.get(Path(path).suffix.lower())


def read_any(path: Path) -> list[Annotations]:
    """Read an export (json, jsonl, brat .ann or its .txt, spacy) back into Annotations.

    Raises FormatError (a one-line reason) or OSError.
    """
    path = Path(path)
    name = format_for_path(path)
    if name is None and path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file():
        name = "brat"
    if name is None:
        name = _sniff(path)
        if name == "json":  # or JSON Lines: one object per line
            try:
                return json_format.read(path)
            except FormatError:
                name = "jsonl"
    fmt = FORMATS.get(name or "")
    if fmt is None or fmt.read is None:
        raise FormatError("not a Personae export that can be read back "
                          "(json, jsonl, brat .ann or spacy)")
    try:
        return fmt.read(path)
    except UnicodeDecodeError:
        raise FormatError(f"not UTF-8 text (expected {fmt.name})") from None
    except FormatError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise FormatError(f"malformed {fmt.name} file ({type(exc).__name__}: {exc})") from None


def _sniff(path: Path) -> str | None:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head[:1] == b"\x78":  # zlib, as DocBin.to_bytes writes
        return "spacy"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"[", b"{"):
        return "json"
    return None
