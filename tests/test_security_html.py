"""Security: document text never becomes markup, end to end.

``test_report_html.py`` renders hand-built hostile :class:`Resolution` objects. Here hostile
text goes through the real pipeline: a file (hostile name and content) is analysed, then shown
by ``qararat report`` and by ``Resolution._repr_html_`` (the Jupyter view). Whatever the header
parser, paragraph splitter, footnote reader or OCR corrector make of it, the output must parse
to the report's own tags only: no element, attribute or event handler from the document.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qararat.analysis import analyze
from qararat.cli import main

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror=window.__pwned=2>',
    "<svg onload=window.__pwned=3>",
    "<iframe src=javascript:window.__pwned=4>",
    "'><b onmouseover=window.__pwned=5>x</b>",
    "<style>body{display:none}</style>",
    "</td></tr></table><script>window.__pwned=6</script>",
    "&lt;script&gt;",
]

# Payloads where a header parser, the paragraph splitter, the footnote reader and the OCR
# corrector all get to see them.
HOSTILE_TEMPLATE = (
    "الدورة السادسة والسبعون {}\n\n"
    "البند 105 من جدول الأعمال {}\n\n"
    "قرار اتخذته الجمعية العامة في 16 كانون الأول/ديسمبر 2021\n\n"
    "186/76 - تحسين التنسيق {}\n\n"
    "إن الجمعية العامة،\n\n"
    "إذ تشير إلى قرارها 70/1 {} المؤرخ 25 أيلول/سبتمبر 2015،⁽¹⁾\n\n"
    "وإذ تلاحط بقلق {} أن الاتجار بالأشخاص مستمر،\n\n"
    "1 - تحث الدول الأعضاء {} على التعاون؛\n\n"
    "2 - تطلب إلى الأمين العام {} أن يقدم تقريرا.\n\n"
    "(1) القرار 70/1 {}.\n"
)
HOSTILE = HOSTILE_TEMPLATE.format(*PAYLOADS)

# Tags the report and the notebook view are made of; nothing else may appear.
REPORT_TAGS = {
    "html", "head", "meta", "title", "style", "script", "body", "header", "main", "section",
    "article", "nav", "footer", "div", "span", "p", "h1", "h2", "h3", "h4", "table", "thead",
    "tbody", "tr", "th", "td", "ul", "ol", "li", "a", "b", "strong", "em", "mark", "del", "ins",
    "img", "figure", "figcaption", "details", "summary", "small", "code", "abbr", "bdi", "br",
    "dl", "dt", "dd", "caption", "label", "input", "button", "sup", "time", "s", "u", "i", "wbr",
    "fieldset", "legend", "output",
}
# Tags a payload could use to run code, load something or restyle the page.
DANGEROUS = {"script", "style", "img", "svg", "iframe", "object", "embed", "link", "meta", "base",
             "form", "input", "button", "audio", "video", "math"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _parse(page: str) -> _Tags:
    parsed = _Tags()
    parsed.feed(page)
    return parsed


def _check_inert(
    page: str, *, allowed: set[str], own_scripts: int, benign: str | None = None
) -> _Tags:
    """No foreign tag, event handler, javascript: URL or payload; with ``benign`` (the same
    page for a harmless document), no more dangerous tags than it has."""
    parsed = _parse(page)
    names = [t for t, _ in parsed.tags]
    assert set(names) <= allowed, set(names) - allowed
    assert names.count("script") == own_scripts
    if benign is not None:
        plain = [t for t, _ in _parse(benign).tags]
        for tag in DANGEROUS:
            assert names.count(tag) <= plain.count(tag), tag
    for tag, attrs in parsed.tags:
        assert not any(k.lower().startswith("on") for k in attrs), (tag, attrs)
        for key in ("src", "href", "action", "formaction"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith("javascript:"), (tag, key, value)
            if tag == "img" and key == "src":
                assert value.startswith("data:image/"), value
    assert not any("pwned" in s for s in parsed.scripts)
    for payload in PAYLOADS[:-1]:
        assert payload not in page
    return parsed


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / 'res"><img src=x onerror=window.__pwned=9>.txt'
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def _report(path: Path, out: Path, *options: str) -> str:
    assert main(["report", str(path), "-o", str(out), *options]) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def benign_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("benign") / "res.txt"
    path.write_text(HOSTILE_TEMPLATE.format(*["نص"] * len(PAYLOADS)), encoding="utf-8")
    return path


def test_security_html_report_cli_is_inert(
    hostile_file: Path, benign_file: Path, tmp_path: Path
) -> None:
    page = _report(hostile_file, tmp_path / "report.html", "--no-charts")
    benign = _report(benign_file, tmp_path / "benign.html", "--no-charts")
    own = benign.count("<script")  # the report's own script element(s), from the template
    assert own <= 1
    parsed = _check_inert(page, allowed=REPORT_TAGS, own_scripts=own, benign=benign)
    assert parsed.tags  # a real page was parsed
    # The document's words are shown as text, escaped.
    assert html.escape("<script>window.__pwned=1</script>", quote=False) in page
    assert "onerror=window.__pwned=9>" not in page  # the file name is escaped too


def test_security_html_report_with_charts_is_inert(
    hostile_file: Path, benign_file: Path, tmp_path: Path
) -> None:
    page = _report(hostile_file, tmp_path / "report.html")
    benign = _report(benign_file, tmp_path / "benign.html")
    _check_inert(page, allowed=REPORT_TAGS, own_scripts=benign.count("<script"), benign=benign)


def test_security_html_repr_html_is_inert(hostile_file: Path) -> None:
    res = analyze(hostile_file)
    assert res.paragraphs, "the hostile document must still be parsed"
    page = res._repr_html_()
    notebook_tags = {"div", "p", "b", "table", "thead", "tbody", "tr", "th", "td"}
    _check_inert(page, allowed=notebook_tags, own_scripts=0)
    assert "&lt;svg onload=" in page


@pytest.mark.parametrize("payload", PAYLOADS[:-1])
def test_security_html_repr_html_escapes_every_field(payload: str) -> None:
    from qararat.model import Footnote, Header, Paragraph, Resolution

    res = Resolution(
        doc_id=payload,
        source=payload,
        text=payload,
        original=payload,
        encoding="utf-8",
        header=Header(body=payload, resolution=payload, adopted=payload, title=payload),
        paragraphs=[
            Paragraph(index=0, kind="operative", text=payload, number=payload, label=payload,
                      themes=[payload])
        ],
        footnotes=[Footnote(number=payload, text=payload)],
    )
    page = res._repr_html_()
    assert payload not in page
    _check_inert(page, allowed={"div", "p", "b", "table", "thead", "tbody", "tr", "th", "td"},
                 own_scripts=0)
