"""Train the fallback clause classifier and save it to models/clauses/<version>/.

Reproducible: every random step is seeded. Writes ``model.skops`` (skops, never pickle) and
``metadata.json`` (library versions, training-data SHA-256, sample counts, cross-validated
accuracy and macro-F1, held-out accuracy of the model alone).

Usage: python scripts/train_clause_model.py [--dev corpora/dev] [--out models/clauses/v1]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from qararat.clauses.model import MODEL_VERSION, save_model
from qararat.clauses.training import train_model

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Train, save, and print the metadata."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT / "corpora" / "dev")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "clauses" / MODEL_VERSION)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--noisy", type=int, default=3, help="noised copies per gold paragraph")
    args = ap.parse_args(argv)
    model, metadata = train_model(args.dev, seed=args.seed, noisy=args.noisy)
    save_model(model, args.out, metadata)
    print(
        json.dumps({k: metadata[k] for k in ("cross_validation", "heldout_accuracy_model_alone")})
    )
    print(
        f"wrote {args.out / 'model.skops'} and metadata.json "
        f"({metadata['training_data']['n_samples']} samples)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
