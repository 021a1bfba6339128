"""``qararat stats``: theme statistics (and optional topics) for resolutions.

::

    qararat stats A_RES_76_186.txt                       # every table, aligned text
    qararat stats a.txt b.txt --table document_themes --format csv -o themes.csv
    qararat stats batch_out/ --format json               # a ``qararat batch`` output folder
    qararat stats a.txt --topics 6 --table topic_terms   # NMF topics over the paragraphs

Text files are analysed with :func:`qararat.analysis.analyze`; a directory is read as a batch
output (``paragraphs.parquet`` and ``documents.parquet``). User errors print one line on
stderr and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_USAGE = 2
TOPIC_TABLES = ("topic_terms", "topic_summary", "topic_assignments")


def register(subparsers: Any) -> None:
    """Add the ``stats`` subcommand to ``qararat``'s subparsers."""
    from qararat.themes.stats import TABLES

    p = subparsers.add_parser(
        "stats",
        help="theme statistics: per document, paragraph kind, label strength, co-occurrence",
        description="Theme statistics as tidy tables (and NMF topics with --topics K).",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="resolution text files (- for stdin), or a `qararat batch` output directory",
    )
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument(
        "--table",
        metavar="NAME",
        choices=[*TABLES, *TOPIC_TABLES],
        help="print only this table: " + ", ".join([*TABLES, *TOPIC_TABLES]),
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument("--topics", type=int, metavar="K", help="also fit K NMF topics")
    p.add_argument("--seed", type=int, default=0, help="random seed of the topic model")
    p.add_argument("--top-terms", type=int, default=10, metavar="N", help="terms per topic")
    p.add_argument("--no-correct", action="store_true", help="skip OCR correction")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``qararat stats``; returns the exit status."""
    from qararat.io import InputError

    try:
        tables = compute_tables(args)
        if args.table is not None:
            if args.table not in tables:
                raise ValueError(f"table {args.table} needs --topics K")
            tables = {args.table: tables[args.table]}
        text = render(tables, args.format)
        if args.output and args.output != "-":
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    except (InputError, OSError, ValueError) as exc:
        _error(_one_line(exc))
        return EXIT_USAGE
    return EXIT_OK


def compute_tables(args: argparse.Namespace) -> dict[str, Any]:
    """Read or analyse the inputs and compute every requested table."""
    import pandas as pd

    from qararat.themes.stats import documents_frame, paragraphs_frame, theme_stats

    if args.topics is not None and args.topics < 1:
        raise ValueError("--topics must be at least 1")
    para_frames = []
    doc_frames = []
    for name in args.files:
        path = Path(name)
        if name != "-" and path.is_dir():
            paragraphs, documents = read_batch_dir(path)
        else:
            resolution = analyze_file(name, correct=not args.no_correct)
            paragraphs = paragraphs_frame([resolution])
            documents = documents_frame([resolution])
        para_frames.append(paragraphs)
        doc_frames.append(documents)
    paragraphs = pd.concat(para_frames, ignore_index=True)
    documents = pd.concat([d for d in doc_frames if d is not None], ignore_index=True)
    tables: dict[str, Any] = dict(theme_stats(paragraphs, documents))
    if args.topics is not None:
        from qararat.themes.topics import discover_topics

        tables.update(
            discover_topics(paragraphs, args.topics, seed=args.seed, top_n=args.top_terms)
        )
    return tables


def analyze_file(name: str, *, correct: bool = True) -> Any:
    """Analyse one text file (``-`` for stdin) with the full pipeline."""
    from qararat.analysis import AnalyzeConfig, analyze
    from qararat.io import read_document

    document = read_document(name)  # raises InputError (one line) for missing/undecodable
    return analyze(document, AnalyzeConfig(correct=correct))


def read_batch_dir(path: Path) -> tuple[Any, Any]:
    """``paragraphs`` and ``documents`` tables of a ``qararat batch`` output directory."""
    import pandas as pd

    paragraphs_path = path / "paragraphs.parquet"
    if not paragraphs_path.is_file():
        raise ValueError(f"{path}: not a batch output directory (no paragraphs.parquet)")
    paragraphs = pd.read_parquet(paragraphs_path)
    documents_path = path / "documents.parquet"
    documents = pd.read_parquet(documents_path) if documents_path.is_file() else None
    return paragraphs, documents


def render(tables: dict[str, Any], fmt: str) -> str:
    """Format tables as aligned text, CSV (``# name`` before each of several) or JSON."""
    if fmt == "json":
        payload = {
            name: json.loads(frame.to_json(orient="records", force_ascii=False))
            for name, frame in tables.items()
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    parts = []
    single = len(tables) == 1
    for name, frame in tables.items():
        if fmt == "csv":
            body = frame.to_csv(index=False)
            parts.append(body if single else f"# {name}\n{body}")
        else:
            body = "(empty)\n" if frame.empty else frame.to_string(index=False) + "\n"
            parts.append(body if single else f"== {name} ==\n{body}")
    return "\n".join(parts)


def _one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def _error(message: str) -> None:
    sys.stderr.write(f"qararat stats: {message}\n")
