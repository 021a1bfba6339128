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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from qararat.normalize import arabic_words, normalize, strip_diacritics
from qararat.ocr.channel import Channel, estimate_costs
from qararat.ocr.ngrams import BigramModel, count_ngrams, count_trigrams, write_ngrams

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev"
OCR = ROOT / "corpora" / "ocr"
CONTEXT = ROOT / "corpora" / "context"
OUT = ROOT / "nlp" / "qararat" / "ocr" / "data" / "ngrams.tsv.gz"


@dataclass(frozen=True)
class TrainDoc:
    """One train document: its clean text and the folder holding its OCR tiers."""

    doc_id: str
    gold: Path
    ocr_root: Path
    #: Only ever on the n-gram side of a cross-validation (never corrected and scored).
    ngrams_only: bool = False

    def ocr(self, tier: str) -> Path:
        """Path of this document's OCR output at ``tier`` (may not exist)."""
        return self.ocr_root / tier / f"{self.doc_id}.txt"


def train_ids(split_path: Path) -> list[str]:
    """Document ids of the dev train split."""
    split = json.loads(split_path.read_text(encoding="utf-8"))
    return list(split["train"])


def train_docs(split_path: Path, *, context: str = "ngrams") -> list[TrainDoc]:
    """The train pool: the dev train split, then the texts of ``corpora/context``.

    The context texts are clean resolutions written for the project as training text; they
    are never labelled, and never part of any held-out evaluation. Their OCR tiers are in
    ``corpora/context/ocr/<tier>/``. ``context`` is ``"ngrams"`` (they only add n-gram
    counts, also in cross-validation: the dev train documents alone are scored), ``"pool"``
    (they join the cross-validation folds and are scored too) or ``"none"``.
    """
    docs = [TrainDoc(i, DEV / f"{i}.txt", OCR) for i in train_ids(split_path)]
    if context != "none" and CONTEXT.is_dir():
        docs += [
            TrainDoc(p.stem, p, CONTEXT / "ocr", ngrams_only=context == "ngrams")
            for p in sorted(CONTEXT.glob("*.txt"))
        ]
    return docs


def read_clean(doc: TrainDoc) -> str:
    """A clean train document, normalised like the pipeline's input."""
    return normalize(doc.gold.read_text(encoding="utf-8"))


def held_texts(doc: TrainDoc, tiers: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """``(tier, gold, noisy)`` for each of ``tiers`` that ``doc`` has; the tier ``"gold"`` is
    the clean text itself (every change there is a false alarm)."""
    for tier in tiers:
        if tier == "gold":
            clean = read_clean(doc)
            yield tier, clean, clean
            continue
        path = doc.ocr(tier)
        if path.is_file():
            yield tier, doc.gold.read_text(encoding="utf-8"), path.read_text(encoding="utf-8")


def set_texts(name: str, tiers: tuple[str, ...]) -> Iterator[tuple[str, str, str, str]]:
    """``(doc_id, tier, gold, noisy)`` of an evaluation set ``corpora/<name>/`` (gold texts,
    OCR in ``ocr/<tier>/``); the tier ``"gold"`` is the clean text itself."""
    folder = ROOT / "corpora" / name
    for gold_path in sorted(folder.glob("*.txt")):
        gold = gold_path.read_text(encoding="utf-8")
        for tier in tiers:
            if tier == "gold":
                yield gold_path.stem, tier, gold, gold
                continue
            path = folder / "ocr" / tier / gold_path.name
            if path.is_file():
                yield gold_path.stem, tier, gold, path.read_text(encoding="utf-8")


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


def wrong_changes(gold: str, noisy: str, fixed: str) -> list[tuple[str, str, str]]:
    """The corrector's changes whose result is not the gold text: ``(noisy, fixed, gold)``."""
    from qararat.ocr.metrics import align, tokenize

    out: list[tuple[str, str, str]] = []
    for g, n, f in zip(gold.split("\n"), noisy.split("\n"), fixed.split("\n"), strict=False):
        ref, before, after = tokenize(g), tokenize(n), tokenize(f)
        right = {j for b in align(ref, after) if b.tag == "equal" for j in range(b.j1, b.j2)}
        for b in align(before, after):
            if b.tag != "equal" and b.j1 < b.j2 and not all(j in right for j in range(b.j1, b.j2)):
                out.append((" ".join(before[b.i1 : b.i2]), " ".join(after[b.j1 : b.j2]), g))
    return out


def fold_correctors(  # type: ignore[no-untyped-def]
    docs: list[TrainDoc], texts: list[str], overrides: dict[str, float], folds: int = 3
):
    """Yield ``(held-out docs, corrector)`` per fold: n-grams and lexicon from the other folds.

    The correctors rank without the confidence calibration and apply at the raw posterior's
    threshold, 0.75 (override with ``calibrate``/``apply_threshold``): the packaged calibration
    was fitted on these folds' own decisions, so using it here would score it on its training
    data. This is the ranking's cross-validation; ``scripts/train_ocr_calibrator.py`` reports
    the calibrated decisions out of fold.
    """
    from qararat.ocr import Corrector, CorrectorConfig, Lexicon
    from qararat.ocr.lexicon import lead_forms, load_terms, terms_counts

    config = CorrectorConfig(**{"calibrate": False, "apply_threshold": 0.75, **overrides})  # type: ignore[arg-type]
    terms, _ = load_terms()
    # fold of each scored document; n-gram-only documents are on the train side of every fold
    fold = {}
    for d in docs:
        if not d.ngrams_only:
            fold[d.doc_id] = len(fold) % folds
    for k in range(folds):
        held = [d for d in docs if fold.get(d.doc_id, -1) == k]
        rest = [t for d, t in zip(docs, texts, strict=True) if fold.get(d.doc_id, -1) != k]
        uni, bi = count_ngrams(rest)
        domain = Counter(uni)
        domain.update(terms_counts(terms))
        domain.update(terms_counts(lead_forms()))
        lex = Lexicon.default(domain=domain)
        model = BigramModel(bi, lex.logp, trigrams=count_trigrams(rest))
        yield held, Corrector(lex, bigrams=model, config=config)


#: Residual error types of :func:`residual_report`, in report order.
RESIDUAL_TYPES = (
    "dropped_line",
    "dropped_words",
    "garbled",
    "noise_tokens",
    "split_merge",
    "real_word",
    "nonword_1",
    "nonword_2plus",
    "other",
)


def _letter_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def classify_residuals(gold: str, noisy: str, fixed: str, is_valid) -> Counter[str]:  # type: ignore[no-untyped-def]
    """Word errors left in ``fixed`` (letters-only, per line), counted by type.

    ``dropped_line``/``dropped_words``: gold words with nothing in the OCR output (no word-level
    corrector can restore them); ``garbled``: gold words whose OCR is a run of stray letters;
    ``noise_tokens``: extra tokens with no gold word; ``split_merge``: the right letters with a
    space too many or too few; ``real_word``: a valid word in place of another; ``nonword_1``
    and ``nonword_2plus``: a non-word one or more letter edits away; ``other``: the rest.
    """
    from qararat.ocr.metrics import align, tokenize

    out: Counter[str] = Counter()
    for g, n, f in zip(gold.split("\n"), noisy.split("\n"), fixed.split("\n"), strict=False):
        ref, hyp = tokenize(g), tokenize(f)
        if ref and not tokenize(n):
            out["dropped_line"] += len(ref)
            continue
        for b in align(ref, hyp):
            if b.tag == "equal":
                continue
            gw, hw = ref[b.i1 : b.i2], hyp[b.j1 : b.j2]
            if not hw:
                out["dropped_words"] += len(gw)
            elif not gw:
                out["noise_tokens"] += len(hw)
            elif "".join(gw) == "".join(hw):
                out["split_merge"] += max(len(gw), len(hw))
            elif len(gw) == 1 and len(hw) == 1:
                dist = _letter_distance(gw[0], hw[0])
                if is_valid(hw[0]):
                    out["real_word"] += 1
                elif dist == 1:
                    out["nonword_1"] += 1
                elif dist <= max(2, len(gw[0]) // 2):
                    out["nonword_2plus"] += 1
                else:
                    out["garbled"] += 1
            elif sum(len(w) <= 1 for w in hw) * 2 >= len(hw) or len(hw) >= 3 * len(gw):
                out["garbled"] += len(gw)
                out["noise_tokens"] += max(0, len(hw) - len(gw))
            else:
                out["other"] += max(len(gw), len(hw))
    return out


def unrecoverable(gold: str, noisy: str) -> int:
    """Gold words that the OCR output lost or buried in stray letters (before correction)."""
    lost = classify_residuals(gold, noisy, noisy, lambda w: True)
    return lost["dropped_line"] + lost["dropped_words"] + lost["garbled"]


def residual_report(docs: list[TrainDoc], texts: list[str], tiers: list[str]) -> None:
    """Print what the word errors left after correction are, per tier (3-fold CV, train only),
    and the WER reduction restricted to the errors a word-level corrector can remove."""
    from qararat.ocr.metrics import word_error_counts
    from qararat.spans import apply_corrections

    found = {tier: Counter() for tier in tiers}  # type: ignore[var-annotated]
    found_before = {tier: Counter() for tier in tiers}  # type: ignore[var-annotated]
    before = dict.fromkeys(tiers, 0)
    after = dict.fromkeys(tiers, 0)
    lost = dict.fromkeys(tiers, 0)
    words = dict.fromkeys(tiers, 0)
    for held, corrector in fold_correctors(docs, texts, {}):
        for tier in tiers:
            for doc in held:
                path = doc.ocr(tier)
                if not path.is_file():
                    continue
                gold = doc.gold.read_text(encoding="utf-8")
                noisy = path.read_text(encoding="utf-8")
                fixed = apply_corrections(noisy, corrector.correct(noisy))[0]
                valid = corrector.lexicon.is_valid
                found[tier] += classify_residuals(gold, noisy, fixed, valid)
                found_before[tier] += classify_residuals(gold, noisy, noisy, valid)
                wb, wa = word_error_counts(gold, noisy), word_error_counts(gold, fixed)
                before[tier] += wb.errors
                after[tier] += wa.errors
                words[tier] += wb.length
                lost[tier] += unrecoverable(gold, noisy)
    for tier in tiers:
        n = words[tier]
        recoverable = (before[tier] - after[tier]) / max(1, before[tier] - lost[tier])
        print(
            f"{tier}: {n} gold words, word errors {before[tier]} -> {after[tier]} "
            f"(reduction {1 - after[tier] / max(1, before[tier]):.1%}); unrecoverable "
            f"(dropped or garbled by the OCR engine) {lost[tier]} = "
            f"{lost[tier] / max(1, before[tier]):.1%} of the errors; reduction of the "
            f"recoverable ones {recoverable:.1%}"
        )
        print(f"  {'type':14s} {'before':>7s} {'after':>7s}  (word errors; % of gold words)")
        for kind in RESIDUAL_TYPES:
            b, k = found_before[tier][kind], found[tier][kind]
            print(f"  {kind:14s} {b:7d} {k:7d}  {b / max(1, n):6.2%} -> {k / max(1, n):6.2%}")


def noise_split_report(split_path: Path, part: str, tiers: list[str]) -> None:
    """Score the packaged corrector on one split's OCR, with noise deletions shown apart.

    Measurement only (nothing is tuned here): the edit precision of all changes (as
    ``scripts/eval_ocr.py`` counts it), the precision of word corrections alone (scored from
    the de-noised text), and how many noise deletions were applied.
    """
    from qararat.ocr import Corrector
    from qararat.ocr.metrics import CorrectionCounts, score_correction
    from qararat.spans import apply_corrections

    split = json.loads(split_path.read_text(encoding="utf-8"))
    corrector = Corrector.default()
    for tier in tiers:
        total, words_only, deletions, lost = CorrectionCounts(), CorrectionCounts(), 0, 0
        for doc_id in split[part]:
            path = OCR / tier / f"{doc_id}.txt"
            if not path.is_file():
                continue
            gold = (DEV / f"{doc_id}.txt").read_text(encoding="utf-8")
            noisy = path.read_text(encoding="utf-8")
            corrections = [c for c in corrector.correct(noisy) if c.applied]
            noise = [c for c in corrections if c.rule == "noise"]
            deletions += len(noise)
            fixed = apply_corrections(noisy, corrections)[0]
            total = total + score_correction(gold, noisy, fixed)
            denoised = apply_corrections(noisy, noise)[0]
            words_only = words_only + score_correction(gold, denoised, fixed)
            lost += unrecoverable(gold, noisy)
        before, after = total.wer_before.errors, total.wer_after.errors
        print(
            f"{tier}/{part}: WER {total.wer_before.rate:.4f}->{total.wer_after.rate:.4f} "
            f"reduction={total.wer_reduction:.3f} precision(all changes)="
            f"{total.edit_precision or 0:.3f} noise deletions={deletions} "
            f"precision(word corrections)={words_only.edit_precision or 0:.3f} "
            f"broken={total.broken} unrecoverable={lost}/{before} errors, reduction of the "
            f"recoverable ones={(before - after) / max(1, before - lost):.3f}"
        )


def cross_validate(
    docs: list[TrainDoc],
    texts: list[str],
    tiers: list[str],
    overrides: dict[str, float],
    folds: int = 3,
    *,
    show_wrong: bool = False,
) -> None:
    """Print per-tier scores of a ``folds``-fold cross-validation over the train documents."""
    from qararat.ocr.metrics import CorrectionCounts, score_correction
    from qararat.spans import apply_corrections

    totals = {tier: CorrectionCounts() for tier in tiers}
    # The same documents scored from their de-noised text: precision of word corrections alone.
    words_only = {tier: CorrectionCounts() for tier in tiers}
    false_alarms = CorrectionCounts()
    for held, corrector in fold_correctors(docs, texts, overrides, folds):
        for doc in held:
            doc_id = doc.doc_id
            # The clean text itself: every change is a broken word (false-alarm rate).
            gold = read_clean(doc)
            fixed = apply_corrections(gold, corrector.correct(gold))[0]
            false_alarms = false_alarms + score_correction(gold, gold, fixed)
            if show_wrong:
                for before, after, line in wrong_changes(gold, gold, fixed):
                    print(f"wrong gold {doc_id}: {before} -> {after} | {line[:70]}")
        for tier in tiers:
            for doc in held:
                doc_id = doc.doc_id
                path = doc.ocr(tier)
                if not path.is_file():
                    continue
                gold = doc.gold.read_text(encoding="utf-8")
                noisy = path.read_text(encoding="utf-8")
                corrections = corrector.correct(noisy)
                fixed = apply_corrections(noisy, corrections)[0]
                totals[tier] = totals[tier] + score_correction(gold, noisy, fixed)
                denoised = apply_corrections(
                    noisy, [c for c in corrections if c.applied and c.rule == "noise"]
                )[0]
                words_only[tier] = words_only[tier] + score_correction(gold, denoised, fixed)
                if show_wrong:
                    for before, after, line in wrong_changes(gold, denoised, fixed):
                        print(f"wrong {tier} {doc_id}: {before} -> {after} | {line[:70]}")
    print(
        f"gold   words={false_alarms.words} changes to clean text={false_alarms.changes} "
        f"broken/5000={false_alarms.broken_per_5000:.2f}"
    )
    for tier, c in totals.items():
        prec = c.edit_precision
        print(
            f"{tier:6s} words={c.words} wer {c.wer_before.rate:.4f}->{c.wer_after.rate:.4f} "
            f"reduction={c.wer_reduction:.3f} changes={c.changes} "
            f"precision={'-' if prec is None else f'{prec:.3f}'} fixed={c.fixed} "
            f"broken={c.broken} broken/5000={c.broken_per_5000:.2f} "
            f"recall={ {k: round(v, 2) for k, v in c.class_recall().items() if v is not None} }"
        )
        w = words_only[tier]
        wprec = w.edit_precision
        print(
            f"{'':6s} word corrections only (after noise deletion): changes={w.changes} "
            f"precision={'-' if wprec is None else f'{wprec:.3f}'} broken={w.broken}"
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
    noisy = [p.read_text(encoding="utf-8") for p in sorted((OCR / "noisy").glob("*.txt"))]
    sets = (("sample", [sample]), ("dev clean", dev), ("dev fax OCR", fax), ("dev noisy", noisy))
    for name, texts in sets:
        words = sum(len(t.split()) for t in texts)
        for label in ("cold", "warm"):
            started = time.process_time()  # CPU seconds: the machine may be shared
            for t in texts:
                corrector.correct(t)
            seconds = time.process_time() - started
            print(
                f"{name:12s} {label}: {words} words in {seconds:.3f} s = {words / seconds:,.0f} w/s"
            )
        # fresh caches for the next set: a new lexicon, channel and corrector
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
    parser.add_argument("--wrong", action="store_true", help="with --cv: list wrong changes")
    parser.add_argument(
        "--residuals", action="store_true", help="classify the errors left (CV, train only)"
    )
    parser.add_argument(
        "--noise-report",
        choices=["train", "heldout"],
        help="score the packaged corrector on a split, noise deletions apart (no tuning)",
    )
    parser.add_argument("--set", action="append", default=[], help="config override name=value")
    parser.add_argument(
        "--context",
        choices=["ngrams", "pool", "none"],
        default="ngrams",
        help="corpora/context texts: n-grams only (default), also scored in CV folds, or unused",
    )
    args = parser.parse_args(argv)
    if not args.split.is_file():
        print(f"{args.split}: no train/held-out split", file=sys.stderr)
        return 2
    if args.bench:
        benchmark()
        return 0
    docs = train_docs(args.split, context=args.context)
    texts = [read_clean(d) for d in docs]
    if args.noise_report:
        noise_split_report(args.split, args.noise_report, args.tier or ["clean", "fax", "noisy"])
        return 0
    if args.residuals:
        residual_report(docs, texts, args.tier or ["clean", "fax", "noisy"])
        return 0
    if args.cv:
        overrides = {
            k: (int(v) if v.isdigit() else float(v))
            for k, v in (item.split("=", 1) for item in args.set)
        }
        cross_validate(
            docs, texts, args.tier or ["clean", "fax", "noisy"], overrides, show_wrong=args.wrong
        )
        return 0
    uni, bi = count_ngrams(texts)
    tri = count_trigrams(texts)
    write_ngrams(args.out, uni, bi, tri=tri)
    print(
        f"{len(docs)} train documents, {sum(uni.values())} words, {len(uni)} forms, "
        f"{len(bi)} bigrams, {len(tri)} trigrams -> {args.out}"
    )
    if args.channel:
        tiers = args.tier or sorted(p.name for p in OCR.iterdir() if p.is_dir())
        pairs: list[tuple[str, str]] = []
        for tier in tiers:
            for doc, clean in zip(docs, texts, strict=True):
                path = doc.ocr(tier)
                if path.is_file():
                    pairs.extend(aligned_pairs(clean, normalize(path.read_text("utf-8"))))
        wrong = Counter((i, o) for i, o in pairs if i != o)
        print(f"{len(pairs)} aligned words, {sum(wrong.values())} OCR errors", file=sys.stderr)
        costs = estimate_costs(pairs, Channel())
        print(json.dumps(costs, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
