"""The Textual application: screens and widgets that call ``tui.core`` and read ``tui.document``.

Nothing here imports the layers below the core (the store, the language code, the sources),
and nothing here loads spaCy: opening a cached article imports no language code
(``tests/test_cache.py`` checks it).
"""
