"""Sphinx directive ``arnews-table``: render a lexicon of ``arnews/data`` as a table.

The docs show the month names, weekdays, ordinal days, era markers, agencies
and places straight from the TOML files the library loads, so the page can
never drift from the data. Usage in MyST::

    ```{arnews-table} gregorian-months
    ```

Tables: ``gregorian-months``, ``hijri-months``, ``weekdays``, ``ordinal-days``,
``eras``, ``agencies``, ``outlets``, ``places``, ``reporting-verbs``,
``cue-phrases``, ``complementizers``, ``abbreviations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from _docutils_table import make_table
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


def _dateline_fillers() -> Rows:
    table = load_table("dateline")
    return ["Kind", "Words"], [["section labels", "، ".join(table["section_labels"]["words"])]]


def _reporting_verbs() -> Rows:
    lemmas = load_table("reporting_verbs")["lemmas"]
    rows = []
    for lemma, entry in lemmas.items():
        forms = [*entry.get("past", []), *entry.get("present", []), *entry.get("participle", [])]
        notes = []
        if entry.get("cue") is False:
            notes.append("kept for reference, not a cue")
        if entry.get("direct") is False:
            notes.append("reports findings: no quote marks after it")
        rows.append([lemma, entry.get("gloss", ""), "، ".join(forms), "; ".join(notes)])
    return ["Lemma", "Meaning", "Forms", "Notes"], rows


def _cue_phrases() -> Rows:
    table = load_table("reporting_verbs")
    groups = [
        ("phrases", "finite", "fixed phrase used like a verb"),
        ("phrases", "passive", "passive: no subject"),
        ("phrases", "preposition", "attributes to the noun phrase that follows"),
        ("ambiguous", "also_noun", "also a noun: not a cue after a preposition"),
        ("ambiguous", "strict", "a cue only before a complementizer, colon or quote mark"),
    ]
    return ["Kind", "Words"], [[label, "، ".join(table[section][key])] for section, key, label in groups]


def _complementizers() -> Rows:
    table = load_table("quotes")["complementizers"]
    groups = [
        ("words", "introduce indirect speech"),
        ("not_after", "after these, أن is not a complementizer"),
        ("clause_breaks", "after a comma, end an indirect quote"),
        ("not_before", "a cue after these is the writer's inference"),
    ]
    return ["Role", "Words"], [[label, "، ".join(table[key])] for key, label in groups]


def _abbreviations() -> Rows:
    table = load_table("abbreviations")
    return ["List", "Entries"], [
        [
            "Arabic abbreviations (a period after them does not end a sentence)",
            "، ".join(table["abbreviations"]["arabic"]),
        ],
        ["Latin abbreviations", ", ".join(table["abbreviations"]["latin"])],
        [
            "Era and unit letters (a period after them, after a number, ends a sentence)",
            "، ".join(table["era_markers"]["after_number"]),
        ],
        ["Words that cannot end a line of a paragraph", "، ".join(table["line_continuations"]["words"])],
    ]


TABLES: dict[str, Callable[[], Rows]] = {
    "dateline-fillers": _dateline_fillers,
    "gregorian-months": _gregorian_months,
    "hijri-months": _hijri_months,
    "weekdays": _numbered("weekdays", "ISO weekday"),
    "ordinal-days": _numbered("ordinal_days", "Day"),
    "eras": _eras,
    "agencies": _sources(("agency", "generic")),
    "outlets": _sources(("outlet",)),
    "places": _places,
    "reporting-verbs": _reporting_verbs,
    "cue-phrases": _cue_phrases,
    "complementizers": _complementizers,
    "abbreviations": _abbreviations,
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
        return [make_table(header, rows, classes=["arnews-data"])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("arnews-table", ArnewsTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
