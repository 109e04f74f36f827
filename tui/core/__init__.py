"""The application core every front end calls (the reader, the CLI, the exports, the library).

- :mod:`tui.core.analysis`: an article's analysis, from the cache or the pipeline, with the
  user's rules and corrections replayed;
- :mod:`tui.core.opening`: what the user named (files, folders, URLs, feeds) → articles;
- :mod:`tui.core.editing`: corrections: build an edit, apply it, log it, undo, redo;
- :mod:`tui.core.library`: keeping the library index up to date with the articles.

Nothing here draws anything; nothing below imports it.
"""
