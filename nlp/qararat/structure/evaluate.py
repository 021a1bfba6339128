"""Score the parser against gold paragraph tables: ``python -m qararat.structure.evaluate``.

Usage::

    python -m qararat.structure.evaluate corpora/dev corpora/ocr/clean corpora/ocr/fax \\
        --labels corpora/dev/labels

For each folder, every ``<name>.txt`` that has a gold table ``<labels>/<name>.tsv`` (columns
``kind`` and ``number``, one row per paragraph, in order) is repaired with
:func:`~qararat.structure.references.reversed_number_corrections`, parsed, and compared:

* ``exact``: documents whose sequence of (kind, number) equals the gold sequence;
* ``count``: documents with the right number of paragraphs;
* ``paragraphs``: gold paragraphs matched by kind and number in an order-preserving alignment
  (difflib), over all gold paragraphs.

``--wrap N`` hard-wraps every text at ``N`` characters first (the last space before each
``N``-th column becomes a line break; blank lines stay), as an OCR engine's plain-text lines or
``pdftotext`` lay it out.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qararat.spans import apply_corrections
from qararat.structure.parser import parse
from qararat.structure.references import reversed_number_corrections


@dataclass
class Score:
    """Scores of one folder."""

    documents: int = 0
    exact: int = 0
    count: int = 0
    matched: int = 0
    gold: int = 0

    def row(self, name: str) -> str:
        """One line of the report table."""
        pct = 100 * self.matched / self.gold if self.gold else 0.0
        return (
            f"{name:<28} {self.documents:>4} {self.exact:>6} {self.count:>6} "
            f"{self.matched:>5}/{self.gold:<5} {pct:6.1f}%"
        )


def read_gold(path: Path) -> list[tuple[str, str | None]]:
    """Read a gold table: ``[(kind, number or None), …]``."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [(r["kind"], (r.get("number") or None)) for r in rows]


def wrap_text(text: str, width: int) -> str:
    """``text`` hard-wrapped at ``width`` characters in place: the last space before every
    ``width``-th column of a line becomes a line break (offsets do not move)."""
    out = list(text)
    col, last_space = 0, -1
    for i, ch in enumerate(text):
        if ch == "\n":
            col, last_space = 0, -1
            continue
        col += 1
        if ch == " ":
            last_space = i
        if col > width and last_space >= 0:
            out[last_space] = "\n"
            col, last_space = i - last_space, -1
    return "".join(out)


def score_folder(folder: Path, labels: Path, *, pipeline: bool = False, wrap: int = 0) -> Score:
    """Parse every labelled text in ``folder`` and compare it with its gold table.

    With ``pipeline``, the text is cleaned as :func:`qararat.analyze` cleans it (normalisation
    and OCR correction) instead of having only its reversed numbers repaired; with ``wrap``,
    it is first hard-wrapped at that many characters (:func:`wrap_text`).
    """
    from qararat.analysis import clean as clean_text

    s = Score()
    for path in sorted(folder.glob("*.txt")):
        gold_path = labels / f"{path.stem}.tsv"
        if not gold_path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if wrap:
            text = wrap_text(text, wrap)
        if pipeline:
            clean = clean_text(text)
        else:
            clean, _ = apply_corrections(text, reversed_number_corrections(text))
        got = [(p.kind, p.number) for p in parse(clean).paragraphs]
        gold = read_gold(gold_path)
        s.documents += 1
        s.exact += got == gold
        s.count += len(got) == len(gold)
        sm = difflib.SequenceMatcher(a=gold, b=got, autojunk=False)
        s.matched += sum(b.size for b in sm.get_matching_blocks())
        s.gold += len(gold)
    return s


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; return the exit status."""
    ap = argparse.ArgumentParser(prog="python -m qararat.structure.evaluate", description=__doc__)
    ap.add_argument("folders", nargs="+", type=Path, help="folders of <name>.txt documents")
    ap.add_argument("--labels", type=Path, required=True, help="folder of <name>.tsv tables")
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="clean each text as analyze() does (normalisation + OCR correction) before parsing",
    )
    ap.add_argument("--wrap", type=int, default=0, help="hard-wrap every text at N characters")
    args = ap.parse_args(argv)
    if not args.labels.is_dir():
        print(f"error: {args.labels}: not a folder", file=sys.stderr)
        return 2
    print(f"{'folder':<28} {'docs':>4} {'exact':>6} {'count':>6} {'paragraphs':>18}")
    for folder in args.folders:
        if not folder.is_dir():
            print(f"error: {folder}: not a folder", file=sys.stderr)
            return 2
        score = score_folder(folder, args.labels, pipeline=args.pipeline, wrap=args.wrap)
        print(score.row(str(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
