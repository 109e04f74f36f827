"""`personae export --format parquet` on one machine: the tables, resume, refusals, people.

The runs on Dask clusters (a worker killed, a client killed) are in test_batch_dask.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from batch_helpers import TABLE_NAMES, article_paths, make_articles, read_rows  # noqa: E402

from tui.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "in"
    make_articles(d, 5)
    return d


def test_tables_hold_every_article_once_with_the_json_export_rows(folder, tmp_path,
                                                                  tiny_nlp_path, capsys):
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 8)  # not text: a failed article
    out = tmp_path / "tables"
    code, stdout, err = run(capsys, "export", folder, "--format", "parquet", "-o", out,
                            "--model", tiny_nlp_path)
    assert code == 1 and stdout == ""  # one article failed: said, counted, status 1
    lines = err.splitlines()
    assert any("broken.txt" in line and "binary" in line for line in lines)
    assert "5 articles exported" in lines[-1] and "1 failed" in lines[-1]
    paths = article_paths(out)
    assert set(paths) == {str(p) for p in folder.iterdir()} and set(paths.values()) == {1}
    manifest = json.loads((out / "_personae.json").read_text())
    assert manifest["schema"] == "personae-tables/1"
    assert manifest["pipeline"]["name"] == "it_tiny" and manifest["pipeline"]["digest"]
    assert manifest["analysis"]
    import pyarrow.dataset as ds

    arts = {r["path"]: r for r in ds.dataset(out / "articles").to_table().to_pylist()}
    bad = arts[str(folder / "broken.txt")]
    assert "binary" in bad["error"] and bad["mentions"] == 0
    # the same article's mentions, entities and roles as its JSON export
    one = folder / "vertice-01.txt"
    assert run(capsys, "export", one, "--format", "json", "-o", tmp_path / "one.json",
               "--model", tiny_nlp_path)[0] == 0
    doc = json.loads((tmp_path / "one.json").read_text())
    row = arts[str(one)]
    assert row["error"] is None and row["text"] == doc["text"] and row["date"] == "2014-03-02"
    mentions = [r for r in ds.dataset(out / "mentions").to_table().to_pylist()
                if r["path"] == str(one)]
    assert {r["article"] for r in mentions} == {doc["source"]["sha256"]}
    assert sorted((m["id"], m["start"], m["end"], m["label"], m["entity"]) for m in mentions) \
        == sorted((m["id"], m["start"], m["end"], m["label"], m["entity"]) for m in doc["mentions"])
    roles = [(r["name"], r["text"]) for r in ds.dataset(out / "roles").to_table().to_pylist()
             if r["path"] == str(one)]
    assert sorted(roles) == sorted((e["name"], r["text"]) for e in doc["entities"]
                                   for r in e["roles"])
    assert ("Serghei Lavrov", "ministro degli Esteri russo") in roles
    quotes = ds.dataset(out / "quotes").to_table()  # no quotations yet: the schema is there
    assert "speaker" in quotes.schema.names and "cue_text" in quotes.schema.names


def test_resume_skips_what_is_committed_and_removes_what_a_kill_left(folder, tmp_path,
                                                                     tiny_nlp_path, capsys):
    out = tmp_path / "tables"
    argv = ["export", folder, "--format", "parquet", "-o", out, "--model", tiny_nlp_path,
            "--partition-size", "2"]
    assert run(capsys, *argv)[0] == 0
    whole = read_rows(out)
    # a write killed half-way: one partition's articles file never renamed into place,
    # its other tables there, and a temporary file
    victim = sorted((out / "articles").iterdir())[0]
    victim.unlink()
    (out / "mentions" / f".{victim.name}.123.personae-x.tmp").write_bytes(b"half")
    assert sum(article_paths(out).values()) < 5
    code, _, err = run(capsys, *argv)  # without --resume: refused, nothing touched
    assert code == 2 and "--resume" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, *argv, "--resume")
    assert code == 0, err
    assert "already there" in err.splitlines()[-1]
    assert read_rows(out) == whole
    assert set(article_paths(out).values()) == {1}
    assert not [p for t in TABLE_NAMES for p in (out / t).iterdir() if p.name.startswith(".")]
    names = {t: sorted(p.name for p in (out / t).iterdir()) for t in TABLE_NAMES}
    assert all(n == names["articles"] for n in names.values())  # no orphan left


def test_resume_with_new_articles_and_another_partition_size_adds_only_them(
        folder, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "tables"
    argv = ["export", folder, "--format", "parquet", "-o", out, "--model", tiny_nlp_path]
    assert run(capsys, *argv, "--partition-size", "2")[0] == 0
    before = read_rows(out)
    make_articles(tmp_path / "more", 7)  # two more articles in the folder
    for p in sorted((tmp_path / "more").iterdir())[5:]:
        p.rename(folder / p.name)
    code, _, err = run(capsys, *argv, "--partition-size", "3", "--resume")
    assert code == 0, err
    assert err.splitlines()[-1].startswith("personae: 2 articles exported") \
        and "5 already there" in err
    paths = article_paths(out)
    assert set(paths) == {str(p) for p in folder.iterdir()} and set(paths.values()) == {1}
    after = read_rows(out)
    assert all(set(before[t]) <= set(after[t]) for t in TABLE_NAMES)


def test_resume_refuses_the_analyses_of_another_pipeline(folder, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "tables"
    argv = ["export", folder, "--format", "parquet", "-o", out, "--model", tiny_nlp_path]
    assert run(capsys, *argv)[0] == 0
    manifest = out / "_personae.json"
    data = json.loads(manifest.read_text())
    data["pipeline"]["digest"] = "0123456789abcdef"
    manifest.write_text(json.dumps(data))
    before = read_rows(out)
    code, _, err = run(capsys, *argv, "--resume")
    assert code == 2 and len(err.splitlines()) == 1
    assert "0123456789abcdef" in err and "another folder" in err
    assert read_rows(out) == before
    code, _, err = run(capsys, *argv, "--force")  # starting over is allowed
    assert code == 0, err
    assert json.loads(manifest.read_text())["pipeline"]["digest"] != "0123456789abcdef"
    assert read_rows(out) == before


def test_local_processes_give_the_same_rows(folder, tmp_path, tiny_nlp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(capsys, "export", folder, "--format", "parquet", "-o", one,
               "--model", tiny_nlp_path)[0] == 0
    code, _, err = run(capsys, "export", folder, "--format", "parquet", "-o", two,
                       "--model", tiny_nlp_path, "-j", "2", "--no-cache")
    assert code == 0, err
    assert read_rows(two) == read_rows(one)


@pytest.mark.parametrize("argv, says", [
    (["--format", "json", "--cluster", "local:2"], "--cluster goes with --format parquet"),
    (["--format", "json", "--resume"], "--resume goes with --format parquet"),
    (["--format", "parquet", "--cluster", "remote"], "local:N"),
    (["--format", "parquet", "--cluster", "local", "-j", "2"], "cannot go together"),
    (["--format", "parquet", "--resume", "--force"], "choose one"),
    (["--format", "parquet", "--partition-size", "0"], "at least 1"),
])
def test_batch_flags_misused_are_one_line_and_status_2(folder, tmp_path, capsys, argv, says):
    code, stdout, err = run(capsys, "export", folder, "-o", tmp_path / "t", *argv)
    assert code == 2 and stdout == ""
    assert says in err and len(err.splitlines()) == 1
    assert not (tmp_path / "t").exists()


def test_a_folder_that_is_not_tables_is_left_alone(folder, tmp_path, tiny_nlp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    code, _, err = run(capsys, "export", folder, "--format", "parquet", "-o", out, "--force",
                       "--model", tiny_nlp_path)
    assert code == 2 and "not a Personae tables folder" in err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("missing, flag, says", [
    ("pyarrow", [], "personae[parquet]"),
    ("distributed", ["--cluster", "local:2"], "personae[dask]"),
    ("distributed", ["--scheduler-file", "s.json"], "personae[dask]"),
])
def test_without_the_extras_one_line_and_status_2(folder, tmp_path, monkeypatch, capsys,
                                                  missing, flag, says):
    for name in list(sys.modules):
        if name == missing or name.startswith(missing + "."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # `import missing` raises ImportError
    code, stdout, err = run(capsys, "export", folder, "--format", "parquet",
                            "-o", tmp_path / "t", *flag)
    assert code == 2 and stdout == ""
    assert says in err and len(err.splitlines()) == 1


def test_people_from_the_tables_match_people_from_the_articles(folder, tmp_path,
                                                               tiny_nlp_path, capsys):
    out = tmp_path / "tables"
    assert run(capsys, "export", folder, "--format", "parquet", "-o", out,
               "--model", tiny_nlp_path)[0] == 0
    code, from_tables, err = run(capsys, "people", out, "--format", "json", "--label", "all")
    assert code == 0, err
    code, from_articles, err = run(capsys, "people", folder, "--format", "json", "--label", "all",
                                   "--model", tiny_nlp_path)
    assert code == 0, err
    people = json.loads(from_tables)
    assert people == json.loads(from_articles)
    lavrov = next(p for p in people if p["name"] == "Serghei Lavrov")
    assert lavrov["articles"] == 5 and lavrov["variants"] == ["Serghei Lavrov", "Lavrov"]
    assert {r["text"] for r in lavrov["roles"]} == {"ministro degli Esteri russo"}
    assert {r["date"][:4] for r in lavrov["roles"]} == {"2014"}


def test_the_reader_and_a_cached_export_do_not_import_dask(folder, tmp_path, tiny_nlp_path,
                                                           cache_dir, capsys):
    """Neither the reader's modules nor a cached export pull in Dask or pyarrow, and the
    tables on one machine do not pull in Dask."""
    article = folder / "vertice-00.txt"
    assert run(capsys, "export", article, "--format", "json", "-o", tmp_path / "0.json",
               "--model", tiny_nlp_path)[0] == 0  # analysed once, here: now in the cache
    script = (
        "import sys; import tui.app.main; from tui.cli import main\n"
        f"code = main(['export', {str(article)!r}, '--format', 'json', '-o', sys.argv[1], "
        f"'--model', {str(tiny_nlp_path)!r}])\n"
        "heavy = sorted(m for m in ('spacy', 'distributed', 'dask', 'pyarrow') if m in sys.modules)\n"
        f"tables = main(['export', {str(folder)!r}, '--format', 'parquet', '-o', sys.argv[2],"
        f" '--model', {str(tiny_nlp_path)!r}])\n"
        "print(code, ','.join(heavy) or '-', tables, 'spacy' in sys.modules,"
        " 'distributed' in sys.modules or 'dask' in sys.modules)\n")
    env = {**os.environ, "PERSONAE_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "1.json"),
                           str(tmp_path / "tables")], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # the cached export: no spaCy, Dask or pyarrow; the tables: analysed (spaCy), no Dask
    assert done.stdout.split() == ["0", "-", "0", "True", "False"]
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "0.json").read_bytes()
