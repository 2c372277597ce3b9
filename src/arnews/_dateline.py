"""Datelines (where, when and from whom a story was filed) and end-of-article credits.

A dateline is read in three steps, all bounded: only the first lines of the
text (at most :data:`_HEAD_CHARS` characters, :data:`_MAX_LINES` lines) are
looked at, and only the last lines for a credit.

1. **Marks.** On the matching shadow of the head, the lexicons of
   ``data/agencies.toml`` (agencies and outlets), ``data/dateline.toml``
   (places, fillers, bylines, page furniture) and the date scanner of
   :mod:`arnews._dates` mark what they know, mapped back to the original text.
2. **Slots.** Each candidate line is cut into slots: phrases of plain words,
   credits, dates, bracketed groups and separators (``- – — ـ : / | _ ،``).
   Structure is read on the original text, since the shadow drops a tatweel
   separator (``القاهرة ـ أحمد حسين``).
3. **Layout.** A line is a dateline when its slots fit one of the layouts
   of the reference notes: a credit or a place-and-date anchors it
   (``PLACE DATE (AGENCY)``, ``PLACE - AGENCY:``, ``AGENCY - PLACE:``,
   ``REPORTER - OUTLET - PLACE:``, ``(AGENCY) -``); without one, only a known
   place in a short lead-in line counts (``PLACE: REPORTER``,
   ``REPORTER - PLACE``). Headlines (``لندن: …``), captions ending in a
   credit, bylines (``كتب: …``) and timestamps do not fit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple, TypeVar

import attrs

from arnews._data import load_table
from arnews._dates import DateHit, date_words, scan_stable, widen
from arnews._lexicon import Lexicon, LexiconView, LexiconViews, fold_all
from arnews._model import Agency, Credit, Dateline, NewsDate, Span
from arnews._normalize import Aligned, NormalizeConfig, in_step, normalize, normalize_aligned
from arnews._validate import require_str

__all__ = ["find_credit", "find_dateline"]

_HEAD_CHARS: Final = 2000
_MAX_LINES: Final = 12
_TAIL_CHARS: Final = 600
_TAIL_LINES: Final = 3
# A phrase longer than this is the body, not a slot of a dateline.
_MAX_SLOT_WORDS: Final = 4
# A dateline's slots fit in the first tokens of its line; the rest is body.
_MAX_TOKENS: Final = 40
_MAX_LEAD_WORDS: Final = 6
# A line is first read on its first _WINDOW characters (the tokens of nearly
# every line end there), then on windows _GROWTH times wider.
_WINDOW: Final = 96
_GROWTH: Final = 4
# Characters past the longest key that a probe window takes in (a few spaces).
_SLACK: Final = 8
# A reporter's name has two or three words ("موسى مهدي").
_MIN_NAME_WORDS: Final = 2
_MAX_NAME_WORDS: Final = 3
# A line this long (or ending a sentence) is body text, not a headline.
_BODY_WORDS: Final = 15
_LONG_PARAGRAPH_WORDS: Final = 25

# U+FFFD stands for a letter lost in a bad conversion ("\ufffdغداد"): it is kept inside words.
_WORD = re.compile(r"[\w\u0640\u064b-\u065f\u0670\ufffd]+")
_SPACES: Final = (
    " \t\r\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_INVISIBLE: Final = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_BULLETS: Final = "*•·▪►-–—"
_TATWEEL: Final = "\u0640"
# The brackets and quotes around a photo credit closing an article ("(رويترز)").
_PHOTO_OPENERS: Final = '(«"“'
_PHOTO_CLOSERS: Final = ')»"”'
# The fewest characters that hold that many words: one each, a blank between.
_LONG_PARAGRAPH_CHARS: Final = 2 * _LONG_PARAGRAPH_WORDS - 1
_LONG_PARAGRAPH = re.compile(rf"\s*+(?:\S++\s++){{{_LONG_PARAGRAPH_WORDS - 1}}}\S")
# A line opening with five plain words is read by one pattern (see _plain_reach).
_FIVE: Final = 5
_WORD_CHARS: Final = "\\w\u0640\u064b-\u065f\u0670\ufffd"
_BLANK_CHARS: Final = _SPACES + _INVISIBLE
_BLANKS = re.compile(f"[{_BLANK_CHARS}]+")
_SENTENCE_END = re.compile(r"(?<![.])[.!?؟](?![.])(?:\s|$)")
_DIGIT = re.compile(r"\d")
# What str.strip() keeps: \s and str.isspace() agree on every character.
_NON_SPACE = re.compile(r"\S")
_IN: Final = "في"
_COMMA: Final = "،,"
_V = TypeVar("_V")
_AGENCY_KIND: Final = "agency"
_GENERIC_KIND: Final = "generic"
_OUTLET_KIND: Final = "outlet"

# Token kinds.
_T_WORD: Final = "word"
_T_CREDIT: Final = "credit"
_T_PLACE: Final = "place"
_T_DATE: Final = "date"
_T_SEP: Final = "sep"
_T_OPEN: Final = "open"
_T_CLOSE: Final = "close"
_T_OTHER: Final = "other"
_T_FILLER: Final = "filler"
_T_BYLINE: Final = "byline"
_T_FURNITURE: Final = "furniture"
_T_QUALIFIER: Final = "qualifier"
_PLAIN: Final = frozenset({"word", "place", "filler", "byline", "qualifier"})
# When two marks start at the same place and are as long, the first kind here wins.
_PRIORITY: Final = {
    _T_DATE: 0,
    _T_CREDIT: 1,
    _T_PLACE: 2,
    _T_FURNITURE: 3,
    _T_BYLINE: 4,
    _T_FILLER: 5,
    _T_QUALIFIER: 6,
}


@attrs.frozen
class _Source:
    """A credited agency or outlet, as the lexicon knows it."""

    name: str
    kind: str
    word: bool = False


# _Mark and _Token are named tuples, not attrs classes: every line read makes
# a few dozen of them, and a tuple is several times cheaper to build than a
# frozen attrs instance (which sets each field through object.__setattr__).
class _Mark(NamedTuple):
    # The fields of _Token, in its order, but its text.
    kind: str
    start: int
    end: int
    source: _Source | None = None
    date: DateHit | None = None
    place: bool = False


class _Token(NamedTuple):
    kind: str
    start: int
    end: int
    source: _Source | None = None
    date: DateHit | None = None
    place: bool = False
    text: str = ""


# A mark or a token from a tuple of all its fields, without the keyword handling of
# _Token's generated __new__ (the tokenizer makes one per word).
_new_token: Callable[[tuple[str, int, int, _Source | None, DateHit | None, bool, str]], _Token] = (
    functools.partial(tuple.__new__, _Token)
)
_new_mark: Callable[[tuple[str, int, int, _Source | None, DateHit | None, bool]], _Mark] = functools.partial(
    tuple.__new__, _Mark
)


class _Slot(NamedTuple):
    """A phrase, a credit, a date, a bracketed group or a separator of a dateline line.

    A named tuple like _Token: every line read makes one per phrase and separator.
    """

    kind: str  # "phrase", "credit", "date", "group", "sep"
    tokens: tuple[_Token, ...]
    start: int
    end: int
    inner: tuple[_Slot, ...] = ()

    @property
    def words(self) -> int:
        return sum(1 for t in self.tokens if t.kind not in (_T_SEP, _T_OPEN, _T_CLOSE))

    @property
    def is_place(self) -> bool:
        """A phrase that is a known place, with qualifiers after it (``القدس المحتلة``)."""
        if self.kind != "phrase" or not self.tokens or not self.tokens[0].place:
            return False
        rest = list(self.tokens[1:])
        if rest and rest[-1].kind == _T_WORD and rest[-1].text == _IN:
            rest.pop()
        return all(t.kind == _T_QUALIFIER for t in rest)

    @property
    def credits(self) -> list[_Token]:
        if self.kind == "credit":
            return list(self.tokens)
        return [t for slot in self.inner for t in slot.credits]

    @property
    def is_place_group(self) -> bool:
        return self.kind == "group" and len(self.inner) == 1 and self.inner[0].is_place


@attrs.frozen
class _Tables:
    # Every lexicon is a view of `probe` (see below): one compiled pattern serves them all.
    sources: LexiconView[_Source]
    credit_sources: LexiconView[_Source]
    places: LexiconView[bool]
    words: LexiconView[str]
    separators: str
    # A run of separators and spaces, as _tokens reads one from a separator.
    separator_run: re.Pattern[str]
    brackets: dict[str, str]
    closers: frozenset[str]
    # Every bracket, closer and separator: a character outside it starts a word (or is other).
    specials: frozenset[str]
    # Five words set apart by single spaces, none opening with a special
    # character (a tatweel or an underscore there is a separator); and one to four.
    five_words: re.Pattern[str]
    opening_words: re.Pattern[str]
    openers: LexiconView[bool]
    # The views a window of a line is searched with, and those of a credit line.
    head_views: LexiconViews
    credit_views: LexiconViews
    # Every key of the lexicons above and of the date words: one scan tells
    # whether a stretch of text can hold any mark at all. It is the only
    # pattern compiled here (compiling is most of the cost of building the
    # tables, which a fresh worker process pays before its first article):
    # the lexicons above are views of it.
    probe: Lexicon[bool]
    date_probe: LexiconView[bool]
    # The most characters other than spaces any key spans: a match attempt
    # never reads further than that (plus one character of lookahead).
    longest: int
    # Punctuation a credit line may hold around its names, and a pattern for
    # the first character that is none of it.
    punctuation: frozenset[str]
    not_punctuation: re.Pattern[str]
    # Whether some credit or opener key starts with such punctuation (then a
    # credit line cannot be told by its first word alone).
    keys_open_with_punctuation: bool


@functools.cache
def _tables() -> _Tables:
    agencies = load_table("agencies")["agencies"]
    dateline = load_table("dateline")
    entries: list[tuple[str, _Source]] = []
    word_entries: list[tuple[str, _Source]] = []
    credit_entries: list[tuple[str, _Source]] = []
    for name, entry in agencies.items():
        kind = entry["kind"]
        entries += [(form, _Source(name, kind)) for form in entry.get("forms", [])]
        word_entries += [(form, _Source(name, kind, word=True)) for form in entry.get("word_forms", [])]
        credit_entries += [(form, _Source(name, kind)) for form in entry.get("credit_forms", [])]
    places = [(word, True) for region in dateline["places"].values() for word in region["words"]]
    words: list[tuple[str, str]] = []
    for kind, section in (
        (_T_BYLINE, "bylines"),
        (_T_FILLER, "fillers"),
        (_T_FILLER, "section_labels"),
        (_T_FURNITURE, "page_furniture"),
        (_T_QUALIFIER, "place_qualifiers"),
    ):
        words += [(word, kind) for word in dateline[section]["words"]]
    # A line that opens like a credit line ("نقلا عن ...") is no dateline either.
    words += [(word, _T_BYLINE) for word in dateline["credit_lines"]["openers"]]
    brackets = {pair[0]: pair[1] for pair in dateline["brackets"]["pairs"]}
    openers = [(word, True) for word in dateline["credit_lines"]["openers"]]
    surfaces = [form for form, _ in entries + word_entries + credit_entries + places + words + openers]
    # Each surface folded once (folding is most of the cost of loading besides compiling).
    everything = surfaces + date_words(openers_only=False)
    folded = dict(zip(everything, fold_all(everything), strict=True))
    keys = set(folded.values()) | {key.casefold() for key in folded.values()}
    surfaces += date_words()
    separators = dateline["separators"]["chars"]
    punctuation = frozenset(separators) | frozenset('()«»"“”*[]. ') | frozenset(_SPACES)
    credit_keys = {folded[form] for form, _ in entries + credit_entries + word_entries + openers}
    specials = (
        frozenset(separators)
        | frozenset(key for key in brackets if key != "/")
        | frozenset(value for key, value in brackets.items() if key != "/")
    )
    probe = Lexicon([(folded[surface], True) for surface in surfaces], ignore_case=True, folded=True)

    def view(pairs: list[tuple[str, _V]], *, ignore_case: bool = False) -> LexiconView[_V]:
        return probe.view(
            [(folded[form], value) for form, value in pairs], ignore_case=ignore_case, folded=True
        )

    sources = view(entries + word_entries, ignore_case=True)
    credit_sources = view(entries + credit_entries + word_entries, ignore_case=True)
    places_view = view(places)
    words_view = view(words, ignore_case=True)
    openers_view = view(openers)
    date_probe = view([(surface, True) for surface in date_words()])
    return _Tables(
        sources=sources,
        credit_sources=credit_sources,
        places=places_view,
        words=words_view,
        separators=dateline["separators"]["chars"],
        separator_run=re.compile(f"[{re.escape(separators)}][{re.escape(separators + _SPACES)}]*"),
        brackets={key: value for key, value in brackets.items() if key != "/"},
        closers=frozenset(value for key, value in brackets.items() if key != "/"),
        specials=specials,
        five_words=re.compile(f"(?:{_word_opening(specials)} ){{{_FIVE - 1}}}{_word_opening(specials)}"),
        opening_words=re.compile(
            f"(?:{_word_opening(specials)} ){{0,{_FIVE - 2}}}+{_word_opening(specials)}"
        ),
        openers=openers_view,
        head_views=LexiconViews(date_probe, sources, places_view, words_view),
        credit_views=LexiconViews(credit_sources, openers_view),
        probe=probe,
        date_probe=date_probe,
        longest=max(len(key.replace(" ", "")) for key in keys),
        punctuation=punctuation,
        not_punctuation=re.compile(f"[^{''.join(map(re.escape, sorted(punctuation)))}]"),
        keys_open_with_punctuation=any(key[:1] in punctuation for key in credit_keys),
    )


def _word_opening(specials: frozenset[str]) -> str:
    """One word as _tokens reads it with no mark: word characters, the first no special one."""
    return f"(?![{''.join(map(re.escape, sorted(specials)))}])[{_WORD_CHARS}]++"


@functools.cache
def _matching() -> NormalizeConfig:
    return NormalizeConfig.matching()


def _shadow(text: str) -> Aligned:
    """The matching shadow (:func:`arnews._lexicon.shadow`), with the profile built once."""
    return normalize_aligned(text, _matching())


def _stable_limit(shadow_text: str, longest: int) -> int:
    """The shadow offset before which lexicon matches are those of any longer text.

    A match attempt reads key characters and runs of spaces, at most
    ``longest`` characters other than spaces, then one character of
    lookahead. An attempt that starts with more than ``longest`` such
    characters still ahead of it in the shadow therefore never reads past
    its end, and finds what it would find in a longer text. Returns the
    largest offset with ``longest + 1`` characters other than spaces from it
    to the end (0 when the text has fewer).
    """
    need = longest + 1
    size = len(shadow_text)
    limit = size
    while limit > 0:
        count = size - limit - shadow_text.count(" ", limit)
        if count >= need:
            return limit
        limit = max(0, limit - (need - count))
    return 0


# ---------------------------------------------------------------------------
# Marks and tokens


def _read_tokens(text: str, start: int, end: int, tables: _Tables) -> list[_Token] | None:
    """The tokens of one line, or ``None`` when it is plain (see :func:`_plain_line`).

    The first window :func:`_plain_line` shadows is the first one
    :func:`_line_tokens` reads, so its shadow and its probe are taken over.
    """
    reach, ends_in_separator = _plain_reach(text, start, end, tables)
    # The marks may carry the tokens past the plain reach; start a little wider.
    width = reach - start + tables.longest + _SLACK
    window = _Window.read(text, start, end, width, tables)
    if not ends_in_separator and _plain_line(text, start, end, tables, reach=reach, window=window):
        return None
    return _line_tokens(text, start, end, tables, width=width, window=window)


class _Window(NamedTuple):
    """The shadow of the start of a line, ``text[start:cut]``, and where the probe first finds a key."""

    cut: int
    al: Aligned
    # Shadow offset of the first key of any table (None: no key at all).
    probe: int | None
    # Whether the shadow has the window's offsets: the matching profile maps
    # each character on its own, and no character here is dropped or doubled.
    exact: bool

    @classmethod
    def read(cls, text: str, start: int, end: int, width: int, tables: _Tables) -> _Window:
        """The window of at least ``width`` characters, cut before a space (or the whole line)."""
        cut = start + width
        if cut >= end:
            cut = end
        else:
            space = text.find(" ", cut, end)
            cut = end if space < 0 else space
        al = _shadow(text[start:cut])
        found = tables.probe.pattern.search(al.text)
        return cls(cut, al, found.start() if found is not None else None, in_step(al))


def _line_tokens(
    text: str, start: int, end: int, tables: _Tables, *, width: int, window: _Window | None = None
) -> list[_Token]:
    """The tokens of one line, marks read on as little of the line as needed.

    The tokens of a dateline fit in the first few dozen characters of its
    line, so only a window at the start of the line is shadowed and scanned.
    The window ends before a space, and :func:`_window_marks` says up to
    where its marks are those of the whole line; when the tokens reach past
    that point, the window grows (at last to the whole line), so the tokens
    are always those of the whole line. ``window``, when given, is the first
    one (of ``width``).

    The tokens that outran the first window nearly always end inside it:
    they passed the point up to where its marks are final, about ``longest``
    characters before its cut. So the second window reaches just that far
    past them (a fraction of the cost of a window :data:`_GROWTH` times as
    wide, which scans several times the text); any later one grows
    :data:`_GROWTH` times, which bounds the rounds on any line.
    """
    rounds = 0
    while True:
        if window is None:
            window = _Window.read(text, start, end, width, tables)
        marks, trusted = _window_marks(text, start, window, tables, whole=window.cut == end)
        tokens = _tokens(text, start, end, marks, tables)
        if window.cut == end or (tokens and tokens[-1].end < trusted):
            return tokens
        rounds += 1
        if rounds == 1 and tokens:
            width = max(tokens[-1].end - start + 2 * tables.longest, width + tables.longest)
        else:
            width *= _GROWTH
        window = None


def _plain_line(text: str, start: int, end: int, tables: _Tables, *, reach: int, window: _Window) -> bool:
    """Whether a line can be no dateline for want of marks (most body lines), told cheaply.

    Every layout needs a credit, a date or a place among the tokens of its
    line, and a line broken after a separator may take its credit from the
    next one. :func:`_plain_reach` says where the tokens of the line would end
    if no mark stood among them (``reach``; the caller has checked that they
    do not end in a separator); when one probe of the shadow then finds no
    key of any table and no digit before that point, no mark stands there
    indeed, those are the line's tokens, and the line is read as nothing.
    ``window`` is the first window read (``longest + _SLACK`` past ``reach``);
    when it cannot tell, one four times as wide is tried.
    """
    for margin in (tables.longest + _SLACK, _GROWTH * tables.longest):
        if margin != tables.longest + _SLACK:
            window = _Window.read(text, start, end, reach - start + margin, tables)
        shadow_text = window.al.text
        reached = reach - start if window.exact else len(normalize(text[start:reach], _matching()))
        # As _stable_limit(shadow_text, tables.longest) >= reached: the keys
        # tried before `reached` end in the window.
        after = len(shadow_text) - reached
        if window.cut == end or after - shadow_text.count(" ", reached) > tables.longest:
            return (window.probe is None or window.probe >= reached) and _DIGIT.search(
                shadow_text, 0, reached
            ) is None
    return False


def _plain_reach(text: str, start: int, end: int, tables: _Tables) -> tuple[int, bool]:
    """Where :func:`_tokens` stops on a line with no mark, and whether its last token is a separator.

    The same walk as :func:`_tokens` with no marks, step for step (a space
    is a step of its own and lengthens a run of words), without building the
    tokens.
    """
    # Most body lines open with words set apart by single spaces: each word
    # and each space is a step, so the walk stops after the fifth word.
    opening = tables.five_words.match(text, start, end)
    if opening is not None:
        return opening.end(), False
    pos = start
    count = 0
    run = 0
    last = ""
    reach = start
    # Fewer plain words open it: the walk's state after them, at once (each
    # word but the first and each single space lengthens the run by one).
    words = tables.opening_words.match(text, start, end)
    if words is not None:
        count = words.group().count(" ") + 1
        run = 2 * count - 2
        last = _T_WORD
        reach = pos = words.end()
    while pos < end and count < _MAX_TOKENS and run <= _MAX_LEAD_WORDS + 1:
        char = text[pos]
        if char in _BLANK_CHARS:
            steps = _blank_run(text, pos, end)
            if count:
                run = run + steps if last == _T_WORD else 0
            pos += steps
            continue
        if count:
            run = run + 1 if last == _T_WORD else 0
        if char not in tables.specials:
            word = _WORD.match(text, pos, end)
            stop, last = (word.end(), _T_WORD) if word is not None else (pos + 1, _T_OTHER)
        elif char in tables.brackets or char in tables.closers:
            stop, last = pos + 1, _T_OTHER  # an opening or closing bracket: no word, no separator
        elif char in tables.separators and (char != _TATWEEL or _standalone_tatweel(text, pos, start)):
            run_of = tables.separator_run.match(text, pos, end)
            stop = pos + len(run_of.group().rstrip(_SPACES)) if run_of is not None else pos + 1
            last = _T_SEP
        else:
            word = _WORD.match(text, pos, end)
            stop, last = (word.end(), _T_WORD) if word is not None else (pos + 1, _T_OTHER)
        count += 1
        reach = pos = stop
    return reach, last == _T_SEP


def _blank_run(text: str, pos: int, end: int) -> int:
    """How many blanks stand from ``pos`` (a blank) on: most often one, told without the pattern."""
    if pos + 1 >= end or text[pos + 1] not in _BLANK_CHARS:
        return 1
    found = _BLANKS.match(text, pos, end)
    return found.end() - pos if found is not None else 1


def _window_marks(
    text: str, start: int, window: _Window, tables: _Tables, *, whole: bool
) -> tuple[dict[int, _Mark], int]:
    """What the lexicons and the date scanner know about a window of a line, keyed by original start.

    Returns the marks and the original offset before which they are the
    marks of the whole line (the window's cut when it is the whole line).
    """
    al = window.al
    shadow_text = al.text
    limit = len(shadow_text) if whole else _stable_limit(shadow_text, tables.longest)
    # One probe first: most lines start with no key of any table and no digit.
    digit = _DIGIT.search(shadow_text, 0, limit) is not None
    if (window.probe is None or window.probe >= limit) and not digit:
        return {}, start + al.to_original(limit)
    # Marks starting past `limit` never become tokens: tokens reaching there
    # make the window grow. Only the whole line is read to its end.
    found: list[_Mark] = []
    hits: list[DateHit] = []
    stable = limit
    # The probe found the first key of every table: no match starts before it.
    openings: list[tuple[int, int, bool]] = []
    sources: list[tuple[int, int, _Source]] = []
    places: list[tuple[int, int, bool]] = []
    words: list[tuple[int, int, str]] = []
    if window.probe is not None and window.probe < limit:
        openings, sources, places, words = tables.head_views.find(shadow_text, window.probe, before=limit)
    # Most windows hold no date: no word a date opens with and no digit before the limit.
    if digit or openings:
        hits, stable = scan_stable(al, limit, bare_numeric=True, origin=start)
    if not whole:
        limit = min(limit, stable)
    previous_end = start
    for hit in hits:
        span = hit.date.span or Span(0, 0)
        # "... هـ الموافق ... م": the link word belongs to the second date's slot.
        first = span.start
        if hit.linked:
            first = previous_end
            while first < span.start and text[first] in _BLANK_CHARS:
                first += 1
        found.append(_Mark(_T_DATE, first, span.end, date=hit))
        previous_end = span.end
    found += [
        _new_mark((_T_CREDIT, first, stop, source, None, False))
        for first, stop, source in _keys(sources, text, start, window, limit)
    ]
    place_marks = _keys(places, text, start, window, limit)
    place_spans = {(first, stop) for first, stop, _ in place_marks}
    found += [_new_mark((_T_PLACE, first, stop, None, None, True)) for first, stop, _ in place_marks]
    found += [
        _new_mark((kind, first, stop, None, None, False))
        for first, stop, kind in _keys(words, text, start, window, limit)
    ]
    best: dict[int, _Mark] = {}
    for mark in sorted(found, key=lambda m: (m.start, -(m.end - m.start), _PRIORITY[m.kind])):
        if mark.start in best:
            continue
        both = (mark.start, mark.end) in place_spans and mark.kind == _T_CREDIT
        best[mark.start] = mark._replace(place=True) if both else mark
    return best, start + al.to_original(limit)


def _keys(
    keys: list[tuple[int, int, _V]], text: str, start: int, window: _Window, limit: int
) -> list[tuple[int, int, _V]]:
    """The keys of one table found in a window's shadow that start before ``limit``, as original spans."""
    out: list[tuple[int, int, _V]] = []
    # A key ending before the cut of an exact window keeps its offsets (see _original).
    exact_end = window.cut - start if window.exact else -1
    for first, stop, value in keys:
        if first >= limit:
            break
        if stop < exact_end:
            out.append((start + first, start + stop, value))
        else:
            out.append((*_original(text, start, window, first, stop), value))
    return out


def _original(text: str, start: int, window: _Window, first: int, stop: int) -> tuple[int, int]:
    """The original span of a key the lexicons found in a window's shadow, widened as dates are."""
    if window.exact and start + stop < window.cut:
        # Offsets stay as they are, and widen finds no tatweel or mark to take
        # in: the matching profile drops those, and none is in the window.
        return start + first, start + stop
    mapped = window.al.span_to_original(Span(first, stop))
    span = widen(text, Span(start + mapped.start, start + mapped.end))
    return span.start, span.end


def _tokens(text: str, start: int, end: int, marks: dict[int, _Mark], tables: _Tables) -> list[_Token]:
    """Cut the start of one line of the original text into tokens (at most :data:`_MAX_TOKENS`)."""
    tokens: list[_Token] = []
    append = tokens.append
    pos = start
    closers, brackets, separators = tables.closers, tables.brackets, tables.separators
    specials = tables.specials
    # Where marks start, in order: a word stops at the first one inside it.
    # The walk only moves forward, so the first start past it is kept at hand.
    starts = sorted(marks)
    following = 0
    next_start = starts[0] if starts else end
    run = 0  # plain words in a row: past a slot's length, the body has begun
    plain = False  # whether the last token is a plain one
    while pos < end and len(tokens) < _MAX_TOKENS and run <= _MAX_LEAD_WORDS + 1:
        if tokens:
            run = run + 1 if plain else 0
        char = text[pos]
        if char in _BLANK_CHARS:
            # Each blank is a step of its own; a run of them is taken at once,
            # the steps after the first counted here (no token comes between).
            steps = _blank_run(text, pos, end)
            if tokens and steps > 1:
                run = run + steps - 1 if plain else 0
            pos += steps
            continue
        mark = marks.get(pos)
        if mark is not None and mark.end <= end:
            append(_new_token((*mark, text[mark.start : mark.end])))
            plain = mark.kind in _PLAIN
            pos = mark.end
            continue
        plain = False
        if char in specials:
            if char in brackets and (char not in closers or not _open_bracket(tokens, char)):
                append(_new_token((_T_OPEN, pos, pos + 1, None, None, False, char)))
                pos += 1
                continue
            if char in closers:
                append(_new_token((_T_CLOSE, pos, pos + 1, None, None, False, char)))
                pos += 1
                continue
            if char in separators and (char != _TATWEEL or _standalone_tatweel(text, pos, start)):
                stop = pos
                while stop < end and (text[stop] in separators or text[stop] in _SPACES):
                    stop += 1
                while text[stop - 1] in _SPACES:
                    stop -= 1
                append(_new_token((_T_SEP, pos, stop, None, None, False, text[pos:stop])))
                pos = stop
                continue
        found = _WORD.match(text, pos, end)
        if found is None:
            append(_new_token((_T_OTHER, pos, pos + 1, None, None, False, char)))
            pos += 1
            continue
        stop = found.end()
        # A mark may start inside a run of letters ("الدمام25 شوال").
        while next_start <= pos:
            following += 1
            next_start = starts[following] if following < len(starts) else end
        stop = min(stop, next_start)
        append(_new_token((_T_WORD, pos, stop, None, None, False, text[pos:stop])))
        plain = True
        pos = stop
        # The single blank after a word is the loop's next step (counted as
        # one more in the run); it is taken here when the loop would take it.
        if (
            pos + 1 < end
            and text[pos] in _BLANK_CHARS
            and text[pos + 1] not in _BLANK_CHARS
            and run <= _MAX_LEAD_WORDS + 1
            and len(tokens) < _MAX_TOKENS
        ):
            run += 1
            pos += 1
    return tokens


def _open_bracket(tokens: list[_Token], char: str) -> bool:
    """Whether a symmetric quote mark (``"``) closes one opened before it on the line."""
    depth = 0
    for token in tokens:
        if token.kind == _T_OPEN and token.text == char:
            depth += 1
        elif token.kind == _T_CLOSE and token.text == char:
            depth -= 1
    return depth > 0


def _standalone_tatweel(text: str, pos: int, line_start: int) -> bool:
    """A tatweel is a separator when no letter touches it on the left (``القاهرة ـ أحمد``)."""
    return pos == line_start or not text[pos - 1].isalpha()


# ---------------------------------------------------------------------------
# Slots


def _slots(tokens: Sequence[_Token], brackets: dict[str, str]) -> tuple[list[_Slot], int | None]:
    """Group tokens into slots; return them and the index of the token where reading stopped."""
    slots: list[_Slot] = []
    phrase: list[_Token] = []
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        kind = token.kind
        if kind not in _SLOT_KINDS:
            phrase.append(token)
            i += 1
            continue
        # Every other token ends the phrase before it.
        if phrase:
            slots.append(_Slot("phrase", tuple(phrase), phrase[0].start, phrase[-1].end))
            phrase = []
        if kind == _T_OPEN:
            closer = brackets.get(token.text, "")
            j = next((k for k in range(i + 1, min(count, i + 10)) if tokens[k].text == closer), None)
            if j is None or j == i + 1:
                return slots, i
            inner, stop = _slots(tokens[i + 1 : j], brackets)
            if stop is not None:
                return slots, i
            slots.append(_Slot("group", tuple(tokens[i : j + 1]), token.start, tokens[j].end, tuple(inner)))
            i = j + 1
            continue
        if kind in (_T_CLOSE, _T_OTHER):
            return slots, i
        slots.append(_Slot(_SLOT_KINDS[kind], (token,), token.start, token.end))
        i += 1
    if phrase:
        slots.append(_Slot("phrase", tuple(phrase), phrase[0].start, phrase[-1].end))
    return slots, None


# The tokens that are no part of a phrase, and the slot a lone one makes.
_SLOT_KINDS: Final = {
    _T_OPEN: "group",
    _T_CLOSE: "",
    _T_OTHER: "",
    _T_SEP: "sep",
    _T_CREDIT: "credit",
    _T_DATE: "date",
}


def _demote_word_credits(tokens: list[_Token]) -> list[_Token]:
    """Settle the credits that are also words or places (``سبق``, ``الاتحاد``, ``عمان``).

    Such a credit counts only where brackets or separators set it apart, or
    at the start of the line before a separator or a place (``سبق ابها :``).
    When it is also a place (``عمان`` = Amman or the Omani daily), it is the
    place at the start of the line or after a credit (``واس- عمّان:``), and
    the outlet after another place (``رام الله– عمان - نظير فالح``).
    """
    out: list[_Token] = []
    for i, token in enumerate(tokens):
        out.append(
            _settle(token, tokens, i, out) if token.source is not None and token.source.word else token
        )
    return out


def _is_comma(token: _Token) -> bool:
    return token.text.strip(_SPACES) in _COMMA


def _settle(token: _Token, tokens: list[_Token], i: int, settled: list[_Token]) -> _Token:
    before = tokens[i - 1].kind if i > 0 else None
    after = tokens[i + 1].kind if i + 1 < len(tokens) else None
    previous = next((t for t in reversed(settled) if t.kind not in (_T_SEP, _T_OPEN, _T_CLOSE)), None)
    if token.place and (previous is None or previous.kind == _T_CREDIT):
        return token._replace(kind=_T_PLACE)
    # A comma lists words in a sentence ("اليوم،"); it does not set a credit apart.
    sep_before = before in (_T_OPEN, _T_DATE) or (before == _T_SEP and not _is_comma(tokens[i - 1]))
    sep_after = after in (_T_CLOSE, None) or (after == _T_SEP and not _is_comma(tokens[i + 1]))
    apart = sep_before and sep_after
    opening = before is None and (sep_after or (after is not None and tokens[i + 1].place))
    if apart or opening:
        return token
    return token._replace(kind=_T_PLACE if token.place else _T_WORD)


# ---------------------------------------------------------------------------
# Layouts


class _Reading(NamedTuple):
    end: int
    location: Span | None
    credits: tuple[_Token, ...]
    dates: tuple[DateHit, ...]
    strong: bool = False


def _first_anchor(slots: list[_Slot]) -> int | None:
    """The index of the first anchor slot (see :func:`_is_anchor`), without a call per slot."""
    for i, slot in enumerate(slots):
        kind = slot.kind
        if kind in ("credit", "date") or (kind == "group" and slot.credits):
            return i
    return None


def _is_anchor(slot: _Slot) -> bool:
    return slot.kind in ("credit", "date") or (slot.kind == "group" and bool(slot.credits))


def _strong_credit(slot: _Slot) -> bool:
    return any(t.source is not None and t.source.kind in (_AGENCY_KIND, _GENERIC_KIND) for t in slot.credits)


def _blocked(slot: _Slot) -> bool:
    """Page furniture, a byline label or a stray number in a slot: not a dateline."""
    return any(t.kind == _T_FURNITURE or (t.kind == _T_WORD and _DIGIT.search(t.text)) for t in slot.tokens)


def _read_anchored(slots: list[_Slot], line_ends: bool) -> _Reading | None:
    """Read a line whose dateline holds a credit or a date (the strong layouts)."""
    first = _first_anchor(slots)
    if first is None:
        return None
    lead = slots[:first]
    if sum(s.words for s in lead if s.kind == "phrase") > _MAX_LEAD_WORDS:
        return None
    for slot in lead:
        if slot.kind == "phrase" and slot.words > _MAX_SLOT_WORDS:
            return None
        if slot.kind == "group" and not slot.is_place_group:
            return None
        if _blocked(slot):
            return None
    # A bare credit right after a phrase is a name inside a sentence ("ووصفت
    # وكالة الأناضول"); in a dateline a separator or brackets set it apart.
    if slots[first].kind == "credit" and not _set_apart(slots, first, line_ends):
        return None
    # Walk on from the first anchor while slots still belong to the dateline.
    last = first
    i = first + 1
    while i < len(slots):
        slot = slots[i]
        if slot.kind == "sep" or _is_anchor(slot):
            last = i if _is_anchor(slot) else last
            i += 1
            continue
        if slot.kind == "group":
            if not slot.is_place_group:
                break
            last = i
            i += 1
            continue
        if slot.words > _MAX_SLOT_WORDS or _blocked(slot):
            break
        nxt = slots[i + 1] if i + 1 < len(slots) else None
        at_end = nxt is None and line_ends
        known = slot.is_place or all(t.kind in (_T_FILLER, _T_BYLINE) for t in slot.tokens)
        if known and (nxt is None or nxt.kind == "sep" or _is_anchor(nxt)) and (nxt is not None or line_ends):
            last = i
            i += 1
            continue
        followed_by_anchor = (
            nxt is not None and nxt.kind == "sep" and i + 2 < len(slots) and _is_anchor(slots[i + 2])
        )
        if slot.words <= _MAX_NAME_WORDS and (at_end or followed_by_anchor):
            last = i
            i += 1
            continue
        if (
            slot.words <= _MIN_NAME_WORDS
            and nxt is not None
            and nxt.kind == "sep"
            and ":" in nxt.tokens[0].text
        ):
            last = i
            i += 1
            continue
        break
    body = slots[: last + 1]
    named = [t for s in body for t in s.credits]
    dates = tuple(s.tokens[0].date for s in body if s.kind == "date" and s.tokens[0].date is not None)
    location = _location(slots[: last + 2])
    strong = any(_strong_credit(s) for s in body) or (
        dates and _place_before_date(body) and last + 1 < len(slots) and slots[last + 1].kind == "sep"
    )
    if not strong:
        outlets = [t for t in named if t.source is not None and t.source.kind == _OUTLET_KIND]
        if not outlets or not _outlet_layout(body, location):
            return None
        # An outlet's name alone on a line is a masthead, not a credit.
        if len(body) == 1 and last + 1 >= len(slots):
            return None
    end = body[-1].end
    for slot in slots[last + 1 :]:
        if slot.kind != "sep":
            break
        end = slot.end
    return _Reading(end, location, tuple(named), dates, strong=bool(strong))


def _set_apart(slots: list[_Slot], i: int, line_ends: bool) -> bool:
    """Whether a bare credit stands apart as in a dateline, not inside a sentence.

    After a known place (``سبق ابها``, ``دمشق سانا``) or a date (``... م واس``),
    before or after a separator (``حلب-سانا``, ``كونا –``), or closing the line.
    """
    before = slots[i - 1] if i > 0 else None
    after = slots[i + 1] if i + 1 < len(slots) else None
    if before is not None and (before.kind in ("sep", "date") or before.is_place):
        return True
    if after is None:
        return line_ends
    # A comma after it ends a clause ("ونقلت رويترز،"), it does not close a dateline slot.
    return (after.kind == "sep" and not _is_comma(after.tokens[0])) or (before is None and after.is_place)


def _place_before_date(slots: list[_Slot]) -> bool:
    """``PLACE DATE``: a known place right before the first date (no credit needed then)."""
    for i, slot in enumerate(slots):
        if slot.kind == "date":
            return i > 0 and slots[i - 1].is_place
    return False


def _outlet_layout(slots: list[_Slot], location: Span | None) -> bool:
    """An outlet crediting itself: at the start of the line, after a reporter's name or a place."""
    first = slots[0]
    if first.kind in ("credit", "group") or location is not None:
        return True
    # REPORTER - OUTLET: a name, then a separator.
    return (
        first.kind == "phrase"
        and _MIN_NAME_WORDS <= first.words <= _MAX_NAME_WORDS
        and len(slots) > 1
        and slots[1].kind == "sep"
    )


def _location(slots: list[_Slot]) -> Span | None:
    """The place chain of a dateline: the first run of place slots, as written."""
    anchor = next((i for i, slot in enumerate(slots) if _is_anchor(slot)), len(slots))
    roles: list[bool] = []
    for i, slot in enumerate(slots):
        if slot.kind == "phrase":
            between = slots[i + 1 : anchor]
            leads_to_anchor = (
                i < anchor
                and anchor < len(slots)
                and (_strong_credit(slots[anchor]) or slots[anchor].kind == "date")
                and all(s.kind == "sep" or s.is_place or s.is_place_group for s in between)
            )
            roles.append(slot.is_place or leads_to_anchor)
        elif slot.kind == "group":
            roles.append(slot.is_place_group)
        else:
            roles.append(False)
    start = next((i for i, role in enumerate(roles) if role), None)
    if start is None:
        return _place_after_credit(slots, anchor)
    # A group that holds the place after a reporter's name: "عمرو أبو الفضل(القاهرة)-".
    if slots[start].kind == "group":
        inner = slots[start].inner[0]
        return Span(inner.start, inner.end)
    stop = start
    i = start + 1
    while i < len(slots):
        slot = slots[i]
        if slot.kind == "group" and roles[i]:
            stop = i
            i += 1
            continue
        if slot.kind == "sep" and i + 1 < len(slots) and slots[i + 1].kind == "phrase":
            comma = any(c in _COMMA for c in slot.tokens[0].text)
            nxt = slots[i + 1]
            if nxt.is_place or (comma and nxt.words <= _MAX_SLOT_WORDS):
                stop = i + 1
                i += 2
                continue
        break
    tokens = [t for slot in slots[start : stop + 1] for t in slot.tokens]
    while tokens and tokens[-1].kind == _T_WORD and tokens[-1].text == _IN:
        tokens.pop()
    return Span(tokens[0].start, tokens[-1].end) if tokens else None


def _place_after_credit(slots: list[_Slot], anchor: int) -> Span | None:
    """``AGENCY - PLACE:``: the short phrase that a colon closes after the credit (``سبق- فيفاء:``)."""
    for i in range(anchor + 1, len(slots) - 1):
        slot, nxt = slots[i], slots[i + 1]
        if slot.kind != "phrase":
            continue
        plain = all(t.kind in (_T_WORD, _T_PLACE, _T_QUALIFIER) for t in slot.tokens)
        if plain and slot.words <= _MIN_NAME_WORDS and nxt.kind == "sep" and ":" in nxt.tokens[0].text:
            return Span(slot.start, slot.end)
        return None
    return None


def _read_unanchored(text: str, slots: list[_Slot], line_end: int, next_line: str) -> _Reading | None:
    """The weak layouts: a known place and a reporter's name, no credit, no date."""
    if len(slots) < 2 or any(s.kind in ("credit", "date") for s in slots[:4]):
        return None
    first, second = slots[0], slots[1]
    third = slots[2] if len(slots) > 2 else None
    fourth = slots[3] if len(slots) > 3 else None

    def name(slot: _Slot | None, least: int = _MIN_NAME_WORDS) -> bool:
        return (
            slot is not None
            and slot.kind == "phrase"
            and least <= slot.words <= _MAX_NAME_WORDS
            and all(t.kind == _T_WORD for t in slot.tokens)
        )

    def body_after(pos: int) -> bool:
        return _body_like(text[pos:line_end])

    def line_ends_after(slot: _Slot) -> bool:
        return slot.end >= line_end or not text[slot.end : line_end].strip(_SPACES)

    if first.is_place and second.kind == "sep":
        # PLACE - body
        if (
            third is not None
            and third.kind == "phrase"
            and third.words > _MAX_SLOT_WORDS
            and body_after(second.end)
        ):
            return _Reading(second.end, Span(first.start, first.end), (), ())
        # PLACE: REPORTER (alone on its line) / PLACE - SOURCE: body
        if third is not None and name(third) and line_ends_after(third) and _body_like(next_line):
            return _Reading(third.end, Span(first.start, first.end), (), ())
        if name(third, 1) and fourth is not None and fourth.kind == "sep" and body_after(fourth.end):
            return _Reading(fourth.end, Span(first.start, first.end), (), ())
        return None
    if name(first) and second.kind == "sep" and third is not None and third.kind == "phrase":
        place = third.tokens[0]
        if not place.place:
            return None
        qualifiers = [t for t in third.tokens[1:] if t.kind == _T_QUALIFIER]
        place_end = (qualifiers[-1] if qualifiers else place).end
        after = text[place_end:line_end]
        if not after.strip(_SPACES) and _body_like(next_line):
            return _Reading(place_end, Span(place.start, place_end), (), ())
        if _body_like(after) and not after.lstrip(_SPACES).startswith((".", "،", ",")):
            return _Reading(place_end, Span(place.start, place_end), (), ())
        return None
    if name(first) and second.is_place_group and third is not None and third.kind == "sep":
        inner = second.inner[0]
        if body_after(third.end):
            return _Reading(third.end, Span(inner.start, inner.end), (), ())
    return None


def _body_like(text: str) -> bool:
    """Whether a stretch of text reads as body copy rather than a headline."""
    words = len(text.split())
    return words >= _BODY_WORDS or (words >= 3 and _SENTENCE_END.search(text) is not None)


# ---------------------------------------------------------------------------
# Public API


def find_dateline(text: str) -> Dateline | None:
    r"""Find the dateline of a news article: place, date and agency of the lead-in.

    The dateline may open the text or follow a headline, a subtitle, a
    sponsor line or a summary paragraph. Every layout of the reference notes
    is read: ``PLACE DATE (AGENCY)``, ``PLACE في DATE /AGENCY/``,
    ``PLACE - AGENCY:``, ``AGENCY - PLACE:``, ``REPORTER - OUTLET - PLACE:``,
    ``(AGENCY) --``, SPA's ``PLACE HIJRI هـ الموافق GREGORIAN م واس`` and
    more. Only the first lines are read, so the cost does not grow with the
    article.

    Args:
        text: The article, exactly as received.

    Returns:
        The dateline, its ``span`` running to the end of its trailing
        separator; ``None`` when the article has none. The ``location`` is the
        place exactly as written; ``date`` the first date and ``alt_date`` the
        second one of a ``الموافق`` pair; ``agency`` the credited agency with
        its canonical English name (several agencies are joined with ``/``).

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import find_dateline
        >>> d = find_dateline("أستانا أول يوليو 2024 (شينخوا) قال الرئيس إن الزيارة ناجحة.")
        >>> d.text, d.location, d.agency.name, d.date.gregorian.isoformat()
        ('أستانا أول يوليو 2024 (شينخوا)', 'أستانا', 'Xinhua', '2024-07-01')
        >>> find_dateline("عنوان الخبر\nلندن - رويترز: ارتفعت أسعار النفط اليوم.").location
        'لندن'
    """
    require_str(text)
    head_end = min(len(text), _HEAD_CHARS)
    if _NON_SPACE.search(text, 0, head_end) is None:  # as not text[:head_end].strip()
        return None
    tables = _tables()
    lines = _lines(text, head_end)[: _MAX_LINES + 2]
    # Lines are tokenized when read (most articles stop at the first), and
    # once (a line ending in a separator is read again with the next one).
    tokenized: dict[int, list[_Token] | None] = {}

    def line_tokens(index: int) -> list[_Token] | None:
        if index not in tokenized:
            start, end = lines[index]
            tokenized[index] = _read_tokens(text, start, end, tables)
        return tokenized[index]

    seen_body = False
    for index, (start, end) in enumerate(lines[:_MAX_LINES]):
        reading = _read_line(text, lines, index, line_tokens, tables, weak_allowed=not seen_body)
        if reading is not None:
            return _dateline(text, start, reading)
        # As len(line.split()) >= _LONG_PARAGRAPH_WORDS, without splitting a long
        # paragraph (and without a look at a line too short to hold that many).
        if not seen_body and end - start >= _LONG_PARAGRAPH_CHARS and _LONG_PARAGRAPH.match(text, start, end):
            seen_body = True
    return None


def _lines(text: str, end: int, *, skip_bullet: bool = True) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[:end]`` as ``(start, end)``, leading spaces and bullets skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        start = pos
        while start < stop and text[start] in _BLANK_CHARS:
            start += 1
        # A bullet before the dateline is not part of it ("*يمن برس - ..."), but a
        # dash that opens a list item marks the line as no dateline at all.
        if skip_bullet and start < stop and text[start] in "*•·▪►":
            start += 1
        if _has_non_space(text, start, stop):
            out.append((start, stop))
        pos = stop + 1
    return out


def _read_line(
    text: str,
    lines: list[tuple[int, int]],
    index: int,
    line_tokens: Callable[[int], list[_Token] | None],
    tables: _Tables,
    *,
    weak_allowed: bool,
) -> _Reading | None:
    end = lines[index][1]
    plain = line_tokens(index)
    if plain is None:
        return None
    tokens = _demote_word_credits(plain)
    if not tokens or tokens[0].kind in (_T_BYLINE, _T_SEP, _T_FURNITURE):
        return None
    following = index + 1
    # A dateline broken after a separator, its credit on the next line
    # ("رام الله - نظير فالح-⏎(رويترز):", "الشعب نيوز:-⏎بترا").
    if tokens[-1].kind == _T_SEP and following < len(lines):
        following_tokens = line_tokens(following)
        more = _demote_word_credits(following_tokens) if following_tokens is not None else []
        opens_with_credit = more and (
            more[0].kind == _T_CREDIT
            or (more[0].kind == _T_OPEN and len(more) > 1 and more[1].kind == _T_CREDIT)
        )
        if opens_with_credit:
            tokens += more
            end = lines[following][1]
            following += 1
    next_line = text[lines[following][0] : lines[following][1]] if following < len(lines) else ""
    slots, stop = _slots(tokens, tables.brackets)
    if not slots:
        return None
    line_ends = stop is None and not text[tokens[-1].end : end].strip(_SPACES + _INVISIBLE)
    reading = _read_anchored(slots, line_ends)
    if reading is not None:
        # A dateline alone on its line stands above the body (a credit line
        # closing the text is no dateline); for an outlet, above body copy,
        # not above more headlines.
        alone = not text[reading.end : end].strip(_SPACES)
        if alone and (not next_line.strip() or (not reading.strong and not _body_like(next_line))):
            return None
        return reading
    if not weak_allowed:
        return None
    return _read_unanchored(text, slots, end, next_line)


def _dateline(text: str, line_start: int, reading: _Reading) -> Dateline:
    span = Span(line_start, reading.end)
    date: NewsDate | None = reading.dates[0].date if reading.dates else None
    alt: NewsDate | None = None
    if len(reading.dates) > 1 and reading.dates[1].linked:
        alt = reading.dates[1].date
    location = reading.location.slice(text) if reading.location is not None else None
    return Dateline(
        span=span,
        text=span.slice(text),
        location=location,
        location_span=reading.location,
        date=date,
        alt_date=alt,
        agency=_agency(text, reading.credits),
    )


def _agency(text: str, named: Iterable[_Token]) -> Agency | None:
    """The credited agency: agencies beat the generic ``وكالات``, which beats an outlet."""
    tokens = [t for t in named if t.source is not None]
    for kind in (_AGENCY_KIND, _GENERIC_KIND, _OUTLET_KIND):
        chosen = [t for t in tokens if t.source is not None and t.source.kind == kind]
        if not chosen:
            continue
        if kind == _OUTLET_KIND:
            chosen = chosen[:1]
        names: list[str] = []
        for token in chosen:
            if token.source is not None and token.source.name not in names:
                names.append(token.source.name)
        span = Span(chosen[0].start, chosen[-1].end)
        return Agency(name="/".join(names), surface=span.slice(text), span=span)
    return None


def find_credit(text: str) -> Credit | None:
    r"""Find the credit line at the end of an article (``فرانس24/ أ ف ب``).

    Only the last lines are read. A credit line holds nothing but credited
    names and separators, or opens with ``المصدر``, ``نقلا عن`` or
    ``رابط الخبر بصحيفة``; a photo credit in brackets may also close the text.

    Args:
        text: The article, exactly as received.

    Returns:
        The credit with its ``agency`` (canonical name; several agencies are
        joined with ``/`` and the republishing outlet is dropped for them), or
        ``None`` when the article ends without one.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import find_credit
        >>> c = find_credit("وقال المتحدث إن المحادثات مستمرة.\nفرانس24/ أ ف ب")
        >>> c.text, c.agency.name
        ('فرانس24/ أ ف ب', 'AFP')
    """
    require_str(text)
    tail_start = max(0, len(text) - _TAIL_CHARS)
    tables = _tables()
    lines = _last_lines(text, tail_start, _TAIL_LINES)
    for (start, end), candidate in zip(lines, _may_be_credit_lines(text, lines, tables), strict=True):
        if not candidate:
            continue
        # Keys never cross a line break, so the line's own shadow finds what
        # the whole tail's would.
        al = _shadow(text[start:end])
        credited, opening = tables.credit_views.find(al.text)
        found: list[tuple[int, int, _Source]] = []
        for first, stop, source in credited:
            span = al.span_to_original(Span(first, stop))
            found.append((start + span.start, start + span.end, source))
        openers = []
        for first, stop, _ in opening:
            span = al.span_to_original(Span(first, stop))
            openers.append((start + span.start, start + span.end))
        credit = _credit_line(text, (start, end), found, openers, tables)
        if credit is not None:
            return credit
    return None


def _has_non_space(text: str, start: int, stop: int) -> bool:
    r"""Whether ``text[start:stop].strip()`` is not empty, without copying the stretch.

    The first character nearly always tells (the callers skipped the blanks
    before it); \S and str.isspace() agree on every character.
    """
    if start >= stop:
        return False
    return not text[start].isspace() or _NON_SPACE.search(text, start + 1, stop) is not None


def _last_lines(text: str, start: int, count: int) -> list[tuple[int, int]]:
    """The last ``count`` non-blank lines of ``text[start:]``, last first, as :func:`_lines` cuts them.

    Read backwards from the end, so the lines before them are never looked at.
    """
    out: list[tuple[int, int]] = []
    stop = len(text)
    while len(out) < count:
        newline = text.rfind("\n", start, stop)
        first = start if newline < 0 else newline + 1
        while first < stop and text[first] in _BLANK_CHARS:
            first += 1
        if _has_non_space(text, first, stop):
            out.append((first, stop))
        if newline < 0:
            break
        stop = newline
    return out


def _may_be_credit_lines(text: str, lines: list[tuple[int, int]], tables: _Tables) -> list[bool]:
    """A cheap test every credit line passes (see :func:`_credit_line`), most body lines fail.

    A credit line either ends in a closing bracket or quote (a photo credit)
    or has a credited name or an opener (``المصدر``) as its first word, after
    punctuation only. The first words of all the lines are shadowed in one
    call: the matching profile maps each character on its own, so the
    shadow of the joined words is the join of their shadows.
    """
    verdicts = [True] * len(lines)
    windows: list[str] = []
    # For each window: the index of its line, where its first word starts and where the line stops.
    where: list[tuple[int, int, int]] = []
    longest = tables.longest
    for index, (start, end) in enumerate(lines):
        stop = end  # as len(line.rstrip()), without copying the line
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop == start or text[stop - 1] in _PHOTO_CLOSERS or tables.keys_open_with_punctuation:
            continue
        found = tables.not_punctuation.search(text, start, stop)
        first = found.start() if found is not None else stop
        windows.append(text[first : min(stop, first + 2 * longest)])
        where.append((index, first, stop))
    if not windows:
        return verdicts
    shadows = normalize("\n".join(windows), _matching()).split("\n")
    if len(shadows) != len(windows):  # never with the matching profile, which keeps line breaks
        shadows = [normalize(window, _matching()) for window in windows]
    credit_or_opener = tables.credit_views.opens
    # Most first words are no key of any table: one match of the shared pattern tells.
    prefilter = tables.credit_views.prefilter
    for window, (index, first, stop), shadow in zip(windows, where, shadows, strict=True):
        # An attempt with more than `longest` characters other than spaces
        # ahead never reads past the window; with fewer, the rest is shadowed.
        if len(window) < stop - first and len(shadow) - shadow.count(" ") <= longest:
            shadow_text = normalize(text[first:stop], _matching())
        else:
            shadow_text = shadow
        some_key = prefilter is None or prefilter(shadow_text, 0) is not None
        verdicts[index] = some_key and credit_or_opener(shadow_text)
    return verdicts


def _credit_line(
    text: str,
    line: tuple[int, int],
    found: list[tuple[int, int, _Source]],
    openers: list[tuple[int, int]],
    tables: _Tables,
) -> Credit | None:
    start, end = line
    stripped_end = start + len(text[start:end].rstrip())
    inside = [(s, e, src) for s, e, src in found if start <= s and e <= stripped_end]
    if not inside:
        return None
    # Whole line: credits, separators and brackets only.
    gaps = []
    pos = start
    for s, e, _ in inside:
        gaps.append(text[pos:s])
        pos = e
    gaps.append(text[pos:stripped_end])
    punctuation = tables.punctuation
    if all(all(ch in punctuation for ch in gap) for gap in gaps):
        return _credit(text, Span(start, stripped_end), inside)
    # An opener, then the credited name: "المصدر: تاس", "*نقلا عن الأهرام المصرية".
    lead = text[start : inside[0][0]]
    opener = next(((s, e) for s, e in openers if start <= s < inside[0][0]), None)
    if (
        opener is not None
        and all(ch in punctuation for ch in text[start : opener[0]])
        and len(lead.split()) <= 4
    ):
        return _credit(text, Span(start, stripped_end), inside[:1])
    # A bracketed photo credit closing the text: "... في طوكيو. \"الفرنسية\"".
    last_start, last_end, _ = inside[-1]
    before = text[last_start - 1] if last_start > 0 else ""
    after = text[last_end:stripped_end]
    if before in _PHOTO_OPENERS and after and all(ch in _PHOTO_CLOSERS for ch in after):
        return _credit(text, Span(last_start - 1, stripped_end), inside[-1:])
    return None


def _credit(text: str, span: Span, inside: list[tuple[int, int, _Source]]) -> Credit:
    tokens = [_Token(_T_CREDIT, s, e, source=src, text=text[s:e]) for s, e, src in inside]
    return Credit(span=span, text=span.slice(text), agency=_agency(text, tokens))
