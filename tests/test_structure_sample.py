"""The parser on the real OCR'd sample A/RES/76/186 (ground truth counted by hand)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from qararat.model import Resolution
from qararat.spans import apply_corrections
from qararat.structure import parse, reversed_number_corrections


@pytest.fixture(scope="module")
def clean_sample(sample_text: str) -> str:
    clean, _ = apply_corrections(sample_text, reversed_number_corrections(sample_text))
    return clean


@pytest.fixture(scope="module")
def sample(clean_sample: str) -> Resolution:
    return parse(clean_sample, doc_id="A_RES_76_186", source="sample")


def test_structure_sample_counts(sample: Resolution) -> None:
    assert len(sample.preambular) == 43
    assert len(sample.operative) == 28
    assert len(sample.subparagraphs) == 6


def test_structure_sample_operative_numbers(sample: Resolution) -> None:
    assert [p.number for p in sample.operative] == [str(i) for i in range(1, 29)]
    kinds = [w.kind for w in sample.warnings]
    assert "numbering_gap" not in kinds and "numbering_repeat" not in kinds


def test_structure_sample_first_preambular_is_ocr_damaged_idh(sample: Resolution) -> None:
    first = sample.paragraphs[0]
    assert first.kind == "preambular"
    assert first.text.startswith("وإن تكرر")


def test_structure_sample_subparagraphs_attach_to_colon_paragraph(sample: Resolution) -> None:
    subs = sample.subparagraphs
    assert [s.number for s in subs] == ["أ", "ب", "ج", "د", "هـ", "و"]
    parent = sample.paragraphs[subs[0].parent]  # type: ignore[index]
    assert {s.parent for s in subs} == {parent.index}
    assert parent.kind == "preambular"
    assert parent.text.endswith("من أجل ما يلي:")
    assert subs[0].text.startswith("تشجيع التصديق العالمي")


def test_structure_sample_footnotes(sample: Resolution) -> None:
    numbers = [f.number for f in sample.footnotes]
    assert numbers == list(range(1, 16)) + list(range(17, 23))
    by_number = {f.number: f.text for f in sample.footnotes}
    assert by_number[1] == "القرار 70/1."
    assert by_number[5] == "United Nations, Treaty Series, vol. 2225, No. 39574."
    missing = [w for w in sample.warnings if w.kind == "footnote_missing"]
    assert len(missing) == 1 and "16" in missing[0].message


def test_structure_sample_footnote_refs(sample: Resolution) -> None:
    refs = [n for p in sample.paragraphs for n in p.footnote_refs]
    assert sorted(refs) == list(range(1, 23))
    with16 = [p for p in sample.paragraphs if 16 in p.footnote_refs]
    assert len(with16) == 1 and with16[0].rejoined
    assert all("⁽" not in p.text and "⁾" not in p.text for p in sample.paragraphs)


def test_structure_sample_rejoined(sample: Resolution, clean_sample: str) -> None:
    rejoined = [p for p in sample.paragraphs if p.rejoined]
    assert len(rejoined) == 5
    assert [p.kind for p in rejoined] == ["preambular"] * 3 + ["operative"] * 2
    assert [p.number for p in rejoined if p.kind == "operative"] == ["2", "23"]
    warned = [w for w in sample.warnings if w.kind == "paragraph_rejoined"]
    assert len(warned) == 5
    texts = {p.index: p.text for p in rejoined}
    assert any("الاقتصادي والاجتماعي داخل البلدان" in t for t in texts.values())
    assert any("بصفته منسقا لأعمال" in t for t in texts.values())
    assert any("والأشخاص ذوي الإعاقة" in t for t in texts.values())
    assert all("(1" not in t for t in texts.values())  # no footnote text leaked in
    for p in rejoined:
        assert clean_sample[p.end - 1] in "،؛"


def test_structure_sample_offsets(sample: Resolution, clean_sample: str) -> None:
    for p in sample.paragraphs:
        assert p.start is not None and p.end is not None and p.start < p.end
        if p.kind == "operative":
            assert clean_sample[p.start :].lstrip("- ").startswith(p.number + " -")
        if p.kind == "preambular":
            assert clean_sample[p.start : p.start + 20] == p.text[:20]


def test_structure_sample_no_markdown_residue(sample: Resolution) -> None:
    for p in sample.paragraphs:
        assert "**" not in p.text and "*" not in p.text
        assert not p.text.startswith(("-", " ", "("))
    op16 = next(p for p in sample.operative if p.number == "16")
    assert op16.text.startswith("تهييب بالدول الأعضاء")
    assert all("*" not in f.text for f in sample.footnotes)


def test_structure_sample_header(sample: Resolution) -> None:
    h = sample.header
    assert h.body == "GA"
    assert h.session == 76
    assert h.agenda_item == "108"
    assert h.agenda_title == "منع الجريمة والعدالة الجنائية"
    assert h.adopted == "2021-12-16"
    assert h.committee_report == "A/76/463"
    assert h.resolution == "76/186"
    assert h.title == "تحسين تنسيق الجهود المبذولة لمكافحة الاتجار بالأشخاص"
    assert h.plenary_meeting == "53"
    assert h.plenary_date == "2021-12-16"
    assert h.opening == "إن الجمعية العامة،"


def test_structure_sample_header_without_number_repair(sample_text: str) -> None:
    # With correction off the title line reads "186/76"; the header still normalises it.
    r = parse(sample_text)
    assert r.header.resolution == "76/186"
    assert len(r.preambular) == 43 and len(r.operative) == 28


def test_structure_sample_references(sample: Resolution) -> None:
    values = {(r.kind, r.value) for r in sample.references}
    for expected in [
        ("ga_resolution", "64/293"),
        ("ga_resolution", "61/180"),
        ("ga_resolution", "74/176"),
        ("ecosoc_resolution", "2017/18"),
        ("ecosoc_resolution", "2021/25"),
        ("hrc_resolution", "44/4"),
        ("resolution", "27/2"),
        ("document_symbol", "A/76/463"),
        ("document_symbol", "CTOC/COP/2020/10"),
        ("document_symbol", "E/2018/30"),
        ("date", "2010-07-30"),
    ]:
        assert expected in values
    hrc = next(r for r in sample.references if r.kind == "hrc_resolution")
    para = sample.paragraphs[hrc.paragraph_index]  # type: ignore[index]
    assert "مجلس حقوق الإنسان 44/4" in para.text


def _wrap(text: str, width: int) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, width)) if line.strip() else "" for line in text.split("\n")
    )


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda t: _wrap(t, 90), id="hard-wrapped-90"),
        pytest.param(lambda t: _wrap(t, 60), id="hard-wrapped-60"),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda t: t.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), id="indic"),
        pytest.param(lambda t: t.replace("\n\n\n\n", "\n\f\n"), id="form-feed"),
    ],
)
def test_structure_sample_layout_variants_parse_the_same(
    sample: Resolution, clean_sample: str, variant: Callable[[str], str]
) -> None:
    other = parse(variant(clean_sample))
    fold = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
    assert [p.kind for p in other.paragraphs] == [p.kind for p in sample.paragraphs]
    assert [p.number for p in other.paragraphs] == [p.number for p in sample.paragraphs]
    assert [p.text.translate(fold) for p in other.paragraphs] == [p.text for p in sample.paragraphs]
    assert [f.number for f in other.footnotes] == [f.number for f in sample.footnotes]
    assert sum(p.rejoined for p in other.paragraphs) == 5
    assert other.header.resolution == "76/186" and other.header.adopted == "2021-12-16"


def test_structure_sample_hard_wrapped_without_blank_lines_parses_the_same(
    sample: Resolution, clean_sample: str
) -> None:
    # pdftotext's layout: wrapped at a fixed width, no blank line between paragraphs
    tight = "\n".join(
        part
        for line in clean_sample.split("\n")
        if line.strip()
        for part in textwrap.wrap(line, 90)
    )
    other = parse(tight)
    assert [(p.kind, p.number) for p in other.paragraphs] == [
        (p.kind, p.number) for p in sample.paragraphs
    ]
    assert [" ".join(p.text.split()) for p in other.paragraphs] == [
        " ".join(p.text.split()) for p in sample.paragraphs
    ]
    assert [f.number for f in other.footnotes] == [f.number for f in sample.footnotes]
