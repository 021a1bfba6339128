"""What can two cores give? The same analysis run once alone, then twice side by side.

Each process analyses every OCR'd development document (after one warm-up document). If two
processes side by side take the time of one alone, the machine itself scales linearly and any
shortfall of ``qararat batch`` comes from the batch run, not the hardware. Run:
``python benchmarks/bench_parallel_ceiling.py`` (part of ``make bench``); writes its table into
BENCHMARKS.md between the ``parallel`` markers.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_MD = ROOT / "BENCHMARKS.md"
WORKER = """
import glob, time
from qararat.analysis import analyze
docs = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("corpora/ocr/*/*.txt"))]
analyze(docs[0])
t0, c0 = time.perf_counter(), time.process_time()
for d in docs:
    analyze(d)
print(time.perf_counter() - t0, time.process_time() - c0)
"""


def _run(n: int) -> list[tuple[float, float]]:
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, stdout=subprocess.PIPE,
                         text=True)
        for _ in range(n)
    ]
    out = []
    for p in procs:
        wall, cpu = p.communicate()[0].split()
        out.append((float(wall), float(cpu)))
    return out


def main() -> int:
    """Print and record the table."""
    alone = _run(1)[0]
    pair = _run(2)
    docs = len(list((ROOT / "corpora" / "ocr").glob("*/*.txt")))
    worst = max(w for w, _ in pair)
    lines = [
        f"{docs} OCR'd documents analysed per process (after a warm-up document).",
        "",
        "| run | wall s | CPU s |",
        "|---|---:|---:|",
        f"| one process alone | {alone[0]:.2f} | {alone[1]:.2f} |",
        *(f"| two side by side, process {i + 1} | {w:.2f} | {c:.2f} |"
          for i, (w, c) in enumerate(pair)),
        "",
        f"Throughput of two processes against one: {2 * alone[0] / worst:.2f}×.",
    ]
    table = "\n".join(lines)
    print(table)
    start, end = "<!-- parallel:start -->", "<!-- parallel:end -->"
    title = "## Two cores, no batch machinery (`benchmarks/bench_parallel_ceiling.py`)"
    body = f"{start}\n{title}\n\n{table}\n{end}"
    text = BENCH_MD.read_text(encoding="utf-8") if BENCH_MD.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[: text.index(start)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    BENCH_MD.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
