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
gold spans of the KIND train splits by ``training/relabel_train.py``) scores the
three labels, also from the labels of the names listed or coordinated with the
span. Each mention's scores are mixed with those of every mention of the same name
in the text (the file's ``pool`` weight); the span takes the relabeller's label only
when it is e^``margin`` times likelier than the NER's own, and never when the span
is not aligned to tokens. A country or region is never a person; a name glued to
itself ("Paul Gascoigne Paul Gascoigne") becomes two mentions. No span is added
or moved otherwise; a model file with a fourth class "O" (no name) may drop a span
it scores as no name with the file's ``drop`` probability (the shipped one has none).

    relabel(text, spans, docs) -> spans

``docs`` are the spaCy Docs the text was analysed in, each with the character
offset of its first character in ``text`` (``[(doc, offset), ...]``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
MODEL_FILE = DATA / "relabel_it.json.gz"
PLACES_FILE = DATA / "relabel_places_it.tsv"
VECTORS_FILE = DATA / "e5_it.npz"
# the organisation names of the shipped pipeline's gazetteer (KIND's Wikipedia list)
ORG_NAMES_FILE = Path(__file__).resolve().parents[2] / "models" / "it_personae" / "org_gazetteer" / "names.msgpack"

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
def org_names() -> frozenset[str]:
    """Lower-cased multi-word organisation names that stay organisations ("Ria Novosti"):
    the gazetteer pass of the pipeline set them, on a list made for it."""
    if not ORG_NAMES_FILE.exists():
        return frozenset()
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    import srsly

    return frozenset(srsly.read_msgpack(ORG_NAMES_FILE))


@lru_cache(maxsize=1)
def vectors():
    """(sorted 64-bit keys, float16 rows, word-cluster ids or None) of ``data/e5_it.npz``
    (built by ``training/e5_vectors.py``: multilingual-e5-small run over a vocabulary of
    names and capitalised words at build time, reduced by PCA); None without the file.
    The file holds no words: an entry is found by the hash of its text (``key``)."""
    if not VECTORS_FILE.exists():
        return None
    import numpy as np

    with np.load(VECTORS_FILE) as z:
        keys = z["keys"]
        table = z["vectors"]
        clusters = z["clusters"] if "clusters" in z.files else None
    return keys, table, clusters


def key(text: str) -> int:
    """The table's key of an entry: the first 8 bytes of its BLAKE2b hash."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


#: keys treated as absent from the table (training only: a name of the training text is
#: hidden from the spans of its own part, as a new text's names are absent; see
#: training/e5_vectors.py origins)
HIDDEN: frozenset[int] = frozenset()


def _find(keys, text: str) -> int | None:
    k = key(text)
    if k in HIDDEN:
        return None
    # searched as uint64: a Python int above 2**63 would turn the whole table into floats
    n = int(keys.searchsorted(keys.dtype.type(k)))
    return n if n < len(keys) and int(keys[n]) == k else None


def _row(keys, word: str) -> int | None:
    n = _find(keys, word)
    if n is None and word[:1].isupper() and not word[1:].islower():
        # "ROMA" -> "Roma": the table holds names as a text writes them
        n = _find(keys, word[:1] + word[1:].lower())
    return n


def span_vector(words: list[str]):
    """The encoder's view of a name: its own vector when the table has the whole name,
    else the mean of its capitalised words' vectors; with which of the two it is
    ("full", "words") or None when the table knows none of it. Returns (vector, how,
    rows) where rows are the table rows read."""
    v = vectors()
    if v is None:
        return None, None, []
    keys, table, _ = v
    n = _row(keys, " ".join(words))
    if n is not None:
        return table[n].astype("float32"), "full", [n]
    rows = [r for w in words if w[:1].isupper() for r in [_row(keys, w)] if r is not None]
    if not rows:
        return None, None, []
    return table[rows].astype("float32").mean(axis=0), "words", rows


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


class View:
    """What the features read of a Doc, as plain lists (built once per Doc: reading spaCy's
    token objects span by span costs more than the rest of the relabeller)."""

    __slots__ = ("text", "lower", "lemma", "pos", "dep", "head", "depth", "sent_start", "sent_end", "children", "n",
                 "vec_cache")

    def __init__(self, doc, text: str | None = None, offset: int = 0) -> None:
        """``text[offset:]`` is the Doc's text, when the caller has it (``doc.text`` joins
        every token again)."""
        arr = doc.to_array(["IDX", "LENGTH", "LEMMA", "POS", "DEP", "HEAD"]).tolist()
        strings = doc.vocab.strings
        if text is None:
            text, offset = doc.text, 0
        self.vec_cache: dict | None = None
        self.text = [text[offset + a:offset + a + n] for a, n, *_ in arr]
        self.lower = [w.lower() for w in self.text]
        self.lemma = [strings[row[2]].lower() if row[2] else "" for row in arr]
        self.pos = [strings[row[3]] if row[3] else "" for row in arr]
        self.dep = [strings[row[4]] if row[4] else "" for row in arr]
        self.n = n = len(arr)
        # HEAD is stored relative to the token
        self.head = [k + (row[5] if row[5] < 2**63 else row[5] - 2**64) for k, row in enumerate(arr)]
        # sentences as the parser makes them: a new one where the tree's root changes
        self.depth = [0] * n
        roots = [0] * n
        for k in range(n):
            h, d = k, 0
            while self.head[h] != h and d < n:
                h = self.head[h]
                d += 1
            roots[k], self.depth[k] = h, d
        self.sent_start = [0] * n
        self.sent_end = [n] * n
        start = 0
        for k in range(1, n + 1):
            if k == n or roots[k] != roots[k - 1]:
                for t in range(start, k):
                    self.sent_start[t] = start
                    self.sent_end[t] = k
                start = k
        self.children: list[list[int]] = [[] for _ in range(n)]
        for k, h in enumerate(self.head):
            if h != k:
                self.children[h].append(k)

    def root(self, i: int, j: int) -> int:
        """The span's token nearest the root of the sentence (the first on ties)."""
        return min(range(i, j), key=self.depth.__getitem__)


def features(doc, i: int, j: int, label: str | None = None, others: dict[int, str] | None = None) -> list[str]:
    """Feature strings of the span ``doc[i:j]`` (``doc`` a Doc or its View); ``label`` is the
    NER's label for it, if any; ``others`` maps the tokens of the other spans in the doc to
    their labels (names in a list or coordinated with this one, the name it depends on).

    Long because it is a flat list of feature templates, one or two lines each, in the
    order the model was trained with: split, it would hide which features exist."""
    v = doc if isinstance(doc, View) else View(doc)
    r = v.root(i, j)
    h = v.head[r]
    words = v.text[i:j]
    lower = v.lower[i:j]
    text = " ".join(lower)
    surface = " ".join(words)
    gaz = places()
    rdep, hlem, hpos = v.dep[r], v.lemma[h], v.pos[h]
    f = [
        "bias",
        f"txt={text}",
        f"first={lower[0]}",
        f"last={lower[-1]}",
        f"suf3={lower[-1][-3:]}",
        f"suf2={lower[-1][-2:]}",
        f"nw={min(len(words), 4)}",
        "shape=" + "_".join(_shape(w) for w in words[:3]),
        f"dep={rdep}",
        f"hlem={hlem}",
        f"dep_h={rdep}|{hlem}",
        f"hpos={hpos}",
        f"dep_hpos={rdep}|{hpos}",
        f"hdep={v.dep[h]}",
    ]
    f += [f"w={w}" for w in lower]
    f += [f"suf4={w[-4:]}" for w in lower if len(w) > 4]
    f += [f"pre3={w[:3]}" for w in lower if len(w) > 3]
    ss, se = v.sent_start[i], v.sent_end[i]
    # the content words within four tokens before and after, in the sentence
    for k in range(max(ss, i - 4), i):
        if v.pos[k] in ("NOUN", "VERB", "ADJ", "PROPN"):
            f.append(f"bl={v.lemma[k]}")
    for k in range(j, min(se, j + 4)):
        if v.pos[k] in ("NOUN", "VERB", "ADJ", "PROPN"):
            f.append(f"al={v.lemma[k]}")
    if label:
        f.append(f"m={label}")
    kind = gaz.get(text)
    if kind:
        f.append(f"gaz={kind}")
        f.append(f"gaz_dep={kind}|{rdep}")
    else:
        for w in lower:
            k = gaz.get(w)
            if k:
                f.append(f"gazw={k}")
    if any(ch.isdigit() for ch in surface):
        f.append("digit")
    for ch in "-.'&":
        if ch in surface:
            f.append(f"char={ch}")
    if i == ss:
        f.append("sentstart")
    kids = v.children[r]
    cases = [v.lower[c] for c in kids if v.dep[c] == "case"]
    for c in cases:
        f.append(f"case={c}")
        f.append(f"case_h={c}|{hlem}")
        if kind:
            f.append(f"case_gaz={c}|{kind}")
    if not cases:
        f.append("nocase")
    for c in kids:
        if v.dep[c].startswith("det"):
            f.append(f"det={v.lower[c]}")
    for c in kids:
        if v.dep[c] in ("amod", "nmod", "appos", "flat:name", "compound") and not (i <= c < j):
            f.append(f"child={v.dep[c]}|{v.lemma[c]}")
    if rdep in ("nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod") and hpos in ("VERB", "AUX"):
        f.append(f"verb={rdep}|{hlem}")
    if v.dep[h] in ("nmod", "obl", "nsubj", "obj") and h != r:
        f.append(f"head2={v.dep[h]}|{v.lemma[v.head[h]]}")
    n = v.n
    p1 = v.lower[i - 1] if i > 0 else "<s>"
    p2 = v.lower[i - 2] if i > 1 else "<s>"
    n1 = v.lower[j] if j < n else "</s>"
    n2 = v.lower[j + 1] if j + 1 < n else "</s>"
    f += [f"p1={p1}", f"p2={p2}_{p1}", f"n1={n1}", f"n2={n1}_{n2}"]
    if i > 0:
        f.append(f"p1pos={v.pos[i - 1]}")
        f.append(f"p1lem={v.lemma[i - 1]}")
    if j < n:
        f.append(f"n1pos={v.pos[j]}")
        f.append(f"n1lem={v.lemma[j]}")
    # the word before the span's words in its sentence that is not an article or preposition
    k = i - 1
    while k >= ss and v.pos[k] in ("DET", "ADP", "PUNCT"):
        k -= 1
    if k >= ss:
        f.append(f"pw={v.lemma[k]}")
    if others:
        f += _neighbours(v, i, j, r, others)
    vec = vectors()
    if vec is not None:
        # what the encoder knows of the name, when it knows it: its word clusters (no
        # feature for an unknown name: FIC dev's people are mostly names the table lacks,
        # KIND train's mostly names it has, and absence would read as evidence)
        _vec, _how, rows = _span_vector_cached(v, i, j)
        if vec[2] is not None:
            for n in rows:
                for k, c in enumerate(vec[2][n]):
                    f.append(f"ec{k}={c}")
    return f


def _span_vector_cached(v: View, i: int, j: int):
    """span_vector of the span, read once per View (the features and the dense part both
    ask)."""
    if v.vec_cache is None:
        v.vec_cache = {}
    got = v.vec_cache.get((i, j))
    if got is None:
        got = v.vec_cache[(i, j)] = span_vector(v.text[i:j])
    return got


def dense(doc, i: int, j: int):
    """The span's vector from the table (zeros when the table knows none of it), the dense
    part of the features; None without a table."""
    v = doc if isinstance(doc, View) else View(doc)
    vec = vectors()
    if vec is None:
        return None
    out, _how, _rows = _span_vector_cached(v, i, j)
    if out is None:
        import numpy as np

        return np.zeros(vec[1].shape[1], dtype="float32")
    return out


def _neighbours(v: View, i: int, j: int, r: int, others: dict[int, str]) -> list[str]:
    f = []
    h = v.head[r]
    if v.dep[r] == "conj" and not (i <= h < j) and h in others:
        f.append(f"conj={others[h]}")
    for c in v.children[r]:
        if i <= c < j or c not in others:
            continue
        if v.dep[c] == "conj":
            f.append(f"conj={others[c]}")
        else:
            f.append(f"cspan={v.dep[c]}|{others[c]}")
    if not (i <= h < j) and h in others:
        f.append(f"hspan={v.dep[r]}|{others[h]}")
    # a name in a list: the names one comma or "e" before and after
    if i >= 2 and v.lower[i - 1] in (",", "e", "ed", "o") and i - 2 in others:
        f.append(f"listprev={others[i - 2]}")
    if j + 1 < v.n and v.lower[j] in (",", "e", "ed", "o") and j + 1 in others:
        f.append(f"listnext={others[j + 1]}")
    return f


def token_labels(doc, spans) -> dict[int, str]:
    """token index -> label, for (first token, end token, label) spans."""
    out = {}
    for a, b, label in spans:
        for t in range(a, b):
            out[t] = label
    return out


def scores(feats: list[str], m: dict, vec=None) -> list[float]:
    w = m["weights"]
    out = list(m["bias"])
    dw = m.get("dense")
    if dw is not None and vec is not None:
        for k, x in enumerate(_dense_weights(m) @ vec):
            out[k] += float(x)
    for name in feats:
        row = w.get(name)
        if row:
            for k, v in enumerate(row):
                out[k] += v
    top = max(out)
    ex = [math.exp(v - top) for v in out]
    z = sum(ex)
    return [v / z for v in ex]


def _dense_weights(m: dict):
    w = m.get("_dense_np")
    if w is None:
        import numpy as np

        w = m["_dense_np"] = np.asarray(m["dense"], dtype="float32")
    return w


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


def _locate(docs, s: int, e: int, offs: list[int] | None = None):
    """(doc, first token, end token) for the characters s..e, or None when not aligned.
    ``offs``: the docs' offsets, listed once by a caller that locates many spans (listing
    them for each span made a long article's relabelling quadratic: 4× the time for 2×
    the text)."""
    if offs is None:
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
    """``spans`` with the relabeller's label where it is confident (see the module docstring).

    Long because the decision for each span (threshold, margin, dropping, pooling over
    the spans of one string) is one pass over probabilities that every step shares."""
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
    offs = [off for _, off in docs]
    located = [_locate(docs, s, e, offs) for s, e, _ in spans]
    per_doc: dict[int, list] = {}
    for loc, (_s, _e, label) in zip(located, spans, strict=True):
        if loc is not None:
            per_doc.setdefault(id(loc[0]), []).append((loc[1], loc[2], label))
    tokens = {k: token_labels(None, v) for k, v in per_doc.items()}
    views: dict[int, View] = {}
    # the relabeller's probabilities for every span it can read
    scored: list = []
    offsets = {id(doc): off for doc, off in docs}
    for loc, (s, e, label) in zip(located, spans, strict=True):
        if label not in labels or loc is None:
            scored.append(None)
            continue
        doc, i, j = loc
        view = views.get(id(doc))
        if view is None:
            view = views[id(doc)] = View(doc, text, offsets[id(doc)])
        p = scores(features(view, i, j, label if use_label else None, tokens[id(doc)]), m,
                   dense(view, i, j) if "dense" in m else None)
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
    orgs = org_names()
    for (s, e, label), p in zip(spans, scored, strict=True):
        if p is None or (label == "ORG" and " " in text[s:e] and text[s:e].lower() in orgs):
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
