"""Fuzz the ``normalize`` entry point: python fuzz/fuzz_normalize.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("normalize", sys.argv)
