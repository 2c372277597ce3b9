"""Language identification: deterministic, script-aware, never raises.

Arabic-script text is decided here, from its own evidence: a naive Bayes
model over letter frequencies (whose tables give the letters that only
Persian, Urdu, Pashto, Sorani Kurdish or Uyghur use their full weight) plus a
bonus for common function words. Only when that model is unsure on a text long
enough to be sure about does it ask langdetect. Text in Latin, Cyrillic,
Devanagari or Han script goes to langdetect, through a private, seeded
detector factory, so the global state of langdetect is never touched; scripts
that essentially one language writes (Greek, Hebrew, Thai, ...) are decided
from the script alone.

Only a bounded sample of the text is read (three windows: start, middle,
end), so an article costs about what a paragraph costs.
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
import itertools
import json
import math
import operator
import re
import struct
import sys
import threading
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any, TypeVar

from arnews._data import load_table
from arnews._model import Language
from arnews._validate import require_str

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["detect_language"]

# Harakat, Quranic marks, superscript alef and tatweel: they say nothing about
# the language, and left inside a word they would split it in two.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Presentation forms come from old PDFs; NFKC folds them to ordinary letters.
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
# ZWNJ separates Persian prefixes and suffixes (می‌رود); splitting there
# exposes them as function words.
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f]+")
_ARABIC_SCRIPT_LETTER = re.compile(
    "[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9]"
)
_ARABIC_SCRIPT_RUN = re.compile(
    "[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9]+"
)
# A letter (\w, not a digit or underscore) of any script but Arabic.
_OTHER_LETTER = re.compile(
    "[^\\W\\d_\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufeff]"
)
# Any letter but the 36 letters of the Arabic alphabet proper (tatweel is
# not a letter here): letters of another script, presentation forms, and the
# telling letters of Persian, Urdu, Pashto, Kurdish and Uyghur. Most news
# paragraphs have none, and then neither a per-script census nor a count of
# those telling letters is needed (they are all zero).
_NOT_CORE_ARABIC_LETTER = re.compile("[^\\W\\d_\u0621-\u063a\u0640-\u064a]")
# A single-byte encoding that has all 36 letters of the Arabic alphabet proper.
_SINGLE_BYTE_ARABIC = "cp1256"
_SCRIPT_OF_LANGDETECT_CODE = {"ar": "Arab", "fa": "Arab", "ur": "Arab"}
_LANGDETECT_CODE = {"zh-cn": "zh", "zh-tw": "zh"}


def normalize_word(word: str) -> str:
    """Return ``word`` without harakat and tatweel, as the function words are matched.

    Args:
        word: A word (or any text).

    Returns:
        The word with diacritics and tatweel removed; letters are kept as
        they are, since ``ي``/``ی`` and ``ك``/``ک`` are evidence here.

    Raises:
        TypeError: If ``word`` is not a ``str``.

    Example:
        >>> normalize_word("كِتَـــابٌ")
        'كتاب'
    """
    return _MARKS.sub("", require_str(word, "word"))


def arabic_words(text: str) -> list[str]:
    """Return the Arabic-script words of ``text``, without harakat and tatweel.

    ZWNJ and every non-letter end a word, so Persian prefixes written with a
    ZWNJ (``می‌رود``) come out as words of their own.

    Args:
        text: Any text.

    Returns:
        The words, in order.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> arabic_words("می‌رود، ثُمَّ Paris 2024")
        ['می', 'رود', 'ثم']
    """
    return _ARABIC_WORD.findall(normalize_word(require_str(text)))


def profile_alphabet() -> str:
    """Return the Arabic-script letters the model counts, as in ``language.toml``.

    Returns:
        The letters, in the order of the data file.

    Example:
        >>> "ڵ" in profile_alphabet()
        True
    """
    return str(load_table("language")["arabic"]["alphabet"])


# Costs (-log probabilities) in fixed point, one field per model language,
# packed into one Python int: a text's score in every language is then ONE
# sum of count * packed cost, instead of one sum per language. A field is an
# unsigned 64-bit integer (struct packs and unpacks all fields in one C call);
# a bounded sample's sum of costs of at most 20 nats at 1e6 per nat stays far
# below 2**64, so no field carries into the next.
_SCALE = 1_000_000
_FIELD_BYTES = 8


def _fixed_point(cost: float) -> int:
    """A cost in nats as the integer a packed field holds."""
    return round(cost * _SCALE)


def _pack(costs: Iterable[float]) -> int:
    """One int holding each language's cost (in nats, >= 0) in its own field."""
    return _pack_fields([_fixed_point(cost) for cost in costs])


def _pack_fields(fields: list[int]) -> int:
    return int.from_bytes(struct.pack(f"<{len(fields)}Q", *fields), "little")


def _unpack(packed: int, count: int) -> list[float]:
    """The per-language costs, in nats, of a sum of packed costs."""
    fields = struct.unpack(f"<{count}Q", packed.to_bytes(count * _FIELD_BYTES, "little"))
    return [field / _SCALE for field in fields]


class _PairCosts(dict[str, int]):
    """Packed cost of each letter pair, computed the first time a text has it.

    The table covers every pair of letters and word edges (about 5,000 per
    language), but a run meets only the pairs of its short texts: computing
    each one on first need keeps ~30,000 logarithms off the start of every
    process. A pair with a letter outside the alphabet weighs 0 for every
    language. Filling the dict from two threads at once is harmless: both
    compute the same value.
    """

    def __init__(
        self, alphabet: str, bigrams: list[dict[str, int]], unigrams: list[list[float]], smoothing: float
    ) -> None:
        super().__init__()
        # A word edge (space) is a symbol too; its own frequency is taken as
        # one word in five letters, about right for all six languages.
        symbols = " " + alphabet
        self._symbols = frozenset(symbols)
        self._smoothing = smoothing
        self._tables: list[tuple[dict[str, int], Counter[str], dict[str, float]]] = []
        for counts, unigram in zip(bigrams, unigrams, strict=True):
            # How often each symbol comes first in a pair: grouping the pairs
            # by first symbol keeps the per-pair work in C.
            after: Counter[str] = Counter()
            for first, pairs in itertools.groupby(counts, key=operator.itemgetter(0)):
                after[first] += sum(map(counts.__getitem__, pairs))
            base = dict(zip(symbols, [0.2, *(0.8 * freq for freq in unigram)], strict=True))
            self._tables.append((counts, after, base))

    def __missing__(self, pair: str) -> int:
        first, second = pair[0], pair[1]
        if first not in self._symbols or second not in self._symbols or pair == "  ":
            cost = 0
        else:
            # -log P(second | first) per language, smoothed towards the letter frequencies.
            cost = _pack(
                -math.log(
                    (counts.get(pair, 0) + self._smoothing * base[second]) / (after[first] + self._smoothing)
                )
                for counts, after, base in self._tables
            )
        self[pair] = cost
        return cost


class _ArabicModel:
    """The Arabic-script tables, built once from ``language.toml`` and then read-only.

    Two naive Bayes views of the same letters: letter frequencies for long
    text (cheap, and plenty of evidence) and letter pairs with word edges for
    short text, where ``ونو`` at a word end says Pashto and ``ال`` at a word
    start says Arabic better than single letters can.
    """

    def __init__(
        self, table: dict[str, Any], profiles: dict[str, dict[str, float]], bigrams: dict[str, dict[str, int]]
    ) -> None:
        arabic = table["arabic"]
        tuning = arabic["tuning"]
        self.alphabet: str = arabic["alphabet"]
        self.languages: tuple[str, ...] = tuple(arabic["languages"])
        self.log_prior = tuple(float(arabic["log_prior"][code]) for code in self.languages)
        unseen = float(tuning["unseen_floor"])
        floor = float(tuning["distinctive_floor"])
        unigrams = [
            self._profile(profiles[code], arabic["distinctive"][code], unseen, floor)
            for code in self.languages
        ]
        log_probs = [
            {ch: math.log(freq) for ch, freq in zip(self.alphabet, profile, strict=True)}
            for profile in unigrams
        ]
        # Letters whose frequency differs little between the languages (ا, ل,
        # م, ...) add cost but hardly any evidence: long text counts only the
        # others.
        spread = float(tuning["evidence_spread"])
        self.evidence = "".join(
            ch
            for ch in self.alphabet
            if max(t[ch] for t in log_probs) - min(t[ch] for t in log_probs) >= spread
        )
        self.evidence_pattern = re.compile(f"[{re.escape(self.evidence)}]")
        self.letter_cost = {ch: _pack(-t[ch] for t in log_probs) for ch in self.evidence}
        # Text whose letters are all of the Arabic alphabet proper is read in
        # its single-byte Windows-1256 form (one C call, which has every one
        # of those letters): deleting bytes then counts its letters, and
        # keeping only the telling ones gives what to score, with no
        # per-character Python work.
        core = "".join(ch for ch in self.alphabet if "\u0621" <= ch <= "\u064a")
        core_bytes = core.encode(_SINGLE_BYTE_ARABIC)
        evidence_bytes = "".join(ch for ch in core if ch in self.evidence).encode(_SINGLE_BYTE_ARABIC)
        self.not_letter_bytes = bytes(b for b in range(256) if b not in core_bytes)
        self.not_evidence_bytes = bytes(b for b in range(256) if b not in evidence_bytes)
        byte_cost = [0] * 256
        for ch in core:
            byte_cost[ch.encode(_SINGLE_BYTE_ARABIC)[0]] = self.letter_cost.get(ch, 0)
        self.byte_cost = tuple(byte_cost)
        # Adding 384-bit costs one telling byte at a time is most of the cost
        # of a long paragraph: a 16-bit view of the telling bytes reads them
        # two at a time, from a table of the summed cost of both.
        self.byte_pair_cost = {
            int.from_bytes(bytes((first, second)), sys.byteorder): byte_cost[first] + byte_cost[second]
            for first in evidence_bytes
            for second in evidence_bytes
        }
        # Bytes that stand for a letter outside the Arabic alphabet proper
        # (Latin, and the Urdu and Persian letters Windows-1256 has).
        self.keep_foreign_letters = bytes(
            b
            for b, ch in enumerate(bytes(range(256)).decode(_SINGLE_BYTE_ARABIC, "replace"))
            if not _NOT_CORE_ARABIC_LETTER.match(ch)
        )
        self.pair_cost = _PairCosts(
            self.alphabet,
            [bigrams[code] for code in self.languages],
            unigrams,
            float(tuning["bigram_smoothing"]),
        )
        self.short_letters = int(tuning["short_text_letters"])
        members: dict[str, list[int]] = {}
        for index, code in enumerate(self.languages):
            # One normalization of the whole list: removing marks never
            # removes or adds a space, so it splits into the same words.
            for word in normalize_word(table["function_words"][code]).split():
                members.setdefault(word, []).append(index)
        # Each word maps to one key (the tuple of languages that use it), so a
        # C-level Counter over the words tallies all hits in one pass.
        self.word_key: dict[str, tuple[int, ...]] = {word: tuple(idx) for word, idx in members.items()}
        self.bonus = float(tuning["function_word_bonus"])
        self.fallback_below = float(tuning["fallback_below"])
        self.fallback_min_letters = int(tuning["fallback_min_letters"])

    def _profile(
        self, profile: dict[str, float], distinctive: str, unseen: float, floor: float
    ) -> list[float]:
        freqs = [max(profile.get(ch, 0.0), floor if ch in distinctive else unseen) for ch in self.alphabet]
        total = sum(freqs)
        return [freq / total for freq in freqs]

    def core_alphabet_bytes(self, sample: str) -> bytes | None:
        """The Windows-1256 form of ``sample`` when all its letters are of the Arabic alphabet proper.

        Encoding is one C call, and most Arabic news paragraphs encode; when
        one does not (Arabic-Indic digits, other scripts), a regex scan
        decides instead.
        """
        try:
            encoded = sample.encode(_SINGLE_BYTE_ARABIC)
        except UnicodeEncodeError:
            if _NOT_CORE_ARABIC_LETTER.search(sample):
                return None
            return sample.encode(_SINGLE_BYTE_ARABIC, "ignore")
        return None if encoded.translate(None, self.keep_foreign_letters) else encoded

    def core_letters(self, encoded: bytes) -> int:
        """The number of letters in the Windows-1256 form of a core-alphabet text."""
        return len(encoded.translate(None, self.not_letter_bytes))

    def scores(self, sample: str, letters: int, encoded: bytes | None = None) -> list[float]:
        """Log posterior (unnormalized) of each model language for ``sample``.

        Long text is scored on its telling letters alone: with more than
        ``short_text_letters`` letters they decide, and skipping the word
        scan keeps a paragraph at a few tens of microseconds. ``encoded`` is
        the Windows-1256 form of ``sample``, given when ``sample`` has no
        letter outside the Arabic alphabet proper.
        """
        if letters > self.short_letters:
            if encoded is not None:
                telling = encoded.translate(None, self.not_evidence_bytes)
                cost = self.byte_cost[telling[-1]] if len(telling) % 2 else 0
                two_bytes = memoryview(telling[: len(telling) // 2 * 2]).cast("H")
                cost += sum(map(self.byte_pair_cost.__getitem__, two_bytes))
            else:
                cost = sum(map(self.letter_cost.__getitem__, self.evidence_pattern.findall(sample)))
            return self._posterior(cost)
        if _MARKS.search(sample):
            sample = _MARKS.sub("", sample)
        words = _ARABIC_WORD.findall(sample)
        padded = " ".join(("", *words, ""))
        # One packed cost per pair as it occurs: integers, so the same sum as
        # counting the pairs first, without building the counter.
        scores = self._posterior(sum(map(self.pair_cost.__getitem__, map(operator.add, padded, padded[1:]))))
        for key, count in Counter(map(self.word_key.get, words)).items():
            if key is not None:
                for index in key:
                    scores[index] += self.bonus * count
        return scores

    def _posterior(self, cost: int) -> list[float]:
        return [
            prior - language_cost
            for prior, language_cost in zip(self.log_prior, _unpack(cost, len(self.languages)), strict=True)
        ]


# In language_counts.toml, the sign for a word edge in a letter pair.
_WORD_EDGE_SIGN = "_"
_Number = TypeVar("_Number", int, float)


def read_counts(block: str, number: Callable[[str], _Number]) -> dict[str, _Number]:
    """Return the ``key value`` pairs of one block of ``language_counts.toml``.

    A block is a literal string of whitespace-separated keys and values
    (tomllib finds the end of a literal string in one search, where it reads
    an inline table of quoted keys character by character); ``_`` stands for
    a word edge in a key.

    Args:
        block: The text of one block.
        number: What turns a value into a number (``int`` or ``float``).

    Returns:
        Each key, with ``_`` turned back into a space, and its value.

    Raises:
        TypeError: If ``block`` is not a ``str``.
        ValueError: If a key has no value, or a value is not a number.

    Example:
        >>> read_counts("_ب 12 بي 7", int)
        {' ب': 12, 'بي': 7}
    """
    tokens = require_str(block, "block").split()
    keys = map(str.replace, tokens[::2], itertools.repeat(_WORD_EDGE_SIGN), itertools.repeat(" "))
    return dict(zip(keys, map(number, tokens[1::2]), strict=True))


def _model_counts() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, int]]]:
    """The letter frequencies and letter-pair counts of each model language, from TRAIN."""
    table = load_table("language_counts")
    profiles = {code: read_counts(block, float) for code, block in table["profiles"].items()}
    bigrams = {code: read_counts(block, int) for code, block in table["bigrams"].items()}
    return profiles, bigrams


@functools.cache
def _arabic_model() -> _ArabicModel:
    return _ArabicModel(load_table("language"), *_model_counts())


class _Scripts:
    """Letter-to-script lookup and the per-script settings of ``language.toml``."""

    def __init__(self, table: dict[str, Any]) -> None:
        ranges = sorted((int(start), int(end), str(name)) for start, end, name in table["scripts"]["ranges"])
        self.starts = [start for start, _, _ in ranges]
        self.ranges = ranges
        self.single_language: dict[str, str] = dict(table["scripts"]["single_language"])
        decision = table["decision"]
        self.reliable_confidence = float(decision["reliable_confidence"])
        self.reliable_min_letters = int(decision["reliable_min_letters"])
        self.sample_chars = int(decision["sample_chars"])

    def script_of(self, ch: str) -> str:
        """ISO 15924 name of a letter's script (``Zyyy`` when not in the table)."""
        point = ord(ch)
        index = bisect.bisect_right(self.starts, point) - 1
        if index >= 0 and point <= self.ranges[index][1]:
            return self.ranges[index][2]
        return "Zyyy"


@functools.cache
def _scripts() -> _Scripts:
    return _Scripts(load_table("language"))


def _sample(text: str, size: int) -> str:
    """At most ``size`` characters: the start, the middle and the end of ``text``."""
    if len(text) <= size:
        return text
    third = size // 3
    middle = (len(text) - third) // 2
    return f"{text[:third]} {text[middle : middle + third]} {text[-third:]}"


def detect_language(text: str) -> Language:
    """Return the language of ``text``: deterministic, and never raising on a ``str``.

    Arabic-script text is decided from its own letters and function words
    (telling ``ar`` from ``fa``, ``ur``, ``ps``, ``ckb`` and ``ug``); other
    scripts go to a private, seeded langdetect. Mixed text gets the language
    of the script with the most letters. Text without letters (digits,
    punctuation, diacritics alone, empty) is ``und``.

    Args:
        text: Any text; only a bounded sample of it is read.

    Returns:
        The :class:`arnews.Language`, with ``code`` (ISO 639-1 where one
        exists, else ISO 639-3: ``ckb``), ``script`` (ISO 15924), a
        ``confidence`` in [0, 1] and whether it is ``reliable``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> detect_language("قال المتحدث إن الاجتماع سيعقد غدا في العاصمة").code
        'ar'
        >>> detect_language("ئەمڕۆ باران دەبارێت لە شارەکەدا").code
        'ckb'
        >>> detect_language("۲۰۲۴ - ٪٥").code
        'und'
    """
    require_str(text)
    scripts = _scripts()
    sample = _sample(text, scripts.sample_chars)
    model = _arabic_model()
    encoded = model.core_alphabet_bytes(sample)
    if encoded is not None:
        # The common case, Arabic news: only letters of the Arabic alphabet
        # proper, so counting those letters counts every letter.
        letters = model.core_letters(encoded)
        if not letters:
            return Language.undetermined()
        code, confidence = _decide_arabic(sample, model, letters, encoded)
        return _result(code, "Arab", confidence, letters, scripts)
    if _PRESENTATION_FORMS.search(sample):
        sample = unicodedata.normalize("NFKC", sample)
    # Runs, not single letters: one replacement per word keeps this cheap.
    arabic = len(sample) - len(_ARABIC_SCRIPT_RUN.sub("", sample))
    if _OTHER_LETTER.search(sample):
        by_script = Counter(map(scripts.script_of, _OTHER_LETTER.findall(sample)))
        by_script["Arab"] = arabic
        # Letters of scripts outside the table carry no usable evidence.
        by_script.pop("Zyyy", None)
        script, letters = max(by_script.items(), key=lambda item: (item[1], item[0]))
    else:
        script, letters = "Arab", arabic
    if not letters:
        return Language.undetermined()
    if script == "Arab":
        code, confidence = _decide_arabic(sample, model, letters)
    elif script in scripts.single_language:
        code, confidence = scripts.single_language[script], 1.0
    else:
        code, confidence = _ask_langdetect(sample, exclude_arabic=True)
        if code == "und":
            return Language(code="und", script=script, confidence=0.0, reliable=False)
    return _result(code, script, confidence, letters, scripts)


def _result(code: str, script: str, confidence: float, letters: int, scripts: _Scripts) -> Language:
    reliable = confidence >= scripts.reliable_confidence and letters >= scripts.reliable_min_letters
    return _shared_language(code, script, round(confidence, 4), reliable)


@functools.lru_cache(maxsize=4096)
def _shared_language(code: str, script: str, confidence: float, reliable: bool) -> Language:
    # Language is immutable, and most paragraphs of an article get the same
    # answer (ar, 1.0): one shared object instead of one per paragraph.
    return Language(code=code, script=script, confidence=confidence, reliable=reliable)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(score - top) for score in scores]
    total = sum(weights)
    return [weight / total for weight in weights]


# When every other language scores at least this many nats below the best,
# the best's softmax is exactly 1.0: the other weights, at most exp(-40) ~
# 4.2e-18 each, add up (for up to 25 languages) to less than half the spacing
# of floats next to 1.0 (1.1e-16), so the total rounds to 1.0, and 1.0 / 1.0
# is 1.0.
_DECISIVE_NATS = 40.0


def _decide_arabic(
    sample: str, model: _ArabicModel, letters: int, encoded: bytes | None = None
) -> tuple[str, float]:
    scores = model.scores(sample, letters, encoded)
    top = max(scores)
    if sorted(scores)[-2] < top - _DECISIVE_NATS:
        # The softmax would give exactly 1.0 to the best (and 1.0 is never
        # below fallback_below): skip it. Most news paragraphs end here.
        return model.languages[scores.index(top)], 1.0
    posterior = _softmax(scores)
    best = max(range(len(posterior)), key=posterior.__getitem__)
    if posterior[best] < model.fallback_below and letters >= model.fallback_min_letters:
        # The letters are not enough; langdetect's n-grams of ar/fa/ur are a
        # second opinion, weighed against (not instead of) the model's own.
        second = _langdetect_probabilities(_ARABIC_SCRIPT_LETTER_OR_SPACE.sub("", sample))
        combined = [
            p * (second.get(code, 0.0) + 0.05) for p, code in zip(posterior, model.languages, strict=True)
        ]
        total = sum(combined)
        posterior = [value / total for value in combined]
        best = max(range(len(posterior)), key=posterior.__getitem__)
    return model.languages[best], posterior[best]


# Everything but Arabic-script letters and spaces, removed before langdetect
# sees an Arabic-script text (Latin names would pull it towards English).
_ARABIC_SCRIPT_LETTER_OR_SPACE = re.compile(
    "[^\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff\u0750-\u077f\\s]"
)


# langdetect's n-gram profiles, as one sorted text file (see _NgramIndex).
_NGRAM_FILE = "langdetect_ngrams.txt"


def langdetect_ngram_table() -> str:
    """Return langdetect's 55 n-gram profiles as the text of ``langdetect_ngrams.txt``.

    langdetect ships one JSON file per language (``{n-gram: count}``);
    parsing all 55 costs about 0.1 s, paid by every process that meets one
    Latin paragraph. This writes the same counts the other way round: a
    header with each language's ``n_words``, a blank line, then one line per
    n-gram, sorted by its UTF-8 bytes, with the languages that have it and
    their counts. arnews ships that file and binary-searches it in place, so
    nothing is parsed up front. ``python benchmarks/langid_devset.py
    --derive`` regenerates it, and a test fails when it is not what this
    function gives from the installed langdetect.

    Returns:
        The text of the file.

    Example:
        >>> table = langdetect_ngram_table()
        >>> [line for line in table.splitlines() if line.startswith("language ar ")]
        ['language ar 11749565 13990834 9440598']
    """
    directory = importlib.resources.files("langdetect").joinpath("profiles")
    # Sorted file order, so the language order never depends on the disk.
    names = sorted(entry.name for entry in directory.iterdir() if not entry.name.startswith("."))
    profiles = [json.loads(directory.joinpath(name).read_text(encoding="utf-8")) for name in names]
    lines = [
        "# langdetect's n-gram profiles (Apache License 2.0), rewritten by",
        "# arnews._language.langdetect_ngram_table(); regenerate with",
        "# `python benchmarks/langid_devset.py --derive`, never edit by hand.",
        "# `language CODE N1 N2 N3`: a language, in langdetect's order, and its",
        "# n_words (how many 1-, 2- and 3-grams its profile counted). After the",
        "# blank line: one n-gram a line, sorted by UTF-8 bytes, a tab, then",
        "# `CODE:COUNT` for each language whose profile has it.",
        *(f"language {profile['name']} {' '.join(map(str, profile['n_words']))}" for profile in profiles),
        "",
    ]
    ngrams = sorted(frozenset().union(*(profile["freq"] for profile in profiles)), key=_utf8)
    for ngram in ngrams:
        cells = [f"{p['name']}:{p['freq'][ngram]}" for p in profiles if ngram in p["freq"]]
        lines.append(f"{ngram}\t{' '.join(cells)}")
    return "\n".join(lines) + "\n"


def _utf8(text: str) -> bytes:
    # A lone surrogate (broken input) gets bytes too, which no line has.
    return text.encode("utf-8", "surrogatepass")


class _NgramIndex:
    """langdetect's 55 n-gram profiles, standing in for its ``DetectorFactory``.

    ``DetectorFactory.load_json_profile`` parses 55 JSON files and builds a
    probability vector for each of the ~88,000 n-grams up front: over half a
    second, paid by every process (and by every CLI run) that meets one Latin
    paragraph or one unsure Arabic-script one, while a text needs a few
    hundred n-grams. This reads ``langdetect_ngrams.txt`` (the same counts,
    one sorted line per n-gram, see :func:`langdetect_ngram_table`) as bytes
    and binary-searches it when an n-gram is asked for: about a millisecond to
    load, ~10 µs per n-gram (cached), with langdetect's own arithmetic.

    ``langdetect.detector.Detector`` reads ``word_lang_prob_map`` (only to
    test membership, in ``_extract_ngrams``), ``langlist`` and ``seed`` from
    its factory; the index itself answers the membership test.
    """

    def __init__(self, data: bytes) -> None:
        self._start = data.index(b"\n\n") + 2
        self._data = data
        rows = [
            line.split()[1:]
            for line in data[: self._start].decode("utf-8").splitlines()
            if line.startswith("language ")
        ]
        self.langlist: list[str] = [code for code, *_ in rows]
        self.n_words: list[list[int]] = [[int(count) for count in counts] for _, *counts in rows]
        self.language_index = {code.encode(): index for index, code in enumerate(self.langlist)}
        self.seed = _LANGDETECT_SEED
        self.word_lang_prob_map = self

    def __contains__(self, ngram: object) -> bool:
        return isinstance(ngram, str) and _ngram_counts(ngram) is not None

    def counts(self, ngram: str) -> bytes | None:
        """The ``CODE:COUNT`` cells of ``ngram``'s line; ``None`` when no profile has it."""
        data, key = self._data, _utf8(ngram)
        low, high = self._start, len(data)  # both at the start of a line
        while low < high:
            middle = (low + high) // 2
            start = max(low, data.rfind(b"\n", low, middle) + 1)
            tab = data.index(b"\t", start)
            end = data.index(b"\n", tab)
            found = data[start:tab]
            if found == key:
                return data[tab + 1 : end]
            if found < key:
                low = end + 1
            else:
                high = start
        return None

    def probabilities(self, ngram: str) -> list[float]:
        """P(ngram | language) for every language, as ``DetectorFactory.add_profile`` computes it."""
        result = [0.0] * len(self.langlist)
        for index, count in self.frequencies(ngram):
            result[index] = 1.0 * count / self.n_words[index][len(ngram) - 1]
        return result

    def frequencies(self, ngram: str) -> list[tuple[int, int]]:
        """``(language index, count)`` for each language whose profile has ``ngram``."""
        cells = _ngram_counts(ngram)
        if cells is None:
            return []
        return [
            (self.language_index[code], int(count))
            for code, count in (cell.split(b":") for cell in cells.split())
        ]


_PROFILES_LOCK = threading.Lock()
_PROFILES: list[_NgramIndex] = []  # loaded once, on first need
_LANGDETECT_SEED = 0


def _profiles() -> _NgramIndex:
    """The n-gram index, loaded once."""
    if not _PROFILES:
        with _PROFILES_LOCK:
            if not _PROFILES:
                data = importlib.resources.files("arnews").joinpath("data", _NGRAM_FILE).read_bytes()
                _PROFILES.append(_NgramIndex(data))
    return _PROFILES[0]


@functools.lru_cache(maxsize=32_768)
def _ngram_counts(ngram: str) -> bytes | None:
    # Detector asks about the same few hundred n-grams again and again.
    return _profiles().counts(ngram)


@functools.cache
def _detector_class() -> Any:
    # langdetect's import (~10 ms) is paid on first need: a run of Arabic-only
    # text never needs it.
    from langdetect.detector import Detector  # noqa: PLC0415 - deferred on purpose

    return Detector


def _langdetect_probabilities(text: str) -> dict[str, float]:
    """The posterior of langdetect's model for ``text``; empty when it finds no feature.

    langdetect itself samples the text's n-grams at random, up to 7 x 1,000
    draws until one language passes 0.99999: a few letters that never get
    there (``12345 - AFP``) cost tens of milliseconds, and the answer depends
    on the seed. What the sampling estimates is a naive Bayes posterior over
    its n-gram profiles, so that posterior is computed directly here, every
    n-gram counted once: the same profiles, smoothing and n-grams (its own
    normalization and extraction), no randomness at all, and well under a
    millisecond for the bounded sample. On the dev set its accuracy equals
    the sampler's (see ``docs/language.md``).
    """
    detector = _detector_class()(_profiles())
    detector.append(text)
    detector.cleaning_text()
    # langdetect's own n-gram extraction (a private method: the n-grams its
    # sampler would draw from).
    ngrams: list[str] = detector._extract_ngrams()
    if not ngrams:
        return {}
    costs = _unpack(sum(map(_ngram_cost, ngrams)), len(detector.langlist))
    result: dict[str, float] = {}
    for lang, prob in zip(detector.langlist, _softmax([-cost for cost in costs]), strict=True):
        code = _LANGDETECT_CODE.get(lang, lang)
        result[code] = result.get(code, 0.0) + prob
    return result


# langdetect's smoothing: ALPHA_DEFAULT / BASE_FREQ, added to every n-gram
# probability so that an n-gram a language never showed does not veto it.
_LANGDETECT_SMOOTHING = 0.5 / 10_000


@functools.lru_cache(maxsize=16_384)
def _ngram_cost(ngram: str) -> int:
    """Packed cost (-log smoothed probability) of one n-gram in every langdetect language.

    Most languages' profiles do not have a given n-gram, and all of those
    share one cost (of probability 0): only the fields of the languages that
    have it take a logarithm.
    """
    profiles = _profiles()
    n_words = profiles.n_words
    column = len(ngram) - 1
    fields = [_UNSEEN_FIELD] * len(n_words)
    for index, count in profiles.frequencies(ngram):
        # A probability near 1 gives a cost a hair below 0: a field must not be negative.
        cost = max(0.0, -math.log(1.0 * count / n_words[index][column] + _LANGDETECT_SMOOTHING))
        fields[index] = _fixed_point(cost)
    return _pack_fields(fields)


_UNSEEN_FIELD = _fixed_point(-math.log(0.0 + _LANGDETECT_SMOOTHING))


def _ask_langdetect(sample: str, *, exclude_arabic: bool) -> tuple[str, float]:
    """The best code of langdetect and its probability; ``und`` when it has no answer."""
    if exclude_arabic:
        sample = _ARABIC_SCRIPT_LETTER.sub("", sample)
    probabilities = _langdetect_probabilities(sample)
    for code, prob in sorted(probabilities.items(), key=lambda item: (-item[1], item[0])):
        if not (exclude_arabic and code in _SCRIPT_OF_LANGDETECT_CODE):
            return code, prob
    return "und", 0.0
