"""Speed benchmark: normalize, clean, analyze against the baselines a user would pick.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_speed.py``). Every step runs in
its own fresh interpreter (``--step NAME``), on one core (``OMP_NUM_THREADS=1``), over the
development corpus, its three OCR'd tiers and the sample resolution:

- camel-tools ``simple_word_tokenize`` (the cheapest thing a user could do with the text);
- ``qararat.normalize``;
- the naive SymSpell baseline (``qararat.ocr.baseline.SymSpellBaseline``: most frequent
  suggestion for every unknown word); its index build is timed separately;
- ``qararat.clean``, ``qararat.analyze`` without OCR correction, and ``qararat.analyze``, whose
  OCR engine (``Corrector.correct``) is timed on its own to give its share;
- ``import qararat`` + first document, the OCR engine's and the clause model's load times.

Each step reads the corpus twice after loading its models on a tiny text: pass 1 is text the
process has never seen (what a new document costs), pass 2 the same text again (the steady state
of a long batch run, where the per-word caches of the corrector and the matchers are warm).
Rates are words (``\\S+``) per second of CPU time (``time.process_time``), which a machine
shared with other jobs disturbs much less than wall-clock time; wall-clock seconds are printed
too. The table is printed and written into BENCHMARKS.md between the ``speed`` markers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpora" / "dev"
SAMPLE = ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt"
OCR_DIR = ROOT / "corpora" / "ocr"
BENCH_MD = ROOT / "BENCHMARKS.md"
WARM_UP = "قرار اتخذته الجمعية العامة\nإن الجمعية العامة،\n١ - تقرر أن تبقي المسألة قيد نظرها.\n"
STEPS = ("tokenize", "normalize", "baseline", "clean", "analyze_no_ocr", "analyze")
NAMES = {
    "tokenize": "camel-tools `simple_word_tokenize`",
    "normalize": "`qararat.normalize`",
    "baseline": "naive SymSpell baseline (correct)",
    "clean": "`qararat.clean`",
    "analyze_no_ocr": "`qararat.analyze(correct=False)`",
    "analyze": "`qararat.analyze`",
}


def _paths() -> list[Path]:
    """Development texts, their OCR'd tiers and the sample: varied realistic input."""
    paths = sorted(DEV.glob("*.txt"))
    for tier in ("clean", "fax", "noisy"):
        paths += sorted((OCR_DIR / tier).glob("*.txt"))
    paths.append(SAMPLE)
    return paths


def _words(text: str) -> int:
    return len(text.split())


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _passes(fn: Callable[[str], object], docs: list[str]) -> dict[str, float]:
    """CPU and wall seconds of two passes of ``fn`` over ``docs``."""
    out: dict[str, float] = {}
    for n in (1, 2):
        w0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            fn(d)
        out[f"cpu{n}"] = time.process_time() - c0
        out[f"wall{n}"] = time.perf_counter() - w0
    return out


def run_step(step: str) -> dict[str, float]:
    """Measure one step in this (fresh) interpreter; return its numbers."""
    docs = [p.read_text(encoding="utf-8") for p in _paths()]
    result: dict[str, float] = {"words": float(sum(_words(d) for d in docs)), "docs": len(docs)}
    if step == "tokenize":
        from camel_tools.tokenizers.word import simple_word_tokenize

        fn: Callable[[str], object] = simple_word_tokenize
    elif step == "normalize":
        import qararat

        fn = qararat.normalize
    elif step == "baseline":
        from qararat.ocr.baseline import SymSpellBaseline

        c0 = time.process_time()
        spell = SymSpellBaseline.from_wordfreq()
        result["build_cpu"] = time.process_time() - c0
        result["build_words"] = spell.build_stats_.words
        fn = spell.correct
    elif step in ("clean", "analyze_no_ocr", "analyze"):
        from qararat.analysis import AnalyzeConfig, analyze, clean
        from qararat.clauses.model import get_model
        from qararat.ocr import Corrector

        c0 = time.process_time()
        get_model()  # the clause model loads on the first paragraph the rules cannot label
        result["model_load_cpu"] = time.process_time() - c0
        if step == "clean":
            fn = clean
        elif step == "analyze_no_ocr":
            config = AnalyzeConfig(correct=False)

            def fn(d: str) -> object:
                return analyze(d, config)
        else:
            fn = analyze
        fn(WARM_UP)
        ocr_cpu = [0.0]
        original = Corrector.correct

        def timed_correct(self: Corrector, text: str) -> object:
            c = time.process_time()
            try:
                return original(self, text)
            finally:
                ocr_cpu[0] += time.process_time() - c

        Corrector.correct = timed_correct  # type: ignore[method-assign]
        result.update(_passes(fn, docs))
        Corrector.correct = original  # type: ignore[method-assign]
        result["ocr_cpu_both"] = ocr_cpu[0]
        result["peak_mb"] = _peak_mb()
        return result
    else:
        raise SystemExit(f"unknown step {step!r}")
    fn(WARM_UP)
    result.update(_passes(fn, docs))
    result["peak_mb"] = _peak_mb()
    return result


def _child(args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_start() -> dict[str, float]:
    """``import qararat`` and the first analysed document, in this fresh interpreter."""
    w0 = time.perf_counter()
    import qararat

    w1 = time.perf_counter()
    qararat.analyze(SAMPLE)
    w2 = time.perf_counter()
    loaded = sorted(m for m in ("sklearn", "skops", "torch", "pandas") if m in sys.modules)
    return {"import": w1 - w0, "first": w2 - w0, "heavy_modules": " ".join(loaded) or "none"}  # type: ignore[dict-item]


def load_times() -> dict[str, float]:
    """Wall seconds to load the OCR engine, then the clause model (fresh interpreter)."""
    from qararat.ocr import Corrector

    w0 = time.perf_counter()
    Corrector.default()
    w1 = time.perf_counter()
    from qararat.clauses.model import get_model

    get_model()
    w2 = time.perf_counter()
    return {"ocr_load": w1 - w0, "model_load": w2 - w1}


def main() -> int:
    """Run every step in a child interpreter, print the table and update BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", choices=[*STEPS, "cold", "loads"])
    parser.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args()
    if args.step == "cold":
        print(json.dumps(cold_start()))
        return 0
    if args.step == "loads":
        print(json.dumps(load_times()))
        return 0
    if args.step:
        print(json.dumps(run_step(args.step)))
        return 0

    load_before = os.getloadavg()[0]
    colds = [_child(["--step", "cold"]) for _ in range(2)]
    loads = _child(["--step", "loads"])
    results = {}
    for step in STEPS:
        print(f"measuring {step} …", file=sys.stderr)
        results[step] = _child(["--step", step])
    table = _table(results, colds, loads, load_before)
    print(table)
    if not args.no_write:
        _write_section("speed", "## Speed (`benchmarks/bench_speed.py`)\n\n" + table)
    return 0


def _table(
    results: dict[str, dict[str, float]],
    colds: list[dict[str, float]],
    loads: dict[str, float],
    load_before: float,
) -> str:
    import qararat

    words = results["analyze"]["words"]
    docs = int(results["analyze"]["docs"])
    tok = results["tokenize"]
    lines = [
        f"Command: `python benchmarks/bench_speed.py`. Input: {docs} documents, {words:,.0f} "
        "words (the development corpus, its clean/fax/noisy OCR'd tiers and the sample). "
        "Each step in a fresh interpreter, one core (`OMP_NUM_THREADS=1`), models loaded "
        "before timing. Pass 1: text the process has never seen; pass 2: the same text again "
        "(warm per-word caches, the steady state of a batch). Words/s per CPU second; wall "
        f"seconds in brackets (machine shared with other jobs: load average {load_before:.1f}).",
        "",
        "| step | pass 1 words/s | pass 2 words/s | pass 1 s (wall) | vs tokenizer (pass 1) "
        "| peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for step in STEPS:
        r = results[step]
        rate1, rate2 = words / r["cpu1"], words / r["cpu2"]
        lines.append(
            f"| {NAMES[step]} | {rate1:,.0f} | {rate2:,.0f} | {r['cpu1']:.2f} ({r['wall1']:.2f}) "
            f"| {rate1 / (words / tok['cpu1']):.4f}× | {r['peak_mb']:,.0f} |"
        )
    a, base, cl = results["analyze"], results["baseline"], results["clean"]
    ocr_share = a["ocr_cpu_both"] / (a["cpu1"] + a["cpu2"])
    lines += [
        "",
        f"- Naive SymSpell baseline: index build {base['build_cpu']:.1f} s CPU over "
        f"{base['build_words']:,.0f} words (not in the rates above). `qararat.clean` runs at "
        f"{(words / cl['cpu1']) / (words / base['cpu1']):.2f}× (pass 1) and "
        f"{(words / cl['cpu2']) / (words / base['cpu2']):.2f}× (pass 2) the baseline's speed.",
        f"- Share of the OCR engine (`Corrector.correct`) in `qararat.analyze`: "
        f"{ocr_share:.0%} of CPU time over both passes; analysis without it runs at "
        f"{words / results['analyze_no_ocr']['cpu1']:,.0f} words/s on unseen text.",
        f"- `import qararat`: {colds[0]['import']:.3f} s; import + first document (the sample, "
        f"OCR engine loaded from its cache): {colds[0]['first']:.2f} s (first run) / "
        f"{colds[1]['first']:.2f} s (second run); heavy modules loaded by then: "
        f"{colds[1]['heavy_modules']}.",
        f"- Load times (wall, fresh interpreter): OCR engine {loads['ocr_load']:.2f} s; clause "
        f"fallback model (scikit-learn + skops, loaded only when a paragraph's lead is not "
        f"recognised by the rules) {loads['model_load']:.2f} s.",
        f"- Python {sys.version.split()[0]}, qararat {qararat.__version__}, "
        f"{os.cpu_count()} cores.",
    ]
    return "\n".join(lines)


def _write_section(name: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = BENCH_MD.read_text(encoding="utf-8") if BENCH_MD.exists() else "# Benchmarks\n\n"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    BENCH_MD.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
