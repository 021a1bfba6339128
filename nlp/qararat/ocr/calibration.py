"""Calibrated confidence for the corrector's word decisions.

The noisy-channel ranking gives each candidate a posterior *within the model*: how much better
it explains the letters than keeping them. That number is not the probability that the change
is right. It is too sure of a short word with a letter more or less ("معا" → "مع"), of a
candidate one letter short of the intended word ("الموار" → "الموارد" for "المواد"), and not
sure enough of a long word whose only reading is a dot or a hamza away.

:class:`~qararat.ocr.calibration_model.ConfidenceCalibrator` is a logistic regression from a
decision's evidence (the model's posterior, the margin over keeping the word and over the
runner-up, the edit's cost and confusion class, the frequencies of both words, the context,
the document's share of unknown words…) to the probability that applying the change gives the
gold word. It is fitted by
``scripts/train_ocr_calibrator.py`` on out-of-fold decisions of the cross-validation over the
train documents (never on evaluation text) and persisted with skops
(:mod:`qararat.ocr.calibration_model`). Its weights are also written out as plain numbers
(``weights.json``), which is all the corrector reads: at run time the calibration is a dot
product in plain Python, and ``qararat clean`` does not pay for importing scikit-learn.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from qararat.errors import ModelLoadError

MODEL_VERSION = "v1"

#: Confusion classes of :meth:`~qararat.ocr.channel.Channel.confusion` and the two candidate
#: kinds that are not a single word (a comma read as a hamza, two words split apart).
CONFUSIONS = (
    "dots",
    "hamza",
    "alef_maqsura",
    "ta_marbuta",
    "shape",
    "insertion",
    "deletion",
    "substitution",
    "transposition",
    "comma",
    "merge",
)

#: The numeric evidence of one decision, in vector order (one-hot confusion classes follow).
NUMERIC = (
    "conf_logit",  # the ranking's own posterior, as log-odds
    "margin",  # log-odds of the best candidate over keeping the word
    "runner",  # log-odds of the best candidate over the best different one
    "cost",  # channel cost of the edit
    "logp_best",  # prior of the candidate
    "logp_word",  # prior of the word as written
    "attested_word",  # the frequency list has the written form itself
    "valid_word",  # the written form is a valid (clitic-analysed) word
    "known_word",  # ... a known word (a real-word decision)
    "log_n_cands",
    "len_word",
    "dlen",  # letters gained (+) or lost (-) by the change
    "extra_tooth",  # the change drops a tooth-shaped letter beside another (see extra_letter)
    "extra_alef",  # the change drops an alef
    "truncated",  # the written word is a far more frequent one with its last letter lost
    "ctx_best",  # context log-odds of the candidate (bigram model, capped)
    "ctx_word",  # ... and of the written form
    "att_best",  # clean text has the candidate beside one of these neighbours
    "att_word",
    "edge",  # the word starts or ends a sentence run
    "cache_best",  # log-odds the document's own vocabulary adds to the candidate
    "doc_unknown",  # share of the document's words that are not known words
)

FEATURES = (*NUMERIC, *(f"confusion_{c}" for c in CONFUSIONS))

_CLIP = 10.0

#: A document's share of unknown words is shrunk toward this typical share ...
UNKNOWN_PRIOR = 0.08
#: ... with the weight of this many words, so that a line or two is not judged like a page.
UNKNOWN_PRIOR_WORDS = 20.0


def unknown_share(unknown: int, words: int) -> float:
    """The ``doc_unknown`` evidence: ``unknown`` of ``words`` words are not known words."""
    return (unknown + UNKNOWN_PRIOR * UNKNOWN_PRIOR_WORDS) / (words + UNKNOWN_PRIOR_WORDS)


@lru_cache(maxsize=1)
def tooth_letters() -> frozenset[str]:
    """Letters written as one tooth on the baseline (``tooth_letters`` of ``channel.json``)."""
    from qararat.ocr.channel import load_channel_data

    return frozenset(load_channel_data()["tooth_letters"]["letters"])


def extra_letter(word: str, best: str) -> tuple[float, float]:
    """The ``extra_tooth`` and ``extra_alef`` evidence of a change from ``word`` to ``best``.

    When ``best`` is ``word`` with one letter removed: 1.0 for ``extra_tooth`` if that letter
    is tooth-shaped and stands beside another (an engine that cuts one stroke in two reads a
    tooth more: "المتتحدة", "الدولني"), 1.0 for ``extra_alef`` if it is an alef (a vertical
    stroke that is more often a real letter the word needs). Measured on the cross-validation's
    decisions: the first kind was right 92% of the time (88 decisions) while the rest of the
    evidence gave it 76%; the second 24% (29) against 69%.
    """
    if " " in best or len(word) != len(best) + 1:
        return 0.0, 0.0
    i = next((k for k in range(len(best)) if word[k] != best[k]), len(best))
    if word[:i] + word[i + 1 :] != best:
        return 0.0, 0.0
    letter = word[i]
    if letter == "ا":
        return 0.0, 1.0
    beside = word[i - 1 : i] + word[i + 1 : i + 2]
    teeth = tooth_letters()
    if letter in teeth and any(c in teeth for c in beside):
        return 1.0, 0.0
    return 0.0, 0.0


def _clip(x: float) -> float:
    return -_CLIP if x < -_CLIP else _CLIP if x > _CLIP else x


def decision_vector(evidence: Mapping[str, float]) -> list[float]:
    """The calibrator's input for one decision, from the corrector's raw evidence.

    ``evidence`` has the keys of :data:`NUMERIC` with ``conf`` (the posterior) instead of
    ``conf_logit`` and ``n_cands`` instead of ``log_n_cands``, and ``confusion`` naming the
    class (see :data:`CONFUSIONS`; anything else is all zeros).
    """
    conf = min(max(evidence["conf"], 1e-4), 1.0 - 1e-4)
    derived = {
        "conf_logit": math.log(conf / (1.0 - conf)),
        "log_n_cands": math.log(max(1.0, evidence["n_cands"])),
    }
    out = []
    for name in NUMERIC:
        value = derived[name] if name in derived else float(evidence[name])
        if name in ("margin", "ctx_best", "ctx_word"):
            value = _clip(value)
        out.append(value)
    confusion = evidence.get("confusion")
    out.extend(1.0 if c == confusion else 0.0 for c in CONFUSIONS)
    return out


@dataclass(frozen=True)
class Calibration:
    """A fitted calibrator's weights, folded with its standardisation.

    Attributes:
        weights: One weight per :data:`FEATURES` entry, on the raw (unstandardised) vector.
        bias: The intercept on the raw vector.
        version: The model version it was loaded from.
    """

    weights: tuple[float, ...]
    bias: float
    version: str = MODEL_VERSION

    def probability(self, evidence: Mapping[str, float]) -> float:
        """P(the change is right) for one decision's evidence (see :func:`decision_vector`)."""
        z = self.bias
        for w, x in zip(self.weights, decision_vector(evidence), strict=True):
            z += w * x
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, Any]:
        """The JSON form of ``weights.json``."""
        return {
            "version": self.version,
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibration:
        """Read the JSON form; the feature list must be this code's :data:`FEATURES`."""
        if list(data.get("features", ())) != list(FEATURES):
            raise ValueError("built for other features (run `make models`)")
        weights = tuple(float(w) for w in data["weights"])
        if len(weights) != len(FEATURES) or not all(map(math.isfinite, weights)):
            raise ValueError("malformed weights")
        return cls(weights, float(data["bias"]), str(data.get("version", MODEL_VERSION)))


def default_model_dir() -> Path:
    """``models/ocr_calibration/<version>`` of the repository (or under ``$QARARAT_MODELS``)."""
    root = os.environ.get("QARARAT_MODELS")
    if root:
        return Path(root) / "ocr_calibration" / MODEL_VERSION
    return Path(__file__).resolve().parents[3] / "models" / "ocr_calibration" / MODEL_VERSION


def load_calibration(directory: Path | None = None) -> Calibration:
    """Read ``weights.json`` from ``directory`` (default: :func:`default_model_dir`).

    Raises:
        FileNotFoundError: When there is no ``weights.json``.
        ModelLoadError: When it is not valid JSON or does not match :data:`FEATURES`.
    """
    path = (directory or default_model_dir()) / "weights.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no OCR confidence calibration (run `make models`)")
    try:
        return Calibration.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelLoadError(f"{path}: cannot use the OCR confidence calibration ({exc})") from None


_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _cached(directory: str) -> Calibration | None:
    try:
        return load_calibration(Path(directory))
    except FileNotFoundError:
        return None


def get_calibration(directory: Path | None = None) -> Calibration | None:
    """The packaged calibration, read once; None when none is saved (raw confidences)."""
    with _LOCK:
        return _cached(str(directory or default_model_dir()))
