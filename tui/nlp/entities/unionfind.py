"""Disjoint sets over the numbers 0, 1, 2, ...: the one union-find of the entity builder."""

from __future__ import annotations


class UnionFind:
    """Sets of the numbers ``0 .. n-1``, merged by :meth:`union`; :meth:`add` makes one more.

    The representative of a set is its smallest member, so results do not depend on
    the order of the unions."""

    def __init__(self, n: int = 0) -> None:
        self.parent = list(range(n))

    def __len__(self) -> int:
        return len(self.parent)

    def add(self) -> int:
        """A new set of its own; its number."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        """The representative of the set of ``x`` (path halving)."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
