"""Scanner noise: stretches of stray letters deleted, lists and labels left alone.

Examples are constructed (stamps and rules read as letters look like this in Tesseract output).
"""

from __future__ import annotations

import pytest

from qararat.model import Correction
from qararat.ocr import Corrector
from qararat.spans import apply_corrections


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def _applied(corrections: list[Correction]) -> list[Correction]:
    return [c for c in corrections if c.applied]


@pytest.mark.parametrize(
    ("noisy", "expected"),
    [
        ("الجلسة 58 ا 2 ل ا 1 0 ا ا د ل 1 ل ا", "الجلسة 58"),
        ("ا ل ل ا 0 ا د ل ا ر\nإن الجمعية العامة،", "\nإن الجمعية العامة،"),
        ("إن مجلس الأمن، ل ل ا ا ا ا ل 0 ك ل ا ا", "إن مجلس الأمن،"),
        ("تقرر ا ل د ا ل ا أن تبقي المسألة قيد نظرها", "تقرر أن تبقي المسألة قيد نظرها"),
        ("ا ل اللستفة ل ل د ا بوسحم ل ا ا\nنص", "\nنص"),
    ],
)
def test_ocr_noise_stretch_deleted(corrector: Corrector, noisy: str, expected: str) -> None:
    found = [c for c in _applied(corrector.correct(noisy)) if c.rule == "noise"]
    assert len(found) == 1
    c = found[0]
    assert c.replacement == ""
    assert c.confusion == "noise"
    assert noisy[c.start : c.end] == c.original
    assert apply_corrections(noisy, _applied(corrector.correct(noisy)))[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "(9) القرارات 55/67 و 58/137 و 59/166 و 61/144 و 63/156 و 63/194.",
        "(أ) التصديق على الاتفاقية؛ (ب) تنفيذ أحكامها؛ (ج) تقديم التقارير؛ (د) التعاون",
        "أ) التصديق؛ ب) التنفيذ؛ ج) الإبلاغ؛ د) المتابعة",
        "وإذ تشير إلى المواد 2 و 3 و 4 و 5 و 6 من الاتفاقية",
        "الفقرات من أ إلى هـ من القرار",
    ],
)
def test_ocr_noise_lists_and_labels_kept(corrector: Corrector, text: str) -> None:
    assert not [c for c in corrector.correct(text) if c.rule == "noise"]


def test_ocr_noise_deletion_can_be_switched_off(corrector: Corrector) -> None:
    text = "الجلسة 58 ا 2 ل ا 1 0 ا ا د ل 1 ل ا"
    quiet = corrector.with_config(delete_noise=False)
    assert not [c for c in quiet.correct(text) if c.rule == "noise"]


def test_ocr_noise_keeps_line_count(corrector: Corrector) -> None:
    text = "سطر أول\nا ل ا ا د ل ا ل\nسطر ثالث\n"
    fixed = apply_corrections(text, _applied(corrector.correct(text)))[0]
    assert fixed.count("\n") == text.count("\n")
    assert "سطر أول" in fixed and "سطر ثالث" in fixed


@pytest.mark.parametrize(
    ("noisy", "expected"),
    [
        ("إن الجمعية العامة,", "إن الجمعية العامة،"),
        ("(A/77/443/Add.4, الفقرة 14)", "(A/77/443/Add.4، الفقرة 14)"),
        ("لعام 2030⁽¹⁾,\nوإذ تشير", "لعام 2030⁽¹⁾،\nوإذ تشير"),
        ("نحو 2,2 بليون شخص, ولأن", "نحو 2,2 بليون شخص، ولأن"),  # a decimal comma stays
        ("(4) United Nations, Treaty Series, vol. 1771, No. 30822.", None),  # a Latin line
    ],
)
def test_ocr_latin_comma_in_arabic_line(
    corrector: Corrector, noisy: str, expected: str | None
) -> None:
    fixed = apply_corrections(noisy, _applied(corrector.correct(noisy)))[0]
    assert fixed == (noisy if expected is None else expected)
    for c in corrector.correct(noisy):
        if c.rule == "punctuation":
            assert (c.original, c.replacement, c.end - c.start) == (",", "،", 1)
