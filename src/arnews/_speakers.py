"""Speakers: the noun phrase a cue names, and the source a subject-less cue continues.

Works on the tokenized shadow of a text (:class:`Tokens`): every word is
already in the matching profile, so the word lists of ``data/quotes.toml``
compare with ``==`` once folded.

A speaker's noun phrase is bounded: titles and descriptors, then a name, then
nothing more (``الرئيس الكازاخستاني قاسم جومارت توكاييف``; ``سلطان أحمد بن
سليم`` but not the titles after it). A title-only head followed by a name in
commas gives the name (``مساعد وزير الدفاع، باتريك شاناهان،``). A cue with no
subject (``وأضاف أن ...``, ``مشيرا إلى أن ...``) continues the nearest earlier
source whose verb agreed the same way (``أضاف`` masculine, ``أضافت``
feminine, ``أضافوا`` plural); a definite description (``الوزارة``,
``المصادر``) continues the nearest source whose name holds that noun.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable
from typing import NamedTuple

import attrs

from arnews._data import load_table
from arnews._lexicon import fold_lists

__all__ = ["Mention", "Source", "SourceRegistry", "Tokens", "noun_phrase", "subject_before"]

# Bounds on how far a noun phrase may run, in words.
_MAX_PHRASE_WORDS = 16
_MAX_APPOSITIVE_WORDS = 6
_MAX_SUBJECT_WORDS = 5
# How many earlier sources a mention or a subject-less cue is compared with.
_RECENT_SOURCES = 12

_DEFINITE = ("ال", "بال", "لل", "وال", "كال", "فال")
_NAME_PARTICLES = frozenset({"بن", "بنت", "ابن", "ابو", "ابي", "ام", "ال", "عبد", "ولد", "بو"})
_NAME_STARTS = frozenset({"عبد", "ابو", "ابي", "ام", "بو"})
_INNER_PARTICLES = _NAME_PARTICLES - _NAME_STARTS
_CLITICS = frozenset("وبلفك")
_PLURAL_ENDINGS = ("ون", "ين", "ات")
_COMMAS = frozenset("،,")
_TRANSPARENT = frozenset("\"“”„‟«»‹›'‘’()")


@attrs.frozen
class Tokens:
    """The shadow of a text cut into tokens, with the sentence of each.

    Attributes:
        text: The shadow (matching-profile) text.
        starts: Shadow offset of each token.
        ends: Shadow offset one past each token.
        strings: Each token's text (kept, so reading a word is an index, not a slice).
        words: Whether each token is a word (letters or digits) rather than a sign.
        sentence_of: The sentence number of each token; the tokens of one window
            (see ``window_step``) never share a number with another window's.
        window_step: Sentence numbers of window ``k`` lie in ``[k * step, (k + 1) * step)``.
        original: The text the shadow was made from.
        to_original: Maps a shadow offset to an offset of ``original``; ``None`` when
            every offset is the same in both (see :func:`~arnews._normalize.in_step`).
        cut_words: The tokens that start where a window was cut inside a word:
            their text is the end of a word, not a word start.
    """

    text: str
    starts: list[int]
    ends: list[int]
    strings: list[str]
    words: list[bool]
    sentence_of: list[int]
    window_step: int
    original: str
    to_original: Callable[[int], int] | None
    cut_words: frozenset[int] = frozenset()
    # Mapping an offset back searches the alignment: remember the words already mapped.
    _original_words: dict[int, str] = attrs.field(factory=dict, repr=False, eq=False)

    def __len__(self) -> int:
        return len(self.starts)

    def token_at(self, offset: int) -> int:
        """Index of the token that holds shadow ``offset``, or of the next token."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0 or self.ends[index] <= offset:
            index += 1
        return index

    def word(self, index: int) -> str:
        """The token's text in the shadow."""
        return self.strings[index]

    def original_word(self, index: int) -> str:
        """The token as the original text spells it (mapped once, then remembered)."""
        word = self._original_words.get(index)
        if word is None:
            start, end, to_original = self.starts[index], self.ends[index], self.to_original
            if to_original is not None:
                start, end = to_original(start), to_original(end)
            word = self._original_words[index] = self.original[start:end]
        return word

    def same_sentence(self, first: int, second: int) -> bool:
        """Whether token ``second`` exists and shares token ``first``'s sentence."""
        return 0 <= second < len(self.starts) and self.sentence_of[first] == self.sentence_of[second]

    def sentence_end(self, index: int) -> int:
        """One past the last token of token ``index``'s sentence (``index`` when there is no such token).

        Sentence numbers never decrease from token to token, so a walk that
        stays in one sentence is a bound found once by bisection, not a test
        per step.
        """
        if not 0 <= index < len(self.starts):
            return index
        return bisect.bisect_right(self.sentence_of, self.sentence_of[index], index)

    def sentence_start(self, index: int) -> int:
        """The first token of token ``index``'s sentence (``index`` exists)."""
        return bisect.bisect_left(self.sentence_of, self.sentence_of[index], 0, index)

    def is_definite(self, index: int) -> bool:
        """Whether the token, as the original spells it, starts with the article (``ال``, ``بال``, ...).

        Read on the original (``أليكس`` folds to ``اليكس`` but is a name); the
        letters of the article fold to themselves, so a shadow word without it
        cannot have it in the original, and is answered without mapping back.
        """
        return self.strings[index].startswith(_DEFINITE) and self.original_word(index).startswith(_DEFINITE)

    def same_window(self, first: int, second: int) -> bool:
        """Whether tokens ``first`` and ``second`` (both existing) come from one window."""
        step = self.window_step
        return self.sentence_of[first] // step == self.sentence_of[second] // step

    def same_line(self, first: int, second: int) -> bool:
        """Whether tokens ``first < second`` stand on one line of one window."""
        return (
            self.same_window(first, second)
            and self.text.find("\n", self.ends[first], self.starts[second]) < 0
        )


@attrs.frozen
class _Words:
    titles: frozenset[str]
    nouns: frozenset[str]
    generic: frozenset[str]
    plurals: frozenset[str]
    documents: frozenset[str]
    stops: frozenset[str]
    openers: frozenset[str]
    relatives: frozenset[str]
    addressees: frozenset[str]


@functools.cache
def _words() -> _Words:
    table = load_table("quotes")["speakers"]
    heads = load_table("quotes")["labels"]["name_heads"]

    names = ("titles", "generic", "plurals", "documents", "stops", "clause_openers", "relative_pronouns")
    lists = [table[name] for name in names] + [heads, table["addressees"]]
    sets = [frozenset(words) for words in fold_lists(lists)]
    titles, generic, plurals, documents, stops, openers, relatives, head_set, addressees = sets
    return _Words(
        titles=titles,
        nouns=titles | head_set | generic,
        generic=generic,
        plurals=plurals,
        documents=documents,
        stops=stops,
        openers=openers,
        relatives=relatives,
        addressees=head_set | addressees,
    )


class Mention(NamedTuple):
    """A noun phrase that names a source, in shadow offsets (a tuple: one is built per cue).

    Attributes:
        start: Shadow offset of its first word.
        end: Shadow offset one past its last word.
        words: Its own words, folded and bare of the article.
        related: Words of the titles around it (a title-only head that an
            appositive name replaced, or an appositive after the name): they
            help later descriptions (``النائب الكويتي``) find the source.
        named: Whether it holds a name rather than only titles and nouns.
        head: Its first word, bare of the article (the noun a description names).
        last: Its last word (the family name when there is one).
        definite: Whether it starts with the article: a definite description
            (``الوزارة``) points back to a source, an indefinite one
            (``مصادر``, ``باحثون``) brings in a new one.
        document: Whether it is a document (``البيان``) rather than a source.
        plural: Whether its head noun is plural (``باحثون``, ``المصادر``).
    """

    start: int
    end: int
    words: frozenset[str]
    related: frozenset[str]
    named: bool
    head: str
    last: str
    definite: bool
    document: bool
    plural: bool


def _name_flags(tokens: Tokens, picked: list[int], titles: frozenset[str]) -> list[bool]:
    """Which words of a noun phrase belong to names (True) rather than titles and nouns.

    Titles, the nouns that head names of bodies (``وكالة``, ``قناة``) and
    definite nouns are not names; the article is read on the
    original spelling (``أليكس`` folds to ``اليكس`` but is a name). Before
    any name, a noun glued to ``ب``/``ل`` before a definite noun, or a known
    noun so glued, opens a genitive (``لصحة الطائف``, ``بمشاة البحرية``,
    ``بمنطقة جازان``); ``ليلى حداد`` and
    ``بندر بن سلطان`` stay names. Name particles (``بن``, ``آل``, ``عبد``)
    count as name words.
    """
    flags: list[bool] = []
    genitive = False
    names = 0
    pending = False
    for position, index in enumerate(picked):
        if pending:
            flags[-1], genitive, names = _settle(tokens, index, names)
        flag, genitive, names, pending = _name_flag(tokens, index, position, genitive, names, titles)
        flags.append(flag)
    return flags


def _name_flag(  # noqa: PLR0917 - positional: called once per word of every phrase
    tokens: Tokens, index: int, position: int, genitive: bool, names: int, titles: frozenset[str]
) -> tuple[bool, bool, int, bool]:
    """One step of :func:`_name_flags`: the flag of token ``index``, word ``position``, and the state after.

    The state is whether a genitive is open and how many name words came
    before. The flag and state given are those of the word as the last of
    its phrase; the last value says whether the next word may change them
    (a glued ``ب``/``ل`` noun before any name: see :func:`_settle`).
    """
    if genitive:
        return False, False, names, False
    word = tokens.strings[index]
    if word in _NAME_PARTICLES:
        return True, False, names, False
    if word in titles or tokens.is_definite(index):
        return False, False, names, False
    if position and not names and word[:1] in "بل" and len(word) > 3:
        if word[1:] in titles:
            return False, True, names, False
        return True, False, names + 1, True
    return True, False, names + 1, False


def _settle(tokens: Tokens, following: int, names: int) -> tuple[bool, bool, int]:
    """The flag and state of a pending word (see :func:`_name_flag`) once token ``following`` comes.

    ``names`` counts the name words before the pending word: before a
    definite noun it opens a genitive (``لصحة الطائف``), else it is a name.
    """
    if _starts_with_article(tokens, following):
        return False, True, names
    return True, False, names + 1


def _is_stop(tokens: Tokens, index: int, vocabulary: _Words) -> bool:
    word = tokens.strings[index]
    if word not in vocabulary.stops:
        return False
    # The shadow folds على and the name علي together; the original tells them apart.
    return not (word == "علي" and tokens.original_word(index).endswith("ي"))


_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")


@functools.lru_cache(maxsize=4096)  # the same few thousand words, looked up again and again
def _bare(word: str) -> str:
    """The word without a leading definite article (for comparing heads)."""
    if not word.startswith(_ARTICLES):
        return word  # most words: one C-level test instead of six
    for prefix in _ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def _is_addressee(word: str, vocabulary: _Words) -> bool:
    """``لرويترز``, ``لصحيفة``, ``للصحفيين``: to whom, not who."""
    return word.startswith("لل") or (word.startswith("ل") and word[1:] in vocabulary.addressees)


def _phrase_words(
    tokens: Tokens, first: int, stop: int, vocabulary: _Words
) -> tuple[list[int], list[bool], int]:
    """Collect the word tokens of a bounded noun phrase starting at ``first``.

    Returns the word indices, their name flags (as :func:`_name_flags` gives
    them, settled on the way) and the index of the token that ended the phrase.
    """
    picked: list[int] = []
    flags: list[bool] = []
    names = 0  # name words so far, the last word counted as its flag stands now
    genitive = False  # the state after the last word
    pending = False  # whether the next word settles the last word's flag (see _name_flag)
    nouns, titles, stops = vocabulary.nouns, vocabulary.titles, vocabulary.stops
    strings, is_word = tokens.strings, tokens.words
    end = min(stop, tokens.sentence_end(first)) if first < stop else first
    index = first
    after_particle = False
    while index < end and len(picked) < _MAX_PHRASE_WORDS:
        word = strings[index]
        if not is_word[index]:
            if word in _TRANSPARENT:
                index += 1
                continue
            break
        if not after_particle:
            if (word in stops and _is_stop(tokens, index, vocabulary)) or len(word) == 1 or word.isdigit():
                break
            if word[:1] == "ل" and _is_addressee(word, vocabulary) and (not picked or names):
                break
            if names and word.startswith("بال"):
                break  # ... أفيجدور ليبرمان باللجنة: an adjunct after the name
            if names >= 2 and word in titles:
                break  # سلطان أحمد بن سليم رئيس مجلس الإدارة: the titles after a name
        if pending:  # the previous word's flag waited on this one
            names -= 1  # it was counted as a name word for now
            flags[-1], genitive, names = _settle(tokens, index, names)
        flag, genitive, names, pending = _name_flag(tokens, index, len(picked), genitive, names, nouns)
        picked.append(index)
        flags.append(flag)
        after_particle = word in _NAME_PARTICLES
        index += 1
    return picked, flags, index


def _mention(
    tokens: Tokens,
    picked: list[int],
    extra: frozenset[str],
    vocabulary: _Words,
    flags: list[bool] | None = None,
) -> Mention:
    """The mention made of the words ``picked``; ``flags`` are their name flags when known."""
    words = list(map(tokens.strings.__getitem__, picked))
    if flags is None:
        flags = _name_flags(tokens, picked, vocabulary.nouns)
    name = _name_run(tokens, picked, flags, vocabulary.nouns, vocabulary.generic)
    head = _bare(words[0])
    return Mention(
        start=tokens.starts[name[0]],
        end=tokens.ends[name[-1]],
        words=frozenset(map(_bare, words)),
        related=extra,
        named=not _NAME_PARTICLES.issuperset(itertools.compress(words, flags)),
        head=head,
        last=words[-1],
        definite=_is_definite(tokens, picked),
        document=len(words) == 1 and words[0] in vocabulary.documents,
        plural=head in vocabulary.plurals or (len(words[0]) > 4 and words[0].endswith(_PLURAL_ENDINGS)),
    )


def _is_definite(tokens: Tokens, picked: list[int]) -> bool:
    """Definite by the article or by a construct (``الوزارة``, ``وزير الخارجية``)."""
    return _starts_with_article(tokens, picked[0]) or (
        len(picked) > 1 and _starts_with_article(tokens, picked[1])
    )


def _starts_with_article(tokens: Tokens, index: int) -> bool:
    """Whether the original spelling starts with ``ال`` itself (no clitic before it)."""
    # ا and ل fold to themselves: a shadow word without ال cannot have it in the original.
    return tokens.strings[index].startswith("ال") and tokens.original_word(index).startswith("ال")


def _name_run(
    tokens: Tokens, picked: list[int], flags: list[bool], nouns: frozenset[str], generic: frozenset[str]
) -> list[int]:
    """The name at the end of a noun phrase, without the titles before it.

    ``الشيخ عبد الله بن زايد آل نهيان`` gives ``عبد الله بن زايد آل نهيان``;
    a phrase with no name (``المتحدث باسم الوزارة``) is returned whole.
    """
    if tokens.strings[picked[0]] in generic:
        return picked  # مصادر طبية, مسؤول أمني: a described group, with no name to single out
    position = len(picked)
    while position > 0:
        # A definite word belongs to the name only after a name word (زين الدين, الصفيان),
        # and a title never does (بمنطقة جازان الرائد يحيى القحطاني).
        word = tokens.strings[picked[position - 1]]
        surname = position > 1 and flags[position - 2] and word[:2] == "ال" and word not in nouns
        if flags[position - 1] or surname:
            position -= 1
        else:
            break
    while position < len(picked) and tokens.strings[picked[position]] in _INNER_PARTICLES:
        position += 1  # a name does not start with بن or آل
    run = picked[position:]
    names = itertools.compress(map(tokens.strings.__getitem__, run), flags[position:])
    if _NAME_PARTICLES.issuperset(names):  # no name word but particles
        return picked
    return run


def noun_phrase(tokens: Tokens, first: int, stop: int) -> Mention | None:
    """The speaker noun phrase that starts at token ``first`` (before token ``stop``).

    Returns ``None`` when the cue has no subject there (an adjunct, a
    complementizer or the quote itself comes first).
    """
    vocabulary = _words()
    picked, flags, index = _phrase_words(tokens, first, stop, vocabulary)
    if not picked:
        return None
    head = _mention(tokens, picked, frozenset(), vocabulary, flags)
    if not (index < stop and tokens.strings[index] in _COMMAS and tokens.same_sentence(first, index + 1)):
        return head
    appositive, flags, _ = _phrase_words(tokens, index + 1, stop, vocabulary)
    if len(appositive) > _MAX_APPOSITIVE_WORDS:
        # Cut short, its last flag no longer sees the word after it: flag it anew.
        appositive = appositive[:_MAX_APPOSITIVE_WORDS]
        flags = _name_flags(tokens, appositive, vocabulary.nouns)
    if not appositive:
        return head
    second = _mention(tokens, appositive, head.words, vocabulary, flags)
    titled = any(tokens.strings[i] in vocabulary.titles for i in picked)
    if not head.named and titled and second.named:
        return second  # مساعد وزير الدفاع، باتريك شاناهان، ...
    # وليد الطبطبائي، النائب بالبرلمان الكويتي: the titles help later descriptions find him.
    return head._replace(related=second.words)


def subject_before(tokens: Tokens, cue: int, *, present: bool = False) -> Mention | None:
    """A subject written before its verb (``لكن وزارة الزراعة قالت``, ``X الذي ذكر``).

    Only a short noun phrase that runs back to a clause opener (``لكن``,
    ``وكان``, ``قد``) or to the start of the sentence counts, or the
    antecedent of a relative pronoun right before the cue; before a verb in
    the present (``present``), an indefinite noun right before it.
    """
    vocabulary = _words()
    index = cue - 1
    # Particles between a subject and its verb: قد نشرت, كان أعلن.
    while tokens.same_sentence(cue, index) and tokens.strings[index] in vocabulary.openers:
        index -= 1
    relative = tokens.same_sentence(cue, index) and tokens.strings[index] in vocabulary.relatives
    if relative:
        index -= 1
    picked: list[int] = []
    while tokens.same_sentence(cue, index) and len(picked) < _MAX_SUBJECT_WORDS:
        word = tokens.strings[index]
        if not tokens.words[index]:
            if word in _TRANSPARENT:
                index -= 1
                continue
            break
        if (
            word in vocabulary.openers
            or _is_stop(tokens, index, vocabulary)
            or len(word) == 1
            or word.isdigit()
            or (relative and word[:1] in "بل" and word not in _NAME_PARTICLES)
        ):
            break
        picked.append(index)
        index -= 1
    if not picked:
        return None
    reaches_clause_start = not tokens.same_sentence(cue, index) or tokens.strings[index] in vocabulary.openers
    if not relative and not reaches_clause_start:
        nearest = picked[0]
        if present and nearest == cue - 1 and not tokens.is_definite(nearest):
            # شكوى مواطن يفيد فيه بأنه ...: an indefinite noun and the verb that describes it.
            return _mention(tokens, [nearest], frozenset(), vocabulary)
        return None
    picked.reverse()
    return _mention(tokens, picked, frozenset(), vocabulary)


@attrs.define(eq=False)
class Source:
    """A source quoted in the text, as the cues name it.

    Attributes:
        start: Offset of its most specific mention (where the caller places it).
        end: Offset one past that mention.
        agreement: How its verbs agree: ``m``, ``f``, ``p`` or ``""``.
        plural: Whether it is a group: plural verbs continue it too.
        words: The folded words of all its mentions and the titles around them.
        names: The folded words of its own mentions only.
        named: Whether any mention holds a name.
        last: The last word of its most specific mention.
        size: How many words that mention has.
    """

    start: int
    end: int
    agreement: str
    plural: bool
    words: set[str]
    names: set[str]
    named: bool
    last: str
    size: int


class SourceRegistry:
    """The sources of one text, most recent last; a cue at a time, in text order."""

    def __init__(self) -> None:
        # Insertion order is recency, most recent last. A dict (not a list)
        # moves a source to the end in constant time: a long text names
        # thousands of sources, and list.remove made each cue cost all of them.
        self._sources: dict[Source, None] = {}

    def mention(self, mention: Mention, agreement: str, span: tuple[int, int] | None = None) -> Source:
        """Record an explicit mention and return the source it names.

        ``span`` places the mention where the caller reports it (the original
        text, when one registry serves several pieces of a long text); the
        mention's own shadow offsets otherwise.
        """
        found = self._find(mention, agreement)
        size = len(mention.words)
        start, end = (mention.start, mention.end) if span is None else span
        if found is None:
            words = set(mention.words | mention.related)
            found = Source(
                start,
                end,
                agreement,
                mention.plural,
                words,
                set(mention.words),
                mention.named,
                mention.last,
                size,
            )
        else:
            del self._sources[found]
            found.words |= mention.words | mention.related
            found.names |= mention.words
            if mention.named and (not found.named or size > found.size):
                found.start, found.end, found.last, found.size = start, end, mention.last, size
                found.named = True
        self._sources[found] = None
        return found

    def promote(self, source: Source) -> None:
        """Make ``source`` the most recent again (after a quote nested in its words)."""
        if source in self._sources:
            self._touch(source)

    def resolve(self, agreement: str) -> Source | None:
        """The source a subject-less cue continues: the nearest one that agrees."""
        recent = self._recent()
        for source in recent:
            if _agrees(source, agreement):
                self._touch(source)
                return source
        return recent[0] if recent else None

    def _touch(self, source: Source) -> None:
        """Make a recorded source the most recent."""
        del self._sources[source]
        self._sources[source] = None

    def _recent(self) -> list[Source]:
        """The last ``_RECENT_SOURCES`` sources, most recent first."""
        return list(itertools.islice(reversed(self._sources), _RECENT_SOURCES))

    def _find(self, mention: Mention, agreement: str) -> Source | None:
        recent = self._recent()
        if mention.named:
            last = _bare(mention.last)
            for source in recent:
                if source.named and (last in source.names or _bare(source.last) in mention.words):
                    return source
            return None
        if mention.document and recent:
            return recent[0]  # كما أضاف البيان أن ...: the statement of the source just named
        if not mention.definite:
            return None
        # A description (الوزارة, المصادر, النائب الكويتي) continues the nearest
        # source that agrees and whose mentions hold its head noun.
        for source in recent:
            if _agrees(source, agreement) and mention.head in source.words:
                return source
        return None


def _agrees(source: Source, agreement: str) -> bool:
    """Whether a verb agreeing this way can continue ``source``."""
    if not source.agreement or not agreement or source.agreement == agreement:
        return True
    return agreement == "p" and source.plural
