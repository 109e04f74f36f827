"""Building an article's entities from its mentions: clustering, display names and labels.

:func:`build_entities` gathers mentions into entities, sets each ``mention.entity``
and returns the entities numbered "e1", "e2", ... in order of first mention.

Labels: mentions with different labels never merge, with one exception decided
here: ORG and LOC are one class for merging. The same key ("Russia" tagged
LOC in one sentence and ORG in the next, a frequent NER confusion for
countries and cities), an alias ("Usa" tagged ORG, as KIND tags a country
acting as a political actor, and "Stati Uniti" tagged LOC) or an acronym
defined in the text makes one entity. Every mention keeps its own label;
an entity whose mentions mix ORG and LOC is a place when one of its names
is a country or region in the places lexicon (``data/places_it.tsv``: a
row naming a place whose English adjective also translates an Italian one,
as "Russia" beside "russo"); otherwise an entity takes the label of the
majority of its mentions (ties: the first mention's). PER never merges with
anything else.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict

from tui.document import Entity, Mention, canonical_name
from tui.nlp import lexicon
from tui.nlp.entities.names import org_key
from tui.nlp.entities.others import cluster_others, merge_class, without_article
from tui.nlp.entities.people import AMBIGUOUS_POLICY, cluster_people

#: the columns of the places lexicon read here: Italian forms, English adjective, English name
_PLACES_COLUMNS = 3


def cluster(mentions: list[Mention], policy: str | None = None) -> list[tuple[list[Mention], bool]]:
    """The mentions grouped into entities, in text order: (members, ambiguous)."""
    ms = sorted(mentions, key=lambda m: (m.start, m.end))
    people = [i for i, m in enumerate(ms) if m.label == "PER"]
    others: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.label != "PER":
            others[merge_class(m.label)].append(i)
    groups = cluster_people(ms, people, policy or AMBIGUOUS_POLICY)
    for idx in others.values():
        groups.extend(cluster_others(ms, idx))
    groups.sort(key=lambda g: g[0][0])
    return [([ms[i] for i in mem], amb) for mem, amb in groups]


def display_name(variants: list[str], label: str) -> str:
    """canonical_name, but "La Russia" does not beat "Russia" by its article."""
    if label != "PER" and len(variants) > 1:
        keys = {org_key(v) for v in variants}
        plain = [v for v in variants if without_article(org_key(v), keys) is None]
        variants = plain or variants
    return canonical_name(variants)


@functools.lru_cache(maxsize=1)
def country_keys() -> frozenset[str]:
    """Keys of the countries and regions in the places lexicon, shipped and the user's: the
    rows naming a place whose English adjective also translates lower-case Italian
    adjectives ("Russia  Russian  Russia" beside "russo,russa  Russian"); the rows of
    organisations ("Onu  UN  the United Nations") have no such adjective."""
    rows: list[list[str]] = []
    for _roles, places in lexicon.lexicon_paths():
        try:
            rows += [cols + [""] * _PLACES_COLUMNS for cols in lexicon.read_tsv(places)] \
                if places.is_file() else []
        except (OSError, UnicodeDecodeError):
            continue
    adjectives = {c[1] for c in rows if c[1] and not c[2] and c[0][:1].islower()}
    return frozenset(org_key(f) for c in rows if c[1] in adjectives and c[2]
                     for f in c[0].split(",") if f.strip()[:1].isupper())


def entity_label(mem: list[Mention], variants: list[str]) -> str:
    """A country tagged LOC in some mentions and ORG in others is a place; otherwise the
    majority label of the mentions (ties: the first mention's). A country tagged ORG
    throughout ("l'Italia" the team) stays an organisation."""
    counts = Counter(m.label for m in mem)
    if "LOC" in counts and set(counts) <= {"ORG", "LOC"}:
        countries = country_keys()
        if any(org_key(v) in countries for v in variants):
            return "LOC"
    top = max(counts.values())
    return next(m.label for m in mem if counts[m.label] == top)


def build_entities(mentions: list[Mention]) -> list[Entity]:
    """Gather the mentions into entities; set each mention's ``entity``."""
    entities = []
    for n, (mem, amb) in enumerate(cluster(mentions), 1):
        eid = f"e{n}"
        for m in mem:
            m.entity = eid
        vs = list(dict.fromkeys(m.text for m in mem))
        label = entity_label(mem, vs)
        entities.append(Entity(eid, label, display_name(vs, label) or mem[0].text, vs,
                               [m.id for m in mem], ambiguous=amb))
    return entities
