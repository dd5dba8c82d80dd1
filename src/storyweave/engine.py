"""The Python API: ``Engine`` — the CLI and the servers are thin shells over it.

>>> from storyweave import Engine
>>> with Engine(db=":memory:") as engine:                       # doctest: +SKIP
...     engine.add([{"id": "a1", "text": "Title\\n\\nBody of the article."}])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from .config import Settings
from .ingest import read_inputs
from .ingest.jsonl import document_from_record
from .model import Article, InputProblem, RawDocument
from .pipeline import Assignment, Ingestor, IngestReport
from .store import Store, open_store


class Engine:
    """Articles in, stories out, over one store (a SQLite file by default)."""

    def __init__(self, db: str | Path | None = None, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        if db is not None:
            self.settings = self.settings.replace(db=db)
        self.store: Store = open_store(self.settings.db)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(
        self,
        inputs: Iterable[str],
        stdin: BinaryIO | None = None,
        on_assignment: Callable[[Assignment], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Read, clean, analyse and store every input (files, directories, URLs, ``-``).

        ``on_assignment`` hears each article's outcome as its batch commits; ``on_notice`` hears
        about inputs skipped on purpose (documentation files, label files, repeats).
        """
        documents = read_inputs(inputs, self.settings, stdin=stdin, on_notice=on_notice)
        with Ingestor(self.store, self.settings, on_assignment) as ingestor:
            return ingestor.run(documents)

    def add(
        self, articles: Iterable[Article | RawDocument | Mapping[str, Any]]
    ) -> list[Assignment]:
        """Store articles given in the input format (dicts) or as documents; one result each."""
        documents: list[RawDocument | InputProblem] = []
        for index, item in enumerate(articles):
            if isinstance(item, RawDocument):
                documents.append(item)
            elif isinstance(item, Article):
                documents.append(_document_from_article(item))
            else:
                documents.append(document_from_record(dict(item), f"<api>[{index}]"))
        with Ingestor(self.store, self.settings) as ingestor:
            return list(ingestor.assign(documents))

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or ``None``."""
        return self.store.article(article_id)

    def articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Stored articles in the order they were stored."""
        return self.store.articles(limit=limit, offset=offset)

    def count_articles(self) -> int:
        return self.store.count_articles()


def _document_from_article(article: Article) -> RawDocument:
    return RawDocument(
        origin=article.origin or f"<api>:{article.id}",
        text=article.text,
        id=article.id,
        title=article.title,
        published=article.published,
        source=article.source,
        url=article.url,
        lang=article.lang,
        format=article.format,
        metadata=dict(article.metadata),
    )
