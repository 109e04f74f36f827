"""Exceptions that cross layers, kept here so that catching one imports no language code.

- :class:`ModelError`: a pipeline could not be found or loaded (raised by ``tui.nlp.pipeline``);
- :class:`Cancelled`: the caller cancelled an analysis between two chunks (``tui.nlp.analyze``).
"""


class ModelError(Exception):
    """A pipeline could not be found or loaded."""


class Cancelled(Exception):
    """The caller cancelled the analysis between two chunks."""
