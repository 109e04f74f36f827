"""Analysing articles: pipeline + cache. The reader, the CLI, the exports and the library call it.

It finds an analysis in the cache, or runs the pipeline and caches the result,
and always hands back the analysis as the user sees it: with the article's
source and the user's corrections replayed. A cached analysis is found without
loading spaCy when the pipeline's name and version can be read from its
``meta.json`` (the shipped pipeline and any pipeline given by path), so a second
open costs no model load.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator

from tui.core.editing import apply_all
from tui.document import Annotations, Source
from tui.errors import Cancelled, ModelError
from tui.provenance import analysis_fingerprint, peek_id
from tui.store import cache

__all__ = ["Cancelled", "ModelError", "analyse_many", "analyse_text", "cached", "check_model",
           "cores", "lexicon_problems", "ner_warning", "processes_for"]


def _pipeline():
    """``tui.nlp.pipeline``, imported when an analysis is run: a cached article is opened
    without importing any language code (the reader's test checks it)."""
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from tui.nlp import pipeline

    return pipeline

# one pipeline, several threads (reader, library): run one analysis at a time
_nlp_lock = threading.Lock()


def _key(name: str, version: str, build: str) -> cache.Key:
    return cache.Key(name, version, build, analysis_fingerprint())


def _loaded_key(nlp) -> cache.Key:
    pipeline = _pipeline()
    name, version, _lang = pipeline.model_id(nlp)
    return _key(name, version, pipeline.model_build(nlp))


#: an article this long may be analysed on every core (up to four), its chunks spread
#: over the processes; shorter ones are not worth starting a process for
LONG_TEXT_CHARS = 100_000
#: off by default: on the project's 2-core machine, loaded by others, two processes took
#: 1.6-1.8x the time of one for a 138,000-character article (the parsed chunks cross
#: between the processes as bytes, and the first process still reads every one)
AUTO_PROCESSES = False


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def processes_for(chars: int) -> int:
    """How many processes analyse one article of ``chars`` characters."""
    return min(4, cores()) if AUTO_PROCESSES and chars >= LONG_TEXT_CHARS else 1


def check_model(model: str | None) -> None:
    """Fail early, with a one-line reason (ModelError), on a pipeline that cannot be used.

    A pipeline folder whose ``meta.json`` reads is taken as found without loading spaCy
    (a cached article then costs no model load); any other name is loaded now."""
    if peek_id(model) is None:
        _pipeline().load(model)


def cached(text: str, source: Source, model: str | None = None) -> Annotations | None:
    """The cached analysis of ``text``, if the pipeline can be identified without
    loading it (see ``tui.provenance.peek_id``) and the cache has a sound entry."""
    ident = peek_id(model)
    if ident is None:
        return None
    name, version, _lang, build = ident
    ann = cache.load(text, _key(name, version, build))
    return _for_source(ann, source) if ann is not None else None


def _for_source(ann: Annotations, source: Source) -> Annotations:
    """The analysis as this article shows it: its source, the user's rules
    (``store.rules``) and then its corrections replayed. What the user should be
    told (corrections that no longer apply, a damaged file set aside, a bad rule
    line) is in the result's ``notices``; the analysis before them in ``original``."""
    ann.source = source
    return apply_all(ann)


def analyse_text(
    text: str,
    source: Source,
    model: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = True,
    partial: Callable[[list[tuple[int, int, str]]], None] | None = None,
) -> tuple[Annotations, bool]:
    """Return (annotations, came_from_cache). Raises ModelError. ``partial``: a long
    article's provisional names, (start, end, label), handed out as its chunks are
    analysed (``tui.nlp.analyze.analyse``); never called for a cached one."""
    if use_cache and (ann := cached(text, source, model)) is not None:
        return ann, True
    from tui.nlp.analyze import analyse  # spaCy's side: only when the cache has no entry

    nlp = _pipeline().load(model)
    key = _loaded_key(nlp)
    # a pipeline known by package name can only be identified once loaded
    if use_cache and (ann := cache.load(text, key)) is not None:
        return _for_source(ann, source), True
    with _nlp_lock:
        ann = analyse(text, nlp, source=source, progress=progress, cancelled=cancelled,
                      n_process=processes_for(len(text)), partial=partial)
    if use_cache:
        cache.save(ann, key)
    return _for_source(ann, source), False


def _from_cache(items: list[tuple[str, Source]], key: cache.Key) -> dict[int, Annotations]:
    hits = {}
    for i, (text, _source) in enumerate(items):
        ann = cache.load(text, key)
        if ann is not None:
            hits[i] = ann
    return hits


def analyse_many(
    items: list[tuple[str, Source]],
    model: str | None = None,
    n_process: int | None = None,
    use_cache: bool = True,
    on_plan: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Annotations, bool]]:
    """Analyse many articles, yielding (annotations, came_from_cache) in order.

    Cached articles come straight from the cache; the others go through the
    pipeline in one ``nlp.pipe`` stream (batched, ``n_process`` processes; None: as
    ``processes_for`` says for their length).
    ``on_plan(to_analyse, processes)`` is told, before any analysis starts, how many
    articles the pipeline will read and in how many processes."""
    hits: dict[int, Annotations] = {}
    ident = peek_id(model)
    if use_cache and ident is not None:  # look in the cache before loading spaCy
        name, version, _lang, build = ident
        hits = _from_cache(items, _key(name, version, build))
    todo = [i for i in range(len(items)) if i not in hits]
    fresh: Iterator[Annotations] = iter(())
    key = None
    if todo:
        from tui.nlp.analyze import analyse_batch  # as above: only for what is not cached

        if n_process is None:
            n_process = processes_for(sum(len(items[i][0]) for i in todo))
        if on_plan:
            on_plan(len(todo), n_process)
        nlp = _pipeline().load(model)
        key = _loaded_key(nlp)
        if use_cache and ident is None:  # known by package name: identified once loaded
            hits = _from_cache(items, key)
            todo = [i for i in todo if i not in hits]
        fresh = analyse_batch([items[i] for i in todo], nlp, n_process=n_process)
    for i, (_text, source) in enumerate(items):
        if i in hits:
            ann, hit = hits.pop(i), True
        else:
            with _nlp_lock:
                ann = next(fresh)
            hit = False
            if use_cache and key is not None:
                cache.save(ann, key)
        yield _for_source(ann, source), hit


def ner_warning(model: str | None) -> str | None:
    """A line for the user when the pipeline finds no entities at all (no NER component).
    Loads the pipeline (the reader asks only when an analysis found nothing)."""
    from tui.nlp.analyze import ner_warning as warning  # loads spaCy: only when asked

    return warning(_pipeline().load(model))


def lexicon_problems() -> list[str]:
    """What was wrong in the user's lexicon files read so far, one line each (the bad
    lines were skipped). Nothing was read when no analysis ran: no nlp import then."""
    lexicon = sys.modules.get("tui.nlp.lexicon")
    return lexicon.problems() if lexicon is not None else []
