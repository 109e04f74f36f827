"""Analysis as the app and the CLI use it: pipeline + cache + the user's corrections."""

from __future__ import annotations

from collections.abc import Callable

from tui import cache, corrections
from tui.document import Annotations, Source
from tui.nlp import pipeline
from tui.nlp.analyze import analyse
from tui.nlp.pipeline import model_id


def analyse_text(
    text: str,
    source: Source,
    model: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = True,
) -> tuple[Annotations, bool]:
    """Return (annotations, came_from_cache). Raises pipeline.ModelError."""
    nlp = pipeline.load(model)
    name, version, _lang = model_id(nlp)
    ann = cache.load(text, name, version) if use_cache else None
    hit = ann is not None
    if ann is None:
        ann = analyse(text, nlp, source=source, progress=progress, cancelled=cancelled)
        if use_cache:
            cache.save(ann)
    ann.source = source
    corrections.apply_all(ann)
    return ann, hit
