"""Batch throughput: ``arnews parse`` over the real corpus with 1 and 2 workers, and where the time goes.

Run: python benchmarks/bench_batch.py [--repeat N] [--workers N]

Measures, in one run on the same input:

* the command line end to end (``python -m arnews parse corpus.jsonl -o out.jsonl``, interpreter start
  included) with ``--workers 1`` and ``--workers N``: documents/s and their ratio, best of ``--repeat``;
  and the rate the command itself reports in its closing summary (its own clock: warm-up included,
  interpreter start and import not), with its ratio;
* the fixed start-up cost every run pays (interpreter, ``import arnews``, first parse);
* the batch engine in process (``process()`` with the CLI's per-document work), without start-up;
* the single-process ``arnews.parse`` rate: documents/s, MB/s and the rate scaled to 2 KB articles;
* the cost of each pipeline stage on the same texts, and a cProfile of ``parse``, so the slowest
  stage is named;
* the engine's own overhead (a trivial per-document function).

The commands run with bytecode caching on, as an installed copy does, even where
the environment sets ``PYTHONDONTWRITEBYTECODE``.

Writes benchmarks/results/bench_batch.json.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import os
import platform
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import arnews
from _corpus import best_cpu, load_texts
from arnews._batch import Job, process
from arnews._cli import _article_json
from arnews._dateline import find_credit, find_dateline
from arnews._language import detect_language
from arnews._quotes import find_quotes
from arnews._segment import paragraphs, sentences

RESULTS = Path(__file__).resolve().parent / "results" / "bench_batch.json"
TWO_KB = 2048


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def best_of(repeat: int, function: Callable[[], object]) -> float:
    return min(timed(function) for _ in range(repeat))


# The closing summary of ``arnews parse``: "arnews: 981 documents, 0 errors, 342.7 documents/s (2.86 s)".
SUMMARY = re.compile(r"arnews: [\d,]+ documents?, [\d,]+ errors?, ([\d,.]+) documents/s")

# The commands run as an installed package does: with bytecode caching on. An
# environment that sets PYTHONDONTWRITEBYTECODE (some containers and CI images
# do) would make every run compile arnews from source, a cost no installed
# copy pays (pip writes the .pyc files at install time).
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def cli_run(corpus: Path, workers: int, out: Path) -> tuple[float, float, float]:
    """One ``arnews parse`` run: wall and CPU seconds (with its workers), and the rate it reports.

    The reported rate is the command's own clock: from the first document read to
    the last written, warm-up of the lexicons included, interpreter start and
    ``import arnews`` excluded.
    """
    command = [sys.executable, "-m", "arnews", "parse", str(corpus), "-o", str(out)]
    command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Exit 1 is fine: a corpus may hold a failing document.
    finished = subprocess.run(command, check=False, capture_output=True, text=True, env=CHILD_ENV)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Forked workers are reaped by the command, so their CPU time is counted here too.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = SUMMARY.search(finished.stderr)
    if summary is None:
        raise SystemExit(f"no summary from {' '.join(command)}:\n{finished.stderr}")
    return wall, cpu, float(summary.group(1).replace(",", ""))


def start_up_seconds(repeat: int) -> dict[str, float]:
    """Fixed costs every CLI run pays: the interpreter with ``import arnews``, and the first parse."""
    warm = "import arnews, arnews._batch as b; arnews.parse(b.WARM_UP_TEXT)"
    commands = {
        "python_alone": [sys.executable, "-c", "pass"],
        "import_arnews": [sys.executable, "-c", "import arnews"],
        "import_and_first_parse": [sys.executable, "-c", warm],
    }
    return {
        name: round(best_of(repeat, functools.partial(subprocess.run, command, check=True, env=CHILD_ENV)), 3)
        for name, command in commands.items()
    }


def stage_seconds(texts: list[str]) -> dict[str, float]:
    """Seconds each stage of the pipeline takes over ``texts``, called as parse calls it."""
    found = [sentences(text) for text in texts]
    found_paragraphs = [paragraphs(text) for text in texts]
    stages: dict[str, Callable[[], object]] = {
        "detect_language(text)": lambda: [detect_language(t) for t in texts],
        "detect_language(paragraphs)": lambda: [
            detect_language(p.text) for ps in found_paragraphs for p in ps
        ],
        "find_dateline": lambda: [find_dateline(t) for t in texts],
        "find_credit": lambda: [find_credit(t) for t in texts],
        "paragraphs": lambda: [paragraphs(t) for t in texts],
        "sentences": lambda: [sentences(t) for t in texts],
        "find_quotes": lambda: [find_quotes(t, s) for t, s in zip(texts, found, strict=True)],
    }
    articles = [arnews.parse(t) for t in texts]
    stages["to_json (CLI output)"] = lambda: [arnews.to_json(a) for a in articles]
    return {name: round(timed(run), 4) for name, run in stages.items()}


def profile_parse(texts: list[str], top: int = 15) -> list[dict[str, Any]]:
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        arnews.parse(text)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(filename).name}:{line}({name})"
        rows.append(
            {"function": where, "calls": calls, "tottime": round(tottime, 4), "cumtime": round(cumtime, 4)}
        )
    rows.sort(key=lambda row: row["tottime"], reverse=True)
    return rows[:top]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=3, help="paired runs per configuration")
    options.add_argument("--workers", type=int, default=2, help="the parallel configuration (default 2)")
    args = options.parse_args()

    texts = load_texts()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    mean_kb = megabytes * 1e6 / len(texts) / 1024
    print(f"corpus: {len(texts)} articles, {megabytes:.2f} MB, mean {mean_kb:.2f} KB; cpus {os.cpu_count()}")
    load_at_start = os.getloadavg()
    print(f"load average at start: {load_at_start} (other work on the machine slows every wall-clock number)")

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for index, text in enumerate(texts):
                handle.write(json.dumps({"id": index, "text": text}, ensure_ascii=False) + "\n")
        outputs = {workers: Path(scratch) / f"out-{workers}.jsonl" for workers in (1, args.workers)}

        # Warm the file cache (and write the bytecode cache) once, untimed.
        cli_run(corpus, args.workers, outputs[args.workers])
        cli: dict[int, list[tuple[float, float, float]]] = {1: [], args.workers: []}
        for _ in range(args.repeat):  # alternate, so a burst of load hits both configurations
            for workers, runs in cli.items():
                runs.append(cli_run(corpus, workers, outputs[workers]))
        cli_best = {workers: min(run[0] for run in runs) for workers, runs in cli.items()}
        reported_best = {workers: max(run[2] for run in runs) for workers, runs in cli.items()}
        # Runs are paired (1 worker, then N) so each ratio sees the same load; the median resists bursts.
        pairs = list(zip(cli[1], cli[args.workers], strict=True))
        wall_ratio = statistics.median(one[0] / many[0] for one, many in pairs)
        cpu_ratio = statistics.median(many[1] / one[1] for one, many in pairs)
        reported_ratio = statistics.median(many[2] / one[2] for one, many in pairs)
        identical = outputs[1].read_bytes() == outputs[args.workers].read_bytes()
        failed = sum('"error": {' in line for line in outputs[1].read_text(encoding="utf-8").splitlines())

    work = functools.partial(_article_json, indent=None)

    def engine(workers: int) -> Callable[[], object]:
        return lambda: sum(
            1 for _ in process((Job(i, t) for i, t in enumerate(texts)), work, workers=workers)
        )

    engine_best = {workers: best_of(args.repeat, engine(workers)) for workers in (1, args.workers)}
    parse_seconds = best_of(args.repeat, lambda: [arnews.parse(t) for t in texts])
    parse_cpu_seconds = best_cpu(lambda: [arnews.parse(t) for t in texts], args.repeat)
    overhead = best_of(
        args.repeat, lambda: list(process((Job(i, t) for i, t in enumerate(texts)), len, workers=2))
    )
    start_up = start_up_seconds(args.repeat)
    stages = stage_seconds(texts)
    profile = profile_parse(texts[:300])

    def rate(seconds: float) -> float:
        return round(len(texts) / seconds, 1)

    parse_mb_s = megabytes / parse_seconds
    results = {
        "corpus": {"articles": len(texts), "megabytes": round(megabytes, 3), "mean_kb": round(mean_kb, 2)},
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_start": load_at_start,
            "load_average_end": os.getloadavg(),
        },
        "repeat": args.repeat,
        "cli_docs_per_s": {str(w): rate(s) for w, s in cli_best.items()},
        "cli_reported_docs_per_s": {str(w): r for w, r in reported_best.items()},
        "cli_reported_speedup_median_of_pairs": round(reported_ratio, 2),
        "start_up_seconds": start_up,
        "cli_wall_cpu_seconds": {
            str(w): [[round(x, 3) for x in run] for run in runs] for w, runs in cli.items()
        },
        "cli_outputs_identical": identical,
        "cli_documents_failed": failed,
        "cli_speedup_best_of": round(cli_best[1] / cli_best[args.workers], 2),
        "cli_speedup_median_of_pairs": round(wall_ratio, 2),
        "cli_cpu_ratio_median_of_pairs": round(cpu_ratio, 3),
        "cli_speedup_estimate_idle_cores": round(min(args.workers, os.cpu_count() or 1) / cpu_ratio, 2),
        "engine_docs_per_s": {str(w): rate(s) for w, s in engine_best.items()},
        "engine_speedup": round(engine_best[1] / engine_best[args.workers], 2),
        "parse_docs_per_s": rate(parse_seconds),
        "parse_mb_per_s": round(parse_mb_s, 3),
        "parse_2kb_articles_per_s": round(parse_mb_s * 1e6 / TWO_KB, 1),
        "parse_cpu_seconds": round(parse_cpu_seconds, 3),
        "parse_2kb_articles_per_cpu_s": round(megabytes * 1e6 / TWO_KB / parse_cpu_seconds, 1),
        "engine_overhead_docs_per_s_2_workers": rate(overhead),
        "stage_seconds": stages,
        "slowest_stage": max(stages, key=lambda name: stages[name]),
        "profile_top_tottime_300_articles": profile,
    }
    print(f"arnews parse CLI, --workers 1: {results['cli_docs_per_s']['1']} docs/s")
    print(
        f"arnews parse CLI, --workers {args.workers}: {results['cli_docs_per_s'][str(args.workers)]} docs/s"
    )
    print(
        f"CLI speed-up with {args.workers} workers: {results['cli_speedup_median_of_pairs']}x "
        f"(median of pairs), {results['cli_speedup_best_of']}x (best of each; target >= 1.7x)"
    )
    print(
        f"rate the command reports (its own clock, warm-up included, start-up not): "
        f"{results['cli_reported_docs_per_s']}, speed-up {results['cli_reported_speedup_median_of_pairs']}x "
        "(median of pairs)"
    )
    print(f"fixed start-up seconds (best of {args.repeat}): {start_up}")
    print(f"1-worker and {args.workers}-worker outputs identical: {identical}; documents failed: {failed}")
    print(
        f"CPU seconds, {args.workers} workers / 1 worker: {results['cli_cpu_ratio_median_of_pairs']}; "
        "speed-up on idle cores "
        f"estimated from CPU time: {results['cli_speedup_estimate_idle_cores']}x"
    )
    print(f"engine (no start-up): {results['engine_docs_per_s']}, speed-up {results['engine_speedup']}x")
    print(
        f"arnews.parse in process: {results['parse_docs_per_s']} docs/s, {results['parse_mb_per_s']} MB/s, "
        f"{results['parse_2kb_articles_per_s']} 2 KB articles/s by the wall clock, "
        f"{results['parse_2kb_articles_per_cpu_s']} per CPU second (target >= 1000)"
    )
    print(f"engine overhead alone (len, 2 workers): {results['engine_overhead_docs_per_s_2_workers']} docs/s")
    print("stage seconds over the corpus:")
    for name, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"  {name:28s} {seconds:8.3f} s  ({seconds / parse_seconds:6.1%} of parse)")
    print("cProfile of parse, top functions by own time (300 articles):")
    for row in profile[:10]:
        print(f"  {row['tottime']:8.3f} s  {row['calls']:>8}  {row['function']}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
