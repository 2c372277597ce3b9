"""Language ID: accuracy by language and length, and speed, beside langdetect.

Run ``bash benchmarks/fetch_udhr.sh`` once, then
``python benchmarks/bench_language.py``. Reads ``../shared/corpora`` and the
UDHR/klpt cache at run time (see ``langid_devset.py`` for the split) and
writes ``benchmarks/results/bench_language.json``.
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import langid_devset as devset
from arnews import detect_language

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "bench_language.json"
SPEED_PARAGRAPHS = 400  # langdetect handles a few hundred a second
REPETITIONS = 5
ARNEWS_ROUNDS = 10
STARTUP_RUNS = 9

# First calls in a fresh process, timed in CPU seconds: what every process
# (every CLI run, every worker) pays once. Original sentences.
_STARTUP_SCRIPT = """
import json, sys, time
import arnews
arabic = "قال المتحدث إن الاجتماع سيعقد غدا في العاصمة وأضاف أن الوفد سيصل صباحا"
english = "The minister said on Monday that the new bridge will open next year"
start = time.process_time()
arnews.detect_language(arabic)
middle = time.process_time()
arnews.detect_language(english)
end = time.process_time()
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
factory = DetectorFactory()
factory.load_profile(PROFILES_DIRECTORY)
factory.seed = 0
detector = factory.create()
detector.append(english)
detector.detect()
print(json.dumps([middle - start, end - middle, time.process_time() - end]))
"""


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
    """Texts/s of both tools on the same paragraphs, in alternating rounds.

    The machine is shared and its load moves: each repetition times arnews
    and then langdetect back to back, and the median ratio of the
    repetitions is reported, by wall clock and by CPU time of this process
    (which other processes' load does not inflate).
    """
    paragraphs = devset.corpus_paragraphs("eval")
    step = max(1, len(paragraphs) // SPEED_PARAGRAPHS)
    sample = paragraphs[::step][:SPEED_PARAGRAPHS]
    for text in sample:  # both load their tables (and arnews its caches) before the clock starts
        detect_language(text)
    langdetect(sample[0])
    ours, theirs, ratios, cpu_ours, cpu_theirs, cpu_ratios = [], [], [], [], [], []
    for _ in range(REPETITIONS):
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(ARNEWS_ROUNDS):
            for text in sample:
                detect_language(text)
        ours.append(ARNEWS_ROUNDS * len(sample) / (time.perf_counter() - start))
        cpu_ours.append(ARNEWS_ROUNDS * len(sample) / (time.process_time() - cpu))
        start, cpu = time.perf_counter(), time.process_time()
        for text in sample:
            langdetect(text)
        theirs.append(len(sample) / (time.perf_counter() - start))
        cpu_theirs.append(len(sample) / (time.process_time() - cpu))
        ratios.append(ours[-1] / theirs[-1])
        cpu_ratios.append(cpu_ours[-1] / cpu_theirs[-1])
    chars = sum(map(len, sample)) / len(sample)
    return {
        "paragraphs": len(sample),
        "mean_chars": round(chars),
        "repetitions": REPETITIONS,
        "arnews_texts_per_s": round(statistics.median(ours)),
        "langdetect_texts_per_s": round(statistics.median(theirs)),
        "ratio": round(statistics.median(ratios), 1),
        "ratios": [round(ratio, 1) for ratio in ratios],
        "arnews_us_per_text": round(1e6 / statistics.median(ours), 1),
        "cpu_arnews_texts_per_s": round(statistics.median(cpu_ours)),
        "cpu_langdetect_texts_per_s": round(statistics.median(cpu_theirs)),
        "cpu_ratio": round(statistics.median(cpu_ratios), 1),
        "cpu_ratios": [round(ratio, 1) for ratio in cpu_ratios],
        "cpu_arnews_us_per_text": round(1e6 / statistics.median(cpu_ours), 1),
        "load_average": round(os.getloadavg()[0], 1),
    }


def startup() -> dict[str, float]:
    """Least CPU seconds, over fresh processes, of the first Arabic and first English call.

    Bytecode caching is on (as for users, who have ``.pyc`` files), and the
    least of ``STARTUP_RUNS`` runs is kept: other processes' load only ever
    adds time. langdetect's own start-up (loading its profiles with
    ``DetectorFactory`` and a first ``detect``) is timed in the same
    processes, after arnews (so without langdetect's import, which arnews
    has already paid).
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", _STARTUP_SCRIPT], env=env, check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(STARTUP_RUNS)
    ]
    arabic, english, theirs = (min(column) for column in zip(*runs, strict=True))
    return {
        "runs": STARTUP_RUNS,
        "arnews_first_arabic_s": round(arabic, 4),
        "arnews_first_english_s": round(english, 4),
        "arnews_first_both_s": round(min(a + e for a, e, _ in runs), 4),
        "langdetect_first_detect_s": round(theirs, 4),
    }


def main() -> int:
    if not (devset.corpora_available() and devset.udhr_available() and devset.klpt_available()):
        print(
            f"need {devset.CORPORA} and the UDHR/klpt cache in {devset.UDHR_CACHE}; "
            "run: bash benchmarks/fetch_udhr.sh",
            file=sys.stderr,
        )
        return 1
    starts = startup()
    print(
        f"First calls in a fresh process (least CPU of {starts['runs']}): arnews Arabic "
        f"{starts['arnews_first_arabic_s']} s, then English {starts['arnews_first_english_s']} s "
        f"(both {starts['arnews_first_both_s']} s); langdetect's profiles and first detect "
        f"{starts['langdetect_first_detect_s']} s"
    )
    langdetect = _langdetect()
    speeds = speed(langdetect)
    print(
        f"Arabic news paragraphs ({speeds['paragraphs']}, ~{speeds['mean_chars']} chars): "
        f"arnews {speeds['arnews_texts_per_s']} texts/s ({speeds['arnews_us_per_text']} us each), "
        f"langdetect {speeds['langdetect_texts_per_s']} texts/s, median ratio {speeds['ratio']}x "
        f"(repetitions {speeds['ratios']}, load average {speeds['load_average']}); by CPU time: "
        f"arnews {speeds['cpu_arnews_texts_per_s']} texts/s ({speeds['cpu_arnews_us_per_text']} us each), "
        f"langdetect {speeds['cpu_langdetect_texts_per_s']} texts/s, median ratio {speeds['cpu_ratio']}x "
        f"(repetitions {speeds['cpu_ratios']})"
    )
    table = accuracy(langdetect)
    columns = [*devset.LENGTHS, "3+ words"]
    print(f"\n{'lang':5} {'tool':11} " + " ".join(f"{c:>10}" for c in columns))
    for code in table["arnews"]:
        for tool in ("arnews", "langdetect"):
            row = table[tool][code]
            print(f"{code:5} {tool:11} " + " ".join(f"{row.get(c, float('nan')):>10.3f}" for c in columns))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"startup": starts, "speed": speeds, "accuracy": table}, indent=1, sort_keys=True) + "\n"
    )
    print(f"\nwrote {RESULTS.relative_to(devset.REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
