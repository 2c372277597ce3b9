"""parse_date and find_dates: a table of date expressions, every month system, Hijri, digits, invalid dates.

Every input here is written for the test (wire-copy style), not taken from
a real article.
"""

from __future__ import annotations

import datetime
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import arnews
from arnews import Calendar, find_dates, parse_date
from arnews._data import load_table
from arnews._dates import _NUMBER_OR_SEP

G = Calendar.GREGORIAN
H = Calendar.HIJRI

# (text, year, month, day, calendar, gregorian ISO date or None)
VALID: list[tuple[str, int | None, int, int | None, Calendar, str | None]] = [
    # Egyptian/Gulf months, with their spellings
    ("أول يوليو 2024", 2024, 7, 1, G, "2024-07-01"),
    ("اول سبتمبر 2008", 2008, 9, 1, G, "2008-09-01"),
    ("15 يونيه 2019", 2019, 6, 15, G, "2019-06-15"),
    ("3 يوليه 2020", 2020, 7, 3, G, "2020-07-03"),
    ("9 ابريل 2015", 2015, 4, 9, G, "2015-04-09"),
    ("9 إبريل 2015", 2015, 4, 9, G, "2015-04-09"),
    ("04 يناير 2016", 2016, 1, 4, G, "2016-01-04"),
    ("20 ديسمبر", None, 12, 20, G, None),
    # Levantine / Iraqi months, Persian-yeh spelling, the numbered form
    ("5 كانون الثاني 2021", 2021, 1, 5, G, "2021-01-05"),
    ("5 كانون 2 2021", 2021, 1, 5, G, "2021-01-05"),
    ("2 تشرین الاول 2009", 2009, 10, 2, G, "2009-10-02"),
    ("18 شباط 2022", 2022, 2, 18, G, "2022-02-18"),
    ("7 آذار", None, 3, 7, G, None),
    ("27 نيسان 2011", 2011, 4, 27, G, "2011-04-27"),
    ("14 تموز 2018", 2018, 7, 14, G, "2018-07-14"),
    ("30 آب 2014", 2014, 8, 30, G, "2014-08-30"),
    ("25 كانون الأول 2019", 2019, 12, 25, G, "2019-12-25"),
    # Algerian / Tunisian months
    ("14 جانفي 2017", 2017, 1, 14, G, "2017-01-14"),
    ("19 فيفري 2017", 2017, 2, 19, G, "2017-02-19"),
    ("8 جويلية 2012", 2012, 7, 8, G, "2012-07-08"),
    ("09 أوت 2016", 2016, 8, 9, G, "2016-08-09"),
    ("1 جوان 2013", 2013, 6, 1, G, "2013-06-01"),
    ("3 أفريل 2010", 2010, 4, 3, G, "2010-04-03"),
    # Moroccan months
    ("28 يوليوز 2012", 2012, 7, 28, G, "2012-07-28"),
    ("3 غشت 2019", 2019, 8, 3, G, "2019-08-03"),
    ("12 شتنبر 2018", 2018, 9, 12, G, "2018-09-12"),
    ("6 نونبر 2021", 2021, 11, 6, G, "2021-11-06"),
    ("31 دجنبر 2020", 2020, 12, 31, G, "2020-12-31"),
    # Paired months (two systems for one month)
    ("2 تشرين الاول/اكتوبر", None, 10, 2, G, None),
    ("15 نيسان / ابريل 2016", 2016, 4, 15, G, "2016-04-15"),
    ("11 أغسطس/ آب 2014", 2014, 8, 11, G, "2014-08-11"),
    ("3 أبريل نيسان 2017", 2017, 4, 3, G, "2017-04-03"),
    ("24 يونيو/حزيران", None, 6, 24, G, None),
    # Hijri months, era markers and conversion (Umm al-Qura)
    ("25 شوال 1436 هـ", 1436, 10, 25, H, "2015-08-10"),
    ("24 ربيع الأول 1437 هـ", 1437, 3, 24, H, "2016-01-04"),
    ("24 جمادى الآخرة 1436 هـ", 1436, 6, 24, H, "2015-04-13"),
    ("8 محرم 1438 ه", 1438, 1, 8, H, "2016-10-09"),
    ("1 رمضان 1445هـ", 1445, 9, 1, H, "2024-03-11"),
    ("10 ذي الحجة 1444 هــ", 1444, 12, 10, H, "2023-06-28"),
    ("10 ذو القعدة 1440 هجرية", 1440, 11, 10, H, "2019-07-13"),
    ("5 ربيع الآخر 1446", 1446, 4, 5, H, "2024-10-08"),
    ("الثامن من ذي الحجة", None, 12, 8, H, None),
    ("شهر رمضان 1436", 1436, 9, None, H, None),
    # Ordinal day words
    ("الأول من يوليو 2024", 2024, 7, 1, G, "2024-07-01"),
    ("الحادي والعشرين من فبراير 2019", 2019, 2, 21, G, "2019-02-21"),
    ("العاشر من شهر ربيع الآخر", None, 4, 10, H, None),
    ("الثلاثين من مارس/آذار", None, 3, 30, G, None),
    ("الحادي والثلاثين من ديسمبر 2023", 2023, 12, 31, G, "2023-12-31"),
    ("غرة شوال 1445 هـ", 1445, 10, 1, H, "2024-04-10"),
    # Numeric forms
    ("15-7", None, 7, 15, G, None),
    ("15/7/2024", 2024, 7, 15, G, "2024-07-15"),
    ("2024-07-15", 2024, 7, 15, G, "2024-07-15"),
    ("2021/7/31", 2021, 7, 31, G, "2021-07-31"),
    ("24 - 1", None, 1, 24, G, None),
    ("12-2-2009م", 2009, 2, 12, G, "2009-02-12"),
    ("14.01.2025", 2025, 1, 14, G, "2025-01-14"),
    ("26 / 04 / 1446هـ", 1446, 4, 26, H, "2024-10-29"),
    # Arabic-Indic and Persian digits
    ("١٨ أبريل ٢٠٢٤م", 2024, 4, 18, G, "2024-04-18"),
    ("٩ /١١ /١٤٤١هـ", 1441, 11, 9, H, "2020-06-30"),
    # Weekdays, year and era markers, commas
    ("الخميس 12-2-2009م", 2009, 2, 12, G, "2009-02-12"),
    ("الأحد، 24 يونيو 2018", 2018, 6, 24, G, "2018-06-24"),
    ("الثلثاء 3 مايو 2011", 2011, 5, 3, G, "2011-05-03"),
    ("الأربعاء, 06 يونيو, 2012", 2012, 6, 6, G, "2012-06-06"),
    ("الأحد, 29-إبريل-2012", 2012, 4, 29, G, "2012-04-29"),
    ("16/يناير/2016", 2016, 1, 16, G, "2016-01-16"),
    ("10 أغسطس 2015 م", 2015, 8, 10, G, "2015-08-10"),
    ("10 أغسطس 2015 ميلادية", 2015, 8, 10, G, "2015-08-10"),
    ("19 من شهر يونيو 2023", 2023, 6, 19, G, "2023-06-19"),
    ("يوليو 2024", 2024, 7, None, G, None),
    ("29 فبراير 2024", 2024, 2, 29, G, "2024-02-29"),
    ("29 فبراير", None, 2, 29, G, None),
    ("30 رمضان 1436", 1436, 9, 30, H, None),  # Umm al-Qura gives Ramadan 1436 29 days: kept, unconverted
    ("  (9 يوليو) ", None, 7, 9, G, None),
    ("أولَ يوليـو ٢٠٢٤", 2024, 7, 1, G, "2024-07-01"),
]

INVALID: list[tuple[str, int | None, int, int | None, Calendar, str | None]] = [
    "31 فبراير 2024",
    "29 فبراير 2023",
    "31 أبريل",
    "32 يوليو 2024",
    "0 يوليو 2024",
    "13/13/2020",
    "05-30-2012",  # month-day order is not ours; never guessed
    "31 رمضان 1445 هـ",
    "15 يوليو 1436 هـ",  # a Gregorian month with a Hijri era
    "25 شوال 1436 م",
    "2024",
    "1446هـ",
    "يوليو",
    "اليوم",
    "",
    "   ",
    "قال الوزير إن الاجتماع مهم",
    "3.5",
    "1-2-3-4",
    "9 يوليو وقال",
    "۱۵ مرداد",
]


@pytest.mark.parametrize("row", VALID, ids=lambda row: row[0])
def test_parse_date_reads_the_table(
    row: tuple[str, int | None, int, int | None, Calendar, str | None],
) -> None:
    text, year, month, day, calendar, iso = row
    found = parse_date(text)
    assert found is not None, text
    assert (found.year, found.month, found.day, found.calendar) == (year, month, day, calendar)
    assert found.gregorian == (datetime.date.fromisoformat(iso) if iso else None)
    assert found.span is not None
    assert found.span.slice(text).strip() == found.span.slice(text)
    assert found.span.slice(text)


@pytest.mark.parametrize("text", INVALID)
def test_parse_date_rejects_what_is_not_a_possible_date(text: str) -> None:
    assert parse_date(text) is None


def test_every_month_of_every_system_parses() -> None:
    table = load_table("dates")
    for system, calendar in (("gregorian", G), ("hijri", H)):
        for name, months in table[system].items():
            for number, spellings in months.items():
                if not number.isdigit():
                    continue
                for spelling in spellings:
                    found = parse_date(f"12 {spelling} 1440")
                    assert found is not None, (name, spelling)
                    assert (found.month, found.calendar) == (int(number), calendar), (name, spelling)


def test_every_ordinal_day_word_parses() -> None:
    for number, spellings in load_table("dates")["ordinal_days"].items():
        for spelling in spellings:
            found = parse_date(f"{spelling} من يناير 2020")
            assert found is not None, spelling
            assert found.day == int(number), spelling


def test_parse_date_takes_the_first_of_a_corresponding_pair() -> None:
    found = parse_date("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م")
    assert found is not None
    assert (found.year, found.month, found.day, found.calendar) == (1436, 10, 25, H)


def test_find_dates_returns_both_halves_of_a_corresponding_pair() -> None:
    text = "بريدة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس"
    first, second = find_dates(text)
    assert first.calendar is H
    assert second.calendar is G
    assert first.gregorian == second.gregorian == datetime.date(2015, 8, 10)
    assert first.span is not None
    assert second.span is not None
    assert first.span.slice(text) == "25 شوال 1436 هـ"
    assert second.span.slice(text) == "10 أغسطس 2015 م"


def test_find_dates_spans_slice_the_original_text() -> None:
    text = "أعلن المجلس يوم الأحد ٢٤ يونيو ٢٠١٨ أن الموعد النهائي هو الحادي والعشرين من شهر رمضان."
    found = find_dates(text)
    assert [(d.year, d.month, d.day) for d in found] == [(2018, 6, 24), (None, 9, 21)]
    assert [d.span.slice(text) for d in found if d.span] == [
        "الأحد ٢٤ يونيو ٢٠١٨",
        "الحادي والعشرين من شهر رمضان",
    ]


def test_find_dates_leaves_scores_and_ranges_alone() -> None:
    text = "فاز الفريق 3-1 وسجل بين 20 - 45 دقيقة، ونسبة النمو 1.2 بالمائة و3ر2 نقطة."
    assert find_dates(text) == []


def test_find_dates_does_not_read_a_year_as_a_date() -> None:
    assert find_dates("قبل عام 2015 وبعده في 1446هـ") == []


def test_missing_year_is_never_filled_in() -> None:
    found = parse_date("أول يوليو")
    assert found is not None
    assert found.year is None
    assert found.gregorian is None


def test_hijri_outside_the_umm_al_qura_table_keeps_its_fields() -> None:
    found = parse_date("12 رجب 1200 هـ")
    assert found is not None
    assert (found.year, found.month, found.day, found.calendar, found.gregorian) == (1200, 7, 12, H, None)


@pytest.mark.parametrize("function", [parse_date, find_dates])
@pytest.mark.parametrize("value", [None, 5, b"1 \xd9\x8a"])
def test_non_str_raises_type_error(function: object, value: object) -> None:
    with pytest.raises(TypeError):
        function(value)  # type: ignore[operator]


def test_public_names() -> None:
    assert arnews.parse_date is parse_date
    assert arnews.find_dates is find_dates


@given(st.text(alphabet=st.sampled_from("0123456789٠١٢٣ -/.،,يوليوشمرمضانه الموافقأول\n"), max_size=60))
def test_find_dates_never_raises_and_spans_are_exact(text: str) -> None:
    for found in find_dates(text):
        assert found.span is not None
        assert 0 <= found.span.start < found.span.end <= len(text)
    parse_date(text)


@given(
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(1900, 2100),
)
def test_numeric_and_named_forms_agree(day: int, month: int, year: int) -> None:
    names = load_table("dates")["gregorian"]["egyptian_gulf"]
    named = parse_date(f"{day} {names[str(month)][0]} {year}")
    numeric = parse_date(f"{day}/{month}/{year}")
    assert named is not None
    assert numeric is not None
    assert named.gregorian == numeric.gregorian == datetime.date(year, month, day)


def test_scanning_is_linear_on_adversarial_input() -> None:
    # Thousands of near-dates must not make the scanner backtrack.
    text = "12 - " * 20_000 + "يوليو " * 20_000
    assert isinstance(find_dates(text), list)


def test_a_very_long_number_is_no_date_and_no_error() -> None:
    assert find_dates("9" * 20_000 + " يوليو") == []
    assert parse_date("١" * 6_000) is None


@pytest.mark.parametrize("unit", [".", "،", ". ", "12.5.", "1-2/3.", "، ، -"])
def test_punctuation_runs_and_number_chains_cost_a_few_atoms(unit: str) -> None:
    # Issue 9: one atom per separator made "....." cost ~270x its size in memory.
    # A run of separators and a chain of 5+ glued numbers are one or a few atoms.
    from arnews._dates import _atoms

    text = unit * 20_000
    assert len(_atoms(text)) <= 10
    assert find_dates(text) == []
    assert find_dates(text + " 15 يوليو 2024")[0].day == 15


def test_chain_ends_still_take_part_in_dates() -> None:
    # The first number of a chain can be a year, the last a day before a month name.
    assert [d.year for d in find_dates("يوليو 2024.1.2.3.4.5")] == [2024]
    assert [(d.day, d.month) for d in find_dates("1.2.3.4.5.6 يوليو")] == [(6, 7)]
    assert find_dates("12/7/2024.1.2.3") == []


def test_parse_date_refuses_long_input_without_scanning() -> None:
    assert parse_date("12.5." * 200_000) is None
    assert parse_date("15" + " " * 1_000 + "يوليو 2024") is None
    # Surrounding punctuation does not count towards the limit.
    assert parse_date("." * 100_000 + " (15 يوليو 2024) ") is not None


@pytest.mark.parametrize("unit", ["د. ", "http://a.", '(«".،!؟»)“…'])
def test_separators_joined_to_nothing_are_not_kept(unit: str) -> None:
    # Issue 9: "د. " repeated kept one atom per period (~47x the input's memory).
    from arnews._dates import _atoms

    text = unit * 20_000
    assert len(_atoms(text, drop_isolated=True)) <= 1
    assert len(_atoms(text)) >= 20_000  # scan_stable still sees every one
    assert find_dates(text + "\n15 يوليو 2024")[0].day == 15
    # A separator joined to a number on one side is kept and still read.
    assert [d.day for d in find_dates(unit + "15/7/2024")] == [15]


WINDOW_TEXTS = [
    # Every atom joined to the next: the window must be let go of mid-chain.
    "3 رمضان 1446 هـ الموافق 3 مارس 2025 الموافق " * 40 + "12/7/2024 الموافق 7 محرم",
    "يوليو 2024 في الرياض (واس) يوليو 2025، ثم 15/7/2024 و1.2.3.4.5.6 مارس",
    "الأحد، 12 يوليو 2020 الموافق 21 ذو القعدة 1441 هـ. ثم 3-4 و 2024-07-15م.",
    "د. 5 / 6 / 2019 ... ، ، 7 آذار\nشهر رمضان 1436 - الثامن من ذي الحجة",
]


@pytest.mark.parametrize("text", WINDOW_TEXTS)
def test_reading_in_windows_finds_the_same_dates(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Long inputs are read in windows of atoms cut where no date can cross;
    # the smallest window must find exactly what one window does, including
    # that a month name opens a date unjoined only as the text's first atom.
    whole = find_dates(text)
    assert whole
    monkeypatch.setattr("arnews._dates._WINDOW", 1)
    assert find_dates(text) == whole


# The number-and-separator scanner opens with one class of first characters
# (fast to skip to); it must cut text exactly as the plain alternation of its
# four shapes does.
_PLAIN_NUMBER_OR_SEP = re.compile(
    r"(?P<chain>\d++(?:[-/.]\d++){4,}+)(?P<chain_era>[هم](?!\w))?"
    r"|(?P<num>\d++)(?P<era>[هم](?!\w))?"
    r"|(?P<run>[-/.,،](?:[^\S\n]*+[-/.,،])++)"
    r"|(?P<sep>[-/.,،])"
)


@given(st.text(alphabet=st.sampled_from(list("0123456789٣-/.,، \nهمa")), max_size=40))
def test_number_and_separator_scanner_cuts_as_the_plain_alternation(text: str) -> None:
    def cuts(pattern: re.Pattern[str]) -> list[tuple[int, int, str | None, str | None, str | None]]:
        return [
            (m.start(), m.end(), m.lastgroup, m.group("era"), m.group("chain_era"))
            for m in pattern.finditer(text)
        ]

    assert cuts(_NUMBER_OR_SEP) == cuts(_PLAIN_NUMBER_OR_SEP)
