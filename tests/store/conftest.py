"""A PostgreSQL server for the session (when its binaries are installed), a fresh database for
each test that asks for one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.store.postgres_server import PostgresServer, find_bindir


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL server on loopback; skipped (failed when ``CI`` is set) without
    PostgreSQL's binaries (Debian: ``apt-get install postgresql``)."""
    bindir = find_bindir()
    if bindir is None:
        reason = "PostgreSQL is not installed (no initdb/pg_ctl; apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is an error)", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)
