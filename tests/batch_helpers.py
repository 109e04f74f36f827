"""Shared by tests/test_batch*.py: a small folder of articles and the tables read back."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

PARA = ("Il ministro degli Esteri russo Serghei Lavrov ha incontrato a Mosca il segretario di "
        "Stato Marco Rubio. Lavrov ha detto che il dialogo continua, secondo Ria Novosti. ")
TABLE_NAMES = ("articles", "mentions", "entities", "roles", "quotes")


def make_articles(folder: Path, n: int = 6, reps: int = 3) -> list[Path]:
    """``n`` distinct articles (``reps`` paragraphs each), dated 2014."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        body = "\n\n".join(f"{k}. {PARA}" for k in range(reps + i % 3))
        p = folder / f"vertice-{i:02d}.txt"
        p.write_text(f"Vertice numero {i}\n\n2014-03-{i % 28 + 1:02d}\n\n{body}\n", encoding="utf-8")
        out.append(p)
    return out


def read_rows(out: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted (the order of partitions and rows is not a contract)."""
    import pyarrow.dataset as ds

    rows = {}
    for t in TABLE_NAMES:
        table = ds.dataset(out / t, format="parquet").to_table()
        rows[t] = sorted(tuple(_hashable(v) for v in r.values()) for r in table.to_pylist())
    return rows


def _hashable(v):
    return tuple(v) if isinstance(v, list) else v


def article_paths(out: Path) -> Counter:
    import pyarrow.dataset as ds

    return Counter(ds.dataset(out / "articles", format="parquet").to_table(columns=["path"])
                   .column("path").to_pylist())
