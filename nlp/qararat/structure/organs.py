"""The UN organs whose resolutions qararat reads, loaded from ``data/organs.json``.

Provides the regular expressions that find an organ's name in the opening formula
("إن الجمعية العامة،") and in the adoption line ("قرار اتخذته الجمعية العامة في …"), and
:func:`detect_organ` which guesses the adopting organ of a whole document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from qararat.structure.textutil import load_data, rasm


@dataclass(frozen=True)
class Organ:
    """One organ: its code (``GA``), names, grammatical gender and reference kind."""

    code: str
    names: tuple[str, ...]
    gender: str
    reference_kind: str
    symbol_prefixes: tuple[str, ...]


@functools.cache
def organs() -> tuple[Organ, ...]:
    """Return the organs listed in ``data/organs.json``."""
    return tuple(
        Organ(
            code=o["code"],
            names=tuple(o["names"]),
            gender=o["gender"],
            reference_kind=o["reference_kind"],
            symbol_prefixes=tuple(o["symbol_prefixes"]),
        )
        for o in load_data("organs.json")["organs"]
    )


@functools.cache
def organ_by_code() -> dict[str, Organ]:
    """Return ``{code: Organ}``."""
    return {o.code: o for o in organs()}


# OCR junk that stands for the comma after the formula ("العامةء", "الإنسان»").
_TRAIL = "،,:;؛.»«\"'ء*"
_FUZZY_MAX_LEN = 45


def _skeleton_pattern(word: str) -> str:
    return r"[\s.]+".join(re.escape(rasm(w)) for w in word.split())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@functools.cache
def _name_keys() -> list[tuple[str, str]]:
    """Return ``(skeleton of name, code)`` pairs, longest name first."""
    pairs = [(" ".join(rasm(n).split()), o.code) for o in organs() for n in o.names]
    return sorted(pairs, key=lambda p: -len(p[0]))


def organ_in(phrase: str) -> str | None:
    """Return the code of the organ named in ``phrase``, if any.

    Names are compared by letter skeleton, so OCR dot errors ("الجمعية الغامة") still match.
    """
    key = " ".join(rasm(phrase).replace(".", " ").split())
    for name, code in _name_keys():
        if name in key:
            return code
    return None


@functools.cache
def names_pattern() -> str:
    """Regex source matching the skeleton (:func:`rasm`) of any organ name, longest first."""
    names = sorted({n for o in organs() for n in o.names}, key=len, reverse=True)
    return "|".join(_skeleton_pattern(n) for n in names)


@functools.cache
def opening_re() -> re.Pattern[str]:
    """Regex for the opening formula ``إن <organ>،`` (+ rest) at the start of a line.

    Match it against ``rasm(text)``; the skeleton has the same length as the text, so the
    group offsets slice the original.
    """
    return re.compile(
        # Leading blanks stay on the line: a class that also matched newlines made every empty
        # line rescan the rest of the document (quadratic on text with many blank lines).
        r"^(?:[^\S\n]|[*#>\-])*(?P<formula>ا[ٮں][\u064b-\u0652]*\s+(?P<organ>"
        + names_pattern()
        + r")\s*(?P<punct>[،,:;؛.»«\"'ء]{1,3})?)[\s*]*(?P<rest>.*)$",
        re.MULTILINE,
    )


@functools.cache
def adoption_re() -> re.Pattern[str]:
    """Regex for "… اتخذته <organ> …" (adoption line or SC adoption formula), on the skeleton."""
    words = load_data("header.json")["adopted_verbs"]
    verbs = "|".join(_skeleton_pattern(v) for v in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:" + verbs + r")\s+(?P<organ>" + names_pattern() + ")")


def find_opening(line: str) -> tuple[str, str, str] | None:
    """Match the opening formula at the start of ``line``.

    Returns:
        ``(formula as written, organ code, rest of the line)`` or ``None``. The formula must
        end the line or be followed, after punctuation, by the first paragraph.
    """
    m = opening_re().match(rasm(line))
    if not m:
        return _fuzzy_opening(line)
    code = organ_in(line[m.start("organ") : m.end("organ")])
    if code is None:
        return None
    return (
        " ".join(line[m.start("formula") : m.end("formula")].split()),
        code,
        line[m.start("rest") : m.end("rest")].strip(),
    )


_RE_STRAY_MARKS = re.compile(r"[\"'“”„«»`´|/\\()\[\]{}<>~^_=+]+")


def _fuzzy_opening(line: str) -> tuple[str, str, str] | None:
    """A short line "إن <name>" whose name is one or two letters off an organ's name."""
    text = line.strip(" \t*#>-")
    if len(text) > _FUZZY_MAX_LEN:
        return None
    # OCR's stray marks between the words ('إن الجمعية"الغامة,') separate them like spaces
    words = _RE_STRAY_MARKS.sub(" ", text).split()
    if len(words) < 3 or rasm(words[0]) not in ("اٮ", "اں"):
        return None
    name = " ".join(" ".join(words[1:]).replace(".", " ").split()).rstrip(_TRAIL)
    skeleton = rasm(name)
    for key, code in _name_keys():
        if abs(len(key) - len(skeleton)) <= 2 and _distance(key, skeleton) <= max(1, len(key) // 8):
            return " ".join(words), code, ""
    return None


def find_adoption(line: str) -> str | None:
    """Return the organ code of an adoption phrase ("قرار اتخذته الجمعية العامة") in ``line``."""
    m = adoption_re().search(rasm(line))
    if not m:
        return None
    return organ_in(line[m.start("organ") : m.end("organ")])


def detect_organ(text: str) -> str | None:
    """Guess which organ adopted the document: opening formula first, then adoption line.

    Args:
        text: The whole document.

    Returns:
        ``GA``, ``SC``, ``HRC``, ``ECOSOC`` or ``None``.
    """
    skeleton = rasm(text)
    for m in opening_re().finditer(skeleton):
        rest = text[m.start("rest") : m.end("rest")].strip()
        # The formula stands alone on its line, or is followed by a preambular paragraph.
        if not rest or rest[:1] in "وإا":
            return organ_in(text[m.start("organ") : m.end("organ")])
    m2 = adoption_re().search(skeleton)
    if m2:
        return organ_in(text[m2.start("organ") : m2.end("organ")])
    return None
