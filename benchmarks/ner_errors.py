"""Error analysis of the shipped NER on KIND dev: what the model misses and adds.

    python benchmarks/ner_errors.py [--model PATH] [--data ../shared/data] [--parts WN FIC ADG]
                                    [--top 25] [--no-post] [--cache DIR]

The dev files are read in 30-sentence windows, as ``training/evaluate.py``'s
``propagated_prf`` does, and the reader's post-processing (name propagation and
the rule layer, ``tui/nlp/ner/rules.py``) is applied unless ``--no-post``. Every
gold and predicted span falls in one class:

- exact: same characters, same label;
- label: same characters, another label;
- boundary: overlaps a gold span of the same label, other characters;
- boundary+label: overlaps a gold span of another label, other characters;
- missed: a gold span no prediction overlaps;
- spurious: a prediction that overlaps no gold span.

It prints the counts per split and label, and the most frequent missed,
spurious, boundary and confused strings. ``--cache DIR`` keeps the pipeline's
raw output per split in DIR so that reruns (trying rules) skip the model.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402

Span = tuple[int, int, str]


def predict(nlp, path: Path, window: int = 30) -> list[tuple]:
    """(text, tokens, raw predicted spans, gold spans, the parsed window) for each window."""
    gold_docs = list(convert.bio_docs(nlp, list(convert.read_bio(path, 0, 1)), doc_sents=window))
    out = []
    for g, d in zip(gold_docs, nlp.pipe([g.text for g in gold_docs]), strict=True):
        out.append((d.text, [(t.idx, t.idx + len(t)) for t in d],
                    [(e.start_char, e.end_char, e.label_) for e in d.ents],
                    [(e.start_char, e.end_char, e.label_) for e in g.ents], d))
    return out


def post(text: str, tokens, raw: list[Span], doc) -> list[Span]:
    """The reader's post-processing of raw spans, relabeller included (as in propagated_prf)."""
    from tui.nlp.analyze import post_process

    return post_process(text, tokens, raw, docs=[(doc, 0)])


def classify(pred: list[Span], gold: list[Span]) -> tuple[Counter, dict[str, Counter]]:
    """Count the error classes of one window; the strings go in ``ex`` by class."""
    pred, gold = set(pred), set(gold)
    n: Counter = Counter()
    ex: dict[str, list] = {k: [] for k in ("missed", "spurious", "boundary", "label", "boundary+label")}
    gspan = {(s, e): lab for s, e, lab in gold}
    for s, e, lab in sorted(pred):
        if (s, e, lab) in gold:
            n["exact", lab] += 1
            continue
        if (s, e) in gspan:
            n["label", lab] += 1
            ex["label"].append((s, e, f"{gspan[s, e]}->{lab}"))
            continue
        over = [g for g in gold if g[0] < e and s < g[1]]
        if not over:
            n["spurious", lab] += 1
            ex["spurious"].append((s, e, lab))
        elif any(g[2] == lab for g in over):
            n["boundary", lab] += 1
            g = next(g for g in over if g[2] == lab)
            ex["boundary"].append((s, e, lab, g))
        else:
            n["boundary+label", lab] += 1
            ex["boundary+label"].append((s, e, f"{over[0][2]}->{lab}"))
    for s, e, lab in sorted(gold):
        if not any(p[0] < e and s < p[1] for p in pred):
            n["missed", lab] += 1
            ex["missed"].append((s, e, lab))
    return n, ex


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


def report(part: str, windows, use_post: bool, top: int) -> None:
    total: Counter = Counter()
    strings: dict[str, Counter] = {k: Counter() for k in ("missed", "spurious", "boundary", "label", "boundary+label")}
    tp = fp = fn = 0
    for text, tokens, raw, gold, doc in windows:
        pred = post(text, tokens, raw, doc) if use_post else raw
        P, G = set(pred), set(gold)
        tp, fp, fn = tp + len(P & G), fp + len(P - G), fn + len(G - P)
        n, ex = classify(pred, gold)
        total.update(n)
        for k, items in ex.items():
            for it in items:
                s, e, lab = it[:3]
                if k == "boundary":
                    g = it[3]
                    strings[k][f"{text[s:e]!r} vs gold {text[g[0]:g[1]]!r} ({lab})"] += 1
                else:
                    strings[k][f"{text[s:e]} ({lab})"] += 1
    p, r, f = prf(tp, fp, fn)
    print(f"\n=== {part}_dev ({len(windows)} windows{', post-processed' if use_post else ', raw model'}): "
          f"P {p:.3f} R {r:.3f} F {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    classes = ("exact", "label", "boundary", "boundary+label", "missed", "spurious")
    print(f"{'label':6}" + "".join(f"{c:>16}" for c in classes))
    for lab in ("PER", "LOC", "ORG"):
        print(f"{lab:6}" + "".join(f"{total[c, lab]:16d}" for c in classes))
    print(f"{'all':6}" + "".join(f"{sum(v for (c, _), v in total.items() if c == cl):16d}" for cl in classes))
    for k in ("missed", "spurious", "boundary", "label", "boundary+label"):
        items = strings[k].most_common(top)
        if items:
            print(f"\n-- {k} (top {len(items)} of {sum(strings[k].values())}):")
            print("   " + "; ".join(f"{s} x{c}" for s, c in items))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=ROOT / "tui" / "models" / "it_personae")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--parts", nargs="+", default=["WN", "FIC", "ADG"])
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--no-post", action="store_true", help="score the raw model output")
    ap.add_argument("--cache", type=Path, help="keep the raw predictions here between runs")
    a = ap.parse_args()
    nlp = None
    for part in a.parts:
        cached = a.cache / f"{part}_dev.pkl" if a.cache else None
        if cached and cached.exists():
            windows = pickle.loads(cached.read_bytes())
        else:
            if nlp is None:
                import spacy

                nlp = spacy.load(a.model)
            windows = predict(nlp, a.data / "kind" / f"{part}_dev.tsv")
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(pickle.dumps(windows))
        report(part, windows, not a.no_post, a.top)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
