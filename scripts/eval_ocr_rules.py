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
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_lexicon as bl  # noqa: E402
from train_ocr_calibrator import Lines, is_right  # noqa: E402

from qararat.ocr import Corrector, CorrectorConfig  # noqa: E402

RULES = ("clause_opener", "lead_verb")
TIERS = ("gold", "clean", "fax", "noisy")


def score(corrector: Corrector, tier: str, gold: str, noisy: str, counts: Counter) -> None:  # type: ignore[type-arg]
    """Add the rules' changes on one text to ``counts`` (rule, tier, state[_right])."""
    lines = Lines(gold, noisy)
    for c in corrector.correct(noisy):
        if c.rule not in RULES:
            continue
        s = lines.alone(c)
        if s is None:
            continue
        state = "applied" if c.applied else "suggested"
        counts[(c.rule, tier, state)] += 1
        if is_right(s):
            counts[(c.rule, tier, state + "_right")] += 1


def cross_validation(counts: Counter) -> None:  # type: ignore[type-arg]
    """The held folds of the train pool, at every tier and as clean text."""
    docs = bl.train_docs(bl.DEV / "split.json", context="pool")
    texts = [bl.read_clean(d) for d in docs]
    packaged = CorrectorConfig()
    overrides = {"calibrate": packaged.calibrate, "apply_threshold": packaged.apply_threshold}
    for held, corrector in bl.fold_correctors(docs, texts, overrides):
        for doc in held:
            for tier, gold, noisy in bl.held_texts(doc, TIERS):
                score(corrector, tier, gold, noisy, counts)


def evaluation_sets(names: list[str], counts: Counter) -> None:  # type: ignore[type-arg]
    """The packaged corrector on evaluation sets, their clean texts included."""
    corrector = Corrector.default()
    for name in names:
        for _doc_id, tier, gold, noisy in bl.set_texts(name, TIERS):
            score(corrector, tier, gold, noisy, counts)


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
