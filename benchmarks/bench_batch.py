"""Benchmark ``qararat batch``: throughput by engine and workers, memory, resume time.

Generates corpora with ``scripts/make_bench_corpus.py`` (seeded variants of the development
texts), then runs ``python -m qararat batch`` in a subprocess for each configuration while a
sampler records the resident memory of the main process and of all its descendants (workers,
the fork server, Dask nanny and scheduler). Reports documents/s and words/s (words of cleaned
text over the whole run's wall time, worker start-up and model loading included), peak memory,
and the time of a ``--resume`` rerun; checks that every configuration run on the same corpus
wrote identical tables. Writes the table to ``BENCHMARKS.md`` between
``<!-- batch:start -->`` and ``<!-- batch:end -->``.

Usage::

    python benchmarks/bench_batch.py                 # 250 and 1000 documents, ~10 minutes
    python benchmarks/bench_batch.py --small 40 --large 80 --no-write   # smoke test
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- batch:start -->", "<!-- batch:end -->"
SAMPLE_SECONDS = 0.1


def _load_corpus_script():  # type: ignore[no-untyped-def]
    path = ROOT / "scripts" / "make_bench_corpus.py"
    spec = importlib.util.spec_from_file_location("make_bench_corpus", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Measure:
    """One batch run."""

    label: str
    docs: int
    engine: str
    jobs: int
    seconds: float
    ok: int
    failed: int
    skipped: int
    words: int
    peak_main_mb: float
    peak_total_mb: float
    peak_worker_mb: float
    status: int
    cpu_seconds: float = 0.0
    startup: float = 0.0
    processing: float = 0.0
    finishing: float = 0.0

    @property
    def docs_per_s(self) -> float:
        return (self.ok + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def steady_docs_per_s(self) -> float:
        """Documents/s between the first and the last result (start-up and tables excluded)."""
        n = self.ok + self.failed
        return (n - 1) / self.processing if self.processing > 0 and n > 1 else 0.0


class _MemorySampler(threading.Thread):
    """Peak RSS of a process and of the sum over its process tree, sampled periodically."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_main = 0
        self.peak_total = 0
        self.peak_child = 0
        self.cpu: dict[int, float] = {}  # pid -> last seen user+system seconds
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                main = self.root.memory_info().rss
                self._cpu(self.root)
                children = []
                for child in self.root.children(recursive=True):
                    try:
                        children.append(child.memory_info().rss)
                        self._cpu(child)
                    except psutil.Error:
                        continue
            except psutil.Error:
                break
            self.peak_main = max(self.peak_main, main)
            self.peak_total = max(self.peak_total, main + sum(children))
            self.peak_child = max([self.peak_child, *children])
            self.stop.wait(SAMPLE_SECONDS)

    def _cpu(self, proc: psutil.Process) -> None:
        times = proc.cpu_times()
        self.cpu[proc.pid] = times.user + times.system


def snapshot_code(work: Path) -> dict[str, str]:
    """Copy the package (and ``models/``) so every run uses the same code.

    Other people may edit the tree while the benchmark runs; comparing tables across runs only
    means something if every run imported the same code.

    Returns:
        Environment for the benchmark subprocesses (``PYTHONPATH`` on the copy).
    """
    snap = work / "snapshot"
    if snap.exists():
        shutil.rmtree(snap)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "nlp" / "qararat", snap / "nlp" / "qararat", ignore=ignore)
    if (ROOT / "models").is_dir():
        shutil.copytree(ROOT / "models", snap / "models", ignore=ignore)
    return {**os.environ, "PYTHONPATH": str(snap / "nlp")}


def run_batch_process(
    corpus: Path, outdir: Path, *, engine: str, jobs: int, label: str, docs: int,
    env: dict[str, str] | None = None,
) -> Measure:
    """Run ``python -m qararat batch`` once and measure it."""
    cmd = [sys.executable, "-m", "qararat", "batch", str(corpus), "-o", str(outdir),
           "-j", str(jobs), "--engine", engine, "-q"]
    wall_start = datetime.now(timezone.utc)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=env)
    sampler = _MemorySampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.strip()}")
    info = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    manifest = pd.read_parquet(outdir / "manifest.parquet")
    mine = pd.to_datetime(manifest.loc[manifest["run_id"] == info["run_id"], "finished_at"])
    phases = {}
    if len(mine):
        first = (mine.min() - wall_start).total_seconds()
        last = (mine.max() - wall_start).total_seconds()
        phases = {"startup": first, "processing": last - first, "finishing": seconds - last}
    mb = 1024 * 1024
    return Measure(
        label=label, docs=docs, engine=engine, jobs=jobs, seconds=seconds, ok=info["ok"],
        failed=info["failed"], skipped=info["skipped"], words=info["words"],
        peak_main_mb=sampler.peak_main / mb, peak_total_mb=sampler.peak_total / mb,
        peak_worker_mb=sampler.peak_child / mb, status=proc.returncode,
        cpu_seconds=sum(sampler.cpu.values()), **phases,
    )


def differences(a: Path, b: Path) -> list[str]:
    """Where two batch outputs differ: ``table.column (N rows)`` items and JSON file counts."""
    from qararat.batch.tables import DATA_TABLES, read_table

    found = []
    for name in DATA_TABLES:
        fa, fb = read_table(a, name), read_table(b, name)
        if list(fa.columns) != list(fb.columns) or len(fa) != len(fb):
            found.append(f"{name} (shape)")
            continue
        for col in fa.columns:
            unequal = sum(repr(x) != repr(y) for x, y in zip(fa[col], fb[col], strict=True))
            if unequal:
                found.append(f"{name}.{col} ({unequal} rows)")
    ja = sorted(p.name for p in (a / "json").iterdir())
    if ja != sorted(p.name for p in (b / "json").iterdir()):
        found.append("json (file names)")
    else:
        unequal = sum((a / "json" / n).read_bytes() != (b / "json" / n).read_bytes() for n in ja)
        if unequal:
            found.append(f"json ({unequal} files)")
    return found


def render(measures: list[Measure], *, diffs: list[str], small: int, large: int, load: float,
           corpus_words: dict[int, int], command: str) -> str:
    """The Markdown section."""
    base = next((m for m in measures if m.engine == "local" and m.jobs == 1 and m.docs == small),
                None)
    lines = [
        START,
        "## Batch",
        "",
        f"Command: `{command}`. Machine: {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GB RAM, Python {platform.python_version()}"
        f", load average before the runs {load:.1f} (the machine is shared). "
        f"Corpora: seeded variants of the development texts "
        f"(`scripts/make_bench_corpus.py`), {small} documents ({corpus_words[small]:,} words) "
        f"and {large} documents ({corpus_words[large]:,} words). Default configuration (OCR "
        "correction on). Times are wall-clock for the whole command, worker start-up and "
        "lexicon loading included, split into start-up (until the first result), analysis "
        "(first to last result) and tables (tables, statistics, report); *steady* rates are "
        "over the analysis phase only. Memory is peak resident set size sampled every 0.1 s "
        "(main process; the sum over the whole process tree; the largest single worker). "
        "*Cores busy* is the CPU time of the whole process tree over wall time: with other "
        "work on the machine, 2 workers get fewer than 2 cores. Each small-corpus "
        "configuration runs twice, interleaved, and the faster run is shown. "
        "All runs import the same frozen copy of the package.",
        "",
        "| run | docs | engine | workers | time (s) | start-up / analysis / tables (s) | docs/s "
        "| words/s | speed-up | steady docs/s | steady speed-up | cores busy | main RSS (MB) "
        "| tree RSS (MB) | largest worker (MB) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measures:
        speedup = steady = ""
        if base and m.docs == base.docs and m.skipped == 0 and m.seconds:
            speedup = f"{base.seconds / m.seconds:.2f}×"
            if base.steady_docs_per_s:
                steady = f"{m.steady_docs_per_s / base.steady_docs_per_s:.2f}×"
        phases = (f"{m.startup:.1f} / {m.processing:.1f} / {m.finishing:.1f}"
                  if m.ok + m.failed else "")
        lines.append(
            f"| {m.label} | {m.docs} | {m.engine} | {m.jobs} | {m.seconds:.1f} | {phases} | "
            f"{m.docs_per_s:.2f} | {m.words_per_s:,.0f} | {speedup} | "
            f"{m.steady_docs_per_s:.2f} | {steady} | {m.cpu_seconds / m.seconds:.2f} | "
            f"{m.peak_main_mb:.0f} | "
            f"{m.peak_total_mb:.0f} | {m.peak_worker_mb:.0f} |"
        )
    first = next((m for m in measures if m.docs == large and m.skipped == 0), None)
    resume = next((m for m in measures if m.skipped), None)
    lines.append("")
    if first and resume:
        lines.append(
            f"Resume: rerunning the {large}-document batch with nothing to do took "
            f"{resume.seconds:.1f} s, {100 * resume.seconds / first.seconds:.1f}% of the first "
            f"run ({first.seconds:.1f} s): files are hashed and compared with the manifest, "
            "tables are not rebuilt."
        )
    one = next((m for m in measures if m.docs == small and m.engine == "local" and m.jobs == 1),
               None)
    two = next((m for m in measures if m.docs == small and m.engine == "local" and m.jobs == 2),
               None)
    if one and two and one.seconds and two.seconds:
        lines.append(
            f"Parallelism: with 2 workers the process tree kept {two.cpu_seconds / two.seconds:.2f}"
            f" cores busy, with 1 worker {one.cpu_seconds / one.seconds:.2f}, and used "
            f"{two.cpu_seconds:.1f} s of CPU against {one.cpu_seconds:.1f} s; a speed-up can only "
            "come from CPU the second worker actually gets (load average before the runs "
            f"{load:.1f} on {os.cpu_count()} cores)."
        )
    if diffs:
        lines.append(
            f"Determinism: the {small}-document outputs of the engines and worker counts differ "
            f"in {', '.join(sorted(set(diffs)))}."
        )
    else:
        lines.append(
            f"Determinism: the {small}-document tables and JSON of every engine and worker "
            "count are identical."
        )
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace (or append) the batch section of ``path``."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        text = before + section.rstrip("\n") + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=250, help="documents of the small corpus")
    parser.add_argument("--large", type=int, default=1000, help="documents of the large corpus")
    parser.add_argument("--workdir", type=Path, default=None, help="keep corpora/outputs here")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the file")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="qararat-bench-batch-"))
    corpus_script = _load_corpus_script()
    env = snapshot_code(work)
    load = os.getloadavg()[0]
    corpora, words = {}, {}
    for n in sorted({args.small, args.large}):
        corpora[n] = work / f"corpus_{n}"
        if corpora[n].exists():
            shutil.rmtree(corpora[n])
        paths = corpus_script.write_corpus(corpora[n], n, seed=0)
        words[n] = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    small = [
        ("local, 1 worker", args.small, "local", 1),
        ("local, 2 workers", args.small, "local", 2),
        ("dask, 2 workers", args.small, "dask", 2),
    ]
    plan = [*small, *small, ("local, 2 workers", args.large, "local", 2),
            ("resume (nothing to do)", args.large, "local", 2)]
    best: dict[tuple[str, int], Measure] = {}
    outs: dict[str, Path] = {}
    for label, n, engine, jobs in plan:
        out = work / f"out_{n}_{engine}_{jobs}"
        if not label.startswith("resume") and out.exists():
            shutil.rmtree(out)
        m = run_batch_process(corpora[n], out, engine=engine, jobs=jobs, label=label, docs=n,
                              env=env)
        key = (label, n)
        if key not in best or m.seconds < best[key].seconds:
            best[key] = m
        if n == args.small:
            outs[label] = out
        print(f"{label:24} {n:5d} docs {m.seconds:7.1f}s cpu {m.cpu_seconds:6.1f}s "
              f"{m.docs_per_s:6.2f} docs/s {m.words_per_s:8.0f} words/s "
              f"main {m.peak_main_mb:5.0f} MB "
              f"tree {m.peak_total_mb:6.0f} MB ok={m.ok} failed={m.failed} skipped={m.skipped}",
              flush=True)
    measures = list(best.values())
    first_out, *other_outs = outs.values()
    diffs = [d for o in other_outs for d in differences(first_out, o)]
    command = "python benchmarks/bench_batch.py" + (
        f" --small {args.small} --large {args.large}" if (args.small, args.large) != (250, 1000)
        else "")
    section = render(measures, diffs=diffs, load=load, small=args.small, large=args.large,
                     corpus_words=words, command=command)
    print(section)
    if not args.no_write:
        write_section(args.output, section)
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
