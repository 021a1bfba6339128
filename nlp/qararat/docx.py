"""Text of a Word (.docx) document, as a resolution reader needs it.

A .docx file is a ZIP package of XML parts (Office Open XML, ECMA-376). Word stores text in
logical (reading) order, so no bidi repair is needed; what a plain "copy the text" loses, and
what a resolution's structure depends on, is kept here:

- one line per paragraph (``w:p``), tables read row by row in document order, a manual line
  break (``w:br``) as a new line, a tab as a space;
- automatic numbering (``w:numPr``, directly or through the paragraph style, with
  ``word/numbering.xml``): the number Word would display ("1 -", "(أ)") is written before the
  paragraph, counted per list and level as Word counts (shared by the instances of one list,
  restarted by ``w:startOverride``);
- footnotes: the reference becomes a marker ``⁽n⁾`` (numbered in order of reference, as Word
  displays them) and the footnote texts follow the body as lines "(n) text", where a printed
  page puts them;
- the first page's header (the organ and document symbol block of a UN resolution) comes first;
- tracked deletions and field instructions are left out.

Only the standard library is used (``zipfile`` and ``xml.etree``). Malformed packages raise
:class:`DocxError` with a one-line reason.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import defaultdict
from xml.etree import ElementTree as ET

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Letters of Arabic alphabetical list numbering (numFmt arabicAlpha, the hijā'ī order) and of
#: the abjad order (arabicAbjad), which UN Arabic texts use for sub-paragraphs.
_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
#: Run content that is text (or stands for it).
_CONTENT = frozenset(
    f"{_W}{tag}" for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "footnoteReference")
)
_ROMAN_VALUES = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
_ROMAN_SYMBOLS = ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I")
#: Largest uncompressed part read: a resolution's document.xml is a few megabytes at most.
_MAX_PART = 64 * 1024 * 1024


class DocxError(Exception):
    """A .docx package that cannot be read; ``str(error)`` is the reason."""


def is_docx(data: bytes) -> bool:
    """True if ``data`` is a ZIP package holding a Word document part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_text(data: bytes) -> str:
    """The text of a .docx document (see the module docstring for what is kept).

    Raises:
        DocxError: Not a readable .docx package (corrupt ZIP, missing or malformed XML,
            encrypted).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return _Reader(z).text()
    except DocxError:
        raise
    except zipfile.BadZipFile as exc:
        raise DocxError(f"corrupt .docx package ({exc})") from None
    except ET.ParseError as exc:
        raise DocxError(f"malformed XML in the .docx package ({exc})") from None
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise DocxError(f"unreadable .docx package ({exc})") from None


class _Reader:
    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self.names = set(z.namelist())
        self.footnote_numbers: dict[str, int] = {}  # footnote id -> displayed number
        self.numbering = _Numbering(
            self._xml("word/numbering.xml"), self._xml("word/styles.xml")
        )

    def _xml(self, name: str) -> ET.Element | None:
        if name not in self.names:
            return None
        info = self.z.getinfo(name)
        if info.flag_bits & 0x1:
            raise DocxError("encrypted .docx package")
        if info.file_size > _MAX_PART:
            raise DocxError(f"part {name} too large ({info.file_size} bytes)")
        return ET.fromstring(self.z.read(name))

    def text(self) -> str:
        doc = self._xml("word/document.xml")
        if doc is None:
            raise DocxError("no word/document.xml in the package")
        body = doc.find(f"{_W}body")
        if body is None:
            raise DocxError("word/document.xml has no body")
        lines: list[str] = []
        header = self._first_header(body)
        if header is not None:
            lines.extend(self._paragraphs(header))
        lines.extend(self._paragraphs(body))
        notes = self._footnotes()
        if notes:
            lines.append("")
            lines.extend(notes)
        return "\n".join(lines).strip("\n") + "\n"

    # -- parts ---------------------------------------------------------------------------

    def _relationships(self) -> dict[str, str]:
        rels = self._xml("word/_rels/document.xml.rels")
        if rels is None:
            return {}
        out = {}
        for rel in rels.iter(f"{_REL}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            out[rel.get("Id", "")] = posixpath.normpath(posixpath.join("word", target))
        return out

    def _first_header(self, body: ET.Element) -> ET.Element | None:
        """The header printed on the first page: the first section's "first" header when the
        section has a distinct title page, else its default header."""
        sect = next(body.iter(f"{_W}sectPr"), None)
        if sect is None:
            return None
        refs = {
            h.get(f"{_W}type", "default"): h.get(f"{_R}id", "")
            for h in sect.iter(f"{_W}headerReference")
        }
        title_page = sect.find(f"{_W}titlePg") is not None
        rid = refs.get("first") if title_page and "first" in refs else refs.get("default")
        target = self._relationships().get(rid or "")
        return self._xml(target) if target else None

    def _footnotes(self) -> list[str]:
        if not self.footnote_numbers:
            return []
        root = self._xml("word/footnotes.xml")
        if root is None:
            return []
        texts: dict[str, str] = {}
        for note in root.iter(f"{_W}footnote"):
            fid = note.get(f"{_W}id", "")
            if fid in self.footnote_numbers:
                body = " ".join(p for p in self._paragraphs(note) if p.strip())
                texts[fid] = body.strip()
        out = []
        for fid, n in sorted(self.footnote_numbers.items(), key=lambda kv: kv[1]):
            if texts.get(fid):
                out.append(f"({n}) {texts[fid]}")
        return out

    # -- paragraphs ----------------------------------------------------------------------

    def _paragraphs(self, root: ET.Element) -> list[str]:
        out: list[str] = []
        for p in _paragraph_elements(root):
            text = self._paragraph(p)
            label = self.numbering.label(p)
            if label and text.strip():
                text = f"{label} {text.lstrip()}"
            out.extend(text.split("\n"))
        return out

    def _paragraph(self, p: ET.Element) -> str:
        parts: list[str] = []
        for el in _runs_content(p):
            tag = el.tag
            if tag == f"{_W}t":
                parts.append(el.text or "")
            elif tag == f"{_W}tab":
                parts.append(" ")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}footnoteReference":
                fid = el.get(f"{_W}id", "")
                n = self.footnote_numbers.setdefault(fid, len(self.footnote_numbers) + 1)
                parts.append(f"⁽{str(n).translate(_SUPERSCRIPT)}⁾")
        return "".join(parts)


def _runs_content(p: ET.Element) -> list[ET.Element]:
    """The content elements of a paragraph's runs in order, without tracked deletions, field
    instructions or the text of nested paragraphs (text boxes are read as paragraphs)."""
    out: list[ET.Element] = []
    skip = {f"{_W}del", f"{_W}instrText", f"{_W}delText", f"{_W}p", f"{_W}footnote"}

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag in skip:
                continue
            if child.tag in _CONTENT:
                out.append(child)
            else:
                walk(child)

    walk(p)
    return out


def _paragraph_elements(root: ET.Element) -> list[ET.Element]:
    """The paragraphs under ``root`` in document order (a text box's after the paragraph that
    anchors it), without the fallback copy of a drawing Word stores for old readers."""
    out: list[ET.Element] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag == _FALLBACK:
                continue
            if child.tag == f"{_W}p":
                out.append(child)
            walk(child)

    walk(root)
    return out


class _Numbering:
    """Automatic list numbers as Word displays them (decimal, Arabic letters, Roman).

    A paragraph is numbered by its own ``w:numPr`` or by its paragraph style's (styles inherit
    through ``w:basedOn``). List instances (``w:num``) that share an abstract list continue one
    count, as in Word, unless an instance restarts a level (``w:startOverride``).
    """

    def __init__(self, root: ET.Element | None, styles: ET.Element | None = None) -> None:
        #: (numId, level) -> (abstract list id, numFmt, lvlText, start)
        self.levels: dict[tuple[str, int], tuple[str, str, str, int]] = {}
        self.overrides: dict[str, dict[int, int]] = {}  # numId -> {level: restart value}
        self.counters: dict[str, list[int]] = defaultdict(lambda: [0] * 9)
        self.started: set[str] = set()
        self.style_numbering = _style_numbering(styles)
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in a.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = int(_val(lvl.find(f"{_W}start")) or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[a.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            aid = _val(num.find(f"{_W}abstractNumId")) or ""
            for ilvl, (fmt, text, start) in abstract.get(aid, {}).items():
                self.levels[(num_id, ilvl)] = (aid, fmt, text, start)
            for override in num.iter(f"{_W}lvlOverride"):
                value = _val(override.find(f"{_W}startOverride"))
                if value is not None:
                    level = int(override.get(f"{_W}ilvl", "0"))
                    self.overrides.setdefault(num_id, {})[level] = int(value)

    def label(self, p: ET.Element) -> str:
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id: str | None = None
        ilvl = 0
        if numpr is not None:
            num_id = _val(numpr.find(f"{_W}numId"))
            ilvl = int(_val(numpr.find(f"{_W}ilvl")) or "0")
        if num_id is None and ppr is not None:
            style = _val(ppr.find(f"{_W}pStyle"))
            num_id, ilvl = self.style_numbering.get(style or "", (None, 0))
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        aid, fmt, text, start = self.levels[(num_id, ilvl)]
        counters = self.counters[aid]
        if num_id not in self.started:
            self.started.add(num_id)
            for level, value in self.overrides.get(num_id, {}).items():
                counters[level] = value - 1
        counters[ilvl] = (counters[ilvl] if counters[ilvl] else start - 1) + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return ""
        out = text
        for level in range(ilvl + 1):
            spec = self.levels.get((num_id, level))
            value = counters[level] or (spec[3] if spec else 1)
            out = out.replace(f"%{level + 1}", _format(value, spec[1] if spec else "decimal"))
        return out.strip()


def _style_numbering(styles: ET.Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph style id -> (numId, level) of the numbering it applies, through ``basedOn``."""
    if styles is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for st in styles.iter(f"{_W}style"):
        sid = st.get(f"{_W}styleId", "")
        parent = _val(st.find(f"{_W}basedOn"))
        if parent:
            based[sid] = parent
        numpr = st.find(f"{_W}pPr/{_W}numPr")
        if numpr is not None:
            ilvl = _val(numpr.find(f"{_W}ilvl"))
            own[sid] = (_val(numpr.find(f"{_W}numId")), int(ilvl) if ilvl else None)
    out: dict[str, tuple[str, int]] = {}
    for sid in set(own) | set(based):
        num_id: str | None = None
        level: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen and (num_id is None or level is None):
            seen.add(cur)
            n, lv = own.get(cur, (None, None))
            num_id = num_id if num_id is not None else n
            level = level if level is not None else lv
            cur = based.get(cur)
        if num_id:
            out[sid] = (num_id, level or 0)
    return out


def _val(el: ET.Element | None) -> str | None:
    return None if el is None else el.get(f"{_W}val")


def _format(n: int, fmt: str) -> str:
    if fmt in ("arabicAlpha", "arabicAbjad"):
        letters = _ALPHA if fmt == "arabicAlpha" else _ABJAD
        return letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1)
    if fmt == "hindiNumbers":
        return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in zip(_ROMAN_VALUES, _ROMAN_SYMBOLS, strict=True):
        while n >= value:
            out += sym
            n -= value
    return out
