"""spaCy integration: a blank Arabic pipeline with qararat's clause, theme and entity components.

>>> from qararat.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp(resolution_text)
>>> [(s._.label, s._.themes) for s in doc.spans["clauses"]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_COMPONENTS = ("qararat_clauses", "qararat_themes", "qararat_entities")


def load_pipeline(components: tuple[str, ...] | list[str] = DEFAULT_COMPONENTS) -> Language:
    """Return ``spacy.blank("ar")`` with qararat's components added, in order.

    Args:
        components: Factory names to add (any of ``qararat_clauses``, ``qararat_themes``,
            ``qararat_entities``).
    """
    import spacy

    from qararat.pipeline import components as _components  # noqa: F401  (registers factories)

    nlp = spacy.blank("ar")
    for name in components:
        nlp.add_pipe(name)
    return nlp


__all__ = ["DEFAULT_COMPONENTS", "load_pipeline"]
