"""Rare but real forms, and words split with a letter lost at the break.

- A form the frequency list has, even below the validity threshold ("يؤجج" beside the commoner
  "تؤجج"), is never changed for grammar alone (its person prefix, voice or ending).
- "التن ية" (a word split by OCR, its "م" lost at the break) is joined into the word clean text
  has in that place, and only there: two edits at once need the context's evidence.

Examples are constructed sentences in resolution register (not taken from the sample).
"""

from __future__ import annotations

import pytest

from qararat.ocr import Corrector
from qararat.spans import apply_corrections


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.default()


def _fixed(corrector: Corrector, text: str) -> str:
    return apply_corrections(text, corrector.correct(text))[0]


def test_rare_attested_form_is_below_validity_but_attested(corrector: Corrector) -> None:
    lex = corrector.lexicon
    assert not lex.is_valid("يؤجج") and lex.attested("يؤجج")
    assert lex.is_valid("تؤجج")
    assert not lex.attested("تؤججز")  # a non-word is not attested


def test_rare_verb_form_keeps_its_person_prefix(corrector: Corrector) -> None:
    text = "وإذ يدرك أن تدمير التراث يمحو ذاكرة الشعوب وقد يؤجج النزاعات،"
    assert "يؤجج" in _fixed(corrector, text)


def test_without_the_attested_guard_the_prefix_alternation_is_a_candidate(
    corrector: Corrector, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the guard is what removes it: for a lexicon that attests nothing, "تؤجج" is a candidate
    assert "تؤجج" not in [c for _, c, _ in corrector.with_config()._prelim("يؤجج")]
    fresh = corrector.with_config()  # same models, its own per-word cache
    monkeypatch.setattr(fresh.lexicon, "attested", lambda word: False)
    assert "تؤجج" in [c for _, c, _ in fresh._prelim("يؤجج")]


def test_unattested_misreading_of_a_verb_is_still_corrected(corrector: Corrector) -> None:
    # "تؤحج" (a dot lost) is not in the frequency list: the ordinary candidate search applies
    assert not corrector.lexicon.attested("تؤحج")
    assert "تؤجج" in _fixed(corrector, "وإذ تدرك أن هذه الممارسات تؤحج النزاعات،")


def test_split_word_with_lost_letter_is_joined(corrector: Corrector) -> None:
    text = "بما في ذلك الحق في التن ية"
    fixes = [c for c in corrector.correct(text) if c.confusion == "split"]
    assert [(c.original, c.replacement) for c in fixes] == [("التن ية", "التنمية")]
    assert fixes[0].applied
    assert _fixed(corrector, text) == "بما في ذلك الحق في التنمية"


def test_lossy_join_needs_context(corrector: Corrector) -> None:
    # the same letters with neighbours clean text never puts "التنمية" beside: left alone
    text = "كتب التن ية"
    assert all(c.confusion != "split" for c in corrector.correct(text))


def test_lossy_join_can_be_switched_off(corrector: Corrector) -> None:
    off = corrector.with_config(lossy_join_max_cost=0.0)
    text = "بما في ذلك الحق في التن ية"
    assert all(c.confusion != "split" for c in off.correct(text))


def test_lossy_join_never_joins_two_frequent_words(corrector: Corrector) -> None:
    text = "الحق في التنمية من أجل الجميع"
    assert corrector.correct(text) == []


def test_valid_word_is_not_given_or_robbed_of_a_letter_by_context(corrector: Corrector) -> None:
    # "التقدير بتقرير الأمين العام" is the frequent phrase, but "بتقارير" (its plural) is a
    # word of like frequency: a letter dropped or added between two such words is grammar
    text = "تحيط علما مع التقدير بتقارير الأمين العام"
    fixes = corrector.correct(text)
    assert _fixed(corrector, text) == text
    assert all(not c.applied for c in fixes)
    off = corrector.with_config(real_word_indel_logratio=0.0)
    # without the rule, context alone proposes it (the calibration, which distrusts a dropped
    # alef, then decides whether it is applied)
    assert [c.replacement for c in off.correct(text)] == ["بتقرير"]


def test_attested_word_without_same_skeleton_words_is_not_searched_further(
    corrector: Corrector, monkeypatch: pytest.MonkeyPatch
) -> None:
    word = "الإيكولوجيا"  # in the frequency list, below the validity threshold
    lex = corrector.lexicon
    assert lex.direct_p(word) >= corrector.config.attested_p and not lex.is_valid(word)
    assert not lex.exact_scored(word)
    calls: list[str] = []
    original = lex.fuzzy_scored

    def counting(w: str) -> tuple[tuple[str, float], ...]:
        calls.append(w)
        return original(w)

    monkeypatch.setattr(lex, "fuzzy_scored", counting)
    assert corrector.with_config()._prelim(word) == ()
    assert calls == []
    corrector.with_config(attested_p=1.0)._prelim(word)  # the shortcut off: searched
    assert calls == [word]


def test_fixed_phrase_widens_the_context_candidates(corrector: Corrector) -> None:
    # "المتحد" is a valid word; between "الأمم" and "الإنمائي" clean text writes "المتحدة"
    # (a lost ة costs more than the ordinary context rule allows)
    text = "وتشيد ببرنامج الأمم المتحد الإنمائي على عمله"
    fixes = corrector.correct(text)
    assert [(c.original, c.replacement, c.applied) for c in fixes] == [
        ("المتحد", "المتحدة", True)
    ]
    # "المتحد" is also "المتحدة" with its last letter lost (a truncated word): both off
    assert corrector.with_config(phrase_max_cost=0.0, truncated=False).correct(text) == []


@pytest.mark.parametrize("word", ["الإلتزام", "الإنتهاكات", "إستخدام", "بإستخدام"])
def test_hamza_under_a_connecting_alif_is_a_weak_spelling(corrector: Corrector, word: str) -> None:
    # the verbal nouns of the derived forms begin with a connecting alif, written without hamza
    lex = corrector.lexicon
    assert word not in lex.known and word in lex.dominated


@pytest.mark.parametrize(
    "word",
    # Form IV verbal nouns keep their hamza; "أ" there is also a first-person verb; the article's
    # own alif before a short stem and a seated alif inside a short word are words of their own
    ["إنتاج", "الإنتاج", "إعلان", "الإنسان", "أستخدم", "أشترك", "ألسنة", "كأن", "وكأن"],
)
def test_standard_hamza_spellings_stay_known(corrector: Corrector, word: str) -> None:
    lex = corrector.lexicon
    assert word in lex.known and word not in lex.dominated


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("بالتعاون مع منظمة العمل الدولية، و منظمة الصحة العالمية", "ومنظمة"),
        ("تدعو الدول الأعضاء و المنظمات الإقليمية إلى التعاون", "والمنظمات"),
    ],
)
def test_lone_conjunction_join_is_suggested(corrector: Corrector, text: str, joined: str) -> None:
    # a suggestion with the lost-alef reading beside it: applied, it broke as many as it fixed
    fixes = [c for c in corrector.correct(text) if c.confusion == "split"]
    assert [(c.replacement, c.applied) for c in fixes] == [(joined, False)]
    assert fixes[0].alternatives[0].startswith("أو ")


@pytest.mark.parametrize(
    "text",
    [
        "وفقا للفقرتين 5 و 6 من القرار",  # و between numbers stands alone
        "حظر توريد الأسلحة أو | و التحايل عليه",  # after a stray mark: a table's debris
    ],
)
def test_lone_conjunction_left_where_it_may_stand(corrector: Corrector, text: str) -> None:
    assert all(c.confusion != "split" for c in corrector.correct(text))
