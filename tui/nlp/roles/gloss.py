"""The English gloss of a role phrase, built from the lexicons.

"ministro degli Esteri russo" -> "Russian foreign minister", "sindaco di Roma"
-> "Mayor of Rome", "ex premier" -> "former prime minister". When a piece is not in
the lexicons, or English cannot safely follow the order, the gloss is the role's
own, with its qualifiers and known nationality ("cuoco di un ristorante" -> "cook",
"ex ministro leghista" -> "former minister"); "" only when the head has no gloss
(an unknown noun read as a role by its suffix).
"""

from __future__ import annotations

from tui.nlp.lang_it import ROLE_DI, ROLE_FOREIGN_NAME_LINKS, ROLE_FUNCTION_WORDS
from tui.nlp.lexicon import Entry
from tui.nlp.roles.matcher import PER, Chunk
from tui.nlp.roles.phrases import Phrase, Piece, PieceKind

#: Where a qualifier's gloss puts the rest of the gloss ("former {}").
SLOT = "{}"


def gloss(chunk: Chunk, phrase: Phrase) -> str:
    """The English gloss of a phrase; when a complement or qualifier has no safe English,
    the gloss of the role itself ("cuoco di un ristorante" -> "cook"); "" when the head
    has no gloss."""
    return full_gloss(chunk, phrase) or head_gloss(chunk, phrase)


def head_gloss(chunk: Chunk, phrase: Phrase) -> str:
    """The gloss of the head with its qualifiers and known nationality adjectives, leaving
    out what English cannot safely render (complements, unknown adjectives)."""
    if any(p.kind == PieceKind.AND for p in phrase.pieces):
        return ""
    head = next((p.entry for p in phrase.pieces if p.kind == PieceKind.HEAD), None)
    if head is None or not head.gloss:
        return ""
    adjs = []
    for p in phrase.pieces:
        if p.kind == PieceKind.ADJ:
            found = chunk.match_place(p.start)
            if found and found.place.adjective:
                adjs.append(found.place.adjective)
        elif p.kind == PieceKind.BARE and p.place is not None and p.place.adjective:
            adjs.append(p.place.adjective)
    text = " ".join([*adjs, head.gloss])
    for p in phrase.pieces:
        if p.kind == PieceKind.POST and p.entry.gloss:
            text = _apply(p.entry.gloss, text)
    for p in reversed([p for p in phrase.pieces if p.kind == PieceKind.PRE]):
        if p.entry.gloss:
            text = _apply(p.entry.gloss, text)
    return text


def full_gloss(chunk: Chunk, phrase: Phrase) -> str:
    """The English gloss of the whole phrase, or "" when a piece is unknown.

    Long because it is one recursive walk over the phrase's pieces with a case per kind
    of piece."""
    for i, p in enumerate(phrase.pieces):
        if p.kind == PieceKind.AND:  # "cantante e musicista": gloss each side
            left = Phrase(phrase.start, phrase.head, p.start, phrase.pieces[:i])
            right_pieces = phrase.pieces[i + 1:]
            right_head = next(x.start for x in right_pieces if x.kind == PieceKind.HEAD)
            right = Phrase(p.end, right_head, phrase.end, right_pieces)
            left_gloss, right_gloss = full_gloss(chunk, left), full_gloss(chunk, right)
            return f"{left_gloss} and {right_gloss}" if left_gloss and right_gloss else ""
    pre: list[Entry] = []
    post: list[Entry] = []
    head: Entry | None = None
    adjs: list[str] = []
    ofs: list[str] = []
    first_comp = True
    for p in phrase.pieces:
        if p.kind == PieceKind.PRE:
            pre.append(p.entry)
        elif p.kind == PieceKind.HEAD:
            head = p.entry
        elif p.kind == PieceKind.POST:
            post.append(p.entry)
        elif p.kind == PieceKind.ADJ:
            found = chunk.match_place(p.start)
            if not found or not found.place.adjective:
                return ""
            adjs.append(found.place.adjective)
        elif p.kind == PieceKind.BARE:
            if p.place is not None:
                if p.place.adjective:
                    adjs.append(p.place.adjective)
                elif p.place.name:
                    ofs.append(p.place.name)
                else:
                    return ""
            else:
                adjs.append(chunk.text_of(p.start, p.end))
        elif p.kind in (PieceKind.NOUN, PieceKind.SEP):
            return ""  # "principessa guerriera", "del X, del Y e del Z": no safe English order
        elif p.kind == PieceKind.CONJ:
            if not ofs:
                return ""
            ofs[-1] += " and"
        elif p.kind == PieceKind.COMP:
            if not _gloss_complement(chunk, phrase, p, adjs, ofs, first_comp):
                return ""
            first_comp = False
    if head is None or not head.gloss:
        return ""
    text = head.gloss
    if adjs:
        text = " ".join(adjs) + " " + text
    if len(ofs) > 1 or (ofs and (ofs[0].startswith("of ") or " of " in text)):
        return ""  # nested complements ("of A of B") are too easy to get wrong
    if ofs:
        if not pre and not adjs:
            text = text[:1].upper() + text[1:]
        text = text + " of " + ofs[0]
    for entry in post:
        if not entry.gloss:
            return ""
        text = _apply(entry.gloss, text)
    for entry in reversed(pre):
        if not entry.gloss:
            return ""
        text = _apply(entry.gloss, text)
    return text


def _gloss_complement(chunk: Chunk, phrase: Phrase, comp: Piece, adjs: list[str],
                      ofs: list[str], first_comp: bool) -> bool:
    """Add a complement's English to the adjectives or the "of" names; False when it has none."""
    a, b = comp.content
    if chunk.low[comp.start] not in ROLE_DI:
        return False  # "in Afghanistan", "per le Riforme": no safe English preposition
    if any(chunk.head_at(x) is not None for x in range(a, b)):
        return False  # "segretario del Pontefice"
    found = chunk.match_place(a, any_case=True)
    if found and found.end == b:
        place = found.place
        if place.adjective and first_comp and not ofs and comp is _only_complement(phrase):
            adjs.append(place.adjective)
        elif place.name:
            _add_of(ofs, place.name)
        else:
            return False
        return True
    # "della regione Molise" glosses as "della Regione Molise": capitals do not change it
    common_first = b - a > 1 and chunk.pos(a) == "NOUN" and not chunk.is_cap(a)
    if not chunk.is_per(a) and all(_in_proper_name(chunk, x) for x in range(a + common_first, b)):
        name = chunk.text_of(a, b)  # a proper name, kept as written: "President of Anci"
        _add_of(ofs, name[:1].upper() + name[1:])
        return True
    return False


def _in_proper_name(chunk: Chunk, x: int) -> bool:
    """Token x may be part of a proper name kept as written in English."""
    if chunk.low[x] in ROLE_FUNCTION_WORDS or chunk.low[x] in ROLE_FOREIGN_NAME_LINKS:
        return True
    text = chunk.toks[x].text
    mention = chunk.ment[x]
    return text[:1].isupper() and (chunk.pos(x) == "PROPN" or text.isupper()
                                   or (mention is not None and mention.label != PER))


def _apply(template: str, inner: str) -> str:
    if SLOT in template:
        return template.replace(SLOT, inner)
    return f"{template} {inner}".strip()


def _add_of(ofs: list[str], name: str) -> None:
    if ofs and ofs[-1].endswith(" and"):
        ofs[-1] = ofs[-1] + " " + name
    elif ofs:
        ofs.append("of " + name)
    else:
        ofs.append(name)


def _only_complement(phrase: Phrase) -> Piece | None:
    """The phrase's complement when it has exactly one."""
    comps = [p for p in phrase.pieces if p.kind == PieceKind.COMP]
    return comps[0] if len(comps) == 1 else None
