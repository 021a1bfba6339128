"""The naive baseline: what users try first to clean Arabic OCR text.

A SymSpell-style symmetric deletion index (Wolf Garbe's idea, implemented here from its
description) over wordfreq's Arabic word list: every dictionary word and every unknown word
are reduced to their variants with up to ``max_distance`` characters deleted (within the first
``prefix_length`` characters); words sharing a variant are candidates, verified with the
restricted Damerau-Levenshtein (OSA) distance. Each word not in the dictionary is replaced by
the most frequent candidate at the smallest distance. There is no context, no Arabic-specific
confusion model and no knowledge of clitics, which is exactly why it is a baseline.

Example:
    >>> spell = SymSpellBaseline(max_distance=1).fit([("تهيب", 1.0), ("تهب", 0.5)])
    >>> spell.correct("تهييب بالدول")
    'تهيب بالدول'
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

from qararat.model import Correction

_WORD_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u064b-\u065f\u0670\u0640]+")
_ARABIC_LETTER_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")
_MARKS_RE = re.compile("[\u064b-\u065f\u0670\u0640]")


def osa_distance(a: str, b: str, limit: int) -> int:
    """Restricted Damerau-Levenshtein distance, or ``limit + 1`` once it exceeds ``limit``.

    Args:
        a: First word.
        b: Second word.
        limit: Largest distance of interest.

    Returns:
        The distance, capped at ``limit + 1``.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


@dataclass(frozen=True)
class BuildStats:
    """How big the index is and how long it took to build."""

    words: int
    deletes: int
    seconds: float


class SymSpellBaseline:
    """Symmetric-deletion spelling corrector over a frequency list.

    Args:
        max_distance: Largest edit distance of a suggestion.
        prefix_length: Only the first ``prefix_length`` characters generate deletes
            (SymSpell's memory/speed trade-off); candidates are still verified on whole words.
    """

    rule = "baseline_symspell"

    def __init__(self, max_distance: int = 2, prefix_length: int = 7) -> None:
        self.max_distance = max_distance
        self.prefix_length = prefix_length

    def _deletes(self, word: str) -> set[str]:
        """All variants of ``word``'s prefix with up to ``max_distance`` deletions."""
        key = word[: self.prefix_length]
        found = {key}
        frontier = {key}
        for _ in range(self.max_distance):
            step: set[str] = set()
            for w in frontier:
                if len(w) <= 1:
                    continue
                for i in range(len(w)):
                    step.add(w[:i] + w[i + 1 :])
            step -= found
            found |= step
            frontier = step
        return found

    def fit(self, words: Iterable[tuple[str, float]]) -> SymSpellBaseline:
        """Index ``(word, frequency)`` pairs; words without Arabic letters are skipped.

        Args:
            words: Dictionary words with their frequencies.

        Returns:
            ``self``.
        """
        started = time.perf_counter()
        self.frequencies_: dict[str, float] = {}
        self.index_: dict[str, list[str]] = {}
        self.cache_: dict[str, str | None] = {}
        for word, frequency in words:
            if not _ARABIC_LETTER_RE.search(word) or word in self.frequencies_:
                continue
            self.frequencies_[word] = frequency
            for variant in self._deletes(word):
                self.index_.setdefault(variant, []).append(word)
        self.build_stats_ = BuildStats(
            len(self.frequencies_), len(self.index_), time.perf_counter() - started
        )
        return self

    @classmethod
    def from_wordfreq(
        cls, top_n: int = 200_000, max_distance: int = 2, prefix_length: int = 7
    ) -> SymSpellBaseline:
        """Build the index over wordfreq's ``best`` Arabic list (top ``top_n`` words).

        Args:
            top_n: How many of the most frequent words to index.
            max_distance: Largest edit distance of a suggestion.
            prefix_length: See the class docstring.

        Returns:
            A fitted baseline.
        """
        import wordfreq

        frequencies = wordfreq.get_frequency_dict("ar", wordlist="best")
        ranked = sorted(frequencies.items(), key=lambda item: -item[1])[:top_n]
        return cls(max_distance=max_distance, prefix_length=prefix_length).fit(ranked)

    def suggest(self, word: str) -> str | None:
        """Best dictionary word for ``word``: smallest distance, then highest frequency.

        Args:
            word: A word (diacritics are ignored).

        Returns:
            ``word`` itself if known, a suggestion, or None when nothing is within reach.
        """
        word = _MARKS_RE.sub("", word)
        if word in self.frequencies_:
            return word
        best: tuple[int, float, str] | None = None
        seen: set[str] = set()
        for variant in self._deletes(word):
            for candidate in self.index_.get(variant, ()):
                if candidate in seen:
                    continue
                seen.add(candidate)
                distance = osa_distance(word, candidate, self.max_distance)
                if distance > self.max_distance:
                    continue
                key = (distance, -self.frequencies_[candidate], candidate)
                if best is None or key < (best[0], -best[1], best[2]):
                    best = (distance, self.frequencies_[candidate], candidate)
        return best[2] if best else None

    def corrections(self, text: str) -> list[Correction]:
        """Replace every unknown Arabic word of ``text`` with its best suggestion.

        Args:
            text: Any text.

        Returns:
            One applied :class:`~qararat.model.Correction` per changed word.
        """
        out: list[Correction] = []
        cache = self.cache_
        for match in _WORD_RE.finditer(text):
            word = match.group()
            if word not in cache:
                cache[word] = self.suggest(word)
            suggestion = cache[word]
            if suggestion is not None and suggestion != _MARKS_RE.sub("", word):
                out.append(
                    Correction(
                        start=match.start(),
                        end=match.end(),
                        original=word,
                        replacement=suggestion,
                        rule=self.rule,
                        confidence=1.0,
                    )
                )
        return out

    def correct(self, text: str) -> str:
        """Return ``text`` with every unknown Arabic word replaced by its best suggestion."""
        parts: list[str] = []
        position = 0
        for c in self.corrections(text):
            parts.append(text[position : c.start])
            parts.append(c.replacement)
            position = c.end
        parts.append(text[position:])
        return "".join(parts)
