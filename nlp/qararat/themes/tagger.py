"""Theme tagging: which themes of the taxonomy a paragraph substantively mentions.

The taxonomy is data (``qararat/themes/data/themes.json``): per theme, phrase patterns, optional
unordered ``near`` patterns and ``exclude`` patterns that veto look-alikes (drug trafficking is
not trafficking in persons; an "enabling environment" is not the environment). Matching is done
by :class:`qararat.themes.matcher.PhraseMatcher`, so clitics and single OCR dot errors do not
hide a theme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from qararat.model import Resolution
from qararat.themes.matcher import Match, MatchConfig, PhraseMatcher, load_json

_EXCLUDE = "!"


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy.

    Attributes:
        name: The contract name (``trafficking``, ``children`` …).
        en: A short English title for reports.
        patterns: Phrase patterns, as written in the data file.
        near: Unordered patterns as ``(terms, window)``.
        exclude: Patterns that veto this theme's matches lying inside them.
    """

    name: str
    en: str
    patterns: tuple[str, ...]
    near: tuple[tuple[tuple[str, ...], int], ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeMatch:
    """Evidence for a theme: where in the text, and which pattern fired.

    Attributes:
        theme: Theme name.
        start: Offset of the first character of the matched words.
        end: Offset one past the last matched word.
        text: The matched text as written.
        pattern: The pattern from the data file.
    """

    theme: str
    start: int
    end: int
    text: str
    pattern: str


@lru_cache(maxsize=1)
def load_taxonomy() -> tuple[Theme, ...]:
    """The shipped theme taxonomy, in data-file order."""
    return parse_taxonomy(load_json("themes.json"))


def parse_taxonomy(data: Mapping[str, Any]) -> tuple[Theme, ...]:
    """Build themes from the JSON form of ``themes.json`` (``{"themes": {name: spec}}``)."""
    themes = []
    for name, spec in data["themes"].items():
        themes.append(
            Theme(
                name=name,
                en=str(spec.get("en", name)),
                patterns=tuple(spec.get("patterns", ())),
                near=tuple(
                    (tuple(item["terms"]), int(item["window"])) for item in spec.get("near", ())
                ),
                exclude=tuple(spec.get("exclude", ())),
            )
        )
    return tuple(themes)


def theme_names() -> list[str]:
    """Names of all themes, in taxonomy order."""
    return [t.name for t in load_taxonomy()]


class ThemeTagger:
    """Tag texts with themes.

    Args:
        taxonomy: Themes to look for; the shipped taxonomy when omitted.
        config: Matching settings; the shipped ones when omitted.

    Everything is compiled in ``__init__``; :meth:`tag` and :meth:`matches` are then cheap
    (token results are cached across calls).
    """

    def __init__(
        self,
        taxonomy: tuple[Theme, ...] | None = None,
        config: MatchConfig | None = None,
    ) -> None:
        self.taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self._order = {t.name: i for i, t in enumerate(self.taxonomy)}
        self._matcher = PhraseMatcher(config)
        for theme in self.taxonomy:
            for pattern in theme.patterns:
                self._matcher.add(theme.name, pattern)
            for terms, window in theme.near:
                self._matcher.add_near(theme.name, terms, window)
            for pattern in theme.exclude:
                self._matcher.add(_EXCLUDE + theme.name, pattern)

    @property
    def matcher(self) -> PhraseMatcher:
        """The compiled matcher (shared with callers that need raw matches)."""
        return self._matcher

    def _kept(self, text: str) -> list[Match]:
        found = self._matcher.find(text)
        vetoes: dict[str, list[Match]] = {}
        for m in found:
            if m.key.startswith(_EXCLUDE):
                vetoes.setdefault(m.key[len(_EXCLUDE) :], []).append(m)
        kept = []
        for m in found:
            if m.key.startswith(_EXCLUDE):
                continue
            if any(
                v.first_token <= m.first_token and m.last_token <= v.last_token
                for v in vetoes.get(m.key, ())
            ):
                continue
            kept.append(m)
        return kept

    def matches(self, text: str) -> list[ThemeMatch]:
        """Every theme match in ``text`` (after vetoes), ordered by position."""
        return [
            ThemeMatch(m.key, m.start, m.end, text[m.start : m.end], m.pattern)
            for m in self._kept(text)
        ]

    def tag(self, text: str) -> list[str]:
        """Themes ``text`` mentions, in taxonomy order, each once."""
        names = {m.key for m in self._kept(text)}
        return sorted(names, key=self._order.__getitem__)

    def annotate(self, resolution: Resolution) -> Resolution:
        """Fill ``themes`` of every paragraph of ``resolution`` (in place) and return it."""
        for paragraph in resolution.paragraphs:
            paragraph.themes = self.tag(paragraph.text)
        return resolution


@lru_cache(maxsize=1)
def default_tagger() -> ThemeTagger:
    """The tagger for the shipped taxonomy, compiled on first use."""
    return ThemeTagger()


def tag_themes(text: str) -> list[str]:
    """Themes a text substantively mentions, in taxonomy order.

    Example:
        >>> tag_themes("وإذ تلاحظ أثر جائحة كوفيد-19 على الأطفال")
        ['children', 'covid19']
    """
    return default_tagger().tag(text)


def find_themes(text: str) -> list[ThemeMatch]:
    """The evidence behind :func:`tag_themes`: every theme match with its offsets."""
    return default_tagger().matches(text)


def annotate(resolution: Resolution) -> Resolution:
    """Fill ``Paragraph.themes`` for every paragraph of ``resolution`` and return it."""
    return default_tagger().annotate(resolution)
