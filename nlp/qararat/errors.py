"""Errors shared across stages, importable without loading any heavy dependency."""

from __future__ import annotations


class ModelLoadError(TypeError):
    """A model file that cannot be trusted or read. ``str()`` is one line naming the file."""
