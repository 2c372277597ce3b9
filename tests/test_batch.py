from __future__ import annotations

import datetime
import itertools
import multiprocessing
import os
import pathlib
import pickle
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator

import pytest

import arnews
from arnews import (
    Agency,
    Article,
    Calendar,
    Credit,
    Cue,
    Dateline,
    Language,
    NewsDate,
    Paragraph,
    Quote,
    QuoteKind,
    Sentence,
    Span,
    Speaker,
    Token,
    TokenKind,
)
from arnews._batch import (
    IN_FLIGHT_PER_WORKER,
    DocumentError,
    Job,
    Outcome,
    Result,
    default_context,
    parse_many,
    process,
    to_job,
)
from arnews._validate import require_str

# Original sentences in wire-copy style, written for these tests.
WIRE = [
    "الرياض - واس: افتتح أمير المنطقة اليوم معرض الكتاب في دورته الجديدة.",
    'القاهرة (أ ف ب) - قال وزير النقل إن الطريق الجديد سيفتح الشهر المقبل. وأضاف: "العمل يسير كما خططنا".',
    "عمان - بترا: أعلنت وزارة المياه بدء حملة لترشيد الاستهلاك في فصل الصيف.",
]


def fake_parse(text: str) -> Article:
    """A cheap stand-in for the pipeline: checks its argument, fails on demand."""
    require_str(text)
    if "boom" in text:
        raise ValueError(f"cannot parse {text!r}")
    return Article(text=text)


def slow_for_short(text: str) -> int:
    """Finishes short texts last, so workers complete out of input order."""
    time.sleep(0.02 / (1 + len(text)))
    return len(text)


def die_on_poison(text: str) -> int:
    """Kills its worker process outright on the text ``poison``."""
    if text == "poison":
        os._exit(7)
    return len(text)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("arnews._batch.parse", fake_parse)


# --- input forms ------------------------------------------------------------


@pytest.mark.usefixtures("fake_pipeline")
def test_strings_are_named_by_their_position() -> None:
    results = list(parse_many(["أ", "ب", "ج"]))
    assert [r.id for r in results] == [0, 1, 2]
    assert [r.article.text for r in results if r.article] == ["أ", "ب", "ج"]


@pytest.mark.usefixtures("fake_pipeline")
def test_pairs_carry_their_own_ids() -> None:
    results = list(parse_many([("wire-7", "نص أول"), ["wire-9", "نص ثان"]]))
    assert [r.id for r in results] == ["wire-7", "wire-9"]
    assert all(r.ok for r in results)


@pytest.mark.usefixtures("fake_pipeline")
def test_mappings_use_the_configured_fields() -> None:
    records = [{"key": "a1", "body": "خبر"}, {"body": "خبر بلا رقم"}]
    results = list(parse_many(records, text_field="body", id_field="key"))
    assert [r.id for r in results] == ["a1", 1]
    assert all(r.ok for r in results)


@pytest.mark.usefixtures("fake_pipeline")
def test_bad_items_become_errors_and_the_rest_go_on() -> None:
    items: list[object] = ["خبر", {"id": "no-text"}, {"id": "num", "text": 42}, b"\xd8\xae", None, "boom"]
    results = list(parse_many(items))
    assert [r.ok for r in results] == [True, False, False, False, False, False]
    errors = [r.error for r in results if r.error]
    assert [e.type for e in errors] == ["KeyError", "TypeError", "TypeError", "TypeError", "ValueError"]
    assert [e.id for e in errors] == ["no-text", "num", 3, 4, 5]
    assert "decode bytes first" in errors[2].message


@pytest.mark.usefixtures("fake_pipeline")
def test_texts_over_the_limit_are_reported_not_parsed() -> None:
    results = list(parse_many(["قصير", "طويل " * 100], max_chars=50))
    assert results[0].ok
    assert results[1].error is not None
    assert results[1].error.type == "DocumentTooLarge"
    assert "500" in results[1].error.message


def test_ids_that_are_not_str_or_int_are_stringified() -> None:
    assert to_job(0, {"id": 3.5, "text": "نص"}).id == "3.5"
    assert to_job(2, {"id": True, "text": "نص"}).id == "True"
    assert to_job(4, {"id": None, "text": "نص"}).id == 4


@pytest.mark.parametrize("article", [None, Article(text="نص")])
def test_a_result_holds_an_article_or_an_error_never_both_or_neither(article: Article | None) -> None:
    error = DocumentError("TypeError", "bad", 0) if article else None
    with pytest.raises(ValueError, match="exactly one"):
        Result(id=0, article=article, error=error)


def test_a_single_text_is_refused_at_the_call() -> None:
    with pytest.raises(TypeError, match="wrap one text in a list"):
        parse_many("نص واحد")


@pytest.mark.parametrize(("workers", "chunksize"), [(0, 8), (-2, 8), (2, 0)])
def test_bad_settings_fail_at_the_call_not_later(workers: int, chunksize: int) -> None:
    with pytest.raises(ValueError, match=">= 1"):
        parse_many(["نص"], workers=workers, chunksize=chunksize)


def test_an_unknown_start_method_fails_at_the_call() -> None:
    with pytest.raises(ValueError, match="bogus"):
        parse_many(["نص"], workers=2, start_method="bogus")


def test_a_negative_size_limit_fails_at_the_call() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        parse_many(["نص"], max_chars=-1)


# --- order, isolation, progress -----------------------------------------------


START_METHODS = [m for m in ("fork", "forkserver") if m in multiprocessing.get_all_start_methods()]


@pytest.mark.parametrize("start_method", START_METHODS)
def test_workers_yield_in_input_order_even_when_they_finish_out_of_it(start_method: str) -> None:
    texts = ["ن" * n for n in range(40)]
    jobs = (Job(i, t) for i, t in enumerate(texts))
    outcomes = list(process(jobs, slow_for_short, workers=2, chunksize=1, start_method=start_method))
    assert [o.id for o in outcomes] == list(range(40))
    assert [o.value for o in outcomes] == list(range(40))


@pytest.mark.parametrize("workers", [None, 2])
def test_a_failing_document_does_not_stop_the_others(workers: int | None) -> None:
    texts = ["خبر", "boom", "خبر آخر", "boom again", "ختام"]
    jobs = (Job(i, t) for i, t in enumerate(texts))
    outcomes = list(process(jobs, fake_parse, workers=workers, chunksize=2))
    assert [o.error.type if o.error else "ok" for o in outcomes] == [
        "ok",
        "ValueError",
        "ok",
        "ValueError",
        "ok",
    ]
    assert [o.value.text for o in outcomes if o.value] == ["خبر", "خبر آخر", "ختام"]


@pytest.mark.parametrize("start_method", START_METHODS)
def test_a_dead_worker_is_replaced_and_only_its_document_is_lost(start_method: str) -> None:
    texts = ["ن" * i if i != 13 else "poison" for i in range(30)]
    jobs = (Job(i, t) for i, t in enumerate(texts))
    outcomes = list(process(jobs, die_on_poison, workers=2, chunksize=4, start_method=start_method))
    assert [o.id for o in outcomes] == list(range(30))
    failed = [o for o in outcomes if o.error]
    assert [(o.id, o.error.type) for o in failed if o.error] == [(13, "WorkerCrashed")]
    assert [o.value for o in outcomes if not o.error] == [i for i in range(30) if i != 13]


_ORPHAN_SCRIPT = """
import itertools, multiprocessing, sys
from arnews._batch import Job, process
jobs = (Job(i, "نص قصير. " * 20) for i in itertools.count())
for n, _ in enumerate(process(jobs, len, workers=2, chunksize=4, start_method=sys.argv[1])):
    if n == 40:
        print(*(child.pid for child in multiprocessing.active_children()), flush=True)
"""


def _running(pid: int) -> bool:
    try:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped


@pytest.mark.skipif(not pathlib.Path("/proc/self/stat").is_file(), reason="needs Linux's /proc")
@pytest.mark.parametrize("start_method", START_METHODS)
def test_workers_leave_when_the_parent_is_killed(start_method: str) -> None:
    # The out-of-memory killer or `kill -9` gives the parent no chance to stop
    # its pool; the workers must notice and leave, not wait forever.
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT, start_method], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    parent.kill()
    parent.wait()
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_running, workers))


@pytest.mark.parametrize("workers", [None, 2])
def test_progress_counts_every_document_once(workers: int | None) -> None:
    counts: list[int] = []
    outcomes = list(process((Job(i, "نص") for i in range(50)), len, workers=workers, progress=counts.append))
    assert len(outcomes) == 50
    assert sum(counts) == 50


@pytest.mark.skipif(not pathlib.Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_fork_is_chosen_only_while_this_process_runs_one_thread() -> None:
    alone = len(list(pathlib.Path("/proc/self/task").iterdir())) == 1
    before = default_context().get_start_method()
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        during = default_context().get_start_method()
    finally:
        stop.set()
        helper.join()
    assert during != "fork"
    assert (before == "fork") == alone


# --- streaming and memory -----------------------------------------------------


class CountingStream:
    """An endless stream of small articles that counts how many were pulled."""

    def __init__(self, limit: int | None = None, repeat: int = 40) -> None:
        self.pulled = 0
        self.limit = limit
        self.repeat = repeat

    def __iter__(self) -> Iterator[Job]:
        for index in itertools.count() if self.limit is None else range(self.limit):
            self.pulled += 1
            yield Job(index, f"الخبر رقم {index}: قال المتحدث إن الاجتماع انتهى. " * self.repeat)


def test_an_endless_stream_is_read_lazily_in_process() -> None:
    stream = CountingStream()
    first = list(itertools.islice(process(iter(stream), len), 5))
    assert [o.id for o in first] == [0, 1, 2, 3, 4]
    assert stream.pulled == 5


def test_workers_keep_a_bounded_number_of_chunks_in_flight() -> None:
    # Short texts keep the test fast: what is bounded is the number of documents.
    stream, workers, chunksize = CountingStream(limit=100_000, repeat=1), 2, 1_000
    bound = (IN_FLIGHT_PER_WORKER * workers + 1) * chunksize
    received, widest = 0, 0
    for outcome in process(iter(stream), len, workers=workers, chunksize=chunksize):
        assert outcome.id == received
        received += 1
        widest = max(widest, stream.pulled - received)
    assert received == 100_000
    assert widest <= bound


def test_leaving_early_stops_the_workers_without_reading_on() -> None:
    stream = CountingStream(repeat=1)
    outcomes = process(iter(stream), len, workers=2, chunksize=8)
    first = [o.id for o in itertools.islice(outcomes, 3)]
    outcomes.close()  # type: ignore[attr-defined]
    pulled = stream.pulled
    assert first == [0, 1, 2]
    assert pulled <= (IN_FLIGHT_PER_WORKER * 2 + 1) * 8
    assert stream.pulled == pulled


def test_memory_stays_flat_on_a_long_stream() -> None:
    # 20,000 articles of about 2 KB each are 40 MB of text; only a few must live at once.
    stream = CountingStream(limit=20_000)
    tracemalloc.start()
    try:
        total = sum(1 for _ in process(iter(stream), len))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == 20_000
    assert peak < 2_000_000


# --- pickling (what Dask and Spark need) ----------------------------------------


def full_article() -> Article:
    text = "الرياض 5 مايو 2024 (واس) - قال الوزير: «بدأنا». #خبر"
    date = NewsDate(2024, 5, 5, Calendar.GREGORIAN, datetime.date(2024, 5, 5), Span(7, 17))
    agency = Agency("SPA", "واس", Span(19, 22))
    language = Language("ar", "Arab", 0.99, reliable=True)
    return Article(
        text=text,
        language=language,
        dateline=Dateline(Span(0, 25), text[0:25], "الرياض", Span(0, 6), date, None, agency),
        credit=Credit(Span(45, 49), "#خبر", None),
        paragraphs=(Paragraph(Span(0, 49), text[0:49], language),),
        sentences=(Sentence(Span(0, 49), text[0:49]),),
        quotes=(
            Quote(
                QuoteKind.DIRECT,
                Span(38, 43),
                "بدأنا",
                Speaker("الوزير", Span(30, 36)),
                Cue("قال", Span(26, 29)),
            ),
        ),
    )


@pytest.mark.parametrize(
    "obj",
    [
        full_article(),
        Token(Span(0, 3), "قال", TokenKind.WORD),
        Result(id="a", article=full_article()),
        Result(id=3, error=DocumentError("TypeError", "text must be str, not int", 3)),
        Outcome(1, value=5),
        Job("x", "نص"),
    ],
    ids=lambda obj: type(obj).__name__,
)
def test_every_model_and_batch_object_pickles(obj: object) -> None:
    assert pickle.loads(pickle.dumps(obj)) == obj  # noqa: S301 - our own bytes, just made


# --- end to end, with the real pipeline ------------------------------------------


@pytest.mark.parametrize("workers", [None, 2])
def test_parse_many_matches_parse(workers: int | None) -> None:
    results = list(parse_many([(f"w{i}", text) for i, text in enumerate(WIRE)], workers=workers, chunksize=1))
    assert [r.id for r in results] == ["w0", "w1", "w2"]
    assert [r.article for r in results] == [arnews.parse(text) for text in WIRE]
