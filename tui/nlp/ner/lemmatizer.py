"""spaCy's Italian POS-lookup lemmatizer, with tables that load fast.

spaCy's own ``Lookups`` rebuild a Bloom filter and a hash table entry by
entry on load: 2.3 s for the Italian tables of spacy-lookups-data. This
component does the same lemmatisation (it *is* spaCy's ``ItalianLemmatizer``
in ``pos_lookup`` mode) but keeps the tables as plain dicts in one zlib-compressed msgpack
file (2 MB instead of 8), which loads in a fraction of that. The tables come from
spacy-lookups-data at training time (``initialize``); the shipped pipeline
needs nothing at run time.

Registered as the spaCy factory ``personae_lemmatizer`` (also through the
``spacy_factories`` entry point, so ``spacy.load`` finds it wherever
Personae is installed).
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import srsly
from spacy.lang.it.lemmatizer import ItalianLemmatizer
from spacy.language import Language

FILE = "tables.msgpack.zz"
ZLIB_LEVEL = 6


class DictLookups:
    """The slice of ``spacy.lookups.Lookups`` the Italian lemmatizer uses, on dicts."""

    def __init__(self, tables: dict[str, dict[str, str]] | None = None) -> None:
        self._tables = tables or {}

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def __contains__(self, name: str) -> bool:
        return name in self._tables

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def get_table(self, name: str, default=None):
        if name in self._tables:
            return self._tables[name]
        if default is not None:
            return default
        raise KeyError(name)

    def set_table(self, name: str, table: dict[str, str]) -> None:
        self._tables[name] = dict(table)

    def to_bytes(self) -> bytes:
        return zlib.compress(srsly.msgpack_dumps(self._tables), ZLIB_LEVEL)

    def from_bytes(self, data: bytes) -> DictLookups:
        self._tables = srsly.msgpack_loads(zlib.decompress(data))
        return self


class PersonaeLemmatizer(ItalianLemmatizer):
    """spaCy's ``ItalianLemmatizer`` on :class:`DictLookups` tables."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lookups = DictLookups()

    def initialize(self, get_examples=None, *, nlp=None, lookups=None) -> None:
        """Read the tables from spacy-lookups-data (training time only)."""
        # spaCy's side: imported only when used, so the reader and cached exports never load it
        import spacy_lookups_data

        required, _optional = self.get_lookups_config(self.mode)
        data = Path(spacy_lookups_data.__file__).parent / "data"
        tables = {}
        for name in required:
            with gzip.open(data / f"it_{name}.json.gz", "rt", encoding="utf-8") as fh:
                tables[name] = json.load(fh)
        self.lookups = DictLookups(tables)
        self._validate_tables()

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / FILE).write_bytes(self.lookups.to_bytes())

    def from_disk(self, path, *, exclude=tuple()) -> PersonaeLemmatizer:
        self.lookups = DictLookups().from_bytes((Path(path) / FILE).read_bytes())
        self._validate_tables()
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return self.lookups.to_bytes()

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> PersonaeLemmatizer:
        self.lookups = DictLookups().from_bytes(bytes_data)
        self._validate_tables()
        return self


@Language.factory(
    "personae_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "pos_lookup", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_lemmatizer(nlp: Language, model, name: str, mode: str, overwrite: bool, scorer):
    return PersonaeLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
