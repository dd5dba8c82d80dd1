"""A real ``redis-server`` on a free loopback port, for the tests of the ingest log.

The server keeps an append-only file in its folder, so that a stop and a start keep the streams
and their consumer groups, as a production restart would. Without the ``redis-server`` command
the tests that need it skip, or fail when ``CI`` is set (``make test`` installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

COMMAND = "redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """One ``redis-server`` process; :meth:`stop` and :meth:`start` keep its data."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        log = self.folder / "redis.log"
        options = {
            "port": str(self.port), "bind": "127.0.0.1", "save": "", "appendonly": "yes",
            "dir": str(self.folder), "logfile": str(log),
        }  # fmt: skip
        command = [need_redis()]
        for name, value in options.items():
            command += [f"--{name}", value]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        client = self.client()
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:  # not listening yet, or still loading its file
                if self.process.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    raise RuntimeError(f"redis-server did not start:\n{tail}") from None
                time.sleep(0.02)
            finally:
                client.close()

    def stop(self) -> None:
        """Shut down as on SIGTERM: the append-only file is flushed first."""
        if self.process is None:
            return
        self.process.terminate()
        self.process.wait(timeout=20)
        self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=10)


def need_redis() -> str:
    """The ``redis-server`` command, else skip (fail under CI)."""
    found = shutil.which(COMMAND)
    if found is None:
        reason = f"{COMMAND} not installed (Debian package redis-server; `make test` installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@contextmanager
def running_redis(folder: Path) -> Iterator[RedisServer]:
    """A started server keeping its files in ``folder``, stopped at the end of the block."""
    server = RedisServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
