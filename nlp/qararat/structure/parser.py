"""Parse a resolution's text into header, paragraphs, sub-paragraphs and footnotes.

The parser works line by line in linear passes:

1. split the text into lines, keeping each line's offsets; strip markdown residue and fold
   Arabic-Indic digits in a copy used for matching;
2. find the opening formula ("إن الجمعية العامة،"): lines before it are the header, lines after
   it the body; a closing formula ("الجلسة العامة 53") ends the body;
3. walk the body: footnote lines ("(1) …") and page furniture are moved out; every other line
   starts a paragraph (a number "1 -", a letter "(أ)", a preambular opener "وإذ") or continues
   the previous one when that one is not finished (no final "،" "؛" "." ":") or when the line
   cannot start a paragraph where it stands. A continuation across a blank line or a footnote
   block is a page-break repair: the paragraph is marked ``rejoined``;
4. preambular paragraphs are those before the first numbered operative paragraph (or, in a text
   without numbers, before the first paragraph that opens with an operative verb);
5. check numbering, footnotes, and collect references per paragraph.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from qararat.layout import ENDS, WRAP_FULL, wrap_width
from qararat.model import Footnote, Paragraph, Reference, Resolution, Warning
from qararat.structure import footnotes as fn
from qararat.structure.header import (
    field_start_re,
    is_header_line,
    meeting_of,
    ordinal_value,
    parse_header,
)
from qararat.structure.organs import find_adoption, find_opening
from qararat.structure.references import locate_references
from qararat.structure.textutil import (
    fold_digits,
    load_data,
    match_key,
    rasm,
    squeeze_spaces,
    strip_bidi,
    strip_markup,
)

# Leading markdown list/heading/quote markers: "- ", "* ", "• ", "# ", "> ".
_LEAD_RE = re.compile(r"^(?:\s*(?:#{1,6}|>|[-–•+])(?=\s|\d))*\s*")
# Operative number: "1 - ", "1- ", "1 – ", "1. ", "1) " (not "5-2", not "2015-2018").
_NUM_RE = re.compile(r"^(\d{1,3})\s*[-–—‐.)](?:\s*[-–—‐](?=\s))?\s*(?!\d)(?=\S)")
# An operative number whose dash OCR misread ("1 < ترحب", "7 = تحث"), before an Arabic word.
_NUM_LOOSE_RE = re.compile(r"^(\d{1,3})\s*[<>=~_:*+]\s*(?=[\u0621-\u064a])")
# An operative number whose dash OCR lost ("2 يهيب"): only the expected number, before an
# operative verb ("1 إذ يسترشد" is a stray digit before the preamble).
_NUM_BARE_RE = re.compile(r"^(\d{1,3})\s+(?=[\u0621-\u064a]{2})")
# An operative number at the end of its line, where a PDF's visual order put it:
# "تحث الدول الأعضاء على …؛ - 2" or "… ؛ 2 -".
_NUM_END_RE = re.compile(r"^(?P<text>.*\S)\s*(?:[-–]\s*(?P<a>\d{1,3})|(?P<b>\d{1,3})\s*[-–])\s*$")
# A two-digit number OCR split in two, or a stray digit before the number: "1 1 - تحيط".
_NUM_SPLIT_RE = re.compile(r"^(\d)\s+(\d{1,2})\s*[-–—‐.)]\s*(?!\d)(?=\S)")
# Sub-paragraph letters: "(أ)", "(هـ)", "(a)", "(iv)", also with a stray vowel mark that OCR
# put on the letter ("(بٍ)"); and "أ - ".
_SUB_RE = re.compile(
    r"^\(\s*([\u0621-\u063a\u0641-\u064a]ـ?|[a-z]{1,2}|[ivx]{1,5})[\u064b-\u0652]?\s*\)\s*"
)
_SUB_DASH_RE = re.compile(r"^([\u0621-\u063a\u0641-\u064a]ـ?)\s*[-–]\s+(?=\S)")
# An operative number OCR could not read: "؟ - يؤيد", "” - تهيب", "ه - يطلب", "-يحث".
_GARBLED_NUM_RE = re.compile(
    r"^(?:[^\w\s]{1,3}|[\u0621-\u063a\u0641-\u064a]ـ?)?\s*[-–]\s*(?=[\u0621-\u064a])"
)
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
_WORD_RE = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0670]+")
_FURNITURE_RE = re.compile(
    r"^(?:[-–]?\s*\d{1,3}\s*[-–]?"  # page number "- 3 -"
    r"|\d{1,3}\s*/\s*\d{1,3}"  # "3/10"
    r"|\d{2}-\d{5}(?:\s*\([A-Z]\))?"  # job number "21-19486 (A)"
    r"|\*\s*\d{5,}\s*\*"
    r"|[A-Z][A-Za-z]{0,9}(?:\.\d+)?(?:/[A-Za-z0-9.]+)+\.?"  # a bare symbol
    r"|Distr\..*|GE\.\d{2}-\d+.*)$"
)
_SYMBOL_START_RE = re.compile(r"^[A-Z][A-Za-z]{0,9}(?:\.\d+)?(?:/[A-Za-z0-9.]+)+\s+(?P<rest>.*)$")
_TERMINAL = ENDS
_TRAIL_STRIP = " \t*\u200f\u200e"


@dataclass
class _Line:
    """A non-empty source line: offsets into the input and its cleaned forms."""

    start: int
    end: int
    clean: str  # markup and bidi controls removed, digits as written
    scan: str  # like ``clean`` with ASCII digits (same length)


@dataclass
class _Unit:
    """A paragraph being assembled from one or more lines."""

    kind: str
    number: str | None
    parent: int | None
    start: int
    end: int
    parts: list[str] = field(default_factory=list)
    rejoined: bool = False
    section: str | None = None
    _last: str | None = None

    def last_char(self) -> str:
        """The paragraph's final character, footnote markers and markup ignored."""
        if self._last is None:
            tail = fn.strip_markers(self.parts[-1]).rstrip(_TRAIL_STRIP)
            self._last = tail[-1:] if tail else ""
        return self._last

    def add(self, part: str, end: int) -> None:
        """Append a continuation line."""
        self.parts.append(part)
        self.end = end
        self._last = None


@dataclass
class _Footnote:
    number: int
    parts: list[str]


@functools.cache
def _openers() -> tuple[frozenset[str], frozenset[str], dict[str, list[tuple[str, ...]]]]:
    data = load_data("openers.json")
    particles = frozenset(match_key(w) for w in data["preambular_particles"])
    ocr = frozenset(match_key(w) for w in data["ocr_particles"])
    adverbials: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data["adverbials"]:
        keys = tuple(match_key(w) for w in phrase)
        adverbials.setdefault(keys[0], []).append(keys[1:])
    return particles, ocr, adverbials


@functools.cache
def _operative_leads() -> frozenset[str]:
    leads = set()
    for w in load_data("openers.json")["operative_leads"]:
        k = match_key(w)
        leads.add(k)
        if k.startswith("ت"):
            leads.add("ي" + k[1:])  # masculine organs: يقرر، يحث
    return frozenset(leads)


@functools.cache
def _sub_letters() -> frozenset[str]:
    return frozenset(match_key(w) for w in load_data("openers.json")["subparagraph_letters"])


@functools.cache
def _heading_words() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str]]:
    """(ordinal adverbs as folded word tuples by their first word, folded names of letters)."""
    data = load_data("openers.json")
    ordinals: dict[str, list[tuple[str, ...]]] = {}
    for o in data["section_ordinals"]:
        keys = tuple(_heading_key(w) for w in o.split())
        ordinals.setdefault(keys[0], []).append(keys)
    return ordinals, frozenset(_heading_key(w) for w in data["section_letters"])


def _heading_key(word: str) -> str:
    """A heading word compared by its letter skeleton: OCR's dot errors ("ثالتا") still match."""
    return rasm(match_key(word))


#: A heading's longest title, in words: titles are short; a paragraph is a sentence.
_HEADING_MAX_WORDS = 16


def section_heading(text: str) -> bool:
    """True when the line ``text`` is a section heading: "أولا - ولاية المقرر الخاص", "باء -
    التعاون الدولي", or the ordinal or letter name alone; never a line that ends a clause or
    sentence ("أولا، ترحب …؛")."""
    stripped = text.strip().rstrip("*").strip()
    if not stripped or stripped[-1] in _TERMINAL or not _ARABIC_RE.match(stripped.lstrip("*")):
        return False  # numbered paragraphs, sentences: most lines end here
    words = _WORD_RE.findall(stripped)
    if len(words) > _HEADING_MAX_WORDS + 2:
        return False
    ordinals, letters = _heading_words()
    first = _heading_key(words[0])
    n = next(
        (
            len(o)
            for o in ordinals.get(first, ())
            if tuple(_heading_key(w) for w in words[: len(o)]) == o
        ),
        0,
    )
    if not n and first in letters:
        n = 1
    if not n:
        return False
    if len(words) == n:
        return not re.search(r"\d", stripped)
    # a title must follow a dash: "ألف - …" ("ألف دولار" is a thousand dollars)
    head = re.match(r"^[\u0621-\u064a\u064b-\u0652\u0640 ]+?\s*[-–—:+=~_]\s*\S", stripped)
    return head is not None and len(_WORD_RE.findall(stripped[: head.end() - 1])) == n


def _first_words(text: str, n: int = 3) -> list[str]:
    return [match_key(w) for w in _WORD_RE.findall(text[:120])[:n]]


def is_preambular_opener(text: str) -> bool:
    """True when ``text`` starts like a preambular paragraph ("وإذ تشير", "واقتناعا منها").

    OCR forms of إذ ("وإن", "وإنه") count only when the next word looks like an imperfect
    verb (starts with ت or ي), as in "وإن تكرر".
    """
    words = _first_words(text)
    if not words:
        return False
    particles, ocr, adverbials = _openers()
    w0 = words[0]
    if w0 in particles:
        return True
    if w0 in ocr and len(words) > 1 and words[1][:1] in ("ت", "ي") and len(words[1]) >= 3:
        return True
    for cand in (w0, w0[1:] if w0.startswith("و") else None):
        if cand and cand in adverbials:
            for rest in adverbials[cand]:
                if tuple(words[1 : 1 + len(rest)]) == rest:
                    return True
    return False


def is_operative_lead(text: str) -> bool:
    """True when ``text`` opens with an operative verb ("تقرر", "يحث", "وتطلب")."""
    words = _first_words(text, 1)
    if not words:
        return False
    leads = _operative_leads()
    w0 = words[0]
    return w0 in leads or (w0.startswith("و") and w0[1:] in leads)


def _split_lines(text: str) -> list[_Line | None]:
    """Split into lines; ``None`` for blank lines (page breaks count as line breaks)."""
    out: list[_Line | None] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        if not stripped:
            out.append(None)
        else:
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            end = start + len(stripped)
            clean = strip_markup(strip_bidi(stripped)).strip()
            if not clean or not any(ch.isalnum() for ch in clean):
                out.append(None)
            else:
                out.append(_Line(start, end, clean, fold_digits(clean)))
        pos += len(raw)
    return out


def _body_of(line: _Line) -> tuple[str, str]:
    """Strip leading list markers: return (clean, scan) of the rest."""
    m = _LEAD_RE.match(line.scan)
    k = m.end() if m else 0
    return line.clean[k:], line.scan[k:]


_ALEFS = "اأإآٱ"


def _find_openings(lines: list[_Line | None]) -> list[tuple[int, str, str | None, str]]:
    """(line index, formula, organ code, rest of line) of every opening formula line."""
    out: list[tuple[int, str, str | None, str]] = []
    for i, line in enumerate(lines):
        if line is None:
            continue
        body, scan = _body_of(line)
        if body.lstrip(" \t*#>-")[:1] not in _ALEFS:
            continue  # the formula opens with إن (or an alef OCR left of it)
        found = find_opening(body)
        if found is None:
            continue
        formula, code, rest = found
        has_punct = formula[-1:] in "،,:;؛."
        if rest and not (has_punct and is_preambular_opener(rest)):
            continue
        out.append((i, formula, code, rest))
    return out


@dataclass
class _Block:
    """A run of body lines parsed on its own: a part of the resolution, or an annex."""

    part: str | None  # "ألف", "باء" …, or the annex heading ("المرفق")
    title: str | None
    lines: list[_Line | None]
    annex: bool = False


#: The ``part`` of the paragraphs of a draft quoted in a resolution ("يوصي الجمعية العامة
#: باعتماد مشروع القرار التالي: إن الجمعية العامة، …").
_DRAFT_PART = "مشروع قرار"


@functools.cache
def _annex_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in load_data("openers.json")["annex_headings"])


def _is_annex_heading(text: str) -> bool:
    """ "المرفق", "مرفق", "المرفق الثاني": an annex word (``annex_headings``), an ordinal after
    it at most."""
    words = match_key(text.strip("* ")).split()
    if not 1 <= len(words) <= 2:
        return False
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    if head not in _annex_words():
        return False
    if len(words) == 1:
        return True
    nth = words[1] if words[1].startswith("ال") else "ال" + words[1]
    return ordinal_value(nth) is not None


def _find_annexes(lines: list[_Line | None], first_body: int) -> list[int]:
    """Indices of annex heading lines after the opening."""
    return [
        i
        for i in range(first_body, len(lines))
        if (line := lines[i]) is not None
        and len(line.clean) <= 30
        and _is_annex_heading(_body_of(line)[0])
    ]


#: Words a line needs to be read as a paragraph of prose in a text without structure.
_PROSE_MIN_WORDS = 10

#: The ``part`` of an annex whose heading OCR destroyed.
_ANNEX = "المرفق"
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Lines of text after the closing meeting line that make an annex of them.
_ANNEX_MIN_LINES = 3


def _unheaded_annex(lines: list[_Line | None], after: int) -> int | None:
    """Where an annex begins whose heading is unreadable: after the resolution's closing
    meeting line (the first after its last opening formula), at least three lines of text
    that are not the closing's date, footnotes, furniture or OCR debris. Returns the index of
    its first such line, or None."""
    meeting = None
    for i in range(after + 1, len(lines)):
        line = lines[i]
        if line is not None and meeting_of(_body_of(line)[1]):
            meeting = i
            break
    if meeting is None:
        return None
    text_lines: list[int] = []
    for i in range(meeting + 1, len(lines)):
        line = lines[i]
        if line is None:
            continue
        body, scan = _body_of(line)
        words = [w for w in _WORD_RE.findall(body) if len(w) >= 3]
        dated = _YEAR_RE.search(scan) and len(words) <= 5
        if fn.footnote_line(scan) or _is_furniture(scan, None) or len(words) < 3 or dated:
            continue  # the date, a footnote, a page number, a line of scanner noise
        text_lines.append(i)
    return text_lines[0] if len(text_lines) >= _ANNEX_MIN_LINES else None


def _annex_title(lines: list[_Line | None], start: int, end: int) -> tuple[str | None, int]:
    """The title lines right after an annex heading ("الإعلان السياسي …"): up to three short
    lines without final punctuation or numbering. Returns (title, index of the first line of
    the annex's text)."""
    parts: list[str] = []
    i = start
    while i < end and len(parts) < 3:
        line = lines[i]
        if line is None:
            i += 1
            continue
        body, scan = _body_of(line)
        words = _WORD_RE.findall(body)
        if (
            not words
            or len(words) > _HEADING_MAX_WORDS + 8
            or body.rstrip(_TRAIL_STRIP)[-1:] in _TERMINAL
            or _NUM_RE.match(scan)
            or fn.footnote_line(scan)
            or is_preambular_opener(body)
        ):
            break
        parts.append(body.strip("* "))
        i += 1
    return (squeeze_spaces(" ".join(parts)) if parts else None), i


def _is_part_label(line: _Line | None) -> bool:
    if line is None:
        return False
    words = _WORD_RE.findall(line.clean)
    return (
        len(words) == 1
        and _heading_key(words[0]) in _heading_words()[1]
        and len(line.clean.strip("*- ")) == len(words[0])
    )


def _part_label_at(lines: list[_Line | None]) -> int:
    """Index of the last part label line ("باء" alone) in ``lines``, or ``len(lines)``."""
    for i in range(len(lines) - 1, -1, -1):
        if _is_part_label(lines[i]):
            return i
    return len(lines)


def _part_heading(
    preface: list[_Line | None], default: str | None
) -> tuple[str | None, str | None]:
    """(part label, part title) from the lines before a part's opening formula."""
    rest = [ln for ln in preface if ln is not None]
    label = default
    if rest and _is_part_label(rest[0]):
        label = rest.pop(0).clean.strip("*- ")
    title = squeeze_spaces(" ".join(_body_of(ln)[0].strip("* ") for ln in rest)) or None
    return label, title


def _find_closing(lines: list[_Line | None], first: int) -> int:
    """Index of the closing meeting line ("الجلسة العامة 53") or ``len(lines)``."""
    seen = 0
    for i in range(len(lines) - 1, first - 1, -1):
        line = lines[i]
        if line is None:
            continue
        body, scan = _body_of(line)
        if fn.footnote_line(scan):
            continue
        if meeting_of(scan):
            return i
        seen += 1
        if seen > 6:
            break
    return len(lines)


def _is_furniture(scan: str, title_key: str | None, *, alone: bool = False) -> bool:
    """Page numbers, job numbers, running heads; with ``alone`` (blank lines around the line)
    also OCR debris: a short line without any Arabic letter ("622 6.")."""
    if _FURNITURE_RE.match(scan):
        return True
    if alone and len(scan) <= 40 and not _ARABIC_RE.search(scan):
        return True
    m = _SYMBOL_START_RE.match(scan)
    if m and title_key:
        rest = " ".join(match_key(m.group("rest")).split())
        return bool(rest) and (title_key.startswith(rest) or rest.startswith(title_key))
    return False


def _has_marker(line: _Line) -> bool:
    """True when the line begins with a markdown list/heading marker ("- ", "* ", "#")."""
    m = _LEAD_RE.match(line.scan)
    return bool(m and line.scan[: m.end()].strip())


def _closed_hard(unit: _Unit) -> bool:
    """True when the unit ends a sentence ("؛", ".", ":"), not merely a clause ("،")."""
    return unit.last_char() in "؛;.:!؟?"


def _closed(unit: _Unit) -> bool:
    return unit.last_char() in _TERMINAL


def _continues(prev: _Unit, body: str, region: str, *, after_full: bool = False) -> bool:
    """Whether a line that starts no paragraph by itself continues ``prev``.

    ``after_full``: the text is hard-wrapped and the line before this one ran to the wrap
    width, so a comma or colon there is where the wrap fell, not where a paragraph ended.
    """
    end = prev.last_char()
    if end not in _TERMINAL or (after_full and end == ":"):
        return True
    if end in "،,":
        if region == "preamble" and not after_full:
            # Preambular paragraphs after the first begin with و; a line that does not, after
            # a comma, is the rest of a sentence cut by a page break.
            words = _WORD_RE.findall(body[:40])
            return not (words and words[0].startswith("و"))
        return True
    return False


def _sub_number(letter: str) -> str:
    letter = letter.replace("ـ", "")
    return "هـ" if letter == "ه" else letter


def _rest_line(text: str, line: _Line, rest: str) -> _Line:
    """What follows the opening formula on its line ("إن الجمعية العامة، إذ تشير …"), as a
    line of its own."""
    off = text.find(rest[:12], line.start, line.end)
    return _Line(off if off >= 0 else line.start, line.end, rest, fold_digits(rest))


def _layout(
    text: str,
    lines: list[_Line | None],
    openings: list[tuple[int, str, str | None, str]],
    first_body: int,
) -> tuple[int, list[_Block], list[list[_Line | None]], list[_Line | None]]:
    """Cut the document into its header, its parts, quoted drafts and annexes.

    Returns ``(end of the header lines, blocks, closing lines of each block, the closing
    lines of the resolution itself)``; the last are read into the header.
    """
    annex_at = _find_annexes(lines, first_body)
    unheaded = None if annex_at else _unheaded_annex(lines, openings[-1][0] if openings else 0)
    if unheaded is not None:
        annex_at = [unheaded]
    body_end = annex_at[0] if annex_at else len(lines)
    # a later opening after a closing meeting line starts a new part; one without (a draft
    # recommended to another organ: "… مشروع القرار التالي: إن الجمعية العامة،") is text
    starts: list[tuple[int, str]] = []  # (opening line index, rest of its line)
    embedded: dict[int, str] = {}  # the same for drafts quoted in a paragraph
    for o_idx, _, _, rest in openings:
        if o_idx >= body_end:
            break
        if not starts or _find_closing(lines[:o_idx], starts[-1][0] + 1) < o_idx:
            starts.append((o_idx, rest))
        else:
            embedded[o_idx] = rest
    blocks: list[_Block] = []
    header_end = starts[0][0] if starts else first_body
    if not starts:
        blocks.append(_Block(None, None, lines[first_body:body_end]))
    for k, (o_idx, rest) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else body_end
        line = lines[o_idx]
        head: list[_Line | None] = (
            [_rest_line(text, line, rest)] if rest and line is not None else []
        )
        blocks.append(_Block(None, None, head + lines[o_idx + 1 : end]))
    # each part's closing meeting line; what follows it up to the next part's opening is that
    # part's closing and the next part's heading ("باء", its title)
    prefaces: list[list[_Line | None]] = [[] for _ in blocks]
    closings: list[list[_Line | None]] = []
    for k, b in enumerate(blocks):
        close = _find_closing(b.lines, 0)
        tail = b.lines[close:]
        if k + 1 < len(blocks):
            cut = _part_label_at(tail)
            prefaces[k + 1] = tail[cut:]
            tail = tail[:cut]
        b.lines = b.lines[:close]
        closings.append(tail)
    if len(blocks) > 1:
        cut = _part_label_at(lines[:header_end])
        prefaces[0] = lines[cut:header_end]
        header_end = cut
        letters = load_data("openers.json")["section_letters"]
        for k, b in enumerate(blocks):
            b.part, b.title = _part_heading(prefaces[k], letters[k] if k < len(letters) else None)
    if embedded:
        blocks, closings = _split_drafts(text, lines, embedded, blocks, closings)
    resolution_closing = closings[-1]
    # annexes: each from its heading to the next (the heading and a short title line or two)
    for k, a_idx in enumerate(annex_at):
        end = annex_at[k + 1] if k + 1 < len(annex_at) else len(lines)
        heading = lines[a_idx]
        assert heading is not None
        if a_idx == unheaded:  # OCR destroyed the heading: the text starts here
            name, (title, first) = _ANNEX, _annex_title(lines, a_idx, end)
        else:
            name = squeeze_spaces(_body_of(heading)[0].strip("* "))
            title, first = _annex_title(lines, a_idx + 1, end)
        blocks.append(_Block(name, title, lines[first:end], annex=True))
        closings.append([])
    return header_end, blocks, closings, resolution_closing


def _split_drafts(
    text: str,
    lines: list[_Line | None],
    embedded: dict[int, str],
    blocks: list[_Block],
    closings: list[list[_Line | None]],
) -> tuple[list[_Block], list[list[_Line | None]]]:
    """A draft quoted after "… مشروع القرار التالي:" runs to its part's closing; its
    paragraphs are another organ's, so they are read like an annex's."""
    starts = {id(lines[e]): rest for e, rest in embedded.items()}
    out: list[_Block] = []
    out_closings: list[list[_Line | None]] = []
    for b, closing in zip(blocks, closings, strict=True):
        at = next((k for k, ln in enumerate(b.lines) if id(ln) in starts and ln), None)
        if at is None:
            out.append(b)
            out_closings.append(closing)
            continue
        line = b.lines[at]
        assert line is not None
        rest = starts[id(line)]
        head: list[_Line | None] = [_rest_line(text, line, rest)] if rest else []
        draft = _Block(_DRAFT_PART, None, head + b.lines[at + 1 :], annex=True)
        b.lines = b.lines[:at]
        out += [b, draft]
        out_closings += [[], closing]
    return out, out_closings


def _check_numbering(paragraphs: list[Paragraph], *, annex: bool) -> list[Warning]:
    """Repair and check one part's operative numbering; an annex's own numbering is repaired
    from its first numbered paragraph ("نحن …" comes before)."""
    if not annex:
        return _repair_numbers(paragraphs) + _numbering_warnings(paragraphs)
    numbered = [k for k, p in enumerate(paragraphs) if (p.number or "").isdigit()]
    if not numbered:
        return []
    return _repair_numbers([p for p in paragraphs[numbered[0] :] if p.parent is None], "annex")


#: A line at least this long may hold a whole resolution written on one line.
_FLAT_MIN_CHARS = 400
#: Characters after "إن" within which an opening formula is looked for on such a line.
_FLAT_FORMULA_SPAN = 160
_FLAT_FORMULA_RE = re.compile(r"(?<!\S)[إاأ]ن\s+(?=ال|مجلس|لجن|مؤتمر|هيئ)")
_FLAT_NUMBER_RE = re.compile(r"(?<=[؛;،,.:])\s+(?:[-–•*]\s+)?(\d{1,3})\s*[-–]\s")
_FLAT_SUB_RE = re.compile(r"(?<=[:؛;،,])\s+\((?:[\u0621-\u064a]{1,2}|[a-z]{1,4})\)\s")
_FLAT_CLOSING_RE = re.compile(r"(?<=[.])\s+(?=الجلسة\s)")
_FLAT_OPENER_RE = re.compile(r"(?<=[،,])\s+(?=\S)")
_FLAT_NOTE_RE = re.compile(r"(?<=[.،,؛;:])\s+\((\d{1,2})\)\s")


@functools.cache
def _misread_and_if() -> tuple[str, ...]:
    """OCR's readings of "وإذ" (``ocr_particles`` in ``openers.json``) written with the hamza
    below, followed by a space: no coordinated clause after a comma begins with them, as "وأن"
    does."""
    data = load_data("openers.json")
    return tuple(f"{w} " for w in data["ocr_particles"] if w.startswith("وإ"))


def restore_line_breaks(text: str) -> str:
    """``text`` with line breaks put back where a resolution written on one line (a
    spreadsheet cell, a JSON field, a web page's text) has its paragraph breaks.

    Only a line that holds most of the text and the opening formula ("إن الجمعية العامة،") or
    an operative numbering from 1 is split: before the header's fields and the formula, after
    the formula, before every preambular opener after a comma ("، وإذ", "، واقتناعا منها"),
    before every operative number that continues the numbering after a paragraph's final
    punctuation ("؛ 2 - "), before a sub-paragraph letter after a colon or semicolon ("(أ)"),
    before a footnote "(1) …" that a marker refers to, and before the closing meeting line. A
    break replaces the space before it, so every offset is kept. Text with its line breaks
    comes back unchanged.
    """
    out: list[str] | None = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if len(line) < _FLAT_MIN_CHARS or len(line) < 0.5 * len(text):
            continue  # a long paragraph of a text with its lines (a quoted draft) stays whole
        formula = next(
            (
                m.start()
                for m in _FLAT_FORMULA_RE.finditer(line)
                if find_opening(line[m.start() : m.start() + _FLAT_FORMULA_SPAN])
            ),
            None,
        )
        numbers: list[int] = []
        expected = 1
        for m in _FLAT_NUMBER_RE.finditer(line):  # \d and int() read Arabic-Indic digits
            if int(m.group(1)) == expected and (formula is None or m.start() > formula):
                numbers.append(m.start())
                expected += 1
        if formula is None and len(numbers) < 2:
            continue
        breaks = set(numbers)
        first_operative = numbers[0] if numbers else len(line)
        if formula is not None:
            if formula > 0:
                breaks.add(formula)
                breaks.update(m.start() for m in field_start_re().finditer(line[:formula]))
            found = find_opening(line[formula:])
            rest = found[2] if found else ""
            after = line.find(rest[:12], formula) if rest else -1
            if after > formula:
                breaks.add(after)
            particles, ocr_forms, _ = _openers()
            not_after_comma = (ocr_forms - particles) | {"اذ"}
            for m in _FLAT_OPENER_RE.finditer(line, max(after, formula), first_operative):
                # after a comma "وإذ …" opens a paragraph; a bare causal "إذ" and "وأن" do not,
                # but OCR's "وإن"/"وإنه" before a verb does ("، وأن تتخذ" is a clause)
                first = _first_words(line[m.end() :], 1)
                misread = line.startswith(_misread_and_if(), m.end())
                if first and (first[0] not in not_after_comma or misread):
                    if is_preambular_opener(line[m.end() :]):
                        breaks.add(m.start())
        # footnotes "(1) …" that a marker "⁽¹⁾" earlier in the line refers to
        referenced = {n for _, _, n in fn.find_markers(line)}
        breaks.update(
            m.start() for m in _FLAT_NOTE_RE.finditer(line) if int(m.group(1)) in referenced
        )
        breaks.update(m.start() for m in _FLAT_SUB_RE.finditer(line, formula or 0))
        breaks.update(m.start() for m in _FLAT_CLOSING_RE.finditer(line, first_operative))
        if out is None:
            out = list(text)
        for b in breaks:
            # a break is where a new line's text starts, or the blanks before it: the last
            # blank before that text becomes the line break
            k = b
            while k < len(line) and line[k] in " \t":
                k += 1
            if 0 < k and line[k - 1] in " \t":
                out[start + k - 1] = "\n"
    return text if out is None else "".join(out)


def parse(text: str, *, doc_id: str = "", source: str = "<string>") -> Resolution:
    """Parse cleaned resolution text into a :class:`~qararat.model.Resolution`.

    A text may hold several parts ("ألف", "باء": each with its own "إن الجمعية العامة،" and
    closing meeting line, and its own numbering) and annexes after the closing ("المرفق"):
    part paragraphs carry ``part``; annex paragraphs are of kind ``annex`` and carry the
    annex heading as ``part``.

    Args:
        text: Normalised/corrected text; OCR noise, markdown residue, Arabic-Indic digits and
            footnote blocks at page breaks are tolerated.
        doc_id: Identifier stored on the result.
        source: Where the text came from (path, ``<string>``, ``<stdin>``).

    Returns:
        The resolution with header, paragraphs (``start``/``end`` are offsets into ``text``),
        footnotes, references and warnings filled; clause and theme fields are left empty.
    """
    warnings: list[Warning] = []
    text_in = text
    text = restore_line_breaks(text)
    lines = _split_lines(text)
    openings = _find_openings(lines)
    opening_text: str | None = None
    opening_organ: str | None = None
    if openings:
        first_idx, opening_text, opening_organ, _ = openings[0]
        first_body = first_idx + 1
    else:
        warnings.append(Warning("opening_missing", "no opening formula (إن <organ>،) found"))
        first_body = _guess_body_start(lines)
    header_end, blocks, closings, final = _layout(text, lines, openings, first_body)
    header_lines = lines[:header_end]
    header = parse_header(
        [_body_of(ln)[0] if ln else "" for ln in header_lines],
        [_body_of(ln)[0] if ln else "" for ln in final],
    )
    header.opening = opening_text
    if header.body is None:
        header.body = opening_organ
    title_key = " ".join(match_key(header.title).split()) if header.title else None

    units: list[_Unit] = []
    unit_block: list[_Block] = []
    footnotes: list[Footnote] = []
    for b, closing in zip(blocks, closings, strict=True):
        b_units, b_notes, fn_warnings = _assemble(b.lines, closing, title_key)
        offset = len(units)
        for u in b_units:
            if u.parent is not None:
                u.parent += offset
            if b.annex:
                u.kind = "annex"
            if u.section is None and b.annex:
                u.section = b.title
        units.extend(b_units)
        unit_block.extend([b] * len(b_units))
        footnotes.extend(b_notes)
        warnings.extend(fn_warnings)
    footnotes = _first_of_each(footnotes, warnings)  # a part or annex may repeat a number

    paragraphs: list[Paragraph] = []
    for i, (u, b) in enumerate(zip(units, unit_block, strict=True)):
        joined = " ".join(u.parts)
        refs: list[int] = []
        for _, _, n in fn.find_markers(joined):
            if n not in refs:
                refs.append(n)
        paragraphs.append(
            Paragraph(
                index=i,
                kind=u.kind,  # type: ignore[arg-type]
                text=squeeze_spaces(fn.strip_markers(joined)),
                number=u.number,
                parent=u.parent,
                footnote_refs=refs,
                start=u.start,
                end=u.end,
                rejoined=u.rejoined,
                section=u.section,
                part=b.part,
            )
        )
        if u.rejoined:
            label = f"{u.kind} paragraph {u.number}" if u.number else f"{u.kind} paragraph"
            warnings.append(
                Warning(
                    "paragraph_rejoined",
                    f"paragraph {i} ({label}) was split by a page break and rejoined "
                    f"({len(u.parts)} parts)",
                )
            )
    for b in blocks:  # numbering runs per part, and per annex
        own = [p for p, pb in zip(paragraphs, unit_block, strict=True) if pb is b]
        warnings.extend(_check_numbering(own, annex=b.annex))
    if not paragraphs and not openings:
        # no resolution structure at all (a decision: "في الجلسة العامة 52 … قررت الجمعية
        # العامة …"): its sentences are still the text to analyse
        for ln in lines:
            if ln is None or len(_WORD_RE.findall(ln.clean)) < _PROSE_MIN_WORDS:
                continue  # header lines, titles, dates are short
            if fn.footnote_line(_body_of(ln)[1]) or find_adoption(ln.scan):
                continue
            text_ = squeeze_spaces(fn.strip_markers(_body_of(ln)[0]))
            paragraphs.append(
                Paragraph(len(paragraphs), "operative", text_, start=ln.start, end=ln.end)
            )
        if paragraphs:
            warnings.append(
                Warning(
                    "no_structure",
                    f"no opening formula and no numbered paragraphs: {len(paragraphs)} lines "
                    "of prose read as unnumbered paragraphs",
                )
            )
    if not paragraphs:
        warnings.append(Warning("no_paragraphs", "no paragraphs found"))
    warnings.extend(_footnote_warnings(paragraphs, footnotes))
    closing_lines = [ln for c in closings for ln in c]

    references: list[Reference] = []
    organ = header.body
    for ln in header_lines:
        if ln is not None:
            references.extend(r for _, r in locate_references(ln.clean, organ))
    for p in paragraphs:
        for _, r in locate_references(p.text, organ):
            r.paragraph_index = p.index
            references.append(r)
    for f in footnotes:
        references.extend(r for _, r in locate_references(f.text, organ))
    for ln in closing_lines:
        if ln is not None and not fn.footnote_line(_body_of(ln)[1]):
            references.extend(r for _, r in locate_references(ln.clean, organ))

    return Resolution(
        doc_id=doc_id,
        source=source,
        text=text_in,
        header=header,
        paragraphs=paragraphs,
        footnotes=footnotes,
        references=references,
        warnings=warnings,
    )


def _guess_body_start(lines: list[_Line | None]) -> int:
    """Without an opening formula: the first line that starts a paragraph, else after the
    leading header lines. One numbered line before the first preambular opener is the
    header's title line ("7- تعددية اللغات" for "78/271 - …"), not an operative paragraph."""
    last_header = -1
    numbered: list[int] = []
    for i, line in enumerate(lines):
        if line is None:
            continue
        body, scan = _body_of(line)
        if is_preambular_opener(body):
            return i if len(numbered) <= 1 else numbered[0]
        if _NUM_RE.match(scan):
            numbered.append(i)
            if len(numbered) > 1:
                return numbered[0]
            continue
        if not numbered and (is_header_line(scan) or find_adoption(scan)):
            last_header = i
    return numbered[0] if numbered else last_header + 1


def _assemble(
    segment: list[_Line | None], closing: list[_Line | None], title_key: str | None
) -> tuple[list[_Unit], list[Footnote], list[Warning]]:
    """Group body lines into paragraphs and footnotes."""
    warnings: list[Warning] = []
    referenced: set[int] = set()
    has_numbers = False
    # Layout: when (nearly) every preambular opener follows a blank line, paragraphs are
    # blank-separated, and an opener right after a non-blank line is a wrapped line's start.
    openers_after_gap = openers_adjacent = 0
    after_gap = True
    for line in segment:
        if line is None:
            after_gap = True
            continue
        referenced.update(n for _, _, n in fn.find_markers(line.clean))
        body, scan = _body_of(line)
        if not has_numbers and (_NUM_RE.match(scan) or _number_at_end(scan)):
            has_numbers = True
        if not _has_marker(line) and is_preambular_opener(body):
            if after_gap:
                openers_after_gap += 1
            else:
                openers_adjacent += 1
        after_gap = bool(fn.footnote_line(scan))
    n_openers = openers_after_gap + openers_adjacent
    blank_separated = n_openers >= 3 and openers_after_gap >= 0.75 * n_openers
    # Hard-wrapped without blank lines between paragraphs: a line that ran to the wrap width
    # and ends with a comma is a wrap inside a paragraph; what follows it continues the
    # paragraph unless it opens one itself ("وإذ …", a number).
    width = wrap_width([line.clean if line else "" for line in segment])
    full_width = WRAP_FULL * width or float("inf")
    after_full = False

    units: list[_Unit] = []
    notes: list[_Footnote] = []
    region = "preamble"
    gap = False
    after_note = False
    last_number = 0
    last_main: int | None = None  # index of the last preambular/operative unit

    def sub_context() -> bool:
        if not units:
            return False
        u = units[-1]
        return u.last_char() == ":" or (u.kind == "subparagraph" and (u.number or "").isdigit())

    n_body = len(segment)
    sequence = segment + [None] + closing
    section: str | None = None  # the heading the paragraphs stand under ("أولا - …")
    after_heading = False
    for pos, line in enumerate(sequence):
        if line is None:
            gap = True
            after_note = False
            continue
        body, scan = _body_of(line)
        # a hard-wrapped line under a full one that ended mid-sentence is that sentence's
        # next line, whatever its first word ("أن تحترم", "إذ يودي", "2690 (2023)"); where
        # blank lines separate paragraphs, only a line with none before it
        wrapped_on = (
            after_full
            and not (gap and blank_separated)
            and bool(units)
            and not after_heading
            and not _closed(units[-1])
        )
        note = fn.footnote_line(scan)
        if note and wrapped_on and note[0] not in referenced:
            note = None
        paren_number = None
        if (
            note
            and note[0] == last_number + 1
            and pos < n_body
            and not sub_context()
            and is_operative_lead(body[note[1] :])
        ):
            # "(3) تطلب إلى …": numbered like a footnote, but it continues the numbering and
            # opens with an operative verb, as no footnote does
            paren_number, note = note, None
        if note and (note[0] in referenced or not sub_context()):
            notes.append(_Footnote(note[0], [body[note[1] :]]))
            gap = True
            after_note = True
            continue
        if pos > n_body:
            continue
        if section_heading(body):
            # a heading is no paragraph; the paragraph before it ends here
            section = squeeze_spaces(body.strip().strip("*").strip())
            after_heading = True
            after_note = False
            continue
        n_units = len(units)
        num = _NUM_RE.match(scan)
        num_value, num_end = (num.group(1), num.end()) if num else (None, 0)
        if paren_number is not None:
            num_value, num_end = str(paren_number[0]), paren_number[1]
        if num_value is None and has_numbers and not wrapped_on:
            num_value, num_end = _damaged_number(scan, last_number + 1)
        if num_value is None and has_numbers:
            at_end = _number_at_end(scan)
            if at_end is not None and int(at_end[0]) == last_number + 1:
                num_value, num_end = at_end[0], 0
                body, scan = body[: at_end[1]], scan[: at_end[1]]
        sub = _SUB_RE.match(scan)
        if (
            sub is None
            and units
            and (units[-1].last_char() == ":" or units[-1].kind == "subparagraph")
        ):
            sub = _SUB_DASH_RE.match(scan)  # "أ - …" only where sub-paragraphs are expected
        if sub and not (
            match_key(sub.group(1)) in _sub_letters()
            or sub.group(1).isascii()
            or (note and sub_context())
        ):
            sub = None
        if note and sub is None and sub_context():
            # "(1)" numbering sub-paragraphs of a paragraph ending with ":".
            sub_num: str | None = str(note[0])
            sub_len = note[1]
        else:
            sub_num, sub_len = None, 0
        garbled = (
            None if (num_value or sub or sub_num or wrapped_on) else _GARBLED_NUM_RE.match(scan)
        )
        if (
            not (num_value or sub or sub_num or garbled)
            and units
            and (units[-1].last_char() == ":" or units[-1].kind == "subparagraph")
        ):
            # "(أ)" as OCR left it ("0 ضمان …", "ب) رصد …", "]) تحسين …"): the next letter
            sub_num, sub_len = _garbled_sub_label(body, scan, units[-1])
        starts = bool(num_value or sub or sub_num or garbled or is_preambular_opener(body))
        if after_note and notes and not starts and not notes[-1].parts[-1].rstrip().endswith("."):
            notes[-1].parts.append(body)
            continue
        after_note = False
        alone = gap and (pos + 1 >= len(sequence) or sequence[pos + 1] is None)
        if _is_furniture(scan, title_key, alone=alone):
            gap = True
            continue
        prev = None if after_heading else (units[-1] if units else None)
        if num_value:
            n = int(num_value)
            if prev is not None and not _closed(prev) and n != last_number + 1:
                num_value = None
        if num_value:
            n = int(num_value)
            units.append(_Unit("operative", str(n), None, line.start, line.end, [body[num_end:]]))
            last_number = n
            region = "operative"
            last_main = len(units) - 1
        elif sub or sub_num:
            if sub:
                letter, k = _sub_number(sub.group(1)), sub.end()
            else:
                letter, k = sub_num or "", sub_len
            units.append(_Unit("subparagraph", letter, last_main, line.start, line.end, [body[k:]]))
        elif garbled:
            # a numbered paragraph whose number OCR destroyed; numbered later from its place
            units.append(
                _Unit("operative", None, None, line.start, line.end, [body[garbled.end() :]])
            )
            region = "operative"
            last_main = len(units) - 1
        elif prev is None:
            kind = "preambular" if region == "preamble" else "operative"
            units.append(_Unit(kind, None, None, line.start, line.end, [body]))
            last_main = len(units) - 1
        elif (
            blank_separated
            and not gap
            and not _has_marker(line)
            and (after_full or not _closed_hard(prev))
        ):
            # blank lines separate paragraphs: an adjacent line is a wrapped line, even when
            # it happens to begin with "وإذ …" or "و…", or when the full line above it ends
            # with a full stop (OCR reads "،" as "." too)
            prev.add(body, line.end)
        elif (
            not has_numbers
            and region == "preamble"
            and is_operative_lead(body)
            and (gap or _closed(prev))
            and not wrapped_on
        ):
            region = "operative"
            units.append(_Unit("operative", None, None, line.start, line.end, [body]))
            last_main = len(units) - 1
        elif region == "preamble" and not wrapped_on and is_preambular_opener(body):
            units.append(_Unit("preambular", None, None, line.start, line.end, [body]))
            last_main = len(units) - 1
        elif not _has_marker(line) and _continues(prev, body, region, after_full=after_full):
            prev.add(body, line.end)
            if gap:
                prev.rejoined = True
        else:
            kind = "preambular" if region == "preamble" else "operative"
            units.append(_Unit(kind, None, None, line.start, line.end, [body]))
            last_main = len(units) - 1
        if len(units) > n_units:
            units[-1].section = section
            after_heading = False
        gap = False
        after_full = len(line.clean.strip()) >= full_width

    footnotes = [Footnote(n.number, squeeze_spaces(" ".join(n.parts))) for n in notes]
    return units, _first_of_each(footnotes, warnings), warnings


def _first_of_each(footnotes: list[Footnote], warnings: list[Warning]) -> list[Footnote]:
    """The first footnote of each number; a repeated one is reported and dropped."""
    seen: set[int] = set()
    out: list[Footnote] = []
    for f in footnotes:
        if f.number in seen:
            warnings.append(
                Warning("footnote_repeat", f"footnote {f.number} appears more than once")
            )
            continue
        seen.add(f.number)
        out.append(f)
    return out


#: A line's first chunk when it may be a sub-paragraph label OCR damaged: up to four
#: characters of digits, brackets and marks, with at most one Arabic letter.
_GARBLED_SUB_RE = re.compile(
    r"^(?P<label>[^\s\u0621-\u064a]{0,3}[\u0621-\u064a]?ـ?[^\s\u0621-\u064a]{0,3})\s+(?=[\u0621-\u064a])"
)


def _garbled_sub_label(body: str, scan: str, prev: _Unit) -> tuple[str | None, int]:
    """A sub-paragraph label OCR damaged, where one is expected (after "…:" or another
    sub-paragraph): ``(letter, end of the label)``, else ``(None, 0)``.

    The label must be a short chunk of digits, brackets and marks ("0", "(!)", "])"),
    possibly around the expected letter itself ("ب)"); the text after it must not open with
    an operative verb ("0 يطلب" is a paragraph whose number OCR lost)."""
    m = _GARBLED_SUB_RE.match(scan)
    if not m or not m.group("label") or is_operative_lead(body[m.end() :]):
        return None, 0
    label = m.group("label")
    letters = [c for c in label if "\u0621" <= c <= "\u064a"]
    expected = _next_sub_letter(prev)
    if expected is None:
        return None, 0
    if letters:
        if _sub_number(letters[0]) != expected or label == letters[0]:
            return None, 0  # another letter, or a bare letter: a word, not a label
    elif not any(c in "()[]{}!|0123456789" for c in label):
        return None, 0
    return expected, m.end()


@functools.cache
def _sub_letter_order() -> tuple[str, ...]:
    return tuple(_sub_number(x) for x in load_data("openers.json")["subparagraph_letters"])


def _next_sub_letter(prev: _Unit) -> str | None:
    """The sub-paragraph letter after ``prev`` ("أ" after a paragraph ending with ":")."""
    order = _sub_letter_order()
    if prev.kind != "subparagraph":
        return order[0]
    if prev.number in order:
        k = order.index(prev.number)
        return order[k + 1] if k + 1 < len(order) else None
    return None


def _number_at_end(scan: str) -> tuple[str, int] | None:
    """An operative number at the end of a line that ends a sentence before it ("…؛ - 2"):
    ``(number, end of the text before it)``."""
    m = _NUM_END_RE.match(scan)
    if not m or m.group("text")[-1] not in _TERMINAL:
        return None
    return (m.group("a") or m.group("b")), m.end("text")


def _damaged_number(scan: str, expected: int) -> tuple[str | None, int]:
    """An operative number as OCR damaged it: ``(number, end of the number and its dash)``.

    "1 < ترحب" (the dash misread) reads as 1; "1 1 - تحيط" is either "11" split in two or a
    stray digit before "1": the reading that continues the numbering wins, else the joined one.
    """
    m = _NUM_LOOSE_RE.match(scan)
    if m:
        return m.group(1), m.end()
    m = _NUM_BARE_RE.match(scan)
    if m and int(m.group(1)) == expected and is_operative_lead(scan[m.end() :]):
        return m.group(1), m.end()
    m = _NUM_SPLIT_RE.match(scan)
    if m:
        joined, last = m.group(1) + m.group(2), m.group(2)
        if int(last) == expected and int(joined) != expected:
            return last, m.end()
        return joined, m.end()
    return None, 0


def _repair_numbers(paragraphs: list[Paragraph], kind: str = "operative") -> list[Warning]:
    """Give operative paragraphs the number their place proves, where OCR lost or garbled it.

    Operative paragraphs are numbered 1, 2, 3 …; a paragraph whose number matches its place is
    an anchor. A paragraph without a number, or with a wrong one, that lies after an anchor (or
    first) and before another anchor takes the number of its place; so does one whose written
    number is its place's number with digits lost ("0" for 10, "1" for 11). Anything else
    keeps its number and is reported by the numbering checks. ``kind`` names the paragraphs
    numbered (``annex`` for an annex's own numbering).
    """
    ops = [p for p in paragraphs if p.kind == kind]
    if not any(p.number is not None for p in ops):
        return []
    anchors = [i for i, p in enumerate(ops) if p.number == str(i + 1)]
    out: list[Warning] = []
    for i, p in enumerate(ops):
        expected = str(i + 1)
        if p.number == expected:
            continue
        before = i == 0 or (bool(anchors) and anchors[0] < i)
        after = bool(anchors) and anchors[-1] > i
        if p.number is None:
            tail_unnumbered = all(q.number is None for q in ops[i:])
            if before and (after or (tail_unnumbered and bool(anchors))):
                p.number = expected
                out.append(
                    Warning(
                        "numbering_inferred",
                        f"paragraph {p.index} has no readable number; numbered {expected} "
                        "from its place",
                    )
                )
            else:
                out.append(
                    Warning(
                        "unnumbered_operative",
                        f"paragraph {p.index} follows numbered operative paragraphs "
                        "but has no number",
                    )
                )
            continue
        lost_digits = len(p.number) < len(expected) and expected.endswith(p.number)
        if before and (after or lost_digits):
            out.append(
                Warning(
                    "numbering_repaired",
                    f"paragraph {p.index} is numbered {p.number} but stands at place "
                    f"{expected}; renumbered {expected}",
                )
            )
            p.number = expected
    # Then by sequence: after 9 (or a repaired 10) a "0" is 10 and a "1" is 11, wherever a
    # lost or extra paragraph has shifted the places.
    prev_n: int | None = None
    for p in ops:
        if p.number is None:
            prev_n = None
            continue
        if prev_n is not None:
            want = str(prev_n + 1)
            if p.number != want and len(p.number) < len(want) and want.endswith(p.number):
                out.append(
                    Warning(
                        "numbering_repaired",
                        f"paragraph {p.index} is numbered {p.number} but follows paragraph "
                        f"{prev_n}; renumbered {want} (digits lost)",
                    )
                )
                p.number = want
        prev_n = int(p.number)
    return out


def _numbering_warnings(paragraphs: list[Paragraph]) -> list[Warning]:
    out: list[Warning] = []
    operative = [p for p in paragraphs if p.kind == "operative"]
    if len(operative) > 1 and all(p.number is None for p in operative):
        # Resolutions number their operative paragraphs; text without numbers was usually
        # re-typed or extracted badly, so paragraph boundaries deserve a look.
        out.append(
            Warning(
                "numbering_missing",
                f"{len(operative)} operative paragraphs and none is numbered",
            )
        )
    prev: int | None = None
    for p in paragraphs:
        if p.kind != "operative" or p.number is None:
            continue
        n = int(p.number)
        expected = 1 if prev is None else prev + 1
        if prev is not None and n <= prev:
            out.append(
                Warning("numbering_repeat", f"operative paragraph {n} follows paragraph {prev}")
            )
        elif n != expected:
            out.append(
                Warning(
                    "numbering_gap",
                    f"operative paragraph {n} follows "
                    + (f"paragraph {prev}" if prev is not None else "the preamble")
                    + f"; expected {expected}",
                )
            )
        prev = n
    return out


def _footnote_warnings(paragraphs: list[Paragraph], footnotes: list[Footnote]) -> list[Warning]:
    out: list[Warning] = []
    have = {f.number for f in footnotes}
    cited: dict[int, int] = {}
    for p in paragraphs:
        for n in p.footnote_refs:
            cited.setdefault(n, p.index)
    for n in sorted(cited):
        if n not in have:
            out.append(
                Warning(
                    "footnote_missing",
                    f"footnote {n} is referenced in paragraph {cited[n]} but its text is missing",
                )
            )
    for n in sorted(have - set(cited)):
        out.append(Warning("footnote_unreferenced", f"footnote {n} has no marker in the text"))
    return out
