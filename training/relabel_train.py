"""Train the span relabeller (tui/nlp/ner/relabel.py) on the KIND train splits.

    python training/relabel_train.py prepare [--model PATH] [--data DIR]
    python training/relabel_train.py fit [--c 1.0] [--use-label] [--min-count 2]
    python training/relabel_train.py eval [--thresholds 0.5,0.6,...]

``prepare`` runs the pipeline over KIND train and dev (30-sentence windows, as
``evaluate.py`` measures) and keeps the analysed Docs, the gold spans, and the
spans after the reader's post-processing in ``runs/relabel/``.

``fit`` trains a multinomial logistic regression (L2, L-BFGS) on the gold spans
of WN/FIC/ADG train: features from ``relabel.features``, the target the gold
label. It writes ``tui/nlp/ner/data/relabel_it.json.gz`` (features seen at
least ``--min-count`` times, weights rounded to 3 decimals). The threshold of
the written file is chosen on FIC_dev + ADG_dev (``eval``), never on WN_dev.

``eval`` applies the relabeller after post_process on the dev splits and
prints micro and per-label F for each threshold.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import convert  # noqa: E402

POOL = None
CACHE = HERE / "runs" / "relabel"
LABELS = ["PER", "LOC", "ORG"]
SPLITS = [f"{p}_{s}" for s in ("train", "dev") for p in ("WN", "FIC", "ADG")]


def prepare(model: Path, data: Path, splits: list[str]) -> None:
    import spacy
    from spacy.tokens import DocBin

    from tui.nlp.analyze import post_process

    nlp = spacy.load(model)
    CACHE.mkdir(parents=True, exist_ok=True)
    for split in splits:
        if split.startswith("moro_"):
            sents = list(convert.read_io(data / "kind-moro" / f"{split}.tsv"))
        else:
            sents = list(convert.read_bio(data / "kind" / f"{split}.tsv", 0, 1))
        gold_docs = list(convert.bio_docs(nlp, sents, doc_sents=30))
        db = DocBin(store_user_data=False)
        rows = []
        for g, d in zip(gold_docs, nlp.pipe([g.text for g in gold_docs], batch_size=32), strict=True):
            raw = [(e.start_char, e.end_char, e.label_) for e in d.ents]
            tokens = [(t.idx, t.idx + len(t)) for t in d]
            post = post_process(d.text, tokens, raw)
            gold = [(e.start_char, e.end_char, e.label_) for e in g.ents]
            d.tensor = None
            db.add(d)
            rows.append({"raw": raw, "post": post, "gold": gold})
        db.to_disk(CACHE / f"{split}.spacy")
        (CACHE / f"{split}.pkl").write_bytes(pickle.dumps(rows))
        print(f"{split}: {len(rows)} windows")


def load(split: str):
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("it").vocab
    docs = list(DocBin().from_disk(CACHE / f"{split}.spacy").get_docs(vocab))
    rows = pickle.loads((CACHE / f"{split}.pkl").read_bytes())
    return docs, rows


def examples(split: str, use_label: bool, source: str = "gold", negatives: bool = False):
    """(features, gold label) for the spans of one split: the gold spans (``source='gold'``,
    with the NER's label of the same span when it found it) or the post-processed spans
    that match a gold span exactly (``'post'``)."""
    from tui.nlp.ner import relabel as rl
    from tui.nlp.ner.relabel import View, dense, features, token_labels

    docs, rows = load(split)
    hidden = hidden_keys() if split.endswith("_train") and not split.startswith("moro") else None
    out = []
    for w, (d, r) in enumerate(zip(docs, rows, strict=True)):
        rl.HIDDEN = hidden[w % len(hidden)] if hidden else frozenset()
        pred = {(s, e): lab for s, e, lab in r["post"]}
        gold = {(s, e): lab for s, e, lab in r["gold"]}
        keys = gold if source == "gold" else [k for k in pred if k in gold]
        # the other names' labels: gold here, the NER's (post-processed) at run time
        toks = []
        for (s, e), lab in gold.items():
            sp = d.char_span(s, e)
            if sp is not None:
                toks.append((sp.start, sp.end, lab))
        tok_labels = token_labels(d, toks)
        view = View(d)
        for s, e in keys:
            sp = d.char_span(s, e)
            if sp is None:
                continue
            lab = pred.get((s, e)) if use_label else None
            out.append((features(view, sp.start, sp.end, lab, tok_labels), gold[(s, e)],
                        dense(view, sp.start, sp.end)))
        if negatives:
            # no name: the NER's spans that overlap no gold span, and runs of proper nouns
            # (the tagger's PROPN) outside every gold span
            cands = {(s, e) for s, e, _ in r["post"]}
            k = 0
            while k < len(d):
                if d[k].pos_ == "PROPN" and k not in tok_labels:
                    m = k
                    while m < len(d) and d[m].pos_ == "PROPN" and m not in tok_labels:
                        m += 1
                    cands.add((d[k].idx, d[m - 1].idx + len(d[m - 1])))
                    k = m
                else:
                    k += 1
            for s, e in cands:
                if any(a < e and s < b for a, b in gold):
                    continue
                sp = d.char_span(s, e)
                if sp is not None:
                    out.append((features(view, sp.start, sp.end, None, tok_labels), "O",
                                dense(view, sp.start, sp.end)))
    rl.HIDDEN = frozenset()
    return out


def hidden_keys() -> list[frozenset[int]] | None:
    """The keys hidden from the training spans: every entry only KIND train gives
    (``e5_vectors.py origins``), or None without the file. (One set: a list per fold of
    windows, so that a fold-wise hiding can be tried again.)"""
    from tui.nlp.ner.relabel import key

    path = HERE / "runs" / "e5" / "kind_only.tsv"
    if not path.exists():
        return None
    keys = {key(line.rsplit("\t", 1)[0]) for line in path.read_text(encoding="utf-8").splitlines() if line}
    return [frozenset(keys)]


def fit(use_label: bool, c: float, min_count: int, out: Path, threshold: float, margin: float,
        source: str, negatives: bool, drop: float, extra: list[str], pool: float = 0.0,
        dense_scale: float = 1.0) -> None:
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix, hstack

    data = []
    for split in ["WN_train", "FIC_train", "ADG_train", *extra]:
        data += examples(split, use_label, source, negatives)
    labels = LABELS + (["O"] if negatives else [])
    counts = Counter(f for fs, *_ in data for f in set(fs))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for n, (fs, *_) in enumerate(data):
        for f in set(fs):
            k = vocab.get(f)
            if k is not None:
                rows.append(n)
                cols.append(k)
    X = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data), len(vocab)))
    # the encoder's vector of each span (training/e5_vectors.py), as dense columns
    nd = 0
    if dense_scale > 0 and data and data[0][2] is not None:
        D = np.stack([d for _, _, d in data]) * dense_scale
        nd = D.shape[1]
        X = hstack([X, csr_matrix(D)]).tocsr()
    y = np.array([labels.index(lab) for _, lab, _ in data])
    Y = np.eye(len(labels))[y]
    nf, nl = len(vocab) + nd, len(labels)
    print(f"{len(data)} spans, {nf} features ({nd} dense); labels {Counter(lab for _, lab, _ in data)}")

    def loss(theta):
        W = theta[: nf * nl].reshape(nf, nl)
        b = theta[nf * nl:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        ll = -np.sum(Y * np.log(P + 1e-12))
        reg = 0.5 / c * np.sum(W * W)
        G = P - Y
        gW = X.T @ G + W / c
        gb = G.sum(axis=0)
        return ll + reg, np.concatenate([np.asarray(gW).ravel(), gb])

    theta0 = np.zeros(nf * nl + nl)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    W = res.x[: nf * nl].reshape(nf, nl)
    b = res.x[nf * nl:]
    print(f"fit: loss {res.fun:.1f}, {res.nit} iterations")
    names = sorted(vocab, key=vocab.get)
    weights = {}
    dense_w = W[len(vocab):] * dense_scale
    W = W[: len(vocab)]
    for f, row in zip(names, W, strict=True):
        r = [round(float(v), 3) for v in row]
        if any(abs(v) >= 0.005 for v in r):
            weights[f] = r
    m = {"labels": labels, "bias": [round(float(v), 4) for v in b], "weights": weights,
         "threshold": threshold, "margin": margin, "drop": drop, "pool": pool, "use_label": use_label,
         "trained_on": "KIND WN/FIC/ADG train gold spans", "c": c, "min_count": min_count}
    if nd:
        m["dense"] = [[round(float(v), 4) for v in col] for col in dense_w.T]
        m["dense_scale"] = dense_scale
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        json.dump(m, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{out}: {len(weights)} features, {out.stat().st_size / 1e6:.2f} MB")


def prf(pairs):
    """Micro and per-label F over (predicted, gold) span pairs, as evaluate.py counts them."""
    from evaluate import span_prf

    res = span_prf(pairs)
    out = {label: scores["f"] for label, scores in res.items()}
    out["PER_P"], out["PER_R"] = res["PER"]["p"], res["PER"]["r"]
    return out


def evaluate(thresholds: list[float], splits: list[str], margins: list[float], drops: list[float]) -> None:
    from tui.nlp.ner import relabel as rl

    rl.model.cache_clear()
    cols = ("micro", "PER_P", "PER_R", "PER", "LOC", "ORG")
    print(f"{'split':8} {'thr':>5} {'marg':>5} {'drop':>5} " + " ".join(f"{c:>6}" for c in cols) + "  changed")
    for split in splits:
        docs, rows = load(split)
        base = prf([(r["post"], r["gold"]) for r in rows])
        print(f"{split:8} {'-':>5} {'-':>5} {'-':>5} " + " ".join(f"{base[k]:6.4f}" for k in cols))
        for th, mg, dr in [(t, g, x) for t in thresholds for g in margins for x in drops]:
            pairs, changed = [], 0
            for d, r in zip(docs, rows, strict=True):
                new = rl.relabel(d.text, r["post"], [(d, 0)], threshold=th, margin=mg, drop=dr, pool=POOL)
                changed += len(set(r["post"]) - set(new))
                pairs.append((new, r["gold"]))
            res = prf(pairs)
            print(f"{split:8} {th:5.2f} {mg:5.2f} {dr:5.2f} " + " ".join(f"{res[k]:6.4f}" for k in cols)
                  + f"  {changed}")


def stack_data(split: str):
    """Stacker inputs and gold labels for the post-processed spans of ``split`` that match a
    gold span exactly (the relabeller's probabilities from the current model file)."""
    from tui.nlp.ner import relabel as rl

    docs, rows = load(split)
    X, y = [], []
    for d, r in zip(docs, rows, strict=True):
        probs: list = []
        rl.relabel(d.text, r["post"], [(d, 0)], stack_on=False, probs=probs)
        gold = {(s, e): lab for s, e, lab in r["gold"]}
        for s, e, label, p in probs:
            if (s, e) in gold:
                X.append(rl.stack_inputs(p, label, LABELS))
                y.append(LABELS.index(gold[(s, e)]))
    return X, y


def fit_stack(X, y, c: float):
    import numpy as np
    from scipy.optimize import minimize

    X, y = np.array(X), np.array(y)
    Y = np.eye(len(LABELS))[y]
    nf, nl = X.shape[1], len(LABELS)

    def loss(theta):
        W = theta[: nf * nl].reshape(nf, nl)
        b = theta[nf * nl:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = P - Y
        return (-np.sum(Y * np.log(P + 1e-12)) + 0.5 / c * np.sum(W * W),
                np.concatenate([(X.T @ G + W / c).ravel(), G.sum(axis=0)]))

    res = minimize(loss, np.zeros(nf * nl + nl), jac=True, method="L-BFGS-B")
    W = res.x[: nf * nl].reshape(nf, nl)
    return {"W": [[round(float(v), 4) for v in row] for row in W],
            "b": [round(float(v), 4) for v in res.x[nf * nl:]]}


def stack(train: list[str], c: float, write: bool) -> None:
    """Fit the stacker (the relabeller's probabilities + the NER's label -> label) on the
    ``train`` dev splits; print the figures with it; with ``write``, store it in the model file."""
    from tui.nlp.ner import relabel as rl

    X, y = [], []
    for split in train:
        a, b = stack_data(split)
        X += a
        y += b
    st = fit_stack(X, y, c)
    print(f"stacker on {'+'.join(train)}: {len(y)} spans")
    m = rl.model()
    m["stack"] = st
    for split in ("WN_dev", "FIC_dev", "ADG_dev"):
        docs, rows = load(split)
        base = prf([(r["post"], r["gold"]) for r in rows])
        res = prf([(rl.relabel(d.text, r["post"], [(d, 0)]), r["gold"]) for d, r in zip(docs, rows, strict=True)])
        tag = " (fitted here)" if split in train else ""
        print(f"{split:8} " + " ".join(f"{base[k]:6.4f}" for k in ("micro", "PER", "LOC", "ORG")) + "  ->  "
              + " ".join(f"{res[k]:6.4f}" for k in ("micro", "PER", "LOC", "ORG")) + tag)
    if write:
        with gzip.open(rl.MODEL_FILE, "wt", encoding="utf-8") as fh:
            json.dump(m, fh, ensure_ascii=False, separators=(",", ":"))
    else:
        del m["stack"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cmd", choices=["prepare", "fit", "eval", "stack"])
    ap.add_argument("--stack-on", default="FIC_dev,ADG_dev")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--pool", type=float, default=None,
                    help="eval: weight of the name's pooled mentions (0: each mention alone, 1: pooled)")
    ap.add_argument("--model", type=Path, default=ROOT / "tui" / "models" / "it_personae")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--splits", default=",".join(SPLITS))
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--use-label", action="store_true")
    ap.add_argument("--source", choices=["gold", "post"], default="gold")
    ap.add_argument("--threshold", type=float, default=0.9)
    ap.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.9,0.95")
    ap.add_argument("--margins", default="0")
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--negatives", action="store_true", help="a fourth class: no name")
    ap.add_argument("--drop", type=float, default=1.01)
    ap.add_argument("--drops", default="1.01")
    ap.add_argument("--dense-scale", type=float, default=1.0,
                    help="fit: scale of the encoder's vectors against the 0/1 features (0: leave them out)")
    ap.add_argument("--extra", default="", help="more prepared splits to train on (moro_train: silver)")
    ap.add_argument("--out", type=Path, default=ROOT / "tui" / "nlp" / "ner" / "data" / "relabel_it.json.gz")
    ap.add_argument("--vectors", type=Path, help="the encoder's table to read (default: the shipped one)")
    ap.add_argument("--relabel-model", type=Path, help="eval: the model file to read (default: the shipped one)")
    a = ap.parse_args()
    from tui.nlp.ner import relabel as rl

    if a.vectors:
        rl.VECTORS_FILE = a.vectors
    if a.relabel_model:
        rl.MODEL_FILE = a.relabel_model
    splits = a.splits.split(",")
    global POOL
    POOL = a.pool
    if a.cmd == "prepare":
        prepare(a.model, a.data, splits)
    elif a.cmd == "fit":
        fit(a.use_label, a.c, a.min_count, a.out, a.threshold, a.margin, a.source, a.negatives, a.drop,
            [x for x in a.extra.split(",") if x], a.pool or 0.0, a.dense_scale)
    elif a.cmd == "stack":
        stack(a.stack_on.split(","), a.c, a.write)
    else:
        evaluate([float(x) for x in a.thresholds.split(",")], [s for s in splits if s.endswith("_dev")],
                 [float(x) for x in a.margins.split(",")], [float(x) for x in a.drops.split(",")])


if __name__ == "__main__":
    main()
