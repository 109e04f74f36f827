"""``doccano``: JSON Lines as doccano's sequence-labelling import reads them.

One line per article: ``{"text": ..., "label": [[start, end, "PER"], ...],
"meta": {...}}`` — the shape of doccano's own import examples (a list of
``[start, end, label]`` triples under ``label``; any other key is kept by
doccano as the example's metadata). Offsets are code points into ``text``, as
doccano (and Python) count them. Only the mentions are written: entities,
variants and roles have no place in a sequence-labelling project (the
``jsonl`` and ``json`` formats keep them).

The same lines, once corrected in doccano and exported, are read back by the
``jsonl`` reader, which takes ``label`` triples (and ``entities`` with
``start_offset``/``end_offset``, doccano's relation format) when a line has no
``spans``.
"""

from __future__ import annotations

import json

from tui.document import Annotations

#: what stands for a character outside the BMP in a ``bmp`` export: one UTF-16 unit
PLACEHOLDER = "\ufffd"


def astral(text: str) -> list[int]:
    """Where ``text`` has characters outside the Basic Multilingual Plane (emoji, some CJK):
    each is one code point but two UTF-16 units, which doccano's annotation screen counts."""
    return [i for i, c in enumerate(text) if ord(c) > 0xFFFF]


def to_record(ann: Annotations, bmp: bool = False) -> dict:
    """The line for ``ann``. With ``bmp``, each character outside the BMP is written as
    U+FFFD, one for one (every offset stays the same), so that doccano's screen, which
    counts UTF-16 units, draws each span where it is, and a span drawn there is stored
    right; ``meta.astral`` keeps the characters, and the jsonl reader puts them back."""
    labels = [[m.start, m.end, m.label] for m in sorted(ann.mentions, key=lambda m: (m.start, m.end))]
    meta = {k: v for k, v in (("title", ann.source.title), ("source", ann.source.path),
                              ("date", ann.source.date), ("sha256", ann.source.sha256),
                              ("model", f"{ann.model.name} {ann.model.version}".strip()),
                              ("lang", ann.model.lang))
            if v}
    text = ann.text
    where = astral(text) if bmp else []
    if where:
        meta["astral"] = [[i, text[i]] for i in where]
        chars = list(text)
        for i in where:
            chars[i] = PLACEHOLDER
        text = "".join(chars)
    return {"text": text, "label": labels, "meta": meta}


def restore(text: str, meta: dict) -> str:
    """``text`` with the characters a ``bmp`` export replaced put back (``meta.astral``)."""
    pairs = meta.get("astral") if isinstance(meta, dict) else None
    if not isinstance(pairs, list) or not pairs:
        return text
    chars = list(text)
    for pair in pairs:
        if (isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int
                and isinstance(pair[1], str) and len(pair[1]) == 1 and ord(pair[1]) > 0xFFFF
                and 0 <= pair[0] < len(chars) and chars[pair[0]] == PLACEHOLDER):
            chars[pair[0]] = pair[1]
    return "".join(chars)


def dumps(ann: Annotations, bmp: bool = False) -> str:
    return json.dumps(to_record(ann, bmp), ensure_ascii=False) + "\n"


