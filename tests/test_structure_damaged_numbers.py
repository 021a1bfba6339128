"""Operative numbers as OCR damages them: a misread dash, a number split in two or behind a
stray digit, a leading digit lost where a missing paragraph has shifted the places.

Constructed documents in resolution register (not taken from the sample).
"""

from __future__ import annotations

from qararat.structure import parse

HEAD = "إن الجمعية العامة،\n\nإذ تشير إلى قراراتها السابقة،\n\nوإذ تلاحظ التقدم المحرز،\n\n"


def _ops(text: str) -> list[str | None]:
    return [p.number for p in parse(text).paragraphs if p.kind == "operative"]


def _doc(lines: list[str]) -> str:
    return HEAD + "\n\n".join(lines) + "\n"


def test_structure_misread_dash_still_numbers_the_paragraph() -> None:
    text = _doc(
        [
            "1 < ترحب بالتقدم الذي أحرزته اللجنة المخصصة؛",
            "2 - تقرر أن تعقد دورة ختامية؛",
            "3 - تطلب إلى الأمين العام أن يقدم تقريرا.",
        ]
    )
    assert _ops(text) == ["1", "2", "3"]
    first = next(p for p in parse(text).paragraphs if p.kind == "operative")
    assert first.text.startswith("ترحب")


def test_structure_stray_digit_before_number_takes_the_sequence_reading() -> None:
    text = _doc(["1 1 - تحيط علما بتقرير الأمين العام؛", "2 - تهيب بالدول الأعضاء أن تتعاون."])
    assert _ops(text) == ["1", "2"]


def test_structure_split_two_digit_number_joined() -> None:
    lines = [f"{n} - تحث الدول على التعاون؛" for n in range(1, 11)]
    lines.append("1 1 - تقرر أن تبقي المسألة قيد نظرها.")
    assert _ops(_doc(lines))[-1] == "11"


def test_structure_lost_leading_digit_after_a_lost_paragraph() -> None:
    # operative 1 is lost (joined to the preamble by OCR), so places are shifted by one;
    # "0" after 9 and "1" after it are still 10 and 11 by sequence
    lines = [f"{n} - تحث الدول على التعاون؛" for n in range(2, 10)]
    lines += ["0 - تطلب إلى الأمين العام أن يقدم تقريرا؛", "1 - تقرر أن تبقي المسألة قيد نظرها."]
    numbers = _ops(_doc(lines))
    assert numbers[-2:] == ["10", "11"]
    warnings = [w.kind for w in parse(_doc(lines)).warnings]
    assert "numbering_repaired" in warnings
