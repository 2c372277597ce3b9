"""Fuzz the ``parse_date`` entry point: python fuzz/fuzz_parse_date.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("parse_date", sys.argv)
