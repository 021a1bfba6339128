"""Section headings, lettered parts, annexes and quoted drafts."""

from __future__ import annotations

import pytest

from qararat import analyze
from qararat.ocr.rules import paragraph_zones
from qararat.structure import parse
from qararat.structure.parser import section_heading

TWO_PARTS = """الدورة الثامنة والسبعون
البند 73 من جدول الأعمال
78/120 - تعزيز تنسيق المساعدة الإنسانية
ألف
تعزيز تنسيق المساعدة الإنسانية الطارئة
إن الجمعية العامة،
إذ تشير إلى قرارها 46/182،
وإذ تؤكد من جديد مبادئ الإنسانية والحياد،
1 - تحيط علما بتقرير الأمين العام؛
2 - تحث الدول الأعضاء على تعزيز قدراتها؛
3 - تطلب إلى الأمين العام أن يقدم تقريرا.
الجلسة العامة 45
11 كانون الأول/ديسمبر 2023
باء
المساعدة الاقتصادية الخاصة
إن الجمعية العامة،
إذ تضع في اعتبارها الحالة في المنطقة،
1 - ترحب بالجهود التي تبذلها الحكومات؛
2 - تهيب بالمجتمع الدولي أن يقدم الدعم.
الجلسة العامة 45
11 كانون الأول/ديسمبر 2023
"""

ANNEX = """إن الجمعية العامة،
إذ تشير إلى قرارها 70/1،
1 - تعتمد الإعلان السياسي المرفق بهذا القرار؛
2 - تقرر أن تعقد اجتماعا آخر في عام 2027.
الجلسة العامة 14
5 تشرين الأول/أكتوبر 2023
المرفق
الإعلان السياسي للاجتماع الرفيع المستوى
نحن رؤساء الدول والحكومات، المجتمعين في الأمم المتحدة،
1 - نؤكد من جديد أن الصحة شرط للتنمية المستدامة؛
2 - نلتزم بتعزيز النظم الصحية؛
3 - نطلب إلى الأمين العام أن يقدم تقريرا.
"""


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("أولا - ولاية المقرر الخاص", True),
        ("ثانيا", True),
        ("حادي عشر - أحكام ختامية", True),
        ("باء - التعاون الدولي", True),
        ("**ألف**", True),
        ("ألف دولار لهذا الغرض؛", False),  # a thousand dollars, and a sentence
        ("ألف دولار لهذا الغرض", False),  # no dash: not a heading
        ("أولا، ترحب بالتقرير؛", False),
        ("أولا - تقرر أن تنشئ فريقا عاملا مفتوح العضوية يجتمع مرتين في السنة.", False),
        ("وإذ تشير إلى قرارها", False),
        # OCR: a dot lost ("ثالتا"), the dash misread
        ("ثالتا - المتابعة والتعاون", True),
        ("باء + التعاون الدولي وبناء القدرات", True),
    ],
)
def test_structure_section_heading(line: str, heading: bool) -> None:
    assert section_heading(line) is heading


def test_structure_headings_are_sections_not_paragraphs() -> None:
    text = (
        "إن مجلس حقوق الإنسان،\nإذ يسترشد بميثاق الأمم المتحدة،\n"
        "أولا - ولاية المقرر الخاص\n1 - يقرر تمديد ولاية المقرر الخاص؛\n"
        "2 - يطلب إلى المقرر الخاص أن يقدم تقريرا؛\nثانيا - التعاون\n"
        "3 - يهيب بجميع الدول أن تتعاون مع المقرر الخاص.\n"
    )
    r = parse(text)
    assert [p.kind for p in r.paragraphs] == ["preambular"] + ["operative"] * 3
    assert r.paragraphs[0].text == "إذ يسترشد بميثاق الأمم المتحدة،"  # the heading not glued on
    assert [p.section for p in r.paragraphs] == [
        None,
        "أولا - ولاية المقرر الخاص",
        "أولا - ولاية المقرر الخاص",
        "ثانيا - التعاون",
    ]
    assert not r.warnings


def test_structure_lettered_parts_number_on_their_own() -> None:
    r = parse(TWO_PARTS)
    assert [(p.part, p.kind, p.number) for p in r.paragraphs] == [
        ("ألف", "preambular", None),
        ("ألف", "preambular", None),
        ("ألف", "operative", "1"),
        ("ألف", "operative", "2"),
        ("ألف", "operative", "3"),
        ("باء", "preambular", None),
        ("باء", "operative", "1"),
        ("باء", "operative", "2"),
    ]
    # neither the closing lines nor the part's letter and title became text
    assert all("الجلسة" not in p.text and "باء" not in p.text for p in r.paragraphs)
    assert not [w for w in r.warnings if w.kind.startswith("numbering")]
    assert r.header.title == "تعزيز تنسيق المساعدة الإنسانية"
    assert r.header.plenary_meeting == "45"


def test_structure_annex_paragraphs_are_apart() -> None:
    r = parse(ANNEX)
    assert [p.kind for p in r.paragraphs] == ["preambular"] + ["operative"] * 2 + ["annex"] * 4
    annex = [p for p in r.paragraphs if p.kind == "annex"]
    assert {p.part for p in annex} == {"المرفق"}
    assert {p.section for p in annex} == {"الإعلان السياسي للاجتماع الرفيع المستوى"}
    assert [p.number for p in annex] == [None, "1", "2", "3"]
    assert len(r.operative) == 2 and r.header.plenary_meeting == "14"
    assert r.annex == annex and r.summary()["annex"] == 4
    assert not [w for w in r.warnings if w.kind.startswith("numbering")]


def test_structure_annex_declaration_keeps_its_voice_through_ocr_correction() -> None:
    # "نؤكد" is a first-person verb in a declaration, not a misread "تؤكد"
    zones = [z for _, _, z in paragraph_zones(ANNEX)]
    assert zones[-3:] == ["other"] * 3
    res = analyze(ANNEX)
    annex = [p for p in res.paragraphs if p.kind == "annex" and p.number]
    assert [p.text.split()[0] for p in annex] == ["نؤكد", "نلتزم", "نطلب"]
    assert [p.label for p in annex] == ["reaffirm", "determined", "request"]


def test_structure_quoted_draft_is_not_a_new_part() -> None:
    text = (
        "إن المجلس الاقتصادي والاجتماعي،\nإذ يشير إلى قرار الجمعية العامة 70/1،\n"
        "1 - يحيط علما بتقرير الأمين العام؛\n"
        "2 - يوصي الجمعية العامة باعتماد مشروع القرار التالي:\n"
        "إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1،\n1 - تحث الدول الأعضاء على التعاون؛\n"
        "2 - تطلب إلى الأمين العام أن يقدم تقريرا.\nالجلسة العامة 20\n22 تموز/يوليه 2023\n"
    )
    r = parse(text)
    assert [(p.kind, p.number) for p in r.paragraphs] == [
        ("preambular", None),
        ("operative", "1"),
        ("operative", "2"),
        ("annex", None),
        ("annex", "1"),
        ("annex", "2"),
    ]
    assert {p.part for p in r.paragraphs if p.kind == "annex"} == {"مشروع قرار"}
    assert not [w for w in r.warnings if w.kind.startswith("numbering")]


@pytest.mark.parametrize(
    "lines",
    [
        # a PDF's visual order put the number at the end of its line
        [
            "تحيط علما بتقرير الأمين العام؛ - 1",
            "تحث الدول الأعضاء على التعاون؛ - 2",
            "تطلب إلى الأمين العام أن يقدم تقريرا. - 3",
        ],
        [
            "تحيط علما بتقرير الأمين العام؛ 1 -",
            "تحث الدول الأعضاء على التعاون؛ 2 -",
            "تطلب إلى الأمين العام أن يقدم تقريرا. 3 -",
        ],
        # numbered like footnotes, but continuing the numbering with an operative verb
        [
            "(1) تحيط علما بتقرير الأمين العام؛",
            "(2) تحث الدول الأعضاء على التعاون؛",
            "(3) تطلب إلى الأمين العام أن يقدم تقريرا.",
        ],
    ],
)
def test_structure_other_operative_number_forms(lines: list[str]) -> None:
    text = "إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1،\n" + "\n".join(lines) + "\n"
    r = parse(text)
    assert [(p.kind, p.number) for p in r.paragraphs] == [("preambular", None)] + [
        ("operative", str(n)) for n in (1, 2, 3)
    ]
    assert [p.text.split()[0] for p in r.operative] == ["تحيط", "تحث", "تطلب"]
    assert not any(ch.isdigit() for p in r.operative for ch in p.text)
    assert r.footnotes == [] and not r.warnings


def test_structure_real_footnote_after_parenthesised_numbers_stays_a_footnote() -> None:
    text = (
        "إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1⁽¹⁾،\n(1) تحيط علما بتقرير الأمين العام؛\n"
        "(2) تحث الدول الأعضاء على التعاون.\n(1) القرار 70/1.\n"
    )
    r = parse(text)
    assert [p.number for p in r.operative] == ["1", "2"]
    assert [(f.number, f.text) for f in r.footnotes] == [(1, "القرار 70/1.")]


@pytest.mark.parametrize("label", ["0", "(!)", "])", "ب)", "(ب", "|"])
def test_structure_sub_label_damaged_by_ocr(label: str) -> None:
    first = "أ" if label in ("0", "(!)", "])", "|") else None
    lines = ["1 - تهيب بالدول أن تكفل ما يلي:"]
    if first is None:  # the damaged label is the second one
        lines.append("(أ) القدرة على أداء المهام؛")
    lines += [
        f"{label} عدم التعرض للملاحقة القضائية؛",
        "(ج) عدم الخلط بين المحامين وموكليهم؛",
        "2 - تقرر أن تواصل النظر في المسألة.",
    ]
    r = parse("إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1،\n" + "\n".join(lines) + "\n")
    subs = r.subparagraphs
    assert [p.number for p in subs] == (["أ", "ج"] if first else ["أ", "ب", "ج"])[: len(subs)]
    assert len(subs) == (2 if first else 3)
    assert any(p.text.startswith("عدم التعرض") for p in subs)
    assert [p.number for p in r.operative] == ["1", "2"]


def test_structure_lost_number_with_verb_is_no_sub_label() -> None:
    text = (
        "إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1،\n1 - تهيب بالدول أن تكفل ما يلي:\n"
        "(أ) القدرة على أداء المهام؛\n0 تطلب إلى الأمين العام أن يقدم تقريرا.\n"
    )
    r = parse(text)
    assert [p.kind for p in r.paragraphs][-1] == "operative"


def test_structure_annex_whose_heading_ocr_destroyed() -> None:
    text = ANNEX.replace("المرفق\n", "م لمم ا 0 ل ا ا ل ا ل ا 5 ا ل 0 ا لمر\n")
    r = parse(text)
    assert [p.kind for p in r.paragraphs] == ["preambular"] + ["operative"] * 2 + ["annex"] * 4
    annex = [p for p in r.paragraphs if p.kind == "annex"]
    assert {p.part for p in annex} == {"المرفق"}
    assert {p.section for p in annex} == {"الإعلان السياسي للاجتماع الرفيع المستوى"}


def test_structure_closing_then_footnotes_is_no_annex() -> None:
    text = (
        "إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1⁽¹⁾،\n1 - تقرر أن تواصل النظر في المسألة.\n"
        "الجلسة العامة 45\n11 كانون الأول/ديسمبر 2023\n(1) القرار 70/1 المؤرخ 25 أيلول/سبتمبر\n"
    )
    r = parse(text)
    assert [p.kind for p in r.paragraphs] == ["preambular", "operative"]
    assert [f.number for f in r.footnotes] == [1]


def test_structure_annex_numbers_repaired_on_their_own() -> None:
    r = parse(ANNEX.replace("2 - نلتزم", "؟ - نلتزم"))
    assert [p.number for p in r.paragraphs if p.kind == "annex"] == [None, "1", "2", "3"]


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("6.- يطلب إلى الأمين العام أن يقدم تقريرا؛", "6"),
        ("6 يطلب إلى الأمين العام أن يقدم تقريرا؛", "6"),
    ],
)
def test_structure_more_damaged_numbers(line: str, number: str) -> None:
    head = "إن مجلس حقوق الإنسان،\nإذ يشير إلى قراره 5/1،\n"
    ops = "".join(f"{n} - يقرر أمرا؛\n" for n in range(1, 6))
    r = parse(head + ops + line + "\n7 - يقرر أن يواصل النظر في المسألة.\n")
    assert [p.number for p in r.operative] == ["1", "2", "3", "4", "5", number, "7"]
    assert r.operative[5].text.startswith("يطلب")


def test_structure_stray_digit_before_the_preamble_is_no_number() -> None:
    text = (
        "إن مجلس حقوق الإنسان،\n1 إذ يسترشد بمقاصد الميثاق،\nوإذ يشير إلى قراره 5/1،\n"
        "1 - يقرر أن يواصل النظر في المسألة.\n"
    )
    r = parse(text)
    assert [p.kind for p in r.paragraphs] == ["preambular", "preambular", "operative"]


def test_structure_text_without_any_structure_keeps_its_prose() -> None:
    text = (
        "المقرر 78/540 - تنشيط أعمال الجمعية العامة\n"
        "في الجلسة العامة 52، المعقودة في 20 كانون الأول/ديسمبر 2023، قررت الجمعية العامة، "
        "بناء على توصية المكتب، أن تدرج البند المعنون في جدول الأعمال المؤقت لدورتها المقبلة.\n"
    )
    r = parse(text)
    assert [p.kind for p in r.paragraphs] == ["operative"]
    assert r.paragraphs[0].text.startswith("في الجلسة العامة 52")
    assert [w.kind for w in r.warnings] == ["opening_missing", "no_structure"]
    assert (r.header.resolution, r.header.title) == ("78/540", "تنشيط أعمال الجمعية العامة")


def test_structure_no_prose_no_paragraphs() -> None:
    r = parse("الأمم المتحدة\nA/RES/78/1\n")
    assert r.paragraphs == [] and "no_paragraphs" in [w.kind for w in r.warnings]


def test_ocr_zones_next_part_needs_an_organ_line_not_a_wrapped_line() -> None:
    text = (
        "إن الجمعية العامة،\nإذ تشير،\n1 - تقرر ما يلي؛\nأن الدول الأعضاء ملزمة باحترام القانون\n"
        "وإن تلاحظ\nالجلسة العامة 5\nباء\nإن الجمعية العامة،\nوإن تشير إلى،\n1 - تحث"
    )
    zones = [z for _, _, z in paragraph_zones(text)]
    assert zones == [
        "organ",
        "preamble",
        "operative",
        "other",
        "other",
        "other",
        "other",
        "organ",
        "preamble",
        "operative",
    ]
