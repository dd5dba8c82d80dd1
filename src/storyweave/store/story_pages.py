"""One page of story listings, for both store backends: the filters of a ``StoryQuery`` as SQL,
the order (newest first, or the order of the ids given), and the total. What differs between
SQLite and PostgreSQL (placeholders, how a language or an entity is matched, how a list of ids
is passed) comes in a :class:`ListingDialect`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import StoryListing
from .base import StoryQuery

Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class ListingDialect:
    """The SQL of one backend. ``mark`` is its placeholder; ``has_language`` and ``has_entity``
    are conditions taking one parameter (the language code; what ``entity_match`` makes of an
    entity name, ``None`` when it matches nothing); ``among_ids`` a condition and its
    parameters for a list of story ids."""

    mark: str
    has_language: str
    has_entity: str
    entity_match: Callable[[str], str | None]
    among_ids: Callable[[list[str]], tuple[str, list[Any]]]


def find_story_page(
    rows: Rows,
    dialect: ListingDialect,
    query: StoryQuery,
    listings: Callable[[list[str]], list[StoryListing]],
) -> tuple[list[StoryListing], int]:
    """One page of the live stories passing ``query``'s filters, and how many pass in all;
    ``rows(sql, params)`` runs a query, ``listings(ids)`` reads the page's listings in order."""
    mark = dialect.mark
    where = ["merged_into IS NULL"]
    params: list[Any] = []
    if query.lang:
        where.append(dialect.has_language)
        params.append(query.lang)
    if query.since:
        where.append(f"last_published >= {mark}")
        params.append(query.since)
    if query.until:
        where.append(f"first_published < {mark}")
        params.append(query.until)
    if query.entity is not None:
        match = dialect.entity_match(query.entity)
        if match is None:
            return [], 0
        where.append(dialect.has_entity)
        params.append(match)
    if query.story_ids is not None:
        ranked = list(dict.fromkeys(query.story_ids))
        if not ranked:
            return [], 0
        condition, id_params = dialect.among_ids(ranked)
        where.append(condition)
        params.extend(id_params)
    condition = " AND ".join(where)
    if query.story_ids is not None:
        found = [row[0] for row in rows(f"SELECT id FROM stories WHERE {condition}", params)]
        order = {story_id: rank for rank, story_id in enumerate(ranked)}
        found.sort(key=order.__getitem__)
        return listings(found[query.offset : query.offset + query.limit]), len(found)
    total = int(rows(f"SELECT count(*) FROM stories WHERE {condition}", params)[0][0])
    # Only ids are sorted (along the newest-first index); the page's rows are read after,
    # as a story's state is kilobytes.
    page = rows(
        f"SELECT id FROM stories WHERE {condition}"
        f" ORDER BY coalesce(last_published, '') DESC, seq DESC LIMIT {mark} OFFSET {mark}",
        [*params, query.limit, query.offset],
    )
    return listings([row[0] for row in page]), total


#: The columns of a listing, with the built fields only when the build is of the story's
#: present articles; the backends add their ``WHERE s.id …`` clause.
LISTING_SELECT = (
    "SELECT s.id, s.article_count, s.languages, s.first_published, s.last_published,"
    " t.headline, t.headline_lang, t.summary_lang, t.event_date"
    " FROM stories s LEFT JOIN story_texts t"
    " ON t.story_id = s.id AND t.article_count = s.article_count"
)


def listings_in_order(
    found: Sequence[tuple[Any, ...]], story_ids: list[str], languages: Callable[[Any], list[str]]
) -> list[StoryListing]:
    """The listings of rows of :data:`LISTING_SELECT`, in the order of ``story_ids``;
    ``languages`` reads the languages column as the backend stores it."""
    by_id = {row[0]: StoryListing(row[0], row[1], languages(row[2]), *row[3:]) for row in found}
    return [by_id[story_id] for story_id in story_ids if story_id in by_id]
