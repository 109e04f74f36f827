"""Pairwise precision and recall of the mention merges in tui/nlp/entities/.

    python benchmarks/eval_variants.py [--cases evaluation/variants/cases.json] [-v]

Each case of the evaluation set gives a text and its mentions in order as
[surface, label, gold cluster]. The surfaces are located in the text, trimmed
with ``trim_mention`` and gathered with ``build_entities``; every pair of
mentions of a case is then a true merge (same gold, same entity), a false
merge (different gold, same entity) or a missed merge. The three ambiguity
policies of tui/nlp/entities/people.py are scored ("flag", "introduced",
"nearest"), and for the bare names that fit several people the script counts
how often each policy attaches them to the right person.

The set is split once into a tuned part (rules are chosen on it) and a reported
part (only scored): each case says which in its "part". Both parts are scored
and printed separately; the merges a rule gets wrong or misses are listed for
the tuned part only (``--part reported`` lists the reported part's, for the
report, not for choosing rules).
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.document import Mention  # noqa: E402
from tui.nlp.entities.build import cluster  # noqa: E402
from tui.nlp.entities.people import AMBIGUOUS_POLICY  # noqa: E402
from tui.nlp.ner.mentions import trim_mention  # noqa: E402


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cases"]


def mentions_of(case: dict) -> tuple[list[Mention], list[str]]:
    text = case["text"]
    out, gold, pos = [], [], 0
    for n, (surface, label, g) in enumerate(case["mentions"], 1):
        k = text.find(surface, pos)
        if k < 0:
            raise ValueError(f"{case['id']}: {surface!r} not found after offset {pos}")
        s, e = trim_mention(text, k, k + len(surface), label)
        out.append(Mention(f"m{n}", s, e, text[s:e], label))
        gold.append(g)
        pos = k + len(surface)
    return out, gold


def score(cases: list[dict], policy: str, verbose: bool) -> tuple[float, float, list[str]]:
    tp = fp = fn = 0
    problems: list[str] = []
    for case in cases:
        ms, gold = mentions_of(case)
        clusters = cluster(ms, policy=policy, text=case["text"])
        ent = {}
        amb = set()
        for n, (mem, is_amb) in enumerate(clusters):
            for m in mem:
                ent[m.id] = n
                if is_amb:
                    amb.add(m.id)
        for (a, ga), (b, gb) in combinations(zip(ms, gold, strict=True), 2):
            same_pred = ent[a.id] == ent[b.id]
            same_gold = ga == gb
            if same_pred and same_gold:
                tp += 1
            elif same_pred:
                fp += 1
                problems.append(f"  false merge  {case['id']}: {a.text!r} + {b.text!r}")
            elif same_gold:
                fn += 1
                why = " (flagged ambiguous)" if a.id in amb or b.id in amb else ""
                problems.append(f"  missed merge {case['id']}: {a.text!r} + {b.text!r}{why}")
        if verbose:
            print(f"{case['id']}:")
            for mem, is_amb in clusters:
                print("   ", [m.text for m in mem], "ambiguous" if is_amb else "")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, problems


def attach_stats(cases: list[dict], policy: str) -> tuple[int, int, int]:
    """For the mentions "flag" leaves ambiguous: how many ``policy`` attaches to the right
    person, to the wrong one, and leaves alone."""
    right = wrong = alone = 0
    for case in cases:
        ms, gold = mentions_of(case)
        gold_of = {m.id: g for m, g in zip(ms, gold, strict=True)}
        flagged = {m.id for mem, amb in cluster(ms, policy="flag", text=case["text"]) if amb for m in mem}
        for mem, amb in cluster(ms, policy=policy, text=case["text"]):
            ids = {m.id for m in mem}
            for m in mem:
                if m.id not in flagged:
                    continue
                if amb:
                    alone += 1
                elif gold_of[m.id] in {gold_of[x] for x in ids - flagged}:
                    right += 1
                else:
                    wrong += 1
    return right, wrong, alone


def report(cases: list[dict], title: str, list_problems: bool, verbose: bool) -> None:
    n_mentions = sum(len(c["mentions"]) for c in cases)
    print(f"{title}: {len(cases)} cases, {n_mentions} mentions")
    for policy in ("flag", "introduced", "nearest"):
        p, r, problems = score(cases, policy, verbose and policy == AMBIGUOUS_POLICY)
        plain = [c for c in cases if not c["id"].startswith("amb_")]
        p2, r2, _ = score(plain, policy, False)
        mark = "  <- used" if policy == AMBIGUOUS_POLICY else ""
        print(f"policy {policy:10s} pairwise precision {p:.3f}  recall {r:.3f}{mark}"
              f"   (without the {len(cases) - len(plain)} amb_ cases: {p2:.3f} / {r2:.3f})")
        if policy != "flag":
            right, wrong, alone = attach_stats(cases, policy)
            print(f"  of the bare names that fit two people: attached right {right}, "
                  f"wrong {wrong}, left alone {alone}")
        if list_problems and policy == AMBIGUOUS_POLICY:
            for line in problems:
                print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=ROOT / "evaluation/variants/cases.json")
    ap.add_argument("--part", choices=("tuned", "reported"), default="tuned",
                    help="the part whose wrong and missed merges are listed (default: tuned)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every case's entities (of the listed part)")
    args = ap.parse_args(argv)
    cases = load(args.cases)
    for part in ("tuned", "reported"):
        chosen = [c for c in cases if c.get("part", "tuned") == part]
        if chosen:
            report(chosen, f"{part} part", part == args.part, args.verbose and part == args.part)
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
