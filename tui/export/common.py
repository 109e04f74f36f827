"""Helpers shared by the exporters and readers.

- ``split_tokens``: the token boundaries an export uses. The pipeline's
  tokens when the Annotations carry them, else a tokenizer for the model's
  language; in both cases cut so that every mention and role starts and ends
  on a token boundary, and so that no token holds whitespace.
- ``words_and_spaces``: those tokens as spaCy's ``words``/``spaces`` (with
  whitespace tokens for anything but a single space), so ``Doc.text`` is
  exactly ``Annotations.text``.
- ``sentence_breaks``: which tokens start a sentence.
- ``rebuild``: Annotations from the spans a format carries plus, when the
  file was written by Personae, the extra information it kept beside them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.document import (
    Annotations,
    Entity,
    Mention,
    ModelInfo,
    Quote,
    Role,
    Source,
    canonical_name,
    non_overlapping,
)
from tui.export.validate import FormatError, check_extra, check_spans
from tui.fsutil import atomic_write_text, read_regular_text

MAX_IMPORT_BYTES = 256 * 1024 * 1024  # an export read back; articles themselves are 8 MB at most
# What an import may expand to, checked before anything is built from it (a small file
# must not become gigabytes): a DocBin's bytes once decompressed; the objects and arrays
# of a JSON or JSON Lines file (counted by their brackets, an upper bound); the spans
# (mentions and role phrases) of one article. An 8 MB article's own export is well within.
MAX_IMPORT_EXPANDED = 512 * 1024 * 1024
MAX_IMPORT_ITEMS = 5_000_000
MAX_IMPORT_SPANS = 500_000


def refuse_items(data: str) -> None:
    """FormatError when a JSON text holds more objects and arrays than an import may."""
    n = data.count("{") + data.count("[")
    if n > MAX_IMPORT_ITEMS:
        raise FormatError(f"refused: more than {MAX_IMPORT_ITEMS:,} objects and lists "
                          "(the most an import may hold)")


def refuse_spans(n: int) -> None:
    """FormatError when an article has more spans than an import may."""
    if n > MAX_IMPORT_SPANS:
        raise FormatError(f"refused: {n:,} spans in one article (at most "
                          f"{MAX_IMPORT_SPANS:,} are read)")


# -- tokens -------------------------------------------------------------------

_FALLBACK_TOKEN = re.compile(r"\w+|[^\w\s]")
_NONSPACE = re.compile(r"\S+")


@lru_cache(maxsize=4)
def _tokenizer(lang: str):
    try:
        # spaCy's side: imported only when used, so the reader and cached exports never load it
        import spacy

        return spacy.blank(lang or "xx").tokenizer
    except Exception:  # an unknown language code, or spaCy broken: use the regex
        return None


def _tokenize(text: str, lang: str, offset: int = 0) -> list[tuple[int, int]]:
    tok = _tokenizer(lang)
    if tok is not None and text:
        return [(offset + t.idx, offset + t.idx + len(t.text)) for t in tok(text)
                if not t.is_space]
    return [(offset + m.start(), offset + m.end()) for m in _FALLBACK_TOKEN.finditer(text)]


def _valid_tokens(text: str, tokens: list[tuple[int, int]]) -> bool:
    last = 0
    for s, e in tokens:
        if not (last <= s < e <= len(text)):
            return False
        last = e
    return bool(tokens)


def split_tokens(ann: Annotations) -> list[tuple[int, int]]:
    """Non-space (start, end) tokens covering every non-space character of the text,
    with a boundary at each mention's and role's start and end."""
    text = ann.text
    if _valid_tokens(text, ann.tokens):
        base = list(ann.tokens)
        # non-space characters the pipeline's tokens leave out get their own tokens
        filled: list[tuple[int, int]] = []
        last = 0
        for s, e in base + [(len(text), len(text))]:
            if s > last and text[last:s].strip():
                filled.extend(_tokenize(text[last:s], ann.model.lang, last))
            if s < e:
                filled.append((s, e))
            last = e
        base = filled
    else:
        base = _tokenize(text, ann.model.lang)
    cuts = set()
    for m in ann.mentions:
        cuts.update((m.start, m.end))
    for ent in ann.entities:
        for r in ent.roles:
            cuts.update((r.start, r.end))
    ordered = sorted(cuts)
    out: list[tuple[int, int]] = []
    for s, e in base:
        for ms in _NONSPACE.finditer(text, s, e):  # no whitespace inside a token
            a, b = ms.start(), ms.end()
            k = bisect_right(ordered, a)   # the cuts inside (a, b), found, not searched for
            while k < len(ordered) and ordered[k] < b:
                out.append((a, ordered[k]))
                a = ordered[k]
                k += 1
            out.append((a, b))
    return out


def words_and_spaces(text: str, tokens: list[tuple[int, int]]):
    """(words, spaces, starts): spaCy-style tokens that rebuild ``text`` exactly.

    Whitespace other than one space after a token becomes a whitespace token,
    as spaCy's own tokenizer does.
    """
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []

    def gap(a: int, b: int) -> None:
        g = text[a:b]
        if not g:
            return
        if words and not spaces[-1] and g.startswith(" "):
            spaces[-1] = True
            g, a = g[1:], a + 1
        if g:
            words.append(g)
            spaces.append(False)
            starts.append(a)

    last = 0
    for s, e in tokens:
        gap(last, s)
        words.append(text[s:e])
        spaces.append(False)
        starts.append(s)
        last = e
    gap(last, len(text))
    return words, spaces, starts


def sentence_breaks(ann: Annotations, tokens: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it starts a sentence.

    Uses the pipeline's sentences when there are any; without them, a line
    break between two tokens ends a sentence, and so do ``.``, ``!``, ``?``
    followed by whitespace.
    """
    text = ann.text
    sents = sorted(ann.sentences)
    starts = [s for s, _ in sents]
    out: list[bool] = []
    prev_sent = None
    prev_end = None
    for i, (s, _e) in enumerate(tokens):
        brk = i == 0
        if not sents and prev_end is not None and "\n" in text[prev_end:s]:
            brk = True
        if sents:
            k = bisect_right(starts, s) - 1
            if k != prev_sent and i > 0:
                brk = True
            prev_sent = k
        elif i > 0 and text[tokens[i - 1][0]:prev_end] in (".", "!", "?", "…") and prev_end < s:
            brk = True
        out.append(brk)
        prev_end = tokens[i][1]
    return out


def guess_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end) by punctuation and line breaks (for formats
    that do not carry sentences)."""
    a = start
    while a > 0 and text[a - 1] != "\n" and not (
            text[a - 1].isspace() and a >= 2 and text[a - 2] in ".!?"):
        a -= 1
    b = end
    while b < len(text) and text[b] != "\n" and not (
            text[b] in ".!?" and (b + 1 == len(text) or text[b + 1].isspace())):
        b += 1
    if b < len(text) and text[b] in ".!?":
        b += 1
    while a < b and text[a].isspace():
        a += 1
    return (a, b)


# -- rebuilding Annotations ---------------------------------------------------------

def rebuild(
    text: str,
    spans: list[dict[str, Any]],
    extra: dict[str, Any] | None = None,
    roles: list[Role] | None = None,
    groups: list[list[int]] | None = None,
    tokens: list[tuple[int, int]] | None = None,
    sentences: list[tuple[int, int]] | None = None,
    quotes: list[Quote] | None = None,
) -> Annotations:
    """Annotations from what a format carries.

    ``spans``: the mentions, dicts with start, end, label and optionally id
    (mention id) and entity (entity id or key). They are authoritative: a
    mention added or removed by another tool is honoured.
    ``extra``: the ``personae/1`` dictionary (as ``Annotations.to_dict``, any
    key may be missing) that Personae keeps beside the spans; it gives back
    mention ids, entity names, variants and roles for what is unchanged.
    ``roles``: the roles a format carries itself (brat), each naming its mention.
    ``groups``: lists of span indexes that are one entity (brat's Equiv).
    ``quotes``: the quotations a format carries itself (brat), their speaker a mention id;
    without them, those Personae kept in ``extra`` whose words are still in the text.
    Mentions with no entity from any of these are grouped by the name-variant
    rules of ``tui.nlp.entities``.
    """
    extra = extra or {}
    if isinstance(spans, list):
        refuse_spans(len(spans) + len(roles or ()))
    check_extra(extra)
    check_spans(spans)
    mentions, by_index = _mentions(text, spans, extra)
    if groups:
        for g in groups:
            ms = [by_index[i] for i in g if i in by_index]
            key = next((m.entity for m in ms if m.entity), "") or f"_group{id(g)}"
            for m in ms:
                m.entity = key
    old_entities = {e["id"]: e for e in extra.get("entities", []) if isinstance(e, dict) and "id" in e}
    entities = _entities(mentions, old_entities)
    mid_to_eid = {mid: ent.id for ent in entities for mid in ent.mentions}
    for m in mentions:
        m.entity = mid_to_eid[m.id]
    _attach_roles(text, mentions, entities, old_entities, roles, mid_to_eid)
    ann = Annotations(
        text=text,
        source=Source.from_dict(extra.get("source") or {}),
        model=ModelInfo.from_dict(extra.get("model") or {}),
        mentions=mentions,
        entities=entities,
        tokens=list(tokens if tokens is not None else
                    [(int(a), int(b)) for a, b in extra.get("tokens", [])]),
        sentences=list(sentences if sentences is not None else
                       [(int(a), int(b)) for a, b in extra.get("sentences", [])]),
    )
    ann.quotes = _kept_quotes(text, extra, quotes, mid_to_eid, {e.id for e in entities})
    try:
        ann.check()
    except ValueError as exc:
        raise FormatError(str(exc)) from None
    return ann


def _mentions(text: str, spans: list[dict[str, Any]], extra: dict[str, Any]
              ) -> tuple[list[Mention], dict[int, Mention]]:
    """The spans as mentions in text order, with ids (the span's own, else the one Personae
    wrote for these offsets, else a new one); and which mention each span index became.
    Another tool's spans may nest or cross: the longest is kept, as a reader shows one."""
    old_ids = {(int(m["start"]), int(m["end"])): m for m in extra.get("mentions", [])
               if isinstance(m, dict) and "start" in m and "end" in m}
    order = sorted(range(len(spans)), key=lambda i: (int(spans[i]["start"]), int(spans[i]["end"])))
    mentions: list[Mention] = []
    by_index: dict[int, Mention] = {}
    used: set[str] = set()
    for i in order:
        sp = spans[i]
        s, e = int(sp["start"]), int(sp["end"])
        if not (0 <= s < e <= len(text)):
            raise FormatError(f"span {s}:{e} is outside the text")
        old = old_ids.get((s, e), {})
        mid = sp.get("id") or old.get("id")
        if not mid or mid in used:
            mid = None
        m = Mention(mid or "", s, e, text[s:e], str(sp["label"]),
                    str(sp.get("entity") or old.get("entity") or ""))
        if mid:
            used.add(mid)
        mentions.append(m)
        by_index[i] = m
    mentions = non_overlapping(mentions)
    kept = {id(m) for m in mentions}
    by_index = {i: m for i, m in by_index.items() if id(m) in kept}
    _fill_ids(mentions, "m", used)
    return mentions, by_index


def _entities(mentions: list[Mention], old_entities: dict[str, dict]) -> list[Entity]:
    """The entities of the mentions: one per entity key they carry (keeping what Personae
    wrote for it where its mentions are unchanged), then the loose mentions grouped by the
    name-variant rules; every entity with an id."""
    entities: list[Entity] = []
    taken: set[str] = set()
    members: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.entity:
            members.setdefault(m.entity, []).append(m)
    keys = [k for k in old_entities if k in members] + [k for k in members if k not in old_entities]
    for key in keys:
        ms = members[key]
        od = old_entities.get(key)
        eid = key if (not key.startswith("_group") and key not in taken) else ""
        texts = list(dict.fromkeys(m.text for m in ms))
        if od is not None:
            ent = Entity.from_dict(od)
            ent.roles = []
            mids = {m.id for m in ms}
            keep = [x for x in ent.mentions if x in mids]
            ent.mentions = keep + [m.id for m in ms if m.id not in keep]
            old_vars = [v for v in ent.variants if v in texts]
            if set(old_vars) != set(texts) or len(old_vars) != len(ent.variants):
                ent.variants = old_vars + [t for t in texts if t not in old_vars]
                if ent.name not in ent.variants:
                    ent.name = canonical_name(ent.variants)
        else:
            ent = Entity(eid, ms[0].label, canonical_name(texts), texts, [m.id for m in ms])
        ent.id = eid
        entities.append(ent)
        if eid:
            taken.add(eid)
    loose = [m for m in mentions if not m.entity]
    if loose:
        # the name-variant rules (language code): imported only when some mention has no entity
        from tui.nlp.entities.build import build_entities

        for ent in build_entities(loose):
            ent.id = ""
            entities.append(ent)
    _fill_ids(entities, "e", taken)
    return entities


def _attach_roles(text: str, mentions: list[Mention], entities: list[Entity],
                  old_entities: dict[str, dict], roles: list[Role] | None,
                  mid_to_eid: dict[str, str]) -> None:
    """The roles Personae kept (if their mention survives), else the format's own."""
    mention_ids = {m.id for m in mentions}
    ent_by_id = {e.id: e for e in entities}
    if roles is None:
        for od in old_entities.values():
            for rd in od.get("roles", []):
                r = Role.from_dict(rd)
                if r.mention in mention_ids and text[r.start:r.end] == r.text:
                    ent_by_id[mid_to_eid[r.mention]].roles.append(r)
    else:
        for r in roles:
            if r.mention in mention_ids:
                ent_by_id[mid_to_eid[r.mention]].roles.append(r)


def _kept_quotes(text: str, extra: dict[str, Any], quotes: list[Quote] | None,
                 mid_to_eid: dict[str, str], entity_ids: set[str]) -> list[Quote]:
    """The quotations to keep: the format's own (speaker given as a mention id), else those
    Personae kept beside the spans, whose words and cue still match the text and whose
    speaker still exists (else the quotation has none)."""
    if quotes is not None:
        out = []
        for q in quotes:
            q.speaker = mid_to_eid.get(q.speaker or "")
            out.append(q)
        return out
    out = []
    for qd in extra.get("quotes", []) or []:
        try:
            q = Quote.from_dict(qd)
        except (KeyError, TypeError, ValueError):
            continue
        if not (0 <= q.start < q.end <= len(text)) or text[q.start:q.end] != q.text:
            continue
        if not (0 <= q.cue_start <= q.cue_end <= len(text)) \
                or text[q.cue_start:q.cue_end] != q.cue_text:
            q.cue_start = q.cue_end = q.start
            q.cue_text = ""
        if q.speaker not in entity_ids:
            q.speaker = None
        out.append(q)
    return out


def speaker_mention(ann: Annotations, q: Quote) -> str | None:
    """The mention a quotation's speaker link points to in formats that link spans (brat,
    Label Studio, jsonl relations): the speaker's last mention before the quotation's
    cue or start, else its first one after."""
    if not q.speaker:
        return None
    ms = ann.mentions_of(q.speaker)
    if not ms:
        return None
    at = min(q.start, q.cue_start) if q.cue_text else q.start
    before = [m for m in ms if m.start < at]
    return (before[-1] if before else ms[0]).id


def extra_of(ann: Annotations) -> dict[str, Any]:
    """What Personae keeps beside a format's own spans: the JSON contract minus the text."""
    d = ann.to_dict()
    del d["text"]
    return d


def _fill_ids(items, prefix: str, used: set[str]) -> None:
    """Give every item without an id the next free ``prefix + number``."""
    n = 0
    for item in items:
        if not item.id:
            n += 1
            while f"{prefix}{n}" in used:
                n += 1
            item.id = f"{prefix}{n}"
            used.add(item.id)


def text_writer(dumps: Callable[[Annotations], str]) -> Callable[[Annotations, Path], list[Path]]:
    """The ``write`` of a format that is one text file: ``dumps`` written atomically."""

    def write(ann: Annotations, path: Path) -> list[Path]:
        path = Path(path)
        atomic_write_text(path, dumps(ann))
        return [path]

    return write


def every_or_first_error(items: list[Annotations | FormatError]) -> list[Annotations]:
    """The articles, or the first article's reason it could not be read, raised."""
    for item in items:
        if isinstance(item, FormatError):
            raise item
    return list(items)


def read_import_text(path: Path) -> str:
    """An export's text: a regular file of bounded size, UTF-8 (with or without a BOM)."""
    return read_regular_text(path, MAX_IMPORT_BYTES, "utf-8-sig")
