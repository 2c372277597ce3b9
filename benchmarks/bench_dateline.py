"""Speed of find_dateline and find_credit per article; dates beside dateparser.

usage: python benchmarks/bench_dateline.py [--repeat N] [--dateparser-items N]

Reads the real articles of ../shared/corpora at run time (never stored).
The machine is shared and loaded, so every timing is CPU time
(``time.process_time``), the best of ``--repeat`` runs, and each is also
given as a ratio to a floor measured in the same run: ``str.split`` of
every article (the cheapest pass over the text there is).

Measured:

* ``find_dateline`` and ``find_credit``: milliseconds per article and
  articles per second, their sum against the pipeline's budget
  (:data:`BUDGET_MS` for both, per typical article).
* ``parse_date`` on every date expression ``find_dates`` finds in the
  corpus, beside ``dateparser.parse(..., languages=["ar"])`` on the same
  strings (when dateparser is installed): expressions per second, the speed
  ratio, and how often dateparser gives the same day.
* ``find_dates`` over whole articles (MB/s) beside
  ``dateparser.search.search_dates`` on a sample, and its growth from
  0.25 MB to 1 MB of text (4.0 means linear).
* The one-off cost a fresh process pays (a worker of ``parse_many``):
  ``import arnews``, building the dateline tables (``_dateline._tables()``,
  after the matching profile's plan), and everything up to the answer of
  the first ``find_dateline`` and ``find_credit`` call (CPU seconds, best
  of ``--repeat`` fresh interpreters).

Results go to benchmarks/results/bench_dateline.json.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import warnings
from typing import Any

import arnews

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from _corpus import best_cpu, build_text, load_texts  # noqa: E402 - the shared helper sits beside this script

RESULTS = REPO / "benchmarks" / "results" / "bench_dateline.json"
# The pipeline's budget for find_dateline + find_credit on one typical article.
BUDGET_MS = 0.15


def per_article(texts: list[str], repeat: int) -> dict[str, Any]:
    """find_dateline and find_credit per article, and the str.split floor."""
    for text in texts:  # warm the lazily built tables
        arnews.find_dateline(text)
        arnews.find_credit(text)
    floor = best_cpu(lambda: [text.split() for text in texts], repeat)
    out: dict[str, Any] = {
        "articles": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "floor_split_ms": round(floor / len(texts) * 1e3, 4),
    }
    total = 0.0
    for name in ("find_dateline", "find_credit"):
        function = getattr(arnews, name)
        seconds = best_cpu(lambda f=function: [f(text) for text in texts], repeat)
        total += seconds
        out[name] = {
            "ms_per_article": round(seconds / len(texts) * 1e3, 4),
            "articles_per_s": round(len(texts) / seconds),
            "over_split_floor": round(seconds / floor, 1),
        }
    out["both_ms_per_article"] = round(total / len(texts) * 1e3, 4)
    out["budget_ms"] = BUDGET_MS
    return out


# Run in a fresh interpreter: what a new worker pays before its first article.
# ``tables_s`` is _dateline._tables() alone, after one normalize call has
# built the matching profile's plan (which the first article pays anyway).
_FIRST_CALL = """
import json, time
start = time.process_time()
import arnews
from arnews import _dateline
imported = time.process_time()
arnews.normalize("x", arnews.NormalizeConfig.matching())
planned = time.process_time()
_dateline._tables()
tabled = time.process_time()
arnews.find_dateline("x")
arnews.find_credit("x")
print(json.dumps({
    "import_s": imported - start,
    "tables_s": tabled - planned,
    "first_calls_s": time.process_time() - imported,
}))
"""


def first_call(repeat: int) -> dict[str, float]:
    """CPU seconds of ``import arnews``, of building the dateline tables and of the first calls.

    ``first_calls_s`` is everything a new process pays before its first
    find_dateline + find_credit answer: the matching profile's plan, the
    tables, and the two calls. Each interpreter writes bytecode as an
    installed package would have it (``PYTHONDONTWRITEBYTECODE`` unset).
    """
    best = {"import_s": float("inf"), "tables_s": float("inf"), "first_calls_s": float("inf")}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_CALL], capture_output=True, text=True, check=True, env=env
        )
        for key, value in json.loads(out.stdout).items():
            best[key] = min(best[key], value)
    return {key: round(value, 4) for key, value in best.items()}


def date_expressions(texts: list[str]) -> list[str]:
    """Every date expression arnews finds in the corpus, as written (read at run time only)."""
    found: list[str] = []
    for text in texts:
        found += [text[d.span.start : d.span.end] for d in arnews.find_dates(text) if d.span is not None]
    return found


def dates_side_by_side(texts: list[str], repeat: int, items: int) -> dict[str, Any]:
    """parse_date and find_dates beside dateparser on the same inputs."""
    expressions = date_expressions(texts)
    arnews_seconds = best_cpu(lambda: [arnews.parse_date(e) for e in expressions], repeat)
    body = "\n\n".join(texts)
    megabytes = len(body.encode("utf-8")) / 1e6
    scan_seconds = best_cpu(lambda: [arnews.find_dates(text) for text in texts], repeat)
    small, large = build_text(0.25, texts), build_text(1.0, texts)
    growth = best_cpu(lambda: arnews.find_dates(large), 1) / max(
        best_cpu(lambda: arnews.find_dates(small), 1), 1e-9
    )
    out: dict[str, Any] = {
        "parse_date": {
            "expressions": len(expressions),
            "arnews_per_s": round(len(expressions) / arnews_seconds),
        },
        "find_dates": {
            "articles": len(texts),
            "arnews_mb_per_s": round(megabytes / scan_seconds, 2),
            "arnews_articles_per_s": round(len(texts) / scan_seconds),
            "growth_0.25_to_1_mb": round(growth, 2),
        },
    }
    try:
        import dateparser
        from dateparser.search import search_dates
    except ImportError:
        out["dateparser"] = "not installed"
        return out
    sample = expressions[:items]
    warnings.simplefilter("ignore")  # dateparser warns about its own tz handling
    parser_seconds = best_cpu(lambda: [dateparser.parse(e, languages=["ar"]) for e in sample], 1)
    same = 0
    for expression in sample:
        ours = arnews.parse_date(expression)
        theirs = dateparser.parse(expression, languages=["ar"])
        if ours is not None and ours.gregorian is not None and theirs is not None:
            same += theirs.date() == ours.gregorian
    full = [e for e in sample if (d := arnews.parse_date(e)) is not None and d.gregorian is not None]
    out["parse_date"].update(
        {
            "dateparser_items": len(sample),
            "dateparser_per_s": round(len(sample) / parser_seconds, 1),
            "speed_ratio_arnews_over_dateparser": round(
                (len(expressions) / arnews_seconds) / (len(sample) / parser_seconds)
            ),
            "fully_dated_items": len(full),
            "dateparser_same_day_on_fully_dated": round(same / len(full), 4) if full else None,
        }
    )
    articles = texts[: max(1, items // 20)]
    search_seconds = best_cpu(lambda: [search_dates(t, languages=["ar"]) for t in articles], 1)
    ours_seconds = best_cpu(lambda: [arnews.find_dates(t) for t in articles], repeat)
    out["find_dates"].update(
        {
            "dateparser_search_articles": len(articles),
            "dateparser_search_articles_per_s": round(len(articles) / search_seconds, 2),
            "speed_ratio_arnews_over_dateparser_search": round(search_seconds / ours_seconds),
        }
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best is kept")
    parser.add_argument("--dateparser-items", type=int, default=200, help="date strings given to dateparser")
    args = parser.parse_args()
    texts = load_texts()
    results = {
        "per_article": per_article(texts, args.repeat),
        "first_call": first_call(args.repeat),
        "dates": dates_side_by_side(texts, args.repeat, args.dateparser_items),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    article = results["per_article"]
    for name in ("find_dateline", "find_credit"):
        row = article[name]
        print(
            f"{name:14s} {row['ms_per_article']:.4f} ms/article  {row['articles_per_s']:>7} articles/s  "
            f"{row['over_split_floor']:>5}x str.split"
        )
    print(f"both           {article['both_ms_per_article']:.4f} ms/article (budget {BUDGET_MS} ms)")
    first = results["first_call"]
    print(
        f"new process: import {first['import_s']:.3f} s, dateline tables {first['tables_s']:.3f} s, "
        f"first calls (tables included) {first['first_calls_s']:.3f} s"
    )
    print("dates:", json.dumps(results["dates"], ensure_ascii=False))
    print(f"written to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
