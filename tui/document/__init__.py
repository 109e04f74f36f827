"""The document model, pure data (no spaCy, no Textual): what Personae knows about one article.

- :mod:`tui.document.model`: Source, Mention, Entity, Role, Quote, Annotations (re-exported here);
- :mod:`tui.document.lookup`: the entity a string names, a string's occurrences, accents;
- :mod:`tui.document.selection`: words of a text, and moving a selection by words;
- :mod:`tui.document.rules`: the user's "apply everywhere" rules and how they apply;
- :mod:`tui.document.edits`: the user's corrections as typed edits, each applied by offsets;
- :mod:`tui.document.history`: undo and redo over those edits, outside any widget.
"""

from tui.document.model import (
    LABEL_NAMES,
    LABEL_ORDER,
    LABEL_PLURALS,
    SCHEMA,
    Annotations,
    Entity,
    Mention,
    ModelInfo,
    Quote,
    Role,
    Source,
    canonical_name,
    label_name,
    label_phrase,
    non_overlapping,
    sha256_text,
)

__all__ = [
    "LABEL_NAMES", "LABEL_ORDER", "LABEL_PLURALS", "SCHEMA", "Annotations", "Entity", "Mention",
    "ModelInfo", "Quote", "Role", "Source", "canonical_name", "label_name", "label_phrase",
    "non_overlapping", "sha256_text",
]
