"""Read the fourth-round roles set (evaluation/roles/gold4.tsv) with its sentences.

Usage: python evaluation/roles/load.py [--data ../shared/data] [--gold PATH]

gold4.tsv keeps references only; :func:`iter_gold` rebuilds every referenced
sentence from the shared data folder, the way benchmarks/eval_roles.py does
(training/convert.py's spacing: no space after an elision, none before closing
punctuation), and yields ``(ref, text, person, roles)``. Run as a script, it
checks that every person and every role phrase is found verbatim in its rebuilt
sentence, prints the failing rows and the counts per split, source and stratum,
and exits with 1 when a row fails.

Sources (the ``source`` column):

- ``kind``: KIND TSV files (``token<TAB>BIO``), ``sentence`` is the 0-based index
  of the sentence in the file (blank-line separated, empty ones skipped), as in
  gold.tsv;
- ``wikineural``: WikiNEuRal Italian (``idx<TAB>token<TAB>BIO``, silver tags),
  same numbering;
- ``ud``: UD Italian CoNLL-U files, ``sentence`` is the ``sent_id``; the text is
  rebuilt from the surface tokens (a multi-word token such as "della" is one word),
  with the same spacing rules, so that every source reads alike.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

import eval_roles  # noqa: E402  (the rebuilding of the sentences, shared with the benchmark)

GOLD4 = Path(__file__).resolve().parent / "gold4.tsv"
DATA = ROOT.parent / "shared" / "data"
SUBDIR = {"kind": "kind", "wikineural": "wikineural-it", "ud": "ud-italian"}


class Ref(NamedTuple):
    """Where a row comes from; ``start`` and ``end`` are the offsets of the person's name
    in the rebuilt text (-1 when it is not found)."""

    source: str
    file: str
    sentence: str
    stratum: str
    split: str
    start: int
    end: int


def read_tagged(path: Path, token_col: int) -> list[list[tuple[str, str]]]:
    """Sentences of a BIO file as lists of (word, tag), numbered from 0, empty ones skipped."""
    return eval_roles.read_sentences(path, token_col)


class UDSentence(NamedTuple):
    sent_id: str
    words: list[str]  # surface tokens (a multi-word token is one)
    upos: list[str]  # the first part's UPOS for a multi-word token


def read_ud(path: Path) -> dict[str, UDSentence]:
    """The sentences of a CoNLL-U file by sent_id, in file order."""
    out: dict[str, UDSentence] = {}
    sid, words, upos, skip_to = None, [], [], 0
    with path.open(encoding="utf-8") as fh:
        for line in list(fh) + ["\n"]:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sid = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if sid is not None and words:
                    out[sid] = UDSentence(sid, words, upos)
                sid, words, upos, skip_to = None, [], [], 0
            else:
                cols = line.split("\t")
                if "." in cols[0]:
                    continue
                if "-" in cols[0]:
                    a, b = (int(x) for x in cols[0].split("-"))
                    words.append(cols[1])
                    upos.append("")  # filled by the first part below
                    skip_to = b
                    first_of_mwt = a
                    continue
                n = int(cols[0])
                if skip_to and n <= skip_to:
                    if n == first_of_mwt:
                        upos[-1] = cols[3]
                    continue
                words.append(cols[1])
                upos.append(cols[3])
    return out


@cache
def _kind(path: Path):
    return eval_roles.read_sentences(path)


@cache
def _wikineural(path: Path):
    return read_tagged(path, 1)


@cache
def _ud(path: Path):
    return read_ud(path)


def sentences(source: str, fname: str, data: Path = DATA):
    """Every sentence of a file: a list of (word, tag) lists (kind, wikineural) or a dict
    sent_id -> UDSentence (ud)."""
    path = Path(data) / SUBDIR[source] / fname
    return {"kind": _kind, "wikineural": _wikineural, "ud": _ud}[source](path)


def rebuild_words(words: list[str]) -> str:
    spaces = eval_roles.spaces_for(words)
    return "".join(w + (" " if sp else "") for w, sp in zip(words, spaces, strict=True))


def rebuild(source: str, fname: str, sentence: str | int, data: Path = DATA):
    """The sentence text and its tagged PER spans [(start, end, text)] (none for ud)."""
    sents = sentences(source, fname, data)
    if source == "ud":
        return rebuild_words(sents[str(sentence)].words), []
    return eval_roles.rebuild(sents[int(sentence)])


def read_gold(path: Path = GOLD4) -> list[dict]:
    """The rows of gold4.tsv as dicts; ``roles`` is a list of phrases."""
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            d = dict(zip(header, cols + [""] * (len(header) - len(cols)), strict=True))
            d["roles"] = [r.strip() for r in d["roles"].split("|") if r.strip()]
            rows.append(d)
    return rows


def iter_gold(path: Path = GOLD4, data: Path = DATA):
    """Yield (ref, text, person, roles) for every row of gold4.tsv, in file order.

    The rows of a sentence are in text order, so each person is the first whole-word
    appearance of the name after the previous row's person (a name given twice is two
    rows; "Tornatore" after "Gianfranco Tornatore" is the later mention)."""
    prev_key, after = None, 0
    for row in read_gold(path):
        key = (row["source"], row["file"], row["sentence"])
        if key != prev_key:
            prev_key, after = key, 0
        text, _spans = rebuild(row["source"], row["file"], row["sentence"], data)
        start = find_name(text, row["person"], after)
        end = start + len(row["person"]) if start >= 0 else -1
        if start >= 0:
            after = end
        ref = Ref(row["source"], row["file"], row["sentence"], row["stratum"], row["split"],
                  start, end)
        yield ref, text, row["person"], row["roles"]


def find_name(text: str, person: str, after: int = 0) -> int:
    """Offset of the first appearance of the name, as whole words, at or after ``after``
    (-1: none)."""
    left = r"(?<!\w)" if person[:1].isalnum() else ""
    right = r"(?!\w)" if person[-1:].isalnum() else ""
    m = re.compile(left + re.escape(person) + right).search(text, after) if person else None
    return m.start() if m else -1


def check(path: Path = GOLD4, data: Path = DATA) -> list[str]:
    """Rows whose person or role phrases are not verbatim in the rebuilt sentence."""
    bad = []
    for ref, text, person, roles in iter_gold(path, data):
        where = f"{ref.source}:{ref.file}:{ref.sentence}"
        if ref.start < 0:
            bad.append(f"{where}: person {person!r} not in {text!r} (after the previous row's)")
        for r in roles:
            if r not in text:
                bad.append(f"{where}: role {r!r} of {person!r} not in {text!r}")
    return bad


def counts(path: Path = GOLD4) -> str:
    rows = read_gold(path)
    lines = []
    people = Counter((r["split"], r["source"]) for r in rows)
    phrases = Counter()
    with_role = Counter()
    sents = defaultdict(set)
    for r in rows:
        phrases[(r["split"], r["source"])] += len(r["roles"])
        with_role[(r["split"], r["source"])] += bool(r["roles"])
        sents[(r["split"], r["source"])].add((r["file"], r["sentence"]))
    lines.append("split  source      sentences  people  with a role  role phrases")
    for split in ("train", "test"):
        tot = [0, 0, 0, 0]
        for source in ("kind", "wikineural", "ud"):
            k = (split, source)
            vals = [len(sents[k]), people[k], with_role[k], phrases[k]]
            tot = [a + b for a, b in zip(tot, vals, strict=True)]
            lines.append(f"{split:<6} {source:<11} {vals[0]:>9} {vals[1]:>7} {vals[2]:>12} {vals[3]:>13}")
        lines.append(f"{split:<6} {'all':<11} {tot[0]:>9} {tot[1]:>7} {tot[2]:>12} {tot[3]:>13}")
    strata = Counter((r["split"], r["stratum"]) for r in rows)
    lines.append("people per stratum: " + ", ".join(
        f"{s}/{st} {strata[(s, st)]}" for s in ("train", "test") for st in "ABC"))
    files = Counter(r["file"] for r in rows)
    lines.append("people per file: " + ", ".join(f"{f} {n}" for f, n in sorted(files.items())))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--gold", default=str(GOLD4))
    args = ap.parse_args(argv)
    bad = check(Path(args.gold), Path(args.data))
    for b in bad:
        print(b)
    print(counts(Path(args.gold)))
    print(f"{len(bad)} failing rows")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
