"""The JSON form of the model: one cattrs converter for every model class.

Spans are ``[start, end]`` lists, enums their string values, dates ISO
strings. An :class:`~arnews.Article` carries a ``schema_version`` so stored
output can be read back safely by later releases.

Writing (:func:`to_dict`, :func:`to_json`) does not use cattrs: each model
class gets a small function, generated once from its fields, that builds its
dict straight away, the same dict cattrs builds (a test compares them).
Importing cattrs and building its functions cost every new process about
20 ms before its first JSON line, a third of a worker's whole warm-up.
Reading (:func:`from_dict`, :func:`from_json`) needs cattrs' validation; its
converter is built on first use.
"""

from __future__ import annotations

import datetime
import enum
import functools
import itertools
import json
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

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

    Raises:
        TypeError: If ``obj`` is not a model object.

    Example:
        >>> from arnews import Span, Sentence
        >>> to_dict(Sentence(Span(0, 5), "مرحبا"))
        {'span': [0, 5], 'text': 'مرحبا'}
    """
    cls: Any = type(obj)
    if not attrs.has(cls):
        raise TypeError(f"obj must be an arnews model object, not {cls.__name__}")
    data: dict[str, Any] = _unstructurer(cls)(obj)
    if isinstance(obj, Article):
        return {"schema_version": SCHEMA_VERSION, **data}
    return data


@functools.cache
def _unstructurer(cls: type) -> Callable[[Any], Any]:
    """The function that turns a ``cls`` object into its JSON-ready form, written for its fields.

    One dict display per class, each field converted by an expression its
    type annotation picks (:func:`_converting`): straight-line code, as
    attrs writes its ``__init__``.
    """
    if cls is Span:  # the one class whose form is not a dict
        return _span_form
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {}
    names = (f"value{number}" for number in itertools.count())
    items = [
        f"{field.name!r}: {_converting(f'obj.{field.name}', hints[field.name], namespace, names)}"
        for field in attrs.fields(cls)
    ]
    source = f"def unstructure(obj):\n    return {{{', '.join(items)}}}\n"
    # Generated from the model's own field names and types, never from input.
    exec(compile(source, f"<arnews to_dict of {cls.__name__}>", "exec"), namespace)  # noqa: S102
    function: Callable[[Any], Any] = namespace["unstructure"]
    return function


def _span_form(span: Span) -> list[int]:
    return [span.start, span.end]


# Types whose values are their own JSON form, alone or in a union.
_PLAIN = frozenset({str, int, float, bool, type(None)})
_UNIONS = frozenset({typing.Union, types.UnionType})


def _converting(value: str, hint: Any, namespace: dict[str, Any], names: Iterator[str]) -> str:
    """A Python expression that gives the JSON-ready form of ``value``, an expression of type ``hint``."""
    arguments = typing.get_args(hint)
    if hint in _PLAIN or (typing.get_origin(hint) in _UNIONS and _PLAIN.issuperset(arguments)):
        return value
    if typing.get_origin(hint) in _UNIONS and type(None) in arguments:
        (inner,) = [argument for argument in arguments if argument is not type(None)]
        return f"(None if {value} is None else {_converting(value, inner, namespace, names)})"
    if typing.get_origin(hint) in {tuple, Sequence}:
        item = next(names)
        return f"[{_converting(item, arguments[0], namespace, names)} for {item} in {value}]"
    if hint is Span:
        return f"[{value}.start, {value}.end]"
    if hint is datetime.date:
        return f"{value}.isoformat()"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return f"{value}.value"
    if isinstance(hint, type) and attrs.has(hint):
        name = f"unstructure_{hint.__name__}"
        namespace[name] = _unstructurer(hint)
        return f"{name}({value})"
    raise TypeError(f"no JSON form for a field of type {hint!r}")  # pragma: no cover - caught by the tests


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
