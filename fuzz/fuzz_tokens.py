"""Fuzz the ``tokens`` entry point: python fuzz/fuzz_tokens.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("tokens", sys.argv)
