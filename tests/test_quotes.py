"""Quotes: cue patterns, mark styles, speakers and the negative cases.

Every sentence here is written for these tests in the style of wire copy; no
real article text is used.
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arnews import Quote, QuoteKind, Sentence, Span, find_quotes
from arnews._data import load_table
from arnews._lexicon import fold

SHARED = pathlib.Path(__file__).resolve().parent.parent.parent / "shared"
RESEARCH_VERBS = SHARED / "reference" / "reporting_verbs.json"

DIRECT, INDIRECT = QuoteKind.DIRECT, QuoteKind.INDIRECT


def summary(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, quoted text, speaker name) of every quote, in order."""
    return [(q.kind.value, q.text, q.speaker.name if q.speaker else None) for q in find_quotes(text)]


def only(text: str) -> Quote:
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


# ---------------------------------------------------------------------------
# Cue patterns


def test_indirect_after_cue_subject_and_complementizer() -> None:
    quote = only("قال وزير المالية سامي الخطيب إن الميزانية الجديدة ستدعم المشاريع الصغيرة.")
    assert quote.kind is INDIRECT
    assert quote.text == "الميزانية الجديدة ستدعم المشاريع الصغيرة"
    assert quote.speaker is not None
    assert quote.speaker.name == "سامي الخطيب"
    assert quote.cue is not None
    assert quote.cue.text == "قال"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("وأكدت الوزيرة ليلى حداد أن الحملة ستبدأ غدا.", "الحملة ستبدأ غدا"),
        ("وأوضح المدير كريم فارس بأن الطريق مغلق.", "الطريق مغلق"),
        ("وأشار المدير كريم فارس إلى أن العمل انتهى.", "العمل انتهى"),
        ("وشدد المدير كريم فارس على أن الأمن أولوية.", "الأمن أولوية"),
        ("وحذر المدير كريم فارس من أن الأمطار ستشتد.", "الأمطار ستشتد"),
        ("ويقول المدير كريم فارس إن الموسم كان صعبا.", "الموسم كان صعبا"),
        ("وقال المدير كريم فارس إنه سيعود الأسبوع المقبل.", "سيعود الأسبوع المقبل"),
        ("فقال المدير كريم فارس إن الموسم انتهى.", "الموسم انتهى"),
        ("واضاف المدير كريم فارس ان الموسم انتهى.", "الموسم انتهى"),
        ("وأظهرت دراسة جديدة أن النوم يحسن الذاكرة.", "النوم يحسن الذاكرة"),
        ("بحسب مصادر طبية فإن عدد المصابين ارتفع.", "عدد المصابين ارتفع"),
    ],
    ids=[
        "anna",
        "bi-anna",
        "ila-anna",
        "ala-anna",
        "min-anna",
        "present",
        "innahu",
        "fa-prefix",
        "hamzaless",
        "finding",
        "according-to",
    ],
)
def test_each_cue_pattern_gives_its_indirect_quote(text: str, content: str) -> None:
    assert [(q.kind, q.text) for q in find_quotes(text)] == [(INDIRECT, content)]


def test_participle_cue_ends_the_clause_before_it_and_keeps_the_speaker() -> None:
    text = "وأشار رئيس البلدية نبيل عيسى إلى أن الطريق سيفتح غدا، مشيرا إلى أن الأعمال انتهت."
    assert summary(text) == [
        ("indirect", "الطريق سيفتح غدا", "نبيل عيسى"),
        ("indirect", "الأعمال انتهت", "نبيل عيسى"),
    ]


def test_cue_after_the_quote() -> None:
    assert summary('"سنواصل العمل حتى النهاية"، قال المدرب جمال سعيد.') == [
        ("direct", "سنواصل العمل حتى النهاية", "جمال سعيد")
    ]


def test_colon_without_marks_runs_to_the_end_of_the_sentence() -> None:
    text = "وقال المدرب جمال سعيد: المباراة المقبلة ستكون حاسمة. وغادر الملعب."
    assert summary(text) == [("direct", "المباراة المقبلة ستكون حاسمة", "جمال سعيد")]


def test_qaelan_then_colon_is_one_cue() -> None:
    text = "وقال المدرب جمال سعيد إن الفريق جاهز. وتابع قائلا: المباراة المقبلة ستكون حاسمة."
    assert summary(text)[-1] == ("direct", "المباراة المقبلة ستكون حاسمة", "جمال سعيد")


def test_colon_then_complementizer_then_marks_is_the_quote_in_marks() -> None:
    quote = only('وأضافت الوكالة الرسمية: إن "الوفد وصل إلى العاصمة صباحا".')
    assert (quote.kind, quote.text) == (DIRECT, "الوفد وصل إلى العاصمة صباحا")


def test_writer_aside_and_paraphrase_are_not_quotes() -> None:
    assert find_quotes("ويذكر أن المعرض يقام سنويا منذ عشر سنوات.") == []
    assert find_quotes("الجدير بالذكر أن المعرض يقام سنويا.") == []
    assert find_quotes("ودعا الوزير هاني زيد إلى تعزيز التعاون بين البلدين.") == []
    assert find_quotes("وشدد الوزير هاني زيد على أهمية التعاون.") == []
    assert find_quotes("وهذا يؤكد أن الخطة كانت ناجحة.") == []


def test_ambiguous_forms_are_not_cues_in_their_other_sense() -> None:
    assert find_quotes("وجرى اللقاء بين الوزيرين في العاصمة قبل أن يغادرا.") == []
    assert find_quotes("ونشر الفريق كشف الأسماء بعد أن انتهى التسجيل.") == []


def test_an_before_subjunctive_phrases_is_not_a_complementizer() -> None:
    assert find_quotes("وأكد الوزير هاني زيد ضرورة أن تستمر الجهود.") == []


# ---------------------------------------------------------------------------
# Mark styles


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("“", "”"), ("”", "“"), ("«", "»"), ("'", "'"), ("((", "))"), ("„", "“")],
    ids=["ascii", "curly", "curly-rtl", "guillemets", "single", "double-paren", "low-high"],
)
def test_each_mark_style(opening: str, closing: str) -> None:
    text = f"وقال الوزير هاني زيد {opening}نحن مستعدون للحوار{closing}."
    assert summary(text) == [("direct", "نحن مستعدون للحوار", "هاني زيد")]


def test_marks_a_few_words_after_the_cue() -> None:
    text = 'وقال الوزير هاني زيد في مؤتمر صحفي بالعاصمة "نحن مستعدون للحوار".'
    assert summary(text) == [("direct", "نحن مستعدون للحوار", "هاني زيد")]


def test_name_in_marks_between_cue_and_quote_is_not_a_quote() -> None:
    text = 'وقال الوزير هاني زيد في حديث لوكالة ((الأنباء)) اليوم "نحن مستعدون للحوار".'
    assert summary(text) == [("direct", "نحن مستعدون للحوار", "هاني زيد")]


def test_multi_sentence_quote_is_one_quote() -> None:
    text = 'وقال الرئيس سالم عادل: "نحن ندعم الحوار. الحوار هو الحل".'
    assert summary(text) == [("direct", "نحن ندعم الحوار. الحوار هو الحل", "سالم عادل")]


def test_quote_reopened_in_the_next_paragraph_continues() -> None:
    text = 'وقال الطبيب ماهر يوسف "العلاج متوفر للجميع.\n"وسيصل الدواء إلى كل المدن".'
    assert [(q.text, q.speaker.name if q.speaker else None) for q in find_quotes(text)] == [
        ("العلاج متوفر للجميع.", "ماهر يوسف"),
        ("وسيصل الدواء إلى كل المدن", "ماهر يوسف"),
    ]


def test_unclosed_mark_runs_to_the_end_of_its_paragraph() -> None:
    text = 'وقال الوزير هاني زيد "الخطة ستبدأ قريبا\nوفي سياق آخر ارتفعت الأسعار.'
    assert summary(text) == [("direct", "الخطة ستبدأ قريبا", "هاني زيد")]


def test_garbled_guillemets_still_pair() -> None:
    text = "وقال الوزير هاني زيد »الخطة ستبدأ قريبا»."
    assert summary(text) == [("direct", "الخطة ستبدأ قريبا", "هاني زيد")]


# ---------------------------------------------------------------------------
# Mixed and partial quotes


def test_marks_around_part_of_the_content_give_indirect_and_direct() -> None:
    text = 'وقال الوزير هاني زيد إن الخطة "فشلت" في تحقيق أهدافها.'
    assert summary(text) == [
        ("indirect", 'الخطة "فشلت" في تحقيق أهدافها', "هاني زيد"),
        ("direct", "فشلت", "هاني زيد"),
    ]


def test_marks_around_the_whole_content_give_only_direct() -> None:
    text = 'وأضاف الوزير هاني زيد أن "الخطة نجحت في تحقيق أهدافها".'
    assert summary(text) == [("direct", "الخطة نجحت في تحقيق أهدافها", "هاني زيد")]


def test_quoted_fragment_right_after_a_speech_verb_is_direct() -> None:
    assert summary('ودعت المنظمة إلى "سرعة الإفراج عن المحتجزين".') == [
        ("direct", "سرعة الإفراج عن المحتجزين", "المنظمة")
    ]
    assert summary('ودعت إلى "سرعة الإفراج".')[0][:2] == ("direct", "سرعة الإفراج")


# ---------------------------------------------------------------------------
# Not quotes: names, labels, slogans, terms


@pytest.mark.parametrize(
    "text",
    [
        'ووصفه المتظاهرون بـ"الخائن" خلال المسيرة.',
        'وأسمتهم الحكومة بـ"المخربين" في بيانها.',
        "وهتف الطلاب «نريد التغيير» و«لا للفساد» أمام الجامعة.",
        'وافتتحت شركة "نجمة الشرق" فرعا جديدا.',
        "وأكدت الأمم المتحدة استمرار «الممر الآمن» الجديد.",
        'وزار الوفد معرض "الكتاب الأخضر" في العاصمة.',
    ],
    ids=["naming-verb", "naming-verb-2", "slogans", "company", "term-no-cue", "exhibition"],
)
def test_marked_names_labels_and_slogans_are_not_quotes(text: str) -> None:
    assert [q for q in find_quotes(text) if q.kind is DIRECT] == []


def test_subject_in_marks_is_the_speaker_not_a_quote() -> None:
    text = 'وأعلنت شركة "نجمة" أنها ستفتتح فرعا جديدا.'
    assert summary(text) == [("indirect", "ستفتتح فرعا جديدا", "نجمة")]


def test_repeated_term_in_marks_is_a_name_even_inside_speech() -> None:
    text = (
        'وتحدث الخبراء عن مشروع "الطريق الأخضر" الجديد. وأكد الوزير هاني زيد أن "الطريق الأخضر" سيكتمل قريبا.'
    )
    assert [q.kind for q in find_quotes(text)] == [INDIRECT]


# ---------------------------------------------------------------------------
# Speakers: dropped subjects, gender agreement, descriptions


def test_dropped_subject_continues_the_last_source() -> None:
    text = "قال الوزير سامي الخطيب إن النمو قوي. وأضاف أن الاستثمار زاد."
    assert [name for _, _, name in summary(text)] == ["سامي الخطيب", "سامي الخطيب"]
    first, second = find_quotes(text)
    assert first.speaker is not None
    assert second.speaker == first.speaker


def test_dropped_subject_agrees_in_gender() -> None:
    text = (
        "قال الوزير سامي الخطيب إن النمو قوي. فيما قالت النائبة سلمى رضا إن الأسعار مرتفعة. "
        "وأضاف أن الاستثمار زاد. وأضافت أن الرواتب ثابتة."
    )
    assert [name for _, _, name in summary(text)] == ["سامي الخطيب", "سلمى رضا", "سامي الخطيب", "سلمى رضا"]


def test_dropped_subject_agrees_in_number() -> None:
    text = (
        "وقال باحثون في جامعة القاهرة إن المياه شحيحة. وقالت الوزيرة منى سليم إن الحل قريب. "
        "وأضافوا أن الأمطار قليلة."
    )
    assert summary(text)[-1] == ("indirect", "الأمطار قليلة", "باحثون")


def test_definite_description_continues_the_named_source() -> None:
    text = "وقالت وزارة الزراعة والري إن المحصول وفير. وأضافت الوزارة أن الأسعار ستنخفض."
    assert [name for _, _, name in summary(text)] == ["وزارة الزراعة والري", "وزارة الزراعة والري"]


def test_family_name_continues_the_full_name() -> None:
    text = "قال الرئيس سالم عادل منصور إن الحوار مستمر. وقال منصور إن الوفد سيصل غدا."
    assert [name for _, _, name in summary(text)] == ["سالم عادل منصور", "سالم عادل منصور"]


def test_title_then_name_in_commas_gives_the_name() -> None:
    text = "وقال المتحدث باسم وزارة الصحة، رامي فهد، إن اللقاحات وصلت."
    assert summary(text) == [("indirect", "اللقاحات وصلت", "رامي فهد")]


def test_subject_before_its_verb() -> None:
    text = "وانتهت الجلسة مساء، لكن وزارة الخارجية قالت إن المحادثات ستستمر."
    assert summary(text) == [("indirect", "المحادثات ستستمر", "وزارة الخارجية")]


def test_no_source_at_all_gives_no_speaker() -> None:
    assert summary("وأضاف أن الاجتماع سيعقد الأسبوع المقبل.") == [
        ("indirect", "الاجتماع سيعقد الأسبوع المقبل", None)
    ]


def test_speaker_span_slices_the_name_and_cue_span_the_cue() -> None:
    text = "وقال المدير كريم فارس إن الموسم انتهى."
    quote = only(text)
    assert quote.speaker is not None
    assert quote.speaker.span is not None
    assert quote.speaker.span.slice(text) == quote.speaker.name
    assert quote.cue is not None
    assert quote.cue.span.slice(text) == "وقال"


def test_offsets_are_exact_with_diacritics_and_tatweel() -> None:
    text = "وقـال المديـر كريم فارس إنّ المَوسم انتهى."
    quote = only(text)
    assert quote.text == "المَوسم انتهى"
    assert quote.span.slice(text) == quote.text
    assert quote.cue is not None
    assert quote.cue.text == "وقـال"


# ---------------------------------------------------------------------------
# Contract: arguments, sentences passed in, robustness


def test_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="decode bytes"):
        find_quotes(b"abc")  # type: ignore[arg-type]


def test_empty_and_blank_text() -> None:
    assert find_quotes("") == []
    assert find_quotes(" \n\t") == []


def test_sentences_passed_in_are_used() -> None:
    text = "وقال المدير كريم فارس إن الموسم انتهى وإن الفريق سيعود"
    whole = [Sentence(Span(0, len(text)), text)]
    assert find_quotes(text, whole) == find_quotes(text)


def test_quotes_are_in_span_order() -> None:
    text = 'وقال الوزير هاني زيد إن الخطة "فشلت" في تحقيق أهدافها. وأضاف أن الموسم انتهى.'
    spans = [q.span for q in find_quotes(text)]
    assert spans == sorted(spans)


@pytest.mark.parametrize(
    "text",
    [
        "«" * 200_000,
        '"' * 200_000,
        "((" * 100_000,
        'قال إن "أ ' * 20_000,
        "وقال: " * 30_000,
        "«أ " * 60_000,
    ],
    ids=["guillemets", "ascii-quotes", "double-parens", "cues-and-marks", "colons", "unbalanced-words"],
)
def test_adversarial_input_finishes(text: str) -> None:
    # Linear time is measured in benchmarks/quotes_speed.py; here it must simply finish
    # (pytest-timeout guards against a hang) and return exact spans.
    for quote in find_quotes(text):
        assert quote.span.slice(text) == quote.text


ARABIC = st.sampled_from(list("قال إن أن بأن وأضاف مشيرا «»\"“”'(). ،:\nالوزير سامي"))


@given(st.lists(ARABIC, max_size=80).map("".join))
def test_spans_slice_back_on_arbitrary_text(text: str) -> None:
    for quote in find_quotes(text):
        assert quote.span.slice(text) == quote.text
        assert 0 <= quote.span.start < quote.span.end <= len(text)
        if quote.speaker is not None and quote.speaker.span is not None:
            assert quote.speaker.span.slice(text) == quote.speaker.name
        if quote.cue is not None:
            assert quote.cue.span.slice(text) == quote.cue.text


@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    find_quotes(text)


# ---------------------------------------------------------------------------
# Data


def test_every_researched_verb_form_is_in_the_table() -> None:
    """The TOML was restructured from the research table: no form may drift away."""
    if not RESEARCH_VERBS.is_file():
        pytest.skip(f"the research table is not here ({RESEARCH_VERBS} is absent)")
    research = json.loads(RESEARCH_VERBS.read_text(encoding="utf-8"))
    table = load_table("reporting_verbs")["lemmas"]
    for lemma, entry in research["verbs"].items():
        ours = table[lemma]
        forms = {fold(form) for key in ("past", "present", "participle") for form in ours[key]}
        expected = (
            entry["past_3ms_3fs_3md_3fd_3mp_3fp"] + entry["present_3ms_3fs_3mp"] + entry["hal_participle_m_f"]
        )
        assert {fold(form) for form in expected} <= forms, lemma


def test_every_lemma_has_its_slots_filled() -> None:
    for lemma, entry in load_table("reporting_verbs")["lemmas"].items():
        assert len(entry["past"]) == 6, lemma
        assert len(entry["present"]) == 3, lemma
        assert len(entry["participle"]) in (0, 3), lemma


# ---------------------------------------------------------------------------
# The token-level lookup agrees with the lexicon's regex


def _lexicon_pieces() -> list[str]:
    """Words and spacing that make lexicon entries, near misses and glued clitics likely."""
    data = load_table("quotes")
    words = ["قال", "قالت", "قالوا", "أضاف", "ورد", "رد", "جاء", "في", "فيه", "مضى", "قائلا", "نقلا", "عن"]
    words += ["إن", "أن", "أنه", "إلى", "على", "من", "يذكر", "الجدير", "بالذكر", "المقرر", "الوزير", "سامي"]
    words += data["complementizers"]["words"][:12] + data["asides"]["phrases"][:6]
    glued = [clitic + word for clitic in ("و", "ف", "ل", "ب") for word in words[:14]]
    return [*words, *glued, " ", "  ", "\n", "،", ".", ":", "«", "ـ", "x"]


@given(st.lists(st.sampled_from(_lexicon_pieces()), max_size=40).map(" ".join))
def test_word_index_finds_what_the_lexicon_regex_finds(text: str) -> None:
    from arnews._lexicon import Lexicon, shadow
    from arnews._quotes import _tables, _tokens, _verb_forms, _whole_tokens

    shadow_text = shadow(text).text
    whole = _whole_tokens(shadow_text, shadow(text))
    tokens, _ = _tokens(whole, [(0, len(shadow_text))], [], [])
    tables = _tables()
    data = load_table("quotes")
    lexicons = [
        (Lexicon(_verb_forms(load_table("reporting_verbs")), prefixes=["و", "ف", "ل"]), tables.cue_words),
        (Lexicon(((w, w) for w in data["complementizers"]["words"]), prefixes=["و"]), tables.complementizers),
        (Lexicon(((w, w) for w in data["asides"]["phrases"]), prefixes=["و"]), tables.asides),
    ]
    for lexicon, index in lexicons:
        expected = [(tokens.token_at(m.start), m.end, m.value) for m in lexicon.finditer(shadow_text)]
        candidates = [i for i, word in enumerate(tokens.strings) if word in index.starters]
        matches = index.matches(tokens, candidates)
        found = [(first, tokens.ends[last], value) for first, last, value in matches]
        assert found == expected


# ---------------------------------------------------------------------------
# The cheaper table builds give what the plain ones gave


def _table_words(table: object) -> list[str]:
    """Every string of a loaded TOML table, keys and values, depth first."""
    if isinstance(table, str):
        return [table]
    if isinstance(table, dict):
        return [word for key, value in table.items() for word in (key, *_table_words(value))]
    if isinstance(table, list):
        return [word for value in table for word in _table_words(value)]
    return []


def test_fold_all_folds_as_fold_does_word_by_word() -> None:
    from arnews._lexicon import fold_all

    words = _table_words(load_table("reporting_verbs")) + _table_words(load_table("quotes"))
    words += ["", "  أ  ب ", "ـ", "x\ny", "ﻻ", "\u200f"]
    assert fold_all(words) == [fold(word) for word in words]


def test_word_index_shortcuts_match_trying_every_head() -> None:
    """``alone`` and ``looks_ahead`` are built from the heads; trying each starter gives the same."""
    from arnews._quotes import _tables

    tables = _tables()
    for index in (tables.cue_words, tables.complementizers, tables.asides):
        looks_ahead = {w for w in index.starters if any(h in index.phrases for h in index._heads(w))}
        assert index.looks_ahead == looks_ahead
        alone = {}
        for word in index.starters:
            held = [head for head in index._heads(word) if head in index.singles]
            if held:
                alone[word] = index.singles[held[0]]
        assert index.alone == alone


def test_cue_keys_are_the_folded_surfaces() -> None:
    from arnews._quotes import _tables

    verbs = load_table("reporting_verbs")
    surfaces = [
        form
        for entry in verbs["lemmas"].values()
        if entry.get("cue", True)
        for slot in ("past", "present", "participle")
        for form in entry[slot]
    ]
    surfaces += [phrase for group in verbs["phrases"].values() for phrase in group]
    assert _tables().cue_words.keys == sorted({fold(surface) for surface in surfaces} - {""})


def _phrase_cue_words() -> list[str]:
    """The words of the cue phrases (نقلا عن, وفقا ل, ...), so that phrases and their near misses occur."""
    groups = load_table("reporting_verbs")["phrases"].values()
    return sorted({word for phrases in groups for phrase in phrases for word in phrase.split()})


def _cue_regex() -> re.Pattern[str]:
    """The regex the cue scan once compiled (clitic, then the cue trie, whole words)."""
    from arnews._lexicon import trie_pattern
    from arnews._quotes import _tables

    cue_words = _tables().cue_words
    clitics = "".join(sorted(cue_words.prefixes))
    return re.compile(f"(?<!\\w)[{clitics}]?(?:{trie_pattern(cue_words.keys)})(?!\\w)")


@given(
    st.lists(st.sampled_from([*_lexicon_pieces(), *_phrase_cue_words(), "ل", "ـ", "أشار"]), max_size=40).map(
        " ".join
    ),
    st.integers(min_value=0, max_value=400),
)
def test_cue_scan_on_tokens_finds_what_the_cue_regex_finds(text: str, position: int) -> None:
    """From any place, the first cue the token scan finds is the regex's next match."""
    from arnews._lexicon import shadow
    from arnews._quotes import _tables, _whole_tokens, _word_starters

    aligned = shadow(text)
    shadow_text = aligned.text
    position = min(position, len(shadow_text))
    whole = _whole_tokens(shadow_text, aligned)
    cue_words = _tables().cue_words
    found = None
    for index in _word_starters(whole.strings, cue_words.starters):
        match = cue_words.match_at(whole, index) if whole.starts[index] >= position else None
        if match is not None:
            found = (whole.starts[index], whole.ends[match[0]])
            break
    expected = _cue_regex().search(shadow_text, position)
    assert found == (None if expected is None else expected.span())


@pytest.mark.parametrize(
    ("windows", "text"),
    [
        ([(0, 9), (14, 30)], "قال الوزير إن الخطة تسير وفق الجدول"),
        ([(2, 9), (12, 22)], "وأضافت المتحدثة أن العمل مستمر"),
        ([(0, 5)], "abcdefgh ijk"),
    ],
)
def test_window_tokens_are_those_of_the_window_cut_alone(windows: list[tuple[int, int]], text: str) -> None:
    """A window's tokens are a slice of the text's, or cut anew when a word crosses its edge."""
    from arnews._lexicon import shadow
    from arnews._quotes import _piece_tokens, _tables, _tokens, _whole_tokens, _word_starters

    aligned = shadow(text)
    whole = _whole_tokens(aligned.text, aligned)
    starters = _tables().starters
    tokens, candidates = _tokens(whole, windows, [], _word_starters(whole.strings, starters))
    assert candidates == _word_starters(tokens.strings, starters)
    expected: list[tuple[int, int, str]] = []
    cut: set[int] = set()
    for start, end in windows:
        piece = _piece_tokens(aligned.text, start, end)
        assert piece is not None
        if piece.cut_first:
            cut.add(len(expected))
        expected += zip(piece.starts, piece.ends, piece.strings, strict=True)
    assert list(zip(tokens.starts, tokens.ends, tokens.strings, strict=True)) == expected
    assert tokens.cut_words == cut


@given(st.text(alphabet='قال ب_9١،.:«"\u064e\u0640\n\t\u00a0x?😀', max_size=60))
def test_token_split_cuts_word_runs_and_single_signs(text: str) -> None:
    """The token pattern, written for speed, cuts exactly as ``(\\w+|\\S)`` would."""
    from arnews._quotes import _TOKEN_SPLIT

    assert _TOKEN_SPLIT.split(text) == re.split(r"(\w+|\S)", text)
