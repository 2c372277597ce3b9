"""The ``arnews`` command line: ``parse`` and ``demo``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from arnews._article import parse
from arnews._data import read_text
from arnews._model import Article
from arnews._serialize import to_json

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``arnews`` command."""
    parser = argparse.ArgumentParser(
        prog="arnews",
        description="Typed, offset-exact structure from raw Arabic news text.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse_cmd = commands.add_parser("parse", help="parse an article and print its JSON form")
    parse_cmd.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parse_cmd.add_argument("--indent", type=int, default=None, help="indent the JSON by this many spaces")
    commands.add_parser("demo", help="parse the bundled demo article and print a summary")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        print_summary(parse(read_text("demo_article.txt")), sys.stdout)
        return EXIT_OK
    text = sys.stdin.read() if args.file == "-" else _read_file(args.file)
    if text is None:
        return EXIT_USAGE
    print(to_json(parse(text), indent=args.indent))
    return EXIT_OK


def _read_file(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:  # noqa: PTH123 - a plain path from the user
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"arnews: cannot read {path}: {error}", file=sys.stderr)
        return None


def print_summary(article: Article, out: TextIO) -> None:
    """Write a readable summary of ``article``: dateline, sizes and who said what."""
    write = out.write
    write(f"language   {article.language.code} (confidence {article.language.confidence:.2f})\n")
    dateline = article.dateline
    if dateline is None:
        write("dateline   none\n")
    else:
        write(f"dateline   {dateline.text!r} [{dateline.span.start}, {dateline.span.end}]\n")
        write(f"  place    {dateline.location}\n")
        if dateline.date is not None:
            date = dateline.date
            write(f"  date     {date.year}-{date.month}-{date.day} ({date.calendar})\n")
        if dateline.agency is not None:
            write(f"  agency   {dateline.agency.name} ({dateline.agency.surface})\n")
    write(f"paragraphs {len(article.paragraphs)}\n")
    write(f"sentences  {len(article.sentences)}\n")
    write(f"quotes     {len(article.quotes)}\n")
    for quote in article.quotes:
        speaker = quote.speaker.name if quote.speaker else "?"
        cue = quote.cue.text if quote.cue else "-"
        write(f"  [{quote.kind}] {speaker} ({cue}): {quote.text}\n")
