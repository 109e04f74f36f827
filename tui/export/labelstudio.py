"""``labelstudio``: Label Studio tasks, the analysis as pre-annotations (``predictions``) or
as completed ``annotations``, and Label Studio's own export read back.

A JSON list of tasks, as Label Studio imports them (Basic Label Studio JSON
format): each task has ``data`` (``text``, plus the title and source, and
``personae``: the rest of the ``personae/1`` document, as the ``jsonl``
format keeps it, so entities, roles and the source come back) and either
``predictions`` (the default: one prediction, ``model_version`` the
pipeline's name and version) or ``annotations`` (``as_="annotations"``, for
projects that want completed tasks), whose ``result`` holds one region per
mention::

    {"id": "m1", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 14, "text": "Serghei Lavrov", "labels": ["PER"]}}

``from_name``/``to_name`` are the names of the ``<Labels>`` and ``<Text>`` tags
of Label Studio's own Named Entity Recognition template (``LABELING_CONFIG``
below, with our labels and colours), so the file imports into a project made
from that template. Offsets are code points into ``text`` (Label Studio
counts code points since its 1.4 frontend).

Reading (:func:`loads_each`): a task list as Label Studio exports it (JSON),
or as this module writes it. The regions are taken from the task's latest
annotation that was not cancelled, else from its latest prediction; every
``labels`` region is a mention (other kinds of region are left out). The
regions are authoritative: a region added, removed or relabelled in Label
Studio is honoured; what ``data.personae`` kept gives back ids, entity names,
variants and roles for what is unchanged; mentions it does not know are
grouped by the name-variant rules.

Each quotation is a region labelled ``QUOTE`` and a ``relation`` (label
``speaker``) from it to its speaker's mention; reading back turns them into
quotations again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.document import Annotations, Quote
from tui.export.common import (
    FormatError,
    extra_of,
    guess_sentence,
    read_import_text,
    rebuild,
    speaker_mention,
)
from tui.export.validate import loads_json
from tui.palette import HTML_PAGE, HUES, LABEL_NAMES, blend, parse, to_hex

FROM_NAME = "label"
TO_NAME = "text"
#: where the analysis goes in a task: Label Studio's two kinds of result list
AS_CHOICES = ("predictions", "annotations")


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


def to_task(ann: Annotations, as_: str = "predictions") -> dict:
    if as_ not in AS_CHOICES:
        raise ValueError(f"as_ must be one of {AS_CHOICES}")
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
    data: dict[str, Any] = {"text": ann.text}
    for key, value in (("title", ann.source.title), ("source", ann.source.path)):
        if value:
            data[key] = value
    extra = extra_of(ann)
    extra.pop("tokens", None)  # Label Studio has its own; they would only weigh
    data["personae"] = extra
    version = f"{ann.model.name} {ann.model.version}".strip() or "personae"
    if as_ == "annotations":
        return {"data": data, "annotations": [{"result": result, "was_cancelled": False,
                                               "ground_truth": False}]}
    return {"data": data, "predictions": [{"model_version": version, "result": result}]}


def dumps(ann: Annotations, as_: str = "predictions") -> str:
    return dumps_corpus([ann], as_)


def dumps_corpus(anns: list[Annotations], as_: str = "predictions") -> str:
    """Every article in one task list: one file Label Studio imports as a whole."""
    return json.dumps([to_task(a, as_) for a in anns], ensure_ascii=False, indent=1) + "\n"


# -- reading Label Studio's export back --------------------------------------------------------

def is_task(obj: Any) -> bool:
    """Whether a JSON value is a Label Studio task (a dict whose ``data`` holds a text)."""
    return isinstance(obj, dict) and isinstance(obj.get("data"), dict) \
        and "schema" not in obj and isinstance(obj["data"].get("text"), str)


def _results(task: dict) -> list:
    """The regions of the task's latest annotation not cancelled, else of its latest
    prediction (Label Studio lists both oldest first)."""
    for key in ("annotations", "completions", "predictions"):  # completions: before 1.0
        items = task.get(key)
        if not isinstance(items, list):
            continue
        done = [a for a in items if isinstance(a, dict) and not a.get("was_cancelled")
                and isinstance(a.get("result"), list)]
        if done:
            return done[-1]["result"]
    return []


def from_task(task: dict) -> Annotations:
    if not is_task(task):
        raise FormatError("not a Label Studio task (no \"data\" with a \"text\")")
    data = task["data"]
    text = data["text"]
    spans = []
    results = _results(task)
    quote_regions: list[tuple[str, int, int]] = []
    region_at: dict[str, tuple[int, int]] = {}
    for region in results:
        if not isinstance(region, dict) or not isinstance(region.get("value"), dict):
            continue
        value = region["value"]
        labels = value.get("labels")
        if not (isinstance(labels, list) and labels and isinstance(labels[0], str)):
            continue  # a relation, a choice, a text area: not a mention
        start, end = value.get("start"), value.get("end")
        if type(start) is not int or type(end) is not int:
            raise FormatError(f"region {region.get('id', '?')!s:.20}: start and end must be "
                              "integers")
        if not 0 <= start < end <= len(text):
            raise FormatError(f"region {start}:{end} is outside the text")
        shown = value.get("text")
        if isinstance(shown, str) and shown != text[start:end]:
            raise FormatError(f"region {start}:{end} says {shown[:30]!r} but the text has "
                              f"{text[start:end][:30]!r} there")
        if labels[0] == QUOTE:  # a quotation, not a mention: its speaker by a relation
            quote_regions.append((str(region.get("id", "")), start, end))
            continue
        spans.append({"start": start, "end": end, "label": labels[0]})
        region_at[str(region.get("id", ""))] = (start, end)
    extra = data.get("personae") if isinstance(data.get("personae"), dict) else {}
    if not extra:
        extra = {"source": {"path": str(data.get("source", "") or ""), "sha256": "",
                            "title": str(data.get("title", "") or "")}}
    if not quote_regions:  # what the sidecar kept of the quotations applies
        return rebuild(text, spans, extra)
    ann = rebuild(text, spans, extra, quotes=[])
    ann.quotes = _quotes(ann, results, quote_regions, region_at)
    return ann


def _quotes(ann: Annotations, results: list, regions: list[tuple[str, int, int]],
            region_at: dict[str, tuple[int, int]]) -> list[Quote]:
    """The QUOTE regions as quotations, each speaker the entity of the mention its
    ``speaker`` relation points to (None where there is none)."""
    entity_at = {(m.start, m.end): m.entity for m in ann.mentions}
    speaker = {}
    for r in results:
        if (isinstance(r, dict) and r.get("type") == "relation"
                and SPEAKER in (r.get("labels") or [])):
            speaker[str(r.get("from_id"))] = entity_at.get(region_at.get(str(r.get("to_id"))))
    out = []
    for n, (rid, s, e) in enumerate(sorted(regions, key=lambda r: (r[1], r[2])), 1):
        out.append(Quote(f"q{n}", s, e, ann.text[s:e], "direct", speaker.get(rid) or None, s, s,
                         "", guess_sentence(ann.text, s, e), f"q{n}"))
    return out


def loads_each(data: str) -> list[Annotations | FormatError]:
    """Each task's article, or the reason it cannot be read (``task 2: …``)."""
    obj = loads_json(data)
    return each_task(obj)


def each_task(obj: Any) -> list[Annotations | FormatError]:
    items = obj if isinstance(obj, list) else [obj]
    out: list[Annotations | FormatError] = []
    for n, item in enumerate(items, 1):
        try:
            out.append(from_task(item))
        except FormatError as exc:
            out.append(FormatError(f"task {n}: {exc}"))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            out.append(FormatError(f"task {n}: bad task: {exc}"))
    return out


def read_each(path: Path) -> list[Annotations | FormatError]:
    return loads_each(read_import_text(path))
