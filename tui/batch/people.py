"""``personae people OUT/``: the library index built from a tables folder.

The people across the articles come from the tables' rows (mentions,
entities, roles and each article's title, date and text), partition by
partition, without the pipeline: the same index, grouping and output as
``personae people`` over the articles themselves. The index is kept in the
cache folder (``index/tables-<folder digest>.sqlite``), updated for the
partitions added since (an article is re-indexed when its text or the user's
corrections of it changed) and rebuilt when the tables were made by another
pipeline or analysis.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tui.batch.folder import FolderError, part_files, read_manifest
from tui.export.parquet import MissingPyarrow, annotations_from_rows, read_table, require_pyarrow


@dataclass
class TableArticle:
    """An article as the tables hold it (what the library index reads of an article)."""

    path: Path
    text: str
    title: str = ""
    date: str = ""
    url: str = ""

    @property
    def stem(self) -> str:
        return self.path.stem


def index_path(out: Path) -> Path:
    from tui.paths import cache_dir

    digest = hashlib.sha256(os.fsencode(os.path.abspath(out))).hexdigest()[:20]
    return cache_dir() / "index" / f"tables-{digest}.sqlite"


def _by_article(table) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for row in table.to_pylist():
        out.setdefault((row["article"], row["path"]), []).append(row)
    return out


def partition_articles(out: Path, name: str) -> list[tuple[TableArticle, object]]:
    """The analysed articles of one committed partition, with their analyses rebuilt."""
    arts = read_table(part_files(out, "articles")[name]).to_pylist()
    rows = {}
    for table in ("mentions", "entities", "roles"):
        f = part_files(out, table).get(name)
        rows[table] = _by_article(read_table(f)) if f is not None else {}
    items = []
    for a in arts:
        if a["error"] is not None or a["text"] is None:
            continue  # a failed article has nothing to index
        key = (a["article"], a["path"])
        ann = annotations_from_rows(a, rows["mentions"].get(key, []),
                                    rows["entities"].get(key, []), rows["roles"].get(key, []))
        items.append((TableArticle(Path(a["path"]), a["text"], a["title"] or "",
                                   a["date"] or "", a["url"] or ""), ann))
    return items


def open_index(out: Path):
    """The library index of a tables folder, up to date with its committed partitions.
    Raises FolderError, MissingPyarrow."""
    from tui.core.library import group_names
    from tui.store import index as library

    require_pyarrow()
    manifest = read_manifest(out)
    if manifest is None:
        raise FolderError(f"{out}: not a Personae tables folder")
    p = manifest.pipeline
    key = "/".join(["tables", str(library.INDEX_FORMAT), library._own_digest(),
                    manifest.analysis, f"{p.get('name')}|{p.get('version')}|{p.get('digest')}"])
    index = library.LibraryIndex(index_path(out), key, group_names)
    names = sorted(part_files(out, "articles"))
    paths = []
    for name in names:
        t = read_table(part_files(out, "articles")[name], ["path", "error"]).to_pylist()
        paths += [TableArticle(Path(r["path"]), "") for r in t if r["error"] is None]
    index.remove_missing(paths)
    for name in names:
        items = partition_articles(out, name)
        stale = set(index.pending([a for a, _ann in items]))
        if stale:
            index.put_many([item for i, item in enumerate(items) if i in stale])
    index.regroup()
    return index


def run_people_tables(args, out: Path) -> int:
    from tui.cli.people import dumps
    from tui.cli.report import reason, say, write_stdout

    try:
        index = open_index(out)
    except MissingPyarrow:
        say("reading parquet tables needs pyarrow: pip install 'personae[parquet]'")
        return 2
    except FolderError as exc:
        say(str(exc))
        return 2
    try:
        labels = None if args.label == "all" else (args.label,)
        text = dumps(index.people(labels, full=True), args.format)
    finally:
        index.close()
    if args.output == "-":
        write_stdout(text)
        return 0
    from tui.fsutil import atomic_write_text

    try:
        atomic_write_text(Path(args.output), text)
    except OSError as exc:
        say(f"{args.output}: cannot write: {reason(exc)}")
        return 1
    return 0
