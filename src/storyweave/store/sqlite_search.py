"""The SQLite store's full-text index and story listings (FTS5; see ``fulltext``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..model import Article, BuiltStory, StoryListing
from .base import StoryQuery
from .fulltext import column_phrase, index_text, match_expression

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


def find_stories(db: sqlite3.Connection, query: StoryQuery) -> tuple[list[StoryListing], int]:
    """One page of the live stories passing ``query``'s filters, and how many pass in all.
    Newest first, or in ``query.story_ids`` order when given."""
    where = ["merged_into IS NULL"]
    params: list[Any] = []
    if query.lang:
        where.append("EXISTS (SELECT 1 FROM json_each(languages) WHERE value = ?)")
        params.append(query.lang)
    if query.since:
        where.append("last_published >= ?")
        params.append(query.since)
    if query.until:
        where.append("first_published < ?")
        params.append(query.until)
    if query.entity is not None:
        phrase = column_phrase("entities", query.entity)
        if phrase is None:
            return [], 0
        where.append("id IN (SELECT story_id FROM story_search WHERE story_search MATCH ?)")
        params.append(phrase)
    if query.story_ids is not None:
        ranked = list(dict.fromkeys(query.story_ids))
        if not ranked:
            return [], 0
        where.append(f"id IN ({', '.join('?' for _ in ranked)})")
        params.extend(ranked)
    condition = " AND ".join(where)
    if query.story_ids is not None:
        found = [row[0] for row in db.execute(f"SELECT id FROM stories WHERE {condition}", params)]
        order = {story_id: rank for rank, story_id in enumerate(ranked)}
        found.sort(key=order.__getitem__)
        page = found[query.offset : query.offset + query.limit]
        return _listings(db, page), len(found)
    total = int(db.execute(f"SELECT count(*) FROM stories WHERE {condition}", params).fetchone()[0])
    # Only ids are sorted; the page's rows are read after (a story's state is kilobytes).
    page = [
        row[0]
        for row in db.execute(
            f"SELECT id FROM stories WHERE {condition}"
            " ORDER BY coalesce(last_published, '') DESC, seq DESC LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset],
        )
    ]
    return _listings(db, page), total


def _listings(db: sqlite3.Connection, story_ids: list[str]) -> list[StoryListing]:
    """Listings of these stories, in this order; a story's built fields only when the build
    is of its present articles."""
    if not story_ids:
        return []
    rows = db.execute(
        "SELECT s.id, s.article_count, s.languages, s.first_published, s.last_published,"
        " t.headline, t.headline_lang, t.summary_lang, t.event_date"
        " FROM stories s LEFT JOIN story_texts t"
        " ON t.story_id = s.id AND t.article_count = s.article_count"
        f" WHERE s.id IN ({', '.join('?' for _ in story_ids)})",
        story_ids,
    )
    found = {row[0]: StoryListing(row[0], row[1], json.loads(row[2]), *row[3:]) for row in rows}
    return [found[story_id] for story_id in story_ids if story_id in found]
