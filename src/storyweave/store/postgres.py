"""PostgreSQL backend: one store shared by many processes and machines; all SQL for it lives
here and in ``postgres_search``.

Semantics are the SQLite store's: every write call is one transaction, writers take turns
(``pg_advisory_lock`` held on a connection of its own while ``writer()`` runs), and the schema
is brought up to date when the store is opened (``migrations_postgres/*.sql``, one transaction
each, the applied versions kept in ``storyweave_migrations``). Records keep their JSON text as
written (``json``, not ``jsonb``, which would reorder keys); vectors and state are ``bytea``.
PostgreSQL text cannot hold NUL characters: they are stored as U+FFFD.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict
from typing import Any, TypeVar

import psycopg

from ..model import (
    Article,
    BuiltStory,
    RemovedSpan,
    StoryAssignment,
    StoryListing,
    StoryRecord,
)
from . import postgres_search
from .base import ARTICLE_COLUMNS, BatchWrite, StoreError, StoryQuery
from .postgres_migrations import migrate

_COLUMNS = (*ARTICLE_COLUMNS, "removed", "metadata", "minhash", "search")
_SELECT = f"SELECT seq, {', '.join(ARTICLE_COLUMNS)}, removed, metadata FROM articles"
_SELECT_STORY = (
    "SELECT seq, id, article_count, languages, first_published, last_published, state,"
    " merged_into FROM stories"
)
#: Fields of a built story kept in columns of their own, for listings.
_LISTED = ("headline", "headline_lang", "summary_lang", "event_date")
#: Advisory lock keys (64-bit), one per purpose; they are per database.
_WRITER_LOCK = 0x73776561_76650001  # "sweave" + 1
#: Rows read per query by the iterators, which page through a table by ``seq``.
#: How long a lost connection is tried again (a server restarting) before the call fails.
RECONNECT_WAIT_S = 60.0
_T = TypeVar("_T")
_Connection = psycopg.Connection[tuple[Any, ...]]
_ARTICLE_PAGE = 200
_STORY_PAGE = 500
_MINHASH_PAGE = 5000
#: A password in a URL's user part or its query.
_PASSWORD = re.compile(r"(?<=://)([^/@:]*:)[^/@]*(?=@)|(?<=[?&]password=)[^&]*")


class PostgresStore:
    """A store in a PostgreSQL database, named by a ``postgresql://`` URL (libpq's form)."""

    def __init__(self, url: str) -> None:
        self.url = url
        #: The URL as messages show it: without its password.
        self.name = _PASSWORD.sub(lambda found: f"{found.group(1) or ''}***", url)
        # One connection, used by one thread at a time: a transaction must not take in
        # another thread's statements.
        self._use = threading.RLock()
        self._writer_turn = threading.Lock()
        self._lock_db: psycopg.Connection[tuple[Any, ...]] | None = None
        self._db = self._connect()
        try:
            migrate(self._db)
        except psycopg.Error as error:
            self._db.close()
            raise StoreError(
                f"{self.name}: cannot prepare the store ({_oneline(error)})"
            ) from error

    def _connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        try:
            return psycopg.connect(
                self.url, autocommit=True, connect_timeout=10, application_name="storyweave"
            )
        except psycopg.Error as error:
            raise StoreError(f"{self.name}: cannot open the store ({_oneline(error)})") from error

    def _run(
        self,
        work: Callable[[_Connection], _T],
        landed: Callable[[_Connection], bool] | None = None,
    ) -> _T | None:
        """``work`` on the connection, one thread at a time. A connection lost (the server
        restarted) is opened again, with back-off for up to :data:`RECONNECT_WAIT_S`, and the
        work done again, unless ``landed`` says a write committed before the loss."""
        deadline: float | None = None
        delay = 0.25
        while True:
            with self._use:
                try:
                    if self._db.closed or self._db.broken:
                        self._db = self._connect()
                        if landed is not None and landed(self._db):
                            return None
                    return work(self._db)
                except (psycopg.OperationalError, StoreError):
                    if not (self._db.closed or self._db.broken):
                        raise
            deadline = deadline or time.monotonic() + RECONNECT_WAIT_S
            if time.monotonic() > deadline:
                raise StoreError(f"{self.name}: the connection was lost and could not be reopened")
            time.sleep(delay)
            delay = min(2 * delay, 5.0)

    def write_batch(self, batch: BatchWrite) -> None:
        rows = [_to_row(a, m) for a, m in zip(batch.articles, batch.minhashes, strict=True)]

        def write(db: _Connection) -> None:
            with db.transaction(), db.cursor() as cursor:
                if rows:
                    with cursor.copy(f"COPY articles ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                self._write_stories(cursor, batch)

        def landed(db: _Connection) -> bool:
            # The batch is one transaction: its first article is there only if all of it is.
            first = batch.articles[0].id if batch.articles else None
            return first is not None and bool(
                db.execute("SELECT 1 FROM articles WHERE id = %s", (first,)).fetchone()
            )

        try:
            self._run(write, landed)
        except psycopg.Error as error:
            raise StoreError(
                f"{self.name}: cannot store a batch of {len(rows)} articles ({_oneline(error)})"
            ) from error

    @contextmanager
    def writer(self) -> Iterator[None]:
        """A session-level advisory lock, on a connection of its own so that waiting for it
        blocks no reader of this store; threads of this process take turns before asking.
        Should this process die, its session ends and the lock is released."""
        with self._writer_turn:
            lock_db = self._lock_connection()
            try:
                yield
            finally:
                # A session that was lost has released its lock with it.
                with suppress(psycopg.Error):
                    lock_db.execute("SELECT pg_advisory_unlock(%s)", (_WRITER_LOCK,))

    def _lock_connection(self) -> _Connection:
        """The writer lock's connection holding the lock, opened (again) as needed: a server
        restarting is waited for up to :data:`RECONNECT_WAIT_S`."""
        deadline = time.monotonic() + RECONNECT_WAIT_S
        delay = 0.25
        while True:
            try:
                if self._lock_db is None or self._lock_db.closed or self._lock_db.broken:
                    self._lock_db = self._connect()
                self._lock_db.execute("SELECT pg_advisory_lock(%s)", (_WRITER_LOCK,))
                return self._lock_db
            except (psycopg.Error, StoreError) as error:
                lost = self._lock_db is None or self._lock_db.closed or self._lock_db.broken
                if not lost or time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.name}: cannot take the writer lock ({_oneline(error)})"
                    ) from error
            time.sleep(delay)
            delay = min(2 * delay, 5.0)

    def _write_stories(self, cursor: psycopg.Cursor[tuple[Any, ...]], batch: BatchWrite) -> None:
        cursor.executemany(
            "INSERT INTO stories (id, article_count, languages, first_published, last_published,"
            " merged_into, state) VALUES (%s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET article_count = excluded.article_count,"
            " languages = excluded.languages, first_published = excluded.first_published,"
            " last_published = excluded.last_published, merged_into = excluded.merged_into,"
            " state = excluded.state, updated_at = now()",
            [
                (
                    s.id,
                    s.article_count,
                    list(s.languages),
                    s.first_published,
                    s.last_published,
                    s.merged_into,
                    s.state,
                )
                for s in batch.stories
            ],
        )
        cursor.executemany(
            "INSERT INTO assignments (article_id, story_id, score, evidence)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET"
            " story_id = excluded.story_id, score = excluded.score, evidence = excluded.evidence",
            [(a.article_id, a.story_id, a.score, _json(a.evidence)) for a in batch.assignments],
        )
        cursor.executemany(
            "UPDATE articles SET story_id = %s WHERE id = %s",
            [(a.story_id, a.article_id) for a in batch.assignments],
        )
        for gone, kept in batch.merged.items():
            cursor.execute("UPDATE articles SET story_id = %s WHERE story_id = %s", (kept, gone))
            cursor.execute("UPDATE assignments SET story_id = %s WHERE story_id = %s", (kept, gone))
        cursor.executemany(
            "INSERT INTO engine_state (name, value) VALUES (%s, %s)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            list(batch.state.items()),
        )

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        rows = self._rows("SELECT id FROM articles WHERE id = ANY (%s::text[])", (list(ids),))
        return {row[0] for row in rows}

    def ids_by_content_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for content_hash, article_id in self._rows(
            "SELECT content_hash, id FROM articles WHERE content_hash = ANY (%s::text[])"
            " ORDER BY seq",
            (list(hashes),),
        ):
            found.setdefault(content_hash, article_id)
        return found

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        for row in self._pages(
            "SELECT seq, id, minhash FROM articles"
            " WHERE minhash IS NOT NULL AND duplicate_of IS NULL AND seq > %s ORDER BY seq",
            _MINHASH_PAGE,
        ):
            yield row[1], bytes(row[2])

    def article(self, article_id: str) -> Article | None:
        row = self._one(f"{_SELECT} WHERE id = %s", (article_id,))
        return None if row is None else _from_row(row)

    def articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        size = _ARTICLE_PAGE if limit is None else min(limit, _ARTICLE_PAGE)
        if size < 1:
            return
        rows = self._pages(f"{_SELECT} WHERE seq > %s ORDER BY seq", size, offset)
        for count, row in enumerate(rows):
            if limit is not None and count >= limit:
                return
            yield _from_row(row)

    def count_articles(self) -> int:
        row = self._one("SELECT count(*) FROM articles")
        return int(row[0]) if row else 0

    def stories(self, include_merged: bool = False) -> Iterator[StoryRecord]:
        live = "" if include_merged else " AND merged_into IS NULL"
        for row in self._pages(f"{_SELECT_STORY} WHERE seq > %s{live} ORDER BY seq", _STORY_PAGE):
            yield _story_from_row(row)

    def story(self, story_id: str) -> StoryRecord | None:
        row = self._one(f"{_SELECT_STORY} WHERE id = %s", (story_id,))
        return None if row is None else _story_from_row(row)

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self._rows("SELECT id FROM articles WHERE story_id = %s ORDER BY seq", (story_id,))
        return [row[0] for row in rows]

    def assignment(self, article_id: str) -> StoryAssignment | None:
        row = self._one(
            "SELECT article_id, story_id, score, evidence FROM assignments WHERE article_id = %s",
            (article_id,),
        )
        return None if row is None else StoryAssignment(row[0], row[1], row[2], row[3])

    def state(self, name: str) -> bytes | None:
        row = self._one("SELECT value FROM engine_state WHERE name = %s", (name,))
        return None if row is None else bytes(row[0])

    def write_built_stories(self, built: Iterable[BuiltStory]) -> None:
        rows = [
            (
                b.story_id,
                b.lang_out,
                b.article_count,
                _json(b.record),
                *(_text(b.record.get(name)) for name in _LISTED),
                postgres_search.story_vector(b),
            )
            for b in built
        ]

        def write(db: _Connection) -> None:
            with db.transaction(), db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO story_texts (story_id, lang_out, article_count, record,"
                    f" {', '.join(_LISTED)}, search)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector)"
                    " ON CONFLICT (story_id) DO UPDATE SET"
                    " lang_out = excluded.lang_out, article_count = excluded.article_count,"
                    " record = excluded.record, built_at = now(), search = excluded.search,"
                    + ", ".join(f" {name} = excluded.{name}" for name in _LISTED),
                    rows,
                )

        # Built stories are upserts: writing them again after a lost connection is harmless.
        try:
            self._run(write)
        except psycopg.Error as error:
            raise StoreError(
                f"{self.name}: cannot store {len(rows)} built stories ({_oneline(error)})"
            ) from error

    def built_story(self, story_id: str) -> BuiltStory | None:
        row = self._one(
            "SELECT story_id, lang_out, article_count, record FROM story_texts WHERE story_id = %s",
            (story_id,),
        )
        return None if row is None else BuiltStory(row[0], row[1], row[2], row[3])

    def stories_to_build(self, lang_out: str) -> list[str]:
        rows = self._rows(
            "SELECT s.id FROM stories s LEFT JOIN story_texts t ON t.story_id = s.id"
            " WHERE s.merged_into IS NULL AND (t.story_id IS NULL OR t.lang_out != %s"
            " OR t.article_count != s.article_count OR t.built_at < s.updated_at)"
            " ORDER BY s.seq",
            (lang_out,),
        )
        return [row[0] for row in rows]

    def find_stories(self, query: StoryQuery) -> tuple[list[StoryListing], int]:
        found = self._run(lambda db: postgres_search.find_stories(db, query))
        return found if found is not None else ([], 0)

    def languages(self) -> list[str]:
        rows = self._rows("SELECT lang FROM articles GROUP BY lang ORDER BY count(*) DESC, lang")
        return [row[0] for row in rows]

    def stories_version(self) -> str:
        row = self._one("SELECT count(*), sum(article_count), max(updated_at) FROM stories")
        count, articles, changed = row if row else (0, None, None)
        return f"{count}/{articles}@{changed}"

    def search_stories(self, text: str, limit: int) -> list[tuple[str, float]]:
        return self._run(lambda db: postgres_search.search_stories(db, text, limit)) or []

    def search_articles(self, text: str, limit: int) -> list[tuple[str, float]]:
        return self._run(lambda db: postgres_search.search_articles(db, text, limit)) or []

    def close(self) -> None:
        with self._use:
            self._db.close()
        if self._lock_db is not None:
            self._lock_db.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self._run(lambda db: db.execute(sql, params).fetchall()) or []

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        return self._run(lambda db: db.execute(sql, params).fetchone())

    def _pages(self, sql: str, size: int, offset: int = 0) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` (``… WHERE seq > %s … ORDER BY seq``, ``seq`` first), ``size``
        at a time: no transaction stays open between pages, so writes may come between."""
        after = 0
        if offset:
            last_skipped = self._one(f"{sql} LIMIT 1 OFFSET %s", (after, offset - 1))
            if last_skipped is None:
                return
            after = last_skipped[0]
        while True:
            rows = self._rows(f"{sql} LIMIT %s", (after, size))
            yield from rows
            if len(rows) < size:
                return
            after = rows[-1][0]


def _oneline(error: BaseException) -> str:
    return " ".join(str(error).split())


def _text(value: Any) -> Any:
    """``value`` with any NUL character (which PostgreSQL text cannot hold) as U+FFFD."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _to_row(article: Article, minhash: bytes | None) -> tuple[Any, ...]:
    return (
        *(_text(getattr(article, name)) for name in ARTICLE_COLUMNS),
        _json([asdict(span) for span in article.removed]),
        _json(article.metadata),
        minhash,
        postgres_search.article_vector(article),
    )


def _from_row(row: tuple[Any, ...]) -> Article:
    """An article from a ``_SELECT`` row (``seq`` first, JSON columns already decoded)."""
    fields = dict(zip(ARTICLE_COLUMNS, row[1:], strict=False))
    removed, metadata = row[-2:]
    return Article(**fields, removed=[RemovedSpan(**span) for span in removed], metadata=metadata)


def _story_from_row(row: tuple[Any, ...]) -> StoryRecord:
    _seq, story_id, count, languages, first, last, state, merged_into = row
    return StoryRecord(
        id=story_id,
        article_count=count,
        languages=list(languages),
        first_published=first,
        last_published=last,
        state=bytes(state),
        merged_into=merged_into,
    )
