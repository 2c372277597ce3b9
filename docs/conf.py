"""Sphinx configuration for the arnews documentation."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "arnews"
author = "The arnews developers"
copyright = "2026, The arnews developers"  # noqa: A001 - Sphinx's own setting name
release = _version("arnews")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "myst_parser",
]
# Every module in _ext is an extension, except the helpers they share (a leading underscore).
extensions += [path.stem for path in sorted((Path(__file__).parent / "_ext").glob("[!_]*.py"))]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True

# Online first; offline (as in CI) the slice in _intersphinx/ keeps links working without warnings.
intersphinx_mapping = {"python": ("https://docs.python.org/3", (None, "_intersphinx/python.inv"))}
intersphinx_timeout = 5

nitpicky = True
nitpick_ignore_regex = [
    (r"py:class", r"(arnews\._.*|attrs\..*|re\.(Pattern|Match)|V|T|Table|.*TextIO.*)"),
]

html_theme = "furo"
html_title = "arnews"
html_static_path = ["_static"]
html_css_files = ["rtl.css"]

# Docstring examples use the public names bare, as a reader of the API page would.
doctest_global_setup = "import arnews\nfrom arnews import *"
