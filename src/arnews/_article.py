"""The pipeline that turns a raw article into an :class:`~arnews.Article`."""

from __future__ import annotations

from arnews._dateline import find_credit, find_dateline
from arnews._language import detect_language
from arnews._model import Article, Paragraph
from arnews._quotes import find_quotes
from arnews._segment import paragraphs, sentences
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
    found_sentences = sentences(text)
    return Article(
        text=text,
        language=detect_language(text),
        dateline=find_dateline(text),
        credit=find_credit(text),
        paragraphs=tuple(_with_language(paragraph) for paragraph in paragraphs(text)),
        # The lazy list itself: offsets only, no copy of the text per sentence.
        sentences=found_sentences,
        quotes=tuple(find_quotes(text, found_sentences)),
    )


def _with_language(paragraph: Paragraph) -> Paragraph:
    return Paragraph(paragraph.span, paragraph.text, detect_language(paragraph.text))
