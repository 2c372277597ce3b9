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
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import attrs

from arnews._normalize import Aligned, NormalizeConfig, normalize, normalize_aligned

__all__ = ["Lexicon", "LexiconMatch", "fold", "fold_all", "fold_lists", "shadow", "trie_pattern"]

V = TypeVar("V")

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


class Lexicon(Generic[V]):
    """A table of words and phrases, matched whole-word on a shadow text.

    Args:
        entries: ``(surface, value)`` pairs; surfaces are folded with
            :func:`fold`, and when two surfaces fold to the same key the first
            one wins.
        prefixes: Clitics that may stand glued before an entry (``و``, ``ف``,
            ``ب``, ``ل``); they are matched but not part of the reported key.
        ignore_case: Match Latin keys (``CNN``, ``AFP``) in any case.

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
    ) -> None:
        pairs = list(entries)
        table: dict[str, V] = {}
        for folded, (_, value) in zip(fold_all([surface for surface, _ in pairs]), pairs, strict=True):
            key = folded.casefold() if ignore_case else folded
            if key:
                table.setdefault(key, value)
        self._table = table
        self._ignore_case = ignore_case
        self._unusual: dict[str, str | None] = {}
        prefix_group = _alternation(sorted({key for key in fold_all(list(prefixes)) if key}))
        body = (
            (_cased_last(sorted(table)) if ignore_case else trie_pattern(sorted(table))) if table else "(?!)"
        )
        optional_prefix = f"(?:{prefix_group})?" if prefix_group else ""
        flags = re.IGNORECASE if ignore_case else 0
        self._pattern = re.compile(f"{_BEFORE_WORD}{optional_prefix}(?P<key>{body}){_AFTER_WORD}", flags)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and self.get(surface) is not None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (exposed for the regex audit and for composition)."""
        return self._pattern

    def get(self, surface: str) -> V | None:
        """Look a whole surface form up, after folding it.

        Example:
            >>> Lexicon([("أغسطس", 8)]).get("اغسطس")
            8
        """
        key = fold(surface)
        return self._table.get(key.casefold() if self._ignore_case else key)

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
        lookup: str | None = _lookup_key(key, self._ignore_case)
        if lookup not in self._table:
            lookup = self._unusual_case(key)
            if lookup is None:
                return None
        return LexiconMatch(found.start("key"), found.end("key"), lookup, self._table[lookup])

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


# How many matched keys whose case casefold() cannot resolve a lexicon remembers.
_UNUSUAL_CASES_KEPT = 256


def _same_ignoring_case(table_key: str, text: str) -> bool:
    """Whether ``text`` matches ``table_key`` as the compiled pattern compares them (IGNORECASE)."""
    return re.fullmatch(re.escape(table_key), text, re.IGNORECASE) is not None


def _lookup_key(key: str, ignore_case: bool) -> str:
    """The table key of a matched key: casefolded if asked, its runs of spaces made single.

    A key's inner spaces match runs of U+0020 only (:data:`_SPACE_RUN`), so a
    matched key holds no other blank, and most hold no run at all.
    """
    lookup = key.casefold() if ignore_case else key
    return " ".join(lookup.split()) if "  " in lookup else lookup


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
