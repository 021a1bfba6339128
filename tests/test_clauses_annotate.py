"""annotate(): every paragraph of a Resolution gets its clause fields; the OCR sample."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qararat.clauses import ClauseConfig, annotate, organ_is_masculine
from qararat.model import Header, Paragraph, Resolution

EXPECTED = Path(__file__).parent / "data" / "clauses_sample_A_RES_76_186.tsv"
NO_MODEL = ClauseConfig(use_model=False)


def _resolution(body: str | None, texts: list[tuple[str, str]]) -> Resolution:
    paragraphs = [
        Paragraph(index=i, kind=kind, text=text, number=str(i) if kind == "operative" else None)  # type: ignore[arg-type]
        for i, (kind, text) in enumerate(texts)
    ]
    return Resolution(doc_id="t", source="<test>", header=Header(body=body), paragraphs=paragraphs)


@pytest.mark.parametrize(
    ("body", "masculine"),
    [("GA", False), ("SC", True), ("HRC", True), ("ECOSOC", True), (None, None)],
)
def test_clauses_organ_gender(body: str | None, masculine: bool | None) -> None:
    assert organ_is_masculine(_resolution(body, [])) is masculine


def test_clauses_annotate_fills_every_paragraph() -> None:
    res = _resolution(
        "SC",
        [
            ("preambular", "إذ يشير إلى قراراته السابقة، وإذ يؤكد من جديد التزامه"),
            ("preambular", "وإذ يساوره بالغ القلق إزاء الحالة"),
            (
                "operative",
                "يطالب جميع الأطراف بأن توقف فورا الهجمات، ويطلب إلى الأمين العام أن يقدم",
            ),
            ("subparagraph", "(أ) تعزيز التعاون بين الدول"),
            ("operative", "يقرر أن يبقي المسألة قيد نظره الفعلي."),
        ],
    )
    annotate(res, config=NO_MODEL)
    got = [
        (p.lead, p.label, p.label_source, p.modifiers, p.secondary_labels, p.addressees)
        for p in res.paragraphs
    ]
    assert got == [
        ("يشير", "recall", "rules", [], ["reaffirm"], []),
        ("يساوره بالغ القلق", "concerned", "rules", ["deeply"], [], []),
        ("يطالب", "demand", "rules", [], ["request"], ["all parties", "Secretary-General"]),
        (None, "other", "rules", [], [], []),
        ("يقرر", "decide", "rules", [], [], []),
    ]


def test_clauses_annotate_model_fills_gaps_above_threshold() -> None:
    # Heavily damaged lead: neither rules nor the fuzzy matcher decide; the model may.
    res = _resolution("GA", [("operative", "تتطلب إالى الأمين العام أن يقدم تقريرا")])
    annotate(res, config=ClauseConfig(threshold=0.0))
    p = res.paragraphs[0]
    assert p.label_source in ("fuzzy", "model")
    assert p.label == "request"
    annotate(res, config=ClauseConfig(threshold=1.01))
    assert res.paragraphs[0].label_source != "model"


def _expected() -> list[dict[str, str]]:
    with EXPECTED.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def sample_annotated(sample_text: str) -> Resolution:
    from qararat.structure import parse

    return annotate(parse(sample_text, doc_id="A_RES_76_186", source="sample"), config=NO_MODEL)


def _split(v: str) -> list[str]:
    return [x for x in v.split(",") if x]


def test_clauses_sample_labels(sample_annotated: Resolution) -> None:
    expected = _expected()
    assert len(sample_annotated.paragraphs) == len(expected)
    for p, e in zip(sample_annotated.paragraphs, expected, strict=True):
        assert (p.kind, p.label) == (e["kind"], e["label"]), p.text[:60]


def test_clauses_sample_modifiers_secondary_addressees(sample_annotated: Resolution) -> None:
    for p, e in zip(sample_annotated.paragraphs, _expected(), strict=True):
        assert p.modifiers == _split(e["modifiers"]), p.text[:60]
        assert p.secondary_labels == _split(e["secondary_labels"]), p.text[:60]
        assert p.addressees == _split(e["addressees"]), p.text[:60]


@pytest.mark.parametrize(
    ("number", "label", "source"),
    [("10", "encourage", "fuzzy"), ("16", "call_upon", "fuzzy"), ("19", "call_upon", "fuzzy")],
)
def test_clauses_sample_ocr_damaged_operatives(
    sample_annotated: Resolution, number: str, label: str, source: str
) -> None:
    p = next(p for p in sample_annotated.operative if p.number == number)
    assert (p.label, p.label_source) == (label, source)


@pytest.mark.parametrize("text", ["", "   ", "؛،.", "(أ)", "1 -", "وإذ", "وقد", "- 16 - ****"])
def test_clauses_degenerate_paragraphs_are_other(text: str) -> None:
    res = annotate(_resolution("GA", [("operative", text)]), config=NO_MODEL)
    p = res.paragraphs[0]
    assert (p.label, p.lead, p.secondary_labels, p.addressees) == ("other", None, [], [])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("تحثيطلبإذوقدعلماالدولأعضء ،؛()-1")), max_size=60))
def test_clauses_annotate_never_raises(text: str) -> None:
    res = annotate(_resolution("SC", [("preambular", text), ("operative", text)]), config=NO_MODEL)
    for p in res.paragraphs:
        assert p.label is not None and p.label_source in ("rules", "fuzzy")
        if p.lead is not None:
            assert p.lead in text
