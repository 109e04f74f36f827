"""The constructions that give a person a role, one function each, in a registry.

Each construction looks at one PER mention of a chunk and the chunk's role
phrases (:func:`tui.nlp.roles.phrases.role_phrases`) and returns its candidates:
the phrases it attaches to that mention (or, for a plural role, to the mentions
listed after it). It records nothing; :mod:`tui.nlp.roles.attach` does. To add a
construction, write a function ``(Context, Person) -> list[Candidate]`` and put it
in :data:`CONSTRUCTIONS`, whose order is the order the candidates are recorded in.

- :func:`prefix`: "il ministro degli Esteri russo Serghei Lavrov", "Papa Francesco";
- :func:`prefix_across_comma`: "il ministro dell'Interno, Giuliano Amato, ha detto";
- :func:`title_in_name`: "Papa Francesco" tagged as one PER;
- :func:`apposition`: "Marco Rubio, segretario di Stato degli Usa";
- :func:`parenthesis`: "X - nato a Bari ed ex sindaco - ha detto";
- :func:`predicate`: "X è (stato nominato) il nuovo ministro", "..., nonché presidente";
- :func:`capacity`: "X, in qualità di presidente", "X ha parlato nelle vesti di ministro";
- :func:`resignation`: "X si è dimesso da presidente", "le dimissioni di X da consigliera".
- :func:`shared_apposition`: "A e B, entrambi inviati del Corriere", "A e B, i due volontari".
- :func:`parsed_apposition` and :func:`parsed_predicate`: what the dependency parse
  attaches to the name (an ``appos`` of it; a nominal predicate with a ``cop`` whose
  subject is the name; the object or complement of "nominare/eleggere" whose passive
  subject is the name), when its role phrase is not cut off by another name.

Titles and honorifics (:data:`~tui.nlp.lang_it.ROLE_HONORIFICS`: dott., prof., don,
mons., signor, on.) are never roles; the prefix constructions step over them ("il
procuratore capo di Palermo, dott. Francesco Messineo"). Two roles joined by "e" are
two candidates ("l'attore e regista X": attore; regista).
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
    ROLE_ARTICULATED_PREPOSITIONS,
    ROLE_COPULA_FORMS,
    ROLE_COPULA_LEMMAS,
    ROLE_COPULA_PARTICIPLES,
    ROLE_DISTRIBUTIVES,
    ROLE_HONORIFICS,
    ROLE_NAME_MODIFIED_NOUNS,
    ROLE_NUMBER_WORDS,
    ROLE_PARTITIVE_AMONG,
    ROLE_PARTITIVE_OF,
    ROLE_PARTITIVE_ONE,
    ROLE_PHRASE_END_PREPOSITIONS,
    ROLE_PLURAL_ARTICLES,
    ROLE_POSSESSIVES,
    ROLE_PREDICATE_ADVERBS,
    ROLE_RELATIVE_PRONOUNS,
    ROLE_STOP_CONJUNCTIONS,
    ROLE_SUBORDINATORS,
    ROLE_TITLES_IN_NAME,
    ROLE_YEARS,
)
from tui.nlp.lexicon import EntryKind
from tui.nlp.roles.matcher import AGE, VERBAL_POS, Chunk
from tui.nlp.roles.phrases import Phrase, Piece, PieceKind, phrase_at

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

#: "in qualità di", "nelle vesti di": the role follows (words as the tokenizer cuts them).
CAPACITY_LINKS = (("in", "qualità", "di"), ("nelle", "vesti", "di"), ("in", "veste", "di"),
                  ("nel", "ruolo", "di"), ("con", "il", "ruolo", "di"), ("col", "ruolo", "di"),
                  ("in", "quanto"))
#: "si è dimesso da", "dimessosi da": the role follows "da" (or "dalla carica di").
RESIGNED_FORMS = frozenset({"dimesso", "dimessa", "dimessi", "dimesse", "dimette", "dimettono",
                            "dimise", "dimisero", "dimessosi", "dimessasi", "dimettersi",
                            "dimettendosi"})
RESIGNATION_NOUNS = frozenset({"dimissioni"})
RESIGNED_FROM = frozenset({"da"})
RESIGNED_OFFICE = (("dalla", "carica", "di"), ("dall'", "incarico", "di"), ("da",))
#: "nonché": "X era membro del CIO, nonché presidente di ...".
AS_WELL_AS = frozenset({"nonché", "nonchè"})


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


def prefix(ctx: Context, person: Person) -> list[Candidate]:
    """The phrase that ends right before the name: "il ministro Maroni"; when several heads
    reach the same name, the closest wins ("il portavoce del ministro X": X is the
    minister); "cantante e musicista X" and title chains ("arcivescovo di Parigi
    cardinale X") give X every piece; a plural head takes a whole list ("i ministri
    Alfano e Lupi")."""
    chunk = ctx.chunk
    a = _before_honorifics(chunk, person.start)
    reach = [phrase for phrase in ctx.phrases.values() if phrase.end == a]
    if not reach:
        return []
    singular = [phrase for phrase in reach if not phrase.plural]
    if singular:
        return _singular_prefix(ctx, person, singular)
    # plural: "i ministri Alfano e Lupi" (not "della Camera dei Deputati X")
    phrase = max(reach, key=lambda p: p.head)
    if not _plural_opening(chunk, phrase):
        return []
    return _shared_plural(ctx, phrase, person)


def _plural_opening(chunk: Chunk, phrase: Phrase) -> bool:
    """A plural role opened by a plural article ("i ministri") or an articulated preposition
    ("dei fantini"; not "della Camera dei Deputati", whose head is capitalised after a noun)."""
    before = _skip_adjectives_back(chunk, phrase.start) - 1
    return before >= 0 and (chunk.low[before] in ROLE_PLURAL_ARTICLES or (
        chunk.low[before] in ROLE_ARTICULATED_PREPOSITIONS
        and (before == 0 or chunk.pos(before - 1) not in ("NOUN", "PROPN")
             or not chunk.is_cap(phrase.head))))


def _shared_plural(ctx: Context, phrase: Phrase, person: Person) -> list[Candidate]:
    """A plural role for the person and each person listed after it ("A, B e C")."""
    chunk = ctx.chunk
    out = [Candidate(phrase, person.mention.id)]
    k = chunk.ment_tokens[person.mention.id][1]
    while k + 1 < chunk.n and (chunk.low[k] in ROLE_AND or chunk.low[k] == ",") \
            and (k + 1) in ctx.people_at:
        listed = ctx.people_at[k + 1]
        out.append(Candidate(phrase, listed.mention.id))
        if chunk.low[k] in ROLE_AND:
            break
        k = listed.end
    return out


def prefix_across_comma(ctx: Context, person: Person) -> list[Candidate]:
    """"il ministro dell'Interno, Giuliano Amato, ha detto": a phrase between an article and
    a comma, the name closed by a comma; only when the name has no prefix."""
    chunk, b = ctx.chunk, person.end
    a = _before_honorifics(chunk, person.start)
    if not (a >= 2 and chunk.low[a - 1] == "," and (b >= chunk.n or chunk.toks[b].text in NAME_CLOSERS
                                                    or chunk.low[b] in ROLE_AND)):
        return []
    if prefix(ctx, person):
        return []
    # "I capigruppo di Forza Italia, Elio Vito e Renato Schifani, hanno chiesto"
    plural = next((p for p in ctx.phrases.values() if p.plural and p.end == a - 1
                   and _plural_opening(chunk, p) and not _inside_apposition(chunk, p)), None)
    if plural is not None and a - 2 >= 0 and not chunk.is_per(a - 2):
        listed = _shared_plural(ctx, plural, person)
        if len(listed) > 1:
            return listed
    for h in sorted(ctx.phrases):  # outermost: "Il portavoce del Segretario generale, X,"
        phrase = ctx.phrases[h]
        # "un imprenditore di Anzio di 53 anni, X,", "una studentessa sedicenne, X,": the date
        # or age is not in the role
        if not (phrase.end == a - 1 or chunk.time_end(phrase.end) == a - 1
                or (phrase.end + 1 == a - 1 and AGE.match(chunk.low[phrase.end]))) or phrase.plural \
                or (b < chunk.n and chunk.low[b] in ROLE_AND):
            continue
        # "l'ex sindaco di Roma e segretario del Pd, X,": every role of the chain
        chain = _joined_before(ctx, phrase)
        first = chain[0]
        if chunk.is_article(_skip_adjectives_back(chunk, first.start) - 1) \
                and (not _inside_apposition(chunk, first) or (
                    b + 1 < chunk.n and chunk.pos(b + 1) in VERBAL_POS)):
            return [Candidate(x, person.mention.id) for x in chain]
    return []


def title_in_name(ctx: Context, person: Person) -> list[Candidate]:
    """A title inside the NER span: "Papa Francesco" tagged as one PER."""
    chunk, a, b = ctx.chunk, person.start, person.end
    if not (a + 1 < b and (not chunk.is_cap(a) or chunk.low[a] in ROLE_TITLES_IN_NAME)):
        return []
    phrase = phrase_at(chunk, a, inside_name=True, limit=b)
    if phrase is not None and phrase.start == a and phrase.end < b and chunk.is_cap(phrase.end) \
            and not any(x.kind == PieceKind.COMP for x in phrase.pieces):
        return [Candidate(phrase, person.mention.id)]
    return []


def apposition(ctx: Context, person: Person) -> list[Candidate]:
    """"Marco Rubio, segretario di Stato degli Usa": the phrase must be followed by a
    boundary and never by another name, which would make it that name's prefix; "e" +
    another role adds a second role; also "X, 49 anni, ingegnere", "X, uno dei fondatori"."""
    if _modifies_a_noun(ctx.chunk, person):
        return []
    chunk, a, k = ctx.chunk, person.start, person.end
    if k >= chunk.n or chunk.toks[k].text not in (",", "("):
        return []
    opener = chunk.toks[k].text
    k += 1
    # "X, 49 anni, ingegnere"
    if k + 2 < chunk.n and chunk.pos(k) == "NUM" and chunk.low[k + 1] == ROLE_YEARS \
            and chunk.low[k + 2] == ",":
        k += 3
    if k < chunk.n and chunk.low[k] in ROLE_APPOINT_FORMS:
        k += 1
    has_article = False
    # "X, uno dei fondatori": not after a preposition ("insieme a Y, uno dei...": whose?)
    j = _skip_partitive(chunk, k) if a == 0 or chunk.pos(a - 1) != "ADP" else k
    if j == k and k < chunk.n and chunk.low[k] in ROLE_ARTICLES:
        has_article = True
        j = _skip_adjectives(chunk, k + 1)
    elif j == k:
        j = _skip_adjectives(chunk, k)  # "X, diciassettenne calciatore della Lazio"
    k = j
    out: list[Candidate] = []
    while True:
        phrase = _phrase_starting(ctx.phrases, k)
        if phrase is None:
            return out
        e = phrase.end
        if e < chunk.n and chunk.is_per(e):
            return out  # the prefix of the next name
        if e + 1 < chunk.n and chunk.low[e] == "," and _name_or_its_prefix(ctx, e + 1):
            return out  # "X, il ministro, (deputato) Y, ha detto": the role is Y's
        if not _is_boundary(chunk, e) and not chunk.time_at(e) \
                and not (opener == "," and chunk.low[e] in ROLE_PHRASE_END_PREPOSITIONS):
            return out  # "dal 2009 al 2013", "durante la presidenza di X" end it too
        if has_article and e < chunk.n and chunk.pos(e) in VERBAL_POS:
            # "Per la morte di X, il sindaco di Napoli ha proclamato...": the phrase is
            # the subject of the next clause, not an apposition
            return out
        if opener == "(" and e < chunk.n and chunk.toks[e].text not in (")", ",", ";"):
            return out
        nxt = _as_well_as(chunk, e)
        if nxt is not None and _phrase_starting(ctx.phrases, nxt) is not None:
            out.append(Candidate(phrase, person.mention.id))  # "X, membro del CIO, nonché presidente"
            k = nxt
            has_article = False
            continue
        if e < chunk.n and chunk.low[e] in ROLE_AND:
            # "X, il ministro e il premier" is a list: not an apposition
            nxt = e + 1
            if has_article and nxt < chunk.n and (chunk.low[nxt] in ROLE_ARTICLES or chunk.is_per(nxt)):
                return out
            if nxt < chunk.n and chunk.is_per(nxt):
                return out
            out.append(Candidate(phrase, person.mention.id))
            if _phrase_starting(ctx.phrases, nxt) is None:
                return out
            k = nxt
            has_article = False
            continue
        # "X, cospiratore, patriota, letterato": a list of roles, each without an article;
        # "A, il presidente della Corte, capi militari e deputati" is a list of people
        nxt = e + 1
        listed = _phrase_starting(ctx.phrases, nxt) if e < chunk.n and chunk.low[e] == "," else None
        if listed is not None and listed.plural:
            return out
        out.append(Candidate(phrase, person.mention.id))
        if listed is not None and not has_article and len(out) < MAX_JOINED \
                and not _name_or_its_prefix(ctx, nxt) \
                and (_is_boundary(chunk, listed.end) or chunk.time_at(listed.end)):
            k = nxt
            has_article = False
            continue
        return out


def parenthesis(ctx: Context, person: Person) -> list[Candidate]:
    """"X - originario di Bari, laureato in legge ed ex sindaco della città - ha detto":
    the items of a parenthesis right after the name (between spaced dashes or brackets)
    that are role phrases, each opening an item (after the dash, a comma or "e") without an
    article and closing it. The parenthesis must be short, without a finite verb, a
    relative pronoun or another name."""
    if _modifies_a_noun(ctx.chunk, person):
        return []
    chunk, b = ctx.chunk, person.end
    if b >= chunk.n or chunk.low[b] not in DASHES | {"("} or chunk.glued(b - 1):
        return []
    closers = {")"} if chunk.low[b] == "(" else DASHES
    close = next((j for j in range(b + 1, min(chunk.n, b + MAX_PARENTHESIS)) if chunk.low[j] in closers),
                 None)
    if close is None or close == b + 1:
        return []
    for j in range(b + 1, close):
        if chunk.is_per(j) or chunk.low[j] in ROLE_RELATIVE_PRONOUNS or chunk.is_finite_verb(j):
            return []
    out = []
    for j in range(b + 1, close):
        if j > b + 1 and chunk.low[j - 1] not in ROLE_AND and chunk.low[j - 1] != ",":
            continue
        phrase = _phrase_starting(ctx.phrases, j)
        if phrase is not None and phrase.end <= close and (
                phrase.end == close or chunk.low[phrase.end] in ROLE_AND or chunk.low[phrase.end] == ","):
            out.append(Candidate(phrase, person.mention.id))
    return out


def predicate(ctx: Context, person: Person) -> list[Candidate]:
    """"X è (stato nominato) il nuovo ministro", also after an inserted phrase ("X è stata,
    insieme a Y, una delle fondatrici"), a partitive ("uno dei (tre) fondatori del
    partito") and in a clause coordinated with the name's own ("X ha giocato 40 partite ed
    è stato capitano", "X è deputato ed è stato segretario del partito")."""
    if _modifies_a_noun(ctx.chunk, person):
        return []
    chunk, a, k = ctx.chunk, person.start, person.end
    # "La vittima, Reeva Steenkamp, era una modella": the name is itself an apposition
    if k < chunk.n and chunk.low[k] == "," and a > 0 and chunk.low[a - 1] == ",":
        k += 1
    # "X, cinquantaseienne, era presidente": a short insertion between commas
    k = _skip_inserted_apposition(chunk, k)
    out: list[Candidate] = []
    phrase = _copula_role(ctx, k)
    scan: int | None = None
    if phrase is not None:
        out.append(Candidate(phrase, person.mention.id))
        scan = phrase.end
        # "era presidente e CEO di MSI": a second role joined by "e"
        if scan + 1 < chunk.n and chunk.low[scan] in ROLE_AND:
            joined = _role_after_article(ctx, scan + 1)
            if joined is not None:
                out.append(Candidate(joined, person.mention.id))
                scan = joined.end
    elif k < chunk.n and chunk.is_finite_verb(k):
        scan = k + 1  # the name is the subject of the clause
    # "X ha giocato 130 partite, ed è stato capitano in 110", "X è deputato ed è stato
    # segretario del partito": a coordinated clause with the same subject
    while scan is not None and len(out) < MAX_PREDICATES:
        also = _as_well_as(chunk, scan) if out else None
        if also is not None and _phrase_starting(ctx.phrases, also) is not None:
            phrase = _phrase_starting(ctx.phrases, also)  # "..., nonché presidente di"
            if phrase.end < chunk.n and chunk.is_per(phrase.end):
                break
            out.append(Candidate(phrase, person.mention.id))
            scan = phrase.end
            continue
        j = _coordinated_copula(chunk, scan)
        phrase = _copula_role(ctx, j) if j is not None else None
        if phrase is None:
            break
        out.append(Candidate(phrase, person.mention.id))
        scan = phrase.end
    return out


def capacity(ctx: Context, person: Person) -> list[Candidate]:
    """"X, in qualità di presidente, ha detto", "X ha parlato nelle vesti di ministro": a
    role after "in qualità di" / "nelle vesti di" in the name's own clause."""
    chunk = ctx.chunk
    k = _clause_scan(chunk, person.end, lambda j: _link_end(chunk, j, CAPACITY_LINKS))
    if k is None:
        return []
    phrase = _role_after_article(ctx, k)
    return [Candidate(phrase, person.mention.id)] if phrase is not None else []


def resignation(ctx: Context, person: Person) -> list[Candidate]:
    """"X si è dimesso da presidente", "X, dimessosi dalla carica di sindaco", and "le
    dimissioni di X da consigliera regionale": the office left is a role of X."""
    chunk, a = ctx.chunk, person.start
    k = None
    if a >= 2 and chunk.low[a - 1] in ("di", "della", "del") and chunk.low[a - 2] in RESIGNATION_NOUNS:
        k = _link_end(chunk, person.end, RESIGNED_OFFICE)  # "le dimissioni di X da ..."
    if k is None:
        def after_resigned(j: int) -> int | None:
            if chunk.low[j] in RESIGNED_FORMS or chunk.lemma[j] == "dimettere" \
                    or chunk.low[j] in RESIGNATION_NOUNS:  # "X ha rassegnato le dimissioni da"
                return _link_end(chunk, j + 1, RESIGNED_OFFICE)
            return None
        k = _clause_scan(chunk, person.end, after_resigned)
    if k is None:
        return []
    phrase = _role_after_article(ctx, k)
    return [Candidate(phrase, person.mention.id)] if phrase is not None else []


def shared_apposition(ctx: Context, person: Person) -> list[Candidate]:
    """"A e B, entrambi inviati del Corriere", "A e B, i due volontari italiani": a plural
    apposition after the last name of a list goes to every name of the list."""
    chunk, k = ctx.chunk, person.end
    if k + 2 >= chunk.n or chunk.low[k] != ",":
        return []
    listed = _listed_before(ctx, person)
    if not listed:
        return []
    j = k + 1
    if chunk.low[j] in ROLE_DISTRIBUTIVES:
        j += 1
        if j + 1 < chunk.n and chunk.low[j] in ROLE_AND and chunk.low[j + 1] in ROLE_NUMBER_WORDS:
            j += 2
    elif chunk.low[j] in ROLE_PLURAL_ARTICLES and j + 1 < chunk.n and chunk.low[j + 1] in ROLE_NUMBER_WORDS:
        j += 2
    else:
        return []
    phrase = _phrase_starting(ctx.phrases, _skip_adjectives(chunk, j))
    if phrase is None or not phrase.plural or not _is_boundary(chunk, phrase.end) \
            or (phrase.end < chunk.n and chunk.is_per(phrase.end)):
        return []
    return [Candidate(phrase, p.mention.id) for p in [*listed, person]]


def parsed_apposition(ctx: Context, person: Person) -> list[Candidate]:
    """A role phrase whose head the parser makes an apposition of the name, written after
    it past a comma or a bracket ("X, che tutti conoscono come tale, il noto fisico": no;
    "Fabrice Muamba, il giocatore inglese del Bolton": yes)."""
    if _modifies_a_noun(ctx.chunk, person):
        return []
    chunk = ctx.chunk
    out = []
    for t in _dependents(chunk, person, {"appos"}):
        phrase = _phrase_of_token(ctx, t.i)
        if phrase is None or phrase.start < person.end or not _clear_after_name(ctx, person, phrase):
            continue
        k = _before_article_and_adjectives(chunk, phrase.start)
        if k >= 0 and chunk.low[k] in (",", "("):
            out.append(Candidate(phrase, person.mention.id))
    return out


def parsed_predicate(ctx: Context, person: Person) -> list[Candidate]:
    """A role phrase the parser makes the nominal predicate of the name ("X, che da anni
    vive a Roma, è un noto oncologo") or the complement of its appointment ("X è stato
    nominato ieri dal consiglio presidente")."""
    if _modifies_a_noun(ctx.chunk, person):
        return []
    chunk = ctx.chunk
    out = []
    subject_of = {t.head.i for t in _name_tokens(chunk, person) if t.dep_.startswith("nsubj")}
    for h in subject_of:
        head = chunk.toks[h]
        kids = list(head.children)
        if any(k.dep_ == "cop" for k in kids) and not any(k.lower_ == "non" for k in kids):
            candidates = [h]
        elif head.lemma_ in ROLE_APPOINT_LEMMAS and any(k.dep_ == "nsubj:pass" for k in kids) \
                and not any(k.lower_ == "non" for k in kids):
            candidates = [k.i for k in kids if k.dep_ in ("xcomp", "obj", "obl") and k.i > h]
        else:
            continue
        for c in candidates:
            phrase = _phrase_of_token(ctx, c)
            if phrase is not None and phrase.start >= person.end and _clear_after_name(ctx, person, phrase):
                out.append(Candidate(phrase, person.mention.id))
    return out


#: Every construction, in the order their candidates are recorded.
CONSTRUCTIONS: tuple[Construction, ...] = (
    prefix, prefix_across_comma, title_in_name, apposition, shared_apposition, parenthesis,
    predicate, capacity, resignation, parsed_apposition, parsed_predicate)


# -- shared helpers ----------------------------------------------------------------------


def _singular_prefix(ctx: Context, person: Person, singular: list[Phrase]) -> list[Candidate]:
    chunk, mid = ctx.chunk, person.mention.id
    best = _trim_first_name(chunk, max(singular, key=lambda p: p.head), person)
    out = [Candidate(best, mid)]
    k = best.start - 1
    if k > 0 and chunk.low[k] in ROLE_AND:
        # "l'attore e regista X": two roles, attore and regista
        chain = _joined_before(ctx, best)
        return [Candidate(x, mid) for x in chain]
    # title chain: "arcivescovo di Parigi cardinale X" -> both
    for phrase in ctx.phrases.values():
        if phrase.end == best.start and phrase is not best and not phrase.plural \
                and best.start == best.head:
            out.append(Candidate(phrase, mid))
            break
    return out


def _before_honorifics(chunk: Chunk, a: int) -> int:
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


def _modifies_a_noun(chunk: Chunk, person: Person) -> bool:
    """The name qualifies the noun right before it ("il governo De Gasperi, ...", "il
    gabinetto Bonomi"): what follows it is not about the person."""
    a = person.start
    return a > 0 and chunk.low[a - 1] in ROLE_NAME_MODIFIED_NOUNS


def _name_or_its_prefix(ctx: Context, k: int) -> bool:
    """A name starts at k, or a role phrase that is the prefix of a name ("deputato Y")."""
    chunk = ctx.chunk
    if chunk.is_per(k):
        return True
    phrase = _phrase_starting(ctx.phrases, k)
    return phrase is not None and phrase.end < chunk.n and chunk.is_per(phrase.end)


def _listed_before(ctx: Context, person: Person) -> list[Person]:
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


def _name_tokens(chunk: Chunk, person: Person):
    return chunk.toks[person.start:person.end]


def _dependents(chunk: Chunk, person: Person, deps: set[str]):
    """The tokens outside the name attached to a token of the name with one of ``deps``."""
    inside = range(person.start, person.end)
    for t in _name_tokens(chunk, person):
        for child in t.children:
            if child.dep_ in deps and child.i not in inside:
                yield child


def _phrase_of_token(ctx: Context, i: int) -> Phrase | None:
    """The role phrase whose head covers token i ("ministro" of "primo ministro")."""
    for phrase in ctx.phrases.values():
        if phrase.head <= i < phrase.head_end:
            return phrase
    return None


def _clear_after_name(ctx: Context, person: Person, phrase: Phrase) -> bool:
    """No other name between the person and the phrase, the phrase in the person's
    sentence, whole (it ends where a phrase may end: a complement is never cut, "presidente
    della Commissione| Difesa"), and not the prefix of a following name."""
    chunk = ctx.chunk
    if any(chunk.is_per(k) for k in range(person.end, phrase.start)):
        return False
    if not _is_boundary(chunk, phrase.end) and not chunk.time_at(phrase.end):
        return False
    if phrase.end < chunk.n and chunk.is_per(phrase.end):
        return False
    if phrase.end + 1 < chunk.n and chunk.low[phrase.end] == "," and chunk.is_per(phrase.end + 1):
        return False
    return chunk.toks[person.start].sent.start == chunk.toks[phrase.start].sent.start


def _before_article_and_adjectives(chunk: Chunk, k: int) -> int:
    """The token before a phrase, past its article and plain adjectives or ages."""
    j = _skip_adjectives_back(chunk, k) - 1
    if j >= 0 and chunk.low[j] in ROLE_ARTICLES:
        j -= 1
    return j


def _skip_inserted_apposition(chunk: Chunk, k: int) -> int:
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


def _joined_before(ctx: Context, phrase: Phrase) -> list[Phrase]:
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


def _as_well_as(chunk: Chunk, k: int) -> int | None:
    """The token after ", nonché" / "nonché" at k, or None."""
    if k < chunk.n and chunk.low[k] == ",":
        k += 1
    if k < chunk.n and chunk.low[k] in AS_WELL_AS:
        j = k + 1
        if j < chunk.n and chunk.low[j] in ROLE_ARTICLES:
            j = _skip_adjectives(chunk, j + 1)
        return j
    return None


def _link_end(chunk: Chunk, k: int, links: tuple[tuple[str, ...], ...]) -> int | None:
    """The token after one of ``links`` written at k, or None."""
    for link in links:
        if all(k + x < chunk.n and chunk.low[k + x] == w for x, w in enumerate(link)):
            return k + len(link)
    return None


def _clause_scan(chunk: Chunk, k: int, found) -> int | None:
    """The first ``found(j)`` that is not None for j from k on, within the name's clause:
    never past another name, a clause boundary or a subordinate clause."""
    for j in range(k, min(chunk.n, k + MAX_CAPACITY_DISTANCE)):
        if chunk.is_per(j) or chunk.toks[j].text in CLAUSE_PUNCT or chunk.low[j] in ROLE_SUBORDINATORS:
            return None
        end = found(j)
        if end is not None:
            return end
    return None


def _role_after_article(ctx: Context, k: int) -> Phrase | None:
    """The role phrase starting at k, after an article and plain adjectives; None when the
    phrase runs into a name (it is that name's prefix)."""
    chunk = ctx.chunk
    if k < chunk.n and chunk.low[k] in ROLE_ARTICLES:
        k = _skip_adjectives(chunk, k + 1)
    phrase = _phrase_starting(ctx.phrases, k)
    if phrase is None or (phrase.end < chunk.n and chunk.is_per(phrase.end)):
        return None
    return phrase


def _trim_first_name(chunk: Chunk, phrase: Phrase, person: Person) -> Phrase:
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


def _is_plain_adjective(chunk: Chunk, j: int) -> bool:
    return chunk.pos(j) == "ADJ" and not chunk.is_cap(j)


def _skip_adjectives_back(chunk: Chunk, k: int) -> int:
    """Step back over plain adjectives or ages before a role ("un giovane agricoltore",
    "il venticinquenne calciatore"): they are not part of the role."""
    for _ in range(MAX_SKIPPED_ADJECTIVES):
        j = k - 1
        if j >= 0 and (AGE.match(chunk.low[j]) or chunk.low[j] in ROLE_POSSESSIVES
                       or (_is_plain_adjective(chunk, j) and chunk.match_entry(j, EntryKind.PRE) is None)):
            k = j
        else:
            break
    return k


def _skip_adjectives(chunk: Chunk, k: int) -> int:
    """Step over plain adjectives or ages after an article, up to the role."""
    for _ in range(MAX_SKIPPED_ADJECTIVES):
        if k < chunk.n and chunk.head_at(k) is None and chunk.match_entry(k, EntryKind.PRE) is None \
                and (AGE.match(chunk.low[k]) or _is_plain_adjective(chunk, k)):
            k += 1
        else:
            break
    return k


def _inside_apposition(chunk: Chunk, phrase: Phrase) -> bool:
    """True if the phrase is itself an apposition of an earlier name ("X, il ministro, Y")."""
    k = phrase.start - 1
    if chunk.is_article(k):
        k -= 1
    return k >= 0 and chunk.low[k] == "," and k > 0 and chunk.is_per(k - 1)


def _is_boundary(chunk: Chunk, k: int) -> bool:
    """Token k may end an apposition: punctuation, the end, a verb, a relative pronoun, a
    conjunction."""
    if k >= chunk.n:
        return True
    t = chunk.toks[k]
    # "l'ex calciatore del quale ...", "il sindaco di cui ...": a relative clause
    relative = k + 1 < chunk.n and chunk.pos(k) == "ADP" and chunk.low[k + 1] in ROLE_RELATIVE_PRONOUNS
    return (t.text in BOUNDARY_PUNCT or t.pos_ == "PUNCT" or chunk.low[k] in ROLE_RELATIVE_PRONOUNS
            or t.pos_ in VERBAL_POS or chunk.low[k] in ROLE_AND or chunk.low[k] in ROLE_STOP_CONJUNCTIONS
            or chunk.low[k] in AS_WELL_AS or relative)


def _phrase_starting(phrases: dict[int, Phrase], k: int) -> Phrase | None:
    """The phrase starting at token k with the earliest head."""
    best = None
    for phrase in phrases.values():
        if phrase.start == k and (best is None or phrase.head < best.head):
            best = phrase
    return best


def _skip_insertion(chunk: Chunk, k: int) -> int:
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


def _skip_partitive(chunk: Chunk, k: int) -> int:
    """"uno dei (due) fondatori", "una delle prime giornaliste": the role is the plural
    noun after the partitive."""
    if k + 1 < chunk.n and chunk.low[k] in ROLE_PARTITIVE_ONE and chunk.low[k + 1] in ROLE_PARTITIVE_OF:
        j = k + 2
        if chunk.low[k + 1] in ROLE_PARTITIVE_AMONG and j < chunk.n and chunk.low[j] in ROLE_PLURAL_ARTICLES:
            j += 1
        if j < chunk.n and (chunk.toks[j].like_num or chunk.pos(j) == "NUM"):
            j += 1
        j = _skip_adjectives(chunk, j)
        if j < chunk.n and chunk.head_at(j) is not None and chunk.plural(j):
            return j
    return k


def _coordinated_copula(chunk: Chunk, k: int) -> int | None:
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


def _copula_role(ctx: Context, k: int) -> Phrase | None:
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
    k = _skip_insertion(chunk, k)
    j = _skip_partitive(chunk, k)
    if j == k and k < chunk.n and chunk.low[k] in ROLE_ARTICLES:
        j = _skip_adjectives(chunk, k + 1)
    k = j
    phrase = _phrase_starting(ctx.phrases, k)
    if phrase is None or (phrase.end < chunk.n and chunk.is_per(phrase.end)):
        return None
    return phrase
