from __future__ import annotations

import json
import pathlib
import sys

import pytest

import arnews
from arnews._cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from arnews._parquet import flatten, table_paths

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

# Original sentences in wire-copy style, written for these tests.
STORIES = {
    "n1": 'بيروت - قال وزير الطاقة إن "الكهرباء ستعود خلال أيام". وأضاف أن الفرق تعمل ليلا.',
    "n2": "الدوحة 3 مارس 2025 (قنا) - افتتحت الوزارة مدرسة جديدة في الشمال.",
    "n3": "تونس - أعلنت الهيئة نتائج الامتحانات.\n\nوقال المدير إن النسبة ارتفعت.",
}


@pytest.fixture
def feed(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "feed.jsonl"
    records: list[dict[str, object]] = [{"id": key, "text": text} for key, text in STORIES.items()]
    records.insert(1, {"id": "broken", "text": ["not", "text"]})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def write_tables(feed: pathlib.Path, out: pathlib.Path, *extra: str) -> list[pd.DataFrame]:
    assert main(["parse", str(feed), "-o", str(out), "-q", *extra]) == EXIT_FAILED
    return [pd.read_parquet(path) for path in table_paths(out)]


def test_three_tables_load_in_pandas_with_the_expected_columns(
    feed: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    articles, sentences, quotes = write_tables(feed, tmp_path / "run.parquet")
    assert sorted(path.name for path in tmp_path.glob("run*.parquet")) == [
        "run.parquet",
        "run.quotes.parquet",
        "run.sentences.parquet",
    ]
    assert {
        "id",
        "ok",
        "error_type",
        "language",
        "location",
        "date_year",
        "agency",
        "sentences",
        "text",
    } <= set(articles.columns)
    assert list(sentences.columns) == ["id", "index", "start", "end", "text"]
    assert {"id", "kind", "start", "end", "text", "speaker", "cue"} <= set(quotes.columns)
    assert list(articles["id"]) == ["n1", "broken", "n2", "n3"]


def test_tables_join_on_the_article_id_and_spans_slice_the_text(
    feed: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    articles, sentences, quotes = write_tables(feed, tmp_path / "run.parquet")
    joined = sentences.merge(articles[["id", "text"]], on="id", suffixes=("", "_article"))
    assert len(joined) == len(sentences) > 0
    for row in joined.itertuples():
        assert row.text_article[row.start : row.end] == row.text
    for key, text in STORIES.items():
        parsed = arnews.parse(text)
        assert list(sentences[sentences["id"] == key]["text"]) == [s.text for s in parsed.sentences]
        assert list(quotes[quotes["id"] == key]["text"]) == [q.text for q in parsed.quotes]


def test_a_failed_document_keeps_its_row_with_the_error(feed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    articles, sentences, _ = write_tables(feed, tmp_path / "run.parquet")
    broken = articles.set_index("id").loc["broken"]
    assert not broken["ok"]
    assert broken["error_type"] == "TypeError"
    assert "broken" not in set(sentences["id"])
    assert articles.set_index("id").loc["n2", "date_year"] == arnews.parse(STORIES["n2"]).dateline.date.year


def test_rows_are_written_in_groups_and_workers_give_the_same_tables(
    feed: pathlib.Path, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("arnews._parquet.ROWS_PER_WRITE", 1)
    one = write_tables(feed, tmp_path / "one.parquet")
    two = write_tables(feed, tmp_path / "two.parquet", "--workers", "2", "--chunksize", "1")
    for left, right in zip(one, two, strict=True):
        pd.testing.assert_frame_equal(left, right)


def test_flatten_counts_what_the_article_holds() -> None:
    article = arnews.parse(STORIES["n1"])
    rows = flatten(article)
    assert rows.article["sentences"] == len(rows.sentences) == len(article.sentences)
    assert rows.article["quotes"] == len(rows.quotes) == len(article.quotes)


def test_without_pyarrow_parquet_is_a_usage_error(
    feed: pathlib.Path,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["parse", str(feed), "-o", str(tmp_path / "run.parquet")]) == EXIT_USAGE
    assert "pip install 'arnews[parquet]'" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.parquet"))


def test_to_parquet_adds_the_suffix_names(feed: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "export"
    assert main(["parse", str(feed), "-o", str(out), "--to", "parquet", "-q"]) == EXIT_FAILED
    assert sorted(path.name for path in tmp_path.glob("export*")) == [
        "export.parquet",
        "export.quotes.parquet",
        "export.sentences.parquet",
    ]


def test_a_clean_run_exits_0(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "clean.jsonl"
    path.write_text(json.dumps({"text": STORIES["n2"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["parse", str(path), "-o", str(tmp_path / "clean.parquet"), "-q"]) == EXIT_OK
