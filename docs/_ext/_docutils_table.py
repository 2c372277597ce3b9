"""One docutils table builder for the docs extensions (not an extension itself)."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes


def make_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[int] | None = None,
    literal_first: bool = False,
    classes: Sequence[str] = (),
) -> nodes.table:
    """A table with a header row; ``literal_first`` sets each body row's first cell as code."""
    built = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(header))
    built += group
    for width in widths or [1] * len(header):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(header, literal_first=False)
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells, literal_first=literal_first)
    return built


def _row(cells: Sequence[str], *, literal_first: bool) -> nodes.row:
    row = nodes.row()
    for index, text in enumerate(cells):
        entry = nodes.entry()
        paragraph = nodes.paragraph()
        paragraph += nodes.literal(text=text) if literal_first and index == 0 else nodes.Text(text)
        entry += paragraph
        row += entry
    return row
