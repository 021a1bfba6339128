"""Small text helpers shared by the structure parser: digit folding, matching keys, markup.

Everything here is pure. Digit folding keeps string length (one character for one character),
so offsets found in a folded copy are offsets in the original text.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

# Arabic-Indic (U+0660..0669) and Extended Arabic-Indic (U+06F0..06F9) digits -> ASCII.
_DIGITS = {0x0660 + i: ord("0") + i for i in range(10)}
_DIGITS.update({0x06F0 + i: ord("0") + i for i in range(10)})

_INDIC_RE = re.compile("[\u0660-\u0669\u06f0-\u06f9]")

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPTS = {ord(c): ord("0") + i for i, c in enumerate(SUPERSCRIPT_DIGITS)}

# Search-only folding (never written back into text).
_KEY_TABLE = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ـ": None,
    }
)
# Letter skeleton (rasm): letters that differ only by dots or hamza fold together, so words
# whose dots OCR lost or misplaced ("الغامة" for "العامة") still match. One char -> one char.
_RASM_GROUPS = {
    "ٮ": "بتثنيىئ",
    "ح": "جحخ",
    "د": "دذ",
    "ر": "رز",
    "س": "سش",
    "ص": "صض",
    "ط": "طظ",
    "ع": "عغ",
    "ڡ": "فق",
    "ه": "هة",
    "و": "وؤ",
    "ا": "اأإآٱ",
}
_RASM_TABLE = {ord(c): ord(k) for k, group in _RASM_GROUPS.items() for c in group}
_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_BIDI_RE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MARKUP_RE = re.compile(r"\*+|__+")
_ESCAPE_RE = re.compile(r"\\([-*_\[\]().#!])")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def fold_digits(text: str) -> str:
    """Return ``text`` with Arabic-Indic digits replaced by ASCII digits (same length)."""
    if _INDIC_RE.search(text) is None:  # the common case, and much faster than translate
        return text
    return text.translate(_DIGITS)


def superscript_to_int(marker: str) -> int:
    """Return the number written by superscript digits, e.g. ``"⁽¹⁰⁾"`` -> 10."""
    digits = "".join(c for c in marker.translate(_SUPERSCRIPTS) if c.isdigit())
    return int(digits)


def match_key(word: str) -> str:
    """Fold a word for matching: diacritics and tatweel removed, alef/hamza, ة, ى folded."""
    return _DIACRITICS_RE.sub("", word).translate(_KEY_TABLE)


def rasm(text: str) -> str:
    """Return the letter skeleton of ``text`` (dots and hamza dropped; same length)."""
    return text.translate(_RASM_TABLE)


def strip_bidi(text: str) -> str:
    """Remove bidirectional control characters and byte order marks."""
    return _BIDI_RE.sub("", text)


def strip_markup(text: str) -> str:
    """Remove markdown emphasis residue (``**bold**``, ``*italic*``, ``__x__``, escapes)."""
    text = _ESCAPE_RE.sub(r"\1", text)
    return _MARKUP_RE.sub("", text)


def squeeze_spaces(text: str) -> str:
    """Collapse runs of horizontal white space into one space and strip the ends."""
    return _SPACES_RE.sub(" ", text).strip()


@functools.cache
def load_data(name: str) -> dict[str, Any]:
    """Load ``structure/data/<name>`` (JSON), cached."""
    path = resources.files("qararat.structure") / "data" / name
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def alef_tolerant(word: str) -> str:
    """Return a regex source matching ``word`` with any alef/hamza, ة/ه and ى/ي form."""
    out = []
    for ch in word:
        if ch in "اأإآ":
            out.append("[اأإآ]")
        elif ch in "ةه":
            out.append("[ةه]")
        elif ch in "يى":
            out.append("[يى]")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)
