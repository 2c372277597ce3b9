"""Quotes: who said what, direct and indirect, with speakers and cues.

The definitions follow the project's annotation guide (section 3):

* **direct**: the words inside quote marks, when a reporting cue in the same
  sentence presents them as what a source said (``وقال X "…"``,
  ``"…"، قال X``, partial quotes inside indirect speech), or the words after
  a cue and a colon when there are no marks (``وتابع قائلا: …``);
* **indirect**: a cue, then a complementizer (``إن أن بأن إلى أن على أن``
  …), then the content up to the end of its clause.

Everything is matched on the normalized shadow of the text (see
:func:`arnews._lexicon.shadow`) and reported on the original, so spans slice
the caller's string exactly. Every scan is a single pass over the text or a
bounded window around a cue: the cost is linear in the length of the input,
even for a megabyte of unbalanced ``«`` or ``"``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

import attrs

from arnews._data import load_table
from arnews._lexicon import fold_lists, shadow
from arnews._model import Cue, Quote, QuoteKind, Sentence, Span, Speaker
from arnews._normalize import Aligned, in_step
from arnews._segment import SentenceList
from arnews._segment import sentences as split_sentences
from arnews._speakers import (
    Mention,
    Source,
    SourceRegistry,
    Tokens,
    noun_phrase,
    subject_before,
)
from arnews._validate import require_str

__all__ = ["find_quotes"]

V = TypeVar("V")

# How far a cue may stand from what it introduces, in words: long enough for
# "وأوضح مدير عام إدارة العلاقات العامة ... محمد بن عبدالعزيز الصفيان أن",
# short enough that a stray أن two clauses later is not taken for speech.
_FRAME_WORDS = 25
# An ambiguous form (بين "between", ذكر "mention") is a cue only this close
# to its complementizer, colon or quote mark.
_AMBIGUOUS_WORDS = 2
# Quoted words this short that stand before a cue's complementizer or colon are
# the subject or an adjunct in marks (وقالت "مكافي" إن ...), not speech.
_SHORT_MARKED_WORDS = 3
# A verb whose complement is not speech takes marks only this close, after a
# preposition (ودعت المنظمة إلى "…").
_NEAR_MARKS_WORDS = 4
# How many coordinated marked phrases («…» و«…» و«…») one label decides.
_LABEL_CHAIN = 4

# Bound on the tokens of one clause: real reported clauses are far shorter, and
# a text with no sentence ends (a megabyte of "قال إن") must not make every
# quote run to the end of the text (output quadratic in the input).
_MAX_CLAUSE_TOKENS = 120

# Only the sentences that hold a cue are cut into tokens; a "sentence" longer than
# any real one (no sentence ends in a megabyte) only around its first cues, as far
# as a frame (25 words) and a clause (120 tokens) reach, in characters.
_LONG_REGION = 8000
# A text longer than this is read in pieces of at most _PIECE_CHARS (no article of the
# corpus is longer, so reading in pieces never changes what they give); no piece is
# then longer than _LONG_REGION.
_WHOLE_TEXT_CHARS = 8_000
_PIECE_CHARS = 4_000
_MAX_CUES_PER_REGION = 64
# Real prose has a cue every 200 characters or so (every 80 in the densest article):
# a text (or piece) is read for at most one cue per this many characters.
_CHARS_PER_CUE = 40
_REACH_BEFORE = 400
_REACH_AFTER = 3000
_CONTEXT_BEFORE = 80
_MAX_WORD = 64
# A text with fewer blanks than one per this many characters is dense in signs (see _may_hold_cue).
_CHARS_PER_BLANK = 8

# Split with the token captured: gaps and tokens interleaved, in one C-level scan. A token
# is a run of word characters or any other non-blank character (``\w+|\S``), written so
# that both branches open with \S: the engine tries the branches only where a token
# starts and skips the blanks between tokens (about a tenth fewer instructions).
_TOKEN_SPLIT = re.compile(r"(\S(?<=\w)\w*|\S)")
_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_WORDS_AND_SPACES = re.compile(r"[\w ]+")
_WORD_TAIL = re.compile(r"\w+\Z")  # searched up to an offset: the word run that ends there
_WORD_HEAD = re.compile(r"\w*")
_FINAL = frozenset(".!?؟…")
_FRAME_SIGNS = _FINAL | {":"}  # the signs a frame's walk stops at
_COMMAS = frozenset("،,؛")
_DASHES_AND_COMMAS = _COMMAS | {"-", "–", "—"}
_EDGE = " \t\r\n\u00a0.!?؟…،,؛:"
_CLITICS = frozenset("وبلفك")


class _Role:
    """How a cue works (kept as plain strings so the tables stay data)."""

    FINITE = "finite"
    PARTICIPLE = "participle"
    PASSIVE = "passive"
    PREPOSITION = "preposition"


class _CueForm(NamedTuple):
    """How one cue form reads (a tuple: the tables build some six hundred of them at first use)."""

    lemma: str
    agreement: str  # "m", "f", "p", or "" when the form does not say
    role: str
    direct: bool
    far_marks: bool  # may stand a few words before its quote marks (وقال X في مقابلة "…")
    also_noun: bool  # also a noun: not a cue after a preposition
    strict: bool  # mostly something else: a cue only right before what it introduces
    present: bool = False  # a verb in the present (يقول, تفيد)
    prepositions: frozenset[str] = frozenset()  # the prepositions its complement takes (دعا إلى)


@attrs.frozen
class _Tables:
    cue_words: _WordIndex[_CueForm]  # the same entries, looked up on tokens
    complementizers: _WordIndex[str]
    asides: _WordIndex[str]
    starters: frozenset[str]  # the words that may start an entry of any of the three above
    not_after: frozenset[str]
    not_before: frozenset[str]
    clause_breaks: frozenset[str]
    stops: frozenset[str]
    prepositions: frozenset[str]
    relatives: frozenset[str]
    naming: frozenset[str]
    heads: frozenset[str]
    symmetric: frozenset[str]
    single: frozenset[str]
    openers: dict[str, str]
    closers: frozenset[str]
    doubled_open: str
    doubled_close: str
    mark_pattern: re.Pattern[str]
    line_opening_mark: re.Pattern[str]  # a mark that opens a line after a newline (maybe after spaces)
    name_marks: frozenset[str]  # the marks a name may hold half of (شركة "مكافي")
    name_mark_pattern: re.Pattern[str]  # any one of name_marks
    edge_marks: frozenset[str]  # the marks a content's end may hold a stray one of


class _WordIndex(Generic[V]):
    """A lexicon's entries looked up a token at a time, with the lexicon's own semantics.

    :class:`~arnews._lexicon.Lexicon` compiles its keys into one trie-shaped
    regex; running it (and building a match object per hit) over every
    window cost more than everything else the quotes do per word. Every key
    here is whole words joined by single spaces, so the same matches come
    from the tokens already cut: a set membership test per token picks the
    few that may start an entry, and only those are resolved, exactly as the
    regex would (whole words; after a glued prefix clitic first, then the
    bare word; the longest entry first; the inner spaces of a phrase any run
    of spaces; no two matches overlapping). ``tests/test_quotes.py`` checks
    the two agree.
    """

    def __init__(self, entries: Iterable[tuple[str, V]], prefixes: Iterable[str]) -> None:
        # The keys come folded (see fold_all): folding them one by one here was most of the build.
        table: dict[str, V] = {}
        for key, value in entries:
            if key:
                table.setdefault(key, value)  # the first surface wins, as in Lexicon
        self.keys = sorted(table)
        self.prefixes = frozenset(prefixes)
        if any(len(prefix) != 1 for prefix in self.prefixes):
            raise ValueError("prefix clitics are single letters here")
        self.singles: dict[str, V] = {key: value for key, value in table.items() if " " not in key}
        # First word -> (the other words, value) of each longer entry, most words first.
        self.phrases: dict[str, list[tuple[tuple[str, ...], V]]] = {}
        for key, value in table.items():
            if " " in key:
                first, *rest = key.split(" ")
                self.phrases.setdefault(first, []).append((tuple(rest), value))
        for options in self.phrases.values():
            options.sort(key=lambda option: -len(option[0]))
        self.seconds = frozenset(rest[0] for options in self.phrases.values() for rest, _ in options)
        # When no phrase can start at a word (none of its heads starts one, or the next word
        # is no phrase's second), the word alone settles the match: the first of its heads
        # (after the clitic first, then bare) that is an entry by itself, if any. Built from
        # the heads rather than by trying every starter (tests check the two agree).
        self.alone: dict[str, V] = dict(self.singles)
        looks_ahead = set(self.phrases)
        for prefix in self.prefixes:
            self.alone.update({prefix + head: value for head, value in self.singles.items()})
            looks_ahead.update([prefix + head for head in self.phrases])
        self.looks_ahead = frozenset(looks_ahead)
        self.starters = frozenset(self.alone).union(looks_ahead)

    def _heads(self, word: str) -> list[str]:
        """The heads a word may hold, in the order they are tried: after a glued clitic, then bare."""
        return [word[1:], word] if word[:1] in self.prefixes and len(word) > 1 else [word]

    def matches(self, tokens: Tokens, candidates: Iterable[int]) -> Iterator[tuple[int, int, V]]:
        """``(first, last, value)`` of each entry found at the candidate tokens, in order.

        ``candidates`` are the word tokens (in order) whose text is in
        :attr:`starters`; a candidate inside the previous match is skipped.
        """
        cut, strings = tokens.cut_words, tokens.strings
        looks_ahead, seconds, alone = self.looks_ahead, self.seconds, self.alone
        last_token = len(strings) - 1
        reach = -1
        for index in candidates:
            if index <= reach or index in cut:
                continue  # inside the previous match, or a window cut inside a long word
            word = strings[index]
            if word in looks_ahead and index < last_token and strings[index + 1] in seconds:
                found = self.match_at(tokens, index)  # a phrase may start here
                if found is None:
                    continue
                reach, value = found
            elif word in alone:  # the word alone settles it, as in match_at
                reach, value = index, alone[word]
            else:
                continue
            yield index, reach, value

    def match_at(self, tokens: Tokens, index: int) -> tuple[int, V] | None:
        """``(last, value)`` of the entry that starts at word token ``index``, longest first, if any.

        Whatever came before: :meth:`matches` skips the candidates inside a match.
        """
        strings = tokens.strings
        word = strings[index]
        if (
            word not in self.looks_ahead
            or index + 1 == len(strings)
            or strings[index + 1] not in self.seconds
        ):
            return (index, self.alone[word]) if word in self.alone else None
        for head in self._heads(word):
            found = self._entry(tokens, index, head)
            if found is not None:
                return found
        return None

    def _entry(self, tokens: Tokens, index: int, head: str) -> tuple[int, V] | None:
        options = self.phrases.get(head)
        # من, على, إلى head phrases but mostly stand alone: look at the next word first.
        if options and index + 1 < len(tokens) and tokens.strings[index + 1] in self.seconds:
            for rest, value in options:
                last = index + len(rest)
                if last < len(tokens) and all(
                    tokens.strings[index + offset] == word and _spaced(tokens, index + offset - 1)
                    for offset, word in enumerate(rest, 1)
                ):
                    return last, value
        single = self.singles.get(head)
        return None if single is None else (index, single)


def _word_starters(strings: list[str], starters: frozenset[str]) -> list[int]:
    """The indices of the tokens whose text is in ``starters``, in one C-level pass."""
    return list(itertools.compress(range(len(strings)), map(starters.__contains__, strings)))


def _starting(strings: list[str], candidates: list[int], index: _WordIndex[Any]) -> list[int]:
    """The ``candidates`` (token indices, in order) whose text may start an entry of ``index``."""
    starters = index.starters
    return [candidate for candidate in candidates if strings[candidate] in starters]


def _spaced(tokens: Tokens, index: int) -> bool:
    """Whether only spaces (one or more) stand between token ``index`` and the next, in one window."""
    gap = tokens.text[tokens.ends[index] : tokens.starts[index + 1]]
    return bool(gap) and not gap.strip(" ") and tokens.same_window(index, index + 1)


def _check_cue_keys(cue_words: _WordIndex[_CueForm]) -> None:
    """Refuse a cue that is not words and single spaces: the scan for cues counts on it.

    :func:`_cue_hits` finds cues on the tokens of the whole text, as the
    lexicon's regex (a word start, a clitic maybe, the trie, a word end) would find them,
    and skips ahead where only a match holding something else could cross a
    sentence start. (Compiling that regex was most of the first call's cost;
    ``tests/test_quotes.py`` checks the token scan finds what it finds.)
    """
    if not _WORDS_AND_SPACES.fullmatch("".join(cue_words.keys)):  # the keys are never empty
        raise ValueError("a cue is words and spaces only")


# A complement that is speech itself lets the marks stand a few words off.
_QUOTE_COMPLEMENT = re.compile("quote|:|قائلا")
# The prepositions a complement may start with; folded when the tables are built, not
# at import (folding compiles the matching profile).
_PREPOSITION_WORDS = ("إلى", "على", "من", "عن", "ب")
_PAST_AGREEMENT = ("m", "f", "p", "p", "p", "p")
_PRESENT_AGREEMENT = ("m", "f", "p")
_PARTICIPLE_AGREEMENT = ("m", "f", "p")


def _verb_forms(verbs: dict[str, Any]) -> list[tuple[str, _CueForm]]:
    """Every cue of the verb table as ``(folded key, form)``, in the table's order.

    All the words are folded in one call (:func:`fold_lists`), then dealt back
    in the order they were listed.
    """
    ambiguous = verbs["ambiguous"]
    slots: list[tuple[str, tuple[str, ...], str, bool]] = [
        ("past", _PAST_AGREEMENT, _Role.FINITE, False),
        ("present", _PRESENT_AGREEMENT, _Role.FINITE, True),
        ("participle", _PARTICIPLE_AGREEMENT, _Role.PARTICIPLE, False),
    ]
    lemmas = [(lemma, entry) for lemma, entry in verbs["lemmas"].items() if entry.get("cue", True)]
    roles = {"finite": _Role.FINITE, "passive": _Role.PASSIVE, "preposition": _Role.PREPOSITION}
    surfaces = [form for _, entry in lemmas for slot, *_ in slots for form in entry[slot]]
    phrases = [(phrase, role) for group, role in roles.items() for phrase in verbs["phrases"][group]]
    firsts = [complement.split()[0] for _, entry in lemmas for complement in entry["complements"]]
    keys, phrase_keys, first_list, also_noun_list, strict_list, preposition_list = fold_lists(
        [
            surfaces,
            [phrase for phrase, _ in phrases],
            firsts,
            ambiguous["also_noun"],
            ambiguous["strict"],
            [*_PREPOSITION_WORDS, "بأن"],
        ]
    )
    first_words = iter(first_list)
    also_noun, strict = set(also_noun_list), set(strict_list)
    *preposition_words, with_bi = preposition_list
    prepositions = frozenset(preposition_words)
    forms: list[tuple[str, _CueForm]] = []
    key_of = iter(keys)
    for lemma, entry in lemmas:
        direct = bool(entry.get("direct", True))
        far_marks = any(_QUOTE_COMPLEMENT.search(complement) for complement in entry["complements"])
        starts = [next(first_words) for _ in entry["complements"]]
        takes = frozenset(_complement_prepositions(starts, prepositions, with_bi))
        for slot, agreements, role, present in slots:
            slot_keys = list(itertools.islice(key_of, len(entry[slot])))
            for key, agreement in zip(slot_keys, agreements, strict=False):
                flags = (key in also_noun, key in strict, present, takes)
                forms.append((key, _CueForm(lemma, agreement, role, direct, far_marks, *flags)))
    for key, (phrase, role) in zip(phrase_keys, phrases, strict=True):
        forms.append((key, _CueForm(phrase, "", role, True, role == _Role.FINITE, False, False)))
    return forms


def _complement_prepositions(firsts: list[str], prepositions: frozenset[str], with_bi: str) -> Iterable[str]:
    """The prepositions a verb's complements (by their folded first words) start with.

    ``إلى`` for "إلى أن", ``ب`` for "بأن" (``with_bi``, folded).
    """
    for first in firsts:
        if first in prepositions:
            yield first
        elif first == with_bi:
            yield "ب"


@functools.cache
def _tables() -> _Tables:
    verbs = load_table("reporting_verbs")
    data = load_table("quotes")
    marks = data["marks"]
    openers = dict(marks["paired"])
    ((doubled_open, doubled_close),) = marks["doubled"]
    chars = sorted({*marks["symmetric"], *marks["single"], *openers, *openers.values()})
    # Every branch a literal (no class): the engine then gathers their first characters
    # into one set and skips from mark to mark with it, instead of trying each branch at
    # every position of the text (twice as fast over prose).
    mark_pattern = re.compile("|".join(map(re.escape, [doubled_open, doubled_close, *chars])))
    name_marks = {*marks["symmetric"], *openers, *openers.values()}
    # Spaces, then a mark. After a literal newline rather than (?m)^, which the engine
    # tries at every position: a literal first lets it jump from line to line.
    opening_mark = f"[^\\S\\n]*[{''.join(re.escape(c) for c in sorted({*chars, doubled_open[0]}))}]"
    complementizers = data["complementizers"]
    labels = data["labels"]
    speakers = data["speakers"]
    # Every word list folded in one call (see fold_lists).
    lists = [
        complementizers["words"],
        data["asides"]["phrases"],
        complementizers["not_after"],
        complementizers["not_before"],
        complementizers["clause_breaks"],
        speakers["stops"],
        labels["prepositions"],
        speakers["relative_pronouns"],
        labels["naming_verbs"],
        labels["name_heads"],
    ]
    (comp, aside, not_after, not_before, breaks, stops, preps, relatives, naming, heads) = fold_lists(lists)
    cue_words = _WordIndex(_verb_forms(verbs), ["و", "ف", "ل"])
    _check_cue_keys(cue_words)
    complementizer_words = _WordIndex(zip(comp, complementizers["words"], strict=True), ["و"])
    asides = _WordIndex(zip(aside, data["asides"]["phrases"], strict=True), ["و"])
    return _Tables(
        cue_words=cue_words,
        complementizers=complementizer_words,
        asides=asides,
        starters=cue_words.starters | complementizer_words.starters | asides.starters,
        not_after=frozenset(not_after),
        not_before=frozenset(not_before),
        clause_breaks=frozenset(breaks),
        stops=frozenset(stops),
        prepositions=frozenset(preps),
        relatives=frozenset(relatives),
        naming=frozenset(naming),
        heads=frozenset(heads),
        symmetric=frozenset(marks["symmetric"]),
        single=frozenset(marks["single"]),
        openers=openers,
        closers=frozenset(openers.values()),
        doubled_open=doubled_open,
        doubled_close=doubled_close,
        mark_pattern=mark_pattern,
        line_opening_mark=re.compile(f"\n{opening_mark}"),
        name_marks=frozenset(name_marks),
        name_mark_pattern=re.compile(f"[{''.join(map(re.escape, sorted(name_marks)))}]"),
        edge_marks=frozenset({*marks["symmetric"], *marks["single"], *openers, *openers.values()}),
    )


# ---------------------------------------------------------------------------
# The shadow text, cut into tokens and placed in sentences and lines.


def _may_hold_cue(text: str, starters: frozenset[str]) -> bool:
    """Whether any word of ``text`` may start a cue (``False`` only when none does).

    Cutting a text into tokens costs most on a text dense in signs (a flood
    of quote marks, periods or URLs), which holds no cue at all: there its
    words alone, found by one C-level scan, say so first. Prose, with a blank
    every five or six characters, is cut at once (a false alarm only costs
    the cut): the word scan would cost it half as much again.
    """
    if len(text) < _CHARS_PER_BLANK * (text.count(" ") + text.count("\n")):
        return True
    return not starters.isdisjoint(_WORD_RUN.findall(text))


def _whole_tokens(text: str, aligned: Aligned) -> Tokens:
    """Cut the whole shadow into tokens, all in one window and one sentence.

    One capturing ``split`` gives gaps and tokens interleaved; the running
    sum of their lengths gives every start and end (C-level passes, no
    Python loop per token). The cue scan reads these tokens, and the
    windows' tokens are slices of them.
    """
    parts = _TOKEN_SPLIT.split(text)  # gap, token, gap, ..., token, gap
    count = len(parts) // 2
    offsets = list(itertools.accumulate(map(len, parts), initial=0))
    strings = parts[1::2]
    # A token is a word when it is a run of \w: alphanumeric, or holding "_".
    words = list(map(str.isalnum, strings))
    if "_" in text:
        words = [flag or "_" in token for flag, token in zip(words, strings, strict=True)]
    starts, ends = offsets[1 : 2 * count : 2], offsets[2 : 2 * count + 1 : 2]
    to_original = None if in_step(aligned) else aligned.to_original
    return Tokens(text, starts, ends, strings, words, [0] * count, 1, aligned.original, to_original)


def _tokens(
    whole: Tokens, windows: list[tuple[int, int]], sentence_starts: list[int], starting: list[int]
) -> tuple[Tokens, list[int]]:
    """The tokens of the windows of the shadow, their sentences numbered.

    Only the windows are kept (the stretches around cues, see
    :func:`_windows`): each is a slice of the whole text's tokens when no
    token crosses its edges, else (a window cut inside a long word) cut
    anew. Sentence numbers are filled a sentence at a time. Two windows
    never share a sentence number, so no scan runs from one into the next
    as if they were adjacent in the text.

    ``starting`` are the whole text's tokens that may start an entry of the
    tables (:attr:`_Tables.starters`); the same for the windows' tokens is
    returned with them.
    """
    text = whole.text
    candidates: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    strings: list[str] = []
    words: list[bool] = []
    sentence_of: list[int] = []
    cut_words: set[int] = set()
    step = len(sentence_starts) + 1
    for ordinal, (start, end) in enumerate(windows):
        first = bisect.bisect_left(whole.starts, start)
        last = bisect.bisect_left(whole.starts, end, first)
        if (first and whole.ends[first - 1] > start) or (last and whole.ends[last - 1] > end):
            piece = _piece_tokens(text, start, end)  # a token crosses an edge: cut the window alone
            if piece is None:
                continue
            if piece.cut_first:
                cut_words.add(len(starts))  # its first token is no word start
            window_starts, window_ends, found, flags = piece.starts, piece.ends, piece.strings, piece.words
            shift = len(starts)
            candidates += [index + shift for index in _word_starters(found, _tables().starters)]
        elif first == last:
            continue
        else:
            window_starts, window_ends = whole.starts[first:last], whole.ends[first:last]
            found, flags = whole.strings[first:last], whole.words[first:last]
            shift = len(starts) - first
            low = bisect.bisect_left(starting, first)
            candidates += [index + shift for index in starting[low : bisect.bisect_left(starting, last, low)]]
        starts += window_starts
        ends += window_ends
        strings += found
        words += flags
        sentence_of += _sentence_numbers(window_starts, sentence_starts, ordinal * step)
    tokens = Tokens(
        text,
        starts,
        ends,
        strings,
        words,
        sentence_of,
        step,
        whole.original,
        whole.to_original,
        frozenset(cut_words),
    )
    return tokens, candidates


class _Piece(NamedTuple):
    starts: list[int]
    ends: list[int]
    strings: list[str]
    words: list[bool]
    cut_first: bool  # the piece starts inside a word: its first token is the end of a word


def _piece_tokens(text: str, start: int, end: int) -> _Piece | None:
    """The tokens of ``text[start:end]`` alone (``None`` when it holds none)."""
    piece = text[start:end]
    parts = _TOKEN_SPLIT.split(piece)
    count = len(parts) // 2
    if not count:
        return None
    cut_first = bool(
        not parts[0] and start and _WORD_CHAR.match(text, start - 1) and _WORD_CHAR.match(text, start)
    )
    found = parts[1::2]
    offsets = list(itertools.accumulate(map(len, parts), initial=start))
    flags = list(map(str.isalnum, found))
    if "_" in piece:
        flags = [flag or "_" in token for flag, token in zip(flags, found, strict=True)]
    return _Piece(offsets[1 : 2 * count : 2], offsets[2 : 2 * count + 1 : 2], found, flags, cut_first)


def _sentence_numbers(token_starts: list[int], sentence_starts: list[int], bump: int) -> list[int]:
    """The sentence number of each token (``bump`` + how many sentence starts lie at or before it)."""
    number = bisect.bisect_right(sentence_starts, token_starts[0])
    last = bisect.bisect_right(sentence_starts, token_starts[-1])
    numbers: list[int] = []
    done = 0
    for boundary in sentence_starts[number:last]:
        cut = bisect.bisect_left(token_starts, boundary, done)
        numbers += [bump + number] * (cut - done)
        done = cut
        number += 1
    numbers += [bump + number] * (len(token_starts) - done)
    return numbers


def _windows(text: str, bounds: list[int], hits: dict[int, list[int]]) -> list[tuple[int, int]]:
    """The stretches of the shadow worth cutting into tokens: sentences with cues.

    ``bounds`` are the region starts (0, then each sentence start, then the
    text's end); ``hits`` maps each region to the starts of its cues. A
    region of ordinary length is taken whole, with a little context before
    it (the words a label check looks back at); a region longer than any
    real sentence (a text with no sentence ends) only around its cues, as
    far as a frame and a clause can reach.
    """
    spans: list[tuple[int, int]] = []
    for region in sorted(hits):
        start, end = bounds[region], bounds[region + 1]
        if end - start <= _LONG_REGION:
            spans.append((max(0, start - _CONTEXT_BEFORE), end))
        else:
            spans.extend(
                (max(start, cue - _REACH_BEFORE), min(end, cue + _REACH_AFTER)) for cue in hits[region]
            )
    merged: list[tuple[int, int]] = []
    for rough_start, rough_end in spans:
        if merged and rough_start <= merged[-1][1]:
            # Joins the window before (as its word edge would too): only the end needs an edge.
            merged[-1] = (merged[-1][0], max(merged[-1][1], _word_edge_after(text, rough_end)))
            continue
        start, end = _word_edge_before(text, rough_start), _word_edge_after(text, rough_end)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _word_edge_before(text: str, index: int) -> int:
    """Move ``index`` back to the start of its word (at most ``_MAX_WORD`` characters)."""
    if 0 < index < len(text) and _WORD_CHAR.match(text, index) and _WORD_CHAR.match(text, index - 1):
        run = _WORD_TAIL.search(text, max(0, index - _MAX_WORD), index)
        if run is not None:  # always: the character before index is a word character
            return run.start()
    return index


def _word_edge_after(text: str, index: int) -> int:
    """Move ``index`` on to the end of its word (at most ``_MAX_WORD`` characters)."""
    if 0 < index < len(text) and _WORD_CHAR.match(text, index - 1):
        run = _WORD_HEAD.match(text, index, min(len(text), index + _MAX_WORD))
        if run is not None:
            return run.end()
    return index


# ---------------------------------------------------------------------------
# Quote marks, paired with one stack per kind of mark in one pass.


class _Marks(NamedTuple):
    """A pair of quote marks (or an opener left open to the end of its line).

    Offsets are in the shadow: ``open_at`` is the opening mark, ``start`` and
    ``end`` bound the words inside, ``close_end`` is one past the closing mark.
    """

    open_at: int
    start: int
    end: int
    close_end: int
    closed: bool


_OPEN_AT = operator.attrgetter("open_at")


def _is_boundary_before(text: str, index: int, line_start: int) -> bool:
    if index <= line_start:
        return True
    before = text[index - 1]
    if before.isspace() or before in "([{:،,؛-–—/" or not before.isalnum():
        return True
    # A one-letter clitic glued to the mark: و«...» بـ"..." لـ"..."
    return before in "وبلفك" and (index - 1 <= line_start or not text[index - 2].isalnum())


def _is_word_after(text: str, index: int) -> bool:
    return index < len(text) and (text[index].isalnum() or text[index] in "(«")


def _pair_marks(text: str) -> list[_Marks]:
    """Pair the quote marks of each line: one stack per kind, one pass, O(n)."""
    tables = _tables()
    pairs: list[_Marks] = []
    line_start = 0
    paired: list[tuple[int, str]] = []
    doubled: list[int] = []
    symmetric: int | None = None
    single: int | None = None
    position = 0

    def end_line(line_end: int) -> None:
        nonlocal symmetric, single
        if symmetric is None and single is None and not paired and not doubled:
            return  # every mark of the line closed (most lines)
        unclosed = [i for i in (symmetric, single) if i is not None]
        unclosed += [i for i, _ in paired[:1]] + doubled[:1]
        if unclosed:
            first = min(unclosed)
            width = 2 if text.startswith(tables.doubled_open, first) else 1
            pairs.append(_Marks(first, first + width, line_end, line_end, closed=False))
        paired.clear()
        doubled.clear()
        symmetric = single = None

    for found in tables.mark_pattern.finditer(text):
        index = found.start()
        newline = text.find("\n", position, index)
        if newline >= 0:
            end_line(newline)
            line_start = text.rfind("\n", position, index) + 1
        position = index
        mark = found.group()
        after = found.end()
        # Whether a mark opens or closes here is read only for the kinds of mark that ask.
        if mark == tables.doubled_open:
            doubled.append(index)
        elif mark == tables.doubled_close:
            if doubled:
                opened = doubled.pop()
                pairs.append(_Marks(opened, opened + 2, index, after, closed=True))
        elif mark in tables.openers:
            paired.append((index, tables.openers[mark]))
        elif mark in tables.closers:
            opens_here = _is_boundary_before(text, index, line_start) and _is_word_after(text, after)
            if paired and not opens_here:
                opened, _ = paired.pop()
                pairs.append(_Marks(opened, opened + 1, index, after, closed=True))
            elif opens_here:
                # Garbled guillemets (»تويتر») open with the closing mark.
                paired.append((index, mark))
        elif mark in tables.symmetric:
            if symmetric is None:
                if _is_boundary_before(text, index, line_start):  # as any mark that opens here
                    symmetric = index
            elif (index > line_start and not text[index - 1].isspace()) or not _is_word_after(text, after):
                # Glued to the word before it, or not before a word: it closes.
                pairs.append(_Marks(symmetric, symmetric + 1, index, after, closed=True))
                symmetric = None
            else:
                symmetric = index
        elif single is None:
            if _is_boundary_before(text, index, line_start) and _is_word_after(text, after):
                single = index
        elif index > line_start and text[index - 1].isalnum() and not _is_word_after(text, after):
            pairs.append(_Marks(single, single + 1, index, after, closed=True))
            single = None
    tail = text.find("\n", position)
    end_line(len(text) if tail < 0 else tail)
    pairs.sort(key=_OPEN_AT)
    return [marks for marks in pairs if marks.end > marks.start]


# ---------------------------------------------------------------------------
# Cues and what they introduce.


class _Kind:
    """What a cue's frame found after it."""

    NONE = ""
    COMPLEMENTIZER = "complementizer"
    COLON = "colon"
    MARKS = "marks"


class _Frame(NamedTuple):
    """A cue and what it introduces.

    Attributes:
        first: Token index of the cue's first token.
        last: Token index of the cue's last token.
        form: The cue form the lexicon matched.
        kind: What follows the cue (a :class:`_Kind`).
        after: Token index of the first token after the complementizer or colon.
        marks: The quote marks that hold the speech, for ``MARKS`` frames.
        stop: Token index where the subject's noun phrase must end.
    """

    first: int
    last: int
    form: _CueForm
    kind: str
    after: int
    marks: _Marks | None
    stop: int


@attrs.define
class _Context:
    """Everything one call of :func:`find_quotes` works on."""

    text: str
    tokens: Tokens
    marks_at: dict[int, _Marks]
    closing_at: dict[int, _Marks]
    complementizers: dict[int, int]
    cues: dict[int, tuple[int, _CueForm]]
    repeated: Counter[str]
    contents: dict[int, str]  # the folded words of each closed pair, by its opening mark
    mark_tokens: list[int] = attrs.field(factory=list)  # token indices of opening marks, sorted
    frames: dict[int, _Frame] = attrs.field(factory=dict)  # each cue's frame, by its first token
    enclosing_end: dict[int, int] = attrs.field(factory=dict)  # where the marks around each cue close
    # Token indices where closed marks open and close, sorted: inside marks, no clause breaks.
    mark_opens: list[int] = attrs.field(factory=list)
    mark_closes: list[int] = attrs.field(factory=list)
    # The tokens where a frame's walk has more to check than a word count (complementizers,
    # marks, cues and the signs it stops at), sorted: the walk jumps from one to the next
    # and counts the words between with word_counts, instead of stepping token by token.
    frame_points: list[int] = attrs.field(factory=list)
    word_counts: list[int] = attrs.field(factory=list)  # how many word tokens come before each token
    # The tokens that may break a clause (cues and commas), sorted.
    clause_points: list[int] = attrs.field(factory=list)


def _content_words(text: str, marks: _Marks) -> int:
    return len(text[marks.start : marks.end].split())


def _is_colon(tokens: Tokens, index: int) -> bool:
    # 10:30 is a time, not a colon before speech.
    return tokens.strings[index] == ":" and not (
        index + 1 < len(tokens)
        and tokens.strings[index + 1].isdigit()
        and index > 0
        and tokens.strings[index - 1].isdigit()
    )


def _frame(context: _Context, first: int, last: int, form: _CueForm) -> _Frame:
    """Scan forward from a cue to what it introduces, within a bounded window."""
    tokens = context.tokens
    strings, is_word = tokens.strings, tokens.words
    points, counts = context.frame_points, context.word_counts
    tables = _tables()
    limit = _AMBIGUOUS_WORDS if form.strict else _FRAME_WORDS
    index = last + 1
    words = 0
    stop: int | None = None  # where the subject must end, when something ends it early
    short_marks: _Marks | None = None
    end = tokens.sentence_end(first)  # past the cue, the tokens of its sentence are those before this
    point = bisect.bisect_left(points, index)
    while index < end:
        # The tokens up to the next point are plain words and signs: only counted, all at once.
        reach = min(points[point], end) if point < len(points) else end
        if words + counts[reach] - counts[index] > limit:
            # The word that passes the limit (the first word at all, when a pair of marks
            # skipped over already did): the walk stops there.
            wanted = counts[index] + max(limit - words, 0) + 1
            index = bisect.bisect_left(counts, wanted, index + 1) - 1
            break
        words += counts[reach] - counts[index]
        index = reach
        if index == end:
            break
        point += 1
        word = strings[index]
        # A point: a complementizer, a mark, a cue or a sign the walk may stop at.
        end_of_complementizer = context.complementizers.get(index)
        if end_of_complementizer is not None and strings[index - 1] not in tables.not_after:
            after = tokens.token_at(end_of_complementizer)
            return _Frame(first, last, form, _Kind.COMPLEMENTIZER, after, None, min(stop or index, index))
        if _is_colon(tokens, index):
            marks = context.marks_at.get(index + 1)
            kind = _Kind.MARKS if marks is not None else _Kind.COLON
            return _Frame(first, last, form, kind, index + 1, marks, min(stop or index, index))
        marks = context.marks_at.get(index)
        if marks is not None:
            if marks.closed and _content_words(tokens.text, marks) <= _SHORT_MARKED_WORDS:
                # Maybe a name in marks before the speech (وكالة ((شينخوا)) حديثا "...").
                if form.far_marks or _marks_follow(tokens, form, index, words):
                    short_marks = marks  # the last one: the names come first
                index = tokens.token_at(marks.close_end)
                words += 1
                point = bisect.bisect_left(points, index)
                continue
            if _marks_follow(tokens, form, index, words):
                return _Frame(first, last, form, _Kind.MARKS, index, marks, min(stop or index, index))
            break
        other = context.cues.get(index)
        if other is not None and index > last:
            if other[1].lemma == "قال" and other[1].role == _Role.PARTICIPLE:
                stop = stop or index  # وتابع قائلا: the participle only repeats the cue
            elif strings[index - 1] not in tables.relatives:
                break  # the nearest cue owns what follows; a relative clause's does not
        if word in _FINAL:
            break
        if is_word[index]:
            words += 1
            if words > limit:
                break
        index += 1
    if short_marks is not None and form.direct and form.role != _Role.PREPOSITION:
        at = tokens.token_at(short_marks.open_at)
        return _Frame(first, last, form, _Kind.MARKS, at, short_marks, at)
    return _Frame(first, last, form, _Kind.NONE, index, None, stop or index)


def _marks_follow(tokens: Tokens, form: _CueForm, index: int, words: int) -> bool:
    """Whether quote marks at token ``index`` hold the speech of a cue ``words`` words back.

    Right after the cue (``ودعت إلى "…"``, ``يشيد بـ"…"``) any speech verb
    will do; further off, only a verb of saying, and not after a preposition
    (``بسبب "…"``): there the marks belong to the phrase, not to the cue.
    """
    if form.role == _Role.PREPOSITION:
        return False
    if words <= 1:
        return True
    if not form.far_marks:
        # دعت المنظمة إلى "…": after the subject, through the verb's preposition.
        return words <= _NEAR_MARKS_WORDS and tokens.strings[index - 1] in form.prepositions
    return tokens.strings[index - 1] not in _tables().prepositions


def _opens_clause(tokens: Tokens, index: int) -> bool:
    """Whether a token starts its sentence or clause, or carries the conjunction (وذكر, فرد)."""
    return (
        not tokens.same_sentence(index, index - 1)
        or not tokens.words[index - 1]
        or tokens.strings[index][:1] in "وف"
    )


def _is_label(context: _Context, marks: _Marks, depth: int = 0) -> bool:
    """Whether marked words are a name, a label or a slogan rather than speech."""
    tables = _tables()
    tokens = context.tokens
    content = context.contents.get(marks.open_at)
    if content is None:
        content = _folded_content(context.text, marks)
    if not any(char.isalpha() for char in content) or context.repeated[content] > 1:
        return True
    index = tokens.token_at(marks.open_at) - 1
    seen = 0
    while seen < 2 and index >= 0 and tokens.same_line(index, index + 1):
        word = tokens.strings[index]
        index -= 1
        if not tokens.words[index + 1]:
            previous = context.closing_at.get(tokens.ends[index + 1])
            if previous is not None and seen == 0 and depth < _LABEL_CHAIN:
                # «…» و«…»: coordinated with marks just before, it is what they are.
                return _is_label(context, previous, depth + 1)
            continue
        if word in _CLITICS:
            continue
        bare = word[1:] if word[:1] in "وفبل" and len(word) > 3 else word
        if word in tables.naming or bare in tables.naming:
            return True
        if seen == 0 and (word in tables.heads or bare in tables.heads):
            return True
        seen += 1
    return False


def _folded_content(text: str, marks: _Marks) -> str:
    return " ".join(text[marks.start : marks.end].strip(_EDGE).split())


def _clause_end(context: _Context, start: int, limit: int) -> int:
    """Shadow offset where the content that starts at token ``start`` ends.

    The clause runs to the end of the sentence, or to a comma (or ``و``)
    before another cue that opens a frame of its own (``، مشيرا إلى أن``) or
    before the writer's own continuation (``، وذلك``), or to ``limit`` (the
    closing mark of a quote the cue stands in), and to at most
    ``_MAX_CLAUSE_TOKENS`` tokens. No clause breaks inside quote marks.
    """
    tokens = context.tokens
    if start >= len(tokens):
        return len(tokens.text)
    # The last token the clause may reach: its sentence's, or the ceiling's.
    last = min(start + _MAX_CLAUSE_TOKENS, len(tokens) - 1, tokens.sentence_end(start) - 1)
    points = context.clause_points  # only these may break a clause
    low = bisect.bisect_left(points, start)
    for index in points[low : bisect.bisect_right(points, last, low)]:
        if not _inside_marks(context, index) and _breaks_clause(context, index):
            last = index - 1
            break
    if last < start:
        return tokens.starts[start]
    return min(tokens.ends[last], limit)


def _inside_marks(context: _Context, index: int) -> bool:
    """Whether token ``index`` stands inside closed quote marks (two binary searches)."""
    opened = bisect.bisect_right(context.mark_opens, index)
    return opened > bisect.bisect_right(context.mark_closes, index)


def _lay_out(context: _Context, pairs: list[_Marks]) -> None:
    """Lay out, once per text, where closed marks open and close and which marks enclose each cue."""
    tokens = context.tokens
    closed = [marks for marks in pairs if marks.closed]
    if not closed:
        context.enclosing_end = dict.fromkeys(context.cues, len(tokens.text))
        return
    token_at = tokens.token_at
    context.mark_opens = sorted([token_at(marks.start) for marks in closed])
    context.mark_closes = sorted([token_at(marks.end) for marks in closed])
    # The innermost closed pair around each cue: one sweep over cues and pairs together.
    open_ends: list[int] = []
    position = 0
    count, starts, text_end, enclosing = len(closed), tokens.starts, len(tokens.text), context.enclosing_end
    for index in sorted(context.cues):
        start = starts[index]
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        while position < count and closed[position].start <= start:
            if closed[position].end > start:
                open_ends.append(closed[position].end)
            position += 1
        enclosing[index] = open_ends[-1] if open_ends else text_end


def _breaks_clause(context: _Context, index: int) -> bool:
    tokens = context.tokens
    word = tokens.strings[index]
    if word in _COMMAS:
        if not tokens.same_sentence(index, index + 1):
            return False
        following = context.cues.get(index + 1)
        return (following is not None and following[1].role != _Role.PASSIVE) or _is_clause_break(
            tokens, index + 1
        )
    here = context.cues.get(index)
    return (
        here is not None
        and word[:1] in "وف"
        and here[1].role == _Role.FINITE
        and bool(context.frames[index].kind)
    )


def _is_clause_break(tokens: Tokens, index: int) -> bool:
    breaks = _tables().clause_breaks
    word = tokens.strings[index]
    return word in breaks or (index + 1 < len(tokens) and f"{word} {tokens.strings[index + 1]}" in breaks)


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop the final punctuation, spaces and a stray closing mark from a content's end."""
    marks = _tables().edge_marks
    while end > start:
        char = text[end - 1]
        if char in _EDGE or (char in marks and sum(text.count(mark, start, end) for mark in marks) % 2):
            end -= 1
        else:
            break
    return end


def _trim_start(text: str, start: int, end: int) -> int:
    while start < end and text[start] in _EDGE:
        start += 1
    return start


# ---------------------------------------------------------------------------
# Putting it together.


class _Found(NamedTuple):
    """A quote in shadow offsets, before it is mapped back to the original."""

    kind: QuoteKind
    start: int
    end: int
    speaker: tuple[int, int] | None  # the speaker's mention when the quote was found, on the original
    cue_start: int
    cue_end: int


def find_quotes(text: str, sentences: Sequence[Sentence] | None = None) -> list[Quote]:
    """Find the direct and indirect quotes of a news text, with speakers and cues.

    Direct quotes are the words inside quote marks that a reporting cue
    presents as what a source said, or the words after a cue and a colon;
    indirect quotes are the content after a cue and a complementizer, up to
    the end of its clause. Names, titles and slogans in marks, labels after
    naming verbs (``وصفوه بـ"…"``) and the writer's asides (``ويذكر أن``) are
    not quotes. A cue with no subject (``وأضاف أن``) is given the source it
    continues, agreeing in gender and number.

    Args:
        text: The article, exactly as received.
        sentences: The text's sentences, when the caller already has them;
            computed with :func:`arnews.sentences` otherwise.

    Returns:
        The quotes in order of their spans; every span slices ``text``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> text = 'قال الوزير خالد سالم إن المحادثات مثمرة. وأضاف: "سنواصل العمل".'
        >>> [(q.kind.value, q.text, q.speaker.name) for q in find_quotes(text)]
        [('indirect', 'المحادثات مثمرة', 'خالد سالم'), ('direct', 'سنواصل العمل', 'خالد سالم')]
    """
    require_str(text)
    if not text.strip():
        return []
    if len(text) <= _WHOLE_TEXT_CHARS:
        return _quotes_in(text, 0, len(text), sentences, SourceRegistry())
    # A long text is read a piece at a time (cut at line breaks where it has them), so
    # the shadow, its offset map and the tokens stay the size of a piece, not of the
    # text; the sources carry over from piece to piece.
    starts = None if sentences is None else _starts_of(sentences)
    registry = SourceRegistry()
    quotes: list[Quote] = []
    for start, end in _pieces(text):
        inside = None
        if sentences is not None and starts is not None:
            inside = sentences[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        quotes += _quotes_in(text, start, end, inside, registry)
    return quotes


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Cut a long text into pieces of at most ``_PIECE_CHARS`` characters.

    A piece ends at a line break when its second half holds one, else after
    a space, else where the size says.
    """
    start = 0
    while len(text) - start > _PIECE_CHARS:
        floor, ceiling = start + _PIECE_CHARS // 2, start + _PIECE_CHARS
        cut = text.rfind("\n", floor, ceiling) + 1 or text.rfind(" ", floor, ceiling) + 1 or ceiling
        yield start, cut
        start = cut
    yield start, len(text)


def _quotes_in(
    full_text: str, offset: int, end: int, sentences: Sequence[Sentence] | None, registry: SourceRegistry
) -> list[Quote]:
    """The quotes of ``full_text[offset:end]``, with spans on ``full_text``.

    ``sentences`` are the sentences that start in that piece (as spans of
    ``full_text``); the piece is cut into sentences here when ``None``.
    """
    whole = not offset and end == len(full_text)
    text = full_text if whole else full_text[offset:end]
    aligned = shadow(text)
    shadow_text = aligned.text
    tables = _tables()
    cue_words = tables.cue_words
    if not _may_hold_cue(shadow_text, cue_words.starters):
        return []  # no word that may start a cue: nothing to cut into tokens
    text_tokens = _whole_tokens(shadow_text, aligned)
    # One C-level pass picks the words that may start a cue, a complementizer or an aside;
    # the cue scan reads the first kind, the windows' tables all three.
    starting = _word_starters(text_tokens.strings, tables.starters)
    candidates = _starting(text_tokens.strings, starting, cue_words)
    first_cue = next(
        (n for n, index in enumerate(candidates) if cue_words.match_at(text_tokens, index)), None
    )
    if first_cue is None:
        return []  # every quote needs a cue: a text with none costs one split
    if sentences is None:
        sentences = split_sentences(text)
        offset_of_sentences = 0
    else:
        offset_of_sentences = offset
    starts = _starts_of(sentences)
    if offset_of_sentences:
        starts = [start - offset_of_sentences for start in starts]
    sentence_starts = _to_normalized_many(aligned, starts)
    bounds = [0, *sentence_starts, len(shadow_text)]
    hits = _cue_hits(text_tokens, candidates[first_cue:], sentence_starts, bounds)
    for mark_end in _line_opening_marks(shadow_text):
        # A paragraph that opens with a mark may continue the quote before it.
        hits.setdefault(bisect.bisect_right(sentence_starts, mark_end - 1), [])
    windows = _windows(shadow_text, bounds, hits)
    tokens, window_starting = _tokens(text_tokens, windows, sentence_starts, starting)
    if not len(tokens):
        return []

    def place(start: int, end: int) -> tuple[int, int]:
        # A mention is never empty: it ends one past the original of its last character.
        return aligned.to_original(start) + offset, aligned.to_original(end - 1) + 1 + offset

    # A whole text's sources keep their shadow spans (one registry serves no other piece):
    # the speakers of the quotes kept are mapped back in the same bulk call as the quotes.
    found_quotes = _find(
        _context(shadow_text, tokens, window_starting), tokens, registry, None if whole else place
    )
    return _to_quotes(full_text, offset, aligned, found_quotes, placed=not whole)


def _starts_of(sentences: Sequence[Sentence]) -> list[int]:
    """Where each sentence starts; a :class:`SentenceList` tells without building its sentences."""
    if isinstance(sentences, SentenceList):
        return [start for start, _ in sentences.spans()]
    return [sentence.span.start for sentence in sentences]


def _line_opening_marks(text: str) -> list[int]:
    """One past each quote mark that opens a line (after spaces, if any)."""
    pattern = _tables().line_opening_mark
    # The text's own first line as if after a line break: one pattern to compile, not two.
    first = pattern.match("\n" + text)
    ends = [] if first is None else [first.end() - 1]
    ends += [found.end() for found in pattern.finditer(text)]
    return ends


def _cue_hits(
    whole: Tokens, candidates: list[int], sentence_starts: list[int], bounds: list[int]
) -> dict[int, list[int]]:
    """The start of every cue found, by region (``_MAX_CUES_PER_REGION`` at most each).

    ``whole`` is the whole text's tokens and ``candidates`` its words that may
    start a cue, from the first that does. The scan finds what a search with
    the cue lexicon's regex would, from each place it goes on from (a cue's
    end, or a region's): a cue starts at the first candidate there that holds
    one, longest first. A region of ordinary length is taken whole once it
    holds a cue (see :func:`_windows`), so the scan skips the rest of it,
    unless a cue could run across its end.
    """
    match_at = _tables().cue_words.match_at
    text, token_starts, token_ends = whole.text, whole.starts, whole.ends
    hits: dict[int, list[int]] = {}
    position = 0
    for index in candidates:
        start = token_starts[index]
        if start < position:
            continue
        found = match_at(whole, index)
        if found is None:
            continue
        region = bisect.bisect_right(sentence_starts, start)
        starts = hits.setdefault(region, [])
        starts.append(start)
        position = token_ends[found[0]]
        end = bounds[region + 1]
        if len(starts) >= _MAX_CUES_PER_REGION:
            position = max(position, end)  # the rest of this region is left out
        elif end - bounds[region] <= _LONG_REGION and not _may_run_across(text, end):
            position = max(position, end)  # the region is in: no need for its other cues
    return hits


def _may_run_across(text: str, offset: int) -> bool:
    """Whether a cue (words and runs of spaces) could hold both sides of ``offset``.

    Only when a word character stands before ``offset``, maybe after spaces:
    a cue holds nothing else.
    """
    index = offset - 1
    while index >= 0 and text[index] == " ":
        index -= 1
    return index >= 0 and _WORD_CHAR.match(text, index) is not None


def _context(text: str, tokens: Tokens, candidates: list[int]) -> _Context:
    """Pair the marks, find the cues, complementizers and asides, and frame every cue.

    ``candidates`` are the tokens that may start an entry of any of the three
    tables (see :func:`_tokens`).
    """
    tables = _tables()
    pairs = _pair_marks(text)

    # The marks that open where a token starts.
    starts, count = tokens.starts, len(tokens)
    marks_at: dict[int, _Marks] = {}
    for marks in pairs:
        index = bisect.bisect_left(starts, marks.open_at)
        if index < count and starts[index] == marks.open_at:
            marks_at[index] = marks
    # Each table reads only the words that may start one of its entries.
    strings = tokens.strings
    complementizers = {
        first: tokens.ends[last]
        for first, last, _ in tables.complementizers.matches(
            tokens, _starting(strings, candidates, tables.complementizers)
        )
    }
    asides = {
        first for first, _, _ in tables.asides.matches(tokens, _starting(strings, candidates, tables.asides))
    }
    cues: dict[int, tuple[int, _CueForm]] = {}
    per_sentence: dict[int, int] = {}
    ceiling = max(_MAX_CUES_PER_REGION, len(text) // _CHARS_PER_CUE)
    sentence_of = tokens.sentence_of
    for first, last, form in tables.cue_words.matches(
        tokens, _starting(strings, candidates, tables.cue_words)
    ):
        sentence = sentence_of[first]
        seen = per_sentence[sentence] = per_sentence.get(sentence, 0) + 1
        if seen > _MAX_CUES_PER_REGION:
            continue  # no real sentence holds this many: a run of cues costs no more than this
        if len(cues) >= ceiling:
            break  # nor does real text hold a cue every few words
        before = strings[first - 1] if first > 0 else ""
        if first in asides or before in tables.not_before:
            continue  # the writer's own voice: ويذكر أن, وهذا يؤكد أن
        if form.also_noun and (before in tables.prepositions or before in _CLITICS):
            continue  # a noun after a preposition: من ذكر, في كشف
        cues[first] = (last, form)
    contents = {marks.open_at: _folded_content(text, marks) for marks in pairs if marks.closed}
    repeated = Counter(contents.values())
    closing_at = {marks.close_end: marks for marks in pairs if marks.closed}
    context = _Context(text, tokens, marks_at, closing_at, complementizers, cues, repeated, contents)
    context.mark_tokens = sorted(marks_at)
    signs = itertools.compress(range(count), map(_FRAME_SIGNS.__contains__, strings))
    context.frame_points = sorted({*complementizers, *marks_at, *cues, *signs})
    context.word_counts = list(itertools.accumulate(tokens.words, initial=0))
    context.clause_points = sorted(
        context.cues.keys() | itertools.compress(range(count), map(_COMMAS.__contains__, strings))
    )
    context.frames = {first: _frame(context, first, last, form) for first, (last, form) in cues.items()}
    _lay_out(context, pairs)
    return context


def _find(
    context: _Context,
    tokens: Tokens,
    registry: SourceRegistry,
    place: Callable[[int, int], tuple[int, int]] | None,
) -> list[_Found]:
    found: list[_Found] = []
    used_marks: set[int] = set()
    speaker_of_cue: dict[int, tuple[int, int] | None] = {}
    outer: Source | None = None  # the source of the quote being read
    outer_end = -1
    for first in sorted(context.cues):
        form = context.cues[first][1]
        frame = context.frames[first]
        if not frame.kind and (form.strict or (form.also_noun and not _opens_clause(tokens, first))):
            continue  # بين البلدين, من ذكر: not a cue, so not a source either
        source = _speaker(context, frame, registry, place)
        speaker = None if source is None else (source.start, source.end)
        speaker_of_cue[first] = speaker
        nested = tokens.starts[first] < outer_end
        if nested and outer is not None:
            # A source quoted inside another's words (شكوى مواطن يفيد بأنه ...) is not
            # the one the next subject-less cue continues.
            registry.promote(outer)
        quotes = _quotes_of(context, frame, speaker, used_marks) if frame.kind else []
        if quotes and not nested:
            outer, outer_end = source, max(quote.end for quote in quotes)
        found.extend(quotes)
    found.extend(_unframed_marks(context, speaker_of_cue, used_marks, found))
    return found


def _speaker(
    context: _Context,
    frame: _Frame,
    registry: SourceRegistry,
    place: Callable[[int, int], tuple[int, int]] | None,
) -> Source | None:
    """The source a cue names or continues; its span placed by ``place`` (kept in the shadow if ``None``)."""
    tokens = context.tokens
    form = frame.form
    mention: Mention | None = None
    if form.role in (_Role.FINITE, _Role.PREPOSITION):
        first = frame.last + 1
        if form.role == _Role.PREPOSITION and first < len(tokens) and tokens.strings[first] == "ل":
            first += 1  # وفقا لـ X: the tatweel is gone from the shadow, the ل stands alone
        mention = noun_phrase(tokens, first, frame.stop)
        cue_word = tokens.strings[frame.first]
        if mention is None and form.role == _Role.FINITE and cue_word[:1] not in "وفل":
            mention = subject_before(tokens, frame.first, present=form.present)
    if mention is not None:
        span = None if place is None else place(mention.start, mention.end)
        return registry.mention(mention, form.agreement, span)
    return registry.resolve(form.agreement)


def _quotes_of(
    context: _Context, frame: _Frame, speaker: tuple[int, int] | None, used: set[int]
) -> list[_Found]:
    tokens = context.tokens
    cue_start, cue_end = tokens.starts[frame.first], tokens.ends[frame.last]
    limit = context.enclosing_end[frame.first]

    def direct(start: int, end: int) -> _Found:
        return _Found(QuoteKind.DIRECT, start, end, speaker, cue_start, cue_end)

    if frame.marks is not None:
        if not frame.form.direct or _is_label(context, frame.marks):
            return []
        used.add(frame.marks.open_at)
        return [direct(frame.marks.start, frame.marks.end)]
    if not tokens.same_sentence(frame.first, frame.after):
        return []
    start = tokens.starts[frame.after]
    end = _trim_end(context.text, start, _clause_end(context, frame.after, limit))
    if end <= start:
        return []
    probe = frame.after
    if frame.kind == _Kind.COLON and probe in context.complementizers:
        probe = tokens.token_at(context.complementizers[probe])  # وأضافت الوكالة: إن "…"
    opening = context.marks_at.get(probe)
    if opening is not None and (not opening.closed or opening.close_end >= end):
        # The marks hold the whole content: a direct quote only (guide, section 3).
        used.add(opening.open_at)
        return [direct(opening.start, min(opening.end, max(end, opening.start)))]
    if frame.kind == _Kind.COLON:
        if not frame.form.direct:
            return []
        return [direct(start, end)]
    quotes = [_Found(QuoteKind.INDIRECT, start, end, speaker, cue_start, cue_end)]
    first_mark = bisect.bisect_left(context.mark_tokens, frame.after)
    last_mark = bisect.bisect_left(context.mark_tokens, tokens.token_at(end))
    for index in context.mark_tokens[first_mark:last_mark]:
        marks = context.marks_at[index]
        if marks.open_at not in used and not _is_label(context, marks):
            used.add(marks.open_at)
            quotes.append(direct(marks.start, min(marks.end, end)))
    return quotes


def _unframed_marks(
    context: _Context, speaker_of_cue: dict[int, tuple[int, int] | None], used: set[int], found: list[_Found]
) -> list[_Found]:
    """Direct quotes whose cue follows them (``"…"، قال X``) or that continue one."""
    tokens = context.tokens
    extra: list[_Found] = []
    directs = sorted((quote for quote in found if quote.kind == QuoteKind.DIRECT), key=lambda q: q.start)
    position = 0
    previous: _Found | None = None
    for index in sorted(context.marks_at):
        marks = context.marks_at[index]
        while position < len(directs) and directs[position].start < marks.start:
            previous = directs[position]
            position += 1
        if marks.open_at in used or _is_label(context, marks):
            continue
        after = tokens.token_at(marks.close_end)
        while tokens.same_sentence(index, after) and tokens.strings[after] in _DASHES_AND_COMMAS:
            after += 1
        cue = context.cues.get(after) if tokens.same_sentence(index, after) else None
        if cue is not None and cue[1].role != _Role.PARTICIPLE and cue[1].direct and after in speaker_of_cue:
            cue_start, cue_end = tokens.starts[after], tokens.ends[cue[0]]
            quote = _Found(
                QuoteKind.DIRECT, marks.start, marks.end, speaker_of_cue[after], cue_start, cue_end
            )
        elif previous is not None and _continues(context, previous, marks):
            quote = _Found(
                QuoteKind.DIRECT,
                marks.start,
                marks.end,
                previous.speaker,
                previous.cue_start,
                previous.cue_end,
            )
        else:
            continue
        extra.append(quote)
        used.add(marks.open_at)
        previous = quote
    return extra


def _continues(context: _Context, previous: _Found, marks: _Marks) -> bool:
    """A paragraph that opens with a mark right after a paragraph whose quote never closed."""
    text = context.text
    line_start = text.rfind("\n", 0, marks.open_at) + 1
    if text[line_start : marks.open_at].strip():
        return False
    previous_line_end = line_start - 1
    if previous_line_end < 0 or previous.end > previous_line_end:
        return False
    return _trim_end(text, previous.start, previous_line_end) == _trim_end(text, previous.start, previous.end)


def _to_quotes(text: str, offset: int, aligned: Aligned, found: list[_Found], *, placed: bool) -> list[Quote]:
    """The quotes found in the piece of ``text`` at ``offset``.

    The speakers' spans are already placed on ``text`` when ``placed``, else
    still in the shadow (a whole text): then they are mapped with the quotes.
    """
    nested = _nested_directs(found)
    kept = [q for q in found if not (q.kind == QuoteKind.DIRECT and (q.start, q.end) in nested)]
    # Marks inside a direct quote are the speaker's own, not another quote (dropped above).
    # Every span is mapped back in one bulk call: the quote, its cue and (unless placed) its speaker.
    wanted = [(q.start, q.end) for q in kept]
    wanted += [(q.cue_start, q.cue_end) for q in kept]
    unplaced = [] if placed else list({q.speaker: None for q in kept if q.speaker is not None})
    mapped = _spans_to_original(aligned, wanted + unplaced, offset)
    count = len(kept)
    place = dict(zip(unplaced, mapped[2 * count :], strict=True))
    seen: set[tuple[QuoteKind, int, int]] = set()
    speakers: dict[tuple[int, int], Speaker] = {}  # the quotes of one source share its Speaker
    ordered: list[tuple[int, int, QuoteKind, Quote]] = []
    for quote, (start, end), (cue_start, cue_end) in zip(kept, mapped, mapped[count:], strict=False):
        key = (quote.kind, start, end)
        if key in seen or end <= start:
            continue
        seen.add(key)
        speaker = None
        if quote.speaker is not None:
            name = place.get(quote.speaker, quote.speaker)
            speaker = speakers.get(name)
            if speaker is None:
                name_span = _balanced(text, *name)
                speaker = speakers[name] = Speaker(name_span.slice(text), name_span)
        cue = Cue(text[cue_start:cue_end], Span(cue_start, cue_end))
        # A kind is a str (its value); no two quotes share kind and span, so quotes are never compared.
        made = Quote(quote.kind, Span(start, end), text[start:end], speaker, cue)
        ordered.append((start, end, quote.kind, made))
    ordered.sort()
    return [quote for *_, quote in ordered]


def _spans_to_original(aligned: Aligned, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    """Map shadow spans back in one bulk call, as :meth:`Aligned.spans_to_original` does, plus ``offset``.

    Plain pairs rather than :class:`Span` objects: only the spans of the quotes
    kept become objects.
    """
    # A non-empty span ends one past the original of its last character.
    filled = [int(start < end) for start, end in spans]
    offsets = [start for start, _ in spans]
    offsets += [end - one for (_, end), one in zip(spans, filled, strict=True)]
    mapped = aligned.to_original_many(offsets)
    count = len(spans)
    return [(mapped[i] + offset, mapped[count + i] + filled[i] + offset) for i in range(count)]


def _to_normalized_many(aligned: Aligned, offsets: list[int]) -> list[int]:
    """Map original offsets into the shadow in one bulk call when :class:`Aligned` offers one."""
    bulk = getattr(aligned, "to_normalized_many", None)
    if bulk is not None:
        return list(bulk(offsets))
    return [aligned.to_normalized(offset) for offset in offsets]


def _nested_directs(found: list[_Found]) -> set[tuple[int, int]]:
    """Direct spans that lie inside another direct span (one sweep after sorting)."""
    spans = sorted(
        {(q.start, q.end) for q in found if q.kind == QuoteKind.DIRECT}, key=lambda s: (s[0], -s[1])
    )
    nested: set[tuple[int, int]] = set()
    reach = -1
    for start, end in spans:
        if end <= reach:
            nested.add((start, end))
        reach = max(reach, end)
    return nested


def _balanced(text: str, start: int, end: int) -> Span:
    """Widen a name by one quote mark when it would otherwise hold half a pair (شركة "مكافي")."""
    tables = _tables()
    if tables.name_mark_pattern.search(text, start, end) is None:
        return Span(start, end)  # most names hold no mark: one C-level scan
    inside = sum(text.count(mark, start, end) for mark in tables.name_marks)
    if inside % 2 and end < len(text) and text[end] in tables.name_marks:
        return Span(start, end + 1)
    return Span(start, end)
