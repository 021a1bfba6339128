"""Reading a ``qararat batch`` output folder into the tables the corpus report needs.

The folder holds Parquet tables ``documents``, ``paragraphs``, ``corrections``, ``themes`` and
``errors``, ``warnings`` (each a ``<name>.parquet`` file or a ``<name>/`` folder of Parquet parts)
and one ``json/<doc_id>.json`` per analysed document; without a ``warnings`` table, warnings are
gathered from the JSON files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

TABLES = ("documents", "paragraphs", "corrections", "themes", "errors")


class BatchDirError(ValueError):
    """A folder that is not a readable batch output folder. ``str()`` is one line."""


@dataclass
class BatchTables:
    """The tables of a batch output folder; a missing table is an empty frame.

    Attributes:
        documents: One row per analysed document (``doc_id`` first).
        paragraphs: One row per paragraph (``doc_id``, ``paragraph_index``, ``kind``, ``label``,
            ``themes`` …).
        corrections: One row per correction (``doc_id``, ``start``, ``original``,
            ``replacement``, ``rule``, ``confidence``, ``applied``, ``confusion`` …).
        themes: Theme rows as the batch wrote them.
        errors: One row per input that could not be analysed.
        warnings: ``doc_id``, ``kind``, ``message`` (the ``warnings`` table, or gathered from
            ``json/<doc_id>.json``).
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    corrections: pd.DataFrame
    themes: pd.DataFrame
    errors: pd.DataFrame
    warnings: pd.DataFrame


def _read_table(outdir: Path, name: str) -> pd.DataFrame | None:
    for path in (outdir / f"{name}.parquet", outdir / name):
        if path.is_file() or (path.is_dir() and any(path.glob("*.parquet"))):
            try:
                return pd.read_parquet(path)
            except (OSError, ValueError) as exc:
                raise BatchDirError(f"{path}: cannot read Parquet table ({exc})") from exc
    return None


def _read_warnings(outdir: Path, documents: pd.DataFrame) -> pd.DataFrame:
    if "warnings" in documents and documents["warnings"].map(lambda v: hasattr(v, "__len__")).all():
        rows = [
            {"doc_id": d, "kind": w.get("kind", ""), "message": w.get("message", "")}
            for d, ws in zip(documents["doc_id"], documents["warnings"], strict=True)
            for w in ws
            if isinstance(w, dict)
        ]
        return pd.DataFrame(rows, columns=["doc_id", "kind", "message"])
    rows = []
    for path in sorted((outdir / "json").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BatchDirError(f"{path}: cannot read JSON ({exc})") from exc
        doc_id = data.get("doc_id", path.stem)
        for w in data.get("warnings") or []:
            rows.append(
                {"doc_id": doc_id, "kind": w.get("kind", ""), "message": w.get("message", "")}
            )
    return pd.DataFrame(rows, columns=["doc_id", "kind", "message"])


def load_batch(outdir: str | Path) -> BatchTables:
    """Read a batch output folder.

    Args:
        outdir: The folder ``qararat batch`` wrote.

    Returns:
        The :class:`BatchTables`.

    Raises:
        BatchDirError: The folder does not exist, has no ``documents`` table, or a table
            cannot be read.
    """
    root = Path(outdir)
    if not root.is_dir():
        raise BatchDirError(f"{root}: not a folder")
    found = {name: _read_table(root, name) for name in TABLES}
    if found["documents"] is None:
        raise BatchDirError(f"{root}: not a batch output folder (no documents table)")
    frames = {k: (v if v is not None else pd.DataFrame({"doc_id": []})) for k, v in found.items()}
    for name in ("documents", "paragraphs", "corrections"):
        if "doc_id" in frames[name]:
            frames[name]["doc_id"] = frames[name]["doc_id"].astype(str)
    if found["errors"] is None:
        frames["errors"] = pd.DataFrame()
    warnings = _read_table(root, "warnings")
    if warnings is None or not {"doc_id", "kind", "message"} <= set(warnings.columns):
        warnings = _read_warnings(root, frames["documents"])
    warnings = warnings[["doc_id", "kind", "message"]].astype({"doc_id": str})
    return BatchTables(warnings=warnings, **frames)
