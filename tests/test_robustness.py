"""Every entry point on every adversarial pattern: no exception, spans exact, nothing lost.

The inputs come from ``tests/adversarial.py`` (generated, never stored) at a
size that keeps the whole file fast; ``benchmarks/scaling.py`` runs the same
patterns at 100 KB, 1 MB and 4 MB to measure growth. A per-test timeout turns
a super-linear scanner into a failure instead of a hang.
"""

from __future__ import annotations

from typing import Any

import pytest

import arnews
from adversarial import ENTRY_POINTS, PATTERNS, PROSE, check_entry, check_partition, run_entry

SIZE = 20_000
"""Code points per adversarial input: large enough to expose runs, small enough for CI."""

HANG_GUARD = pytest.mark.timeout(60)

# (entry point, pattern) pairs that still fail on the landed code; each is
# reported to the module's owner with its reproducer. Strict: a fix makes the
# xfail fail, so the entry must then be removed from here.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}


def _cases() -> list[object]:
    cases: list[object] = []
    for entry in ENTRY_POINTS:
        for pattern in PATTERNS:
            reason = KNOWN_FAILURES.get((entry, pattern))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(entry, pattern, marks=marks, id=f"{entry}-{pattern}"))
    return cases


@pytest.fixture(scope="module")
def inputs() -> dict[str, str]:
    return {name: build(SIZE) for name, build in PATTERNS.items()}


@HANG_GUARD
@pytest.mark.parametrize(("entry", "pattern"), _cases())
def test_entry_point_survives_pattern(entry: str, pattern: str, inputs: dict[str, str]) -> None:
    run_entry(entry, inputs[pattern])


@HANG_GUARD
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_entry_point_on_empty_and_tiny_text(entry: str) -> None:
    for text in ("", " ", "\n", ".", "«", '"', "\x00", "\ud800", "ـ", "\u0651", "قال", "٣"):
        run_entry(entry, text)


@HANG_GUARD
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_entry_point_on_every_prefix_of_prose(entry: str) -> None:
    # Cutting the text anywhere (mid-word, mid-dateline, inside a quote) must
    # still give exact spans: scanners may not assume a well-formed ending.
    for end in range(0, len(PROSE), 11):
        run_entry(entry, PROSE[:end])


@pytest.mark.corpus
@HANG_GUARD
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_entry_point_on_real_articles(entry: str, corpus: dict[str, dict[str, Any]]) -> None:
    # All the articles as one text (read at run time, never stored), then each alone.
    texts = [str(row["text"]) for row in corpus.values()]
    run_entry(entry, "\n\n".join(texts)[:100_000])
    for text in texts[:: max(1, len(texts) // 20)]:
        run_entry(entry, text)


@HANG_GUARD
def test_quotes_with_given_sentences_keep_spans() -> None:
    for build in PATTERNS.values():
        text = build(SIZE // 8)
        found = arnews.sentences(text)
        check_entry("find_quotes", text, arnews.find_quotes(text, found))


@HANG_GUARD
def test_sentences_nest_in_paragraphs() -> None:
    # A sentence never straddles a paragraph break, and splitting one
    # paragraph alone still loses nothing.
    for pattern in ("prose", "nul", "lone_surrogates", "bidi_overrides", "mixed_punct"):
        text = PATTERNS[pattern](4_000)
        paragraph_spans = [p.span for p in arnews.paragraphs(text)]
        for sentence in arnews.sentences(text):
            assert any(p.contains(sentence.span) for p in paragraph_spans), (pattern, sentence.span)
        for paragraph in arnews.paragraphs(text):
            inner = arnews.sentences(paragraph.text)
            check_partition(paragraph.text, [s.span for s in inner], f"{pattern} paragraph sentences")


def test_known_failures_name_real_cases() -> None:
    for entry, pattern in KNOWN_FAILURES:
        assert entry in ENTRY_POINTS
        assert pattern in PATTERNS
