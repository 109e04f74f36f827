"""``personae export PATH... --format parquet -o OUT/``: the run, its progress bar and summary.

Exit status: 0 every article exported; 1 some article could not be read or
analysed (a row with its error in ``articles``) or some partition could not be
committed (said, and ``--resume`` runs it); 2 bad usage, a missing extra
(pyarrow for the tables, Dask for the cluster flags), a folder that holds
other tables or another pipeline's analyses.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.cli.report import PROG, isatty, reason, say

#: failed articles named one by one on stderr, then a count (all are in the table)
MAX_ERROR_LINES = 20


class Usage(Exception):
    """One line, exit status 2."""


def dask_wanted(args) -> bool:
    return bool(getattr(args, "cluster", None) or getattr(args, "scheduler", None)
                or getattr(args, "scheduler_file", None))


def check_flags(args) -> None:
    """The batch flags make sense together, and their extras are installed. Raises Usage."""
    if args.output == "-" or not args.output.strip():
        raise Usage("--format parquet writes a folder of tables: give -o a folder")
    chosen = [f for f, v in (("--cluster", args.cluster), ("--scheduler", args.scheduler),
                             ("--scheduler-file", args.scheduler_file), ("-j", args.jobs))
              if v is not None]
    if len(chosen) > 1:
        raise Usage(f"{' and '.join(chosen)} cannot go together: choose where the analysis runs")
    if args.resume and args.force:
        raise Usage("--resume goes on with the tables already written, --force starts over: "
                    "choose one")
    if args.partition_size is not None and args.partition_size < 1:
        raise Usage("--partition-size must be at least 1")
    if args.retries is not None and args.retries < 0:
        raise Usage("--retries must be 0 or more")
    from tui.export.parquet import MissingPyarrow, require_pyarrow

    try:
        require_pyarrow()
    except MissingPyarrow as exc:
        raise Usage(str(exc)) from None
    if dask_wanted(args):
        try:
            import distributed  # noqa: F401
        except ImportError:
            flag = chosen[0] if chosen else "--cluster"
            raise Usage(f"{flag} needs Dask: pip install 'personae[dask]'") from None
        if args.cluster:
            from tui.batch.dask_engine import parse_cluster

            try:
                parse_cluster(args.cluster)
            except ValueError as exc:
                raise Usage(str(exc)) from None


def make_engine(args):
    if dask_wanted(args):
        from tui.batch.dask_engine import Dask

        return Dask(cluster=args.cluster, address=args.scheduler,
                    scheduler_file=args.scheduler_file,
                    retries=2 if args.retries is None else args.retries)
    from tui.batch.engines import InProcess, Processes

    if args.jobs is not None and args.jobs > 1:
        return Processes(args.jobs)
    return InProcess()


def precheck(out: Path, resume: bool, force: bool) -> None:
    """What can be said of the folder before any worker starts. Raises Usage."""
    from tui.batch.folder import LOCK, FolderError, part_files, read_manifest
    from tui.export.parquet import TABLES

    if out.exists() and not out.is_dir():
        raise Usage(f"{out}: not a folder (parquet tables are written into a folder)")
    if not out.is_dir():
        return
    try:
        old = read_manifest(out)
    except FolderError as exc:
        raise Usage(str(exc)) from None
    if old is None:
        if any(p.name not in (LOCK, *TABLES) for p in out.iterdir()) \
                or any(part_files(out, t) for t in TABLES):
            raise Usage(f"{out}: not empty and not a Personae tables folder")
    elif not resume and not force:
        raise Usage(f"{out}: already holds tables; use --resume to go on, "
                    "or --force to start over")


def run_tables(args, files: list[Path], status: int, analysis: str = "pipeline") -> int:
    """Export ``files`` as tables into ``args.output``; the exit status (``status`` is
    what reading the command line's paths gave so far)."""
    from tui import __version__
    from tui.batch import folder as tables
    from tui.batch.engines import Job
    from tui.batch.plan import auto_size, plan, unique_paths

    out = Path(args.output)
    try:
        precheck(out, args.resume, args.force)
    except Usage as exc:
        say(str(exc))
        return 2
    paths = unique_paths(files)
    if not paths:
        return status or 1
    if args.model and Path(args.model).expanduser().exists():  # the same path in every worker
        args.model = str(Path(args.model).expanduser().resolve())
    engine = make_engine(args)
    if analysis == "pipeline" and not dask_wanted(args):
        from tui.cli.report import model_ready

        if not model_ready(args.model):
            return 2
    run = _Run(len(paths))
    try:
        with run.showing():
            run.say_step(f"starting {engine.description}")
            try:
                engine.start(args.model, analysis)
                ident, fingerprint = engine.ident(args.model, analysis)
            except Exception as exc:  # noqa: BLE001 - a cluster or a pipeline that cannot start
                say(f"cannot start the analysis {engine.description}: {reason(exc)}")
                return 1
            out.mkdir(parents=True, exist_ok=True)
            with tables.locked(out):
                manifest = tables.Manifest(ident, fingerprint, 0, personae=__version__)
                old = tables.read_manifest(out)
                size = args.partition_size or (old.partition_size if old and not args.force
                                               and old.partition_size else 0) \
                    or auto_size(len(paths), engine.workers())
                manifest.partition_size = size
                manifest = tables.prepare(out, manifest, args.resume, args.force)
                if args.resume:
                    tables.remove_orphans(out)
                done = tables.committed(out)
                run.failed_before = done.failed
                parts, skipped = plan(paths, size, done)
                run.planned(parts, skipped)
                job = Job(str(out.resolve()), args.model,
                          {"pipeline": manifest.pipeline, "analysis": manifest.analysis},
                          use_cache=not args.no_cache, analysis=analysis)
                if hasattr(engine, "on_article"):
                    engine.on_article = run.article_done
                engine.run(parts, job, lambda part, counts, error: run.partition_done(
                    part, counts, error, engine.workers()))
                if not run.failed_parts:  # every partition committed: what a kill left is garbage
                    tables.remove_orphans(out)
    except tables.FolderError as exc:
        say(str(exc))
        return 2
    finally:
        engine.close()
    return run.summary(out) or status


class _Run:
    """The progress bar (articles, partitions, workers) and the counts for the summary."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.progress = None
        self.task = None
        self.parts_total = 0
        self.parts_done = 0
        self.skipped = 0
        self.exported = 0
        self.failed: list[list[str]] = []
        self.failed_parts: list[tuple[str, int, str]] = []
        self.failed_before = 0  # failed articles of the partitions committed by earlier runs
        self._counted_in_part = 0

    def showing(self):
        import contextlib

        if self.total <= 1 or not isatty(sys.stderr):
            return contextlib.nullcontext()
        return self._bar()

    def _bar(self):
        import contextlib

        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        @contextlib.contextmanager
        def bar():
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("articles · {task.fields[parts]} · {task.fields[workers]}"),
                          TimeElapsedColumn(), TimeRemainingColumn(),
                          console=Console(file=sys.stderr), transient=True) as prog:
                self.progress = prog
                self.task = prog.add_task("starting", total=self.total, parts="",
                                          workers="")
                try:
                    yield
                finally:
                    self.progress = None
        return bar()

    def say_step(self, what: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=what)

    def _line(self, text: str) -> None:
        line = f"{PROG}: {text}"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    def planned(self, parts, skipped: int) -> None:
        self.parts_total = len(parts)
        self.skipped = skipped
        if self.progress is not None:
            self.progress.update(self.task, description="exporting", completed=skipped,
                                 parts=f"0/{len(parts)} partitions")

    def article_done(self) -> None:
        """One article of the running partition (the in-process engine tells each)."""
        self._counted_in_part += 1
        if self.progress is not None:
            self.progress.advance(self.task)

    def partition_done(self, part, counts: dict | None, error: str | None,
                       workers: int) -> None:
        from tui.display import message

        self.parts_done += 1
        if counts is not None:
            self.exported += counts["articles"] - counts["failed"]
            for path, why in counts["errors"]:
                self.failed.append([path, why])
                if len(self.failed) <= MAX_ERROR_LINES:
                    self._line(message(f"{path}: {why}"))
        else:
            self.failed_parts.append((part.name, len(part.paths), error or "failed"))
            self._line(message(f"partition {part.name} ({len(part.paths)} articles, "
                               f"from {part.paths[0]}) not written: {error}"))
        if self.progress is not None:
            ahead = len(part.paths) - self._counted_in_part
            self.progress.update(self.task, advance=max(0, ahead),
                                 parts=f"{self.parts_done}/{self.parts_total} partitions",
                                 workers=f"{workers} worker{'s' if workers != 1 else ''}")
        self._counted_in_part = 0

    def summary(self, out: Path) -> int:
        """The summary line on stderr; the exit status (1 when anything failed)."""
        from tui.display import path as shown

        parts = f"{self.parts_total} partition{'s' if self.parts_total != 1 else ''}"
        said = (f"{self.exported} article{'s' if self.exported != 1 else ''} exported to "
                f"{shown(out)} in {parts}")
        if self.skipped:
            said += f", {self.skipped} already there"
            if self.failed_before:
                said += f" ({self.failed_before} of them failed)"
        if self.failed:
            more = len(self.failed) - MAX_ERROR_LINES
            if more > 0:
                self._line(f"... and {more} more failed articles")
            said += (f"; {len(self.failed)} failed (their error is in the articles table)")
        if self.failed_parts:
            n = sum(k for _name, k, _why in self.failed_parts)
            said += (f"; {len(self.failed_parts)} partitions ({n} articles) not written: "
                     "run again with --resume")
        self._line(said)
        return 1 if self.failed or self.failed_parts or self.failed_before else 0
