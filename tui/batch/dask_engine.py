"""The Dask engine: a LocalCluster (``--cluster local[:N]``) or an existing cluster
(``--scheduler tcp://HOST:PORT``, ``--scheduler-file FILE``).

- A :class:`LoadPipeline` worker plugin loads the pipeline once per worker,
  workers that join or restart later included (the scheduler keeps the plugin).
- Tasks take paths and return counts (:func:`tui.batch.work.run_partition`).
- Each future is released as soon as its result is read: a finished
  partition's result kept on a worker that is then killed would be computed
  again.
- ``retries`` covers exceptions in a task; a task whose workers were killed
  ``distributed.scheduler.allowed-failures`` times fails with ``KilledWorker``:
  the partition is reported, the run ends with status 1, and ``--resume`` runs it.
  A result lost on its way to the client (its worker died after finishing it, the
  scheduler could not gather it) is not the task's error: the partition is
  submitted again, up to ``retries`` times (a partition rewrites the same files).
- Dask's nanny starts its workers with ``MALLOC_TRIM_THRESHOLD_=65536``, under
  which glibc gives memory back to the system, and faults it in again, for
  numpy's temporaries at every article: measured here, a worker's CPU per
  article was 1.5-1.6x that of one process (4,800 page faults an article).
  ``MALLOC_MMAP_THRESHOLD_=33554432`` alone brought it to 1.17-1.21x (the task
  runs in a thread, whose malloc arena is still trimmed); with the trim
  threshold raised to the same 32 MiB as well, 1.06-1.27x; and with Dask's
  statistical profiler off (it samples the running task every 10 ms)
  1.05-1.10x, as close as this loaded machine can tell. The clusters started
  here get all three (``distributed.nanny.pre-spawn-environ`` and
  ``distributed.worker.profile.enabled``); on workers started elsewhere the
  plugin sets both thresholds itself (``mallopt``) and leaves the profiler as
  the cluster's configuration says.
"""

from __future__ import annotations

import logging
import os
import time
import uuid

from distributed import Client, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from distributed.scheduler import KilledWorker

from tui.batch.engines import Job, OnDone, _reason
from tui.batch.plan import Partition
from tui.batch.work import load_pipeline, run_partition, this_analysis

MALLOC_THRESHOLD = 33554432  # 32 MiB
#: the configuration of the LocalCluster that --cluster starts
LOCAL_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": MALLOC_THRESHOLD,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": MALLOC_THRESHOLD,
    "distributed.worker.profile.enabled": False,
}
_MALLOPT = {"MALLOC_TRIM_THRESHOLD_": -1, "MALLOC_MMAP_THRESHOLD_": -3}  # glibc's parameters
_DASK_TRIM = "65536"  # what Dask's nanny sets


def tune_malloc() -> list[str]:
    """Raise glibc's trim and mmap thresholds to 32 MiB in this process, each unless the
    environment set it (other than Dask's own trim threshold); which were set."""
    done = []
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return done
    for name, param in _MALLOPT.items():
        given = os.environ.get(name)
        if given and not (name == "MALLOC_TRIM_THRESHOLD_" and given == _DASK_TRIM):
            continue
        try:
            if libc.mallopt(param, MALLOC_THRESHOLD):
                done.append(name)
        except AttributeError:  # not glibc
            return done
    return done


class LoadPipeline(WorkerPlugin):
    """Loads the pipeline when a worker starts (once per worker process)."""

    name = "personae-pipeline"

    def __init__(self, model: str | None, analysis: str = "pipeline") -> None:
        self.model = model
        self.analysis = analysis

    def setup(self, worker) -> None:
        tune_malloc()
        load_pipeline(self.model, self.analysis)


def parse_cluster(spec: str) -> int:
    """``local`` or ``local:N`` -> N (0: as many as cores). Raises ValueError."""
    kind, _, n = spec.partition(":")
    if kind != "local" or (n and (not n.isdigit() or int(n) < 1)):
        raise ValueError(f"--cluster {spec}: expected local or local:N (N workers, N >= 1)")
    return int(n) if n else 0


class Dask:
    """Partitions as Dask tasks, a few ahead of the workers."""

    def __init__(self, cluster: str | None = None, address: str | None = None,
                 scheduler_file: str | None = None, retries: int = 2) -> None:
        self.cluster_spec = cluster
        self.address = address
        self.scheduler_file = scheduler_file
        self.retries = max(0, retries)
        self.cluster = None
        self.client: Client | None = None
        self._workers = (0, 0.0)
        if cluster:
            n = parse_cluster(cluster) or _cores()
            self.description = f"on a local Dask cluster of {n} workers"
        else:
            self.description = f"on the Dask cluster at {address or scheduler_file}"

    def start(self, model: str | None, analysis: str) -> None:
        import dask

        for name in ("distributed", "distributed.nanny", "distributed.scheduler",
                     "distributed.worker", "distributed.core"):
            logging.getLogger(name).setLevel(logging.ERROR)
        if self.cluster_spec:
            from distributed import LocalCluster

            n = parse_cluster(self.cluster_spec) or _cores()
            with dask.config.set(LOCAL_CONFIG):
                self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", scheduler_port=0,
                                            dashboard_address=None,
                                            silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        elif self.scheduler_file:
            self.client = Client(scheduler_file=self.scheduler_file, timeout="30s")
        else:
            self.client = Client(self.address, timeout="30s")
        self.client.register_plugin(LoadPipeline(model, analysis))

    def ident(self, model: str | None, analysis: str) -> tuple[dict, str]:
        fut = self.client.submit(this_analysis, model, analysis, pure=False)
        try:
            return fut.result()
        finally:
            fut.release()

    def workers(self) -> int:
        """Workers connected now (asked of the scheduler at most once a second)."""
        n, when = self._workers
        if time.monotonic() - when > 1.0:
            try:
                n = len(self.client.nthreads())
            except Exception:  # noqa: BLE001 - a count for the progress bar only
                pass
            self._workers = (n, time.monotonic())
        return n

    def run(self, parts: list[Partition], job: Job, on_done: OnDone) -> None:
        token = uuid.uuid4().hex[:8]
        todo = iter(parts)
        running: dict[str, Partition] = {}
        done = as_completed()

        again: list[Partition] = []   # partitions whose result was lost, to run again
        lost: dict[str, int] = {}

        def submit(part: Partition) -> None:
            fut = self.client.submit(run_partition, *job.args(part), pure=False,
                                     retries=self.retries,
                                     key=f"personae-{part.name}-{token}-{lost.get(part.name, 0)}")
            running[fut.key] = part
            done.add(fut)

        def submit_more() -> None:
            while again:
                submit(again.pop())
            while len(running) < max(4, 2 * self.workers()):
                part = next(todo, None)
                if part is None:
                    return
                submit(part)

        submit_more()
        for fut in done:
            part = running.pop(fut.key)
            try:
                counts = fut.result()
            except KilledWorker:
                on_done(part, None, "its workers died while running it (KilledWorker); "
                                    "--resume runs it again")
            except Exception as exc:  # noqa: BLE001 - said; the other partitions go on
                if fut.status != "error" and lost.get(part.name, 0) < self.retries:
                    # not the task's error: its result was lost on the way (the worker that
                    # held it died before it was read); a partition runs again whole, the
                    # same files rewritten
                    lost[part.name] = lost.get(part.name, 0) + 1
                    again.append(part)
                else:
                    on_done(part, None, _reason(exc))
            else:
                on_done(part, counts, None)
            finally:
                fut.release()
                del fut
            submit_more()

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.close()
            except Exception:  # noqa: BLE001 - closing after the work is done
                pass
        if self.cluster is not None:
            try:
                self.cluster.close()
            except Exception:  # noqa: BLE001
                pass


def _cores() -> int:
    from tui.core.analysis import cores

    return cores()
