"""The document model: what Personae knows about one article (``tui.document`` re-exports it).

Pure data: no spaCy, no Textual. Offsets are ``str`` indices (code points)
into ``Annotations.text``, the exact text shown and exported, so that
``text[m.start:m.end] == m.text`` holds for every mention.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import unquote, urlsplit

SCHEMA = "personae/1"
LABEL_ORDER = ("PER", "ORG", "LOC", "MISC")
#: the entity types' names as the reader, the exports and the corrections say them (one table)
LABEL_NAMES = {"PER": "Person", "ORG": "Organisation", "LOC": "Place", "MISC": "Other"}
#: ... and as the headings of lists of them
LABEL_PLURALS = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "MISC": "Other"}


def label_name(label: str) -> str:
    """The name of an entity type ("PER" -> "Person"); an unknown label stays as it is."""
    return LABEL_NAMES.get(label, label)


#: an entity type after "is" or "as": "is a person", "as an organisation"
_LABEL_PHRASES = {"PER": "a person", "ORG": "an organisation", "LOC": "a place",
                  "MISC": "an entity of type Other"}


def label_phrase(label: str) -> str:
    """An entity type with its article, to go after "is" or "as" ("ORG" -> "an
    organisation", "MISC" -> "an entity of type Other", "EVENT" -> "an EVENT")."""
    if label in _LABEL_PHRASES:
        return _LABEL_PHRASES[label]
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Mention:
    id: str
    start: int
    end: int
    text: str
    label: str
    entity: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end,
                "text": self.text, "label": self.label, "entity": self.entity}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["id"], int(d["start"]), int(d["end"]), d["text"], d["label"],
                   d.get("entity", ""))


@dataclass
class Role:
    """A role phrase from the text, attached to one mention of a person."""

    text: str
    start: int
    end: int
    mention: str
    sentence: tuple[int, int]
    gloss: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "mention": self.mention, "gloss": self.gloss,
                "sentence": [self.sentence[0], self.sentence[1]]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Role:
        s = d.get("sentence") or [d["start"], d["end"]]
        return cls(d["text"], int(d["start"]), int(d["end"]), d.get("mention", ""),
                   (int(s[0]), int(s[1])), d.get("gloss", "") or "")


@dataclass
class Quote:
    """A quotation: what the text says a speaker said or wrote (QUOTES.md).

    ``start``/``end`` cover the quoted words without the quotation marks (for indirect
    speech the content clause); ``speaker`` is a PER entity id or None (an organisation,
    an unnamed or unknown speaker); the cue is the speech verb phrase, "secondo" or the
    colon; a quotation interrupted by its cue is several quotes with one ``group``.
    """

    id: str
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    speaker: str | None
    cue_start: int
    cue_end: int
    cue_text: str
    sentence: tuple[int, int]
    group: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "speaker": self.speaker, "group": self.group or self.id,
                "cue": {"start": self.cue_start, "end": self.cue_end, "text": self.cue_text},
                "sentence": [self.sentence[0], self.sentence[1]]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        cue = d.get("cue") or {}
        s = d.get("sentence") or [d["start"], d["end"]]
        return cls(d["id"], int(d["start"]), int(d["end"]), d["text"], d.get("kind", "direct"),
                   d.get("speaker") or None, int(cue.get("start", d["start"])),
                   int(cue.get("end", d["start"])), cue.get("text", ""),
                   (int(s[0]), int(s[1])), d.get("group", "") or d["id"])

    def copy(self) -> Quote:
        return Quote(self.id, self.start, self.end, self.text, self.kind, self.speaker,
                     self.cue_start, self.cue_end, self.cue_text, self.sentence, self.group)


@dataclass
class Entity:
    id: str
    label: str
    name: str
    variants: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    ambiguous: bool = False
    # where the reader lists it when that differs from its label: a country that the text
    # (and KIND's convention) tags ORG as a political actor is still listed under Places
    group: str = ""

    @property
    def listed_as(self) -> str:
        return self.group or self.label

    def distinct_roles(self) -> list[Role]:
        """One role per distinct phrase (case-insensitive), first occurrence first."""
        seen: dict[str, Role] = {}
        for r in sorted(self.roles, key=lambda r: r.start):
            seen.setdefault(" ".join(r.text.lower().split()), r)
        return list(seen.values())

    def to_dict(self) -> dict[str, Any]:
        d = {"id": self.id, "label": self.label, "name": self.name,
             "variants": list(self.variants), "mentions": list(self.mentions),
             "roles": [r.to_dict() for r in self.roles]}
        if self.ambiguous:
            d["ambiguous"] = True
        if self.group:
            d["group"] = self.group
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(d["id"], d["label"], d["name"], list(d.get("variants", [])),
                   list(d.get("mentions", [])),
                   [Role.from_dict(r) for r in d.get("roles", [])],
                   bool(d.get("ambiguous", False)), str(d.get("group", "")))


@dataclass
class Source:
    """Where an article comes from and what is known of it: everything the loaders find
    (title, date, byline, format, encoding; for a page from the web its URL and fetch
    time) and the text's digest. ``path`` is the file, or the URL of a page from the web."""

    path: str = ""
    sha256: str = ""
    title: str = ""
    date: str = ""
    byline: str = ""
    fmt: str = "text"
    encoding: str = ""  # how the bytes were decoded ("" for text given as str)
    url: str = ""       # where a page saved from the web came from
    fetched: str = ""   # when it was fetched (ISO time, UTC)

    _OPTIONAL = ("date", "byline", "url", "fetched")

    @property
    def stem(self) -> str:
        """A short name for file names and headers; a page from the web is named after
        the last part of its URL ("lavrov-rubio" for …/esteri/lavrov-rubio.html)."""
        if self.url:
            return _url_stem(self.url)
        name = PurePath(self.path).stem if self.path else ""
        return name or "article"

    def to_dict(self) -> dict[str, Any]:
        d = {"path": self.path, "sha256": self.sha256, "title": self.title}
        for key in self._OPTIONAL:
            if getattr(self, key):
                d[key] = getattr(self, key)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(d.get("path", ""), d.get("sha256", ""), d.get("title", ""),
                   d.get("date", ""), d.get("byline", ""),
                   url=d.get("url", ""), fetched=d.get("fetched", ""))


_UNSAFE_NAME = re.compile(r"[^\w.-]+")
_MAX_STEM = 80


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    name = PurePath(segments[-1]).stem if segments else (parts.hostname or "")
    name = _UNSAFE_NAME.sub("-", name).strip("-.")[:_MAX_STEM]
    return name or "article"


@dataclass
class ModelInfo:
    name: str = ""
    version: str = ""
    lang: str = "it"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "lang": self.lang}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelInfo:
        return cls(d.get("name", ""), d.get("version", ""), d.get("lang", "it"))


def non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """The mentions that do not overlap, longest first, then earliest; in text order.
    For spans read from other tools, which may nest or cross (O(n log n): the kept
    spans never overlap, so only the kept one that starts last before a span's end
    can overlap it, found in a Fenwick tree over the spans' starts)."""
    spans = [(m.start, m.end, m) for m in mentions]
    starts = sorted({s for s, _e, _m in spans})
    size = len(starts)
    tree = [0] * (size + 1)   # how many kept spans start at each of ``starts``
    end_of: dict[int, int] = {}   # a kept span's start -> its end
    top = 1 << max(size.bit_length() - 1, 0)
    kept: list[tuple[int, Mention]] = []
    for s, e, m in sorted(spans, key=lambda t: (t[0] - t[1], t[0])):
        i, n = bisect_left(starts, e), 0   # n: kept spans that start before e
        while i > 0:
            n += tree[i]
            i -= i & -i
        if n:
            pos, step = 0, top   # the n-th kept start (the last one before e)
            while step:
                if pos + step <= size and tree[pos + step] < n:
                    pos += step
                    n -= tree[pos]
                step >>= 1
            if end_of[starts[pos]] > s:
                continue
        kept.append((s, m))
        if e > s:   # an empty span holds no room
            end_of[s] = e
            i = bisect_left(starts, s) + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    kept.sort(key=lambda t: t[0])
    return [m for _s, m in kept]


@dataclass
class Annotations:
    """Everything known about one article's text."""

    text: str
    source: Source = field(default_factory=Source)
    model: ModelInfo = field(default_factory=ModelInfo)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # token and sentence boundaries from the pipeline, as (start, end) offsets
    tokens: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # quotations and their speakers, in text order
    quotes: list[Quote] = field(default_factory=list)
    # not serialised: the analysis before the user's rules and corrections (so that they
    # can be undone), and what the reader should be told about how this one was prepared
    original: Annotations | None = field(default=None, repr=False, compare=False)
    notices: list[str] = field(default_factory=list, repr=False, compare=False)

    # -- look-ups -----------------------------------------------------------
    # Look-ups go through an index built once per state of the lists: the
    # reader asks for them on every keypress, on documents of 10,000+ mentions.
    # The index is keyed by the lists' identities and lengths and by a counter
    # that every correction bumps (merge, split), so it is never stale.
    def _key(self) -> tuple:
        return (id(self.mentions), len(self.mentions), id(self.entities), len(self.entities),
                self._version)

    def _index(self) -> _Index:
        key = self._key()
        idx = self.__dict__.get("_idx")
        if idx is None or idx.key != key:
            idx = _Index(key, self)
            self.__dict__["_idx"] = idx
        return idx

    def _patched(self, idx: _Index | None) -> None:
        """After a correction: a new version, under which a patched index stays valid."""
        self.touch()
        if idx is not None:
            idx.key = self._key()

    @property
    def _version(self) -> int:
        return self.__dict__.get("_v", 0)

    def touch(self) -> None:
        """Say that mentions or entities changed in place (drops the look-up index)."""
        self.__dict__["_v"] = self._version + 1

    def mention(self, mid: str) -> Mention:
        return self._index().mentions[mid]

    def entity(self, eid: str) -> Entity:
        return self._index().entities[eid]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap [start, end), in text order (mentions never overlap)."""
        idx = self._index()
        i = max(0, bisect_right(idx.starts, start) - 1)
        out = []
        while i < len(idx.in_order) and idx.in_order[i].start < end:
            m = idx.in_order[i]
            if m.end > start:
                out.append(m)
            i += 1
        return out

    def mentions_of(self, eid: str) -> list[Mention]:
        """The entity's mentions in text order."""
        return list(self._index().by_entity.get(eid, ()))

    def sorted_entities(self) -> list[Entity]:
        """People first, then organisations, places, the rest; most mentioned first."""
        mentions = self._index().mentions

        def key(e: Entity):
            rank = LABEL_ORDER.index(e.label) if e.label in LABEL_ORDER else len(LABEL_ORDER)
            first = min((mentions[m].start for m in e.mentions if m in mentions), default=0)
            return (rank, -len(e.mentions), first, e.name.lower())
        return sorted(self.entities, key=key)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.sentences, (offset, float("inf"))) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if s <= offset < e:
                return (s, e)
        return (0, len(self.text))

    # -- serialisation (the JSON contract) ------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source.to_dict(),
            "model": self.model.to_dict(),
            "text": self.text,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: (m.start, m.end))],
            "entities": [e.to_dict() for e in self.entities],
            "tokens": [list(t) for t in self.tokens],
            "sentences": [list(s) for s in self.sentences],
            "quotes": [q.to_dict() for q in sorted(self.quotes, key=lambda q: (q.start, q.end))],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Annotations:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document (schema={d.get('schema')!r})")
        ann = cls(
            text=d["text"],
            source=Source.from_dict(d.get("source", {})),
            model=ModelInfo.from_dict(d.get("model", {})),
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            tokens=[(int(a), int(b)) for a, b in d.get("tokens", [])],
            sentences=[(int(a), int(b)) for a, b in d.get("sentences", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
        )
        ann.check()
        return ann

    # -- invariants -----------------------------------------------------------
    def check(self) -> None:
        """Raise ValueError if an offset or a reference is inconsistent, or two mentions overlap."""
        n = len(self.text)
        ids = set()
        for m in self.mentions:
            if not (0 <= m.start < m.end <= n) or self.text[m.start:m.end] != m.text:
                raise ValueError(f"mention {m.id} does not match the text at {m.start}:{m.end}")
            ids.add(m.id)
        owner: dict[str, str] = {}
        for e in self.entities:
            for mid in e.mentions:
                if mid not in ids:
                    raise ValueError(f"entity {e.id} names unknown mention {mid}")
                if mid in owner:
                    raise ValueError(f"mention {mid} is in two entities")
                owner[mid] = e.id
            for r in e.roles:
                if not (0 <= r.start < r.end <= n) or self.text[r.start:r.end] != r.text:
                    raise ValueError(f"role {r.text!r} of {e.id} does not match the text")
        for m in self.mentions:
            if owner.get(m.id) != m.entity:
                raise ValueError(f"mention {m.id} and its entity disagree")
        people = {e.id for e in self.entities}
        for q in self.quotes:
            if not (0 <= q.start < q.end <= n) or self.text[q.start:q.end] != q.text:
                raise ValueError(f"quote {q.id} does not match the text at {q.start}:{q.end}")
            if not (0 <= q.cue_start <= q.cue_end <= n) \
                    or self.text[q.cue_start:q.cue_end] != q.cue_text:
                raise ValueError(f"the cue of quote {q.id} does not match the text")
            if q.speaker is not None and q.speaker not in people:
                raise ValueError(f"quote {q.id} names unknown speaker {q.speaker}")
        previous: Mention | None = None
        for m in sorted(self.mentions, key=lambda m: (m.start, m.end)):
            if previous is not None and m.start < previous.end:
                raise ValueError(f"mentions {previous.id} and {m.id} overlap")
            previous = m

    # -- corrections ----------------------------------------------------------
    # Each keeps the invariants that check() verifies, and raises ValueError (changing
    # nothing) when it could not. The look-up index is patched, not rebuilt.
    def merge(self, keep: str, other: str) -> None:
        """Merge entity ``other`` into ``keep`` (the user's decision)."""
        if keep == other:
            return
        idx = self._index()
        a, b = self.entity(keep), self.entity(other)
        moved = idx.by_entity.pop(b.id, [])
        for m in moved:
            m.entity = a.id
        merged = sorted(idx.by_entity.get(a.id, []) + moved, key=lambda m: m.start)
        idx.by_entity[a.id] = merged
        a.mentions = [m.id for m in merged]
        for v in b.variants:
            if v not in a.variants:
                a.variants.append(v)
        a.roles = sorted(a.roles + b.roles, key=lambda r: r.start)
        for q in self.quotes:
            if q.speaker == b.id:
                q.speaker = a.id
        a.name = canonical_name(a.variants) or a.name
        a.ambiguous = False
        self.entities = [e for e in self.entities if e.id != b.id]
        del idx.entities[b.id]
        self._patched(idx)

    def split(self, eid: str, variant: str) -> str | None:
        """Move every mention spelled ``variant`` out of ``eid`` into a new entity.

        Returns the new entity's id, or None when there is nothing to split.
        """
        idx = self._index()
        e = self.entity(eid)
        moved = [mid for mid in e.mentions if self.mention(mid).text == variant]
        if not moved or len(moved) == len(e.mentions):
            return None
        new_id = self.new_entity_id()
        moved_set = set(moved)
        e.mentions = [m for m in e.mentions if m not in moved_set]
        e.variants = [v for v in e.variants if v != variant]
        e.name = canonical_name(e.variants) or e.name
        roles_out = [r for r in e.roles if r.mention in moved_set]
        e.roles = [r for r in e.roles if r.mention not in moved_set]
        for mid in moved:
            self.mention(mid).entity = new_id
        new = Entity(new_id, e.label, variant, [variant], moved, roles_out)
        self.entities.append(new)
        group = idx.by_entity.get(eid, [])
        idx.by_entity[eid] = [m for m in group if m.id not in moved_set]
        idx.by_entity[new_id] = [m for m in group if m.id in moved_set]
        idx.entities[new_id] = new
        self._patched(idx)
        return new_id

    def copy(self) -> Annotations:
        """An independent copy: corrections on it leave this one as it is."""
        def role(r: Role) -> Role:
            return Role(r.text, r.start, r.end, r.mention, r.sentence, r.gloss)
        return Annotations(
            self.text, Source(**vars(self.source)), ModelInfo(**vars(self.model)),
            [Mention(m.id, m.start, m.end, m.text, m.label, m.entity) for m in self.mentions],
            [Entity(e.id, e.label, e.name, list(e.variants), list(e.mentions),
                    [role(r) for r in e.roles], e.ambiguous, e.group) for e in self.entities],
            list(self.tokens), list(self.sentences), [q.copy() for q in self.quotes])

    def retype(self, eid: str, label: str) -> None:
        """Give entity ``eid`` and every one of its mentions the type ``label``."""
        e = self.entity(eid)
        e.label = label
        e.group = ""  # the user's type is where it is listed
        for mid in e.mentions:
            self.mention(mid).label = label

    def remove_mention(self, mid: str) -> None:
        """Drop one mention; an entity left without mentions goes too. Its roles move to
        the entity's nearest remaining mention."""
        idx = self._index()
        m = self.mention(mid)
        e = self.entity(m.entity)
        self.mentions = [x for x in self.mentions if x.id != mid]
        idx.drop(m)
        e.mentions = [x for x in e.mentions if x != mid]
        if not e.mentions:
            self.entities = [x for x in self.entities if x.id != e.id]
            del idx.entities[e.id]
            self._unspeak(e.id)
        else:
            rest = idx.by_entity[e.id]
            for r in e.roles:
                if r.mention == mid:
                    r.mention = min(rest, key=lambda x: abs(x.start - r.start)).id
            self._renamed(e, rest)
        self._patched(idx)

    def remove_entity(self, eid: str) -> None:
        """Drop an entity and all its mentions ("not an entity")."""
        e = self.entity(eid)
        gone = set(e.mentions)
        self.mentions = [m for m in self.mentions if m.id not in gone]
        self.entities = [x for x in self.entities if x.id != eid]
        self._unspeak(eid)
        self.touch()

    def _unspeak(self, eid: str) -> None:
        """An entity that is gone speaks no quotation any more."""
        for q in self.quotes:
            if q.speaker == eid:
                q.speaker = None

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The quotation exactly at [start, end), if there is one."""
        return next((q for q in self.quotes if (q.start, q.end) == (start, end)), None)

    def add_quote(self, start: int, end: int, speaker: str | None, kind: str = "direct") -> Quote:
        """A quotation text[start:end] the user marked (no cue); ``speaker`` a PER entity id
        or None. Raises ValueError on a bad span or an unknown speaker."""
        if not (0 <= start < end <= len(self.text)):
            raise ValueError(f"{start}:{end} is not a span of the text")
        if speaker is not None:
            self.entity(speaker)  # KeyError for an unknown one
        used = {q.id for q in self.quotes}
        i = len(self.quotes) + 1
        while f"q{i}" in used:
            i += 1
        qid = f"q{i}"
        a, b = self.sentence_at(start), self.sentence_at(end - 1)
        q = Quote(qid, start, end, self.text[start:end], kind, speaker, start, start, "",
                  (min(a[0], start), max(b[1], end)), qid)
        self.quotes = sorted([*self.quotes, q], key=lambda x: (x.start, x.end))
        return q

    def remove_quote(self, start: int, end: int) -> bool:
        """Drop the quotation at [start, end); False when there is none."""
        kept = [q for q in self.quotes if (q.start, q.end) != (start, end)]
        if len(kept) == len(self.quotes):
            return False
        self.quotes = kept
        return True

    def quotes_of(self, eid: str) -> list[Quote]:
        """The entity's quotations in text order."""
        return sorted((q for q in self.quotes if q.speaker == eid), key=lambda q: q.start)

    def free(self, start: int, end: int, ignore: str = "") -> bool:
        """Whether [start, end) is a valid span of the text that no mention (but ``ignore``)
        overlaps."""
        if not (0 <= start < end <= len(self.text)):
            return False
        return all(m.id == ignore for m in self.mentions_between(start, end))

    def new_mention_id(self) -> str:
        used = self._index().mentions
        i = len(self.mentions) + 1
        while f"m{i}" in used:
            i += 1
        return f"m{i}"

    def add_mention(self, start: int, end: int, label: str, eid: str | None = None) -> Mention:
        """Tag text[start:end] as a mention of entity ``eid`` (whose type it takes), or of a
        new entity of type ``label``. Raises ValueError on an overlap or a bad span."""
        if not self.free(start, end):
            raise ValueError(f"{start}:{end} is not a free span of the text")
        idx = self._index()
        text = self.text[start:end]
        if eid is not None:
            e = self.entity(eid)
        else:
            e = Entity(self.new_entity_id(), label, text)
            self.entities.append(e)
            idx.entities[e.id] = e
        m = Mention(self.new_mention_id(), start, end, text, e.label, e.id)
        self.mentions.append(m)
        idx.insert(m)
        group = idx.by_entity[e.id]
        e.mentions = [x.id for x in group]
        self._renamed(e, group)
        self._patched(idx)
        return m

    def resize_mention(self, mid: str, start: int, end: int) -> None:
        """Move a mention's boundaries ("Leopard" -> "Leopard - Trek")."""
        m = self.mention(mid)
        if not self.free(start, end, ignore=mid):
            raise ValueError(f"{start}:{end} is not a free span of the text")
        idx = self._index()
        old = m.start
        m.start, m.end, m.text = start, end, self.text[start:end]
        idx.moved(m, old)  # no overlap: the mention keeps its place in text order
        e = self.entity(m.entity)
        self._renamed(e, idx.by_entity[e.id])
        self._patched(idx)

    def add_role(self, eid: str, start: int, end: int, gloss: str = "") -> Role:
        """A role phrase text[start:end] for entity ``eid``, attached to its nearest mention."""
        e = self.entity(eid)
        if not (0 <= start < end <= len(self.text)) or not e.mentions:
            raise ValueError(f"{start}:{end} cannot be a role of {eid}")
        near = min(self.mentions_of(eid), key=lambda m: (abs(m.start - start), m.start))
        sent = self.sentence_at(start)
        s0, s1 = min(sent[0], start, near.start), max(sent[1], end, near.end)
        role = Role(self.text[start:end], start, end, near.id, (s0, s1), gloss)
        e.roles = sorted([*e.roles, role], key=lambda r: r.start)
        return role

    def remove_role(self, eid: str, start: int, end: int) -> bool:
        """Drop the entity's roles at text[start:end]; False when it has none there."""
        e = self.entity(eid)
        kept = [r for r in e.roles if (r.start, r.end) != (start, end)]
        if len(kept) == len(e.roles):
            return False
        e.roles = kept
        return True

    def _renamed(self, e: Entity, group: list[Mention]) -> None:
        """Variants and name after the entity's mentions (``group``) changed."""
        texts = list(dict.fromkeys(m.text for m in group))
        e.variants = [v for v in e.variants if v in texts] + \
            [t for t in texts if t not in e.variants]
        if e.label == "PER" or e.name not in e.variants:
            e.name = canonical_name(e.variants) or e.name

    def new_entity_id(self) -> str:
        used = {e.id for e in self.entities}
        i = len(self.entities) + 1
        while f"e{i}" in used:
            i += 1
        return f"e{i}"


class _Index:
    def __init__(self, key: tuple, ann: Annotations) -> None:
        self.key = key
        self.mentions = {m.id: m for m in ann.mentions}
        self.entities = {e.id: e for e in ann.entities}
        by_entity: dict[str, list[Mention]] = {}
        self.in_order = sorted(ann.mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.in_order]
        for m in self.in_order:
            by_entity.setdefault(m.entity, []).append(m)
        self.by_entity = by_entity

    def _at(self, m: Mention, start: int) -> int:
        i = bisect_left(self.starts, start)
        while self.in_order[i] is not m:
            i += 1
        return i

    def drop(self, m: Mention) -> None:
        del self.mentions[m.id]
        i = self._at(m, m.start)
        del self.in_order[i], self.starts[i]
        group = self.by_entity[m.entity]
        group[:] = [x for x in group if x is not m]
        if not group:
            del self.by_entity[m.entity]

    def insert(self, m: Mention) -> None:
        self.mentions[m.id] = m
        i = bisect_left(self.starts, m.start)
        self.in_order.insert(i, m)
        self.starts.insert(i, m.start)
        group = self.by_entity.setdefault(m.entity, [])
        group.insert(bisect_left([x.start for x in group], m.start), m)

    def moved(self, m: Mention, old_start: int) -> None:
        self.starts[self._at(m, old_start)] = m.start


def canonical_name(variants: Iterable[str]) -> str:
    """The longest, most complete variant (most words, then most letters)."""
    vs = [v for v in variants if v]
    if not vs:
        return ""
    return max(vs, key=lambda v: (len(v.split()), len(v), v[:1].isupper()))
