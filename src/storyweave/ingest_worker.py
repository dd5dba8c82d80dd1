"""A worker of the ingest log: reads articles from a Redis stream into the store of an engine.

The worker is one consumer of a consumer group (created at the start of the stream if missing).
It reads a batch (``XREADGROUP``, ``COUNT`` = the engine's batch size), hands the documents to
:meth:`Engine.add <storyweave.Engine.add>` (which returns once the store committed them), builds
the stories that changed, and only then acknowledges (``XACK``) exactly those entries. So:

- A worker killed after the commit but before the ``XACK`` leaves its entries pending; they are
  delivered again and the store reports them as ``exists``: nothing is lost, nothing doubled.
- Entries pending longer than ``reclaim_after`` (their consumer died, or their batch failed) are
  taken over with ``XAUTOCLAIM`` and processed again.
- A batch that raises is not acknowledged; its entries are tried once more one by one, and those
  that fail again stay pending for a later try (with ``until_empty``, after
  :data:`UNTIL_EMPTY_TRIES` tries the run ends with them pending). An entry that can never be
  stored (unreadable, or rejected by the cleaner with an input problem) is acknowledged and its
  problem reported, so that it does not come back forever.
- An entry delivered ``max_deliveries`` times that fails again while the store takes other
  entries (some entry was stored since it last failed here) is the entry's fault, not the
  store's: it is moved to the dead-letter stream ``STREAM:dead`` with the error and
  acknowledged, in one transaction. While the store refuses everything, nothing is parked.
- After each batch, the entries every group has acknowledged are trimmed from the stream (the
  store holds them), unless ``keep_acknowledged``.
- While Redis is unreachable (restart, network) every command is retried with back-off; an
  acknowledgement that could not be sent is sent once Redis is back.

Several workers may share one store: clustering stays one writer per store, because each batch
is clustered and written under the store's ``writer()`` lock, and a worker whose in-memory
indexes are older than the store's generation reloads them first (``Ingestor._finish`` in
:mod:`storyweave.pipeline`). What workers add in parallel is the reading, cleaning and analysis.

>>> from storyweave.ingest_log import connect
>>> with Engine(db="news.db") as engine:                          # doctest: +SKIP
...     LogWorker(engine, connect("redis://127.0.0.1:6379/0")).run(until_empty=True)
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import redis

from .engine import Engine
from .feed_state import format_duration
from .ingest_log import (
    DEFAULT_GROUP,
    DEFAULT_STREAM,
    FIRST_RETRY_DELAY,
    UNREACHABLE,
    LogUnavailable,
    dead_letter_stream,
    decode_entry,
    move_to_dead_letters,
    server_name,
    trim_acknowledged,
)
from .model import InputProblem, RawDocument
from .pipeline import IngestReport
from .stop_signals import on_stop_signals
from .stories.builder import BuildOptions

__all__ = ["LogWorker", "WorkerAbandoned", "WorkerReport", "stop_on_signals"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
Say = Callable[[str], None]
Entry = tuple[str, dict[bytes, bytes] | None]

#: Longest wait between two tries of an unreachable Redis, and after a failed batch.
MAX_RETRY_DELAY = 10.0
#: Tries of an entry that keeps failing before a worker told to stop when the group is empty
#: leaves it pending (for another worker, or a later run).
UNTIL_EMPTY_TRIES = 2
#: Deliveries of an entry that keeps failing before it is moved to the dead-letter stream.
MAX_DELIVERIES = 5


class WorkerAbandoned(BaseException):
    """Raised by the handler of :func:`stop_on_signals` at a second signal: the batch in
    progress is abandoned unacknowledged (a ``BaseException``, so no ``except Exception``
    swallows it)."""


class _Stopped(Exception):
    """Ends the run when a stop was requested while Redis could not be reached."""


class _BuildStopped(Exception):
    """Ends story building early when a stop is requested; the store knows what is left."""


@dataclass(slots=True)
class WorkerReport:
    """What a worker did: articles stored (and problems), entries acknowledged and taken over."""

    ingest: IngestReport = field(default_factory=IngestReport)
    acknowledged: int = 0
    reclaimed: int = 0
    built: int = 0
    #: Entries moved to the dead-letter stream, and acknowledged entries trimmed from the log.
    dead_lettered: int = 0
    trimmed: int = 0
    #: Entries whose processing raised, left pending for another try.
    failed: set[str] = field(default_factory=set)

    @property
    def partial(self) -> bool:
        return self.ingest.partial or bool(self.failed) or self.dead_lettered > 0


class LogWorker:
    """Consumes ``stream`` as ``consumer`` of ``group`` into the store of ``engine``.

    ``reclaim_after`` (seconds) is how long an entry stays pending with another consumer before
    this one takes it over; ``block`` how long one read waits for new entries;
    ``max_deliveries`` how often an entry may be delivered and fail before it is parked on the
    dead-letter stream; ``keep_acknowledged`` leaves acknowledged entries in the stream.
    """

    def __init__(
        self,
        engine: Engine,
        client: redis.Redis,
        *,
        stream: str = DEFAULT_STREAM,
        group: str = DEFAULT_GROUP,
        consumer: str | None = None,
        reclaim_after: float = 60.0,
        build_options: BuildOptions | None = None,
        block: float = 1.0,
        max_deliveries: int = MAX_DELIVERIES,
        keep_acknowledged: bool = False,
        on_problem: Say | None = None,
        on_notice: Say | None = None,
    ) -> None:
        if reclaim_after <= 0 or block <= 0 or max_deliveries < 1:
            raise ValueError("reclaim_after and block must be positive, max_deliveries >= 1")
        self.engine = engine
        self.client = client
        self.stream = stream
        self.group = group
        self.consumer = consumer or f"{socket.gethostname()}-{os.getpid()}"
        self.reclaim_after = reclaim_after
        self.max_deliveries = max_deliveries
        self.keep_acknowledged = keep_acknowledged
        self.report = WorkerReport()
        self._build_options = build_options
        self._batch = engine.settings.batch_size
        self._block_ms = max(1, round(block * 1000))
        self._problem = on_problem or logger.warning
        self._notice = on_notice or logger.info
        self._stop = threading.Event()
        self._claim_cursor = "0-0"
        self._failed_batches = 0
        self._pause = 0.0
        self._until_empty = False
        #: How often each entry failed in this run.
        self._tries: dict[str, int] = {}
        #: Successful stores in this run, and their number when each entry last failed.
        self._stores = 0
        self._stores_at_failure: dict[str, int] = {}
        #: The fields of the entries being handled, to park them as they were.
        self._fields: dict[str, dict[bytes, bytes]] = {}

    def stop(self) -> None:
        """Ask the worker to stop after the batch in progress (from a signal handler too)."""
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def run(self, until_empty: bool = False) -> WorkerReport:
        """Process entries until :meth:`stop` is called, or (``until_empty``) until the group
        has nothing left: no new entries and none pending but those that failed here."""
        self._until_empty = until_empty
        try:
            self._redis(self._create_group)
            self._handle_own_pending()
            while not self._stop.is_set():
                entries = self._reclaim() or self._read(">")
                if entries:
                    self._handle(entries)
                elif until_empty and self._nothing_left():
                    break
        except _Stopped:
            pass
        self._leave_group()
        return self.report

    def _create_group(self) -> None:
        try:
            self.client.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except redis.ResponseError as error:
            if not str(error).startswith("BUSYGROUP"):
                raise

    def _handle_own_pending(self) -> None:
        """Entries delivered to this consumer name before (a restart under the same name)."""
        after = "0-0"
        while not self._stop.is_set() and (entries := self._read(after)):
            self._handle(entries)
            after = entries[-1][0]

    def _read(self, after: str) -> list[Entry]:
        """New entries (``>``), or this consumer's pending ones after the id ``after``."""
        block = self._block_ms if after == ">" else None
        reply: Any = self._redis(
            lambda: self.client.xreadgroup(
                self.group, self.consumer, {self.stream: after}, count=self._batch, block=block
            )
        )
        if not reply:
            return []
        return [(_text(entry_id), fields) for entry_id, fields in reply[0][1]]

    def _reclaim(self) -> list[Entry]:
        """Entries idle longer than ``reclaim_after`` with any consumer, now this one's."""
        reply: Any = self._redis(
            lambda: self.client.xautoclaim(
                self.stream,
                self.group,
                self.consumer,
                min_idle_time=round(self.reclaim_after * 1000),
                start_id=self._claim_cursor,
                count=self._batch,
            )
        )
        self._claim_cursor = _text(reply[0])
        entries = [(_text(entry_id), fields) for entry_id, fields in reply[1]]
        if self._until_empty:
            # Entries that failed here again and again are left for another worker.
            entries = [e for e in entries if self._tries.get(e[0], 0) < UNTIL_EMPTY_TRIES]
        if entries:
            self.report.reclaimed += len(entries)
            self._notice(
                f"took over {len(entries)} entries pending for over"
                f" {format_duration(self.reclaim_after)}"
            )
        return entries

    def _nothing_left(self) -> bool:
        summary: Any = self._redis(lambda: self.client.xpending(self.stream, self.group))
        pending = int(summary["pending"])
        if pending == 0 or pending > len(self.report.failed):
            return pending == 0
        rows: Any = self._redis(
            lambda: self.client.xpending_range(self.stream, self.group, "-", "+", pending + 1)
        )
        return {_text(row["message_id"]) for row in rows} <= self.report.failed

    def _handle(self, entries: list[Entry]) -> None:
        """Store a batch of entries, then acknowledge those that are done with."""
        documents: list[tuple[str, RawDocument]] = []
        done: list[str] = []
        self._fields = {entry_id: fields or {} for entry_id, fields in entries}
        for entry_id, fields in entries:
            item = decode_entry(entry_id, fields, self.stream)
            if isinstance(item, InputProblem):
                self.report.ingest.problems.append(item)
                self._problem(f"{item}; acknowledged, not retried")
                done.append(entry_id)
            else:
                documents.append((entry_id, item))
        if documents:
            done += self._store_all(documents)
        if done:
            self._redis(lambda: self.client.xack(self.stream, self.group, *done))
            self.report.acknowledged += len(done)
            self.report.failed.difference_update(done)
        if not self.keep_acknowledged:
            self.report.trimmed += self._redis(lambda: trim_acknowledged(self.client, self.stream))
        if self._pause:
            # Whatever failed may fail again at once (a store that is down): give it time.
            self._stop.wait(self._pause)
            self._pause = 0.0

    def _store_all(self, documents: list[tuple[str, RawDocument]]) -> list[str]:
        """The entry ids stored; a batch that raises is tried again one entry at a time."""
        try:
            done = self._store(documents)
        except Exception as error:
            if len(documents) == 1:
                if not self._parked(documents[0][0], error):
                    self._failed(documents, error)
                return []
            self._problem(
                f"a batch of {len(documents)} entries failed ({type(error).__name__}: {error});"
                " trying them one by one"
            )
            done, failed = [], []
            for entry in documents:
                try:
                    done += self._store([entry])
                except Exception as single_error:
                    error = single_error
                    if not self._parked(entry[0], single_error):
                        failed.append(entry)
            if failed:
                self._failed(failed, error)
            return done
        self._failed_batches = 0
        return done

    def _store(self, documents: list[tuple[str, RawDocument]]) -> list[str]:
        """Add the documents (committed when ``add`` returns), then build changed stories."""
        batch = IngestReport()
        for assignment in self.engine.add([document for _entry, document in documents]):
            batch.count(assignment)
        ingest = self.report.ingest
        ingest.stored += batch.stored
        ingest.duplicates += batch.duplicates
        ingest.already_stored += batch.already_stored
        for item in batch.problems:
            ingest.problems.append(item)
            self._problem(f"{item}; acknowledged, not retried")
        self._notice(
            f"{len(documents)} entries: {batch.stored} stored, {batch.already_stored} already"
            f" stored, {len(batch.problems)} rejected"
        )
        self._stores += 1
        self.report.built += self._build()
        return [entry_id for entry_id, _document in documents]

    def _failed(self, documents: list[tuple[str, RawDocument]], error: Exception) -> None:
        """Leave entries pending for a later try; wait a little longer after each failure."""
        ids = [entry_id for entry_id, _document in documents]
        self.report.failed.update(ids)
        for entry_id in ids:
            self._tries[entry_id] = self._tries.get(entry_id, 0) + 1
        self._failed_batches = min(self._failed_batches + 1, 10)
        self._pause = min(MAX_RETRY_DELAY, self.reclaim_after, 2.0 ** (self._failed_batches - 1))
        self._problem(
            f"{len(ids)} entries not stored ({type(error).__name__}: {error}), first"
            f" {self.stream}#{ids[0]}; left pending, tried again after"
            f" {format_duration(self.reclaim_after)}"
        )

    def _parked(self, entry_id: str, error: Exception) -> bool:
        """Whether the entry that just failed alone was moved to the dead-letter stream: it
        was delivered ``max_deliveries`` times, and the store took other entries since it
        last failed here (or, if it had not, earlier in this run)."""
        store_works = self._stores > self._stores_at_failure.get(entry_id, 0)
        self._stores_at_failure[entry_id] = self._stores
        if not store_works or self._deliveries(entry_id) < self.max_deliveries:
            return False
        reason = f"{type(error).__name__}: {error}"
        parked = [(entry_id, self._fields[entry_id])]
        self._redis(
            lambda: move_to_dead_letters(self.client, self.stream, self.group, parked, reason)
        )
        self.report.dead_lettered += 1
        self.report.failed.discard(entry_id)
        self._problem(
            f"{self.stream}#{entry_id} failed on each of {self.max_deliveries} deliveries"
            f" ({reason}); moved to {dead_letter_stream(self.stream)}"
        )
        return True

    def _deliveries(self, entry_id: str) -> int:
        """How often the group has delivered the pending entry ``entry_id``."""
        rows: Any = self._redis(
            lambda: self.client.xpending_range(self.stream, self.group, entry_id, entry_id, 1)
        )
        return int(rows[0]["times_delivered"]) if rows else 0

    def _build(self) -> int:
        """Build the stories that changed; a stop request ends it early (the store knows which
        stories are left, and the next batch, here or in any worker, builds them)."""

        def stop_building(done: int, total: int) -> None:
            if self._stop.is_set():
                raise _BuildStopped

        try:
            return self.engine.build_stories(self._build_options, on_built=stop_building)
        except _BuildStopped:
            self._notice("story building stopped; the next batch resumes it")
            return 0

    def _redis(self, operation: Callable[[], T]) -> T:
        """``operation()``, retried with back-off while Redis cannot be reached (until a stop
        is requested), and after creating the group again if Redis lost it."""
        delay, failures = FIRST_RETRY_DELAY, 0
        server = server_name(self.client)
        while True:
            try:
                result = operation()
            except redis.ResponseError as error:
                if not str(error).startswith("NOGROUP"):
                    raise LogUnavailable(f"{server}: {error}") from None
                self._problem(f"{server}: the group {self.group!r} is gone; creating it again")
                self._create_group()
                continue
            except UNREACHABLE as error:
                failures += 1
                if failures == 1:
                    self._problem(f"{server}: unreachable ({error}); retrying with back-off")
                if self._stop.is_set():
                    raise _Stopped from None
                self._stop.wait(delay)
                delay = min(delay * 2, MAX_RETRY_DELAY)
                continue
            if failures:
                self._notice(f"{server}: reachable again after {failures} failed tries")
            return result

    def _leave_group(self) -> None:
        """Remove this consumer from the group when nothing is pending with it (names of
        stopped workers would pile up otherwise)."""
        try:
            mine: Any = self.client.xpending_range(
                self.stream, self.group, "-", "+", 1, consumername=self.consumer
            )
            if not mine:
                self.client.xgroup_delconsumer(self.stream, self.group, self.consumer)
        except (redis.RedisError, OSError):
            pass  # the name stays listed; harmless


@contextmanager
def stop_on_signals(worker: LogWorker) -> Iterator[None]:
    """Within the block, SIGTERM or SIGINT stops ``worker`` after the batch in progress; a
    second one abandons that batch (:class:`WorkerAbandoned`), unacknowledged. The previous
    handlers come back after."""

    def stop(signum: int) -> None:
        if worker.stop_requested:
            raise WorkerAbandoned(signal.Signals(signum).name)
        worker.stop()

    with on_stop_signals(stop):
        yield


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
