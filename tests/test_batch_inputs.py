"""Finding batch inputs: doc_id safety and uniqueness, directory walks, loops, odd names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qararat.analysis import AnalyzeConfig
from qararat.batch import run_batch
from qararat.batch.inputs import (
    MAX_ID_BYTES,
    assign_doc_ids,
    discover,
    matches,
    sanitize_doc_id,
)
from qararat.batch.tables import read_table
from test_batch_support import fake_analyze, make_corpus


@pytest.mark.parametrize(
    "rel,expected",
    [
        ("A_RES_76_186.txt", "A_RES_76_186"),
        ("ga/76/186.txt", "ga__76__186"),
        ("../../evil.txt", "evil"),
        ("..\\..\\evil.txt", "evil"),
        ("/etc/passwd", "etc__passwd"),
        ("قرارات/الجمعية العامة.txt", "قرارات__الجمعية_العامة"),
        ("a b:c*?<>|.txt", "a_b_c"),
        ("...hidden.txt", "hidden"),
        ("x/..y/..z.txt", "x__y__z"),
        ("CON.txt", "_CON"),
        ("..", "doc"),
        ("", "doc"),
    ],
)
def test_batch_sanitize_doc_id(rel: str, expected: str) -> None:
    assert sanitize_doc_id(rel) == expected


@pytest.mark.parametrize(
    "rel",
    ["../" * 20 + "x.txt", "a\nb\tc\x00d.txt", "ي" * 400 + ".txt", "%2e%2e%2f.txt", "~/.ssh/id"],
)
def test_batch_doc_id_is_a_safe_file_name(rel: str) -> None:
    doc_id = sanitize_doc_id(rel)
    assert doc_id and "/" not in doc_id and "\\" not in doc_id and "\x00" not in doc_id
    assert ".." not in doc_id and not doc_id.startswith(".")
    assert len(doc_id.encode("utf-8")) <= MAX_ID_BYTES + 9


@pytest.mark.parametrize(
    "rels",
    [
        ["a/b.txt", "a__b.txt"],
        ["Doc.txt", "doc.txt"],
        ["x.txt", "x.md"],
        ["../x.txt", "x.txt", "./x.txt"],
    ],
)
def test_batch_colliding_doc_ids_get_unique_suffixes(rels: list[str]) -> None:
    items = [(f"root{i}/{rel}", rel) for i, rel in enumerate(rels)]
    ids = [f.doc_id for f in assign_doc_ids(items)]
    assert len({i.casefold() for i in ids}) == len(rels)
    assert ids == [f.doc_id for f in assign_doc_ids(list(reversed(items)))]


@pytest.mark.parametrize(
    "rel,pattern,expected",
    [
        ("a.txt", "*.txt", True),
        ("sub/a.txt", "*.txt", True),
        ("sub/a.md", "*.txt", False),
        ("sub/a.txt", "**/*.txt", True),
        ("sub/a.txt", "sub/*.txt", True),
        ("other/a.txt", "sub/*.txt", False),
        ("A_RES_1.txt", "A_RES_*", True),
        ("sub/a.docx", "*.txt,*.docx", True),  # several patterns, any may match
        ("sub/a.txt", "*.txt, *.docx", True),
        ("sub/a.pdf", "*.txt,*.docx", False),
    ],
)
def test_batch_glob_matching(rel: str, pattern: str, expected: bool) -> None:
    assert matches(rel, pattern) is expected


def test_batch_discover_walks_directories_recursively(tmp_path: Path) -> None:
    make_corpus(tmp_path, 3)
    (tmp_path / "notes.md").write_text("x", "utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("x", "utf-8")
    found = discover([tmp_path])
    assert [f.doc_id for f in found.files] == ["doc_000", "doc_001", "sub__doc_002"]
    assert [f.rel for f in found.files] == ["doc_000.txt", "doc_001.txt", "sub/doc_002.txt"]


def test_batch_discover_survives_symlink_loops(tmp_path: Path) -> None:
    make_corpus(tmp_path / "c", 2, nested=False)
    (tmp_path / "c" / "loop").symlink_to(tmp_path / "c", target_is_directory=True)
    (tmp_path / "c" / "self.txt").symlink_to(tmp_path / "c" / "self.txt")
    (tmp_path / "c" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    found = discover([tmp_path / "c"])
    assert [f.doc_id for f in found.files] == ["dangling", "doc_000", "doc_001", "self"]
    assert any("symbolic link loop" in w for w in found.warnings)


def test_batch_run_records_unreadable_links_as_errors(tmp_path: Path) -> None:
    make_corpus(tmp_path / "c", 2, nested=False)
    (tmp_path / "c" / "loop").symlink_to(tmp_path / "c", target_is_directory=True)
    (tmp_path / "c" / "self.txt").symlink_to(tmp_path / "c" / "self.txt")
    (tmp_path / "c" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run_batch([tmp_path / "c"], tmp_path / "out", jobs=1, config=AnalyzeConfig(),
                       analyzer=fake_analyze)
    assert (result.ok, result.failed) == (2, 2)
    errors = read_table(tmp_path / "out", "errors")
    assert errors["doc_id"].tolist() == ["dangling", "self"]
    assert set(errors["error_kind"]) == {"InputError"}


def test_batch_discover_skips_unreadable_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(tmp_path, 3)
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover([tmp_path])
    assert [f.doc_id for f in found.files] == ["doc_000", "doc_001"]
    assert any("Permission denied" in w for w in found.warnings)


def test_batch_discover_glob_patterns_and_missing_inputs(tmp_path: Path) -> None:
    make_corpus(tmp_path / "c", 3)
    found = discover([str(tmp_path / "c" / "**" / "*.txt"), str(tmp_path / "nothing-here")])
    assert [f.rel for f in found.files] == ["doc_000.txt", "doc_001.txt", "sub/doc_002.txt"]
    assert found.missing == [str(tmp_path / "nothing-here")]
    empty = discover([str(tmp_path / "c" / "*.pdf")])
    assert not empty.files and any("matched nothing" in w for w in empty.warnings)


def test_batch_discover_lists_a_file_reached_twice_once(tmp_path: Path) -> None:
    paths = make_corpus(tmp_path, 2, nested=False)
    (tmp_path / "link.txt").symlink_to(paths[0])
    found = discover([tmp_path, paths[0]])
    assert len(found.files) == 2


def test_batch_outputs_never_escape_outdir(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_corpus(src, 1, nested=False)
    text = (src / "doc_000.txt").read_text("utf-8")
    names = ["a\\..\\..\\b.txt", "-rf.txt", "x;rm.txt", "ملف عربي.txt", "\u202eevil.txt",
             "con.txt", "$(touch pwned).txt"]
    hidden = ["..evil.txt", "...txt"]  # skipped in directory walks, read when named
    for name in names + hidden:
        (src / name).write_text(text, "utf-8")
    before = {p for p in tmp_path.rglob("*") if "out" not in p.relative_to(tmp_path).parts}
    out = tmp_path / "out"
    inputs = [src, *(src / name for name in hidden)]
    result = run_batch(inputs, out, jobs=1, config=AnalyzeConfig(), analyzer=fake_analyze)
    expected = len(names) + len(hidden) + 1
    assert (result.ok, result.failed) == (expected, 0)
    after = {p for p in tmp_path.rglob("*") if "out" not in p.relative_to(tmp_path).parts}
    assert after == before
    json_files = sorted((out / "json").iterdir())
    assert len(json_files) == expected
    for path in json_files:
        assert path.resolve().parent == (out / "json").resolve()
        assert not path.name.startswith(".")
    documents = read_table(out, "documents")
    assert sorted(documents["doc_id"] + ".json") == [p.name for p in json_files]


def test_batch_outdir_inside_input_is_not_read_back(tmp_path: Path) -> None:
    make_corpus(tmp_path, 2, nested=False)
    kwargs = {"jobs": 1, "config": AnalyzeConfig(), "analyzer": fake_analyze, "pattern": "*"}
    first = run_batch([tmp_path], tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    second = run_batch([tmp_path], tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    assert first.total == second.total == 2
