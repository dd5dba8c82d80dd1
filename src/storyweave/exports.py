"""Writers of the output files (``articles.jsonl`` …), atomically: no reader sees half a file."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from .model import Article, Story
from .stories.report import format_quantity, render_markdown
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
        # mkstemp makes the file private; outputs get the permissions of any new file.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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


ExportFormat = Literal["jsonl", "csv", "md", "html"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "md", "html")

#: Columns of the CSV export: one row per story; lists are joined with " | ".
CSV_COLUMNS = (
    "id",
    "headline",
    "headline_lang",
    "summary",
    "summary_lang",
    "languages",
    "article_count",
    "article_ids",
    "first_published",
    "last_published",
    "event_date",
    "event_date_note",
    "entities",
    "quotes",
    "discrepancies",
)


class UnknownStories(ValueError):
    """Stories asked for by id that the store does not hold."""


def export_stories(
    engine: Engine,
    fmt: ExportFormat,
    path: Path | None = None,
    story_ids: Sequence[str] = (),
) -> int:
    """Write every story (or those in ``story_ids``, in that order) in ``fmt`` to ``path``
    (replaced whole once written) or to standard output; return how many were written.

    Raises ``UnknownStories`` naming the ids that are not in the store, before writing.
    """
    if story_ids:
        found = {story_id: engine.story(story_id) for story_id in dict.fromkeys(story_ids)}
        missing = [story_id for story_id, story in found.items() if story is None]
        if missing:
            raise UnknownStories(f"no such stories: {', '.join(missing)}")
        stories = [story for story in found.values() if story is not None]
    else:
        stories = list(engine.stories())
        stories.sort(key=lambda s: (-len(s.article_ids), s.id))
    target = _replacing(path) if path is not None else nullcontext(sys.stdout)
    with target as out:
        if fmt == "jsonl":
            for story in stories:
                out.write(json.dumps(story.to_record(), ensure_ascii=False, default=str) + "\n")
        elif fmt == "csv":
            write_stories_csv(stories, out)
        else:
            articles = {
                article.id: article
                for story in stories
                for article in map(engine.article, story.article_ids)
                if article is not None
            }
            render = render_html if fmt == "html" else render_markdown
            out.write(render(stories, articles))
    return len(stories)


def write_stories_csv(stories: Iterable[Story], out: TextIO) -> None:
    """One CSV row per story (:data:`CSV_COLUMNS`), for spreadsheets."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for story in stories:
        writer.writerow(
            [
                story.id,
                story.headline or "",
                story.headline_lang or "",
                " ".join(s.text for s in story.summary),
                story.summary_lang or "",
                " | ".join(story.languages),
                len(story.article_ids),
                " | ".join(story.article_ids),
                story.first_published or "",
                story.last_published or "",
                story.event_date or "",
                story.event_date_note or "",
                " | ".join(f"{e.name} ({e.type}, {e.mentions})" for e in story.entities),
                " | ".join(
                    f"{q.speaker or 'unattributed'}: \u201c{q.text}\u201d" for q in story.quotes
                ),
                " | ".join(
                    f"{d.what}: "
                    + " vs ".join(
                        f"{format_quantity(v.value, d.unit)} [{', '.join(v.article_ids)}]"
                        for v in d.values
                    )
                    for d in story.discrepancies
                ),
            ]
        )
