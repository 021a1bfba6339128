"""The calibrated confidence of word corrections (qararat.ocr.calibration)."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import numpy as np
import pytest

from qararat.errors import ModelLoadError
from qararat.ocr import Corrector, CorrectorConfig
from qararat.ocr.calibration import (
    CONFUSIONS,
    FEATURES,
    NUMERIC,
    Calibration,
    decision_vector,
    default_model_dir,
    extra_letter,
    get_calibration,
    load_calibration,
    unknown_share,
)
from qararat.ocr.calibration_model import ConfidenceCalibrator, load_calibrator, save_calibrator

_RAW = {"conf": "conf_logit", "n_cands": "log_n_cands"}


def _evidence(rng: random.Random, **fixed: object) -> dict[str, object]:
    raw = {name: rng.uniform(-5.0, 5.0) for name in NUMERIC if name not in _RAW.values()}
    raw |= {"conf": rng.uniform(0.3, 1.0), "n_cands": float(rng.randint(1, 12))}
    raw["confusion"] = rng.choice(CONFUSIONS)
    return raw | fixed


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def test_calibration_vector_has_one_value_per_feature() -> None:
    vec = decision_vector(_evidence(random.Random(1), confusion="hamza"))
    assert len(vec) == len(FEATURES)
    onehot = vec[len(NUMERIC) :]
    assert onehot == [1.0 if c == "hamza" else 0.0 for c in CONFUSIONS]


def test_calibration_vector_unknown_confusion_is_all_zeros() -> None:
    vec = decision_vector(_evidence(random.Random(2), confusion="persian"))
    assert vec[len(NUMERIC) :] == [0.0] * len(CONFUSIONS)


@pytest.mark.parametrize(("conf", "logit"), [(0.5, 0.0), (1.0, math.log(9999.0))])
def test_calibration_vector_posterior_as_log_odds(conf: float, logit: float) -> None:
    vec = decision_vector(_evidence(random.Random(3), conf=conf))
    assert vec[NUMERIC.index("conf_logit")] == pytest.approx(logit, rel=1e-3)


def test_calibration_unknown_share_is_shrunk_for_short_texts() -> None:
    assert unknown_share(0, 5) > 0.05  # five clean words say little about the page
    assert unknown_share(0, 5000) < 0.001
    assert unknown_share(300, 1000) == pytest.approx(0.295, abs=0.01)


def test_calibration_packaged_weights_match_the_skops_model() -> None:
    model = load_calibrator()
    runtime = load_calibration()
    rng = random.Random(4)
    rows = [_evidence(rng) for _ in range(50)]
    expected = model.predict_proba([decision_vector(r) for r in rows])[:, 1]
    assert [runtime.probability(r) for r in rows] == pytest.approx(expected.tolist(), abs=1e-9)


def test_calibration_probability_rises_with_the_ranking_posterior(corrector: Corrector) -> None:
    runtime = load_calibration()
    assert runtime.weights[NUMERIC.index("conf_logit")] > 0
    own = corrector.with_config()
    own.feature_sink = []
    own.correct("وتطلب إلى الأمبن العام أن يقدم تقريرا عن تنفيذ هذا القرار في الدوره المقبلة")
    assert own.feature_sink
    for _, evidence in own.feature_sink:
        assert runtime.probability(evidence | {"conf": 0.99}) > runtime.probability(
            evidence | {"conf": 0.4}
        )


def test_calibration_fit_and_runtime_agree(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, len(FEATURES)))  # noqa: N806
    y = (X[:, 0] + 0.5 * X[:, 3] + rng.normal(scale=0.5, size=400) > 0).astype(int)
    model = ConfidenceCalibrator(C=1.0).fit(X, y)
    save_calibrator(model, tmp_path, {"task": "test"})
    runtime = load_calibration(tmp_path)
    vectors = X[:10]
    # the runtime reads evidence; feed it vectors by inverting decision_vector's derivations
    folded = runtime.weights
    z = vectors @ np.array(folded) + runtime.bias
    assert (1 / (1 + np.exp(-z))).tolist() == pytest.approx(
        model.predict_proba(vectors)[:, 1].tolist(), abs=1e-9
    )
    assert load_calibrator(tmp_path).coef_.tolist() == pytest.approx(model.coef_.tolist())


def test_calibration_missing_file_means_no_calibration(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_calibration(tmp_path)
    assert get_calibration(tmp_path) is None


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"features": ["other"], "weights": [1.0], "bias": 0.0}),
        json.dumps({"features": list(FEATURES), "weights": [1.0], "bias": 0.0}),
        json.dumps({"features": list(FEATURES), "weights": ["x"] * len(FEATURES), "bias": 0}),
    ],
)
def test_calibration_bad_weights_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "weights.json").write_text(content, encoding="utf-8")
    with pytest.raises(ModelLoadError) as err:
        load_calibration(tmp_path)
    assert str(tmp_path / "weights.json") in str(err.value)
    assert "\n" not in str(err.value)


def test_calibration_weights_round_trip() -> None:
    cal = Calibration(tuple(float(i) for i in range(len(FEATURES))), -1.5)
    assert Calibration.from_json(cal.to_json()) == cal


def test_calibration_is_packaged_and_used_by_default(corrector: Corrector) -> None:
    assert (default_model_dir() / "weights.json").is_file()
    assert corrector.calibration is not None and corrector.config.calibrate


def test_calibration_changes_the_reported_confidence(corrector: Corrector) -> None:
    text = "إن الجمعية العامة، إذ تؤكد أهمية التعاون الدولي في مجال التنمبة المستدامة"
    calibrated = [(c.replacement, c.confidence) for c in corrector.correct(text)]
    raw = [
        (c.replacement, c.confidence) for c in corrector.with_config(calibrate=False).correct(text)
    ]
    assert [r for r, _ in calibrated] == [r for r, _ in raw] == ["التنمية"]
    assert calibrated[0][1] != raw[0][1]


def test_calibration_feature_sink_collects_each_decision(corrector: Corrector) -> None:
    own = corrector.with_config()
    own.feature_sink = []
    text = "وتطلب إلى الأمبن العام أن يقدم تقريرا عن تنفيذ هذا القرار"
    fixes = own.correct(text)
    starts = {s for s, _ in own.feature_sink}
    assert starts == {c.start for c in fixes if c.rule in ("lexicon", "context")} != set()
    for _, evidence in own.feature_sink:
        assert len(decision_vector(evidence)) == len(FEATURES)


def test_calibration_is_the_constructor_default(corrector: Corrector) -> None:
    built = Corrector(corrector.lexicon, corrector.channel, corrector.bigrams)
    assert built.calibration == corrector.calibration is not None
    raw = Corrector(corrector.lexicon, corrector.channel, corrector.bigrams, calibration=None)
    assert raw.calibration is None
    text = "إن الجمعية العامة، إذ تؤكد أهمية التعاون الدولي في مجال التنمبة المستدامة"
    assert [c.confidence for c in raw.correct(text)] == [
        c.confidence for c in corrector.with_config(calibrate=False).correct(text)
    ]


@pytest.mark.parametrize(
    ("word", "best", "expected"),
    [
        ("المتتحدة", "المتحدة", (1.0, 0.0)),  # a tooth more beside a tooth
        ("الدولني", "الدولي", (1.0, 0.0)),
        ("الموارد", "المواد", (0.0, 0.0)),  # a dropped letter that is no tooth
        ("الاطفال", "الطفال", (0.0, 1.0)),  # an alef dropped
        ("المتحدة", "المتحدة", (0.0, 0.0)),  # no letter dropped
        ("التنمية", "التنمية ال", (0.0, 0.0)),  # a split is no dropped letter
    ],
)
def test_calibration_extra_letter_evidence(
    word: str, best: str, expected: tuple[float, float]
) -> None:
    assert extra_letter(word, best) == expected


def test_calibration_not_read_by_an_uncalibrated_corrector(corrector: Corrector) -> None:
    # so that the calibrator can be refitted after its features change
    fresh = Corrector(corrector.lexicon, config=CorrectorConfig(calibrate=False))
    assert fresh.calibration is None


def test_calibration_valid_word_needs_the_higher_threshold(corrector: Corrector) -> None:
    # "غلى" is a word (boiled): changing it needs valid_apply_threshold, a non-word does not
    text = "وتشدد غلى أهمية التعاون الدولي في مجال التنمبة المستدامة"
    found = {c.original: c for c in corrector.correct(text)}
    assert found["غلى"].replacement == "على" and found["غلى"].applied
    assert found["التنمبة"].applied
    picky = corrector.with_config(valid_apply_threshold=0.999)
    strict = {c.original: c for c in picky.correct(text)}
    assert strict["غلى"].replacement == "على" and not strict["غلى"].applied
    assert strict["غلى"].confidence < 0.999  # reported as a suggestion, below its threshold
    assert strict["التنمبة"].applied
    assert CorrectorConfig().valid_apply_threshold >= CorrectorConfig().apply_threshold
