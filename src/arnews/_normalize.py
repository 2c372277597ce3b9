"""Normalization (owned by the normalization work; this file is a placeholder until it lands)."""

from __future__ import annotations

import attrs

from arnews._model import Span

__all__ = ["Aligned", "Change", "NormalizeConfig", "explain", "normalize", "normalize_aligned"]


@attrs.frozen
class NormalizeConfig:
    """Placeholder."""


@attrs.frozen
class Change:
    """Placeholder."""

    step: str
    span: Span
    before: str
    after: str


@attrs.frozen
class Aligned:
    """Placeholder."""

    text: str


def normalize(text: str, config: NormalizeConfig | None = None) -> str:
    raise NotImplementedError


def normalize_aligned(text: str, config: NormalizeConfig | None = None) -> Aligned:
    raise NotImplementedError


def explain(text: str, config: NormalizeConfig | None = None) -> list[Change]:
    raise NotImplementedError
