"""Normalization: the steps, the profiles, the offset map and explain()."""

from __future__ import annotations

import codecs
import concurrent.futures
import functools
import itertools
import pathlib
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

# Imported from the modules themselves so these tests do not depend on the
# rest of the package importing cleanly.
from arnews._lexicon import Lexicon, trie_pattern
from arnews._model import Span
from arnews._normalize import (
    _DECODING,
    _SENTINEL,
    NORMALIZATION_STEPS,
    Aligned,
    Change,
    NormalizeConfig,
    _compile,
    _mark_outside,
    _trace,
    explain,
    normalize,
    normalize_aligned,
)
from strategies import web_text

REPO = pathlib.Path(__file__).resolve().parent.parent

PROFILES = {
    "default": NormalizeConfig.default(),
    "matching": NormalizeConfig.matching(),
    "search": NormalizeConfig.search(),
    "none": NormalizeConfig.none(),
    "everything": NormalizeConfig(**dict.fromkeys(NORMALIZATION_STEPS, True)),
}

configs = st.builds(NormalizeConfig, **{name: st.booleans() for name in NORMALIZATION_STEPS})
profiles_and_configs = st.one_of(st.sampled_from(list(PROFILES.values())), configs)


def reference(text: str, config: NormalizeConfig) -> str:
    """The slow, obvious pipeline: each enabled step over the whole text, in order."""
    return functools.reduce(
        lambda done, name: NORMALIZATION_STEPS[name].apply(done), config.enabled_steps(), text
    )


def reference_lengths(text: str, config: NormalizeConfig) -> list[int]:
    return [len(reference(char, config)) for char in text]


# --- The steps and the configuration -----------------------------------------------


def test_config_fields_are_the_steps_in_pipeline_order() -> None:
    assert [field.name for field in attrs.fields(NormalizeConfig)] == list(NORMALIZATION_STEPS)


def test_default_config_is_the_default_profile() -> None:
    assert NormalizeConfig() == NormalizeConfig.default()
    assert normalize("ﻻ\u200f") == normalize("ﻻ\u200f", NormalizeConfig.default()) == "لا"


def test_config_switches_must_be_bool() -> None:
    with pytest.raises(TypeError):
        NormalizeConfig(unify_alef="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", list(NORMALIZATION_STEPS))
def test_every_step_is_documented_with_a_runnable_example(name: str) -> None:
    step = NORMALIZATION_STEPS[name]
    assert step.summary
    assert ">>> NORMALIZATION_STEPS[" in (step._build.__doc__ or "")
    assert step.table, "a step with an empty table does nothing"


@pytest.mark.parametrize("name", list(NORMALIZATION_STEPS))
def test_changes_length_flag_tells_the_truth(name: str) -> None:
    step = NORMALIZATION_STEPS[name]
    assert step.changes_length == any(len(value) != 1 for value in step.table.values())


@pytest.mark.parametrize("name", list(NORMALIZATION_STEPS))
def test_every_step_maps_the_fast_alphabet_into_itself(name: str) -> None:
    # The fast path rewrites the alphabet byte for byte: a step that turned one
    # of its characters into a character outside it would break that path.
    alphabet = set(_DECODING)
    table = NORMALIZATION_STEPS[name].table
    for char in _DECODING:
        out = table.get(ord(char), char)
        assert out == "" or (len(out) == 1 and out in alphabet), (name, char, out)


def test_the_fast_alphabet_is_one_byte_wide() -> None:
    assert len(_DECODING) == 256
    assert len(set(_DECODING)) == 256
    assert _DECODING[-1] == _SENTINEL


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("default", "ﺍﻟﻘﺪﺱ\u200f\u00a0ﻻ", "القدس لا"),
        ("default", "الســلامُ عليكم", "الســلامُ عليكم"),
        ("default", "ﷲ أكبر", "الله أكبر"),
        ("default", "ﷺ", "ﷺ"),
        ("matching", "أعلنَ مسؤولٌ إيراني، «بكل ثقة»، في ١٢ آذار", "اعلن مسوول ايراني، «بكل ثقه»، في 12 اذار"),
        ("matching", "کرکوک\u200cی", "كركوكي"),
        ("matching", "هٰذا", "هذا"),
        ("matching", "ﺇﻟﻰ", "الي"),
        ("matching", "١٬٢٥٠٫٥", "1,250.5"),
        ("search", "أين؟ هنا، ثم هناك؛ ٥٠٪", "اين? هنا, ثم هناك; 50%"),
        ("none", "ﻻ\u200fأ", "ﻻ\u200fأ"),
    ],
)
def test_profiles_on_written_examples(config: str, text: str, expected: str) -> None:
    assert normalize(text, PROFILES[config]) == expected


def test_phrase_ligatures_expand_only_when_asked() -> None:
    config = attrs.evolve(NormalizeConfig.matching(), expand_phrase_ligatures=True)
    assert normalize("قال ﷺ", config) == "قال صلي الله عليه وسلم"
    assert normalize("قال ﷺ", NormalizeConfig.search()) == "قال ﷺ"


def test_spacing_diacritic_forms_become_marks_then_disappear() -> None:
    assert normalize("\ufe70", NormalizeConfig.default()) == " \u064b"
    assert normalize("\ufe70", NormalizeConfig.matching()) == " "


# --- Idempotence and agreement with the obvious pipeline --------------------------------


@given(text=web_text, config=profiles_and_configs)
def test_normalize_is_idempotent(text: str, config: NormalizeConfig) -> None:
    once = normalize(text, config)
    assert normalize(once, config) == once


@given(text=web_text, config=profiles_and_configs)
def test_normalize_agrees_with_running_the_steps_one_by_one(text: str, config: NormalizeConfig) -> None:
    assert normalize(text, config) == reference(text, config)


@given(config=configs)
def test_every_output_of_a_random_config_is_a_fixed_point(config: NormalizeConfig) -> None:
    outputs = "\n".join(_compile(config).table.values())
    assert normalize(outputs, config) == outputs


@given(config=profiles_and_configs)
def test_composed_table_and_chains_are_those_of_tracing_each_character(config: NormalizeConfig) -> None:
    # _compile runs all the characters through the steps at once; tracing
    # them one by one is the definition it must agree with.
    plan = _compile(config)
    steps = [(name, NORMALIZATION_STEPS[name].table) for name in config.enabled_steps()]
    codes = set().union(*(table.keys() for _, table in steps))
    traced = {code: _trace(chr(code), steps) for code in codes}
    assert dict(plan.table) == {code: result for code, (result, links) in traced.items() if links}
    assert dict(plan.chains) == {code: links for code, (_, links) in traced.items() if links}


@pytest.mark.parametrize("name", list(PROFILES))
def test_every_character_of_the_bmp_is_idempotent_under_each_profile(name: str) -> None:
    config = PROFILES[name]
    text = "".join(map(chr, range(0x10000)))
    once = normalize(text, config)
    assert normalize(once, config) == once
    assert once == reference(text, config)


def test_fast_and_mixed_paths_agree() -> None:
    # The second text has characters outside the one-byte alphabet, so it
    # takes the mixed path; the result must not depend on the path.
    config = NormalizeConfig.search()
    plain = "أكّد الـوزير ١٢ مرة\u200f، "
    mixed = "ﻻ😀" + plain + "é\ufffe" + _SENTINEL + "\ud800"
    assert normalize(plain, config) + "" == reference(plain, config)
    assert normalize(mixed, config) == reference(mixed, config)
    assert normalize(_SENTINEL * 3, config) == _SENTINEL * 3


# --- Bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("function", [normalize, normalize_aligned, explain])
@pytest.mark.parametrize("value", [b"abc", None, 12, ["a"]])
def test_non_str_raises_type_error(function: Any, value: object) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        function(value)


@pytest.mark.parametrize("function", [normalize, normalize_aligned, explain])
def test_a_config_of_the_wrong_type_raises_type_error(function: Any) -> None:
    with pytest.raises(TypeError, match="config"):
        function("نص", {"unify_alef": True})


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00" * 1000,
        "\ud800\udfff\udc00",
        "ا" + "\u064e\u0651\u0301\u0654" * 10_000,
        "\u0301\u0327\u0308" * 20_000,
        "ﻻ" * 50_000,
        "\ufdfd" * 5_000,
    ],
)
def test_hostile_input_is_handled(text: str) -> None:
    for config in PROFILES.values():
        al = normalize_aligned(text, config)
        assert al.text == normalize(text, config)
        assert al.to_original(len(al.text)) == len(text)
        assert isinstance(explain(text[:2000], config), list)


# --- The offset map ------------------------------------------------------------------


@given(text=web_text, config=profiles_and_configs)
def test_aligned_text_is_the_normalized_text(text: str, config: NormalizeConfig) -> None:
    al = normalize_aligned(text, config)
    assert al.text == normalize(text, config)
    assert al.original == text


@given(text=web_text, config=profiles_and_configs)
def test_offset_map_is_monotone_in_range_and_exact(text: str, config: NormalizeConfig) -> None:
    al = normalize_aligned(text, config)
    forward = [al.to_normalized(i) for i in range(len(text) + 1)]
    backward = [al.to_original(j) for j in range(len(al.text) + 1)]
    assert forward[0] == 0
    assert forward[-1] == len(al.text)
    assert backward[-1] == len(text)
    assert forward == sorted(forward)
    assert backward == sorted(backward)
    assert all(0 <= j <= len(al.text) for j in forward)
    assert all(0 <= i <= len(text) for i in backward)
    lengths = reference_lengths(text, config)
    assert [b - a for a, b in itertools.pairwise(forward)] == lengths


@given(text=web_text, config=profiles_and_configs, data=st.data())
def test_normalized_spans_round_trip(text: str, config: NormalizeConfig, data: st.DataObject) -> None:
    al = normalize_aligned(text, config)
    start = data.draw(st.integers(0, len(al.text)))
    end = data.draw(st.integers(start, len(al.text)))
    span = Span(start, end)
    original = al.span_to_original(span)
    back = al.span_to_normalized(original)
    assert back.contains(span)
    if start < end:
        # Tightest: the edge characters of the original span produced output.
        assert normalize(text[original.start], config) != ""
        assert normalize(text[original.end - 1], config) != ""


@given(text=web_text, config=profiles_and_configs, data=st.data())
def test_original_spans_map_to_their_own_normalization(
    text: str, config: NormalizeConfig, data: st.DataObject
) -> None:
    al = normalize_aligned(text, config)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    mapped = al.span_to_normalized(Span(start, end))
    assert mapped.slice(al.text) == normalize(text[start:end], config)
    back = al.span_to_original(mapped)
    if mapped.start < mapped.end:
        assert Span(start, end).contains(back)
    else:
        # Every original point in a stretch of removed characters maps to the
        # same normalized point, which maps back to one of them: the last.
        assert back.start == back.end
        assert al.to_normalized(back.start) == mapped.start


def test_match_on_the_shadow_reports_the_original_span() -> None:
    text = "وقالَ المتـحدث باسم الـوزارة إنّ"
    al = normalize_aligned(text, NormalizeConfig.matching())
    for word, written in [("المتحدث", "المتـحدث"), ("الوزاره", "الـوزارة"), ("وقال", "وقالَ"[:4])]:
        start = al.text.index(word)
        span = al.span_to_original(Span(start, start + len(word)))
        assert span.slice(text) == written


def test_removed_characters_at_match_edges_stay_outside() -> None:
    text = "ب\u064e\u0640ت\u0651"
    al = normalize_aligned(text, NormalizeConfig.matching())
    assert al.text == "بت"
    assert al.span_to_original(Span(0, 1)) == Span(0, 1)
    assert al.span_to_original(Span(1, 2)) == Span(3, 4)
    assert al.span_to_original(Span(0, 2)) == Span(0, 4)
    assert al.span_to_original(Span(2, 2)) == Span(5, 5)


def test_part_of_an_expansion_widens_to_the_whole_character() -> None:
    al = normalize_aligned("ﻻ", NormalizeConfig.default())
    assert al.text == "لا"
    assert al.span_to_original(Span(1, 2)) == Span(0, 1)
    assert al.to_original(1) == 0
    assert al.to_normalized(1) == 2


def test_offsets_across_many_breakpoints() -> None:
    # Removed runs and expansions side by side, in every order, many times over.
    text = ("كَتَبَ ﻻ\u0651ﻻﻻ\u064e\u0640ﻻ " * 300)[:2000] + "\u064e"
    config = NormalizeConfig.matching()
    al = normalize_aligned(text, config)
    lengths = reference_lengths(text, config)
    position = 0
    for i, length in enumerate(lengths):
        assert al.to_normalized(i) == position
        for j in range(position, position + length):
            assert al.to_original(j) == i
        position += length
    assert al.to_normalized(len(text)) == len(al.text)
    assert al.to_original(len(al.text)) == len(text)


def test_offsets_out_of_range_raise_index_error() -> None:
    al = normalize_aligned("أب", NormalizeConfig.matching())
    for bad in (-1, 3):
        with pytest.raises(IndexError):
            al.to_original(bad)
        with pytest.raises(IndexError):
            al.to_normalized(bad)
    with pytest.raises(IndexError):
        al.span_to_original(Span(0, 3))
    with pytest.raises(IndexError):
        al.span_to_normalized(Span(0, 3))


def test_aligned_compares_by_its_texts() -> None:
    one = normalize_aligned("أب", NormalizeConfig.matching())
    two = normalize_aligned("أب", NormalizeConfig.matching())
    assert one == two
    assert hash(one) == hash(two)
    assert isinstance(one, Aligned)


# --- Many offsets at once ------------------------------------------------------------------


@given(text=web_text, config=profiles_and_configs, data=st.data())
def test_bulk_lookups_agree_with_the_scalar_ones(
    text: str, config: NormalizeConfig, data: st.DataObject
) -> None:
    al = normalize_aligned(text, config)
    # Any order, repeats allowed, and both ends of the range.
    normalized = [*data.draw(st.lists(st.integers(0, len(al.text)), max_size=40)), 0, len(al.text)]
    original = [*data.draw(st.lists(st.integers(0, len(text)), max_size=40)), len(text), 0]
    assert al.to_original_many(normalized) == [al.to_original(j) for j in normalized]
    assert al.to_normalized_many(original) == [al.to_normalized(i) for i in original]
    assert al.to_original_many(sorted(normalized)) == sorted(al.to_original_many(normalized))
    spans = [Span(*sorted(pair)) for pair in zip(normalized, reversed(normalized), strict=True)]
    assert al.spans_to_original(spans) == [al.span_to_original(span) for span in spans]


def test_bulk_lookups_take_any_iterable_and_empty_input() -> None:
    al = normalize_aligned("ﻻ كَتَبَ", NormalizeConfig.matching())
    assert al.to_original_many(iter(range(len(al.text) + 1))) == [0, 0, 1, 2, 4, 6, 8]
    assert al.to_normalized_many(range(len(al.original) + 1)) == [0, 2, 3, 4, 4, 5, 5, 6, 6]
    assert al.to_original_many([]) == al.to_normalized_many(()) == al.spans_to_original([]) == []


@pytest.mark.parametrize("text", ["", "قال الوزير", "على مستوى ١٢", "كَتَبَ", "ﻻ"])
def test_bulk_lookups_reject_offsets_out_of_range(text: str) -> None:
    al = normalize_aligned(text, NormalizeConfig.matching())
    for bad in (-1, len(al.text) + 1):
        with pytest.raises(IndexError, match=f"offset {bad} "):
            al.to_original_many([0, bad])
    for bad in (-1, len(text) + 1):
        with pytest.raises(IndexError, match=f"offset {bad} "):
            al.to_normalized_many([bad, 0])
    with pytest.raises(IndexError):
        al.spans_to_original([Span(0, 0), Span(0, len(al.text) + 1)])


@pytest.mark.parametrize(
    ("text", "in_step"),
    [
        ("قال الوزير", True),
        ("على مستوى ١٢ إلى", True),  # one-for-one folds keep the texts in step
        ("", True),
        ("كَتَبَ", False),
        ("ﻻ", False),
        ("ﻻ\u064e", True),  # one removed, one expanded: same length, still out of step
    ],
)
def test_texts_in_step_need_no_map(text: str, in_step: bool) -> None:
    al = normalize_aligned(text, NormalizeConfig.matching())
    expected = len(al.text) == len(text) and all(
        n == 1 for n in reference_lengths(text, NormalizeConfig.matching())
    )
    assert expected == (in_step and text != "ﻻ\u064e")
    assert (al._lengths == b"") == expected
    if expected:
        span = Span(0, len(al.text))
        assert al.span_to_original(span) is span
        assert al.to_original_many(range(len(al.text) + 1)) == list(range(len(text) + 1))


# --- explain() --------------------------------------------------------------------------


def test_explain_names_each_step_and_where_it_fired() -> None:
    changes = explain("ﺃﺣﻤﺪ\u00a0١٢ـ", NormalizeConfig.matching())
    assert changes == [
        Change("presentation_forms", Span(0, 4), "ﺃﺣﻤﺪ", "أحمد"),
        Change("unify_alef", Span(0, 1), "أ", "ا"),
        Change("unify_spaces", Span(4, 5), "\u00a0", " "),
        Change("ascii_digits", Span(5, 7), "١٢", "12"),
        Change("remove_tatweel", Span(7, 8), "ـ", ""),
    ]


def test_explain_on_unchanged_text_is_empty() -> None:
    assert explain("نص بلا تغيير", NormalizeConfig.default()) == []
    assert explain("أَ", NormalizeConfig.none()) == []


@given(text=web_text, config=profiles_and_configs)
def test_explain_covers_exactly_the_changed_characters(text: str, config: NormalizeConfig) -> None:
    changes = explain(text, config)
    covered = {i for change in changes for i in range(change.span.start, change.span.end)}
    changed = {i for i, char in enumerate(text) if reference(char, config) != char}
    assert covered == changed
    assert all(change.step in config.enabled_steps() for change in changes)
    for change in changes:
        assert NORMALIZATION_STEPS[change.step].apply(change.before) == change.after


def test_explain_reports_a_long_run_as_one_change_per_step() -> None:
    marks = "\u064e\u0651" * 10_000
    text = "ب" + marks + "ﻻﻻ\u200f"
    assert explain(text, NormalizeConfig.matching()) == [
        Change("remove_diacritics", Span(1, 1 + len(marks)), marks, ""),
        Change("presentation_forms", Span(len(marks) + 1, len(marks) + 3), "ﻻﻻ", "لالا"),
        Change("remove_bidi_controls", Span(len(marks) + 3, len(text)), "\u200f", ""),
    ]


# --- Real articles -------------------------------------------------------------------------


@pytest.mark.corpus
def test_real_articles_normalize_consistently(corpus: dict[str, dict[str, Any]]) -> None:
    texts = [str(row["text"]) for row in corpus.values()][:300]
    for config in (NormalizeConfig.default(), NormalizeConfig.matching(), NormalizeConfig.search()):
        for text in texts:
            al = normalize_aligned(text, config)
            assert al.text == reference(text, config)
            assert normalize(al.text, config) == al.text
            assert al.to_original(len(al.text)) == len(text)
            assert al.to_normalized(len(text)) == len(al.text)


# --- Odd corners of the fast path ------------------------------------------------------------


def test_text_holding_the_sentinel_keeps_an_exact_offset_map() -> None:
    config = NormalizeConfig.matching()
    text = "ﻻ" + _SENTINEL + "كَتَبَ" + "\u0301ﻻ"
    al = normalize_aligned(text, config)
    assert al.text == reference(text, config)
    assert [al.to_normalized(i) for i in range(len(text) + 1)] == list(
        itertools.accumulate(reference_lengths(text, config), initial=0)
    )


def test_runs_outside_the_alphabet_next_to_removed_characters() -> None:
    # Removed characters between two outside runs must not merge the runs.
    config = NormalizeConfig.search()
    text = "ç\u064e\u0640ü\u064fﻻ\u0651ñ"
    al = normalize_aligned(text, config)
    assert al.text == reference(text, config) == "çüلاñ"
    assert al.span_to_original(Span(2, 4)) == Span(5, 6)


@pytest.mark.parametrize("every", [1, 2, 7, 63, 64, 65, 500])
def test_sparse_and_dense_outside_characters_give_the_same_map(every: int) -> None:
    # Sparse outside characters take the split path, dense ones str.translate;
    # the text and every offset must not depend on the path.
    config = NormalizeConfig.matching()
    outside = "ﻻ\u202e😀é\u2066ﷲ\ud800"
    plain = "قالَ الـوزير ١٢ مرة، "
    text = "".join(
        outside[i % len(outside)] if i % every == 0 else plain[i % len(plain)] for i in range(3_000)
    )
    al = normalize_aligned(text, config)
    assert al.text == normalize(text, config) == reference(text, config)
    assert al.to_normalized_many(range(len(text) + 1)) == list(
        itertools.accumulate(reference_lengths(text, config), initial=0)
    )


def test_the_codec_error_handler_is_strict_outside_normalization() -> None:
    with pytest.raises(UnicodeEncodeError):
        "قال".encode("ascii", "arnews.outside")


def test_a_normalization_started_inside_another_one_disturbs_neither() -> None:
    # A signal handler or a finalizer may normalize while this thread is in
    # the middle of encoding: simulate it by normalizing from inside the
    # error handler, on the first run of characters outside the alphabet.
    config = NormalizeConfig.search()
    outer, inner = "ﻻ أَحمد é ١٢ 😀 ﺃ" * 20, "ç ﻻ\u0651 ﹰ" * 20
    nested: list[str] = []

    def interrupting(error: UnicodeError) -> tuple[bytes, int]:
        if not nested:
            nested.append("")
            nested.append(normalize_aligned(inner, config).text)
        return _mark_outside(error)

    codecs.register_error("arnews.outside", interrupting)
    try:
        assert normalize_aligned(outer, config).text == reference(outer, config)
    finally:
        codecs.register_error("arnews.outside", _mark_outside)
    assert nested[1] == reference(inner, config)


def test_threads_normalize_independently() -> None:
    config = NormalizeConfig.search()
    texts = [f"ﻻ{i} é أَحمد ١٢ 😀 " * 200 for i in range(8)]
    expected = [reference(text, config) for text in texts]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(lambda text: normalize_aligned(text, config).text, texts)) == expected


# --- The docs page says what the code does --------------------------------------------------


def test_docs_step_table_matches_the_steps() -> None:
    page = REPO / "docs" / "normalization.md"
    if not page.is_file():
        pytest.skip("docs are not part of this checkout")
    rows = {}
    for line in page.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0].startswith("`") and cells[0].strip("`") in NORMALIZATION_STEPS:
            rows[cells[0].strip("`")] = cells
    assert list(rows) == list(NORMALIZATION_STEPS), "the table lists every step, in pipeline order"
    for name, cells in rows.items():
        assert cells[3] == ("yes" if NORMALIZATION_STEPS[name].changes_length else "no"), name
        for cell, profile in zip(cells[4:], ("default", "matching", "search"), strict=True):
            assert (cell == "✓") == getattr(PROFILES[profile], name), (name, profile)


def test_docs_profile_showcase_is_what_the_profiles_give() -> None:
    page = REPO / "docs" / "normalization.md"
    if not page.is_file():
        pytest.skip("docs are not part of this checkout")
    lines = page.read_text(encoding="utf-8").split('<div dir="rtl">', 1)[1].split("</div>", 1)[0].splitlines()
    shown = dict(line[len("- `") :].split("`: ", 1) for line in lines if line.startswith("- `"))
    source = shown.pop("input")
    assert set(shown) == {"default", "matching", "search"}
    for name, expected in shown.items():
        assert normalize(source, PROFILES[name]) == expected, name


# --- Case-insensitive lexicons (built on the matching shadow) ------------------------

_MIXED_KEYS = [
    "afp",
    "ap",
    "a",
    "cnn",
    "bbc news",
    "kuna",
    "ا ف ب",
    "رويترز",
    "واس",
    "سي ان ان",
    "فرانس24",
    "24",
]


def _plain_trie_regex(keys: list[str]) -> re.Pattern[str]:
    """The pattern a case-insensitive Lexicon compiled before its cased branches were guarded."""
    body = trie_pattern(sorted({" ".join(key.casefold().split()) for key in keys}))
    return re.compile(rf"(?<!\w)(?P<key>{body})(?!\w)", re.IGNORECASE)


@given(
    text=st.text(
        alphabet=st.sampled_from(list("afpcnbwsuokKAFPCNBUSİı ـ24افبرويتزس")),
        max_size=60,
    )
)
def test_case_insensitive_lexicon_matches_as_the_plain_trie(text: str) -> None:
    lexicon = Lexicon([(key, key) for key in _MIXED_KEYS], ignore_case=True)
    reference = _plain_trie_regex(_MIXED_KEYS)
    assert [m.span("key") for m in lexicon.pattern.finditer(text)] == [
        m.span("key") for m in reference.finditer(text)
    ]


def test_case_insensitive_lexicon_guards_its_cased_branches() -> None:
    lexicon = Lexicon([(key, key) for key in _MIXED_KEYS], ignore_case=True)
    assert "(?=[" in lexicon.pattern.pattern
    assert [m.value for m in lexicon.finditer("نقلا عن AFP و CNN وKuna ثم رويترز")] == [
        "afp",
        "cnn",
        "رويترز",
    ]
