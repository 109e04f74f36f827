"""``jsonl``: one line per article, as Prodigy and spaCy's tooling read it.

Each line: ``text``; ``tokens`` (text, start, end, id, ws; whitespace tokens
included, so the ids are spaCy token indices); ``spans`` (start, end, label,
token_start, token_end — inclusive, as Prodigy has it —, text, plus the
mention ``id`` and its ``entity``; a quotation is a span labelled ``QUOTE`` with its
``kind``, ``group``, ``speaker`` (entity id or null) and ``speaker_mention``);
``relations`` (Prodigy's format: each quotation, head, linked to its speaker's mention,
child, label ``SPEAKER``); ``meta`` (a few strings Prodigy shows, the number of quotations);
and ``personae``: the rest of the ``personae/1`` document (entities with
names, variants and roles; source; model; sentences) so the file reads back
without loss.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path

from tui.document import Annotations
from tui.export.common import (
    FormatError,
    extra_of,
    read_import_text,
    rebuild,
    refuse_items,
    speaker_mention,
    split_tokens,
    words_and_spaces,
)
from tui.export.doccano import restore
from tui.export.validate import check_spans, loads_json

_SHA256 = re.compile("[0-9a-f]{64}")
#: the label of a quotation's span, and of its link to the speaker's mention
QUOTE = "QUOTE"
SPEAKER = "SPEAKER"


def to_record(ann: Annotations) -> dict:
    toks = split_tokens(ann)
    words, spaces, starts = words_and_spaces(ann.text, toks)
    tokens = [{"text": w, "start": s, "end": s + len(w), "id": i, "ws": sp}
              for i, (w, sp, s) in enumerate(zip(words, spaces, starts, strict=True))]
    spans = []
    for m in sorted(ann.mentions, key=lambda m: (m.start, m.end)):
        # the tokens holding the first and the last character (token_end inclusive)
        first = bisect_right(starts, m.start) - 1
        last = bisect_right(starts, m.end - 1) - 1
        spans.append({"start": m.start, "end": m.end, "label": m.label,
                      "token_start": first, "token_end": last,
                      "text": m.text, "id": m.id, "entity": m.entity})
    relations = []
    by_id = {sp["id"]: sp for sp in spans}
    for q in sorted(ann.quotes, key=lambda q: (q.start, q.end)):
        first = bisect_right(starts, q.start) - 1
        last = bisect_right(starts, q.end - 1) - 1
        mid = speaker_mention(ann, q)
        span = {"start": q.start, "end": q.end, "label": QUOTE, "token_start": first,
                "token_end": last, "text": q.text, "id": q.id, "kind": q.kind,
                "group": q.group or q.id, "speaker": q.speaker, "speaker_mention": mid}
        spans.append(span)
        if mid is not None:  # Prodigy's relations: the quotation -> its speaker's mention
            child = by_id[mid]
            relations.append({
                "head": first, "child": child["token_start"], "label": SPEAKER,
                "head_span": {k: span[k] for k in ("start", "end", "token_start", "token_end", "label")},
                "child_span": {k: child[k] for k in ("start", "end", "token_start", "token_end", "label")}})
    meta = {k: v for k, v in (("title", ann.source.title), ("source", ann.source.path),
                              ("date", ann.source.date), ("sha256", ann.source.sha256),
                              ("model", f"{ann.model.name} {ann.model.version}".strip()))
            if v}
    extra = extra_of(ann)
    extra.pop("tokens", None)  # the tokens are above
    if ann.quotes:
        meta["quotes"] = str(len(ann.quotes))
    return {"text": ann.text, "tokens": tokens, "spans": spans, "relations": relations,
            "meta": meta, "personae": extra}


#: the most lines a JSON Lines import may have (each bad one is a line on stderr)
MAX_IMPORT_LINES = 1_000_000


def dumps(ann: Annotations) -> str:
    return json.dumps(to_record(ann), ensure_ascii=False) + "\n"


def from_record(rec: dict) -> Annotations:
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise FormatError("a line has no \"text\"")
    # a doccano line written with --bmp: its emoji put back where they were (same offsets)
    text = restore(rec["text"], rec.get("meta"))
    raw_spans = rec.get("spans") if rec.get("spans") else _other_tools_spans(rec)
    check_spans(raw_spans or [])
    # quotations come back from the "personae" key: their spans are not mentions
    raw_spans = [sp for sp in raw_spans or [] if sp.get("label") != QUOTE]
    spans = [{"start": sp["start"], "end": sp["end"], "label": sp["label"],
              "id": sp.get("id"), "entity": sp.get("entity")} for sp in raw_spans or []]
    tokens = None
    raw_tokens = rec.get("tokens")
    if raw_tokens and isinstance(raw_tokens, list) and all(
            isinstance(t, dict) and type(t.get("start")) is int and type(t.get("end")) is int
            and 0 <= t["start"] <= t["end"] <= len(text) for t in raw_tokens):
        tokens = [(t["start"], t["end"]) for t in raw_tokens if str(t.get("text", "x")).strip()]
    extra = rec.get("personae") if isinstance(rec.get("personae"), dict) else {}
    if not extra:
        meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        sha = str(meta.get("sha256", ""))
        extra = {"source": {"path": str(meta.get("source", "")), "title": str(meta.get("title", "")),
                            "sha256": sha if _SHA256.fullmatch(sha) else "",
                            "date": str(meta.get("date", "")),
                            "byline": str(meta.get("byline", ""))}}
        # what the line says of the pipeline ("it_personae 0.2.0", as to_record writes it)
        name, _, version = str(meta.get("model", "")).strip().partition(" ")
        if name:
            lang = str(meta.get("lang", "")) or name.partition("_")[0]
            extra["model"] = {"name": name, "version": version.strip(), "lang": lang}
    return rebuild(text, spans, extra, tokens=tokens)


def _other_tools_spans(rec: dict) -> list | None:
    """The spans of a line from doccano: ``label`` as [start, end, LABEL] triples (sequence
    labelling) or ``entities`` with ``start_offset``/``end_offset`` (relations)."""
    label = rec.get("label")
    if isinstance(label, list) and all(isinstance(t, list) and len(t) == 3 for t in label):
        return [{"start": a, "end": b, "label": lab} for a, b, lab in label]
    ents = rec.get("entities")
    if isinstance(ents, list) and all(isinstance(e, dict) and "start_offset" in e for e in ents):
        return [{"start": e.get("start_offset"), "end": e.get("end_offset"), "label": e.get("label")}
                for e in ents]
    return None


def loads_each(data: str) -> list[Annotations | FormatError]:
    """Each line's article, or the reason it cannot be read (``line N: …``)."""
    refuse_items(data)
    if data.count("\n") > MAX_IMPORT_LINES:
        raise FormatError(f"refused: more than {MAX_IMPORT_LINES:,} lines")
    out: list[Annotations | FormatError] = []
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(from_record(loads_json(line)))
        except FormatError as exc:
            out.append(FormatError(f"line {n}: {exc}"))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            out.append(FormatError(f"line {n}: bad record: {exc}"))
    return out


def read_each(path: Path) -> list[Annotations | FormatError]:
    return loads_each(read_import_text(path))
