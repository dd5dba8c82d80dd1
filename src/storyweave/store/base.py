"""The ``Store`` protocol: what the engine needs from any storage backend."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Protocol

from ..model import Article, BuiltStory, StoryAssignment, StoryListing, StoryRecord

#: Article fields every backend keeps in text columns of the same name, in this order.
ARTICLE_COLUMNS = (
    "id",
    "content_hash",
    "duplicate_of",
    "origin",
    "format",
    "title",
    "text",
    "clean_text",
    "lang",
    "published",
    "published_source",
    "dateline",
    "source",
    "url",
    "story_id",
)


def migration_scripts(folder: str) -> list[tuple[int, Traversable]]:
    """The numbered ``NNNN_name.sql`` files of this package's ``folder``, with their version
    numbers, oldest first."""
    entries = resources.files(__package__).joinpath(folder).iterdir()
    scripts = sorted((e for e in entries if e.name.endswith(".sql")), key=lambda e: e.name)
    return [(int(script.name.split("_", 1)[0]), script) for script in scripts]


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says which file and why."""


@dataclass(slots=True)
class BatchWrite:
    """Everything one batch changes, written in one transaction.

    ``merged`` maps a story that was merged away to the story that absorbed it: its articles
    and assignments move there. ``state`` holds named blobs of the engine's learned state
    (language centroids, document frequencies …).
    """

    articles: list[Article] = field(default_factory=list)
    minhashes: list[bytes | None] = field(default_factory=list)
    assignments: list[StoryAssignment] = field(default_factory=list)
    stories: list[StoryRecord] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    state: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Filters and one page of a story listing.

    ``since`` / ``until`` are ISO dates or times compared with the stories' publication span
    (a story overlapping [since, until) passes); ``entity`` is a name or surface form of one of
    its entities; ``story_ids`` restricts the listing to these stories, kept in this order.
    """

    lang: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None
    story_ids: Sequence[str] | None = None
    limit: int = 20
    offset: int = 0


class Store(Protocol):
    """Durable storage of articles. Every write call is one transaction: all or nothing."""

    def write_batch(self, batch: BatchWrite) -> None:
        """Apply ``batch`` in one transaction: all of it is visible afterwards, or none."""
        ...

    def writer(self) -> AbstractContextManager[None]:
        """Exclusive right to cluster and write, across processes, while the block runs:
        the clusterer's decisions rest on the state it read, so writers take turns."""
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

    def stories(self, include_merged: bool = False) -> Iterator[StoryRecord]:
        """Stories in the order they were opened (without those merged into others)."""
        ...

    def story(self, story_id: str) -> StoryRecord | None:
        """One story, or ``None``."""
        ...

    def story_article_ids(self, story_id: str) -> list[str]:
        """Ids of the story's articles, in storage order."""
        ...

    def assignment(self, article_id: str) -> StoryAssignment | None:
        """Why the article is in its story, or ``None`` if it was not clustered."""
        ...

    def state(self, name: str) -> bytes | None:
        """A named blob of engine state, or ``None``."""
        ...

    def write_built_stories(self, built: Iterable[BuiltStory]) -> None:
        """Keep what story building wrote (replacing older builds), in one transaction."""
        ...

    def built_story(self, story_id: str) -> BuiltStory | None:
        """What story building last wrote for this story, or ``None``."""
        ...

    def stories_to_build(self, lang_out: str) -> list[str]:
        """Ids of the stories (not merged away) never built for ``lang_out``, or built when
        they had fewer or other articles, in the order they were opened."""
        ...

    def find_stories(self, query: StoryQuery) -> tuple[list[StoryListing], int]:
        """One page of the live stories passing ``query``'s filters, newest first (or in
        ``query.story_ids`` order), and how many pass in all."""
        ...

    def languages(self) -> list[str]:
        """Languages of the stored articles, most common first."""
        ...

    def stories_version(self) -> str:
        """A value that changes whenever a story is added, changed or merged."""
        ...

    def search_stories(self, text: str, limit: int) -> list[tuple[str, float]]:
        """Live stories whose text or whose articles' text holds every word of ``text``, as
        ``(story id, score)``, best first."""
        ...

    def search_articles(self, text: str, limit: int) -> list[tuple[str, float]]:
        """Articles holding every word of ``text``, as ``(article id, score)``, best first."""
        ...

    def close(self) -> None:
        """Release the connection; the store stays consistent on disk."""
        ...
