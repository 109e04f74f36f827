"""Shared fixtures.

- ``seed_path``: the seed article in ../shared (skips when it is absent).
- ``tiny_nlp_path``: a small rule-based spaCy pipeline saved once per session
  (blank Italian + sentencizer + entity_ruler), for fast, deterministic tests
  of the analysis without the trained model.
- The analysis cache, the configuration folder and the data folder point at
  temporary folders for the whole session (autouse), so no test touches the
  user's cache or reads the tester's own lexicons; ``cache_dir`` gives a test a
  fresh, empty one of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_f07b22aeda712ae0.txt"

TINY_PATTERNS = [
    ("PER", "Serghei Lavrov"), ("PER", "Lavrov"), ("PER", "Marco Rubio"), ("PER", "Rubio"),
    ("PER", "Trump"), ("PER", "Putin"),
    ("LOC", "Mosca"), ("LOC", "Washington"), ("LOC", "Budapest"), ("LOC", "Ucraina"),
    ("ORG", "Ansa"), ("ORG", "Ria Novosti"),
]


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Every test runs with its cache, configuration and data folders in temporary
    folders, so neither the user's cache nor a lexicon in the tester's home can change results."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERSONAE_CACHE_DIR", str(tmp_path_factory.mktemp("personae-cache")))
        mp.setenv("PERSONAE_CONFIG_DIR", str(tmp_path_factory.mktemp("personae-config")))
        mp.setenv("PERSONAE_DATA_DIR", str(tmp_path_factory.mktemp("personae-data")))
        yield


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A fresh, empty cache folder for this test only."""
    d = tmp_path / "cache"
    monkeypatch.setenv("PERSONAE_CACHE_DIR", str(d))
    return d


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (../shared is not mounted)")
    return SEED


@pytest.fixture(scope="session")
def tiny_nlp_path(tmp_path_factory) -> Path:
    """A spaCy pipeline on disk: blank "it", sentencizer, entity_ruler (meta name "tiny")."""
    import spacy

    nlp = spacy.blank("it")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": text} for label, text in TINY_PATTERNS])
    nlp.meta["name"] = "tiny"
    nlp.meta["version"] = "0.0.1"
    path = tmp_path_factory.mktemp("models") / "it_tiny"
    nlp.to_disk(path)
    return path


@pytest.fixture(autouse=True)
def _record_notifications(monkeypatch):
    """Every notification an app shows, kept in order as ``app.said`` (``message``, ``title``,
    ``severity``, ``markup``): Textual has no public list of them, so its public ``App.notify``, which
    every screen's ``notify`` goes through, is wrapped."""
    from types import SimpleNamespace

    from textual.app import App

    original = App.notify

    def notify(self, message, *, title="", severity="information", timeout=None, markup=True):
        self.said.append(SimpleNamespace(message=str(message), title=title, severity=severity,
                                         markup=markup))
        return original(self, message, title=title, severity=severity, timeout=timeout,
                        markup=markup)

    monkeypatch.setattr(App, "said", property(lambda self: self.__dict__.setdefault("_said", [])),
                        raising=False)
    monkeypatch.setattr(App, "notify", notify)
