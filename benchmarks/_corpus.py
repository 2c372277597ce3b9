"""Shared benchmark input: the real articles of ../shared/corpora, read at run time.

The articles are owned by their outlets and never stored in the repository,
so a benchmark reads them here and exits with a clear message when they are
absent.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import sys
import time
from collections.abc import Callable
from types import ModuleType

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("ARNEWS_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
EVAL = SHARED / "eval"


def load_texts() -> list[str]:
    """Every article text in ../shared/corpora/*.jsonl, in a fixed order; exit when absent."""
    if not CORPORA.is_dir():
        sys.exit(
            f"benchmark needs the real articles in {CORPORA} (absent); set ARNEWS_SHARED to point at shared/"
        )
    texts: list[str] = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(str(json.loads(line)["text"]) for line in handle if line.strip())
    return texts


def build_text(megabytes: float, texts: list[str] | None = None) -> str:
    """About ``megabytes`` MB of UTF-8: the articles joined by blank lines, repeated and cut to size."""
    body = "\n\n".join(texts if texts is not None else load_texts())
    target = int(megabytes * 1_000_000)
    size = len(body.encode("utf-8"))
    text = "\n\n".join([body] * max(1, -(-target // size)))
    return text[: len(text) * target // (size * max(1, -(-target // size)))]


def load_scorer(caller: str) -> ModuleType:
    """Import ../shared/eval/score.py where it lives (it is never copied); exit when absent.

    ``caller`` names the script in the message a user sees when it is missing.
    """
    path = EVAL / "score.py"
    if not path.is_file():
        sys.exit(f"{caller} needs {path} (absent); set ARNEWS_SHARED to point at shared/")
    spec = importlib.util.spec_from_file_location("arnews_shared_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def best_cpu(run: Callable[[], object], repeat: int) -> float:
    """The least CPU seconds of ``repeat`` runs: what an idle core's wall clock would show."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best
