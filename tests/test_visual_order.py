"""Text stored in visual (display) order is turned into reading order when it is read."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest

from qararat import analyze
from qararat.io import read_bytes
from qararat.normalize.visual import is_visual_order, logical_line, reading_order

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt"
DEV = sorted((ROOT / "corpora" / "dev").glob("*.txt"))


def _visual(text: str) -> str:
    return "\n".join(logical_line(line) for line in text.split("\n"))


def _isolated_forms(text: str) -> str:
    """Letters replaced by their isolated presentation forms, as old PDF extraction gives."""
    table = {}
    for cp in range(0xFE70, 0xFEFF):
        d = unicodedata.decomposition(chr(cp)).split()
        if len(d) == 2 and d[0] == "<isolated>":  # one letter, not a ligature or a mark
            table[int(d[1], 16)] = chr(cp)
    return text.translate(table)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ةماعلا ةيعمجلا نإ", "إن الجمعية العامة"),
        ("186/76 رارقلا", "القرار 186/76"),
        (")A/76/463( ةثلاثلا ةنجللا ريرقت", "تقرير اللجنة الثالثة (A/76/463)"),
        (". 2021 ربمسيد/لوألا نوناك 16 يف", "في 16 كانون الأول/ديسمبر 2021 ."),
    ],
)
def test_visual_line_turned(line: str, expected: str) -> None:
    assert logical_line(line) == expected
    assert logical_line(expected) == line  # the transform is its own inverse


def test_visual_order_sample_analyses_like_the_original() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    visual = _visual(text)
    assert reading_order(visual)[0] == text
    a, b = analyze(text), analyze(visual)
    assert [w.kind for w in b.warnings][0] == "visual_order"
    assert "visual_order" not in [w.kind for w in a.warnings]
    assert [(p.kind, p.number, p.label, p.text) for p in a.paragraphs] == [
        (p.kind, p.number, p.label, p.text) for p in b.paragraphs
    ]
    assert a.header == b.header


def test_visual_order_with_presentation_forms_is_found() -> None:
    text = _isolated_forms(_visual(DEV[0].read_text(encoding="utf-8")))
    doc = read_bytes(text.encode("utf-8"))
    assert [w.kind for w in doc.warnings] == ["visual_order"]
    assert doc.text == _isolated_forms(DEV[0].read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [SAMPLE, *DEV], ids=lambda p: p.stem)
def test_reading_order_text_is_left_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not is_visual_order(text)
    assert reading_order(text) == (text, 0)


def test_pdftotext_like_sample_analyses_like_the_original() -> None:
    # pdftotext's worst case: visual order, hard-wrapped at 90, no blank line anywhere
    text = SAMPLE.read_text(encoding="utf-8")
    tight = "\n".join(
        part for line in text.split("\n") if line.strip() for part in textwrap.wrap(line, 90)
    )
    a, b = analyze(text), analyze(_visual(tight))
    assert [(p.kind, p.number, p.label, " ".join(p.text.split())) for p in a.paragraphs] == [
        (p.kind, p.number, p.label, " ".join(p.text.split())) for p in b.paragraphs
    ]
    assert [f.number for f in a.footnotes] == [f.number for f in b.footnotes]
    assert a.header == b.header

    def fixes(r: object) -> list[tuple[str, str, str, bool]]:
        return sorted((c.original, c.replacement, c.rule, c.applied) for c in r.corrections)  # type: ignore[attr-defined]

    # the same corrections: clause openers at wrapped lines, numbers reversed across a break
    assert fixes(a) == fixes(b)


def test_sample_on_one_line_gets_the_same_corrections() -> None:
    # the whole resolution in one spreadsheet cell: line breaks are restored for the rules
    # that read paragraph openings and titles, and the corrections land on the one line
    text = SAMPLE.read_text(encoding="utf-8")
    one = " ".join(text.split())
    a, b = analyze(text), analyze(one)
    assert sorted((c.original, c.replacement, c.rule, c.applied) for c in a.corrections) == sorted(
        (c.original, c.replacement, c.rule, c.applied) for c in b.corrections
    )
    assert all(one[c.start : c.end] == c.original for c in b.corrections)
    assert [(p.number, p.label) for p in a.operative] == [(p.number, p.label) for p in b.operative]
    assert b.header == a.header


def test_pdftotext_pages_of_the_sample_analyse_like_the_original() -> None:
    # what pdftotext leaves of a UN document: front matter, lines hard-wrapped at 95 with no
    # blank line, and between the pages a running head, a page number, the job number
    text = SAMPLE.read_text(encoding="utf-8")
    body = [
        part
        for line in text[text.index("الدورة") :].split("\n")
        if line.strip()
        for part in textwrap.wrap(line, 95)
    ]
    lines = ["A/RES/76/186", "الأمم المتحدة", "الجمعية العامة", "Distr.: General", "10/1/2022"]
    for k in range(0, len(body), 38):
        lines += body[k : k + 38]
        if k == 0:
            lines += ["21-19486 (A)", "*2119486*"]
        else:
            lines += ["A/RES/76/186 تحسين تنسيق الجهود", f"{k // 38 + 1}/12", "21-19486"]
    a, b = analyze(text), analyze("\n".join(lines))
    assert [(p.kind, p.number, p.label) for p in a.paragraphs] == [
        (p.kind, p.number, p.label) for p in b.paragraphs
    ]
    assert a.header == b.header
    assert sorted((c.original, c.replacement, c.rule) for c in a.corrections) == sorted(
        (c.original, c.replacement, c.rule) for c in b.corrections
    )
