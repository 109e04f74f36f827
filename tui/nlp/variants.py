"""Name variants: gathering mentions into entities. (First cut; see issue 5.)"""

from __future__ import annotations

from tui.document import Entity, Mention, canonical_name

_STRIP = " \t\n\"'’‘«»“”()[]{},.;:!?-–—"


def trim_mention(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP and not text[start:end].endswith("Jr."):
        end -= 1
    return start, end


def build_entities(mentions: list[Mention]) -> list[Entity]:
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.label, m.text.lower()), []).append(m)
    entities = []
    for i, ((label, _), ms) in enumerate(groups.items(), 1):
        eid = f"e{i}"
        for m in ms:
            m.entity = eid
        vs = list(dict.fromkeys(m.text for m in ms))
        entities.append(Entity(eid, label, canonical_name(vs), vs, [m.id for m in ms]))
    return entities
