"""OCR correction on hard-wrapped text against the same text with one paragraph per line.

An OCR engine's plain-text output (Tesseract's lines) and ``pdftotext`` wrap paragraphs at the
page's width; our OCR tiers keep one paragraph per line. This script wraps every OCR'd train
document at a fixed width by turning spaces into line breaks (the text keeps its length, so
the corrections of the wrapped text apply to the unwrapped one and are scored against the same
gold lines), and corrects both layouts with the pooled cross-validation correctors of
``scripts/build_lexicon.py --cv --context pool`` (out of fold, raw posterior at 0.75).

    python scripts/eval_ocr_layout.py [--width 80] [--tier fax] [--lines-only]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_lexicon as bl  # noqa: E402

from qararat.ocr.metrics import score_correction, word_error_counts  # noqa: E402
from qararat.spans import apply_corrections  # noqa: E402
from qararat.structure.evaluate import wrap_text  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Print one row per tier and layout."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=80, help="wrap width in characters")
    ap.add_argument("--tier", action="append", help="OCR tier(s) (default: all three)")
    ap.add_argument(
        "--lines-only",
        action="store_true",
        help="read every line break as a paragraph's end (read_through_wraps off: as before)",
    )
    args = ap.parse_args(argv)
    overrides = {"read_through_wraps": False} if args.lines_only else {}
    tiers = args.tier or ["clean", "fax", "noisy"]
    docs = bl.train_docs(bl.DEV / "split.json", context="pool")
    texts = [bl.read_clean(d) for d in docs]
    totals: dict[tuple[str, str], list[int]] = {}
    for held, corrector in bl.fold_correctors(docs, texts, overrides):
        for doc in held:
            for tier in tiers:
                path = doc.ocr(tier)
                if not path.is_file():
                    continue
                gold = doc.gold.read_text(encoding="utf-8")
                noisy = path.read_text(encoding="utf-8")
                wrapped = wrap_text(noisy, args.width)
                for layout, source in (("one paragraph per line", noisy), ("wrapped", wrapped)):
                    fixed = apply_corrections(noisy, corrector.correct(source))[0]
                    s = score_correction(gold, noisy, fixed)
                    row = totals.setdefault((tier, layout), [0, 0, 0, 0, 0])
                    row[0] += s.changes
                    row[1] += s.fixed
                    row[2] += s.broken
                    row[3] += word_error_counts(gold, noisy).errors
                    row[4] += word_error_counts(gold, fixed).errors
    print(f"wrap width {args.width}; pooled cross-validation over the train split")
    head = ("tier", "layout", "changes", "fixed", "broken", "word errors")
    print("{:<6} {:<24} {:>8} {:>6} {:>6} {:>16}".format(*head))
    for (tier, layout), (changes, fixed, broken, before, after) in totals.items():
        print(
            f"{tier:<6} {layout:<24} {changes:>8} {fixed:>6} {broken:>6} {before:>7} -> {after:<6}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
