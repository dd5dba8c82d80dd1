"""RSS and Atom feeds: one document per entry.

The XML is first checked with defusedxml, which refuses entity declarations and external
references: an XML bomb ("billion laughs") is refused (E108) before anything is expanded. Only
then does feedparser read it. A feed file is read whole, up to ``max_fetch_bytes``.

An entry's id is its ``id`` (or else its link), its text the entry's content (or else summary)
as plain text. For a feed that was downloaded, each entry's article page is fetched as well and
its extracted body is used; the entry's own text is the fallback when that fails, and a failed
fetch is reported only when there is no fallback. Entry origins are ``FEED#N`` (N from 1).

:func:`parse_feed` and :func:`entry_document` serve callers that download feeds themselves (the
feed watcher): parse a body once, then turn only the entries they want into documents.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import xml.sax
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.sax import parseString

from ..config import Settings
from ..errors import problem
from ..model import InputProblem, RawDocument
from .decode import declared_html_charset, decode
from .fetch import FetchError, fetch
from .html import extract_html
from .markup import fragment_text
from .streams import Opened
from .whole import read_whole

__all__ = ["FeedEntry", "check_xml", "entry_document", "parse_feed", "read_feed"]

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a parsed feed: its position (from 1), and the entry and channel as
    feedparser gives them."""

    number: int
    entry: Any
    channel: Any

    @property
    def id(self) -> str | None:
        """The id its document gets: the entry's id (guid), else its link."""
        return self.entry.get("id") or self.entry.get("link") or None

    @property
    def key(self) -> str:
        """What identifies the entry from one reading of the feed to the next: its id, or for
        an entry with neither id nor link, a hash of its title and text."""
        if self.id:
            return self.id
        contents = [content.get("value", "") for content in self.entry.get("content", [])]
        payload = [self.entry.get("title", ""), self.entry.get("summary", ""), contents]
        digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        return "sha256:" + digest.hexdigest()[:32]


def read_feed(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """One document per entry of the feed in ``opened``."""
    data = read_whole(opened, settings.max_fetch_bytes, "one feed")
    if isinstance(data, InputProblem):
        yield data
        return
    entries = parse_feed(data, opened.origin)
    if isinstance(entries, InputProblem):
        yield entries
        return
    feed = opened.url or opened.origin
    for entry in entries:
        origin = f"{opened.origin}#{entry.number}"
        yield entry_document(entry, origin, settings, feed=feed, fetch_page=opened.url is not None)


def parse_feed(data: bytes, origin: str) -> list[FeedEntry] | InputProblem:
    """The entries of the RSS/Atom feed in ``data``, or E108 (unsafe XML, or not a feed)."""
    refusal = check_xml(data)
    if refusal is not None:
        return problem(origin, "E108", refusal)
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "not an RSS or Atom feed"
        return problem(origin, "E108", str(reason))
    channel: Any = parsed.feed
    return [FeedEntry(number, entry, channel) for number, entry in enumerate(parsed.entries, 1)]


def check_xml(data: bytes) -> str | None:
    """Why ``data`` is refused (entity declarations, external references), or ``None``.

    XML that is merely not well-formed passes: feedparser reads many such feeds.
    """
    try:
        parseString(data, xml.sax.ContentHandler(), forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as error:
        return f"{type(error).__name__}: entity declarations and external references are refused"
    except (xml.sax.SAXException, LookupError, ValueError):
        # The strict parser stops at the first error (or at an encoding it does not know),
        # possibly before a DTD it has not seen. NUL bytes are dropped so that a declaration in
        # UTF-16 or UTF-32 is found too.
        wide = b"\0" in data and _ENTITY_DECLARATION.search(data.replace(b"\0", b""))
        if wide or _ENTITY_DECLARATION.search(data):
            return "entity declarations are refused"
    return None


def entry_document(
    feed_entry: FeedEntry, origin: str, settings: Settings, *, feed: str, fetch_page: bool
) -> RawDocument | InputProblem:
    """The document of one entry, reported as ``origin``, its metadata naming ``feed``.

    With ``fetch_page`` (the feed was downloaded) the entry's article page is fetched and its
    body used, the entry's own text standing in when that fails.
    """
    entry, channel = feed_entry.entry, feed_entry.channel
    link = entry.get("link") or None
    own_text = _entry_text(entry)
    page: RawDocument | InputProblem | None = None
    if fetch_page and link:
        page = _fetch_page(link, origin, settings)
    if isinstance(page, RawDocument):
        text, title, published = page.text, entry.get("title") or page.title, page.published
    elif own_text:
        text, title, published = own_text, entry.get("title"), None
    elif page is not None:
        return page
    else:
        return problem(origin, "E106", "entry has neither content nor summary")
    metadata: dict[str, Any] = {"feed": feed}
    if entry.get("author"):
        metadata["author"] = entry["author"]
    tags = [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")]
    if tags:
        metadata["tags"] = tags
    return RawDocument(
        origin=origin,
        text=text,
        id=feed_entry.id,
        title=fragment_text(title) if title else None,
        published=entry.get("published") or entry.get("updated") or published,
        source=channel.get("title") or None,
        url=link,
        lang=_primary_language(channel.get("language")),
        format="feed",
        metadata=metadata,
    )


def _entry_text(entry: Any) -> str:
    for content in entry.get("content", []):
        text = fragment_text(content.get("value", ""))
        if text:
            return text
    return fragment_text(entry.get("summary", ""))


def _fetch_page(link: str, origin: str, settings: Settings) -> RawDocument | InputProblem:
    try:
        page = fetch(link, settings)
    except FetchError as error:
        return error.to_problem(f"{origin} ({link})")
    declared = page.charset or declared_html_charset(page.content[:4096])
    html = decode(page.content, link, declared)
    if isinstance(html, InputProblem):
        return html
    return extract_html(html, link, page.url)


def _primary_language(value: str | None) -> str | None:
    if not value:
        return None
    primary = value.strip().split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
