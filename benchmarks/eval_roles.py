"""Evaluate the role extractor (tui/nlp/roles/) on every part of the role annotations.

Usage: python benchmarks/eval_roles.py [--data ../shared/data] [--model NAME] [--quiet]
                                      [--parts PART,...] [--errors PART,...] [--fresh] [--rules]

The parts (``--parts``, default all there are):

- ``gold dev`` and ``gold test``: evaluation/roles/gold.tsv, 569 people of KIND
  sentences; dev is where the rules were tuned and the classifier is trained, test is
  only reported;
- ``gold4 train`` and ``gold4 test``: evaluation/roles/gold4.tsv, read by
  evaluation/roles/load.py (KIND, WikiNEuRal and UD sentences); train is trained and
  tuned on, test is only reported.

The annotation files keep references only (file, sentence number, person, role
phrases); the sentences are read from the data folder and rebuilt as text the way
Italian is written (no space after an elision, none before closing punctuation). Each
sentence is analysed on its own with the pipeline (default: the shipped one) and
``tui.nlp.analyze``; what the analysis gives before the roles is kept in
``training/runs/roles/`` (``--fresh`` redoes it), so that a run after a change of the
role code takes seconds. The roles are then attached by ``tui.nlp.roles.attach_roles``
exactly as the reader does.

A predicted role belongs to a gold person when its mention overlaps the person's gold
PER span. Scores (precision over every predicted role in the sentences, a role on a
mention that is not a gold person counting as wrong; recall over the gold phrases):

- strict: the role's text equals a gold phrase, ignoring case, spacing and a leading
  article;
- half: the two phrases share at least half of the content words of each (articles and
  "di"-forms aside, accents and case ignored): how the outside checks score;
- lenient: they share a content word.

The errors are listed for the tuned parts only (``--errors`` names others: looking at
a reported part's errors to choose a rule would make its figures meaningless).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
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


def read_sentences(path: Path, token_col: int = 0) -> list[list[tuple[str, str]]]:
    """Sentences of a tagged file as lists of (word, tag), numbered from 0, empty ones
    skipped: KIND's token<TAB>BIO (``token_col`` 0), WikiNEuRal's index<TAB>token<TAB>BIO (1)."""
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
            cur.append((cols[token_col], cols[-1]))
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


#: The parts of the annotations, in the order they are printed; the tuned ones first.
PARTS = ("gold dev", "gold test", "gold4 train", "gold4 test")
TUNED = ("gold dev", "gold4 train")
MODES = ("strict", "half", "lenient")
CACHE = ROOT / "training" / "runs" / "roles"


@dataclass
class GoldPerson:
    start: int
    end: int
    name: str
    roles: list[str]


@dataclass
class Item:
    """One annotated sentence: its part, a reference for messages, its text and people."""

    part: str
    ref: str
    text: str
    people: list[GoldPerson] = field(default_factory=list)


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


def gold_items(data: Path, path: Path = GOLD) -> list[Item]:
    """The sentences of gold.tsv as items of the parts "gold dev" and "gold test"."""
    kind = data / "kind"
    files: dict[str, list] = {}
    by_sent: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for row in read_gold(path):
        by_sent[(row["file"], row["sentence"])].append(row)
    out = []
    for (fname, idx), rows in sorted(by_sent.items()):
        if fname not in files:
            files[fname] = read_sentences(kind / fname)
        text, spans = rebuild(files[fname][idx])
        item = Item("gold " + (rows[0].get("split") or "dev"), f"{fname}:{idx}", text)
        used: set[int] = set()
        for row in rows:
            j = next((k for k, s in enumerate(spans) if s[2] == row["person"] and k not in used), None)
            if j is None:
                print(f"warning: {fname}:{idx} no gold PER span {row['person']!r}", file=sys.stderr)
                continue
            used.add(j)
            a, b, name = spans[j]
            item.people.append(GoldPerson(a, b, name, row["roles"]))
        out.append(item)
    return out


def gold4_items(data: Path) -> list[Item]:
    """The sentences of gold4.tsv (parts "gold4 train" and "gold4 test"), read by
    evaluation/roles/load.py; [] while there is no such file."""
    if not (ROOT / "evaluation" / "roles" / "gold4.tsv").exists():
        return []
    sys.path.insert(0, str(ROOT / "evaluation" / "roles"))
    import load

    by_sent: dict[tuple, Item] = {}
    for ref, text, person, roles in load.iter_gold(data=data):
        key = (ref.source, ref.file, ref.sentence)
        item = by_sent.get(key)
        if item is None:
            item = by_sent[key] = Item("gold4 " + ref.split, f"{ref.source}:{ref.file}:{ref.sentence}", text)
        if ref.start < 0:
            print(f"warning: {item.ref} no person {person!r}", file=sys.stderr)
            continue
        item.people.append(GoldPerson(ref.start, ref.end, person, list(roles)))
    return list(by_sent.values())


def all_items(data: Path, parts=PARTS, sample: int = 0) -> list[Item]:
    """The items of ``parts``; with ``sample``, only the first that many sentences of each
    (a fixed sample, for the test suite)."""
    items = [it for it in gold_items(data) + gold4_items(data) if it.part in parts]
    if sample:
        seen: dict[str, int] = defaultdict(int)
        kept = []
        for it in items:
            seen[it.part] += 1
            if seen[it.part] <= sample:
                kept.append(it)
        items = kept
    return items


# -- the analysis before the roles, kept between runs ------------------------------------


def analysed(items: list[Item], model: str | None = None, fresh: bool = False) -> list[tuple]:
    """For each item, what the analysis gives before the roles: (Annotations as a dict,
    [(Doc bytes, offset), ...]); cached by pipeline and text under training/runs/roles/."""
    import pickle

    from tui.nlp import analyze
    from tui.nlp.pipeline import load, model_id

    nlp = load(model)
    name, version = model_id(nlp)[:2]
    key = hashlib.sha1(f"{name}:{version}".encode()).hexdigest()[:12]
    path = CACHE / f"pre-roles-{key}.pkl"
    cache: dict = {}
    if path.exists() and not fresh:
        with path.open("rb") as fh:
            cache = pickle.load(fh)
    todo = sorted({it.text for it in items if it.text not in cache})
    if todo:
        seen: dict[int, list] = defaultdict(list)
        real = analyze.roles.attach_roles

        def record(doc, off, ann):
            seen[id(ann)].append((doc.to_bytes(exclude=["tensor", "user_data"]), off))

        analyze.roles.attach_roles = record
        try:
            for text, ann in zip(todo, analyze.analyse_batch(((t, None) for t in todo), nlp), strict=True):
                cache[text] = (ann.to_dict(), seen.pop(id(ann), []))
        finally:
            analyze.roles.attach_roles = real
        CACHE.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump(cache, fh)
    return [cache[it.text] for it in items]


def with_roles(pre: tuple, vocab=None):
    """The Annotations of one analysed item with its roles attached, as the reader does;
    also the Docs (for the training's candidates)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from tui.document import Annotations
    from tui.nlp.roles import attach_roles

    ann_dict, docs = pre
    ann = Annotations.from_dict(ann_dict)
    vocab = vocab or Vocab()
    parsed = [(Doc(vocab).from_bytes(b), off) for b, off in docs]
    for doc, off in parsed:
        attach_roles(doc, off, ann)
    return ann, parsed


# -- scoring ----------------------------------------------------------------------------


def norm_phrase(s: str) -> str:
    s = " ".join(strip_accents(s).lower().replace("’", "'").split())
    for a in ARTICLES:
        if s.startswith(a):
            s = s[len(a):].lstrip()
            break
    return s


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def content_words(s: str) -> set[str]:
    return {w for w in re.findall(r"[\w']+", norm_phrase(s)) if w not in FUNCTION}


def match(mode: str, pred: str, gold: str) -> bool:
    if mode == "strict":
        return norm_phrase(pred) == norm_phrase(gold)
    p, g = content_words(pred), content_words(gold)
    shared = len(p & g)
    if mode == "half":
        return shared > 0 and 2 * shared >= len(p) and 2 * shared >= len(g)
    return shared > 0


@dataclass
class Counts:
    """Per mode: [predicted right, predicted, gold found, gold]."""

    modes: dict = field(default_factory=lambda: {m: [0, 0, 0, 0] for m in MODES})
    people: int = 0
    ner_found: list = field(default_factory=lambda: [0, 0])  # strict: found, gold of NER-found people
    glossed: list = field(default_factory=lambda: [0, 0])  # found roles with a gloss, found roles

    def figures(self, mode: str) -> tuple[float, float, float]:
        tp, n, found, gold = self.modes[mode]
        p = tp / n if n else 1.0
        r = found / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(item: Item, ann, counts: Counts, errors: list[str] | None) -> None:
    """Add one analysed item's roles to ``counts`` (and its errors to ``errors``)."""
    mentions = {m.id: m for m in ann.mentions}
    preds = [r for e in ann.entities for r in e.roles]
    counts.people += len(item.people)
    for r in preds:
        counts.glossed[0] += bool(r.gloss)
        counts.glossed[1] += 1
    assigned: dict[int, list] = defaultdict(list)
    for r in preds:
        m = mentions[r.mention]
        owner = next((k for k, p in enumerate(item.people) if m.start < p.end and m.end > p.start), -1)
        assigned[owner].append(r)
    for r in assigned.get(-1, []):
        for mode in MODES:
            counts.modes[mode][1] += 1
        if errors is not None:
            errors.append(f"FP   {item.part} {item.ref} [{mentions[r.mention].text}] {r.text!r} "
                          f"(not on a gold person)")
    for k, person in enumerate(item.people):
        mine = assigned.get(k, [])
        golds = person.roles
        if any(m.label == "PER" and m.start < person.end and m.end > person.start for m in ann.mentions):
            counts.ner_found[1] += len(golds)
            counts.ner_found[0] += sum(1 for g in golds if any(match("strict", r.text, g) for r in mine))
        for mode in MODES:
            c = counts.modes[mode]
            c[0] += sum(1 for r in mine if any(match(mode, r.text, g) for g in golds))
            c[1] += len(mine)
            c[2] += sum(1 for g in golds if any(match(mode, r.text, g) for r in mine))
            c[3] += len(golds)
        if errors is None:
            continue
        for r in mine:
            if any(match("strict", r.text, g) for g in golds):
                continue
            kind = "HALF" if any(match("half", r.text, g) for g in golds) else (
                "PART" if any(match("lenient", r.text, g) for g in golds) else "FP  ")
            errors.append(f"{kind} {item.part} {item.ref} [{person.name}] {r.text!r} gold={golds}")
        for g in golds:
            if not any(match("lenient", r.text, g) for r in mine):
                errors.append(f"FN   {item.part} {item.ref} [{person.name}] {g!r}")


def evaluate(items: list[Item], pres: list[tuple], show: set[str]) -> tuple[dict, list[str]]:
    """Counts by part, and the errors of the parts in ``show``."""
    from spacy.vocab import Vocab

    vocab = Vocab()
    by_part: dict[str, Counts] = defaultdict(Counts)
    errors: list[str] = []
    for item, pre in zip(items, pres, strict=True):
        ann, _docs = with_roles(pre, vocab)
        score(item, ann, by_part[item.part], errors if item.part in show else None)
    return by_part, errors


def report(by_part: dict) -> list[str]:
    lines = []
    for part in PARTS:
        c = by_part.get(part)
        if c is None:
            continue
        for mode in MODES:
            p, r, f = c.figures(mode)
            tp, n, found, gold = c.modes[mode]
            lines.append(f"  {part:<11} {mode:<7} P {p:.3f}  R {r:.3f}  F {f:.3f}  "
                         f"(pred {n}, gold {gold}, people {c.people})")
    for part in PARTS:
        c = by_part.get(part)
        if c is not None and c.ner_found[1]:
            f, g = c.ner_found
            lines.append(f"  {part:<11} strict recall on people the NER tagged PER: {f / g:.3f} ({f}/{g})")
    for part in PARTS:
        c = by_part.get(part)
        if c is not None and c.glossed[1]:
            f, g = c.glossed
            lines.append(f"  {part:<11} found roles with an English gloss: {f / g:.3f} ({f}/{g})")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"),
                    help="the shared data folder (default: ../shared/data from the repo root)")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: the shipped one)")
    ap.add_argument("--parts", default=",".join(PARTS), help="comma-separated parts to evaluate")
    ap.add_argument("--errors", default=",".join(TUNED),
                    help="the parts whose errors are listed (default: the tuned ones)")
    ap.add_argument("--quiet", action="store_true", help="figures only, no error list")
    ap.add_argument("--sample", type=int, default=0, metavar="N",
                    help="only the first N sentences of each part (a fixed sample, for tests)")
    ap.add_argument("--fresh", action="store_true", help="analyse again, not from training/runs/roles")
    ap.add_argument("--rules", action="store_true",
                    help="the hand-written constructions alone, without the classifier (the previous design)")
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not (data / "kind").is_dir():
        print(f"no KIND data in {data / 'kind'}", file=sys.stderr)
        return 2
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    items = all_items(data, parts, args.sample)
    pres = analysed(items, args.model, args.fresh)
    if args.rules:
        from tui.nlp.roles import model as role_model

        with role_model.use(None):
            by_part, errors = evaluate(items, pres, {p.strip() for p in args.errors.split(",")})
    else:
        by_part, errors = evaluate(items, pres, {p.strip() for p in args.errors.split(",")})
    print(f"role extraction on {sum(c.people for c in by_part.values())} people "
          f"({', '.join(f'{p}: {c.people}' for p, c in by_part.items())})")
    for line in report(by_part):
        print(line)
    if not args.quiet and errors:
        print("\nerrors (HALF: counted right by the half score; PART: by the lenient one only):")
        for e in errors:
            print("  " + e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
