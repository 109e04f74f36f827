"""Rule layer over the NER spans: fixes for what the statistical model keeps getting wrong.

One registry of rules (:data:`RULES`), each run at one stage on the (start, end,
label) spans of one article: before name propagation (``tui/nlp/ner/propagate.py``),
so that what it fixes never spreads, or after it. The lexicons come from the
training data only (``data/ner_common.tsv`` and ``data/ner_labels.tsv``, built by
``training/ner_rule_lexicons.py``). Each rule was kept because it raised micro F on
KIND WN_dev without lowering FIC_dev or ADG_dev (``training/evaluate.py``, windows
with propagation: WN 0.744 -> 0.758, FIC 0.700 -> 0.707, ADG 0.743 -> 0.754).
``benchmarks/ner_errors.py`` shows the errors; ``training/evaluate.py`` measures
the rules (KIND dev, 30-sentence windows).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tui.nlp.lang_it import NAME_TAIL_WORDS, ROLE_PLACE_PREPOSITIONS

Span = tuple[int, int, str]
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COMMON_FILE = DATA_DIR / "ner_common.tsv"
LABELS_FILE = DATA_DIR / "ner_labels.tsv"

#: how far back (characters) to look for the preposition before a person's name
PREPOSITION_LOOKBACK = 20
#: a person's name this many words long or more may start with a place
MIN_WORDS_PLACE_BEFORE_NAME = 3

_WORD = re.compile(r"\S+")


class Stage(StrEnum):
    """When a rule runs: before name propagation or after it."""

    BEFORE_PROPAGATION = "before propagation"
    AFTER_PROPAGATION = "after propagation"


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str, list[Span]], list[Span]]
    stage: Stage


#: every rule by name, in the order they run within their stage
RULES: dict[str, Rule] = {}


def rule(stage: Stage):
    """Register the decorated function (text, spans) -> spans as a rule of ``stage``."""
    def register(fn: Callable[[str, list[Span]], list[Span]]):
        RULES[fn.__name__] = Rule(fn.__name__, fn, stage)
        return fn
    return register


def rules_of(stage: Stage) -> tuple[str, ...]:
    """The names of the rules of ``stage``, in order."""
    return tuple(name for name, r in RULES.items() if r.stage == stage)


@functools.lru_cache(maxsize=1)
def lexicons() -> dict[str, dict[str, str]]:
    """{"common": {word: ""}, "label": {name: label}, "label1": {first word: label}}."""
    tables: dict[str, dict[str, str]] = {"common": {}, "label": {}, "label1": {}}
    for line in _lines(COMMON_FILE):
        tables["common"][line] = ""
    for line in _lines(LABELS_FILE):
        table, word, label = line.split("\t")
        tables.setdefault(table, {})[word] = label
    return tables


def _lines(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:  # a broken install: no rules rather than no analysis
        return []
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


def _words(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in _WORD.finditer(text[s:e])]


# --------------------------------------------------------------------------
# the rules: each takes (text, spans) and returns the new spans
# --------------------------------------------------------------------------

@rule(Stage.AFTER_PROPAGATION)
def hyphen_join(text: str, spans: list[Span]) -> list[Span]:
    """A place joined by a hyphen to a capitalised word is one place: "Roma-Viterbo",
    "Alsazia-Lorena", "Milano-Malpensa" (the tokenizer cuts them at the hyphen). Not
    for people and organisations: "l'incontro Lavrov-Rubio" names two people, and
    "Inter-Milan" two teams."""
    out: list[Span] = []
    n = len(text)
    for s, e, label in sorted(spans):
        if label != "LOC":
            if not (out and out[-1][2] == "LOC" and s >= out[-1][0] and e <= out[-1][1]):
                out.append((s, e, label))
            continue
        while e + 1 < n and text[e] == "-" and text[e + 1].isupper():
            k = e + 1
            while k < n and (text[k].isalnum() or text[k] in "'’"):
                k += 1
            e = k
        while s >= 2 and text[s - 1] == "-" and text[s - 2].isalnum():
            k = s - 1
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’"):
                k -= 1
            if not text[k].isupper():
                break
            s = k
        # the spans the name now covers go into it (a place with another label too:
        # "Roma-Lido" with "Lido" as a person)
        while out and s < out[-1][1]:
            ps, pe, _ = out.pop()
            s, e = min(ps, s), max(pe, e)
        out.append((s, e, label))
    return out


@rule(Stage.AFTER_PROPAGATION)
def trim_tail(text: str, spans: list[Span]) -> list[Span]:
    """A name never ends with a preposition, article or conjunction ("Consiglio del",
    "palazzo di"), nor with an opening bracket or quote ("Banca (", 'Banca "')."""
    out = []
    for s, e, label in spans:
        while True:
            while e > s and (text[e - 1].isspace() or text[e - 1] in "(«“\"-–,;:"):
                e -= 1
            ws = _words(text, s, e)
            if len(ws) > 1 and text[ws[-1][0]:ws[-1][1]] in NAME_TAIL_WORDS:
                e = ws[-2][1]
                continue
            break
        if e > s:
            out.append((s, e, label))
    return out


def _sentence_start(text: str, s: int) -> bool:
    k = s
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in "\"«“'‘-–—("):
        k -= 1
    return k == 0 or text[k - 1] in ".!?…:;"


@rule(Stage.AFTER_PROPAGATION)
def common_words(text: str, spans: list[Span]) -> list[Span]:
    """Ordinary words capitalised are not names ("Perché", "Cerco", "Francesi"): a span
    that is one goes; a span at a sentence start that starts with one loses it
    ("Effettivamente Merano" is "Merano")."""
    common = lexicons().get("common", {})
    # words of longer names in this text stay: "Ricotta" after "Gino Ricotta"
    in_names = {w for s, e, _ in spans for w in text[s:e].split()[1:]}
    out = []
    for s, e, label in spans:
        ws = _words(text, s, e)
        if len(ws) == 1:
            if text[s:e] in common and text[s:e] not in in_names:
                continue
        elif _sentence_start(text, s):
            while len(ws) > 1 and text[ws[0][0]:ws[0][1]] in common:
                ws = ws[1:]
        out.append((ws[0][0], e, label))
    return out


def _relabel(label: str, new: str | None) -> str:
    # person or not is a property of the name; place or organisation often depends on
    # the sentence ("l'Italia ha votato"), which the model sees and the lexicon does not
    if new and new != label and "PER" in (label, new):
        return new
    return label


@rule(Stage.AFTER_PROPAGATION)
def label_lexicon(text: str, spans: list[Span]) -> list[Span]:
    """A name the training data labels one way almost always gets that label, when the
    model made a person of it or it a person ("Merano", "Microsoft" as PER)."""
    names = lexicons().get("label", {})
    return [(s, e, _relabel(label, names.get(text[s:e]))) for s, e, label in spans]


@rule(Stage.AFTER_PROPAGATION)
def label_first_word(text: str, spans: list[Span]) -> list[Span]:
    """Likewise for a multi-word name by its first word, when the training data starts
    names of one kind with it almost always ("Giovanni", "Marco" PER; "Banca" ORG)."""
    names = lexicons().get("label", {})
    firsts = lexicons().get("label1", {})
    out = []
    for s, e, label in spans:
        ws = _words(text, s, e)
        if len(ws) > 1 and text[s:e] not in names:
            label = _relabel(label, firsts.get(text[ws[0][0]:ws[0][1]]))
        out.append((s, e, label))
    return out


@rule(Stage.BEFORE_PROPAGATION)
def join_first_names(text: str, spans: list[Span]) -> list[Span]:
    """A double first name is one person: the model sometimes ends a name after its first
    word ("Gian | Maria Volonté", "Anna | Maria Rossi"), and the first half would be a
    person of its own in the panel. A one-word person span followed, with only spaces
    between (no line break, no punctuation), by a two-word person span is one name when
    both start with a word the training data starts people's names with (``label1``)
    and the first word is not repeated ("Follini | Marco Follini"). Side by side, names
    are otherwise two people: headlines run into their sentence ("Donald Trump | Joe
    Biden", "Pantani | Vincenzo Nibali", "Francesco | Jorge Mario Bergoglio"), which is
    why the rule asks this much. Runs before name propagation, so that the first half
    is never looked for on its own."""
    firsts = lexicons().get("label1", {})
    out: list[Span] = []
    for s, e, label in sorted(spans):
        if out and label == "PER" and out[-1][2] == "PER":
            ps, pe, _ = out[-1]
            gap = text[pe:s]
            first, second = text[ps:pe].split(), text[s:e].split()
            if gap and gap.isspace() and "\n" not in gap and len(first) == 1 and len(second) == 2 \
                    and first[0] not in second and firsts.get(first[0]) == "PER" \
                    and firsts.get(second[0]) == "PER":
                out[-1] = (ps, e, "PER")
                continue
        out.append((s, e, label))
    return out


@rule(Stage.BEFORE_PROPAGATION)
def place_before_name(text: str, spans: list[Span]) -> list[Span]:
    """ "il sindaco di Valdimare Ettore Brancaleoni": the model glues the place that ends
    a role onto the name after it. A person's name of three words or more, right after
    a preposition, whose first word the text names elsewhere as a place or an
    organisation (or the training data nearly always does) is cut in two: that word
    keeps its own label, the rest is the person. Runs before name propagation, so that
    the place never spreads as a person."""
    names = lexicons().get("label", {})
    elsewhere = _non_person_words(text, spans)
    out: list[Span] = []
    for s, e, label in spans:
        ws = _words(text, s, e)
        if label != "PER" or len(ws) < MIN_WORDS_PLACE_BEFORE_NAME \
                or not all(text[a].isupper() for a, _ in ws):
            out.append((s, e, label))
            continue
        before = text[max(0, s - PREPOSITION_LOOKBACK):s].rstrip().rsplit(None, 1)
        prev = before[-1].lower().replace("’", "'") if before else ""
        first = text[ws[0][0]:ws[0][1]]
        other = elsewhere.get(first) or names.get(first)
        if prev not in ROLE_PLACE_PREPOSITIONS or other in (None, "PER"):
            out.append((s, e, label))
            continue
        out.append((ws[0][0], ws[0][1], other))
        out.append((ws[1][0], e, "PER"))
    return out


def _non_person_words(text: str, spans: list[Span]) -> dict[str, str]:
    """word -> label, for the words the text names as places or organisations: a span that
    is the word gives its label; a word inside a longer name is a place ("Lega Navale di
    Valdimare": "Valdimare")."""
    whole: dict[str, str] = {}
    inside: dict[str, str] = {}
    for s, e, label in spans:
        if label == "PER":
            continue
        ws = _words(text, s, e)
        if len(ws) == 1:
            whole.setdefault(text[s:e], label)
        else:
            for a, b in ws:
                inside.setdefault(text[a:b], "LOC")
    return inside | whole


def _run(text: str, spans: list[Span], names: tuple[str, ...]) -> list[Span]:
    out = sorted(set(spans))
    for name in names:
        out = sorted(set(RULES[name].apply(text, out)))
    return out


def before_propagation(text: str, spans: list[Span]) -> list[Span]:
    """The rules that must see the model's spans before name propagation spreads them."""
    return _run(text, spans, rules_of(Stage.BEFORE_PROPAGATION))


def apply_rules(text: str, spans: list[Span], rules: tuple[str, ...] | None = None) -> list[Span]:
    """Apply the rules (by default those that run after name propagation, in order)."""
    return _run(text, spans, rules_of(Stage.AFTER_PROPAGATION) if rules is None else rules)
