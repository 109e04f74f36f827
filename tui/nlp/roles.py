"""Roles: the office or title the text gives a person. (First cut; see issue 4.)"""

from __future__ import annotations

from tui.document import Annotations


def attach_roles(doc, offset: int, ann: Annotations) -> None:
    """Find role phrases in ``doc`` (a chunk starting at ``offset``) and add them to ann's entities."""
    return None
