"""``personae import``: read an export back, to open it in the reader or convert it.

    personae import FILE [-o OUT [--format F]] [--force]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tui.cli.export import check_targets, format_as, plan_targets, write_corpus
from tui.cli.report import UsageError, reason, say, write_stdout
from tui.export import FORMATS, Format, FormatError, format_for_path, read_report
from tui.export.labelstudio import AS_CHOICES


def add_import_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "import", help="open an export (json, jsonl, brat .ann, spacy, Label Studio tasks) or convert it",
        description="Read an export back. Without -o, open it in the reader; with -o, "
                    "convert it to --format (default: guessed from OUT's extension).")
    p.add_argument("file", type=Path, metavar="FILE", help="a .json, .jsonl, .ann (brat) or .spacy file")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="convert to this file (folder when FILE holds several articles; - for stdout)")
    p.add_argument("-f", "--format", choices=list(FORMATS), metavar="FORMAT",
                   help=f"output format: {', '.join(FORMATS)}")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.add_argument("--as", dest="as_", choices=AS_CHOICES, default=None, metavar="KIND",
                   help="labelstudio: the mentions as predictions (default) or annotations")
    p.set_defaults(func=run_import)
    return p


def run_import(args) -> int:
    """``personae import``: read an export and open it in the reader, or write it in another
    format with -o. Long because it is the command's checks and two ways out in the order it
    runs, each stop with its own exit status."""
    path: Path = args.file
    fmt: Format | None = None
    try:
        if args.output is not None and not args.output.strip():
            raise UsageError("-o needs a file or folder name (or - for standard output)")
        if args.output is None and args.format is not None:
            raise UsageError("--format needs -o (a file, a folder, or - for standard output)")
        if args.output is not None:
            name = args.format or (None if args.output == "-" else format_for_path(Path(args.output)))
            if name is None:
                raise UsageError("cannot tell the output format from "
                                 f"{args.output!r}: give --format")
            fmt = format_as(name, args.as_)
            if args.output == "-" and not fmt.to_stdout:
                raise UsageError(f"--format {fmt.name} writes files, not text: give -o a path")
    except UsageError as exc:
        say(str(exc))
        return 2
    if os.path.isdir(path):
        say(f"{path}: is a folder; give an export file (json, jsonl, brat .ann, spacy)")
        return 1
    try:
        anns, bad = read_report(path)
    except (FormatError, OSError) as exc:
        say(f"{path}: {reason(exc)}")
        return 1
    for why in bad:  # one line per article that cannot be read; the others go on
        say(f"{path}: {why}")
    if not anns:
        if not bad:
            say(f"{path}: no articles in this file")
        return 1
    if fmt is None:  # the reader replays the corrections itself, as on every open
        # imported when the command runs, so `personae --help` and the parser stay quick
        from tui.app.main import run_app

        return run_app([Path(path)], model=None)

    said: set[str] = set()
    anns = [_corrected(path, ann, said) for ann in anns]
    if args.output == "-":
        if len(anns) > 1 and fmt.one_file_corpus:
            write_stdout(fmt.dumps_corpus(anns))
            return 1 if bad else 0
        if len(anns) > 1:
            say(f"{path} holds {len(anns)} articles; they cannot go to standard output as "
                 f"{fmt.name}: give -o a folder (or use a format with one article a line, such as jsonl)")
            return 2
        for ann in anns:
            write_stdout(fmt.dumps(ann))
        return 1 if bad else 0
    stems = [Path(a.source.path).stem if a.source.path else f"{path.stem}-{i + 1}"
             for i, a in enumerate(anns)]
    try:
        targets = plan_targets(fmt, args.output, stems, folder_mode=len(anns) + len(bad) > 1)
        # a brat input is its .ann and its .txt; any other input is one file
        inputs = [path.with_suffix(".txt"), path.with_suffix(".ann")] \
            if path.suffix.lower() in (".ann", ".txt") else [path]
        check_targets(fmt, targets, inputs, args.force)
    except UsageError as exc:
        say(str(exc))
        return 2
    status = 1 if bad else 0
    if len(targets) == 1 and len(anns) > 1:  # one corpus file (plan_targets said so)
        return max(status, write_corpus(fmt, anns, targets[0]))
    for ann, target in zip(anns, targets, strict=True):
        try:
            fmt.write(ann, target)
        except Exception as exc:  # noqa: BLE001
            say(f"{target}: cannot write: {reason(exc)}")
            status = 1
    return status


def _corrected(path: Path, ann, said: set[str]):
    """The article as the reader shows it: the user's rules and the corrections of its text
    replayed on what the file holds (as every export and every open does). What the replay
    has to say (corrections that no longer apply, a bad rules line) goes to stderr."""
    from tui.core.editing import apply_all

    out = apply_all(ann)
    for notice in out.notices:
        if notice not in said:  # a bad rules line: once, not per article
            said.add(notice)
            say(f"{path}: {notice}")
    return out
