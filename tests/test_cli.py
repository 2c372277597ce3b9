from __future__ import annotations

import gzip
import io
import json
import os
import pathlib
import subprocess
import sys

import pytest

import arnews
from arnews._cli import (
    EXIT_CLOSED_OUTPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    build_parser,
    main,
)

# Original sentences in wire-copy style, written for these tests.
STORIES = [
    "الرياض - واس: افتتح أمير المنطقة اليوم معرض الكتاب في دورته الجديدة.",
    'القاهرة (أ ف ب) - قال وزير النقل إن الطريق الجديد سيفتح الشهر المقبل. وأضاف: "العمل يسير كما خططنا".',
    (
        "عمان - بترا: أعلنت وزارة المياه بدء حملة لترشيد الاستهلاك في فصل الصيف.\n\n"
        "وقالت الوزارة إن الحملة تستمر شهرين."
    ),
]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_jsonl(path: pathlib.Path, records: list[object]) -> pathlib.Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- arnews parse: inputs -------------------------------------------------------------


def test_one_text_file_prints_the_json_form_of_its_article(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORIES[1], encoding="utf-8")
    code, out, err = run(["parse", str(story)], capsys)
    assert code == EXIT_OK
    assert arnews.from_json(out) == arnews.parse(STORIES[1])
    assert "1 document, 0 errors" in err


def test_a_text_stream_without_a_byte_buffer_as_stdout_gets_the_same_lines(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Articles are written as UTF-8 bytes; a caller that swaps sys.stdout for
    # a StringIO (which has no .buffer) still gets them, as text.
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in STORIES), "utf-8")
    written = io.StringIO()
    monkeypatch.setattr(sys, "stdout", written)
    assert main(["parse", str(corpus), "-q"]) == EXIT_OK
    lines = [json.loads(line) for line in written.getvalue().splitlines()]
    assert [line["id"] for line in lines] == [f"{corpus}:{number}" for number in (1, 2, 3)]
    assert [arnews.from_dict(line["article"]) for line in lines] == [arnews.parse(t) for t in STORIES]


def test_indent_pretty_prints_one_article(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORIES[0], encoding="utf-8")
    code, out, _ = run(["parse", str(story), "--indent", "2", "-q"], capsys)
    assert code == EXIT_OK
    assert out.startswith('{\n  "schema_version"')


def test_standard_input_is_one_text_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, STORIES[0].encode())
    code, out, _ = run(["parse", "-"], capsys)
    assert code == EXIT_OK
    assert arnews.from_json(out) == arnews.parse(STORIES[0])


def test_standard_input_can_be_jsonl(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, "".join(json.dumps({"text": t}) + "\n" for t in STORIES).encode())
    code, out, _ = run(["parse", "--format", "jsonl"], capsys)
    assert code == EXIT_OK
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]


def test_a_directory_is_read_with_its_glob_in_path_order(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b").mkdir()
    for name, text in zip(["b/2.txt", "a.txt", "b/1.txt"], STORIES, strict=True):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ليس خبرا", encoding="utf-8")
    code, out, _ = run(["parse", str(tmp_path), "-q"], capsys)
    assert code == EXIT_OK
    records = [json.loads(line) for line in out.splitlines()]
    assert [pathlib.Path(r["id"]).relative_to(tmp_path).as_posix() for r in records] == [
        "a.txt",
        "b/1.txt",
        "b/2.txt",
    ]
    assert arnews.from_dict(records[0]["article"]) == arnews.parse(STORIES[1])


def test_jsonl_fields_and_default_ids(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"key": "k1", "body": STORIES[0]}, {"body": STORIES[1]}])
    code, out, _ = run(["parse", str(feed), "--text-field", "body", "--id-field", "key", "-q"], capsys)
    assert code == EXIT_OK
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["k1", f"{feed}:2"]


def test_gzipped_jsonl_is_read(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.jsonl.gz"
    with gzip.open(feed, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(STORIES))
    code, out, _ = run(["parse", str(feed), "-q"], capsys)
    assert code == EXIT_OK
    assert [json.loads(line)["id"] for line in out.splitlines()] == [0, 1, 2]


# --- arnews parse: a reader that goes away -----------------------------------------------


def test_a_closed_output_stops_quietly_with_the_sigpipe_code(tmp_path: pathlib.Path) -> None:
    # ``arnews parse ... | head``: the reader leaves long before the end. That
    # is not "documents failed" (1); it is what cat or grep report (141).
    records = [{"id": n, "text": STORIES[n % len(STORIES)]} for n in range(3000)]
    corpus = write_jsonl(tmp_path / "many.jsonl", records)
    command = [sys.executable, "-m", "arnews", "parse", str(corpus), "-q"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        assert reader.stdout is not None
        assert reader.stderr is not None
        assert reader.stdout.read(100).startswith(b"{")
        reader.stdout.close()
        assert reader.wait(timeout=120) == EXIT_CLOSED_OUTPUT
        assert b"Traceback" not in reader.stderr.read()


# --- arnews parse: broken input ---------------------------------------------------------


@pytest.mark.parametrize("garbage", ["bytes", "text"])
def test_broken_records_are_reported_and_the_rest_processed(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str], garbage: str
) -> None:
    five_mb = (
        b"{\x80" + os.urandom(5_000_000).replace(b"\n", b"x")
        if garbage == "bytes"
        else json.dumps({"id": "huge", "text": "ضجيج " * 560_000}, ensure_ascii=False).encode()
    )
    lines = [
        json.dumps({"id": "a", "text": STORIES[0]}, ensure_ascii=False).encode(),
        b'{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": 42}).encode(),
        five_mb,
        json.dumps({"id": "d", "text": STORIES[2]}, ensure_ascii=False).encode(),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join(lines) + b"\n")
    code, out, err = run(["parse", str(feed), "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == EXIT_FAILED
    assert out == ""
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    assert [r["id"] for r in records if "article" in r] == ["a", "d"]
    errors = {r["id"]: r["error"]["type"] for r in records if "error" in r}
    third = {f"{feed}:4": "UnicodeDecodeError"} if garbage == "bytes" else {"huge": "DocumentTooLarge"}
    assert errors == {f"{feed}:2": "JSONDecodeError", "c": "TypeError", **third}
    assert "5 documents, 3 errors" in err
    assert err.count("arnews: ") >= 4


def test_an_overlong_line_is_skipped_to_its_end_without_being_read_whole(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_line = json.dumps({"id": "long", "text": "ن" * 150_000}, ensure_ascii=False).encode()
    lines = [json.dumps({"id": "before", "text": STORIES[0]}, ensure_ascii=False).encode(), long_line]
    lines.append(json.dumps({"id": "after", "text": STORIES[1]}, ensure_ascii=False).encode())
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join(lines) + b"\n")
    code, out, _ = run(["parse", str(feed), "--max-chars", "1000", "-q"], capsys)
    assert code == EXIT_FAILED
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["before", f"{feed}:2", "after"]
    assert records[1]["error"]["type"] == "DocumentTooLarge"
    assert "article" in records[2]


def test_a_record_that_is_not_an_object_is_reported(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [["not", "a", "record"], {"text": STORIES[0]}])
    code, out, _ = run(["parse", str(feed), "-q"], capsys)
    assert code == EXIT_FAILED
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["error"]["type"] == "InvalidRecord"
    assert "article" in second


def test_undecodable_text_file_is_a_document_error(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    (tmp_path / "good.txt").write_text(STORIES[0], encoding="utf-8")
    code, out, err = run(["parse", str(tmp_path)], capsys)
    assert code == EXIT_FAILED
    assert [("error" in json.loads(line)) for line in out.splitlines()] == [True, False]
    assert "UnicodeDecodeError" in err


# --- arnews parse: workers, output, usage -------------------------------------------------


def test_two_workers_write_the_same_lines_as_one(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"id": i, "text": STORIES[i % 3]} for i in range(12)])
    _, one, _ = run(["parse", str(feed), "-q"], capsys)
    code, two, _ = run(["parse", str(feed), "-q", "--workers", "2", "--chunksize", "2"], capsys)
    assert code == EXIT_OK
    assert two == one


def test_to_json_writes_bare_articles_one_per_line(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"text": t} for t in STORIES])
    code, out, _ = run(["parse", str(feed), "--to", "json", "-q"], capsys)
    assert code == EXIT_OK
    assert [arnews.from_json(line) for line in out.splitlines()] == [arnews.parse(t) for t in STORIES]


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "/no/such/file.txt"],
        ["parse", "-", "--workers", "0"],
        ["parse", "-", "--workers", "many"],
        ["parse", "-", "--to", "jsonl", "--indent", "2"],
        ["parse", "-", "--to", "parquet"],
        ["parse", "-", "-o", "/no/such/dir/out.jsonl"],
        ["sentences", "/no/such/file.txt"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == EXIT_USAGE
    assert err


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("arnews._cli._demo_command", interrupted)
    code, _, err = run(["demo"], capsys)
    assert code == EXIT_INTERRUPTED
    assert "interrupted" in err


def test_progress_falls_back_to_a_counter_without_tqdm(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"text": t} for t in STORIES])
    code, _, err = run(["parse", str(feed), "--progress"], capsys)
    assert code == EXIT_OK
    assert "\rarnews: 3 documents\n" in err


def test_progress_uses_tqdm_when_installed(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    feed = write_jsonl(tmp_path / "feed.jsonl", [{"text": t} for t in STORIES])
    code, _, err = run(["parse", str(feed), "--progress"], capsys)
    assert code == EXIT_OK
    assert "3 docs" in err


# --- other commands ---------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["default", "search", "matching"])
def test_normalize_filters_line_by_line(
    profile: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "قالَ الوزيرُ: إنّ الاتفاقيـــة ستُوقّع في ١٥ أيار.\nأعلنت الهيئة عن ٣ مشاريع جديدة.\n"
    feed_stdin(monkeypatch, text.encode())
    code, out, _ = run(["normalize", "--profile", profile], capsys)
    config = getattr(arnews.NormalizeConfig, profile)()
    assert code == EXIT_OK
    assert out == "".join(arnews.normalize(line, config) for line in text.splitlines(keepends=True))


def test_sentences_prints_one_per_line(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORIES[2], encoding="utf-8")
    code, out, _ = run(["sentences", str(story)], capsys)
    assert code == EXIT_OK
    assert out.splitlines() == [" ".join(s.text.splitlines()) for s in arnews.sentences(STORIES[2])]


def test_sentences_jsonl_carries_spans(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORIES[1], encoding="utf-8")
    code, out, _ = run(["sentences", str(story), "--jsonl"], capsys)
    assert code == EXIT_OK
    for line in out.splitlines():
        record = json.loads(line)
        start, end = record["span"]
        assert STORIES[1][start:end] == record["text"]


def test_demo_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["demo"], capsys)
    assert code == EXIT_OK
    assert out.startswith("language   ar")
    assert "sentences" in out


def test_help_lists_every_command_and_the_exit_codes() -> None:
    text = build_parser().format_help()
    for word in ["parse", "sentences", "normalize", "demo", "exit codes"]:
        assert word in text


def test_python_dash_m_runs_the_cli(tmp_path: pathlib.Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORIES[0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "arnews", "parse", str(story), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["dateline"]["location"] == "الرياض"
