"""Evaluate OCR correction on the development corpus and on the real sample resolution.

For every tier in ``corpora/ocr/`` (``clean``, ``fax``, ``noisy``) and for the train and
held-out documents of ``corpora/dev/split.json`` separately (and for each ``corpora/unseen*/``
folder, texts written after the tuning, OCR'd into ``<folder>/ocr/<tier>/``), each system
corrects the noisy text and is scored against the gold text with :mod:`qararat.ocr.metrics`:
WER/CER before and after (letters-only and all characters), edit precision, broken words per
5,000 words and recall per confusion class. The systems are

* ``baseline``: :class:`qararat.ocr.baseline.SymSpellBaseline` over wordfreq's Arabic list;
* ``qararat``: ``qararat.ocr.Corrector.default()`` (skipped with a message if not importable);
* ``qararat-clean``: what ``qararat clean`` writes, :func:`qararat.clean`: the normalisation
  steps first (Persian letters, a lone "و" joined, numbers stored in visual order turned), then
  the corrector.

The real sample ``corpora/A_RES_76_186_ar_ocr.txt`` is scored against
``corpora/sample_gold/A_RES_76_186_ar.txt``. Results are printed, written as JSON
(``docs/evaluation_results.json``) and as Markdown between the result markers of
``docs/evaluation.md``.

Usage::

    .venv/bin/python scripts/eval_ocr.py
    .venv/bin/python scripts/eval_ocr.py --systems qararat --tiers fax --no-write
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from qararat.ocr.metrics import CONFUSION_CLASSES, CorrectionCounts, score_correction

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
DOCS = ROOT / "docs"
TIERS = ("clean", "fax", "noisy")
SAMPLE_NOISY = CORPORA / "A_RES_76_186_ar_ocr.txt"
SAMPLE_GOLD = CORPORA / "sample_gold" / "A_RES_76_186_ar.txt"
START_MARK = "<!-- eval_ocr:start -->"
END_MARK = "<!-- eval_ocr:end -->"

# Targets the qararat corrector is judged against (tier -> checks).
TARGETS = {
    "fax": "relative WER reduction >= 60% at edit precision >= 0.95",
    "noisy": "relative WER reduction >= 50%",
    "clean": "<= 2 broken words per 5,000",
}

Fixer = Callable[[str], str]


def build_baseline() -> tuple[Fixer, dict[str, float]]:
    """Build the SymSpell baseline and report its build statistics."""
    from qararat.ocr.baseline import SymSpellBaseline

    spell = SymSpellBaseline.from_wordfreq()
    stats = spell.build_stats_
    return spell.correct, {
        "build_seconds": stats.seconds,
        "index_words": stats.words,
        "index_deletes": stats.deletes,
    }


def build_qararat() -> tuple[Fixer, dict[str, float]]:
    """Build qararat's corrector; raises ImportError/AttributeError if it is not there."""
    from qararat.ocr import Corrector
    from qararat.spans import apply_corrections

    started = time.perf_counter()
    corrector = Corrector.default()
    seconds = time.perf_counter() - started

    def fix(text: str) -> str:
        return apply_corrections(text, corrector.correct(text))[0]

    return fix, {"build_seconds": seconds}


def build_pipeline() -> tuple[Fixer, dict[str, float]]:
    """What ``qararat clean`` writes: the normalisation steps (Persian letters, a lone "و"
    joined, reversed numbers…) and then the corrector."""
    import qararat

    started = time.perf_counter()
    qararat.clean("")  # load the corrector once, outside the timing of the texts
    return qararat.clean, {"build_seconds": time.perf_counter() - started}


BUILDERS: dict[str, Callable[[], tuple[Fixer, dict[str, float]]]] = {
    "baseline": build_baseline,
    "qararat": build_qararat,
    "qararat-clean": build_pipeline,
}


def read(path: Path) -> str:
    """Read a UTF-8 text file."""
    return path.read_text(encoding="utf-8")


def evaluate(
    fix: Fixer, pairs: list[tuple[str, str]]
) -> tuple[CorrectionCounts, float]:
    """Correct each noisy text and add up the scores.

    Args:
        fix: The system, noisy text -> corrected text.
        pairs: (gold, noisy) texts.

    Returns:
        Summed counts and the seconds spent correcting.
    """
    total = CorrectionCounts()
    seconds = 0.0
    for gold, noisy in pairs:
        started = time.perf_counter()
        corrected = fix(noisy)
        seconds += time.perf_counter() - started
        total = total + score_correction(gold, noisy, corrected)
    return total, seconds


def fmt(value: float | None, percent: bool = True) -> str:
    """Format a rate for the tables."""
    if value is None:
        return "–"
    return f"{100 * value:.1f}" if percent else f"{value:.2f}"


HEADER = (
    "| system | words | WER before | WER after | rel. WER red. | CER before | CER after "
    "| WER all before | WER all after | CER all before | CER all after | edit precision "
    "| fixed | broken | broken/5k | "
    + " | ".join(f"recall {c}" for c in CONFUSION_CLASSES)
    + " |"
)


def row(system: str, counts: CorrectionCounts) -> str:
    """One Markdown table row (rates in %, recall with error counts)."""
    recall = counts.class_recall()
    cells = [
        system,
        str(counts.words),
        fmt(counts.wer_before.rate),
        fmt(counts.wer_after.rate),
        fmt(counts.wer_reduction),
        fmt(counts.cer_before.rate),
        fmt(counts.cer_after.rate),
        fmt(counts.wer_all_before.rate),
        fmt(counts.wer_all_after.rate),
        fmt(counts.cer_all_before.rate),
        fmt(counts.cer_all_after.rate),
        fmt(counts.edit_precision, percent=False),
        str(counts.fixed),
        str(counts.broken),
        f"{counts.broken_per_5000:.1f}",
    ]
    cells += [
        f"{fmt(recall[c])} ({counts.class_errors.get(c, 0)})" for c in CONFUSION_CLASSES
    ]
    return "| " + " | ".join(cells) + " |"


def target_verdict(tier: str, counts: CorrectionCounts) -> str | None:
    """PASS/FAIL line for the qararat corrector on a tier, if the tier has a target."""
    if tier == "fax":
        ok = counts.wer_reduction >= 0.60 and (counts.edit_precision or 0.0) >= 0.95
    elif tier == "noisy":
        ok = counts.wer_reduction >= 0.50
    elif tier == "clean":
        ok = counts.broken_per_5000 <= 2.0
    else:
        return None
    return f"{'PASS' if ok else 'FAIL'}: {TARGETS[tier]}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiers", nargs="+", default=list(TIERS), choices=TIERS)
    parser.add_argument("--systems", nargs="+", default=list(BUILDERS), choices=list(BUILDERS))
    parser.add_argument(
        "--parts",
        nargs="+",
        metavar="PART",
        help="score only these parts (train, heldout, unseen, unseen2 …); implies --no-write",
    )
    parser.add_argument("--no-sample", action="store_true", help="skip the sample resolution")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--json", type=Path, default=DOCS / "evaluation_results.json")
    parser.add_argument("--markdown", type=Path, default=DOCS / "evaluation.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation, print the tables and write the result files."""
    args = parse_args(argv)
    if args.parts:
        args.no_write = True  # a partial table never replaces the full one
    split = json.loads(read(CORPORA / "dev" / "split.json"))
    systems: dict[str, Fixer] = {}
    system_info: dict[str, dict[str, float]] = {}
    for name in args.systems:
        try:
            systems[name], system_info[name] = BUILDERS[name]()
        except (ImportError, AttributeError) as error:
            print(f"note: skipping {name}: not available yet ({error})", file=sys.stderr)
    if not systems:
        print("error: no system to evaluate", file=sys.stderr)
        return 2

    results: dict[str, object] = {"systems": system_info, "tiers": {}, "sample": {}}
    speed = {name: [0, 0.0] for name in systems}  # words corrected, seconds
    lines: list[str] = []
    for tier in args.tiers:
        tier_dir = CORPORA / "ocr" / tier
        if not tier_dir.is_dir():
            print(f"note: no {tier_dir}; run scripts/make_ocr_corpus.py", file=sys.stderr)
            continue
        tier_results: dict[str, object] = {}
        parts: dict[str, list[tuple[Path, Path]]] = {
            part: [
                (CORPORA / "dev" / f"{d}.txt", tier_dir / f"{d}.txt")
                for d in split[part]
                if (tier_dir / f"{d}.txt").exists()
            ]
            for part in ("train", "heldout")
        }
        for folder in sorted(CORPORA.glob("unseen*")):
            unseen = [
                (g, folder / "ocr" / tier / g.name)
                for g in sorted(folder.glob("*.txt"))
                if (folder / "ocr" / tier / g.name).exists()
            ]
            if unseen:
                parts[folder.name] = unseen
        if args.parts:
            parts = {k: v for k, v in parts.items() if k in args.parts}
        for part, paths in parts.items():
            pairs = [(read(g), read(n)) for g, n in paths]
            lines += ["", f"### Tier `{tier}`, {part} ({len(paths)} documents)", "", HEADER]
            lines.append("|" + "---|" * (HEADER.count("|") - 1))
            part_results: dict[str, object] = {}
            verdicts: list[str] = []
            for name, fix in systems.items():
                counts, seconds = evaluate(fix, pairs)
                speed[name][0] += counts.words
                speed[name][1] += seconds
                lines.append(row(name, counts))
                part_results[name] = counts.to_dict() | {
                    "seconds": seconds,
                    "words_per_second": counts.words / seconds if seconds else None,
                }
                verdict = target_verdict(tier, counts) if name == "qararat" else None
                if verdict:
                    verdicts.append(f"qararat, {tier}/{part}: {verdict}")
            lines += [""] + [f"- {v}" for v in verdicts]
            tier_results[part] = part_results
        results["tiers"][tier] = tier_results  # type: ignore[index]

    if not args.no_sample and SAMPLE_GOLD.exists():
        gold, noisy = read(SAMPLE_GOLD), read(SAMPLE_NOISY)
        lines += ["", "### Real sample: A/RES/76/186 (OCR as received)", "", HEADER]
        lines.append("|" + "---|" * (HEADER.count("|") - 1))
        for name, fix in systems.items():
            counts, seconds = evaluate(fix, [(gold, noisy)])
            lines.append(row(name, counts))
            results["sample"][name] = counts.to_dict() | {"seconds": seconds}  # type: ignore[index]

    lines += ["", "Rates in %; recall columns give the number of gold→noisy errors in brackets."]
    for name, info in system_info.items():
        words, seconds = speed[name]
        rate = f", corrects {words / seconds:,.0f} words/s" if seconds else ""
        lines.append(f"- `{name}`: built in {info.get('build_seconds', 0.0):.1f} s{rate}")
    table = "\n".join(lines).strip() + "\n"
    print(table)
    if not args.no_write:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
        if args.markdown.exists():
            text = read(args.markdown)
            if START_MARK in text and END_MARK in text:
                head, rest = text.split(START_MARK, 1)
                tail = rest.split(END_MARK, 1)[1]
                args.markdown.write_text(
                    f"{head}{START_MARK}\n{table}{END_MARK}{tail}", encoding="utf-8"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
