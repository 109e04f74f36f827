"""Quotation detection and speaker attribution against the gold set of evaluation/quotes.

Usage: python benchmarks/eval_quotes.py [--data ../shared/data] [--model NAME]
                                        [--errors tuned|reported] [--speed]

The gold set (evaluation/quotes/README.md) is split once, by a hash of each item's id,
into a *tuned* part (looked at while writing the rules) and a *reported* part (never
looked at for tuning). For each part it prints:

- detection precision and recall: a predicted quotation is found when it shares at least
  half of the words (accents and case ignored) of a gold one, as QUOTES.md scores; pieces
  of one quotation are separate items on both sides;
- attribution: of the gold quotations found, the share whose predicted speaker is right
  (the gold name equals the speaker entity's name or one of its variants; a null gold
  speaker is right only with no speaker).

``--speed`` also times quotation extraction against the whole analysis of the same texts.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "evaluation" / "quotes"))
from gold import load_gold  # noqa: E402

WORD = None


def words(s: str) -> list[str]:
    import re

    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.findall(r"\w+", s)


def same_quote(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    from collections import Counter

    common = sum((Counter(wa) & Counter(wb)).values())
    return common * 2 >= max(len(wa), len(wb))


def name_key(s: str) -> str:
    return " ".join(words(s))


def score(items, results):
    """(tp_pred, n_pred, found_gold, n_gold, right, errors) over ``items``."""
    n_pred = n_gold = tp_pred = found = right = 0
    errors = []
    for item, ann in zip(items, results, strict=True):
        preds = ann.quotes
        n_pred += len(preds)
        n_gold += len(item.quotes)
        used = set()
        for p in preds:
            if any(same_quote(p.text, g.text) for g in item.quotes):
                tp_pred += 1
            else:
                errors.append((item.id, "FP", p.text[:90], ""))
        for g in item.quotes:
            match = next((p for k, p in enumerate(preds) if k not in used and
                          same_quote(p.text, g.text)), None)
            if match is None:
                errors.append((item.id, "FN", g.text[:90], g.speaker or "-"))
                continue
            used.add(preds.index(match))
            found += 1
            if _right(ann, match.speaker, g.speaker):
                right += 1
            else:
                who = ann.entity(match.speaker).name if match.speaker else "-"
                errors.append((item.id, "SPK", g.text[:60], f"gold {g.speaker or '-'} / got {who}"))
    return tp_pred, n_pred, found, n_gold, right, errors


def _right(ann, speaker: str | None, gold: str | None) -> bool:
    if gold is None:
        return speaker is None
    if speaker is None:
        return False
    e = ann.entity(speaker)
    return name_key(gold) in {name_key(v) for v in [e.name, *e.variants]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--model", default=None)
    ap.add_argument("--errors", choices=("tuned", "reported"), default=None)
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()

    from tui.nlp import analyze, quotes
    from tui.nlp.pipeline import _load, resolve

    nlp = _load(str(resolve(args.model)))
    gold = load_gold(Path(args.data))
    spent = [0.0]
    original = quotes.attach_quotes

    def timed(docs, ann):
        t0 = time.perf_counter()
        original(docs, ann)
        spent[0] += time.perf_counter() - t0

    analyze.attach_quotes = timed
    t0 = time.perf_counter()
    results = [analyze.analyse(item.text, nlp) for item in gold]
    total = time.perf_counter() - t0
    analyze.attach_quotes = original

    for part in ("tuned", "reported"):
        idx = [k for k, item in enumerate(gold) if item.part == part]
        items = [gold[k] for k in idx]
        res = [results[k] for k in idx]
        tp, n_pred, found, n_gold, right, errors = score(items, res)
        p = tp / n_pred if n_pred else 0.0
        r = found / n_gold if n_gold else 0.0
        a = right / found if found else 0.0
        kinds = {}
        for item in items:
            for g in item.quotes:
                kinds[g.kind] = kinds.get(g.kind, 0) + 1
        named = sum(1 for item in items for g in item.quotes if g.speaker)
        print(f"{part:9s} items {len(items):4d}  gold quotes {n_gold:4d} "
              f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}; named speaker {named}, "
              f"null {n_gold - named})  predicted {n_pred:4d}")
        print(f"{'':9s} detection P {p:.3f}  R {r:.3f}   attribution {a:.3f} ({right}/{found})")
        for source, keep in (("own texts", lambda i: i.id.startswith("own-")),
                             ("KIND passages", lambda i: not i.id.startswith("own-"))):
            sub = [k for k, item in enumerate(items) if keep(item)]
            stp, snp, sfound, sng, sright, _ = score([items[k] for k in sub], [res[k] for k in sub])
            print(f"{'':9s}   {source}: P {stp / snp if snp else 0:.3f}  "
                  f"R {sfound / sng if sng else 0:.3f}  attribution "
                  f"{sright / sfound if sfound else 0:.3f} ({sng} gold)")
        if args.errors == part:
            for e in errors:
                print("   ", *e, sep=" | ")
    if args.speed:
        print(f"speed: quotation extraction {spent[0]:.2f} s of {total:.2f} s analysis "
              f"({100 * spent[0] / total:.1f}%) over {len(gold)} texts, "
              f"{sum(len(i.text) for i in gold):,} characters")


if __name__ == "__main__":
    main()
