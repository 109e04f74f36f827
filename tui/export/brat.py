"""``brat``: standoff annotation, ``STEM.txt`` (the exact text) + ``STEM.ann``.

In the ``.ann`` file:

- ``T1<TAB>PER 0 14<TAB>Serghei Lavrov``: one text-bound annotation per
  mention (a mention that crosses a line break is written as fragments,
  ``0 5;6 14``, as brat requires);
- ``T9<TAB>Role 3 30<TAB>ministro degli Esteri russo`` and
  ``R1<TAB>Role_of Arg1:T9 Arg2:T1``: a role phrase and the mention it
  belongs to;
- ``#1<TAB>AnnotatorNotes T9<TAB>Russian foreign minister``: a role's gloss;
- ``*<TAB>Equiv T1 T4 T7``: mentions of one entity (one line per entity with
  more than one mention);
- ``T12<TAB>Quote 812 990<TAB>Rubio e io…`` and ``R2<TAB>Speaker Arg1:T12 Arg2:T4``: a
  quotation and the mention of the person who said it (none for no person speaker).

Offsets are character (code point) offsets into ``STEM.txt``, as brat uses.
Beside them, ``annotation.conf`` (the entity types, ``Role``, the relations
``Role_of`` and ``Equiv``) and ``visual.conf`` (names, and the reader's
colours) so that brat opens the folder without configuration warnings; files
Personae wrote before are extended with the new types, the user's own are left alone.
Reading back: mentions, entities (from the Equiv lines; a file with none at
all is grouped by the name-variant rules), roles with their glosses, quotations with
their speakers (their kind, cue and pieces are not carried: each reads back as a direct
quotation of its own).
Entity names are rebuilt from the variants; sentences are not carried.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.display import label as label_id
from tui.document import Annotations, Quote, Role, Source, sha256_text
from tui.export.common import (
    MAX_IMPORT_BYTES,
    FormatError,
    extra_of,
    guess_sentence,
    rebuild,
    refuse_spans,
    speaker_mention,
)
from tui.export.validate import loads_json
from tui.fsutil import atomic_write_many, atomic_write_text, read_regular_bytes, read_regular_text
from tui.palette import LABEL_NAMES, html_colours

ROLE = "Role"
ROLE_OF = "Role_of"
#: attributes on an entity's first mention: its type when it differs from that mention's
#: ("Russia" tagged ORG once and LOC as a whole), where the reader lists it, "ambiguous"
ENTITY_TYPE = "Entity_type"
LISTED_AS = "Listed_as"
AMBIGUOUS = "Ambiguous"
#: beside STEM.txt and STEM.ann: what brat has no place for (the source's title, date and
#: byline, the pipeline, sentences, tokens, entity names), so that a round trip loses nothing
SIDECAR = ".personae.json"
QUOTE = "Quote"
SPEAKER = "Speaker"
#: the text-bound types that are not mentions
NOT_MENTIONS = frozenset({ROLE, QUOTE})


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at line breaks (brat spans cannot hold one)."""
    out = []
    a = start
    for i in range(start, end + 1):
        if i == end or text[i] in "\n\r":
            if i > a:
                out.append((a, i))
            a = i + 1
    return out or [(start, end)]


def _t_line(tid: str, label: str, text: str, start: int, end: int) -> str:
    frags = _fragments(text, start, end)
    offs = ";".join(f"{a} {b}" for a, b in frags)
    return f"{tid}\t{label_id(label)} {offs}\t{_shown(text, frags)}"


def _shown(text: str, frags: list[tuple[int, int]]) -> str:
    """The text column of a T line: the fragments, tabs and line breaks as spaces."""
    return " ".join(" ".join(text[a:b].replace("\t", " ").splitlines()) for a, b in frags)


def dumps_ann(ann: Annotations) -> str:
    lines: list[str] = []
    tid: dict[str, str] = {}
    for m in sorted(ann.mentions, key=lambda m: (m.start, m.end)):
        tid[m.id] = f"T{len(tid) + 1}"
        lines.append(_t_line(tid[m.id], m.label, ann.text, m.start, m.end))
    n_t, n_r, n_note = len(tid), 0, 0
    for ent in ann.entities:
        for r in sorted(ent.roles, key=lambda r: r.start):
            if r.mention not in tid:
                continue
            n_t += 1
            n_r += 1
            lines.append(_t_line(f"T{n_t}", ROLE, ann.text, r.start, r.end))
            lines.append(f"R{n_r}\t{ROLE_OF} Arg1:T{n_t} Arg2:{tid[r.mention]}")
            if r.gloss:
                n_note += 1
                gloss = " ".join(r.gloss.split())  # one line: a line break would end the note
                lines.append(f"#{n_note}\tAnnotatorNotes T{n_t}\t{gloss}")
    for q in sorted(ann.quotes, key=lambda q: (q.start, q.end)):
        n_t += 1
        lines.append(_t_line(f"T{n_t}", QUOTE, ann.text, q.start, q.end))
        mid = speaker_mention(ann, q)
        if mid in tid:
            n_r += 1
            lines.append(f"R{n_r}\t{SPEAKER} Arg1:T{n_t} Arg2:{tid[mid]}")
    for ent in ann.entities:
        ts = [tid[m.id] for m in ann.mentions_of(ent.id) if m.id in tid]
        if len(ts) > 1:
            lines.append("*\tEquiv " + " ".join(ts))
    # what an entity is beyond its mentions, on its first mention, as attributes brat shows
    n_a = 0
    for ent in ann.entities:
        first = next((m for m in ann.mentions_of(ent.id) if m.id in tid), None)
        if first is None:
            continue
        attrs = []
        if label_id(ent.label) != label_id(first.label):  # "Russia": ORG once, LOC as a whole
            attrs.append(f"{ENTITY_TYPE} {tid[first.id]} {label_id(ent.label)}")
        if ent.group and ent.group != ent.label:  # a country tagged ORG, listed under Places
            attrs.append(f"{LISTED_AS} {tid[first.id]} {label_id(ent.group)}")
        if ent.ambiguous:
            attrs.append(f"{AMBIGUOUS} {tid[first.id]}")
        for a in attrs:
            n_a += 1
            lines.append(f"A{n_a}\t{a}")
    return "".join(line + "\n" for line in lines)


def write(ann: Annotations, path: Path) -> list[Path]:
    """Write ``path``'s stem + .txt and + .ann (``path`` is normally STEM.ann), then the
    folder's ``annotation.conf`` and ``visual.conf`` (see :func:`write_confs`)."""
    path = Path(path)
    ann_path = path if path.suffix == ".ann" else path.with_name(path.name + ".ann")
    txt_path = ann_path.with_suffix(".txt")
    side_path = ann_path.with_suffix(SIDECAR)
    content = dumps_ann(ann)
    extra = extra_of(ann)
    extra["source"]["sha256"] = sha256_text(ann.text)  # the sidecar is read for this text only
    side = json.dumps(extra, ensure_ascii=False) + "\n"
    # all written, then all renamed: a full disk or an error leaves the old files whole
    atomic_write_many([(txt_path, ann.text.encode("utf-8")), (side_path, side.encode("utf-8")),
                       (ann_path, content.encode("utf-8"))])
    # companions first, the main file last (as Format.files_for lists them)
    return [txt_path, side_path, *write_confs(ann_path.parent, labels_of(ann)), ann_path]


# -- the configuration brat reads beside the documents -------------------------------

ANNOTATION_CONF = "annotation.conf"
VISUAL_CONF = "visual.conf"
#: the first line of the configuration files Personae writes (and may rewrite)
CONF_MARK = "# Written by Personae beside its brat exports: the types they use."


def labels_of(ann: Annotations) -> list[str]:
    """The entity types of ``ann``'s .ann file: ours first, then any other label, in order."""
    used = {label_id(m.label) for m in ann.mentions}
    return list(LABEL_NAMES) + sorted(used - set(LABEL_NAMES))


def _conf_labels(path: Path) -> list[str] | None:
    """The entity types of an annotation.conf Personae wrote; None for someone else's."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != CONF_MARK:
        return None
    out, section = [], ""
    for line in lines[1:]:
        line = line.strip()
        if line.startswith("["):
            section = line
        elif line and not line.startswith("#") and section == "[entities]" \
                and line not in NOT_MENTIONS:
            out.append(line)
    return out


def annotation_conf(labels: list[str]) -> str:
    """brat's annotation.conf for these entity types, the role phrases, our relations and
    the attributes an entity's first mention may carry."""
    values = "|".join(labels)
    return "\n".join([
        CONF_MARK,
        "[entities]", *labels, ROLE, QUOTE, "",
        "[relations]",
        f"{ROLE_OF}\tArg1:{ROLE}, Arg2:<ENTITY>",
        f"{SPEAKER}\tArg1:{QUOTE}, Arg2:<ENTITY>",
        "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
        "# a role phrase may hold a name (\"presidente della Russia\")",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain", "",
        "[events]", "",
        "[attributes]",
        "# on an entity's first mention: the type of the whole entity where it differs",
        f"{ENTITY_TYPE}\tArg:<ENTITY>, Value:{values}",
        "# where the reader lists it (a country tagged ORG is listed under Places)",
        f"{LISTED_AS}\tArg:<ENTITY>, Value:{values}",
        "# a bare name that fits two people in the article",
        f"{AMBIGUOUS}\tArg:<ENTITY>", "",
    ])


def visual_conf(labels: list[str]) -> str:
    """brat's visual.conf: the names and the colours the reader and the HTML page use."""
    colours = html_colours()
    names = {**LABEL_NAMES, ROLE: "Role phrase", QUOTE: "Quotation"}
    rows = [CONF_MARK, "[labels]"]
    rows += [f"{lab} | {names.get(lab, lab)} | {lab}" for lab in [*labels, ROLE, QUOTE]]
    rows += [f"{ROLE_OF} | role of", f"{SPEAKER} | said by", "", "[drawing]",
             "SPAN_DEFAULT\tfgColor:black, bgColor:lightgrey, borderColor:darken",
             "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5"]
    for lab in [*labels, ROLE]:
        key = "ROLE" if lab == ROLE else (lab if lab in colours else "MISC")
        fg, bg = colours[key]
        rows.append(f"{lab}\tfgColor:{fg}, bgColor:{bg}, borderColor:darken")
    fg, bg = colours.get("QUOTE", ("#000000", "#f5e6b8"))
    rows.append(f"{QUOTE}\tfgColor:{fg}, bgColor:{bg}, borderColor:darken")
    rows.append(f"{ROLE_OF}\tcolor:#555555, dashArray:3-3")
    rows.append(f"{SPEAKER}\tcolor:#555555")
    return "\n".join(rows) + "\n"


def write_confs(folder: Path, labels: list[str]) -> list[Path]:
    """Write annotation.conf and visual.conf in ``folder`` so that brat shows the exports
    there without warnings. Files Personae wrote before keep their types (every export in
    the folder stays declared); files of the user's own are left as they are."""
    conf, visual = folder / ANNOTATION_CONF, folder / VISUAL_CONF
    if conf.exists():
        old = _conf_labels(conf)
        if old is None:
            return []
        labels = labels + [lab for lab in old if lab not in labels]
    written = [conf]
    atomic_write_text(conf, annotation_conf(labels))
    if not visual.exists() or _first_line(visual) == CONF_MARK:
        atomic_write_text(visual, visual_conf(labels))
        written.append(visual)
    return written


def _first_line(path: Path) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().rstrip("\n")
    except (OSError, UnicodeDecodeError):
        return ""


def parse_ann(content: str) -> dict:
    """The parts of a .ann file Personae uses: text-bound annotations, relations,
    Equiv groups and AnnotatorNotes."""
    tbs: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    rels: list[tuple[str, str, str]] = []
    equivs: list[list[str]] = []
    notes: dict[str, str] = {}
    attrs: list[tuple[str, str, str]] = []  # (name, target, value; "" for a binary one)
    refuse_spans(content.startswith(("T", "R")) + content.count("\nT") + content.count("\nR"))
    for n, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        key = parts[0]
        try:
            if key.startswith("T"):
                label, _, offs = parts[1].partition(" ")
                frags = []
                for frag in offs.split(";"):
                    a, b = frag.split()
                    frags.append((int(a), int(b)))
                tbs[key] = (label, frags, parts[2] if len(parts) > 2 else "")
            elif key.startswith("R"):
                label, a1, a2 = parts[1].split()[:3]
                rels.append((label, a1.split(":", 1)[1], a2.split(":", 1)[1]))
            elif key.startswith("*"):
                fields = parts[1].split()
                if fields[0] == "Equiv":
                    equivs.append(fields[1:])
            elif key.startswith("#"):
                fields = parts[1].split()
                if fields[0] == "AnnotatorNotes" and len(parts) > 2:
                    notes[fields[1]] = parts[2]
            elif key.startswith(("A", "M")):  # M: brat's older name for a binary attribute
                fields = parts[1].split()
                attrs.append((fields[0], fields[1], fields[2] if len(fields) > 2 else ""))
            # events (E) and normalisations (N) are not used
        except (IndexError, ValueError):
            raise FormatError(f"line {n} of the .ann file is malformed: {line[:60]!r}") from None
    return {"tbs": tbs, "rels": rels, "equivs": equivs, "notes": notes, "attrs": attrs}


def loads(text: str, ann_content: str, extra: dict | None = None) -> Annotations:
    """Annotations from a .txt's text and its .ann; ``extra``: what the sidecar kept
    (``personae/1`` without the text), which gives back what still matches the .ann."""
    p = parse_ann(ann_content)
    tbs = p["tbs"]
    for tid, (_label, frags, shown) in tbs.items():
        for a, b in frags:
            if not (0 <= a < b <= len(text)):
                raise FormatError(f"{tid} {a}:{b} is outside the text: the .ann does not "
                                  "belong to this .txt")
        # brat writes the annotated text beside the offsets: it must be the .txt's
        if shown and " ".join(shown.split()) != " ".join(_shown(text, frags).split()):
            raise FormatError(f"{tid} says {shown[:30]!r} but the .txt has "
                              f"{_shown(text, frags)[:30]!r} there: the .ann does not "
                              "belong to this .txt")
    mention_tids = sorted((t for t, v in tbs.items() if v[0] not in NOT_MENTIONS),
                          key=lambda t: (tbs[t][1][0][0], tbs[t][1][-1][1]))
    spans = []
    index: dict[str, int] = {}
    mid: dict[str, str] = {}
    for i, t in enumerate(mention_tids):
        label, frags, _ = tbs[t]
        mid[t] = f"m{i + 1}"
        index[t] = i
        spans.append({"start": frags[0][0], "end": frags[-1][1], "label": label, "id": mid[t]})
    roles: list[Role] = []
    for label, a1, a2 in p["rels"]:
        if label != ROLE_OF or a1 not in tbs or a2 not in mid:
            continue
        _l, frags, _ = tbs[a1]
        s, e = frags[0][0], frags[-1][1]
        roles.append(Role(text[s:e], s, e, mid[a2], guess_sentence(text, s, e),
                          p["notes"].get(a1, "")))
    # with Equiv lines, they are the entities (a mention in none is alone);
    # a file with none at all is grouped by the name-variant rules
    groups = None
    if p["equivs"]:
        grouped = {index[t] for g in p["equivs"] for t in g if t in index}
        groups = [[index[t] for t in g if t in index] for g in p["equivs"]]
        groups += [[i] for i in range(len(spans)) if i not in grouped]
    _entity_keys(spans, groups, extra or {})
    speakers = {a1: mid[a2] for label, a1, a2 in p["rels"] if label == SPEAKER and a2 in mid}
    quotes = []
    quote_tids = sorted((t for t, v in tbs.items() if v[0] == QUOTE), key=lambda t: tbs[t][1][0][0])
    for n, t in enumerate(quote_tids, 1):
        _l, frags, _ = tbs[t]
        s, e = frags[0][0], frags[-1][1]
        quotes.append(Quote(f"q{n}", s, e, text[s:e], "direct", speakers.get(t), s, s, "",
                            guess_sentence(text, s, e), f"q{n}"))
    ann = rebuild(text, spans, extra, roles=roles, groups=None if extra else groups,
                  quotes=quotes)
    # brat's word on what each entity is: the type of its first mention unless an attribute
    # there says otherwise; where it is listed and whether it is ambiguous, by attributes
    tid_at = {(spans[i]["start"], spans[i]["end"]): t for t, i in index.items()}
    attrs: dict[str, dict[str, str]] = {}
    for name, target, value in p["attrs"]:
        if target in index:
            attrs.setdefault(target, {})[name] = value
    for ent in ann.entities:
        first = ann.mentions_of(ent.id)[0]
        mine = attrs.get(tid_at.get((first.start, first.end), ""), {})
        ent.label = label_id(mine[ENTITY_TYPE]) if mine.get(ENTITY_TYPE) else first.label
        listed = label_id(mine[LISTED_AS]) if mine.get(LISTED_AS) else ""
        ent.group = "" if listed == ent.label else listed
        ent.ambiguous = AMBIGUOUS in mine
    # a role's sentence, as the pipeline had it, where the sidecar still has the role
    sentences = {(r.get("start"), r.get("end")): r.get("sentence")
                 for e in (extra or {}).get("entities", []) if isinstance(e, dict)
                 for r in e.get("roles", []) if isinstance(r, dict)}
    for ent in ann.entities:
        for r in ent.roles:
            sent = sentences.get((r.start, r.end))
            if isinstance(sent, list) and len(sent) == 2:
                r.sentence = (int(sent[0]), int(sent[1]))
    return ann


def _entity_keys(spans: list[dict], groups: list[list[int]] | None, extra: dict) -> None:
    """With the sidecar, name each span's entity: the entity the sidecar gave most of its
    Equiv group (once: a mention split off in brat is not pulled back), else a new one."""
    if not extra:
        return
    old = {(m.get("start"), m.get("end")): m.get("entity", "")
           for m in extra.get("mentions", []) if isinstance(m, dict)}
    if groups is None:  # no Equiv at all: each mention alone, as brat has it
        groups = [[i] for i in range(len(spans))]
    taken: set[str] = set()
    for n, g in enumerate(sorted(groups, key=len, reverse=True)):
        votes: dict[str, int] = {}
        for i in g:
            eid = old.get((spans[i]["start"], spans[i]["end"]), "")
            if eid:
                votes[eid] = votes.get(eid, 0) + 1
        best = max((e for e in votes if e not in taken), key=lambda e: votes[e], default="")
        taken.add(best)
        for i in g:
            spans[i]["entity"] = best or f"_group{n}"


def read(path: Path) -> list[Annotations]:
    path = Path(path)
    ann_path = path.with_suffix(".ann")
    txt_path = path.with_suffix(".txt")
    try:
        text = read_regular_bytes(txt_path, MAX_IMPORT_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise FormatError(f"brat needs {txt_path.name} beside {ann_path.name}") from None
    except UnicodeDecodeError:
        raise FormatError(f"{txt_path.name} is not UTF-8 text") from None
    content = read_regular_text(ann_path, MAX_IMPORT_BYTES)
    extra = _sidecar(ann_path.with_suffix(SIDECAR), text)
    ann = loads(text, content, extra)
    if not extra:
        ann.source = Source(str(txt_path), sha256_text(text), txt_path.stem)
    return [ann]


def _sidecar(path: Path, text: str) -> dict | None:
    """What Personae kept beside the pair, if it is there and is of this very text."""
    try:
        data = loads_json(read_regular_text(path, MAX_IMPORT_BYTES))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FormatError(f"{path.name} cannot be read ({exc}): remove it to read the pair "
                          "without it") from None
    if not isinstance(data, dict):
        raise FormatError(f"{path.name} is not what Personae writes beside a brat pair")
    source = data.get("source")
    if not isinstance(source, dict) or source.get("sha256") != sha256_text(text):
        return None  # written for another text: the .txt was replaced since
    return data
