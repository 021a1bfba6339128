"""Speed of theme tagging, entity finding and theme statistics (one core).

Run with ``.venv/bin/python benchmarks/bench_themes.py``. Input: the paragraphs (blank-line
separated blocks) of every text in ``corpora/dev`` plus the sample, repeated until at least
``--words`` running words. Reports words/s of ``qararat.themes.tag_themes`` with a cold token
cache (first pass, fresh tagger) and warm (later passes), of
``qararat.pipeline.components.find_entities``, and the time of ``theme_stats`` on the tagged
paragraphs. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import pandas as pd

from qararat.pipeline.components import find_entities
from qararat.themes.matcher import tokenize
from qararat.themes.stats import theme_stats
from qararat.themes.tagger import ThemeTagger

ROOT = Path(__file__).resolve().parent.parent
_RE_BLOCK = re.compile(r"\n\s*\n")


def _paragraphs() -> list[str]:
    paths = sorted((ROOT / "corpora" / "dev").glob("**/*.txt"))
    paths.append(ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt")
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        out.extend(b.strip() for b in _RE_BLOCK.split(text) if b.strip())
    return out


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=200_000, help="minimum words timed")
    args = parser.parse_args()

    base = _paragraphs()
    base_words = sum(len(tokenize(p)) for p in base)
    repeat = max(1, -(-args.words // base_words))
    paragraphs = base * repeat
    words = base_words * repeat

    tagger = ThemeTagger()
    start = time.perf_counter()
    tags = [tagger.tag(p) for p in base]
    cold = time.perf_counter() - start

    start = time.perf_counter()
    for p in paragraphs:
        tagger.tag(p)
    warm = time.perf_counter() - start

    start = time.perf_counter()
    for p in paragraphs:
        find_entities(p)
    ents = time.perf_counter() - start

    frame = pd.DataFrame(
        {
            "doc_id": [f"d{i // 40}" for i in range(len(base))],
            "paragraph_index": range(len(base)),
            "kind": "operative",
            "label": "urge",
            "themes": tags,
        }
    )
    start = time.perf_counter()
    theme_stats(frame)
    stats = time.perf_counter() - start

    print(f"input: {len(base)} paragraphs, {base_words} words (x{repeat} for warm timings)\n")
    print("| step | words | seconds | words/s |")
    print("|---|---:|---:|---:|")
    print(f"| tag_themes, cold cache | {base_words} | {cold:.3f} | {base_words / cold:,.0f} |")
    print(f"| tag_themes, warm cache | {words} | {warm:.3f} | {words / warm:,.0f} |")
    print(f"| find_entities | {words} | {ents:.3f} | {words / ents:,.0f} |")
    print(f"| theme_stats ({len(base)} paragraphs) | {base_words} | {stats:.3f} | — |")


if __name__ == "__main__":
    main()
