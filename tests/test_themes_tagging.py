"""Theme tagging: clitics, OCR noise, negatives, annotate, the taxonomy data file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qararat.model import Paragraph, Resolution
from qararat.themes import ThemeTagger, annotate, find_themes, load_taxonomy, tag_themes
from qararat.themes.tagger import Theme

LABELS_MD = Path("/work/shared/LABELS.md")
CONTRACT_THEMES = [
    "trafficking",
    "women_girls",
    "children",
    "covid19",
    "technology",
    "migration_refugees",
    "forced_labour",
    "organ_removal",
    "supply_chains",
    "victims_protection",
    "criminal_justice",
    "international_cooperation",
    "funding",
    "data_research",
    "human_rights",
    "sdgs",
    "climate_environment",
    "disaster_risk",
    "health",
    "education",
    "disability",
    "armed_conflict",
    "humanitarian",
    "sexual_exploitation",
]


def test_themes_taxonomy_has_every_contract_theme() -> None:
    names = [t.name for t in load_taxonomy()]
    assert set(CONTRACT_THEMES) <= set(names)
    assert len(names) == len(set(names))


def test_themes_taxonomy_matches_labels_md_when_available() -> None:
    if not LABELS_MD.is_file():
        pytest.skip("shared LABELS.md not mounted")
    section = LABELS_MD.read_text(encoding="utf-8").split("## 2. Themes", 1)[1].split("##", 1)[0]
    listed = re.findall(r"`([a-z0-9_]+)`", section.split("\n\n")[1])
    assert listed and set(listed) <= {t.name for t in load_taxonomy()}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # clitics on the key word
        ("تدابير لحماية الأطفال", "children"),
        ("الخدمات المقدمة للأطفال", "children"),
        ("الاتجار بالأطفال", "children"),
        ("النساء والأطفال", "children"),
        ("وللأطفال حقوق", "children"),
        ("وبالنساء والفتيات", "women_girls"),
        ("مكافحة الاتجار بالأشخاص", "trafficking"),
        ("وللاتجار بالبشر", "trafficking"),
        # OCR noise: one dot or hamza confusion on a long stem
        ("مكافحة الانجار بالأشخاص", "trafficking"),
        ("مكافحة الاتحار بالأشخاص", "trafficking"),
        ("حماية الاطفال", "children"),
        ("حماية الأظفال", "children"),
        ("حقوق الانسان", "human_rights"),
        # phrases from the contract
        ("جائحة مرض فيروس كورونا (كوفيد-19)", "covid19"),
        ("أثر جائحة كوفيد-١٩ على الاقتصاد", "covid19"),
        ("إساءة استعمال الإنترنت وتكنولوجيات المعلومات والاتصالات", "technology"),
        ("صندوق الأمم المتحدة الاستئماني للتبرعات لضحايا الاتجار بالأشخاص", "funding"),
        ("تقديم التبرعات إلى المكتب", "funding"),
        ("توفير التمويل الكافي", "funding"),
        # other themes, written as UN texts write them
        ("تعزيز التعاون الدولي في المسائل الجنائية", "international_cooperation"),
        ("التعاون على الصعيدين الإقليمي والدولي", "international_cooperation"),
        ("التعاون فيما بين الدول", "international_cooperation"),
        ("المساعدة القانونية المتبادلة", "international_cooperation"),
        ("العمل الجبري أو الإلزامي", "forced_labour"),
        ("القضاء على السخرة", "forced_labour"),
        ("الاتجار بالأشخاص لغرض نزع أعضائهم", "organ_removal"),
        ("منع الاتجار في سلاسل الإمداد", "supply_chains"),
        ("حماية الضحايا ومساعدتهم", "victims_protection"),
        ("نهج يركز على الضحايا", "victims_protection"),
        ("إنهاء الإفلات من العقاب", "criminal_justice"),
        ("نظم العدالة الجنائية", "criminal_justice"),
        ("جمع البيانات المصنفة حسب الجنس والسن", "data_research"),
        ("تحقيق أهداف التنمية المستدامة", "sdgs"),
        ("خطة التنمية المستدامة لعام 2030", "sdgs"),
        ("آثار تغير المناخ", "climate_environment"),
        ("الحد من مخاطر الكوارث", "disaster_risk"),
        ("خدمات الرعاية الصحية", "health"),
        ("الحصول على التعليم الجيد", "education"),
        ("الأشخاص ذوي الإعاقة", "disability"),
        ("في حالات النزاع المسلح", "armed_conflict"),
        ("تقديم المساعدة الإنسانية", "humanitarian"),
        ("الاستغلال الجنسي والاعتداء الجنسي", "sexual_exploitation"),
        ("استغلال الأطفال في البغاء", "sexual_exploitation"),
        ("حماية المهاجرين واللاجئين", "migration_refugees"),
    ],
)
def test_themes_tag_finds_theme(text: str, theme: str) -> None:
    assert theme in tag_themes(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("تعزيز التعاون مع الدول الأعضاء", "international_cooperation"),
        ("التعاون، على الصعيد الوطني", "international_cooperation"),
        ("الاتجار غير المشروع بالمخدرات", "trafficking"),
        ("الاتجار بالأسلحة الصغيرة", "trafficking"),
        ("تهيئة بيئة مواتية للمجتمع المدني", "climate_environment"),
        ("الدول الأعضاء في الأمم المتحدة", "organ_removal"),
        ("اللجوء إلى القضاء", "migration_refugees"),
        ("عديمي الخبرة", "migration_refugees"),
        ("الجرائم ضد الإنسانية", "humanitarian"),
        ("لهذه الغاية", "sdgs"),
        ("تطلب إلى مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "drugs"),
        ("تمويل الإرهاب", "funding"),
        ("التبرع بالأعضاء", "funding"),
        ("في طبيعة الأمر", "health"),
        ("تعليمات واضحة", "education"),
        ("البرق", "forced_labour"),
        ("جلسة عامة", "human_rights"),
    ],
)
def test_themes_tag_rejects_weak_or_lookalike_words(text: str, theme: str) -> None:
    assert theme not in tag_themes(text)


def test_themes_tag_order_follows_taxonomy() -> None:
    tags = tag_themes("الأطفال والنساء وضحايا الاتجار بالأشخاص")
    order = [t.name for t in load_taxonomy()]
    assert tags == sorted(tags, key=order.index)
    assert tags[:3] == ["trafficking", "women_girls", "children"]


def test_themes_tag_empty_and_non_arabic() -> None:
    assert tag_themes("") == []
    assert tag_themes("A/76/463 (2021)") == []


def test_themes_find_gives_offsets_into_the_text() -> None:
    text = "وإذ تلاحظ أثر جائحة كوفيد-19 على الأطفال"
    found = {m.theme: m for m in find_themes(text)}
    child = found["children"]
    assert text[child.start : child.end] == child.text == "الأطفال"
    assert "كوفيد" in found["covid19"].text


def test_themes_phrase_does_not_cross_comma() -> None:
    tagger = ThemeTagger(
        taxonomy=(Theme("x", "x", ("التعاون الدولي",)),),
    )
    assert tagger.tag("التعاون الدولي") == ["x"]
    assert tagger.tag("التعاون، الدولي") == []


def test_themes_annotate_fills_every_paragraph() -> None:
    res = Resolution(
        doc_id="d",
        source="<test>",
        paragraphs=[
            Paragraph(0, "preambular", "وإذ تشير إلى حقوق الطفل"),
            Paragraph(1, "operative", "1 - تقرر أن تبقي المسألة قيد نظرها", number="1"),
            Paragraph(2, "operative", "2 - تحث على تمويل الصندوق", number="2"),
        ],
    )
    out = annotate(res)
    assert out is res
    assert res.paragraphs[0].themes == ["children", "human_rights"]
    assert res.paragraphs[1].themes == []
    assert res.paragraphs[2].themes == ["funding"]


def test_themes_every_data_pattern_compiles_and_can_match_itself() -> None:
    """Each plain phrase pattern (no gaps, no wildcards) must tag its own first spelling."""
    for theme in load_taxonomy():
        assert theme.patterns, theme.name
        tagger = ThemeTagger(taxonomy=(theme,))
        for pattern in theme.patterns:
            if "..." in pattern or "#" in pattern:
                continue
            words = [part.split("|")[0].rstrip("*") for part in pattern.split()]
            assert tagger.tag(" ".join(words)) == [theme.name], (theme.name, pattern)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("تدين العنف ضد النساء والفتيات", "women_girls", "children"),
        ("حماية الأظفال من العنف", "children", None),
    ],
)
def test_themes_exact_term_is_not_a_misreading_of_another(
    text: str, present: str, absent: str | None
) -> None:
    themes = tag_themes(text)
    assert present in themes
    if absent:
        assert absent not in themes
