"""Fuzz the ``normalize_aligned`` entry point: python fuzz/fuzz_normalize_aligned.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("normalize_aligned", sys.argv)
