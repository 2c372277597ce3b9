"""Fuzz the ``paragraphs`` entry point: python fuzz/fuzz_paragraphs.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("paragraphs", sys.argv)
