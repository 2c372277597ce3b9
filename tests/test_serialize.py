from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given

import arnews
from arnews import Calendar, Span
from strategies import news_like, web_text


def _sample_article() -> arnews.Article:
    text = 'الرياض 24 ربيع الأول 1437 هـ (واس) قال الوزير: "نحن مستعدون".'
    return arnews.Article(
        text=text,
        language=arnews.Language("ar", "Arab", 0.99, True),
        dateline=arnews.Dateline(
            span=Span(0, 34),
            text=text[0:34],
            location="الرياض",
            location_span=Span(0, 6),
            date=arnews.NewsDate(1437, 3, 24, Calendar.HIJRI, datetime.date(2016, 1, 4), Span(7, 28)),
            agency=arnews.Agency("SPA", "واس", Span(30, 33)),
        ),
        sentences=(arnews.Sentence(Span(0, len(text)), text),),
        quotes=(
            arnews.Quote(
                arnews.QuoteKind.DIRECT,
                Span(48, 59),
                text[48:59],
                arnews.Speaker("الوزير", Span(39, 45)),
                arnews.Cue("قال", Span(35, 38)),
            ),
        ),
    )


def test_json_form_follows_the_contract() -> None:
    data = arnews.to_dict(_sample_article())
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == arnews.SCHEMA_VERSION
    dateline = data["dateline"]
    assert dateline["span"] == [0, 34]
    assert dateline["date"] == {
        "year": 1437,
        "month": 3,
        "day": 24,
        "calendar": "hijri",
        "gregorian": "2016-01-04",
        "span": [7, 28],
    }
    assert dateline["agency"] == {"name": "SPA", "surface": "واس", "span": [30, 33]}
    quote = data["quotes"][0]
    assert quote["kind"] == "direct"
    assert quote["speaker"] == {"name": "الوزير", "span": [39, 45]}
    assert quote["cue"] == {"text": "قال", "span": [35, 38]}


def test_json_keeps_arabic_readable() -> None:
    assert "الرياض" in arnews.to_json(_sample_article())


def test_round_trip_is_lossless() -> None:
    article = _sample_article()
    assert arnews.from_json(arnews.to_json(article)) == article
    assert arnews.from_dict(arnews.to_dict(article)) == article


def test_other_model_classes_round_trip() -> None:
    token = arnews.Token(Span(0, 3), "قال", arnews.TokenKind.WORD)
    assert arnews.from_dict(arnews.to_dict(token), arnews.Token) == token


def test_unknown_schema_version_is_refused() -> None:
    data = arnews.to_dict(_sample_article())
    data["schema_version"] = 99
    with pytest.raises(ValueError, match="schema_version"):
        arnews.from_dict(data)


def test_extra_keys_are_refused() -> None:
    data = arnews.to_dict(_sample_article())
    data["surprise"] = 1
    with pytest.raises(ValueError, match="does not fit"):
        arnews.from_dict(data)


def test_malformed_span_is_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        arnews.from_dict({"span": [1], "text": "x"}, arnews.Sentence)


def test_invalid_json_is_a_value_error() -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - json.JSONDecodeError is the ValueError we expect
        arnews.from_json("{not json")


@given(news_like)
def test_parsed_articles_round_trip(text: str) -> None:
    article = arnews.parse(text)
    assert arnews.from_json(arnews.to_json(article)) == article


@given(web_text)
def test_json_of_any_text_is_valid_json(text: str) -> None:
    # Lone surrogates cannot be encoded as UTF-8, but the JSON text itself must load.
    json.loads(arnews.to_json(arnews.parse(text)))
