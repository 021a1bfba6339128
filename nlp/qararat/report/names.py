"""Arabic display names for labels, themes and paragraph kinds (from ``data/names.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

NameKind = Literal["labels", "themes", "kinds", "groups", "statuses"]


@cache
def _names() -> dict[str, dict[str, str]]:
    path = resources.files("qararat.report").joinpath("data/names.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def display_name(kind: NameKind, key: str | None) -> str:
    """Return the Arabic name a reader sees for a label, theme or paragraph kind.

    Args:
        kind: ``labels``, ``themes``, ``kinds``, or for comparisons ``groups`` (preamble,
            operative, annex) and ``statuses`` (unchanged, revised …).
        key: The contract name (``recall``, ``trafficking``, ``operative``); ``None`` gives "".

    Returns:
        The Arabic display name, or ``key`` itself when the data file has none.
    """
    if key is None:
        return ""
    return _names().get(kind, {}).get(key, key)
