from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given

import arnews
from arnews import Calendar, Span
from arnews._serialize import SCHEMA_VERSION, converter
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


def _model_objects(article: arnews.Article) -> list[object]:
    """The article and every model object inside it, each on its own."""
    inside: list[object] = [article, article.language]
    for part in (article.dateline, article.credit):
        if part is not None:
            inside += [part, part.span, part.agency]
    if article.dateline is not None:
        inside += [article.dateline.date, article.dateline.alt_date]
    inside += [*article.paragraphs, *article.sentences, *article.quotes]
    inside += [quote.speaker for quote in article.quotes] + [quote.cue for quote in article.quotes]
    inside += [arnews.Token(Span(0, 3), "قال", arnews.TokenKind.WORD)]
    inside += list(arnews.parse_many([("w1", article.text), ("w2", b"not text")]))  # type: ignore[list-item]
    inside += [arnews.DocumentError("TypeError", "text must be str", 7)]
    return [obj for obj in inside if obj is not None]


@pytest.mark.parametrize("article", [_sample_article(), arnews.Article(text="")], ids=["sample", "empty"])
def test_to_dict_gives_what_the_cattrs_converter_gives(article: arnews.Article) -> None:
    # to_dict writes each class's dict with code generated from its fields;
    # cattrs, which reads JSON back, must see the very same form.
    for obj in _model_objects(article):
        expected = converter().unstructure(obj)
        if isinstance(obj, arnews.Article):
            expected = {"schema_version": SCHEMA_VERSION, **expected}
        assert arnews.to_dict(obj) == expected
        assert json.dumps(arnews.to_dict(obj)) == json.dumps(expected)  # the same key order too


@given(news_like)
def test_to_dict_of_parsed_text_gives_what_cattrs_gives(text: str) -> None:
    article = arnews.parse(text)
    for obj in _model_objects(article):
        expected = converter().unstructure(obj)
        if isinstance(obj, arnews.Article):
            expected = {"schema_version": SCHEMA_VERSION, **expected}
        assert json.dumps(arnews.to_dict(obj), ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


@pytest.mark.parametrize("obj", [5, "نص", [Span(0, 1)], {"span": [0, 1]}, None])
def test_to_dict_refuses_what_is_not_a_model_object(obj: object) -> None:
    with pytest.raises(TypeError, match="model object"):
        arnews.to_dict(obj)
