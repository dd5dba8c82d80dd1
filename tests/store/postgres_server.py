"""A real PostgreSQL server for the tests: a throwaway cluster on a free loopback port.

Debian's ``postgresql`` package provides the binaries (``/usr/lib/postgresql/<version>/bin``).
``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres`` system
user. ``fsync`` is off (the cluster lives only as long as the test session), but a commit still
reaches the log before it is acknowledged, so stopping the server at once, as a crash of the
server would, loses no committed transaction.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` of the newest PostgreSQL installed."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: _version(Path(path).parent.name)
    )
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """``initdb`` + ``pg_ctl start`` in a temporary folder; :meth:`stop` removes it all."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="storyweave-pg-"))
        self.port = _free_port()
        # As root, the cluster's files and processes belong to the postgres system user.
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.folder / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"

    def start(self) -> None:
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self._launch()

    def _launch(self) -> None:
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1"
            f" -c unix_socket_directories={self.folder}"
            " -c fsync=off -c full_page_writes=off"
            " -c max_connections=100 -c shared_buffers=64MB"
        )
        self._run(
            "pg_ctl",
            "start",
            "--pgdata",
            str(self.data),
            "--wait",
            "--timeout",
            "60",
            "--log",
            str(self.folder / "server.log"),
            "-o",
            options,
        )

    def restart(self, down_seconds: float) -> None:
        """Stop the server at once (as a crash would), stay down a while, start it again."""
        self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")
        time.sleep(down_seconds)
        self._launch()

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return f"{self.url}/{name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def _run(self, program: str, *arguments: str) -> None:
        command = [*self._as_user, str(self.bindir / program), *arguments]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if finished.returncode != 0:
            raise RuntimeError(
                f"{program} failed ({finished.returncode}): {finished.stderr or finished.stdout}"
                f"\n{self.log()}"
            )
