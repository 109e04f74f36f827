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


def to_record(ann: Annotations) -> dict:
    labels = [[m.start, m.end, m.label] for m in sorted(ann.mentions, key=lambda m: (m.start, m.end))]
    meta = {k: v for k, v in (("title", ann.source.title), ("source", ann.source.path),
                              ("date", ann.source.date), ("sha256", ann.source.sha256),
                              ("model", f"{ann.model.name} {ann.model.version}".strip()),
                              ("lang", ann.model.lang))
            if v}
    return {"text": ann.text, "label": labels, "meta": meta}


def dumps(ann: Annotations) -> str:
    return json.dumps(to_record(ann), ensure_ascii=False) + "\n"


