"""Evaluate structure on resolutions laid out in the less common ways (``corpora/formats/``).

Lettered parts with their own numbering, section headings, annexes with a declaration, a
draft quoted in an operative paragraph, a Security Council resolution under Chapter VII. Each
text ``<name>.txt`` has a gold file ``<name>.tsv`` (``kind``, ``number``, ``part``,
``section``, ``label`` per paragraph) written with the text; the OCR'd copies under
``ocr/<tier>/`` come from ``scripts/make_ocr_corpus.py --src corpora/formats --out
corpora/formats/ocr``. The whole ``analyze`` pipeline runs (OCR correction, structure,
clauses); paragraphs are aligned to the gold in order, and a paragraph counts as found when
its kind, number, part and whether it has a section all agree. Prints one line per input.

    python scripts/eval_formats.py
"""

from __future__ import annotations

import csv
import difflib
import sys
from pathlib import Path

from qararat import analyze
from qararat.structure.textutil import match_key

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "corpora" / "formats"
TIERS = ("clean", "fax", "noisy")


def _part_key(part: str) -> str:
    """A part compared by its first word, folded ("المرفق", "باء"): OCR may damage the rest."""
    words = match_key(part).split()
    return words[0] if words else ""


def _rows(items: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str, str, bool]]:
    return [(k, n, _part_key(p), bool(s)) for k, n, p, s, _ in items]


def score(path: Path, gold_path: Path) -> dict[str, int]:
    """Counts for one text against its gold: gold paragraphs, found, labels right, extra."""
    with gold_path.open(encoding="utf-8", newline="") as fh:
        gold = [
            (r["kind"], r["number"], r["part"], r["section"], r["label"])
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
    res = analyze(path)
    pred = [
        (p.kind, p.number or "", p.part or "", p.section or "", p.label or "other")
        for p in res.paragraphs
    ]
    sm = difflib.SequenceMatcher(a=_rows(gold), b=_rows(pred), autojunk=False)
    found = labels = 0
    for block in sm.get_matching_blocks():
        for k in range(block.size):
            found += 1
            labels += gold[block.a + k][4] == pred[block.b + k][4]
    return {
        "gold": len(gold),
        "found": found,
        "labels": labels,
        "extra": len(pred) - found,
        "exact": int(found == len(gold) == len(pred)),
    }


def main() -> int:
    """Print the table."""
    golds = sorted(FORMATS.glob("*.tsv"))
    if not golds:
        print(f"no gold files in {FORMATS}", file=sys.stderr)
        return 2
    head = ("input", "docs", "exact", "paragraphs found", "labels right", "extra")
    print("{:8s} {:>4s} {:>5s} {:>17s} {:>13s} {:>5s}".format(*head))
    for tier in ("text", *TIERS):
        total = {"gold": 0, "found": 0, "labels": 0, "extra": 0, "exact": 0}
        n = 0
        for g in golds:
            folder = FORMATS if tier == "text" else FORMATS / "ocr" / tier
            src = folder / f"{g.stem}.txt"
            if not src.exists():
                continue
            n += 1
            for key, value in score(src, g).items():
                total[key] += value
        if not n:
            continue
        found = f"{total['found']}/{total['gold']} ({total['found'] / total['gold']:.1%})"
        labels = f"{total['labels']}/{total['gold']}"
        exact, extra = total["exact"], total["extra"]
        print(f"{tier:8s} {n:4d} {exact:5d} {found:>17s} {labels:>13s} {extra:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
