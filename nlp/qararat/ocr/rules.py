"""Structural rules from the grammar of resolutions: clause openers and operative lead verbs.

A resolution is one sentence: the organ ("إن الجمعية العامة،"), preambular paragraphs opened by
"إذ"/"وإذ" + an imperfective verb, then numbered operative paragraphs opened by a present-tense
lead verb. OCR turns "وإذ" into "وإن"/"وإنه" and lead verbs into nouns or non-words; these are
real-word errors a word list cannot see, but their position gives them away. A genuine "وإن"
in running text ("وإن كان") is never touched: the rules look only at paragraph openings and at
"، وإذ + lead verb" coordinations inside the preamble.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from qararat.normalize import strip_diacritics

_BIDI = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
#: An operative number ("12 - "), not a job number or a page's "21-19486" / "2/12".
_RE_OPERATIVE = re.compile(rf"^[\s*\-–{_BIDI}]*\d{{1,3}}[{_BIDI}]*\s*[-–.]\s*(?!\d)")
_RE_LINE_PREFIX = re.compile(rf"^[\s*\-–_>{_BIDI}]*")
#: The organ line ("إن الجمعية العامة،"), also as OCR leaves it: a stray digit or dash before
#: it, the hamza moved or lost ("أن", "ان"), the comma lost or read as "ء", stray marks after
#: it ("إن مجلس حقوق الإنسان,»").
_RE_ORGAN = re.compile(
    r"^[\s*\d.\-–]*[إاأآ]ن\s+(?:ال|مجلس|لجنة)[^\n،,]{0,80}[،,ء]?[\s*»«\"'.:؛;]*$"
)


@dataclass(frozen=True)
class LeadVocabulary:
    """Lead verbs (first words of lead phrases) in both genders, and preambular openers."""

    feminine: frozenset[str]
    masculine: frozenset[str]
    openers: tuple[str, ...]

    def all(self) -> frozenset[str]:
        """Both genders."""
        return self.feminine | self.masculine


def _masculine(word: str) -> str:
    if word.startswith("ت"):
        return "ي" + word[1:]
    return word.replace("ها", "ه") if word.endswith("ها") else word


def _package_data(package: str, name: str) -> dict:
    """``<package>/data/<name>`` read without importing the package: ``qararat.clauses``
    loads scikit-learn, ``qararat.structure`` the parser; the corrector needs neither."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / name
    data: dict = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _part_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an organ line that opens the next part of a resolution, an annex heading line).

    The next part's organ line needs an organ's name (the Arabic names of ``organ_gender`` in
    ``clauses/data/leads.json``) and the formula's comma, so that a wrapped operative line "أن
    الدول …" is never one. An annex heading is a word of ``annex_headings`` in
    ``structure/data/openers.json`` alone on its line, an ordinal after it at most ("المرفق
    الثاني").
    """
    organs = _package_data("qararat.clauses", "leads.json")["organ_gender"]
    names = sorted(
        {n for names in organs.values() for n in names if re.match("[\u0621-\u064a]", n)},
        key=len,
        reverse=True,
    )
    annex = _package_data("qararat.structure", "openers.json")["annex_headings"]
    next_part = re.compile(
        r"^[\s*\d.\-–]*[إاأآ]ن\s+(?:"
        + "|".join(map(re.escape, names))
        + r")\s[^\n]{0,60}[،,ء]\s*[*]*\s*$"
    )
    heading = re.compile(
        r"^[\s*#]*(?:ال)?(?:"
        + "|".join(map(re.escape, sorted(annex, key=len, reverse=True)))
        + r")(?:\s+ال\w{3,6})?[\s*]*$"
    )
    return next_part, heading


@lru_cache(maxsize=1)
def lead_vocabulary() -> LeadVocabulary:
    """Lead verbs from ``clauses/data/leads.json`` (the clauses module's vocabulary)."""
    data = _package_data("qararat.clauses", "leads.json")
    fem: set[str] = set()
    for entry in data.get("leads", []):
        for form in entry.get("forms", []):
            first = strip_diacritics(form.split()[0]).replace("{ها}", "ها")
            if first.startswith(("ت", "ي")) and len(first) >= 3:
                fem.add(first)
    own = json.loads(
        resources.files("qararat.ocr")
        .joinpath("data")
        .joinpath("lead_verbs.json")
        .read_text(encoding="utf-8")
    )
    return LeadVocabulary(
        feminine=frozenset(fem),
        masculine=frozenset(_masculine(w) for w in fem),
        openers=tuple(own["openers"]),
    )


def paragraph_zones(text: str) -> list[tuple[int, int, str]]:
    """Lines of ``text`` as ``(start, end, zone)`` with zone ``head``, ``organ``,
    ``preamble``, ``operative`` or ``other``.

    The preamble runs from the organ line ("إن الجمعية العامة،") to the first numbered
    paragraph; operative lines are numbered lines after it. Without an organ line, lines before
    the first numbered paragraph are ``head``. A later organ line opens the next part of a
    multi-part resolution; an annex heading ("المرفق") ends the resolution: its declaration
    speaks in its own voice ("1 - نؤكد من جديد"), so its lines are ``other``.
    """
    out: list[tuple[int, int, str]] = []
    zone = "head"
    pos = 0
    next_part, annex_heading = _part_patterns()
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if zone == "annex" or (zone != "head" and annex_heading.match(line)):
            zone = "annex"
            out.append((start, end, "other"))
            continue
        if _RE_ORGAN.match(line) and (
            zone == "head" or (zone == "operative" and next_part.match(line))
        ):
            out.append((start, end, "organ"))
            zone = "preamble"
            continue
        if _RE_OPERATIVE.match(line) and zone in ("preamble", "operative"):
            zone = "operative"
            out.append((start, end, "operative"))
            continue
        if zone == "operative":
            out.append((start, end, "other"))
        else:
            out.append((start, end, zone))
    return out


def operative_lead_offset(line: str) -> int | None:
    """Offset of the first word after an operative number ("12 - **تهيب**" → offset of ت)."""
    m = _RE_OPERATIVE.match(line)
    if not m:
        return None
    rest = line[m.end() :]
    skip = len(rest) - len(rest.lstrip("* _"))
    return m.end() + skip


def line_start_offset(line: str) -> int:
    """Offset of the first word of a line, past markdown and dashes."""
    return _RE_LINE_PREFIX.match(line).end()  # type: ignore[union-attr]


def organ_gender(text: str) -> str:
    """``feminine`` (General Assembly, commissions) or ``masculine`` (councils)."""
    for line in text.split("\n"):
        if _RE_ORGAN.match(line):
            return "masculine" if ("مجلس" in line or "المؤتمر" in line) else "feminine"
    return "feminine"
