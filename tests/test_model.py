from __future__ import annotations

import pickle

import attrs
import pytest

import arnews
from arnews import Span


def test_span_slices_its_text() -> None:
    assert Span(7, 10).slice("أستانا أول يوليو") == "أول"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 4)])
def test_span_rejects_negative_or_reversed_offsets(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="must be >="):
        Span(start, end)


def test_empty_span_is_allowed() -> None:
    assert len(Span(3, 3)) == 0


def test_spans_order_by_start_then_end() -> None:
    assert sorted([Span(4, 6), Span(1, 9), Span(1, 2)]) == [Span(1, 2), Span(1, 9), Span(4, 6)]


def test_models_are_frozen_and_hashable() -> None:
    speaker = arnews.Speaker("سليم الورداني", Span(0, 13))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        speaker.name = "x"  # type: ignore[misc]
    assert hash(speaker) == hash(arnews.Speaker("سليم الورداني", Span(0, 13)))


@pytest.mark.parametrize(
    "cls",
    [
        arnews.Span,
        arnews.Token,
        arnews.Sentence,
        arnews.Paragraph,
        arnews.NewsDate,
        arnews.Agency,
        arnews.Dateline,
        arnews.Credit,
        arnews.Speaker,
        arnews.Cue,
        arnews.Quote,
        arnews.Language,
        arnews.Article,
    ],
)
def test_every_model_class_is_slotted_and_frozen(cls: type) -> None:
    assert attrs.has(cls)
    assert "__slots__" in vars(cls)
    assert cls.__setattr__ is not object.__setattr__


def test_models_pickle_round_trip() -> None:
    quote = arnews.Quote(
        arnews.QuoteKind.DIRECT,
        Span(10, 20),
        "نحن مستعدون",
        arnews.Speaker("الوزير", Span(0, 6)),
        arnews.Cue("وقال", Span(7, 11)),
    )
    assert pickle.loads(pickle.dumps(quote)) == quote  # noqa: S301 - our own bytes


def test_undetermined_language() -> None:
    language = arnews.Language.undetermined()
    assert (language.code, language.reliable) == ("und", False)
