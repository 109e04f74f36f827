"""The quotation gold set: texts of our own (own_*.txt) and references into KIND (kind.jsonl).

See README.md beside this file for the two formats and the split.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: an item whose id hashes below this share of the range is in the tuned part
TUNED_SHARE = 0.5
_MARKED = re.compile(r"⟦(.*?)⟧\{([^}]*)\}", re.S)


@dataclass
class GoldQuote:
    text: str
    speaker: str | None
    kind: str = "direct"


@dataclass
class Item:
    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)

    @property
    def part(self) -> str:
        return part_of(self.id)


def part_of(item_id: str) -> str:
    h = int(hashlib.sha256(item_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "tuned" if h < TUNED_SHARE else "reported"


def parse_marked(item_id: str, marked: str) -> Item:
    """A text with its quotations marked ``⟦words⟧{Speaker Name}`` (``{-}``: no person)."""
    quotes: list[GoldQuote] = []
    parts, pos = [], 0
    for m in _MARKED.finditer(marked):
        parts.append(marked[pos:m.start()])
        body, who = m.group(1), m.group(2).strip()
        before = "".join(parts)
        kind = "direct" if before.rstrip()[-1:] in "«“\"" else "indirect"
        quotes.append(GoldQuote(body, None if who == "-" else who, kind))
        parts.append(body)
        pos = m.end()
    parts.append(marked[pos:])
    text = "".join(parts)
    if "⟦" in text or "⟧" in text:
        raise ValueError(f"{item_id}: unbalanced quotation markup")
    return Item(item_id, text.strip() + "\n", quotes)


def load_own(folder: Path = HERE) -> list[Item]:
    items = []
    for path in sorted(folder.glob("own_*.txt")):
        chunks = re.split(r"^### (\S+)\s*$", path.read_text(encoding="utf-8"), flags=re.M)
        for k in range(1, len(chunks), 2):
            items.append(parse_marked(chunks[k], chunks[k + 1].strip()))
    return items


# -- KIND references ------------------------------------------------------------------

_NO_SPACE_BEFORE = frozenset(".,;:!?)]»”…%")
_NO_SPACE_AFTER = frozenset("([«“")


def read_kind(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
        else:
            cur.append(line.split("\t")[0])
    if cur:
        sents.append(cur)
    return sents


def detokenize(tokens: list[tuple[int, int, str]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Join (sentence, token, word) triples into a text; returns the text and each
    token's (start, end) offsets."""
    out, offsets = [], {}
    pos = 0
    straight_open = False
    prev = ""
    for s, t, w in tokens:
        space = bool(out)
        if w in _NO_SPACE_BEFORE or (prev and (prev in _NO_SPACE_AFTER or prev.endswith(("'", "’")))):
            space = False
        if w == '"':
            if straight_open:
                space = False
            straight_open = not straight_open
        elif prev == '"' and straight_open:
            space = False
        if space:
            out.append(" ")
            pos += 1
        offsets[(s, t)] = (pos, pos + len(w))
        out.append(w)
        pos += len(w)
        prev = w
    return "".join(out), offsets


def _pos(ref: str) -> tuple[int, int]:
    sent, tok = ref.split(":")
    return int(sent), int(tok)


def load_kind(data: Path, folder: Path = HERE) -> list[Item]:
    """Passages of KIND with their quotations, from ``kind_refs.txt`` (see README.md)."""
    path = folder / "kind_refs.txt"
    if not path.exists():
        return []
    cache: dict[str, list[list[str]]] = {}
    refs: list[tuple[str, int, int, list[list[str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cells = line.split()
        if cells[0].endswith(".tsv"):
            refs.append((cells[0], int(cells[1]), int(cells[2]), []))
        else:
            refs[-1][3].append(cells)
    items = []
    for name, a, b, quotes_ref in refs:
        if name not in cache:
            cache[name] = read_kind(data / "kind" / name)
        sents = cache[name]
        toks = [(s, t, w) for s in range(a, b + 1) for t, w in enumerate(sents[s])]
        text, offsets = detokenize(toks)
        quotes = []
        for cells in quotes_ref:
            (s0, t0), (s1, t1) = _pos(cells[0]), _pos(cells[1])
            body = text[offsets[(s0, t0)][0]:offsets[(s1, t1 - 1)][1]]
            who = None
            if cells[2] != "-":
                sent, span = cells[2].split(":")
                x, y = (int(v) for v in span.split("-"))
                who = text[offsets[(int(sent), x)][0]:offsets[(int(sent), y - 1)][1]]
            quotes.append(GoldQuote(body, who, cells[3] if len(cells) > 3 else "direct"))
        items.append(Item(f"{name.removesuffix('.tsv')}:{a}-{b}", text + "\n", quotes))
    return items


def load_gold(data: Path) -> list[Item]:
    return load_own() + load_kind(data)
