"""The word context model: trigram attestation, the training corpus behind it, and the
grammatical alternations context is never allowed to decide.

Examples are constructed sentences in resolution register (not taken from the sample).
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest

from qararat.ocr import Corrector
from qararat.ocr.corrector import (
    _conjunction_alternation,
    _grammatical,
    _inflection_alternation,
    _prefix_alternation,
    _Token,
    _voice_alternation,
)
from qararat.ocr.lexicon import default_trigrams, read_ngram_file, read_trigram_file
from qararat.ocr.ngrams import BOUNDARY, BigramModel, count_ngrams, count_trigrams, write_ngrams

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def _model(texts: list[str]) -> BigramModel:
    _, bi = count_ngrams(texts)
    return BigramModel(bi, lambda w: -12.0, trigrams=count_trigrams(texts))


def _token(word: str, prev: str, nxt: str, prev2: str = BOUNDARY, nxt2: str = BOUNDARY) -> _Token:
    return _Token(0, len(word), word, word, prev, nxt, prev2, nxt2)


def test_ocr_trigrams_round_trip(tmp_path: Path) -> None:
    texts = ["تحث الدول الأعضاء على التعاون", "تهيب بالدول الأعضاء أن تواصل"]
    uni, bi = count_ngrams(texts)
    tri = count_trigrams(texts)
    assert tri[("الدول", "الأعضاء", "على")] == 1
    assert tri[(BOUNDARY, "تحث", "الدول")] == 1
    path = tmp_path / "ngrams.tsv.gz"
    write_ngrams(path, uni, bi, tri=tri)
    assert read_trigram_file(path) == tri
    # readers of unigrams and bigrams skip the trigram lines
    assert read_ngram_file(path) == (uni, bi)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        assert any(line.startswith("3\t") for line in fh)


def test_ocr_packaged_model_has_trigrams() -> None:
    assert len(default_trigrams()) > 10_000


def test_ocr_trigram_backoff_for_attestation(corrector: Corrector) -> None:
    # "في ذلك" is a phrase here (3 times); "بها في" is seen, but never inside the phrase
    texts = ["بما في ذلك الحق"] * 3 + ["تضطلع بها في الميدان"]
    model = _model(texts)
    c = Corrector(corrector.lexicon, corrector.channel, model, corrector.config)
    inside = _token("بها", "الإنسان", "في", nxt2="ذلك")
    assert not c._attested(inside, "بها")
    assert c._attested(inside, "بما")
    # where the next pair is no phrase, the bigram still attests the word
    plain = _token("بها", "تضطلع", "في", nxt2="الميدان")
    assert c._attested(plain, "بها")
    # switched off, the bigram alone decides as before
    off = c.with_config(phrase_min_count=0)
    assert off._attested(inside, "بها")


def test_ocr_phrase_repairs_valid_word(corrector: Corrector) -> None:
    text = "وتؤكد أهمية التعاون الدولي، بها في ذلك تبادل المعلومات"
    found = [c for c in corrector.correct(text) if c.applied]
    assert [(c.original, c.replacement, c.rule) for c in found] == [("بها", "بما", "context")]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("وفي", "في", True), ("فمن", "من", True), ("في", "وفي", True), ("وفي", "وفى", False)],
)
def test_ocr_conjunction_alternation(a: str, b: str, expected: bool) -> None:
    assert _conjunction_alternation(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("تراعى", "تراعي", True),
        ("يراعى", "تراعي", True),
        ("يعطى", "يعطي", True),
        ("الذى", "الذي", False),
        ("فى", "في", False),
    ],
)
def test_ocr_voice_alternation(a: str, b: str, expected: bool) -> None:
    assert _voice_alternation(a, b) is expected


@pytest.mark.parametrize(
    "text",
    [
        # a coordinated clause: context must not drop (or add) the conjunction
        "تطلب إلى الأمين العام أن يقدم تقريرا، وفي حدود الموارد القائمة، عن تنفيذ هذا القرار",
        # passive imperfect: "يراعى" is not a misread "يراعي"
        "وتقرر أن يراعى في ذلك مبدأ المسؤولية المشتركة",
    ],
)
def test_ocr_grammatical_alternations_left_alone(corrector: Corrector, text: str) -> None:
    assert [c for c in corrector.correct(text) if c.applied] == []


def test_ocr_context_corpus_feeds_the_model() -> None:
    """The packaged counts cover the context texts, not only the dev train split."""
    context = sorted((ROOT / "corpora" / "context").glob("*.txt"))
    assert len(context) >= 30
    uni, _ = read_ngram_file(ROOT / "nlp" / "qararat" / "ocr" / "data" / "ngrams.tsv.gz")
    assert sum(uni.values()) > 25_000
    counted = Counter(uni)
    # a word of the outer-space context text only (not in any dev document)
    dev = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "corpora" / "dev").glob("*.txt"))
    assert "الفضاء الخارجي" not in dev
    assert counted["الخارجي"] > 0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("وتقرر", "ويقرر", True), ("تقرر", "يقرر", True), ("وتقرر", "فيقرر", False)],
)
def test_ocr_prefix_alternation_behind_conjunction(a: str, b: str, expected: bool) -> None:
    assert _prefix_alternation(a, b) is expected


def test_ocr_trigram_scoring_option(corrector: Corrector) -> None:
    on = corrector.with_config(trigram_context=True)
    tok = _token("بما", "الإنسان", "في", prev2="حقوق", nxt2="ذلك")
    # the phrase "بما في ذلك" is worth more than its bigrams say; "بها في ذلك" less
    assert on._trigram_gain("بما", tok) > 0 > on._trigram_gain("بها", tok)
    text = "وتؤكد أهمية التعاون الدولي، بها في ذلك تبادل المعلومات"
    found = [c for c in on.correct(text) if c.applied]
    assert [(c.original, c.replacement) for c in found] == [("بها", "بما")]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("أطرا", "أطر", True),  # accusative alif
        ("يسهما", "يسهم", True),  # dual
        ("المنتميات", "المنتمين", True),  # feminine / masculine plural
        ("يضطلعن", "يضطلع", True),
        ("التزامه", "اعتزامه", False),
        ("الدول", "الدول", False),
    ],
)
def test_ocr_inflection_alternation(a: str, b: str, expected: bool) -> None:
    assert _inflection_alternation(a, b) is expected


@pytest.mark.parametrize(
    "text",
    [
        "يحث الدول على أن تضع أطرا قانونية وطنية",  # not "أطر"
        "وإذ يلاحظ أن النساء المنتميات إلى أقليات يواجهن عقبات",  # not "المنتمين"
        "وإذ تلاحظ بقلق الارتفاع الحاد في الأسعار وما ترتب عليه من آثار",  # not "يترتب"
    ],
)
def test_ocr_valid_inflected_words_left_alone(corrector: Corrector, text: str) -> None:
    assert [c for c in corrector.correct(text) if c.applied] == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("يمتنعا", "تمتنع", True),  # person prefix and dual ending together
        ("وتقرر", "ويقرر", True),
        ("تحث", "تحت", False),  # a dot, not grammar
    ],
)
def test_ocr_grammatical_combined(a: str, b: str, expected: bool) -> None:
    assert _grammatical(a, b) is expected
