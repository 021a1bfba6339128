"""Footnote markers in paragraph text and footnote lines at page breaks.

Markers are superscript numbers (``⁽¹⁾``, ``⁽¹⁰⁾``, ``¹``) or a parenthesised number glued to the
preceding word (``الإباحية(7)``). Footnote texts are lines that start with the number
("(1) القرار 70/1.") and stand in blocks where the printed pages broke.
"""

from __future__ import annotations

import re

from qararat.structure.textutil import fold_digits, superscript_to_int

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# ⁽¹⁰⁾ or bare superscript digits.
_SUPERSCRIPT_RE = re.compile(rf"⁽\s*[{_SUP}]+\s*⁾|[{_SUP}]+")
# (7) glued to an Arabic word or closing punctuation, not to a number ("29 (1)" stays).
_GLUED_RE = re.compile(r"(?<=[\u0621-\u063a\u0641-\u064a\u064b-\u0652\"»”’)\]،,؛.])\((\d{1,3})\)")
# A footnote line: "(12) text", "⁽¹²⁾ text", "12) text" is not accepted (too ambiguous).
FOOTNOTE_LINE_RE = re.compile(rf"^\(\s*(\d{{1,3}})\s*\)\s*(?=\S)|^⁽?([{_SUP}]{{1,3}})⁾?\s+(?=\S)")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+(?=[،,؛;.:])")


def find_markers(text: str) -> list[tuple[int, int, int]]:
    """Return ``(start, end, number)`` for each footnote marker in ``text``.

    Args:
        text: Paragraph text (Arabic-Indic digits allowed).
    """
    out = [
        (m.start(), m.end(), superscript_to_int(m.group(0))) for m in _SUPERSCRIPT_RE.finditer(text)
    ]
    if "(" in text:
        scan = fold_digits(text)
        out.extend((m.start(), m.end(), int(m.group(1))) for m in _GLUED_RE.finditer(scan))
    out.sort()
    return out


def strip_markers(text: str) -> str:
    """Remove footnote markers from ``text`` (and a space left before punctuation)."""
    markers = find_markers(text)
    if not markers:
        return text
    parts = []
    pos = 0
    for s, e, _ in markers:
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    return _SPACE_BEFORE_PUNCT_RE.sub("", "".join(parts))


def footnote_line(scan: str) -> tuple[int, int] | None:
    """If ``scan`` (a stripped line, ASCII digits) starts like a footnote, return its number
    and the offset where the footnote text begins."""
    m = FOOTNOTE_LINE_RE.match(scan)
    if not m:
        return None
    if m.group(1) is not None:
        return int(m.group(1)), m.end()
    return superscript_to_int(m.group(2)), m.end()
