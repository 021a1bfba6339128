"""Normalisation steps. Each step finds edits on its input; the public functions apply them.

A step is a function ``text -> list[Edit]``. Keeping steps as edit finders (rather than plain
``str -> str``) is what lets :func:`normalize_with_map` return an offset map and
:func:`normalization_corrections` report every change as a span on the original text. The
``str -> str`` helpers (``strip_tatweel`` …) are thin wrappers for use alone.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources

from qararat.model import Correction
from qararat.spans import ComposedMap, Edit, OffsetMap, apply_edits

Step = Callable[[str], list[Edit]]


def _load(name: str) -> dict:
    path = resources.files("qararat.normalize").joinpath("data", name)
    data: dict = json.loads(path.read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


_PERSIAN: dict[str, str] = _load("persian_letters.json")
_INVISIBLE = _load("invisible_chars.json")
_FOLD: dict[str, str] = _load("match_folding.json")
#: The same set as camel-tools' ``AR_DIAC_CHARSET`` (a test keeps them in sync); kept as data
#: here because importing ``camel_tools.utils.charsets`` costs over a second.
AR_DIAC_CHARSET = frozenset(_load("diacritics.json")["arabic_diacritics"])

TATWEEL = "\u0640"
# camel-tools' diacritic set plus Quranic annotation marks that OCR sometimes emits.
_DIACRITICS = "".join(sorted(AR_DIAC_CHARSET)) + "".join(
    chr(c) for c in [*range(0x0610, 0x061B), *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9),
                     *range(0x06EA, 0x06EE)]
)
_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06fc"

#: Character classes (inside [...]) shared by the patterns below.
_INVISIBLE_CLASS = re.escape("".join(_INVISIBLE["bidi_controls"] + _INVISIBLE["zero_width"]))
_FORMS = "\ufb50-\ufdff\ufe70-\ufefc"  # Arabic presentation forms
_ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000\t\u000b\u000c"

_RE_TATWEEL = re.compile(TATWEEL + "+")
_RE_DIACRITICS = re.compile(f"[{re.escape(_DIACRITICS)}]+")
_RE_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]+")
_RE_PRESENTATION = re.compile(f"[{_FORMS}]")
_RE_PERSIAN = re.compile("[" + re.escape("".join(_PERSIAN)) + "]")
_RE_WORD = re.compile(f"[{_ARABIC_LETTERS}{re.escape(_DIACRITICS)}{TATWEEL}]+")
_RE_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a]")
# A word as the Persian-letter step sees it: invisible characters and presentation forms belong
# to the word, since the other cleaning steps (run on the same original text) remove or fold
# them; otherwise "ء\u200bپ" would keep its پ and a second cleaning would change it.
_RE_WORD_RAW = re.compile(
    f"[{_ARABIC_LETTERS}{re.escape(_DIACRITICS)}{TATWEEL}{_INVISIBLE_CLASS}{_FORMS}]+"
)
_RE_ARABIC_OR_FORM = re.compile(f"[\u0621-\u063a\u0641-\u064a{_FORMS}]")
_RE_ODD_SPACE = re.compile(f"[{_ODD_SPACES}]")
_RE_SPACE_RUN = re.compile(" {2,}")
_RE_TRAILING_SPACE = re.compile(" +(?=\n)| +$")
_RE_CRLF = re.compile("\r\n?")
# A conjunction و standing alone before an Arabic word: "و منظمة" -> "ومنظمة".
# Not after "(" (sub-paragraph label "(و)") and not before digits ("و 2020" is UN style).
_RE_SPLIT_WAW = re.compile(f"(?:(?<=\\s)|^)و (?=[{_ARABIC_LETTERS}])", re.MULTILINE)
#: Characters the cleaning steps delete: they do not separate a "و" from its word.
_DELETED_CHARS = frozenset(_INVISIBLE["bidi_controls"] + _INVISIBLE["zero_width"] + [TATWEEL])
_DELETED_CLASS = f"{_INVISIBLE_CLASS}{TATWEEL}"
#: Any of these makes a text differ from what the cleaning steps leave of it.
_RE_OTHER_STEPS_CHANGE = re.compile(f"[{_DELETED_CLASS}{_ODD_SPACES}{_FORMS}]")
#: "و" (or its presentation forms), one space of any kind, the next visible character.
_RE_SPLIT_WAW_RAW = re.compile(
    f"[و\ufeed\ufeee][{_DELETED_CLASS}]*([ {_ODD_SPACES}])"
    f"(?=[{_DELETED_CLASS}]*([{_ARABIC_LETTERS}{_FORMS}]))"
)
_RE_LETTER_START = re.compile(f"[{_ARABIC_LETTERS}]")
_DIGIT_TABLE = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_RE_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]+")
_FOLD_TABLE = str.maketrans({**_FOLD, **_PERSIAN, TATWEEL: None} | {d: None for d in _DIACRITICS})


@lru_cache(maxsize=4096)
def _presentation_form(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    # Keep only what is Arabic after folding; a form that has no Arabic decomposition stays.
    return folded if _RE_ARABIC_LETTER.search(folded) or folded.strip() == "" else ch


# -- edit finders --------------------------------------------------------------------------


def find_invisible(text: str) -> list[Edit]:
    """Bidi controls and zero-width characters, to delete."""
    return [Edit(m.start(), m.end(), "") for m in _RE_INVISIBLE.finditer(text)]


def find_presentation_forms(text: str) -> list[Edit]:
    """Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC) to fold to standard letters."""
    edits = []
    for m in _RE_PRESENTATION.finditer(text):
        rep = _presentation_form(m.group())
        if rep != m.group():
            edits.append(Edit(m.start(), m.end(), rep))
    return edits


def find_persian_letters(text: str) -> list[Edit]:
    """Persian/Urdu look-alikes inside Arabic words (ی ک ہ پ …), to replace."""
    edits = []
    for w in _RE_WORD_RAW.finditer(text):
        word = w.group()
        if not _RE_PERSIAN.search(word) or not _RE_ARABIC_OR_FORM.search(word):
            continue
        for m in _RE_PERSIAN.finditer(word):
            edits.append(Edit(w.start() + m.start(), w.start() + m.end(), _PERSIAN[m.group()]))
    return edits


def find_tatweel(text: str) -> list[Edit]:
    """Tatweel (kashida) runs, to delete."""
    return [Edit(m.start(), m.end(), "") for m in _RE_TATWEEL.finditer(text)]


def find_diacritics(text: str) -> list[Edit]:
    """Diacritics (harakat, shadda, sukun, dagger alef), to delete."""
    return [Edit(m.start(), m.end(), "") for m in _RE_DIACRITICS.finditer(text)]


def find_eastern_digits(text: str) -> list[Edit]:
    """Arabic-Indic and Eastern Arabic-Indic digits, to convert to ASCII."""
    return [
        Edit(m.start(), m.end(), m.group().translate(_DIGIT_TABLE))
        for m in _RE_DIGITS.finditer(text)
    ]


def find_odd_spaces(text: str) -> list[Edit]:
    """No-break, thin and other special spaces, tabs and CR line ends, to plain forms."""
    edits = [Edit(m.start(), m.end(), " ") for m in _RE_ODD_SPACE.finditer(text)]
    edits += [Edit(m.start(), m.end(), "\n") for m in _RE_CRLF.finditer(text)]
    return sorted(edits, key=lambda e: e.start)


def find_space_runs(text: str) -> list[Edit]:
    """Runs of spaces collapsed to one and trailing spaces removed (line breaks are kept)."""
    edits = [Edit(m.start() + 1, m.end(), "") for m in _RE_SPACE_RUN.finditer(text)]
    trailing = [Edit(m.start(), m.end(), "") for m in _RE_TRAILING_SPACE.finditer(text)]
    merged: dict[int, Edit] = {}
    for e in edits + trailing:
        prev = merged.get(e.end)
        merged[e.end] = e if prev is None or e.start < prev.start else prev
    out: list[Edit] = []
    for e in sorted(merged.values(), key=lambda e: e.start):
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out


def find_split_conjunction(text: str) -> list[Edit]:
    """A conjunction و separated from its word by a space ("و منظمة"), to join.

    The other cleaning steps run on the same original text, so the split is looked for as they
    leave the text: invisible characters and tatweel around the "و" and the space do not count,
    a no-break (or other odd) space is a space, and a presentation form is the letter it folds
    to. Otherwise a second cleaning would still find a conjunction to join.
    """
    if not _RE_OTHER_STEPS_CHANGE.search(text):
        return [Edit(m.end() - 1, m.end(), "") for m in _RE_SPLIT_WAW.finditer(text)]
    edits = []
    for m in _RE_SPLIT_WAW_RAW.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] in _DELETED_CHARS:
            i -= 1
        if i >= 0 and not _standalone_before(text[i]):
            continue  # the "و" ends a word
        if not _RE_LETTER_START.match(_presentation_form(m.group(2))):
            continue  # a form that does not fold to a letter
        edits.append(Edit(m.start(1), m.end(1), ""))
    return edits


def _standalone_before(ch: str) -> bool:
    """True if ``ch`` (the visible character before a "و") leaves the "و" standing alone."""
    if _RE_PRESENTATION.match(ch):
        ch = _presentation_form(ch)[-1:]
    return ch.isspace()


# -- composition ---------------------------------------------------------------------------

#: Steps whose changes are corrections of the text (written into ``qararat clean`` output).
CLEANING_STEPS: dict[str, Step] = {
    "invisible": find_invisible,
    "presentation_form": find_presentation_forms,
    "persian_letter": find_persian_letters,
    "tatweel": find_tatweel,
    # before odd spaces: "و" + no-break space + word is joined, not given a plain space
    "split_conjunction": find_split_conjunction,
    "odd_space": find_odd_spaces,
}


def run_steps(text: str, steps: Sequence[Step]) -> tuple[str, OffsetMap]:
    """Apply ``steps`` in order and return the text and a map back to the input."""
    maps: list[OffsetMap] = []
    for step in steps:
        edits = step(text)
        if edits:
            text, m = apply_edits(text, edits)
            maps.append(m)
    if not maps:
        return text, OffsetMap.identity()
    if len(maps) == 1:
        return text, maps[0]
    return text, ComposedMap(list(reversed(maps)))


def normalize_with_map(
    text: str,
    *,
    digits: bool = False,
    diacritics: bool = False,
    whitespace: bool = True,
    conjunctions: bool = True,
) -> tuple[str, OffsetMap]:
    """Normalise ``text`` and return it with an offset map back to the input.

    Args:
        text: Input text.
        digits: Convert Arabic-Indic and Eastern digits to ASCII.
        diacritics: Remove diacritics.
        whitespace: Collapse runs of spaces and drop trailing spaces (line breaks are kept).
        conjunctions: Join a conjunction و split from its word.
    """
    steps: list[Step] = [
        find_invisible,
        find_presentation_forms,
        find_persian_letters,
        find_tatweel,
        find_odd_spaces,
    ]
    if conjunctions:
        steps.append(find_split_conjunction)
    if diacritics:
        steps.append(find_diacritics)
    if digits:
        steps.append(find_eastern_digits)
    if whitespace:
        steps.append(find_space_runs)
    return run_steps(text, steps)


def normalize(
    text: str,
    *,
    digits: bool = False,
    diacritics: bool = False,
    whitespace: bool = True,
    conjunctions: bool = True,
) -> str:
    """Normalise Arabic text: see :func:`normalize_with_map` for the options.

    Arabic punctuation (، ؛ ؟) is kept, and alef/hamza, ة/ه and ى/ي are never folded here
    (use :func:`match_key` to build search keys).
    """
    return normalize_with_map(
        text,
        digits=digits,
        diacritics=diacritics,
        whitespace=whitespace,
        conjunctions=conjunctions,
    )[0]


def normalization_corrections(text: str) -> list[Correction]:
    """Report the cleaning steps' changes as corrections on ``text`` (rule ``normalize_*``).

    The cleaning steps are character-level and independent of each other, so each one is run on
    the original text; where two would touch the same characters, the earlier step wins.
    """
    found: list[Correction] = []
    for name, step in CLEANING_STEPS.items():
        for e in step(text):
            found.append(
                Correction(
                    start=e.start,
                    end=e.end,
                    original=text[e.start : e.end],
                    replacement=e.replacement,
                    rule=f"normalize_{name}",
                    confidence=1.0,
                )
            )
    out: list[Correction] = []
    # Characters covered by a kept change, and positions of kept insertions: a change clashes
    # with a kept one when they share a character, when an insertion falls strictly inside it,
    # or when an insertion meets a change or insertion starting at the same place. (Linear;
    # comparing with every kept change was quadratic on text full of invisible characters.)
    covered = bytearray(len(text) + 1)
    inserts: set[int] = set()
    for c in found:  # step order = priority
        a, b = c.start, c.end
        if a == b:
            if covered[a] or a in inserts:
                continue
            inserts.add(a)
        else:
            if covered.find(1, a, b) != -1 or any(p in inserts for p in range(a + 1, b)):
                continue
            covered[a:b] = b"\x01" * (b - a)
        out.append(c)
    return sorted(out, key=lambda c: (c.start, c.end))


# -- single steps as str -> str ---------------------------------------------------------------


def _apply(step: Step, text: str) -> str:
    return apply_edits(text, step(text))[0]


def strip_tatweel(text: str) -> str:
    """Remove tatweel (kashida)."""
    return _RE_TATWEEL.sub("", text)


def strip_diacritics(text: str) -> str:
    """Remove Arabic diacritics."""
    return _RE_DIACRITICS.sub("", text)


def strip_bidi_controls(text: str) -> str:
    """Remove bidi control and zero-width characters."""
    return _RE_INVISIBLE.sub("", text)


def fold_presentation_forms(text: str) -> str:
    """Fold Arabic presentation forms (U+FB50–U+FEFC) to standard letters."""
    return _apply(find_presentation_forms, text)


def replace_persian_letters(text: str) -> str:
    """Replace Persian/Urdu look-alikes inside Arabic words (ی→ي, ک→ك, پ→ب …)."""
    return _apply(find_persian_letters, text)


def to_ascii_digits(text: str) -> str:
    """Convert Arabic-Indic (٠-٩) and Eastern (۰-۹) digits to ASCII."""
    return text.translate(_DIGIT_TABLE)


def normalize_whitespace(text: str) -> str:
    """Special spaces to plain spaces, runs collapsed, trailing spaces dropped; lines kept."""
    return _apply(find_space_runs, _apply(find_odd_spaces, text))


def join_split_conjunction(text: str) -> str:
    """Join a conjunction و split from its word ("و منظمة" → "ومنظمة")."""
    return _apply(find_split_conjunction, text)


def match_key(text: str) -> str:
    """Search-only key: no diacritics/tatweel; alef/hamza, ة/ه, ى/ي and ؤ/ئ folded.

    Never write a key back into cleaned text: the folded letters are exactly those OCR confuses.
    """
    return text.translate(_FOLD_TABLE)


def arabic_words(text: str) -> list[tuple[int, int, str]]:
    """Arabic words in ``text`` as ``(start, end, word)``; diacritics and tatweel included."""
    return [(m.start(), m.end(), m.group()) for m in _RE_WORD.finditer(text)]
