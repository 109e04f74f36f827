"""``personae export`` and ``personae import``.

    personae export PATH... --format F -o OUT [--model M] [--force]
    personae import FILE [-o OUT [--format F]] [--force]

Exit status: 0 done, 2 bad usage, 1 some input could not be read (one line
per bad input on stderr, ``personae: PATH: reason``; the good ones are still
written).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.export import FORMATS, Format, FormatError, format_for_path, read_any

PROG = "personae"


class UsageError(Exception):
    """Bad usage: reported on one line, exit status 2."""


# -- parsers ------------------------------------------------------------------------

def add_export_parser(subparsers) -> argparse.ArgumentParser:
    names = ", ".join(FORMATS)
    p = subparsers.add_parser(
        "export", help="write the annotations of articles to files",
        description="Analyse articles and write their annotations. With one article, -o "
                    "names the file (or - for standard output); with several (or a folder), "
                    "-o names a folder and each article goes to OUT/STEM.EXT.",
        epilog="formats: " + "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="article files or folders of articles")
    p.add_argument("-f", "--format", required=True, choices=list(FORMATS), metavar="FORMAT",
                   help=f"one of {names}")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file, folder, or - for standard output (text formats)")
    p.add_argument("--model", help="spaCy pipeline name or path (default: the bundled Italian one)")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="analyse in N processes (spaCy's nlp.pipe n_process; default 1)")
    p.set_defaults(func=run_export)
    return p


def add_import_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "import", help="open an export (json, jsonl, brat .ann, spacy) or convert it",
        description="Read an export back. Without -o, open it in the reader; with -o, "
                    "convert it to --format (default: guessed from OUT's extension).")
    p.add_argument("file", type=Path, metavar="FILE", help="a .json, .jsonl, .ann (brat) or .spacy file")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="convert to this file (folder when FILE holds several articles; - for stdout)")
    p.add_argument("-f", "--format", choices=list(FORMATS), metavar="FORMAT",
                   help=f"output format: {', '.join(FORMATS)}")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.set_defaults(func=run_import)
    return p


# -- reporting ----------------------------------------------------------------------

def _say(msg: str) -> None:
    print(f"{PROG}: {msg}", file=sys.stderr)


class _Reporter:
    """Error lines on stderr, and a progress bar there when it is a terminal."""

    def __init__(self, total: int, label: str):
        self.total = total
        self.label = label
        self.progress = None
        self.task = None

    @contextmanager
    def running(self) -> Iterator[_Reporter]:
        show = self.total > 1 and _isatty(sys.stderr)
        if not show:
            yield self
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        console = Console(file=sys.stderr)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=console, transient=True) as prog:
            self.progress = prog
            self.task = prog.add_task(self.label, total=self.total)
            try:
                yield self
            finally:
                self.progress = None

    def step(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=f"{self.label} {name}")

    def done(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def error(self, where: object, reason: object) -> None:
        line = f"{PROG}: {where}: {reason}"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        if isinstance(exc, FileNotFoundError):
            return "no such file"
        if isinstance(exc, PermissionError):
            return "permission denied"
        if isinstance(exc, IsADirectoryError):
            return "is a folder, not a file"
        return (exc.strerror or str(exc) or type(exc).__name__).strip()
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


# -- output targets -----------------------------------------------------------------

def files_for(fmt: Format, target: Path) -> list[Path]:
    """The files ``fmt.write(ann, target)`` will write."""
    if fmt.name == "brat":
        ann_path = target if target.suffix == ".ann" else target.with_name(target.name + ".ann")
        return [ann_path.with_suffix(".txt"), ann_path]
    return [target]


def plan_targets(fmt: Format, out: str, stems: list[str], folder_mode: bool) -> list[Path]:
    """Where each article goes. Raises UsageError."""
    out_path = Path(out)
    as_folder = folder_mode or out.endswith(("/", os.sep)) or out_path.is_dir() \
        or (fmt.name == "brat" and out_path.suffix != ".ann")
    if not as_folder:
        return [out_path]
    if out_path.exists() and not out_path.is_dir():
        raise UsageError(f"{out}: not a folder (several articles are written into a folder)")
    targets: list[Path] = []
    seen: set[str] = set()
    for stem in stems:
        name = stem or "article"
        k = 1
        while name.casefold() in seen:
            k += 1
            name = f"{stem}-{k}"
        seen.add(name.casefold())
        targets.append(out_path / (name + fmt.extension))
    return targets


def check_targets(fmt: Format, targets: list[Path], inputs: list[Path], force: bool) -> None:
    """Refuse to overwrite an input, or (without --force) a file with content."""
    protected = set()
    for p in inputs:
        try:
            protected.add(p.resolve())
        except OSError:
            pass
    existing = []
    for t in targets:
        for f in files_for(fmt, t):
            try:
                if f.resolve() in protected:
                    raise UsageError(f"{f}: would overwrite an input file")
                if f.is_dir():
                    raise UsageError(f"{f}: is a folder")
                if not force and f.is_file() and f.stat().st_size > 0:
                    existing.append(f)
            except OSError:
                continue
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UsageError(f"{existing[0]}: already exists{more}; use --force to overwrite")


def write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `personae export … -o - | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


# -- export -------------------------------------------------------------------------

def _expand(paths: list[Path], report: Callable[[object, object], None]) -> tuple[list[Path], bool]:
    """The article files named by PATHs (folders give their articles); False on a bad folder."""
    from tui.sources import SourceError, list_articles

    files: list[Path] = []
    ok = True
    for p in paths:
        if p.is_dir():
            try:
                files.extend(list_articles(p))
            except SourceError as exc:
                report(p, exc)
                ok = False
        else:
            files.append(p)  # load_article says what is wrong with it, if anything
    return files, ok


def run_export(args) -> int:
    fmt = FORMATS[args.format]
    to_stdout = args.output == "-"
    folder_mode = len(args.paths) > 1 or any(p.is_dir() for p in args.paths)
    try:
        if to_stdout and not fmt.to_stdout:
            raise UsageError(f"--format {fmt.name} writes files, not text: give -o a path")
        if to_stdout and folder_mode and fmt.name != "jsonl":
            raise UsageError(f"several articles cannot go to standard output as {fmt.name}: "
                             "give -o a folder (or use --format jsonl)")
    except UsageError as exc:
        _say(str(exc))
        return 2
    status = 0

    def early_error(where, reason):
        nonlocal status
        status = 1
        _say(f"{where}: {reason}")

    files, _ok = _expand(args.paths, early_error)
    stems = [f.stem for f in files]
    try:
        targets = [] if to_stdout else plan_targets(fmt, args.output, stems, folder_mode)
        if not to_stdout:
            check_targets(fmt, targets, files, args.force)
    except UsageError as exc:
        _say(str(exc))
        return 2
    if not files:
        return status or 1

    from tui.nlp.pipeline import ModelError, load
    from tui.nlp.service import analyse_many
    from tui.sources import SourceError, load_article

    try:
        load(args.model)
    except ModelError as exc:
        _say(str(exc))
        return 2

    rep = _Reporter(len(files), "exporting")
    with rep.running():
        good: list[tuple[int, object]] = []
        for i, path in enumerate(files):
            try:
                good.append((i, load_article(path)))
            except SourceError as exc:
                rep.error(path, exc)
                status = 1
                rep.done()
        results = analyse_many([(art.text, art.source) for _i, art in good], args.model,
                               n_process=max(1, args.jobs))
        for i, _art in good:
            path = files[i]
            rep.step(path.name)
            try:
                ann, _hit = next(results)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
                rep.error(path, f"analysis failed: {_reason(exc)}")
                status = 1
                rep.done()
                results = analyse_many([(a.text, a.source) for j, a in good if j > i], args.model,
                                       n_process=max(1, args.jobs))
                continue
            if to_stdout:
                write_stdout(fmt.dumps(ann))
            else:
                try:
                    fmt.write(ann, targets[i])
                except Exception as exc:  # noqa: BLE001 - the others are still written
                    rep.error(targets[i], f"cannot write: {_reason(exc)}")
                    status = 1
            rep.done()
    return status


# -- import -------------------------------------------------------------------------

def run_import(args) -> int:
    path: Path = args.file
    fmt: Format | None = None
    try:
        if args.output is None and args.format is not None:
            raise UsageError("--format needs -o (a file, a folder, or - for standard output)")
        if args.output is not None:
            name = args.format or (None if args.output == "-" else format_for_path(Path(args.output)))
            if name is None:
                raise UsageError("cannot tell the output format from "
                                 f"{args.output!r}: give --format")
            fmt = FORMATS[name]
            if args.output == "-" and not fmt.to_stdout:
                raise UsageError(f"--format {fmt.name} writes files, not text: give -o a path")
    except UsageError as exc:
        _say(str(exc))
        return 2
    if path.is_dir():
        _say(f"{path}: is a folder; give an export file (json, jsonl, brat .ann, spacy)")
        return 1
    try:
        anns = read_any(path)
    except (FormatError, OSError) as exc:
        _say(f"{path}: {_reason(exc)}")
        return 1
    if not anns:
        _say(f"{path}: no articles in this file")
        return 1
    if fmt is None:
        from tui.app.main import run_app

        return run_app([Path(path)], model=None)

    if args.output == "-":
        if len(anns) > 1 and fmt.name != "jsonl":
            _say(f"{path} holds {len(anns)} articles; they cannot go to standard output as "
                 f"{fmt.name}: give -o a folder (or use --format jsonl)")
            return 2
        for ann in anns:
            write_stdout(fmt.dumps(ann))
        return 0
    stems = [Path(a.source.path).stem if a.source.path else f"{path.stem}-{i + 1}"
             for i, a in enumerate(anns)]
    try:
        targets = plan_targets(fmt, args.output, stems, folder_mode=len(anns) > 1)
        check_targets(fmt, targets, [path, path.with_suffix(".txt"), path.with_suffix(".ann")],
                      args.force)
    except UsageError as exc:
        _say(str(exc))
        return 2
    status = 0
    for ann, target in zip(anns, targets, strict=True):
        try:
            fmt.write(ann, target)
        except Exception as exc:  # noqa: BLE001
            _say(f"{target}: cannot write: {_reason(exc)}")
            status = 1
    return status
