"""Hardening: property-based tests (Hypothesis) beyond ``test_properties_*.py``.

Those cover normalisation on an OCR alphabet and the pipeline on a small word list. Here the
same promises are checked on harder input (arbitrary Unicode, Persian digits, every line-break
character, long runs of invisible characters), plus: corrections are idempotent, every
character of a normalised or cleaned text maps back to the original text it came from, lone
surrogates are a clear error, and the speed rewrites (linear overlap filter of
``normalization_corrections``, memoised weighted edit distance) give exactly the results of the
straightforward versions.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qararat.analysis import analyze, clean, find_corrections
from qararat.clauses.distance import Costs, default_costs, weighted_distance
from qararat.io import InputError, read_text
from qararat.model import Correction
from qararat.normalize import normalization_corrections, normalize, normalize_with_map
from qararat.normalize.steps import CLEANING_STEPS
from qararat.spans import apply_corrections

# What OCR output and pasted documents are made of, plus the characters that break naive code:
# Persian digits and letters, presentation forms, every line break str.splitlines knows, bidi
# controls, zero-width characters, BOMs, NBSP, superscript footnote markers, Latin symbols.
_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة"
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "پچژکگیہ۰۱۲۳۴۵۶۷۸۹"
    "\ufefb\ufe8d\ufe91\ufeea"
    "0123456789٠١٢٣٤٥٦٧٨٩⁽⁾¹²³"
    "ARESaz/-"
    "،؛؟.:()*«» "
    "\u200f\u200e\u202b\u202c\u202e\u2066\u2069\u200b\u200c\u200d\ufeff\u00a0\t"
    "\n\r\x0b\x0c\x1c\x85\u2028\u2029"
)
ocr_text = st.text(alphabet=_ALPHABET, max_size=250)
# Arbitrary Unicode scalar values (every category but lone surrogates, which are not text).
wild_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
_SLOW = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
_RE_PROTECTED = re.compile(r"[0-9٠-٩۰-۹]|[A-Za-z/]+|[⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹]")


def _protected(text: str) -> list[str]:
    # Sorted: the repair of reversed number pairs ("186/76" → "76/186") may reorder them.
    # Invisible format characters (bidi controls, zero-width) are not part of what a reader
    # sees: "A\u202bA" reads "AA", and cleaning, which deletes the control, keeps that.
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return sorted(_RE_PROTECTED.findall(visible))


def _lines(text: str) -> int:
    """Lines as Python's universal newlines count them (\\n, \\r\\n and \\r end a line)."""
    return len(re.split("\r\n|\r|\n", text))


def _applied(corrections: list[Correction]) -> list[Correction]:
    return [c for c in corrections if c.applied]


# -- normalisation ---------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(ocr_text)
@example("و\u00a0ء")  # a conjunction split by a no-break space is joined in one pass
@example("و \u200bب")  # ... or by a space and a zero-width character
@example("و \ufe91ب")  # ... or before a presentation form
def test_hardening_properties_normalization_corrections_idempotent(text: str) -> None:
    once = apply_corrections(text, normalization_corrections(text))[0]
    assert _applied(normalization_corrections(once)) == []


@settings(max_examples=200, deadline=None)
@given(ocr_text, st.booleans(), st.booleans())
def test_hardening_properties_normalize_idempotent_with_options(
    text: str, digits: bool, diacritics: bool
) -> None:
    once = normalize(text, digits=digits, diacritics=diacritics)
    assert normalize(once, digits=digits, diacritics=diacritics) == once


_RE_SPACE = re.compile(r"\s")


def _word_around(text: str, s: int, e: int) -> str:
    """The run of non-space characters containing ``text[s:e]`` (the context of a step)."""
    a = s
    while a > 0 and not _RE_SPACE.match(text[a - 1]):
        a -= 1
    b = e
    while b < len(text) and not _RE_SPACE.match(text[b]):
        b += 1
    return text[a:b]


@settings(max_examples=300, deadline=None)
@given(ocr_text)
def test_hardening_properties_normalize_map_every_character(text: str) -> None:
    """Each output character is copied from where it maps, or comes from a non-empty source
    span whose word, normalised, contains it."""
    out, back = normalize_with_map(text)
    for i, ch in enumerate(out):
        s, e = back.span_to_source(i, i + 1)
        assert 0 <= s <= e <= len(text)
        if e - s == 1 and text[s] == ch:
            continue  # copied unchanged
        assert s < e, f"{ch!r} at {i} maps to nothing"
        assert ch.isspace() or ch in normalize(_word_around(text, s, e)), (ch, text[s:e])


def _reference_normalization_corrections(text: str) -> list[Correction]:
    """The quadratic overlap filter the linear one replaced (kept here as the oracle)."""
    found = []
    for name, step in CLEANING_STEPS.items():
        for e in step(text):
            found.append(
                Correction(e.start, e.end, text[e.start : e.end], e.replacement,
                           f"normalize_{name}", 1.0)
            )
    out, taken = [], []
    for c in found:
        if any(c.start < e and s < c.end or (c.start == c.end == s) for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    return sorted(out, key=lambda c: (c.start, c.end))


@settings(max_examples=400, deadline=None)
@given(ocr_text)
def test_hardening_properties_normalization_corrections_match_reference(text: str) -> None:
    assert normalization_corrections(text) == _reference_normalization_corrections(text)


# -- the whole pipeline ----------------------------------------------------------------------


@settings(max_examples=80, **_SLOW)
@given(ocr_text)
def test_hardening_properties_cleaned_text_maps_back(text: str) -> None:
    """Unchanged stretches of the cleaned text are the original's; each replacement maps back
    to its correction's span (plus, at most, characters deleted right next to it: a deletion
    has no width in the cleaned text, so either side may claim it)."""
    corrections = _applied(find_corrections(text))
    cleaned, back = apply_corrections(text, corrections)
    deleted = {i for c in corrections if not c.replacement for i in range(c.start, c.end)}

    def maps_to(new_start: int, new_end: int, old_start: int, old_end: int) -> None:
        s, e = back.span_to_source(new_start, new_end)
        assert s <= old_start and e >= old_end, (s, e, old_start, old_end)
        assert set(range(s, old_start)) | set(range(old_end, e)) <= deleted

    delta, pos_new, pos_old = 0, 0, 0
    for c in sorted(corrections, key=lambda c: (c.start, c.end)):
        new_start = c.start + delta
        # the stretch before this correction is copied unchanged
        assert cleaned[pos_new:new_start] == text[pos_old : c.start]
        if pos_new < new_start:
            maps_to(pos_new, new_start, pos_old, c.start)
        new_end = new_start + len(c.replacement)
        assert cleaned[new_start:new_end] == c.replacement
        if c.replacement:
            maps_to(new_start, new_end, c.start, c.end)
        delta += len(c.replacement) - (c.end - c.start)
        pos_new, pos_old = new_end, c.end
    assert cleaned[pos_new:] == text[pos_old:]


@settings(max_examples=60, **_SLOW)
@given(ocr_text)
@example("ء\rء")  # a hamza-comma across a lone \r must not join the lines
@example("A\u202bA")  # the control goes; the letters were one visible token already
def test_hardening_properties_clean_keeps_lines_and_protected(text: str) -> None:
    cleaned = clean(text)
    assert _lines(cleaned) == _lines(text)
    assert _protected(cleaned) == _protected(text)


@settings(max_examples=60, **_SLOW)
@given(ocr_text)
def test_hardening_properties_corrections_never_overlap(text: str) -> None:
    corrections = find_corrections(text)
    for a, b in zip(corrections, corrections[1:], strict=False):
        assert a.end <= b.start
        assert a.start < b.start or a.start == a.end  # only insertions may share a point
    for c in corrections:
        assert text[c.start : c.end] == c.original
        assert 0.0 <= c.confidence <= 1.0


@settings(max_examples=40, **_SLOW)
@given(wild_text)
def test_hardening_properties_analyze_never_raises_on_any_code_point(text: str) -> None:
    if not text.strip():
        return
    res = analyze(read_text(text))  # a Document: "/" or "-" would otherwise name a file
    assert res.to_json()
    assert res.to_dict()["doc_id"]
    assert res._repr_html_()
    assert len(res.to_frame()) == len(res.paragraphs)
    for c in res.corrections:
        assert text[c.start : c.end] == c.original


@settings(max_examples=40, deadline=None)
@given(wild_text, st.integers(0xD800, 0xDFFF), st.data())
def test_hardening_properties_lone_surrogates_are_a_clear_input_error(
    text: str, surrogate: int, data: st.DataObject
) -> None:
    """A str can hold lone surrogates (``errors="surrogateescape"``); no output format can
    write them, so ``analyze`` refuses them with a one-line error naming the offset."""
    at = data.draw(st.integers(0, len(text)))
    bad = text[:at] + chr(surrogate) + text[at:] + " ب"
    with pytest.raises(InputError, match=f"lone surrogate U\\+{surrogate:04X} at offset {at}"):
        analyze(read_text(bad))


@settings(max_examples=30, **_SLOW)
@given(st.text(alphabet="بتن\u200f\u200bـ \n", min_size=500, max_size=3000))
def test_hardening_properties_analyze_long_invisible_runs(text: str) -> None:
    if not text.strip():
        return
    res = analyze(text)
    for a, b in zip(res.corrections, res.corrections[1:], strict=False):
        assert a.end <= b.start
    assert _lines(clean(text)) == _lines(text)


# -- the weighted edit distance ----------------------------------------------------------------


def _reference_distance(a: str, b: str, c: Costs) -> float:
    """Textbook weighted Levenshtein, no early exit, no cache (the oracle)."""
    n, m = len(a), len(b)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + c.indel_cost(b, j - 1)
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + c.indel_cost(a, i - 1)
        for j in range(1, m + 1):
            d[i][j] = min(
                d[i - 1][j - 1] + c.sub(a[i - 1], b[j - 1]),
                d[i - 1][j] + c.indel_cost(a, i - 1),
                d[i][j - 1] + c.indel_cost(b, j - 1),
            )
    return d[n][m]


_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءؤئىة "


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=_LETTERS, max_size=14),
    st.text(alphabet=_LETTERS, max_size=14),
    st.sampled_from([0.6, 0.7, 1.0, 1.5, 99.0]),
)
def test_hardening_properties_weighted_distance_matches_reference(
    a: str, b: str, limit: float
) -> None:
    want = _reference_distance(a, b, default_costs())
    got = weighted_distance(a, b, limit=limit)
    if want <= limit:
        assert got == want
    else:
        assert got > limit
    # the same answer again (memoised) and with explicit costs (not memoised)
    assert weighted_distance(a, b, limit=limit) == got
    assert weighted_distance(a, b, Costs(**vars(default_costs())), limit=limit) == got


# -- merging the stages' corrections -----------------------------------------------------------

_span = st.tuples(st.integers(0, 60), st.integers(0, 6)).map(lambda t: (t[0], t[0] + t[1]))
_corrections = st.lists(
    st.tuples(_span, st.booleans(), st.sampled_from(["x", "", "yz"])).map(
        lambda t: Correction(t[0][0], t[0][1], "", t[2], "r", 0.5, applied=t[1])
    ),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(_corrections, _corrections)
def test_hardening_properties_merge_matches_scan(
    earlier: list[Correction], later: list[Correction]
) -> None:
    """The indexed merge of a later stage's corrections equals comparing with every kept one."""
    from qararat.analysis import _merge, _merge_scan

    unique = list({(c.start, c.end): c for c in earlier}.values())  # the indexed path
    assert _merge(unique, later) == _merge_scan(unique, later)
    assert _merge(earlier, later) == _merge_scan(earlier, later)  # duplicates: the fallback
