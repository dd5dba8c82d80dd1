"""Crash safety with a real process: kill -9 mid-ingest, run again, nothing lost or doubled."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DATA, need

ARTICLES = 5000
BATCH = 100


def real_articles() -> list[dict[str, str]]:
    """Real article texts from the development data, replayed under fresh ids up to 5,000."""
    texts = [
        json.loads(line)["text"]
        for line in need(DATA / "vlsp-abmusu" / "articles.jsonl").read_text().splitlines()
    ]
    for line in need(DATA / "semeval2022-dev" / "pairs.jsonl").read_text().splitlines():
        pair = json.loads(line)
        texts += [pair["text1"], pair["text2"]]
    return [
        {"id": f"crash-{n:05d}", "text": f"{texts[n % len(texts)]}\n\n(replay {n})"}
        for n in range(ARTICLES)
    ]


def stored_ids(db: Path) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(db, timeout=30) as connection:
        try:
            return [row[0] for row in connection.execute("SELECT id FROM articles")]
        except sqlite3.OperationalError as error:  # the first run has not created it yet
            assert "no such table" in str(error)
            return []


def processes_using(db: Path) -> list[int]:
    """Live processes whose command line names ``db`` (an orphaned worker would)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if str(db).encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def ingest_command(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "storyweave", "ingest", str(source), "--db", str(db), "--quiet"]


@pytest.mark.slow
def test_kill_minus_nine_during_ingest_loses_and_doubles_nothing(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in real_articles()))
    db = tmp_path / "crash.db"
    # Volume matters here, not clustering quality: a short text to embed keeps the run quick.
    env = {
        **os.environ,
        "STORYWEAVE_BATCH_SIZE": str(BATCH),
        "STORYWEAVE_WORKERS": "2",
        "STORYWEAVE_EMBEDDING_CHARS": "60",
    }
    chooser = random.Random(7)

    kills = 0
    for _attempt in range(6):
        before = len(stored_ids(db))
        process = subprocess.Popen(ingest_command(source, db), env=env)
        # Wait until this run has committed something new, then kill at a random moment.
        deadline = time.monotonic() + 120
        while len(stored_ids(db)) == before and process.poll() is None:
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        time.sleep(chooser.uniform(0.0, 1.5))
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        # Its worker processes die with it rather than linger as orphans.
        deadline = time.monotonic() + 10
        while processes_using(db) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes_using(db) == []
        ids = stored_ids(db)
        assert len(ids) == len(set(ids))
        # Each batch is one transaction: never a partial batch on disk.
        assert len(ids) % BATCH == 0, f"{len(ids)} rows is not a whole number of batches"

    assert kills >= 2, "the ingest finished before it could be killed twice"
    finished = subprocess.run(ingest_command(source, db), env=env, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    ids = stored_ids(db)
    assert len(ids) == ARTICLES
    assert len(set(ids)) == ARTICLES
