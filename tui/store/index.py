"""The library index: who appears in which article, and as what, plus full-text search (SQLite).

Derived data only, kept in ``paths.cache_dir()/index/`` (one SQLite file per
library, named by the library's folders): it is built from each article's
analysis *as the user sees it* (cached analysis, the user's corrections
replayed), which the caller hands in, so this module never runs the pipeline
and never imports the application core. Analyses, corrections and the user's
decisions about people across articles (:mod:`tui.store.people_links`) stay
where they are: deleting the index loses nothing.

- **Incremental**: an article is re-indexed when its text hash or its
  corrections change, dropped when it leaves the library.
- **Rebuilt from scratch** when the file is missing, does not open as a
  database, fails SQLite's ``quick_check``, or was built by another index
  format, pipeline or analysis code (its ``meta`` row says which).
- **Never a traceback, never a shorter list**: any failure to open or read the
  index (a damaged page, a table of another shape, a bad value in a row, a
  folder where the file or its ``-wal`` goes) sets the damaged file aside
  (``NAME.damaged-STAMP``), says so in one line (:attr:`LibraryIndex.notice`)
  and rebuilds it. Where it cannot be kept at all (the cache folder unusable,
  read-only or full) or another process holds it locked past
  :data:`LOCK_WAIT` seconds, the index is built in memory for this run
  (:attr:`LibraryIndex.unwritable` says that nothing could be written). The
  caller's ``analyse`` must then give every article's analysis, not only the
  new ones': an article already analysed is never stored as not analysed.
- **People across articles**: each article's entities are grouped into
  persons by the grouping the caller hands in
  (:func:`tui.nlp.entities.across.group_names`, the same name rules as within an
  article); an entity the article itself flags ambiguous never joins anyone, two
  entities of one article never join by name, and the user's merges and splits
  are then replayed. The person rows are built by :mod:`tui.store.index_rows`.
- **Search**: an FTS5 table over each article's title, text, and its people's
  names, variants and roles (``unicode61``, diacritics removed: "vigano" finds
  "Viganò"); every word of a query is a prefix, all must match.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.document import Annotations, sha256_text
from tui.fsutil import read_regular_bytes
from tui.paths import cache_dir
from tui.provenance import analysis_fingerprint, peek_id
from tui.store import corrections, people_links, rules
from tui.store.index_rows import SEP as _SEP
from tui.store.index_rows import person_rows, roles_summary
from tui.store.index_rows import split as _split

INDEX_FORMAT = 3  # 3: quotations (entity.quotes, person.quotes, the fts column said)
#: how many companions the People screen lists for each person
#: search results are ranked (FTS5 bm25) when at most this many articles match
RANKED = 500
_BATCH = 200   # articles written per transaction while building
#: (people's names, other entities' (label, variants)) -> (name -> group, position -> group,
#: ambiguous groups): see tui.nlp.entities.across.group_names
GroupNames = Callable[[list[str], list[tuple[str, list[str]]]],
                      tuple[dict[str, int], dict[int, int], set[int]]]
#: seconds to wait for another process's lock on the index before counting in memory
LOCK_WAIT = 10.0


# --------------------------------------------------------------------------
# what the index hands out
# --------------------------------------------------------------------------

@dataclass
class RoleSeen:
    """A role one article gives a person."""

    text: str
    gloss: str
    date: str
    title: str
    article: str   # the article's key


@dataclass
class Person:
    id: int
    label: str
    name: str
    variants: list[str]
    articles: int
    mentions: int
    first_seen: str
    last_seen: str
    roles: list[RoleSeen]
    partners: list[str]
    ambiguous: bool = False
    summary: str = ""     # roles_line, as stored (a list reads this, not every role)
    quotes: int = 0       # how many quotations the library's articles give them

    def roles_line(self) -> str:
        """Each distinct role with its latest date, newest first."""
        if not self.roles:
            return self.summary
        return roles_summary([{"text": r.text, "date": r.date} for r in self.roles])


@dataclass
class Appearance:
    """One article in which a person appears: how often, as what, and where to select them."""

    article: str
    path: str
    title: str
    date: str
    mentions: int
    roles: list[str]
    start: int     # the first mention of the person's entity in that article
    end: int
    sha: str = ""
    quotes: list[str] = field(default_factory=list)  # what they said there, in text order


@dataclass
class Update:
    """What a call to :func:`tui.core.library.update` did."""

    indexed: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    rebuilt: bool = False


# --------------------------------------------------------------------------
# keys
# --------------------------------------------------------------------------

def article_key(article) -> str:
    """An article's name in the index: its absolute path (or its text's hash)."""
    path = getattr(article, "path", None)
    if path:
        return _absolute(str(path))
    url = getattr(article, "url", "")
    return url or "sha:" + sha256_text(article.text)


@functools.lru_cache(maxsize=1)
def _own_digest() -> str:
    """This module's code as loaded (read once per process, as the analysis fingerprint is)."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


@functools.lru_cache(maxsize=65536)
def _absolute(path: str) -> str:
    return os.path.abspath(path)


def library_id(articles: Iterable) -> str:
    """The library's name for its index file: its folders (so adding or removing an
    article keeps the same index)."""
    folders = sorted({str(Path(k).parent) if k.startswith("/") or Path(k).is_absolute() else "-"
                      for k in (article_key(a) for a in articles)})
    return hashlib.sha256("\0".join(folders).encode()).hexdigest()[:20]


def default_path(articles: Iterable) -> Path:
    return cache_dir() / "index" / f"library-{library_id(articles)}.sqlite"


def analysis_key(model: str | None) -> str:
    """What the index depends on besides the articles: its own format and code, the
    pipeline and the analysis code (so a new pipeline or analysis rebuilds it)."""
    ident = peek_id(model)
    parts = [str(INDEX_FORMAT), _own_digest(), analysis_fingerprint(),
             "|".join(ident) if ident else f"name:{model or ''}"]
    return "/".join(parts)


class _Corrections:
    """What the user changed about an article's analysis: its corrections file and the
    rules that apply everywhere, as one digest per article (read once per call)."""

    def __init__(self) -> None:
        try:
            self.rules = hashlib.sha256(read_regular_bytes(rules.path())).hexdigest()[:16]
        except OSError:
            self.rules = ""
        self.folder: Path | None = None

    def _path(self, text: str, sha: str) -> Path:
        if self.folder is None:   # the corrections' own naming, checked once
            first = corrections.path_for(text)
            self.folder = first.parent if first.name == f"{sha}.json" else Path()
            return first
        if self.folder == Path():
            return corrections.path_for(text)
        return self.folder / f"{sha}.json"

    def digest(self, text: str, sha: str) -> str:
        try:
            own = hashlib.sha256(read_regular_bytes(self._path(text, sha))).hexdigest()[:16]
        except OSError:
            own = ""
        return f"{own}/{self.rules}"


# --------------------------------------------------------------------------
# the index
# --------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE article(id INTEGER PRIMARY KEY, key TEXT UNIQUE, sha TEXT, corr TEXT, path TEXT,
                     title TEXT, date TEXT, analysed INTEGER, people INTEGER);
CREATE TABLE entity(id INTEGER PRIMARY KEY, article INTEGER, label TEXT, name TEXT,
                    variants TEXT, mentions INTEGER, first_start INTEGER, first_end INTEGER,
                    ambiguous INTEGER, roles TEXT, person INTEGER, quotes TEXT);
CREATE INDEX entity_article ON entity(article);
CREATE INDEX entity_person ON entity(person);
CREATE TABLE person(id INTEGER PRIMARY KEY, label TEXT, name TEXT, variants TEXT,
                    articles INTEGER, mentions INTEGER, first_seen TEXT, last_seen TEXT,
                    roles TEXT, partners TEXT, ambiguous INTEGER, summary TEXT, quotes INTEGER);
CREATE VIRTUAL TABLE article_fts USING fts5(title, body, people, said,
                    tokenize="unicode61 remove_diacritics 2");
"""

_WORD = re.compile(r"\w+", re.UNICODE)


class LibraryIndex:
    """One library's index. Thread-safe: the library's worker writes while the screens read."""

    def __init__(self, path: Path, key: str, group_names: GroupNames) -> None:
        """``group_names``: how the library's distinct names are grouped into persons
        (:func:`tui.nlp.entities.across.group_names`, which :mod:`tui.core.library` hands in:
        the index stores the groups, the language work is not its own)."""
        self.path = Path(path)
        self.group_names = group_names
        self.key = key
        self.rebuilt = False   # this open started from an empty index
        self.notice = ""       # one line for the user: set aside, or counted in memory
        self.in_memory = False
        self.unwritable = False   # the index could not be written (a full or read-only disk)
        self._lock = threading.RLock()
        self._memo: tuple | None = None   # the last grouping of names (see _groups)
        self._keys: dict[int, str] | None = None   # article row -> key, for search
        self._db = self._open()

    @classmethod
    def for_library(cls, articles: list, model: str | None, group_names: GroupNames
                    ) -> LibraryIndex:
        return cls(default_path(articles), analysis_key(model), group_names)

    # -- opening, checking, rebuilding --------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # the cache folder a file, a symlink loop, read-only, full
            return self._memory(f"cannot be kept ({_why(exc)})", unwritable=True)
        if any(os.path.lexists(f) for f in self._files()):
            try:
                if any(os.path.lexists(f) and not os.path.isfile(f) for f in self._files()):
                    raise _Damaged("not a file")
                db = self._connect()
                try:
                    ok = db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                    row = db.execute("SELECT v FROM meta WHERE k = 'key'").fetchone()
                except BaseException:
                    db.close()
                    raise
                if not ok:
                    db.close()
                    raise _Damaged("quick_check")
                if row is not None and row[0] == self.key:
                    return db
                db.close()
            except Exception as exc:  # noqa: BLE001 - sorted by _failure: locked, unwritable, damaged
                kind = failure_kind(exc)
                if kind is None:
                    raise
                return self._recover(kind, exc)
        try:
            return self._fresh()
        except Exception as exc:  # noqa: BLE001
            if failure_kind(exc) is None:
                raise
            return self._memory(f"cannot be written ({_why(exc)})", unwritable=True)

    def _files(self) -> list[str]:
        return [str(self.path) + suffix for suffix in ("", "-wal", "-shm", "-journal")]

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=LOCK_WAIT, check_same_thread=False,
                             isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            db.close()
            raise
        return db

    def _fresh(self, memory: bool = False) -> sqlite3.Connection:
        """An empty index in place of whatever was there (the index is derived data)."""
        if memory:
            db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        else:
            for f in self._files():
                Path(f).unlink(missing_ok=True)
            db = self._connect()
        try:
            db.executescript(_SCHEMA)
            db.execute("INSERT INTO meta VALUES ('key', ?), ('links', ''), ('grouped', '1')",
                       (self.key,))
        except BaseException:
            db.close()
            raise
        self.rebuilt = True
        return db

    def _memory(self, why: str, unwritable: bool = False) -> sqlite3.Connection:
        """An empty index in memory for this run, and the line that says why."""
        self.in_memory = True
        self.unwritable = self.unwritable or unwritable
        self.notice = f"the library index {self.path} {why}: people counted in memory for this run"
        return self._fresh(memory=True)

    def _set_aside(self) -> str:
        """Rename the damaged index (and its -wal, -shm, -journal) to a name of its own;
        the name it was given."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(1000):
            target = f"{self.path}.damaged-{stamp}{f'-{n}' if n else ''}"
            if not any(os.path.lexists(target + suffix) for suffix in ("", "-wal", "-shm",
                                                                       "-journal")):
                break
        else:
            raise OSError("no free name to keep the damaged library index")
        for f, suffix in zip(self._files(), ("", "-wal", "-shm", "-journal"), strict=True):
            if os.path.lexists(f):
                os.rename(f, target + suffix)
        return Path(target).name

    def _recover(self, kind: str, exc: BaseException) -> sqlite3.Connection:
        """A fresh index after a failure of the one in use: set aside and rebuilt when it
        was damaged, in memory when it is locked or cannot be written."""
        if kind == "locked":
            return self._memory(f"is in use by another process (waited {LOCK_WAIT:g} s)")
        if kind == "unwritable":
            return self._memory(f"cannot be written ({_why(exc)})", unwritable=True)
        if self.in_memory:
            raise exc
        try:
            kept = self._set_aside()
            db = self._fresh()
        except Exception as again:  # noqa: BLE001
            if failure_kind(again) is None:
                raise
            return self._memory(f"is damaged and cannot be rebuilt ({_why(again)})",
                                unwritable=True)
        self.notice = (f"the library index {self.path} was damaged ({_why(exc)}): it was "
                       f"set aside as {kept} and rebuilt")
        return db

    def reset(self, exc: BaseException | None = None) -> None:
        """Throw the index away and start empty (after an error reading it): a damaged
        file is set aside, a locked or unwritable one replaced by one in memory."""
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._keys = None
            self._memo = None
            kind = failure_kind(exc) if exc is not None else "damaged"
            self._db = self._recover(kind or "damaged", exc or _Damaged("unreadable"))

    def check(self) -> None:
        """Read every row the readers read, once (after an update): a value this module did
        not write raises here, where the caller can set the index aside and rebuild it,
        rather than in the middle of a list."""
        with self._lock:
            self.people(None, full=True)
            self.article_people()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _meta(self, k: str) -> str:
        row = self._db.execute("SELECT v FROM meta WHERE k = ?", (k,)).fetchone()
        return row[0] if row else ""

    def _set_meta(self, k: str, v: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))

    # -- keeping up with the library ---------------------------------------------------
    def pending(self, articles: list) -> list[int]:
        """The positions of the articles whose entry is missing or out of date."""
        try:
            with self._lock:
                known = {k: (sha, corr, analysed) for k, sha, corr, analysed in
                         self._db.execute("SELECT key, sha, corr, analysed FROM article")}
        except Exception as exc:  # noqa: BLE001 - a damaged or locked index: start again
            if failure_kind(exc) is None:
                raise
            self.reset(exc)
            return list(range(len(articles)))
        user = _Corrections()
        out = []
        for i, a in enumerate(articles):
            entry = known.get(article_key(a))
            if entry is None or not entry[2]:
                out.append(i)
                continue
            sha = sha256_text(a.text)
            if entry[0] != sha or entry[1] != user.digest(a.text, sha):
                out.append(i)
        return out

    def put(self, article, ann: Annotations | None) -> None:
        """Index one article with its analysis as the user sees it (None: not analysed yet,
        listed and searchable by title and text only)."""
        self.put_many([(article, ann)])

    def put_many(self, items: list[tuple[object, Annotations | None]]) -> None:
        """Index several articles in one transaction."""
        user = _Corrections()
        rows = [self._rows(a, ann, user) for a, ann in items]
        with self._lock, self._db:
            self._keys = None   # rebuilt by the next search, under the same lock
            self._db.execute("BEGIN")
            for key, article_row, entity_rows, fts in rows:
                self._delete(key)
                aid = self._db.execute(
                    "INSERT INTO article(key, sha, corr, path, title, date, analysed, people) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (key, *article_row)).lastrowid
                self._db.executemany(
                    "INSERT INTO entity(article, label, name, variants, mentions, first_start, "
                    "first_end, ambiguous, roles, quotes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(aid, *r) for r in entity_rows])
                self._db.execute("INSERT INTO article_fts(rowid, title, body, people, said) "
                                 "VALUES (?, ?, ?, ?, ?)", (aid, *fts))
            self._set_meta("grouped", "0")

    @staticmethod
    def _rows(article, ann: Annotations | None, user: _Corrections):
        text = article.text
        sha = sha256_text(text)
        rows = []
        names: list[str] = []
        if ann is not None:
            for e in ann.entities:
                ms = ann.mentions_of(e.id)
                if not ms:
                    continue
                roles = [{"text": r.text, "gloss": r.gloss} for r in e.distinct_roles()]
                said = [q.text for q in ann.quotes_of(e.id)] if e.label == "PER" else []
                rows.append((e.label, e.name, _SEP.join(e.variants),
                             len(ms), ms[0].start, ms[0].end, int(e.ambiguous),
                             json.dumps(roles, ensure_ascii=False) if roles else "",
                             json.dumps(said, ensure_ascii=False) if said else ""))
                names.extend(e.variants)
                names.extend(r["text"] for r in roles)
        people = sum(1 for r in rows if r[0] == "PER")
        title = article.title or getattr(article, "stem", "")
        article_row = (sha, user.digest(text, sha),
                       str(article.path) if getattr(article, "path", None) else "",
                       title, article.date or "", int(ann is not None), people)
        said = " · ".join(q.text for q in ann.quotes) if ann is not None else ""
        return article_key(article), article_row, rows, (article.title or "", text,
                                                         " · ".join(names), said)

    def _delete(self, key: str) -> bool:
        row = self._db.execute("SELECT id FROM article WHERE key = ?", (key,)).fetchone()
        if row is None:
            return False
        self._db.execute("DELETE FROM entity WHERE article = ?", row)
        self._db.execute("DELETE FROM article_fts WHERE rowid = ?", row)
        self._db.execute("DELETE FROM article WHERE id = ?", row)
        return True

    def remove_missing(self, articles: list) -> int:
        """Drop the articles that are no longer in the library."""
        keep = {article_key(a) for a in articles}
        with self._lock, self._db:
            self._keys = None
            self._db.execute("BEGIN")
            gone = [k for (k,) in self._db.execute("SELECT key FROM article") if k not in keep]
            for k in gone:
                self._delete(k)
            if gone:
                self._set_meta("grouped", "0")
        return len(gone)

    # -- grouping ---------------------------------------------------------------------
    def regroup(self, force: bool = False) -> bool:
        """Group the article entities into persons again if anything changed since the
        last time (articles, or the user's decisions). True if it regrouped."""
        with self._lock:
            links = people_links.digest()
            if not force and self._meta("grouped") == "1" and self._meta("links") == links:
                return False
            rows = self._db.execute(
                "SELECT e.id, e.label, e.name, e.variants, e.mentions, e.ambiguous, e.roles, "
                "e.first_start, e.first_end, a.id, a.sha, a.date, a.title, a.key, e.person, "
                "e.quotes FROM entity e JOIN article a ON a.id = e.article").fetchall()
            group, ambiguous = self._groups(rows)
            persons = person_rows(rows, group, ambiguous)
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM person")
                self._db.executemany(
                    "INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", persons)
                self._db.executemany("UPDATE entity SET person = ? WHERE id = ?",
                                     [(group[r[0]], r[0]) for r in rows if r[14] != group[r[0]]])
                self._set_meta("grouped", "1")
                self._set_meta("links", links)
            return True

    def _groups(self, rows: list) -> tuple[dict[int, int], set[int]]:
        """entity row id -> person number; the persons that are ambiguous names.

        The grouping is a function of the distinct names alone, so it is kept for the
        next call and reused while the library's set of names stays the same."""
        people = [r for r in rows if r[1] == "PER" and not r[5]]
        lone = [r for r in rows if r[1] == "PER" and r[5]]
        others = [r for r in rows if r[1] != "PER"]
        names = sorted({r[2] for r in people})
        forms = sorted({(r[1], r[3] or r[2]) for r in others})
        memo_key = (tuple(names), tuple(forms))
        if self._memo is not None and self._memo[0] == memo_key:
            by_name, by_form, ambiguous_groups = self._memo[1:]
        else:
            by_name, by_pos, ambiguous_groups = self.group_names(
                names, [(label, _split(v)) for label, v in forms])
            by_form = {f: by_pos[i] for i, f in enumerate(forms)}
            self._memo = (memo_key, by_name, by_form, ambiguous_groups)
        group: dict[int, int] = {r[0]: by_name[r[2]] for r in people}
        base = max(by_name.values(), default=-1) + 1
        ambiguous = set(ambiguous_groups)
        for k, r in enumerate(lone):
            group[r[0]] = base + k
            ambiguous.add(base + k)
        base += len(lone)
        for r in others:
            group[r[0]] = base + by_form[(r[1], r[3] or r[2])]
        # an article has already told its entities apart (or the user has, splitting one):
        # two of one article never join by name; the most specific name keeps the group
        base = max(group.values(), default=-1) + 1
        shared: dict[tuple[int, int], list] = defaultdict(list)
        for r in rows:
            shared[(r[9], group[r[0]])].append(r)
        for rs in shared.values():
            if len(rs) > 1:
                rs.sort(key=lambda r: (-len(r[2].split()), -len(r[2]), -r[4], r[0]))
                for r in rs[1:]:
                    group[r[0]] = base
                    base += 1
        # the user's decisions, by stable reference
        ref_of = {r[0]: (r[10], r[7], r[8]) for r in rows}
        by_ref = {ref_of[r[0]]: group[r[0]] for r in rows}
        by_ref = people_links.replay(by_ref, people_links.load_ops())
        return {r[0]: by_ref[ref_of[r[0]]] for r in rows}, ambiguous

    # -- reading ---------------------------------------------------------------------
    def people(self, labels: Iterable[str] | None = ("PER",), full: bool = False) -> list[Person]:
        """Everyone in the index (of these labels; None: all), most articles first. Without
        ``full`` each person's roles come as the one-line summary only (``roles_line``),
        which is what a list needs and is fast to read."""
        self.regroup()
        cols = "*" if full else ("id, label, name, variants, articles, mentions, first_seen, "
                                 "last_seen, '', partners, ambiguous, summary, quotes")
        sql = f"SELECT {cols} FROM person"
        args: tuple = ()
        if labels is not None:
            labels = tuple(labels)
            sql += f" WHERE label IN ({','.join('?' * len(labels))})"
            args = labels
        sql += " ORDER BY articles DESC, mentions DESC, name"
        with self._lock:
            try:
                return [_person(r) for r in self._db.execute(sql, args)]
            except Exception as exc:  # noqa: BLE001 - never a shorter list
                if failure_kind(exc) is None:
                    raise
                raise IndexFailure(_why(exc)) from exc

    def person(self, pid: int) -> Person | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM person WHERE id = ?", (pid,)).fetchone()
        return _person(row) if row else None

    def person_of(self, sha: str, start: int, end: int) -> Person | None:
        """The person an article's entity belongs to now (named as in Appearance)."""
        with self._lock:
            row = self._db.execute(
                "SELECT p.* FROM entity e JOIN article a ON a.id = e.article JOIN person p "
                "ON p.id = e.person WHERE a.sha = ? AND e.first_start = ? AND e.first_end = ?",
                (sha, start, end)).fetchone()
        return _person(row) if row else None

    def appearances(self, pid: int) -> list[Appearance]:
        """The articles a person appears in, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT a.key, a.path, a.title, a.date, e.mentions, e.roles, e.first_start, "
                "e.first_end, a.sha, e.quotes FROM entity e JOIN article a ON a.id = e.article "
                "WHERE e.person = ? ORDER BY a.date DESC, a.title", (pid,)).fetchall()
        return [Appearance(k, p, t, d, n, [r["text"] for r in json.loads(roles)] if roles else [],
                           s, e, sha, json.loads(said) if said else [])
                for k, p, t, d, n, roles, s, e, sha, said in rows]

    def article_people(self) -> dict[str, int]:
        """Each indexed article's number of people."""
        with self._lock:
            return {k: n for k, n in
                    self._db.execute("SELECT key, people FROM article WHERE analysed = 1")}

    def search(self, query: str) -> list[str]:
        """The keys of the articles whose title, text, people, roles or quotations hold every word of
        ``query`` (as a prefix, accents and case ignored): best match first when at most
        ``RANKED`` articles match (ranking costs more than matching), else in the order
        they were indexed. A query that opens with a quotation mark (``"pazienza``,
        ``«pazienza``) looks only in the quotations."""
        words = _WORD.findall(query)
        if not words:
            return []
        match = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        if query.lstrip()[:1] in ('"', "«", "“"):  # «words»: only what someone said
            match = f"said : ({match})"
        with self._lock:
            ids = [i for (i,) in self._db.execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", (match,))]
            if 1 < len(ids) <= RANKED:
                ids = [i for (i,) in self._db.execute(
                    "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank",
                    (match,))]
            if self._keys is None:
                self._keys = dict(self._db.execute("SELECT id, key FROM article"))
            keys = self._keys
        return [keys[i] for i in ids if i in keys]

    def stats(self) -> dict[str, int]:
        with self._lock:
            one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
            return {"articles": one("SELECT count(*) FROM article"),
                    "entities": one("SELECT count(*) FROM entity"),
                    "persons": one("SELECT count(*) FROM person")}

    # -- the user's decisions across articles ------------------------------------------
    def _ref(self, pid: int) -> tuple[str, int, int] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT a.sha, e.first_start, e.first_end FROM entity e JOIN article a "
                "ON a.id = e.article WHERE e.person = ? ORDER BY e.mentions DESC LIMIT 1",
                (pid,)).fetchone()
        return tuple(row) if row else None

    def merge(self, keep: int, other: int) -> dict | None:
        """Record that two persons are one (replayed on every regrouping); the decision
        recorded (for an undo), or None when there was nothing to merge."""
        a, b = self._ref(keep), self._ref(other)
        if a is None or b is None or a == b:
            return None
        op = people_links.merge_op(a, b)
        people_links.record(op)
        self.regroup()
        return op

    def split_off(self, appearance: Appearance) -> dict:
        """Record that a person's entity in one article is someone else; the decision."""
        op = people_links.split_op((appearance.sha, appearance.start, appearance.end))
        people_links.record(op)
        self.regroup()
        return op

    def take_back(self, op: dict) -> bool:
        """Undo a decision ``merge`` or ``split_off`` recorded; False if it is not there."""
        if not people_links.unrecord(op):
            return False
        self.regroup()
        return True

    def record_again(self, op: dict) -> None:
        """Redo a decision taken back."""
        people_links.record(op)
        self.regroup()


def _person(row) -> Person:
    (pid, label, name, variants, arts, mentions, first, last, roles, partners, amb, summary,
     quotes) = row
    return Person(pid, label, name, _split(variants), arts, mentions, first, last,
                  [RoleSeen(r["text"], r.get("gloss", ""), r["date"], r["title"], r["article"])
                   for r in (json.loads(roles) if roles else [])], _split(partners), bool(amb),
                  summary or "", int(quotes or 0))


class _Damaged(Exception):
    """The index file is not what this module wrote."""


class IndexFailure(Exception):
    """The index could not be read even after being rebuilt."""


# SQLite's primary result codes: busy, locked; permission, read-only, I/O, full, cannot open
_LOCKED_CODES = {5, 6}
_UNWRITABLE_CODES = {3, 8, 10, 13, 14}


def failure_kind(exc: BaseException | None) -> str | None:
    """What a failure of the index is: "locked" (another process holds it),
    "unwritable" (a full or read-only disk, no permission), "damaged" (anything the file
    holds that this module did not write), or None (not the index's failure)."""
    if isinstance(exc, _Damaged):
        return "damaged"
    if isinstance(exc, IndexFailure):
        return failure_kind(exc.__cause__) or "damaged"
    if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None   # this process's own misuse (a closed index): not the file's fault
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        text = str(exc).lower()
        if (code is not None and code & 0xFF in _LOCKED_CODES) or "locked" in text:
            return "locked"
        if (code is not None and code & 0xFF in _UNWRITABLE_CODES) or any(
                w in text for w in ("readonly", "read-only", "disk is full", "disk i/o",
                                    "unable to open")):
            return "unwritable"
        return "damaged"
    if isinstance(exc, OSError):
        return "unwritable" if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES,
                                             errno.EPERM, errno.EDQUOT) else "damaged"
    if isinstance(exc, ValueError | TypeError | KeyError | IndexError | AttributeError):
        return "damaged"   # UnicodeDecodeError and JSONDecodeError are ValueErrors
    return None


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split())[:120] or type(exc).__name__
