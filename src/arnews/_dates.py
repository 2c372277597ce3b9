"""Arabic date expressions: every month system, Hijri, ordinals, numeric forms.

Dates are read on the matching shadow of the text (:func:`arnews._lexicon.shadow`),
so hamza and yeh variants, tatweel, diacritics and Arabic-Indic or Persian
digits never defeat a match, and every span is reported on the original text.

A date is a small sequence of *atoms*: words from ``data/dates.toml`` (month
names of every system, Hijri months, weekdays, ordinal day words, era markers
and connectors such as ``من``, ``شهر``, ``الموافق``), numbers and the
separators ``- / . , ،``. The atoms are found in one linear pass each (the
lexicon's trie-shaped pattern and one regular expression for numbers), and a
small grammar reads dates off the atom list, looking at most a few atoms ahead.

Only what the text states is filled in: a missing year stays ``None``; no
reference date is ever consulted; an impossible date (31 February, month 13,
Hijri day 31) is not a date at all.
"""

from __future__ import annotations

import calendar as _calendar
import datetime
import functools
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, NamedTuple

import attrs
from hijridate import Hijri

from arnews._data import load_table
from arnews._lexicon import Lexicon, shadow
from arnews._model import Calendar, NewsDate, Span
from arnews._normalize import Aligned
from arnews._validate import require_str

__all__ = ["DateHit", "date_words", "find_dates", "parse_date", "scan_dates", "scan_stable", "widen"]

# Kinds of atoms.
_MONTH: Final = "month"
_ORDINAL: Final = "ordinal"
_WEEKDAY: Final = "weekday"
_ERA: Final = "era"
_OF: Final = "of"
_MONTH_WORD: Final = "month_word"
_DAY_WORD: Final = "day_word"
_LINK: Final = "corresponding"
_NUMBER: Final = "number"
_SEP: Final = "sep"
_RUN: Final = "sep_run"
# The atoms a date can open with.
_OPENERS: Final = (_DAY_WORD, _WEEKDAY, _ORDINAL, _NUMBER, _MONTH, _MONTH_WORD)

# A number, with an era letter glued to it ("2023م", "1446هـ" whose tatweel
# the shadow drops). Digits may be glued to a preceding word ("الدمام25").
#
# Two shapes are read as one match each, so that punctuation-heavy text costs
# one atom per run, not one per character (issue 9):
# - ``chain``: five or more numbers glued by ``- / .`` ("1.2.3.4.5"), never a
#   date itself; only its first two and last two numbers can take part in a
#   date, so its middle becomes a single opaque separator atom (see ``_chain``);
# - ``run``: two or more separators with only spaces between them ("....",
#   "، ، ،"), which no date rule can step through (every rule wants a number
#   or a word after a separator), so it becomes one atom of its own kind.
# Possessive quantifiers: the classes are disjoint and nothing backtracks.
# The pattern opens with the class of every first character (a digit or a
# separator), then branches on which one it took: an opening class lets the
# engine skip the other characters in one fast loop, where an opening
# alternation tries each branch at every position (three times slower on a
# dateline's window). Each group ends where the match does, and every kind
# starts at the match's start.
_NUMBER_OR_SEP = re.compile(
    r"[\d\-/.,،](?:(?<=\d)(?:"
    r"(?P<chain>\d*+(?:[-/.]\d++){4,}+)(?P<chain_era>[هم](?!\w))?"
    r"|(?P<num>\d*+)(?P<era>[هم](?!\w))?)"
    r"|(?P<run>(?:[^\S\n]*+[-/.,،])++)"
    r"|(?P<sep>))"
)
_CHAIN_SEP = re.compile(r"[-/.]")
# "الموافق لـ8 من ذي الحجة": the preposition glued before a day number.
_GLUED_LAM: Final = "ل"
_NUMERIC_SEPS: Final = "-/."
_NAME_SEPS: Final = "-/,،"
_LIST_SEPS: Final = ",،"
# Hijri dates convert with hijridate only inside the Umm al-Qura table.
_HIJRI_MIN_YEAR: Final = 1343
_HIJRI_MAX_YEAR: Final = 1500
_HIJRI_MAX_DAY: Final = 30
_TATWEEL: Final = "\u0640"
_MAX_DIGITS: Final = 4
_WINDOW: Final = 1024
# Bounds on how far a date rule looks from the atom a date starts at (the
# longest rule reads about 16 atoms ahead and 2 behind), with room to spare.
_LOOKAHEAD: Final = 64
_LOOKBACK: Final = 8


@attrs.frozen
class _Word:
    kind: str
    number: int = 0
    calendar: Calendar | None = None


class _Atom(NamedTuple):
    # A named tuple, not an attrs class: text full of numbers and separators
    # makes one per few characters, and a tuple is several times cheaper to build.
    start: int
    end: int
    kind: str
    number: int = 0
    calendar: Calendar | None = None
    digits: int = 0
    text: str = ""


# An atom from a tuple of all its fields, without the keyword handling of
# _Atom's generated __new__ (text full of commas makes one per few words).
_new_atom: Callable[[tuple[int, int, str, int, Calendar | None, int, str]], _Atom] = functools.partial(
    tuple.__new__, _Atom
)


@attrs.frozen
class DateHit:
    """A date found in a shadow text, with where it stands there.

    Attributes:
        date: The date, its span on the original text.
        start: Offset of the date in the shadow.
        end: Offset one past the date in the shadow.
        linked: Whether ``الموافق`` ties this date to the one before it
            (the same day in the other calendar).
    """

    date: NewsDate
    start: int
    end: int
    linked: bool = False


@functools.cache
def _entries() -> tuple[tuple[str, _Word], ...]:
    table = load_table("dates")
    entries: list[tuple[str, _Word]] = []
    for system, cal in (("gregorian", Calendar.GREGORIAN), ("hijri", Calendar.HIJRI)):
        for months in table[system].values():
            for number, spellings in months.items():
                if number.isdigit():
                    entries += [(s, _Word(_MONTH, int(number), cal)) for s in spellings]
    for kind, section in ((_WEEKDAY, "weekdays"), (_ORDINAL, "ordinal_days")):
        for number, spellings in table[section].items():
            entries += [(s, _Word(kind, int(number))) for s in spellings]
    for era, cal in (("hijri", Calendar.HIJRI), ("gregorian", Calendar.GREGORIAN)):
        entries += [(s, _Word(_ERA, 0, cal)) for s in table["eras"][era]]
    for kind in (_OF, _MONTH_WORD, _DAY_WORD, _LINK):
        entries += [(s, _Word(kind)) for s in table["connectors"][kind]]
    return tuple(entries)


@functools.cache
def _lexicon() -> Lexicon[_Word]:
    return Lexicon(_entries())


def date_words(*, openers_only: bool = True) -> list[str]:
    """Every word a date expression can open with (month names, ordinals, weekdays, ``يوم``, ``شهر``).

    A date opens with one of these or with a number, so a stretch of text
    holding none of them and no digit holds the start of no date; the
    dateline reader uses this to skip most lines with a single probe.
    Connectors inside a date (``من``, ``الموافق``) and era markers are left
    out: they never open one (``openers_only=False`` lists them too).
    """
    return [surface for surface, word in _entries() if word.kind in _OPENERS or not openers_only]


def _atoms(text: str, start: int = 0, end: int | None = None, *, drop_isolated: bool = False) -> list[_Atom]:
    """Every atom of a shadow text as a list (see :func:`_iter_atoms`)."""
    stop = len(text) if end is None else end
    if drop_isolated or stop - start > _SORTED_MERGE_CHARS:
        return list(_iter_atoms(text, start, end, drop_isolated=drop_isolated))
    # A short stretch kept whole (a dateline's window): _iter_atoms' merge
    # without its generator, which cost more than the sort per atom.
    merged = [
        _Atom(first, last, word.kind, word.number, word.calendar)
        for first, last, word in _lexicon().find_values(text, start, stop)
    ]
    merged += _others(text, start, stop)
    merged.sort(key=_order)
    atoms: list[_Atom] = []
    last_end = -1
    for atom in merged:
        # A month key such as "كانون 2" holds a digit the number pattern also saw.
        if atom.start >= last_end:
            atoms.append(atom)
            last_end = atom.end
    return atoms


# Up to this many characters, atoms are merged by one sort (see _iter_atoms).
_SORTED_MERGE_CHARS = 2048


def _iter_atoms(
    text: str, start: int = 0, end: int | None = None, *, drop_isolated: bool = False
) -> Iterator[_Atom]:
    """Every word, number and separator atom of a shadow text, in order, without overlaps.

    With ``drop_isolated``, a separator joined to no atom on either side (the
    ``.`` of ``د.``, the ``//`` of a URL) is left out: no date rule can use
    it, and the rules that look at a neighbour's gap see a non-space
    character there either way, so the dates read are the same. The first
    atom is always kept, since a month name opens a date without a joined
    atom before it only as the very first atom (``_Reader._month``).
    """
    stop = len(text) if end is None else end
    words = (
        _Atom(first, last, word.kind, word.number, word.calendar)
        for first, last, word in _lexicon().find_values(text, start, stop)
    )
    # Merged stably (a word before a number at the same place). A long
    # stretch is merged lazily, so dropped atoms never sit in a list
    # together; a short one (a dateline's line) is sorted at once, which
    # costs a fraction of heapq.merge's per-item Python work.
    if stop - start <= _SORTED_MERGE_CHARS:
        merged: Iterable[_Atom] = sorted([*words, *_others(text, start, stop)], key=_order)
    else:
        merged = heapq.merge(words, _others(text, start, stop), key=_order)
    kept = False
    held: _Atom | None = None
    last_end = -1
    for atom in merged:
        # A month key such as "كانون 2" holds a digit the number pattern also saw.
        if atom.start < last_end:
            continue
        previous_end, last_end = last_end, atom.end
        if held is not None:
            if _joined(text, held.end, atom):
                yield held
            held = None
        # Tested against the atom just before, kept or not (never a distant
        # kept one: that gap would be sliced again for every dropped atom).
        if drop_isolated and kept and atom.kind in (_SEP, _RUN) and not _joined(text, previous_end, atom):
            held = atom
            continue
        kept = True
        yield atom


def _order(atom: _Atom) -> tuple[int, int]:
    return atom.start, -atom.end


def _joined(text: str, end: int, atom: _Atom) -> bool:
    """Whether ``atom`` follows an atom ending at ``end`` with only spaces (no line break) between."""
    gap = text[end : atom.start]
    if "\n" in gap:
        return False
    word = gap.strip()
    return not word or (word == _GLUED_LAM and gap.endswith(_GLUED_LAM) and atom.kind == _NUMBER)


def _others(text: str, start: int, stop: int) -> Iterator[_Atom]:
    """The number and separator atoms of a shadow text, in order."""
    for found in _NUMBER_OR_SEP.finditer(text, start, stop):
        group = found.lastgroup
        if group == "sep":
            first = found.start()
            yield _new_atom((first, first + 1, _SEP, 0, None, 0, found.group()))
        elif group == "run":
            yield _new_atom((found.start(), found.end(), _RUN, 0, None, 0, ""))
        elif group in ("num", "era"):
            first = found.start()
            yield _number(first, text[first : found.end("num")], found.group("era"))
        else:
            first = found.start()
            yield from _chain(first, text[first : found.end("chain")], found.group("chain_era"))


def _number(start: int, digits: str, era: str | None) -> _Atom:
    cal = None if era is None else (Calendar.HIJRI if era == "ه" else Calendar.GREGORIAN)
    # Only a day, a month or a year (at most 4 digits) can be part of a date;
    # a longer run is never converted (int() of 5,000 digits is slow and refused).
    value = int(digits) if len(digits) <= _MAX_DIGITS else 0
    end = start + len(digits) + (0 if era is None else 1)
    return _Atom(start, end, _NUMBER, value, cal, len(digits))


def _chain(start: int, chain: str, era: str | None) -> list[_Atom]:
    """Atoms of five or more glued numbers: the first two and last two kept, the middle opaque.

    In ``n1 s1 n2 s2 ... n4 s4 n5`` no number is a numeric date (the first has
    more pairs after it, the others a number-separator before them), and no
    middle number starts or ends a named one; only ``n1`` (a year or day of a
    date before the chain), ``n2`` (seen by the rule for ``n1``) and the last
    number (a day before a month name) matter, with ``n(m-1)`` kept for the
    look-back of the last. The rest becomes one separator atom whose text is
    ``s2``, so the rules that look
    past ``n2`` or before ``n(m-1)`` see what they saw atom by atom.
    The middle ``s2 ... s(m-2)`` becomes that one atom.
    """
    (a0, a1), (b0, b1), (c0, c1), (d0, d1) = _head_and_tail(chain)
    return [
        _number(start + a0, chain[a0:a1], None),
        _Atom(start + a1, start + b0, _SEP, text=chain[a1]),
        _number(start + b0, chain[b0:b1], None),
        _Atom(start + b1, start + c0, _SEP, text=chain[b1]),
        _number(start + c0, chain[c0:c1], None),
        _Atom(start + c1, start + d0, _SEP, text=chain[c1]),
        _number(start + d0, chain[d0:d1], era),
    ]


def _head_and_tail(chain: str) -> list[tuple[int, int]]:
    """Bounds of the first two and the last two numbers of a chain (linear, no list of every run)."""
    seps = _CHAIN_SEP.finditer(chain)
    first, second = next(seps).start(), next(seps).start()
    last = max(chain.rfind(sep) for sep in _NUMERIC_SEPS)
    before = max(chain.rfind(sep, 0, last) for sep in _NUMERIC_SEPS)
    return [(0, first), (first + 1, second), (before + 1, last), (last + 1, len(chain))]


class _Reader:
    """Reads dates off an atom list; every method looks a bounded number of atoms ahead."""

    def __init__(self, text: str, atoms: list[_Atom], *, bare_numeric: bool, opens_text: bool) -> None:
        self.text = text
        self.atoms = atoms
        self.bare_numeric = bare_numeric
        # Whether atom 0 is the first atom of the text, not of a later window.
        self.opens_text = opens_text
        self._count = len(atoms)
        self._joined: list[bool | None] = [None] * len(atoms)

    def kind(self, i: int) -> str:
        return self.atoms[i].kind if 0 <= i < self._count else ""

    def joined(self, i: int) -> bool:
        """Whether atom ``i`` follows atom ``i - 1`` with only spaces (no line break) between."""
        if not 0 < i < self._count:
            return False
        # The rules ask about the same few atoms many times over; slice each gap once.
        known = self._joined[i]
        if known is None:
            known = self._joined[i] = _joined(self.text, self.atoms[i - 1].end, self.atoms[i])
        return known

    def next_is(self, i: int, kind: str, seps: str = "") -> bool:
        if not self.joined(i) or self.kind(i) != kind:
            return False
        return not seps or self.atoms[i].text in seps

    def skip_sep(self, i: int, seps: str) -> int:
        """Step over one separator from ``seps`` at ``i``, if there is one."""
        return i + 1 if self.next_is(i, _SEP, seps) else i

    def parse(self, i: int) -> tuple[_DateFields, int, Span] | None:
        """Read a date whose first atom is ``i``; return its fields, the index after it and its span."""
        j = i
        if self.kind(j) == _DAY_WORD:
            j += 1
            if not self.joined(j):
                return None
        first = j
        if self.kind(j) == _WEEKDAY:
            j += 1
            if self.next_is(j, _SEP, _LIST_SEPS):
                j += 1
            if not self.joined(j):
                return None
        found = self._day_month_year(j) or self._numeric(j) or self._month_year(j)
        if found is None:
            return None
        fields, after = found
        year, month, day, cal = fields
        checked = _date_fields(year, month, day, cal)
        if checked is None:
            return None
        return checked, after, Span(self.atoms[first].start, self.atoms[after - 1].end)

    def _year_and_era(
        self, j: int, cal: Calendar | None, seps: str
    ) -> tuple[int | None, Calendar | None, int]:
        """Read an optional 4-digit year and era from ``j``; return year, era calendar, next index."""
        k = self.skip_sep(j, seps)
        if not (self.next_is(k, _NUMBER) and self.atoms[k].digits == 4):
            return None, cal, j
        year_atom = self.atoms[k]
        era = year_atom.calendar
        k += 1
        if era is None and self.next_is(k, _ERA):
            era = self.atoms[k].calendar
            k += 1
        if era is not None and cal is not None and era != cal:
            return None, None, -1
        return year_atom.number, era or cal, k

    def _day_month_year(self, j: int) -> tuple[tuple[int | None, int, int, Calendar], int] | None:
        day = self._day(j)
        if day is None:
            return None
        k = j + 1
        if self.next_is(k, _SEP, "-/"):
            k += 1
        else:
            if self.next_is(k, _OF):
                k += 1
            if self.next_is(k, _MONTH_WORD):
                k += 1
        month = self._month(k)
        if month is None:
            return None
        number, cal, k = month
        year, era, k2 = self._year_and_era(k, cal, _NAME_SEPS)
        if k2 < 0:
            return None
        return (year, number, day, era or cal), (k2 if year is not None else k)

    def _month_year(self, j: int) -> tuple[tuple[int | None, int, None, Calendar], int] | None:
        k = j + 1 if self.kind(j) == _MONTH_WORD and self.next_is(j + 1, _MONTH) else j
        month = self._month(k) if k == j or self.joined(k) else None
        if month is None:
            return None
        number, cal, k = month
        year, era, k2 = self._year_and_era(k, cal, _LIST_SEPS)
        if year is None or k2 < 0:
            return None
        return (year, number, None, era or cal), k2

    def _day(self, j: int) -> int | None:
        atom = self.atoms[j] if 0 <= j < len(self.atoms) else None
        if atom is None:
            return None
        if atom.kind == _ORDINAL:
            return atom.number
        if atom.kind == _NUMBER and atom.digits <= 2 and atom.calendar is None:
            return atom.number
        return None

    def _month(self, k: int) -> tuple[int, Calendar, int] | None:
        """A month name at ``k`` with an optional second name of the same month after it."""
        if self.kind(k) != _MONTH or ((k > 0 or not self.opens_text) and not self.joined(k)):
            return None
        atom = self.atoms[k]
        k += 1
        # Paired systems: "تشرين الأول/أكتوبر", "أبريل نيسان", "نيسان / أبريل".
        pair = self.skip_sep(k, "/")
        if self.next_is(pair, _MONTH) and self.atoms[pair].number == atom.number:
            k = pair + 1
        return atom.number, atom.calendar or Calendar.GREGORIAN, k

    def _numeric(self, j: int) -> tuple[tuple[int | None, int, int, Calendar], int] | None:
        """``15/7/2024``, ``2024-07-15``, ``12-2-2009م``, ``24 - 1`` (day - month)."""
        if self.kind(j) != _NUMBER or not self.next_is(j + 1, _SEP, _NUMERIC_SEPS):
            return None
        # A number glued to a number-and-separator before it belongs to a longer figure.
        if self.kind(j - 1) == _SEP and self.joined(j) and self.kind(j - 2) == _NUMBER and self.joined(j - 1):
            return None
        sep = self.atoms[j + 1].text
        parts = [j]
        k = j + 1
        while len(parts) < 3 and self.next_is(k, _SEP, sep) and self.next_is(k + 1, _NUMBER):
            parts.append(k + 1)
            k += 2
        if len(parts) < 2:
            return None
        # More number-separator pairs after it: a phone number, a ratio, a longer figure.
        if self.next_is(k, _SEP, _NUMERIC_SEPS) and self.next_is(k + 1, _NUMBER):
            return None
        numbers = [self.atoms[p] for p in parts]
        era = numbers[-1].calendar
        if era is None and self.next_is(k, _ERA):
            era = self.atoms[k].calendar
            k += 1
        if any(n.calendar is not None for n in numbers[:-1]):
            return None
        if len(numbers) == 3 and numbers[0].digits == 4 and numbers[1].digits <= 2 and numbers[2].digits <= 2:
            year, month, day = numbers[0].number, numbers[1].number, numbers[2].number
        elif (
            len(numbers) == 3 and numbers[2].digits == 4 and numbers[0].digits <= 2 and numbers[1].digits <= 2
        ):
            day, month, year = numbers[0].number, numbers[1].number, numbers[2].number
        elif len(numbers) == 2 and self.bare_numeric and sep in "-/" and all(n.digits <= 2 for n in numbers):
            day, month, year = numbers[0].number, numbers[1].number, None
        else:
            return None
        return (year, month, day, era or Calendar.GREGORIAN), k


_DateFields = tuple[int | None, int, int | None, Calendar, datetime.date | None]
"""A :class:`NewsDate`'s fields before its span: year, month, day, calendar, Gregorian day."""


@functools.lru_cache(maxsize=4096)
def _date_fields(year: int | None, month: int, day: int | None, cal: Calendar) -> _DateFields | None:
    """Check a date and convert it to Gregorian when it is whole; ``None`` for an impossible date.

    The :class:`NewsDate` itself is built once its span on the original text
    is known (building it here and evolving it there cost twice the objects).
    Cached: a text names the same few days again and again, and the Hijri
    conversion is the costliest step of reading a date.
    """
    if not 1 <= month <= 12 or (day is not None and day < 1):
        return None
    gregorian: datetime.date | None = None
    if cal is Calendar.GREGORIAN:
        if year is not None and not 1 <= year <= 9999:
            return None
        # Without a year, 29 February is possible; with one, the calendar decides.
        longest = _calendar.monthrange(year if year is not None else 2000, month)[1]
        if day is not None and day > longest:
            return None
        if year is not None and day is not None:
            gregorian = datetime.date(year, month, day)
    else:
        if day is not None and day > _HIJRI_MAX_DAY:
            return None
        if year is not None and day is not None and _HIJRI_MIN_YEAR <= year <= _HIJRI_MAX_YEAR:
            try:
                converted = Hijri(year, month, day).to_gregorian()
                # A plain date, not hijridate's subclass, so results compare and serialize simply.
                gregorian = datetime.date(converted.year, converted.month, converted.day)
            except ValueError:
                # Day 30 of a month the Umm al-Qura table gives 29 days: the
                # announced (sighted) calendar can differ, so keep the date
                # as written and leave it unconverted.
                gregorian = None
    return year, month, day, cal, gregorian


def widen(text: str, span: Span) -> Span:
    """Stretch a span over the tatweel and diacritics the shadow dropped at its end (``هـ``).

    Example:
        >>> widen("1436 هـ الموافق", Span(0, 6)).slice("1436 هـ الموافق")
        '1436 هـ'
    """
    end = span.end
    while end < len(text) and (text[end] == _TATWEEL or _is_mark(text[end])):
        end += 1
    return Span(span.start, end)


def _is_mark(char: str) -> bool:
    return "\u064b" <= char <= "\u065f" or char == "\u0670"


def scan_dates(
    al: Aligned, start: int = 0, end: int | None = None, *, bare_numeric: bool = False, origin: int = 0
) -> list[DateHit]:
    """Find every date in a shadow text (between ``start`` and ``end``), spans mapped to the original.

    Args:
        al: The shadow of the text, as :func:`arnews._lexicon.shadow` returns it.
        start: Where to start scanning in the shadow.
        end: Where to stop scanning in the shadow.
        bare_numeric: Also accept a day and month in digits with no year
            (``24 - 1``), which outside a dateline is more often a score or
            a range.
        origin: Where ``al.original`` starts in the caller's text; the
            dates' spans are shifted by it.

    Returns:
        The dates in order, without overlaps.
    """
    return list(_iter_hits(al, start, end, bare_numeric=bare_numeric, origin=origin))


def _iter_hits(
    al: Aligned, start: int = 0, end: int | None = None, *, bare_numeric: bool = False, origin: int = 0
) -> Iterator[DateHit]:
    """The dates of :func:`scan_dates` one by one, so a caller can keep less of each."""
    # Read the atoms as they stream in, holding about _WINDOW of them: a date
    # read at atom i looks fewer than _LOOKAHEAD atoms ahead and _LOOKBACK
    # behind, so once the held atoms reach past i + _LOOKAHEAD, the date at i
    # is what the whole list would give, and the atoms well before i can go.
    # Text where every atom is joined to the next (a date repeated a million
    # times) thus holds a window, not one atom per word (issue 9).
    held: list[_Atom] = []
    cursor = _Cursor()
    for atom in _iter_atoms(al.text, start, end, drop_isolated=True):
        held.append(atom)
        if len(held) >= _WINDOW + _LOOKAHEAD:
            stop = len(held) - _LOOKAHEAD
            yield from _read_atoms(al, held, cursor, stop, bare_numeric=bare_numeric, origin=origin)
            drop = cursor.index - _LOOKBACK
            if drop > 0:
                del held[:drop]
                cursor.shift(drop)
    yield from _read_atoms(al, held, cursor, len(held), bare_numeric=bare_numeric, origin=origin)


def scan_stable(al: Aligned, limit: int, *, bare_numeric: bool, origin: int = 0) -> tuple[list[DateHit], int]:
    """Scan a shadow that is a prefix of a longer one; say up to where its dates are final.

    The dateline reader shadows only the first characters of a line. A date
    read there could still grow or change with the text after the cut, but a
    date is a chain of atoms with only spaces between them (see
    ``_Reader.joined``), so no date reaches across a stretch holding a word
    that is no atom. Dates that start before such a stretch are the dates of
    any longer text too, as long as the atoms before it are (the caller
    guarantees that for atoms starting before ``limit``).

    Args:
        al: The shadow of the prefix.
        limit: Shadow offset before which the caller knows the atoms are final.
        bare_numeric: As for :func:`scan_dates`.
        origin: As for :func:`scan_dates`.

    Returns:
        The dates of the prefix, and the shadow offset before which every
        date starting there is final (at most ``limit``; 0 when none is).
    """
    text = al.text
    atoms = _atoms(text)
    stable = 0
    previous_end = 0
    bounds = [(atom.start, atom.end) for atom in atoms]
    for atom_start, atom_end in [*bounds, (len(text), len(text))]:
        stop = min(atom_start, limit)
        # A word that is no atom breaks every chain; a lone glued "ل" does not.
        if previous_end < stop and text[previous_end:stop].strip() not in ("", _GLUED_LAM):
            stable = stop
        if atom_start >= limit:
            break
        previous_end = atom_end
    hits = list(_read_atoms(al, atoms, _Cursor(), len(atoms), bare_numeric=bare_numeric, origin=origin))
    return hits, stable


@attrs.define
class _Cursor:
    """Where reading stands in the held atoms, kept across windows.

    ``link_at`` is the index of the atom just after a ``الموافق`` that follows
    a date (-1 when none); ``last_end`` is the shadow offset where the last
    date read ends (-1 before the first); ``dropped`` counts the atoms let go
    before index 0.
    """

    index: int = 0
    link_at: int = -1
    last_end: int = -1
    dropped: int = 0

    def shift(self, drop: int) -> None:
        self.index -= drop
        self.link_at -= drop
        self.dropped += drop


def _read_atoms(
    al: Aligned,
    atoms: list[_Atom],
    cursor: _Cursor,
    stop: int,
    *,
    bare_numeric: bool,
    origin: int,
) -> Iterator[DateHit]:
    """Read the dates that start at atoms ``cursor.index`` to ``stop``, moving the cursor on."""
    reader = _Reader(al.text, atoms, bare_numeric=bare_numeric, opens_text=not cursor.dropped)
    i, link_at = cursor.index, cursor.link_at
    while i < stop:
        if atoms[i].kind not in _OPENERS:
            if atoms[i].kind == _LINK and reader.joined(i) and cursor.last_end == atoms[i - 1].end:
                link_at = i + 1
            i += 1
            continue
        found = reader.parse(i)
        if found is None:
            i += 1
            continue
        fields, after, shadow_span = found
        original = widen(al.original, al.span_to_original(shadow_span))
        if origin:
            original = Span(original.start + origin, original.end + origin)
        cursor.last_end = shadow_span.end
        yield DateHit(
            NewsDate(*fields, original),
            shadow_span.start,
            shadow_span.end,
            linked=(i == link_at and reader.joined(i)),
        )
        i = after
    cursor.index, cursor.link_at = i, link_at


def find_dates(text: str) -> list[NewsDate]:
    """Find every date expression in a text.

    Numeric day-month pairs without a year (``15-7``) are left out here, since
    in running text they are mostly scores and ranges; :func:`parse_date`
    reads them. Both halves of a ``الموافق`` pair are returned, in order.

    Args:
        text: Any text.

    Returns:
        The dates in the order they appear, each with its ``span`` in ``text``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import find_dates
        >>> found = find_dates("الرياض 24 ربيع الأول 1437 هـ الموافق 04 يناير 2016 م واس")
        >>> [(d.year, d.month, d.day, d.calendar.value) for d in found]
        [(1437, 3, 24, 'hijri'), (2016, 1, 4, 'gregorian')]
        >>> found[1].gregorian.isoformat()
        '2016-01-04'
    """
    require_str(text)
    return [hit.date for hit in _iter_hits(shadow(text))]


_EDGE: Final = " \t\r\n\u00a0()[]{}«»\"'“”.,،؛:;/-–—"
# The longest date expression with every optional part spelled out and
# decorated ("الحادي والثلاثين من شهر ذي الحجة 1444 هـ الموافق ...") is well
# under this; a longer input is no single date and is refused before scanning.
_MAX_DATE_CHARS: Final = 300


def parse_date(text: str) -> NewsDate | None:
    """Read the date expression that makes up ``text``.

    Every month system is read (``يوليو``, ``تموز``, ``جويلية``, ``يوليوز``),
    Hijri months with ``هـ``, ordinal days (``أول``, ``الحادي والعشرين``),
    numeric forms (``15/7/2024``, ``2024-07-15``, ``24 - 1`` = 24 January)
    and Arabic-Indic digits. Surrounding spaces and punctuation are ignored.
    For a ``الموافق`` pair the first date is returned.

    Args:
        text: The date expression, such as ``"أول يوليو 2024"``.

    Returns:
        The date with only the parts the text states (a missing year stays
        ``None``) and its ``span`` in ``text``; ``None`` when the text is not
        a date or names an impossible one (31 February, month 13), and
        ``None`` for any text longer than 300 characters once the surrounding
        spaces and punctuation are stripped: no date expression is that long,
        so such input is refused without being scanned.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> from arnews import parse_date
        >>> d = parse_date("أول يوليو 2024")
        >>> d.year, d.month, d.day, d.calendar.value, d.gregorian.isoformat()
        (2024, 7, 1, 'gregorian', '2024-07-01')
        >>> parse_date("25 شوال 1436 هـ").gregorian.isoformat()
        '2015-08-10'
        >>> parse_date("31 فبراير 2024") is None
        True
    """
    require_str(text)
    if len(text.strip(_EDGE)) > _MAX_DATE_CHARS:
        return None
    al = shadow(text)
    hits = scan_dates(al, bare_numeric=True)
    if not hits:
        return None
    first = hits[0]
    if al.text[: first.start].strip(_EDGE):
        return None
    rest = al.text[first.end :].strip(_EDGE)
    if rest and not (len(hits) > 1 and hits[1].linked and not al.text[hits[1].end :].strip(_EDGE)):
        return None
    return first.date
