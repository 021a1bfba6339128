"""Paragraph segmentation: preamble, operative, sub-paragraphs, footnotes, page breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from qararat.model import Resolution
from qararat.structure import parse
from qararat.structure.parser import is_preambular_opener

DATA = Path(__file__).parent / "data" / "structure"
OPEN = "إن الجمعية العامة،\n\n"


def _doc(name: str) -> Resolution:
    return parse((DATA / name).read_text(encoding="utf-8"), doc_id=name, source=name)


def _kinds(r: Resolution) -> list[str]:
    return [w.kind for w in r.warnings]


@pytest.mark.parametrize(
    ("name", "preambular", "operative", "subparagraphs"),
    [
        ("sc_resolution.txt", 3, 4, 2),
        ("ga_arabic_indic.txt", 2, 2, 0),
        ("ga_idh_first.txt", 4, 2, 0),
        ("ga_having_considered.txt", 3, 2, 0),
        ("hrc_resolution.txt", 2, 3, 0),
        ("ecosoc_resolution.txt", 2, 2, 0),
    ],
)
def test_structure_parser_document_counts(
    name: str, preambular: int, operative: int, subparagraphs: int
) -> None:
    r = _doc(name)
    assert (len(r.preambular), len(r.operative), len(r.subparagraphs)) == (
        preambular,
        operative,
        subparagraphs,
    )
    assert [p.number for p in r.operative] == [str(i) for i in range(1, operative + 1)]
    assert [p.index for p in r.paragraphs] == list(range(len(r.paragraphs)))
    assert r.doc_id == name and r.source == name


def test_structure_parser_security_council_masculine() -> None:
    r = _doc("sc_resolution.txt")
    assert r.paragraphs[0].text.startswith("إذ يشير إلى قراراته")
    assert r.paragraphs[2].text.startswith("وإذ يساوره بالغ القلق")
    subs = r.subparagraphs
    assert all(r.paragraphs[s.parent].number == "2" for s in subs)  # type: ignore[index]
    sc_refs = [
        x.value for x in r.references if x.kind == "sc_resolution" and x.paragraph_index == 0
    ]
    assert sc_refs == ["S/RES/2331 (2016)", "S/RES/2388 (2017)", "S/RES/2482 (2019)"]


def test_structure_parser_arabic_indic_digits() -> None:
    r = _doc("ga_arabic_indic.txt")
    assert r.paragraphs[0].footnote_refs == [1]
    assert "(١)" not in r.paragraphs[0].text  # glued marker removed from the text
    assert r.footnotes[0].number == 1
    assert any(x.value == "76/186" for x in r.references if x.paragraph_index == 0)


def test_structure_parser_idh_first_and_adverbials() -> None:
    r = _doc("ga_idh_first.txt")
    texts = [p.text for p in r.preambular]
    assert texts[0].startswith("إذ تؤكد")
    assert texts[1].startswith("واقتناعا منها")
    assert texts[2].startswith("يساورها بالغ القلق")
    # a page break with a footnote block cut the fourth paragraph
    assert r.preambular[3].rejoined
    assert texts[3].endswith("على الصعيد المحلي والإقليمي، ولا سيما في البلدان النامية،")
    assert "paragraph_rejoined" in _kinds(r)
    assert r.footnotes[0].text == "انظر A/75/189."


def test_structure_parser_having_considered_and_markdown() -> None:
    r = _doc("ga_having_considered.txt")
    assert r.preambular[1].text == "وقد نظرت في تقرير الأمين العام،"
    assert r.preambular[1].footnote_refs == [1]
    assert r.operative[0].text.startswith("تدعو الدول")
    assert "*" not in r.operative[0].text


def test_structure_parser_hrc_masculine_operatives() -> None:
    r = _doc("hrc_resolution.txt")
    assert [p.text.split()[0] for p in r.operative] == ["يرحب", "يهيب", "يقرر"]
    hrc = {x.value for x in r.references if x.kind == "hrc_resolution"}
    assert {"5/1", "5/2", "47/5"} <= hrc


def test_structure_parser_ecosoc_references() -> None:
    r = _doc("ecosoc_resolution.txt")
    kinds = {(x.kind, x.value) for x in r.references if x.paragraph_index is not None}
    assert ("ecosoc_resolution", "2019/5") in kinds
    assert ("ga_resolution", "76/186") in kinds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "(1) القرار 70/1.\n\n(2) A/76/120.\n",
        "نص قصير بلا أي بنية",
        "الجلسة العامة 53\n",
        "- 16 - **",
        "إن الجمعية العامة،\n",
        "(أ) فقرة فرعية وحدها؛",
    ],
)
def test_structure_parser_degenerate_inputs_do_not_crash(text: str) -> None:
    r = parse(text)
    assert isinstance(r, Resolution)
    if not r.paragraphs:
        assert "no_paragraphs" in _kinds(r)


def test_structure_parser_only_footnotes() -> None:
    r = parse("(1) القرار 70/1.\n\n(2) A/76/120.\n")
    assert [f.number for f in r.footnotes] == [1, 2]
    assert r.paragraphs == [] and "no_paragraphs" in _kinds(r)


def test_structure_parser_no_header_no_opening() -> None:
    text = (
        "وإذ تشير إلى قرارها 70/1،\n\nوإذ ترحب بالتقدم،\n\n1 - تقرر ما يلي؛\n\n2 - تطلب تقريرا.\n"
    )
    r = parse(text)
    assert "opening_missing" in _kinds(r)
    assert (len(r.preambular), len(r.operative)) == (2, 2)


def test_structure_parser_no_numbering_uses_operative_verbs() -> None:
    text = (
        "إن مجلس الأمن،\n\nإذ يشير إلى قراراته السابقة،\n\nوإذ يؤكد من جديد التزامه،\n\n"
        "يقرر تمديد الولاية حتى 31 كانون الأول/ديسمبر 2024؛\n\nيطلب إلى الأمين العام تقريرا.\n"
    )
    r = parse(text)
    assert len(r.preambular) == 2
    assert [p.text.split()[0] for p in r.operative] == ["يقرر", "يطلب"]
    assert all(p.number is None for p in r.operative)


@pytest.mark.parametrize(
    ("numbers", "kind"),
    [
        ([1, 2, 4], "numbering_gap"),
        ([1, 2, 2, 3], "numbering_repeat"),
        ([2, 3], "numbering_gap"),
        ([1, 3, 2], "numbering_repeat"),
    ],
)
def test_structure_parser_numbering_warnings(numbers: list[int], kind: str) -> None:
    body = "\n\n".join(f"{n} - تقرر أمرا رقم {n}؛" for n in numbers)
    r = parse(OPEN + "وإذ تشير إلى قراراتها،\n\n" + body + "\n")
    assert [p.number for p in r.operative] == [str(n) for n in numbers]
    assert kind in _kinds(r)


def test_structure_parser_numbering_clean_has_no_warning() -> None:
    r = parse(OPEN + "وإذ تشير،\n\n1 - تقرر؛\n\n2 - تطلب.\n")
    assert not {"numbering_gap", "numbering_repeat"} & set(_kinds(r))


@pytest.mark.parametrize(
    ("line", "number", "text"),
    [
        ("1 - تحث الدول؛", "1", "تحث الدول؛"),
        ("١ - تحث الدول؛", "1", "تحث الدول؛"),
        ("1- تحث الدول؛", "1", "تحث الدول؛"),
        ("1. تحث الدول؛", "1", "تحث الدول؛"),
        ("- 1 - **تحث** الدول؛", "1", "تحث الدول؛"),
        ("**1 - تحث** الدول؛", "1", "تحث الدول؛"),
        ("12 – **تشجع أيضا** الدول؛", "12", "تشجع أيضا الدول؛"),
    ],
)
def test_structure_parser_operative_number_forms(line: str, number: str, text: str) -> None:
    r = parse(OPEN + "وإذ تشير،\n\n" + line + "\n")
    assert len(r.operative) == 1
    assert r.operative[0].number == number
    assert r.operative[0].text == text


@pytest.mark.parametrize(
    ("chapeau", "items", "letters"),
    [
        ("1 - تقرر ما يلي:", ["(أ) أمر أول؛", "(ب) أمر ثان؛", "(هـ) أمر خامس؛"], ["أ", "ب", "هـ"]),
        ("1 - تقرر ما يلي:", ["أ - أمر أول؛", "ب - أمر ثان؛"], ["أ", "ب"]),
        ("1 - تقرر ما يلي:", ["(a) أمر أول؛", "(b) أمر ثان؛"], ["a", "b"]),
        ("1 - تقرر ما يلي:", ["(1) أمر أول؛", "(2) أمر ثان؛"], ["1", "2"]),
        ("1 - تقرر ما يلي:", ["(ه) أمر؛"], ["هـ"]),
        # OCR put a vowel mark on the letter
        ("1 - تقرر ما يلي:", ["(أ) أمر أول؛", "(بٍ) أمر ثان؛", "(جْ) أمر ثالث؛"], ["أ", "ب", "ج"]),
    ],
)
def test_structure_parser_subparagraph_forms(
    chapeau: str, items: list[str], letters: list[str]
) -> None:
    r = parse(OPEN + "وإذ تشير،\n\n" + chapeau + "\n\n" + "\n\n".join(items) + "\n")
    subs = r.subparagraphs
    assert [s.number for s in subs] == letters
    assert all(s.parent == r.operative[0].index for s in subs)
    assert all(s.text.startswith("أمر") for s in subs)
    assert r.footnotes == []


def test_structure_parser_numeric_lines_are_footnotes_when_referenced() -> None:
    text = OPEN + "وإذ تشير إلى الاتفاقية⁽¹⁾، وإلى ما يلي:\n\n(1) القرار 70/1.\n\n1 - تقرر.\n"
    r = parse(text)
    assert [f.number for f in r.footnotes] == [1]
    assert r.subparagraphs == []


def test_structure_parser_wrapped_lines_join_without_rejoin_flag() -> None:
    text = OPEN + "وإذ تشير إلى اعتماد\nخطة التنمية المستدامة\nلعام 2030،\n\n1 - تقرر.\n"
    r = parse(text)
    p = r.preambular[0]
    assert p.text == "وإذ تشير إلى اعتماد خطة التنمية المستدامة لعام 2030،"
    assert not p.rejoined and "paragraph_rejoined" not in _kinds(r)
    assert text[p.start : p.end].endswith("لعام 2030،")


def test_structure_parser_page_break_with_footnotes_rejoins() -> None:
    text = OPEN + (
        "وإذ تشير إلى الاتفاقية⁽¹⁾ وإلى البروتوكول المكمل\n\n(1) A/76/120.\n\n"
        "(2) A/76/263.\n\nلها⁽²⁾، الذي يتضمن تعريفا للجريمة،\n\n1 - تقرر.\n"
    )
    r = parse(text)
    p = r.preambular[0]
    assert p.rejoined and p.footnote_refs == [1, 2]
    assert p.text == "وإذ تشير إلى الاتفاقية وإلى البروتوكول المكمل لها، الذي يتضمن تعريفا للجريمة،"
    assert text[p.end - 1] == "،"
    assert [f.number for f in r.footnotes] == [1, 2]


def test_structure_parser_comma_page_break_continuation_without_waw() -> None:
    # The paragraph ends a page on "،"; the next page goes on without an opener or و.
    text = OPEN + (
        "وإذ تشير إلى البروتوكول، وبخاصة النساء والأطفال،\n\n(1) A/76/120.\n\n"
        "المكمل للاتفاقية، الذي يتضمن تعريفا،\n\nوإذ ترحب بالتقدم،\n\n1 - تقرر.\n"
    )
    r = parse(text)
    assert len(r.preambular) == 2 and r.preambular[0].rejoined
    assert "المكمل للاتفاقية" in r.preambular[0].text


def test_structure_parser_missing_and_unreferenced_footnotes() -> None:
    text = OPEN + (
        "وإذ تشير إلى القرار⁽¹⁾ وإلى التقرير⁽²⁾،\n\n(1) A/76/120.\n\n(3) A/76/1.\n\n1 - تقرر.\n"
    )
    r = parse(text)
    kinds = _kinds(r)
    assert "footnote_missing" in kinds and "footnote_unreferenced" in kinds
    missing = next(w for w in r.warnings if w.kind == "footnote_missing")
    assert "2" in missing.message


def test_structure_parser_opening_on_same_line_as_first_paragraph() -> None:
    r = parse("إن الجمعية العامة، إذ تشير إلى قرارها 70/1،\n\n1 - تقرر.\n")
    assert r.header.opening == "إن الجمعية العامة،"
    assert r.preambular[0].text == "إذ تشير إلى قرارها 70/1،"


def test_structure_parser_page_furniture_is_dropped() -> None:
    text = OPEN + (
        "وإذ تشير إلى اعتماد خطة التنمية\n\n21-19486\n\n3/10\n\nالمستدامة لعام 2030،\n\n1 - تقرر.\n"
    )
    r = parse(text)
    assert r.preambular[0].text == "وإذ تشير إلى اعتماد خطة التنمية المستدامة لعام 2030،"


def test_structure_parser_references_get_paragraph_index() -> None:
    r = parse(OPEN + "وإذ تشير إلى قرارها 70/1،\n\n1 - تطلب تقريرا (A/76/120)؛\n")
    by_value = {x.value: x.paragraph_index for x in r.references}
    assert by_value["70/1"] == 0 and by_value["A/76/120"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وإذ تشير إلى", True),
        ("إذ يشير إلى", True),
        ("وقد نظرت في تقرير", True),
        ("واقتناعا منها بأن", True),
        ("واقتناعاً منها بأن", True),
        ("ورغبة منها في", True),
        ("يساورها بالغ القلق", True),
        ("وإن تكرر إدانتها", True),
        ("وإنه تحيط علما", True),
        ("وإن الدول الأعضاء", False),
        ("والاجتماعي داخل البلدان", False),
        ("منسقا لأعمال فريق", False),
        ("الأطراف في اتفاقية", False),
        ("ذوي الإعاقة", False),
    ],
)
def test_structure_parser_preambular_opener(text: str, expected: bool) -> None:
    assert is_preambular_opener(text) is expected


def _ops(body: str) -> Resolution:
    return parse(OPEN + "وإذ تشير إلى قراراتها،\n\n" + body)


@pytest.mark.parametrize(
    ("lines", "numbers", "kind"),
    [
        # OCR lost the first digit of two-digit numbers
        (
            [f"{n % 10 if n >= 10 else n} - تقرر أمرا؛" for n in range(1, 13)],
            [str(n) for n in range(1, 13)],
            "numbering_repaired",
        ),
        # an unreadable number between two good ones
        (
            ["1 - تحث الدول؛", "؟ - تطلب تقريرا؛", "3 - تقرر."],
            ["1", "2", "3"],
            "numbering_inferred",
        ),
        (
            ["1 - تحث الدول؛", "” - تطلب تقريرا؛", "3 - تقرر."],
            ["1", "2", "3"],
            "numbering_inferred",
        ),
        (
            ["1 - تحث الدول؛", "ه - تطلب تقريرا؛", "3 - تقرر."],
            ["1", "2", "3"],
            "numbering_inferred",
        ),
        # a misread number between two good ones
        (
            ["1 - تحث الدول؛", "1 - تطلب تقريرا؛", "3 - تقرر."],
            ["1", "2", "3"],
            "numbering_repaired",
        ),
        # the number of the last paragraph was lost
        (
            ["1 - تحث الدول؛", "2 - تطلب تقريرا؛", "تقرر أن تبقي المسألة قيد نظرها."],
            ["1", "2", "3"],
            "numbering_inferred",
        ),
    ],
)
def test_structure_parser_number_repair(lines: list[str], numbers: list[str], kind: str) -> None:
    r = _ops("\n\n".join(lines) + "\n")
    assert [p.number for p in r.operative] == numbers
    assert kind in _kinds(r)
    assert all(p.text.startswith("ت") for p in r.operative)


def test_structure_parser_real_gap_is_not_repaired() -> None:
    r = _ops("1 - تحث؛\n\n2 - تطلب؛\n\n4 - تقرر؛\n\n5 - تدعو.\n")
    assert [p.number for p in r.operative] == ["1", "2", "4", "5"]
    assert "numbering_gap" in _kinds(r) and "numbering_repaired" not in _kinds(r)


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("إن الجمعية العامة،", "GA"),
        ("إن الجمعية العامة:", "GA"),
        ("إن الجمعية الغامة,", "GA"),  # dots misplaced by OCR
        ("إن الجمعية العافة,", "GA"),  # one letter wrong
        ("إن مجلس الأمنء", "SC"),  # comma read as hamza
        ("إن مجلس.حقوق الإنسانء»", "HRC"),
        ("إن المجلس الاقتصادي والاجتماعيء", "ECOSOC"),
    ],
)
def test_structure_parser_ocr_damaged_opening(line: str, body: str) -> None:
    text = "9 - عنوان القرار\n\n" + line + "\n\nإذ تشير إلى قراراتها،\n\n1 - تقرر.\n"
    r = parse(text)
    assert r.header.opening is not None and r.header.body == body
    assert len(r.preambular) == 1 and [p.number for p in r.operative] == ["1"]
    assert "opening_missing" not in _kinds(r)


def test_structure_parser_drops_standalone_ocr_debris() -> None:
    r = _ops("1 - تحث الدول؛\n\n622 6.\n\n2 - تقرر.\n")
    assert [p.text for p in r.operative] == ["تحث الدول؛", "تقرر."]


# A preamble hard-wrapped at about 55 characters with no blank lines, as pdftotext writes it:
# lines that begin with "وإلى", "ولا سيما", "ولأن" or "أن تحترم" under a full line continue
# their paragraph; "وإذ" and "واقتناعا منها" open paragraphs.
_HARD_WRAPPED = [
    ["إن الجمعية العامة،"],
    [
        "إذ تشير إلى قراراتها السابقة المتعلقة بالحق في التعليم",
        "في حالات الطوارئ والأزمات الممتدة ذات الصلة،",
        "وإلى قراراتها اللاحقة ذات الصلة، وإلى إعلان المدارس",
        "الآمنة الذي أيدته أكثر من مائة دولة،",
    ],
    [
        "وإذ تؤكد أن التدابير المتخذة لحماية التعليم يجب",
        "أن تحترم حقوق الإنسان والحريات الأساسية في كل وقت،",
        "ولا سيما حق الأطفال في التعليم الجيد والشامل للجميع،",
    ],
    [
        "وإذ تلاحظ مع القلق أن ملايين الأطفال في البلدان التي",
        "تشهد نزاعات مسلحة لا يزالون خارج المدرسة تماما،",
        "ولأن نسبة كبيرة منهم من الفتيات،",
    ],
    ["واقتناعا منها بأن التعليم حق من حقوق الإنسان،"],
    [
        "1 - تحث الدول الأعضاء على حماية المدارس والطلاب",
        "والمعلمين من الهجمات، وعلى ضمان استمرار التعليم في",
        "أثناء حالات الطوارئ؛",
    ],
    ["2 - تطلب إلى الأمين العام أن يقدم إليها تقريرا."],
]


def _rows(r: Resolution) -> list[tuple[str, str | None, str]]:
    return [(p.kind, p.number, " ".join(p.text.split())) for p in r.paragraphs]


def _unwrapped(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(lines) for lines in paragraphs) + "\n"


def _tight(paragraphs: list[list[str]]) -> str:
    return "\n".join(line for lines in paragraphs for line in lines) + "\n"


def test_structure_parser_hard_wrapped_without_blank_lines_parses_like_unwrapped() -> None:
    reference = _rows(parse(_unwrapped(_HARD_WRAPPED)))
    assert [k for k, _, _ in reference] == ["preambular"] * 4 + ["operative"] * 2
    assert _rows(parse(_tight(_HARD_WRAPPED))) == reference


def test_structure_parser_hard_wrapped_page_furniture_is_dropped() -> None:
    lines = _tight(_HARD_WRAPPED).split("\n")
    paged = "\n".join([*lines[:8], "2/5", "23-14562", *lines[8:]])
    r = parse(paged)
    assert _rows(r) == _rows(parse(_unwrapped(_HARD_WRAPPED)))
    assert all("23-14562" not in p.text for p in r.paragraphs)


def test_structure_parser_hard_wrapped_short_comma_line_ends_the_paragraph() -> None:
    # the paragraph's last line stops well short of the width: a "و" line after it is a new
    # preambular paragraph even though its first word is no known opener
    paragraphs = [list(p) for p in _HARD_WRAPPED]
    paragraphs[4] = ["وتسليما منها بأن التعليم حق من حقوق الإنسان،"]
    r = parse(_tight(paragraphs))
    assert [p.text.split()[0] for p in r.preambular] == ["إذ", "وإذ", "وإذ", "وتسليما"]


def test_structure_parser_one_paragraph_per_line_is_not_hard_wrapped() -> None:
    # no line runs on to the next: a "و" line after a comma is a new preambular paragraph
    text = OPEN + "وإذ تشير إلى قراراتها،\n\nوتسليما منها بأهمية التعليم،\n\n1 - تقرر.\n"
    assert [p.text.split()[0] for p in parse(text).preambular] == ["وإذ", "وتسليما"]


def test_structure_parser_wrapped_blank_separated_ocr_slips() -> None:
    # Tesseract's layout: paragraphs wrapped, blank lines between them. A full line that ends
    # with "." where OCR read "،" still runs on; a paragraph whose comma OCR lost still ends
    # at the blank line, and the "وإذ" after it opens the next one.
    paragraphs = [list(p) for p in _HARD_WRAPPED]
    paragraphs[1][1] = "في حالات الطوارئ والأزمات الممتدة ذات الصلة."
    paragraphs[2][-1] = "ولا سيما حق الأطفال في التعليم الجيد والشامل للجميع"
    text = "\n\n".join("\n".join(lines) for lines in paragraphs) + "\n"
    r = parse(text)
    assert [p.kind for p in r.paragraphs] == ["preambular"] * 4 + ["operative"] * 2
    assert r.preambular[0].text.split()[-1] == "دولة،"
    assert r.preambular[2].text.startswith("وإذ تلاحظ")


_ONE_LINE = (
    "الدورة الثامنة والسبعون البند 20 من جدول الأعمال التنمية المستدامة "
    "قرار اتخذته الجمعية العامة في 19 كانون الأول/ديسمبر 2023 "
    "78/150 - الحق في التعليم في حالات الطوارئ "
    "إن الجمعية العامة، إذ تشير إلى قراراتها السابقة⁽¹⁾، وإلى إعلان المدارس الآمنة، "
    "واقتناعا منها بأن التعليم حق من حقوق الإنسان، وإذ تلاحظ مع القلق، أن ملايين الأطفال "
    "خارج المدرسة، وأن نسبة كبيرة منهم من الفتيات، "
    "1 - تحث الدول الأعضاء على ما يلي: (أ) حماية المدارس من الهجمات؛ (ب) ضمان استمرار "
    "التعليم؛ 2 - تطلب إلى الأمين العام أن يقدم إليها تقريرا عن تنفيذ هذا القرار؛ "
    "3 - تقرر أن تبقي المسألة قيد نظرها. (1) القرار 64/290. "
    "الجلسة العامة 51 19 كانون الأول/ديسمبر 2023"
)


def test_structure_parser_resolution_on_one_line() -> None:
    # a spreadsheet cell or a web page's text: the whole resolution on one line
    r = parse(_ONE_LINE)
    assert r.text == _ONE_LINE
    assert [(p.kind, p.number) for p in r.paragraphs] == [
        ("preambular", None),
        ("preambular", None),
        ("preambular", None),
        ("operative", "1"),
        ("subparagraph", "أ"),
        ("subparagraph", "ب"),
        ("operative", "2"),
        ("operative", "3"),
    ]
    # "، وأن نسبة" is a coordinated clause, not a paragraph opening
    assert r.preambular[2].text.endswith("وأن نسبة كبيرة منهم من الفتيات،")
    assert r.header.resolution == "78/150" and r.header.adopted == "2023-12-19"
    assert [f.number for f in r.footnotes] == [1]
    assert all(_ONE_LINE[p.start : p.end].split()[0] == p.text.split()[0] for p in r.preambular)


def test_structure_parser_long_paragraph_lines_are_not_split() -> None:
    # one paragraph per line: a long line with "، وإذ" inside stays one paragraph
    para = "وإذ تشير إلى قراراتها السابقة، وإذ تلاحظ مع القلق أن " + "الأطفال " * 60 + "،"
    text = OPEN + "إذ تؤكد أهمية التعليم،\n\n" + para + "\n\n1 - تقرر أن تبقي المسألة قيد نظرها.\n"
    assert len(parse(text).preambular) == 2
