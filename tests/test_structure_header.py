"""Header block and closing formula: organ, session, agenda, dates, numbers, title."""

from __future__ import annotations

from pathlib import Path

import pytest

from qararat.structure import parse
from qararat.structure.header import ordinal_value, parse_header, session_of
from qararat.structure.organs import detect_organ

DATA = Path(__file__).parent / "data" / "structure"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("السادسة والسبعون", 76),
        ("الحادية والثمانون", 81),
        ("الأولى", 1),
        ("العاشرة", 10),
        ("الحادية عشرة", 11),
        ("الثانية عشرة", 12),
        ("التاسعة عشرة", 19),
        ("العشرون", 20),
        ("الثانية والخمسون", 52),
        ("الثامنة والسبعين", 78),
        ("السابع والستون", 67),
        ("الخامسة والسبعون", 75),
        ("الاولى", 1),
        ("الثالثة والاربعون", 43),
        ("الجمعية", None),
    ],
)
def test_structure_header_ordinal_value(phrase: str, value: int | None) -> None:
    assert ordinal_value(phrase) == value


@pytest.mark.parametrize(
    ("line", "session"),
    [
        ("الدورة السادسة والسبعون", 76),
        ("الدورة 76", 76),
        ("الدورة ٧٨", 78),
        ("الدورة الاستثنائية الثامنة والعشرون", 28),
        ("دورة عام 2022", 2022),
        ("البند 108 من جدول الأعمال", None),
    ],
)
def test_structure_header_session_of(line: str, session: int | None) -> None:
    assert session_of(line) == session


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "sc_resolution.txt",
            {
                "body": "SC",
                "resolution": "2799 (2023)",
                "plenary_meeting": "9501",
                "plenary_date": "2023-12-14",
                "adopted": "2023-12-14",
                "opening": "إن مجلس الأمن،",
                "session": None,
            },
        ),
        (
            "ga_arabic_indic.txt",
            {
                "body": "GA",
                "session": 78,
                "agenda_item": "68 (ب)",
                "agenda_title": "تعزيز حقوق الإنسان وحمايتها",
                "adopted": "2023-12-19",
                "committee_report": "A/78/481/Add.2",
                "resolution": "78/210",
                "title": "حماية المهاجرين",
                "plenary_meeting": "50",
                "plenary_date": "2023-12-19",
            },
        ),
        (
            "hrc_resolution.txt",
            {
                "body": "HRC",
                "session": 52,
                "agenda_item": "3",
                "resolution": "52/3",
                "title": "الحق في التعليم",
                "adopted": "2023-04-04",
                "plenary_meeting": "45",
                "opening": "إن مجلس حقوق الإنسان،",
            },
        ),
        (
            "ecosoc_resolution.txt",
            {
                "body": "ECOSOC",
                "session": 2022,
                "agenda_item": "18 (ج)",
                "agenda_title": None,
                "resolution": "2022/14",
                "committee_report": "E/2022/30",
                "adopted": "2022-07-21",
                "plenary_meeting": "41",
                "plenary_date": "2022-07-21",
                "opening": "إن المجلس الاقتصادي والاجتماعي،",
            },
        ),
        (
            "ga_idh_first.txt",
            {
                "body": "GA",
                "session": 75,
                "agenda_item": "25",
                "resolution": "75/235",
                "committee_report": "A/75/462",
                "plenary_meeting": "46",
            },
        ),
    ],
)
def test_structure_header_documents(name: str, expected: dict[str, object]) -> None:
    header = parse((DATA / name).read_text(encoding="utf-8")).header
    for field, value in expected.items():
        assert getattr(header, field) == value, field


def test_structure_header_reversed_title_number_is_normalised() -> None:
    h = parse_header(["الدورة السادسة والسبعون", "", "186/76 - عنوان القرار"])
    assert h.resolution == "76/186" and h.title == "عنوان القرار"


def test_structure_header_symbol_gives_body_and_number() -> None:
    h = parse_header(["A/RES/76/186", "الدورة السادسة والسبعون"])
    assert h.body == "GA" and h.resolution == "76/186"


def test_structure_header_multiline_title() -> None:
    h = parse_header(["76/186 - تحسين تنسيق الجهود", "المبذولة لمكافحة الاتجار بالأشخاص", ""])
    assert h.title == "تحسين تنسيق الجهود المبذولة لمكافحة الاتجار بالأشخاص"


def test_structure_header_closing_date_on_same_line() -> None:
    h = parse_header([], ["الجلسة العامة 53 16 كانون الأول/ديسمبر 2021"])
    assert h.plenary_meeting == "53" and h.plenary_date == "2021-12-16"
    assert h.adopted == "2021-12-16"


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("إن الجمعية العامة،\n\nإذ تشير", "GA"),
        ("إن مجلس الأمن،\n", "SC"),
        ("إن مجلس حقوق الإنسان،\n", "HRC"),
        ("إن المجلس الاقتصادي والاجتماعي،\n", "ECOSOC"),
        ("ان الجمعية العامة،\n", "GA"),
        ("قرار اتخذه مجلس حقوق الإنسان في 4 نيسان/أبريل 2023", "HRC"),
        ("نص بلا ديباجة", None),
    ],
)
def test_structure_header_detect_organ(text: str, organ: str | None) -> None:
    assert detect_organ(text) == organ


def test_header_fields_wrapped_over_lines() -> None:
    # a narrow hard-wrapped page: the adoption date, the committee report and the closing
    # date each run on to the next line
    h = parse_header(
        [
            "الدورة السابعة والسبعون",
            "البند 20 (د) من جدول الأعمال",
            "",
            "قرار اتخذته الجمعية العامة في 14 كانون الأول/ديسمبر",
            "2022",
            "",
            "[بناء على تقرير اللجنة الثانية",
            "(A/77/443/Add.4، الفقرة 14)]",
            "",
            "77/169 - حماية المناخ العالمي لصالح الأجيال الحالية والمقبلة",
        ],
        ["الجلسة العامة 52", "14 كانون الأول/", "ديسمبر 2022"],
    )
    assert h.adopted == "2022-12-14"
    assert h.committee_report == "A/77/443/Add.4"
    assert h.resolution == "77/169"
    assert (h.plenary_meeting, h.plenary_date) == ("52", "2022-12-14")
