"""Convert the public data in ../shared/data into spaCy DocBin files.

Usage: python training/convert.py [DATA_DIR] [OUT_DIR]

- KIND TSV (``token<TAB>BIO``) and WikiNEuRal (``idx<TAB>token<TAB>BIO``) become
  NER DocBins, ten sentences per Doc, with the spacing between tokens
  reconstructed the way Italian is written (no space after an elision, none
  before closing punctuation) so that training sees text like real articles.
- UD CoNLL-U becomes DocBins for the tagger, morphologizer and parser.
  Multi-word tokens ("della" = "di" + "la") are kept as one token, as
  spaCy's Italian tokenizer produces them: the first part's POS, dependency
  and head, the union of the parts' morphology, the surface form as lemma
  source.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo

NO_SPACE_BEFORE = set(".,;:!?)]}»”’%…")
NO_SPACE_AFTER = set("([{«“")
DOC_SENTS = 10


def spaces_for(words: list[str]) -> list[bool]:
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is None:
            spaces.append(True)
        elif w.endswith(("'", "’")) and len(w) > 1:
            spaces.append(False)
        elif w in NO_SPACE_AFTER:
            spaces.append(False)
        elif nxt[:1] in NO_SPACE_BEFORE and len(nxt) == 1:
            spaces.append(False)
        else:
            spaces.append(True)
    return spaces


def read_bio(path: Path, token_col: int, tag_col: int, keep=("PER", "LOC", "ORG")):
    """Yield sentences as lists of (word, tag)."""
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
            word, tag = cols[token_col], cols[tag_col]
            if tag != "O" and tag[2:] not in keep:
                tag = "O"
            sent.append((word, tag))
    if sent:
        yield sent


def read_io(path: Path):
    """Yield sentences of an IO-tagged file (``token<TAB>LABEL``, kind-moro) as (word, BIO tag):
    consecutive tokens of one label are one span."""
    sent: list[tuple[str, str]] = []
    prev = "O"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if sent:
                    yield sent
                sent, prev = [], "O"
                continue
            word, label = line.split("\t")[:2]
            if label not in ("PER", "LOC", "ORG"):
                tag = "O"
            else:
                tag = ("I-" if prev == label else "B-") + label
            prev = label
            sent.append((word, tag))
    if sent:
        yield sent


def fix_iob(tags: list[str]) -> list[str]:
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def bio_docs(nlp, sents, doc_sents: int = DOC_SENTS):
    for i in range(0, len(sents), doc_sents):
        chunk = sents[i : i + doc_sents]
        words, tags, starts = [], [], []
        for s in chunk:
            starts.append(len(words))
            words.extend(w for w, _ in s)
            tags.extend(fix_iob([t for _, t in s]))
        doc = Doc(nlp.vocab, words=words, spaces=spaces_for(words),
                  sent_starts=[j in starts for j in range(len(words))])
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        yield doc


def read_conllu(path: Path):
    """Yield sentences as lists of token dicts with MWTs merged."""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield merge_mwt(rows)
                rows = []
            elif not line.startswith("#"):
                rows.append(line.split("\t"))
    if rows:
        yield merge_mwt(rows)


def merge_mwt(rows):
    words = [r for r in rows if r[0].isdigit()]
    mwts = {}
    for r in rows:
        if "-" in r[0]:
            a, b = (int(x) for x in r[0].split("-"))
            mwts[a] = (b, r)
    # map each word id to its output token index
    out, idmap = [], {}
    i = 0
    while i < len(words):
        wid = int(words[i][0])
        if wid in mwts:
            b, r = mwts[wid]
            parts = [w for w in words if wid <= int(w[0]) <= b]
            first = parts[0]
            feats = {}
            for p in parts:
                if p[5] != "_":
                    for kv in p[5].split("|"):
                        k, v = kv.split("=", 1)
                        feats.setdefault(k, v)
            # the part whose head lies outside the MWT carries the syntax
            ids = {int(p[0]) for p in parts}
            main = next((p for p in parts if int(p[6]) not in ids), first)
            tok = dict(form=r[1], lemma=first[2], pos=first[3], tag=first[4],
                       morph="|".join(f"{k}={v}" for k, v in sorted(feats.items())),
                       head=int(main[6]), dep=main[7],
                       space="SpaceAfter=No" not in r[9])
            for p in parts:
                idmap[int(p[0])] = len(out)
            out.append(tok)
            i += len(parts)
        else:
            r = words[i]
            idmap[wid] = len(out)
            out.append(dict(form=r[1], lemma=r[2], pos=r[3], tag=r[4],
                            morph="" if r[5] == "_" else r[5], head=int(r[6]),
                            dep=r[7], space="SpaceAfter=No" not in r[9]))
            i += 1
    for j, t in enumerate(out):
        t["head"] = j if t["head"] == 0 else idmap[t["head"]]
        if t["head"] == j:
            t["dep"] = "ROOT"
    return out


def ud_docs(nlp, sents, doc_sents: int = DOC_SENTS):
    for i in range(0, len(sents), doc_sents):
        chunk = sents[i : i + doc_sents]
        toks, starts = [], []
        for s in chunk:
            base = len(toks)
            starts.append(base)
            for t in s:
                toks.append(dict(t, head=t["head"] + base))
        doc = Doc(nlp.vocab, words=[t["form"] for t in toks],
                  spaces=[t["space"] for t in toks],
                  pos=[t["pos"] for t in toks], tags=[t["tag"] for t in toks],
                  morphs=[t["morph"] for t in toks],
                  lemmas=[t["lemma"] for t in toks],
                  heads=[t["head"] for t in toks], deps=[t["dep"] for t in toks],
                  sent_starts=[j in starts for j in range(len(toks))])
        yield doc


def save(docs, path: Path):
    db = DocBin(store_user_data=False)
    n = 0
    for d in docs:
        db.add(d)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    print(f"{path}: {n} docs")


def write_raw_text(nlp, data: Path, out: Path) -> None:
    """The training corpora's sentences as JSONL, for ``spacy pretrain`` (no dev or test text)."""
    import json

    n = 0
    with (out / "raw.jsonl").open("w", encoding="utf-8") as fh:
        sources = [(data / "kind" / f"{p}_train.tsv", 0, 1) for p in ("WN", "FIC", "ADG")]
        sources += [(data / "wikineural-it" / f"{s}.conllu", 1, 2) for s in ("val", "test")]
        for path, tok, tag in sources:
            for doc in bio_docs(nlp, list(read_bio(path, tok, tag)), doc_sents=1):
                fh.write(json.dumps({"text": doc.text.strip()}, ensure_ascii=False) + "\n")
                n += 1
        for f in ("it_partut-ud-train", "it_isdt-ud-dev", "it_vit-ud-dev", "it_vit-ud-test"):
            for line in (data / "ud-italian" / f"{f}.conllu").open(encoding="utf-8"):
                if line.startswith("# text = "):
                    fh.write(json.dumps({"text": line[9:].strip()}, ensure_ascii=False) + "\n")
                    n += 1
    print(f"{out / 'raw.jsonl'}: {n} sentences")


def main(data: Path, out: Path) -> None:
    nlp = spacy.blank("it")
    kind = data / "kind"
    for part in ("WN", "FIC", "ADG"):
        sents = list(read_bio(kind / f"{part}_train.tsv", 0, 1))
        save(bio_docs(nlp, sents), out / "ner_train" / f"kind_{part}.spacy")
        save(bio_docs(nlp, sents), out / "ner_train_silver" / f"kind_{part}.spacy")
        sents = list(read_bio(kind / f"{part}_dev.tsv", 0, 1))
        save(bio_docs(nlp, sents), out / f"ner_dev_{part}" / f"kind_{part}.spacy")
    for part in ("WN", "FIC", "ADG"):
        sents = list(read_bio(kind / f"{part}_train.tsv", 0, 1))
        save(bio_docs(nlp, sents), out / "ner_train_moro" / f"kind_{part}.spacy")
    moro = data / "kind-moro"
    if moro.is_dir():
        # KIND's Aldo Moro chapter, silver: beside KIND train for fine-tuning (ner_train_moro)
        for split in ("train", "test"):
            sents = list(read_io(moro / f"moro_{split}.tsv"))
            save(bio_docs(nlp, sents), out / "ner_train_moro" / f"moro_{split}.spacy")
    wn = data / "wikineural-it"
    for split in ("val", "test"):
        sents = list(read_bio(wn / f"{split}.conllu", 1, 2))
        save(bio_docs(nlp, sents), out / "ner_train_silver" / f"wikineural_{split}.spacy")
    ud = data / "ud-italian"
    for f in sorted(ud.glob("*.conllu")):
        # ParTUT dev steers training, ParTUT test is held out for evaluation
        split = {"it_partut-ud-dev": "ud_dev", "it_partut-ud-test": "ud_test"}.get(f.stem, "ud_train")
        save(ud_docs(nlp, list(read_conllu(f))), out / split / f"{f.stem}.spacy")
    write_raw_text(nlp, data, out)


if __name__ == "__main__":
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parent / "corpus"
    main(data.resolve(), out)
