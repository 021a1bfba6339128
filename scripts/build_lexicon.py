"""Build the OCR corrector's domain data from the dev corpus TRAIN split only.

Writes ``nlp/qararat/ocr/data/ngrams.tsv.gz`` (unigram and bigram counts of the clean train
documents). With ``--channel``, also aligns the OCR'd train documents in ``corpora/ocr/<tier>/``
with their clean originals and prints re-estimated edit costs (JSON) for review before they
are merged into ``data/channel.json``. Held-out documents and the sample resolution are never
read.

With ``--cv``, runs a 3-fold cross-validation over the TRAIN documents only (n-grams from two
folds, OCR'd documents of the third corrected and scored): the numbers the ranking parameters
were tuned on. ``--set name=value`` overrides a :class:`~qararat.ocr.CorrectorConfig` field.

Usage::

    .venv/bin/python scripts/build_lexicon.py
    .venv/bin/python scripts/build_lexicon.py --channel --tier fax
    .venv/bin/python scripts/build_lexicon.py --cv --tier fax --tier noisy --set apply_threshold=0.7
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path

from qararat.normalize import arabic_words, normalize, strip_diacritics
from qararat.ocr.channel import Channel, estimate_costs
from qararat.ocr.ngrams import BigramModel, count_ngrams, write_ngrams

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev"
OCR = ROOT / "corpora" / "ocr"
OUT = ROOT / "nlp" / "qararat" / "ocr" / "data" / "ngrams.tsv.gz"


def train_ids(split_path: Path) -> list[str]:
    """Document ids of the train split."""
    split = json.loads(split_path.read_text(encoding="utf-8"))
    return list(split["train"])


def read_clean(doc_id: str) -> str:
    """A clean train document, normalised like the pipeline's input."""
    return normalize((DEV / f"{doc_id}.txt").read_text(encoding="utf-8"))


def aligned_pairs(clean: str, noisy: str) -> list[tuple[str, str]]:
    """Word pairs (intended, observed) from aligning a clean text with its OCR output.

    Equal-length replaced blocks are paired word by word; other blocks are skipped (splits and
    merges are not edit-cost evidence).
    """
    a = [strip_diacritics(w) for _, _, w in arabic_words(clean)]
    b = [strip_diacritics(w) for _, _, w in arabic_words(noisy)]
    pairs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend((w, w) for w in a[i1:i2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            pairs.extend(zip(a[i1:i2], b[j1:j2], strict=True))
    return pairs


def cross_validate(
    ids: list[str], texts: list[str], tiers: list[str], overrides: dict[str, float], folds: int = 3
) -> None:
    """Print per-tier scores of a ``folds``-fold cross-validation over the train documents."""
    from qararat.ocr import Corrector, CorrectorConfig, Lexicon
    from qararat.ocr.lexicon import lead_forms, load_terms, terms_counts
    from qararat.ocr.metrics import CorrectionCounts, score_correction
    from qararat.spans import apply_corrections

    config = CorrectorConfig(**overrides)  # type: ignore[arg-type]
    totals = {tier: CorrectionCounts() for tier in tiers}
    terms, _ = load_terms()
    for k in range(folds):
        held = [i for n, i in enumerate(ids) if n % folds == k]
        rest = [t for n, t in enumerate(texts) if n % folds != k]
        uni, bi = count_ngrams(rest)
        domain = Counter(uni)
        domain.update(terms_counts(terms))
        domain.update(terms_counts(lead_forms()))
        lex = Lexicon.default(domain=domain)
        corrector = Corrector(lex, bigrams=BigramModel(bi, lex.logp), config=config)
        for tier in tiers:
            for doc_id in held:
                path = OCR / tier / f"{doc_id}.txt"
                if not path.is_file():
                    continue
                gold = (DEV / f"{doc_id}.txt").read_text(encoding="utf-8")
                noisy = path.read_text(encoding="utf-8")
                fixed = apply_corrections(noisy, corrector.correct(noisy))[0]
                totals[tier] = totals[tier] + score_correction(gold, noisy, fixed)
    for tier, c in totals.items():
        prec = c.edit_precision
        print(
            f"{tier:6s} words={c.words} wer {c.wer_before.rate:.4f}->{c.wer_after.rate:.4f} "
            f"reduction={c.wer_reduction:.3f} changes={c.changes} "
            f"precision={'-' if prec is None else f'{prec:.3f}'} fixed={c.fixed} "
            f"broken={c.broken} broken/5000={c.broken_per_5000:.2f} "
            f"recall={ {k: round(v, 2) for k, v in c.class_recall().items() if v is not None} }"
        )


def benchmark() -> None:
    """Print the corrector's load time and words/second on the sample and the dev corpus.

    Each text is corrected by a fresh process-level corrector once (cold: candidate and cost
    caches empty) and again (warm). Reading the sample here is measurement, not tuning.
    """
    import time

    from qararat.ocr import Corrector

    started = time.perf_counter()
    corrector = Corrector.default()
    print(f"load: {time.perf_counter() - started:.2f} s")
    sample = (ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt").read_text(encoding="utf-8")
    dev = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    fax = [p.read_text(encoding="utf-8") for p in sorted((OCR / "fax").glob("*.txt"))]
    for name, texts in (("sample", [sample]), ("dev clean", dev), ("dev fax OCR", fax)):
        words = sum(len(t.split()) for t in texts)
        for label in ("cold", "warm"):
            started = time.perf_counter()
            for t in texts:
                corrector.correct(t)
            seconds = time.perf_counter() - started
            print(
                f"{name:12s} {label}: {words} words in {seconds:.3f} s = {words / seconds:,.0f} w/s"
            )
        corrector = Corrector(corrector.lexicon.with_domain(Counter()), config=corrector.config)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", type=Path, default=DEV / "split.json")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--channel", action="store_true", help="estimate edit costs too")
    parser.add_argument("--tier", action="append", help="OCR tier(s) for --channel/--cv")
    parser.add_argument("--cv", action="store_true", help="cross-validate on the train split")
    parser.add_argument("--bench", action="store_true", help="measure words/second")
    parser.add_argument("--set", action="append", default=[], help="config override name=value")
    args = parser.parse_args(argv)
    if not args.split.is_file():
        print(f"{args.split}: no train/held-out split", file=sys.stderr)
        return 2
    if args.bench:
        benchmark()
        return 0
    ids = train_ids(args.split)
    texts = [read_clean(i) for i in ids]
    if args.cv:
        overrides = {
            k: (int(v) if v.isdigit() else float(v))
            for k, v in (item.split("=", 1) for item in args.set)
        }
        cross_validate(ids, texts, args.tier or ["clean", "fax", "noisy"], overrides)
        return 0
    uni, bi = count_ngrams(texts)
    write_ngrams(args.out, uni, bi)
    print(
        f"{len(ids)} train documents, {sum(uni.values())} words, {len(uni)} forms, "
        f"{len(bi)} bigrams -> {args.out.relative_to(ROOT)}"
    )
    if args.channel:
        tiers = args.tier or sorted(p.name for p in OCR.iterdir() if p.is_dir())
        pairs: list[tuple[str, str]] = []
        for tier in tiers:
            for doc_id, clean in zip(ids, texts, strict=True):
                path = OCR / tier / f"{doc_id}.txt"
                if path.is_file():
                    pairs.extend(aligned_pairs(clean, normalize(path.read_text("utf-8"))))
        wrong = Counter((i, o) for i, o in pairs if i != o)
        print(f"{len(pairs)} aligned words, {sum(wrong.values())} OCR errors", file=sys.stderr)
        costs = estimate_costs(pairs, Channel())
        print(json.dumps(costs, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
