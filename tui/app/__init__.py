"""The Textual application: screens and widgets that call ``tui.core`` and read ``tui.document``.

Nothing here imports ``tui.store``, ``tui.nlp`` or ``tui.sources``, and nothing here loads spaCy:
opening a cached article imports no language code (``tests/test_cache.py`` checks it).
"""
