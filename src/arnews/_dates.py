"""Arabic dates (placeholder until the dates work lands)."""

from __future__ import annotations

from arnews._model import NewsDate

__all__ = ["find_dates", "parse_date"]


def parse_date(text: str) -> NewsDate | None:
    raise NotImplementedError


def find_dates(text: str) -> list[NewsDate]:
    raise NotImplementedError
