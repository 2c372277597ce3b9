"""Quote accuracy on the dev gold (scored with ../shared/eval/score.py) and quote speed.

usage: python benchmarks/quotes_eval.py [--pred PRED.jsonl] [--errors]

Without ``--pred`` it runs :func:`arnews.find_quotes` on every article of
``dev_gold.jsonl`` and scores that; with it, it scores the given predictions
instead (one JSON object per line: ``id`` and ``quotes`` in the arnews JSON
form, that is ``[arnews.to_dict(q) for q in quotes]``; a whole
``arnews.to_dict(article)`` works too). Scoring uses the definitions of
``score.py`` (ANNOTATION.md section 4), imported from ../shared/eval at run
time, never copied. ``--errors`` lists every miss, false alarm and wrong
speaker (it prints article text: keep that output out of the repository).

It then measures speed in one run: MB/s of find_quotes on the real articles,
and on adversarial inputs of the same size (unbalanced marks, runs of cues),
as ratios to the prose speed. No other library extracts Arabic quotes, so
there is nothing to run side by side. Results go to
benchmarks/results/quotes_eval.json.
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
from _corpus import SHARED, build_text, load_texts  # noqa: E402

EVAL = SHARED / "eval"
RESULTS = REPO / "benchmarks" / "results" / "quotes_eval.json"
SPEED_MEGABYTES = 0.5


def load_scorer() -> ModuleType:
    """Import ../shared/eval/score.py (it is read where it lives, not copied)."""
    return _corpus.load_scorer("quotes_eval")


def predict(texts: dict[str, str], ids: list[str]) -> dict[str, dict[str, Any]]:
    """arnews' quotes for the given articles, in the arnews JSON form."""
    return {
        aid: {"id": aid, "quotes": [arnews.to_dict(q) for q in arnews.find_quotes(texts[aid])]} for aid in ids
    }


def score_quotes(
    predictions: dict[str, dict[str, Any]] | None = None, scorer: ModuleType | None = None
) -> dict[str, Any]:
    """Score quote predictions against the dev gold, as score.py does.

    Args:
        predictions: ``{id: {"quotes": [...]}}`` in the arnews JSON form;
            arnews' own when omitted.
        scorer: The imported score.py (imported here when omitted).

    Returns:
        The ``quotes`` block of score.py's result: precision, recall and F1
        per kind and overall, and speaker accuracy on matched quotes.
    """
    scorer = scorer or load_scorer()
    gold = scorer.load(EVAL / "dev_gold.jsonl")
    texts = scorer.load_corpus(SHARED / "corpora")
    if predictions is None:
        predictions = predict(texts, list(gold))
    result: dict[str, Any] = scorer.score(gold, predictions, texts)["quotes"]
    return result


def errors(predictions: dict[str, dict[str, Any]], scorer: ModuleType) -> list[str]:
    """One line per missed quote, false alarm and wrong speaker (matching as score.py does)."""
    gold = scorer.load(EVAL / "dev_gold.jsonl")
    texts = scorer.load_corpus(SHARED / "corpora")
    lines: list[str] = []
    for aid, article in gold.items():
        text = texts[aid]
        predicted = predictions.get(aid, {}).get("quotes", [])
        for kind in ("direct", "indirect"):
            wanted = [q for q in article.get("quotes", []) if q["kind"] == kind]
            offered = [q for q in predicted if q["kind"] == kind]
            used: set[int] = set()
            for quote in wanted:
                span = scorer.span_of(quote)
                match = next(
                    (
                        i
                        for i, other in enumerate(offered)
                        if i not in used and _matches(scorer, text, kind, span, scorer.span_of(other))
                    ),
                    None,
                )
                if match is None:
                    lines.append(f"missed    {kind:8s} {aid} {list(span)} cue={quote.get('cue')!r}")
                    continue
                used.add(match)
                expected = scorer.strip_clitic(quote.get("speaker"))
                got = scorer.strip_clitic(scorer.name_of(offered[match].get("speaker")))
                if not (expected and got and (expected in got or got in expected)):
                    lines.append(f"speaker   {kind:8s} {aid} {list(span)} gold={expected!r} got={got!r}")
            lines.extend(
                f"extra     {kind:8s} {aid} {list(scorer.span_of(other))} cue={other.get('cue')}"
                for i, other in enumerate(offered)
                if i not in used
            )
    return lines


def _matches(
    scorer: ModuleType, text: str, kind: str, gold: tuple[int, int], got: tuple[int, int] | None
) -> bool:
    if got is None:
        return False
    if kind == "direct":
        return bool(scorer.trim(text, gold) == scorer.trim(text, got))
    return bool(scorer.jaccard(gold, got) >= 0.5)


def speed() -> dict[str, Any]:
    """MB/s on prose and on adversarial inputs of the same size, in one run."""
    prose = build_text(SPEED_MEGABYTES, load_texts())
    size = len(prose)
    inputs = {
        "prose": prose,
        "unbalanced «": "«" * size,
        'unbalanced "': '"' * size,
        "cue + complementizer runs": ("قال إن " * size)[:size],
        "cue + mark runs": ('قال إن "أ ' * size)[:size],
        "colon runs": ("وقال: " * size)[:size],
    }
    rows: dict[str, Any] = {}
    for name, text in inputs.items():
        megabytes = len(text.encode("utf-8")) / 1_000_000
        started = time.perf_counter()
        count = len(arnews.find_quotes(text))
        seconds = time.perf_counter() - started
        rows[name] = {
            "megabytes": round(megabytes, 3),
            "seconds": round(seconds, 3),
            "quotes": count,
            "mb_per_s": round(megabytes / seconds, 3),
        }
    base = rows["prose"]["seconds"] / rows["prose"]["megabytes"]
    for row in rows.values():
        row["seconds_per_mb_vs_prose"] = round(row["seconds"] / row["megabytes"] / base, 2)
    return rows


def main(argv: list[str]) -> int:
    scorer = load_scorer()
    if "--pred" in argv:
        path = pathlib.Path(argv[argv.index("--pred") + 1])
        predictions = scorer.load(path)
    else:
        gold = scorer.load(EVAL / "dev_gold.jsonl")
        predictions = predict(scorer.load_corpus(SHARED / "corpora"), list(gold))
    quotes = score_quotes(predictions, scorer)
    for kind in ("direct", "indirect", "all"):
        row = quotes[kind]
        print(
            f"quotes {kind:8s} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f}  "
            f"(tp {row['tp']} fp {row['fp']} fn {row['fn']})"
        )
    print(f"speaker accuracy on matched quotes {quotes['speaker_accuracy']}")
    if "--errors" in argv:
        print("\n".join(errors(predictions, scorer)))
    if "--pred" in argv:
        return 0
    rows = speed()
    print(f"\nspeed on {SPEED_MEGABYTES} MB inputs (one run; the machine is shared, compare ratios)")
    for name, row in rows.items():
        print(
            f"  {name:28s} {row['mb_per_s']:8.3f} MB/s  {row['seconds_per_mb_vs_prose']:6.2f}x prose s/MB"
            f"  ({row['quotes']} quotes)"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"dev_gold": quotes, "speed": rows}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"\nwrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
