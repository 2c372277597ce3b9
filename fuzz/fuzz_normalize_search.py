"""Fuzz the ``normalize_search`` entry point: python fuzz/fuzz_normalize_search.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("normalize_search", sys.argv)
