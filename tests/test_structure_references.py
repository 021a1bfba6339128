"""References (resolutions, symbols, dates) and the repair of reversed number pairs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qararat.spans import apply_corrections
from qararat.structure import find_references, reversed_number_corrections
from qararat.structure.references import parse_date

DATA = Path(__file__).parent / "data" / "structure"
GA_OPENING = "إن الجمعية العامة،\n\n"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("وإذ تشير إلى القرار 70/1 المؤرخ 25 أيلول/سبتمبر 2015،", "ga_resolution", "70/1"),
        ("وإذ تشير إلى قرار الجمعية العامة 60/147،", "ga_resolution", "60/147"),
        ("قرار المجلس الاقتصادي والاجتماعي 2017/18", "ecosoc_resolution", "2017/18"),
        ("وإلى قرار مجلس حقوق الإنسان 44/4 المؤرخ 16 تموز/يوليه 2020،", "hrc_resolution", "44/4"),
        ("إذ يشير إلى القرار 2331 (2016)،", "sc_resolution", "S/RES/2331 (2016)"),
        ("وإذ تشير إلى قرار مجلس الأمن 1325 (2000)،", "sc_resolution", "S/RES/1325 (2000)"),
        ("قرار لجنة منع الجريمة والعدالة الجنائية 27/2،", "resolution", "27/2"),
        ("وإذ تشير إلى مقررها 75/555،", "decision", "75/555"),
        ("وإذ تشير إلى القرار ٧٦/١٨٦،", "ga_resolution", "76/186"),
        ("انظر A/76/463، الفقرة 26", "document_symbol", "A/76/463"),
        ("انظر CTOC/COP/2020/10، الفرع", "document_symbol", "CTOC/COP/2020/10"),
        ("الملحق رقم 10 (E/2018/30)،", "document_symbol", "E/2018/30"),
        ("المرفق بالوثيقة A/RES/76/186.", "document_symbol", "A/RES/76/186"),
        ("تقرير S/2020/1234 المؤرخ", "document_symbol", "S/2020/1234"),
        ("في 16 كانون الأول/ديسمبر 2021", "date", "2021-12-16"),
        ("في 30 تموز / يوليه 2010", "date", "2010-07-30"),
        ("في ٨ أيلول/سبتمبر ٢٠١٧", "date", "2017-09-08"),
        ("في موعد أقصاه كانون الأول/ديسمبر 2025؛", "date", "2025-12"),
    ],
)
def test_structure_references_kinds(text: str, kind: str, value: str) -> None:
    refs = find_references(text)
    assert (kind, value) in {(r.kind, r.value) for r in refs}


def test_structure_references_list_inherits_kind() -> None:
    text = (
        "وإذ تشير إلى قراراتها 61/180 المؤرخ 20 كانون الأول/ديسمبر 2006، و 64/178 المؤرخ "
        "18 كانون الأول/ديسمبر 2009 و 67/190،"
    )
    res = [r for r in find_references(text) if r.kind.endswith("resolution")]
    assert [(r.kind, r.value) for r in res] == [
        ("ga_resolution", "61/180"),
        ("ga_resolution", "64/178"),
        ("ga_resolution", "67/190"),
    ]


def test_structure_references_ecosoc_list() -> None:
    text = "قراري المجلس الاقتصادي والاجتماعي 2017/18 المؤرخ 6 تموز/يوليه 2017 و 2021/25 المؤرخ"
    res = [r.value for r in find_references(text) if r.kind == "ecosoc_resolution"]
    assert res == ["2017/18", "2021/25"]


@pytest.mark.parametrize(
    "text",
    [
        "الغاية 5-2 من أهداف التنمية المستدامة",
        "للفترة 2015-2018، التي اعتمدتها",
        "فيروس نقص المناعة البشرية/الإيدز",
        "الصفحة 3/10",
        "اتفاقية منظمة العمل الدولية لعام 1930 (رقم 29)",
    ],
)
def test_structure_references_ignores_non_references(text: str) -> None:
    kinds = {r.kind for r in find_references(text)}
    assert not kinds & {
        "ga_resolution",
        "sc_resolution",
        "hrc_resolution",
        "ecosoc_resolution",
        "resolution",
    }


def test_structure_references_adopted_by_other_body() -> None:
    text = (
        "وإذ تحيط علما بالقرار 10/1 المؤرخ 16 تشرين الأول/أكتوبر 2020، اللذين اتخذهما "
        "مؤتمر الأطراف في دورته العاشرة،"
    )
    res = [r for r in find_references(text) if r.value == "10/1"]
    assert res and res[0].kind == "resolution"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("16 كانون الأول/ديسمبر 2021", "2021-12-16"),
        ("16 كانون الأول / ديسمبر 2021", "2021-12-16"),
        ("1 كانون الثاني/يناير 2020", "2020-01-01"),
        ("22 تموز/يوليو 2021", "2021-07-22"),
        ("4 نيسان/إبريل 2023", "2023-04-04"),
        ("18 ايار/مايو 2018", "2018-05-18"),
        ("١٩ تشرين الثاني/نوفمبر ٢٠٢٣", "2023-11-19"),
        ("21 ديسمبر 2022", "2022-12-21"),
        ("حزيران/يونيه 2007", "2007-06"),
        ("30 تموز/يوليه", None),
    ],
)
def test_structure_references_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


# -- reversed numbers -----------------------------------------------------------------------
def test_structure_references_reversed_sample(sample_text: str) -> None:
    corrections = reversed_number_corrections(sample_text)
    pairs = {(c.original, c.replacement) for c in corrections}
    for expected in [
        ("186/76", "76/186"),
        ("293/64", "64/293"),
        ("18/2017", "2017/18"),
        ("25/2021", "2021/25"),
        ("4/44", "44/4"),
        ("1/70", "70/1"),
        ("2/27", "27/2"),
    ]:
        assert expected in pairs
    assert all(c.rule == "bidi_reversed_number" and c.applied for c in corrections)
    assert all(0.5 < c.confidence <= 1 for c in corrections)
    for c in corrections:
        assert sample_text[c.start : c.end] == c.original
    clean, _ = apply_corrections(sample_text, corrections)
    for symbol in ("A/76/463", "E/2018/30", "CTOC/COP/2020/10", "A/75/53", "A/76/120"):
        assert symbol in clean
    for kept in ("كانون الأول/ديسمبر", "2015-2018", "الغاية 5-2", "الغاية 8-7"):
        assert kept in clean
    assert "186/76" not in clean and "قرارها 64/293" in clean


def test_structure_references_reversed_ordered_document_untouched() -> None:
    text = GA_OPENING + (
        "وإذ تشير إلى قراراتها 61/180 المؤرخ 20 كانون الأول/ديسمبر 2006 و 74/176 المؤرخ "
        "18 كانون الأول/ديسمبر 2019، وإلى القرار 70/1،\n\n"
        "وإذ تشير أيضا إلى قرار مجلس حقوق الإنسان 44/4 المؤرخ 16 تموز/يوليه 2020،\n"
    )
    assert reversed_number_corrections(text) == []


def test_structure_references_reversed_decided_per_document() -> None:
    # Only one pair carries evidence (a date); the others are ambiguous but follow it.
    text = GA_OPENING + (
        "وإذ تشير إلى قرارها 180/61 المؤرخ 20 كانون الأول/ديسمبر 2006،\n\n"
        "وإذ تشير أيضا إلى القرار 1/70 وإلى القرارات 67/55 و 1/71،\n"
    )
    got = {(c.original, c.replacement) for c in reversed_number_corrections(text)}
    assert got == {("180/61", "61/180"), ("1/70", "70/1"), ("67/55", "55/67"), ("1/71", "71/1")}


def test_structure_references_reversed_year_pair_proves_itself() -> None:
    # The document's GA numbers are in order, but an ECOSOC number with its year second is not.
    text = GA_OPENING + (
        "وإذ تشير إلى قرارها 74/176 المؤرخ 18 كانون الأول/ديسمبر 2019، وإلى قرار المجلس "
        "الاقتصادي والاجتماعي 18/2017 المؤرخ 6 تموز/يوليه 2017،\n"
    )
    got = [(c.original, c.replacement) for c in reversed_number_corrections(text)]
    assert got == [("18/2017", "2017/18")]


@pytest.mark.parametrize(
    "text",
    [
        "انظر A/76/463 و E/2018/30 و CTOC/COP/2020/10.",
        "الغاية 16-2 والفترة 2015-2018 وتاريخ 16/12/2021.",
        "الصفحة 10/3",
    ],
)
def test_structure_references_reversed_never_touches_symbols(text: str) -> None:
    assert reversed_number_corrections(GA_OPENING + text) == []


def test_structure_references_reversed_arabic_indic() -> None:
    text = GA_OPENING + "إذ تشير إلى قرارها ١٨٦/٧٦ المؤرخ ١٦ كانون الأول/ديسمبر ٢٠٢١،\n"
    got = reversed_number_corrections(text)
    assert [(c.original, c.replacement) for c in got] == [("١٨٦/٧٦", "٧٦/١٨٦")]


def test_structure_references_reversed_hrc_session_fits_year() -> None:
    text = "إن مجلس حقوق الإنسان،\n\nإذ يشير إلى قراره 4/44 المؤرخ 16 تموز/يوليه 2020،\n"
    got = reversed_number_corrections(text)
    assert [(c.original, c.replacement) for c in got] == [("4/44", "44/4")]


_PAIR = re.compile(r"(?<![\w/])(\d+)/(\d+)(?![\w/])")


@pytest.mark.parametrize(
    "name",
    [
        "hrc_resolution.txt",
        "ecosoc_resolution.txt",
        "ga_arabic_indic.txt",
        "ga_idh_first.txt",
        "ga_having_considered.txt",
    ],
)
def test_structure_references_reversed_documents_are_restored(name: str) -> None:
    original = (DATA / name).read_text(encoding="utf-8")
    assert reversed_number_corrections(original) == []
    backwards = _PAIR.sub(lambda m: f"{m.group(2)}/{m.group(1)}", original)
    assert backwards != original
    repaired, _ = apply_corrections(backwards, reversed_number_corrections(backwards))
    assert repaired == original
