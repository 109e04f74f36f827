"""The ``personae`` command: parse the command line and start the reader, an export or an import.

    personae [PATH|URL ...]             open the reader (default: the bundled articles, the
                                        pages saved from the web and the feeds of feeds.txt)
    personae read [PATH ...]            the same
    personae export PATH ... --format F -o OUT
    personae import FILE                open an export (json, jsonl, brat .ann, spacy) in the reader
    personae people PATH ... --format csv|json   everyone across the articles, with their roles

Exit status: 0 done, 2 bad usage, 1 an input that could not be read, 130 interrupted (ctrl-c).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tui import __version__

COMMANDS = ("read", "export", "import", "people")
PACKAGE_DIR = Path(__file__).resolve().parent.parent
ARTICLES_DIR = PACKAGE_DIR.parent / "articles"


def bundled_articles() -> Path:
    """The sample articles: beside the package in a checkout, inside it when installed."""
    for p in (ARTICLES_DIR, PACKAGE_DIR / "articles"):
        if p.is_dir():
            return p
    return ARTICLES_DIR


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="personae", description="A terminal reader for news: "
                                 "who is in the article, what they are, every mention of them.")
    ap.add_argument("--version", action="version", version=f"personae {__version__}")
    sub = ap.add_subparsers(dest="command")
    rd = sub.add_parser("read", help="open the reader on files or folders (default)")
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.sources.fetch import path_or_url

    rd.add_argument("paths", nargs="*", type=path_or_url,
                    help="articles, folders, or http(s) URLs of pages or feeds "
                         "(default: bundled articles, saved pages and your feeds)")
    rd.add_argument("--model", help="spaCy pipeline name or path (default: the bundled Italian one)")
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.cli.export import add_export_parser
    from tui.cli.import_ import add_import_parser
    from tui.cli.people import add_people_parser

    add_export_parser(sub)
    add_import_parser(sub)
    add_people_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv = ["read", *argv]
    ap = build_parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    # the web's module: after the command line parsed (not for --help or --version)
    from tui.sources.fetch import url_problem

    for p in getattr(args, "paths", None) or ():
        if isinstance(p, str) and (why := url_problem(p)):  # "http://[::1/a": bad usage
            from tui.cli.report import say  # rich's console: only for a message

            say(f"{p}: not a valid URL ({why})")
            return 2
    try:
        if args.command == "read":
            return run_read(args)
        if args.command == "export":
            warn_without_ner(getattr(args, "model", None))
        return args.func(args)
    except KeyboardInterrupt:  # ctrl-c: one line and the shell's status for SIGINT
        print("personae: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a name the system refuses (too long, past PATH_MAX), a full disk
        from tui.cli.report import reason, say  # rich's console: only for a message

        where = exc.filename if exc.filename is not None else "personae"
        say(f"{where}: {reason(exc)}")
        return 1


def run_read(args) -> int:
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.app.main import run_app
    from tui.cli.report import model_ready

    # before the UI starts: a pipeline that cannot load is a one-line error, as for export
    if not model_ready(args.model):
        return 2
    warn_without_ner(args.model)
    if args.paths:
        return run_app(args.paths, model=args.model)
    return run_app(default_library(), model=args.model, feeds=_configured_feeds())


def default_library() -> list[Path]:
    """The bundled articles, and the pages saved from the web if there are any."""
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.sources import list_articles
    from tui.sources.errors import SourceError
    from tui.sources.fetch import library_dir

    paths = [bundled_articles()]
    try:
        if list_articles(library_dir()):
            paths.append(library_dir())
    except SourceError:  # none saved yet
        pass
    return paths


def _configured_feeds() -> list[str]:
    # imported when the command runs, so `personae --help` and the parser stay quick
    from tui.sources.feeds import configured_feeds

    return configured_feeds()


_ENTITY_FACTORIES = frozenset({"ner", "beam_ner", "entity_ruler"})
_FACTORY = re.compile(r'^factory\s*=\s*"([^"]+)"', re.MULTILINE)


def warn_without_ner(model: str | None) -> None:
    """One warning line on stderr when the pipeline ``--model`` names cannot find names
    (no named-entity component), so an empty analysis is not taken for the article's.

    A pipeline folder whose config.cfg lists an ner or entity_ruler factory is taken as
    it is, without loading spaCy; any other is loaded (the command loads it anyway)."""
    if not model:
        return  # the shipped pipeline has one
    # imported when the check runs: `personae --help` stays quick; spaCy is loaded only here
    from tui.cli.report import say
    from tui.nlp import pipeline

    target = pipeline.resolve(model)
    if isinstance(target, Path):
        try:
            config = (target / "config.cfg").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            config = ""
        if _ENTITY_FACTORIES & set(_FACTORY.findall(config)):
            return
    try:
        nlp = pipeline.load(model)
    except pipeline.ModelError:
        return  # the command says why
    # spaCy's side: imported only when used, so the reader and cached exports never load it
    from tui.nlp.analyze import ner_warning

    warning = ner_warning(nlp)
    if warning:
        say(f"warning: {warning}")


if __name__ == "__main__":
    raise SystemExit(main())
