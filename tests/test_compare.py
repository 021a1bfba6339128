"""qararat.compare: two versions of a resolution, paragraph by paragraph.

The two versions are written for this test, the way a recurring resolution changes from one
session to the next: a preambular paragraph dropped, one added, a lead verb strengthened, a
paragraph moved, a year updated, the operative section renumbered.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qararat
from qararat.analysis import AnalyzeConfig
from qararat.comparison import Comparison, compare

HEAD = """الدورة الثمانون
البند 25 من جدول الأعمال

قرار اتخذته الجمعية العامة في {date}

{number} - تعزيز الأمن الغذائي والتغذية

إن الجمعية العامة،

"""

OLD = (
    HEAD.format(date="19 كانون الأول/ديسمبر 2024", number="79/220")
    + """\
إذ تشير إلى قراراتها السابقة المتعلقة بالأمن الغذائي والتغذية، ولا سيما القرار 78/170،

وإذ تؤكد من جديد حق كل إنسان في الحصول على غذاء سليم ومغذ،

وإذ يساورها بالغ القلق لأن عدد من يعانون الجوع في العالم ما زال مرتفعا،

وإذ تسلم بدور صغار المزارعين في إنتاج الغذاء في البلدان النامية،

1 - تحيط علما بتقرير الأمين العام عن الأمن الغذائي والتغذية؛

2 - تشجع الدول الأعضاء على زيادة الاستثمار في الزراعة المستدامة والتنمية الريفية؛

3 - تدعو المجتمع الدولي إلى دعم نظم الإنذار المبكر بالمجاعات؛

4 - تقرر أن تدرج في جدول أعمال دورتها الحادية والثمانين البند الفرعي "الأمن الغذائي والتغذية"؛

5 - تطلب إلى الأمين العام أن يقدم إليها في دورتها الحادية والثمانين تقريرا عن تنفيذ هذا القرار.

الجلسة العامة 50
19 كانون الأول/ديسمبر 2024
"""
)

NEW = (
    HEAD.format(date="18 كانون الأول/ديسمبر 2025", number="80/231")
    + """\
إذ تشير إلى قراراتها السابقة المتعلقة بالأمن الغذائي والتغذية، ولا سيما القرار 79/220،

وإذ تؤكد من جديد حق كل إنسان في الحصول على غذاء سليم ومغذ،

وإذ تسلم بدور صغار المزارعين في إنتاج الغذاء في البلدان النامية،

وإذ تلاحظ مع القلق أثر تغير المناخ والنزاعات المسلحة على أسعار الأغذية،

1 - تقرر أن تدرج في جدول أعمال دورتها الحادية والثمانين البند الفرعي "الأمن الغذائي والتغذية"؛

2 - تحيط علما بتقرير الأمين العام عن الأمن الغذائي والتغذية؛

3 - تحث الدول الأعضاء على زيادة الاستثمار في الزراعة المستدامة والتنمية الريفية؛

4 - تدعو المجتمع الدولي إلى دعم نظم الإنذار المبكر بالمجاعات والجفاف؛

5 - تهيب بالدول أن تزيل الحواجز التي تعوق وصول المساعدات الغذائية إلى المحتاجين إليها؛

6 - تطلب إلى الأمين العام أن يقدم إليها في دورتها الحادية والثمانين تقريرا عن تنفيذ هذا القرار.

الجلسة العامة 48
18 كانون الأول/ديسمبر 2025
"""
)

CONFIG = AnalyzeConfig(correct=False)


@pytest.fixture(scope="module")
def result() -> Comparison:
    return compare(qararat.analyze(OLD, CONFIG), qararat.analyze(NEW, CONFIG))


def _by_old_number(result: Comparison, number: str) -> object:
    return next(c for c in result.changes if c.group == "operative" and c.old_number == number)


def test_compare_statuses(result: Comparison) -> None:
    s = result.summary()
    assert s["old"]["resolution"] == "79/220" and s["new"]["resolution"] == "80/231"
    assert s["paragraphs"]["preamble"] == {"revised": 1, "unchanged": 2, "removed": 1, "added": 1}
    assert s["paragraphs"]["operative"] == {"moved": 1, "unchanged": 2, "revised": 2, "added": 1}
    removed = result.by_status("removed")[0]
    assert removed.old_text.startswith("وإذ يساورها بالغ القلق")
    added = [c.new_text for c in result.by_status("added")]
    assert any(t.startswith("وإذ تلاحظ مع القلق") for t in added)
    assert any(t.startswith("تهيب بالدول") for t in added)


def test_compare_moved_and_renumbered(result: Comparison) -> None:
    moved = result.by_status("moved")
    assert len(moved) == 1
    assert (moved[0].old_number, moved[0].new_number) == ("4", "1")
    kept = _by_old_number(result, "5")
    assert (kept.status, kept.new_number) == ("unchanged", "6")


def test_compare_lead_strengthened(result: Comparison) -> None:
    c = _by_old_number(result, "2")
    assert c.status == "revised"
    assert (c.old_label, c.new_label, c.strength_change) == ("encourage", "urge", 1)
    assert result.summary()["stronger"] == 1 and result.summary()["weaker"] == 0
    assert ("-", "تشجع") in c.diff and ("+", "تحث") in c.diff


def test_compare_word_diff(result: Comparison) -> None:
    c = _by_old_number(result, "3")
    # words match without their punctuation: "بالمجاعات؛" is kept, "والجفاف؛" added
    assert c.status == "revised" and c.words_added == 1 and c.words_removed == 0
    assert c.diff[-1] == ("+", "والجفاف؛")
    first = result.changes[0]  # the reference updated from 78/170 to 79/220
    assert first.status == "revised" and first.words_removed == 1 and first.words_added == 1


def test_compare_references_and_frame(result: Comparison) -> None:
    refs = result.summary()["references"]
    assert refs == {"added": ["79/220"], "removed": ["78/170"]}  # own numbers left out
    frame = result.to_frame()
    assert len(frame) == len(result.changes)
    assert list(frame["status"]).count("added") == 2
    assert str(frame["old_index"].dtype) == "Int64"
    data = json.loads(result.to_json())
    assert data["summary"]["stronger"] == 1 and len(data["changes"]) == len(result.changes)


def test_compare_same_text_unchanged() -> None:
    res = qararat.analyze(OLD, CONFIG)
    same = compare(res, qararat.analyze(OLD, CONFIG))
    assert {c.status for c in same.changes} == {"unchanged"}
    assert len(same.changes) == len(res.paragraphs)


def test_compare_html_escapes_document_text() -> None:
    hostile = OLD.replace("بالمجاعات", 'بالمجاعات <script>alert("x")</script>')
    page = compare(qararat.analyze(OLD, CONFIG), qararat.analyze(hostile, CONFIG)).to_html()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and 'dir="rtl"' in page


def test_compare_rejects_bad_threshold() -> None:
    with pytest.raises(ValueError):
        compare(OLD, NEW, min_similarity=0.0)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qararat", "compare", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_compare_cli(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    out = _cli(str(old), str(new), "--no-correct")
    assert out.returncode == 0, out.stderr
    assert "old (79/220) -> new (80/231)" in out.stdout
    assert "encourage -> urge (stronger)" in out.stdout
    page = tmp_path / "diff.html"
    out = _cli(str(old), str(new), "--format", "html", "-o", str(page))
    assert out.returncode == 0 and "<ins>" in page.read_text(encoding="utf-8")
    out = _cli(str(old), str(new), "--format", "json")
    assert json.loads(out.stdout)["summary"]["paragraphs"]["operative"]["moved"] == 1
    out = _cli(str(old), str(new), "--format", "csv", "--no-correct")
    rows = out.stdout.splitlines()
    assert rows[0].startswith("status,group,old_index,new_index") and rows[0].endswith(",diff")
    assert any("-[تشجع] +[تحث]" in row for row in rows)


def test_compare_cli_bad_input(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    out = _cli(str(old), str(tmp_path / "missing.txt"))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "missing.txt" in out.stderr


def test_compare_preambular_subparagraphs_stay_in_preamble() -> None:
    text = OLD.replace(
        "وإذ تسلم بدور صغار المزارعين في إنتاج الغذاء في البلدان النامية،",
        "وإذ تسلم بما يلي:\n\n(أ) دور صغار المزارعين في إنتاج الغذاء؛\n\n"
        "(ب) أهمية الأسواق المحلية والإقليمية،",
    )
    res = qararat.analyze(text, CONFIG)
    subs = res.subparagraphs
    assert [s.number for s in subs] == ["أ", "ب"]
    assert res.paragraphs[subs[0].parent].kind == "preambular"  # type: ignore[index]
    same = compare(res, qararat.analyze(text, CONFIG))
    assert {c.group for c in same.changes if c.old_kind == "subparagraph"} == {"preamble"}


def test_compare_merge_and_split() -> None:
    merged = (
        OLD.replace(
            "والتنمية الريفية؛\n\n3 - تدعو المجتمع الدولي",
            "والتنمية الريفية، وتدعو المجتمع الدولي",
        )
        .replace("\n4 - تقرر", "\n3 - تقرر")
        .replace(
            "5 - تطلب إلى الأمين العام أن يقدم إليها في دورتها الحادية والثمانين تقريرا عن تنفيذ "
            "هذا القرار.",
            "4 - تطلب إلى الأمين العام أن يقدم إليها في دورتها الحادية والثمانين تقريرا؛\n\n"
            "5 - تطلب أيضا إلى الأمين العام أن يضمن التقرير معلومات عن تنفيذ هذا القرار.",
        )
    )
    result = compare(qararat.analyze(OLD, CONFIG), qararat.analyze(merged, CONFIG))
    by_status = {c.status: c for c in result.changes if c.status in ("merged", "split")}
    # old 2 and 3 became new 2: the first keeps the pair, the second is merged into it
    assert (by_status["merged"].old_number, by_status["merged"].new_number) == ("3", "2")
    first = _by_old_number(result, "2")
    assert (first.status, first.new_number) == ("revised", "2")
    # old 5 became new 4 and 5: the second part is split from it
    assert (by_status["split"].old_number, by_status["split"].new_number) == ("5", "5")
    assert _by_old_number(result, "5").new_number == "4"
    assert not result.by_status("added") and not result.by_status("removed")


# -- every paragraph accounted for, whatever the revision (Hypothesis) ---------------------


_DEV = sorted((Path(__file__).resolve().parents[1] / "corpora" / "dev").glob("*.txt"))


@pytest.fixture(scope="module")
def dev_resolutions() -> list[object]:
    return [qararat.analyze(p, CONFIG) for p in _DEV[:6]]


def _shuffled(res: object, data: st.DataObject) -> object:
    """A copy of ``res`` with its paragraphs dropped, duplicated, reordered and cut."""
    import copy

    new = copy.deepcopy(res)
    paragraphs = list(new.paragraphs)  # type: ignore[attr-defined]
    picks = data.draw(st.lists(st.integers(0, len(paragraphs) - 1), max_size=len(paragraphs) + 3))
    out = []
    for n, i in enumerate(picks):
        p = copy.deepcopy(paragraphs[i])
        if data.draw(st.booleans()):
            words = p.text.split()
            p.text = " ".join(words[: data.draw(st.integers(0, len(words)))])
        p.index, p.parent = n, None
        out.append(p)
    new.paragraphs = out  # type: ignore[attr-defined]
    return new


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_compare_accounts_for_every_paragraph(
    dev_resolutions: list[object], data: st.DataObject
) -> None:
    old = dev_resolutions[data.draw(st.integers(0, len(dev_resolutions) - 1))]
    new = _shuffled(old, data)
    result = compare(old, new)  # type: ignore[arg-type]
    olds = [c.old_index for c in result.changes if c.status != "split"]
    news = [c.new_index for c in result.changes if c.status != "merged"]
    assert sorted(i for i in olds if i is not None) == list(range(len(old.paragraphs)))  # type: ignore[attr-defined]
    assert sorted(i for i in news if i is not None) == list(range(len(new.paragraphs)))  # type: ignore[attr-defined]
    for c in result.changes:
        assert 0.0 <= c.similarity <= 1.0
        assert (c.old_index is None) == (c.status == "added")
        assert (c.new_index is None) == (c.status == "removed")


def test_compare_from_analysis_json(tmp_path: Path, result: Comparison) -> None:
    # a resolution survives its JSON contract, and versions already analysed need no second run
    old = qararat.analyze(OLD, CONFIG)
    again = type(old).from_dict(json.loads(old.to_json()))
    assert again.to_dict() == old.to_dict()
    from_json = compare(old.to_dict(), qararat.analyze(NEW, CONFIG).to_dict())
    assert [c.status for c in from_json.changes] == [c.status for c in result.changes]
    a, b = tmp_path / "old.json", tmp_path / "new.json"
    a.write_text(old.to_json(), encoding="utf-8")
    b.write_text(qararat.analyze(NEW, CONFIG).to_json(), encoding="utf-8")
    out = _cli(str(a), str(b), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["summary"]["stronger"] == 1


@pytest.mark.parametrize(
    ("content", "reason"), [("{not json", "not JSON"), ('{"doc_id": "x"}', "not a qararat")]
)
def test_compare_bad_analysis_json(tmp_path: Path, content: str, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "old.txt"
    good.write_text(OLD, encoding="utf-8")
    out = _cli(str(good), str(bad), "--no-correct")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and reason in out.stderr and "bad.json" in out.stderr


def test_compare_warns_about_unrelated_documents(tmp_path: Path) -> None:
    other = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "sc04_piracy.txt"
    old = tmp_path / "old.txt"
    old.write_text(OLD, encoding="utf-8")
    out = _cli(str(old), str(other), "--no-correct")
    assert out.returncode == 0
    assert "share only" in out.stderr and out.stderr.count("\n") == 1
    same = _cli(str(old), str(old), "--no-correct")
    assert same.stderr == ""
    result = compare(OLD, OLD, config=CONFIG)
    assert result.shared == 1.0 and result.summary()["shared"] == 1.0


def test_compare_needs_positional_indexes() -> None:
    res = qararat.analyze(OLD, CONFIG)
    res.paragraphs = res.paragraphs[1:]  # indexes now start at 1
    with pytest.raises(ValueError, match="positions"):
        compare(res, res)
