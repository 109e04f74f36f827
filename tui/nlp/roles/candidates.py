"""Candidate roles of each person, and the features a classifier decides them by.

For every PER mention of a chunk, the candidates are the role phrases of its sentence
(:func:`~tui.nlp.roles.phrases.role_phrases`) that the parse or the text ties to the
name:

- the phrase's head is at most :data:`MAX_STEPS` dependency steps from the name's head
  (an ``appos``, ``nmod``, ``acl`` or ``conj`` of it, the nominal predicate whose subject
  it is, the object or complement of "nominare/eleggere", a plural shared through a
  ``conj``...);
- or the phrase is next to the name, at most :data:`MAX_GAP` tokens away, across a
  comma, a dash, a colon, a parenthesis or an article;
- or one of the hand-written constructions of :mod:`~tui.nlp.roles.constructions`
  proposes it (they keep their own spans: a first name trimmed off, a title inside the
  name).

:func:`features` describes a (person, phrase) pair with what generalises: the
dependency path between them and its direction, the distance, the punctuation and
words between, whether another person is closer or in between, the head's lexicon
entry and suffix, capitals and number, and which constructions propose it (features,
not the decision). :mod:`~tui.nlp.roles.model` scores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.nlp.lang_it import (
    ROLE_APPOINT_FORMS,
    ROLE_APPOINT_LEMMAS,
    ROLE_ARTICLES,
    ROLE_ARTICULATED_PREPOSITIONS,
    ROLE_DI,
)
from tui.nlp.roles.constructions import CONSTRUCTIONS, Context, Person
from tui.nlp.roles.matcher import AGE, VERBAL_POS, Chunk
from tui.nlp.roles.phrases import Phrase, PieceKind

#: A phrase whose head is at most this many dependency steps from the name's is a candidate.
MAX_STEPS = 4
#: A phrase at most this many tokens before or after the name is a candidate.
MAX_GAP = 3
#: Longer paths are described by their length only.
MAX_PATH = 4
#: Evaluative, age and time words that open a phrase but are not part of the role
#: ("storica fotografa", "già curatrice", "il nuovo ministro": ../shared/ROLES.md).
DROPPED_QUALIFIERS = frozenset({
    "nuovo", "nuova", "nuovi", "nuove", "neo", "storico", "storica", "storici", "storiche",
    "giovane", "giovani", "già", "allora", "ora", "attuale", "attuali", "futuro", "futura", "futuri",
    "future", "primo", "prima", "secondo", "seconda", "terzo", "terza"})
#: What may stand between two names of a list ("A, B e C", "A e, in parte, B").
LIST_LINKS = frozenset({",", "e", "ed", "o", "oppure", "nonché", "anche"})
#: At most this many tokens between two names of a list.
MAX_LIST_LINK = 2
PUNCT_BETWEEN = (",", "(", ")", "-", "–", "—", ":", ";", ".", '"', "«", "»")


@dataclass
class Candidate:
    """A phrase that may be a role of a person."""

    person: Person
    phrase: Phrase
    fired: set[str] = field(default_factory=set)  # the constructions proposing it
    cut: str = ""  # a shorter variant: the first word of the complement left out ("di", "a")

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.person.mention.id, self.phrase.start, self.phrase.end)


class Tree:
    """The heads and relations of a chunk's tokens, as plain lists, with the paths
    between tokens (each computed once)."""

    def __init__(self, chunk: Chunk):
        doc = chunk.doc
        arr = doc.to_array(["HEAD", "DEP", "SENT_START"]).tolist()
        strings = doc.vocab.strings
        # HEAD is stored relative to the token
        self.head = [k + (row[0] if row[0] < 2**63 else row[0] - 2**64) for k, row in enumerate(arr)]
        self.dep = [strings[row[1]].lower() if row[1] else "" for row in arr]
        self.sent = [0] * chunk.n
        n = 0
        for k, row in enumerate(arr):
            if k and row[2] == 1:
                n += 1
            self.sent[k] = n
        self._up: dict[int, list[int]] = {}
        self.words: dict[int, str] = {}  # the tokens as features, as they are asked for
        self._verbs: list[int] | None = None
        self._paths: dict[tuple[int, int], tuple[list[str], list[str], int]] = {}

    def verbs_between(self, chunk: Chunk, a: int, b: int) -> int:
        """How many finite verbs tokens a..b (end exclusive) hold."""
        if self._verbs is None:
            counts = [0]
            for t in chunk.toks:
                counts.append(counts[-1] + (t.pos_ in VERBAL_POS and "Fin" in t.morph.get("VerbForm")))
            self._verbs = counts
        return self._verbs[b] - self._verbs[a]

    def ancestors(self, i: int) -> list[int]:
        out = self._up.get(i)
        if out is None:
            out = [i]
            while self.head[out[-1]] != out[-1] and len(out) < 40:
                out.append(self.head[out[-1]])
            self._up[i] = out
        return out

    def path(self, x: int, y: int) -> tuple[list[str], list[str], int]:
        """The relations up from x to the common ancestor, down from it to y, and the
        common ancestor (-1 when there is none)."""
        key = (x, y)
        found = self._paths.get(key)
        if found is not None:
            return found
        up = self.ancestors(x)
        down = self.ancestors(y)
        where = {t: k for k, t in enumerate(up)}
        found = ([], [], -1)
        for k, t in enumerate(down):
            if t in where:
                ups = [self.dep[u] for u in up[:where[t]]]
                downs = [self.dep[d] for d in reversed(down[:k])]
                found = (ups, downs, t)
                break
        self._paths[key] = found
        return found


def name_head(tree: Tree, person: Person) -> int:
    """The token of the name whose head lies outside it (the name's head)."""
    for i in range(person.start, person.end):
        h = tree.head[i]
        if h == i or not person.start <= h < person.end:
            return i
    return person.start


class Lists:
    """The lists of names of a chunk ("A, B e C"): each person's list span and place in it."""

    def __init__(self, chunk: Chunk, people: list[Person]):
        groups: list[list[Person]] = []
        for p in sorted(people, key=lambda p: p.start):
            if groups:
                last = groups[-1][-1]
                link = range(last.end, p.start)
                if 0 < len(link) <= MAX_LIST_LINK and all(chunk.low[k] in LIST_LINKS for k in link):
                    groups[-1].append(p)
                    continue
            groups.append([p])
        self.group: dict[str, list[Person]] = {p.mention.id: g for g in groups for p in g}

    def span(self, person: Person) -> tuple[int, int]:
        g = self.group[person.mention.id]
        return g[0].start, g[-1].end

    def members(self, person: Person) -> list[Person]:
        return self.group[person.mention.id]


def shorter(chunk: Chunk, phrase: Phrase) -> list[Phrase]:
    """The phrase cut before its first complement, and before its first complement not
    opened by "di" (when they differ and leave a role)."""
    out = []
    comps = [k for k, p in enumerate(phrase.pieces) if p.kind == PieceKind.COMP]
    cuts = comps[:1] + [k for k in comps if chunk.low[phrase.pieces[k].start] not in ROLE_DI][:1]
    for k in sorted(set(cuts)):
        pieces = phrase.pieces[:k]
        if pieces and pieces[-1].kind in (PieceKind.CONJ, PieceKind.SEP):
            pieces = pieces[:-1]
        if any(p.kind == PieceKind.HEAD for p in pieces):
            out.append(Phrase(phrase.start, phrase.head, pieces[-1].end, pieces, phrase.plural))
    return out


def trimmed(chunk: Chunk, phrase: Phrase) -> Phrase:
    """The phrase without the evaluative, age or time words that open it ("storica
    fotografa" -> "fotografa"); "ex" and "vice" stay."""
    pieces = list(phrase.pieces)
    start = phrase.start
    while pieces and pieces[0].kind == PieceKind.PRE and pieces[0].start < pieces[0].end \
            and all(chunk.low[k] in DROPPED_QUALIFIERS or AGE.match(chunk.low[k])
                    for k in range(pieces[0].start, pieces[0].end)):
        start = pieces[0].end
        pieces.pop(0)
    if start == phrase.start:
        return phrase
    return Phrase(start, phrase.head, phrase.end, pieces, phrase.plural)


def gather(ctx: Context, people: list[Person], tree: Tree, lists: Lists) -> list[Candidate]:
    """Every person's candidates: the constructions' proposals, the phrases the parse
    links to the name (or to another name of its list) and the phrases next to the name
    or its list."""
    chunk = ctx.chunk
    out: dict[tuple[str, int, int], Candidate] = {}

    def add(person: Person, phrase: Phrase, name: str | None, variants: bool = True) -> None:
        phrase = trimmed(chunk, phrase)
        key = (person.mention.id, phrase.start, phrase.end)
        cand = out.get(key)
        if cand is None:
            cand = out[key] = Candidate(person, phrase)
        if variants and not cand.cut:
            # shorter variants, without the complements from the first one, or from the
            # first that does not open with "di" ("giocatori| di buon livello", "tenniste
            # russe| a Pechino"): the classifier chooses the span
            for short in shorter(chunk, phrase):
                k = (person.mention.id, short.start, short.end)
                if k not in out:
                    out[k] = Candidate(person, short, cut=chunk.low[short.end])
        if name:
            cand.fired.add(name)

    for person in people:
        for construction in CONSTRUCTIONS:
            for found in construction(ctx, person):
                listed = ctx.people_at.get(chunk.ment_tokens[found.mention][0])
                if listed is not None:
                    add(listed, found.phrase, construction.__name__)
    for person in people:
        a, b = lists.span(person)
        heads = [name_head(tree, p) for p in lists.members(person)]
        for phrase in ctx.phrases.values():
            if phrase.end > a and phrase.start < b:
                continue
            if tree.sent[phrase.head] != tree.sent[person.start]:
                continue
            gap = phrase.start - b if phrase.start >= b else a - phrase.end
            if gap <= MAX_GAP:
                add(person, phrase, None)
            elif steps_to(tree, heads, phrase.head) <= MAX_STEPS:
                add(person, phrase, None, variants=False)  # farther: the phrase as it is
    return list(out.values())


def steps_to(tree: Tree, heads: list[int], target: int) -> int:
    """The fewest dependency steps from one of ``heads`` to ``target`` (99: not linked)."""
    best = 99
    for h in heads:
        ups, downs, top = tree.path(h, target)
        if top >= 0:
            best = min(best, len(ups) + len(downs))
    return best


def _word(chunk: Chunk, k: int, cache: dict[int, str] | None = None) -> str:
    """A token as a feature: punctuation and function words as written, others by POS."""
    if cache is not None:
        found = cache.get(k)
        if found is None:
            found = cache[k] = _word(chunk, k)
        return found
    if k < 0:
        return "<s>"
    if k >= chunk.n:
        return "</s>"
    if chunk.is_per(k):
        return "PER"
    low = chunk.low[k]
    pos = chunk.pos(k)
    if pos in ("PUNCT", "ADP", "DET", "CCONJ", "SCONJ", "AUX", "PRON") or low in ROLE_ARTICLES \
            or low in ROLE_DI or len(low) <= 3:
        return low
    if AGE.match(low):
        return "AGE"
    return pos


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else ("4-6" if n <= 6 else ("7-12" if n <= 12 else "13+"))


def features(ctx: Context, cand: Candidate, tree: Tree, people: list[Person], lists: Lists,
             fired_heads: dict[tuple[str, int], set[str]]) -> list[str]:
    """What the classifier sees of one candidate."""
    chunk = ctx.chunk
    words = tree.words
    person, phrase = cand.person, cand.phrase
    f: list[str] = []
    fired = sorted(cand.fired)
    f.extend("c=" + name for name in fired)
    f.append(f"nc={min(len(fired), 3)}")
    if cand.cut:
        f.append("cut=" + (cand.cut if cand.cut in ROLE_DI else "other"))
        f.append("cut_word=" + cand.cut)
    if not fired:
        for name in sorted(fired_heads.get((person.mention.id, phrase.head), ())):
            f.append("chead=" + name)  # a construction proposes the same head with another span
    # the person's list ("A, B e C"): distances are the list's
    members = lists.members(person)
    a, b = lists.span(person)
    if len(members) > 1:
        k = next(n for n, m in enumerate(members) if m.mention.id == person.mention.id)
        f.append("inlist")
        f.append("listpos=" + ("first" if k == 0 else "last" if k == len(members) - 1 else "mid"))
    after = phrase.start >= b
    d = "R" if after else "L"
    f.append("dir=" + d)
    gap_a, gap_b = (b, phrase.start) if after else (phrase.end, a)
    if gap_a > gap_b:  # inside the name ("Papa Francesco") or the list
        gap_a = gap_b
    gap = gap_b - gap_a
    f.append(f"{d}gap={_bucket(gap)}")
    between = [_word(chunk, k, words) for k in range(gap_a, gap_b)]
    if gap <= MAX_GAP:
        sig = " ".join(between)
        f.append(f"{d}sig={sig}")
        # and the word after the later of the two ("X, portavoce, ha detto")
        f.append(f"{d}sig={sig}|next={_word(chunk, phrase.end if after else b, words)}")
    for p in PUNCT_BETWEEN:
        if p in between:
            f.append(f"{d}punct={p}")
    if gap_b > gap_a and tree.verbs_between(chunk, gap_a, gap_b):
        f.append("verb_between")
    ids = {m.mention.id for m in members}
    others = [p for p in people if p.mention.id not in ids]
    if any(gap_a <= p.start < gap_b for p in others):
        f.append("per_between")

    def dist(x: int, y: int) -> int:
        return phrase.start - y if phrase.start >= y else (x - phrase.end if x >= phrase.end else 0)

    mine = dist(a, b)
    if any(dist(p.start, p.end) < mine for p in others):
        f.append("other_closer")
    if phrase.end < chunk.n and chunk.is_per(phrase.end) and phrase.end != a:
        f.append("prefix_of_other")
    if phrase.end + 1 < chunk.n and chunk.low[phrase.end] == "," and chunk.is_per(phrase.end + 1) \
            and phrase.end + 1 != a:
        f.append("comma_other")
    # the dependency path, from the name or the closest name of its list
    h = name_head(tree, person)
    best = None
    for m in members:
        mh = name_head(tree, m)
        ups, downs, top = tree.path(mh, phrase.head)
        if top >= 0 and (best is None or len(ups) + len(downs) < len(best[0]) + len(best[1])):
            best = (ups, downs, top, mh)
    best_steps = 99 if best is None else len(best[0]) + len(best[1])
    if best is None:
        f.append("steps=none")
    else:
        ups, downs, top, mh = best
        steps = len(ups) + len(downs)
        f.append(f"steps={_bucket(steps)}")
        if mh != h:
            f.append("path_via_list")
        if steps <= MAX_PATH:
            path = "^" + "^".join(ups) + "|v" + "v".join(downs)
            f.append("path=" + path)
            if ups:
                f.append("up1=" + ups[0])
            if downs:
                f.append("down1=" + downs[-1])
            if top not in (mh, phrase.head):
                f.append("top=" + (chunk.lemma[top] if chunk.pos(top) in VERBAL_POS else chunk.pos(top)))
    f.append("hdep=" + tree.dep[phrase.head])
    # the phrase itself
    head = chunk.head_at(phrase.head, inside_name=True)
    entry = next((p.entry for p in phrase.pieces if p.kind == PieceKind.HEAD), None)
    lex = ("rules" if head is not None else "open") + ("_glossed" if entry and entry.gloss else "")
    f.append("lex=" + lex)
    if phrase.plural:
        f.append(f"lex={lex}|plural|list={len(members) > 1}")
    f.append("hl=" + chunk.lemma[phrase.head])
    f.append("suf=" + chunk.low[phrase.head][-3:])
    f.append("cap" if chunk.is_cap(phrase.head) else "low")
    if phrase.plural:
        # a plural shared by a list ("i pittori A, B e C"), or a plural before one name
        shape = f"plural|list={len(members) > 1}"
        f.append(shape)
        f.append(f"{shape}|{d}gap={_bucket(gap)}")
        f.append(f"{shape}|steps={_bucket(best_steps) if best_steps < 99 else 'none'}")
    kinds = {p.kind for p in phrase.pieces}
    for k in (PieceKind.COMP, PieceKind.PRE, PieceKind.ADJ, PieceKind.BARE):
        if k in kinds:
            f.append("has=" + k.value)
    f.append("prev=" + _word(chunk, phrase.start - 1, words))
    f.append("next=" + _word(chunk, phrase.end, words))
    f.append("pprev=" + _word(chunk, a - 1, words))
    f.append("pnext=" + _word(chunk, b, words))
    if phrase.start < person.end and phrase.end > person.start:
        f.append("inside_name")
    f.extend(shapes(chunk, tree, cand, a, b, members))
    return f


def shapes(chunk: Chunk, tree: Tree, cand: Candidate, a: int, b: int, members: list[Person]) -> list[str]:
    """Features for the shapes of news Italian that the hand-written constructions miss:
    "la portavoce dell'azienda, X ha spiegato" (no closing comma), "X, storica fotografa
    già curatrice" (evaluative words first), "dei due portieri X", "i revisori sono A, B e
    C", "fino a esserne eletto presidente", "le dimissioni da assessore, X"."""
    phrase = cand.phrase
    out = []
    before = phrase.start - 1
    while before >= 0 and (chunk.low[before] in DROPPED_QUALIFIERS or AGE.match(chunk.low[before])
                           or chunk.pos(before) == "NUM"):
        before -= 1
    opens = before < 0 or chunk.is_article(before) or chunk.pos(before) in ("PUNCT", "ADP") \
        or chunk.low[before] in ROLE_ARTICULATED_PREPOSITIONS
    if phrase.end + 1 == a and chunk.low[phrase.end] == ",":
        nxt = chunk.pos(b) if b < chunk.n else "END"
        out.append(f"shape=role_comma_name|opens={opens}|next={'verb' if nxt in VERBAL_POS else nxt}")
    if phrase.end == a and opens:
        out.append(f"shape=role_name|plural={phrase.plural}|list={len(members) > 1}")
    if phrase.start >= b and b < chunk.n and chunk.low[b] in (",", "(", "-", "–"):
        mids = range(b + 1, phrase.start)
        if mids and all(chunk.low[k] in DROPPED_QUALIFIERS or AGE.match(chunk.low[k])
                        or chunk.pos(k) in ("ADJ", "ADV") for k in mids):
            out.append("shape=apposition_after_modifiers")
        elif not mids:
            out.append("shape=apposition")
    h = phrase.head
    if tree.dep[h].startswith("nsubj") and any(tree.head[name_head(tree, m)] == tree.head[h] or name_head(tree, m) == tree.head[h] for m in members):
        out.append(f"shape=subject_of_name|plural={phrase.plural}")
    top = tree.head[h]
    if tree.dep[h] in ("obj", "xcomp", "obl", "nmod") and (chunk.lemma[top] in ROLE_APPOINT_LEMMAS
                                                           or chunk.low[top] in ROLE_APPOINT_FORMS):
        out.append("shape=appointed_as")
    if before >= 1 and chunk.low[before] == "da" and chunk.lemma[before - 1] in ("dimissione", "dimissioni"):
        out.append("shape=resigned_from")
    return out


def fired_by_head(cands: list[Candidate]) -> dict[tuple[str, int], set[str]]:
    out: dict[tuple[str, int], set[str]] = {}
    for c in cands:
        if c.fired:
            out.setdefault((c.person.mention.id, c.phrase.head), set()).update(c.fired)
    return out
