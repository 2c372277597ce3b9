"""find_dateline and find_credit on layouts and traps written for the test (wire-copy style)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import arnews
from arnews import Calendar, find_credit, find_dateline
from arnews._lexicon import Lexicon, LexiconMatch, LexiconView, LexiconViews

BODY = (
    "أعلن المسؤولون اليوم أن المشروع الجديد سيبدأ العمل به مطلع الشهر المقبل بعد موافقة الجهات المختصة عليه."
)
TITLE = "افتتاح مشروع جديد للطاقة الشمسية في المنطقة"

# (text, dateline text, location, agency, (year, month, day) or None)
LAYOUTS = [
    # PLACE DATE (AGENCY), no separator before the body
    (f"بكين أول مارس 2021 (شينخوا) {BODY}", "بكين أول مارس 2021 (شينخوا)", "بكين", "Xinhua", (2021, 3, 1)),
    # PLACE في DATE /AGENCY/
    (f"القاهرة في 7 مايو /أ ش أ/ {BODY}", "القاهرة في 7 مايو /أ ش أ/", "القاهرة", "MENA", (None, 5, 7)),
    (f"أبوظبي في 14 مايو / وام / {BODY}", "أبوظبي في 14 مايو / وام /", "أبوظبي", "WAM", (None, 5, 14)),
    # PLACE - D - M (AGENCY) --  (KUNA: day before month, no year)
    (f"الكويت - 3 - 2 (كونا) -- {BODY}", "الكويت - 3 - 2 (كونا) --", "الكويت", "KUNA", (None, 2, 3)),
    # PLACE HIJRI هـ الموافق GREGORIAN م AGENCY
    (
        f"تبوك 12 رجب 1440 هـ الموافق 19 مارس 2019 م واس\n{BODY}",
        "تبوك 12 رجب 1440 هـ الموافق 19 مارس 2019 م واس",
        "تبوك",
        "SPA",
        (1440, 7, 12),
    ),
    # PLACE/ DATE/ paired months /AGENCY-
    (
        f"طهران/ 9 تشرين الاول/اكتوبر/ارنا- {BODY}",
        "طهران/ 9 تشرين الاول/اكتوبر/ارنا-",
        "طهران",
        "IRNA",
        (None, 10, 9),
    ),
    # PLACE - AGENCY variants
    (f"{TITLE}\nحلب-سانا\n\n{BODY}", "حلب-سانا", "حلب", "SANA", None),
    (f"{TITLE}\nموسكو — سبوتنيك\n{BODY}", "موسكو — سبوتنيك", "موسكو", "Sputnik", None),
    (f"{TITLE}\nالمنامة - بنا: {BODY}", "المنامة - بنا:", "المنامة", "BNA", None),
    (f"{TITLE}\nمسقط ـ العمانية: {BODY}", "مسقط ـ العمانية:", "مسقط", "ONA", None),
    (f"{TITLE}\nصنعاء - سبأ : {BODY}", "صنعاء - سبأ :", "صنعاء", "Saba", None),
    (f"{TITLE}\nأنقرة/ الأناضول\n{BODY}", "أنقرة/ الأناضول", "أنقرة", "Anadolu", None),
    (f"{TITLE}\nبغداد - واع\n{BODY}", "بغداد - واع", "بغداد", "INA", None),
    (f"{TITLE}\nجنيف «ا ف ب»: {BODY}", "جنيف «ا ف ب»:", "جنيف", "AFP", None),
    (f"{TITLE}\nمدريد - (د ب أ) - {BODY}", "مدريد - (د ب أ) -", "مدريد", "dpa", None),
    (f"{TITLE}\nطوكيو (رويترز) -{BODY}", "طوكيو (رويترز) -", "طوكيو", "Reuters", None),
    # AGENCY - PLACE: (newspaper style) and the outlet crediting itself
    (f"واس - الرياض: {BODY}", "واس - الرياض:", "الرياض", "SPA", None),
    (f"سبق- تبوك: {BODY}", "سبق- تبوك:", "تبوك", "Sabq", None),
    (f"سامي العلي- سبق- الطائف: {BODY}", "سامي العلي- سبق- الطائف:", "الطائف", "Sabq", None),
    # Agency only
    (f"(رويترز) – {BODY}", "(رويترز) –", None, "Reuters", None),
    (f"(CNN)-- {BODY}", "(CNN)--", None, "CNN", None),
    (f"وكالات:\n{BODY}", "وكالات:", None, "Agencies", None),
    # CNN: a place with its country
    (f"بيروت، لبنان (CNN)-- {BODY}", "بيروت، لبنان (CNN)--", "بيروت، لبنان", "CNN", None),
    # Several agencies
    (f"{TITLE}\nعواصم - (رويترز - أ ف ب): {BODY}", "عواصم - (رويترز - أ ف ب):", "عواصم", "Reuters/AFP", None),
    # Place qualifiers and place chains
    (
        f"{TITLE}\nالقدس المحتلة - وكالات: {BODY}",
        "القدس المحتلة - وكالات:",
        "القدس المحتلة",
        "Agencies",
        None,
    ),
    (
        f"{TITLE}\nبرلين ـ باريس ـ وكالات: {BODY}",
        "برلين ـ باريس ـ وكالات:",
        "برلين ـ باريس",
        "Agencies",
        None,
    ),
    # Numeric date with a glued era and a weekday
    (
        f"{TITLE}\nدمشق سانا الخميس 4-3-2010م\n{BODY}",
        "دمشق سانا الخميس 4-3-2010م",
        "دمشق",
        "SANA",
        (2010, 3, 4),
    ),
    # No agency: PLACE: REPORTER alone on its line, REPORTER - PLACE
    (f"{TITLE}\nلندن: سامر الخطيب\n{BODY}", "لندن: سامر الخطيب", "لندن", None, None),
    (f"هالة العمري – الدمام\n{BODY}", "هالة العمري – الدمام", "الدمام", None, None),
    (f"{TITLE}\nعمان- {BODY}", "عمان-", "عمان", None, None),
    # NBSP inside, a bullet before
    (f"{TITLE}\n\u00a0القاهرة\u00a0- رويترز: {BODY}", "القاهرة\u00a0- رويترز:", "القاهرة", "Reuters", None),
    (f"{TITLE}\n*جدة - واس\n{BODY}", "جدة - واس", "جدة", "SPA", None),
    # A letter lost to a bad conversion stays part of the place as written
    (f"\ufffdغداد - واع\n{BODY}", "\ufffdغداد - واع", "\ufffdغداد", "INA", None),
]


@pytest.mark.parametrize(("text", "expected", "location", "agency", "date"), LAYOUTS)
def test_layouts(
    text: str,
    expected: str,
    location: str | None,
    agency: str | None,
    date: tuple[int | None, int, int] | None,
) -> None:
    found = find_dateline(text)
    assert found is not None, text
    assert found.text == expected
    assert found.span.slice(text) == found.text
    assert found.location == location
    if location is not None:
        assert found.location_span is not None
        assert found.location_span.slice(text) == location
    assert (found.agency.name if found.agency else None) == agency
    if found.agency is not None:
        assert found.agency.span is not None
        assert found.agency.span.slice(text) == found.agency.surface
    got = (found.date.year, found.date.month, found.date.day) if found.date else None
    assert got == date


def test_the_hijri_dateline_keeps_both_calendars() -> None:
    text = f"تبوك 12 رجب 1440 هـ الموافق 19 مارس 2019 م واس\n{BODY}"
    found = find_dateline(text)
    assert found is not None
    assert found.date is not None
    assert found.alt_date is not None
    assert found.date.calendar is Calendar.HIJRI
    assert found.alt_date.calendar is Calendar.GREGORIAN
    assert found.date.gregorian == found.alt_date.gregorian == datetime.date(2019, 3, 19)


TRAPS = [
    # Headlines that open with a place and a colon
    f"لندن: الحكومة تدرس خطة جديدة للنقل\n{BODY}",
    f"بيروت: أزمة الكهرباء تتفاقم\nعنوان فرعي آخر\n{BODY}",
    # A photo caption that ends with a credit
    f"{TITLE}\nجانب من الحفل الذي أقيم أمس في قاعة المؤتمرات الكبرى (رويترز)\n{BODY}",
    # Bylines and labels
    f"كتب: سامر الخطيب\n{BODY}",
    f"كتبت – هالة العمري\n{BODY}",
    f"متابعة: أحمد سالم\n{BODY}",
    f"بقلم: د. سامي العلي\n{BODY}",
    f"سامر الخطيب – متابعات\n{BODY}",
    # Publication timestamps and mastheads
    f"الخميس 26 مارس 2020\n{TITLE}\n{BODY}",
    f"تاريخ النشر: الأحد 3 مايو 2020\n{BODY}",
    f"صحيفة الأمل - العدد 120 الاثنين 9 يوليو 2012\n{BODY}",
    # Stock index names, weekdays in brackets, outlet names that are words
    f"ارتفع مؤشر (كويت 15) بنسبة طفيفة اليوم (الثلاثاء) في ختام التداولات وسط ترقب المستثمرين.\n{BODY}",
    f"اليوم تبدأ الاختبارات في جميع المدارس الحكومية والخاصة حسب الجدول المعلن سابقا.\n{BODY}",
    f"وقال معا إن الفريق سيواصل العمل بروح واحدة حتى تحقيق الهدف المنشود في الموسم.\n{BODY}",
    # Credits inside body sentences
    f"ونقلت رويترز، عن مصادر مطلعة أن الاجتماع تأجل إلى الأسبوع المقبل لأسباب فنية.\n{BODY}",
    f"ومع بداية العام الجديد أطلقت الوزارة حملة توعية واسعة في عدد من المدن الكبرى.\n{BODY}",
    f'أفاد مراسل "سكاي نيوز عربية" بأن الوفد وصل إلى العاصمة مساء أمس.\n{BODY}',
    # A date in the lead of the body
    f"تمكنت يوم 13 مارس 2017 الوحدات الأمنية من ضبط شحنة كبيرة قرب الحدود الجنوبية للبلاد.\n{BODY}",
    # A continuation fragment
    f"وأوضح أن العمل سيستمر حتى نهاية العام. {BODY}",
    # An end-of-article credit line is a credit, not a dateline
    f"{BODY}\nفرانس24/ أ ف ب",
    # Nothing at all
    "",
    "   \n\n  ",
    BODY,
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_stay_negative(text: str) -> None:
    assert find_dateline(text) is None


CREDITS = [
    (f"{BODY}\nفرانس24/ أ ف ب", "فرانس24/ أ ف ب", "AFP"),
    (f"{BODY}\nفرانس 24 / أ ف ب / رويترز", "فرانس 24 / أ ف ب / رويترز", "AFP/Reuters"),
    (f"{BODY}\nفرانس 24/ رويترز\n\u00a0", "فرانس 24/ رويترز", "Reuters"),
    (f"{BODY}\nالمصدر: تاس", "المصدر: تاس", "TASS"),
    (
        f"{BODY}\n*نقلا عن الأهرام المصرية\n** جميع المقالات تعبر عن رأي كتابها.",
        "*نقلا عن الأهرام المصرية",
        "Al-Ahram",
    ),
    (f'{BODY} "الفرنسية"', '"الفرنسية"', "AFP"),
]


@pytest.mark.parametrize(("text", "expected", "agency"), CREDITS)
def test_credit_lines(text: str, expected: str, agency: str) -> None:
    found = find_credit(text)
    assert found is not None
    assert found.text == expected
    assert found.span.slice(text) == expected
    assert found.agency is not None
    assert found.agency.name == agency


@pytest.mark.parametrize(
    "text",
    [BODY, f"{BODY}\nوقال مصدر لرويترز إن المحادثات ستستمر.", "", f"بكين (شينخوا) {BODY}"],
)
def test_no_credit_line(text: str) -> None:
    assert find_credit(text) is None


def test_every_agency_form_is_read_in_a_dateline() -> None:
    from arnews._data import load_table

    for name, entry in load_table("agencies")["agencies"].items():
        for form in entry.get("forms", []) + entry.get("word_forms", []):
            text = f"{TITLE}\nالرباط - {form} - {BODY}"
            found = find_dateline(text)
            assert found is not None, form
            assert found.agency is not None, form
            assert found.agency.name == name, form


@pytest.mark.parametrize("function", [find_dateline, find_credit])
@pytest.mark.parametrize("value", [None, 3.5, b"abc"])
def test_non_str_raises_type_error(function: object, value: object) -> None:
    with pytest.raises(TypeError):
        function(value)  # type: ignore[operator]


def test_public_names_and_pipeline() -> None:
    text = f"{TITLE}\nالدوحة - قنا: {BODY}\nفرانس24/ أ ف ب"
    article = arnews.parse(text)
    assert article.dateline == find_dateline(text)
    assert article.credit == find_credit(text)


def test_work_is_bounded_by_the_head_and_tail() -> None:
    # The dateline is read in the first lines only: a huge body costs nothing more.
    text = f"الرياض - واس: {BODY}\n" + ("كلام " * 200_000)
    found = find_dateline(text)
    assert found is not None
    assert found.location == "الرياض"


_PIECES = [
    *"()«»/-–—ـ:،, \n\u00a0\u200fأبتجدرسعقلمنهوي0123",
    "رويترز",
    "واس",
    "يوليو",
    "لندن",
    "أ ف ب",
    "1436 هـ",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_never_raises_and_spans_slice(text: str) -> None:
    found = find_dateline(text)
    if found is not None:
        assert found.span.slice(text) == found.text
        if found.location_span is not None:
            assert found.location_span.slice(text) == found.location
    credit = find_credit(text)
    if credit is not None:
        assert credit.span.slice(text) == credit.text


def test_the_line_shortcuts_rest_on_a_per_character_profile() -> None:
    # The dateline reader takes a window's offsets as they are when no
    # character in it changes length, skips widen there, and shadows several
    # stretches in one call; all three need the matching profile to map each
    # character on its own and to drop every character widen takes in.
    from arnews._dateline import _matching
    from arnews._normalize import in_step, normalize, normalize_aligned

    widened = ["\u0640", *map(chr, range(0x064B, 0x0660)), "\u0670"]
    assert not any(in_step(normalize_aligned(char, _matching())) for char in widened)
    assert in_step(normalize_aligned("القاهرة - CNN «واس» 12", _matching()))
    parts = ["الـقـاهـرة", "ﻻ بأس", "إلى ٣ يوليو\u200f", "CNN «واس»", ""]
    joined = normalize("\n".join(parts), _matching())
    assert joined.split("\n") == [normalize(part, _matching()) for part in parts]


def test_a_dateline_with_tatweel_keeps_its_original_offsets() -> None:
    text = f"{TITLE}\nالـقـاهـرة - رويترز: {BODY}"
    found = find_dateline(text)
    assert found is not None
    assert (found.text, found.location) == ("الـقـاهـرة - رويترز:", "الـقـاهـرة")
    assert found.agency is not None
    assert found.agency.name == "Reuters"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [("\nرويترز\n \u200f\n", "رويترز"), ("\n\u200f  (رويترز) \n\n", "(رويترز)")],
)
def test_a_credit_line_before_blank_and_invisible_lines(tail: str, expected: str) -> None:
    found = find_credit(BODY + tail)
    assert found is not None
    assert found.text == expected


def test_a_section_label_between_agency_and_date_stays_in_the_dateline() -> None:
    text = f"دمشق سانا منوعات الخميس 4-3-2010م {BODY}"
    found = find_dateline(text)
    assert found is not None
    assert found.text == "دمشق سانا منوعات الخميس 4-3-2010م"
    assert (found.location, found.agency.name if found.agency else None) == ("دمشق", "SANA")
    assert found.date is not None
    assert found.date.gregorian == datetime.date(2010, 3, 4)


_WALK_PIECES = [
    "قال",
    "الوزير",
    "ab",
    "_x",
    "ـ",
    "ـب",
    "بـ",
    " ",
    " ",
    " ",
    "  ",
    "-",
    ":",
    "(",
    ")",
    "«",
    "»",
    "12",
]


@given(st.lists(st.sampled_from(_WALK_PIECES), min_size=1, max_size=16).map("".join))
def test_the_plain_reach_is_where_the_tokens_of_a_markless_line_end(text: str) -> None:
    # _plain_reach (a line with no mark is no dateline) must walk as _tokens does.
    from arnews._dateline import _plain_reach, _tables, _tokens

    tables = _tables()
    start = len(text) - len(text.lstrip(" "))
    tokens = _tokens(text, start, len(text), {}, tables)
    expected = (tokens[-1].end, tokens[-1].kind == "sep") if tokens else (start, False)
    assert _plain_reach(text, start, len(text), tables) == expected


@pytest.mark.parametrize("text", ["ab _x ab ab ab ab ab", "ab ab ab ab _x ab ab", "ab ab ab ab ـx ab ab"])
def test_an_underscore_opening_a_word_is_a_separator_in_the_plain_reach(text: str) -> None:
    from arnews._dateline import _plain_reach, _tables, _tokens

    tables = _tables()
    tokens = _tokens(text, 0, len(text), {}, tables)
    assert _plain_reach(text, 0, len(text), tables) == (tokens[-1].end, tokens[-1].kind == "sep")


# ---------------------------------------------------------------------------
# Case-insensitive lexicon keys written with letters casefold() does not map
# one to one: the engine matches ``İ`` and ``ı`` with ``i``; casefold() makes
# ``İ`` two characters and keeps ``ı``.


@pytest.mark.parametrize("surface", ["IRNA", "İRNA", "ırna", "İrna"])
def test_an_agency_written_with_a_dotted_or_dotless_i_is_read(surface: str) -> None:
    text = f"طهران 3 مايو ({surface}) - قال المتحدث باسم الخارجية إن المحادثات مستمرة."
    dateline = find_dateline(text)
    assert dateline is not None
    assert dateline.agency is not None
    assert dateline.agency.name == "IRNA"
    assert dateline.agency.surface == surface
    credit = find_credit(f"قال المتحدث إن المحادثات مستمرة.\nنقلا عن {surface}")
    assert credit is not None
    assert credit.agency is not None
    assert credit.agency.name == "IRNA"


@given(st.text(alphabet=st.sampled_from(list("irnaİıIſKkßsafp ()-")), max_size=40))
@example("İs (ırna) KSA ſ")
def test_a_case_insensitive_lexicon_never_fails_to_name_what_it_matched(text: str) -> None:
    lexicon = Lexicon([("IRNA", "irna"), ("AFP", "afp"), ("KSA", "ksa"), ("is", "is")], ignore_case=True)
    values = [value for _, _, value in lexicon.find_values(text)]
    assert values == [match.value for match in lexicon.finditer(text)]
    assert all(value in {"irna", "afp", "ksa", "is"} for value in values)


# ---------------------------------------------------------------------------
# Lexicon views: the dateline tables share the probe's compiled pattern and
# must find exactly what lexicons of their own would.

_VIEW_ENTRIES: dict[str, tuple[list[tuple[str, str]], bool]] = {
    # name: (entries, ignore_case)
    "places": ([("القاهرة", "cairo"), ("الجديدة", "new"), ("عمان", "amman"), ("ا", "alef")], False),
    "agencies": ([("أ ف ب", "afp"), ("أ.ف.ب", "afp"), ("CNN", "cnn"), ("IRNA", "irna"), ("is", "is")], True),
    "nested": ([("القاهرة", "cairo"), ("سلطنة عمان", "oman"), ("ب", "ba"), ("ف", "fa")], False),
}
# Keys of the lexicon only: longer keys that hold the views' keys as whole-word beginnings.
_LEXICON_ONLY = ["القاهرة الجديدة", "CNN عربي", "سلطنة", "أ ف", "عمان اليوم"]
_VIEW_PIECES = [
    "القاهرة",
    "الجديدة",
    "عمان",
    "اليوم",
    "سلطنة",
    "أ",
    "ا",
    "ف",
    "ب",
    "عربي",
    "CNN",
    "cnn",
    "İRNA",
    "ırna",
    "is",
    "İs",
    ".",
    " ",
    "  ",
    "-",
    "(",
    ")",
    "و",
    "12",
]


def _view_lexicons() -> tuple[Lexicon[bool], dict[str, tuple[LexiconView[str], Lexicon[str]]]]:
    surfaces = [surface for entries, _ in _VIEW_ENTRIES.values() for surface, _ in entries] + _LEXICON_ONLY
    lexicon = Lexicon([(surface, True) for surface in surfaces], ignore_case=True)
    pairs = {
        name: (lexicon.view(entries, ignore_case=ignore_case), Lexicon(entries, ignore_case=ignore_case))
        for name, (entries, ignore_case) in _VIEW_ENTRIES.items()
    }
    return lexicon, pairs


_VIEW_LEXICON, _VIEWS = _view_lexicons()


def _found(match: LexiconMatch[str] | None) -> tuple[int, int, str, str] | None:
    return (match.start, match.end, match.key, match.value) if match is not None else None


@given(
    st.lists(st.sampled_from(_VIEW_PIECES), max_size=14).map("".join),
    st.integers(min_value=0, max_value=6),
)
@example("القاهرة الجديدة - أ ف ب", 0)
@example("سلطنة عمان اليوم (İRNA)", 0)
@example("CNN عربي - أ.ف.ب", 0)
def test_a_lexicon_view_finds_what_a_lexicon_of_its_own_would(text: str, pos: int) -> None:
    shadow_text = arnews._lexicon.fold(text)
    pos = min(pos, len(shadow_text))
    for view, own in _VIEWS.values():
        assert view._own is None  # the view is served by the shared pattern
        assert list(view.find_values(shadow_text, pos)) == list(own.find_values(shadow_text, pos))
        assert list(map(_found, view.finditer(shadow_text, pos))) == list(
            map(_found, own.finditer(shadow_text, pos))
        )
        for at in range(len(shadow_text) + 1):
            assert _found(view.match(shadow_text, at)) == _found(own.match(shadow_text, at))
    views = [view for view, _ in _VIEWS.values()]
    together = LexiconViews(*views)
    assert together.find(shadow_text, pos) == [list(view.find_values(shadow_text, pos)) for view in views]
    for limit in (0, 5, len(shadow_text)):
        found = together.find(shadow_text, pos, before=limit)
        assert found == [[hit for hit in hits if hit[0] < limit] for hits in together.find(shadow_text, pos)]
    assert together.opens(shadow_text, pos) == any(view.match(shadow_text, pos) for view in views)


def test_a_view_of_keys_its_lexicon_lacks_compiles_its_own() -> None:
    lexicon = Lexicon([("القاهرة", True)])
    view = lexicon.view([("القاهرة", 1), ("بغداد", 2)])
    assert view._own is not None
    assert list(view.find_values(arnews._lexicon.fold("من بغداد إلى القاهرة"))) == [(3, 8, 2), (13, 20, 1)]
    # A case-insensitive view of a lexicon that minds case cannot use its pattern either.
    assert lexicon.view([("القاهرة", 1)], ignore_case=True)._own is not None


def test_views_of_two_lexicons_are_not_searched_together() -> None:
    first = Lexicon([("القاهرة", True)]).view([("القاهرة", 1)])
    second = Lexicon([("بغداد", True)]).view([("بغداد", 2)])
    with pytest.raises(ValueError, match="one lexicon"):
        LexiconViews(first, second)


def test_every_dateline_table_is_served_by_the_probe() -> None:
    # A table the probe cannot stand for compiles a pattern of its own: still
    # right, but every new process pays for compiling it again.
    from arnews._dateline import _tables

    tables = _tables()
    views = [
        tables.sources,
        tables.credit_sources,
        tables.places,
        tables.words,
        tables.openers,
        tables.date_probe,
    ]
    assert all(view._own is None for view in views)
