"""``qararat batch``: analyse a corpus in parallel into Parquet tables, JSON and a report.

Exit status: 0 when every document succeeded, 1 when some failed (see the ``errors`` table),
2 for unusable arguments (one line on stderr), 130 when interrupted (rerun to resume).
"""

from __future__ import annotations

import argparse
import sys

from qararat.batch.engine import ENGINES, EXIT_USAGE, BatchUsageError, run_batch

EXIT_INTERRUPTED = 130


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``batch`` subcommand to the ``qararat`` parser."""
    p = subparsers.add_parser(
        "batch",
        help="analyse a corpus in parallel into Parquet tables (resumable)",
        description=(
            "Analyse every document under INPUT (files, directories searched recursively, or "
            "glob patterns) into OUTDIR: Parquet tables, one JSON per document, a manifest, "
            "corpus statistics and an HTML report. Rerunning resumes: documents already done "
            "with the same content and configuration are skipped."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory or glob pattern")
    p.add_argument("-o", "--outdir", required=True, metavar="OUTDIR", help="output directory")
    p.add_argument(
        "-j", "--jobs", type=int, default=None, metavar="N",
        help="worker processes (default: all cores)",
    )
    p.add_argument("--engine", choices=ENGINES, default=None, help="local (default) or dask")
    p.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler address (implies --engine dask); default: a local cluster",
    )
    p.add_argument(
        "--glob", default="*.txt", metavar="PATTERN",
        help="file-name pattern inside directories, several separated by commas "
        "(default: *.txt; Word files: '*.txt,*.docx')",
    )
    p.add_argument(
        "--resume", action=argparse.BooleanOptionalAction, default=True,
        help="skip documents already done with the same content and configuration "
        "(default: on)",
    )
    p.add_argument("--no-correct", action="store_true", help="skip OCR correction")
    p.add_argument(
        "--threshold", type=float, default=None,
        help="minimum confidence to apply an OCR correction (default: the engine's)",
    )
    p.add_argument(
        "--adapt", action="store_true",
        help="count the corpus's words and word pairs first and let OCR correction use them",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def _stderr(message: str) -> None:
    sys.stderr.write(f"qararat batch: {message}\n")


def run(args: argparse.Namespace) -> int:
    """Run ``qararat batch`` with parsed arguments; returns the exit status."""
    from qararat.cli import config_from_args

    engine = args.engine or ("dask" if args.scheduler else "local")
    try:
        config = config_from_args(args)
    except ValueError as exc:
        _stderr(f"error: {exc}")
        return EXIT_USAGE
    quiet = args.quiet
    try:
        result = run_batch(
            args.inputs,
            args.outdir,
            jobs=args.jobs,
            engine=engine,
            scheduler=args.scheduler,
            resume=args.resume,
            config=config,
            pattern=args.glob,
            progress=not quiet and sys.stderr.isatty(),
            log=_stderr,
            adapt=args.adapt,
        )
    except BatchUsageError as exc:
        _stderr(f"error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _stderr("interrupted; finished documents are kept, rerun the same command to resume")
        return EXIT_INTERRUPTED
    if result.failed:
        _stderr(f"{result.failed} documents failed; see {args.outdir}/errors.parquet")
    if not quiet:
        print(result.summary_line())
    return result.exit_status
