"""The lexicon: which Arabic words exist, how frequent they are, and a fast candidate index.

Sources, mixed into one unigram prior:

* wordfreq's large Arabic list (~620k forms). It is web text, so it also holds many OCR-error
  and misspelt forms at tiny frequencies: the prior is a frequency, never mere membership.
* The domain counts: unigrams of clean UN resolutions (``data/ngrams.tsv.gz``, built by
  ``scripts/build_lexicon.py`` from the dev corpus train split) and the UN terminology gazetteer
  ``data/un_terms.txt``.
* Corpus statistics added by :meth:`Lexicon.with_domain` (``Corrector.adapt``).

Words with clitics (``وبالاتفاقية``, ``حمايتها``) are valid when their stem is: see
:meth:`Lexicon.logp`. Candidates come from an index over *skeletons*: words with their dots,
hamza seats, ى/ي and ة/ه folded away, so that the commonest OCR confusions cost no index
distance at all; skeletons one edit away (a letter dropped, added, changed or swapped) are
generated from the observed one and looked up, so no deletion table has to be stored. The
lexicon is built once and cached on disk as one ``marshal`` file (user cache dir); a process
that finds the cache does not load wordfreq at all.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import heapq
import importlib.util
import json
import marshal
import math
import os
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from qararat.normalize import strip_diacritics

#: Letters folded to one skeleton letter: shapes that differ only in dots or hamza.
_SKELETON_GROUPS = {
    "ب": "بتثنيئىپیۍ",
    "ح": "جحخچ",
    "د": "دذ",
    "ر": "رزژ",
    "س": "سش",
    "ص": "صض",
    "ط": "طظ",
    "ع": "عغ",
    "ف": "فق",
    "ا": "اأإآٱ",
    "و": "وؤ",
    "ه": "هة",
    "ك": "كک",
}
_SKELETON_TABLE = str.maketrans(
    {ch: key for key, group in _SKELETON_GROUPS.items() for ch in group} | {"ء": None}
)

_RE_AR_RUN = re.compile("[\u0621-\u064a]+")
_CACHE_VERSION = "12"
_P_FLOOR = 1e-10
#: Candidates come only from words at least this probable (wordfreq's tail is mostly noise).
_INDEX_MIN_P = 1e-7
#: Candidates one skeleton edit away kept per word (most probable first). 40 gives the same
#: cross-validation as 120 with about 8% fewer instructions for the whole correction.
_FUZZY_LIMIT = 40
#: General-list words below this are kept only as frequency bands (the long tail).
_HEAD_MIN_P = _INDEX_MIN_P * 0.5
#: Upper edges of the tail bands; a tail word gets its band's geometric mean.
_TAIL_EDGES = (2.5e-8, _HEAD_MIN_P)
#: Words at least this probable and not dominated by a variant are accepted without a look.
_KNOWN_MIN_P = 2e-7
#: A word whose hamza/ى/ة variant is this many times more probable is not accepted at once.
_DOMINANCE = 8.0
#: Extra log-probability of a form whose hamza/ى/ة variant is far more frequent: resolutions
#: follow standard orthography, web text (wordfreq) often does not.
_DOMINATED_LOGP = math.log(0.1)
#: A word is shadowed when a same-skeleton word is this many times more probable.
_SHADOW = 30.0
#: ... and truncated when the word with one more letter at its end is (and at least this probable).
_TRUNCATED_MIN_P = 1e-6
#: Log-probability cost of each clitic in a decomposed word.
_CLITIC_LOGP = math.log(0.08)
# ة and ى end a word: before an ending they are written ت and ي/ا ("المنجزتين", "مستواها"),
# so a form with either inside ("المنجزةين") is no word (the old spelling "شىء" excepted).
_RE_INNER_FINAL_LETTER = re.compile("ة.|ى[^ء]")


def skeleton(word: str) -> str:
    """The word's skeleton: dots, hamza seats, ى/ي and ة/ه folded away (ء dropped)."""
    return word.translate(_SKELETON_TABLE)


def _tail_bands(
    words: Iterable[str], freqs: dict[str, float]
) -> tuple[tuple[frozenset[str], float], ...]:
    """Group tail words into frequency bands ``(words, probability)``."""
    groups: list[set[str]] = [set() for _ in _TAIL_EDGES]
    lows: list[float] = [1.0] * len(_TAIL_EDGES)
    for w in words:
        f = freqs[w]
        for i, edge in enumerate(_TAIL_EDGES):
            if f < edge:
                groups[i].add(w)
                lows[i] = min(lows[i], f)
                break
    out = []
    for i, (group, edge) in enumerate(zip(groups, _TAIL_EDGES, strict=True)):
        low = lows[i] if group else edge
        out.append((frozenset(group), math.sqrt(low * edge)))
    return tuple(out)


def _wordfreq_stamp() -> str:
    """Identify the installed wordfreq data without loading it (version and file size)."""
    try:
        from importlib.metadata import version

        stamp = version("wordfreq")
    except ImportError:  # pragma: no cover - importlib.metadata is in the standard library
        stamp = "?"
    spec = importlib.util.find_spec("wordfreq")
    if spec is not None and spec.submodule_search_locations:
        data = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_ar.msgpack.gz"
        if data.is_file():
            stamp += f":{data.stat().st_size}"
    return stamp


def _data_path(name: str) -> Any:
    return resources.files("qararat.ocr").joinpath("data").joinpath(name)


def load_terms() -> tuple[list[str], set[str]]:
    """Read ``data/un_terms.txt``: (terms, protected words)."""
    terms: list[str] = []
    protected: set[str] = set()
    for raw in _data_path("un_terms.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            name = line[1:].strip()
            terms.append(name)
            protected.update(name.split())
        else:
            terms.append(line)
    return terms, protected


def load_clitics() -> dict[str, Any]:
    """Read ``data/clitics.json``."""
    data: dict[str, Any] = json.loads(_data_path("clitics.json").read_text(encoding="utf-8"))
    return data


def read_ngram_file(path: Any) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Read a ``ngrams.tsv.gz`` file: lines ``1<TAB>word<TAB>count`` / ``2<TAB>w1 w2<TAB>count``."""
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    with path.open("rb") as fh, gzip.open(fh, "rt", encoding="utf-8") as text:
        for line in text:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[0] not in ("1", "2"):
                continue
            if parts[0] == "1":
                uni[parts[1]] += int(parts[2])
            else:
                a, _, b = parts[1].partition(" ")
                bi[(a, b)] += int(parts[2])
    return uni, bi


def read_trigram_file(path: Any) -> Counter[tuple[str, str, str]]:
    """The trigram lines (``3<TAB>w1 w2 w3<TAB>count``) of a ``ngrams.tsv.gz`` file."""
    tri: Counter[tuple[str, str, str]] = Counter()
    with path.open("rb") as fh, gzip.open(fh, "rt", encoding="utf-8") as text:
        for line in text:
            if not line.startswith("3\t"):
                continue
            parts = line.rstrip("\n").split("\t")
            words = parts[1].split(" ") if len(parts) == 3 else []
            if len(words) == 3:
                tri[(words[0], words[1], words[2])] += int(parts[2])
    return tri


def _cache_dir() -> Path:
    env = os.environ.get("QARARAT_CACHE_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs ships with the dependencies
        return Path.home() / ".cache" / "qararat"
    return Path(user_cache_dir("qararat"))


class Lexicon:
    """Unigram prior, clitic-aware validity and a skeleton candidate index.

    Args:
        wordfreq: Word → relative frequency from a general list (wordfreq).
        domain: Word → count in clean domain text (UN resolutions, gazetteer).
        protected: Words never changed (names).
        clitics: Parsed ``clitics.json``.
        domain_weight: Weight of the domain distribution added to the general one.
    """

    def __init__(
        self,
        wordfreq: dict[str, float],
        domain: Counter[str],
        protected: set[str] | None = None,
        clitics: dict[str, Any] | None = None,
        domain_weight: float = 0.25,
        index: tuple[Any, ...] | None = None,
        tail: tuple[tuple[frozenset[str], float], ...] | None = None,
    ) -> None:
        if tail is None:
            # Split the general list: frequent forms keep their frequency, the long tail
            # (mostly OCR errors and rare inflections, never candidates) only a band's.
            head = {w: f for w, f in wordfreq.items() if f >= _HEAD_MIN_P}
            tail = _tail_bands([w for w, f in wordfreq.items() if f < _HEAD_MIN_P], wordfreq)
            wordfreq = head
        #: Frequencies of the general list's frequent forms (at least ``_HEAD_MIN_P``).
        self.wordfreq = wordfreq
        self._tail = tail
        self.domain = domain
        self.protected = protected or set()
        self.clitics = clitics or load_clitics()
        self.domain_weight = domain_weight if domain else 0.0
        self._domain_total = max(1, sum(domain.values()))
        # One merged table: a single dict lookup per word in the hot loops.
        self._p: dict[str, float] = dict(wordfreq)
        if self.domain_weight:
            scale = self.domain_weight / self._domain_total
            for w, c in domain.items():
                self._p[w] = self._p.get(w, 0.0) + scale * c
        self._prefixes = self._prefix_table()
        barred = self.clitics.get("no_preposition_before", {})
        self._no_preposition: frozenset[str] = frozenset(barred.get("stems", ()))
        self._no_preposition_clitics: str = barred.get("clitics", "")
        self._suffixes = sorted(self.clitics["suffixes"], key=len, reverse=True)
        # pronoun suffixes that cannot follow the article (ي is also the nisba ending)
        self._pronouns = tuple(s for s in self._suffixes if s != "ي")
        self._stem_endings = self._stem_ending_table()
        self.logp = lru_cache(maxsize=300_000)(self._logp)
        self.analyze = lru_cache(maxsize=100_000)(self._analyze)
        self.exact_scored = lru_cache(maxsize=100_000)(self._exact_scored)
        self.fuzzy_scored = lru_cache(maxsize=50_000)(self._fuzzy_scored)
        self.exact_candidates = lru_cache(maxsize=20_000)(self._exact_candidates)
        self.fuzzy_candidates = lru_cache(maxsize=20_000)(self._fuzzy_candidates)
        if index is None:
            index = self._build_index()
        skel, known, dominated, shadowed = index
        #: Skeleton → its words, tab-separated (strings load far faster than lists).
        self._skel_index: dict[str, str] = skel
        self._alphabet = "".join(sorted(set("".join(skel))))
        self.known: set[str] = set(known)
        self.dominated: set[str] = set(dominated)
        #: Known words that a far more frequent word with the same skeleton could have been
        #: before OCR moved its dots: checked in context instead of accepted at once.
        self.shadowed: set[str] = set(shadowed)

    @cached_property
    def truncated(self) -> dict[str, tuple[str, ...]]:
        """Known words that are a far more frequent word with its last letter lost ("عل" /
        "على", "ف" / "في", "القرا" / "القرار"): word → those words, most probable first.

        The general list knows such fragments from web text; an engine drops a word's last
        letter far more often than any one inside it (in the OCR of the cross-validation's
        texts, 81 of 167 words one letter short had lost their last), and a letter less inside
        a word is as often grammar ("الصعد" / "الصعيد"). A word the domain counts hold (clean
        resolutions write it) or a protected name is never one. These words are checked in
        context instead of accepted at once. Computed on first use (a few hundredths of a
        second).
        """
        found: dict[str, list[tuple[float, str]]] = defaultdict(list)
        known, domain, p_of = self.known, self.domain, self._p
        for whole, p in p_of.items():
            if p < _TRUNCATED_MIN_P or len(whole) < 2:
                continue
            part = whole[:-1]
            if part in known and part not in domain and part not in self.protected:
                if p_of.get(part, 0.0) * _SHADOW < p:
                    found[part].append((p, whole))
        return {
            part: tuple(w for _, w in sorted(ws, reverse=True)[:3]) for part, ws in found.items()
        }

    # -- construction --------------------------------------------------------------------

    @classmethod
    def default(cls, *, domain: Counter[str] | None = None, use_cache: bool = True) -> Lexicon:
        """The packaged lexicon: wordfreq + packaged domain counts + gazetteer.

        With the cache, a second process reads one ``marshal`` file holding the general list's
        frequent forms, its tail bands and the index, and does not load wordfreq at all.

        Args:
            domain: Domain unigram counts; default: read from ``data/ngrams.tsv.gz``.
            use_cache: Read/write the built lexicon in the user cache directory.
        """
        if domain is None:
            domain = default_domain_counts()
        _, protected = load_terms()
        clitics = load_clitics()
        cache_file: Path | None = None
        if use_cache:
            digest = hashlib.sha1(
                json.dumps(
                    [
                        _CACHE_VERSION,
                        _wordfreq_stamp(),
                        sorted(domain.items()),
                        clitics,
                        sorted(protected),
                    ],
                    ensure_ascii=False,
                ).encode("utf-8")
            ).hexdigest()[:16]
            cache_file = _cache_dir() / f"ocr-lexicon-{digest}.marshal"
            lex = cls._read_cache(cache_file, domain, protected, clitics)
            if lex is not None:
                return lex
        from wordfreq import get_frequency_dict

        lex = cls(get_frequency_dict("ar", "large"), domain, protected, clitics)
        if cache_file is not None:
            lex._write_cache(cache_file)
        return lex

    @classmethod
    def _read_cache(
        cls, path: Path, domain: Counter[str], protected: set[str], clitics: dict[str, Any]
    ) -> Lexicon | None:
        if not path.is_file():
            return None
        try:
            with path.open("rb") as fh:
                data = marshal.load(fh)
            words, probs_bytes, tail, skel, known, dominated, shadowed = data
            probs = array("d")
            probs.frombytes(probs_bytes)
            head = dict(zip(words.split("\n"), probs, strict=True))
            bands = tuple((frozenset(ws.split("\n")) if ws else frozenset(), p) for ws, p in tail)
            index = (skel, known.split("\n"), dominated.split("\n"), shadowed.split("\n"))
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return cls(head, domain, protected, clitics, index=index, tail=bands)

    def _write_cache(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            data = (
                "\n".join(self.wordfreq),
                array("d", self.wordfreq.values()).tobytes(),
                tuple(("\n".join(sorted(ws)), p) for ws, p in self._tail),
                self._skel_index,
                "\n".join(sorted(self.known)),
                "\n".join(sorted(self.dominated)),
                "\n".join(sorted(self.shadowed)),
            )
            with tmp.open("wb") as fh:
                marshal.dump(data, fh)
            tmp.replace(path)
            _prune_caches(path)
        except OSError:
            pass

    def _prefix_table(self) -> list[tuple[str, str, int]]:
        """All proclitic strings as ``(written, stem_prefix, n_clitics)``, longest first."""
        conj = ["", *self.clitics["conjunctions"]]
        parts = ["", *self.clitics["particles"]]
        art = self.clitics["article"]
        out: dict[str, tuple[str, int]] = {}
        for c in conj:
            for p in parts:
                for a in ("", art):
                    written = c + p + a
                    n = (c != "") + (p != "") + (a != "")
                    if written and (written not in out or out[written][1] > n):
                        out[written] = ("", n)
            # ل + ال is written لل and the stem keeps its ال
            lil = c + self.clitics["lil"]
            out[lil] = (art, 1 + (c != ""))
        return sorted(((w, stem, n) for w, (stem, n) in out.items()), key=lambda t: -len(t[0]))

    def _build_index(self) -> tuple[dict[str, str], list[str], list[str], list[str]]:
        words: set[str] = set(self.wordfreq)
        words.update(self.domain)
        words = {w for w in words if w and _is_arabic_word(w)}
        skel: dict[str, list[str]] = defaultdict(list)
        by_key: dict[str, list[str]] = defaultdict(list)
        from qararat.normalize import match_key

        for w in words:
            if self._direct_p(w) >= _INDEX_MIN_P or w in self.domain:
                skel[skeleton(w)].append(w)
            by_key[match_key(w)].append(w)
        known: list[str] = []
        dominated: list[str] = []
        for group in by_key.values():
            best_word = max(group, key=self._direct_p)
            best = self._direct_p(best_word)
            for w in group:
                p = self._direct_p(w)
                weak = p * _DOMINANCE < best and _is_weak_variant(w, best_word, self.clitics)
                if (p >= _KNOWN_MIN_P and not weak) or w in self.protected:
                    known.append(w)
                elif weak:
                    dominated.append(w)
        shadowed = self._shadowed_in(skel)
        return {k: "\t".join(v) for k, v in skel.items()}, known, dominated, shadowed

    def _shadowed_in(self, skel: dict[str, list[str]]) -> list[str]:
        """Words with a same-skeleton word ``_SHADOW`` times more probable (غلى / على)."""
        out: list[str] = []
        for group in skel.values():
            if len(group) < 2:
                continue
            best = max(self._direct_p(w) for w in group)
            out.extend(w for w in group if self._direct_p(w) * _SHADOW < best)
        return out

    # -- probabilities -------------------------------------------------------------------

    def _direct_p(self, word: str) -> float:
        return self._p.get(word, 0.0)

    def _tail_p(self, word: str) -> float:
        for words, p in self._tail:
            if word in words:
                return p
        return 0.0

    def _logp(self, word: str) -> float:
        """Log prior of ``word``: its own frequency or that of its stem plus clitic costs."""
        best = self._direct_p(word) or self._tail_p(word)
        best_log = math.log(best) if best > 0 else math.log(_P_FLOOR)
        if word in self.dominated:
            best_log += _DOMINATED_LOGP
        if best >= 1e-5:
            return best_log
        analysis = self.analyze(word)
        if analysis is not None:
            stem_p, n = analysis
            lp = math.log(stem_p) + n * _CLITIC_LOGP
            if lp > best_log:
                best_log = lp
        return best_log

    def _analyze(self, word: str) -> tuple[float, int] | None:
        """Best clitic analysis of ``word`` as (stem probability, number of clitics); cached
        per word as :meth:`analyze` (about 4 calls in 10 repeat a word already analysed)."""
        if _RE_INNER_FINAL_LETTER.search(word):
            return None
        min_stem = self.clitics["min_stem"]
        construct = self.clitics.get("plural_construct", {}).get("ending", "")
        best: tuple[float, int] | None = None
        stems: list[tuple[str, int, bool]] = [(word, 0, word.startswith("ال"))]
        for written, stem_prefix, n in self._prefixes:
            if word.startswith(written) and len(word) - len(written) >= min_stem:
                rest = stem_prefix + word[len(written) :]
                if rest in self._no_preposition and written[-1] in self._no_preposition_clitics:
                    continue
                article = written.endswith(("ال", "لل")) or rest.startswith("ال")
                stems.append((rest, n, article))
        for stem, n, article in stems:
            options = [(stem, n)] if n else []
            # the article takes no pronoun suffix ("الدولني"); final ي is also the nisba ending
            for suf in ("ي",) if article else self._suffixes:
                if stem.endswith(suf) and len(stem) - len(suf) >= min_stem:
                    base = stem[: -len(suf)]
                    options.append((base, n + 1))
                    # after the article a final ي is the nisba, never "my": no ة restored
                    # ("التجربتي" is no word; "تجربتي" is)
                    ta = not article and self.clitics.get("ta_before_suffix")
                    if ta and base.endswith("ت"):
                        options.append((base[:-1] + "ة", n + 1))
                    if base.endswith("ا") and suf in ("ه", "ها", "هم", "هما", "هن", "ني", "نا"):
                        options.append((base + "ء", n + 1))
                    if construct and base.endswith(construct) and len(base) > 3 and not article:
                        options.append((base[: -len(construct)], n + 2))
            for infl in self.clitics.get("inflections", []):
                if stem.endswith(infl) and len(stem) - len(infl) >= 3:
                    options.append((stem[: -len(infl)], n + 1))
            if not article:
                for infl in self.clitics.get("indefinite_inflections", []):
                    base = stem[: -len(infl)]
                    if stem.endswith(infl) and len(base) >= 3 and base[-1] not in "ةاىءأإآئؤ":
                        options.append((base, n + 1))
            if stem[:1] in ("ي", "ت", "ن"):
                for infl in self.clitics.get("verb_inflections", []):
                    if stem.endswith(infl) and len(stem) - len(infl) >= 3:
                        options.append((stem[: -len(infl)], n + 1))
            for infl in self.clitics.get("inflections_after_ta", []):
                if stem.endswith(infl) and len(stem) - len(infl) >= 2:
                    options.append((stem[: -len(infl)] + "ة", n + 1))
            for base, k in options:
                p = self._direct_p(base)
                if p >= _KNOWN_MIN_P and (best is None or p * 0.08**k > best[0] * 0.08 ** best[1]):
                    best = (p, k)
        return best

    def is_valid(self, word: str) -> bool:
        """True for known words and for clitic/inflected forms of known stems."""
        return (
            word in self.known
            or self._direct_p(word) >= _KNOWN_MIN_P
            or self.analyze(word) is not None
        )

    def direct_p(self, word: str) -> float:
        """The frequency list's own probability of ``word`` (0 if it does not have it)."""
        return self._direct_p(word) or self._tail_p(word)

    def general_logratio(self, a: str, b: str) -> float:
        """``log P(a) - log P(b)`` in the general frequency list alone (no domain counts); the
        full prior (:meth:`logp`) where either word is missing from it."""
        pa, pb = self.wordfreq.get(a, 0.0), self.wordfreq.get(b, 0.0)
        if pa > 0.0 and pb > 0.0:
            return math.log(pa) - math.log(pb)
        return self.logp(a) - self.logp(b)

    def attested(self, word: str) -> bool:
        """True if the frequency list has ``word`` itself, however rarely (below the
        :meth:`is_valid` threshold too): a real written form, if perhaps a misspelt one."""
        return self.direct_p(word) > 0.0

    # -- candidates ----------------------------------------------------------------------

    def _bucket(self, key: str) -> list[str]:
        words = self._skel_index.get(key)
        return words.split("\t") if words else []

    def _neighbours(self, key: str) -> set[str]:
        """Index skeletons one edit from ``key``: a letter dropped, added, changed or swapped.

        Dots and hamza seats are folded into the skeleton, so a dot error plus a dropped letter
        ("المتجربين" for "المتجرين") is one edit here.
        """
        index = self._skel_index
        alphabet = self._alphabet
        out: set[str] = set()
        n = len(key)
        if n > MAX_NEIGHBOUR_KEY:  # no word is this long; the loop below is quadratic in n
            return out
        for i in range(n + 1):
            head, rest = key[:i], key[i:]
            if i < n:
                k = head + rest[1:]
                if k in index:
                    out.add(k)
                if i + 1 < n and rest[0] != rest[1]:
                    k = head + rest[1] + rest[0] + rest[2:]
                    if k in index:
                        out.add(k)
                tail = rest[1:]
                here = rest[0]
                for ch in alphabet:
                    if ch != here:
                        k = head + ch + tail
                        if k in index:
                            out.add(k)
            for ch in alphabet:
                k = head + ch + rest
                if k in index:
                    out.add(k)
        return out

    def _lookup(self, key: str, *, fuzzy: bool) -> list[str]:
        out = self._bucket(key)
        if fuzzy:
            for k in self._neighbours(key):
                out.extend(self._skel_index[k].split("\t"))
        return out

    def _stem_ending_table(self) -> list[tuple[str, bool, bool]]:
        """Endings stripped before a candidate lookup, as ``(ending, ta_restored, verb)``,
        longest first: pronoun suffixes (after which ة is written ت), dual endings, and the
        endings of imperfective verbs (only after ي/ت/ن)."""
        endings: dict[str, tuple[bool, bool]] = {}
        for suf in self.clitics["suffixes"]:
            endings[suf] = (bool(self.clitics.get("ta_before_suffix")), False)
        for infl in self.clitics.get("inflections", []):
            endings.setdefault(infl, (False, False))
        for infl in self.clitics.get("verb_inflections", []):
            endings.setdefault(infl, (False, True))
        return sorted(
            ((e, ta, verb) for e, (ta, verb) in endings.items()), key=lambda t: -len(t[0])
        )

    def _near(self, word: str, *, fuzzy: bool) -> dict[str, float]:
        """Index words near ``word`` with their sort priors (see :meth:`candidates`)."""
        key = skeleton(word)
        direct = self._p.get
        found = {w: direct(w, 0.0) for w in self._lookup(key, fuzzy=fuzzy and len(key) >= 4)}
        wide_left = 2  # one-edit neighbours only behind the two longest proclitic strings
        for written, _stem_prefix, n in self._prefixes:
            if not word.startswith(written) or len(word) - len(written) < 3:
                continue
            wide = fuzzy and wide_left > 0
            wide_left -= 1
            rest = word[len(written) :]
            strip = 0
            if written.endswith("لل") and not rest.startswith("ال"):
                rest, strip = "ال" + rest, 2
            scale = 0.08**n
            article = written.endswith(("ال", "لل"))
            for c in self._lookup(skeleton(rest), fuzzy=wide and len(rest) >= 4):
                if strip and not c.startswith("ال"):
                    continue
                full = written + c[strip:]
                own = direct(full, 0.0)
                if article and not own and c.endswith(self._pronouns):
                    continue  # no pronoun suffix after the article ("الأطفاله")
                p = max(own, direct(c, 0.0) * scale)
                if p > found.get(full, -1.0):
                    found[full] = p
        longest = True
        for ending, ta, verb in self._stem_endings:
            if not word.endswith(ending) or len(word) - len(ending) < 3:
                continue
            if verb and word[0] not in "يتن":
                continue
            wide = fuzzy and longest
            longest = False
            rest = word[: -len(ending)]
            pronoun = ending in self._suffixes
            for c in self._lookup(skeleton(rest), fuzzy=wide and len(rest) >= 4):
                if pronoun and c.startswith(("ال", "لل")):
                    continue  # no pronoun suffix after the article ("الدوليي")
                last = c[-1:]
                if last == "ة":
                    if not ta and verb:
                        continue
                    # before a pronoun suffix or a dual ending ة is written ت ("المنجزتين")
                    full = c[:-1] + "ت" + ending
                elif last == "ى":
                    continue  # ى changes shape before an ending; the list has those forms
                else:
                    full = c + ending
                p = max(direct(full, 0.0), direct(c, 0.0) * 0.08)
                if p > found.get(full, -1.0):
                    found[full] = p
        found.pop(word, None)
        return found

    def _rank(self, found: dict[str, float], limit: int = 0) -> tuple[tuple[str, float], ...]:
        """``(word, log prior)`` most probable first (only the ``limit`` best if given)."""
        if limit and len(found) > limit:
            # Ties broken by the word itself: set order varies with the hash seed, and the
            # same input must give the same candidates in every process.
            # (prior, word) pairs compare as the key (prior, word) would, without a call each
            top = heapq.nlargest(limit, zip(found.values(), found.keys(), strict=True))
            found = {w: p for p, w in top}
        dominated = self.dominated
        ranked = [
            (w, math.log(p) + (_DOMINATED_LOGP if w in dominated else 0.0))
            for w, p in found.items()
            if p > 0.0
        ]
        ranked.sort(key=lambda t: (-t[1], t[0]))
        return tuple(ranked)

    def _exact_scored(self, word: str) -> tuple[tuple[str, float], ...]:
        return self._rank(self._near(word, fuzzy=False))

    def _fuzzy_scored(self, word: str) -> tuple[tuple[str, float], ...]:
        exact = {w for w, _ in self.exact_scored(word)}
        near = self._near(word, fuzzy=True)
        return self._rank({w: p for w, p in near.items() if w not in exact}, _FUZZY_LIMIT)

    def _exact_candidates(self, word: str) -> tuple[str, ...]:
        return tuple(w for w, _ in self.exact_scored(word))

    def _fuzzy_candidates(self, word: str) -> tuple[str, ...]:
        return tuple(w for w, _ in self.fuzzy_scored(word))

    def candidates(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Dictionary words near ``word``: (same skeleton, one skeleton edit away).

        Same-skeleton words differ only in dots, hamza seats, ى/ي or ة/ه; the others by one
        dropped, added or misshapen letter. Both are clitic-aware: the observed word's
        proclitics are also stripped and the stem looked up on its own, so that
        ``وبالانفاقية`` finds ``وبالاتفاقية`` through ``اتفاقية``. Each tuple is sorted by
        prior, most probable first; both are cached. :meth:`exact_scored` and
        :meth:`fuzzy_scored` give the same lists with each candidate's log prior (its own
        frequency or its stem's with the clitic cost, as found by the lookup).
        """
        return self.exact_candidates(word), self.fuzzy_candidates(word)

    # -- adaptation ----------------------------------------------------------------------

    def with_domain(self, extra: Counter[str], weight: float = 1.0) -> Lexicon:
        """A new lexicon whose domain counts also include ``extra`` (scaled by ``weight``)."""
        domain = Counter(self.domain)
        added: list[str] = []
        for w, c in extra.items():
            if not _is_arabic_word(w):
                continue
            if w not in domain and self.wordfreq.get(w, 0.0) < _INDEX_MIN_P:
                added.append(w)
            domain[w] += max(1, round(c * weight))
        # Extend the index without rebuilding it: new words are added to copied buckets.
        skel = dict(self._skel_index)
        for w in added:
            key = skeleton(w)
            skel[key] = f"{skel[key]}\t{w}" if key in skel else w
        lex = Lexicon(
            self.wordfreq,
            domain,
            self.protected,
            self.clitics,
            domain_weight=self.domain_weight or 0.25,
            index=(skel, [], self.dominated, self.shadowed),
            tail=self._tail,
        )
        lex.known = set(self.known) | {w for w in added if lex._direct_p(w) >= _KNOWN_MIN_P}
        lex.dominated = {w for w in self.dominated if w not in extra}
        return lex


_HAMZA_SEATS = "أإآؤئ"
_WASL_STEM = 5  # letters a stem needs for its initial alif to be taken as a connecting alif
_BARE = "اوي"


def _is_weak_variant(word: str, standard: str, clitics: dict[str, Any]) -> bool:
    """True if ``word`` is ``standard`` with hamza seats lost or ى/ي, ة/ه swapped.

    Two standard spellings with different hamza seats (وإن / وأن) are not variants, nor a
    passive imperfective in ى beside its active form in ي.
    """
    if len(word) != len(standard) or word == standard:
        return False
    if word[:1] in "تين" and word[-1] == "ى" and standard[-1] == "ي":
        return False  # passive imperfective (تراعى) beside the active (تراعي): both standard
    wasl = _wasl_position(standard, clitics)
    for i, (a, b) in enumerate(zip(word, standard, strict=True)):
        if a == b:
            continue
        if a in _BARE and b in _HAMZA_SEATS:
            continue
        if i == wasl and a == "إ":
            # a hamza written under the connecting alif ("الإلتزام" for "الالتزام"); "أ" there
            # is also a first-person imperfect ("أستخدم", "أشترك"), so it is left alone
            continue
        if {a, b} == {"ى", "ي"} or {a, b} == {"ة", "ه"}:
            continue
        return False
    return True


def _wasl_position(word: str, clitics: dict[str, Any]) -> int:
    """Index of a stem-initial bare alif that begins a stem of five letters or more (after a
    conjunction, a preposition and the article of ``clitics``, the article itself followed by
    five letters), or -1.

    Such an alif is the connecting alif of a verbal noun of the derived forms ("الالتزام",
    "استخدام", "انتهاك"), which takes no hamza; shorter stems are left out because there a
    seated alif is often a word of its own (كأن / كان, أنظر / انظر).
    """
    i = 0
    for letters in (clitics["conjunctions"], clitics["prepositions"]):
        if len(word) - i > _WASL_STEM and word[i] in letters:
            i += 1
    article = clitics["article"]
    if word.startswith(article, i):
        if len(word) - i - len(article) < _WASL_STEM:
            return -1  # the article's own alif before a short stem ("ألسنة" is no "السنة")
        i += len(article)
    return i if word[i : i + 1] == "ا" and len(word) - i >= _WASL_STEM else -1


def _is_arabic_word(word: str) -> bool:
    return all("\u0621" <= ch <= "\u064a" for ch in word)


def terms_counts(terms: Iterable[str], weight: int = 5) -> Counter[str]:
    """Unigram pseudo-counts for the gazetteer's words."""
    counts: Counter[str] = Counter()
    for term in terms:
        for w in _RE_AR_RUN.findall(strip_diacritics(term)):
            counts[w] += weight
    return counts


@lru_cache(maxsize=1)
def default_ngrams() -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """The packaged domain n-gram counts (empty if ``data/ngrams.tsv.gz`` was not built)."""
    path = _data_path("ngrams.tsv.gz")
    if not path.is_file():
        return Counter(), Counter()
    return read_ngram_file(path)


@lru_cache(maxsize=1)
def default_trigrams() -> Counter[tuple[str, str, str]]:
    """The packaged domain trigram counts (empty if the data file has none)."""
    path = _data_path("ngrams.tsv.gz")
    if not path.is_file():
        return Counter()
    return read_trigram_file(path)


def default_domain_counts() -> Counter[str]:
    """Domain unigrams: packaged n-gram unigrams plus gazetteer pseudo-counts."""
    uni, _ = default_ngrams()
    terms, _ = load_terms()
    out = Counter(uni)
    out.update(terms_counts(terms))
    out.update(terms_counts(lead_forms()))
    return out


def lead_forms() -> list[str]:
    """Lead verbs in both genders, bare and with و: core vocabulary of every resolution."""
    from qararat.ocr.rules import lead_vocabulary

    leads = lead_vocabulary().all()
    return sorted(leads | {"و" + w for w in leads})


#: Longest skeleton whose one-edit neighbours are searched (Arabic words are far shorter; a
#: run of letters longer than this is debris, and searching it would take quadratic time).
MAX_NEIGHBOUR_KEY = 40
#: How many lexicon caches to keep (one per data version); older ones are deleted.
_KEEP_CACHES = 2


def _prune_caches(current: Path) -> None:
    """Delete all but the newest cache files (other data versions) next to ``current``."""
    caches = sorted(
        current.parent.glob("ocr-*.marshal"),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in caches[_KEEP_CACHES:]:
        if old != current:
            with contextlib.suppress(OSError):
                old.unlink()
