"""Writers of the output files (``articles.jsonl`` …), atomically: no reader sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .model import Article, Story
from .stories.report import render_markdown
from .stories.report_html import render_html

if TYPE_CHECKING:
    from .engine import Engine


def write_articles_jsonl(articles: Iterable[Article], path: Path) -> int:
    """Write one ``articles.jsonl`` record per article to ``path``; return how many."""
    return _write_jsonl((article.to_record() for article in articles), path)


def _write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with _replacing(path) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, default=str))
            out.write("\n")
            count += 1
    return count


@contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """A text file written beside ``path`` that replaces it only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_stories_jsonl(stories: Iterable[Story], path: Path) -> int:
    """Write one ``stories.jsonl`` record per story to ``path``; return how many."""
    return _write_jsonl((story.to_record() for story in stories), path)


def write_outputs(engine: Engine, folder: Path) -> tuple[int, int]:
    """Write ``articles.jsonl``, ``stories.jsonl``, ``report.html`` and ``report.md`` of the
    engine's store into ``folder``; return (articles, stories) written."""
    articles = {a.id: a for a in engine.articles()}
    written = write_articles_jsonl(articles.values(), folder / "articles.jsonl")
    stories = list(engine.stories())
    write_stories_jsonl(stories, folder / "stories.jsonl")
    stories.sort(key=lambda s: (-len(s.article_ids), s.id))
    for render, name in ((render_html, "report.html"), (render_markdown, "report.md")):
        with _replacing(folder / name) as out:
            out.write(render(stories, articles))
    return written, len(stories)
