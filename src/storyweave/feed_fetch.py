"""Downloading a feed conditionally: ``If-None-Match`` / ``If-Modified-Since``, 304 understood.

The same rules as :func:`storyweave.ingest.fetch.fetch`: http(s) only, every redirect hop
checked by :func:`~storyweave.ingest.fetch.check_url` (public addresses unless
``allow_private``), bounded in size and time, no proxy or certificate from the environment.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from .config import Settings
from .ingest.fetch import MAX_REDIRECTS, FetchError, check_url

__all__ = ["FEED_MEDIA_TYPES", "FeedResponse", "fetch_feed"]

FEED_MEDIA_TYPES = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9,"
    " application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)
_CHUNK = 64 * 1024


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
    headers = {"User-Agent": settings.user_agent, "Accept": FEED_MEDIA_TYPES}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        with httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            trust_env=False,
        ) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(url, settings)
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = str(response.url.join(response.headers["location"]))
                        continue
                    return _answer(response, settings, deadline)
    except httpx.TimeoutException:
        raise FetchError("E005", f"timed out after {settings.fetch_timeout:g} s") from None
    except httpx.HTTPError as error:
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        raise FetchError("E005", detail) from None
    raise FetchError("E005", f"more than {MAX_REDIRECTS} redirects")


def _answer(response: httpx.Response, settings: Settings, deadline: float) -> FeedResponse:
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    if response.status_code == 304:
        return FeedResponse(None, etag, last_modified)
    if response.status_code >= 300:
        raise FetchError("E005", f"HTTP {response.status_code} from {response.url}")
    limit = settings.max_fetch_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError("E005", f"{int(declared)} bytes > {limit} byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError("E005", f"more than {limit} bytes (limit)")
        if time.monotonic() > deadline:
            raise FetchError("E005", f"took longer than {settings.fetch_timeout:g} s")
        chunks.append(chunk)
    return FeedResponse(b"".join(chunks), etag, last_modified)
