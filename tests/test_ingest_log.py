"""The durable ingest log with a real Redis: enqueue, workers, kills, restarts, repeats."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from storyweave import Engine
from storyweave.config import Settings
from storyweave.engine import ArticleLike
from storyweave.ingest_log import connect, dead_letter_stream, decode_entry, enqueue
from storyweave.ingest_worker import LogWorker, WorkerReport
from storyweave.model import RawDocument
from storyweave.pipeline import Assignment
from storyweave.store import StoreError

from .conftest import SAMPLES, need
from .redis_server import RedisServer, running_redis

GROUP = "storyweave"


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with running_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def stream(request: pytest.FixtureRequest) -> str:
    """A stream of its own for each test."""
    return f"test:{request.node.name}"


def settings_for(db: Path, stream: str, url: str) -> Settings:
    return Settings().replace(db=db, workers=1, stream=stream, redis_url=url)


def run_worker(settings: Settings, consumer: str | None = None) -> WorkerReport:
    """A worker in this process until the group has nothing left."""
    with Engine(settings=settings) as engine, connect(settings.redis_url) as client:
        worker = LogWorker(engine, client, stream=settings.stream, consumer=consumer, block=0.2)
        return worker.run(until_empty=True)


PLACES = ["Hue", "Lyon", "Quito", "Dakar", "Perth", "Oslo", "Cusco", "Accra", "Hanoi", "Leeds"]
WORKS = ["bridge", "library", "tram line", "harbour wall", "school", "market hall", "dam"]


def local_news(path: Path, count: int = 10) -> list[str]:
    """``count`` (at most ten) short articles on different events as a JSONL file; return their
    ids. Short, so that stories build quickly: these tests are about delivery, not stories."""
    lines, ids = [], []
    for number, place in enumerate(PLACES[:count]):
        work = WORKS[number % len(WORKS)]
        text = (
            f"{place} opens its new {work}\n\n"
            f"The council of {place} opened the new {work} on Monday after {number + 2} years"
            f" of work. Mayor Ana {place}sen said {(number + 3) * 1000} people would use it"
            " every week, and that the next project would start in spring."
        )
        ids.append(f"news-{number}")
        lines.append(json.dumps({"id": ids[-1], "text": text, "published": "2024-05-06"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def queued_news(
    server: RedisServer, stream: str, folder: Path, count: int
) -> tuple[redis.Redis, Settings]:
    """:func:`local_news` put on ``stream``; a client, and the settings of a store in ``folder``."""
    local_news(folder / "articles.jsonl", count)
    client = server.client()
    settings = settings_for(folder / "store.db", stream, server.url)
    enqueue([str(folder / "articles.jsonl")], settings, client, stream)
    return client, settings


def stored_ids(db: str | Path) -> list[str]:
    if not Path(db).exists():
        return []
    with sqlite3.connect(db, timeout=30) as connection:
        try:
            return [row[0] for row in connection.execute("SELECT id FROM articles")]
        except sqlite3.OperationalError:  # the worker has not created the tables yet
            return []


def pending_article_ids(client: redis.Redis, stream: str) -> set[str]:
    """The article ids of the entries delivered but not acknowledged."""
    rows: Any = client.xpending_range(stream, GROUP, "-", "+", 10_000)
    found = set()
    for row in rows:
        entry_id = row["message_id"]
        entries: Any = client.xrange(stream, entry_id, entry_id)
        found.add(entries[0][1][b"id"].decode())
    return found


def assert_nothing_pending(client: redis.Redis, stream: str) -> None:
    [group] = client.xinfo_groups(stream)
    assert group["pending"] == 0
    assert group["lag"] == 0, "entries never delivered to the group"


def worker_command(db: str | Path, url: str, stream: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "storyweave", "worker", "--db", str(db), "--redis", url,
        "--stream", stream, "--workers", "1", *extra,
    ]  # fmt: skip


def wait_for(condition: Callable[[], object], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def test_enqueued_sample_becomes_the_stories_of_run(
    redis_server: RedisServer, stream: str, tmp_path: Path, sample_db: Path
) -> None:
    command = [sys.executable, "-m", "storyweave", "enqueue", str(need(SAMPLES))]
    command += ["--redis", redis_server.url, "--stream", stream]
    enqueued = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert enqueued.returncode == 0, enqueued.stderr
    assert f"enqueued 5 articles on {stream}" in enqueued.stderr

    settings = settings_for(tmp_path / "worker.db", stream, redis_server.url)
    report = run_worker(settings)
    assert (report.ingest.stored, report.acknowledged, report.partial) == (5, 5, False)

    def stories(db: str | Path) -> list[tuple[str, list[str], str | None]]:
        with Engine(db=db) as engine:
            return [(s.id, s.article_ids, s.headline) for s in engine.stories()]

    by_worker, by_run = stories(settings.db), stories(sample_db)
    assert len(by_run) == 2
    assert by_worker == by_run
    assert_nothing_pending(redis_server.client(), stream)


def test_worker_killed_between_commit_and_ack_is_taken_over(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    ids = local_news(tmp_path / "articles.jsonl")
    client = redis_server.client()
    settings = settings_for(tmp_path / "kill.db", stream, redis_server.url)
    assert enqueue([str(tmp_path / "articles.jsonl")], settings, client, stream).enqueued == 10
    env = {**os.environ, "STORYWEAVE_BATCH_SIZE": "5"}

    doomed = subprocess.Popen(
        worker_command(settings.db, redis_server.url, stream, "--consumer", "doomed", "-q"),
        env=env,
        stderr=subprocess.DEVNULL,
    )
    # Its first batch is committed; story building and the XACK come after: kill it there.
    wait_for(lambda: stored_ids(settings.db) or doomed.poll() is not None, "a first commit")
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    assert doomed.returncode == -signal.SIGKILL
    committed = set(stored_ids(settings.db))
    assert committed & pending_article_ids(client, stream), "not killed between commit and ack"

    command = worker_command(settings.db, redis_server.url, stream, "--until-empty")
    command += ["--reclaim-after", "0.5s", "--consumer", "finisher"]
    finisher = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finisher.returncode == 0, finisher.stderr
    assert "took over" in finisher.stderr
    assert f"{len(committed)} already stored" in finisher.stderr
    stored = stored_ids(settings.db)
    assert sorted(stored) == sorted(ids), "an article lost or stored twice"
    assert_nothing_pending(client, stream)
    consumers = {c["name"] for c in client.xinfo_consumers(stream, GROUP)}
    assert consumers == {b"doomed"}, "the finisher leaves the group; the dead worker stays listed"


def test_worker_rides_out_a_redis_restart(tmp_path: Path) -> None:
    stream = "restart"
    with running_redis(tmp_path / "redis-data") as server:
        ids = local_news(tmp_path / "articles.jsonl")
        settings = settings_for(tmp_path / "restart.db", stream, server.url)
        with server.client() as client:
            enqueue([str(tmp_path / "articles.jsonl")], settings, client, stream)
        log = tmp_path / "worker.log"
        with log.open("w") as errors:
            worker = subprocess.Popen(
                worker_command(
                    settings.db, server.url, stream, "--until-empty", "--reclaim-after", "2s"
                ),
                env={**os.environ, "STORYWEAVE_BATCH_SIZE": "5"},
                stderr=errors,
            )
            try:
                wait_for(lambda: stored_ids(settings.db) or worker.poll() is not None, "a commit")
                server.stop()
                assert worker.poll() is None, "the worker finished before Redis went down"
                wait_for(
                    lambda: "unreachable" in log.read_text() or worker.poll() is not None,
                    "the worker to notice",
                )
                server.start()
                assert worker.wait(timeout=120) == 0, log.read_text()
            finally:
                if worker.poll() is None:
                    worker.kill()
        assert "reachable again" in log.read_text()
        assert sorted(stored_ids(settings.db)) == sorted(ids)
        assert_nothing_pending(server.client(), stream)


def test_enqueueing_twice_stores_once_and_bad_entries_do_not_loop(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    ids = local_news(tmp_path / "articles.jsonl")
    inputs = [str(tmp_path / "articles.jsonl")]
    client = redis_server.client()
    settings = settings_for(tmp_path / "twice.db", stream, redis_server.url)
    for _time in range(2):
        assert enqueue(inputs, settings, client, stream).enqueued == 10
    client.xadd(stream, {"v": "1", "id": "broken", "article": "{not json"})
    first = run_worker(settings)
    assert (first.ingest.stored, first.ingest.already_stored) == (10, 10)
    assert [p.code for p in first.ingest.problems] == ["E105"], "acknowledged, reported once"
    assert (first.acknowledged, first.failed) == (21, set())

    enqueue(inputs, settings, client, stream)
    again = run_worker(settings, consumer="again")
    assert (again.ingest.stored, again.ingest.already_stored, again.partial) == (0, 10, False)
    assert sorted(stored_ids(settings.db)) == sorted(ids)
    assert_nothing_pending(client, stream)


def test_a_stop_finishes_the_batch_in_progress_and_leaves_the_rest_queued(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    local_news(tmp_path / "articles.jsonl")
    client = redis_server.client()
    settings = settings_for(tmp_path / "stop.db", stream, redis_server.url).replace(batch_size=4)
    enqueue([str(tmp_path / "articles.jsonl")], settings, client, stream)
    with Engine(settings=settings) as engine:
        notices: list[str] = []

        def hear(message: str) -> None:  # a stop request while the first batch is stored
            notices.append(message)
            worker.stop()

        worker = LogWorker(engine, client, stream=stream, block=0.2, on_notice=hear)
        report = worker.run()
    assert (report.ingest.stored, report.acknowledged) == (4, 4)
    assert "story building stopped; the next batch resumes it" in notices
    assert len(stored_ids(settings.db)) == 4
    [group] = client.xinfo_groups(stream)
    assert (group["pending"], group["lag"]) == (0, 6)
    assert client.xinfo_consumers(stream, GROUP) == [], "a stopped worker leaves the group"


class FlakyStoreEngine(Engine):
    """An engine whose store fails whenever a batch holds the article ``news-3``."""

    def add(self, articles: Iterable[ArticleLike]) -> list[Assignment]:
        documents = list(articles)
        if any(isinstance(d, RawDocument) and d.id == "news-3" for d in documents):
            raise StoreError("disk I/O error")
        return super().add(documents)


def test_a_failing_entry_stays_pending_and_the_rest_of_its_batch_is_stored(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    client, settings = queued_news(redis_server, stream, tmp_path, count=5)
    problems: list[str] = []
    with FlakyStoreEngine(settings=settings) as engine:
        worker = LogWorker(
            engine, client, stream=stream, block=0.2, reclaim_after=0.2, on_problem=problems.append
        )
        report = worker.run(until_empty=True)
    assert report.ingest.stored == 4
    assert report.reclaimed >= 1, "the failed entry was tried again"
    assert report.partial and len(report.failed) == 1
    assert sorted(stored_ids(settings.db)) == ["news-0", "news-1", "news-2", "news-4"]
    assert pending_article_ids(client, stream) == {"news-3"}
    assert any("disk I/O error" in line and "left pending" in line for line in problems)


def test_an_entry_that_keeps_failing_is_parked_with_its_reason_and_can_be_queued_again(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    client, settings = queued_news(redis_server, stream, tmp_path, count=5)
    problems: list[str] = []

    def hear(message: str) -> None:
        problems.append(message)
        if "moved to" in message:
            worker.stop()

    with FlakyStoreEngine(settings=settings) as engine:
        worker = LogWorker(
            engine, client, stream=stream, block=0.2, reclaim_after=0.2, max_deliveries=2,
            on_problem=hear,
        )  # fmt: skip
        give_up = threading.Timer(60, worker.stop)
        give_up.start()
        report = worker.run()  # new entries and reclaims, until the entry is parked
        give_up.cancel()
    assert (report.ingest.stored, report.dead_lettered, report.failed) == (4, 1, set()), problems
    assert report.partial, "a parked entry is not stored: the run is partial"
    assert_nothing_pending(client, stream)
    assert any("moved to" in line and "disk I/O error" in line for line in problems)

    [(parked_id, fields)] = client.xrange(dead_letter_stream(stream))
    assert fields[b"dead_reason"] == b"StoreError: disk I/O error"
    assert fields[b"dead_group"] == GROUP.encode()
    assert fields[b"dead_from"].decode().startswith(f"{stream}#")
    document = decode_entry(parked_id.decode(), fields, stream)
    assert isinstance(document, RawDocument) and document.id == "news-3"

    # Once the fault is mended, the parked entry is put back on the log as it was and stored.
    client.xadd(stream, {k: v for k, v in fields.items() if not k.startswith(b"dead_")})
    again = run_worker(settings, consumer="mended")
    assert (again.ingest.stored, again.partial) == (1, False)
    assert sorted(stored_ids(settings.db)) == [f"news-{n}" for n in range(5)]


class DownStoreEngine(Engine):
    """An engine whose store refuses every batch."""

    def add(self, articles: Iterable[ArticleLike]) -> list[Assignment]:
        raise StoreError("database is locked")


def test_while_the_store_refuses_everything_nothing_is_parked(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    client, settings = queued_news(redis_server, stream, tmp_path, count=3)
    with DownStoreEngine(settings=settings) as engine:
        worker = LogWorker(
            engine, client, stream=stream, block=0.2, reclaim_after=0.2, max_deliveries=1
        )
        report = worker.run(until_empty=True)
    assert (report.dead_lettered, len(report.failed)) == (0, 3)
    assert pending_article_ids(client, stream) == {"news-0", "news-1", "news-2"}
    assert client.xlen(dead_letter_stream(stream)) == 0


def test_acknowledged_entries_leave_the_stream_unless_a_group_still_needs_them(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    client, settings = queued_news(redis_server, stream, tmp_path, count=5)
    with FlakyStoreEngine(settings=settings) as engine:
        worker = LogWorker(
            engine, client, stream=stream, consumer="flaky", block=0.2, reclaim_after=0.2
        )
        worker.run(until_empty=True)
    # news-3 is still pending: it stays, with what came after it; what came before is gone.
    remaining = [fields[b"id"] for _entry, fields in client.xrange(stream)]
    assert remaining == [b"news-3", b"news-4"]
    assert pending_article_ids(client, stream) == {"news-3"}

    run_worker(settings, consumer="flaky")  # the same consumer, mended, takes up its entry
    assert client.xlen(stream) == 0
    assert_nothing_pending(client, stream)

    # A second group that has not read the log yet keeps every entry in it.
    other = f"{stream}:other"
    enqueue([str(tmp_path / "articles.jsonl")], settings, client, other)
    client.xgroup_create(other, "archive", id="0")
    run_worker(settings.replace(stream=other), consumer="first-group")
    assert client.xlen(other) == 5


def test_the_worker_command_keeps_acknowledged_entries_when_told(
    redis_server: RedisServer, stream: str, tmp_path: Path
) -> None:
    client, settings = queued_news(redis_server, stream, tmp_path, count=3)
    command = worker_command(settings.db, redis_server.url, stream, "--until-empty", "--keep-log")
    subprocess.run(command, check=True, timeout=300, capture_output=True)
    assert sorted(stored_ids(settings.db)) == ["news-0", "news-1", "news-2"]
    assert_nothing_pending(client, stream)
    assert client.xlen(stream) == 3
