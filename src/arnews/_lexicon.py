"""Lexicon matching on the normalized shadow of a text.

The extractors (dates, datelines, quotes) look words and phrases up in data
tables. Both the table keys and the input are normalized with the same
profile, :meth:`NormalizeConfig.matching`, so ``أ/إ/آ/ا``, ``ى/ي``,
diacritics, tatweel and Arabic-Indic digits never defeat a match; the
:class:`~arnews.Aligned` offset map then reports the match on the original
text.

The keys compile into one regular expression shaped like a trie: at every
point the branches start with different characters, so the engine never
backtracks into a sibling branch and a scan costs linear time in the input.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

import attrs

from arnews._normalize import Aligned, NormalizeConfig, normalize, normalize_aligned

__all__ = [
    "Lexicon",
    "LexiconMatch",
    "LexiconView",
    "LexiconViews",
    "fold",
    "fold_all",
    "fold_lists",
    "shadow",
    "trie_pattern",
]

V = TypeVar("V")
W = TypeVar("W")

# A key's inner space matches any run of spaces in the shadow: sources pad
# month names and agency abbreviations unevenly (``أ  ف ب``, ``كانون  الثاني``).
_SPACE_RUN = "[ ]+"
_BEFORE_WORD = r"(?<!\w)"
_AFTER_WORD = r"(?!\w)"
# What fold_all joins the texts with.
_JOIN = "\n"


def fold(text: str) -> str:
    """Return ``text`` in the matching profile, with runs of spaces collapsed.

    This is how lexicon keys are stored, so a key and its lookup always agree.

    Example:
        >>> fold("جمادى  الآخرة")
        'جمادي الاخره'
    """
    return " ".join(normalize(text, _matching_profile()).split())


def fold_all(texts: Sequence[str]) -> list[str]:
    """Return :func:`fold` of each text, normalizing them all in one call.

    Loading a table folds hundreds of surfaces; one :func:`normalize` call
    per surface cost more than the rest of the folding. The matching profile
    maps each character on its own and keeps line breaks, so the texts are
    joined with line breaks, normalized at once and split again; a text
    holding a line break of its own is folded alone.

    Example:
        >>> fold_all(["جمادى  الآخرة", "أ ف ب"])
        ['جمادي الاخره', 'ا ف ب']
    """
    profile = _matching_profile()
    if any(_JOIN in text for text in texts) or normalize(_JOIN, profile) != _JOIN:
        return [fold(text) for text in texts]
    parts = normalize(_JOIN.join(texts), profile).split(_JOIN)
    if len(parts) != len(texts):  # a character became a line break: never with this profile
        return [fold(text) for text in texts]
    return [" ".join(part.split()) for part in parts]


def fold_lists(lists: Sequence[Sequence[str]]) -> list[list[str]]:
    """Return :func:`fold_all` of each list, every list folded in the same one call.

    For tables made of many word lists: fold them all at once and deal the
    keys back, list by list.

    Example:
        >>> fold_lists([["أكّد"], [], ["إلى", "جمادى"]])
        [['اكد'], [], ['الي', 'جمادي']]
    """
    folded = iter(fold_all([text for texts in lists for text in texts]))
    return [list(itertools.islice(folded, len(texts))) for texts in lists]


def shadow(text: str) -> Aligned:
    """Return the matching-profile shadow of ``text`` with its offset map.

    Example:
        >>> al = shadow("أكّد")
        >>> al.text, al.to_original(len(al.text))
        ('اكد', 4)
    """
    return normalize_aligned(text, _matching_profile())


@functools.cache
def _matching_profile() -> NormalizeConfig:
    return NormalizeConfig.matching()


@attrs.frozen
class LexiconMatch(Generic[V]):
    """A lexicon entry found in a shadow text.

    Attributes:
        start: Offset of the match in the shadow.
        end: Offset one past the match in the shadow.
        key: The folded key that matched.
        value: The value the table gives for that key.
    """

    start: int
    end: int
    key: str
    value: V


class _Keys(Generic[V]):
    """The folded keys of a table and their values, looked up as a compiled pattern matches them."""

    def __init__(self, entries: Iterable[tuple[str, V]], *, ignore_case: bool, folded: bool) -> None:
        pairs = list(entries)
        surfaces = [surface for surface, _ in pairs]
        table: dict[str, V] = {}
        for surface_key, (_, value) in zip(surfaces if folded else fold_all(surfaces), pairs, strict=True):
            key = surface_key.casefold() if ignore_case else surface_key
            if key:
                table.setdefault(key, value)
        self._table = table
        self._ignore_case = ignore_case
        self._unusual: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self.get(surface) is not None

    def get(self, surface: str) -> V | None:
        """Look a whole surface form up, after folding it.

        Example:
            >>> Lexicon([("أغسطس", 8)]).get("اغسطس")
            8
        """
        key = fold(surface)
        return self._table.get(key.casefold() if self._ignore_case else key)

    def _lookup(self, key: str) -> str | None:
        """The table key of a text the pattern matched as a key, or ``None`` when it is none."""
        lookup = _lookup_key(key, self._ignore_case)
        if lookup in self._table:
            return lookup
        return self._unusual_case(key)

    def _unusual_case(self, key: str) -> str | None:
        """The table key a case-insensitive match found when casefolding ``key`` does not give it.

        The engine compares one character with one under IGNORECASE (``İ``
        and ``ı`` both match ``i``), where :meth:`str.casefold` turns ``İ``
        into two characters and keeps ``ı``. So this rare path asks the
        engine itself which key of the same length matches; answers are
        remembered (a bounded number), so a text repeating such a word pays
        once.
        """
        spaced = " ".join(key.split())
        if spaced in self._unusual:
            return self._unusual[spaced]
        found = None
        if self._ignore_case:
            candidates = (k for k in self._table if len(k) == len(spaced))
            found = next((k for k in candidates if _same_ignoring_case(k, spaced)), None)
        if len(self._unusual) >= _UNUSUAL_CASES_KEPT:
            self._unusual.clear()
        self._unusual[spaced] = found
        return found


class Lexicon(_Keys[V]):
    """A table of words and phrases, matched whole-word on a shadow text.

    Args:
        entries: ``(surface, value)`` pairs; surfaces are folded with
            :func:`fold`, and when two surfaces fold to the same key the first
            one wins.
        prefixes: Clitics that may stand glued before an entry (``و``, ``ف``,
            ``ب``, ``ل``); they are matched but not part of the reported key.
        ignore_case: Match Latin keys (``CNN``, ``AFP``) in any case.
        folded: The surfaces are folded already (with :func:`fold`): a table
            built from keys another one folded does not fold them again.

    Example:
        >>> months = Lexicon([("يناير", 1), ("كانون الثاني", 1), ("فبراير", 2)])
        >>> [(m.key, m.value) for m in months.finditer(fold("في 3 كانون  الثاني ثم فبراير"))]
        [('كانون الثاني', 1), ('فبراير', 2)]
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, V]],
        *,
        prefixes: Iterable[str] = (),
        ignore_case: bool = False,
        folded: bool = False,
    ) -> None:
        super().__init__(entries, ignore_case=ignore_case, folded=folded)
        table = self._table
        prefix_keys = sorted({key for key in fold_all(list(prefixes)) if key})
        self._prefixed = bool(prefix_keys)
        prefix_group = _alternation(prefix_keys)
        body = (
            (_cased_last(sorted(table)) if ignore_case else trie_pattern(sorted(table))) if table else "(?!)"
        )
        optional_prefix = f"(?:{prefix_group})?" if prefix_group else ""
        flags = re.IGNORECASE if ignore_case else 0
        self._pattern = re.compile(f"{_BEFORE_WORD}{optional_prefix}(?P<key>{body}){_AFTER_WORD}", flags)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (exposed for the regex audit and for composition)."""
        return self._pattern

    @functools.cached_property
    def _beginnings(self) -> dict[str, list[str]]:
        """For each key holding a character other than a word one: its whole-word beginnings.

        A beginning ends before such a character, where a shorter key
        matching there would end too (a view's match can be one of them).
        """
        found: dict[str, list[str]] = {}
        for key in self._table:
            if " " in key or not key.isalnum():
                cuts = [key[:cut] for cut in range(1, len(key)) if not _is_word_char(key[cut])]
                if cuts:
                    found[key] = cuts
        return found

    def view(
        self, entries: Iterable[tuple[str, W]], *, ignore_case: bool = False, folded: bool = False
    ) -> LexiconView[W]:
        """A table of some of these keys, with values of its own, matched through this pattern.

        Compiling is most of what a table costs to build; a reader that
        needs several tables whose keys this one holds compiles this one
        alone (see :class:`LexiconView`).

        Args:
            entries: ``(surface, value)`` pairs, as for :class:`Lexicon`.
            ignore_case: Match the view's keys in any case (then this
                lexicon must ignore case too).
            folded: The surfaces are folded already.

        Returns:
            The view; it finds exactly what ``Lexicon(entries,
            ignore_case=ignore_case)`` would.

        Example:
            >>> everything = Lexicon([("القاهرة", "place"), ("رويترز", "agency")])
            >>> places = everything.view([("القاهرة", True)])
            >>> list(places.find_values(fold("القاهرة - رويترز")))
            [(0, 7, True)]
        """
        return LexiconView(self, entries, ignore_case=ignore_case, folded=folded)

    def match(self, shadow_text: str, pos: int = 0) -> LexiconMatch[V] | None:
        """Match an entry that starts exactly at ``pos`` of a shadow text.

        A glued prefix clitic, when allowed, may stand at ``pos`` too.

        Example:
            >>> Lexicon([("قال", "say")], prefixes=["و"]).match(fold("وقال إن"), 0).key
            'قال'
        """
        found = self._pattern.match(shadow_text, pos)
        return self._to_match(found) if found else None

    def finditer(
        self, shadow_text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[LexiconMatch[V]]:
        """Yield every non-overlapping whole-word entry, longest first at each place.

        Offsets are in the shadow; map them back with :meth:`Aligned.span_to_original`.
        """
        end = len(shadow_text) if endpos is None else endpos
        for found in self._pattern.finditer(shadow_text, pos, end):
            if (match := self._to_match(found)) is not None:
                yield match

    def find_values(
        self, shadow_text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[tuple[int, int, V]]:
        """Like :meth:`finditer`, as plain ``(start, end, value)`` tuples.

        For scanners that meet an entry every few characters (the date
        reader on a megabyte of dates): a tuple costs a fraction of a
        :class:`LexiconMatch`.

        Example:
            >>> list(Lexicon([("يناير", 1)]).find_values(fold("في يناير")))
            [(3, 8, 1)]
        """
        end = len(shadow_text) if endpos is None else endpos
        table, ignore_case = self._table, self._ignore_case
        for found in self._pattern.finditer(shadow_text, pos, end):
            key = found.group("key")
            try:
                value = table[_lookup_key(key, ignore_case)]
            except KeyError:
                lookup = self._unusual_case(key)
                if lookup is None:
                    continue
                value = table[lookup]
            yield found.start("key"), found.end("key"), value

    def _to_match(self, found: re.Match[str]) -> LexiconMatch[V] | None:
        key = found.group("key")
        lookup = self._lookup(key)
        if lookup is None:
            return None
        return LexiconMatch(found.start("key"), found.end("key"), lookup, self._table[lookup])


class LexiconView(_Keys[V]):
    """Some keys of a :class:`Lexicon`, with values of their own, found through its pattern.

    Made by :meth:`Lexicon.view`. The view finds exactly what a lexicon of
    its own entries would, without compiling a pattern: wherever one of its
    keys matches, the lexicon's pattern matches too (its keys hold the
    view's), and its longest key there starts with the view's longest one,
    which ends where a whole word does. So the view walks the places the
    pattern matches, and at each takes the longest of its own keys among the
    whole-word beginnings of what matched there. When the lexicon cannot
    stand for the view (prefixes, a key it lacks, a case it does not fold
    as the engine does), the view compiles a lexicon of its own instead.
    """

    def __init__(
        self, lexicon: Lexicon[Any], entries: Iterable[tuple[str, V]], *, ignore_case: bool, folded: bool
    ) -> None:
        super().__init__(entries, ignore_case=ignore_case, folded=folded)
        self._lexicon = lexicon
        self._own: Lexicon[V] | None = None
        if not _can_stand_for(lexicon, self._table, ignore_case=ignore_case):
            self._own = Lexicon(self._table.items(), ignore_case=ignore_case, folded=True)
        # The lexicon's keys that open with a shorter key of the view, whole
        # words (casefolded, to err on the safe side): only there can the
        # view's match be shorter than the lexicon's.
        keys = self._table.keys() if ignore_case else {key.casefold() for key in self._table}
        self._nested = frozenset(
            key
            for key, beginnings in lexicon._beginnings.items()
            if any(beginning.casefold() in keys for beginning in beginnings)
        )

    def match(self, shadow_text: str, pos: int = 0) -> LexiconMatch[V] | None:
        """Match an entry that starts exactly at ``pos`` of a shadow text, as :meth:`Lexicon.match`.

        Example:
            >>> Lexicon([("رويترز", 1), ("القاهرة", 2)]).view([("رويترز", 1)]).match(fold("رويترز -")).end
            6
        """
        if self._own is not None:
            return self._own.match(shadow_text, pos)
        found = self._lexicon.pattern.match(shadow_text, pos)
        if found is None:
            return None
        matched = found.group()
        longest = self._longest(matched, _spellings(self._lexicon, matched))
        if longest is None:
            return None
        size, lookup = longest
        return LexiconMatch(pos, pos + size, lookup, self._table[lookup])

    def finditer(
        self, shadow_text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[LexiconMatch[V]]:
        """Yield every non-overlapping whole-word entry, as :meth:`Lexicon.finditer`."""
        for start, end, lookup in _walk_views([self], shadow_text, pos, endpos, None)[0]:
            yield LexiconMatch(start, end, lookup, self._table[lookup])

    def find_values(
        self, shadow_text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[tuple[int, int, V]]:
        """Like :meth:`finditer`, as plain ``(start, end, value)`` tuples.

        Example:
            >>> words = Lexicon([("القاهرة", 1), ("رويترز", 2)]).view([("رويترز", "agency")])
            >>> list(words.find_values(fold("القاهرة - رويترز")))
            [(10, 16, 'agency')]
        """
        table = self._table
        for start, end, lookup in _walk_views([self], shadow_text, pos, endpos, None)[0]:
            yield start, end, table[lookup]

    def _longest(self, matched: str, spaced: tuple[str, str, str | None]) -> tuple[int, str] | None:
        """The length and table key of the longest of the view's keys that ``matched`` opens with.

        ``matched`` is what the lexicon's pattern matched, ``spaced`` what
        :func:`_spellings` gives for it; a key of the view may end at its
        end or before a character other than a word one inside it.
        """
        plain, folded, key = spaced
        lookup = folded if self._ignore_case else plain
        if lookup in self._table:
            return len(matched), lookup
        if key is not None and key not in self._nested:
            return None
        return self._shorter(matched)

    def _shorter(self, matched: str) -> tuple[int, str] | None:
        """:meth:`_longest` when ``matched`` itself, spaced and cased as the table's keys, is no key."""
        unusual = self._unusual_lookup(matched)
        if unusual is not None:
            return len(matched), unusual
        if " " not in matched and matched.isalnum():  # one word: no shorter whole-word beginning
            return None
        for cut in range(len(matched) - 1, 0, -1):
            if _is_word_char(matched[cut]):
                continue
            beginning = _single_spaced(matched[:cut])
            lookup = beginning.casefold() if self._ignore_case else beginning
            if lookup in self._table:
                return cut, lookup
            unusual = self._unusual_lookup(beginning)
            if unusual is not None:
                return cut, unusual
        return None

    def _unusual_lookup(self, key: str) -> str | None:
        """:meth:`_unusual_case`, asked only where it can answer: letters with a case outside ASCII."""
        if self._ignore_case and not key.isascii() and key.lower() != key.upper():
            return self._unusual_case(key)
        return None


def _is_word_char(char: str) -> bool:
    """Whether ``char`` is a word character: the engine's definition, alphanumeric or ``_``."""
    return char.isalnum() or char == "_"


def _end_of(text: str, endpos: int | None) -> int:
    return len(text) if endpos is None else min(endpos, len(text))


def _can_stand_for(lexicon: Lexicon[Any], table: dict[str, Any], *, ignore_case: bool) -> bool:
    """Whether ``lexicon``'s pattern matches wherever a pattern of ``table``'s keys would.

    Its keys must hold the table's, casefolded when it ignores case (then
    a key must be ASCII or have no case, where the engine and
    :meth:`str.casefold` agree); no clitic may stand before them.
    """
    if lexicon._prefixed or (ignore_case and not lexicon._ignore_case):
        return False
    keys = lexicon._table.keys()
    if not lexicon._ignore_case:
        return keys >= table.keys()
    # Letters with a case outside ASCII, in any key: the engine may not match them as casefold() does.
    beyond_ascii = "".join(key for key in table if not key.isascii())
    if beyond_ascii.lower() != beyond_ascii.upper():
        return False
    return keys >= (table.keys() if ignore_case else {key.casefold() for key in table})


# For each key of a lexicon, the views that may have an entry where it
# matches: (index of the view, whether the key is the view's own entry
# there; if not, a shorter key of the view may begin it).
_Plan = dict[str, tuple[tuple[int, bool], ...]]


def _walk_views(
    views: Sequence[LexiconView[Any]],
    shadow_text: str,
    pos: int,
    endpos: int | None,
    before: int | None,
    *,
    plan: _Plan | None = None,
) -> list[list[tuple[int, int, str]]]:
    """The ``(start, end, table key)`` of each view's matches, as its own ``finditer`` would give them.

    One walk over the places where the lexicon's pattern matches serves
    every view (they share one lexicon): a view has a match only where the
    pattern has one, so the walk tries each of those places in turn (from
    one place, the next search starts one character on), and a view takes
    the place when its last match ended before it. Only matches starting
    before ``before`` are wanted. With a ``plan``, what matched as a key of
    the lexicon exactly (single spaces, casefolded) is settled by the plan.
    """
    end = _end_of(shadow_text, endpos)
    stop = end if before is None else min(before, end)
    out: list[list[tuple[int, int, str]]] = [[] for _ in views]
    own = [view._own for view in views]
    shared = [index for index, lexicon in enumerate(own) if lexicon is None]
    for index, lexicon in enumerate(own):
        if lexicon is not None:
            for match in lexicon.finditer(shadow_text, pos, end):
                if match.start >= stop:
                    break
                out[index].append((match.start, match.end, match.key))
    if not shared:
        return out
    lexicon = views[shared[0]]._lexicon
    search = lexicon.pattern.search
    resume = [pos] * len(views)
    at = pos
    while at < stop:
        found = search(shadow_text, at, end)
        if found is None:
            break
        first = found.start()
        if first >= stop:
            break
        matched = found.group()
        steps = plan.get(matched) if plan is not None else None
        if steps is None:
            spaced = _spellings(lexicon, matched)
            for index in shared:
                if resume[index] <= first and (longest := views[index]._longest(matched, spaced)) is not None:
                    size, lookup = longest
                    out[index].append((first, first + size, lookup))
                    resume[index] = first + size
        else:
            for index, whole in steps:
                if resume[index] > first:
                    continue
                if whole:
                    size, lookup = len(matched), matched
                elif (longest := views[index]._shorter(matched)) is not None:
                    size, lookup = longest
                else:
                    continue
                out[index].append((first, first + size, lookup))
                resume[index] = first + size
        at = first + 1
    return out


class LexiconViews:
    """Views of one :class:`Lexicon`, searched together: one walk over a text serves them all.

    Args:
        views: Views made by one lexicon's :meth:`Lexicon.view`.

    Raises:
        ValueError: If the views are not views of one lexicon.

    Example:
        >>> everything = Lexicon([("القاهرة", 1), ("رويترز", 2)], ignore_case=True)
        >>> places = everything.view([("القاهرة", "place")])
        >>> agencies = everything.view([("رويترز", "agency")], ignore_case=True)
        >>> both = LexiconViews(places, agencies)
        >>> both.find(fold("القاهرة - رويترز"))
        [[(0, 7, 'place')], [(10, 16, 'agency')]]
        >>> both.opens(fold("رويترز -")), both.opens(fold("قال"))
        (True, False)
    """

    def __init__(self, *views: LexiconView[Any]) -> None:
        if len({id(view._lexicon) for view in views}) > 1:
            raise ValueError("the views are not views of one lexicon")
        self._views = views
        # Whether the lexicon's pattern finds every place where a view matches.
        self._shared = all(view._own is None for view in views)
        self._match = views[0]._lexicon.pattern.match if views else None
        # Where this finds no match, no view has an entry (None: no such test).
        self.prefilter: Callable[[str, int], re.Match[str] | None] | None = (
            self._match if self._shared else None
        )

    @functools.cached_property
    def _plan(self) -> _Plan | None:
        """Which views may have an entry where each key of the lexicon matches (see :func:`_walk_views`).

        A key matched as it is (casefold() leaves a key of the lexicon as it
        is) is each view's own entry when the view's table has it, as the
        view looks it up. A key missing here takes the long way.
        """
        if not self._shared or not self._views:
            return None
        keys = self._views[0]._lexicon._table
        plan: dict[str, list[tuple[int, bool]]] = {}
        for index, view in enumerate(self._views):
            for key in view._table:
                # A view minding case may hold a key the lexicon has only casefolded.
                if key in keys:
                    plan.setdefault(key, []).append((index, True))
            for key in view._nested - view._table.keys():
                plan.setdefault(key, []).append((index, False))
        return {key: tuple(steps) for key, steps in plan.items()}

    def opens(self, shadow_text: str, pos: int = 0) -> bool:
        """Whether an entry of one of the views starts exactly at ``pos``: one match of their lexicon."""
        if not self._shared or self._match is None:
            return any(view.match(shadow_text, pos) is not None for view in self._views)
        found = self._match(shadow_text, pos)
        if found is None:
            return False
        matched = found.group()
        plan = self._plan
        steps = plan.get(matched) if plan is not None else None
        if steps is not None:
            return any(whole or self._views[index]._shorter(matched) is not None for index, whole in steps)
        spaced = _spellings(self._views[0]._lexicon, matched)
        return any(view._longest(matched, spaced) is not None for view in self._views)

    def find(
        self, shadow_text: str, pos: int = 0, endpos: int | None = None, *, before: int | None = None
    ) -> list[list[tuple[int, int, Any]]]:
        """Every view's :meth:`~LexiconView.find_values`, in one walk over the text.

        Args:
            shadow_text: The shadow to search.
            pos: Where to start.
            endpos: Where the text ends for the search (as for :meth:`re.Pattern.search`).
            before: Only matches that start before this offset are wanted.

        Returns:
            For each view, its ``(start, end, value)`` matches in order.
        """
        walked = _walk_views(self._views, shadow_text, pos, endpos, before, plan=self._plan)
        return [
            [(start, end, view._table[lookup]) for start, end, lookup in found]
            for view, found in zip(self._views, walked, strict=True)
        ]


# How many matched keys whose case casefold() cannot resolve a lexicon remembers.
_UNUSUAL_CASES_KEPT = 256


def _same_ignoring_case(table_key: str, text: str) -> bool:
    """Whether ``text`` matches ``table_key`` as the compiled pattern compares them (IGNORECASE)."""
    return re.fullmatch(re.escape(table_key), text, re.IGNORECASE) is not None


def _spellings(lexicon: Lexicon[Any], matched: str) -> tuple[str, str, str | None]:
    """What the lexicon's pattern matched, as its views look it up.

    Returns it with its runs of spaces made single, that casefolded, and
    the lexicon's key it is (``None`` when casefold() does not give the key
    the engine matched: ``İ``, ``ı``).
    """
    plain = _single_spaced(matched)
    folded = plain.casefold()
    key = folded if lexicon._ignore_case else plain
    return plain, folded, key if key in lexicon._table else None


def _single_spaced(key: str) -> str:
    """A matched key with its runs of spaces made single (see :func:`_lookup_key`)."""
    return " ".join(key.split()) if "  " in key else key


def _lookup_key(key: str, ignore_case: bool) -> str:
    """The table key of a matched key: casefolded if asked, its runs of spaces made single.

    A key's inner spaces match runs of U+0020 only (:data:`_SPACE_RUN`), so a
    matched key holds no other blank, and most hold no run at all.
    """
    return _single_spaced(key.casefold() if ignore_case else key)


def _alternation(words: list[str]) -> str:
    return trie_pattern(words) if words else ""


@functools.cache
def _escape(char: str) -> str:
    return _SPACE_RUN if char == " " else re.escape(char)


def trie_pattern(words: list[str]) -> str:
    """Compile words into a prefix-factored alternation (longest match first).

    Example:
        >>> trie_pattern(["قال", "قالت", "اكد"])
        '(?:اكد|قال(?:ت)?)'
    """
    ordered = sorted(set(words))
    return _group_pattern(ordered, 0, len(ordered), 0) if ordered else ""


def _cased_last(words: list[str]) -> str:
    """:func:`trie_pattern` for a case-insensitive table, its cased branches behind one guard.

    Under ``re.IGNORECASE`` a branch opening with a cased letter (``afp``,
    ``cnn``) starts with a case-folding opcode, which the engine enters and
    leaves at every word start, where it skips a plain literal branch with
    one comparison: the couple of dozen Latin branches of the agency table
    made a scan several times slower than its Arabic branches alone. They
    stand last here, behind one lookahead for their first letters. At a given
    place at most one top-level branch can match its first character (the
    keys are distinct and casefolded), so their order does not change what
    matches, and the lookahead, a class of exactly those letters under the
    same flag, lets through every character one of them would match.
    """
    ordered = sorted(set(words))
    uncased: list[str] = []
    cased: list[str] = []
    firsts: list[str] = []
    lo = 0
    while lo < len(ordered):
        char = ordered[lo][0]
        stop = lo + 1
        while stop < len(ordered) and ordered[stop][0] == char:
            stop += 1
        branch = _escape(char) + _group_pattern(ordered, lo, stop, 1)
        if char.lower() == char.upper():
            uncased.append(branch)
        else:
            cased.append(branch)
            firsts.append(re.escape(char))
        lo = stop
    if not cased:
        return trie_pattern(ordered)
    guarded = f"(?=[{''.join(firsts)}])(?:{'|'.join(cased)})"
    return "(?:" + "|".join([*uncased, guarded]) + ")"


def _group_pattern(words: list[str], lo: int, hi: int, depth: int) -> str:
    """The pattern for ``words[lo:hi]`` after their common first ``depth`` characters.

    The words are sorted and distinct, so the ones that share a next
    character stand together, and the one that ends here (if any) comes first.
    """
    ends_here = len(words[lo]) == depth
    if ends_here:
        lo += 1
    branches: list[str] = []
    while lo < hi:
        char = words[lo][depth]
        stop = lo + 1
        while stop < hi and words[stop][depth] == char:
            stop += 1
        if stop == lo + 1:  # one word left: the rest of it, character by character
            branches.append("".join(map(_escape, words[lo][depth:])))
        else:
            branches.append(_escape(char) + _group_pattern(words, lo, stop, depth + 1))
        lo = stop
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # An entry that ends here is tried after its longer continuations.
    return f"(?:{body})?" if ends_here else body
