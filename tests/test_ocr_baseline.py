"""Tests for qararat.ocr.baseline: the naive SymSpell-style corrector."""

import pytest

from qararat.ocr.baseline import SymSpellBaseline, osa_distance

WORDS = [
    ("الجمعية", 100.0),
    ("العامة", 90.0),
    ("تهيب", 5.0),
    ("تهب", 2.0),
    ("بالدول", 20.0),
    ("الدول", 50.0),
    ("تحيط", 10.0),
    ("علما", 10.0),
]


@pytest.fixture(scope="module")
def spell():
    return SymSpellBaseline(max_distance=2).fit(WORDS)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("تحيط", "تحيط", 0),
        ("تحيط", "تحبط", 1),
        ("تحيط", "تحطي", 1),  # transposition
        ("تهيب", "تهييب", 1),
        ("الجمعية", "ال", 3),  # capped at limit + 1
    ],
)
def test_ocr_baseline_osa_distance(a, b, expected):
    assert osa_distance(a, b, limit=2) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("الجمعيه", "الجمعية"),
        ("تهييب", "تهيب"),
        ("تحبط", "تحيط"),
        ("العامة", "العامة"),
        ("مستحيلكلمة", None),
    ],
)
def test_ocr_baseline_suggest(spell, word, expected):
    assert spell.suggest(word) == expected


def test_ocr_baseline_prefers_frequent_word_at_same_distance():
    spell = SymSpellBaseline(max_distance=1).fit([("قرار", 1.0), ("فرار", 9.0)])
    assert spell.suggest("ترار") == "فرار"


def test_ocr_baseline_correct_keeps_non_arabic_text(spell):
    text = "1 - تهييب بالدول (A/76/120)، الجمعيه العامة؛"
    assert spell.correct(text) == "1 - تهيب بالدول (A/76/120)، الجمعية العامة؛"


def test_ocr_baseline_corrections_are_spans_on_input(spell):
    text = "وإذ تحبط علما"
    corrections = spell.corrections(text)
    assert [(text[c.start : c.end], c.replacement) for c in corrections] == [("تحبط", "تحيط")]
    assert all(c.rule == "baseline_symspell" and c.applied for c in corrections)


def test_ocr_baseline_fit_records_build_stats(spell):
    assert spell.build_stats_.words == len(WORDS)
    assert spell.build_stats_.deletes > len(WORDS)


def test_ocr_baseline_from_wordfreq_indexes_arabic_words():
    spell = SymSpellBaseline.from_wordfreq(top_n=3000, max_distance=1)
    assert spell.build_stats_.words <= 3000
    assert spell.suggest("على") == "على"
    assert all(any("\u0621" <= ch <= "\u064a" for ch in w) for w in spell.frequencies_)
