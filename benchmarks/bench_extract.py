"""Score the HTML extractor: snippets that must and must not appear, titles, time per page.

    python benchmarks/bench_extract.py [--repeat N]

Runs on the pages of benchmarks/extract_pages.py (stories written for it, in
fourteen layouts of real sites, boilerplate included), split once into a tuned
part and a reported part, and prints for each part and each extractor:
precision, recall and F1 over the snippets (a must-have snippet found is a
true positive, missed a false negative; a must-not snippet found is a false
positive), the share of titles found exactly, and the median milliseconds per
page. Extractors: ``personae`` (what the reader shows: tui.sources on the
page, trafilatura inside), ``old`` (the hand-written extractor Personae had
before, still used for HTML in Markdown), ``trafilatura`` (its own extract and
title, default settings), ``trafilatura-fast`` and ``trafilatura-precision``
(favor_precision).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract_pages import pages  # noqa: E402


def personae(html: str) -> tuple[str, str]:
    from tui.sources import from_text

    art = from_text(html, fmt="html")
    return art.text, art.title


def old(html: str) -> tuple[str, str]:
    from tui.sources.html import _own_extraction, _page_blocks

    blocks, heading, meta = _own_extraction(_page_blocks(html), False)
    return "\n\n".join(blocks), heading or meta.get("title", "")


def _trafilatura(html: str, fast: bool, precision: bool = False) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, fast=fast, include_comments=False,
                                      with_metadata=True, favor_precision=precision)
    if doc is None:
        return "", ""
    return doc.text or "", doc.title or ""


EXTRACTORS = {
    "personae": personae,
    "old": old,
    "trafilatura": lambda h: _trafilatura(h, False),
    "trafilatura-fast": lambda h: _trafilatura(h, True),
    "trafilatura-precision": lambda h: _trafilatura(h, False, True),
}


def _norm(s: str) -> str:
    return " ".join(s.split())


def score(extract, part_pages, repeat: int = 1) -> dict:
    tp = fn = fp = tn = titles = 0
    times = []
    for page in part_pages:
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            text, title = extract(page.html)
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
        times.append(best)
        flat = _norm(text)
        for s in page.with_:
            if _norm(s) in flat:
                tp += 1
            else:
                fn += 1
        for s in page.without:
            if _norm(s) in flat:
                fp += 1
            else:
                tn += 1
        titles += _norm(title) == _norm(page.title)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f1, "title": titles / len(part_pages),
            "ms": 1000 * statistics.median(times), "pages": len(part_pages),
            "tp": tp, "fn": fn, "fp": fp, "tn": tn}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest counts")
    ap.add_argument("--pages", action="store_true", help="print each page's misses")
    args = ap.parse_args()
    every = pages()
    for extract in EXTRACTORS.values():  # imports and warm-up outside the timing
        extract(every[0].html)
    print(f"{len(every)} pages: {sum(p.part == 'tuned' for p in every)} tuned, "
          f"{sum(p.part == 'reported' for p in every)} reported")
    for part in ("tuned", "reported"):
        part_pages = [p for p in every if p.part == part]
        print(f"\n{part} ({len(part_pages)} pages, "
              f"{sum(len(p.with_) for p in part_pages)} must-have and "
              f"{sum(len(p.without) for p in part_pages)} must-not snippets)")
        print(f"{'extractor':22} {'P':>6} {'R':>6} {'F1':>6} {'title':>6} {'ms/page':>8}")
        for name, extract in EXTRACTORS.items():
            s = score(extract, part_pages, args.repeat)
            print(f"{name:22} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} "
                  f"{s['title']:6.0%} {s['ms']:8.1f}")
        if args.pages:
            for page in part_pages:
                text, title = personae(page.html)
                flat = _norm(text)
                missed = [s for s in page.with_ if _norm(s) not in flat]
                leaked = [s for s in page.without if _norm(s) in flat]
                if missed or leaked or _norm(title) != _norm(page.title):
                    print(f"  {page.name}: missed {missed} leaked {leaked} title {title!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
