"""The work done for one document, in whatever process an engine runs it.

The main process reads each file (it needs the bytes for the content hash anyway) and ships the
bytes with the task, so workers never touch the file system: the same function runs in a local
process pool or on a remote Dask cluster without a shared disk. The worker returns the
document's JSON (exactly what ``qararat analyze`` prints) and a few counts; the main process
writes it. The OCR corrector is loaded once per process, on the first task (or by
:func:`init_worker` when the pool starts).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from qararat.batch.manifest import STATUS_FAILED, STATUS_OK
from qararat.model import Resolution

_READY: set[Any] = set()

#: ``(Document, config) -> Resolution``; must be importable by name in worker processes.
Analyzer = Callable[[Any, Any], Resolution]


@dataclass(frozen=True)
class Task:
    """One document to analyse.

    Attributes:
        doc_id: Identifier the result is stored under.
        path: Input path (recorded as the result's ``source``).
        data: The file's bytes.
    """

    doc_id: str
    path: str
    data: bytes


@dataclass
class DocResult:
    """What a worker sends back.

    Attributes:
        doc_id: The task's identifier.
        status: ``ok`` or ``failed``.
        json_text: ``Resolution.to_json()`` plus a newline, when ok.
        error_kind: Exception class name, when failed.
        error_message: Exception message, when failed.
        n_chars: Characters of cleaned text.
        n_words: Whitespace-separated words of cleaned text.
        n_paragraphs: Paragraphs found.
        seconds: Wall time spent on the document.
        worker: ``host:pid`` of the worker process.
    """

    doc_id: str
    status: str
    json_text: str | None = None
    error_kind: str | None = None
    error_message: str | None = None
    n_chars: int = 0
    n_words: int = 0
    n_paragraphs: int = 0
    seconds: float = 0.0
    worker: str | None = None


def worker_name() -> str:
    """``host:pid`` of the current process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def warm_up(config: Any) -> None:
    """Load what analysing needs (the OCR corrector and its lexicon) once in this process."""
    key = config
    if key in _READY:
        return
    if getattr(config, "correct", True):
        from qararat.ocr import Corrector

        Corrector.default()
    _READY.add(key)


def init_worker(config: Any, analyzer: Analyzer | None = None) -> None:
    """Process-pool initialiser: ignore Ctrl-C (the main process handles it) and warm up.

    Warming up is best effort: if loading fails, the first document records the error.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if analyzer is None:
        with contextlib.suppress(Exception):
            warm_up(config)


def process_task(task: Task, config: Any, analyzer: Analyzer | None = None) -> DocResult:
    """Analyse one document; never raises for a bad document.

    Any exception raised while decoding or analysing is turned into a ``failed`` result with
    its type and message: one bad document must not stop a corpus run, and the error is
    recorded in the ``errors`` table rather than lost.

    Args:
        task: The document.
        config: The :class:`~qararat.analysis.AnalyzeConfig` of the run.
        analyzer: ``(Document, config) -> Resolution``; default
            :func:`qararat.analysis.analyze`.

    Returns:
        A :class:`DocResult`.
    """
    from qararat.io import read_bytes

    start = time.perf_counter()
    try:
        if analyzer is None:
            from qararat.analysis import analyze

            analyzer = analyze
            warm_up(config)
        document = read_bytes(task.data, source=task.path, doc_id=task.doc_id)
        res = analyzer(document, config)
        res.doc_id = task.doc_id
        json_text = res.to_json() + "\n"
    except Exception as exc:  # noqa: BLE001 - a failing document is data, see docstring
        return DocResult(
            doc_id=task.doc_id,
            status=STATUS_FAILED,
            error_kind=type(exc).__name__,
            error_message=str(exc) or repr(exc),
            seconds=time.perf_counter() - start,
            worker=worker_name(),
        )
    return DocResult(
        doc_id=task.doc_id,
        status=STATUS_OK,
        json_text=json_text,
        n_chars=len(res.text),
        n_words=len(res.text.split()),
        n_paragraphs=len(res.paragraphs),
        seconds=time.perf_counter() - start,
        worker=worker_name(),
    )


def process_tasks(tasks: list[Task], config: Any, analyzer: Analyzer | None = None
                  ) -> list[DocResult]:
    """:func:`process_task` over a small chunk of documents (one Dask task)."""
    return [process_task(task, config, analyzer) for task in tasks]
