"""The local engine: a process pool on this machine with a bounded number of tasks in flight.

At most ``2 × jobs`` documents are submitted at a time, so the bytes and results held in memory
do not grow with the corpus. Workers are started with ``forkserver`` (``spawn`` where that does
not exist) so they do not inherit the main process's threads; each loads the OCR corrector once
in its initialiser. If a worker process dies (killed, out of memory, a crash in native code),
the pool is restarted and the documents that were in flight are retried one at a time, so only
the document that kills its worker is recorded as failed.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from qararat.batch.manifest import STATUS_FAILED
from qararat.batch.worker import Analyzer, DocResult, Task, init_worker, process_task

ResultCallback = Callable[[DocResult], None]
INFLIGHT_PER_WORKER = 2


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def crashed_result(task: Task, exc: BaseException) -> DocResult:
    """The failed result of a document whose worker died while it was in flight."""
    return DocResult(
        doc_id=task.doc_id,
        status=STATUS_FAILED,
        error_kind=type(exc).__name__,
        error_message=(
            "the worker process died while this document was in flight "
            f"(killed, out of memory or crashed): {exc}"
        ),
    )


def run_local(
    tasks: Iterable[Task],
    *,
    jobs: int,
    config: Any,
    on_result: ResultCallback,
    analyzer: Analyzer | None = None,
) -> None:
    """Process ``tasks`` on ``jobs`` worker processes, calling ``on_result`` as each finishes.

    When a worker dies, every document in flight at that moment is a suspect: the suspects are
    rerun one at a time in a fresh pool, so only the document that kills its worker is recorded
    as failed (``BrokenProcessPool``) and the others complete.

    Args:
        tasks: Documents; consumed lazily.
        jobs: Number of worker processes.
        config: The :class:`~qararat.analysis.AnalyzeConfig` of the run.
        on_result: Called in the main process with every :class:`DocResult`, in completion
            order.
        analyzer: Replacement for :func:`qararat.analysis.analyze` (module-level function).
    """
    pending: Iterator[Task] = iter(tasks)
    suspects: deque[Task] = deque()
    limit = max(1, jobs) * INFLIGHT_PER_WORKER
    while True:
        executor = cf.ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=_context(),
            initializer=init_worker,
            initargs=(config, analyzer),
        )
        try:
            crashed = _drive(executor, pending, suspects, limit, config, analyzer, on_result)
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        executor.shutdown(wait=not crashed)
        if crashed is None:
            return
        if len(crashed) == 1:
            on_result(crashed_result(crashed[0], BrokenProcessPool("process pool broken")))
        else:
            suspects.extend(crashed)


def _drive(
    executor: cf.ProcessPoolExecutor,
    pending: Iterator[Task],
    suspects: deque[Task],
    limit: int,
    config: Any,
    analyzer: Analyzer | None,
    on_result: ResultCallback,
) -> list[Task] | None:
    """Run suspects one by one, then the pending tasks; return the tasks in flight at a crash.

    Returns:
        ``None`` when every task is done, else the tasks whose worker pool broke.
    """
    while suspects:
        task = suspects.popleft()
        future = executor.submit(process_task, task, config, analyzer)
        try:
            result = future.result()
        except BrokenProcessPool:
            return [task]
        on_result(result)
    inflight: dict[cf.Future[DocResult], Task] = {}
    exhausted = False
    while True:
        while not exhausted and len(inflight) < limit:
            queued = next(pending, None)
            if queued is None:
                exhausted = True
                break
            inflight[executor.submit(process_task, queued, config, analyzer)] = queued
        if not inflight:
            return None
        done, _ = cf.wait(inflight, return_when=cf.FIRST_COMPLETED)
        crashed: list[Task] = []
        for future in done:
            task = inflight.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                crashed.append(task)
                continue
            on_result(result)
        if crashed:
            return crashed + list(inflight.values())
