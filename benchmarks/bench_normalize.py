"""Normalization throughput: arnews against the pure-Python lower bound and other libraries.

Builds about 10 MB of UTF-8 from the real articles in ``../shared/corpora``
(read at run time, never stored), injects diacritics, tatweel, presentation
forms and Arabic-Indic digits with a fixed seed, and times in ONE run, on
that same text:

* arnews ``normalize`` with the ``search``, ``matching`` and ``default``
  profiles, and ``normalize_aligned`` (the offset-keeping path);
* a bare ``str.translate`` with a dense list table that does exactly the
  ``search`` profile's job (the pure-Python lower bound of the issue);
* pyarabic, camel-tools and tashaphyne chains doing the closest equivalent
  fold (see ``CONTENDERS``); araclean when it is installed.

Each contender runs ``--repeat`` times, round robin, and keeps its best time.
Times are CPU seconds of this process (``time.process_time``): on a shared,
loaded machine wall time measures the scheduler more than the code, and every
contender here is single-threaded.
Prints MB/s and the ratio of arnews ``search`` to each.

Then the offset map: on every dirtied article of 1-4 KB, normalized with
``matching()`` (the extractors' profile), lookups per second of
``to_original``/``to_normalized``/``span_to_original`` one at a time and of
``to_original_many``/``to_normalized_many``/``spans_to_original`` (sorted and
shuffled offsets), the one-off cost of building the map on the first lookup,
and the floor: indexing a dense list holding one offset per character.
Writes both parts to ``benchmarks/results/bench_normalize.json``.

Usage::

    python benchmarks/bench_normalize.py            # ~10 MB, best of 5
    python benchmarks/bench_normalize.py --mb 2 --repeat 2
"""

from __future__ import annotations

import argparse
import gc
import json
import pathlib
import platform
import random
import sys
import time
import unicodedata
from collections.abc import Callable
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from _corpus import build_text, load_texts
from arnews._model import Span
from arnews._normalize import Aligned, NormalizeConfig, normalize, normalize_aligned

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "bench_normalize.json"
SEED = 20240701
HARAKAT = [chr(code) for code in range(0x064B, 0x0653)]
TATWEEL = "\u0640"
ARABIC_INDIC = {str(digit): chr(0x0660 + digit) for digit in range(10)}


def _isolated_forms() -> dict[str, str]:
    """Letter -> its isolated presentation form (Presentation Forms-B)."""
    forms: dict[str, str] = {}
    for code in range(0xFE70, 0xFEFD):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0] == "<isolated>":
            forms.setdefault(chr(int(parts[1], 16)), chr(code))
    return forms


def _is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a" and char != TATWEEL


def inject(text: str, rng: random.Random) -> str:
    """Dirty a text the way web copy is dirty (per word, fixed probabilities)."""
    forms = _isolated_forms()
    words = text.split(" ")
    for index, word in enumerate(words):
        letters = [i for i, char in enumerate(word) if _is_arabic_letter(char)]
        chars = list(word)
        roll = rng.random()
        if letters and roll < 0.15:  # diacritics on 15% of words
            for position in rng.sample(letters, min(len(letters), rng.randint(1, 2))):
                chars[position] += rng.choice(HARAKAT)
        if len(letters) > 2 and rng.random() < 0.03:  # tatweel in 3% of words
            chars[letters[0]] += TATWEEL * rng.randint(1, 3)
        if letters and rng.random() < 0.02:  # 2% of words in presentation forms
            chars = [forms.get(char[0], char[0]) + char[1:] if char else char for char in chars]
            chars = ["".join(chars).replace("لا", "ﻻ")]
        if any(char.isdigit() for char in word) and rng.random() < 0.5:  # half the numbers Arabic-Indic
            chars = ["".join(ARABIC_INDIC.get(char, char) for char in "".join(chars))]
        words[index] = "".join(chars)
    return " ".join(words)


def dense_table(config: NormalizeConfig) -> list[str]:
    """A list indexed by BMP code point doing exactly ``config``'s job (the lower bound's table)."""
    return [normalize(chr(code), config) for code in range(0x10000)]


def contenders() -> tuple[dict[str, Callable[[str], Any]], dict[str, str]]:
    search, matching, default = (
        NormalizeConfig.search(),
        NormalizeConfig.matching(),
        NormalizeConfig.default(),
    )
    table = dense_table(search)
    runs: dict[str, Callable[[str], Any]] = {
        "arnews normalize search()": lambda text: normalize(text, search),
        "arnews normalize matching()": lambda text: normalize(text, matching),
        "arnews normalize default()": lambda text: normalize(text, default),
        "arnews normalize_aligned search()": lambda text: normalize_aligned(text, search),
        "arnews normalize_aligned matching()": lambda text: normalize_aligned(text, matching),
        "str.translate dense list (search job)": lambda text: text.translate(table),
    }
    missing: dict[str, str] = {}
    try:
        from pyarabic import araby

        def pyarabic_fold(text: str) -> str:
            text = araby.strip_diacritics(text)
            text = araby.strip_tatweel(text)
            text = araby.normalize_ligature(text)
            text = araby.normalize_alef(text)
            text = araby.normalize_hamza(text, method="tasheel")
            return str(araby.normalize_teh(text))

        runs["pyarabic strip_diacritics+strip_tatweel+normalize_ligature+alef+hamza+teh"] = pyarabic_fold
    except ImportError as error:
        missing["pyarabic"] = str(error)
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
            normalize_unicode,
        )

        def camel_fold(text: str) -> str:
            text = normalize_unicode(text)
            text = dediac_ar(text).replace(TATWEEL, "")
            text = normalize_alef_ar(text)
            text = normalize_alef_maksura_ar(text)
            return str(normalize_teh_marbuta_ar(text))

        def camel_letters(text: str) -> str:
            text = dediac_ar(text)
            text = normalize_alef_ar(text)
            text = normalize_alef_maksura_ar(text)
            return str(normalize_teh_marbuta_ar(text))

        runs["camel-tools normalize_unicode+dediac_ar+alef+alef_maksura+teh_marbuta"] = camel_fold
        runs["camel-tools dediac_ar+alef+alef_maksura+teh_marbuta (no NFKC)"] = camel_letters
    except ImportError as error:
        missing["camel-tools"] = str(error)
    try:
        from tashaphyne.normalize import normalize_searchtext

        runs["tashaphyne normalize_searchtext"] = normalize_searchtext
    except ImportError as error:
        missing["tashaphyne"] = str(error)
    try:
        import araclean  # type: ignore[import-not-found]

        runs["araclean"] = araclean.clean  # pragma: no cover - not installable on Python 3.11
    except ImportError:
        missing["araclean"] = "not installable here: every release on PyPI requires Python >= 3.12"
    return runs, missing


def _timed(run: Callable[[], int], repeat: int) -> float:
    """Best CPU seconds per item of ``run`` (which returns how many items it did)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        done = run()
        best = min(best, (time.process_time() - started) / done)
    return best


def lookup_benchmark(texts: list[str], repeat: int) -> dict[str, Any]:
    """Lookups per second on the offset map of 1-4 KB articles (see the module docstring)."""
    config = NormalizeConfig.matching()
    articles = [text for text in texts if 1000 <= len(text.encode("utf-8")) <= 4000][:300]
    aligned = [normalize_aligned(text, config) for text in articles]
    rng = random.Random(SEED)
    # Every third offset, as a left-to-right scan meets them, and shuffled.
    backward = [list(range(0, len(al.text) + 1, 3)) for al in aligned]
    forward = [list(range(0, len(al.original) + 1, 3)) for al in aligned]
    shuffled = [rng.sample(offsets, len(offsets)) for offsets in backward]
    spans = [[Span(j, min(j + 6, len(al.text))) for j in range(0, len(al.text), 7)] for al in aligned]
    dense = [[al.to_original(j) for j in range(len(al.text) + 1)] for al in aligned]
    lookups = sum(map(len, backward))

    def scalar(method: str, offsets: list[list[int]]) -> Callable[[], int]:
        def run() -> int:
            for al, wanted in zip(aligned, offsets, strict=True):
                lookup = getattr(al, method)
                for i in wanted:
                    lookup(i)
            return sum(map(len, offsets))

        return run

    def bulk(method: str, offsets: list[list[Any]]) -> Callable[[], int]:
        def run() -> int:
            for al, wanted in zip(aligned, offsets, strict=True):
                getattr(al, method)(wanted)
            return sum(map(len, offsets))

        return run

    def floor() -> int:
        for table, wanted in zip(dense, backward, strict=True):
            lookup = table.__getitem__
            for j in wanted:
                lookup(j)
        return lookups

    runs: dict[str, Callable[[], int]] = {
        "to_original, one at a time": scalar("to_original", backward),
        "to_normalized, one at a time": scalar("to_normalized", forward),
        "span_to_original, one at a time": scalar("span_to_original", spans),
        "to_original_many, sorted": bulk("to_original_many", backward),
        "to_original_many, shuffled": bulk("to_original_many", shuffled),
        "to_normalized_many, sorted": bulk("to_normalized_many", forward),
        "spans_to_original, sorted": bulk("spans_to_original", spans),
        "floor: index a dense list (one int per character)": floor,
    }
    best = {name: _timed(run, repeat) for name, run in runs.items()}
    # The map is built on an Aligned's first lookup: time that on fresh copies.
    mapped = [al for al in aligned if al._lengths]
    build = float("inf")
    for _ in range(repeat):
        fresh = [Aligned(al.text, al.original, al._lengths) for al in mapped]
        gc.collect()
        started = time.process_time()
        for al in fresh:
            al.to_original(0)
        build = min(build, (time.process_time() - started) / max(1, len(fresh)))
    in_step = len(aligned) - len(mapped)
    print(
        f"\noffset map: {len(aligned)} articles of 1-4 KB, matching(); {lookups:,} offsets;"
        f" {in_step} articles needed no map"
    )
    width = max(map(len, runs))
    print(f"{'lookup':<{width}}  {'per second':>12}  {'us each':>8}")
    rows = []
    for name, seconds in best.items():
        rows.append({"name": name, "per_s": round(1 / seconds), "us": round(seconds * 1e6, 3)})
        print(f"{name:<{width}}  {1 / seconds:12,.0f}  {seconds * 1e6:8.3f}")
    print(f"map built on the first lookup: {build * 1e6:.1f} us per article that needs one")
    return {
        "articles": len(aligned),
        "offsets": lookups,
        "articles_without_map": in_step,
        "first_lookup_builds_map_us": round(build * 1e6, 1),
        "results": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the text in MB of UTF-8")
    parser.add_argument("--repeat", type=int, default=5, help="runs per contender (best kept)")
    parser.add_argument("--output", type=pathlib.Path, default=RESULTS)
    args = parser.parse_args()

    rng = random.Random(SEED)
    texts = [inject(text, rng) for text in load_texts()]
    text = build_text(args.mb, texts)
    megabytes = len(text.encode("utf-8")) / 1e6
    runs, missing = contenders()
    print(f"text: {megabytes:.2f} MB UTF-8, {len(text):,} characters; best of {args.repeat}")
    for name, reason in missing.items():
        print(f"  (skipped {name}: {reason})")

    best = dict.fromkeys(runs, float("inf"))
    for _ in range(args.repeat):
        for name, run in runs.items():
            gc.collect()
            started = time.process_time()
            run(text)
            best[name] = min(best[name], time.process_time() - started)

    reference = best["arnews normalize search()"]
    rows = []
    width = max(map(len, runs))
    print(f"{'contender':<{width}}  {'MB/s':>8}  {'arnews search() is x faster':>28}")
    for name in runs:
        rate = megabytes / best[name]
        ratio = best[name] / reference
        rows.append(
            {
                "name": name,
                "seconds": round(best[name], 4),
                "mb_per_s": round(rate, 1),
                "ratio": round(ratio, 2),
            }
        )
        print(f"{name:<{width}}  {rate:8.1f}  {ratio:28.2f}")

    def rate_of(prefix: str) -> float | None:
        rates = [row["mb_per_s"] for row in rows if str(row["name"]).startswith(prefix)]
        return max(rates) if rates else None

    search_rate = megabytes / reference
    lower_bound = rate_of("str.translate")
    pyarabic_rate, camel_rate = rate_of("pyarabic"), rate_of("camel-tools normalize_unicode")
    aligned_rate = megabytes / best["arnews normalize_aligned search()"]
    targets = {
        "search >= 0.8x str.translate": bool(lower_bound and search_rate >= 0.8 * lower_bound),
        "search >= 5x pyarabic": bool(pyarabic_rate and search_rate >= 5 * pyarabic_rate),
        "search >= 3x camel-tools (same job: with normalize_unicode)": bool(
            camel_rate and search_rate >= 3 * camel_rate
        ),
        "normalize_aligned >= 20 MB/s": aligned_rate >= 20,
    }
    for goal, met in targets.items():
        print(f"target {goal}: {'met' if met else 'NOT MET'}")
    lookups = lookup_benchmark(texts, max(args.repeat, 5))
    result = {
        "benchmark": "bench_normalize",
        "text_mb": round(megabytes, 2),
        "characters": len(text),
        "repeat": args.repeat,
        "clock": "time.process_time (CPU seconds), best of repeat",
        "seed": SEED,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "results": rows,
        "targets": targets,
        "unavailable": missing,
        "offset_map_lookups": lookups,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
