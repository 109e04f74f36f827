"""``labelstudio``: Label Studio tasks with the analysis as pre-annotations (``predictions``).

A JSON list of tasks, as Label Studio imports them (Basic Label Studio JSON
format): each task has ``data`` (``text``, plus the title and source) and
``predictions``: one prediction (``model_version`` is the pipeline's name and
version) whose ``result`` holds one region per mention::

    {"id": "m1", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 14, "text": "Serghei Lavrov", "labels": ["PER"]}}

``from_name``/``to_name`` are the names of the ``<Labels>`` and ``<Text>`` tags
of Label Studio's own Named Entity Recognition template (``LABELING_CONFIG``
below, with our labels and colours), so the file imports into a project made
from that template. Offsets are code points into ``text`` (Label Studio
counts code points since its 1.4 frontend). Each quotation is a region labelled
``QUOTE`` and a ``relation`` (label ``speaker``) from it to its speaker's mention.
Roles and entities are not written: the prediction is the mentions and quotations,
for review.
"""

from __future__ import annotations

import json

from tui.document import Annotations
from tui.export.common import speaker_mention
from tui.palette import HTML_PAGE, HUES, LABEL_NAMES, blend, parse, to_hex

FROM_NAME = "label"
TO_NAME = "text"


QUOTE = "QUOTE"
SPEAKER = "speaker"


def labeling_config(labels: list[str] | None = None) -> str:
    """The labelling interface to create the project with (Settings > Labeling Interface)."""
    labels = [*(labels or list(LABEL_NAMES)), QUOTE]
    rows = []
    for lab in labels:
        hue = HUES.get(lab, HUES["MISC"])
        colour = to_hex(blend(parse(HTML_PAGE), parse(hue), 0.6))
        rows.append(f'    <Label value="{lab}" background="{colour}"/>')
    return ("<View>\n"
            f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">\n' + "\n".join(rows) + "\n"
            "  </Labels>\n"
            "  <Relations>\n"
            f'    <Relation value="{SPEAKER}"/>\n'
            "  </Relations>\n"
            f'  <Text name="{TO_NAME}" value="$text"/>\n'
            "</View>\n")


LABELING_CONFIG = labeling_config()


def to_task(ann: Annotations) -> dict:
    result = [{"id": m.id, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
               "value": {"start": m.start, "end": m.end, "text": m.text, "labels": [m.label]}}
              for m in sorted(ann.mentions, key=lambda m: (m.start, m.end))]
    for q in sorted(ann.quotes, key=lambda q: (q.start, q.end)):
        result.append({"id": q.id, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                       "value": {"start": q.start, "end": q.end, "text": q.text,
                                 "labels": [QUOTE]}})
        mid = speaker_mention(ann, q)
        if mid is not None:  # the quotation -> its speaker's mention
            result.append({"from_id": q.id, "to_id": mid, "type": "relation",
                           "direction": "right", "labels": [SPEAKER]})
    data = {"text": ann.text}
    for key, value in (("title", ann.source.title), ("source", ann.source.path)):
        if value:
            data[key] = value
    version = f"{ann.model.name} {ann.model.version}".strip() or "personae"
    return {"data": data, "predictions": [{"model_version": version, "result": result}]}


def dumps(ann: Annotations) -> str:
    return json.dumps([to_task(ann)], ensure_ascii=False, indent=1) + "\n"


