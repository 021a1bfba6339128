"""Fill the clause fields of every paragraph of a :class:`~qararat.model.Resolution`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qararat.clauses.addressees import Gazetteer, default_gazetteer
from qararat.clauses.leads import (
    LeadMatch,
    Token,
    _scan_modifiers,
    find_secondary_clauses,
    match_lead,
    tokenize,
)
from qararat.clauses.lexicon import Lexicon, default_lexicon
from qararat.model import Paragraph, Resolution


@dataclass(frozen=True)
class ClauseConfig:
    """Settings of clause annotation.

    Attributes:
        fuzzy: Use the OCR-tolerant lead matcher when the rules find nothing.
        use_model: Use the trained fallback classifier for what is left.
        threshold: Smallest model probability accepted; below it the label is ``other``.
        model_dir: Directory of ``model.skops``; ``models/clauses/v1`` by default.
    """

    fuzzy: bool = True
    use_model: bool = True
    threshold: float = 0.6
    model_dir: Path | None = None


def organ_is_masculine(resolution: Resolution, lexicon: Lexicon | None = None) -> bool | None:
    """Gender of the adopting organ: True for councils, False for the Assembly, None unknown."""
    lex = lexicon or default_lexicon()
    header = resolution.header
    for value in (header.body, header.opening):
        gender = lex.gender_of_body(value)
        if gender is not None:
            return gender
    return None


def classify_lead(
    text: str,
    *,
    masculine: bool | None = None,
    kind: str | None = None,
    config: ClauseConfig | None = None,
) -> LeadMatch:
    """Lead, label, modifiers and source of one paragraph's text.

    Rules first, then (except for sub-paragraphs, which mostly open with verbal nouns such as
    "تعزيز") the fuzzy matcher, then the trained model above its probability threshold.

    Args:
        text: The paragraph text.
        masculine: Organ gender (True: councils; False: General Assembly; None: unknown).
        kind: ``preambular``, ``operative``, ``subparagraph`` or None.
        config: Annotation settings.
    """
    cfg = config or ClauseConfig()
    return _classify(text, tokenize(text), masculine, kind, cfg)


def _classify(
    text: str, toks: list[Token], masculine: bool | None, kind: str | None, cfg: ClauseConfig
) -> LeadMatch:
    lenient = kind != "subparagraph"
    match = match_lead(text, toks, masculine=masculine, fuzzy=cfg.fuzzy and lenient)
    if match.label != "other" or not (cfg.use_model and lenient) or not toks:
        return match
    # Imported here: scikit-learn takes seconds to import, and ordinary documents are labelled
    # by the rules and the fuzzy matcher alone.
    from qararat.clauses.model import get_model, model_text

    model = get_model(cfg.model_dir)
    if model is None:
        return match
    proba = model.predict_proba([model_text(text, kind)])[0]
    best = int(proba.argmax())
    label, p = str(model.classes_[best]), float(proba[best])
    if label == "other" or p < cfg.threshold:
        return match
    # The lead is the first word after the opener (if any).
    i = match.token_end if match.token_end < len(toks) else 0
    tok = toks[i]
    lex = default_lexicon()
    form = next(f for f in lex.forms if f.label == label)
    mods, j = _scan_modifiers(toks, i + 1, form, lex)
    return LeadMatch(
        lead=tok.word,
        label=label,
        modifiers=list(dict.fromkeys(mods)),
        source="model",
        confidence=round(p, 3),
        start=tok.start,
        end=tok.end,
        opener=toks[i - 1].word if i > 0 else None,
        token_end=j,
    )


def annotate_paragraph(
    paragraph: Paragraph,
    *,
    masculine: bool | None = None,
    config: ClauseConfig | None = None,
    gazetteer: Gazetteer | None = None,
) -> Paragraph:
    """Fill ``lead``, ``label``, ``label_source``, ``modifiers``, ``secondary_labels`` and
    ``addressees`` of one paragraph (in place; also returned)."""
    cfg = config or ClauseConfig()
    gaz = gazetteer or default_gazetteer()
    text = paragraph.text or ""
    toks = tokenize(text)
    match = _classify(text, toks, masculine, paragraph.kind, cfg)
    paragraph.lead = match.lead
    paragraph.label = match.label
    paragraph.label_source = match.source
    paragraph.modifiers = list(match.modifiers)
    paragraph.secondary_labels = []
    paragraph.addressees = []
    if match.label == "other":
        return paragraph
    clauses = find_secondary_clauses(text, toks, match.token_end, masculine=masculine)
    paragraph.secondary_labels = [c.label for c in clauses]
    if paragraph.kind == "preambular":
        return paragraph
    names: list[str] = []
    stops = [c.token_start for c in clauses] + [len(toks)]
    names += gaz.object_addressees(text, toks, match.token_end, stops[0], label=match.label)
    previous = match.start
    for clause, stop in zip(clauses, stops[1:], strict=True):
        if clause.pronoun_object:
            # "وتشجعها": the pronoun stands for the entities of the clause before it.
            names += gaz.find(text[previous : clause.start])
        else:
            names += gaz.object_addressees(
                text, toks, clause.object_start, stop, label=clause.label
            )
        previous = clause.start
    paragraph.addressees = list(dict.fromkeys(names))
    return paragraph


def annotate(resolution: Resolution, *, config: ClauseConfig | None = None) -> Resolution:
    """Fill the clause fields of every paragraph of ``resolution`` (in place; also returned).

    The organ's gender (from ``header.body`` or ``header.opening``) selects which verb forms
    count as coordinated clauses; lead matching accepts both genders.
    """
    masculine = organ_is_masculine(resolution)
    for paragraph in resolution.paragraphs:
        annotate_paragraph(paragraph, masculine=masculine, config=config)
    return resolution
