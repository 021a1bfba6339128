"""``qararat report``: HTML reports for documents or a batch output folder, and a review CSV.

Examples::

    qararat report corpora/A_RES_76_186_ar_ocr.txt -o report.html
    qararat report a.txt b.txt -o report.html --csv corrections.csv
    qararat report out/ -o corpus.html          # a folder written by ``qararat batch``
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

#: Columns of the review CSV, in order.
CSV_COLUMNS = [
    "doc",
    "offset",
    "end",
    "original",
    "replacement",
    "rule",
    "confidence",
    "applied",
    "confusion",
    "alternatives",
]


class ReportError(Exception):
    """A user error of ``qararat report`` (reported as one line, exit status 2)."""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``report`` command to the ``qararat`` command line."""
    p = subparsers.add_parser(
        "report",
        help="HTML report of OCR cleanup for documents or a batch output folder",
        description=(
            "Write one self-contained HTML report (right-to-left, no network requests). "
            "Given text files, analyse them and show each one's corrections in place, its "
            "structure and themes. Given a folder written by 'qararat batch', write the corpus "
            "report: totals, documents with the most problems first, frequent corrections."
        ),
    )
    p.add_argument(
        "inputs", nargs="+", metavar="FILE|OUTDIR", help="text files, or one batch folder"
    )
    p.add_argument("-o", "--output", default="-", help="HTML file to write (default: stdout)")
    p.add_argument(
        "--csv",
        metavar="FILE",
        help="also export the corrections for review as CSV (UTF-8 with BOM, opens in Excel)",
    )
    p.add_argument("--title", help="page title")
    p.add_argument("--no-charts", action="store_true", help="leave out the matplotlib charts")
    p.add_argument(
        "--threshold",
        type=float,
        help="minimum confidence for an OCR correction to be applied (files only)",
    )
    p.set_defaults(func=run)


def _correction_records_from_resolutions(resolutions: Iterable[object]) -> Iterator[dict]:
    for res in resolutions:
        for c in res.corrections:  # type: ignore[attr-defined]
            yield {
                "doc": res.doc_id,  # type: ignore[attr-defined]
                "offset": c.start,
                "end": c.end,
                "original": c.original,
                "replacement": c.replacement,
                "rule": c.rule,
                "confidence": round(float(c.confidence), 4),
                "applied": bool(c.applied),
                "confusion": c.confusion or "",
                "alternatives": " | ".join(c.alternatives),
            }


def _correction_records_from_table(frame: pd.DataFrame) -> Iterator[dict]:
    for r in frame.to_dict("records"):
        alts = r.get("alternatives")
        if alts is None or isinstance(alts, float):
            alts = []
        elif isinstance(alts, str):
            alts = [alts]
        confusion = r.get("confusion")
        yield {
            "doc": r.get("doc_id", ""),
            "offset": r.get("start", ""),
            "end": r.get("end", ""),
            "original": r.get("original", ""),
            "replacement": r.get("replacement", ""),
            "rule": r.get("rule", ""),
            "confidence": round(float(r.get("confidence") or 0.0), 4),
            "applied": bool(r.get("applied", True)),
            "confusion": "" if confusion is None or isinstance(confusion, float) else confusion,
            "alternatives": " | ".join(str(a) for a in alts),
        }


def corrections_csv(records: Iterable[dict]) -> str:
    """Return review-CSV text (header row + one row per correction) for correction records."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerow(rec)
    return buf.getvalue()


def _write(path: str, text: str, *, bom: bool = False) -> None:
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(path).write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    except OSError as exc:
        raise ReportError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _build(args: argparse.Namespace) -> tuple[str, str | None]:
    from qararat.report.corpus import BatchDirError, load_batch
    from qararat.report.html import render_corpus_report, render_document_report

    inputs = [Path(p) for p in args.inputs]
    folders = [p for p in inputs if p.is_dir()]
    if folders:
        if len(inputs) > 1:
            raise ReportError("give either text files or one batch output folder, not both")
        try:
            page = render_corpus_report(
                folders[0], title=args.title, with_charts=not args.no_charts
            )
            table = load_batch(folders[0]).corrections if args.csv else None
        except BatchDirError as exc:
            raise ReportError(str(exc)) from exc
        rows = corrections_csv(_correction_records_from_table(table)) if table is not None else None
        return page, rows

    from qararat.analysis import analyze
    from qararat.io import InputError

    options = {} if args.threshold is None else {"threshold": args.threshold}
    resolutions = []
    for path in args.inputs:
        try:
            resolutions.append(analyze(Path(path) if path != "-" else "-", **options))
        except InputError as exc:
            raise ReportError(str(exc)) from exc
    page = render_document_report(resolutions, title=args.title, with_charts=not args.no_charts)
    rows = corrections_csv(_correction_records_from_resolutions(resolutions)) if args.csv else None
    return page, rows


def run(args: argparse.Namespace) -> int:
    """Run ``qararat report``; user errors give one line on stderr and exit status 2."""
    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        print("qararat report: --threshold must be between 0 and 1", file=sys.stderr)
        return 2
    try:
        page, rows = _build(args)
        if rows is not None:
            _write(args.csv, rows, bom=True)
        _write(args.output, page)
    except ReportError as exc:
        print(f"qararat report: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``report`` alone (``python -m qararat.report.cli``); the same as ``qararat report``."""
    parser = argparse.ArgumentParser(prog="qararat")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
