"""The fallback classifier: scikit-learn conventions, skops persistence, trusted types."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from sklearn.base import clone

from qararat.clauses.model import (
    TRUSTED_TYPES,
    ClauseClassifier,
    default_model_dir,
    load_model,
    model_text,
    save_model,
)
from qararat.clauses.synthetic import add_ocr_noise, synthetic_examples


@pytest.fixture(scope="module")
def small_model() -> ClauseClassifier:
    ex = synthetic_examples(n_per_form=2, seed=1, n_other=200)
    return ClauseClassifier().fit([model_text(e.text, e.kind) for e in ex], [e.label for e in ex])


def test_clauses_model_follows_sklearn_conventions(small_model: ClauseClassifier) -> None:
    params = small_model.get_params()
    assert set(params) == {"n_words", "ngram_range", "C", "min_df", "max_iter", "tol"}
    fresh = clone(small_model)
    assert not hasattr(fresh, "classes_") and not hasattr(fresh, "terms_")
    assert "other" in small_model.classes_
    proba = small_model.predict_proba([model_text("وإذ تشير إلى قراراتها", "preambular")])
    assert proba.shape == (1, len(small_model.classes_))
    assert np.isclose(proba.sum(), 1.0)


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("وإذ تشير إلى قراراتها السابقة", "preambular", "recall"),
        ("1 - تحث الدول الأعضاء على", "operative", "urge"),
        ("5 - تطلب إلى الأمين العام", "operative", "request"),
    ],
)
def test_clauses_model_learns_leads(
    small_model: ClauseClassifier, text: str, kind: str, label: str
) -> None:
    assert small_model.predict([model_text(text, kind)])[0] == label


def test_clauses_model_roundtrip_with_skops(small_model: ClauseClassifier, tmp_path: Path) -> None:
    save_model(small_model, tmp_path, {"note": "test"})
    untrusted = sio.get_untrusted_types(file=tmp_path / "model.skops")
    assert set(untrusted) <= set(TRUSTED_TYPES)
    loaded = load_model(tmp_path)
    x = [model_text("وإذ ترحب بالجهود", "preambular"), model_text("(أ) تعزيز", "subparagraph")]
    assert np.allclose(loaded.predict_proba(x), small_model.predict_proba(x))
    assert json.loads((tmp_path / "metadata.json").read_text())["note"] == "test"


def test_clauses_model_refuses_untrusted_types(tmp_path: Path) -> None:
    sio.dump({"x": np.arange(3)}, tmp_path / "model.skops")
    with pytest.raises(TypeError):
        load_model(tmp_path)


def test_clauses_committed_model_loads_with_trusted_types() -> None:
    directory = default_model_dir()
    meta = json.loads((directory / "metadata.json").read_text(encoding="utf-8"))
    assert meta["training_data"]["n_samples"] > 1000
    assert len(meta["training_data"]["sha256"]) == 64
    assert meta["cross_validation"]["macro_f1"] > 0.8
    model = load_model(directory)
    assert model.predict([model_text("وإذ تحيط علما بتقرير", "preambular")])[0] == "take_note"


def test_clauses_ocr_noise_is_seeded_and_damages_only_leading_words() -> None:
    text = "وإذ تشير إلى قراراتها السابقة المتعلقة بالاتجار بالأشخاص"
    a = add_ocr_noise(text, random.Random(3), rate=0.5, words=2)
    b = add_ocr_noise(text, random.Random(3), rate=0.5, words=2)
    assert a == b and a != text
    assert a.split()[2:] == text.split()[2:]
