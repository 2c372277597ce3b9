"""Segmentation: paragraphs, sentences and tokens with exact offsets.

The text owns the truth and the results are views on it: each function scans
the text once with compiled, linear-time regular expressions, keeps only the
offsets (a flat array ``[start0, end0, start1, end1, ...]``) and returns an
immutable, lazy sequence (``ParagraphList``, ``SentenceList``,
``TokenList``) that builds the model objects only when they are asked
for. Nothing is lost: the spans and the gaps between them rebuild the input,
and a gap only ever holds whitespace and control characters.

The sentence rules are those of ``shared/eval/ANNOTATION.md`` section 2; the
abbreviations, era markers and line-continuation words live in
``data/abbreviations.toml``.
"""

from __future__ import annotations

import abc
import bisect
import codecs
import enum
import functools
import itertools
import operator
import re
import sys
import unicodedata
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, NamedTuple, TypeVar, overload

from arnews._data import load_table
from arnews._model import Paragraph, Sentence, Span, Token, TokenKind
from arnews._normalize import NormalizeConfig, char_class, normalize
from arnews._validate import require_str

__all__ = [
    "ParagraphList",
    "SentenceList",
    "TokenList",
    "paragraphs",
    "sentences",
    "sentences_and_paragraphs",
    "tokens",
]

# ---------------------------------------------------------------------------
# Character classes.

# Control and format characters (Unicode Cc and Cf, plus the reserved holes of
# the supplementary format blocks so the class does not shrink on a newer
# Unicode). ANNOTATION.md: "Control characters (NUL, bidi marks) are not text
# and belong to no sentence", so they are trimmed from span edges like spaces.
_CONTROL = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Line breaks exactly as ``str.splitlines`` sees them; ``\r\n`` is one break.
_LINE_BREAK = "\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
_TERMINATORS = ".!?؟…"
# Closing marks kept with the sentence they close. ASCII quotes are both
# opening and closing; right after a terminator they can only close.
_CLOSERS = "\"'”’»›)\\]}“‘"
# A line that ends with one of these cannot be hard-wrapped mid-sentence.
_CLOSES_LINE = frozenset(_TERMINATORS + _CLOSERS + ":؛;")
_CONTENT = re.compile(rf"[^\s{_CONTROL}]")

_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"


class _Classes(NamedTuple):
    word: str
    """Letters of every script but Latin, and combining marks, as class ranges."""
    marks: str
    """Combining marks, as class ranges."""
    visible: str
    """Everything but whitespace and control characters, as class ranges."""


def _is_latin_letter(ch: str) -> bool:
    """Whether ``ch`` is in ``_LATIN_LETTER`` (which leaves out ``×`` and ``÷``)."""
    return (
        "A" <= ch <= "Z"
        or "a" <= ch <= "z"
        or ("\u00c0" <= ch <= "\u024f" and ch not in "\u00d7\u00f7")
        or "\u1e00" <= ch <= "\u1eff"
    )


def _runs_as_ranges(kinds: bytes, codes: bytearray) -> str:
    """The code points whose kind codes match the pattern ``kinds``, as class ranges (backslash-u escapes)."""
    return "".join(f"\\u{run.start():04x}-\\u{run.end() - 1:04x}" for run in re.finditer(kinds, codes))


# The kind code of every Basic Multilingual Plane code point, for
# _char_classes: m a combining mark, w a letter of a word (any script but
# Latin), c a control or format character, s a space, v anything else.
_KIND_CODE_OF_CATEGORY = {"M": b"m", "L": b"w", "Cc": b"c", "Cf": b"c"}


@functools.cache
def _char_classes() -> _Classes:
    """The word and mark classes of the Basic Multilingual Plane.

    Built on first use (about 20 ms) rather than stored, so they follow the
    running Python's Unicode version. Explicit ranges compile to a bitmap:
    much faster to test than the ``w`` class escape and its category lookups.
    The code points are classified in bulk (one category lookup each, in C)
    into a string of kind codes, whose runs are the ranges.
    """
    bmp = "".join(map(chr, range(0x10000)))
    categories = list(map(unicodedata.category, bmp))
    code_of = {
        category: _KIND_CODE_OF_CATEGORY.get(category[0], _KIND_CODE_OF_CATEGORY.get(category, b"v"))
        for category in set(categories)
    }
    codes = bytearray(b"".join(map(code_of.__getitem__, categories)))
    # A Latin letter is a token of its own kind, never part of a word.
    for run in re.finditer(f"[{_LATIN_LETTER}]+", bmp):
        codes[run.start() : run.end()] = codes[run.start() : run.end()].replace(b"w", b"v")
    for space in re.finditer(r"\s", bmp):
        codes[space.start()] = ord("s")
    # Beyond the BMP, everything but the format characters listed in _CONTROL.
    beyond = "\U00010000-\U000110bc\U000110be-\U000110cc\U000110ce-\U0001342f\U00013440-\U0001bc9f"
    beyond += "\U0001bca4-\U0001d172\U0001d17b-\U000e0000\U000e0002-\U000e001f\U000e0080-\U0010ffff"
    return _Classes(
        _runs_as_ranges(b"[mw]+", codes),
        _runs_as_ranges(b"m+", codes),
        _runs_as_ranges(b"[mwv]+", codes) + beyond,
    )


# ---------------------------------------------------------------------------
# Data.


@functools.lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    """Fold a word for lexicon lookup: the ``matching`` normalization profile, then case folding.

    The same function folds the data at load time and the text at match time,
    so a spelling variant (``أ``/``ا``, diacritics, tatweel, ``DR``/``Dr``)
    never defeats a lookup. Only short words before a period or at a line
    end are folded, and they repeat, hence the cache.

    Example:
        >>> _fold("أ.د") == _fold("ا.دُ"), _fold("Dr"), _fold("هـ")
        (True, 'dr', 'ه')
    """
    if word.isascii():
        return word.casefold()
    return normalize(word, _matching_profile()).casefold()


_matching_profile = functools.cache(NormalizeConfig.matching)


class _Lexicon(NamedTuple):
    abbreviations: frozenset[str]
    eras: frozenset[str]
    continuations: frozenset[str]
    longest_latin: int
    longest_other: int
    """The longest abbreviation without an inner period, ASCII and not, with
    room for diacritics: longer words before a period skip the lookup."""


@functools.cache
def _lexicon() -> _Lexicon:
    """Abbreviations, era markers and line-continuation words, folded."""
    table = load_table("abbreviations")
    abbreviations = frozenset(_fold(w) for group in table["abbreviations"].values() for w in group)
    eras = frozenset(_fold(w) for w in table["era_markers"]["after_number"])
    continuations = frozenset(_fold(w) for w in table["line_continuations"]["words"])
    plain = [w for w in abbreviations | eras if "." not in w]
    return _Lexicon(
        abbreviations,
        eras,
        continuations,
        longest_latin=max(len(w) for w in plain if w.isascii()),
        longest_other=max(len(w) for w in plain if not w.isascii()) + 2,
    )


# ---------------------------------------------------------------------------
# The lazy, immutable result sequences.


def _typecode(text: str) -> str:
    """The ``array`` typecode for offsets into ``text``: 4 bytes each when they fit."""
    return "i" if len(text) < 2**31 else "q"


_T = TypeVar("_T")


class _SpanList(Sequence[_T], Generic[_T]):
    """A read-only sequence of spans over one text that builds its items on demand."""

    __slots__ = ("_bounds", "_text")

    _bounds: Sequence[int]
    _text: str

    def __init__(self, text: str, bounds: Sequence[int]) -> None:
        # Built by the segmentation functions only: ``bounds`` holds
        # ``[start0, end0, start1, end1, ...]``, in order, within ``text``.
        self._text = text
        self._bounds = bounds

    @property
    def text(self) -> str:
        """The text the spans point into."""
        return self._text

    @abc.abstractmethod
    def _make(self, index: int, start: int, end: int) -> _T:
        """Build item ``index``, which spans ``[start, end)``."""

    def _take(self, indices: range) -> _SpanList[_T]:
        """The items at ``indices`` (a slice of this sequence), as the same type."""
        if indices.step == 1:
            return type(self)(
                self._text, self._bounds[2 * indices.start : 2 * max(indices.start, indices.stop)]
            )
        picked = [b for i in indices for b in self._bounds[2 * i : 2 * i + 2]]
        return type(self)(self._text, array(_typecode(self._text), picked))

    def __len__(self) -> int:
        return len(self._bounds) // 2

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> _SpanList[_T]: ...

    def __getitem__(self, index: int | slice) -> _T | _SpanList[_T]:
        if isinstance(index, slice):
            return self._take(range(*index.indices(len(self))))
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._make(index, self._bounds[2 * index], self._bounds[2 * index + 1])

    def __iter__(self) -> Iterator[_T]:
        make, bounds = self._make, self._bounds
        for i in range(0, len(bounds) - 1, 2):
            yield make(i >> 1, bounds[i], bounds[i + 1])

    def spans(self) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` offsets of every item, without building the items.

        Example:
            >>> from arnews import sentences
            >>> sentences("قال. ثم مضى.").spans()
            [(0, 4), (5, 12)]
        """
        bounds = self._bounds
        return list(zip(bounds[0::2], bounds[1::2], strict=True))

    def texts(self) -> list[str]:
        """Return the text of every item, without building the items.

        Example:
            >>> from arnews import tokens
            >>> tokens("قال الوزير").texts()
            ['قال', 'الوزير']
        """
        text, bounds = self._text, self._bounds
        return [text[s:e] for s, e in zip(bounds[0::2], bounds[1::2], strict=True)]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _SpanList):
            return (
                type(other) is type(self)
                and other._text == self._text
                and list(other._bounds) == list(self._bounds)
            )
        if isinstance(other, list | tuple):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        # As a tuple of the same items hashes: the two compare equal, and an
        # Article holds either (parse keeps the lazy list, from_dict a tuple).
        return hash(tuple(self))

    def __repr__(self) -> str:
        shown = ", ".join(repr(item) for item in itertools.islice(self, 2))
        more = f", ... ({len(self)} in all)" if len(self) > 2 else ""
        return f"{type(self).__name__}([{shown}{more}])"

    def __reduce__(self) -> tuple[Callable[..., _SpanList[_T]], tuple[str, array[int]]]:
        return type(self), (self._text, array(_typecode(self._text), self._bounds))


class SentenceList(_SpanList[Sentence]):
    """The sentences of a text, in order: an immutable ``Sequence[Sentence]``.

    Returned by :func:`arnews.sentences`. It stores only offsets and builds
    each :class:`~arnews.Sentence` when it is indexed or iterated; use
    ``spans()`` and ``texts()`` when the objects are not needed.
    Indexing with a slice returns a ``SentenceList``. It equals another
    ``SentenceList`` over the same text and offsets, and a list or tuple of
    equal sentences.

    Example:
        >>> from arnews import sentences
        >>> found = sentences("بدأت القمة. وانتهت مساء.")
        >>> len(found), found[1].text
        (2, 'وانتهت مساء.')
        >>> found[1].span
        Span(start=12, end=24)
    """

    __slots__ = ()

    def _make(self, index: int, start: int, end: int) -> Sentence:
        return Sentence(Span(start, end), self._text[start:end])


class ParagraphList(_SpanList[Paragraph]):
    r"""The paragraphs of a text, in order: an immutable ``Sequence[Paragraph]``.

    Returned by :func:`arnews.paragraphs`; it works like ``SentenceList``.
    ``Paragraph.language`` is left ``None`` (:func:`arnews.parse` fills it).

    Example:
        >>> from arnews import paragraphs
        >>> found = paragraphs("العنوان\n\nالفقرة الأولى.")
        >>> found.texts()
        ['العنوان', 'الفقرة الأولى.']
    """

    __slots__ = ()

    def _make(self, index: int, start: int, end: int) -> Paragraph:
        return Paragraph(Span(start, end), self._text[start:end])


class TokenList(_SpanList[Token]):
    """The tokens of a text, in order: an immutable ``Sequence[Token]``.

    Returned by :func:`arnews.tokens`. The scan stores offsets and, on most
    texts, a byte per token for its first character; a token's
    :class:`~arnews.TokenKind` is worked out from that character (and, for
    a Latin letter, a digit, ``@`` or ``#``, from a match in place) when the
    :class:`~arnews.Token` is built, or for all tokens at once by
    ``kinds()``, which builds no ``Token``.

    Example:
        >>> from arnews import tokens
        >>> found = tokens("زار 3 مدن.")
        >>> [(t.text, t.kind.value) for t in found]
        [('زار', 'word'), ('3', 'number'), ('مدن', 'word'), ('.', 'punctuation')]
    """

    __slots__ = ("_first_kinds",)

    _first_kinds: bytes | bytearray | None

    def __init__(
        self, text: str, bounds: Sequence[int], first_kinds: bytes | bytearray | None = None
    ) -> None:
        super().__init__(text, bounds)
        # When the class scan split the whole text, it also kept the kind code
        # of every token's first character, a byte per token (see
        # _settled_kinds); otherwise kinds are looked up from the text.
        self._first_kinds = first_kinds

    def _make(self, index: int, start: int, end: int) -> Token:
        codes = self._first_kinds
        code = _SCAN_UNDECIDED if codes is None else codes[index]
        kind = _KIND_BY_CODE[code] if code < len(_CODE_OF_KIND) else _token_kind(self._text, start)
        return Token(Span(start, end), self._text[start:end], kind)

    def kinds(self) -> list[TokenKind]:
        """Return the kind of every token, without building the tokens.

        Example:
            >>> from arnews import tokens
            >>> tokens("#قمة_الرياض 2025").kinds()
            [<TokenKind.HASHTAG: 'hashtag'>, <TokenKind.NUMBER: 'number'>]
        """
        if self._first_kinds is not None:
            return _settled_kinds(self._text, self._bounds, self._first_kinds)
        return _kinds_at(self._text, self._bounds)


# ---------------------------------------------------------------------------
# Sentences and paragraphs.


@functools.cache
def _boundary_pattern() -> re.Pattern[str]:
    """Candidate boundaries: line breaks, terminator runs, misplaced periods.

    The pattern opens with one character class, so the regex engine skips
    everything else in C; the branch is then chosen by a lookbehind on that
    character. The ``stop`` and ``para`` branches are the common cases that
    need no further check: ``!`` ``?`` ``؟`` alone, or a period after an
    Arabic word too long to be an abbreviation; a line break right after
    sentence punctuation. Every repetition is possessive and a terminator run
    only starts at its first character, so nothing is rescanned: linear time.
    """
    horizontal = rf"[^\S{_LINE_BREAK}]"
    followed = rf"(?=[\s{_CONTROL}]|\Z)"
    long_word = f"[\u0621-\u064a]{{{_lexicon().longest_other + 1}}}"
    # A lone period after one of these letters standing alone is no boundary
    # at all (an initial, `د.`), so the scan never stops there; `د..` still does.
    initial = f"(?:(?<!(?<!\\S)[{char_class(_initials_that_continue())}]\\.)|(?=[{_TERMINATORS}]))"
    line_end = re.escape("".join(sorted(_CLOSES_LINE)))
    return re.compile(
        rf"[{_LINE_BREAK}{_TERMINATORS}](?:"
        rf"(?<=[{line_end}][{_LINE_BREAK}])(?P<para>(?:{horizontal}*+[{_LINE_BREAK}])*+)"
        rf"|(?<=[{_LINE_BREAK}])(?P<brk>(?:{horizontal}*+[{_LINE_BREAK}])*+)"
        rf"|(?:(?<={long_word}\.)|(?<=[!?؟])(?<![{_TERMINATORS}].))(?P<stop>[{_CLOSERS}]*+){followed}"
        rf"|(?<=[{_TERMINATORS}])(?<![{_TERMINATORS}].){initial}(?P<end>[{_TERMINATORS}]*+[{_CLOSERS}]*+){followed}"
        # `وطويلة .وفي`: a space before the period and a letter right after it.
        rf"|(?<={horizontal}\.)(?P<mis>)(?=[^\W\d_])"
        ")"
    )


@functools.cache
def _initials_that_continue() -> list[str]:
    """The Arabic and ASCII letters that, alone before a period, never end the sentence.

    An initial or a one-letter abbreviation (``د.`` ``U.``) continues its
    sentence whatever follows; an era marker (``م.`` ``ه.``, and ``ة``, which
    folds to ``ه``) ends it after a number, and tatweel alone ends it. Worked
    out with the verdict the scan gives, so the two never disagree.
    """
    letters = map(chr, [*range(0x0621, 0x064B), *range(0x41, 0x5B), *range(0x61, 0x7B)])
    return [char for char in letters if char.isalpha() and _tail_verdict(char)[0] is _Verdict.CONTINUES]


def _is_blank_break(chunk: str) -> bool:
    """Whether a run of line breaks holds a blank line (CR LF counts once)."""
    return chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n") > 1 or any(
        ch in chunk for ch in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    )


_OPENERS = "\"'“‘«‹([{"
_LINE_BREAK_CHARS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_HORIZONTAL_SPACE = " \t\u00a0"
# Longer words before a period are never abbreviations, initials or list
# numbers: the common case is decided without looking anything up.
_LONGEST_SHORT_WORD = 9


def _word_before(text: str, end: int, limit: int = 32) -> tuple[int, str]:
    """The run of non-space characters (at most ``limit``) that ends at ``end``, and where it starts."""
    # One bounded slice; ``rsplit`` finds the last run in C (it splits on
    # the same Unicode spaces as the regex class for spaces).
    tail = text[max(0, end - limit) : end]
    if not tail or tail[-1].isspace():
        return end, ""
    word = tail.rsplit(None, 1)[-1]
    return end - len(word), word


def _is_initials(word: str) -> bool:
    """``U.S`` / ``أ.د`` / ``س``: single letters joined by periods."""
    return all(len(part) == 1 and part.isalpha() for part in word.split("."))


def _starts_line(text: str, index: int) -> bool:
    """Whether only horizontal spaces stand between ``index`` and the start of its line."""
    while index > 0 and text[index - 1] in _HORIZONTAL_SPACE:
        index -= 1
    return index == 0 or text[index - 1] in _LINE_BREAK_CHARS


def _number_before(text: str, word_start: int) -> bool:
    """Whether the word before ``word_start`` (across a few spaces) ends in a digit."""
    i = word_start
    floor = max(0, i - 8)
    while i > floor and text[i - 1] in _HORIZONTAL_SPACE:
        i -= 1
    return 0 < i < word_start and text[i - 1].isdigit()


def _period_ends_sentence(text: str, period: int) -> bool:
    """Whether a lone ``.`` at ``period`` (followed by a space) ends its sentence."""
    # The few characters before the period decide on their own but for a
    # number or an era marker; they repeat (`د. ` `م. `), hence the cache.
    verdict, size = _tail_verdict(text[max(0, period - _LONGEST_SHORT_WORD - 1) : period])
    if verdict is _Verdict.ENDS:
        return True
    if verdict is _Verdict.CONTINUES:
        return False
    word_start = period - size
    if verdict is _Verdict.NUMBER:
        # `1.` opening a line is a list number; `في عام 2015.` ends a sentence.
        return not _starts_line(text, word_start)
    return _number_before(text, word_start) or not _is_abbreviation(
        _fold(text[word_start:period].lstrip(_OPENERS))
    )


class _Verdict(enum.Enum):
    """What the word before a period says about the sentence, on its own."""

    ENDS = enum.auto()
    CONTINUES = enum.auto()
    NUMBER = enum.auto()
    """Digits: the sentence goes on when they open a line (a list number)."""
    ERA = enum.auto()
    """An era marker (``هـ``): it ends the sentence after a number."""


@functools.lru_cache(maxsize=1024)
def _tail_verdict(tail: str) -> tuple[_Verdict, int]:
    """The verdict on the word that ends ``tail`` (the characters before a period), and its length."""
    _, word = _word_before(tail, len(tail), len(tail))
    size = len(word)
    word = word.lstrip(_OPENERS)
    if len(word) > _LONGEST_SHORT_WORD or not word:
        return _Verdict.ENDS, size
    if word.isdigit():
        return _Verdict.NUMBER, size
    return _short_word_verdict(word), size


@functools.lru_cache(maxsize=8192)
def _short_word_verdict(word: str) -> _Verdict:
    """The lexicon's verdict on a short word before a period, cached: the same words repeat."""
    lexicon = _lexicon()
    if "." not in word and len(word) > (lexicon.longest_latin if word.isascii() else lexicon.longest_other):
        return _Verdict.ENDS
    folded = _fold(word)
    if folded in lexicon.eras:
        return _Verdict.ERA
    return _Verdict.ENDS if not _is_abbreviation(folded) else _Verdict.CONTINUES


def _is_abbreviation(folded: str) -> bool:
    """An abbreviation or initials, also with the conjunction و written onto it (``وم.``)."""
    lexicon = _lexicon()
    if folded in lexicon.abbreviations or _is_initials(folded):
        return True
    rest = folded[1:]
    return folded[:1] == "و" and bool(rest) and (rest in lexicon.abbreviations or _is_initials(rest))


def _ellipsis_continues(text: str, run: str, end: int) -> bool:
    """An ellipsis (``..`` ``...`` ``…``) followed by more text on the same line."""
    if (len(run) < 2 and run != "…") or any(ch in run for ch in "!?؟"):
        return False
    match = _CONTENT.search(text, end)
    if match is None:
        return False
    return not any(ch in _LINE_BREAK_CHARS for ch in text[end : match.start()])


def _line_continues(text: str, brk_start: int, brk_end: int) -> bool:
    """Whether a single line break is a hard wrap inside a sentence.

    True when the line before ends (past trailing blanks) with a comma or a
    word that cannot end a clause (``في`` ``أن`` ``التي`` ..., from the data
    file) and the next line starts with a letter.
    """
    end = brk_start
    floor = max(0, end - 64)
    while end > floor and _CONTENT.match(text, end - 1) is None:
        end -= 1
    if end == 0 or text[end - 1] in _CLOSES_LINE:
        return False
    nxt = _CONTENT.search(text, brk_end)
    if nxt is None or not nxt.group().isalpha():
        return False
    if text[end - 1] in "،,":
        return True
    _, word = _word_before(text, end, _LONGEST_SHORT_WORD + 1)
    if len(word) > _LONGEST_SHORT_WORD:
        return False
    folded, continuations = _fold(word), _lexicon().continuations
    # The conjunction و is written onto the word: `وإن`, `وفي`.
    return folded in continuations or (folded[:1] == "و" and folded[1:] in continuations)


def _boundaries(text: str) -> Iterator[tuple[int, bool]]:
    """Where sentences end, in text order: ``(offset, also_ends_paragraph)``.

    The offset may be followed by blanks (a line break ends a sentence at
    the break); :func:`_pieces` trims them.
    """
    for match in _boundary_pattern().finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "stop":
            yield end, False
        elif kind == "para":
            yield start, True
        elif kind == "end":
            first = text[start]
            if end - start > 1 and text[start + 1] in _TERMINATORS:
                if _ellipsis_continues(text, match.group().rstrip(_CLOSERS), end):
                    continue
            elif first == ".":
                if not _period_ends_sentence(text, start):
                    continue
            elif first == "…" and _ellipsis_continues(text, first, end):
                continue
            yield end, False
        elif kind == "brk":
            if (end - start == 1 or not _is_blank_break(match.group())) and _line_continues(text, start, end):
                continue
            yield start, True
        else:
            yield end, False


def _pieces(text: str, *, paragraphs_only: bool) -> array[int]:
    """``[start, end, ...]`` of the non-blank pieces between sentence (or paragraph) ends."""
    bounds: list[int] = []
    position = 0
    for cut, ends_paragraph in _cuts(text):
        if ends_paragraph or not paragraphs_only:
            _add_piece(bounds, text, position, cut)
            position = cut
    return array(_typecode(text), bounds)


def _cuts(text: str) -> Iterator[tuple[int, bool]]:
    """Every sentence end (:func:`_boundaries`), then the end of the text, which ends a paragraph."""
    return itertools.chain(_boundaries(text), ((len(text), True),))


def _add_piece(bounds: list[int], text: str, position: int, cut: int) -> None:
    """Add the start and end of ``text[position:cut]`` without its blanks, unless it is all blank."""
    found = _CONTENT.search(text, position, cut)
    if found is None:
        return
    end = cut
    # A cut after punctuation sits right after a visible character; only a
    # cut at a line break has blanks to give back.
    while _CONTENT.match(text, end - 1) is None:
        end -= 1
    bounds += (found.start(), end)


def sentences_and_paragraphs(text: str) -> tuple[SentenceList, ParagraphList]:
    r"""Return :func:`sentences` and :func:`paragraphs` of ``text`` from one scan of its boundaries.

    What :func:`arnews.parse` needs: both splits for the cost of one.

    Example:
        >>> found, blocks = sentences_and_paragraphs("عنوان\n\nقال إنه بخير. وأضاف.")
        >>> len(found), len(blocks)
        (3, 2)
    """
    require_str(text)
    sentence_bounds: list[int] = []
    paragraph_bounds: list[int] = []
    sentence_from = paragraph_from = 0
    for cut, ends_paragraph in _cuts(text):
        _add_piece(sentence_bounds, text, sentence_from, cut)
        sentence_from = cut
        if ends_paragraph:
            _add_piece(paragraph_bounds, text, paragraph_from, cut)
            paragraph_from = cut
    typecode = _typecode(text)
    return (
        SentenceList(text, array(typecode, sentence_bounds)),
        ParagraphList(text, array(typecode, paragraph_bounds)),
    )


def sentences(text: str) -> SentenceList:
    """Split a text into sentences with exact offsets.

    A sentence ends at ``.`` ``!`` ``?`` ``؟`` ``…`` or a run of them
    followed by a space, a line break or the end of the text, and keeps the
    closing quote marks and brackets right after it. It does not end at
    ``،`` ``؛`` ``:``, after an abbreviation or initial (``د.`` ``م.``
    ``ق.م.`` ``U.S.``), inside a number, URL or e-mail, nor at an ellipsis
    followed by more text on the same line. A line break ends a sentence
    unless it is a hard wrap (see :func:`arnews.paragraphs`). Spans start at the
    first character that is not a space or a control character.

    Args:
        text: Any text, exactly as received.

    Returns:
        The sentences in text order, as a lazy ``SentenceList``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import sentences
        >>> [s.text for s in sentences('قال د. أحمد إن النمو بلغ 3.5%. وأضاف: "هذا جيد".')]
        ['قال د. أحمد إن النمو بلغ 3.5%.', 'وأضاف: "هذا جيد".']
    """
    require_str(text)
    return SentenceList(text, _pieces(text, paragraphs_only=False))


def paragraphs(text: str) -> ParagraphList:
    r"""Split a text into paragraphs with exact offsets.

    Both conventions of news text are handled: a blank line between
    paragraphs, or one line break per paragraph. Every line break ends a
    paragraph, except a single line break inside a hard-wrapped sentence: the
    line before it ends with a comma or with a word that cannot end a clause
    (``في`` ``أن`` ``التي`` ...) and the next line starts with a letter.
    Blank lines never belong to a paragraph.

    Args:
        text: Any text, exactly as received.

    Returns:
        The paragraphs in text order, as a lazy ``ParagraphList``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import paragraphs
        >>> paragraphs("عنوان الخبر\n\nقال الوزير إن\nالعمل مستمر.\nوأضاف.").texts()
        ['عنوان الخبر', 'قال الوزير إن\nالعمل مستمر.', 'وأضاف.']
    """
    require_str(text)
    return ParagraphList(text, _pieces(text, paragraphs_only=True))


# ---------------------------------------------------------------------------
# Tokens.

_EMOJI = (
    "\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_EMOJI_MODIFIER = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"


@functools.cache
def _token_parts() -> tuple[tuple[TokenKind, str], ...]:
    """What follows the first character of a non-word token, by kind, in the order tried.

    The order only matters where two kinds can start with the same
    character: a URL or an e-mail before a Latin word or a number. Each
    branch checks the first character with a lookbehind. A negative
    lookbehind keeps URL, e-mail, mention and hashtag scans from restarting
    inside a run they already failed on, and repetitions are possessive:
    linear time.
    """
    marks = _char_classes().marks
    latin = f"[{_LATIN_LETTER}\\d\u0300-\u036f]*+"
    # `،` and `؛` never occur inside a URL, which also lets the token scan
    # cut its pieces after them (see tokens).
    url_char = r"[^\s<>\"'«»“”‘’،؛]"
    url_end = r"[^\s<>\"'«»“”‘’.,;:!?؟،)\]]"
    emoji_tail = f"[{_EMOJI_MODIFIER}]*+"
    return (
        # Terminator runs (`...` `؟!`) and dash rules (`--`) stay whole. First
        # among the branches because `.` is the most common of them all.
        (TokenKind.PUNCTUATION, rf"(?<=[{_TERMINATORS}])[{_TERMINATORS}]*+|(?<=-)-++|(?<=_)_++"),
        (
            TokenKind.URL,
            (
                rf"(?<![\w@.].)(?:(?<=[hH])[tT]{{2}}[pP][sS]?://|(?<=[fF])[tT][pP]://|(?<=[wW])[wW]{{2}}\.)"
                rf"{url_char}*{url_end}"
            ),
        ),
        (
            TokenKind.EMAIL,
            r"(?<=[A-Za-z0-9])(?<![\w.%+-].)[A-Za-z0-9._%+-]*+@[A-Za-z0-9](?:[A-Za-z0-9-]*+\.)+[A-Za-z]{2,}+",
        ),
        (TokenKind.NUMBER, r"(?<=\d)\d*+(?:[.,٫٬:/]\d++)*+"),
        (TokenKind.MENTION, rf"(?<=@)(?<![\w@].)[\w{marks}]++"),
        (TokenKind.HASHTAG, rf"(?<=#)(?<![\w#].)[\w{marks}]++(?:[\u200c\u200d]++[\w{marks}]++)*+"),
        (TokenKind.LATIN, rf"(?<=[{_LATIN_LETTER}]){latin}(?:['’][{_LATIN_LETTER}]{latin})*+"),
        (TokenKind.EMOJI, rf"(?<=[{_EMOJI}]){emoji_tail}(?:\u200d[{_EMOJI}]{emoji_tail})*+"),
        # Anything else visible is one character: punctuation or symbol by
        # its Unicode category (decided when the token is built).
        (TokenKind.SYMBOL, ""),
    )


def _token_pattern(*, named: bool, without: frozenset[TokenKind] = frozenset()) -> str:
    """One token: a visible character, then the branch its kind takes.

    The pattern opens with one character class, which lets the engine skip
    the gaps in C; a lookbehind on that first character picks the branch.
    Words come first (the common case). Classes are explicit ranges so that
    they compile to bitmaps. ZWNJ and ZWJ join word pieces (Persian, Urdu)
    but never start or end a word: the lookbehind gives back a trailing run
    of them, once, so the scan stays linear.
    """
    classes = _char_classes()

    def group(kind: TokenKind, pattern: str) -> str:
        return f"(?P<{kind.name}>{pattern})" if named else f"(?:{pattern})"

    joiners = "\u200c\u200d"
    word = group(TokenKind.WORD, f"[{classes.word}{joiners}]*(?<![{joiners}])")
    # Marks that are always a token of one character skip the branch cascade.
    single = f"[{re.escape(_SINGLE_PUNCTUATION)}]"
    rest = "|".join(group(kind, pattern) for kind, pattern in _token_parts() if kind not in without)
    return f"[{classes.visible}](?:(?<=[{classes.word}]){word}|(?<={single})|{rest})"


# No other branch can start with these, so they never need the branch cascade.
_SINGLE_PUNCTUATION = "،؛,:;\"'()«»[]{}“”‘’/\\|*%<>=+"


@functools.cache
def _token_split() -> re.Pattern[str]:
    return re.compile(f"({_token_pattern(named=False)})")


@functools.cache
def _token_match() -> Callable[[str, int], re.Match[str] | None]:
    return re.compile(_token_pattern(named=True)).match


def _token_kind(text: str, start: int) -> TokenKind:
    """The kind of the token that starts at ``start`` (the scan found it there)."""
    kind = _kind_of_first_char(text[start])
    if kind is not None:
        return kind
    match = _token_match()(text, start)
    if match is None or match.lastgroup is None:  # pragma: no cover - only the first-char kinds lack a group
        return _kind_of_single(text[start])
    kind = TokenKind[match.lastgroup]
    return _kind_of_single(text[start]) if kind is TokenKind.SYMBOL else kind


def _kinds_at(text: str, bounds: Sequence[int]) -> list[TokenKind]:
    """The kinds of the tokens at ``bounds`` (``[start0, end0, start1, ...]``), all at once.

    Most first characters settle the kind on their own, and the class scan's
    codec holds most of them in one byte: the text encoded with it (one byte
    per character, ``?`` for the others) gives every token's first byte in C
    without making a string per token, and a ``bytes.translate`` turns those
    into kind codes. The first bytes that settle nothing (Latin letters,
    ``@`` ``#`` ``?``, and ASCII digits when the text holds an ``@``) are
    visited by ``bytes.find`` and worked out one by one.
    """
    starts = bounds[0::2]
    encoded = _class_tables().encode(text)
    found = bytes(map(encoded.__getitem__, starts)).translate(
        _first_byte_kinds(digits_settle="@" not in text)
    )
    return _decide_kinds(text, bounds, found)


def _settled_kinds(text: str, bounds: Sequence[int], first_kinds: bytes | bytearray) -> list[TokenKind]:
    """The kinds of the tokens at ``bounds``, from the kind codes the class scan kept (a byte per token)."""
    return _decide_kinds(text, bounds, first_kinds.translate(_SCAN_KINDS[int("@" not in text)]))


def _decide_kinds(text: str, bounds: Sequence[int], found: bytes | bytearray) -> list[TokenKind]:
    """Kind codes (a byte per token, _UNDECIDED where the first character settles nothing) -> kinds."""
    # itemgetter looks every code up in C; with one key it returns the item itself.
    kinds = (
        list(operator.itemgetter(*found)(_KIND_BY_CODE))
        if len(found) > 1
        else [*map(_KIND_BY_CODE.__getitem__, found)]
    )
    index = found.find(_UNDECIDED)
    while index >= 0:
        kinds[index] = _decided_kind(text, bounds[2 * index], bounds[2 * index + 1])
        index = found.find(_UNDECIDED, index + 1)
    return kinds


@functools.cache
def _first_byte_kinds(*, digits_settle: bool) -> bytes:
    """A ``bytes.translate`` table: a byte of the class scan's codec -> the kind code its character settles.

    An ASCII digit settles ``number`` when the text holds no ``@``: only an
    e-mail address can start with one and be something else.
    """
    table = bytearray([_UNDECIDED]) * 256
    for byte, char in enumerate(_class_tables().chars):
        kind = TokenKind.NUMBER if digits_settle and "0" <= char <= "9" else _kind_of_first_char(char)
        # `?` also stands for every character the codec lacks.
        if kind is not None and char != "?":
            table[byte] = _CODE_OF_KIND[kind]
    return bytes(table)


def _decided_kind(text: str, start: int, end: int) -> TokenKind:
    """The kind of the token ``text[start:end]`` that the scan found.

    After an ASCII digit, ``@``, ``#`` or a Latin letter, the branches of
    the token pattern that can start there leave marks that tell them apart
    without a new match: a mention or hashtag is longer than its sign, an
    e-mail holds ``@``, a token without ``@`` ``:`` ``.`` is a number or a
    Latin word. Only a Latin-led token with one of those (a URL, or an
    e-mail right after ``@`` as in ``قال@www.a@b.co``) is matched again in
    place.
    """
    first = text[start]
    if first in {"@", "#"}:
        if end - start == 1:
            return _kind_of_single(first)
        return TokenKind.MENTION if first == "@" else TokenKind.HASHTAG
    if "0" <= first <= "9":
        return TokenKind.EMAIL if text.find("@", start, end) >= 0 else TokenKind.NUMBER
    if _is_latin_letter(first):
        if any(text.find(mark, start, end) >= 0 for mark in "@:."):
            return _token_kind(text, start)
        return TokenKind.LATIN
    return _token_kind(text, start)


# Kind codes: a byte per token, _UNDECIDED until worked out.
_UNDECIDED = 255
# The class scan's kind codes stay below 0x80 (it deletes bytes with bit 7):
# the kind codes, and these two for a first character that settles nothing.
_SCAN_UNDECIDED = 0x7F
_SCAN_DIGIT = 0x7E
"""An ASCII digit: a number, unless the text holds an ``@`` (``1@x.org``)."""
_CODE_OF_KIND = {kind: code for code, kind in enumerate(TokenKind)}
# bytes.translate tables from the class scan's codes to kind codes: ASCII
# digits stay undecided (the text holds an `@`) or settle as numbers (it
# does not).
_SCAN_KINDS = tuple(
    bytes(range(_SCAN_DIGIT)) + bytes([digit, _UNDECIDED]) + bytes([_UNDECIDED]) * 128
    for digit in (_UNDECIDED, _CODE_OF_KIND[TokenKind.NUMBER])
)
# Indexed by every byte value; the undecided ones are replaced before use.
_KIND_BY_CODE: tuple[TokenKind, ...] = tuple(TokenKind) + (TokenKind.SYMBOL,) * (256 - len(TokenKind))


def _kind_of_single(char: str) -> TokenKind:
    """A one-character token outside the other kinds: punctuation or symbol by its category."""
    return TokenKind.PUNCTUATION if unicodedata.category(char)[0] == "P" else TokenKind.SYMBOL


@functools.lru_cache(maxsize=4096)
def _kind_of_first_char(char: str) -> TokenKind | None:
    """The kind of any token that starts with ``char``, or ``None`` when the rest decides.

    Only a Latin letter, an ASCII digit, ``@`` and ``#`` can start tokens of
    several kinds (``www.`` URL or Latin word, ``1@x.org`` e-mail or number);
    every other first character settles the kind, in the order the token
    pattern tries its branches.
    """
    if _is_latin_letter(char) or ("0" <= char <= "9") or char in "@#":
        return None
    if re.match(f"[{_char_classes().word}]", char):
        return TokenKind.WORD
    if char.isdecimal():
        return TokenKind.NUMBER
    if re.match(f"[{_EMOJI}]", char):
        return TokenKind.EMOJI
    if char in _TERMINATORS or char in "-_":
        return TokenKind.PUNCTUATION
    return _kind_of_single(char)


def tokens(text: str) -> TokenList:
    """Split a text into typed tokens with exact offsets.

    Kinds: Arabic (and other non-Latin) ``word`` with its diacritics, tatweel
    and joiners inside; ``number`` with its separators (``3.5`` ``٣٫٥``
    ``1,000`` ``12.3.2012`` ``10:30``); ``latin``; ``url``; ``email``;
    ``hashtag``; ``mention``; ``emoji`` (with modifiers and ZWJ chains);
    ``punctuation`` (runs of ``.!?؟…`` and dash rules stay whole, other marks
    are one character each) and ``symbol``. A word never holds a digit:
    ``الـ24`` is the word ``الـ`` and the number ``24``; ``((شينخوا))`` is
    ``(``, ``(``, ``شينخوا``, ``)``, ``)``. Whitespace and control
    characters fall between tokens.

    Args:
        text: Any text, exactly as received.

    Returns:
        The tokens in text order, as a lazy ``TokenList``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import tokens
        >>> tokens("سجّل الـ24 هدفاً!").texts()
        ['سجّل', 'الـ', '24', 'هدفاً', '!']
    """
    require_str(text)
    bounds = _new_bounds(text)
    pattern = _token_split()
    fast = _class_scan_fits(text)
    # The class scan also keeps the kind code of every token's first
    # character, as long as it scans every window.
    first_kinds: bytearray | None = bytearray() if fast else None
    size, start = len(text), 0
    while start < size:
        end = min(start + _WINDOW, size)
        if end < size:
            cut = max(text.rfind(" ", start, end), text.rfind("،", start, end))
            if cut < start:
                start, first_kinds = _stream_tokens(pattern, text, start, end, bounds), None
                continue
            end = cut + 1
        if not (fast and _scan_classes(text, start, end, bounds, first_kinds)):
            _scan_regex(pattern, text, start, end, bounds)
            first_kinds = None
        start = end
    return TokenList(text, bounds, first_kinds)


# Tokens are scanned in windows of at most this many characters, cut after a
# space or `،`: no token holds one of them, so a cut never splits a token.
# A window's offsets fit in 14 bits (the class scan packs them in two bytes
# of seven bits), and its working set stays in cache: larger windows scan no
# faster and hold more memory while they are scanned.
_WINDOW = (1 << 13) - 1


def _new_bounds(text: str) -> array[int]:
    """An empty offsets array for ``text``."""
    return array(_typecode(text))


def _scan_regex(pattern: re.Pattern[str], text: str, start: int, end: int, bounds: array[int]) -> None:
    """Append the offsets of the tokens of ``text[start:end]``, found by the token pattern."""
    # split() returns [gap, token, gap, token, ..., gap]; the running sum of
    # their lengths from `start` is [start, start0, end0, start1, end1, ...,
    # end], computed in C and streamed into the array without a list of
    # offsets; the first and last are not bounds.
    bounds.extend(
        itertools.islice(
            itertools.accumulate(map(len, pattern.split(text[start:end])), initial=start), 1, None
        )
    )
    bounds.pop()


def _stream_tokens(pattern: re.Pattern[str], text: str, start: int, window: int, bounds: array[int]) -> int:
    """Scan from ``start`` when no space or ``،`` cuts the next window; return where to resume.

    A run without spaces (one huge token, a wall of punctuation, words glued
    together) is scanned up to the next space or ``،`` (or the end of the
    text), never holding a list of every token: in pieces when nothing in
    the run makes the pattern read far ahead, else streaming the match
    offsets into ``bounds`` in C.
    """
    found = _NEXT_CUT.search(text, window)
    stop = len(text) if found is None else found.end()
    if _FAR_READER.search(text, start, stop) is None:
        _scan_pieces(text, start, stop, bounds)
    else:
        bounds.extend(itertools.chain.from_iterable(map(re.Match.span, pattern.finditer(text, start, stop))))
    return stop


_NEXT_CUT = re.compile("[ ،]")
# Only a URL or an e-mail address (which need `:` or `.`) and a run of
# joiners make the token pattern read far past the token it finds, to
# backtrack; without them it reads at most _READ_AHEAD characters past it.
_FAR_READER = re.compile("[.:\u200c\u200d]")
_READ_AHEAD = 8
_PIECE = 256


def _scan_pieces(text: str, start: int, stop: int, bounds: array[int]) -> None:
    """Append the offsets of the tokens of ``text[start:stop]``, a run the pattern never reads far ahead in.

    ``findall`` over a piece of the run (ending short of ``stop``) returns
    every token and the gap before it as strings, whose running length sum
    is the offsets, with no match object per token. A token that ends within
    _READ_AHEAD characters of the piece's end may have been cut short by it:
    the next piece starts again after the last token that ends before.
    """
    findall, search = _token_pairs().findall, _token_split().search
    position = start
    while position < stop:
        end = min(position + _PIECE, stop)
        offsets = list(
            itertools.accumulate(
                map(len, itertools.chain.from_iterable(findall(text, position, end))), initial=position
            )
        )
        if end == stop:
            bounds.extend(offsets[1:])
            return
        # offsets is [position, start0, end0, start1, end1, ...]: with i of
        # its entries at most the limit, the first (i - 1) // 2 tokens end by it.
        kept = (bisect.bisect_right(offsets, end - _READ_AHEAD) - 1) // 2
        if kept:
            bounds.extend(offsets[1 : 2 * kept + 1])
            position = offsets[2 * kept]
            continue
        found = search(text, position, stop)  # one token longer than a piece
        if found is None:
            return
        bounds.extend(found.span())
        position = found.end()


@functools.cache
def _token_pairs() -> re.Pattern[str]:
    """The gap before a token and the token, as two groups, in a run with no ``.``, ``:`` or joiner.

    Only there is it used (see :func:`_scan_pieces`), and there neither a
    URL (``://`` or ``www.``) nor an e-mail address (a ``.`` after the
    ``@``) can match: without those two branches the pattern splits such a
    run the same, with about 30% less work per token (``a@a@a@...`` is one
    token per character).
    """
    without = frozenset({TokenKind.URL, TokenKind.EMAIL})
    return re.compile(f"([^{_char_classes().visible}]*+)({_token_pattern(named=False, without=without)})")


# ---------------------------------------------------------------------------
# Tokens: the class scan.
#
# The token pattern defines the tokens, but a regex costs a match, and split()
# a string, per token and per gap: on news text that tops out near 25 MB/s.
# Most of a news text needs no pattern, though. Its tokens are runs of one
# class of character (Arabic words, digits, `...`, `--`) or marks that are
# always a token of their own (`،` `«` `(`), between spaces. The class scan
# therefore works on a whole window at once, with no Python object per token:
#
# 1. A codec maps every character to one byte (`?` for the characters it
#    lacks) and `bytes.translate` maps the bytes to class codes.
# 2. The few whitespace-delimited parts that hold something only the pattern
#    knows (a Latin letter, `@`, `#`, a joiner, digit-mark-digit, a character
#    the codec lacks) are split by the token pattern, and their tokens
#    painted back into the codes, in two alternating codes.
# 3. A token starts where the code changes or at a mark that is a token of
#    its own, and ends before the next such place: integer arithmetic on the
#    window's codes read as one big integer marks both at once.
# 4. A table of every offset in the window, as a byte of its low seven bits
#    and a byte of the rest, gets bit 7 set wherever nothing is marked;
#    `bytes.translate` deletes those bytes, and what is left are the marked
#    offsets, in order, ready for the array.
#
# A window with many such parts (Latin text) goes to the token pattern
# instead, so the scan never costs much more than the pattern alone.

# Class codes. Gaps are 0 and 1; any two distinct codes differ in their low
# four bits, so their exclusive or is never 0 there.
_SPACE = 0
_GAP = 1
_WORD = 2
_DIGIT = 3
_TERMINATOR = 4
_DASH = 5
_UNDERSCORE = 6
_OWN = 7
"""A mark that is always a token of its own."""
_HARD = 8
"""Only the token pattern can split it."""
_PAINT = (b"\x01", b"\x09", b"\x01", b"\x0a")
"""Codes for a part the pattern split: gap, token, gap, token (two codes, so
that adjacent tokens differ)."""
_RUN_CODES = (_WORD, _DIGIT, _TERMINATOR, _DASH, _UNDERSCORE, 9, 10)

# Beyond ASCII, the characters the codec knows: the 128 most useful to news
# text in Arabic script. Anything else is written `?` and left to the pattern.
_CODEC_RANGES = ((0x0621, 0x063A), (0x0640, 0x066D), (0x0670, 0x0671), (0x06F0, 0x06F9))
_CODEC_EXTRA = (
    "پچژڤکگیۀھہےٹڈڑں،؛؟۔\u00a0«»\u00ad°×÷–—‘’“”…•\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
)


class _ClassTables(NamedTuple):
    chars: str
    """The character of every byte of the codec."""
    encode: Callable[[str], bytes]
    """Encode a window, one byte per character (``?`` for those the codec lacks)."""
    codes: bytes
    """Translate table: a byte of the codec -> the class code of its character."""
    marks: bytes
    """Translate table: class code -> 0 (a gap), 0x0F (a run) or 0x1F (a token of its own)."""
    digit_mark_digit: re.Pattern[bytes]
    """In class codes: a mark between two digits, maybe a number separator (``3.5`` ``1,000``)."""
    first_kinds: bytes
    """Translate table: a byte of the codec -> the kind code a token starting with its character gets."""


def _class_code(char: str) -> int:
    """The class code of ``char`` (``?`` also stands for every character the codec lacks)."""
    classes = _char_classes()
    if char.isspace():
        return _SPACE
    if char == "?" or char in "@#\u200c\u200d" or _is_latin_letter(char) or re.match(f"[{_EMOJI}]", char):
        return _HARD
    if re.match(f"[{classes.visible}]", char) is None:
        return _GAP
    if re.match(f"[{classes.word}]", char):
        return _WORD
    if char.isdecimal():
        return _DIGIT
    if char in _TERMINATORS:
        return _TERMINATOR
    return {"-": _DASH, "_": _UNDERSCORE}.get(char, _OWN)


@functools.cache
def _class_tables() -> _ClassTables:
    """The codec and translate tables of the class scan, built on first use."""
    extra = [chr(cp) for first, last in _CODEC_RANGES for cp in range(first, last + 1)] + list(_CODEC_EXTRA)
    chars = "".join(map(chr, range(128))) + "".join(extra)
    if len(chars) != 256 or len(set(chars)) != 256:  # pragma: no cover - a wrong edit of the lists
        raise AssertionError("the class scan codec needs 256 distinct characters")
    marks = bytearray(256)
    marks[_OWN] = 0x1F
    for code in _RUN_CODES:
        marks[code] = 0x0F
    charmap = codecs.charmap_build(chars)
    return _ClassTables(
        chars=chars,
        encode=lambda window: codecs.charmap_encode(window, "replace", charmap)[0],
        codes=bytes(map(_class_code, chars)),
        marks=bytes(marks),
        digit_mark_digit=re.compile(bytes([_DIGIT, ord("["), _TERMINATOR, _OWN, ord("]"), _DIGIT])),
        first_kinds=bytes(map(_scan_kind_code, chars)),
    )


def _scan_kind_code(char: str) -> int:
    """The class scan's kind code for a token that starts with ``char`` (``?`` stands for any other)."""
    if "0" <= char <= "9":
        return _SCAN_DIGIT
    kind = _kind_of_first_char(char)
    return _SCAN_UNDECIDED if kind is None or char == "?" else _CODE_OF_KIND[kind]


def _class_scan_fits(text: str) -> bool:
    """Whether the class scan can hold the offsets of ``text`` (4-byte little-endian items)."""
    return len(text) >= _CLASS_SCAN_MIN and len(text) < 2**31 and array("i").itemsize == 4 and _LITTLE_ENDIAN


_LITTLE_ENDIAN = sys.byteorder == "little"
# A window goes to the token pattern when more than one character in
# _MOST_HARD is one only it can split, or when the parts it must split, each
# counted _PART_COST characters longer for the work around it, make up more
# than one character in _PATTERN_SHARE: then the pattern alone is faster.
_MOST_HARD = 8
_PART_COST = 32
_PATTERN_SHARE = 2
# Below this many characters the fixed cost of the class scan exceeds the
# token pattern's.
_CLASS_SCAN_MIN = 256


def _scan_classes(text: str, start: int, end: int, bounds: array[int], first_kinds: bytearray | None) -> bool:
    """Append the offsets of the tokens of the window ``text[start:end]``; False when the pattern should.

    ``start`` is 0 or follows a space or ``،``, and ``end`` is the end of
    the text or follows one: no token crosses either. Unless ``first_kinds``
    is None, the kind code of every token's first character is appended to
    it.
    """
    tables = _class_tables()
    size = end - start
    encoded = tables.encode(text[start:end])
    classes = bytearray(encoded.translate(tables.codes))
    if classes.count(_HARD) * _MOST_HARD > size or not _paint_hard_parts(text, start, classes):
        return False
    width = 1 << size.bit_length()  # room for the offsets 0 .. size
    codes = int.from_bytes(classes, "little")
    changed = (codes ^ (codes << 8)) | _filled(width, 0x10)
    marks = int.from_bytes(classes.translate(tables.marks), "little")
    # Offset i is a start when the code at i is not a gap and differs from
    # the one before, or is a token of its own; an end when the same holds of
    # the code before it. A run's mark (0x0F) keeps only the low bits of
    # `changed`, 0 when the code did not change; a mark of its own (0x1F)
    # also keeps bit 4, always set. So a byte of `marked` is 0 where nothing
    # starts (or ends) and at most 0x1F elsewhere, and 0x80 minus it has bit
    # 7 set exactly where nothing does: that bit, over the offset's digits
    # (below 0x80), is what bytes.translate deletes.
    low, high = _offset_digits(width)
    high_bits = _filled(width, 0x80)
    unmarked = [(high_bits - marked) & high_bits for marked in (marks & changed, (marks << 8) & changed)]
    digits = [
        (flags | digit).to_bytes(width, "little").translate(None, _HIGH_BYTES)
        for flags in unmarked
        for digit in (low, high)
    ]
    if first_kinds is not None:
        # The same deletion over the kind codes of the characters keeps those
        # of the tokens' first characters.
        kind_codes = int.from_bytes(encoded.translate(tables.first_kinds), "little")
        first_kinds += (unmarked[0] | kind_codes).to_bytes(width, "little").translate(None, _HIGH_BYTES)
    count = len(digits[0])
    # [start0, end0, start1, end1, ...], four bytes each: low digit, high digit, 0, 0.
    wide = bytearray(8 * count)
    wide[0::8], wide[1::8], wide[4::8], wide[5::8] = digits
    value = int.from_bytes(wide, "little")
    value = (value & _LOW_SEVEN) | ((value >> 1) & _HIGH_SEVEN)
    value += start * (_ONES >> (32 * (_MAX_ENTRIES - 2 * count)))
    bounds.frombytes(value.to_bytes(8 * count, "little"))
    return True


def _paint_hard_parts(text: str, start: int, classes: bytearray) -> bool:
    """Split the parts of the window that only the token pattern can, and paint their tokens into ``classes``.

    A part runs between two whitespace characters (or an edge of the
    window), so the pattern splits it exactly as it would the whole text.
    Returns False when the parts are too many or too long for the scan to
    pay off.
    """
    split, search = _token_split().split, _class_tables().digit_mark_digit.search
    size = len(classes)
    spent = 0
    hard = classes.find(_HARD)
    number = search(classes)
    at_number = size if number is None else number.start()
    while hard >= 0 or at_number < size:
        at = at_number if hard < 0 else min(hard, at_number)
        part_start = classes.rfind(_SPACE, 0, at) + 1
        part_end = classes.find(_SPACE, at)
        if part_end < 0:
            part_end = size
        spent += part_end - part_start + _PART_COST
        if spent * _PATTERN_SHARE > size:
            return False
        pieces = split(text[start + part_start : start + part_end])
        classes[part_start:part_end] = b"".join(map(bytes.__mul__, itertools.cycle(_PAINT), map(len, pieces)))
        if 0 <= hard < part_end:
            hard = classes.find(_HARD, part_end)
        if at_number < part_end:
            number = search(classes, part_end)
            at_number = size if number is None else number.start()
    return True


# What bytes.translate deletes: every byte with bit 7 set.
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Room for two bounds (a start and an end) per offset of the largest window.
_MAX_ENTRIES = 2 * (_WINDOW + 1)
_LOW_SEVEN = int.from_bytes(b"\x7f\x00\x00\x00" * _MAX_ENTRIES, "little")
_HIGH_SEVEN = int.from_bytes(b"\x80\x3f\x00\x00" * _MAX_ENTRIES, "little")
_ONES = int.from_bytes(b"\x01\x00\x00\x00" * _MAX_ENTRIES, "little")


@functools.cache
def _filled(width: int, byte: int) -> int:
    """``width`` bytes of ``byte``, as an integer."""
    return int.from_bytes(bytes([byte]) * width, "little")


@functools.cache
def _offset_digits(width: int) -> tuple[int, int]:
    """The offsets ``0 .. width - 1`` as two integers of a byte per offset: its low seven bits, and the rest.

    No byte of either has bit 7 set, so setting it marks what
    ``bytes.translate`` deletes.
    """
    low = bytes(offset & 0x7F for offset in range(width))
    high = bytes(offset >> 7 for offset in range(width))
    return int.from_bytes(low, "little"), int.from_bytes(high, "little")
