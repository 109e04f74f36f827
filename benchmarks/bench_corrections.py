"""How long replaying the user's corrections takes on a large article (synthetic: 1.1 MB,
18,000 mentions in 3,000 entities): the copy every open makes, 100 mixed operations,
an add of 200 occurrences, and an undo (a replay without the last operation).

    python benchmarks/bench_corrections.py
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import tempfile
import time

os.environ.setdefault("PERSONAE_CACHE_DIR", tempfile.mkdtemp())
os.environ.setdefault("PERSONAE_CONFIG_DIR", tempfile.mkdtemp())

from tui.core import editing as C  # noqa: E402
from tui.document import Annotations, Entity, Mention  # noqa: E402
from tui.document import edits as E  # noqa: E402
from tui.store import corrections as logfile  # noqa: E402


def article() -> Annotations:
    parts, mentions, ents, pos = [], [], {}, 0
    for i in range(18_000):
        filler = " parola altra cosa qui e la" * 2 + " "
        name = f"Nome{i % 3000}"
        parts += [filler, name]
        pos += len(filler)
        e = ents.setdefault(i % 3000, Entity(f"e{i % 3000 + 1}", "PER", name, [name]))
        m = Mention(f"m{i + 1}", pos, pos + len(name), name, "PER", e.id)
        e.mentions.append(m.id)
        mentions.append(m)
        pos += len(name)
    return Annotations("".join(parts), mentions=mentions, entities=list(ents.values()))


def best(f, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ann = article()
    print(f"article: {len(ann.text):,} characters, {len(ann.mentions):,} mentions")
    print(f"open, no corrections (copy + rules + replay): {best(lambda: C.apply_all(ann)) * 1000:.0f} ms")
    work = ann.copy()
    ops = []
    for k in range(1, 26):
        ops.append(C.retype_op(work, f"e{k}", "ORG"))
        ops.append(C.merge_op(work, f"e{k + 100}", f"e{k + 200}"))
        E.apply_op(work, ops[-2]), E.apply_op(work, ops[-1])
    for k in range(1000, 1050):
        op = C.remove_op(work, f"m{k}")
        E.apply_op(work, op)
        ops.append(op)
    logfile.save_ops(ann.text, ops)
    print(f"open with {len(ops)} corrections: {best(lambda: C.apply_all(ann)) * 1000:.0f} ms")
    out = C.apply_all(ann)
    a = out.text.index("parola")
    add = C.add_op(out, a, a + 6, "MISC", True)
    add = dataclasses.replace(add, spans=add.spans[:200])
    print(f"tag 200 occurrences: {best(lambda: E.apply_op(out.copy(), add)) * 1000:.0f} ms")
    print(f"undo (replay {len(ops) - 1} on the original): "
          f"{best(lambda: C.corrected(ann, ops[:-1], [])) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
