"""Machine instructions that ``qararat.analyze`` spends per word: a speed measure that does not
drift with the load of a shared machine.

Run with ``python benchmarks/bench_instructions.py`` (needs ``valgrind``; about 3 minutes). It
runs the same first pass as ``bench_speed.py --step analyze`` (93 documents, text the process
has never seen) under Valgrind's callgrind tool, with counting switched on only around that
loop (``callgrind_control -i on/off``), so imports, model loading and the warm-up are not
counted. Wall-clock rates on the shared machine moved by 10-25% from one day to the next;
instruction counts of the same code agree to 0.1%, so two versions of the code can be compared
on any day (``--root`` points at another checkout). They are not a rate: memory stalls do not
show in them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(root: Path) -> None:
    """The measured process: load, warm up, then the first pass with counting on."""
    sys.path[:0] = [str(root / "nlp"), str(root / "benchmarks")]
    import bench_speed  # type: ignore[import-not-found]

    from qararat.analysis import analyze
    from qararat.clauses.model import get_model

    docs = [p.read_text(encoding="utf-8") for p in bench_speed._paths()]
    get_model()
    analyze(bench_speed.WARM_UP)
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], capture_output=True, check=False)
    for doc in docs:
        analyze(doc)
    subprocess.run(["callgrind_control", "-i", "off", pid], capture_output=True, check=False)
    print(sum(len(d.split()) for d in docs))


def main() -> int:
    """Run the child under callgrind and print instructions in all and per word."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.root.resolve())
        return 0
    if not shutil.which("valgrind"):
        print("bench_instructions: valgrind is not installed", file=sys.stderr)
        return 2
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            "--root",
            str(args.root),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        print("bench_instructions: no instruction count in valgrind's output", file=sys.stderr)
        return 2
    instructions = int(found.group(1))
    words = int(out.stdout.strip().splitlines()[-1])
    print(
        f"analyze, first pass: {instructions:,} instructions for {words:,} words, "
        f"{instructions / words:,.0f} per word ({args.root})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
