"""Text extracted in visual order: each Arabic line's characters stored left to right as
displayed ("ةماعلا ةيعمجلا نإ" for "إن الجمعية العامة"), as some PDF tools and copy-paste
from some viewers give it.

Arabic words never begin with ة or ى, and they often end with them; a line stored backwards
shows the opposite. A document whose lines show it clearly is turned back line by line:
the characters of each Arabic line are reversed, then every left-to-right run inside it
(digits, Latin letters and what joins them: "76/186", "A/RES/76/186", "2021") is reversed
again, since those runs are displayed, and so stored, in reading order. This happens when the
text is read (:mod:`qararat.io`), like decoding: the text every later span refers to is the
turned one, and the document gets a ``visual_order`` warning.
"""

from __future__ import annotations

import re

from qararat.normalize.steps import fold_presentation_forms

#: A word of three Arabic letters or more.
_RE_WORD = re.compile("[\u0621-\u064a]{3,}")
#: A left-to-right run: digits (also Arabic-Indic: displayed left to right as well) and Latin
#: letters, with the punctuation and single spaces that join them ("A/76/463", "76/186",
#: "United Nations").
_RE_LTR = re.compile(
    r"[0-9A-Za-z\u0660-\u0669]"
    r"(?:[0-9A-Za-z\u0660-\u0669]|[./:,\-–](?=[0-9A-Za-z\u0660-\u0669])| (?=[0-9A-Za-z]))*"
)
#: Words that begin with ة/ى (never in Arabic) or end with them, in the text as stored.
_END_LETTERS = "ةى"
#: The document is turned when backwards words are at least this many ...
MIN_BACKWARD = 5
#: ... and outnumber forward ones this many times.
RATIO = 3.0


def _counts(text: str) -> tuple[int, int]:
    """(words stored backwards, words stored forwards) by their ة/ى ends."""
    backward = forward = 0
    for m in _RE_WORD.finditer(text):
        w = m.group()
        if w[0] in _END_LETTERS:
            backward += 1
        elif w[-1] in _END_LETTERS:
            forward += 1
    return backward, forward


def _line_cues(line: str) -> tuple[int, int]:
    """(cues of a backward line, cues of a forward one): the ة/ى ends, and the article,
    which begins a word forwards ("ال…") and ends it backwards ("…لا")."""
    backward = forward = 0
    for m in _RE_WORD.finditer(line):
        w = m.group()
        backward += (w[0] in _END_LETTERS) + (w.endswith("لا") and not w.startswith("ال"))
        forward += (w[0] not in _END_LETTERS and w[-1] in _END_LETTERS) + (
            w.startswith("ال") and not w.endswith("لا")
        )
    return backward, forward


#: Presentation forms (ﺔ ﻟ ﺍ …), folded for the test only.
_RE_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def is_visual_order(text: str) -> bool:
    """True when ``text`` reads as Arabic stored in visual (display) order."""
    starts = sum(text.count(sep + end) for sep in " \n" for end in _END_LETTERS)
    if starts < MIN_BACKWARD:
        return False  # the common case: few words begin with ة/ى, decided at C speed
    backward, forward = _counts(text)
    return backward >= MIN_BACKWARD and backward >= RATIO * max(1, forward)


def logical_line(line: str) -> str:
    """One visual-order line in reading order (the transform is its own inverse)."""
    turned = line[::-1]
    return _RE_LTR.sub(lambda m: m.group()[::-1], turned)


def reading_order(text: str) -> tuple[str, int]:
    """``text`` in reading order, and how many lines were turned (0: it already was).

    Presentation forms (ﺔ ﻟ ﺍ), which visual-order extraction often yields, are folded for the
    test only; the lines are turned as stored, so normalisation still sees and reports them.
    """
    if not is_visual_order(text) and not (
        _RE_PRESENTATION.search(text) and is_visual_order(fold_presentation_forms(text))
    ):
        return text, 0
    lines = text.split("\n")
    turned = 0
    for i, line in enumerate(lines):
        body = line.rstrip("\r")
        backward, forward = _line_cues(fold_presentation_forms(body))
        if forward > backward:
            continue  # a line in reading order stays
        fixed = logical_line(body)
        if fixed != body:
            lines[i] = fixed + line[len(body) :]
            turned += 1
    return "\n".join(lines), turned
