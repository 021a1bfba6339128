"""Make real OCR noise for the development corpus: render, degrade, Tesseract.

Every line of ``corpora/dev/<doc_id>.txt`` (a header line or a whole paragraph) is rendered
on its own with ``pango-view`` (font "Noto Naskh Arabic", right-to-left, wrapped to a
6.25-inch text column), degraded with Pillow/numpy according to a tier, and recognised with
``tesseract -l ara``. Tesseract's output lines for one rendered paragraph are joined with a
space, so ``corpora/ocr/<tier>/<doc_id>.txt`` has exactly the same line structure as the
gold text: line *i* of the noisy file is the OCR of line *i* of the gold file (blank lines
stay blank). Evaluation can then align paragraph by paragraph and needs no Tesseract.

Tiers:

``clean``
    300 dpi, grey-scale anti-aliased rendering, no degradation.
``fax``
    150 dpi, Gaussian blur, binarised at a jittered threshold, pepper specks and ink
    drop-outs (a fax or a photocopy of a photocopy).
``noisy``
    200 dpi, lowered contrast, slight rotation, Gaussian blur, additive Gaussian noise and
    JPEG compression (a cheap office scan).

All randomness comes from ``numpy.random.default_rng(seed)`` with a seed derived from
``(--seed, doc_id, tier, line number)`` by CRC32, so the output is deterministic for a given
Tesseract/pango/font version. One Tesseract process runs at a time, with
``OMP_THREAD_LIMIT=1``; each document and tier is a single Tesseract call over a list of
line images (pages are separated by form feeds in Tesseract's text output).

Usage::

    apt-get install -y tesseract-ocr tesseract-ocr-ara fonts-noto-core pango1.0-tools
    .venv/bin/python scripts/make_ocr_corpus.py                 # all docs, all tiers
    .venv/bin/python scripts/make_ocr_corpus.py --tiers fax --docs ga01_climate --force
    .venv/bin/python scripts/make_ocr_corpus.py --src corpora/context --out corpora/context/ocr
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT / "corpora" / "dev"
OCR_DIR = ROOT / "corpora" / "ocr"
FONT = "Noto Naskh Arabic 12"
TEXT_WIDTH_PT = 450  # 6.25 inches: the text column of a UN A4 page
MARGIN_PX = 24


@dataclass(frozen=True)
class Tier:
    """Rendering resolution and degradation strength of one OCR tier."""

    name: str
    dpi: int
    blur: float = 0.0
    binarize: bool = False
    threshold: int = 128
    threshold_jitter: int = 0
    pepper: float = 0.0
    dropout: float = 0.0
    contrast: float = 1.0
    noise_sigma: float = 0.0
    rotate_deg: float = 0.0
    jpeg_quality: int = 0


TIERS: dict[str, Tier] = {
    "clean": Tier("clean", dpi=300),
    "fax": Tier(
        "fax",
        dpi=150,
        blur=0.6,
        binarize=True,
        threshold=150,
        threshold_jitter=15,
        pepper=0.001,
        dropout=0.02,
    ),
    "noisy": Tier(
        "noisy",
        dpi=200,
        blur=0.6,
        contrast=0.8,
        noise_sigma=20.0,
        rotate_deg=0.5,
        jpeg_quality=45,
    ),
}


def seed_for(*parts: object) -> int:
    """Return a stable 32-bit seed for the given parts (CRC32 of their repr)."""
    return zlib.crc32("\x1f".join(str(p) for p in parts).encode("utf-8"))


def render_line(text: str, dpi: int, out: Path) -> None:
    """Render one line of Arabic text as a right-aligned RTL paragraph image.

    Args:
        text: The text (a whole paragraph; pango wraps it to the text column).
        dpi: Rendering resolution.
        out: PNG path to write.
    """
    subprocess.run(
        [
            "pango-view",
            f"--font={FONT}",
            f"--width={TEXT_WIDTH_PT}",
            "--wrap=word",
            "--rtl",
            "--align=right",
            f"--dpi={dpi}",
            f"--margin={MARGIN_PX}",
            "-q",
            "-o",
            str(out),
            "--text",
            text,
        ],
        check=True,
    )


def degrade(image: Image.Image, tier: Tier, rng: np.random.Generator) -> Image.Image:
    """Apply a tier's degradations to a rendered image.

    Args:
        image: The clean rendering.
        tier: Degradation parameters.
        rng: Seeded random generator; the only source of randomness.

    Returns:
        A greyscale (``L``) or bilevel-looking greyscale image.
    """
    img = image.convert("L")
    if tier.rotate_deg:
        angle = float(rng.uniform(-tier.rotate_deg, tier.rotate_deg))
        img = img.rotate(angle, resample=Image.BILINEAR, expand=True, fillcolor=255)
    if tier.blur:
        img = img.filter(ImageFilter.GaussianBlur(tier.blur))
    arr = np.asarray(img, dtype=np.float32)
    if tier.contrast != 1.0:
        arr = 255.0 - (255.0 - arr) * tier.contrast
        arr = arr * 0.92 + 8.0  # greyish paper
    if tier.noise_sigma:
        arr = arr + rng.normal(0.0, tier.noise_sigma, arr.shape)
    if tier.binarize:
        jitter = int(rng.integers(-tier.threshold_jitter, tier.threshold_jitter + 1))
        ink = arr < (tier.threshold + jitter)
        if tier.dropout:
            ink &= rng.random(arr.shape) >= tier.dropout
        if tier.pepper:
            ink |= rng.random(arr.shape) < tier.pepper
        arr = np.where(ink, 0.0, 255.0)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    if tier.jpeg_quality:
        with tempfile.SpooledTemporaryFile() as buffer:
            out.save(buffer, format="JPEG", quality=tier.jpeg_quality)
            buffer.seek(0)
            out = Image.open(buffer).convert("L")
            out.load()
    return out


def ocr_pages(images: list[Path], dpi: int, workdir: Path) -> list[str]:
    """Recognise a list of images with one Tesseract process.

    Args:
        images: Image paths, one page each.
        dpi: Resolution to tell Tesseract.
        workdir: Scratch directory.

    Returns:
        One string per image (Tesseract's text for that page, lines kept).
    """
    listing = workdir / "pages.txt"
    listing.write_text("\n".join(str(p) for p in images) + "\n", encoding="utf-8")
    base = workdir / "ocr"
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(
        ["tesseract", str(listing), str(base), "-l", "ara", "--dpi", str(dpi), "--psm", "6"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pages = (base.with_suffix(".txt")).read_text(encoding="utf-8").split("\f")
    # Tesseract ends the output with a form feed after the last page.
    if len(pages) == len(images) + 1 and not pages[-1].strip():
        pages = pages[:-1]
    if len(pages) != len(images):
        raise RuntimeError(f"tesseract returned {len(pages)} pages for {len(images)} images")
    return pages


def join_ocr_lines(page: str) -> str:
    """Join Tesseract's output lines for one paragraph into a single line."""
    return " ".join(line.strip() for line in page.splitlines() if line.strip())


def make_document(doc_id: str, tier: Tier, seed: int, src: Path = DEV_DIR) -> str:
    """Render, degrade and OCR one development document at one tier.

    Args:
        doc_id: File stem in ``src``.
        tier: The degradation tier.
        seed: Global seed.
        src: Directory of the gold texts.

    Returns:
        The OCR text, line-aligned with the gold text.
    """
    lines = (src / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")
    with tempfile.TemporaryDirectory(prefix="qararat-ocr-") as tmp:
        workdir = Path(tmp)
        images: list[Path] = []
        owners: list[int] = []
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            raw = workdir / f"raw{number:04d}.png"
            render_line(line, tier.dpi, raw)
            rng = np.random.default_rng(seed_for(seed, doc_id, tier.name, number))
            page = workdir / f"page{number:04d}.png"
            with Image.open(raw) as rendered:
                degrade(rendered, tier, rng).save(page, dpi=(tier.dpi, tier.dpi))
            images.append(page)
            owners.append(number)
        texts = ocr_pages(images, tier.dpi, workdir) if images else []
    out = ["" for _ in lines]
    for number, page_text in zip(owners, texts, strict=True):
        out[number] = join_ocr_lines(page_text)
    return "\n".join(out)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiers", nargs="+", default=list(TIERS), choices=list(TIERS))
    parser.add_argument("--docs", nargs="+", help="doc ids (default: every corpora/dev/*.txt)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--src", type=Path, default=DEV_DIR, help="gold texts (default: corpora/dev)"
    )
    parser.add_argument(
        "--out", type=Path, default=OCR_DIR, help="output root, one folder per tier"
    )
    parser.add_argument("--force", action="store_true", help="overwrite existing outputs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build ``corpora/ocr/<tier>/<doc_id>.txt`` for the requested docs and tiers."""
    args = parse_args(argv)
    for tool in ("pango-view", "tesseract"):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found (see the module docstring)", file=sys.stderr)
            return 2
    docs = args.docs or sorted(p.stem for p in args.src.glob("*.txt"))
    for tier_name in args.tiers:
        tier = TIERS[tier_name]
        (args.out / tier_name).mkdir(parents=True, exist_ok=True)
        for doc_id in docs:
            target = args.out / tier_name / f"{doc_id}.txt"
            if target.exists() and not args.force:
                continue
            started = time.perf_counter()
            text = make_document(doc_id, tier, args.seed, args.src)
            target.write_text(text, encoding="utf-8")
            elapsed = time.perf_counter() - started
            print(f"{tier_name}/{doc_id}: {elapsed:.1f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
