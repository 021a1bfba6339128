"""Security: trained models load through skops with an explicit list of trusted types.

A ``.skops`` file is a zip of JSON and ``.npy`` arrays; loading it builds only the types it is
told to trust, and never unpickles. These tests plant untrusted types in otherwise valid model
files, check that nothing in the package imports a pickle-family loader, and load the committed
model with every pickle entry point disabled.
"""

from __future__ import annotations

import ast
import fractions
import functools
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from skops.io.exceptions import UntrustedTypesFoundException

from qararat.clauses.model import (
    MODEL_VERSION,
    TRUSTED_TYPES,
    ClauseClassifier,
    default_model_dir,
    load_model,
    model_text,
    save_model,
)
from qararat.errors import ModelLoadError

PACKAGE = Path(__file__).resolve().parent.parent / "nlp" / "qararat"
PICKLE_FAMILY = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve"}


@pytest.fixture(scope="module")
def small_model() -> ClauseClassifier:
    texts = [
        ("وإذ تشير إلى قرارها", "preambular", "recall"),
        ("وإذ تشير أيضا إلى", "preambular", "recall"),
        ("تحث الدول الأعضاء", "operative", "urge"),
        ("تحث أيضا الدول", "operative", "urge"),
        ("تطلب إلى الأمين العام", "operative", "request"),
        ("تطلب أيضا إلى الأمين", "operative", "request"),
    ] * 3
    return ClauseClassifier(min_df=1, max_iter=50).fit(
        [model_text(t, k) for t, k, _ in texts], [label for _, _, label in texts]
    )


def test_security_models_trusted_list_is_explicit_and_narrow() -> None:
    assert TRUSTED_TYPES, "loading must name its trusted types"
    for name in TRUSTED_TYPES:
        module = name.rsplit(".", 1)[0]
        assert module.split(".")[0] in {"builtins", "numpy", "sklearn", "qararat"}, name
        assert name not in {"builtins.eval", "builtins.exec", "builtins.getattr",
                            "builtins.__import__", "builtins.object", "builtins.type"}


def test_security_models_committed_model_needs_only_trusted_types() -> None:
    path = default_model_dir() / "model.skops"
    assert set(sio.get_untrusted_types(file=path)) <= set(TRUSTED_TYPES)


@pytest.mark.parametrize(
    ("planted", "type_name"),
    [
        (os.system, "posix.system"),
        (functools.partial(os.system, "echo pwned"), "functools.partial"),
        (subprocess.Popen, "subprocess.Popen"),
        (fractions.Fraction(1, 3), "fractions.Fraction"),
    ],
    ids=["function", "partial_call", "class", "object"],
)
def test_security_models_untrusted_type_in_model_raises(
    tmp_path: Path, small_model: ClauseClassifier, planted: object, type_name: str
) -> None:
    model = ClauseClassifier(**small_model.get_params())
    model.__dict__.update(small_model.__dict__)
    model.planted_ = planted  # an attribute skops will have to rebuild on load
    save_model(model, tmp_path, {"note": "tampered"})
    untrusted = sio.get_untrusted_types(file=tmp_path / "model.skops")
    assert type_name in untrusted
    with pytest.raises(ModelLoadError, match="untrusted types") as info:
        load_model(tmp_path)
    assert isinstance(info.value.__context__, UntrustedTypesFoundException)


def test_security_models_tampered_model_is_one_line_in_the_cli(
    tmp_path: Path, small_model: ClauseClassifier
) -> None:
    model = ClauseClassifier(**small_model.get_params())
    model.__dict__.update(small_model.__dict__)
    model.planted_ = os.system
    save_model(model, tmp_path / "clauses" / MODEL_VERSION, {"note": "tampered"})
    # A paragraph no rule or fuzzy match labels sends the classifier to the model.
    text = "إن الجمعية العامة،\n\n1 - كلمات بلا فعل معروف في أول الفقرة؛\n"
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "qararat", "analyze", str(doc), "--no-correct"],
        capture_output=True, text=True, check=False,
        env={**os.environ, "QARARAT_MODELS": str(tmp_path)},
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.count("\n") == 1
    assert "untrusted types" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_security_models_clean_model_round_trips(
    tmp_path: Path, small_model: ClauseClassifier
) -> None:
    save_model(small_model, tmp_path, {"note": "clean"})
    loaded = load_model(tmp_path)
    x = [model_text("تحث الدول الأعضاء", "operative")]
    assert list(loaded.predict(x)) == list(small_model.predict(x))


def test_security_models_loading_never_unpickles(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pickle used while loading a model")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)
    real_np_load = np.load

    def np_load(*args: object, **kwargs: object) -> object:
        assert not kwargs.get("allow_pickle"), "numpy asked to unpickle"
        return real_np_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(np, "load", np_load)
    model = load_model(default_model_dir())
    assert model.predict([model_text("وإذ تحيط علما بتقرير", "preambular")])[0] == "take_note"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in {"eval", "exec"}:
                out.append(f.id)
            if isinstance(f, ast.Attribute) and f.attr == "load" and any(
                kw.arg == "allow_pickle" for kw in node.keywords
            ):
                out.append("np.load(allow_pickle=…)")
    return out


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_security_models_package_never_imports_pickle(path: Path) -> None:
    assert not (_imports(path) & PICKLE_FAMILY), path
    assert _calls(path) == [], path
