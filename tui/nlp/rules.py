"""Rule layer over the NER spans: fixes for what the statistical model keeps getting wrong.

Run after name propagation (``tui/nlp/propagate.py``) on the (start, end, label)
spans of one article. The lexicons come from the training data only
(``data/ner_common.tsv`` and ``data/ner_labels.tsv``, built by
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
from pathlib import Path

Span = tuple[int, int, str]
COMMON_FILE = Path(__file__).with_name("data") / "ner_common.tsv"
LABELS_FILE = Path(__file__).with_name("data") / "ner_labels.tsv"

_FUNCTION_TAIL = frozenset("""
di del della dello dei degli delle dell' d' da dal dalla dallo dai dagli dalle dall'
a al alla allo ai agli alle all' in nel nella nello nei negli nelle nell' su sul sulla
con per tra fra e ed o il lo la i gli le l' un una uno un' of the and de des du
""".split())
_WORD = re.compile(r"\S+")


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


def trim_tail(text: str, spans: list[Span]) -> list[Span]:
    """A name never ends with a preposition, article or conjunction ("Consiglio del",
    "palazzo di"), nor with an opening bracket or quote ("Banca (", 'Banca "')."""
    out = []
    for s, e, label in spans:
        while True:
            while e > s and (text[e - 1].isspace() or text[e - 1] in "(«“\"-–,;:"):
                e -= 1
            ws = _words(text, s, e)
            if len(ws) > 1 and text[ws[-1][0]:ws[-1][1]] in _FUNCTION_TAIL:
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


def label_lexicon(text: str, spans: list[Span]) -> list[Span]:
    """A name the training data labels one way almost always gets that label, when the
    model made a person of it or it a person ("Merano", "Microsoft" as PER)."""
    names = lexicons().get("label", {})
    return [(s, e, _relabel(label, names.get(text[s:e]))) for s, e, label in spans]


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


_PREP_BEFORE = frozenset("di del della dello dei degli delle dell' d' da a in per".split())


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
        if label != "PER" or len(ws) < 3 or not all(text[a].isupper() for a, _ in ws):
            out.append((s, e, label))
            continue
        before = text[max(0, s - 20):s].rstrip().rsplit(None, 1)
        prev = before[-1].lower().replace("’", "'") if before else ""
        first = text[ws[0][0]:ws[0][1]]
        other = elsewhere.get(first) or names.get(first)
        if prev not in _PREP_BEFORE or other in (None, "PER"):
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


RULES: dict[str, Callable[[str, list[Span]], list[Span]]] = {
    "hyphen_join": hyphen_join,
    "trim_tail": trim_tail,
    "common_words": common_words,
    "label_lexicon": label_lexicon,
    "label_first_word": label_first_word,
}
ACTIVE = tuple(RULES)
PRE_RULES: dict[str, Callable[[str, list[Span]], list[Span]]] = {
    "place_before_name": place_before_name,
}


BEFORE_PROPAGATION = ("place_before_name",)


def before_propagation(text: str, spans: list[Span]) -> list[Span]:
    """The rules that must see the model's spans before name propagation spreads them."""
    out = sorted(set(spans))
    for name in BEFORE_PROPAGATION:
        out = sorted(set(PRE_RULES[name](text, out)))
    return out


def apply_rules(text: str, tokens: list[tuple[int, int]] | None, spans: list[Span],
                rules: tuple[str, ...] | None = None) -> list[Span]:
    """Apply the rules (by default the ``ACTIVE`` ones, in order) to the spans."""
    out = sorted(set(spans))
    for name in ACTIVE if rules is None else rules:
        out = sorted(set(RULES[name](text, out)))
    return out
