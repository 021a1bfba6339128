"""Training data and training of the fallback classifier (used by ``scripts/``).

Gold labels come from ``corpora/dev/labels/<doc_id>.tsv`` (one row per paragraph: kind, number,
lead, label, modifiers, secondary_labels, addressees, themes), paragraphs from
``qararat.structure.parse``; the split is ``corpora/dev/split.json``. Training adds synthetic
paragraphs from the lead table and OCR-noised copies of the real ones.
"""

from __future__ import annotations

import csv
import hashlib
import json
import platform
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qararat.clauses.model import ClauseClassifier, model_text
from qararat.clauses.synthetic import Example, add_ocr_noise, synthetic_examples
from qararat.model import Paragraph


@dataclass
class GoldRow:
    """One paragraph's gold annotation."""

    kind: str
    number: str
    lead: str
    label: str
    modifiers: list[str]
    secondary: list[str]
    addressees: list[str]


def _split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def read_gold(path: Path) -> list[GoldRow]:
    """Read a gold TSV file."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        GoldRow(
            kind=r["kind"].strip(),
            number=(r.get("number") or "").strip(),
            lead=(r.get("lead") or "").strip(),
            label=r["label"].strip(),
            modifiers=_split_list(r.get("modifiers")),
            secondary=_split_list(r.get("secondary_labels")),
            addressees=_split_list(r.get("addressees")),
        )
        for r in rows
    ]


def align(paragraphs: list[Paragraph], gold: list[GoldRow]) -> list[tuple[Paragraph, GoldRow]]:
    """Pair parsed paragraphs with gold rows.

    Raises:
        ValueError: When the counts, kinds or operative numbers disagree.
    """
    if len(paragraphs) != len(gold):
        raise ValueError(f"{len(paragraphs)} parsed paragraphs vs {len(gold)} gold rows")
    pairs = list(zip(paragraphs, gold, strict=True))
    for p, g in pairs:
        if p.kind != g.kind or (g.number and (p.number or "") != g.number):
            raise ValueError(f"paragraph {p.index}: {p.kind} {p.number} vs {g.kind} {g.number}")
    return pairs


def load_split(dev: Path) -> dict[str, list[str]]:
    """Document ids by split (``train``, ``heldout``) from ``split.json``.

    Without a ``split.json`` every labelled document is ``train``.
    """
    labelled = sorted(
        p.stem for p in dev.glob("*.txt") if (dev / "labels" / f"{p.stem}.tsv").is_file()
    )
    path = dev / "split.json"
    if not path.is_file():
        return {"train": labelled, "heldout": []}
    raw = json.loads(path.read_text(encoding="utf-8"))
    held = raw.get("heldout", raw.get("test", []))
    return {
        "train": [d for d in raw.get("train", []) if d in labelled],
        "heldout": [d for d in held if d in labelled],
    }


def gold_examples(dev: Path, doc_ids: list[str]) -> tuple[list[Example], list[str]]:
    """Labelled paragraphs of the given documents, and messages about documents skipped."""
    from qararat.structure import parse

    out: list[Example] = []
    skipped: list[str] = []
    for doc_id in doc_ids:
        path = dev / f"{doc_id}.txt"
        res = parse(path.read_text(encoding="utf-8"), doc_id=doc_id, source=str(path))
        try:
            pairs = align(res.paragraphs, read_gold(dev / "labels" / f"{doc_id}.tsv"))
        except ValueError as err:
            skipped.append(f"{doc_id}: {err}")
            continue
        out.extend(Example(p.text, p.kind, g.label) for p, g in pairs)
    return out, skipped


def noisy_copies(examples: list[Example], copies: int, seed: int) -> list[Example]:
    """OCR-noised copies of ``examples`` (first words damaged), reproducible from ``seed``."""
    rng = random.Random(seed)
    return [
        Example(add_ocr_noise(e.text, rng, rate=0.15, words=3), e.kind, e.label)
        for e in examples
        for _ in range(copies)
    ]


def dataset_sha256(examples: list[Example]) -> str:
    """SHA-256 of the training examples (kind, label, text; in order)."""
    h = hashlib.sha256()
    for e in examples:
        h.update(f"{e.kind}\t{e.label}\t{e.text}\n".encode())
    return h.hexdigest()


def train_model(
    dev: Path | None,
    *,
    seed: int = 0,
    noisy: int = 3,
    cv_folds: int = 5,
) -> tuple[ClauseClassifier, dict[str, Any]]:
    """Train the classifier on gold training paragraphs plus synthetic and noised ones.

    Args:
        dev: Development corpus directory (None or missing: synthetic data only).
        seed: Seed of every random step.
        noisy: Noised copies per real paragraph.
        cv_folds: Folds of the cross-validation whose scores go into the metadata.

    Returns:
        The fitted model and its metadata.
    """
    import numpy as np
    import sklearn
    import skops
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    import qararat

    split = load_split(dev) if dev is not None and dev.is_dir() else {"train": [], "heldout": []}
    real, skipped = gold_examples(dev, split["train"]) if dev is not None else ([], [])
    examples = [
        *synthetic_examples(seed=seed),
        *real,
        *noisy_copies(real, noisy, seed + 1),
    ]
    X = [model_text(e.text, e.kind) for e in examples]  # noqa: N806
    y = [e.label for e in examples]
    model = ClauseClassifier()
    counts = {label: y.count(label) for label in sorted(set(y))}
    folds = min(cv_folds, min(counts.values()))
    cv: dict[str, Any] = {}
    if folds >= 2:
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        pred = cross_val_predict(ClauseClassifier(), X, y, cv=splitter)
        cv = {
            "folds": folds,
            "accuracy": round(float(accuracy_score(y, pred)), 4),
            "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
        }
    model.fit(X, y)
    heldout: dict[str, Any] = {}
    if dev is not None and split["heldout"]:
        held, _ = gold_examples(dev, split["heldout"])
        if held:
            for name, exs in (("clean", held), ("noised", noisy_copies(held, 1, seed + 2))):
                hp = model.predict([model_text(e.text, e.kind) for e in exs])
                hits = [a == e.label for a, e in zip(hp, exs, strict=True)]
                heldout[name] = round(float(np.mean(hits)), 4)
    metadata = {
        "task": "clauses",
        "model": "ClauseClassifier (char_wb TF-IDF + LogisticRegression)",
        "params": {
            k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()
        },
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
            "qararat": qararat.__version__,
        },
        "seed": seed,
        "training_data": {
            "sha256": dataset_sha256(examples),
            "n_samples": len(examples),
            "n_gold_paragraphs": len(real),
            "n_noised_copies": noisy * len(real),
            "gold_documents": split["train"],
            "skipped_documents": skipped,
            "label_counts": counts,
        },
        "cross_validation": cv,
        "heldout_accuracy_model_alone": heldout,
        "heldout_documents": split["heldout"],
    }
    return model, metadata
