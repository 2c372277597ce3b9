"""End-to-end accuracy of ``arnews.parse`` on the dev gold, scored by ../shared/eval/score.py.

Every gold article is parsed once by the whole pipeline; its JSON form is the
prediction, exactly as a user gets it, so this measures what ships rather
than one stage in isolation. Results go to benchmarks/results/accuracy.json.

    python benchmarks/accuracy.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import arnews

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _corpus  # the shared helper sits beside this script

GOLD_FILES = ("dev_gold.jsonl", "dev_datelines.jsonl")
RESULTS = _corpus.REPO / "benchmarks" / "results" / "accuracy.json"


def predictions(texts: dict[str, str], ids: list[str]) -> dict[str, dict[str, Any]]:
    """The JSON form of every parsed article, keyed by id, as score.py reads it."""
    return {aid: {"id": aid, **arnews.to_dict(arnews.parse(texts[aid]))} for aid in ids}


def main() -> int:
    scorer = _corpus.load_scorer("accuracy")
    texts = scorer.load_corpus(_corpus.CORPORA)
    report: dict[str, Any] = {}
    for name in GOLD_FILES:
        gold = scorer.load(_corpus.EVAL / name)
        report[name] = scorer.score(gold, predictions(texts, list(gold)), texts)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for name, result in report.items():
        dateline, sentences, quotes = result["dateline"], result["sentences"], result["quotes"]
        print(f"{name}: {result['articles']} articles")
        print(
            f"  dateline  presence P {dateline['presence_precision']} R {dateline['presence_recall']}"
            f"  span-end {dateline['span_end_accuracy']}  location {dateline['location_accuracy']}"
            f"  date {dateline['date_accuracy']}  agency {dateline['agency_accuracy']}"
        )
        if sentences["tp"] + sentences["fn"]:
            print(f"  sentences F1 {sentences['f1']}")
        if quotes["all"]["tp"] + quotes["all"]["fn"]:
            print(
                f"  quotes    direct F1 {quotes['direct']['f1']}  indirect F1 {quotes['indirect']['f1']}"
                f"  speaker accuracy {quotes['speaker_accuracy']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
