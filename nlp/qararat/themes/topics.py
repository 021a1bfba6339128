"""Unsupervised topic discovery: NMF on TF-IDF of paragraphs, to find themes the taxonomy lacks.

Paragraph texts are tokenised with the theme matcher's tokenizer, folded with ``match_key``,
lightly stemmed (proclitic + article prefixes, ``data/topics.json``) and filtered with
``data/stopwords_ar.txt`` (function words and resolution formulae). Unigrams and bigrams of
adjacent content words are weighted with TF-IDF and factorised with scikit-learn's NMF, seeded,
so the same input gives the same topics.

>>> model = TopicModeler(n_topics=5, seed=0).fit(paragraphs)   # doctest: +SKIP
>>> model.terms_.head()          # topic, rank, term, weight, stem
>>> model.assignments_.head()    # doc_id, paragraph_index, topic, weight
>>> model.summary_               # topic, n_paragraphs, top_terms, top_theme, ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from qararat.themes.matcher import fold, load_json, tokenize

_TERM_COLUMNS = ["topic", "rank", "term", "weight", "stem"]
_ASSIGN_COLUMNS = ["doc_id", "paragraph_index", "topic", "weight"]
_SUMMARY_COLUMNS = [
    "topic",
    "n_paragraphs",
    "top_terms",
    "top_theme",
    "top_theme_share",
    "untagged_share",
]


@dataclass(frozen=True)
class _StemConfig:
    prefixes: tuple[str, ...]
    min_stem: int
    conjunction: str
    min_conjunction_word: int
    min_token_length: int


@lru_cache(maxsize=1)
def _stem_config() -> _StemConfig:
    data = load_json("topics.json")
    prefixes = sorted({fold(p) for p in data["strip_prefixes"]}, key=len, reverse=True)
    return _StemConfig(
        prefixes=tuple(prefixes),
        min_stem=int(data["min_stem"]),
        conjunction=fold(data["strip_conjunction"]),
        min_conjunction_word=int(data["min_conjunction_word"]),
        min_token_length=int(data["min_token_length"]),
    )


def stem(word: str) -> str:
    """Light stem of a word for topic modelling: folded, proclitic+article prefix removed."""
    cfg = _stem_config()
    key = fold(word)
    for prefix in cfg.prefixes:
        if key.startswith(prefix) and len(key) - len(prefix) >= cfg.min_stem:
            return key[len(prefix) :]
    if key.startswith(cfg.conjunction) and len(key) > cfg.min_conjunction_word:
        return key[len(cfg.conjunction) :]
    return key


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Stop-word stems from ``data/stopwords_ar.txt``."""
    path = resources.files("qararat.themes").joinpath("data", "stopwords_ar.txt")
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.update(stem(w) for w in line.split())
    return frozenset(words)


def content_tokens(text: str) -> list[tuple[str, str] | None]:
    """``(stem, surface)`` per running word; ``None`` where a stop word or number breaks."""
    cfg = _stem_config()
    stops = stop_words()
    out: list[tuple[str, str] | None] = []
    for _, _, surface in tokenize(text):
        s = stem(surface)
        if s.isdigit() or len(s) < cfg.min_token_length or s in stops:
            out.append(None)
        else:
            out.append((s, surface))
    return out


def analyze_terms(text: str, ngram_max: int = 2) -> list[str]:
    """Terms of a paragraph: content stems and n-grams of adjacent content stems."""
    tokens = content_tokens(text)
    terms = [t[0] for t in tokens if t is not None]
    for n in range(2, ngram_max + 1):
        for i in range(len(tokens) - n + 1):
            window = tokens[i : i + n]
            if all(t is not None for t in window):
                terms.append(" ".join(t[0] for t in window if t is not None))
    return terms


class TopicModeler:
    """NMF topics over TF-IDF of paragraph texts.

    Args:
        n_topics: Number of topics.
        seed: Random state of NMF (results are deterministic for a given seed and input).
        top_n: Terms listed per topic.
        ngram_max: Longest n-gram of adjacent content words used as a term.
        min_df: Minimum document frequency of a term (int count or float share).
        max_df: Maximum document frequency share; formula words above it are dropped.
        max_iter: NMF iterations.

    Attributes (after :meth:`fit`):
        terms_: ``topic, rank, term, weight, stem`` (term = most frequent written form).
        assignments_: ``doc_id, paragraph_index, topic, weight`` (topic -1: no content).
        summary_: per topic, size, top terms and the taxonomy theme its paragraphs carry most.
        vectorizer_, model_: the fitted scikit-learn objects.
    """

    def __init__(
        self,
        n_topics: int = 8,
        *,
        seed: int = 0,
        top_n: int = 10,
        ngram_max: int = 2,
        min_df: int | float = 1,
        max_df: float = 0.9,
        max_iter: int = 500,
    ) -> None:
        self.n_topics = n_topics
        self.seed = seed
        self.top_n = top_n
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.max_df = max_df
        self.max_iter = max_iter

    def fit(self, paragraphs: pd.DataFrame | Sequence[str]) -> TopicModeler:
        """Fit topics on a paragraphs frame (``text`` column, ``doc_id``…) or a list of texts.

        Raises:
            ValueError: Fewer paragraphs with content than topics, or ``n_topics < 1``.
        """
        frame = _as_frame(paragraphs)
        texts = [t if isinstance(t, str) else "" for t in frame["text"]]
        if self.n_topics < 1:
            raise ValueError("the number of topics must be at least 1")
        analyzed = [analyze_terms(t, self.ngram_max) for t in texts]
        usable = [i for i, terms in enumerate(analyzed) if terms]
        if len(usable) < self.n_topics:
            raise ValueError(
                f"{len(usable)} paragraphs with content words; need at least {self.n_topics} "
                "for that many topics"
            )
        max_df = self.max_df if len(usable) > 1 else 1.0
        vectorizer = TfidfVectorizer(
            analyzer=lambda terms: terms, min_df=self.min_df, max_df=max_df, sublinear_tf=True
        )
        matrix = vectorizer.fit_transform([analyzed[i] for i in usable])
        n_components = min(self.n_topics, matrix.shape[1])
        model = NMF(
            n_components=n_components,
            init="nndsvda",
            random_state=self.seed,
            max_iter=self.max_iter,
        )
        weights = model.fit_transform(matrix)
        self.vectorizer_ = vectorizer
        self.model_ = model
        self.terms_ = self._terms(vectorizer, model, texts)
        self.assignments_ = self._assignments(frame, usable, weights)
        self.summary_ = self._summary(frame)
        return self

    def _terms(self, vectorizer: TfidfVectorizer, model: NMF, texts: list[str]) -> pd.DataFrame:
        vocab = vectorizer.get_feature_names_out()
        surfaces = _surface_forms(texts)
        rows = []
        for topic, component in enumerate(model.components_):
            order = np.argsort(-component, kind="stable")[: self.top_n]
            for rank, j in enumerate(order, start=1):
                if component[j] <= 0:
                    break
                term_stem = str(vocab[j])
                term = " ".join(surfaces.get(s, s) for s in term_stem.split(" "))
                rows.append((topic, rank, term, float(component[j]), term_stem))
        return pd.DataFrame(rows, columns=_TERM_COLUMNS)

    def _assignments(
        self, frame: pd.DataFrame, usable: list[int], weights: np.ndarray
    ) -> pd.DataFrame:
        topic = np.full(len(frame), -1, dtype=int)
        weight = np.zeros(len(frame), dtype=float)
        for row, i in enumerate(usable):
            if weights[row].max() > 0:
                topic[i] = int(np.argmax(weights[row]))
                weight[i] = float(weights[row].max())
        return pd.DataFrame(
            {
                "doc_id": frame["doc_id"].to_numpy(),
                "paragraph_index": frame["paragraph_index"].to_numpy(),
                "topic": topic,
                "weight": weight,
            },
            columns=_ASSIGN_COLUMNS,
        )

    def _summary(self, frame: pd.DataFrame) -> pd.DataFrame:
        themes = frame["themes"] if "themes" in frame else pd.Series([[]] * len(frame))
        rows = []
        for topic in range(self.model_.n_components):
            mask = (self.assignments_["topic"] == topic).to_numpy()
            n = int(mask.sum())
            top = self.terms_[self.terms_["topic"] == topic]["term"].head(5)
            counts: Counter[str] = Counter()
            untagged = 0
            for value in themes[mask]:
                items = list(value) if value is not None and not isinstance(value, float) else []
                counts.update(set(items))
                untagged += not items
            top_theme, top_count = counts.most_common(1)[0] if counts else (None, 0)
            rows.append(
                (
                    topic,
                    n,
                    "، ".join(top),
                    top_theme,
                    top_count / n if n else 0.0,
                    untagged / n if n else 0.0,
                )
            )
        return pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)


def _as_frame(paragraphs: pd.DataFrame | Sequence[str]) -> pd.DataFrame:
    if isinstance(paragraphs, pd.DataFrame):
        if "text" not in paragraphs:
            raise ValueError("paragraphs frame needs a text column")
        frame = paragraphs.reset_index(drop=True)
        if "doc_id" not in frame:
            frame = frame.assign(doc_id="")
        if "paragraph_index" not in frame:
            frame = frame.assign(paragraph_index=range(len(frame)))
        return frame
    texts = list(paragraphs)
    return pd.DataFrame(
        {"doc_id": [""] * len(texts), "paragraph_index": range(len(texts)), "text": texts}
    )


def _surface_forms(texts: list[str]) -> dict[str, str]:
    """Most frequent written form of each stem (ties: first seen), for readable terms."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        for token in content_tokens(text):
            if token is not None:
                counts.setdefault(token[0], Counter())[token[1]] += 1
    return {s: c.most_common(1)[0][0] for s, c in counts.items()}


def discover_topics(
    paragraphs: pd.DataFrame | Sequence[str], n_topics: int = 8, *, seed: int = 0, top_n: int = 10
) -> dict[str, pd.DataFrame]:
    """Fit :class:`TopicModeler` and return its tables.

    Returns:
        ``{"topic_terms": ..., "topic_assignments": ..., "topic_summary": ...}``.
    """
    model = TopicModeler(n_topics, seed=seed, top_n=top_n).fit(paragraphs)
    return {
        "topic_terms": model.terms_,
        "topic_assignments": model.assignments_,
        "topic_summary": model.summary_,
    }
