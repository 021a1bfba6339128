"""Hardening: bad and odd input through the command line and the Python API.

``test_cli.py``, ``test_io.py`` and ``test_analysis.py`` cover the basic cases (empty, binary,
undecodable, missing files for ``analyze``; decoding in ``io``; odd documents through
``analyze()``). Here: every encoding and odd document through the CLI subcommands, unusable
input for every subcommand, a 5 MB single line, invisible characters that must not change the
analysis, and the process-level promise that no input ends in a traceback.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from qararat.analysis import AnalyzeConfig, analyze, clean
from qararat.cli import main
from qararat.io import InputError

ROOT = Path(__file__).resolve().parent.parent

GOOD = (
    "الدورة السادسة والسبعون\n\nإن الجمعية العامة،\n\n"
    "إذ تشير إلى قرارها 70/1 المؤرخ 25 أيلول/سبتمبر 2015،\n\n"
    "1 - تحث الدول الأعضاء على التعاون؛\n\n"
    "2 - تطلب إلى الأمين العام أن يقدم تقريرا.\n"
)
GOOD_LABELS = [("preambular", "recall"), ("operative", "urge"), ("operative", "request")]

# (file encoding as written, bytes, encoding reported by qararat)
ENCODED = [
    ("utf-8-sig", codecs.BOM_UTF8 + GOOD.encode("utf-8"), "utf-8"),
    ("utf-16 BOM", GOOD.encode("utf-16"), "utf-16"),
    ("utf-16-be BOM", codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), "utf-16"),
    ("utf-32 BOM", GOOD.encode("utf-32"), "utf-32"),
    ("cp1256", GOOD.encode("cp1256"), "cp1256"),
]

# Odd but usable documents: (name, text, warning kind expected or None)
ODD = [
    (
        "no_header",
        "إذ تشير إلى قرارها 70/1،\n\n1 - تحث الدول الأعضاء على التعاون؛\n\n"
        "2 - تطلب إلى الأمين العام أن يقدم تقريرا.\n",
        "opening_missing",
    ),
    (
        "no_numbering",
        "إن الجمعية العامة،\n\nإذ تشير إلى قرارها 70/1،\n\nتحث الدول الأعضاء على التعاون؛\n\n"
        "تطلب إلى الأمين العام أن يقدم تقريرا.\n",
        "numbering_missing",
    ),
    (
        "numbering_skips",
        "إن الجمعية العامة،\n\n1 - تحث الدول الأعضاء؛\n\n4 - تطلب إلى الأمين العام؛\n\n"
        "9 - تقرر أن تبقي المسألة قيد نظرها.\n",
        "numbering_gap",
    ),
    (
        "numbering_repeats",
        "إن الجمعية العامة،\n\n1 - تحث الدول الأعضاء؛\n\n1 - تطلب إلى الأمين العام؛\n\n"
        "2 - تقرر؛\n\n2 - تقرر أيضا.\n",
        "numbering_repeat",
    ),
    (
        "only_footnotes",
        "(1) القرار 70/1.\n\n(2) A/76/100.\n\n(3) المرجع نفسه، الفقرة 4.\n",
        "no_paragraphs",
    ),
    ("english", "The General Assembly,\n\n1. Urges Member States to cooperate;\n", "no_arabic"),
    ("chinese", "大会，\n\n1. 敦促会员国合作；\n", "no_arabic"),
    ("punctuation_only", "،؛.:!؟\n" * 20, "no_arabic"),
]

# Invisible characters: bidi marks, embeddings, isolates, zero-width (non-)joiners, BOMs.
INVISIBLE = (
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200b\u200c\u200d\ufeff"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _labels(paragraphs: list[dict]) -> list[tuple[str, str]]:
    return [(p["kind"], p["label"]) for p in paragraphs]


@pytest.mark.parametrize(("name", "data", "reported"), ENCODED, ids=[e[0] for e in ENCODED])
def test_hardening_input_cli_analyze_any_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, reported: str
) -> None:
    p = _write(tmp_path, "doc.txt", data)
    assert main(["analyze", str(p), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["encoding"] == reported
    assert _labels(out["paragraphs"]) == GOOD_LABELS
    assert out["paragraphs"][1]["text"] == "تحث الدول الأعضاء على التعاون؛"


@pytest.mark.parametrize(
    ("name", "data"),
    [(e[0], e[1]) for e in ENCODED if e[0] in ("utf-16 BOM", "cp1256")],
)
def test_hardening_input_cli_clean_writes_utf8_text(
    tmp_path: Path, name: str, data: bytes
) -> None:
    p = _write(tmp_path, "doc.txt", data)
    out = tmp_path / "clean.txt"
    assert main(["clean", str(p), "-o", str(out)]) == 0
    assert out.read_bytes().decode("utf-8") == clean(GOOD)


@pytest.mark.parametrize("command", ["stats", "report"])
@pytest.mark.parametrize(
    ("name", "data"), [(e[0], e[1]) for e in ENCODED if e[0] in ("utf-16 BOM", "cp1256")]
)
def test_hardening_input_cli_stats_and_report_decode_legacy_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str, data: bytes
) -> None:
    p = _write(tmp_path, "doc.txt", data)
    out = tmp_path / "out.txt"
    args = [command, str(p), "-o", str(out)]
    if command == "stats":
        args += ["--format", "csv"]
    else:
        args += ["--no-charts"]
    assert main(args) == 0, capsys.readouterr().err
    written = out.read_text(encoding="utf-8")
    if command == "report":
        assert "الدول الأعضاء" in written
    else:
        assert "\ndoc,strong,2," in written  # "تحث" and "تطلب" decoded and labelled
    assert "\ufffd" not in written


def test_hardening_input_cli_mixed_encodings_warn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Alternate non-blank lines between UTF-8 and Windows-1256 (a file pasted together).
    text_lines = [line for line in GOOD.splitlines(keepends=True) if line.strip()]
    data = b"\n".join(
        line.encode("cp1256" if i % 2 else "utf-8") for i, line in enumerate(text_lines)
    )
    p = _write(tmp_path, "mixed.txt", data)
    assert main(["analyze", str(p), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "mixed_encoding" in [w["kind"] for w in out["warnings"]]
    assert _labels(out["paragraphs"]) == GOOD_LABELS
    cleaned = tmp_path / "clean.txt"
    assert main(["clean", str(p), "-o", str(cleaned)]) == 0
    assert cleaned.read_text(encoding="utf-8").count("\n") == data.count(b"\n")


@pytest.mark.parametrize(("name", "text", "warning"), ODD, ids=[o[0] for o in ODD])
def test_hardening_input_cli_odd_documents_warn_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, warning: str | None
) -> None:
    p = _write(tmp_path, f"{name}.txt", text.encode("utf-8"))
    assert main(["analyze", str(p), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    out = json.loads(captured.out)
    kinds = [w["kind"] for w in out["warnings"]]
    if warning is not None:
        assert warning in kinds
    assert main(["clean", str(p), "-o", str(tmp_path / "c.txt")]) == 0
    assert (tmp_path / "c.txt").read_text(encoding="utf-8").count("\n") == text.count("\n")
    assert main(["stats", str(p), "--format", "json", "-o", str(tmp_path / "s.json")]) == 0
    json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))


def test_hardening_input_cli_unnumbered_operative_still_labelled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = dict((o[0], o[1]) for o in ODD)["no_numbering"]
    p = _write(tmp_path, "plain.txt", text.encode("utf-8"))
    assert main(["analyze", str(p), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert _labels(out["paragraphs"]) == GOOD_LABELS


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("إن الجمعية العامة،\n\nتقرر أن تبقي المسألة قيد نظرها.\n", False),
        (
            "إن الجمعية العامة،\n\nإذ تشير إلى قرارها 70/1،\n\nتحث الدول؛\n\n"
            "تقرر أن تبقي المسألة قيد نظرها.\n",
            True,
        ),
        ("إن الجمعية العامة،\n\n1 - تحث الدول؛\n\n2 - تقرر أن تبقي المسألة قيد نظرها.\n", False),
    ],
)
def test_hardening_input_unnumbered_operative_section_warns(text: str, warned: bool) -> None:
    kinds = [w.kind for w in analyze(text, correct=False).warnings]
    assert ("numbering_missing" in kinds) is warned


BAD = [
    ("empty", b"", "empty"),
    ("blank", b" \n\t\n", "whitespace"),
    ("nul", b"\x00\x01binary\x00" * 40, "binary"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
    ("latin1", "L'Assemblée générale, réaffirmant…".encode("latin-1", "replace") * 9, "UTF-8"),
]


@pytest.mark.parametrize("command", ["clean", "stats", "report"])
@pytest.mark.parametrize(("name", "data", "reason"), BAD, ids=[b[0] for b in BAD])
def test_hardening_input_cli_unusable_input_every_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
    data: bytes,
    reason: str,
) -> None:
    p = _write(tmp_path, f"{name}.txt", data)
    args = [command, str(p), "-o", str(tmp_path / "out")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert str(p) in err
    assert reason.lower() in err.lower()
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_hardening_input_cli_five_megabyte_single_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A whole resolution whose line breaks were lost, repeated to 5 MB, on one line.
    one = (ROOT / "corpora" / "dev" / "ga01_climate.txt").read_text(encoding="utf-8")
    one = " ".join(one.split())
    data = ((one + " ") * (5_000_000 // len(one.encode("utf-8")) + 1)).encode("utf-8")[:5_000_000]
    p = _write(tmp_path, "oneline.txt", data.decode("utf-8", "ignore").encode("utf-8"))
    assert main(["analyze", str(p), "--format", "summary"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "warning [" in captured.out
    assert "oneline.txt" in captured.out


def test_hardening_input_cli_megabyte_of_invisible_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A right-to-left mark after every word (what some PDF extractors emit): one normalisation
    # correction per word, which used to make normalisation and the merging of the stages'
    # corrections quadratic (minutes for this file).
    one = (ROOT / "corpora" / "ocr" / "noisy" / "ga01_climate.txt").read_text(encoding="utf-8")
    one = one.replace(" ", " \u200f")
    text = (one * (1_000_000 // len(one.encode("utf-8")) + 1))[:500_000]
    p = _write(tmp_path, "marks.txt", text.encode("utf-8"))
    out = tmp_path / "clean.txt"
    assert main(["clean", str(p), "-o", str(out)]) == 0
    cleaned = out.read_text(encoding="utf-8")
    assert "\u200f" not in cleaned
    assert cleaned.count("\n") == text.count("\n")
    assert "corrections applied" in capsys.readouterr().err


@pytest.mark.parametrize("seed", [0, 1])
def test_hardening_input_invisible_characters_change_nothing(seed: int) -> None:
    import random

    rng = random.Random(seed)
    noisy = "".join(
        ch + "".join(rng.choice(INVISIBLE) for _ in range(rng.randint(0, 2)))
        if ch != "\n"
        else ch
        for ch in GOOD
    )
    assert noisy != GOOD
    ref, res = analyze(GOOD), analyze(noisy)
    assert [(p.kind, p.label, p.text) for p in res.paragraphs] == [
        (p.kind, p.label, p.text) for p in ref.paragraphs
    ]
    assert res.header.body == ref.header.body == "GA"
    assert not any(ch in INVISIBLE for ch in clean(noisy))


@pytest.mark.parametrize(
    ("data", "encoding"), [(GOOD.encode("cp1256"), "cp1256"), (GOOD.encode("utf-16"), "utf-16")]
)
def test_hardening_input_analyze_accepts_bytes(data: bytes, encoding: str) -> None:
    res = analyze(data, correct=False)
    assert res.encoding == encoding
    assert [(p.kind, p.label) for p in res.paragraphs] == GOOD_LABELS


@pytest.mark.parametrize("source", [None, 42, 3.5, ["إن الجمعية العامة"]])
def test_hardening_input_analyze_rejects_other_types_clearly(source: object) -> None:
    with pytest.raises(TypeError, match="path, text, bytes or a Document"):
        analyze(source)  # type: ignore[arg-type]


@pytest.mark.parametrize("data", [b"", b"\x00\x00\x00\x00binary", b"\x89PNG\r\n\x1a\n\x00"])
def test_hardening_input_analyze_bad_bytes_raise_input_error(data: bytes) -> None:
    with pytest.raises(InputError):
        analyze(data, AnalyzeConfig(correct=False))


def test_hardening_input_no_traceback_from_the_process(tmp_path: Path) -> None:
    """Through a real interpreter: garbage on stdin and in files gives 0 or 2, never a crash."""
    inputs = [
        bytes(range(256)) * 8,
        "\u202e\u2067".encode() * 500 + "ب".encode() * 3,
        ("١ - " * 2000).encode("utf-8"),
        b"\xff\xfe" + b"\x00\xd8" * 100,
        "إن الجمعية العامة،\n\n(".encode() * 300,
    ]
    for i, data in enumerate(inputs):
        _write(tmp_path, f"in{i}.txt", data)
    files = [str(tmp_path / f"in{i}.txt") for i in range(len(inputs))]
    proc = subprocess.run(
        [sys.executable, "-m", "qararat", "analyze", *files, "--format", "summary"],
        capture_output=True,
        check=False,
        timeout=600,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 2), err
    assert "Traceback" not in err
    for line in err.splitlines():
        assert line.startswith("qararat: ")
    proc = subprocess.run(
        [sys.executable, "-m", "qararat", "clean", "-"],
        input=inputs[0],
        capture_output=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1
    assert "<stdin>" in proc.stderr.decode()
