"""The structure evaluation script scores a parse against gold paragraph tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from qararat.structure.evaluate import main, score_folder

DOC = "إن الجمعية العامة،\n\nإذ تشير إلى قرارها 70/1،\n\n1 - تحث الدول؛\n\n2 - تقرر.\n"


def _write(tmp_path: Path, gold_rows: list[str]) -> tuple[Path, Path]:
    docs, labels = tmp_path / "docs", tmp_path / "labels"
    docs.mkdir()
    labels.mkdir()
    (docs / "d1.txt").write_text(DOC, encoding="utf-8")
    (labels / "d1.tsv").write_text("kind\tnumber\n" + "\n".join(gold_rows) + "\n", "utf-8")
    return docs, labels


@pytest.mark.parametrize(
    ("gold", "exact", "matched"),
    [
        (["preambular\t", "operative\t1", "operative\t2"], 1, 3),
        (["preambular\t", "preambular\t", "operative\t1", "operative\t2"], 0, 3),
        (["preambular\t", "operative\t1", "operative\t3"], 0, 2),
    ],
)
def test_structure_evaluate_scores(
    tmp_path: Path, gold: list[str], exact: int, matched: int
) -> None:
    docs, labels = _write(tmp_path, gold)
    s = score_folder(docs, labels)
    assert (s.documents, s.exact, s.matched, s.gold) == (1, exact, matched, len(gold))


def test_structure_evaluate_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs, labels = _write(tmp_path, ["preambular\t", "operative\t1", "operative\t2"])
    assert main([str(docs), "--labels", str(labels)]) == 0
    assert "100.0%" in capsys.readouterr().out
    assert main([str(tmp_path / "missing"), "--labels", str(labels)]) == 2
