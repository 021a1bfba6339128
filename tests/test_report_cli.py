"""Tests of ``qararat report``: HTML and review CSV for files and batch folders, user errors."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import pytest

from browser.sample_docs import clean_resolution, sample_resolution, write_batch_dir
from qararat.report import cli


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    return write_batch_dir(
        [sample_resolution("doc_b"), clean_resolution("doc_a", 76, "health")], out
    )


def test_report_cli_register_adds_report_parser() -> None:
    parser = argparse.ArgumentParser(prog="qararat")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["report", "a.txt", "b.txt", "-o", "r.html", "--csv", "c.csv"])
    assert args.func is cli.run
    assert (args.inputs, args.output, args.csv) == (["a.txt", "b.txt"], "r.html", "c.csv")


def test_report_cli_corpus_report_and_csv(batch_dir: Path, tmp_path: Path) -> None:
    html_out, csv_out = tmp_path / "corpus.html", tmp_path / "corr.csv"
    assert cli.main([str(batch_dir), "-o", str(html_out), "--csv", str(csv_out)]) == 0
    page = html_out.read_text(encoding="utf-8")
    assert '<html dir="rtl" lang="ar">' in page and "doc_b" in page
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs detect UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == cli.CSV_COLUMNS
    assert len(rows) == len(sample_resolution().corrections) + 1
    low = next(r for r in rows if r["original"] == "الضحاىا")
    assert (low["doc"], low["rule"], low["applied"]) == ("doc_b", "lexicon", "False")
    assert low["alternatives"] == "الضحايا | الضحاءا"
    assert float(low["confidence"]) == pytest.approx(0.42)
    text = sample_resolution().original
    assert text[int(low["offset"]) : int(low["end"])] == "الضحاىا"


def test_report_cli_writes_stdout(batch_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(batch_dir), "--no-charts"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "<img" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{tmp}/missing.txt"], "missing.txt"),
        (["{tmp}/empty_dir"], "not a batch output folder"),
        (["{tmp}/empty_dir", "{tmp}/a.txt"], "not both"),
        (["{tmp}/a.txt", "--threshold", "1.5"], "--threshold"),
        (["{batch}", "-o", "{tmp}/no/such/dir/r.html"], "cannot write"),
    ],
)
def test_report_cli_user_errors(
    argv: list[str],
    message: str,
    tmp_path: Path,
    batch_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "a.txt").write_text("إن الجمعية العامة،\n", encoding="utf-8")
    argv = [a.format(tmp=tmp_path, batch=batch_dir) for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("qararat report: ")
    assert message in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_report_cli_analyses_files_end_to_end(tmp_path: Path) -> None:
    from qararat.cli import main

    source = Path(__file__).resolve().parents[1] / "corpora" / "ocr" / "clean" / "sc04_piracy.txt"
    html_out, csv_out = tmp_path / "r.html", tmp_path / "c.csv"
    assert main(["report", str(source), "-o", str(html_out), "--csv", str(csv_out)]) == 0
    page = html_out.read_text(encoding="utf-8")
    assert '<html dir="rtl" lang="ar">' in page and 'class="doc-text' in page
    assert "data:image/png;base64," in page
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    original = source.read_text(encoding="utf-8")
    for r in rows:
        assert original[int(r["offset"]) : int(r["end"])] == r["original"]
    assert page.count('class="corr ') == len({(r["offset"], r["end"]) for r in rows})
