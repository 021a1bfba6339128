"""Property-based tests (Hypothesis) for the whole pipeline: clean and analyze."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qararat.analysis import RE_FILE_NAME, analyze, clean, find_corrections

_WORDS = [
    "إن", "الجمعية", "العامة،", "وإذ", "وإن", "وإنه", "تشير", "تهيب", "تهييب", "بالدول", "الأعضاء",
    "إلى", "القرار", "186/76", "A/76/463", "⁽¹²⁾", "(3)", "تحث", "الأمين", "العام", "الاتجار",
    "بالأشخاص،", "1", "-", "**تطلب**", "(أ)", "الإنترپول", "كوفيد-19", "2021", "١٢", "مجلس",
    "الأمن،", "وقد", "نظرت", "في", "؛", "ء", "E/2018/30", "CTOC/COP/2020/10", "تموز/يوليه",
]
token_text = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from(["\n", "\n\n", " "])), max_size=80
).map(" ".join)
any_text = st.text(max_size=300)
_RE_PROTECTED = re.compile(r"[0-9٠-٩]|[A-Za-z/]+|[⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹]")


def _protected(text: str) -> list[str]:
    """Digits, Latin symbols and footnote markers, in order, ignoring reversed pairs' order."""
    return sorted(_RE_PROTECTED.findall(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_properties_analyze_never_raises_on_arbitrary_unicode(text: str) -> None:
    if not text.strip() or RE_FILE_NAME.fullmatch(text) or text == "-":
        return  # blank text is an InputError; a one-word path is read as a file; "-" is stdin
    res = analyze(text)
    assert res.to_json()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token_text)
def test_properties_clean_keeps_line_count(text: str) -> None:
    assert clean(text).count("\n") == text.count("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token_text)
def test_properties_clean_never_changes_digits_symbols_markers(text: str) -> None:
    assert _protected(clean(text)) == _protected(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(token_text)
def test_properties_corrections_never_overlap_and_match_input(text: str) -> None:
    corrections = find_corrections(text)
    for a, b in zip(corrections, corrections[1:], strict=False):
        assert a.end <= b.start
    for c in corrections:
        assert text[c.start : c.end] == c.original
        assert 0.0 <= c.confidence <= 1.0
