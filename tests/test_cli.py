"""The `storyweave` command as a user runs it: real processes, real files, real store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
