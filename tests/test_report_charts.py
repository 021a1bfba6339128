"""Tests of the theme and label charts (matplotlib, Agg)."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

from qararat.report import charts


@pytest.fixture()
def paragraphs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "b"],
            "kind": ["preambular", "operative", "operative", "preambular", "operative"],
            "label": ["recall", "urge", "request", "recall", None],
            "themes": [["trafficking", "covid19"], ["children"], ["trafficking"], [], ["children"]],
            "session": [76, 76, 77, 77, 77],
        }
    )


def test_report_charts_theme_counts(paragraphs: pd.DataFrame) -> None:
    counts = charts.theme_counts(paragraphs)
    assert counts["theme"].tolist()[:2] == ["children", "trafficking"]
    row = counts.set_index("theme").loc["trafficking"]
    assert (row["paragraphs"], row["documents"]) == (2, 2)
    assert counts.set_index("theme").loc["covid19", "documents"] == 1


def test_report_charts_label_counts(paragraphs: pd.DataFrame) -> None:
    counts = charts.label_counts(paragraphs)
    got = {(r.label, r.kind): r.count for r in counts.itertuples()}
    assert got == {
        ("recall", "preambular"): 2,
        ("urge", "operative"): 1,
        ("request", "operative"): 1,
    }


@pytest.mark.parametrize(
    "draw", [charts.theme_chart, charts.label_chart, charts.theme_session_chart]
)
def test_report_charts_png(draw: object, paragraphs: pd.DataFrame) -> None:
    png = draw(paragraphs)
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert draw(paragraphs) == png  # same data, same bytes


@pytest.mark.parametrize("draw", [charts.theme_chart, charts.label_chart])
def test_report_charts_svg(draw: object, paragraphs: pd.DataFrame) -> None:
    svg = draw(paragraphs, fmt="svg")
    assert isinstance(svg, str) and "<svg" in svg
    assert not re.search(r"href=\"(?!#|data:)", svg)  # nothing fetched from outside


@pytest.mark.parametrize(
    "themes",
    [["trafficking", "women_girls"], ["covid19", "sdgs"], ["unknown_theme_x"]],
)
def test_report_charts_no_missing_glyphs(themes: list[str]) -> None:
    stats = pd.DataFrame({"theme": themes, "paragraphs": range(1, len(themes) + 1)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns on glyphs missing from every font
        charts.theme_chart(stats, title="الموضوعات 76/186 (A/76/463)")


def test_report_charts_prefers_arabic_font() -> None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    fonts = charts.chart_fonts()
    assert fonts[-1] == "DejaVu Sans"
    if "Noto Naskh Arabic" in installed:
        assert fonts[0] == "Noto Naskh Arabic"


def test_report_charts_count_column_names(paragraphs: pd.DataFrame) -> None:
    a = charts.theme_chart(pd.DataFrame({"theme": ["children"], "count": [3]}))
    b = charts.theme_chart(pd.DataFrame({"theme": ["children"], "paragraphs": [3]}))
    assert a == b


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"theme": [], "paragraphs": []}),
        pd.DataFrame({"themes": [[], []]}),
    ],
)
def test_report_charts_empty_raises(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        charts.theme_chart(frame)


def test_report_charts_data_uri() -> None:
    assert charts.data_uri(b"\x89PNG").startswith("data:image/png;base64,iVBO")
    assert charts.data_uri("<svg/>", "svg").startswith("data:image/svg+xml;base64,")
