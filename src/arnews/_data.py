"""Loading the lexicons under ``arnews/data``: once, lazily, read-only."""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from typing import Any

__all__ = ["load_table", "read_text"]


@functools.cache
def load_table(name: str) -> dict[str, Any]:
    """Return the parsed TOML data file ``arnews/data/<name>.toml``.

    The result is cached: callers must not mutate it.

    Example:
        >>> "agencies" in load_table("agencies")
        True
    """
    return tomllib.loads(read_text(f"{name}.toml"))


def read_text(filename: str) -> str:
    """Return the text of the bundled data file ``arnews/data/<filename>``."""
    return importlib.resources.files("arnews").joinpath("data", filename).read_text(encoding="utf-8")
