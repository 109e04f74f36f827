"""``csv``: one row per entity (RFC 4180, UTF-8, header row).

Columns: ``id``, ``label``, ``name`` (canonical), ``variants`` (joined by
`` | ``), ``mentions`` (how many), ``roles`` (distinct role phrases, each
with its English gloss in parentheses, joined by `` | ``), ``first_offset``
(character offset of the first mention), ``first_mention`` (its text).
People first, then organisations, places, the rest; most mentioned first.

A cell that a spreadsheet would read as a formula (it begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return: ``=HYPERLINK(…)`` as a name
in an imported file) is written with a leading apostrophe, as OWASP
recommends against CSV injection (:func:`neutral`); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from tui.document import Annotations, Entity

COLUMNS = ("id", "label", "name", "variants", "mentions", "roles", "first_offset", "first_mention")
SEP = " | "
#: what makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell):
    """``cell`` as a spreadsheet shows it as text: a string that starts like a formula
    gets a leading apostrophe ("=1+1" -> "'=1+1"); anything else is unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def role_cell(ent: Entity) -> str:
    out = []
    for r in ent.distinct_roles():
        phrase = " ".join(r.text.split())
        out.append(f"{phrase} ({r.gloss})" if r.gloss else phrase)
    return SEP.join(out)


def rows(ann: Annotations) -> list[dict[str, str | int]]:
    out = []
    for ent in ann.sorted_entities():
        ms = ann.mentions_of(ent.id)
        out.append({"id": ent.id, "label": ent.label, "name": ent.name,
                    "variants": SEP.join(ent.variants), "mentions": len(ms),
                    "roles": role_cell(ent),
                    "first_offset": ms[0].start if ms else "",
                    "first_mention": ms[0].text if ms else ""})
    return out


def dumps(ann: Annotations) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows({k: neutral(v) for k, v in row.items()} for row in rows(ann))
    return buf.getvalue()


