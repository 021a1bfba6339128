"""Tests for the qararat command line: interfaces and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qararat import __version__
from qararat.cli import main

GOOD = (
    "الدورة السادسة والسبعون\n\nإن الجمعية العامة،\n\n"
    "إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015،\n\n"
    "1 - تحث الدول الأعضاء على التعاون؛\n\n2 - تطلب إلى الأمين العام أن يقدم تقريرا.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_cli_analyze_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "good.txt", GOOD.encode())
    assert main(["analyze", str(p), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"doc_id", "source", "header", "paragraphs", "footnotes", "references",
                         "corrections", "warnings"}
    kinds = [p["kind"] for p in data["paragraphs"]]
    assert kinds == ["preambular", "operative", "operative"]
    assert data["paragraphs"][1]["label"] == "urge"


def test_cli_analyze_several_files_gives_a_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _write(tmp_path, "a.txt", GOOD.encode())
    b = _write(tmp_path, "b.txt", GOOD.encode("cp1256"))
    assert main(["analyze", str(a), str(b)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["doc_id"] for d in data] == ["a", "b"]
    assert data[1]["encoding"] == "cp1256"


def test_cli_clean_keeps_lines(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    corr = tmp_path / "corrections.json"
    assert main(["clean", str(sample_path), "-o", str(out), "--corrections", str(corr)]) == 0
    original = sample_path.read_text(encoding="utf-8")
    cleaned = out.read_text(encoding="utf-8")
    assert cleaned.count("\n") == original.count("\n")
    assert "الإنترپول" not in cleaned
    assert "76/186 - تحسين" in cleaned
    corrections = json.loads(corr.read_text(encoding="utf-8"))
    assert all(original[c["start"] : c["end"]] == c["original"] for c in corrections)


BAD_INPUTS = [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t \n", "whitespace"),
    ("nul.txt", b"\x00\x01binary\x00" * 50, "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
    ("latin1.txt", "L'Assemblée générale, réaffirmant…".encode("latin-1", "replace") * 9,
     "not valid UTF-8"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS)
def test_cli_bad_input_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, reason: str
) -> None:
    p = _write(tmp_path, name, data)
    assert main(["analyze", str(p)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(p) in err
    assert reason.lower() in err.lower()
    assert "Traceback" not in err


def test_cli_bad_file_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path, "good.txt", GOOD.encode())
    bad = _write(tmp_path, "bad.txt", b"\x00" * 64)
    assert main(["analyze", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [d["doc_id"] for d in data] == ["good"]
    assert "bad.txt" in captured.err


def test_cli_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["clean", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


def test_cli_too_large_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse 50 MB file
    assert main(["analyze", str(p)]) == 2
    assert "too large" in capsys.readouterr().err


def test_cli_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze"]) == 2
    assert main(["analyze", "x", "--threshold", "7"]) == 2
    assert main([]) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_cli_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _write(tmp_path, "secret.txt", GOOD.encode())
    p.chmod(0)
    assert main(["analyze", str(p)]) == 2
    assert "permission denied" in capsys.readouterr().err


def test_cli_stdin_and_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "qararat", "analyze", "-", "--format", "summary", "--no-correct"],
        input=GOOD.encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert "2 operative" in proc.stdout.decode()
