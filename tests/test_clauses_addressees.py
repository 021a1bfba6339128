"""Addressees: gazetteer matching with clitics and OCR noise, object extraction."""

from __future__ import annotations

import pytest

from qararat.clauses import ClauseConfig, annotate_paragraph, default_gazetteer
from qararat.model import Paragraph

RULES = ClauseConfig(use_model=False)


def _addressees(text: str, kind: str = "operative", masculine: bool | None = False) -> list[str]:
    p = Paragraph(index=0, kind=kind, text=text, number="1")  # type: ignore[arg-type]
    return annotate_paragraph(p, masculine=masculine, config=RULES).addressees


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("تهيب بالدول الأعضاء أن تتخذ", ["Member States"]),
        ("تطلب إلى الأمين العام أن يقدم", ["Secretary-General"]),
        (
            "تطلب إلى الأمين العام ورئيس الجمعية العامة أن يتخذا",
            ["Secretary-General", "President of the General Assembly"],
        ),
        ("تهيب بالحكومات أن تتابع", ["Governments"]),
        ("تطلب إلى مكتب الأمم المتحدة المعني بالمخدرات والجريمة أن يواصل", ["UNODC"]),
        (
            "تدعو الدول الأعضاء والقطاع الخاص والمجتمع المدني إلى العمل",
            ["Member States", "private sector", "civil society"],
        ),
        ("تهيب بالدول الأعضاء وسائر الجهات المانحة أن تسد", ["Member States", "donors"]),
        ("تدعو جميع أصحاب المصلحة إلى مواصلة", ["relevant stakeholders"]),
        ("يحث جميع الأطراف المذكورة في التقرير على", ["all parties"]),
        ("يهيب بجميع الدول أن تجرم القرصنة", ["Member States"]),
        ("تكرر دعوتها الدول الأعضاء إلى تعزيز التعاون", ["Member States"]),
        (
            "تدعو اللجان الإقليمية والمنظمات الإقليمية وبرنامج الأمم المتحدة الإنمائي إلى",
            ["regional organizations", "UNDP"],
        ),
        ("تدعو المقررة الخاصة إلى مواصلة", ["Special Rapporteur"]),
        (
            "تدعو فريق التنسيق المشترك بين الوكالات إلى",
            ["Inter-Agency Coordination Group against Trafficking in Persons"],
        ),
        # light OCR noise: dots and a doubled letter
        (
            "تهيب بالدول الأعضاء والمنظمات الدولية ومنظمات المجتمع المدنى",
            ["Member States", "international organizations", "civil society"],
        ),
        ("تطلب إلى الأمبن العام أن يقدم", ["Secretary-General"]),
        ("تدعو الحكومات والجهات المانححة إلى", ["Governments", "donors"]),
        # the object is not an entity: no addressee
        ("تعرب مع التقدير عن شكرها للحكومات التي قدمت تبرعات", []),
        ("ترحب بمبادرة الأمين العام الرامية إلى", []),
        ("تحث الدول الأعضاء على النظر في الانضمام إلى المنظمات الدولية", ["Member States"]),
    ],
)
def test_clauses_addressees_of_operative_clauses(text: str, names: list[str]) -> None:
    assert _addressees(text) == names


def test_clauses_addressees_of_secondary_clauses() -> None:
    text = (
        "ترحب بنشر التقرير العالمي، وتطلب إلى المكتب أن يواصل، وتشجع الدول الأعضاء على "
        "تزويد المكتب ببيانات، وتدعو الجهات المانحة إلى تقديم التبرعات"
    )
    assert _addressees(text) == ["Member States", "donors"]


def test_clauses_addressees_of_object_pronoun_come_from_previous_clause() -> None:
    text = "تسلم بالإسهام القيم لمنظمات المجتمع المدني والقطاع الخاص، وتشجعها على مواصلة تبادل"
    assert _addressees(text) == ["civil society", "private sector"]


def test_clauses_preambular_paragraphs_have_no_addressees() -> None:
    text = "وإذ تهيب بالدول الأعضاء أن تتخذ"
    assert _addressees(text, kind="preambular") == []


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("بالدول الأعضاء", "Member States"),
        ("للدول الأعضاء", "Member States"),
        ("والدول الأطراف", "States parties"),
        ("لمكتب الأمم المتحدة المعني بالمخدرات والجريمة", "UNODC"),
        ("وللمقرر الخاص", "Special Rapporteur"),
        ("بمنظمة الصحة العالمية", "WHO"),
        ("وهيئة الأمم المتحدة للمرأة", "UN Women"),
        ("والمنظمة الدولية للهجرة", "IOM"),
    ],
)
def test_clauses_gazetteer_tolerates_clitics(word: str, name: str) -> None:
    assert default_gazetteer().find(word) == [name]


def test_clauses_gazetteer_names_cover_labels_md() -> None:
    names = set(default_gazetteer().names)
    for name in [
        "Member States",
        "States parties",
        "Secretary-General",
        "President of the General Assembly",
        "UNODC",
        "Inter-Agency Coordination Group against Trafficking in Persons",
        "OHCHR",
        "UNHCR",
        "UNICEF",
        "IOM",
        "ILO",
        "UN Women",
        "Special Rapporteur",
        "Conference of the Parties",
        "regional organizations",
        "civil society",
        "private sector",
        "all parties",
        "donors",
        "Commission on Crime Prevention and Criminal Justice",
        "Governments",
        "WHO",
    ]:
        assert name in names
