"""Compare two versions of a resolution: which paragraphs were kept, revised, added, removed or
moved, and how the language changed.

Recurring resolutions are negotiated from last year's text, so the first question an analyst
asks of a new one is what changed: new operative paragraphs, dropped ones, a lead verb
strengthened ("تشجع" → "تحث"), new addressees and themes. :func:`compare` answers it from two
analyses.

How paragraphs are paired: within each part of a resolution (preamble, operative section with
its sub-paragraphs, annex), paragraphs are aligned in order (a dynamic-programming alignment
that maximises the summed similarity of the pairs it keeps, like a sequence alignment with free
gaps), a pair only when its similarity is at least ``min_similarity``. What is left unpaired on
both sides is then paired greedily across positions when at least ``move_similarity`` alike: a
paragraph that moved. Similarity is :class:`difflib.SequenceMatcher`'s ratio on the paragraphs'
word keys (:func:`qararat.normalize.match_key`: hamza seats, ة/ه, ى/ي and diacritics folded;
footnote markers left out), so spelling variants and OCR-level noise count little.
"""

from __future__ import annotations

import difflib
import html
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from qararat.model import Paragraph, Resolution
from qararat.normalize import match_key
from qararat.structure.footnotes import strip_markers

if TYPE_CHECKING:
    import pandas as pd

Status = Literal["unchanged", "revised", "moved", "added", "removed", "merged", "split"]

#: Paragraph kinds aligned together: sub-paragraphs stay in their parent's sequence.
_GROUPS = {"preambular": "preamble", "operative": "operative", "subparagraph": "operative"}
#: A paragraph rewritten in place (alone between the same two pairs) needs this share of
#: ``min_similarity``.
_IN_PLACE = 0.6
#: Share of a paragraph's words found in a neighbour's counterpart for a merge or a split.
_CONTAINED = 0.5

_CHANGE_COLUMNS = [
    "status",
    "group",
    "old_index",
    "new_index",
    "old_kind",
    "new_kind",
    "old_number",
    "new_number",
    "similarity",
    "old_label",
    "new_label",
    "strength_change",
    "words_added",
    "words_removed",
    "old_text",
    "new_text",
]


@dataclass
class ParagraphChange:
    """One paragraph of either version and what became of it.

    Attributes:
        status: ``unchanged`` (the same words), ``revised`` (paired, words changed),
            ``moved`` (paired out of order), ``added`` (only in the new version), ``removed``
            (only in the old one), ``merged`` (an old paragraph joined to the one before or
            after it: ``new_index`` is the paragraph they became), ``split`` (a new paragraph
            cut from the old one before or after it: ``old_index`` is that paragraph).
        group: ``preamble``, ``operative`` (with sub-paragraphs) or ``annex``.
        old_index, new_index: Paragraph indexes in each version (None where absent).
        old_kind, new_kind: Paragraph kinds in each version.
        old_number, new_number: Operative numbers or sub-paragraph letters.
        similarity: Word-level similarity of the pair in [0, 1] (0 if unpaired).
        old_label, new_label: Clause labels in each version.
        strength_change: +1 if the new lead commits its addressees more strongly (a label in a
            stronger group of ``themes/data/label_strength.json``: "encourage" → "urge"), -1
            if less, 0 otherwise.
        words_added, words_removed: Words inserted into / deleted from the old text.
        diff: The new text as runs ``(op, text)``: ``=`` kept, ``+`` added, ``-`` removed.
        old_text, new_text: The paragraph texts.
    """

    status: Status
    group: str
    old_index: int | None = None
    new_index: int | None = None
    old_kind: str | None = None
    new_kind: str | None = None
    old_number: str | None = None
    new_number: str | None = None
    similarity: float = 0.0
    old_label: str | None = None
    new_label: str | None = None
    strength_change: int = 0
    words_added: int = 0
    words_removed: int = 0
    diff: list[tuple[str, str]] = field(default_factory=list)
    old_text: str = ""
    new_text: str = ""

    @property
    def paired(self) -> bool:
        """True for one paragraph in both versions (unchanged, revised or moved)."""
        return self.status in ("unchanged", "revised", "moved")


@dataclass
class Comparison:
    """Two versions of a resolution, paragraph by paragraph (see :func:`compare`)."""

    old: Resolution
    new: Resolution
    changes: list[ParagraphChange]

    @property
    def shared(self) -> float:
        """Share of the two versions' paragraphs that were paired (1.0: the same paragraphs,
        maybe revised; near 0: probably not versions of one resolution)."""
        total = len(self.old.paragraphs) + len(self.new.paragraphs)
        paired = sum(2 for c in self.changes if c.paired)
        return paired / total if total else 1.0

    def by_status(self, status: Status) -> list[ParagraphChange]:
        return [c for c in self.changes if c.status == status]

    def summary(self) -> dict[str, Any]:
        """Counts per status and group, lead-verb changes, and what the whole text gained or
        lost: addressees, themes, referenced resolutions and documents."""
        counts: dict[str, dict[str, int]] = {}
        for c in self.changes:
            counts.setdefault(c.group, {}).setdefault(c.status, 0)
            counts[c.group][c.status] += 1
        relabelled = [
            {
                "old_number": c.old_number,
                "new_number": c.new_number,
                "group": c.group,
                "old_label": c.old_label,
                "new_label": c.new_label,
                "strength_change": c.strength_change,
            }
            for c in self.changes
            if c.paired and c.old_label != c.new_label
        ]
        return {
            "old": _identity(self.old),
            "new": _identity(self.new),
            "shared": round(self.shared, 4),
            "title_changed": _norm(self.old.header.title or "")
            != _norm(self.new.header.title or ""),
            "paragraphs": counts,
            "relabelled": relabelled,
            "stronger": sum(c.strength_change > 0 for c in self.changes),
            "weaker": sum(c.strength_change < 0 for c in self.changes),
            "addressees": _set_change(_all(self.old, "addressees"), _all(self.new, "addressees")),
            "themes": _set_change(_all(self.old, "themes"), _all(self.new, "themes")),
            "references": _set_change(_cited(self.old), _cited(self.new)),
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per paragraph change, in the new version's order (removed ones where they
        stood)."""
        import pandas as pd

        rows = [{k: getattr(c, k) for k in _CHANGE_COLUMNS} for c in self.changes]
        frame = pd.DataFrame(rows, columns=_CHANGE_COLUMNS)
        return frame.astype({"old_index": "Int64", "new_index": "Int64"})

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "changes": [asdict(c) for c in self.changes],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_html(self) -> str:
        """A self-contained right-to-left page: the summary, then every paragraph with its
        words added and removed marked (all document text escaped)."""
        return _html_page(self)

    def _repr_html_(self) -> str:
        return _html_body(self)


def compare(
    old: Resolution | str | bytes | Any,
    new: Resolution | str | bytes | Any,
    *,
    min_similarity: float = 0.5,
    move_similarity: float = 0.7,
    config: Any = None,
) -> Comparison:
    """Compare two versions of a resolution.

    Args:
        old, new: Each a :class:`~qararat.model.Resolution`, its ``to_dict()`` data (the JSON
            of ``qararat analyze``), or anything :func:`qararat.analyze` takes (a path, text,
            bytes).
        min_similarity: Least similarity for two paragraphs in order to be the same paragraph.
        move_similarity: Least similarity for a pair found out of order (a moved paragraph).
        config: :class:`~qararat.analysis.AnalyzeConfig` for inputs that still need analysing.

    Returns:
        A :class:`Comparison`; ``changes`` lists every paragraph of both versions once.
    """
    if not 0.0 < min_similarity <= 1.0 or not 0.0 < move_similarity <= 1.0:
        raise ValueError("similarities must be in (0, 1]")
    a = old if isinstance(old, Resolution) else _analyze(old, config)
    b = new if isinstance(new, Resolution) else _analyze(new, config)
    for res in (a, b):
        if any(p.index != n for n, p in enumerate(res.paragraphs)):
            raise ValueError(f"{res.doc_id}: paragraph indexes must be their positions (0, 1, …)")
    strength = _strength_ranks()
    ga, gb = _groups(a), _groups(b)
    keys_a = [_keys(p) for p in a.paragraphs]
    keys_b = [_keys(p) for p in b.paragraphs]
    pairs: dict[int, tuple[int, float]] = {}  # new index -> (old index, similarity)
    for group in ("preamble", "operative", "annex"):
        ia = [p.index for p in a.paragraphs if ga[p.index] == group]
        ib = [p.index for p in b.paragraphs if gb[p.index] == group]
        for i, j, sim in _align(ia, ib, keys_a, keys_b, min_similarity):
            pairs[j] = (i, sim)
    moved = _moves(a, b, keys_a, keys_b, pairs, move_similarity)
    for j, (i, sim) in moved.items():
        pairs[j] = (i, sim)
    merged, split = _merges_and_splits(ga, gb, keys_a, keys_b, pairs, set(moved))
    paired_old = {i for i, _ in pairs.values()}
    changes: list[ParagraphChange] = []
    removed = [p for p in a.paragraphs if p.index not in paired_old]

    def _removed_change(p: Paragraph) -> ParagraphChange:
        change = _removed(p, ga[p.index])
        if p.index in merged:
            into = b.paragraphs[merged[p.index]]
            change.status, change.new_index, change.new_number = "merged", into.index, into.number
            change.diff, change.words_removed = [("=", p.text)], 0
        return change

    for q in b.paragraphs:
        if q.index in pairs:
            i, sim = pairs[q.index]
            # the removed paragraphs that stood before this one's counterpart come first
            while removed and removed[0].index < i and q.index not in moved:
                changes.append(_removed_change(removed.pop(0)))
            pair = (a.paragraphs[i], q)
            changes.append(_paired(*pair, gb[q.index], sim, q.index in moved, strength))
        else:
            change = _added(q, gb[q.index])
            if q.index in split:
                source = a.paragraphs[split[q.index]]
                change.status, change.old_index = "split", source.index
                change.old_number, change.diff = source.number, [("=", q.text)]
                change.words_added = 0
            changes.append(change)
    changes.extend(_removed_change(p) for p in removed)
    return Comparison(a, b, changes)


# -- alignment -------------------------------------------------------------------------------


def _align(
    ia: list[int], ib: list[int], keys_a: list[list[str]], keys_b: list[list[str]], floor: float
) -> list[tuple[int, int, float]]:
    """Order-preserving pairs of ``ia`` and ``ib`` maximising the summed similarity."""
    n, m = len(ia), len(ib)
    if not n or not m:
        return []
    sim = [[_similarity(keys_a[i], keys_b[j]) for j in ib] for i in ia]
    pairs = _dp_pairs(sim, floor)
    # a paragraph rewritten in place: the only unpaired one on each side between the same two
    # pairs (or edge) is the same paragraph if still somewhat alike
    bounds = [(-1, -1), *((x, y) for x, y in pairs), (n, m)]
    for (x0, y0), (x1, y1) in zip(bounds, bounds[1:], strict=False):
        if x1 - x0 == 2 and y1 - y0 == 2 and sim[x0 + 1][y0 + 1] >= floor * _IN_PLACE:
            pairs.append((x0 + 1, y0 + 1))
    return sorted((ia[x], ib[y], sim[x][y]) for x, y in pairs)


def _dp_pairs(sim: list[list[float]], floor: float) -> list[tuple[int, int]]:
    """Positions ``(x, y)`` of the order-preserving pairs with the largest summed similarity."""
    n, m = len(sim), len(sim[0])
    # best[x][y]: best score aligning ia[x:] with ib[y:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            s = best[x + 1][y] if best[x + 1][y] > best[x][y + 1] else best[x][y + 1]
            if sim[x][y] >= floor and sim[x][y] + best[x + 1][y + 1] > s:
                s = sim[x][y] + best[x + 1][y + 1]
            best[x][y] = s
    out = []
    x = y = 0
    while x < n and y < m:
        if sim[x][y] >= floor and best[x][y] == sim[x][y] + best[x + 1][y + 1]:
            out.append((x, y))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out


def _merges_and_splits(
    ga: dict[int, str],
    gb: dict[int, str],
    keys_a: list[list[str]],
    keys_b: list[list[str]],
    pairs: dict[int, tuple[int, float]],
    moved: set[int],
) -> tuple[dict[int, int], dict[int, int]]:
    """Paragraphs merged into a neighbour's counterpart, or split off from one.

    An unpaired old paragraph next to a paired one (same part, pair in order) whose words are
    mostly (``_CONTAINED``) found in that pair's new paragraph was merged into it; an unpaired
    new paragraph next to a paired one whose words mostly come from that pair's old paragraph
    was split off it. The first of the paragraphs involved keeps the pair (so "12 and 13
    merged into 14" pairs 12 with 14), which ``pairs`` is updated to show.

    Returns:
        ``(merged, split)``: old index -> the new paragraph it went into; new index -> the old
        paragraph it came from.
    """
    partner_of_old = {i: j for j, (i, _) in pairs.items() if j not in moved}
    paired_old = {i for i, _ in pairs.values()}
    merged: dict[int, int] = {}
    for o in range(len(keys_a)):
        if o in paired_old:
            continue
        for nb in (o - 1, o + 1):
            j = partner_of_old.get(nb)
            if j is None or ga.get(nb) != ga[o] or _contained(keys_a[o], keys_b[j]) < _CONTAINED:
                continue
            merged[o] = j
            if o < nb:  # the earlier paragraph keeps the pair
                pairs[j] = (o, _similarity(keys_a[o], keys_b[j]))
                partner_of_old[o] = partner_of_old.pop(nb)
                del merged[o]
                merged[nb] = j
            break
    partner_of_new = {j: i for j, (i, _) in pairs.items() if j not in moved}
    split: dict[int, int] = {}
    for q in range(len(keys_b)):
        if q in pairs:
            continue
        for nb in (q - 1, q + 1):
            i = partner_of_new.get(nb)
            if i is None or gb.get(nb) != gb[q] or _contained(keys_b[q], keys_a[i]) < _CONTAINED:
                continue
            split[q] = i
            if q < nb:
                pairs[q] = (i, _similarity(keys_a[i], keys_b[q]))
                del pairs[nb]
                partner_of_new[q] = partner_of_new.pop(nb)
                del split[q]
                split[nb] = i
            break
    return merged, split


def _contained(part: list[str], whole: list[str]) -> float:
    """Share of ``part``'s words that appear, in order, in ``whole``."""
    if not part or not whole:
        return 0.0
    blocks = difflib.SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(part)


def _moves(
    a: Resolution,
    b: Resolution,
    keys_a: list[list[str]],
    keys_b: list[list[str]],
    pairs: dict[int, tuple[int, float]],
    floor: float,
) -> dict[int, tuple[int, float]]:
    """Unpaired paragraphs of both versions paired across positions (and parts), best first."""
    paired_old = {i for i, _ in pairs.values()}
    left_a = [p.index for p in a.paragraphs if p.index not in paired_old]
    left_b = [q.index for q in b.paragraphs if q.index not in pairs]
    found = sorted(
        (
            (s, i, j)
            for i in left_a
            for j in left_b
            if (s := _similarity(keys_a[i], keys_b[j])) >= floor
        ),
        reverse=True,
    )
    out: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for s, i, j in found:
        if i not in used and j not in out:
            out[j] = (i, s)
            used.add(i)
    return out


def _similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    # word sets first: most pairs share little, and the set test is cheap
    sa, sb = set(a), set(b)
    if 2 * len(sa & sb) / (len(sa) + len(sb)) < 0.2:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# -- building the changes ----------------------------------------------------------------


def _paired(
    p: Paragraph,
    q: Paragraph,
    group: str,
    sim: float,
    moved: bool,
    strength: dict[str | None, int],
) -> ParagraphChange:
    old_words, new_words = p.text.split(), q.text.split()
    diff, added, removed = _word_diff(old_words, new_words)
    same = not added and not removed
    status: Status = "moved" if moved else ("unchanged" if same else "revised")
    rank_old, rank_new = strength.get(p.label, 99), strength.get(q.label, 99)
    change = 0 if rank_old == rank_new else (1 if rank_new < rank_old else -1)
    return ParagraphChange(
        status=status,
        group=group,
        old_index=p.index,
        new_index=q.index,
        old_kind=p.kind,
        new_kind=q.kind,
        old_number=p.number,
        new_number=q.number,
        similarity=round(sim, 4),
        old_label=p.label,
        new_label=q.label,
        strength_change=change,
        words_added=added,
        words_removed=removed,
        diff=diff,
        old_text=p.text,
        new_text=q.text,
    )


def _added(q: Paragraph, group: str) -> ParagraphChange:
    return _one_side(q, group, "added")


def _removed(p: Paragraph, group: str) -> ParagraphChange:
    return _one_side(p, group, "removed")


def _one_side(p: Paragraph, group: str, status: Literal["added", "removed"]) -> ParagraphChange:
    """A paragraph found in one version only: its fields on that version's side."""
    side = "new" if status == "added" else "old"
    words = len(p.text.split())
    fields: dict[str, Any] = {
        f"{side}_index": p.index,
        f"{side}_kind": p.kind,
        f"{side}_number": p.number,
        f"{side}_label": p.label,
        f"{side}_text": p.text,
    }
    return ParagraphChange(
        status=status,
        group=group,
        words_added=words if status == "added" else 0,
        words_removed=words if status == "removed" else 0,
        diff=[("+" if status == "added" else "-", p.text)],
        **fields,
    )


def _word_diff(old: list[str], new: list[str]) -> tuple[list[tuple[str, str]], int, int]:
    """Runs of kept, added and removed words (matched on their keys, shown as written)."""
    ka, kb = [_key(w) for w in old], [_key(w) for w in new]
    runs: list[tuple[str, str]] = []
    added = removed = 0

    def push(op: str, words: list[str]) -> None:
        if not words:
            return
        text = " ".join(words)
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + " " + text)
        else:
            runs.append((op, text))

    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            push("=", new[j1:j2])
            continue
        removed += sum(1 for k in ka[i1:i2] if k)
        added += sum(1 for k in kb[j1:j2] if k)
        push("-", old[i1:i2])
        push("+", new[j1:j2])
    return runs, added, removed


# -- helpers ---------------------------------------------------------------------------------


def _analyze(source: Any, config: Any) -> Resolution:
    if isinstance(source, dict):
        return Resolution.from_dict(source)  # an analysis already made (its JSON data)
    from qararat.analysis import analyze

    return analyze(source, config)


def _groups(res: Resolution) -> dict[int, str]:
    """Each paragraph's part: a sub-paragraph belongs to its parent's (a preambular paragraph
    may have sub-paragraphs too)."""
    out: dict[int, str] = {}
    for p in res.paragraphs:
        if p.kind == "subparagraph" and p.parent in out:
            out[p.index] = out[p.parent]  # type: ignore[index]
        else:
            out[p.index] = _GROUPS.get(p.kind, "annex")
    return out


def _key(word: str) -> str:
    return match_key(strip_markers(word).strip("،,؛;.:()[]«»\"'"))


def _keys(p: Paragraph) -> list[str]:
    return [k for k in (_key(w) for w in p.text.split()) if k]


def _norm(text: str) -> str:
    return " ".join(k for k in (_key(w) for w in text.split()) if k)


def _strength_ranks() -> dict[str | None, int]:
    from qararat.themes.stats import label_strengths

    groups, order = label_strengths()
    return {label: order.index(group) for label, group in groups.items()}


def _all(res: Resolution, attr: str) -> set[str]:
    return {v for p in res.paragraphs for v in getattr(p, attr)}


def _cited(res: Resolution) -> set[str]:
    """Resolutions and documents a version cites (dates and its own number left out)."""
    own = res.header.resolution
    return {r.value for r in res.references if r.kind != "date" and r.value != own}


def _set_change(old: set[str], new: set[str]) -> dict[str, list[str]]:
    return {"added": sorted(new - old), "removed": sorted(old - new)}


def _identity(res: Resolution) -> dict[str, Any]:
    h = res.header
    return {
        "doc_id": res.doc_id,
        "resolution": h.resolution,
        "adopted": h.adopted,
        "title": h.title,
        "preambular": len(res.preambular),
        "operative": len(res.operative),
    }


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Naskh Arabic","Amiri","Traditional Arabic",serif;margin:1.5em;
line-height:1.9;color:#222}
h1{font-size:1.3em}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.2em .6em;vertical-align:top}
.change{border-top:1px solid #ddd;padding:.4em 0}
.tag{font-family:sans-serif;font-size:.75em;padding:.1em .5em;border-radius:.3em;
background:#eee;margin-left:.5em}
.added .tag{background:#d4f4d4}.removed .tag{background:#f8d4d4}
.revised .tag{background:#fff2c4}.moved .tag,.merged .tag,.split .tag{background:#dde4ff}
ins{background:#d4f4d4;text-decoration:none}del{background:#f8d4d4}
.unchanged{color:#777}.up{color:#0a6b0a}.down{color:#a01010}
"""

#: Statuses in the order the HTML summary table shows them.
_STATUS_ORDER = ("unchanged", "revised", "moved", "added", "removed", "merged", "split")


def _html_page(c: Comparison) -> str:
    """The comparison as a whole page (see :meth:`Comparison.to_html`)."""
    title = html.escape(f"{c.old.doc_id} → {c.new.doc_id}")
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f"{_html_body(c)}</body></html>\n"
    )


def _html_body(c: Comparison) -> str:
    from qararat.report.names import display_name

    s = c.summary()
    esc = html.escape
    out = [
        '<div dir="rtl" lang="ar">',
        f"<h1>{esc(str(s['old']['resolution'] or c.old.doc_id))} ← "
        f"{esc(str(s['new']['resolution'] or c.new.doc_id))}</h1>",
        "<table><tr><th></th>",
    ]
    out += [f"<th>{esc(display_name('statuses', st))}</th>" for st in _STATUS_ORDER] + ["</tr>"]
    for group, counts in s["paragraphs"].items():
        out.append(f"<tr><th>{esc(display_name('groups', group))}</th>")
        out += [f"<td>{counts.get(st, 0)}</td>" for st in _STATUS_ORDER]
        out.append("</tr>")
    out.append("</table>")
    out.append(f"<p>صيغة أقوى: {s['stronger']} · صيغة أضعف: {s['weaker']}</p><ul>")
    for title, key, kind in (
        ("الجهات المخاطبة", "addressees", None),
        ("المواضيع", "themes", "themes"),
        ("المراجع", "references", None),
    ):
        for side, word in (("added", "أضيفت"), ("removed", "حذفت")):
            values = s[key][side]
            if values:
                shown = "، ".join(
                    esc(display_name(kind, v) if kind else v) for v in values  # type: ignore[arg-type]
                )
                out.append(f"<li>{title} ({word}): <bdi>{shown}</bdi></li>")
    out.append("</ul>")
    for ch in c.changes:
        number = ch.old_number if ch.status in ("removed", "merged") else ch.new_number
        label = ""
        if ch.paired and ch.old_label != ch.new_label:
            cls = "up" if ch.strength_change > 0 else "down" if ch.strength_change < 0 else ""
            label = (
                f' <span class="{cls}">{esc(display_name("labels", ch.old_label))} ← '
                f"{esc(display_name('labels', ch.new_label))}</span>"
            )
        moved = ""
        if ch.status == "merged":
            moved = f" (أدمجت في {esc(ch.new_number or '')})"
        elif ch.status == "split":
            moved = f" (من {esc(ch.old_number or '')})"
        elif ch.old_number and ch.new_number and ch.old_number != ch.new_number:
            moved = f" (سابقا {esc(ch.old_number)})"
        body = "".join(
            f"<ins>{esc(t)}</ins> "
            if op == "+"
            else f"<del>{esc(t)}</del> "
            if op == "-"
            else f"{esc(t)} "
            for op, t in ch.diff
        )
        out.append(
            f'<div class="change {ch.status}"><span class="tag">'
            f"{esc(display_name('statuses', ch.status))}"
            f"{' ' + esc(number) if number else ''}</span>{moved}{label}<div>{body}</div></div>"
        )
    out.append("</div>")
    return "\n".join(out)
