"""Segmentation speed and accuracy: arnews against pysbd, pyarabic, sinatools and camel-tools.

In ONE run, on the same text built from the real articles in
``../shared/corpora`` (read at run time, never stored):

* sentences: arnews (offsets only, offsets as a list, and every
  ``Sentence`` object built), pysbd (on a smaller slice: it is slow and
  super-linear), pyarabic ``araby.sentence_tokenize`` and sinatools
  ``sentence_tokenizer``;
* tokens: arnews (spans only; spans and the list of every kind, no
  ``Token`` built; every ``Token`` built), pyarabic ``araby.tokenize``, camel-tools and sinatools
  ``simple_word_tokenize`` (none of which keeps offsets);
* sentence-boundary F1 on ``../shared/eval/dev_gold.jsonl`` as
  ``shared/eval/score.py`` defines it, for every sentence splitter (the
  others' sentences are located in the text in order to get offsets);
* scaling: arnews sentences and tokens on one string from 100 KB to 4 MB of
  prose and of adversarial input (runs of ``.``, ``،``, ``!؟``, Arabic with
  no spaces, emoji ZWJ chains), reported as growth per 10x input.

Each contender runs ``--repeat`` times, round robin, and keeps its best
time. Times are CPU time of this process (``time.process_time``): the machine
is shared, and CPU time does not count the time other processes hold the
cores (for this single-threaded code it equals wall time on an idle machine).
Each scaling run starts with the CPU caches evicted, at every size alike.
Prints MB/s and ratios; writes ``benchmarks/results/bench_segment.json``.

Usage::

    python benchmarks/bench_segment.py              # ~10 MB, best of 3
    python benchmarks/bench_segment.py --mb 2 --repeat 2 --no-scaling
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import pathlib
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import _corpus  # noqa: E402 - benchmarks/ is put on sys.path above
from _corpus import SHARED, build_text, load_texts  # noqa: E402
from adversarial import build_bytes  # noqa: E402 - lives in tests/, shared with the tests and the fuzzers
from arnews import paragraphs, sentences, tokens  # noqa: E402 - imported after the path set-up

RESULTS = HERE / "results" / "bench_segment.json"
PYSBD_MB = 0.25
SCALING_SIZES = (100_000, 400_000, 1_000_000, 4_000_000)
SCALING_PATTERNS = ("prose", "period", "arabic_comma", "bang_question", "no_spaces", "emoji_zwj")


def _optional(name: str) -> Any:
    try:
        return __import__(name, fromlist=["_"])
    except Exception as error:
        print(f"  ({name} not available: {type(error).__name__}: {error})")
        return None


def sentence_contenders() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {
        "arnews sentences (offsets)": sentences,
        "arnews sentences (offsets as list)": lambda text: sentences(text).spans(),
        "arnews sentences (all objects)": lambda text: list(sentences(text)),
        "arnews paragraphs (offsets)": paragraphs,
    }
    pysbd = _optional("pysbd")
    if pysbd is not None:
        segmenter = pysbd.Segmenter(language="ar", clean=False, char_span=False)
        found["pysbd (slice)"] = segmenter.segment
    araby = _optional("pyarabic.araby")
    if araby is not None:
        found["pyarabic sentence_tokenize"] = araby.sentence_tokenize
    sina = _optional("sinatools.utils.tokenizer")
    if sina is not None:
        found["sinatools sentence_tokenizer"] = sina.sentence_tokenizer
    return found


def token_contenders() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {
        # tokens() computes the spans; kinds() then computes every kind
        # (a list of TokenKind); no Token object is built by either.
        "arnews tokens (spans)": tokens,
        "arnews tokens (spans + kinds)": lambda text: tokens(text).kinds(),
        "arnews tokens (all Token objects)": lambda text: list(tokens(text)),
        # Not a tokenizer (no offsets, punctuation stays on words): the floor
        # of any Python tokenizer on this machine, to calibrate the others.
        "reference: str.split()": str.split,
    }
    araby = _optional("pyarabic.araby")
    if araby is not None:
        found["pyarabic tokenize"] = araby.tokenize
    camel = _optional("camel_tools.tokenizers.word")
    if camel is not None:
        found["camel-tools simple_word_tokenize"] = camel.simple_word_tokenize
    sina = _optional("sinatools.utils.tokenizers_words")
    if sina is not None:
        found["sinatools simple_word_tokenize"] = sina.simple_word_tokenize
    return found


def best_times(
    contenders: dict[str, Callable[[str], object]], texts: dict[str, str], repeat: int
) -> dict[str, float]:
    """Best wall time per contender over ``repeat`` round-robin runs."""
    best = dict.fromkeys(contenders, math.inf)
    for _ in range(repeat):
        for name, function in contenders.items():
            text = texts[name]
            gc.collect()
            start = time.process_time()
            function(text)
            best[name] = min(best[name], time.process_time() - start)
    return best


def report(title: str, best: dict[str, float], texts: dict[str, str], reference: str) -> dict[str, Any]:
    print(f"\n{title}")
    rows: dict[str, Any] = {}
    speeds = {name: len(texts[name].encode("utf-8")) / 1e6 / seconds for name, seconds in best.items()}
    for name, speed in speeds.items():
        ratio = speeds[reference] / speed
        megabytes = len(texts[name].encode("utf-8")) / 1e6
        print(f"  {name:40s} {speed:8.2f} MB/s   {megabytes:6.2f} MB   arnews is {ratio:7.1f}x")
        rows[name] = {
            "mb_per_s": round(speed, 3),
            "input_mb": round(megabytes, 3),
            "arnews_ratio": round(ratio, 2),
        }
    return rows


# ---------------------------------------------------------------------------
# Accuracy on the dev gold.


def _locate(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Offsets of returned sentence strings, found in order (tools that keep no offsets)."""
    spans, position = [], 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        at = text.find(stripped, position)
        if at < 0:
            continue  # the tool changed or dropped the text; the sentence cannot be scored
        spans.append((at, at + len(stripped)))
        position = at + len(stripped)
    return spans


def accuracy() -> dict[str, Any]:
    gold_path = SHARED / "eval" / "dev_gold.jsonl"
    if not gold_path.is_file():
        print("\n(no dev gold: accuracy skipped)")
        return {}
    scorer = _corpus.load_scorer("bench_segment")
    corpus = scorer.load_corpus(SHARED / "corpora")
    gold = scorer.load(gold_path)

    splitters: dict[str, Callable[[str], list[tuple[int, int]]]] = {
        "arnews": lambda text: sentences(text).spans(),
    }
    pysbd = _optional("pysbd")
    if pysbd is not None:
        spans_segmenter = pysbd.Segmenter(language="ar", clean=False, char_span=True)
        splitters["pysbd"] = lambda text: [(s.start, s.end) for s in spans_segmenter.segment(text)]
    araby = _optional("pyarabic.araby")
    if araby is not None:
        splitters["pyarabic"] = lambda text: _locate(text, araby.sentence_tokenize(text))
    sina = _optional("sinatools.utils.tokenizer")
    if sina is not None:
        splitters["sinatools"] = lambda text: _locate(text, sina.sentence_tokenizer(text))

    print(f"\nsentence-boundary F1 on {gold_path.name} ({len(gold)} articles)")
    results: dict[str, Any] = {}
    for name, split in splitters.items():
        predicted = {aid: {"id": aid, "sentences": list(split(corpus[aid]))} for aid in gold}
        scores = scorer.score(gold, predicted, corpus)["sentences"]
        precision, recall, f1 = scores["precision"], scores["recall"], scores["f1"]
        print(f"  {name:12s} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
        results[name] = {"precision": precision, "recall": recall, "f1": f1}
    return results


# ---------------------------------------------------------------------------
# Scaling.


def _evict_caches() -> None:
    """Write 32 MB (a real memset, not lazily mapped zero pages) so no size starts with warm caches."""
    filler = b"x" * 32_000_000
    del filler
    gc.collect()


def scaling(corpus_text: str, repeat: int) -> dict[str, Any]:
    """Growth of CPU time per 10x input; the sizes take turns in every round, so load drifts hit all alike."""
    print("\nscaling (growth of time per 10x input, 100 KB -> 4 MB; 10x is linear, target <= 12x)")
    results: dict[str, Any] = {}
    for pattern in SCALING_PATTERNS:
        if pattern == "prose":
            encoded = corpus_text.encode("utf-8")
            inputs = [encoded[:size].decode("utf-8", "ignore") for size in SCALING_SIZES]
        else:
            inputs = [build_bytes(pattern, size) for size in SCALING_SIZES]
        for name, function in (("sentences", sentences), ("tokens", tokens)):
            times = [math.inf] * len(inputs)
            for _ in range(repeat):
                for index, text in enumerate(inputs):
                    _evict_caches()
                    start = time.process_time()
                    function(text)
                    times[index] = min(times[index], time.process_time() - start)
            xs = [math.log10(size) for size in SCALING_SIZES]
            ys = [math.log10(max(seconds, 1e-7)) for seconds in times]
            mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
                (x - mean_x) ** 2 for x in xs
            )
            growth = 10**slope
            speed = SCALING_SIZES[-1] / 1e6 / times[-1]
            print(f"  {name:9s} {pattern:14s} growth {growth:5.1f}x per 10x   {speed:7.1f} MB/s at 4 MB")
            results[f"{name}/{pattern}"] = {
                "growth_per_10x": round(growth, 2),
                "mb_per_s_at_4mb": round(speed, 2),
                "seconds": [round(seconds, 5) for seconds in times],
            }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the main input in MB (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender, best kept (default 3)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 100 KB -> 4 MB scaling runs")
    parser.add_argument("--output", type=pathlib.Path, default=RESULTS)
    args = parser.parse_args()

    articles = load_texts()
    text = build_text(args.mb, articles)
    small = text.encode("utf-8")[: int(PYSBD_MB * 1e6)].decode("utf-8", "ignore")
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"input: {megabytes:.2f} MB from {len(articles)} articles; pysbd gets {PYSBD_MB} MB")
    sentences(text[:1000])
    tokens(text[:1000])  # build the lazily compiled patterns outside the timings

    sentence_funcs = sentence_contenders()
    sentence_inputs = {name: (small if name.startswith("pysbd") else text) for name in sentence_funcs}
    sentence_rows = report(
        "sentences",
        best_times(sentence_funcs, sentence_inputs, args.repeat),
        sentence_inputs,
        "arnews sentences (offsets)",
    )
    token_funcs = token_contenders()
    token_inputs = dict.fromkeys(token_funcs, text)
    token_rows = report(
        "tokens", best_times(token_funcs, token_inputs, args.repeat), token_inputs, "arnews tokens (spans)"
    )
    result: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "input_mb": round(len(text.encode("utf-8")) / 1e6, 3),
        "repeat": args.repeat,
        "sentences": sentence_rows,
        "tokens": token_rows,
        "accuracy": accuracy(),
    }
    if not args.no_scaling:
        result["scaling"] = scaling(text, max(args.repeat, 7))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")


if __name__ == "__main__":
    main()
