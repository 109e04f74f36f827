"""The tables folder: its manifest, what is committed in it, and cleaning up after a kill.

``OUT/_personae.json`` says what made the tables: the tables schema, the
pipeline (name, version and the digest of its ``meta.json``) and the analysis
fingerprint (the analysis code and lexicons); a ``--resume`` with another
pipeline or analysis is refused, so one folder never mixes two. A partition
is committed when its ``articles`` file exists (it is renamed into place last);
the other tables' files of a partition without one, and temporary files, are
orphans of a killed write.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.export.parquet import EXTENSION, TABLES, TABLES_SCHEMA, read_table

MANIFEST = "_personae.json"
LOCK = "_personae.lock"
_PART = re.compile(r"\Apart-[0-9a-f]{16}" + re.escape(EXTENSION) + r"\Z")
_TMP = re.compile(r"\A\.part-.*\.tmp\Z")


class FolderError(Exception):
    """The folder cannot be used as asked (one line; exit status 2)."""


@dataclass
class Manifest:
    pipeline: dict
    analysis: str
    partition_size: int
    schema: str = TABLES_SCHEMA
    personae: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"schema": self.schema, "tables": list(TABLES), "pipeline": self.pipeline,
                "analysis": self.analysis, "partition_size": self.partition_size,
                "personae": self.personae, **self.extra}

    @classmethod
    def from_dict(cls, d: dict) -> Manifest:
        known = {"schema", "tables", "pipeline", "analysis", "partition_size", "personae"}
        return cls(dict(d.get("pipeline") or {}), str(d.get("analysis", "")),
                   int(d.get("partition_size") or 0), str(d.get("schema", "")),
                   str(d.get("personae", "")), {k: v for k, v in d.items() if k not in known})

    def same_analysis(self, other: Manifest) -> bool:
        keys = ("name", "version", "digest")
        return self.schema == other.schema and self.analysis == other.analysis and \
            all(self.pipeline.get(k) == other.pipeline.get(k) for k in keys)

    def describe(self) -> str:
        p = self.pipeline
        return (f"{p.get('name', '?')} {p.get('version', '?')} (digest {p.get('digest', '?')}), "
                f"analysis {self.analysis or '?'}")


def read_manifest(out: Path) -> Manifest | None:
    """The folder's manifest; None when there is none. Raises FolderError when it
    does not read."""
    from tui.fsutil import read_regular_text

    path = Path(out) / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(read_regular_text(path, 1024 * 1024))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return Manifest.from_dict(data)
    except (OSError, ValueError, TypeError) as exc:
        raise FolderError(f"{path}: not a Personae tables manifest ({exc})") from None


def write_manifest(out: Path, manifest: Manifest) -> None:
    from tui.fsutil import atomic_write_text

    atomic_write_text(Path(out) / MANIFEST,
                      json.dumps(manifest.to_dict(), indent=1, ensure_ascii=False) + "\n",
                      own=True)


def is_tables_folder(path: Path) -> bool:
    return Path(path).is_dir() and (Path(path) / MANIFEST).is_file()


def part_files(out: Path, table: str) -> dict[str, Path]:
    """The partition files of one table: partition name -> file."""
    folder = Path(out) / table
    try:
        with os.scandir(folder) as entries:
            return {e.name[:-len(EXTENSION)]: Path(e.path) for e in entries
                    if _PART.match(e.name)}
    except FileNotFoundError:
        return {}


@dataclass
class Committed:
    """The committed partitions of a folder, read from their files' footers: the paths
    of a partition's articles are read only when asked for (a resume of the same
    command never needs them: its partitions are known by name)."""

    files: dict[str, Path]
    rows: dict[str, int]
    failed: int

    def paths(self, name: str) -> list[str]:
        return read_table(self.files[name], ["path"]).column("path").to_pylist()


def committed(out: Path) -> Committed:
    """The committed partitions: how many articles each holds, how many failed in all."""
    import pyarrow.parquet as pq

    files = part_files(out, "articles")
    rows, failed = {}, 0
    for name, f in files.items():
        meta = pq.ParquetFile(f).metadata
        rows[name] = meta.num_rows
        nulls = _null_count(meta, "error")
        if nulls is None:
            nulls = read_table(f, ["error"]).column("error").null_count
        failed += meta.num_rows - nulls
    return Committed(files, rows, failed)


def _null_count(meta, column: str) -> int | None:
    """The nulls of ``column`` from a Parquet footer's statistics (None: not recorded)."""
    total = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for c in range(group.num_columns):
            col = group.column(c)
            if col.path_in_schema == column:
                st = col.statistics
                if st is None or not st.has_null_count:
                    return None
                total += st.null_count
    return total


def remove_orphans(out: Path) -> int:
    """Remove the files of partitions that were never committed and the temporary
    files of killed writes; how many were removed."""
    done = set(part_files(out, "articles"))
    removed = 0
    for table in TABLES:
        folder = Path(out) / table
        for name, f in part_files(out, table).items():
            if table != "articles" and name not in done:
                f.unlink(missing_ok=True)
                removed += 1
        try:
            with os.scandir(folder) as entries:
                stale = [e.path for e in entries if _TMP.match(e.name)]
        except FileNotFoundError:
            continue
        for p in stale:
            Path(p).unlink(missing_ok=True)
            removed += 1
    return removed


def clear(out: Path) -> None:
    """Remove the tables and the manifest (``--force``); nothing else in the folder."""
    for table in TABLES:
        folder = Path(out) / table
        if folder.is_dir() and not folder.is_symlink():
            for f in part_files(out, table).values():
                f.unlink(missing_ok=True)
            for p in folder.iterdir():
                if _TMP.match(p.name):
                    p.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                folder.rmdir()
    (Path(out) / MANIFEST).unlink(missing_ok=True)


def prepare(out: Path, manifest: Manifest, resume: bool, force: bool) -> Manifest:
    """Check and ready the folder for a run; the manifest the run goes by (on resume,
    the folder's own). Raises FolderError."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FolderError(f"{out}: not a folder (parquet tables are written into a folder)")
    old = read_manifest(out) if out.is_dir() else None
    if old is not None and force:
        clear(out)
        old = None
    if old is None:
        if out.is_dir() and any(p.name not in (LOCK, *TABLES) for p in out.iterdir()):
            raise FolderError(f"{out}: not empty and not a Personae tables folder")
        if out.is_dir() and any(part_files(out, t) for t in TABLES):
            raise FolderError(f"{out}: holds tables without {MANIFEST}; use --force to start over")
        out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (out / table).mkdir(exist_ok=True)
        write_manifest(out, manifest)
        return manifest
    if not resume:
        raise FolderError(f"{out}: already holds tables; use --resume to go on, "
                          "or --force to start over")
    if old.schema != TABLES_SCHEMA:
        raise FolderError(f"{out}: tables of another schema ({old.schema or 'unknown'}); "
                          "export to another folder")
    if not old.same_analysis(manifest):
        raise FolderError(f"{out}: holds the analyses of {old.describe()}; this run's are "
                          f"{manifest.describe()}: export to another folder, or use --force "
                          "to start over")
    for table in TABLES:
        (out / table).mkdir(exist_ok=True)
    return old


@contextlib.contextmanager
def locked(out: Path):
    """Hold the folder's lock for a run; FolderError when another run holds it."""
    import fcntl

    fd = os.open(Path(out) / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise FolderError(f"{out}: another export is writing into this folder") from None
        yield
    finally:
        os.close(fd)
