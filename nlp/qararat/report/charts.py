"""Charts of themes and clause labels, drawn with matplotlib (Agg) as PNG bytes or SVG text.

matplotlib 3.11+ shapes Arabic and orders mixed right-to-left text itself, so labels are passed
as plain Unicode strings. Bars grow from right to left and category names sit on the right, the
way an Arabic reader scans a chart. The font is "Noto Naskh Arabic" when installed (Debian
``fonts-noto-core``), then Amiri, with DejaVu Sans (shipped with matplotlib) as the per-glyph
fallback for Latin letters and punctuation.

Every function builds its own :class:`~matplotlib.figure.Figure` (no pyplot global state), so
charts can be drawn from threads and importing this module changes nothing.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, cast

import pandas as pd

from qararat.report.names import display_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator
    from matplotlib.typing import RcKeyType

ChartFormat = Literal["png", "svg"]

#: Preferred chart fonts, best first; the first installed one is used.
ARABIC_FONTS = ("Noto Naskh Arabic", "Amiri", "Noto Sans Arabic")
FALLBACK_FONT = "DejaVu Sans"

COLORS = {
    "operative": "#0b6ea9",
    "preambular": "#7cc3ea",
    "subparagraph": "#b9c4cc",
    "annex": "#d9b46c",
    "theme": "#0b6ea9",
    "grid": "#d9dee2",
    "text": "#1f2a33",
}
_KIND_ORDER = ("preambular", "operative", "subparagraph", "annex")
_COUNT_COLUMNS = ("paragraphs", "n_paragraphs", "count", "n", "documents", "n_documents")


@cache
def chart_fonts() -> tuple[str, ...]:
    """Return the font family list charts use: installed Arabic fonts, then DejaVu Sans."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return tuple(f for f in ARABIC_FONTS if f in installed) + (FALLBACK_FONT,)


def _rc() -> dict[RcKeyType, Any]:
    return {
        "font.family": list(chart_fonts()),
        "font.size": 11,
        "axes.edgecolor": COLORS["grid"],
        "axes.labelcolor": COLORS["text"],
        "xtick.color": COLORS["text"],
        "ytick.color": COLORS["text"],
        "svg.fonttype": "path",
        "svg.hashsalt": "qararat",
    }


def _explode(values: Iterable[object]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            continue
        if isinstance(v, str):
            out.append(v)
        else:
            out.extend(str(x) for x in cast("Iterable[object]", v))  # a list or array of names
    return out


def theme_counts(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Count paragraphs (and documents) mentioning each theme.

    Args:
        paragraphs: One row per paragraph with a ``themes`` column of lists (the frame of
            :meth:`Resolution.to_frame` or the batch ``paragraphs`` table); ``doc_id`` optional.

    Returns:
        Columns ``theme``, ``paragraphs``, ``documents``; most frequent first.
    """
    if paragraphs.empty or "themes" not in paragraphs:
        return pd.DataFrame({"theme": [], "paragraphs": [], "documents": []})
    frame = paragraphs.assign(theme=paragraphs["themes"].map(lambda v: _explode([v])))
    frame = frame.explode("theme").dropna(subset=["theme"])
    doc_col = "doc_id" if "doc_id" in frame else None
    grouped = frame.groupby("theme")
    out = pd.DataFrame(
        {
            "paragraphs": grouped.size(),
            "documents": grouped[doc_col].nunique() if doc_col else 1,
        }
    ).reset_index()
    return out.sort_values(["paragraphs", "theme"], ascending=[False, True], ignore_index=True)


def label_counts(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Count paragraphs by clause label and paragraph kind.

    Args:
        paragraphs: One row per paragraph with ``label`` and ``kind`` columns.

    Returns:
        Columns ``label``, ``kind``, ``count`` (labelled paragraphs only), tidy.
    """
    if paragraphs.empty or "label" not in paragraphs:
        return pd.DataFrame({"label": [], "kind": [], "count": []})
    kinds = paragraphs["kind"] if "kind" in paragraphs else "operative"
    frame = pd.DataFrame({"label": paragraphs["label"], "kind": kinds}).dropna(subset=["label"])
    out = frame.groupby(["label", "kind"]).size().rename("count").reset_index()
    return out.sort_values(["count", "label"], ascending=[False, True], ignore_index=True)


def _count_column(frame: pd.DataFrame) -> str:
    for c in _COUNT_COLUMNS:
        if c in frame:
            return c
    raise ValueError(f"expected one of the columns {', '.join(_COUNT_COLUMNS)}")


def _render(fig: Figure, fmt: ChartFormat, dpi: int) -> bytes | str:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=_metadata(fmt))
    data = buf.getvalue()
    return data.decode("utf-8") if fmt == "svg" else data


def _metadata(fmt: ChartFormat) -> dict[str, str | None]:
    # Leave out creation dates so the same data gives the same bytes.
    return {"Date": None} if fmt == "svg" else {"Software": None}


def _new_figure(n_rows: int, width: float = 6.4) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, max(1.6, 0.34 * n_rows + 0.9)), layout="constrained")
    ax = fig.add_subplot()
    return fig, ax


def _label_totals(ax: Axes, totals: list[int]) -> None:
    """Write each bar's total just beyond its end (the left, as the x axis is inverted)."""
    for i, total in enumerate(totals):
        ax.text(total, i, f" {total} ", va="center", ha="right", fontsize=10, color=COLORS["text"])
    ax.set_xlim(0, max(totals) * 1.12 + 0.5)


def _style_rtl_barh(ax: Axes, names: list[str], title: str | None) -> None:
    ax.set_yticks(range(len(names)), names)
    ax.invert_xaxis()  # bars grow from the right
    ax.invert_yaxis()  # most frequent on top
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0, labelsize=12)
    ax.xaxis.grid(True, color=COLORS["grid"], linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "left", "bottom"):
        ax.spines[side].set_visible(False)
    # A linear axis's default locator is an AutoLocator (a MaxNLocator); the base Locator stub
    # leaves out the **kwargs that set_params accepts.
    cast("MaxNLocator", ax.xaxis.get_major_locator()).set_params(integer=True)
    if title:
        ax.set_title(title, loc="right", fontsize=13, color=COLORS["text"], pad=10)


def theme_chart(
    stats: pd.DataFrame,
    *,
    fmt: ChartFormat = "png",
    title: str | None = "الموضوعات: عدد الفقرات",
    top: int | None = 20,
    dpi: int = 144,
) -> bytes | str:
    """Draw a right-to-left bar chart of how many paragraphs mention each theme.

    Args:
        stats: Either theme counts (a ``theme`` column and a count column: ``paragraphs``,
            ``n_paragraphs``, ``count``, ``n``, ``documents`` or ``n_documents``, e.g. from
            :func:`theme_counts` or the ``corpus_themes`` table of
            :func:`qararat.themes.stats.theme_stats`; rows of one theme are added up) or a
            paragraphs frame with a ``themes`` column of lists, counted here.
        fmt: ``png`` (bytes) or ``svg`` (text).
        title: Chart title (Arabic by default); ``None`` for none.
        top: Keep the most frequent ``top`` themes.
        dpi: Resolution of PNG output.

    Returns:
        PNG bytes or SVG text.

    Raises:
        ValueError: No theme to draw, or no count column.
    """
    if "theme" not in stats and "themes" in stats:
        stats = theme_counts(stats)
    if stats.empty:
        raise ValueError("no theme to chart")
    col = _count_column(stats)
    data = stats.groupby("theme", as_index=False)[col].sum()  # one row per theme
    data = data.sort_values([col, "theme"], ascending=[False, True], kind="stable")
    data = data.head(top) if top else data
    names = [display_name("themes", t) for t in data["theme"]]
    values = data[col].astype(int).tolist()
    from matplotlib import rc_context

    with rc_context(_rc()):
        fig, ax = _new_figure(len(names))
        ax.barh(range(len(names)), values, color=COLORS["theme"], height=0.66)
        _label_totals(ax, values)
        _style_rtl_barh(ax, names, title)
        return _render(fig, fmt, dpi)


def label_chart(
    paragraphs: pd.DataFrame,
    *,
    fmt: ChartFormat = "png",
    title: str | None = "الأفعال الاستهلالية: عدد الفقرات",
    top: int | None = 20,
    dpi: int = 144,
) -> bytes | str:
    """Draw a right-to-left stacked bar chart of clause labels, preambular vs operative.

    Args:
        paragraphs: A paragraphs frame (``label`` and ``kind`` columns) or counts from
            :func:`label_counts` (``label``, ``kind``, ``count``).
        fmt: ``png`` (bytes) or ``svg`` (text).
        title: Chart title; ``None`` for none.
        top: Keep the ``top`` most frequent labels.
        dpi: Resolution of PNG output.

    Returns:
        PNG bytes or SVG text.

    Raises:
        ValueError: No labelled paragraph.
    """
    counts = paragraphs if "count" in paragraphs else label_counts(paragraphs)
    if counts.empty:
        raise ValueError("no labelled paragraph to chart")
    table = counts.pivot_table(index="label", columns="kind", values="count", aggfunc="sum")
    table = table.fillna(0).astype(int)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    if top:
        table = table.head(top)
    names = [display_name("labels", lab) for lab in table.index]
    from matplotlib import rc_context

    with rc_context(_rc()):
        fig, ax = _new_figure(len(names))
        left = [0] * len(names)
        kinds = [k for k in _KIND_ORDER if k in table] + [
            k for k in table.columns if k not in _KIND_ORDER
        ]
        for kind in kinds:
            vals = table[kind].tolist()
            ax.barh(
                range(len(names)),
                vals,
                left=left,
                height=0.66,
                color=COLORS.get(kind, "#999999"),
                label=display_name("kinds", kind),
            )
            left = [a + b for a, b in zip(left, vals, strict=True)]
        _label_totals(ax, left)
        _style_rtl_barh(ax, names, title)
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncols=len(kinds),
            frameon=False,
            fontsize=10,
            markerfirst=False,
        )
        return _render(fig, fmt, dpi)


def _heatmap(
    table: pd.DataFrame,
    names: list[str],
    columns: list[str],
    title: str | None,
    xlabel: str | None,
    fmt: ChartFormat,
    dpi: int,
) -> bytes | str:
    from matplotlib import rc_context

    values = table.to_numpy()
    with rc_context(_rc()):
        fig, ax = _new_figure(len(names), width=max(4.5, 0.62 * len(columns) + 3.2))
        ax.imshow(values, aspect="auto", cmap="Blues", vmin=0)
        ax.set_xticks(range(len(columns)), columns)
        ax.set_yticks(range(len(names)), names)
        ax.yaxis.tick_right()
        ax.tick_params(length=0, labelsize=10)
        if xlabel:
            ax.set_xlabel(xlabel)
        vmax = values.max() or 1
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = int(values[i, j])
                ax.text(
                    j,
                    i,
                    str(v) if v else "",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v > vmax / 2 else COLORS["text"],
                )
        for spine in ax.spines.values():
            spine.set_visible(False)
        if title:
            ax.set_title(title, loc="right", fontsize=12, pad=8)
        return _render(fig, fmt, dpi)


def _top_rows(table: pd.DataFrame, top: int | None) -> pd.DataFrame:
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    return table.head(top) if top else table


def theme_session_chart(
    frame: pd.DataFrame,
    *,
    fmt: ChartFormat = "png",
    title: str | None = "الموضوعات حسب الدورة: عدد الفقرات",
    top: int | None = 15,
    dpi: int = 144,
) -> bytes | str:
    """Draw a heat map of theme mentions (paragraphs) by session.

    Args:
        frame: Either the ``session_themes`` table of :func:`qararat.themes.stats.theme_stats`
            (``session``, ``theme``, ``n_paragraphs``) or paragraph rows with ``session`` and
            ``themes`` columns (the batch ``paragraphs`` table joined with ``documents``).
        fmt: ``png`` (bytes) or ``svg`` (text).
        title: Chart title; ``None`` for none.
        top: Keep the ``top`` most frequent themes.
        dpi: Resolution of PNG output.

    Returns:
        PNG bytes or SVG text.

    Raises:
        ValueError: No paragraph with both a session and a theme.
    """
    if "theme" in frame and "themes" not in frame:
        tidy = frame.dropna(subset=["session", "theme"])
        tidy = tidy.assign(count=tidy[_count_column(tidy)])
    else:
        tidy = frame[["session", "themes"]].dropna(subset=["session"])
        tidy = tidy.assign(theme=tidy["themes"].map(lambda v: _explode([v])))
        tidy = tidy.explode("theme").dropna(subset=["theme"]).assign(count=1)
    if tidy.empty:
        raise ValueError("no paragraph with a session and a theme")
    tidy = tidy.assign(session=tidy["session"].astype(int))
    table = tidy.pivot_table(index="theme", columns="session", values="count", aggfunc="sum")
    table = _top_rows(table.fillna(0).astype(int), top)
    names = [display_name("themes", t) for t in table.index]
    return _heatmap(table, names, [str(c) for c in table.columns], title, "الدورة", fmt, dpi)


def label_theme_chart(
    frame: pd.DataFrame,
    *,
    fmt: ChartFormat = "png",
    title: str | None = "الموضوعات حسب الوسم: عدد الفقرات",
    top: int | None = 15,
    top_labels: int | None = 12,
    dpi: int = 144,
) -> bytes | str:
    """Draw a heat map of theme mentions by clause label (what the resolution does about it).

    Args:
        frame: Either the ``label_themes`` table of :func:`qararat.themes.stats.theme_stats`
            (``label``, ``theme``, ``n_paragraphs``; all roles added up) or paragraph rows
            with ``label`` and ``themes`` columns.
        fmt: ``png`` (bytes) or ``svg`` (text).
        title: Chart title; ``None`` for none.
        top: Keep the ``top`` most frequent themes.
        top_labels: Keep the ``top_labels`` most frequent labels.
        dpi: Resolution of PNG output.

    Returns:
        PNG bytes or SVG text.

    Raises:
        ValueError: No labelled paragraph with a theme.
    """
    if "theme" in frame and "themes" not in frame:
        tidy = frame.dropna(subset=["label", "theme"])
        tidy = tidy.assign(count=tidy[_count_column(tidy)])
    else:
        tidy = frame[["label", "themes"]].dropna(subset=["label"])
        tidy = tidy.assign(theme=tidy["themes"].map(lambda v: _explode([v])))
        tidy = tidy.explode("theme").dropna(subset=["theme"]).assign(count=1)
    if tidy.empty:
        raise ValueError("no labelled paragraph with a theme")
    table = tidy.pivot_table(index="theme", columns="label", values="count", aggfunc="sum")
    table = _top_rows(table.fillna(0).astype(int), top)
    table = _top_rows(table.T, top_labels).T
    names = [display_name("themes", t) for t in table.index]
    labels = [display_name("labels", lab) for lab in table.columns]
    fig_labels = ["\n".join(lab.split(" ", 1)) for lab in labels]
    return _heatmap(table, names, fig_labels, title, None, fmt, dpi)


def data_uri(chart: bytes | str, fmt: ChartFormat = "png") -> str:
    """Return a ``data:`` URI for a chart, to inline it in a self-contained HTML page."""
    raw = chart.encode("utf-8") if isinstance(chart, str) else chart
    mime = "image/svg+xml" if fmt == "svg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"
