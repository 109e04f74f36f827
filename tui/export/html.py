"""``html``: one standalone page (no scripts, no outside fonts or styles).

A header (title, source, model), a legend of the entity labels, the people
with their roles and glosses, the other entities, then the article with the
mentions and role phrases highlighted in the markup of spaCy's displaCy (a
role phrase that holds a name holds that name's highlight). Everything from
the article is HTML-escaped; labels are made identifiers first (``<script>``
becomes ``script``). Opens in any
browser, prints, and can be sent by mail as it is.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from tui import __version__
from tui.display import label as label_id
from tui.document import LABEL_NAMES, LABEL_PLURALS, Annotations, Entity
from tui.palette import HTML_PAGE, HTML_TEXT, html_colours

ROLE_LABEL = "ROLE"
# the reader's palette (tui.palette) on this page's white background and #222 text
COLORS = {label: bg for label, (_fg, bg) in html_colours().items()
          if label in ("PER", "ORG", "LOC", "MISC", ROLE_LABEL)}
OTHER_COLOR = COLORS["MISC"]  # any other label is shown as "Other" is in the reader
NAMES = {**{label: name.lower() for label, name in LABEL_NAMES.items()}, ROLE_LABEL: "role phrase"}
HEADINGS = tuple((label, name) for label, name in LABEL_PLURALS.items() if label != "PER")

CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; color: @text; background: @page; line-height: 1.5; }
header h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.meta, .legend, .note { font-family: system-ui, sans-serif; font-size: .85rem; color: #555; }
.legend span.swatch { display: inline-block; padding: .05rem .5rem; margin: 0 .4rem .3rem 0;
                      border-radius: .3rem; color: @text; }
section.people dt { font-weight: bold; margin-top: .6rem; }
section.people dd { margin-left: 1.2rem; }
.gloss { color: #555; font-style: italic; }
.variants { font-size: .85rem; color: #555; }
ul.others { columns: 2; font-size: .9rem; }
article { border-top: 1px solid #ccc; margin-top: 1.5rem; padding-top: 1rem; }
@media print { mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
""".replace("@text", HTML_TEXT).replace("@page", HTML_PAGE)


def _color(label: str) -> str:
    return COLORS.get(label, OTHER_COLOR)


MARK_STYLE = ("padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; "
              "border-radius: 0.35em; box-decoration-break: clone; "
              "-webkit-box-decoration-break: clone;")
# a role phrase that holds a name: the name's own mark sits inside, a little tighter
INNER_STYLE = "padding: 0.2em 0.35em; margin: 0 0.1em; line-height: 1; border-radius: 0.35em;"
LABEL_STYLE = ("font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; "
               "vertical-align: middle; margin-left: 0.5rem")


def _mark(inner: str, label: str, style: str = MARK_STYLE) -> str:
    return (f'<mark class="entity" data-label="{escape(label)}" '
            f'style="background: {_color(label)}; {style}">{inner}'
            f'<span style="{LABEL_STYLE}">{escape(label)}</span></mark>')


def role_blocks(ann: Annotations) -> list[tuple[int, int]]:
    """The stretches of text marked as role phrases: the role phrases, overlapping ones
    joined, each widened to take in whole any mention it cuts (a mark cannot cross another)."""
    spans = sorted((r.start, r.end) for e in ann.entities for r in e.roles if r.start < r.end)
    mentions = sorted((m.start, m.end) for m in ann.mentions)
    blocks: list[list[int]] = []
    for s, e in spans:
        if blocks and s < blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], e)
        else:
            blocks.append([s, e])
    changed = True
    while changed:  # widen to whole mentions, then join what now overlaps
        changed = False
        for b in blocks:
            for ms, me in mentions:
                if ms < b[1] and me > b[0] and (ms < b[0] or me > b[1]):
                    b[0], b[1] = min(b[0], ms), max(b[1], me)
                    changed = True
        joined: list[list[int]] = []
        for b in sorted(blocks):
            if joined and b[0] < joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], b[1])
            else:
                joined.append(b)
        blocks = joined
    return [(a, b) for a, b in blocks]


def body_html(ann: Annotations) -> str:
    """The article with every mention and every role phrase highlighted, in the markup and
    colours of spaCy's displaCy (``mark class="entity"`` with its label); a role phrase
    that holds a name ("presidente del Consiglio di Aurelia") holds that name's mark. All
    text is escaped, and labels are made identifiers first."""
    text = ann.text
    mentions = sorted(ann.mentions, key=lambda m: m.start)

    def run(a: int, b: int, style: str) -> str:
        """text[a:b] with the mentions inside it marked."""
        out, pos = [], a
        for m in mentions:
            if m.end <= a or m.start >= b:
                continue
            out.append(escape(text[pos:m.start]))
            out.append(_mark(escape(text[m.start:m.end]), label_id(m.label), style))
            pos = m.end
        out.append(escape(text[pos:b]))
        return "".join(out)

    parts, pos = [], 0
    for a, b in role_blocks(ann):
        parts.append(run(pos, a, MARK_STYLE))
        parts.append(_mark(run(a, b, INNER_STYLE), ROLE_LABEL))
        pos = b
    parts.append(run(pos, len(text), MARK_STYLE))
    return ('<div class="entities" style="line-height: 2.5; direction: ltr; '
            f'white-space: pre-wrap">{"".join(parts)}</div>')


def _entity_line(ann: Annotations, ent: Entity) -> str:
    n = len(ann.mentions_of(ent.id))
    others = [v for v in ent.variants if v != ent.name]
    out = f"{escape(ent.name)} <span class=\"variants\">×{n}"
    if others:
        out += " — also " + ", ".join(escape(v) for v in others)
    return out + "</span>"


def page(ann: Annotations) -> str:
    """The standalone HTML page of one article. Long because it is the page's template,
    written top to bottom."""
    title = ann.source.title or (Path(ann.source.path).stem if ann.source.path else "Article")
    lang = escape(ann.model.lang or "it")
    meta_bits = []
    if ann.source.path:
        meta_bits.append(f"source: {escape(ann.source.path)}")
    if ann.source.date:
        meta_bits.append(escape(ann.source.date))
    if ann.source.byline:
        meta_bits.append(escape(ann.source.byline))
    if ann.model.name:
        meta_bits.append(f"model: {escape(ann.model.name)} {escape(ann.model.version)}")
    counts: dict[str, int] = {}
    for m in ann.mentions:
        counts[label_id(m.label)] = counts.get(label_id(m.label), 0) + 1
    legend_labels = [lab for lab in ("PER", "ORG", "LOC", "MISC") if lab in counts]
    legend_labels += sorted(lab for lab in counts if lab not in legend_labels)
    legend = [f'<span class="swatch" style="background: {_color(lab)}">{escape(lab)}</span>'
              f"{escape(NAMES.get(lab, lab.lower()))} ({counts[lab]})" for lab in legend_labels]
    if any(e.roles for e in ann.entities):
        legend.append(f'<span class="swatch" style="background: {_color(ROLE_LABEL)}">'
                      f"{ROLE_LABEL}</span>{NAMES[ROLE_LABEL]}")
    ents = ann.sorted_entities()
    people = [e for e in ents if e.label == "PER"]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="personae {escape(__version__)}">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{" · ".join(meta_bits)}</p>' if meta_bits else "",
        f'<p class="legend">{" ".join(legend)}</p>' if legend else "",
        "</header>",
    ]
    if people:
        parts.append('<section class="people"><h2>People</h2><dl>')
        for e in people:
            parts.append(f"<dt>{_entity_line(ann, e)}</dt>")
            for r in e.distinct_roles():
                gloss = f' <span class="gloss">— {escape(r.gloss)}</span>' if r.gloss else ""
                parts.append(f"<dd>{escape(' '.join(r.text.split()))}{gloss}</dd>")
        parts.append("</dl></section>")
    for label, heading in HEADINGS:
        # listed where the reader lists it: a country tagged ORG is under Places
        group = [e for e in ents if e.listed_as == label
                 or (label == "MISC" and e.listed_as not in ("PER", "ORG", "LOC"))]
        if group:
            parts.append(f'<section class="entities-{label.lower()}"><h2>{heading}</h2>'
                         '<ul class="others">')
            parts.extend(f"<li>{_entity_line(ann, e)}</li>" for e in group)
            parts.append("</ul></section>")
    parts += ["<article>", body_html(ann), "</article>",
              f'<p class="note">Exported by personae {escape(__version__)}.</p>',
              "</body>", "</html>"]
    return "\n".join(p for p in parts if p) + "\n"


def dumps(ann: Annotations) -> str:
    return page(ann)


