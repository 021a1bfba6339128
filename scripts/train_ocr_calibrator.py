"""Fit the OCR corrector's confidence calibration and save it to models/ocr_calibration/<version>/.

Training data are the corrector's own word decisions in the 3-fold cross-validation over the
train pool (the dev train split and the ``corpora/context`` texts, the same folds as
``scripts/build_lexicon.py --cv --context pool``): each held-out document is corrected by a
corrector whose n-grams and domain counts come from the other folds, at the clean, fax and noisy
tiers and as clean text itself. A decision is labelled right when applying it alone turns its
line's word into the gold word. Held-out dev documents, the unseen sets and the sample
resolution are never read.

Prints, per input tier, the changes applied (right / not right / words broken) under the
ranking's raw posterior at the uncalibrated release's threshold (0.75) and under the
calibrated probability at the corrector's apply threshold;
the calibrated figures are out-of-fold (each fold's decisions scored by a calibrator fitted on
the other two). Writes ``model.skops`` (skops), ``weights.json`` (what the corrector reads) and
``metadata.json`` (versions, data hash, counts, that table).

Usage: python scripts/train_ocr_calibrator.py [--out models/ocr_calibration/v1] [--C 0.3]
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import platform
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_lexicon as bl  # noqa: E402

from qararat.model import Correction  # noqa: E402
from qararat.ocr.calibration import FEATURES, MODEL_VERSION, decision_vector  # noqa: E402
from qararat.ocr.metrics import CorrectionCounts, score_correction  # noqa: E402
from qararat.spans import apply_corrections  # noqa: E402

TIERS = ("gold", "clean", "fax", "noisy")


def decisions(config: dict[str, Any]) -> list[dict[str, Any]]:
    """Out-of-fold word decisions with their evidence and label, over the train pool."""
    docs = bl.train_docs(bl.DEV / "split.json", context="pool")
    texts = [bl.read_clean(d) for d in docs]
    rows: list[dict[str, Any]] = []
    # no calibration inside the folds: the evidence's posterior is the ranking's own
    overrides = {**config, "calibrate": False}
    for fold, (held, corrector) in enumerate(bl.fold_correctors(docs, texts, overrides)):
        for doc in held:
            for tier, gold, noisy in bl.held_texts(doc, TIERS):
                rows.extend(labelled(corrector, doc.doc_id, fold, tier, gold, noisy))
        print(f"fold {fold}: {len(rows)} decisions", file=sys.stderr)
    return rows


class Lines:
    """A gold text and its noisy version line by line, to score one correction at a time."""

    def __init__(self, gold: str, noisy: str) -> None:
        self.gold, self.noisy = gold.split("\n"), noisy.split("\n")
        self.starts, pos = [], 0
        for line in self.noisy:
            self.starts.append(pos)
            pos += len(line) + 1

    def alone(self, c: Correction) -> CorrectionCounts | None:
        """The score of applying ``c`` alone to its line (None if the line has no gold)."""
        li = bisect.bisect_right(self.starts, c.start) - 1
        line = self.noisy[li]
        alone = replace(c, start=c.start - self.starts[li], end=c.end - self.starts[li])
        if li >= len(self.gold) or alone.end > len(line):
            return None
        fixed = apply_corrections(line, [replace(alone, applied=True)])[0]
        return score_correction(self.gold[li], line, fixed)


def is_right(s: CorrectionCounts) -> bool:
    """A change alone is right when it fixes a word and breaks none."""
    return s.changes > 0 and s.fixed > 0 and s.broken == 0


def labelled(corrector, doc_id, fold, tier, gold, noisy):  # type: ignore[no-untyped-def]
    """``corrector``'s word decisions on ``noisy``, each with its evidence, its reported
    confidence and whether applying it alone gives the gold word of its line."""
    corrector.feature_sink = []
    try:
        corrections = corrector.correct(noisy)
        evidence = dict(corrector.feature_sink)
    finally:
        corrector.feature_sink = None
    lines = Lines(gold, noisy)
    out = []
    for c in corrections:
        if c.start not in evidence or c.rule not in ("lexicon", "context"):
            continue
        s = lines.alone(c)
        if s is None:
            continue
        out.append(
            {
                "doc": doc_id,
                "fold": fold,
                "tier": tier,
                "original": c.original,
                "replacement": c.replacement,
                "evidence": evidence[c.start],
                "confidence": c.confidence,
                "right": int(is_right(s)),
                "broken": int(s.broken > 0),
            }
        )
    return out


def _table(rows, applied) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    table = {}
    for tier in TIERS:
        sel = [r for r, a in zip(rows, applied, strict=True) if a and r["tier"] == tier]
        table[tier] = {
            "right": sum(r["right"] for r in sel),
            "not_right": sum(1 - r["right"] for r in sel),
            "broken": sum(r["broken"] for r in sel),
        }
    return table


#: Confidence bands of the reliability table.
BANDS = (0.0, 0.3, 0.5, 0.65, 0.8, 0.9, 0.95, 0.99, 1.0)


def _reliability(confidence, right) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Per confidence band: decisions, their mean confidence and the share that is right."""
    out = []
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        top = confidence <= hi if hi >= 1.0 else confidence < hi
        sel = (confidence >= lo) & top
        if sel.any():
            out.append(
                {
                    "band": f"{lo:.2f}-{hi:.2f}",
                    "n": int(sel.sum()),
                    "mean_confidence": round(float(confidence[sel].mean()), 3),
                    "share_right": round(float(right[sel].mean()), 3),
                }
            )
    return out


def main(argv: list[str] | None = None) -> int:
    """Collect decisions, report out-of-fold figures, fit on all, save."""
    import numpy as np
    import sklearn
    import skops

    from qararat import __version__
    from qararat.ocr import CorrectorConfig
    from qararat.ocr.calibration_model import ConfidenceCalibrator, save_calibrator

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "ocr_calibration" / MODEL_VERSION)
    ap.add_argument("--C", type=float, default=0.3, dest="c", help="inverse regularisation")
    ap.add_argument(
        "--raw-threshold",
        type=float,
        default=0.75,
        help="threshold of the raw posterior to compare with (the uncalibrated release's)",
    )
    ap.add_argument("--no-write", action="store_true", help="print the figures only")
    args = ap.parse_args(argv)

    rows = decisions({})
    X = np.array([decision_vector(r["evidence"]) for r in rows])  # noqa: N806
    y = np.array([r["right"] for r in rows])
    folds = np.array([r["fold"] for r in rows])
    guarded = np.array([r["evidence"]["guarded"] > 0 for r in rows])
    config = CorrectorConfig()
    threshold = config.apply_threshold
    # a word that is itself valid is changed only at the higher threshold (see CorrectorConfig)
    thresholds = np.array([config.threshold_for(r["evidence"]["valid_word"] > 0) for r in rows])
    raw = np.array([r["evidence"]["conf"] for r in rows])
    calibrated = np.zeros(len(rows))
    for k in sorted(set(folds.tolist())):
        out = folds == k
        model = ConfidenceCalibrator(C=args.c).fit(X[~out], y[~out])
        calibrated[out] = model.predict_proba(X[out])[:, 1]
    before = _table(rows, (raw >= args.raw_threshold) & ~guarded)
    after = _table(rows, (calibrated >= thresholds) & ~guarded)
    print(
        f"changes applied: raw posterior >= {args.raw_threshold}, "
        f"calibrated (out-of-fold) >= {threshold} ({config.valid_apply_threshold} for a valid word)"
    )
    for tier in TIERS:
        b, a = before[tier], after[tier]
        print(
            f"{tier:6s} {b['right']:6d} right {b['not_right']:4d} not {b['broken']:3d} broken"
            f"   {a['right']:6d} right {a['not_right']:4d} not {a['broken']:3d} broken"
        )
    reliability = {"raw": _reliability(raw, y), "calibrated": _reliability(calibrated, y)}
    print("reliability (out-of-fold): confidence band, decisions, mean confidence, share right")
    for name, table in reliability.items():
        for band in table:
            print(
                f"  {name:10s} {band['band']:>9s} {band['n']:5d} "
                f"{band['mean_confidence']:.3f} {band['share_right']:.3f}"
            )
    brier_raw = float(np.mean((raw - y) ** 2))
    brier_cal = float(np.mean((calibrated - y) ** 2))
    print(f"Brier score: raw {brier_raw:.4f}, calibrated {brier_cal:.4f} ({len(rows)} decisions)")

    final = ConfidenceCalibrator(C=args.c).fit(X, y)
    digest = hashlib.sha256()
    for r in rows:
        digest.update(f"{r['doc']}\t{r['tier']}\t{r['original']}\t{r['replacement']}\t".encode())
        digest.update(f"{r['right']}\n".encode())
    metadata = {
        "task": "ocr_calibration",
        "model": "ConfidenceCalibrator (standardised features + LogisticRegression)",
        "params": final.get_params(),
        "features": list(FEATURES),
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
            "qararat": __version__,
        },
        "training_data": {
            "sha256": digest.hexdigest(),
            "n_decisions": len(rows),
            "n_right": int(y.sum()),
            "documents": sorted({r["doc"] for r in rows}),
            "inputs": list(TIERS),
        },
        "apply_threshold": threshold,
        "valid_apply_threshold": config.valid_apply_threshold,
        "raw_threshold": args.raw_threshold,
        "cross_validation": {
            "folds": int(len(set(folds.tolist()))),
            "applied_raw": before,
            "applied_calibrated": after,
            "brier_raw": round(brier_raw, 4),
            "brier_calibrated": round(brier_cal, 4),
            "reliability": reliability,
        },
    }
    if not args.no_write:
        save_calibrator(final, args.out, metadata)
        print(f"wrote {args.out}/model.skops, weights.json and metadata.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
