"""Theme statistics as tidy, long-format pandas tables.

Everything starts from two tables, so the same functions serve one resolution in memory and a
corpus read back from Parquet:

* ``paragraphs``: one row per paragraph, as :meth:`qararat.model.Resolution.to_frame` gives
  (``doc_id``, ``paragraph_index``, ``kind``, ``parent``, ``label``, ``secondary_labels``,
  ``themes`` …); list columns may be lists, tuples or numpy arrays;
* ``documents`` (optional): one row per document with ``doc_id`` and, for corpus tables,
  ``session`` and ``adopted`` (or ``year``), as :func:`documents_frame` gives.

:func:`theme_stats` returns every table in a dict; :func:`resolution_stats` does the same from
``Resolution`` objects. Shares are fractions of paragraphs (sub-paragraphs count as paragraphs).
A paragraph's **label** is its own, or for a paragraph without one (most sub-paragraphs) the
label of the paragraph it belongs to; its **strength** is the strongest group
(``data/label_strength.json``) among that label and its secondary labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from qararat.model import Resolution
from qararat.themes.matcher import load_json
from qararat.themes.tagger import theme_names

_RE_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NO_LABEL = {"", "other", "none"}

#: Names of the tables :func:`theme_stats` returns, in order.
TABLES = (
    "document_themes",
    "kind_themes",
    "label_themes",
    "theme_strength",
    "strength_profile",
    "cooccurrence",
    "corpus_themes",
    "session_themes",
    "year_themes",
)

_COLUMNS: dict[str, list[str]] = {
    "document_themes": ["doc_id", "theme", "n_paragraphs", "share"],
    "kind_themes": ["doc_id", "kind", "theme", "n_paragraphs", "share"],
    "label_themes": ["doc_id", "label", "role", "strength", "theme", "n_paragraphs"],
    "theme_strength": ["doc_id", "theme", "strength", "n_paragraphs", "share"],
    "strength_profile": ["doc_id", "strength", "n_paragraphs", "share"],
    "cooccurrence": ["doc_id", "theme_a", "theme_b", "n_paragraphs", "jaccard"],
    "corpus_themes": ["theme", "n_documents", "n_paragraphs", "share"],
    "session_themes": ["session", "theme", "n_documents", "n_paragraphs", "share"],
    "year_themes": ["year", "theme", "n_documents", "n_paragraphs", "share"],
}

_DOCUMENT_COLUMNS = [
    "doc_id",
    "body",
    "session",
    "resolution",
    "adopted",
    "year",
    "title",
    "n_paragraphs",
]


@lru_cache(maxsize=1)
def label_strengths() -> tuple[dict[str, str], tuple[str, ...]]:
    """``({label: group}, group order)`` from ``data/label_strength.json``."""
    data = load_json("label_strength.json")
    mapping = {label: group for group, labels in data["groups"].items() for label in labels}
    return mapping, tuple(data["order"])


def strength_of(label: str | None) -> str:
    """Strength group of a clause label (``strong``, ``moderate``, ``weak`` or ``none``)."""
    mapping, order = label_strengths()
    if not label:
        return order[-1]
    return mapping.get(label, order[-1])


# -- input frames ------------------------------------------------------------------------------
def paragraphs_frame(resolutions: Iterable[Resolution]) -> pd.DataFrame:
    """All paragraphs of ``resolutions`` in one frame (``Resolution.to_frame`` rows)."""
    frames = [r.to_frame() for r in resolutions]
    if not frames:
        return Resolution(doc_id="", source="").to_frame()
    return pd.concat(frames, ignore_index=True)


def documents_frame(resolutions: Iterable[Resolution]) -> pd.DataFrame:
    """One row per resolution: ``doc_id``, header fields, ``year`` and ``n_paragraphs``."""
    rows = []
    for r in resolutions:
        h = r.header
        rows.append(
            {
                "doc_id": r.doc_id,
                "body": h.body,
                "session": h.session,
                "resolution": h.resolution,
                "adopted": h.adopted,
                "year": year_of(h.adopted),
                "title": h.title,
                "n_paragraphs": len(r.paragraphs),
            }
        )
    frame = pd.DataFrame(rows, columns=_DOCUMENT_COLUMNS)
    frame["session"] = frame["session"].astype("Int64")
    frame["year"] = frame["year"].astype("Int64")
    return frame


def year_of(adopted: Any) -> int | None:
    """The year of an adoption date (ISO ``2021-12-16`` or Arabic text), if any."""
    if adopted is None or (isinstance(adopted, float) and np.isnan(adopted)):
        return None
    m = _RE_YEAR.search(str(adopted))
    return int(m.group(1)) if m else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [v for v in value if v is not None and v == v]
    if isinstance(value, float) and np.isnan(value):
        return []
    return [value]


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=_COLUMNS[name])


def _theme_key(themes: Sequence[str]) -> dict[str, int]:
    order = {name: i for i, name in enumerate(theme_names())}
    extra = sorted(set(themes) - set(order))
    order.update({name: len(order) + i for i, name in enumerate(extra)})
    return order


def _prepare(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Normalised copy: list columns as lists, effective label, strength."""
    if "doc_id" not in paragraphs.columns:
        raise ValueError("paragraphs frame needs a doc_id column")
    df = pd.DataFrame(
        {
            "doc_id": paragraphs["doc_id"].astype(str),
            "paragraph_index": (
                paragraphs["paragraph_index"]
                if "paragraph_index" in paragraphs
                else pd.Series(range(len(paragraphs)), index=paragraphs.index)
            ),
            "kind": paragraphs["kind"] if "kind" in paragraphs else "paragraph",
            "parent": paragraphs["parent"] if "parent" in paragraphs else None,
            "label": paragraphs["label"] if "label" in paragraphs else None,
        }
    ).reset_index(drop=True)
    secondary = paragraphs["secondary_labels"] if "secondary_labels" in paragraphs else None
    themes = paragraphs["themes"] if "themes" in paragraphs else None
    n = len(df)
    df["secondary_labels"] = (
        [_as_list(v) for v in secondary] if secondary is not None else [[] for _ in range(n)]
    )
    df["themes"] = (
        [list(dict.fromkeys(_as_list(v))) for v in themes]
        if themes is not None
        else [[] for _ in range(n)]
    )
    labels = [
        None if (not isinstance(v, str) or v.strip().lower() in _NO_LABEL) else v
        for v in df["label"]
    ]
    df["effective_label"] = pd.Series(
        _effective_labels(
            list(df["doc_id"]), list(df["paragraph_index"]), labels, list(df["parent"])
        ),
        dtype=object,
    )
    _, order = label_strengths()
    rank = {group: i for i, group in enumerate(order)}
    strengths = []
    for label, sec in zip(df["effective_label"], df["secondary_labels"], strict=True):
        groups = [strength_of(lab) for lab in [label, *sec] if lab]
        strengths.append(min(groups, key=rank.__getitem__) if groups else order[-1])
    df["strength"] = strengths
    return df


def _effective_labels(
    doc_ids: list[str], indexes: list[Any], labels: list[str | None], parents: list[Any]
) -> list[str | None]:
    """Own label, or the nearest ancestor's label for paragraphs without one."""
    by_key = {
        (d, int(i)): (lab, par)
        for d, i, lab, par in zip(doc_ids, indexes, labels, parents, strict=True)
    }
    out = []
    for d, lab, par in zip(doc_ids, labels, parents, strict=True):
        seen = 0
        while lab is None and _present(par) and seen < 8:
            lab, par = by_key.get((d, int(par)), (None, None))
            seen += 1
        out.append(lab)
    return out


def _present(value: Any) -> bool:
    """False for None and NaN-like missing values."""
    return (
        value is not None
        and not (isinstance(value, float) and np.isnan(value))
        and (value is not pd.NA)
    )


# -- tables ------------------------------------------------------------------------------------
def theme_stats(
    paragraphs: pd.DataFrame, documents: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """Every theme table for a set of paragraphs (and documents, for corpus tables).

    Args:
        paragraphs: Paragraph rows (see module docstring); Parquet round-trips are fine.
        documents: Document rows with ``doc_id`` and optionally ``session``, ``adopted`` or
            ``year``; without it the session and year tables are empty.

    Returns:
        ``{name: DataFrame}`` for each name in :data:`TABLES`, keys first, sorted.
    """
    df = _prepare(paragraphs)
    exploded = (
        df[["doc_id", "paragraph_index", "kind", "effective_label", "strength", "themes"]]
        .explode("themes")
        .dropna(subset=["themes"])
    )
    exploded = exploded.rename(columns={"themes": "theme"})
    key = _theme_key(list(exploded["theme"].unique()))
    tables = {
        "document_themes": _document_themes(df, exploded),
        "kind_themes": _kind_themes(df, exploded),
        "label_themes": _label_themes(df),
        "theme_strength": _theme_strength(exploded),
        "strength_profile": _strength_profile(df),
        "cooccurrence": _cooccurrence(df, key),
        "corpus_themes": _corpus_themes(df, exploded),
        "session_themes": _group_themes(df, exploded, documents, "session"),
        "year_themes": _group_themes(df, exploded, documents, "year"),
    }
    return {name: _sort(tables[name], key) for name in TABLES}


def resolution_stats(resolutions: Sequence[Resolution]) -> dict[str, pd.DataFrame]:
    """:func:`theme_stats` on ``Resolution`` objects (paragraph themes must be filled)."""
    resolutions = list(resolutions)
    return theme_stats(paragraphs_frame(resolutions), documents_frame(resolutions))


def _sort(frame: pd.DataFrame, key: dict[str, int]) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    _, order = label_strengths()
    rank = {group: i for i, group in enumerate(order)}
    by = [c for c in frame.columns if c not in ("n_paragraphs", "n_documents", "share", "jaccard")]

    def sort_key(col: pd.Series) -> pd.Series:
        if col.name in ("theme", "theme_a", "theme_b"):
            return col.map(lambda t: key.get(t, len(key)))
        if col.name == "strength":
            return col.map(lambda s: rank.get(s, len(rank)))
        return col

    return frame.sort_values(by, key=sort_key, kind="stable").reset_index(drop=True)


def _document_themes(df: pd.DataFrame, ex: pd.DataFrame) -> pd.DataFrame:
    if ex.empty:
        return _empty("document_themes")
    totals = df.groupby("doc_id").size()
    out = ex.groupby(["doc_id", "theme"]).size().rename("n_paragraphs").reset_index()
    out["share"] = out["n_paragraphs"] / out["doc_id"].map(totals)
    return out[_COLUMNS["document_themes"]]


def _kind_themes(df: pd.DataFrame, ex: pd.DataFrame) -> pd.DataFrame:
    if ex.empty:
        return _empty("kind_themes")
    totals = df.groupby(["doc_id", "kind"]).size()
    out = ex.groupby(["doc_id", "kind", "theme"]).size().rename("n_paragraphs").reset_index()
    denom = [totals[(d, k)] for d, k in zip(out["doc_id"], out["kind"], strict=True)]
    out["share"] = out["n_paragraphs"] / np.asarray(denom, dtype=float)
    return out[_COLUMNS["kind_themes"]]


def _label_themes(df: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for d, label, sec, themes in zip(
        df["doc_id"], df["effective_label"], df["secondary_labels"], df["themes"], strict=True
    ):
        labels = [(label or "none", "primary")] + [(s, "secondary") for s in sec if s != label]
        for lab, role in labels:
            for theme in themes:
                rows.append((d, lab, role, strength_of(None if lab == "none" else lab), theme))
    if not rows:
        return _empty("label_themes")
    out = pd.DataFrame(rows, columns=["doc_id", "label", "role", "strength", "theme"])
    out = out.groupby(["doc_id", "label", "role", "strength", "theme"]).size()
    return out.rename("n_paragraphs").reset_index()[_COLUMNS["label_themes"]]


def _theme_strength(ex: pd.DataFrame) -> pd.DataFrame:
    if ex.empty:
        return _empty("theme_strength")
    out = ex.groupby(["doc_id", "theme", "strength"]).size().rename("n_paragraphs").reset_index()
    totals = out.groupby(["doc_id", "theme"])["n_paragraphs"].transform("sum")
    out["share"] = out["n_paragraphs"] / totals
    return out[_COLUMNS["theme_strength"]]


def _strength_profile(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return _empty("strength_profile")
    out = df.groupby(["doc_id", "strength"]).size().rename("n_paragraphs").reset_index()
    out["share"] = out["n_paragraphs"] / out.groupby("doc_id")["n_paragraphs"].transform("sum")
    return out[_COLUMNS["strength_profile"]]


def _cooccurrence(df: pd.DataFrame, key: dict[str, int]) -> pd.DataFrame:
    pairs: dict[tuple[str, str, str], int] = {}
    singles: dict[tuple[str, str], int] = {}
    for d, themes in zip(df["doc_id"], df["themes"], strict=True):
        ordered = sorted(themes, key=lambda t: key.get(t, len(key)))
        for t in ordered:
            singles[(d, t)] = singles.get((d, t), 0) + 1
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(d, a, b)] = pairs.get((d, a, b), 0) + 1
    if not pairs:
        return _empty("cooccurrence")
    rows = []
    for (d, a, b), n in pairs.items():
        union = singles[(d, a)] + singles[(d, b)] - n
        rows.append((d, a, b, n, n / union))
    return pd.DataFrame(rows, columns=_COLUMNS["cooccurrence"])


def _corpus_themes(df: pd.DataFrame, ex: pd.DataFrame) -> pd.DataFrame:
    if ex.empty:
        return _empty("corpus_themes")
    out = (
        ex.groupby("theme")
        .agg(n_documents=("doc_id", "nunique"), n_paragraphs=("paragraph_index", "size"))
        .reset_index()
    )
    out["share"] = out["n_paragraphs"] / len(df)
    return out[_COLUMNS["corpus_themes"]]


def _group_themes(
    df: pd.DataFrame, ex: pd.DataFrame, documents: pd.DataFrame | None, by: str
) -> pd.DataFrame:
    name = f"{by}_themes"
    if documents is None or ex.empty or "doc_id" not in documents:
        return _empty(name)
    docs = documents.copy()
    docs["doc_id"] = docs["doc_id"].astype(str)
    if by == "year" and "year" not in docs:
        if "adopted" not in docs:
            return _empty(name)
        docs["year"] = [year_of(v) for v in docs["adopted"]]
    if by not in docs:
        return _empty(name)
    groups = docs.set_index("doc_id")[by].dropna()
    groups = groups[~groups.index.duplicated()].astype(int)
    tagged = ex.assign(**{by: ex["doc_id"].map(groups)}).dropna(subset=[by])
    if tagged.empty:
        return _empty(name)
    tagged[by] = tagged[by].astype(int)
    out = (
        tagged.groupby([by, "theme"])
        .agg(n_documents=("doc_id", "nunique"), n_paragraphs=("paragraph_index", "size"))
        .reset_index()
    )
    totals = df.assign(**{by: df["doc_id"].map(groups)}).dropna(subset=[by])
    totals = totals.groupby(totals[by].astype(int)).size()
    out["share"] = out["n_paragraphs"] / out[by].map(totals)
    return out[_COLUMNS[name]]
