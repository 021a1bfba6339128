"""Tests for qararat.spans."""

from __future__ import annotations

from qararat.model import Correction
from qararat.spans import Edit, apply_corrections, apply_edits, remove_overlaps


def test_spans_apply_edits_and_map_back() -> None:
    text = "وإن تشير إلى القرار 186/76"
    new, back = apply_edits(text, [Edit(0, 3, "وإذ"), Edit(20, 26, "76/186")])
    assert new == "وإذ تشير إلى القرار 76/186"
    i = new.index("تشير")
    assert back.span_to_source(i, i + 4) == (i, i + 4)
    assert back.span_to_source(20, 26) == (20, 26)


def test_spans_deletion_and_insertion_map_back() -> None:
    text = "كـتاب جديد"
    new, back = apply_edits(text, [Edit(1, 2, "")])
    assert new == "كتاب جديد"
    i = new.index("جديد")
    s, e = back.span_to_source(i, i + 4)
    assert text[s:e] == "جديد"
    s, e = back.span_to_source(0, 4)
    assert text[s:e] == "كـتاب"


def test_spans_suggestions_not_applied() -> None:
    c = Correction(0, 3, "وإن", "وإذ", "clause_opener", 0.4, applied=False)
    assert apply_corrections("وإن تشير", [c])[0] == "وإن تشير"
    assert apply_corrections("وإن تشير", [c], include_suggestions=True)[0] == "وإذ تشير"


def test_spans_remove_overlaps_keeps_most_confident() -> None:
    a = Correction(0, 5, "x", "y", "lexicon", 0.6)
    b = Correction(3, 8, "x", "y", "context", 0.9)
    c = Correction(9, 10, "x", "y", "lexicon", 0.5)
    assert remove_overlaps([a, b, c]) == [b, c]
