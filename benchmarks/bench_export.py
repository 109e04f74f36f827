"""Measure `personae export FOLDER` on many articles: time per article as the folder grows.

    python benchmarks/bench_export.py [--sizes 50 100 200 400] [--jobs 1]

Articles are the bundled samples, each copy made distinct (a numbered
paragraph) so that nothing comes from the cache. Each size runs in a fresh
`personae export` process with an empty cache, so the pipeline load is
counted once per run; the figure to read is the time per article, which
should stay flat as the folder grows (linear scaling).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_folder(dest: Path, n: int) -> int:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "articles").glob("*.txt"))]
    words = 0
    dest.mkdir(parents=True)
    for i in range(n):
        text = samples[i % len(samples)] + f"\n\nAggiornamento numero {i}: la redazione ha verificato i fatti.\n"
        (dest / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--format", default="json")
    a = ap.parse_args()
    print(f"{'articles':>8} {'words':>8} {'seconds':>8} {'ms/article':>11} {'words/s':>8}")
    for n in a.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            words = make_folder(tmp / "in", n)
            env = dict(os.environ, PERSONAE_CACHE_DIR=str(tmp / "cache"))
            t = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "tui", "export", str(tmp / "in"), "--format", a.format,
                                  "-o", str(tmp / "out"), "-j", str(a.jobs)], env=env, capture_output=True, text=True)
            dt = time.perf_counter() - t
            if run.returncode != 0:
                raise SystemExit(run.stderr[-2000:])
            assert len(list((tmp / "out").iterdir())) == n
            print(f"{n:8d} {words:8d} {dt:8.1f} {dt / n * 1000:11.1f} {words / dt:8.0f}")


if __name__ == "__main__":
    main()
