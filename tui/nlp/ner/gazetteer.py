"""A gazetteer pass after the NER: names the list knows as organisations get that label.

The statistical NER finds the span but sometimes picks the wrong type
("Ria Novosti" as a place). This component relabels an entity span, never
creates or moves one, when its text (case-insensitive) is a multi-word name in
the list: at training time, the organisation names from Wikipedia that come
with KIND (``../shared/data/gazetteers/it-ORG-wikipedia.txt``), filtered to
capitalised names of two words or more.

Registered as the spaCy factory ``personae_gazetteer`` (also through the
``spacy_factories`` entry point).
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

FILE = "names.msgpack"
#: only names of this many words or more: a one-word name is too often something else
MIN_WORDS = 2
#: a word of a name may be lower case when this short ("di", "de", "of")
MAX_LOWER_CASE_WORD = 3


def read_gazetteer(path: Path) -> list[str]:
    """Names from a ``LABEL name`` per line file, as they would appear in text."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        _label, _, name = line.partition(" ")
        name = name.replace(" . ", ".").replace(" - ", "-").replace(" ' ", "'").replace(" , ", ", ").strip()
        words = name.split()
        if len(words) >= MIN_WORDS and name[:1].isupper() \
                and all(w[:1].isupper() or len(w) <= MAX_LOWER_CASE_WORD for w in words):
            names.add(name.lower())
    return sorted(names)


class Gazetteer:
    """Relabels the entity spans whose text is a name of the list (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, label: str) -> None:
        self.name = name
        self.label = label
        self.names: set[str] = set()

    def add(self, names) -> None:
        self.names.update(n.lower() for n in names)

    def __call__(self, doc: Doc) -> Doc:
        if not self.names or not doc.ents:
            return doc
        ents, changed = list(doc.ents), False
        for i, ent in enumerate(ents):
            if ent.label_ != self.label and len(ent) > 1 and ent.text.lower() in self.names:
                ents[i] = Span(doc, ent.start, ent.end, label=self.label)
                changed = True
        if changed:
            doc.ents = ents
        return doc

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps(sorted(self.names))

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> Gazetteer:
        self.names = set(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / FILE).write_bytes(self.to_bytes())

    def from_disk(self, path, *, exclude=tuple()) -> Gazetteer:
        return self.from_bytes((Path(path) / FILE).read_bytes())


@Language.factory("personae_gazetteer", default_config={"label": "ORG"})
def make_gazetteer(nlp: Language, name: str, label: str) -> Gazetteer:
    return Gazetteer(nlp, name, label)
