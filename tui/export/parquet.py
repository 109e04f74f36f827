"""``parquet``: the annotations of many articles as tables, one Parquet file per partition.

A tables folder (``personae export PATH... --format parquet -o OUT/``) holds
one sub-folder per table, each with one file per partition
(``OUT/mentions/part-<id>.parquet``), and ``OUT/_personae.json`` (written by
:mod:`tui.batch.folder`). Every row carries ``article`` (the sha256 of the
article's text, the key the cache and the JSON export use) and ``path`` (the
article file's absolute path); ``id`` is the row's own id within its article
(``m1``, ``e1``, ``q1``), as in the ``personae/1`` JSON document.

- ``articles``: one row per article, also for an article that could not be
  read or analysed (``error`` holds its one-line reason, the counts are 0);
  title, date, byline, url, its text and how many rows it has in each table.
- ``mentions``: id, start, end, text, label, entity.
- ``entities``: id, label, name, variants, mentions (how many), ambiguous, group.
- ``roles``: entity, name (the entity's), label, mention, start, end, text,
  gloss, sentence_start, sentence_end.
- ``quotes``: id, start, end, text, kind, speaker, cue_start, cue_end, cue_text,
  sentence_start, sentence_end, group (the JSON document's quotes, flattened;
  empty until the analysis finds quotations).

Offsets are code-point indices into the article's text, as everywhere. The
rows are built here without pyarrow (plain dicts); pyarrow is imported only
to write or read a file (``pip install 'personae[parquet]'``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from tui.document import Annotations

TABLES_SCHEMA = "personae-tables/1"
#: the order a partition's files are committed in: the articles table last, so a
#: partition whose articles file exists is whole
TABLES = ("mentions", "entities", "roles", "quotes", "articles")
EXTENSION = ".parquet"

_KEY = [("article", "string"), ("path", "string")]
_SENTENCE = [("sentence_start", "int64"), ("sentence_end", "int64")]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": _KEY + [("title", "string"), ("date", "string"), ("byline", "string"),
                        ("url", "string"), ("chars", "int64"), ("mentions", "int32"),
                        ("entities", "int32"), ("roles", "int32"), ("quotes", "int32"),
                        ("error", "string"), ("text", "large_string")],
    "mentions": _KEY + [("id", "string"), ("start", "int64"), ("end", "int64"),
                        ("text", "string"), ("label", "string"), ("entity", "string")],
    "entities": _KEY + [("id", "string"), ("label", "string"), ("name", "string"),
                        ("variants", "list<string>"), ("mentions", "int32"),
                        ("ambiguous", "bool"), ("group", "string")],
    "roles": _KEY + [("entity", "string"), ("name", "string"), ("label", "string"),
                     ("mention", "string"), ("start", "int64"), ("end", "int64"),
                     ("text", "string"), ("gloss", "string")] + _SENTENCE,
    "quotes": _KEY + [("id", "string"), ("start", "int64"), ("end", "int64"),
                      ("text", "string"), ("kind", "string"), ("speaker", "string"),
                      ("cue_start", "int64"), ("cue_end", "int64"), ("cue_text", "string")]
    + _SENTENCE + [("group", "string")],
}


class MissingPyarrow(ImportError):
    """pyarrow is not installed (the ``parquet`` extra)."""


def require_pyarrow():
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingPyarrow("--format parquet needs pyarrow: pip install 'personae[parquet]'") \
            from None
    return pyarrow


def schema(table: str):
    """The pyarrow schema of ``table``."""
    pa = require_pyarrow()
    types = {"string": pa.string(), "large_string": pa.large_string(), "int64": pa.int64(),
             "int32": pa.int32(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS[table]])


def utf8(s: str) -> str:
    """``s`` as valid UTF-8: a file name that is not UTF-8 (held with surrogate escapes)
    keeps its bytes, written ``\\xe9``."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def empty_rows() -> dict[str, list[dict]]:
    return {t: [] for t in TABLES}


def add_article(rows: dict[str, list[dict]], path: str, ann: Annotations | None,
                error: str | None = None, text: str | None = None) -> None:
    """Append one article's rows to ``rows`` (table name -> list of row dicts): its
    analysis, or (``ann`` None) a row in ``articles`` with its one-line ``error``."""
    from tui.document import sha256_text

    path = utf8(path)
    if ann is None:
        rows["articles"].append({
            "article": sha256_text(text) if text is not None else None, "path": path,
            "title": "", "date": "", "byline": "", "url": "",
            "chars": len(text) if text is not None else 0, "mentions": 0, "entities": 0,
            "roles": 0, "quotes": 0, "error": error or "failed", "text": text})
        return
    aid = sha256_text(ann.text)
    key = {"article": aid, "path": path}
    mentions = sorted(ann.mentions, key=lambda m: (m.start, m.end))
    rows["mentions"].extend({**key, "id": m.id, "start": m.start, "end": m.end, "text": m.text,
                             "label": m.label, "entity": m.entity} for m in mentions)
    n_roles = 0
    for e in ann.entities:
        rows["entities"].append({**key, "id": e.id, "label": e.label, "name": e.name,
                                 "variants": list(e.variants), "mentions": len(e.mentions),
                                 "ambiguous": bool(e.ambiguous), "group": e.group})
        for r in sorted(e.roles, key=lambda r: (r.start, r.end)):
            n_roles += 1
            rows["roles"].append({**key, "entity": e.id, "name": e.name, "label": e.label,
                                  "mention": r.mention, "start": r.start, "end": r.end,
                                  "text": r.text, "gloss": r.gloss,
                                  "sentence_start": r.sentence[0],
                                  "sentence_end": r.sentence[1]})
    quotes = [q.to_dict() if hasattr(q, "to_dict") else dict(q)
              for q in getattr(ann, "quotes", None) or []]
    for q in quotes:
        cue = q.get("cue") or {}
        sentence = q.get("sentence") or [None, None]
        rows["quotes"].append({**key, "id": q.get("id"), "start": q.get("start"),
                               "end": q.get("end"), "text": q.get("text"),
                               "kind": q.get("kind"), "speaker": q.get("speaker"),
                               "cue_start": cue.get("start"), "cue_end": cue.get("end"),
                               "cue_text": cue.get("text"), "sentence_start": sentence[0],
                               "sentence_end": sentence[1], "group": q.get("group")})
    src = ann.source
    rows["articles"].append({**key, "title": utf8(src.title), "date": utf8(src.date),
                             "byline": utf8(src.byline), "url": utf8(src.url),
                             "chars": len(ann.text), "mentions": len(mentions),
                             "entities": len(ann.entities), "roles": n_roles,
                             "quotes": len(quotes), "error": None, "text": ann.text})


def table_bytes(table: str, rows: list[dict]) -> bytes:
    """One table's rows as the bytes of a Parquet file (zstd)."""
    require_pyarrow()
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = pa.Table.from_pylist(rows, schema=schema(table))
    buf = io.BytesIO()
    pq.write_table(data, buf, compression="zstd")
    return buf.getvalue()


def partition_file(out: Path, table: str, name: str) -> Path:
    return Path(out) / table / f"{name}{EXTENSION}"


def write_partition(out: Path, name: str, rows: dict[str, list[dict]]) -> None:
    """Commit one partition: every table written to a temporary file (and synced),
    then each renamed into place, ``articles`` last. A partition whose articles file
    exists is whole; files of the other tables without one are orphans (a write that
    was killed between the renames), removed by the next ``--resume``."""
    from tui.fsutil import atomic_write_many

    atomic_write_many([(partition_file(out, t, name), table_bytes(t, rows[t]))
                       for t in TABLES], own=True)  # TABLES ends with articles


def read_table(path: Path, columns: Iterable[str] | None = None):
    """One partition file as a pyarrow Table."""
    require_pyarrow()
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=list(columns) if columns is not None else None)


def annotations_from_rows(article: dict, mentions: list[dict], entities: list[dict],
                          roles: list[dict]) -> Annotations:
    """An article's analysis rebuilt from its rows (what the library index reads: the
    mentions, entities and roles; not the tokens, sentences or quotes)."""
    from tui.document import Entity, Mention, Role, Source

    ann = Annotations(text=article["text"] or "",
                      source=Source(path=article["path"], sha256=article["article"] or "",
                                    title=article["title"] or "", date=article["date"] or "",
                                    byline=article["byline"] or "", url=article["url"] or ""))
    ann.mentions = [Mention(m["id"], m["start"], m["end"], m["text"], m["label"],
                            m["entity"] or "") for m in mentions]
    by_entity: dict[str, list[str]] = {}
    for m in ann.mentions:
        by_entity.setdefault(m.entity, []).append(m.id)
    roles_of: dict[str, list[Role]] = {}
    for r in roles:
        roles_of.setdefault(r["entity"], []).append(
            Role(r["text"], r["start"], r["end"], r["mention"] or "",
                 (r["sentence_start"], r["sentence_end"]), r["gloss"] or ""))
    ann.entities = [Entity(e["id"], e["label"], e["name"], list(e["variants"] or []),
                           by_entity.get(e["id"], []), roles_of.get(e["id"], []),
                           bool(e["ambiguous"]), e["group"] or "") for e in entities]
    return ann
