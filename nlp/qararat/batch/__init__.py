"""Corpus runs: local and Dask engines, resumable manifests, Parquet tables.

Entry points: :func:`run_batch` (what ``qararat batch`` calls) and :class:`Corpus`.
"""

from qararat.batch.corpus import Corpus, CorpusTables
from qararat.batch.engine import BatchResult, BatchUsageError, run_batch

__all__ = ["BatchResult", "BatchUsageError", "Corpus", "CorpusTables", "run_batch"]
