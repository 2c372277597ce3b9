"""Language identification (placeholder until the language work lands)."""

from __future__ import annotations

from arnews._model import Language

__all__ = ["detect_language"]


def detect_language(text: str) -> Language:
    raise NotImplementedError
