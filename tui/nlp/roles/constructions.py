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

from tui.nlp.lang_it import (
    ROLE_AND,
    ROLE_APPOINT_FORMS,
    ROLE_APPOINT_LEMMAS,
    ROLE_ARTICLES,
    ROLE_ARTICULATED_PREPOSITIONS,
    ROLE_CAPACITY_LINKS,
    ROLE_DISTRIBUTIVES,
    ROLE_NUMBER_WORDS,
    ROLE_PHRASE_END_PREPOSITIONS,
    ROLE_PLURAL_ARTICLES,
    ROLE_RELATIVE_PRONOUNS,
    ROLE_RESIGNATION_NOUNS,
    ROLE_RESIGNED_FORMS,
    ROLE_RESIGNED_OFFICE,
    ROLE_TITLES_IN_NAME,
    ROLE_YEARS,
)
from tui.nlp.roles.matcher import AGE, VERBAL_POS, Chunk
from tui.nlp.roles.phrases import Phrase, PieceKind, phrase_at
from tui.nlp.roles.scan import (
    DASHES,
    MAX_JOINED,
    MAX_PARENTHESIS,
    MAX_PREDICATES,
    NAME_CLOSERS,
    Candidate,
    Construction,
    Context,
    Person,
    as_well_as,
    before_article_and_adjectives,
    before_honorifics,
    clause_scan,
    clear_after_name,
    coordinated_copula,
    copula_role,
    dependents,
    inside_apposition,
    is_boundary,
    joined_before,
    link_end,
    listed_before,
    modifies_a_noun,
    name_or_its_prefix,
    name_tokens,
    phrase_of_token,
    phrase_starting,
    role_after_article,
    singular_prefix,
    skip_adjectives,
    skip_adjectives_back,
    skip_inserted_apposition,
    skip_partitive,
)


def prefix(ctx: Context, person: Person) -> list[Candidate]:
    """The phrase that ends right before the name: "il ministro Maroni"; when several heads
    reach the same name, the closest wins ("il portavoce del ministro X": X is the
    minister); "cantante e musicista X" and title chains ("arcivescovo di Parigi
    cardinale X") give X every piece; a plural head takes a whole list ("i ministri
    Alfano e Lupi")."""
    chunk = ctx.chunk
    a = before_honorifics(chunk, person.start)
    reach = [phrase for phrase in ctx.phrases.values() if phrase.end == a]
    if not reach:
        return []
    singular = [phrase for phrase in reach if not phrase.plural]
    if singular:
        return singular_prefix(ctx, person, singular)
    # plural: "i ministri Alfano e Lupi" (not "della Camera dei Deputati X")
    phrase = max(reach, key=lambda p: p.head)
    if not _plural_opening(chunk, phrase):
        return []
    return _shared_plural(ctx, phrase, person)


def _plural_opening(chunk: Chunk, phrase: Phrase) -> bool:
    """A plural role opened by a plural article ("i ministri") or an articulated preposition
    ("dei fantini"; not "della Camera dei Deputati", whose head is capitalised after a noun)."""
    before = skip_adjectives_back(chunk, phrase.start) - 1
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
    a = before_honorifics(chunk, person.start)
    if not (a >= 2 and chunk.low[a - 1] == "," and (b >= chunk.n or chunk.toks[b].text in NAME_CLOSERS
                                                    or chunk.low[b] in ROLE_AND)):
        return []
    if prefix(ctx, person):
        return []
    # "I capigruppo di Forza Italia, Elio Vito e Renato Schifani, hanno chiesto"
    plural = next((p for p in ctx.phrases.values() if p.plural and p.end == a - 1
                   and _plural_opening(chunk, p) and not inside_apposition(chunk, p)), None)
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
        chain = joined_before(ctx, phrase)
        first = chain[0]
        if chunk.is_article(skip_adjectives_back(chunk, first.start) - 1) \
                and (not inside_apposition(chunk, first) or (
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
    another role adds a second role; also "X, 49 anni, ingegnere", "X, uno dei fondatori".

    Long because the apposition's forms are tried in the order the text gives them,
    each a few lines that share the scan position."""
    if modifies_a_noun(ctx.chunk, person):
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
    j = skip_partitive(chunk, k) if a == 0 or chunk.pos(a - 1) != "ADP" else k
    if j == k and k < chunk.n and chunk.low[k] in ROLE_ARTICLES:
        has_article = True
        j = skip_adjectives(chunk, k + 1)
    elif j == k:
        j = skip_adjectives(chunk, k)  # "X, diciassettenne calciatore della Lazio"
    k = j
    out: list[Candidate] = []
    while True:
        phrase = phrase_starting(ctx.phrases, k)
        if phrase is None:
            return out
        e = phrase.end
        if e < chunk.n and chunk.is_per(e):
            return out  # the prefix of the next name
        if e + 1 < chunk.n and chunk.low[e] == "," and name_or_its_prefix(ctx, e + 1):
            return out  # "X, il ministro, (deputato) Y, ha detto": the role is Y's
        if not is_boundary(chunk, e) and not chunk.time_at(e) \
                and not (opener == "," and chunk.low[e] in ROLE_PHRASE_END_PREPOSITIONS):
            return out  # "dal 2009 al 2013", "durante la presidenza di X" end it too
        if has_article and e < chunk.n and chunk.pos(e) in VERBAL_POS:
            # "Per la morte di X, il sindaco di Napoli ha proclamato...": the phrase is
            # the subject of the next clause, not an apposition
            return out
        if opener == "(" and e < chunk.n and chunk.toks[e].text not in (")", ",", ";"):
            return out
        nxt = as_well_as(chunk, e)
        if nxt is not None and phrase_starting(ctx.phrases, nxt) is not None:
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
            if phrase_starting(ctx.phrases, nxt) is None:
                return out
            k = nxt
            has_article = False
            continue
        # "X, cospiratore, patriota, letterato": a list of roles, each without an article;
        # "A, il presidente della Corte, capi militari e deputati" is a list of people
        nxt = e + 1
        listed = phrase_starting(ctx.phrases, nxt) if e < chunk.n and chunk.low[e] == "," else None
        if listed is not None and listed.plural:
            return out
        out.append(Candidate(phrase, person.mention.id))
        if listed is not None and not has_article and len(out) < MAX_JOINED \
                and not name_or_its_prefix(ctx, nxt) \
                and (is_boundary(chunk, listed.end) or chunk.time_at(listed.end)):
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
    if modifies_a_noun(ctx.chunk, person):
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
        phrase = phrase_starting(ctx.phrases, j)
        if phrase is not None and phrase.end <= close and (
                phrase.end == close or chunk.low[phrase.end] in ROLE_AND or chunk.low[phrase.end] == ","):
            out.append(Candidate(phrase, person.mention.id))
    return out


def predicate(ctx: Context, person: Person) -> list[Candidate]:
    """"X è (stato nominato) il nuovo ministro", also after an inserted phrase ("X è stata,
    insieme a Y, una delle fondatrici"), a partitive ("uno dei (tre) fondatori del
    partito") and in a clause coordinated with the name's own ("X ha giocato 40 partite ed
    è stato capitano", "X è deputato ed è stato segretario del partito")."""
    if modifies_a_noun(ctx.chunk, person):
        return []
    chunk, a, k = ctx.chunk, person.start, person.end
    # "La vittima, Reeva Steenkamp, era una modella": the name is itself an apposition
    if k < chunk.n and chunk.low[k] == "," and a > 0 and chunk.low[a - 1] == ",":
        k += 1
    # "X, cinquantaseienne, era presidente": a short insertion between commas
    k = skip_inserted_apposition(chunk, k)
    out: list[Candidate] = []
    phrase = copula_role(ctx, k)
    scan: int | None = None
    if phrase is not None:
        out.append(Candidate(phrase, person.mention.id))
        scan = phrase.end
        # "era presidente e CEO di MSI": a second role joined by "e"
        if scan + 1 < chunk.n and chunk.low[scan] in ROLE_AND:
            joined = role_after_article(ctx, scan + 1)
            if joined is not None:
                out.append(Candidate(joined, person.mention.id))
                scan = joined.end
    elif k < chunk.n and chunk.is_finite_verb(k):
        scan = k + 1  # the name is the subject of the clause
    # "X ha giocato 130 partite, ed è stato capitano in 110", "X è deputato ed è stato
    # segretario del partito": a coordinated clause with the same subject
    while scan is not None and len(out) < MAX_PREDICATES:
        also = as_well_as(chunk, scan) if out else None
        if also is not None and phrase_starting(ctx.phrases, also) is not None:
            phrase = phrase_starting(ctx.phrases, also)  # "..., nonché presidente di"
            if phrase.end < chunk.n and chunk.is_per(phrase.end):
                break
            out.append(Candidate(phrase, person.mention.id))
            scan = phrase.end
            continue
        j = coordinated_copula(chunk, scan)
        phrase = copula_role(ctx, j) if j is not None else None
        if phrase is None:
            break
        out.append(Candidate(phrase, person.mention.id))
        scan = phrase.end
    return out


def capacity(ctx: Context, person: Person) -> list[Candidate]:
    """"X, in qualità di presidente, ha detto", "X ha parlato nelle vesti di ministro": a
    role after "in qualità di" / "nelle vesti di" in the name's own clause."""
    chunk = ctx.chunk
    k = clause_scan(chunk, person.end, lambda j: link_end(chunk, j, ROLE_CAPACITY_LINKS))
    if k is None:
        return []
    phrase = role_after_article(ctx, k)
    return [Candidate(phrase, person.mention.id)] if phrase is not None else []


def resignation(ctx: Context, person: Person) -> list[Candidate]:
    """"X si è dimesso da presidente", "X, dimessosi dalla carica di sindaco", and "le
    dimissioni di X da consigliera regionale": the office left is a role of X."""
    chunk, a = ctx.chunk, person.start
    k = None
    if a >= 2 and chunk.low[a - 1] in ("di", "della", "del") and chunk.low[a - 2] in ROLE_RESIGNATION_NOUNS:
        k = link_end(chunk, person.end, ROLE_RESIGNED_OFFICE)  # "le dimissioni di X da ..."
    if k is None:
        def after_resigned(j: int) -> int | None:
            if chunk.low[j] in ROLE_RESIGNED_FORMS or chunk.lemma[j] == "dimettere" \
                    or chunk.low[j] in ROLE_RESIGNATION_NOUNS:  # "X ha rassegnato le dimissioni da"
                return link_end(chunk, j + 1, ROLE_RESIGNED_OFFICE)
            return None
        k = clause_scan(chunk, person.end, after_resigned)
    if k is None:
        return []
    phrase = role_after_article(ctx, k)
    return [Candidate(phrase, person.mention.id)] if phrase is not None else []


def shared_apposition(ctx: Context, person: Person) -> list[Candidate]:
    """"A e B, entrambi inviati del Corriere", "A e B, i due volontari italiani": a plural
    apposition after the last name of a list goes to every name of the list."""
    chunk, k = ctx.chunk, person.end
    if k + 2 >= chunk.n or chunk.low[k] != ",":
        return []
    listed = listed_before(ctx, person)
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
    phrase = phrase_starting(ctx.phrases, skip_adjectives(chunk, j))
    if phrase is None or not phrase.plural or not is_boundary(chunk, phrase.end) \
            or (phrase.end < chunk.n and chunk.is_per(phrase.end)):
        return []
    return [Candidate(phrase, p.mention.id) for p in [*listed, person]]


def parsed_apposition(ctx: Context, person: Person) -> list[Candidate]:
    """A role phrase whose head the parser makes an apposition of the name, written after
    it past a comma or a bracket ("X, che tutti conoscono come tale, il noto fisico": no;
    "Fabrice Muamba, il giocatore inglese del Bolton": yes)."""
    if modifies_a_noun(ctx.chunk, person):
        return []
    chunk = ctx.chunk
    out = []
    for t in dependents(chunk, person, {"appos"}):
        phrase = phrase_of_token(ctx, t.i)
        if phrase is None or phrase.start < person.end or not clear_after_name(ctx, person, phrase):
            continue
        k = before_article_and_adjectives(chunk, phrase.start)
        if k >= 0 and chunk.low[k] in (",", "("):
            out.append(Candidate(phrase, person.mention.id))
    return out


def parsed_predicate(ctx: Context, person: Person) -> list[Candidate]:
    """A role phrase the parser makes the nominal predicate of the name ("X, che da anni
    vive a Roma, è un noto oncologo") or the complement of its appointment ("X è stato
    nominato ieri dal consiglio presidente")."""
    if modifies_a_noun(ctx.chunk, person):
        return []
    chunk = ctx.chunk
    out = []
    subject_of = {t.head.i for t in name_tokens(chunk, person) if t.dep_.startswith("nsubj")}
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
            phrase = phrase_of_token(ctx, c)
            if phrase is not None and phrase.start >= person.end and clear_after_name(ctx, person, phrase):
                out.append(Candidate(phrase, person.mention.id))
    return out


#: Every construction, in the order their candidates are recorded.
CONSTRUCTIONS: tuple[Construction, ...] = (
    prefix, prefix_across_comma, title_in_name, apposition, shared_apposition, parenthesis,
    predicate, capacity, resignation, parsed_apposition, parsed_predicate)


# -- shared helpers ----------------------------------------------------------------------
