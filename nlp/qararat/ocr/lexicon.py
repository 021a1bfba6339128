"""The lexicon: which Arabic words exist, how frequent they are, and a fast candidate index.

Sources, mixed into one unigram prior:

* wordfreq's large Arabic list (~620k forms). It is web text, so it also holds many OCR-error
  and misspelt forms at tiny frequencies: the prior is a frequency, never mere membership.
* The domain counts: unigrams of clean UN resolutions (``data/ngrams.tsv.gz``, built by
  ``scripts/build_lexicon.py`` from the dev corpus train split) and the UN terminology gazetteer
  ``data/un_terms.txt``.
* Corpus statistics added by :meth:`Lexicon.adapt`.

Words with clitics (``وبالاتفاقية``, ``حمايتها``) are valid when their stem is: see
:meth:`Lexicon.logp`. Candidates come from a SymSpell-style index over *skeletons*: words with
their dots, hamza seats, ى/ي and ة/ه folded away, so that the commonest OCR confusions cost no
index distance at all, plus one-deletion variants for dropped, added and misshapen letters.
The index is built once per process and cached on disk (``marshal``, under the user cache dir).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
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
_CACHE_VERSION = "10"
_P_FLOOR = 1e-10
#: Candidates come only from words at least this probable (wordfreq's tail is mostly noise).
_INDEX_MIN_P = 1e-7
#: Words at least this probable and not dominated by a variant are accepted without a look.
_KNOWN_MIN_P = 2e-7
#: A word whose hamza/ى/ة variant is this many times more probable is not accepted at once.
_DOMINANCE = 8.0
#: Extra log-probability of a form whose hamza/ى/ة variant is far more frequent: resolutions
#: follow standard orthography, web text (wordfreq) often does not.
_DOMINATED_LOGP = math.log(0.1)
#: A word is shadowed when a same-skeleton word is this many times more probable.
_SHADOW = 30.0
#: Log-probability cost of each clitic in a decomposed word.
_CLITIC_LOGP = math.log(0.08)


def skeleton(word: str) -> str:
    """The word's skeleton: dots, hamza seats, ى/ي and ة/ه folded away (ء dropped)."""
    return word.translate(_SKELETON_TABLE)


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


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
    ) -> None:
        self.wordfreq = wordfreq
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
        self._suffixes = sorted(self.clitics["suffixes"], key=len, reverse=True)
        self.logp = lru_cache(maxsize=300_000)(self._logp)
        self.exact_candidates = lru_cache(maxsize=100_000)(self._exact_candidates)
        self.fuzzy_candidates = lru_cache(maxsize=50_000)(self._fuzzy_candidates)
        if index is None:
            index = self._build_index()
        self._skel_index, self._delete_index, known, dominated, shadowed = index
        self.known: set[str] = set(known)
        self.dominated: set[str] = set(dominated)
        #: Known words that a far more frequent word with the same skeleton could have been
        #: before OCR moved its dots: checked in context instead of accepted at once.
        self.shadowed: set[str] = set(shadowed)

    # -- construction --------------------------------------------------------------------

    @classmethod
    def default(cls, *, domain: Counter[str] | None = None, use_cache: bool = True) -> Lexicon:
        """The packaged lexicon: wordfreq + packaged domain counts + gazetteer.

        Args:
            domain: Domain unigram counts; default: read from ``data/ngrams.tsv.gz``.
            use_cache: Read/write the built index in the user cache directory.
        """
        from wordfreq import get_frequency_dict

        freqs = get_frequency_dict("ar", "large")
        if domain is None:
            domain = default_domain_counts()
        _, protected = load_terms()
        clitics = load_clitics()
        index = None
        cache_file: Path | None = None
        if use_cache:
            digest = hashlib.sha1(
                json.dumps(
                    [
                        _CACHE_VERSION,
                        len(freqs),
                        sorted(domain.items()),
                        clitics,
                        sorted(protected),
                    ],
                    ensure_ascii=False,
                ).encode("utf-8")
            ).hexdigest()[:16]
            cache_file = _cache_dir() / f"ocr-index-{digest}.marshal"
            if cache_file.is_file():
                try:
                    with cache_file.open("rb") as fh:
                        index = marshal.load(fh)
                except (OSError, EOFError, ValueError, TypeError):
                    index = None
        lex = cls(freqs, domain, protected, clitics, index=index)
        if use_cache and index is None and cache_file is not None:
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_file.with_suffix(f".tmp{os.getpid()}")
                with tmp.open("wb") as fh:
                    marshal.dump(
                        (
                            lex._skel_index,
                            lex._delete_index,
                            sorted(lex.known),
                            sorted(lex.dominated),
                            sorted(lex.shadowed),
                        ),
                        fh,
                    )
                tmp.replace(cache_file)
            except OSError:
                pass
        return lex

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

    def _build_index(
        self,
    ) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str], list[str], list[str]]:
        words: set[str] = {w for w, f in self.wordfreq.items() if f >= _INDEX_MIN_P * 0.5}
        words.update(self.domain)
        words = {w for w in words if w and _is_arabic_word(w)}
        skel: dict[str, list[str]] = defaultdict(list)
        by_key: dict[str, list[str]] = defaultdict(list)
        from qararat.normalize import match_key

        for w in words:
            if self._direct_p(w) >= _INDEX_MIN_P or w in self.domain:
                skel[skeleton(w)].append(w)
            by_key[match_key(w)].append(w)
        deletes: dict[str, list[str]] = defaultdict(list)
        for key in skel:
            if len(key) >= 3:
                for d in _deletes(key):
                    deletes[d].append(key)
        known: list[str] = []
        dominated: list[str] = []
        for group in by_key.values():
            best_word = max(group, key=self._direct_p)
            best = self._direct_p(best_word)
            for w in group:
                p = self._direct_p(w)
                weak = p * _DOMINANCE < best and _is_weak_variant(w, best_word)
                if (p >= _KNOWN_MIN_P and not weak) or w in self.protected:
                    known.append(w)
                elif weak:
                    dominated.append(w)
        return dict(skel), dict(deletes), known, dominated, self._shadowed_in(skel)

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

    def _logp(self, word: str) -> float:
        """Log prior of ``word``: its own frequency or that of its stem plus clitic costs."""
        best = self._direct_p(word)
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

    def analyze(self, word: str) -> tuple[float, int] | None:
        """Best clitic analysis of ``word`` as (stem probability, number of clitics)."""
        min_stem = self.clitics["min_stem"]
        best: tuple[float, int] | None = None
        stems: list[tuple[str, int]] = [(word, 0)]
        for written, stem_prefix, n in self._prefixes:
            if word.startswith(written) and len(word) - len(written) >= min_stem:
                stems.append((stem_prefix + word[len(written) :], n))
        for stem, n in stems:
            options = [(stem, n)] if n else []
            for suf in self._suffixes:
                if stem.endswith(suf) and len(stem) - len(suf) >= min_stem:
                    base = stem[: -len(suf)]
                    options.append((base, n + 1))
                    if self.clitics.get("ta_before_suffix") and base.endswith("ت"):
                        options.append((base[:-1] + "ة", n + 1))
                    if base.endswith("ا") and suf in ("ه", "ها", "هم", "هما", "هن", "ني", "نا"):
                        options.append((base + "ء", n + 1))
            for infl in self.clitics.get("inflections", []):
                if stem.endswith(infl) and len(stem) - len(infl) >= 3:
                    options.append((stem[: -len(infl)], n + 1))
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

    # -- candidates ----------------------------------------------------------------------

    def _lookup(self, key: str, *, fuzzy: bool) -> set[str]:
        keys = {key}
        if fuzzy and len(key) >= 3:
            keys.update(self._delete_index.get(key, ()))
            for d in _deletes(key):
                keys.add(d)
                keys.update(self._delete_index.get(d, ()))
        out: set[str] = set()
        for k in keys:
            out.update(self._skel_index.get(k, ()))
        return out

    def _near(self, word: str, *, fuzzy: bool) -> dict[str, float]:
        """Index words near ``word`` with their sort priors (see :meth:`candidates`)."""
        key = skeleton(word)
        direct = self._p.get
        found = {w: direct(w, 0.0) for w in self._lookup(key, fuzzy=fuzzy and len(key) >= 4)}
        for written, _stem_prefix, n in self._prefixes:
            if not word.startswith(written) or len(word) - len(written) < 3:
                continue
            rest = word[len(written) :]
            strip = 0
            if written.endswith("لل") and not rest.startswith("ال"):
                rest, strip = "ال" + rest, 2
            scale = 0.08**n
            for c in self._lookup(skeleton(rest), fuzzy=fuzzy and len(rest) >= 4):
                if strip and not c.startswith("ال"):
                    continue
                full = written + c[strip:]
                p = max(direct(full, 0.0), direct(c, 0.0) * scale)
                if p > found.get(full, -1.0):
                    found[full] = p
        found.pop(word, None)
        return found

    def _exact_candidates(self, word: str) -> tuple[str, ...]:
        found = self._near(word, fuzzy=False)
        return tuple(sorted(found, key=lambda w: -found[w]))

    def _fuzzy_candidates(self, word: str) -> tuple[str, ...]:
        exact = set(self.exact_candidates(word))
        found = {w: p for w, p in self._near(word, fuzzy=True).items() if w not in exact}
        return tuple(sorted(found, key=lambda w: -found[w]))

    def candidates(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Dictionary words near ``word``: (same skeleton, one skeleton edit away).

        Same-skeleton words differ only in dots, hamza seats, ى/ي or ة/ه; the others by one
        dropped, added or misshapen letter. Both are clitic-aware: the observed word's
        proclitics are also stripped and the stem looked up on its own, so that
        ``وبالانفاقية`` finds ``وبالاتفاقية`` through ``اتفاقية``. Each tuple is sorted by
        prior, most probable first; both are cached.
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
        # Extend the index without rebuilding it: new words go into copies of the buckets.
        skel = dict(self._skel_index)
        deletes = dict(self._delete_index)
        for w in added:
            key = skeleton(w)
            if key not in skel:
                if len(key) >= 3:
                    for d in _deletes(key):
                        deletes[d] = [*deletes.get(d, ()), key]
                skel[key] = [w]
            else:
                skel[key] = [*skel[key], w]
        lex = Lexicon(
            self.wordfreq,
            domain,
            self.protected,
            self.clitics,
            domain_weight=self.domain_weight or 0.25,
            index=(skel, deletes, [], self.dominated, self.shadowed),
        )
        lex.known = set(self.known) | {w for w in added if lex._direct_p(w) >= _KNOWN_MIN_P}
        lex.dominated = {w for w in self.dominated if w not in extra}
        return lex


_HAMZA_SEATS = "أإآؤئ"
_BARE = "اوي"


def _is_weak_variant(word: str, standard: str) -> bool:
    """True if ``word`` is ``standard`` with hamza seats lost or ى/ي, ة/ه swapped.

    Two standard spellings with different hamza seats (وإن / وأن) are not variants, nor a
    passive imperfective in ى beside its active form in ي.
    """
    if len(word) != len(standard) or word == standard:
        return False
    if word[:1] in "تين" and word[-1] == "ى" and standard[-1] == "ي":
        return False  # passive imperfective (تراعى) beside the active (تراعي): both standard
    for a, b in zip(word, standard, strict=True):
        if a == b:
            continue
        if a in _BARE and b in _HAMZA_SEATS:
            continue
        if {a, b} == {"ى", "ي"} or {a, b} == {"ة", "ه"}:
            continue
        return False
    return True


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
