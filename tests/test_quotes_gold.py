"""Quote accuracy on the dev gold and the seed's acceptance checks (issue #6).

The real articles and the gold stay in ../shared and are read at run time;
these tests skip cleanly when that folder is absent. Scoring reuses
benchmarks/quotes_eval.py, which imports ../shared/eval/score.py (never a copy).
"""

from __future__ import annotations

from typing import Any

import pytest

from arnews import QuoteKind, find_quotes, sentences
from conftest import load_benchmark

pytestmark = pytest.mark.corpus

SEED_ID = "seed-xinhua-2024-07-01"
# The speaker of the seed: his family name, or any mention that holds it.
SEED_SPEAKER = "توكاييف"


@pytest.fixture(scope="module")
def scores(corpus: dict[str, dict[str, Any]], dev_gold: list[dict[str, Any]]) -> dict[str, Any]:
    quotes_eval = load_benchmark("quotes_eval")
    texts = {row["id"]: str(corpus[row["id"]]["text"]) for row in dev_gold}
    predictions = quotes_eval.predict(texts, list(texts))
    result: dict[str, Any] = quotes_eval.score_quotes(predictions)
    return result


def test_direct_f1_on_the_dev_gold(scores: dict[str, Any]) -> None:
    assert scores["direct"]["f1"] >= 0.93, scores["direct"]


def test_indirect_f1_on_the_dev_gold(scores: dict[str, Any]) -> None:
    assert scores["indirect"]["f1"] >= 0.87, scores["indirect"]


def test_speaker_accuracy_on_matched_quotes(scores: dict[str, Any]) -> None:
    assert scores["speaker_accuracy"] >= 0.90, scores


def _seed_gold(dev_gold: list[dict[str, Any]]) -> dict[str, Any]:
    return next(row for row in dev_gold if row["id"] == SEED_ID)


def test_seed_yields_every_gold_quote_with_its_speaker(
    seed_text: str, dev_gold: list[dict[str, Any]]
) -> None:
    found = {(q.kind.value, q.span.start, q.span.end): q for q in find_quotes(seed_text)}
    for wanted in _seed_gold(dev_gold)["quotes"]:
        start, end = wanted["span"]
        quote = found.get((wanted["kind"], start, end))
        if quote is None and wanted["kind"] == QuoteKind.INDIRECT.value:
            # Indirect spans are scored by overlap; accept the same clause end within its punctuation.
            quote = next(
                (
                    q
                    for (kind, s, e), q in found.items()
                    if kind == wanted["kind"] and s == start and abs(e - end) <= 2
                ),
                None,
            )
        assert quote is not None, f"missing {wanted['kind']} quote at {start}"
        assert quote.speaker is not None
        assert SEED_SPEAKER in quote.speaker.name


def test_seed_marked_names_and_terms_are_not_quotes(seed_text: str, dev_gold: list[dict[str, Any]]) -> None:
    gold_spans = {tuple(q["span"]) for q in _seed_gold(dev_gold)["quotes"]}
    for quote in find_quotes(seed_text):
        if quote.kind is QuoteKind.DIRECT:
            assert (quote.span.start, quote.span.end) in gold_spans, quote.text
    # The three marked non-speech spans: the agency in ((…)) and the year's name, twice.
    texts = [q.text for q in find_quotes(seed_text)]
    assert "شينخوا" not in texts
    assert "عام السياحة الكازاخستاني" not in texts


def test_passing_the_sentences_changes_nothing(seed_text: str) -> None:
    assert find_quotes(seed_text, sentences(seed_text)) == find_quotes(seed_text)
