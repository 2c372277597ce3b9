from __future__ import annotations

from importlib.metadata import version

import arnews


def test_version_comes_from_installed_metadata() -> None:
    assert arnews.__version__ == version("arnews")


def test_all_is_complete() -> None:
    # Its order is ruff's isort-style sort (RUF022), checked by the lint step.
    assert len(set(arnews.__all__)) == len(arnews.__all__)
    for name in arnews.__all__:
        assert hasattr(arnews, name), name
    public = {name for name in vars(arnews) if not name.startswith("_")}
    assert public - set(arnews.__all__) == set()
