"""The clitic- and OCR-tolerant phrase matcher behind themes and entities."""

from __future__ import annotations

import pytest

from qararat.themes.matcher import PhraseMatcher, fold, tokenize


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    m = PhraseMatcher()
    m.add("children", "أطفال*")
    m.add("trafficking", "الاتجار بالأشخاص|بالبشر")
    m.add("fund", "صندوق ... الاستئماني")
    m.add("goal", "الهدف #")
    m.add("slavery", "الرق")
    m.add_near("coop", ["التعاون", "الدولي"], 3)
    return m


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وبالأطفال", "اطفال"),
        ("للأطفال", "اطفال"),
        ("فالأطفال", "اطفال"),
        ("كالأطفال", "اطفال"),
        ("للرق", "الرق"),
    ],
)
def test_themes_matcher_stems_strip_proclitics(
    matcher: PhraseMatcher, word: str, stem: str
) -> None:
    assert stem in matcher.stems(fold(word))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("وللأطفالهم", "children"),
        ("الاتجار بالبشر", "trafficking"),
        ("والاتجار بالأشخاص", "trafficking"),
        ("الاتجار بالأشحاص", "trafficking"),
        ("صندوق الأمم المتحدة الاستئماني", "fund"),
        ("الهدف 16", "goal"),
        ("الهدف ١٦", "goal"),
        ("والرق", "slavery"),
        ("الدولي في مجال التعاون", "coop"),
    ],
)
def test_themes_matcher_finds(matcher: PhraseMatcher, text: str, key: str) -> None:
    assert key in {m.key for m in matcher.find(text)}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("الاتجار بالمخدرات", "trafficking"),
        ("الاتجار بالأموال", "trafficking"),
        ("صندوق للأمم المتحدة والوكالات المتخصصة الأخرى الاستئماني", "fund"),
        ("الهدف المنشود", "goal"),
        ("برق", "slavery"),
        ("التعاون الوطني الفعال مع الشركاء في المجال الدولي", "coop"),
        ("التعاون. الدولي", "coop"),
    ],
)
def test_themes_matcher_rejects(matcher: PhraseMatcher, text: str, key: str) -> None:
    assert key not in {m.key for m in matcher.find(text)}


def test_themes_matcher_fuzzy_needs_same_skeleton_and_one_letter() -> None:
    m = PhraseMatcher()
    m.add("k", "الاتجار")
    assert m.find("الانجار")  # ت -> ن: same tooth shape
    assert not m.find("الانجاز")  # two letters off
    assert not m.find("الاتحاد")  # ر -> د: not a dot confusion


def test_themes_matcher_short_terms_are_exact() -> None:
    m = PhraseMatcher()
    m.add("k", "طفل")
    assert m.find("الطفل")
    assert not m.find("الظفل")


def test_themes_matcher_match_offsets() -> None:
    m = PhraseMatcher()
    m.add("t", "الاتجار بالأشخاص")
    text = "إن مكافحة الاتجار بالأشخاص واجبة"
    (hit,) = m.find(text)
    assert text[hit.start : hit.end] == "الاتجار بالأشخاص"
    assert (hit.first_token, hit.last_token) == (2, 3)


def test_themes_matcher_rejects_bad_patterns() -> None:
    m = PhraseMatcher()
    with pytest.raises(ValueError):
        m.add("k", "... الأطفال")
    with pytest.raises(ValueError):
        m.add("k", "الأطفال ...")
    with pytest.raises(ValueError):
        m.add_near("k", ["الأطفال"], 3)


def test_themes_matcher_tokenize_splits_punctuation_and_digits() -> None:
    words = [w for _, _, w in tokenize("كوفيد-19، (A/76)")]
    assert words == ["كوفيد", "19", "A", "76"]
