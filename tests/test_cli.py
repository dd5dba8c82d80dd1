"""The `storyweave` command as a user runs it: real processes, real files, real store."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import SAMPLES, need

STORY = (
    "Flood waters rose across the delta on Sunday.\n\n"
    "Officials said thousands of families had left their homes, and that rescue teams reached "
    "villages cut off by landslides. More rain is expected until Wednesday."
)


def storyweave(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyweave", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )


def test_a_partial_batch_stores_the_good_and_names_the_bad(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Floods in the delta\n\n" + STORY, encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "j1", "text": "' + STORY.replace("\n", " ") + '"}\n{"id": oops\n')
    db = tmp_path / "cli.db"

    result = storyweave(
        "ingest", str(good), str(broken), str(tmp_path / "missing.txt"), "--db", str(db)
    )

    assert result.returncode == 3, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("storyweave: ")]
    assert any("broken.jsonl:2" in line and "E105" in line for line in problems)
    assert any("missing.txt" in line and "E001" in line for line in problems)
    listed = storyweave("articles", "--db", str(db), "--json")
    assert sorted(json.loads(line)["id"] for line in listed.stdout.splitlines()) == ["good", "j1"]


def test_run_writes_articles_jsonl_and_a_second_run_adds_to_the_same_store(tmp_path: Path) -> None:
    db, out = tmp_path / "run.db", tmp_path / "out"
    first = storyweave("run", str(need(SAMPLES)), "--db", str(db), "--out", str(out))
    assert first.returncode == 0, first.stderr
    extra = tmp_path / "extra.txt"
    extra.write_text("Floods in the delta\n\n" + STORY, encoding="utf-8")
    second = storyweave("run", str(extra), "--db", str(db), "--out", str(out), "--json")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["stored"] == 1
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert len(records) == 6
    for record in records:
        assert {
            "id",
            "title",
            "text",
            "clean_text",
            "lang",
            "published",
            "published_source",
            "story_id",
        } <= set(record)


def test_stdin_is_read_as_an_article(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    result = storyweave(
        "ingest", "-", "--db", str(db), "--json", stdin="Floods in the delta\n\n" + STORY
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stored"] == 1
    listed = storyweave("articles", "--db", str(db), "--json")
    (record,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert record["title"] == "Floods in the delta"


def test_the_closing_line_counts_in_words_a_reader_expects(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Floods in the delta\n\n" + STORY, encoding="utf-8")
    out = tmp_path / "out"
    result = storyweave("run", str(article), "--db", str(tmp_path / "one.db"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"stored 1 article; wrote 1 story and 1 article to {out}" in result.stderr


def test_misuse_gives_one_clear_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    no_inputs = storyweave("ingest")
    assert no_inputs.returncode == 2
    no_store = storyweave("articles", "--db", str(tmp_path / "nothing.db"))
    assert no_store.returncode == 1
    assert "nothing.db: no such store" in no_store.stderr
    bad_setting = storyweave("ingest", "x.txt", "--db", str(tmp_path / "a.db"), "--workers", "0")
    assert bad_setting.returncode == 2
    not_a_store = tmp_path / "text.db"
    not_a_store.write_text("plain text, not a database " * 40)
    broken_store = storyweave("ingest", str(need(SAMPLES)), "--db", str(not_a_store))
    assert broken_store.returncode == 1
    assert "text.db: cannot open the store" in broken_store.stderr


def test_export_writes_each_format_and_refuses_misuse(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    shutil.copyfile(sample_db, db)
    out = tmp_path / "stories.csv"
    done = storyweave("export", "--db", str(db), "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "2 stories written" in done.stderr
    assert out.read_text(encoding="utf-8").startswith("id,headline,")
    assert out.stat().st_mode & 0o044, "an export is readable like any new file"
    to_stdout = storyweave("export", "--db", str(db))
    assert [json.loads(line)["id"] for line in to_stdout.stdout.splitlines()]
    wrong_format = storyweave("export", "--db", str(db), "--format", "pdf")
    assert wrong_format.returncode == 2 and "--format must be one of" in wrong_format.stderr
    unknown = storyweave("export", "--db", str(db), "--story", "nope")
    assert unknown.returncode == 1 and "no such stories: nope" in unknown.stderr


def test_serve_refuses_to_listen_beyond_loopback_without_a_token(tmp_path: Path) -> None:
    refused = storyweave("serve", "--db", str(tmp_path / "a.db"), "--host", "0.0.0.0")
    assert refused.returncode == 2
    assert "refusing to listen on 0.0.0.0 without a token" in refused.stderr


def test_serve_answers_and_stops_cleanly(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    shutil.copyfile(sample_db, db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "storyweave", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "did not start"
                time.sleep(0.1)
        assert health.json()["stories"] == 2
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "Aleppo" in page.text
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    # The server finishes its requests and closes the store, then ends as SIGTERM asked.
    assert "Application shutdown complete" in output
    assert server.returncode in (0, -signal.SIGTERM), output
