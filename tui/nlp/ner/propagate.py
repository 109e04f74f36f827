"""Name propagation: what the text says once about a name holds for the whole article.

The statistical NER sees one paragraph at a time and misses names it has
tagged elsewhere ("Gbagbo" tagged in one paragraph, not in the next), or
gives the same name different labels. Over the whole article this pass

1. labels every unlabelled occurrence of a name already tagged as a person
   (the full name, or one of its capitalised words of 3+ letters: the surname
   "Lavrov" of "Serghei Lavrov"), and of organisation and place names tagged
   at least twice;
2. gives every occurrence of one exact string the label it has most often.

Only capitalised, whole-token occurrences are added, never inside a longer
span; nothing is removed. Words that are also common sentence-initial words
are skipped. On KIND WN_dev this moves the NER figures (see training/README.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict

from tui.nlp.lang_it import NEVER_NAMES_ALONE

#: a capitalised word of a person's name this long or more is looked for on its own
MIN_NAME_WORD_LETTERS = 3
#: an organisation or place name is looked for when the model tagged it this many times
MIN_TAGGED_OTHER = 2
#: spans before a candidate checked for an overlap (spans of one text seldom nest deeper)
OVERLAP_LOOKBACK = 3

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def propagate(text: str, tokens: list[tuple[int, int]],
              raw: list[tuple[int, int, str]],
              never_alone: frozenset[str] | set[str] = NEVER_NAMES_ALONE) -> list[tuple[int, int, str]]:
    """Return ``raw`` (start, end, label) spans plus the propagated ones, relabelled by majority.
    ``never_alone``: words never looked for on their own (Italian ones by default; a
    pipeline of another language passes an empty set).

    Long because its passes (collect the names, find them again in the text, relabel by
    majority) share the same indexes."""
    if not raw:
        return raw
    raw = sorted(set(raw))
    counts: dict[str, Counter] = defaultdict(Counter)
    for s, e, label in raw:
        counts[text[s:e]][label] += 1
    # 2. one label per exact string: the most frequent (ties: PER, then the first seen)
    best = {}
    for name, c in counts.items():
        top = max(c.values())
        winners = [lab for lab, n in c.items() if n == top]
        best[name] = "PER" if "PER" in winners else winners[0]
    spans = [(s, e, best[text[s:e]]) for s, e, _ in raw]

    # 1. what to look for: person names and their capitalised words; other names seen twice
    wanted: dict[str, str] = {}
    for name, c in counts.items():
        label = best[name]
        if label == "PER":
            wanted.setdefault(name, "PER")
            for w in name.split():
                w = w.strip(".,;:'’")
                if len(w) >= MIN_NAME_WORD_LETTERS and w[:1].isupper() and w not in never_alone:
                    wanted.setdefault(w, "PER")
        elif sum(c.values()) >= MIN_TAGGED_OTHER and name not in never_alone:
            wanted.setdefault(name, label)
    if not wanted:
        return spans
    starts = {s for s, _ in tokens}
    ends = {e for _, e in tokens}
    taken = sorted((s, e) for s, e, _ in spans)
    taken_starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        i = bisect_left(taken_starts, e)
        return not any(taken[j][1] > s for j in range(max(0, i - OVERLAP_LOOKBACK), i))

    added = []
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in wanted:
        by_first[name.split()[0]].append(name)
    for names in by_first.values():
        names.sort(key=len, reverse=True)
    for m in _WORD.finditer(text):
        first = m.group().rstrip(".")
        for name in by_first.get(first, ()):
            s, e = m.start(), m.start() + len(name)
            if text[s:e] != name or s not in starts or e not in ends:
                continue
            if free(s, e):
                added.append((s, e, wanted[name]))
                k = bisect_left(taken_starts, s)
                taken.insert(k, (s, e))
                taken_starts.insert(k, s)
            break
    return sorted(spans + added)
