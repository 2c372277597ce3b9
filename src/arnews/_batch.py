"""Batch processing (placeholder until the batch work lands)."""

from __future__ import annotations

__all__: list[str] = []
