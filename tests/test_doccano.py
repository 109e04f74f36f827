"""doccano's annotation screen counts UTF-16 units (JavaScript strings), its API code points:
with an emoji before a name the span is drawn shifted, and a span drawn there is stored
shifted. ``--bmp`` writes each character outside the BMP as one U+FFFD (offsets unchanged),
so both agree; the import puts the characters back."""

from __future__ import annotations

import json

from tui.cli import main
from tui.export import read_any
from tui.export.doccano import PLACEHOLDER

TEXT = "Lavrov a Budapest 🇷🇺\n\nOggi 🙂 Serghei Lavrov ha incontrato Marco Rubio a Budapest.\n"


def _utf16_slice(text: str, start: int, end: int) -> str:
    """What a screen that counts UTF-16 units shows at [start, end)."""
    units = text.encode("utf-16-le")
    return units[2 * start:2 * end].decode("utf-16-le", errors="replace")


def _export(tmp_path, tiny_nlp_path, capsys, *extra):
    art = tmp_path / "lavrov.txt"
    art.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "lavrov.jsonl"
    code = main(["export", str(art), "-f", "doccano", "-o", str(out), "--model", str(tiny_nlp_path),
                 "--force", *extra])
    err = capsys.readouterr().err
    return code, err, json.loads(out.read_text(encoding="utf-8"))


def test_without_bmp_the_shift_is_said(tmp_path, tiny_nlp_path, capsys):
    code, err, rec = _export(tmp_path, tiny_nlp_path, capsys)
    assert code == 0
    assert "outside the BMP" in err and "--bmp" in err
    # what doccano's screen would draw: shifted after the emoji
    text = rec["text"]
    a, b, _label = next(t for t in rec["label"] if text[t[0]:t[1]] == "Marco Rubio")
    assert text[a:b] == "Marco Rubio" and _utf16_slice(text, a, b) != "Marco Rubio"


def test_with_bmp_every_span_is_drawn_where_it_is_and_reads_back(tmp_path, tiny_nlp_path, capsys):
    code, err, rec = _export(tmp_path, tiny_nlp_path, capsys, "--bmp")
    assert (code, err) == (0, "")
    text = rec["text"]
    assert all(ord(c) <= 0xFFFF for c in text) and len(text) == len(TEXT.rstrip("\n"))
    assert len(text.encode("utf-16-le")) == 2 * len(text)  # code points = UTF-16 units
    for a, b, _label in rec["label"]:
        assert _utf16_slice(text, a, b) == text[a:b]
    assert {text[a:b] for a, b, _l in rec["label"]} >= {"Serghei Lavrov", "Marco Rubio"}
    assert text.count(PLACEHOLDER) == 3  # the two regional indicators and the smile
    # a span an annotator adds on doccano's screen ("Oggi") is stored right, and the
    # emoji come back on import
    o = text.index("Oggi")
    rec["label"].append([o, o + 4, "MISC"])
    path = tmp_path / "from-doccano.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (ann,) = read_any(path)
    assert ann.text == TEXT.rstrip("\n")
    assert {m.text for m in ann.mentions} >= {"Oggi", "Serghei Lavrov", "Marco Rubio"}


def test_bmp_belongs_to_doccano(tmp_path, tiny_nlp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    code = main(["export", str(art), "-f", "jsonl", "--bmp", "-o", str(tmp_path / "a.jsonl"),
                 "--model", str(tiny_nlp_path)])
    assert code == 2 and "--bmp" in capsys.readouterr().err
