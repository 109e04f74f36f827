"""Mine candidate role nouns: the nouns that head appositions and predicates of people.

Usage: python training/mine_roles.py [--data ../shared/data] [--out roles_candidates.tsv]
                                     [--min-count 2]

Reads, from the shared data folder:

- the UD Italian treebanks (``ud-italian/*.conllu``, gold parses): a common noun that
  is an apposition of a proper noun, has a proper noun as its apposition, nominal
  modifier or flat name ("il ministro Alfano"), or is a predicate (a ``cop`` child)
  whose subject is a proper noun;
- KIND (``kind/*_train.tsv``, ``kind/*_dev.tsv``, ``kind-moro``) and WikiNEuRal
  (``wikineural-it/*.conllu``), which carry names (B-PER/I-PER) but no parse: the
  lower-case word right before a PER name after an article or a preposition ("il
  ministro X"), the word after "X, (article)" and after "X è/era/fu (stato) (article)".

Writes one line per candidate word: the word, how many times it was seen, in how many
of the sources, and up to three contexts. The output is a list to review by hand into
``tui/nlp/data/roles_it.tsv`` (role or not, lemma, English gloss): the lexicon is never
built from it automatically.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {"il", "lo", "la", "l'", "i", "gli", "le", "un", "uno", "una", "un'"}
PREPOSITIONS = {"del", "dello", "della", "dell'", "dei", "degli", "delle", "al", "allo", "alla",
                "all'", "ai", "agli", "alle", "dal", "dalla", "dall'", "dai", "dagli", "dalle",
                "col", "con", "per", "tra", "fra", "di", "a", "da", "su", "sul", "sulla"}
COPULAS = {"è", "era", "fu", "sarà", "diventa", "diventò", "resta", "rimane"}
PARTICIPLES = {"stato", "stata", "diventato", "diventata", "nominato", "nominata", "eletto",
               "eletta", "rieletto", "rieletta", "confermato", "confermata"}
WORD = re.compile(r"^[a-zàèéìòóù][a-zàèéìòóù'-]+$")


class Miner:
    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.examples: dict[str, list[str]] = defaultdict(list)

    def add(self, word: str, source: str, context: str) -> None:
        word = word.lower().replace("’", "'")
        if not WORD.match(word) or word in ARTICLES or word in PREPOSITIONS:
            return
        self.count[word] += 1
        self.sources[word].add(source)
        if len(self.examples[word]) < 3:
            self.examples[word].append(context)


def conllu_sentences(path: Path):
    sent: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():
                    sent.append(cols)
    if sent:
        yield sent


def mine_ud(miner: Miner, path: Path) -> None:
    """Common nouns next to proper nouns in a gold dependency tree."""
    for sent in conllu_sentences(path):
        by_id = {int(c[0]): c for c in sent}
        children = defaultdict(list)
        for c in sent:
            children[int(c[6])].append(c)
        text = " ".join(c[1] for c in sent)[:160]
        for c in sent:
            if c[3] != "NOUN":
                continue
            head = by_id.get(int(c[6]))
            rel = c[7].split(":")[0]
            kids = children[int(c[0])]
            if rel == "appos" and head is not None and head[3] == "PROPN":
                miner.add(c[2], "ud", text)
            elif any(k[3] == "PROPN" and k[7].split(":")[0] in ("appos", "nmod", "flat")
                     and int(k[0]) == int(c[0]) + 1 for k in kids):
                miner.add(c[2], "ud", text)
            elif any(k[7] == "cop" for k in kids) and any(
                    k[7].startswith("nsubj") and k[3] == "PROPN" for k in kids):
                miner.add(c[2], "ud", text)


def bio_sentences(path: Path, word_col: int):
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            cols = line.split("\t")
            if len(cols) > word_col:
                sent.append((cols[word_col], cols[-1]))
    if sent:
        yield sent


def mine_bio(miner: Miner, path: Path, source: str, word_col: int) -> None:
    """Words next to PER names in a sentence tagged with names only."""
    for sent in bio_sentences(path, word_col):
        words = [w for w, _ in sent]
        low = [w.lower().replace("’", "'") for w in words]
        tags = [t for _, t in sent]
        n = len(sent)
        for i, tag in enumerate(tags):
            if tag != "B-PER":
                continue
            end = i + 1
            while end < n and tags[end] == "I-PER":
                end += 1
            ctx = " ".join(words[max(0, i - 6):end + 8])
            # prefix: "il ministro X", "del presidente X"
            if i >= 2 and tags[i - 1] == "O" and (low[i - 2] in ARTICLES or low[i - 2] in PREPOSITIONS):
                miner.add(low[i - 1], source, ctx)
            # apposition: "X, (il) ministro"
            k = end
            if k + 1 < n and low[k] == ",":
                k += 1
                if low[k] in ARTICLES and k + 1 < n:
                    k += 1
                if tags[k] == "O":
                    miner.add(low[k], source, ctx)
            # predicate: "X è (stato) (il) ministro"
            k = end
            if k + 1 < n and low[k] in COPULAS:
                k += 1
                if k < n and low[k] in PARTICIPLES:
                    k += 1
                if k < n and low[k] in ARTICLES:
                    k += 1
                if k < n and tags[k] == "O":
                    miner.add(low[k], source, ctx)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default="roles_candidates.tsv")
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    data = Path(args.data)
    miner = Miner()
    for path in sorted((data / "ud-italian").glob("*.conllu")):
        mine_ud(miner, path)
    for path in sorted((data / "kind").glob("*.tsv")) + sorted((data / "kind-moro").glob("*.tsv")):
        mine_bio(miner, path, "kind", 0)
    for path in sorted((data / "wikineural-it").glob("*.conllu")):
        mine_bio(miner, path, "wikineural", 1)
    rows = [(w, c) for w, c in miner.count.items() if c >= args.min_count]
    rows.sort(key=lambda x: (-x[1], x[0]))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("word\tcount\tsources\texamples\n")
        for w, c in rows:
            fh.write(f"{w}\t{c}\t{','.join(sorted(miner.sources[w]))}\t{' || '.join(miner.examples[w])}\n")
    print(f"{len(rows)} candidates (seen at least {args.min_count} times) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
