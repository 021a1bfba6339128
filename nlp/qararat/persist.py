"""Loading skops model files safely: one place for the trusted-types check and its errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qararat.errors import ModelLoadError


def load_skops(path: Path, trusted: list[str], what: str, expected: type) -> Any:
    """Load ``path`` with skops, trusting only the ``trusted`` type names.

    Args:
        path: The ``model.skops`` file.
        trusted: Fully qualified names of the types the file may hold.
        what: What the model is, for messages ("the clause model").
        expected: The class the loaded object must be.

    Raises:
        FileNotFoundError: When ``path`` does not exist.
        ModelLoadError: The file holds other types, is truncated or corrupt, or is not an
            ``expected``. ``str()`` is one line naming the file.
    """
    import skops.io as sio
    import skops.io.exceptions  # noqa: F401  (makes sio.exceptions available)

    if not path.is_file():
        raise FileNotFoundError(f"{path}: no {what} (run `make models`)")
    try:
        model = sio.load(path, trusted=trusted)
    except sio.exceptions.UntrustedTypesFoundException as exc:
        raise ModelLoadError(
            f"{path}: refusing to load a model with untrusted types ({exc})"
        ) from None
    except (ValueError, OSError, KeyError) as exc:  # a truncated or corrupt archive
        raise ModelLoadError(f"{path}: cannot load {what} ({exc})") from None
    if not isinstance(model, expected):
        raise ModelLoadError(f"{path}: not a {expected.__name__}")
    return model
