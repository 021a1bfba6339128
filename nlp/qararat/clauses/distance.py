"""An Arabic-aware weighted edit distance for matching OCR-damaged words.

OCR of Arabic mostly confuses letters that share a skeleton and differ in dots (ب ت ث ن ي,
ج ح خ …), hamza seats, and letters doubled or dropped. Those edits are cheap here; any other
edit costs one. Costs live in ``data/confusions.json``; strings are compared after
:func:`qararat.normalize.match_key` folding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Costs:
    """Edit costs: substitution pairs, and insertion/deletion classes."""

    substitute: float
    indel: float
    double: float
    weak_indel: float
    weak_letters: frozenset[str]
    space: float
    pairs: dict[tuple[str, str], float]

    def sub(self, a: str, b: str) -> float:
        """Cost of replacing ``a`` with ``b``."""
        if a == b:
            return 0.0
        return self.pairs.get((a, b), self.substitute)

    def indel_cost(self, s: str, i: int) -> float:
        """Cost of inserting or deleting ``s[i]`` (cheap when it doubles a neighbour)."""
        c = s[i]
        if c == " ":
            return self.space
        if (i > 0 and s[i - 1] == c) or (i + 1 < len(s) and s[i + 1] == c):
            return self.double
        if c in self.weak_letters:
            return self.weak_indel
        return self.indel


@lru_cache(maxsize=1)
def default_costs() -> Costs:
    """Load the costs in ``data/confusions.json`` (cached)."""
    raw = json.loads(
        resources.files("qararat.clauses").joinpath("data/confusions.json").read_text("utf-8")
    )
    pairs: dict[tuple[str, str], float] = {}
    for group in raw["groups"]:
        letters = group["letters"]
        for a in letters:
            for b in letters:
                if a != b:
                    cost = float(group["cost"])
                    pairs[(a, b)] = min(cost, pairs.get((a, b), cost))
    return Costs(
        substitute=float(raw["substitute"]),
        indel=float(raw["indel"]),
        double=float(raw["double"]),
        weak_indel=float(raw["weak_indel"]),
        weak_letters=frozenset(raw["weak_letters"]),
        space=float(raw["space"]),
        pairs=pairs,
    )


def weighted_distance(a: str, b: str, costs: Costs | None = None, *, limit: float = 99.0) -> float:
    """Weighted Levenshtein distance from ``a`` to ``b``.

    Args:
        a: Observed string (already folded with ``match_key``).
        b: Reference string (already folded).
        costs: Edit costs; the packaged defaults when omitted.
        limit: Stop early and return a value above ``limit`` once every path costs more.

    Returns:
        The cheapest total cost of edits turning ``a`` into ``b``.
    """
    c = costs or default_costs()
    if a == b:
        return 0.0
    n, m = len(a), len(b)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + c.indel_cost(b, j - 1)
    for i in range(1, n + 1):
        del_a = c.indel_cost(a, i - 1)
        cur = [prev[0] + del_a] + [0.0] * m
        best = cur[0]
        ai = a[i - 1]
        for j in range(1, m + 1):
            v = min(
                prev[j - 1] + c.sub(ai, b[j - 1]),
                prev[j] + del_a,
                cur[j - 1] + c.indel_cost(b, j - 1),
            )
            cur[j] = v
            if v < best:
                best = v
        if best > limit:
            return best
        prev = cur
    return prev[m]
