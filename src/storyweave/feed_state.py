"""What the feed watcher remembers about each feed, kept as a named blob in the store.

One blob per feed, named ``watch:feed:URL``, holding JSON: the validators of the last complete
poll (``etag``, ``last_modified``), the keys of the entries already handled (``seen``, oldest
first, bounded), failed page downloads per entry (``attempts``), failed polls in a row
(``failures``), the last failure (``last_error``) and when to poll next (``next_poll``, Unix
time, so that a restart keeps the schedule). The schedule's words live here too: the back-off
rule and durations as users write them (``30s``, ``10m``, ``1h``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .store import Store
from .store.base import BatchWrite

__all__ = [
    "MAX_BACKOFF",
    "MAX_ENTRY_ATTEMPTS",
    "SEEN_LIMIT",
    "FeedState",
    "format_duration",
    "load_feed_state",
    "parse_interval",
    "retry_delay",
    "save_feed_state",
    "state_name",
]

STATE_PREFIX = "watch:feed:"
#: Entry keys remembered per feed at least (more when the feed itself lists more entries).
SEEN_LIMIT = 2000
#: Polls in which an entry's page may fail to download before the entry is given up.
MAX_ENTRY_ATTEMPTS = 3
#: Longest wait, in seconds, before polling a failing feed again (unless the interval is longer).
MAX_BACKOFF = 3600.0
_FORMAT = 1
_DURATION = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([smh]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(text: str) -> float:
    """Seconds in a duration written ``30s``, ``10m``, ``1h`` or plain seconds (``90``)."""
    match = _DURATION.match(text)
    if match is None or float(match[1]) <= 0:
        raise ValueError(
            f"expected a positive duration such as 30s, 10m, 1h or plain seconds, got {text!r}"
        )
    return float(match[1]) * _UNIT_SECONDS[match[2].lower()]


def format_duration(seconds: float) -> str:
    """``seconds`` written as ``0.25s``, ``45s``, ``2m30s`` or ``1h``."""
    if seconds < 10 and seconds != int(seconds):
        return f"{seconds:.2g}s"
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text + (f"{secs}s" if secs or not text else "")


def state_name(url: str) -> str:
    """The name of the store blob holding the state of the feed at ``url``."""
    return STATE_PREFIX + url


def retry_delay(interval: float, failures: int) -> float:
    """Seconds to wait after the ``failures``-th failed poll in a row: a quarter of the interval,
    doubling with each failure, at most :data:`MAX_BACKOFF` (or the interval, if longer)."""
    doublings = min(max(failures - 1, 0), 32)
    return float(min(interval / 4 * 2**doublings, max(MAX_BACKOFF, interval)))


@dataclass(slots=True)
class FeedState:
    """The watcher's memory of one feed; see the module documentation for the fields."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    # A dict keeps insertion order, so the oldest keys are the ones dropped.
    seen: dict[str, None] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    failures: int = 0
    next_poll: float = 0.0
    last_error: str | None = None

    def remember(self, keys: Iterable[str], keep: int = SEEN_LIMIT) -> None:
        """Mark ``keys`` as handled, forgetting the oldest beyond ``keep`` (and their attempts)."""
        for key in keys:
            self.seen.pop(key, None)
            self.seen[key] = None
            self.attempts.pop(key, None)
        excess = len(self.seen) - max(keep, SEEN_LIMIT)
        if excess > 0:
            for key in list(self.seen)[:excess]:
                del self.seen[key]

    def to_bytes(self) -> bytes:
        """The state as the JSON blob stored for it."""
        record = {
            "format": _FORMAT,
            "url": self.url,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "seen": list(self.seen),
            "attempts": self.attempts,
            "failures": self.failures,
            "next_poll": self.next_poll,
            "last_error": self.last_error,
        }
        return json.dumps(record, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, url: str, data: bytes) -> FeedState:
        """The state stored in ``data``; raises ``ValueError`` if it is not one."""
        try:
            record: Any = json.loads(data)
            if not isinstance(record, dict) or record.get("format") != _FORMAT:
                raise ValueError("not a feed state of a known format")
            return cls(
                url=url,
                etag=_optional_text(record.get("etag")),
                last_modified=_optional_text(record.get("last_modified")),
                seen=dict.fromkeys(str(key) for key in record.get("seen", [])),
                attempts={str(k): int(v) for k, v in record.get("attempts", {}).items()},
                failures=int(record.get("failures", 0)),
                next_poll=float(record.get("next_poll", 0.0)),
                last_error=_optional_text(record.get("last_error")),
            )
        except (TypeError, AttributeError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"malformed feed state: {error}") from None


def load_feed_state(store: Store, url: str) -> tuple[FeedState, str | None]:
    """The stored state of the feed at ``url`` (fresh when there is none), and why a stored
    state could not be read (``None`` when it could, or when there was none)."""
    data = store.state(state_name(url))
    if data is None:
        return FeedState(url), None
    try:
        return FeedState.from_bytes(url, data), None
    except ValueError as error:
        # Starting afresh re-offers the feed's entries; those already stored are recognised.
        return FeedState(url), str(error)


def save_feed_state(store: Store, state: FeedState) -> None:
    """Write ``state`` to the store, in one transaction."""
    store.write_batch(BatchWrite(state={state_name(state.url): state.to_bytes()}))


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)
