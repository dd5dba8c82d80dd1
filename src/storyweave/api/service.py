"""What the servers share: one engine that writes, one catalog that reads.

SQLite in WAL mode lets a reader see the last committed state while a writer works, so reads
use their own connection and never wait for a long ``POST``; writes take turns.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ..catalog import StoryCatalog
from ..config import Settings
from ..engine import Engine
from ..pipeline import Assignment
from ..store import open_store
from ..stories.builder import BuildOptions

#: How long a search waits for the encoder while articles are being added before it answers
#: by words alone.
ENCODER_WAIT_S = 0.25


class StoryService:
    """The engine behind the REST API and the web pages, safe to call from many threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = Engine(settings=settings)
        self._catalog = StoryCatalog(open_store(settings.db))
        self._read_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def close(self) -> None:
        with self._write_lock, self._read_lock:
            self._catalog.store.close()
            self.engine.close()

    @contextmanager
    def reading(self) -> Iterator[StoryCatalog]:
        """The catalog, for one request's reads (one request at a time on its connection)."""
        with self._read_lock:
            yield self._catalog

    def add(self, articles: Iterable[dict[str, Any]]) -> tuple[list[Assignment], int]:
        """Store and cluster ``articles``, rebuild the stories they changed; return each
        article's outcome and how many stories were rebuilt."""
        with self._write_lock:
            assignments = self.engine.add(articles)
            built = self.engine.build_stories(BuildOptions.from_settings(self.settings))
        return assignments, built

    def query_vector(self, text: str) -> np.ndarray | None:
        """The query's vector, or ``None`` when the encoder is busy adding articles."""
        if not self._write_lock.acquire(timeout=ENCODER_WAIT_S):
            return None
        try:
            return self.engine.query_vector(text)
        finally:
            self._write_lock.release()
