"""Clause classification: lead verbs, labels, modifiers, secondary clauses, addressees.

``annotate(resolution)`` fills, for every paragraph, ``lead``, ``label``, ``label_source``
(``rules``, ``fuzzy`` or ``model``), ``modifiers``, ``secondary_labels`` and ``addressees``;
``classify_lead(text)`` classifies one paragraph's opening alone. Language data (the lead table,
the addressee gazetteer, OCR confusion costs) lives in ``data/``.
"""

from qararat.clauses.addressees import Gazetteer, default_gazetteer
from qararat.clauses.annotate import (
    ClauseConfig,
    annotate,
    annotate_paragraph,
    classify_lead,
    organ_is_masculine,
)
from qararat.clauses.leads import Clause, LeadMatch, find_secondary_clauses, match_lead
from qararat.clauses.lexicon import Lexicon, default_lexicon


def labels() -> tuple[str, ...]:
    """All labels the lead table can give, plus ``other``."""
    return default_lexicon().labels


__all__ = [
    "Clause",
    "ClauseConfig",
    "Gazetteer",
    "LeadMatch",
    "Lexicon",
    "annotate",
    "annotate_paragraph",
    "classify_lead",
    "default_gazetteer",
    "default_lexicon",
    "find_secondary_clauses",
    "labels",
    "match_lead",
    "organ_is_masculine",
]
