"""Writers of the output files (``articles.jsonl`` …), atomically: no reader sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Article, Story
from .stories.report import render_markdown
from .stories.report_html import render_html

if TYPE_CHECKING:
    from .engine import Engine


def write_articles_jsonl(articles: Iterable[Article], path: Path) -> int:
    """Write one ``articles.jsonl`` record per article to ``path``; return how many."""
    return _write_jsonl((article.to_record() for article in articles), path)


def _write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, default=str))
                out.write("\n")
                count += 1
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def write_stories_jsonl(stories: Iterable[Story], path: Path) -> int:
    """Write one ``stories.jsonl`` record per story to ``path``; return how many."""
    return _write_jsonl((story.to_record() for story in stories), path)


def write_outputs(engine: Engine, folder: Path) -> tuple[int, int]:
    """Write ``articles.jsonl``, ``stories.jsonl``, ``report.html`` and ``report.md`` of the
    engine's store into ``folder``; return (articles, stories) written."""
    written = write_articles_jsonl(engine.articles(), folder / "articles.jsonl")
    stories = list(engine.stories())
    write_stories_jsonl(stories, folder / "stories.jsonl")
    articles = {a.id: a for a in engine.articles()}
    stories.sort(key=lambda s: (-len(s.article_ids), s.id))
    _write_text(render_html(stories, articles), folder / "report.html")
    _write_text(render_markdown(stories, articles), folder / "report.md")
    return written, len(stories)


def _write_text(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
