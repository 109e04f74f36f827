"""Draw the sentences of the fourth round of the roles set (evaluation/roles/gold4.tsv).

Usage: python evaluation/roles/sample4.py [--data ../shared/data] [--start N] [--count M]

Draws, with a fixed seed (SEED), sentences from five sources, in three strata whose
criteria look only at the NER tags (or, for UD, the part of speech), the capitals and
the punctuation -- never at the role lexicon nor at what the extractor finds:

- A: a sentence with a person name (KIND and WikiNEuRal: a B-PER tag; UD: a run of two or
  more capitalised PROPN words);
- B: such a name directly preceded by a lower-case word or directly followed by a comma
  (appositions and titles before a name);
- C: two names joined by "e" or a comma, or a name directly followed by è/era/fu/stato/stata
  (lists and predicates).

A sentence is drawn in one stratum only (A, then B, then C, each from what is left), at
most MAX_TOKENS words, never one already in gold.tsv. Sentences per source and stratum
(PLAN; about 20% A, 45% B, 35% C, so that B and C, where roles are denser, are
oversampled against a plain random draw, in which most sentences are A only):

    KIND WN_train + WN_dev        A 60  B 180  C 160   (400)
    KIND ADG_train + ADG_dev      A 15  B  40  C  35   ( 90)
    KIND FIC_train + FIC_dev      A 15  B  35  C  30   ( 80)
    WikiNEuRal val + test         A 60  B 140  C 100   (300)
    UD (all nine files)           A 40  B  80  C  60   (180)

i.e. about 54% KIND, 29% WikiNEuRal, 17% UD by sentences (UD has fewer C sentences than
planned: the pool runs out). The files of a source are pooled, so each file is drawn in
proportion to its size. Two more waves follow the first, each drawn from what the earlier
ones left: the second (PLAN2, seed SEED + 1) half of the first with the same proportions,
the third (PLAN3, seed SEED + 2) strata B and C only, where roles are densest. The
sentences of a wave are shuffled together (with its seed) and the waves follow each
other; annotation goes through the list in that order, so a prefix of it is still a
random draw by the plans. The split is fixed once per sentence by :func:`split_of`, a
hash of (file, sentence): TEST_SHARE of the sentences go to ``test`` (reported, only
run), the rest to ``train``.

Each printed line: order, source, file, sentence, stratum, split, and the sentence as
rebuilt by load.py, with its tagged PER names in [brackets] (UD: the capitalised PROPN
runs in {braces}, for the annotator, who decides the persons). The roles are written by
hand; the draw only picks the sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402

SEED = 2304
MAX_TOKENS = 70
TEST_SHARE = 0.35
COPULAS = {"è", "era", "fu", "stato", "stata"}
FILES = {
    "wn": ("kind", ["WN_train.tsv", "WN_dev.tsv"]),
    "adg": ("kind", ["ADG_train.tsv", "ADG_dev.tsv"]),
    "fic": ("kind", ["FIC_train.tsv", "FIC_dev.tsv"]),
    "wikineural": ("wikineural", ["val.conllu", "test.conllu"]),
    "ud": ("ud", ["it_isdt-ud-dev.conllu", "it_markit-ud-train.conllu", "it_markit-ud-dev.conllu",
                  "it_markit-ud-test.conllu", "it_partut-ud-train.conllu", "it_partut-ud-dev.conllu",
                  "it_partut-ud-test.conllu", "it_vit-ud-dev.conllu", "it_vit-ud-test.conllu"]),
}
PLAN = {"wn": (60, 180, 160), "adg": (15, 40, 35), "fic": (15, 35, 30),
        "wikineural": (60, 140, 100), "ud": (40, 80, 60)}
#: The second wave, drawn after the first from what it left, with the next seed; its
#: sentences follow the first wave's in the annotation order.
PLAN2 = {"wn": (30, 90, 80), "adg": (8, 20, 17), "fic": (8, 17, 15),
         "wikineural": (30, 70, 50), "ud": (20, 40, 30)}
#: The third wave (seed SEED + 2) draws strata B and C only, where roles are densest.
PLAN3 = {"wn": (0, 90, 80), "adg": (0, 15, 10), "fic": (0, 10, 5),
         "wikineural": (0, 60, 40), "ud": (0, 30, 0)}
WAVES = ((SEED, PLAN), (SEED + 1, PLAN2), (SEED + 2, PLAN3))


def split_of(fname: str, sentence: str | int) -> str:
    """train or test, fixed by a hash of the reference."""
    digest = hashlib.sha256(f"gold4:{fname}:{sentence}".encode()).digest()
    return "test" if int.from_bytes(digest[:4], "big") < TEST_SHARE * 2**32 else "train"


def strata_of_runs(words: list[str], runs: list[tuple[int, int]]) -> set[str]:
    """The strata of a sentence, given its name runs [start, end) over its words."""
    low = [w.lower() for w in words]
    out = {"A"} if runs else set()
    starts = {a for a, _ in runs}
    inside = {i for a, b in runs for i in range(a, b)}
    for a, b in runs:
        if (a > 0 and a - 1 not in inside and words[a - 1].isalpha() and words[a - 1] == low[a - 1]) \
                or (b < len(words) and words[b] == ","):
            out.add("B")
        if b + 1 < len(words) and low[b] in ("e", ",") and b + 1 in starts:
            out.add("C")
        if b < len(words) and low[b] in COPULAS:
            out.add("C")
    return out


def tagged_runs(sent: list[tuple[str, str]]) -> list[tuple[int, int]]:
    runs, cur = [], None
    for i, (_w, t) in enumerate(sent):
        if t == "B-PER" or (t == "I-PER" and cur is None):
            cur = [i, i + 1]
            runs.append(cur)
        elif t == "I-PER" and cur is not None:
            cur[1] = i + 1
        else:
            cur = None
    return [tuple(r) for r in runs]


def propn_runs(s: load.UDSentence) -> list[tuple[int, int]]:
    """Runs of two or more capitalised PROPN words."""
    runs, i = [], 0
    ok = [u == "PROPN" and w[:1].isupper() for w, u in zip(s.words, s.upos, strict=True)]
    while i < len(ok):
        j = i
        while j < len(ok) and ok[j]:
            j += 1
        if j - i >= 2:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def units(group: str, data: Path):
    """(file, sentence, words, runs) for every sentence of a source group."""
    source, files = FILES[group]
    for fname in files:
        sents = load.sentences(source, fname, data)
        if source == "ud":
            for sid, s in sents.items():
                yield fname, sid, s.words, propn_runs(s)
        else:
            for i, s in enumerate(sents):
                yield fname, i, [w for w, _ in s], tagged_runs(s)


def draw(data: Path = load.DATA) -> list[dict]:
    """The whole draw, in annotation order: each wave shuffled, the waves one after another."""
    used = {(r["file"], r["sentence"]) for r in load.eval_roles.read_gold(load.eval_roles.GOLD)}
    pools = {}
    for group in PLAN:
        pool = []
        for fname, sid, words, runs in units(group, data):
            if (fname, sid) in used or len(words) > MAX_TOKENS or not runs:
                continue
            pool.append((fname, sid, words, runs, strata_of_runs(words, runs)))
        pools[group] = pool
    out: list[dict] = []
    taken: set[tuple[str, str]] = set()
    for seed, plan in WAVES:
        rng = random.Random(seed)
        wave = []
        for group, quota in plan.items():
            source = FILES[group][0]
            for name, want in zip("ABC", quota, strict=True):
                cands = [p for p in pools[group] if (p[0], p[1]) not in taken and name in p[4]]
                for fname, sid, words, runs, _st in rng.sample(cands, min(want, len(cands))):
                    taken.add((fname, sid))
                    wave.append({"source": source, "file": fname, "sentence": str(sid),
                                 "stratum": name, "split": split_of(fname, sid), "words": words,
                                 "runs": runs})
        rng.shuffle(wave)
        out.extend(wave)
    for k, d in enumerate(out):
        d["order"] = k
    return out


def show(d: dict) -> str:
    words = list(d["words"])
    left, right = ("{", "}") if d["source"] == "ud" else ("[", "]")
    for a, b in d["runs"]:
        words[a] = left + words[a]
        words[b - 1] = words[b - 1] + right
    return load.rebuild_words(words)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(load.DATA))
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--count", type=int, default=None)
    args = ap.parse_args(argv)
    items = draw(Path(args.data))
    end = len(items) if args.count is None else args.start + args.count
    for d in items[args.start:end]:
        print(f"{d['order']}\t{d['source']}\t{d['file']}\t{d['sentence']}\t{d['stratum']}\t"
              f"{d['split']}\t{show(d)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
