"""Wires the stages: read → clean → analyse → deduplicate → store, in batches, resumably.

Each batch of articles is prepared (in worker processes when there are enough of them) and then
written in one transaction, so a crash loses at most the batch in flight and a rerun skips what
is already stored.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from .analyze import detect_language, resolve_published
from .clean import clean_text
from .clean.dedup import NearDuplicateIndex, content_hash, minhash_signature
from .config import Settings
from .errors import problem
from .model import Article, InputProblem, RawDocument
from .store import Store

Outcome = Literal["stored", "duplicate", "exists", "rejected"]

# Below this many articles a batch is prepared in-process: a worker round trip costs more.
_MIN_PARALLEL_BATCH = 16


@dataclass(frozen=True, slots=True)
class Assignment:
    """What happened to one input article: stored, stored as a copy, already there, or rejected."""

    article_id: str | None
    outcome: Outcome
    origin: str
    duplicate_of: str | None = None
    story_id: str | None = None
    problem: InputProblem | None = None


@dataclass(slots=True)
class IngestReport:
    """Counts of one ingest run and every problem met on the way."""

    stored: int = 0
    duplicates: int = 0
    already_stored: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """True when some input could not be read or stored (the rest was)."""
        return bool(self.problems)

    def count(self, assignment: Assignment) -> None:
        if assignment.outcome == "stored":
            self.stored += 1
        elif assignment.outcome == "duplicate":
            self.stored += 1
            self.duplicates += 1
        elif assignment.outcome == "exists":
            self.already_stored += 1
        elif assignment.problem is not None:
            self.problems.append(assignment.problem)


def document_id(raw: RawDocument) -> str:
    """The id a document is stored under: its own, else a stable hash of its text."""
    if raw.id:
        return raw.id
    return "h" + hashlib.sha256(raw.text.encode("utf-8")).hexdigest()[:16]


def prepare_article(raw: RawDocument) -> Article | InputProblem:
    """Clean and analyse one raw document into an :class:`Article` (pure; runs in workers)."""
    try:
        cleaned = clean_text(raw.text, title=raw.title)
        lang = _given_language(raw.lang) or detect_language(
            f"{cleaned.title or ''}\n{cleaned.body}"
        )
        published, published_source = resolve_published(
            raw.published, cleaned.dateline, cleaned.body, lang
        )
        return Article(
            id=document_id(raw),
            text=raw.text,
            clean_text=cleaned.body,
            title=cleaned.title,
            lang=lang,
            published=published,
            published_source=published_source,
            content_hash=content_hash(cleaned.body),
            origin=raw.origin,
            source=raw.source,
            url=raw.url,
            format=raw.format,
            dateline=cleaned.dateline,
            removed=list(cleaned.removed),
            metadata=dict(raw.metadata),
        )
    except Exception as error:  # a bug on one article must not sink the batch
        return problem(raw.origin, "E120", f"{type(error).__name__}: {error}")


def _given_language(lang: str | None) -> str | None:
    if not lang or not lang.strip():
        return None
    return lang.strip().lower().replace("_", "-").split("-")[0]


class Ingestor:
    """Stores documents batch by batch into ``store``; one instance per run.

    >>> # with Ingestor(store, settings) as ingestor: report = ingestor.run(read_inputs(...))
    """

    def __init__(
        self,
        store: Store,
        settings: Settings,
        on_assignment: Callable[[Assignment], None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_assignment = on_assignment
        self._near: NearDuplicateIndex | None = None
        self._executor: Executor | None = None

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def run(self, documents: Iterable[RawDocument | InputProblem]) -> IngestReport:
        """Store every document; report what was stored, skipped, copied and refused."""
        report = IngestReport()
        for assignment in self.assign(documents):
            report.count(assignment)
        return report

    def assign(self, documents: Iterable[RawDocument | InputProblem]) -> Iterator[Assignment]:
        """Like :meth:`run`, yielding one :class:`Assignment` per input as its batch commits."""
        batch: list[RawDocument] = []
        for item in documents:
            if isinstance(item, InputProblem):
                yield self._emit(Assignment(None, "rejected", item.origin, problem=item))
                continue
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield from self._store_batch(batch)
                batch = []
        if batch:
            yield from self._store_batch(batch)

    def _emit(self, assignment: Assignment) -> Assignment:
        if self.on_assignment is not None:
            self.on_assignment(assignment)
        return assignment

    def _store_batch(self, batch: list[RawDocument]) -> Iterator[Assignment]:
        results: list[Assignment] = []
        fresh: list[RawDocument] = []
        seen = self.store.existing_ids(document_id(raw) for raw in batch)
        for raw in batch:
            article_id = document_id(raw)
            if article_id in seen:
                results.append(Assignment(article_id, "exists", raw.origin))
            else:
                seen.add(article_id)
                fresh.append(raw)

        articles: list[Article] = []
        for prepared in self._prepare(fresh):
            if isinstance(prepared, InputProblem):
                results.append(Assignment(None, "rejected", prepared.origin, problem=prepared))
            else:
                articles.append(prepared)

        signatures = (
            self._link_duplicates(articles)
            if self.settings.detect_duplicates
            else [None for _ in articles]
        )
        if articles:
            try:
                self.store.add_articles(articles, signatures)
            except Exception:
                self._near = None  # it holds the batch that did not land: rebuild from the store
                raise
        for article in articles:
            outcome: Outcome = "duplicate" if article.duplicate_of else "stored"
            results.append(Assignment(article.id, outcome, article.origin, article.duplicate_of))
        for assignment in results:
            yield self._emit(assignment)

    def _prepare(self, batch: list[RawDocument]) -> list[Article | InputProblem]:
        if self.settings.workers <= 1 or len(batch) < _MIN_PARALLEL_BATCH:
            return [prepare_article(raw) for raw in batch]
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.settings.workers,
                mp_context=multiprocessing.get_context("fork"),
            )
        chunk = max(1, len(batch) // (4 * self.settings.workers))
        return list(self._executor.map(prepare_article, batch, chunksize=chunk))

    def _link_duplicates(self, articles: list[Article]) -> list[bytes | None]:
        """Set ``duplicate_of`` on copies (exact, then near); return each article's signature."""
        known = self.store.ids_by_content_hash(a.content_hash for a in articles)
        near = self._near_index()
        signatures: list[bytes | None] = []
        for article in articles:
            signature = minhash_signature(article.clean_text)
            original = known.get(article.content_hash)
            if original is None and signature is not None:
                original = near.find_original(signature)
            if original is not None:
                article.duplicate_of = original
            else:
                known[article.content_hash] = article.id
                if signature is not None:
                    near.add(article.id, signature)
            signatures.append(signature)
        return signatures

    def _near_index(self) -> NearDuplicateIndex:
        if self._near is None:
            self._near = NearDuplicateIndex(self.settings.near_duplicate_threshold)
            for article_id, signature in self.store.minhashes():
                self._near.add(article_id, signature)
        return self._near
