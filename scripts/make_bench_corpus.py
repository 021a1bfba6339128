"""Generate a benchmark corpus for ``qararat batch`` by varying the development texts.

Each output document is a seeded variant of one source text (``corpora/dev/*.txt`` and, when
present, the Tesseract tiers ``corpora/ocr/*/*.txt``): preambular paragraphs shuffled among
themselves, operative paragraphs (with their sub-paragraphs) shuffled and renumbered in the
document's own digits, years shifted and days of month changed. Footnote blocks stay where they
were. The variants keep the layout of a resolution, so the whole pipeline does real work on
them; they are for timing only, never for training or evaluation.

Usage::

    python scripts/make_bench_corpus.py OUTDIR [-n 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_OPENING = re.compile(r"^\s*إن\s.+،\s*$")
_NUMBERED = re.compile(r"^(\s*)([0-9]+|[٠-٩]+)(\s*[-–]\s*)")
_SUBPARAGRAPH = re.compile(r"^\s*\([^\W\d_]{1,2}\)")
_FOOTNOTE = re.compile(r"^\s*\(([0-9]+|[٠-٩]+)\)")
_YEAR = re.compile(r"(?<![0-9٠-٩])(19[0-9]{2}|20[0-9]{2}|١٩[٠-٩]{2}|٢٠[٠-٩]{2})(?![0-9٠-٩/])")
_DAY_MONTH = re.compile(r"(?<![0-9٠-٩/])([0-9]{1,2}|[٠-٩]{1,2})(\s+(?:كانون|شباط|آذار|نيسان|أيار"
                        r"|حزيران|تموز|آب|أيلول|تشرين))")
_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def _number(value: int, like: str) -> str:
    """``value`` written in the digits of ``like`` (Arabic-Indic or ASCII)."""
    text = str(value)
    return text.translate(_EASTERN) if like and like[0] in "٠١٢٣٤٥٦٧٨٩" else text


def _shift_years(text: str, offset: int) -> str:
    def repl(m: re.Match[str]) -> str:
        year = int(m.group(1).translate(_WESTERN))
        return _number(year + offset, m.group(1))

    return _YEAR.sub(repl, text)


def _change_days(text: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        return _number(rng.randint(1, 28), m.group(1)) + m.group(2)

    return _DAY_MONTH.sub(repl, text)


def make_variant(text: str, seed: int) -> str:
    """A seeded variant of a resolution text (see module docstring).

    Args:
        text: A resolution as plain text, paragraphs separated by blank lines.
        seed: Seed of the variation.

    Returns:
        The varied text; a text without a recognisable opening formula only gets its dates
        changed.
    """
    rng = random.Random(seed)
    blocks = [b.strip("\n") for b in _BLOCK_SPLIT.split(text)]
    opening = next((i for i, b in enumerate(blocks) if _OPENING.match(b)), None)
    if opening is not None:
        first_op = next(
            (i for i in range(opening + 1, len(blocks)) if _NUMBERED.match(blocks[i])),
            len(blocks),
        )
        pre = [i for i in range(opening + 1, first_op) if not _FOOTNOTE.match(blocks[i])]
        shuffled = [blocks[i] for i in pre]
        rng.shuffle(shuffled)
        for i, block in zip(pre, shuffled, strict=True):
            blocks[i] = block
        groups: list[list[int]] = []
        for i in range(first_op, len(blocks)):
            if _NUMBERED.match(blocks[i]):
                groups.append([i])
            elif _SUBPARAGRAPH.match(blocks[i]) and groups:
                groups[-1].append(i)
            elif _FOOTNOTE.match(blocks[i]):
                continue
            else:
                break
        contents = [[blocks[i] for i in g] for g in groups]
        rng.shuffle(contents)
        slots = [i for g in groups for i in g]
        flat: list[str] = []
        for number, group in enumerate(contents, 1):
            head = _NUMBERED.sub(
                lambda m, n=number: m.group(1) + _number(n, m.group(2)) + m.group(3),
                group[0],
                count=1,
            )
            flat.extend([head, *group[1:]])
        for i, block in zip(sorted(slots), flat, strict=True):
            blocks[i] = block
    varied = "\n\n".join(blocks)
    varied = _shift_years(varied, rng.choice([-4, -3, -2, -1, 1, 2, 3]))
    return _change_days(varied, rng) + "\n"


def source_files(root: Path = ROOT) -> list[Path]:
    """The texts variants are made from: development corpus and its OCR tiers."""
    files = sorted((root / "corpora" / "dev").glob("*.txt"))
    files += sorted((root / "corpora" / "ocr").glob("*/*.txt"))
    return files


def write_corpus(outdir: Path, n: int, *, seed: int = 0, sources: list[Path] | None = None
                 ) -> list[Path]:
    """Write ``n`` variants into ``outdir`` (100 per subdirectory), round-robin over sources.

    Returns:
        The paths written.
    """
    sources = sources or source_files()
    if not sources:
        raise FileNotFoundError("no source texts under corpora/dev or corpora/ocr")
    texts = [(p, p.read_text(encoding="utf-8")) for p in sources]
    written = []
    for k in range(n):
        path, text = texts[k % len(texts)]
        sub = outdir / f"part{k // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        target = sub / f"{k:05d}_{path.parent.name}_{path.stem}.txt"
        target.write_text(make_variant(text, seed * 1_000_003 + k), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``make_bench_corpus.py OUTDIR [-n N] [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        written = write_corpus(args.outdir, args.n, seed=args.seed)
    except FileNotFoundError as exc:
        sys.stderr.write(f"make_bench_corpus: {exc}\n")
        return 2
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in written)
    print(f"{len(written)} documents, {words} words in {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
