"""What the user named → articles: files, folders, exports, URLs and feeds, for the reader and the CLI.

One place for both front ends. :func:`article_files` gives the article files
that paths, folders and URLs name (the CLI's ``export`` and ``people`` read them
one by one and report each); :func:`open_paths` reads everything the reader was
given at once (articles, exports to import, feeds), keeping one line per input
that could not be read. The feed screen's loads and fetches go through here too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tui import sources
from tui.display import message
from tui.display import path as shown_path
from tui.document import Annotations, sha256_text
from tui.export import READABLE_SUFFIXES, read_report
from tui.sources import Article, SourceError

__all__ = ["Article", "Opened", "SourceError", "abort_fetches", "article_files", "fetch_article", "load_article",
           "load_feed", "open_paths"]


def load_article(path: Path) -> Article:
    """An article file read, decoded and cleaned (``tui.sources.load_article``, looked up at
    each call). Raises SourceError."""
    return sources.load_article(path)


def open_url(url: str):
    """A page saved in the library (fetched once) as its Path, or a feed's response."""
    from tui.sources.fetch import open_url as fetch  # the web's modules: only for URLs

    return fetch(url)


def load_feed(url: str, response=None):
    """The feed at ``url`` (``response``: already fetched). Raises SourceError."""
    from tui.sources.feeds import load_feed as load  # as above: only for feeds

    return load(url, response=response)


# -- for the command line: the files that PATHs name -------------------------------------------

def _folder_files(folder: Path) -> list[Path]:
    """The article files of a folder; PermissionError when its files cannot even be looked
    at, SourceError when it cannot be listed."""
    if not os.access(folder, os.R_OK | os.X_OK):
        raise PermissionError(13, "permission denied", str(folder))
    return sources.list_articles(folder)


def article_files(paths: list[Path | str],
                  report: Callable[[object, object], None]) -> tuple[list[Path], bool]:
    """The article files named by ``paths`` (folders give their articles; a URL its page,
    saved in the library, fetched once); ``report(path, why)`` for each one that names
    none. False when any did not."""
    files: list[Path] = []
    ok = True
    for p in paths:
        if isinstance(p, str):  # a URL
            try:
                got = open_url(p)
            except SourceError as exc:
                report(p, exc)
                ok = False
                continue
            if isinstance(got, Path):
                files.append(got)
            else:
                report(p, "a feed, not an article: give the URLs of its articles")
                ok = False
        elif os.path.isdir(p):  # False for a name the system refuses: said when it is read
            try:
                files.extend(_folder_files(p))
            except PermissionError:
                report(p, "permission denied")
                ok = False
            except SourceError as exc:
                report(p, exc)
                ok = False
        else:
            files.append(p)  # load_article says what is wrong with it, if anything
    return files, ok


# -- for the reader: everything at once ----------------------------------------------------------

@dataclass
class Opened:
    """What the command line asked the reader to open, already read from disk."""

    articles: list[Article] = field(default_factory=list)
    imported: list[tuple[Article, Annotations]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    folder_title: str = ""
    feeds: list[tuple[str, object]] = field(default_factory=list)  # (url, Feed or None: later)


def _open_url(url: str, out: Opened) -> None:
    """A page (fetched once, then read from the library) or a feed."""
    # the web's modules: imported only for URLs
    from tui.sources.feeds import saved_feed
    from tui.sources.fetch import FetchError, saved_page

    if saved_page(url) is None:
        print(f"personae: fetching {url} …", file=sys.stderr, flush=True)
    try:
        got = open_url(url)
    except FetchError as exc:  # offline: a feed read before is shown from its kept copy
        kept = saved_feed(url)
        if kept is None:
            raise
        kept.offline = str(exc)
        out.feeds.append((url, kept))
        return
    if isinstance(got, Path):
        out.articles.append(load_article(got))
    else:
        out.feeds.append((url, load_feed(url, response=got)))


def _import(path: Path, errors: list[str]) -> list[tuple[Article, Annotations]]:
    """The articles of an export (cleaned for display by ``read_report``); one line in
    ``errors`` for each article of it that cannot be read."""
    result = []
    anns, bad = read_report(path)
    errors.extend(f"{shown_path(path)}: {message(why)}" for why in bad)
    for ann in anns:
        # the export's text is the one its offsets refer to; its source says the rest
        title = ann.source.title or sources.find_title(ann.text)
        art = Article(ann.text, replace(ann.source, path=str(path), title=title,
                                        sha256=sha256_text(ann.text)))
        result.append((art, ann))
    return result


def _open_one(p: Path | str, out: Opened) -> None:
    if isinstance(p, str):
        _open_url(p, out)
    elif p.is_dir():
        files = _folder_files(p)
        out.folder_title = out.folder_title or shown_path(p.resolve().name)
        for f in files:
            try:
                out.articles.append(load_article(f))
            except SourceError as exc:
                out.errors.append(f"{shown_path(f)}: {message(exc)}")
    elif p.suffix.lower() in READABLE_SUFFIXES:
        out.imported.extend(_import(p, out.errors))
    else:
        out.articles.append(load_article(p))


def open_paths(paths: list[Path | str], feeds: list[str] = ()) -> Opened:
    """Read the files, folders and URLs given; ``feeds``: URLs of feeds the library
    loads itself (the user's feeds.txt)."""
    out = Opened()
    out.feeds.extend((url, None) for url in feeds)
    for p in paths:
        try:
            _open_one(p, out)
        except SourceError as exc:
            out.errors.append(f"{shown_path(p)}: {message(exc)}")
        except PermissionError:
            out.errors.append(f"{shown_path(p)}: permission denied")
        except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            out.errors.append(f"{shown_path(p)}: {message(getattr(exc, 'strerror', None) or exc)}")
    return out


def abort_fetches() -> int:
    """Cut every web fetch in progress short (the reader is quitting): the workers that
    load feeds or pages end at once instead of holding the exit until a slow server gives
    up. How many were cut."""
    from tui.sources.fetch import abort_all  # the web's modules: only where they were used

    return abort_all()


def fetch_article(url: str) -> Path:
    """A feed item's page, fetched once and saved in the library. Raises SourceError, also
    when the link is a feed rather than an article."""
    got = open_url(url)
    if not isinstance(got, Path):
        raise SourceError("is a feed, not an article")
    return got
