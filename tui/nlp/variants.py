"""Name variants: trimming mentions and gathering them into entities (issue 5).

Two public functions:

``trim_mention(text, start, end, label) -> (start, end)``
    Moves the edges of a raw NER span so that the mention is the name alone:
    surrounding whitespace, quotes, brackets and punctuation go (unbalanced
    brackets and quotes only; "Jr.", initials' dots and dotted acronyms such as
    "U.S.A." stay); leading articles, prepositions and elisions go ("l'Onu",
    "dell'Ucraina", "nella Ue") and so do prepositions left at the end ("Lega
    Navale di"); for people, titles and other lower-case words before the name
    go too ("il presidente Macron", "dell'ex premier Conte"), while name
    particles stay ("von der Leyen", "bin Salman", "da Silva", "Le Pen",
    "La Russa", "D'Alema") and so do the titles that go with a first name only
    ("papa Francesco", "re Carlo": without them the mention would be a bare
    first name). It only ever moves the two offsets: the mention's text is
    always ``text[start:end]``.

``build_entities(mentions) -> list[Entity]``
    Gathers mentions into entities, sets each ``mention.entity`` and returns
    the entities numbered "e1", "e2", ... in order of first mention.

People (PER) -- rules on token structure, not a fuzzy score
    A name is parsed into units: words, initials ("W."), a suffix ("Jr.", "Sr.",
    "II") and particles attached to the word they precede ("von der" Leyen,
    "bin" Salman, "al"-Assad, "De" Luca). Titles and lower-case words are ignored,
    accents and case are folded, hyphens split ("Kim Jong-un" = "Kim Jong Un").

    Two words are the same word when they are equal after folding, or
    - both have at least 5 letters and agree after a transliteration key
      (y/j -> i, gh -> g, kh -> h, ph -> f, x -> ks, w -> v, doubled vowels collapsed):
      Serghei / Sergei / Sergej / Sergey, Zelensky / Zelenskyy / Zelenski;
    - both have at least 7 letters, the same first and last letter, the same
      consonant skeleton (vowels and doubled consonants free) and at most 2
      edits between them (rapidfuzz ``process.cdist``, bucketed by initial):
      Gheddafi / Gaddafi, Mohammed / Mohammad / Muhammad.
    Short words never match fuzzily (Rossi / Rosi, Jong-un / Jong-il, Mario / Maria).
    Particles written in capitals are part of the surname ("De Luca" is not
    "Luca"); lower-case ones are optional ("al-Assad" = "Assad"). A regnal
    title keeps a first name apart: "papa Francesco" is not Francesco
    Lollobrigida and "re Carlo" is not Carlo Calenda, but "papa Bergoglio" is
    Jorge Mario Bergoglio and "re Carlo" is "Carlo III".

    Forms with the same shape whose words match one to one are one variant
    class. A less specific form (fewer units, or initials where the other has
    words) joins a more specific one when
    - a single word ("Lavrov", "Matteo", "Lula") equals any word of it;
    - a longer form matches with its last word on the other's last word, its
      other units in order, the skipped units being words, never initials
      ("George Bush" is not "George W. Bush", "George W. Bush" is not
      "George H. W. Bush"; "Barack Obama" is "Barack Hussein Obama");
    - suffixes agree ("Donald Trump" is not "Donald Trump Jr."; a bare "Trump"
      could be either).
    Forms are resolved from the most specific down, so the full name may come
    before or after the short one in the text. A form that fits exactly one
    person joins them; a form that fits two or more people ("Rossi" with Mario
    Rossi and Marco Rossi, "Matteo" with Renzi and Salvini, "Kim" with Kim
    Jong-un and Kim Jong-il) is left on its own with ``ambiguous=True``.

    Policy for ambiguous forms (``AMBIGUOUS_POLICY``):
    - "flag" (the default) leaves them on their own, ``ambiguous=True``;
    - "introduced" attaches a mention to the one candidate named before it
      when only one has been named so far, and flags the rest;
    - "nearest" attaches each mention to the candidate named most recently
      before it.
    On evaluation/variants (14 cases with such a name, gold by what the text
    means) "nearest" attached 7 mentions right and 5 wrong, "introduced"
    3 right and 1 wrong. That is more often right than wrong, but not by much,
    on a small set that we wrote ourselves. A wrong attachment puts one
    person's words under another person's name without any sign of it, while a
    flag is visible and the user can merge it in one step
    (``Annotations.merge``). So the default is "flag", which keeps pairwise
    precision at 1.0. ``benchmarks/eval_variants.py`` prints all three.
    Exception: a bare name that fits "Donald Trump" and "Donald Trump Jr." is the
    one without the suffix, because the junior is always written with it.

Organisations, places, the rest -- never by fuzzy score
    Forms are compared by a key that folds case, accents, dots and hyphens
    ("ONU" = "Onu", "U.S.A." = "USA"), and a leading article when the text also
    has the name without it ("La Russia" = "Russia"). Beyond that, two forms are merged only
    when the alias table says so (``data/aliases_it.tsv`` plus the user's
    ``aliases.tsv`` in ``platformdirs.user_config_dir("personae")``) or when the
    text defines the acronym: "Organizzazione mondiale della sanità (Oms)" as
    one span, or as two spans one to three characters apart, and the acronym's
    letters are the initials of the long form's words.

Labels
    Mentions with different labels never merge, with one exception decided
    here: ORG and LOC are one class for merging. The same key ("Russia" tagged
    LOC in one sentence and ORG in the next, a frequent NER confusion for
    countries and cities), an alias ("Usa" tagged ORG, as KIND tags a country
    acting as a political actor, and "Stati Uniti" tagged LOC) or an acronym
    defined in the text makes one entity. Every mention keeps its own label;
    an entity whose mentions mix ORG and LOC is a place when one of its names
    is a country or region in the places lexicon (``data/places_it.tsv``: a
    row naming a place whose English adjective also translates an Italian one,
    as "Russia" beside "russo"); otherwise an entity takes the label of the majority of its mentions (ties: the
    first mention's). PER never merges with anything else.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tui.document import Entity, Mention, canonical_name

#: "flag" leaves a form that fits several people on its own (ambiguous=True);
#: "introduced" attaches a mention when exactly one candidate was named before it;
#: "nearest" attaches each mention to the candidate named most recently before it.
AMBIGUOUS_POLICY = "flag"

DATA_DIR = Path(__file__).with_name("data")
ALIASES_FILE = DATA_DIR / "aliases_it.tsv"

# --------------------------------------------------------------------------
# word lists
# --------------------------------------------------------------------------

_APOS = "'’‘`´ʼ"
_SPACES = set(" \t\n\r\f\v\u00a0\u2007\u2009\u202f\u200b\u3000")
_EDGE_PUNCT = set(",;:!?…*•·/\\|_~-–—‐‑+=<>#")
_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”", "„": "”", "‹": "›", '"': '"'}
_CLOSERS = {")": "(", "]": "[", "}": "{", "»": "«", "”": "“", "›": "‹"}
_ABBREV_END = {"jr.", "sr.", "inc.", "ltd.", "co.", "corp.", "bros.", "spa.", "srl.", "st.",
               "mt.", "ft.", "dr.", "mr.", "mrs.", "ms."}

# Italian articles, prepositions and articulated prepositions (lower case only).
_FUNCTION_WORDS = frozenset("""
il lo la i gli le l un uno una del dello della dei degli delle dal dallo dalla dai dagli
dalle al allo alla ai agli alle nel nello nella nei negli nelle sul sullo sulla sui sugli
sulle col coi di a ad da in con su per tra fra e ed o verso presso contro
""".split())
_ELISION = re.compile(r"(?i)(l|dell|dall|all|nell|sull|coll|pell|quell|un|d)[" + _APOS + r"](?=\w)")
# Places and titles whose article is part of the name.
_KEEP_ELIDED = ("l'aquila", "l'avana", "l'aia", "l'oreal", "l'espresso", "l'unita", "l'equipe",
                "l'osservatore", "l'eco", "l'union")

# Name particles: attached to the word that follows. Lower-case ones are optional
# when comparing ("al-Assad" = "Assad"); capitalised Italian ones belong to the
# surname ("De Luca" is not "Luca").
_PARTICLES = frozenset("""
de di da del della dello dei degli delle dal dalla des du van von der den ter ten la le lo
bin ibn bint ben abu al el dos das do y
""".split())
_CAP_PARTICLES = frozenset("""
de di da del della dello dei degli delle dal dalla des du van von der den ter ten la le lo
bin ibn bint
""".split())
# Particles that, written with a capital, belong to an Italian surname ("De Luca", "Di Maio",
# "La Russa", "Le Pen"); the others ("Von der Leyen", "Bin Salman") stay optional.
_REQ_PARTICLES = frozenset("""
de di da del della dello dei degli delle dal dalla la le lo
""".split())
# Particles that may begin a person's mention when written in lower case.
_EDGE_PARTICLES = frozenset("de da du dos das van von der den ter ten bin ibn bint ben abu".split())

_SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii",
             "iv": "iv"}

# Titles and words that may precede a person's name (compared in lower case,
# without a final dot).
_TITLES = frozenset("""
presidente presidentessa premier ministro ministra vicepremier vicepresidente viceministro
sottosegretario sottosegretaria segretario segretaria senatore senatrice sen deputato
deputata on onorevole sindaco sindaca governatore governatrice cancelliere cancelliera
pontefice generale colonnello capitano
ammiraglio maresciallo comandante dott dottor dottore dottoressa dott.ssa dr prof professor
professore professoressa avv avvocato avvocata ing ingegnere sig signor signore signora
sig.ra sig.na mr mrs ms sir lady lord cardinale monsignor mons arcivescovo vescovo imam
ayatollah sceicco emiro sultano zar leader ex neo capo portavoce ambasciatore ambasciatrice
commissario commissaria giudice procuratore procuratrice magistrato pm allenatore mister
tecnico presidenti ministri
""".split())
# Titles that go with a first name only ("papa Francesco", "re Carlo"): they stay in the
# mention and keep the name apart from other people's first names (Francesco Lollobrigida).
_REGNAL = frozenset("""
papa re regina principe principessa imperatore imperatrice zar zarina duca duchessa
granduca arciduca
""".split())
_CAP_ARTICLES = frozenset({"Il", "Lo", "La", "I", "Gli", "Le", "Un", "Una", "Uno"})


# --------------------------------------------------------------------------
# folding
# --------------------------------------------------------------------------

_SPECIAL = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d",
                          "þ": "th"})


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case, no accents, no apostrophes or dots: 'José' -> 'jose', "D'Alema" -> 'dalema'."""
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold()
    return re.sub(r"[" + _APOS + r".]", "", s)


def org_key(text: str) -> str:
    """The comparison key of an organisation, place or other name."""
    s = fold(re.sub(r"[" + _APOS + r"\-‐‑–]", " ", text))
    return " ".join(s.split())


_TRANSLIT = (("gh", "g"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("y", "i"),
             ("j", "i"), ("w", "v"))


def _key1(w: str) -> str:
    """Transliteration key of a folded word (Serghei, Sergej, Sergey -> sergei)."""
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    return re.sub(r"([aeiou])\1+", r"\1", w)


def _skeleton(k: str) -> str:
    k = re.sub(r"([^aeiou])\1+", r"\1", k)
    return re.sub(r"[aeiou]+", "V", k)


def _lvl2_ok(a: str, b: str) -> bool:
    return a[:1] == b[:1] and a[-1:] == b[-1:] and _skeleton(a) == _skeleton(b)


# --------------------------------------------------------------------------
# trim_mention
# --------------------------------------------------------------------------

def _is_namelike(tok: str) -> bool:
    return any(c.isupper() for c in tok)


_BARE = "".join(sorted(_EDGE_PUNCT)) + "()[]{}«»“”„‹›\"" + _APOS


def _bare(tok: str) -> str:
    return tok.strip(_BARE)


def _trim_punct(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    for _ in range(len(text) + 1):
        if start >= end:
            break
        span = text[start:end]
        c = span[0]
        if c in _SPACES or c in _EDGE_PUNCT or c == ".":
            start += 1
            continue
        if c in _OPENERS:
            if _OPENERS[c] not in span[1:-1]:
                start += 1
                continue
        elif c in _APOS or c in _CLOSERS:
            # "'Ndrangheta" keeps its apostrophe; a stray quote or closer goes
            if not (c in "'’" and len(span) > 1 and span[1].isalpha() and span[-1] not in "'’"):
                start += 1
                continue
        c = span[-1]
        if c in _SPACES or c in _EDGE_PUNCT:
            end -= 1
            continue
        if c == ".":
            last = span.split()[-1]
            low = last.lower()
            dotted = re.fullmatch(r"(?:[^\W\d_]\.)+", last)
            keep = low in _ABBREV_END or (dotted and (label == "PER" or last.count(".") >= 2))
            if not keep:
                end -= 1
                continue
        elif c in _CLOSERS or c == '"':
            opener = _CLOSERS.get(c, '"')
            if opener not in span[:-1]:
                end -= 1
                continue
        elif c in _APOS:
            end -= 1
            continue
        elif c in "sS" and len(span) > 3 and span[-2] in _APOS and span[-3].isalpha():
            end -= 2  # possessive "Trump's"
            continue
        elif c in _OPENERS:
            end -= 1
            continue
        break
    return start, end


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _trim_person(text: str, start: int, end: int) -> tuple[int, int]:
    toks = _tokens(text, start, end)
    words = [text[s:e] for s, e in toks]
    if not any(_is_namelike(w) for w in words):
        return start, end
    # drop trailing words that are not part of a name ("Lavrov ha")
    while words and not _is_namelike(words[-1]):
        toks.pop()
        words.pop()
    # the trailing run of name words and particles
    i = len(words) - 1
    while i > 0 and (_is_namelike(words[i - 1]) or _bare(words[i - 1]).lower() in _PARTICLES):
        i -= 1
    if i > 0 and _bare(words[i - 1]).lower() in _REGNAL:
        i -= 1
    toks, words = toks[i:], words[i:]
    # leading titles, articles, particles that are prepositions here
    while len(words) > 1:
        w = _bare(words[0])
        low = w.lower()
        nxt = _bare(words[1]).lower()
        if low in _REGNAL:
            break
        if low.rstrip(".") in _TITLES or low in _TITLES:
            pass
        elif w in _CAP_ARTICLES and (w in {"Il", "I", "Gli", "Un", "Uno", "Una"}
                                     or nxt.rstrip(".") in _TITLES):
            pass
        elif w.islower() and low in _PARTICLES and low not in _EDGE_PARTICLES:
            pass
        else:
            break
        toks, words = toks[1:], words[1:]
    start, end = toks[0][0], toks[-1][1]
    # a lower-case elided article on the first word: "dell'Utri" -> "Utri" (not "d'Alema")
    m = _ELISION.match(text, start, end)
    if m and m.group(1).islower() and m.group(1) != "d":
        start = m.end()
    return start, end


def _trim_other(text: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(end - start + 1):
        toks = _tokens(text, start, end)
        if not toks:
            break
        s0, e0 = toks[0]
        first = text[s0:e0]
        m = _ELISION.match(first)
        if m and m.end() < len(first):
            pre = m.group(1)
            keep = (pre in ("L", "D") and
                    fold(text[s0:end]).replace("'", "").startswith(
                        tuple(fold(k) for k in _KEEP_ELIDED))) or pre == "D"
            if not keep:
                start = s0 + m.end()
                continue
        if len(toks) > 1 and first in _FUNCTION_WORDS:
            start = toks[1][0]
            continue
        if len(toks) > 1 and text[toks[-1][0]:toks[-1][1]] in _FUNCTION_WORDS:
            end = toks[-2][1]       # "Lega Navale di" -> "Lega Navale"
            continue
        break
    return start, end


def trim_mention(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """The (start, end) of the name inside a raw NER span (see the module docstring)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    for _ in range(8):
        before = (start, end)
        start, end = _trim_punct(text, start, end, label)
        if start < end:
            if label == "PER":
                start, end = _trim_person(text, start, end)
            else:
                start, end = _trim_other(text, start, end)
        if (start, end) == before:
            break
    return start, end


# --------------------------------------------------------------------------
# people: parsing names
# --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Unit:
    core: str                     # folded word, or the letter of an initial
    kind: str                     # "w" word, "i" initial
    parts: tuple[str, ...] = ()   # particles before the word, folded
    req: bool = False             # particles written capitalised: part of the surname
    title: str = ""               # a regnal title before the word: "papa", "re"


@dataclass(frozen=True)
class _Name:
    units: tuple[_Unit, ...]
    suffix: str = ""

    @functools.cached_property
    def key(self) -> tuple:
        return (tuple((u.core, u.kind, u.parts, u.title) for u in self.units), self.suffix)

    @functools.cached_property
    def spec(self) -> tuple[int, int, int]:
        """How specific the name is: units (+ suffix), then words, then titles."""
        return (len(self.units) + (1 if self.suffix else 0),
                sum(1 for u in self.units if u.kind == "w"),
                sum(1 for u in self.units if u.title))


_INITIALS = re.compile(r"(?:[^\W\d_]\.)+|[^\W\d_]")
_HYPHENS = re.compile(r"[-‐‑–]")
_ROMAN = re.compile(r"[IVXL]{2,6}")


@functools.lru_cache(maxsize=16384)
def parse_person(text: str) -> _Name:
    """Parse a person's name into units (see the module docstring)."""
    raw = [t for t in (_bare(x) for x in text.split()) if t]
    all_lower = not any(_is_namelike(t) for t in raw)
    items: list[tuple[str, str, bool]] = []   # (kind w/i/s, surface, piece of a hyphenated word)
    for n, tok in enumerate(raw):
        low = tok.lower().rstrip(".")
        if n and n == len(raw) - 1 and (low in _SUFFIXES or _ROMAN.fullmatch(tok)):
            items.append(("s", _SUFFIXES.get(low, low), False))
        elif not all_lower and (len(tok) == 1 or "." in tok) and tok[0].isupper() \
                and _INITIALS.fullmatch(tok) and len(tok) <= 6:
            items.extend(("i", fold(c), False) for c in tok.replace(".", ""))
        elif _HYPHENS.search(tok):
            pieces = [p.strip(".") for p in _HYPHENS.split(tok) if p.strip(".")]
            items.extend(("w", p, len(pieces) > 1) for p in pieces)
        elif tok.strip("."):
            items.append(("w", tok.strip("."), False))
    # titles, articles and other lower-case words around the name are not part of it
    last_word = max((k for k, it in enumerate(items) if it[0] == "w"), default=-1)
    kept: list[tuple[str, str]] = []
    seen_name = False
    for k, (kind, s, piece) in enumerate(items):
        if kind == "w" and not all_lower and not piece:
            low = s.lower()
            if low in _REGNAL and k < last_word:
                kept.append(("t", low))
                continue
            if k < last_word and not seen_name and (
                    low in _TITLES or (s in _CAP_ARTICLES and low not in _PARTICLES)):
                continue
            if s.islower() and low not in _PARTICLES:
                continue
            seen_name = seen_name or not s.islower()
        kept.append((kind, s))
    last_word = max((k for k, it in enumerate(kept) if it[0] == "w"), default=-1)
    units: list[_Unit] = []
    suffix = ""
    pending: list[str] = []
    req = False
    title = ""
    for k, (kind, s) in enumerate(kept):
        if kind == "t":
            title = s
        elif kind == "s":
            suffix = s
        elif kind == "i":
            units.append(_Unit(s, "i"))
            pending, req = [], False
        else:
            f = fold(s)
            if k < last_word and f in _PARTICLES and (
                    all_lower or s.islower() or s.lower() in _CAP_PARTICLES):
                pending.append(f)
                req = req or (not s.islower() and f in _REQ_PARTICLES)
                continue
            if f:
                units.append(_Unit(f, "w", tuple(pending), req and bool(pending), title))
            pending, req, title = [], False, ""
    if not units:
        f = " ".join(fold(text).split())
        units.append(_Unit(f or text, "w"))
    return _Name(tuple(units), suffix)


# --------------------------------------------------------------------------
# people: comparing names
# --------------------------------------------------------------------------

class _Words:
    """Word equivalence for one article: folded word -> group id."""

    def __init__(self, words: Iterable[str]):
        ws = sorted(set(words))
        parent = list(range(len(ws)))
        pos = {w: n for n, w in enumerate(ws)}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        k1 = [_key1(w) for w in ws]
        first: dict[str, int] = {}
        for n, w in enumerate(ws):
            if len(w) >= 5:
                if k1[n] in first:
                    union(first[k1[n]], n)
                else:
                    first[k1[n]] = n
        # long words: edit distance in bulk, bucketed by initial, then the skeleton rule
        buckets: dict[str, list[int]] = defaultdict(list)
        for n, w in enumerate(ws):
            if len(w) >= 7 and w.isalpha():
                buckets[k1[n][:1]].append(n)
        for idx in buckets.values():
            if len(idx) < 2:
                continue
            keys = [k1[n] for n in idx]
            d = process.cdist(keys, keys, scorer=Levenshtein.distance, score_cutoff=2,
                              dtype=np.int32, workers=1)
            for a, b in zip(*np.nonzero(d <= 2), strict=True):
                if a < b and keys[a] != keys[b] and _lvl2_ok(keys[a], keys[b]):
                    union(idx[a], idx[b])
        self.group = {w: find(pos[w]) for w in ws}

    def same(self, a: str, b: str) -> bool:
        return a == b or self.group.get(a, a) == self.group.get(b, b)


def _parts_ok(u: _Unit, v: _Unit) -> bool:
    if u.parts == v.parts:
        return True
    if not u.parts:
        return not v.req
    if not v.parts:
        return not u.req
    return False


def _unit_eq(u: _Unit, v: _Unit, words: _Words) -> bool:
    if u.kind != v.kind:
        return False
    if u.kind == "i":
        return u.core == v.core
    return u.title == v.title and words.same(u.core, v.core) and _parts_ok(u, v)


def _unit_fits(u: _Unit, v: _Unit, words: _Words) -> bool:
    """Unit ``u`` of a less specific name fits unit ``v`` of a more specific one."""
    if u.kind == "i":
        return v.core[:1] == u.core
    if u.title and u.title != v.title:
        return False
    return v.kind == "w" and words.same(u.core, v.core) and _parts_ok(u, v)


def _align(a: tuple[_Unit, ...], b: tuple[_Unit, ...], words: _Words) -> bool:
    """``a`` is a subsequence of ``b``; the units of ``b`` left over are words."""
    if not a:
        return all(v.kind == "w" for v in b)
    if len(a) > len(b):
        return False
    if _unit_fits(a[0], b[0], words) and _align(a[1:], b[1:], words):
        return True
    return b[0].kind == "w" and _align(a, b[1:], words)


def _same_name(a: _Name, b: _Name, words: _Words) -> bool:
    return (a.suffix == b.suffix and len(a.units) == len(b.units)
            and all(_unit_eq(u, v, words) for u, v in zip(a.units, b.units, strict=True)))


def _fits(a: _Name, b: _Name, words: _Words) -> bool:
    """The less specific name ``a`` can be a short form of ``b``."""
    au, bu = a.units, b.units
    if a.suffix != b.suffix and (a.suffix or len(au) != 1):
        return False
    if len(au) > len(bu):
        return False
    if b.suffix not in ("", "jr", "sr") and any(u.title for u in au):
        # a regnal number makes the title redundant: "re Carlo" is "Carlo III"
        au = tuple(_Unit(u.core, u.kind, u.parts, u.req) for u in au)
    if len(au) == 1:
        u = au[0]
        if u.kind != "w":
            return False
        if u.title and len(bu) > 1 and not bu[-1].title:
            # "papa Bergoglio" is Jorge Mario Bergoglio, "re Carlo" is not Carlo Calenda
            return (words.same(u.core, bu[-1].core) and _parts_ok(u, bu[-1])) or \
                any(_unit_fits(u, v, words) for v in bu)
        return any(_unit_fits(u, v, words) for v in bu)
    return _unit_fits(au[-1], bu[-1], words) and _align(au[:-1], bu[:-1], words)


# --------------------------------------------------------------------------
# people: clustering
# --------------------------------------------------------------------------

@dataclass
class _Form:
    name: _Name
    idx: list[int] = field(default_factory=list)   # mention indices (text order)


@dataclass
class _Root:
    head: list[_Form]
    spec: tuple[int, int]
    forms: list[_Form] = field(default_factory=list)
    ambiguous: bool = False
    candidates: list[int] = field(default_factory=list)


def _cluster_people(ms: list[Mention], idx: list[int], policy: str) -> list[tuple[list[int], bool]]:
    forms: dict[tuple, _Form] = {}
    for i in idx:
        name = parse_person(ms[i].text)
        f = forms.get(name.key)
        if f is None:
            f = forms[name.key] = _Form(name)
        elif f.name != name:    # "Da Silva" / "da Silva": particles optional if ever lower case
            f.name = _Name(tuple(_Unit(u.core, u.kind, u.parts, u.req and v.req)
                                 for u, v in zip(f.name.units, name.units, strict=True)),
                           f.name.suffix)
        f.idx.append(i)
    words = _Words(u.core for f in forms.values() for u in f.name.units if u.kind == "w")

    # 1. variant classes: same shape, words equal one to one (complete link)
    def last_key(n: _Name) -> object:
        u = n.units[-1]
        return words.group.get(u.core, u.core) if u.kind == "w" else ("i", u.core)

    classes: list[list[_Form]] = []
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for f in forms.values():       # dict order = first appearance
        n = f.name
        bk = (tuple(u.kind for u in n.units), n.suffix, last_key(n))
        for ci in buckets[bk]:
            if all(_same_name(n, g.name, words) for g in classes[ci]):
                classes[ci].append(f)
                break
        else:
            buckets[bk].append(len(classes))
            classes.append([f])

    # 2. from the most specific down: join the one person a class fits, or stand alone
    def order(c: list[_Form]):
        n = c[0].name
        return (tuple(-x for x in n.spec), min(f.idx[0] for f in c))

    roots: list[_Root] = []
    index: dict[object, set[int]] = defaultdict(set)
    for c in sorted(classes, key=order):
        spec = max(f.name.spec for f in c)
        n0 = c[0].name
        if len(n0.units) == 1:
            probe = [n0.units[0]] if n0.units[0].kind == "w" else []
        else:
            probe = [n0.units[-1]] if n0.units[-1].kind == "w" else []
        cand_roots: set[int] = set()
        for u in probe:
            cand_roots |= index.get(words.group.get(u.core, u.core), set())
        fits = sorted(r for r in cand_roots
                      if roots[r].spec > spec
                      and all(_fits(f.name, h.name, words) for f in c for h in roots[r].head))
        if len(fits) > 1 and not n0.suffix:
            # a bare "Trump" next to "Donald Trump" and "Donald Trump Jr.": the junior is
            # always written with his suffix, so the bare name is the one without it
            plain = [r for r in fits if not any(h.name.suffix for h in roots[r].head)]
            if len(plain) == 1 and all(h.name.suffix for r in fits if r != plain[0]
                                       for h in roots[r].head):
                fits = plain
        if len(fits) == 1:
            roots[fits[0]].forms.extend(c)
            continue
        root = _Root(head=list(c), spec=spec, forms=list(c), ambiguous=len(fits) > 1,
                     candidates=fits)
        roots.append(root)
        for f in c:
            for u in f.name.units:
                if u.kind == "w":
                    index[words.group.get(u.core, u.core)].add(len(roots) - 1)

    members = [sorted(i for f in r.forms for i in f.idx) for r in roots]
    if policy in ("nearest", "introduced"):
        starts = [[ms[i].start for i in mem] for mem in members]
        for r, root in enumerate(roots):
            if not root.ambiguous:
                continue
            stay = []
            for i in members[r]:
                before = []     # (position of its last mention before i, candidate)
                for c in root.candidates:
                    if roots[c].ambiguous:
                        continue
                    k = bisect.bisect_left(starts[c], ms[i].start) - 1
                    if k >= 0:
                        before.append((starts[c][k], c))
                if policy == "introduced" and len(before) == 1 or \
                        policy == "nearest" and before:
                    members[max(before)[1]].append(i)
                else:
                    stay.append(i)
            members[r] = stay
        members = [sorted(m) for m in members]
    return [(m, roots[r].ambiguous) for r, m in enumerate(members) if m]


# --------------------------------------------------------------------------
# organisations, places, the rest
# --------------------------------------------------------------------------

def user_aliases_path() -> Path:
    """The user's own alias table (same format as data/aliases_it.tsv)."""
    import platformdirs
    return Path(platformdirs.user_config_dir("personae")) / "aliases.tsv"


def load_aliases(paths: Iterable[Path]) -> dict[str, int]:
    """Alias key -> group number, from TSV files: one entity a line, its names
    separated by tabs, '#' starts a comment. A name on two lines joins them."""
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    table: dict[str, int] = {}
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            if line.lstrip().startswith("#"):
                continue
            names = [org_key(x) for x in line.split("\t")]
            names = [x for x in names if x]
            if len(names) < 2:
                continue
            g = len(parent)
            parent.append(g)
            for k in names:
                if k in table:
                    parent[find(table[k])] = g
                table[k] = g
    return {k: find(g) for k, g in table.items()}


@functools.lru_cache(maxsize=1)
def aliases() -> dict[str, int]:
    """The built-in alias table plus the user's (cached; ``aliases.cache_clear()`` reloads)."""
    paths = [ALIASES_FILE]
    try:
        paths.append(user_aliases_path())
    except Exception:  # noqa: BLE001 - no config dir: built-in table only
        pass
    return load_aliases(paths)


def is_acronym_of(acr: str, long: str) -> bool:
    """``acr`` ("Oms", "OMS", "M5s", "FdI") is made of the initials of ``long``'s words,
    every content word contributing its initial, function words optionally."""
    a = fold(acr)
    if not (2 <= len(a) <= 8) or not a.isalnum() or " " in acr.strip():
        return False
    words = [w for w in re.split(r"[\s" + _APOS + r"\-]+", long) if w]
    if len(words) < 2:
        return False
    p = 0
    for w in words:
        f = fold(w)
        if not f:
            continue
        if p < len(a) and f[0] == a[p]:
            p += 1
        elif w.lower() not in _FUNCTION_WORDS and w.lower() not in {"of", "the", "and", "for", "d"}:
            return False
    return p == len(a)


_ARTICLE_KEYS = frozenset("il lo la l i gli le".split())
_DEFINED = re.compile(r"^(?P<long>.+?)\s*[(\[]\s*(?P<short>[^()\[\]\s]+)\s*[)\]]$")


def _cluster_others(ms: list[Mention], idx: list[int]) -> list[tuple[list[int], bool]]:
    kind = {i: ("ORG/LOC" if ms[i].label in ("ORG", "LOC") else ms[i].label) for i in idx}
    key: dict[int, str] = {}
    defined: list[tuple[str, str, int]] = []    # (long key, short key, mention)
    for i in idx:
        t = ms[i].text
        m = _DEFINED.match(t)
        if m and is_acronym_of(m["short"], m["long"]):
            key[i] = org_key(m["long"])
            defined.append((key[i], org_key(m["short"]), i))
        elif m and is_acronym_of(m["long"], m["short"]):
            key[i] = org_key(m["short"])
            defined.append((key[i], org_key(m["long"]), i))
        else:
            key[i] = org_key(t) or t
    # "La Russia" at the start of a sentence is "Russia" when the text also says "Russia"
    present = {(kind[i], key[i]) for i in idx}
    for i in idx:
        head, _, rest = key[i].partition(" ")
        if rest and head in _ARTICLE_KEYS and (kind[i], rest) in present:
            key[i] = rest
    groups: dict[tuple[str, str], list[int]] = {}
    for i in idx:
        groups.setdefault((kind[i], key[i]), []).append(i)
    gkeys = list(groups)
    gpos = {g: n for n, g in enumerate(gkeys)}

    parent = list(range(len(gkeys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # the alias table
    table = aliases()
    by_alias: dict[tuple[str, int], int] = {}
    for n, (k, kk) in enumerate(gkeys):
        a = table.get(kk)
        if a is None:
            continue
        prev = by_alias.setdefault((k, a), n)
        if prev != n:
            link(prev, n)
    # acronyms defined in the text: "Long Form (LF)" in one span, or two spans close together
    for _long_k, short_k, i in defined:
        other = gpos.get((kind[i], short_k))
        if other is not None:
            link(gpos[(kind[i], key[i])], other)
    for a, b in zip(idx, idx[1:], strict=False):
        if kind[a] != kind[b] or not 1 <= ms[b].start - ms[a].end <= 3:
            continue
        ta, tb = ms[a].text, ms[b].text
        if is_acronym_of(tb, ta) or is_acronym_of(ta, tb):
            link(gpos[(kind[a], key[a])], gpos[(kind[b], key[b])])
    out: dict[int, list[int]] = defaultdict(list)
    for n, g in enumerate(gkeys):
        out[find(n)].extend(groups[g])
    return [(sorted(m), False) for m in out.values() if m]


# --------------------------------------------------------------------------
# build_entities
# --------------------------------------------------------------------------

def cluster(mentions: list[Mention], policy: str | None = None) -> list[tuple[list[Mention], bool]]:
    """The mentions grouped into entities, in text order: (members, ambiguous)."""
    ms = sorted(mentions, key=lambda m: (m.start, m.end))
    people = [i for i, m in enumerate(ms) if m.label == "PER"]
    others: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.label != "PER":
            others["ORG/LOC" if m.label in ("ORG", "LOC") else m.label].append(i)
    groups = _cluster_people(ms, people, policy or AMBIGUOUS_POLICY)
    for idx in others.values():
        groups.extend(_cluster_others(ms, idx))
    groups.sort(key=lambda g: g[0][0])
    return [([ms[i] for i in mem], amb) for mem, amb in groups]


def _display_name(vs: list[str], label: str) -> str:
    """canonical_name, but "La Russia" does not beat "Russia" by its article."""
    if label != "PER" and len(vs) > 1:
        keys = {org_key(v) for v in vs}
        plain = [v for v in vs if not (org_key(v).partition(" ")[0] in _ARTICLE_KEYS
                                       and org_key(v).partition(" ")[2] in keys)]
        vs = plain or vs
    return canonical_name(vs)


@functools.lru_cache(maxsize=1)
def country_keys() -> frozenset[str]:
    """Keys of the countries and regions in the places lexicon, shipped and the user's: the
    rows naming a place whose English adjective also translates lower-case Italian
    adjectives ("Russia  Russian  Russia" beside "russo,russa  Russian"); the rows of
    organisations ("Onu  UN  the United Nations") have no such adjective."""
    from tui.nlp.roles import _read_tsv, lexicon_paths

    rows: list[list[str]] = []
    for _roles, places in lexicon_paths():
        try:
            rows += [cols + [""] * 3 for cols in _read_tsv(places)] if places.is_file() else []
        except (OSError, UnicodeDecodeError):
            continue
    adjectives = {c[1] for c in rows if c[1] and not c[2] and c[0][:1].islower()}
    return frozenset(org_key(f) for c in rows if c[1] in adjectives and c[2]
                     for f in c[0].split(",") if f.strip()[:1].isupper())


def entity_label(mem: list[Mention], variants: list[str]) -> str:
    """A country tagged LOC in some mentions and ORG in others is a place; otherwise the
    majority label of the mentions (ties: the first mention's). A country tagged ORG
    throughout ("l'Italia" the team) stays an organisation."""
    counts = Counter(m.label for m in mem)
    if "LOC" in counts and set(counts) <= {"ORG", "LOC"}:
        countries = country_keys()
        if any(org_key(v) in countries for v in variants):
            return "LOC"
    top = max(counts.values())
    return next(m.label for m in mem if counts[m.label] == top)


def build_entities(mentions: list[Mention]) -> list[Entity]:
    """Gather the mentions into entities; set each mention's ``entity``."""
    entities = []
    for n, (mem, amb) in enumerate(cluster(mentions), 1):
        eid = f"e{n}"
        for m in mem:
            m.entity = eid
        vs = list(dict.fromkeys(m.text for m in mem))
        label = entity_label(mem, vs)
        entities.append(Entity(eid, label, _display_name(vs, label) or mem[0].text, vs,
                               [m.id for m in mem], ambiguous=amb))
    return entities
