"""Loading the lexicons under ``arnews/data``: once, lazily, read-only.

The TOML files are the source: people edit them. Parsing TOML is pure
Python, though, and the tables a first ``parse`` reads took about 13 ms of
it, paid again by every process (each worker of a batch run, each CLI call).
``tables.json`` holds the same tables already parsed, each with the SHA-256
of the TOML text it came from; a table is taken from it only while that
digest still matches, so an edited TOML file is read as TOML until
``python scripts/compile_tables.py`` writes the JSON again (a test fails
meanwhile).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import json
import tomllib
from collections.abc import Mapping
from typing import Any

__all__ = ["COMPILED_TABLES", "compile_tables", "load_table", "read_text"]

COMPILED_TABLES = "tables.json"
"""The file, next to the TOML sources, that holds them parsed."""


@functools.cache
def load_table(name: str) -> dict[str, Any]:
    """Return the parsed TOML data file ``arnews/data/<name>.toml``.

    The result is cached: callers must not mutate it.

    Example:
        >>> "agencies" in load_table("agencies")
        True
    """
    source = read_text(f"{name}.toml")
    compiled = _compiled_tables().get(name)
    if compiled is not None and compiled["sha256"] == _digest(source):
        table: dict[str, Any] = compiled["data"]
        return table
    return tomllib.loads(source)


def compile_tables(sources: Mapping[str, str]) -> str:
    """The text of ``tables.json`` for TOML ``sources`` (name to text): each parsed, with its digest.

    Example:
        >>> tables = json.loads(compile_tables({"normalization": read_text("normalization.toml")}))
        >>> tables["normalization"]["data"] == load_table("normalization")
        True
    """
    tables = {
        name: {"sha256": _digest(source), "data": tomllib.loads(source)} for name, source in sources.items()
    }
    return json.dumps(tables, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read_text(filename: str) -> str:
    """Return the text of the bundled data file ``arnews/data/<filename>``."""
    return importlib.resources.files("arnews").joinpath("data", filename).read_text(encoding="utf-8")


@functools.cache
def _compiled_tables() -> dict[str, Any]:
    try:
        tables: dict[str, Any] = json.loads(read_text(COMPILED_TABLES))
    except (OSError, ValueError):  # missing or damaged: every table is read as TOML
        return {}
    return tables


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()
