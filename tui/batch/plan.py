"""Cutting the articles into partitions whose names follow from their articles.

The articles are taken in the order the command line gives them (a folder's
sorted by name), each absolute path once, and cut into runs of
``partition_size``. A partition is named by a digest of its paths, so the same
command makes the same partitions again: a partition that runs twice (its
worker died after writing, or the client was killed and a worker went on)
writes the same files under the same names, and ``--resume`` skips those
already committed. Articles already committed in another partition (the
inputs changed between runs) are left out of the partition they fall in.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_PARTITION_SIZE = 1000
#: when --partition-size is not given, at least this many partitions per worker (so that
#: a small folder still spreads over the workers), and never more than the default size
PARTITIONS_PER_WORKER = 4


@dataclass(frozen=True)
class Partition:
    name: str
    paths: tuple[str, ...]


def article_path(p: str | os.PathLike) -> str:
    """An article's path as the tables record it: absolute, not resolved (a link keeps
    its own name)."""
    return os.path.abspath(os.fspath(p))


def unique_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    seen: set[str] = set()
    out = []
    for p in paths:
        a = article_path(p)
        if a not in seen:
            seen.add(a)
            out.append(a)
    return out


def partition_name(paths: Iterable[str]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(os.fsencode(p) + b"\0")
    return f"part-{h.hexdigest()[:16]}"


def auto_size(n_articles: int, workers: int) -> int:
    """The partition size when none is given: the default, smaller for a small folder
    so that every worker gets several partitions."""
    per = math.ceil(n_articles / max(1, workers * PARTITIONS_PER_WORKER))
    return max(1, min(DEFAULT_PARTITION_SIZE, per))


def plan(paths: list[str], size: int, done=None) -> tuple[list[Partition], int]:
    """(the partitions still to run, how many articles are already committed).

    ``done`` is what the folder holds (``folder.committed``: partition names, their
    row counts, and their paths on demand). A partition of this plan that is committed
    is skipped by its name; the paths of the committed partitions that are not of this
    plan (the inputs or the partition size changed) are read, and their articles left
    out of the partitions they fall in."""
    size = max(1, size)
    chunks = [paths[k:k + size] for k in range(0, len(paths), size)]
    names = [partition_name(c) for c in chunks]
    rows = done.rows if done is not None else {}
    ours = set(names)
    elsewhere: set[str] = set()
    for name in rows:
        if name not in ours:
            elsewhere.update(done.paths(name))
    todo: list[Partition] = []
    skipped = 0
    for chunk, name in zip(chunks, names, strict=True):
        if name in rows:
            skipped += len(chunk)
            continue
        rest = [p for p in chunk if p not in elsewhere] if elsewhere else chunk
        skipped += len(chunk) - len(rest)
        if rest:
            todo.append(Partition(name if len(rest) == len(chunk) else partition_name(rest),
                                  tuple(rest)))
    return todo, skipped
