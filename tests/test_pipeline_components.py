"""spaCy components: clause spans with extensions, theme spans, UN entities."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from qararat.model import Paragraph
from qararat.pipeline import load_pipeline
from qararat.pipeline.components import find_entities, set_clause_spans
from qararat.pipeline.extensions import SPAN_EXTENSIONS, register_extensions

TEXT = """الدورة الخامسة والسبعون
البند 100 من جدول الأعمال

قرار اتخذته الجمعية العامة في 10 كانون الأول/ديسمبر 2020

[بناء على تقرير اللجنة الثالثة (A/75/478)]

75/999 - حماية الأطفال المهاجرين

إن الجمعية العامة،

إذ تشير إلى قرارها 74/150 المؤرخ 18 كانون الأول/ديسمبر 2019،

وإذ يساورها بالغ القلق إزاء أثر جائحة كوفيد-19 على الأطفال المهاجرين،

1 - تحث الدول الأعضاء على تعزيز التعاون الدولي لمكافحة الاتجار بالأشخاص؛

2 - تطلب إلى مكتب الأمم المتحدة المعني بالمخدرات والجريمة أن يقدم تقريرا إلى الأمين العام.
"""


@pytest.fixture(scope="module")
def doc() -> Doc:
    return load_pipeline()(TEXT)


def test_pipeline_load_has_components_in_order() -> None:
    nlp = load_pipeline()
    assert nlp.lang == "ar"
    assert nlp.pipe_names == ["qararat_clauses", "qararat_themes", "qararat_entities"]


def test_pipeline_clause_spans_and_labels(doc: Doc) -> None:
    clauses = list(doc.spans["clauses"])
    assert [s.label_ for s in clauses] == ["preambular", "preambular", "operative", "operative"]
    assert [s._.label for s in clauses] == ["recall", "concerned", "urge", "request"]
    assert clauses[2]._.kind == "operative" and clauses[2]._.number == "1"
    assert clauses[2].text.startswith("1 - تحث")
    assert "Member States" in clauses[2]._.addressees
    assert clauses[2]._.lead and "تحث" in clauses[2]._.lead


def test_pipeline_clause_spans_carry_themes(doc: Doc) -> None:
    clauses = list(doc.spans["clauses"])
    assert {"covid19", "children"} <= set(clauses[1]._.themes)
    assert {"trafficking", "international_cooperation"} <= set(clauses[2]._.themes)
    assert "drugs" not in clauses[3]._.themes  # the office's name is not a theme
    assert set(doc._.themes) >= {"trafficking", "children", "covid19"}


def test_pipeline_theme_spans(doc: Doc) -> None:
    spans = {(s.label_, s.text) for s in doc.spans["themes"]}
    assert ("covid19", "كوفيد-19") in spans or any(
        label == "covid19" and "كوفيد" in text for label, text in spans
    )
    assert ("trafficking", "الاتجار") in spans


def test_pipeline_entities(doc: Doc) -> None:
    ents = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("A/75/478", "SYMBOL", "A/75/478") in ents
    assert ("74/150", "RESOLUTION", "74/150") in ents
    assert ("اللجنة الثالثة", "ORG", "Third Committee") in ents
    assert ("مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "ORG", "UNODC") in ents
    assert ("الأمين العام", "ORG", "Secretary-General") in ents
    # the longest name wins: no separate "الأمم المتحدة" inside the office's name
    assert not any(e.kb_id_ == "United Nations" for e in doc.ents)


@pytest.mark.parametrize(
    ("text", "label", "kb_id"),
    [
        ("وتدعو منظمة العمل الدولية", "ORG", "ILO"),
        ("بالمفوضية السامية لحقوق الإنسان", "ORG", "OHCHR"),
        ("ومنظمة الأمم المتحدة للطفولة", "ORG", "UNICEF"),
        ("باتفاقية حقوق الطفل", "LAW", "Convention on the Rights of the Child"),
        ("الوثيقة E/CN.15/2021/L.3/Rev.1،", "SYMBOL", "E/CN.15/2021/L.3/Rev.1"),
        ("القرار 2331 (2016)", "RESOLUTION", "2331 (2016)"),
        ("بالمنظمة الدولية للهجرة", "ORG", "IOM"),
    ],
)
def test_pipeline_find_entities(text: str, label: str, kb_id: str) -> None:
    hits = find_entities(text)
    assert any(h.label == label and h.kb_id == kb_id for h in hits)


def test_pipeline_entities_ignore_dates_and_symbol_parts() -> None:
    hits = find_entities("في 16/12/2021 وفي الوثيقة A/RES/76/186")
    assert [(h.label, h.kb_id) for h in hits] == [("SYMBOL", "A/RES/76/186")]


def test_pipeline_add_pipe_on_own_pipeline_keeps_existing_ents() -> None:
    nlp = spacy.blank("ar")
    nlp.add_pipe("qararat_entities")
    doc = nlp.make_doc("تحث الجمعية العامة الدول")
    doc.ents = [Span(doc, 1, 2, label="MISC")]
    doc = nlp.get_pipe("qararat_entities")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("الجمعية", "MISC")]


def test_pipeline_themes_component_alone() -> None:
    nlp = spacy.blank("ar")
    nlp.add_pipe("qararat_themes")
    doc = nlp("حماية الأطفال من الاستغلال الجنسي")
    assert doc._.themes == ["children", "sexual_exploitation"]
    assert "clauses" not in doc.spans


def test_pipeline_set_clause_spans_maps_offsets() -> None:
    register_extensions()
    nlp = spacy.blank("ar")
    text = "مقدمة.\nتحث الدول على العمل.\nتطلب إلى الأمين العام تقريرا."
    doc = nlp.make_doc(text)
    first = text.index("تحث")
    paragraphs = [
        Paragraph(
            0,
            "operative",
            "تحث الدول على العمل.",
            number="1",
            label="urge",
            start=first + 1,
            end=first + 10,
            themes=["children"],
        ),  # mid-word offsets
        Paragraph(
            1, "operative", "تطلب إلى الأمين العام تقريرا.", number="2", label="request"
        ),  # no offsets: found by text
    ]
    set_clause_spans(doc, paragraphs)
    spans = list(doc.spans["clauses"])
    assert spans[0].text.startswith("تحث")  # expanded to whole tokens
    assert spans[0]._.themes == ["children"]
    assert spans[1].text == "تطلب إلى الأمين العام تقريرا."
    assert spans[1]._.label == "request"


def test_pipeline_extensions_register_once() -> None:
    register_extensions()
    register_extensions()
    for name in SPAN_EXTENSIONS:
        assert Span.has_extension(name)
    assert Doc.has_extension("themes")
