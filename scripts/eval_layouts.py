"""Does a resolution parse the same whatever its line layout? ``python scripts/eval_layouts.py``

Text reaches qararat laid out in several ways: one paragraph per line with blank lines between
them (our corpora, Word, most OCR engines), hard-wrapped at a fixed width as ``pdftotext`` and
some OCR engines write it, with or without blank lines between paragraphs, with page furniture
(page numbers, job numbers) between the pages, or on one line (a spreadsheet cell, a web
page's text). This script lays each text of a set out in those ways and parses every version.
The reference is the parse of the text as written (one paragraph per line): a document counts
as *same* when its paragraphs (kind, number, sub-paragraph letter and words) are identical, and
*paragraphs* counts reference paragraphs found unchanged in an order-preserving alignment;
*headers* counts documents whose header (session, agenda item, dates, symbols, title) is the
same.

The development sets (``corpora/dev``, ``corpora/context``) are where the layout rules were
worked out; the fresh sets (``corpora/unseen*``, ``corpora/formats``) only measure them.

    python scripts/eval_layouts.py [--sets dev,context] [--width 90] [--show N]
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from qararat.structure import parse

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
DEVELOPMENT = ("dev", "context")
FRESH = tuple(["unseen", *(f"unseen{k}" for k in range(2, 9)), "formats"])


def _wrapped(text: str, width: int, *, blank: bool) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            if blank and out and out[-1]:
                out.append("")
            continue
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return out


def wrap_blank(text: str, width: int, seed: int) -> str:
    """Hard-wrapped at ``width`` characters, blank lines kept."""
    return "\n".join(_wrapped(text, width, blank=True))


def wrap_tight(text: str, width: int, seed: int) -> str:
    """Hard-wrapped at ``width`` characters, no blank lines at all."""
    return "\n".join(_wrapped(text, width, blank=False))


def wrap_pages(text: str, width: int, seed: int) -> str:
    """Hard-wrapped, no blank lines, cut into pages of 30–40 lines with a job number and a page
    number between them, as ``pdftotext`` leaves a UN document's page furniture."""
    rng = random.Random(seed)
    lines = _wrapped(text, width, blank=False)
    job = f"{rng.randint(20, 25)}-{rng.randint(10000, 29999)}"
    pages = 1 + len(lines) // 35
    out: list[str] = []
    page = 1
    while lines:
        size = rng.randint(30, 40)
        out.extend(lines[:size])
        lines = lines[size:]
        if lines:
            out.extend([f"{page}/{pages}", job])
            page += 1
    return "\n".join(out)


def one_line(text: str, width: int, seed: int) -> str:
    """The whole document on one line (a spreadsheet cell, a JSON field, text copied from a
    web page): every line break a space. ``width`` is not used."""
    return " ".join(text.split())


LAYOUTS: dict[str, Callable[[str, int, int], str]] = {
    "wrapped, blank lines": wrap_blank,
    "wrapped, no blank lines": wrap_tight,
    "wrapped, pages": wrap_pages,
    "one line": one_line,
}


def _rows(text: str) -> list[tuple[str, str, str]]:
    return [(p.kind, p.number or "", " ".join(p.text.split())) for p in parse(text).paragraphs]


def texts_of(sets: list[str]) -> list[Path]:
    """The ``*.txt`` documents of the named sets (README files aside)."""
    paths: list[Path] = []
    for name in sets:
        paths += [p for p in sorted((CORPORA / name).glob("*.txt")) if p.stem != "README"]
    return paths


def score(paths: list[Path], layout: str, width: int, show: int) -> tuple[int, int, int, int, int]:
    """(documents, same, reference paragraphs, paragraphs found, same headers) for one
    layout."""
    same = found = total = headers = 0
    shown = 0
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        laid = LAYOUTS[layout](text, width, i)
        ref = _rows(text)
        got = _rows(laid)
        same += got == ref
        headers += parse(text).header == parse(laid).header
        sm = difflib.SequenceMatcher(a=ref, b=got, autojunk=False)
        found += sum(b.size for b in sm.get_matching_blocks())
        total += len(ref)
        if got != ref and shown < show:
            shown += 1
            print(f"  {path.relative_to(CORPORA)} ({layout}, {width}):")
            for d in difflib.unified_diff(
                [f"{k} {n} {t[:60]}" for k, n, t in ref],
                [f"{k} {n} {t[:60]}" for k, n, t in got],
                lineterm="",
                n=0,
            ):
                if not d.startswith(("---", "+++", "@@")):
                    print("   ", d)
    return len(paths), same, total, found, headers


def main(argv: list[str] | None = None) -> int:
    """Print one row per set group, layout and width."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", help="comma-separated corpora/ folders (default: both groups)")
    ap.add_argument("--width", type=int, action="append", help="wrap width (default 60 and 90)")
    ap.add_argument("--show", type=int, default=0, help="print the first N differing documents")
    args = ap.parse_args(argv)
    groups = (
        {"sets": args.sets.split(",")}
        if args.sets
        else {"development": list(DEVELOPMENT), "fresh": list(FRESH)}
    )
    widths = args.width or [60, 90]
    print(
        f"{'texts':<12} {'layout':<26} {'width':>5} {'docs':>5} {'same':>5} {'paragraphs':>16} "
        f"{'headers':>7}"
    )
    for group, sets in groups.items():
        paths = texts_of(sets)
        if not paths:
            print(f"error: no texts in {', '.join(sets)}", file=sys.stderr)
            return 2
        for layout in LAYOUTS:
            for width in widths if layout != "one line" else widths[:1]:
                docs, same, total, found, headers = score(paths, layout, width, args.show)
                pct = 100 * found / total if total else 0.0
                shown = "–" if layout == "one line" else str(width)
                print(
                    f"{group:<12} {layout:<26} {shown:>5} {docs:>5} {same:>5} "
                    f"{found:>6}/{total:<6} {pct:5.1f}% {headers:>7}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
