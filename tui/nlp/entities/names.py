"""What a name is made of: folding, comparison keys, and a person's name parsed into units.

A person's name is parsed into units: words, initials ("W."), a suffix ("Jr.", "Sr.",
"II") and particles attached to the word they precede ("von der" Leyen, "bin" Salman,
"al"-Assad, "De" Luca) and elided ones ("D'"Alema, "Dell'"Utri: written with a capital
they are part of the surname, so "Alema" is not D'Alema; in lower case, "dell'Utri"
after a preposition, they are optional). Titles and lower-case words are ignored,
accents and case are folded. Hyphens split a Korean given name ("Kim Jong-un" = "Kim
Jong Un": a piece in lower case or of fewer than four letters) but not a double
surname ("Bruni-Sarkozy", both pieces capitalised and of four letters or more: one
word, whose first piece alone may stand for it, "Carla Bruni", and whose last may
not, "Sarkozy" is another man). A word of two or three capitals before the surname of a name
written in mixed case is initials ("JD Vance" = "J.D. Vance"). A regnal title ("papa",
"re") stays with the word it precedes. Organisations, places and the rest are compared by
:func:`org_key`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from tui.document.lookup import strip_accents
from tui.nlp.lang_it import (
    CAPITALISED_ARTICLES,
    ELIDED_SURNAME_PARTICLES,
    NAME_PARTICLES,
    NAME_PARTICLES_CAPITALISED,
    NAME_SUFFIXES,
    PERSON_TITLES,
    REGNAL_TITLES,
    SURNAME_PARTICLES,
)

# --------------------------------------------------------------------------
# characters
# --------------------------------------------------------------------------

APOSTROPHES = "'’‘`´ʼ"
SPACES = set(" \t\n\r\f\v\u00a0\u2007\u2009\u202f\u200b\u3000")
#: punctuation that is never part of a name at its edges
EDGE_PUNCT = set(",;:!?…*•·/\\|_~-–—‐‑+=<>#")
OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "„": "”", "‹": "›", '"': '"'}
CLOSERS = {")": "(", "]": "[", "}": "{", "»": "«", "”": "“", "›": "‹"}
_BARE = "".join(sorted(EDGE_PUNCT)) + "()[]{}«»“”„‹›\"" + APOSTROPHES


def bare(tok: str) -> str:
    """A word without the punctuation, brackets, quotes and apostrophes around it."""
    return tok.strip(_BARE)


def is_namelike(tok: str) -> bool:
    """The word has a capital letter somewhere ("Lavrov", "McCain", "dell'Utri")."""
    return any(c.isupper() for c in tok)


# --------------------------------------------------------------------------
# folding and keys
# --------------------------------------------------------------------------

_FOLD_CACHE_SIZE = 65536
_PARSE_CACHE_SIZE = 16384

_SPECIAL = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d",
                          "þ": "th"})


@functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)
def fold_name(s: str) -> str:
    """A name's comparison form: lower case, no accents, no apostrophes or dots: 'José' ->
    'jose', "D'Alema" -> 'dalema' (the reader's find folds text with ``tui.app.navigation.fold``)."""
    s = strip_accents(s.translate(_SPECIAL), compat=True).casefold()
    return re.sub(r"[" + APOSTROPHES + r".]", "", s)


@functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)
def org_key(text: str) -> str:
    """The comparison key of an organisation, place or other name: folded, apostrophes and
    hyphens as spaces ("ONU" = "Onu", "U.S.A." = "USA")."""
    s = fold_name(re.sub(r"[" + APOSTROPHES + r"\-‐‑–]", " ", text))
    return " ".join(s.split())


_TRANSLIT = (("sch", "s"), ("sh", "s"), ("zh", "z"), ("gh", "g"), ("kh", "h"), ("ch", "h"), ("dh", "d"),
             ("th", "t"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("ou", "u"), ("y", "i"),
             ("j", "i"), ("w", "v"))


@functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)
def transliteration_key(w: str) -> str:
    """The key of a folded word under which Latin transliterations agree: sch/sh -> s
    (Lukashenko, Lukašenko), zh -> z, gh -> g, kh/ch -> h (Khodorkovsky, Chodorkovskij),
    dh -> d, th -> t, ph -> f, x -> ks, ou -> u (Mahmoud, Mahmud), y/j -> i, w -> v,
    doubled letters collapsed (Serghei, Sergej, Sergey -> sergei; Zelenskyj, Zelenskiy,
    Zelensky -> zelenski; Hassan, Hasan -> hasan), a leading "ye" as "e" (Yevgeny, Evgenij) and a final "-ander"
    as "-andr" (Alexander, Aleksandr)."""
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    w = re.sub(r"([a-z])\1+", r"\1", w)
    w = re.sub(r"^ie(?=[^aeiou])", "e", w)
    return re.sub(r"ander$", "andr", w)


@functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)
def consonant_skeleton(k: str) -> str:
    """The consonants of a word, doubled ones once, each run of vowels as "V"."""
    k = re.sub(r"([^aeiou])\1+", r"\1", k)
    return re.sub(r"[aeiou]+", "V", k)


def same_outline(a: str, b: str) -> bool:
    """Same first letter, same last letter, same consonant skeleton (Gheddafi, Gaddafi)."""
    return a[:1] == b[:1] and a[-1:] == b[-1:] and consonant_skeleton(a) == consonant_skeleton(b)


# --------------------------------------------------------------------------
# a person's name in units
# --------------------------------------------------------------------------

class UnitKind(StrEnum):
    WORD = "w"
    INITIAL = "i"


@dataclass(frozen=True, slots=True)
class Unit:
    core: str                     # folded word, or the letter of an initial
    kind: UnitKind
    parts: tuple[str, ...] = ()   # particles before the word, folded
    in_surname: bool = False      # particles written capitalised: part of the surname
    title: str = ""               # a regnal title before the word: "papa", "re"


@dataclass(frozen=True)
class PersonName:
    units: tuple[Unit, ...]
    suffix: str = ""

    @functools.cached_property
    def key(self) -> tuple:
        return (tuple((u.core, u.kind, u.parts, u.title) for u in self.units), self.suffix)

    @functools.cached_property
    def spec(self) -> tuple[int, int, int]:
        """How specific the name is: units (+ suffix), then words (the pieces of a double
        surname each count), then titles."""
        return (len(self.units) + (1 if self.suffix else 0),
                sum(1 + u.core.count("-") for u in self.units if u.kind == UnitKind.WORD),
                sum(1 for u in self.units if u.title))


_INITIALS = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]")
_HYPHENS = re.compile(r"[-‐‑–]")
#: "JD" Vance: undotted initials, two or three capitals
_CAPITAL_INITIALS = re.compile(r"[^\W\d_a-z]{2,3}")
#: both pieces of a double surname have at least this many letters ("Bruni-Sarkozy");
#: Korean syllables are shorter ("Jong-Un", "Jae-In")
MIN_DOUBLE_SURNAME_PIECE = 4
#: elided particles of a person's name ("D'Alema", "Dell'Utri", "dell'Utri")
_ELIDED_PARTICLE = re.compile(r"(?i)(d|dell|dall|de|l|all|nell|sull)[" + APOSTROPHES + r"](?=[^\W\d_])")
_ROMAN = re.compile(r"[IVXL]{2,6}")
#: "J.R.R." at most: longer dotted words are acronyms, not a person's initials
_MAX_INITIALS_CHARS = 6

# the pieces of a name before it is cut into units
_WORD, _INITIAL, _SUFFIX, _TITLE = "w", "i", "s", "t"


@functools.lru_cache(maxsize=_PARSE_CACHE_SIZE)
def parse_person(text: str) -> PersonName:
    """Parse a person's name into units (see the module docstring).

    Long because it is one left-to-right scan over the name's tokens with a case per kind
    of token (initial, particle, suffix, hyphenated piece), then the units built from it."""
    raw = [t for t in (bare(x) for x in text.split()) if t]
    all_lower = not any(is_namelike(t) for t in raw)
    mixed_case = any(c.islower() for t in raw for c in t)
    items: list[tuple[str, str, bool]] = []   # (kind, surface, piece of a hyphenated word)
    for n, tok in enumerate(raw):
        low = tok.lower().rstrip(".")
        if n and n == len(raw) - 1 and (low in NAME_SUFFIXES or _ROMAN.fullmatch(tok)):
            items.append((_SUFFIX, NAME_SUFFIXES.get(low, low), False))
        elif not all_lower and (len(tok) == 1 or "." in tok) and tok[0].isupper() \
                and _INITIALS.fullmatch(tok) and len(tok) <= _MAX_INITIALS_CHARS:
            items.extend((_INITIAL, fold_name(c), False) for c in tok.replace(".", ""))
        elif mixed_case and n < len(raw) - 1 and _CAPITAL_INITIALS.fullmatch(tok) \
                and tok.isupper() and tok.lower() not in NAME_PARTICLES:
            items.extend((_INITIAL, fold_name(c), False) for c in tok)
        elif _HYPHENS.search(tok):
            pieces = [p.strip(".") for p in _HYPHENS.split(tok) if p.strip(".")]
            if len(pieces) > 1 and all(p[:1].isupper() and len(p) >= MIN_DOUBLE_SURNAME_PIECE
                                       and p.isalpha() for p in pieces):
                items.append((_WORD, "-".join(pieces), False))
            else:
                items.extend((_WORD, p, len(pieces) > 1) for p in pieces)
        elif tok.strip("."):
            items.append((_WORD, tok.strip("."), False))
    # titles, articles and other lower-case words around the name are not part of it
    last_word = max((k for k, it in enumerate(items) if it[0] == _WORD), default=-1)
    kept: list[tuple[str, str]] = []
    seen_name = False
    for k, (kind, s, piece) in enumerate(items):
        if kind == _WORD and not all_lower and not piece:
            low = s.lower()
            if low in REGNAL_TITLES and k < last_word:
                kept.append((_TITLE, low))
                continue
            if k < last_word and not seen_name and (
                    low in PERSON_TITLES or (s in CAPITALISED_ARTICLES and low not in NAME_PARTICLES)):
                continue
            if s.islower() and low not in NAME_PARTICLES:
                continue
            seen_name = seen_name or not s.islower()
        kept.append((kind, s))
    last_word = max((k for k, it in enumerate(kept) if it[0] == _WORD), default=-1)
    units: list[Unit] = []
    suffix = ""
    pending: list[str] = []
    in_surname = False
    title = ""
    for k, (kind, s) in enumerate(kept):
        if kind == _TITLE:
            title = s
        elif kind == _SUFFIX:
            suffix = s
        elif kind == _INITIAL:
            units.append(Unit(s, UnitKind.INITIAL))
            pending, in_surname = [], False
        else:
            m = _ELIDED_PARTICLE.match(s)
            if m and len(s) > m.end() + 1:
                p = m.group(1)
                pending.append(fold_name(p))
                in_surname = in_surname or (p[0].isupper() and p.lower() in ELIDED_SURNAME_PARTICLES)
                s = s[m.end():]
            f = fold_name(s)
            if k < last_word and f in NAME_PARTICLES and (
                    all_lower or s.islower() or s.lower() in NAME_PARTICLES_CAPITALISED):
                pending.append(f)
                in_surname = in_surname or (not s.islower() and f in SURNAME_PARTICLES)
                continue
            if f:
                units.append(Unit(f, UnitKind.WORD, tuple(pending), in_surname and bool(pending), title))
            pending, in_surname, title = [], False, ""
    if not units:
        f = " ".join(fold_name(text).split())
        units.append(Unit(f or text, UnitKind.WORD))
    return PersonName(tuple(units), suffix)
