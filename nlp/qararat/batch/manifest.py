"""The run manifest: one JSON line per finished document, appended as it happens.

``OUTDIR/manifest.jsonl`` is the log a resumed run reads: a line is appended (and fsynced)
only after the document's JSON result is safely in place, so whatever the manifest says is
done, is done. A run killed mid-line leaves at most one truncated last line, which
:func:`read_manifest` ignores. At the end of a run the latest entry of every current input is
also written as the ``manifest.parquet`` table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import IO, Any

MANIFEST_JSONL = "manifest.jsonl"
STATUS_OK = "ok"
STATUS_FAILED = "failed"


@dataclass
class ManifestEntry:
    """What the manifest records about one processed document.

    Attributes:
        doc_id: Identifier (see :mod:`qararat.batch.inputs`).
        path: Input path as found.
        rel_path: Path relative to its input root.
        content_hash: SHA-256 of the file's bytes (hex), empty when unreadable.
        size_bytes: File size.
        qararat_version: Version that produced the result.
        config_fingerprint: ``AnalyzeConfig.fingerprint()`` of the run.
        status: ``ok`` or ``failed``.
        error_kind: Exception class name when failed.
        error_message: Exception message when failed.
        n_chars: Characters of cleaned text.
        n_words: Whitespace-separated words of cleaned text.
        n_paragraphs: Paragraphs found.
        seconds: Wall time of the analysis in the worker.
        worker: ``host:pid`` of the process that did the work.
        finished_at: UTC time the result was recorded (ISO 8601).
        run_id: Identifier of the run that produced the entry.
    """

    doc_id: str
    path: str
    rel_path: str
    content_hash: str
    size_bytes: int
    qararat_version: str
    config_fingerprint: str
    status: str
    error_kind: str | None = None
    error_message: str | None = None
    n_chars: int = 0
    n_words: int = 0
    n_paragraphs: int = 0
    seconds: float = 0.0
    worker: str | None = None
    finished_at: str | None = None
    run_id: str | None = None

    def is_done(self, content_hash: str, fingerprint: str, version: str) -> bool:
        """Whether this entry is a finished result for that content, config and version."""
        return (
            self.status == STATUS_OK
            and self.content_hash == content_hash
            and self.config_fingerprint == fingerprint
            and self.qararat_version == version
        )


MANIFEST_FIELDS = [f.name for f in fields(ManifestEntry)]


def _entry_from_dict(data: dict[str, Any]) -> ManifestEntry | None:
    known = {k: v for k, v in data.items() if k in MANIFEST_FIELDS}
    try:
        return ManifestEntry(**known)
    except TypeError:  # a line missing required fields: not ours, ignore
        return None


def read_manifest(outdir: Path) -> dict[str, ManifestEntry]:
    """Latest manifest entry per ``doc_id`` (later lines win; unreadable lines are skipped)."""
    path = outdir / MANIFEST_JSONL
    latest: dict[str, ManifestEntry] = {}
    if not path.is_file():
        return latest
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError:  # the truncated last line of a killed run
                continue
            if not isinstance(data, dict):
                continue
            entry = _entry_from_dict(data)
            if entry is not None:
                latest[entry.doc_id] = entry
    return latest


class ManifestWriter:
    """Appends entries to ``manifest.jsonl``, each flushed and fsynced before returning."""

    def __init__(self, outdir: Path) -> None:
        """Open the manifest of ``outdir`` for appending.

        Args:
            outdir: The run's output directory.
        """
        self.path = outdir / MANIFEST_JSONL
        self._handle: IO[str] | None = None

    def __enter__(self) -> ManifestWriter:
        self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in __exit__
        # a killed run may have left a partial line without newline; start on a fresh line
        if self._handle.tell() > 0:
            with open(self.path, "rb") as check:
                check.seek(-1, os.SEEK_END)
                if check.read(1) != b"\n":
                    self._handle.write("\n")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def append(self, entry: ManifestEntry) -> None:
        """Write one entry durably."""
        if self._handle is None:
            raise RuntimeError("ManifestWriter used outside a with block")
        self._handle.write(json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())


def current_entries(
    latest: dict[str, ManifestEntry], doc_ids: Iterable[str]
) -> list[ManifestEntry]:
    """Entries of the given documents, sorted by ``doc_id`` (documents without one are left out)."""
    return [latest[d] for d in sorted(doc_ids) if d in latest]
