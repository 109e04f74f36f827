"""Where the partitions run: this process, ``-j N`` local processes, or Dask.

Every engine runs :func:`tui.batch.work.run_partition` on each partition with
its pipeline loaded once per process, and tells ``on_done(partition, counts,
error)`` as each partition ends: ``counts`` from the worker, or ``error`` (one
line) when the partition could not be committed. Only a few partitions are
handed out ahead of the workers (twice the workers, at least four), so the
client holds the plan, not a million pending tasks, and a finished
partition's result is released as soon as it is read.

The Dask engine lives in :mod:`tui.batch.dask_engine`, imported only when
``--cluster``, ``--scheduler`` or ``--scheduler-file`` asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.batch.plan import Partition
from tui.batch.work import load_pipeline, run_partition, this_analysis

OnDone = Callable[[Partition, dict | None, str | None], None]


@dataclass
class Job:
    """What every partition of a run shares."""

    out: str
    model: str | None
    expect: dict
    use_cache: bool = True
    analysis: str = "pipeline"

    def args(self, part: Partition) -> tuple:
        return (self.out, part.name, list(part.paths), self.model, self.expect,
                self.use_cache, self.analysis)


def _reason(exc: BaseException) -> str:
    from tui.cli.report import reason

    return f"{type(exc).__name__}: {reason(exc)}" if not isinstance(exc, OSError) \
        else reason(exc)


class InProcess:
    """The partitions one after another in this process (the default)."""

    description = "in this process"

    def __init__(self) -> None:
        self.on_article: Callable[[], None] | None = None

    def start(self, model: str | None, analysis: str) -> None:
        pass  # the pipeline is loaded by the first article not in the cache

    def ident(self, model: str | None, analysis: str) -> tuple[dict, str]:
        return this_analysis(model, analysis)

    def workers(self) -> int:
        return 1

    def run(self, parts: list[Partition], job: Job, on_done: OnDone) -> None:
        for part in parts:
            try:
                counts = run_partition(*job.args(part), progress=self.on_article)
            except Exception as exc:  # noqa: BLE001 - said, and the next partition runs
                on_done(part, None, _reason(exc))
                continue
            on_done(part, counts, None)

    def close(self) -> None:
        pass


class Processes:
    """``-j N``: N local processes (no Dask), each loading the pipeline once."""

    def __init__(self, n: int) -> None:
        self.n = max(1, n)
        self.pool = None
        self.description = f"in {self.n} processes"

    def start(self, model: str | None, analysis: str) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(self.n, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=load_pipeline, initargs=(model, analysis))

    def ident(self, model: str | None, analysis: str) -> tuple[dict, str]:
        return self.pool.submit(this_analysis, model, analysis).result()

    def workers(self) -> int:
        return self.n

    def run(self, parts: list[Partition], job: Job, on_done: OnDone) -> None:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        todo = iter(parts)
        running: dict = {}

        def submit_more() -> None:
            while len(running) < max(4, 2 * self.n):
                part = next(todo, None)
                if part is None:
                    return
                try:
                    running[self.pool.submit(run_partition, *job.args(part))] = part
                except BrokenProcessPool:  # a process died: the rest wait for --resume
                    for rest in (part, *todo):
                        on_done(rest, None, "not run: a local process died (run again "
                                            "with --resume)")
                    return

        submit_more()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                part = running.pop(fut)
                try:
                    counts = fut.result()
                except Exception as exc:  # noqa: BLE001 - a dead process fails its partition
                    on_done(part, None, _reason(exc))
                else:
                    on_done(part, counts, None)
            submit_more()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
