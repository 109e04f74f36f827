"""brat: what the code writes is what brat reads, and a round trip keeps what json keeps.

``BratAnn`` below reads a ``.ann`` by the grammar of brat's own reader (server/src/
annotation.py: an id of letters and digits, or ``*``, a tab, the data; T: ``TYPE START
END[;START END]`` then a tab and exactly the text of the fragments joined by one space;
A/M: ``TYPE TARGET [VALUE]``; R: ``TYPE Arg1:ID Arg2:ID``, two distinct arguments;
``*``: ``Equiv ID ID...``; ``#``: ``TYPE TARGET`` then a tab and the note; every id
defined once, every reference defined), and checks it against the collection's
``annotation.conf`` (every type, relation and attribute declared, with its values).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_fixtures import TEXT, canon, sample

from tui.document import Annotations, Entity, Mention, Source, sha256_text
from tui.export import FORMATS, brat, read_any
from tui.palette import LABEL_NAMES

ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "formats.md"


class BratAnn:
    def __init__(self, ann_text: str, text: str):
        self.t: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
        self.a: list[tuple[str, str, str | None]] = []
        self.r: list[tuple[str, str, str]] = []
        self.equiv: list[list[str]] = []
        self.notes: list[tuple[str, str, str]] = []
        ids: set[str] = set()
        refs: set[str] = set()
        for n, line in enumerate(ann_text.split("\n"), 1):
            if not line:
                continue
            ident, tail = line.split("\t", 1)
            assert ident == "*" or ID.match(ident), (n, line)
            assert ident == "*" or ident not in ids, f"duplicate id {ident}"
            ids.add(ident)
            data, _, rest = tail.partition("\t")
            kind = ident[0]
            if kind == "T":
                typ, offs = data.split(" ", 1)
                frags = []
                for f in offs.split(";"):
                    a, b = f.split(" ")
                    a, b = int(a), int(b)
                    assert 0 <= a <= b <= len(text)
                    assert not any(b >= oa and a < ob for oa, ob in frags), "fragments overlap"
                    frags.append((a, b))
                assert rest == " ".join(text[a:b] for a, b in frags), (n, line)
                self.t[ident] = (typ, frags, rest)
            elif kind in "AM":
                m = re.match(r"(.+?) (.+?) (.+?)$", data) or re.match(r"(.+?) (.+?)$", data)
                assert m, line
                typ, target, *value = m.groups()
                self.a.append((typ, target, value[0] if value else None))
                refs.add(target)
            elif kind == "R":
                typ, args = data.split(" ", 1)
                args = [tuple(x.split(":")) for x in args.split()]
                assert len(args) == 2 and args[0][0] != args[1][0], line
                self.r.append((typ, args[0][1], args[1][1]))
                refs.update(x[1] for x in args)
            elif kind == "*":
                typ, *members = data.split()
                assert typ == "Equiv" and len(members) >= 2
                self.equiv.append(members)
                refs.update(members)
            elif kind == "#":
                typ, target = data.split()
                self.notes.append((typ, target, rest))
                refs.add(target)
            else:
                raise AssertionError(f"brat has no annotation {ident!r}")
        assert refs <= ids, f"undefined ids {refs - ids}"


def brat_conf(path: Path) -> dict[str, dict[str, dict[str, list[str]]]]:
    """annotation.conf: section -> type -> argument -> values."""
    out: dict[str, dict[str, dict[str, list[str]]]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip()[1:-1]
            out[section] = {}
            continue
        name, _, args = line.partition("\t")
        out[section][name.strip()] = {k.strip(): v.split("|") for k, _, v in
                                      (a.partition(":") for a in args.split(",") if a.strip())}
    return out


def check_collection(folder: Path, stem: str) -> BratAnn:
    text = (folder / f"{stem}.txt").read_text(encoding="utf-8")
    parsed = BratAnn((folder / f"{stem}.ann").read_text(encoding="utf-8"), text)
    conf = brat_conf(folder / "annotation.conf")
    assert {typ for typ, _f, _s in parsed.t.values()} <= set(conf["entities"])
    assert {typ for typ, _a, _b in parsed.r} <= set(conf["relations"])
    for typ, _target, value in parsed.a:
        assert typ in conf["attributes"], typ
        if value is None:
            assert "Value" not in conf["attributes"][typ]
        else:
            assert value in conf["attributes"][typ]["Value"], (typ, value)
    return parsed


def russia() -> Annotations:
    """The entity of the issue: "Russia" tagged ORG once and LOC once, a LOC as a whole,
    and a country tagged ORG listed under Places; a bare "Rossi" that is ambiguous."""
    text = "La Russia ha deciso. In Russia si vota. Lo ha detto Rossi. La Cina tace."
    spec = [("Russia", 0, "ORG", "e1"), ("Russia", 1, "LOC", "e1"), ("Rossi", 0, "PER", "e2"),
            ("Cina", 0, "ORG", "e3")]
    mentions = []
    for i, (s, n, label, eid) in enumerate(spec, 1):
        a = -1
        for _ in range(n + 1):
            a = text.index(s, a + 1)
        mentions.append(Mention(f"m{i}", a, a + len(s), s, label, eid))
    ents = [Entity("e1", "LOC", "Russia", ["Russia"], ["m1", "m2"]),
            Entity("e2", "PER", "Rossi", ["Rossi"], ["m3"], ambiguous=True),
            Entity("e3", "ORG", "Cina", ["Cina"], ["m4"], group="LOC")]
    ann = Annotations(text, Source("russia.txt", sha256_text(text), "La Russia"),
                      mentions=mentions, entities=ents)
    ann.check()
    return ann


def shape(ann: Annotations) -> list:
    by_id = {m.id: m for m in ann.mentions}
    return sorted((sorted((by_id[m].start, by_id[m].end, by_id[m].label) for m in e.mentions),
                   e.label, e.group, e.ambiguous) for e in ann.entities)


def test_what_brat_writes_parses_by_brats_grammar_and_declares_its_types(tmp_path):
    for stem, ann in (("lavrov", sample()), ("russia", russia())):
        FORMATS["brat"].write(ann, tmp_path / f"{stem}.ann")
        check_collection(tmp_path, stem)


@pytest.mark.parametrize("sidecar", [True, False])
def test_an_entity_keeps_its_type_where_its_mentions_differ(tmp_path, sidecar):
    ann = russia()
    files = FORMATS["brat"].write(ann, tmp_path / "russia.ann")
    if not sidecar:  # only the pair, as brat users pass them around
        (tmp_path / f"russia{brat.SIDECAR}").unlink()
        assert tmp_path / f"russia{brat.SIDECAR}" in files
    parsed = check_collection(tmp_path, "russia")
    first = next(t for t, (typ, frags, _s) in parsed.t.items() if frags == [(3, 9)])
    assert (brat.ENTITY_TYPE, first, "LOC") in parsed.a
    (back,) = read_any(tmp_path / "russia.ann")
    assert shape(back) == shape(ann)


def test_a_brat_round_trip_is_as_lossless_as_json(tmp_path):
    for ann in (sample(), russia()):
        ann.source.title, ann.source.date = "Un titolo", "2026-01-02"
        FORMATS["brat"].write(ann, tmp_path / "x.ann")
        (back,) = read_any(tmp_path / "x.ann")
        assert back.to_dict() == ann.to_dict()


def test_edits_made_in_brat_are_honoured_beside_the_sidecar(tmp_path):
    ann = sample()
    *_rest, ann_path = FORMATS["brat"].write(ann, tmp_path / "lavrov.ann")
    parsed = BratAnn(ann_path.read_text(encoding="utf-8"), TEXT)
    # in brat: the last "Lavrov" taken out of the person's Equiv, "ONU" made an organisation
    # of type MISC, and a Listed_as attribute added on Budapest
    lav = [t for t, (_typ, _f, shown) in parsed.t.items() if shown == "Lavrov"]
    bud = next(t for t, (_typ, _f, shown) in parsed.t.items() if shown == "Budapest")
    lines = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("*") and lav[-1] in line.split():
            line = line.replace(f" {lav[-1]}", "")
        if "\tORG " in line and line.endswith("\tONU"):
            line = line.replace("\tORG ", "\tMISC ")
        lines.append(line)
    lines.append(f"A1\t{brat.LISTED_AS} {bud} ORG")
    ann_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check_collection(tmp_path, "lavrov")
    (back,) = read_any(ann_path)
    ents = {e.name: e for e in back.entities}
    onu = next(e for e in back.entities if e.variants == ["ONU"])
    assert onu.label == "MISC"
    assert ents["Budapest"].group == "ORG"
    lone = [e for e in back.entities if e.variants == ["Lavrov"]]
    assert len(lone) == 1 and len(lone[0].mentions) == 1
    assert len(ents["Serghei Lavrov"].mentions) == 2
    assert canon(back)["mentions"] != canon(ann)["mentions"]  # ONU's label moved


def test_the_docs_show_the_annotation_conf_the_code_writes(tmp_path):
    FORMATS["brat"].write(sample(), tmp_path / "lavrov.ann")
    written = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert written == brat.annotation_conf(list(LABEL_NAMES))
    docs = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(# Written by Personae.*?)```", docs, re.S)
    assert blocks, "docs/formats.md shows no annotation.conf"
    assert blocks[0].rstrip("\n") == written.rstrip("\n")
