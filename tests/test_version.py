from __future__ import annotations

from importlib.metadata import version

import arnews


def test_version_comes_from_installed_metadata() -> None:
    assert arnews.__version__ == version("arnews")


def test_all_is_sorted_and_complete() -> None:
    assert list(arnews.__all__) == sorted(arnews.__all__)
    for name in arnews.__all__:
        assert hasattr(arnews, name), name
    public = {name for name in vars(arnews) if not name.startswith("_")}
    assert public - set(arnews.__all__) == set()
