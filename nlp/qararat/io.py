"""Reading documents: encodings, byte-order marks, binary detection, clear errors.

Supported: UTF-8 with or without BOM, UTF-16/UTF-32 with BOM, UTF-16 without BOM (detected from
its NUL pattern), Windows-1256 (legacy Arabic), files that mix UTF-8 and Windows-1256 lines
(decoded line by line, with a warning), and Word .docx documents (their text, numbering and
footnotes: :mod:`qararat.docx`). Anything else raises :class:`InputError` naming the file;
no byte is ever dropped silently.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from qararat.model import Warning

#: Magic numbers of common binary formats that are sometimes renamed to .txt.
_BINARY_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF file (extract its text first)",
    b"PK\x03\x04": "a ZIP archive that is no Word .docx document",
    b"\xd0\xcf\x11\xe0": "an Office binary file, e.g. a Word 97-2003 .doc or an encrypted "
    ".docx; save it as .docx or text",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
#: Arabic letters, also as presentation forms (ﺍﻟ…), which some PDF extraction yields.
_RE_ARABIC = re.compile("[\u0621-\u064a\ufb50-\ufdff\ufe70-\ufefc]")
_RE_LETTER = re.compile(r"[^\W\d_]")
_RE_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Windows-1256 bytes that are Arabic letters; used to judge a legacy decoding.
_CP1256_MIN_ARABIC_SHARE = 0.5
#: Largest file read by default. A resolution is tens of kilobytes; a file this big is an
#: archive or a concatenation that should be split first.
MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A document that cannot be used. ``str(error)`` is one line: ``PATH: reason``."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class Document:
    """A decoded document and where it came from.

    Attributes:
        text: The decoded text, exactly as in the file (no normalisation).
        source: The path it was read from, or ``<stdin>``/``<string>``.
        encoding: The encoding it was decoded from.
        doc_id: Identifier derived from the file name (stem), or from the content hash.
        sha256: SHA-256 of the raw bytes.
        warnings: Odd but usable things noticed while reading (mixed encodings, no Arabic).
    """

    text: str
    source: str
    encoding: str
    doc_id: str
    sha256: str
    warnings: list[Warning] = field(default_factory=list)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str, list[Warning]]:
    """Decode document bytes, detecting the encoding.

    Args:
        data: Raw bytes.
        name: Name used in error messages.

    Returns:
        ``(text, encoding, warnings)``.

    Raises:
        InputError: Empty, binary or undecodable input.
    """
    if not data:
        raise InputError(name, "empty file")
    if data.startswith(b"PK\x03\x04"):
        from qararat.docx import DocxError, docx_text, is_docx

        if is_docx(data):
            try:
                return _check_text(docx_text(data), name), "docx", []
            except DocxError as exc:
                raise InputError(name, str(exc)) from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(name, f"binary file ({what}), not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), name), enc.replace("-sig", ""), []
            except UnicodeDecodeError as exc:
                raise InputError(
                    name, f"invalid {enc} after its byte-order mark at byte {exc.start}"
                ) from None
    utf16 = _guess_bomless_utf16(data)
    if utf16:
        try:
            return _check_text(data.decode(utf16), name), utf16, []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _decode_legacy(data, name, first_bad)


def _guess_bomless_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # Arabic in UTF-16 has 0x06 high bytes and ASCII has 0x00 ones; a text file in UTF-16
    # shows one side dominated by those bytes.
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    lo6 = sum(1 for b in sample[1::2] if b in (0x00, 0x06)) / max(1, len(sample[1::2]))
    if lo6 > 0.9 and even_nul < 0.05 and odd_nul > 0.0:
        return "utf-16-le"
    return None


def _decode_legacy(data: bytes, name: str, first_bad: int) -> tuple[str, str, list[Warning]]:
    """Decode bytes that are not valid UTF-8: Windows-1256, or UTF-8 mixed with it by line."""
    lines = data.split(b"\n")
    utf8_lines = 0
    legacy_lines = 0
    out: list[str] = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if any(b > 0x7F for b in line):
                utf8_lines += 1
        except UnicodeDecodeError:
            out.append(line.decode("cp1256", errors="strict"))
            legacy_lines += 1
    text = "\n".join(out)
    if not _looks_arabic_legacy(text):
        raise InputError(
            name,
            f"not valid UTF-8 (first bad byte at offset {first_bad}) and not Windows-1256 "
            "Arabic text either",
        )
    _check_text(text, name)
    if utf8_lines and legacy_lines:
        warning = Warning(
            "mixed_encoding",
            f"{legacy_lines} lines decoded as Windows-1256, {utf8_lines} as UTF-8",
        )
        return text, "utf-8+cp1256", [warning]
    return text, "cp1256", []


def _looks_arabic_legacy(text: str) -> bool:
    letters = _RE_LETTER.findall(text)
    if not letters:
        return False
    arabic = sum(1 for ch in letters if _RE_ARABIC.match(ch))
    non_ascii = [ch for ch in letters if ord(ch) > 0x7F]
    if not non_ascii:
        return True
    return arabic / len(non_ascii) >= _CP1256_MIN_ARABIC_SHARE


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(name, "no text (the file holds only whitespace)")
    controls = len(_RE_CONTROL.findall(text[:100_000]))
    if controls > max(8, len(text[:100_000]) // 50):
        raise InputError(name, "binary file (too many control characters), not text")
    return text


def text_warnings(text: str) -> list[Warning]:
    """Warnings about usable but odd text (no Arabic letters at all)."""
    if not _RE_ARABIC.search(text):
        return [Warning("no_arabic", "the document contains no Arabic letters")]
    return []


def doc_id_for(path: str | Path) -> str:
    """A document identifier from a file name: its stem, with unsafe characters replaced."""
    stem = Path(path).name
    for suffix in (".txt", ".text", ".md", ".docx"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    safe = re.sub(r"[^\w.\-]+", "_", stem).strip("._") or "document"
    return safe[:150]


def _in_reading_order(text: str) -> tuple[str, list[Warning]]:
    """Text stored in visual (display) order, turned line by line, with a warning."""
    from qararat.normalize.visual import reading_order

    turned, n = reading_order(text)
    if not n:
        return text, []
    return turned, [
        Warning(
            "visual_order",
            f"the text was stored in visual (display) order; {n} lines were turned into "
            "reading order before anything else read them",
        )
    ]


def read_bytes(data: bytes, *, source: str = "<bytes>", doc_id: str | None = None) -> Document:
    """Decode bytes into a :class:`Document` (in reading order: see :func:`_in_reading_order`)."""
    text, encoding, warnings = decode_bytes(data, source)
    text, turned = _in_reading_order(text)
    warnings = warnings + turned
    digest = hashlib.sha256(data).hexdigest()
    return Document(
        text=text,
        source=source,
        encoding=encoding,
        doc_id=doc_id or f"doc-{digest[:12]}",
        sha256=digest,
        warnings=warnings + text_warnings(text),
    )


def read_text(text: str, *, source: str = "<string>", doc_id: str | None = None) -> Document:
    """Wrap an already decoded string as a :class:`Document`.

    Raises:
        InputError: Only whitespace, or lone surrogates (not Unicode text: no output format
            could write them).
    """
    try:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise InputError(
            source,
            f"not valid Unicode text (lone surrogate U+{ord(text[exc.start]):04X} "
            f"at offset {exc.start})",
        ) from None
    if not text.strip():
        raise InputError(source, "no text (only whitespace)")
    text, turned = _in_reading_order(text)
    return Document(
        text=text,
        source=source,
        encoding="str",
        doc_id=doc_id or f"doc-{digest[:12]}",
        sha256=digest,
        warnings=turned + text_warnings(text),
    )


def read_document(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and decode a file.

    Args:
        path: File to read; ``-`` reads standard input.
        max_bytes: Refuse larger files (they are archives or concatenations, not documents).

    Raises:
        InputError: The file is missing, unreadable, a directory, empty, binary or undecodable.
    """
    name = str(path)
    if name == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("<stdin>", _too_large(max_bytes))
        return read_bytes(data, source="<stdin>", doc_id="stdin")
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(name, "is a directory (use 'qararat batch' for directories)")
        if p.stat().st_size > max_bytes:
            raise InputError(name, _too_large(max_bytes, p.stat().st_size))
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, source=name, doc_id=doc_id_for(p))


def _too_large(limit: int, size: int | None = None) -> str:
    got = f"{size / 2**20:.1f} MB, " if size is not None else ""
    return (
        f"file too large ({got}limit {limit / 2**20:.0f} MB): a resolution is a few hundred "
        "kilobytes at most; split the file into documents"
    )
