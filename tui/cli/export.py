"""``personae export``: analyse articles and write their annotations in a format.

    personae export PATH... --format F -o OUT [--model M] [--force] [-j N]

With one article, -o names the file (or - for standard output); with several
(or a folder), -o names a folder and each article goes to OUT/STEM.EXT. A PATH
may be an http(s) URL: the page is fetched once into the library (the user's
data folder) and exported like a file.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tui.cli.report import Reporter, UsageError, model_ready, reason, say, write_stdout
from tui.core.opening import SourceError, article_files, load_article
from tui.export import FORMATS, Format


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    names = ", ".join(FORMATS)
    p = subparsers.add_parser(
        "export", help="write the annotations of articles to files",
        description="Analyse articles and write their annotations. With one article, -o "
                    "names the file (or - for standard output); with several (or a folder), "
                    "-o names a folder and each article goes to OUT/STEM.EXT.",
        epilog="formats: " + "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()))
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.sources.fetch import path_or_url

    p.add_argument("paths", nargs="+", type=path_or_url, metavar="PATH",
                   help="article files, folders of articles, or http(s) URLs of pages")
    p.add_argument("-f", "--format", required=True, choices=list(FORMATS), metavar="FORMAT",
                   help=f"one of {names}")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file, folder, or - for standard output (text formats)")
    p.add_argument("--model", help="spaCy pipeline name or path (default: the bundled Italian one)")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="analyse in N processes (default 1: on a loaded 2-core machine two "
                        "processes were slower than one)")
    p.set_defaults(func=run_export)
    return p


# -- output targets -----------------------------------------------------------------

def plan_targets(fmt: Format, out: str, stems: list[str], folder_mode: bool) -> list[Path]:
    """Where each article goes. Raises UsageError."""
    out_path = Path(out)
    as_folder = folder_mode or out.endswith(("/", os.sep)) or os.path.isdir(out_path) \
        or (bool(fmt.companions) and out_path.suffix not in fmt.extensions)
    if not as_folder:
        return [out_path]
    if os.path.exists(out_path) and not os.path.isdir(out_path):
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
            if p.exists():
                protected.add(p.resolve())
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Path.resolve)
            pass
    existing = []
    for t in targets:
        for f in fmt.files_for(t):
            try:
                if f.resolve() in protected:
                    raise UsageError(f"{f}: would overwrite an input file")
                if f.is_dir():
                    raise UsageError(f"{f}: is a folder")
                if not force and f.is_file() and f.stat().st_size > 0:
                    existing.append(f)
            except (OSError, RuntimeError):  # said when it is written, per file
                continue
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UsageError(f"{existing[0]}: already exists{more}; use --force to overwrite")


# -- export -------------------------------------------------------------------------

def run_export(args) -> int:
    """``personae export``: check the usage, read the articles, analyse them (cached ones
    without the pipeline) and write each. Long because it is the command's steps in the order
    it runs, each early stop with the exit status the contract gives it (2: bad usage, 1: an
    input that cannot be read)."""
    fmt = FORMATS[args.format]
    to_stdout = args.output == "-"
    folder_mode = len(args.paths) > 1 or any(isinstance(p, Path) and os.path.isdir(p)
                                             for p in args.paths)
    try:
        if not args.output.strip():
            raise UsageError("-o needs a file or folder name (or - for standard output)")
        if to_stdout and not fmt.to_stdout:
            raise UsageError(f"--format {fmt.name} writes files, not text: give -o a path")
        if to_stdout and folder_mode and not fmt.many_per_file:
            raise UsageError(f"several articles cannot go to standard output as {fmt.name}: "
                             "give -o a folder (or use a format with one article a line, such as jsonl)")
    except UsageError as exc:
        say(str(exc))
        return 2
    status = 0
    said: set[str] = set()
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.store.rules import path as rules_path

    rules_file = rules_path()

    def early_error(where, why):
        nonlocal status
        status = 1
        say(f"{where}: {why}")

    files, _ok = article_files(args.paths, early_error)
    stems = [f.stem for f in files]
    try:
        targets = [] if to_stdout else plan_targets(fmt, args.output, stems, folder_mode)
        if not to_stdout:
            check_targets(fmt, targets, files, args.force)
    except UsageError as exc:
        say(str(exc))
        return 2
    if not files:
        return status or 1

    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.core.analysis import analyse_many

    if not model_ready(args.model):
        return 2

    rep = Reporter(len(files), "exporting")
    with rep.running():
        good: list[tuple[int, object]] = []
        for i, path in enumerate(files):
            try:
                good.append((i, load_article(path)))
            except SourceError as exc:
                rep.error(path, exc)
                status = 1
                rep.done()
        jobs = None if args.jobs is None else max(1, args.jobs)

        def plan(todo: int, processes: int) -> None:
            cached = f" ({len(good) - todo} cached)" if todo < len(good) else ""
            where = f" in {processes} processes" if processes > 1 else ""
            rep.label = f"analysing {todo}{cached}{where}:"
            rep.step("loading the pipeline")

        results = analyse_many([(art.text, art.source) for _i, art in good], args.model,
                               n_process=jobs, on_plan=plan)
        for i, _art in good:
            path = files[i]
            rep.step(path.name)
            try:
                ann, _hit = next(results)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
                rep.error(path, f"analysis failed: {reason(exc)}")
                status = 1
                rep.done()
                results = analyse_many([(a.text, a.source) for j, a in good if j > i], args.model,
                                       n_process=jobs)
                continue
            for notice in ann.notices:  # corrections skipped or set aside: said, not fatal
                if notice in said:
                    continue
                rep.error(path, notice)
                if notice.startswith(str(rules_file)):  # a bad rules line: once, not per article
                    said.add(notice)
            if to_stdout:
                write_stdout(fmt.dumps(ann))
            else:
                try:
                    fmt.write(ann, targets[i])
                except Exception as exc:  # noqa: BLE001 - the others are still written
                    rep.error(targets[i], f"cannot write: {reason(exc)}")
                    status = 1
            rep.done()
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from tui.nlp.lexicon import problems

    for problem in problems():  # the user's lexicons: bad lines skipped, said once
        say(problem)
    return status
