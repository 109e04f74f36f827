"""The user's "apply everywhere" rules: decisions that hold for every article.

They live in ``rules.jsonl`` in the configuration folder, one JSON object a
line, in the shape of spaCy's entity-ruler patterns, so a user can read and
edit them (and hand them to an ``entity_ruler``)::

    {"label": "PER", "pattern": "Sallusti"}
    {"label": "-", "pattern": "Luca Onlus"}
    {"label": "ORG", "pattern": [{"LOWER": "leopard"}, {"ORTH": "-"}, {"LOWER": "trek"}]}

A ``label`` of PER, ORG, LOC or MISC says "this is a person / organisation /
place / other": every occurrence of the pattern becomes a mention of that type
(an untagged one is added, a tagged one has its entity retyped). A ``label``
of ``-`` says "this is not an entity": every mention spelled so is removed. A
pattern is a string (matched whole words, case as written) or a list of token
patterns with ``ORTH``/``TEXT`` (exact) or ``LOWER`` (lower case). Lines
starting with ``#`` and blank lines are ignored; a line that cannot be read is
reported with its number and skipped. Rules apply to every analysis as it is
opened, before the article's own corrections.

This module is the file (reading, adding, removing lines under a lock); what a rule is and
how rules apply to an analysis is :mod:`tui.document.rules`.
"""

from __future__ import annotations

import json
import os
import stat

from tui.document.rules import NOT_ENTITY, TYPES, Rule
from tui.fsutil import atomic_write_text, locked
from tui.paths import config_dir

FILE_NAME = "rules.jsonl"
TOKEN_KEYS = {"ORTH", "TEXT", "LOWER"}
MAX_BYTES = 4 * 1024 * 1024


def path() -> os.PathLike:
    return config_dir() / FILE_NAME


def parse(obj: object) -> Rule:
    """A rule from one line's JSON; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("not an object")
    label, pat = obj.get("label"), obj.get("pattern")
    if label != NOT_ENTITY and label not in TYPES:
        raise ValueError(f"label {label!r} is none of PER, ORG, LOC, MISC, -")
    if isinstance(pat, str):
        if not pat.strip():
            raise ValueError("empty pattern")
        return Rule(label, pat)
    if isinstance(pat, list) and pat:
        toks = []
        for t in pat:
            if not (isinstance(t, dict) and len(t) == 1):
                raise ValueError("each token pattern must have one key")
            (k, v), = t.items()
            if k not in TOKEN_KEYS or not isinstance(v, str) or not v:
                raise ValueError(f"token key {k!r} is none of {', '.join(sorted(TOKEN_KEYS))}")
            toks.append((k, v))
        return Rule(label, tuple(toks))
    raise ValueError("pattern is neither a string nor a list of token patterns")


def _read_lines() -> list[str]:
    p = path()
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return []
    if not stat.S_ISREG(st.st_mode):
        raise OSError(f"{p} is not a regular file")
    if st.st_size > MAX_BYTES:
        raise OSError(f"{p} is too large ({st.st_size} bytes)")
    with open(p, "rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    return raw.decode("utf-8", errors="replace").splitlines()


def load() -> tuple[list[Rule], list[str]]:
    """The rules in file order (a later rule for the same pattern wins), and one line per
    problem (file and line number)."""
    problems: list[str] = []
    try:
        lines = _read_lines()
    except OSError as exc:
        return [], [f"{path()}: cannot be read ({getattr(exc, 'strerror', None) or exc})"]
    by_pattern: dict[object, Rule] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rule = parse(json.loads(line))
        except (ValueError, RecursionError) as exc:
            problems.append(f"{path()} line {n}: {exc}; skipped")
            continue
        by_pattern.pop(rule.pattern, None)
        by_pattern[rule.pattern] = rule
    return list(by_pattern.values()), problems


def _locked():
    return locked(config_dir() / (FILE_NAME + ".lock"))


def _rewrite(keep) -> None:
    """Rewrite the file keeping the lines ``keep(rule_or_None, line)`` accepts (comments and
    lines that do not parse are kept as they are)."""
    lines = _read_lines()
    out = []
    for line in lines:
        rule = None
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                rule = parse(json.loads(line))
            except (ValueError, RecursionError):
                rule = None
        if keep(rule, line):
            out.append(line)
    atomic_write_text(path(), "".join(x + "\n" for x in out))


def add(rule: Rule) -> list[Rule]:
    """Record ``rule``; it replaces any rule for the same pattern (returned, so that an
    undo can put them back)."""
    replaced: list[Rule] = []

    def keep(r: Rule | None, _line: str) -> bool:
        if r is not None and r.pattern == rule.pattern:
            if r != rule:
                replaced.append(r)
            return False
        return True

    with _locked():
        _rewrite(keep)
        with open(path(), "a", encoding="utf-8") as fh:
            fh.write(json.dumps(rule.to_json(), ensure_ascii=False) + "\n")
    return replaced


def remove(rule: Rule) -> None:
    with _locked():
        _rewrite(lambda r, _line: r != rule)
