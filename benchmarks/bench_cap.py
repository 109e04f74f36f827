"""How the analysis of a long article grows with its size: time and peak memory.

    nice -n 10 python benchmarks/bench_cap.py [--sizes-kb 128,256,512,1024] [--kinds ordinary,repeated]

Each size is analysed in a fresh process (the bundled pipeline, one process, no
cache), the way ``personae export`` analyses one article, and the whole of it is
timed: reading the pipeline's output, the post-processing (entities, roles) and
``Annotations.to_dict``. Two kinds of text:

- ordinary: the bundled articles in ``articles/`` repeated up to the size, each copy
  its own paragraphs;
- repeated: one short sentence with a person and a place, repeated (the case that
  grows the most mentions and entities for its size).

It prints, per kind and size, the seconds (wall and CPU: on a loaded machine
only the CPU seconds compare), the peak memory above the loaded
pipeline (MB), the mentions found, and the CPU seconds and MB per MB of text, so that
a growth faster than the size shows as a rising "per MB" column. Run it nice'd on
a shared machine; the sizes are modest on purpose (the 8 MB cap is extrapolated
from them, with the per-MB figures).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
kind, size = sys.argv[1], int(sys.argv[2])
if kind == "ordinary":
    parts = [p.read_text(encoding="utf-8") for p in sorted(Path("articles").glob("*.txt"))]
    unit = "\n\n".join(parts) + "\n\n"
else:
    unit = "Il ministro Mario Rossi ha parlato a Roma con Giulia Bianchi. "
text = (unit * (size // len(unit.encode("utf-8")) + 1))
text = text.encode("utf-8")[:size].decode("utf-8", "ignore")
from tui.nlp import pipeline
from tui.nlp.analyze import analyse
nlp = pipeline.load()
analyse("Mario Rossi a Roma.", nlp)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
t, c = time.perf_counter(), cpu()
ann = analyse(text, nlp)
d = ann.to_dict()
secs, cpus = time.perf_counter() - t, cpu() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": secs, "cpu": cpus, "mb": (peak - base) / 1024, "mentions": len(ann.mentions),
                  "entities": len(ann.entities)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes-kb", default="128,256,512,1024")
    ap.add_argument("--kinds", default="ordinary,repeated")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()
    sizes = [int(s) * 1024 for s in args.sizes_kb.split(",")]
    print(f"{'kind':10} {'KB':>6} {'wall s':>8} {'CPU s':>8} {'MB peak':>8} {'mentions':>9} "
          f"{'CPU s/MB':>8} {'MBpeak/MB':>9}", flush=True)
    for kind in args.kinds.split(","):
        for size in sizes:
            try:
                run = subprocess.run([sys.executable, "-c", CHILD, kind, str(size)], cwd=ROOT,
                                     capture_output=True, text=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{kind:10} {size // 1024:6d}  timed out after {args.timeout:.0f} s",
                      flush=True)
                break
            if run.returncode != 0:
                print(f"{kind:10} {size // 1024:6d}  failed: {run.stderr.strip()[-300:]}",
                      flush=True)
                break
            r = json.loads(run.stdout.strip().splitlines()[-1])
            mb = size / (1024 * 1024)
            print(f"{kind:10} {size // 1024:6d} {r['seconds']:8.1f} {r['cpu']:8.1f} "
                  f"{r['mb']:8.0f} {r['mentions']:9d} {r['cpu'] / mb:8.1f} {r['mb'] / mb:9.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
