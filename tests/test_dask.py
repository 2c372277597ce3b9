"""The Dask recipe of docs/scale.md, run on a small local cluster."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Iterable
from typing import Any

import pytest

import arnews
from arnews._batch import parse_many

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

# Original sentences in wire-copy style, written for these tests.
STORIES = [
    "الرياض - واس: دشن وزير الصحة اليوم مستشفى جديدا في المنطقة الشرقية.",
    'الرباط (و م ع) - قال رئيس الحكومة إن "الإصلاحات مستمرة". وأضاف أن الميزانية أقرت.',
    "الكويت - كونا: أعلنت وزارة التربية موعد بدء العام الدراسي.",
    "الخرطوم - قال المتحدث إن المفاوضات ستستأنف الأسبوع المقبل.",
]

META = {
    "id": "object",
    "ok": "bool",
    "error": "object",
    "location": "object",
    "agency": "object",
    "sentences": "int64",
}


def parse_partition(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per record; a broken record becomes a row that says why (as in docs/scale.md)."""
    rows = []
    for result in parse_many((record.get("id"), record.get("text")) for record in records):
        article = result.article
        dateline = article.dateline if article else None
        rows.append(
            {
                "id": str(result.id),
                "ok": result.ok,
                "error": result.error.type if result.error else None,
                "location": dateline.location if dateline else None,
                "agency": dateline.agency.name if dateline and dateline.agency else None,
                "sentences": len(article.sentences) if article else 0,
            }
        )
    return rows


@pytest.fixture
def corpus(tmp_path: pathlib.Path) -> pathlib.Path:
    records: list[dict[str, Any]] = [{"id": f"s{i}", "text": text} for i, text in enumerate(STORIES)]
    records.append({"id": "broken", "text": None})
    for part in range(2):
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records[part::2]]
        (tmp_path / f"part-{part}.jsonl").write_text("".join(lines), encoding="utf-8")
    return tmp_path


@pytest.mark.timeout(120)
def test_a_dask_bag_parses_a_corpus_on_a_local_cluster(corpus: pathlib.Path) -> None:
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = db.read_text(str(corpus / "*.jsonl")).map(json.loads)
        frame = bag.map_partitions(parse_partition).to_dataframe(meta=META).compute()
    frame = frame.set_index("id").sort_index()
    assert list(frame.index) == ["broken", "s0", "s1", "s2", "s3"]
    assert frame.loc["broken", "error"] == "TypeError"
    assert frame["ok"].sum() == 4
    for i, text in enumerate(STORIES):
        article = arnews.parse(text)
        assert frame.loc[f"s{i}", "sentences"] == len(article.sentences)
        assert frame.loc[f"s{i}", "location"] == (article.dateline.location if article.dateline else None)
