"""Who said it: the person entity a cue attributes a quotation to.

The subject of the cue verb (through auxiliaries, coordinated and infinitive verbs, a
relative pronoun's antecedent, "da X" of a passive), "secondo X", or a name right
after an inverted cue ("», ha detto Rossi"). A subject that is a name of a person is
that person; a role noun with a person's name beside it ("il presidente Mario Draghi")
is that person; a definite role noun alone ("il ministro") is the last person the
article gave that role; a personal pronoun or no subject at all (Italian drops it) is
the last speaker, or the last person named just before, when there is one. An
organisation, a place, an indefinite or unnamed speaker ("un portavoce", "la
polizia"), or a plural subject is no person: None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tui.document import Annotations, Mention
from tui.nlp.lang_it import (
    QUOTE_OFFICES,
    QUOTE_PERSON_PRONOUNS,
    QUOTE_ROLE_SYNONYMS,
    ROLE_ARTICLES,
    ROLE_POSSESSIVES,
)
from tui.nlp.lexicon import EntryKind, Lexicon, norm

PER = "PER"
#: How far back (characters) a dropped subject or a pronoun may find its person.
CONTEXT_CHARS = 700
_INDEFINITE = frozenset({"un", "uno", "una", "un'", "alcuni", "alcune", "diversi", "diverse",
                         "molti", "molte", "vari", "varie", "certi", "qualche", "nessun",
                         "nessuno", "tanti"})


@dataclass
class Context:
    """What the article has said so far: the last speaker and the people named."""

    ann: Annotations
    lex: Lexicon
    last_speaker: str | None = None
    last_speaker_at: int = -1
    # (offset, entity id) of the PER mentions seen, in text order
    people: list[tuple[int, str]] = field(default_factory=list)

    def recent_person(self, before: int) -> str | None:
        """The last speaker or, failing one, the last person named, within CONTEXT_CHARS."""
        if self.last_speaker and before - self.last_speaker_at <= CONTEXT_CHARS:
            return self.last_speaker
        for at, eid in reversed(self.people):
            if at < before:
                return eid if before - at <= CONTEXT_CHARS else None
        return None

    def role_fallback(self, word: str, before: int) -> str | None:
        """"il tecnico" when nobody has that very role: the person just spoken of, unless
        the article gave them another office ("il ministro" is not the president of the
        magistrates' association just quoted)."""
        named = self.last_named(before)
        spoke = self.last_speaker if self.last_speaker and \
            before - self.last_speaker_at <= CONTEXT_CHARS else None
        candidates = [e for e in dict.fromkeys((named, spoke)) if e]
        roles = self._people_roles()

        def fits(eid: str) -> bool:  # "il tecnico" of an "allenatore"
            heads = roles.get(eid, (set(), set()))[1]
            return word in heads or bool(heads & QUOTE_ROLE_SYNONYMS.get(word, frozenset())) \
                or any(word in QUOTE_ROLE_SYNONYMS.get(h, ()) for h in heads)

        for eid in candidates:
            if fits(eid):
                return eid
        for eid in candidates:
            heads = roles.get(eid, (set(), set()))[1]
            if not (word in QUOTE_OFFICES and heads & QUOTE_OFFICES):
                return eid
        return None

    def last_named(self, before: int) -> str | None:
        """The last person named (outside quotation marks) within CONTEXT_CHARS."""
        for at, eid in reversed(self.people):
            if at < before:
                return eid if before - at <= CONTEXT_CHARS else None
        return None

    def with_role(self, word: str, before: int, form: str = "") -> str | None:
        """The person the article last named among those with role ``word`` ("ministro");
        those whose role phrase has the very ``form`` the text uses ("il ministro", not
        "la ministra") first."""
        roles = self._people_roles()
        exact = [eid for eid, (words, _heads) in roles.items() if form and form in words]
        return self._last_named(exact, before) or self._last_named(
            [eid for eid, (_words, heads) in roles.items() if word in heads], before)

    def _people_roles(self) -> dict[str, tuple[set[str], set[str]]]:
        """Each person with roles: the words of their role phrases and the role entries
        they are built on (worked out once per article: the roles are set before)."""
        cached = self.__dict__.get("_roles")
        if cached is None:
            cached = {}
            for e in self.ann.entities:
                if e.label != PER or not e.roles:
                    continue
                words: set[str] = set()
                heads: set[str] = set()
                for r in e.roles:
                    words |= set(norm(r.text).replace("-", " ").split())
                    heads |= _role_heads(r.text, self.lex)
                cached[e.id] = (words, heads)
            self.__dict__["_roles"] = cached
        return cached

    def _last_named(self, entities, before: int) -> str | None:
        best, best_at = None, -1
        for eid in entities:
            for m in self.ann.mentions_of(eid):
                if m.start < before and m.start > best_at:
                    best, best_at = eid, m.start
        return best


def _role_heads(role: str, lex: Lexicon) -> set[str]:
    """The role entries the phrase is built on ("primo ministro britannico" -> primo,
    ministro; "ministra della Salute" -> ministro)."""
    out = set()
    for w in norm(role).replace("-", " ").split():
        for entry in lex.entries.get(w, ()):
            if entry.kind == EntryKind.ROLE:
                out.add(entry.words[0])
    return out


class Speakers:
    """Speaker resolution over one parsed chunk (``doc`` starting at ``offset``)."""

    def __init__(self, doc, offset: int, ctx: Context, mention_of: list[Mention | None],
                 quoted: Callable[[int], bool] = lambda i: False):
        self.doc = doc
        self.quoted = quoted  # whether token i is inside quotation marks
        self.offset = offset
        self.ctx = ctx
        self.mention_of = mention_of

    def person_at(self, i: int) -> str | None:
        m = self.mention_of[i]
        return m.entity if m is not None and m.label == PER else None

    def labelled(self, i: int) -> bool:
        return self.mention_of[i] is not None

    # -- the cue verb's subject --------------------------------------------------------
    def of_verb(self, v, depth: int = 0) -> tuple[bool, str | None]:
        """(found, speaker) for the cue verb ``v``: found is False when the parse gives
        no subject, and the caller may look elsewhere (a name after the verb)."""
        subjects = [c for c in v.children if (c.dep_ == "nsubj" or (
            c.dep_.startswith("nsubj:") and c.dep_ != "nsubj:pass"))
            and not self.quoted(c.i) and not any(k.dep_ == "case" for k in c.children)]
        # a name among several subjects ("il primo ministro Rishi Sunak" read as two)
        subj = next((c for c in subjects if self.person_at(c.i)), subjects[0] if subjects else None)
        if subj is None:
            for c in v.children:
                if c.dep_ == "obl:agent" or (c.dep_ == "obl" and any(
                        k.dep_ == "case" and k.text.lower() == "da" for k in c.children)
                        and any(a.dep_ == "aux:pass" for a in v.children)):
                    subj = c
                    break
        if subj is None:
            h = v.head
            if v.dep_ in ("conj", "xcomp") and h.i != v.i and h.i < v.i and depth < 3 \
                    and h.pos_ in ("VERB", "AUX") and not self.quoted(h.i):
                return self.of_verb(h, depth + 1)
            if v.dep_ == "acl:relcl" and h.i != v.i and not self.quoted(h.i):
                return True, self.of_noun(h)
            return False, None
        if subj.text.lower() in ("che", "il quale", "la quale", "cui") and v.dep_ == "acl:relcl":
            return True, self.of_noun(v.head)
        return True, self.of_noun(subj)

    def dropped(self, v) -> str | None:
        """The speaker of a cue with no subject: singular, the person just spoken of."""
        if "Plur" in v.morph.get("Number") or any(
                "Plur" in a.morph.get("Number") for a in v.children if a.dep_.startswith("aux")):
            return None
        if any(c.text.lower() == "si" and c.dep_.startswith("expl") for c in v.children):
            return None  # "si dice che": impersonal
        return self.ctx.recent_person(self.offset + v.idx)

    # -- a noun phrase -------------------------------------------------------------
    def of_noun(self, t) -> str | None:
        person = self.person_at(t.i)
        if person:
            return person
        if self.labelled(t.i):
            return None  # an organisation, a place
        for c in t.children:  # "il presidente Mario Draghi", "il ministro, Lavrov"
            if c.dep_ in ("nmod", "appos", "flat", "flat:name", "compound") and self.person_at(c.i):
                if c.dep_ != "nmod" or not any(k.dep_ == "case" for k in c.children):
                    return self.person_at(c.i)
        after = self.name_after(t)
        if after:
            return after
        if t.pos_ == "PRON":
            if t.text.lower() in QUOTE_PERSON_PRONOUNS:
                return self.ctx.recent_person(self.offset + t.idx)
            return None
        det = [c for c in t.children if c.dep_ == "det"]
        # a role noun, whatever its tag ("lo chef" tagged VERB)
        if (t.pos_ in ("NOUN", "PROPN", "ADJ", "X") or det) and "Plur" not in t.morph.get("Number"):
            if any(norm(d.text) in _INDEFINITE for d in det):
                return None
            if any(norm(c.text) in ROLE_POSSESSIVES for c in t.children):
                return None  # "il suo medico": someone of the person's, not the person
            word = self.role_word(t)
            if not word and det and any(norm(d.text) in ROLE_ARTICLES for d in det) and \
                    self._nationality(t):
                return self.ctx.recent_person(self.offset + t.idx)  # "il cinese", "lo sloveno"
            if word and (not det or any(norm(d.text) in ROLE_ARTICLES for d in det)):
                # the last person with that role; else ("il tecnico" of an "allenatore")
                # the person just spoken of
                at = self.offset + t.idx
                return self.ctx.with_role(word, at, norm(t.text)) or self.ctx.role_fallback(word, at)
        return None

    def name_after(self, t) -> str | None:
        """A person named right after a role noun, in its phrase ("il primo ministro
        britannico Rishi Sunak", "la presidente del Parlamento Roberta Metsola")."""
        if not self.role_word(t):
            return None
        for k in range(t.i + 1, min(len(self.doc), t.i + 8)):
            tok = self.doc[k]
            if self.person_at(k):
                prev = self.doc[k - 1]
                return None if prev.pos_ == "ADP" else self.person_at(k)
            if (tok.pos_ == "PUNCT" and tok.text != ",") or tok.pos_ in ("VERB", "AUX", "SCONJ", "PRON"):
                return None
        return None

    def _nationality(self, t) -> bool:
        """``t`` is a nationality word of the places lexicon ("cinese", "belga")."""
        for place in self.ctx.lex.places.get(norm(t.text), ()):
            if len(place.words) == 1 and not place.name:
                return True
        return False

    def role_word(self, t) -> str:
        """The role entry ``t`` is ("ministro", "premier"), or ""."""
        for key in (norm(t.text), norm(t.lemma_ or t.text)):
            for entry in self.ctx.lex.entries.get(key, ()):
                if entry.kind == EntryKind.ROLE and len(entry.words) >= 1:
                    return entry.words[0]
        return ""

    def after(self, i: int, stop: int) -> str | None:
        """A person named right after token i (an inverted cue: "ha detto Rossi", "spiega
        il ministro"), before ``stop``, or None."""
        for k in range(i + 1, min(stop, i + 6)):
            t = self.doc[k]
            if t.pos_ == "PUNCT" and t.text not in ("'", "’"):
                return None
            if self.person_at(k):
                return self.person_at(k)
            if t.pos_ in ("NOUN",) and self.role_word(t):
                for j in range(k + 1, min(stop, k + 5)):
                    if self.person_at(j):
                        return self.person_at(j)
                    if self.doc[j].pos_ == "PUNCT":
                        break
                return self.of_noun(t)
        return None
