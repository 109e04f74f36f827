"""The lexicon tables Personae reads from disk, shipped and the user's, with their reader.

Shipped tables live in ``tui/nlp/data``; files with the same names in the user's
configuration folder (:func:`tui.paths.config_dir`, which honours
``PERSONAE_CONFIG_DIR``) are read after them and extend or override them.

- ``roles_it.tsv``: role heads and their qualifiers, with English glosses
  (:class:`Entry`, kinds in :class:`EntryKind`);
- ``places_it.tsv``: nationality adjectives, countries, cities and organisations
  that qualify a role, with their English adjective and name (:class:`Place`).
- ``aliases_it.tsv`` (user file ``aliases.tsv``): names of one organisation, place or
  person (:func:`aliases`, read by the entity builder).

All three are documented in their headers. :func:`read_tsv` is the one reader of
these tab-separated files (comments and blank lines skipped);
:func:`lexicon_paths` names them, shipped first; :func:`load_lexicon` builds the
indexed :class:`Lexicon` the role matcher uses (cached; :func:`reload_lexicon`
forgets it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from tui.fsutil import read_regular_bytes
from tui.nlp.entities.names import org_key
from tui.nlp.entities.unionfind import UnionFind
from tui.nlp.lang_it import ROLE_FUNCTION_WORDS
from tui.paths import config_dir

DATA_DIR = Path(__file__).resolve().parent / "data"
ROLES_FILE = "roles_it.tsv"
PLACES_FILE = "places_it.tsv"

# the columns of each table (missing trailing columns read as "")
ROLES_COLUMNS = 4  # italian, english, kind, forms
PLACES_COLUMNS = 3  # italian forms, adjective, name
REMOVE = "-"  # an english gloss of "-" in the user's roles file removes the shipped entry

# words too short to inflect ("ad", "re")
MIN_INFLECTED = 3

class EntryKind(StrEnum):
    """What a line of the roles table is."""

    ROLE = "role"  # a role head: the phrase is built around it
    PRE = "pre"  # a qualifier written before the role ("ex", "vice")
    POST = "post"  # a qualifier written after the role ("eletto", "uscente")


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]
    gloss: str
    kind: EntryKind


@dataclass(frozen=True)
class Place:
    words: tuple[str, ...]
    exact: bool  # capitalised forms must match case ("Usa", not the verb "usa")
    surface: tuple[str, ...]
    adjective: str
    name: str


@dataclass
class Lexicon:
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # by form of 1st word
    forms: dict[str, set[str]] = field(default_factory=dict)  # word -> accepted forms
    places: dict[str, list[Place]] = field(default_factory=dict)  # by 1st word, lower

    def index(self, by_key: dict[tuple[tuple[str, ...], EntryKind], Entry]) -> None:
        self.entries.clear()
        for entry in by_key.values():
            for w in entry.words:
                if w not in self.forms:
                    self.forms[w] = inflections(w)
            for form in self.forms[entry.words[0]]:
                self.entries.setdefault(form, []).append(entry)
        for entries in self.entries.values():
            entries.sort(key=lambda e: -len(e.words))


# -- words as the lexicon writes them ------------------------------------------------------


def norm(s: str) -> str:
    """Lower case, typographic apostrophes made straight."""
    return s.lower().replace("’", "'").replace("‘", "'").replace("`", "'")


_SPLIT = re.compile(r"[^\s'\-]+'|-|[^\s'\-]+")


def split_words(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase the way the tokenizer splits text: "dell'interno" ->
    ("dell'", "interno"), "co-fondatore" -> ("co", "-", "fondatore")."""
    return tuple(_SPLIT.findall(norm(phrase)))


def surface_words(phrase: str) -> tuple[str, ...]:
    """``phrase`` split like :func:`split_words`, keeping its case."""
    return tuple(_SPLIT.findall(phrase.replace("’", "'")))


def inflections(word: str) -> set[str]:
    """The masculine singular ``word`` and its usual feminine and plural forms."""
    w = norm(word)
    out = {w}
    if len(w) < MIN_INFLECTED or w in ROLE_FUNCTION_WORDS or not w.isalpha():
        return out
    if w.endswith("tore"):
        out |= {w[:-4] + "trice", w[:-4] + "trici", w[:-1] + "i", w[:-1] + "a", w[:-1] + "e"}
    if w.endswith("sore") or w.endswith("ssore"):
        out |= {w[:-1] + "essa", w[:-1] + "esse"}
    if w.endswith("io"):
        out |= {w[:-1], w[:-1] + "a", w[:-1] + "e"}
    elif w.endswith(("co", "go")):
        out |= {w[:-1] + "a", w[:-1] + "i", w[:-1] + "hi", w[:-1] + "he"}
    elif w.endswith("o"):
        out |= {w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"}
    elif w.endswith("e"):
        out |= {w[:-1] + "i", w[:-1] + "essa", w[:-1] + "esse", w[:-1] + "a"}
    elif w.endswith(("ca", "ga")):
        out |= {w[:-1] + "hi", w[:-1] + "he"}
    elif w.endswith("a"):
        out |= {w[:-1] + "i", w[:-1] + "e", w[:-1] + "essa", w[:-1] + "esse"}
    return out


# -- reading the tables --------------------------------------------------------------------


MAX_LEXICON_BYTES = 16 * 1024 * 1024
_PROBLEMS: list[str] = []
_UNSAFE_LINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")


def _note(path: Path, line: int | None, why: str) -> None:
    where = f"{path} line {line}" if line else str(path)
    msg = f"{where}: {why}"
    if msg not in _PROBLEMS:
        _PROBLEMS.append(msg)


def problems() -> list[str]:
    """What was wrong in the lexicon files read so far (``roles_it.tsv line 3: …``), one
    line each: the bad lines (or files) were skipped, the rest is in use."""
    return list(_PROBLEMS)


def read_lines(path: Path) -> list[tuple[int, str]]:
    """The numbered lines of a lexicon file, decoded as articles are (UTF-8, else the
    legacy encoding the bytes show). Only a regular file is read, at most
    ``MAX_LEXICON_BYTES`` (a FIFO or a device there is skipped, never waited on); a
    file that cannot be read and a line holding control characters are skipped and
    noted in :func:`problems`. A missing file has no lines."""
    # here, not above: tui.sources runs its whole package (every reader) when imported
    from tui.sources import SourceError, decode

    path = Path(path)
    try:
        data = read_regular_bytes(path, MAX_LEXICON_BYTES)
    except FileNotFoundError:
        return []
    except OSError as exc:
        _note(path, None, f"{exc.strerror or exc}; file skipped")
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # as an article would be: the legacy encoding its bytes show
            text, encoding = decode(data)
            _note(path, None, f"not UTF-8, read as {encoding}")
        except SourceError:  # no one encoding: the lines that are not UTF-8 are skipped
            text = data.decode("utf-8", "replace")
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if _UNSAFE_LINE.search(line):
            _note(path, n, "control characters or undecodable bytes; line skipped")
            continue
        out.append((n, line))
    return out


def read_tsv(path: Path) -> Iterator[list[str]]:
    """The rows of a tab-separated lexicon file, each a list of stripped cells; lines
    starting with ``#`` and blank lines are skipped (see :func:`read_lines`)."""
    for _n, cols in numbered_rows(path):
        yield cols


def numbered_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """:func:`read_tsv` with each row's line number (for saying which line was skipped)."""
    for n, line in read_lines(path):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield n, [c.strip() for c in line.split("\t")]


def user_dir() -> Path:
    """The folder of the user's own lexicon files (the configuration folder)."""
    return config_dir()


def lexicon_paths(user: bool = True) -> list[tuple[Path, Path]]:
    """(roles file, places file) pairs, shipped first, then the user's (which may not exist)."""
    pairs = [(DATA_DIR / ROLES_FILE, DATA_DIR / PLACES_FILE)]
    if user:
        d = user_dir()
        pairs.append((d / ROLES_FILE, d / PLACES_FILE))
    return pairs


def _padded(cols: list[str], n: int) -> list[str]:
    return (cols + [""] * (n - len(cols)))[:n]


@lru_cache(maxsize=2)
def load_lexicon(user: bool = True) -> Lexicon:
    """The roles and places tables, shipped and (with ``user``) the user's, indexed."""
    lex = Lexicon()
    by_key: dict[tuple[tuple[str, ...], EntryKind], Entry] = {}
    extra_forms: dict[str, set[str]] = {}
    kinds = {k.value: k for k in EntryKind}
    for roles_path, places_path in lexicon_paths(user):
        if roles_path.is_file():
            for n, cols in numbered_rows(roles_path):
                it, en, kind_name, forms = _padded(cols, ROLES_COLUMNS)
                kind = kinds.get(kind_name or EntryKind.ROLE.value)
                words = split_words(it)
                if not words:
                    _note(roles_path, n, f"{it!r} has no words; line skipped")
                    continue
                if kind is None:
                    _note(roles_path, n, f"unknown kind {kind_name!r}; line skipped")
                    continue
                if en == REMOVE:
                    by_key.pop((words, kind), None)
                    continue
                by_key[(words, kind)] = Entry(words, en, kind)
                if forms:
                    extra_forms.setdefault(words[0], set()).update(
                        norm(f) for f in forms.split(",") if f.strip())
        if places_path.is_file():
            for n, cols in numbered_rows(places_path):
                forms, adj, name = _padded(cols, PLACES_COLUMNS)
                for form in forms.split(","):
                    form = form.strip()
                    if not form:
                        continue
                    words = split_words(form)
                    if not words:  # an apostrophe or a dash alone: nothing to match
                        _note(places_path, n, f"{form!r} has no words; skipped")
                        continue
                    lex.places.setdefault(words[0], []).append(
                        Place(words, form[:1].isupper(), surface_words(form), adj, name))
    for w, fs in extra_forms.items():
        lex.forms[w] = inflections(w) | fs
    lex.index(by_key)
    for places in lex.places.values():
        places.sort(key=lambda p: -len(p.words))
    return lex


def reload_lexicon() -> None:
    """Forget the loaded lexicon (after the user's files changed)."""
    load_lexicon.cache_clear()


# -- the alias table of organisations and places -------------------------------------------
# One entity a line, its names separated by tabs ("Onu<TAB>Nazioni Unite"), '#' starts a
# comment; a name on two lines joins them. The shipped table, then the user's own
# ``aliases.tsv`` in the configuration folder. Read by the entity builder
# (``tui/nlp/entities/others.py``), which compares names by ``org_key``.

ALIASES_FILE = DATA_DIR / "aliases_it.tsv"
USER_ALIASES_FILE = "aliases.tsv"


def user_aliases_path() -> Path:
    """The user's own alias table (same format as ``data/aliases_it.tsv``)."""
    return user_dir() / USER_ALIASES_FILE


def load_aliases(paths: Iterable[Path]) -> dict[str, int]:
    """Alias key -> group number, from alias tables (unreadable files are skipped):
    two keys with the same number name one entity."""
    groups = UnionFind()
    table: dict[str, int] = {}
    for path in paths:
        for _n, line in read_lines(Path(path)):
            if line.lstrip().startswith("#"):
                continue
            names = [k for k in (org_key(x) for x in line.split("\t")) if k]
            if len(names) < 2:
                continue
            g = groups.add()
            for k in names:
                if k in table:
                    groups.union(table[k], g)
                table[k] = g
    return {k: groups.find(g) for k, g in table.items()}


@lru_cache(maxsize=1)
def aliases() -> dict[str, int]:
    """The shipped alias table plus the user's (cached; ``aliases.cache_clear()`` reloads)."""
    return load_aliases([ALIASES_FILE, user_aliases_path()])
