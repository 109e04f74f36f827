"""`personae export` and `personae import`, with the tiny rule-based pipeline (conftest)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.export import FORMATS, read_any

REPO = Path(__file__).resolve().parent.parent

LAVROV = ("Lavrov a Budapest\n\n"
          "Il ministro degli Esteri russo Serghei Lavrov ha incontrato Marco Rubio a Budapest. "
          "Lavrov ha detto che Mosca è pronta, secondo Ria Novosti.\n")
RUBIO = "Rubio e Trump\n\nMarco Rubio ha parlato con Trump a Washington.\n"


@pytest.fixture
def articles(tmp_path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "lavrov.txt").write_text(LAVROV, encoding="utf-8")
    (d / "rubio.md").write_text("# " + RUBIO, encoding="utf-8")
    return d


@pytest.fixture
def binary(tmp_path) -> Path:
    p = tmp_path / "image.txt"
    p.write_bytes(bytes(range(256)) * 8)
    return p


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- one article --------------------------------------------------------------------

def test_export_one_article_to_a_file(articles, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "out.json"
    code, stdout, err = run(capsys, "export", articles / "lavrov.txt", "--format", "json",
                            "-o", out, "--model", tiny_nlp_path)
    assert (code, stdout, err) == (0, "", "")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "personae/1"
    assert data["text"] == LAVROV.rstrip("\n")
    assert data["model"]["name"] == "it_tiny"
    assert data["source"]["path"].endswith("lavrov.txt")
    names = {m["text"] for m in data["mentions"]}
    assert {"Serghei Lavrov", "Marco Rubio", "Budapest", "Mosca", "Ria Novosti"} <= names


def test_export_to_stdout(articles, tiny_nlp_path, capsys):
    code, stdout, err = run(capsys, "export", articles / "lavrov.txt", "--format", "json",
                            "-o", "-", "--model", tiny_nlp_path)
    assert code == 0 and err == ""
    assert json.loads(stdout)["schema"] == "personae/1"
    code, stdout, _ = run(capsys, "export", articles / "lavrov.txt", "--format", "conll",
                          "-o", "-", "--model", tiny_nlp_path)
    assert code == 0 and "Serghei\tB-PER\nLavrov\tI-PER\n" in stdout


@pytest.mark.parametrize("fmt", ["brat", "spacy"])
def test_binary_or_multi_file_formats_need_a_path(articles, tiny_nlp_path, capsys, fmt):
    code, stdout, err = run(capsys, "export", articles / "lavrov.txt", "--format", fmt,
                            "-o", "-", "--model", tiny_nlp_path)
    assert code == 2 and stdout == ""
    assert err.startswith("personae: ") and "path" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_from_the_command_line(articles, tmp_path, tiny_nlp_path, capsys, fmt):
    ext = FORMATS[fmt].extension
    out = tmp_path / f"lavrov{ext}"
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", fmt, "-o", out,
                       "--model", tiny_nlp_path)
    assert code == 0, err
    assert out.is_file()
    if fmt == "brat":
        assert (tmp_path / "lavrov.txt").read_text(encoding="utf-8") == LAVROV.rstrip("\n")
    if FORMATS[fmt].read:
        (ann,) = read_any(out)
        assert "Serghei Lavrov" in [m.text for m in ann.mentions]


def test_brat_output_folder(articles, tmp_path, tiny_nlp_path, capsys):
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", "brat",
                       "-o", tmp_path / "coll", "--model", tiny_nlp_path)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "coll").iterdir()) == [
        "annotation.conf", "lavrov.ann", "lavrov.personae.json", "lavrov.txt", "visual.conf"]


# -- several articles --------------------------------------------------------------------

def test_folder_to_folder(articles, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "export", articles, "--format", "json", "-o", out,
                            "--model", tiny_nlp_path)
    assert (code, stdout, err) == (0, "", "")
    assert sorted(p.name for p in out.iterdir()) == ["lavrov.json", "rubio.json"]
    rubio = json.loads((out / "rubio.json").read_text(encoding="utf-8"))
    assert rubio["source"]["title"] == "Rubio e Trump"
    assert "Trump" in [m["text"] for m in rubio["mentions"]]


def test_bad_inputs_are_reported_and_the_good_ones_written(articles, binary, tmp_path,
                                                           tiny_nlp_path, capsys):
    out = tmp_path / "out"
    missing = tmp_path / "missing.txt"
    code, stdout, err = run(capsys, "export", articles / "lavrov.txt", missing, binary,
                            articles / "rubio.md", "--format", "csv", "-o", out,
                            "--model", tiny_nlp_path)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert lines[0].startswith(f"personae: {missing}: ") and "no such file" in lines[0]
    assert lines[1].startswith(f"personae: {binary}: ") and "binary" in lines[1]
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["lavrov.csv", "rubio.csv"]


def test_jsonl_of_several_articles_to_stdout(articles, tiny_nlp_path, capsys):
    code, stdout, err = run(capsys, "export", articles, "--format", "jsonl", "-o", "-",
                            "--model", tiny_nlp_path)
    assert code == 0, err
    lines = stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["text"].split("\n")[0] for line in lines] == \
        ["Lavrov a Budapest", "Rubio e Trump"]


def test_several_articles_to_stdout_in_one_document_format_is_refused(articles, tiny_nlp_path,
                                                                      capsys):
    code, stdout, err = run(capsys, "export", articles, "--format", "json", "-o", "-",
                            "--model", tiny_nlp_path)
    assert code == 2 and stdout == "" and len(err.splitlines()) == 1


def test_same_stem_twice_gets_distinct_names(articles, tmp_path, tiny_nlp_path, capsys):
    (articles / "lavrov.md").write_text(RUBIO, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "export", articles, "--format", "json", "-o", out,
                       "--model", tiny_nlp_path)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["lavrov-2.json", "lavrov.json", "rubio.json"]


def test_progress_bar_on_a_terminal(articles, tmp_path, tiny_nlp_path, capsys, monkeypatch):
    from tui.cli import report as cli_report

    monkeypatch.setattr(cli_report, "isatty", lambda stream: True)
    code, _, _err = run(capsys, "export", articles, "--format", "json", "-o", tmp_path / "o",
                        "--model", tiny_nlp_path)
    assert code == 0
    assert len(list((tmp_path / "o").iterdir())) == 2


# -- usage errors ---------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["export", "x.txt", "--format", "docx", "-o", "out"],
    ["export", "x.txt", "--format", "json"],
    ["export", "--format", "json", "-o", "out"],
    ["export", "x.txt", "-o", "out"],
])
def test_usage_errors_exit_2(argv, capsys):
    code, _, err = run(capsys, *argv)
    assert code == 2 and "usage" in err


def test_bad_model_exits_2(articles, tmp_path, capsys):
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", "json",
                       "-o", tmp_path / "x.json", "--model", tmp_path / "no-such-model")
    assert code == 2 and "Traceback" not in err and err.startswith("personae: ")


def test_existing_output_needs_force(articles, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "out.json"
    out.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", "json", "-o", out,
                       "--model", tiny_nlp_path)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "precious"
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", "json", "-o", out,
                       "--model", tiny_nlp_path, "--force")
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "personae/1"
    # an empty file (mktemp) is not worth protecting
    empty = tmp_path / "empty.json"
    empty.touch()
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", "json",
                       "-o", empty, "--model", tiny_nlp_path)
    assert code == 0, err


def test_never_overwrites_an_input(articles, tiny_nlp_path, capsys):
    before = (articles / "lavrov.txt").read_bytes()
    code, _, err = run(capsys, "export", articles / "lavrov.txt", "--format", "brat",
                       "-o", articles, "--model", tiny_nlp_path, "--force")
    assert code == 2 and "input" in err
    assert (articles / "lavrov.txt").read_bytes() == before


def test_failed_write_keeps_the_previous_file(articles, tmp_path, tiny_nlp_path, capsys,
                                              monkeypatch):
    from tui import fsutil

    out = tmp_path / "out"
    code, _, _ = run(capsys, "export", articles, "--format", "json", "-o", out,
                     "--model", tiny_nlp_path)
    assert code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)
    (articles / "lavrov.txt").write_text(LAVROV + "\nAncora Putin.\n", encoding="utf-8")
    code, _, err = run(capsys, "export", articles, "--format", "json", "-o", out,
                       "--model", tiny_nlp_path, "--force")
    assert code == 1
    assert len(err.splitlines()) == 2 and "No space left on device" in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# -- import -------------------------------------------------------------------------

def test_import_converts(articles, tmp_path, tiny_nlp_path, capsys):
    src = tmp_path / "lavrov.json"
    assert run(capsys, "export", articles / "lavrov.txt", "--format", "json", "-o", src,
               "--model", tiny_nlp_path)[0] == 0
    (orig,) = read_any(src)
    # format from the extension
    code, _, err = run(capsys, "import", src, "-o", tmp_path / "conv" / "lavrov.ann")
    assert code == 0, err
    (back,) = read_any(tmp_path / "conv" / "lavrov.ann")
    assert [(m.start, m.end, m.label) for m in back.mentions] == \
        [(m.start, m.end, m.label) for m in orig.mentions]
    # brat -> spacy -> jsonl on stdout
    code, _, err = run(capsys, "import", tmp_path / "conv" / "lavrov.ann",
                       "-o", tmp_path / "x.spacy")
    assert code == 0, err
    code, stdout, err = run(capsys, "import", tmp_path / "x.spacy", "-o", "-", "--format", "jsonl")
    assert code == 0, err
    assert json.loads(stdout)["text"] == orig.text


def test_import_errors(tmp_path, capsys):
    code, _, err = run(capsys, "import", tmp_path / "nope.json")
    assert code == 1 and err.strip() == f"personae: {tmp_path / 'nope.json'}: no such file"
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    code, _, err = run(capsys, "import", bad, "-o", tmp_path / "x.csv")
    assert code == 1 and len(err.splitlines()) == 1
    code, _, err = run(capsys, "import", bad, "--format", "csv")
    assert code == 2
    code, _, err = run(capsys, "import", bad, "-o", tmp_path / "x.unknown")
    assert code == 2 and "--format" in err


def test_import_without_output_opens_the_reader(articles, tmp_path, tiny_nlp_path, capsys,
                                                monkeypatch):
    import tui.app.main as app_main

    src = tmp_path / "lavrov.jsonl"
    assert run(capsys, "export", articles / "lavrov.txt", "--format", "jsonl", "-o", src,
               "--model", tiny_nlp_path)[0] == 0
    calls = []
    monkeypatch.setattr(app_main, "run_app", lambda paths, model=None: calls.append(
        (paths, model)) or 0)
    code, _, _ = run(capsys, "import", src)
    assert code == 0
    assert calls == [([src], None)]


# -- as a program -------------------------------------------------------------------

def test_python_m_tui_export(articles, binary, tmp_path, tiny_nlp_path):
    env = {**os.environ, "PERSONAE_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(articles / "lavrov.txt"), str(binary),
         "--format", "json", "-o", str(out), "--model", str(tiny_nlp_path)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"personae: {binary}: not a text file (binary data)"] \
        or (len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith(f"personae: {binary}: "))
    assert [p.name for p in out.iterdir()] == ["lavrov.json"]
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "export", str(articles), "--format", "jsonl", "-o", "-",
         "--model", str(tiny_nlp_path)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # not a terminal: no progress bar
    assert len(proc.stdout.splitlines()) == 2
    proc = subprocess.run([sys.executable, "-m", "tui", "export", str(articles), "--format",
                           "xml", "-o", "x"], capture_output=True, text=True, cwd=REPO, env=env,
                          timeout=300)
    assert proc.returncode == 2
