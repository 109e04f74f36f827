"""``conll``: CoNLL-2003 style NER, IOB2 tags.

The article opens with the document line ``-DOCSTART- -X- O O`` and a blank
line (as CoNLL-2003 does, in the form ``spacy convert`` looks for), so files
put together keep their articles apart; then one token per line,
``token<TAB>tag`` (``B-PER``, ``I-PER``, ``O`` …), a blank line between sentences. Tokens are the pipeline's, cut at every
mention boundary so tags are exact; whitespace is dropped, so the tokens in
order are the text's non-space characters. Readers: spaCy's
``spacy convert -c ner``, seqeval, most NER training scripts. Mentions never
overlap (the document model checks it), so every one is written; a sentence
is never cut inside a mention.
"""

from __future__ import annotations

import bisect

from tui.document import Annotations
from tui.export.common import sentence_breaks, split_tokens


def tagged_sentences(ann: Annotations) -> list[list[tuple[str, str]]]:
    toks = split_tokens(ann)
    breaks = sentence_breaks(ann, toks)
    tags = ["O"] * len(toks)
    starts = [s for s, _ in toks]
    for m in sorted(ann.mentions, key=lambda m: m.start):
        i = bisect.bisect_left(starts, m.start)
        first = True
        while i < len(toks) and toks[i][0] < m.end:
            tags[i] = ("B-" if first else "I-") + m.label
            first = False
            i += 1
    sents: list[list[tuple[str, str]]] = []
    for (s, e), tag, brk in zip(toks, tags, breaks, strict=True):
        # a sentence never starts inside a mention (one that crosses a line break)
        if (brk and not tag.startswith("I-")) or not sents:
            sents.append([])
        sents[-1].append((ann.text[s:e], tag))
    return sents


#: the line that starts a document (spaCy's ``conll_ner_to_docs`` splits on it)
DOCSTART = "-DOCSTART- -X- O O"


def dumps(ann: Annotations) -> str:
    body = "\n".join("".join(f"{tok}\t{tag}\n" for tok, tag in sent)
                     for sent in tagged_sentences(ann))
    return f"{DOCSTART}\n\n{body}"


