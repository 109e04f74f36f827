"""Train the static floret vectors that the NER reads, on the training text only.

Usage: python training/vectors.py [CORPUS_DIR]        (default: training/corpus)

Reads ``CORPUS_DIR/raw.jsonl`` (written by convert.py: the KIND and WikiNEuRal
training sentences and the UD sentences outside ParTUT dev/test; no dev or test
text of the NER), tokenizes it with the shipped pipeline's tokenizer, trains
floret vectors (CBOW, 64 dimensions, 20,000 hash buckets, character 3- to
5-grams, 10 epochs, one thread) and writes a spaCy pipeline holding them to
``CORPUS_DIR/vectors_it`` for ``--paths.vectors``. floret keeps every word's
vector in the hashed subword table, so an unseen name still gets one; the table
adds 5 MB to the shipped pipeline.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import floret
import spacy
from assemble import customise_tokenizer

DIM, BUCKETS, MINN, MAXN, EPOCHS = 64, 20000, 3, 5, 10


def main(corpus: Path) -> None:
    nlp = spacy.blank("it")
    customise_tokenizer(nlp)
    tokens = corpus / "raw_tok.txt"
    n = 0
    with (corpus / "raw.jsonl").open(encoding="utf-8") as src, tokens.open("w", encoding="utf-8") as out:
        for line in src:
            doc = nlp.make_doc(json.loads(line)["text"])
            out.write(" ".join(t.text for t in doc) + "\n")
            n += len(doc)
    print(f"{tokens}: {n:,} tokens")
    model = floret.train_unsupervised(str(tokens), model="cbow", mode="floret", hashCount=2,
                                      bucket=BUCKETS, minn=MINN, maxn=MAXN, dim=DIM,
                                      epoch=EPOCHS, minCount=3, thread=1)
    table = corpus / "vectors.floret"
    model.save_floret_vectors(str(table))
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "it", str(table),
                    str(corpus / "vectors_it"), "--mode", "floret"], check=True)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else here / "corpus")
