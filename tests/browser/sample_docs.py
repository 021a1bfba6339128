"""Resolutions built by hand for the report tests (no dependency on the analysis pipeline)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from qararat.model import Correction, Header, Paragraph, Resolution, Warning

SAMPLE_TEXT = (
    "الدورة السابعة والسبعون\n"
    "البند 105 من جدول الأعمال\n\n"
    "قرار اتخذته الجمعية العامة في 15 كانون الأول/ديسمبر 2022\n\n"
    "215/77 - حمـاية الأطفال من الاستغلال\n\n"
    "إن الجمعية العامة،\n\n"
    "إذ تشير إلى قرارها 186/76 المؤرخ 16 كانون الأول/ديسمبر 2021،\n\n"
    "وإذ تلاحط بقلق أن النساء والفتيات يتأثرن بشكل غير متناسب بجائحة كوفيد-19،\n\n"
    "وإذ تؤكد من جديد أهمية التعاون الدولي\u200f في مكافحة الاتجار بالأشخاص،\n\n"
    "1 - تحث الدول الأعضاء على تعزيز حماية الضحاىا وتقديم الدعم لهم؛\n\n"
    "2 - تطلب إلى الأمين العام أن يقدم تقريرا عن تنفيذ هذا القرار.\n"
)


def _corr(
    text: str,
    original: str,
    replacement: str,
    rule: str,
    confidence: float,
    *,
    applied: bool = True,
    alternatives: list[str] | None = None,
    confusion: str | None = None,
    occurrence: int = 0,
) -> Correction:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(original, start + 1)
    return Correction(
        start=start,
        end=start + len(original),
        original=original,
        replacement=replacement,
        rule=rule,
        confidence=confidence,
        alternatives=alternatives or [],
        applied=applied,
        confusion=confusion,
    )


def sample_resolution(doc_id: str = "sample_77_215") -> Resolution:
    """A small General Assembly resolution with corrections of every kind the report shows."""
    t = SAMPLE_TEXT
    corrections = [
        _corr(t, "215/77", "77/215", "bidi_reversed_number", 0.97),
        _corr(t, "حمـاية", "حماية", "normalize_tatweel", 1.0),
        _corr(t, "186/76", "76/186", "bidi_reversed_number", 0.95),
        _corr(t, "تلاحط", "تلاحظ", "clause_opener", 0.91, alternatives=["تلاحظ"], confusion="dots"),
        _corr(t, "\u200f", "", "normalize_invisible", 1.0),
        _corr(
            t,
            "الضحاىا",
            "الضحايا",
            "lexicon",
            0.42,
            applied=False,
            alternatives=["الضحايا", "الضحاءا"],
            confusion="dots",
        ),
    ]
    paragraphs = [
        Paragraph(
            0,
            "preambular",
            "إذ تشير إلى قرارها 76/186 المؤرخ 16 كانون الأول/ديسمبر 2021،",
            lead="تشير إلى",
            label="recall",
            label_source="rules",
        ),
        Paragraph(
            1,
            "preambular",
            "وإذ تلاحظ بقلق أن النساء والفتيات يتأثرن بشكل غير متناسب بجائحة كوفيد-19،",
            lead="تلاحظ",
            label="note",
            label_source="rules",
            modifiers=["with_concern"],
            themes=["women_girls", "covid19"],
        ),
        Paragraph(
            2,
            "preambular",
            "وإذ تؤكد من جديد أهمية التعاون الدولي في مكافحة الاتجار بالأشخاص،",
            lead="تؤكد من جديد",
            label="reaffirm",
            label_source="rules",
            themes=["international_cooperation", "trafficking"],
            rejoined=True,
        ),
        Paragraph(
            3,
            "operative",
            "تحث الدول الأعضاء على تعزيز حماية الضحايا وتقديم الدعم لهم؛",
            number="1",
            lead="تحث",
            label="urge",
            label_source="rules",
            addressees=["Member States"],
            themes=["victims_protection"],
        ),
        Paragraph(
            4,
            "operative",
            "تطلب إلى الأمين العام أن يقدم تقريرا عن تنفيذ هذا القرار.",
            number="2",
            lead="تطلب إلى",
            label="request",
            label_source="rules",
            addressees=["Secretary-General"],
        ),
    ]
    return Resolution(
        doc_id=doc_id,
        source=f"corpora/{doc_id}.txt",
        text=t,
        original=t,
        encoding="utf-8",
        header=Header(
            body="الجمعية العامة",
            session=77,
            agenda_item="105",
            resolution="77/215",
            adopted="2022-12-15",
            title="حماية الأطفال من الاستغلال",
        ),
        paragraphs=paragraphs,
        corrections=corrections,
        warnings=[Warning("missing_footnote", "الحاشية 3 مشار إليها في الفقرة 2 وغير موجودة")],
    )


XSS_TEXT = (
    "إن الجمعية العامة،\n\n"
    '1 - تقرر <script>window.__pwned = 1</script> أن "><img src=x onerror=window.__pwned=2> '
    "تبقي المسألة قيد نظرها؛\n"
)


def hostile_resolution() -> Resolution:
    """A document whose text, corrections and annotations try to inject markup and script."""
    t = XSS_TEXT
    bad = '"><img src=x onerror=window.__pwned=3>'
    c = _corr(
        t,
        "تقرر",
        "تقرر<script>window.__pwned=4</script>",
        'lexicon"><b>x',
        0.8,
        alternatives=[bad, "<svg onload=window.__pwned=5>"],
        confusion="<i>dots</i>",
    )
    return Resolution(
        doc_id="<script>alert(1)</script>",
        source='"><img src=x onerror=window.__pwned=6>',
        text=t,
        original=t,
        header=Header(title="<b onmouseover=window.__pwned=7>عنوان</b>", resolution="<i>1</i>"),
        paragraphs=[
            Paragraph(
                0,
                "operative",
                t.split("\n\n")[1],
                number="1",
                lead=bad,
                label="decide",
                addressees=[bad],
                themes=["<x>"],
            )
        ],
        corrections=[c],
        warnings=[Warning("<script>", "<img src=x onerror=window.__pwned=8>")],
    )


def write_batch_dir(
    resolutions: list[Resolution],
    outdir: Path,
    errors: list[dict[str, str]] | None = None,
    *,
    warnings_table: bool = True,
) -> Path:
    """Write a batch output folder (Parquet tables + ``json/``) as ``qararat batch`` lays it out.

    Without ``warnings_table`` the warnings are only in the JSON files (older layout).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    docs = pd.DataFrame(
        [
            {
                **r.summary(),
                "source": r.source,
                "session": r.header.session,
                "title": r.header.title,
            }
            for r in resolutions
        ]
    )
    docs.to_parquet(outdir / "documents.parquet")
    pd.concat([r.to_frame() for r in resolutions], ignore_index=True).to_parquet(
        outdir / "paragraphs.parquet"
    )
    pd.concat([r.corrections_frame() for r in resolutions], ignore_index=True).to_parquet(
        outdir / "corrections.parquet"
    )
    pd.DataFrame(errors or [], columns=["doc_id", "path", "error_kind", "message"]).to_parquet(
        outdir / "errors.parquet"
    )
    if warnings_table:
        pd.DataFrame(
            [
                {"doc_id": r.doc_id, "warning_index": i, "kind": w.kind, "message": w.message}
                for r in resolutions
                for i, w in enumerate(r.warnings)
            ],
            columns=["doc_id", "warning_index", "kind", "message"],
        ).to_parquet(outdir / "warnings.parquet")
    (outdir / "json").mkdir(exist_ok=True)
    for r in resolutions:
        (outdir / "json" / f"{r.doc_id}.json").write_text(r.to_json(), encoding="utf-8")
    return outdir


def clean_resolution(doc_id: str, session: int, theme: str) -> Resolution:
    """A short resolution with one applied correction and no warnings."""
    text = "إن الجمعية العامة،\n\n1 - تقرر أن تبقي مسألة حماية الأطفال قيد نظرها؛\n"
    return Resolution(
        doc_id=doc_id,
        source=f"corpora/{doc_id}.txt",
        text=text,
        original=text,
        header=Header(
            body="الجمعية العامة",
            session=session,
            resolution=f"{session}/1",
            title="مسألة للاختبار",
        ),
        paragraphs=[
            Paragraph(
                0,
                "operative",
                text.split("\n\n")[1][4:].strip(),
                number="1",
                lead="تقرر",
                label="decide",
                themes=[theme],
            )
        ],
        corrections=[_corr(text, "تقرر", "تقرر", "lexicon", 0.99)],
    )
