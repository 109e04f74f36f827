"""``personae people``: everyone in a library, across its articles, as CSV or JSON.

    personae people PATH... --format csv|json [-o OUT] [--label PER|ORG|LOC|MISC|all] [--model M]
    personae people OUT/ --format csv|json       (a folder of tables: export --format parquet)

One row per person: name, variants, label, articles, mentions, quotations, and the roles
with the article and its date. Articles not analysed yet are analysed (and
cached); the library index is brought up to date on the way.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

from tui.cli.report import Reporter, model_ready, readable_files, reason, say, write_stdout
from tui.core import library
from tui.core.opening import SourceError, load_article
from tui.export.csv_format import neutral
from tui.store import people_links

FORMATS = ("csv", "json")
LABELS = ("PER", "ORG", "LOC", "MISC", "all")
CSV_COLUMNS = ("name", "variants", "label", "articles", "mentions", "quotes", "first_seen",
               "last_seen", "roles", "with", "ambiguous")


def add_people_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "people", help="list the people of a library across its articles",
        description="Everyone in the articles, merged across articles by name (look-alikes "
                    "kept apart, the user's corrections honoured), with the roles each "
                    "article gives them and its date. One row per person.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="article files or folders of articles, or one folder of tables "
                        "written by export --format parquet")
    p.add_argument("-f", "--format", required=True, choices=FORMATS, help="csv or json")
    p.add_argument("-o", "--output", default="-", metavar="OUT",
                   help="output file, or - for standard output (the default)")
    p.add_argument("--label", default="PER", choices=LABELS,
                   help="which entities: PER (people, the default), ORG, LOC, MISC or all")
    p.add_argument("--model", help="spaCy pipeline name or path (default: the bundled Italian one)")
    p.set_defaults(func=run_people)
    return p


def person_record(p) -> dict:
    return {"name": p.name, "variants": p.variants, "label": p.label, "articles": p.articles,
            "mentions": p.mentions, "quotes": p.quotes, "first_seen": p.first_seen,
            "last_seen": p.last_seen,
            "roles": [{"text": r.text, "gloss": r.gloss, "article": r.title,
                       "path": r.article, "date": r.date} for r in p.roles],
            "with": p.partners, "ambiguous": p.ambiguous}


def dumps(people: list, fmt: str) -> str:
    if fmt == "json":
        return json.dumps([person_record(p) for p in people], ensure_ascii=False, indent=1) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in people:
        roles = "; ".join(f"{r.text} ({', '.join(x for x in (r.title, r.date) if x)})"
                          for r in p.roles)
        w.writerow([neutral(c) for c in (
            p.name, "; ".join(p.variants), p.label, p.articles, p.mentions, p.quotes,
            p.first_seen, p.last_seen, roles, "; ".join(p.partners),
            "yes" if p.ambiguous else "")])
    return buf.getvalue()


def run_people(args) -> int:
    from tui.batch.folder import is_tables_folder  # light: pyarrow only past this check

    if len(args.paths) == 1 and is_tables_folder(args.paths[0]):  # the index from the tables
        from tui.batch.people import run_people_tables

        return run_people_tables(args, args.paths[0])
    files, status = readable_files(args.paths)
    if not files:
        return status or 1
    from tui.core.analysis import analyse_many  # the pipeline's side: after the usage checks

    if not model_ready(args.model):
        return 2
    arts = []
    for path in files:
        try:
            arts.append(load_article(path))
        except SourceError as exc:
            status = 1
            say(f"{path}: {exc}")
    if not arts:
        return 1
    index = library.open_index(arts, args.model)
    todo = [arts[i] for i in index.pending(arts)]
    rep = Reporter(len(todo), "analysing")
    analysed = {}
    with rep.running():
        results = analyse_many([(a.text, a.source) for a in todo], args.model)
        for a in todo:
            rep.step(a.stem)
            try:
                analysed[id(a)] = next(results)[0]
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
                rep.error(a.path, f"analysis failed: {reason(exc)}")
                status = 1
                rest = [b for b in todo if id(b) not in analysed and b is not a]
                results = analyse_many([(b.text, b.source) for b in rest], args.model)
            rep.done()
    failed = {id(a) for a in todo if id(a) not in analysed}

    def analysis(a):
        """An article's analysis as the user sees it: the index may ask for one it held
        before (a damaged index set aside, a locked one counted in memory)."""
        if id(a) not in analysed:
            from tui.core.analysis import analyse_text  # the pipeline's side, as above

            analysed[id(a)] = analyse_text(a.text, a.source, args.model)[0]
        return analysed[id(a)]

    labels = None if args.label == "all" else (args.label,)
    try:
        up = library.update(index, [a for a in arts if id(a) not in failed], analysis)
        people = index.people(labels, full=True)
    except library.IndexFailure as exc:  # unreadable even once rebuilt: no list rather than a short one
        say(f"{index.path}: the library index cannot be read ({exc})")
        return 1
    finally:
        index.close()
    for key, why in up.failed:
        say(f"{key}: analysis failed: {why}")
        status = 1
    if index.notice:  # set aside and rebuilt, or counted in memory: said, once
        say(index.notice)
    if index.unwritable:
        status = 1
    text = dumps(people, args.format)
    for notice in people_links.notices():  # a damaged decisions file was set aside
        say(notice)
    if args.output == "-":
        write_stdout(text)
    else:
        # imported when the command runs, so `personae --help` and the parser stay quick
        from tui.fsutil import atomic_write_text

        try:
            atomic_write_text(Path(args.output), text)
        except OSError as exc:
            say(f"{args.output}: cannot write: {reason(exc)}")
            return 1
    return status

