"""Dateline accuracy on the dev gold (scored with ../shared/eval/score.py); dates beside dateparser.

usage: python benchmarks/dateline_eval.py [--pred PRED.jsonl]

Without ``--pred`` it runs :func:`arnews.find_dateline` on every gold article
and scores that; with it, it scores the given predictions instead (one JSON
object per line: ``id`` and ``dateline`` in the arnews JSON form, that is
``arnews.to_dict(dateline)``; a whole ``arnews.to_dict(article)`` works too).
Scoring uses the definitions of ``score.py`` (ANNOTATION.md section 4),
imported from ../shared/eval at run time, never copied.

It also reads the date of every dated gold dateline with arnews.parse_date
and with dateparser (when installed), and prints accuracy and speed side by
side. Results go to benchmarks/results/dateline_eval.json.
"""

from __future__ import annotations

import json
import pathlib
import sys
import time
from types import ModuleType
from typing import Any

import arnews

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import _corpus  # noqa: E402 - the shared helper sits beside this script
from _corpus import SHARED  # noqa: E402

EVAL = SHARED / "eval"
GOLD_FILES = ("dev_datelines.jsonl", "dev_gold.jsonl")
RESULTS = REPO / "benchmarks" / "results" / "dateline_eval.json"


def load_scorer() -> ModuleType:
    """Import ../shared/eval/score.py (it is read where it lives, not copied)."""
    return _corpus.load_scorer("dateline_eval")


def load_gold(scorer: ModuleType) -> dict[str, dict[str, Any]]:
    """The dateline gold of both dev files, by article id (dev_gold's rows win on a clash)."""
    gold: dict[str, dict[str, Any]] = {}
    for name in GOLD_FILES:
        gold.update(scorer.load(EVAL / name))
    return gold


def predict(texts: dict[str, str], ids: list[str]) -> dict[str, dict[str, Any]]:
    """arnews' datelines for the given articles, in the arnews JSON form."""
    out: dict[str, dict[str, Any]] = {}
    for aid in ids:
        found = arnews.find_dateline(texts[aid])
        out[aid] = {"id": aid, "dateline": arnews.to_dict(found) if found is not None else None}
    return out


def score_datelines(predictions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Score predictions (``{id: {"dateline": ...}}`` in the arnews JSON form) against the dev gold.

    Returns:
        The ``dateline`` block of score.py's result: presence precision and
        recall, span-end, location, date and agency accuracy, and the counts.
    """
    scorer = load_scorer()
    gold = load_gold(scorer)
    texts = scorer.load_corpus(SHARED / "corpora")
    result: dict[str, Any] = scorer.score(gold, predictions, texts)["dateline"]
    return result


def compare_dates(texts: dict[str, str], gold: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Read each dated gold dateline's date with arnews and dateparser; accuracy and speed."""
    items = []
    for aid, row in gold.items():
        dateline = row.get("dateline")
        if dateline and dateline.get("month") is not None:
            start, end = dateline["span"]
            items.append(
                (texts[aid][start:end], (dateline.get("year"), dateline["month"], dateline.get("day")))
            )
    report: dict[str, Any] = {"items": len(items)}

    def arnews_reader(text: str) -> tuple[int | None, int | None, int | None] | None:
        found = arnews.find_dates(text)
        if not found:
            found = [d for d in [arnews.parse_date(text)] if d is not None]
        return (found[0].year, found[0].month, found[0].day) if found else None

    readers = {"arnews": arnews_reader}
    try:
        from dateparser.search import search_dates

        def dateparser_reader(text: str) -> tuple[int | None, int | None, int | None] | None:
            found = search_dates(text, languages=["ar"])
            if not found:
                return None
            day = found[0][1]
            return (day.year, day.month, day.day)

        readers["dateparser"] = dateparser_reader
    except ImportError:  # pragma: no cover - dateparser is a benchmark-only extra
        report["dateparser"] = "not installed"
    for name, reader in readers.items():
        correct = 0
        began = time.perf_counter()
        for text, expected in items:
            got = reader(text)
            correct += got is not None and all(
                e is None or e == g for e, g in zip(expected, got, strict=True)
            )
        elapsed = time.perf_counter() - began
        report[name] = {
            "accuracy": round(correct / len(items), 4) if items else None,
            "texts_per_s": round(len(items) / elapsed, 1),
        }
    if "dateparser" in readers and isinstance(report.get("dateparser"), dict):
        report["speed_ratio_arnews_over_dateparser"] = round(
            report["arnews"]["texts_per_s"] / report["dateparser"]["texts_per_s"], 1
        )
    return report


def speed(texts: list[str]) -> dict[str, float]:
    """find_dateline throughput over every corpus article."""
    began = time.perf_counter()
    for text in texts:
        arnews.find_dateline(text)
    elapsed = time.perf_counter() - began
    return {"articles": len(texts), "articles_per_s": round(len(texts) / elapsed, 1)}


def main(argv: list[str]) -> int:
    scorer = load_scorer()
    gold = load_gold(scorer)
    texts = scorer.load_corpus(SHARED / "corpora")
    if "--pred" in argv:
        predictions = scorer.load(argv[argv.index("--pred") + 1])
    else:
        predictions = predict(texts, list(gold))
    result = {"dateline": scorer.score(gold, predictions, texts)["dateline"]}
    if "--pred" not in argv:
        result["dates"] = compare_dates(texts, gold)
        result["speed"] = speed(list(texts.values()))
    d = result["dateline"]
    print(
        f"dateline  presence P {d['presence_precision']:.3f} R {d['presence_recall']:.3f}  "
        f"span-end {d['span_end_accuracy']}  location {d['location_accuracy']}  "
        f"date {d['date_accuracy']}  agency {d['agency_accuracy']}  (gold {d['gold']}, predicted {d['pred']})"
    )
    if "dates" in result:
        print(f"dates of the gold datelines: {json.dumps(result['dates'])}")
        print(f"speed: {json.dumps(result['speed'])}")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
