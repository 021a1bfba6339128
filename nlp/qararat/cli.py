"""The ``qararat`` command.

``qararat analyze``, ``qararat clean`` live here; ``stats``, ``batch`` and ``report`` are
registered by their packages (``register(subparsers)`` + ``run(args)``). User errors print one
line on stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from qararat import __version__

#: Modules that add a subcommand with ``register(subparsers)``.
PLUGIN_COMMANDS = ("qararat.themes.cli", "qararat.batch.cli", "qararat.report.cli")

#: ``qararat compare`` warns when fewer of the paragraphs than this share were paired.
_FEW_SHARED = 0.2

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-correct", action="store_true", help="skip OCR correction")
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="minimum confidence to apply an OCR correction (default: the engine's)",
    )
    p.add_argument(
        "--corpus-ngrams",
        metavar="FILE",
        help="corpus word counts to adapt OCR correction to (written by 'qararat batch --adapt')",
    )


def config_from_args(args: argparse.Namespace) -> object:
    """Build an :class:`~qararat.analysis.AnalyzeConfig` from common CLI options."""
    from qararat.analysis import AnalyzeConfig

    threshold = getattr(args, "threshold", None)
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise ValueError("--threshold must be between 0 and 1")
    ngrams = getattr(args, "corpus_ngrams", None)
    if ngrams is not None and not Path(ngrams).is_file():
        raise ValueError(f"{ngrams}: no such file (--corpus-ngrams)")
    return AnalyzeConfig(
        correct=not getattr(args, "no_correct", False), threshold=threshold, corpus_ngrams=ngrams
    )


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, plugins included."""
    parser = _Parser(
        prog="qararat",
        description="Arabic UN resolutions: OCR cleanup, structure, clauses, themes.",
    )
    parser.add_argument("--version", action="version", version=f"qararat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", help="parse resolutions into structured data")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files, or - for stdin")
    p.add_argument("--format", choices=["json", "table", "summary"], default="json")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    _add_analysis_options(p)
    p.set_defaults(func=run_analyze)

    p = sub.add_parser("clean", help="apply OCR corrections in place (same lines, same order)")
    p.add_argument("file", metavar="FILE", help="text file, or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument(
        "--corrections",
        metavar="JSON",
        help="also write the corrections (spans on the input) to this JSON file",
    )
    _add_analysis_options(p)
    p.set_defaults(func=run_clean)

    p = sub.add_parser(
        "compare",
        help="compare two versions of a resolution: paragraphs kept, revised, added, removed",
    )
    p.add_argument(
        "old", metavar="OLD", help="the earlier version (text, .docx, or an analysis .json)"
    )
    p.add_argument("new", metavar="NEW", help="the later version")
    p.add_argument(
        "--format", choices=["summary", "table", "csv", "json", "html"], default="summary"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument(
        "--min-similarity", type=float, default=0.5, metavar="S",
        help="least word similarity for two paragraphs in order to be one paragraph (0.5)",
    )
    _add_analysis_options(p)
    p.set_defaults(func=run_compare)

    for module in PLUGIN_COMMANDS:
        importlib.import_module(module).register(sub)
    return parser


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _error(message: str) -> None:
    sys.stderr.write(f"qararat: {message}\n")


def run_analyze(args: argparse.Namespace) -> int:
    """``qararat analyze``: one JSON object per file (a list for several), or tables."""
    from qararat.analysis import analyze
    from qararat.io import InputError, read_document

    config = config_from_args(args)
    results = []
    status = EXIT_OK
    for name in args.files:
        try:
            results.append(analyze(read_document(name), config))  # type: ignore[arg-type]
        except InputError as exc:
            _error(str(exc))
            status = EXIT_USAGE
    if not results:
        return status
    if args.format == "json":
        data = [r.to_dict() for r in results]
        payload = data[0] if len(args.files) == 1 else data
        out = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "summary":
        out = "".join(_summary_text(r) for r in results)
    else:
        out = "".join(_table_text(r) for r in results)
    _write(out, args.output)
    return status


def run_compare(args: argparse.Namespace) -> int:
    """``qararat compare OLD NEW``: what changed between two versions of a resolution."""
    from qararat.analysis import analyze
    from qararat.comparison import compare
    from qararat.io import InputError, read_document

    if not 0.0 < args.min_similarity <= 1.0:
        raise ValueError("--min-similarity must be in (0, 1]")
    config = config_from_args(args)
    versions = []
    status = EXIT_OK
    for name in (args.old, args.new):
        try:
            if name.lower().endswith(".json"):
                versions.append(_analysis_json(name))
            else:
                versions.append(analyze(read_document(name), config))  # type: ignore[arg-type]
        except InputError as exc:
            _error(str(exc))
            status = EXIT_USAGE
    if status != EXIT_OK:
        return status
    result = compare(versions[0], versions[1], min_similarity=args.min_similarity)
    if result.shared < _FEW_SHARED:
        _error(
            f"warning: {args.old} and {args.new} share only {result.shared:.0%} of their "
            "paragraphs; are they versions of the same resolution?"
        )
    if args.format == "json":
        out = result.to_json() + "\n"
    elif args.format == "html":
        out = result.to_html()
    elif args.format == "csv":
        frame = result.to_frame()
        frame["diff"] = [
            " ".join(f"{op}[{text}]" if op != "=" else text for op, text in c.diff)
            for c in result.changes
        ]
        out = frame.to_csv(index=False)
    elif args.format == "table":
        out = result.to_frame().drop(columns=["old_text", "new_text"]).to_string(index=False)
        out += "\n"
    else:
        out = _comparison_text(result)
    _write(out, args.output)
    return EXIT_OK


def _analysis_json(name: str) -> object:
    """A resolution from an analysis already written as JSON (``analyze --format json`` or a
    batch's ``json/`` folder), so versions in a finished corpus need no second analysis."""
    from qararat.io import InputError
    from qararat.model import Resolution

    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        return Resolution.from_dict(data)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not JSON ({exc.msg} at line {exc.lineno})") from None
    except ValueError as exc:
        raise InputError(name, str(exc)) from None


def _comparison_text(result: object) -> str:
    from qararat.comparison import Comparison

    assert isinstance(result, Comparison)
    s = result.summary()
    old, new = s["old"], s["new"]
    lines = [
        f"{old['doc_id']} ({old['resolution'] or '?'}) -> {new['doc_id']} "
        f"({new['resolution'] or '?'})"
    ]
    for group, counts in s["paragraphs"].items():
        parts = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        lines.append(f"  {group}: {parts}")
    for r in s["relabelled"]:
        arrow = {1: " (stronger)", -1: " (weaker)"}.get(r["strength_change"], "")
        lines.append(
            f"  {r['group']} {r['old_number'] or ''}->{r['new_number'] or ''}: "
            f"{r['old_label']} -> {r['new_label']}{arrow}"
        )
    for key in ("addressees", "themes", "references"):
        change = s[key]
        if change["added"] or change["removed"]:
            lines.append(
                f"  {key}: added {', '.join(change['added']) or 'none'}; "
                f"removed {', '.join(change['removed']) or 'none'}"
            )
    return "\n".join(lines) + "\n"


def _summary_text(res: object) -> str:
    from qararat.model import Resolution

    assert isinstance(res, Resolution)
    s = res.summary()
    h = res.header
    lines = [
        f"{res.source}: {h.body or '?'} resolution {h.resolution or '?'}"
        f" adopted {h.adopted or '?'} — {h.title or ''}".rstrip(" —"),
        f"  paragraphs: {s['preambular']} preambular, {s['operative']} operative, "
        f"{s['subparagraphs']} sub-paragraphs"
        + (f", {s['annex']} in annexes" if s["annex"] else "")
        + f"; footnotes: {s['footnotes']}; "
        f"references: {s['references']}",
        f"  corrections: {s['corrections_applied']} applied, "
        f"{s['corrections_suggested']} suggested; warnings: {s['warnings']}",
    ]
    lines += [f"  warning [{w.kind}]: {w.message}" for w in res.warnings]
    return "\n".join(lines) + "\n"


def _table_text(res: object) -> str:
    import pandas as pd

    from qararat.model import Resolution

    assert isinstance(res, Resolution)
    frame = res.to_frame()
    cols = ["paragraph_index", "kind", "number", "label", "label_source", "lead", "addressees",
            "themes"]
    with pd.option_context("display.width", 200, "display.max_rows", None,
                           "display.max_colwidth", 40):
        table = frame[cols].to_string(index=False)
    return _summary_text(res) + table + "\n"


def run_clean(args: argparse.Namespace) -> int:
    """``qararat clean``: the input with corrections applied in place."""
    from dataclasses import asdict

    from qararat.analysis import find_corrections
    from qararat.io import InputError, read_document
    from qararat.spans import apply_corrections

    try:
        doc = read_document(args.file)
    except InputError as exc:
        _error(str(exc))
        return EXIT_USAGE
    corrections = find_corrections(doc.text, config_from_args(args))  # type: ignore[arg-type]
    cleaned, _ = apply_corrections(doc.text, corrections)
    _write(cleaned, args.output)
    if args.corrections:
        data = [asdict(c) for c in corrections]
        Path(args.corrections).write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    applied = sum(c.applied for c in corrections)
    sys.stderr.write(
        f"qararat: {doc.source}: {applied} corrections applied, "
        f"{len(corrections) - applied} suggested\n"
    )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from qararat.errors import ModelLoadError

    try:
        return int(args.func(args))
    except ModelLoadError as exc:
        _error(str(exc).splitlines()[0])
        return EXIT_SOME_FAILED
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        _error(f"{getattr(exc, 'filename', None) or ''}: {exc.strerror or exc}".lstrip(": "))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
