"""What the role constructions share: the context they read, their candidates, and token scans.

:mod:`tui.nlp.roles.constructions` holds the constructions themselves (one
function each, in a registry); here are the :class:`Context` they look at, the
:class:`Person` and :class:`Candidate` they take and give, the punctuation and
limits they respect, and the scans over a chunk's tokens they are built from
(skipping adjectives, insertions, partitives; finding a copula's role; telling
whether a phrase is cut off by another name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from tui.document import Mention
from tui.nlp.lang_it import (
    ROLE_AND,
    ROLE_APPOINT_FORMS,
    ROLE_APPOINT_LEMMAS,
    ROLE_ARTICLES,
    ROLE_AS_WELL_AS,
    ROLE_COPULA_FORMS,
    ROLE_COPULA_LEMMAS,
    ROLE_COPULA_PARTICIPLES,
    ROLE_HONORIFICS,
    ROLE_NAME_MODIFIED_NOUNS,
    ROLE_PARTITIVE_AMONG,
    ROLE_PARTITIVE_OF,
    ROLE_PARTITIVE_ONE,
    ROLE_PLURAL_ARTICLES,
    ROLE_POSSESSIVES,
    ROLE_PREDICATE_ADVERBS,
    ROLE_RELATIVE_PRONOUNS,
    ROLE_STOP_CONJUNCTIONS,
    ROLE_SUBORDINATORS,
)
from tui.nlp.lexicon import EntryKind
from tui.nlp.roles.matcher import AGE, VERBAL_POS, Chunk
from tui.nlp.roles.phrases import Phrase, Piece, PieceKind

#: Punctuation that may end an apposition's phrase.
BOUNDARY_PUNCT = frozenset({",", ".", ";", ":", ")", "]", "!", "?", "»", "”", '"', "–", "—", "-", "…"})
#: Punctuation across which a coordinated clause may have another subject.
CLAUSE_PUNCT = frozenset({";", ":", ".", "!", "?", "«", "»", '"', "“", "”"})
DASHES = frozenset({"-", "–", "—"})
#: What may follow a name that a role across a comma names ("il portavoce, X, ha detto";
#: "ha detto il portavoce dell'ambasciata, X.").
NAME_CLOSERS = frozenset({",", ")", ".", ";", ":"})

#: Plain adjectives or ages stepped over before a role ("un giovane agricoltore").
MAX_SKIPPED_ADJECTIVES = 2
#: A parenthesis between dashes or brackets is shorter than this (tokens, opener included).
MAX_PARENTHESIS = 30
#: An inserted phrase after a copula (", insieme a Y,") is at most this many tokens.
MAX_INSERTION = 8
#: How far (tokens) a coordinated copula ("ed è stato capitano") is looked for.
MAX_CLAUSE = 40
#: The copula, participles and adverbs before a predicate's role: at most this many tokens.
MAX_COPULA_TOKENS = 6
#: A first name is trimmed off a complement of at least this many tokens ("della Fiat John").
MIN_TRIMMED_COMPLEMENT = 2
#: At most this many roles from one name's predicates ("è senatore ed è stato consigliere").
MAX_PREDICATES = 3
#: How far (tokens) after a name "in qualità di" or "si è dimesso da" is looked for.
MAX_CAPACITY_DISTANCE = 12
#: At most this many roles joined by "e" before a name ("sindaco e segretario e ...").
MAX_JOINED = 3

class Person(NamedTuple):
    start: int  # the mention's tokens, end exclusive
    end: int
    mention: Mention


class Candidate(NamedTuple):
    phrase: Phrase
    mention: str  # the id of the PER mention the role goes to


@dataclass
class Context:
    """What every construction looks at: the chunk, its role phrases by head token, and
    its people by first token."""

    chunk: Chunk
    phrases: dict[int, Phrase]
    people_at: dict[int, Person]


Construction = Callable[[Context, Person], list[Candidate]]


# -- the constructions -------------------------------------------------------------------


def singular_prefix(ctx: Context, person: Person, singular: list[Phrase]) -> list[Candidate]:
    chunk, mid = ctx.chunk, person.mention.id
    best = trim_first_name(chunk, max(singular, key=lambda p: p.head), person)
    out = [Candidate(best, mid)]
    k = best.start - 1
    if k > 0 and chunk.low[k] in ROLE_AND:
        # "l'attore e regista X": two roles, attore and regista
        chain = joined_before(ctx, best)
        return [Candidate(x, mid) for x in chain]
    # title chain: "arcivescovo di Parigi cardinale X" -> both
    for phrase in ctx.phrases.values():
        if phrase.end == best.start and phrase is not best and not phrase.plural \
                and best.start == best.head:
            out.append(Candidate(phrase, mid))
            break
    return out


def before_honorifics(chunk: Chunk, a: int) -> int:
    """Where the titles and honorifics right before token a begin ("dott. X", "on. X"):
    a itself when there are none."""
    k = a
    while k > 0:
        j = k - 1
        if chunk.low[j] == "." and j > 0 and chunk.glued(j - 1):
            j -= 1
        if chunk.low[j].rstrip(".") in ROLE_HONORIFICS:
            k = j
        else:
            break
    return k


def modifies_a_noun(chunk: Chunk, person: Person) -> bool:
    """The name qualifies the noun right before it ("il governo De Gasperi, ...", "il
    gabinetto Bonomi"): what follows it is not about the person."""
    a = person.start
    return a > 0 and chunk.low[a - 1] in ROLE_NAME_MODIFIED_NOUNS


def name_or_its_prefix(ctx: Context, k: int) -> bool:
    """A name starts at k, or a role phrase that is the prefix of a name ("deputato Y")."""
    chunk = ctx.chunk
    if chunk.is_per(k):
        return True
    phrase = phrase_starting(ctx.phrases, k)
    return phrase is not None and phrase.end < chunk.n and chunk.is_per(phrase.end)


def listed_before(ctx: Context, person: Person) -> list[Person]:
    """The names listed right before the person ("A, B e" before C), first to last."""
    chunk = ctx.chunk
    by_end = {p.end: p for p in ctx.people_at.values()}
    out: list[Person] = []
    k = person.start - 1
    while k > 0 and (chunk.low[k] in ROLE_AND or chunk.low[k] == ",") and k in by_end:
        before = by_end[k]
        out.insert(0, before)
        k = before.start - 1
    return out


def name_tokens(chunk: Chunk, person: Person):
    return chunk.toks[person.start:person.end]


def dependents(chunk: Chunk, person: Person, deps: set[str]):
    """The tokens outside the name attached to a token of the name with one of ``deps``."""
    inside = range(person.start, person.end)
    for t in name_tokens(chunk, person):
        for child in t.children:
            if child.dep_ in deps and child.i not in inside:
                yield child


def phrase_of_token(ctx: Context, i: int) -> Phrase | None:
    """The role phrase whose head covers token i ("ministro" of "primo ministro")."""
    for phrase in ctx.phrases.values():
        if phrase.head <= i < phrase.head_end:
            return phrase
    return None


def clear_after_name(ctx: Context, person: Person, phrase: Phrase) -> bool:
    """No other name between the person and the phrase, the phrase in the person's
    sentence, whole (it ends where a phrase may end: a complement is never cut, "presidente
    della Commissione| Difesa"), and not the prefix of a following name."""
    chunk = ctx.chunk
    if any(chunk.is_per(k) for k in range(person.end, phrase.start)):
        return False
    if not is_boundary(chunk, phrase.end) and not chunk.time_at(phrase.end):
        return False
    if phrase.end < chunk.n and chunk.is_per(phrase.end):
        return False
    if phrase.end + 1 < chunk.n and chunk.low[phrase.end] == "," and chunk.is_per(phrase.end + 1):
        return False
    return chunk.toks[person.start].sent.start == chunk.toks[phrase.start].sent.start


def before_article_and_adjectives(chunk: Chunk, k: int) -> int:
    """The token before a phrase, past its article and plain adjectives or ages."""
    j = skip_adjectives_back(chunk, k) - 1
    if j >= 0 and chunk.low[j] in ROLE_ARTICLES:
        j -= 1
    return j


def skip_inserted_apposition(chunk: Chunk, k: int) -> int:
    """After a name: step over ", cinquantaseienne," / ", 49 anni," (a few words between
    commas, without a verb, a name or a relative pronoun) when a copula follows."""
    if k >= chunk.n or chunk.low[k] != ",":
        return k
    for j in range(k + 1, min(chunk.n, k + MAX_INSERTION)):
        if chunk.low[j] == ",":
            after = j + 1
            if after < chunk.n and (chunk.low[after] in ROLE_COPULA_FORMS
                                    or (chunk.is_finite_verb(after)
                                        and chunk.lemma[after] in ROLE_COPULA_LEMMAS)):
                return after
            return k
        if chunk.pos(j) in VERBAL_POS or chunk.is_per(j) or chunk.low[j] in ROLE_RELATIVE_PRONOUNS \
                or chunk.pos(j) == "PUNCT":
            return k
    return k


def joined_before(ctx: Context, phrase: Phrase) -> list[Phrase]:
    """The roles joined to ``phrase`` by "e" on its left, first to last, with it:
    "attore e regista" -> [attore, regista]."""
    chain = [phrase]
    while len(chain) < MAX_JOINED:
        k = chain[0].start - 1
        if k <= 0 or ctx.chunk.low[k] not in ROLE_AND:
            break
        left = next((p for p in ctx.phrases.values() if p.end == k and not p.plural), None)
        if left is None:
            break
        chain.insert(0, left)
    return chain


def as_well_as(chunk: Chunk, k: int) -> int | None:
    """The token after ", nonché" / "nonché" at k, or None."""
    if k < chunk.n and chunk.low[k] == ",":
        k += 1
    if k < chunk.n and chunk.low[k] in ROLE_AS_WELL_AS:
        j = k + 1
        if j < chunk.n and chunk.low[j] in ROLE_ARTICLES:
            j = skip_adjectives(chunk, j + 1)
        return j
    return None


def link_end(chunk: Chunk, k: int, links: tuple[tuple[str, ...], ...]) -> int | None:
    """The token after one of ``links`` written at k, or None."""
    for link in links:
        if all(k + x < chunk.n and chunk.low[k + x] == w for x, w in enumerate(link)):
            return k + len(link)
    return None


def clause_scan(chunk: Chunk, k: int, found) -> int | None:
    """The first ``found(j)`` that is not None for j from k on, within the name's clause:
    never past another name, a clause boundary or a subordinate clause."""
    for j in range(k, min(chunk.n, k + MAX_CAPACITY_DISTANCE)):
        if chunk.is_per(j) or chunk.toks[j].text in CLAUSE_PUNCT or chunk.low[j] in ROLE_SUBORDINATORS:
            return None
        end = found(j)
        if end is not None:
            return end
    return None


def role_after_article(ctx: Context, k: int) -> Phrase | None:
    """The role phrase starting at k, after an article and plain adjectives; None when the
    phrase runs into a name (it is that name's prefix)."""
    chunk = ctx.chunk
    if k < chunk.n and chunk.low[k] in ROLE_ARTICLES:
        k = skip_adjectives(chunk, k + 1)
    phrase = phrase_starting(ctx.phrases, k)
    if phrase is None or (phrase.end < chunk.n and chunk.is_per(phrase.end)):
        return None
    return phrase


def trim_first_name(chunk: Chunk, phrase: Phrase, person: Person) -> Phrase:
    """"il presidente della Fiat John Elkann" with only "Elkann" tagged PER: leave "John"
    out of the role (a first name the NER missed), unless it is a known place."""
    a, b = person.start, person.end
    last = phrase.pieces[-1]
    k = a - 1
    if b - a != 1 or last.kind != PieceKind.COMP or last.content is None \
            or last.content[1] - last.content[0] < MIN_TRIMMED_COMPLEMENT:
        return phrase
    if not (chunk.is_cap(k) and chunk.pos(k) == "PROPN" and chunk.ment[k] is None) or chunk.place_at(k):
        return phrase
    if chunk.match_place(last.content[0]) is not None:
        return phrase
    pieces = phrase.pieces[:-1] + [Piece(PieceKind.COMP, last.start, k, content=(last.content[0], k))]
    return Phrase(phrase.start, phrase.head, k, pieces, phrase.plural)


def is_plain_adjective(chunk: Chunk, j: int) -> bool:
    return chunk.pos(j) == "ADJ" and not chunk.is_cap(j)


def skip_adjectives_back(chunk: Chunk, k: int) -> int:
    """Step back over plain adjectives or ages before a role ("un giovane agricoltore",
    "il venticinquenne calciatore"): they are not part of the role."""
    for _ in range(MAX_SKIPPED_ADJECTIVES):
        j = k - 1
        if j >= 0 and (AGE.match(chunk.low[j]) or chunk.low[j] in ROLE_POSSESSIVES
                       or (is_plain_adjective(chunk, j) and chunk.match_entry(j, EntryKind.PRE) is None)):
            k = j
        else:
            break
    return k


def skip_adjectives(chunk: Chunk, k: int) -> int:
    """Step over plain adjectives or ages after an article, up to the role."""
    for _ in range(MAX_SKIPPED_ADJECTIVES):
        if k < chunk.n and chunk.head_at(k) is None and chunk.match_entry(k, EntryKind.PRE) is None \
                and (AGE.match(chunk.low[k]) or is_plain_adjective(chunk, k)):
            k += 1
        else:
            break
    return k


def inside_apposition(chunk: Chunk, phrase: Phrase) -> bool:
    """True if the phrase is itself an apposition of an earlier name ("X, il ministro, Y")."""
    k = phrase.start - 1
    if chunk.is_article(k):
        k -= 1
    return k >= 0 and chunk.low[k] == "," and k > 0 and chunk.is_per(k - 1)


def is_boundary(chunk: Chunk, k: int) -> bool:
    """Token k may end an apposition: punctuation, the end, a verb, a relative pronoun, a
    conjunction."""
    if k >= chunk.n:
        return True
    t = chunk.toks[k]
    # "l'ex calciatore del quale ...", "il sindaco di cui ...": a relative clause
    relative = k + 1 < chunk.n and chunk.pos(k) == "ADP" and chunk.low[k + 1] in ROLE_RELATIVE_PRONOUNS
    return (t.text in BOUNDARY_PUNCT or t.pos_ == "PUNCT" or chunk.low[k] in ROLE_RELATIVE_PRONOUNS
            or t.pos_ in VERBAL_POS or chunk.low[k] in ROLE_AND or chunk.low[k] in ROLE_STOP_CONJUNCTIONS
            or chunk.low[k] in ROLE_AS_WELL_AS or relative)


def phrase_starting(phrases: dict[int, Phrase], k: int) -> Phrase | None:
    """The phrase starting at token k with the earliest head."""
    best = None
    for phrase in phrases.values():
        if phrase.start == k and (best is None or phrase.head < best.head):
            best = phrase
    return best


def skip_insertion(chunk: Chunk, k: int) -> int:
    """After a copula: step over ", insieme a Y," / ", secondo i giornali," (an inserted
    phrase opened by a preposition or an adverb, closed by a comma, without a verb)."""
    if k + 1 >= chunk.n or chunk.low[k] != "," or chunk.pos(k + 1) not in ("ADP", "ADV"):
        return k
    j = k + 1
    while j < chunk.n and j - k <= MAX_INSERTION:
        if chunk.low[j] == ",":
            return j + 1
        if chunk.pos(j) in ("VERB", "AUX", "PUNCT") or chunk.low[j] in ROLE_RELATIVE_PRONOUNS:
            return k
        j += 1
    return k


def skip_partitive(chunk: Chunk, k: int) -> int:
    """"uno dei (due) fondatori", "una delle prime giornaliste": the role is the plural
    noun after the partitive."""
    if k + 1 < chunk.n and chunk.low[k] in ROLE_PARTITIVE_ONE and chunk.low[k + 1] in ROLE_PARTITIVE_OF:
        j = k + 2
        if chunk.low[k + 1] in ROLE_PARTITIVE_AMONG and j < chunk.n and chunk.low[j] in ROLE_PLURAL_ARTICLES:
            j += 1
        if j < chunk.n and (chunk.toks[j].like_num or chunk.pos(j) == "NUM"):
            j += 1
        j = skip_adjectives(chunk, j)
        if j < chunk.n and chunk.head_at(j) is not None and chunk.plural(j):
            return j
    return k


def coordinated_copula(chunk: Chunk, k: int) -> int | None:
    """The copula of a clause "e/ed + copula" found from k on, coordinated with the clause
    of a name's predicate. None when the clause may have another subject: a name, a
    subordinate or relative clause, a colon or semicolon in between."""
    j = k
    while j + 1 < chunk.n and j - k < MAX_CLAUSE:
        t = chunk.toks[j]
        if chunk.is_per(j) or chunk.low[j] in ROLE_SUBORDINATORS or t.pos_ == "SCONJ" \
                or t.text in CLAUSE_PUNCT:
            return None
        if chunk.low[j] in ROLE_AND and (chunk.low[j + 1] in ROLE_COPULA_FORMS or (
                chunk.pos(j + 1) == "AUX" and chunk.lemma[j + 1] == "essere")):
            return j + 1
        j += 1
    return None


def copula_role(ctx: Context, k: int) -> Phrase | None:
    """The role phrase of "è (stato nominato) (il nuovo) ministro" with the copula at k."""
    chunk = ctx.chunk
    seen_copula = False
    steps = 0
    while k < chunk.n and steps < MAX_COPULA_TOKENS:
        word = chunk.low[k]
        if not seen_copula and (word in ROLE_COPULA_FORMS or (
                chunk.is_finite_verb(k) and chunk.lemma[k] in ROLE_COPULA_LEMMAS)):
            seen_copula = True
        elif seen_copula and (word in ROLE_COPULA_PARTICIPLES or word in ROLE_APPOINT_FORMS or (
                chunk.lemma[k] in ROLE_APPOINT_LEMMAS and "Part" in chunk.toks[k].morph.get("VerbForm"))):
            pass
        elif word in ROLE_PREDICATE_ADVERBS:
            pass
        else:
            break
        k += 1
        steps += 1
    if not seen_copula:
        return None
    # "X è stata, insieme a Y, una dei due giornalisti": an inserted clause
    k = skip_insertion(chunk, k)
    j = skip_partitive(chunk, k)
    if j == k and k < chunk.n and chunk.low[k] in ROLE_ARTICLES:
        j = skip_adjectives(chunk, k + 1)
    k = j
    phrase = phrase_starting(ctx.phrases, k)
    if phrase is None or (phrase.end < chunk.n and chunk.is_per(phrase.end)):
        return None
    return phrase
