"""Security: no network access at run time.

A fresh interpreter makes every way of opening a connection or resolving a name raise, then
runs ``analyze``, ``clean``, ``stats`` (with NMF topics) and ``report`` (with charts) end to end
on documents that also need the clause model (its first load included). Any attempt is recorded
and fails the test, even if the code caught the exception.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A damaged OCR tier document: some paragraph leads need the fallback model, so its first load
# (scikit-learn, skops) happens inside the guarded process.
NEEDS_MODEL = ROOT / "corpora" / "ocr" / "noisy" / "ga08_water.txt"
SAMPLE = ROOT / "corpora" / "A_RES_76_186_ar_ocr.txt"

GUARD = textwrap.dedent(
    """
    import json, socket, sys
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network access attempted: {name}")
        return blocked

    socket.socket.connect = refuse("socket.connect")
    socket.socket.connect_ex = refuse("socket.connect_ex")
    socket.socket.sendto = refuse("socket.sendto")
    socket.getaddrinfo = refuse("getaddrinfo")
    socket.gethostbyname = refuse("gethostbyname")
    socket.gethostbyname_ex = refuse("gethostbyname_ex")
    socket.create_connection = refuse("create_connection")

    from qararat.cli import main
    out = sys.argv[1]
    files = sys.argv[2:]
    codes = [
        main(["analyze", *files, "--format", "json", "-o", out + "/a.json"]),
        main(["clean", files[0], "-o", out + "/c.txt"]),
        main(["stats", *files, "--topics", "2", "--format", "json", "-o", out + "/s.json"]),
        main(["report", *files, "-o", out + "/r.html"]),
    ]
    modules = sorted(m for m in ("skops", "sklearn", "matplotlib") if m in sys.modules)
    print(json.dumps({"codes": codes, "attempts": attempts, "modules": modules}))
    """
)


def test_security_network_none_at_run_time(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", GUARD, str(tmp_path), str(NEEDS_MODEL), str(SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert result["codes"] == [0, 0, 0, 0]
    assert {"skops", "sklearn", "matplotlib"} <= set(result["modules"])
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [d["doc_id"] for d in data] == [NEEDS_MODEL.stem, SAMPLE.stem]
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "c.txt").stat().st_size > 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
