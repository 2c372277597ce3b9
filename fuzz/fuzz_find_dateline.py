"""Fuzz the ``find_dateline`` entry point: python fuzz/fuzz_find_dateline.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("find_dateline", sys.argv)
