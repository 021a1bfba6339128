"""The Dask engine on a small LocalCluster gives the same output as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from qararat.analysis import AnalyzeConfig
from qararat.batch import run_batch
from qararat.batch.tables import read_table
from qararat.cli import main
from test_batch_support import FAIL_MARKER, assert_same_output, fake_analyze, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("dask_corpus")
    make_corpus(directory, 5)
    (directory / "boom.txt").write_text(f"إن الجمعية العامة {FAIL_MARKER}", "utf-8")
    (directory / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" * 8)
    return directory


def test_batch_dask_engine_matches_local_engine(corpus: Path, tmp_path: Path) -> None:
    kwargs = {"config": AnalyzeConfig(), "analyzer": fake_analyze}
    local = run_batch([corpus], tmp_path / "local", jobs=1, **kwargs)  # type: ignore[arg-type]
    dask = run_batch([corpus], tmp_path / "dask", jobs=2, engine="dask",
                     **kwargs)  # type: ignore[arg-type]
    assert (dask.ok, dask.failed) == (local.ok, local.failed) == (5, 2)
    assert_same_output(tmp_path / "local", tmp_path / "dask")
    errors = read_table(tmp_path / "dask", "errors")
    assert errors[["doc_id", "error_kind"]].values.tolist() == [
        ["binary", "InputError"], ["boom", "RuntimeError"]]
    resumed = run_batch([corpus], tmp_path / "dask", jobs=2, engine="dask",
                        **kwargs)  # type: ignore[arg-type]
    assert (resumed.skipped, resumed.ok, resumed.failed) == (5, 0, 2)


def test_batch_dask_cli_real_pipeline_matches_local(corpus: Path, tmp_path: Path) -> None:
    good = sorted(corpus.rglob("doc_*.txt"))[:3]
    args = [str(p) for p in good] + ["--no-correct", "-q"]
    assert main(["batch", *args, "-o", str(tmp_path / "local"), "-j", "1"]) == 0
    assert main(["batch", *args, "-o", str(tmp_path / "dask"), "-j", "2",
                 "--engine", "dask"]) == 0
    assert_same_output(tmp_path / "local", tmp_path / "dask")
    assert len(read_table(tmp_path / "dask", "paragraphs")) > 0
