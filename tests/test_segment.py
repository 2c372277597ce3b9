"""Segmentation: the contract of paragraphs(), sentences() and tokens(), and their accuracy.

Fixtures are original sentences written for these tests; the real articles
and the gold are read from ``../shared`` at run time and skipped when absent.
"""

from __future__ import annotations

import pickle
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arnews import Paragraph, Sentence, Span, Token, TokenKind, paragraphs, sentences, tokens
from arnews._segment import (
    _CONTENT,
    _CONTROL,
    _LATIN_LETTER,
    ParagraphList,
    SentenceList,
    TokenList,
    _char_classes,
    sentences_and_paragraphs,
)
from conftest import load_benchmark
from strategies import news_like, web_text

SAMPLE = (
    "القاهرة - أ ش أ\n"
    'أعلن د. هشام النجار أن النمو بلغ 3.5% هذا العام. وقال: "النتائج مشجعة."\n\n'
    "وأضاف أن الخطة، التي أقرت أمس، تبدأ في 1.7.2025… والتفاصيل على www.example.org قريبا!"
)

FUNCTIONS: list[Callable[[str], Sequence[Any]]] = [paragraphs, sentences, tokens]


def _visible(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in {"Cc", "Cf"}


def _assert_partition(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are non-empty, ordered and disjoint; only blanks and controls lie between them."""
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text), (spans, len(text))
        assert not any(_visible(ch) for ch in text[position:start]), repr(text[position:start])
        assert _visible(text[start]), repr(text[start])
        position = end
    assert not any(_visible(ch) for ch in text[position:]), repr(text[position:])


# ---------------------------------------------------------------------------
# The contract.


@pytest.mark.parametrize("function", FUNCTIONS)
def test_non_str_is_a_type_error(function: Callable[[Any], object]) -> None:
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        function(b"\xd9\x82")
    with pytest.raises(TypeError, match="not NoneType"):
        function(None)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_empty_and_blank_text(function: Callable[[str], Sequence[Any]]) -> None:
    assert len(function("")) == 0
    assert list(function(" \n\t\u200f\x00\n")) == []


def test_result_types() -> None:
    assert isinstance(sentences(SAMPLE), SentenceList)
    assert isinstance(paragraphs(SAMPLE), ParagraphList)
    assert isinstance(tokens(SAMPLE), TokenList)
    assert all(isinstance(s, Sentence) for s in sentences(SAMPLE))
    assert all(isinstance(p, Paragraph) and p.language is None for p in paragraphs(SAMPLE))
    assert all(isinstance(t, Token) and isinstance(t.kind, TokenKind) for t in tokens(SAMPLE))


def test_sample_sentences() -> None:
    assert sentences(SAMPLE).texts() == [
        "القاهرة - أ ش أ",
        "أعلن د. هشام النجار أن النمو بلغ 3.5% هذا العام.",
        'وقال: "النتائج مشجعة."',
        "وأضاف أن الخطة، التي أقرت أمس، تبدأ في 1.7.2025… والتفاصيل على www.example.org قريبا!",
    ]


def test_sample_paragraphs() -> None:
    first_break, blank = SAMPLE.index("\n"), SAMPLE.index("\n\n")
    assert paragraphs(SAMPLE).spans() == [
        (0, first_break),
        (first_break + 1, blank),
        (blank + 2, len(SAMPLE)),
    ]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_spans_slice_back_and_partition(function: Callable[[str], Sequence[Any]]) -> None:
    found = function(SAMPLE)
    for item in found:
        assert SAMPLE[item.span.start : item.span.end] == item.text
    _assert_partition(SAMPLE, [(item.span.start, item.span.end) for item in found])


def test_sentences_never_cross_paragraphs() -> None:
    paragraph_spans = [p.span for p in paragraphs(SAMPLE)]
    for sentence in sentences(SAMPLE):
        assert any(p.contains(sentence.span) for p in paragraph_spans)


def test_tokens_never_cross_sentences() -> None:
    sentence_spans = [s.span for s in sentences(SAMPLE)]
    for token in tokens(SAMPLE):
        assert any(s.contains(token.span) for s in sentence_spans), token


# ---------------------------------------------------------------------------
# The lazy sequences.


def test_indexing_and_negative_indexing() -> None:
    found = sentences("أولى. ثانية. ثالثة.")
    assert found[0] == Sentence(Span(0, 5), "أولى.")
    assert found[-1] == found[2] == Sentence(Span(13, 19), "ثالثة.")
    with pytest.raises(IndexError):
        found[3]
    with pytest.raises(IndexError):
        found[-4]


def test_slicing_returns_the_same_kind_of_sequence() -> None:
    found = tokens("واحد اثنان ثلاثة أربعة")
    assert isinstance(found[1:3], TokenList)
    assert found[1:3].texts() == ["اثنان", "ثلاثة"]
    assert found[::2].texts() == ["واحد", "ثلاثة"]
    assert found[::-1].texts() == ["أربعة", "ثلاثة", "اثنان", "واحد"]
    assert found[5:9].texts() == []
    assert list(found[1:3]) == list(found)[1:3]


def test_equality_and_hash() -> None:
    text = "قال. ومضى."
    assert sentences(text) == sentences(text)
    assert hash(sentences(text)) == hash(sentences(text))
    assert sentences(text) == list(sentences(text))
    assert sentences(text) == tuple(sentences(text))
    assert sentences(text) != sentences("قال. ومضى")
    assert sentences(text) != paragraphs(text)
    assert sentences(text) != "not a sequence"


def test_sequence_protocol() -> None:
    found = tokens("قال الوزير إن")
    token = found[1]
    assert token in found
    assert found.index(token) == 1
    assert found.count(token) == 1
    assert list(reversed(found)) == list(found)[::-1]
    assert isinstance(found, Sequence)


def test_immutable() -> None:
    found = sentences("قال.")
    with pytest.raises((AttributeError, TypeError)):
        found[0] = found[0]  # type: ignore[index]
    with pytest.raises(AttributeError):
        found.extra = 1  # type: ignore[attr-defined]


def test_repr_is_short_and_informative() -> None:
    text = "واحد. اثنان. ثلاثة. أربعة."
    shown = repr(sentences(text))
    assert shown.startswith("SentenceList([Sentence(span=Span(start=0, end=5), text='واحد.'), ")
    assert shown.endswith("... (4 in all)])")


def test_pickle_round_trip() -> None:
    found = tokens("زار الوفد 3 مدن.")
    assert pickle.loads(pickle.dumps(found)) == found  # noqa: S301 - our own object


def test_spans_texts_kinds_agree_with_objects() -> None:
    found = tokens(SAMPLE)
    assert found.spans() == [(t.span.start, t.span.end) for t in found]
    assert found.texts() == [t.text for t in found]
    assert found.kinds() == [t.kind for t in found]
    assert found.text is SAMPLE


# ---------------------------------------------------------------------------
# Properties on arbitrary text.


@given(web_text)
def test_nothing_lost_on_arbitrary_text(text: str) -> None:
    for function in FUNCTIONS:
        found = function(text)
        spans = found.spans()  # type: ignore[attr-defined]
        _assert_partition(text, spans)
        assert [item.text for item in found] == [text[s:e] for s, e in spans]


@given(news_like)
def test_nothing_lost_on_news_like_text(text: str) -> None:
    sentence_spans = sentences(text).spans()
    _assert_partition(text, sentence_spans)
    _assert_partition(text, paragraphs(text).spans())
    _assert_partition(text, tokens(text).spans())
    paragraph_spans = paragraphs(text).spans()
    for start, end in sentence_spans:
        assert any(ps <= start and end <= pe for ps, pe in paragraph_spans)


@given(
    st.text(alphabet=st.sampled_from(list('ب.،!؟… \n\r\t"»)(«0123456789')), max_size=200)
    | web_text
    | news_like
)
def test_one_scan_gives_both_splits(text: str) -> None:
    found, blocks = sentences_and_paragraphs(text)
    assert found.spans() == sentences(text).spans()
    assert blocks.spans() == paragraphs(text).spans()


def test_one_scan_gives_both_splits_on_an_article() -> None:
    text = 'الرياض 3 مايو (واس) - قال الوزير إن\nالعمل مستمر.\n\nوأضاف: "نحن جاهزون". ثم غادر...\nانتهى'
    found, blocks = sentences_and_paragraphs(text)
    assert found == sentences(text)
    assert blocks == paragraphs(text)
    assert len(found) == 4
    assert len(blocks) == 3


@given(st.text(alphabet=st.sampled_from(list('ب.،!؟… \n"»)(«0123456789')), max_size=200))
def test_sentence_ends_follow_the_rules(text: str) -> None:
    for start, end in sentences(text).spans():
        # A sentence ends at the end of the text, before a line break or
        # blank, or after terminal punctuation with its closing marks.
        after = text[end:]
        assert not after or not _visible(after[0]) or text[end - 1] == "." or after[0] == "\n", (
            text,
            start,
            end,
        )


@given(st.text(min_size=1, max_size=50))
def test_tokens_and_sentences_are_deterministic(text: str) -> None:
    assert sentences(text) == sentences(text)
    assert tokens(text).kinds() == tokens(text).kinds()


@pytest.mark.parametrize("remove", ["", " ", " ،"])
def test_tokens_scanned_in_pieces_equal_one_scan(remove: str) -> None:
    # tokens() cuts long texts into pieces after a space or `،`; the result
    # must equal one scan of the whole text, whatever sits at the cuts.
    import random

    from arnews._segment import _WINDOW, _token_split

    pieces = [
        "قال",
        "الوزير",
        " ",
        "\n",
        "،",
        "؛",
        "www.example.com/a،b",
        "a.b@c.com",
        "3.5",
        "#وسم",
        "...",
        "(",
        "ـ",
    ]
    rng = random.Random(7)  # noqa: S311 - a fixed, reproducible test input
    text = "".join(rng.choice(pieces) for _ in range(3 * _WINDOW // 4))
    for char in remove:
        text = text.replace(char, "")
    assert len(text) > 2 * _WINDOW
    expected = [match.span() for match in _token_split().finditer(text)]
    assert tokens(text).spans() == expected


def test_lone_letters_the_pattern_skips_agree_with_the_verdict() -> None:
    # The sentence pattern never stops at a period after a lone initial
    # (`د.`); that must be exactly what the verdict on the word would say,
    # era markers (`م.` `ه.` `ة.`) and tatweel included.
    from arnews._segment import _period_ends_sentence

    for code in [*range(0x0621, 0x064B), *range(0x41, 0x5B), *range(0x61, 0x7B)]:
        for text in (f"قال {chr(code)}. ثم مضى", f"بني عام 2014 {chr(code)}. ثم مضى", f"{chr(code)}. ثم مضى"):
            expected = 2 if _period_ends_sentence(text, text.index(".")) else 1
            assert len(sentences(text)) == expected, repr(text)


# ---------------------------------------------------------------------------
# The class scan (whole windows at once) must split exactly as the token
# pattern does, which defines the tokens.


def _pattern_spans(text: str) -> list[tuple[int, int]]:
    from arnews._segment import _token_split

    return [match.span() for match in _token_split().finditer(text)]


def _class_scan_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send every window through the class scan, however short or full of parts only the pattern splits."""
    from arnews import _segment

    monkeypatch.setattr(_segment, "_CLASS_SCAN_MIN", 0)
    monkeypatch.setattr(_segment, "_MOST_HARD", 0)
    monkeypatch.setattr(_segment, "_PATTERN_SHARE", 0)
    monkeypatch.setattr(_segment, "_WINDOW", 61)  # cut often, with and without a space to cut at


def _codec_chars() -> list[str]:
    from arnews._segment import _class_tables

    return list(_class_tables().chars)


# Every character the codec knows, and pieces only the token pattern splits;
# each text draws from a handful of them, so that runs and neighbours repeat.
_CLASS_SCAN_PIECES = st.sampled_from(_codec_chars()) | st.sampled_from(
    [
        *("www.a.b/ج", "http://", "a@b.co", "#وسم_", "@من", "U.S.", "😀\u200d👍🏽", "\u2003", "中", "𝐀"),
        *("3.5", "1,000", "٣٫٥", "10:30", "1/2", "2024،", "\u200c", "\ud800", "ـ", "\u0651"),
    ]
)
_CLASS_SCAN_TEXT = (
    st.lists(_CLASS_SCAN_PIECES, min_size=1, max_size=6)
    .flatmap(lambda pieces: st.lists(st.sampled_from(pieces), max_size=400))
    .map("".join)
)


@given(_CLASS_SCAN_TEXT | web_text | news_like)
def test_class_scan_splits_as_the_token_pattern(text: str) -> None:
    # It also keeps the kind code of every token's first character, which
    # must give the kinds a match in place gives.
    from arnews._segment import _token_kind

    with pytest.MonkeyPatch.context() as monkeypatch:
        _class_scan_everywhere(monkeypatch)
        found = tokens(text)
        assert found.spans() == _pattern_spans(text)
        expected = [_token_kind(text, start) for start, _ in found.spans()]
        assert found.kinds() == expected
        assert [token.kind for token in found] == expected


def test_news_text_needs_no_token_pattern_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Arabic prose with a URL and a decimal: the class scan splits the whole
    # text, the pattern only the two parts it must (never a whole window).
    from arnews import _segment

    def refuse(*args: object) -> None:
        raise AssertionError("a whole window went to the token pattern")

    monkeypatch.setattr(_segment, "_scan_regex", refuse)
    paragraph = (
        "أعلنت الهيئة العامة للأرصاد أن موجة الحر تستمر حتى نهاية الأسبوع، "
        "وأن درجات الحرارة تتجاوز المعدلات المعتادة بنحو 4.5 درجات في المناطق الداخلية. "
        "ودعت المواطنين إلى متابعة النشرات على موقعها www.example.org والابتعاد عن الشمس «قدر الإمكان».\n\n"
    )
    text = paragraph * 200
    assert len(text) > 2 * _segment._WINDOW
    assert tokens(text).spans() == _pattern_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 40_000,
        '«"»' * 15_000,
        "(" * 20_000 + "http://example.org/(" + "(" * 20_000,  # the URL runs to the end of the wall
        "((ب" * 15_000 + "a@b.co" + "))" * 10_000,
        "(" * 9_000 + "3.5" + "(" * 9_000 + "\n" + "(" * 9_000,
    ],
)
def test_walls_without_spaces_split_as_the_pattern(text: str) -> None:
    # No space or `،` to cut at: the pattern reads the run in pieces (or
    # streams it, when a URL or e-mail could make it read far ahead).
    assert tokens(text).spans() == _pattern_spans(text)


@pytest.mark.parametrize("piece", [9, 10, 17])
def test_runs_read_in_pieces_split_as_the_pattern(piece: int) -> None:
    # Pieces far shorter than the tokens and the read-ahead: every piece
    # boundary falls inside a token, a number or a URL attempt.
    from arnews import _segment

    text = ("ab@c,d12,34,5#وسم_@من(«x»)؟!--__1/2😀👍🏽" * 40 + "a" * 50) * 3
    assert _segment._FAR_READER.search(text) is None
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(_segment, "_PIECE", piece)
        monkeypatch.setattr(_segment, "_WINDOW", 100)  # no space in a window: read in pieces
        assert tokens(text).spans() == _pattern_spans(text)


def test_latin_text_goes_to_the_token_pattern_and_stays_exact() -> None:
    text = "The minister said on Monday that talks with U.S. envoys (www.example.org) went well. " * 400
    assert tokens(text).spans() == _pattern_spans(text)


def test_class_codes_agree_with_the_token_pattern() -> None:
    # Each code the codec's characters get must split as the pattern does:
    # a gap is no token, a run stays one token, a mark of its own is one each.
    from arnews._segment import _GAP, _HARD, _OWN, _SPACE, _class_tables

    tables = _class_tables()
    assert tables.encode(tables.chars) == bytes(range(256))
    assert tables.encode("中\ud800😀") == b"???"  # one byte per code point
    for char, code in zip(tables.chars, tables.codes, strict=True):
        if code == _HARD:
            continue
        spans = _pattern_spans(f"ب {char}{char} ب")
        if code in {_SPACE, _GAP}:
            assert spans == [(0, 1), (5, 6)], repr(char)
        elif code == _OWN:
            assert spans == [(0, 1), (2, 3), (3, 4), (5, 6)], repr(char)
        else:
            assert spans == [(0, 1), (2, 4), (5, 6)], repr(char)
        assert (code == _SPACE) == char.isspace(), repr(char)


# ---------------------------------------------------------------------------
# Data tables that must not drift from Unicode.


def test_control_class_matches_unicode() -> None:
    import re

    control = re.compile(f"[{_CONTROL}]")
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        category = unicodedata.category(ch)
        if category in {"Cc", "Cf"} and not ch.isspace():
            assert control.match(ch), f"U+{cp:04X} ({category}) missing from _CONTROL"
        elif control.match(ch):
            assert category == "Cn", f"U+{cp:04X} ({category}) should not be in _CONTROL"


def test_char_classes_match_a_lookup_of_every_code_point() -> None:
    # _char_classes classifies the BMP in bulk; this asks unicodedata one
    # code point at a time, the obvious way, and must get the same classes.
    import re

    latin = re.compile(f"[{_LATIN_LETTER}]")
    word, marks, visible = [], [], []
    for ch in map(chr, range(0x10000)):
        category = unicodedata.category(ch)
        if category[0] == "M":
            marks.append(ord(ch))
            word.append(ord(ch))
        elif ch.isalpha() and not latin.match(ch):
            word.append(ord(ch))
        if category not in {"Cc", "Cf"} and not ch.isspace():
            visible.append(ord(ch))

    def ranges(class_text: str) -> list[int]:
        bounds = [int(code, 16) for code in re.findall(r"\\u([0-9a-f]{4})", class_text)]
        pairs = zip(bounds[::2], bounds[1::2], strict=True)
        return [code for low, high in pairs for code in range(low, high + 1)]

    classes = _char_classes()
    assert ranges(classes.word) == word
    assert ranges(classes.marks) == marks
    assert ranges(classes.visible) == visible  # its ranges beyond the BMP are literal characters


def test_content_is_visible() -> None:
    for ch in ["\u200f", "\x00", "\u00a0", "\u2028", "\ufeff"]:
        assert _CONTENT.match(ch) is None
    for ch in ["ب", "ً", ".", "\ud800", "👍"]:
        assert _CONTENT.match(ch) is not None


@pytest.mark.parametrize("char", ["\U00013430", "\U0001343f"])
def test_newer_format_controls_are_blank_on_every_python(char: str) -> None:
    # U+13439..U+1343F are unassigned before Unicode 15 (Python 3.11) and
    # format controls since; the fuzzer once reported one as lost text.
    assert tokens(char).texts() == []
    assert sentences(char).texts() == []
    assert tokens(f"قال{char}إن").texts() == ["قال", "إن"]
    assert sentences(f"{char}قال.{char}").spans() == [(1, 5)]


# ---------------------------------------------------------------------------
# Accuracy and invariants on the real articles (read at run time, never stored).


@pytest.mark.corpus
def test_sentence_boundary_f1_on_dev_gold(
    dev_gold: list[dict[str, Any]], corpus: dict[str, dict[str, Any]]
) -> None:
    # Scored by ../shared/eval/score.py itself, so the test and the gold agree on what a boundary is.
    scorer = load_benchmark("_corpus").load_scorer("test_segment")
    texts = {row["id"]: corpus[row["id"]]["text"] for row in dev_gold}
    gold = {row["id"]: row for row in dev_gold}
    predicted = {aid: {"id": aid, "sentences": list(sentences(text).spans())} for aid, text in texts.items()}
    result = scorer.score(gold, predicted, texts)["sentences"]
    assert result["f1"] >= 0.995, (
        f"sentence boundary F1 {result['f1']} (P {result['precision']} R {result['recall']})"
    )


@pytest.mark.corpus
def test_nothing_lost_on_every_real_article(corpus: dict[str, dict[str, Any]]) -> None:
    for row in corpus.values():
        text = row["text"]
        for function in FUNCTIONS:
            _assert_partition(text, function(text).spans())  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# kinds() looks kinds up by first byte; it must agree with a match in place.

_KIND_ALPHABET = st.sampled_from(
    [*"قالب 3٣@#.:/_-x×÷éwht?؟،(", "www.", "http://", "a@b.co", "\u064b", "\u200d", "😀", "\ud800", "\x00"]
)


@given(st.lists(_KIND_ALPHABET, max_size=30).map("".join) | web_text)
def test_kinds_agree_with_a_match_in_place(text: str) -> None:
    from arnews._segment import _token_kind

    found = tokens(text)
    assert found.kinds() == [_token_kind(text, start) for start, _ in found.spans()]


def test_kinds_of_context_dependent_latin_tokens() -> None:
    # After `@` a `www.` token cannot be a URL (the URL branch's lookbehind
    # refuses `@`) but can be an e-mail: the kind needs the context.
    found = tokens("قال@www.ab@cd.org")
    assert found.texts() == ["قال", "@", "www.ab@cd.org"]
    assert found.kinds() == [TokenKind.WORD, TokenKind.PUNCTUATION, TokenKind.EMAIL]
    assert tokens("www.ab@cd.org").kinds() == [TokenKind.URL]
    assert tokens("3×4 ÷").kinds() == [TokenKind.NUMBER, TokenKind.SYMBOL, TokenKind.NUMBER, TokenKind.SYMBOL]
