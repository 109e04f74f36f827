"""One corpus file for the corpus formats: ``personae export FOLDER -f doccano -o
corpus.jsonl`` writes one file holding every article (as jsonl, doccano and Label Studio
import a corpus); a folder given to -o stays one file per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.export import read_report

ARTICLES = {
    "lavrov.txt": "Lavrov a Budapest\n\nSerghei Lavrov ha incontrato Marco Rubio a Budapest.\n",
    "rubio.txt": "Rubio e Trump\n\nMarco Rubio ha parlato con Trump a Washington.\n",
    "mosca.txt": "Putin a Mosca\n\nPutin ha parlato a Mosca, secondo Ria Novosti.\n",
}


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def _export(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def _texts() -> set[str]:
    return {t.rstrip("\n") for t in ARTICLES.values()}


@pytest.mark.parametrize("fmt, name", [("jsonl", "corpus.jsonl"), ("doccano", "corpus.jsonl"),
                                       ("jsonl", "corpus.ndjson")])
def test_a_folder_to_one_jsonl_file(folder, tmp_path, tiny_nlp_path, capsys, fmt, name):
    out = tmp_path / name
    code, err = _export(capsys, "export", folder, "-f", fmt, "-o", out, "--model", tiny_nlp_path)
    assert (code, err) == (0, "")
    assert out.is_file()  # not a folder named corpus.jsonl
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {rec["text"] for rec in lines} == _texts()
    if fmt == "doccano":  # doccano's sequence labelling import: text + label triples
        for rec in lines:
            assert all(rec["text"][a:b] and lab in ("PER", "LOC", "ORG") for a, b, lab in rec["label"])
    # and it reads back, every article
    anns, bad = read_report(out)
    assert not bad and {a.text for a in anns} == _texts()


def test_a_folder_to_one_label_studio_task_list(folder, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "tasks.json"
    code, err = _export(capsys, "export", folder, "-f", "labelstudio", "-o", out,
                        "--model", tiny_nlp_path)
    assert (code, err) == (0, "")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and {t["data"]["text"] for t in tasks} == _texts()
    for t in tasks:
        (pred,) = t["predictions"]
        for region in pred["result"]:
            v = region["value"]
            assert t["data"]["text"][v["start"]:v["end"]] == v["text"]


def test_several_articles_as_one_task_list_on_stdout(folder, tiny_nlp_path, capsys):
    code = main(["export", str(folder), "-f", "labelstudio", "-o", "-", "--model", str(tiny_nlp_path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert {t["data"]["text"] for t in json.loads(out)} == _texts()


def test_a_folder_stays_one_file_per_article(folder, tmp_path, tiny_nlp_path, capsys):
    for out in (tmp_path / "out", tmp_path / "existing"):
        if out.name == "existing":
            out.mkdir()
        code, err = _export(capsys, "export", folder, "-f", "doccano", "-o", out,
                            "--model", tiny_nlp_path)
        assert (code, err) == (0, "")
        assert sorted(p.name for p in out.iterdir()) == ["lavrov.jsonl", "mosca.jsonl", "rubio.jsonl"]


def test_a_folder_named_like_a_file_with_a_slash_is_a_folder(folder, tmp_path, tiny_nlp_path,
                                                             capsys):
    out = tmp_path / "corpus.jsonl"
    code, err = _export(capsys, "export", folder, "-f", "jsonl", "-o", f"{out}/",
                        "--model", tiny_nlp_path)
    assert (code, err) == (0, "")
    assert out.is_dir() and len(list(out.iterdir())) == 3


def test_an_existing_corpus_file_needs_force(folder, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "corpus.jsonl"
    out.write_text("keep\n", encoding="utf-8")
    code, err = _export(capsys, "export", folder, "-f", "jsonl", "-o", out, "--model", tiny_nlp_path)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "keep\n"
    code, err = _export(capsys, "export", folder, "-f", "jsonl", "-o", out, "--model", tiny_nlp_path,
                        "--force")
    assert code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_import_of_a_corpus_converts_to_one_corpus_file(folder, tmp_path, tiny_nlp_path, capsys):
    src = tmp_path / "corpus.jsonl"
    assert main(["export", str(folder), "-f", "jsonl", "-o", str(src), "--model",
                 str(tiny_nlp_path)]) == 0
    out = tmp_path / "tasks.json"
    code, err = _export(capsys, "import", src, "-o", out, "-f", "labelstudio")
    assert (code, err) == (0, "")
    assert {t["data"]["text"] for t in json.loads(out.read_text(encoding="utf-8"))} == _texts()
