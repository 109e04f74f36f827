"""From the post-processed spans to mentions: each span trimmed to the name alone, then numbered.

``trim_mention(text, start, end, label) -> (start, end)`` moves the edges of a
span so that the mention is the name alone: surrounding whitespace, quotes,
brackets and punctuation go (unbalanced brackets and quotes only; "Jr.",
initials' dots and dotted acronyms such as "U.S.A." stay); leading articles,
prepositions and elisions go ("l'Onu", "dell'Ucraina", "nella Ue") and so do
prepositions left at the end ("Lega Navale di"); for people, titles and other
lower-case words before the name go too ("il presidente Macron", "dell'ex
premier Conte"), while name particles stay ("von der Leyen", "bin Salman", "da
Silva", "Le Pen", "La Russa", "D'Alema") and so do the titles that go with a
first name only ("papa Francesco", "re Carlo": without them the mention would
be a bare first name). It only ever moves the two offsets: the mention's text
is always ``text[start:end]``. A person's name cut inside a word grows back to the
whole word (:func:`complete_person`): "Kim Jong" before "-un", "Zelens" before
"'kyj", "Alema" after "D'", "Leyen" after "von der ", "Carla Bruni" before
"-Sarkozy"; "dell'Utri" keeps its article when the text writes "Dell'Utri".

``make_mentions(text, spans)`` trims every span and numbers the mentions "m1",
"m2", ... in text order, dropping those left empty or overlapping the one before.

The word lists are Italian (``tui.nlp.lang_it``): for a pipeline of another
language (``italian=False``) only whitespace, unbalanced brackets and quotes and
edge punctuation go (a final dot stays, as no list says which words are
abbreviations); no word is ever taken off, so French "président de la République"
is never cut to "de la République".
"""

from __future__ import annotations

import functools
import re

from tui.document import Mention
from tui.nlp.entities.names import (
    APOSTROPHES,
    CLOSERS,
    EDGE_PUNCT,
    OPENERS,
    SPACES,
    bare,
    fold_name,
    is_namelike,
)
from tui.nlp.lang_it import (
    ABBREVIATIONS_WITH_DOT,
    CAPITALISED_ARTICLES,
    CAPITALISED_ARTICLES_NOT_IN_SURNAMES,
    ELIDED_ARTICLE_NAMES,
    ELIDED_PREFIXES,
    FOREIGN_PARTICLES,
    FUNCTION_WORDS,
    LEADING_PARTICLES,
    NAME_PARTICLES,
    PERSON_TITLES,
    REGNAL_TITLES,
)

#: trimming one edge may expose another (a quote, then an article): at most this many rounds
MAX_TRIM_ROUNDS = 8
#: a dotted word with this many dots or more is an acronym ("U.S.A."), whatever the label
MIN_ACRONYM_DOTS = 2
#: both pieces of a double surname have at least this many letters ("Bruni-Sarkozy")
MIN_DOUBLE_SURNAME_PIECE = 4
_HYPHEN_CHARS = "-‐‑"
_LOWER_PIECE = re.compile(r"[^\W\d_A-Z]+")
_WORD_PIECE = re.compile(r"[^\W\d_]+")
#: elided particles that begin a surname when written with a capital ("D'Alema", "Dell'Utri")
_SURNAME_ELISION = re.compile(r"(?:D|Dell|Dall|De)[" + APOSTROPHES + r"]$")
_LOWER_ELISION = re.compile(r"(?:d|dell|dall)[" + APOSTROPHES + r"]$")

_ELISION = re.compile(r"(?i)(" + "|".join(ELIDED_PREFIXES) + r")[" + APOSTROPHES + r"](?=\w)")


def _trim_punct(text: str, start: int, end: int, label: str,
                italian: bool = True) -> tuple[int, int]:
    for _ in range(len(text) + 1):
        if start >= end:
            break
        span = text[start:end]
        c = span[0]
        if c in SPACES or c in EDGE_PUNCT or c == ".":
            start += 1
            continue
        if c in OPENERS:
            if OPENERS[c] not in span[1:-1]:
                start += 1
                continue
        elif c in APOSTROPHES or c in CLOSERS:
            # "'Ndrangheta" keeps its apostrophe; a stray quote or closer goes
            if not (c in "'’" and len(span) > 1 and span[1].isalpha() and span[-1] not in "'’"):
                start += 1
                continue
        c = span[-1]
        if c in SPACES or c in EDGE_PUNCT:
            end -= 1
            continue
        if c == "." and not italian:
            break  # "Inc.", "S.A.": without a word list, a final dot stays
        if c == ".":
            last = span.split()[-1]
            low = last.lower()
            dotted = re.fullmatch(r"(?:[^\W\d_]\.)+", last)
            keep = low in ABBREVIATIONS_WITH_DOT or (
                dotted and (label == "PER" or last.count(".") >= MIN_ACRONYM_DOTS))
            if not keep:
                end -= 1
                continue
        elif c in CLOSERS or c == '"':
            opener = CLOSERS.get(c, '"')
            if opener not in span[:-1]:
                end -= 1
                continue
        elif c in APOSTROPHES:
            end -= 1
            continue
        elif c in "sS" and len(span) > 3 and span[-2] in APOSTROPHES and span[-3].isalpha():
            end -= 2  # possessive "Trump's"
            continue
        elif c in OPENERS:
            end -= 1
            continue
        break
    return start, end


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _trim_person(text: str, start: int, end: int) -> tuple[int, int]:
    toks = _words(text, start, end)
    words = [text[s:e] for s, e in toks]
    if not any(is_namelike(w) for w in words):
        return start, end
    # drop trailing words that are not part of a name ("Lavrov ha")
    while words and not is_namelike(words[-1]):
        toks.pop()
        words.pop()
    # the trailing run of name words and particles
    i = len(words) - 1
    while i > 0 and (is_namelike(words[i - 1]) or bare(words[i - 1]).lower() in NAME_PARTICLES):
        i -= 1
    if i > 0 and bare(words[i - 1]).lower() in REGNAL_TITLES:
        i -= 1
    toks, words = toks[i:], words[i:]
    # leading titles, articles, particles that are prepositions here
    while len(words) > 1:
        w = bare(words[0])
        low = w.lower()
        nxt = bare(words[1]).lower()
        if low in REGNAL_TITLES:
            break
        if low.rstrip(".") in PERSON_TITLES or low in PERSON_TITLES:
            pass
        elif w in CAPITALISED_ARTICLES and (w in CAPITALISED_ARTICLES_NOT_IN_SURNAMES
                                            or nxt.rstrip(".") in PERSON_TITLES):
            pass
        elif w.islower() and low in NAME_PARTICLES and low not in LEADING_PARTICLES:
            pass
        else:
            break
        toks, words = toks[1:], words[1:]
    start, end = toks[0][0], toks[-1][1]
    # a lower-case elided article on the first word: "dell'Utri" -> "Utri" (not "d'Alema")
    m = _ELISION.match(text, start, end)
    if m and m.group(1).islower() and m.group(1) != "d" and not (
            m.group(1) in ("dell", "dall") and _capitalised_elsewhere(text, start, end)):
        start = m.end()
    return start, end


def _capitalised_elsewhere(text: str, start: int, end: int) -> bool:
    """The text also writes this "dell'Utri" with a capital: "Dell'Utri" is the surname."""
    word = text[start:end].split()[0]
    return _written_in(text, word[:1].upper() + word[1:])


@functools.lru_cache(maxsize=16)   # (article, name): at most a few articles held
def _written_in(text: str, word: str) -> bool:
    return word in text


def _is_double_surname(text: str, left: str, right: str) -> bool:
    return (len(left) >= MIN_DOUBLE_SURNAME_PIECE and len(right) >= MIN_DOUBLE_SURNAME_PIECE
            and left[:1].isupper() and right[:1].isupper())


@functools.lru_cache(maxsize=16)   # (article, name): at most a few articles held
def _after_first_name(text: str, name: str) -> bool:
    """The text writes ``name`` ("Bruni-Sarkozy") after a capitalised word ("Carla")
    somewhere: a double surname, not two people ("il vertice Trump-Putin")."""
    return any(m.group(1)[:1].isupper() and m.group(1).isalpha()
               for m in re.finditer(r"(\S+) " + re.escape(name) + r"(?![^\W\d_])", text))


PARTICLE_WINDOW = 40
_WORD_BEFORE = re.compile(r"(\S+) $")


def complete_person(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's name cut inside a word or before its particles, grown back to the whole
    name (see the module docstring); any other span unchanged."""
    if start >= end or not is_namelike(text[start:end]):
        return start, end
    words = text[start:end].split()
    last = bare(words[-1]) if words else ""
    # the end: "Kim Jong" + "-un", "Zelens" + "'kyj", "Carla Bruni" + "-Sarkozy"
    if end + 1 < len(text) and last[:1].isupper():
        c = text[end]
        m = _WORD_PIECE.match(text, end + 1)
        if m and c in _HYPHEN_CHARS:
            piece = m.group()
            if piece.islower() and last.isalpha():
                end = m.end()
            elif _is_double_surname(text, last, piece) and (
                    len(words) > 1 or _after_first_name(text, last + c + piece)):
                end = m.end()
        elif m and c in APOSTROPHES and len(last) >= MIN_DOUBLE_SURNAME_PIECE:
            piece = _LOWER_PIECE.match(text, end + 1)
            if piece and piece.end() == m.end() and len(piece.group()) > 1:
                end = m.end()
    # the start: "D'" + "Alema", "von der " + "Leyen", "dell'" + "Utri" when "Dell'Utri" is written
    head = text[max(0, start - 8):start]
    m = _SURNAME_ELISION.search(head)
    if m and text[start:start + 1].isupper() and (m.start() == 0 and start - 8 <= 0 or
                                                   not head[m.start() - 1:m.start()].isalpha()):
        start -= len(m.group())
    else:
        m = _LOWER_ELISION.search(head)
        if m and not head[m.start() - 1:m.start()].isalpha() and \
                _written_in(text, m.group()[0].upper() + m.group()[1:] + text[start:end].split()[0]):
            start -= len(m.group())
    while True:
        # the word before, looked for in a window: scanning the text before every mention
        # made a long article quadratic (a particle is never a long word)
        lo = max(0, start - PARTICLE_WINDOW)
        m = _WORD_BEFORE.search(text, lo, start)
        if not m or (m.start(1) == lo and lo > 0 and not text[lo - 1].isspace()):
            break
        if m.group(1).lower() not in FOREIGN_PARTICLES or not (
                m.group(1).islower() or m.group(1).istitle()):
            break
        start = m.start(1)
    return start, end


def _trim_other(text: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(end - start + 1):
        toks = _words(text, start, end)
        if not toks:
            break
        s0, e0 = toks[0]
        first = text[s0:e0]
        m = _ELISION.match(first)
        if m and m.end() < len(first):
            pre = m.group(1)
            keep = (pre in ("L", "D") and
                    fold_name(text[s0:end]).replace("'", "").startswith(
                        tuple(fold_name(k) for k in ELIDED_ARTICLE_NAMES))) or pre == "D"
            if not keep:
                start = s0 + m.end()
                continue
        if len(toks) > 1 and first in FUNCTION_WORDS:
            start = toks[1][0]
            continue
        if len(toks) > 1 and text[toks[-1][0]:toks[-1][1]] in FUNCTION_WORDS:
            end = toks[-2][1]       # "Lega Navale di" -> "Lega Navale"
            continue
        break
    return start, end


def trim_mention(text: str, start: int, end: int, label: str,
                 italian: bool = True) -> tuple[int, int]:
    """The (start, end) of the name inside a raw NER span (see the module docstring);
    ``italian=False``: punctuation only, no word lists."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    for _ in range(MAX_TRIM_ROUNDS):
        before = (start, end)
        start, end = _trim_punct(text, start, end, label, italian)
        if start < end and italian:
            if label == "PER":
                start, end = _trim_person(text, start, end)
            else:
                start, end = _trim_other(text, start, end)
        if (start, end) == before:
            break
    if label == "PER" and italian:
        start, end = complete_person(text, start, end)
    return start, end


def make_mentions(text: str, raw: list[tuple[int, int, str]],
                  italian: bool = True) -> list[Mention]:
    """Clean the spans (titles, articles, punctuation off; punctuation only when not
    ``italian``) and number them."""
    out: list[Mention] = []
    last_end = -1
    for start, end, label in sorted(raw):
        start, end = trim_mention(text, start, end, label, italian)
        if start >= end or start < last_end:
            continue
        out.append(Mention(f"m{len(out) + 1}", start, end, text[start:end], label))
        last_end = end
    return out
