"""Measure the analysis speed against a previous commit, interleaved in one run.

    python benchmarks/bench_speed.py [--before REV] [--rounds 3] [--only throughput,runs,export,long]

The machine this runs on is shared and its speed drifts, so every figure is taken for
the previous code (``git archive REV``, run from a temporary folder) and for the working
tree in alternation, each in a fresh process, and printed with the ratio after/before
of the medians:

- throughput: words/s of the whole analysis (pipeline + post-processing + roles) and
  of ``nlp.pipe`` alone, on the bundled articles analysed one at a time, one process;
  also the working tree with PERSONAE_GEMM=blis (thinc's own matrix products); and the
  share of the analysis time spent attaching roles (``tui.nlp.roles.attach_roles``), over
  all the articles and on the article where it is largest;
- runs: an article with 5,000 ``>`` and 5,000 ``&`` in a row (long runs of punctuation);
- export: ``personae export`` of one article, cold (empty cache) and cached, working
  tree only: the ratio cached/cold;
- long: a long article (``--long-kb``) in one process, before and after, then in one
  process and in two, working tree only, with the time until the pipeline's last chunk
  and the time after it (wall clock and CPU time: the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "articles").glob("*.txt"))

CHILD = r"""
import json, sys, time
from pathlib import Path
mode, arg = sys.argv[1], sys.argv[2]
from tui.nlp import pipeline
from tui.nlp.analyze import analyse, chunks
nlp = pipeline.load()
out = {}
if mode == "throughput":
    texts = [Path(p).read_text(encoding="utf-8") for p in json.loads(arg)]
    words = sum(len(t.split()) for t in texts)
    # the time spent attaching roles, article by article
    from tui.nlp import analyze as _analyze
    spent = [0.0]
    _real = getattr(getattr(_analyze, "roles", None), "attach_roles", None)
    if _real is not None:
        def _timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return _real(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - t0
        _analyze.roles.attach_roles = _timed
    analyse(texts[0], nlp)  # warm up
    shares = []
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        spent[0] = 0.0
        t1 = time.perf_counter()
        analyse(text, nlp)
        shares.append((spent[0], time.perf_counter() - t1))
    out["analysis"] = words / (time.perf_counter() - t)
    out["analysis_cpu"] = words / (time.process_time() - c)
    if _real is not None:
        out["roles_share"] = sum(r for r, _ in shares) / sum(a for _, a in shares)
        out["roles_share_max"] = max(r / a for r, a in shares)
    pieces = [text[s:e] for text in texts for s, e in chunks(text)]
    t, c = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(pieces, batch_size=64):
        pass
    out["pipe"] = words / (time.perf_counter() - t)
    out["pipe_cpu"] = words / (time.process_time() - c)
elif mode == "runs":
    text = Path(arg).read_text(encoding="utf-8")
    t = time.perf_counter()
    ann = analyse(text, nlp)
    out["seconds"] = time.perf_counter() - t
    out["mentions"] = len(ann.mentions)
elif mode.startswith("long"):
    text = Path(arg).read_text(encoding="utf-8")
    last, cpu = [], []
    t, c = time.perf_counter(), time.process_time()
    analyse(text, nlp, n_process=int(mode[4:]),
            progress=lambda i, n: (last.append(time.perf_counter()), cpu.append(time.process_time())))
    end, cend = time.perf_counter(), time.process_time()
    out["seconds"] = end - t
    out["pipeline"] = last[-1] - t
    out["after"] = end - last[-1]
    out["pipeline_cpu"] = cpu[-1] - c
    out["after_cpu"] = cend - cpu[-1]
print("RESULT " + json.dumps(out))
"""


def child(code_root: Path, mode: str, arg: str, env: dict | None = None) -> dict:
    env = dict(os.environ, **(env or {}), PYTHONPATH=str(code_root))
    p = subprocess.run([sys.executable, "-c", CHILD, mode, arg], cwd=code_root, env=env,
                       capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"benchmark child failed ({code_root}):\n{p.stderr[-3000:]}")


def checkout(rev: str, dest: Path) -> Path:
    """The tree of ``rev`` in ``dest`` (models included), without touching the work tree."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def med(values: list[float]) -> float:
    return statistics.median(values)


def throughput(before: Path, rounds: int) -> None:
    arg = json.dumps([str(p) for p in ARTICLES] * 4)
    runs: dict[str, list[dict]] = {"before": [], "blis": [], "after": []}
    for _ in range(rounds):
        runs["before"].append(child(before, "throughput", arg))
        runs["blis"].append(child(ROOT, "throughput", arg, {"PERSONAE_GEMM": "blis"}))
        runs["after"].append(child(ROOT, "throughput", arg))
    print(f"throughput, words/s (medians of {rounds}, one process, {len(ARTICLES) * 4} articles "
          f"one at a time; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end)")
    print(f"  {'':34} {'analysis':>9} {'nlp.pipe':>9} {'post':>6}   per CPU second: "
          f"{'analysis':>9} {'nlp.pipe':>9} {'post':>6}")
    for name, label in (("before", "before"), ("blis", "working tree, PERSONAE_GEMM=blis"),
                        ("after", "working tree")):
        a = med([r["analysis"] for r in runs[name]])
        p = med([r["pipe"] for r in runs[name]])
        ac = med([r["analysis_cpu"] for r in runs[name]]) if "analysis_cpu" in runs[name][0] else 0
        pc = med([r["pipe_cpu"] for r in runs[name]]) if "pipe_cpu" in runs[name][0] else 0
        # the share of the analysis that is not the pipeline: post-processing and roles
        share = 1 - a / p
        cpu = f"{ac:9.0f} {pc:9.0f} {1 - ac / pc:6.0%}" if ac and pc else f"{'-':>9} {'-':>9} {'-':>6}"
        print(f"  {label:34} {a:9.0f} {p:9.0f} {share:6.0%}   {'':16}{cpu}")
    for key in ("analysis", "pipe"):
        ratio = med([r[key] for r in runs["after"]]) / med([r[key] for r in runs["before"]])
        print(f"  speed-up after/before, {key}: {ratio:.2f}x")
    for name in ("before", "after"):
        if all("roles_share" in r for r in runs[name]):
            print(f"  role extraction, share of the analysis time ({name}): "
                  f"{med([r['roles_share'] for r in runs[name]]):.1%} of all articles, "
                  f"{med([r['roles_share_max'] for r in runs[name]]):.1%} of the article where it is largest")


def punctuation_runs(before: Path, tmp: Path) -> None:
    art = tmp / "runs.txt"
    art.write_text("Lavrov ha scritto a Marco Rubio. " + ">" * 5000 + "\n\nPoi Putin "
                   + "&" * 5000 + " a Mosca.\n", encoding="utf-8")
    b = child(before, "runs", str(art))
    a = child(ROOT, "runs", str(art))
    print(f"5,000 '>' and 5,000 '&' in a row: {b['seconds']:.1f} s before, {a['seconds']:.2f} s after "
          f"({a['seconds'] / b['seconds']:.3f}x); mentions {b['mentions']} / {a['mentions']}")


def export(tmp: Path, rounds: int) -> None:
    art = ARTICLES[0]
    cold, warm = [], []
    for k in range(rounds):
        env = dict(os.environ, PERSONAE_CACHE_DIR=str(tmp / f"cache{k}"))
        for times in (cold, warm):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tui", "export", str(art), "--format", "json",
                            "-o", str(tmp / f"out{k}.json"), "--force"], env=env, check=True,
                           capture_output=True)
            times.append(time.perf_counter() - t)
    print(f"personae export of one article (medians of {rounds}): cold {med(cold):.2f} s, "
          f"cached {med(warm):.2f} s: cached/cold {med(warm) / med(cold):.2f}x")


def long_article(tmp: Path, kb: int, before: Path | None = None) -> None:
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in ARTICLES)
    parts, i = [], 0
    while sum(map(len, parts)) < kb * 1000:
        parts.append(f"\n\nCapitolo {i + 1}\n\n" + body)
        i += 1
    art = tmp / "long.txt"
    art.write_text("".join(parts), encoding="utf-8")
    if before is not None:   # the previous code, one process, then the working tree's
        b = child(before, "long1", str(art))
        a = child(ROOT, "long1", str(art))
        print(f"a {kb} KB article, one process: before {b['seconds']:.1f} s (pipeline "
              f"{b['pipeline']:.1f} s, then {b['after']:.1f} s; CPU {b['pipeline_cpu']:.1f} + "
              f"{b['after_cpu']:.1f} s), after {a['seconds']:.1f} s (pipeline {a['pipeline']:.1f} s, "
              f"then {a['after']:.1f} s; CPU {a['pipeline_cpu']:.1f} + {a['after_cpu']:.1f} s): "
              f"after/before {a['seconds'] / b['seconds']:.2f}x, CPU "
              f"{(a['pipeline_cpu'] + a['after_cpu']) / (b['pipeline_cpu'] + b['after_cpu']):.2f}x")
    one = child(ROOT, "long1", str(art))
    two = child(ROOT, "long2", str(art))
    print(f"a {kb} KB article: one process {one['seconds']:.1f} s (pipeline {one['pipeline']:.1f} s, "
          f"then {one['after']:.1f} s; CPU {one['pipeline_cpu']:.1f} s, then {one['after_cpu']:.1f} s), "
          f"two {two['seconds']:.1f} s (pipeline {two['pipeline']:.1f} s, "
          f"then {two['after']:.1f} s): pipeline two/one {two['pipeline'] / one['pipeline']:.2f}x; "
          f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", default="122d349", help="the previous code (a git revision)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="throughput,runs,export,long")
    ap.add_argument("--long-kb", type=int, default=100)
    a = ap.parse_args()
    parts = set(a.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        before = checkout(a.before, tmp / "before") if parts & {"throughput", "runs", "long"} else tmp
        if "throughput" in parts:
            throughput(before, a.rounds)
        if "runs" in parts:
            punctuation_runs(before, tmp)
        if "export" in parts:
            export(tmp, a.rounds)
        if "long" in parts:
            long_article(tmp, a.long_kb, before if before != tmp else None)


if __name__ == "__main__":
    main()
