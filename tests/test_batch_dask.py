"""`personae export --format parquet` on Dask: workers and clients killed mid-run.

Every run is compared with the one-process run of the same articles: the tables
must hold every article exactly once, with the same rows. Ports are 0 (the
system picks) and the external cluster is found through a scheduler file, so
nothing collides with other work on the host.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

from batch_helpers import article_paths, make_articles, read_rows  # noqa: E402

from tui.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
N_ARTICLES = 12


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("batch") / "in"
    make_articles(d, N_ARTICLES, reps=30)
    return d


@pytest.fixture(scope="module")
def baseline(articles, tiny_nlp_path, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("one") / "tables"
    assert main(["export", str(articles), "--format", "parquet", "-o", str(out),
                 "--model", str(tiny_nlp_path)]) == 0
    return read_rows(out)


def export(articles, out, model, *flags) -> int:
    return main(["export", str(articles), "--format", "parquet", "-o", str(out),
                 "--model", str(model), "--partition-size", "1", "--no-cache",
                 *map(str, flags)])


def committed(out: Path) -> int:
    try:
        return sum(1 for p in (out / "articles").iterdir() if not p.name.startswith("."))
    except FileNotFoundError:
        return 0


def assert_whole(out: Path, articles: Path, baseline: dict) -> None:
    paths = article_paths(out)
    assert sorted(paths) == sorted(str(p) for p in articles.iterdir())
    assert set(paths.values()) == {1}  # every article exactly once
    assert read_rows(out) == baseline


# -- a LocalCluster of two workers -------------------------------------------------------

@pytest.fixture(scope="module")
def local_cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      scheduler_port=0, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield cluster, client


def kill_a_busy_worker(cluster, client, out: Path, deadline: float = 90.0) -> threading.Thread:
    """A thread that SIGKILLs a worker that is running a partition, once one partition
    has been committed; ``thread.killed`` says whether it did."""
    client.wait_for_workers(2, timeout=60)
    pids = client.run(os.getpid)

    def watch() -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if committed(out) >= 1:
                for addr, ws in list(cluster.scheduler.workers.items()):
                    if ws.processing and addr in pids:
                        os.kill(pids[addr], signal.SIGKILL)
                        thread.killed = addr
                        return
            time.sleep(0.005)

    thread = threading.Thread(target=watch, daemon=True)
    thread.killed = None
    thread.start()
    return thread


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(local_cluster, articles, baseline,
                                                           tiny_nlp_path, tmp_path, capsys):
    cluster, client = local_cluster
    out = tmp_path / "tables"
    killer = kill_a_busy_worker(cluster, client, out)
    code = export(articles, out, tiny_nlp_path, "--scheduler", cluster.scheduler_address)
    killer.join()
    err = capsys.readouterr().err
    assert killer.killed, f"no worker was running a partition after the first commit: {err}"
    assert code == 0, err  # the killed worker's partition ran again elsewhere
    assert f"{N_ARTICLES} articles exported" in err.splitlines()[-1], err
    assert_whole(out, articles, baseline)


def test_killed_worker_fails_its_partition_and_resume_runs_it(local_cluster, articles, baseline,
                                                              tiny_nlp_path, tmp_path, capsys):
    cluster, client = local_cluster
    out = tmp_path / "tables"
    allowed = cluster.scheduler.allowed_failures
    cluster.scheduler.allowed_failures = 0  # one death and the task fails with KilledWorker
    try:
        killer = kill_a_busy_worker(cluster, client, out)
        code = export(articles, out, tiny_nlp_path, "--scheduler", cluster.scheduler_address)
        killer.join()
    finally:
        cluster.scheduler.allowed_failures = allowed
    err = capsys.readouterr().err
    assert killer.killed
    assert code == 1
    assert "KilledWorker" in err and "--resume" in err.splitlines()[-1]
    assert 0 < sum(article_paths(out).values()) < N_ARTICLES
    code = export(articles, out, tiny_nlp_path, "--scheduler", cluster.scheduler_address,
                  "--resume")
    err = capsys.readouterr().err
    assert code == 0, err
    assert "already there" in err.splitlines()[-1]
    assert_whole(out, articles, baseline)


# -- `dask scheduler` and two `dask worker` processes, found through a scheduler file --------

@pytest.fixture(scope="module")
def dask_cli_cluster(tmp_path_factory):
    from distributed import Client

    d = tmp_path_factory.mktemp("dask")
    scheduler_file = d / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = (d / "dask.log").open("ab")
    procs = []

    def spawn(*args: str) -> None:
        procs.append(subprocess.Popen([sys.executable, "-m", "dask", *args], env=env, cwd=d,
                                      stdout=subprocess.DEVNULL, stderr=log,
                                      start_new_session=True))

    client = None
    try:
        spawn("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file))
        end = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < end:
            time.sleep(0.1)
        for _ in range(2):
            spawn("worker", "--scheduler-file", str(scheduler_file), "--nthreads", "1",
                  "--host", "127.0.0.1", "--no-dashboard")
        client = Client(scheduler_file=str(scheduler_file), timeout=60)
        client.wait_for_workers(2, timeout=90)
        yield scheduler_file, client
    finally:
        if client is not None:
            client.close()
        for p in procs:  # each started in a group of its own: the nanny and its worker
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
        log.close()


def wait_until(condition, timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.005)


def test_dask_cli_cluster_worker_then_client_killed_and_resumed(dask_cli_cluster, articles,
                                                                baseline, tiny_nlp_path,
                                                                tmp_path, capsys):
    """A worker is SIGKILLed while it runs a partition, then the client itself; the run
    resumed on the same cluster holds every article exactly once, with the same rows."""
    scheduler_file, client = dask_cli_cluster
    out = tmp_path / "tables"
    pids = client.run(os.getpid)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", str(articles), "--format", "parquet",
         "-o", str(out), "--model", str(tiny_nlp_path), "--partition-size", "1", "--no-cache",
         "--scheduler-file", str(scheduler_file)],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: committed(out) >= 1 or proc.poll() is not None)
        busy: list[str] = []

        def a_worker_is_busy() -> bool:
            busy[:] = [w for w, keys in client.processing().items() if keys and w in pids]
            return bool(busy) or proc.poll() is not None

        wait_until(a_worker_is_busy)
        assert busy, "the run ended before a worker could be killed"
        os.kill(pids[busy[0]], signal.SIGKILL)
        seen = committed(out)
        wait_until(lambda: committed(out) > seen or proc.poll() is not None)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < sum(article_paths(out).values()) < N_ARTICLES  # something left to resume
    code = export(articles, out, tiny_nlp_path, "--scheduler-file", scheduler_file, "--resume")
    err = capsys.readouterr().err
    assert code == 0, err
    assert "already there" in err.splitlines()[-1]
    assert_whole(out, articles, baseline)
