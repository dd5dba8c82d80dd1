"""The PostgreSQL schema, brought up to date when a store is opened: the numbered
``migrations_postgres/*.sql`` files, one transaction each, the applied versions kept in
``storyweave_migrations``."""

from __future__ import annotations

from importlib import resources
from typing import Any

import psycopg

#: Advisory lock key (64-bit, per database) held while migrating; the writer lock is ...0001.
_MIGRATION_LOCK = 0x73776561_76650002  # "sweave" + 2


def migrate(db: psycopg.Connection[tuple[Any, ...]]) -> None:
    """Apply the numbered ``migrations_postgres/*.sql`` files not applied yet, one transaction
    each, under a lock so that processes opening the store together apply each once."""
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        db.execute(
            "CREATE TABLE IF NOT EXISTS storyweave_migrations (version integer PRIMARY KEY,"
            " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
    scripts = sorted(
        (
            entry
            for entry in resources.files(__package__).joinpath("migrations_postgres").iterdir()
            if entry.name.endswith(".sql")
        ),
        key=lambda entry: entry.name,
    )
    for script in scripts:
        version = int(script.name.split("_", 1)[0])
        # One script, one transaction: a crash mid-migration leaves the previous version.
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            row = db.execute("SELECT coalesce(max(version), 0) FROM storyweave_migrations")
            current = row.fetchone()
            if current is not None and version <= current[0]:
                continue
            db.execute(script.read_text(encoding="utf-8"))
            db.execute(
                "INSERT INTO storyweave_migrations (version, name) VALUES (%s, %s)",
                (version, script.name),
            )
