"""SQLite backend (WAL mode): the embedded default store; all SQL for it lives here."""

from __future__ import annotations

import fcntl
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..model import (
    Article,
    BuiltStory,
    RemovedSpan,
    StoryAssignment,
    StoryListing,
    StoryRecord,
)
from . import sqlite_search
from .base import ARTICLE_COLUMNS, BatchWrite, StoreError, StoryQuery, migration_scripts

_COLUMNS = (*ARTICLE_COLUMNS, "removed", "metadata", "minhash")
_SELECT = f"SELECT {', '.join(ARTICLE_COLUMNS)}, removed, metadata FROM articles"
_SELECT_STORY = (
    "SELECT id, article_count, languages, first_published, last_published, state, merged_into"
    " FROM stories"
)
#: Fields of a built story kept in columns of their own, for listings.
_LISTED = ("headline", "headline_lang", "summary_lang", "event_date")
# SQLite limits the number of bound parameters; stay well below the oldest default (999).
_CHUNK = 500


class SQLiteStore:
    """A store in one SQLite file. Safe to reopen after a crash: a batch is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            if path.parent != Path(""):
                path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            sqlite_search.register_functions(self._db)
            _migrate(self._db)
        except (sqlite3.Error, OSError) as error:
            raise StoreError(f"{path}: cannot open the store ({error})") from error

    def write_batch(self, batch: BatchWrite) -> None:
        rows = [_to_row(a, m) for a, m in zip(batch.articles, batch.minhashes, strict=True)]
        placeholders = ", ".join("?" for _ in _COLUMNS)
        try:
            with _transaction(self._db):
                self._db.executemany(
                    f"INSERT INTO articles ({', '.join(_COLUMNS)}) VALUES ({placeholders})", rows
                )
                sqlite_search.index_articles(self._db, batch.articles)
                self._write_stories(batch)
        except sqlite3.Error as error:
            raise StoreError(
                f"{self.path}: cannot store a batch of {len(rows)} articles ({error})"
            ) from error

    @contextmanager
    def writer(self) -> Iterator[None]:
        """A lock on the file ``<store>.writer`` beside the store (an in-memory store needs
        none: no other process can reach it)."""
        if str(self.path) == ":memory:":
            yield
            return
        with open(f"{self.path}.writer", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _write_stories(self, batch: BatchWrite) -> None:
        self._db.executemany(
            "INSERT INTO stories (id, article_count, languages, first_published, last_published,"
            " merged_into, state) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET article_count = excluded.article_count,"
            " languages = excluded.languages, first_published = excluded.first_published,"
            " last_published = excluded.last_published, merged_into = excluded.merged_into,"
            " state = excluded.state,"
            " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            [
                (
                    s.id,
                    s.article_count,
                    json.dumps(s.languages),
                    s.first_published,
                    s.last_published,
                    s.merged_into,
                    s.state,
                )
                for s in batch.stories
            ],
        )
        self._db.executemany(
            "INSERT OR REPLACE INTO assignments (article_id, story_id, score, evidence)"
            " VALUES (?, ?, ?, ?)",
            [
                (a.article_id, a.story_id, a.score, json.dumps(a.evidence, ensure_ascii=False))
                for a in batch.assignments
            ],
        )
        self._db.executemany(
            "UPDATE articles SET story_id = ? WHERE id = ?",
            [(a.story_id, a.article_id) for a in batch.assignments],
        )
        for gone, kept in batch.merged.items():
            self._db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (kept, gone))
            self._db.execute("UPDATE assignments SET story_id = ? WHERE story_id = ?", (kept, gone))
        self._db.executemany(
            "INSERT OR REPLACE INTO engine_state (name, value) VALUES (?, ?)",
            list(batch.state.items()),
        )

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            marks = ", ".join("?" for _ in chunk)
            cursor = self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in cursor)
        return found

    def ids_by_content_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(hashes)):
            marks = ", ".join("?" for _ in chunk)
            cursor = self._db.execute(
                "SELECT content_hash, id FROM articles WHERE content_hash IN"
                f" ({marks}) ORDER BY seq",
                chunk,
            )
            for content_hash, article_id in cursor:
                found.setdefault(content_hash, article_id)
        return found

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        cursor = self._db.execute(
            "SELECT id, minhash FROM articles"
            " WHERE minhash IS NOT NULL AND duplicate_of IS NULL ORDER BY seq"
        )
        yield from cursor

    def article(self, article_id: str) -> Article | None:
        row = self._db.execute(f"{_SELECT} WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else _from_row(row)

    def articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        cursor = self._db.execute(
            f"{_SELECT} ORDER BY seq LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset)
        )
        for row in cursor:
            yield _from_row(row)

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def stories(self, include_merged: bool = False) -> Iterator[StoryRecord]:
        where = "" if include_merged else " WHERE merged_into IS NULL"
        cursor = self._db.execute(f"{_SELECT_STORY}{where} ORDER BY seq")
        for row in cursor:
            yield _story_from_row(row)

    def story(self, story_id: str) -> StoryRecord | None:
        row = self._db.execute(f"{_SELECT_STORY} WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else _story_from_row(row)

    def story_article_ids(self, story_id: str) -> list[str]:
        cursor = self._db.execute(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [row[0] for row in cursor]

    def assignment(self, article_id: str) -> StoryAssignment | None:
        row = self._db.execute(
            "SELECT article_id, story_id, score, evidence FROM assignments WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return StoryAssignment(row[0], row[1], row[2], json.loads(row[3]))

    def state(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM engine_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def write_built_stories(self, built: Iterable[BuiltStory]) -> None:
        built = list(built)
        rows = [
            (
                b.story_id,
                b.lang_out,
                b.article_count,
                json.dumps(b.record, ensure_ascii=False),
                *(b.record.get(name) for name in _LISTED),
            )
            for b in built
        ]
        with _transaction(self._db):
            self._db.executemany(
                "INSERT INTO story_texts (story_id, lang_out, article_count, record,"
                f" {', '.join(_LISTED)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (story_id) DO UPDATE SET"
                " lang_out = excluded.lang_out, article_count = excluded.article_count,"
                " record = excluded.record, built_at = excluded.built_at,"
                + ", ".join(f" {name} = excluded.{name}" for name in _LISTED),
                rows,
            )
            sqlite_search.index_stories(self._db, built)

    def built_story(self, story_id: str) -> BuiltStory | None:
        row = self._db.execute(
            "SELECT story_id, lang_out, article_count, record FROM story_texts WHERE story_id = ?",
            (story_id,),
        ).fetchone()
        return None if row is None else BuiltStory(row[0], row[1], row[2], json.loads(row[3]))

    def stories_to_build(self, lang_out: str) -> list[str]:
        cursor = self._db.execute(
            "SELECT s.id FROM stories s LEFT JOIN story_texts t ON t.story_id = s.id"
            " WHERE s.merged_into IS NULL AND (t.story_id IS NULL OR t.lang_out != ?"
            " OR t.article_count != s.article_count OR t.built_at < s.updated_at)"
            " ORDER BY s.seq",
            (lang_out,),
        )
        return [row[0] for row in cursor]

    def find_stories(self, query: StoryQuery) -> tuple[list[StoryListing], int]:
        return sqlite_search.find_stories(self._db, query)

    def languages(self) -> list[str]:
        cursor = self._db.execute(
            "SELECT lang FROM articles GROUP BY lang ORDER BY count(*) DESC, lang"
        )
        return [row[0] for row in cursor]

    def stories_version(self) -> str:
        count, articles, changed = self._db.execute(
            "SELECT count(*), sum(article_count), max(updated_at) FROM stories"
        ).fetchone()
        return f"{count}/{articles}@{changed}"

    def search_stories(self, text: str, limit: int) -> list[tuple[str, float]]:
        return sqlite_search.search_stories(self._db, text, limit)

    def search_articles(self, text: str, limit: int) -> list[tuple[str, float]]:
        return sqlite_search.search_articles(self._db, text, limit)

    def close(self) -> None:
        self._db.close()


class _transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error (autocommit connection)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _migrate(db: sqlite3.Connection) -> None:
    """Apply the numbered ``migrations/*.sql`` files newer than the file's ``user_version``."""
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    for version, script in migration_scripts("migrations"):
        if version <= current:
            continue
        # One script, one transaction: a crash mid-migration leaves the previous version.
        sql = script.read_text(encoding="utf-8")
        db.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _to_row(article: Article, minhash: bytes | None) -> tuple[Any, ...]:
    removed = [asdict(span) for span in article.removed]
    return (
        article.id,
        article.content_hash,
        article.duplicate_of,
        article.origin,
        article.format,
        article.title,
        article.text,
        article.clean_text,
        article.lang,
        article.published,
        article.published_source,
        article.dateline,
        article.source,
        article.url,
        article.story_id,
        json.dumps(removed, ensure_ascii=False),
        json.dumps(article.metadata, ensure_ascii=False, default=str),
        minhash,
    )


def _from_row(row: tuple[Any, ...]) -> Article:
    (
        article_id,
        content_hash,
        duplicate_of,
        origin,
        fmt,
        title,
        text,
        clean_text,
        lang,
        published,
        published_source,
        dateline,
        source,
        url,
        story_id,
        removed,
        metadata,
    ) = row
    return Article(
        id=article_id,
        text=text,
        clean_text=clean_text,
        title=title,
        lang=lang,
        published=published,
        published_source=published_source,
        content_hash=content_hash,
        origin=origin,
        source=source,
        url=url,
        format=fmt,
        dateline=dateline,
        duplicate_of=duplicate_of,
        story_id=story_id,
        removed=[RemovedSpan(**span) for span in json.loads(removed)],
        metadata=json.loads(metadata),
    )


def _story_from_row(row: tuple[Any, ...]) -> StoryRecord:
    story_id, count, languages, first, last, state, merged_into = row
    return StoryRecord(
        id=story_id,
        article_count=count,
        languages=json.loads(languages),
        first_published=first,
        last_published=last,
        state=bytes(state),
        merged_into=merged_into,
    )
