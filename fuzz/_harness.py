"""Shared machinery of the atheris harnesses: one ``fuzz_<entry>.py`` per entry point.

Each input is turned into text one of three ways, chosen by its first byte:
arbitrary code points (surrogates included), the bytes decoded as UTF-8 with
undecodable bytes kept as lone surrogates, or a word salad of the pieces that
drive datelines, dates, sentences and quotes. The entry point then runs under
the invariants of ``tests/adversarial.py``: any exception, any span that does
not slice back to its text, any lost text is a crash.

Run ``python fuzz/_harness.py --seeds DIR`` to write a seed corpus.
"""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Callable

import atheris

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

with atheris.instrument_imports(include=["arnews"]):
    import arnews  # noqa: F401 - imported here so its modules are instrumented

import adversarial  # noqa: E402 - must come after the instrumented import

# Generic pieces of wire copy (lexicon forms, not any outlet's text).
PIECES = (
    *[
        "قال",
        "وأضاف",
        "الرئيس",
        "الوزير",
        "إن",
        "أن",
        "بأن",
        "أنه",
        "وأكد",
        "نفى",
        "بحسب",
        "نقلا",
        "عن",
        "المصادر",
    ],
    *[
        "القاهرة",
        "الرياض",
        "دبي،",
        "الإمارات",
        "واس",
        "(أ",
        "ف",
        "ب)",
        "(شينخوا)",
        "رويترز",
        "كونا",
        "وكالات",
    ],
    *[
        "أول",
        "14",
        "2024",
        "١٤٤٦",
        "يوليو",
        "تموز",
        "جويلية",
        "رمضان",
        "ذو",
        "الحجة",
        "هـ",
        "م",
        "الموافق",
        "الأحد",
    ],
    *["د.", "3.5", '"', "«", "»", "“", "”", "((", "))", ":", "-", "—", "،", ".", "؟", "!", "…", "\n", "\n\n"],
    *[
        "\u200f",
        "\u202e",
        "\u200d",
        "\x00",
        "\ud800",
        "\u0651",
        "\u064e",
        "ـ",
        "ﷺ",
        "😀",
        "https://a.b/c",
        "#وسم",
    ],
)


WARM_UP = (adversarial.PROSE, "The minister said the new road opens next week.", "Привет, мир.")


def text_from(data: bytes) -> str:
    """Turn fuzzer bytes into text; the first byte picks the mode (see the module docstring)."""
    mode, rest = (data[0] % 3, data[1:]) if data else (0, b"")
    if mode == 1:
        try:  # encoded surrogates (ED A0 80) become lone surrogates
            return rest.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return rest.decode("utf-8", "surrogateescape")
    provider = atheris.FuzzedDataProvider(rest)
    if mode == 0:
        return str(provider.ConsumeUnicode(len(rest)))
    count = provider.ConsumeIntInRange(0, 400)
    return " ".join(PIECES[provider.ConsumeIntInRange(0, len(PIECES) - 1)] for _ in range(count))


def one_input(entry: str) -> Callable[[bytes], None]:
    """The fuzz target of one entry point."""

    def test_one_input(data: bytes) -> None:
        adversarial.run_entry(entry, text_from(data))

    return test_one_input


def fuzz(entry: str, argv: list[str]) -> None:
    """Fuzz ``entry`` with libFuzzer's command line ``argv`` (e.g. ``-max_total_time=60``)."""
    # The lexicons, normalization plans and langdetect's profiles (for text in
    # other scripts) load lazily on first use; load them here so one-time
    # set-up does not count against -timeout.
    for text in WARM_UP:
        adversarial.run_entry(entry, text)
    atheris.Setup(argv, one_input(entry))
    atheris.Fuzz()


def write_seeds(folder: pathlib.Path) -> None:
    """Write a seed corpus: the original prose and every adversarial pattern, small, as UTF-8 inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    # A first byte of 1 selects the UTF-8 mode of text_from.
    texts = {"prose": adversarial.PROSE}
    texts.update({name: build(300) for name, build in adversarial.PATTERNS.items()})
    for name, text in texts.items():
        (folder / f"seed-{name}").write_bytes(b"\x01" + text.encode("utf-8", "surrogatepass"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--seeds":
        write_seeds(pathlib.Path(sys.argv[2]))
    else:
        sys.exit("usage: python fuzz/_harness.py --seeds DIR")
