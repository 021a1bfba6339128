"""Measuring OCR noise and OCR correction: alignment, WER/CER, edit precision, recall by class.

Three texts are compared: the *gold* text, the *noisy* OCR output and the *corrected* output
of a corrector. Words are aligned by Levenshtein distance over tokens (line by line when the
texts have the same number of lines, which is the case for ``corpora/ocr`` and for corrections
applied as spans), and every gold→noisy word error is put into a confusion class
(``dots``, ``hamza``, ``alef_maqsura``, ``ta_marbuta``, ``insert_delete``, ``split_merge``,
``other``; definitions in ``data/confusion_classes.json``).

Two views of a text are measured:

* **letters-only**: Arabic letters and single spaces, after removing diacritics and tatweel;
  digits, Latin text and punctuation are dropped. This is what a spelling corrector is
  responsible for.
* **all characters**: whitespace-separated tokens of the text as it is (punctuation attached),
  so a Latin comma read for an Arabic comma counts as an error.

Counts are kept as integers in :class:`CorrectionCounts`, which add up over documents, so
corpus scores are micro-averages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

Tag = Literal["equal", "replace", "insert", "delete"]

_DIACRITICS_RE = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_NON_LETTER_RE = re.compile("[^\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")
_SPACE_RE = re.compile(r"\s+")

CONFUSION_CLASSES = (
    "dots",
    "hamza",
    "alef_maqsura",
    "ta_marbuta",
    "insert_delete",
    "split_merge",
    "other",
)


@dataclass(frozen=True)
class Block:
    """One aligned block: ``ref[i1:i2]`` against ``hyp[j1:j2]``.

    ``equal`` blocks pair identical tokens one to one; ``replace``, ``insert`` and
    ``delete`` blocks are maximal runs of edits between equal blocks.
    """

    tag: Tag
    i1: int
    i2: int
    j1: int
    j2: int


@dataclass(frozen=True)
class ErrorUnit:
    """A gold→noisy word error: the gold words, the OCR words that replace them, the class."""

    gold: str
    noisy: str
    confusion: str
    line: int


def letters_only(text: str) -> str:
    """Reduce ``text`` to Arabic letters separated by single spaces.

    Args:
        text: Any text.

    Returns:
        The text without diacritics and tatweel, every run of non-letters replaced by one
        space, stripped.

    Example:
        >>> letters_only("الجمعيةُ العامة، 2021")
        'الجمعية العامة'
    """
    text = _DIACRITICS_RE.sub("", text)
    return _NON_LETTER_RE.sub(" ", text).strip()


def tokenize(text: str, *, letters: bool = True) -> list[str]:
    """Split ``text`` into the tokens measured by WER.

    Args:
        text: Any text.
        letters: True for letters-only tokens, False for whitespace tokens of the raw text.

    Returns:
        The tokens.
    """
    if letters:
        return letters_only(text).split()
    return text.split()


def _distance(a: Sequence[object], b: Sequence[object]) -> int:
    """Levenshtein distance with unit costs (two-row dynamic programming)."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _exact_ops(a: Sequence[object], b: Sequence[object]) -> list[tuple[str, int, int]]:
    """Optimal edit script between ``a`` and ``b`` as (op, i, j) steps, op in =,s,i,d.

    Uses a diagonal band that doubles until the distance fits inside it (Ukkonen), so long
    sequences with few differences cost O(n·d) instead of O(n·m).
    """
    n, m = len(a), len(b)
    band = max(8, abs(n - m) + 8)
    while True:
        ops = _banded_ops(a, b, band)
        if ops is not None:
            return ops
        band *= 2


def _banded_ops(
    a: Sequence[object], b: Sequence[object], band: int
) -> list[tuple[str, int, int]] | None:
    """Edit script restricted to cells with ``|i - j| <= band``; None if the distance > band."""
    n, m = len(a), len(b)
    inf = n + m + 1
    lows: list[int] = []
    rows: list[list[int]] = []
    for i in range(n + 1):
        lo, hi = max(0, i - band), min(m, i + band)
        row = [inf] * (hi - lo + 1)
        if i == 0:
            for j in range(lo, hi + 1):
                row[j - lo] = j
        else:
            plo, prow = lows[-1], rows[-1]
            phi = plo + len(prow) - 1
            x = a[i - 1]
            for j in range(lo, hi + 1):
                if j == 0:
                    row[0] = i
                    continue
                up = prow[j - plo] if plo <= j <= phi else inf
                diag = prow[j - 1 - plo] if plo <= j - 1 <= phi else inf
                left = row[j - 1 - lo] if j - 1 >= lo else inf
                row[j - lo] = min(up + 1, left + 1, diag + (x != b[j - 1]))
        lows.append(lo)
        rows.append(row)

    def cell(i: int, j: int) -> int:
        lo, row = lows[i], rows[i]
        return row[j - lo] if lo <= j < lo + len(row) else inf

    if cell(n, m) > band:
        return None
    ops: list[tuple[str, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        here = cell(i, j)
        if i > 0 and j > 0 and here == cell(i - 1, j - 1) + (a[i - 1] != b[j - 1]):
            ops.append(("=" if a[i - 1] == b[j - 1] else "s", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and here == cell(i - 1, j) + 1:
            ops.append(("d", i - 1, j))
            i -= 1
        else:
            ops.append(("i", i, j - 1))
            j -= 1
    ops.reverse()
    return ops


def _blocks_from_ops(ops: list[tuple[str, int, int]], i0: int, j0: int) -> list[Block]:
    """Group an edit script into equal blocks and maximal edit runs."""
    blocks: list[Block] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        if not run:
            return
        if all(op == "s" for op, _, _ in run):
            # Pure substitutions: one word-for-word unit each.
            for _, i, j in run:
                blocks.append(Block("replace", i0 + i, i0 + i + 1, j0 + j, j0 + j + 1))
            run.clear()
            return
        ii = [i for op, i, _ in run if op in "sd"]
        jj = [j for op, _, j in run if op in "si"]
        i1 = min(ii) if ii else run[0][1]
        i2 = max(ii) + 1 if ii else i1
        j1 = min(jj) if jj else run[0][2]
        j2 = max(jj) + 1 if jj else j1
        tag: Tag = "replace" if ii and jj else ("delete" if ii else "insert")
        blocks.append(Block(tag, i0 + i1, i0 + i2, j0 + j1, j0 + j2))
        run.clear()

    for op, i, j in ops:
        if op == "=":
            flush()
            blocks.append(Block("equal", i0 + i, i0 + i + 1, j0 + j, j0 + j + 1))
        else:
            run.append((op, i, j))
    flush()
    return _merge_equal(blocks)


def _merge_equal(blocks: list[Block]) -> list[Block]:
    """Merge adjacent equal blocks."""
    merged: list[Block] = []
    for b in blocks:
        if merged and b.tag == "equal" and merged[-1].tag == "equal":
            last = merged[-1]
            merged[-1] = Block("equal", last.i1, b.i2, last.j1, b.j2)
        else:
            merged.append(b)
    return merged


def align(ref: Sequence[str], hyp: Sequence[str]) -> list[Block]:
    """Align two token (or character) sequences by Levenshtein distance.

    Args:
        ref: Reference tokens.
        hyp: Hypothesis tokens.

    Returns:
        Blocks covering both sequences in order: equal runs, single-word substitutions, and
        maximal runs of edits that involve an insertion or a deletion.
    """
    return _blocks_from_ops(_exact_ops(ref, hyp), 0, 0)


def _trim(a: Sequence[object], b: Sequence[object]) -> tuple[Sequence[object], Sequence[object]]:
    """Drop the common prefix and suffix (they never change the distance)."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    return a[start : len(a) - end], b[start : len(b) - end]


def _banded_distance(a: Sequence[object], b: Sequence[object], band: int) -> int | None:
    """Levenshtein distance computed inside ``|i - j| <= band``; None if it exceeds band."""
    n, m = len(a), len(b)
    inf = n + m + 1
    previous = {j: j for j in range(0, min(m, band) + 1)}
    for i in range(1, n + 1):
        lo, hi = max(0, i - band), min(m, i + band)
        current: dict[int, int] = {}
        x = a[i - 1]
        get = previous.get
        for j in range(lo, hi + 1):
            if j == 0:
                current[0] = i
                continue
            current[j] = min(
                get(j, inf) + 1,
                current.get(j - 1, inf) + 1,
                get(j - 1, inf) + (x != b[j - 1]),
            )
        previous = current
    result = previous.get(m, inf)
    return result if result <= band else None


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Levenshtein distance between two sequences (unit costs).

    The common prefix and suffix are dropped first; long remainders are computed in a
    diagonal band that doubles until the distance fits (exact result, O(n·d) time).
    """
    a, b = _trim(ref, hyp)
    if not a or not b:
        return max(len(a), len(b))
    if len(a) * len(b) <= 10_000:
        return _distance(a, b)
    band = max(16, abs(len(a) - len(b)) + 16)
    while True:
        result = _banded_distance(a, b, band)
        if result is not None:
            return result
        band *= 2


def _paired_lines(gold: str, other: str) -> list[tuple[str, str]]:
    """Pair lines when both texts have the same line count, else the whole texts."""
    gold_lines, other_lines = gold.split("\n"), other.split("\n")
    if len(gold_lines) == len(other_lines):
        return list(zip(gold_lines, other_lines, strict=True))
    return [(gold.replace("\n", " "), other.replace("\n", " "))]


@dataclass
class RateCounts:
    """Errors and reference length for one error rate; add them up over documents."""

    errors: int = 0
    length: int = 0

    @property
    def rate(self) -> float:
        """Errors divided by reference length (0.0 for an empty reference)."""
        return self.errors / self.length if self.length else 0.0

    def __add__(self, other: RateCounts) -> RateCounts:
        return RateCounts(self.errors + other.errors, self.length + other.length)


def word_error_counts(gold: str, hyp: str, *, letters: bool = True) -> RateCounts:
    """Word edit distance of ``hyp`` against ``gold`` and the gold word count."""
    counts = RateCounts()
    for g, h in _paired_lines(gold, hyp):
        ref, out = tokenize(g, letters=letters), tokenize(h, letters=letters)
        counts += RateCounts(edit_distance(ref, out), len(ref))
    return counts


def char_error_counts(gold: str, hyp: str, *, letters: bool = True) -> RateCounts:
    """Character edit distance of ``hyp`` against ``gold`` and the gold character count.

    Letters-only compares :func:`letters_only` strings (spaces count as characters);
    all-characters compares the lines with runs of whitespace reduced to one space.
    """
    counts = RateCounts()
    for g, h in _paired_lines(gold, hyp):
        if letters:
            ref, out = letters_only(g), letters_only(h)
        else:
            ref, out = _SPACE_RE.sub(" ", g).strip(), _SPACE_RE.sub(" ", h).strip()
        counts += RateCounts(edit_distance(ref, out), len(ref))
    return counts


def wer(gold: str, hyp: str, *, letters: bool = True) -> float:
    """Word error rate of ``hyp`` against ``gold``."""
    return word_error_counts(gold, hyp, letters=letters).rate


def cer(gold: str, hyp: str, *, letters: bool = True) -> float:
    """Character error rate of ``hyp`` against ``gold``."""
    return char_error_counts(gold, hyp, letters=letters).rate


@lru_cache(maxsize=1)
def load_confusion_classes() -> dict:
    """Load ``data/confusion_classes.json`` (cached)."""
    path = resources.files("qararat.ocr").joinpath("data/confusion_classes.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _char_edits(gold: str, noisy: str) -> list[tuple[str, str]]:
    """Character substitutions/insertions/deletions turning ``gold`` into ``noisy``."""
    edits: list[tuple[str, str]] = []
    for op, i, j in _exact_ops(gold, noisy):
        if op == "s":
            edits.append((gold[i], noisy[j]))
        elif op == "d":
            edits.append((gold[i], ""))
        elif op == "i":
            edits.append(("", noisy[j]))
    return edits


def _fits(edits: list[tuple[str, str]], spec: dict) -> bool:
    """True when every char edit is a same-group substitution or an allowed indel."""
    groups = [set(g) for g in spec["groups"]]
    indels = set(spec.get("indels", []))
    for a, b in edits:
        if a and b:
            if not any(a in g and b in g for g in groups):
                return False
        elif (a or b) not in indels:
            return False
    return True


def classify_edit(gold: str, noisy: str) -> str:
    """Confusion class of a gold→noisy word edit (letters-only words, space-separated).

    Args:
        gold: Gold word(s).
        noisy: The OCR word(s) aligned to them.

    Returns:
        One of :data:`CONFUSION_CLASSES`.

    Example:
        >>> classify_edit("تهيب", "تهييب")
        'insert_delete'
        >>> classify_edit("تحيط", "تحبط")
        'dots'
    """
    if gold.replace(" ", "") == noisy.replace(" ", ""):
        return "split_merge"
    if " " in gold or " " in noisy or not gold or not noisy:
        return "other"
    edits = _char_edits(gold, noisy)
    spec = load_confusion_classes()
    for name in spec["order"]:
        if _fits(edits, spec["classes"][name]):
            return name
    if all(not (a and b) for a, b in edits):
        return "insert_delete"
    return "other"


def error_units(gold: str, noisy: str) -> list[ErrorUnit]:
    """Every gold→noisy word error (letters-only), with its confusion class.

    Args:
        gold: Gold text.
        noisy: OCR text.

    Returns:
        One unit per non-equal alignment block, in text order.
    """
    units: list[ErrorUnit] = []
    for line, (g, n) in enumerate(_paired_lines(gold, noisy)):
        ref, hyp = tokenize(g), tokenize(n)
        for b in align(ref, hyp):
            if b.tag == "equal":
                continue
            gw, nw = " ".join(ref[b.i1 : b.i2]), " ".join(hyp[b.j1 : b.j2])
            units.append(ErrorUnit(gw, nw, classify_edit(gw, nw), line))
    return units


@dataclass
class CorrectionCounts:
    """Integer counts describing a correction run; ``+`` adds documents together.

    Attributes:
        words: Gold words (letters-only).
        wer_before / wer_after: Letters-only word error counts of noisy / corrected text.
        cer_before / cer_after: Letters-only character error counts.
        wer_all_before / wer_all_after / cer_all_before / cer_all_after: Same on all chars.
        changes: Word-level changes the corrector made (noisy→corrected blocks).
        right_changes: Changes whose result matches the gold text.
        fixed: Gold words wrong in the noisy text and right after correction.
        broken: Gold words right in the noisy text and wrong after correction.
        class_errors: Gold→noisy error units per confusion class.
        class_fixed: Of those, units entirely right after correction.
    """

    words: int = 0
    wer_before: RateCounts = field(default_factory=RateCounts)
    wer_after: RateCounts = field(default_factory=RateCounts)
    cer_before: RateCounts = field(default_factory=RateCounts)
    cer_after: RateCounts = field(default_factory=RateCounts)
    wer_all_before: RateCounts = field(default_factory=RateCounts)
    wer_all_after: RateCounts = field(default_factory=RateCounts)
    cer_all_before: RateCounts = field(default_factory=RateCounts)
    cer_all_after: RateCounts = field(default_factory=RateCounts)
    changes: int = 0
    right_changes: int = 0
    fixed: int = 0
    broken: int = 0
    class_errors: dict[str, int] = field(default_factory=dict)
    class_fixed: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: CorrectionCounts) -> CorrectionCounts:
        def merge(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
            return {k: a.get(k, 0) + b.get(k, 0) for k in set(a) | set(b)}

        return CorrectionCounts(
            words=self.words + other.words,
            wer_before=self.wer_before + other.wer_before,
            wer_after=self.wer_after + other.wer_after,
            cer_before=self.cer_before + other.cer_before,
            cer_after=self.cer_after + other.cer_after,
            wer_all_before=self.wer_all_before + other.wer_all_before,
            wer_all_after=self.wer_all_after + other.wer_all_after,
            cer_all_before=self.cer_all_before + other.cer_all_before,
            cer_all_after=self.cer_all_after + other.cer_all_after,
            changes=self.changes + other.changes,
            right_changes=self.right_changes + other.right_changes,
            fixed=self.fixed + other.fixed,
            broken=self.broken + other.broken,
            class_errors=merge(self.class_errors, other.class_errors),
            class_fixed=merge(self.class_fixed, other.class_fixed),
        )

    @property
    def edit_precision(self) -> float | None:
        """Right changes / all changes; None when the corrector changed nothing."""
        return self.right_changes / self.changes if self.changes else None

    @property
    def wer_reduction(self) -> float:
        """Relative letters-only WER reduction (negative when correction made it worse)."""
        before = self.wer_before.rate
        return (before - self.wer_after.rate) / before if before else 0.0

    @property
    def broken_per_5000(self) -> float:
        """Broken words per 5,000 gold words."""
        return 5000.0 * self.broken / self.words if self.words else 0.0

    def class_recall(self) -> dict[str, float | None]:
        """Share of gold→noisy error units fixed, per confusion class (None if no errors)."""
        return {
            c: (self.class_fixed.get(c, 0) / self.class_errors[c])
            if self.class_errors.get(c)
            else None
            for c in CONFUSION_CLASSES
        }

    def to_dict(self) -> dict[str, object]:
        """Rates and counts as a flat JSON-ready dict."""
        return {
            "words": self.words,
            "wer_before": self.wer_before.rate,
            "wer_after": self.wer_after.rate,
            "cer_before": self.cer_before.rate,
            "cer_after": self.cer_after.rate,
            "wer_all_before": self.wer_all_before.rate,
            "wer_all_after": self.wer_all_after.rate,
            "cer_all_before": self.cer_all_before.rate,
            "cer_all_after": self.cer_all_after.rate,
            "wer_reduction": self.wer_reduction,
            "changes": self.changes,
            "right_changes": self.right_changes,
            "edit_precision": self.edit_precision,
            "fixed": self.fixed,
            "broken": self.broken,
            "broken_per_5000": self.broken_per_5000,
            "class_errors": dict(sorted(self.class_errors.items())),
            "class_recall": self.class_recall(),
        }


def _correct_gold_positions(blocks: list[Block]) -> set[int]:
    """Gold token indices inside equal blocks."""
    return {i for b in blocks if b.tag == "equal" for i in range(b.i1, b.i2)}


def _correct_hyp_positions(blocks: list[Block]) -> set[int]:
    """Hypothesis token indices inside equal blocks."""
    return {j for b in blocks if b.tag == "equal" for j in range(b.j1, b.j2)}


def _spurious_hyp_positions(blocks: list[Block]) -> set[int]:
    """Hypothesis token indices inserted with no gold counterpart."""
    return {j for b in blocks if b.tag == "insert" for j in range(b.j1, b.j2)}


def _insert_points(blocks: list[Block]) -> set[int]:
    """Gold positions before which the hypothesis inserts tokens."""
    return {b.i1 for b in blocks if b.tag == "insert"}


def score_correction(gold: str, noisy: str, corrected: str) -> CorrectionCounts:
    """Score a corrector's output against the gold text and the noisy input.

    Args:
        gold: Gold text.
        noisy: OCR output given to the corrector.
        corrected: The corrector's output.

    Returns:
        Counts for this document (add several with ``+``).
    """
    counts = CorrectionCounts(
        wer_before=word_error_counts(gold, noisy),
        wer_after=word_error_counts(gold, corrected),
        cer_before=char_error_counts(gold, noisy),
        cer_after=char_error_counts(gold, corrected),
        wer_all_before=word_error_counts(gold, noisy, letters=False),
        wer_all_after=word_error_counts(gold, corrected, letters=False),
        cer_all_before=char_error_counts(gold, noisy, letters=False),
        cer_all_after=char_error_counts(gold, corrected, letters=False),
    )
    gold_lines, noisy_lines, corr_lines = (t.split("\n") for t in (gold, noisy, corrected))
    if not (len(gold_lines) == len(noisy_lines) == len(corr_lines)):
        gold_lines = [gold.replace("\n", " ")]
        noisy_lines = [noisy.replace("\n", " ")]
        corr_lines = [corrected.replace("\n", " ")]
    for g, n, c in zip(gold_lines, noisy_lines, corr_lines, strict=True):
        ref, noisy_tok, corr_tok = tokenize(g), tokenize(n), tokenize(c)
        counts.words += len(ref)
        gn, gc = align(ref, noisy_tok), align(ref, corr_tok)
        ok_noisy, ok_corr = _correct_gold_positions(gn), _correct_gold_positions(gc)
        counts.fixed += len((set(range(len(ref))) - ok_noisy) & ok_corr)
        counts.broken += len(ok_noisy - ok_corr)
        corr_inserts = _insert_points(gc)
        for b in gn:
            if b.tag == "equal":
                continue
            gw, nw = " ".join(ref[b.i1 : b.i2]), " ".join(noisy_tok[b.j1 : b.j2])
            name = classify_edit(gw, nw)
            counts.class_errors[name] = counts.class_errors.get(name, 0) + 1
            if b.i1 < b.i2:
                fixed = all(i in ok_corr for i in range(b.i1, b.i2))
            else:
                fixed = b.i1 not in corr_inserts
            if fixed:
                counts.class_fixed[name] = counts.class_fixed.get(name, 0) + 1
        right_corr = _correct_hyp_positions(gc)
        spurious = _spurious_hyp_positions(gn)
        for b in align(noisy_tok, corr_tok):
            if b.tag == "equal":
                continue
            counts.changes += 1
            if b.j1 < b.j2:
                right = all(j in right_corr for j in range(b.j1, b.j2))
            else:
                right = all(i in spurious for i in range(b.i1, b.i2))
            counts.right_changes += right
    return counts
