"""Exporters and readers, each checked by an independent reader of the format."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from export_fixtures import TEXT, canon, sample

from tui import fsutil
from tui.document import Annotations, Entity, Mention, Role
from tui.export import FORMATS, FormatError, brat, html, read_any

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "tui" / "export" / "schema.json"


@pytest.fixture
def ann() -> Annotations:
    return sample()


def test_registry_names_and_extensions():
    assert set(FORMATS) == {"json", "jsonl", "brat", "conll", "csv", "html", "spacy",
                            "doccano", "labelstudio"}
    ext = {n: f.extension for n, f in FORMATS.items()}
    assert ext == {"json": ".json", "jsonl": ".jsonl", "brat": ".ann", "conll": ".conll",
                   "csv": ".csv", "html": ".html", "spacy": ".spacy", "doccano": ".jsonl",
                   "labelstudio": ".json"}
    # an extension two formats share names the one that reads back
    from tui.export import format_for_path

    assert format_for_path(Path("a.jsonl")) == "jsonl" and format_for_path(Path("a.json")) == "json"
    readable = {n for n, f in FORMATS.items() if f.read is not None}
    assert readable == {"json", "jsonl", "brat", "spacy", "labelstudio"}
    assert {n for n, f in FORMATS.items() if f.dumps is None} == {"brat", "spacy"}
    for f in FORMATS.values():
        assert f.name and callable(f.write)


@pytest.mark.parametrize("name", list(FORMATS))
def test_write_returns_the_files_written(ann, tmp_path, name):
    fmt = FORMATS[name]
    out = fmt.write(ann, tmp_path / f"lavrov{fmt.extension}")
    assert out and all(p.is_file() and p.stat().st_size > 0 for p in out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in out)
    if name == "brat":
        assert [p.name for p in out] == ["lavrov.txt", "lavrov.personae.json", "annotation.conf",
                                         "visual.conf", "lavrov.ann"]
    else:
        assert out == [tmp_path / f"lavrov{fmt.extension}"]
    if fmt.dumps is not None:  # what -o - prints is what the file holds
        assert out[0].read_bytes() == fmt.dumps(ann).encode("utf-8")


# -- json ---------------------------------------------------------------------------

def test_json_validates_against_schema(ann, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    (path,) = FORMATS["json"].write(ann, tmp_path / "a.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    validator.validate(data)
    assert data["schema"] == "personae/1"
    assert data["text"] == TEXT
    for m in data["mentions"]:
        assert data["text"][m["start"]:m["end"]] == m["text"]
    lavrov = next(e for e in data["entities"] if e["name"] == "Serghei Lavrov")
    assert lavrov["roles"][0]["gloss"] == "Russian foreign minister"
    # extra keys are fine; a wrong schema tag or a missing text is not
    validator.validate({**data, "x-extra": 1})
    assert not validator.is_valid({**data, "schema": "personae/2"})
    assert not validator.is_valid({k: v for k, v in data.items() if k != "text"})
    bad = json.loads(json.dumps(data))
    bad["mentions"][0]["start"] = -1
    assert not validator.is_valid(bad)


def test_json_round_trip(ann, tmp_path):
    (path,) = FORMATS["json"].write(ann, tmp_path / "a.json")
    (back,) = FORMATS["json"].read(path)
    assert back.to_dict() == ann.to_dict()
    assert read_any(path)[0].to_dict() == ann.to_dict()


def test_json_reader_rejects_other_json(tmp_path):
    p = tmp_path / "x.json"
    p.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(FormatError, match="personae/1"):
        read_any(p)
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatError):
        read_any(p)


# -- jsonl --------------------------------------------------------------------------

def test_jsonl_is_spacy_and_prodigy_style(ann, tmp_path):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    (path,) = FORMATS["jsonl"].write(ann, tmp_path / "a.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["text"] == TEXT
    assert isinstance(rec["meta"], dict) and rec["meta"]["source"] == "articles/lavrov.txt"
    toks = rec["tokens"]
    assert [t["id"] for t in toks] == list(range(len(toks)))
    for t in toks:
        assert set(t) >= {"text", "start", "end", "id", "ws"}
        assert TEXT[t["start"]:t["end"]] == t["text"]
    assert "".join(t["text"] + (" " if t["ws"] else "") for t in toks) == TEXT
    doc = Doc(Vocab(), words=[t["text"] for t in toks], spaces=[t["ws"] for t in toks])
    assert doc.text == TEXT
    assert len(rec["spans"]) == len(ann.mentions)
    for sp in rec["spans"]:
        span = doc.char_span(sp["start"], sp["end"])
        assert span is not None, sp
        assert span.start == sp["token_start"] and span.end - 1 == sp["token_end"]
        assert span.text == TEXT[sp["start"]:sp["end"]]
    assert {(sp["start"], sp["end"], sp["label"]) for sp in rec["spans"]} == \
        {(m.start, m.end, m.label) for m in ann.mentions}


def test_jsonl_round_trip(ann, tmp_path):
    (path,) = FORMATS["jsonl"].write(ann, tmp_path / "a.jsonl")
    (back,) = FORMATS["jsonl"].read(path)
    assert back.to_dict() == ann.to_dict()


def test_jsonl_several_lines_and_foreign_records(ann, tmp_path):
    other = sample(with_tokens=False)
    p = tmp_path / "many.jsonl"
    p.write_text(FORMATS["jsonl"].dumps(ann) + "\n" + FORMATS["jsonl"].dumps(other),
                 encoding="utf-8")
    back = read_any(p)
    assert len(back) == 2
    assert canon(back[1]) == canon(other)
    # a plain Prodigy record: no ids, no personae key; entities come from the variant rules
    q = tmp_path / "prodigy.jsonl"
    q.write_text(json.dumps({"text": "Lavrov e Lavrov a Mosca", "spans": [
        {"start": 0, "end": 6, "label": "PER"}, {"start": 9, "end": 15, "label": "PER"},
        {"start": 18, "end": 23, "label": "LOC"}]}) + "\n", encoding="utf-8")
    (p_ann,) = read_any(q)
    assert [m.text for m in p_ann.mentions] == ["Lavrov", "Lavrov", "Mosca"]
    assert len(p_ann.entities) == 2
    # a span edited by hand (a mention dropped) is honoured
    rec = json.loads(FORMATS["jsonl"].dumps(ann))
    dropped = rec["spans"].pop(0)
    r = tmp_path / "edited.jsonl"
    r.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (e_ann,) = read_any(r)
    assert len(e_ann.mentions) == len(ann.mentions) - 1
    assert all(m.start != dropped["start"] for m in e_ann.mentions)


# -- spacy --------------------------------------------------------------------------

def test_spacy_docbin_loads_in_spacy(ann, tmp_path):
    import spacy
    from spacy.tokens import DocBin

    (path,) = FORMATS["spacy"].write(ann, tmp_path / "a.spacy")
    nlp = spacy.blank("it")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.text == TEXT
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
        sorted((m.start, m.end, m.label) for m in ann.mentions)
    # mentions of one entity share kb_id
    groups: dict[str, set] = {}
    for e in doc.ents:
        groups.setdefault(e.kb_id_, set()).add((e.start_char, e.end_char))
    assert {frozenset(g) for g in groups.values()} == set(canon(ann)["entities"])
    assert [s.text for s in doc.spans["roles"]] == ["ministro degli Esteri russo",
                                                    "segretario di Stato"]
    assert [s.text.strip() for s in doc.sents] == [ann.text[a:b] for a, b in ann.sentences]


def test_spacy_round_trip(ann, tmp_path):
    (path,) = FORMATS["spacy"].write(ann, tmp_path / "a.spacy")
    (back,) = FORMATS["spacy"].read(path)
    assert back.to_dict() == ann.to_dict()
    assert read_any(path)[0].to_dict() == ann.to_dict()


def test_spacy_ents_edited_in_spacy_are_honoured(ann, tmp_path):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    (path,) = FORMATS["spacy"].write(ann, tmp_path / "a.spacy")
    db = DocBin(store_user_data=True)
    doc = next(DocBin().from_disk(path).get_docs(Vocab()))
    doc.ents = [e for e in doc.ents if e.text != "ONU"]
    db.add(doc)
    db.to_disk(tmp_path / "b.spacy")
    (back,) = read_any(tmp_path / "b.spacy")
    assert "ONU" not in [m.text for m in back.mentions]
    assert "ONU" not in [e.name for e in back.entities]
    assert len(back.mentions) == len(ann.mentions) - 1


# -- brat ---------------------------------------------------------------------------

def parse_brat(ann_text: str) -> dict:
    """A small, independent parser of brat standoff."""
    out = {"T": {}, "R": [], "equiv": [], "notes": {}}
    for line in ann_text.split("\n"):
        if not line:
            continue
        if line[0] == "T":
            tid, mid, shown = line.split("\t")
            label, offs = mid.split(" ", 1)
            frags = [tuple(int(x) for x in f.split(" ")) for f in offs.split(";")]
            out["T"][tid] = (label, frags, shown)
        elif line[0] == "R":
            rid, mid = line.split("\t")
            label, a1, a2 = mid.split(" ")
            assert a1.startswith("Arg1:") and a2.startswith("Arg2:")
            out["R"].append((label, a1[5:], a2[5:]))
        elif line[0] == "*":
            star, mid = line.split("\t")
            kind, *ids = mid.split(" ")
            assert kind == "Equiv"
            out["equiv"].append(ids)
        elif line[0] == "#":
            nid, mid, note = line.split("\t")
            kind, target = mid.split(" ")
            assert kind == "AnnotatorNotes"
            out["notes"][target] = note
        else:
            raise AssertionError(f"unexpected line {line!r}")
    return out


def test_brat_standoff_is_valid(ann, tmp_path):
    txt, *_confs, ann_path = FORMATS["brat"].write(ann, tmp_path / "lavrov.ann")
    text = txt.read_bytes().decode("utf-8")
    assert text == TEXT
    p = parse_brat(ann_path.read_text(encoding="utf-8"))
    for _tid, (_label, frags, shown) in p["T"].items():
        assert " ".join(text[a:b] for a, b in frags) == shown
    mention_ts = {tid: v for tid, v in p["T"].items() if v[0] != "Role"}
    assert sorted((v[1][0][0], v[1][-1][1], v[0]) for v in mention_ts.values()) == \
        sorted((m.start, m.end, m.label) for m in ann.mentions)
    # roles: a Role span, tied to the person's mention by Role_of
    roles = {tid: v for tid, v in p["T"].items() if v[0] == "Role"}
    assert {v[2] for v in roles.values()} == {"ministro degli Esteri russo", "segretario di Stato"}
    rel = {a1: a2 for label, a1, a2 in p["R"] if label == "Role_of"}
    assert set(rel) == set(roles)
    by_role = {roles[r][2]: mention_ts[t][2] for r, t in rel.items()}
    assert by_role == {"ministro degli Esteri russo": "Serghei Lavrov",
                       "segretario di Stato": "Marco Rubio"}
    # glosses as notes on the role
    notes = {roles[t][2]: n for t, n in p["notes"].items()}
    assert notes == {"ministro degli Esteri russo": "Russian foreign minister"}
    # merged mentions: one Equiv per entity with more than one mention
    groups = {frozenset((mention_ts[t][1][0][0], mention_ts[t][1][-1][1]) for t in g)
              for g in p["equiv"]}
    assert groups == {k for k in canon(ann)["entities"] if len(k) > 1}


def test_brat_round_trip(ann, tmp_path):
    FORMATS["brat"].write(ann, tmp_path / "lavrov.ann")
    (back,) = FORMATS["brat"].read(tmp_path / "lavrov.ann")
    assert canon(back, sentences=False) == canon(ann, sentences=False)
    assert [m.id for m in back.mentions] == [m.id for m in ann.mentions]
    # the .txt works as the name too
    assert canon(read_any(tmp_path / "lavrov.txt")[0], sentences=False) == \
        canon(ann, sentences=False)


def test_brat_mention_across_a_line_break(tmp_path):
    text = "Ecco Serghei\nLavrov oggi."
    a = Annotations(text, mentions=[Mention("m1", 5, 19, text[5:19], "PER", "e1")],
                    entities=[Entity("e1", "PER", "Serghei\nLavrov", ["Serghei\nLavrov"], ["m1"])])
    a.check()
    *_txt_and_confs, ann_path = brat.write(a, tmp_path / "x.ann")
    line = ann_path.read_text(encoding="utf-8").splitlines()[0]
    assert line == "T1\tPER 5 12;13 19\tSerghei Lavrov"
    (back,) = brat.read(ann_path)
    assert [(m.start, m.end) for m in back.mentions] == [(5, 19)]


def test_brat_without_equiv_groups_by_name(tmp_path):
    (tmp_path / "x.txt").write_text("Lavrov e Lavrov, poi Serghei.", encoding="utf-8")
    (tmp_path / "x.ann").write_text("T1\tPER 0 6\tLavrov\nT2\tPER 9 15\tLavrov\n"
                                    "T3\tPER 21 28\tSerghei\n", encoding="utf-8")
    (back,) = read_any(tmp_path / "x.ann")
    assert len(back.mentions) == 3
    assert sorted(len(e.mentions) for e in back.entities) == [1, 2]


def test_brat_bad_offsets_and_missing_txt(tmp_path):
    (tmp_path / "x.ann").write_text("T1\tPER 0 6\tLavrov\n", encoding="utf-8")
    with pytest.raises(FormatError, match="x.txt"):
        read_any(tmp_path / "x.ann")
    (tmp_path / "x.txt").write_text("Lav", encoding="utf-8")
    with pytest.raises(FormatError, match="outside"):
        read_any(tmp_path / "x.ann")


# -- conll --------------------------------------------------------------------------

IOB2 = re.compile(r"^(O|[BI]-\S+)$")


def parse_conll(data: str) -> list[list[tuple[str, str]]]:
    # every article opens with the document line spaCy's converter splits on
    assert data.startswith("-DOCSTART- -X- O O\n\n"), data[:40]
    data = data[len("-DOCSTART- -X- O O\n\n"):]
    sents: list[list[tuple[str, str]]] = [[]]
    for line in data.split("\n"):
        if line == "":
            if sents[-1]:
                sents.append([])
            continue
        tok, tag = line.split("\t")
        sents[-1].append((tok, tag))
    return [s for s in sents if s]


def check_conll(ann: Annotations, data: str) -> list[list[tuple[str, str]]]:
    assert "\n\n\n" not in data and not data.startswith("\n")
    assert data.count("-DOCSTART-") == 1
    sents = parse_conll(data)
    for sent in sents:
        prev = "O"
        for tok, tag in sent:
            assert tok and not any(c.isspace() for c in tok), tok
            assert IOB2.match(tag), tag
            if tag.startswith("I-"):
                assert prev != "O" and prev[2:] == tag[2:], (prev, tag)
            prev = tag
    tokens = [t for s in sents for t, _ in s]
    assert "".join(tokens) == "".join(ann.text.split())
    # the tags give back the mentions: find each token in the text, in order
    spans, pos, cur = [], 0, None
    for sent in sents:
        for tok, tag in sent:
            i = ann.text.index(tok, pos)
            assert not ann.text[pos:i].strip()
            pos = i + len(tok)
            if tag.startswith("B-") or tag == "O":
                if cur:
                    spans.append(tuple(cur))
                cur = [i, pos, tag[2:]] if tag != "O" else None
            else:
                cur[1] = pos
        if cur:
            spans.append(tuple(cur))
            cur = None
    assert sorted(spans) == sorted((m.start, m.end, m.label) for m in ann.mentions)
    return sents


def test_conll_iob2(ann, tmp_path):
    (path,) = FORMATS["conll"].write(ann, tmp_path / "a.conll")
    sents = check_conll(ann, path.read_text(encoding="utf-8"))
    assert len(sents) == len(ann.sentences)
    sent = next(s for s in sents if ("Serghei", "B-PER") in s)
    assert sent[sent.index(("Serghei", "B-PER")) + 1] == ("Lavrov", "I-PER")


def test_conll_without_pipeline_tokens(tmp_path):
    a = sample(with_tokens=False)
    sents = check_conll(a, FORMATS["conll"].dumps(a))
    assert len(sents) >= 4  # split at line breaks and full stops


def test_conll_cuts_tokens_at_mention_edges():
    text = "Il lavrovismo di Lavrov."
    a = Annotations(text, mentions=[Mention("m1", 5, 11, "vrovis", "MISC", "e1")],
                    entities=[Entity("e1", "MISC", "vrovis", ["vrovis"], ["m1"])])
    check_conll(a, FORMATS["conll"].dumps(a))


# -- csv ----------------------------------------------------------------------------

def test_csv_one_row_per_entity(ann, tmp_path):
    (path,) = FORMATS["csv"].write(ann, tmp_path / "a.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(ann.entities)
    assert set(rows[0]) >= {"label", "name", "variants", "mentions", "roles", "first_offset"}
    lavrov = next(r for r in rows if r["name"] == "Serghei Lavrov")
    assert lavrov["label"] == "PER"
    assert set(lavrov["variants"].split(" | ")) == {"Lavrov", "Serghei Lavrov"}
    assert lavrov["mentions"] == "3"
    assert lavrov["roles"] == "ministro degli Esteri russo (Russian foreign minister)"
    assert lavrov["first_offset"] == str(TEXT.index("Lavrov"))
    rubio = next(r for r in rows if r["name"] == "Marco Rubio")
    assert rubio["roles"] == "segretario di Stato"
    assert [r["label"] for r in rows] == ["PER", "PER", "ORG", "ORG", "LOC"]


def test_csv_quotes_awkward_names():
    text = 'Il "Caffè, Bar" apre.'
    a = Annotations(text, mentions=[Mention("m1", 3, 15, '"Caffè, Bar"', "ORG", "e1")],
                    entities=[Entity("e1", "ORG", '"Caffè, Bar"', ['"Caffè, Bar"'], ["m1"])])
    rows = list(csv.DictReader(io.StringIO(FORMATS["csv"].dumps(a))))
    assert rows[0]["name"] == '"Caffè, Bar"'


# -- html ---------------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.stack: list[str] = []
        self.marks: list[str] = []
        self.decl = ""

    def handle_decl(self, decl):
        self.decl = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)
        if tag == "mark":
            self.marks.append("")

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        self.text.append(data)
        if "mark" in self.stack and self.stack[-1] == "mark":
            self.marks[-1] += data


def test_html_standalone_page(tmp_path):
    ann = sample()
    (path,) = FORMATS["html"].write(ann, tmp_path / "a.html")
    page = path.read_text(encoding="utf-8")
    p = _Page()
    p.feed(page)
    p.close()
    assert p.decl.lower() == "doctype html"
    tags = [t for t, _ in p.tags]
    assert "html" in tags and "head" in tags and "body" in tags and "title" in tags
    assert any(t == "meta" and a.get("charset") == "utf-8" for t, a in p.tags)
    # nothing from outside: no scripts at all, no external styles, fonts or images
    assert "script" not in tags
    for t, a in p.tags:
        for k, v in a.items():
            assert not re.search(r"https?:|//", v or ""), (t, k, v)
    assert not any(re.search(r"https?:|@import|url\(", s) for s in p.styles)
    # the article text is escaped: <script> and [bold] come back as text
    text = "".join(p.text)
    assert "<script>alert('x')</script>" in text
    assert "[bold]niente[/bold]" in text
    assert "<script>" not in page and "&lt;script&gt;" in page
    # highlights (displaCy marks): every mention and both role phrases
    marks = [" ".join(m.split()) for m in p.marks]
    for m in ann.mentions:
        assert m.text in marks, m.text
    assert "ministro degli Esteri russo" in marks and "segretario di Stato" in marks
    assert len(marks) == len(ann.mentions) + 2
    # legend and the people with their roles
    legend = next(a for t, a in p.tags if a.get("class") == "legend")
    assert legend is not None
    assert "PER" in text and "ORG" in text and "LOC" in text
    assert "Serghei Lavrov" in text and "Russian foreign minister" in text
    assert "segretario di Stato" in text


def test_html_title_is_escaped(tmp_path):
    ann = sample()
    ann.source.title = "</title><script>x()</script>"
    page = FORMATS["html"].dumps(ann)
    assert "<script>" not in page


# -- read_any and atomic writes -------------------------------------------------------

def test_read_any_by_content(ann, tmp_path):
    (tmp_path / "a.data").write_text(FORMATS["json"].dumps(ann), encoding="utf-8")
    (tmp_path / "b.data").write_text(FORMATS["jsonl"].dumps(ann), encoding="utf-8")
    (tmp_path / "c.data").write_bytes((tmp_path / FORMATS["spacy"].write(
        ann, tmp_path / "c.spacy")[0].name).read_bytes())
    for name in ("a.data", "b.data", "c.data"):
        (back,) = read_any(tmp_path / name)
        assert canon(back) == canon(ann), name
    (tmp_path / "d.data").write_text("hello", encoding="utf-8")
    with pytest.raises(FormatError):
        read_any(tmp_path / "d.data")
    (tmp_path / "e.spacy").write_bytes(b"\x00garbage")
    with pytest.raises(FormatError, match="DocBin"):
        read_any(tmp_path / "e.spacy")
    with pytest.raises(FileNotFoundError):
        read_any(tmp_path / "missing.json")


@pytest.mark.parametrize("name", list(FORMATS))
def test_failed_write_leaves_previous_file(ann, tmp_path, monkeypatch, name):
    fmt = FORMATS[name]
    target = tmp_path / f"a{fmt.extension}"
    first = fmt.write(ann, target)
    before = {p: p.read_bytes() for p in first}

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", boom)
    changed = sample()
    changed.mentions = changed.mentions[:0]
    for e in changed.entities:
        e.mentions = []
    changed.text = changed.text  # same text, no mentions: a different export
    with pytest.raises(OSError):
        fmt.write(changed, target)
    assert {p: p.read_bytes() for p in first} == before
    assert sorted(tmp_path.iterdir()) == sorted(first)  # no temporary files left


def test_failure_inside_an_exporter_leaves_previous_file(ann, tmp_path):
    from tui.export.common import text_writer

    target = tmp_path / "a.json"
    target.write_text("previous", encoding="utf-8")

    def broken(_ann):
        raise RuntimeError("exporter bug")

    with pytest.raises(RuntimeError):
        text_writer(broken)(ann, target)  # how every text format writes
    assert target.read_text(encoding="utf-8") == "previous"


# -- awkward documents ----------------------------------------------------------------

def test_empty_document_in_every_format(tmp_path):
    a = Annotations("")
    for name, fmt in FORMATS.items():
        out = fmt.write(a, tmp_path / f"e{fmt.extension}")
        if fmt.read:
            (back,) = fmt.read(out[-1])
            assert back.text == "" and back.mentions == [], name


def test_overlapping_spans_from_another_tool_keep_the_longest(tmp_path):
    """Mentions never overlap in Personae (check() refuses it); spans read from a tool
    that nests or crosses them keep the longest, then the earliest."""
    text = "Banca d'Italia a Roma"
    (tmp_path / "o.txt").write_text(text, encoding="utf-8")
    (tmp_path / "o.ann").write_text("T1\tORG 0 14\tBanca d'Italia\nT2\tLOC 8 14\tItalia\n"
                                    "T3\tLOC 17 21\tRoma\n", encoding="utf-8")
    (back,) = FORMATS["brat"].read(tmp_path / "o.ann")
    back.check()
    assert [(m.text, m.label) for m in back.mentions] == [("Banca d'Italia", "ORG"), ("Roma", "LOC")]
    ms = [Mention("m1", 0, 14, "Banca d'Italia", "ORG", "e1"),
          Mention("m2", 8, 14, "Italia", "LOC", "e2")]
    ents = [Entity("e1", "ORG", "Banca d'Italia", ["Banca d'Italia"], ["m1"]),
            Entity("e2", "LOC", "Italia", ["Italia"], ["m2"])]
    with pytest.raises(ValueError, match="overlap"):
        Annotations(text, mentions=ms, entities=ents).check()


def test_role_on_a_mention_that_a_reader_drops(tmp_path):
    text = "Il ministro Lavrov parla."
    a = Annotations(text, mentions=[Mention("m1", 12, 18, "Lavrov", "PER", "e1")],
                    entities=[Entity("e1", "PER", "Lavrov", ["Lavrov"], ["m1"],
                                     [Role("ministro", 3, 11, "m1", (0, 25), "minister")])])
    a.check()
    out = FORMATS["jsonl"].write(a, tmp_path / "r.jsonl")[0]
    rec = json.loads(out.read_text(encoding="utf-8"))
    rec["spans"] = []
    out.write_text(json.dumps(rec), encoding="utf-8")
    (back,) = read_any(out)
    assert back.mentions == [] and back.entities == []


# -- formats the neighbours read (doccano, Label Studio, brat's configuration, CoNLL documents) --

# doccano's sequence-labelling import: one JSON object a line, "text" and "label" as
# [start, end, LABEL] triples (the shape of its own import examples)
DOCCANO_LINE = {
    "type": "object",
    "required": ["text", "label"],
    "properties": {
        "text": {"type": "string"},
        "label": {"type": "array", "items": {
            "type": "array", "minItems": 3, "maxItems": 3,
            "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0},
                            {"type": "string", "minLength": 1}]}},
    },
}

# Label Studio's task JSON with pre-annotations: a list of tasks, each with "data" and
# "predictions" whose "result" regions are labels on the text (from_name/to_name name the
# <Labels> and <Text> tags of the labelling config)
LABEL_STUDIO_TASKS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["data", "predictions"],
        "properties": {
            "data": {"type": "object", "required": ["text"],
                     "properties": {"text": {"type": "string"}}},
            "predictions": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["result"],
                "properties": {
                    "model_version": {"type": "string"},
                    "result": {"type": "array", "items": {
                        "type": "object",
                        "required": ["from_name", "to_name", "type", "value"],
                        "properties": {
                            "id": {"type": "string"},
                            "from_name": {"type": "string"}, "to_name": {"type": "string"},
                            "type": {"const": "labels"},
                            "value": {"type": "object", "required": ["start", "end", "labels"],
                                      "properties": {
                                          "start": {"type": "integer", "minimum": 0},
                                          "end": {"type": "integer", "minimum": 0},
                                          "text": {"type": "string"},
                                          "labels": {"type": "array", "minItems": 1,
                                                     "items": {"type": "string"}}}},
                        }}},
                }}},
        },
    },
}


def test_doccano_lines_have_the_shape_doccano_imports(ann, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    (path,) = FORMATS["doccano"].write(ann, tmp_path / "a.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    jsonschema.Draft202012Validator(DOCCANO_LINE).validate(rec)
    assert rec["text"] == ann.text
    assert sorted(tuple(t) for t in rec["label"]) == sorted(
        (m.start, m.end, m.label) for m in ann.mentions)
    # code point offsets: the text after the emoji still lines up
    assert all(rec["text"][a:b] == ann.text[a:b] for a, b, _ in rec["label"])
    # and a line corrected in doccano comes back through the jsonl reader
    rec["label"] = rec["label"][1:]
    back_path = tmp_path / "from-doccano.jsonl"
    back_path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (back,) = read_any(back_path)
    assert sorted((m.start, m.end, m.label) for m in back.mentions) == sorted(
        tuple(t) for t in rec["label"])
    # doccano's relation format: entities with start_offset / end_offset
    rel = {"text": "Google, Larry Page", "entities": [
        {"id": 0, "start_offset": 0, "end_offset": 6, "label": "ORG"},
        {"id": 1, "start_offset": 8, "end_offset": 18, "label": "PER"}], "relations": []}
    back_path.write_text(json.dumps(rel) + "\n", encoding="utf-8")
    (back,) = read_any(back_path)
    assert [(m.text, m.label) for m in back.mentions] == [("Google", "ORG"), ("Larry Page", "PER")]


def test_label_studio_tasks_carry_the_mentions_as_predictions(ann, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from xml.etree import ElementTree

    from tui.export import labelstudio

    (path,) = FORMATS["labelstudio"].write(ann, tmp_path / "a.json")
    tasks = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(LABEL_STUDIO_TASKS).validate(tasks)
    (task,) = tasks
    assert task["data"]["text"] == ann.text
    (pred,) = task["predictions"]
    regions = pred["result"]
    assert sorted((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                  for r in regions) == sorted((m.start, m.end, m.label) for m in ann.mentions)
    assert all(ann.text[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
               for r in regions)
    assert len({r["id"] for r in regions}) == len(regions)
    assert ann.model.name in pred["model_version"]
    # the names match the labelling config the module gives (Label Studio's NER template)
    view = ElementTree.fromstring(labelstudio.LABELING_CONFIG)
    labels_tag, text_tag = view.find("Labels"), view.find("Text")
    assert {r["from_name"] for r in regions} == {labels_tag.get("name")}
    assert {r["to_name"] for r in regions} == {text_tag.get("name")} == {labels_tag.get("toName")}
    assert {m.label for m in ann.mentions} <= {lab.get("value") for lab in labels_tag}


def parse_brat_conf(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            assert current is not None, line
            sections[current].append(line)
    return sections


def test_brat_writes_the_configuration_that_declares_every_type_it_uses(ann, tmp_path):
    *_rest, ann_path = FORMATS["brat"].write(ann, tmp_path / "lavrov.ann")
    conf = parse_brat_conf((tmp_path / "annotation.conf").read_text(encoding="utf-8"))
    assert set(conf) == {"entities", "relations", "events", "attributes"}
    p = parse_brat(ann_path.read_text(encoding="utf-8"))
    used = {label for label, _frags, _shown in p["T"].values()}
    assert used <= set(conf["entities"])
    relations = {line.split()[0] for line in conf["relations"]}
    assert {"Role_of", "Equiv"} <= relations
    visual = parse_brat_conf((tmp_path / "visual.conf").read_text(encoding="utf-8"))
    drawn = {line.split()[0] for line in visual["drawing"]}
    assert used <= drawn
    from tui.palette import html_colours

    per = next(line for line in visual["drawing"] if line.startswith("PER"))
    assert html_colours()["PER"][1] in per  # the reader's colours


def test_brat_configuration_grows_with_new_types_and_leaves_the_users_own(ann, tmp_path):
    FORMATS["brat"].write(ann, tmp_path / "a.ann")
    other = Annotations("Oggi 3 maggio", mentions=[Mention("m1", 5, 12, "3 maggio", "DATE", "e1")],
                        entities=[Entity("e1", "DATE", "3 maggio", ["3 maggio"], ["m1"])])
    other.mentions[0].text = other.text[5:12]
    other.entities[0].name = other.entities[0].variants[0] = other.text[5:12]
    FORMATS["brat"].write(other, tmp_path / "b.ann")
    conf = parse_brat_conf((tmp_path / "annotation.conf").read_text(encoding="utf-8"))
    assert {"PER", "ORG", "LOC", "MISC", "DATE", "Role"} <= set(conf["entities"])
    mine = "[entities]\nThing\n[relations]\n[events]\n[attributes]\n"
    user = tmp_path / "user"
    user.mkdir()
    (user / "annotation.conf").write_text(mine, encoding="utf-8")
    out = FORMATS["brat"].write(ann, user / "a.ann")
    assert (user / "annotation.conf").read_text(encoding="utf-8") == mine
    assert [p.name for p in out] == ["a.txt", "a.personae.json", "a.ann"]


def test_conll_articles_are_documents_for_spacy_convert(ann):
    from spacy.training.converters import conll_ner_to_docs

    other = sample(with_tokens=False)
    data = FORMATS["conll"].dumps(ann) + FORMATS["conll"].dumps(other)
    docs = list(conll_ner_to_docs(data, n_sents=10, no_print=True))
    assert len(docs) == 2
    assert [(e.text, e.label_) for e in docs[0].ents] == \
        [(m.text, m.label) for m in sorted(ann.mentions, key=lambda m: m.start)]


def test_a_docbin_without_our_user_data_keeps_its_roles(ann, tmp_path):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    (path,) = FORMATS["spacy"].write(ann, tmp_path / "a.spacy")
    doc = next(DocBin().from_disk(path).get_docs(Vocab()))
    doc.user_data.clear()  # re-saved by a tool that keeps only what spaCy knows
    db = DocBin()  # spaCy's defaults: no user data
    db.add(doc)
    db.to_disk(tmp_path / "b.spacy")
    (back,) = read_any(tmp_path / "b.spacy")
    roles = {(r.text, back.mention(r.mention).text) for e in back.entities for r in e.roles}
    assert roles == {(r.text, ann.mention(r.mention).text) for e in ann.entities for r in e.roles}
    for e in back.entities:
        for r in e.roles:
            a, b = r.sentence
            assert a <= r.start < r.end <= b


def test_a_jsonl_line_without_our_key_keeps_what_it_carries(ann, tmp_path):
    rec = json.loads(FORMATS["jsonl"].dumps(ann))
    del rec["personae"]
    p = tmp_path / "plain.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (back,) = read_any(p)
    assert (back.model.name, back.model.version) == (ann.model.name, ann.model.version)
    assert back.source.title == ann.source.title and back.source.sha256 == ann.source.sha256
    assert sorted((m.start, m.end, m.label) for m in back.mentions) == \
        sorted((m.start, m.end, m.label) for m in ann.mentions)
    # the spans' entity keys still group the mentions
    assert set(canon(back, sentences=False)["entities"]) == set(canon(ann, sentences=False)["entities"])


class _Marks(HTMLParser):
    """Every highlight of the page: its label and the whole text inside it (nested
    highlights included, label chips left out), and whether the tags nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[list] = []   # [tag, label, text]
        self.done: list[tuple[str, str]] = []
        self.chip = 0
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            self.open.append(["mark", a.get("data-label", ""), ""])
        elif tag == "span" and self.open and self.open[-1][0] == "mark":
            self.open.append(["span", "", ""])
            self.chip += 1
        elif tag == "span":
            self.open.append(["span", "", ""])

    def handle_endtag(self, tag):
        if tag not in ("mark", "span"):
            return
        if not self.open or self.open[-1][0] != tag:
            self.balanced = False
            return
        item = self.open.pop()
        if tag == "mark":
            self.done.append((item[1], " ".join(item[2].split())))
            if self.open and self.open[-1][0] == "mark":
                self.open[-1][2] += item[2]

    def handle_data(self, data):
        if self.open and self.open[-1][0] == "mark":
            self.open[-1][2] += data


def test_html_marks_every_role_phrase_with_the_names_inside_it():
    text = ("Il presidente del Consiglio di Aurelia Paolo Ruggeri ha incontrato "
            "l'ambasciatore della Russia a Roma, Ivan Petrov.")
    spec = [("Aurelia", "LOC", "e3"), ("Paolo Ruggeri", "PER", "e1"), ("Russia", "LOC", "e4"),
            ("Roma", "LOC", "e5"), ("Ivan Petrov", "PER", "e2")]
    mentions = []
    for i, (s, label, eid) in enumerate(spec, 1):
        a = text.index(s)
        mentions.append(Mention(f"m{i}", a, a + len(s), s, label, eid))
    r1 = "presidente del Consiglio di Aurelia"
    r2 = "ambasciatore della Russia a Roma"
    a1, a2 = text.index(r1), text.index(r2)
    ents = [Entity("e1", "PER", "Paolo Ruggeri", ["Paolo Ruggeri"], ["m2"],
                   [Role(r1, a1, a1 + len(r1), "m2", (0, len(text)))]),
            Entity("e2", "PER", "Ivan Petrov", ["Ivan Petrov"], ["m5"],
                   [Role(r2, a2, a2 + len(r2), "m5", (0, len(text)))]),
            Entity("e3", "LOC", "Aurelia", ["Aurelia"], ["m1"]),
            Entity("e4", "LOC", "Russia", ["Russia"], ["m3"]),
            Entity("e5", "LOC", "Roma", ["Roma"], ["m4"])]
    ann = Annotations(text, mentions=mentions, entities=ents)
    ann.check()
    p = _Marks()
    p.feed(html.body_html(ann))
    p.close()
    assert p.balanced
    assert ("ROLE", r1) in p.done and ("ROLE", r2) in p.done
    for s, label, _e in spec:  # every name, those inside a role phrase too
        assert (label, s) in p.done, s
    assert len(p.done) == len(spec) + 2


def test_html_a_role_phrase_that_cuts_a_name_takes_it_in_whole():
    text = "Parla il segretario Marco Rubio oggi."
    a = text.index("Marco Rubio")
    m = Mention("m1", a, a + len("Marco Rubio"), "Marco Rubio", "PER", "e1")
    r = text.index("segretario Marco")  # a role phrase that ends inside the name
    ent = Entity("e1", "PER", "Marco Rubio", ["Marco Rubio"], ["m1"],
                 [Role("segretario Marco", r, r + len("segretario Marco"), "m1", (0, len(text)))])
    ann = Annotations(text, mentions=[m], entities=[ent])
    p = _Marks()
    p.feed(html.body_html(ann))
    p.close()
    assert p.balanced
    assert sorted(p.done) == [("PER", "Marco Rubio"), ("ROLE", "segretario Marco Rubio")]
