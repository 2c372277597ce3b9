"""Arabic reads right to left in the built HTML docs, checked in headless Chromium.

Runs ``scripts/check_rtl.py``. The self-test (the check tells a right-to-left
page from a left-to-right one) needs only Chromium; the check of the docs
also needs a built HTML folder: ``docs/_build/html`` or the folder named by
``ARNEWS_DOCS_HTML`` (build with ``sphinx-build -b html docs docs/_build/html``).
Both skip, saying why, when what they need is absent.
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
import sys
from types import ModuleType

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "check_rtl.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_rtl", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_rtl"] = module
    spec.loader.exec_module(module)
    return module


check_rtl = _load_script()
BROWSER = os.environ.get("ARNEWS_CHROMIUM") or check_rtl.find_browser()
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no chromium installed (apt-get install chromium)")


def _built_docs() -> pathlib.Path | None:
    candidates = [os.environ.get("ARNEWS_DOCS_HTML"), REPO / "docs" / "_build" / "html"]
    for candidate in candidates:
        if candidate and (pathlib.Path(candidate) / "index.html").is_file():
            return pathlib.Path(candidate)
    return None


def test_probe_is_added_before_the_end_of_the_body() -> None:
    page = check_rtl.with_probe("<html><body><p>نص</p></body></html>")
    assert page.index(check_rtl.MARKER) < page.index("</body>")
    assert page.endswith("</body></html>")


@needs_browser
def test_the_check_tells_right_to_left_from_left_to_right() -> None:
    assert check_rtl.self_test(BROWSER)


@needs_browser
def test_built_docs_render_arabic_right_to_left() -> None:
    built = _built_docs()
    if built is None:
        pytest.skip(
            "no built HTML docs: run sphinx-build -b html docs docs/_build/html or set ARNEWS_DOCS_HTML"
        )
    pages = [
        name
        for name in ("index", "quickstart", "tutorial", "cookbook", "quotes", "normalization")
        if (built / f"{name}.html").is_file()
    ]
    results = check_rtl.check_folder(BROWSER, built, pages)
    assert results
    failed = {name: report["failures"] for name, report in results if check_rtl.failures(report)}
    assert not failed
    assert sum(report["words"][0] for _, report in results) > 0
