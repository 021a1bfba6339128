"""Arabic normalisation: composable pure steps that keep an offset map to the original.

Search-only folding (alef/hamza, ة/ه, ى/ي) lives in :func:`match_key` and is never written into
cleaned text.
"""

import sys as _sys
import types as _types

from qararat.normalize.steps import (
    CLEANING_STEPS,
    arabic_words,
    find_diacritics,
    find_eastern_digits,
    find_invisible,
    find_persian_letters,
    find_presentation_forms,
    find_space_runs,
    find_split_conjunction,
    find_tatweel,
    fold_presentation_forms,
    join_split_conjunction,
    match_key,
    normalization_corrections,
    normalize,
    normalize_whitespace,
    normalize_with_map,
    replace_persian_letters,
    run_steps,
    strip_bidi_controls,
    strip_diacritics,
    strip_tatweel,
    to_ascii_digits,
)

__all__ = [
    "CLEANING_STEPS",
    "arabic_words",
    "find_diacritics",
    "find_eastern_digits",
    "find_invisible",
    "find_persian_letters",
    "find_presentation_forms",
    "find_space_runs",
    "find_split_conjunction",
    "find_tatweel",
    "fold_presentation_forms",
    "join_split_conjunction",
    "match_key",
    "normalization_corrections",
    "normalize",
    "normalize_whitespace",
    "normalize_with_map",
    "replace_persian_letters",
    "run_steps",
    "strip_bidi_controls",
    "strip_diacritics",
    "strip_tatweel",
    "to_ascii_digits",
]


class _CallableModule(_types.ModuleType):
    """Lets ``qararat.normalize(text)`` work although ``qararat.normalize`` is a package."""

    def __call__(self, text: str, **options: bool) -> str:
        return normalize(text, **options)


_sys.modules[__name__].__class__ = _CallableModule
