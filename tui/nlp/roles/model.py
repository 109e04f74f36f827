"""The role classifier's weights and its scorer (plain Python: no scikit-learn at run time).

``data/roles_model_it.json.gz`` (written by ``training/roles_train.py``) holds a logistic
regression over the string features of :func:`tui.nlp.roles.candidates.features`: a
bias, one weight a feature, and the threshold chosen on the tuned parts of the
annotations. :func:`probability` is the sigmoid of the bias plus the weights of the
features present. Without the file, the hand-written constructions decide alone.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "roles_model_it.json.gz"

_override: list[dict | None] = []


@lru_cache(maxsize=1)
def _shipped() -> dict | None:
    if not MODEL_FILE.exists():
        return None
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def current() -> dict | None:
    """The model in use: the shipped one, or the one :func:`use` set (training)."""
    return _override[-1] if _override else _shipped()


class use:  # noqa: N801  (a context manager read as a verb: "with use(model):")
    """Score with ``model`` (a dict like the shipped file's, or None: the rules alone)
    inside the block."""

    def __init__(self, model: dict | None):
        self.model = model

    def __enter__(self):
        _override.append(self.model)
        return self.model

    def __exit__(self, *exc):
        _override.pop()
        return False


def probability(model: dict, feats: list[str]) -> float:
    get = model["weights"].get
    z = model["bias"] + sum([get(f, 0.0) for f in feats])
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
