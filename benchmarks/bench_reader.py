"""Measure the reader: first paint, cold and cached analysis, key latency, memory.

    python benchmarks/bench_reader.py [--article PATH] [--big-mb 1.0]   (--big-mb 0: no big article)

Each figure comes from a fresh Python process (so imports and the pipeline
load are counted) running the real app headless at 120×40:

- first paint: process start → the first frame with the article text is drawn;
- analysis cold: process start → the first frame with highlights and panel, empty cache;
- analysis cached: the same with the cache the cold run left;
- next-mention key: median and 95th percentile time from pressing ``n`` (and
  ``]``) to the end of the frame that shows it, on a ~1 MB article, the person
  with most mentions selected;
- peak memory (max RSS) of the reader process with the ~1 MB article analysed;
- the ~1 MB article with the previous code (``--before``, ``git archive``) and the working
  tree, alternately, fresh cache each: process start -> first frame with highlights
  (streamed names, where the code streams them) and -> the analysis shown, with the
  process's CPU time (the machine is shared: wall-clock times move with its load).
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
SEED = ROOT / "articles" / "lavrov-apre-a-rubio.txt"

CHILD = r"""
import time, sys, json, asyncio, resource
T0 = time.perf_counter()
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
from tui.app.main import PersonaeApp, open_paths

from tui.app.reader import ReaderScreen
PAINTS, READY, LIT = [], [], []
_real = ReaderScreen._compositor_refresh
def _painted(self):
    _real(self)
    if not PAINTS and self.view.line_count:
        PAINTS.append(time.perf_counter())
    if not LIT and self.view.spans:
        LIT.append(time.perf_counter())
        ru = resource.getrusage(resource.RUSAGE_SELF)
        LIT.append(ru.ru_utime + ru.ru_stime)
    if not READY and self.annotations is not None:
        READY.append(time.perf_counter())
ReaderScreen._compositor_refresh = _painted

async def main():
    app = PersonaeApp(open_paths([path]))
    out = {}
    async with app.run_test(size=(120, 40)) as pilot:
        from tui.app.reader import ReaderScreen
        while not isinstance(app.screen, ReaderScreen):
            await pilot.pause(0.005)
        scr = app.screen
        while not PAINTS:
            await asyncio.sleep(0.001)
        out["first_paint"] = PAINTS[0] - T0
        if mode != "paint":
            while not READY:
                await asyncio.sleep(0.001)
            out["ready"] = READY[0] - T0
            out["from_cache"] = scr.from_cache
            out["first_paint"] = PAINTS[0] - T0
            out["first_highlights"] = (LIT or READY)[0] - T0
            ru = resource.getrusage(resource.RUSAGE_SELF)
            out["cpu"] = ru.ru_utime + ru.ru_stime
            out["cpu_first_highlights"] = LIT[1] if LIT else out["cpu"]
        if mode == "keys":
            ann = scr.annotations
            best = max(ann.entities, key=lambda e: len(e.mentions))
            scr.select_entity(best.id)
            await pilot.pause()
            # key -> frame: from posting the key event to the end of the screen
            # refresh that draws its result (Textual batches refreshes at up to
            # 60 frames a second, so this includes up to one frame period of waiting)
            frames = []
            real_refresh = scr._compositor_refresh
            def timed_refresh():
                real_refresh()
                frames.append(time.perf_counter())
            scr._compositor_refresh = timed_refresh  # (the instance attribute wins over the class's)
            for key, name in (("n", "n"), ("right_square_bracket", "]")):
                times = []
                for _ in range(200):
                    frames.clear()
                    t = time.perf_counter()
                    app.simulate_key(key)
                    while not frames:
                        await asyncio.sleep(0.0005)
                    times.append(frames[0] - t)
                    await pilot.pause()
                out[name] = times
            scr._compositor_refresh = real_refresh
            out["mentions"] = len(ann.mentions)
            out["chars"] = len(ann.text)
        out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(out))

asyncio.run(main())
"""


def child(mode: str, path: Path, cache: Path, code: Path = ROOT) -> dict:
    env = dict(os.environ, PERSONAE_CACHE_DIR=str(cache), PYTHONPATH=str(code))
    p = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], env=env, cwd=code,
                       capture_output=True, text=True, timeout=1800)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"benchmark child failed:\n{p.stderr[-3000:]}")


def make_big(src: Path, mb: float, dest: Path) -> Path:
    body = src.read_text(encoding="utf-8").split("\n", 1)[1]
    parts, size, i = [], 0, 0
    while size < mb * 1_000_000:
        chunk = f"\n\nCapitolo {i + 1}\n\n" + body
        parts.append(chunk)
        size += len(chunk.encode())
        i += 1
    dest.write_text("Un capitolo molto lungo\n" + "".join(parts), encoding="utf-8")
    return dest


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--article", type=Path, default=SEED)
    ap.add_argument("--big-mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", default="122d349",
                    help="the previous code for the big article (a git revision; '' skips it)")
    ap.add_argument("--big-rounds", type=int, default=1, help="big article: before/after pairs")
    ap.add_argument("--skip-small", action="store_true", help="the big article only")
    ap.add_argument("--skip-keys", action="store_true", help="no key latency on the big article")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not a.skip_small:
            small(a, tmp)
        if a.big_mb <= 0:  # --big-mb 0: the seed article only
            return
        big = make_big(a.article, a.big_mb, tmp / "big.txt")
        if a.before:
            before_after(a, big, tmp)
        if a.skip_keys:
            return
        r = child("keys", big, tmp / "big-cache")
        print(f"big article: {r['chars']} characters, {r['mentions']} mentions, ready in {r['ready']:.1f} s (cold)")
        for name in ("n", "]"):
            t = sorted(r[name])
            print(f"key {name!r}: median {ms(statistics.median(t))}, p95 {ms(t[int(len(t) * 0.95)])}, max {ms(t[-1])}")
        print(f"peak memory (max RSS) with the big article analysed: {r['maxrss_mb']:.0f} MB")
        r2 = child("ready", big, tmp / "big-cache")
        print(f"big article from the cache: ready in {ms(r2['ready'])}")


def before_after(a, big: Path, tmp: Path) -> None:
    """The big article opened cold with the previous code and with the working tree."""
    code = tmp / "before-code"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", a.before], capture_output=True,
                             check=True)
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for k in range(a.big_rounds):
        runs["before"].append(child("ready", big, tmp / f"bb{k}", code))
        runs["after"].append(child("ready", big, tmp / f"ba{k}", ROOT))
    print(f"big article ({big.stat().st_size} bytes), cold, median of {a.big_rounds} "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end):")
    for name, label in (("before", f"before ({a.before})"), ("after", "working tree")):
        r = {k: statistics.median(x[k] for x in runs[name])
             for k in ("first_paint", "first_highlights", "ready", "cpu", "cpu_first_highlights")}
        print(f"  {label:22} text {r['first_paint']:.1f} s, first highlights "
              f"{r['first_highlights']:.1f} s ({r['first_highlights'] - r['first_paint']:.1f} s "
              f"after the text), analysis shown {r['ready']:.1f} s; CPU time of the process "
              f"at the first highlights {r['cpu_first_highlights']:.1f} s, at the analysis "
              f"shown {r['cpu']:.1f} s")
    b = statistics.median(x["ready"] for x in runs["before"])
    f = statistics.median(x["ready"] for x in runs["after"])
    print(f"  analysis shown after/before: {f / b:.2f}x")


def small(a, tmp: Path) -> None:
    """The seed article: first paint, cold and cached analysis."""
    paints = [child("paint", a.article, tmp / f"c{i}")["first_paint"] for i in range(a.runs)]
    colds, cached = [], []
    for i in range(a.runs):
        c = tmp / f"cold{i}"
        colds.append(child("ready", a.article, c)["ready"])
        r = child("ready", a.article, c)
        assert r["from_cache"], "second open did not come from the cache"
        cached.append(r["ready"])
    print(f"article: {a.article.name} ({a.article.stat().st_size} bytes)")
    print(f"first paint            median {ms(statistics.median(paints))}  (runs: {', '.join(ms(x) for x in paints)})")
    print(f"analysis ready, cold   median {ms(statistics.median(colds))}  (process start → highlights; includes loading spaCy and the pipeline)")
    print(f"analysis ready, cached median {ms(statistics.median(cached))}")


if __name__ == "__main__":
    time.sleep(0)
    main()
