"""Downloading a feed conditionally: ``If-None-Match`` / ``If-Modified-Since``, 304 understood.

The download itself is :func:`storyweave.ingest.fetch.fetch`: http(s) only, every redirect hop
checked (public addresses unless ``allow_private``), bounded in size and time.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .ingest.fetch import fetch

__all__ = ["FEED_MEDIA_TYPES", "FeedResponse", "fetch_feed"]

FEED_MEDIA_TYPES = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
    " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


@dataclass(frozen=True, slots=True)
class FeedResponse:
    """A feed download: its body (``None`` for 304 Not Modified) and the server's validators."""

    content: bytes | None
    etag: str | None
    last_modified: str | None


def fetch_feed(
    url: str, settings: Settings, etag: str | None = None, last_modified: str | None = None
) -> FeedResponse:
    """Download the feed at ``url``, conditionally when validators are given.

    Raises :class:`~storyweave.ingest.fetch.FetchError`: E004 refused, E005 failed.
    """
    headers = {"Accept": FEED_MEDIA_TYPES}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    page = fetch(url, settings, headers)
    content = None if page.status == 304 else page.content
    return FeedResponse(content, page.etag, page.last_modified)
