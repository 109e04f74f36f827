"""The side panel: people first, then organisations, places and the rest.

Every piece of text shown here comes from the article, so it is put into
``rich.text.Text`` objects, never into markup strings.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.navigation import fold
from tui.document import LABEL_PLURALS, Annotations, Entity

SECTIONS = tuple(LABEL_PLURALS.items())
LABEL_STYLE = {"PER": "bold", "ORG": "", "LOC": "", "MISC": "italic"}


def entity_lines(entity: Entity, show_variants: bool, marked: bool,
                 corrected: bool = False) -> tuple[Text, list[Text]]:
    """The entity's name line and its detail lines (roles with glosses, variants).
    ``corrected``: the user corrected it (marked ✎)."""
    head = Text(no_wrap=False, overflow="fold")
    if marked:
        head.append("◆ ", style="bold")
    head.append(entity.name, style=LABEL_STYLE.get(entity.label, ""))
    head.append(f"  {len(entity.mentions)}", style="dim")
    if corrected:
        head.append("  ✎", style="bold")
        head.append(" corrected", style="dim italic")
    if entity.ambiguous:
        head.append("  ?", style="bold")
        head.append(" ambiguous", style="dim italic")
    details: list[Text] = []
    for role in entity.distinct_roles():
        line = Text(role.text)
        if role.gloss:
            line.append(" · ", style="dim")
            line.append(role.gloss, style="dim italic")
        details.append(line)
    others = [v for v in entity.variants if v != entity.name]
    if others and show_variants:
        details.append(Text("= " + " = ".join(others), style="dim"))
    elif others:
        details.append(Text(f"+{len(others)} variant{'s' if len(others) > 1 else ''} (v)", style="dim"))
    return head, details


def matches_filter(entity: Entity, needle: str) -> bool:
    """Whether the folded ``needle`` is in the entity's name, a variant, a role or a gloss
    (ignoring case and accents: "vigano" finds "Viganò", "ministro" the minister)."""
    fields = [entity.name, *entity.variants]
    for role in entity.roles:
        fields += [role.text, role.gloss]
    return any(needle in fold(f) for f in fields if f)


def entity_prompt(entity: Entity, show_variants: bool, marked: bool, corrected: bool = False):
    head, details = entity_lines(entity, show_variants, marked, corrected)
    if not details:
        return head
    grid = Table.grid()
    grid.add_column(width=2)
    grid.add_column(ratio=1)
    for line in details:
        grid.add_row("", line)
    return Group(head, grid)


def entity_plain(entity: Entity, show_variants: bool = False, corrected: bool = False) -> str:
    head, details = entity_lines(entity, show_variants, False, corrected)
    return "\n".join([head.plain, *("  " + d.plain for d in details)])


class EntityPanel(OptionList):
    """Entities grouped by type; option ids are entity ids."""

    BINDINGS = [
        Binding("enter", "select", "Select"),  # in the footer while the panel has focus
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    EntityPanel, EntityPanel:focus { height: 1fr; border: none; padding: 0 0; background: $panel; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.annotations: Annotations | None = None
        self.filter_text = ""
        self.show_variants = False
        self.marked = ""
        self.corrected: set[str] = set()  # ids of the entities the user corrected

    def show(self, ann: Annotations | None) -> None:
        self.annotations = ann
        self.rebuild()

    def rebuild(self, keep: str | None = None) -> None:
        keep = keep if keep is not None else self.highlighted_entity
        self.clear_options()
        ann = self.annotations
        if ann is None:
            return
        needle = fold(self.filter_text.strip())
        options: list[Option | None] = []
        by_label: dict[str, list[Entity]] = {}
        for e in ann.sorted_entities():
            if needle and not matches_filter(e, needle):
                continue
            by_label.setdefault(e.listed_as if e.listed_as in dict(SECTIONS) else "MISC", []).append(e)
        for label, title in SECTIONS:
            ents = by_label.get(label)
            if not ents:
                continue
            if options:
                options.append(None)
            options.append(Option(Text(f"{title} ({len(ents)})", style="bold underline"),
                                  id=f"section:{label}", disabled=True))
            for e in ents:
                options.append(Option(entity_prompt(e, self.show_variants, e.id == self.marked,
                                                   e.id in self.corrected), id=e.id))
        if not options:
            msg = "No match" if needle else "No entities found"
            options.append(Option(Text(msg, style="dim italic"), id="section:none", disabled=True))
        self.add_options(options)
        if keep:
            self.highlight_entity(keep)
        else:
            self.highlight_first()

    def highlight_first(self) -> None:
        for i in range(self.option_count):
            if not self.get_option_at_index(i).disabled:
                self.highlighted = i
                return

    def highlight_entity(self, eid: str) -> None:
        try:
            self.highlighted = self.get_option_index(eid)
        except Exception:  # not shown (filtered out)
            self.highlight_first()

    def plain_text(self) -> str:
        """What the panel lists, as plain text (section titles, names, roles)."""
        ann = self.annotations
        lines = []
        for i in range(self.option_count):
            opt = self.get_option_at_index(i)
            oid = opt.id or ""
            if oid.startswith("section:"):
                lines.append(str(opt.prompt))
            elif ann is not None:
                lines.append(entity_plain(ann.entity(oid), self.show_variants, oid in self.corrected))
        return "\n".join(lines)

    @property
    def highlighted_entity(self) -> str:
        if self.highlighted is None or self.option_count == 0:
            return ""
        opt = self.get_option_at_index(self.highlighted)
        return "" if (opt.id or "").startswith("section:") else (opt.id or "")
