"""The whole pipeline: read → normalise → repair reversed numbers → correct OCR → structure →
clauses → themes.

Each stage's changes are corrections on the text it received; here they are mapped back onto the
original input, so every correction in a :class:`~qararat.model.Resolution` is a span of the
document as it was read.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from qararat import __version__
from qararat.io import Document, read_document, read_text
from qararat.model import Correction, Resolution
from qararat.normalize import normalization_corrections
from qararat.spans import OffsetMap, apply_corrections


@dataclass(frozen=True)
class AnalyzeConfig:
    """What ``analyze`` does. Hashable, and fingerprinted for resumable batch runs.

    Attributes:
        normalize: Apply the cleaning normalisation steps (Persian letters, presentation forms,
            invisible characters, tatweel, split conjunctions).
        repair_reversed: Repair number pairs reversed by right-to-left extraction.
        correct: Run the OCR correction engine.
        threshold: Minimum confidence for an OCR correction to be applied (below: suggestion).
            ``None`` uses the engine's default.
        classify: Label clauses, modifiers and addressees.
        themes: Tag themes.
    """

    normalize: bool = True
    repair_reversed: bool = True
    correct: bool = True
    threshold: float | None = None
    classify: bool = True
    themes: bool = True

    def fingerprint(self) -> str:
        """A stable hash of the configuration and the qararat version."""
        payload = json.dumps({"version": __version__, **asdict(self)}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


DEFAULT_CONFIG = AnalyzeConfig()
_RE_FILE_NAME = re.compile(
    r"(?:[/~]|\.\.?/)\S*|\S+\.(?:txt|text|md|utf8|csv|json)", re.IGNORECASE
)


def _as_document(source: str | Path | Document) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return read_document(source)
    if source == "-":
        return read_document(source)
    if "\n" not in source and len(source) < 1024:
        # An existing file is read; a one-word string that looks like a file name is a path
        # that is missing (read_document says so) rather than text to analyse.
        if Path(source).is_file() or _RE_FILE_NAME.fullmatch(source):
            return read_document(source)
    return read_text(source)


def _map_back(
    corrections: list[Correction], back: OffsetMap, original: str
) -> list[Correction]:
    out = []
    for c in corrections:
        start, end = back.span_to_source(c.start, c.end)
        out.append(replace(c, start=start, end=end, original=original[start:end]))
    return out


def _merge(earlier: list[Correction], later: list[Correction]) -> list[Correction]:
    """Add a later stage's corrections; a later one that covers earlier ones replaces them."""
    kept = list(earlier)
    for c in later:
        clashing = [
            k for k in kept if k.start < c.end and c.start < k.end or k.start == c.start == c.end
        ]
        partial = any(k.start < c.start or k.end > c.end for k in clashing)
        if clashing and (not c.applied or partial):
            continue  # a suggestion, or only partly covering: the earlier evidence stands
        for k in clashing:
            kept.remove(k)
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))


def find_corrections(original: str, config: AnalyzeConfig = DEFAULT_CONFIG) -> list[Correction]:
    """All corrections of ``original`` as spans on it, in order, non-overlapping."""
    corrections: list[Correction] = []
    if config.normalize:
        corrections = normalization_corrections(original)
    text, back = apply_corrections(original, corrections)
    if config.repair_reversed:
        from qararat.structure.references import reversed_number_corrections

        found = reversed_number_corrections(text)
        corrections = _merge(corrections, _map_back(found, back, original))
        text, back = apply_corrections(original, corrections)
    if config.correct:
        from qararat.ocr import Corrector

        corrector = Corrector.default()
        found = corrector.correct(text)
        if config.threshold is not None:
            found = [replace(c, applied=c.confidence >= config.threshold) for c in found]
        corrections = _merge(corrections, _map_back(found, back, original))
    return corrections


def clean(text: str, config: AnalyzeConfig = DEFAULT_CONFIG) -> str:
    """Return ``text`` with its corrections applied in place: same lines, same order."""
    return apply_corrections(text, find_corrections(text, config))[0]


def analyze(
    source: str | Path | Document, config: AnalyzeConfig | None = None, **options: object
) -> Resolution:
    """Analyse a resolution.

    Args:
        source: A path, ``-`` for standard input, the text itself, or a
            :class:`~qararat.io.Document`.
        config: What to run; defaults to everything.
        **options: Shortcuts for :class:`AnalyzeConfig` fields (``correct=False`` …).

    Returns:
        The :class:`~qararat.model.Resolution`: header, paragraphs with labels, addressees and
        themes, footnotes, references, corrections (spans on the original) and warnings.

    Raises:
        qararat.io.InputError: The input cannot be read or decoded.
    """
    cfg = replace(config or DEFAULT_CONFIG, **options)  # type: ignore[arg-type]
    doc = _as_document(source)
    original = doc.text
    corrections = find_corrections(original, cfg)
    cleaned, _ = apply_corrections(original, corrections)

    from qararat.structure import parse

    res = parse(cleaned, doc_id=doc.doc_id, source=doc.source)
    res.original = original
    res.encoding = doc.encoding
    res.corrections = corrections
    res.warnings = list(doc.warnings) + list(res.warnings)
    if cfg.classify:
        from qararat.clauses import annotate as annotate_clauses

        annotate_clauses(res)
    if cfg.themes:
        from qararat.themes import annotate as annotate_themes

        annotate_themes(res)
    return res
