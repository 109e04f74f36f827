"""One rule for every path: the corrections of an article's text apply wherever that text
is analysed or imported. ``personae import X.ann -o Y`` writes what the reader shows."""

from __future__ import annotations

import json

from tui.cli import main
from tui.document import sha256_text
from tui.store import corrections

TEXT = ("Lavrov a Budapest\n\n"
        "Il ministro Serghei Lavrov ha incontrato Marco Rubio a Budapest, secondo Ria Novosti.\n")


def _brat_export(tmp_path, tiny_nlp_path, capsys):
    art = tmp_path / "lavrov.txt"
    art.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "brat"
    assert main(["export", str(art), "-f", "brat", "-o", str(out / "lavrov.ann"),
                 "--model", str(tiny_nlp_path)]) == 0, capsys.readouterr().err
    return out / "lavrov.ann"


def test_import_applies_the_corrections_made_in_the_reader(tmp_path, tiny_nlp_path, capsys):
    ann_file = _brat_export(tmp_path, tiny_nlp_path, capsys)
    text = (ann_file.with_suffix(".txt")).read_text(encoding="utf-8")
    assert "Ria Novosti" in ann_file.read_text(encoding="utf-8")
    # in the reader, after the export: "Ria Novosti" removed, Budapest made an organisation
    start = text.index("Ria Novosti")
    corrections.append(text, {"op": "remove_entity", "at": [start, start + len("Ria Novosti")]})
    b = text.index("Budapest")
    corrections.append(text, {"op": "retype", "at": [b, b + len("Budapest")], "label": "ORG"})
    try:
        out = tmp_path / "back.json"
        code = main(["import", str(ann_file), "-o", str(out)])
        assert code == 0, capsys.readouterr().err
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["source"]["sha256"] == sha256_text(text)
        names = {m["text"]: m["label"] for m in data["mentions"]}
        assert "Ria Novosti" not in names
        assert names["Budapest"] == "ORG"
        assert {"Serghei Lavrov", "Marco Rubio"} <= set(names)
    finally:
        corrections.save_ops(text, [])


def test_a_correction_that_no_longer_applies_is_said_on_stderr(tmp_path, tiny_nlp_path, capsys):
    ann_file = _brat_export(tmp_path, tiny_nlp_path, capsys)
    text = (ann_file.with_suffix(".txt")).read_text(encoding="utf-8")
    i = text.index("incontrato")
    corrections.append(text, {"op": "retype", "at": [i, i + len("incontrato")], "label": "PER"})
    try:
        code = main(["import", str(ann_file), "-o", str(tmp_path / "back.json")])
        err = capsys.readouterr().err
        assert code == 0
        assert "no longer applies" in err and "incontrato" in err
    finally:
        corrections.save_ops(text, [])
