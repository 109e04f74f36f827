"""``html``: one standalone page (no scripts, no outside fonts or styles).

A header (title, source, model), a legend of the entity labels, the people
with their roles and glosses, the other entities, then the article with the
mentions and role phrases highlighted by spaCy's displaCy (``style="ent"``,
``manual=True``). Everything from the article is HTML-escaped; labels, which
displaCy writes as they are, are made identifiers first (``<script>`` becomes
``script``). Opens in any
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


def body_html(ann: Annotations) -> str:
    """The article with highlights, by displaCy (it escapes the text)."""
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from spacy import displacy

    # displaCy puts labels into the page unescaped: only identifiers go in
    spans = [(m.start, m.end, label_id(m.label))
             for m in sorted(ann.mentions, key=lambda m: m.start)]
    taken = [(s, e) for s, e, _ in spans]
    for ent in ann.entities:
        for r in ent.roles:
            if all(r.end <= a or r.start >= b for a, b in taken):
                spans.append((r.start, r.end, ROLE_LABEL))
                taken.append((r.start, r.end))
    spans.sort()
    labels = {label for _, _, label in spans}
    doc = {"text": ann.text, "title": None,
           "ents": [{"start": s, "end": e, "label": label} for s, e, label in spans]}
    options = {"colors": {label: _color(label) for label in labels}}
    return displacy.render(doc, style="ent", manual=True, page=False, options=options)


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
        group = [e for e in ents if e.label == label
                 or (label == "MISC" and e.label not in ("PER", "ORG", "LOC"))]
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


