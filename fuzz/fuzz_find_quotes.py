"""Fuzz the ``find_quotes`` entry point: python fuzz/fuzz_find_quotes.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("find_quotes", sys.argv)
