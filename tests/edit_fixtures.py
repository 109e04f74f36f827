"""Hand-built annotations and random corrections, for the tests of edits, the log and the history."""

from __future__ import annotations

from hypothesis import strategies as st

from tui.core import editing as C
from tui.document import Annotations, Entity, Mention, selection
from tui.document import edits as E
from tui.document.edits import Edit

TEXT = ("Alessandro Sallusti e Vittorio Feltri sono arrivati. Sallusti parla a Trani. "
        "Feltri vive a Roma. La Leopard - Trek corre. Luca Onlus aiuta. Brice Feillu vince. "
        "Il direttore Sallusti sorride. Feltri e Sallusti ridono a Trani.")

# (surface, label, entity key): entity key groups mentions into entities
TAGS = [
    ("Alessandro Sallusti", "PER", "as"), ("Vittorio Feltri", "PER", "vf"),
    ("Sallusti", "LOC", "s"), ("Trani", "LOC", "t"), ("Feltri", "LOC", "f"),
    ("Roma", "LOC", "r"), ("Leopard", "ORG", "l"), ("Luca Onlus", "PER", "lo"),
]


def build(text: str = TEXT, tags=TAGS) -> Annotations:
    """Every occurrence of each surface (not inside an earlier one) tagged."""
    mentions: list[Mention] = []
    ents: dict[str, Entity] = {}
    taken: list[tuple[int, int]] = []
    for surface, label, key in tags:
        start = 0
        while (i := text.find(surface, start)) >= 0:
            start = i + 1
            j = i + len(surface)
            if any(not (j <= a or i >= b) for a, b in taken):
                continue
            if (i and text[i - 1].isalnum()) or (j < len(text) and text[j].isalnum()):
                continue
            taken.append((i, j))
            e = ents.setdefault(key, Entity(f"e{len(ents) + 1}", label, surface, [surface]))
            m = Mention(f"m{len(mentions) + 1}", i, j, surface, label, e.id)
            mentions.append(m)
            e.mentions.append(m.id)
    ann = Annotations(text, mentions=mentions, entities=list(ents.values()),
                      sentences=[(0, len(text))])
    ann.check()
    return ann


def by_name(ann: Annotations, name: str) -> Entity:
    found = [e for e in ann.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in ann.entities]}"
    return found[0]



def random_edit(ann: Annotations, draw) -> Edit | None:
    """A correction the user could make on ``ann`` now (hypothesis draws which), or None
    when the one drawn is refused or has nothing to act on."""
    kind = draw(st.sampled_from(["merge", "split", "retype", "remove", "remove_entity", "add",
                                 "resize", "add_role", "remove_role"]))
    ents = ann.entities
    if kind == "add":
        ws = selection.words(ann.text)
        i = draw(st.integers(0, len(ws) - 1))
        j = draw(st.integers(i, min(len(ws) - 1, i + 2)))
        label = draw(st.sampled_from(sorted(E.LABEL_NAMES)))
        try:
            return C.add_op(ann, ws[i][0], ws[j][1], label, draw(st.booleans()))
        except C.Refused:
            return None
    if not ents:
        return None
    e = draw(st.sampled_from(ents))
    try:
        if kind == "merge":
            return C.merge_op(ann, e.id, draw(st.sampled_from(ents)).id)
        if kind == "split":
            return C.split_op(ann, e.id, draw(st.sampled_from(e.variants)))
        if kind == "retype":
            return C.retype_op(ann, e.id, draw(st.sampled_from(sorted(E.LABEL_NAMES))))
        ms = ann.mentions_of(e.id)
        m = draw(st.sampled_from(ms))
        if kind == "remove":
            return C.remove_op(ann, m.id)
        if kind == "remove_entity":
            return C.remove_entity_op(ann, e.id)
        if kind == "resize":
            return C.resize_op(ann, m.id, draw(st.sampled_from(["start", "end"])), draw(st.booleans()))
        if kind == "add_role":
            ws = selection.words(ann.text)
            i = draw(st.integers(0, len(ws) - 1))
            return C.add_role_op(ann, e.id, ws[i][0], ws[i][1], "x")
        if e.roles:
            return C.remove_role_op(draw(st.sampled_from(e.roles)))
    except C.Refused:
        return None
    return None
