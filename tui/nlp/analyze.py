"""Turn text into Annotations with a spaCy pipeline.

Long texts are cut at paragraph breaks into chunks of at most CHUNK_CHARS
and run through ``nlp.pipe``; offsets are shifted back so they index the
whole text. Progress is reported per chunk, and the caller may cancel
between chunks. A long article streams: given ``partial``, the analysis hands
out the names of the chunks analysed so far (provisional highlights), each
stretch post-processed with only the text just before it.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

import numpy

from tui.document import Annotations, ModelInfo, Source
from tui.errors import Cancelled
from tui.nlp import roles
from tui.nlp.entities.build import build_entities
from tui.nlp.ner.mentions import make_mentions
from tui.nlp.ner.propagate import propagate
from tui.nlp.ner.rules import apply_rules, before_propagation
from tui.nlp.pipeline import model_id
from tui.nlp.quotes import attach_quotes

CHUNK_CHARS = 20_000
#: streaming (``partial``): an article longer than this hands out its names as they are
#: found, this many characters of new text at a time (the first chunks at once)
PARTIAL_CHARS = 40_000
#: the text before a stretch read with it for the provisional names (a name tagged there
#: spreads into the stretch): the post-processing of a stretch needs only its neighbourhood
CONTEXT_CHARS = 10_000
#: streaming: the first chunks go through the pipeline in a batch this small, so that the
#: first highlights come soon
FIRST_BATCH = 4
#: with several processes: chunks sent to a process at a time (small, so that the first
#: highlights come soon), and the fewest chunks per process worth starting one for
_PROCESS_BATCH = 16
_MIN_PIECES_PER_PROCESS = 32
#: the most characters one ``nlp.pipe`` batch holds: the pipeline's working memory is
#: about 20 KB a token while a batch is parsed, so 64 pieces of 20,000 characters
#: (a long article without paragraph breaks) took gigabytes; 64 paragraphs of news
#: (about 40,000 characters) are still one batch
BATCH_CHARS = 40_000


def batch_for(longest: int, most: int = 64) -> int:
    """How many pieces go into one batch when the longest has ``longest`` characters."""
    return max(1, min(most, BATCH_CHARS // max(1, longest)))
_EMPTY = numpy.zeros((0,), dtype="float32")

# labels of other pipelines (OntoNotes, WikiNER, …) onto ours
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}


def is_italian(lang: str) -> bool:
    """Whether the word lists, rules and role phrases (all Italian) apply to a pipeline of
    language ``lang`` (an empty code is the shipped Italian pipeline's)."""
    return (lang or "it").lower().split("_")[0].split("-")[0] == "it"


def post_process(text: str, tokens: list[tuple[int, int]],
                 raw: list[tuple[int, int, str]], lang: str = "it",
                 docs: list | None = None) -> list[tuple[int, int, str]]:
    """What the reader does to the model's (start, end, label) spans: the rules that must
    come first, name propagation over the text, the rule layer, then (given the parsed
    ``docs``, as ``[(doc, offset), ...]``) the span relabeller, which decides PER/LOC/ORG
    from the parse around each span. ``training/evaluate.py`` and
    ``benchmarks/ner_errors.py`` measure exactly this. For a pipeline of another language
    only the propagation runs, without the Italian word lists: the rules are Italian and
    would re-cut its names."""
    if not is_italian(lang):
        return propagate(text, tokens, raw, never_alone=frozenset())
    spans = apply_rules(text, propagate(text, tokens, before_propagation(text, raw)))
    if docs is not None:
        # spaCy's side: imported only when used, so the reader and cached exports never load it
        from tui.nlp.ner.relabel import relabel

        spans = relabel(text, spans, docs)
    return spans


def entity_components(nlp) -> list[str]:
    """The pipeline's components that set ``doc.ents`` (ner, entity_ruler, …)."""
    out = []
    for name in nlp.pipe_names:
        try:
            assigns = nlp.get_pipe_meta(name).assigns
        except Exception:  # noqa: BLE001 - a component without registered meta
            assigns = []
        if "doc.ents" in assigns or "token.ent_iob" in assigns or name in ("ner", "entity_ruler"):
            out.append(name)
    return out


def ner_warning(nlp) -> str | None:
    """A line for the user when the pipeline finds no entities at all (no NER component)."""
    if entity_components(nlp):
        return None
    name, version, _lang = model_id(nlp)
    parts = ", ".join(nlp.pipe_names) or "none"
    return (f"the pipeline {name} {version} has no named-entity component (its components: "
            f"{parts}): no names will be found")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into (start, end) pieces: one per non-blank line (paragraph),
    long lines cut further at sentence or word breaks. Entities and sentences
    never cross a line break, as in the news text the pipeline learnt from."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end:
            stop = min(end, start + size)
            if stop < end:
                window = text[start + size // 2 : stop]
                for sep in (". ", "; ", ", ", " "):
                    k = window.rfind(sep)
                    if k >= 0:
                        stop = start + size // 2 + k + len(sep)
                        break
            out.append((start, stop))
            start = stop
    return out


#: a run this long of punctuation or symbols (">>>>", "&&&&", "<><>", "____") is no word
#: and holds no name: the tokenizer, which strips such characters one at a time off a
#: word's ends and searches the rest again each time, would spend quadratic time on it
RUN_CHARS = 16
_RUN = re.compile(rf"(?:[^\w\s]|_){{{RUN_CHARS},}}")


def mask_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every run of RUN_CHARS or more punctuation characters blanked out
    (spaces of the same length, so every offset stays exact), and the (start, end) of
    each run, which stands as one token of the article."""
    runs = [m.span() for m in _RUN.finditer(text)]
    if not runs:
        return text, runs
    parts, pos = [], 0
    for s, e in runs:
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts), runs


class _Builder:
    """Gathers one article's processed pieces, then builds its Annotations."""

    def __init__(self, text: str, model: ModelInfo, source: Source | None,
                 runs: list[tuple[int, int]] | None = None) -> None:
        self.ann = Annotations(text=text, source=source or Source(), model=model)
        self.raw: list[tuple[int, int, str]] = []
        self.docs: list = []
        self.runs = runs or []

    def feed(self, doc, off: int) -> None:
        ann = self.ann
        for tok in doc:
            if not tok.is_space:
                ann.tokens.append((off + tok.idx, off + tok.idx + len(tok.text)))
        for s, e in _sentences(doc):
            ann.sentences.append((off + s, off + e))
        for ent in doc.ents:
            label = LABEL_MAP.get(ent.label_)
            if label:
                self.raw.append((off + ent.start_char, off + ent.end_char, label))
        # the roles need tokens, tags and the parse, not the tok2vec output:
        # dropping it keeps a long article's memory down (~80 MB a megabyte)
        doc.tensor = _EMPTY
        self.docs.append((doc, off))

    def provisional(self, lo: int, new: int, hi: int) -> list[tuple[int, int, str]]:
        """The (start, end, label) of the names in ``text[new:hi]`` (chunks fed already),
        post-processed over ``text[lo:hi]`` only, without the span relabeller and the
        entities: what the reader shows while the rest of a long article is analysed.
        The work is proportional to ``hi - lo``, not to the text so far."""
        ann = self.ann
        text = ann.text[lo:hi]
        toks = ann.tokens   # fed in text order: sorted
        tokens = [(s - lo, e - lo) for s, e in toks[bisect_left(toks, (lo,)):bisect_left(toks, (hi,))]]
        raw = [(s - lo, e - lo, label)
               for s, e, label in self.raw[bisect_left(self.raw, (lo,)):bisect_left(self.raw, (hi,))]
               if e <= hi]
        lang = ann.model.lang
        spans = post_process(text, tokens, raw, lang)
        return [(m.start + lo, m.end + lo, m.label)
                for m in make_mentions(text, spans, italian=is_italian(lang)) if m.start + lo >= new]

    def finish(self) -> Annotations:
        ann = self.ann
        if self.runs:  # the blanked runs of punctuation, one token each
            ann.tokens = sorted(ann.tokens + self.runs)
        italian = is_italian(ann.model.lang)
        # the relabeller reads the parse around each span: only for a pipeline that parses
        parsed = self.docs if self.docs and all(d.has_annotation("DEP") for d, _off in self.docs) \
            else None
        spans = post_process(ann.text, ann.tokens, self.raw, ann.model.lang, docs=parsed)
        ann.mentions = make_mentions(ann.text, spans, italian=italian)
        ann.entities = build_entities(ann.mentions, ann.text)
        if italian:
            _group_places(ann)
        if italian:  # the role phrases and quotations are read with Italian rules only
            for doc, off in self.docs:
                roles.attach_roles(doc, off, ann)
            attach_quotes(self.docs, ann)
        self.docs = []
        return ann


# the kinds of place a reader looks for under Places whatever the text makes of them
PLACE_GROUPS = frozenset({"country", "area"})


def _group_places(ann: Annotations) -> None:
    """A country or a continent tagged ORG (a political actor, as KIND tags "la Russia ha
    deciso") is listed under Places; its label and its mentions' labels stay."""
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from tui.nlp.ner.relabel import place_kind

    for e in ann.entities:
        if e.label == "ORG" and any(place_kind(v) in PLACE_GROUPS for v in e.variants):
            e.group = "LOC"


def analyse(
    text: str,
    nlp,
    source: Source | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    n_process: int = 1,
    partial: Callable[[list[tuple[int, int, str]]], None] | None = None,
) -> Annotations:
    """Run the pipeline over ``text`` and build the article's annotations; with
    ``n_process`` > 1 the chunks are analysed in that many processes (a long article),
    still reported and handed back one by one in order. ``partial``: for an article
    longer than PARTIAL_CHARS, called with the (start, end, label) of the names found so
    far, stretch by stretch in text order (see :meth:`_Builder.provisional`)."""
    masked, runs = mask_runs(text)
    builder = _Builder(text, ModelInfo(*model_id(nlp)), source, runs)
    pieces = chunks(masked)
    total = len(pieces)
    if progress:
        progress(0, total)
    texts = (masked[s:e] for s, e in pieces)
    n_process = max(1, min(n_process, total // _MIN_PIECES_PER_PROCESS))
    batch = batch_for(max((e - s for s, e in pieces), default=1),
                      64 if n_process == 1 else _PROCESS_BATCH)
    if partial is not None and len(text) <= PARTIAL_CHARS:
        partial = None   # a short article is analysed in a moment: no streaming
    if partial is not None and n_process == 1 and total > FIRST_BATCH:
        # the first chunks in a small batch: their names show while the rest is analysed
        docs = itertools.chain(nlp.pipe(itertools.islice(texts, FIRST_BATCH), batch_size=FIRST_BATCH),
                               nlp.pipe(texts, batch_size=batch))
    else:
        docs = nlp.pipe(texts, batch_size=batch, n_process=n_process)
    handed = 0   # the text up to here has had its provisional names handed out
    try:
        for i, (doc, (off, end)) in enumerate(zip(docs, pieces, strict=True)):
            builder.feed(doc, off)
            if partial is not None and i + 1 < total and (i + 1 == FIRST_BATCH or end - handed >= PARTIAL_CHARS):
                partial(builder.provisional(max(0, handed - CONTEXT_CHARS), handed, end))
                handed = end
            if progress:
                progress(i + 1, total)
            if cancelled and cancelled():
                raise Cancelled
    finally:
        close = getattr(docs, "close", None)
        if close:  # stops the other processes at once on a cancel
            close()
    return builder.finish()


def analyse_batch(
    items: Iterable[tuple[str, Source | None]],
    nlp,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[Annotations]:
    """Analyse many articles in one stream through ``nlp.pipe`` (optionally in
    ``n_process`` processes), yielding each article's Annotations in order."""
    model = ModelInfo(*model_id(nlp))
    items = list(items)
    runs: dict[int, list[tuple[int, int]]] = {}
    masked = [mask_runs(text) for text, _source in items]
    pieces = [chunks(m) for m, _runs in masked]
    batch_size = batch_for(max((e - s for ps in pieces for s, e in ps), default=1), batch_size)

    def stream():
        for k, ((text, runs[k]), ps) in enumerate(zip(masked, pieces, strict=True)):
            masked[k] = None   # each article's masked text is let go once it is read
            for s, e in ps:
                yield text[s:e], (k, s)

    builders: dict[int, _Builder] = {}
    next_out = 0
    for doc, (k, off) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        # every piece of the articles before k has been seen: they are complete
        while next_out < k:
            yield _finish(builders.pop(next_out, None), items[next_out], model, runs.pop(next_out, None))
            next_out += 1
        b = builders.get(k)
        if b is None:
            b = builders[k] = _Builder(items[k][0], model, items[k][1], runs.get(k))
        b.feed(doc, off)
    while next_out < len(items):
        yield _finish(builders.pop(next_out, None), items[next_out], model, runs.pop(next_out, None))
        next_out += 1


def _finish(builder: _Builder | None, item: tuple[str, Source | None], model: ModelInfo,
            runs: list[tuple[int, int]] | None = None) -> Annotations:
    if builder is None:  # an article with no text to analyse (or only runs of punctuation)
        builder = _Builder(item[0], model, item[1], runs)
    return builder.finish()


def _sentences(doc) -> Iterator[tuple[int, int]]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        for s in doc.sents:
            text = s.text
            lead = len(text) - len(text.lstrip())
            body = text.strip()
            if body:
                yield (s.start_char + lead, s.start_char + lead + len(body))
    elif doc.text.strip():
        yield (0, len(doc.text))

