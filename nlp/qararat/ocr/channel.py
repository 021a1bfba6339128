"""The channel model: how likely an OCR engine turns an intended word into an observed one.

Costs come from ``data/channel.json``: a weighted Damerau-Levenshtein distance in which the
substitutions OCR makes all the time (letters that share a skeleton and differ in dots, hamza
seats, ى/ي, ة/ه) cost a fraction of an arbitrary edit. A cost of 1.0 is one arbitrary edit.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any

#: Order in which confusion classes name an edit when several apply.
_CLASS_ORDER = ("alef_maqsura", "ta_marbuta", "hamza", "dots", "shape")


def load_channel_data() -> dict[str, Any]:
    """Read ``ocr/data/channel.json``."""
    path = resources.files("qararat.ocr").joinpath("data").joinpath("channel.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class Channel:
    """Weighted, Arabic-aware edit distance between an intended and an observed word.

    Args:
        data: The parsed ``channel.json`` (default: the packaged file).
    """

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data if data is not None else load_channel_data()
        self.data = data
        defaults = data["default_costs"]
        self.substitute_cost: float = defaults["substitute"]
        self.insert_cost: float = defaults["insert"]
        self.delete_cost: float = defaults["delete"]
        self.transpose_cost: float = defaults["transpose"]
        self.split_cost: float = defaults["split"]
        self.merge_cost: float = defaults["merge"]
        self.comma_cost: float = defaults["comma"]
        self.double_cost: float = defaults.get("double", self.insert_cost)
        self._sub: dict[tuple[str, str], float] = {}
        self._sub_class: dict[tuple[str, str], str] = {}
        class_costs = data["class_costs"]
        for name in reversed(_CLASS_ORDER):  # earlier names win
            for group in data["classes"].get(name, []):
                for a in group:
                    for b in group:
                        if a == b:
                            continue
                        cost = class_costs[name]
                        old = self._sub.get((a, b))
                        if old is None or cost <= old:
                            self._sub[(a, b)] = cost
                        self._sub_class[(a, b)] = name
        for pair, cost in data.get("pair_costs", {}).items():
            a, b = pair.split(">")
            self._sub[(a, b)] = float(cost)
        splits = data.get("letter_splits", {})
        #: Letters the engine may read as two (س as "بن" or "من"), the letters the first and
        #: the second of those two may be, and the cost of that one edit.
        self.split_letters: str = splits.get("letters", "")
        self.split_first: str = splits.get("first", "")
        self.split_second: str = splits.get("second", "")
        self.split_letter_cost: float = float(splits.get("cost", math.inf))
        self._ins = {k: float(v) for k, v in data.get("insert_costs", {}).items() if len(k) == 1}
        self._del = {k: float(v) for k, v in data.get("delete_costs", {}).items() if len(k) == 1}
        self.cost = lru_cache(maxsize=200_000)(self._cost)
        #: Costs of differing middles (shared by many word pairs: "تن" in any word).
        self._middles: dict[tuple[str, str], float] = {}

    def sub_cost(self, intended: str, observed: str) -> float:
        """Cost of reading ``intended`` as ``observed`` (one letter each)."""
        if intended == observed:
            return 0.0
        return self._sub.get((intended, observed), self.substitute_cost)

    def ins_cost(self, observed: str) -> float:
        """Cost of the engine adding ``observed`` where nothing was."""
        return self._ins.get(observed, self.insert_cost)

    def del_cost(self, intended: str) -> float:
        """Cost of the engine dropping ``intended``."""
        return self._del.get(intended, self.delete_cost)

    def _ins_at(self, observed: str, j: int) -> float:
        """Cost of the observed letter ``observed[j-1]`` being an OCR insertion."""
        b = observed[j - 1]
        if j > 1 and observed[j - 2] == b:
            return min(self.double_cost, self.ins_cost(b))
        return self.ins_cost(b)

    def _split_ends(self, intended: str, observed: str) -> list[bool] | None:
        """For each end ``j`` of ``observed`` (0..len), whether ``observed[j-2:j]`` may be one
        letter read as two; None when ``intended`` has no such letter or ``observed`` no such
        pair (the alignment loops then skip the step)."""
        letters = self.split_letters
        if not letters or not any(x in letters for x in intended):
            return None
        first, second = self.split_first, self.split_second
        ends = [False, False] + [
            observed[j - 2] in first and observed[j - 1] in second
            for j in range(2, len(observed) + 1)
        ]
        return ends if any(ends) else None

    def _table(self, intended: str, observed: str) -> list[list[float]]:
        n, m = len(intended), len(observed)
        ins = [0.0] + [self._ins_at(observed, j) for j in range(1, m + 1)]
        dels = [0.0] + [self.del_cost(a) for a in intended]
        sub = self._sub
        default_sub = self.substitute_cost
        swap = self.transpose_cost
        ends = self._split_ends(intended, observed)
        letters, split_cost = self.split_letters, self.split_letter_cost
        d = [[0.0] * (m + 1) for _ in range(n + 1)]
        row0 = d[0]
        for j in range(1, m + 1):
            row0[j] = row0[j - 1] + ins[j]
        for i in range(1, n + 1):
            a = intended[i - 1]
            row, prev = d[i], d[i - 1]
            del_a = dels[i]
            split = ends is not None and a in letters
            row[0] = prev[0] + del_a
            for j in range(1, m + 1):
                b = observed[j - 1]
                best = prev[j - 1] + (0.0 if a == b else sub.get((a, b), default_sub))
                c = prev[j] + del_a
                if c < best:
                    best = c
                c = row[j - 1] + ins[j]
                if c < best:
                    best = c
                if i > 1 and j > 1 and a != b and a == observed[j - 2] and intended[i - 2] == b:
                    c = d[i - 2][j - 2] + swap
                    if c < best:
                        best = c
                if split and ends[j]:  # type: ignore[index]
                    c = prev[j - 2] + split_cost
                    if c < best:
                        best = c
                row[j] = best
        return d

    def _banded(self, intended: str, observed: str, limit: float = math.inf) -> float:
        """The last cell of :meth:`_table`, computed only near the diagonal.

        Cells more than ``|len difference| + 2`` off the diagonal are skipped: an alignment
        that strays that far costs more than any candidate worth ranking, so the result equals
        the full table's wherever it matters and is never below it. Once two rows in a row
        cost more than ``limit`` everywhere, so does every alignment (each passes through one
        of any two consecutive rows; costs are not negative): ``inf`` is returned at once.
        """
        n, m = len(intended), len(observed)
        band = abs(n - m) + 2
        if n * m <= 16:
            return self._table(intended, observed)[-1][-1]
        inf = 1e9
        ins = [0.0] + [self._ins_at(observed, j) for j in range(1, m + 1)]
        sub = self._sub
        default_sub = self.substitute_cost
        swap = self.transpose_cost
        ends = self._split_ends(intended, observed)
        letters, split_cost = self.split_letters, self.split_letter_cost
        prev2: list[float] = []
        prev = [inf] * (m + 1)
        prev[0] = 0.0
        for j in range(1, min(m, band) + 1):
            prev[j] = prev[j - 1] + ins[j]
        for i in range(1, n + 1):
            a = intended[i - 1]
            del_a = self.del_cost(a)
            split = ends is not None and a in letters
            row = [inf] * (m + 1)
            lo, hi = max(0, i - band), min(m, i + band)
            if lo == 0:
                row[0] = prev[0] + del_a
                lo = 1
            for j in range(lo, hi + 1):
                b = observed[j - 1]
                best = prev[j - 1] + (0.0 if a == b else sub.get((a, b), default_sub))
                c = prev[j] + del_a
                if c < best:
                    best = c
                c = row[j - 1] + ins[j]
                if c < best:
                    best = c
                if i > 1 and j > 1 and a != b and a == observed[j - 2] and intended[i - 2] == b:
                    c = prev2[j - 2] + swap
                    if c < best:
                        best = c
                if split and ends[j]:  # type: ignore[index]
                    c = prev[j - 2] + split_cost
                    if c < best:
                        best = c
                row[j] = best
            if limit < inf and min(row) > limit and min(prev) > limit:
                return math.inf
            prev2, prev = prev, row
        return prev[m]

    def cost_within(self, intended: str, observed: str, limit: float) -> float:
        """:meth:`cost` where it is at most ``limit``; above it, some value above ``limit``
        (``inf`` when the alignment was abandoned early). For ranking loops that would drop a
        candidate costing more than ``limit`` anyway."""
        return self._cost(intended, observed, limit)

    def _cost(self, intended: str, observed: str, limit: float = math.inf) -> float:
        if intended == observed:
            return 0.0
        n, m = len(intended), len(observed)
        # Letters shared at both ends cost nothing: align only the differing middle.
        p, q = common_ends(intended, observed)
        mid_i, mid_o = intended[p : n - q], observed[p : m - q]
        if len(mid_i) == len(mid_o) == 1:
            return self.sub_cost(mid_i, mid_o)
        if not mid_i:
            return sum(self._ins_at(observed, j) for j in range(p + 1, m - q + 1))
        if not mid_o:
            return sum(self.del_cost(a) for a in mid_i)
        if len(mid_i) == len(mid_o):
            total = 0.0
            for a, b in zip(mid_i, mid_o, strict=True):
                if a != b:
                    total += self.sub_cost(a, b)
                    if total > 1.0:
                        break
            else:
                return total
        # Widen by one letter on each side so transpositions and doublings see neighbours.
        p = max(0, p - 1)
        q = max(0, q - 1)
        key = (intended[p : n - q], observed[p : m - q])
        cost = self._middles.get(key)
        if cost is None:
            cost = self._banded(*key, limit)
            if cost < math.inf and len(self._middles) < 500_000:
                self._middles[key] = cost  # abandoned alignments are not remembered
        return cost

    def edits(self, intended: str, observed: str) -> list[tuple[str, str, str]]:
        """The cheapest edit script as ``(op, intended_letter, observed_letter)`` triples.

        ``op`` is ``sub``, ``ins`` (letter added by OCR), ``del`` (letter dropped by OCR),
        ``swap`` or ``split`` (one letter read as two); identical letters are left out.
        """
        d = self._table(intended, observed)
        ends = self._split_ends(intended, observed)
        i, j = len(intended), len(observed)
        out: list[tuple[str, str, str]] = []
        while i > 0 or j > 0:
            here = d[i][j]
            if i > 0 and j > 0:
                a, b = intended[i - 1], observed[j - 1]
                if abs(here - d[i - 1][j - 1] - self.sub_cost(a, b)) < 1e-9:
                    if a != b:
                        out.append(("sub", a, b))
                    i, j = i - 1, j - 1
                    continue
                if (
                    i > 1
                    and j > 1
                    and a == observed[j - 2]
                    and intended[i - 2] == b
                    and abs(here - d[i - 2][j - 2] - self.transpose_cost) < 1e-9
                ):
                    out.append(("swap", intended[i - 2 : i], observed[j - 2 : j]))
                    i, j = i - 2, j - 2
                    continue
                if (
                    ends is not None
                    and ends[j]
                    and a in self.split_letters
                    and abs(here - d[i - 1][j - 2] - self.split_letter_cost) < 1e-9
                ):
                    out.append(("split", a, observed[j - 2 : j]))
                    i, j = i - 1, j - 2
                    continue
            if i > 0 and abs(here - d[i - 1][j] - self.del_cost(intended[i - 1])) < 1e-9:
                out.append(("del", intended[i - 1], ""))
                i -= 1
                continue
            out.append(("ins", "", observed[j - 1]))
            j -= 1
        out.reverse()
        return out

    def confusion(self, intended: str, observed: str) -> str:
        """Name the confusion class of the edit that turns ``intended`` into ``observed``.

        The most expensive edit names the class: ``dots``, ``hamza``, ``alef_maqsura``,
        ``ta_marbuta``, ``shape``, ``insertion`` (OCR added a letter), ``deletion`` (OCR dropped
        one), ``substitution`` or ``transposition``.
        """
        worst = ("", 0.0)
        for op, a, b in self.edits(intended, observed):
            if op == "sub":
                name = self._sub_class.get((a, b), "substitution")
                cost = self.sub_cost(a, b)
            elif op == "ins":
                name, cost = "insertion", self.ins_cost(b)
            elif op == "del":
                name, cost = "deletion", self.del_cost(a)
            elif op == "split":
                name, cost = "shape", self.split_letter_cost
            else:
                name, cost = "transposition", self.transpose_cost
            if cost > worst[1] or not worst[0]:
                worst = (name, cost)
        return worst[0] or "none"


def estimate_costs(
    pairs: list[tuple[str, str]], channel: Channel, *, smoothing: float = 2.0
) -> dict[str, Any]:
    """Re-estimate edit costs from aligned ``(intended, observed)`` word pairs.

    Counts the edits of each pair's cheapest script under the current costs and turns relative
    frequencies into costs ``-log10(p)`` scaled so that an arbitrary edit stays near 1.0. Used
    by ``scripts/build_lexicon.py --channel`` on the OCR'd train split only.

    Args:
        pairs: Word pairs from aligning clean train documents with their OCR output.
        channel: The channel whose current costs drive the alignment.
        smoothing: Pseudo-count added to every edit seen.

    Returns:
        ``{"pair_costs": {...}, "insert_costs": {...}, "delete_costs": {...}}``.
    """
    import math

    subs: Counter[str] = Counter()
    ins: Counter[str] = Counter()
    dels: Counter[str] = Counter()
    for intended, observed in pairs:
        if intended == observed:
            continue
        for op, a, b in channel.edits(intended, observed):
            if op == "sub":
                subs[f"{a}>{b}"] += 1
            elif op == "ins":
                ins[b] += 1
            elif op == "del":
                dels[a] += 1
    total = sum(subs.values()) + sum(ins.values()) + sum(dels.values())
    if not total:
        return {"pair_costs": {}, "insert_costs": {}, "delete_costs": {}}

    def to_cost(count: int) -> float:
        p = (count + smoothing) / (total + smoothing)
        # an edit seen once in ~1000 costs about 1.0; the most frequent ones about 0.2
        return round(min(1.0, max(0.15, -math.log10(p) / 3.0)), 3)

    return {
        "pair_costs": {k: to_cost(v) for k, v in subs.most_common() if v >= 3},
        "insert_costs": {k: to_cost(v) for k, v in ins.most_common() if v >= 3},
        "delete_costs": {k: to_cost(v) for k, v in dels.most_common() if v >= 3},
    }


def common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and of the (non-overlapping) common suffix of two words."""
    n, m = len(a), len(b)
    p = 0
    while p < n and p < m and a[p] == b[p]:
        p += 1
    q = 0
    while q < n - p and q < m - p and a[n - 1 - q] == b[m - 1 - q]:
        q += 1
    return p, q
