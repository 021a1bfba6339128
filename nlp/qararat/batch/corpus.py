"""``Corpus``: a collection of resolution files, analysed one by one or as a batch run.

    >>> from qararat.batch.corpus import Corpus
    >>> corpus = Corpus.from_dir("corpora/dev")            # doctest: +SKIP
    >>> result = corpus.run("out/dev", jobs=2)             # doctest: +SKIP
    >>> tables = Corpus.read("out/dev")                    # doctest: +SKIP
    >>> tables.paragraphs.groupby("label").size()          # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from qararat.batch.engine import STATS_DIR, BatchResult, run_batch
from qararat.batch.inputs import InputFile, discover
from qararat.batch.tables import json_path, read_table
from qararat.batch.worker import Analyzer
from qararat.model import Resolution


class CorpusTables:
    """The tables of a finished batch run, loaded from ``OUTDIR`` on first access.

    Attributes:
        outdir: The run's output directory.
    """

    def __init__(self, outdir: str | os.PathLike[str]) -> None:
        """Open the output of a batch run.

        Args:
            outdir: Directory a batch run wrote.

        Raises:
            FileNotFoundError: When ``outdir`` holds no batch output.
        """
        self.outdir = Path(outdir)
        if not (self.outdir / "documents.parquet").is_file():
            raise FileNotFoundError(f"{self.outdir}: no batch output here (documents.parquet)")
        self._cache: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        """One table by name (``documents``, ``paragraphs``, ``themes`` …)."""
        if name not in self._cache:
            self._cache[name] = read_table(self.outdir, name)
        return self._cache[name]

    def resolution(self, doc_id: str) -> Resolution:
        """One document's full analysis, read back from the run's ``json/`` folder (for
        :func:`qararat.compare` or a closer look), without analysing it again.

        Raises:
            FileNotFoundError: The run holds no analysis for ``doc_id``.
        """
        from qararat.model import Resolution

        return Resolution.from_dict(self.json(doc_id))

    @property
    def documents(self) -> pd.DataFrame:
        """One row per analysed document: header fields and counts."""
        return self.table("documents")

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: kind, number, label, addressees, themes, text."""
        return self.table("paragraphs")

    @property
    def corrections(self) -> pd.DataFrame:
        """One row per OCR/normalisation correction (spans on the original text)."""
        return self.table("corrections")

    @property
    def footnotes(self) -> pd.DataFrame:
        """One row per footnote."""
        return self.table("footnotes")

    @property
    def references(self) -> pd.DataFrame:
        """One row per reference (resolutions, document symbols, dates)."""
        return self.table("references")

    @property
    def themes(self) -> pd.DataFrame:
        """One row per document × paragraph × theme."""
        return self.table("themes")

    @property
    def warnings(self) -> pd.DataFrame:
        """One row per document warning."""
        return self.table("warnings")

    @property
    def errors(self) -> pd.DataFrame:
        """One row per failed document: path, error kind, message."""
        return self.table("errors")

    @property
    def manifest(self) -> pd.DataFrame:
        """One row per document: path, content hash, version, config, status, timings."""
        return self.table("manifest")

    @property
    def stats(self) -> dict[str, pd.DataFrame]:
        """Corpus statistics tables by name (empty when none were written)."""
        stats_dir = self.outdir / STATS_DIR
        if not stats_dir.is_dir():
            return {}
        return {p.stem: pd.read_parquet(p) for p in sorted(stats_dir.glob("*.parquet"))}

    def json(self, doc_id: str) -> dict[str, Any]:
        """The JSON result of one document (as ``qararat analyze`` prints it)."""
        return json.loads(json_path(self.outdir, doc_id).read_text(encoding="utf-8"))

    def __repr__(self) -> str:
        return f"CorpusTables({str(self.outdir)!r})"


class Corpus:
    """Resolution files to analyse: iterate for Resolutions, or :meth:`run` a batch.

    The file list is found lazily, on first use.
    """

    def __init__(self, inputs: Sequence[str | os.PathLike[str]], *, glob: str = "*.txt") -> None:
        """Collect inputs.

        Args:
            inputs: Files, directories (searched recursively) or glob patterns.
            glob: File-name pattern for directories.
        """
        self.inputs = [os.fspath(i) for i in inputs]
        self.glob = glob
        self._files: list[InputFile] | None = None

    @classmethod
    def from_dir(cls, path: str | os.PathLike[str], glob: str = "**/*.txt") -> Corpus:
        """All files under ``path`` matching ``glob`` (recursively)."""
        return cls([path], glob=glob)

    @classmethod
    def read(cls, outdir: str | os.PathLike[str]) -> CorpusTables:
        """Open the tables of a finished batch run in ``outdir``."""
        return CorpusTables(outdir)

    @property
    def files(self) -> list[InputFile]:
        """The documents, sorted by ``doc_id``.

        Raises:
            FileNotFoundError: When an input names nothing that exists.
        """
        if self._files is None:
            found = discover(self.inputs, pattern=self.glob)
            if found.missing:
                raise FileNotFoundError(
                    "no such file, directory or matching pattern: " + ", ".join(found.missing)
                )
            self._files = found.files
        return self._files

    @property
    def paths(self) -> list[Path]:
        """Paths of the documents, in ``doc_id`` order."""
        return [Path(f.path) for f in self.files]

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[Resolution]:
        """Analyse the documents one by one in this process (raises on an unusable file)."""
        return self.resolutions()

    def resolutions(self, config: Any = None) -> Iterator[Resolution]:
        """Yield the :class:`~qararat.model.Resolution` of every document, in ``doc_id`` order.

        Args:
            config: :class:`~qararat.analysis.AnalyzeConfig`; default: everything on.

        Raises:
            qararat.io.InputError: A file cannot be read or decoded.
        """
        from qararat.analysis import analyze
        from qararat.io import read_document

        for file in self.files:
            document = read_document(file.path)
            document.doc_id = file.doc_id
            res = analyze(document, config)
            res.doc_id = file.doc_id
            yield res

    def run(
        self,
        outdir: str | os.PathLike[str],
        *,
        jobs: int | None = None,
        engine: str = "local",
        scheduler: str | None = None,
        resume: bool = True,
        config: Any = None,
        progress: bool = False,
        analyzer: Analyzer | None = None,
        adapt: bool = False,
    ) -> BatchResult:
        """Analyse the corpus into ``outdir`` (see :func:`qararat.batch.engine.run_batch`)."""
        return run_batch(
            self.inputs,
            outdir,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            resume=resume,
            config=config,
            pattern=self.glob,
            progress=progress,
            analyzer=analyzer,
            adapt=adapt,
        )

    def __repr__(self) -> str:
        return f"Corpus({self.inputs!r}, glob={self.glob!r})"
