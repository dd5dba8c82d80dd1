"""Watching RSS/Atom feeds: poll each feed every interval and store each new entry's article once.

A poll sends the validators of the feed's last complete poll (``If-None-Match``,
``If-Modified-Since``); a 304 means nothing new. Otherwise the feed is parsed, the entries not
seen before (nor already in the store) have their article pages fetched, and the documents go
through the engine (cleaned, clustered, stored); only then is the feed's state written, so a
kill in between at worst re-offers entries that the store then recognises. Each cycle ends by
building the stories that changed. A feed that fails is retried with back-off
(:func:`~storyweave.feed_state.retry_delay`) while the others go on.

Under :func:`stop_on_signals`, SIGTERM or SIGINT stops the watcher: a download in progress is
abandoned, what was already fetched is stored, the state saved, and a restart resumes.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal, ParamSpec, TypeVar

from .engine import Engine
from .feed_fetch import FeedResponse, fetch_feed
from .feed_state import (
    MAX_ENTRY_ATTEMPTS,
    FeedState,
    format_duration,
    load_feed_state,
    retry_delay,
    save_feed_state,
)
from .ingest.feed import FeedEntry, entry_document, parse_feed
from .ingest.fetch import FetchError
from .model import InputProblem, RawDocument
from .stop_signals import on_stop_signals
from .stories.builder import BuildOptions

__all__ = [
    "CycleReport",
    "DownloadAbandoned",
    "FeedWatcher",
    "PollReport",
    "stop_on_signals",
]

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
Say = Callable[[str], None]

#: Codes of entry problems worth another try at the next poll (the page download failed).
_TRANSIENT = frozenset({"E005"})


class DownloadAbandoned(BaseException):
    """Raised by the signal handler of :func:`stop_on_signals` into a download in progress.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no library's ``except Exception``
    swallows it and passes a half-read page off as a finished one.
    """


@dataclass(slots=True)
class PollReport:
    """What one poll of one feed did, and when the feed is tried again after a failure."""

    url: str
    outcome: Literal["updated", "not-modified", "failed", "stopped"]
    stored: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    retry_in: float | None = None


@dataclass(slots=True)
class CycleReport:
    """The polls of one cycle and how many stories were built after them."""

    polls: list[PollReport] = field(default_factory=list)
    built: int = 0

    @property
    def stored(self) -> int:
        return sum(poll.stored for poll in self.polls)

    @property
    def failed(self) -> bool:
        """True when a feed could not be polled or an entry could not be read."""
        return any(poll.outcome == "failed" or poll.problems for poll in self.polls)


class _BuildStopped(Exception):
    """Ends story building early when a stop is requested; the store knows what is left."""


class FeedWatcher:
    """Polls feeds every ``interval`` seconds into the store of ``engine``.

    ``on_problem`` hears one line per failed feed or unreadable entry, ``on_notice`` one line
    per poll; ``clock`` gives Unix time (the schedule is kept in the store across restarts).

    >>> with Engine(db="news.db") as engine:                    # doctest: +SKIP
    ...     FeedWatcher(engine, ["https://example.org/feed.xml"], 600).poll_all()
    """

    def __init__(
        self,
        engine: Engine,
        feeds: Sequence[str],
        interval: float,
        *,
        build_options: BuildOptions | None = None,
        on_problem: Say | None = None,
        on_notice: Say | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if interval <= 0:
            raise ValueError("the polling interval must be positive")
        if not feeds:
            raise ValueError("no feeds to watch")
        self.engine = engine
        self.interval = interval
        #: True while a download runs that a stop signal may abandon.
        self.downloading = False
        self._build_options = build_options
        self._problem = on_problem or logger.warning
        self._notice = on_notice or logger.info
        self._clock = clock
        self._stop = threading.Event()
        self._states: dict[str, FeedState] = {}
        now = clock()
        for url in dict.fromkeys(feeds):
            state, unreadable = load_feed_state(engine.store, url)
            if unreadable is not None:
                self._problem(f"{url}: stored watch state ignored ({unreadable})")
            # A restart with a shorter interval does not wait out the longer one.
            wait = retry_delay(interval, state.failures) if state.failures else interval
            state.next_poll = min(state.next_poll, now + wait)
            self._states[url] = state

    def stop(self) -> None:
        """Ask the watcher to stop (from a signal handler or another thread)."""
        self._stop.set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def state(self, url: str) -> FeedState:
        """What the watcher remembers about the feed at ``url``."""
        return self._states[url]

    def run(self) -> None:
        """Poll each feed whenever it is due, until :meth:`stop` is called."""
        while not self._stop.is_set():
            self.poll_due()
            self._stop.wait(self.seconds_until_due())

    def poll_all(self) -> CycleReport:
        """Poll every feed now (whatever its schedule), then build the stories that changed."""
        return self._cycle(list(self._states.values()))

    def poll_due(self) -> CycleReport:
        """Poll the feeds whose time has come, then build the stories that changed."""
        now = self._clock()
        return self._cycle([s for s in self._states.values() if s.next_poll <= now])

    def seconds_until_due(self) -> float:
        """Seconds until the next feed is due (0 when one is due now)."""
        soonest = min(state.next_poll for state in self._states.values())
        return max(0.0, soonest - self._clock())

    def _cycle(self, due: list[FeedState]) -> CycleReport:
        report = CycleReport()
        for state in due:
            if self._stop.is_set():
                break
            report.polls.append(self._poll(state))
        # Stories left unbuilt by an earlier, interrupted cycle are built here too.
        if report.polls and not self._stop.is_set():
            report.built = self._build()
        return report

    def _poll(self, state: FeedState) -> PollReport:
        url, settings = state.url, self.engine.settings
        started = self._clock()
        try:
            response = self._download(fetch_feed, url, settings, state.etag, state.last_modified)
        except FetchError as error:
            return self._failed(state, error.to_problem(url))
        except DownloadAbandoned:
            return PollReport(url, "stopped")
        if self._stop.is_set():
            # The download overlapped a stop request: leave the feed as it was.
            return PollReport(url, "stopped")
        if response.content is None:
            self._succeeded(state, started, response, complete=True)
            save_feed_state(self.engine.store, state)
            self._notice(f"{url}: not modified")
            return PollReport(url, "not-modified")
        entries = parse_feed(response.content, url)
        if isinstance(entries, InputProblem):
            return self._failed(state, entries)
        return self._take(state, entries, response, started)

    def _take(
        self, state: FeedState, entries: list[FeedEntry], response: FeedResponse, started: float
    ) -> PollReport:
        """Fetch, store and remember the entries of a fetched feed not handled before."""
        report = PollReport(state.url, "updated")
        keep = 2 * len(entries)
        fresh = [entry for entry in entries if entry.key not in state.seen]
        # Entries that left the feed while waiting for another try are not tried again.
        waiting = {entry.key for entry in fresh}
        state.attempts = {key: n for key, n in state.attempts.items() if key in waiting}
        # Entries stored by a poll whose state was never written: no need to fetch them again.
        stored = self.engine.store.existing_ids(entry.key for entry in fresh)
        state.remember((entry.key for entry in fresh if entry.key in stored), keep)
        to_fetch = [entry for entry in fresh if entry.key not in stored]
        documents, key_of, fetched = self._fetch_entries(state, to_fetch, report, keep)
        if documents:
            for assignment in self.engine.add(documents):
                if assignment.problem is not None:
                    report.problems.append(assignment.problem)
                    self._problem(str(assignment.problem))
                elif assignment.outcome in ("stored", "duplicate"):
                    report.stored += 1
                state.remember([key_of[assignment.origin]], keep)
        complete = fetched == len(to_fetch) and not state.attempts
        self._succeeded(state, started, response, complete=complete)
        if report.outcome == "stopped":
            # What is left is due as soon as the watcher runs again.
            state.next_poll = started
            left = len(to_fetch) - fetched
            self._notice(
                f"{state.url}: stopped after {report.stored} new; {left} left for the next run"
            )
        else:
            self._notice(f"{state.url}: {report.stored or 'nothing'} new")
        save_feed_state(self.engine.store, state)
        return report

    def _fetch_entries(
        self, state: FeedState, entries: list[FeedEntry], report: PollReport, keep: int
    ) -> tuple[list[RawDocument], dict[str, str], int]:
        """The documents of ``entries`` (article pages fetched) until a stop request, with the
        entry key of each document's origin, and how many entries were dealt with."""
        documents: list[RawDocument] = []
        key_of: dict[str, str] = {}
        for done, entry in enumerate(entries):
            origin = f"{state.url}#{entry.number}"
            try:
                if self._stop.is_set():
                    raise DownloadAbandoned
                item = self._download(
                    entry_document,
                    entry,
                    origin,
                    self.engine.settings,
                    feed=state.url,
                    fetch_page=True,
                )
                if self._stop.is_set():
                    # A page read while a stop was requested may be cut short: not trusted.
                    raise DownloadAbandoned
            except DownloadAbandoned:
                report.outcome = "stopped"
                return documents, key_of, done
            if isinstance(item, InputProblem):
                report.problems.append(item)
                self._entry_failed(state, entry.key, item, keep)
            else:
                documents.append(item)
                key_of[origin] = entry.key
        return documents, key_of, len(entries)

    def _entry_failed(self, state: FeedState, key: str, item: InputProblem, keep: int) -> None:
        """Report an entry that could not be read: tried again at the next poll while its page
        download fails, at most :data:`MAX_ENTRY_ATTEMPTS` times; else remembered as handled."""
        attempts = state.attempts.get(key, 0) + 1
        if item.code in _TRANSIENT and attempts < MAX_ENTRY_ATTEMPTS:
            state.attempts[key] = attempts
            self._problem(f"{item}; tried {attempts} of {MAX_ENTRY_ATTEMPTS} times")
            return
        state.remember([key], keep)
        self._problem(f"{item}; entry skipped")

    def _succeeded(
        self, state: FeedState, started: float, response: FeedResponse, complete: bool
    ) -> None:
        """Record a poll that reached the feed. Validators are kept only when every entry was
        handled, so that a 304 never hides an entry still to be fetched."""
        if state.failures:
            self._notice(f"{state.url}: reachable again after {state.failures} failed polls")
        state.failures = 0
        state.last_error = None
        state.next_poll = started + self.interval
        if complete:
            state.etag = response.etag or state.etag
            state.last_modified = response.last_modified or state.last_modified
        else:
            state.etag = state.last_modified = None

    def _failed(self, state: FeedState, problem: InputProblem) -> PollReport:
        state.failures += 1
        delay = retry_delay(self.interval, state.failures)
        state.next_poll = self._clock() + delay
        state.last_error = f"{problem.reason} [{problem.code}]"
        save_feed_state(self.engine.store, state)
        self._problem(
            f"{problem}; next try in {format_duration(delay)} (failure {state.failures} in a row)"
        )
        return PollReport(state.url, "failed", problems=[problem], retry_in=delay)

    def _download(self, fetcher: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fetcher`` as a download that a stop signal may abandon."""
        self.downloading = True
        try:
            return fetcher(*args, **kwargs)
        finally:
            self.downloading = False

    def _build(self) -> int:
        def stop_building(done: int, total: int) -> None:
            if self._stop.is_set():
                raise _BuildStopped

        try:
            built = self.engine.build_stories(self._build_options, on_built=stop_building)
        except _BuildStopped:
            self._notice("story building stopped; the next run resumes it")
            return 0
        if built:
            self._notice(f"built {built} stories")
        return built


@contextmanager
def stop_on_signals(watcher: FeedWatcher) -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT stop ``watcher``: a download in progress is
    abandoned; storing and state writes finish first. The previous handlers come back after."""

    def stop(signum: int) -> None:
        watcher.stop()
        if watcher.downloading:
            watcher.downloading = False
            raise DownloadAbandoned(signal.Signals(signum).name)

    with on_stop_signals(stop):
        yield
