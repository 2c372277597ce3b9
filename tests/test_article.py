from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import arnews
from arnews import Span
from strategies import news_like, web_text


def _spans(article: arnews.Article) -> list[tuple[Span, str]]:
    """Every span in an article with the text it claims to cover."""
    found: list[tuple[Span, str]] = []
    found += [(p.span, p.text) for p in article.paragraphs]
    found += [(s.span, s.text) for s in article.sentences]
    for quote in article.quotes:
        found.append((quote.span, quote.text))
        if quote.cue is not None:
            found.append((quote.cue.span, quote.cue.text))
        if quote.speaker is not None and quote.speaker.span is not None:
            speaker_span = quote.speaker.span
            found.append((speaker_span, article.text[speaker_span.start : speaker_span.end]))
    for part in (article.dateline, article.credit):
        if part is not None:
            found.append((part.span, part.text))
            if part.agency is not None and part.agency.span is not None:
                found.append((part.agency.span, part.agency.surface))
    if article.dateline is not None and article.dateline.location_span is not None:
        found.append((article.dateline.location_span, article.dateline.location or ""))
    return found


def _assert_spans_slice_back(article: arnews.Article) -> None:
    for span, text in _spans(article):
        assert 0 <= span.start <= span.end <= len(article.text)
        assert article.text[span.start : span.end] == text


def _assert_sentences_rebuild(article: arnews.Article) -> None:
    text, position, rebuilt = article.text, 0, []
    for sentence in article.sentences:
        assert sentence.span.start >= position
        gap = text[position : sentence.span.start]
        assert not any(ch.isalnum() for ch in gap), repr(gap)
        rebuilt += [gap, sentence.text]
        position = sentence.span.end
    rebuilt.append(text[position:])
    assert "".join(rebuilt) == text
    assert not any(ch.isalnum() for ch in text[position:])


def test_non_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        arnews.parse(b"\xd9\x82\xd8\xa7\xd9\x84")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not NoneType"):
        arnews.parse(None)  # type: ignore[arg-type]


def test_empty_text_gives_an_empty_article() -> None:
    article = arnews.parse("")
    assert article == arnews.Article(text="", language=article.language)
    assert article.language.code == "und"


def test_demo_article_parses_whole() -> None:
    from arnews._data import read_text

    text = read_text("demo_article.txt")
    article = arnews.parse(text)
    _assert_spans_slice_back(article)
    _assert_sentences_rebuild(article)
    assert article.language.code == "ar"
    assert article.dateline is not None
    assert article.dateline.location == "الرباط"
    assert article.dateline.agency is not None
    assert article.dateline.agency.name == "Xinhua"
    speakers = {q.speaker.name for q in article.quotes if q.speaker}
    assert any("الورداني" in name for name in speakers)
    assert any("بنعلي" in name for name in speakers)
    assert "كل قطرة تحسب" not in {q.text for q in article.quotes}
    assert all(p.language is not None for p in article.paragraphs)


@pytest.mark.corpus
def test_seed_article_parses_with_exact_spans(seed_text: str) -> None:
    article = arnews.parse(seed_text)
    _assert_spans_slice_back(article)
    _assert_sentences_rebuild(article)
    assert article.dateline is not None
    assert article.dateline.location == "أستانا"
    assert article.dateline.date is not None
    assert article.dateline.date.gregorian is not None
    assert article.dateline.date.gregorian.isoformat() == "2024-07-01"
    assert article.dateline.agency is not None
    assert article.dateline.agency.name == "Xinhua"
    data: dict[str, Any] = arnews.to_dict(article)
    for sentence in data["sentences"]:
        start, end = sentence["span"]
        assert seed_text[start:end] == sentence["text"]


@pytest.mark.corpus
def test_every_corpus_article_parses(corpus: dict[str, dict[str, Any]]) -> None:
    for record in corpus.values():
        article = arnews.parse(record["text"])
        _assert_spans_slice_back(article)
        _assert_sentences_rebuild(article)


@given(web_text)
def test_parse_never_raises_and_spans_slice_back(text: str) -> None:
    article = arnews.parse(text)
    _assert_spans_slice_back(article)
    _assert_sentences_rebuild(article)


@given(news_like)
def test_news_like_text_keeps_exact_spans(text: str) -> None:
    article = arnews.parse(text)
    _assert_spans_slice_back(article)
    _assert_sentences_rebuild(article)


# --- the sentences an article keeps -------------------------------------------------------

_STORY = "عمان - بترا: قال وزير المياه إن الموسم جيد. وأضاف أن السدود امتلأت. ثم غادر القاعة."


def test_parse_keeps_the_lazy_sentence_list_not_copies_of_the_text() -> None:
    # A tuple of Sentence objects holds a second copy of the article's text
    # plus three objects per sentence; on text cut into many short sentences
    # that alone is several times the input's memory (issue 9).
    article = arnews.parse(_STORY)
    assert isinstance(article.sentences, arnews.SentenceList)
    assert article.sentences.text is article.text
    assert [s.text for s in article.sentences] == [s.text for s in arnews.sentences(_STORY)]


def test_an_article_from_its_json_equals_and_hashes_like_the_parsed_one() -> None:
    parsed = arnews.parse(_STORY)
    rebuilt = arnews.from_json(arnews.to_json(parsed))
    assert isinstance(rebuilt.sentences, tuple)
    assert rebuilt == parsed
    assert parsed == rebuilt
    assert hash(rebuilt) == hash(parsed)
    assert {parsed, rebuilt} == {parsed}


def test_sentences_given_as_a_list_become_a_tuple() -> None:
    sentence = arnews.Sentence(Span(0, 4), "خبر.")
    article = arnews.Article(text="خبر.", sentences=[sentence])
    assert article.sentences == (sentence,)
    assert isinstance(article.sentences, tuple)
    hash(article)  # a list would make the frozen article unhashable
