"""Analysis as the app and the CLI use it: pipeline + cache + the user's corrections.

A cached analysis is found without loading spaCy when the pipeline's
name and version can be read from its ``meta.json`` (the shipped pipeline
and any pipeline given by path), so a second open is instant.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from tui import cache, corrections
from tui.document import Annotations, Source
from tui.nlp import pipeline

# one pipeline, several threads (reader, library): run one analysis at a time
_nlp_lock = threading.Lock()


def cached(text: str, source: Source, model: str | None = None) -> Annotations | None:
    """The cached analysis of ``text``, if the pipeline can be identified without
    loading it (see ``pipeline.peek_id``) and the cache has a sound entry."""
    ident = pipeline.peek_id(model)
    ann = cache.load(text, ident[0], ident[1], ident[3]) if ident is not None else None
    return _for_source(ann, source) if ann is not None else None


def _for_source(ann: Annotations, source: Source) -> Annotations:
    """The analysis as this article shows it: its source, the user's corrections replayed."""
    ann.source = source
    corrections.apply_all(ann)
    return ann


def analyse_text(
    text: str,
    source: Source,
    model: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = True,
) -> tuple[Annotations, bool]:
    """Return (annotations, came_from_cache). Raises pipeline.ModelError."""
    if use_cache and (ann := cached(text, source, model)) is not None:
        return ann, True
    from tui.nlp.analyze import analyse

    nlp = pipeline.load(model)
    name, version, _lang = pipeline.model_id(nlp)
    build = pipeline.model_build(nlp)
    # a pipeline known by package name can only be identified once loaded
    if use_cache and (ann := cache.load(text, name, version, build)) is not None:
        return _for_source(ann, source), True
    with _nlp_lock:
        ann = analyse(text, nlp, source=source, progress=progress, cancelled=cancelled)
    if use_cache:
        cache.save(ann, build)
    return _for_source(ann, source), False


def analyse_many(
    items: list[tuple[str, Source]],
    model: str | None = None,
    n_process: int = 1,
    use_cache: bool = True,
) -> Iterator[tuple[Annotations, bool]]:
    """Analyse many articles, yielding (annotations, came_from_cache) in order.

    Cached articles come straight from the cache; the others go through the
    pipeline in one ``nlp.pipe`` stream (batched, ``n_process`` processes)."""
    from tui.nlp.analyze import analyse_batch

    nlp = pipeline.load(model)
    name, version, _lang = pipeline.model_id(nlp)
    build = pipeline.model_build(nlp)
    cached: dict[int, Annotations] = {}
    if use_cache:
        for i, (text, _source) in enumerate(items):
            ann = cache.load(text, name, version, build)
            if ann is not None:
                cached[i] = ann
    todo = [i for i in range(len(items)) if i not in cached]
    fresh = analyse_batch([items[i] for i in todo], nlp, n_process=n_process)
    for i, (_text, source) in enumerate(items):
        if i in cached:
            ann, hit = cached.pop(i), True
        else:
            with _nlp_lock:
                ann = next(fresh)
            hit = False
            if use_cache:
                cache.save(ann, build)
        yield _for_source(ann, source), hit
