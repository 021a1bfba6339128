"""The OCR corrector: detection, candidates, noisy-channel ranking and structural rules.

For every Arabic word of the input the corrector decides between keeping it and a candidate
correction by ``log P(candidate) + log P(context | candidate) - K * channel_cost``:

* the prior and the candidates come from :class:`~qararat.ocr.lexicon.Lexicon` (wordfreq +
  UN domain counts + gazetteer, clitic-aware);
* the channel cost from :class:`~qararat.ocr.channel.Channel` (dots, hamza, ى/ي, ة/ه cheap);
* the context from :class:`~qararat.ocr.ngrams.BigramModel` (clean resolutions, and the corpus
  itself after :meth:`Corrector.adapt`).

Frequent known words are accepted in O(1) without generating candidates; a valid word is
looked at only when a far more probable word shares its skeleton or when its neighbours in
clean text prefer another word a cheap edit away. Real-word errors at paragraph openings are
the structural rules' job (:mod:`qararat.ocr.rules`). Digits, Latin text, footnote markers
and punctuation are never words here, so never changed; the only punctuation repairs are the
Arabic comma read as a hamza ("ء" → "،") or written as a Latin comma in an Arabic line. Lines
of stray letters (stamps, rules) are deleted as scanner noise.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain
from threading import Lock
from typing import Any

from qararat.layout import WRAP_MIN_PAIRS, wrap_breaks
from qararat.model import Correction
from qararat.normalize import arabic_words, replace_persian_letters, strip_diacritics
from qararat.ocr.calibration import (
    Calibration,
    extra_letter,
    get_calibration,
    unknown_share,
)
from qararat.ocr.channel import Channel, common_ends
from qararat.ocr.lexicon import (
    MAX_NEIGHBOUR_KEY,
    Lexicon,
    default_ngrams,
    default_trigrams,
    load_clitics,
    skeleton,
)
from qararat.ocr.ngrams import (
    BOUNDARY,
    BigramModel,
    context_key,
    count_ngrams,
    key_of,
    with_proclitics,
)
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
_RE_CHUNK = re.compile(r"[^\s]+")
_RE_NEWLINE = re.compile("\n")
_RE_AR_LETTER = re.compile("[\u0621-\u064a]")
_RE_LATIN = re.compile("[A-Za-z]")
#: A lone Arabic letter other than و, standing between spaces (a stray letter candidate).
_RE_STRAY = re.compile("(?<!\\S)[\u0621-\u0647\u0649-\u064a](?!\\S)")
#: A Latin comma not between two digits.
_RE_LATIN_COMMA = re.compile(r"(?<![0-9٠-٩]),|,(?![0-9٠-٩])")
_HAMZA = "ء"
#: Candidates (best first by the bigram score) that the trigram model scores again.
_TRIGRAM_RESCORE = 4
_FRAGMENT = 3  # letters: the most a split-off piece of a word has when its break lost one
_VERB_PREFIXES = "تينأ"
_CLITICS = load_clitics()
#: Endings that carry number, gender or case (``clitics.json``), and no ending.
_INFLECTIONS = ("", *_CLITICS["grammatical_endings"])
_PRONOUNS_LONGEST_FIRST = sorted(_CLITICS["suffixes"], key=len, reverse=True)
_NUMBER = _CLITICS["number_before_suffix"]
#: The one-letter prepositions (ب ل ك), which take a pronoun suffix themselves ("له" / "لها").
_SUFFIX_PREPOSITIONS = frozenset(_CLITICS["prepositions"])
#: Conjunction proclitics (و، ف).
_CONJUNCTIONS = "".join(_CLITICS["conjunctions"])
#: A conjunction never written alone before a word, and the word it may be the rest of.
_LONE_AND = _CLITICS["lone_conjunction"]["letter"]
_OR = _CLITICS["lone_conjunction"]["lost_alef_reading"]
#: Letters a word needs before a digit glued after it (a footnote marker: "القسرى7") to be
#: corrected; shorter ones may be part of a symbol.
_GLUED_MARKER_MIN = 4


@dataclass(frozen=True)
class CorrectorConfig:
    """Tunable parameters of the ranking (tuned on the OCR'd train split only).

    Attributes:
        channel_weight: ``K``: natural-log cost of one unit of channel cost.
        change_logp: Log-probability of any change at all (the prior odds of an OCR error).
        oov_logp: Log prior given to the observed word when it is not a known word.
        max_cost: Candidates costlier than this are not considered.
        max_candidates: Candidates kept (by prior and channel) before context scoring.
        max_fuzzy: Most candidates one skeleton edit away that are costed (most probable first).
        apply_threshold: Minimum confidence for a correction to be applied. Chosen for the
            calibrated confidences of word changes (the probability that the change is right):
            in cross-validation, 0.65 fixes more fax-tier words than the raw posterior did at
            0.75 at the same precision, and breaks half as many clean words.
        valid_apply_threshold: Minimum confidence for changing a word that is itself valid (the
            larger of this and ``apply_threshold`` applies). A wrong change to a non-word leaves
            one wrong word for another; a wrong change to a valid word is most often a correct
            word broken. Counting a broken word three times a fix, a change to a valid word
            pays when it is right at least 3 times in 4: 0.75. Out of fold it halves the words
            broken on clean pages (4 → 2) for 0.4% of the fax fixes.
        suggest_threshold: Minimum ranking posterior for a word change to be reported at all
            (its reported confidence is then the calibrated one, which may be lower).
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
        real_word_indel_logratio: Log ratio of general-language frequencies (wordfreq, no
            domain counts) a candidate needs to replace a valid word from which it differs in
            length (a letter dropped or added), whatever the context: 30×, the factor at which
            a same-skeleton word shadows another.
        prune_margin: Log-odds behind the best candidate so far at which the costing of less
            probable candidates one skeleton edit away stops.
        split_max_cost: Channel cost within which a candidate that puts a letter pair back as
            one letter (``Channel.split_letters``: "الخامبن" → "الخامس") is kept: the split and
            one dot or hamza edit at most, so that far-fetched readings do not crowd the
            runner-up evidence.
        plausible_logp: A valid (clitic-analysed) word at least this probable gets only
            same-skeleton candidates (a speed shortcut: its dots may still be wrong).
        context_max_cost: Channel cost within which a word that its neighbours never saw may
            be a misreading of one that they did see with both ("بها في ذلك" → "بما في ذلك").
        phrase_max_cost: The same channel cost inside a fixed phrase: a candidate that clean
            text writes between exactly these two neighbours ``phrase_min_count`` times ("الأمم
            المتحد الإنمائي" → "الأمم المتحدة الإنمائي"). 0 switches the widening off.
        context_min_count: Count with one neighbour that makes a word a context candidate
            (any count if it was seen with both).
        garble_window: Tokens in the window that detects garbled stretches.
        garble_share: Share of single letters/non-words that makes a window garbled.
        delete_noise: Delete stretches of scanner noise (stray letters) at all.
        noise_min_letters: Stray single letters (not "و") a stretch needs to be deleted as
            scanner noise.
        noise_max_words: Most non-word chunks of three letters or more such a stretch may
            hold per stray letter (halved: 0.5 = one per two letters).
        cache_lambda: Weight of the document cache in the interpolated prior
            ``(1 - λ) P(w) + λ n(w) / N`` of a candidate that the document itself writes
            ``n(w)`` times among its ``N`` words (0 switches the cache off).
        cache_cap: Largest log-odds the document cache can add to a candidate.
        cache_valid_logratio: A word that is valid only through its clitics or inflection (not
            a known form itself: "وبرتوكول") gets the document cache for a candidate at least
            this much more frequent in the general frequency list (log ratio; 0 switches it
            off): a document that writes "وبروتوكول" elsewhere shows which spelling it uses.
        phrase_min_count: Count at which a word pair is a phrase whose trigram, not bigram,
            attests the word beside it (0 switches trigram attestation off).
        attested_p: Frequency-list probability at which a word is a real form, however far below
            the validity threshold: if no word shares its skeleton, it is not looked at one
            skeleton edit further (a speed shortcut like ``plausible_logp``: the same
            cross-validation figures, a sixth off the correction time).
        lossy_join_max_cost: Channel cost of the letter that a word split in two may have lost
            at the break ("التن ية" → "التنمية"); 0 switches such joins off.
        trigram_context: Also score the front-runners' context with the trigram model. Off by
            default: in cross-validation it fixed 2 more fax and 4 more noisy words out of
            9,115 but broke 1 more clean one, and it costs about 6% of the correction time,
            which ``analyze`` cannot spare (see BENCHMARKS.md).
        comma_stem_candidates: A non-word ending in ء is also read as its stem's best readings
            this many, each with a comma ("غصرناء" → "عصرنا،"); 0 switches that off.
        truncated: Known words that are a far more frequent word with its last letter lost
            ("عل" for "على", a lone "ف" between two words for "في"; ``Lexicon.truncated``) are
            corrected in context like a shadowed word, that word their candidate.
        read_through_wraps: In hard-wrapped text, a line break that does not end a paragraph
            (:func:`qararat.layout.wrap_breaks`) is read like a space: the words either side
            are each other's context, and the line after it opens no paragraph.
        calibrate: Report (and apply by) the calibrated probability that a word change is
            right, where the corrector has a calibration; False: the ranking's posterior.
    """

    channel_weight: float = 8.0
    change_logp: float = -1.5
    oov_logp: float = math.log(5e-10)
    max_cost: float = 2.0
    max_candidates: int = 12
    max_fuzzy: int = 400
    apply_threshold: float = 0.65
    valid_apply_threshold: float = 0.75
    suggest_threshold: float = 0.3
    opener_max_cost: float = 1.7
    lead_max_cost: float = 1.05
    inner_opener_max_cost: float = 0.65
    accept_logp: float = math.log(2e-7)
    context_cap: float = 2.5
    solid_logp: float = math.log(1e-6)
    real_word_logratio: float = math.log(2000.0)
    real_word_context: float = 2.0
    real_word_indel_logratio: float = math.log(30.0)
    prune_margin: float = 2.5
    plausible_logp: float = math.log(4e-6)
    split_max_cost: float = 1.0
    context_max_cost: float = 0.8
    context_min_count: int = 3
    garble_window: int = 5
    garble_share: float = 0.6
    delete_noise: bool = True
    noise_min_letters: int = 4
    noise_max_words: float = 0.5
    cache_lambda: float = 0.1
    cache_cap: float = 2.0
    cache_valid_logratio: float = math.log(30.0)
    phrase_min_count: int = 3
    trigram_context: bool = False
    lossy_join_max_cost: float = 1.0
    attested_p: float = 5e-8
    phrase_max_cost: float = 1.2
    comma_stem_candidates: int = 3
    truncated: bool = True
    read_through_wraps: bool = True
    calibrate: bool = True

    def threshold_for(self, valid: bool) -> float:
        """The confidence at which a word change is applied, ``valid``: the word as read is
        itself a valid word (then the higher of the two thresholds)."""
        if valid:
            return max(self.apply_threshold, self.valid_apply_threshold)
        return self.apply_threshold


class _Packaged:
    """Type of :data:`PACKAGED`."""


#: ``Corrector(calibration=PACKAGED)``: the packaged confidence calibration (the default).
PACKAGED = _Packaged()


@dataclass(frozen=True)
class _DocumentCache:
    """Counts of the accepted word forms of one document (a cache language model).

    Attributes:
        counts: How often each word form is written in the document (outside noise).
        total: Number of words of the document.
    """

    counts: Counter[str]
    total: int


@dataclass
class _Token:
    start: int
    end: int
    text: str  # as written
    word: str  # diacritics stripped
    prev: str  # previous word in the sentence run (or boundary)
    next: str
    prev2: str = BOUNDARY  # the word before ``prev`` (or boundary)
    next2: str = BOUNDARY  # the word after ``next`` (or boundary)
    # context keys of word, prev, next, prev2, next2 (see ``context_key``)
    keys: tuple[str, str, str, str, str] = (BOUNDARY,) * 5


class Corrector:
    """Arabic OCR corrector for UN resolutions.

    Args:
        lexicon: Lexicon with the prior and candidate index.
        channel: Channel model (edit costs).
        bigrams: Context model; default: the packaged counts over the lexicon prior.
        config: Ranking parameters.
        calibration: Maps a word decision's evidence to the probability that the change is
            right (:mod:`qararat.ocr.calibration`); by default the packaged one
            (``models/ocr_calibration``); None: the ranking's own posterior is the confidence.
    """

    _default: Corrector | None = None
    _lock = Lock()

    def __init__(
        self,
        lexicon: Lexicon,
        channel: Channel | None = None,
        bigrams: BigramModel | None = None,
        config: CorrectorConfig | None = None,
        calibration: Calibration | None | _Packaged = PACKAGED,
    ) -> None:
        self.lexicon = lexicon
        if isinstance(calibration, _Packaged):
            # a corrector that reports the raw posterior does not read the model (so that the
            # calibrator can be refitted after its features change)
            calibrate = config is None or config.calibrate
            calibration = get_calibration() if calibrate else None
        self.calibration = calibration
        self.channel = channel or Channel()
        if bigrams is None:
            _, bi = default_ngrams()
            bigrams = BigramModel(bi, lexicon.logp, trigrams=default_trigrams())
        self.bigrams = bigrams
        self.config = config or CorrectorConfig()
        self.leads = lead_vocabulary()
        self._candidates = lru_cache(maxsize=50_000)(self._prelim)
        ch = self.channel
        #: Cheapest edit at all (a bound for pruning same-skeleton candidates).
        self._min_exact_cost = min(ch._sub.values(), default=ch.substitute_cost)
        self._skel_sub, self._skel_ins, self._skel_del = _skeleton_costs(ch)
        #: Cheapest edit that changes a skeleton (a bound for pruning fuzzy candidates): an
        #: inserted, dropped or doubled letter, or a letter read as one of another skeleton
        #: (some of those, ت read as final ن, cost no more than a dot).
        self._min_fuzzy_cost = min(
            ch.double_cost,
            ch.insert_cost,
            ch.delete_cost,
            *(v for k, v in ch._ins.items() if k != _HAMZA),
            *(v for k, v in ch._del.items() if k != _HAMZA),
            *self._skel_sub.values(),
        )
        #: Per word, the context keys seen often enough after / before it (see _frequent).
        self._frequent_after: dict[str, list[str]] = {}
        self._frequent_before: dict[str, list[str]] = {}
        self._wraps_of: tuple[str | None, dict[int, str]] = (None, {})
        #: When a list, ``(start, evidence)`` of each word decision is appended to it: the
        #: calibrator's training data (``scripts/train_ocr_calibrator.py``). Not thread-safe:
        #: set it only on a corrector of your own.
        self.feature_sink: list[tuple[int, dict[str, Any]]] | None = None

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

        Valid forms frequent in the corpus (``min_count`` or more) gain prior weight and their
        word pairs become context; rare forms and forms the lexicon does not accept are ignored,
        so an error the engine repeats across the corpus is still corrected (see
        :meth:`adapt_counts`).

        Args:
            texts: The corpus (already normalised).
            weight: Scale of the corpus counts relative to the packaged domain counts.
            min_count: Minimum count of a word or pair to be used.

        Returns:
            A new :class:`Corrector`; this one is unchanged.
        """
        uni, bi = count_ngrams(texts)
        return self.adapt_counts(uni, bi, weight=weight, min_count=min_count)

    def adapt_counts(
        self,
        uni: Counter[str],
        bi: Counter[tuple[str, str]],
        *,
        weight: float = 1.0,
        min_count: int = 3,
    ) -> Corrector:
        """Like :meth:`adapt`, from counts already taken (``count_ngrams``, a saved file).

        This is what corpus runs use: the counts are taken once over the whole corpus and
        shipped to every worker, instead of every worker reading every text.

        Only forms the lexicon already accepts are learnt: an OCR engine repeats its own errors
        across a corpus, so a frequent unknown form is as likely a systematic misreading as a
        new word. The corpus therefore re-weights known words and supplies their contexts.
        """
        valid = self.lexicon.is_valid
        uni = Counter({w: c for w, c in uni.items() if c >= min_count and valid(w)})
        bi = Counter(
            {
                (a, b): c
                for (a, b), c in bi.items()
                if c >= min_count and (a == BOUNDARY or a in uni) and (b == BOUNDARY or b in uni)
            }
        )
        lexicon = self.lexicon.with_domain(uni, weight)
        bigrams = BigramModel(
            self.bigrams.bigrams, lexicon.logp, self.bigrams.discount, self.bigrams.trigrams
        )
        bigrams = bigrams.merged(bi, weight)
        return Corrector(lexicon, self.channel, bigrams, self.config, self.calibration)

    def with_config(self, **changes: Any) -> Corrector:
        """A corrector sharing this one's models with some parameters changed."""
        return Corrector(
            self.lexicon,
            self.channel,
            self.bigrams,
            replace(self.config, **changes),
            self.calibration,
        )

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
        for noise in self._noise(text) if self.config.delete_noise else ():
            out.append(noise)
            taken.update(t.start for t in tokens if noise.start <= t.start < noise.end)
        out.extend(self._latin_commas(text))
        by_start = {t.start: i for i, t in enumerate(tokens)}
        for fix in self._structural(text, tokens, by_start):
            out.append(fix)
            taken.add(fix.start)
        cache = self._document_cache(tokens, taken)
        known = self.lexicon.known

        @lru_cache(maxsize=1)
        def unknown() -> float:  # counted on the first decision that needs it
            return unknown_share(sum(t.word not in known for t in tokens), len(tokens))

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
                and not self._truncated(tok.word)
                and not tok.word.endswith(_HAMZA)
                and not _RE_PERSIAN.search(tok.word)
            ):
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if (
                    nxt is not None
                    and self._joinable(tok.word, nxt.word)
                    and (tok.word == _LONE_AND or not self._solid(nxt.word))
                    and nxt.start not in taken
                    and self._touchable(text, tok, min_len=1 if tok.word == _LONE_AND else 2)
                ):
                    merged = self._merge_split(text, tok, nxt)
                    if merged is not None:
                        out.append(merged)
                        i += 2
                        continue
                if self._context_candidates(tok) and self._touchable(text, tok):
                    c = self._correct_token(tok, cache, unknown)
                    if c is not None:
                        out.append(c)
                i += 1
                continue
            lone = self._lone_letter(text, tok)
            if not self._touchable(text, tok, min_len=2 - lone):
                i += 1
                continue
            if i + 1 < len(tokens) and not lone:
                merged = self._merge_split(text, tok, tokens[i + 1])
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
            c = self._correct_token(tok, cache, unknown)
            if c is not None:
                out.append(c)
            i += 1
        out.sort(key=lambda c: (c.start, c.end))
        return _drop_overlaps(out)

    # -- tokens --------------------------------------------------------------------------

    def _document_cache(self, tokens: list[_Token], taken: set[int]) -> _DocumentCache | None:
        """The document's own vocabulary: its word forms, counted once (a cache language model).

        A resolution repeats its words, so a candidate the same document writes elsewhere is
        more likely. Words inside scanner noise, garbled stretches and structural corrections
        are not counted. Which forms may vote is decided per candidate in
        :meth:`_cache_bonus` (valid, not a weak spelling), so this is one cheap pass.
        """
        if self.config.cache_lambda <= 0.0 or not tokens:
            return None
        counts = Counter(t.word for t in tokens if t.start not in taken)
        return _DocumentCache(counts, len(tokens))

    def _cache_bonus(self, cand: str, cache: _DocumentCache | None) -> float:
        """Log-odds the document cache adds to candidate ``cand`` (0 if it is not written).

        ``log((1 - λ) + λ n / (N P(cand)))``, at least 0 and at most ``cache_cap``: large for
        a rare word the document uses, small for a common word it uses as often as expected.
        """
        if cache is None:
            return 0.0
        n = cache.counts.get(cand, 0)
        if not n:
            return 0.0
        lex = self.lexicon
        if cand in lex.shadowed or not (cand in lex.known or lex.is_valid(cand)):
            return 0.0  # a non-word or a weak spelling is no evidence, however often written
        lam = self.config.cache_lambda
        ratio = n / (cache.total * math.exp(self.lexicon.logp(cand)))
        bonus = math.log((1.0 - lam) + lam * ratio)
        return min(self.config.cache_cap, max(0.0, bonus))

    def _tokens(self, text: str) -> list[_Token]:
        words = arabic_words(text)
        wraps = self._wraps(text)
        breaks = [m.start() for m in _RE_BREAK.finditer(text) if m.start() not in wraps]
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
        own = [context_key(t.word) for t in toks]
        for i, t in enumerate(toks):
            kp = kp2 = kn = kn2 = BOUNDARY
            if t.prev != BOUNDARY:
                t.prev2 = toks[i - 1].prev
                kp = own[i - 1]
                if t.prev2 != BOUNDARY:
                    kp2 = own[i - 2]
            if t.next != BOUNDARY:
                t.next2 = toks[i + 1].next
                kn = own[i + 1]
                if t.next2 != BOUNDARY:
                    kn2 = own[i + 2]
            t.keys = (own[i], kp, kn, kp2, kn2)
        return toks

    def _wraps(self, text: str) -> dict[int, str]:
        """:func:`~qararat.layout.wrap_breaks` of ``text`` (the last text's, cached), or
        nothing when ``read_through_wraps`` is off."""
        if not self.config.read_through_wraps or text.count("\n") < WRAP_MIN_PAIRS:
            return {}
        if self._wraps_of[0] is not text:
            self._wraps_of = (text, wrap_breaks(text))
        return self._wraps_of[1]

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

    def _noise(self, text: str) -> list[Correction]:
        """Stretches of scanner noise deleted: "ا ل ل ا 0 ا ل د ا" from stamps and rules.

        Per line, whitespace-separated chunks are stray letters (one Arabic letter, not "و",
        not a list label "(أ)"), short non-words, neutral (digits, punctuation, "و", one- or
        two-letter words between stray letters), longer non-words, or text (anything else).
        A maximal stretch without text that starts and ends on a stray letter and holds at
        least ``noise_min_letters`` of them is deleted with one space of its surroundings.
        Arabic never writes four separate letters in a row; lists of numbers joined by "و"
        ("55/67 و 58/137 و …") have no stray letter.
        """
        cfg = self.config
        lex = self.lexicon
        out: list[Correction] = []
        # Lines: a hard-wrapped line that goes on with the one above is part of its line here.
        wraps = self._wraps(text)
        ends = [m.start() for m in _RE_NEWLINE.finditer(text) if m.start() not in wraps]
        lines = list(zip([0, *(e + 1 for e in ends)], [*ends, len(text)], strict=True))
        # Only lines with enough stray letters are looked at chunk by chunk.
        per_line: Counter[int] = Counter()
        for m in _RE_STRAY.finditer(text):
            per_line[bisect_right(ends, m.start())] += 1
        busy = {n for n, k in per_line.items() if k >= cfg.noise_min_letters}
        for n_line in sorted(busy):
            line_start, line_end = lines[n_line]
            chunks: list[tuple[int, int, str]] = []  # (start, end, kind)
            for m in _RE_CHUNK.finditer(text, line_start, line_end):
                chunk = m.group()
                letters = "".join(_RE_AR_LETTER.findall(chunk))
                if _RE_LATIN.search(chunk):
                    kind = "text"
                elif not letters or letters == "و":
                    kind = "neutral"
                elif len(letters) == 1:
                    kind = "text" if ("(" in chunk or ")" in chunk) else "stray"
                elif lex.is_valid(letters):
                    kind = "neutral" if len(letters) <= 2 else "text"
                else:
                    kind = "stray" if len(letters) <= 3 else "nonword"
                chunks.append((m.start(), m.end(), kind))
            i = 0
            while i < len(chunks):
                if chunks[i][2] != "stray":
                    i += 1
                    continue
                j = i
                last = i
                while j < len(chunks) and chunks[j][2] != "text":
                    if chunks[j][2] == "stray":
                        last = j
                    j += 1
                run = chunks[i : last + 1]
                strays = sum(1 for c in run if c[2] == "stray")
                words = sum(1 for c in run if c[2] == "nonword")
                single = sum(
                    1
                    for c in run
                    if c[2] == "stray" and len(_RE_AR_LETTER.findall(text[c[0] : c[1]])) == 1
                )
                if single >= cfg.noise_min_letters and words <= cfg.noise_max_words * strays:
                    # one deletion per physical line: line breaks are never deleted
                    piece = [run[0]]
                    for c in run[1:]:
                        if "\n" in text[piece[-1][1] : c[0]]:
                            out.append(self._delete_span(text, piece[0][0], piece[-1][1], strays))
                            piece = []
                        piece.append(c)
                    out.append(self._delete_span(text, piece[0][0], piece[-1][1], strays))
                i = last + 1
        return out

    def _latin_commas(self, text: str) -> list[Correction]:
        """Latin commas in Arabic lines read back as Arabic commas ("العامة," → "العامة،").

        A line whose Arabic letters outnumber its Latin ones is Arabic text, where UN documents
        write "،" even after a number or a symbol ("(A/77/443/Add.4، الفقرة 14)"). A comma
        between two digits (a decimal "2,2") and commas in Latin lines ("United Nations, Treaty
        Series") are kept.
        """
        if "," not in text:
            return []
        out: list[Correction] = []
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            if "," not in line:
                continue
            if len(_RE_AR_LETTER.findall(line)) <= len(_RE_LATIN.findall(line)):
                continue
            for m in _RE_LATIN_COMMA.finditer(line):
                i = start + m.start()
                out.append(
                    Correction(
                        start=i,
                        end=i + 1,
                        original=",",
                        replacement="،",
                        rule="punctuation",
                        confidence=0.9,
                        alternatives=[],
                        applied=0.9 >= self.config.apply_threshold,
                        confusion="punctuation",
                    )
                )
        return out

    def _delete_span(self, text: str, start: int, end: int, strays: int) -> Correction:
        """A deletion of ``text[start:end]`` taking one side's spaces with it."""
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] != "\n":
            end = after
        else:
            while start > 0 and text[start - 1] in " \t":
                start -= 1
        conf = min(0.98, 0.8 + 0.02 * strays)
        return Correction(
            start=start,
            end=end,
            original=text[start:end],
            replacement="",
            rule="noise",
            confidence=_shown(conf, self.config.apply_threshold),
            alternatives=[],
            applied=conf >= self.config.apply_threshold,
            confusion="noise",
        )

    def _touchable(self, text: str, tok: _Token, min_len: int = 2) -> bool:
        """False for words glued to digits/Latin letters and for protected names."""
        before = text[tok.start - 1] if tok.start else " "
        after = text[tok.end] if tok.end < len(text) else " "
        if before.isascii() and before.isalnum() or after.isascii() and after.isalpha():
            return False
        if after.isdigit() and len(tok.word) < _GLUED_MARKER_MIN:
            return False
        if tok.word in self.lexicon.protected:
            return False
        return len(tok.word) >= min_len

    def _truncated(self, word: str) -> bool:
        """``word`` is a known fragment of a far more frequent word (``Lexicon.truncated``),
        checked in context when the configuration says so."""
        return self.config.truncated and word in self.lexicon.truncated

    def _lone_letter(self, text: str, tok: _Token) -> bool:
        """A single letter between two words, as no clean resolution writes one ("ف" for
        "في"): it may be corrected. A letter in brackets, beside a digit or ending a sentence
        run is a list label ("(ف)") and is not."""
        if len(tok.word) != 1 or not self._truncated(tok.word):
            return False
        if tok.prev == BOUNDARY or tok.next == BOUNDARY:
            return False
        return text[tok.start - 1 : tok.start].isspace() and text[tok.end : tok.end + 1].isspace()

    # -- scoring -------------------------------------------------------------------------

    def _pmi(self, word: str, prev: str) -> float:
        """``log P(word | prev) - log P(word)``, capped: the small domain model's evidence."""
        cap = self.config.context_cap
        if prev == BOUNDARY and word == BOUNDARY:
            return 0.0
        base = self.lexicon.logp(word) if word != BOUNDARY else math.log(0.05)
        return _clip(self.bigrams.logp(word, prev) - base, cap)

    def _bigram_context(self, word: str, tok: _Token) -> float:
        return self.lexicon.logp(word) + self._pmi(word, tok.prev) + self._pmi(tok.next, word)

    def _context(self, word: str, tok: _Token) -> float:
        score = self._bigram_context(word, tok)
        if self.config.trigram_context and self.bigrams.trigrams:
            score += self._trigram_gain(word, tok)
        return score

    def _trigram_gain(self, word: str, tok: _Token) -> float:
        """What the trigram model adds to the bigram terms of :meth:`_context`.

        Each of the three trigrams that hold ``word`` (``prev2 prev word``, ``prev word next``,
        ``word next next2``) replaces the bigram that a bigram model would use for the same
        prediction; each difference is capped like a bigram's evidence. Where a pair was never
        seen, the trigram backs off to the bigram and adds nothing.
        """
        model, cap = self.bigrams, self.config.context_cap
        prev, nxt = tok.prev, tok.next
        gain = 0.0
        if prev != BOUNDARY:
            gain += _clip(model.trigram_gain(word, tok.prev2, prev), cap)
            if nxt != BOUNDARY:
                gain += _clip(model.trigram_gain(nxt, prev, word), cap)
        if nxt != BOUNDARY:
            gain += _clip(model.trigram_gain(tok.next2, word, nxt), cap)
        return gain

    def _attested(self, tok: _Token, word: str) -> bool:
        """True if clean text has ``word`` in this place: beside one of its neighbours, or,
        where a neighbour pair is itself a frequent phrase, inside that phrase.

        Backing off like an n-gram model: when the two words on one side were seen together
        ``phrase_min_count`` times, the evidence for that side is the trigram, not the bigram
        ("بها في" is ordinary text, "بها في ذلك" is not; "بما في ذلك" is the phrase).
        """
        model = self.bigrams
        bi, tri = model.bigrams, model.trigrams
        least = self.config.phrase_min_count
        plain = not tri or least <= 0  # bigrams alone decide
        own, p, n, p2, n2 = tok.keys
        if own == BOUNDARY:  # a token made by hand, not by ``_tokens``
            own, p, n, p2, n2 = (
                key_of(x) for x in (tok.word, tok.prev, tok.next, tok.prev2, tok.next2)
            )
        w = own if word == tok.word else key_of(word)
        left = bi.get((p, w), 0)
        if left:
            if plain or p == BOUNDARY or p2 == BOUNDARY or bi.get((p2, p), 0) < least:
                return True
        right = bi.get((w, n), 0)
        if right:
            if plain or n == BOUNDARY or n2 == BOUNDARY or bi.get((n, n2), 0) < least:
                return True
        if not (left or right):
            return False
        # every side the word was seen on is a phrase: only a trigram attests it there
        if left and right and tri.get((p, w, n), 0):
            return True
        if right and tri.get((w, n, n2), 0):
            return True
        return bool(left and tri.get((p2, p, w), 0))

    def _keep_logp(self, word: str) -> float:
        return max(self.lexicon.logp(word), self.config.oov_logp)

    def _correct_token(
        self,
        tok: _Token,
        cache: _DocumentCache | None = None,
        unknown: Callable[[], float] = lambda: 0.0,
    ) -> Correction | None:
        """The best correction of one word, or None to keep it.

        ``cache`` (the document's own accepted forms) raises candidates the document writes
        elsewhere, only for a word the lexicon does not accept (a non-word); keeping the word
        never gets that bonus, so a word cannot vote for itself. ``unknown`` is the document's
        share of words that are not known words, computed on demand
        (:func:`~qararat.ocr.calibration.unknown_share`; evidence for the calibration: the worse
        the page, the likelier any one word is misread).
        """
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
        real_word = word in lex.known
        valid = real_word or lex.is_valid(word)
        cached_over = -math.inf  # the general log ratio a candidate needs for the cache
        if valid:
            # A valid word's own spelling is as much the document's as the candidate's: the
            # cache only helps decide what a non-word was meant to be, or what a rare form
            # that is valid only as clitics + stem was meant to be, when the candidate is far
            # more common in the language as a whole.
            if real_word or cfg.cache_valid_logratio <= 0.0:
                cache = None
            else:
                cached_over = cfg.cache_valid_logratio
        prelim = self._candidates(word)
        if real_word:
            extra = self._context_candidates(tok)
            if extra:
                have = {c for _, c, _ in prelim}
                prelim = prelim + tuple(x for x in extra if x[1] not in have)
        if not prelim:
            return None
        word_ctx = self._bigram_context(word, tok) - lex.logp(word)
        keep_score = keep_prior + word_ctx
        # context log-odds and cache bonus of each one-word candidate (the calibration's evidence)
        seen: dict[str, tuple[float, float]] = {}
        for pre, cand, cost in prelim:
            if " " in cand:
                a, b = cand.split(" ")
                score = pre + self._pmi(a, tok.prev) + self._pmi(tok.next, b)
                kind = "merge"
            else:
                # the context model reads through commas: the stem's context is the comma's
                kind = "comma" if cand.endswith("،") else ""
                stem = cand[:-1] if kind else cand
                ctx = self._bigram_context(stem, tok) - lex.logp(stem)
                bonus = self._cache_bonus(stem, cache)
                if bonus and (
                    lex.general_logratio(stem, word) < cached_over
                    or self._number_alternation(stem, word)
                ):
                    bonus = 0.0
                seen[stem] = (ctx, bonus)
                score = pre + ctx + bonus
            scored.append((score, cand, kind, cost))
        scored.sort(reverse=True)
        if cfg.trigram_context and self.bigrams.trigrams:
            # trigram evidence for the word and the front-runners only: the others are too
            # far behind for it to matter (it is capped), and it is the costly part
            keep_score += self._trigram_gain(word, tok)
            for n in range(min(_TRIGRAM_RESCORE, len(scored))):
                score, cand, kind, cost = scored[n]
                if kind != "merge":
                    gain = self._trigram_gain(cand[:-1] if kind == "comma" else cand, tok)
                    scored[n] = (score + gain, cand, kind, cost)
            scored.sort(reverse=True)
        top = max(keep_score, scored[0][0])
        z = math.exp(keep_score - top) + sum(math.exp(s - top) for s, *_ in scored)
        best_score, best, kind, _cost = scored[0]
        # the same word with or without a comma after it is one reading of the letters
        letters = best.rstrip("،")
        conf = sum(math.exp(s - top) for s, c, k, _ in scored if c.rstrip("،") == letters) / z
        if best_score <= keep_score or conf < cfg.suggest_threshold:
            if persian:
                return self._emit(tok, word, [], 0.9, "persian_letter", "persian")
            return None
        # Whether there is a change worth reporting is the ranking's call; how likely it is to
        # be right, and so whether it is applied, is the calibration's.
        confusion = kind or self.channel.confusion(best, word)
        evidence: dict[str, Any] | None = None
        if self.feature_sink is not None or (cfg.calibrate and self.calibration is not None):
            stem = letters.split(" ")[0]
            ctx, bonus = seen.get(stem) or (
                self._bigram_context(stem, tok) - lex.logp(stem),
                self._cache_bonus(stem, cache) if cached_over == -math.inf else 0.0,
            )
            evidence = self._evidence(
                tok,
                word,
                scored,
                keep_score,
                conf=conf,
                word_context=word_ctx,
                confusion=confusion,
                known_valid=(real_word, valid),
                best_context=(ctx, bonus),
                unknown=unknown(),
            )
            if self.feature_sink is not None:
                self.feature_sink.append((tok.start, evidence))
            if cfg.calibrate and self.calibration is not None:
                conf = self.calibration.probability(evidence)
        if real_word and kind == "":
            # A valid word is changed only on strong evidence: an overwhelming prior ratio
            # (غلى → على) or context that clearly prefers the candidate.
            gain = (self._context(best, tok) - lex.logp(best)) - (
                self._context(word, tok) - lex.logp(word)
            )
            ratio = lex.logp(best) - lex.logp(word)
            weak = ratio < cfg.real_word_logratio and gain < cfg.real_word_context
            if len(best) != len(word) and (
                lex.general_logratio(best, word) < cfg.real_word_indel_logratio
            ):
                # a letter more or less between two words of like frequency is grammar (or a
                # synonym: الترصد / الرصد) far more often than OCR (برامج / برنامج): context
                # cannot decide it. The frequencies are the general language's: the domain
                # counts are the context model's evidence already, not a second vote.
                weak = True
            if self._attested(tok, word) or weak:
                # ... and never when clean text has it beside one of its neighbours
                conf = min(conf, cfg.apply_threshold - 0.01)
                if evidence is not None:
                    evidence["guarded"] = 1.0
        alternatives = [c for _, c, *_ in scored[1:5]]
        rule = "lexicon" if self.lexicon.logp(tok.word) < cfg.accept_logp else "context"
        return self._emit(tok, best, alternatives, conf, rule, confusion, cfg.threshold_for(valid))

    def _evidence(
        self,
        tok: _Token,
        word: str,
        scored: list[tuple[float, str, str, float]],
        keep_score: float,
        *,
        conf: float,
        word_context: float,
        confusion: str,
        known_valid: tuple[bool, bool],
        best_context: tuple[float, float],
        unknown: float,
    ) -> dict[str, Any]:
        """What the calibration reads about one decision (see
        :func:`qararat.ocr.calibration.decision_vector`). The ranking has already computed the
        context log-odds of the written word and of the best candidate, and the candidate's
        cache bonus (``best_context``); only for the few words whose best candidate beats
        keeping them."""
        lex = self.lexicon
        best_score, best, _, cost = scored[0]
        letters = best.rstrip("،")
        runner = next((s for s, c, *_ in scored[1:] if c.rstrip("،") != letters), None)
        stem = letters.split(" ")[0]
        tooth, alef = extra_letter(word, letters)
        return {
            "conf": conf,
            "margin": best_score - keep_score,
            "runner": 8.0 if runner is None else min(8.0, best_score - runner),
            "cost": cost,
            "logp_best": lex.logp(stem),
            "logp_word": lex.logp(word),
            "attested_word": float(lex.attested(word)),
            "valid_word": float(known_valid[1]),
            "known_word": float(known_valid[0]),
            "n_cands": float(len(scored)),
            "len_word": float(len(word)),
            "dlen": float(len(letters) - len(word)),
            "extra_tooth": tooth,
            "extra_alef": alef,
            "truncated": float(letters in lex.truncated.get(word, ())),
            "att_best": float(self._attested(tok, stem)),
            "att_word": float(self._attested(tok, word)),
            "edge": float(tok.prev == BOUNDARY or tok.next == BOUNDARY),
            "ctx_word": word_context,
            "ctx_best": best_context[0],
            "cache_best": best_context[1],
            "doc_unknown": unknown,
            "confusion": confusion,
            "guarded": 0.0,
        }

    def _prelim(self, word: str) -> tuple[tuple[float, str, float], ...]:
        """Context-free candidates of ``word`` as ``(score, replacement, cost)``, best first.

        ``score = log P(candidate) + change_logp - K * cost``; cached per distinct word (see
        ``__init__``), so a word repeated in a document is ranked once and only its context is
        scored again. Same-skeleton candidates are all costed; candidates one skeleton edit
        away are costed most probable first until even the cheapest such edit could not bring
        the next one near the best so far.
        """
        cfg = self.config
        lex = self.lexicon
        real_word = word in lex.known
        valid = real_word or lex.is_valid(word)
        exact = lex.exact_scored(word)
        # a rare form the frequency list has ("يؤجج" beside the commoner "تؤجج") is as
        # grammatical as a valid one: its grammatical neighbours are no OCR signal either
        grammar_guard = valid or lex.attested(word)
        if grammar_guard:
            # ت/ي/ن at the start of a verb alternate with its subject, its final ى/ي with its
            # voice (تراعى / تراعي), endings with number, gender and case: grammar, not an OCR
            # signal, when the word as written is a valid word.
            exact = tuple(c for c in exact if not _grammatical(c[0], word))
        prelim: list[tuple[float, str, float]] = []
        best_pre = -math.inf
        change = cfg.change_logp
        weight = cfg.channel_weight
        cost_of = self.channel.cost
        within = self.channel.cost_within
        margin = cfg.prune_margin
        exact_floor = weight * self._min_exact_cost
        for cand, prior in exact:
            if abs(len(cand) - len(word)) > 2:
                continue
            if prior + change - exact_floor < best_pre - margin:
                break  # sorted by prior: no later one can come near
            cost = cost_of(cand, word)
            if cost > cfg.max_cost:
                continue
            pre = prior + change - weight * cost
            best_pre = max(best_pre, pre)
            prelim.append((pre, cand, cost))
        # a known fragment of a far more frequent word ("عل", "ف"): that word, its last letter
        # put back, is a candidate (a known word gets no one-edit search)
        if real_word and cfg.truncated:
            for cand in lex.truncated.get(word, ()):
                cost = cost_of(cand, word)
                if cost <= cfg.max_cost:
                    pre = lex.logp(cand) + change - weight * cost
                    best_pre = max(best_pre, pre)
                    prelim.append((pre, cand, cost))
        # A non-word is always looked at one skeleton edit further, however good its best
        # same-skeleton reading: some edits across skeletons cost no more than a dot (غ read
        # as ف, ل or د as ن), so "الاستفلال" is "الاستغلال" (0.30) before "الاستقلال" (0.35).
        # A valid clitic form ("وبالاتفاقيتين") is not looked at one skeleton edit further.
        plausible = lex.logp(word) >= cfg.plausible_logp and lex.is_valid(word)
        plausible = plausible or (not prelim and lex.direct_p(word) >= cfg.attested_p)
        if not real_word and not plausible:
            fuzzy_floor = weight * self._min_fuzzy_cost
            word_sk = skeleton(word)
            for n, (cand, prior) in enumerate(lex.fuzzy_scored(word)):
                if n >= cfg.max_fuzzy:
                    break
                if abs(len(cand) - len(word)) > 2:
                    continue
                if prior + change - fuzzy_floor < best_pre - margin:
                    break
                # the skeleton edit alone bounds the cost from below: skip hopeless ones cheaply
                bound = self._skeleton_bound(skeleton(cand), word_sk)
                if prior + change - weight * bound < best_pre - margin:
                    continue
                # a candidate that would end beyond the margin is dropped, so its alignment
                # may be abandoned as soon as it costs more than that
                limit = min(cfg.max_cost, (prior + change - best_pre + margin) / weight)
                cost = within(cand, word, limit)
                if cost > limit or (grammar_guard and _grammatical(cand, word)):
                    continue
                pre = prior + change - weight * cost
                best_pre = max(best_pre, pre)
                prelim.append((pre, cand, cost))
            # a letter of three teeth read as two letters ("الخامبن" for "الخامس") is two
            # skeleton edits, beyond the index's reach: each such pair is put back as the letter
            have = {c for _, c, _ in prelim}
            for cand, prior in self._split_letter_candidates(word):
                if cand in have or abs(len(cand) - len(word)) > 2:
                    continue
                cost = within(cand, word, cfg.split_max_cost)
                if cost > cfg.split_max_cost or (grammar_guard and _grammatical(cand, word)):
                    continue
                pre = prior + change - weight * cost
                best_pre = max(best_pre, pre)
                prelim.append((pre, cand, cost))
        if word.endswith(_HAMZA) and len(word) > 2:
            stem = word[:-1]
            comma = self.channel.comma_cost
            stem_pre = -math.inf
            if lex.is_valid(stem):
                stem_pre = lex.logp(stem) + change
                prelim.append((stem_pre - weight * comma, stem + "،", comma))
            if not valid and len(stem) > 2 and cfg.comma_stem_candidates > 0:
                # a comma read as ء after a word that is misread too ("غصرناء": "عصرنا،"):
                # the stem's own best readings, each with the comma, where prior and channel
                # alone prefer them to the stem as written
                for pre, cand, cost in self._candidates(stem)[: cfg.comma_stem_candidates]:
                    if pre > stem_pre and " " not in cand and not cand.endswith("،"):
                        prelim.append((pre - weight * comma, cand + "،", cost + comma))
        for a, b in self._splits(word):
            cost = self.channel.merge_cost
            prior = lex.logp(a) + lex.logp(b) + self._pmi(b, a)
            prelim.append((prior + change - weight * cost, f"{a} {b}", cost))
        prelim.sort(reverse=True)
        return tuple(prelim[: cfg.max_candidates])

    def _split_letter_candidates(self, word: str) -> list[tuple[str, float]]:
        """Words that ``word`` may be with one of its letter pairs read from a single letter
        (``Channel.split_letters``, "بن" or "من" for س/ش), as ``(word, log prior)``: the pair
        put back as the letter, and that form's same-skeleton neighbours (ش, other dots)."""
        ch, lex = self.channel, self.lexicon
        first, second = ch.split_first, ch.split_second
        if not ch.split_letters or not 3 <= len(word) <= MAX_NEIGHBOUR_KEY:
            return []  # a run of letters longer than any word is debris (and quadratic here)
        found: dict[str, float] = {}
        for k in range(len(word) - 1):
            if word[k] in first and word[k + 1] in second:
                base = word[:k] + ch.split_letters[0] + word[k + 2 :]
                if lex.is_valid(base):
                    found[base] = lex.logp(base)
                for cand, prior in lex.exact_scored(base):
                    if prior > found.get(cand, -math.inf):
                        found[cand] = prior
        return list(found.items())

    def _context_candidates(self, tok: _Token) -> tuple[tuple[float, str, float], ...]:
        """Words that both neighbours of a known word were seen with, when it was not.

        A valid word can be a misreading of another ("بها في ذلك" for "بما في ذلك", "للأمم
        العام" for "للأمين العام"). The candidates are the context keys seen in the domain
        bigrams between the two neighbours, or beside one of them ``context_min_count`` times,
        with the observed word's proclitics and a cheap channel edit away. Empty when the
        observed word was itself seen beside either neighbour. The ranking then keeps the word
        unless the context gain passes the real-word test of :meth:`_correct_token`.
        """
        word, prev, nxt = tok.word, tok.prev, tok.next
        model = self.bigrams
        if prev == BOUNDARY and nxt == BOUNDARY:
            return ()
        if self._attested(tok, word):
            return ()
        after = model.followers(prev) if prev != BOUNDARY else {}
        before = model.leaders(nxt) if nxt != BOUNDARY else {}
        own = context_key(word)
        size = len(own)
        # seen with both neighbours (any count), or beside one of them often enough; the
        # frequent ones are listed once per neighbour, the pairs by the shorter of the two
        both: list[str] = []
        if after and before:
            small, big = (after, before) if len(after) <= len(before) else (before, after)
            both = [k for k in small if k in big]
        keys = {
            k
            for k in chain(
                self._frequent(after, prev, True), self._frequent(before, nxt, False), both
            )
            if abs(len(k) - size) < 2
        }
        keys.discard(own)
        keys.discard(BOUNDARY)
        if not keys:
            return ()
        cfg = self.config
        lex = self.lexicon
        own_sk = skeleton(own)
        tri = model.trigrams
        _, kp, kn, _, _ = tok.keys
        out: list[tuple[float, str, float]] = []
        for key in keys:
            # same skeleton (dots, hamza) or one cheap skeleton edit; never a costlier rewrite,
            # except inside a fixed phrase clean text writes (prev, key, next) often enough
            limit = cfg.context_max_cost
            if tri and cfg.phrase_max_cost > limit and kp != BOUNDARY and kn != BOUNDARY:
                if tri.get((kp, key, kn), 0) >= cfg.phrase_min_count:
                    limit = cfg.phrase_max_cost
            if self._skeleton_bound(skeleton(key), own_sk, strict=True) > limit:
                continue
            cand = with_proclitics(word, key)
            if (
                cand is None
                or cand == word
                or _prefix_alternation(cand, word)
                or _grammatical(cand, word)
                or self._suffix_alternation(cand, word)
            ):
                continue
            cost = self.channel.cost(cand, word)
            if cost > limit:
                continue
            pre = lex.logp(cand) + cfg.change_logp - cfg.channel_weight * cost
            out.append((pre, cand, cost))
        return tuple(out)

    def _frequent(self, seen: dict[str, int], word: str, after: bool) -> list[str]:
        """Context keys seen ``context_min_count`` times or more after (or before) ``word``,
        listed once per word and side (``seen``: its followers or leaders)."""
        if not seen:
            return []
        cache = self._frequent_after if after else self._frequent_before
        found = cache.get(word)
        if found is None:
            least = self.config.context_min_count
            found = cache[word] = [k for k, n in seen.items() if n >= least]
        return found

    def _skeleton_bound(self, cand: str, word: str, *, strict: bool = False) -> float:
        """A lower bound of the channel cost between two words from their skeletons alone.

        With ``strict``, skeletons more than one edit apart get an infinite bound (callers that
        only want single-edit candidates).
        """
        n, m = len(cand), len(word)
        p, q = common_ends(cand, word)
        a, b = cand[p : n - q], word[p : m - q]
        if len(a) == 1 and len(b) == 1:
            return self._skel_sub.get((a, b), self.channel.substitute_cost)
        if len(a) == 1 and not b:
            return self._skel_del.get(a, self.channel.delete_cost)
        if not a and len(b) == 1:
            return self._skel_ins.get(b, self.channel.insert_cost)
        if not a and not b:
            return 0.0
        return math.inf if strict else self._min_fuzzy_cost

    def _suffix_alternation(self, a: str, b: str) -> bool:
        """True if ``a`` and ``b`` differ only in a pronoun suffix (قلقه / قلقها): the organ's
        gender, not an OCR signal."""
        endings = ("", *self.lexicon.clitics["suffixes"])
        for x in endings:
            if x and not a.endswith(x):
                continue
            stem = a[: len(a) - len(x)]
            if len(stem) == 1 and stem not in _SUFFIX_PREPOSITIONS:
                continue  # "في" is no "ف" + "ي": "فني" beside it is no pronoun alternation
            if stem and b.startswith(stem) and b[len(stem) :] in endings:
                return True
        return False

    def _number_alternation(self, a: str, b: str) -> bool:
        """True if ``a`` and ``b`` are one noun in two numbers before the same pronoun suffix:
        singular in ة and plural in ات ("ولادتهم" / "ولاداتهم"), or singular and dual
        construct ("قراره" / "قراريه", "دورتها" / "دورتاها"): grammar, which a document writes
        both ways."""
        for x in _PRONOUNS_LONGEST_FIRST:
            if a.endswith(x) and b.endswith(x):
                sa, sb = a[: -len(x)], b[: -len(x)]
                if len(sa) > len(sb):
                    sa, sb = sb, sa
                if len(sa) < 3:
                    return False
                plural = sa.endswith("ت") and sb == sa[:-1] + _NUMBER["plural_after_ta"]
                return plural or any(sb == sa + d for d in _NUMBER["dual_construct"])
        return False

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
        lone = tok.word == _LONE_AND
        if lone and not self._lone_conjunction(text, tok, nxt, joined):
            return None
        lost = 0.0  # channel cost of a letter lost where the word was split
        if joined not in lex.known and not lone:
            found = self._lossy_join(tok, nxt, joined)
            if found is None:
                return None
            joined, lost = found
        cfg = self.config
        first = tok.word
        if lone:
            # edited Arabic never writes "و" alone before a word: it is "أو" that lost its
            # alef, or a conjunction the scanner split off
            first = _OR
            head = lex.logp(_OR) - cfg.channel_weight * self.channel.cost(_OR, tok.word)
        else:
            head = self._keep_logp(tok.word)
        keep = (
            head
            + self._pmi(first, tok.prev)
            + self._keep_logp(nxt.word)
            + self._pmi(nxt.word, first)
            + self._pmi(nxt.next, nxt.word)
        )
        join = (
            lex.logp(joined)
            + cfg.change_logp
            - cfg.channel_weight * (self.channel.split_cost + lost)
            + self._pmi(joined, tok.prev)
            + self._pmi(nxt.next, joined)
        )
        if join <= keep:
            return None
        conf = 1.0 / (1.0 + math.exp(keep - join))
        if conf < cfg.suggest_threshold:
            return None
        alternatives: list[str] = []
        if lone:
            # measured (docs/ocr.md): applied, these joins broke about as many words as they
            # fixed, for in OCR a lone "و" is as often a lost-alef "أو" or a table's debris;
            # the reviewer gets both readings
            conf = min(conf, cfg.apply_threshold - 0.01)
            alternatives = [f"{_OR} {nxt.word}"]
        return Correction(
            start=tok.start,
            end=nxt.end,
            original=text[tok.start : nxt.end],
            replacement=joined,
            rule="lexicon",
            confidence=_shown(conf, cfg.apply_threshold),
            alternatives=alternatives,
            applied=conf >= cfg.apply_threshold,
            confusion="split",
        )

    def _lone_conjunction(self, text: str, tok: _Token, nxt: _Token, joined: str) -> bool:
        """True for a lone "و" in running text that may join the next word: an Arabic word or
        a comma or semicolon just before it (after a digit it links numbers, "7 و 8";
        after a stray mark the line is a scanned table's debris), a valid word after it and a
        valid joined form."""
        i = tok.start - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        before = text[i] if i >= 0 else ""
        if not (_RE_AR_LETTER.match(before) or before in ("،", "؛", ",")):
            return False
        lex = self.lexicon
        return len(nxt.word) > 1 and lex.is_valid(nxt.word) and lex.is_valid(joined)

    def _joinable(self, a: str, b: str) -> bool:
        """A cheap necessary condition of :meth:`_merge_split`: the joined word is known, or
        one piece is a fragment short enough for :meth:`_lossy_join`."""
        return len(a) <= _FRAGMENT or len(b) <= _FRAGMENT or a + b in self.lexicon.known

    def _lossy_join(self, tok: _Token, nxt: _Token, joined: str) -> tuple[str, float] | None:
        """A word split in two with a letter lost at the break ("التن ية" → "التنمية").

        Only for a fragment (one piece of at most three letters) beside a word that is not
        frequent, and only for a candidate one cheap edit from the joined letters that clean
        text has beside one of the pair's outer neighbours: two edits at once need that
        evidence. Returns the word and its channel cost, or None.
        """
        a, b = tok.word, nxt.word
        if min(len(a), len(b)) > _FRAGMENT or self._solid(a) or self._solid(b):
            return None
        cfg = self.config
        lex = self.lexicon
        bigrams = self.bigrams.bigrams
        prev, after = key_of(tok.prev), key_of(nxt.next)
        best: tuple[float, str, float] | None = None
        exact, fuzzy = lex.candidates(joined)
        for cand in (*exact, *fuzzy):
            if len(cand) <= len(joined) or cand not in lex.known:
                continue  # a lost letter makes the joined letters shorter than the word
            key = key_of(cand)
            left = prev != BOUNDARY and bigrams.get((prev, key), 0)
            if not (left or after != BOUNDARY and bigrams.get((key, after), 0)):
                continue  # a line's edge is no evidence: only a neighbouring word is
            cost = self.channel.cost(cand, joined)
            if cost > cfg.lossy_join_max_cost:
                continue
            score = lex.logp(cand) - cfg.channel_weight * cost
            if best is None or score > best[0]:
                best = (score, cand, cost)
        return None if best is None else (best[1], best[2])

    def _comma_token(self, text: str, tokens: list[_Token], i: int) -> Correction | None:
        """A lone "ء" after a word is an Arabic comma read as hamza: "الدول ء" → "الدول،"."""
        tok = tokens[i]
        if i == 0 or tokens[i - 1].end < tok.start - 2:
            return None
        prev = tokens[i - 1]
        gap = text[prev.end : tok.start]
        if gap.strip(" \t"):  # only spaces: never across a line break
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
        threshold: float | None = None,
    ) -> Correction:
        if threshold is None:
            threshold = self.config.apply_threshold
        return Correction(
            start=tok.start,
            end=tok.end,
            original=tok.text,
            replacement=replacement,
            rule=rule,
            confidence=_shown(conf, threshold),
            alternatives=alternatives,
            applied=conf >= threshold,
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
        wraps = self._wraps(text)
        for start, end, zone in zones:
            line = text[start:end]
            if zone == "preamble":
                off = start + line_start_offset(line)
                idx = by_start.get(off)
                wrap = wraps.get(start - 1)
                if idx is not None and wrap is not None:
                    # a hard-wrapped line that goes on with the sentence above: no opening;
                    # after a comma, a coordinated "، وإذ" as inside a line
                    if wrap == "comma" and tokens[idx].word.startswith("و"):
                        # a paragraph may open here too: before a lead verb, as far off
                        # "وإذ" as a paragraph's first word may be ("وإنه تلاحظ")
                        limit = self.config.opener_max_cost
                        c = self._opener(tokens, idx, every, first=False, limit=limit)
                        if c is not None:
                            out.append(c)
                elif idx is not None:
                    c = self._opener(tokens, idx, every, first=True)
                    if c is not None:
                        out.append(c)
                    opener = c.replacement if c is not None else tokens[idx].word
                    if opener in self.leads.openers and idx + 1 < len(tokens):
                        verb = tokens[idx + 1]
                        if verb.start < end:
                            # "وإذ ثلاحظ", "وإذ ترهب": the verb after إذ is the organ's
                            # lead, misread as a non-word or as another word; for a word,
                            # only a change to apply, never a suggestion that would keep the
                            # context model from the word
                            c = self._lead_verb(verb, own, every)
                            if c is not None and (
                                c.applied or not self.lexicon.is_valid(verb.word)
                            ):
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
                lead_off = operative_lead_offset(line)
                idx = by_start.get(start + lead_off) if lead_off is not None else None
                if idx is not None:
                    c = self._lead_verb(tokens[idx], own, every)
                    if c is not None:
                        out.append(c)
        return out

    def _opener(
        self,
        tokens: list[_Token],
        idx: int,
        leads: frozenset[str],
        *,
        first: bool,
        limit: float | None = None,
    ) -> Correction | None:
        """ "وإن تشير" opening a preambular paragraph (or a coordinated clause) → "وإذ تشير".

        ``limit``: the channel cost allowed (default: ``opener_max_cost`` for a paragraph's
        first word, ``inner_opener_max_cost`` for a coordinated clause).
        """
        tok = tokens[idx]
        if idx + 1 >= len(tokens) or tok.word in self.leads.openers or len(tok.word) < 2:
            return None  # a lone letter there is a scanner's mark, not a misread "إذ"
        verb = tokens[idx + 1].word
        is_lead = verb in leads
        if not is_lead:
            if not first or not (verb[:1] in ("ت", "ي") and len(verb) >= 3):
                return None
            if not self.lexicon.is_valid(verb) and not self._near_lead(verb, leads):
                return None
        targets = (
            self.leads.openers
            if first
            else tuple(o for o in self.leads.openers if o.startswith("و"))
        )
        best = min(targets, key=lambda o: self.channel.cost(o, tok.word))
        cost = self.channel.cost(best, tok.word)
        if limit is None:
            limit = self.config.opener_max_cost if first else self.config.inner_opener_max_cost
        if cost > limit:
            return None
        conf = 0.97 if is_lead else 0.85
        conf -= 0.05 * max(0.0, cost - 0.7)
        alternatives = [o for o in targets if o != best]
        return self._emit(tok, best, alternatives, conf, "clause_opener", "real_word")

    def _near_lead(self, word: str, leads: frozenset[str]) -> bool:
        """True if the non-word ``word`` is a lead verb misread ("تؤكذ" for "تؤكد"): one is
        within ``lead_max_cost`` of it."""
        limit = self.config.lead_max_cost
        return any(self.channel.cost_within(v, word, limit) <= limit for v in leads)

    def _lead_verb(
        self, tok: _Token, own: frozenset[str], every: frozenset[str]
    ) -> Correction | None:
        """A misread lead verb opening an operative paragraph ("تهييب" → "تهيب") or following a
        preambular paragraph's "وإذ" ("وإذ ترهب بالجهود" → "ترحب")."""
        word = tok.word
        if word in every or len(word) < 3:
            return None
        # costs above what either the choice or the alternatives could use are not worked out
        limit = max(self.config.lead_max_cost + 0.15, self.config.max_cost)
        ranked = sorted((self.channel.cost_within(v, word, limit), v) for v in own)
        cost, best = ranked[0]
        if cost > self.config.lead_max_cost:
            return None
        tied = [v for c, v in ranked[1:] if c - cost < 0.15]
        if tied:
            # two leads as close ("ترهب": ترحب / ترغب): the next word decides by the margin a
            # real-word change needs ("ترحب بالجهود"), or the word is left alone
            scored = sorted(((self._pmi(tok.next, v), v) for v in [best, *tied]), reverse=True)
            if scored[0][0] - scored[1][0] < self.config.real_word_context:
                return None
            best = scored[0][1]
            ranked.sort(key=lambda cv: cv[1] != best)  # the chosen lead first, the rest in order
            cost = ranked[0][0]
        conf = 0.95 - 0.2 * max(0.0, cost - 0.5)
        if self._other_lead_verb(tok, best):
            # a verb the table lacks ("تدعم" for "تدعو"?): for a reviewer, never applied
            conf = min(conf, self.config.apply_threshold - 0.01)
        alternatives = [v for c, v in ranked[1:4] if c <= self.config.max_cost]
        confusion = (
            "real_word" if self.lexicon.is_valid(word) else self.channel.confusion(best, word)
        )
        return self._emit(tok, best, alternatives, conf, "lead_verb", confusion)

    def _other_lead_verb(self, tok: _Token, lead: str) -> bool:
        """True if the paragraph's first word may be a genuine verb that the lead table lacks
        ("تدعم جهود", "تعين المقرر" beside the table's "تدعو", "تعيد"): a valid word whose twin
        with the other person prefix (ت/ي) is valid too, as an imperfect verb's is (a verbal
        noun's is not: "تشجيع" / "يشجيع"), unless the lead is 30 times more frequent in general
        language or the next word calls for the lead by the margin a real-word change needs
        ("تخت الدول" → "تحث الدول"). Only the next word counts: what stands before is the
        paragraph's start, where clean text has the table's verbs and never the others."""
        word = tok.word
        if word[0] not in "تي" or not self.lexicon.is_valid(word):
            return False
        twin = ("ي" if word[0] == "ت" else "ت") + word[1:]
        if not self.lexicon.is_valid(twin):
            return False
        cfg = self.config
        if self.lexicon.general_logratio(lead, word) >= cfg.real_word_indel_logratio:
            return False
        gain = self._pmi(tok.next, lead) - self._pmi(tok.next, word)
        return gain < cfg.real_word_context


def _shared_conjunction(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without a conjunction و/ف that both start with (and 4+ letters)."""
    if len(a) >= 4 and len(b) >= 4 and a[0] == b[0] and a[0] in _CONJUNCTIONS:
        return a[1:], b[1:]
    return a, b


def _prefix_alternation(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ only in an imperfective prefix letter (تسهم / يسهم), also
    behind the same conjunction (وتقرر / ويقرر), or by one (ترتب / يترتب: perfect / imperfect)."""
    a, b = _shared_conjunction(a, b)
    if abs(len(a) - len(b)) == 1:
        # a prefix letter added or dropped: perfect / imperfect ("ترتب" / "يترتب")
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return len(shorter) >= 3 and longer[0] in _VERB_PREFIXES and longer[1:] == shorter
    return (
        len(a) == len(b)
        and a[1:] == b[1:]
        and a[0] != b[0]
        and a[0] in _VERB_PREFIXES
        and b[0] in _VERB_PREFIXES
    )


def _clip(value: float, cap: float) -> float:
    return cap if value > cap else -cap if value < -cap else value


def _inflection_alternation(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` are one stem with different inflectional endings: "أطرا" /
    "أطر", "يسهما" / "يسهم", "المنتميات" / "المنتمين"."""
    if a == b:
        return False
    for ea in _INFLECTIONS:
        if ea and not a.endswith(ea):
            continue
        stem = a[: len(a) - len(ea)]
        if len(stem) >= 3 and b.startswith(stem) and b[len(stem) :] in _INFLECTIONS:
            return True
    return False


def _grammatical(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ only by grammar (see the ``*_alternation`` helpers),
    including a verb's person prefix and its ending together ("يمتنعا" / "تمتنع")."""
    if (
        _prefix_alternation(a, b)
        or _voice_alternation(a, b)
        or _conjunction_alternation(a, b)
        or _inflection_alternation(a, b)
    ):
        return True
    a, b = _shared_conjunction(a, b)
    return (
        a[:1] != b[:1]
        and a[:1] in _VERB_PREFIXES
        and b[:1] in _VERB_PREFIXES
        and _inflection_alternation(a[1:], b[1:])
    )


def _voice_alternation(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` are an imperfect verb's passive and active ("تراعى" / "تراعي",
    also with another person prefix: "يراعى" / "تراعي"): the same but for a final ى/ي."""
    a, b = _shared_conjunction(a, b)
    return (
        len(a) == len(b) >= 4
        and a[1:-1] == b[1:-1]
        and {a[-1], b[-1]} == {"ى", "ي"}
        and a[0] in _VERB_PREFIXES
        and b[0] in _VERB_PREFIXES
    )


def _conjunction_alternation(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ only in a leading conjunction و/ف ("وفي" / "في").

    Whether a clause is coordinated is the writer's choice, and the context model keys most
    words without their conjunction, so its evidence for adding or dropping one is noise.
    """
    if len(a) < len(b):
        a, b = b, a
    return len(a) == len(b) + 1 and a[0] in _CONJUNCTIONS and a[1:] == b


def _skeleton_costs(
    channel: Channel,
) -> tuple[dict[tuple[str, str], float], dict[str, float], dict[str, float]]:
    """Cheapest channel cost of each skeleton-level edit: substitution of one skeleton letter
    by another, insertion and deletion of one (over all letters folded into them)."""
    letters = [chr(c) for c in range(0x0621, 0x064B)]
    sub: dict[tuple[str, str], float] = {}
    ins: dict[str, float] = {}
    dele: dict[str, float] = {}
    for x in letters:
        sx = skeleton(x)
        if not sx:
            continue
        d = channel.del_cost(x)
        dele[sx] = min(dele.get(sx, d), d)
        i = min(channel.ins_cost(x), channel.double_cost)
        ins[sx] = min(ins.get(sx, i), i)
        for y in letters:
            sy = skeleton(y)
            if sy and sy != sx:
                c = channel.sub_cost(x, y)
                if c < sub.get((sx, sy), math.inf):
                    sub[(sx, sy)] = c
    return sub, ins, dele


def _shown(conf: float, threshold: float) -> float:
    """``conf`` to three decimals as reported, rounded down where rounding would carry a
    suggestion to the threshold (a 0.6496 suggestion shows as 0.649, not as 0.65)."""
    shown = round(conf, 3)
    if shown >= threshold > conf:
        return math.floor(conf * 1000) / 1000
    return shown


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
