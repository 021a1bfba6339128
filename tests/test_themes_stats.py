"""Theme statistics on constructed resolutions (tables, columns, values, Parquet round trip)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qararat.model import Header, Paragraph, Resolution
from qararat.themes.stats import (
    TABLES,
    documents_frame,
    paragraphs_frame,
    resolution_stats,
    strength_of,
    theme_stats,
    year_of,
)


def _resolution(doc_id: str, session: int, adopted: str) -> Resolution:
    P = Paragraph
    return Resolution(
        doc_id=doc_id,
        source="<test>",
        header=Header(session=session, adopted=adopted),
        paragraphs=[
            P(0, "preambular", "", label="recall", themes=["children", "covid19"]),
            P(
                1,
                "operative",
                "",
                number="1",
                label="urge",
                secondary_labels=["request"],
                themes=["trafficking", "victims_protection"],
            ),
            P(2, "subparagraph", "", number="أ", parent=1, themes=["children"]),
            P(3, "operative", "", number="2", label="take_note", themes=["trafficking"]),
        ],
    )


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return resolution_stats(
        [_resolution("a", 75, "2020-12-16"), _resolution("b", 76, "16 كانون الأول/ديسمبر 2021")]
    )


def test_themes_stats_returns_every_table_keys_first(tables: dict[str, pd.DataFrame]) -> None:
    assert list(tables) == list(TABLES)
    for name in (
        "document_themes",
        "kind_themes",
        "label_themes",
        "theme_strength",
        "strength_profile",
        "cooccurrence",
    ):
        assert tables[name].columns[0] == "doc_id", name
    assert list(tables["session_themes"].columns[:2]) == ["session", "theme"]
    assert list(tables["year_themes"].columns[:2]) == ["year", "theme"]


def test_themes_stats_document_counts_and_shares(tables: dict[str, pd.DataFrame]) -> None:
    doc = tables["document_themes"].set_index(["doc_id", "theme"])
    assert doc.loc[("a", "trafficking"), "n_paragraphs"] == 2
    assert doc.loc[("a", "trafficking"), "share"] == pytest.approx(0.5)
    assert doc.loc[("a", "covid19"), "share"] == pytest.approx(0.25)


def test_themes_stats_kind_share_is_within_kind(tables: dict[str, pd.DataFrame]) -> None:
    kind = tables["kind_themes"].set_index(["doc_id", "kind", "theme"])
    assert kind.loc[("a", "operative", "trafficking"), "share"] == pytest.approx(1.0)
    assert kind.loc[("a", "operative", "victims_protection"), "share"] == pytest.approx(0.5)
    assert kind.loc[("a", "preambular", "children"), "n_paragraphs"] == 1


def test_themes_stats_subparagraph_inherits_parent_label(tables: dict[str, pd.DataFrame]) -> None:
    lab = tables["label_themes"]
    rows = lab[(lab.doc_id == "a") & (lab.theme == "children")]
    assert set(rows["label"]) == {"recall", "urge"}
    secondary = lab[(lab.doc_id == "a") & (lab.role == "secondary")]
    assert set(secondary["label"]) == {"request"}
    assert set(secondary["theme"]) == {"trafficking", "victims_protection"}
    strength = tables["theme_strength"].set_index(["doc_id", "theme", "strength"])
    assert strength.loc[("a", "children", "strong"), "n_paragraphs"] == 1
    assert strength.loc[("a", "children", "weak"), "n_paragraphs"] == 1


def test_themes_stats_urged_versus_noted(tables: dict[str, pd.DataFrame]) -> None:
    ts = tables["theme_strength"]
    trafficking = ts[(ts.doc_id == "a") & (ts.theme == "trafficking")].set_index("strength")
    assert trafficking.loc["strong", "n_paragraphs"] == 1
    assert trafficking.loc["weak", "n_paragraphs"] == 1
    assert trafficking["share"].sum() == pytest.approx(1.0)


def test_themes_stats_strength_profile(tables: dict[str, pd.DataFrame]) -> None:
    prof = tables["strength_profile"].query("doc_id == 'a'").set_index("strength")
    assert prof.loc["strong", "n_paragraphs"] == 2  # urge + its sub-paragraph
    assert prof.loc["weak", "n_paragraphs"] == 2
    assert list(prof.index) == ["strong", "weak"]


def test_themes_stats_cooccurrence_pairs(tables: dict[str, pd.DataFrame]) -> None:
    co = tables["cooccurrence"].query("doc_id == 'a'")
    pairs = {(a, b): n for a, b, n in zip(co.theme_a, co.theme_b, co.n_paragraphs, strict=True)}
    assert pairs == {("trafficking", "victims_protection"): 1, ("children", "covid19"): 1}
    row = co[(co.theme_a == "trafficking")].iloc[0]
    assert row["jaccard"] == pytest.approx(0.5)


def test_themes_stats_by_session_and_year(tables: dict[str, pd.DataFrame]) -> None:
    by_session = tables["session_themes"]
    assert sorted(by_session["session"].unique()) == [75, 76]
    by_year = tables["year_themes"].set_index(["year", "theme"])
    assert by_year.loc[(2021, "trafficking"), "n_documents"] == 1
    assert by_year.loc[(2020, "trafficking"), "share"] == pytest.approx(0.5)
    corpus = tables["corpus_themes"].set_index("theme")
    assert corpus.loc["trafficking", "n_documents"] == 2
    assert corpus.loc["trafficking", "n_paragraphs"] == 4


def test_themes_stats_from_parquet_round_trip(tmp_path: Path) -> None:
    resolutions = [_resolution("a", 75, "2020-12-16")]
    path = tmp_path / "paragraphs.parquet"
    paragraphs_frame(resolutions).to_parquet(path)
    back = pd.read_parquet(path)
    from_parquet = theme_stats(back, documents_frame(resolutions))
    direct = resolution_stats(resolutions)
    for name in TABLES:
        pd.testing.assert_frame_equal(
            from_parquet[name].reset_index(drop=True),
            direct[name].reset_index(drop=True),
            check_dtype=False,
        )


def test_themes_stats_without_documents_or_themes() -> None:
    frame = paragraphs_frame(
        [Resolution(doc_id="x", source="", paragraphs=[Paragraph(0, "operative", "نص")])]
    )
    out = theme_stats(frame)
    assert out["document_themes"].empty
    assert list(out["document_themes"].columns) == ["doc_id", "theme", "n_paragraphs", "share"]
    assert out["session_themes"].empty
    assert out["strength_profile"]["strength"].tolist() == ["none"]


def test_themes_stats_requires_doc_id() -> None:
    with pytest.raises(ValueError, match="doc_id"):
        theme_stats(pd.DataFrame({"themes": [["children"]]}))


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("urge", "strong"),
        ("call_upon", "strong"),
        ("decide", "strong"),
        ("encourage", "moderate"),
        ("invite", "moderate"),
        ("take_note", "weak"),
        ("recall", "weak"),
        ("welcome", "weak"),
        ("other", "none"),
        (None, "none"),
    ],
)
def test_themes_stats_strength_groups(label: str | None, group: str) -> None:
    assert strength_of(label) == group


@pytest.mark.parametrize(
    ("adopted", "year"),
    [("2021-12-16", 2021), ("16 كانون الأول/ديسمبر 2021", 2021), (None, None), ("غير معروف", None)],
)
def test_themes_stats_year_of(adopted: str | None, year: int | None) -> None:
    assert year_of(adopted) == year
