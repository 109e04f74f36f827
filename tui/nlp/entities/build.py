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
anything else, but the label follows the entity: a mention the article treats as a
person (an alias the text states, the same string tagged PER elsewhere, a name in
capitals, a full name) is relabelled PER first (:mod:`tui.nlp.entities.stated`).

Beyond the rules on names, two things join entities: the aliases the text states
("Luigi Bruschelli, detto Trecciolino"), and the people's lines of the alias table
("Abu Mazen" = "Mahmoud Abbas"); neither ever joins a bare name flagged ambiguous.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict

from tui.document import Entity, Mention, canonical_name
from tui.nlp import lexicon
from tui.nlp.entities.names import org_key
from tui.nlp.entities.others import cluster_others, merge_class, without_article
from tui.nlp.entities.people import AMBIGUOUS_POLICY, cluster_people
from tui.nlp.entities.stated import follow_labels, stated_aliases
from tui.nlp.entities.unionfind import UnionFind

#: the columns of the places lexicon read here: Italian forms, English adjective, English name
_PLACES_COLUMNS = 3


def cluster(mentions: list[Mention], policy: str | None = None, text: str | None = None,
            follow: bool = True) -> list[tuple[list[Mention], bool]]:
    """The mentions grouped into entities, in text order: (members, ambiguous). With the
    article's ``text``, the aliases it states join entities too. With ``follow``, the
    mentions the article treats as a person are relabelled PER first (their ``label``
    changes)."""
    ms = sorted(mentions, key=lambda m: (m.start, m.end))
    links = stated_aliases(text, ms) if text else []
    if follow:
        follow_labels(ms, links)
    people = [i for i, m in enumerate(ms) if m.label == "PER"]
    others: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        if m.label != "PER":
            others[merge_class(m.label)].append(i)
    table = lexicon.aliases()
    groups = cluster_people(ms, people, policy or AMBIGUOUS_POLICY,
                            lambda t: table.get(org_key(t)))
    for idx in others.values():
        groups.extend(cluster_others(ms, idx))
    groups = _join(ms, groups, links)
    groups.sort(key=lambda g: g[0][0])
    return [([ms[i] for i in mem], amb) for mem, amb in groups]


def _join(ms: list[Mention], groups: list[tuple[list[int], bool]],
          links: list[tuple[int, int]]) -> list[tuple[list[int], bool]]:
    """Groups joined by the aliases the text states and by the people's lines of the alias
    table; a group flagged ambiguous is never joined."""
    of = {i: g for g, (mem, _amb) in enumerate(groups) for i in mem}
    sets = UnionFind(len(groups))
    pairs = [(of[a], of[b]) for a, b in links
             if merge_class(ms[a].label) == merge_class(ms[b].label)]
    table = lexicon.aliases()
    by_alias: dict[int, int] = {}
    for g, (mem, _amb) in enumerate(groups):
        if ms[mem[0]].label != "PER":
            continue
        for i in mem:
            a = table.get(org_key(ms[i].text))
            if a is not None:
                pairs.append((by_alias.setdefault(a, g), g))
    for a, b in pairs:
        if not groups[a][1] and not groups[b][1]:
            sets.union(a, b)
    out: dict[int, list[int]] = defaultdict(list)
    for g, (mem, _amb) in enumerate(groups):
        out[sets.find(g)].extend(mem)
    return [(sorted(mem), groups[g][1]) for g, mem in out.items()]


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


def build_entities(mentions: list[Mention], text: str | None = None) -> list[Entity]:
    """Gather the mentions into entities; set each mention's ``entity``. With the article's
    ``text`` (as the analysis passes it), the aliases it states join entities too and a
    mention the article treats as a person is relabelled PER; without it (mentions read
    back from a file) every mention keeps its label."""
    entities = []
    for n, (mem, amb) in enumerate(cluster(mentions, text=text, follow=text is not None), 1):
        eid = f"e{n}"
        for m in mem:
            m.entity = eid
        vs = list(dict.fromkeys(m.text for m in mem))
        label = entity_label(mem, vs)
        entities.append(Entity(eid, label, display_name(vs, label) or mem[0].text, vs,
                               [m.id for m in mem], ambiguous=amb))
    return entities
