"""Edits on text and the offset maps that tie a changed text back to its original.

Every stage that changes text (normalisation, OCR correction, reversed-number repair) expresses
the change as edits ``(start, end, replacement)`` on its input. Applying edits yields the new
text and an :class:`OffsetMap` that sends any offset in the new text back to the original, so a
span found late in the pipeline can always be shown on the document as it was read.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qararat.model import Correction


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


class OffsetMap:
    """Maps offsets in a derived text back to offsets in its source text.

    Built from the sorted, non-overlapping edits that turned the source into the derived text.
    Offsets outside any edit shift by the accumulated length difference; offsets inside a
    replacement map to the start of the replaced source span (its end for the replacement's end).
    """

    __slots__ = ("_new_starts", "_new_ends", "_old_starts", "_old_ends")

    def __init__(self, edits: Sequence[Edit] = ()) -> None:
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        self._old_starts: list[int] = []
        self._old_ends: list[int] = []
        delta = 0
        for e in edits:
            ns = e.start + delta
            ne = ns + len(e.replacement)
            self._new_starts.append(ns)
            self._new_ends.append(ne)
            self._old_starts.append(e.start)
            self._old_ends.append(e.end)
            delta += len(e.replacement) - (e.end - e.start)

    @classmethod
    def identity(cls) -> OffsetMap:
        """The map of a text that was not changed."""
        return cls(())

    def to_source(self, offset: int, *, is_end: bool = False) -> int:
        """Return the source offset for ``offset`` in the derived text.

        Args:
            offset: Offset in the derived text.
            is_end: Treat the offset as an exclusive span end (maps to the end of an edit).
        """
        i = bisect.bisect_right(self._new_starts, offset) - 1
        if i < 0:
            return offset
        ns, ne = self._new_starts[i], self._new_ends[i]
        os_, oe = self._old_starts[i], self._old_ends[i]
        if offset == ns:
            return os_
        if offset < ne:
            return oe if is_end else os_
        return oe + (offset - ne)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the derived text to the source text."""
        s = self.to_source(start)
        e = self.to_source(end, is_end=True)
        return s, max(s, e)

    def compose(self, inner: OffsetMap) -> ComposedMap:
        """Chain maps: ``self`` maps C→B and ``inner`` maps B→A; the result maps C→A."""
        return ComposedMap([self, inner])


class ComposedMap(OffsetMap):
    """A chain of offset maps applied from the newest text back to the oldest."""

    def __init__(self, maps: Sequence[OffsetMap]) -> None:  # noqa: D107
        super().__init__(())
        self._maps = list(maps)

    def to_source(self, offset: int, *, is_end: bool = False) -> int:  # noqa: D102
        for m in self._maps:
            offset = m.to_source(offset, is_end=is_end)
        return offset


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits to ``text``.

    Args:
        text: The source text.
        edits: Edits with offsets into ``text``; overlapping edits raise ``ValueError``.

    Returns:
        The new text and the :class:`OffsetMap` from it back to ``text``.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    parts: list[str] = []
    pos = 0
    for e in ordered:
        if e.start < pos:
            raise ValueError(f"overlapping edits at offset {e.start}")
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(ordered)


def apply_corrections(
    text: str, corrections: Iterable[Correction], *, include_suggestions: bool = False
) -> tuple[str, OffsetMap]:
    """Apply corrections (offsets into ``text``) and return the cleaned text and its map.

    Suggestions (``applied=False``) are skipped unless ``include_suggestions`` is true.
    """
    edits = [
        Edit(c.start, c.end, c.replacement)
        for c in corrections
        if c.applied or include_suggestions
    ]
    return apply_edits(text, edits)


def remove_overlaps(corrections: Iterable[Correction]) -> list[Correction]:
    """Keep the most confident of overlapping corrections, earlier ones on ties; sorted."""
    chosen: list[Correction] = []
    for c in sorted(corrections, key=lambda c: (-c.confidence, c.start, c.end)):
        if not any(_overlap(c, k) for k in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _overlap(a: Correction, b: Correction) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point
        return a.start == b.start or (a.start < b.end and b.start < a.end)
    return a.start < b.end and b.start < a.end
