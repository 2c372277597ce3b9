"""The pipeline that turns a raw article into an :class:`~arnews.Article`."""

from __future__ import annotations

from arnews._dateline import find_credit, find_dateline
from arnews._language import detect_language
from arnews._model import Article, Paragraph, Span
from arnews._quotes import find_quotes
from arnews._segment import sentences_and_paragraphs
from arnews._validate import require_str

__all__ = ["parse"]


def parse(text: str) -> Article:
    """Parse an Arabic news article into its dateline, paragraphs, sentences and quotes.

    Every span in the result slices the ``text`` passed in exactly.

    Args:
        text: The article, exactly as received (no cleaning needed).

    Returns:
        The parsed :class:`~arnews.Article`; an empty one for ``""``.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> article = parse('الرياض - واس: قال وزير الصحة إن الحملة بدأت. وأضاف: "نحن مستعدون".')
        >>> article.dateline.location, article.dateline.agency.name
        ('الرياض', 'SPA')
        >>> [s.text for s in article.sentences][1]
        'وأضاف: "نحن مستعدون".'
    """
    require_str(text)
    found_sentences, found_paragraphs = sentences_and_paragraphs(text)
    return Article(
        text=text,
        language=detect_language(text),
        dateline=find_dateline(text),
        credit=find_credit(text),
        paragraphs=tuple(_paragraph(text, start, end) for start, end in found_paragraphs.spans()),
        # The lazy list itself: offsets only, no copy of the text per sentence.
        sentences=found_sentences,
        quotes=tuple(find_quotes(text, found_sentences)),
    )


def _paragraph(text: str, start: int, end: int) -> Paragraph:
    # From the offsets: a Paragraph from the lazy list would be built only to be rebuilt with its language.
    body = text[start:end]
    return Paragraph(Span(start, end), body, detect_language(body))
