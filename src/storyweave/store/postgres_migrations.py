"""The PostgreSQL schema, brought up to date when a store is opened: the numbered
``migrations_postgres/*.sql`` files, one transaction each, the applied versions kept in
``storyweave_migrations``."""

from __future__ import annotations

from typing import Any

import psycopg

from .base import migration_scripts

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
    for version, script in migration_scripts("migrations_postgres"):
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
