"""Time the structure parser: ``python -m qararat.structure.bench FILE... [--repeat N]``.

Prints, for the given files taken together, the words per second of
:func:`~qararat.structure.references.reversed_number_corrections` and of
:func:`~qararat.structure.parse` (on the repaired text), single-threaded.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from qararat.spans import apply_corrections
from qararat.structure.parser import parse
from qararat.structure.references import reversed_number_corrections


def _rate(fn: Callable[[str], object], texts: Sequence[str], words: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return words / best if best > 0 else float("inf")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    ap = argparse.ArgumentParser(prog="python -m qararat.structure.bench", description=__doc__)
    ap.add_argument("files", nargs="+", type=Path, help="UTF-8 text files of resolutions")
    ap.add_argument("--repeat", type=int, default=5, help="runs; the best one counts")
    args = ap.parse_args(argv)
    try:
        texts = [p.read_text(encoding="utf-8") for p in args.files]
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    words = sum(len(t.split()) for t in texts)
    repaired = [apply_corrections(t, reversed_number_corrections(t))[0] for t in texts]
    rev = _rate(reversed_number_corrections, texts, words, args.repeat)
    par = _rate(parse, repaired, words, args.repeat)
    print(f"documents: {len(texts)}  words: {words}")
    print(f"reversed_number_corrections: {rev:,.0f} words/s")
    print(f"parse: {par:,.0f} words/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
