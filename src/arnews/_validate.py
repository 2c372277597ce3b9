"""Argument checks shared by every public entry point."""

from __future__ import annotations

__all__ = ["require_str"]


def require_str(value: object, name: str = "text") -> str:
    """Return ``value`` if it is a ``str``, else raise a clear ``TypeError``.

    Every public function calls this first, so a wrong argument fails at the
    door with one consistent message instead of deep inside a scanner.

    Raises:
        TypeError: If ``value`` is not a ``str`` (``bytes`` included).

    Example:
        >>> require_str(b"abc")
        Traceback (most recent call last):
        ...
        TypeError: text must be str, not bytes; decode bytes first
    """
    if isinstance(value, str):
        return value
    hint = "; decode bytes first" if isinstance(value, (bytes, bytearray)) else ""
    raise TypeError(f"{name} must be str, not {type(value).__name__}{hint}")
