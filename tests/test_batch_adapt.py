"""Corpus-adaptive correction: counts over a corpus, passed to every document's correction."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from qararat.analysis import AnalyzeConfig, write_corpus_ngrams
from qararat.cli import main
from qararat.ocr import Corrector
from qararat.ocr.lexicon import read_ngram_file


def test_batch_adapt_counts_learn_only_valid_forms() -> None:
    base = Corrector.default()
    # "الانجار" is a frequent OCR misreading of "الاتجار"; the corpus repeats it, but it must
    # not become a word: adaptation only re-weights forms the lexicon accepts.
    uni = Counter({"الاتجار": 50, "الانجار": 50, "بالأشخاص": 50})
    bi = Counter({("الاتجار", "بالأشخاص"): 50, ("الانجار", "بالأشخاص"): 50})
    adapted = base.adapt_counts(uni, bi, min_count=3)
    fixed = {c.replacement for c in adapted.correct("مكافحة الانجار بالأشخاص") if c.applied}
    assert "الاتجار" in fixed


def test_batch_adapt_counts_file_and_fingerprint(tmp_path: Path) -> None:
    texts = ["وإذ تشير إلى الاتجار بالأشخاص، " * 5]
    path = write_corpus_ngrams(texts, tmp_path / "c.tsv.gz")
    uni, _ = read_ngram_file(path)
    assert uni["الأشخاص"] >= 3  # counted by context key (clitics off)
    a = AnalyzeConfig(corpus_ngrams=str(path)).fingerprint()
    write_corpus_ngrams(texts, tmp_path / "c.tsv.gz")  # same counts, new gzip time stamp
    assert AnalyzeConfig(corpus_ngrams=str(path)).fingerprint() == a
    assert AnalyzeConfig().fingerprint() != a


def test_batch_adapt_cli_writes_counts_and_resumes(
    repo_root: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("ga08_water.txt", "sc02_hunger_conflict.txt"):
        shutil.copy(repo_root / "corpora" / "ocr" / "fax" / name, corpus / name)
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out), "--adapt", "-j", "1"]) == 0
    assert (out / "corpus_ngrams.tsv.gz").is_file()
    capsys.readouterr()
    assert main(["batch", str(corpus), "-o", str(out), "--adapt", "-j", "1"]) == 0
    assert "2 skipped" in capsys.readouterr().out
