"""Speed of find_quotes on the real articles, and against an earlier revision of it, in one run.

usage: python benchmarks/bench_quotes.py [--repeat N] [--baseline-rev REV]

Runs :func:`arnews.find_quotes` over every article of ../shared/corpora with
the sentences already cut (as :func:`arnews.parse` calls it) and reports CPU
seconds (``time.process_time``, best of ``--repeat``: the machine is shared),
articles/s, MB/s and the share of ``parse`` it takes.

With ``--baseline-rev REV`` it also loads ``_quotes.py`` and ``_speakers.py``
as they were at git revision ``REV`` (into a temporary directory, beside the
current versions of every other module), runs both on the same texts,
alternating, checks that they return the same quotes, and prints the ratio.

It also measures the first-use cost of the quote tables: the CPU seconds of
the first ``_tables()`` call in a fresh interpreter (bytecode caching on, the
matching normalization profile already compiled, since every caller compiles
it anyway), least of ``--startup-runs`` processes, for each version,
alternating. Results go to benchmarks/results/bench_quotes.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import arnews

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _corpus import load_texts  # noqa: E402 - the shared helper sits beside this script

RESULTS = REPO / "benchmarks" / "results" / "bench_quotes.json"
TWO_KB = 2048

FindQuotes = Callable[[str, Sequence[arnews.Sentence]], list[arnews.Quote]]


def load_revision(rev: str, where: pathlib.Path) -> ModuleType:
    """The ``_quotes`` module of git revision ``rev``, with that revision's ``_speakers``."""
    for name in ("_quotes", "_speakers"):
        source = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{rev}:src/arnews/{name}.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        source = source.replace("from arnews._speakers import", "from baseline_speakers import")
        (where / f"baseline{name}.py").write_text(source, encoding="utf-8")
    sys.path.insert(0, str(where))
    spec = importlib.util.spec_from_file_location("baseline_quotes", where / "baseline_quotes.py")
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load _quotes.py of {rev}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Run in a fresh interpreter: argv[1] is "" for the current _quotes, else the directory of
# a baseline's baseline_quotes.py. Prints the CPU seconds of the first _tables() call.
_FIRST_USE = """
import importlib.util, sys, time
import arnews
from arnews._lexicon import fold
fold("x")  # the matching profile: compiled by the first shadow() of any caller
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
    spec = importlib.util.spec_from_file_location("baseline_quotes", sys.argv[1] + "/baseline_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
else:
    from arnews import _quotes as module
started = time.process_time()
module._tables()
print(time.process_time() - started)
"""


def first_use_seconds(where: str, runs: int) -> list[float]:
    """CPU seconds of the first ``_tables()`` call, one fresh interpreter per run."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return [
        float(
            subprocess.run(
                [sys.executable, "-c", _FIRST_USE, where], check=True, capture_output=True, text=True, env=env
            ).stdout
        )
        for _ in range(runs)
    ]


def cpu_seconds(function: Callable[[], object]) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


def run_all(find: FindQuotes, texts: list[str], cut: list[Sequence[arnews.Sentence]]) -> list[list[Any]]:
    return [find(text, sentences) for text, sentences in zip(texts, cut, strict=True)]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline-rev", help="git revision whose find_quotes to compare with")
    parser.add_argument("--startup-runs", type=int, default=9, help="fresh interpreters per version")
    args = parser.parse_args(argv)
    texts = load_texts()
    cut = [arnews.sentences(text) for text in texts]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1_000_000
    finders: dict[str, FindQuotes] = {"current": arnews.find_quotes}
    with tempfile.TemporaryDirectory() as scratch:
        if args.baseline_rev:
            finders["baseline"] = load_revision(args.baseline_rev, pathlib.Path(scratch)).find_quotes
        outputs = {name: run_all(find, texts, cut) for name, find in finders.items()}  # also warms up
        same = len(
            {json.dumps([[arnews.to_dict(q) for q in quotes] for quotes in out]) for out in outputs.values()}
        )
        best = dict.fromkeys(finders, float("inf"))
        for _ in range(args.repeat):  # alternate, so both see the same noise
            for name, find in finders.items():
                best[name] = min(best[name], cpu_seconds(lambda find=find: run_all(find, texts, cut)))
        places = {"current": "", "baseline": scratch}
        first_use = dict.fromkeys(finders, float("inf"))
        for _ in range(args.startup_runs):  # alternate here too
            for name in finders:
                first_use[name] = min(first_use[name], *first_use_seconds(places[name], 1))
    parse = min(
        cpu_seconds(lambda: [arnews.parse(text) for text in texts]) for _ in range(max(1, args.repeat // 2))
    )
    rows: dict[str, Any] = {}
    for name, seconds in best.items():
        rows[name] = {
            "first_tables_call_ms": round(first_use[name] * 1000, 1),
            "cpu_seconds": round(seconds, 3),
            "articles_per_s": round(len(texts) / seconds, 1),
            "mb_per_s": round(megabytes / seconds, 2),
            "two_kb_articles_per_s": round(megabytes * 1_000_000 / TWO_KB / seconds, 1),
        }
    result: dict[str, Any] = {
        "articles": len(texts),
        "megabytes": round(megabytes, 2),
        "find_quotes": rows,
        "parse_cpu_seconds": round(parse, 3),
        "find_quotes_share_of_parse": round(best["current"] / parse, 2),
    }
    print(f"{len(texts)} articles, {megabytes:.2f} MB; CPU seconds, best of {args.repeat}")
    for name, row in rows.items():
        print(
            f"  find_quotes {name:9s} {row['cpu_seconds']:7.3f} s  {row['articles_per_s']:8.1f} articles/s"
            f"  {row['mb_per_s']:6.2f} MB/s  first _tables() {row['first_tables_call_ms']:5.1f} ms"
        )
    print(
        f"  parse               {parse:7.3f} s"
        f"  (find_quotes is {result['find_quotes_share_of_parse']:.0%} of it)"
    )
    if "baseline" in best:
        result["baseline_rev"] = args.baseline_rev
        result["speedup_vs_baseline"] = round(best["baseline"] / best["current"], 2)
        result["same_output_as_baseline"] = same == 1
        print(
            f"  speed-up over {args.baseline_rev}: {result['speedup_vs_baseline']:.2f}x, "
            f"same quotes: {same == 1}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
