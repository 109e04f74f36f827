"""Label Studio's own export reads back: pre-annotate with Personae, correct in Label Studio,
bring the result back with ``personae import``. The tasks below have the shape of Label
Studio's documented JSON export of annotated tasks ("Label Studio JSON format of annotated
tasks": id, data, annotations with result / was_cancelled / ground_truth / completed_by,
predictions with model_version and result; a ``labels`` region's value is start, end,
text, labels)."""

from __future__ import annotations

import json

import pytest
from export_fixtures import TEXT, canon, sample

from tui.cli import main
from tui.export import FORMATS, FormatError, labelstudio_as, read_any, read_report
from tui.export.labelstudio import LABELING_CONFIG


def _region(rid, text, start, end, label, origin="manual"):
    return {"value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
            "id": rid, "from_name": "label", "to_name": "text", "type": "labels", "origin": origin}


def _exported_task(text: str, annotations: list[list[dict]], predictions: list[dict] | None = None,
                   cancelled: tuple[int, ...] = ()) -> dict:
    """A task as Label Studio's JSON export writes it."""
    return {
        "id": 7, "project": 3, "created_at": "2026-05-02T09:12:44.103552Z",
        "updated_at": "2026-05-02T09:20:01.008716Z",
        "data": {"text": text, "title": "Lavrov e Rubio"},
        "annotations": [{
            "id": 100 + i, "completed_by": 1, "result": result,
            "was_cancelled": i in cancelled, "ground_truth": False,
            "created_at": "2026-05-02T09:20:01.000000Z", "updated_at": "2026-05-02T09:20:01.000000Z",
            "draft_created_at": None, "lead_time": 31.4, "prediction": {}, "result_count": 0,
            "unique_id": f"u{i}", "import_id": None, "last_action": None, "task": 7, "project": 3,
            "updated_by": 1, "parent_prediction": None, "parent_annotation": None,
            "last_created_by": None} for i, result in enumerate(annotations)],
        "predictions": [{"id": 9, "model_version": "it_personae 0.2.0", "created_ago": "1 hour",
                         "result": predictions or [], "score": None, "cluster": None,
                         "neighbors": None, "mislabeling": 0, "created_at": "2026-05-02T08:00:00Z",
                         "updated_at": "2026-05-02T08:00:00Z", "model": None, "model_run": None,
                         "task": 7, "project": 3}],
        "drafts": [], "meta": {}, "inner_id": 1, "total_annotations": len(annotations),
        "cancelled_annotations": len(cancelled), "total_predictions": 1, "comment_count": 0,
        "unresolved_comment_count": 0, "last_comment_updated_at": None, "updated_by": [],
        "file_upload": "lavrov.json", "comment_authors": [],
    }


def _at(text, s, n=0):
    i = -1
    for _ in range(n + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


def test_label_studio_export_of_annotated_tasks_imports(tmp_path, capsys):
    """An annotator's corrections come back: a region removed, one added, one relabelled."""
    text = TEXT
    regions = [_region("a1", text, *_at(text, "Serghei Lavrov"), "PER"),
               _region("a2", text, *_at(text, "Marco Rubio"), "PER"),
               _region("a3", text, *_at(text, "Ria Novosti"), "MISC"),   # relabelled
               _region("a4", text, *_at(text, "Stato"), "LOC"),          # added
               _region("a5", text, *_at(text, "Lavrov", 2), "PER"),
               # a relation between two regions: not a mention
               {"from_id": "a5", "to_id": "a1", "type": "relation", "direction": "right",
                "labels": []}]
    task = _exported_task(text, [regions],
                          predictions=[_region("p1", text, *_at(text, "ONU"), "ORG", "prediction")])
    path = tmp_path / "project-3-at-2026-05-02.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    (ann,) = read_any(path)
    got = sorted((m.text, m.label) for m in ann.mentions)
    assert got == [("Lavrov", "PER"), ("Marco Rubio", "PER"), ("Ria Novosti", "MISC"),
                   ("Serghei Lavrov", "PER"), ("Stato", "LOC")]
    assert ann.source.title == "Lavrov e Rubio"
    # "Lavrov" joins "Serghei Lavrov" by the name rules
    lav = next(e for e in ann.entities if e.name == "Serghei Lavrov")
    assert sorted(ann.mention(m).text for m in lav.mentions) == ["Lavrov", "Serghei Lavrov"]
    # and personae import converts it
    out = tmp_path / "back.json"
    assert main(["import", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "personae/1"


def test_the_latest_annotation_not_cancelled_wins_else_the_prediction(tmp_path):
    text = TEXT
    lav = _region("x", text, *_at(text, "Serghei Lavrov"), "PER")
    rub = _region("y", text, *_at(text, "Marco Rubio"), "PER")
    task = _exported_task(text, [[lav], [lav, rub], [rub]], cancelled=(2,))
    (ann,) = FORMATS["labelstudio"].read_each(_write(tmp_path, [task]))
    assert sorted(m.text for m in ann.mentions) == ["Marco Rubio", "Serghei Lavrov"]
    # no annotation: the predictions are read (a file of pre-annotations, as we write them)
    only_pred = _exported_task(text, [], predictions=[lav])
    (ann,) = FORMATS["labelstudio"].read_each(_write(tmp_path, [only_pred]))
    assert [m.text for m in ann.mentions] == ["Serghei Lavrov"]


def _write(tmp_path, obj):
    p = tmp_path / "tasks.json"
    p.write_text(json.dumps(obj), encoding="utf-8")
    return p


def test_a_region_that_does_not_fit_the_text_is_one_line_and_the_others_still_read(tmp_path):
    text = TEXT
    bad = _region("b", text, *_at(text, "Marco Rubio"), "PER")
    bad["value"]["text"] = "Marco Polo"
    good = _exported_task(text, [[_region("a", text, *_at(text, "Serghei Lavrov"), "PER")]])
    anns, errors = read_report(_write(tmp_path, [good, _exported_task(text, [[bad]])]))
    assert len(anns) == 1 and len(errors) == 1
    assert errors[0].startswith("task 2:") and "Marco Polo" in errors[0]
    with pytest.raises(FormatError):
        read_any(_write(tmp_path, [_exported_task(text, [[{"value": {"start": 0, "end": 10**6,
                                                                     "labels": ["PER"]}}]])]))


def test_our_tasks_round_trip_through_label_studio_unchanged(tmp_path):
    """Tasks written as predictions or as annotations come back as they went (entities, names,
    roles: what data.personae keeps, Label Studio keeps as it is)."""
    ann = sample()
    for as_ in ("predictions", "annotations"):
        fmt = labelstudio_as(as_)
        (task,) = json.loads(fmt.dumps(ann))
        assert list(task) == ["data", as_]
        # what Label Studio's export adds around our task
        exported = {"id": 1, **task, "meta": {}, "inner_id": 1, "total_annotations": 1}
        if as_ == "predictions":
            exported["annotations"] = []
        (back,) = read_any(_write(tmp_path, [exported]))
        assert canon(back) == canon(ann)
        assert back.source.title == ann.source.title


def test_export_as_annotations_from_the_command_line(tmp_path, tiny_nlp_path, capsys):
    art = tmp_path / "lavrov.txt"
    art.write_text("Lavrov a Budapest\n\nSerghei Lavrov ha incontrato Marco Rubio.\n", encoding="utf-8")
    out = tmp_path / "tasks.json"
    code = main(["export", str(art), "-f", "labelstudio", "--as", "annotations", "-o", str(out),
                 "--model", str(tiny_nlp_path)])
    assert code == 0, capsys.readouterr().err
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    (done,) = task["annotations"]
    assert "predictions" not in task and done["was_cancelled"] is False
    assert {r["value"]["text"] for r in done["result"]} >= {"Serghei Lavrov", "Marco Rubio"}
    # the labelling interface names the tags the regions point at
    assert all(f'name="{r["from_name"]}"' in LABELING_CONFIG and f'name="{r["to_name"]}"'
               in LABELING_CONFIG for r in done["result"])
    # --as belongs to labelstudio
    code = main(["export", str(art), "-f", "json", "--as", "annotations", "-o", str(tmp_path / "x.json"),
                 "--model", str(tiny_nlp_path)])
    assert code == 2 and "--as" in capsys.readouterr().err
