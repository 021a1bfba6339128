"""The fallback clause classifier: character n-gram TF-IDF and a linear model.

Rules decide first; this model only labels paragraphs whose lead the rules and the fuzzy matcher
did not recognise. It reads the first words of a paragraph (folded with ``match_key``) together
with a marker of the paragraph kind. Persisted with skops, never pickle; loading names the
trusted types explicitly.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from qararat.clauses.leads import item_label_tokens, tokenize
from qararat.persist import load_skops

KIND_MARKERS = {
    "preambular": "kpre",
    "operative": "kop",
    "subparagraph": "ksub",
    None: "kunk",
}

MODEL_VERSION = "v1"

#: Types a saved :class:`ClauseClassifier` contains; ``skops.io.load`` trusts only these.
TRUSTED_TYPES: list[str] = [
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "qararat.clauses.model.ClauseClassifier",
    "sklearn.linear_model._logistic.LogisticRegression",
]


def model_text(text: str, kind: str | None, n_words: int = 8) -> str:
    """The classifier's input: kind marker and the first ``n_words`` folded words.

    A sub-paragraph letter such as "(أ)" is skipped.
    """
    toks = tokenize(text)
    toks = toks[item_label_tokens(toks, text) :]
    marker = KIND_MARKERS.get(kind, KIND_MARKERS[None])
    return " ".join([marker, *(t.key for t in toks[:n_words])])


class ClauseClassifier(ClassifierMixin, BaseEstimator):
    """Character n-gram TF-IDF (``char_wb``) + logistic regression over lead words.

    Args:
        n_words: Words of the input kept after the kind marker.
        ngram_range: Character n-gram sizes.
        C: Inverse regularisation strength of the logistic regression.
        min_df: Minimum document frequency of an n-gram.
        max_iter: Iterations of the solver (``saga``).
        tol: Stopping tolerance of the solver.

    Attributes:
        terms_: The n-gram vocabulary, in feature order (a NumPy array, so that skops stores
            it as one array rather than one node per term).
        idf_: Inverse document frequencies of ``terms_``.
        classifier_: The fitted logistic regression.
        classes_: Labels, in the order of ``predict_proba`` columns.
    """

    def __init__(
        self,
        n_words: int = 8,
        ngram_range: tuple[int, int] = (2, 5),
        C: float = 20.0,  # noqa: N803 - scikit-learn's name
        min_df: int = 2,
        max_iter: int = 500,
        tol: float = 1e-3,
    ) -> None:
        self.n_words = n_words
        self.ngram_range = ngram_range
        self.C = C
        self.min_df = min_df
        self.max_iter = max_iter
        self.tol = tol

    def _prepare(self, X: Sequence[str]) -> list[str]:  # noqa: N803
        keep = self.n_words + 1
        return [" ".join(str(x).split()[:keep]) for x in X]

    def fit(self, X: Sequence[str], y: Sequence[str]) -> ClauseClassifier:  # noqa: N803
        """Fit on inputs built by :func:`model_text` and their labels."""
        self.vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(self.ngram_range),
            sublinear_tf=True,
            min_df=self.min_df,
        )
        features = self.vectorizer_.fit_transform(self._prepare(X))
        vocab = self.vectorizer_.vocabulary_
        self.terms_ = np.array(sorted(vocab, key=vocab.__getitem__), dtype=str)
        self.idf_ = np.asarray(self.vectorizer_.idf_, dtype=np.float64)
        self.classifier_ = LogisticRegression(
            C=self.C, solver="saga", max_iter=self.max_iter, tol=self.tol, random_state=0
        )
        self.classifier_.fit(features, list(y))
        self.classes_ = self.classifier_.classes_
        return self

    def _vectorizer(self) -> TfidfVectorizer:
        """The fitted vectoriser, rebuilt from ``terms_`` and ``idf_`` after loading."""
        vec = self.__dict__.get("vectorizer_")
        if vec is None:
            vec = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.ngram_range),
                sublinear_tf=True,
                vocabulary={str(t): i for i, t in enumerate(self.terms_)},
            )
            vec.idf_ = self.idf_
            self.__dict__["vectorizer_"] = vec
        return vec

    def __getstate__(self) -> dict[str, Any]:
        """Persisted state: without the vectoriser object (rebuilt from ``terms_``)."""
        state = super().__getstate__()
        state.pop("vectorizer_", None)
        return state

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:  # noqa: N803
        """Class probabilities, columns in the order of ``classes_``."""
        features = self._vectorizer().transform(self._prepare(X))
        return self.classifier_.predict_proba(features)

    def predict(self, X: Sequence[str]) -> np.ndarray:  # noqa: N803
        """Most probable label of each input."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def default_model_dir() -> Path:
    """``models/clauses/<version>`` of the repository (or ``$QARARAT_MODELS``)."""
    import os

    root = os.environ.get("QARARAT_MODELS")
    if root:
        return Path(root) / "clauses" / MODEL_VERSION
    return Path(__file__).resolve().parents[3] / "models" / "clauses" / MODEL_VERSION


def save_model(model: ClauseClassifier, directory: Path, metadata: dict[str, Any]) -> None:
    """Write ``model.skops`` and ``metadata.json`` into ``directory``."""
    import skops.io as sio

    directory.mkdir(parents=True, exist_ok=True)
    sio.dump(model, directory / "model.skops")
    (directory / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def load_model(directory: Path | None = None) -> ClauseClassifier:
    """Load a saved classifier with skops, trusting only :data:`TRUSTED_TYPES`.

    Raises:
        FileNotFoundError: When ``directory`` has no ``model.skops``.
        ModelLoadError: The file holds types outside :data:`TRUSTED_TYPES`, or is corrupt.
    """
    path = (directory or default_model_dir()) / "model.skops"
    model: ClauseClassifier = load_skops(
        path, TRUSTED_TYPES, "trained clause model", ClauseClassifier
    )
    return model


_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _cached(directory: str) -> ClauseClassifier | None:
    try:
        return load_model(Path(directory))
    except FileNotFoundError:
        return None


def get_model(directory: Path | None = None) -> ClauseClassifier | None:
    """The classifier, loaded on first use and cached; None when no model is saved."""
    with _LOCK:
        return _cached(str(directory or default_model_dir()))
