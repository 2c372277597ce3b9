"""Sphinx directives ``arnews-cli`` and ``arnews-parquet``: references generated from the code.

The page renders :func:`arnews._cli.build_parser` itself, so the reference
can never drift from what ``arnews --help`` prints. Usage in MyST::

    ```{arnews-cli}
    ```

Each command gets a section with its description, its usage line and a table
of its arguments and options; the exit codes close the page.

``arnews-parquet`` renders the columns of the three Parquet tables the same
way, from :mod:`arnews._parquet`.
"""

from __future__ import annotations

import argparse
from typing import Any

from _docutils_table import make_table
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from arnews._cli import EPILOG, build_parser
from arnews._parquet import TABLES, table_paths


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    # argparse exposes its subparsers and actions only through these private names.
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def _invocation(action: argparse.Action) -> str:
    if not action.option_strings:
        return action.metavar if isinstance(action.metavar, str) else action.dest
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    metavar = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
    if action.choices is not None:
        metavar = "{" + ",".join(str(choice) for choice in action.choices) + "}"
    return ", ".join(f"{option} {metavar}" for option in action.option_strings)


def _command_section(name: str, summary: str, sub: argparse.ArgumentParser) -> nodes.section:
    section = nodes.section(ids=[f"arnews-{name}"], names=[f"arnews {name}"])
    section += nodes.title(text=f"arnews {name}")
    section += nodes.paragraph(text=sub.description or summary)
    usage = sub.format_usage().removeprefix("usage: ").strip()
    section += nodes.literal_block(usage, usage, language="console")
    rows = [[_invocation(action), action.help or ""] for action in sub._actions]
    section += make_table(["Argument", "Meaning"], rows, widths=(30, 70), literal_first=True)
    return section


class CliReference(Directive):
    """Render every command of ``arnews`` and its exit codes."""

    has_content = False

    def run(self) -> list[Any]:
        parser = build_parser()
        out: list[Any] = [nodes.paragraph(text=parser.description or "")]
        out.extend(_command_section(name, summary, sub) for name, summary, sub in _subcommands(parser))
        codes = nodes.section(ids=["arnews-exit-codes"], names=["exit codes"])
        codes += nodes.title(text="Exit codes")
        codes += nodes.literal_block(EPILOG, EPILOG.strip())
        out.append(codes)
        return out


class ParquetColumns(Directive):
    """Render the columns of the articles, sentences and quotes tables."""

    has_content = False

    def run(self) -> list[Any]:
        out: list[Any] = []
        for path, columns in zip(table_paths("NAME.parquet"), TABLES, strict=True):
            out.append(nodes.rubric(text=path.name))
            out.append(
                make_table(
                    ["Column", "Arrow type"],
                    [[name, kind] for name, kind in columns],
                    widths=(30, 70),
                    literal_first=True,
                )
            )
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("arnews-cli", CliReference)
    app.add_directive("arnews-parquet", ParquetColumns)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
