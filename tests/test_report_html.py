"""Tests of the HTML reports: self-contained, right-to-left, escaped, corrections in place."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser.sample_docs import (
    clean_resolution,
    hostile_resolution,
    sample_resolution,
    write_batch_dir,
)
from qararat.model import Correction, Resolution
from qararat.report import (
    BatchDirError,
    correction_stats,
    highlight_corrections,
    render_corpus_report,
    render_document_report,
)


class _Collector(HTMLParser):
    """Collects start tags with their attributes, and text outside given classes."""

    def __init__(self, skip_classes: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = skip_classes
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        self.tags.append((tag, d))
        classes = (d.get("class") or "").split()
        skipping = bool(self._stack and self._stack[-1]) or any(c in self._skip for c in classes)
        self._stack.append(skipping)

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.text.append(data)


def _parse(html_text: str, skip: tuple[str, ...] = ()) -> _Collector:
    p = _Collector(skip)
    p.feed(html_text)
    return p


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render_document_report([sample_resolution()])


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_document_report([hostile_resolution()])


def test_report_html_is_rtl_arabic_page(sample_html: str) -> None:
    assert sample_html.startswith("<!DOCTYPE html>")
    assert '<html dir="rtl" lang="ar">' in sample_html
    assert '"Noto Naskh Arabic", "Amiri", "Arial", sans-serif' in sample_html
    assert "@media print" in sample_html


def test_report_html_fetches_nothing(sample_html: str) -> None:
    parsed = _parse(sample_html)
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("data:", "#")), (tag, name, value[:60])
        assert tag != "link", "stylesheets must be inline"
    assert not re.search(r"url\(\s*['\"]?(?!data:)", sample_html)
    assert "@import" not in sample_html and "@font-face" not in sample_html
    imgs = [a for t, a in parsed.tags if t == "img"]
    assert imgs and all(a["src"].startswith("data:image/png;base64,") for a in imgs)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>window.__pwned",
        "<img src=x",
        "<svg onload",
        "<b onmouseover",
        "onerror=window.__pwned=3>",
        "<i>dots</i>",
        "<script>alert(1)",
        'lexicon"><b>x',
    ],
)
def test_report_html_escapes_document_text(hostile_html: str, payload: str) -> None:
    assert payload not in hostile_html


def test_report_html_hostile_text_stays_text(hostile_html: str) -> None:
    parsed = _parse(hostile_html)
    assert [t for t, _ in parsed.tags].count("script") == 1  # the report's own
    assert all(t != "img" or a["src"].startswith("data:") for t, a in parsed.tags)
    assert all(t != "svg" for t, _ in parsed.tags)
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)
    text = "".join(parsed.text)
    assert "<script>window.__pwned = 1</script>" in text
    titles = [a.get("title") or "" for _, a in parsed.tags]
    assert any('"><img src=x onerror=window.__pwned=3>' in t for t in titles)
    rules = {a.get("data-rule") for t, a in parsed.tags if "corr" in (a.get("class") or "").split()}
    assert rules == {'lexicon"><b>x'}


def test_report_html_marks_every_correction(sample_html: str) -> None:
    res = sample_resolution()
    parsed = _parse(sample_html)
    spans = [a for t, a in parsed.tags if t == "span" and "corr" in (a.get("class") or "").split()]
    assert len(spans) == len(res.corrections)
    for a, c in zip(spans, sorted(res.corrections, key=lambda c: c.start), strict=True):
        assert a["tabindex"] == "0"
        assert a["data-rule"] == c.rule
        assert float(a["data-confidence"]) == pytest.approx(c.confidence, abs=1e-3)
        assert a["data-applied"] == str(int(c.applied))
        assert c.rule in a["title"]
        tip = [x for t, x in parsed.tags if x.get("id") == a["aria-describedby"]]
        assert tip and tip[0]["role"] == "tooltip"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("تحث الدول الاعضاء على ذلك", [("الاعضاء", "الأعضاء")]),
        ("وإذ تلاحط أن 186/76 قرار", [("تلاحط", "تلاحظ"), ("186/76", "76/186")]),
        ("<b>نص</b> & تقرر", [("&", "و")]),
        ("بداية ونهاية", [("بداية", "بدايه"), ("نهاية", "نهايه")]),
    ],
)
def test_report_html_highlight_keeps_original_text(text: str, spans: list[tuple[str, str]]) -> None:
    corrections = []
    for orig, repl in spans:
        start = text.index(orig)
        corrections.append(Correction(start, start + len(orig), orig, repl, "lexicon", 0.8))
    out = highlight_corrections(text, corrections)
    original_view = "".join(_parse(out, skip=("r", "tip")).text)
    corrected_view = "".join(_parse(out, skip=("o", "tip")).text)
    assert original_view == text
    expected = text
    for orig, repl in reversed(spans):
        i = expected.rindex(orig)
        expected = expected[:i] + repl + expected[i + len(orig) :]
    assert corrected_view == expected


def test_report_html_overlapping_corrections_share_one_mark() -> None:
    text = "وإذ تلاحط بقلق"
    s = text.index("تلاحط")
    corrections = [
        Correction(s, s + 5, "تلاحط", "تلاحظ", "lexicon", 0.9),
        Correction(s + 3, s + 5, "حط", "حظ", "context", 0.4, applied=False),
    ]
    parsed = _parse(highlight_corrections(text, corrections))
    spans = [a for t, a in parsed.tags if "corr" in (a.get("class") or "").split()]
    assert len(spans) == 1
    assert spans[0]["data-rule"] == "lexicon"
    assert "context" in spans[0]["title"]


def test_report_html_out_of_range_correction_is_reported() -> None:
    res = sample_resolution()
    res.corrections.append(Correction(10_000, 10_005, "xxxxx", "y", "lexicon", 0.9))
    html_text = render_document_report([res], with_charts=False)
    assert "تصحيحات خارج حدود النص" in html_text


@pytest.mark.parametrize("char", ["\u200f", "\u202e", "\u2067"])
def test_report_html_shows_invisible_characters(char: str) -> None:
    text = f"الدول{char} الأعضاء"
    s = text.index(char)
    inside = highlight_corrections(text, [Correction(s, s + 1, char, "", "normalize_x", 1.0)])
    assert char not in inside and f"U+{ord(char):04X}" in inside


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u202b"])
def test_report_html_neutralises_bidi_controls_outside_corrections(char: str) -> None:
    out = highlight_corrections(f"قرار {char}186/76 نص", [])
    assert char not in out and f"U+{ord(char):04X}" in out


def test_report_html_correction_stats_counts() -> None:
    stats = correction_stats(sample_resolution().corrections_frame())
    assert (stats.total, stats.applied, stats.suggested) == (6, 5, 1)
    assert stats.reversed_numbers == 2
    assert stats.low == 1
    by_rule = dict(zip(stats.by_rule["key"], stats.by_rule["total"], strict=True))
    assert by_rule["bidi_reversed_number"] == 2
    assert int(stats.histogram["suggested"].sum()) == 1
    assert int(stats.histogram.loc[stats.histogram["bin"] == 0.4, "suggested"].iloc[0]) == 1


def test_report_html_summary_sections(sample_html: str) -> None:
    for needle in (
        "مراجع معكوسة أُصلحت",
        "missing_footnote",
        "rejoined",
        "تشير إلى",  # label display name in the outline
        "Member States",
        "حماية الضحايا",  # theme display name
        'class="filters"',
        'class="min-conf"',
    ):
        assert needle in sample_html, needle


def test_report_html_without_charts_has_no_images() -> None:
    html_text = render_document_report([sample_resolution()], with_charts=False)
    assert "<img" not in html_text


def test_report_html_empty_input_raises() -> None:
    with pytest.raises(ValueError):
        render_document_report([])


def test_report_html_several_documents_have_unique_ids() -> None:
    html_text = render_document_report([sample_resolution("a"), sample_resolution("b")])
    ids = [a["id"] for _, a in _parse(html_text).tags if "id" in a]
    assert len(ids) == len(set(ids))
    assert 'href="#doc-1"' in html_text


def test_report_html_document_without_paragraphs() -> None:
    res = Resolution(doc_id="empty", source="<string>", text="نص", original="نص")
    html_text = render_document_report([res])
    assert "لم يُعثر على فقرات" in html_text and "لم تُوسم أي فقرة بموضوع" in html_text


# -- corpus report ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    docs = [
        clean_resolution("clean_a", 76, "children"),
        sample_resolution("messy_b"),
        clean_resolution("clean_c", 78, "health"),
    ]
    return write_batch_dir(
        docs,
        out,
        errors=[
            {
                "doc_id": "bad",
                "path": "bad.pdf",
                "error_kind": "InputError",
                "message": "a PDF file",
            }
        ],
    )


def test_report_html_corpus_orders_documents_by_problems(batch_dir: Path) -> None:
    html_text = render_corpus_report(batch_dir)
    table = html_text[html_text.index('class="sortable docs"') :]
    assert table.index("messy_b") < table.index("clean_a") < table.index("clean_c")


def test_report_html_corpus_totals_and_failures(batch_dir: Path) -> None:
    html_text = render_corpus_report(batch_dir)
    assert '<html dir="rtl" lang="ar">' in html_text
    assert "bad.pdf" in html_text and "a PDF file" in html_text
    assert "missing_footnote" in html_text  # warnings gathered from json/
    assert "bidi_reversed_number" in html_text
    assert html_text.count("data:image/png;base64,") == 3  # themes, labels, sessions


@pytest.mark.parametrize("warnings_table", [True, False])
def test_report_html_corpus_reads_warnings(tmp_path: Path, warnings_table: bool) -> None:
    out = write_batch_dir(
        [sample_resolution("w"), clean_resolution("c", 76, "health")],
        tmp_path / "b",
        warnings_table=warnings_table,
    )
    html_text = render_corpus_report(out, with_charts=False)
    section = html_text[html_text.index("التحذيرات حسب النوع") :]
    assert "<code>missing_footnote</code></td><td class='n'>1</td>" in section


def test_report_html_corpus_frequent_corrections(tmp_path: Path) -> None:
    docs = [clean_resolution(f"d{i}", 76, "children") for i in range(3)]
    out = write_batch_dir(docs, tmp_path / "b")
    html_text = render_corpus_report(out, with_charts=False)
    freq = html_text[html_text.index("أكثر التصحيحات تكرارا") :]
    row = re.search(r"<td class='n'>(\d+)</td>\s*<td class='n'>(\d+)</td>", freq)
    assert row and row.groups() == ("3", "3")


@pytest.mark.parametrize("make", ["missing", "empty", "file"])
def test_report_html_corpus_rejects_non_batch_dir(tmp_path: Path, make: str) -> None:
    target = tmp_path / "x"
    if make == "empty":
        target.mkdir()
    elif make == "file":
        target.write_text("نص", encoding="utf-8")
    with pytest.raises(BatchDirError):
        render_corpus_report(target)


def test_report_html_corpus_missing_values_are_blank(tmp_path: Path) -> None:
    docs = [clean_resolution("a", 76, "health"), clean_resolution("b", 77, "health")]
    docs[0].header.resolution = None
    docs[0].header.title = None
    out = write_batch_dir(docs, tmp_path / "b")
    html_text = render_corpus_report(out, with_charts=False)
    assert ">nan<" not in html_text and ">None<" not in html_text


def test_report_html_outline_shows_parts_sections_and_annexes() -> None:
    from qararat import analyze

    text = (
        "إن الجمعية العامة،\nإذ تشير إلى قرارها 70/1،\nأولا - السياسات الوطنية\n"
        "1 - تحث الدول على العمل؛\nثانيا - المتابعة\n2 - تقرر أن تواصل النظر في المسألة.\n"
        "الجلسة العامة 45\n11 كانون الأول/ديسمبر 2023\nالمرفق\nبرنامج العمل\n"
        "1 - ينبغي للدول أن تعمل؛\n2 - ينبغي للدول أن تتعاون.\n"
    )
    page = render_document_report([analyze(text)])
    headings = re.findall(r'<tr class="heading"><th[^>]*>([^<]*)</th>', page)
    assert headings == ["أولا - السياسات الوطنية", "ثانيا - المتابعة", "المرفق — برنامج العمل"]
    assert page.count('<tr class="annex">') == 2
