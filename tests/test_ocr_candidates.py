"""Candidate generation and ranking: one-skeleton-edit neighbours ranked by the channel,
clitic- and suffix-aware lookups, context candidates for valid words, and the fast paths
(banded costs, skeleton bounds, the compact lexicon cache).

Examples are constructed sentences in resolution register (not taken from the sample).
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
from collections import Counter

import pytest

from qararat.model import Correction
from qararat.ocr import Channel, Corrector, Lexicon
from qararat.ocr.lexicon import skeleton
from qararat.ocr.ngrams import BigramModel, with_proclitics


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def _applied(corrections: list[Correction]) -> list[Correction]:
    return [c for c in corrections if c.applied]


@pytest.mark.parametrize(
    ("noisy", "original", "expected"),
    [
        # غ read as ف: a rarer word than the prior-first candidates, found by its cheap edit
        ("تحقيق الأهداف والفايات العالمية للتنمية المستدامة", "والفايات", "والغايات"),
        ("التصدي للتحديات المرتبطة بتفير المناخ وآثاره", "بتفير", "بتغير"),
        # a dropped letter behind a proclitic: only the stem is in the index
        ("وإذ تشير إلى الإعلان وبرنمج العمل المعتمدين في المؤتمر", "وبرنمج", "وبرنامج"),
        ("وإذ تشير إلى الاتفاقية وللبروتكول الاختياري الملحق بها", "وللبروتكول", "وللبروتوكول"),
        # a same-skeleton reading (ف→ق: "الاستقلال") does not stop the search: غ read as ف
        # costs less, and context agrees
        ("تحمي الأطفال من الاستفلال الاقتصادي ومن أداء أي عمل خطير", "الاستفلال", "الاستغلال"),
        ("وإذ تؤكد أهمية مكافحة الاستفلال والاعتداء الجنسيين", "الاستفلال", "الاستغلال"),
        # the three teeth of س read as two letters: two skeleton edits, one channel edit
        ("تقرر أن تنظر في المسألة في دورتها الخامبن والسبعين", "الخامبن", "الخامس"),
        ("وإذ تشدد على حماية المدارمن والمستشفيات", "المدارمن", "المدارس"),
    ],
)
def test_ocr_fuzzy_candidates_ranked_by_channel(
    corrector: Corrector, noisy: str, original: str, expected: str
) -> None:
    found = _applied(corrector.correct(noisy))
    assert [(c.original, c.replacement) for c in found] == [(original, expected)]


@pytest.mark.parametrize(
    ("observed", "intended"),
    [
        ("المتجربين", "المتجرين"),  # a doubled dot-letter: one skeleton edit
        ("والفايات", "والغايات"),  # a shape substitution behind و + ال
        ("إليهفا", "إليهما"),  # م read as ف
    ],
)
def test_ocr_lexicon_one_edit_neighbours(
    corrector: Corrector, observed: str, intended: str
) -> None:
    assert intended in corrector.lexicon.fuzzy_candidates(observed)


@pytest.mark.parametrize(
    ("observed", "forbidden"),
    [("الدولئي", "الدوليي"), ("العالمئي", "العالميي"), ("الأطفالئه", "الأطفاله")],
)
def test_ocr_no_pronoun_suffix_after_article(
    corrector: Corrector, observed: str, forbidden: str
) -> None:
    exact, fuzzy = corrector.lexicon.candidates(observed)
    assert forbidden not in exact and forbidden not in fuzzy


@pytest.mark.parametrize(
    ("text", "original", "expected"),
    [
        ("تؤكد ضرورة احترام جميع حقوق الإنسان، بها في ذلك الحق في التنمية", "بها", "بما"),
    ],
)
def test_ocr_real_word_from_context(
    corrector: Corrector, text: str, original: str, expected: str
) -> None:
    found = [c for c in _applied(corrector.correct(text)) if c.original == original]
    assert [c.replacement for c in found] == [expected]
    assert found[0].rule == "context"


@pytest.mark.parametrize(
    "text",
    [
        "وإذ يعرب عن بالغ قلقه إزاء استمرار النزاعات المسلحة",  # masculine organ: not قلقها
        "وإذ يضع في اعتباره أن الفجوة الرقمية آخذة في الاتساع",
        "تعرب عن تقديرها للعمل الذي تضطلع به المفوضية",
        "وتلاحظ أن بها عددا كبيرا من اللاجئين",
    ],
)
def test_ocr_real_words_left_alone(corrector: Corrector, text: str) -> None:
    assert _applied(corrector.correct(text)) == []


@pytest.mark.parametrize(
    ("a", "b", "alternate"),
    [
        ("قلقه", "قلقها", True),
        ("له", "لهن", True),
        ("اعتباره", "اعتبارهم", True),
        ("بما", "بها", False),
        ("به", "بها", True),
        ("في", "فني", False),  # "في" is no stem "ف" + suffix "ي"
    ],
)
def test_ocr_suffix_alternation(corrector: Corrector, a: str, b: str, alternate: bool) -> None:
    assert corrector._suffix_alternation(a, b) is alternate


@pytest.mark.parametrize(
    ("word", "key", "expected"),
    [("للأمم", "الأمين", "للأمين"), ("وبها", "بما", "وبما"), ("بالدول", "الدولة", "بالدولة")],
)
def test_ocr_with_proclitics_restores_clitics(word: str, key: str, expected: str) -> None:
    assert with_proclitics(word, key) == expected


def test_ocr_bigram_neighbours_listed() -> None:
    model = BigramModel(Counter({("الأمين", "العام"): 3, ("الأمم", "المتحدة"): 5}), lambda w: -10.0)
    assert model.leaders("العام") == {"الأمين": 3}
    assert model.followers("للأمم") == {"المتحدة": 5}  # keyed like the counts
    assert model.seen("للأمين", "العام") == 3


def _random_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى"
    words = ["الاتفاقية", "المتحدة", "والغايات", "بتغير", "إليهما", "يتناوبون", "حمايتها", "تهيب"]
    out = []
    for _ in range(n):
        w = rng.choice(words)
        o = list(w)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(o) + 1)
            r = rng.random()
            if r < 0.4 and i < len(o):
                o[i] = rng.choice(letters)
            elif r < 0.7:
                o.insert(i, rng.choice(letters))
            elif i < len(o):
                del o[i]
        if o:
            out.append((w, "".join(o)))
    return out


@pytest.mark.parametrize(("intended", "observed"), _random_pairs(60))
def test_ocr_banded_cost_matches_full_table(intended: str, observed: str) -> None:
    channel = Channel()
    full = channel._table(intended, observed)[-1][-1]
    banded = channel._banded(intended, observed)
    assert banded >= full - 1e-9
    if full < 2.0:
        assert banded == pytest.approx(full)


@pytest.mark.parametrize(("intended", "observed"), _random_pairs(60))
@pytest.mark.parametrize("limit", [0.3, 0.8, 1.5])
def test_ocr_cost_within_a_limit_is_exact_below_it(
    intended: str, observed: str, limit: float
) -> None:
    channel = Channel()
    exact = Channel().cost(intended, observed)
    within = channel.cost_within(intended, observed, limit)
    if exact <= limit:
        assert within == pytest.approx(exact)
    else:
        assert within > limit
    # an abandoned alignment is not remembered: the exact cost is still there afterwards
    assert channel.cost(intended, observed) == pytest.approx(exact)


@pytest.mark.parametrize(("intended", "observed"), _random_pairs(60))
def test_ocr_skeleton_bound_is_a_lower_bound(
    corrector: Corrector, intended: str, observed: str
) -> None:
    bound = corrector._skeleton_bound(skeleton(intended), skeleton(observed))
    assert bound <= corrector.channel.cost(intended, observed) + 1e-9


@pytest.mark.parametrize(
    ("intended", "observed", "cost"),
    [
        ("الخامس", "الخامبن", 0.6),  # س read as two teeth
        ("شباط", "تبباط", 0.6),  # ش likewise, dots and all
        ("المدارس", "المدارمن", 0.6),  # م and a tooth
    ],
)
def test_ocr_channel_letter_split(intended: str, observed: str, cost: float) -> None:
    channel = Channel()
    assert channel.cost(intended, observed) == pytest.approx(cost)
    assert [op for op, _, _ in channel.edits(intended, observed)] == ["split"]
    assert channel.confusion(intended, observed) == "shape"


def test_ocr_channel_letter_split_needs_a_tooth_second() -> None:
    # a tooth then م is no split of س: two ordinary edits
    channel = Channel()
    assert channel.cost("السلام", "التملام") > 1.0
    assert channel.cost("السلام", "المتلام") == pytest.approx(0.6)


def test_ocr_fuzzy_bound_covers_cross_skeleton_substitutions(corrector: Corrector) -> None:
    # the pruning bound of one-skeleton-edit candidates is below every such edit, including a
    # letter read as one of another skeleton (ت read as final ن)
    assert corrector._min_fuzzy_cost <= min(corrector._skel_sub.values())
    assert corrector._min_fuzzy_cost <= min(corrector._skel_ins.values())
    assert corrector._min_fuzzy_cost <= min(v for k, v in corrector._skel_del.items() if k != "ء")


def test_ocr_tail_words_get_band_probability(corrector: Corrector) -> None:
    lex = corrector.lexicon
    words, p = lex._tail[0]
    word = next(w for w in sorted(words) if w not in lex.domain and not lex.analyze(w))
    assert lex.logp(word) == pytest.approx(math.log(p))
    assert math.log(1e-8) <= lex.logp(word) < math.log(1e-7)


def test_ocr_lexicon_cache_round_trip(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QARARAT_CACHE_DIR", str(tmp_path))
    domain = Counter({"الكوفاكسية": 4, "الاتفاقية": 50})
    built = Lexicon.default(domain=domain)
    assert list(tmp_path.glob("ocr-lexicon-*.marshal"))
    read = Lexicon.default(domain=domain)
    assert read.known == built.known
    assert read.shadowed == built.shadowed
    for word in ("الانفاقية", "المسندامة", "والفايات"):
        assert read.candidates(word) == built.candidates(word)
        assert read.logp(word) == built.logp(word)


def test_ocr_load_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from qararat.ocr import Corrector; Corrector.default(); "
        "print(' '.join(m for m in ('sklearn', 'wordfreq', 'qararat.clauses') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # wordfreq is read only to (re)build the cache; the clause package never
    assert "sklearn" not in out.stdout
    assert "qararat.clauses" not in out.stdout


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("الدولني", False),  # article + pronoun suffix: no Arabic word
        ("الرفيعي", True),  # construct dual/plural ("الرفيعي المستوى")
        ("الدولي", True),  # nisba
        ("حمايتها", True),
        ("بالتزاماتها", True),
    ],
)
def test_ocr_article_takes_no_pronoun_suffix(corrector: Corrector, word: str, valid: bool) -> None:
    assert corrector.lexicon.is_valid(word) is valid


@pytest.mark.parametrize(
    ("text", "original", "expected"),
    [
        ("تقرر أن تواصل النظر ف إطار البند نفسه من جدول الأعمال", "ف", "في"),
        ("وتعمل عل تعزيز التعاون بين الدول الأعضاء", "عل", "على"),
    ],
)
def test_ocr_truncated_function_word_restored(
    corrector: Corrector, text: str, original: str, expected: str
) -> None:
    found = [c for c in _applied(corrector.correct(text)) if c.original == original]
    assert [c.replacement for c in found] == [expected]
    assert found[0].confusion == "deletion"


@pytest.mark.parametrize(
    "text",
    [
        "(ف) تعزيز التعاون الدولي في مجال مكافحة الجريمة",  # a list label
        "ف) تعزيز التعاون الدولي في مجال مكافحة الجريمة",
        "تقرر أن تواصل النظر في البند ف",  # the end of a run: a label or a fragment
        "تؤكد على جميع الصعد ضرورة التعاون الدولي",  # a letter lost inside: a real plural
    ],
)
def test_ocr_lone_letters_and_inner_truncations_left_alone(corrector: Corrector, text: str) -> None:
    assert _applied(corrector.correct(text)) == []


def test_ocr_preposition_with_a_tooth_more_restored(corrector: Corrector) -> None:
    # "في" read with one tooth more is the valid "فني" (technical); between two words that
    # clean text writes beside "في" it is "في", while "الدعم الفني" stays
    text = "وتشجع الدول على المشاركة فني تعزيز التعاون الدولي"
    assert [(c.original, c.replacement) for c in _applied(corrector.correct(text))] == [
        ("فني", "في")
    ]
    assert _applied(corrector.correct("وتشيد بالدعم الفني الذي تقدمه المفوضية")) == []
