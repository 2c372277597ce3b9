#!/usr/bin/env bash
# Fuzz every entry point for a fixed time each: bash fuzz/run_all.sh SECONDS [TARGET ...]
#
# CI runs it with a small budget (bash fuzz/run_all.sh 4: 15 targets, about a
# minute in all); run it longer on demand (bash fuzz/run_all.sh 600 parse).
# Crash reproducers and the grown corpora go to $FUZZ_OUT (default
# /tmp/arnews-fuzz), never into the repository. Exits non-zero when any target
# found a crash; skips with a message when atheris is not installed.
set -u

budget="${1:-5}"
shift || true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# $PYTHON when set, else the checkout's .venv (as the README sets it up), else python3.
if [ -n "${PYTHON:-}" ]; then
    python="$PYTHON"
elif [ -x "$here/../.venv/bin/python" ]; then
    python="$here/../.venv/bin/python"
else
    python="$(command -v python3)"
fi
out="${FUZZ_OUT:-/tmp/arnews-fuzz}"
# A fixed $FUZZ_SEED makes a short run repeat the same inputs (CI); unset, every run explores anew.
seed=()
if [ -n "${FUZZ_SEED:-}" ]; then
    seed=(-seed="$FUZZ_SEED")
fi

if ! "$python" -c "import atheris" 2>/dev/null; then
    echo "fuzz: atheris is not installed for $python; skipping (pip install 'arnews[fuzz]' or atheris)"
    exit 0
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for file in "$here"/fuzz_*.py; do
        name="$(basename "$file" .py)"
        targets+=("${name#fuzz_}")
    done
fi

mkdir -p "$out/seeds"
"$python" "$here/_harness.py" --seeds "$out/seeds" >"$out/seeds.log" 2>&1 || { cat "$out/seeds.log"; exit 1; }

failed=0
for target in "${targets[@]}"; do
    corpus="$out/corpus/$target"
    mkdir -p "$corpus" "$out/crashes/$target"
    log="$out/$target.log"
    "$python" "$here/fuzz_$target.py" "$corpus" "$out/seeds" \
        -max_total_time="$budget" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${seed[@]}" \
        -artifact_prefix="$out/crashes/$target/" >"$log" 2>&1
    status=$?
    runs="$(grep -aoE 'Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' | tail -1)"
    if [ -z "$runs" ]; then
        runs="$(grep -aoE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
    fi
    if [ "$status" -eq 0 ]; then
        printf 'fuzz %-18s ok     %10s executions in %s s\n' "$target" "${runs:-?}" "$budget"
    else
        failed=1
        printf 'fuzz %-18s CRASH  %10s executions; log %s\n' "$target" "${runs:-?}" "$log"
        grep -aE 'Error|Exception|==ERROR|Traceback' "$log" | head -5 | sed 's/^/    /'
        ls "$out/crashes/$target" | head -3 | sed "s|^|    reproducer: $out/crashes/$target/|"
    fi
done
exit "$failed"
