"""HTML reports of OCR cleanup and structure, and the charts in them.

* :func:`render_document_report` — analysed resolutions → one self-contained HTML page.
* :func:`render_corpus_report` — a ``qararat batch`` output folder → one HTML page.
* :mod:`qararat.report.charts` — theme and label charts (PNG bytes or SVG text).
* ``qararat report`` — the command (:mod:`qararat.report.cli`).
"""

from qararat.report.corpus import BatchDirError, BatchTables, load_batch
from qararat.report.html import (
    correction_stats,
    highlight_corrections,
    render_corpus_report,
    render_document_report,
)

__all__ = [
    "BatchDirError",
    "BatchTables",
    "correction_stats",
    "highlight_corrections",
    "load_batch",
    "render_corpus_report",
    "render_document_report",
]
