"""Fuzz the ``find_dates`` entry point: python fuzz/fuzz_find_dates.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("find_dates", sys.argv)
