"""Feed watching against a real local HTTP server: conditional polls, back-off, restarts."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.message import Message
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

import pytest
from typer.testing import CliRunner

from storyweave.cli import app
from storyweave.config import Settings
from storyweave.engine import Engine
from storyweave.feed_state import (
    FeedState,
    load_feed_state,
    parse_interval,
    retry_delay,
    save_feed_state,
)
from storyweave.watch import FeedWatcher

# Written for these tests: six short reports on unrelated events in one region.
STORIES = [
    (
        "harbour-strike",
        "Dock workers end three-day strike at Port Kellan",
        [
            "Dock workers at Port Kellan returned to work on Tuesday after union leaders accepted"
            " a revised pay offer, ending a three-day strike that left more than forty ships"
            " waiting at anchor outside the harbour.",
            "The agreement raises basic pay by six percent this year and adds a night-shift"
            " allowance, the union said in a statement read to members at the main gate.",
            "Shipping agents warned that clearing the backlog of containers could take until the"
            " end of next week, and several retailers said deliveries would arrive late.",
        ],
    ),
    (
        "river-flood",
        "Flood warnings issued along the Marren river",
        [
            "The regional weather office issued flood warnings for eleven towns along the Marren"
            " river on Wednesday after two days of heavy rain swelled its upper tributaries.",
            "Emergency crews filled sandbags in the market square of Holloway, where the river"
            " burst its banks four years ago and damaged more than two hundred homes.",
            "Forecasters expect the water to peak on Thursday night and said residents of"
            " low-lying streets should move cars and valuables to higher ground.",
        ],
    ),
    (
        "rail-line",
        "New rail link between Ostrow and Bellam opens to passengers",
        [
            "The first passenger train on the new rail link between Ostrow and Bellam left on"
            " schedule on Monday morning, cutting the journey between the two cities to fifty"
            " minutes.",
            "The line took six years to build and cost about 1.2 billion, according to the"
            " transport ministry, which said twenty trains a day would run in each direction.",
            "Commuters on the opening service praised the quiet carriages but complained that"
            " the station car park at Bellam was already full before seven o'clock.",
        ],
    ),
    (
        "school-meals",
        "City council approves free school meals for primary pupils",
        [
            "The city council of Ostrow voted on Thursday to provide free lunches to every"
            " primary school pupil from September, a measure that will reach about 38,000"
            " children.",
            "Councillors approved the plan by thirty-one votes to nine after a debate that lasted"
            " most of the afternoon, with opponents questioning how it would be paid for.",
            "Head teachers welcomed the decision and said kitchens at several schools would need"
            " new equipment before the start of the autumn term.",
        ],
    ),
    (
        "museum-theft",
        "Police recover paintings stolen from Holloway museum",
        [
            "Police said on Friday that they had recovered four paintings stolen from the"
            " Holloway town museum last month, found wrapped in blankets in a rented garage.",
            "Two men aged 34 and 41 were arrested and will appear before magistrates next week,"
            " a police spokeswoman said, adding that the works appeared to be undamaged.",
            "The museum's director said the paintings, local landscapes from the nineteenth"
            " century, would go back on display once conservators had examined them.",
        ],
    ),
    (
        "bridge-repair",
        "Old Kellan bridge to close for six months of repairs",
        [
            "The old road bridge in Port Kellan will close to traffic in March for six months of"
            " repairs after inspectors found corrosion in two of its steel supports.",
            "Drivers will be sent on a diversion through the industrial estate, adding about"
            " fifteen minutes to journeys across the river at busy times, the council said.",
            "Pedestrians and cyclists will still be able to cross on a temporary walkway that"
            " engineers plan to build along the northern side of the bridge.",
        ],
    ),
]


def guid(slug: str) -> str:
    return f"urn:kellan-courier:{slug}"


def article_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>'
        f'<nav><a href="/">Home</a> <a href="/region">Region</a></nav>'
        f"<article><h1>{title}</h1>\n{body}</article><footer>Kellan Courier</footer>"
        "</body></html>"
    ).encode()


def rss(base: str, stories: list[tuple[str, str, list[str]]], channel: str) -> bytes:
    items = "".join(
        f"<item><guid>{guid(slug)}</guid><title>{title}</title>"
        f"<link>{base}/news/{slug}</link><description>{paragraphs[0]}</description></item>"
        for slug, title, paragraphs in reversed(stories)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{channel}</title><language>en</language>{items}</channel></rss>"
    ).encode()


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Request:
    path: str
    headers: Message  # looked up without regard to case


@dataclass
class NewsServer:
    """An HTTP server on 127.0.0.1 serving ``pages`` (unknown paths are 404), honouring
    If-None-Match / If-Modified-Since, and recording every request with its headers."""

    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    _arrived: threading.Condition = field(default_factory=threading.Condition)
    _httpd: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> NewsServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server._arrived:
                    server.requests.append(Request(self.path, self.headers))
                    server._arrived.notify_all()
                page = server.pages.get(self.path)
                if page is None:
                    self.send_error(404)
                    return
                if page.delay:
                    threading.Event().wait(page.delay)
                if server._unchanged(
                    page, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.last_modified:
                    self.send_header("Last-Modified", page.last_modified)
                self.end_headers()
                # The watcher may abandon a download when it is told to stop.
                with suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(page.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @staticmethod
    def _unchanged(page: Page, if_none_match: str | None, if_modified_since: str | None) -> bool:
        if page.status != 200:
            return False
        if if_none_match is not None:
            return page.etag is not None and if_none_match == page.etag
        return if_modified_since is not None and if_modified_since == page.last_modified

    def serve_feed(
        self, path: str, stories: list[tuple[str, str, list[str]]], channel: str = "Kellan Courier"
    ) -> Page:
        """Serve a feed of ``stories`` at ``path`` and their article pages under /news/."""
        body = rss(self.base, stories, channel)
        version = len(self.requests)  # a new version gets a new modification date
        feed = Page(
            body,
            content_type="application/rss+xml",
            etag='"' + hashlib.sha1(body).hexdigest()[:16] + '"',
            last_modified=formatdate(1_700_000_000 + version, usegmt=True),
        )
        self.pages[path] = feed
        for slug, title, paragraphs in stories:
            self.pages[f"/news/{slug}"] = Page(article_html(title, paragraphs))
        return feed

    def paths(self, since: int = 0) -> list[str]:
        return [request.path for request in self.requests[since:]]

    def wait_for(self, condition: Callable[[], bool], timeout: float) -> bool:
        with self._arrived:
            return self._arrived.wait_for(condition, timeout)


@pytest.fixture
def news() -> Iterator[NewsServer]:
    server = NewsServer().start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def watching(
    db: Path, feeds: list[str], interval: float = 600, **options: Any
) -> Iterator[tuple[Engine, FeedWatcher]]:
    """An engine on ``db`` allowed to reach the loopback server, and a watcher of ``feeds``."""
    settings = Settings(db=db, allow_private=True, fetch_timeout=5.0, workers=1)
    with Engine(settings=settings) as engine:
        yield engine, FeedWatcher(engine, feeds, interval, **options)


def stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY id")]


def watch_command(feeds: Path, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "storyweave", "watch", str(feeds), "--every", "10m",
        "--db", str(db), "--allow-private", "--workers", "1", *extra,
    ]  # fmt: skip


def follow(stream: IO[str], needle: str) -> tuple[list[str], threading.Event]:
    """Collect the lines of ``stream`` as they come; the event is set once one holds ``needle``."""
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        for line in stream:
            lines.append(line)
            if needle in line:
                seen.set()

    threading.Thread(target=read, daemon=True).start()
    return lines, seen


def test_new_items_arrive_once_and_later_polls_are_conditional(
    tmp_path: Path, news: NewsServer
) -> None:
    feed = news.serve_feed("/wire.xml", STORIES[:3])
    with watching(tmp_path / "watch.db", [news.url("/wire.xml")]) as (engine, watcher):
        first = watcher.poll_all()
        assert (first.stored, first.failed) == (3, False)
        assert sorted(news.paths()) == sorted(
            ["/wire.xml", "/news/harbour-strike", "/news/river-flood", "/news/rail-line"]
        )
        assert "If-None-Match" not in news.requests[0].headers
        # The body came from the article page, not from the feed's one-paragraph description.
        strike = engine.article(guid("harbour-strike"))
        assert strike is not None and "night-shift allowance" in strike.clean_text
        assert first.built >= 1 and engine.store.stories_to_build("en") == []

        mark = len(news.requests)
        second = watcher.poll_all()
        assert [poll.outcome for poll in second.polls] == ["not-modified"]
        assert news.paths(mark) == ["/wire.xml"]
        sent = news.requests[mark].headers
        assert sent["If-None-Match"] == feed.etag
        assert sent["If-Modified-Since"] == feed.last_modified

        news.serve_feed("/wire.xml", STORIES[:4])
        mark = len(news.requests)
        third = watcher.poll_all()
        assert third.stored == 1
        assert news.paths(mark) == ["/wire.xml", "/news/school-meals"]
        assert engine.count_articles() == 4
        assert engine.store.stories_to_build("en") == []

        # As if killed after the articles were committed but before the state was written.
        save_feed_state(engine.store, FeedState(news.url("/wire.xml")))
        mark = len(news.requests)
        fourth = FeedWatcher(engine, [news.url("/wire.xml")], 600).poll_all()
        assert (fourth.stored, fourth.failed) == (0, False)
        assert news.paths(mark) == ["/wire.xml"]
        assert len(load_feed_state(engine.store, news.url("/wire.xml"))[0].seen) == 4


def test_a_broken_feed_backs_off_while_a_good_feed_is_ingested(
    tmp_path: Path, news: NewsServer
) -> None:
    flaky = NewsServer().start()
    flaky.pages["/feed"] = Page(b"server fell over", status=500)
    news.serve_feed("/wire.xml", STORIES[:2])
    broken, good = flaky.url("/feed"), news.url("/wire.xml")
    now = [1000.0]
    problems: list[str] = []
    notices: list[str] = []
    try:
        with watching(
            tmp_path / "watch.db", [broken, good], interval=60,
            clock=lambda: now[0], on_problem=problems.append, on_notice=notices.append,
        ) as (engine, watcher):  # fmt: skip
            first = watcher.poll_due()
            assert [p.outcome for p in first.polls] == ["failed", "updated"]
            assert first.stored == 2 and engine.count_articles() == 2
            assert problems[-1].startswith(f"{broken}: fetch failed: HTTP 500")
            assert problems[-1].endswith("next try in 15s (failure 1 in a row)")

            now[0] += 14
            assert watcher.poll_due().polls == []

            flaky.pages["/feed"] = Page(b"\x00\x9f<<not a feed at all\xff", content_type="text/xml")
            now[0] += 1
            marks = len(flaky.requests), len(news.requests)
            second = watcher.poll_due()
            assert [(p.url, p.outcome, p.retry_in) for p in second.polls] == [
                (broken, "failed", 30.0)
            ]
            assert (len(flaky.requests), len(news.requests)) == (marks[0] + 1, marks[1])
            assert problems[-1].startswith(f"{broken}: malformed or unsafe XML feed")
            assert "[E108]; next try in 30s (failure 2 in a row)" in problems[-1]

            flaky.stop()  # now the connection is refused
            now[0] += 30
            third = watcher.poll_due()
            assert [(p.outcome, p.retry_in) for p in third.polls] == [("failed", 60.0)]
            assert broken in problems[-1] and "ConnectError" in problems[-1]
            kept, _ = load_feed_state(engine.store, broken)
            assert (kept.failures, kept.next_poll) == (3, now[0] + 60)
            assert kept.last_error is not None and "ConnectError" in kept.last_error

            now[0] = 1060.0  # the good feed's interval is up; the broken one waits
            fourth = watcher.poll_due()
            assert [(p.url, p.outcome) for p in fourth.polls] == [(good, "not-modified")]

            flaky.start()  # back on the same port, with a story of its own
            flaky.serve_feed("/feed", STORIES[4:5], channel="Holloway Gazette")
            now[0] = 1105.0
            fifth = watcher.poll_due()
            assert [(p.url, p.outcome, p.stored) for p in fifth.polls] == [(broken, "updated", 1)]
            assert f"{broken}: reachable again after 3 failed polls" in notices
            assert watcher.state(broken).failures == 0
            assert engine.count_articles() == 3
            assert len(problems) == 3
    finally:
        flaky.stop()


def test_sigterm_mid_poll_loses_nothing_and_once_finishes_the_rest(
    tmp_path: Path, news: NewsServer
) -> None:
    news.serve_feed("/wire.xml", STORIES)
    for slug, _title, _paragraphs in STORIES:
        news.pages[f"/news/{slug}"].delay = 0.4
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the Courier's wire\n\n{news.url('/wire.xml')}\n")
    db = tmp_path / "watch.db"

    watcher = subprocess.Popen(
        watch_command(feeds, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        # The second article page has been asked for and is still being served.
        assert news.wait_for(lambda: len(news.paths()) >= 3, timeout=30), news.paths()
        watcher.send_signal(signal.SIGTERM)
        _out, err = watcher.communicate(timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0, err
    assert "Traceback" not in err
    assert "stopped" in err
    first = stored_ids(db)
    assert 1 <= len(first) < len(STORIES)

    for page in news.pages.values():
        page.delay = 0
    mark = len(news.requests)
    once = subprocess.run(
        watch_command(feeds, db, "--once"), capture_output=True, text=True, timeout=120
    )
    assert once.returncode == 0, once.stderr
    assert stored_ids(db) == sorted(guid(slug) for slug, _t, _p in STORIES)
    # The stopped poll kept no validators: the feed is read in full, and no stored page again.
    assert "If-None-Match" not in news.requests[mark].headers
    refetched = sorted(path.removeprefix("/news/") for path in news.paths(mark)[1:])
    kept = {article_id.rsplit(":", 1)[1] for article_id in first}
    assert refetched == sorted(slug for slug, _t, _p in STORIES if slug not in kept)


def test_state_survives_a_restart(tmp_path: Path, news: NewsServer) -> None:
    feed = news.serve_feed("/wire.xml", STORIES[:3])
    db = tmp_path / "watch.db"
    with watching(db, [news.url("/wire.xml")]) as (_engine, watcher):
        assert watcher.poll_all().stored == 3
    # The feed changes (a new channel title) but lists the same entries.
    news.serve_feed("/wire.xml", STORIES[:3], channel="The Kellan Courier")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(news.url("/wire.xml") + "\n")
    mark = len(news.requests)

    again = subprocess.run(
        watch_command(feeds, db, "--once"), capture_output=True, text=True, timeout=60
    )
    assert again.returncode == 0, again.stderr
    assert f"{news.url('/wire.xml')}: nothing new" in again.stderr
    assert news.paths(mark) == ["/wire.xml"]
    assert news.requests[mark].headers["If-None-Match"] == feed.etag

    # A watching process keeps the stored schedule: nothing is due for ten minutes, and a
    # SIGTERM while it waits ends it at once.
    waiting = subprocess.Popen(
        watch_command(feeds, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert waiting.stderr is not None
        lines, ready = follow(waiting.stderr, "watching 1 feeds every 10m")
        assert ready.wait(30), lines
        waiting.send_signal(signal.SIGTERM)
        assert waiting.wait(10) == 0, lines
    finally:
        if waiting.poll() is None:
            waiting.kill()
    assert news.paths(mark) == ["/wire.xml"]
    assert stored_ids(db) == sorted(guid(slug) for slug, _t, _p in STORIES[:3])


def test_misuse_is_a_one_line_error_with_exit_2(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# wires\nhttps://example.org/feed.xml\n\nexample.org/other.xml\n")
    runner = CliRunner()
    bad_line = runner.invoke(app, ["watch", str(feeds), "--db", str(tmp_path / "x.db")])
    assert bad_line.exit_code == 2
    assert bad_line.stderr == (
        f"storyweave: error: {feeds}:4: not an http(s) feed URL: 'example.org/other.xml'\n"
    )
    feeds.write_text("https://example.org/feed.xml\n")
    for every in ("10 minutes", "0s", "-5m", "m"):
        bad_every = runner.invoke(app, ["watch", str(feeds), "--every", every])
        assert bad_every.exit_code == 2, every
        assert bad_every.stderr.startswith("storyweave: error: --every: expected a positive")
        assert bad_every.stderr.count("\n") == 1
    assert not (tmp_path / "x.db").exists()


def test_durations_back_off_and_bounded_memory() -> None:
    assert [parse_interval(t) for t in ("30s", "10m", "1h", "90", "1.5h", "2M")] == [
        30, 600, 3600, 90, 5400, 120,
    ]  # fmt: skip
    assert [retry_delay(600, n) for n in range(1, 7)] == [150, 300, 600, 1200, 2400, 3600]
    assert retry_delay(600, 10_000) == 3600
    assert retry_delay(7200, 9) == 7200  # a longer interval is the cap

    state = FeedState("https://example.org/feed.xml", etag='"a"', failures=2, next_poll=5.0)
    state.attempts["k0"] = 1
    state.remember(f"k{n}" for n in range(2500))
    assert len(state.seen) == 2000 and "k499" not in state.seen and "k500" in state.seen
    assert state.attempts == {}
    restored = FeedState.from_bytes(state.url, state.to_bytes())
    assert restored == state
    with pytest.raises(ValueError, match="malformed feed state"):
        FeedState.from_bytes(state.url, b"{not json")
