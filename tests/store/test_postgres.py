"""What the PostgreSQL store adds to the contract: URLs, migrations, the writer lock across
connections, PostgreSQL's limits, and the engine running over it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from storyweave import Engine
from storyweave.store import StoreError, open_store
from storyweave.store.base import BatchWrite
from storyweave.store.postgres import PostgresStore
from tests.conftest import DATA, SAMPLES, need, read_records
from tests.store.postgres_server import PostgresServer
from tests.store.test_contract import add, make_article


def test_an_unreachable_server_is_a_clear_error_that_hides_the_password() -> None:
    with pytest.raises(StoreError, match="cannot open the store") as raised:
        open_store("postgresql://reader:s3cret@127.0.0.1:1/news")
    assert "postgresql://reader:***@127.0.0.1:1/news" in str(raised.value)
    assert "s3cret" not in str(raised.value)
    with pytest.raises(StoreError, match=r"news\?password=\*\*\*&connect_timeout=1") as raised:
        open_store("postgresql://reader@127.0.0.1:1/news?password=s3cret&connect_timeout=1")
    assert "s3cret" not in str(raised.value)


def test_both_url_schemes_open_a_postgres_store(postgres_url: str) -> None:
    store = open_store(postgres_url)
    assert isinstance(store, PostgresStore) and store.url == postgres_url
    store.close()
    short = open_store(postgres_url.replace("postgresql://", "postgres://", 1))
    assert short.count_articles() == 0
    short.close()


def test_migrations_are_applied_once_and_recorded(postgres_url: str) -> None:
    first = open_store(postgres_url)
    add(first, [make_article("a")], [None])
    second = open_store(postgres_url)  # the schema is current: nothing is applied again
    assert second.count_articles() == 1
    first.close()
    second.close()
    with psycopg.connect(postgres_url) as db:
        rows = db.execute("SELECT version, name FROM storyweave_migrations ORDER BY version")
        versions = [(version, name.split("_", 1)[0]) for version, name in rows]
    assert versions == [(v, f"{v:04d}") for v in range(1, len(versions) + 1)]
    assert len(versions) >= 4


def test_writers_take_turns_across_connections_and_threads(postgres_url: str) -> None:
    first, second = open_store(postgres_url), open_store(postgres_url)
    assert isinstance(first, PostgresStore) and isinstance(second, PostgresStore)
    order: list[str] = []

    def write(store: PostgresStore, name: str) -> None:
        with store.writer():
            order.append(f"{name} in")
            time.sleep(0.2)
            order.append(f"{name} out")

    others = [
        threading.Thread(target=write, args=(second, "other store")),
        threading.Thread(target=write, args=(first, "other thread")),
    ]
    with first.writer():
        for thread in others:
            thread.start()
        time.sleep(0.3)
        assert order == [], "nobody else writes while the lock is held"
    for thread in others:
        thread.join(timeout=10)
    one, other = order[0][: -len(" in")], order[2][: -len(" in")]
    assert {one, other} == {"other store", "other thread"}
    assert order == [f"{one} in", f"{one} out", f"{other} in", f"{other} out"]
    first.close()
    second.close()


def test_nul_characters_are_stored_as_replacement_characters(postgres_url: str) -> None:
    store = open_store(postgres_url)
    article = make_article("a", text="Body\x00 text.")
    article.metadata = {"raw": "a\x00b"}
    add(store, [article], [None])
    stored = store.article("a")
    assert stored is not None
    assert stored.clean_text == "Body\ufffd text." and stored.metadata == {"raw": "a\x00b"}
    store.close()


def test_a_very_long_article_is_stored_and_found(postgres_url: str) -> None:
    # Far over PostgreSQL's 1 MiB of lexemes and 16,383 positions per tsvector.
    words = [f"w{number:07d}x" for number in range(150_000)]
    store = open_store(postgres_url)
    add(store, [make_article("long", text="Opening words. " + " ".join(words))], [None])
    assert [i for i, _ in store.search_articles("opening words", 5)] == ["long"]
    assert [i for i, _ in store.search_articles(words[10], 5)] == ["long"]
    store.close()


def test_an_engine_over_postgres_builds_the_sample_stories_as_over_sqlite(
    postgres_url: str, sample_db: Path
) -> None:
    with Engine(db=sample_db) as engine:
        expected = {tuple(story.article_ids): story.headline for story in engine.stories()}
    with Engine(db=postgres_url) as engine:
        assert isinstance(engine.store, PostgresStore)
        report = engine.ingest([str(need(SAMPLES))])
        assert report.stored == 5
        engine.build_stories()
        stories = {tuple(story.article_ids): story.headline for story in engine.stories()}
        assert len(stories) == 2
        assert stories == expected
        assert engine.store.stories_to_build("en") == []
        (hit, _score), *_ = engine.store.search_stories("Aleppo", 5)
        assert hit in {story.id for story in engine.stories()}


def test_a_failed_batch_leaves_the_connection_usable(postgres_url: str) -> None:
    store = open_store(postgres_url)
    add(store, [make_article("a")], [None])
    with pytest.raises(StoreError, match="duplicate key"):
        store.write_batch(BatchWrite(articles=[make_article("a")], minhashes=[None]))
    add(store, [make_article("b")], [None])
    assert store.existing_ids(["a", "b"]) == {"a", "b"}
    store.close()


def test_the_command_line_reads_a_postgres_store(postgres_url: str) -> None:
    ingest = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyweave",
            "ingest",
            str(need(SAMPLES)),
            "--db",
            postgres_url,
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    assert ingest.returncode == 0, ingest.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "storyweave", "stories", "--db", postgres_url, "--json"],
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    sizes = sorted(len(json.loads(line)["article_ids"]) for line in listed.stdout.splitlines())
    assert sizes == [1, 4]


def test_an_ingest_survives_a_server_restart(
    postgres_server: PostgresServer, postgres_url: str, tmp_path: Path
) -> None:
    """The server goes down (as in a crash) mid-run and comes back: the run waits for it and
    finishes, every article stored once and in a story."""
    articles = [
        {"id": f"a{n}", "text": f"{record['text']}\n\n(copy {n})"}
        for n, record in enumerate(read_records(need(DATA / "vlsp-abmusu") / "articles.jsonl")[:80])
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))
    env = {**os.environ, "STORYWEAVE_BATCH_SIZE": "10", "STORYWEAVE_WORKERS": "1"}
    command = [sys.executable, "-m", "storyweave", "ingest", str(source), "--db", postgres_url]
    process = subprocess.Popen([*command, "-q"], env=env, stderr=subprocess.PIPE, text=True)

    def stored() -> list[str]:
        with psycopg.connect(postgres_url, connect_timeout=5) as db:
            try:
                return [row[0] for row in db.execute("SELECT id FROM articles")]
            except psycopg.errors.UndefinedTable:  # the run has not created its tables yet
                return []

    deadline = time.monotonic() + 120
    while not stored():
        assert process.poll() is None and time.monotonic() < deadline, "no first commit"
        time.sleep(0.1)
    postgres_server.restart(down_seconds=2.0)
    _, errors = process.communicate(timeout=300)
    assert process.returncode == 0, errors
    ids = stored()
    assert sorted(ids) == sorted(a["id"] for a in articles)
    with psycopg.connect(postgres_url) as db:
        unplaced = db.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()
    assert unplaced == (0,)
