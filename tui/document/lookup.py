"""Finding things by their spelling: the entity a string names, a string's occurrences, accents.

Shared by the corrections (a mention added by hand joins the entity it names)
and the user's rules (a rule tags every occurrence of its pattern).
"""

from __future__ import annotations

import re
import unicodedata

from tui.document.model import Annotations


def strip_accents(s: str, compat: bool = False) -> str:
    """``s`` decomposed (NFKD with ``compat``: "ﬁ" -> "fi" as well; else NFD) without its
    combining marks: "Viganò" -> "Vigano". The one accent folding of the project: the
    reader's find, these look-ups and the name keys of ``tui.nlp.entities.names`` use it."""
    s = unicodedata.normalize("NFKD" if compat else "NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _key(s: str) -> str:
    return " ".join(strip_accents(s, compat=True).casefold().split())


def entity_for(ann: Annotations, text: str, label: str, exclude: str = "") -> str | None:
    """The entity a new mention spelled ``text`` joins: one of type ``label`` named so or
    having it as a variant; for a person, also the only one whose name ends with it
    ("Sallusti" joins "Alessandro Sallusti"). None: a new entity."""
    key = _key(text)
    same = [e for e in ann.sorted_entities() if e.label == label and e.id != exclude]
    for e in same:
        if key in {_key(v) for v in [e.name, *e.variants]}:
            return e.id
    if label == "PER" and key:
        fits = [e for e in same if any(_key(v).endswith(" " + key) for v in e.variants)]
        if len(fits) == 1:
            return fits[0].id
    return None


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in ``text`` between word boundaries."""
    if not needle.strip():
        return []
    rx = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in rx.finditer(text)]
