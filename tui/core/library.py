"""Keeping a library's index up to date with its articles: the one update loop.

The library screen (counting each article's people as it goes) and ``personae
people`` (from a batch analysis) both call :func:`update`; :func:`open_index`
opens a library's index with the grouping of people across articles
(:mod:`tui.nlp.entities.across`) that the index stores.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.document import Annotations
from tui.store.index import IndexFailure, LibraryIndex, Update, article_key, failure_kind

__all__ = ["IndexFailure", "LibraryIndex", "Update", "article_key", "open_index", "update"]

#: articles written per transaction when nobody is waiting to see each one
BATCH = 200


def group_names(names, forms):
    """:func:`tui.nlp.entities.across.group_names`, imported when the index regroups: a
    library whose index is up to date opens without importing any language code."""
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from tui.nlp.entities.across import group_names as group

    return group(names, forms)


def open_index(articles: list, model: str | None = None) -> LibraryIndex:
    """The index of the library made of ``articles`` (created, or rebuilt when stale)."""
    return LibraryIndex.for_library(articles, model, group_names)


def _run(index: LibraryIndex | None, articles: list, analyse: Callable[[object], Annotations | None],
         todo: list[int], batch: int, each, failed, cancelled) -> Update:
    up = Update(rebuilt=index.rebuilt)
    waiting: list = []
    for n, i in enumerate(todo):
        if cancelled is not None and cancelled():
            return up
        a = articles[i]
        try:
            ann = analyse(a)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
            if failed is not None and failed(i, exc):
                return up
            up.failed.append((article_key(a), str(exc) or type(exc).__name__))
            continue
        waiting.append((a, ann))
        if index is not None and len(waiting) >= batch:
            index.put_many(waiting)
            waiting = []
        up.indexed += 1
        if each is not None:
            each(i, ann, n + 1, len(todo))
    if index is None:
        return up
    if waiting:
        index.put_many(waiting)
    if cancelled is None or not cancelled():
        up.removed = index.remove_missing(articles)
        index.regroup()
    return up


def update(index: LibraryIndex | None, articles: list,
           analyse: Callable[[object], Annotations | None], *,
           todo: list[int] | None = None, batch: int = BATCH,
           each: Callable[[int, Annotations | None, int, int], None] | None = None,
           failed: Callable[[int, Exception], bool] | None = None,
           cancelled: Callable[[], bool] | None = None) -> Update:
    """Bring ``index`` up to date with ``articles``: ``analyse(article)`` gives an
    article's analysis as the user sees it (or None), for the articles at the positions
    ``todo`` (default: the index's pending ones), written ``batch`` at a time; then the
    articles gone from the library are dropped and the people regrouped (not when
    ``cancelled()``).

    ``each(position, analysis, done, total)`` is told of every article analysed;
    ``failed(position, exception)`` of every article whose analysis raised, and stops the
    loop by returning True (a cancelled analysis), else the article is counted in the
    result's ``failed``. With no ``index`` (it could not be opened) the articles are still
    analysed and reported, and ``todo`` is needed.

    An index that turns out to be unreadable half-way (damaged, locked by another
    process, on a full or read-only disk) is set aside and rebuilt, or built in memory
    (:meth:`LibraryIndex.reset`), and the loop run again over every article, so
    ``analyse`` must be able to give any article's analysis. Every row the readers read
    is read once before the index is trusted: after an update, ``index.people()`` lists
    everyone, or :class:`IndexFailure` was raised."""
    for attempt in range(3):
        try:
            up = _run(index, articles, analyse,
                      index.pending(articles) if todo is None else todo,
                      batch, each, failed, cancelled)
            if index is not None and (cancelled is None or not cancelled()):
                index.check()
            return up
        except Exception as exc:  # noqa: BLE001 - sorted by failure_kind
            if index is None or failure_kind(exc) is None:
                raise
            if attempt == 2:
                raise IndexFailure(" ".join(str(exc).split()) or type(exc).__name__) from exc
            index.reset(exc)
            todo = None
    raise AssertionError("unreachable")
