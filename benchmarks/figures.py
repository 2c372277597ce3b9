"""Draw the comparison page's figures from the benchmark results.

Reads ``benchmarks/results/*.json`` (written by the ``bench_*.py`` and
``*_eval.py`` scripts) and writes PNG files into ``docs/_static/figures/``,
which ``docs/comparison.md`` shows. It draws only what the results contain:
nothing is measured here, so the figures always agree with the numbers the
page quotes. Needs matplotlib (``pip install matplotlib``)::

    python benchmarks/figures.py
    python benchmarks/figures.py --output /tmp/figures
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Sequence
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent
RESULTS = ROOT / "results"
FIGURES = ROOT.parent / "docs" / "_static" / "figures"

ARNEWS = "#1f6f8b"
OTHER = "#b0b7bf"
LENGTHS = ("1 word", "3 words", "5-10 words", "sentence")
# The Arabic-script languages both systems know (langdetect has no label for ps, ckb or ug).
SHARED_ARABIC_SCRIPT = ("ar", "fa", "ur")


def _load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _bars(
    plt: Any,
    path: pathlib.Path,
    title: str,
    xlabel: str,
    bars: Sequence[tuple[str, float]],
    *,
    log: bool = False,
    fmt: str = "{:,.1f}",
) -> None:
    """One horizontal bar chart, arnews' bars in colour, the others grey, best on top."""
    # A renamed row in a results file would silently drop its bar: refuse instead.
    if len(bars) < 2 or not any(label.startswith("arnews") for label, _ in bars):
        raise SystemExit(f"figures.py: {path.name}: expected rows missing from the results, got {bars}")
    ordered = sorted(bars, key=lambda bar: bar[1])
    figure, axes = plt.subplots(figsize=(7.5, 0.45 * len(ordered) + 1.2))
    labels = [label for label, _ in ordered]
    values = [value for _, value in ordered]
    colours = [ARNEWS if label.startswith("arnews") else OTHER for label in labels]
    _labelled_bars(axes, labels, values, colours, fmt, headroom=6 if log else 1.18, log=log)
    axes.set_title(title, loc="left", fontsize=11)
    axes.set_xlabel(xlabel)
    _save(plt, figure, path)


def _labelled_bars(
    axes: Any,
    labels: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str],
    fmt: str,
    *,
    headroom: float,
    log: bool = False,
) -> None:
    """Horizontal bars, each with its value written after it, and room on the right for the text."""
    axes.barh(labels, values, color=colours)
    if log:
        axes.set_xscale("log")
    for y, value in enumerate(values):
        axes.text(value, y, " " + fmt.format(value), va="center", fontsize=9)
    axes.set_xlim(right=max(values) * headroom)


def _save(plt: Any, figure: Any, path: pathlib.Path) -> None:
    """Write a figure in the house style (no top or right spine) and free it."""
    for axes in figure.axes:
        axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def normalization(plt: Any, out: pathlib.Path) -> None:
    """Search-profile normalization throughput against the libraries' closest equivalents."""
    results = _load("bench_normalize")["results"]
    names = {
        "arnews normalize search()": "arnews normalize (search)",
        "arnews normalize_aligned search()": "arnews normalize_aligned (search)",
        "pyarabic strip_diacritics+strip_tatweel+normalize_ligature+alef+hamza+teh": "pyarabic (6 functions)",
        "camel-tools normalize_unicode+dediac_ar+alef+alef_maksura+teh_marbuta": "camel-tools (NFKC + 4)",
        "tashaphyne normalize_searchtext": "tashaphyne normalize_searchtext",
    }
    bars = [(names[row["name"]], row["mb_per_s"]) for row in results if row["name"] in names]
    _bars(plt, out / "normalize_speed.png", "Normalization for search (10 MB of news text)", "MB/s", bars)


def segmentation(plt: Any, out: pathlib.Path) -> None:
    """Sentence-boundary F1 on the dev gold, and sentence-splitting throughput."""
    data = _load("bench_segment")
    accuracy = [(name, scores["f1"]) for name, scores in data["accuracy"].items()]
    _bars(
        plt,
        out / "sentences_f1.png",
        "Sentence boundaries: F1 on the annotated dev articles",
        "F1",
        accuracy,
        fmt="{:.3f}",
    )
    speed = {
        "arnews sentences (offsets)": "arnews sentences",
        "pysbd (slice)": "pysbd",
        "sinatools sentence_tokenizer": "sinatools",
        "pyarabic sentence_tokenize": "pyarabic (splits on . ? ! only)",
    }
    bars = [(speed[name], row["mb_per_s"]) for name, row in data["sentences"].items() if name in speed]
    title = "Sentence splitting throughput"
    _bars(plt, out / "sentences_speed.png", title, "MB/s (log scale)", bars, log=True)


def language(plt: Any, out: pathlib.Path) -> None:
    """Language-ID accuracy by text length, averaged over Arabic, Persian and Urdu."""
    accuracy = _load("bench_language")["accuracy"]
    figure, axes = plt.subplots(figsize=(7.5, 3.6))
    width = 0.38
    for shift, (system, colour) in enumerate((("arnews", ARNEWS), ("langdetect", OTHER))):
        scores = accuracy[system]
        means = [
            sum(scores[code][n] for code in SHARED_ARABIC_SCRIPT) / len(SHARED_ARABIC_SCRIPT) for n in LENGTHS
        ]
        positions = [index + (shift - 0.5) * width for index in range(len(LENGTHS))]
        axes.bar(positions, means, width, color=colour, label=system)
        for x, value in zip(positions, means, strict=True):
            axes.text(x, value + 0.01, f"{value:.2f}", ha="center", fontsize=8)
    axes.set_xticks(range(len(LENGTHS)), LENGTHS)
    axes.set_ylim(0, 1.25)
    axes.set_ylabel("accuracy")
    axes.set_title("Language ID accuracy, mean of Arabic, Persian, Urdu", loc="left", fontsize=11)
    axes.legend(loc="upper left", frameon=False, ncols=2)
    _save(plt, figure, out / "language_accuracy.png")


def dates(plt: Any, out: pathlib.Path) -> None:
    """Dateline dates read right, and dates read per second, against dateparser."""
    data = _load("dateline_eval")["dates"]
    figure, (left, right) = plt.subplots(1, 2, figsize=(7.5, 2.6))
    systems = ("dateparser", "arnews")
    colours = [OTHER, ARNEWS]
    for axes, key, title, fmt in (
        (left, "accuracy", "Dateline dates read right", "{:.0%}"),
        (right, "texts_per_s", "Dates per second", "{:,.0f}"),
    ):
        values = [data[system][key] for system in systems]
        _labelled_bars(axes, systems, values, colours, fmt, headroom=1.35)
        axes.set_title(title, loc="left", fontsize=11)
    _save(plt, figure, out / "dates.png")


def tokens(plt: Any, out: pathlib.Path) -> None:
    """Word tokenization throughput."""
    data = _load("bench_segment")["tokens"]
    names = {
        "arnews tokens (spans)": "arnews tokens (spans)",
        "arnews tokens (all Token objects)": "arnews tokens (Token objects)",
        "pyarabic tokenize": "pyarabic tokenize",
        "camel-tools simple_word_tokenize": "camel-tools simple_word_tokenize",
        "sinatools simple_word_tokenize": "sinatools simple_word_tokenize",
    }
    bars = [(names[name], row["mb_per_s"]) for name, row in data.items() if name in names]
    _bars(plt, out / "tokens_speed.png", "Word tokenization throughput (10 MB)", "MB/s", bars)


FIGURES_DRAWN = (normalization, segmentation, language, dates, tokens)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=FIGURES, help="folder for the PNG files")
    options = parser.parse_args(argv)
    try:
        import matplotlib
    except ImportError:
        print("figures.py needs matplotlib: pip install matplotlib", file=sys.stderr)
        return 2
    matplotlib.use("Agg")
    # Fixed metadata and fonts keep the PNGs byte-stable when the numbers do not change.
    matplotlib.rcParams.update({"font.family": "DejaVu Sans", "svg.hashsalt": "arnews"})
    import matplotlib.pyplot as plt

    options.output.mkdir(parents=True, exist_ok=True)
    for draw in FIGURES_DRAWN:
        draw(plt, options.output)
    for path in sorted(options.output.glob("*.png")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
