"""Tests for qararat.normalize."""

from __future__ import annotations

import pytest

import qararat
from qararat.normalize import (
    arabic_words,
    fold_presentation_forms,
    join_split_conjunction,
    match_key,
    normalization_corrections,
    normalize,
    normalize_whitespace,
    normalize_with_map,
    replace_persian_letters,
    strip_bidi_controls,
    strip_diacritics,
    strip_tatweel,
    to_ascii_digits,
)
from qararat.spans import apply_corrections


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ﻻ", "لا"), ("ﺍﻟﺴﻼﻡ", "السلام"), ("ﺑ", "ب"), ("abc", "abc")],
)
def test_normalize_presentation_forms_fold(text: str, expected: str) -> None:
    assert fold_presentation_forms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الإنترپول", "الإنتربول"),
        ("فی", "في"),
        ("کتاب", "كتاب"),
        ("پ", "پ"),  # a lone Persian letter is not inside an Arabic word
    ],
)
def test_normalize_persian_letters_inside_arabic_words(text: str, expected: str) -> None:
    assert replace_persian_letters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("٧٦/١٨٦", "76/186"), ("۲۰۲۱", "2021"), ("2021", "2021")],
)
def test_normalize_digits_to_ascii(text: str, expected: str) -> None:
    assert to_ascii_digits(text) == expected


def test_normalize_digits_optional() -> None:
    assert normalize("١٢") == "١٢"
    assert normalize("١٢", digits=True) == "12"


@pytest.mark.parametrize(("text", "expected"), [("كـــتاب", "كتاب"), ("تسلّم", "تسلّم")])
def test_normalize_strip_tatweel(text: str, expected: str) -> None:
    assert strip_tatweel(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("تسلّم", "تسلم"), ("يُرَوَّج", "يروج")])
def test_normalize_strip_diacritics(text: str, expected: str) -> None:
    assert strip_diacritics(text) == expected


def test_normalize_diacritics_optional() -> None:
    assert normalize("تسلّم") == "تسلّم"
    assert normalize("تسلّم", diacritics=True) == "تسلم"


def test_normalize_strip_bidi_controls() -> None:
    assert strip_bidi_controls("\u200fالقرار\u202b 76/186\u202c\u200b") == "القرار 76/186"


def test_normalize_whitespace_keeps_lines() -> None:
    text = "أ\u00a0 ب  \nج\t\tد \n\n"
    out = normalize_whitespace(text)
    assert out == "أ ب\nج د\n\n"
    assert out.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("و منظمة الطيران", "ومنظمة الطيران"),
        ("الأعضاء، و منظمة", "الأعضاء، ومنظمة"),
        ("و 2020", "و 2020"),  # UN style before numbers
        ("(و) تعزيز", "(و) تعزيز"),  # sub-paragraph label
    ],
)
def test_normalize_join_split_conjunction(text: str, expected: str) -> None:
    assert join_split_conjunction(text) == expected


@pytest.mark.parametrize("punct", ["،", "؛", "؟"])
def test_normalize_keeps_arabic_punctuation(punct: str) -> None:
    assert normalize(f"كلمة{punct} كلمة") == f"كلمة{punct} كلمة"


@pytest.mark.parametrize(
    ("word", "key"),
    [("الأمم", "الامم"), ("إلى", "الي"), ("المتحدة", "المتحده"), ("مسؤولية", "مسووليه"),
     ("تسلّم", "تسلم"), ("هيئة", "هييه")],
)
def test_normalize_match_key_folds(word: str, key: str) -> None:
    assert match_key(word) == key


def test_normalize_never_folds_in_clean_text() -> None:
    text = "إلى الأمم المتحدة مسؤولية"
    assert normalize(text) == text


def test_normalize_offset_map_points_back() -> None:
    text = "الإنترپول و منظمة\u200f كـتاب"
    out, back = normalize_with_map(text)
    i = out.index("كتاب")
    s, e = back.span_to_source(i, i + len("كتاب"))
    assert text[s:e] == "كـتاب"


def test_normalize_corrections_rebuild_normalized_text() -> None:
    text = "الإنترپول و منظمة\u200f كـتاب ﻻ"
    corrections = normalization_corrections(text)
    assert {c.rule for c in corrections} == {
        "normalize_persian_letter",
        "normalize_split_conjunction",
        "normalize_invisible",
        "normalize_tatweel",
        "normalize_presentation_form",
    }
    assert apply_corrections(text, corrections)[0] == "الإنتربول ومنظمة كتاب لا"
    for c in corrections:
        assert text[c.start : c.end] == c.original


def test_normalize_is_idempotent_on_sample(sample_text: str) -> None:
    once = normalize(sample_text)
    assert normalize(once) == once


def test_normalize_package_is_callable() -> None:
    assert qararat.normalize("كـتاب") == "كتاب"


def test_normalize_arabic_words_offsets() -> None:
    text = "تسلّم بأن A/76/463 الدول"
    words = arabic_words(text)
    assert [w for _, _, w in words] == ["تسلّم", "بأن", "الدول"]
    assert all(text[s:e] == w for s, e, w in words)


def test_normalize_diacritics_match_camel_tools() -> None:
    from camel_tools.utils.charsets import AR_DIAC_CHARSET as camel_set

    from qararat.normalize.steps import AR_DIAC_CHARSET

    assert AR_DIAC_CHARSET == frozenset(camel_set)
