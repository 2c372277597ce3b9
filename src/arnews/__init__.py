"""arnews: typed, offset-exact structure from raw Arabic news text.

Everything a user needs is importable from here::

    >>> import arnews
    >>> article = arnews.parse("أستانا أول يوليو 2024 (شينخوا) قال الرئيس إن الزيارة ناجحة.")
    >>> article.dateline.agency.name
    'Xinhua'
"""

from arnews._article import parse
from arnews._batch import DocumentError, Result, parse_many
from arnews._dateline import find_credit, find_dateline
from arnews._dates import find_dates, parse_date
from arnews._language import detect_language
from arnews._model import (
    Agency,
    Article,
    Calendar,
    Credit,
    Cue,
    Dateline,
    Language,
    NewsDate,
    Paragraph,
    Quote,
    QuoteKind,
    Sentence,
    Span,
    Speaker,
    Token,
    TokenKind,
)
from arnews._normalize import (
    NORMALIZATION_STEPS,
    Aligned,
    Change,
    NormalizationStep,
    NormalizeConfig,
    explain,
    normalize,
    normalize_aligned,
)
from arnews._quotes import find_quotes
from arnews._segment import ParagraphList, SentenceList, TokenList, paragraphs, sentences, tokens
from arnews._serialize import SCHEMA_VERSION, from_dict, from_json, to_dict, to_json
from arnews._version import __version__

__all__ = [
    "NORMALIZATION_STEPS",
    "SCHEMA_VERSION",
    "Agency",
    "Aligned",
    "Article",
    "Calendar",
    "Change",
    "Credit",
    "Cue",
    "Dateline",
    "DocumentError",
    "Language",
    "NewsDate",
    "NormalizationStep",
    "NormalizeConfig",
    "Paragraph",
    "ParagraphList",
    "Quote",
    "QuoteKind",
    "Result",
    "Sentence",
    "SentenceList",
    "Span",
    "Speaker",
    "Token",
    "TokenKind",
    "TokenList",
    "__version__",
    "detect_language",
    "explain",
    "find_credit",
    "find_dateline",
    "find_dates",
    "find_quotes",
    "from_dict",
    "from_json",
    "normalize",
    "normalize_aligned",
    "paragraphs",
    "parse",
    "parse_date",
    "parse_many",
    "sentences",
    "to_dict",
    "to_json",
    "tokens",
]
