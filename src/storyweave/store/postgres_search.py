"""The PostgreSQL store's full-text search and story listings.

Text is tokenised here, in Python, exactly as for the SQLite index (``fulltext.index_text``:
one token per character in scripts written without spaces), then case and the diacritics of
Latin letters are folded, so "ha noi" finds "Hà Nội" and "大学" finds "北京大学举行". The tokens
go into a ``tsvector`` written as a literal, with their positions and a weight per field, so
PostgreSQL's text parser (which reads "U.S." or "e-mail" its own way) and dictionaries never
see the text: the index behaves as the SQLite one does, on every server, with or without the
``unaccent`` extension. A query word becomes a phrase of its tokens (``'北' <-> '京'``), and
every word must match (``&``).

>>> search_vector([("A", ["Hà Nội"]), ("D", ["Hội nghị ở Hà Nội"])])
"'ha':1A,7 'noi':2A,8 'hoi':4 'nghi':5 'o':6"
>>> search_query('北京 "Hà Nội"')
"('北' <-> '京') & ('ha') & ('noi')"
>>> search_query("  ?! ") is None
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg
import regex

from ..model import Article, BuiltStory, StoryListing
from .base import StoryQuery
from .fulltext import index_text
from .story_pages import LISTING_SELECT, ListingDialect, find_story_page, listings_in_order

#: Word characters, as ``fulltext.match_expression`` reads a query.
_TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+")
#: Combining marks on a Latin letter: the diacritics folded (Vietnamese tones and hats, é, ñ).
_LATIN_MARKS = regex.compile(r"(\p{Latin})\p{Mn}+")
#: Ranking weights of the vectors' labels, in ``ts_rank`` order {D, C, B, A}: for stories
#: entities C, summary B, headline A; for articles body D, title A.
_STORY_WEIGHTS = "{0.1, 0.5, 0.5, 1.0}"
_ARTICLE_WEIGHTS = "{0.5, 0.1, 0.1, 1.0}"
#: An article hit ranks its story below a story hit of the same strength.
_ARTICLE_HIT_DISCOUNT = 0.5
#: PostgreSQL's limits: positions 1..16383, 256 positions per lexeme, lexemes under 2 KiB,
#: and 1 MiB of lexemes and positions per vector. A longer text keeps its first lexemes.
_MAX_POSITION = 16383
_MAX_POSITIONS_PER_LEXEME = 256
_MAX_LEXEME_BYTES = 2046
_MAX_VECTOR_BYTES = 1_000_000


def fold(token: str) -> str:
    """``token`` in lower case, without the diacritics of Latin letters.

    >>> fold("Nguyễn"), fold("Đà"), fold("Шойгу")
    ('nguyen', 'đa', 'шойгу')
    """
    decomposed = unicodedata.normalize("NFD", token.lower())
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub(r"\1", decomposed))


def tokens(text: str | None) -> list[str]:
    """The folded tokens of ``text``, in order."""
    found = (fold(token) for token in _TOKEN.findall(index_text(text)))
    return [token for token in found if token]


def search_vector(fields: Iterable[tuple[str, Sequence[str | None]]]) -> str:
    """A ``tsvector`` literal of ``fields``: ``(weight label, texts)`` pairs. A position is left
    empty after each text, so that no phrase matches across two texts (two entity names)."""
    positions: dict[str, list[str]] = {}
    position = 0
    size = 0
    for weight, texts in fields:
        label = "" if weight == "D" else weight
        for text in texts:
            for token in tokens(text):
                position += 1
                entry = positions.get(token)
                if entry is None:
                    # A lexeme takes its bytes, one of padding at most, and (with positions)
                    # a count and two bytes per position.
                    length = len(token.encode("utf-8")) + 3
                    if length > _MAX_LEXEME_BYTES or size + length > _MAX_VECTOR_BYTES:
                        continue
                    size += length
                    entry = positions[token] = []
                if len(entry) < _MAX_POSITIONS_PER_LEXEME and position <= _MAX_POSITION:
                    entry.append(f"{position}{label}")
                    size += 2
            position += 1
    return " ".join(
        _quote(token) + (":" + ",".join(places) if places else "")
        for token, places in positions.items()
    )


def search_query(text: str, weight: str = "") -> str | None:
    """A ``tsquery`` literal matching every word of ``text`` (each a phrase of its tokens,
    limited to lexemes of ``weight`` when given), or ``None`` when it has no word."""
    phrases = [_phrase(tokens(word), weight) for word in text.split()]
    return " & ".join(f"({phrase})" for phrase in phrases if phrase) or None


def article_vector(article: Article) -> str:
    """What the index holds of an article: its title, then its clean text."""
    return search_vector([("A", [article.title]), ("D", [article.clean_text])])


def story_vector(story: BuiltStory) -> str:
    """What the index holds of a built story: headline, summary, and each entity's name and
    surface forms apart."""
    record = story.record
    entities = record.get("entities") or []
    names = sorted(
        {form for e in entities for form in [e.get("name", ""), *e.get("forms", [])] if form}
    )
    return search_vector(
        [("A", [record.get("headline")]), ("B", [record.get("summary")]), ("C", names)]
    )


def search_stories(db: psycopg.Connection[Any], text: str, limit: int) -> list[tuple[str, float]]:
    """Live stories matching every word of ``text`` in their own text or their articles',
    best first, as ``(story id, score)`` with higher scores better."""
    query = search_query(text)
    if query is None:
        return []
    rows = db.execute(
        "WITH q AS (SELECT %(query)s::tsquery AS query)"
        " SELECT hit.story_id, max(hit.score) AS best FROM ("
        "  SELECT t.story_id, ts_rank(%(story_weights)s::float4[], t.search, q.query) AS score"
        "   FROM story_texts t, q WHERE t.search @@ q.query"
        "  UNION ALL"
        "  SELECT a.story_id,"
        "   ts_rank(%(article_weights)s::float4[], a.search, q.query) * %(discount)s"
        "   FROM articles a, q WHERE a.search @@ q.query AND a.story_id IS NOT NULL"
        " ) AS hit JOIN stories s ON s.id = hit.story_id"
        " WHERE s.merged_into IS NULL GROUP BY hit.story_id"
        " ORDER BY best DESC, hit.story_id LIMIT %(limit)s",
        {
            "query": query,
            "story_weights": _STORY_WEIGHTS,
            "article_weights": _ARTICLE_WEIGHTS,
            "discount": _ARTICLE_HIT_DISCOUNT,
            "limit": limit,
        },
    ).fetchall()
    return [(row[0], float(row[1])) for row in rows]


def search_articles(db: psycopg.Connection[Any], text: str, limit: int) -> list[tuple[str, float]]:
    """Articles matching every word of ``text``, best first, as ``(article id, score)``."""
    query = search_query(text)
    if query is None:
        return []
    rows = db.execute(
        "SELECT a.id, ts_rank(%s::float4[], a.search, q.query) AS score"
        " FROM articles a, (SELECT %s::tsquery AS query) AS q"
        " WHERE a.search @@ q.query ORDER BY score DESC, a.seq LIMIT %s",
        (_ARTICLE_WEIGHTS, query, limit),
    ).fetchall()
    return [(row[0], float(row[1])) for row in rows]


_DIALECT = ListingDialect(
    mark="%s",
    has_language="%s = ANY (languages)",
    has_entity="id IN (SELECT story_id FROM story_texts WHERE search @@ %s::tsquery)",
    # One name, its words in order, among the entities (weight C) only.
    entity_match=lambda name: _phrase(tokens(name), "C"),
    among_ids=lambda ids: ("id = ANY (%s::text[])", [ids]),
)


def find_stories(db: psycopg.Connection[Any], query: StoryQuery) -> tuple[list[StoryListing], int]:
    """One page of the live stories passing ``query``'s filters, and how many pass in all.
    Newest first, or in ``query.story_ids`` order when given."""

    def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return db.execute(sql, params).fetchall()

    return find_story_page(rows, _DIALECT, query, lambda ids: _listings(db, ids))


def _listings(db: psycopg.Connection[Any], story_ids: list[str]) -> list[StoryListing]:
    if not story_ids:
        return []
    found = db.execute(f"{LISTING_SELECT} WHERE s.id = ANY (%s::text[])", (story_ids,)).fetchall()
    return listings_in_order(found, story_ids, list)


def _phrase(words: list[str], weight: str) -> str | None:
    return " <-> ".join(_quote(word) + (f":{weight}" if weight else "") for word in words) or None


def _quote(lexeme: str) -> str:
    """``lexeme`` quoted for a ``tsvector`` or ``tsquery`` literal."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
