"""Per-article work on a Ray cluster; clustering and the store stay in this process.

Preparation (cleaning, language, dates, entities, clustering signals: :func:`prepare`) runs as
Ray tasks over chunks of each batch; dense encoding runs in Ray actors, each holding the
encoder. Both give what one process would (``prepare`` is deterministic, and the encoder gives
each text the same vector whatever else is in its batch), and the clusterer still sees the
articles one at a time in input order, one writer per store: the stories are those of a
single-process run on the same input order.

>>> with RayWorkers(Settings(), workers=4) as workers:                  # doctest: +SKIP
...     with Engine(db="news.db", preparer=workers, encoder=workers.encoder) as engine:
...         engine.ingest(["articles/"])

``address`` is that of a running cluster (``ray start --head`` on one machine, ``ray start
--address=HEAD:6379`` on the others), or ``None`` for a local one started here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from .config import Settings
from .model import InputProblem, RawDocument
from .pipeline import Prepared, prepare
from .represent.encoders import get_encoder

__all__ = ["RayEncoder", "RayWorkers"]

#: Chunks of a batch per worker: more than one, so a slow chunk does not hold the others.
CHUNKS_PER_WORKER = 4


def _prepare_chunk(
    batch: list[RawDocument], embedding_chars: int, signals: bool
) -> list[Prepared | InputProblem]:
    return [prepare(raw, embedding_chars, signals) for raw in batch]


class _EncoderHost:
    """A Ray actor holding one encoder (its model loads once, in the actor's process)."""

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        self._encoder = get_encoder(name, **options)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._encoder.encode(texts)


class RayWorkers:
    """``workers`` Ray tasks at a time for preparation and ``workers`` encoder actors.

    Use as a context manager, or call :meth:`close`: the actors are stopped, and a local
    Ray started here is shut down.
    """

    def __init__(
        self,
        settings: Settings,
        workers: int,
        address: str | None = None,
        encoder_options: dict[str, Any] | None = None,
    ) -> None:
        """``encoder_options`` go to each actor's encoder (e.g. ``{"cache_size": 0}``)."""
        if workers < 1:
            raise ValueError("workers must be at least 1")
        import ray

        self._ray: Any = ray
        self._started = not ray.is_initialized()
        if self._started:
            # Locally, each worker gets a CPU for its tasks and one for its encoder actor.
            ray.init(
                address=address,
                num_cpus=None if address else 2 * workers,
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
            )
        self.workers = workers
        self._prepare_task = ray.remote(_prepare_chunk)
        host = ray.remote(num_cpus=1)(_EncoderHost)
        options = dict(encoder_options or {})
        self._hosts: list[Any] = [host.remote(settings.encoder, options) for _ in range(workers)]
        local = get_encoder(settings.encoder)
        self.encoder = RayEncoder(self, local.name, local.dim)

    def __enter__(self) -> RayWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def prepare(
        self, batch: list[RawDocument], embedding_chars: int, signals: bool
    ) -> Iterable[Prepared | InputProblem]:
        """Prepared articles in batch order; the chunks start now and are collected as the
        result is read."""
        size = max(1, math.ceil(len(batch) / (CHUNKS_PER_WORKER * self.workers)))
        futures = [
            self._prepare_task.remote(batch[start : start + size], embedding_chars, signals)
            for start in range(0, len(batch), size)
        ]
        return self._collect(futures)

    def _collect(self, futures: list[Any]) -> Iterator[Prepared | InputProblem]:
        for future in futures:
            yield from self._ray.get(future)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per text, the texts shared out evenly over the encoder actors."""
        if not texts:
            return np.zeros((0, self.encoder.dim), dtype=np.float32)
        size = math.ceil(len(texts) / len(self._hosts))
        futures = [
            host.encode.remote(list(texts[start : start + size]))
            for host, start in zip(self._hosts, range(0, len(texts), size), strict=False)
        ]
        return np.vstack(self._ray.get(futures)).astype(np.float32, copy=False)

    def close(self) -> None:
        for host in self._hosts:
            self._ray.kill(host)
        self._hosts = []
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()


class RayEncoder:
    """The :class:`~storyweave.represent.encoders.Encoder` whose work the actors do."""

    def __init__(self, workers: RayWorkers, name: str, dim: int) -> None:
        self._workers = workers
        self.name = name
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._workers.encode(texts)
