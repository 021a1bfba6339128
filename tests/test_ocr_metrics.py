"""Tests for qararat.ocr.metrics: alignment, WER/CER, confusion classes, correction scores."""

import pytest

from qararat.ocr.metrics import (
    CorrectionCounts,
    align,
    cer,
    classify_edit,
    edit_distance,
    error_units,
    letters_only,
    load_confusion_classes,
    score_correction,
    tokenize,
    wer,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الجمعيةُ العامة، 2021", "الجمعية العامة"),
        ("تـحـيط علماً بالتقرير (A/76/120).", "تحيط علما بالتقرير"),
        ("1 - **تحث** الدول؛", "تحث الدول"),
    ],
)
def test_ocr_metrics_letters_only_keeps_arabic_letters(text, expected):
    assert letters_only(text) == expected


@pytest.mark.parametrize(
    ("gold", "hyp", "expected"),
    [
        ("إن الجمعية العامة", "إن الجمعية العامة", 0.0),
        ("وإذ تحيط علما بالتقرير", "وإذ تحبط علما بالتقرير", 0.25),
        ("وإذ تحيط علما بالتقرير", "وإذ تحيط بالتقرير", 0.25),
        ("تهيب بالدول", "تهيب ب الدول", 1.0),
    ],
)
def test_ocr_metrics_wer_letters_only(gold, hyp, expected):
    assert wer(gold, hyp) == pytest.approx(expected)


def test_ocr_metrics_wer_all_chars_counts_punctuation():
    gold, hyp = "الإقليمية، بما", "الإقليمية, بما"
    assert wer(gold, hyp) == 0.0
    assert wer(gold, hyp, letters=False) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("gold", "hyp", "expected"),
    [("تهيب", "تهييب", 0.25), ("تهيب", "تهيب", 0.0), ("على", "علي", 1 / 3)],
)
def test_ocr_metrics_cer_letters_only(gold, hyp, expected):
    assert cer(gold, hyp) == pytest.approx(expected)


def test_ocr_metrics_align_blocks_cover_both_sequences():
    ref = "وإذ تشير إلى القرار".split()
    hyp = "وإن تشير الى القرار المؤرخ".split()
    blocks = align(ref, hyp)
    assert [b.tag for b in blocks] == ["replace", "equal", "replace", "equal", "insert"]
    assert blocks[0].i1 == 0 and blocks[-1].j2 == len(hyp)


def test_ocr_metrics_long_alignment_matches_exact_distance():
    words = [f"كلمة{i % 7}" for i in range(800)]
    noisy = list(words)
    for i in range(0, 800, 37):
        noisy[i] = "خطأ"
    del noisy[400]
    assert edit_distance(words, noisy) == len(range(0, 800, 37)) + 1


@pytest.mark.parametrize(
    ("gold", "noisy", "expected"),
    [
        ("تحيط", "تحبط", "dots"),
        ("الخرطوم", "الحرطوم", "dots"),
        ("إذ", "اذ", "hamza"),
        ("مساءلة", "مسالة", "hamza"),
        ("على", "علي", "alef_maqsura"),
        ("الجمعية", "الجمعيه", "ta_marbuta"),
        ("تهيب", "تهييب", "insert_delete"),
        ("الأمم", "الأ مم", "split_merge"),
        ("وإذ", "وإن", "other"),
        ("إدانتها", "إرثاتها", "other"),
    ],
)
def test_ocr_metrics_classify_edit(gold, noisy, expected):
    assert classify_edit(gold, noisy) == expected


def test_ocr_metrics_confusion_classes_file_lists_every_named_class():
    spec = load_confusion_classes()
    assert set(spec["order"]) == set(spec["classes"])
    assert {"dots", "hamza", "alef_maqsura", "ta_marbuta"} <= set(spec["classes"])


def test_ocr_metrics_error_units_report_line_and_class():
    gold = "إن الجمعية العامة،\n\nوإذ تحيط علما بالتقرير،"
    noisy = "إن الجمعيه العامة،\n\nوإن تحيط علما بالتقرير،"
    units = error_units(gold, noisy)
    assert [(u.gold, u.noisy, u.confusion, u.line) for u in units] == [
        ("الجمعية", "الجمعيه", "ta_marbuta", 0),
        ("وإذ", "وإن", "other", 2),
    ]


def test_ocr_metrics_score_correction_counts_fixed_and_precision():
    gold = "وإذ تحيط علما بتقرير الأمين العام"
    noisy = "وإن تحبط علما بتقرير الأمين العام"
    corrected = "وإن تحيط علما بتقرير الأمين العام"
    counts = score_correction(gold, noisy, corrected)
    assert counts.words == 6
    assert counts.fixed == 1 and counts.broken == 0
    assert counts.changes == 1 and counts.edit_precision == 1.0
    assert counts.class_errors == {"other": 1, "dots": 1}
    assert counts.class_fixed == {"dots": 1}
    assert counts.wer_reduction == pytest.approx(0.5)


def test_ocr_metrics_score_correction_counts_broken_words():
    gold = "تطلب إلى الأمين العام"
    noisy = "تطلب إلى الأمين العام"
    corrected = "تطلب الى الأمين العام"
    counts = score_correction(gold, noisy, corrected)
    assert counts.broken == 1 and counts.fixed == 0
    assert counts.edit_precision == 0.0
    assert counts.broken_per_5000 == pytest.approx(1250.0)


def test_ocr_metrics_counts_add_up_over_documents():
    a = score_correction("تهيب بالدول", "تهييب بالدول", "تهيب بالدول")
    b = score_correction("تحث الدول", "تحث الدول", "تحث الدول")
    total = a + b
    assert total.words == 4 and total.fixed == 1
    assert total.wer_before.rate == pytest.approx(0.25)
    assert isinstance(total, CorrectionCounts)
    assert total.to_dict()["class_recall"]["insert_delete"] == 1.0


def test_ocr_metrics_unequal_line_counts_fall_back_to_whole_text():
    gold = "إن الجمعية\nالعامة"
    noisy = "إن الجمعيه العامة"
    assert wer(gold, noisy) == pytest.approx(1 / 3)
    assert tokenize(gold) == ["إن", "الجمعية", "العامة"]


@pytest.mark.parametrize("seed", range(6))
def test_ocr_metrics_banded_distance_matches_full_dynamic_programming(seed):
    import random

    from qararat.ocr.metrics import _distance

    rng = random.Random(seed)
    letters = "ابتثجحخدذرزس "
    gold = "".join(rng.choice(letters) for _ in range(300))
    noisy = list(gold)
    for _ in range(rng.randint(0, 60)):
        position = rng.randrange(len(noisy))
        action = rng.choice("sid")
        if action == "s":
            noisy[position] = rng.choice(letters)
        elif action == "i":
            noisy.insert(position, rng.choice(letters))
        elif len(noisy) > 1:
            del noisy[position]
    noisy_text = "".join(noisy)
    expected = _distance(gold, noisy_text)
    assert edit_distance(gold, noisy_text) == expected
    blocks = align(list(gold), list(noisy_text))
    assert sum(b.tag != "equal" for b in blocks) <= expected
