"""Tests for qararat.io."""

from __future__ import annotations

from pathlib import Path

import pytest

from qararat.io import InputError, decode_bytes, doc_id_for, read_document

ARABIC = "إن الجمعية العامة،\nوإذ تشير إلى قرارها 70/1،\n1 - تحث الدول الأعضاء؛\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("cp1256"), "cp1256"),
    ],
)
def test_io_decodes_common_encodings(data: bytes, encoding: str) -> None:
    text, enc, _ = decode_bytes(data, "x.txt")
    assert text == ARABIC
    assert enc == encoding


def test_io_mixed_encodings_decoded_with_warning() -> None:
    data = "إن الجمعية العامة،\n".encode() + "وإذ تشير إلى القرار\n".encode("cp1256")
    text, enc, warnings = decode_bytes(data, "mixed.txt")
    assert text == "إن الجمعية العامة،\nوإذ تشير إلى القرار\n"
    assert enc == "utf-8+cp1256"
    assert [w.kind for w in warnings] == ["mixed_encoding"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"abc\x00\x01\x02\x03def" * 10, "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_io_unusable_input_raises_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: ")
    assert reason.lower() in message.lower()
    assert "\n" not in message


def test_io_read_document_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_io_read_document_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_io_read_document_sample(sample_path: Path) -> None:
    doc = read_document(sample_path)
    assert doc.encoding == "utf-8"
    assert doc.doc_id == "A_RES_76_186_ar_ocr"
    assert "إن الجمعية العامة" in doc.text
    assert len(doc.sha256) == 64


def test_io_no_arabic_is_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "en.txt"
    p.write_text("The General Assembly,\n1. Urges Member States;\n", encoding="utf-8")
    doc = read_document(p)
    assert [w.kind for w in doc.warnings] == ["no_arabic"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a/b/A_RES_76_186.txt", "A_RES_76_186"), ("../../evil name.txt", "evil_name"),
     ("..txt", "document")],
)
def test_io_doc_id_is_safe(name: str, expected: str) -> None:
    assert doc_id_for(name) == expected
