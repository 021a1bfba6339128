"""The custom attributes qararat's spaCy components set, registered once and only here.

Span attributes (on the spans of ``doc.spans["clauses"]``): ``label``, ``lead``, ``modifiers``,
``secondary_labels``, ``addressees``, ``themes``, ``kind``, ``number``, ``paragraph_index``,
``parent``. Doc attribute: ``themes`` (every theme the document mentions, taxonomy order).

Registration is explicit (:func:`register_extensions`), idempotent (guarded by
``has_extension``) and called by each component's constructor, so importing this module
changes nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Span extensions and their defaults (lists default to ``None``: spaCy shares defaults).
SPAN_EXTENSIONS: dict[str, object] = {
    "label": None,
    "lead": None,
    "modifiers": None,
    "secondary_labels": None,
    "addressees": None,
    "themes": None,
    "kind": None,
    "number": None,
    "paragraph_index": None,
    "parent": None,
}

#: Doc extensions and their defaults.
DOC_EXTENSIONS: dict[str, object] = {
    "themes": None,
}


def register_extensions() -> None:
    """Register every qararat extension that is not registered yet."""
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
