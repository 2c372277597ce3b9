"""The adversarial corpus, generated in code, and the invariants every entry point keeps on it.

Each pattern is a function ``build(n) -> str`` that returns exactly ``n``
code points of one kind of hostile input: a megabyte of ``(`` or ``"``, ten
thousand combining marks on one letter, an endless emoji ZWJ chain, lone
surrogates, a million empty lines, ... Nothing is stored: the inputs are
built when a test, a benchmark or a fuzzer asks for them.

The module also holds the checks (spans slice back exactly, nothing is lost)
and the table of public entry points, so ``tests/test_robustness.py``,
``benchmarks/scaling.py`` and the harnesses under ``fuzz/`` share one
definition. The benchmarks and fuzzers put this folder on ``sys.path``.

Example:
    >>> PATTERNS["open_paren"](5)
    '((((('
    >>> len(PATTERNS["combining_marks"](12_345))
    12345
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import attrs

import arnews

__all__ = [
    "ENTRY_POINTS",
    "PATTERNS",
    "PROSE",
    "build_bytes",
    "check_entry",
    "repeat_to",
]

# Original sentences in the style of wire copy, written for these tests (no
# outlet's text): a dateline, a direct and an indirect quote, a Hijri and a
# Gregorian date, an abbreviation, a decimal, Latin, a URL and a hashtag.
PROSE = (
    "طنطا 14 مارس 2025 (أ ش أ) - أعلنت مديرية الزراعة أن موسم حصاد القمح يبدأ مطلع الشهر المقبل.\n\n"
    'وقال مدير المديرية د. سامي الفرا: "الإنتاجية المتوقعة تبلغ 18.5 أردب للفدان".\n'
    "وأضاف أن المديرية ستفتح 42 مركزا للتوريد، وأن الأسعار تعلن قبل بدء الحصاد بأسبوع.\n\n"
    "الرباط، 2 رمضان 1446 هـ الموافق 2 مارس 2025 م (و م ع) — أكدت الوزارة أن «الخطة تسير وفق الجدول».\n"
    "وتنشر التفاصيل على الموقع https://example.org/harvest ووسم #الحصاد_2025 منذ الصباح!\n"
    "هل تكفي المخازن؟ يجيب المسؤولون بأن السعة زادت بنسبة 12% عن العام الماضي… والعمل مستمر.\n\n"
    "وكانت الحكومة قد خصصت نحو 3.2 مليار جنيه لدعم المزارعين، بحسب بيان رسمي صدر يوم الأحد.\n"
    "فرانس24/ أ ف ب\n"
)


def repeat_to(unit: str, n: int) -> str:
    """Return ``unit`` repeated and cut to exactly ``n`` code points.

    Example:
        >>> repeat_to("!؟", 5)
        '!؟!؟!'
    """
    if n <= 0:
        return ""
    return (unit * (n // len(unit) + 1))[:n]


def _repeating(unit: str) -> Callable[[int], str]:
    return functools.partial(repeat_to, unit)


def _blocks(head: str, body: str, block: int) -> Callable[[int], str]:
    """Blocks of ``head`` followed by ``block`` code points of ``body``, cut to ``n``."""
    return _repeating(head + repeat_to(body, block))


# The Arabic harakat in descending canonical combining class: canonical
# reordering (NFC/NFKC/NFD) has the most work to do on this order.
_MARKS_DESCENDING = "\u0652\u0651\u0650\u064f\u064e\u064d\u064c\u064b"
_SHADDA_FATHA = "\u0651\u064e"


def _presentation_forms() -> str:
    """Every assigned code point of the Arabic presentation-form blocks.

    They include ``ﷺ`` and ``﷽``, which NFKC expands eighteen-fold.
    """
    ranges = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))
    return "".join(chr(cp) for block in ranges for cp in block if unicodedata.name(chr(cp), ""))


def _no_spaces(n: int) -> str:
    """Arabic words glued together with no space or punctuation at all."""
    return repeat_to("".join(PROSE.split()).replace(".", ""), n)


def _long_line(n: int) -> str:
    """Prose with every line break turned into a space: one line of ``n`` code points."""
    return repeat_to(" ".join(PROSE.split("\n")), n)


_WHITESPACE = "".join(chr(cp) for cp in range(0x3001) if chr(cp).isspace())

PATTERNS: dict[str, Callable[[int], str]] = {
    "prose": _repeating(PROSE),
    "open_paren": _repeating("("),
    "double_quote": _repeating('"'),
    "guillemet": _repeating("«"),
    "period": _repeating("."),
    "arabic_comma": _repeating("،"),
    "bang_question": _repeating("!؟"),
    "mixed_punct": _repeating('(«".،!؟»)“…'),
    "one_letter": _repeating("ب"),
    "no_spaces": _no_spaces,
    "tatweel": _repeating("ـ"),
    "combining_marks": _blocks("ب", _MARKS_DESCENDING, 10_000),
    "shadda_fatha": _blocks("ب", _SHADDA_FATHA, 1_000_000),
    "emoji_zwj": _repeating("👩🏽\u200d💻\u200d👨\u200d👩\u200d👧\u200d❤️\u200d"),
    "bidi_overrides": _repeating("\u202eقال\u202d2024\u2067الوزير\u200f\u202a\u2066"),
    "presentation_forms": _repeating(_presentation_forms()),
    "lone_surrogates": _repeating("قال\ud800 \udfff\udc00الوزير\ud83d."),
    "nul": _repeating("قال\x00\x00 الوزير\x00.\x00"),
    "long_number": _repeating("1234567890"),
    "long_arabic_number": _repeating("٠١٢٣٤٥٦٧٨٩"),
    "decimal_chain": _repeating("12.5."),
    "long_line": _long_line,
    "empty_lines": _repeating("\n"),
    "whitespace_mix": _repeating(_WHITESPACE + "\r\n"),
    "dateline_bait": _repeating("القاهرة 3 مارس 2025 (أ ف ب) - "),
    "date_bait": _repeating("3 رمضان 1446 هـ الموافق "),
    "quote_bait": _repeating('وقال الوزير: "'),
    "guillemet_bait": _repeating("قالت «وأضاف "),
    "cue_bait": _repeating("وقال إن "),
    "abbrev_bait": _repeating("د. "),
    "url_bait": _repeating("http://a."),
    "at_signs": _repeating("a@"),
    "hashtags": _repeating("#وسم_"),
}
"""Every adversarial pattern by name: ``PATTERNS[name](n)`` is ``n`` code points of it."""


def build_bytes(pattern: str, size: int) -> str:
    """Return the pattern cut to about ``size`` bytes of UTF-8 (what "1 MB of input" means).

    Example:
        >>> len(build_bytes("one_letter", 1000).encode())
        1000
    """
    build = PATTERNS[pattern]
    sample = build(4096)
    per_char = len(sample.encode("utf-8", "surrogatepass")) / len(sample)
    return build(max(1, round(size / per_char)))


# ---------------------------------------------------------------------------
# The entry points and the invariants they keep.


def _search_config() -> Any:
    search = getattr(arnews.NormalizeConfig, "search", None)
    return search() if callable(search) else None


def _json_round_trip(text: str) -> Any:
    article = arnews.parse(text)
    back = arnews.from_json(arnews.to_json(article))
    assert back == article, "to_json/from_json lost information"
    return back


ENTRY_POINTS: dict[str, Callable[[str], Any]] = {
    "parse": arnews.parse,
    "normalize": arnews.normalize,
    "normalize_search": lambda text: arnews.normalize(text, _search_config()),
    "normalize_aligned": arnews.normalize_aligned,
    "explain": arnews.explain,
    "sentences": arnews.sentences,
    "tokens": arnews.tokens,
    "paragraphs": arnews.paragraphs,
    "find_dateline": arnews.find_dateline,
    "find_credit": arnews.find_credit,
    "find_quotes": arnews.find_quotes,
    "detect_language": arnews.detect_language,
    "parse_date": arnews.parse_date,
    "find_dates": arnews.find_dates,
    "json_round_trip": _json_round_trip,
}
"""Every public entry point that takes text, by name (``normalize_search`` uses the search profile)."""

# Fields that hold a span and the field holding the text it must slice to.
# An agency's ``name`` is its canonical English name; its ``surface`` is as written.
_SPAN_TEXT_PAIRS = (("span", "text"), ("span", "before"), ("location_span", "location"))
_SPAN_TEXT_PAIRS_BY_CLASS = {"Agency": (("span", "surface"),), "Speaker": (("span", "name"),)}


def check_spans(text: str, obj: object, path: str = "result") -> None:
    """Assert that every span in ``obj`` lies in ``text`` and slices to the text stored beside it.

    Walks model objects, lists and tuples. ``Article.text`` must be the text itself.

    Example:
        >>> check_spans("قال", arnews.Sentence(arnews.Span(0, 3), "قال"))
        >>> check_spans("قال", arnews.Sentence(arnews.Span(0, 2), "قال"))  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ...
        AssertionError: result: span [0, 2) slices to 'قا', not 'قال'
    """
    if isinstance(obj, list | tuple):
        for index, item in enumerate(obj):
            check_spans(text, item, f"{path}[{index}]")
        return
    if not attrs.has(type(obj)):
        return
    values = {field.name: getattr(obj, field.name) for field in attrs.fields(type(obj))}
    if isinstance(obj, arnews.Article):
        assert values["text"] == text, f"{path}: Article.text is not the input"
    for name, value in values.items():
        if isinstance(value, arnews.Span):
            assert value.end <= len(text), f"{path}.{name}: {value} runs past the text ({len(text)})"
    for span_name, text_name in _SPAN_TEXT_PAIRS_BY_CLASS.get(type(obj).__name__, _SPAN_TEXT_PAIRS):
        span, stored = values.get(span_name), values.get(text_name)
        if isinstance(span, arnews.Span) and isinstance(stored, str) and not isinstance(obj, arnews.Article):
            got = span.slice(text)
            assert got == stored, (
                f"{path}: span [{span.start}, {span.end}) slices to {_short(got)}, not {_short(stored)}"
            )
    for name, value in values.items():
        if not isinstance(value, arnews.Span | str):
            check_spans(text, value, f"{path}.{name}")


def _short(value: str, limit: int = 40) -> str:
    return repr(value) if len(value) <= limit else repr(value[:limit]) + f"...({len(value)} chars)"


# Unicode 15 made U+13439..U+1343F Egyptian hieroglyph format controls (Cf);
# an older Python's database still has them unassigned. arnews treats them as
# format controls on every Python, so its output does not depend on the version.
_FORMAT_CONTROLS_SINCE_UNICODE_15 = range(0x13439, 0x13440)


def is_blank(gap: str) -> bool:
    r"""Whether a gap between pieces holds only whitespace and control or format characters.

    ANNOTATION.md: control characters (NUL, bidi marks) are not text and
    belong to no sentence, so they may sit between sentences like spaces.

    Example:
        >>> is_blank(" \u200f\x00\n\U0001343f"), is_blank(" . ")
        (True, False)
    """
    return all(
        char.isspace()
        or unicodedata.category(char) in {"Cc", "Cf"}
        or ord(char) in _FORMAT_CONTROLS_SINCE_UNICODE_15
        for char in gap
    )


def check_partition(
    text: str, spans: Sequence[arnews.Span], what: str, gap_ok: Callable[[str], bool] = is_blank
) -> None:
    """Assert that ``spans`` are non-empty, in order, disjoint and that only blanks lie between them.

    That is "nothing lost": the pieces and the gaps rebuild the text, and no
    gap holds anything but what ``gap_ok`` allows (:func:`is_blank` by default).

    Example:
        >>> check_partition("أ. ب.", [arnews.Span(0, 2), arnews.Span(3, 5)], "sentences")
        >>> check_partition("أ. ب.", [arnews.Span(0, 2)], "sentences")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ...
        AssertionError: sentences: text lost between 2 and 5: ' ب.'
    """
    position = 0
    for span in spans:
        assert span.start < span.end, f"{what}: empty span {span}"
        assert span.start >= position, f"{what}: {span} overlaps or precedes the one before (ends {position})"
        _check_gap(text, position, span.start, what, gap_ok)
        position = span.end
    _check_gap(text, position, len(text), what, gap_ok)


def _check_gap(text: str, start: int, end: int, what: str, gap_ok: Callable[[str], bool]) -> None:
    gap = text[start:end]
    assert not gap or gap_ok(gap), f"{what}: text lost between {start} and {end}: {_short(gap)}"


def _check_normalized(result: object, config: Any = None) -> None:
    assert isinstance(result, str), f"normalize returned {type(result).__name__}"
    assert arnews.normalize(result, config) == result, "normalize is not idempotent"


def _check_aligned(text: str, aligned: Any) -> None:
    assert aligned.text == arnews.normalize(text), "normalize_aligned disagrees with normalize"
    size = len(aligned.text)
    to_original = getattr(aligned, "to_original", None)
    if callable(to_original):
        positions = sorted({0, size, *range(0, size, max(1, size // 512))})
        mapped = [to_original(i) for i in positions]
        assert all(0 <= m <= len(text) for m in mapped), "to_original left the text"
        assert mapped == sorted(mapped), "to_original is not monotone"
        assert to_original(size) == len(text), "the end of the normalized text does not map to the end"


def check_entry(name: str, text: str, result: object) -> None:
    """Assert the invariants of entry point ``name`` on ``text`` and its ``result``.

    Example:
        >>> check_entry("sentences", "قال.", [arnews.Sentence(arnews.Span(0, 4), "قال.")])
    """
    check_spans(text, result)
    if name == "parse":
        assert isinstance(result, arnews.Article)
        check_partition(text, [s.span for s in result.sentences], "parse.sentences")
        check_partition(text, [p.span for p in result.paragraphs], "parse.paragraphs")
    elif name in {"sentences", "paragraphs", "tokens"}:
        assert isinstance(result, Sequence), f"{name} returned {type(result).__name__}"
        check_partition(text, [item.span for item in result], name)
    elif name == "normalize":
        _check_normalized(result)
    elif name == "normalize_search":
        _check_normalized(result, _search_config())
    elif name == "normalize_aligned":
        _check_aligned(text, result)
    elif name == "detect_language":
        assert isinstance(result, arnews.Language)
        assert 0.0 <= result.confidence <= 1.0, f"confidence {result.confidence} out of [0, 1]"
    elif name == "find_quotes":
        spans = [quote.span for quote in result]  # type: ignore[attr-defined]
        assert spans == sorted(spans), "find_quotes: quotes out of order"


def run_entry(name: str, text: str) -> object:
    """Run entry point ``name`` on ``text`` and check its result; return the result."""
    result = ENTRY_POINTS[name](text)
    check_entry(name, text, result)
    return result


def iter_cases(size: int, names: Iterable[str] = PATTERNS) -> Iterator[tuple[str, str]]:
    """Yield ``(pattern, text)`` for each named pattern at ``size`` code points."""
    for name in names:
        yield name, PATTERNS[name](size)
