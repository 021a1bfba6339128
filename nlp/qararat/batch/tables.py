"""Corpus tables: Parquet files rebuilt from the per-document JSON results.

Every table has ``doc_id`` first and is sorted by it (then by the position inside the document),
so the same inputs and configuration give identical tables whatever the number of workers or the
engine. The tables hold no timestamps; timings live in the manifest only. Columns of
``paragraphs``, ``corrections``, ``footnotes``, ``references`` and ``warnings`` follow the fields
of the dataclasses in :mod:`qararat.model`, so a field added there appears here too.

Tables are written with a :class:`pyarrow.parquet.ParquetWriter`, a chunk of documents at a
time (memory does not grow with the corpus), to a temporary file that replaces the table only
when complete.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from qararat.batch.files import temp_path
from qararat.batch.manifest import MANIFEST_FIELDS, STATUS_OK, ManifestEntry
from qararat.model import Correction, Footnote, Header, Paragraph, Reference, Warning

JSON_DIR = "json"
CHUNK_DOCUMENTS = 64
TABLE_NAMES = (
    "documents",
    "paragraphs",
    "themes",
    "corrections",
    "footnotes",
    "references",
    "warnings",
    "errors",
    "manifest",
)
#: Tables rebuilt from the JSON results (the manifest table is written on every run).
DATA_TABLES = tuple(name for name in TABLE_NAMES if name != "manifest")
MISSING_RESULT = "MissingResult"


def _arrow_type(hint: Any) -> pa.DataType:
    """Arrow type for a dataclass field's type hint (``X | None`` is nullable ``X``)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _arrow_type(args[0]) if len(args) == 1 else pa.string()
    if origin is list:
        (item,) = typing.get_args(hint) or (str,)
        return pa.list_(_arrow_type(item))
    if hint is bool:
        return pa.bool_()
    if hint is int:
        return pa.int64()
    if hint is float:
        return pa.float64()
    return pa.string()  # str, Literal[...] and anything else


def _dataclass_fields(cls: type, skip: tuple[str, ...] = ()) -> list[pa.Field]:
    hints = typing.get_type_hints(cls)
    return [pa.field(f.name, _arrow_type(hints[f.name])) for f in fields(cls) if f.name not in skip]


_COUNT_COLUMNS = [
    "n_paragraphs",
    "n_preambular",
    "n_operative",
    "n_subparagraphs",
    "n_annex",
    "n_footnotes",
    "n_references",
    "n_corrections_applied",
    "n_corrections_suggested",
    "n_warnings",
    "n_chars",
    "n_words",
]

_PARAGRAPH_FIELDS = _dataclass_fields(Paragraph, skip=("index", "text"))
_HEADER_FIELDS = _dataclass_fields(Header)

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("path", pa.string()),
            pa.field("rel_path", pa.string()),
            pa.field("content_hash", pa.string()),
            pa.field("size_bytes", pa.int64()),
            pa.field("encoding", pa.string()),
            *_HEADER_FIELDS,
            *[pa.field(name, pa.int64()) for name in _COUNT_COLUMNS],
        ]
    ),
    "paragraphs": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("paragraph_index", pa.int64()),
            *_PARAGRAPH_FIELDS,
            pa.field("text", pa.string()),
        ]
    ),
    "themes": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("paragraph_index", pa.int64()),
            pa.field("theme", pa.string()),
            pa.field("kind", pa.string()),
            pa.field("label", pa.string()),
        ]
    ),
    "corrections": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("correction_index", pa.int64()),
            *_dataclass_fields(Correction),
        ]
    ),
    "footnotes": pa.schema([pa.field("doc_id", pa.string()), *_dataclass_fields(Footnote)]),
    "references": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("reference_index", pa.int64()),
            *_dataclass_fields(Reference),
        ]
    ),
    "warnings": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("warning_index", pa.int64()),
            *_dataclass_fields(Warning),
        ]
    ),
    "errors": pa.schema(
        [
            pa.field("doc_id", pa.string()),
            pa.field("path", pa.string()),
            pa.field("error_kind", pa.string()),
            pa.field("message", pa.string()),
        ]
    ),
    "manifest": pa.schema(_dataclass_fields(ManifestEntry)),
}
assert [f.name for f in SCHEMAS["manifest"]] == MANIFEST_FIELDS


def _coerce(value: Any, kind: pa.DataType) -> Any:
    """Make a JSON value fit its column (tolerates a producer that sends a number as a string)."""
    if value is None:
        return None
    if pa.types.is_list(kind):
        items = value if isinstance(value, list) else [value]
        return [_coerce(v, kind.value_type) for v in items]
    if pa.types.is_string(kind):
        if isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if pa.types.is_boolean(kind):
        return bool(value)
    if pa.types.is_integer(kind):
        try:
            return int(value)
        except (TypeError, ValueError):
            return None
    if pa.types.is_floating(kind):
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    return value


def _fit(row: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    return {f.name: _coerce(row.get(f.name), f.type) for f in schema}


def json_path(outdir: Path, doc_id: str) -> Path:
    """Where the JSON result of ``doc_id`` lives (``doc_id`` is already file-name safe)."""
    if "/" in doc_id or "\\" in doc_id or doc_id in ("", ".", ".."):
        raise ValueError(f"unsafe doc_id {doc_id!r}")
    return outdir / JSON_DIR / f"{doc_id}.json"


def document_rows(data: dict[str, Any], entry: ManifestEntry) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each table.

    Args:
        data: The document's JSON (``Resolution.to_dict()``).
        entry: Its manifest entry (path, hash, size, text counts).

    Returns:
        Table name → rows (``errors`` and ``manifest`` are not produced here).
    """
    doc_id = entry.doc_id
    paragraphs = sorted(data.get("paragraphs") or [], key=lambda p: p.get("index", 0))
    corrections = data.get("corrections") or []
    kinds = [p.get("kind") for p in paragraphs]
    document = {
        "doc_id": doc_id,
        "path": entry.path,
        "rel_path": entry.rel_path,
        "content_hash": entry.content_hash,
        "size_bytes": entry.size_bytes,
        "encoding": data.get("encoding"),
        **(data.get("header") or {}),
        "n_paragraphs": len(paragraphs),
        "n_preambular": kinds.count("preambular"),
        "n_operative": kinds.count("operative"),
        "n_subparagraphs": kinds.count("subparagraph"),
        "n_annex": kinds.count("annex"),
        "n_footnotes": len(data.get("footnotes") or []),
        "n_references": len(data.get("references") or []),
        "n_corrections_applied": sum(bool(c.get("applied", True)) for c in corrections),
        "n_corrections_suggested": sum(not c.get("applied", True) for c in corrections),
        "n_warnings": len(data.get("warnings") or []),
        "n_chars": entry.n_chars,
        "n_words": entry.n_words,
    }
    rows: dict[str, list[dict[str, Any]]] = {"documents": [document]}
    rows["paragraphs"] = [
        {"doc_id": doc_id, "paragraph_index": p.get("index"), **p} for p in paragraphs
    ]
    rows["themes"] = [
        {
            "doc_id": doc_id,
            "paragraph_index": p.get("index"),
            "theme": theme,
            "kind": p.get("kind"),
            "label": p.get("label"),
        }
        for p in paragraphs
        for theme in p.get("themes") or []
    ]
    rows["corrections"] = [
        {"doc_id": doc_id, "correction_index": i, **c} for i, c in enumerate(corrections)
    ]
    rows["footnotes"] = [{"doc_id": doc_id, **f} for f in data.get("footnotes") or []]
    rows["references"] = [
        {"doc_id": doc_id, "reference_index": i, **r}
        for i, r in enumerate(data.get("references") or [])
    ]
    rows["warnings"] = [
        {"doc_id": doc_id, "warning_index": i, **w}
        for i, w in enumerate(data.get("warnings") or [])
    ]
    return rows


class _TableWriters:
    """One ParquetWriter per table, each on a temporary file until :meth:`commit`."""

    def __init__(self, outdir: Path, names: tuple[str, ...]) -> None:
        self.names = names
        self.targets = {name: outdir / f"{name}.parquet" for name in names}
        self.temps = {name: temp_path(target) for name, target in self.targets.items()}
        self.writers = {name: pq.ParquetWriter(self.temps[name], SCHEMAS[name]) for name in names}
        self.buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        self.written = dict.fromkeys(names, 0)

    def add(self, name: str, rows: list[dict[str, Any]]) -> None:
        self.buffers[name].extend(_fit(r, SCHEMAS[name]) for r in rows)

    def flush(self) -> None:
        for name, rows in self.buffers.items():
            if rows:
                self.writers[name].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
                self.written[name] += len(rows)
                rows.clear()

    def commit(self) -> None:
        self.flush()
        for name, writer in self.writers.items():
            if not self.written[name]:
                writer.write_table(SCHEMAS[name].empty_table())
            writer.close()
        for name in self.names:
            self.temps[name].replace(self.targets[name])

    def abort(self) -> None:
        for name, writer in self.writers.items():
            try:
                writer.close()
            finally:
                self.temps[name].unlink(missing_ok=True)


def build_tables(outdir: Path, entries: Iterable[ManifestEntry]) -> dict[str, int]:
    """Rebuild the data tables of ``outdir`` from the JSON results of ``entries``.

    Args:
        outdir: The run's output directory (JSON results in ``outdir/json``).
        entries: Manifest entries of the documents that belong in the tables.

    Returns:
        Rows written per table.
    """
    ordered = sorted(entries, key=lambda e: e.doc_id)
    writers = _TableWriters(outdir, DATA_TABLES)
    try:
        for position, entry in enumerate(ordered, 1):
            if entry.status != STATUS_OK:
                writers.add("errors", [_error_row(entry, entry.error_kind, entry.error_message)])
            else:
                try:
                    data = json.loads(json_path(outdir, entry.doc_id).read_text(encoding="utf-8"))
                except (OSError, ValueError) as exc:
                    message = f"result file unreadable or missing: {exc}"
                    writers.add("errors", [_error_row(entry, MISSING_RESULT, message)])
                else:
                    for name, rows in document_rows(data, entry).items():
                        writers.add(name, rows)
            if position % CHUNK_DOCUMENTS == 0:
                writers.flush()
        writers.commit()
    except BaseException:
        writers.abort()
        raise
    return dict(writers.written)


def write_manifest_table(outdir: Path, entries: Iterable[ManifestEntry]) -> int:
    """Write ``manifest.parquet``: the latest entry of each document, sorted by ``doc_id``."""
    writers = _TableWriters(outdir, ("manifest",))
    try:
        writers.add("manifest", [vars(e) for e in sorted(entries, key=lambda e: e.doc_id)])
        writers.commit()
    except BaseException:
        writers.abort()
        raise
    return writers.written["manifest"]


def _error_row(entry: ManifestEntry, kind: str | None, message: str | None) -> dict[str, Any]:
    return {"doc_id": entry.doc_id, "path": entry.path, "error_kind": kind, "message": message}


def read_table(outdir: Path, name: str) -> pd.DataFrame:
    """Load one table as a DataFrame (list columns as Python lists).

    Raises:
        FileNotFoundError: When the table has not been written.
    """
    if name not in SCHEMAS:
        raise ValueError(f"unknown table {name!r}; tables: {', '.join(TABLE_NAMES)}")
    frame = pq.read_table(Path(outdir) / f"{name}.parquet").to_pandas()
    for f in SCHEMAS[name]:
        if pa.types.is_list(f.type) and f.name in frame:
            frame[f.name] = [list(v) if v is not None else [] for v in frame[f.name]]
    return frame
