"""The Dask engine: the same per-document work on ``dask.distributed``.

Without a scheduler address a :class:`~distributed.LocalCluster` of ``jobs`` single-threaded
worker processes is started on 127.0.0.1 (dashboard on a free local port) and closed at the
end; with one, the run connects to that scheduler. Tasks carry the documents' bytes and return
their JSON, so workers need the ``qararat`` package but no access to the input or output
directories. Documents are sent a few at a time (:data:`CHUNK_DOCUMENTS` per task) and submission is
bounded (``2 ×`` the cluster's threads in flight) with :class:`~distributed.as_completed`, so
memory stays flat however large the corpus.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from qararat.batch.local import INFLIGHT_PER_WORKER, ResultCallback
from qararat.batch.manifest import STATUS_FAILED
from qararat.batch.worker import Analyzer, DocResult, Task, process_tasks

#: Documents per Dask task: enough to amortise the scheduler's per-task cost (a few ms per
#: round trip) over documents that take tens of milliseconds, small enough to keep workers busy.
CHUNK_DOCUMENTS = 4


def _key(chunk: list[Task], run_token: str) -> str:
    return f"qararat-batch-{run_token}-{chunk[0].doc_id}"


def run_dask(
    tasks: Iterable[Task],
    *,
    jobs: int,
    config: Any,
    on_result: ResultCallback,
    scheduler: str | None = None,
    run_token: str = "run",
    analyzer: Analyzer | None = None,
    chunk_size: int = CHUNK_DOCUMENTS,
) -> None:
    """Process ``tasks`` on a Dask cluster, calling ``on_result`` as each finishes.

    Args:
        tasks: Documents; consumed lazily.
        jobs: Worker processes of the local cluster (ignored with ``scheduler``).
        config: The :class:`~qararat.analysis.AnalyzeConfig` of the run.
        on_result: Called in the main process with every :class:`DocResult`.
        scheduler: Address of a running scheduler (``tcp://host:8786``), or ``None``.
        run_token: Makes task keys unique to this run on a shared scheduler.
        analyzer: Replacement for :func:`qararat.analysis.analyze` (module-level function).
        chunk_size: Documents per Dask task.
    """
    from distributed import Client, LocalCluster, as_completed

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address="127.0.0.1:0",  # no fixed port to collide on
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        threads = sum(client.nthreads().values()) or max(1, jobs)
        pending: Iterator[Task] = iter(tasks)
        chunks: dict[str, list[Task]] = {}

        def submit(count: int) -> list[Any]:
            futures = []
            for _ in range(count):
                chunk = list(islice(pending, max(1, chunk_size)))
                if not chunk:
                    break
                key = _key(chunk, run_token)
                chunks[key] = chunk
                futures.append(
                    client.submit(process_tasks, chunk, config, analyzer, key=key, pure=False)
                )
            return futures

        queue = as_completed(submit(threads * INFLIGHT_PER_WORKER))
        for future in queue:
            chunk = chunks.pop(future.key)
            try:
                results: list[DocResult] = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection: record it
                results = [
                    DocResult(
                        doc_id=task.doc_id,
                        status=STATUS_FAILED,
                        error_kind=type(exc).__name__,
                        error_message=f"the Dask task failed outside the analysis: {exc}",
                    )
                    for task in chunk
                ]
            future.release()
            for result in results:
                on_result(result)
            for new in submit(1):
                queue.add(new)
