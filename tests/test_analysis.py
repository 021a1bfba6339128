"""Tests for qararat.analysis: the whole pipeline from text to Resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

import qararat
from qararat.analysis import AnalyzeConfig, analyze, find_corrections


@pytest.fixture(scope="module")
def sample_resolution(sample_path: Path) -> qararat.model.Resolution:  # type: ignore[name-defined]
    return analyze(sample_path)


def test_analysis_sample_structure(sample_resolution) -> None:  # type: ignore[no-untyped-def]
    res = sample_resolution
    assert len(res.preambular) == 43
    assert len(res.operative) == 28
    assert len(res.subparagraphs) == 6
    assert res.header.body == "GA"
    assert res.header.resolution == "76/186"
    assert res.header.adopted == "2021-12-16"
    assert sorted(f.number for f in res.footnotes) == [*range(1, 16), *range(17, 23)]


def test_analysis_sample_corrections_are_spans_of_the_original(sample_resolution) -> None:  # type: ignore[no-untyped-def]
    res = sample_resolution
    assert res.corrections
    for c in res.corrections:
        assert res.original[c.start : c.end] == c.original
    for a, b in zip(res.corrections, res.corrections[1:], strict=False):
        assert a.end <= b.start
    rules = {c.rule for c in res.corrections}
    assert "bidi_reversed_number" in rules
    assert "normalize_persian_letter" in rules


def test_analysis_sample_reversed_numbers_repaired(sample_resolution) -> None:  # type: ignore[no-untyped-def]
    values = {r.value for r in sample_resolution.references}
    assert {"76/186", "64/293", "2017/18"} <= values
    assert "186/76" not in sample_resolution.text.split("\n")[9]


def test_analysis_every_paragraph_has_a_label(sample_resolution) -> None:  # type: ignore[no-untyped-def]
    for p in sample_resolution.paragraphs:
        assert p.label is not None
        if p.kind != "subparagraph":
            assert p.label != "other", p.text[:60]


def test_analysis_to_frame_keys_first(sample_resolution) -> None:  # type: ignore[no-untyped-def]
    frame = sample_resolution.to_frame()
    assert list(frame.columns[:2]) == ["doc_id", "paragraph_index"]
    assert len(frame) == len(sample_resolution.paragraphs)
    assert "dir='rtl'" in sample_resolution._repr_html_()


def test_analysis_accepts_text_and_options() -> None:
    text = (
        "إن مجلس الأمن،\n\nإذ يشير إلى قراره 2331 (2016)،\n\n"
        "1 - يطالب جميع الأطراف بوقف القتال؛\n"
    )
    res = analyze(text, correct=False)
    assert res.header.body == "SC"
    assert [p.kind for p in res.paragraphs] == ["preambular", "operative"]
    assert res.paragraphs[1].label == "demand"
    assert res.source == "<string>"


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("نص عربي بلا رأس ولا فقرات مرقمة يتحدث عن التعاون الدولي.", None),
        ("(1) القرار 70/1.\n\n(2) المرجع نفسه.\n", None),
        ("إن الجمعية العامة،\n\n1 - تحث الدول؛\n\n3 - تطلب؛\n\n3 - تقرر؛\n", "numbering"),
        ("The General Assembly,\n\n1. Urges Member States;\n", "no_arabic"),
        ("\u200f\u202bإن الجمعية العامة،\u202c\u200b\n\n1 - تحث\u200d الدول؛\n", None),
    ],
)
def test_analysis_odd_documents_warn_not_fail(text: str, warning: str | None) -> None:
    res = analyze(text)
    assert res.to_json()
    if warning:
        assert any(warning in w.kind for w in res.warnings), res.warnings


def test_analysis_config_fingerprint_changes_with_config() -> None:
    assert AnalyzeConfig().fingerprint() == AnalyzeConfig().fingerprint()
    assert AnalyzeConfig().fingerprint() != AnalyzeConfig(correct=False).fingerprint()


def test_analysis_clean_applies_only_confident_corrections(sample_text: str) -> None:
    corrections = find_corrections(sample_text, AnalyzeConfig(threshold=1.01))
    assert not any(c.applied and c.rule not in {"bidi_reversed_number"}
                   and not c.rule.startswith("normalize_") for c in corrections)


def test_analysis_lone_conjunction_is_the_correctors_suggestion() -> None:
    # scanned text: the join is weighed against "أو" and suggested, not applied
    text = "وإذ تشير إلى عمل منظمة العمل الدولية، و منظمة الصحة العالمية،"
    found = [c for c in find_corrections(text) if c.original == "و منظمة"]
    assert [(c.replacement, c.applied, c.rule) for c in found] == [("ومنظمة", False, "lexicon")]
    assert qararat.clean(text) == text
    # without OCR correction, normalisation joins it as it joins it in edited text
    assert "، ومنظمة الصحة" in qararat.clean(text, AnalyzeConfig(correct=False))
