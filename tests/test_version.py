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


def test_api_page_names_every_public_name() -> None:
    import pathlib

    page = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    missing = [name for name in arnews.__all__ if f"arnews.{name}`" not in page and f"`{name}`" not in page]
    assert missing == []
