"""Session fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The real OCR'd sample resolution A/RES/76/186."""
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The sample's text."""
    return SAMPLE.read_text(encoding="utf-8")
