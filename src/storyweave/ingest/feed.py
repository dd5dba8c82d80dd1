"""RSS and Atom feeds: one document per entry.

The XML is first checked with defusedxml, which refuses entity declarations and external
references: an XML bomb ("billion laughs") is refused (E108) before anything is expanded. Only
then does feedparser read it. A feed file is read whole, up to ``max_fetch_bytes``.

An entry's id is its ``id`` (or else its link), its text the entry's content (or else summary)
as plain text. For a feed that was downloaded, each entry's article page is fetched as well and
its extracted body is used; the entry's own text is the fallback when that fails, and a failed
fetch is reported only when there is no fallback. Entry origins are ``FEED#N`` (N from 1).
"""

from __future__ import annotations

import io
import re
import xml.sax
from collections.abc import Iterator
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

__all__ = ["check_xml", "read_feed"]

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def read_feed(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """One document per entry of the feed in ``opened``."""
    data = read_whole(opened, settings.max_fetch_bytes, "one feed")
    if isinstance(data, InputProblem):
        yield data
        return
    refusal = check_xml(data)
    if refusal is not None:
        yield problem(opened.origin, "E108", refusal)
        return
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "not an RSS or Atom feed"
        yield problem(opened.origin, "E108", str(reason))
        return
    channel: Any = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_document(entry, channel, f"{opened.origin}#{number}", opened, settings)


def check_xml(data: bytes) -> str | None:
    """Why ``data`` is refused (entity declarations, external references), or ``None``.

    XML that is merely not well-formed passes: feedparser reads many such feeds.
    """
    try:
        parseString(data, xml.sax.ContentHandler(), forbid_dtd=False, forbid_entities=True)
    except DefusedXmlException as error:
        return f"{type(error).__name__}: entity declarations and external references are refused"
    except xml.sax.SAXParseException:
        # The strict parser stops at the first error, possibly before a DTD it has not seen.
        if _ENTITY_DECLARATION.search(data):
            return "entity declarations are refused"
    return None


def _entry_document(
    entry: Any, channel: Any, origin: str, opened: Opened, settings: Settings
) -> RawDocument | InputProblem:
    link = entry.get("link") or None
    own_text = _entry_text(entry)
    page: RawDocument | InputProblem | None = None
    if opened.url is not None and link:
        page = _fetch_page(link, origin, settings)
    if isinstance(page, RawDocument):
        text, title, published = page.text, entry.get("title") or page.title, page.published
    elif own_text:
        text, title, published = own_text, entry.get("title"), None
    elif page is not None:
        return page
    else:
        return problem(origin, "E106", "entry has neither content nor summary")
    metadata: dict[str, Any] = {"feed": opened.url or opened.origin}
    if entry.get("author"):
        metadata["author"] = entry["author"]
    tags = [tag.get("term") for tag in entry.get("tags", []) if tag.get("term")]
    if tags:
        metadata["tags"] = tags
    return RawDocument(
        origin=origin,
        text=text,
        id=entry.get("id") or link,
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
