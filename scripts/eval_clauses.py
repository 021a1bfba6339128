"""Evaluate clause classification against gold labels.

For every labelled document of the development corpus (``corpora/dev/*.txt`` with
``corpora/dev/labels/<doc_id>.tsv``, split by ``corpora/dev/split.json``) and for the OCR sample
(expectations in ``tests/data/clauses_sample_A_RES_76_186.tsv``), paragraphs come from
``qararat.structure.parse`` and are annotated three ways: rules only, rules + fuzzy, rules +
fuzzy + model. Prints label accuracy for each, macro-F1, and precision/recall of modifiers,
secondary labels and addressees. The ``heldout+noise`` column re-runs the held-out documents
with seeded synthetic OCR noise on every paragraph's first words.

Usage: python scripts/eval_clauses.py [--dev DIR] [--json OUT] [--errors]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sklearn.metrics import f1_score

from qararat.clauses import ClauseConfig, annotate
from qararat.clauses.lexicon import fold
from qararat.clauses.synthetic import add_ocr_noise
from qararat.clauses.training import GoldRow, align, load_split, read_gold
from qararat.model import Resolution
from qararat.structure import parse

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt"
SAMPLE_GOLD = ROOT / "tests" / "data" / "clauses_sample_A_RES_76_186.tsv"
CONFIGS = {
    "rules": ClauseConfig(fuzzy=False, use_model=False),
    "rules+fuzzy": ClauseConfig(fuzzy=True, use_model=False),
    "rules+fuzzy+model": ClauseConfig(fuzzy=True, use_model=True),
}


@dataclass
class Tally:
    """Counts for one evaluation set."""

    n: int = 0
    correct: Counter = field(default_factory=Counter)
    y_true: list[str] = field(default_factory=list)
    y_pred: list[str] = field(default_factory=list)
    sources: Counter = field(default_factory=Counter)
    prf: dict[str, Counter] = field(default_factory=dict)
    lead_ok: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add_prf(self, what: str, pred: list[str], gold: list[str]) -> None:
        """Count multiset overlap of predicted and gold values."""
        c = self.prf.setdefault(what, Counter())
        p, g = Counter(pred), Counter(gold)
        c["tp"] += sum((p & g).values())
        c["pred"] += sum(p.values())
        c["gold"] += sum(g.values())


def _damage(res: Resolution, seed: int) -> Resolution:
    """Give every paragraph's first words synthetic OCR noise (seeded)."""
    rng = random.Random(seed)
    for p in res.paragraphs:
        p.text = add_ocr_noise(p.text, rng, rate=0.15, words=3)
    return res


def evaluate_doc(
    path: Path, gold: list[GoldRow], tally: Tally, *, doc_id: str, noise_seed: int | None = None
) -> None:
    """Annotate one document under each configuration and add it to ``tally``.

    With ``noise_seed``, the parsed paragraphs' leads are first damaged with synthetic OCR
    noise (the same damage for every configuration).
    """
    text = path.read_text(encoding="utf-8")
    results = {}
    for name, cfg in CONFIGS.items():
        res = parse(text, doc_id=doc_id, source=str(path))
        if noise_seed is not None:
            res = _damage(res, noise_seed)
        results[name] = annotate(res, config=cfg)
    try:
        pairs = {name: align(r.paragraphs, gold) for name, r in results.items()}
    except ValueError as err:
        tally.skipped.append(f"{doc_id}: {err}")
        return
    for name, prs in pairs.items():
        for p, g in prs:
            tally.correct[name] += p.label == g.label
    for p, g in pairs["rules+fuzzy+model"]:
        tally.n += 1
        tally.y_true.append(g.label)
        tally.y_pred.append(p.label or "other")
        tally.sources[p.label_source] += 1
        tally.lead_ok += fold(p.lead or "") == fold(g.lead)
        tally.add_prf("modifiers", p.modifiers, g.modifiers)
        tally.add_prf("secondary_labels", p.secondary_labels, g.secondary)
        tally.add_prf("addressees", p.addressees, g.addressees)
        diffs = []
        if p.label != g.label:
            diffs.append(f"label {p.label}/{g.label} ({p.label_source})")
        if sorted(p.modifiers) != sorted(g.modifiers):
            diffs.append(f"mods {p.modifiers}/{g.modifiers}")
        if sorted(p.secondary_labels) != sorted(g.secondary):
            diffs.append(f"secondary {p.secondary_labels}/{g.secondary}")
        if sorted(p.addressees) != sorted(g.addressees):
            diffs.append(f"addressees {p.addressees}/{g.addressees}")
        if diffs:
            where = f"{doc_id} #{p.index} {p.kind} {p.number or ''}".strip()
            tally.errors.append(f"{where}: {'; '.join(diffs)} | {p.text[:70]}")


def summary(tally: Tally) -> dict:
    """Figures of one evaluation set as plain data."""
    out: dict = {"paragraphs": tally.n}
    for name in CONFIGS:
        out[f"accuracy[{name}]"] = round(tally.correct[name] / tally.n, 4) if tally.n else None
    if tally.n:
        out["macro_f1"] = round(
            f1_score(tally.y_true, tally.y_pred, average="macro", zero_division=0), 4
        )
        out["lead_exact"] = round(tally.lead_ok / tally.n, 4)
    for what, c in tally.prf.items():
        out[f"{what}_precision"] = round(c["tp"] / c["pred"], 4) if c["pred"] else None
        out[f"{what}_recall"] = round(c["tp"] / c["gold"], 4) if c["gold"] else None
    out["label_sources"] = dict(tally.sources)
    if tally.skipped:
        out["skipped"] = tally.skipped
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print a table (and optionally JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT / "corpora" / "dev")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--errors", action="store_true", help="list paragraphs that disagree")
    ap.add_argument(
        "--noise-runs", type=int, default=3, help="seeded OCR-noise passes over held-out docs"
    )
    args = ap.parse_args(argv)

    split = load_split(args.dev)
    sets: dict[str, Tally] = {
        "train": Tally(),
        "heldout": Tally(),
        "heldout+noise": Tally(),
        "sample": Tally(),
    }
    for which in ("train", "heldout"):
        for doc_id in split[which]:
            path = args.dev / f"{doc_id}.txt"
            gold = read_gold(args.dev / "labels" / f"{doc_id}.tsv")
            evaluate_doc(path, gold, sets[which], doc_id=doc_id)
            if which == "heldout":
                for seed in range(args.noise_runs):
                    evaluate_doc(path, gold, sets["heldout+noise"], doc_id=doc_id, noise_seed=seed)
    if SAMPLE.is_file() and SAMPLE_GOLD.is_file():
        evaluate_doc(SAMPLE, read_gold(SAMPLE_GOLD), sets["sample"], doc_id=SAMPLE.stem)

    report = {name: summary(t) for name, t in sets.items()}
    skip = ("label_sources", "skipped")
    keys = list(dict.fromkeys(k for r in report.values() for k in r if k not in skip))
    print(f"{'metric':34s}" + "".join(f"{n:>14s}" for n in report))
    for k in keys:
        cells = []
        for r in report.values():
            v = r.get(k)
            cells.append(f"{'—' if v is None else v:>14}")
        print(f"{k:34s}" + "".join(cells))
    for name, r in report.items():
        print(f"{name}: label sources {r['label_sources']}")
        for s in r.get("skipped", []):
            print(f"{name}: skipped {s}", file=sys.stderr)
    if args.errors:
        for name, t in sets.items():
            for e in t.errors:
                print(f"[{name}] {e}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
