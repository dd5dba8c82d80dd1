"""Reading stories back: one story, filtered pages of stories, and search (full text + meaning).

The catalog reads a store only; the engine and the servers share it. A story is returned as
last built when that build is current (same articles), else with its plain fields only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from .cluster.profile import profile_centroid
from .model import Article, Story, StoryListing, StoryRecord
from .store import Store, StoryQuery

#: Hits taken from each of the full-text and the vector ranking before they are fused.
SEARCH_DEPTH = 200
#: Reciprocal-rank fusion constant: how flat the fused ranking is (60 is the usual choice).
RRF_K = 60
#: Least cosine (language-corrected query vs story centroid) for a story to count as a
#: vector hit: below it a query shares little more than its language with a story.
DENSE_FLOOR = 0.25


@dataclass(slots=True)
class StoryPage:
    """One page of a story listing and how many stories passed the filters in all."""

    stories: list[StoryListing]
    total: int
    limit: int
    offset: int


@dataclass(slots=True)
class SearchHits:
    """Stories and articles matching a query, best first, each with its score."""

    stories: list[tuple[StoryListing, float]] = field(default_factory=list)
    articles: list[tuple[Article, float]] = field(default_factory=list)


class StoryCatalog:
    """Stories and articles of one store, as readers want them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._vectors: tuple[str, list[str], np.ndarray] | None = None
        self._languages: tuple[str, list[str]] | None = None

    def story(self, story_id: str) -> Story | None:
        """One story, or ``None`` (also for a story merged into another)."""
        record = self.store.story(story_id)
        if record is None or record.merged_into is not None:
            return None
        return self._story(record)

    def stories(self) -> Iterator[Story]:
        """Every live story, in the order they were opened."""
        for record in self.store.stories():
            yield self._story(record)

    def languages(self) -> list[str]:
        """Languages of the stored articles, most common first."""
        version = self.store.stories_version()
        if self._languages is None or self._languages[0] != version:
            self._languages = (version, self.store.languages())
        return self._languages[1]

    def page(
        self, query: StoryQuery, text: str | None = None, vector: np.ndarray | None = None
    ) -> StoryPage:
        """Stories passing ``query``'s filters; with ``text`` only those matching it (full text,
        or meaning when ``vector`` — the query's vector — is given), best match first."""
        if text:
            ranked = [story_id for story_id, _ in self.ranked_story_ids(text, vector)]
            query = StoryQuery(
                lang=query.lang,
                entity=query.entity,
                since=query.since,
                until=query.until,
                story_ids=ranked,
                limit=query.limit,
                offset=query.offset,
            )
        listings, total = self.store.find_stories(query)
        return StoryPage(listings, total, query.limit, query.offset)

    def search(self, text: str, vector: np.ndarray | None = None, limit: int = 20) -> SearchHits:
        """The stories and the articles best matching ``text``."""
        hits = SearchHits()
        ranked = self.ranked_story_ids(text, vector)[:limit]
        listings, _ = self.store.find_stories(
            StoryQuery(story_ids=[story_id for story_id, _ in ranked], limit=limit)
        )
        scores = dict(ranked)
        hits.stories = [(listing, scores[listing.id]) for listing in listings]
        for article_id, score in self.store.search_articles(text, limit):
            article = self.store.article(article_id)
            if article is not None:
                hits.articles.append((article, score))
        return hits

    def ranked_story_ids(
        self, text: str, vector: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """Story ids matching ``text`` by words and (given ``vector``) by meaning, fused by
        reciprocal rank: a story found both ways comes before one found one way."""
        fused: dict[str, float] = {}
        rankings = [self.store.search_stories(text, SEARCH_DEPTH)]
        if vector is not None:
            rankings.append(self._nearest(vector))
        for ranking in rankings:
            for rank, (story_id, _score) in enumerate(ranking):
                fused[story_id] = fused.get(story_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        return sorted(fused.items(), key=lambda item: (-item[1], item[0]))

    def _nearest(self, vector: np.ndarray) -> list[tuple[str, float]]:
        ids, matrix = self._story_vectors()
        if not ids:
            return []
        similarities = matrix @ vector.astype(np.float32)
        order = np.argsort(-similarities, kind="stable")[:SEARCH_DEPTH]
        return [(ids[i], float(similarities[i])) for i in order if similarities[i] >= DENSE_FLOOR]

    def _story_vectors(self) -> tuple[list[str], np.ndarray]:
        """Centroids of the live stories, read again only when the stories changed."""
        version = self.store.stories_version()
        if self._vectors is None or self._vectors[0] != version:
            ids: list[str] = []
            rows: list[np.ndarray] = []
            for record in self.store.stories():
                centroid = profile_centroid(record.state) if record.state else None
                if centroid is not None:
                    ids.append(record.id)
                    rows.append(centroid)
            matrix = np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
            self._vectors = (version, ids, matrix)
        return self._vectors[1], self._vectors[2]

    def _story(self, record: StoryRecord) -> Story:
        built = self.store.built_story(record.id)
        if built is not None and built.article_count == record.article_count:
            return Story.from_record(built.record)
        return Story(
            id=record.id,
            article_ids=self.store.story_article_ids(record.id),
            languages=record.languages,
            first_published=record.first_published,
            last_published=record.last_published,
        )
