"""Rules from the grammar of resolutions in the preamble, as OCR leaves it: the organ line
found when damaged, the misread lead verb after "إذ/وإذ", and one reading per word however
the comma after it is written.

Examples are constructed in resolution register (not taken from the sample).
"""

from __future__ import annotations

import pytest

from qararat.model import Correction
from qararat.ocr import Corrector
from qararat.ocr.rules import organ_gender, paragraph_zones


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def _applied(corrections: list[Correction]) -> list[tuple[str, str, str]]:
    return [(c.original, c.replacement, c.rule) for c in corrections if c.applied]


@pytest.mark.parametrize(
    ("line", "gender"),
    [
        ("إن الجمعية العامة،", "feminine"),
        ("1 أن الجمعية العامة", "feminine"),  # a stray digit, hamza moved, comma lost
        ("ان مجلس الأمن ء", "masculine"),  # comma read as hamza
        ("إن مجلس حقوق الإنسان,»", "masculine"),  # a stray mark after the comma
    ],
)
def test_ocr_damaged_organ_line_opens_preamble(line: str, gender: str) -> None:
    text = f"البند 5 من جدول الأعمال\n\n{line}\n\nوإذ تشير إلى قرارها،\n\n1 - تقرر ما يلي؛\n"
    zones = [z for _, _, z in paragraph_zones(text)]
    assert zones[2] == "organ"
    assert "preamble" in zones and "operative" in zones
    assert organ_gender(text) == gender


def test_ocr_title_line_is_not_the_organ() -> None:
    text = "أن الجمعية العامة تقرر أن تعقد مؤتمرا، وتطلب إلى الأمين العام\n"
    assert set(z for _, _, z in paragraph_zones(text)) == {"head"}


@pytest.mark.parametrize(
    ("organ", "verb", "expected"),
    [
        ("إن الجمعية العامة،", "ثلاحظ", "تلاحظ"),  # ت read as ث: the feminine lead
        ("إن مجلس الأمن،", "يلاخظ", "يلاحظ"),  # ح read as خ: the masculine lead
        ("1 أن الجمعية العامة", "قشير", "تشير"),  # damaged organ line, ق for ت
    ],
)
def test_ocr_misread_preambular_lead_verb(
    corrector: Corrector, organ: str, verb: str, expected: str
) -> None:
    text = f"{organ}\n\nوإذ {verb} أن التعاون الدولي ضروري،\n\n1 - تحث الدول الأعضاء؛\n"
    assert (verb, expected, "lead_verb") in _applied(corrector.correct(text))


def test_ocr_valid_lead_after_opener_kept(corrector: Corrector) -> None:
    # "تضع" is a lead: nothing to do
    text = "إن الجمعية العامة،\n\nوإذ تضع في اعتبارها أهمية التعاون،\n\n1 - تحث الدول؛\n"
    assert _applied(corrector.correct(text)) == []


@pytest.mark.parametrize("after", ["بالتقدم المحرز", "بتقرير الأمين العام"])
def test_ocr_real_word_lead_after_opener_decided_by_next_word(
    corrector: Corrector, after: str
) -> None:
    # "ترهب" is a word, and as close to the lead "ترحب" as to "ترغب": "ترحب ب..." decides
    text = f"إن الجمعية العامة،\n\nوإذ ترهب {after}،\n\n1 - تحث الدول الأعضاء؛\n"
    assert ("ترهب", "ترحب", "lead_verb") in _applied(corrector.correct(text))


def test_ocr_tied_leads_without_context_left_alone(corrector: Corrector) -> None:
    # "في" follows both "ترغب" and "ترحب" too rarely to choose between them
    text = "إن الجمعية العامة،\n\nوإذ ترهب في تعزيز التعاون،\n\n1 - تحث الدول الأعضاء؛\n"
    assert not [c for c in corrector.correct(text) if c.original == "ترهب"]


def test_ocr_genuine_verb_after_opener_left_alone(corrector: Corrector) -> None:
    # a verb that the lead table lacks: the rule neither applies nor suggests a lead there
    text = "إن الجمعية العامة،\n\nوإذ تعمل الدول على تعزيز التعاون،\n\n1 - تحث الدول؛\n"
    assert [c for c in corrector.correct(text) if c.rule == "lead_verb"] == []


def test_ocr_lone_letter_is_not_a_misread_opener(corrector: Corrector) -> None:
    # "1 -" read as "ا" before an operative lead: not "إذ"
    text = "إن المجلس الاقتصادي والاجتماعي،\n\nوإذ يشير إلى قراراته،\n\nا يحيط علما بالتقرير؛\n"
    assert not [c for c in _applied(corrector.correct(text)) if c[1] == "إذ"]


def test_ocr_comma_and_bare_readings_pool_their_confidence(corrector: Corrector) -> None:
    # "ء" doubled: the word and the word followed by a comma are one reading of the letters
    text = "تدعو الدول الأعضاءء إلى التعاون"
    found = [c for c in corrector.correct(text) if c.original == "الأعضاءء"]
    assert found and found[0].applied
    assert found[0].replacement.rstrip("،") == "الأعضاء"


@pytest.mark.parametrize(
    ("opener", "verb", "lead"),
    [("وذ", "تؤكذ", "تؤكد"), ("وإن", "تشيز", "تشير")],
)
def test_ocr_opener_before_a_misread_lead_verb(
    corrector: Corrector, opener: str, verb: str, lead: str
) -> None:
    # both words of the clause's start misread: the verb, a non-word, is a lead verb one
    # cheap edit away, so the word before it is the opener
    text = f"إن الجمعية العامة،\n\n{opener} {verb} من جديد التزامها بالميثاق،\n\n1 - تقرر ما يلي؛\n"
    applied = _applied(corrector.correct(text))
    assert (opener, "وإذ", "clause_opener") in applied
    assert (verb, lead, "lead_verb") in applied


def test_ocr_opener_before_a_non_word_far_from_any_lead_left_alone(corrector: Corrector) -> None:
    text = "إن الجمعية العامة،\n\nوإن تكشملز من جديد التزامها بالميثاق،\n\n1 - تقرر ما يلي؛\n"
    assert not any(r == "clause_opener" for *_, r in _applied(corrector.correct(text)))
