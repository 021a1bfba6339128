"""The scikit-learn estimator behind :mod:`qararat.ocr.calibration`, and its persistence.

Kept apart from the run-time module so that correcting text never imports scikit-learn or
skops: the corrector reads only the folded weights (``weights.json``) that
:func:`save_calibrator` writes beside ``model.skops`` and ``metadata.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

from qararat.errors import ModelLoadError
from qararat.ocr.calibration import FEATURES, Calibration, default_model_dir
from qararat.persist import load_skops

#: Types a saved :class:`ConfidenceCalibrator` contains; ``skops.io.load`` trusts only these.
TRUSTED_TYPES: list[str] = [
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "numpy.dtype",
    "numpy.float64",
    "numpy.ndarray",
    "qararat.ocr.calibration_model.ConfidenceCalibrator",
]


class ConfidenceCalibrator(ClassifierMixin, BaseEstimator):
    """Logistic regression on standardised decision vectors (see :func:`decision_vector`).

    Args:
        C: Inverse regularisation strength.
        max_iter: Iterations of the solver (``lbfgs``).

    Attributes:
        mean_ / scale_: Standardisation of each feature (training mean and deviation).
        coef_ / intercept_: The fitted weights on the standardised features.
        classes_: ``[0, 1]``: wrong, right.
    """

    def __init__(self, C: float = 0.3, max_iter: int = 5000) -> None:  # noqa: N803
        self.C = C
        self.max_iter = max_iter

    def fit(self, X: Sequence[Sequence[float]], y: Sequence[int]) -> ConfidenceCalibrator:  # noqa: N803
        """Fit on decision vectors and labels (1: the change gives the gold word)."""
        data = np.asarray(X, dtype=np.float64)
        self.mean_ = data.mean(axis=0)
        self.scale_ = data.std(axis=0)
        self.scale_[self.scale_ == 0.0] = 1.0
        model = LogisticRegression(C=self.C, max_iter=self.max_iter)
        model.fit((data - self.mean_) / self.scale_, np.asarray(y))
        self.coef_ = np.asarray(model.coef_[0], dtype=np.float64)
        self.intercept_ = np.float64(model.intercept_[0])
        self.classes_ = np.asarray(model.classes_, dtype=np.float64)
        return self

    def predict_proba(self, X: Sequence[Sequence[float]]) -> np.ndarray:  # noqa: N803
        """``[P(wrong), P(right)]`` per row."""
        z = ((np.asarray(X, dtype=np.float64) - self.mean_) / self.scale_) @ self.coef_
        p = 1.0 / (1.0 + np.exp(-(z + self.intercept_)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Sequence[Sequence[float]]) -> np.ndarray:  # noqa: N803
        """1 where the change is more likely right than wrong."""
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(np.float64)

    def calibration(self) -> Calibration:
        """The run-time form: weights folded with the standardisation.

        ``w_i / s_i`` per feature, bias ``b - Σ w_i m_i / s_i``.
        """
        w = [float(c / s) for c, s in zip(self.coef_, self.scale_, strict=True)]
        b = float(self.intercept_) - sum(wi * float(m) for wi, m in zip(w, self.mean_, strict=True))
        return Calibration(tuple(w), b)


def save_calibrator(model: ConfidenceCalibrator, directory: Path, metadata: dict[str, Any]) -> None:
    """Write ``model.skops``, ``metadata.json`` and the run-time ``weights.json``."""
    import skops.io as sio

    directory.mkdir(parents=True, exist_ok=True)
    sio.dump(model, directory / "model.skops")
    (directory / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (directory / "weights.json").write_text(
        json.dumps(model.calibration().to_json(), indent=1) + "\n", encoding="utf-8"
    )


def load_calibrator(directory: Path | None = None) -> ConfidenceCalibrator:
    """Load a saved calibrator with skops, trusting only :data:`TRUSTED_TYPES`.

    Raises:
        FileNotFoundError: When ``directory`` has no ``model.skops``.
        ModelLoadError: The file holds untrusted types, is corrupt, or does not match
            :data:`~qararat.ocr.calibration.FEATURES`.
    """
    path = (directory or default_model_dir()) / "model.skops"
    model: ConfidenceCalibrator = load_skops(
        path, TRUSTED_TYPES, "OCR confidence calibrator", ConfidenceCalibrator
    )
    if len(getattr(model, "coef_", ())) != len(FEATURES):
        raise ModelLoadError(f"{path}: built for other features (run `make models`)")
    return model
