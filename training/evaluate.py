"""Evaluate a pipeline (default: the shipped one) and print the figures.

    python training/evaluate.py [--model PATH] [--data ../shared/data] [--json OUT] [--quick]
                                [--sample N]

- NER precision / recall / F per label on KIND WN_dev, FIC_dev and ADG_dev;
- POS accuracy, morphology accuracy, UAS and LAS on UD Italian ParTUT test
  (held out: not used for training or model selection);
- words per second with ``nlp.pipe`` on one core (KIND WN_dev text);
- load time (fresh process) and size on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402  (the converters that built the training data)


def ner_examples(nlp, path: Path, limit: int | None = None):
    from spacy.training import Example

    sents = list(convert.read_bio(path, 0, 1))[:limit]
    for doc in convert.bio_docs(nlp, sents):
        yield Example(nlp.make_doc(doc.text), doc)


def ud_examples(nlp, path: Path, limit: int | None = None):
    from spacy.training import Example

    for doc in convert.ud_docs(nlp, list(convert.read_conllu(path))[:limit]):
        yield Example(nlp.make_doc(doc.text), doc)


def prf(scores: dict) -> dict:
    out = {"micro": {"p": scores["ents_p"], "r": scores["ents_r"], "f": scores["ents_f"]}}
    for label, s in sorted((scores.get("ents_per_type") or {}).items()):
        out[label] = {"p": s["p"], "r": s["r"], "f": s["f"]}
    return out


def span_prf(pairs) -> dict:
    """P/R/F per label and micro over (predicted spans, gold spans) pairs of (start, end,
    label) triples, exact span and label."""
    from collections import Counter

    tp, fp, fn = Counter(), Counter(), Counter()
    for pred, gold in pairs:
        pred, gold = set(pred), set(gold)
        for label in ("PER", "LOC", "ORG", "micro"):
            P = {x for x in pred if label in ("micro", x[2])}
            G = {x for x in gold if label in ("micro", x[2])}
            tp[label] += len(P & G)
            fp[label] += len(P - G)
            fn[label] += len(G - P)
    out = {}
    for label in ("micro", "LOC", "ORG", "PER"):
        p = tp[label] / max(1, tp[label] + fp[label])
        r = tp[label] / max(1, tp[label] + fn[label])
        out[label] = {"p": p, "r": r, "f": 2 * p * r / max(1e-9, p + r)}
    return out


def propagated_prf(nlp, path: Path, window: int = 30, propagate_names: bool = True,
                   relabel: bool = False, limit: int | None = None) -> dict:
    from tui.nlp.analyze import post_process

    sents = list(convert.read_bio(path, 0, 1))[:limit]
    gold_docs = list(convert.bio_docs(nlp, sents, doc_sents=window))
    pairs = []
    for g, d in zip(gold_docs, nlp.pipe([g.text for g in gold_docs]), strict=True):
        raw = [(e.start_char, e.end_char, e.label_) for e in d.ents]
        tokens = [(t.idx, t.idx + len(t)) for t in d]
        # the reader's post-processing: name propagation, the rule layer (tui/nlp/ner/rules.py)
        # and the span relabeller (tui/nlp/ner/relabel.py), which reads the window's parse
        spans = post_process(d.text, tokens, raw, docs=[(d, 0)] if relabel else None) \
            if propagate_names else raw
        pred = set(spans)
        pairs.append((pred, {(e.start_char, e.end_char, e.label_) for e in g.ents}))
    return span_prf(pairs)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def load_time(model: Path) -> float:
    code = (f"import time; t=time.perf_counter(); import spacy; spacy.load({str(model)!r}); "
            "print(time.perf_counter()-t)")
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    times = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return sorted(times)[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=ROOT / "tui" / "models" / "it_personae")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--quick", action="store_true", help="skip load-time and speed runs")
    ap.add_argument("--no-relabel", dest="relabel", action="store_false",
                    help="leave out the span relabeller (tui/nlp/ner/relabel.py), which the reader "
                         "applies after the post-processing")
    ap.add_argument("--sample", type=int, default=None, metavar="N",
                    help="read only the first N sentences of each file: a quick check that the "
                         "command works (the tests use it); the figures are the sets' only without it")
    a = ap.parse_args()
    if not a.data.is_dir():
        raise SystemExit(f"no data folder at {a.data}: pass --data")
    import spacy

    nlp = spacy.load(a.model)
    results: dict = {"model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"}
    print(f"pipeline {results['model']} at {a.model}: {nlp.pipe_names}")
    print("\nNER on KIND dev (exact span and label)")
    print(f"{'split':8} {'label':6} {'P':>6} {'R':>6} {'F':>6}")
    results["ner"] = {}
    for part in ("WN", "FIC", "ADG"):
        scores = nlp.evaluate(list(ner_examples(nlp, a.data / "kind" / f"{part}_dev.tsv", a.sample)))
        res = prf(scores)
        results["ner"][f"{part}_dev"] = res
        for label, s in res.items():
            print(f"{part + '_dev':8} {label:6} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f}")
    print("\nNER on 30-sentence windows, exact character spans: the model alone / with the reader's\n"
          "post-processing (name propagation over the window, tui/nlp/ner/propagate.py; rules, tui/nlp/ner/rules.py)"
          + ("\nand the span relabeller (tui/nlp/ner/relabel.py)" if a.relabel else ""))
    print(f"{'split':8} {'label':6} {'P':>6} {'R':>6} {'F':>6}   {'P':>6} {'R':>6} {'F':>6}")
    results["ner_windows"], results["ner_propagated"] = {}, {}
    for part in ("WN", "FIC", "ADG"):
        path = a.data / "kind" / f"{part}_dev.tsv"
        plain = propagated_prf(nlp, path, propagate_names=False, limit=a.sample)
        res = propagated_prf(nlp, path, relabel=a.relabel, limit=a.sample)
        results["ner_windows"][f"{part}_dev"] = plain
        results["ner_propagated"][f"{part}_dev"] = res
        for label, s in res.items():
            b = plain[label]
            print(f"{part + '_dev':8} {label:6} {b['p']:6.3f} {b['r']:6.3f} {b['f']:6.3f}"
                  f"   {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f}")
    ud = a.data / "ud-italian" / "it_partut-ud-test.conllu"
    scores = nlp.evaluate(list(ud_examples(nlp, ud, a.sample)))
    results["ud_partut_test"] = {k: scores.get(k) for k in ("pos_acc", "morph_acc", "dep_uas", "dep_las",
                                                             "sents_f", "lemma_acc")}
    print("\nUD ParTUT test (held out)")
    for k, v in results["ud_partut_test"].items():
        if v is not None:
            print(f"  {k:10} {v:.3f}")
    if not a.quick:
        texts = [d.text for d in convert.bio_docs(nlp, list(convert.read_bio(a.data / "kind" / "WN_dev.tsv", 0, 1)))]
        words = sum(len(t.split()) for t in texts)
        list(nlp.pipe(texts[:20]))
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        wps = words / (time.perf_counter() - t)
        results["words_per_second"] = round(wps)
        results["load_seconds"] = round(load_time(a.model), 3)
        print(f"\nspeed: {wps:,.0f} words/s with nlp.pipe ({words} words, one process)")
        print(f"load: {results['load_seconds']:.2f} s (median of 3 fresh processes, import spacy included)")
    results["size_mb"] = round(dir_size(a.model) / 1e6, 1)
    print(f"size on disk: {results['size_mb']} MB")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
