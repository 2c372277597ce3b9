"""Shared test set-up: hypothesis profiles and access to the real articles.

The real articles and the gold files live in ``../shared`` beside the
checkout (never in the repository). Tests that need them take the fixtures
below, which skip with a clear reason when that folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", max_examples=25, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "fast"))

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("ARNEWS_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
EVAL = SHARED / "eval"
SKIP_REASON = f"the real articles are not here ({SHARED} is absent); they are read at test time, never stored"


def _read_jsonl(path: pathlib.Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def corpus() -> dict[str, dict[str, Any]]:
    """Every real article in ``../shared/corpora``, by id."""
    if not CORPORA.is_dir():
        pytest.skip(SKIP_REASON)
    return {row["id"]: row for path in sorted(CORPORA.glob("*.jsonl")) for row in _read_jsonl(path)}


@pytest.fixture(scope="session")
def seed_text(corpus: dict[str, dict[str, Any]]) -> str:
    """The text of the seed article (a Xinhua wire story)."""
    rows = _read_jsonl(CORPORA / "seed.jsonl")
    return str(rows[0]["text"])


@pytest.fixture(scope="session")
def dev_gold(corpus: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The dev gold of ``../shared/eval/dev_gold.jsonl`` (datelines, sentences, quotes)."""
    path = EVAL / "dev_gold.jsonl"
    if not path.is_file():
        pytest.skip(SKIP_REASON)
    return _read_jsonl(path)


@pytest.fixture(scope="session")
def dev_datelines(corpus: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The dateline dev gold of ``../shared/eval/dev_datelines.jsonl``."""
    path = EVAL / "dev_datelines.jsonl"
    if not path.is_file():
        pytest.skip(SKIP_REASON)
    return _read_jsonl(path)


def load_benchmark(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py``, whose evaluation the accuracy tests reuse."""
    path = REPO / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"arnews_benchmark_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
