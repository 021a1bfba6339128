"""The whole pipeline: read → normalise → repair reversed numbers → correct OCR → structure →
clauses → themes.

Each stage's changes are corrections on the text it received; here they are mapped back onto the
original input, so every correction in a :class:`~qararat.model.Resolution` is a span of the
document as it was read.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from qararat import __version__
from qararat.io import Document, read_bytes, read_document, read_text
from qararat.model import Correction, Resolution
from qararat.normalize import normalization_corrections
from qararat.spans import OffsetMap, apply_corrections

if TYPE_CHECKING:
    from qararat.ocr import Corrector


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
        corpus_ngrams: Word and word-pair counts of the corpus being corrected (a file written
            by :func:`write_corpus_ngrams`); the OCR ranking then also uses the corpus's own
            frequent forms and contexts (``qararat batch --adapt`` makes and passes it).
    """

    normalize: bool = True
    repair_reversed: bool = True
    correct: bool = True
    threshold: float | None = None
    classify: bool = True
    themes: bool = True
    corpus_ngrams: str | None = None

    def fingerprint(self) -> str:
        """A stable hash of the configuration, the qararat version and the corpus counts."""
        fields = asdict(self)
        if self.corpus_ngrams:  # the counts (not the path or gzip's time stamp) decide
            data = Path(self.corpus_ngrams).read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            fields["corpus_ngrams"] = hashlib.sha256(data).hexdigest()
        payload = json.dumps({"version": __version__, **fields}, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


DEFAULT_CONFIG = AnalyzeConfig()
#: One word that is a path to a file: "/x/y", "./a", "~/a", "a.txt". What does not match is
#: analysed as text.
RE_FILE_NAME = re.compile(
    r"(?:~|\.{1,2})?/[^\s/]+(?:/[^\s/]*)*|[^\s/]\S*\.(?:txt|text|md|utf8|csv|json)",
    re.IGNORECASE,
)


def _as_document(source: str | Path | Document | bytes) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return read_document(source)
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source))
    if not isinstance(source, str):
        raise TypeError(
            f"analyze() takes a path, text, bytes or a Document, not {type(source).__name__}"
        )
    if source == "-":
        return read_document(source)
    if "\n" not in source and len(source) < 1024:
        # An existing file is read; a one-word string that looks like a file name is a path
        # that is missing (read_document says so) rather than text to analyse.
        if _is_file(source) or RE_FILE_NAME.fullmatch(source):
            return read_document(source)
    return read_text(source)


def _is_file(name: str) -> bool:
    """True for an existing file; False for text that cannot be a path (too long a name …)."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


def _map_back(corrections: list[Correction], back: OffsetMap, original: str) -> list[Correction]:
    out = []
    for c in corrections:
        start, end = back.span_to_source(c.start, c.end)
        out.append(replace(c, start=start, end=end, original=original[start:end]))
    return out


def _merge(earlier: list[Correction], later: list[Correction]) -> list[Correction]:
    """Add a later stage's corrections; a later one that covers earlier ones replaces them.

    A later correction that clashes with kept ones (overlap, or an insertion at the start of
    one) and is only a suggestion, or covers them only partly, is dropped: the earlier evidence
    stands. Kept corrections are indexed by ``(start, end)`` (unique: clashing ones never stay
    together), so each later correction looks only at the kept ones near it.
    """
    kept = {(k.start, k.end): k for k in earlier}
    if len(kept) != len(earlier):
        return _merge_scan(earlier, later)
    keys = sorted(kept)
    longest = max((e - s for s, e in keys), default=0)
    for c in later:
        lo = bisect.bisect_left(keys, (c.start - longest,))
        hi = bisect.bisect_right(keys, (c.end, sys.maxsize))
        clashing = [
            k
            for k in (kept[key] for key in keys[lo:hi])
            if k.start < c.end and c.start < k.end or k.start == c.start == c.end
        ]
        partial = any(k.start < c.start or k.end > c.end for k in clashing)
        if clashing and (not c.applied or partial):
            continue
        for k in clashing:
            del kept[(k.start, k.end)]
            del keys[bisect.bisect_left(keys, (k.start, k.end))]
        kept[(c.start, c.end)] = c
        bisect.insort(keys, (c.start, c.end))
        longest = max(longest, c.end - c.start)
    return [kept[key] for key in keys]


def _merge_scan(earlier: list[Correction], later: list[Correction]) -> list[Correction]:
    """:func:`_merge` by comparing with every kept correction (for inputs with duplicates)."""
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


#: The normalisation step that joins a lone "و" to its word (left to the corrector).
_SPLIT_CONJUNCTION = "normalize_split_conjunction"


def find_corrections(original: str, config: AnalyzeConfig = DEFAULT_CONFIG) -> list[Correction]:
    """All corrections of ``original`` as spans on it, in order, non-overlapping."""
    corrections: list[Correction] = []
    if config.normalize:
        corrections = normalization_corrections(original)
        if config.correct:
            # a lone "و" before a word is an OCR question when the text was scanned: the
            # corrector weighs the join against "أو" and only suggests it (docs/ocr.md: applied
            # on OCR'd text, the join broke about as many words as it fixed)
            corrections = [c for c in corrections if c.rule != _SPLIT_CONJUNCTION]
    text, back = apply_corrections(original, corrections)
    if config.repair_reversed:
        from qararat.structure.references import reversed_number_corrections

        found = _on_lines(text, reversed_number_corrections)
        corrections = _merge(corrections, _map_back(found, back, original))
        text, back = apply_corrections(original, corrections)
    if config.correct:
        found = _on_lines(text, _corrector(config.corpus_ngrams).correct)
        if config.threshold is not None:
            found = [replace(c, applied=c.confidence >= config.threshold) for c in found]
        corrections = _merge(corrections, _map_back(found, back, original))
    return corrections


def _on_lines(text: str, find: Callable[[str], list[Correction]]) -> list[Correction]:
    """``find(text)``, where a resolution written on one line is first given its line breaks
    back (:func:`~qararat.structure.parser.restore_line_breaks`: spaces become line breaks, so
    offsets hold) for the rules that read paragraph openings and title lines."""
    from qararat.structure.parser import restore_line_breaks

    lined = restore_line_breaks(text)
    if lined is text:
        return find(text)
    return [replace(c, original=text[c.start : c.end]) for c in find(lined)]


@lru_cache(maxsize=4)
def _corrector(corpus_ngrams: str | None) -> Corrector:
    """The packaged corrector, adapted to a corpus's counts when a counts file is given."""
    from qararat.ocr import Corrector
    from qararat.ocr.lexicon import read_ngram_file

    corrector = Corrector.default()
    if corpus_ngrams:
        corrector = corrector.adapt_counts(*read_ngram_file(Path(corpus_ngrams)), weight=0.25)
    return corrector


def write_corpus_ngrams(texts: Iterable[str], path: str | Path, *, min_count: int = 3) -> Path:
    """Count words and word pairs of a corpus (normalised) and save them for adaptation.

    Args:
        texts: The documents, as read.
        path: Where to write the gzipped counts.
        min_count: Counts below this are dropped (rare forms are mostly OCR errors).

    Returns:
        The path written, for :attr:`AnalyzeConfig.corpus_ngrams`.
    """
    from qararat.normalize import normalize
    from qararat.ocr.ngrams import count_ngrams, write_ngrams

    uni, bi = count_ngrams(normalize(t) for t in texts)
    uni = Counter({w: c for w, c in uni.items() if c >= min_count})
    bi = Counter({k: c for k, c in bi.items() if c >= min_count})
    out = Path(path)
    write_ngrams(out, uni, bi)
    return out


def clean(text: str, config: AnalyzeConfig = DEFAULT_CONFIG) -> str:
    """Return ``text`` with its corrections applied in place: same lines, same order (text
    stored in visual order is first turned into reading order, line by line)."""
    if config.normalize:
        from qararat.normalize.visual import reading_order

        text = reading_order(text)[0]
    return apply_corrections(text, find_corrections(text, config))[0]


def analyze(
    source: str | Path | Document | bytes,
    config: AnalyzeConfig | None = None,
    **options: object,
) -> Resolution:
    """Analyse a resolution.

    Args:
        source: A path, ``-`` for standard input, the text itself, its undecoded bytes (any
            encoding :func:`~qararat.io.decode_bytes` detects), or a
            :class:`~qararat.io.Document`.
        config: What to run; defaults to everything.
        **options: Shortcuts for :class:`AnalyzeConfig` fields (``correct=False`` …).

    Returns:
        The :class:`~qararat.model.Resolution`: header, paragraphs with labels, addressees and
        themes, footnotes, references, corrections (spans on the original) and warnings.

    Raises:
        qararat.io.InputError: The input cannot be read or decoded.
        TypeError: ``source`` is none of the above.
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
