"""OCR correction of hard-wrapped text (``pdftotext``, an OCR engine's visual lines): a line
break inside a sentence is read like a space, and a wrapped line opens no paragraph.

Examples are constructed in resolution register (not taken from the sample).
"""

from __future__ import annotations

import pytest

from qararat.layout import is_page_furniture, wrap_breaks, wrap_width
from qararat.model import Correction
from qararat.ocr import Corrector
from qararat.ocr.rules import paragraph_zones
from qararat.spans import apply_corrections

# wrapped at about 55 characters, no blank lines, as pdftotext writes a page
_LINES = [
    "إن الجمعية العامة،",
    "إذ تشير إلى قراراتها السابقة المتعلقة بمنع الجريمة",
    "والعدالة الجنائية، وإلى جميع القرارات الأخرى ذات",
    "الصلة، بما في ذلك القرار المتعلق بالتعاون التقني،",
    "وإذ تلاحظ مع التقدير العمل الذي يضطلع به المكتب، وبالهدف المتمثل في",
    "أن تتولى السلطات الوطنية المسؤولية الكاملة عن الأمن",
    "في جميع أنحاء البلد في أقرب وقت ممكن،",
    "وإن تؤكد أهمية التعاون الدولي في مجال تبادل",
    "المعلومات وبناء القدرات،",
    "1 - تطلب إلى الأمين العام أن يقدم إليها تقريرا عن",
    "تنفيذ هذا القرار في دورتها المقبلة؛",
]
WRAPPED = "\n".join(_LINES) + "\n"


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def _applied(corrections: list[Correction]) -> list[tuple[str, str, str]]:
    return [(c.original, c.replacement, c.rule) for c in corrections if c.applied]


def test_ocr_wrapped_breaks_found() -> None:
    assert wrap_width(_LINES) >= 50
    breaks = wrap_breaks(WRAPPED)
    at = {WRAPPED[:pos].rsplit("\n", 1)[-1][-6:]: kind for pos, kind in breaks.items()}
    assert at["الجريمة"[-6:]] == "soft"  # ends on a word
    assert at["التقني،"[-6:]] == "comma"  # full line ending with a comma
    # a short line ending with a comma ends its paragraph: no entry
    assert all(not WRAPPED[:p].endswith("ممكن،") for p in breaks)


def test_ocr_one_paragraph_per_line_has_no_wrap_breaks() -> None:
    text = "\n\n".join(" ".join(_LINES[i : i + 2]) for i in range(0, len(_LINES), 2))
    assert wrap_width(text.split("\n")) == 0
    assert wrap_breaks(text) == {}


def test_ocr_wrapped_line_opens_no_paragraph(corrector: Corrector) -> None:
    fixes = _applied(corrector.correct(WRAPPED))
    # "أن تتولى" under a line that ends mid-sentence is the sentence going on, not "إذ تتولى"
    assert not any(o == "أن" for o, _, _ in fixes)
    # a paragraph that starts after a short line still gets its opener back
    assert ("وإن", "وإذ", "clause_opener") in fixes


def test_ocr_wrapped_opener_rule_as_on_one_line(corrector: Corrector) -> None:
    flat = WRAPPED.replace("في\nأن تتولى", "في أن تتولى")
    assert not any(o == "أن" for o, _, _ in _applied(corrector.correct(flat)))
    off = corrector.with_config(read_through_wraps=False)
    # without the layout, a wrapped line's first word is taken for a paragraph opening
    assert ("أن", "إذ", "clause_opener") in _applied(off.correct(WRAPPED))


def test_ocr_wrapped_context_reads_through_line_breaks(corrector: Corrector) -> None:
    # "بها" ends a full line; "في ذلك" opens the next: "بما في ذلك" only across the break
    text = WRAPPED.replace("ذات\nالصلة، بما في ذلك", "ذات الصلة، بها\nفي ذلك")
    assert ("بها", "بما", "context") in _applied(corrector.correct(text))
    off = corrector.with_config(read_through_wraps=False)
    assert not any(o == "بها" for o, _, _ in _applied(off.correct(text)))


def test_ocr_wrapped_noise_deleted_across_lines_line_count_kept(corrector: Corrector) -> None:
    # three stray letters at one line's end and three at the next one's start: one stretch
    noisy = WRAPPED.replace("بمنع الجريمة\n", "بمنع الجريمة ا ل 0 ا\nل ا ر ")
    fixed, _ = apply_corrections(noisy, corrector.correct(noisy))
    assert fixed.count("\n") == noisy.count("\n")
    assert "بمنع الجريمة\nوالعدالة الجنائية" in fixed
    off = corrector.with_config(read_through_wraps=False)
    # line by line, neither half holds the four stray letters a stretch needs
    assert "ا ل 0 ا\nل ا ر" in apply_corrections(noisy, off.correct(noisy))[0]


def test_ocr_wrapped_ngram_counts_read_through_wraps() -> None:
    from qararat.ocr.ngrams import count_ngrams

    chars = list(WRAPPED)
    for pos in wrap_breaks(WRAPPED):
        chars[pos] = " "
    _, joined = count_ngrams(["".join(chars)])
    _, wrapped = count_ngrams([WRAPPED])
    assert wrapped == joined
    assert wrapped[("الجريمة", "العدالة")] == 1  # across a wrap, keyed without "و"
    assert wrapped[("التقني", "وإذ")] == 1  # across a full line's comma


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("2/12", True),
        ("21-19486 (A)", True),
        ("*2119486*", True),
        ("A/RES/76/186 تحسين تنسيق الجهود", True),
        ("الجمعية العامة", False),
        ("12 - تطلب إلى الأمين العام", False),
        ("2022،", False),  # the end of a paragraph's last line
    ],
)
def test_ocr_wrapped_page_furniture(line: str, furniture: bool) -> None:
    assert is_page_furniture(line) is furniture


def test_ocr_job_number_is_no_operative_number() -> None:
    text = "إن الجمعية العامة،\n\nوإذ تشير إلى قرارها،\n21-19486\nوإن تؤكد أهمية التعاون،\n"
    zones = [z for _, _, z in paragraph_zones(text)]
    assert "operative" not in zones
