"""``spacy``: a ``DocBin`` (``.spacy``), as ``spacy.tokens.DocBin().from_disk`` loads it.

One ``Doc`` per article, its text exactly the article's: ``doc.ents`` are the
mentions (``ent.kb_id_`` is the entity id, so the mentions of one person
share it), ``doc.spans["roles"]`` the role phrases (label ``ROLE``,
``kb_id_`` the entity id), sentence starts from the pipeline, and
``doc.user_data["personae"]`` the rest of the ``personae/1`` document
(entity names, variants, roles with glosses, source, model). Ready for
``spacy train`` (as training or dev data) and ``spacy evaluate``. Mentions
that overlap cannot all be ``doc.ents``: the longest (then earliest) is kept.
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from pathlib import Path

from tui.document import Annotations, Role
from tui.export import common
from tui.export.common import (
    MAX_IMPORT_BYTES,
    FormatError,
    extra_of,
    guess_sentence,
    rebuild,
    sentence_breaks,
    split_tokens,
    words_and_spaces,
)
from tui.fsutil import atomic_write_bytes, read_regular_bytes

ROLES_KEY = "roles"
USER_KEY = "personae"


def to_doc(ann: Annotations, vocab=None):
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    vocab = vocab or Vocab()
    toks = split_tokens(ann)
    words, spaces, starts = words_and_spaces(ann.text, toks)
    sent_starts = None
    if ann.sentences and words:
        # sentence starts on the non-space tokens; whitespace tokens stay inside
        nonspace = sentence_breaks(ann, toks)
        brk = dict(zip((s for s, _ in toks), nonspace, strict=True))
        sent_starts = [bool(brk.get(s, False)) for s in starts]
        sent_starts[0] = True
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts)
    assert doc.text == ann.text
    ents = []
    for m in sorted(ann.mentions, key=lambda m: m.start):
        span = doc.char_span(m.start, m.end, label=m.label, kb_id=m.entity,
                             alignment_mode="expand")
        ents.append(span)
    doc.ents = ents
    roles = []
    for ent in ann.entities:
        for r in ent.roles:
            roles.append(doc.char_span(r.start, r.end, label="ROLE", kb_id=ent.id,
                                       alignment_mode="expand"))
    doc.spans[ROLES_KEY] = sorted(roles, key=lambda s: (s.start, s.end))
    extra = extra_of(ann)
    extra.pop("tokens", None)  # the tokens are the Doc's
    doc.user_data[USER_KEY] = extra
    return doc


def to_bytes(anns: list[Annotations]) -> bytes:
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=True)
    for ann in anns:
        db.add(to_doc(ann))
    return db.to_bytes()


def write(ann: Annotations, path: Path) -> list[Path]:
    path = Path(path)
    atomic_write_bytes(path, to_bytes([ann]))
    return [path]


def from_doc(doc) -> Annotations:
    extra = doc.user_data.get(USER_KEY)
    extra = extra if isinstance(extra, dict) else {}
    spans = [{"start": e.start_char, "end": e.end_char, "label": e.label_,
              "entity": e.kb_id_ or None} for e in doc.ents]
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc if t.text.strip()]
    sentences = None
    if not extra.get("sentences") and doc.has_annotation("SENT_START"):
        sentences = []
        for s in doc.sents:
            body = s.text.strip()
            if body:
                a = s.start_char + len(s.text) - len(s.text.lstrip())
                sentences.append((a, a + len(body)))
    if not extra.get("model"):
        extra["model"] = {"name": "", "version": "", "lang": doc.lang_ or "it"}
    roles = None
    if not any(isinstance(e, dict) and e.get("roles") for e in extra.get("entities") or []) \
            and doc.spans.get(ROLES_KEY):
        # a DocBin re-saved without our user data: the roles are still its spans
        spans.sort(key=lambda sp: (sp["start"], sp["end"]))
        for i, sp in enumerate(spans):
            sp["id"] = f"m{i + 1}"
        roles = _roles_from_spans(doc, spans, sentences)
    return rebuild(doc.text, spans, extra, roles=roles, tokens=tokens, sentences=sentences)


def _roles_from_spans(doc, spans: list[dict], sentences) -> list[Role]:
    """``doc.spans["roles"]`` as Roles: each attached to the nearest mention of the entity
    its ``kb_id_`` names (of a person when it names none), with its sentence."""
    sents = sorted(sentences or [])
    starts = [a for a, _ in sents]
    out = []
    for sp in doc.spans[ROLES_KEY]:
        a, b = sp.start_char, sp.end_char
        mates = [m for m in spans if sp.kb_id_ and m.get("entity") == sp.kb_id_] or \
                [m for m in spans if m["label"] == "PER"]
        if not mates:
            continue
        near = min(mates, key=lambda m: (min(abs(m["start"] - b), abs(a - m["end"])), m["start"]))
        k = bisect_right(starts, a) - 1
        sentence = sents[k] if k >= 0 and sents[k][1] >= b else guess_sentence(doc.text, a, b)
        out.append(Role(doc.text[a:b], a, b, near["id"], sentence))
    return out


def _expanded_size(data: bytes) -> int:
    """How many bytes ``data`` (zlib, as DocBin writes) decompresses to, found without
    holding more than :data:`MAX_IMPORT_EXPANDED` of them; FormatError past that."""
    limit = common.MAX_IMPORT_EXPANDED
    inflate = zlib.decompressobj()
    try:
        size = len(inflate.decompress(data, limit + 1))
    except zlib.error:
        raise FormatError("not a spaCy DocBin (not zlib data)") from None
    if size > limit:
        raise FormatError(f"refused: the DocBin expands to more than {limit // (1024 * 1024)} MB "
                          "(the most an import may hold)")
    return size


def from_bytes(data: bytes) -> list[Annotations]:
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    _expanded_size(data)   # a compression bomb is refused before DocBin inflates it
    try:
        db = DocBin().from_bytes(data)
        docs = list(db.get_docs(Vocab()))
    except Exception as exc:  # msgpack / zlib errors have many types
        raise FormatError(f"not a spaCy DocBin: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    return [from_doc(doc) for doc in docs]


def read(path: Path) -> list[Annotations]:
    return from_bytes(read_regular_bytes(path, MAX_IMPORT_BYTES))
