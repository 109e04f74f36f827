"""Reading articles from disk and the web: encodings, formats, sanitising, metadata.

Everything that comes from a file passes through here before it is shown or
analysed, and the text returned is the exact text the offsets of the
analysis refer to. This package only gathers the public names; each step
has a module of its own. For ``load_article(path)``:

1. :mod:`~tui.sources.read` reads safely: only regular files, at most
   ``MAX_BYTES``; every operating-system error becomes a :class:`SourceError`
   (:mod:`~tui.sources.errors`) with a one-line message.
2. :mod:`~tui.sources.decoding` turns the bytes into text: UTF-8, UTF-16/32,
   Western European legacy encodings first, else charset-normalizer; binary
   data is refused.
3. :mod:`~tui.sources.clean` removes terminal escapes, controls and invisible
   characters, regularises line breaks and spaces, normalises to NFC.
4. :mod:`~tui.sources.markdown` and :mod:`~tui.sources.html` extract the
   article text, its heading and the metadata the format carries.
5. :mod:`~tui.sources.metadata` takes leading date/byline lines out of the
   body and finds the title; :mod:`~tui.sources.article` puts it together
   into an :class:`Article`.

From the web, :mod:`~tui.sources.fetch` gets a URL within limits and keeps
the page in the library folder (then read as a file is, with its URL), and
:mod:`~tui.sources.feeds` reads RSS and Atom feeds with feedparser.
"""

from tui.sources.article import FORMATS, Article, from_text, make_article
from tui.sources.clean import clean_text
from tui.sources.decoding import BINARY, decode
from tui.sources.errors import SourceError, os_error_reason
from tui.sources.metadata import find_title, match_metadata_line, split_metadata
from tui.sources.read import (
    ARTICLE_SUFFIXES,
    MAX_BYTES,
    from_bytes,
    guess_format,
    list_articles,
    load_article,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "BINARY",
    "FORMATS",
    "MAX_BYTES",
    "Article",
    "make_article",
    "SourceError",
    "clean_text",
    "decode",
    "find_title",
    "from_bytes",
    "from_text",
    "guess_format",
    "list_articles",
    "load_article",
    "match_metadata_line",
    "os_error_reason",
    "split_metadata",
]
