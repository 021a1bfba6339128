"""The corrector's parts: channel costs, clitic-aware lexicon, skeleton index, bigram model."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from qararat.ocr import Channel, Corrector, Lexicon
from qararat.ocr.lexicon import skeleton
from qararat.ocr.ngrams import BigramModel, context_key, count_ngrams
from qararat.ocr.rules import paragraph_zones


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Corrector.default().lexicon


@pytest.fixture(scope="module")
def channel() -> Channel:
    return Channel()


@pytest.mark.parametrize(
    ("intended", "observed", "confusion"),
    [
        ("الاتفاقية", "الانفاقية", "dots"),
        ("تشير", "تشيز", "dots"),
        ("الأطفال", "الاطفال", "hamza"),
        ("المسؤولية", "المسوولية", "hamza"),
        ("في", "فى", "alef_maqsura"),
        ("المتحدة", "المتحده", "ta_marbuta"),
        ("تهيب", "تهييب", "insertion"),
        ("بروتوكول", "برتوكول", "deletion"),
    ],
)
def test_ocr_channel_names_confusion(
    channel: Channel, intended: str, observed: str, confusion: str
) -> None:
    assert channel.confusion(intended, observed) == confusion


@pytest.mark.parametrize(
    ("cheap", "dear"),
    [
        (("الاتفاقية", "الانفاقية"), ("الاتفاقية", "الاكفاقية")),  # ت→ن vs ت→ك
        (("الأطفال", "الاطفال"), ("الأطفال", "الكطفال")),  # hamza loss vs arbitrary
        (("تهيب", "تهييب"), ("تهيب", "تهيمب")),  # doubled letter vs new letter
        (("المتحدة", "المتحده"), ("المتحدة", "المتحدك")),
    ],
)
def test_ocr_channel_confusions_cheaper_than_arbitrary(
    channel: Channel, cheap: tuple[str, str], dear: tuple[str, str]
) -> None:
    assert channel.cost(*cheap) < channel.cost(*dear)
    assert channel.cost(*cheap) == pytest.approx(channel._table(*cheap)[-1][-1])


@pytest.mark.parametrize(
    "word", ["وبالاتفاقية", "حمايتها", "للأطفال", "والمنظمات", "الصكين", "المشاركتين", "يتخذا"]
)
def test_ocr_lexicon_clitic_forms_valid(lexicon: Lexicon, word: str) -> None:
    assert lexicon.is_valid(word)


@pytest.mark.parametrize("word", ["منتهكوها", "مرتكبوهم"])
def test_ocr_lexicon_plural_construct_before_suffix_valid(lexicon: Lexicon, word: str) -> None:
    # the sound plural in construct drops its ن before a pronoun suffix: منتهك + و + ها
    assert word not in lexicon.known
    assert lexicon.analyze(word) is not None


@pytest.mark.parametrize("word", ["الانفاقية", "تهييب", "المسندامة", "الاطفالء"])
def test_ocr_lexicon_ocr_errors_not_known(lexicon: Lexicon, word: str) -> None:
    assert word not in lexicon.known


@pytest.mark.parametrize(("weak", "standard"), [("الاطفال", "الأطفال"), ("الى", "إلى")])
def test_ocr_lexicon_weak_spelling_dominated(lexicon: Lexicon, weak: str, standard: str) -> None:
    assert weak in lexicon.dominated
    assert lexicon.logp(standard) > lexicon.logp(weak)


@pytest.mark.parametrize("word", ["المنجزةين", "المنحىين", "الاتفاقيةها", "مستوىها"])
def test_ocr_lexicon_final_letter_inside_word_invalid(lexicon: Lexicon, word: str) -> None:
    # ة and ى only end a word; a stem + ending built without changing them is no word
    assert not lexicon.is_valid(word)


def test_ocr_lexicon_endings_after_ta_marbuta_candidates(lexicon: Lexicon) -> None:
    # the dual of a noun in ة is written with ت ("المنجزتين"), never "المنجزةين"
    exact, fuzzy = lexicon.candidates("المنجربين")
    found = set(exact) | set(fuzzy)
    assert not any("ة" in w[:-1] or "ى" in w[:-1] for w in found)
    assert "المنجزتين" in found


def test_ocr_lexicon_distinct_hamza_spellings_both_known(lexicon: Lexicon) -> None:
    assert {"وإن", "وأن", "إن", "أن"} <= lexicon.known


@pytest.mark.parametrize(
    ("observed", "intended"),
    [("الانفاقية", "الاتفاقية"), ("وبالانفاقية", "وبالاتفاقية"), ("برتوكول", "بروتوكول")],
)
def test_ocr_lexicon_candidates_found(lexicon: Lexicon, observed: str, intended: str) -> None:
    exact, fuzzy = lexicon.candidates(observed)
    assert intended in exact or intended in fuzzy


def test_ocr_skeleton_folds_dots_and_hamza() -> None:
    assert skeleton("الاتفاقية") == skeleton("الانفاقيه") == skeleton("الإتفاقية")
    assert skeleton("تشير") == skeleton("تشيز")
    assert skeleton("تهيب") != skeleton("تهييب")


def test_ocr_bigram_model_prefers_seen_pair() -> None:
    uni, bi = count_ngrams(["تحث الدول الأعضاء على التعاون", "تهيب بالدول الأعضاء أن تواصل"])
    assert uni["الأعضاء"] == 2
    model = BigramModel(bi, lambda w: -12.0)
    assert model.logp("الأعضاء", "الدول") > model.logp("الأعضاء", "على")
    # clitics off in the context key: بالدول shares the evidence of الدول
    assert model.logp("الأعضاء", "بالدول") == model.logp("الأعضاء", "الدول")


@pytest.mark.parametrize(
    ("word", "key"), [("والأطفال", "الأطفال"), ("للأطفال", "الأطفال"), ("بالدول", "الدول")]
)
def test_ocr_context_key_strips_proclitics(word: str, key: str) -> None:
    assert context_key(word) == key


def test_ocr_paragraph_zones_find_preamble_and_operative() -> None:
    text = "البند 5\n\nإن الجمعية العامة،\n\nإذ تشير إلى قرارها،\n\n1 - تقرر ما يلي؛\nنص\n"
    zones = Counter(z for _, _, z in paragraph_zones(text))
    assert zones["organ"] == 1
    assert zones["operative"] == 1
    assert zones["preamble"] >= 2
    assert zones["head"] >= 1


def test_ocr_adapted_lexicon_keeps_index(lexicon: Lexicon) -> None:
    adapted = lexicon.with_domain(Counter({"الكوفاكسية": 5}))
    assert "الكوفاكسية" in adapted.known
    assert "الكوفاكسية" not in lexicon.known
    assert adapted.candidates("الانفاقية")[0] == lexicon.candidates("الانفاقية")[0]


def test_ocr_lexicon_prunes_old_caches(tmp_path: Path) -> None:
    import os

    from qararat.ocr.lexicon import _KEEP_CACHES, _prune_caches

    files = []
    for i in range(5):
        f = tmp_path / f"ocr-lexicon-{i}.marshal"
        f.write_bytes(b"x")
        os.utime(f, (1000 + i, 1000 + i))
        files.append(f)
    _prune_caches(files[-1])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f.name for f in files[-_KEEP_CACHES:]
    )


def test_ocr_lexicon_very_long_token_is_fast() -> None:
    import time

    from qararat.analysis import clean

    started = time.process_time()
    assert clean("ب" * 20000 + "\n").count("\n") == 1
    assert time.process_time() - started < 20  # quadratic search took minutes


@pytest.mark.parametrize(
    ("word", "intended"), [("عل", "على"), ("ف", "في"), ("القرا", "القرار"), ("ذل", "ذلك")]
)
def test_ocr_lexicon_truncated_words_point_to_the_whole_word(
    lexicon: Lexicon, word: str, intended: str
) -> None:
    # known to the frequency list (web text), never written by a resolution, and a far more
    # frequent word with its last letter lost
    assert word in lexicon.known
    assert lexicon.truncated[word][0] == intended


@pytest.mark.parametrize("word", ["الصعد", "حقق", "خلل", "لدول", "في", "الدول"])
def test_ocr_lexicon_words_not_truncated(lexicon: Lexicon, word: str) -> None:
    # a letter lost inside ("الصعد" / "الصعيد", "خلل" / "خلال") is grammar as often as OCR,
    # and a word clean resolutions write is no fragment
    assert word not in lexicon.truncated


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("بعلى", False),
        ("كعلى", False),
        ("بإلى", False),
        ("وبعلى", False),
        ("بما", True),
        ("وعلى", True),
        ("لعلى", True),
    ],
)
def test_ocr_lexicon_no_preposition_before_a_preposition(
    lexicon: Lexicon, word: str, valid: bool
) -> None:
    # ب/ك never precede على، إلى، في، عن (the emphatic lam may: "لعلى")
    assert lexicon.is_valid(word) is valid
