"""``personae export``: analyse articles and write their annotations in a format.

    personae export PATH... --format F -o OUT [--model M] [--force] [-j N]
    personae export PATH... --format parquet -o OUT/ [-j N | --cluster local[:N] |
        --scheduler ADDRESS | --scheduler-file FILE] [--partition-size N] [--resume]
        [--retries N] [--no-cache]

With one article, -o names the file (or - for standard output); with several
(or a folder), -o names a folder and each article goes to OUT/STEM.EXT. A PATH
may be an http(s) URL: the page is fetched once into the library (the user's
data folder) and exported like a file. ``--format parquet`` writes a folder of
tables for the whole set (see :mod:`tui.batch`), on this machine or a Dask cluster.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tui.cli.report import (
    Reporter,
    UsageError,
    model_ready,
    readable_files,
    reason,
    say,
    write_stdout,
)
from tui.core.opening import SourceError, load_article
from tui.export import FORMATS, Format, doccano_bmp, labelstudio_as
from tui.export.doccano import astral
from tui.export.labelstudio import AS_CHOICES


def add_export_parser(subparsers) -> argparse.ArgumentParser:
    names = ", ".join(FORMATS)
    p = subparsers.add_parser(
        "export", help="write the annotations of articles to files",
        description="Analyse articles and write their annotations. With one article, -o "
                    "names the file (or - for standard output); with several (or a folder), "
                    "-o names a folder and each article goes to OUT/STEM.EXT.",
        epilog="formats: " + "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())
        + f"; {TABLES}: {TABLES_DESCRIPTION}")
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.sources.fetch import path_or_url

    p.add_argument("paths", nargs="+", type=path_or_url, metavar="PATH",
                   help="article files, folders of articles, or http(s) URLs of pages")
    p.add_argument("-f", "--format", required=True, choices=[*FORMATS, TABLES], metavar="FORMAT",
                   help=f"one of {names}, {TABLES}")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file, folder, or - for standard output (text formats)")
    p.add_argument("--model", help="spaCy pipeline name or path (default: the bundled Italian one)")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.add_argument("--as", dest="as_", choices=AS_CHOICES, default=None, metavar="KIND",
                   help="labelstudio: write the mentions as predictions (pre-annotations, the "
                        "default) or as annotations (completed tasks)")
    p.add_argument("--bmp", action="store_true",
                   help="doccano: write each emoji (any character outside the BMP) as U+FFFD, "
                        "one for one, so that doccano's annotation screen draws every span "
                        "where it is; import puts them back")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="analyse in N processes (default 1: on a loaded 2-core machine two "
                        "processes were slower than one)")
    add_batch_arguments(p)
    p.set_defaults(func=run_export)
    return p


# -- parquet: tables for a whole archive (tui.batch) --------------------------------------

TABLES = "parquet"
TABLES_DESCRIPTION = ("a folder of tables (articles, mentions, entities, roles, quotes), "
                      "one Parquet file per partition, for pandas, DuckDB, Spark")
BATCH_FLAGS = ("cluster", "scheduler", "scheduler_file", "partition_size", "resume", "retries",
               "no_cache")


def add_batch_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(f"--format {TABLES}", "tables for a whole archive, on this machine "
                             "or a Dask cluster (pip install 'personae[dask]')")
    g.add_argument("--cluster", metavar="local[:N]",
                   help="analyse on a Dask LocalCluster of N workers, one thread each "
                        "(default N: the cores)")
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="analyse on the Dask cluster whose scheduler is at this address")
    g.add_argument("--scheduler-file", metavar="FILE",
                   help="analyse on the Dask cluster this scheduler file names")
    g.add_argument("--partition-size", type=int, metavar="N",
                   help="articles per partition, one file per table each (default 1000, "
                        "fewer for a small set so that every worker gets several)")
    g.add_argument("--resume", action="store_true",
                   help="go on with a folder a run left unfinished: committed articles "
                        "are skipped, the pieces of a killed write removed")
    g.add_argument("--retries", type=int, metavar="N",
                   help="on Dask, run a partition whose task raised up to N more times (default 2)")
    g.add_argument("--no-cache", action="store_true",
                   help="analyse every article, neither reading nor filling the cache")


def run_batch(args) -> int:
    """``--format parquet``: the articles named by PATHs, as tables (``tui.batch.run``)."""
    from tui.batch.run import Usage, check_flags, run_tables

    try:
        check_flags(args)
    except Usage as exc:
        say(str(exc))
        return 2
    files, status = readable_files(args.paths)
    return run_tables(args, files, status)


# -- output targets -----------------------------------------------------------------

def one_corpus_file(fmt: Format, out: str) -> bool:
    """Whether several articles go into the one file ``out`` names: a format that holds a
    corpus in one file (jsonl, doccano, labelstudio) and a name with its extension that is
    not a folder. Anything else names a folder, one file per article."""
    out_path = Path(out)
    return (fmt.one_file_corpus and out != "-" and not out.endswith(("/", os.sep))
            and out_path.suffix.lower() in fmt.extensions and not os.path.isdir(out_path))


def plan_targets(fmt: Format, out: str, stems: list[str], folder_mode: bool) -> list[Path]:
    """Where each article goes (with a corpus file: that one file, for all of them).
    Raises UsageError."""
    out_path = Path(out)
    if folder_mode and one_corpus_file(fmt, out):
        return [out_path]
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

def format_as(name: str, as_: str | None, bmp: bool = False) -> Format:
    """The format ``--format``, ``--as`` and ``--bmp`` name. Raises UsageError."""
    if bmp:
        if name != "doccano":
            raise UsageError(f"--bmp is for --format doccano, not {name}")
        return doccano_bmp()
    if as_ is None:
        return FORMATS[name]
    if name != "labelstudio":
        raise UsageError(f"--as is for --format labelstudio, not {name}")
    return labelstudio_as(as_)


def run_export(args) -> int:
    """``personae export``: check the usage, read the articles, analyse them (cached ones
    without the pipeline) and write each. Long because it is the command's steps in the order
    it runs, each early stop with the exit status the contract gives it (2: bad usage, 1: an
    input that cannot be read)."""
    if args.format == TABLES:
        return run_batch(args)
    given = [f"--{name.replace('_', '-')}" for name in BATCH_FLAGS
             if getattr(args, name, None) not in (None, False)]
    if given:
        say(f"{given[0]} goes with --format {TABLES}")
        return 2
    to_stdout = args.output == "-"
    folder_mode = len(args.paths) > 1 or any(isinstance(p, Path) and os.path.isdir(p)
                                             for p in args.paths)
    try:
        fmt = format_as(args.format, getattr(args, "as_", None), getattr(args, "bmp", False))
        if not args.output.strip():
            raise UsageError("-o needs a file or folder name (or - for standard output)")
        if to_stdout and not fmt.to_stdout:
            raise UsageError(f"--format {fmt.name} writes files, not text: give -o a path")
        if to_stdout and folder_mode and not (fmt.many_per_file or fmt.one_file_corpus):
            raise UsageError(f"several articles cannot go to standard output as {fmt.name}: "
                             "give -o a folder (or use a format with one article a line, such as jsonl)")
    except UsageError as exc:
        say(str(exc))
        return 2
    said: set[str] = set()
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.store.rules import path as rules_path

    rules_file = rules_path()
    files, status = readable_files(args.paths)
    stems = [f.stem for f in files]
    # every article in one file (a corpus file, or a JSON task list on stdout): written at the end
    corpus: list | None = None
    if folder_mode and (one_corpus_file(fmt, args.output) if not to_stdout
                        else fmt.one_file_corpus and not fmt.many_per_file):
        corpus = []
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
            if fmt.name == "doccano" and not getattr(args, "bmp", False) \
                    and (n := len(astral(ann.text))):
                rep.error(path, f"{n} character{'s' if n > 1 else ''} outside the BMP (emoji): "
                          "doccano's annotation screen draws the spans after them shifted; "
                          "--bmp writes them so that it does not (docs/formats.md)")
            for notice in ann.notices:  # corrections skipped or set aside: said, not fatal
                if notice in said:
                    continue
                rep.error(path, notice)
                if notice.startswith(str(rules_file)):  # a bad rules line: once, not per article
                    said.add(notice)
            if corpus is not None:
                corpus.append(ann)
            elif to_stdout:
                write_stdout(fmt.dumps(ann))
            else:
                try:
                    fmt.write(ann, targets[i])
                except Exception as exc:  # noqa: BLE001 - the others are still written
                    rep.error(targets[i], f"cannot write: {reason(exc)}")
                    status = 1
            rep.done()
        if corpus is not None:
            status = max(status, write_corpus(fmt, corpus, None if to_stdout else targets[0]))
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from tui.nlp.lexicon import problems

    for problem in problems():  # the user's lexicons: bad lines skipped, said once
        say(problem)
    return status


def write_corpus(fmt: Format, anns: list, target: Path | None) -> int:
    """Every article in one file (or on stdout when ``target`` is None); the exit status."""
    if target is None:
        write_stdout(fmt.dumps_corpus(anns))
        return 0
    if not anns:
        return 0
    try:
        fmt.write_corpus(anns, target)
    except Exception as exc:  # noqa: BLE001 - said, one line
        say(f"{target}: cannot write: {reason(exc)}")
        return 1
    return 0
