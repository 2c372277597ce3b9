#!/usr/bin/env bash
# Re-run every benchmark the comparison page (docs/comparison.md) quotes, then
# redraw its figures from the fresh results.
#
# Usage, from the repository root:
#
#     bash benchmarks/reproduce_comparison.sh
#
# Needs the shared corpora and gold (../shared, read at run time, never copied),
# the compared libraries (pyarabic, camel-tools, tashaphyne, pysbd, sinatools,
# dateparser, langdetect) and matplotlib installed in the same Python. Set
# PYTHON to choose the interpreter (default: .venv/bin/python, the README's venv, when it
# exists, else python3). Each script writes benchmarks/results/<name>.json.
# Speeds are CPU-time ratios within one run; absolute MB/s depend on the machine.
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${PYTHON:-}" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi

if [[ ! -d ../shared/corpora ]]; then
    echo "reproduce_comparison.sh: ../shared/corpora is absent; the benchmarks read the real corpora there" >&2
    exit 2
fi

run() {
    echo "== $*" >&2
    "$PYTHON" "$@"
}

run benchmarks/bench_normalize.py        # normalization: arnews vs pyarabic, camel-tools, tashaphyne
run benchmarks/bench_segment.py          # sentences and tokens: vs pysbd, pyarabic, camel-tools, sinatools
run benchmarks/bench_language.py         # language ID: vs langdetect
run benchmarks/dateline_eval.py          # dateline accuracy; dateline dates vs dateparser
run benchmarks/bench_dateline.py         # date parsing speed vs dateparser
run benchmarks/quotes_eval.py            # quote accuracy (no other library finds quotes)
run benchmarks/accuracy.py               # the whole parse pipeline on the dev gold
run benchmarks/figures.py                # docs/_static/figures/*.png from the results above
