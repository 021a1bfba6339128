"""Session fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# `make test` draws the same property-test examples on every run, so that a failure is a
# regression of the code and not the luck of the draw. To hunt for new failing inputs, run
# `pytest --hypothesis-profile=explore` (fresh random examples on every run); add what it
# finds as an @example.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=1000)
settings.load_profile("default")

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
