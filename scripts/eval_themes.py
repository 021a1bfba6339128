"""Evaluate theme tagging against the gold paragraph themes of the development corpus.

For each ``corpora/dev/<doc>.txt`` with ``corpora/dev/labels/<doc>.tsv`` (column ``themes``,
comma-separated), paragraphs come from ``qararat.structure.parse`` and are tagged with
``qararat.themes.tag_themes``. Documents whose parsed paragraphs do not line up with the gold
rows (count and kinds) are skipped and listed. Prints micro precision/recall/F1 over
(paragraph, theme) pairs for the ``train`` and ``heldout`` splits of ``split.json``, then a
per-theme table. Only the LABELS.md themes that the gold files use are scored; extra themes of
the taxonomy (``drugs``, ``terrorism`` …) are not in the gold and are ignored.

Usage: python scripts/eval_themes.py [--dev DIR] [--errors] [--split train|heldout|all]
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from qararat.structure import parse
from qararat.themes import tag_themes

ROOT = Path(__file__).resolve().parents[1]
GOLD_THEMES = {
    "trafficking", "women_girls", "children", "covid19", "technology", "migration_refugees",
    "forced_labour", "organ_removal", "supply_chains", "victims_protection", "criminal_justice",
    "international_cooperation", "funding", "data_research", "human_rights", "sdgs",
    "climate_environment", "disaster_risk", "health", "education", "disability",
    "armed_conflict", "humanitarian", "sexual_exploitation",
}


def read_gold(path: Path) -> list[tuple[str, set[str]]]:
    """``(kind, themes)`` per gold row."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (r["kind"], {t.strip() for t in (r.get("themes") or "").split(",") if t.strip()})
        for r in rows
    ]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> None:
    """Run the evaluation and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", type=Path, default=ROOT / "corpora" / "dev")
    parser.add_argument("--errors", action="store_true", help="list false positives/negatives")
    parser.add_argument("--split", choices=["train", "heldout", "all"], default="all")
    args = parser.parse_args()

    split = json.loads((args.dev / "split.json").read_text(encoding="utf-8"))
    per_split: dict[str, Counter[str]] = {}
    per_theme: dict[str, Counter[str]] = {}
    skipped = []
    for part in ("train", "heldout"):
        if args.split not in (part, "all"):
            continue
        counts: Counter[str] = Counter()
        for doc in split[part]:
            gold = read_gold(args.dev / "labels" / f"{doc}.tsv")
            text = (args.dev / f"{doc}.txt").read_text(encoding="utf-8")
            paragraphs = parse(text, doc_id=doc).paragraphs
            if len(paragraphs) != len(gold) or any(
                p.kind != g[0] for p, g in zip(paragraphs, gold, strict=True)
            ):
                skipped.append(f"{doc} ({len(paragraphs)} parsed, {len(gold)} gold)")
                continue
            for p, (_, expected) in zip(paragraphs, gold, strict=True):
                found = set(tag_themes(p.text)) & GOLD_THEMES
                for theme in found | expected:
                    tc = per_theme.setdefault(theme, Counter())
                    if theme in found and theme in expected:
                        outcome = "tp"
                    elif theme in found:
                        outcome = "fp"
                    else:
                        outcome = "fn"
                    counts[outcome] += 1
                    tc[f"{part}_{outcome}"] += 1
                    if args.errors and outcome != "tp":
                        print(f"{outcome.upper()} {theme:26} {doc}#{p.index}: {p.text[:110]}")
        per_split[part] = counts

    if skipped:
        print("skipped (paragraphs do not align with gold):", "; ".join(skipped))
    print("\n| split | pairs tp | fp | fn | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for part, c in per_split.items():
        p, r, f = _prf(c["tp"], c["fp"], c["fn"])
        print(f"| {part} | {c['tp']} | {c['fp']} | {c['fn']} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print("\n| theme | split | tp | fp | fn | P | R | F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for theme in sorted(per_theme):
        for part in per_split:
            tc = per_theme[theme]
            tp, fp, fn = tc[f"{part}_tp"], tc[f"{part}_fp"], tc[f"{part}_fn"]
            if tp + fp + fn:
                p, r, f = _prf(tp, fp, fn)
                print(f"| {theme} | {part} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")


if __name__ == "__main__":
    main()
