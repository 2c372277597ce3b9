"""The data tables: ``tables.json`` must be the TOML sources, parsed."""

from __future__ import annotations

import importlib.resources
import json
import tomllib

import pytest

from arnews import _data
from arnews._data import COMPILED_TABLES, compile_tables, load_table, read_text

DATA = importlib.resources.files("arnews").joinpath("data")
NAMES = sorted(entry.name.removesuffix(".toml") for entry in DATA.iterdir() if entry.name.endswith(".toml"))


def test_the_compiled_tables_are_the_toml_sources_parsed() -> None:
    # Fails after a TOML file is edited: run `python scripts/compile_tables.py`.
    sources = {name: read_text(f"{name}.toml") for name in NAMES}
    assert read_text(COMPILED_TABLES) == compile_tables(sources)


@pytest.mark.parametrize("name", NAMES)
def test_every_table_loads_as_its_toml_source_reads(name: str) -> None:
    assert load_table(name) == tomllib.loads(read_text(f"{name}.toml"))


def test_an_edited_source_is_read_as_toml_not_from_the_stale_json(monkeypatch: pytest.MonkeyPatch) -> None:
    edited = read_text("normalization.toml") + '\n[added_after_compiling]\nword = "جديد"\n'
    original = _data.read_text
    monkeypatch.setattr(
        _data, "read_text", lambda name: edited if name == "normalization.toml" else original(name)
    )
    load_table.cache_clear()
    try:
        assert load_table("normalization")["added_after_compiling"] == {"word": "جديد"}
    finally:
        load_table.cache_clear()


def test_a_missing_or_damaged_json_falls_back_to_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    original = _data.read_text
    for damage in ("{not json", None):

        def fake(name: str, damage: str | None = damage) -> str:
            if name != COMPILED_TABLES:
                return original(name)
            if damage is None:
                raise FileNotFoundError(name)
            return damage

        monkeypatch.setattr(_data, "read_text", fake)
        load_table.cache_clear()
        _data._compiled_tables.cache_clear()
        try:
            assert load_table("dates") == tomllib.loads(original("dates.toml"))
        finally:
            load_table.cache_clear()
            _data._compiled_tables.cache_clear()
    assert json.loads(original(COMPILED_TABLES))["dates"]["data"] == load_table("dates")
