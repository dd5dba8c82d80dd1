"""Storage behind one protocol; backends are chosen by name (``sqlite`` by default)."""

from __future__ import annotations

from pathlib import Path

from .base import Store, StoreError, StoryQuery
from .sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "StoreError", "StoryQuery", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a SQLite file path, or ``sqlite:///path``."""
    text = str(location)
    if text.startswith("sqlite:///"):
        text = text.removeprefix("sqlite:///")
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"unsupported store {scheme!r}: only SQLite files are supported")
    return SQLiteStore(Path(text))
