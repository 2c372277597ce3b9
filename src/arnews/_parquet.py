"""Flat Parquet tables of parsed articles: articles, sentences and quotes.

Three files, joinable on the string column ``id``. For the output path
``out.parquet`` they are:

* ``out.parquet``: one row per document, failed ones included (``ok`` is
  false and ``error_type`` / ``error_message`` say why);
* ``out.sentences.parquet``: one row per sentence;
* ``out.quotes.parquet``: one row per quote.

Flattening (:func:`article_rows`) needs nothing but arnews, so it runs in the
worker processes; only :class:`ParquetOutput` needs :mod:`pyarrow` (the
``arnews[parquet]`` extra), imported when a file is opened.
"""

from __future__ import annotations

import datetime
import pathlib
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from arnews._article import parse
from arnews._model import Article, NewsDate

if TYPE_CHECKING:
    from arnews._batch import DocumentError, DocumentId

__all__ = ["ParquetOutput", "Rows", "article_rows", "flatten", "table_paths"]

Row = dict[str, Any]

DATE_TYPES = {"year": "int64", "month": "int64", "day": "int64", "calendar": "string", "gregorian": "date32"}
"""The columns of a flattened :class:`~arnews.NewsDate` and their Arrow types."""
DATE_FIELDS = tuple(DATE_TYPES)

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("ok", "bool"),
    ("error_type", "string"),
    ("error_message", "string"),
    ("language", "string"),
    ("language_confidence", "float64"),
    ("dateline", "string"),
    ("dateline_start", "int64"),
    ("dateline_end", "int64"),
    ("location", "string"),
    *((f"date_{field}", DATE_TYPES[field]) for field in DATE_FIELDS),
    *((f"alt_date_{field}", DATE_TYPES[field]) for field in DATE_FIELDS),
    ("agency", "string"),
    ("agency_surface", "string"),
    ("credit", "string"),
    ("credit_agency", "string"),
    ("paragraphs", "int64"),
    ("sentences", "int64"),
    ("quotes", "int64"),
    ("text", "string"),
)
"""The articles table: name and Arrow type of each column, in order."""

SENTENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("index", "int64"),
    ("start", "int64"),
    ("end", "int64"),
    ("text", "string"),
)
"""The sentences table; ``index`` is the sentence's position in its article."""

QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "string"),
    ("index", "int64"),
    ("kind", "string"),
    ("start", "int64"),
    ("end", "int64"),
    ("text", "string"),
    ("speaker", "string"),
    ("speaker_start", "int64"),
    ("speaker_end", "int64"),
    ("cue", "string"),
    ("cue_start", "int64"),
    ("cue_end", "int64"),
)
"""The quotes table; ``index`` is the quote's position in its article."""

TABLES = (ARTICLE_COLUMNS, SENTENCE_COLUMNS, QUOTE_COLUMNS)

ROWS_PER_WRITE = 1_000
"""Articles buffered before a row group is written: bounds memory on any input."""


class Rows(NamedTuple):
    """One article flattened into rows of the three tables (without ``id``)."""

    article: Row
    sentences: list[Row]
    quotes: list[Row]


def article_rows(text: str) -> Rows:
    """Parse ``text`` and flatten the article; the per-document work of ``-o out.parquet``.

    Args:
        text: The article, exactly as received.

    Returns:
        Its rows in the three tables.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Example:
        >>> rows = article_rows("بغداد - قال المتحدث إن الجسر افتتح. وأضاف أن العمل انتهى.")
        >>> rows.article["location"], [row["start"] for row in rows.sentences]
        ('بغداد', [0, 36])
    """
    return flatten(parse(text))


def flatten(article: Article) -> Rows:
    """Flatten a parsed article into rows of the articles, sentences and quotes tables.

    Args:
        article: What :func:`arnews.parse` returned.

    Returns:
        The rows; ``id`` is added by the writer, which knows it.

    Example:
        >>> from arnews import Article
        >>> flatten(Article(text="")).article["sentences"]
        0
    """
    dateline, credit = article.dateline, article.credit
    agency = dateline.agency if dateline else None
    row: Row = {
        "ok": True,
        "error_type": None,
        "error_message": None,
        "language": article.language.code,
        "language_confidence": article.language.confidence,
        "dateline": dateline.text if dateline else None,
        "dateline_start": dateline.span.start if dateline else None,
        "dateline_end": dateline.span.end if dateline else None,
        "location": dateline.location if dateline else None,
        **_date_columns("date", dateline.date if dateline else None),
        **_date_columns("alt_date", dateline.alt_date if dateline else None),
        "agency": agency.name if agency else None,
        "agency_surface": agency.surface if agency else None,
        "credit": credit.text if credit else None,
        "credit_agency": credit.agency.name if credit and credit.agency else None,
        "paragraphs": len(article.paragraphs),
        "sentences": len(article.sentences),
        "quotes": len(article.quotes),
        "text": article.text,
    }
    sentences = [
        {"index": index, "start": s.span.start, "end": s.span.end, "text": s.text}
        for index, s in enumerate(article.sentences)
    ]
    quotes = [
        {
            "index": index,
            "kind": str(quote.kind),
            "start": quote.span.start,
            "end": quote.span.end,
            "text": quote.text,
            "speaker": quote.speaker.name if quote.speaker else None,
            "speaker_start": quote.speaker.span.start if quote.speaker and quote.speaker.span else None,
            "speaker_end": quote.speaker.span.end if quote.speaker and quote.speaker.span else None,
            "cue": quote.cue.text if quote.cue else None,
            "cue_start": quote.cue.span.start if quote.cue else None,
            "cue_end": quote.cue.span.end if quote.cue else None,
        }
        for index, quote in enumerate(article.quotes)
    ]
    return Rows(row, sentences, quotes)


def _date_columns(prefix: str, date: NewsDate | None) -> Row:
    values: tuple[int | str | datetime.date | None, ...] = (
        (date.year, date.month, date.day, str(date.calendar), date.gregorian) if date else (None,) * 5
    )
    return {f"{prefix}_{field}": value for field, value in zip(DATE_FIELDS, values, strict=True)}


def table_paths(output: str | pathlib.Path) -> tuple[pathlib.Path, pathlib.Path, pathlib.Path]:
    """Return the paths of the articles, sentences and quotes files for ``output``.

    Example:
        >>> [path.name for path in table_paths("runs/may.parquet")]
        ['may.parquet', 'may.sentences.parquet', 'may.quotes.parquet']
    """
    path = pathlib.Path(output)
    stem = path.name.removesuffix(".parquet")
    return (
        path.with_name(f"{stem}.parquet"),
        path.with_name(f"{stem}.sentences.parquet"),
        path.with_name(f"{stem}.quotes.parquet"),
    )


class ParquetOutput:
    """Writes the three tables, a row group every :data:`ROWS_PER_WRITE` articles.

    Use it as a context manager; the files are complete once it closes.

    Raises:
        ImportError: On opening, when pyarrow is not installed.
    """

    def __init__(self, output: str | pathlib.Path) -> None:
        import pyarrow as pa  # noqa: PLC0415 - the optional extra, needed only here
        import pyarrow.parquet as pq  # noqa: PLC0415

        self._pa = pa
        self._schemas = [
            _schema(pa, columns) for columns in (ARTICLE_COLUMNS, SENTENCE_COLUMNS, QUOTE_COLUMNS)
        ]
        self._writers = [
            pq.ParquetWriter(str(path), schema)
            for path, schema in zip(table_paths(output), self._schemas, strict=True)
        ]
        self._buffers: list[list[Row]] = [[], [], []]
        self._pending = 0

    def add(self, document_id: DocumentId, rows: Rows | None, error: DocumentError | None = None) -> None:
        """Add one document: its rows, or the error that stopped it."""
        key = str(document_id)
        if rows is None:
            message = error.message if error else "no result"
            rows = Rows(_failed_row(error.type if error else "Unknown", message), [], [])
        for buffer, table_rows in zip(
            self._buffers, ([rows.article], rows.sentences, rows.quotes), strict=True
        ):
            for row in table_rows:
                row["id"] = key
                buffer.append(row)
        self._pending += 1
        if self._pending >= ROWS_PER_WRITE:
            self._flush()

    def _flush(self) -> None:
        for writer, schema, buffer in zip(self._writers, self._schemas, self._buffers, strict=True):
            if buffer:
                writer.write_table(self._pa.Table.from_pylist(buffer, schema=schema))
                buffer.clear()
        self._pending = 0

    def close(self) -> None:
        """Write what is buffered and close the three files."""
        try:
            self._flush()
        finally:
            for writer in self._writers:
                writer.close()

    def __enter__(self) -> ParquetOutput:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _failed_row(error_type: str, message: str) -> Row:
    row: Row = dict.fromkeys(name for name, _ in ARTICLE_COLUMNS)
    row.update(ok=False, error_type=error_type, error_message=message, paragraphs=0, sentences=0, quotes=0)
    return row


def _schema(pa: Any, columns: tuple[tuple[str, str], ...]) -> Any:
    return pa.schema([(name, pa.type_for_alias(arrow_type)) for name, arrow_type in columns])
