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
file's margin over the NER's own, and never when the span is not aligned to
tokens. Spans are never added or moved; a model file with a fourth class "O"
(no name) may drop a span it scores as no name with the file's ``drop`` probability.

    relabel(text, spans, docs) -> spans

``docs`` are the spaCy Docs the text was analysed in, each with the character
offset of its first character in ``text`` (``[(doc, offset), ...]``).
"""

from __future__ import annotations

import gzip
import json
import math
import re
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


def place_kind(name: str) -> str | None:
    """The kind of place ``name`` is (country, area, region, city_it, city), or None. For the
    reader's grouping: a country or city is a place to a reader even where KIND's convention
    tags it an organisation (a country acting as a political player)."""
    return places().get(name.strip().lower())


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


def stack_inputs(p: list[float], label: str, labels: list[str]) -> list[float]:
    """The stacker's inputs: the relabeller's log-probabilities, the NER's label (one-hot) and
    the pair (NER's label, relabeller's choice) (one-hot)."""
    n = len(labels)
    m = labels.index(label)
    best = max(range(n), key=p.__getitem__)
    z = [math.log(max(v, 1e-6)) for v in p]
    z += [1.0 if k == m else 0.0 for k in range(n)]
    z += [1.0 if (a, b) == (m, best) else 0.0 for a in range(n) for b in range(n)]
    return z


def _mix(own: list[float], pooled: list[float], weight: float) -> list[float]:
    """own^(1-weight) * pooled^weight, normalised."""
    w = float(weight)
    q = [math.exp((1 - w) * math.log(max(a, 1e-9)) + w * math.log(max(b, 1e-9))) for a, b in zip(own, pooled, strict=True)]
    z = sum(q)
    return [v / z for v in q]


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


def split_doubled(text: str, spans: list[Span]) -> list[Span]:
    """A name glued to itself is two mentions: "Paul Gascoigne Paul Gascoigne" (a headline
    without a full stop running into the sentence that repeats the name)."""
    out = []
    for s, e, label in spans:
        words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]
        n = len(words)
        if n >= 2 and n % 2 == 0 and all(text[a:b] == text[c:d] for (a, b), (c, d)
                                         in zip(words[: n // 2], words[n // 2:], strict=True)):
            out.append((s, words[n // 2 - 1][1], label))
            out.append((words[n // 2][0], e, label))
        else:
            out.append((s, e, label))
    return out


def relabel(text: str, spans: list[Span], docs, threshold: float | None = None,
            margin: float | None = None, drop: float | None = None, stack_on: bool = True,
            probs: list | None = None, pool: float | None = None) -> list[Span]:
    """``spans`` with the relabeller's label where it is confident (see the module docstring)."""
    m = model()
    if not m or not spans or not docs:
        return spans
    spans = split_doubled(text, spans)
    docs = sorted(docs, key=lambda d: d[1])
    labels = [lab for lab in m["labels"] if lab != "O"]
    th = m.get("threshold", 0.0) if threshold is None else threshold
    # the NER's label stays unless another is this many times likelier (log) and above th
    mg = m.get("margin", 0.0) if margin is None else margin
    # a span the model scores as no name with at least this probability is dropped
    dr = m.get("drop", 1.01) if drop is None else drop
    use_label = m.get("use_label", False)
    never_per = set(m.get("never_per", ("country", "region", "area")))
    stack = m.get("stack")
    # 0: each mention on its own; 1: one decision per name from all its mentions
    pool = m.get("pool", 0.0) if pool is None else pool
    located = [_locate(docs, s, e) for s, e, _ in spans]
    per_doc: dict[int, list] = {}
    for loc, (_s, _e, label) in zip(located, spans, strict=True):
        if loc is not None:
            per_doc.setdefault(id(loc[0]), []).append((loc[1], loc[2], label))
    tokens = {k: token_labels(None, v) for k, v in per_doc.items()}
    # the relabeller's probabilities for every span it can read
    scored: list = []
    for loc, (s, e, label) in zip(located, spans, strict=True):
        if label not in labels or loc is None:
            scored.append(None)
            continue
        doc, i, j = loc
        p = scores(features(doc, i, j, label if use_label else None, tokens[id(doc)]), m)
        if len(p) > len(labels):
            if p[len(labels)] >= dr:
                scored.append("drop")
                continue
            z = sum(p[: len(labels)])
            p = [v / z for v in p[: len(labels)]]
        if probs is not None:
            probs.append((s, e, label, p))
        scored.append(p)
    if pool:
        # one name, one decision: the mean log-probability over the name's mentions
        sums: dict[str, list] = {}
        for (s, e, _label), p in zip(spans, scored, strict=True):
            if isinstance(p, list):
                acc = sums.setdefault(text[s:e], [0.0] * len(labels) + [0])
                for k, v in enumerate(p):
                    acc[k] += math.log(max(v, 1e-9))
                acc[-1] += 1
        pooled = {}
        for name, acc in sums.items():
            ex = [math.exp(v / acc[-1]) for v in acc[:-1]]
            pooled[name] = [v / sum(ex) for v in ex]
        scored = [_mix(p, pooled[text[s:e]], pool) if isinstance(p, list) else p
                  for (s, e, _l), p in zip(spans, scored, strict=True)]
    out = []
    for (s, e, label), p in zip(spans, scored, strict=True):
        if p is None:
            out.append((s, e, label))
            continue
        if p == "drop":
            continue
        if stack is not None and stack_on:
            z = stack_inputs(p, label, labels)
            q = [b + sum(w[k] * x for w, x in zip(stack["W"], z, strict=True)) for k, b in enumerate(stack["b"])]
            out.append((s, e, labels[max(range(len(labels)), key=q.__getitem__)]))
            continue
        if label == "PER" and places().get(text[s:e].lower()) in never_per:
            # a country or region is never a person: the likelier of place and organisation
            p = [0.0 if lab == "PER" else v for lab, v in zip(labels, p, strict=True)]
            out.append((s, e, labels[max(range(len(labels)), key=p.__getitem__)]))
            continue
        best = max(range(len(labels)), key=p.__getitem__)
        cur = p[labels.index(label)]
        ok = p[best] >= th and math.log(p[best] / max(cur, 1e-9)) > mg
        out.append((s, e, labels[best] if ok else label))
    return out
