"""Clitic- and OCR-tolerant phrase matching over folded Arabic tokens.

The theme tagger and the spaCy entity component both need the same thing: find short Arabic
phrases ("الاتجار بالأشخاص", "مكتب الأمم المتحدة المعني بالمخدرات والجريمة") in text that
carries proclitics (و، ف، ب، ل، ك، ال، لل) and OCR damage (one wrong dot, a misplaced hamza).
This module does it without any dictionary lookup at run time:

* every token is folded with :func:`qararat.normalize.match_key` (alef/hamza, ة/ه, ى/ي) and
  expanded into the few stems its proclitics allow (``وبالأطفال`` → ``بالاطفال``, ``الاطفال``,
  ``اطفال``);
* a pattern term is a folded stem, exact or prefix (``طفل*``), or alternatives of those
  (``بالأشخاص|بالبشر``), or ``#`` for any number;
* terms of five letters or more also match a token that differs in one letter of the same
  dotless skeleton (ت/ث/ن/ب/ي, ج/ح/خ, ف/ق …), the typical OCR dot error;
* a pattern is a sequence of terms with optional gaps (``...``), or a set of terms that must
  occur near each other in any order.

Everything is compiled once per :class:`PhraseMatcher`; the result of expanding and looking up a
token is cached, so tagging costs a dictionary lookup per running word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from qararat.normalize import match_key

#: A running word: Arabic letters with their diacritics and tatweel, digits, or Latin letters.
_RE_TOKEN = re.compile(
    "[\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06d5\u06fa-\u06fc]+"
    "|[0-9\u0660-\u0669\u06f0-\u06f9]+"
    "|[A-Za-z]+"
)
_DIGITS = str.maketrans(
    {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
)
_CACHE_LIMIT = 200_000
_EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MatchConfig:
    """How tokens are expanded and compared (loaded from ``themes/data/matching.json``).

    Attributes:
        proclitic_layers: Proclitics in the order they attach, outermost first; each layer is
            optional and at most one item of a layer is stripped.
        article: The definite article, stripped last.
        elided_article_after: Prepositions after which the article loses its alef (ل + ال →
            لل); stripping such a preposition from ``لل…`` also yields the ``ال…`` form.
        min_stem_length: Shortest stem a stripping may leave.
        fuzzy_min_length: Shortest term that tolerates one skeleton-preserving letter change.
        skeleton_classes: Groups of letters that share a dotless shape (OCR confuses them).
        default_gap: How many tokens ``...`` in a pattern may skip.
        phrase_barriers: Punctuation a phrase may not cross (``،`` ends a phrase).
        near_barriers: Punctuation an unordered (near) pattern may not cross.
    """

    proclitic_layers: tuple[tuple[str, ...], ...]
    article: str
    elided_article_after: tuple[str, ...]
    min_stem_length: int
    fuzzy_min_length: int
    skeleton_classes: tuple[str, ...]
    default_gap: int
    phrase_barriers: str = ""
    near_barriers: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MatchConfig:
        """Build a config from its JSON form."""
        return cls(
            proclitic_layers=tuple(
                tuple(fold(p) for p in layer) for layer in data["proclitic_layers"]
            ),
            article=fold(data["article"]),
            elided_article_after=tuple(fold(p) for p in data["elided_article_after"]),
            min_stem_length=int(data["min_stem_length"]),
            fuzzy_min_length=int(data["fuzzy_min_length"]),
            skeleton_classes=tuple(data["skeleton_classes"]),
            default_gap=int(data["default_gap"]),
            phrase_barriers=str(data.get("phrase_barriers", "")),
            near_barriers=str(data.get("near_barriers", "")),
        )


@lru_cache(maxsize=1)
def default_config() -> MatchConfig:
    """The matching settings shipped in ``qararat/themes/data/matching.json``."""
    return MatchConfig.from_dict(load_json("matching.json"))


def load_json(name: str) -> dict[str, Any]:
    """Read a JSON data file of this package, dropping ``_comment`` keys."""
    path = resources.files("qararat.themes").joinpath("data", name)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def fold(word: str) -> str:
    """Search key of a word: :func:`match_key` plus ASCII digits and lower-case Latin."""
    return match_key(word).translate(_DIGITS).lower()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Running words of ``text`` as ``(start, end, surface)``; punctuation splits words."""
    return [(m.start(), m.end(), m.group()) for m in _RE_TOKEN.finditer(text)]


# -- patterns ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Term:
    """One alternative of a pattern element: a folded stem, exact or prefix, or any number."""

    stem: str
    prefix: bool = False
    number: bool = False


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern.

    Attributes:
        key: What a match stands for (a theme name, an entity label …).
        text: The pattern as written in the data file.
        elements: Per position, the term ids that may fill it; ``None`` marks a gap.
        gaps: Per position, how many tokens a gap may skip (0 for terms).
        window: For unordered ("near") patterns, the largest distance between the terms;
            ``None`` for ordered phrases.
        payload: Free data attached to the pattern (a canonical name, a kb id …).
    """

    key: str
    text: str
    elements: tuple[frozenset[int] | None, ...]
    gaps: tuple[int, ...]
    window: int | None = None
    payload: str | None = None


@dataclass(frozen=True)
class Match:
    """A pattern found in a text.

    Attributes:
        key: The pattern's key (theme, label).
        start: Offset of the first character of the first matched token.
        end: Offset one past the last matched token.
        first_token: Index of the first matched token.
        last_token: Index of the last matched token (inclusive).
        pattern: The pattern as written in the data file.
        payload: The pattern's payload.
    """

    key: str
    start: int
    end: int
    first_token: int
    last_token: int
    pattern: str
    payload: str | None = None


class PhraseMatcher:
    """Find patterns over folded, clitic-stripped tokens with one-dot OCR tolerance.

    Args:
        config: Matching settings; the shipped defaults when omitted.

    Add patterns with :meth:`add` (ordered phrases) and :meth:`add_near` (terms in any order
    within a window); then call :meth:`find`.
    """

    def __init__(self, config: MatchConfig | None = None) -> None:
        self.config = config or default_config()
        self._patterns: list[Pattern] = []
        self._terms: dict[_Term, int] = {}
        self._exact: dict[str, set[int]] = {}
        self._prefix: dict[int, dict[str, set[int]]] = {}
        self._fuzzy_exact: dict[str, list[tuple[str, int]]] = {}
        self._fuzzy_prefix: dict[int, dict[str, list[tuple[str, int]]]] = {}
        self._number_terms: set[int] = set()
        self._by_first: dict[int, list[int]] = {}
        # per pattern, the term ids its second token must have (ordered patterns whose second
        # element is a term), to reject most starts without a call; None: no such check
        self._second: list[frozenset[int] | None] = []
        self._cache: dict[str, frozenset[int]] = {}
        self._skeleton = str.maketrans(
            {ch: group[0] for group in self.config.skeleton_classes for ch in group[1:]}
        )

    # -- building --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, pattern: str, *, payload: str | None = None) -> None:
        """Add an ordered phrase.

        Args:
            key: What a match stands for.
            pattern: Space-separated elements. An element is ``a|b|c`` alternatives; an
                alternative ending in ``*`` is a prefix (stem) match; ``#`` matches any
                number; ``...`` (or ``...N``) lets up to ``default_gap`` (or N) tokens
                intervene.
            payload: Free data returned with each match.
        """
        elements: list[frozenset[int] | None] = []
        gaps: list[int] = []
        for part in pattern.split():
            if part.startswith("..."):
                if not elements:
                    raise ValueError(f"pattern starts with a gap: {pattern!r}")
                elements.append(None)
                gaps.append(int(part[3:]) if part[3:] else self.config.default_gap)
            else:
                elements.append(self._element(part, pattern))
                gaps.append(0)
        if not elements or elements[-1] is None:
            raise ValueError(f"empty pattern or trailing gap: {pattern!r}")
        self._register(Pattern(key, pattern, tuple(elements), tuple(gaps), None, payload))

    def add_near(
        self, key: str, terms: Sequence[str], window: int, *, payload: str | None = None
    ) -> None:
        """Add an unordered pattern: every element within ``window`` tokens of the first.

        Args:
            key: What a match stands for.
            terms: Elements (same syntax as in :meth:`add`, gaps not allowed).
            window: Largest token distance between the first element and any other.
            payload: Free data returned with each match.
        """
        if len(terms) < 2 or window < 1:
            raise ValueError(f"a near pattern needs two terms and a window: {terms!r}")
        text = " & ".join(terms) + f" ~{window}"
        elements = tuple(self._element(t, text) for t in terms)
        self._register(Pattern(key, text, elements, (0,) * len(elements), window, payload))

    def _register(self, pattern: Pattern) -> None:
        index = len(self._patterns)
        self._patterns.append(pattern)
        ordered_pair = pattern.window is None and len(pattern.elements) > 1
        self._second.append(pattern.elements[1] if ordered_pair else None)
        first = pattern.elements[0]
        assert first is not None
        for term_id in first:
            self._by_first.setdefault(term_id, []).append(index)
        self._cache.clear()

    def _element(self, part: str, pattern: str) -> frozenset[int]:
        ids = set()
        for alt in part.split("|"):
            if not alt:
                raise ValueError(f"empty alternative in {pattern!r}")
            ids.add(self._term_id(alt))
        return frozenset(ids)

    def _term_id(self, alt: str) -> int:
        if alt == "#":
            term = _Term("#", number=True)
        else:
            prefix = alt.endswith("*")
            stem = self._canonical(fold(alt.rstrip("*")))
            term = _Term(stem, prefix=prefix)
        if term in self._terms:
            return self._terms[term]
        term_id = len(self._terms)
        self._terms[term] = term_id
        cfg = self.config
        if term.number:
            self._number_terms.add(term_id)
        elif term.prefix:
            self._prefix.setdefault(len(term.stem), {}).setdefault(term.stem, set()).add(term_id)
            if len(term.stem) >= cfg.fuzzy_min_length:
                skel = term.stem.translate(self._skeleton)
                bucket = self._fuzzy_prefix.setdefault(len(skel), {})
                bucket.setdefault(skel, []).append((term.stem, term_id))
        else:
            self._exact.setdefault(term.stem, set()).add(term_id)
            if len(term.stem) >= cfg.fuzzy_min_length:
                skel = term.stem.translate(self._skeleton)
                self._fuzzy_exact.setdefault(skel, []).append((term.stem, term_id))
        return term_id

    def _canonical(self, stem: str) -> str:
        """A pattern term without its article, when what remains is long enough."""
        art = self.config.article
        if stem.startswith(art) and len(stem) - len(art) >= self.config.min_stem_length:
            return stem[len(art) :]
        return stem

    # -- token expansion -------------------------------------------------------------------
    def stems(self, key: str) -> set[str]:
        """All forms of a folded token with optional proclitics (and article) stripped.

        Example: ``وبالاطفال`` → ``{وبالاطفال, بالاطفال, الاطفال, اطفال, ...}``.
        """
        cfg = self.config
        minimum = cfg.min_stem_length
        forms = {key}
        for layer in cfg.proclitic_layers:
            new = set()
            for form in forms:
                for clitic in layer:
                    if form.startswith(clitic) and len(form) - len(clitic) >= minimum:
                        rest = form[len(clitic) :]
                        new.add(rest)
                        if clitic in cfg.elided_article_after and rest.startswith(cfg.article[-1]):
                            new.add(cfg.article[:-1] + rest)
            forms |= new
        art = cfg.article
        for form in list(forms):
            if form.startswith(art) and len(form) - len(art) >= minimum:
                forms.add(form[len(art) :])
        return forms

    def term_ids(self, surface: str) -> frozenset[int]:
        """Ids of the pattern terms a running word satisfies (cached)."""
        cached = self._cache.get(surface)
        if cached is not None:
            return cached
        key = fold(surface)
        if key.isdigit():
            ids: set[int] = set(self._number_terms)
            ids |= self._exact.get(key, set())
        else:
            ids = set()
            for form in self.stems(key):
                ids |= self._lookup(form)
        result = frozenset(ids) if ids else _EMPTY
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[surface] = result
        return result

    def _lookup(self, form: str) -> set[int]:
        ids = set(self._exact.get(form, ()))
        n = len(form)
        for length, table in self._prefix.items():
            if length <= n:
                found = table.get(form[:length])
                if found:
                    ids |= found
        # A form that is itself a term is a word, not a misreading of another term: tolerance
        # is only for forms nothing matches exactly ("الفتيات" is girls, not "الفتيان" misread).
        if n >= self.config.fuzzy_min_length and not ids:
            skel = form.translate(self._skeleton)
            for stem, term_id in self._fuzzy_exact.get(skel, ()):
                if term_id not in ids and _one_off(form, stem):
                    ids.add(term_id)
            for length, fuzzy_table in self._fuzzy_prefix.items():
                if length <= n:
                    for stem, term_id in fuzzy_table.get(skel[:length], ()):
                        if term_id not in ids and _one_off(form[:length], stem):
                            ids.add(term_id)
        return ids

    # -- matching --------------------------------------------------------------------------
    def find(self, text: str) -> list[Match]:
        """All pattern matches in ``text``, ordered by position (overlaps kept)."""
        tokens = tokenize(text)
        ids = [self.term_ids(surface) for _, _, surface in tokens]
        return self.find_in_tokens(text, tokens, ids)

    def segments(
        self, text: str, tokens: Sequence[tuple[int, int, str]]
    ) -> tuple[list[int], list[int]]:
        """Per token, the number of phrase and near barriers before it (equal = same clause)."""
        phrase_bar, near_bar = self.config.phrase_barriers, self.config.near_barriers
        phrase: list[int] = []
        near: list[int] = []
        p = q = 0
        prev_end = 0
        for start, end, _ in tokens:
            if start > prev_end:
                between = text[prev_end:start]
                if phrase_bar and any(ch in phrase_bar for ch in between):
                    p += 1
                if near_bar and any(ch in near_bar for ch in between):
                    q += 1
            phrase.append(p)
            near.append(q)
            prev_end = end
        return phrase, near

    def find_in_tokens(
        self,
        text: str,
        tokens: Sequence[tuple[int, int, str]],
        ids: Sequence[frozenset[int]],
    ) -> list[Match]:
        """Match on tokens of ``text`` already looked up with :meth:`term_ids`."""
        matches: list[Match] = []
        if not any(ids):
            return matches
        phrase_seg, near_seg = self.segments(text, tokens)
        seen: set[tuple[int, int, int]] = set()
        patterns, second_of, by_first = self._patterns, self._second, self._by_first
        n = len(ids)
        for i, token_ids in enumerate(ids):
            if not token_ids:
                continue
            # the next token, if it is in the same phrase segment
            after = ids[i + 1] if i + 1 < n and phrase_seg[i + 1] == phrase_seg[i] else _EMPTY
            for term_id in token_ids:
                for index in by_first.get(term_id, ()):
                    second = second_of[index]
                    if second is not None and second.isdisjoint(after):
                        continue
                    pattern = patterns[index]
                    if pattern.window is None:
                        last = _match_ordered(pattern, ids, phrase_seg, i)
                        if last is None:
                            continue
                        first = i
                    else:
                        span = _match_near(pattern, ids, near_seg, i)
                        if span is None:
                            continue
                        first, last = span
                    if (index, first, last) in seen:
                        continue
                    seen.add((index, first, last))
                    matches.append(
                        Match(
                            pattern.key,
                            tokens[first][0],
                            tokens[last][1],
                            first,
                            last,
                            pattern.text,
                            pattern.payload,
                        )
                    )
        matches.sort(key=lambda m: (m.start, -m.end, m.key))
        return matches


def _one_off(form: str, stem: str) -> bool:
    """True when two same-length, same-skeleton strings differ in at most one letter."""
    diff = 0
    for a, b in zip(form, stem, strict=True):
        if a != b:
            diff += 1
            if diff > 1:
                return False
    return True


def _match_ordered(
    pattern: Pattern, ids: Sequence[frozenset[int]], segment: Sequence[int], start: int
) -> int | None:
    """Index of the last token of an ordered match starting at ``start``, or ``None``."""
    elements, gaps = pattern.elements, pattern.gaps
    n = len(ids)
    clause = segment[start]
    if len(elements) == 1:
        return start

    def walk(k: int, pos: int) -> int | None:
        # element k must match at token pos (k > 0); a gap before it widens the choice
        if k == len(elements):
            return pos - 1
        element = elements[k]
        if element is None:
            for skip in range(gaps[k] + 1):
                end = walk_term(k + 1, pos + skip)
                if end is not None:
                    return end
            return None
        return walk_term(k, pos)

    def walk_term(k: int, pos: int) -> int | None:
        element = elements[k]
        if pos >= n or segment[pos] != clause or element is None or element.isdisjoint(ids[pos]):
            return None
        return walk(k + 1, pos + 1)

    return walk(1, start + 1)


def _match_near(
    pattern: Pattern, ids: Sequence[frozenset[int]], segment: Sequence[int], anchor: int
) -> tuple[int, int] | None:
    """Token span of an unordered match anchored at ``anchor``, or ``None``."""
    window = pattern.window or 0
    lo, hi = max(0, anchor - window), min(len(ids) - 1, anchor + window)
    first = last = anchor
    used = {anchor}
    for element in pattern.elements[1:]:
        assert element is not None
        best = None
        for pos in range(lo, hi + 1):
            if (
                pos not in used
                and segment[pos] == segment[anchor]
                and not element.isdisjoint(ids[pos])
            ):
                if best is None or abs(pos - anchor) < abs(best - anchor):
                    best = pos
        if best is None:
            return None
        used.add(best)
        first, last = min(first, best), max(last, best)
    return first, last


def build_matcher(
    entries: Iterable[tuple[str, Mapping[str, Any]]], config: MatchConfig | None = None
) -> PhraseMatcher:
    """Compile ``(key, spec)`` entries whose spec has ``patterns`` and optional ``near`` lists.

    A ``near`` item is ``{"terms": [...], "window": N}``.
    """
    matcher = PhraseMatcher(config)
    for key, spec in entries:
        payload = spec.get("payload")
        for pattern in spec.get("patterns", ()):
            matcher.add(key, pattern, payload=payload)
        for near in spec.get("near", ()):
            matcher.add_near(key, near["terms"], int(near["window"]), payload=payload)
    return matcher
