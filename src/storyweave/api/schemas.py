"""The REST API's request and response shapes (they make its OpenAPI schema).

Responses follow the ``stories.jsonl`` / ``articles.jsonl`` contracts in DESIGN.md.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Article, Story, StoryListing
from ..pipeline import Assignment, Outcome

#: Articles one ``POST /api/v1/articles`` may carry.
MAX_ARTICLES_PER_REQUEST = 100
#: Characters of one article's text (the store's byte limit is checked as well).
MAX_TEXT_CHARS = 1_000_000


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    articles: int
    stories: int


class EntityOut(BaseModel):
    name: str
    type: str
    mentions: int
    forms: list[str]
    article_ids: list[str]


class SummarySentenceOut(BaseModel):
    text: str
    lang: str
    article_ids: list[str]


class QuoteVariantOut(BaseModel):
    article_id: str
    lang: str
    text: str


class QuoteOut(BaseModel):
    text: str
    speaker: str | None
    article_ids: list[str]
    variants: list[QuoteVariantOut]


class FactOut(BaseModel):
    what: str
    value: float
    unit: str | None
    text: str
    article_ids: list[str]


class ReportedValueOut(BaseModel):
    value: float
    text: str
    article_ids: list[str]


class DiscrepancyOut(BaseModel):
    what: str
    unit: str | None
    values: list[ReportedValueOut]


class TimelineDayOut(BaseModel):
    day: str
    articles: dict[str, int]


class StoryListItem(BaseModel):
    """A story as listings show it."""

    id: str
    headline: str | None
    headline_lang: str | None
    languages: list[str]
    article_count: int
    first_published: str | None
    last_published: str | None
    event_date: str | None

    @classmethod
    def of(cls, story: StoryListing) -> StoryListItem:
        return cls(
            id=story.id,
            headline=story.headline,
            headline_lang=story.headline_lang,
            languages=list(story.languages),
            article_count=story.article_count,
            first_published=story.first_published,
            last_published=story.last_published,
            event_date=story.event_date,
        )


class StoryOut(BaseModel):
    """One story with every built field (the ``stories.jsonl`` record)."""

    id: str
    headline: str | None
    headline_lang: str | None
    summary: str | None
    summary_lang: str | None
    summary_sentences: list[SummarySentenceOut]
    languages: list[str]
    article_ids: list[str]
    first_published: str | None
    last_published: str | None
    event_date: str | None
    event_date_note: str | None
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    facts: list[FactOut]
    discrepancies: list[DiscrepancyOut]
    timeline: list[TimelineDayOut]

    @classmethod
    def of(cls, story: Story) -> StoryOut:
        return cls.model_validate(story.to_record())


class StoryPageOut(BaseModel):
    items: list[StoryListItem]
    total: int
    limit: int
    offset: int


class RemovedSpanOut(BaseModel):
    start: int
    end: int
    reason: str
    text: str


class ArticleOut(BaseModel):
    """One stored article (the ``articles.jsonl`` record; input metadata under ``metadata``)."""

    id: str
    title: str | None
    text: str
    clean_text: str
    lang: str
    published: str | None
    published_source: str
    source: str | None
    url: str | None
    story_id: str | None
    dateline: str | None
    duplicate_of: str | None
    removed: list[RemovedSpanOut]
    metadata: dict[str, Any]
    why: dict[str, Any] | None = Field(
        default=None, description="Why the article joined its story: probability and evidence."
    )

    @classmethod
    def of(cls, article: Article, why: dict[str, Any] | None = None) -> ArticleOut:
        record = article.to_record()
        fields = set(cls.model_fields) - {"metadata", "why"}
        return cls(
            **{name: record[name] for name in fields},
            metadata=dict(article.metadata),
            why=why,
        )


class StoryHit(BaseModel):
    story: StoryListItem
    score: float


class ArticleHit(BaseModel):
    id: str
    title: str | None
    lang: str
    story_id: str | None
    score: float


class SearchOut(BaseModel):
    q: str
    stories: list[StoryHit]
    articles: list[ArticleHit]


class ArticleIn(BaseModel):
    """An input article (DESIGN.md contract); unknown fields are kept as metadata."""

    model_config = ConfigDict(extra="allow")

    # An id names the article in URLs, files and terminals: no control characters.
    id: str | None = Field(
        default=None, min_length=1, max_length=512, pattern=r"^[^\x00-\x1f\x7f]+$"
    )
    title: str | None = Field(default=None, max_length=2_000)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    published: str | None = Field(default=None, max_length=100)
    source: str | None = Field(default=None, max_length=2_000)
    url: str | None = Field(default=None, max_length=8_000)
    lang: str | None = Field(default=None, max_length=35)


class AssignmentOut(BaseModel):
    """What happened to one posted article, in the order they were posted."""

    index: int
    article_id: str | None
    outcome: Outcome
    story_id: str | None
    duplicate_of: str | None
    problem: str | None

    @classmethod
    def of(cls, index: int, assignment: Assignment) -> AssignmentOut:
        problem = assignment.problem
        return cls(
            index=index,
            article_id=assignment.article_id,
            outcome=assignment.outcome,
            story_id=assignment.story_id,
            duplicate_of=assignment.duplicate_of,
            problem=None if problem is None else f"{problem.reason} [{problem.code}]",
        )


class AddedOut(BaseModel):
    assignments: list[AssignmentOut]
    stories_built: int


class Problem(BaseModel):
    """An error: what went wrong, in words."""

    detail: str
