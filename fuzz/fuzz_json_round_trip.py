"""Fuzz the ``json_round_trip`` entry point: python fuzz/fuzz_json_round_trip.py [libFuzzer flags]."""

import sys

from _harness import fuzz

if __name__ == "__main__":
    fuzz("json_round_trip", sys.argv)
