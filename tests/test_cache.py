"""The analysis cache and the user's corrections: never trusted when wrong, never half-written."""

from __future__ import annotations

import json
import os

import pytest

from tui.core import editing
from tui.core.analysis import analyse_text
from tui.document import Annotations, Source
from tui.fsutil import atomic_write_text
from tui.store import cache, corrections

TEXT = ("Il ministro degli Esteri russo Serghei Lavrov ha invitato Marco Rubio a Mosca. "
        "Lavrov ha parlato con Rubio. Putin e Trump non si sono visti a Budapest.")


@pytest.fixture
def model(tiny_nlp_path) -> str:
    return str(tiny_nlp_path)


def test_second_analysis_comes_from_the_cache(cache_dir, model):
    first, hit1 = analyse_text(TEXT, Source(title="t"), model)
    second, hit2 = analyse_text(TEXT, Source(title="t"), model)
    assert (hit1, hit2) == (False, True)
    assert second.to_dict()["mentions"] == first.to_dict()["mentions"]
    assert len(list((cache_dir / "analyses").glob("*.json"))) == 1


def _entry(model_dir) -> tuple:
    from tui.core.analysis import _key
    from tui.provenance import peek_id

    name, version, _lang, build = peek_id(str(model_dir))
    return cache.entry_path(TEXT, _key(name, version, build))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other-text", "bad-offsets", "old-format"])
def test_a_corrupt_or_outdated_entry_is_rebuilt_not_trusted(cache_dir, model, tiny_nlp_path, damage):
    good, _ = analyse_text(TEXT, Source(), model)
    path = _entry(tiny_nlp_path)
    raw = path.read_text()
    data = json.loads(raw)
    if damage == "truncate":
        path.write_text(raw[: len(raw) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "other-text":
        data["annotations"]["text"] = TEXT.upper()
        path.write_text(json.dumps(data))
    elif damage == "bad-offsets":
        data["annotations"]["mentions"][0]["start"] += 3
        path.write_text(json.dumps(data))
    elif damage == "old-format":
        data["cache_format"] = 0
        path.write_text(json.dumps(data))
    again, hit = analyse_text(TEXT, Source(), model)
    assert hit is False
    assert again.to_dict()["mentions"] == good.to_dict()["mentions"]
    # and the entry was rewritten, good again
    assert analyse_text(TEXT, Source(), model)[1] is True


def test_a_retrained_pipeline_with_the_same_version_does_not_reuse_old_analyses(cache_dir, tmp_path,
                                                                               tiny_nlp_path):
    import shutil

    copy = tmp_path / "model"
    shutil.copytree(tiny_nlp_path, copy)
    assert analyse_text(TEXT, Source(), str(copy))[1] is False
    assert analyse_text(TEXT, Source(), str(copy))[1] is True
    meta = json.loads((copy / "meta.json").read_text())
    meta["performance"] = {"ents_f": 0.5}  # a new build: same name and version, new scores
    (copy / "meta.json").write_text(json.dumps(meta))
    assert analyse_text(TEXT, Source(), str(copy))[1] is False


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    atomic_write_text(target, "old and good")

    real_fsync = os.fsync

    def crash(fd):
        raise KeyboardInterrupt  # the user pressed ctrl+c in the middle of the write

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new " * 100_000)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert target.read_text() == "old and good"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_merge_and_split_stick_for_the_article(cache_dir, model):
    ann, _ = analyse_text(TEXT, Source(), model)
    by_name = {e.name: e for e in ann.entities}
    putin, trump = by_name["Putin"], by_name["Trump"]
    assert editing.record(ann, editing.merge_op(ann, putin.id, trump.id))
    ann2, hit = analyse_text(TEXT, Source(), model)
    assert hit
    merged = [e for e in ann2.entities if "Putin" in e.variants]
    assert len(merged) == 1 and set(merged[0].variants) == {"Putin", "Trump"}
    # split Trump out again: it sticks as well
    e = merged[0]
    assert editing.record(ann2, editing.split_op(ann2, e.id, "Trump"))
    ann3, _ = analyse_text(TEXT, Source(), model)
    names = sorted(e.name for e in ann3.entities if e.label == "PER")
    assert "Trump" in names and "Putin" in names
    ann3.check()
    # corrections live beside the cache, keyed by the text
    assert corrections.path_for(TEXT).is_file()
    assert corrections.path_for(TEXT).parent.parent == cache_dir


def test_corrections_for_missing_mentions_are_skipped(cache_dir, model):
    """Corrections naming spans this analysis does not have are skipped and said, the
    analysis is the pipeline's, and the log keeps them (an unreadable entry is set aside)."""
    plain, _ = analyse_text(TEXT, Source(), model, use_cache=False)
    gone = [{"op": "merge", "keep": [0, 3], "other": [5, 9]},
            {"op": "split", "at": [1, 2], "variant": "x"}]
    corrections.save_ops(TEXT, [*gone, {"op": "nonsense"}])
    ann, _ = analyse_text(TEXT, Source(), model)
    ann.check()
    assert ann.to_dict() == plain.to_dict()  # nothing was applied
    said = [n for n in ann.notices if "no longer apply" in n]
    assert len(said) == 1 and said[0].startswith("2 corrections")
    assert "merge “nist” into “Il”" in said[0] and "split “l” out" in said[0]
    assert any("cannot be read" in n and "kept as" in n for n in ann.notices)  # "nonsense"
    assert corrections.load_ops(TEXT) == gone  # skipped, never dropped


def test_document_merge_and_split_keep_the_invariants():
    text = "Mario Rossi e Rossi. Luigi Bianchi."
    ann = Annotations.from_dict({
        "schema": "personae/1", "text": text,
        "mentions": [
            {"id": "m1", "start": 0, "end": 11, "text": "Mario Rossi", "label": "PER", "entity": "e1"},
            {"id": "m2", "start": 14, "end": 19, "text": "Rossi", "label": "PER", "entity": "e1"},
            {"id": "m3", "start": 21, "end": 34, "text": "Luigi Bianchi", "label": "PER", "entity": "e2"},
        ],
        "entities": [
            {"id": "e1", "label": "PER", "name": "Mario Rossi", "variants": ["Mario Rossi", "Rossi"],
             "mentions": ["m1", "m2"], "roles": []},
            {"id": "e2", "label": "PER", "name": "Luigi Bianchi", "variants": ["Luigi Bianchi"],
             "mentions": ["m3"], "roles": []},
        ]})
    new = ann.split("e1", "Rossi")
    assert new and ann.entity(new).mentions == ["m2"] and ann.entity("e1").mentions == ["m1"]
    ann.check()
    ann.merge("e2", new)
    assert ann.entity("e2").mentions == ["m2", "m3"]
    assert ann.entity("e2").name == "Luigi Bianchi"
    ann.check()
    assert ann.split("e1", "Mario Rossi") is None  # the only spelling: nothing to split


def test_a_user_alias_line_is_seen_at_the_next_open(tmp_path, monkeypatch, cache_dir):
    """The cache key covers the user's alias file: a line added there is not hidden by a
    cached analysis of the same text with the same pipeline."""
    from tui.core.analysis import _key
    from tui.provenance import analysis_fingerprint

    monkeypatch.setenv("PERSONAE_CONFIG_DIR", str(tmp_path))
    analysis_fingerprint.cache_clear()
    before = cache.entry_path("testo", _key("m", "1", ""))
    (tmp_path / "aliases.tsv").write_text("Fiat\tFabbrica Italiana Automobili Torino\n",
                                          encoding="utf-8")
    analysis_fingerprint.cache_clear()
    assert cache.entry_path("testo", _key("m", "1", "")) != before
    analysis_fingerprint.cache_clear()


def test_a_cached_export_loads_no_pipeline(tmp_path, cache_dir, tiny_nlp_path):
    """The second export of an article comes from the cache without importing spaCy."""
    import os
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    script = ("import sys; from tui.cli import main; "
              f"code = main(['export', {str(article)!r}, '--format', 'json', '-o', sys.argv[1], "
              f"'--model', {str(tiny_nlp_path)!r}]); "
              "print(code, 'spacy' in sys.modules)")
    env = {**os.environ, "PERSONAE_CACHE_DIR": str(cache_dir)}
    outs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{k}.json")], env=env,
                           capture_output=True, text=True, check=True).stdout.split()
            for k in (1, 2)]
    assert outs[0] == ["0", "True"]   # analysed: the pipeline was loaded
    assert outs[1] == ["0", "False"]  # from the cache: spaCy never imported
    assert (tmp_path / "1.json").read_text() == (tmp_path / "2.json").read_text()


_READER_SCRIPT = """
import asyncio, sys
from pathlib import Path
from tui.app.main import PersonaeApp, open_paths

async def main():
    app = PersonaeApp(open_paths([Path(sys.argv[1])]), model=sys.argv[2])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        ann = screen.annotations
        print(type(screen).__name__, screen.from_cache, len(ann.mentions) if ann else -1)

asyncio.run(main())
print('spacy' in sys.modules, sorted(m for m in sys.modules if m.split('.')[:2] == ['tui', 'nlp']))
"""


def test_opening_the_reader_on_a_cached_article_imports_no_language_code(tmp_path, cache_dir,
                                                                          tiny_nlp_path):
    """The reader shows a cached article's analysis without importing spaCy or tui.nlp."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "PERSONAE_CACHE_DIR": str(cache_dir),
           "PERSONAE_CONFIG_DIR": str(tmp_path / "config")}
    warm = ("import sys; from pathlib import Path; from tui.core.opening import open_paths; "
            "from tui.core.analysis import analyse_text; "
            "a = open_paths([Path(sys.argv[1])]).articles[0]; "
            "print(analyse_text(a.text, a.source, sys.argv[2])[1])")
    first = subprocess.run([sys.executable, "-c", warm, str(article), str(tiny_nlp_path)],
                           env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["False"]  # analysed: now in the cache
    got = subprocess.run([sys.executable, "-c", _READER_SCRIPT, str(article), str(tiny_nlp_path)],
                         env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    screen, from_cache, mentions = got[-2].split()
    assert (screen, from_cache) == ("ReaderScreen", "True") and int(mentions) > 0
    assert got[-1] == "False []"  # neither spaCy nor any module of tui.nlp was imported
