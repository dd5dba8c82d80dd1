"""REST API latency under load: `storyweave serve` over a store of the VLSP development set.

    python benchmarks/api_load.py [--db PATH] [--requests 2000] [--clients 8] [--search 200]

Without ``--db`` the VLSP articles (``../shared/data/vlsp-abmusu/articles.jsonl``) are ingested
and their stories built into a temporary store first; with ``--db`` that store is used, and built
there first when the file does not exist. The data set has no dates, so each article is given
one, spread over 2022 in file order, for the date filters to select something. None of this is
timed.

The real ``storyweave serve`` command is then started on a free loopback port and, once
``/api/v1/health`` answers, each endpoint in turn gets its requests from ``--clients`` threads,
each with its own keep-alive ``httpx.Client``, after a short untimed warm-up:

- ``GET /api/v1/stories``: a mix of the first page, later pages (``offset``), ``lang=vi`` and
  ``since``/``until`` windows;
- ``GET /api/v1/stories/{id}``: ids drawn at random from the store;
- ``GET /api/v1/stories?q=…``: words from stored headlines (full text and meaning; ``--search``
  requests).

Prints one table: per endpoint, requests, errors (non-2xx answers or failed requests),
p50/p95/p99/max latency in ms, requests/s, and PASS/FAIL against the bars: p95 under 50 ms for
the first two, no errors for all. Exits 1 when a bar fails. The server is stopped with SIGINT
(a clean uvicorn shutdown) at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from storyweave import Engine
from storyweave.config import Settings

DATASET = Path(__file__).resolve().parent.parent.parent / "shared/data/vlsp-abmusu"
YEAR_START = date(2022, 1, 1)
P95_BAR_MS = 50.0
WARMUP = 40
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 30.0

Request = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class Measured:
    """Latencies (seconds) and failures of one endpoint's requests, and their wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def percentile_ms(self, q: float) -> float:
        return float(np.percentile(self.latencies, q)) * 1000 if self.latencies else float("nan")


def build_store(db: Path, dataset: Path) -> None:
    """Ingest the data set's articles (dated over 2022 in file order) into ``db`` and build
    every story."""
    lines = (dataset / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line]
    for index, record in enumerate(records):
        if not record.get("published"):
            day = YEAR_START + timedelta(days=index * 365 // len(records))
            record["published"] = day.isoformat()
    with tempfile.TemporaryDirectory() as folder:
        dated = Path(folder) / "articles.jsonl"
        dated.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        with Engine(settings=Settings().replace(db=db)) as engine:
            report = engine.ingest([str(dated)])
            if report.problems:
                raise SystemExit(f"could not store {len(report.problems)} articles: {db}")
            engine.build_stories()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def storyweave_command() -> str:
    """The ``storyweave`` script of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).parent / "storyweave"
    found = str(beside) if beside.exists() else shutil.which("storyweave")
    if found is None:
        raise SystemExit("the storyweave command is not installed (pip install -e .)")
    return found


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``storyweave serve`` on ``127.0.0.1:port``; returns once ``/api/v1/health`` answers."""
    command = [storyweave_command(), "serve", "--db", str(db), "--host", "127.0.0.1"]
    with open(log, "wb") as out:
        server = subprocess.Popen([*command, "--port", str(port)], stdout=out, stderr=out)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(
                f"storyweave serve exited with {server.returncode}:\n{log.read_text()[-2000:]}"
            )
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).is_success:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"storyweave serve did not answer within {START_TIMEOUT_S:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> int:
    """Stop the server as Ctrl-C would; kill it only if it does not stop in time."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return server.returncode


def catalog(base: str) -> list[dict[str, Any]]:
    """Every stored story as listings show it (pages of 100)."""
    items: list[dict[str, Any]] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        while True:
            page = client.get("/api/v1/stories", params={"limit": 100, "offset": len(items)})
            page.raise_for_status()
            found = page.json()
            items += found["items"]
            if not found["items"] or len(items) >= found["total"]:
                return items


def listing_requests(
    stories: list[dict[str, Any]], count: int, rng: random.Random
) -> list[Request]:
    """``count`` listing requests: first page, later pages, one language, date windows."""
    days = sorted(d for s in stories for d in (s["first_published"], s["last_published"]) if d)
    first = date.fromisoformat(days[0][:10]) if days else YEAR_START
    last = date.fromisoformat(days[-1][:10]) if days else YEAR_START + timedelta(days=364)
    span = max((last - first).days, 1)

    def window() -> dict[str, Any]:
        start = first + timedelta(days=rng.randrange(span))
        end = start + timedelta(days=rng.choice((1, 7, 30)))
        return {"since": start.isoformat(), "until": end.isoformat()}

    kinds: list[Callable[[], dict[str, Any]]] = [
        lambda: {},
        lambda: {"offset": rng.randrange(0, len(stories), 20), "limit": 20},
        lambda: {"lang": "vi", "offset": rng.choice((0, 20, 40))},
        window,
        lambda: {**window(), "lang": "vi"},
    ]
    return [("/api/v1/stories", rng.choice(kinds)()) for _ in range(count)]


def story_requests(stories: list[dict[str, Any]], count: int, rng: random.Random) -> list[Request]:
    return [(f"/api/v1/stories/{rng.choice(stories)['id']}", {}) for _ in range(count)]


def search_requests(stories: list[dict[str, Any]], count: int, rng: random.Random) -> list[Request]:
    """Two to four consecutive words of a random stored headline."""
    requests: list[Request] = []
    headlines = [s["headline"].split() for s in stories if s["headline"]]
    while len(requests) < count:
        words = rng.choice(headlines)
        size = min(len(words), rng.randint(2, 4))
        start = rng.randrange(len(words) - size + 1)
        requests.append(("/api/v1/stories", {"q": " ".join(words[start : start + size])}))
    return requests


def run_load(base: str, requests: list[Request], clients: int) -> Measured:
    """Send ``requests`` from ``clients`` threads, one keep-alive client each; time each."""
    measured = Measured()
    lock = threading.Lock()
    shares = [requests[n::clients] for n in range(clients)]
    ready = threading.Barrier(clients + 1)

    def client_thread(share: list[Request]) -> None:
        latencies: list[float] = []
        errors: list[str] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            client.get("/api/v1/health")  # open the connection before the clock starts
            ready.wait()
            for path, params in share:
                started = time.perf_counter()
                try:
                    response = client.get(path, params=params)
                    latencies.append(time.perf_counter() - started)
                    if not response.is_success:
                        errors.append(f"{response.status_code} {response.url}")
                except httpx.HTTPError as error:
                    latencies.append(time.perf_counter() - started)
                    errors.append(f"{type(error).__name__} {path} {params}")
        with lock:
            measured.latencies += latencies
            measured.errors += errors

    threads = [threading.Thread(target=client_thread, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    ready.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    measured.seconds = time.perf_counter() - started
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (built there when missing)")
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--requests", type=int, default=2000, help="per main endpoint")
    parser.add_argument("--search", type=int, default=200, help="requests with q")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "vlsp.db"
        if not db.exists():
            build_store(db, args.dataset)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = Path(folder) / "serve.log"
        server = start_server(db, port, log)
        try:
            stories = catalog(base)
            if not stories:
                raise SystemExit(f"the store holds no stories: {db}")
            loads = {
                "GET /api/v1/stories (mixed)": (listing_requests, args.requests, True),
                "GET /api/v1/stories/{id}": (story_requests, args.requests, True),
                "GET /api/v1/stories?q=…": (search_requests, args.search, False),
            }
            results: dict[str, tuple[Measured, bool]] = {}
            for name, (make, count, has_latency_bar) in loads.items():
                run_load(base, make(stories, WARMUP, rng), args.clients)
                results[name] = (
                    run_load(base, make(stories, count, rng), args.clients),
                    has_latency_bar,
                )
        finally:
            exit_code = stop_server(server)

    articles = sum(s["article_count"] for s in stories)
    print(
        f"api_load: `storyweave serve` over {len(stories)} stories, {articles} articles;"
        f" {args.clients} clients; server exit status {exit_code}"
    )
    print()
    print("| endpoint | requests | errors | p50 ms | p95 ms | p99 ms | max ms | req/s | bars |")
    print("|---|---|---|---|---|---|---|---|---|")
    failed = False
    for name, (measured, has_latency_bar) in results.items():
        p95 = measured.percentile_ms(95)
        bars = [f"0 errors: {'PASS' if not measured.errors else 'FAIL'}"]
        failed |= bool(measured.errors)
        if has_latency_bar:
            bars.insert(0, f"p95 < {P95_BAR_MS:.0f} ms: {'PASS' if p95 < P95_BAR_MS else 'FAIL'}")
            failed |= not p95 < P95_BAR_MS
        print(
            f"| {name} | {len(measured.latencies)} | {len(measured.errors)}"
            f" | {measured.percentile_ms(50):.1f} | {p95:.1f} | {measured.percentile_ms(99):.1f}"
            f" | {measured.percentile_ms(100):.1f}"
            f" | {len(measured.latencies) / measured.seconds:.0f} | {', '.join(bars)} |"
        )
    for name, (measured, _) in results.items():
        for error in measured.errors[:3]:
            print(f"  {name}: {error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
