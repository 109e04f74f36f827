"""Time ``build_entities`` (tui/nlp/entities) on an article with 500 distinct people.

    python benchmarks/bench_merge.py [--names 500] [--repeat 7]

The article is synthetic: 500 distinct full names (first name x surname,
some surnames shared, some spelt two ways), each introduced in full and then
named by the bare surname twice, plus organisations and places, about
2,500 mentions in all. Prints the median time of build_entities in ms
(target: well under 100 ms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.document import Mention  # noqa: E402
from tui.nlp.entities import names  # noqa: E402
from tui.nlp.entities.build import build_entities  # noqa: E402

FIRST = """Marco Mario Luca Giovanni Giovanna Anna Maria Paolo Paola Francesco Francesca Giuseppe
Antonio Sergio Serghei Sergei Elena Chiara Giulia Matteo Alessandro Andrea Stefano Roberto Laura
Silvia Valentina Federico Lorenzo Riccardo Davide Simone Simona Emanuele Michele Michela Carlo
Alberto Roberta Vladimir Volodymyr Mohammed Mohammad Ahmed Olga Irina Dmitrij Aleksej Alexei""".split()
SYLL = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma " \
       "me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo " \
       "za ze zi zo ska sky nov rov lli tti cci".split()


def surnames(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(SYLL) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(out)


def article(n_names: int, seed: int = 5) -> tuple[str, list[Mention]]:
    rng = random.Random(seed)
    sur = surnames(rng, int(n_names * 0.8))
    people: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    while len(people) < n_names:
        p = (rng.choice(FIRST), rng.choice(sur))
        if p not in seen:
            seen.add(p)
            people.append(p)
    orgs = ["Onu", "Nazioni Unite", "Ue", "Unione europea", "Nato", "Stati Uniti", "Usa",
            "Russia", "Italia", "Roma", "Milano", "Oms", "Banca centrale europea", "Bce"]
    events: list[tuple[str, str]] = []
    for first, last in people:
        events.append((f"{first} {last}", "PER"))
    later = [(last, "PER") for _first, last in people] * 2
    rng.shuffle(later)
    # spread the bare surnames and the organisations after the introductions
    events += later
    events += [(rng.choice(orgs), rng.choice(("ORG", "LOC"))) for _ in range(n_names)]
    text_parts: list[str] = []
    pos = 0
    mentions: list[Mention] = []
    for n, (name, label) in enumerate(events, 1):
        lead = "Secondo fonti vicine, "
        text_parts.append(lead)
        pos += len(lead)
        mentions.append(Mention(f"m{n}", pos, pos + len(name), name, label))
        text_parts.append(name + " ha parlato. ")
        pos += len(name) + len(" ha parlato. ")
    return "".join(text_parts), mentions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--names", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    text, mentions = article(args.names)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    times, cpu = [], []
    for _ in range(args.repeat):
        names.parse_person.cache_clear()
        names.fold_name.cache_clear()
        t0, c0 = time.perf_counter(), time.process_time()
        entities = build_entities(mentions)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    people = [e for e in entities if e.label == "PER"]
    amb = sum(e.ambiguous for e in people)
    print(f"{args.names} distinct names, {len(mentions)} mentions, {len(text):,} characters")
    print(f"  -> {len(entities)} entities ({len(people)} people, {amb} of them ambiguous bare names)")
    print(f"build_entities: median {statistics.median(times):.1f} ms wall, "
          f"{statistics.median(cpu):.1f} ms CPU (wall min {min(times):.1f}, max {max(times):.1f}; "
          f"cold caches, {args.repeat} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
