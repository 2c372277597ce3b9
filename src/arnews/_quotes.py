"""Quotes (placeholder until the quotes work lands)."""

from __future__ import annotations

from collections.abc import Sequence

from arnews._model import Quote, Sentence

__all__ = ["find_quotes"]


def find_quotes(text: str, sentences: Sequence[Sentence] | None = None) -> list[Quote]:
    raise NotImplementedError
