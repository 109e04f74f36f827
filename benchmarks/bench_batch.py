"""Measure `personae export --format parquet`: one process, -j 2 and a Dask LocalCluster of 2.

    python benchmarks/bench_batch.py [--articles 1000] [--simulate 1000000] [--skip-engines]

Engines: the same N articles (the bundled samples, each copy made distinct so
that nothing comes from the cache, and --no-cache besides) exported by one
process, by `-j 2` and by `--cluster local:2`, each run in a fresh process.
Printed for each: wall time and articles/s (pipeline loads included), the
speed-up over one process, the CPU time per article spent in the partitions
(the analysis and the writing of the tables, as each worker measures it) and
its overhead over one process, the CPU time of the whole process tree per
article, and the peak resident memory of each worker.

Simulation (--simulate N): N articles that are never read, with no analysis
(``analysis="none"``: each path committed as an empty article), on a
LocalCluster of --sim-workers workers, to see what the engine itself costs at
that count: the time to plan, the client's memory, the tasks the scheduler
holds, the run, and the time to resume the finished folder (every partition
read back to find what is committed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = {"one process": [], "-j 2": ["-j", "2"], "--cluster local:2": ["--cluster", "local:2"]}


def make_folder(dest: Path, n: int) -> None:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "articles").glob("*.txt"))]
    dest.mkdir(parents=True)
    for i in range(n):
        text = samples[i % len(samples)] + \
            f"\n\nAggiornamento numero {i}: la redazione ha verificato i fatti.\n"
        (dest / f"a{i:05d}.txt").write_text(text, encoding="utf-8")


def _rss_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# -- in a child process: one run ----------------------------------------------------------

def child(config: str, src: str, out: str, n_sim: int, workers: int) -> None:
    sys.path.insert(0, str(ROOT))
    import tui.batch.plan as plan_mod
    import tui.batch.run as run_mod
    from tui.cli import build_parser

    parts: list[dict] = []
    timings: dict[str, float] = {}
    orig_done = run_mod._Run.partition_done

    def partition_done(self, part, counts, error, w):
        if counts is not None:
            parts.append({k: counts[k] for k in ("articles", "cpu_s", "pid", "max_rss_kb")})
        return orig_done(self, part, counts, error, w)

    run_mod._Run.partition_done = partition_done
    orig_plan = plan_mod.plan

    def timed_plan(*a, **k):
        t = time.perf_counter()
        result = orig_plan(*a, **k)
        timings["plan_s"] = time.perf_counter() - t
        timings["client_rss_after_plan_mib"] = _rss_mib()
        return result

    plan_mod.plan = timed_plan
    import tui.batch.folder as folder_mod

    orig_committed = folder_mod.committed

    def timed_committed(*a, **k):
        t = time.perf_counter()
        result = orig_committed(*a, **k)
        timings["scan_s"] = time.perf_counter() - t
        return result

    folder_mod.committed = timed_committed
    if config == "simulate":
        paths = [f"/simulated/{i // 1000:04d}/a{i:07d}.txt" for i in range(n_sim)]
        flags = ["--cluster", f"local:{workers}"]
        sampler = _scheduler_sampler(timings)
        results = {}
        for phase, extra in (("run", []), ("resume", ["--resume"])):
            args = build_parser().parse_args(["export", "unused", "--format", "parquet",
                                              "-o", out, *flags, *extra])
            t = time.perf_counter()
            code = run_mod.run_tables(args, paths, 0, analysis="none")
            results[phase] = {"wall_s": time.perf_counter() - t, "code": code,
                              "plan_s": timings.get("plan_s"), "scan_s": timings.get("scan_s"),
                              "client_rss_after_plan_mib": timings.get("client_rss_after_plan_mib"),
                              "max_scheduler_tasks": sampler.max_tasks}
            sampler.max_tasks = 0
        results["client_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        results["partitions"] = len(parts)
        print(json.dumps(results))
        return
    args = build_parser().parse_args(["export", src, "--format", "parquet", "-o", out,
                                      "--no-cache", *CONFIGS[config]])
    from tui.core.opening import article_files

    t = time.perf_counter()  # the pipeline's load is in the wall time of every engine
    if config == "one process":  # as the workers do at start: the load is not an article's CPU
        from tui.batch.work import load_pipeline

        load_pipeline(None)

    files, _ok = article_files(args.paths, lambda *a: None)
    code = run_mod.run_tables(args, files, 0)
    wall = time.perf_counter() - t
    print(json.dumps({"code": code, "wall_s": wall, "parts": parts}))


class _Sampler:
    max_tasks = 0


def _scheduler_sampler(timings) -> _Sampler:
    """Patch the Dask engine so that a thread samples how many tasks the scheduler holds."""
    import tui.batch.dask_engine as de

    sampler = _Sampler()
    orig_start = de.Dask.start

    def start(self, model, analysis):
        orig_start(self, model, analysis)
        client = self.client

        def sample():
            while self.client is client and client.status == "running":
                try:
                    n = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
                    sampler.max_tasks = max(sampler.max_tasks, n)
                except Exception:  # noqa: BLE001 - the client is closing
                    return
                time.sleep(0.2)

        threading.Thread(target=sample, daemon=True).start()

    de.Dask.start = start
    return sampler


# -- the parent: the runs, then the figures ---------------------------------------------------

def run_child(config: str, tmp: Path, src: Path, n_sim: int = 0, workers: int = 2) -> dict:
    out = tmp / ("out-" + config.replace(" ", "_").replace(":", "").replace("-", ""))
    env = dict(os.environ, PERSONAE_CACHE_DIR=str(tmp / "cache"), PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", config, "--src", str(src),
                           "--out", str(out), "--simulate", str(n_sim),
                           "--sim-workers", str(workers)],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    outer = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["tree_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["process_wall_s"] = outer
    return result


def engines(n: int, configs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_folder(tmp / "in", n)
        results = {c: run_child(c, tmp, tmp / "in") for c in ["one process", *configs]}
    base = results["one process"]
    base_cpu = sum(p["cpu_s"] for p in base["parts"]) / n
    print(f"{n} articles, load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'engine':<20} {'wall s':>7} {'art/s':>6} {'speed-up':>8} {'cpu ms/art':>10} "
          f"{'overhead':>8} {'tree cpu ms/art':>15} {'peak MiB per worker':>20}")
    for config, r in results.items():
        arts = sum(p["articles"] for p in r["parts"])
        assert arts == n and r["code"] == 0, (config, arts, r["code"])
        cpu = sum(p["cpu_s"] for p in r["parts"]) / n
        peaks: dict[int, float] = {}
        for p in r["parts"]:
            peaks[p["pid"]] = max(peaks.get(p["pid"], 0), p["max_rss_kb"] / 1024)
        print(f"{config:<20} {r['wall_s']:7.1f} {n / r['wall_s']:6.2f} "
              f"{base['wall_s'] / r['wall_s']:8.2f} {cpu * 1000:10.1f} "
              f"{(cpu / base_cpu - 1) * 100:+7.1f}% {r['tree_cpu_s'] / n * 1000:15.1f} "
              f"{' '.join(f'{v:.0f}' for v in sorted(peaks.values())):>20}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def simulate(n: int, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        r = run_child("simulate", tmp, tmp, n_sim=n, workers=workers)
    print(f"simulated run: {n} articles, no analysis, LocalCluster of {workers} workers, "
          f"{r['partitions']} partitions (load average {os.getloadavg()[0]:.1f})")
    for phase in ("run", "resume"):
        p = r[phase]
        print(f"  {phase:<7} wall {p['wall_s']:7.1f} s (cluster start included)   "
              f"reading what is committed {p['scan_s']:.2f} s   plan {p['plan_s']:.2f} s   "
              f"client RSS after planning {p['client_rss_after_plan_mib']:.0f} MiB   "
              f"most tasks on the scheduler {p['max_scheduler_tasks']}   exit {p['code']}")
    print(f"  client peak RSS {r['client_peak_rss_mib']:.0f} MiB; process tree CPU "
          f"{r['tree_cpu_s']:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--simulate", type=int, default=0, metavar="N")
    ap.add_argument("--sim-workers", type=int, default=2)
    ap.add_argument("--skip-engines", action="store_true")
    ap.add_argument("--engines", nargs="+", choices=list(CONFIGS)[1:], default=list(CONFIGS)[1:],
                    help="besides one process (default: all)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--src", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.src, a.out, a.simulate, a.sim_workers)
        return
    if not a.skip_engines:
        engines(a.articles, a.engines)
    if a.simulate:
        simulate(a.simulate, a.sim_workers)


if __name__ == "__main__":
    main()
