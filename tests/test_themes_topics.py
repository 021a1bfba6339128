"""Topic discovery: NMF on TF-IDF, deterministic with a seed, readable Arabic terms."""

from __future__ import annotations

import pandas as pd
import pytest

from qararat.themes.topics import TopicModeler, analyze_terms, discover_topics, stem, stop_words

# Three clearly separated subjects, several paragraphs each (written for this test).
PARAGRAPHS = [
    "تحث الدول على حماية الأطفال من العمل الجبري في المزارع والمصانع",
    "وإذ تلاحظ أن الأطفال في المزارع يعملون ساعات طويلة في المصانع",
    "تطلب حماية الأطفال العاملين في المزارع والمصانع والمناجم",
    "تشجع على زيادة التمويل للصندوق وتقديم التبرعات المالية للميزانية",
    "ترحب بالتبرعات المالية للصندوق وبزيادة التمويل في الميزانية",
    "تدعو المانحين إلى تقديم التبرعات المالية للصندوق والميزانية",
    "تؤكد أهمية الإنترنت والتكنولوجيا الرقمية ومنصات التواصل في الاستدراج",
    "تعرب عن قلقها من إساءة استخدام الإنترنت والتكنولوجيا الرقمية ومنصات التواصل",
    "تهيب بالشركات تأمين منصات التواصل على الإنترنت والتكنولوجيا الرقمية",
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["d"] * len(PARAGRAPHS),
            "paragraph_index": range(len(PARAGRAPHS)),
            "text": PARAGRAPHS,
            "themes": [["children"]] * 3 + [["funding"]] * 3 + [["technology"]] * 3,
        }
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [("والأطفال", "اطفال"), ("للأطفال", "اطفال"), ("بالتبرعات", "تبرعات"), ("وحماية", "حمايه")],
)
def test_themes_topics_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_themes_topics_stop_words_drop_formulae_and_function_words() -> None:
    terms = analyze_terms("وإذ تشير إلى أن الجمعية العامة في حماية الأطفال")
    assert terms == ["حمايه", "اطفال", "حمايه اطفال"]
    assert stem("الجمعية") in stop_words()


def test_themes_topics_separate_subjects() -> None:
    model = TopicModeler(3, seed=0).fit(_frame())
    assignments = model.assignments_["topic"].tolist()
    groups = [set(assignments[i : i + 3]) for i in (0, 3, 6)]
    assert all(len(g) == 1 for g in groups)
    assert len(set.union(*groups)) == 3
    summary = model.summary_.set_index("topic")
    assert set(summary["top_theme"]) == {"children", "funding", "technology"}
    assert (summary["top_theme_share"] == 1.0).all()


def test_themes_topics_terms_are_tidy_and_readable() -> None:
    out = discover_topics(_frame(), 3, seed=0, top_n=5)
    terms = out["topic_terms"]
    assert list(terms.columns) == ["topic", "rank", "term", "weight", "stem"]
    assert terms.groupby("topic")["rank"].apply(list).map(lambda r: r == sorted(r)).all()
    all_terms = set(terms["term"])
    assert {"الإنترنت", "الأطفال"} & all_terms  # written forms, not folded stems
    assert (terms["weight"] > 0).all()


def test_themes_topics_deterministic_with_seed() -> None:
    a = discover_topics(_frame(), 3, seed=7)
    b = discover_topics(_frame(), 3, seed=7)
    pd.testing.assert_frame_equal(a["topic_terms"], b["topic_terms"])
    pd.testing.assert_frame_equal(a["topic_assignments"], b["topic_assignments"])


def test_themes_topics_accepts_plain_texts() -> None:
    model = TopicModeler(2, seed=0).fit(PARAGRAPHS[:6])
    assert len(model.assignments_) == 6
    assert set(model.assignments_["topic"]) <= {0, 1}


def test_themes_topics_too_many_topics_is_an_error() -> None:
    with pytest.raises(ValueError, match="need at least 20"):
        TopicModeler(20).fit(_frame())


def test_themes_topics_empty_paragraph_gets_no_topic() -> None:
    frame = _frame()
    frame.loc[len(frame)] = ["d", 99, "إن الجمعية العامة،", []]
    model = TopicModeler(3, seed=0).fit(frame)
    assert model.assignments_.iloc[-1]["topic"] == -1
