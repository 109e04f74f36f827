"""Where Personae keeps things on disk: cache, configuration and data folders, in one place.

Each folder follows the platform's convention (platformdirs) and can be moved
with an environment variable: ``PERSONAE_CACHE_DIR`` (analyses, corrections,
the library index), ``PERSONAE_CONFIG_DIR`` (the user's lexicons, rules and
settings) and ``PERSONAE_DATA_DIR`` (pages saved from the web).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP = "personae"


def _folder(env: str, default: str) -> Path:
    value = os.environ.get(env)
    return Path(value) if value else Path(default)


def cache_dir() -> Path:
    return _folder("PERSONAE_CACHE_DIR", user_cache_dir(APP, appauthor=False))


def config_dir() -> Path:
    return _folder("PERSONAE_CONFIG_DIR", user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    return _folder("PERSONAE_DATA_DIR", user_data_dir(APP, appauthor=False))
