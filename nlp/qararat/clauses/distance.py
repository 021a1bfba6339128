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

    With the packaged costs, results are memoised: the same few hundred words are compared
    with the same lead and gazetteer forms paragraph after paragraph.

    Args:
        a: Observed string (already folded with ``match_key``).
        b: Reference string (already folded).
        costs: Edit costs; the packaged defaults when omitted.
        limit: Stop early and return a value above ``limit`` once every path costs more.

    Returns:
        The cheapest total cost of edits turning ``a`` into ``b``.
    """
    if a == b:
        return 0.0
    if costs is None or costs is default_costs():
        return _default_distance(a, b, limit)
    return _distance(a, b, costs, limit)


@lru_cache(maxsize=1 << 17)
def _default_distance(a: str, b: str, limit: float) -> float:
    c = default_costs()
    return _distance(a, b, c, limit, _default_indels(a), _default_indels(b))


@lru_cache(maxsize=1 << 15)
def _default_indels(s: str) -> tuple[float, ...]:
    return _indel_costs(s, default_costs())


def _indel_costs(s: str, c: Costs) -> tuple[float, ...]:
    return tuple(c.indel_cost(s, i) for i in range(len(s)))


def _distance(
    a: str,
    b: str,
    c: Costs,
    limit: float,
    del_a: tuple[float, ...] | None = None,
    ins_b: tuple[float, ...] | None = None,
) -> float:
    """The dynamic programme, one row per letter of ``a``; stops once a row exceeds ``limit``.

    ``del_a`` and ``ins_b`` are the insertion/deletion costs of the letters of ``a`` and ``b``
    when already known.
    """
    if ins_b is None:
        ins_b = _indel_costs(b, c)
    if del_a is None:
        del_a = _indel_costs(a, c)
    pairs, other = c.pairs, c.substitute
    prev = [0.0]
    for cost in ins_b:
        prev.append(prev[-1] + cost)
    rows: dict[str, list[float]] = {}
    for ai, d in zip(a, del_a, strict=True):
        sub = rows.get(ai)
        if sub is None:
            sub = [0.0 if ai == bj else pairs.get((ai, bj), other) for bj in b]
            rows[ai] = sub
        left = prev[0] + d
        cur = [left]
        best = left
        for diag, up, s, ins in zip(prev, prev[1:], sub, ins_b, strict=False):
            v = diag + s
            w = up + d
            if w < v:
                v = w
            w = left + ins
            if w < v:
                v = w
            cur.append(v)
            left = v
            if v < best:
                best = v
        if best > limit:
            return best
        prev = cur
    return prev[-1]
