"""Undo and redo over typed edits, outside any widget (as Textual keeps its editor's history).

A :class:`History` holds the analysis as the pipeline gave it (``original``), the
edits done on it in order and the ones undone since. ``current`` is the analysis
as the user sees it: ``original`` prepared (the caller's ``prepare``: the user's
rules) with every done edit applied. Doing an edit applies it to ``current`` in
place; undoing one replays the edits before it on a fresh copy of ``original``,
so an undo gives exactly what the article would show had the edit never been made
(see :mod:`tui.document.edits` for why an edit has no inverse edit); redoing one
applies it again. Nothing here reads or writes a file: :mod:`tui.core.editing`
keeps the corrections log equal to ``done``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from tui.document.edits import Edit, Status, apply_status, replay
from tui.document.model import Annotations


@dataclass
class Step:
    """One edit on the history, with what the front end keeps beside it (``note``)."""

    edit: Edit
    note: Any = None


class History:
    """The done and undone edits of one article (see the module docstring)."""

    def __init__(self, original: Annotations, edits: Iterable[Edit] = (),
                 prepare: Callable[[Annotations], None] | None = None,
                 current: Annotations | None = None) -> None:
        """``current``, when the caller has it already: ``original`` prepared with
        ``edits`` applied (the history then does not replay them)."""
        self.original = original
        self.prepare = prepare
        self.done: list[Step] = [Step(e) for e in edits]
        self.undone: list[Step] = []
        self.gone: list[Edit] = []  # done edits whose target is not in this analysis
        if current is None:
            self.rebuild()
        else:
            self.current = current

    @property
    def edits(self) -> list[Edit]:
        return [s.edit for s in self.done]

    def rebuild(self) -> Annotations:
        """``current`` again from ``original``: after an undo, or when ``prepare`` gives
        something else (the user's rules changed)."""
        ann = self.original.copy()
        ann.source = self.original.source
        if self.prepare is not None:
            self.prepare(ann)
        self.gone = replay(ann, self.edits)
        ann.original = self.original
        self.current = ann
        return ann

    def do(self, edit: Edit, note: Any = None) -> Status:
        """Apply ``edit`` to ``current``; kept (and the redo list cleared) only when it
        changed something."""
        status = apply_status(self.current, edit)
        if status is Status.APPLIED:
            self.done.append(Step(edit, note))
            self.undone.clear()
        return status

    def undo(self) -> Step | None:
        """Take back the last edit; None when there is none."""
        if not self.done:
            return None
        step = self.done.pop()
        self.undone.append(step)
        self.rebuild()
        return step

    def redo(self) -> tuple[Step, bool] | None:
        """Apply the last undone edit again: (its step, whether it applied; one that no
        longer applies is dropped). None when there is nothing to redo."""
        if not self.undone:
            return None
        step = self.undone.pop()
        applied = apply_status(self.current, step.edit) is Status.APPLIED
        if applied:
            self.done.append(step)
        return step, applied
