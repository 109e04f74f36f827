"""Undo and redo on the edit history alone (tui.document.history), with no screen and no file."""

from __future__ import annotations

from edit_fixtures import build, by_name, random_edit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import editing as C
from tui.document.edits import Retype, Status
from tui.document.history import History


def _seen(ann) -> dict:
    """The analysis as it would be exported (ids included): what the user sees."""
    return ann.to_dict()


def _history_with_random_edits(data) -> tuple[History, list[dict]]:
    """A history after a random sequence of edits; the state after each applied one."""
    history = History(build())
    states = [_seen(history.current)]
    for _ in range(data.draw(st.integers(1, 10))):
        edit = random_edit(history.current, data.draw)
        if edit is not None and history.do(edit) is Status.APPLIED:
            history.current.check()
            states.append(_seen(history.current))
    return history, states


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_applying_random_edits_then_undoing_them_all_gives_the_original(data):
    history, states = _history_with_random_edits(data)
    assert len(history.done) == len(states) - 1
    while history.done:
        history.undo()
        history.current.check()
        states.pop()
        assert _seen(history.current) == states[-1]  # each undo gives the state before
    assert _seen(history.current) == _seen(build())
    assert history.undo() is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undo_then_redo_gives_back_the_same_analysis(data):
    history, states = _history_with_random_edits(data)
    k = data.draw(st.integers(0, len(history.done)))
    for _ in range(k):
        history.undo()
    for _ in range(k):
        step, applied = history.redo()
        assert applied, step.edit
    assert _seen(history.current) == states[-1]
    assert history.redo() is None


def test_a_new_edit_after_an_undo_clears_what_could_be_redone():
    history = History(build())
    sallusti = by_name(history.current, "Sallusti")
    assert history.do(C.retype_op(history.current, sallusti.id, "PER")) is Status.APPLIED
    history.undo()
    assert len(history.undone) == 1
    trani = by_name(history.current, "Trani")
    assert history.do(C.retype_op(history.current, trani.id, "ORG")) is Status.APPLIED
    assert history.undone == [] and history.redo() is None
    assert by_name(history.current, "Trani").label == "ORG"
    assert by_name(history.current, "Sallusti").label == "LOC"  # the undone one stays undone


def test_an_edit_that_changes_nothing_is_not_kept():
    history = History(build())
    trani = by_name(history.current, "Trani")
    at = (history.current.mentions_of(trani.id)[0].start,
          history.current.mentions_of(trani.id)[0].end)
    assert history.do(Retype(at, "LOC")) is Status.SATISFIED  # it is a place already
    assert history.done == []


def test_prepare_runs_before_the_edits_on_every_rebuild():
    """The user's rules (``prepare``) apply under the edits, again after an undo."""
    calls = []

    def prepare(ann):
        calls.append(1)
        by = {e.name: e for e in ann.entities}
        ann.retype(by["Roma"].id, "ORG")

    history = History(build(), prepare=prepare)
    assert by_name(history.current, "Roma").label == "ORG"
    sallusti = by_name(history.current, "Sallusti")
    history.do(C.retype_op(history.current, sallusti.id, "PER"))
    history.undo()
    assert len(calls) == 2  # built, then rebuilt by the undo (not by the edit)
    assert by_name(history.current, "Roma").label == "ORG"
    assert by_name(history.current, "Sallusti").label == "LOC"
    assert history.current.original is history.original


# -- the editor: the history and the corrections log are one ------------------------------------

def test_the_log_on_disk_holds_what_the_history_holds(cache_dir, tmp_path, monkeypatch):
    from tui.store import corrections as logfile
    from tui.store import rules

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    editor = C.Editor(C.apply_all(build()))
    ann = editor.current

    def logged():
        return [e.to_dict() for e in editor.history.edits]

    assert editor.do(C.retype_op(ann, by_name(ann, "Sallusti").id, "PER")).applied
    assert editor.do(C.remove_entity_op(ann, by_name(ann, "Luca Onlus").id)).applied
    assert logfile.load_ops(ann.text) == logged() and len(logged()) == 2
    reads = []
    monkeypatch.setattr(rules, "load", lambda: reads.append(1) or ([], []))
    assert editor.undo().what == "“Luca Onlus” is not an entity"
    assert logfile.load_ops(ann.text) == logged() and len(logged()) == 1
    assert editor.redo().applied
    assert logfile.load_ops(ann.text) == logged() and len(logged()) == 2
    assert reads == []  # no rule was involved: the rules file is not read again
    # a reopened article starts from the log: the same edits, undoable
    again = C.Editor(C.apply_all(build()))
    assert [s.edit for s in again.history.done] == editor.history.edits
    assert again.current.to_dict() == editor.current.to_dict()
