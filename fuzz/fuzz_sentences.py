"""Fuzz the ``sentences`` entry point: python fuzz/fuzz_sentences.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("sentences", sys.argv)
