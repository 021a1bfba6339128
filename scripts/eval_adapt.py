"""Does corpus adaptation help? OCR correction with and without the corpus's own statistics.

For each OCR tier, the word and word-pair counts of all its documents (as ``qararat batch
--adapt`` would take them) adapt the corrector; train and held-out documents are then scored
against their gold texts with and without adaptation. Run: ``python scripts/eval_adapt.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from qararat.analysis import AnalyzeConfig, clean, write_corpus_ngrams
from qararat.ocr.metrics import score_correction

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Print one row per tier, split and system."""
    split = json.loads((ROOT / "corpora/dev/split.json").read_text(encoding="utf-8"))
    print("| tier | split | system | WER before | WER after | changes | fixed | broken |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for tier in ("clean", "fax", "noisy"):
            folder = ROOT / "corpora/ocr" / tier
            docs = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
            counts = write_corpus_ngrams(docs.values(), Path(tmp) / f"{tier}.tsv.gz")
            systems = {
                "plain": AnalyzeConfig(),
                "adapted": AnalyzeConfig(corpus_ngrams=str(counts)),
            }
            for part in ("train", "heldout"):
                for name, cfg in systems.items():
                    total = None
                    for doc_id in split[part]:
                        gold = (ROOT / "corpora/dev" / f"{doc_id}.txt").read_text(encoding="utf-8")
                        c = score_correction(gold, docs[doc_id], clean(docs[doc_id], cfg))
                        total = c if total is None else total + c
                    assert total is not None
                    before = total.wer_before.errors / total.wer_before.length
                    after = total.wer_after.errors / total.wer_after.length
                    print(
                        f"| {tier} | {part} | {name} | {before:.2%} | {after:.2%} | "
                        f"{total.changes} | {total.fixed} | {total.broken} |"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
