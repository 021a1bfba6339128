"""Reliability of the OCR corrector's confidences on evaluation sets, in aggregate.

For every word decision of the packaged corrector on the named sets (``corpora/<set>/`` with
``ocr/{clean,fax,noisy}/``; default: the untouched fresh sets ``unseen3`` and ``unseen4``), at
every tier: is applying it alone right? Prints the Brier score of the raw ranking posterior and
of the calibrated confidence, and per confidence band the number of decisions, their mean
confidence and the share that is right. Nothing about individual errors is printed: the sets
stay unread.

Usage: python scripts/eval_calibration.py [unseen3,unseen4]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from build_lexicon import set_texts  # noqa: E402
from train_ocr_calibrator import BANDS, labelled  # noqa: E402

from qararat.ocr import Corrector  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Score the sets named in ``argv[0]`` (comma-separated) and print the table."""
    args = sys.argv[1:] if argv is None else argv
    sets = (args[0] if args else "unseen3,unseen4").split(",")
    corrector = Corrector.default().with_config()  # its own: the feature sink is set on it
    rows = []
    for part in sets:
        for doc_id, tier, gold, noisy in set_texts(part, ("clean", "fax", "noisy")):
            rows += labelled(corrector, doc_id, 0, tier, gold, noisy)
    right = np.array([r["right"] for r in rows], dtype=float)
    raw = np.array([r["evidence"]["conf"] for r in rows])
    conf = np.array([r["confidence"] for r in rows])
    print(
        f"{'+'.join(sets)}: {len(rows)} decisions, Brier score raw "
        f"{np.mean((raw - right) ** 2):.4f}, calibrated {np.mean((conf - right) ** 2):.4f}"
    )
    for name, q in (("raw", raw), ("calibrated", conf)):
        for lo, hi in zip(BANDS, BANDS[1:], strict=False):
            sel = (q >= lo) & ((q <= hi) if hi >= 1.0 else (q < hi))
            if sel.any():
                print(
                    f"  {name:10s} {lo:.2f}-{hi:.2f} n={int(sel.sum()):5d} "
                    f"mean={q[sel].mean():.3f} right={right[sel].mean():.3f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
