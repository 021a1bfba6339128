"""qararat: Arabic resolutions from raw, OCR-damaged text to clean text and structured data.

Public API::

    import qararat
    res = qararat.analyze("A_RES_76_186.txt")   # Resolution: header, paragraphs, corrections …
    res.to_frame()                               # one row per paragraph
    qararat.clean(text)                          # text with OCR corrections applied in place
    qararat.compare(old, new)                    # what changed between two versions
    qararat.normalize(text)                      # Arabic normalisation (str -> str)
    qararat.Corpus.from_dir("corpus/").run("out/")
    nlp = qararat.load_pipeline()                # spaCy pipeline with qararat components

Attributes are loaded on first use, so ``import qararat`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Corpus", "__version__", "analyze", "clean", "compare", "load_pipeline", "normalize"]

_LAZY = {
    "analyze": ("qararat.analysis", "analyze"),
    "clean": ("qararat.analysis", "clean"),
    "compare": ("qararat.comparison", "compare"),
    "normalize": ("qararat.normalize", None),  # the package itself is callable
    "Corpus": ("qararat.batch.corpus", "Corpus"),
    "load_pipeline": ("qararat.pipeline", "load_pipeline"),
}

if TYPE_CHECKING:
    from qararat.analysis import analyze, clean
    from qararat.batch.corpus import Corpus
    from qararat.comparison import compare
    from qararat.normalize import normalize
    from qararat.pipeline import load_pipeline


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        mod = importlib.import_module(module)
        value = mod if attr is None else getattr(mod, attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'qararat' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
