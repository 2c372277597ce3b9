"""The ``arnews`` command line: ``parse``, ``sentences``, ``normalize`` and ``demo``.

``arnews parse`` streams any number of documents (text files, directories,
JSONL, standard input) through :func:`arnews._batch.process`, so every
document is parsed *and serialized* in the worker processes and the main
process only writes lines.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import importlib.util
import itertools
import json
import os
import pathlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Final, TextIO

import attrs

from arnews._article import parse
from arnews._batch import (
    DEFAULT_CHUNKSIZE,
    TOO_LARGE,
    DocumentError,
    Job,
    Outcome,
    process,
    to_job,
)
from arnews._data import read_text
from arnews._model import Article, Calendar, NewsDate
from arnews._normalize import NormalizeConfig, normalize
from arnews._parquet import ParquetOutput, Rows, article_rows, table_paths
from arnews._segment import sentences
from arnews._serialize import to_json

__all__ = [
    "EXIT_CLOSED_OUTPUT",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
    "print_summary",
]

EXIT_OK: Final = 0
"""Every document was processed."""
EXIT_FAILED: Final = 1
"""At least one document failed; the others were processed and written."""
EXIT_USAGE: Final = 2
"""Bad arguments, a missing input, an unwritable output, or a missing extra."""
EXIT_INTERRUPTED: Final = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""
EXIT_CLOSED_OUTPUT: Final = 141
"""The reader of standard output went away (``| head``): 128 + SIGPIPE, as for ``cat`` or ``grep``."""

DEFAULT_MAX_CHARS: Final = 1_000_000
"""Longer documents are reported as ``DocumentTooLarge``: no news story is that long."""

JSONL_SUFFIXES: Final = (".jsonl", ".ndjson")
BYTES_PER_CHAR: Final = 6
"""The widest JSON spelling of one character (``\\uXXXX``): bounds a JSONL line's bytes."""

PROFILES: Final[dict[str, Callable[[], NormalizeConfig]]] = {
    "default": NormalizeConfig.default,
    "search": NormalizeConfig.search,
    "matching": NormalizeConfig.matching,
}

EPILOG: Final = """\
exit codes:
  0    every document was processed
  1    some documents failed (each is reported; the others are written)
  2    usage error: bad arguments, a missing input, an unwritable output, a missing extra
  130  interrupted (Ctrl-C)
  141  standard output was closed by its reader (arnews parse ... | head)
"""


class UsageError(Exception):
    """A problem with the command line itself: reported, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``arnews`` command.

    The CLI reference in the documentation is generated from it.

    Returns:
        The parser, with one subparser per command.

    Example:
        >>> build_parser().parse_args(["parse", "story.txt", "--workers", "2"]).workers
        2
    """
    parser = argparse.ArgumentParser(
        prog="arnews",
        description="Typed, offset-exact structure from raw Arabic news text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_parse(commands)
    _add_sentences(commands)
    _add_normalize(commands)
    commands.add_parser(
        "demo",
        help="parse the bundled demo article and print a summary",
        description="Parse the demo article that ships with arnews and print a readable summary.",
    )
    return parser


def _add_parse(commands: Any) -> None:
    cmd = commands.add_parser(
        "parse",
        help="parse articles and write their JSON form (or Parquet tables)",
        description=(
            "Parse articles from text files, directories, JSONL files or standard input. One text "
            "document (a file or stdin) prints the JSON form of its article; several documents, or "
            "JSONL input, print one JSON line per document: "
            '{"id": ..., "article": {...}} or {"id": ..., "error": {"type": ..., "message": ...}}. '
            "A document that fails is reported and the others go on."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument(
        "inputs",
        nargs="*",
        default=["-"],
        metavar="INPUT",
        help="text files, JSONL files (.jsonl, .ndjson, optionally .gz), directories, or - for "
        "standard input (the default)",
    )
    cmd.add_argument(
        "--format",
        choices=["auto", "text", "jsonl"],
        default="auto",
        help="how to read the inputs; auto: JSONL for .jsonl/.ndjson files, text otherwise (default: auto)",
    )
    cmd.add_argument(
        "--glob",
        default="**/*.txt",
        metavar="PATTERN",
        help="which files to read in a directory (default: **/*.txt)",
    )
    cmd.add_argument(
        "--text-field", default="text", metavar="NAME", help="the text's key in JSONL records (default: text)"
    )
    cmd.add_argument(
        "--id-field",
        default="id",
        metavar="NAME",
        help="the id's key in JSONL records (default: id; records without one are named FILE:LINE)",
    )
    cmd.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here instead of standard output; a name ending in .parquet writes Parquet tables",
    )
    cmd.add_argument(
        "--to",
        choices=["json", "jsonl", "parquet"],
        help="output format (default: parquet for -o *.parquet, json for one text document, else jsonl)",
    )
    cmd.add_argument(
        "--indent", type=int, default=None, metavar="N", help="indent the JSON by N spaces (--to json only)"
    )
    cmd.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="parse in N worker processes (default: 1, in this process)",
    )
    cmd.add_argument(
        "--chunksize",
        type=_positive,
        default=DEFAULT_CHUNKSIZE,
        metavar="N",
        help=f"documents sent to a worker at a time (default: {DEFAULT_CHUNKSIZE})",
    )
    cmd.add_argument(
        "--max-chars",
        type=_non_negative,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"report longer documents as DocumentTooLarge (default: {DEFAULT_MAX_CHARS:,}; 0: no limit)",
    )
    cmd.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: when it is a terminal)",
    )
    cmd.add_argument(
        "-q", "--quiet", action="store_true", help="print neither the per-error lines nor the summary"
    )


def _add_sentences(commands: Any) -> None:
    cmd = commands.add_parser(
        "sentences",
        help="split a text into sentences, one per line",
        description=(
            "Split a text into sentences and print one per line (line breaks inside a sentence "
            'become spaces), or with --jsonl one {"span": [start, end], "text": ...} object per line.'
        ),
    )
    cmd.add_argument("input", nargs="?", default="-", metavar="INPUT", help="a text file, or - for stdin")
    cmd.add_argument("--jsonl", action="store_true", help="print JSON lines with the spans")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")


def _add_normalize(commands: Any) -> None:
    cmd = commands.add_parser(
        "normalize",
        help="normalize a text, line by line (a filter)",
        description="Normalize a text line by line with one of the named profiles and print it.",
    )
    cmd.add_argument("input", nargs="?", default="-", metavar="INPUT", help="a text file, or - for stdin")
    cmd.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="default",
        help="default: conservative; search: aggressive, for indexing; matching: what arnews matches "
        "lexicons on (default: default)",
    )
    cmd.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")


def _positive(value: str) -> int:
    return _at_least(value, 1)


def _non_negative(value: str) -> int:
    return _at_least(value, 0)


def _at_least(value: str, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < minimum:
        raise argparse.ArgumentTypeError(f"must be >= {minimum}, got {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` by default.

    Returns:
        :data:`EXIT_OK`, :data:`EXIT_FAILED` when some documents failed,
        :data:`EXIT_USAGE` for a usage error, :data:`EXIT_INTERRUPTED` after
        Ctrl-C, or :data:`EXIT_CLOSED_OUTPUT` when the reader of standard
        output went away.

    Example:
        >>> main(["parse", "/no/such/story.txt"])
        2
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # argparse reports the problem itself
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    command: Callable[[argparse.Namespace], int] = {
        "parse": _parse_command,
        "sentences": _sentences_command,
        "normalize": _normalize_command,
        "demo": _demo_command,
    }[args.command]
    try:
        return command(args)
    except UsageError as error:
        print(f"arnews: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("arnews: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``arnews parse ... | head``): stop quietly,
        # with the code a SIGPIPE death gives, not 1 ("documents failed").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLOSED_OUTPUT


# --- arnews parse -----------------------------------------------------------------


def _parse_command(args: argparse.Namespace) -> int:
    max_chars = args.max_chars or None
    sources = [source for name in args.inputs for source in _source(name, args.format, args.glob)]
    target = args.to or _default_target(args.output, args.inputs, sources)
    if args.indent is not None and target != "json":
        raise UsageError("--indent applies to --to json only")
    jobs = _jobs(sources, args.text_field, args.id_field, max_chars)
    started = time.perf_counter()
    with _Progress.start(args.progress) as progress:
        report = _Report(progress, quiet=args.quiet)
        if target == "parquet":
            _write_parquet(jobs, args, progress, report)
        else:
            _write_json(jobs, args, target, progress, report)
    report.finish(time.perf_counter() - started)
    return EXIT_FAILED if report.errors else EXIT_OK


@attrs.frozen
class _Source:
    """One input named on the command line: a file or stdin (``path`` None), read as text or JSONL."""

    path: pathlib.Path | None
    jsonl: bool
    name: str


def _source(name: str, fmt: str, pattern: str) -> list[_Source]:
    if name == "-":
        return [_Source(None, fmt == "jsonl", "<stdin>")]
    path = pathlib.Path(name)
    if path.is_dir():
        files = sorted(found for found in path.glob(pattern) if found.is_file())
        if not files:
            print(f"arnews: no file in {name} matches {pattern}", file=sys.stderr)
        return [_Source(found, _is_jsonl(found, fmt), str(found)) for found in files]
    if not path.is_file():
        raise UsageError(f"no such file or directory: {name}")
    return [_Source(path, _is_jsonl(path, fmt), name)]


def _is_jsonl(path: pathlib.Path, fmt: str) -> bool:
    if fmt != "auto":
        return fmt == "jsonl"
    return path.name.removesuffix(".gz").endswith(JSONL_SUFFIXES)


def _default_target(output: str | None, inputs: list[str], sources: list[_Source]) -> str:
    if output is not None and output.endswith(".parquet"):
        return "parquet"
    one_text = len(inputs) == 1 and len(sources) == 1 and not sources[0].jsonl
    return "json" if one_text and (inputs[0] == "-" or pathlib.Path(inputs[0]).is_file()) else "jsonl"


def _jobs(sources: list[_Source], text_field: str, id_field: str, max_chars: int | None) -> Iterator[Job]:
    for source in sources:
        if source.jsonl:
            yield from _jsonl_jobs(source, text_field, id_field, max_chars)
        else:
            yield _text_job(source, max_chars)


def _open_binary(source: _Source) -> IO[bytes]:
    if source.path is None:
        return sys.stdin.buffer
    if source.path.suffix == ".gz":
        return gzip.open(source.path, "rb")  # type: ignore[return-value]  # GzipFile is a binary IO
    return source.path.open("rb")


def _text_job(source: _Source, max_chars: int | None) -> Job:
    try:
        with _open_binary(source) as handle:
            limit = -1 if max_chars is None else max_chars * 4 + 1  # UTF-8 needs at most 4 bytes a character
            data = handle.read(limit)
            if max_chars is not None and len(data) == limit and handle.read(1):
                message = f"the file is over {limit - 1:,} bytes, more than max-chars allows"
                return Job(source.name, None, DocumentError(TOO_LARGE, message, source.name))
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Job(source.name, None, DocumentError.from_exception(error, source.name))
    return to_job(source.name, text, max_chars=max_chars)


def _jsonl_jobs(source: _Source, text_field: str, id_field: str, max_chars: int | None) -> Iterator[Job]:
    limit = -1 if max_chars is None else max_chars * BYTES_PER_CHAR + 65_536
    try:
        with _open_binary(source) as handle:
            for number, line in enumerate(_bounded_lines(handle, limit), start=1):
                if line is None or line.strip():
                    yield _record_job(f"{source.name}:{number}", line, text_field, id_field, max_chars)
    except OSError as error:
        yield Job(source.name, None, DocumentError.from_exception(error, source.name))


def _bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Yield the lines of ``handle``; ``None`` for a line over ``limit`` bytes, never held whole."""
    while line := handle.readline(limit):
        if limit < 0 or line.endswith(b"\n") or len(line) < limit:
            yield line
            continue
        while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield None


def _record_job(where: str, line: bytes | None, text_field: str, id_field: str, max_chars: int | None) -> Job:
    if line is None:
        return Job(
            where, None, DocumentError(TOO_LARGE, "the JSONL line is longer than max-chars allows", where)
        )
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, ValueError) as error:
        return Job(where, None, DocumentError.from_exception(error, where))
    if not isinstance(record, dict):
        message = f"a JSONL record must be an object, not {type(record).__name__}"
        return Job(where, None, DocumentError("InvalidRecord", message, where))
    return to_job(where, record, text_field, id_field, max_chars)


def _article_json(text: str, indent: int | None = None) -> bytes:
    # Encoded in the worker: the parent writes the bytes as they come, instead
    # of decoding each article from the pipe and encoding it again to write it.
    return to_json(parse(text), indent=indent).encode("utf-8")


def _envelope(outcome: Outcome[bytes]) -> bytes:
    """One JSONL line, newline included: the article (or the error) under the document's id."""
    key = json.dumps(outcome.id, ensure_ascii=False).encode("utf-8")
    if outcome.error is not None:
        error = {"type": outcome.error.type, "message": outcome.error.message}
        return b'{"id": %s, "error": %s}\n' % (key, json.dumps(error, ensure_ascii=False).encode("utf-8"))
    return b'{"id": %s, "article": %s}\n' % (key, outcome.value)


def _write_json(
    jobs: Iterable[Job], args: argparse.Namespace, target: str, progress: _Progress, report: _Report
) -> None:
    function = functools.partial(_article_json, indent=args.indent)
    outcomes = process(
        jobs, function, workers=args.workers, chunksize=args.chunksize, progress=progress.update
    )
    with _byte_writer(args.output) as write:
        for outcome in outcomes:
            report.add(outcome.error)
            if target == "jsonl":
                write(_envelope(outcome))
            elif outcome.value is not None:
                write(outcome.value + b"\n")


def _write_parquet(
    jobs: Iterable[Job], args: argparse.Namespace, progress: _Progress, report: _Report
) -> None:
    if args.output is None:
        raise UsageError("Parquet needs an output file: -o NAME.parquet")
    if not _importable("pyarrow"):
        raise UsageError("writing Parquet needs pyarrow: pip install 'arnews[parquet]'")
    folder = pathlib.Path(args.output).parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {args.output}: no folder {folder}")
    outcomes: Iterator[Outcome[Rows]] = process(
        jobs, article_rows, workers=args.workers, chunksize=args.chunksize, progress=progress.update
    )
    # Importing pyarrow starts native threads, after which forking workers is
    # unsafe (the engine would fall back to the slower fork server); so the
    # workers start first, with the first outcome.
    first = next(outcomes, None)
    try:
        writer = ParquetOutput(args.output)
    except (ImportError, OSError) as error:
        raise UsageError(f"cannot write {args.output}: {error}") from error
    with writer:
        for outcome in itertools.chain([first] if first is not None else [], outcomes):
            report.add(outcome.error)
            writer.add(outcome.id, outcome.value, outcome.error)
    report.written = [str(path) for path in table_paths(args.output)]


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, or a broken install
        return False


class _Report:
    """Counts documents and errors, reports each error as it comes, and closes with a summary."""

    def __init__(self, progress: _Progress, *, quiet: bool) -> None:
        self.documents = 0
        self.errors = 0
        self.written: list[str] = []
        self._progress = progress
        self._quiet = quiet

    def add(self, error: DocumentError | None) -> None:
        self.documents += 1
        if error is None:
            return
        self.errors += 1
        if not self._quiet:
            message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
            self._progress.write(f"arnews: {error.id}: {error.type}: {message}")

    def finish(self, seconds: float) -> None:
        if self._quiet:
            return
        rate = self.documents / seconds if seconds > 0 else 0.0
        print(
            f"arnews: {_plural(self.documents, 'document')}, {_plural(self.errors, 'error')}, "
            f"{rate:,.1f} documents/s ({seconds:.2f} s)",
            file=sys.stderr,
        )
        if self.written:
            print(f"arnews: wrote {', '.join(self.written)}", file=sys.stderr)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


class _Progress:
    """A tqdm bar when tqdm is installed, else a counter on stderr; or nothing."""

    def __init__(self, bar: Any = None, *, counter: bool = False) -> None:
        self._bar = bar
        self._counter = counter
        self._done = 0
        self._shown = 0.0

    @classmethod
    def start(cls, wanted: bool | None) -> _Progress:
        if not (sys.stderr.isatty() if wanted is None else wanted):
            return cls()
        try:
            from tqdm import tqdm  # noqa: PLC0415 - the optional progress extra
        except ImportError:
            return cls(counter=True)
        # tqdm's monitor thread would make forking the workers unsafe, so the
        # batch engine would fall back to the slower fork server; updates come
        # often enough that the monitor has nothing to do.
        tqdm.monitor_interval = 0
        return cls(tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True))

    def update(self, count: int) -> None:
        self._done += count
        if self._bar is not None:
            self._bar.update(count)
        elif self._counter and time.monotonic() - self._shown >= 0.5:
            self._shown = time.monotonic()
            sys.stderr.write(f"\rarnews: {self._done} documents")
            sys.stderr.flush()

    def write(self, line: str) -> None:
        """Print a line on stderr without tearing the progress bar."""
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            if self._counter:
                sys.stderr.write("\r")
            print(line, file=sys.stderr)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self._counter:
            sys.stderr.write(f"\rarnews: {self._done} documents\n")


def _open_file(output: str, mode: str) -> IO[Any]:
    """The file ``-o`` names, opened to write (mode ``"w"`` or ``"wb"``); a usage error if it cannot be."""
    try:
        return pathlib.Path(output).open(mode, encoding=None if "b" in mode else "utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error}") from error


@contextlib.contextmanager
def _open_output(output: str | None) -> Iterator[IO[str]]:
    """Standard output (flushed on exit), or the file ``output`` (closed on exit), to write text to."""
    if output is None or output == "-":
        try:
            yield sys.stdout
        finally:
            sys.stdout.flush()
        return
    with _open_file(output, "w") as handle:
        yield handle


@contextlib.contextmanager
def _byte_writer(output: str | None) -> Iterator[Callable[[bytes], object]]:
    """Write UTF-8 bytes to standard output (through its byte buffer) or to a file (closed on exit)."""
    if output is not None and output != "-":
        with _open_file(output, "wb") as handle:
            yield handle.write
        return
    sys.stdout.flush()  # what was written as text goes out first
    buffer: IO[bytes] | None = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is None:  # a text stream set as sys.stdout (a StringIO, in a caller's tests)
            yield lambda data: sys.stdout.write(data.decode("utf-8"))
        else:
            yield buffer.write
    finally:
        (sys.stdout if buffer is None else buffer).flush()


def _read_input(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return pathlib.Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {name}: {error}") from error


# --- arnews sentences, normalize, demo --------------------------------------------------


def _sentences_command(args: argparse.Namespace) -> int:
    text = _read_input(args.input)
    with _open_output(args.output) as out:
        for sentence in sentences(text):
            if args.jsonl:
                out.write(to_json(sentence) + "\n")
            else:
                out.write(" ".join(sentence.text.splitlines()) + "\n")
    return EXIT_OK


def _normalize_command(args: argparse.Namespace) -> int:
    config = PROFILES[args.profile]()
    if args.input == "-":
        lines: Iterable[str] = sys.stdin
        return _normalize_lines(lines, config, args.output)
    try:
        with pathlib.Path(args.input).open(encoding="utf-8") as handle:
            return _normalize_lines(handle, config, args.output)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {args.input}: {error}") from error


def _normalize_lines(lines: Iterable[str], config: NormalizeConfig, output: str | None) -> int:
    # Line by line, so the filter streams a file of any size in constant memory.
    with _open_output(output) as out:
        for line in lines:
            out.write(normalize(line, config))
    return EXIT_OK


def _demo_command(args: argparse.Namespace) -> int:
    print_summary(parse(read_text("demo_article.txt")), sys.stdout)
    return EXIT_OK


def _describe_date(date: NewsDate) -> str:
    """``2025-03-12 (gregorian)``; a Hijri date adds its Gregorian day when known."""
    parts = [f"{part:02d}" if part is not None else "?" for part in (date.year, date.month, date.day)]
    described = f"{'-'.join(parts)} ({date.calendar})"
    if date.calendar is Calendar.HIJRI and date.gregorian is not None:
        described += f" = {date.gregorian.isoformat()}"
    return described


def print_summary(article: Article, out: TextIO) -> None:
    """Write a readable summary of ``article``: dateline, sizes and who said what.

    Args:
        article: A parsed article.
        out: Where to write.

    Example:
        >>> import io, arnews
        >>> buffer = io.StringIO()
        >>> print_summary(arnews.parse("بيروت - قال الوزير إن المطار مفتوح."), buffer)
        >>> buffer.getvalue().splitlines()[2]
        '  place    بيروت'
    """
    write = out.write
    write(f"language   {article.language.code} (confidence {article.language.confidence:.2f})\n")
    dateline = article.dateline
    if dateline is None:
        write("dateline   none\n")
    else:
        write(f"dateline   {dateline.text!r} [{dateline.span.start}, {dateline.span.end}]\n")
        write(f"  place    {dateline.location}\n")
        for label, date in (("date", dateline.date), ("also", dateline.alt_date)):
            if date is not None:
                write(f"  {label:8} {_describe_date(date)}\n")
        if dateline.agency is not None:
            write(f"  agency   {dateline.agency.name} ({dateline.agency.surface})\n")
    write(f"paragraphs {len(article.paragraphs)}\n")
    write(f"sentences  {len(article.sentences)}\n")
    write(f"quotes     {len(article.quotes)}\n")
    for quote in article.quotes:
        speaker = quote.speaker.name if quote.speaker else "?"
        cue = quote.cue.text if quote.cue else "-"
        write(f"  [{quote.kind}] {speaker} ({cue}): {quote.text}\n")
