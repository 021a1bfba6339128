"""Line layout: is a text hard-wrapped, and which of its line breaks only wrap a sentence?

Text reaches qararat either with one paragraph per line (Word, most OCR engines' paragraph
mode, our corpora) or hard-wrapped at a fixed width (``pdftotext``, an OCR engine's visual
lines), with or without blank lines between paragraphs. In hard-wrapped text a line break is
usually not a paragraph break, and both the parser and the OCR corrector (whose context and
paragraph-opening rules read lines) need to know which breaks are which. Standard library
only: the corrector imports this without the parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Punctuation that can end a paragraph or a clause; a line ending on anything else ends
#: mid-sentence.
ENDS = "،,؛;.:!؟?"
#: Lines running straight into the next one that a text needs before it can be hard-wrapped.
WRAP_MIN_PAIRS = 6
#: Share of those that must end mid-sentence.
WRAP_MID_SHARE = 0.3
#: Share of the wrap width at which a line counts as running to it (*full*).
WRAP_FULL = 0.75

_RE_ARABIC = re.compile("[\u0621-\u064a]")
_RE_SYMBOL_HEAD = re.compile(r"^[A-Z]{1,8}(?:/[A-Z0-9.]+){2,}\b")
_RE_TAIL = re.compile(r"[\s*\u200e\u200f\u2070-\u209f\u00b9\u00b2\u00b3]+$")


def line_end(line: str) -> str:
    """The last character of ``line`` that counts: footnote markers ("⁽¹⁾"), markdown and
    bidi marks off."""
    tail = _RE_TAIL.sub("", line)
    return tail[-1:]


def wrap_width(lines: Sequence[str]) -> int:
    """The width ``lines`` were hard-wrapped at, or 0 when they were not.

    ``lines`` are a text's lines, "" for a blank one. A hard-wrapped text has at least
    :data:`WRAP_MIN_PAIRS` lines directly followed by another line, 30% of its lines at least,
    and :data:`WRAP_MID_SHARE` of those end in the middle of a sentence, on a word; text with
    one paragraph per line has such lines only in its header. The width is the 90th percentile
    of the line lengths: every line but a paragraph's last runs close to it.
    """
    lengths: list[int] = []
    runs_on: list[str] = []  # lines directly followed by another line
    for a, b in zip(lines, [*lines[1:], ""], strict=False):
        if not a.strip():
            continue
        lengths.append(len(a.strip()))
        if b.strip():
            runs_on.append(a)
    pairs = len(runs_on)
    if pairs < WRAP_MIN_PAIRS or pairs < 0.3 * len(lengths):
        return 0  # one paragraph per line: decided without looking at line ends
    mid = sum(1 for a in runs_on if (end := line_end(a)) and end not in ENDS)
    if mid < WRAP_MID_SHARE * pairs:
        return 0
    lengths.sort()
    return lengths[int(0.9 * (len(lengths) - 1))]


def is_page_furniture(line: str) -> bool:
    """A line a PDF's page adds between two lines of text: no Arabic letter and no sentence
    punctuation (page and job numbers "2/12", "21-19486 (A)", a barcode "*2119486*"), or a
    running head that starts with the document's symbol ("A/RES/76/186 تحسين …")."""
    text = line.strip()
    if not text:
        return False
    if _RE_SYMBOL_HEAD.match(text):
        return True
    # no Arabic letter and no punctuation of a sentence: not the "2022،" that ends a paragraph
    return not _RE_ARABIC.search(text) and not any(ch in ENDS for ch in text.replace("/", ""))


def wrap_breaks(text: str) -> dict[int, str]:
    """The line breaks of a hard-wrapped ``text`` that do not end a paragraph, by offset.

    ``"soft"``: the line runs to the wrap width (75% of it) and ends mid-sentence, on a word or
    a number; ``"comma"``: it runs to the width and ends with a comma, so the next line most
    likely goes on with the sentence (a paragraph that begins there opens with "وإذ" or a
    number, which the callers check). A short line ends its paragraph (OCR may have lost the
    full stop). Page furniture between the two lines (:func:`is_page_furniture`) is passed
    over: every break from the full line to the next line of text gets the kind. Empty for
    text that is not hard-wrapped.
    """
    lines = text.split("\n")
    width = wrap_width(lines)
    if not width:
        return {}
    full = WRAP_FULL * width
    out: dict[int, str] = {}
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for i, a in enumerate(lines[:-1]):
        if len(a.strip()) < full or is_page_furniture(a):
            continue
        end = line_end(a)
        kind = "comma" if end in "،," else "soft" if end and end not in ENDS else ""
        if not kind:
            continue
        j = i + 1
        while j < len(lines) and is_page_furniture(lines[j]):
            j += 1
        if j >= len(lines) or not lines[j].strip():
            continue  # a blank line: the paragraph ends
        for k in range(i, j):
            out[starts[k] + len(lines[k])] = kind
    return out
