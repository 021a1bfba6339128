"""Property-based tests (Hypothesis) for normalisation and offset maps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qararat.normalize import arabic_words, normalization_corrections, normalize, normalize_with_map
from qararat.spans import apply_corrections

# Arabic letters, diacritics, tatweel, Persian look-alikes, presentation forms, digits, Latin,
# punctuation, bidi controls and odd spaces: what OCR output is made of.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0640"
    "پچژکگیہ"
    "\ufefb\ufe8d\ufe91"
    "0123456789٠١٢٣٤٥٦٧٨٩"
    "A/RES "
    "،؛؟.:()-*"
    "\u200f\u200e\u202b\u202c\u200b\u00a0\t\n"
)
arabic_text = st.text(alphabet=_ALPHABET, max_size=200)


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_properties_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_properties_normalize_keeps_line_count(text: str) -> None:
    assert normalize(text).count("\n") == text.replace("\r\n", "\n").count("\n")


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_properties_offset_map_sends_words_back(text: str) -> None:
    out, back = normalize_with_map(text)
    for start, end, word in arabic_words(out):
        s, e = back.span_to_source(start, end)
        assert 0 <= s <= e <= len(text)
        assert normalize(text[s:e]).strip() == word


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_properties_normalization_corrections_are_spans_of_the_input(text: str) -> None:
    corrections = normalization_corrections(text)
    last_end = -1
    for c in corrections:
        assert text[c.start : c.end] == c.original
        assert c.start >= last_end  # sorted, no overlaps
        last_end = c.end
    cleaned = apply_corrections(text, corrections)[0]
    assert cleaned.count("\n") == text.count("\n")
    assert [ch for ch in cleaned if ch.isdigit()] == [ch for ch in text if ch.isdigit()]
