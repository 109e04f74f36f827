"""End to end: the installed ``personae`` command in a real terminal (tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "articles" / "lavrov-apre-a-rubio.txt"

pytestmark = pytest.mark.e2e

if not shutil.which("tmux"):
    pytest.skip("tmux is not installed", allow_module_level=True)
if not shutil.which("personae"):
    pytest.skip("the personae command is not installed (pip install -e .)", allow_module_level=True)


class Tmux:
    def __init__(self, cmd: str, env: dict[str, str], width: int = 120, height: int = 36) -> None:
        self.name = f"personae-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        # tmux started from a process without a terminal may hand the pane
        # COLUMNS=80 LINES=24, which would override the pane's real size.
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                        f"env -u COLUMNS -u LINES {exports} TERM=xterm-256color {cmd}; echo EXITED:$?; sleep 60"], check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 90.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            s = self.screen()
            if text in s:
                return s
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    def wait_for_any(self, text: str, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.screen():
                return True
            time.sleep(0.2)
        return False

    def wait_gone(self, text: str, timeout: float = 10.0) -> None:
        end = time.monotonic() + timeout
        while text in self.screen():
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} is still on screen:\n{self.screen()}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def term(tmp_path):
    sessions: list[Tmux] = []

    def start(args: str) -> Tmux:
        t = Tmux(f"personae {args}", {"PERSONAE_CACHE_DIR": str(tmp_path / "cache")})
        sessions.append(t)
        return t

    yield start
    for t in sessions:
        t.close()


def test_reader_in_a_real_terminal(term):
    t = term(str(SEED))
    screen = t.wait_for("People (")
    assert "Lavrov apre a Rubio" in screen          # the title in the header
    assert "2025-11-09" in screen                   # the metadata line, out of the body
    assert "Il ministro degli Esteri russo Serghei Lavrov" in screen
    assert "Person" in screen and "Place" in screen  # the legend
    assert "Next mention" in screen                  # the footer
    # tab gives the panel the focus: its footer then offers "⏎ Select"
    t.keys("Tab")
    if not t.wait_for_any("Select", timeout=5.0):
        # a tab that reached the app while it was still settling its focus: once more
        t.keys("Tab")
        t.wait_for("Select")
    t.keys("Enter")
    if not t.wait_for_any("1/", timeout=5.0):
        t.keys("Enter")  # the same: the key that was not seen once more, never a different path
    first = t.wait_for("1/")
    t.keys("n")
    t.wait_for("2/")
    t.keys("?")
    t.wait_for("Personae — the keys of the reader")
    t.keys("Escape")
    t.wait_gone("Personae — the keys")  # (an ESC straight before a key would read as alt+key)
    t.keys("q")
    t.wait_for("EXITED:0")
    assert "Traceback" not in first


def test_bad_path_is_one_line_and_exit_1(term, tmp_path):
    t = term(str(tmp_path / "missing.txt"))
    screen = t.wait_for("EXITED:")
    assert "EXITED:1" in screen
    assert "personae:" in screen and "missing.txt" in screen
    assert "Traceback" not in screen


def test_retype_a_place_into_a_person_and_find_it_in_the_export(tmp_path):
    """t on Budapest in the panel, Person: it is listed under People, and `personae export`
    (same cache, where the correction is kept) gives it as a person."""
    import json

    env = {"PERSONAE_CACHE_DIR": str(tmp_path / "cache"), "PERSONAE_CONFIG_DIR": str(tmp_path / "config")}
    t = Tmux(f"personae {SEED}", env)
    try:
        screen = t.wait_for("People (")
        people = screen.split("People (")[1].split(")")[0]
        assert "Budapest" in screen.split("Places (")[1]
        t.keys("Tab")
        if not t.wait_for_any("Filter", timeout=10.0):  # the panel's footer (the text's: Find)
            t.keys("Tab")  # a tab that reached the app before it settled its focus
        t.wait_for("Filter")
        t.keys("End")          # the last entity of the panel: Budapest, the last place
        t.keys("t")
        t.wait_for("Change the type of Budapest")
        t.keys("Enter")        # Person, the first choice
        screen = t.wait_for(f"People ({int(people) + 1})")
        assert "Budapest" in screen.split("People (")[1].split("Organisations (")[0]
        t.keys("q")
        t.wait_for("EXITED:0")
    finally:
        t.close()
    out = subprocess.run(["personae", "export", str(SEED), "--format", "json", "-o", "-"],
                         capture_output=True, text=True, env={**os.environ, **env}, timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    budapest = [e for e in data["entities"] if e["name"] == "Budapest"]
    assert budapest and budapest[0]["label"] == "PER"
    assert {m["label"] for m in data["mentions"] if m["text"] == "Budapest"} == {"PER"}
