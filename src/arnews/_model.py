"""The typed, immutable article model.

Every annotation is a half-open ``[start, end)`` span of code-point offsets
into the exact string the caller passed: ``text[span.start:span.end]`` is
always the annotation's text. Nothing here points into a normalized copy.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "Agency",
    "Article",
    "Calendar",
    "Credit",
    "Cue",
    "Dateline",
    "Language",
    "NewsDate",
    "Paragraph",
    "Quote",
    "QuoteKind",
    "Sentence",
    "Span",
    "Speaker",
    "Token",
    "TokenKind",
]


def _non_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(order=True)
class Span:
    """A half-open ``[start, end)`` range of code-point offsets into a text.

    Args:
        start: Offset of the first character.
        end: Offset one past the last character; ``start <= end``.

    Raises:
        ValueError: If ``start < 0`` or ``end < start``.

    Example:
        >>> span = Span(7, 10)
        >>> span.slice("أستانا أول يوليو")
        'أول'
        >>> len(span)
        3
    """

    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field()

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.start:
            raise ValueError(f"end must be >= start, got start={self.start} end={value}")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """Return the part of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies wholly inside this span.

        Example:
            >>> Span(0, 10).contains(Span(2, 5))
            True
        """
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character.

        Example:
            >>> Span(0, 5).overlaps(Span(4, 8)), Span(0, 5).overlaps(Span(5, 8))
            (True, False)
        """
        return self.start < other.end and other.start < self.end


class TokenKind(enum.StrEnum):
    """What a :class:`Token` is.

    Example:
        >>> import arnews
        >>> arnews.tokens("في 2024")[1].kind
        <TokenKind.NUMBER: 'number'>
    """

    WORD = "word"
    NUMBER = "number"
    PUNCTUATION = "punctuation"
    LATIN = "latin"
    URL = "url"
    EMAIL = "email"
    HASHTAG = "hashtag"
    MENTION = "mention"
    EMOJI = "emoji"
    SYMBOL = "symbol"


class Calendar(enum.StrEnum):
    """The calendar a :class:`NewsDate` is written in.

    Example:
        >>> import arnews
        >>> arnews.parse_date("24 رمضان 1445 هـ").calendar
        <Calendar.HIJRI: 'hijri'>
    """

    GREGORIAN = "gregorian"
    HIJRI = "hijri"


class QuoteKind(enum.StrEnum):
    """Direct speech (in quote marks or after a cue and a colon) or indirect speech.

    Example:
        >>> import arnews
        >>> arnews.find_quotes("قال الوزير إن الطريق مفتوح.")[0].kind
        <QuoteKind.INDIRECT: 'indirect'>
    """

    DIRECT = "direct"
    INDIRECT = "indirect"


@attrs.frozen
class Token:
    """A word, number, punctuation mark or other unit of text.

    Attributes:
        span: Where the token stands in the text.
        text: The token exactly as written (diacritics and tatweel kept).
        kind: What the token is.

    Example:
        >>> import arnews
        >>> arnews.tokens("قال الوزير")[0]
        Token(span=Span(start=0, end=3), text='قال', kind=<TokenKind.WORD: 'word'>)
    """

    span: Span
    text: str
    kind: TokenKind


@attrs.frozen
class Language:
    """The language of a text, as :func:`arnews.detect_language` decides it.

    Attributes:
        code: ISO 639 code (``ar``, ``fa``, ``ur``, ``ps``, ``ckb``, ``en``, ...)
            or ``und`` when the text holds no evidence.
        script: ISO 15924 script name (``Arab``, ``Latn``, ...) or ``Zyyy``.
        confidence: How sure the decision is, from 0 to 1.
        reliable: Whether the confidence is high enough to act on.

    Example:
        >>> import arnews
        >>> language = arnews.detect_language("قال الوزير إن الطريق مفتوح")
        >>> language.code, language.script, language.reliable
        ('ar', 'Arab', True)
    """

    code: str
    script: str
    confidence: float
    reliable: bool

    @classmethod
    def undetermined(cls) -> Language:
        """The result for text that carries no language evidence.

        Example:
            >>> Language.undetermined().code
            'und'
        """
        return cls(code="und", script="Zyyy", confidence=0.0, reliable=False)


@attrs.frozen
class Sentence:
    """A sentence of the text.

    It runs from its first non-space character to its final punctuation and
    any closing quote marks or brackets right after it.

    Attributes:
        span: Where the sentence stands in the text.
        text: The sentence exactly as written.

    Example:
        >>> import arnews
        >>> arnews.sentences("قال الوزير. ثم غادر.")[1]
        Sentence(span=Span(start=12, end=20), text='ثم غادر.')
    """

    span: Span
    text: str


@attrs.frozen
class Paragraph:
    r"""A paragraph of the article body.

    Attributes:
        span: Where the paragraph stands in the text.
        text: The paragraph exactly as written.
        language: The paragraph's language, when it was detected.

    Example:
        >>> import arnews
        >>> arnews.paragraphs("العنوان\n\nالنص.")[1].text
        'النص.'
    """

    span: Span
    text: str
    language: Language | None = None


@attrs.frozen
class NewsDate:
    """A date as a news text states it, in its own calendar.

    Only what the text says is filled in: a missing year stays ``None`` and is
    never guessed.

    Attributes:
        year: The year, or ``None`` when the text does not state it.
        month: The month (1-12), or ``None``.
        day: The day of the month, or ``None``.
        calendar: The calendar the date is written in.
        gregorian: The same day in the Gregorian calendar, when it is fully
            known (for Hijri dates: converted with the Umm al-Qura calendar).
        span: Where the date expression stands in the text, when it was found
            in one.

    Example:
        >>> NewsDate(2024, 7, 1, Calendar.GREGORIAN).calendar
        <Calendar.GREGORIAN: 'gregorian'>
    """

    year: int | None
    month: int | None
    day: int | None
    calendar: Calendar
    gregorian: datetime.date | None = None
    span: Span | None = None


@attrs.frozen
class Agency:
    """A news agency or outlet credited in a dateline or credit line.

    Attributes:
        name: Canonical English name (``Xinhua``, ``AFP``, ``SPA``, ...).
        surface: The credit exactly as written (``شينخوا``, ``أ ف ب``, ...).
        span: Where the credit stands in the text.

    Example:
        >>> import arnews
        >>> arnews.find_dateline("بيروت - رويترز: قال مسؤول إن المطار مفتوح.").agency
        Agency(name='Reuters', surface='رويترز', span=Span(start=8, end=14))
    """

    name: str
    surface: str
    span: Span | None = None


@attrs.frozen
class Dateline:
    """The lead-in that says where, when and from whom a story was filed.

    Attributes:
        span: From the dateline's first character to the end of its trailing
            separator.
        text: The dateline exactly as written.
        location: The place exactly as written, or ``None``.
        location_span: Where the place stands in the text.
        date: The first date the dateline states.
        alt_date: The second date, when both calendars are given
            (``... هـ الموافق ... م``).
        agency: The credited agency or outlet.

    Example:
        >>> import arnews
        >>> dateline = arnews.find_dateline("بيروت - رويترز: قال مسؤول إن المطار مفتوح.")
        >>> dateline.text, dateline.location
        ('بيروت - رويترز:', 'بيروت')
    """

    span: Span
    text: str
    location: str | None = None
    location_span: Span | None = None
    date: NewsDate | None = None
    alt_date: NewsDate | None = None
    agency: Agency | None = None


@attrs.frozen
class Credit:
    r"""A credit line at the end of an article (``فرانس24/ أ ف ب``).

    Attributes:
        span: Where the credit line stands in the text.
        text: The credit line exactly as written.
        agency: The credited agency, when it is known.

    Example:
        >>> import arnews
        >>> arnews.find_credit("قال مسؤول إن المطار مفتوح.\nفرانس24/ أ ف ب").agency.name
        'AFP'
    """

    span: Span
    text: str
    agency: Agency | None = None


@attrs.frozen
class Speaker:
    """The source a quote is attributed to.

    Attributes:
        name: The source's most specific name as written (``قاسم جومارت
            توكاييف`` rather than ``الرئيس``), or a descriptive noun phrase.
        span: Where that mention stands in the text.

    Example:
        >>> import arnews
        >>> arnews.find_quotes('وقال الوزير سليم الورداني: "نحن مستعدون".')[0].speaker
        Speaker(name='سليم الورداني', span=Span(start=12, end=25))
    """

    name: str
    span: Span | None = None


@attrs.frozen
class Cue:
    """The reporting verb or phrase that introduces a quote (``وقال``, ``بحسب``).

    Attributes:
        text: The cue exactly as written.
        span: Where the cue stands in the text.

    Example:
        >>> import arnews
        >>> arnews.find_quotes('وقال الوزير سليم الورداني: "نحن مستعدون".')[0].cue
        Cue(text='وقال', span=Span(start=0, end=4))
    """

    text: str
    span: Span


@attrs.frozen
class Quote:
    """A stretch of reported speech.

    Attributes:
        kind: ``direct`` (the words inside quote marks, or after a cue and a
            colon) or ``indirect`` (the content after a complementizer).
        span: The quoted content, without the quote marks.
        text: The quoted content exactly as written.
        speaker: Who is quoted, when known.
        cue: The reporting cue, when there is one.

    Example:
        >>> import arnews
        >>> quote = arnews.find_quotes('وقال الوزير سليم الورداني: "نحن مستعدون".')[0]
        >>> quote.kind.value, quote.text
        ('direct', 'نحن مستعدون')
    """

    kind: QuoteKind
    span: Span
    text: str
    speaker: Speaker | None = None
    cue: Cue | None = None


def _immutable_sequence(items: Iterable[Sentence]) -> Sequence[Sentence]:
    """Keep a tuple or a ``SentenceList`` as it is; make anything else (a list, say) a tuple."""
    # Imported here: arnews._segment builds on this module.
    from arnews._segment import SentenceList  # noqa: PLC0415

    return items if isinstance(items, tuple | SentenceList) else tuple(items)


@attrs.frozen
class Article:
    """A parsed news article. Build one with :func:`arnews.parse`.

    Attributes:
        text: The text exactly as passed to :func:`arnews.parse`.
        language: The main language of the text.
        dateline: The dateline, when the article has one.
        credit: The credit line at the end of the article, when it has one.
        paragraphs: The paragraphs, in order.
        sentences: The sentences, in order: the lazy
            :class:`~arnews.SentenceList` that :func:`arnews.parse` keeps
            (offsets only; each :class:`Sentence` is built when read, so a
            parsed article holds no second copy of its text), or a tuple
            when the article was built from sentences (a list is made a
            tuple). Either compares equal to the other when the sentences are.
        quotes: The quotes, in order of their spans.

    Example:
        >>> import arnews
        >>> article = arnews.parse("بيروت - رويترز: قال مسؤول إن المطار مفتوح.")
        >>> article.dateline.agency.name, [(q.speaker.name, q.text) for q in article.quotes]
        ('Reuters', [('مسؤول', 'المطار مفتوح')])
    """

    text: str
    language: Language = attrs.field(factory=Language.undetermined)
    dateline: Dateline | None = None
    credit: Credit | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: Sequence[Sentence] = attrs.field(default=(), converter=_immutable_sequence)
    quotes: tuple[Quote, ...] = ()
