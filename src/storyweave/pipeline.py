"""Wires the stages: read → clean → analyse → deduplicate → encode → cluster → store.

Articles flow in batches. Each batch is prepared (cleaned, analysed, its clustering signals
extracted — in worker processes when the batch is large enough), encoded in one call, clustered
one article at a time in arrival order, and written in one transaction together with the story
changes and the learned state, so a crash loses at most the batch in flight and a rerun skips
what is already stored and resumes with exactly the state of the last committed batch.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import signal
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .analyze import detect_language, resolve_published
from .clean import clean_text
from .clean.dedup import NearDuplicateIndex, content_hash, minhash_signature
from .cluster import StoryClusterer, StoryProfile, follow, load_background, load_scorer
from .cluster.clusterer import STATE_CENTROIDS, STATE_NAMES, STATE_TERMS
from .config import Settings
from .errors import problem
from .model import Article, InputProblem, RawDocument
from .represent.encoders import Encoder, get_encoder
from .represent.signals import ArticleSignals, extract_signals
from .store import Store
from .store.base import BatchWrite

Outcome = Literal["stored", "duplicate", "exists", "rejected"]

_PR_SET_PDEATHSIG = 1
# Below this many articles a batch is prepared in-process: a worker round trip costs more.
_MIN_PARALLEL_BATCH = 16
#: Engine state naming the last batch written: another value than the one this process wrote
#: means another process wrote since, and the in-memory indexes must be read again.
STATE_GENERATION = "generation"


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
        body = _with_lead(raw.lead, cleaned.body)
        lang = _given_language(raw.lang) or detect_language(f"{cleaned.title or ''}\n{body}")
        published, published_source = resolve_published(raw.published, cleaned.dateline, body, lang)
        return Article(
            id=document_id(raw),
            text=raw.text,
            clean_text=body,
            title=cleaned.title,
            lang=lang,
            published=published,
            published_source=published_source,
            # What the article says: its body, or its title alone when cleaning left no body
            # (a page that was all notice or furniture), so that such pages are not copies.
            content_hash=content_hash(body if body.strip() else cleaned.title or raw.text),
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


@dataclass(slots=True)
class Prepared:
    """An article ready to store, with what clustering needs to place it."""

    article: Article
    signals: ArticleSignals | None

    def clustering_signals(self) -> ArticleSignals:
        """The signals, which exist whenever clustering is on."""
        if self.signals is None:
            raise RuntimeError(f"{self.article.id}: prepared without clustering signals")
        return self.signals


def prepare(
    raw: RawDocument, embedding_chars: int, with_signals: bool = True
) -> Prepared | InputProblem:
    """Clean, analyse and (unless told not to) extract clustering signals; pure, so that it
    runs in worker processes."""
    article = prepare_article(raw)
    if isinstance(article, InputProblem) or not with_signals:
        return article if isinstance(article, InputProblem) else Prepared(article, None)
    try:
        return Prepared(article, extract_signals(article, embedding_chars))
    except Exception as error:  # a bug on one article must not sink the batch
        return problem(raw.origin, "E120", f"{type(error).__name__}: {error}")


def _with_lead(lead: str | None, body: str) -> str:
    """The body opened by the standfirst given apart from it (unless the body starts with it)."""
    if not lead:
        return body
    opening = " ".join(lead.split())
    if not opening or " ".join(body.split()).startswith(" ".join(opening.split())):
        return body
    return f"{opening}\n\n{body}" if body else opening


def _die_with_parent() -> None:
    """Make a worker exit when the ingesting process dies, even by SIGKILL (Linux only):
    an orphaned worker would otherwise wait forever on its queue."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _given_language(lang: str | None) -> str | None:
    if not lang or not lang.strip():
        return None
    return lang.strip().lower().replace("_", "-").split("-")[0]


@dataclass(slots=True)
class _PendingBatch:
    """A batch whose articles are being prepared, and what was already decided about it."""

    ids: set[str] = field(default_factory=set)
    results: list[Assignment] = field(default_factory=list)
    prepared: Iterable[Prepared | InputProblem] = ()


class Preparer(Protocol):
    """Runs :func:`prepare` over a batch elsewhere (worker processes, a cluster), in order.

    The result may be lazy: the ingestor starts the next batch while it finishes this one.
    """

    def prepare(
        self, batch: list[RawDocument], embedding_chars: int, signals: bool
    ) -> Iterable[Prepared | InputProblem]: ...


class Ingestor:
    """Stores and clusters documents batch by batch into ``store``; one instance per run.

    >>> # with Ingestor(store, settings) as ingestor: report = ingestor.run(read_inputs(...))
    """

    def __init__(
        self,
        store: Store,
        settings: Settings,
        on_assignment: Callable[[Assignment], None] | None = None,
        encoder: Encoder | None = None,
        preparer: Preparer | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_assignment = on_assignment
        self._near: NearDuplicateIndex | None = None
        self._executor: Executor | None = None
        self._encoder = encoder
        self._clusterer: StoryClusterer | None = None
        self._generation: bytes | None = None
        self._preparer = preparer
        #: Seconds spent per stage: waiting for prepared articles, encoding, clustering,
        #: writing (the per-stage profile of a run).
        self.stage_seconds: defaultdict[str, float] = defaultdict(float)

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
        """Like :meth:`run`, yielding one :class:`Assignment` per input as its batch commits.

        Batches overlap: while one batch is encoded, clustered and written here, the workers
        already prepare the next.
        """
        in_flight: _PendingBatch | None = None
        batch: list[RawDocument] = []
        for item in documents:
            if isinstance(item, InputProblem):
                yield self._emit(Assignment(None, "rejected", item.origin, problem=item))
                continue
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                started = self._start(batch, in_flight)
                if in_flight is not None:
                    yield from self._finish(in_flight)
                in_flight, batch = started, []
        if batch:
            started = self._start(batch, in_flight)
            if in_flight is not None:
                yield from self._finish(in_flight)
            in_flight = started
        if in_flight is not None:
            yield from self._finish(in_flight)

    def encoder(self) -> Encoder:
        """The dense encoder named in the settings, loaded once."""
        if self._encoder is None:
            self._encoder = get_encoder(self.settings.encoder)
        return self._encoder

    def clusterer(self) -> StoryClusterer:
        """The clusterer, restored from the store on first use (and after another process
        wrote to the store)."""
        if self._clusterer is None:
            self._generation = self.store.state(STATE_GENERATION)
            self._clusterer = restore_clusterer(self.store, self.encoder().dim, self.settings)
        return self._clusterer

    def _emit(self, assignment: Assignment) -> Assignment:
        if self.on_assignment is not None:
            self.on_assignment(assignment)
        return assignment

    def _start(self, batch: list[RawDocument], in_flight: _PendingBatch | None) -> _PendingBatch:
        """Set aside articles already stored (or in the batch before), start preparing the rest."""
        pending = _PendingBatch()
        seen = self.store.existing_ids(document_id(raw) for raw in batch)
        if in_flight is not None:
            seen |= in_flight.ids
        fresh: list[RawDocument] = []
        for raw in batch:
            article_id = document_id(raw)
            if article_id in seen:
                pending.results.append(Assignment(article_id, "exists", raw.origin))
            else:
                seen.add(article_id)
                pending.ids.add(article_id)
                fresh.append(raw)
        pending.prepared = self._prepare(fresh)
        return pending

    def _finish(self, pending: _PendingBatch) -> Iterator[Assignment]:
        """Deduplicate, encode, cluster and write one prepared batch, in one transaction."""
        results = pending.results
        prepared: list[Prepared] = []
        waited = time.perf_counter()
        for item in pending.prepared:
            if isinstance(item, InputProblem):
                results.append(Assignment(None, "rejected", item.origin, problem=item))
            else:
                prepared.append(item)
        self.stage_seconds["prepare (waiting)"] += time.perf_counter() - waited
        with self.store.writer():
            self._catch_up()
            # Another process may have stored some of these since the batch was started.
            stored = self.store.existing_ids(item.article.id for item in prepared)
            for item in prepared:
                if item.article.id in stored:
                    results.append(Assignment(item.article.id, "exists", item.article.origin))
            prepared = [item for item in prepared if item.article.id not in stored]
            articles = [item.article for item in prepared]
            self._write(prepared, articles)
        for article in articles:
            outcome: Outcome = "duplicate" if article.duplicate_of else "stored"
            results.append(
                Assignment(
                    article.id, outcome, article.origin, article.duplicate_of, article.story_id
                )
            )
        for assignment in results:
            yield self._emit(assignment)

    def _catch_up(self) -> None:
        """Forget the in-memory indexes when another process wrote since this one did."""
        if self.store.state(STATE_GENERATION) != self._generation:
            self._near = None
            self._clusterer = None

    def _write(self, prepared: list[Prepared], articles: list[Article]) -> None:
        signatures: list[bytes | None] = (
            self._link_duplicates(articles)
            if self.settings.detect_duplicates
            else [None] * len(articles)
        )
        write = BatchWrite(articles=articles, minhashes=signatures)
        try:
            if prepared and self.settings.cluster:
                self._cluster(prepared, write)
            generation = uuid.uuid4().hex.encode()
            write.state[STATE_GENERATION] = generation
            started = time.perf_counter()
            self.store.write_batch(write)
            self.stage_seconds["store"] += time.perf_counter() - started
            self._generation = generation
        except Exception:
            # The in-memory indexes hold the batch that did not land: rebuild from the store.
            self._near = None
            self._clusterer = None
            raise

    def _prepare(self, batch: list[RawDocument]) -> Iterable[Prepared | InputProblem]:
        """Prepared articles, in order: computed here for small batches, else by the workers
        (the returned iterator then waits for them)."""
        chars, signals = self.settings.embedding_chars, self.settings.cluster
        if self._preparer is not None:
            return self._preparer.prepare(batch, chars, signals)
        if self.settings.workers <= 1 or len(batch) < _MIN_PARALLEL_BATCH:
            return [prepare(raw, chars, signals) for raw in batch]
        if self._executor is None:
            # Workers never touch the dense model, so forking after it loaded is safe.
            self._executor = ProcessPoolExecutor(
                max_workers=self.settings.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_die_with_parent,
            )
        chunk = max(1, len(batch) // (4 * self.settings.workers))
        size = len(batch)
        return self._executor.map(prepare, batch, [chars] * size, [signals] * size, chunksize=chunk)

    def _cluster(self, prepared: list[Prepared], write: BatchWrite) -> None:
        """Encode the batch, then place each article in a story, in arrival order."""
        signals = [item.clustering_signals() for item in prepared]
        started = time.perf_counter()
        vectors = self.encoder().encode([s.embedding_text for s in signals])
        self.stage_seconds["encode"] += time.perf_counter() - started
        started = time.perf_counter()
        clusterer = self.clusterer()
        story_of: dict[str, str] = {}
        for item, item_signals, vector in zip(prepared, signals, vectors, strict=True):
            item_signals.vector = vector
            original = item.article.duplicate_of
            copy_of_story = None
            if original is not None:
                copy_of_story = story_of.get(original) or self._stored_story(original)
            decision = clusterer.assign(item_signals, copy_of_story)
            item.article.story_id = decision.assignment.story_id
            follow(story_of, decision)
            # Earlier articles placed again: their new assignments replace the stored ones.
            write.assignments += [decision.assignment, *decision.moved]
        write.stories, write.merged = clusterer.take_changes()
        write.state = clusterer.state()
        self.stage_seconds["cluster"] += time.perf_counter() - started

    def _stored_story(self, article_id: str) -> str | None:
        stored = self.store.article(article_id)
        return None if stored is None else stored.story_id

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


def restore_clusterer(store: Store, dim: int, settings: Settings) -> StoryClusterer:
    """A clusterer holding the store's stories and learned state (fresh for a new store)."""
    return StoryClusterer.restore(
        load_scorer(),
        dim,
        (StoryProfile.from_bytes(record.state) for record in store.stories()),
        {name: store.state(name) for name in (STATE_CENTROIDS, STATE_TERMS, STATE_NAMES)},
        capacity=settings.active_stories,
        background=load_background(),
    )
