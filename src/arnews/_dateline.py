"""Datelines (placeholder until the dateline work lands)."""

from __future__ import annotations

from arnews._model import Credit, Dateline

__all__ = ["find_credit", "find_dateline"]


def find_dateline(text: str) -> Dateline | None:
    raise NotImplementedError


def find_credit(text: str) -> Credit | None:
    raise NotImplementedError
