"""``qararat batch`` end to end with the real pipeline: exit statuses, outputs, summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qararat.analysis import AnalyzeConfig, analyze
from qararat.batch.tables import read_table
from qararat.cli import main
from test_batch_support import make_corpus

SUMMARY = re.compile(
    r"^(\d+) documents: (\d+) ok, (\d+) failed, (\d+) skipped \(resumed\) in [\d.]+s, "
    r"[\d.]+ docs/s, \d+ words/s$"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli_corpus")
    make_corpus(directory, 3)
    return directory


def test_batch_cli_success_exit_zero_and_summary(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status = main(["batch", str(corpus), "-o", str(out), "-j", "2", "--no-correct"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    match = SUMMARY.match(captured.out.strip())
    assert match and match.groups() == ("3", "3", "0", "0")
    documents = read_table(out, "documents")
    assert documents["doc_id"].tolist() == ["doc_000", "doc_001", "sub__doc_002"]
    assert documents["n_paragraphs"].min() > 0
    assert (out / "manifest.parquet").is_file() and (out / "manifest.jsonl").is_file()
    assert json.loads((out / "run.json").read_text("utf-8"))["ok"] == 3
    # rerun: everything resumed
    assert main(["batch", str(corpus), "-o", str(out), "-j", "2", "--no-correct"]) == 0
    match = SUMMARY.match(capsys.readouterr().out.strip())
    assert match and match.groups() == ("3", "0", "0", "3")


def test_batch_cli_json_equals_analyze(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(corpus / "doc_001.txt"), "-o", str(out), "-q", "-j", "1",
                 "--no-correct"]) == 0
    expected = analyze(corpus / "doc_001.txt", AnalyzeConfig(correct=False)).to_dict()
    got = json.loads((out / "json" / "doc_001.json").read_text("utf-8"))
    assert got == expected
    paragraphs = read_table(out, "paragraphs")
    assert paragraphs["text"].tolist() == [p["text"] for p in expected["paragraphs"]]
    assert paragraphs["label"].tolist() == [p["label"] for p in expected["paragraphs"]]


def test_batch_cli_stats_and_report_written(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "-o", str(out), "-q", "-j", "1", "--no-correct"]) == 0
    stats = sorted(p.name for p in (out / "stats").iterdir())
    assert "corpus_themes.parquet" in stats and "corpus_themes.csv" in stats
    assert "<html" in (out / "report.html").read_text("utf-8").lower()


@pytest.mark.parametrize(
    "name,data",
    [("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ("zeros.txt", b"abc\x00\x00\x00" * 50)],
)
def test_batch_cli_corrupt_file_exit_one(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for path in sorted(corpus.glob("*.txt"))[:2]:
        (src / path.name).write_bytes(path.read_bytes())
    (src / name).write_bytes(data)
    out = tmp_path / "out"
    status = main(["batch", str(src), "-o", str(out), "-j", "1", "--no-correct"])
    captured = capsys.readouterr()
    assert status == 1
    assert "1 documents failed" in captured.err and "Traceback" not in captured.err
    assert SUMMARY.match(captured.out.strip()).groups()[:3] == ("3", "2", "1")  # type: ignore[union-attr]
    errors = read_table(out, "errors")
    assert errors["doc_id"].tolist() == [name[:-4]] and errors["path"].iloc[0].endswith(name)
    assert len(read_table(out, "documents")) == 2


@pytest.mark.parametrize(
    "argv,message",
    [
        (lambda p: ["batch", str(p / "empty"), "-o", str(p / "out")], "no input documents"),
        (lambda p: ["batch", str(p / "missing.txt"), "-o", str(p / "out")], "no such file"),
        (lambda p: ["batch", str(p / "c"), "-o", str(p / "file")], "not a directory"),
        (lambda p: ["batch", str(p / "c"), "-o", str(p / "out"), "-j", "0"], "--jobs"),
        (lambda p: ["batch", str(p / "c"), "-o", str(p / "out"), "--engine", "local",
                    "--scheduler", "tcp://127.0.0.1:1"], "--scheduler"),
        (lambda p: ["batch", str(p / "c"), "-o", str(p / "out"), "--threshold", "7"],
         "--threshold"),
        (lambda p: ["batch", str(p / "c"), "-o", str(p / "out"), "--engine", "spark"],
         "invalid choice"),
        (lambda p: ["batch", str(p / "c")], "required"),
    ],
)
def test_batch_cli_unusable_arguments_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv, message: str
) -> None:
    (tmp_path / "empty").mkdir()
    make_corpus(tmp_path / "c", 1, nested=False)
    (tmp_path / "file").write_text("x", "utf-8")
    assert main(argv(tmp_path)) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
