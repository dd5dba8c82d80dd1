"""The SQLite store's full-text index and story listings (FTS5; see ``fulltext``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Article, BuiltStory, StoryListing
from .base import StoryQuery
from .fulltext import column_phrase, index_text, match_expression
from .story_pages import LISTING_SELECT, ListingDialect, find_story_page, listings_in_order

#: Weights of the story index's columns in ranking (story_id, headline, summary, entities).
_STORY_WEIGHTS = "0.0, 4.0, 2.0, 2.0"
#: Weights of the article index's columns (title, body): a story's own text counts most.
_ARTICLE_WEIGHTS = "2.0, 1.0"
#: An article hit ranks its story below a story hit of the same strength.
_ARTICLE_HIT_DISCOUNT = 0.5
#: Indexed between two entity names so that no phrase matches across them: a private-use
#: character, a token to the index (unicode61 keeps category Co) that no query can contain.
_NAME_SEPARATOR = " \ue000 "


def register_functions(db: sqlite3.Connection) -> None:
    """Register the SQL functions the index's migration calls on this connection."""
    db.create_function("search_text", 1, index_text, deterministic=True)
    db.create_function("story_entities_text", 1, _story_entities_text, deterministic=True)


def _story_entities_text(record: str | None) -> str:
    if not record:
        return ""
    entities = json.loads(record).get("entities", [])
    names = {form for e in entities for form in [e.get("name", ""), *e.get("forms", [])] if form}
    return index_text(_NAME_SEPARATOR.join(sorted(names)))


def index_articles(db: sqlite3.Connection, articles: Iterable[Article]) -> None:
    """Add stored articles to the full-text index (inside the caller's transaction)."""
    db.executemany(
        "INSERT INTO article_search (rowid, title, body) SELECT seq, ?, ? FROM articles"
        " WHERE id = ?",
        [(index_text(a.title), index_text(a.clean_text), a.id) for a in articles],
    )


def index_stories(db: sqlite3.Connection, built: Iterable[BuiltStory]) -> None:
    """Replace the indexed text of rebuilt stories (inside the caller's transaction)."""
    for story in built:
        db.execute("DELETE FROM story_search WHERE story_id = ?", (story.story_id,))
        record = story.record
        db.execute(
            "INSERT INTO story_search (story_id, headline, summary, entities) VALUES (?, ?, ?, ?)",
            (
                story.story_id,
                index_text(record.get("headline")),
                index_text(record.get("summary")),
                _story_entities_text(json.dumps(record, ensure_ascii=False)),
            ),
        )


def search_stories(db: sqlite3.Connection, text: str, limit: int) -> list[tuple[str, float]]:
    """Live stories matching every word of ``text`` in their own text or their articles',
    best first, as ``(story id, score)`` with higher scores better."""
    match = match_expression(text)
    if match is None:
        return []
    cursor = db.execute(
        "SELECT hit.story_id, max(hit.score) AS best FROM ("
        f"  SELECT story_id, -bm25(story_search, {_STORY_WEIGHTS}) AS score"
        "   FROM story_search WHERE story_search MATCH ?"
        "  UNION ALL"
        f"  SELECT a.story_id, -bm25(article_search, {_ARTICLE_WEIGHTS}) * ? AS score"
        "   FROM article_search JOIN articles a ON a.seq = article_search.rowid"
        "   WHERE article_search MATCH ? AND a.story_id IS NOT NULL"
        ") AS hit JOIN stories s ON s.id = hit.story_id"
        " WHERE s.merged_into IS NULL GROUP BY hit.story_id ORDER BY best DESC LIMIT ?",
        (match, _ARTICLE_HIT_DISCOUNT, match, limit),
    )
    return [(row[0], float(row[1])) for row in cursor]


def search_articles(db: sqlite3.Connection, text: str, limit: int) -> list[tuple[str, float]]:
    """Articles matching every word of ``text``, best first, as ``(article id, score)``."""
    match = match_expression(text)
    if match is None:
        return []
    cursor = db.execute(
        f"SELECT a.id, -bm25(article_search, {_ARTICLE_WEIGHTS}) AS score FROM article_search"
        " JOIN articles a ON a.seq = article_search.rowid WHERE article_search MATCH ?"
        " ORDER BY score DESC LIMIT ?",
        (match, limit),
    )
    return [(row[0], float(row[1])) for row in cursor]


_DIALECT = ListingDialect(
    mark="?",
    has_language="EXISTS (SELECT 1 FROM json_each(languages) WHERE value = ?)",
    has_entity="id IN (SELECT story_id FROM story_search WHERE story_search MATCH ?)",
    entity_match=lambda name: column_phrase("entities", name),
    among_ids=lambda ids: (f"id IN ({', '.join('?' for _ in ids)})", list(ids)),
)


def find_stories(db: sqlite3.Connection, query: StoryQuery) -> tuple[list[StoryListing], int]:
    """One page of the live stories passing ``query``'s filters, and how many pass in all.
    Newest first, or in ``query.story_ids`` order when given."""

    def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return db.execute(sql, params).fetchall()

    return find_story_page(rows, _DIALECT, query, lambda ids: _listings(db, ids))


def _listings(db: sqlite3.Connection, story_ids: list[str]) -> list[StoryListing]:
    if not story_ids:
        return []
    found = db.execute(
        f"{LISTING_SELECT} WHERE s.id IN ({', '.join('?' for _ in story_ids)})", story_ids
    ).fetchall()
    return listings_in_order(found, story_ids, json.loads)
