"""Corpus runs: find the inputs, skip what is done, analyse the rest in parallel, write tables.

:func:`run_batch` is what ``qararat batch`` and :meth:`qararat.batch.corpus.Corpus.run` call.
A run goes:

1. validate the arguments and lock ``OUTDIR`` (one run per output directory at a time);
2. find the documents (:mod:`qararat.batch.inputs`), give each a ``doc_id``;
3. read each file, hash its bytes; with ``resume`` skip documents whose manifest entry says they
   were done with the same bytes, configuration fingerprint and qararat version;
4. analyse the others on the local or Dask engine; as each finishes, its JSON is written
   atomically to ``OUTDIR/json/<doc_id>.json`` and a manifest line is appended and fsynced, so
   a run killed at any point resumes where it stopped;
5. rebuild the Parquet tables from the per-document results (skipped when nothing changed since
   the last build), then the corpus statistics and the HTML report when those modules exist;
6. write ``OUTDIR/run.json`` with the counts and timings of the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any

from qararat import __version__
from qararat.batch.files import (
    OutdirLockedError,
    atomic_write,
    atomic_write_text,
    outdir_lock,
    sweep_temporaries,
)
from qararat.batch.inputs import InputFile, discover
from qararat.batch.manifest import (
    STATUS_FAILED,
    STATUS_OK,
    ManifestEntry,
    ManifestWriter,
    read_manifest,
)
from qararat.batch.tables import (
    DATA_TABLES,
    JSON_DIR,
    build_tables,
    json_path,
    read_table,
    write_manifest_table,
)
from qararat.batch.worker import Analyzer, DocResult, Task

ENGINES = ("local", "dask")
RUN_JSON = "run.json"
STATS_DIR = "stats"
REPORT_HTML = "report.html"
TABLES_STATE = ".qararat-tables-state"
TABLES_FORMAT = 1  # bump when table columns change, so old outputs are rebuilt

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2

Logger = Callable[[str], None]


class BatchUsageError(ValueError):
    """The arguments of a batch run cannot be used (no inputs, OUTDIR is a file …)."""


@dataclass
class BatchResult:
    """What a batch run did.

    Attributes:
        outdir: The output directory.
        total: Documents found.
        ok: Documents analysed successfully in this run.
        failed: Documents that failed in this run.
        skipped: Documents skipped because a previous run had done them (``--resume``).
        seconds: Wall time of the whole run.
        words: Words of cleaned text of the documents analysed in this run.
        warnings: Inputs skipped while searching (loops, unreadable directories …).
        notes: Optional outputs that were not produced, and why.
        tables_rebuilt: False when the tables were already up to date.
    """

    outdir: Path
    total: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables_rebuilt: bool = False

    @property
    def processed(self) -> int:
        """Documents analysed (successfully or not) in this run."""
        return self.ok + self.failed

    @property
    def docs_per_second(self) -> float:
        """Documents analysed per second of wall time."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_second(self) -> float:
        """Words of analysed documents per second of wall time."""
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_status(self) -> int:
        """0 when every document is done, 1 when some failed."""
        return EXIT_SOME_FAILED if self.failed else EXIT_OK

    def summary_line(self) -> str:
        """``N documents: N ok, N failed, N skipped (resumed) in Ts, D docs/s, W words/s``."""
        return (
            f"{self.total} documents: {self.ok} ok, {self.failed} failed, "
            f"{self.skipped} skipped (resumed) in {self.seconds:.1f}s, "
            f"{self.docs_per_second:.2f} docs/s, {self.words_per_second:.0f} words/s"
        )


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _default_config() -> Any:
    from qararat.analysis import AnalyzeConfig

    return AnalyzeConfig()


def _prepare_outdir(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise BatchUsageError(f"output directory {outdir} exists and is not a directory")
    try:
        (outdir / JSON_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchUsageError(
            f"cannot create output directory {outdir}: {exc.strerror or exc}"
        ) from None
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise BatchUsageError(f"output directory {outdir} is not writable")


def _state_digest(entries: list[ManifestEntry]) -> str:
    # a document analysed again changes the digest (new finished_at); one that failed again
    # the same way does not, so a resumed run with a permanently bad file rebuilds nothing
    payload = [
        (e.doc_id, e.status, e.content_hash, e.config_fingerprint, e.qararat_version, e.path,
         e.finished_at if e.status == STATUS_OK else (e.error_kind, e.error_message))
        for e in entries
    ]
    text = json.dumps([TABLES_FORMAT, list(DATA_TABLES), payload], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tables_current(outdir: Path, digest: str) -> bool:
    state = outdir / TABLES_STATE
    try:
        if state.read_text(encoding="utf-8").strip() != digest:
            return False
    except OSError:
        return False
    return all((outdir / f"{name}.parquet").is_file() for name in DATA_TABLES)


def _stats_frames(result: Any) -> dict[str, Any]:
    """Name → DataFrame from whatever ``theme_stats`` returns (a mapping, a frame, a record)."""
    import pandas as pd

    if isinstance(result, pd.DataFrame):
        return {"theme_stats": result}
    if isinstance(result, Mapping):
        items = dict(result)
    elif hasattr(result, "_asdict"):
        items = result._asdict()
    elif is_dataclass(result) and not isinstance(result, type):
        items = {k: getattr(result, k) for k in asdict(result)}
    else:
        items = dict(vars(result))
    return {str(k): v for k, v in items.items() if isinstance(v, pd.DataFrame)}


def write_stats(outdir: Path, notes: list[str]) -> list[str]:
    """Write corpus statistics to ``OUTDIR/stats/<name>.parquet`` and ``.csv``.

    Uses ``qararat.themes.stats.theme_stats(paragraphs, documents)``; when that is not
    installed, or fails, a note says so and nothing is written.

    Returns:
        Names of the tables written.
    """
    try:
        from qararat.themes.stats import theme_stats
    except ImportError as exc:
        notes.append(f"corpus statistics skipped: qararat.themes.stats unavailable ({exc})")
        return []
    import pandas as pd

    paragraphs = read_table(outdir, "paragraphs")
    documents = read_table(outdir, "documents")
    try:
        frames = _stats_frames(theme_stats(paragraphs, documents))
    except Exception as exc:  # noqa: BLE001 - optional output; the tables are already written
        notes.append(f"corpus statistics failed: {type(exc).__name__}: {exc}")
        return []
    stats_dir = outdir / STATS_DIR
    stats_dir.mkdir(exist_ok=True)
    written = []
    for name, frame in sorted(frames.items()):
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name) or "stats"
        unnamed_range = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
        frame = frame.reset_index(drop=unnamed_range)
        atomic_write(stats_dir / f"{safe}.parquet", partial(frame.to_parquet, index=False))
        atomic_write(
            stats_dir / f"{safe}.csv", partial(frame.to_csv, index=False, encoding="utf-8")
        )
        written.append(safe)
    return written


def write_report(outdir: Path, notes: list[str]) -> bool:
    """Write ``OUTDIR/report.html`` with ``qararat.report.render_corpus_report`` if available."""
    try:
        from qararat.report import render_corpus_report
    except ImportError as exc:
        notes.append(f"HTML report skipped: qararat.report unavailable ({exc})")
        return False
    try:
        html = render_corpus_report(outdir)
    except Exception as exc:  # noqa: BLE001 - an optional output must not lose the run's tables
        notes.append(f"HTML report failed: {type(exc).__name__}: {exc}")
        return False
    atomic_write_text(outdir / REPORT_HTML, html)
    return True


class _Run:
    """State of one run: counts, manifest, progress; receives results from an engine."""

    def __init__(
        self,
        outdir: Path,
        files: list[InputFile],
        *,
        fingerprint: str,
        resume: bool,
        progress: bool,
        run_id: str,
    ) -> None:
        self.outdir = outdir
        self.files = files
        self.fingerprint = fingerprint
        self.run_id = run_id
        self.latest = read_manifest(outdir) if resume else {}
        self.resume = resume
        self.pending: dict[str, tuple[InputFile, str, int]] = {}
        self.counts = {"ok": 0, "failed": 0, "skipped": 0, "words": 0}
        self.manifest = ManifestWriter(outdir)
        self.bar = self._progress_bar(len(files), progress)

    @staticmethod
    def _progress_bar(total: int, enabled: bool) -> Any:
        from tqdm import tqdm

        return tqdm(
            total=total,
            unit="doc",
            desc="qararat batch",
            file=sys.stderr,
            disable=not enabled,
            dynamic_ncols=True,
            smoothing=0.1,
        )

    def tasks(self) -> Any:
        """Yield a :class:`Task` for every document that needs analysing (lazily)."""
        for file in self.files:
            try:
                data = Path(file.path).read_bytes()
            except OSError as exc:
                reason = exc.strerror or str(exc)
                self._record(file, "", 0, DocResult(
                    doc_id=file.doc_id, status=STATUS_FAILED, error_kind="InputError",
                    error_message=f"{file.path}: cannot read ({reason})"))
                continue
            digest = hashlib.sha256(data).hexdigest()
            previous = self.latest.get(file.doc_id)
            if (
                self.resume
                and previous is not None
                and previous.path == file.path
                and previous.is_done(digest, self.fingerprint, __version__)
                and json_path(self.outdir, file.doc_id).is_file()
            ):
                self.counts["skipped"] += 1
                self._tick()
                continue
            self.pending[file.doc_id] = (file, digest, len(data))
            yield Task(doc_id=file.doc_id, path=file.path, data=data)

    def on_result(self, result: DocResult) -> None:
        """Store one result: JSON atomically first, then the manifest line."""
        file, digest, size = self.pending.pop(result.doc_id)
        self._record(file, digest, size, result)

    def _record(self, file: InputFile, digest: str, size: int, result: DocResult) -> None:
        target = json_path(self.outdir, file.doc_id)
        if result.status == STATUS_OK and result.json_text is not None:
            atomic_write_text(target, result.json_text, durable=True)
        else:
            target.unlink(missing_ok=True)  # a stale result of earlier content must not linger
        entry = ManifestEntry(
            doc_id=file.doc_id,
            path=file.path,
            rel_path=file.rel,
            content_hash=digest,
            size_bytes=size,
            qararat_version=__version__,
            config_fingerprint=self.fingerprint,
            status=result.status,
            error_kind=result.error_kind,
            error_message=result.error_message,
            n_chars=result.n_chars,
            n_words=result.n_words,
            n_paragraphs=result.n_paragraphs,
            seconds=round(result.seconds, 6),
            worker=result.worker,
            finished_at=_utc_now(),
            run_id=self.run_id,
        )
        self.manifest.append(entry)
        self.latest[file.doc_id] = entry
        if result.status == STATUS_OK:
            self.counts["ok"] += 1
            self.counts["words"] += result.n_words
        else:
            self.counts["failed"] += 1
        self._tick()

    def _tick(self) -> None:
        self.bar.update(1)
        if not self.bar.disable:
            self.bar.set_postfix(
                ok=self.counts["ok"], failed=self.counts["failed"],
                skipped=self.counts["skipped"], refresh=False,
            )

    def entries(self) -> list[ManifestEntry]:
        return [self.latest[f.doc_id] for f in self.files if f.doc_id in self.latest]


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = True,
    config: Any = None,
    pattern: str = "*.txt",
    progress: bool = False,
    log: Logger | None = None,
    analyzer: Analyzer | None = None,
    adapt: bool = False,
) -> BatchResult:
    """Analyse a corpus into ``outdir`` (see the module docstring for the steps).

    Args:
        inputs: Files, directories (searched recursively) or glob patterns.
        outdir: Output directory; created if needed.
        jobs: Worker processes (default: all cores).
        engine: ``local`` (process pool) or ``dask``.
        scheduler: Dask scheduler address; implies nothing for the local engine (an error).
        resume: Skip documents already done with the same bytes, config and version.
        config: :class:`~qararat.analysis.AnalyzeConfig`; default: everything on.
        pattern: File-name pattern for directory inputs.
        progress: Show a progress bar on stderr.
        log: Receives warnings and notes as one-line messages (default: dropped).
        analyzer: ``(Document, config) -> Resolution`` to run instead of
            :func:`qararat.analysis.analyze` (a module-level function, so worker processes can
            import it); ``config`` is still fingerprinted for resuming.
        adapt: First count words and word pairs over the whole corpus
            (``OUTDIR/corpus_ngrams.tsv.gz``) and let the OCR ranking use them
            (:attr:`~qararat.analysis.AnalyzeConfig.corpus_ngrams`). With a remote Dask
            scheduler, OUTDIR must be on a disk the workers share.

    Returns:
        A :class:`BatchResult`.

    Raises:
        BatchUsageError: Unusable arguments (no inputs found, OUTDIR is a file, unknown engine,
            another run holds OUTDIR …).
        KeyboardInterrupt: Interrupted; everything finished so far is kept for ``resume``.
    """
    started = time.perf_counter()
    say = log or (lambda _message: None)
    if engine not in ENGINES:
        raise BatchUsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise BatchUsageError("--scheduler needs the dask engine")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise BatchUsageError(f"--jobs must be at least 1, not {jobs}")
    if not inputs:
        raise BatchUsageError("no inputs given")
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise BatchUsageError(f"output directory {out} exists and is not a directory")
    found = discover(list(inputs), pattern=pattern, exclude=[out])
    if found.missing:
        raise BatchUsageError(
            "no such file, directory or matching pattern: " + ", ".join(found.missing)
        )
    if not found.files:
        raise BatchUsageError(f"no input documents found (pattern {pattern!r})")
    _prepare_outdir(out)
    config = _default_config() if config is None else config
    if adapt:
        config = _adapted_config(config, found.files, out)
    fingerprint = config.fingerprint() if hasattr(config, "fingerprint") else repr(config)
    for warning in found.warnings:
        say(f"warning: {warning}")
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(outdir_lock(out))
        except OutdirLockedError as exc:
            raise BatchUsageError(str(exc)) from None
        sweep_temporaries(out)
        result = BatchResult(outdir=out, total=len(found.files), warnings=list(found.warnings))
        run_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{os.getpid()}"
        state = _Run(
            out, found.files, fingerprint=fingerprint, resume=resume, progress=progress,
            run_id=run_id,
        )
        try:
            with state.manifest:
                if engine == "dask":
                    from qararat.batch.dask_engine import run_dask

                    run_dask(state.tasks(), jobs=jobs, config=config, on_result=state.on_result,
                             scheduler=scheduler, run_token=run_id, analyzer=analyzer)
                else:
                    from qararat.batch.local import run_local

                    run_local(state.tasks(), jobs=jobs, config=config, on_result=state.on_result,
                              analyzer=analyzer)
        finally:
            state.bar.close()
            result.ok = state.counts["ok"]
            result.failed = state.counts["failed"]
            result.skipped = state.counts["skipped"]
            result.words = state.counts["words"]
        _finish(out, state.entries(), result)
        for note in result.notes:
            say(f"note: {note}")
        result.seconds = time.perf_counter() - started
        _write_run_json(out, result, fingerprint, engine, jobs, inputs, run_id)
        return result
    raise AssertionError("unreachable")  # pragma: no cover - the with block always returns


def _finish(out: Path, entries: list[ManifestEntry], result: BatchResult) -> None:
    """Write the manifest table; rebuild data tables, statistics and report if out of date."""
    write_manifest_table(out, entries)
    digest = _state_digest(entries)
    if _tables_current(out, digest):
        return
    (out / TABLES_STATE).unlink(missing_ok=True)
    build_tables(out, entries)
    result.tables_rebuilt = True
    write_stats(out, result.notes)
    write_report(out, result.notes)
    atomic_write_text(out / TABLES_STATE, digest + "\n")


def _write_run_json(
    out: Path,
    result: BatchResult,
    fingerprint: str,
    engine: str,
    jobs: int,
    inputs: Sequence[Any],
    run_id: str,
) -> None:
    info = {
        "run_id": run_id,
        "qararat_version": __version__,
        "config_fingerprint": fingerprint,
        "engine": engine,
        "jobs": jobs,
        "inputs": [os.fspath(i) for i in inputs],
        "documents": result.total,
        "ok": result.ok,
        "failed": result.failed,
        "skipped": result.skipped,
        "words": result.words,
        "seconds": round(result.seconds, 3),
        "docs_per_second": round(result.docs_per_second, 3),
        "words_per_second": round(result.words_per_second, 1),
        "tables_rebuilt": result.tables_rebuilt,
        "warnings": result.warnings,
        "notes": result.notes,
        "finished_at": _utc_now(),
    }
    with contextlib.suppress(OSError):
        atomic_write_text(out / RUN_JSON, json.dumps(info, ensure_ascii=False, indent=2) + "\n")


CORPUS_NGRAMS = "corpus_ngrams.tsv.gz"


def _adapted_config(config: Any, files: Sequence[InputFile], out: Path) -> Any:
    """Count the corpus (readable documents only) and point the config at the counts."""
    from dataclasses import replace

    from qararat.analysis import write_corpus_ngrams
    from qararat.io import InputError, read_document

    def texts() -> Iterator[str]:
        for f in files:
            try:
                yield read_document(f.path).text
            except InputError:
                continue  # reported as an error when the document itself is processed

    tmp = out / f".{CORPUS_NGRAMS}.tmp"
    write_corpus_ngrams(texts(), tmp)
    target = out / CORPUS_NGRAMS
    os.replace(tmp, target)
    return replace(config, corpus_ngrams=str(target.resolve()))
