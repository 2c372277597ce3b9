"""Sphinx directive ``arnews-table``: render a lexicon of ``arnews/data`` as a table.

The docs show the month names, weekdays, ordinal days, era markers, agencies
and places straight from the TOML files the library loads, so the page can
never drift from the data. Usage in MyST::

    ```{arnews-table} gregorian-months
    ```

Tables: ``gregorian-months``, ``hijri-months``, ``weekdays``, ``ordinal-days``,
``eras``, ``agencies``, ``outlets``, ``places``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from arnews._data import load_table

Rows = tuple[list[str], list[list[str]]]


def _gregorian_months() -> Rows:
    systems = load_table("dates")["gregorian"]
    header = ["#", *(system["name"] for system in systems.values())]
    rows = [[str(n), *("، ".join(system[str(n)]) for system in systems.values())] for n in range(1, 13)]
    return header, rows


def _hijri_months() -> Rows:
    months = load_table("dates")["hijri"]["standard"]
    return ["#", "Spellings"], [[str(n), "، ".join(months[str(n)])] for n in range(1, 13)]


def _numbered(section: str, label: str) -> Callable[[], Rows]:
    def rows() -> Rows:
        table = load_table("dates")[section]
        return [label, "Spellings"], [[key, "، ".join(value)] for key, value in table.items()]

    return rows


def _eras() -> Rows:
    eras = load_table("dates")["eras"]
    return ["Calendar", "Markers"], [[name, "، ".join(forms)] for name, forms in eras.items()]


def _sources(kinds: tuple[str, ...]) -> Callable[[], Rows]:
    def rows() -> Rows:
        agencies = load_table("agencies")["agencies"]
        out = []
        for name, entry in agencies.items():
            if entry["kind"] not in kinds:
                continue
            forms = entry.get("forms", []) + entry.get("word_forms", [])
            credit = entry.get("credit_forms", [])
            cell = "، ".join(forms) + (f" (credit lines only: {'، '.join(credit)})" if credit else "")
            out.append([name, entry["kind"], cell])
        return ["Canonical name", "Kind", "Forms"], out

    return rows


def _places() -> Rows:
    places = load_table("dateline")["places"]
    return ["Region", "Places"], [[region["name"], "، ".join(region["words"])] for region in places.values()]


TABLES: dict[str, Callable[[], Rows]] = {
    "gregorian-months": _gregorian_months,
    "hijri-months": _hijri_months,
    "weekdays": _numbered("weekdays", "ISO weekday"),
    "ordinal-days": _numbered("ordinal_days", "Day"),
    "eras": _eras,
    "agencies": _sources(("agency", "generic")),
    "outlets": _sources(("outlet",)),
    "places": _places,
}


class ArnewsTable(Directive):
    """Render one lexicon of ``arnews/data`` as a table."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in TABLES:
            raise self.error(f"unknown arnews table {name!r}; known: {', '.join(sorted(TABLES))}")
        header, rows = TABLES[name]()
        return [_table(header, rows)]


def _table(header: list[str], rows: list[list[str]]) -> nodes.table:
    table = nodes.table(classes=["arnews-data"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    head += _row(header)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row(row)
    return table


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=text)
        row += entry
    return row


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("arnews-table", ArnewsTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
