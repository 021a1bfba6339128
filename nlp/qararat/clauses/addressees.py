"""Who a clause addresses: gazetteer entities in the object of its lead verb.

The object starts right after the lead (its modifiers and particles إلى/ب/على, a quantifier such
as جميع, or a noun such as "دعوتها" in "تكرر دعوتها الدول الأعضاء إلى") and must begin with a
known entity. Further entities count when coordinated with و ("والقطاع الخاص", "وسائر الجهات
المانحة"); the object ends at "أن", at إلى/على introducing the requested action, at a relative
pronoun, at clause punctuation or at the next coordinated clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from qararat.clauses.distance import weighted_distance
from qararat.clauses.leads import Token, tokenize
from qararat.clauses.lexicon import fold, load_json

_CLAUSE_PUNCT = frozenset("؛;.:")
_MAX_GAP = 10
_MAX_CACHED = 100_000


@dataclass(frozen=True)
class _Entry:
    keys: tuple[str, ...]
    names: tuple[str, ...]


class Gazetteer:
    """Arabic names of UN organs, agencies, officials and groups → canonical English names."""

    def __init__(self, data: dict) -> None:
        """Build from the parsed ``addressees.json``."""
        entries = [
            _Entry(tuple(fold(form).split()), tuple(e["names"]))
            for e in data["entities"]
            for form in e["forms"]
        ]
        entries.sort(key=lambda e: -len(e.keys))
        self.by_first: dict[str, list[_Entry]] = {}
        for e in entries:
            self.by_first.setdefault(e.keys[0], []).append(e)
        self.quantifiers = frozenset(fold(q) for q in data["quantifiers"])
        self.coordinators = tuple(
            tuple(fold(c).split()) for c in sorted(data["coordinators"], key=lambda c: -len(c))
        )
        self.request_nouns = tuple(
            tuple(fold(r).split()) for r in sorted(data["request_nouns"], key=lambda r: -len(r))
        )
        stops = [tuple(fold(s).split()) for s in data["stops"]]
        self.stops = tuple(sorted(stops, key=lambda s: -len(s)))
        self.addressing_labels = frozenset(data["addressing_labels"])
        self.names: tuple[str, ...] = tuple(
            dict.fromkeys(n for e in data["entities"] for n in e["names"])
        )
        # First words long enough for fuzzy matching, in table order; fuzzy candidates of the
        # words seen so far (the same words come back paragraph after paragraph).
        self._long_firsts = tuple((f, len(f)) for f in self.by_first if len(f) >= 5)
        self._candidates: dict[str, list[tuple[str, float]]] = {}

    # -- matching -------------------------------------------------------------------------
    @staticmethod
    def _stems(key: str) -> list[str]:
        """The word without its proclitics: و/ف, then ب/ل/ك, and لل for ال."""
        out = [key]
        bases = [key]
        if key[:1] in ("و", "ف") and len(key) > 3:
            bases.append(key[1:])
            out.append(key[1:])
        for b in bases:
            if b.startswith("لل") and len(b) > 3:
                out.append("ال" + b[2:])
            if b[:1] in ("ب", "ل", "ك") and len(b) > 3:
                out.append(b[1:])
        return list(dict.fromkeys(out))

    def _first_candidates(self, key: str) -> list[tuple[str, float]]:
        found = self._candidates.get(key)
        if found is None:
            found = self._find_first_candidates(key)
            if len(self._candidates) >= _MAX_CACHED:
                self._candidates.clear()
            self._candidates[key] = found
        return found

    def _find_first_candidates(self, key: str) -> list[tuple[str, float]]:
        found: list[tuple[str, float]] = []
        for stem in self._stems(key):
            if stem in self.by_first:
                found.append((stem, 0.0))
        if found:
            return found
        for stem in self._stems(key):
            if len(stem) < 5:
                continue
            n = len(stem)
            for first, length in self._long_firsts:
                if abs(length - n) <= 1:
                    d = weighted_distance(stem, first, limit=0.7)
                    if d <= 0.7:
                        found.append((first, d))
        return found

    def match_at(self, toks: list[Token], i: int) -> tuple[tuple[str, ...], int] | None:
        """Longest entity starting at token ``i``: (names, index after it), or None."""
        if i >= len(toks):
            return None
        best: tuple[tuple[str, ...], int] | None = None
        for first, _cost in self._first_candidates(toks[i].key):
            for entry in self.by_first[first]:
                n = len(entry.keys)
                if i + n > len(toks) or (best is not None and i + n <= best[1]):
                    continue
                if all(_close(toks[i + k].key, entry.keys[k]) for k in range(1, n)):
                    best = (entry.names, i + n)
        return best

    def _phrase_at(self, toks: list[Token], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
        """Length of the first phrase of ``phrases`` at ``i`` (first word may carry و)."""
        for ph in phrases:
            n = len(ph)
            keys = [t.key for t in toks[i : i + n]]
            if len(keys) < n:
                continue
            if keys[0].startswith("و") and keys[0] != ph[0]:
                keys[0] = keys[0][1:]
            if tuple(keys) == ph:
                return n
        return 0

    def object_addressees(
        self, text: str, toks: list[Token], start: int, stop: int, *, label: str | None = None
    ) -> list[str]:
        """Entities addressed by the clause whose object starts at token ``start``.

        Args:
            text: The paragraph text (for punctuation between words).
            toks: Its tokens.
            start: Index of the first token after the lead, modifiers and particles.
            stop: Index where the clause ends (the next coordinated clause, or the end).
            label: The clause's label. Verbs that address someone (``urge``, ``request``,
                ``invite`` …) may open with a group the gazetteer does not know ("اللجان
                الإقليمية") and still address the known entities coordinated with it.

        Returns:
            Canonical names, in order of appearance, without duplicates.
        """
        i = start
        stop = min(stop, len(toks))
        n_req = self._phrase_at(toks, i, self.request_nouns)
        if n_req:
            i += n_req
            if i < stop and toks[i].key in ("الي", "ل"):
                i += 1
        if i >= stop:
            return []
        head = self._match_quantified(toks, i, stop)
        if head is None:
            if label not in self.addressing_labels:
                return []
            names: list[str] = []
            j, gap = i + 1, 0
        else:
            names = list(head[0])
            j, gap = head[1], 0
        while j < stop and gap <= _MAX_GAP:
            between = text[toks[j - 1].end : toks[j].start]
            if any(c in _CLAUSE_PUNCT for c in between):
                break
            if self._phrase_at(toks, j, self.stops) and not toks[j].key.startswith("و"):
                break
            if toks[j].key.startswith("و"):
                k = j + self._phrase_at(toks, j, self.coordinators)
                m = self._match_quantified(toks, k, stop)
                if m is not None and m[1] <= stop:
                    names.extend(m[0])
                    j, gap = m[1], 0
                    continue
            j += 1
            gap += 1
        return list(dict.fromkeys(names))

    def _match_quantified(
        self, toks: list[Token], i: int, stop: int
    ) -> tuple[tuple[str, ...], int] | None:
        """An entity at ``i``, or after quantifiers such as "جميع"/"بجميع" ("جميع الأطراف" is
        itself an entity, so the quantifier is kept when that matches)."""
        while i < stop:
            m = self.match_at(toks, i)
            if m is not None:
                return m
            if not any(stem in self.quantifiers for stem in self._stems(toks[i].key)):
                return None
            i += 1
        return None

    def find(self, text: str) -> list[str]:
        """All gazetteer entities mentioned anywhere in ``text`` (not only addressees)."""
        toks = tokenize(text)
        out: list[str] = []
        i = 0
        while i < len(toks):
            m = self.match_at(toks, i)
            if m is None:
                i += 1
                continue
            out.extend(m[0])
            i = m[1]
        return list(dict.fromkeys(out))


def _close(observed: str, ref: str) -> bool:
    if observed == ref:
        return True
    if len(ref) < 5:
        return False
    return weighted_distance(observed, ref, limit=0.7) <= 0.7


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer (cached)."""
    return Gazetteer(load_json("addressees.json"))
