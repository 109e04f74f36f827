"""Quotations in the library index: search finds the words said, each person's count,
their quotations by article and date, and ``personae people``'s column."""

from __future__ import annotations

import test_index as ti

from tui import sources
from tui.store import cache

ARTICLES = [
    ("uno.txt", "2024-03-10", "Lavrov a Mosca",
     "Serghei Lavrov ha dichiarato: «Siamo pronti a trattare con tutti». Lavrov ha poi "
     "aggiunto che la pazienza ha un limite.",
     ["Serghei Lavrov", "Lavrov"], {},
     [("Siamo pronti a trattare con tutti", "Serghei Lavrov"),
      ("la pazienza ha un limite", "Lavrov")]),
    ("due.txt", "2025-06-01", "Vertice a Ginevra",
     "Il vertice si è chiuso. Sergei Lavrov ha detto che l'accordo è vicino. Mario Rossi "
     "ha ascoltato in silenzio.",
     ["Sergei Lavrov", "Mario Rossi"], {}, [("l'accordo è vicino", "Sergei Lavrov")]),
]


def write(folder, spec):
    from tui.document import Quote

    fname, date, title, body, names, roles, quotes = spec
    path = folder / fname
    path.write_text(f"{date}\n\n{title}\n\n{body}\n", encoding="utf-8")
    art = sources.load_article(path)
    ann = ti._analysis(art.text, names, roles)
    by_variant = {v: e.id for e in ann.entities for v in e.variants}
    for n, (words, who) in enumerate(quotes, 1):
        s = art.text.index(words)
        ann.quotes.append(Quote(f"q{n}", s, s + len(words), words, "direct", by_variant[who],
                                s, s, "", (0, len(art.text)), f"q{n}"))
    ann.check()
    cache.save(ann, ti._key())


def test_the_index_keeps_who_said_what(tmp_path, cache_dir, tiny_nlp_path):
    ti._MODEL[:] = [str(tiny_nlp_path)]
    folder = tmp_path / "lib"
    folder.mkdir()
    for spec in ARTICLES:
        write(folder, spec)
    idx, _arts = ti.build(folder)
    people = ti.by_name(idx)
    lavrov = people["Serghei Lavrov"]
    assert lavrov.quotes == 3 and people["Mario Rossi"].quotes == 0
    said = [(a.date, a.quotes) for a in idx.appearances(lavrov.id)]
    assert said == [("2025-06-01", ["l'accordo è vicino"]),
                    ("2024-03-10", ["Siamo pronti a trattare con tutti", "la pazienza ha un limite"])]
    # search finds the words said (and not only the words of the text around them)
    assert [k.rsplit("/", 1)[-1] for k in idx.search("pazienza limite")] == ["uno.txt"]
    assert [k.rsplit("/", 1)[-1] for k in idx.search("accordo vicino")] == ["due.txt"]
    # a query opening with a quotation mark looks only in what was said
    assert [k.rsplit("/", 1)[-1] for k in idx.search('"accordo')] == ["due.txt"]
    assert idx.search("silenzio") and not idx.search("«silenzio")
    # personae people: the count column
    from tui.cli.people import CSV_COLUMNS, dumps

    csv_text = dumps(idx.people(full=True), "csv")
    header, *rows = csv_text.splitlines()
    assert header.split(",") == list(CSV_COLUMNS) and "quotes" in CSV_COLUMNS
    col = CSV_COLUMNS.index("quotes")
    row = next(r for r in rows if r.startswith("Serghei Lavrov"))
    import csv

    assert next(csv.reader([row]))[col] == "3"
    assert '"quotes": 3' in dumps(idx.people(full=True), "json")


def test_personae_people_counts_lavrovs_quotation_in_the_seed_article(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {"PERSONAE_CACHE_DIR": str(tmp_path / "cache"),
           "PERSONAE_CONFIG_DIR": str(tmp_path / "config"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "tui", "people",
                          str(root / "articles" / "lavrov-apre-a-rubio.txt"), "-f", "json"],
                         cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    quotes = {p["name"]: p["quotes"] for p in json.loads(out.stdout)}
    assert quotes["Serghei Lavrov"] == 1 and quotes["Marco Rubio"] == 0
