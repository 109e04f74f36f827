"""Evaluate the role extractor (tui/nlp/roles/) on KIND sentences (Wikinews, fiction, letters).

Usage: python benchmarks/eval_roles.py [--data ../shared/data] [--model NAME] [--quiet]
                                      [--test-errors]

The gold set is evaluation/roles/gold.tsv: references only (file, sentence
number, person, role phrases); the sentences are read from the KIND files in
the data folder and rebuilt as text the way Italian is written (no space after
an elision, none before closing punctuation). Each sentence is analysed on its
own with the pipeline (default: the shipped one) and ``tui.nlp.analyze.analyse``.

A predicted role is attached to a gold person when its mention overlaps the
person's gold PER span. Scores:

- strict: the role's text equals a gold phrase for that person, ignoring case,
  spacing and a leading article;
- lenient: the role's text and a gold phrase share a content word.

Precision is over every predicted role in the sentences (a role on a mention
that is not a gold person counts as wrong), recall over the gold phrases.
Figures are printed for the two parts of the gold set (its ``split`` column):
dev, where the rules are tuned, and test, which is only reported; then the
share of found roles that have an English gloss, and the errors of the dev part
(the test part's only with ``--test-errors``: looking at them to choose a rule
would make the test figures meaningless).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

import convert  # noqa: E402  (the same spacing rules as the training data)

GOLD = ROOT / "evaluation" / "roles" / "gold.tsv"
ARTICLES = ("il ", "lo ", "la ", "l'", "l’", "i ", "gli ", "le ", "un ", "una ", "uno ", "un'")
FUNCTION = {"di", "del", "della", "dello", "dei", "degli", "delle", "dell'", "d'", "e", "ed", "a",
            "al", "alla", "ai", "agli", "all'", "per", "in", "il", "lo", "la", "l'", "i", "gli",
            "le", "un", "una", "uno", ",", "-"}


def spaces_for(words: list[str]) -> list[bool]:
    """The spacing the training data was built with (training/convert.py), none at the end."""
    spaces = convert.spaces_for(words)
    return spaces[:-1] + [False] if spaces else spaces


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of a KIND file (token<TAB>BIO), numbered from 0, empty ones skipped."""
    sents, cur = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cols = line.split("\t")
            cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def rebuild(sent: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence text and its gold PER spans (start, end, text)."""
    words = [w for w, _ in sent]
    text, starts = "", []
    for w, sp in zip(words, spaces_for(words), strict=True):
        starts.append(len(text))
        text += w + (" " if sp else "")
    spans, cur = [], None
    for i, (w, tag) in enumerate(sent):
        if tag == "B-PER" or (tag == "I-PER" and cur is None):
            cur = [starts[i], starts[i] + len(w)]
            spans.append(cur)
        elif tag == "I-PER" and cur is not None:
            cur[1] = starts[i] + len(w)
        else:
            cur = None
    return text, [(a, b, text[a:b]) for a, b in spans]


def norm_phrase(s: str) -> str:
    s = " ".join(s.lower().replace("’", "'").split())
    for a in ARTICLES:
        if s.startswith(a):
            s = s[len(a):].lstrip()
            break
    return s


def content_words(s: str) -> set[str]:
    return {w for w in re.findall(r"[\w']+", norm_phrase(s)) if w not in FUNCTION}


def read_gold(path: Path):
    rows = []
    with path.open(encoding="utf-8") as fh:
        header = None
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            d = dict(zip(header, cols + [""] * (len(header) - len(cols)), strict=True))
            d["sentence"] = int(d["sentence"])
            d["roles"] = [r.strip() for r in d["roles"].split("|") if r.strip()]
            rows.append(d)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"),
                    help="the shared data folder (default: ../shared/data from the repo root)")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--quiet", action="store_true", help="figures only, no error list")
    ap.add_argument("--test-errors", action="store_true",
                    help="also list the test part's errors (for the report, never for tuning)")
    args = ap.parse_args(argv)

    kind = Path(args.data) / "kind"
    if not kind.is_dir():
        print(f"no KIND data in {kind}", file=sys.stderr)
        return 2
    from tui.nlp.analyze import analyse
    from tui.nlp.pipeline import load

    nlp = load(args.model)
    gold = read_gold(Path(args.gold))
    files: dict[str, list] = {}
    by_sent: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in gold:
        by_sent[(row["file"], row["sentence"])].append(row)

    # counts[split][mode] = [tp_pred, n_pred, tp_gold, n_gold]
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"strict": [0, 0, 0, 0],
                                                                    "lenient": [0, 0, 0, 0]})
    errors: list[str] = []
    glossed = [0, 0]
    found_glossed = defaultdict(lambda: [0, 0])  # split -> [found roles with a gloss, found roles]
    seen_by_ner = defaultdict(lambda: [0, 0])  # split -> [gold found strictly, gold] for NER-found people
    n_people = defaultdict(int)
    for (fname, idx), rows in sorted(by_sent.items()):
        if fname not in files:
            files[fname] = read_sentences(kind / fname)
        text, spans = rebuild(files[fname][idx])
        ann = analyse(text, nlp)
        mentions = {m.id: m for m in ann.mentions}
        preds = [r for e in ann.entities for r in e.roles]
        # gold people -> their span (same name twice: in order)
        used: set[int] = set()
        people = []
        for row in rows:
            j = next((k for k, s in enumerate(spans) if s[2] == row["person"] and k not in used), None)
            if j is None:
                print(f"warning: {fname}:{idx} no gold PER span {row['person']!r}", file=sys.stderr)
                continue
            used.add(j)
            people.append((spans[j], row))
        split = rows[0].get("split") or "dev"
        show = split == "dev" or args.test_errors
        for r in preds:
            found_glossed[split][0] += bool(r.gloss)
            found_glossed[split][1] += 1
        n_people[split] += len(people)
        assigned: dict[int, list] = defaultdict(list)
        for r in preds:
            m = mentions[r.mention]
            owner = next((k for k, ((a, b, _t), _row) in enumerate(people)
                          if m.start < b and m.end > a), None)
            assigned[owner if owner is not None else -1].append(r)
        for r in assigned.get(-1, []):
            for mode in ("strict", "lenient"):
                counts[split][mode][1] += 1
            if show:
                errors.append(f"FP  {split} {fname}:{idx} [{mentions[r.mention].text}] {r.text!r} "
                              f"(not on a gold person)")
        for k, ((ga, gb, _t), row) in enumerate(people):
            mine = assigned.get(k, [])
            golds = row["roles"]
            if any(m.label == "PER" and m.start < gb and m.end > ga for m in ann.mentions):
                seen_by_ner[split][1] += len(golds)
                seen_by_ner[split][0] += sum(
                    1 for g in golds if any(norm_phrase(r.text) == norm_phrase(g) for r in mine))
            for mode in ("strict", "lenient"):
                c = counts[split][mode]
                c[1] += len(mine)
                c[3] += len(golds)
                if mode == "strict":
                    ok = lambda p, g: norm_phrase(p) == norm_phrase(g)  # noqa: E731
                else:
                    ok = lambda p, g: bool(content_words(p) & content_words(g))  # noqa: E731
                c[0] += sum(1 for r in mine if any(ok(r.text, g) for g in golds))
                c[2] += sum(1 for g in golds if any(ok(r.text, g) for r in mine))
            for r in mine:
                if any(norm_phrase(r.text) == norm_phrase(g) for g in golds):
                    glossed[1] += 1
                    glossed[0] += bool(r.gloss)
                    continue
                part = any(content_words(r.text) & content_words(g) for g in golds)
                if show:
                    errors.append(f"{'PART' if part else 'FP  '} {split} {fname}:{idx} "
                                  f"[{row['person']}] {r.text!r} gold={golds}")
            for g in golds:
                if not any(norm_phrase(r.text) == norm_phrase(g) for r in mine) and \
                        not any(content_words(r.text) & content_words(g) for r in mine) and show:
                    errors.append(f"FN  {split} {fname}:{idx} [{row['person']}] {g!r}")

    def fig(c):
        p = c[0] / c[1] if c[1] else 1.0
        r = c[2] / c[3] if c[3] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, c

    print(f"role extraction on {sum(n_people.values())} people "
          f"({n_people['dev']} dev, {n_people['test']} test) from {args.gold}")
    total = {"strict": [0, 0, 0, 0], "lenient": [0, 0, 0, 0]}
    for split in ("dev", "test"):
        for mode in ("strict", "lenient"):
            p, r, f, c = fig(counts[split][mode])
            for i in range(4):
                total[mode][i] += c[i]
            print(f"  {split:<5} {mode:<7} P {p:.3f}  R {r:.3f}  F {f:.3f}  "
                  f"(pred {c[1]}, gold {c[3]})")
    for mode in ("strict", "lenient"):
        p, r, f, c = fig(total[mode])
        print(f"  all   {mode:<7} P {p:.3f}  R {r:.3f}  F {f:.3f}  (pred {c[1]}, gold {c[3]})")
    for split in ("dev", "test"):
        f, g = seen_by_ner[split]
        if g:
            print(f"  {split:<5} strict recall on people the NER tagged PER: {f / g:.3f} ({f}/{g})")
    for split in ("dev", "test"):
        f, g = found_glossed[split]
        if g:
            print(f"  {split:<5} found roles with an English gloss: {f / g:.3f} ({f}/{g})")
    if glossed[1]:
        print(f"  glossed: {glossed[0]}/{glossed[1]} correct roles have an English gloss")
    if not args.quiet and errors:
        print("\nerrors (PART = partial overlap, counted right only by the lenient score):")
        for e in errors:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
