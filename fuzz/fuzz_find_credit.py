"""Fuzz the ``find_credit`` entry point: python fuzz/fuzz_find_credit.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("find_credit", sys.argv)
