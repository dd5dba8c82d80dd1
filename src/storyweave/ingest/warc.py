"""WARC archives (``.warc``, ``.warc.gz``): one document per HTML ``response`` record.

The id and url of a document are the record's WARC-Target-URI. Its WARC-Date is kept in
``metadata["crawled"]``; when the page itself gives no date, the crawl date is also used as
``published`` (news crawls fetch pages within hours of publication) and
``metadata["published_from"]`` says so. Other records (requests, metadata, non-HTML responses)
are skipped silently. A corrupt archive is reported (E110) after the documents read before it.
Record origins are ``ARCHIVE#N``, N counting every record from 1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..config import Settings
from ..errors import problem
from ..model import InputProblem, RawDocument
from .decode import declared_html_charset, decode, split_content_type
from .html import extract_html
from .streams import GZIP_ERRORS, Opened
from .whole import too_large

__all__ = ["read_warc"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_warc(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """The articles of the HTML pages archived in ``opened``."""
    number = 0
    try:
        for record in _records(opened.stream):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            media_type, charset = split_content_type(record.http_headers.get_header("Content-Type"))
            if media_type not in _HTML_TYPES:
                continue
            yield _document(record, f"{opened.origin}#{number}", charset, settings)
    except (ArchiveLoadFailed, ValueError, *GZIP_ERRORS) as error:
        where = f"after record {number}" if number else "at the start"
        yield problem(opened.origin, "E110", f"{where}: {error}")


def _records(stream: Any) -> Iterator[Any]:
    """warcio's records, one at a time; a record it trips over (warcio raises AttributeError on
    a response record without WARC-Target-URI) ends the archive as ArchiveLoadFailed does."""
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except AttributeError as error:
            raise ArchiveLoadFailed(f"unreadable record headers ({error})") from error
        yield record


def _document(
    record: Any, origin: str, charset: str | None, settings: Settings
) -> RawDocument | InputProblem:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    crawled = record.rec_headers.get_header("WARC-Date")
    limit = settings.max_article_bytes
    data: bytes = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return problem(origin, "E104", too_large(None, limit))
    if not data.strip():
        return problem(origin, "E101")
    html = decode(data, origin, charset or declared_html_charset(data))
    if isinstance(html, InputProblem):
        return html
    document = extract_html(html, origin, uri)
    if isinstance(document, InputProblem):
        return document
    document.id = uri or None
    document.url = uri or document.url
    if crawled:
        document.metadata["crawled"] = crawled
        if not document.published:
            document.published = crawled
            document.metadata["published_from"] = "crawled"
    return document
