"""The library index's person rows, built from its entity rows and their groups.

Part of the library index (:mod:`tui.store.index`): how each group of article
entities becomes one row of the ``person`` table, and how list columns are stored.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from tui.document import canonical_name

#: how many companions the People screen lists for each person
PARTNERS = 3
SEP = "\x1f"  # between the names of a list in one column


def split(value: str) -> list[str]:
    """A list column's names."""
    return value.split(SEP) if value else []


def roles_summary(roles: list[dict]) -> str:
    """Each distinct role with its latest date, newest first: "premier (2026-01-15); ..."."""
    latest: dict[str, dict] = {}
    for r in roles:
        k = r["text"].casefold()
        if k not in latest or r["date"] > latest[k]["date"]:
            latest[k] = r
    ordered = sorted(latest.values(), key=lambda r: r["date"], reverse=True)
    return "; ".join(f"{r['text']} ({r['date']})" if r["date"] else r["text"] for r in ordered)


def person_rows(rows: list, group: dict[int, int], ambiguous: set[int]) -> list[tuple]:
    """The ``person`` table's rows: each group of entity rows as one person (name, variants,
    counts, dates, roles in date order, the companions who share most articles)."""
    members: dict[int, list] = defaultdict(list)
    for r in rows:
        members[group[r[0]]].append(r)
    # companions: people who share articles
    per_article: dict[int, set[int]] = defaultdict(set)
    for r in rows:
        if r[1] == "PER":
            per_article[r[9]].add(group[r[0]])
    together: dict[int, Counter] = defaultdict(Counter)
    for ps in per_article.values():
        if len(ps) > 1:
            for p in ps:
                c = together[p]
                for q in ps:
                    if q != p:
                        c[q] += 1
    names: dict[int, str] = {}
    out = []
    for g, rs in members.items():
        labels = Counter(r[1] for r in rs)
        variants = Counter()
        for r in rs:
            for v in split(r[3]) or [r[2]]:
                variants[v] += 1
        name = canonical_name(sorted({r[2] for r in rs})) or rs[0][2]
        names[g] = name
        dates = sorted(r[11] for r in rs if r[11])
        roles = []
        for r in sorted(rs, key=lambda r: (r[11], r[12])):
            for role in json.loads(r[6]) if r[6] else ():
                roles.append({"text": role["text"], "gloss": role.get("gloss", ""),
                              "date": r[11], "title": r[12], "article": r[13]})
        out.append([g, labels.most_common(1)[0][0], name,
                    SEP.join(v for v, _ in variants.most_common()),
                    len({r[9] for r in rs}), sum(r[4] for r in rs),
                    dates[0] if dates else "", dates[-1] if dates else "",
                    json.dumps(roles, ensure_ascii=False) if roles else "", "",
                    int(g in ambiguous), roles_summary(roles)])
    for row in out:
        top = sorted(together[row[0]].items(), key=lambda kv: (-kv[1], names[kv[0]]))[:PARTNERS]
        row[9] = SEP.join(names[q] for q, _ in top)
    return [tuple(r) for r in out]
