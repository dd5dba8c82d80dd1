"""The REST API, ``/api/v1``: stories, articles, search, and adding articles."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator

from .. import __version__
from ..store import StoryQuery
from .schemas import (
    MAX_ARTICLES_PER_REQUEST,
    AddedOut,
    ArticleHit,
    ArticleIn,
    ArticleOut,
    AssignmentOut,
    Health,
    Problem,
    SearchOut,
    StoryHit,
    StoryListItem,
    StoryOut,
    StoryPageOut,
)
from .service import StoryService

router = APIRouter(prefix="/api/v1")
_bearer = HTTPBearer(auto_error=False, description="Needed for writes when a token is set.")

Id = Annotated[str, Path(min_length=1, max_length=512)]
Text = Annotated[str | None, Query(min_length=1, max_length=500, description="Words to find")]
Lang = Annotated[
    str | None,
    Query(pattern=r"^[a-z]{2,3}$", description="Stories with an article in this language"),
]
Entity = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Stories naming this entity")
]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: object) -> object:
    """Days as the schema says, ``YYYY-MM-DD``: pydantic alone would also read ``0`` or
    ``1470000000`` as Unix times."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("expected a day as YYYY-MM-DD")
    return value


Since = Annotated[
    date | None,
    Query(description="Stories with an article on or after this day"),
    BeforeValidator(iso_day),
]
Until = Annotated[
    date | None,
    Query(description="Stories with an article on or before this day"),
    BeforeValidator(iso_day),
]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


def service(request: Request) -> StoryService:
    """The app's service (set up when the app starts)."""
    found: StoryService = request.app.state.service
    return found


Service = Annotated[StoryService, Depends(service)]


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Writes need ``Authorization: Bearer TOKEN`` when the server has a token."""
    token: str | None = request.app.state.token
    if token is None:
        return
    given = "" if credentials is None else credentials.credentials
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            status_code=401,
            detail="this server needs 'Authorization: Bearer TOKEN' to add articles",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.get("/health", response_model=Health)
def health(svc: Service) -> Health:
    """Liveness, with how many articles and stories are stored."""
    with svc.reading() as catalog:
        return Health(
            status="ok",
            version=__version__,
            articles=catalog.store.count_articles(),
            stories=catalog.store.find_stories(StoryQuery(limit=1))[1],
        )


@router.get("/stories", response_model=StoryPageOut)
def list_stories(
    svc: Service,
    q: Text = None,
    lang: Lang = None,
    entity: Entity = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> StoryPageOut:
    """Stories, newest first, or best match first with ``q`` (full text and meaning)."""
    query = story_query(lang, entity, since, until, limit, offset)
    vector = svc.query_vector(q) if q else None
    with svc.reading() as catalog:
        page = catalog.page(query, text=q, vector=vector)
    return StoryPageOut(
        items=[StoryListItem.of(s) for s in page.stories],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


def story_query(
    lang: str | None,
    entity: str | None,
    since: date | None,
    until: date | None,
    limit: int,
    offset: int,
) -> StoryQuery:
    """The store's query for the listing filters (``until`` is a whole day, included)."""
    return StoryQuery(
        lang=lang,
        entity=entity,
        since=since.isoformat() if since else None,
        until=(until + timedelta(days=1)).isoformat() if until and until < date.max else None,
        limit=limit,
        offset=offset,
    )


@router.get("/stories/{story_id:path}", response_model=StoryOut, responses=_NOT_FOUND)
def get_story(story_id: Id, svc: Service) -> StoryOut:
    """One story with its headline, summary, entities, quotes, facts, discrepancies, timeline."""
    with svc.reading() as catalog:
        story = catalog.story(story_id)
    if story is None:
        raise HTTPException(status_code=404, detail=f"no story {story_id!r}")
    return StoryOut.of(story)


@router.get("/articles/{article_id:path}", response_model=ArticleOut, responses=_NOT_FOUND)
def get_article(article_id: Id, svc: Service) -> ArticleOut:
    """One stored article: original and clean text, what cleaning removed, why it joined its
    story."""
    with svc.reading() as catalog:
        article = catalog.store.article(article_id)
        assignment = catalog.store.assignment(article_id) if article else None
    if article is None:
        raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
    why = None
    if assignment is not None:
        why = {"probability": assignment.score, **assignment.evidence}
    return ArticleOut.of(article, why)


@router.get("/search", response_model=SearchOut)
def search(
    svc: Service,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find")],
    limit: Limit = 20,
) -> SearchOut:
    """Stories and articles matching ``q``: every word (in any script), or the meaning."""
    vector = svc.query_vector(q)
    with svc.reading() as catalog:
        hits = catalog.search(q, vector, limit)
    return SearchOut(
        q=q,
        stories=[StoryHit(story=StoryListItem.of(s), score=score) for s, score in hits.stories],
        articles=[
            ArticleHit(id=a.id, title=a.title, lang=a.lang, story_id=a.story_id, score=score)
            for a, score in hits.articles
        ],
    )


@router.post(
    "/articles",
    response_model=AddedOut,
    dependencies=[Depends(require_token)],
    responses={
        400: {"model": Problem, "description": "The body cannot be read (not UTF-8)"},
        401: {"model": Problem},
        413: {"model": Problem},
    },
)
def add_articles(
    svc: Service,
    articles: Annotated[list[ArticleIn], Body(min_length=1, max_length=MAX_ARTICLES_PER_REQUEST)],
) -> AddedOut:
    """Add articles (the input format); each is cleaned, clustered and stored, and the
    stories they join are rebuilt. Returns each article's outcome, in order."""
    limit = svc.settings.max_article_bytes
    for index, article in enumerate(articles):
        size = len(article.text.encode("utf-8"))
        if size > limit:
            raise HTTPException(
                status_code=413,
                detail=f"article {index}: text is {size} bytes, more than the {limit} allowed",
            )
    records = [article.model_dump(exclude_none=True) for article in articles]
    assignments, built = svc.add(records)
    return AddedOut(
        assignments=[AssignmentOut.of(i, a) for i, a in enumerate(assignments)],
        stories_built=built,
    )
