"""Self-contained HTML reports of OCR cleanup and structure, for people who review digitisation.

One HTML file, nothing fetched: CSS and JavaScript are inlined from the package's ``templates/``
folder, charts are ``data:`` URIs, fonts come from the reader's system (Arabic stack "Noto Naskh
Arabic", "Amiri", "Arial"). Every piece of document text goes through :func:`html.escape`, in
element content and in attributes alike, so a document cannot inject markup or script.

Two reports:

* :func:`render_document_report` — for analysed resolutions: a summary of corrections (by rule,
  by confusion class, applied vs suggested, confidence distribution, reversed references
  repaired, warnings), the original text with every correction highlighted in place (hover or
  focus shows original, replacement and alternatives; filters by rule, status and minimum
  confidence), the paragraph outline with labels and addressees, and theme/label charts.
* :func:`render_corpus_report` — for a batch output folder: totals, a sortable per-document
  table with the documents needing most review first, the most frequent corrections, failures
  and charts.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from qararat import __version__
from qararat.model import Correction, Paragraph, Resolution
from qararat.report import charts
from qararat.report.corpus import BatchTables, load_batch
from qararat.report.names import display_name

#: Corrections below this confidence count as "low confidence" (flagged for review).
LOW_CONFIDENCE = 0.5
#: Rule name of repaired right-to-left reversed numbers (``186/76`` → ``76/186``).
REVERSED_RULE = "bidi_reversed_number"
#: Characters shown as visible badges inside corrections (invisible ones would vanish).
_VISIBLE_NAMES = {"\n": "↵", "\t": "⇥", " ": "␣"}
_TEXT_LIMIT = 320
_CONF_BINS = [i / 10 for i in range(11)]
# Bidi embeddings, overrides and isolates would reorder the rest of the page: always shown.
_RE_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


# -- small helpers ---------------------------------------------------------------------------
def _esc(value: object) -> str:
    """Escape anything for HTML element content or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp")


def _badge_char(ch: str) -> str:
    name = _VISIBLE_NAMES.get(ch, f"U+{ord(ch):04X}")
    return f'<span class="ctl" title="U+{ord(ch):04X}">{_esc(name)}</span>'


def _visible(text: str, *, spaces: bool = False) -> str:
    """Escape ``text`` and show invisible characters (and, optionally, lone spaces) as badges."""
    if spaces and text.strip() == "" and text:
        return "".join(_badge_char(ch) for ch in text)
    out = []
    for ch in text:
        if ch == "\n" or ch == "\t" or _is_invisible(ch):
            out.append(_badge_char(ch))
        else:
            out.append(_esc(ch))
    return "".join(out)


def _plain_visible(text: str) -> str:
    """Unescaped text for a title attribute, invisible characters named."""
    return (
        "".join(
            _VISIBLE_NAMES.get(ch, f"<U+{ord(ch):04X}>")
            if (ch in "\n\t" or _is_invisible(ch))
            else ch
            for ch in text
        )
        or "∅"
    )


def _body_text(text: str) -> str:
    """Escape running text; bidi controls become visible so they cannot reorder the page."""
    out = []
    pos = 0
    for m in _RE_BIDI_CONTROL.finditer(text):
        out.append(_esc(text[pos : m.start()]))
        out.append(_badge_char(m.group()))
        pos = m.end()
    out.append(_esc(text[pos:]))
    return "".join(out)


def _conf(value: float | None) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.2f}"


def _truncate(text: str, limit: int = _TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _en(text: str) -> str:
    """A small English gloss next to an Arabic heading."""
    return f' <span class="muted ltr gloss" lang="en">{_esc(text)}</span>'


@cache
def _asset(name: str) -> str:
    return resources.files("qararat.report").joinpath(f"templates/{name}").read_text("utf-8")


def _page(*, title: str, heading: str, subtitle: str, body: str, body_class: str) -> str:
    page = string.Template(_asset("page.html"))
    return page.substitute(
        title=_esc(title),
        heading=_esc(heading),
        subtitle=subtitle,
        body=body,
        body_class=body_class,
        css=_asset("report.css"),
        js=_asset("report.js"),
        version=_esc(__version__),
        footer=(
            f"أُعدّ هذا التقرير بواسطة qararat {_esc(__version__)} في "
            f'<bdi dir="ltr" class="num">{date.today().isoformat()}</bdi> — ملف واحد مستقل، '
            "لا يطلب أي مورد من الشبكة."
        ),
    )


def _kpi(value: object, label: str, cls: str = "") -> str:
    return (
        f'<div class="kpi {cls}"><span class="v num">{_esc(value)}</span>'
        f'<span class="k">{label}</span></div>'
    )


def _table(
    headers: Sequence[tuple[str, str]],
    rows: Iterable[str],
    *,
    cls: str = "",
    caption: str = "",
) -> str:
    """A table from header (label, css class) pairs and already rendered ``<tr>`` rows."""
    head = "".join(f'<th scope="col" class="{c}">{h}</th>' for h, c in headers)
    cap = f"<caption class='muted'>{caption}</caption>" if caption else ""
    body = "".join(rows)
    return (
        f'<div class="table-wrap"><table class="{cls}">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _chart_img(chart: bytes | str, alt: str) -> str:
    return f'<figure class="chart"><img src="{charts.data_uri(chart)}" alt="{_esc(alt)}"></figure>'


# -- correction statistics (shared by the document and corpus reports) -------------------------
@dataclass
class CorrectionStats:
    """Counts a reviewer checks first, from a corrections table.

    Attributes:
        total: Number of corrections.
        applied: Corrections applied to the cleaned text.
        suggested: Corrections only suggested (below the engine's threshold).
        low: Corrections with confidence below :data:`LOW_CONFIDENCE`.
        reversed_numbers: Reversed references repaired (rule ``bidi_reversed_number``).
        by_rule: Columns ``rule``, ``applied``, ``suggested``, ``total``, ``mean_confidence``.
        by_confusion: Same, by ``confusion`` class (``—`` when unknown).
        histogram: Columns ``bin`` (lower edge), ``applied``, ``suggested``.
    """

    total: int
    applied: int
    suggested: int
    low: int
    reversed_numbers: int
    by_rule: pd.DataFrame
    by_confusion: pd.DataFrame
    histogram: pd.DataFrame


def correction_stats(corrections: pd.DataFrame) -> CorrectionStats:
    """Summarise a corrections table (``rule``, ``confidence``, ``applied``, ``confusion``).

    Args:
        corrections: The frame of :meth:`Resolution.corrections_frame` or the batch
            ``corrections`` table.

    Returns:
        The :class:`CorrectionStats`.
    """
    frame = corrections.copy()
    if frame.empty:
        empty = pd.DataFrame(columns=["key", "applied", "suggested", "total", "mean_confidence"])
        hist = pd.DataFrame({"bin": _CONF_BINS[:-1], "applied": 0, "suggested": 0})
        return CorrectionStats(0, 0, 0, 0, 0, empty, empty.copy(), hist)
    frame["applied"] = frame["applied"].fillna(True).astype(bool)
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce").fillna(0.0)
    if "confusion" not in frame:
        frame["confusion"] = None
    frame["confusion"] = frame["confusion"].fillna("—").astype(str)

    def grouped(key: str) -> pd.DataFrame:
        g = frame.groupby(key)
        out = pd.DataFrame(
            {
                "applied": g["applied"].sum().astype(int),
                "suggested": (~frame["applied"]).groupby(frame[key]).sum().astype(int),
                "total": g.size(),
                "mean_confidence": g["confidence"].mean(),
            }
        ).reset_index()
        out = out.rename(columns={key: "key"})
        return out.sort_values(["total", "key"], ascending=[False, True], ignore_index=True)

    bins = (
        pd.cut(
            frame["confidence"].clip(0, 1),
            _CONF_BINS,
            right=False,
            include_lowest=True,
            labels=False,
        )
        .fillna(9)
        .astype(int)
    )
    hist = pd.DataFrame({"bin": _CONF_BINS[:-1]})
    hist["applied"] = [int(((bins == i) & frame["applied"]).sum()) for i in range(10)]
    hist["suggested"] = [int(((bins == i) & ~frame["applied"]).sum()) for i in range(10)]
    return CorrectionStats(
        total=len(frame),
        applied=int(frame["applied"].sum()),
        suggested=int((~frame["applied"]).sum()),
        low=int((frame["confidence"] < LOW_CONFIDENCE).sum()),
        reversed_numbers=int((frame["rule"] == REVERSED_RULE).sum()),
        by_rule=grouped("rule"),
        by_confusion=grouped("confusion"),
        histogram=hist,
    )


def _stats_tables(stats: CorrectionStats) -> str:
    def table(frame: pd.DataFrame, first: str, code: bool) -> str:
        rows = []
        for r in frame.itertuples(index=False):
            key = f"<code>{_esc(r.key)}</code>" if code and r.key != "—" else _esc(r.key)
            rows.append(
                f"<tr><td>{key}</td><td class='n'>{r.applied}</td>"
                f"<td class='n'>{r.suggested}</td><td class='n'>{r.total}</td>"
                f"<td class='n'>{_conf(r.mean_confidence)}</td></tr>"
            )
        if not rows:
            return '<p class="empty">لا تصحيحات.</p>'
        return _table(
            [(first, ""), ("مطبّق", "n"), ("مقترح", "n"), ("المجموع", "n"), ("متوسط الثقة", "n")],
            rows,
            cls="sortable",
        )

    peak = max(1, int((stats.histogram["applied"] + stats.histogram["suggested"]).max()))
    bars = []
    for r in stats.histogram[::-1].itertuples(index=False):
        total = r.applied + r.suggested
        wa = 100 * r.applied / peak
        ws = 100 * r.suggested / peak
        bars.append(
            f'<span class="num ltr">{r.bin:.1f}–{r.bin + 0.1:.1f}</span>'
            f'<span class="bar" role="img" aria-label="{total}">'
            f'<span class="a" style="width:{wa:.1f}%"></span>'
            f'<span class="s" style="width:{ws:.1f}%"></span></span>'
            f'<span class="num">{total}</span>'
        )
    hist = (
        f'<div class="bars">{"".join(bars)}</div><div class="legend"><i class="a"></i>مطبّق '
        '&nbsp; <i class="s"></i>مقترح</div>'
    )
    return (
        '<div class="grid2 stats">'
        f"<div><h4>حسب القاعدة{_en('by rule')}</h4>{table(stats.by_rule, 'القاعدة', True)}</div>"
        f"<div><h4>حسب صنف الالتباس{_en('by confusion class')}</h4>"
        f"{table(stats.by_confusion, 'الصنف', True)}</div>"
        f"<div><h4>توزيع الثقة{_en('confidence distribution')}</h4>{hist}</div>"
        "</div>"
    )


# -- the original text with corrections in place -----------------------------------------------
def _clusters(corrections: Sequence[Correction], length: int) -> tuple[list[list[Correction]], int]:
    """Group overlapping corrections; drop (and count) spans outside the text."""
    valid = [c for c in corrections if 0 <= c.start <= c.end <= length]
    dropped = len(corrections) - len(valid)
    groups: list[list[Correction]] = []
    end = -1
    for c in sorted(valid, key=lambda c: (c.start, c.end)):
        if groups and (c.start < end or c.start == c.end == groups[-1][0].start):
            groups[-1].append(c)
            end = max(end, c.end)
        else:
            groups.append([c])
            end = c.end
    return groups, dropped


def _tip_rows(c: Correction) -> tuple[str, str]:
    """The tooltip's HTML rows and the matching plain text for the title attribute."""
    status = "مطبّق" if c.applied else "مقترح"
    rows = [
        f'<span class="row"><span class="k">الأصل</span><span class="was">'
        f"{_visible(c.original, spaces=True) or '∅'}</span></span>",
        f'<span class="row"><span class="k">التصحيح</span><span class="now">'
        f"{_visible(c.replacement, spaces=True) or '∅'}</span></span>",
    ]
    plain = [f"{_plain_visible(c.original)} ← {_plain_visible(c.replacement)}"]
    alts = [a for a in c.alternatives if a != c.replacement]
    if alts:
        rows.append(
            '<span class="row"><span class="k">بدائل</span>'
            + "، ".join(_visible(a) for a in alts)
            + "</span>"
        )
        plain.append("بدائل: " + "، ".join(alts))
    meta = f"<code>{_esc(c.rule)}</code>"
    if c.confusion:
        meta += f" · <code>{_esc(c.confusion)}</code>"
    rows.append(
        f'<span class="row">{meta} · الثقة <b class="num">{_conf(c.confidence)}</b>'
        f" · {status}</span>"
    )
    plain.append(
        f"{c.rule}{' · ' + c.confusion if c.confusion else ''} · الثقة {_conf(c.confidence)}"
        f" · {status}"
    )
    return "".join(rows), "\n".join(plain)


def highlight_corrections(
    original: str, corrections: Sequence[Correction], *, id_prefix: str = "c"
) -> str:
    """Return ``original`` as escaped HTML with every correction marked in place.

    Each correction (overlapping ones grouped, the most confident leading) becomes a focusable
    ``<span class="corr">`` carrying ``data-rule``, ``data-confidence`` and ``data-applied``,
    a ``title`` and a CSS tooltip with original, replacement, alternatives, rule and confidence.
    Inside it, ``<s class="o">`` holds the original and ``<ins class="r">`` the replacement.

    Args:
        original: The text the corrections' offsets refer to.
        corrections: Corrections as spans on ``original``.
        id_prefix: Prefix of the element ids (``{id_prefix}-{n}``); unique per page.

    Returns:
        HTML for the inside of a ``white-space: pre-wrap`` block.
    """
    groups, _ = _clusters(corrections, len(original))
    out: list[str] = []
    pos = 0
    for n, group in enumerate(groups):
        start = min(c.start for c in group)
        end = max(c.end for c in group)
        lead = max(group, key=lambda c: (c.applied, c.confidence))
        out.append(_body_text(original[pos:start]))
        replaced = original[start : lead.start] + lead.replacement + original[lead.end : end]
        tips, titles = zip(
            *(_tip_rows(c) for c in [lead] + [c for c in group if c is not lead]), strict=True
        )
        cid = f"{id_prefix}-{n}"
        classes = ["corr", "applied" if lead.applied else "suggested"]
        if lead.confidence < LOW_CONFIDENCE:
            classes.append("low")
        sep = '<span class="row">—</span>'
        out.append(
            f'<span class="{" ".join(classes)}" id="{cid}" tabindex="0" '
            f'data-rule="{_esc(lead.rule)}" data-confidence="{lead.confidence:.3f}" '
            f'data-applied="{int(lead.applied)}" data-confusion="{_esc(lead.confusion or "")}" '
            f'aria-describedby="{cid}-tip" title="{_esc(chr(10).join(titles))}">'
            f'<s class="o">{_visible(original[start:end], spaces=True)}</s>'
            f'<ins class="r">{_visible(replaced, spaces=True)}</ins>'
            f'<span class="tip" role="tooltip" id="{cid}-tip">{sep.join(tips)}</span></span>'
        )
        pos = end
    out.append(_body_text(original[pos:]))
    return "".join(out)


def _filters(rules: list[tuple[str, int]], section_id: str) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" class="rule-filter" value="{_esc(rule)}" checked> '
        f'<code>{_esc(rule)}</code> <span class="muted num">({n})</span></label>'
        for rule, n in rules
    )
    return (
        f'<div class="filters" role="group" aria-label="مرشحات التصحيحات">'
        f"<fieldset><legend>القاعدة</legend>{boxes}</fieldset>"
        "<fieldset><legend>الحالة</legend>"
        '<label><input type="checkbox" class="status-filter" value="applied" checked> مطبّق</label>'
        '<label><input type="checkbox" class="status-filter" value="suggested" checked> مقترح'
        "</label></fieldset>"
        f'<fieldset><legend><label for="{section_id}-min">أدنى ثقة</label></legend>'
        f'<input type="range" class="min-conf" id="{section_id}-min" min="0" max="1" step="0.05"'
        ' value="0"> <output class="min-conf-value">0.00</output></fieldset>'
        "<fieldset><legend>العرض</legend>"
        f'<label><input type="radio" class="view-mode" name="{section_id}-mode" value="both" '
        "checked> الأصل والتصحيح</label>"
        f'<label><input type="radio" class="view-mode" name="{section_id}-mode" value="original">'
        " الأصل فقط</label>"
        f'<label><input type="radio" class="view-mode" name="{section_id}-mode" '
        'value="corrected"> النص المصحح</label></fieldset>'
        '<span class="count">المعروض: <b class="shown-count num">0 / 0</b></span></div>'
    )


def _correction_rows(corrections: Sequence[Correction], id_prefix: str, length: int) -> str:
    groups, _ = _clusters(corrections, length)
    rows = []
    for n, group in enumerate(groups):
        for c in group:
            status = "applied" if c.applied else "suggested"
            label = "مطبّق" if c.applied else "مقترح"
            rows.append(
                f'<tr data-rule="{_esc(c.rule)}" data-confidence="{c.confidence:.3f}" '
                f'data-applied="{int(c.applied)}">'
                f'<td class="n" data-sort="{c.start}"><a class="jump" href="#{id_prefix}-{n}">'
                f"{c.start}</a></td>"
                f'<td class="t">{_visible(c.original, spaces=True) or "∅"}</td>'
                f'<td class="t">{_visible(c.replacement, spaces=True) or "∅"}</td>'
                f"<td><code>{_esc(c.rule)}</code></td>"
                f"<td><code>{_esc(c.confusion or '')}</code></td>"
                f'<td class="n">{_conf(c.confidence)}</td>'
                f'<td><span class="badge {status}">{label}</span></td>'
                f'<td class="t">{"، ".join(_esc(a) for a in c.alternatives)}</td></tr>'
            )
    return "".join(rows)


# -- structure outline ----------------------------------------------------------------------
def _label_badge(label: str | None) -> str:
    if not label:
        return ""
    return (
        f'<span class="badge label" title="{_esc(label)}">{_esc(display_name("labels", label))}'
        "</span>"
    )


def _outline_text(p: Paragraph) -> str:
    """The paragraph text, shortened, with its lead verb phrase in bold where it occurs."""
    text = _truncate(p.text)
    at = text.find(p.lead) if p.lead else -1
    if p.lead and 0 <= at < 16:
        end = at + len(p.lead)
        return f'{_esc(text[:at])}<span class="lead">{_esc(text[at:end])}</span>{_esc(text[end:])}'
    lead = f'<span class="lead">[{_esc(p.lead)}]</span> ' if p.lead else ""
    return lead + _esc(text)


def _outline(paragraphs: Sequence[Paragraph]) -> str:
    if not paragraphs:
        return '<p class="empty">لم يُعثر على فقرات.</p>'
    rows = []
    where: tuple[str | None, str | None] = (None, None)
    for p in paragraphs:
        if (p.part, p.section) != where and (p.part or p.section):
            # a part, an annex or a section heading begins: a row of its own
            heading = " — ".join(_esc(x) for x in (p.part, p.section) if x)
            rows.append(f'<tr class="heading"><th colspan="7" scope="rowgroup">{heading}</th></tr>')
        where = (p.part, p.section)
        labels = _label_badge(p.label) + "".join(" " + _label_badge(s) for s in p.secondary_labels)
        mods = " ".join(f"<code>{_esc(m)}</code>" for m in p.modifiers)
        addressees = " ".join(
            f'<span class="badge addr ltr" lang="en">{_esc(a)}</span>' for a in p.addressees
        )
        themes = " ".join(
            f'<span class="badge theme" title="{_esc(t)}">{_esc(display_name("themes", t))}</span>'
            for t in p.themes
        )
        text = _outline_text(p)
        notes = " ".join(f'<sup class="num">[{n}]</sup>' for n in p.footnote_refs)
        rejoined = ' <span class="rejoined">(أعيد وصلها)</span>' if p.rejoined else ""
        rows.append(
            f'<tr class="{_esc(p.kind)}"><td class="n">{p.index}</td>'
            f"<td>{_esc(display_name('kinds', p.kind))}</td>"
            f"<td class='num'>{_esc(p.number or '')}</td>"
            f"<td>{labels} {mods}</td><td>{addressees}</td><td>{themes}</td>"
            f'<td class="text">{text}{notes}{rejoined}</td></tr>'
        )
    return _table(
        [
            ("#", "n"),
            ("النوع", ""),
            ("الرقم", ""),
            ("الوسم", ""),
            ("الجهات المخاطبة", ""),
            ("الموضوعات", ""),
            ("النص", ""),
        ],
        rows,
        cls="outline",
    )


# -- document report ------------------------------------------------------------------------
def _doc_title(res: Resolution) -> str:
    h = res.header
    parts = [p for p in (h.resolution, h.title) if p]
    return " — ".join(parts) if parts else res.doc_id


def _doc_meta(res: Resolution) -> str:
    h = res.header
    items = [
        ("الهيئة", h.body),
        ("الدورة", h.session),
        ("البند", h.agenda_item),
        ("اتُّخذ", h.adopted or h.plenary_date),
        ("الجلسة", h.plenary_meeting),
        ("التقرير", h.committee_report),
        ("المصدر", res.source),
        ("الترميز", res.encoding),
        ("المعرّف", res.doc_id),
    ]
    return (
        '<div class="doc-meta">'
        + "".join(
            f"<span>{k}: <b><bdi>{_esc(v)}</bdi></b></span>"
            for k, v in items
            if v not in (None, "")
        )
        + "</div>"
    )


def _warnings(res: Resolution, dropped: int) -> str:
    items = [
        f'<li><code>{_esc(w.kind)}</code><span dir="auto">{_esc(w.message)}</span></li>'
        for w in res.warnings
    ]
    rejoined = [p for p in res.paragraphs if p.rejoined]
    if rejoined and not any("rejoin" in w.kind for w in res.warnings):
        numbers = "، ".join(_esc(p.number or str(p.index)) for p in rejoined)
        items.append(f"<li><code>rejoined</code>فقرات قسّمها فاصل صفحة وأُعيد وصلها: {numbers}</li>")
    if dropped:
        items.append(
            f"<li><code>report</code>{dropped} تصحيحات خارج حدود النص لم تُعرض في مكانها.</li>"
        )
    if not items:
        return '<p class="ok">✓ لا تحذيرات.</p>'
    return f'<ul class="warnings">{"".join(items)}</ul>'


def _theme_section(res: Resolution, with_charts: bool) -> str:
    frame = res.to_frame()
    parts = []
    counts = charts.theme_counts(frame)
    if counts.empty:
        parts.append('<p class="empty">لم تُوسم أي فقرة بموضوع.</p>')
    elif with_charts:
        parts.append(_chart_img(charts.theme_chart(counts), "الموضوعات حسب عدد الفقرات"))
    if with_charts and frame["label"].notna().any():
        parts.append(_chart_img(charts.label_chart(frame), "الأفعال الاستهلالية حسب نوع الفقرة"))
    html_parts = ['<div class="charts">' + "".join(parts) + "</div>"] if parts else []
    if not counts.empty:
        rows = [
            f"<tr><td>{_esc(display_name('themes', r.theme))}</td><td><code>{_esc(r.theme)}</code>"
            f"</td><td class='n'>{int(r.paragraphs)}</td></tr>"
            for r in counts.itertuples(index=False)
        ]
        table = _table([("الموضوع", ""), ("الرمز", ""), ("الفقرات", "n")], rows, cls="sortable")
        html_parts.append(f"<details><summary>جدول الموضوعات</summary>{table}</details>")
    return "".join(html_parts)


def _document_section(res: Resolution, index: int, with_charts: bool) -> str:
    sid = f"doc-{index}"
    stats = correction_stats(res.corrections_frame())
    _, dropped = _clusters(res.corrections, len(res.original))
    kpis = "".join(
        [
            _kpi(len(res.preambular), "فقرات الديباجة"),
            _kpi(len(res.operative), "فقرات المنطوق"),
            _kpi(len(res.subparagraphs), "فقرات فرعية"),
            _kpi(stats.total, "التصحيحات"),
            _kpi(stats.applied, "مطبّقة", "applied"),
            _kpi(stats.suggested, "مقترحة للمراجعة", "suggested"),
            _kpi(stats.low, f"ثقة أقل من {LOW_CONFIDENCE:.1f}", "warn" if stats.low else ""),
            _kpi(stats.reversed_numbers, "مراجع معكوسة أُصلحت"),
            _kpi(len(res.warnings), "تحذيرات", "warn" if res.warnings else ""),
        ]
    )
    rules = [(str(r.key), int(r.total)) for r in stats.by_rule.itertuples(index=False)]
    text = highlight_corrections(res.original, res.corrections, id_prefix=f"{sid}-c")
    corr_rows = _correction_rows(res.corrections, f"{sid}-c", len(res.original))
    corr_table = (
        _table(
            [
                ("الموضع", "n"),
                ("الأصل", ""),
                ("التصحيح", ""),
                ("القاعدة", ""),
                ("الالتباس", ""),
                ("الثقة", "n"),
                ("الحالة", ""),
                ("البدائل", ""),
            ],
            [corr_rows],
            cls="sortable corr-list",
        )
        if corr_rows
        else '<p class="empty">لا تصحيحات.</p>'
    )
    return (
        f'<section class="doc" id="{sid}" data-doc-id="{_esc(res.doc_id)}" '
        f'aria-labelledby="{sid}-h">'
        f'<h2 id="{sid}-h">{_esc(_doc_title(res))}</h2>{_doc_meta(res)}'
        f"<h3>الملخص{_en('Summary')}</h3><div class='kpis'>{kpis}</div>"
        f"{_stats_tables(stats)}"
        f"<h4>التحذيرات{_en('Warnings')}</h4>{_warnings(res, dropped)}"
        f"<h3>النص الأصلي مع التصحيحات{_en('Original text, corrections in place')}</h3>"
        f"{_filters(rules, sid)}"
        f'<div class="doc-text mode-both" lang="ar" dir="rtl">{text}</div>'
        f"<details><summary>قائمة التصحيحات ({stats.total}){_en('all corrections')}</summary>"
        f"{corr_table}</details>"
        f"<h3>البنية{_en('Structure: preambular and operative paragraphs')}</h3>"
        f"{_outline(res.paragraphs)}"
        f"<h3>الموضوعات والوسوم{_en('Themes and labels')}</h3>"
        f"{_theme_section(res, with_charts)}"
        "</section>"
    )


def render_document_report(
    resolutions: Sequence[Resolution], *, title: str | None = None, with_charts: bool = True
) -> str:
    """Render analysed resolutions as one self-contained HTML report.

    Args:
        resolutions: Results of :func:`qararat.analyze`, one section each.
        title: Page title; defaults to the documents' titles.
        with_charts: Draw the theme and label charts (matplotlib).

    Returns:
        The HTML page (``<html dir="rtl" lang="ar">``) as a string.

    Raises:
        ValueError: ``resolutions`` is empty.
    """
    if not resolutions:
        raise ValueError("no document to report")
    sections = [_document_section(r, i, with_charts) for i, r in enumerate(resolutions)]
    toc = ""
    if len(resolutions) > 1:
        items = "".join(
            f'<li><a href="#doc-{i}">{_esc(_doc_title(r))}</a></li>'
            for i, r in enumerate(resolutions)
        )
        toc = f'<nav class="toc" aria-label="المحتويات"><h2>المستندات</h2><ol>{items}</ol></nav>'
    heading = "تقرير تنقيح النص الممسوح ضوئيا"
    page_title = title or (
        _doc_title(resolutions[0]) if len(resolutions) == 1 else f"{heading} ({len(resolutions)})"
    )
    n_corr = sum(len(r.corrections) for r in resolutions)
    subtitle = f"{len(resolutions)} مستند · {n_corr} تصحيح" + _en(
        f"OCR cleanup report · {len(resolutions)} document(s)"
    )
    return _page(
        title=page_title,
        heading=title or heading,
        subtitle=subtitle,
        body=toc + "".join(sections),
        body_class="document-report",
    )


# -- corpus report --------------------------------------------------------------------------
def _per_document(tables: BatchTables) -> pd.DataFrame:
    docs = tables.documents.copy()
    ids = pd.Index(docs["doc_id"].astype(str) if "doc_id" in docs else [], name="doc_id")
    out = pd.DataFrame(index=ids)
    for col in ("resolution", "title", "session", "body", "source"):
        if col in docs:
            out[col] = docs.set_index(ids)[col]
    par = tables.paragraphs
    for kind in ("preambular", "operative"):
        if not par.empty and "kind" in par:
            out[kind] = par[par["kind"] == kind].groupby("doc_id").size()
        else:
            out[kind] = 0
    cor = tables.corrections
    if not cor.empty:
        applied = cor["applied"].fillna(True).astype(bool)
        conf = pd.to_numeric(cor["confidence"], errors="coerce").fillna(0)
        out["applied"] = cor[applied].groupby("doc_id").size()
        out["suggested"] = cor[~applied].groupby("doc_id").size()
        out["low"] = cor[conf < LOW_CONFIDENCE].groupby("doc_id").size()
    else:
        out["applied"] = out["suggested"] = out["low"] = 0
    warn = tables.warnings
    out["warnings"] = warn.groupby("doc_id").size() if not warn.empty else 0
    for col in ("preambular", "operative", "applied", "suggested", "low", "warnings"):
        out[col] = out[col].fillna(0).astype(int)
    out["problems"] = out["suggested"] + out["low"] + out["warnings"]
    out = out.reset_index()
    return out.sort_values(["problems", "doc_id"], ascending=[False, True], ignore_index=True)


def _frequent_corrections(cor: pd.DataFrame, top: int = 30) -> pd.DataFrame:
    if cor.empty:
        return pd.DataFrame()
    frame = cor.assign(
        applied=cor["applied"].fillna(True).astype(bool),
        confidence=pd.to_numeric(cor["confidence"], errors="coerce").fillna(0),
    )
    g = frame.groupby(["original", "replacement", "rule"], dropna=False)
    out = pd.DataFrame(
        {
            "count": g.size(),
            "documents": g["doc_id"].nunique(),
            "mean_confidence": g["confidence"].mean(),
            "applied_share": g["applied"].mean(),
        }
    ).reset_index()
    return out.sort_values(
        ["count", "documents", "original"], ascending=[False, False, True], ignore_index=True
    ).head(top)


def render_corpus_report(
    outdir: str | Path, *, title: str | None = None, with_charts: bool = True
) -> str:
    """Render a batch output folder as one self-contained HTML corpus report.

    Args:
        outdir: A ``qararat batch`` output folder (Parquet tables ``documents``,
            ``paragraphs``, ``corrections``, ``errors``; ``json/<doc_id>.json``).
        title: Page title.
        with_charts: Draw theme, label and session charts (matplotlib).

    Returns:
        The HTML page as a string.

    Raises:
        qararat.report.corpus.BatchDirError: ``outdir`` is not a batch output folder.
    """
    tables = load_batch(outdir)
    per_doc = _per_document(tables)
    stats = correction_stats(tables.corrections)
    n_docs = len(per_doc)
    n_err = len(tables.errors)
    kpis = "".join(
        [
            _kpi(n_docs, "مستندات محللة"),
            _kpi(n_err, "ملفات تعذر تحليلها", "warn" if n_err else ""),
            _kpi(len(tables.paragraphs), "الفقرات"),
            _kpi(stats.total, "التصحيحات"),
            _kpi(stats.applied, "مطبّقة", "applied"),
            _kpi(stats.suggested, "مقترحة للمراجعة", "suggested"),
            _kpi(stats.low, f"ثقة أقل من {LOW_CONFIDENCE:.1f}", "warn" if stats.low else ""),
            _kpi(stats.reversed_numbers, "مراجع معكوسة أُصلحت"),
            _kpi(len(tables.warnings), "تحذيرات", "warn" if len(tables.warnings) else ""),
        ]
    )
    # documents table, most problems first
    doc_rows = []
    for r in per_doc.to_dict("records"):
        doc_rows.append(
            "<tr>"
            f"<td><code>{_esc(r['doc_id'])}</code></td>"
            f'<td class="num"><bdi>{_esc(_blank(r.get("resolution")))}</bdi></td>'
            f"<td>{_esc(_truncate(_blank(r.get('title')), 90))}</td>"
            f'<td class="n">{_esc(_int_or_blank(r.get("session")))}</td>'
            f'<td class="n">{r["preambular"]}</td><td class="n">{r["operative"]}</td>'
            f'<td class="n">{r["applied"]}</td><td class="n">{r["suggested"]}</td>'
            f'<td class="n">{r["low"]}</td><td class="n">{r["warnings"]}</td>'
            f'<td class="n"><b>{r["problems"]}</b></td></tr>'
        )
    docs_table = _table(
        [
            ("المستند", ""),
            ("القرار", ""),
            ("العنوان", ""),
            ("الدورة", "n"),
            ("ديباجة", "n"),
            ("منطوق", "n"),
            ("مطبّق", "n"),
            ("مقترح", "n"),
            ("ثقة منخفضة", "n"),
            ("تحذيرات", "n"),
            ("للمراجعة", "n"),
        ],
        doc_rows,
        cls="sortable docs",
        caption="مرتبة حسب عدد ما يحتاج إلى مراجعة (المقترحات + منخفضة الثقة + التحذيرات)؛ "
        "انقر على عنوان العمود للفرز.",
    )
    # most frequent corrections
    freq = _frequent_corrections(tables.corrections)
    freq_rows = [
        f'<tr><td class="t">{_visible(str(r.original), spaces=True) or "∅"}</td>'
        f'<td class="t">{_visible(str(r.replacement), spaces=True) or "∅"}</td>'
        f"<td><code>{_esc(r.rule)}</code></td><td class='n'>{r.count}</td>"
        f"<td class='n'>{r.documents}</td><td class='n'>{_conf(r.mean_confidence)}</td>"
        f"<td class='n'>{100 * r.applied_share:.0f}%</td></tr>"
        for r in freq.itertuples(index=False)
    ]
    freq_table = (
        _table(
            [
                ("الأصل", ""),
                ("التصحيح", ""),
                ("القاعدة", ""),
                ("المرات", "n"),
                ("المستندات", "n"),
                ("متوسط الثقة", "n"),
                ("نسبة التطبيق", "n"),
            ],
            freq_rows,
            cls="sortable corr-list",
        )
        if freq_rows
        else '<p class="empty">لا تصحيحات.</p>'
    )
    # failures and warnings
    err_rows = [
        "<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in row) + "</tr>"
        for row in tables.errors.astype(str).itertuples(index=False)
    ]
    errors = (
        _table([(_esc(c), "") for c in tables.errors.columns], err_rows)
        if err_rows
        else '<p class="ok">✓ حُلّلت كل الملفات.</p>'
    )
    warn = tables.warnings
    if not warn.empty:
        wk = warn.groupby("kind").agg(count=("kind", "size"), documents=("doc_id", "nunique"))
        warn_rows = [
            f"<tr><td><code>{_esc(k)}</code></td><td class='n'>{r['count']}</td>"
            f"<td class='n'>{r['documents']}</td></tr>"
            for k, r in wk.sort_values("count", ascending=False).iterrows()
        ]
        warnings = _table([("النوع", ""), ("العدد", "n"), ("المستندات", "n")], warn_rows)
    else:
        warnings = '<p class="ok">✓ لا تحذيرات.</p>'
    chart_html = _corpus_charts(tables) if with_charts else ""
    body = (
        f'<section class="card"><h2>المجاميع{_en("Totals")}</h2><div class="kpis">{kpis}</div>'
        f"{_stats_tables(stats)}</section>"
        f'<section class="card"><h2>المستندات{_en("Documents, most problems first")}</h2>'
        f"{docs_table}</section>"
        f'<section class="card"><h2>أكثر التصحيحات تكرارا{_en("Most frequent corrections")}</h2>'
        f"{freq_table}</section>"
        f'<section class="card"><h2>الإخفاقات والتحذيرات{_en("Failures and warnings")}</h2>'
        f"<h4>ملفات تعذر تحليلها</h4>{errors}<h4>التحذيرات حسب النوع</h4>{warnings}</section>"
        f'<section class="card"><h2>الموضوعات والوسوم{_en("Themes and labels")}</h2>'
        f"{chart_html}</section>"
    )
    heading = title or "تقرير المجموعة"
    return _page(
        title=heading,
        heading=heading,
        subtitle=f"{n_docs} مستند · {stats.total} تصحيح · {_esc(Path(outdir).name)}"
        + _en("Corpus report"),
        body=body,
        body_class="corpus-report",
    )


def _blank(value: object) -> str:
    """``str(value)``, with None and NaN (missing values in Parquet tables) as ""."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _int_or_blank(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    try:
        return str(int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)


def _corpus_charts(tables: BatchTables) -> str:
    par = tables.paragraphs
    parts = []
    counts = charts.theme_counts(par)
    if not counts.empty:
        parts.append(_chart_img(charts.theme_chart(counts), "الموضوعات حسب عدد الفقرات"))
    if "label" in par and par["label"].notna().any():
        parts.append(_chart_img(charts.label_chart(par), "الأفعال الاستهلالية حسب نوع الفقرة"))
    docs = tables.documents
    if not counts.empty and "session" in docs and docs["session"].notna().any():
        joined = par.merge(docs[["doc_id", "session"]], on="doc_id", how="left")
        try:
            parts.append(_chart_img(charts.theme_session_chart(joined), "الموضوعات حسب الدورة"))
        except ValueError:
            pass  # no paragraph with both a session and a theme
    if not parts:
        return '<p class="empty">لا موضوعات ولا وسوم في هذه المجموعة.</p>'
    return '<div class="charts">' + "".join(parts) + "</div>"
