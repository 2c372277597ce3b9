"""Language ID: accuracy by language and length, and speed, beside langdetect.

Run ``bash benchmarks/fetch_udhr.sh`` once, then
``python benchmarks/bench_language.py``. Reads ``../shared/corpora`` and the
UDHR/klpt cache at run time (see ``langid_devset.py`` for the split) and
writes ``benchmarks/results/bench_language.json``.
"""

from __future__ import annotations

import json
import pathlib
import sys
import time
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import langid_devset as devset
from arnews import detect_language

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "bench_language.json"
SPEED_PARAGRAPHS = 400  # langdetect handles a few hundred a second


def _langdetect():
    """A private, seeded langdetect factory: the comparison is deterministic too."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0

    def detect(text: str) -> str:
        try:
            detector = factory.create()
            detector.append(text)
            return str(detector.detect())
        except Exception:  # langdetect raises on text without features
            return "error"

    return detect


def accuracy(langdetect) -> dict[str, dict[str, dict[str, float]]]:
    hits: dict[str, Counter[tuple[str, str]]] = {"arnews": Counter(), "langdetect": Counter()}
    totals: Counter[tuple[str, str]] = Counter()
    for _, code, length, snippet in devset.build_devset("eval"):
        totals[code, length] += 1
        hits["arnews"][code, length] += detect_language(snippet).code == code
        hits["langdetect"][code, length] += langdetect(snippet) == code
    table: dict[str, dict[str, dict[str, float]]] = {}
    for tool, counter in hits.items():
        for (code, length), total in sorted(totals.items()):
            table.setdefault(tool, {}).setdefault(code, {})[length] = round(counter[code, length] / total, 3)
        for code in sorted({code for code, _ in totals}):
            longer = [length for length in devset.LENGTHS[1:] if (code, length) in totals]
            total = sum(totals[code, length] for length in longer)
            table[tool][code]["3+ words"] = round(sum(counter[code, length] for length in longer) / total, 3)
    table["n"] = {code: {} for code, _ in totals}
    for (code, length), total in totals.items():
        table["n"][code][length] = total
    return table


def speed(langdetect) -> dict[str, float]:
    paragraphs = devset.corpus_paragraphs("eval")
    step = max(1, len(paragraphs) // SPEED_PARAGRAPHS)
    sample = paragraphs[::step][:SPEED_PARAGRAPHS]
    detect_language(sample[0])
    langdetect(sample[0])  # both load their tables before the clock starts
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        for text in sample:
            detect_language(text)
    ours = rounds * len(sample) / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in sample:
        langdetect(text)
    theirs = len(sample) / (time.perf_counter() - start)
    chars = sum(map(len, sample)) / len(sample)
    return {
        "paragraphs": len(sample),
        "mean_chars": round(chars),
        "arnews_texts_per_s": round(ours),
        "langdetect_texts_per_s": round(theirs),
        "ratio": round(ours / theirs, 1),
        "arnews_us_per_text": round(1e6 / ours, 1),
    }


def main() -> int:
    if not (devset.corpora_available() and devset.udhr_available() and devset.klpt_available()):
        print(
            f"need {devset.CORPORA} and the UDHR/klpt cache in {devset.UDHR_CACHE}; "
            "run: bash benchmarks/fetch_udhr.sh",
            file=sys.stderr,
        )
        return 1
    langdetect = _langdetect()
    speeds = speed(langdetect)
    print(
        f"Arabic news paragraphs ({speeds['paragraphs']}, ~{speeds['mean_chars']} chars): "
        f"arnews {speeds['arnews_texts_per_s']} texts/s ({speeds['arnews_us_per_text']} us each), "
        f"langdetect {speeds['langdetect_texts_per_s']} texts/s, ratio {speeds['ratio']}x"
    )
    table = accuracy(langdetect)
    columns = [*devset.LENGTHS, "3+ words"]
    print(f"\n{'lang':5} {'tool':11} " + " ".join(f"{c:>10}" for c in columns))
    for code in table["arnews"]:
        for tool in ("arnews", "langdetect"):
            row = table[tool][code]
            print(f"{code:5} {tool:11} " + " ".join(f"{row.get(c, float('nan')):>10.3f}" for c in columns))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"speed": speeds, "accuracy": table}, indent=1, sort_keys=True) + "\n")
    print(f"\nwrote {RESULTS.relative_to(devset.REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
