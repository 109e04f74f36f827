"""The library index (people across articles, search) on a small library written here.

The library: Serghei Lavrov in three articles under three spellings with a different
role and date in each; two look-alikes (Kim Jong-un and Kim Jong-il); two Rossis and a
bare "Rossi" that fits both; an article whose ambiguous "Rossi" the user merged into
Mario Rossi (a corrected entity). The analyses are written into the cache by hand,
as the shipped pipeline would have cached them, so no model runs.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tui import sources
from tui.core import analysis, editing
from tui.core import library as core_library
from tui.document import Annotations, Mention, ModelInfo, Role
from tui.nlp import pipeline
from tui.nlp.entities.build import build_entities
from tui.provenance import analysis_fingerprint
from tui.store import cache
from tui.store.index import default_path

# (file, date, title, body, people's names as they appear, {name: role phrase})
ARTICLES = [
    ("esteri.txt", "2024-03-10", "Lavrov a Pyongyang",
     "Il ministro degli Esteri Serghei Lavrov ha incontrato Kim Jong-un a Pyongyang. "
     "Lavrov ha lodato l'accordo.",
     ["Serghei Lavrov", "Kim Jong-un", "Lavrov"], {"Serghei Lavrov": "ministro degli Esteri"}),
    ("premier.txt", "2025-06-01", "Il nuovo governo",
     "Il premier Sergei Lavrov ha ricordato Kim Jong-il davanti ai giornalisti.",
     ["Sergei Lavrov", "Kim Jong-il"], {"Sergei Lavrov": "premier"}),
    ("consiglio.txt", "2026-01-15", "Consiglio comunale",
     "Il sindaco Mario Rossi ha ricevuto Marco Rossi e l'ambasciatore Lavrov. Rossi ha "
     "aperto la seduta.",
     ["Mario Rossi", "Marco Rossi", "Lavrov", "Rossi"],
     {"Mario Rossi": "sindaco", "Lavrov": "ambasciatore"}),
    ("cronaca.txt", "2026-02-02", "Cronaca cittadina",
     "Rossi ha parlato a lungo in piazza Garibaldi con i commercianti.",
     ["Rossi"], {}),
]


def _analysis(text: str, names: list[str], roles: dict[str, str]) -> Annotations:
    mentions, pos = [], 0
    for n, name in enumerate(names, 1):
        start = text.index(name, pos)
        pos = start + len(name)
        mentions.append(Mention(f"m{n}", start, pos, name, "PER"))
    entities = build_entities(mentions)
    for e in entities:
        for mid in e.mentions:
            m = next(x for x in mentions if x.id == mid)
            if m.text in roles:
                phrase = roles[m.text]
                s = text.rindex(phrase, 0, m.start)
                e.roles.append(Role(phrase, s, s + len(phrase), m.id, (0, len(text))))
    return Annotations(text, model=ModelInfo(*pipeline.peek_id(_MODEL[0])[:3]),
                       mentions=mentions, entities=entities, sentences=[(0, len(text))])


_MODEL: list[str] = []


def _key() -> cache.Key:
    name, version, _lang, build = pipeline.peek_id(_MODEL[0])
    return cache.Key(name, version, build, analysis_fingerprint())


def write_article(folder: Path, spec) -> Path:
    fname, date, title, body, names, roles = spec
    path = folder / fname
    path.write_text(f"{date}\n\n{title}\n\n{body}\n", encoding="utf-8")
    art = sources.load_article(path)
    cache.save(_analysis(art.text, names, roles), _key())
    return path


@pytest.fixture
def library(tmp_path, cache_dir, tiny_nlp_path) -> Path:
    _MODEL[:] = [str(tiny_nlp_path)]
    folder = tmp_path / "library"
    folder.mkdir()
    for spec in ARTICLES:
        write_article(folder, spec)
    # the user merged the consiglio's ambiguous "Rossi" into Mario Rossi
    art = sources.load_article(folder / "consiglio.txt")
    ann = analysis.cached(art.text, art.source, _MODEL[0])
    rossi = next(e for e in ann.entities if e.name == "Rossi")
    mario = next(e for e in ann.entities if e.name == "Mario Rossi")
    assert editing.record(ann, editing.merge_op(ann, mario.id, rossi.id))
    return folder


def load(folder: Path) -> list:
    return [sources.load_article(p) for p in sources.list_articles(folder)]


def analyse(article):
    return analysis.cached(article.text, article.source, _MODEL[0])


def build(folder: Path) -> tuple[core_library.LibraryIndex, list]:
    arts = load(folder)
    idx = core_library.open_index(arts, _MODEL[0])
    core_library.update(idx, arts, analyse)
    return idx, arts


def by_name(idx: core_library.LibraryIndex) -> dict[str, object]:
    people = idx.people(full=True)
    names = [p.name for p in people]
    assert len(names) == len(set(names)), names
    return {p.name: p for p in people}


def test_one_person_under_three_spellings_with_each_articles_role_and_date(library):
    idx, _ = build(library)
    lavrov = by_name(idx)["Serghei Lavrov"]
    assert lavrov.articles == 3
    assert lavrov.mentions == 4
    assert set(lavrov.variants) == {"Serghei Lavrov", "Lavrov", "Sergei Lavrov"}
    assert [(r.text, r.date) for r in lavrov.roles] == [
        ("ministro degli Esteri", "2024-03-10"), ("premier", "2025-06-01"),
        ("ambasciatore", "2026-01-15")]
    assert (lavrov.first_seen, lavrov.last_seen) == ("2024-03-10", "2026-01-15")
    assert lavrov.roles_line().startswith("ambasciatore (2026-01-15); premier (2025-06-01)")
    assert [a.date for a in idx.appearances(lavrov.id)] == ["2026-01-15", "2025-06-01", "2024-03-10"]


def test_look_alikes_stay_apart_and_a_bare_surname_that_fits_two_is_not_guessed(library):
    idx, _ = build(library)
    people = by_name(idx)
    assert people["Kim Jong-un"].articles == people["Kim Jong-il"].articles == 1
    assert people["Marco Rossi"].articles == 1
    # the cronaca's lone "Rossi" could be Mario or Marco: on its own, flagged
    rossi = people["Rossi"]
    assert rossi.ambiguous and rossi.articles == 1
    assert [a.title for a in idx.appearances(rossi.id)] == ["Cronaca cittadina"]


def test_the_users_correction_is_honoured(library):
    idx, _ = build(library)
    mario = by_name(idx)["Mario Rossi"]
    # "Rossi" in the consiglio was merged into Mario Rossi by the user: two mentions there
    assert mario.mentions == 2 and mario.articles == 1
    assert "Rossi" in mario.variants


def test_companions_are_the_people_seen_in_the_same_articles(library):
    idx, _ = build(library)
    lavrov = by_name(idx)["Serghei Lavrov"]
    assert set(lavrov.partners) <= {"Kim Jong-un", "Kim Jong-il", "Mario Rossi", "Marco Rossi"}
    assert len(lavrov.partners) == 3
    assert by_name(idx)["Kim Jong-un"].partners == ["Serghei Lavrov"]


def test_incremental_update_after_editing_and_deleting_an_article(library):
    idx, arts = build(library)
    assert idx.pending(arts) == []
    assert core_library.update(idx, arts, analyse).indexed == 0       # nothing to do on a second open
    # the premier article now calls him by his surname only, as vice-premier
    spec = ("premier.txt", "2025-06-01", "Il nuovo governo",
            "Il vicepremier Lavrov ha ricordato Kim Jong-il davanti ai giornalisti.",
            ["Lavrov", "Kim Jong-il"], {"Lavrov": "vicepremier"})
    write_article(library, spec)
    (library / "esteri.txt").unlink()
    arts = load(library)
    seen = []
    up = core_library.update(idx, arts, lambda a: seen.append(a.path.name) or analyse(a))
    assert seen == ["premier.txt"] and up.indexed == 1 and up.removed == 1
    people = by_name(idx)
    assert "Kim Jong-un" not in people
    lavrov = people["Lavrov"]
    assert lavrov.articles == 2
    assert [(r.text, r.date) for r in lavrov.roles] == [("vicepremier", "2025-06-01"),
                                                        ("ambasciatore", "2026-01-15")]
    assert idx.search("premier") == []                  # the old text is out of the search
    assert [Path(k).name for k in idx.search("vicepremier")] == ["premier.txt"]
    assert not idx.search("Pyongyang")                  # the deleted article too


def test_a_correction_made_after_indexing_is_picked_up(library):
    idx, arts = build(library)
    art = next(a for a in arts if a.path.name == "consiglio.txt")
    ann = analyse(art)
    mario = next(e for e in ann.entities if e.name == "Mario Rossi")
    editing.record(ann, editing.split_op(ann, mario.id, "Rossi"))
    assert [arts[i].path.name for i in idx.pending(arts)] == ["consiglio.txt"]
    core_library.update(idx, arts, analyse)
    assert by_name(idx)["Mario Rossi"].mentions == 1


def test_a_corrupted_index_file_is_rebuilt(library):
    idx, arts = build(library)
    idx.close()
    path = default_path(arts)
    path.write_bytes(b"not a database at all " * 200)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    idx, _ = build(library)
    assert idx.rebuilt
    assert by_name(idx)["Serghei Lavrov"].articles == 3
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_an_index_from_other_analysis_code_is_rebuilt(library):
    idx, arts = build(library)
    idx.close()
    with sqlite3.connect(default_path(arts)) as db:
        db.execute("UPDATE meta SET v = 'old' WHERE k = 'key'")
    idx = core_library.open_index(arts, _MODEL[0])
    assert idx.rebuilt and idx.stats()["articles"] == 0
    core_library.update(idx, arts, analyse)
    assert idx.stats()["articles"] == 4


def test_search_covers_titles_text_names_and_roles_ignoring_accents(library):
    idx, _ = build(library)
    name = lambda keys: sorted(Path(k).name for k in keys)  # noqa: E731
    assert name(idx.search("consiglio")) == ["consiglio.txt"]           # title
    assert name(idx.search("commercianti")) == ["cronaca.txt"]          # text
    assert name(idx.search("sergei")) == ["premier.txt"]                # a person's name
    assert name(idx.search("ambasciat")) == ["consiglio.txt"]           # a role, as a prefix
    assert name(idx.search("GARIBÀLDI")) == ["cronaca.txt"]              # case and accents
    assert name(idx.search("lavrov premier")) == ["premier.txt"]        # every word
    assert idx.search("   ") == []


def test_merging_and_splitting_across_articles_from_the_index(library):
    idx, arts = build(library)
    people = by_name(idx)
    idx.merge(people["Mario Rossi"].id, people["Rossi"].id)
    people = by_name(idx)
    assert "Rossi" not in people and people["Mario Rossi"].articles == 2
    # the decision is the user's, not the index's: it survives a rebuild from scratch
    idx.close()
    default_path(arts).unlink()
    idx, _ = build(library)
    people = by_name(idx)
    assert people["Mario Rossi"].articles == 2
    lavrov = people["Serghei Lavrov"]
    premier = next(a for a in idx.appearances(lavrov.id) if a.title == "Il nuovo governo")
    idx.split_off(premier)
    people = by_name(idx)
    assert people["Serghei Lavrov"].articles == 2
    assert people["Sergei Lavrov"].articles == 1


def test_the_cli_writes_one_row_per_person(library, capsys):
    from tui.cli import main

    assert main(["people", str(library), "--format", "json", "-o", "-",
                 "--model", _MODEL[0]]) == 0
    rows = json.loads(capsys.readouterr().out)
    lavrov = next(r for r in rows if r["name"] == "Serghei Lavrov")
    assert lavrov["label"] == "PER" and lavrov["articles"] == 3 and lavrov["mentions"] == 4
    assert {"text": "premier", "article": "Il nuovo governo", "date": "2025-06-01"}.items() \
        <= lavrov["roles"][1].items()
    assert main(["people", str(library), "--format", "csv", "-o", "-",
                 "--model", _MODEL[0]]) == 0
    import csv
    import io

    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    row = next(r for r in table if r["name"] == "Serghei Lavrov")
    assert row["articles"] == "3" and "premier (Il nuovo governo, 2025-06-01)" in row["roles"]
    assert "Sergei Lavrov" in row["variants"]


# -- the screens, through the pilot ------------------------------------------------------

async def _wait(pilot, predicate, timeout: float = 30.0) -> None:
    import asyncio

    end = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > end:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def open_people_screen(pilot, app):
    """From the library, once its index is ready, ``p``: the People screen, on top."""
    from tui.app.library import LibraryScreen
    from tui.app.people import PeopleScreen

    await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
    await _wait(pilot, lambda: app.screen.index_ready)
    await pilot.press("p")
    await _wait(pilot, lambda: isinstance(app.screen, PeopleScreen))
    return app.screen


def _titles(table) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_library_search_sort_and_the_people_screen_through_the_pilot(library):
    from tui.app.library import LibraryScreen
    from tui.app.main import PersonaeApp, open_paths
    from tui.app.people import PeopleScreen, PersonScreen
    from tui.app.reader import ReaderScreen

    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        await _wait(pilot, lambda: lib.index_ready)
        table = lib.table
        assert table.row_count == 4
        # sort by date, newest first; again for oldest first
        await pilot.press("2")
        assert _titles(table)[0] == "Cronaca cittadina"
        await pilot.press("2")
        assert _titles(table)[0] == "Lavrov a Pyongyang"
        # search: a person's spelling finds the one article that uses it
        await pilot.press("slash", *"sergei")
        assert _titles(table) == ["Il nuovo governo"]
        await pilot.press("escape")
        assert table.row_count == 4

        await pilot.press("p")
        await _wait(pilot, lambda: isinstance(app.screen, PeopleScreen))
        people = app.screen
        names = [str(people.table.get_row_at(i)[0]) for i in range(people.table.row_count)]
        assert names[0] == "Serghei Lavrov"          # most articles first
        assert "Kim Jong-un" in names and "Kim Jong-il" in names
        row = people.table.get_row_at(0)
        assert str(row[1]) == "3" and "premier (2025-06-01)" in str(row[3])
        await pilot.press("slash", *"ambasc", "enter")
        assert [str(people.table.get_row_at(i)[0]) for i in range(people.table.row_count)] \
            == ["Serghei Lavrov"]
        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        page = app.screen
        assert [a.title for a in page.appearances] == ["Consiglio comunale", "Il nuovo governo",
                                                       "Lavrov a Pyongyang"]
        await pilot.press("down", "down", "enter")   # the oldest: he is there twice
        await _wait(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.annotations is not None)
        reader = app.screen
        await pilot.pause()
        ann = reader.annotations
        assert ann.entity(reader.selected_entity).name == "Serghei Lavrov"
        await pilot.press("n")
        cur = reader.view.cursor
        assert ann.mention(cur.mention).text == "Lavrov"   # n went on to his next mention
        await pilot.press("escape")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))


async def test_at_80x24_the_title_is_cut_before_the_people_column_goes(library):
    from tui.app.library import LibraryScreen
    from tui.app.main import PersonaeApp, open_paths

    long_title = ("Il Consiglio comunale approva il bilancio dopo una seduta fiume durata "
                  "fino all'alba tra proteste e ordini del giorno")
    write_article(library, ("bilancio-comunale-approvato-dopo-seduta-fiume.txt", "2026-03-01",
                            long_title, "Mario Rossi ha votato a favore.", ["Mario Rossi"], {}))
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        await _wait(pilot, lambda: lib.index_ready)
        await pilot.pause()
        table = lib.table
        header = table.render_line(0).text
        assert "Title" in header and "Date" in header and "People" in header, header
        row = next(y for y in range(1, table.row_count + 1)
                   if "Il Consiglio comunale" in table.render_line(y).text)
        line = table.render_line(row).text
        assert "…" in line and "2026-03-01" in line
        assert table.virtual_size.width <= table.size.width


async def test_merging_on_the_people_screen_and_splitting_on_a_persons_page(library):
    from tui.app.main import PersonaeApp, open_paths
    from tui.app.people import PeopleScreen, PersonScreen

    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_people_screen(pilot, app)
        people = app.screen

        def names() -> list[str]:
            return [str(people.table.get_row_at(i)[0]) for i in range(people.table.row_count)]

        assert "Rossi ?" in names()        # the bare surname is flagged, not guessed
        await pilot.press("1")             # by name: Kim Jong-il, Kim Jong-un, Marco Rossi, ...
        people.table.move_cursor(row=names().index("Rossi ?"))
        await pilot.press("m")
        people.table.move_cursor(row=names().index("Mario Rossi"))
        await pilot.press("m")
        assert "Rossi ?" not in names()
        mario = next(p for p in people.persons if p.name == "Mario Rossi")
        assert mario.articles == 2
        people.table.move_cursor(row=names().index("Serghei Lavrov"))
        await pilot.press("enter")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        page = app.screen
        await pilot.press("down", "s")     # "Il nuovo governo" is someone else
        assert [a.title for a in page.appearances] == ["Consiglio comunale", "Lavrov a Pyongyang"]
        assert page.person.articles == 2
        await pilot.press("escape")
        await _wait(pilot, lambda: isinstance(app.screen, PeopleScreen))
        assert "Sergei Lavrov" in names()


async def test_a_long_list_is_added_a_chunk_at_a_time_as_the_cursor_goes_down(library, monkeypatch):
    from tui.app.library import LibraryScreen
    from tui.app.main import PersonaeApp, open_paths
    from tui.app.tables import LazyRows

    monkeypatch.setattr(LazyRows, "CHUNK", 2)
    monkeypatch.setattr(LazyRows, "MARGIN", 1)
    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await _wait(pilot, lambda: isinstance(app.screen, LibraryScreen))
        lib = app.screen
        await _wait(pilot, lambda: lib.index_ready)
        table = lib.table
        assert table.row_count == 2
        await pilot.press("down")
        assert table.row_count == 4
        # sorting and searching work on every article, not only the rows shown
        await pilot.press("2")
        assert _titles(table)[0] == "Cronaca cittadina"
        await pilot.press("slash", *"pyongyang")
        assert _titles(table) == ["Lavrov a Pyongyang"]


def test_the_alias_table_joins_a_person_across_articles_as_within_one():
    from tui.nlp.entities.across import group_people

    groups, ambiguous = group_people(["Mahmud Abbas", "Abu Mazen", "Kim Jong-un", "Kim Jong-il",
                                      "Kim"])
    assert groups[0] == groups[1]
    assert len({groups[2], groups[3], groups[4]}) == 3 and groups[4] in ambiguous


async def test_a_correction_in_the_reader_shows_on_the_persons_page_on_return(library):
    from tui.app.main import PersonaeApp, open_paths
    from tui.app.people import PersonScreen
    from tui.app.reader import ReaderScreen

    app = PersonaeApp(open_paths([library]), model=_MODEL[0])
    async with app.run_test(size=(120, 36)) as pilot:
        await open_people_screen(pilot, app)
        await pilot.press("enter")                       # Serghei Lavrov, most articles
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        page = app.screen
        assert page.person.mentions == 4
        await pilot.press("down", "down", "enter")       # the article naming him twice
        await _wait(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.annotations is not None)
        ann = app.screen.annotations
        eid = next(e.id for e in ann.entities if e.name == "Serghei Lavrov")
        editing.record(ann, editing.split_op(ann, eid, "Lavrov"))   # as `s` does
        await pilot.press("escape")
        await _wait(pilot, lambda: isinstance(app.screen, PersonScreen))
        await _wait(pilot, lambda: page.person.mentions == 3)
