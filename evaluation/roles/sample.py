"""Draw the sentences of a round of the roles gold set (evaluation/roles/gold.tsv).

Usage: python evaluation/roles/sample.py [--data ../shared/data] [--round 2|3]

Round two drew from WN_train, FIC_train and ADG_train in the three strata below; round
three drew more WN_train and ADG_train sentences of strata B and C, where roles are
denser, so that the test part has more roles to recall.

Prints, for KIND WN_train, FIC_train and ADG_train, randomly drawn sentences that have
a PER name and are not in the gold set yet, one stratum at a time (the criteria never
look at the role lexicon):

- A: any sentence with a B-PER tag;
- B: a PER name directly preceded by a lower-case word or directly followed by a comma;
- C: two PER names joined by "e" or a comma, or a name followed by è/era/fu/stato
  (lists and predicates, the classes a random draw sees least).

Each line: file, sentence number, stratum, the sentence with its PER names in [brackets].
The roles are then written by hand; the draw only picks the sentences. The split
column (dev/test) is decided once, by :func:`split_of`, from the file and sentence
number.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

import eval_roles  # noqa: E402

MAX_TOKENS = 70
PLANS = {  # round -> (seed, file -> sentences per stratum (A, B, C))
    2: (11, {"WN_train.tsv": (30, 30, 30), "ADG_train.tsv": (10, 12, 8), "FIC_train.tsv": (8, 10, 6)}),
    3: (13, {"WN_train.tsv": (0, 45, 30), "ADG_train.tsv": (0, 6, 4)}),
}
COPULAS = {"è", "era", "fu", "stato", "stata"}
#: Share of the second round that goes to the test part.
TEST_SHARE = 0.6


def split_of(fname: str, sentence: int) -> str:
    """dev or test, fixed by a hash of the reference (round two only; round one is dev)."""
    digest = hashlib.sha256(f"{fname}:{sentence}".encode()).digest()
    return "test" if digest[0] < 256 * TEST_SHARE else "dev"


def stratum(sent) -> set[str]:
    tags = [t for _, t in sent]
    low = [w.lower() for w, _ in sent]
    out = set()
    if "B-PER" in tags:
        out.add("A")
    for i, t in enumerate(tags):
        if t != "B-PER":
            continue
        end = i + 1
        while end < len(tags) and tags[end] == "I-PER":
            end += 1
        if (i > 0 and low[i - 1].isalpha() and low[i - 1] == sent[i - 1][0] and tags[i - 1] == "O") \
                or (end < len(tags) and low[end] == ","):
            out.add("B")
        if end + 1 < len(tags) and low[end] in ("e", ",") and tags[end + 1] == "B-PER":
            out.add("C")
        if end < len(tags) and low[end] in COPULAS:
            out.add("C")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--round", type=int, default=2, choices=sorted(PLANS))
    args = ap.parse_args(argv)
    kind = Path(args.data) / "kind"
    seed, plan = PLANS[args.round]
    # the sentences of the earlier rounds (round one is every WN_dev row and the first
    # WN_train rows; rows of a later round are left out of an earlier round's draw)
    used = {(r["file"], r["sentence"]) for r in eval_roles.read_gold(eval_roles.GOLD)
            if int(r.get("round") or 1) < args.round}
    rng = random.Random(seed)
    for fname, quota in plan.items():
        sents = eval_roles.read_sentences(kind / fname)
        taken: set[int] = set()
        for name, want in zip("ABC", quota, strict=True):
            pool = [i for i, s in enumerate(sents) if (fname, i) not in used and i not in taken
                    and len(s) <= MAX_TOKENS and name in stratum(s)]
            for i in sorted(rng.sample(pool, min(want, len(pool)))):
                taken.add(i)
                words = []
                for w, t in sents[i]:
                    words.append(("[" if t == "B-PER" else "") + w)
                text = " ".join(words)
                # close the brackets: a name ends where the next tag is not I-PER
                out, tags = [], [t for _, t in sents[i]]
                for k, w in enumerate(text.split(" ")):
                    closes = tags[k] in ("B-PER", "I-PER") and (k + 1 == len(tags) or tags[k + 1] != "I-PER")
                    out.append(w + ("]" if closes else ""))
                print(f"{fname}\t{i}\t{name}\t{split_of(fname, i)}\t{' '.join(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
