"""The web pages: the story list, a story, an article, and search results.

Server-rendered templates (Jinja2, autoescaped: article text can never become markup) and a
small script that only adds comfort; every page reads fully without it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from babel import Locale
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..model import Article, Story
from ..store import Store
from ..stories.report import (
    entity_groups,
    format_quantity,
    headline_lang_mark,
    safe_url,
    story_title,
    why_joined,
)
from .routes import Service, story_query
from .timeline_chart import PALETTE, timeline_svg

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
_ENGLISH = Locale("en")
_environment = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
)
_environment.globals.update(
    story_title=story_title,
    headline_lang_mark=headline_lang_mark,
    format_quantity=format_quantity,
    safe_url=safe_url,
    language_name=lambda code: _ENGLISH.languages.get(code, code),
    palette=PALETTE,
)
templates = Jinja2Templates(env=_environment)

Words = Annotated[str | None, Query(max_length=500)]


def _blank_to_none(value: str | None) -> str | None:
    """Empty form fields mean "no filter"."""
    return value.strip() or None if value is not None else None


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    svc: Service,
    q: Words = None,
    lang: Annotated[str | None, Query(max_length=10)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Stories, newest first (or best match first when searching), with filters."""
    q, lang, entity = _blank_to_none(q), _blank_to_none(lang), _blank_to_none(entity)
    first, last = _day(since, "since"), _day(until, "until")
    query = story_query(lang, entity, first, last, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    vector = svc.query_vector(q) if q else None
    with svc.reading() as catalog:
        listing = catalog.page(query, text=q, vector=vector)
        languages = catalog.languages()
    filters = {"q": q, "lang": lang, "entity": entity, "since": since, "until": until}
    kept = {name: value for name, value in filters.items() if value}
    pages = max(1, -(-listing.total // PAGE_SIZE))
    return templates.TemplateResponse(
        request,
        "stories.html",
        {
            "stories": listing.stories,
            "total": listing.total,
            "filters": filters,
            "languages": languages,
            "page": page,
            "pages": pages,
            "previous": _link("/", kept, page - 1) if page > 1 else None,
            "next": _link("/", kept, page + 1) if page < pages else None,
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, svc: Service, q: Words = None) -> HTMLResponse:
    """Stories and articles matching the words (or meaning) of ``q``."""
    q = _blank_to_none(q)
    hits = None
    if q:
        vector = svc.query_vector(q)
        with svc.reading() as catalog:
            hits = catalog.search(q, vector, limit=PAGE_SIZE)
    return templates.TemplateResponse(request, "search.html", {"q": q or "", "hits": hits})


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, svc: Service) -> HTMLResponse:
    """One story in full: summary with its sources, entities, quotes, disagreements,
    timeline, and every article with why it joined."""
    with svc.reading() as catalog:
        story = catalog.story(story_id)
        if story is None:
            raise HTTPException(status_code=404, detail="no such story")
        rows = [_article_row(catalog.store, article_id) for article_id in story.article_ids]
    articles = {row["id"]: row for row in rows}
    return templates.TemplateResponse(
        request,
        "story.html",
        {
            "story": story,
            "articles": rows,
            "by_id": articles,
            "entity_groups": entity_groups(story.entities),
            # Every label inside the chart is escaped where it is drawn.
            "timeline_svg": Markup(timeline_svg(story.timeline)),
        },
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, svc: Service) -> HTMLResponse:
    """One article: its clean text, and what cleaning removed (collapsed)."""
    with svc.reading() as catalog:
        article = catalog.store.article(article_id)
        if article is None:
            raise HTTPException(status_code=404, detail="no such article")
        assignment = catalog.store.assignment(article_id)
        story = catalog.story(article.story_id) if article.story_id else None
    return templates.TemplateResponse(
        request,
        "article.html",
        {
            "article": article,
            "paragraphs": [p for p in article.clean_text.split("\n") if p.strip()],
            "story": story,
            "why": why_joined(assignment) if article.story_id else None,
            "source": _source_label(article),
        },
    )


def _article_row(store: Store, article_id: str) -> dict[str, Any]:
    """What the story page shows of one of its articles."""
    article = store.article(article_id)
    if article is None:
        return {"id": article_id, "title": article_id, "lang": "", "source": "", "why": ""}
    return {
        "id": article.id,
        "title": article.title or article.clean_text[:80],
        "lang": article.lang,
        "source": _source_label(article),
        "url": safe_url(article.url),
        "published": article.published,
        "why": why_joined(store.assignment(article.id)),
    }


def _source_label(article: Article) -> str:
    if article.source:
        return article.source
    host = urlsplit(article.url).hostname if article.url else None
    return host or "\u2014"


def _day(value: str | None, name: str) -> date | None:
    value = _blank_to_none(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(status_code=400, detail=f"{name}: not a day (YYYY-MM-DD)") from None


def _link(path: str, params: dict[str, str], page: int) -> str:
    return f"{path}?{urlencode({**params, 'page': page})}"


def story_numbering(story: Story) -> dict[str, int]:
    """A number per article of the story (1, 2, …), in the story's order: summary sentences
    cite their sources by these numbers."""
    return {article_id: number for number, article_id in enumerate(story.article_ids, 1)}


def sources_in_order(article_ids: list[str], numbers: dict[str, int]) -> list[str]:
    """``article_ids`` in the order of their numbers on the page: ``[1][3]``, not ``[3][1]``."""
    return sorted(article_ids, key=lambda article_id: numbers.get(article_id, len(numbers) + 1))


_environment.globals.update(story_numbering=story_numbering, sources_in_order=sources_in_order)
