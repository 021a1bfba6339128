"""A small smoothed word bigram model of clean resolution text, built by the project itself.

Counts come from the dev corpus train split (``scripts/build_lexicon.py`` writes them to
``data/ngrams.tsv.gz``) and, through :meth:`Corrector.adapt`, from the corpus being corrected.
Probabilities interpolate absolute-discounted bigrams with the lexicon's unigram prior, so an
unseen pair falls back to how common the word is.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from qararat.layout import wrap_breaks
from qararat.normalize import arabic_words, strip_diacritics

#: Sentence/paragraph boundary token.
BOUNDARY = "<s>"
_RE_BREAK = re.compile(r"[\n.؛:!؟?()\[\]\"«»]")


@lru_cache(maxsize=200_000)
def context_key(word: str) -> str:
    """The form a word takes in the context model: conjunction and preposition proclitics off.

    What follows "كالقطاع" is what follows "القطاع"; keying bigrams this way lets a clitic form
    unseen in the small domain corpus share its stem's evidence, so context never favours
    stripping a clitic that the OCR engine did not add.
    """
    if len(word) >= 4 and word[0] in "وف":
        word = word[1:]
    if len(word) >= 4 and word.startswith("لل"):
        word = "ا" + word[1:]
    elif len(word) >= 5 and word[0] in "بكل":
        word = word[1:]
    return word


def key_of(word: str) -> str:
    """:func:`context_key` of ``word``, the boundary token as it is."""
    return word if word == BOUNDARY else context_key(word)


def with_proclitics(word: str, key: str) -> str | None:
    """``key`` (a context key) given the proclitics that :func:`context_key` took off ``word``.

    ``with_proclitics("للأمم", "الأمين") == "للأمين"``; None when ``key`` cannot carry them
    (لل needs a key with the article).
    """
    pre = ""
    if len(word) >= 4 and word[0] in "وف":
        pre, word = word[0], word[1:]
    if len(word) >= 4 and word.startswith("لل"):
        return pre + "لل" + key[2:] if key.startswith("ال") and len(key) > 2 else None
    if len(word) >= 5 and word[0] in "بكل":
        return pre + word[0] + key
    return pre + key


def sentence_words(text: str) -> Iterator[list[str]]:
    """Split ``text`` into runs of context keys between line breaks and strong punctuation.

    Commas do not break a run: resolution paragraphs are long comma-separated sentences and the
    word after a comma still depends on the one before it. Nor do the line breaks of
    hard-wrapped text that fall inside a paragraph (:func:`qararat.layout.wrap_breaks`).
    """
    wraps = wrap_breaks(text)
    start = 0
    for m in _RE_BREAK.finditer(text + "\n"):
        if m.start() in wraps:
            continue
        chunk = text[start : m.start()]
        start = m.end()
        words = [context_key(strip_diacritics(w)) for _, _, w in arabic_words(chunk)]
        if words:
            yield words


def count_ngrams(texts: Iterable[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Unigram and bigram counts of ``texts`` (bigrams include the boundary token)."""
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for words in sentence_words(text):
            uni.update(words)
            seq = [BOUNDARY, *words, BOUNDARY]
            bi.update(zip(seq, seq[1:], strict=False))
    return uni, bi


def count_trigrams(texts: Iterable[str]) -> Counter[tuple[str, str, str]]:
    """Trigram counts of ``texts``, over the same runs and boundaries as :func:`count_ngrams`."""
    tri: Counter[tuple[str, str, str]] = Counter()
    for text in texts:
        for words in sentence_words(text):
            seq = [BOUNDARY, *words, BOUNDARY]
            tri.update(zip(seq, seq[1:], seq[2:], strict=False))
    return tri


def write_ngrams(
    path: Path,
    uni: Counter[str],
    bi: Counter[tuple[str, str]],
    *,
    min_bigram: int = 1,
    tri: Counter[tuple[str, str, str]] | None = None,
) -> None:
    """Write counts as gzipped TSV: ``1<TAB>word<TAB>count``, ``2<TAB>w1 w2<TAB>count`` and,
    when given, ``3<TAB>w1 w2 w3<TAB>count``."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# order\tngram\tcount (qararat OCR context model)\n")
        for w, c in sorted(uni.items(), key=lambda t: (-t[1], t[0])):
            fh.write(f"1\t{w}\t{c}\n")
        for (a, b), c in sorted(bi.items(), key=lambda t: (-t[1], t[0])):
            if c >= min_bigram:
                fh.write(f"2\t{a} {b}\t{c}\n")
        for (a, b, d), c in sorted((tri or {}).items(), key=lambda t: (-t[1], t[0])):
            fh.write(f"3\t{a} {b} {d}\t{c}\n")


class BigramModel:
    """Interpolated absolute-discounting bigram model over a unigram prior.

    Args:
        bigrams: Bigram counts.
        unigram_logp: Log prior of a word (the lexicon's).
        discount: Absolute discount subtracted from every seen bigram count.
    """

    def __init__(
        self,
        bigrams: Counter[tuple[str, str]],
        unigram_logp: Callable[[str], float],
        discount: float = 0.75,
        trigrams: Counter[tuple[str, str, str]] | None = None,
    ) -> None:
        self.bigrams = bigrams
        #: Trigram counts (context keys): which phrases clean text attests (may be empty).
        self.trigrams: Counter[tuple[str, str, str]] = trigrams or Counter()
        self._pair_total: Counter[tuple[str, str]] = Counter()
        self._pair_types: Counter[tuple[str, str]] = Counter()
        for (a, b, _c), n in self.trigrams.items():
            self._pair_total[(a, b)] += n
            self._pair_types[(a, b)] += 1
        self.unigram_logp = unigram_logp
        self.discount = discount
        self._left: Counter[str] = Counter()
        self._types: Counter[str] = Counter()
        self._after: dict[str, dict[str, int]] | None = None
        self._before: dict[str, dict[str, int]] | None = None
        for (a, _b), c in bigrams.items():
            self._left[a] += c
            self._types[a] += 1

    def logp(self, word: str, prev: str) -> float:
        """``log P(word | prev)``; ``prev`` may be :data:`BOUNDARY`.

        Both words are looked up by their :func:`context_key`; the fallback is the lexicon's
        prior of ``word`` itself.
        """
        uni = math.exp(self.unigram_logp(word)) if word != BOUNDARY else 0.05
        if prev != BOUNDARY:
            prev = context_key(prev)
        total = self._left.get(prev, 0)
        if not total:
            return math.log(uni)
        c = self.bigrams.get((prev, context_key(word) if word != BOUNDARY else word), 0)
        lam = self.discount * self._types[prev] / total
        p = max(c - self.discount, 0.0) / total + lam * uni
        return math.log(p) if p > 0 else math.log(uni)

    def trigram_gain(self, word: str, prev2: str, prev: str) -> float:
        """``log P(word | prev2 prev) - log P(word | prev)``: the trigram interpolated with
        :meth:`logp` by the same absolute discounting, against :meth:`logp` alone (0 where the
        pair ``prev2 prev`` was never seen)."""
        if not self.trigrams or prev == BOUNDARY:
            return 0.0
        a, b = key_of(prev2), context_key(prev)
        total = self._pair_total.get((a, b), 0)
        if not total:
            return 0.0
        lower = self.logp(word, prev)
        c = self.trigrams.get((a, b, key_of(word)), 0)
        lam = self.discount * self._pair_types[(a, b)] / total
        p = max(c - self.discount, 0.0) / total + lam * math.exp(lower)
        return math.log(p) - lower if p > 0 else 0.0

    def followers(self, prev: str) -> dict[str, int]:
        """Context keys seen after ``prev`` (by its context key) with their counts."""
        if self._after is None:
            self._index_neighbours()
        return self._after.get(key_of(prev), {})  # type: ignore[union-attr]

    def leaders(self, word: str) -> dict[str, int]:
        """Context keys seen before ``word`` (by its context key) with their counts."""
        if self._before is None:
            self._index_neighbours()
        return self._before.get(key_of(word), {})  # type: ignore[union-attr]

    def _index_neighbours(self) -> None:
        after: dict[str, dict[str, int]] = {}
        before: dict[str, dict[str, int]] = {}
        for (a, b), c in self.bigrams.items():
            after.setdefault(a, {})[b] = c
            before.setdefault(b, {})[a] = c
        self._after, self._before = after, before

    def seen(self, prev: str, word: str) -> int:
        """Count of the bigram ``prev word`` (by context keys; either may be the boundary)."""
        return self.bigrams.get((key_of(prev), key_of(word)), 0)

    def known_left(self, word: str) -> bool:
        """True if ``word`` was seen as the left side of some bigram."""
        return context_key(word) in self._left

    def merged(self, extra: Counter[tuple[str, str]], weight: float = 1.0) -> BigramModel:
        """A model whose counts also include ``extra`` (scaled by ``weight``)."""
        counts = Counter(self.bigrams)
        for k, c in extra.items():
            counts[k] += max(1, round(c * weight))
        return BigramModel(counts, self.unigram_logp, self.discount, self.trigrams)
