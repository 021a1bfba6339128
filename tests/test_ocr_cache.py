"""The document cache of the OCR ranking: a resolution's own vocabulary as evidence.

Examples are constructed sentences in resolution register (not taken from the sample).
"""

from __future__ import annotations

import pytest

from qararat.model import Correction
from qararat.ocr import Corrector


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


@pytest.fixture(scope="module")
def no_cache(corrector: Corrector) -> Corrector:
    return corrector.with_config(cache_lambda=0.0)


def _on(corrections: list[Correction], original: str) -> list[Correction]:
    return [c for c in corrections if c.original == original]


# (OCR error, the form the document writes elsewhere, the best candidate without that evidence)
CLOSE_CALLS = [
    ("المحاكن", "المحاكم", "المحاكي"),
    ("الآليت", "الآليات", "الآلية"),
    ("معدلت", "معدلات", "معدلة"),
    ("الأجيل", "الأجيال", "الأجل"),
]


@pytest.mark.parametrize(("error", "written", "rival"), CLOSE_CALLS)
def test_ocr_cache_prefers_form_written_in_document(
    corrector: Corrector, no_cache: Corrector, error: str, written: str, rival: str
) -> None:
    alone = _on(corrector.correct(error), error)
    assert alone and alone[0].replacement == rival  # without evidence the rival wins
    assert written in alone[0].alternatives
    doc = f"تؤكد أهمية {written} في هذا المجال.\n{error}"
    with_form = _on(corrector.correct(doc), error)
    assert len(with_form) == 1
    assert with_form[0].replacement == written
    # the cache, not the context, decides: switched off, the same document keeps the rival
    # (ranked by the raw posterior: calibrated, so unsure a suggestion may not be reported)
    without = _on(no_cache.with_config(calibrate=False).correct(doc), error)
    assert without and without[0].replacement == rival


@pytest.mark.parametrize("error", [error for error, _, _ in CLOSE_CALLS])
def test_ocr_cache_repeated_error_is_no_evidence(
    corrector: Corrector, no_cache: Corrector, error: str
) -> None:
    # written three times, the misreading itself never raises its own candidates
    doc = f"تؤكد أهمية {error} في هذا المجال.\nوتشير إلى {error} مرة أخرى.\n{error}"
    on = _on(corrector.correct(doc), error)
    off = _on(no_cache.correct(doc), error)
    assert len(on) == 3
    assert [(c.replacement, c.confidence) for c in on] == [
        (c.replacement, c.confidence) for c in off
    ]


@pytest.mark.parametrize(
    "doc",
    [
        "تدعو إلى توزيع لقاحات آمنة وفعالة.\nوتشير إلى الوصول العادل للقاحات.",
        "وإذ تؤكد أن الدولة تحمي حقوق الإنسان.\nوتحمى حقوق المهاجرين بموجب القانون.",
    ],
)
def test_ocr_cache_never_rewrites_valid_word(
    corrector: Corrector, no_cache: Corrector, doc: str
) -> None:
    assert corrector.correct(doc) == no_cache.correct(doc)


@pytest.mark.parametrize(
    ("doc", "form", "positive"),
    [
        ("تؤكد أهمية القانون الدولي.", "القانون", True),
        ("تؤكد أهمية القانون الدولي.", "الفنون", False),  # not written in the document
        ("القنون القنون القنون القنون", "القنون", False),  # a non-word never votes
    ],
)
def test_ocr_cache_bonus_bounded(corrector: Corrector, doc: str, form: str, positive: bool) -> None:
    tokens = corrector._tokens(doc)
    cache = corrector._document_cache(tokens, set())
    assert cache is not None
    bonus = corrector._cache_bonus(form, cache)
    assert 0.0 <= bonus <= corrector.config.cache_cap
    assert (bonus > 0.0) is positive


def test_ocr_cache_noise_words_do_not_vote(corrector: Corrector) -> None:
    doc = "تؤكد أهمية القانون الدولي."
    tokens = corrector._tokens(doc)
    cache = corrector._document_cache(tokens, {t.start for t in tokens if t.word == "القانون"})
    assert cache is not None
    assert corrector._cache_bonus("القانون", cache) == 0.0


def test_ocr_cache_switched_off(no_cache: Corrector) -> None:
    tokens = no_cache._tokens("تؤكد أهمية القانون الدولي.")
    assert no_cache._document_cache(tokens, set()) is None


def test_ocr_cache_rare_clitic_form_takes_documents_spelling(corrector: Corrector) -> None:
    # "وبتكنلوجيا" is valid only as clitics + a rare web spelling; the document writes the
    # common spelling elsewhere, and that is evidence for it
    doc = (
        "تشيد بجهود الاتحاد الأفريقي وبتكنولوجيا المعلومات والاتصالات.\n"
        "وتدعو إلى الاستثمار وبتكنلوجيا المعلومات في أقل البلدان نموا."
    )
    on = _on(corrector.correct(doc), "وبتكنلوجيا")
    assert len(on) == 1 and on[0].replacement == "وبتكنولوجيا" and on[0].applied
    off = _on(corrector.with_config(cache_valid_logratio=0.0).correct(doc), "وبتكنلوجيا")
    assert off and not off[0].applied  # only a suggestion without the document's evidence


@pytest.mark.parametrize(
    ("a", "b", "number"),
    [
        ("ولاداتهم", "ولادتهم", True),  # plural / singular before a pronoun suffix
        ("قراريه", "قراره", True),  # dual construct / singular
        ("دورتاها", "دورتها", True),
        ("وبروتوكول", "وبرتوكول", False),  # a letter lost inside the stem
    ],
)
def test_ocr_cache_number_alternation(corrector: Corrector, a: str, b: str, number: bool) -> None:
    assert corrector._number_alternation(a, b) is number
    assert corrector._number_alternation(b, a) is number


def test_ocr_cache_never_changes_a_nouns_number(corrector: Corrector) -> None:
    # the document writes the singular twice; a plural elsewhere is grammar, not OCR
    doc = (
        "تدعو إلى تسجيل الأطفال فور ولادتهم مجانا.\n"
        "وتؤكد أهمية تسجيل ولادتهم في الوقت المناسب.\n"
        "وتلاحظ أن ملايين الأطفال لم تسجل ولاداتهم بعد."
    )
    assert not _on(corrector.correct(doc), "ولاداتهم")
