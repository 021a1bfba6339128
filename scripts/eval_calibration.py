"""Reliability of the OCR corrector's confidences on evaluation sets, in aggregate.

For every word decision of the packaged corrector on the named sets (``corpora/<set>/`` with
``ocr/{clean,fax,noisy}/``; default: the two untouched fresh sets), at every tier: is applying
it alone right? Prints the Brier score of the raw ranking posterior and of the calibrated
confidence, and per confidence band the number of decisions, their mean confidence and the
share that is right. Nothing about individual errors is printed: the sets stay unread.

Usage: python scripts/eval_calibration.py [unseen3,unseen4]
"""

from __future__ import annotations

import bisect
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from qararat.ocr import Corrector
from qararat.ocr.metrics import score_correction
from qararat.spans import apply_corrections

ROOT = Path(__file__).resolve().parents[1]
sets = (sys.argv[1] if len(sys.argv) > 1 else "unseen3,unseen4").split(",")
C = Corrector.default()
conf = []
right = []
raw = []
for part in sets:
    folder = ROOT / "corpora" / part
    for g in sorted(folder.glob("*.txt")):
        for tier in ["clean", "fax", "noisy"]:
            n = folder / "ocr" / tier / g.name
            if not n.exists():
                continue
            gold = g.read_text()
            noisy = n.read_text()
            c = C.with_config()
            c.feature_sink = []
            cs = c.correct(noisy)
            ev = dict(c.feature_sink)
            gl = gold.split("\n")
            nl = noisy.split("\n")
            starts = []
            pos = 0
            for line_text in nl:
                starts.append(pos)
                pos += len(line_text) + 1
            for x in cs:
                if x.start not in ev or x.rule not in ("lexicon", "context"):
                    continue
                li = bisect.bisect_right(starts, x.start) - 1
                line = nl[li]
                a = replace(x, start=x.start - starts[li], end=x.end - starts[li], applied=True)
                if li >= len(gl) or a.end > len(line):
                    continue
                s = score_correction(gl[li], line, apply_corrections(line, [a])[0])
                conf.append(x.confidence)
                raw.append(ev[x.start]["conf"])
                right.append(int(s.changes > 0 and s.fixed > 0 and s.broken == 0))
conf = np.array(conf)
right = np.array(right)
raw = np.array(raw)
print(
    "decisions",
    len(conf),
    "brier raw",
    round(float(np.mean((raw - right) ** 2)), 4),
    "calibrated",
    round(float(np.mean((conf - right) ** 2)), 4),
)
bands = [0, 0.3, 0.5, 0.65, 0.8, 0.9, 0.95, 0.99, 1.0001]
for name, q in (("raw", raw), ("calibrated", conf)):
    for lo, hi in zip(bands, bands[1:], strict=False):
        s = (q >= lo) & (q < hi)
        if s.any():
            print(
                f"  {name:10s} {lo:.2f}-{min(hi, 1):.2f} n={int(s.sum()):4d} "
                f"mean={q[s].mean():.3f} right={right[s].mean():.3f}"
            )
