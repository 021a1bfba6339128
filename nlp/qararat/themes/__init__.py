"""Themes: taxonomy data, tagging, statistics and topic discovery.

``tag_themes(text)`` and ``annotate(resolution)`` tag paragraphs with the themes of
``data/themes.json``; :mod:`qararat.themes.stats` turns tagged paragraphs into tidy tables;
:mod:`qararat.themes.topics` finds topics the taxonomy lacks. ``stats`` and ``topics`` import
pandas and scikit-learn, so they are imported on demand (``from qararat.themes import stats``).
"""

from qararat.themes.tagger import (
    Theme,
    ThemeMatch,
    ThemeTagger,
    annotate,
    find_themes,
    load_taxonomy,
    tag_themes,
    theme_names,
)

__all__ = [
    "Theme",
    "ThemeMatch",
    "ThemeTagger",
    "annotate",
    "find_themes",
    "load_taxonomy",
    "tag_themes",
    "theme_names",
]
