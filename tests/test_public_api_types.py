"""A wrong argument type fails at the door, with one message shape, at every public function.

Every public function that takes text calls :func:`arnews._validate.require_str`
first, so ``None``, ``bytes``, a number or a list raise the same ``TypeError``
(``text must be str, not bytes; decode bytes first``) instead of an
``AttributeError`` from deep inside a scanner.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

import arnews
from arnews._validate import require_str

# Public functions whose first argument is text, and the name they give it.
TEXT_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "detect_language": arnews.detect_language,
    "explain": arnews.explain,
    "find_credit": arnews.find_credit,
    "find_dateline": arnews.find_dateline,
    "find_dates": arnews.find_dates,
    "find_quotes": arnews.find_quotes,
    "normalize": arnews.normalize,
    "normalize_aligned": arnews.normalize_aligned,
    "paragraphs": arnews.paragraphs,
    "parse": arnews.parse,
    "parse_date": arnews.parse_date,
    "sentences": arnews.sentences,
    "tokens": arnews.tokens,
}

# Public functions that take something else first: model objects (to_dict,
# to_json), decoded JSON (from_dict), JSON text or bytes (from_json), an
# iterable of texts (parse_many).
OTHER_FUNCTIONS = {"from_dict", "from_json", "parse_many", "to_dict", "to_json"}

WRONG_VALUES = [
    None,
    b"\xd9\x82\xd8\xa7\xd9\x84",
    bytearray(b"abc"),
    42,
    3.5,
    ["قال"],
    ("قال",),
    {"text": "قال"},
]


def _public_functions() -> set[str]:
    return {
        name
        for name in arnews.__all__
        if callable(getattr(arnews, name)) and not inspect.isclass(getattr(arnews, name))
    }


def _expected_message(value: object, name: str) -> str:
    with pytest.raises(TypeError) as caught:
        require_str(value, name)
    return str(caught.value)


def test_every_public_function_is_classified() -> None:
    # A new public function must be added to one of the tables above, so it
    # cannot slip past the type check.
    assert _public_functions() == set(TEXT_FUNCTIONS) | (OTHER_FUNCTIONS & _public_functions())
    assert set(TEXT_FUNCTIONS) <= _public_functions()


@pytest.mark.parametrize("function", sorted(TEXT_FUNCTIONS))
@pytest.mark.parametrize("value", WRONG_VALUES, ids=lambda value: type(value).__name__)
def test_text_function_rejects_non_str_like_require_str(function: str, value: object) -> None:
    func = TEXT_FUNCTIONS[function]
    parameter = next(iter(inspect.signature(func).parameters))
    with pytest.raises(TypeError) as caught:
        func(value)
    assert str(caught.value) == _expected_message(value, parameter)


@pytest.mark.parametrize("function", sorted(TEXT_FUNCTIONS))
def test_text_function_accepts_str_subclass(function: str) -> None:
    # A str subclass (as some HTML and ORM layers hand out) is text: it is not
    # rejected, and spans still index it.
    class Markup(str):
        __slots__ = ()

    TEXT_FUNCTIONS[function](Markup("القاهرة - قال الوزير إن الطريق مفتوح."))


@pytest.mark.parametrize("function", sorted(TEXT_FUNCTIONS))
def test_text_function_names_its_argument_text(function: str) -> None:
    # One vocabulary for users: the text argument is called ``text`` everywhere,
    # so ``f(text=...)`` works and error messages read the same.
    parameter = next(iter(inspect.signature(TEXT_FUNCTIONS[function]).parameters))
    assert parameter == "text"


@pytest.mark.parametrize("value", [None, 42, ["{}"], {"text": "قال"}], ids=lambda value: type(value).__name__)
def test_from_json_rejects_non_text_with_type_error(value: object) -> None:
    # from_json takes JSON as str or bytes; anything else is a TypeError that
    # names the argument, like require_str's.
    with pytest.raises(TypeError, match=r"^text must be str or bytes, not \w+"):
        arnews.from_json(value)  # type: ignore[arg-type]


def test_require_str_message_shape() -> None:
    assert _expected_message(None, "text") == "text must be str, not NoneType"
    assert _expected_message(b"x", "text") == "text must be str, not bytes; decode bytes first"
    assert _expected_message(bytearray(b"x"), "text") == "text must be str, not bytearray; decode bytes first"
    assert require_str("قال") == "قال"
