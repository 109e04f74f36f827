"""Train the role classifier (tui/nlp/roles/model.py) from the role annotations.

    pip install -e '.[train]'
    python training/roles_train.py [--data ../shared/data] [--model NAME] [--fresh] [--no-write]

Reads every part of the annotations that ``benchmarks/eval_roles.py`` knows
(evaluation/roles/gold.tsv: dev and test; evaluation/roles/gold4.tsv: train and test),
analyses their sentences with the pipeline (kept in ``training/runs/roles/``), and for
each person mention the analysis finds gathers its candidate roles and their features
(``tui/nlp/roles/candidates.py``). A candidate is a positive example when it shares at
least half of the content words of each with a gold role of the person
(``eval_roles.match(\"half\", ...)``).

Only the tuned parts are learned from: gold.tsv dev and gold4 train. The regularisation
C and the threshold are chosen by a 5-fold cross-validation over their sentences (the
folds' roles attached and scored exactly as the evaluation does): the threshold with the
highest recall whose precision is at least ``--min-precision``. The final logistic
regression is fitted on all the tuned sentences and written, with the threshold, to
``tui/nlp/data/roles_model_it.json.gz`` (weights rounded, zero weights left out). Then
every part is evaluated with it, and the figures are written into training/README.md
between the ``roles-train`` markers. The reported parts (gold test, gold4 test) are
only run, never used to choose anything.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_roles  # noqa: E402

from tui.nlp.roles import model as role_model  # noqa: E402

README = HERE / "README.md"
MARK_START = "<!-- roles-train: start -->"
MARK_END = "<!-- roles-train: end -->"
#: (for the candidates a construction proposes, for the others)
THRESHOLDS = [(f, o) for f in (0.2, 0.4, 0.5, 0.6, 0.7, 0.8) for o in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)]
CS = (0.3, 1.0)
FOLDS = 5
#: Weights smaller than this are left out of the shipped file.
MIN_WEIGHT = 1e-3


class Prepared:
    """One analysed sentence: its item, fresh annotations, and per chunk the candidates
    with their features."""

    def __init__(self, item, pre, vocab):
        from spacy.tokens import Doc

        from tui.document import Annotations
        from tui.nlp.lexicon import load_lexicon
        from tui.nlp.roles import candidates as cands
        from tui.nlp.roles.attach import people_of
        from tui.nlp.roles.constructions import Context
        from tui.nlp.roles.matcher import Chunk
        from tui.nlp.roles.phrases import role_phrases

        self.item = item
        ann_dict, docs = pre
        self.ann = Annotations.from_dict(ann_dict)
        self.chunks = []  # (chunk, [(candidate, features, label)])
        for b, off in docs:
            doc = Doc(vocab).from_bytes(b)
            if not len(doc):
                continue
            chunk = Chunk(doc, off, self.ann, load_lexicon())
            people = people_of(chunk)
            if not people:
                continue
            ctx = Context(chunk, role_phrases(chunk), {p.start: p for p in people})
            tree = cands.Tree(chunk)
            lists = cands.Lists(chunk, people)
            found = cands.gather(ctx, people, tree, lists)
            heads = cands.fired_by_head(found)
            rows = []
            for c in found:
                feats = cands.features(ctx, c, tree, people, lists, heads)
                rows.append((c, feats, self.label(chunk, c)))
            self.chunks.append((chunk, rows))

    def label(self, chunk, c) -> int:
        s, e = chunk.span(c.phrase.start, c.phrase.end)
        text = self.ann.text[s:e]
        m = c.person.mention
        for person in self.item.people:
            if m.start < person.end and m.end > person.start:
                return int(any(eval_roles.match("half", text, g) for g in person.roles))
        return 0

    def attach(self, probs, threshold: tuple[float, float]):
        """The annotations with the roles of ``probs`` (one list per chunk) kept at ``threshold``."""
        from tui.nlp.roles.attach import decide, record
        from tui.nlp.roles.constructions import Candidate

        for ent in self.ann.entities:
            ent.roles = []
        for (chunk, rows), ps in zip(self.chunks, probs, strict=True):
            kept = decide([(p, c) for p, (c, _f, _y) in zip(ps, rows, strict=True)], threshold)
            record(chunk, [Candidate(c.phrase, c.person.mention.id) for c in kept])
        return self.ann


def prepare(items, pres) -> list[Prepared]:
    from spacy.vocab import Vocab

    vocab = Vocab()
    return [Prepared(it, pre, vocab) for it, pre in zip(items, pres, strict=True)]


def fit(rows, c: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f, _y in rows])
    y = [y for _f, y in rows]
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
               if abs(w) >= MIN_WEIGHT}
    return {"bias": round(float(clf.intercept_[0]), 4), "weights": weights}


def probs_of(prepared: Prepared, model: dict):
    return [[role_model.probability(model, f) for _c, f, _y in rows] for _chunk, rows in prepared.chunks]


def rows_of(prepared: list[Prepared]):
    return [(f, y) for p in prepared for _chunk, rows in p.chunks for _c, f, y in rows]


def evaluate(prepared: list[Prepared], probs: list, threshold: tuple[float, float],
             errors: list | None = None) -> dict:
    by_part: dict = defaultdict(eval_roles.Counts)
    for p, ps in zip(prepared, probs, strict=True):
        eval_roles.score(p.item, p.attach(ps, threshold), by_part[p.item.part], errors)
    return by_part


def pooled(by_part: dict, mode: str) -> tuple[float, float]:
    c = eval_roles.Counts()
    for part in by_part.values():
        for i in range(4):
            c.modes[mode][i] += part.modes[mode][i]
    return c.figures(mode)[:2]


def candidate_recall(prepared: list[Prepared]) -> tuple[int, int]:
    """Gold roles of people the NER found that some candidate matches (half), and all of them."""
    found = total = 0
    for p in prepared:
        positives = defaultdict(set)
        for chunk, rows in p.chunks:
            for c, _f, _y in rows:
                s, e = chunk.span(c.phrase.start, c.phrase.end)
                positives[c.person.mention.id].add(p.ann.text[s:e])
        for person in p.item.people:
            mids = [m.id for m in p.ann.mentions
                    if m.label == "PER" and m.start < person.end and m.end > person.start]
            if not mids:
                continue
            texts = set().union(*(positives[m] for m in mids))
            total += len(person.roles)
            found += sum(1 for g in person.roles if any(eval_roles.match("half", t, g) for t in texts))
    return found, total


def cross_validate(tuned: list[Prepared], min_precision: float, cs=CS, quiet: bool = False):
    """C and the threshold by a cross-validation over the tuned sentences: the pair with
    the highest recall (half score) among those whose precision is at least
    ``min_precision`` (else the most precise)."""
    folds = [tuned[k::FOLDS] for k in range(FOLDS)]
    best = None
    results = {}
    oofs = {}
    for c in cs:
        oof = [None] * FOLDS
        for k in range(FOLDS):
            train = [p for j, fold in enumerate(folds) if j != k for p in fold]
            m = fit(rows_of(train), c)
            oof[k] = [probs_of(p, m) for p in folds[k]]
        flat = [p for fold in folds for p in fold]
        flat_probs = [ps for k in range(FOLDS) for ps in oof[k]]
        oofs[c] = (flat, flat_probs)
        for t in THRESHOLDS:
            by_part = evaluate(flat, flat_probs, t)
            p_half, r_half = pooled(by_part, "half")
            p_strict, r_strict = pooled(by_part, "strict")
            results[(c, t)] = (p_half, r_half, p_strict, r_strict)
            ok = p_half >= min_precision
            rank = (ok, r_half if ok else p_half, p_strict)
            if best is None or rank > best[0]:
                best = (rank, c, t)
        if not quiet:
            for f in sorted({t[0] for t in THRESHOLDS}):
                print(f"C={c} fired>={f}: " + "  ".join(
                    f"{t[1]:.2f} P{results[(c, t)][0]:.3f}/R{results[(c, t)][1]:.3f}"
                    for t in THRESHOLDS if t[0] == f))
    return best, results, oofs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    ap.add_argument("--fresh", action="store_true", help="analyse the sentences again")
    ap.add_argument("--min-precision", type=float, default=0.92,
                    help="the threshold's precision (half score) on the cross-validated tuned parts")
    ap.add_argument("--no-write", action="store_true", help="do not write the model nor the README")
    ap.add_argument("--errors", action="store_true",
                    help="list the cross-validated errors of the tuned parts at the chosen threshold")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    items = eval_roles.all_items(Path(args.data))
    pres = eval_roles.analysed(items, args.model, args.fresh)
    prepared = prepare(items, pres)
    tuned = [p for p in prepared if p.item.part in eval_roles.TUNED]
    reported = [p for p in prepared if p.item.part not in eval_roles.TUNED]
    rows = rows_of(tuned)
    print(f"{len(tuned)} tuned sentences, {sum(len(p.item.people) for p in tuned)} people, "
          f"{len(rows)} candidates ({sum(y for _f, y in rows)} positive)")
    for name, part in (("tuned", tuned), ("reported", reported)):
        f, t = candidate_recall(part)
        if t:
            print(f"candidate recall (half) on NER-found people, {name}: {f / t:.3f} ({f}/{t})")

    best, results, oofs = cross_validate(tuned, args.min_precision)
    _rank, c, t = best
    p_half, r_half, p_strict, r_strict = results[(c, t)]
    print(f"chosen C={c} thresholds={t}: cross-validated half P {p_half:.3f} R {r_half:.3f}, "
          f"strict P {p_strict:.3f} R {r_strict:.3f}")

    if args.errors:
        errs: list[str] = []
        evaluate(*oofs[c], t, errs)
        print("\n".join(errs))
    final = fit(rows, c)
    final["threshold_fired"], final["threshold"] = t
    final["C"] = c
    final["trained_on"] = sorted({p.item.part for p in tuned})
    final["version"] = 1
    lines = [f"cross-validated on the tuned parts ({FOLDS} folds by sentence): C = {c}, thresholds "
             f"{t[0]} (proposed by a construction) and {t[1]} (not): "
             f"half P {p_half:.3f} R {r_half:.3f}, strict P {p_strict:.3f} R {r_strict:.3f}"]
    with role_model.use(final):
        by_part = evaluate(prepared, [probs_of(p, final) for p in prepared], t)
    lines += eval_roles.report(by_part)
    for line in lines:
        print(line)
    if args.no_write:
        return 0
    with gzip.open(role_model.MODEL_FILE, "wt", encoding="utf-8") as fh:
        json.dump(final, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    print(f"wrote {role_model.MODEL_FILE} ({role_model.MODEL_FILE.stat().st_size} bytes, "
          f"{len(final['weights'])} weights) in {time.perf_counter() - t0:.0f} s")
    write_readme(len(tuned), sum(len(p.item.people) for p in tuned), len(rows), lines)
    return 0


def write_readme(n_sents: int, n_people: int, n_rows: int, lines: list[str]) -> None:
    block = [MARK_START, "```text",
             f"python training/roles_train.py: {n_sents} tuned sentences, {n_people} people, "
             f"{n_rows} candidates", *[ln.strip() for ln in lines], "```", MARK_END]
    text = README.read_text(encoding="utf-8")
    if MARK_START in text and MARK_END in text:
        a = text.index(MARK_START)
        b = text.index(MARK_END) + len(MARK_END)
        text = text[:a] + "\n".join(block) + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
