"""The ``Store`` protocol: what the engine needs from any storage backend."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from ..model import Article


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says which file and why."""


class Store(Protocol):
    """Durable storage of articles. Every write call is one transaction: all or nothing."""

    def add_articles(self, articles: Sequence[Article], minhashes: Sequence[bytes | None]) -> None:
        """Store ``articles`` (with their near-duplicate signatures) in one transaction."""
        ...

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        ...

    def ids_by_content_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        """For each known content hash, the id of the first article stored with it."""
        ...

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        """``(article id, signature)`` of every stored original, in storage order."""
        ...

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or ``None``."""
        ...

    def articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Stored articles in storage order."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def close(self) -> None:
        """Release the connection; the store stays consistent on disk."""
        ...
