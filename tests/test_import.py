"""What ``import arnews`` loads: the heavy optional machinery stays out until it is used."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Modules a program that only parses in one process never needs; each costs
# tens of milliseconds at start-up, paid by every CLI run and worker.
DEFERRED = ("multiprocessing", "concurrent.futures", "cattrs")


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {DEFERRED!r} if m in sys.modules))"
    finished = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return finished.stdout.split()


def test_import_parse_and_writing_json_load_none_of_the_deferred_modules() -> None:
    code = "import arnews\narnews.to_json(arnews.parse('القاهرة - قال مسؤول إن الطريق مفتوح.'))"
    assert _loaded_after(code) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('import arnews\narnews.from_json(\'{"name": "سامي", "span": null}\', arnews.Speaker)', ["cattrs"]),
        (
            "import arnews\nlist(arnews.parse_many(['خبر', 'نص'], workers=2))",
            ["multiprocessing"],
        ),
    ],
)
def test_each_deferred_module_loads_when_its_feature_is_used(code: str, expected: list[str]) -> None:
    assert _loaded_after(code) == expected
