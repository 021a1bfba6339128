"""Batch runs: tables, failures, resuming, determinism across worker counts."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from qararat.analysis import AnalyzeConfig
from qararat.batch import BatchUsageError, Corpus, run_batch
from qararat.batch.files import TMP_PREFIX, outdir_lock
from qararat.batch.manifest import read_manifest
from qararat.batch.tables import DATA_TABLES, SCHEMAS, read_table
from qararat.io import read_document
from test_batch_support import (
    CRASH_MARKER,
    FAIL_MARKER,
    assert_same_output,
    crashing_fake_analyze,
    fake_analyze,
    make_corpus,
)

CONFIG = AnalyzeConfig()


def _run(inputs: list[Path], outdir: Path, **kwargs: object):
    kwargs.setdefault("jobs", 1)
    kwargs.setdefault("config", CONFIG)
    return run_batch(inputs, outdir, analyzer=fake_analyze, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    make_corpus(directory, 8)
    return directory


@pytest.fixture(scope="module")
def clean_run(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    result = _run([corpus_dir], out, jobs=1)
    assert (result.ok, result.failed, result.skipped) == (8, 0, 0)
    return out


def test_batch_writes_every_table_with_doc_id_first(clean_run: Path) -> None:
    for name in (*DATA_TABLES, "manifest"):
        frame = read_table(clean_run, name)
        assert list(frame.columns) == SCHEMAS[name].names
        assert frame.columns[0] == "doc_id"
    documents = read_table(clean_run, "documents")
    assert documents["doc_id"].tolist() == sorted(documents["doc_id"])
    assert "sub__doc_002" in set(documents["doc_id"])
    paragraphs = read_table(clean_run, "paragraphs")
    assert len(paragraphs) == documents["n_paragraphs"].sum() > 0
    keys = list(zip(paragraphs["doc_id"], paragraphs["paragraph_index"], strict=True))
    assert keys == sorted(keys)


def test_batch_themes_table_has_one_row_per_paragraph_theme(clean_run: Path) -> None:
    paragraphs = read_table(clean_run, "paragraphs")
    themes = read_table(clean_run, "themes")
    expected = sum(len(t) for t in paragraphs["themes"])
    assert expected > 0
    assert len(themes) == expected
    assert not themes.duplicated(["doc_id", "paragraph_index", "theme"]).any()


def test_batch_json_is_the_analysis_json(clean_run: Path, corpus_dir: Path) -> None:
    doc = read_document(corpus_dir / "sub" / "doc_002.txt")
    doc.doc_id = "sub__doc_002"
    expected = fake_analyze(doc, CONFIG).to_dict()
    assert json.loads((clean_run / "json" / "sub__doc_002.json").read_text("utf-8")) == expected


def test_batch_manifest_records_hash_version_fingerprint(clean_run: Path, corpus_dir: Path) -> None:
    import hashlib

    import qararat

    manifest = read_table(clean_run, "manifest").set_index("doc_id")
    row = manifest.loc["doc_000"]
    data = (corpus_dir / "doc_000.txt").read_bytes()
    assert row["content_hash"] == hashlib.sha256(data).hexdigest()
    assert row["qararat_version"] == qararat.__version__
    assert row["config_fingerprint"] == CONFIG.fingerprint()
    assert row["status"] == "ok" and row["seconds"] >= 0


def test_batch_jobs_one_and_two_give_identical_tables(
    clean_run: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    result = _run([corpus_dir], tmp_path / "out2", jobs=2)
    assert result.ok == 8
    assert_same_output(clean_run, tmp_path / "out2")


@pytest.mark.parametrize(
    "name,data",
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("latin.txt", b"caf\xe9 na\xefve \xff\xfe\xfa r\xe9sum\xe9 " * 20),
        ("empty.txt", b""),
    ],
)
def test_batch_bad_file_is_recorded_and_others_complete(
    tmp_path: Path, name: str, data: bytes
) -> None:
    make_corpus(tmp_path / "in", 3, nested=False)
    (tmp_path / "in" / name).write_bytes(data)
    result = _run([tmp_path / "in"], tmp_path / "out")
    assert (result.ok, result.failed, result.exit_status) == (3, 1, 1)
    errors = read_table(tmp_path / "out", "errors")
    assert errors["doc_id"].tolist() == [name[:-4]]
    assert errors["error_kind"].tolist() == ["InputError"]
    assert name in errors["message"].iloc[0]
    assert len(read_table(tmp_path / "out", "documents")) == 3
    assert not (tmp_path / "out" / "json" / name.replace(".txt", ".json")).exists()


def test_batch_exception_inside_analysis_is_recorded(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 2, nested=False)
    (tmp_path / "in" / "boom.txt").write_text(f"إن الجمعية العامة {FAIL_MARKER}", "utf-8")
    result = _run([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert (result.ok, result.failed) == (2, 1)
    errors = read_table(tmp_path / "out", "errors")
    assert errors[["doc_id", "error_kind"]].values.tolist() == [["boom", "RuntimeError"]]
    assert "synthetic failure" in errors["message"].iloc[0]


def test_batch_worker_crash_is_recorded_and_run_continues(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 4, nested=False)
    (tmp_path / "in" / "crash.txt").write_text(f"إن الجمعية العامة {CRASH_MARKER}", "utf-8")
    kwargs = {"jobs": 1, "config": CONFIG, "analyzer": crashing_fake_analyze}
    first = run_batch([tmp_path / "in"], tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    assert first.failed >= 1 and first.ok + first.failed == 5
    errors = read_table(tmp_path / "out", "errors").set_index("doc_id")
    assert errors.loc["crash", "error_kind"] == "BrokenProcessPool"
    second = run_batch([tmp_path / "in"], tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    assert second.skipped == first.ok
    assert len(read_table(tmp_path / "out", "documents")) == 4
    assert read_table(tmp_path / "out", "errors")["doc_id"].tolist() == ["crash"]


def test_batch_resume_after_partial_run_matches_clean_run(
    clean_run: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    partial = tmp_path / "in"
    shutil.copytree(corpus_dir, partial)
    moved = sorted(partial.rglob("*.txt"))[::2]
    hidden = tmp_path / "later"
    hidden.mkdir()
    for i, path in enumerate(moved):
        path.rename(hidden / f"{i}.txt")
    first = _run([partial], tmp_path / "out")
    assert first.ok == 8 - len(moved)
    for i, path in enumerate(moved):
        (hidden / f"{i}.txt").rename(path)
    second = _run([partial], tmp_path / "out", jobs=2)
    assert (second.ok, second.skipped) == (len(moved), 8 - len(moved))
    _assert_same_modulo_paths(clean_run, tmp_path / "out", corpus_dir, partial)


def _assert_same_modulo_paths(a: Path, b: Path, root_a: Path, root_b: Path) -> None:
    for name in DATA_TABLES:
        fa, fb = read_table(a, name), read_table(b, name)
        for col in ("path", "message"):
            if col in fb:
                fb[col] = fb[col].str.replace(str(root_b), str(root_a), regex=False)
        pd.testing.assert_frame_equal(fa, fb, obj=name)


def test_batch_resume_skips_done_and_redoes_changed(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path / "in", 4, nested=False)
    out = tmp_path / "out"
    assert _run([tmp_path / "in"], out).ok == 4
    unchanged = _run([tmp_path / "in"], out)
    assert (unchanged.ok, unchanged.skipped, unchanged.tables_rebuilt) == (0, 4, False)
    paths[1].write_text(paths[1].read_text("utf-8") + "\nفقرة جديدة عن حقوق الإنسان في كل مكان.\n",
                        "utf-8")
    changed = _run([tmp_path / "in"], out)
    assert (changed.ok, changed.skipped, changed.tables_rebuilt) == (1, 3, True)
    assert _run([tmp_path / "in"], out, resume=False).ok == 4


def test_batch_config_change_redoes_everything(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 3, nested=False)
    out = tmp_path / "out"
    _run([tmp_path / "in"], out)
    other = _run([tmp_path / "in"], out, config=AnalyzeConfig(correct=False))
    assert (other.ok, other.skipped) == (3, 0)
    fingerprints = {e.config_fingerprint for e in read_manifest(out).values()}
    assert fingerprints == {AnalyzeConfig(correct=False).fingerprint()}


def test_batch_killed_run_resumes_to_clean_result(
    clean_run: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code = (
        "import sys; from pathlib import Path;"
        "from test_batch_support import slow_fake_analyze;"
        "from qararat.analysis import AnalyzeConfig; from qararat.batch import run_batch;"
        "run_batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, config=AnalyzeConfig(),"
        " analyzer=slow_fake_analyze)"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(corpus_dir), str(out)], env=env, start_new_session=True
    )
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if manifest.is_file() and len(manifest.read_text("utf-8").splitlines()) >= 2:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(read_manifest(out))
    assert 2 <= done < 8
    assert not (out / "documents.parquet").exists()
    resumed = _run([corpus_dir], out, jobs=2)
    assert resumed.skipped == done and resumed.ok == 8 - done
    assert not list(out.rglob(TMP_PREFIX + "*"))
    assert_same_output(clean_run, out)


def test_batch_ctrl_c_keeps_finished_documents(
    clean_run: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code = (
        "import sys; from pathlib import Path;"
        "from test_batch_support import slow_fake_analyze;"
        "from qararat.analysis import AnalyzeConfig; from qararat.batch import run_batch\n"
        "try:\n"
        "    run_batch([Path(sys.argv[1])], Path(sys.argv[2]), jobs=2, config=AnalyzeConfig(),"
        " analyzer=slow_fake_analyze)\n"
        "except KeyboardInterrupt:\n    sys.exit(130)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(corpus_dir), str(out)], env=env, start_new_session=True
    )
    try:
        manifest = out / "manifest.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if manifest.is_file() and len(manifest.read_text("utf-8").splitlines()) >= 2:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)  # main process only; workers ignore SIGINT anyway
        assert proc.wait(timeout=60) == 130
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    lines = manifest.read_text("utf-8").splitlines()
    assert all(json.loads(line)["status"] == "ok" for line in lines)
    assert 2 <= len(lines) < 8
    assert not list(out.rglob(TMP_PREFIX + "*"))
    resumed = _run([corpus_dir], out, jobs=1)
    assert resumed.skipped == len(lines) and resumed.ok == 8 - len(lines)
    assert_same_output(clean_run, out)


def test_batch_sweeps_temporaries_of_a_killed_run(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 1, nested=False)
    (tmp_path / "out" / "json").mkdir(parents=True)
    stale = tmp_path / "out" / "json" / f"{TMP_PREFIX}abc-doc_000.json"
    stale.write_text("{", "utf-8")
    _run([tmp_path / "in"], tmp_path / "out")
    assert not stale.exists()


def test_batch_truncated_manifest_line_is_ignored(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 2, nested=False)
    out = tmp_path / "out"
    _run([tmp_path / "in"], out)
    with open(out / "manifest.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"doc_id": "doc_000", "status": "fai')
    again = _run([tmp_path / "in"], out)
    assert (again.skipped, again.ok) == (2, 0)
    assert len(read_manifest(out)) == 2


def test_batch_refuses_outdir_locked_by_another_run(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 1, nested=False)
    out = tmp_path / "out"
    out.mkdir()
    code = (
        "import sys, time; from pathlib import Path; from qararat.batch.files import outdir_lock\n"
        "with outdir_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(30)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(out)], stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
        with pytest.raises(BatchUsageError, match="another qararat batch run"):
            _run([tmp_path / "in"], out)
    finally:
        proc.kill()
        proc.wait()
    with outdir_lock(out):  # released with the process
        pass


@pytest.mark.parametrize(
    "make_args,message",
    [
        (lambda p: ([p / "missing"], p / "out"), "no such file"),
        (lambda p: ([p / "in"], p / "in" / "doc_000.txt"), "not a directory"),
        (lambda p: ([p / "empty"], p / "out"), "no input documents"),
    ],
)
def test_batch_unusable_arguments_raise_usage_error(tmp_path: Path, make_args, message) -> None:
    make_corpus(tmp_path / "in", 1, nested=False)
    (tmp_path / "empty").mkdir()
    inputs, out = make_args(tmp_path)
    with pytest.raises(BatchUsageError, match=message):
        _run(inputs, out)


def test_batch_corpus_read_and_iterate(clean_run: Path, corpus_dir: Path) -> None:
    tables = Corpus.read(clean_run)
    assert len(tables.documents) == 8 and tables.errors.empty
    assert set(tables.themes["doc_id"]) <= set(tables.documents["doc_id"])
    assert tables.json("doc_000")["doc_id"] == "doc_000"
    res = tables.resolution("doc_000")  # the analysis read back, for qararat.compare
    assert res.doc_id == "doc_000"
    assert res.to_dict()["paragraphs"] == tables.json("doc_000")["paragraphs"]
    with pytest.raises(FileNotFoundError):
        tables.resolution("doc_999")
    corpus = Corpus.from_dir(corpus_dir)
    assert len(corpus) == 8
    assert [f.doc_id for f in corpus.files][:2] == ["doc_000", "doc_001"]
    assert corpus.paths[0] == corpus_dir / "doc_000.txt"


def test_batch_corpus_run_writes_tables(corpus_dir: Path, tmp_path: Path) -> None:
    corpus = Corpus.from_dir(corpus_dir, glob="**/doc_00[01].txt")
    result = corpus.run(tmp_path / "out", jobs=1, config=CONFIG, analyzer=fake_analyze)
    assert result.ok == 2
    assert Corpus.read(tmp_path / "out").documents["doc_id"].tolist() == ["doc_000", "doc_001"]
