"""Mine candidate reporting (speech) verbs: the verbs that introduce reported speech.

Usage: python training/mine_quote_cues.py [--data ../shared/data] [--out cues_candidates.tsv]
                                          [--min-count 2]

Reads, from the shared data folder:

- the UD Italian treebanks (``ud-italian/*.conllu``, gold parses): the lemma of a verb
  with a clausal complement (``ccomp``) introduced by "che" or by "di" + infinitive
  ("ha detto che", "ha affermato di"), and of a verb followed by a colon and a quotation
  mark ("ha dichiarato: «");
- KIND (``kind/*_train.tsv``, ``kind/*_dev.tsv``), which carries no parse: the word
  right after a closing quotation mark and an optional comma or dash, and the word
  before a colon followed by an opening mark ("» ha detto", "», spiega", "dichiarato: «").

Writes one line per candidate: the word or lemma, how many times it was seen, in how
many sources, and up to three contexts. The list is reviewed by hand into
``QUOTE_CUE_LEMMAS`` of ``tui/nlp/lang_it.py`` (a speech verb or not): opinion verbs
("pensare", "credere", "ritenere") and verbs of knowing ("sapere") are left out, since
QUOTES.md counts what is said or written, not what is thought.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

OPEN = {"«", "“", '"'}
CLOSE = {"»", "”", '"'}


def read_conllu(path: Path):
    sent = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                sent.append(cols)
    if sent:
        yield sent


def mine_ud(data: Path, counts: Counter, sources: dict, contexts: dict) -> None:
    for path in sorted((data / "ud-italian").glob("*.conllu")):
        for sent in read_conllu(path):
            by_id = {int(c[0]): c for c in sent}
            children = defaultdict(list)
            for c in sent:
                children[int(c[6])].append(c)
            for c in sent:
                if c[7] != "ccomp":
                    continue
                head = by_id.get(int(c[6]))
                if head is None or head[3] != "VERB":
                    continue
                marks = {k[2].lower() for k in children[int(c[0])] if k[7] == "mark"}
                if marks & {"che", "di"}:
                    _add(counts, sources, contexts, head[2].lower(), path.name,
                         " ".join(x[1] for x in sent))
            words = [c[1] for c in sent]
            for i in range(1, len(sent) - 1):
                if words[i] == ":" and words[i + 1] in OPEN and sent[i - 1][3] == "VERB":
                    _add(counts, sources, contexts, sent[i - 1][2].lower(), path.name, " ".join(words))


def read_kind(path: Path):
    sent = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent = []
        else:
            sent.append(line.split("\t")[0])
    if sent:
        yield sent


def mine_kind(data: Path, counts: Counter, sources: dict, contexts: dict) -> None:
    for path in sorted((data / "kind").glob("*.tsv")):
        for words in read_kind(path):
            for i, w in enumerate(words):
                if w in CLOSE and i + 1 < len(words):
                    j = i + 1
                    if words[j] in {",", "-", "–", "—"} and j + 1 < len(words):
                        j += 1
                    if words[j].lower() in {"ha", "aveva", "avrebbe", "hanno"} and j + 1 < len(words):
                        j += 1
                    cand = words[j].lower()
                    if cand.isalpha():
                        _add(counts, sources, contexts, cand, path.name, " ".join(words[max(0, i - 6):j + 4]))
                if w == ":" and i + 1 < len(words) and words[i + 1] in OPEN and i > 0:
                    cand = words[i - 1].lower()
                    if cand.isalpha():
                        _add(counts, sources, contexts, cand, path.name, " ".join(words[max(0, i - 6):i + 6]))


def _add(counts, sources, contexts, key, source, context) -> None:
    counts[key] += 1
    sources[key].add(source)
    if len(contexts[key]) < 3:
        contexts[key].append(context)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data", type=Path)
    ap.add_argument("--out", default="cues_candidates.tsv", type=Path)
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args()
    counts: Counter = Counter()
    sources: dict = defaultdict(set)
    contexts: dict = defaultdict(list)
    mine_ud(args.data, counts, sources, contexts)
    mine_kind(args.data, counts, sources, contexts)
    with args.out.open("w", encoding="utf-8") as out:
        for key, n in counts.most_common():
            if n >= args.min_count:
                out.write(f"{key}\t{n}\t{len(sources[key])}\t{' | '.join(contexts[key])}\n")
    print(f"{sum(1 for n in counts.values() if n >= args.min_count)} candidates -> {args.out}")


if __name__ == "__main__":
    main()
