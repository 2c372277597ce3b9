"""A type-checked tour of the public API: `mypy --strict tests/typing` must pass.

This file is never run; it exists so a change that breaks users' type checking
fails CI.
"""

from __future__ import annotations

import datetime

import arnews


def summarize(text: str) -> list[tuple[str | None, str, str]]:
    article: arnews.Article = arnews.parse(text)
    when: datetime.date | None = None
    if article.dateline is not None and article.dateline.date is not None:
        when = article.dateline.date.gregorian
    del when
    spans: list[arnews.Span] = [s.span for s in article.sentences]
    del spans
    return [(q.speaker.name if q.speaker else None, q.kind.value, q.text) for q in article.quotes]


def round_trip(article: arnews.Article) -> arnews.Article:
    payload: str = arnews.to_json(article)
    return arnews.from_json(payload)


def normalized(text: str) -> tuple[str, int]:
    aligned: arnews.Aligned = arnews.normalize_aligned(text, arnews.NormalizeConfig.search())
    return arnews.normalize(text), aligned.to_original(0)


def language_of(text: str) -> str:
    language: arnews.Language = arnews.detect_language(text)
    return language.code


def date_of(text: str) -> int | None:
    found: arnews.NewsDate | None = arnews.parse_date(text)
    return found.year if found else None
