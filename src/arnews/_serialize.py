"""The JSON form of the model: one cattrs converter for every model class.

Spans are ``[start, end]`` lists, enums their string values, dates ISO
strings. An :class:`~arnews.Article` carries a ``schema_version`` so stored
output can be read back safely by later releases.

The converter is built on first use: importing cattrs costs about as much as
the rest of ``import arnews`` put together, and a program that only parses
never pays it.
"""

from __future__ import annotations

import datetime
import functools
import json
from typing import TYPE_CHECKING, Any, Final, TypeVar

from arnews._model import Article, Span

if TYPE_CHECKING:
    from cattrs.preconf.json import JsonConverter

__all__ = ["SCHEMA_VERSION", "converter", "from_dict", "from_json", "to_dict", "to_json"]

SCHEMA_VERSION: Final = 1
"""The version of the JSON form; it changes whenever a field changes meaning."""

T = TypeVar("T")


@functools.cache
def converter() -> JsonConverter:
    """The one cattrs converter of the model, built on first use."""
    from cattrs.preconf.json import make_converter  # noqa: PLC0415 - deferred: see the module docstring

    built = make_converter(forbid_extra_keys=True)
    built.register_unstructure_hook(Span, lambda span: [span.start, span.end])
    built.register_unstructure_hook(datetime.date, lambda day: day.isoformat())
    built.register_structure_hook(datetime.date, lambda value, _: datetime.date.fromisoformat(value))
    built.register_structure_hook(Span, _structure_span)
    return built


def _structure_span(value: Any, _: type) -> Span:
    if isinstance(value, list | tuple) and len(value) == 2:
        return Span(int(value[0]), int(value[1]))
    raise ValueError(f"a span must be a [start, end] list, got {value!r}")


def to_dict(obj: object) -> dict[str, Any]:
    """Return the JSON-ready dict form of a model object.

    An :class:`~arnews.Article` gets a leading ``schema_version`` key.

    Args:
        obj: An :class:`~arnews.Article` or any other model object.

    Returns:
        Plain dicts, lists, strings, numbers and ``None``.

    Example:
        >>> from arnews import Span, Sentence
        >>> to_dict(Sentence(Span(0, 5), "مرحبا"))
        {'span': [0, 5], 'text': 'مرحبا'}
    """
    data: dict[str, Any] = converter().unstructure(obj)
    if isinstance(obj, Article):
        return {"schema_version": SCHEMA_VERSION, **data}
    return data


def from_dict(data: Any, cls: type[T] = Article) -> T:  # type: ignore[assignment]
    """Rebuild a model object from its dict form.

    Args:
        data: What :func:`to_dict` returned (or its JSON, decoded).
        cls: The model class to build; :class:`~arnews.Article` by default.

    Returns:
        An instance of ``cls`` equal to the one that was serialized.

    Raises:
        ValueError: If the ``schema_version`` is not one this release reads,
            or the data does not fit the model.

    Example:
        >>> from arnews import Span
        >>> from_dict([3, 7], Span)
        Span(start=3, end=7)
    """
    if cls is Article and isinstance(data, dict):
        data = dict(data)
        version = data.pop("schema_version", None)
        if version != SCHEMA_VERSION:
            raise ValueError(f"unsupported schema_version {version!r}; this release reads {SCHEMA_VERSION}")
    from cattrs import BaseValidationError  # noqa: PLC0415 - loaded with the converter

    try:
        return converter().structure(data, cls)
    except (BaseValidationError, KeyError, TypeError) as error:
        raise ValueError(f"data does not fit {cls.__name__}: {error}") from error


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Return the JSON text of a model object (Arabic kept as is, not escaped).

    Example:
        >>> import arnews
        >>> to_json(arnews.Speaker("توكاييف"))
        '{"name": "توكاييف", "span": null}'
    """
    return json.dumps(to_dict(obj), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes, cls: type[T] = Article) -> T:  # type: ignore[assignment]
    """Rebuild a model object from its JSON text; the inverse of :func:`to_json`.

    Raises:
        TypeError: If ``text`` is neither ``str`` nor ``bytes``.
        ValueError: If the text is not valid JSON or does not fit the model.

    Example:
        >>> import arnews
        >>> article = arnews.parse("القاهرة - قال مسؤول إن الطريق مفتوح.")
        >>> from_json(to_json(article)) == article
        True
    """
    if not isinstance(text, str | bytes | bytearray):
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    return from_dict(json.loads(text), cls)
