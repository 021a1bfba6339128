"""Helpers for the batch tests: a small deterministic analyzer and corpus builders.

``fake_analyze`` stands in for :func:`qararat.analysis.analyze` where a test is about the batch
machinery (resume, failures, determinism), not about the analysis; it lives in an importable
module so worker processes can load it by name. It fills every table (paragraphs, themes,
corrections, footnotes, references, warnings) from the text with simple rules, and raises on a
marker so a test can make one document fail inside the analysis.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

from qararat.batch.tables import DATA_TABLES, read_table
from qararat.io import Document
from qararat.model import Correction, Footnote, Paragraph, Reference, Resolution, Warning

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt"
DEV_DIR = ROOT / "corpora" / "dev"
BENCH_SCRIPT = ROOT / "scripts" / "make_bench_corpus.py"
FAIL_MARKER = "@@FAIL-IN-ANALYSIS@@"
_BLANK = re.compile(r"\n\s*\n")
_NUMBERED = re.compile(r"^\s*(\d+)\s*[-–.]")
_RESOLUTION = re.compile(r"\b(\d{2,3})/(\d{1,3})\b")
_TATWEEL = "\u0640"


def fake_analyze(document: Document, config: object = None) -> Resolution:
    """A deterministic stand-in for ``analyze`` (see module docstring)."""
    text = document.text
    if FAIL_MARKER in text:
        raise RuntimeError("synthetic failure inside the analysis")
    corrections = [
        Correction(start=m.start(), end=m.end(), original=_TATWEEL, replacement="",
                   rule="normalize_tatweel", confidence=1.0)
        for m in re.finditer(_TATWEEL, text)
    ]
    clean = text.replace(_TATWEEL, "")
    paragraphs = []
    for block in _BLANK.split(clean):
        block = " ".join(block.split())
        if len(block) < 40:
            continue
        number = _NUMBERED.match(block)
        themes = sorted(
            theme for theme, word in (("human_rights", "حقوق"), ("health", "الصحة"),
                                      ("women", "النساء"))
            if word in block
        )
        paragraphs.append(
            Paragraph(
                index=len(paragraphs),
                kind="operative" if number else "preambular",
                text=block,
                number=number.group(1) if number else None,
                label="decide" if number else "recall",
                label_source="rules",
                themes=themes,
            )
        )
    references = [
        Reference(kind="ga_resolution", text=m.group(0), value=m.group(0),
                  paragraph_index=None)
        for m in _RESOLUTION.finditer(clean)
    ]
    return Resolution(
        doc_id=document.doc_id,
        source=document.source,
        text=clean,
        original=text,
        encoding=document.encoding,
        paragraphs=paragraphs,
        footnotes=[Footnote(number=1, text="حاشية")] if "(1)" in clean else [],
        references=references,
        corrections=corrections,
        warnings=list(document.warnings) or [Warning("note", "synthetic")],
    )


def assert_same_output(a: Path, b: Path) -> None:
    """Data tables and JSON results of two output directories are identical."""
    for name in DATA_TABLES:
        pd.testing.assert_frame_equal(read_table(a, name), read_table(b, name), obj=name)
    names_a = sorted(p.name for p in (a / "json").iterdir())
    assert names_a == sorted(p.name for p in (b / "json").iterdir())
    for name in names_a:
        assert (a / "json" / name).read_bytes() == (b / "json" / name).read_bytes(), name


def paragraphs_of(text: str) -> list[str]:
    """Blank-line separated blocks of a text."""
    return [b for b in _BLANK.split(text) if b.strip()]


def _load_bench_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_bench_corpus", BENCH_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def variant(text: str, seed: int) -> str:
    """A seeded variant of a resolution (``scripts/make_bench_corpus.py``)."""
    return str(_load_bench_script().make_variant(text, seed))


def source_texts() -> list[str]:
    """Development texts if present, else the sample resolution."""
    paths = sorted(DEV_DIR.glob("*.txt")) if DEV_DIR.is_dir() else []
    return [p.read_text(encoding="utf-8") for p in (paths or [SAMPLE])]


def make_corpus(directory: Path, n: int, *, nested: bool = True) -> list[Path]:
    """Write ``n`` small variant documents under ``directory`` (some in a subdirectory)."""
    texts = source_texts()
    paths = []
    for i in range(n):
        sub = directory / "sub" if nested and i % 3 == 2 else directory
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"doc_{i:03d}.txt"
        path.write_text(variant(texts[i % len(texts)], i), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("word,theme", [("حقوق", "human_rights"), ("الصحة", "health")])
def test_batch_fake_analyze_tags_themes(word: str, theme: str) -> None:
    text = f"إن الجمعية العامة،\n\nإذ تشير إلى أهمية {word} في جميع أنحاء العالم وفي كل مكان.\n"
    doc = Document(text=text, source="x.txt", encoding="utf-8", doc_id="x", sha256="0")
    res = fake_analyze(doc)
    assert [p.themes for p in res.paragraphs] == [[theme]]


def test_batch_fake_analyze_raises_on_marker() -> None:
    doc = Document(text=f"نص {FAIL_MARKER}", source="x.txt", encoding="utf-8", doc_id="x",
                   sha256="0")
    with pytest.raises(RuntimeError, match="synthetic failure"):
        fake_analyze(doc)


def test_batch_variant_is_seeded_and_keeps_paragraphs() -> None:
    text = source_texts()[0]
    a, b = variant(text, 5), variant(text, 5)
    assert a == b
    assert a != variant(text, 6)
    assert sorted(paragraphs_of(a)) != sorted(paragraphs_of(text))  # dates changed
    assert len(paragraphs_of(a)) == len(paragraphs_of(text))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("إن الجمعية العامة،\n\nإذ تشير\n\n1 - تقرر أ\n\n2 - تطلب ب\n\n3 - تحث ج\n",
         ["1 - ", "2 - ", "3 - "]),
        ("إن مجلس الأمن،\n\nإذ يشير\n\n١ - يقرر أ\n\n(أ) فرعية\n\n٢ - يطلب ب\n",
         ["١ - ", "٢ - "]),
    ],
)
def test_batch_variant_renumbers_operatives_in_their_digits(text: str, expected: list[str]
                                                            ) -> None:
    for seed in range(4):
        blocks = [b.strip() for b in paragraphs_of(variant(text, seed))]
        assert [b[:4] for b in blocks if b[0].isdigit()] == expected
        if "(أ) فرعية" in text:  # a sub-paragraph moves with its operative paragraph
            assert "يقرر" in blocks[blocks.index("(أ) فرعية") - 1]
    moved = {variant(text, seed) for seed in range(8)}
    assert len(moved) > 1


def slow_fake_analyze(document: Document, config: object = None) -> Resolution:
    """``fake_analyze`` that takes a while, so a run can be killed in the middle."""
    import time

    time.sleep(0.3)
    return fake_analyze(document, config)


CRASH_MARKER = "@@KILL-THE-WORKER@@"


def crashing_fake_analyze(document: Document, config: object = None) -> Resolution:
    """``fake_analyze`` whose process dies (as if killed) on a marker."""
    import os

    if CRASH_MARKER in document.text:
        os._exit(17)
    return fake_analyze(document, config)
