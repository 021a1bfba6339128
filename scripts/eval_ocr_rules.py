"""Precision of the corrector's grammar rules (clause openers, lead verbs) out of fold.

The word decisions of the ranking are scored by ``scripts/train_ocr_calibrator.py``; the two
rules from the grammar of resolutions ("وإن" opening a preambular paragraph → "وإذ", a misread
lead verb) carry fixed confidences instead, and this script checks them. It runs the same
3-fold cross-validation over the train pool as ``scripts/build_lexicon.py --cv --context pool``
(each fold's corrector built without the held documents), with the packaged configuration, on
the held documents' OCR at every tier and on their clean text (where every change is a false
alarm). A rule's change is right when applying it alone gives the gold word of its line.

With ``--sets unseen3,unseen4,…`` the packaged corrector is scored on those evaluation sets
instead (``corpora/<set>/`` with ``ocr/<tier>/``), in aggregate: nothing about single changes
is printed.

Usage: python scripts/eval_ocr_rules.py [--sets unseen3,unseen4,unseen5,unseen6]
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_lexicon as bl  # noqa: E402

from qararat.ocr import Corrector, CorrectorConfig  # noqa: E402
from qararat.ocr.metrics import score_correction  # noqa: E402
from qararat.spans import apply_corrections  # noqa: E402

RULES = ("clause_opener", "lead_verb")
TIERS = ("gold", "clean", "fax", "noisy")


def line_starts(text: str) -> list[int]:
    """Offset of each line of ``text``."""
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
    return starts


def score(corrector: Corrector, tier: str, gold: str, noisy: str, counts: Counter) -> None:  # type: ignore[type-arg]
    """Add the rules' changes on one text to ``counts`` (rule, tier, state[_right])."""
    gold_lines, lines, starts = gold.split("\n"), noisy.split("\n"), line_starts(noisy)
    for c in corrector.correct(noisy):
        if c.rule not in RULES:
            continue
        li = bisect.bisect_right(starts, c.start) - 1
        if li >= len(gold_lines):
            continue
        alone = replace(c, start=c.start - starts[li], end=c.end - starts[li], applied=True)
        fixed = apply_corrections(lines[li], [alone])[0]
        s = score_correction(gold_lines[li], lines[li], fixed)
        state = "applied" if c.applied else "suggested"
        counts[(c.rule, tier, state)] += 1
        if s.changes > 0 and s.fixed > 0 and s.broken == 0:
            counts[(c.rule, tier, state + "_right")] += 1


def cross_validation(counts: Counter) -> None:  # type: ignore[type-arg]
    """The held folds of the train pool, at every tier and as clean text."""
    docs = bl.train_docs(bl.DEV / "split.json", context="pool")
    texts = [bl.read_clean(d) for d in docs]
    packaged = CorrectorConfig()
    overrides = {"calibrate": packaged.calibrate, "apply_threshold": packaged.apply_threshold}
    for held, corrector in bl.fold_correctors(docs, texts, overrides):
        for doc in held:
            for tier in TIERS:
                if tier == "gold":
                    gold = noisy = bl.read_clean(doc)
                else:
                    path = doc.ocr(tier)
                    if not path.is_file():
                        continue
                    gold = doc.gold.read_text(encoding="utf-8")
                    noisy = path.read_text(encoding="utf-8")
                score(corrector, tier, gold, noisy, counts)


def evaluation_sets(names: list[str], counts: Counter) -> None:  # type: ignore[type-arg]
    """The packaged corrector on evaluation sets, their clean texts included."""
    corrector = Corrector.default()
    for name in names:
        folder = ROOT / "corpora" / name
        for gold_path in sorted(folder.glob("*.txt")):
            gold = gold_path.read_text(encoding="utf-8")
            score(corrector, "gold", gold, gold, counts)
            for tier in TIERS[1:]:
                path = folder / "ocr" / tier / gold_path.name
                if path.is_file():
                    score(corrector, tier, gold, path.read_text(encoding="utf-8"), counts)


def main(argv: list[str] | None = None) -> int:
    """Score the rules' changes and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="", help="comma-separated evaluation sets instead")
    args = ap.parse_args(argv)
    counts: Counter[tuple[str, str, str]] = Counter()
    if args.sets:
        names = [n for n in args.sets.split(",") if n]
        evaluation_sets(names, counts)
        print("evaluation sets: " + ", ".join(names))
    else:
        cross_validation(counts)
        print("cross-validation over the train pool (out of fold)")
    print("rule           tier    applied (right)   suggested (right)")
    for rule in RULES:
        for tier in TIERS:
            a, s = counts[(rule, tier, "applied")], counts[(rule, tier, "suggested")]
            ar, sr = counts[(rule, tier, "applied_right")], counts[(rule, tier, "suggested_right")]
            print(f"{rule:14s} {tier:6s} {a:5d} ({ar:5d})      {s:5d} ({sr:5d})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
