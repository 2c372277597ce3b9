"""Fuzz the ``parse`` entry point: python fuzz/fuzz_parse.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("parse", sys.argv)
