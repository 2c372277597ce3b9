"""Hard cases for sentence, paragraph and token boundaries.

Every input here is an original sentence written for these tests in the
style of wire copy; no outlet's text is stored in the repository.
"""

from __future__ import annotations

import re

import pytest

from arnews import TokenKind, _segment, paragraphs, sentences, tokens


@pytest.fixture(params=["token pattern", "class scan"], autouse=True)
def token_scan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every case twice: short texts go to the token pattern, and here also through the class scan."""
    if request.param == "class scan":
        monkeypatch.setattr(_segment, "_CLASS_SCAN_MIN", 0)
        monkeypatch.setattr(_segment, "_MOST_HARD", 0)
        monkeypatch.setattr(_segment, "_PATTERN_SHARE", 0)
        monkeypatch.setattr(_segment, "_WINDOW", 61)  # cut often, with and without a space to cut at


# (case name, text, the sentences it must split into)
SENTENCE_CASES = [
    (
        "arabic_title_abbreviations",
        "استقبل د. خالد العمري وم. سامر يوسف وأ. منى حداد الوفد. ثم عقدوا اجتماعا.",
        ["استقبل د. خالد العمري وم. سامر يوسف وأ. منى حداد الوفد.", "ثم عقدوا اجتماعا."],
    ),
    (
        "era_abbreviation_qm",
        "بني المعبد نحو عام 500 ق.م. على ضفة النهر وفق المؤرخين. وما زال قائما.",
        ["بني المعبد نحو عام 500 ق.م. على ضفة النهر وفق المؤرخين.", "وما زال قائما."],
    ),
    (
        "latin_initials",
        "وقال مسؤول في وزارة الخارجية U.S. إن المحادثات مستمرة. وأضاف أنها بناءة.",
        ["وقال مسؤول في وزارة الخارجية U.S. إن المحادثات مستمرة.", "وأضاف أنها بناءة."],
    ),
    (
        "personal_initials",
        "وكتب المؤرخ س. هـ. ليدر عن المدينة. ونشر كتابه لاحقا.",
        ["وكتب المؤرخ س. هـ. ليدر عن المدينة.", "ونشر كتابه لاحقا."],
    ),
    (
        "latin_title",
        "والتقى الوزير Dr. Smith في لندن. ثم عاد إلى بلاده.",
        ["والتقى الوزير Dr. Smith في لندن.", "ثم عاد إلى بلاده."],
    ),
    (
        "era_after_year_ends",
        "وافتتح المسجد عام 1436 هـ. وتوسع لاحقا. وبلغ عدد الزوار 2014 م. وزاد بعدها.",
        ["وافتتح المسجد عام 1436 هـ.", "وتوسع لاحقا.", "وبلغ عدد الزوار 2014 م.", "وزاد بعدها."],
    ),
    (
        "decimals_and_thousands",
        "ارتفع المؤشر 3.5 بالمئة إلى 1,000 نقطة و٣٫٥ مليار. وتراجع الدولار.",
        ["ارتفع المؤشر 3.5 بالمئة إلى 1,000 نقطة و٣٫٥ مليار.", "وتراجع الدولار."],
    ),
    (
        "dates_and_times",
        "عقد الاجتماع في 12.3.2012 عند الساعة 10.30 صباحا. وانتهى ظهرا.",
        ["عقد الاجتماع في 12.3.2012 عند الساعة 10.30 صباحا.", "وانتهى ظهرا."],
    ),
    (
        "number_ends_sentence",
        "وسجل اللاعب هدفه في الدقيقة 87. وفاز فريقه.",
        ["وسجل اللاعب هدفه في الدقيقة 87.", "وفاز فريقه."],
    ),
    (
        "url_and_email",
        "وللمزيد زوروا www.example.org/news.html أو راسلونا على info.desk@example.com. وشكرا.",
        ["وللمزيد زوروا www.example.org/news.html أو راسلونا على info.desk@example.com.", "وشكرا."],
    ),
    (
        "url_with_scheme_at_end",
        "ونشر البيان على https://example.com/a.b?c=1. وتبعه بيان آخر.",
        ["ونشر البيان على https://example.com/a.b?c=1.", "وتبعه بيان آخر."],
    ),
    (
        "closing_quotes_and_brackets",
        'وقال الوزير: "نحن مستعدون." وأضاف «سنبدأ غدا.» (وذلك بحسب البيان.) وانتهى.',
        ['وقال الوزير: "نحن مستعدون."', "وأضاف «سنبدأ غدا.»", "(وذلك بحسب البيان.)", "وانتهى."],
    ),
    (
        "quote_after_period_with_space",
        'وقال إن الوضع "صعب جدا" . وأضاف أن الحل قريب.',
        ['وقال إن الوضع "صعب جدا" .', "وأضاف أن الحل قريب."],
    ),
    (
        "misplaced_space_before_period",
        "وهي عملية صعبة وطويلة .وفي الأيام الأخيرة تغير الوضع.",
        ["وهي عملية صعبة وطويلة .", "وفي الأيام الأخيرة تغير الوضع."],
    ),
    (
        "ellipsis_mid_line_does_not_end",
        "كانت الرحلة طويلة... لكنها انتهت بسلام. ثم عادوا .. وناموا.",
        ["كانت الرحلة طويلة... لكنها انتهت بسلام.", "ثم عادوا .. وناموا."],
    ),
    (
        "ellipsis_at_line_end_ends",
        "وبقي الانتظار طويلا…\nوفي الصباح وصلت الأخبار.",
        ["وبقي الانتظار طويلا…", "وفي الصباح وصلت الأخبار."],
    ),
    (
        "ellipsis_at_text_end",
        "وتستمر القصة...",
        ["وتستمر القصة..."],
    ),
    (
        "runs_of_terminators",
        "هل هذا معقول؟! نعم!! بالتأكيد؟",
        ["هل هذا معقول؟!", "نعم!!", "بالتأكيد؟"],
    ),
    (
        "no_split_at_comma_semicolon_colon_dash",
        "قال الوزير: إن الخطة، التي أقرت أمس؛ ستنفذ - حسب قوله - فورا.",
        ["قال الوزير: إن الخطة، التي أقرت أمس؛ ستنفذ - حسب قوله - فورا."],
    ),
    (
        "headline_without_punctuation",
        "الحكومة تقر موازنة العام الجديد\nأقرت الحكومة الموازنة أمس.",
        ["الحكومة تقر موازنة العام الجديد", "أقرت الحكومة الموازنة أمس."],
    ),
    (
        "dateline_alone_on_its_line",
        "الرياض - واس\nأعلنت الوزارة بدء الحملة.",
        ["الرياض - واس", "أعلنت الوزارة بدء الحملة."],
    ),
    (
        "hard_wrapped_line",
        (
            "وقالت الوزارة إن الحملة ستشمل المدن الكبرى في\nالمملكة، وإن\nالتسجيل يبدأ غدا.\n"
            "وأضافت أن العدد محدود."
        ),
        [
            "وقالت الوزارة إن الحملة ستشمل المدن الكبرى في\nالمملكة، وإن\nالتسجيل يبدأ غدا.",
            "وأضافت أن العدد محدود.",
        ],
    ),
    (
        "list_numbers_at_line_start",
        "وتشمل الخطة:\n1. بناء المدارس\n2. تدريب المعلمين",
        ["وتشمل الخطة:", "1. بناء المدارس", "2. تدريب المعلمين"],
    ),
    (
        "passage_inside_quotes_splits",
        'وقال: "بدأنا العمل. وسننتهي قريبا." ثم غادر.',
        ['وقال: "بدأنا العمل.', 'وسننتهي قريبا."', "ثم غادر."],
    ),
    (
        "controls_belong_to_no_sentence",
        "\u200fقال الوزير.\u200f\x00 وأضاف.\x00",
        ["قال الوزير.", "وأضاف."],
    ),
    (
        "crlf_and_blank_lines",
        "العنوان\r\n\r\nالنص الأول.\r\nالنص الثاني",
        ["العنوان", "النص الأول.", "النص الثاني"],
    ),
    (
        "diacritics_on_abbreviation",
        "وحاضر دُ. سعيد في الجامعة. ثم غادر.",
        ["وحاضر دُ. سعيد في الجامعة.", "ثم غادر."],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES]
)
def test_sentence_hard_cases(text: str, expected: list[str]) -> None:
    found = sentences(text)
    assert found.texts() == expected
    for sentence in found:
        assert text[sentence.span.start : sentence.span.end] == sentence.text


# Numbers, URLs and e-mails in every position a boundary might be tempted.
PROTECTED = [
    "3.5",
    "٣٫٥",
    "1,000",
    "12.3.2012",
    "10.30",
    "0.3%",
    "www.example.org/a.b.c",
    "https://example.com/path/file.html?q=1.2",
    "first.last@example.co.uk",
]


@pytest.mark.parametrize("item", PROTECTED)
@pytest.mark.parametrize(
    "template",
    ["بلغ {} هذا العام. ثم تراجع.", "{} في البداية. ثم تراجع.", "بلغت القيمة {}. ثم تراجع.", "({}) وانتهى."],
)
def test_no_boundary_inside_numbers_urls_emails(item: str, template: str) -> None:
    text = template.format(item)
    start = text.index(item)
    inside = range(start + 1, start + len(item))
    ends = {span[1] for span in sentences(text).spans()}
    starts = {span[0] for span in sentences(text).spans()}
    assert not ends & set(inside), (text, sentences(text).texts())
    assert not starts & set(inside), (text, sentences(text).texts())


def test_protected_items_are_single_tokens() -> None:
    for item in PROTECTED:
        text = f"القيمة {item} اليوم"
        found = [t for t in tokens(text) if t.span.start == text.index(item)]
        assert found, item
        expected = item.rstrip("%")
        assert found[0].text == expected, (item, found[0])


# ---------------------------------------------------------------------------
# Paragraphs.


def test_blank_line_convention() -> None:
    text = "عنوان الخبر\n\nالفقرة الأولى. وفيها جملتان.\n\n\n  الفقرة الثانية.  \n"
    assert paragraphs(text).texts() == ["عنوان الخبر", "الفقرة الأولى. وفيها جملتان.", "الفقرة الثانية."]


def test_single_line_break_convention() -> None:
    text = "السطر الأول انتهى.\nالسطر الثاني انتهى.\nالسطر الثالث"
    assert len(paragraphs(text)) == 3


def test_hard_wrap_joins_lines_but_blank_line_does_not() -> None:
    wrapped = "وأكد المدير أن\nالعمل مستمر."
    assert paragraphs(wrapped).texts() == [wrapped]
    assert len(paragraphs("وأكد المدير أن\n\nالعمل مستمر.")) == 2


def test_line_ending_with_comma_continues() -> None:
    text = "وصلت القافلة إلى المدينة،\nوبدأ توزيع المساعدات."
    assert sentences(text).texts() == [text]


def test_continuation_needs_a_letter_on_the_next_line() -> None:
    text = "وذكرت المصادر أن\n- الاجتماع تأجل"
    assert len(paragraphs(text)) == 2


def test_headline_line_is_its_own_paragraph() -> None:
    assert len(paragraphs("انطلاق معرض الكتاب\nافتتح الوزير المعرض أمس.")) == 2


# ---------------------------------------------------------------------------
# Tokens.


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(token.text, token.kind.value) for token in tokens(text)]


def test_al_with_tatweel_and_number() -> None:
    assert _kinds("الـ24") == [("الـ", "word"), ("24", "number")]


def test_double_brackets_around_agency() -> None:
    assert _kinds("((شينخوا))") == [
        ("(", "punctuation"),
        ("(", "punctuation"),
        ("شينخوا", "word"),
        (")", "punctuation"),
        (")", "punctuation"),
    ]


def test_diacritics_tatweel_and_joiners_stay_inside_words() -> None:
    assert _kinds("سـيـاسـةٌ عَرَبِيَّة می\u200cخواهم") == [
        ("سـيـاسـةٌ", "word"),
        ("عَرَبِيَّة", "word"),
        ("می\u200cخواهم", "word"),
    ]


def test_every_token_kind() -> None:
    text = "زار Reuters موقع https://example.com ومراسلة a.b@example.org #وسم @صحفي 42 👍🏽 ؟! © -- ،"
    assert [kind for _, kind in _kinds(text)] == [
        "word",
        "latin",
        "word",
        "url",
        "word",
        "email",
        "hashtag",
        "mention",
        "number",
        "emoji",
        "punctuation",
        "symbol",
        "punctuation",
        "punctuation",
    ]


def test_emoji_zwj_chain_is_one_token() -> None:
    family = "👨\u200d👩\u200d👧"
    assert _kinds(f"عائلة {family}") == [("عائلة", "word"), (family, "emoji")]


def test_url_trailing_punctuation_is_not_part_of_it() -> None:
    assert _kinds("(www.example.org).") == [
        ("(", "punctuation"),
        ("www.example.org", "url"),
        (")", "punctuation"),
        (".", "punctuation"),
    ]


def test_numbers_keep_their_separators() -> None:
    text = "3.5 ٣٫٥ 1,000 12.3.2012 10:30 ١٢٣"
    assert _kinds(text) == [(item, "number") for item in text.split()]


def test_latin_with_digits_and_apostrophe() -> None:
    assert _kinds("G20 O'Neil") == [("G20", "latin"), ("O'Neil", "latin")]


def test_controls_fall_between_tokens() -> None:
    text = "\u202bقال\u202c\x00 الوزير\u200f"
    assert tokens(text).texts() == ["قال", "الوزير"]


def test_lone_surrogate_is_a_symbol() -> None:
    assert _kinds("قال\ud800") == [("قال", "word"), ("\ud800", "symbol")]


def test_token_kinds_method_matches_objects() -> None:
    found = tokens("قال 3 a@b.co")
    assert found.kinds() == [token.kind for token in found]
    assert found.kinds() == [TokenKind.WORD, TokenKind.NUMBER, TokenKind.EMAIL]


def test_word_pattern_never_matches_a_digit() -> None:
    # The contract documented for `الـ24`: digits never glue onto a word.
    for token in tokens("العام2024 و3 الـ٥"):
        if token.kind is TokenKind.WORD:
            assert not re.search(r"\d", token.text)


def test_period_after_a_word_of_only_tatweel_or_marks() -> None:
    # The word before the period folds to nothing: it must not crash the abbreviation check.
    for text in ["قال ـ. ثم مضى.", "قال \u064b. ثم مضى.", "ـــ."]:
        assert "".join(sentences(text).texts()).replace(" ", "") == text.replace(" ", "")


def test_joiner_runs_after_a_letter_stay_linear() -> None:
    # A word gives back its trailing joiners once; a quadratic scan would hang here.
    text = "ب" + "\u200d" * 200_000 + " ت" + "\u200c" * 200_000
    assert tokens(text).texts() == ["ب", "ت"]
    assert sentences(text).texts() == ["ب" + "\u200d" * 200_000 + " ت"]
