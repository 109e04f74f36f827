"""Roles: the office, title, job or function the text gives a person.

``attach_roles(doc, offset, ann)`` looks at one analysed chunk (a spaCy ``Doc``
whose text starts at ``offset`` in ``ann.text``) and appends a :class:`Role` to
the entity of every PER mention the chunk gives a role to. The role is the
exact phrase of the text ("ministro degli Esteri russo"), without its article,
with the mention it is attached to, the sentence it comes from, and an English
gloss built from the lexicons ("Russian foreign minister"), or "" when a piece
of the phrase is not in the lexicons.

How a role phrase is found
--------------------------

1. *Heads.* Every token (or run of tokens) that matches a role entry of
   ``data/roles_it.tsv`` is a candidate head: "ministro", "segretario di Stato",
   "amministratore delegato". Matching uses the surface form, the pipeline's
   lemma and the usual feminine/plural forms (ministra, presidentessa,
   segretari, direttrice); the POS must be a noun (or an adjective right after
   an article or right before a name: small taggers often call "portavoce" ADJ).
   Compounds with "vice" ("vicedirettore") are read as vice + role.
2. *Extension.* A head takes qualifiers on its left (ex, neo, vice, attuale,
   futuro, allora...) and, on its right, post-qualifiers (eletto, uscente,
   aggiunto), adjectives ("russo", "americano"), bare places or organisation
   names ("presidente Usa", "pilota Ferrari") and prepositional complements
   (di/del/della/degli/per/alla... + nouns, proper nouns and adjectives:
   "della Regione Lazio", "degli Usa", "dell'Economia e delle Finanze", a list
   closed by "e": "del soccorso pubblico, della ricerca e della difesa civile"),
   a second role noun used as a qualifier ("principessa guerriera", "medico
   legale"; no gloss). A date ("del XVII secolo", "di 53 anni") is not part of
   the role. It stops at a person's name, a comma, a verb, a relative pronoun, a
   conjunction that does not continue a complement, and at a new role head
   (so "arcivescovo di Parigi cardinale X" is two roles).
3. *Attachment* to a PER mention (only PER), with these patterns:

   - prefix: the phrase ends right before the name ("il ministro degli Esteri
     russo Serghei Lavrov", "Papa Francesco", "il ministro Maroni"); when
     several heads reach the same name, the closest wins ("il portavoce del
     ministro X": X is the minister); a plural head takes a whole list ("i
     ministri Alfano e Lupi"); "cantante e musicista X" and title chains
     ("arcivescovo di Parigi cardinale X") give X every piece;
   - prefix across a comma, only between an article and a closing comma
     ("il ministro dell'Interno, Giuliano Amato, ha detto");
   - apposition: "Marco Rubio, segretario di Stato degli Usa" — the phrase must
     be followed by a boundary (punctuation, end, verb, relative pronoun,
     conjunction) and never by another name, which would make it that name's
     prefix; "e" + another role adds a second role;
   - a parenthesis between spaced dashes or brackets right after the name, whose
     items are separated by commas or "e": every item that is a role phrase
     ("X - nato a Bari ed ex sindaco - ha detto");
   - predicate: "X è (stato nominato) il nuovo ministro", also after an inserted
     phrase ("X è stata, insieme a Y, una delle fondatrici"), a partitive ("uno
     dei (tre) fondatori del partito", also in apposition) and in a clause
     coordinated with the name's own ("X ha giocato 40 partite ed è stato capitano",
     "X è deputato ed è stato segretario del partito");
   - a title inside the NER span ("Papa Francesco" tagged as one PER).

The parse is used where it is reliable enough to help: sentence boundaries,
POS, lemmas and morphology (number, participles, articles); the attachment
itself is decided by these token patterns, so that attachment errors of the
parser do not move a role to the wrong person. When unsure, no role.

Lexicons: ``data/roles_it.tsv`` (role heads and qualifiers) and
``data/places_it.tsv`` (nationalities, countries, cities, organisations); both
documented in their headers. Files with the same names in the user's config
folder (``platformdirs.user_config_dir("personae")``) are read too and extend
or override the shipped entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tui.document import Annotations, Role

DATA_DIR = Path(__file__).resolve().parent / "data"
ROLES_FILE = "roles_it.tsv"
PLACES_FILE = "places_it.tsv"

MAX_PHRASE = 16  # tokens

# -- small closed classes -----------------------------------------------------------

ARTICLES = {"il", "lo", "la", "l'", "i", "gli", "le", "un", "uno", "una", "un'"}
ART_PREPS = {
    "del", "dello", "della", "dell'", "dei", "degli", "delle",
    "al", "allo", "alla", "all'", "ai", "agli", "alle",
    "dal", "dallo", "dalla", "dall'", "dai", "dagli", "dalle",
    "nel", "nello", "nella", "nell'", "nei", "negli", "nelle",
    "sul", "sullo", "sulla", "sull'", "sui", "sugli", "sulle",
    "col", "coi",
}
DI = {"di", "d'", "del", "dello", "della", "dell'", "dei", "degli", "delle"}
# prepositions that may open a role complement
COMP_PREPS = DI | {"per", "a", "ad", "al", "allo", "alla", "all'", "ai", "agli", "alle",
                   "presso"}
CAP_ONLY_PREPS = {"in", "nel", "nella", "nell'", "negli", "nei", "nelle"}  # + capitalised name
CONJ = {"e", "ed"}
# conjunctions that end a role phrase and start something else ("pittore, ma trapiantato")
STOP_CONJ = {"ma", "però", "mentre", "oppure"}
# lower-case linking words inside a foreign proper name or title, between two capitalised
# words ("The Clash of Generation", "Bank of America")
NAME_LINKS = {"of", "the", "and", "for", "on", "&"}
# nouns that make a complement a date, not part of the role ("del diciassettesimo secolo")
TIME_NOUNS = {"secolo", "secoli", "anno", "anni", "decennio", "decenni", "epoca", "periodo",
              "millennio", "dopoguerra", "novecento", "ottocento", "settecento", "seicento",
              "cinquecento", "quattrocento"}
FUNCTION_WORDS = DI | COMP_PREPS | ARTICLES | CAP_ONLY_PREPS | CONJ | {"da", "con", "su", "tra", "fra"}
BOUNDARY_PUNCT = {",", ".", ";", ":", ")", "]", "!", "?", "»", "”", '"', "–", "—", "-", "…"}
RELATIVE = {"che", "cui", "quale", "quali", "il quale", "la quale"}
COPULA_LEMMAS = {"essere", "diventare", "restare", "rimanere", "tornare"}
COPULA_FORMS = {"è", "era", "fu", "sarà", "sarebbe", "sono", "erano", "furono", "diventa",
                "diventò", "resta", "rimane", "torna", "e'", "É", "È"}
PAST_PART_BE = {"stato", "stata", "stati", "state", "diventato", "diventata", "tornato",
                "tornata", "rimasto", "rimasta"}
APPOINT_LEMMAS = {"eleggere", "nominare", "confermare", "rieleggere", "designare",
                  "proclamare", "scegliere", "indicare", "insediare"}
APPOINT_FORMS = {"eletto", "eletta", "nominato", "nominata", "confermato", "confermata",
                 "rieletto", "rieletta", "designato", "designata", "proclamato",
                 "proclamata", "scelto", "scelta", "indicato", "indicata"}
PRED_ADVERBS = {"anche", "ora", "oggi", "invece", "attualmente", "adesso", "infatti",
                "quindi", "inoltre", "ancora", "poi", "allora"}
# capitalised words that may open a PER span and still be a title ("Papa Francesco")
TITLE_IN_NAME = {"papa", "pontefice", "presidente", "ministro", "ministra", "premier",
                 "cardinale", "monsignor", "monsignore", "re", "regina", "principe",
                 "principessa", "sceicco", "ayatollah", "imam", "rabbino", "senatore",
                 "senatrice", "onorevole", "generale", "colonnello", "sindaco", "governatore",
                 "cancelliere", "ambasciatore", "commissario", "segretario", "sultano",
                 "emiro", "ispettore", "capitano", "dottor", "dottore", "professor",
                 "professore", "avvocato"}
# heads that are also common function words: only after an article ("l'ad di Fiat")
NEEDS_ARTICLE = {"ad"}
NOUNISH = {"NOUN", "PROPN", "X"}
# role words that are also common adjectives (or nouns used as adjectives): a head only
# when tagged as a noun, right after an article, or right before a name
AMBIGUOUS = {"generale", "legale", "politico", "tecnico", "militare", "industriale", "fisico",
             "chimico", "storico", "esperto", "responsabile", "leader", "capo", "titolare",
             "dirigente", "rappresentante", "pilota", "modello", "socio", "agente", "maestro",
             "campione", "difensore", "delegato", "inviato", "candidato", "informatico",
             "comico", "interprete", "artista", "consulente", "designer", "manager", "matematico"}
# role words that are also common verb forms ("capitano" = they happen)
VERB_FORMS = {"pilota", "capitano", "arbitro", "arbitra", "guida", "dirige", "consiglia"}
ROMAN = re.compile(r"^[IVXLC]+$")
AGE = re.compile(r"^(\d+|[a-zà-ù]+)enn[ei]$")  # "venticinquenne", "48enne"


def norm(s: str) -> str:
    return s.lower().replace("’", "'").replace("‘", "'").replace("`", "'")


_SPLIT = re.compile(r"[^\s'\-]+'|-|[^\s'\-]+")


def split_words(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase the way the tokenizer splits text: "dell'interno" ->
    ("dell'", "interno"), "co-fondatore" -> ("co", "-", "fondatore")."""
    return tuple(_SPLIT.findall(norm(phrase)))


def inflections(word: str) -> set[str]:
    """The masculine singular ``word`` and its usual feminine and plural forms."""
    w = norm(word)
    out = {w}
    if len(w) < 3 or w in FUNCTION_WORDS or not w.isalpha():
        return out
    if w.endswith("tore"):
        out |= {w[:-4] + "trice", w[:-4] + "trici", w[:-1] + "i", w[:-1] + "a", w[:-1] + "e"}
    if w.endswith("sore") or w.endswith("ssore"):
        out |= {w[:-1] + "essa", w[:-1] + "esse"}
    if w.endswith("io"):
        out |= {w[:-1], w[:-1] + "a", w[:-1] + "e"}
    elif w.endswith(("co", "go")):
        out |= {w[:-1] + "a", w[:-1] + "i", w[:-1] + "hi", w[:-1] + "he"}
    elif w.endswith("o"):
        out |= {w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"}
    elif w.endswith("e"):
        out |= {w[:-1] + "i", w[:-1] + "essa", w[:-1] + "esse", w[:-1] + "a"}
    elif w.endswith(("ca", "ga")):
        out |= {w[:-1] + "hi", w[:-1] + "he"}
    elif w.endswith("a"):
        out |= {w[:-1] + "i", w[:-1] + "e", w[:-1] + "essa", w[:-1] + "esse"}
    return out


# -- lexicons ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]
    gloss: str
    kind: str  # role | pre | post


@dataclass(frozen=True)
class Place:
    words: tuple[str, ...]
    exact: bool  # capitalised forms must match case ("Usa", not the verb "usa")
    surface: tuple[str, ...]
    adjective: str
    name: str


@dataclass
class Lexicon:
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # by form of 1st word
    forms: dict[str, set[str]] = field(default_factory=dict)  # word -> accepted forms
    places: dict[str, list[Place]] = field(default_factory=dict)  # by 1st word, lower

    def index(self, by_key: dict[tuple[tuple[str, ...], str], Entry]) -> None:
        self.entries.clear()
        for e in by_key.values():
            for w in e.words:
                if w not in self.forms:
                    self.forms[w] = inflections(w)
            for f in self.forms[e.words[0]]:
                self.entries.setdefault(f, []).append(e)
        for lst in self.entries.values():
            lst.sort(key=lambda e: -len(e.words))


def _read_tsv(path: Path):
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield [c.strip() for c in line.rstrip("\n").split("\t")]


def user_dir() -> Path | None:
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(platformdirs.user_config_dir("personae"))


def lexicon_paths(user: bool = True) -> list[tuple[Path, Path]]:
    """(roles file, places file) pairs, shipped first, then the user's if present."""
    pairs = [(DATA_DIR / ROLES_FILE, DATA_DIR / PLACES_FILE)]
    if user and (d := user_dir()) is not None:
        pairs.append((d / ROLES_FILE, d / PLACES_FILE))
    return pairs


@lru_cache(maxsize=2)
def load_lexicon(user: bool = True) -> Lexicon:
    lex = Lexicon()
    by_key: dict[tuple[tuple[str, ...], str], Entry] = {}
    extra_forms: dict[str, set[str]] = {}
    for roles_path, places_path in lexicon_paths(user):
        if roles_path.is_file():
            for cols in _read_tsv(roles_path):
                cols += [""] * (4 - len(cols))
                it, en, kind, forms = cols[:4]
                kind = kind or "role"
                words = split_words(it)
                if not words or kind not in ("role", "pre", "post"):
                    continue
                if en == "-":
                    by_key.pop((words, kind), None)
                    continue
                by_key[(words, kind)] = Entry(words, en, kind)
                if forms:
                    extra_forms.setdefault(words[0], set()).update(
                        norm(f) for f in forms.split(",") if f.strip())
        if places_path.is_file():
            for cols in _read_tsv(places_path):
                cols += [""] * (3 - len(cols))
                forms, adj, name = cols[:3]
                for form in forms.split(","):
                    form = form.strip()
                    if not form:
                        continue
                    exact = form[:1].isupper()
                    words = split_words(form)
                    surface = tuple(_SPLIT.findall(form.replace("’", "'")))
                    lex.places.setdefault(words[0], []).append(
                        Place(words, exact, surface, adj, name))
    for w, fs in extra_forms.items():
        lex.forms[w] = inflections(w) | fs
    lex.index(by_key)
    for lst in lex.places.values():
        lst.sort(key=lambda p: -len(p.words))
    return lex


def reload_lexicon() -> None:
    load_lexicon.cache_clear()


# -- the phrase -----------------------------------------------------------------------


@dataclass
class Piece:
    kind: str  # pre | head | post | adj | noun | bare | comp | conj | sep | and
    start: int  # token indices, end exclusive
    end: int
    entry: Entry | None = None
    place: Place | None = None
    content: tuple[int, int] | None = None  # for comp: the content tokens


@dataclass
class Phrase:
    start: int
    head: int  # index of the head's first token
    end: int
    pieces: list[Piece]
    plural: bool = False

    @property
    def head_end(self) -> int:
        return next(p.end for p in self.pieces if p.kind == "head")


class _Chunk:
    """One Doc with the mentions that fall in it, and the matching machinery."""

    def __init__(self, doc, offset: int, ann: Annotations, lex: Lexicon):
        self.doc = doc
        self.toks = list(doc)
        self.n = len(self.toks)
        self.offset = offset
        self.ann = ann
        self.lex = lex
        self.low = [norm(t.text) for t in self.toks]
        self.lemma = [norm(t.lemma_) if t.lemma_ else norm(t.text) for t in self.toks]
        end = offset + len(doc.text)
        # mention covering each token (any label)
        self.ment = [None] * self.n
        self.ment_tokens: dict[str, tuple[int, int]] = {}
        starts = [offset + t.idx for t in self.toks]
        ends = [s + len(t.text) for s, t in zip(starts, self.toks, strict=True)]
        for m in ann.mentions_between(offset, end):
            idx = [i for i in range(self.n) if starts[i] < m.end and ends[i] > m.start]
            if not idx:
                continue
            for i in idx:
                self.ment[i] = m
            self.ment_tokens[m.id] = (idx[0], idx[-1] + 1)
        self.starts, self.ends = starts, ends
        self._heads: dict[int, tuple[int, Entry, bool] | None] = {}

    # -- token predicates --
    def is_per(self, i: int) -> bool:
        m = self.ment[i]
        return m is not None and m.label == "PER"

    def pos(self, i: int) -> str:
        return self.toks[i].pos_

    def is_cap(self, i: int) -> bool:
        t = self.toks[i].text
        return t[:1].isupper()

    def glued(self, i: int) -> bool:
        """No space between token i and token i+1."""
        return i + 1 < self.n and not self.toks[i].whitespace_

    def is_article(self, i: int) -> bool:
        if i < 0:
            return False
        lw = self.low[i]
        if lw in ARTICLES or lw in ART_PREPS:
            return True
        t = self.toks[i]
        return t.pos_ == "DET" and "Art" in t.morph.get("PronType")

    def is_participle(self, i: int) -> bool:
        t = self.toks[i]
        return t.pos_ in ("VERB", "AUX") or "Part" in t.morph.get("VerbForm")

    def plural(self, i: int) -> bool:
        return "Plur" in self.toks[i].morph.get("Number")

    def agree(self, i: int, j: int) -> bool:
        """Tokens i and j have the same gender and number (where both are marked)."""
        for feat in ("Gender", "Number"):
            a, b = self.toks[i].morph.get(feat), self.toks[j].morph.get(feat)
            if not a or not b or a != b:
                return False
        return True

    # -- lexicon matching --
    def word_match(self, i: int, w: str) -> bool:
        if i >= self.n:
            return False
        if self.low[i] == w:
            return True
        if w in FUNCTION_WORDS or w == "-":
            return False
        forms = self.lex.forms.get(w) or {w}
        return self.low[i] in forms or self.lemma[i] == w

    def match_entry(self, i: int, kind: str, in_name: bool = False) -> tuple[int, Entry] | None:
        cands = list(self.lex.entries.get(self.low[i], ()))
        if self.lemma[i] != self.low[i]:
            cands += self.lex.entries.get(self.lemma[i], ())
        cands.sort(key=lambda e: -len(e.words))
        for e in cands:
            if e.kind != kind:
                continue
            j = i
            ok = True
            for w in e.words:
                if not self.word_match(j, w):
                    ok = False
                    break
                j += 1
            if ok and (in_name or all(not self.is_per(k) for k in range(i, j))):
                return j, e
        return None

    def match_place(self, i: int) -> tuple[int, Place] | None:
        for p in self.lex.places.get(self.low[i], ()):
            j = i
            ok = True
            for w, s in zip(p.words, p.surface, strict=True):
                if j >= self.n:
                    ok = False
                    break
                if p.exact and s[:1].isupper():
                    if self.toks[j].text.replace("’", "'") not in (s, s.upper()):
                        ok = False
                        break
                elif self.low[j] != w:
                    ok = False
                    break
                j += 1
            if ok:
                return j, p
        return None

    def head_at(self, i: int, inside_name: bool = False) -> tuple[int, Entry, bool] | None:
        """A role head starting at token i: (end, entry, vice-compound)."""
        key = i if not inside_name else -1 - i
        if key in self._heads:
            return self._heads[key]
        res = self._head_at(i, inside_name)
        self._heads[key] = res
        return res

    def _head_at(self, i: int, inside_name: bool) -> tuple[int, Entry, bool] | None:
        if i < 0 or i >= self.n or (self.is_per(i) and not inside_name):
            return None
        pos = self.pos(i)
        if pos in ("AUX", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SPACE", "DET"):
            return None
        m = self.match_entry(i, "role", in_name=inside_name)
        vice = False
        if m is None and self.low[i].startswith("vice") and len(self.low[i]) > 6:
            rest = self.low[i][4:]
            for e in self.lex.entries.get(rest, ()):
                if e.kind == "role" and len(e.words) == 1:
                    m, vice = (i + 1, e), True
                    break
        if m is None:
            return None
        end, entry = m
        if i >= 2 and self.low[i - 1] == "-" and self.glued(i - 2) and self.glued(i - 1) \
                and self.match_entry(i - 2, "pre") is None:
            return None  # second half of a compound: "giallo-comica"
        if self.low[i] in AMBIGUOUS or self.lemma[i] in AMBIGUOUS:
            # "la classifica generale Nibali": after a noun it is an adjective
            p = i - 1
            if p >= 0 and not (self.is_article(p) or self.pos(p) in ("PUNCT", "CCONJ", "ADP")
                               or self.match_entry(p, "pre") is not None
                               or self.match_entry(p, "role") is not None):
                return None
        if self.low[i] in NEEDS_ARTICLE and not (self.is_article(i - 1) or self.toks[i].text == "AD"):
            return None
        if pos not in NOUNISH and pos != "ADP" and (
                self.low[i] in AMBIGUOUS or self.lemma[i] in AMBIGUOUS or pos == "VERB"):
            # an adjective or verb reading: only right after an article or a title, or
            # right before a name ("il dottor chirurgo X", tagged VERB by a small model)
            prev_title = i > 0 and self.match_entry(i - 1, "role") is not None
            after_comma = (i > 0 and self.low[i - 1] in (",", "(") and pos == "VERB"
                           and self.low[i] not in VERB_FORMS)
            # "è stato capitano": a finite verb cannot follow a copula
            after_copula = i > 0 and (self.low[i - 1] in PAST_PART_BE or self.low[i - 1] in COPULA_FORMS)
            if not (self.is_article(i - 1) or prev_title or after_comma or after_copula
                    or (end < self.n and self.is_per(end))):
                return None
        if pos == "ADP" and self.low[i] not in NEEDS_ARTICLE:
            return None
        return end, entry, vice

    # -- building a phrase from a head --
    def phrase_at(self, h: int, inside_name: bool = False, limit: int | None = None) -> Phrase | None:
        hm = self.head_at(h, inside_name)
        if hm is None:
            return None
        hend, entry, vice = hm
        limit = self.n if limit is None else limit
        pieces: list[Piece] = []
        # qualifiers on the left
        s = h
        while s > 0:
            k = s - 1
            if self.low[k] == "-" and self.glued(k) and k > 0 and self.glued(k - 1):
                k -= 1
            got = None
            for L in (3, 2, 1):
                a = k - L + 1
                if a < 0:
                    continue
                m = self.match_entry(a, "pre")
                if m and m[0] == k + 1:
                    got = (a, m[1])
                    break
            if got is None or any(self.is_per(x) for x in range(got[0], s)):
                break
            pieces.insert(0, Piece("pre", got[0], s, got[1]))
            s = got[0]
        pieces.append(Piece("head", h, hend, entry))
        if vice:
            pieces.insert(len(pieces) - 1, Piece("pre", h, h, Entry(("vice",), "vice {}", "pre")))
        k = hend
        last = "head"
        while k < limit and k - s < MAX_PHRASE:
            if self.is_per(k):
                break
            m = self.match_entry(k, "post")
            if m:
                pieces.append(Piece("post", k, m[0], m[1]))
                k, last = m[0], "post"
                continue
            lw = self.low[k]
            pos = self.pos(k)
            if last in ("head", "post", "adj", "bare", "comp") and not self.is_cap(k) and (
                    self._place_adj(k) or (pos == "ADJ" and not self.is_participle(k)
                                           and self.head_at(k) is None)):
                if last == "comp":
                    pieces[-1] = _extend_comp(pieces[-1], k + 1)
                else:
                    pieces.append(Piece("adj", k, k + 1))
                    last = "adj"
                k += 1
                continue
            if last == "head" and pos in ("NOUN", "ADJ") and not self.is_cap(k) and k == hend \
                    and (h2 := self.head_at(k)) is not None and len(h2[1].words) == 1 \
                    and not h2[2] and self.agree(h, k) and self.match_entry(k + 1, "post") is None \
                    and not (k + 1 < self.n and self.is_per(k + 1)):
                # a second role noun used as a qualifier: "la principessa guerriera",
                # "il medico legale" (not before a name: "vescovo cardinale X" is a chain)
                pieces.append(Piece("noun", k, k + 1))
                k, last = k + 1, "adj"
                continue
            if last in ("head", "post", "adj") and pos == "NOUN" and not self.is_cap(k) \
                    and self.head_at(k) is None and not AGE.match(self.low[k]) and (
                        self.low[k].endswith(("ista", "isti", "iste"))
                        or (k + 1 < self.n and self.is_per(k + 1))):
                # a noun used as an adjective: "il ministro leghista X"
                pieces.append(Piece("adj", k, k + 1))
                k, last = k + 1, "adj"
                continue
            if last in ("head", "post", "adj") and (self.is_cap(k) or self._place_name(k)):
                pm = self.match_place(k)
                if pm and not any(self.is_per(x) for x in range(k, pm[0])):
                    pieces.append(Piece("bare", k, pm[0], place=pm[1]))
                    k, last = pm[0], "bare"
                    continue
                mm = self.ment[k]
                if mm is not None and mm.label != "PER" and self.ment_tokens[mm.id][0] == k:
                    e = self.ment_tokens[mm.id][1]
                    pieces.append(Piece("bare", k, e))
                    k, last = e, "bare"
                    continue
                break
            if lw in COMP_PREPS or (lw in CAP_ONLY_PREPS and k + 1 < self.n and self.is_cap(k + 1)):
                if self.time_at(k):
                    break  # "schiavista del diciassettesimo secolo": a date, not the role
                c = self._complement(k, limit)
                if c is None:
                    break
                pieces.append(c)
                k, last = c.end, "comp"
                continue
            if lw == "," and last == "comp":
                lst = self._comp_list(k, limit)
                if lst:
                    pieces.extend(lst)
                    k, last = lst[-1].end, "comp"
                    continue
                break
            if lw in CONJ and last == "comp" and k + 1 < limit:
                nxt = self.low[k + 1]
                if nxt in COMP_PREPS:
                    c = self._complement(k + 1, limit)
                    if c is not None:
                        pieces.append(Piece("conj", k, k + 1))
                        pieces.append(c)
                        k, last = c.end, "comp"
                        continue
                elif self.is_cap(k + 1) and not self.is_per(k + 1) and self.head_at(k + 1) is None \
                        and self.pos(k + 1) in NOUNISH:
                    c = self._content(k + 1, limit, first_may_be_head=False)
                    if c is not None:
                        pieces.append(Piece("conj", k, k + 1))
                        pieces.append(Piece("comp", k + 1, c, content=(k + 1, c)))
                        k, last = c, "comp"
                        continue
            break
        end = pieces[-1].end
        return Phrase(s, h, end, pieces, plural=self.plural(h) and hend == h + 1)

    def _comp_list(self, k: int, limit: int) -> list[Piece]:
        """", del soccorso pubblico e della difesa civile": more complements of the role,
        listed with commas and closed by "e" + complement; [] when the list is not closed."""
        out: list[Piece] = []
        while k + 1 < limit and self.low[k] in (",", "e", "ed") and self.low[k + 1] in DI:
            c = self._complement(k + 1, limit)
            if c is None or self.time_at(k + 1):
                return []
            out += [Piece("sep" if self.low[k] == "," else "conj", k, k + 1), c]
            if self.low[k] != ",":
                return out
            k = c.end
        return []

    def time_at(self, k: int) -> bool:
        """A preposition at k opening a date: "dal 2009", "del XVII secolo", "degli anni '70"."""
        return self.time_end(k) is not None

    def time_end(self, k: int) -> int | None:
        """The end of the date complement opened by the preposition at k ("di 53 anni",
        "del XVII secolo", "dal 2009"), None when there is none."""
        if k >= self.n or not (self.pos(k) == "ADP" or self.low[k] in COMP_PREPS):
            return None
        j = k + 1
        if j < self.n and self.low[j] in ARTICLES:
            j += 1
        start = j
        while j < self.n and j - k < 6 and (self.pos(j) in ("ADJ", "NUM") or self.toks[j].like_num
                                             or self.low[j][:4].isdigit()
                                             or ROMAN.match(self.toks[j].text)):
            j += 1
        if j < self.n and self.low[j] in TIME_NOUNS:
            return j + 1
        if j > start and (self.toks[start].like_num or self.low[start][:4].isdigit()):
            return j
        return None

    def _place_adj(self, i: int) -> bool:
        pm = self.match_place(i)
        return bool(pm and pm[0] == i + 1 and not pm[1].name)

    def _place_name(self, i: int) -> bool:
        return self.match_place(i) is not None

    def _complement(self, k: int, limit: int) -> Piece | None:
        """ADP [article] content, starting at the preposition k."""
        j = k + 1
        if not self.low[k].endswith("'") and j < limit and self.low[j] in ARTICLES \
                and self.pos(j) in ("DET", "ADP", "PRON", "X"):
            j += 1
        if j >= limit:
            return None
        # "di" + a person: "portavoce di Putin", "avvocato di Abu Omar"
        if self.is_per(j) and self.low[k] in DI:
            m = self.ment[j]
            a, b = self.ment_tokens[m.id]
            if a == j:
                return Piece("comp", k, b, content=(j, b))
            return None
        e = self._content(j, limit, first_may_be_head=True)
        if e is None:
            return None
        return Piece("comp", k, e, content=(j, e))

    def _content(self, j: int, limit: int, first_may_be_head: bool) -> int | None:
        """End of a run of nouns, proper nouns, adjectives, numbers from j."""
        k = j
        nouns = 0
        while k < limit and k - j < 8:
            if self.is_per(k):
                break
            if k > j and self.head_at(k) is not None and not self.plural(k):
                break  # a new role starts: "arcivescovo di Parigi cardinale X"
            if k == j and not first_may_be_head and self.head_at(k) is not None:
                break
            mm = self.ment[k]
            if mm is not None and self.ment_tokens[mm.id][0] == k and mm.label != "PER":
                k = self.ment_tokens[mm.id][1]
                nouns += 1
                continue
            pos = self.pos(k)
            t = self.toks[k].text
            if self.low[k] == "-" and k > j and self.glued(k - 1) and self.glued(k):
                k += 1
                continue
            if k > j and self.low[k] in NAME_LINKS and self.is_cap(k - 1):
                m = k
                while m < limit and self.low[m] in NAME_LINKS:
                    m += 1
                if m < limit and self.is_cap(m) and not self.is_per(m):
                    k = m  # "The Clash of Generation", "Bank of America"
                    continue
                break
            if pos in NOUNISH or (t[:1].isupper() and t[:1].isalpha() and pos not in ("VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PRON")):
                if self.is_participle(k) and pos not in NOUNISH:
                    break
                nouns += 1
                k += 1
                continue
            if pos == "NUM" or (pos == "ADJ" and not self.is_participle(k)):
                k += 1
                continue
            break
        if nouns == 0:
            return None
        return k

    # -- text helpers --
    def span(self, a: int, b: int) -> tuple[int, int]:
        return self.starts[a], self.ends[b - 1]


def _extend_comp(c: Piece, end: int) -> Piece:
    a = c.content[0] if c.content else c.start
    return Piece("comp", c.start, end, content=(a, end))


# -- gloss ---------------------------------------------------------------------------


def _apply(template: str, inner: str) -> str:
    if "{}" in template:
        return template.replace("{}", inner)
    return f"{template} {inner}".strip()


def gloss(ch: _Chunk, ph: Phrase) -> str:
    """The English gloss of a phrase, or "" when a piece is unknown."""
    for i, p in enumerate(ph.pieces):
        if p.kind == "and":  # "cantante e musicista": gloss each side
            left = Phrase(ph.start, ph.head, p.start, ph.pieces[:i])
            right_pieces = ph.pieces[i + 1:]
            right_head = next(x.start for x in right_pieces if x.kind == "head")
            right = Phrase(p.end, right_head, ph.end, right_pieces)
            g1, g2 = gloss(ch, left), gloss(ch, right)
            return f"{g1} and {g2}" if g1 and g2 else ""
    pre: list[Entry] = []
    post: list[Entry] = []
    head: Entry | None = None
    adjs: list[str] = []
    ofs: list[str] = []
    first_comp = True
    for p in ph.pieces:
        if p.kind == "pre":
            pre.append(p.entry)
        elif p.kind == "head":
            head = p.entry
        elif p.kind == "post":
            post.append(p.entry)
        elif p.kind == "adj":
            pm = ch.match_place(p.start)
            if not pm or not pm[1].adjective:
                return ""
            adjs.append(pm[1].adjective)
        elif p.kind == "bare":
            if p.place is not None:
                if p.place.adjective:
                    adjs.append(p.place.adjective)
                elif p.place.name:
                    ofs.append(p.place.name)
                else:
                    return ""
            else:
                a, b = ch.span(p.start, p.end)
                adjs.append(ch.doc.text[a - ch.offset:b - ch.offset])
        elif p.kind in ("noun", "sep"):
            return ""  # "principessa guerriera", "del X, del Y e del Z": no safe English order
        elif p.kind == "conj":
            if not ofs:
                return ""
            ofs[-1] += " and"
        elif p.kind == "comp":
            a, b = p.content
            if ch.low[p.start] not in DI:
                return ""  # "in Afghanistan", "per le Riforme": no safe English preposition
            if any(ch.head_at(x) is not None for x in range(a, b)):
                return ""  # "segretario del Pontefice"
            pm = ch.match_place(a)
            txt = ch.doc.text[ch.starts[a] - ch.offset:ch.ends[b - 1] - ch.offset]
            if pm and pm[0] == b:
                place = pm[1]
                if place.adjective and first_comp and not ofs and p is _last_comp(ph):
                    adjs.append(place.adjective)
                elif place.name:
                    _add_of(ofs, place.name)
                else:
                    return ""
            elif all(ch.low[x] in FUNCTION_WORDS or ch.low[x] in NAME_LINKS or (
                        ch.toks[x].text[:1].isupper() and (
                            ch.pos(x) == "PROPN" or ch.toks[x].text.isupper()
                            or (ch.ment[x] is not None and ch.ment[x].label != "PER")))
                     for x in range(a, b)) and not ch.is_per(a):
                _add_of(ofs, txt)  # a proper name, kept as written: "President of Anci"
            else:
                return ""
            first_comp = False
    if head is None or not head.gloss:
        return ""
    g = head.gloss
    if adjs:
        g = " ".join(adjs) + " " + g
    if len(ofs) > 1 or (ofs and (ofs[0].startswith("of ") or " of " in g)):
        return ""  # nested complements ("of A of B") are too easy to get wrong
    if ofs:
        if not pre and not adjs:
            g = g[:1].upper() + g[1:]
        g = g + " of " + ofs[0]
    for e in post:
        if not e.gloss:
            return ""
        g = _apply(e.gloss, g)
    for e in reversed(pre):
        if not e.gloss:
            return ""
        g = _apply(e.gloss, g)
    return g


def _add_of(ofs: list[str], name: str) -> None:
    if ofs and ofs[-1].endswith(" and"):
        ofs[-1] = ofs[-1] + " " + name
    elif ofs:
        ofs.append("of " + name)
    else:
        ofs.append(name)


def _last_comp(ph: Phrase) -> Piece | None:
    comps = [p for p in ph.pieces if p.kind == "comp"]
    return comps[0] if len(comps) == 1 else None


# -- attachment ------------------------------------------------------------------------


def _is_boundary(ch: _Chunk, k: int) -> bool:
    if k >= ch.n:
        return True
    t = ch.toks[k]
    if t.text in BOUNDARY_PUNCT or t.pos_ == "PUNCT":
        return True
    if ch.low[k] in RELATIVE or t.pos_ in ("VERB", "AUX"):
        return True
    if ch.low[k] in CONJ or ch.low[k] in STOP_CONJ:
        return True
    return False


def attach_roles(doc, offset: int, ann: Annotations) -> None:
    """Find role phrases in ``doc`` (a chunk starting at ``offset``) and add them to ann's entities."""
    if not len(doc):
        return
    lex = load_lexicon()
    ch = _Chunk(doc, offset, ann, lex)
    per = [(a, b, ch.ment[a]) for mid, (a, b) in ch.ment_tokens.items()
           if ch.ment[a] is not None and ch.ment[a].label == "PER" and ch.ment[a].id == mid]
    # a PER span that is a known place is an NER slip ("la regione Lazio")
    per = [(a, b, m) for a, b, m in per if not _is_place_span(ch, a, b)]
    per.sort(key=lambda x: x[0])
    if not per:
        return
    found: list[tuple[Phrase, str]] = []  # (phrase, mention id)

    # phrases from every head, limited to the sentence
    sent_end = [0] * ch.n
    for s in doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]:
        for i in range(s.start, s.end):
            sent_end[i] = s.end
    phrases: dict[int, Phrase] = {}
    covered_to = 0
    for i in range(ch.n):
        if i < covered_to:
            continue  # inside a longer head: "primo ministro", "Consiglio dei ministri"
        hm = ch.head_at(i)
        if hm is not None:
            covered_to = hm[0]
            ph = ch.phrase_at(i, limit=sent_end[i])
            if ph is not None:
                phrases[i] = ph

    inside = {x for ph in phrases.values() for p in ph.pieces if p.kind in ("post", "adj", "bare", "noun")
              for x in range(p.start, p.end)}
    phrases = {h: ph for h, ph in phrases.items() if h not in inside}
    per_start = {a: (a, b, m) for a, b, m in per}
    taken: set[str] = set()

    for a, b, m in per:
        # 1. prefix, right before the name
        got = _prefix(ch, phrases, a, b, m, per_start)
        for ph, mid in got:
            found.append((ph, mid))
        if got:
            taken.add(m.id)
        # 1b. "il ministro dell'Interno, Giuliano Amato, ha detto"
        if not got and a >= 2 and ch.low[a - 1] == "," and (b >= ch.n or ch.toks[b].text in (",", ")")):
            for h in sorted(phrases):  # outermost: "Il portavoce del Segretario generale, X,"
                ph = phrases[h]
                # "un imprenditore di Anzio di 53 anni, X,": the date is not in the role
                if (ph.end == a - 1 or ch.time_end(ph.end) == a - 1) and ch.is_article(_skip_adjs_back(ch, ph.start) - 1) \
                        and not ph.plural and (not _inside_apposition(ch, ph) or (
                            b + 1 < ch.n and ch.pos(b + 1) in ("VERB", "AUX"))):
                    found.append((ph, m.id))
                    break
        # 4. a title inside the name span: "Papa Francesco"
        if a + 1 < b and (not ch.is_cap(a) or ch.low[a] in TITLE_IN_NAME):
            ph = ch.phrase_at(a, inside_name=True, limit=b)
            if ph is not None and ph.start == a and ph.end < b and ch.is_cap(ph.end) \
                    and not any(x.kind == "comp" for x in ph.pieces):
                found.append((ph, m.id))
        # 2. apposition: "Marco Rubio, segretario di Stato degli Usa"
        found.extend(_apposition(ch, phrases, a, b, m))
        # 2b. a list between dashes or brackets: "X - nato a Bari ed ex sindaco - ha detto"
        found.extend(_bracketed(ch, phrases, a, b, m))
        # 3. predicate: "X è il nuovo ministro"
        found.extend(_predicate(ch, phrases, a, b, m))

    # record
    seen: set[tuple[str, int, int]] = set()
    touched = {}
    for ph, mid in found:
        s, e = ch.span(ph.start, ph.end)
        key = (mid, s, e)
        if key in seen:
            continue
        seen.add(key)
        mm = ann.mention(mid)
        try:
            ent = ann.entity(mm.entity)
        except KeyError:
            continue
        touched[ent.id] = ent
        if any(r.mention == mid and r.start == s and r.end == e for r in ent.roles):
            continue
        text = ann.text[s:e]
        ent.roles.append(Role(text, s, e, mid, ann.sentence_at(s), gloss(ch, ph)))
    for ent in touched.values():
        ent.roles.sort(key=lambda r: r.start)


def _is_place_span(ch: _Chunk, a: int, b: int) -> bool:
    pm = ch.match_place(a)
    return pm is not None and pm[0] == b


def _prefix(ch: _Chunk, phrases: dict[int, Phrase], a: int, b: int, m, per_start) -> list[tuple[Phrase, str]]:
    """Phrases that end right before the name at token a."""
    reach = [ph for ph in phrases.values() if ph.end == a]
    if not reach:
        return []
    singular = [ph for ph in reach if not ph.plural]
    out: list[tuple[Phrase, str]] = []
    if singular:
        best = _trim_first_name(ch, max(singular, key=lambda ph: ph.head), a, b)
        out.append((best, m.id))
        # "cantante e musicista X": merge with a role joined by "e" (no article)
        cur = best
        k = cur.start - 1
        if k > 0 and ch.low[k] in CONJ:
            for ph in phrases.values():
                if ph.end == k and not ph.plural:
                    merged = Phrase(ph.start, ph.head, best.end,
                                    ph.pieces + [Piece("and", k, k + 1)] + best.pieces)
                    out = [(merged, m.id)]
                    break
        # title chain: "arcivescovo di Parigi cardinale X" -> both
        else:
            for ph in phrases.values():
                if ph.end == cur.start and ph is not cur and not ph.plural and cur.start == cur.head:
                    out.append((ph, m.id))
                    break
        return out
    # plural: "i ministri Alfano e Lupi" (not "della Camera dei Deputati X")
    ph = max(reach, key=lambda p: p.head)
    p = _skip_adjs_back(ch, ph.start) - 1
    if p < 0 or not (ch.low[p] in ("i", "gli", "le") or (
            ch.low[p] in ART_PREPS and (p == 0 or ch.pos(p - 1) not in ("NOUN", "PROPN")))):
        return []
    out.append((ph, m.id))
    k = ch.ment_tokens[m.id][1]
    while k + 1 < ch.n and (ch.low[k] in CONJ or ch.low[k] == ",") and (k + 1) in per_start:
        _a, _b, m2 = per_start[k + 1]
        out.append((ph, m2.id))
        if ch.low[k] in CONJ:
            break
        k = _b
    return out


def _trim_first_name(ch: _Chunk, ph: Phrase, a: int, b: int) -> Phrase:
    """"il presidente della Fiat John Elkann" with only "Elkann" tagged PER: leave "John"
    out of the role (a first name the NER missed), unless it is a known place."""
    last = ph.pieces[-1]
    k = a - 1
    if b - a != 1 or last.kind != "comp" or last.content is None or last.content[1] - last.content[0] < 2:
        return ph
    if not (ch.is_cap(k) and ch.pos(k) == "PROPN" and ch.ment[k] is None) or ch._place_name(k):
        return ph
    if ch.match_place(last.content[0]) is not None:
        return ph
    pieces = ph.pieces[:-1] + [Piece("comp", last.start, k, content=(last.content[0], k))]
    return Phrase(ph.start, ph.head, k, pieces, ph.plural)


def _skip_adjs_back(ch: _Chunk, k: int) -> int:
    """Step back over up to two plain adjectives or ages before a role ("un giovane
    agricoltore", "il venticinquenne calciatore"): they are not part of the role."""
    for _ in range(2):
        j = k - 1
        if j >= 0 and (AGE.match(ch.low[j]) or (ch.pos(j) == "ADJ" and not ch.is_cap(j)
                                                 and ch.match_entry(j, "pre") is None)):
            k = j
        else:
            break
    return k


def _skip_adjs(ch: _Chunk, k: int) -> int:
    for _ in range(2):
        if k < ch.n and ch.head_at(k) is None and ch.match_entry(k, "pre") is None and (
                AGE.match(ch.low[k]) or (ch.pos(k) == "ADJ" and not ch.is_cap(k))):
            k += 1
        else:
            break
    return k


def _inside_apposition(ch: _Chunk, ph: Phrase) -> bool:
    """True if the phrase is itself an apposition of an earlier name ("X, il ministro, Y")."""
    k = ph.start - 1
    if ch.is_article(k):
        k -= 1
    return k >= 0 and ch.low[k] == "," and k > 0 and ch.is_per(k - 1)


def _apposition(ch: _Chunk, phrases: dict[int, Phrase], a: int, b: int, m) -> list[tuple[Phrase, str]]:
    k = b
    if k >= ch.n or ch.toks[k].text not in (",", "("):
        return []
    opener = ch.toks[k].text
    k += 1
    # "X, 49 anni, ingegnere"
    if k + 2 < ch.n and ch.pos(k) == "NUM" and ch.low[k + 1] == "anni" and ch.low[k + 2] == ",":
        k += 3
    if k < ch.n and ch.low[k] in APPOINT_FORMS:
        k += 1
    has_article = False
    # "X, uno dei fondatori": not after a preposition ("insieme a Y, uno dei...": whose?)
    j = _skip_partitive(ch, k) if a == 0 or ch.pos(a - 1) != "ADP" else k
    if j == k and k < ch.n and ch.low[k] in ARTICLES:
        has_article = True
        j = _skip_adjs(ch, k + 1)
    k = j
    out: list[tuple[Phrase, str]] = []
    while True:
        ph = _phrase_starting(phrases, k)
        if ph is None:
            return out
        e = ph.end
        if e < ch.n and ch.is_per(e):
            return out  # the prefix of the next name
        if e + 1 < ch.n and ch.low[e] == "," and ch.is_per(e + 1):
            return out  # "X, il ministro, Y, ha detto": the role is Y's
        if not _is_boundary(ch, e) and not ch.time_at(e):  # "dal 2009 al 2013" ends it too
            return out
        if has_article and e < ch.n and ch.pos(e) in ("VERB", "AUX"):
            # "Per la morte di X, il sindaco di Napoli ha proclamato...": the phrase is
            # the subject of the next clause, not an apposition
            return out
        if opener == "(" and e < ch.n and ch.toks[e].text not in (")", ",", ";"):
            return out
        if e < ch.n and ch.low[e] in CONJ:
            # "X, il ministro e il premier" is a list: not an apposition
            nxt = e + 1
            if has_article and nxt < ch.n and (ch.low[nxt] in ARTICLES or ch.is_per(nxt)):
                return out
            if nxt < ch.n and ch.is_per(nxt):
                return out
            out.append((ph, m.id))
            nph = _phrase_starting(phrases, nxt)
            if nph is None:
                return out
            k = nxt
            has_article = False
            continue
        out.append((ph, m.id))
        return out


DASHES = {"-", "–", "—"}


def _bracketed(ch: _Chunk, phrases: dict[int, Phrase], a: int, b: int, m) -> list[tuple[Phrase, str]]:
    """"X - originario di Bari, laureato in legge ed ex sindaco della città - ha detto":
    the items of a parenthesis right after the name (between spaced dashes or brackets)
    that are role phrases, each opening an item (after the dash, a comma or "e") without an
    article and closing it. The parenthesis must be short, without a finite verb, a
    relative pronoun or another name."""
    if b >= ch.n or ch.low[b] not in DASHES | {"("} or ch.glued(b - 1):
        return []
    closer = {")"} if ch.low[b] == "(" else DASHES
    close = next((j for j in range(b + 1, min(ch.n, b + 30)) if ch.low[j] in closer), None)
    if close is None or close == b + 1:
        return []
    for j in range(b + 1, close):
        if ch.is_per(j) or ch.low[j] in RELATIVE or (
                ch.pos(j) in ("VERB", "AUX") and "Fin" in ch.toks[j].morph.get("VerbForm")):
            return []
    out = []
    for j in range(b + 1, close):
        if j > b + 1 and ch.low[j - 1] not in CONJ and ch.low[j - 1] != ",":
            continue
        ph = _phrase_starting(phrases, j)
        if ph is not None and ph.end <= close and (
                ph.end == close or ch.low[ph.end] in CONJ or ch.low[ph.end] == ","):
            out.append((ph, m.id))
    return out


def _phrase_starting(phrases: dict[int, Phrase], k: int) -> Phrase | None:
    best = None
    for ph in phrases.values():
        if ph.start == k and (best is None or ph.head < best.head):
            best = ph
    return best


def _skip_insertion(ch: _Chunk, k: int) -> int:
    """After a copula: step over ", insieme a Y," / ", secondo i giornali," (an inserted
    phrase opened by a preposition or an adverb, closed by a comma, without a verb)."""
    if k + 1 >= ch.n or ch.low[k] != "," or ch.pos(k + 1) not in ("ADP", "ADV"):
        return k
    j = k + 1
    while j < ch.n and j - k <= 8:
        if ch.low[j] == ",":
            return j + 1
        if ch.pos(j) in ("VERB", "AUX", "PUNCT") or ch.low[j] in RELATIVE:
            return k
        j += 1
    return k


def _skip_partitive(ch: _Chunk, k: int) -> int:
    """"uno dei (due) fondatori", "una delle prime giornaliste": the role is the plural
    noun after the partitive."""
    if k + 1 < ch.n and ch.low[k] in ("uno", "una", "un'") and ch.low[k + 1] in (
            "dei", "degli", "delle", "tra", "fra"):
        j = k + 2
        if ch.low[k + 1] in ("tra", "fra") and j < ch.n and ch.low[j] in ("i", "gli", "le"):
            j += 1
        if j < ch.n and (ch.toks[j].like_num or ch.pos(j) == "NUM"):
            j += 1
        j = _skip_adjs(ch, j)
        if j < ch.n and ch.head_at(j) is not None and ch.plural(j):
            return j
    return k


def _predicate(ch: _Chunk, phrases: dict[int, Phrase], a: int, b: int, m) -> list[tuple[Phrase, str]]:
    k = b
    # "La vittima, Reeva Steenkamp, era una modella": the name is itself an apposition
    if k < ch.n and ch.low[k] == "," and a > 0 and ch.low[a - 1] == ",":
        k += 1
    out: list[tuple[Phrase, str]] = []
    ph = _copula_role(ch, phrases, k)
    scan: int | None = None
    if ph is not None:
        out.append((ph, m.id))
        scan = ph.end
    elif k < ch.n and ch.pos(k) in ("AUX", "VERB") and "Fin" in ch.toks[k].morph.get("VerbForm"):
        scan = k + 1  # the name is the subject of the clause
    # "X ha giocato 130 partite, ed è stato capitano in 110", "X è deputato ed è stato
    # segretario del partito": a coordinated clause with the same subject
    while scan is not None and len(out) < 3:
        j = _coordinated_copula(ch, scan)
        ph = _copula_role(ch, phrases, j) if j is not None else None
        if ph is None:
            break
        out.append((ph, m.id))
        scan = ph.end
    return out


SUBORDINATORS = {"che", "cui", "quando", "mentre", "dove", "se", "perché", "poiché", "come",
                 "dopo", "prima", "finché", "benché", "sebbene", "quale", "quali"}


def _coordinated_copula(ch: _Chunk, k: int) -> int | None:
    """The copula of a clause "e/ed + copula" found from k on, coordinated with the clause
    of a name's predicate. None when the clause may have another subject: a name, a
    subordinate or relative clause, a colon or semicolon in between."""
    j = k
    while j + 1 < ch.n and j - k < 40:
        t = ch.toks[j]
        if ch.is_per(j) or ch.low[j] in SUBORDINATORS or t.pos_ == "SCONJ" \
                or t.text in (";", ":", ".", "!", "?", "«", "»", '"', "“", "”"):
            return None
        if ch.low[j] in CONJ and (ch.low[j + 1] in COPULA_FORMS or (
                ch.pos(j + 1) == "AUX" and ch.lemma[j + 1] == "essere")):
            return j + 1
        j += 1
    return None


def _copula_role(ch: _Chunk, phrases: dict[int, Phrase], k: int) -> Phrase | None:
    """The role phrase of "è (stato nominato) (il nuovo) ministro" with the copula at k."""
    seen_cop = False
    steps = 0
    while k < ch.n and steps < 6:
        lw = ch.low[k]
        t = ch.toks[k]
        if not seen_cop and (lw in COPULA_FORMS or (t.pos_ in ("AUX", "VERB") and ch.lemma[k] in COPULA_LEMMAS
                                                   and "Fin" in t.morph.get("VerbForm"))):
            seen_cop = True
        elif seen_cop and (lw in PAST_PART_BE or lw in APPOINT_FORMS
                           or (ch.lemma[k] in APPOINT_LEMMAS and "Part" in t.morph.get("VerbForm"))):
            pass
        elif lw in PRED_ADVERBS:
            pass
        else:
            break
        k += 1
        steps += 1
    if not seen_cop:
        return None
    # "X è stata, insieme a Y, una dei due giornalisti": an inserted clause
    k = _skip_insertion(ch, k)
    j = _skip_partitive(ch, k)
    if j == k and k < ch.n and ch.low[k] in ARTICLES:
        j = _skip_adjs(ch, k + 1)
    k = j
    ph = _phrase_starting(phrases, k)
    if ph is None or (ph.end < ch.n and ch.is_per(ph.end)):
        return None
    return ph
