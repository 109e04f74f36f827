"""Span relabeller: PER, LOC or ORG for a span the NER found, from the sentence around it.

The NER sees a few tokens either side of a name; most of its remaining errors on
KIND are the right span with the wrong label: a country acting as a political or
sporting player (KIND tags it ORG) tagged as a place, a surname that is also a
town, a firm named after its founder. This pass looks at what the parse already
computed: the span's dependency relation and its head ("l'Italia ha deciso":
subject of "decidere"; "in Italia": oblique with "in"), the preposition and the
article before it, the words around it, its own words and shape, and whether it
is a country, region or city name (``data/relabel_places_it.tsv``).

A linear model over those features (``data/relabel_it.json.gz``, trained on the
KIND train splits by ``training/relabel_train.py``) scores the three labels; the
span takes the relabeller's label only when its probability reaches the model
file's threshold, and never when the span is not aligned to tokens. Spans are
never added, removed or moved.

    relabel(text, spans, docs) -> spans

``docs`` are the spaCy Docs the text was analysed in, each with the character
offset of its first character in ``text`` (``[(doc, offset), ...]``).
"""

from __future__ import annotations

import gzip
import json
import math
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
MODEL_FILE = DATA / "relabel_it.json.gz"
PLACES_FILE = DATA / "relabel_places_it.tsv"

Span = tuple[int, int, str]


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """lower-cased name -> kind (country, region, city, continent, language, demonym)."""
    out: dict[str, str] = {}
    if not PLACES_FILE.exists():
        return out
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, kind = line.partition("\t")
        out.setdefault(name.strip().lower(), kind.strip())
    return out


@lru_cache(maxsize=1)
def model() -> dict | None:
    if not MODEL_FILE.exists():
        return None
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "AA"
    if word[:1].isupper():
        return "Aa"
    if word[:1].islower():
        return "a"
    if word[:1].isdigit():
        return "d"
    return "p"


def features(doc, i: int, j: int, label: str | None = None, others: dict[int, str] | None = None) -> list[str]:
    """Feature strings of the span ``doc[i:j]``; ``label`` is the NER's label for it, if any;
    ``others`` maps the tokens of the other spans in the doc to their labels (names in a
    list or coordinated with this one, the name it depends on)."""
    span = doc[i:j]
    root = span.root
    head = root.head
    words = [t.text for t in span]
    lower = [w.lower() for w in words]
    text = " ".join(lower)
    gaz = places()
    f = [
        "bias",
        f"txt={text}",
        f"first={lower[0]}",
        f"last={lower[-1]}",
        f"suf3={lower[-1][-3:]}",
        f"suf2={lower[-1][-2:]}",
        f"nw={min(len(words), 4)}",
        "shape=" + "_".join(_shape(w) for w in words[:3]),
        f"dep={root.dep_}",
        f"hlem={head.lemma_.lower()}",
        f"dep_h={root.dep_}|{head.lemma_.lower()}",
        f"hpos={head.pos_}",
        f"dep_hpos={root.dep_}|{head.pos_}",
        f"hdep={head.dep_}",
    ]
    f += [f"w={w}" for w in lower]
    if label:
        f.append(f"m={label}")
    kind = gaz.get(text) or gaz.get(span.text.lower())
    if kind:
        f.append(f"gaz={kind}")
        f.append(f"gaz_dep={kind}|{root.dep_}")
    else:
        for w in lower:
            k = gaz.get(w)
            if k:
                f.append(f"gazw={k}")
    if any(ch.isdigit() for ch in span.text):
        f.append("digit")
    for ch in "-.'&":
        if ch in span.text:
            f.append(f"char={ch}")
    if span.start == span.sent.start:
        f.append("sentstart")
    cases = [c.lower_ for c in root.children if c.dep_ == "case"]
    dets = [c.lower_ for c in root.children if c.dep_.startswith("det")]
    for c in cases:
        f.append(f"case={c}")
        f.append(f"case_h={c}|{head.lemma_.lower()}")
        if kind:
            f.append(f"case_gaz={c}|{kind}")
    if not cases:
        f.append("nocase")
    for d in dets:
        f.append(f"det={d}")
    for c in root.children:
        if c.dep_ in ("amod", "nmod", "appos", "flat:name", "compound") and not (i <= c.i < j):
            f.append(f"child={c.dep_}|{c.lemma_.lower()}")
    if root.dep_ in ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod") and head.pos_ in ("VERB", "AUX"):
        f.append(f"verb={root.dep_}|{head.lemma_.lower()}")
    if head.dep_ in ("nmod", "obl", "nsubj", "obj") and head.i != root.i:
        f.append(f"head2={head.dep_}|{head.head.lemma_.lower()}")
    prev = doc[i - 1] if i > 0 else None
    prev2 = doc[i - 2] if i > 1 else None
    nxt = doc[j] if j < len(doc) else None
    nxt2 = doc[j + 1] if j + 1 < len(doc) else None
    f.append(f"p1={prev.lower_ if prev is not None else '<s>'}")
    f.append(f"p2={(prev2.lower_ if prev2 is not None else '<s>')}_{prev.lower_ if prev is not None else '<s>'}")
    f.append(f"n1={nxt.lower_ if nxt is not None else '</s>'}")
    f.append(f"n2={nxt.lower_ if nxt is not None else '</s>'}_{nxt2.lower_ if nxt2 is not None else '</s>'}")
    if prev is not None:
        f.append(f"p1pos={prev.pos_}")
        f.append(f"p1lem={prev.lemma_.lower()}")
    if nxt is not None:
        f.append(f"n1pos={nxt.pos_}")
        f.append(f"n1lem={nxt.lemma_.lower()}")
    # the word before the span's words in its sentence that is not an article or preposition
    k = i - 1
    while k >= span.sent.start and doc[k].pos_ in ("DET", "ADP", "PUNCT"):
        k -= 1
    if k >= span.sent.start:
        f.append(f"pw={doc[k].lemma_.lower()}")
    if others:
        f += _neighbours(doc, i, j, root, others)
    return f


def _neighbours(doc, i: int, j: int, root, others: dict[int, str]) -> list[str]:
    f = []
    if root.dep_ == "conj" and not (i <= root.head.i < j) and root.head.i in others:
        f.append(f"conj={others[root.head.i]}")
    for c in root.children:
        if i <= c.i < j or c.i not in others:
            continue
        if c.dep_ == "conj":
            f.append(f"conj={others[c.i]}")
        else:
            f.append(f"cspan={c.dep_}|{others[c.i]}")
    if not (i <= root.head.i < j) and root.head.i in others:
        f.append(f"hspan={root.dep_}|{others[root.head.i]}")
    # a name in a list: the names one comma or "e" before and after
    if i >= 2 and doc[i - 1].lower_ in (",", "e", "ed", "o") and i - 2 in others:
        f.append(f"listprev={others[i - 2]}")
    if j + 1 < len(doc) and doc[j].lower_ in (",", "e", "ed", "o") and j + 1 in others:
        f.append(f"listnext={others[j + 1]}")
    return f


def token_labels(doc, spans) -> dict[int, str]:
    """token index -> label, for (first token, end token, label) spans."""
    out = {}
    for a, b, label in spans:
        for t in range(a, b):
            out[t] = label
    return out


def scores(feats: list[str], m: dict) -> list[float]:
    w = m["weights"]
    out = list(m["bias"])
    for name in feats:
        row = w.get(name)
        if row:
            for k, v in enumerate(row):
                out[k] += v
    top = max(out)
    ex = [math.exp(v - top) for v in out]
    z = sum(ex)
    return [v / z for v in ex]


def _locate(docs, s: int, e: int):
    """(doc, first token, end token) for the characters s..e, or None when not aligned."""
    offs = [off for _, off in docs]
    k = bisect_right(offs, s) - 1
    if k < 0:
        return None
    doc, off = docs[k]
    sp = doc.char_span(s - off, e - off)
    if sp is None or len(sp) == 0:
        return None
    return doc, sp.start, sp.end


def relabel(text: str, spans: list[Span], docs, threshold: float | None = None,
            margin: float | None = None) -> list[Span]:
    """``spans`` with the relabeller's label where it is confident (see the module docstring)."""
    m = model()
    if not m or not spans or not docs:
        return spans
    docs = sorted(docs, key=lambda d: d[1])
    labels = m["labels"]
    th = m.get("threshold", 0.0) if threshold is None else threshold
    # the NER's label stays unless another is this many times likelier (log) and above th
    mg = m.get("margin", 0.0) if margin is None else margin
    use_label = m.get("use_label", False)
    located = [_locate(docs, s, e) for s, e, _ in spans]
    per_doc: dict[int, list] = {}
    for loc, (_s, _e, label) in zip(located, spans, strict=True):
        if loc is not None:
            per_doc.setdefault(id(loc[0]), []).append((loc[1], loc[2], label))
    tokens = {k: token_labels(None, v) for k, v in per_doc.items()}
    out = []
    for loc, (s, e, label) in zip(located, spans, strict=True):
        if label not in labels or loc is None:
            out.append((s, e, label))
            continue
        doc, i, j = loc
        others = {t: lab for t, lab in tokens[id(doc)].items() if not (i <= t < j)}
        p = scores(features(doc, i, j, label if use_label else None, others), m)
        best = max(range(len(labels)), key=p.__getitem__)
        cur = p[labels.index(label)]
        ok = p[best] >= th and math.log(p[best] / max(cur, 1e-9)) > mg
        new = labels[best] if ok else label
        out.append((s, e, new))
    return out
