"""Fuzz the ``detect_language`` entry point: python fuzz/fuzz_detect_language.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("detect_language", sys.argv)
