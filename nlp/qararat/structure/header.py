"""The header block and closing formula of a resolution.

A General Assembly resolution opens with::

    الدورة السادسة والسبعون
    البند 108 من جدول الأعمال
    منع الجريمة والعدالة الجنائية
    قرار اتخذته الجمعية العامة في 16 كانون الأول/ديسمبر 2021
    [بناء على تقرير اللجنة الثالثة (A/76/463، الفقرة 26)]
    76/186 - تحسين تنسيق الجهود المبذولة لمكافحة الاتجار بالأشخاص

and closes with "الجلسة العامة 53" and the meeting date. A Security Council resolution opens with
"القرار 2331 (2016)" and "الذي اتخذه مجلس الأمن في جلسته 7847 المعقودة في 20 كانون
الأول/ديسمبر 2016". :func:`parse_header` reads such lines into a :class:`~qararat.model.Header`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from qararat.model import Header
from qararat.structure.organs import find_adoption, organs
from qararat.structure.references import date_regex, parse_date
from qararat.structure.textutil import fold_digits, load_data, match_key, squeeze_spaces

_SESSION_RE = re.compile(r"^(?:ال)?دورة\s+(?P<rest>.+)$")
_AGENDA_RE = re.compile(
    r"^(?:ال)?بنو?دا?ن?\s+(?P<items>\d+(?:\s*\([^)]{1,4}\))?"
    r"(?:\s*(?:و|،|,)\s*\d+(?:\s*\([^)]{1,4}\))?)*)"
)
#: "76/186 - title"; a decision's "المقرر 78/540 - title" too (its number is the resolution's).
_TITLE_RE = re.compile(
    r"^(?:(?:ال)?مقرر\s+)?(?P<first>\d{1,4})\s?/\s?(?P<second>\d{1,4})\s*[-–—]\s*(?P<title>\S.*)$"
)
_SC_TITLE_RE = re.compile(r"^(?:ال)?قرار\s+(?P<num>\d{1,4})\s*\(\s*(?P<year>\d{4})\s*\)\s*$")

_SYMBOL_RE = re.compile(r"[A-Z][A-Za-z]{0,9}(?:\.\d+)?(?:/(?:[A-Za-z]{1,10}(?:\.\d+)?|\d+))+")
_RES_SYMBOL_RE = re.compile(
    r"^(?P<prefix>(?:[A-Z]+/)+RES/)(?P<num>[\d/]+\d)(?:\s*\((?P<year>\d{4})\))?"
)
_MEETING_RE = re.compile(r"^(?:ال)?جلسة\s+(?:(?:ال)?عامة\s+)?(?P<rest>\S.*)$")
_SC_MEETING_RE = re.compile(r"جلست(?:ه|ها)\s+(?P<num>\d+)")
_PUNCT_STRIP = " \t،,؛;.:[]()*-–—"


@functools.cache
def _report_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(report noun, "[بناء على <noun> …" line) regexes from ``data/header.json``."""
    nouns = "|".join(re.escape(w) for w in load_data("header.json")["report_words"])
    return re.compile(nouns), re.compile(rf"بناء\s+على\s+(?:{nouns})|\[.*(?:{nouns})")


@functools.cache
def field_start_re() -> re.Pattern[str]:
    """The blanks before a header field inside a line (a header run together on one line):
    the session, the agenda item, the adoption ("قرار اتخذته", "الذي اتخذه"), the committee
    report ("[بناء على"), the number and title ("78/150 - …")."""
    return re.compile(
        r"(?<=\S)\s+(?=البند\s+\d|الدورة\s|(?:الذي|قرار)\s+اتخذ|\[\s*بناء\s+على"
        r"|\d{1,4}/\d{1,4}\s*[-–]\s)"
    )


@functools.cache
def _ordinals() -> dict[str, dict[str, int]]:
    data = load_data("ordinals.json")
    return {
        "units": {match_key(k): v for k, v in data["units"].items()},
        "ten": {match_key(k): v for k, v in data["ten"].items()},
        "teen": {match_key(k): 0 for k in data["teen_words"]},
        "tens": {match_key(k): v for k, v in data["tens"].items()},
        "hundred": {match_key(k): v for k, v in data["hundred"].items()},
    }


def ordinal_value(phrase: str) -> int | None:
    """Return the number an Arabic ordinal phrase names ("السادسة والسبعون" -> 76).

    Args:
        phrase: Words starting with the ordinal; anything after it is ignored.

    Returns:
        The number, or ``None`` when ``phrase`` does not start with an ordinal.
    """
    o = _ordinals()
    words = [match_key(w.strip(_PUNCT_STRIP)) for w in phrase.split()]
    words = [w for w in words if w]
    if not words:
        return None
    w0 = words[0]
    nxt = words[1] if len(words) > 1 else ""
    if w0 in o["units"]:
        value = o["units"][w0]
        if nxt in o["teen"]:
            return value + 10
        if nxt.startswith("و") and nxt[1:] in o["tens"]:
            return value + o["tens"][nxt[1:]]
        return value
    for table in ("ten", "tens", "hundred"):
        if w0 in o[table]:
            return o[table][w0]
    return None


def _number_or_ordinal(phrase: str) -> int | None:
    phrase = phrase.strip()
    m = re.match(r"\d{1,4}", phrase)
    if m:
        return int(m.group(0))
    words = phrase.split()
    # "الدورة الاستثنائية الثامنة والعشرون", "الدورة العادية لعام 2021"
    for skip in range(min(3, len(words))):
        v = ordinal_value(" ".join(words[skip:]))
        if v is not None:
            return v
    y = re.search(r"(?<!\d)(\d{4})(?!\d)", phrase)
    if y:
        return int(y.group(1))
    return None


def session_of(line: str) -> int | None:
    """Return the session a header line such as "الدورة السادسة والسبعون" names."""
    m = _SESSION_RE.match(fold_digits(line.strip()))
    if not m:
        return None
    return _number_or_ordinal(m.group("rest"))


def normalise_resolution(first: str, second: str, *, session: int | None, body: str | None) -> str:
    """Return ``session/number`` (``year/number`` for ECOSOC) from a possibly reversed pair.

    A pair whose second part is the session (or a four-digit year) and whose first part is
    not was written backwards by right-to-left extraction and is put back in order.
    """
    a, b = int(first), int(second)
    if len(second) == 4 and len(first) < 4:
        a, b = b, a
    elif session is not None and b == session and a != session:
        a, b = b, a
    return f"{a}/{b}"


def is_header_line(scan: str) -> bool:
    """True when a stripped line (ASCII digits) looks like one of the header lines."""
    return bool(
        _SESSION_RE.match(scan)
        or _AGENDA_RE.match(scan)
        or _TITLE_RE.match(scan)
        or _SC_TITLE_RE.match(scan)
        or find_adoption(scan)
        or scan.startswith("[")
        or _report_res()[1].search(scan)
        or _RES_SYMBOL_RE.match(scan)
    )


def meeting_of(scan: str) -> tuple[str, str | None] | None:
    """Parse a closing line "الجلسة العامة 53" (+ date): ``(meeting, iso_date or None)``."""
    if len(scan) > 100:
        return None
    m = _MEETING_RE.match(scan.strip())
    if not m:
        return None
    rest = m.group("rest")
    num = re.match(r"\d{1,5}", rest)
    if num:
        meeting = num.group(0)
        tail = rest[num.end() :]
    else:
        v = ordinal_value(rest)
        if v is None:
            return None
        meeting = str(v)
        tail = rest
    return meeting, parse_date(tail)


def _run_on(
    scan: str, lines: Sequence[str], i: int, *, until: str = "", most: int = 2
) -> tuple[str, int]:
    """``scan`` with the next lines of its block joined to it (a field that a hard-wrapped
    text broke over lines): at most ``most`` lines, none blank or a header field of its own;
    with ``until``, only up to the line holding that character. Returns the joined scan and
    the index of the first line not used."""
    parts = [scan]
    while i < len(lines) and len(parts) <= most:
        nxt = fold_digits(squeeze_spaces(lines[i]))
        if not nxt or is_header_line(nxt):
            break
        parts.append(nxt)
        i += 1
        if until and until in nxt:
            break
    return " ".join(parts), i


def parse_header(lines: Sequence[str], closing: Sequence[str] = ()) -> Header:
    """Read header lines (before the opening formula) and closing lines into a Header.

    Args:
        lines: Header lines, markup stripped, in order; blank strings separate blocks.
        closing: Lines after the last paragraph ("الجلسة العامة 53", the date).

    Returns:
        A :class:`~qararat.model.Header` without ``opening`` (the parser sets it).
    """
    h = Header()
    pending_pair: tuple[str, str] | None = None
    i = 0
    n = len(lines)
    while i < n:
        raw = squeeze_spaces(lines[i])
        scan = fold_digits(raw)
        i += 1
        if not scan:
            continue
        if h.session is None and (s := session_of(scan)) is not None:
            h.session = s
            continue
        m = _AGENDA_RE.match(scan)
        if m and h.agenda_item is None:
            h.agenda_item = squeeze_spaces(m.group("items"))
            title_parts = []
            tail = scan[m.end() :].strip()
            tail = re.sub(r"^من\s+جدول\s+الأعمال\s*", "", tail).strip(_PUNCT_STRIP)
            if tail:
                title_parts.append(tail)
            while i < n and lines[i].strip() and not is_header_line(fold_digits(lines[i].strip())):
                title_parts.append(squeeze_spaces(lines[i]))
                i += 1
            if title_parts:
                h.agenda_title = " ".join(title_parts).strip(_PUNCT_STRIP + " ")
            continue
        code = find_adoption(scan)
        if code:
            if h.body is None:
                h.body = code
            if not date_regex().search(scan):
                # a hard-wrapped adoption line: its date runs on to the next line
                scan, i = _run_on(scan, lines, i)
            meet = _SC_MEETING_RE.search(scan)
            if meet and h.plenary_meeting is None:
                h.plenary_meeting = meet.group("num")
            date = parse_date(scan)
            if date and h.adopted is None:
                h.adopted = date
            if meet and date and h.plenary_date is None:
                h.plenary_date = date
            continue
        if raw.startswith("[") and "]" not in raw:
            scan, i = _run_on(scan, lines, i, until="]")
        if raw.startswith("[") or _report_res()[1].search(scan):
            if _report_res()[0].search(scan) and h.committee_report is None:
                sym = _SYMBOL_RE.search(scan)
                if sym:
                    h.committee_report = sym.group(0)
            continue
        sc = _SC_TITLE_RE.match(scan)
        if sc:
            h.resolution = f"{int(sc.group('num'))} ({sc.group('year')})"
            if h.body is None:
                h.body = "SC"
            continue
        t = _TITLE_RE.match(scan)
        if t and h.resolution is None:
            pending_pair = (t.group("first"), t.group("second"))
            parts = [raw[t.start("title") :]]
            while i < n and lines[i].strip() and not is_header_line(fold_digits(lines[i].strip())):
                parts.append(squeeze_spaces(lines[i]))
                i += 1
            h.title = " ".join(parts).strip()
            continue
        rs = _RES_SYMBOL_RE.match(scan)
        if rs:
            prefix = rs.group("prefix")
            for organ in organs():
                if prefix in organ.symbol_prefixes and h.body is None:
                    h.body = organ.code
            if h.resolution is None and pending_pair is None:
                num = rs.group("num")
                if rs.group("year"):
                    h.resolution = f"{num} ({rs.group('year')})"
                elif "/" in num:
                    first, second = num.split("/", 1)
                    pending_pair = (first, second)
            continue
    for j, line in enumerate(closing):
        scan = fold_digits(squeeze_spaces(line))
        met = meeting_of(scan)
        if met:
            h.plenary_meeting = met[0]
            date = met[1]
            if date is None and j + 1 < len(closing):
                # the date on the next line or two, perhaps wrapped across them
                nxt = fold_digits(" ".join(squeeze_spaces(x) for x in closing[j + 1 : j + 3]))
                if date_regex().search(nxt):
                    date = parse_date(nxt)
            if date:
                h.plenary_date = date
    if pending_pair is not None:
        h.resolution = normalise_resolution(*pending_pair, session=h.session, body=h.body)
    if h.plenary_meeting and h.plenary_date is None:
        # A resolution is adopted at the meeting its closing formula names.
        h.plenary_date = h.adopted
    if h.adopted is None and h.plenary_date is not None:
        h.adopted = h.plenary_date
    return h
