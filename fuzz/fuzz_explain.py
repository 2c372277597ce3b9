"""Fuzz the ``explain`` entry point: python fuzz/fuzz_explain.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("explain", sys.argv)
