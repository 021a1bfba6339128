"""spaCy components: clause spans, themes and UN entities on Arabic resolution text.

Three factories, also exposed through the ``spacy_factories`` entry point so that
``nlp.add_pipe("qararat_clauses")`` works on any pipeline once qararat is installed:

* ``qararat_clauses`` parses the doc text as a resolution (:func:`qararat.structure.parse`),
  labels its paragraphs (:func:`qararat.clauses.annotate`, :func:`qararat.themes.annotate`) and
  stores one span per paragraph in ``doc.spans["clauses"]`` with ``._.label``, ``._.lead``,
  ``._.modifiers``, ``._.secondary_labels``, ``._.addressees``, ``._.themes``, ``._.kind`` …;
* ``qararat_themes`` sets ``doc._.themes`` and one span per theme mention in
  ``doc.spans["themes"]`` (span label = theme), and fills ``._.themes`` of clause spans;
* ``qararat_entities`` adds UN bodies and instruments (ORG, LAW; ``kb_id_`` = canonical English
  name), resolution numbers (RESOLUTION) and document symbols (SYMBOL) to ``doc.ents``.

spaCy imports this module whenever any pipeline is created (entry points), so qararat's own
modules are imported inside the components, not at module level.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from qararat.pipeline.extensions import register_extensions

if TYPE_CHECKING:
    from qararat.model import Paragraph

_CLAUSE_ASSIGNS = [
    "doc.spans",
    "doc._.themes",
    "span._.label",
    "span._.lead",
    "span._.modifiers",
    "span._.secondary_labels",
    "span._.addressees",
    "span._.themes",
    "span._.kind",
    "span._.number",
    "span._.paragraph_index",
    "span._.parent",
]


# -- clauses -----------------------------------------------------------------------------------
@Language.factory(
    "qararat_clauses",
    assigns=_CLAUSE_ASSIGNS,
    default_config={"spans_key": "clauses", "label_clauses": True, "tag_themes": True},
)
def make_clauses(
    nlp: Language, name: str, spans_key: str, label_clauses: bool, tag_themes: bool
) -> ClauseComponent:
    """Create the clause component (see :class:`ClauseComponent`)."""
    return ClauseComponent(
        name=name, spans_key=spans_key, label_clauses=label_clauses, tag_themes=tag_themes
    )


class ClauseComponent:
    """Mark each paragraph of a resolution as a span with its clause annotations.

    Args:
        name: Component name in the pipeline.
        spans_key: Key of ``doc.spans`` to write.
        label_clauses: Run :func:`qararat.clauses.annotate` (lead, label, addressees …).
        tag_themes: Run :func:`qararat.themes.annotate`.

    Span labels are the paragraph kinds (``preambular``, ``operative``, ``subparagraph``).
    The doc text is parsed as it is (no OCR correction: a spaCy doc's text cannot change);
    run :func:`qararat.analyze` first and make the doc from ``resolution.text`` for damaged
    input.
    """

    def __init__(
        self,
        *,
        name: str = "qararat_clauses",
        spans_key: str = "clauses",
        label_clauses: bool = True,
        tag_themes: bool = True,
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.label_clauses = label_clauses
        self.tag_themes = tag_themes

    def __call__(self, doc: Doc) -> Doc:
        """Parse ``doc.text`` and add the clause spans."""
        from qararat.structure import parse

        resolution = parse(doc.text, doc_id="", source="<spacy>")
        if self.label_clauses:
            from qararat.clauses import annotate as annotate_clauses

            annotate_clauses(resolution)
        if self.tag_themes:
            from qararat.themes import annotate as annotate_themes

            annotate_themes(resolution)
        set_clause_spans(doc, resolution.paragraphs, self.spans_key)
        if self.tag_themes:
            doc._.themes = _ordered_union(p.themes for p in resolution.paragraphs)
        return doc


def set_clause_spans(doc: Doc, paragraphs: list[Paragraph], spans_key: str = "clauses") -> None:
    """Store one span per paragraph in ``doc.spans[spans_key]`` with its annotations.

    Paragraph offsets (``start``/``end``) refer to the text that was parsed, which is
    ``doc.text``; a paragraph without offsets is looked up by its text after the previous one.
    """
    text = doc.text
    spans: list[Span] = []
    cursor = 0
    for p in paragraphs:
        start, end = p.start, p.end
        if start is None or end is None or not 0 <= start < end <= len(text):
            found = text.find(p.text, cursor) if p.text else -1
            if found < 0:
                continue
            start, end = found, found + len(p.text)
        span = doc.char_span(start, end, label=p.kind, alignment_mode="expand")
        if span is None:
            continue
        cursor = max(cursor, start)
        span._.label = p.label
        span._.lead = p.lead
        span._.modifiers = list(p.modifiers)
        span._.secondary_labels = list(p.secondary_labels)
        span._.addressees = list(p.addressees)
        span._.themes = list(p.themes)
        span._.kind = p.kind
        span._.number = p.number
        span._.paragraph_index = p.index
        span._.parent = p.parent
        spans.append(span)
    doc.spans[spans_key] = spans


def _ordered_union(lists: Any) -> list[str]:
    from qararat.themes import theme_names

    present = {name for items in lists for name in items}
    return [name for name in theme_names() if name in present]


# -- themes ------------------------------------------------------------------------------------
@Language.factory(
    "qararat_themes",
    assigns=["doc._.themes", "doc.spans", "span._.themes"],
    default_config={"spans_key": "themes", "clauses_key": "clauses"},
)
def make_themes(nlp: Language, name: str, spans_key: str, clauses_key: str) -> ThemeComponent:
    """Create the theme component (see :class:`ThemeComponent`)."""
    return ThemeComponent(name=name, spans_key=spans_key, clauses_key=clauses_key)


class ThemeComponent:
    """Tag themes: ``doc._.themes``, theme mention spans, and ``._.themes`` of clause spans.

    Args:
        name: Component name in the pipeline.
        spans_key: Key of ``doc.spans`` for theme mentions (span label = theme name).
        clauses_key: Key of the clause spans whose ``._.themes`` to fill, when present.
    """

    def __init__(
        self,
        *,
        name: str = "qararat_themes",
        spans_key: str = "themes",
        clauses_key: str = "clauses",
    ) -> None:
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.clauses_key = clauses_key

    def __call__(self, doc: Doc) -> Doc:
        """Add theme spans and themes to ``doc``."""
        from qararat.themes import find_themes, tag_themes, theme_names

        spans = []
        for m in find_themes(doc.text):
            span = doc.char_span(m.start, m.end, label=m.theme, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        present = {s.label_ for s in spans}
        doc._.themes = [name for name in theme_names() if name in present]
        if self.clauses_key in doc.spans:
            for clause in doc.spans[self.clauses_key]:
                clause._.themes = tag_themes(clause.text)
        return doc


# -- entities ----------------------------------------------------------------------------------
@Language.factory(
    "qararat_entities",
    assigns=["doc.ents"],
    default_config={"overwrite_ents": False},
)
def make_entities(nlp: Language, name: str, overwrite_ents: bool) -> EntityComponent:
    """Create the entity component (see :class:`EntityComponent`)."""
    return EntityComponent(name=name, overwrite_ents=overwrite_ents)


@dataclass(frozen=True)
class EntityHit:
    """A character span found by the gazetteer or a reference pattern."""

    start: int
    end: int
    label: str
    kb_id: str


@lru_cache(maxsize=1)
def _entity_data() -> tuple[Any, tuple[tuple[str, re.Pattern[str]], ...]]:
    from qararat.themes.matcher import PhraseMatcher

    path = resources.files("qararat.pipeline").joinpath("data", "entities.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    matcher = PhraseMatcher()
    for entry in data["entities"]:
        for pattern in entry["patterns"]:
            matcher.add(entry["label"], pattern, payload=entry["id"])
    regexes = tuple(
        (label, re.compile(pattern))
        for label, patterns in data["regex"].items()
        for pattern in patterns
    )
    return matcher, regexes


def find_entities(text: str) -> list[EntityHit]:
    """UN bodies, instruments, resolution numbers and symbols in ``text``, no overlaps.

    Longer hits win over the names they contain ("مكتب الأمم المتحدة المعني بالمخدرات
    والجريمة" over "الأمم المتحدة").
    """
    matcher, regexes = _entity_data()
    hits = [EntityHit(m.start, m.end, m.key, m.payload or "") for m in matcher.find(text)]
    for label, regex in regexes:
        hits.extend(EntityHit(m.start(), m.end(), label, m.group()) for m in regex.finditer(text))
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[EntityHit] = []
    for h in hits:
        if all(h.end <= k.start or k.end <= h.start for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


class EntityComponent:
    """Add UN entities and references to ``doc.ents``.

    Args:
        name: Component name in the pipeline.
        overwrite_ents: Replace overlapping entities already on the doc (otherwise they win).
    """

    def __init__(self, *, name: str = "qararat_entities", overwrite_ents: bool = False) -> None:
        register_extensions()
        self.name = name
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        """Find entities in ``doc.text`` and merge them into ``doc.ents``."""
        new = []
        for h in find_entities(doc.text):
            span = doc.char_span(
                h.start, h.end, label=h.label, kb_id=h.kb_id, alignment_mode="expand"
            )
            if span is not None:
                new.append(span)
        existing = list(doc.ents)
        if self.overwrite_ents:
            kept = [e for e in existing if all(e.end <= n.start or n.end <= e.start for n in new)]
            doc.ents = filter_spans(kept + new)
        else:
            added = [n for n in new if all(n.end <= e.start or e.end <= n.start for e in existing)]
            doc.ents = filter_spans(existing + added)
        return doc
