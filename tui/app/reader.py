"""The reader screen: the article, its entities, and moving between mentions."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, ProgressBar, Static
from textual.worker import get_current_worker

from tui import display
from tui.app.article_view import ArticleView, Span
from tui.app.correct import CORRECTION_BINDINGS, CorrectionsMixin
from tui.app.dialogs import ExportScreen, SplitScreen
from tui.app.entity_panel import EntityPanel
from tui.app.focus import focus_now
from tui.app.footer import FooterEntry, KeysFooter, entry
from tui.app.messages import AnalysisDone, AnalysisFailed, AnalysisProgress, AnalysisStatus
from tui.app.navigation import Navigator, find_matches, folded
from tui.app.notices import NOTICE_S
from tui.core import analysis, editing
from tui.core.editing import Refused
from tui.document import Annotations, Mention
from tui.palette import LABEL_NAMES

# articles up to this size are looked up in the cache before the first frame
# (a few milliseconds); longer ones in the worker, so the text shows at once
SYNC_CACHE_CHARS = 200_000
PROGRESS_EVERY_S = 0.1  # the worker posts progress at most this often
_LEXICON_SAID: set[str] = set()  # lexicon problems already shown in this run


class ReaderScreen(CorrectionsMixin, Screen):
    """One article: text on the left, entities on the right."""

    BINDINGS = [
        Binding("n", "next_mention", "Next mention"),
        Binding("N", "prev_mention", "Prev mention", key_display="N", show=False),  # in the help
        Binding("right_square_bracket", "next_any", "Next entity", key_display="]"),
        Binding("left_square_bracket", "prev_any", "Prev entity", key_display="[", show=False),
        Binding("slash", "find", "Find", key_display="/"),
        Binding("r", "role", "Role evidence"),
        Binding("quotation_mark", "next_quote", "Next quotation", key_display='"'),
        Binding("e", "export", "Export"),
        Binding("v", "variants", "Variants", show=False),
        Binding("m", "merge", "Merge", show=False),
        Binding("s", "split", "Split", show=False),
        Binding("tab", "switch_focus", "Text/panel", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("enter", "select_highlighted", "Select", key_display="⏎", show=False),
        *CORRECTION_BINDINGS,  # t x X a < > , . d u U g (tui/app/correct.py)
    ]

    def __init__(self, article, model: str | None = None,
                 annotations: Annotations | None = None, can_go_back: bool = False,
                 select: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.article = article
        # (start, end) of a mention whose entity is selected once the analysis shows
        # (the People screen opens an article with its person selected, n ready)
        self._select = select
        self.model = model
        self.annotations: Annotations | None = annotations
        self.can_go_back = can_go_back
        self.nav: Navigator | None = None
        self.role_index = -1
        self.quote_index = -1  # the quotation the reader last jumped to
        self.find_pos = -1
        self.analysis_seconds: float | None = None
        self.from_cache = False

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield Static(self._meta_text(), id="meta")
                yield ArticleView(self.article.text, id="article")
                yield Input(placeholder="Find in the text (enter: next, escape: close)", id="find")
            with Vertical(id="side"):
                yield Input(placeholder="Filter by name", id="filter")
                yield EntityPanel(id="panel")
        with Horizontal(id="status"):
            yield Static("", id="legend")
            yield Static("", id="position")
            yield ProgressBar(total=None, show_eta=False, id="progress")
        yield KeysFooter()

    def _meta_text(self) -> Text:
        t = Text(overflow="ellipsis", no_wrap=True)
        a = self.article
        if a.date:
            t.append(a.date, style="bold")
        if a.byline:
            if t:
                t.append(" · ")
            t.append(a.byline, style="dim")
        return t

    def on_mount(self) -> None:
        self.title = display.line(self.article.title) or display.path(self.article.stem)
        self.sub_title = display.path(self.article.stem)
        meta = self.query_one("#meta", Static)
        meta.display = bool(self.article.date or self.article.byline)
        self.query_one("#find", Input).display = False
        self.query_one("#filter", Input).display = False
        self._paint_legend()
        # repainted once the new theme's styles are in place (the signal comes after the
        # app has refreshed its CSS), also when the theme was chosen on a screen above this one
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._paint_legend())
        focus_now(self.view)
        if self.annotations is None and len(self.article.text) <= SYNC_CACHE_CHARS:
            self.annotations = analysis.cached(self.article.text, self.article.source, self.model)
        if self.annotations is not None:
            self.show_annotations(self.annotations, True, 0.0)
        else:
            # start the analysis once the text is on screen: importing spaCy in the
            # worker holds the GIL for a while and must not delay the first frame
            self.call_after_refresh(self.analyse)

    def _paint_legend(self) -> None:
        """The legend of the entity types in this article, in the colours the text shows them
        with in the current theme (repainted when the theme changes)."""
        view = self.view
        view.notify_style_update()
        present = {sp.label if sp.label in LABEL_NAMES else "MISC" for sp in view.spans}
        t = Text()
        for label, name in LABEL_NAMES.items():
            if label in present:
                t.append(f" {name} ", style=view.get_component_rich_style(f"article-view--{label.lower()}"))
                t.append(" ")
        self.query_one("#legend", Static).update(t)

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def panel(self) -> EntityPanel:
        return self.query_one("#panel", EntityPanel)

    def set_status(self, text: str | Text) -> None:
        self.query_one("#position", Static).update(text)

    # -- analysis -----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self) -> None:
        """Run the analysis off the UI thread; results come back as messages."""
        worker = get_current_worker()
        start = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if done == total or now - last[0] > PROGRESS_EVERY_S:
                last[0] = now
                self.post_message(AnalysisProgress(done, total))

        self.post_message(AnalysisStatus("Loading the language pipeline…"))
        try:
            view = self.view   # a long article's names show as its chunks are analysed
            ann, hit = analysis.analyse_text(self.article.text, self.article.source, self.model,
                                    progress=progress, cancelled=lambda: worker.is_cancelled,
                                    partial=lambda spans: view.post_message(ArticleView.Provisional(spans)))
        except analysis.Cancelled:
            return
        except analysis.ModelError as exc:
            self.post_message(AnalysisFailed(str(exc)))
            return
        except Exception as exc:  # the app must keep running whatever the pipeline does
            self.post_message(AnalysisFailed(f"analysis failed: {type(exc).__name__}: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(AnalysisDone(ann, hit, time.perf_counter() - start))

    @work(thread=True, exclusive=True, group="ner-check")
    def _check_ner(self) -> None:
        """Warn when the pipeline has no named-entity component (an empty analysis is then
        no news about the article)."""
        try:
            warning = analysis.ner_warning(self.model)
        except Exception:  # noqa: BLE001 - a pipeline that cannot load was reported already
            return
        if warning:
            self.app.call_from_thread(self.notify, warning[:1].upper() + warning[1:] + ".",
                                      title="Pipeline", severity="warning", timeout=12,
                                      markup=False)

    def on_analysis_status(self, message: AnalysisStatus) -> None:
        self.set_status(Text(message.text, style="dim"))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(message.total, 1), progress=message.done)
        self.set_status(Text(f"Analysing… {message.done}/{message.total} paragraphs", style="dim"))

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.set_status(Text("No analysis", style="dim"))

        self.notify(display.message(message.reason), title="Analysis", severity="error", timeout=10,
                    markup=False)

    def on_analysis_done(self, message: AnalysisDone) -> None:
        self.show_annotations(message.annotations, message.from_cache, message.seconds)

        for problem in analysis.lexicon_problems():  # the user's lexicons: bad lines were skipped (said once)
            if problem not in _LEXICON_SAID:
                _LEXICON_SAID.add(problem)
                self.notify(display.message(problem), title="Your lexicon", severity="warning", timeout=10,
                            markup=False)

    def show_annotations(self, ann: Annotations, from_cache: bool, seconds: float) -> None:
        self.annotations = ann
        self.from_cache = from_cache
        self.analysis_seconds = seconds
        self.query_one("#progress", ProgressBar).display = False
        self.refresh_spans()
        self.panel.show(ann)
        self.corrections_ready(ann)  # undo stack, corrected marks, what the replay skipped
        self.set_status(self.summary())
        if not ann.mentions and ann.text.strip():
            self._check_ner()  # nothing found: say so when the pipeline cannot find names
        if self._select is not None:
            start, end = self._select
            self._select = None
            hit = ann.mentions_between(start, end)
            if hit:
                self.select_entity(hit[0].entity, jump=True)

    def summary(self) -> Text:
        """The status line's counts of the analysis as it stands (corrections included)."""
        ann = self.annotations
        if ann is None:
            return Text("")
        people = sum(1 for e in ann.entities if e.label == "PER")
        where = "cached" if self.from_cache else f"in {self.analysis_seconds or 0:.1f} s"
        return Text(f"{people} people, {len(ann.entities)} entities, "
                    f"{len(ann.mentions)} mentions ({where})", style="dim")

    def refresh_spans(self) -> None:
        ann = self.annotations
        assert ann is not None
        self.nav = Navigator(ann)
        # a mention is coloured as its entity is listed (one string can be tagged
        # ORG here and LOC there; the entity takes the label it has most often)
        label_of = {e.id: e.label for e in ann.entities}
        self.view.set_spans([Span(m.start, m.end, label_of.get(m.entity, m.label), m.id, m.entity)
                             for m in self.nav.in_order])
        self.view.set_quotes([(q.start, q.end) for q in ann.quotes])
        self._paint_legend()

    # -- selection and movement -----------------------------------------------------
    @on(OptionList.OptionSelected, "#panel")
    def _entity_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.id.startswith("section:"):
            self.select_entity(event.option.id, jump=True)

    @on(ArticleView.MentionClicked)
    def _mention_clicked(self, event: ArticleView.MentionClicked) -> None:
        self.select_entity(event.entity, jump=False)
        ann = self.annotations
        if ann is not None:
            m = ann.mention(event.mention)
            self.move_to(m)

    def select_entity(self, eid: str, jump: bool = True) -> None:
        if self.annotations is None:
            return
        self.view.select_entity(eid)
        self.panel.highlight_entity(eid)
        self.panel.show_quotes_of(eid)
        self.role_index = -1
        self.quote_index = -1
        if jump:
            ms = self.annotations.mentions_of(eid)
            if ms:
                self.move_to(ms[0])

    @property
    def selected_entity(self) -> str:
        return self.view.selected_entity

    def move_to(self, m: Mention) -> None:
        self.view.set_cursor(Span(m.start, m.end, m.label, m.id, m.entity))
        self._show_position(m)

    def _show_position(self, m: Mention) -> None:
        ann = self.annotations
        assert ann is not None and self.nav is not None
        k, n = self.nav.position(m)
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{k}/{n}  ")  # first, so that a long name never hides it
        t.append(ann.entity(m.entity).name, style="bold")
        said = self._said_by(m.start)
        if said is not None:
            t.append("  ❝ ", style="dim")
            t.append(said)
        self.set_status(t)

    def _said_by(self, offset: int) -> str | None:
        """Who said the quotation at ``offset`` ("said by Serghei Lavrov"), None outside one."""
        ann = self.annotations
        if ann is None:
            return None
        q = next((q for q in ann.quotes if q.start <= offset < q.end), None)
        if q is None:
            return None
        return f"said by {ann.entity(q.speaker).name}" if q.speaker else "said by no named person"

    def action_next_quote(self) -> None:
        """The selected person's next quotation (all quotations when no person is
        selected), wrapping, with its counter: "2/5 ❝ Serghei Lavrov: Rubio e io…"."""
        if self._need_analysis():
            return
        ann = self.annotations
        assert ann is not None
        eid = self.selected_entity
        quotes = ann.quotes_of(eid) if eid else sorted(ann.quotes, key=lambda q: q.start)
        if not quotes:
            who = ann.entity(eid).name if eid else "this article"
            self.notify(f"No quotations of {who}.", timeout=NOTICE_S, markup=False)
            return
        self.quote_index = (self.quote_index + 1) % len(quotes)
        q = quotes[self.quote_index]
        self.view.set_evidence((q.start, q.end))
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{self.quote_index + 1}/{len(quotes)}  ❝ ")
        t.append(ann.entity(q.speaker).name if q.speaker else "no named person", style="bold")
        t.append(": " + q.text)
        self.set_status(t)

    def _need_analysis(self) -> bool:
        if self.annotations is None:
            self.notify("The analysis is still running.", timeout=NOTICE_S, markup=False)
            return True
        return False

    def _step_entity(self, direction: int) -> None:
        if self._need_analysis():
            return
        ann = self.annotations
        eid = self.selected_entity or (self.view.cursor.entity if self.view.cursor else "")
        if not eid:
            eid = self.panel.highlighted_entity
            if not eid:
                self.notify("Select an entity first: enter in the panel, or click a name.", timeout=NOTICE_S, markup=False)
                return
            self.view.select_entity(eid)
        cur = self.view.cursor
        at = ann.mention(cur.mention) if cur is not None else None
        target = self.nav.step_entity(eid, at, direction)
        if target is not None:
            self.move_to(target)

    def action_next_mention(self) -> None:
        self._step_entity(+1)

    def action_prev_mention(self) -> None:
        self._step_entity(-1)

    def _step_any(self, direction: int) -> None:
        if self._need_analysis():
            return
        cur = self.view.cursor
        m = self.nav.step_any(cur.start if cur is not None else None, self.view.top_offset(),
                              direction)
        if m is None:
            return
        if m.entity != self.view.selected_entity:
            self.view.select_entity(m.entity)
            self.panel.highlight_entity(m.entity)
        self.move_to(m)

    def action_next_any(self) -> None:
        self._step_any(+1)

    def action_prev_any(self) -> None:
        self._step_any(-1)

    def action_role(self) -> None:
        """Jump to the sentence that states the selected person's role (cycles)."""
        if self._need_analysis():
            return
        eid = self.selected_entity or self.panel.highlighted_entity
        if not eid:
            self.notify("Select a person first.", timeout=NOTICE_S, markup=False)
            return
        e = self.annotations.entity(eid)
        roles = sorted(e.roles, key=lambda r: r.start)
        if not roles:
            lang = self.annotations.model.lang or "it"
            if not lang.startswith("it"):  # roles are read with Italian phrase rules only
                self.notify(f"No roles: roles are Italian only (this pipeline is {lang!r}).",
                            timeout=NOTICE_S, markup=False)
            else:
                self.notify(f"The text gives no role for {e.name}.", timeout=NOTICE_S, markup=False)
            return
        self.role_index = (self.role_index + 1) % len(roles)
        r = roles[self.role_index]
        self.view.set_evidence(r.sentence)
        t = Text()
        t.append(e.name, style="bold")
        t.append(" — ")
        t.append(r.text)
        if r.gloss:
            t.append(" · ")
            t.append(r.gloss, style="dim italic")
        t.append(f"  evidence {self.role_index + 1}/{len(roles)}", style="dim")
        self.set_status(t)

    # -- the footer: the keys of the current mode ---------------------------------------
    def footer_mode(self) -> str:
        """"find", "filter", "merge" (an entity is marked), "panel" or "text"."""
        focused = self.focused
        if focused is not None and focused.id in ("find", "filter"):
            return str(focused.id)
        if self.panel.marked:
            return "merge"
        if self.view.pending is not None:
            return "select"
        return "panel" if focused is self.panel else "text"

    FOOTER = {
        "text": [entry("select_highlighted", "Select", None), entry("next_mention", "Next mention", "Next"),
                 entry("next_any", "Next entity", "Entity"),
                 entry(("prev_mention", "prev_any"), "Previous", "Back"),
                 entry("find", "Find"), entry("role", "Role"), entry("switch_focus", "Panel"),
                 entry("export", "Export"), entry("undo", "Undo", None)],
        "panel": [entry("select", "Select"), entry("find", "Filter"), entry("variants", "Variants"),
                  entry("merge", "Merge"), entry("split", "Split"), entry("switch_focus", "Text"),
                  entry(("next_mention", "prev_mention"), "Mention", None), entry("export", "Export"),
                  entry("retype", "Type", None), entry("remove_entity", "Remove", None)],
        "merge": [entry("merge", "Merge into this one", "Merge here"), entry("back", "Cancel merge", "Cancel"),
                  entry("select", "Select")],
        "find": [entry("submit", "Next match"), entry("back", "Close find", "Close")],
        # the keyboard selection of words to tag (a): tui/app/correct.py
        "select": [entry("sel_done", "Tag the selection", "Tag"),
                   entry(("sel_grow_end", "sel_shrink_end"), "Longer/shorter", "Size"),
                   entry(("sel_grow_start", "sel_shrink_start"), "Move the start", None),
                   entry(("sel_next", "sel_prev"), "Move", "Move"),
                   entry("sel_cancel", "Cancel", "Cancel")],
        "filter": [entry("submit", "Show the list", "Done"), entry("back", "Clear the filter", "Clear")],
    }

    def footer_keys(self) -> list[FooterEntry]:
        return self.FOOTER[self.footer_mode()]

    def footer_known(self) -> set[str]:
        return {a for entries in self.FOOTER.values() for e in entries for a in e.actions} | {
            "back", "switch_focus", "role", "next_any", "prev_any", "prev_mention", "variants",
            "merge", "split"} | {b.action for b in CORRECTION_BINDINGS}

    def action_select_highlighted(self) -> None:
        """Enter on the text: select the entity the panel has highlighted."""
        eid = self.panel.highlighted_entity
        if eid and self.annotations is not None:
            self.select_entity(eid, jump=True)

    # -- focus, find, filter ------------------------------------------------------------
    def action_switch_focus(self) -> None:
        if self.focused is self.view:
            self.panel.focus()
        else:
            self.view.focus()

    def action_find(self) -> None:
        if self.focused is self.panel or self.focused is self.query_one("#filter", Input):
            box = self.query_one("#filter", Input)
        else:
            box = self.query_one("#find", Input)
            self._fold_text()  # while the first letter is typed
        box.display = True
        focus_now(box)

    @work(thread=True, exclusive=True, group="fold")
    def _fold_text(self) -> None:
        """Fold the article once for find (a few tenths of a second for a megabyte)."""
        folded(self.view.text)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.panel.filter_text = event.value
        self.panel.rebuild()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.panel.focus()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        needle = event.value
        matches = find_matches(self.view.text, needle)
        self.view.set_matches(matches)
        if not needle.strip():
            return
        self.find_pos = -1
        if matches:
            self._goto_match(+1)
        else:
            self.set_status(Text("No match", style="dim"))

    @on(Input.Submitted, "#find")
    def _find_next(self) -> None:
        self._goto_match(+1)

    def _goto_match(self, direction: int) -> None:
        matches = self.view.matches
        if not matches:
            return
        self.find_pos = (self.find_pos + direction) % len(matches)
        self.view.set_current_match(self.find_pos)
        self.view.scroll_to_offset(matches[self.find_pos][0])
        self.set_status(Text(f"Match {self.find_pos + 1}/{len(matches)}"))

    def action_back(self) -> None:
        find = self.query_one("#find", Input)
        flt = self.query_one("#filter", Input)
        if self.focused is find or find.display:
            find.value = ""
            find.display = False
            self.view.set_matches([])
            self.find_pos = -1
            self._restore_status()
            self.view.focus()
        elif self.focused is flt or flt.display:
            flt.value = ""
            flt.display = False
            self.panel.focus()
        elif self.panel.marked:
            self.panel.marked = ""
            self.panel.rebuild()
            self.refresh_bindings()
            self.notify("Merge cancelled.", timeout=2, markup=False)
        elif self.view.evidence is not None:
            self.view.set_evidence(None)
        elif self.can_go_back:
            self.app.pop_screen()

    # -- corrections ------------------------------------------------------------------
    def action_variants(self) -> None:
        self.panel.show_variants = not self.panel.show_variants
        self.panel.rebuild()

    def action_merge(self) -> None:
        if self._need_analysis():
            return
        eid = self.panel.highlighted_entity
        if not eid:
            return
        ann = self.annotations
        if not self.panel.marked or self.panel.marked not in {e.id for e in ann.entities}:
            self.panel.marked = eid
            self.panel.rebuild(keep=eid)
            self.refresh_bindings()
            self.notify(f"Marked {ann.entity(eid).name}: move to the entity to merge it with "
                             "and press m again (escape cancels).", timeout=5, markup=False)
            return
        other = self.panel.marked
        self.panel.marked = ""
        self.refresh_bindings()
        if other == eid:
            self.panel.rebuild(keep=eid)
            return
        try:
            edit = editing.merge_op(ann, eid, other)
        except Refused as exc:
            self.notify(str(exc), severity="warning", markup=False)
            self.panel.rebuild(keep=eid)
            return
        kept = self.apply_edit(edit, say=False)
        if kept:
            self.notify(f"Merged into {ann.entity(kept).name}.", timeout=NOTICE_S, markup=False)

    def action_split(self) -> None:
        if self._need_analysis():
            return
        eid = self.panel.highlighted_entity
        if not eid:
            return
        e = self.annotations.entity(eid)
        if len(e.variants) < 2:
            self.notify(f"{e.name} has a single spelling: nothing to split.", timeout=NOTICE_S, markup=False)
            return
        def done(variant: str | None) -> None:
            if not variant:
                return
            self.apply_edit(editing.split_op(self.annotations, eid, variant), say=False)
            self.notify(f"“{variant}” is now an entity of its own.", timeout=NOTICE_S, markup=False)

        self.app.push_screen(SplitScreen(e), done)

    # apply_edit: CorrectionsMixin (merges and splits are undoable like every correction)

    def _restore_status(self) -> None:
        """The status line as it was before find: the cursor's mention, else the counts."""
        cur = self.view.cursor
        if cur is not None and self.annotations is not None and self.nav is not None:
            try:
                self._show_position(self.annotations.mention(cur.mention))
                return
            except KeyError:
                pass
        self.set_status(self.summary())

    def action_export(self) -> None:
        if self._need_analysis():
            return
        self.app.push_screen(ExportScreen(self.annotations, self.article.stem))

