"""What a worker does with one partition: read, analyse, commit its tables, hand back counts.

:func:`run_partition` is the one function every engine runs (this process,
``-j N`` processes, Dask workers), so the same articles give the same rows
whichever ran them. It takes paths and returns a small dict of counts (and
the failed articles' one-line errors), never spaCy objects: a pickled
Language or Doc drags its whole vocabulary along.

Before writing, it checks that the pipeline and analysis it runs are the ones
the folder's manifest names (a worker with another model or another version
of Personae fails its partitions instead of mixing analyses in one folder).
"""

from __future__ import annotations

from collections.abc import Callable

#: ``analysis`` values: the pipeline (what the command runs), or none (each path committed
#: as an empty article, unread: the benchmark's simulated runs of the engine alone)
ANALYSES = ("pipeline", "none")


class MixedAnalysis(Exception):
    """This worker's pipeline or analysis code differs from the folder's."""


def pipeline_ident(model: str | None, load: bool = True) -> dict | None:
    """{"name", "version", "digest"} of the pipeline ``model`` names: read from its
    meta.json when it is a folder, else (``load``) from the loaded pipeline; None when
    it cannot be known without loading and ``load`` is False."""
    from tui.nlp import pipeline

    ident = pipeline.peek_id(model)
    if ident is not None:
        name, version, _lang, build = ident
        return {"name": name, "version": version, "digest": build}
    if not load:
        return None
    nlp = pipeline.load(model)
    name, version, _lang = pipeline.model_id(nlp)
    return {"name": name, "version": version, "digest": pipeline.model_build(nlp)}


def this_analysis(model: str | None, analysis: str = "pipeline") -> tuple[dict, str]:
    """(pipeline ident, analysis fingerprint) as this process runs them."""
    from tui.provenance import analysis_fingerprint

    if analysis == "none":
        return {"name": "none", "version": "", "digest": ""}, "none"
    return pipeline_ident(model), analysis_fingerprint()


def load_pipeline(model: str | None, analysis: str = "pipeline") -> None:
    """Load the pipeline once in this process (a worker's start-up)."""
    if analysis == "pipeline":
        from tui.nlp import pipeline

        pipeline.load(model)


def run_partition(out: str, name: str, paths: list[str], model: str | None,
                  expect: dict, use_cache: bool = True, analysis: str = "pipeline",
                  progress: Callable[[], None] | None = None) -> dict:
    """Analyse ``paths`` and commit them as partition ``name`` of the tables in ``out``.

    ``expect`` is the manifest's {"pipeline": …, "analysis": …}. Returns
    {"partition", "articles", "failed", "errors": [[path, reason], …], "mentions",
    "entities", "roles", "quotes", "cpu_s" (this process's CPU time over the partition),
    "pid", "max_rss_kb" (the process's peak resident memory so far)}. An article that cannot be read or analysed is a
    row with its error; anything else (a disk that cannot be written) raises, and
    nothing of the partition is committed."""
    import os
    import resource
    import time
    from pathlib import Path

    from tui.export.parquet import add_article, empty_rows, write_partition

    cpu = time.process_time()

    ident, fingerprint = this_analysis(model, analysis)
    if ident != expect.get("pipeline") or fingerprint != expect.get("analysis"):
        raise MixedAnalysis(
            f"this worker runs {ident.get('name')} {ident.get('version')} (digest "
            f"{ident.get('digest')}), analysis {fingerprint}; the folder holds "
            f"{expect.get('pipeline')}, analysis {expect.get('analysis')}")
    rows = empty_rows()
    errors: list[list[str]] = []

    def failed(path: str, why: str, text: str | None = None) -> None:
        add_article(rows, path, None, why, text)
        errors.append([path, why])
        if progress:
            progress()

    if analysis == "none":
        _none(paths, rows, failed, progress)
    else:
        _analyse(paths, model, use_cache, rows, failed, progress)
    write_partition(Path(out), name, rows)
    counts = {t: len(rows[t]) for t in ("mentions", "entities", "roles", "quotes")}
    return {"partition": name, "articles": len(rows["articles"]), "failed": len(errors),
            "errors": errors, **counts, "cpu_s": time.process_time() - cpu, "pid": os.getpid(),
            "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def _reason(exc: BaseException) -> str:
    from tui.cli.report import reason

    return reason(exc)


def _analyse(paths, model, use_cache, rows, failed, progress) -> None:
    from tui.core.analysis import analyse_many
    from tui.export.parquet import add_article
    from tui.sources import SourceError, load_article

    good = []
    for p in paths:
        try:
            good.append((p, load_article(p)))
        except SourceError as exc:
            failed(p, _reason(exc))
    k = 0
    while k < len(good):
        results = analyse_many([(a.text, a.source) for _p, a in good[k:]], model,
                               n_process=1, use_cache=use_cache)
        for p, art in good[k:]:
            k += 1
            try:
                ann, _hit = next(results)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the rest
                failed(p, f"analysis failed: {_reason(exc)}", art.text)
                break  # the stream is broken: start a new one after this article
            add_article(rows, p, ann)
            if progress:
                progress()


def _none(paths, rows, failed, progress) -> None:
    """No analysis and no reading: each path committed as an empty article (the engine's
    own cost, for the benchmark's simulated runs)."""
    from tui.document import Annotations, Source
    from tui.export.parquet import add_article

    for p in paths:
        add_article(rows, p, Annotations(text="", source=Source(path=p)))
        if progress:
            progress()
