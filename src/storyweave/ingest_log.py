"""A durable ingest log on Redis Streams: ``enqueue`` puts articles on it, workers store them.

Each article is one stream entry holding three fields: ``v`` (the entry format, ``1``), ``id``
(the article's final id, given before it is queued: its own, or the stable content hash
:func:`~storyweave.pipeline.document_id` gives one without) and ``article``, a JSON object of the
input-format fields (``id``, ``title``, ``text``, ``lead``, ``published``, ``source``, ``url``,
``lang``) with ``format``, ``origin`` and ``metadata``. Because the id is fixed before an
article is queued, an entry delivered twice, or the same input queued twice, is recognised by
the store (``exists``) and nothing is doubled.

Workers (:class:`~storyweave.ingest_worker.LogWorker`) read the stream in a consumer group and
acknowledge an entry only after the store committed it; see that module for the rules. The
log's upkeep lives here too: :func:`trim_acknowledged` drops the entries every group has
acknowledged (the store holds them now), so that Redis memory follows the backlog rather than
everything ever ingested, and :func:`move_to_dead_letters` parks an entry that keeps failing on
``STREAM:dead`` with the reason, where it can be read and queued again.

>>> client = connect("redis://127.0.0.1:6379/0")                 # doctest: +SKIP
>>> enqueue(["articles/"], Settings(), client).enqueued           # doctest: +SKIP
5
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .config import Settings
from .errors import problem
from .ingest import read_inputs
from .model import InputProblem, RawDocument
from .pipeline import document_id

__all__ = [
    "DEFAULT_GROUP",
    "DEFAULT_STREAM",
    "EnqueueReport",
    "LogUnavailable",
    "connect",
    "dead_letter_stream",
    "decode_entry",
    "encode_entry",
    "enqueue",
    "move_to_dead_letters",
    "redacted",
    "trim_acknowledged",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")
Say = Callable[[str], None]

DEFAULT_STREAM = "storyweave:articles"
DEFAULT_GROUP = "storyweave"
ENTRY_VERSION = "1"
#: Entries sent to Redis in one round trip, and the most bytes of text they may hold: the
#: memory ``enqueue`` needs stays bounded whatever the size of its input.
ENQUEUE_CHUNK = 500
ENQUEUE_CHUNK_BYTES = 8 * 1024 * 1024
#: Tries of one chunk while Redis cannot be reached, waiting twice as long each time.
ENQUEUE_ATTEMPTS = 6
FIRST_RETRY_DELAY = 0.25
#: Errors after which a Redis command may succeed if tried again (LOADING included).
UNREACHABLE: tuple[type[Exception], ...] = (redis.ConnectionError, redis.TimeoutError)


class LogUnavailable(Exception):
    """Redis cannot be reached or refuses the command; the message says which server."""


@dataclass(slots=True)
class EnqueueReport:
    """What ``enqueue`` put on the stream, and what it could not read."""

    enqueued: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.problems)


def redacted(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str, command_timeout: float = 10.0) -> redis.Redis:
    """A client for the Redis at ``url`` (``redis://[:password@]host:port/db``).

    It never retries on its own: callers decide, so that a worker can back off as long as it
    takes and a stop request is heard meanwhile. ``command_timeout`` must exceed any BLOCK.
    """
    try:
        return redis.Redis.from_url(
            url,
            socket_timeout=command_timeout,
            socket_connect_timeout=5.0,
            retry=Retry(NoBackoff(), 0),
            health_check_interval=30,
        )
    except ValueError as error:
        raise LogUnavailable(f"{redacted(url)}: not a Redis URL ({error})") from None


def encode_entry(raw: RawDocument) -> dict[str, str]:
    """The stream entry of one document, under its final id."""
    article = {
        "id": document_id(raw),
        "title": raw.title,
        "text": raw.text,
        "lead": raw.lead,
        "published": raw.published,
        "source": raw.source,
        "url": raw.url,
        "lang": raw.lang,
        "format": raw.format,
        "origin": raw.origin,
        "metadata": raw.metadata,
    }
    body = json.dumps(article, ensure_ascii=False, separators=(",", ":"), default=str)
    return {"v": ENTRY_VERSION, "id": str(article["id"]), "article": body}


def decode_entry(
    entry_id: str, fields: dict[bytes, bytes] | None, stream: str
) -> RawDocument | InputProblem:
    """The document an entry holds, or the problem that makes it unreadable for good."""
    origin = f"{stream}#{entry_id}"
    if not fields:
        return problem(origin, "E106", "the entry is gone from the stream")
    version = fields.get(b"v", b"").decode("utf-8", "replace")
    if version != ENTRY_VERSION:
        return problem(origin, "E111", f"unknown entry format {version!r}")
    try:
        record: Any = json.loads(fields.get(b"article", b""))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return problem(origin, "E105", str(error))
    if not isinstance(record, dict):
        return problem(origin, "E111")
    text, metadata = record.get("text"), record.get("metadata") or {}
    if not isinstance(text, str) or not text.strip() or not isinstance(metadata, dict):
        return problem(origin, "E106", "no text, or metadata that is not an object")

    def optional(name: str) -> str | None:
        value = record.get(name)
        return None if value is None else str(value)

    return RawDocument(
        origin=optional("origin") or origin,
        text=text,
        id=optional("id"),
        title=optional("title"),
        published=optional("published"),
        source=optional("source"),
        url=optional("url"),
        lang=optional("lang"),
        format=optional("format") or "text",
        metadata=metadata,
        lead=optional("lead"),
    )


def enqueue(
    inputs: Iterable[str],
    settings: Settings,
    client: redis.Redis,
    stream: str = DEFAULT_STREAM,
    stdin: BinaryIO | None = None,
    on_problem: Say | None = None,
    on_notice: Say | None = None,
) -> EnqueueReport:
    """Read every input and add each article to ``stream``; return counts and problems.

    Entries go out in chunks (one round trip each). A chunk whose reply was lost to a broken
    connection is sent again, which may queue some entries twice: harmless, as their ids are
    fixed. Raises :class:`LogUnavailable` when Redis stays unreachable.
    """
    report = EnqueueReport()
    tell_problem = on_problem or logger.warning
    chunk: list[dict[str, str]] = []
    size = 0
    for item in read_inputs(inputs, settings, stdin=stdin, on_notice=on_notice):
        if isinstance(item, InputProblem):
            report.problems.append(item)
            tell_problem(str(item))
            continue
        entry = encode_entry(item)
        chunk.append(entry)
        size += len(entry["article"])
        if len(chunk) >= ENQUEUE_CHUNK or size >= ENQUEUE_CHUNK_BYTES:
            report.enqueued += _add_chunk(client, stream, chunk)
            chunk, size = [], 0
    if chunk:
        report.enqueued += _add_chunk(client, stream, chunk)
    return report


def _add_chunk(client: redis.Redis, stream: str, chunk: list[dict[str, str]]) -> int:
    def send() -> int:
        pipe = client.pipeline(transaction=False)
        for entry in chunk:
            pipe.xadd(stream, entry)  # type: ignore[arg-type]
        return len(pipe.execute())

    return with_retries(send, ENQUEUE_ATTEMPTS, client)


def with_retries(operation: Callable[[], T], attempts: int, client: redis.Redis) -> T:
    """``operation()``, tried ``attempts`` times while Redis is unreachable (back-off between);
    :class:`LogUnavailable` when it never succeeds or Redis refuses the command."""
    delay, attempt = FIRST_RETRY_DELAY, 1
    while True:
        try:
            return operation()
        except UNREACHABLE as error:
            if attempt >= attempts:
                raise LogUnavailable(f"{server_name(client)}: unreachable ({error})") from None
        except redis.ResponseError as error:
            raise LogUnavailable(f"{server_name(client)}: {error}") from None
        time.sleep(delay)
        delay, attempt = delay * 2, attempt + 1


def server_name(client: redis.Redis) -> str:
    """``host:port/db`` of the server ``client`` talks to."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix:{kwargs['path']}"
    return f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"


def dead_letter_stream(stream: str) -> str:
    """Where entries of ``stream`` that keep failing are parked."""
    return f"{stream}:dead"


def move_to_dead_letters(
    client: redis.Redis,
    stream: str,
    group: str,
    entries: list[tuple[str, dict[bytes, bytes]]],
    reason: str,
) -> None:
    """Copy each entry, with ``reason`` and where it came from, to the dead-letter stream and
    acknowledge it in ``group``: one transaction, so an entry is either still pending or parked,
    never lost. Its fields are kept as they were, so it can be put back with ``XADD``."""
    pipe = client.pipeline(transaction=True)
    for entry_id, fields in entries:
        parked = {
            **fields,
            b"dead_from": f"{stream}#{entry_id}".encode(),
            b"dead_group": group.encode(),
            b"dead_reason": reason.encode(),
        }
        pipe.xadd(dead_letter_stream(stream), parked)  # type: ignore[arg-type]
    pipe.xack(stream, group, *(entry_id for entry_id, _fields in entries))
    pipe.execute()


def trim_acknowledged(client: redis.Redis, stream: str) -> int:
    """Remove the entries of ``stream`` that every consumer group has acknowledged; return how
    many went. Entries still pending anywhere, and those not yet delivered, stay."""
    groups: Any = client.xinfo_groups(stream)
    if not groups:
        return 0
    bounds = []
    for group in groups:
        if int(group["pending"]):
            summary: Any = client.xpending(stream, group["name"])
            bounds.append(_entry_key(summary["min"]))
        else:  # everything up to the last delivered entry is acknowledged
            millis, sequence = _entry_key(group["last-delivered-id"])
            bounds.append((millis, sequence + 1))
    millis, sequence = min(bounds)
    removed: Any = client.xtrim(stream, minid=f"{millis}-{sequence}", approximate=False)
    return int(removed)


def _entry_key(entry_id: bytes | str) -> tuple[int, int]:
    """A stream entry id (``MILLIS-SEQUENCE``) as numbers that sort as Redis sorts them."""
    text = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    millis, _dash, sequence = text.partition("-")
    return int(millis), int(sequence or 0)
