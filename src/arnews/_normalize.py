"""Normalization: named, explainable, idempotent steps with an offset map.

Every step maps one character to zero, one or several characters, and never
looks at its neighbours. A :class:`NormalizeConfig` therefore compiles (once,
cached) into a single per-character table: the steps it enables, composed in
pipeline order and run to a fixed point, so normalizing twice changes nothing.

The fast path does not walk the text character by character in Python, nor
call :meth:`str.translate` (which boxes every code point into an ``int`` and
runs at about 30 MB/s on Arabic). Almost every character in Arabic news text
belongs to a fixed alphabet of 255 characters (ASCII, the Arabic block's
letters, marks and digits, the Persian letters, the usual spaces, quotes and
controls). That alphabet is a one-byte code, so a text written in it is
encoded with a charmap codec, rewritten with :meth:`bytes.translate` and
decoded back, three C loops that run at well over 100 MB/s. Characters
outside the alphabet (presentation forms, emoji, most Latin accents, lone
surrogates) become a sentinel byte through a stateless codec error handler;
the runs of sentinel bytes show where they stand, and they are translated on
their own and put back with one split and one join.

The offset map comes from the same bytes: one byte per original character
saying how many normalized characters it became (0 when removed, 2 for
``ﻻ``). On the first lookup, and only if some character did not become
exactly one, those bytes are condensed into sorted breakpoints (one per run
of removed characters, one per expansion); every lookup is then a bisect.
"""

from __future__ import annotations

import array
import bisect
import codecs
import functools
import inspect
import itertools
import operator
import re
import types
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple, TypeVar

import attrs

from arnews._data import load_table
from arnews._model import Span
from arnews._validate import require_str

__all__ = [
    "NORMALIZATION_STEPS",
    "Aligned",
    "Change",
    "NormalizationStep",
    "NormalizeConfig",
    "explain",
    "normalize",
    "normalize_aligned",
]

_Piece = TypeVar("_Piece", str, bytes)

Table = dict[int, str]
"""One step's mapping: code point -> replacement ('' removes the character)."""


@attrs.frozen
class NormalizationStep:
    """One named normalization step, as listed in ``NORMALIZATION_STEPS``.

    Attributes:
        name: The step's name, which is also the :class:`NormalizeConfig`
            field that switches it on.
        summary: What the step does, in one line.
        changes_length: Whether the step can remove characters or replace one
            character with several (and so shift offsets).

    Example:
        >>> step = NORMALIZATION_STEPS["remove_tatweel"]
        >>> step.changes_length, step.apply("الســـلام")
        (True, 'السلام')
    """

    name: str
    summary: str
    changes_length: bool
    _build: Callable[[], Table] = attrs.field(repr=False, eq=False)

    @property
    def table(self) -> Mapping[int, str]:
        """The step's own mapping, code point -> replacement (read-only)."""
        return _step_table(self.name)

    def apply(self, text: str) -> str:
        """Apply this step alone to ``text``.

        Args:
            text: Any string.

        Returns:
            ``text`` with this step's replacements made.

        Raises:
            TypeError: If ``text`` is not a ``str``.

        Example:
            >>> NORMALIZATION_STEPS["unify_alef"].apply("أحمد وإخوته")
            'احمد واخوته'
        """
        return require_str(text).translate(self.table)


_REGISTRY: dict[str, NormalizationStep] = {}
NORMALIZATION_STEPS: Mapping[str, NormalizationStep] = types.MappingProxyType(_REGISTRY)
"""Every step by name, in pipeline order (the order a config applies them)."""


def _step(*, changes_length: bool) -> Callable[[Callable[[], Table]], Callable[[], Table]]:
    """Register a table builder as a step named after it (without the leading underscore)."""

    def register(build: Callable[[], Table]) -> Callable[[], Table]:
        name = build.__name__.lstrip("_")
        summary = (inspect.getdoc(build) or name).splitlines()[0]
        _REGISTRY[name] = NormalizationStep(name, summary, changes_length, build)
        return build

    return register


@functools.cache
def _step_table(name: str) -> Mapping[int, str]:
    return types.MappingProxyType(_REGISTRY[name]._build())


def _fold(code_points: Iterable[int], replacement: str) -> Table:
    return dict.fromkeys(code_points, replacement)


def _span(first: int, last: int) -> range:
    return range(first, last + 1)


# --- The steps, in pipeline order ------------------------------------------------
# The order matters only where one step's output is another's input: the
# ligature and presentation-form steps produce letters and marks, so they run
# before the removals and the letter folds; the Persian step produces ``ة``,
# so it runs before ``unify_teh_marbuta``.


@_step(changes_length=True)
def _expand_phrase_ligatures() -> Table:
    """Spell out the phrase ligatures ﷺ ﷻ ﷼ ﷽ as the words they stand for.

    Off in every profile: a phrase is not a spelling of one word, so folding it
    changes what the text says rather than how it is written.

    Example:
        >>> NORMALIZATION_STEPS["expand_phrase_ligatures"].apply("النبي ﷺ")
        'النبي صلى الله عليه وسلم'
    """
    phrases: dict[str, str] = load_table("normalization")["phrase_ligatures"]
    return {int(code, 16): phrase for code, phrase in phrases.items()}


# Presentation Forms-A and -B (U+FEFF, the byte order mark, sits at the end of
# -B but is a zero-width character, handled below).
_PRESENTATION_BLOCKS = (_span(0xFB50, 0xFDFF), _span(0xFE70, 0xFEFE))


@_step(changes_length=True)
def _presentation_forms() -> Table:
    """Replace Arabic presentation forms and ligatures with plain letters (ﻻ -> لا, ﷲ -> الله).

    Each form becomes its Unicode compatibility (NFKC) mapping, so ``ﺃ``
    becomes ``أ`` and the spacing diacritic ``ﹰ`` becomes a space and ``ً``.
    The phrase ligatures are left to ``expand_phrase_ligatures``.

    Example:
        >>> NORMALIZATION_STEPS["presentation_forms"].apply("ﻻ ﺃﺣﺪ")
        'لا أحد'
    """
    phrases = _step_table("expand_phrase_ligatures")
    table: Table = {}
    for block in _PRESENTATION_BLOCKS:
        for code in block:
            if code in phrases:
                continue
            # NFKC of one character is bounded work; never call it on input text,
            # where it is quadratic on long runs of combining marks.
            folded = unicodedata.normalize("NFKC", chr(code))
            if folded != chr(code):
                table[code] = folded
    return table


@_step(changes_length=True)
def _remove_bidi_controls() -> Table:
    r"""Remove the invisible bidi controls: LRM, RLM, ALM, embeddings and isolates.

    Example:
        >>> NORMALIZATION_STEPS["remove_bidi_controls"].apply("\u200fالقدس\u200e")
        'القدس'
    """
    return _fold([0x061C, 0x200E, 0x200F, *_span(0x202A, 0x202E), *_span(0x2066, 0x2069)], "")


@_step(changes_length=True)
def _remove_zero_width() -> Table:
    r"""Remove zero-width characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM and soft hyphen.

    ZWNJ is part of Persian spelling and ZWJ glues emoji sequences; in Arabic
    news both are copy-paste debris that splits words for a matcher.

    Example:
        >>> NORMALIZATION_STEPS["remove_zero_width"].apply("غز\u200bة")
        'غزة'
    """
    return _fold([0x00AD, *_span(0x200B, 0x200D), *_span(0x2060, 0x2064), 0xFEFF], "")


@_step(changes_length=False)
def _unify_spaces() -> Table:
    r"""Replace space variants (no-break, thin, figure, ideographic, ...) with a plain space.

    Tabs and line breaks are structure, not spacing variants, and stay.

    Example:
        >>> NORMALIZATION_STEPS["unify_spaces"].apply("10\u00a0كيلومترات")
        '10 كيلومترات'
    """
    return _fold([0x00A0, 0x1680, *_span(0x2000, 0x200A), 0x202F, 0x205F, 0x3000], " ")


@_step(changes_length=True)
def _remove_tatweel() -> Table:
    """Remove tatweel (kashida, U+0640), the stroke that stretches a word to justify a line.

    Some outlets also type a lone tatweel as a dash after a dateline or in the
    Hijri abbreviation ``هـ``; this step removes those too.

    Example:
        >>> NORMALIZATION_STEPS["remove_tatweel"].apply("القـــاهرة")
        'القاهرة'
    """
    return _fold([0x0640], "")


@_step(changes_length=True)
def _remove_diacritics() -> Table:
    """Remove harakat and the other Arabic combining marks (U+064B-065F).

    That is tanwin, short vowels, shadda, sukun, and the combining hamza and
    madda marks (the precomposed letters ``أ آ ؤ`` are not marks and stay).

    Example:
        >>> NORMALIZATION_STEPS["remove_diacritics"].apply("كَتَبَ")
        'كتب'
    """
    return _fold(_span(0x064B, 0x065F), "")


@_step(changes_length=True)
def _remove_superscript_alef() -> Table:
    """Remove the superscript (dagger) alef U+0670, as in ``هٰذا``.

    Example:
        >>> NORMALIZATION_STEPS["remove_superscript_alef"].apply("هٰذا")
        'هذا'
    """
    return _fold([0x0670], "")


@_step(changes_length=True)
def _remove_quranic_marks() -> Table:
    r"""Remove Quranic annotation marks (small high letters, pause and recitation marks).

    Example:
        >>> NORMALIZATION_STEPS["remove_quranic_marks"].apply("العالمين\u06d6")
        'العالمين'
    """
    return _fold(
        [
            *_span(0x0610, 0x061A),
            *_span(0x06D6, 0x06DC),
            *_span(0x06DF, 0x06E4),
            0x06E7,
            0x06E8,
            *_span(0x06EA, 0x06ED),
            *_span(0x08D3, 0x08E1),
            *_span(0x08E3, 0x08FF),
        ],
        "",
    )


@_step(changes_length=False)
def _unify_persian_letters() -> Table:
    """Fold Persian and Urdu letter variants into Arabic ones (ی -> ي, ک -> ك, ە ۀ ھ ہ -> ه).

    Example:
        >>> NORMALIZATION_STEPS["unify_persian_letters"].apply("کرکوک و السلیمانیة")
        'كركوك و السليمانية'
    """
    return {
        0x06CC: "\u064a",  # FARSI YEH -> YEH
        0x06A9: "\u0643",  # KEHEH -> KAF
        0x06AA: "\u0643",  # SWASH KAF -> KAF
        0x06BE: "\u0647",  # HEH DOACHASHMEE -> HEH
        0x06C0: "\u0647",  # HEH WITH YEH ABOVE -> HEH
        0x06C1: "\u0647",  # HEH GOAL -> HEH
        0x06C2: "\u0647",  # HEH GOAL WITH HAMZA ABOVE -> HEH
        0x06C3: "\u0629",  # TEH MARBUTA GOAL -> TEH MARBUTA
        0x06D5: "\u0647",  # AE (Kurdish) -> HEH
    }


@_step(changes_length=False)
def _unify_alef() -> Table:
    """Fold the alef variants أ إ آ ٱ (and the wavy-hamza alefs ٲ ٳ) into bare ا.

    Example:
        >>> NORMALIZATION_STEPS["unify_alef"].apply("إعلان آخر")
        'اعلان اخر'
    """
    return _fold([0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673], "\u0627")


@_step(changes_length=False)
def _unify_alef_maksura() -> Table:
    """Fold alef maksura ى into yeh ي.

    Example:
        >>> NORMALIZATION_STEPS["unify_alef_maksura"].apply("على مستوى")
        'علي مستوي'
    """
    return _fold([0x0649], "\u064a")


@_step(changes_length=False)
def _unify_teh_marbuta() -> Table:
    """Fold teh marbuta ة into heh ه.

    Example:
        >>> NORMALIZATION_STEPS["unify_teh_marbuta"].apply("مدينة")
        'مدينه'
    """
    return _fold([0x0629], "\u0647")


@_step(changes_length=False)
def _unify_hamza_carriers() -> Table:
    """Fold the hamza carriers ؤ -> و and ئ -> ي.

    Example:
        >>> NORMALIZATION_STEPS["unify_hamza_carriers"].apply("مسؤول رئيس")
        'مسوول رييس'
    """
    return {0x0624: "\u0648", 0x0626: "\u064a"}


@_step(changes_length=False)
def _ascii_digits() -> Table:
    """Write Arabic-Indic and Persian digits as ASCII digits, with ٫ -> . and ٬ -> ,.

    Example:
        >>> NORMALIZATION_STEPS["ascii_digits"].apply("٢٠٢٤ و۱۴۰۳ و٣٫٥")
        '2024 و1403 و3.5'
    """
    table = {0x0660 + value: str(value) for value in range(10)}
    table.update({0x06F0 + value: str(value) for value in range(10)})
    table.update({0x066B: ".", 0x066C: ","})
    return table


@_step(changes_length=False)
def _ascii_punctuation() -> Table:
    """Write Arabic punctuation as ASCII: ، -> , ؛ -> ; ؟ -> ? ٪ -> % ۔ -> . ٭ -> *.

    Example:
        >>> NORMALIZATION_STEPS["ascii_punctuation"].apply("لماذا؟ قال، ثم مضى؛")
        'لماذا? قال, ثم مضى;'
    """
    return {
        0x060C: ",",  # ARABIC COMMA
        0x061B: ";",  # ARABIC SEMICOLON
        0x061F: "?",  # ARABIC QUESTION MARK
        0x066A: "%",  # ARABIC PERCENT SIGN
        0x066D: "*",  # ARABIC FIVE POINTED STAR
        0x06D4: ".",  # ARABIC FULL STOP (Urdu)
        0x204F: ";",  # REVERSED SEMICOLON
        0x2E2E: "?",  # REVERSED QUESTION MARK
        0x2E41: ",",  # REVERSED COMMA
    }


# --- Configuration -------------------------------------------------------------


def _switch(default: bool) -> bool:
    return attrs.field(default=default, validator=attrs.validators.instance_of(bool))


@attrs.frozen(cache_hash=True)
class NormalizeConfig:
    """Which normalization steps to run: one switch per step of ``NORMALIZATION_STEPS``.

    Build one from a profile and adjust it with ``attrs.evolve``. Steps
    always run in pipeline order, whatever order the switches are given in.

    The profiles, side by side:

    * :meth:`default`: presentation forms, bidi and zero-width controls,
      space variants. Cleans the encoding, keeps every spelling.
    * :meth:`matching`: ``default`` plus tatweel, diacritics, superscript
      alef, Quranic marks, every letter fold and ASCII digits.
    * :meth:`search`: ``matching`` plus ASCII punctuation.
    * ``expand_phrase_ligatures`` is in no profile.

    Example:
        >>> import attrs
        >>> config = attrs.evolve(NormalizeConfig.default(), remove_diacritics=True)
        >>> config.enabled_steps()[-1]
        'remove_diacritics'
    """

    expand_phrase_ligatures: bool = _switch(False)
    presentation_forms: bool = _switch(True)
    remove_bidi_controls: bool = _switch(True)
    remove_zero_width: bool = _switch(True)
    unify_spaces: bool = _switch(True)
    remove_tatweel: bool = _switch(False)
    remove_diacritics: bool = _switch(False)
    remove_superscript_alef: bool = _switch(False)
    remove_quranic_marks: bool = _switch(False)
    unify_persian_letters: bool = _switch(False)
    unify_alef: bool = _switch(False)
    unify_alef_maksura: bool = _switch(False)
    unify_teh_marbuta: bool = _switch(False)
    unify_hamza_carriers: bool = _switch(False)
    ascii_digits: bool = _switch(False)
    ascii_punctuation: bool = _switch(False)

    @classmethod
    def default(cls) -> NormalizeConfig:
        r"""The conservative profile: cleans the encoding, never changes a spelling.

        Presentation forms become letters, invisible bidi and zero-width
        characters go, space variants become spaces. Tatweel stays (some
        outlets use it as a dash), and so do diacritics, hamza and letters.

        Example:
            >>> normalize("ﺍﻟﻘﺪﺱ\u200f", NormalizeConfig.default())
            'القدس'
        """
        return cls()

    @classmethod
    def matching(cls) -> NormalizeConfig:
        """The profile arnews' extractors match in: every letter fold, punctuation kept.

        Removes tatweel, diacritics, the superscript alef and Quranic marks;
        folds alef variants, ``ى``, ``ة``, hamza carriers and Persian letters;
        writes digits in ASCII. Punctuation (``،``, ``« »``) stays for the
        extractors to see.

        Example:
            >>> normalize("إلى المدينة في ٣ يوليو", NormalizeConfig.matching())
            'الي المدينه في 3 يوليو'
        """
        return cls(
            remove_tatweel=True,
            remove_diacritics=True,
            remove_superscript_alef=True,
            remove_quranic_marks=True,
            unify_persian_letters=True,
            unify_alef=True,
            unify_alef_maksura=True,
            unify_teh_marbuta=True,
            unify_hamza_carriers=True,
            ascii_digits=True,
        )

    @classmethod
    def search(cls) -> NormalizeConfig:
        """The profile for indexing and search: :meth:`matching` plus ASCII punctuation.

        Example:
            >>> normalize("هل وصلَتْ الطائرة؟", NormalizeConfig.search())
            'هل وصلت الطايره?'
        """
        return attrs.evolve(cls.matching(), ascii_punctuation=True)

    @classmethod
    def none(cls) -> NormalizeConfig:
        """Every step off: normalization returns the text unchanged.

        Example:
            >>> NormalizeConfig.none().enabled_steps()
            ()
        """
        return cls(**dict.fromkeys(_REGISTRY, False))

    def enabled_steps(self) -> tuple[str, ...]:
        """The names of the steps this config runs, in pipeline order.

        Example:
            >>> NormalizeConfig.default().enabled_steps()
            ('presentation_forms', 'remove_bidi_controls', 'remove_zero_width', 'unify_spaces')
        """
        return tuple(name for name in _REGISTRY if getattr(self, name))


_DEFAULT = NormalizeConfig()


# The plans of the configs met last, by identity: _compile's cache hashes and
# compares all the fields of a config on every call, which costs more than
# normalizing a short line. Each entry holds its config, so an id is never
# reused while it is here; the table stops growing at _MAX_KNOWN_PLANS.
_KNOWN_PLANS: dict[int, tuple[NormalizeConfig | None, _Plan]] = {}
_MAX_KNOWN_PLANS = 64


def _plan(config: NormalizeConfig | None) -> _Plan:
    """The compiled plan of ``config`` (``None``: the default); TypeError for anything else."""
    known = _KNOWN_PLANS.get(id(config))
    if known is not None and known[0] is config:
        return known[1]
    plan = _compile(_resolve(config))
    if len(_KNOWN_PLANS) < _MAX_KNOWN_PLANS:
        _KNOWN_PLANS[id(config)] = (config, plan)
    return plan


def _resolve(config: NormalizeConfig | None) -> NormalizeConfig:
    if config is None:
        return _DEFAULT
    if not isinstance(config, NormalizeConfig):
        raise TypeError(f"config must be a NormalizeConfig or None, not {type(config).__name__}")
    return config


# --- The one-byte alphabet of the fast path ----------------------------------------

_SENTINEL = "\uffff"  # a noncharacter: byte 0xFF, also used to join text pieces
_SENTINEL_BYTE = b"\xff"
_MAX_PASSES = 4  # the pipeline order reaches a fixed point in one pass; the rest is a safeguard


def _alphabet() -> str:
    """The 255 characters that make up nearly all Arabic news text, plus the sentinel."""
    codes = [
        *range(0x80),
        *(0x00A0, 0x00AB, 0x00AD, 0x00B0, 0x00BB, 0x00D7, 0x00E9, 0x00F7),
        *(0x060C, 0x061B, 0x061C, 0x061F),
        *_span(0x0621, 0x063A),
        *_span(0x0640, 0x065F),
        *_span(0x0660, 0x066D),
        *(0x0670, 0x0671),
        *(
            0x067E,
            0x0686,
            0x0698,
            0x06A4,
            0x06A9,
            0x06AF,
            0x06BE,
            0x06C0,
            0x06C1,
            0x06CC,
            0x06D2,
            0x06D4,
            0x06D5,
        ),
        *_span(0x06F0, 0x06F9),
        *_span(0x200B, 0x200F),
        *(0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026),
        *(0x202B, 0x202C, 0x2067, 0x2069, 0xFEFF),
    ]
    return "".join(map(chr, codes)) + _SENTINEL


_DECODING = _alphabet()
_ENCODING = codecs.charmap_build(_DECODING)
_BYTE_OF = {char: index for index, char in enumerate(_DECODING)}


def char_class(chars: Iterable[str]) -> str:
    r"""A regex character class body for ``chars``, as escaped code-point ranges.

    Example:
        >>> char_class("با")
        '\\U00000627-\\U00000628'
    """
    codes = sorted(set(map(ord, chars)))
    parts: list[str] = []
    for _, group in itertools.groupby(enumerate(codes), lambda pair: pair[1] - pair[0]):
        run = [code for _, code in group]
        first, last = run[0], run[-1]
        parts.append(f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}")
    return "".join(parts)


_OUTSIDE_ERRORS = "arnews.outside"
_OUTSIDE_RUN = re.compile(rb"\xff[\xff]*")  # a literal first byte: sre scans for it fast


def _mark_outside(error: UnicodeError) -> tuple[bytes, int]:
    """Codec error handler: encode each character outside the alphabet as the sentinel byte.

    The encoded text keeps one byte per original character, so the runs of
    outside characters stand where the runs of sentinel bytes stand, and
    ``_run`` finds them there afterwards. The handler keeps no state at all:
    it is a pure function of the error it is given, so any number of threads
    can encode at once, and a call that starts while another is in progress
    in the same thread (a signal handler or a finalizer that normalizes) does
    not disturb it. It acts only for the charmap codec, the one ``_run``
    uses; anywhere else it behaves like ``strict``.
    """
    if not isinstance(error, UnicodeEncodeError) or error.encoding != "charmap":
        raise error
    return _SENTINEL_BYTE * (error.end - error.start), error.end


codecs.register_error(_OUTSIDE_ERRORS, _mark_outside)


# --- Compiling a config ----------------------------------------------------------

_Link = tuple[str, str, str]
"""One step's effect on one character: (step name, before, after)."""


@attrs.frozen(eq=False)
class _Plan:
    """A config compiled into tables (see the module docstring)."""

    table: Mapping[int, str]
    # The enabled steps' tables, in pipeline order: what ``chains`` is traced with.
    steps: tuple[tuple[str, Mapping[int, str]], ...]
    byte_table: bytes
    byte_delete: bytes
    byte_lengths: bytes
    lengths: Mapping[str, int]
    changed: re.Pattern[str]

    @functools.cached_property
    def chains(self) -> Mapping[int, tuple[_Link, ...]]:
        """Each changed character's steps, in order; built on the first :func:`explain`, the one user."""
        # A race between two threads traces twice, identically.
        return {code: _trace(chr(code), self.steps)[1] for code in self.table}

    def run_lengths(self, run: str) -> bytes:
        """How many characters each character of ``run`` becomes, one byte each."""
        return bytes(map(self.lengths.get, run, itertools.repeat(1)))


def _trace(char: str, tables: Iterable[tuple[str, Mapping[int, str]]]) -> tuple[str, tuple[_Link, ...]]:
    """Run one character through the steps until nothing changes; return the result and its links."""
    current = char
    links: list[_Link] = []
    for _ in range(_MAX_PASSES):
        before_pass = current
        for name, table in tables:
            after = current.translate(table)
            if after != current:
                links.append((name, current, after))
                current = after
        if current == before_pass:
            return current, tuple(links)
    raise RuntimeError(f"normalization steps do not reach a fixed point on {char!r}")  # pragma: no cover


# Joins the characters _compose runs through the steps all at once.
_COMPOSE_SEPARATOR = "\n"


def _compose(tables: tuple[tuple[str, Mapping[int, str]], ...]) -> dict[int, str]:
    """Map every character some step changes to what the whole pipeline makes of it.

    A step maps each character on its own, so the characters are joined and
    run through the steps together, one :meth:`str.translate` per step and
    pass, as long as no step touches or produces the separator: the same
    fixed point as tracing them one by one (:func:`_trace`, a few
    translations per character and step), in a fraction of the time. A
    character the pipeline turns back into itself is traced alone: it is
    in the table when some step changed it on the way.
    """
    codes = sorted(set().union(*(step_table.keys() for _, step_table in tables)))
    separator = _COMPOSE_SEPARATOR
    if not codes:
        return {}
    if any(ord(separator) in t or any(separator in out for out in t.values()) for _, t in tables):
        traced = {code: _trace(chr(code), tables) for code in codes}  # pragma: no cover
        return {code: result for code, (result, links) in traced.items() if links}  # pragma: no cover
    joined = separator.join(map(chr, codes))
    for _ in range(_MAX_PASSES):
        before_pass = joined
        for _, step_table in tables:
            joined = joined.translate(step_table)
        if joined == before_pass:
            break
    else:  # pragma: no cover
        raise RuntimeError("normalization steps do not reach a fixed point")
    return {
        code: result
        for code, result in zip(codes, joined.split(separator), strict=True)
        if result != chr(code) or _trace(result, tables)[1]
    }


@functools.cache
def _compile(config: NormalizeConfig) -> _Plan:
    """Compose the enabled steps into one table per code point, then into byte tables."""
    tables = tuple((name, _step_table(name)) for name in config.enabled_steps())
    table = _compose(tables)
    byte_table = bytearray(range(256))
    byte_delete = bytearray()
    byte_lengths = bytearray(b"\x01" * 256)
    for index, char in enumerate(_DECODING):
        result = table.get(ord(char), char)
        if not result:
            byte_delete.append(index)
            byte_lengths[index] = 0
        else:
            # Every step maps the alphabet into itself; tests check it for every step.
            byte_table[index] = _BYTE_OF[result]
    lengths = {chr(code): len(result) for code, result in table.items() if len(result) != 1}
    changed = re.compile(f"[{char_class(map(chr, table))}]+" if table else "(?!)")
    return _Plan(table, tables, bytes(byte_table), bytes(byte_delete), bytes(byte_lengths), lengths, changed)


# --- Running a plan ----------------------------------------------------------------


class _Outcome(NamedTuple):
    """What running a plan gives: the result and, when asked, the offset map's raw material.

    ``lengths`` has one byte per original character: how many characters it
    became. ``expands`` says whether any became more than one, which only
    characters outside the alphabet do. A named tuple: every normalize call
    makes one and drops it at once.
    """

    text: str
    lengths: bytes = b""
    expands: bool = False


# The split path below costs about 2 microseconds per run of outside
# characters, str.translate about 70 nanoseconds per character of the whole
# text; past one outside character in this many, str.translate is cheaper,
# and the split path's per-run pieces would also hold several times the
# input's memory (issue 9: 1 MB of emoji ZWJ chains or bidi overrides).
_SPLIT_PATH_DENSITY = 64


def _run(text: str, plan: _Plan, *, with_lengths: bool) -> _Outcome:
    """Normalize ``text``; with ``with_lengths``, also say how long each character became."""
    if _SENTINEL in text:
        return _run_plain(text, plan, with_lengths=with_lengths)
    encoded = codecs.charmap_encode(text, _OUTSIDE_ERRORS, _ENCODING)[0]
    # The text holds no sentinel of its own (checked above), so every sentinel
    # byte stands for an outside character; most texts have none at all.
    outside_count = encoded.count(_SENTINEL_BYTE)
    if outside_count * _SPLIT_PATH_DENSITY > len(encoded):
        del encoded  # not needed by the plain path; free it before it allocates
        return _run_plain(text, plan, with_lengths=with_lengths)
    translated = encoded.translate(plan.byte_table, plan.byte_delete)
    result = codecs.charmap_decode(translated, "strict", _DECODING)[0]
    if not outside_count:
        # Inside the alphabet no character expands, so a result as long as
        # the text removed nothing either: in step, no lengths needed.
        if not with_lengths or len(result) == len(text):
            return _Outcome(result)
        return _Outcome(result, encoded.translate(plan.byte_lengths))
    lengths = encoded.translate(plan.byte_lengths) if with_lengths else b""
    found = list(_OUTSIDE_RUN.finditer(encoded))
    starts = list(map(re.Match.start, found))
    runs = list(map(text.__getitem__, map(slice, starts, map(re.Match.end, found))))
    # The sentinels are never removed, so the stretch of result before run r is
    # the piece before its first sentinel, whatever the steps removed around it.
    pieces = result.split(_SENTINEL)
    between = list(map(pieces.__getitem__, itertools.accumulate(map(len, runs), initial=0)))
    result = _interleave(between, map(str.translate, runs, itertools.repeat(plan.table)), "")
    if not with_lengths:
        return _Outcome(result)
    # The lengths hold 1 for every outside character; correct the few that are not.
    outside = plan.run_lengths("".join(runs))
    if outside.count(1) == len(outside):
        return _Outcome(result, lengths)
    corrected = bytearray(lengths)
    run_ends = list(itertools.accumulate(map(len, runs)))
    for odd in _NOT_ONE.finditer(outside):
        run = bisect.bisect_right(run_ends, odd.start())
        position = starts[run] + odd.start() - (run_ends[run] - len(runs[run]))
        corrected[position] = outside[odd.start()]
    return _Outcome(result, bytes(corrected), _expands(outside))


def _expands(lengths: bytes) -> bool:
    """Whether any character became more than one (a length byte other than 0 or 1)."""
    return bool(lengths.translate(None, b"\x00\x01"))


def _interleave(between: list[_Piece], runs: Iterable[_Piece], empty: _Piece) -> _Piece:
    parts = [empty] * (2 * len(between) - 1)
    parts[0::2] = between
    parts[1::2] = runs
    return empty.join(parts)


def _run_plain(text: str, plan: _Plan, *, with_lengths: bool) -> _Outcome:
    """The path for text holding the sentinel itself or dense in outside characters: str.translate."""
    result = text.translate(plan.table)
    if not with_lengths:
        return _Outcome(result)
    lengths = plan.run_lengths(text)
    return _Outcome(result, lengths, _expands(lengths))


def normalize(text: str, config: NormalizeConfig | None = None) -> str:
    """Normalize ``text`` with the steps ``config`` enables.

    Args:
        text: Any string.
        config: The steps to run; ``None`` means :meth:`NormalizeConfig.default`.

    Returns:
        The normalized text. Normalizing it again returns it unchanged.

    Raises:
        TypeError: If ``text`` is not a ``str`` or ``config`` is not a
            :class:`NormalizeConfig`.

    Example:
        >>> normalize("قالَ المـتحدث إنّ ١٠ أشخاص أُصيبوا", NormalizeConfig.search())
        'قال المتحدث ان 10 اشخاص اصيبوا'
    """
    text = require_str(text)
    plan = _plan(config)
    if not plan.table:
        return text
    return _run(text, plan, with_lengths=False).text


# --- The offset map ----------------------------------------------------------------

_NOT_ONE = re.compile(rb"[^\x01]")
# In the lengths bytes (one per original character: how many normalized
# characters it became), the places where the two texts stop running in step
# are the runs of removed characters and the characters that became several.
# Each pattern opens with a literal byte, which sre finds with a fast scan; a
# pattern opening with a class or an alternation scans about 15 times slower.
_REMOVED_RUN = re.compile(rb"\x00[\x00]*")
_EXPANSION = re.compile(rb"\x02")
_MARK_EXPANSIONS = bytes([0, 1, *[2] * 254])  # lengths.translate(): every expansion becomes 2

_Direction = tuple["array.array[int]", "array.array[int]", "array.array[int]"]
"""One direction of the offset map: (keys, shifts, caps); see :func:`_breakpoints`."""


def _breakpoints(lengths: bytes, size: int) -> tuple[_Direction, _Direction]:
    """Build both directions of the offset map from the lengths bytes, in a few C-level passes.

    Between the K places where the texts fall out of step (a run of removed
    characters, or one character that became several), the original and
    normalized texts advance one character for one, so an offset maps by
    adding a constant. Each direction is three arrays of 8-byte integers: sorted ``keys``, the
    offsets where a place ends; ``shifts``, the constant to add between two
    keys; ``caps``, the largest result there. With ``k`` the number of keys
    at or before offset ``i``, ``i`` maps to ``min(i + shifts[k], caps[k])``:

    * forward (original to normalized), the keys are the original offsets
      where the places end; the cap keeps an offset inside a removed run on
      the point where the run's output would start.
    * backward (normalized to original), the keys are the normalized offsets
      where the texts resume in step; the cap keeps an offset inside the
      output of an expanded character on that character.

    Closing entries make ``len(text)`` and ``len(original)`` map to each
    other with no special case.

    Args:
        lengths: One byte per original character: how many it became.
        size: The length of the normalized text.

    Returns:
        The forward and the backward direction.
    """
    if lengths.translate(None, b"\x00\x01"):
        # Rare (only characters outside the fast alphabet expand): add them and
        # sort; the places never overlap, so starts and ends sort alike.
        found = [*_REMOVED_RUN.finditer(lengths), *_EXPANSION.finditer(lengths.translate(_MARK_EXPANSIONS))]
        found.sort(key=re.Match.start)
        starts = array.array("q", map(re.Match.start, found))
        ends = array.array("q", map(re.Match.end, found))
        del found
    else:
        # Two scans rather than one list of match objects: a match object
        # holds about a hundred bytes, an array entry eight (issue 9).
        starts = array.array("q", map(re.Match.start, _REMOVED_RUN.finditer(lengths)))
        ends = array.array("q", map(re.Match.end, _REMOVED_RUN.finditer(lengths)))
    made = map(lengths.__getitem__, starts)  # 0 for a removed run, n for one char that became n
    # How many more original than normalized characters lie before each place's end.
    shifts = array.array("q", itertools.accumulate(map(operator.sub, map(operator.sub, ends, starts), made)))
    resumes = array.array("q", map(operator.sub, ends, shifts))
    resumes.append(size)
    original = len(lengths)
    forward = (ends, array.array("q", [0]) + array.array("q", map(operator.neg, shifts)), resumes)
    backward = (resumes, array.array("q", [0]) + shifts + array.array("q", [original - size]), starts)
    starts.extend((original, original))
    return forward, backward


def _lookup(direction: _Direction, i: int) -> int:
    """Map one offset: a bisect over the keys, an addition and a cap."""
    keys, shifts, caps = direction
    at = bisect.bisect_right(keys, i)
    mapped: int = i + shifts[at]
    cap = caps[at]
    if mapped > cap:
        return cap
    return mapped


def _walk(direction: _Direction, offsets: list[int], limit: int) -> list[int]:
    """Map many offsets (each in ``0..limit``) in one merge walk through the keys.

    While the offsets grow and stay below the next key, each costs an
    addition and a comparison; the walk bisects (from where it stands) only
    when an offset passes the next key, and from the start only when an
    offset is smaller than the one before. Sorted input thus costs O(m + k)
    with no bisect at all for offsets in the same stretch, and any order stays
    correct at O(log k) per offset.
    """
    keys, shifts, caps = direction
    count = len(keys)
    mapped: list[int] = []
    append = mapped.append
    at = last = 0
    following = keys[0] if count else limit + 1
    shift, cap = shifts[0], caps[0]
    for i in offsets:
        if i >= following or i < last:
            at = bisect.bisect_right(keys, i, at if i >= last else 0)
            shift, cap = shifts[at], caps[at]
            following = keys[at] if at < count else limit + 1
        last = i
        # A conditional, not min(): the builtin call would double the cost per offset.
        append(cap if i + shift > cap else i + shift)  # noqa: FURB136
    return mapped


def _out_of_range(offsets: list[int], limit: int) -> None:
    """Raise IndexError when any of ``offsets`` is outside ``0..limit``."""
    if offsets and (min(offsets) < 0 or max(offsets) > limit):
        bad = next(i for i in offsets if not 0 <= i <= limit)
        raise IndexError(f"offset {bad} is outside 0..{limit}")


@attrs.frozen
class Aligned:
    """A normalized text with the map between its offsets and the original's.

    Build one with :func:`normalize_aligned`. Each original character becomes
    zero (removed), one, or several (``ﻻ`` -> ``لا``) normalized characters,
    in order, so both directions of the map are monotone:

    * :meth:`to_normalized` maps an original offset to the normalized offset
      where that character's output starts.
    * :meth:`to_original` maps a normalized offset to the start of the
      original character that produced the character there.
    * :meth:`span_to_original` gives the tightest original span whose
      characters produced the normalized span: a removed character inside is
      included, removed characters just outside its edges are not, and a span
      that covers part of an expansion widens to the whole original character
      (spaCy's ``expand`` mode).
    * :meth:`to_original_many`, :meth:`to_normalized_many` and
      :meth:`spans_to_original` do the same for many offsets or spans at once.

    Cost: when normalization changed no length (the text was already clean,
    or only one-for-one folds fired) there is no map at all and a lookup is
    a range check. Otherwise the first lookup builds the map once, in a few
    C-level passes over one byte per character: a sorted array of breakpoints,
    one per run of removed characters and one per expanded character. Each
    lookup after that is one ``bisect`` over the breakpoints, O(log k). The
    bulk methods walk the breakpoints once as their offsets grow, so sorted
    offsets cost an addition and a comparison each.

    Attributes:
        text: The normalized text.
        original: The text as given.

    Example:
        >>> al = normalize_aligned("قالَ الوزيرُ", NormalizeConfig.matching())
        >>> al.text
        'قال الوزير'
        >>> found = al.text.index("الوزير")
        >>> al.span_to_original(Span(found, found + 6)).slice(al.original)
        'الوزير'
    """

    text: str
    original: str
    # One byte per original character (how many it became); empty when the
    # two texts run in step throughout, which needs no map.
    _lengths: bytes = attrs.field(repr=False, eq=False)

    @functools.cached_property
    def _map(self) -> tuple[_Direction, _Direction]:
        # Built on the first lookup only: many Aligned are searched and never
        # mapped. A race between two threads builds it twice, identically.
        return _breakpoints(self._lengths, len(self.text))

    def to_original(self, i: int) -> int:
        """Map a normalized offset to an original one.

        Args:
            i: An offset into :attr:`text`, from 0 to ``len(text)``.

        Returns:
            The offset of the original character that produced the normalized
            character at ``i`` (``len(original)`` when ``i == len(text)``).

        Raises:
            IndexError: If ``i`` is out of range.

        Example:
            >>> al = normalize_aligned("الـمـدينة", NormalizeConfig.matching())
            >>> al.text, al.to_original(2), al.to_original(len(al.text))
            ('المدينه', 3, 9)
        """
        if not 0 <= i <= len(self.text):
            raise IndexError(f"offset {i} is outside 0..{len(self.text)}")
        if not self._lengths:
            return i
        return _lookup(self._map[1], i)

    def to_normalized(self, i: int) -> int:
        """Map an original offset to a normalized one.

        Args:
            i: An offset into :attr:`original`, from 0 to ``len(original)``.

        Returns:
            The offset in :attr:`text` where the output of the original
            character at ``i`` starts.

        Raises:
            IndexError: If ``i`` is out of range.

        Example:
            >>> normalize_aligned("كَتَبَ", NormalizeConfig.matching()).to_normalized(4)
            2
        """
        if not 0 <= i <= len(self.original):
            raise IndexError(f"offset {i} is outside 0..{len(self.original)}")
        if not self._lengths:
            return i
        return _lookup(self._map[0], i)

    def to_original_many(self, offsets: Iterable[int]) -> list[int]:
        """Map many normalized offsets to original ones: :meth:`to_original` for each.

        Fastest for sorted offsets (the order a left-to-right scan finds
        them in): one merge walk through the map's breakpoints, an addition
        and a comparison per offset. Any order and repeats are fine too: an
        offset smaller than the one before costs one binary search.

        Args:
            offsets: Offsets into :attr:`text`, each from 0 to ``len(text)``.

        Returns:
            The original offsets, in the order of ``offsets``.

        Raises:
            IndexError: If any offset is out of range.

        Example:
            >>> al = normalize_aligned("الـمـدينة", NormalizeConfig.matching())
            >>> al.to_original_many([0, 2, 3, 7])
            [0, 3, 5, 9]
        """
        wanted = list(offsets)
        _out_of_range(wanted, len(self.text))
        if not self._lengths or not wanted:
            return wanted
        return _walk(self._map[1], wanted, len(self.text))

    def to_normalized_many(self, offsets: Iterable[int]) -> list[int]:
        """Map many original offsets to normalized ones: :meth:`to_normalized` for each.

        Like :meth:`to_original_many`: one merge walk for sorted offsets,
        any order accepted.

        Args:
            offsets: Offsets into :attr:`original`, each from 0 to ``len(original)``.

        Returns:
            The normalized offsets, in the order of ``offsets``.

        Raises:
            IndexError: If any offset is out of range.

        Example:
            >>> normalize_aligned("كَتَبَ", NormalizeConfig.matching()).to_normalized_many([0, 1, 2, 6])
            [0, 1, 1, 3]
        """
        wanted = list(offsets)
        _out_of_range(wanted, len(self.original))
        if not self._lengths or not wanted:
            return wanted
        return _walk(self._map[0], wanted, len(self.original))

    def span_to_original(self, span: Span) -> Span:
        """Map a span of the normalized text to the tightest original span that produced it.

        Args:
            span: A span of :attr:`text`.

        Returns:
            The original span; an empty span maps to an empty span.

        Raises:
            IndexError: If the span reaches past the end of :attr:`text`.

        Example:
            >>> al = normalize_aligned("في ٢٠٢٤م", NormalizeConfig.matching())
            >>> al.span_to_original(Span(3, 7)).slice(al.original)
            '٢٠٢٤'
        """
        start, end = span.start, span.end
        if end > len(self.text):
            raise IndexError(f"offset {end} is outside 0..{len(self.text)}")
        if not self._lengths:
            return span
        first = self.to_original(start)
        if start == end:
            return Span(first, first)
        return Span(first, self.to_original(end - 1) + 1)

    def spans_to_original(self, spans: Iterable[Span]) -> list[Span]:
        """Map many normalized spans to original ones: :meth:`span_to_original` for each.

        Args:
            spans: Spans of :attr:`text`, in any order.

        Returns:
            The original spans, in the order of ``spans``.

        Raises:
            IndexError: If any span reaches past the end of :attr:`text`.

        Example:
            >>> al = normalize_aligned("قالَ المـتحدث", NormalizeConfig.matching())
            >>> [span.slice(al.original) for span in al.spans_to_original([Span(0, 3), Span(4, 11)])]
            ['قال', 'المـتحدث']
        """
        wanted = list(spans)
        starts = list(map(_START, wanted))
        ends = list(map(_END, wanted))
        _out_of_range(ends, len(self.text))
        if not self._lengths:
            return wanted
        # The last character of a non-empty span is at end - 1; an empty span
        # maps to the empty span at its start, and start == end there.
        filled = list(map(operator.lt, starts, ends))
        mapped = self.to_original_many(starts + list(map(operator.sub, ends, filled)))
        lasts = map(operator.add, mapped[len(wanted) :], filled)
        return list(map(Span, mapped[: len(wanted)], lasts))

    def span_to_normalized(self, span: Span) -> Span:
        """Map a span of the original text to the normalized span its characters became.

        Args:
            span: A span of :attr:`original`.

        Returns:
            The normalized span (empty when every character in it was removed).

        Raises:
            IndexError: If the span reaches past the end of :attr:`original`.

        Example:
            >>> al = normalize_aligned("ﻻ بأس", NormalizeConfig.matching())
            >>> al.text[al.span_to_normalized(Span(0, 1)).start :][:2]
            'لا'
        """
        if span.end > len(self.original):
            raise IndexError(f"offset {span.end} is outside 0..{len(self.original)}")
        if not self._lengths:
            return span
        return Span(self.to_normalized(span.start), self.to_normalized(span.end))


_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def _aligned(text: str, outcome: _Outcome) -> Aligned:
    """Wrap an outcome; keep its lengths only when the texts fall out of step somewhere."""
    in_step = len(outcome.text) == len(text) and not outcome.expands
    return Aligned(outcome.text, text, b"" if in_step else outcome.lengths)


def in_step(al: Aligned) -> bool:
    """Whether every original character became exactly one normalized character.

    Then an offset is the same in both texts, and no character of the
    original was removed or expanded (the extractors take offsets over as
    they are then, without a lookup).

    Example:
        >>> in_step(normalize_aligned("قال", NormalizeConfig.matching()))
        True
        >>> in_step(normalize_aligned("قالَ", NormalizeConfig.matching()))
        False
    """
    return not al._lengths


def normalize_aligned(text: str, config: NormalizeConfig | None = None) -> Aligned:
    """Normalize ``text`` and keep the map between normalized and original offsets.

    This is how arnews matches on a normalized shadow yet reports offsets into
    the text the caller gave: search :attr:`Aligned.text`, then map each match
    back with :meth:`Aligned.span_to_original`.

    Args:
        text: Any string.
        config: The steps to run; ``None`` means :meth:`NormalizeConfig.default`.

    Returns:
        The :class:`Aligned` text; its ``text`` equals ``normalize(text, config)``.

    Raises:
        TypeError: If ``text`` is not a ``str`` or ``config`` is not a
            :class:`NormalizeConfig`.

    Example:
        >>> al = normalize_aligned("وصل إلى الرياض", NormalizeConfig.matching())
        >>> start = al.text.index("الي")
        >>> al.span_to_original(Span(start, start + 3)).slice(al.original)
        'إلى'
    """
    text = require_str(text)
    plan = _plan(config)
    if not plan.table:
        return Aligned(text, text, b"")
    return _aligned(text, _run(text, plan, with_lengths=True))


# --- Explaining ----------------------------------------------------------------------


@attrs.frozen
class Change:
    """One step's change to a stretch of the original text, as :func:`explain` reports it.

    Attributes:
        step: The name of the step (a key of ``NORMALIZATION_STEPS``).
        span: Where the changed characters stand in the original text.
        before: The characters as this step received them (the original
            characters, unless an earlier step already changed them).
        after: What this step made of them.

    Example:
        >>> import arnews
        >>> arnews.explain("أحمد", arnews.NormalizeConfig.search())[0]
        Change(step='unify_alef', span=Span(start=0, end=1), before='أ', after='ا')
    """

    step: str
    span: Span
    before: str
    after: str


def explain(text: str, config: NormalizeConfig | None = None) -> list[Change]:
    """Say which steps changed which characters of ``text``, and where.

    Adjacent characters changed by the same step are reported as one change.
    A character that several steps changed in turn (``ﺃ`` -> ``أ`` -> ``ا``)
    has one change per step, in pipeline order.

    Args:
        text: Any string.
        config: The steps to run; ``None`` means :meth:`NormalizeConfig.default`.

    Returns:
        The changes, ordered by where they start and then by pipeline order.

    Raises:
        TypeError: If ``text`` is not a ``str`` or ``config`` is not a
            :class:`NormalizeConfig`.

    Example:
        >>> for change in explain("أكّـد", NormalizeConfig.matching()):
        ...     print(change.step, change.span.start, change.span.end, change.after == "")
        unify_alef 0 1 False
        remove_diacritics 2 3 True
        remove_tatweel 3 4 True
    """
    text = require_str(text)
    plan = _plan(config)
    # Runs of changed characters are disjoint and found in order, so the
    # changes need sorting only inside a run, never as a whole.
    changes: list[Change] = []
    append = changes.append
    for found in plan.changed.finditer(text):
        start, run = found.start(), found.group()
        if len(run) > 1:
            changes += _explain_run(run, start, plan.chains)
            continue
        # The commonest case, a lone mark, letter or control: its chain is in pipeline order.
        for step, before, after in plan.chains[ord(run)]:
            append(Change(step, Span(start, start + 1), before, after))
    return changes


def _explain_run(run: str, start: int, chains: Mapping[int, tuple[_Link, ...]]) -> list[Change]:
    """The changes in one run of changed characters starting at ``start``.

    Each step's characters are gathered in lists and joined once the step's
    stretch ends: growing a Change character by character was quadratic on a
    long run (ten thousand diacritics on one letter).
    """
    open_runs: dict[str, tuple[int, list[str], list[str]]] = {}
    done: list[Change] = []
    for offset, char in enumerate(run, start):
        for step, before, after in chains[ord(char)]:
            current = open_runs.get(step)
            if current is not None and current[0] + len(current[1]) == offset:
                current[1].append(before)
                current[2].append(after)
                continue
            if current is not None:
                done.append(_close(step, *current))
            open_runs[step] = (offset, [before], [after])
    done += (_close(step, *current) for step, current in open_runs.items())
    return sorted(done, key=_pipeline_position)


def _close(step: str, first: int, befores: list[str], afters: list[str]) -> Change:
    return Change(step, Span(first, first + len(befores)), "".join(befores), "".join(afters))


def _pipeline_position(change: Change) -> tuple[int, int]:
    return change.span.start, _STEP_RANK[change.step]


_STEP_RANK = {name: rank for rank, name in enumerate(_REGISTRY)}
