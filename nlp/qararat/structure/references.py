"""References in resolution text: resolutions, document symbols, dates; reversed number repair.

:func:`find_references` finds

* resolutions of the General Assembly ("القرار 70/1", "قراراتها 61/180 … و 64/178"), the
  Economic and Social Council ("قرار المجلس الاقتصادي والاجتماعي 2017/18"), the Security
  Council ("القرار 2331 (2016)") and the Human Rights Council ("قرار مجلس حقوق الإنسان 44/4"),
  and those of other bodies (commissions, conferences of parties) as kind ``resolution``;
  decisions ("المقرر 2021/5") as kind ``decision``;
* document symbols (``A/76/463``, ``E/2018/30``, ``CTOC/COP/2020/10``, ``S/RES/2331 (2016)``);
* dates ("16 كانون الأول/ديسمبر 2021" -> ``2021-12-16``; "كانون الأول/ديسمبر 2025" -> ``2025-12``).

Which organ a number belongs to comes from the words before it: the trigger word
(قرار، القرار، قراراتها، قراري …), an organ named after it, its possessive suffix, or, for a list
("قراراتها 61/180 المؤرخ … و 64/178 المؤرخ …"), the previous number of the same list.

:func:`reversed_number_corrections` repairs number pairs that right-to-left PDF extraction
wrote backwards ("186/76" for 76/186). It decides once per document whether pairs are reversed,
from evidence that does not depend on the document: a four-digit year belongs first in an
ECOSOC number; a GA number dated "المؤرخ <date>" has session = year − 1945 or year − 1946; an
HRC number's session fits its year (about three sessions a year since 2006); a GA number whose
first part exceeds any session that existed by the latest year in the text is backwards. Then it
repairs every resolution number of the document the same way.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from qararat.layout import wrap_breaks
from qararat.model import Correction, Reference
from qararat.structure.organs import detect_organ, organ_by_code, organ_in
from qararat.structure.textutil import alef_tolerant, fold_digits, load_data, match_key

RULE = "bidi_reversed_number"

# A pair of numbers "N/M" that is not part of a Latin-letter symbol (A/76/463) or a numeric date.
_PAIR_RE = re.compile(r"(?<![\w/.\-])(\d{1,4})(\s?/\s?)(\d{1,4})(?![\w/]|[.\-]\d)")
# A Security Council number "2331 (2016)".
_SC_RE = re.compile(r"(?<![\w/.\-])(\d{1,4})\s*\(\s*(\d{4})\s*\)")
# Trigger words: قرار، القرار، بالقرار، للقرار، قراراتها، قراري، القرارين، المقرر، مقرراتها …
_TRIGGER_RE = re.compile(
    r"(?<!\w)[وف]?(?:[بلك]?ال|لل|[بلك])?(?P<word>قرار|مقرر)"
    r"(?P<suffix>ات|ين|ان|ي)?(?P<possessive>هما|ها|ه)?(?!\w)"
)
# A resolution number at the start of a header line: "76/186 - title".
_TITLE_PAIR_RE = re.compile(
    r"^[ \t*#>•\-]*?(?<![\d/])(\d{1,4})([ \t]?/[ \t]?)(\d{1,4})[ \t*]*[-–—][ \t]*\S", re.MULTILINE
)
_SYMBOL_RE = re.compile(
    r"(?<![A-Za-z0-9/.])[A-Z][A-Za-z]{0,9}(?:\.\d+)?"
    r"(?:/(?:[A-Za-z]{1,10}(?:\.\d+)?|\d+(?:\.\d+)?))+"
    r"(?:\s*\(\s*\d{4}\s*\))?"
)
_QUALIFIER_MAX = 80
_QUALIFIER_BAD_RE = re.compile(r"[\d،,؛;.:()\"«»\n]")
_GAP_TOKEN_RE = re.compile(r"[^\s،,()]+")
_GAP_WORDS = frozenset(
    match_key(w)
    for w in (
        "و",
        "المؤرخ",
        "المؤرخة",
        "المؤرخين",
        "المؤرختين",
        "المؤرخان",
        "المؤرختان",
        "أيضا",
        "كذلك",
        "على",
        "التوالي",
    )
)
_DATED_RE = re.compile(r"\s*[،,]?\s*(?:و\s*)?ال?مؤرخ\S*\s+(?:أيضا\s+|كذلك\s+)?")
_YEAR_MIN, _YEAR_MAX = 1946, 2100
# "… اللذين اتخذهما مؤتمر الأطراف", "… الصادر عن اللجنة": who adopted the numbers before it.
_ADOPTED_BY_RE = re.compile(
    r"(?<!\w)(?:اتخذ(?:ه|ها|هما|ته|تها|تهما)|اعتمد(?:ه|ها|هما|ته|تها|تهما)"
    r"|الصادر(?:ة|ين|تين|ان|تان)?\s+عن)\s+(?P<who>[^\s،,؛;.:]+(?:\s+[^\s،,؛;.:\d]+){0,4})"
)
_CLAUSE_END_RE = re.compile(r"[؛;\n]|\.(?!\d)")
_LOOKAHEAD = 500
_BODY_WORDS = frozenset(match_key(w) for w in ("مؤتمر", "المؤتمر", "لجنة", "اللجنة", "هيئة"))


@dataclass
class _Pair:
    """A resolution number found in text, before it becomes a Reference or Correction."""

    start: int
    end: int
    first: str
    sep: str
    second: str
    kind: str  # reference kind
    sc: bool = False  # "2331 (2016)" form
    explicit: bool = False  # organ given by a qualifier or possessive, not by default


# -- dates ------------------------------------------------------------------------------------
@functools.cache
def _months() -> tuple[re.Pattern[str], dict[str, int]]:
    months = load_data("months.json")["months"]
    lookup: dict[str, int] = {}
    names: list[str] = []
    for num, variants in months.items():
        for name in variants:
            lookup[match_key(name).replace(" ", "")] = int(num)
            names.append(name)
    names.sort(key=len, reverse=True)
    alt = "|".join(alef_tolerant(n) for n in names)
    month = rf"(?:{alt})(?:\s*/\s*(?:{alt}))?"
    date_re = re.compile(
        rf"(?<![\d/])(?:(?P<day>\d{{1,2}})\s+)?(?<!\w)(?P<month>{month})(?!\w)\s+"
        rf"(?:عام\s+)?(?P<year>\d{{4}})(?!\d)"
    )
    return date_re, lookup


def date_regex() -> re.Pattern[str]:
    """Return the compiled date regex (``day? month[/month] year`` on ASCII-digit text)."""
    return _months()[0]


def month_number(name: str) -> int | None:
    """Return the month number of an Arabic month name ("كانون الأول/ديسمبر" -> 12)."""
    lookup = _months()[1]
    for part in name.split("/"):
        n = lookup.get(match_key(part).replace(" ", "").strip())
        if n:
            return n
    return None


def parse_date(text: str) -> str | None:
    """Return the ISO date of the first Arabic date in ``text``, or ``None``.

    Args:
        text: Text such as "16 كانون الأول/ديسمبر 2021" (Arabic-Indic digits allowed).

    Returns:
        ``"2021-12-16"``; ``"2021-12"`` when the day is absent; ``None`` if no date.
    """
    m = date_regex().search(fold_digits(text))
    return _iso(m) if m else None


def _iso(m: re.Match[str]) -> str | None:
    month = month_number(m.group("month"))
    year = int(m.group("year"))
    if month is None or not _YEAR_MIN - 1 <= year <= _YEAR_MAX:
        return None
    day = m.group("day")
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year:04d}-{month:02d}-{int(day):02d}"


# -- resolution numbers -----------------------------------------------------------------------
def _is_year(s: str) -> bool:
    return len(s) == 4 and _YEAR_MIN <= int(s) <= _YEAR_MAX


def _default_kind(organ: str | None) -> str:
    if organ is None or organ == "SC":  # SC texts cite GA numbers with slashes
        return "ga_resolution"
    return organ_by_code()[organ].reference_kind


def _trigger_kind(m: re.Match[str], qualifier: str, organ: str | None) -> tuple[str, bool]:
    """Kind of the numbers after a trigger word, and whether the organ was explicit."""
    if m.group("word") == "مقرر":
        return "decision", True
    named = organ_in(qualifier) if qualifier.strip() else None
    if named:
        return organ_by_code()[named].reference_kind, True
    words = match_key(qualifier).split()
    if words:
        if organ and organ_by_code()[organ].gender == "m" and words[0] in ("المجلس",):
            return organ_by_code()[organ].reference_kind, True
        return "resolution", True
    possessive = m.group("possessive")
    if possessive == "ها":
        # "her resolutions": the feminine organ speaking, i.e. the General Assembly.
        return "ga_resolution", True
    if possessive in ("ه", "هما"):
        if organ and organ_by_code()[organ].gender == "m":
            return organ_by_code()[organ].reference_kind, True
        return "resolution", True
    return _default_kind(organ), False


def _gap_is_list(gap: str) -> bool:
    """True when ``gap`` between two numbers only holds list glue: و، المؤرخ، dates."""
    gap = date_regex().sub(" ", gap)
    if len(gap) > 60 or ";" in gap or "؛" in gap or "." in gap or "\n" in gap:
        return False
    for tok in _GAP_TOKEN_RE.findall(gap):
        key = match_key(tok)
        if key in _GAP_WORDS:
            continue
        if key.startswith("و") and key[1:] in _GAP_WORDS:
            continue
        return False
    return True


def _find_pairs(
    scan: str, organ: str | None, *, titles: bool = True, lines: str | None = None
) -> list[_Pair]:
    """Find resolution numbers in ``scan`` (ASCII digits) with the kind each belongs to.

    ``lines``: the same text with all its line breaks, where ``scan`` reads some as spaces;
    a title's number is found at a line's start there."""
    triggers = list(_TRIGGER_RE.finditer(scan))
    trigger_ends = [t.end() for t in triggers]
    title_starts: dict[int, bool] = {}
    if titles:
        for m in _TITLE_PAIR_RE.finditer(scan if lines is None else lines):
            title_starts[m.start(1)] = True
    raw: list[tuple[int, int, str, str, str, bool]] = []
    for m in _PAIR_RE.finditer(scan):
        raw.append((m.start(), m.end(), m.group(1), m.group(2), m.group(3), False))
    for m in _SC_RE.finditer(scan):
        raw.append((m.start(), m.end(), m.group(1), "", m.group(2), True))
    raw.sort()
    pairs: list[_Pair] = []
    prev: _Pair | None = None
    for start, end, first, sep, second, sc in raw:
        kind: str | None = None
        explicit = False
        i = bisect.bisect_right(trigger_ends, start) - 1
        if i >= 0:
            t = triggers[i]
            qualifier = scan[t.end() : start]
            if len(qualifier) <= _QUALIFIER_MAX and not _QUALIFIER_BAD_RE.search(qualifier):
                kind, explicit = _trigger_kind(t, qualifier, organ)
        if kind is None and prev is not None and _gap_is_list(scan[prev.end : start]):
            kind, explicit = prev.kind, prev.explicit
        if kind is None and start in title_starts and not sc:
            kind = _default_kind(organ)
        if kind is None:
            continue
        if sc:
            if not _is_year(second):
                continue
            if kind not in ("decision",):
                kind = "sc_resolution"
        elif kind == "sc_resolution":
            kind = "ga_resolution"  # a slash number is never a Security Council number
        if (
            not sc
            and (_is_year(first) or _is_year(second))
            and (not explicit or kind == "resolution")
        ):
            # year/number is how ECOSOC numbers its resolutions; no other body does
            kind = "ecosoc_resolution"
        pair = _Pair(start, end, first, sep, second, kind, sc, explicit)
        if not explicit and not sc and kind != "ecosoc_resolution":
            adopter = _adopted_by(scan, end)
            if adopter is not None:
                pair.kind, pair.explicit = adopter, True
        pairs.append(pair)
        prev = pair
    return pairs


def _adopted_by(scan: str, pos: int) -> str | None:
    """Kind named by an "اتخذه <body>" phrase later in the same clause, if any."""
    window = scan[pos : pos + _LOOKAHEAD]
    stop = _CLAUSE_END_RE.search(window)
    if stop:
        window = window[: stop.start()]
    m = _ADOPTED_BY_RE.search(window)
    if not m:
        return None
    who = m.group("who")
    code = organ_in(who)
    if code:
        return organ_by_code()[code].reference_kind
    first = match_key(who.split()[0])
    if first in _BODY_WORDS or (first.startswith("و") and first[1:] in _BODY_WORDS):
        return "resolution"
    return None


def _pair_value(p: _Pair) -> str:
    if p.sc:
        return f"S/RES/{int(p.first)} ({p.second})"
    a, b = p.first, p.second
    if _is_year(b) and not _is_year(a):  # ECOSOC and decisions are year/number
        a, b = b, a
    return f"{int(a)}/{int(b)}"


def locate_references(text: str, organ: str | None) -> list[tuple[int, Reference]]:
    """Like :func:`find_references` with the organ given, plus each reference's offset."""
    scan = fold_digits(text)
    found: list[tuple[int, Reference]] = []
    for p in _find_pairs(scan, organ):
        found.append((p.start, Reference(p.kind, text[p.start : p.end], _pair_value(p))))
    for m in _SYMBOL_RE.finditer(scan):
        if not any(c.isdigit() for c in m.group(0)):
            continue
        found.append((m.start(), Reference("document_symbol", m.group(0), m.group(0))))
    for m in date_regex().finditer(scan):
        iso = _iso(m)
        if iso:
            s = m.start("day") if m.group("day") else m.start("month")
            found.append((s, Reference("date", text[s : m.end()], iso)))
    found.sort(key=lambda x: x[0])
    return found


def find_references(text: str, *, organ: str | None = None) -> list[Reference]:
    """Find resolution numbers, document symbols and dates in ``text``.

    Args:
        text: Resolution text (cleaned; Arabic-Indic digits are fine).
        organ: Code of the organ whose text this is (``GA``, ``SC``, ``HRC``, ``ECOSOC``); it
            decides what a bare "القرار 5/1" refers to. Detected from the text when omitted.

    Returns:
        References in text order, ``paragraph_index`` unset.
    """
    if organ is None:
        organ = detect_organ(text)
    return [r for _, r in locate_references(text, organ)]


# -- reversed pairs ---------------------------------------------------------------------------
def _hrc_sessions(year: int) -> range:
    """Plausible Human Rights Council sessions in ``year`` (three a year since 2006)."""
    base = 3 * (year - 2006)
    return range(base - 3, base + 5)


def _ga_sessions(year: int) -> tuple[int, int]:
    """A GA session opens in September: a date in ``year`` belongs to one of these two."""
    return year - 1946, year - 1945


@dataclass
class _Evidence:
    reversed_: float = 0.0
    ordered: float = 0.0


def _weigh(p: _Pair, scan: str, max_session: int, ev: _Evidence) -> None:
    """Add what pair ``p`` says about the document's order to ``ev``."""
    a, b = int(p.first), int(p.second)
    ya, yb = _is_year(p.first), _is_year(p.second)
    if ya != yb:  # "2017/18" or "18/2017": the year belongs first
        if yb:
            ev.reversed_ += 2
        else:
            ev.ordered += 2
        return
    if ya and yb:
        return
    year = None
    m = _DATED_RE.match(scan, p.end)
    if m:
        d = date_regex().match(scan, m.end())
        if d:
            year = int(d.group("year"))
    if p.kind == "ga_resolution":
        if year is not None:
            fa, fb = a in _ga_sessions(year), b in _ga_sessions(year)
            if fa and not fb:
                ev.ordered += 3
            elif fb and not fa:
                ev.reversed_ += 3
            if fa != fb:
                return
        if a > max_session and 0 < b <= max_session:
            ev.reversed_ += 1
        elif b > max_session and 0 < a <= max_session:
            ev.ordered += 1
    elif p.kind == "hrc_resolution" and year is not None and year >= 2006:
        fa, fb = a in _hrc_sessions(year), b in _hrc_sessions(year)
        if fa and not fb:
            ev.ordered += 2
        elif fb and not fa:
            ev.reversed_ += 2


def reversed_number_corrections(text: str) -> list[Correction]:
    """Repair resolution numbers written backwards by right-to-left PDF extraction.

    The decision is taken once for the whole document from general evidence (see the module
    docstring); a pair that proves its own order (a four-digit year, which ECOSOC numbers put
    first) is repaired on its own evidence. Document symbols (``A/76/463``), dates, ranges and
    hyphenated targets ("5-2") are never touched.

    Args:
        text: The document as read (offsets of the corrections refer to it).

    Returns:
        One :class:`~qararat.model.Correction` per repaired pair, rule ``bidi_reversed_number``.
    """
    lines = scan = fold_digits(text)
    wraps = wrap_breaks(text)
    if wraps:  # a hard-wrapped line break inside a sentence reads like a space ("و\n25/2021")
        chars = list(scan)
        for pos in wraps:
            chars[pos] = " "
        scan = "".join(chars)
    organ = detect_organ(scan)
    pairs = [p for p in _find_pairs(scan, organ, lines=lines) if not p.sc]
    if not pairs:
        return []
    years = [int(m.group("year")) for m in date_regex().finditer(scan)]
    years = [y for y in years if _YEAR_MIN <= y <= _YEAR_MAX]
    max_session = (max(years) - 1945 + 1) if years else 80
    ev = _Evidence()
    for p in pairs:
        _weigh(p, scan, max_session, ev)
    total = ev.reversed_ + ev.ordered
    doc_reversed = ev.reversed_ > ev.ordered
    doc_conf = 0.0
    if doc_reversed:
        doc_conf = round(min(0.99, 0.5 + 0.1 * ev.reversed_) * ev.reversed_ / total, 3)
    out: list[Correction] = []
    for p in pairs:
        ya, yb = _is_year(p.first), _is_year(p.second)
        if ya != yb:
            if not yb:
                continue
            conf = 0.97
        elif ya and yb:
            continue
        elif doc_reversed:
            conf = doc_conf
        else:
            continue
        if p.first == p.second:
            continue
        original = text[p.start : p.end]
        replacement = (
            text[p.start + len(p.first) + len(p.sep) : p.end]
            + p.sep
            + text[p.start : p.start + len(p.first)]
        )
        out.append(
            Correction(
                start=p.start,
                end=p.end,
                original=original,
                replacement=replacement,
                rule=RULE,
                confidence=conf,
                applied=True,
            )
        )
    return out
