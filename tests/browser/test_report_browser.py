"""The report in a real browser: headless system Chromium driven by Playwright.

Each test opens a generated report from a ``file://`` URL and checks what a reviewer sees:
right-to-left page, no console errors, no network request, tooltips on hover and keyboard
focus, filters that hide corrections, sortable tables, inert hostile text. The run leaves
screenshots in ``docs/images/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_docs import (
    clean_resolution,
    hostile_resolution,
    sample_resolution,
    write_batch_dir,
)

from qararat.report import render_corpus_report, render_document_report

pytestmark = pytest.mark.browser


class Watched:
    """A page with its console messages, page errors and requests recorded."""

    def __init__(self, page: object, url: str) -> None:
        self.page = page
        self.url = url
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert [m for m in self.console if m[0] in ("error", "warning")] == []
        assert self.requests == [self.url], "the report must not request anything"
        assert self.dialogs == []


def _open(browser: object, html_path: Path, **viewport: int) -> Iterator[Watched]:
    page = browser.new_page(viewport={"width": 1280, "height": 900, **viewport})
    w = Watched(page, html_path.resolve().as_uri())
    page.goto(w.url)
    page.wait_for_load_state("load")
    yield w
    page.close()


@pytest.fixture(scope="module")
def doc_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_document_report([sample_resolution()]), encoding="utf-8")
    return path


@pytest.fixture()
def doc_page(browser: object, doc_report: Path) -> Iterator[Watched]:
    yield from _open(browser, doc_report)


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    docs = [
        clean_resolution("clean_a", 76, "children"),
        sample_resolution("messy_b"),
        clean_resolution("clean_c", 78, "health"),
    ]
    out = write_batch_dir(
        docs,
        root / "out",
        errors=[{"doc_id": "x", "path": "x.pdf", "error_kind": "InputError", "message": "a PDF"}],
    )
    path = root / "corpus.html"
    path.write_text(render_corpus_report(out), encoding="utf-8")
    return path


def test_report_browser_page_is_rtl_and_clean(doc_page: Watched) -> None:
    page = doc_page.page
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    font = page.evaluate("getComputedStyle(document.querySelector('.doc-text')).fontFamily")
    assert font.startswith('"Noto Naskh Arabic"')
    doc_page.assert_clean()


def test_report_browser_corrections_highlighted(doc_page: Watched) -> None:
    page = doc_page.page
    marks = page.locator(".doc-text .corr")
    assert marks.count() == len(sample_resolution().corrections)
    bg = page.evaluate("getComputedStyle(document.querySelector('.corr.applied')).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".shown-count").inner_text() == "6 / 6"
    doc_page.assert_clean()


def test_report_browser_tooltip_on_hover(doc_page: Watched) -> None:
    page = doc_page.page
    mark = page.locator('.corr[data-rule="lexicon"]')
    tip = mark.locator(".tip")
    assert not tip.is_visible()
    mark.hover()
    assert tip.is_visible()
    text = tip.inner_text()
    assert "الضحاىا" in text and "الضحايا" in text and "الضحاءا" in text  # original, alternatives
    assert "0.42" in text


def test_report_browser_tooltip_on_keyboard_focus(doc_page: Watched) -> None:
    page = doc_page.page
    page.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(60):  # tab through the filters to the first correction
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('corr')"):
            break
    else:
        pytest.fail("no correction reachable with the keyboard")
    focused_tip = page.locator(".corr:focus .tip")
    assert focused_tip.is_visible()
    assert "215/77" in focused_tip.inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('corr')")
    assert page.locator(".corr:focus .tip").is_visible()


def test_report_browser_confidence_filter_hides_low(doc_page: Watched) -> None:
    page = doc_page.page
    low = page.locator('.corr[data-rule="lexicon"]')
    assert low.locator(".r").is_visible()
    page.locator("input.min-conf").fill("0.5")
    assert "off" in (low.get_attribute("class") or "")
    assert not low.locator(".r").is_visible()
    assert low.get_attribute("tabindex") == "-1"
    assert page.locator(".shown-count").inner_text() == "5 / 6"
    high = page.locator('.corr[data-rule="clause_opener"]')
    assert "off" not in (high.get_attribute("class") or "")
    page.locator("input.min-conf").fill("0")
    assert low.locator(".r").is_visible()
    doc_page.assert_clean()


def test_report_browser_rule_filter_hides_rule(doc_page: Watched) -> None:
    page = doc_page.page
    page.locator('input.rule-filter[value="bidi_reversed_number"]').uncheck()
    hidden = page.locator('.doc-text .corr.off[data-rule="bidi_reversed_number"]')
    assert hidden.count() == 2
    assert page.locator(".shown-count").inner_text() == "4 / 6"
    assert page.locator('.corr-list tr.off[data-rule="bidi_reversed_number"]').count() == 2


def test_report_browser_view_modes(doc_page: Watched) -> None:
    page = doc_page.page
    mark = page.locator('.corr[data-rule="clause_opener"]')
    assert mark.locator(".o").is_visible() and mark.locator(".r").is_visible()
    page.locator('input.view-mode[value="corrected"]').check()
    assert not mark.locator(".o").is_visible() and mark.locator(".r").is_visible()
    page.locator('input.view-mode[value="original"]').check()
    assert mark.locator(".o").is_visible() and not mark.locator(".r").is_visible()


def test_report_browser_screenshot(doc_page: Watched, images_dir: Path) -> None:
    page = doc_page.page
    page.set_viewport_size({"width": 1280, "height": 1050})
    top = images_dir / "report.png"
    page.screenshot(path=str(top))
    mark = page.locator('.corr[data-rule="clause_opener"]')
    mark.scroll_into_view_if_needed()
    mark.focus()
    tip = images_dir / "report_tooltip.png"
    page.screenshot(path=str(tip))
    assert top.stat().st_size > 20_000 and tip.stat().st_size > 20_000
    doc_page.assert_clean()


def test_report_browser_hostile_text_is_inert(browser: object, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(render_document_report([hostile_resolution()]), encoding="utf-8")
    for w in _open(browser, path):
        page = w.page
        page.locator(".corr").first.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator(".doc-text img, .doc-text script, .doc-text svg").count() == 0
        assert "<script>window.__pwned = 1</script>" in page.locator(".doc-text").inner_text()
        w.assert_clean()


def test_report_browser_corpus_sorts_by_header(
    browser: object, corpus_report: Path, images_dir: Path
) -> None:
    for w in _open(browser, corpus_report):
        page = w.page
        first = "table.docs tbody tr:first-child td:first-child"
        assert page.locator(first).inner_text() == "messy_b"  # most problems first
        header = page.locator("table.docs th", has_text="المستند")
        header.click()
        assert header.get_attribute("aria-sort") == "descending"
        assert page.locator(first).inner_text() == "messy_b"
        header.click()
        assert header.get_attribute("aria-sort") == "ascending"
        assert page.locator(first).inner_text() == "clean_a"
        session = page.locator("table.docs th", has_text="الدورة")
        session.click()
        assert page.locator(first).inner_text() == "clean_c"  # session 78 first
        page.screenshot(path=str(images_dir / "report_corpus.png"), full_page=True)
        w.assert_clean()
