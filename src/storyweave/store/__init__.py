"""Storage behind one protocol: SQLite files (the default) or a PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

from .base import Store, StoreError, StoryQuery
from .sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "StoreError", "StoryQuery", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a SQLite file path, ``sqlite:///path``, or a
    PostgreSQL URL (``postgresql://user@host:port/dbname``, libpq's form)."""
    text = str(location)
    if text.startswith(_POSTGRES_SCHEMES):
        from .postgres import PostgresStore  # psycopg is imported for PostgreSQL stores only

        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"unsupported store {scheme!r}: give a SQLite file or a postgresql:// URL")
    return SQLiteStore(Path(text))
