"""``qararat stats``: tables from text files and batch folders, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from qararat.cli import main
from qararat.model import Header, Paragraph, Resolution
from qararat.themes.stats import documents_frame, paragraphs_frame

MINI = """الدورة الخامسة والسبعون
البند 100 من جدول الأعمال

قرار اتخذته الجمعية العامة في 10 كانون الأول/ديسمبر 2020

75/999 - حماية الأطفال المهاجرين

إن الجمعية العامة،

إذ تشير إلى قرارها 74/150 المؤرخ 18 كانون الأول/ديسمبر 2019،

وإذ يساورها بالغ القلق إزاء أثر جائحة كوفيد-19 على الأطفال المهاجرين،

1 - تحث الدول الأعضاء على تعزيز التعاون الدولي لمكافحة الاتجار بالأشخاص؛

2 - تطلب إلى الأمين العام أن يقدم إليها تقريرا عن تنفيذ هذا القرار في دورتها السادسة والسبعين.
"""


@pytest.fixture(scope="module")
def mini_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "mini.txt"
    path.write_text(MINI, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch")
    resolutions = [
        Resolution(
            doc_id=f"r{i}",
            source="",
            header=Header(session=70 + i, adopted=f"20{15 + i}-12-01"),
            paragraphs=[
                Paragraph(0, "preambular", "", label="recall", themes=["children"]),
                Paragraph(
                    1, "operative", "", number="1", label="urge", themes=["trafficking", "funding"]
                ),
            ],
        )
        for i in range(2)
    ]
    paragraphs_frame(resolutions).to_parquet(out / "paragraphs.parquet")
    documents_frame(resolutions).to_parquet(out / "documents.parquet")
    return out


def test_themes_cli_text_file_csv(mini_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["stats", str(mini_path), "--no-correct", "--table", "label_themes", "--format", "csv"]
    )
    out = capsys.readouterr().out
    assert status == 0
    frame = pd.read_csv(pd.io.common.StringIO(out))
    assert list(frame.columns) == ["doc_id", "label", "role", "strength", "theme", "n_paragraphs"]
    urged = set(frame.query("label == 'urge'")["theme"])
    assert {"trafficking", "international_cooperation"} <= urged
    assert "covid19" in set(frame.query("strength == 'weak'")["theme"])


def test_themes_cli_batch_dir_json(batch_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "stats.json"
    assert main(["stats", str(batch_dir), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "document_themes" in data and "session_themes" in data
    sessions = {row["session"] for row in data["session_themes"]}
    assert sessions == {70, 71}
    years = {row["year"] for row in data["year_themes"]}
    assert years == {2015, 2016}


def test_themes_cli_table_format_lists_every_table(
    batch_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(batch_dir)]) == 0
    out = capsys.readouterr().out
    assert "== document_themes ==" in out and "== cooccurrence ==" in out
    assert "trafficking" in out


def test_themes_cli_topics(batch_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the batch fixture has no text: topics need content words, so this is a clear error
    assert main(["stats", str(batch_dir), "--topics", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "paragraphs with content words" in err


def test_themes_cli_topics_on_text(mini_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        [
            "stats",
            str(mini_path),
            "--no-correct",
            "--topics",
            "2",
            "--table",
            "topic_terms",
            "--format",
            "csv",
        ]
    )
    assert status == 0
    frame = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert set(frame["topic"]) == {0, 1}


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "/nonexistent/file.txt"],
        ["stats", "/tmp"],
        ["stats", "{mini}", "--no-correct", "--table", "topic_terms"],
        ["stats", "{mini}", "--no-correct", "--topics", "0"],
    ],
)
def test_themes_cli_errors_are_one_line_exit_2(
    argv: list[str], mini_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("{mini}", str(mini_path)) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
