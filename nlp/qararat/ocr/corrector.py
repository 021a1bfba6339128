"""The OCR corrector: detection, candidates, noisy-channel ranking and structural rules.

For every Arabic word of the input the corrector decides between keeping it and a candidate
correction by ``log P(candidate) + log P(context | candidate) - K * channel_cost``:

* the prior and the candidates come from :class:`~qararat.ocr.lexicon.Lexicon` (wordfreq +
  UN domain counts + gazetteer, clitic-aware);
* the channel cost from :class:`~qararat.ocr.channel.Channel` (dots, hamza, ى/ي, ة/ه cheap);
* the context from :class:`~qararat.ocr.ngrams.BigramModel` (clean resolutions, and the corpus
  itself after :meth:`Corrector.adapt`).

Frequent known words are accepted in O(1) without generating candidates. Real-word errors at
paragraph openings are the structural rules' job (:mod:`qararat.ocr.rules`). Digits, Latin
text, footnote markers and punctuation are never words here, so never changed; the only
punctuation repair is the Arabic comma read as a hamza ("ء" → "،").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from threading import Lock

from qararat.model import Correction
from qararat.normalize import arabic_words, replace_persian_letters, strip_diacritics
from qararat.ocr.channel import Channel
from qararat.ocr.lexicon import Lexicon, default_ngrams
from qararat.ocr.ngrams import BOUNDARY, BigramModel, count_ngrams
from qararat.ocr.rules import (
    lead_vocabulary,
    line_start_offset,
    operative_lead_offset,
    organ_gender,
    paragraph_zones,
)

_RE_BREAK = re.compile(r"[\n.؛:!؟?()\[\]\"«»]")
_RE_PERSIAN = re.compile(
    "[\u067e\u0686\u0698\u06a9\u06aa\u06af\u06be\u06c0\u06c1\u06cc\u06d0\u06d5]"
)
_HAMZA = "ء"
_VERB_PREFIXES = "تينأ"
#: Cheapest possible non-identical edit in channel.json (a lower bound for pruning).
_MIN_EDIT_COST = 0.15


@dataclass(frozen=True)
class CorrectorConfig:
    """Tunable parameters of the ranking (tuned on the OCR'd train split only).

    Attributes:
        channel_weight: ``K``: natural-log cost of one unit of channel cost.
        change_logp: Log-probability of any change at all (the prior odds of an OCR error).
        oov_logp: Log prior given to the observed word when it is not a known word.
        max_cost: Candidates costlier than this are not considered.
        max_candidates: Candidates kept (by prior and channel) before context scoring.
        max_fuzzy: Most probable candidates one skeleton edit away that are scored.
        apply_threshold: Minimum confidence for a correction to be applied.
        suggest_threshold: Minimum confidence for an unapplied suggestion to be reported.
        opener_max_cost: Channel cost within which a paragraph-initial word is an "وإذ"/"إذ".
        inner_opener_max_cost: The same for a coordinated "، وإذ" inside a preambular paragraph
            (stricter: "، وأن تأخذ" there is genuine).
        lead_max_cost: Channel cost within which an operative paragraph's first word is a
            misread lead verb.
        accept_logp: Known words at least this probable are accepted without a look.
        context_cap: Largest log-odds one neighbour can add or remove.
        solid_logp: Words at least this probable are never joined with their neighbour.
        real_word_logratio: Log prior ratio above which a valid word may be replaced by a
            same-skeleton word without contextual evidence.
        real_word_context: Context log-odds gain needed otherwise.
        garble_window: Tokens in the window that detects garbled stretches.
        garble_share: Share of single letters/non-words that makes a window garbled.
    """

    channel_weight: float = 8.0
    change_logp: float = -1.5
    oov_logp: float = math.log(3e-9)
    max_cost: float = 2.0
    max_candidates: int = 12
    max_fuzzy: int = 15
    apply_threshold: float = 0.75
    suggest_threshold: float = 0.3
    opener_max_cost: float = 1.7
    lead_max_cost: float = 1.05
    inner_opener_max_cost: float = 0.65
    accept_logp: float = math.log(2e-7)
    context_cap: float = 2.5
    solid_logp: float = math.log(1e-6)
    real_word_logratio: float = math.log(2000.0)
    real_word_context: float = 2.0
    garble_window: int = 5
    garble_share: float = 0.6


@dataclass
class _Token:
    start: int
    end: int
    text: str  # as written
    word: str  # diacritics stripped
    prev: str  # previous word in the sentence run (or boundary)
    next: str


class Corrector:
    """Arabic OCR corrector for UN resolutions.

    Args:
        lexicon: Lexicon with the prior and candidate index.
        channel: Channel model (edit costs).
        bigrams: Context model; default: the packaged counts over the lexicon prior.
        config: Ranking parameters.
    """

    _default: Corrector | None = None
    _lock = Lock()

    def __init__(
        self,
        lexicon: Lexicon,
        channel: Channel | None = None,
        bigrams: BigramModel | None = None,
        config: CorrectorConfig | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.channel = channel or Channel()
        if bigrams is None:
            _, bi = default_ngrams()
            bigrams = BigramModel(bi, lexicon.logp)
        self.bigrams = bigrams
        self.config = config or CorrectorConfig()
        self.leads = lead_vocabulary()

    # -- construction --------------------------------------------------------------------

    @classmethod
    def default(cls) -> Corrector:
        """The packaged corrector, built once per process (thread-safe)."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls(Lexicon.default())
            return cls._default

    def adapt(self, texts: Iterable[str], *, weight: float = 1.0, min_count: int = 3) -> Corrector:
        """A corrector whose prior and context also use the statistics of ``texts``.

        Forms frequent in the corpus (``min_count`` or more) become known words and their word
        pairs context; rare forms (mostly OCR errors) are ignored. The corpus's own errors are
        therefore only learnt if the engine makes them often — the reason ``min_count`` exists.

        Args:
            texts: The corpus (already normalised).
            weight: Scale of the corpus counts relative to the packaged domain counts.
            min_count: Minimum count of a word or pair to be used.

        Returns:
            A new :class:`Corrector`; this one is unchanged.
        """
        uni, bi = count_ngrams(texts)
        uni = Counter({w: c for w, c in uni.items() if c >= min_count})
        bi = Counter({k: c for k, c in bi.items() if c >= min_count})
        lexicon = self.lexicon.with_domain(uni, weight)
        bigrams = BigramModel(self.bigrams.bigrams, lexicon.logp, self.bigrams.discount)
        bigrams = bigrams.merged(bi, weight)
        return Corrector(lexicon, self.channel, bigrams, self.config)

    def with_config(self, **changes: float | int) -> Corrector:
        """A corrector sharing this one's models with some parameters changed."""
        return Corrector(self.lexicon, self.channel, self.bigrams, replace(self.config, **changes))

    # -- public API ----------------------------------------------------------------------

    def correct(self, text: str) -> list[Correction]:
        """Corrections for ``text``: sorted, non-overlapping spans on ``text``.

        Args:
            text: Normalised text (see :func:`qararat.normalize.normalize`).

        Returns:
            Corrections, ``applied`` False for suggestions below the confidence threshold.
        """
        out: list[Correction] = []
        taken: set[int] = set()  # token starts already handled by a rule
        tokens = self._tokens(text)
        taken.update(self._garbled(tokens))
        by_start = {t.start: i for i, t in enumerate(tokens)}
        for c in self._structural(text, tokens, by_start):
            out.append(c)
            taken.add(c.start)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.start in taken:
                i += 1
                continue
            if tok.word == _HAMZA:
                c = self._comma_token(text, tokens, i)
                if c is not None:
                    out.append(c)
                i += 1
                continue
            if (
                tok.word in self.lexicon.known
                and tok.word not in self.lexicon.shadowed
                and not tok.word.endswith(_HAMZA)
                and not _RE_PERSIAN.search(tok.word)
            ):
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if (
                    nxt is not None
                    and not self._solid(nxt.word)
                    and nxt.start not in taken
                    and self._touchable(text, tok)
                ):
                    merged = self._merge_split(text, tok, nxt)
                    if merged is not None:
                        out.append(merged)
                        i += 2
                        continue
                i += 1
                continue
            if not self._touchable(text, tok):
                i += 1
                continue
            if i + 1 < len(tokens):
                merged = self._merge_split(text, tok, tokens[i + 1])
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
            c = self._correct_token(tok)
            if c is not None:
                out.append(c)
            i += 1
        out.sort(key=lambda c: (c.start, c.end))
        return _drop_overlaps(out)

    # -- tokens --------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[_Token]:
        words = arabic_words(text)
        breaks = [m.start() for m in _RE_BREAK.finditer(text)]
        toks: list[_Token] = []
        bi = 0
        last_end = -1
        for s, e, w in words:
            broke = False
            while bi < len(breaks) and breaks[bi] < s:
                if breaks[bi] >= last_end:
                    broke = True
                bi += 1
            plain = strip_diacritics(w)
            prev = toks[-1].word if toks and not broke else BOUNDARY
            if toks and not broke:
                toks[-1].next = plain
            toks.append(_Token(s, e, w, plain, prev, BOUNDARY))
            last_end = e
        return toks

    def _garbled(self, tokens: list[_Token]) -> set[int]:
        """Starts of tokens inside garbled stretches (stamps, smudges, text read as noise).

        A window of ``garble_window`` tokens most of which are stray letters or short non-words
        is not text: correcting inside it only turns one wrong word into another.
        """
        size = self.config.garble_window
        if len(tokens) < size:
            return set()
        lex = self.lexicon
        bad = [
            (len(t.word) < 2 and t.word != "و") or (len(t.word) < 4 and not lex.is_valid(t.word))
            for t in tokens
        ]
        out: set[int] = set()
        run = sum(bad[:size])
        for i in range(len(tokens) - size + 1):
            if i:
                run += bad[i + size - 1] - bad[i - 1]
            if run >= self.config.garble_share * size:
                out.update(t.start for t in tokens[i : i + size])
        return out

    def _touchable(self, text: str, tok: _Token, min_len: int = 2) -> bool:
        """False for words glued to digits/Latin letters and for protected names."""
        before = text[tok.start - 1] if tok.start else " "
        after = text[tok.end] if tok.end < len(text) else " "
        if before.isascii() and before.isalnum() or after.isascii() and after.isalnum():
            return False
        if tok.word in self.lexicon.protected:
            return False
        return len(tok.word) >= min_len

    # -- scoring -------------------------------------------------------------------------

    def _pmi(self, word: str, prev: str) -> float:
        """``log P(word | prev) - log P(word)``, capped: the small domain model's evidence."""
        cap = self.config.context_cap
        if prev == BOUNDARY and word == BOUNDARY:
            return 0.0
        base = self.lexicon.logp(word) if word != BOUNDARY else math.log(0.05)
        v = self.bigrams.logp(word, prev) - base
        return cap if v > cap else -cap if v < -cap else v

    def _context(self, word: str, tok: _Token) -> float:
        return self.lexicon.logp(word) + self._pmi(word, tok.prev) + self._pmi(tok.next, word)

    def _keep_logp(self, word: str) -> float:
        return max(self.lexicon.logp(word), self.config.oov_logp)

    def _correct_token(self, tok: _Token) -> Correction | None:
        cfg = self.config
        word = tok.word
        scored: list[tuple[float, str, str, float]] = []  # (score, replacement, kind, cost)
        persian = _RE_PERSIAN.search(word)
        if persian:
            fixed = replace_persian_letters(word)
            if fixed in self.lexicon.known or self.lexicon.is_valid(fixed):
                return self._emit(tok, fixed, [], 0.95, "persian_letter", "persian")
            word = fixed
        lex = self.lexicon
        keep_prior = self._keep_logp(word)
        prelim: list[tuple[float, str, float]] = []
        real_word = word in lex.known
        exact = lex.exact_candidates(word)
        pool = exact if real_word else (*exact, *lex.fuzzy_candidates(word)[: cfg.max_fuzzy])
        if real_word:
            # ت/ي/ن at the start of a verb alternate with its subject: not an OCR signal.
            pool = tuple(c for c in pool if not _prefix_alternation(c, word))
        best_pre = -math.inf
        # Candidates come most probable first; once even a cheap edit of the next one cannot
        # come near the best so far, none of the rest can.
        floor = cfg.channel_weight * _MIN_EDIT_COST + 2 * cfg.context_cap + 4.0
        for n, cand in enumerate(pool):
            if abs(len(cand) - len(word)) > 2:
                continue
            prior = lex.logp(cand)
            if n >= len(exact) and prior + cfg.change_logp < best_pre - floor:
                break
            cost = self.channel.cost(cand, word)
            if cost > cfg.max_cost:
                continue
            pre = prior + cfg.change_logp - cfg.channel_weight * cost
            best_pre = max(best_pre, pre)
            prelim.append((pre, cand, cost))
        if word.endswith(_HAMZA) and len(word) > 2:
            stem = word[:-1]
            if lex.is_valid(stem):
                cost = self.channel.comma_cost
                score = lex.logp(stem) + cfg.change_logp - cfg.channel_weight * cost
                prelim.append((score, stem + "،", cost))
        for a, b in self._splits(word):
            cost = self.channel.merge_cost
            prior = lex.logp(a) + lex.logp(b) + self._pmi(b, a)
            prelim.append((prior + cfg.change_logp - cfg.channel_weight * cost, f"{a} {b}", cost))
        if not prelim:
            return None
        prelim.sort(reverse=True)
        prelim = prelim[: cfg.max_candidates]
        keep_score = keep_prior + self._context(word, tok) - lex.logp(word)
        for pre, cand, cost in prelim:
            if cand.endswith("،"):
                score = pre + self._pmi(cand[:-1], tok.prev)
                kind = "comma"
            elif " " in cand:
                a, b = cand.split(" ")
                score = pre + self._pmi(a, tok.prev) + self._pmi(tok.next, b)
                kind = "merge"
            else:
                score = pre + self._context(cand, tok) - lex.logp(cand)
                kind = ""
            scored.append((score, cand, kind, cost))
        scored.sort(reverse=True)
        top = max(keep_score, scored[0][0])
        z = math.exp(keep_score - top) + sum(math.exp(s - top) for s, *_ in scored)
        best_score, best, kind, _cost = scored[0]
        conf = math.exp(best_score - top) / z
        if best_score <= keep_score or conf < cfg.suggest_threshold:
            if persian:
                return self._emit(tok, word, [], 0.9, "persian_letter", "persian")
            return None
        if real_word and kind == "":
            # A valid word is changed only on strong evidence: an overwhelming prior ratio
            # (غلى → على) or context that clearly prefers the candidate.
            gain = (self._pmi(best, tok.prev) + self._pmi(tok.next, best)) - (
                self._pmi(word, tok.prev) + self._pmi(tok.next, word)
            )
            ratio = lex.logp(best) - lex.logp(word)
            if ratio < cfg.real_word_logratio and gain < cfg.real_word_context:
                conf = min(conf, cfg.apply_threshold - 0.01)
        alternatives = [c for _, c, *_ in scored[1:5]]
        if kind == "comma":
            confusion = "comma"
        elif kind == "merge":
            confusion = "merge"
        else:
            confusion = self.channel.confusion(best, word)
        rule = "lexicon" if self.lexicon.logp(tok.word) < cfg.accept_logp else "context"
        return self._emit(tok, best, alternatives, conf, rule, confusion)

    def _splits(self, word: str) -> list[tuple[str, str]]:
        """Two known words glued by OCR ("الأممالمتحدة" → "الأمم المتحدة")."""
        if len(word) < 5:
            return []
        lex = self.lexicon
        out = []
        for i in range(2, len(word) - 1):
            a, b = word[:i], word[i:]
            if a in lex.known and b in lex.known and lex.logp(a) > -14 and lex.logp(b) > -14:
                out.append((a, b))
        return out

    def _solid(self, word: str) -> bool:
        """A word too frequent to be half of a split one."""
        return len(word) > 1 and self.lexicon.logp(word) >= self.config.solid_logp

    def _merge_split(self, text: str, tok: _Token, nxt: _Token) -> Correction | None:
        """A word split in two by OCR ("الأ مم" → "الأمم"): the joined form wins clearly."""
        if nxt.start - tok.end != 1 or text[tok.end] != " ":
            return None
        if not self._touchable(text, nxt, min_len=1):
            return None
        lex = self.lexicon
        if self._solid(tok.word) and self._solid(nxt.word):
            return None
        joined = tok.word + nxt.word
        if joined not in lex.known:
            return None
        cfg = self.config
        keep = (
            self._keep_logp(tok.word)
            + self._pmi(tok.word, tok.prev)
            + self._keep_logp(nxt.word)
            + self._pmi(nxt.word, tok.word)
            + self._pmi(nxt.next, nxt.word)
        )
        join = (
            lex.logp(joined)
            + cfg.change_logp
            - cfg.channel_weight * self.channel.split_cost
            + self._pmi(joined, tok.prev)
            + self._pmi(nxt.next, joined)
        )
        if join <= keep:
            return None
        conf = 1.0 / (1.0 + math.exp(keep - join))
        if conf < cfg.suggest_threshold:
            return None
        return Correction(
            start=tok.start,
            end=nxt.end,
            original=text[tok.start : nxt.end],
            replacement=joined,
            rule="lexicon",
            confidence=round(conf, 3),
            alternatives=[],
            applied=conf >= cfg.apply_threshold,
            confusion="split",
        )

    def _comma_token(self, text: str, tokens: list[_Token], i: int) -> Correction | None:
        """A lone "ء" after a word is an Arabic comma read as hamza: "الدول ء" → "الدول،"."""
        tok = tokens[i]
        if i == 0 or tokens[i - 1].end < tok.start - 2:
            return None
        prev = tokens[i - 1]
        gap = text[prev.end : tok.start]
        if gap.strip():
            return None
        return Correction(
            start=prev.end,
            end=tok.end,
            original=text[prev.end : tok.end],
            replacement="،",
            rule="comma",
            confidence=0.9,
            alternatives=[],
            applied=0.9 >= self.config.apply_threshold,
            confusion="comma",
        )

    def _emit(
        self,
        tok: _Token,
        replacement: str,
        alternatives: list[str],
        conf: float,
        rule: str,
        confusion: str | None,
    ) -> Correction:
        return Correction(
            start=tok.start,
            end=tok.end,
            original=tok.text,
            replacement=replacement,
            rule=rule,
            confidence=round(conf, 3),
            alternatives=alternatives,
            applied=conf >= self.config.apply_threshold,
            confusion=confusion,
        )

    # -- structural rules ----------------------------------------------------------------

    def _structural(
        self, text: str, tokens: list[_Token], by_start: dict[int, int]
    ) -> list[Correction]:
        out: list[Correction] = []
        zones = paragraph_zones(text)
        if not any(z == "preamble" for _, _, z in zones) and not any(
            z == "operative" for _, _, z in zones
        ):
            return out
        gender = organ_gender(text)
        own = self.leads.feminine if gender == "feminine" else self.leads.masculine
        every = self.leads.all()
        for start, end, zone in zones:
            line = text[start:end]
            if zone == "preamble":
                off = start + line_start_offset(line)
                idx = by_start.get(off)
                if idx is not None:
                    c = self._opener(tokens, idx, every, first=True)
                    if c is not None:
                        out.append(c)
                # coordinated clauses: "، وإن تلاحظ" inside the paragraph
                for idx2 in range(idx + 1 if idx is not None else 0, len(tokens)):
                    t = tokens[idx2]
                    if t.start >= end:
                        break
                    if t.start < start:
                        continue
                    before = text[max(start, t.start - 3) : t.start].rstrip()
                    if before.endswith(("،", ",")) and t.word.startswith("و"):
                        c = self._opener(tokens, idx2, every, first=False)
                        if c is not None:
                            out.append(c)
            elif zone == "operative":
                off = operative_lead_offset(line)
                idx = by_start.get(start + off) if off is not None else None
                if idx is not None:
                    c = self._lead_verb(tokens[idx], own, every)
                    if c is not None:
                        out.append(c)
        return out

    def _opener(
        self, tokens: list[_Token], idx: int, leads: frozenset[str], *, first: bool
    ) -> Correction | None:
        """ "وإن تشير" opening a preambular paragraph (or a coordinated clause) → "وإذ تشير"."""
        tok = tokens[idx]
        if idx + 1 >= len(tokens) or tok.word in self.leads.openers:
            return None
        verb = tokens[idx + 1].word
        is_lead = verb in leads
        if not is_lead:
            if not first:
                return None
            if not (verb[:1] in ("ت", "ي") and len(verb) >= 3 and self.lexicon.is_valid(verb)):
                return None
        targets = (
            self.leads.openers
            if first
            else tuple(o for o in self.leads.openers if o.startswith("و"))
        )
        best = min(targets, key=lambda o: self.channel.cost(o, tok.word))
        cost = self.channel.cost(best, tok.word)
        limit = self.config.opener_max_cost if first else self.config.inner_opener_max_cost
        if cost > limit:
            return None
        conf = 0.97 if is_lead else 0.85
        conf -= 0.05 * max(0.0, cost - 0.7)
        alternatives = [o for o in targets if o != best]
        return self._emit(tok, best, alternatives, conf, "clause_opener", "real_word")

    def _lead_verb(
        self, tok: _Token, own: frozenset[str], every: frozenset[str]
    ) -> Correction | None:
        """A misread lead verb opening an operative paragraph ("تهييب" → "تهيب")."""
        word = tok.word
        if word in every or len(word) < 3:
            return None
        ranked = sorted((self.channel.cost(v, word), v) for v in own)
        cost, best = ranked[0]
        if cost > self.config.lead_max_cost:
            return None
        if len(ranked) > 1 and ranked[1][0] - cost < 0.15:
            return None  # ambiguous between two leads: leave it
        conf = 0.95 - 0.2 * max(0.0, cost - 0.5)
        alternatives = [v for c, v in ranked[1:4] if c <= self.config.max_cost]
        confusion = (
            "real_word" if self.lexicon.is_valid(word) else self.channel.confusion(best, word)
        )
        return self._emit(tok, best, alternatives, conf, "lead_verb", confusion)


def _prefix_alternation(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ only in an imperfective prefix letter (تسهم / يسهم)."""
    return (
        len(a) == len(b)
        and a[1:] == b[1:]
        and a[0] != b[0]
        and a[0] in _VERB_PREFIXES
        and b[0] in _VERB_PREFIXES
    )


def _drop_overlaps(corrections: list[Correction]) -> list[Correction]:
    out: list[Correction] = []
    last_end = -1
    for c in corrections:
        if c.start < last_end:
            continue
        out.append(c)
        last_end = c.end
    return out


def correct(text: str) -> list[Correction]:
    """Corrections for ``text`` from the packaged :meth:`Corrector.default`."""
    return Corrector.default().correct(text)
