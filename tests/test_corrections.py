"""The user's corrections: the typed edits (tui.document.edits) and their builders (tui.core.editing)
on hand-built annotations, the corrections log (tui.store.corrections) and the rules
(tui.store.rules): each kind of edit, replay after the analysis changed, damaged and
concurrent logs, random sequences of edits with undo, and the rules file."""

from __future__ import annotations

import json
import multiprocessing
import os

import pytest
from edit_fixtures import TAGS, TEXT, build, by_name, random_edit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import editing as C
from tui.document import Annotations
from tui.document import edits as E
from tui.document import rules as rule_model
from tui.store import corrections as logfile
from tui.store import rules as R


def span_of(text: str, surface: str, n: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(n + 1):
        i = text.index(surface, i + 1)
    return i, i + len(surface)


# -- each kind ------------------------------------------------------------------------------

def test_retype_moves_every_mention_and_then_merges_with_the_new_type():
    ann = build()
    s = by_name(ann, "Sallusti")
    with pytest.raises(C.Refused):  # a place and a person do not merge
        C.merge_op(ann, s.id, by_name(ann, "Alessandro Sallusti").id)
    assert E.apply_op(ann, C.retype_op(ann, s.id, "PER"))
    ann.check()
    assert s.label == "PER" and all(ann.mention(m).label == "PER" for m in s.mentions)
    assert E.apply_op(ann, C.merge_op(ann, s.id, by_name(ann, "Alessandro Sallusti").id))
    ann.check()
    person = by_name(ann, "Alessandro Sallusti")
    assert len(person.mentions) == 4  # named four times: n now says 1/4 .. 4/4


def test_remove_a_mention_and_a_whole_entity():
    ann = build()
    trani = by_name(ann, "Trani")
    first = ann.mentions_of(trani.id)[0]
    assert E.apply_op(ann, C.remove_op(ann, first.id))
    ann.check()
    assert len(trani.mentions) == 1
    onlus = by_name(ann, "Luca Onlus")
    assert E.apply_op(ann, C.remove_entity_op(ann, onlus.id))
    ann.check()
    assert "Luca Onlus" not in {e.name for e in ann.entities}
    assert not [m for m in ann.mentions if m.text == "Luca Onlus"]


def test_add_a_missing_person_and_every_other_occurrence():
    ann = build()
    s, e = span_of(TEXT, "Brice Feillu")
    op = C.add_op(ann, s - 1, e + 1, "PER")  # the selection's spaces are trimmed
    assert op.spans == ((s, e),)
    assert E.apply_op(ann, op)
    ann.check()
    brice = by_name(ann, "Brice Feillu")
    assert brice.label == "PER" and len(brice.mentions) == 1
    # a string that is there twice, untagged: tag both in one operation
    a, b = span_of(TEXT, "direttore")
    assert C.other_occurrences(ann, a, b) == 0
    ann2 = build(tags=[t for t in TAGS if t[0] != "Trani"])
    a, b = span_of(TEXT, "Trani")
    assert C.other_occurrences(ann2, a, b) == 1
    op = C.add_op(ann2, a, b, "LOC", everywhere_in_text=True)
    assert E.apply_op(ann2, op)
    ann2.check()
    assert len(by_name(ann2, "Trani").mentions) == 2


def test_an_added_surname_joins_the_person_it_names():
    ann = build(tags=[t for t in TAGS if t[0] not in ("Sallusti",)])
    a, b = span_of(TEXT, "Sallusti", 1)
    op = C.add_op(ann, a, b, "PER")
    assert E.apply_op(ann, op)
    ann.check()
    assert len(by_name(ann, "Alessandro Sallusti").mentions) == 2


def test_an_add_over_a_tagged_word_is_refused():
    ann = build()
    a, b = span_of(TEXT, "Trani")
    with pytest.raises(C.Refused):
        C.add_op(ann, a, b, "PER")


def test_boundaries_grow_and_shrink_by_a_word():
    ann = build()
    leo = ann.mentions_of(by_name(ann, "Leopard").id)[0]
    op = C.resize_op(ann, leo.id, "end", grow=True)
    assert E.apply_op(ann, op)
    ann.check()
    assert ann.mention(leo.id).text == "Leopard - Trek"
    assert by_name(ann, "Leopard - Trek").variants == ["Leopard - Trek"]
    assert E.apply_op(ann, C.resize_op(ann, leo.id, "end", grow=False))
    assert ann.mention(leo.id).text == "Leopard"
    ann.check()
    with pytest.raises(C.Refused):  # a single word does not shrink
        C.resize_op(ann, leo.id, "start", grow=False)
    # growing into the next mention is refused: "Alessandro Sallusti e" | "Vittorio Feltri"
    a = ann.mentions_of(by_name(ann, "Alessandro Sallusti").id)[0]
    assert E.apply_op(ann, C.resize_op(ann, a.id, "end", grow=True))
    assert ann.mention(a.id).text == "Alessandro Sallusti e"
    with pytest.raises(C.Refused, match="overlap"):
        C.resize_op(ann, a.id, "end", grow=True)
    with pytest.raises(C.Refused):  # nothing before the first word of the text
        C.resize_op(ann, a.id, "start", grow=True)


def test_roles_are_added_with_a_gloss_and_removed():
    ann = build()
    person = by_name(ann, "Alessandro Sallusti")
    a, b = span_of(TEXT, "direttore")
    op = C.add_role_op(ann, person.id, a, b, C.suggest_gloss("direttore"))
    assert op.gloss  # the lexicon knows "direttore"
    assert E.apply_op(ann, op)
    ann.check()
    assert [r.text for r in person.roles] == ["direttore"]
    assert E.apply_op(ann, C.remove_role_op(person.roles[0]))
    assert person.roles == []
    ann.check()


def test_suggest_gloss_reads_the_lexicon():
    assert "minister" in C.suggest_gloss("ministro degli Esteri").lower()
    assert C.suggest_gloss("parola sconosciuta qualsiasi") == ""


# -- replay, skipped operations ------------------------------------------------------------

def test_operations_whose_target_is_gone_are_skipped_kept_and_reported(cache_dir):
    ann = build()
    s = by_name(ann, "Sallusti")
    ops = [C.retype_op(ann, s.id, "PER"), C.remove_entity_op(ann, by_name(ann, "Luca Onlus").id)]
    logfile.save_ops(TEXT, ops)
    # another pipeline: "Sallusti" is no longer tagged alone, "Luca Onlus" is "Luca Onlus aiuta"
    other = build(tags=[t for t in TAGS if t[0] not in ("Sallusti", "Luca Onlus")]
                  + [("Luca Onlus aiuta", "ORG", "x")])
    out = C.apply_all(other)
    out.check()
    assert len(out.notices) == 1
    notice = out.notices[0]
    assert "2 corrections no longer apply" in notice
    assert "“Sallusti” is a person" in notice and "“Luca Onlus” is not an entity" in notice
    assert [E.from_dict(o) for o in logfile.load_ops(TEXT)] == ops  # never dropped


def test_a_second_apply_is_satisfied_not_reported(cache_dir):
    ann = build()
    op = C.retype_op(ann, by_name(ann, "Trani").id, "ORG")
    assert C.record(ann, op)
    assert not C.record(ann, op)  # already so: nothing to record
    out = C.apply_all(build())
    assert out.notices == [] and by_name(out, "Trani").label == "ORG"
    assert out.original is not None and by_name(out.original, "Trani").label == "LOC"


# -- the file: damaged, concurrent ------------------------------------------------------------

GOOD = {"op": "retype", "at": [0, 19], "label": "ORG"}


@pytest.mark.parametrize("content", [
    b"", b"{\"version\": 2, \"ops\": [", b"\x00\xff garbage", b"[]", b"{}", b"42",
    b'{"version": 99, "ops": []}', b'{"ops": [{"op": "merge"}]}',
])
def test_a_damaged_log_is_kept_aside_and_never_overwritten(cache_dir, content):
    path = logfile.path_for(TEXT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    out = C.apply_all(build())
    out.check()
    assert any("kept as" in n for n in out.notices), out.notices
    kept = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    # the next correction does not overwrite it, and neither does another damage
    assert C.record(out, GOOD)
    assert kept[0].read_bytes() == content
    path.write_bytes(content)
    logfile.load_log(TEXT)
    assert len([p for p in path.parent.iterdir() if ".damaged-" in p.name]) == 2


def test_a_file_set_aside_is_announced_until_the_reader_has_said_so(cache_dir):
    path = logfile.path_for(TEXT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage")
    first = logfile.load_log(TEXT)
    assert "kept as" in first.problem and len(first.aside) == 1
    again = logfile.load_log(TEXT)
    assert first.aside[0] in again.problem and again.ops == []
    assert C.record(build(), GOOD) and first.aside[0] in logfile.load_log(TEXT).problem
    logfile.acknowledge(TEXT)
    log = logfile.load_log(TEXT)
    assert log.problem == "" and log.ops == [GOOD]


def test_a_log_with_one_bad_operation_keeps_the_good_ones(cache_dir):
    path = logfile.path_for(TEXT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 2, "ops": [GOOD, {"op": "merge"}]}))
    log = logfile.load_log(TEXT)
    assert log.ops == [GOOD] and "1 operation that cannot be read" in log.problem
    assert logfile.load_ops(TEXT) == [GOOD]  # written back, the original kept aside
    assert len([p for p in path.parent.iterdir() if ".damaged-" in p.name]) == 1


def test_a_log_that_is_a_fifo_or_a_link_to_a_device_is_not_read(cache_dir, tmp_path):
    path = logfile.path_for(TEXT)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    log = logfile.load_log(TEXT)  # would hang on open
    assert "not a regular file" in log.problem and log.ops == []
    assert path.is_file() and logfile.load_log(TEXT).ops == []  # a fresh log in its place
    path.unlink()
    path.symlink_to("/dev/zero")
    log = logfile.load_log(TEXT)
    assert "not a regular file" in log.problem
    assert os.path.exists("/dev/zero") and not path.is_symlink()


def test_a_version_1_log_still_reads():
    ops = [{"op": "merge", "keep": [0, 19], "other": [53, 61]}]
    logfile.path_for(TEXT).parent.mkdir(parents=True, exist_ok=True)
    logfile.path_for(TEXT).write_text(json.dumps({"version": 1, "ops": ops}))
    log = logfile.load_log(TEXT)
    assert log.ops == ops and not log.problem


def _writer(args):
    cache, k = args
    os.environ["PERSONAE_CACHE_DIR"] = cache
    for i in range(25):
        logfile.append(TEXT, {"op": "remove", "at": [k * 1000 + i, k * 1000 + i + 1]})


def test_concurrent_writers_keep_every_operation(cache_dir):
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        pool.map(_writer, [(str(cache_dir), k) for k in range(4)])
    ops = logfile.load_ops(TEXT)
    assert len(ops) == 100 and len({json.dumps(o) for o in ops}) == 100


def test_undo_drops_the_last_equal_operation():
    logfile.save_ops(TEXT, [GOOD, {"op": "remove", "at": [1, 2]}, GOOD])
    logfile.unrecord(TEXT, GOOD)
    assert logfile.load_ops(TEXT) == [GOOD, {"op": "remove", "at": [1, 2]}]


# -- random sequences, undone ----------------------------------------------------------------

def _index_is_fresh(ann: Annotations) -> None:
    """The look-up index the corrections patched in place answers as a rebuilt one would."""
    in_order = sorted(ann.mentions, key=lambda m: m.start)
    assert ann.mentions_between(0, len(ann.text)) == in_order
    for m in in_order:
        assert ann.mention(m.id) is m and ann.mentions_between(m.start, m.end) == [m]
    for e in ann.entities:
        assert ann.entity(e.id) is e
        assert ann.mentions_of(e.id) == [m for m in in_order if m.entity == e.id]


def _state(ann: Annotations) -> tuple:
    """What the user sees, without the ids: mentions, and entities as sets of spans."""
    spans = {m.id: (m.start, m.end) for m in ann.mentions}
    return (sorted((m.start, m.end, m.label) for m in ann.mentions),
            sorted((e.label, tuple(sorted(spans[x] for x in e.mentions)),
                    tuple(sorted((r.start, r.end, r.gloss) for r in e.roles)))
                   for e in ann.entities))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_operations_keep_the_invariants_and_undo_restores(data):
    original = build()
    ann = original.copy()
    ops: list[dict] = []
    states = [_state(ann)]
    for _ in range(data.draw(st.integers(1, 12))):
        op = random_edit(ann, data.draw)
        if op is None:
            continue
        status = E.apply_status(ann, op)
        ann.check()  # after every operation
        _index_is_fresh(ann)
        if status is E.Status.APPLIED:
            ops.append(op)
            states.append(_state(ann))
        # the stored form reads back
        assert E.from_dict(json.loads(json.dumps(op.to_dict()))) == op
    # undo one by one: replaying the shorter log from the original gives each earlier state
    while ops:
        ops.pop()
        states.pop()
        again = original.copy()
        assert E.replay(again, ops) == []
        again.check()
        assert _state(again) == states[-1]
    assert _state(original) == states[0]


# -- rules ----------------------------------------------------------------------------------

def test_rules_apply_to_another_article(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    ann = build()
    for rule in rule_model.for_retype(ann, by_name(ann, "Sallusti").id, "PER"):
        R.add(rule)
    R.add(R.Rule(R.NOT_ENTITY, "Luca Onlus"))
    R.add(R.Rule("PER", "Brice Feillu"))
    lines = (tmp_path / "rules.jsonl").read_text().splitlines()
    assert json.loads(lines[0]) == {"label": "PER", "pattern": "Sallusti"}
    other_text = "Luca Onlus e Sallusti a Milano. Poi Brice Feillu e Sallusti."
    other = build(other_text, [("Luca Onlus", "ORG", "lo"), ("Sallusti", "LOC", "s"),
                               ("Milano", "LOC", "m")])
    out = C.apply_all(other)
    out.check()
    assert by_name(out, "Sallusti").label == "PER" and len(by_name(out, "Sallusti").mentions) == 2
    assert "Luca Onlus" not in {e.name for e in out.entities}
    assert by_name(out, "Brice Feillu").label == "PER"
    # in an article that names him in full, the retyped surname joins the person
    third = build("Alessandro Sallusti parla. Sallusti ride.",
                  [("Alessandro Sallusti", "PER", "as"), ("Sallusti", "LOC", "s")])
    out = C.apply_all(third)
    out.check()
    assert [(e.name, e.label, len(e.mentions)) for e in out.entities] == [("Alessandro Sallusti", "PER", 2)]
    # removed from the file: the next open is as the model says
    R.remove(R.Rule(R.NOT_ENTITY, "Luca Onlus"))
    assert "Luca Onlus" in {e.name for e in C.apply_all(build(other_text, [("Luca Onlus", "ORG", "lo")])).entities}


def test_a_later_rule_for_the_same_pattern_replaces_the_earlier(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    assert R.add(R.Rule("LOC", "Trani")) == []
    assert R.add(R.Rule("ORG", "Trani")) == [R.Rule("LOC", "Trani")]  # what an undo puts back
    rules, problems = R.load()
    assert rules == [R.Rule("ORG", "Trani")] and problems == []


def test_bad_rule_lines_are_reported_with_their_number_and_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    (tmp_path / "rules.jsonl").write_text(
        '# my rules\n{"label": "PER", "pattern": "Sallusti"}\nnot json\n'
        '{"label": "FOO", "pattern": "x"}\n'
        '{"label": "ORG", "pattern": [{"LOWER": "leopard"}, {"ORTH": "-"}, {"LOWER": "trek"}]}\n',
        encoding="utf-8")
    rules, problems = R.load()
    assert [r.label for r in rules] == ["PER", "ORG"]
    assert len(problems) == 2 and "line 3" in problems[0] and "line 4" in problems[1]
    out = C.apply_all(build())
    assert any("line 3" in n for n in out.notices)
    # token patterns need tokens: give the text some
    ann = build()
    import re
    ann.tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", ann.text)]
    leo = ann.mentions_of(by_name(ann, "Leopard").id)[0]
    ann.remove_mention(leo.id)
    rule_model.apply(ann, rules)
    ann.check()
    assert by_name(ann, "Leopard - Trek").label == "ORG"
    # comments and bad lines survive a removal through the rules screen
    R.remove(rules[0])
    text = (tmp_path / "rules.jsonl").read_text()
    assert "# my rules" in text and "not json" in text and "Sallusti" not in text


# -- every export carries the corrections -----------------------------------------------------

LAVROV = ("Lavrov a Budapest\n\n"
          "Il ministro degli Esteri russo Serghei Lavrov ha incontrato Marco Rubio a Budapest. "
          "Lavrov ha detto che Mosca è pronta, secondo Ria Novosti.\n")


def _corrected_article(tmp_path, model: str):
    """An article on disk, with three corrections recorded as the reader records them:
    Budapest is a person, Ria Novosti is not an entity, Esteri is an organisation."""
    from tui.core.analysis import analyse_text
    from tui.sources import load_article

    path = tmp_path / "lavrov.txt"
    path.write_text(LAVROV, encoding="utf-8")
    art = load_article(path)
    ann, _ = analyse_text(art.text, art.source, model)
    assert C.record(ann, C.retype_op(ann, by_name(ann, "Budapest").id, "PER"))
    assert C.record(ann, C.remove_entity_op(ann, by_name(ann, "Ria Novosti").id))
    a, b = span_of(ann.text, "Esteri")
    assert C.record(ann, C.add_op(ann, a, b, "ORG"))
    return path


def _check_conll(out: str) -> None:
    lines = set(out.splitlines())
    assert {"Budapest\tB-PER", "Esteri\tB-ORG", "Ria\tO", "Novosti\tO"} <= lines


def _check_csv(out: str) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out)))
    label = next(k for k in rows[0] if k.lower() in ("label", "type"))
    name = next(k for k in rows[0] if k.lower() in ("name", "entity"))
    by = {r[name]: r[label] for r in rows}
    assert by["Budapest"] == "PER" and by["Esteri"] == "ORG" and "Ria Novosti" not in by


def _check_html(out: str) -> None:
    import re

    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", out, flags=re.S)
    shown = " | ".join(re.sub(r"<[^>]+>", " ", m) for m in marks)
    assert "Esteri" in shown and "Budapest" in shown and "Novosti" not in shown
    assert re.search(r"Budapest\s*<span[^>]*>\s*PER", out)


def _spans_in_json(out: str) -> set[tuple[str, str]]:
    """(text, label) of the spans a JSON export names: [start, end, LABEL] triples (doccano)
    or {start, end, labels} values (Label Studio), against the text it carries."""
    docs = [json.loads(line) for line in out.splitlines() if line.strip()] \
        if not out.lstrip().startswith("[") else json.loads(out)
    found = set()

    def texts(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "text" and isinstance(v, str):
                    yield v
                yield from texts(v)
        elif isinstance(x, list):
            for v in x:
                yield from texts(v)

    def walk(x, text):
        if isinstance(x, dict):
            if {"start", "end"} <= set(x) and ("labels" in x or "label" in x):
                labels = x.get("labels") or [x.get("label")]
                found.add((text[x["start"]:x["end"]], labels[0]))
            for v in x.values():
                walk(v, text)
        elif isinstance(x, list):
            if len(x) == 3 and all(type(v) is int for v in x[:2]) and isinstance(x[2], str):
                found.add((text[x[0]:x[1]], x[2]))
            for v in x:
                walk(v, text)

    for d in docs:
        walk(d, max(texts(d), key=len))
    return found


def _check_json_spans(out: str) -> None:
    spans = _spans_in_json(out)
    assert {("Budapest", "PER"), ("Esteri", "ORG")} <= spans, spans
    assert not [s for s in spans if "Novosti" in s[0]]


UNREADABLE_CHECKS = {"conll": _check_conll, "csv": _check_csv, "html": _check_html,
                     "doccano": _check_json_spans, "labelstudio": _check_json_spans}


def test_every_export_format_carries_the_corrections(tmp_path, cache_dir, tiny_nlp_path, capsys):
    from tui.cli import main
    from tui.export import FORMATS

    article = _corrected_article(tmp_path, str(tiny_nlp_path))
    for name, fmt in FORMATS.items():
        out = tmp_path / "out" / name / f"lavrov{fmt.extension}"
        code = main(["export", str(article), "--format", name, "-o", str(out),
                     "--model", str(tiny_nlp_path)])
        _o, err = capsys.readouterr()
        assert code == 0, (name, err)
        if fmt.read is not None:
            got = fmt.read(out)
            assert len(got) == 1, name
            spans = {(m.text, m.label) for m in got[0].mentions}
            assert {("Budapest", "PER"), ("Esteri", "ORG")} <= spans, (name, spans)
            assert not [s for s in spans if "Novosti" in s[0]], name
        else:
            assert name in UNREADABLE_CHECKS, f"no check that the {name} export carries corrections"
            UNREADABLE_CHECKS[name](out.read_text(encoding="utf-8"))


def test_the_command_line_says_when_a_corrections_file_was_set_aside(tmp_path, cache_dir,
                                                                    tiny_nlp_path, capsys):
    from tui.cli import main
    from tui.sources import load_article

    article = _corrected_article(tmp_path, str(tiny_nlp_path))
    path = logfile.path_for(load_article(article).text)
    path.write_bytes(path.read_bytes()[:-10])  # truncated
    code = main(["export", str(article), "--format", "json", "-o", "-", "--model", str(tiny_nlp_path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "lavrov.txt" in err and "kept as" in err and "damaged" in err
    assert len(err.strip().splitlines()) == 1
    assert json.loads(out)["schema"] == "personae/1"


def test_a_bad_rules_line_is_said_once_per_export(tmp_path, cache_dir, tiny_nlp_path, capsys,
                                                 monkeypatch):
    from tui.cli import main

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "rules.jsonl").write_text('{"label": "PER", "pattern": "Budapest"}\n'
                                                     "oops\n", encoding="utf-8")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(LAVROV, encoding="utf-8")
    (folder / "b.txt").write_text(LAVROV.replace("Lavrov", "Rubio"), encoding="utf-8")
    code = main(["export", str(folder), "--format", "json", "-o", str(tmp_path / "out"),
                 "--model", str(tiny_nlp_path)])
    _out, err = capsys.readouterr()
    assert code == 0
    assert err.count("rules.jsonl line 2") == 1, err
    for name in ("a", "b"):
        data = json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))
        assert {m["label"] for m in data["mentions"] if m["text"] == "Budapest"} == {"PER"}


def _span_st(n: int):
    return st.tuples(st.integers(0, n + 5), st.integers(1, 40)).map(lambda t: [t[0], t[0] + t[1]])


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_well_formed_operation_on_any_offsets_applies_or_is_skipped(data):
    """Stored operations may come from another analysis: whatever their offsets, replaying
    them never raises and never breaks the invariants."""
    ann = build()
    n = len(ann.text)
    sp = _span_st(n)
    label = st.sampled_from(sorted(E.LABEL_NAMES))
    op = data.draw(st.one_of(
        st.fixed_dictionaries({"op": st.just("merge"), "keep": sp, "other": sp}),
        st.fixed_dictionaries({"op": st.just("split"), "at": sp, "variant": st.sampled_from(["Trani", "x"])}),
        st.fixed_dictionaries({"op": st.just("retype"), "at": sp, "label": label}),
        st.fixed_dictionaries({"op": st.just("remove"), "at": sp}),
        st.fixed_dictionaries({"op": st.just("remove_entity"), "at": sp}),
        st.fixed_dictionaries({"op": st.just("add"), "spans": st.lists(sp, min_size=1, max_size=4),
                               "label": label}),
        st.fixed_dictionaries({"op": st.just("resize"), "at": sp, "to": sp}),
        st.fixed_dictionaries({"op": st.just("add_role"), "at": sp, "span": sp, "gloss": st.text(max_size=5)}),
        st.fixed_dictionaries({"op": st.just("remove_role"), "span": sp}),
    ))
    assert E.is_valid(op)
    status = E.apply_status(ann, op)
    assert status in E.Status
    ann.check()
    _index_is_fresh(ann)
    assert E.describe(op, ann.text)
