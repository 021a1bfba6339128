"""Word .docx input: text, automatic numbering, footnotes, first-page header, bad packages.

The packages are built here from their XML parts (ECMA-376 WordprocessingML), the way Word
writes a UN resolution: the symbol block in the first-page header, operative paragraphs and
sub-paragraphs numbered by a list definition, footnotes in their own part. The resolution is
written for this test.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import qararat
from qararat.docx import DocxError, docx_text, is_docx
from qararat.io import InputError, decode_bytes, read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str, num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if num is not None:
        ppr = (
            f'<w:pPr><w:bidi/><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/>'
            "</w:numPr></w:pPr>"
        )
    body = "".join(c if c.startswith("<") else run(c) for c in content)
    return f"<w:p>{ppr}{body}</w:p>"


def note_ref(fid: int) -> str:
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:id="{fid}"/></w:r>'
    )


NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
  <w:lvlText w:val="%1 -"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="arabicAbjad"/>
  <w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""

TREATY = " الأمم المتحدة، مجموعة المعاهدات، المجلد 1577، الرقم 27531."
FOOTNOTES = f"""<w:footnotes {NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0">
 <w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r>{run(" القرار 70/1.")}</w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>{run(TREATY)}</w:p></w:footnote>
</w:footnotes>"""

HEADER = f"""<w:hdr {NS}>
{para("الأمم المتحدة")}
{para("A/RES/80/215")}
{para("الجمعية العامة")}
<w:tbl><w:tr><w:tc>{para("الدورة الثمانون")}</w:tc></w:tr>
<w:tr><w:tc>{para("البند 68 (أ) من جدول الأعمال")}</w:tc></w:tr></w:tbl>
</w:hdr>"""

BODY = [
    para("قرار اتخذته الجمعية العامة في 17 كانون الأول/ديسمبر 2025"),
    para("[بناء على تقرير اللجنة الثالثة (A/80/478)]"),
    para("80/215 - ", "حماية الأطفال من العنف في البيئة الرقمية"),
    para("إن الجمعية العامة،"),
    para("إذ تشير إلى خطة التنمية المستدامة لعام 2030", note_ref(5), "،"),
    para(
        "وإذ تؤكد من جديد أن اتفاقية حقوق الطفل",
        note_ref(2),
        " هي المعيار في مجال تعزيز حقوق الطفل وحمايتها،",
    ),
    para("وإذ يساورها بالغ القلق إزاء تزايد أشكال العنف ضد الأطفال عبر الإنترنت،"),
    para("تحث الدول الأعضاء على أن تتخذ جميع التدابير اللازمة لحماية الأطفال؛", num=(3, 0)),
    para("تهيب بالدول أن تقوم بما يلي:", num=(3, 0)),
    para("تعزيز التشريعات الوطنية؛", num=(3, 1)),
    para(
        "تدريب الموظفين المكلفين بإنفاذ القانون؛",
        '<w:del w:id="9" w:author="x"><w:r><w:delText>نص محذوف</w:delText></w:r></w:del>',
        num=(3, 1),
    ),
    para(
        "تطلب إلى الأمين العام أن يقدم إليها تقريرا عن تنفيذ هذا القرار في دورتها الحادية "
        "والثمانين.",
        num=(3, 0),
    ),
    para("الجلسة العامة 52"),
    para("17 كانون الأول/ديسمبر 2025"),
]


def document_xml(body: list[str]) -> str:
    sect = (
        '<w:sectPr><w:headerReference w:type="first" r:id="rIdH1"/>'
        '<w:headerReference w:type="default" r:id="rIdH2"/><w:titlePg/></w:sectPr>'
    )
    return f"<w:document {NS}><w:body>{''.join(body)}{sect}</w:body></w:document>"


def make_docx(
    body: list[str] | None = None,
    *,
    header: str = HEADER,
    numbering: str = NUMBERING,
    styles: str | None = None,
) -> bytes:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rIdH2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/header" Target="header2.xml"/>'
        "</Relationships>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document_xml(BODY if body is None else body))
        z.writestr("word/_rels/document.xml.rels", rels)
        z.writestr("word/numbering.xml", numbering)
        if styles is not None:
            z.writestr("word/styles.xml", styles)
        z.writestr("word/footnotes.xml", FOOTNOTES)
        z.writestr("word/header1.xml", header)
        z.writestr("word/header2.xml", f"<w:hdr {NS}>{para('A/RES/80/215')}</w:hdr>")
    return buf.getvalue()


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return make_docx()


def test_docx_text_keeps_numbering_footnotes_and_header(docx_bytes: bytes) -> None:
    assert is_docx(docx_bytes)
    lines = docx_text(docx_bytes).splitlines()
    assert lines[:3] == ["الأمم المتحدة", "A/RES/80/215", "الجمعية العامة"]
    assert "البند 68 (أ) من جدول الأعمال" in lines  # header table, row by row
    assert "1 - تحث الدول الأعضاء على أن تتخذ جميع التدابير اللازمة لحماية الأطفال؛" in lines
    assert "2 - تهيب بالدول أن تقوم بما يلي:" in lines
    assert "(أ) تعزيز التشريعات الوطنية؛" in lines
    assert "(ب) تدريب الموظفين المكلفين بإنفاذ القانون؛" in lines  # tracked deletion left out
    assert any(line.startswith("3 - تطلب إلى الأمين العام") for line in lines)
    # footnotes numbered in order of reference, whatever their ids
    assert "إذ تشير إلى خطة التنمية المستدامة لعام 2030⁽¹⁾،" in lines
    assert lines[-2:] == [
        "(1) القرار 70/1.",
        "(2) الأمم المتحدة، مجموعة المعاهدات، المجلد 1577، الرقم 27531.",
    ]


def test_docx_analyzed_like_text(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "A_RES_80_215.docx"
    path.write_bytes(docx_bytes)
    doc = read_document(path)
    assert doc.encoding == "docx" and doc.doc_id == "A_RES_80_215"
    res = qararat.analyze(path)
    assert res.header.resolution == "80/215"
    assert res.header.body == "GA"
    assert len(res.preambular) == 3
    assert [p.number for p in res.operative] == ["1", "2", "3"]
    assert [p.label for p in res.operative] == ["urge", "call_upon", "request"]
    assert [p.number for p in res.subparagraphs] == ["أ", "ب"]
    assert {f.number for f in res.footnotes} == {1, 2}
    assert res.preambular[0].footnote_refs == [1]


def test_docx_from_the_command_line(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "res.docx"
    path.write_bytes(docx_bytes)
    out = subprocess.run(
        [sys.executable, "-m", "qararat", "analyze", str(path), "--format", "summary"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "80/215" in out.stdout


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "zip"),  # a ZIP signature, no package
        (None, "malformed xml"),
    ],
)
def test_docx_bad_package_clear_error(tmp_path: Path, data: bytes | None, reason: str) -> None:
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", "<w:document><w:body>")
        data = buf.getvalue()
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.docx")
    message = str(info.value)
    assert message.startswith("bad.docx: ") and "\n" not in message
    assert reason in message.lower()
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    out = subprocess.run(
        [sys.executable, "-m", "qararat", "analyze", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and str(path) in out.stderr


def test_docx_empty_document_is_no_text() -> None:
    with pytest.raises(InputError, match="no text"):
        decode_bytes(make_docx([para("")], header=f"<w:hdr {NS}/>"), "empty.docx")


def test_docx_zip_without_document_part_is_not_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data.txt", "نص")
    assert not is_docx(buf.getvalue())
    with pytest.raises(InputError, match="ZIP archive"):
        decode_bytes(buf.getvalue(), "a.zip")


def test_docx_error_type() -> None:
    with pytest.raises(DocxError):
        docx_text(b"PK\x03\x04 not a zip")


def styled(text: str, style: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run(text)}</w:p>'


def test_docx_numbering_from_style_shared_and_restarted() -> None:
    # "OpPara" is based on "Numbered", which carries the list; a second list instance of the
    # same abstract list continues the count, a third restarts it
    styles = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:styleId="Numbered"><w:pPr><w:numPr><w:numId w:val="3"/>
</w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="OpPara"><w:basedOn w:val="Numbered"/></w:style>
</w:styles>"""
    numbering = NUMBERING.replace(
        "</w:numbering>",
        '<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="7"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        "</w:numbering>",
    )
    body = [
        styled("تحث الدول الأعضاء؛", "OpPara"),
        styled("تطلب إلى الأمين العام؛", "OpPara"),
        para("تقرر أن تبقي المسألة قيد نظرها.", num=(4, 0)),
        para("تحيط علما بالتقرير؛", num=(5, 0)),
    ]
    lines = docx_text(make_docx(body, numbering=numbering, styles=styles)).splitlines()
    assert lines[-4:] == [
        "1 - تحث الدول الأعضاء؛",
        "2 - تطلب إلى الأمين العام؛",
        "3 - تقرر أن تبقي المسألة قيد نظرها.",
        "1 - تحيط علما بالتقرير؛",
    ]


def test_docx_text_box_read_once() -> None:
    # Word stores a drawing's text box twice: for current readers and a fallback for old ones
    box = para("مربع نص")
    drawing = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        f"{box}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        f"{box}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = [f"<w:p>{run('قبل المربع')}{drawing}</w:p>", para("بعده")]
    lines = docx_text(make_docx(body, header=f"<w:hdr {NS}/>")).splitlines()
    assert lines == ["قبل المربع", "مربع نص", "بعده"]


def test_docx_old_word_format_is_a_clear_error() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(InputError, match="Word 97-2003"):
        decode_bytes(ole, "old.doc")
