"""Benchmark of the library index: build time, size, People screen, search, at 10,000 articles.

    python benchmarks/bench_index.py [--articles 10000] [--people 3000] [--seed 7]

Writes N short synthetic Italian articles' analyses into a temporary cache (as
the shipped pipeline would have cached them: mentions, entities gathered by
the real within-article rules, roles), then measures, through the same calls
the library makes (``analysis.cached`` for each article, ``tui.core.library.update``):

- building the index from scratch, its size on disk;
- opening the library again with nothing to do, and after one article changed;
- opening the People screen (headless Textual app, push to the table filled and drawn,
  the library's index open and up to date), for the
  working tree and for the code of ``--before`` (``git archive``, run in a fresh process
  on the same index), alternately, with the ratio after/before of the medians;
- search latency over names, roles and words of the text (median and worst).

Prints the figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the code measured: the working tree, or (in a child) the previous code's tree
sys.path.insert(0, os.environ.get("PERSONAE_BENCH_CODE", str(ROOT)))

FIRST = ["Mario", "Marco", "Giulia", "Luca", "Anna", "Paolo", "Chiara", "Giorgio", "Elena",
         "Francesco", "Sara", "Andrea", "Laura", "Matteo", "Silvia", "Stefano", "Marta",
         "Alessandro", "Valentina", "Roberto", "Federica", "Davide", "Serena", "Enrico"]
LAST = ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino",
        "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
        "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi",
        "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli",
        "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti",
        "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso"]
ROLES = ["ministro degli Esteri", "sindaco", "presidente della Regione", "assessore",
         "premier", "segretario del partito", "direttore generale", "portavoce",
         "ambasciatore", "questore", "rettore", "allenatore"]
PLACES = ["Roma", "Milano", "Napoli", "Torino", "Bologna", "Firenze", "Genova", "Bari"]
VERBS = ["ha incontrato", "ha criticato", "ha ricevuto", "ha risposto a", "ha ringraziato"]


def make_people(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        names.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}{rng.choice(['', '', 'i', 'o', 'a'])}")
    return sorted(names)


def surname(name: str) -> str:
    return name.split(" ", 1)[1]


def make_article(k: int, people: list[str], rng: random.Random):
    """A text of about 600 characters with 3-5 people, some with a role, some named again
    by surname; the mentions and roles of its analysis."""
    cast = rng.sample(people, rng.randint(3, 5))
    parts, spans = [], []   # spans: (start, end, label, role or "")
    pos = 0
    title = f"{surname(cast[0])} a {rng.choice(PLACES)}, {rng.choice(['accordo', 'polemica', 'incontro', 'vertice'])}"
    parts.append(title + "\n\n")
    pos += len(parts[-1])

    def add(s: str, label: str = "", role: str = "") -> None:
        nonlocal pos
        if label:
            spans.append((pos, pos + len(s), label, role))
        parts.append(s)
        pos += len(s)

    for n, who in enumerate(cast):
        role = rng.choice(ROLES) if rng.random() < 0.6 else ""
        add("Il " if role else "")
        if role:
            add(role, "ROLE")
            add(" ")
        add(who, "PER", role)
        add(f" {rng.choice(VERBS)} ")
        other = cast[(n + 1) % len(cast)]
        add(surname(other) if rng.random() < 0.5 else other, "PER")
        add(" a ")
        add(rng.choice(PLACES), "LOC")
        add(f" per discutere del progetto numero {k}. ")
        add(surname(who), "PER")
        add(" ha spiegato che la decisione arriverà nelle prossime settimane, dopo il confronto "
            "con le categorie e con i comitati dei cittadini.\n\n")
    text = "".join(parts).strip() + "\n"
    return title, text, spans


def write_cache(n: int, n_people: int, seed: int, folder: Path, keep: dict | None = None,
                articles_only: bool = False) -> list:
    """The articles; their analyses go to the cache (and into ``keep``, by path, if given);
    ``articles_only``: the same articles, their analyses already cached."""
    from tui.document import Annotations, Mention, ModelInfo, Role
    from tui.nlp import pipeline
    from tui.nlp.entities.build import build_entities
    from tui.provenance import analysis_fingerprint
    from tui.sources import make_article as new_article
    from tui.store import cache

    rng = random.Random(seed)
    people = make_people(n_people, rng)
    name, version, lang, build = pipeline.peek_id(None)
    key = cache.Key(name, version, build, analysis_fingerprint())
    articles = []
    for k in range(n):
        title, text, spans = make_article(k, people, rng)
        day = f"20{20 + k % 7:02d}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        if articles_only:
            articles.append(new_article(text, folder / f"a{k:05d}.txt", title=title, date=day))
            continue
        mentions, roles = [], []
        for s, e, label, _role in spans:
            if label == "ROLE":
                roles.append((s, e))
            else:
                mentions.append(Mention(f"m{len(mentions) + 1}", s, e, text[s:e], label))
        entities = build_entities(mentions)
        owner = {m.id: e for e in entities for m in mentions if m.entity == e.id}
        by_start = {m.start: m for m in mentions}
        for s, e in roles:
            m = by_start.get(e + 1)
            if m is not None:
                owner[m.id].roles.append(Role(text[s:e], s, e, m.id, (0, len(text))))
        ann = Annotations(text, model=ModelInfo(name, version, lang), mentions=mentions,
                          entities=entities, sentences=[(0, len(text))])
        cache.save(ann, key)
        if keep is not None:
            keep[folder / f"a{k:05d}.txt"] = ann
        articles.append(new_article(text, folder / f"a{k:05d}.txt", title=title, date=day))
    return articles


#: what the benchmark adds to the first article (a user's edit)
EDIT = "Lo ha confermato anche Mario Rossi.\n"


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


class _Library:
    """What the People screen reads of the library screen: its index, ready."""

    def __init__(self, index, articles) -> None:
        self.index, self.articles, self.index_ready = index, articles, True
        self.people = dict.fromkeys(range(len(articles)), 0)

    def count_people(self) -> None:
        pass


async def people_screen_seconds(articles, index) -> tuple[float, int, float, float]:
    """The People screen pushed on an app, to its table filled and drawn (median of 3), with
    the library's index open and up to date; a plain screen for scale; the CPU time of an
    open."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header

    from tui.app.people import PeopleScreen

    library = _Library(index, articles)

    class Plain(Screen):   # for scale: a header, an empty table and a footer
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

    app = App()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause(0.3)
        plain, people, cpu = [], [], []
        for _ in range(3):
            t = time.perf_counter()
            app.push_screen(Plain())
            await pilot.pause()
            await pilot.pause()
            plain.append(time.perf_counter() - t)
            app.pop_screen()
            await pilot.pause(0.3)
            t, c = time.perf_counter(), time.process_time()
            app.push_screen(PeopleScreen(library))
            while not (isinstance(app.screen, PeopleScreen) and app.screen.is_mounted
                       and app.screen.persons and app.screen.query("#people")
                       and app.screen.table.row_count):
                if time.perf_counter() - t > 120:
                    raise SystemExit("the People screen never filled: no people in the index?")
                await pilot.pause(0.005)
            await pilot.pause()
            people.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            rows = app.screen.table.row_count
            app.pop_screen()
            await pilot.pause(0.3)
        return statistics.median(people), rows, statistics.median(plain), statistics.median(cpu)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--people", type=int, default=3_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--before", default="122d349",
                    help="the previous code for the People screen (a git revision; '' skips it). "
                         "Only when its analysis code (tui/nlp) is the working tree's: the "
                         "index records the analysis fingerprint, and other code resets it")
    ap.add_argument("--rounds", type=int, default=3, help="People screen: before/after pairs")
    ap.add_argument("--people-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path,
                    help="work in this folder (kept); a second run with the same figures reuses "
                         "the analyses it wrote there (default: a new temporary folder)")
    args = ap.parse_args()
    tmp = args.folder or Path(tempfile.mkdtemp(prefix="personae-bench-index-"))
    os.environ["PERSONAE_CACHE_DIR"] = str(tmp / "cache")
    os.environ["PERSONAE_CONFIG_DIR"] = str(tmp / "config")

    from tui.core import analysis, library
    from tui.provenance import analysis_fingerprint
    from tui.store import cache
    from tui.store.index import default_path

    # the analyses a run wrote are found again only under the same analysis code (its
    # fingerprint is in the cache key): a child measuring the previous code's People
    # screen reuses the index the parent built, not the cache
    entries = tmp / "cache" / "analyses"
    mark = tmp / "analyses-fingerprint"
    same = mark.is_file() and mark.read_text() == f"{analysis_fingerprint()} {args.articles} {args.seed}"
    reuse = args.people_only or (same and entries.is_dir()
                                 and sum(1 for _ in entries.iterdir()) >= args.articles)
    if reuse:
        cache.save = lambda *a, **k: None   # the same seed writes the same analyses
    articles, secs = timed(lambda: write_cache(args.articles, args.people, args.seed, tmp / "lib",
                                               articles_only=args.people_only and reuse))
    if not args.people_only:
        mark.write_text(f"{analysis_fingerprint()} {args.articles} {args.seed}")
    if args.people_only:   # a child: the People screen of the code on sys.path, on this index
        from tui.sources import make_article as new_article

        a = articles[0]   # as the parent left it (edited), so that nothing is re-indexed
        articles[0] = new_article(a.text + EDIT, a.path, title=a.title, date=a.date)
        index = library.open_index(articles)
        secs, rows, plain, cpu = asyncio.run(people_screen_seconds(articles, index))
        index.close()
        print("RESULT " + json.dumps({"seconds": secs, "rows": rows, "plain": plain, "cpu": cpu}))
        return 0
    print(f"articles: {len(articles)} ({sum(len(a.text) for a in articles) / len(articles):.0f} "
          f"characters on average), analyses {'found in' if reuse else 'written to'} the cache "
          f"in {secs:.1f} s")
    for p in (tmp / "cache" / "index").glob("*"):
        p.unlink()   # the index is built from scratch

    spent = [0.0]

    def analyse(a):
        t = time.perf_counter()
        ann = analysis.cached(a.text, a.source)
        spent[0] += time.perf_counter() - t
        return ann

    index = library.open_index(articles)
    up, secs = timed(lambda: library.update(index, articles, analyse))
    st = index.stats()
    print(f"build from scratch: {secs:.2f} s ({up.indexed} articles, {st['entities']} article "
          f"entities -> {st['persons']} persons and other entities)")
    print(f"  of which reading the analyses from the cache (analysis.cached): {spent[0]:.2f} s")
    _, secs = timed(lambda: index.regroup(force=True))
    print(f"  of which grouping across articles: {secs:.2f} s")
    index.close()
    path = default_path(articles)
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(f"index size: {size / 1e6:.1f} MB ({size / len(articles) / 1e3:.1f} kB per article)")

    index, secs = timed(lambda: library.open_index(articles))
    print(f"open (quick_check included): {secs * 1000:.0f} ms")
    _, secs = timed(lambda: library.update(index, articles, analyse))
    print(f"second open of the library, nothing changed: {secs * 1000:.0f} ms")
    a = articles[0]
    from tui.sources import make_article as new_article

    articles[0] = new_article(a.text + EDIT, a.path, title=a.title, date=a.date)
    # the edited text's analysis (the pipeline would write it; here: the old one's, re-cut)
    from tui.document import Annotations

    old = analysis.cached(a.text, a.source)
    d = old.to_dict()
    d["text"] = articles[0].text
    edited = Annotations.from_dict(d)
    from tui.nlp import pipeline
    from tui.provenance import analysis_fingerprint
    from tui.store import cache

    name, version, _lang, build = pipeline.peek_id(None)
    cache.save(edited, cache.Key(name, version, build, analysis_fingerprint()))
    up, secs = timed(lambda: library.update(index, articles, lambda x: edited if x is articles[0]
                                          else analyse(x)))
    print(f"one article edited: {secs * 1000:.0f} ms ({up.indexed} re-indexed, persons regrouped)")

    people = index.people()
    print(f"people: {len(people)}; most seen: {people[0].name} in {people[0].articles} articles")
    queries = ["rossi", "ministro degli esteri", "sindaco", "giulia", "napoli", "comitati",
               "progetto numero 4242", "de luca", "portavoce bianchi", "zzzz"]
    lat = []
    for q in queries * 5:
        _, s = timed(lambda q=q: index.search(q))
        lat.append(s * 1000)
    print(f"search: median {statistics.median(lat):.1f} ms, worst {max(lat):.1f} ms "
          f"over {len(lat)} queries ({', '.join(queries[:4])}, …)")
    index.close()
    people_screen(args, tmp, len(people))
    return 0


def people_child(code: Path, args, tmp: Path) -> dict:
    env = dict(os.environ, PERSONAE_BENCH_CODE=str(code), PYTHONPATH=str(code))
    p = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--people-only",
                        "--folder", str(tmp), "--articles", str(args.articles),
                        "--people", str(args.people), "--seed", str(args.seed)],
                       cwd=code, env=env, capture_output=True, text=True)
    for line in p.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise SystemExit(f"People screen child failed ({code}):\n{p.stderr[-3000:]}")


def people_screen(args, tmp: Path, people: int) -> None:
    """The People screen, the working tree's and the previous code's, alternately."""
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    before = None
    if args.before:
        before = tmp / "before-code"
        if not before.is_dir():
            before.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before],
                                     capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
    for _ in range(args.rounds):
        if before is not None:
            runs["before"].append(people_child(before, args, tmp))
        runs["after"].append(people_child(ROOT, args, tmp))
    for name, label in (("before", f"before ({args.before})"), ("after", "working tree")):
        if not runs[name]:
            continue
        secs = statistics.median(r["seconds"] for r in runs[name])
        plain = statistics.median(r["plain"] for r in runs[name])
        cpu = statistics.median(r["cpu"] for r in runs[name])
        print(f"People screen, {label}: {secs * 1000:.0f} ms from the push to the table filled "
              f"and drawn, {cpu * 1000:.0f} ms of CPU ({runs[name][0]['rows']} rows in the table "
              f"of {people} people; median of {len(runs[name])} processes, 3 opens each); a plain "
              f"screen (header, empty table, footer): {plain * 1000:.0f} ms")
    if runs["before"]:
        ratio = statistics.median(r["seconds"] for r in runs["after"]) / \
            statistics.median(r["seconds"] for r in runs["before"])
        print(f"People screen after/before: {ratio:.2f}x; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    raise SystemExit(main())
