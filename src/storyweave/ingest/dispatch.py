"""Reading one source: open it, pick its reader, and turn what goes wrong into problems."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..config import Settings
from ..errors import problem
from ..model import InputProblem, RawDocument
from .decode import looks_binary
from .fetch import FetchError, fetch
from .registry import EXTENSIONS, READERS, SINGLE_ARTICLE, sniff
from .sources import Notice, Source, split_name
from .streams import GZIP_ERRORS, HeadStream, Opened, is_gzip, open_stream
from .whole import too_large

__all__ = ["read_source"]

Item = RawDocument | InputProblem


def read_source(
    source: Source,
    settings: Settings,
    stdin: BinaryIO | None = None,
    on_notice: Notice | None = None,
) -> Iterator[Item]:
    """The documents of one source, and a problem for whatever cannot be read."""
    if source.kind == "missing":
        yield problem(source.origin, "E001")
    elif source.kind == "url":
        yield from _read_url(source, settings, on_notice)
    elif source.kind == "stdin":
        raw = stdin if stdin is not None else sys.stdin.buffer
        yield from _run(raw, source.origin, None, settings, on_notice=on_notice, owns_raw=False)
    else:
        yield from _read_file(source, settings, on_notice)


def _read_file(source: Source, settings: Settings, on_notice: Notice | None) -> Iterator[Item]:
    assert source.path is not None
    stem, extensions = split_name(source.path.name)
    compressed = ".gz" in extensions
    format_extension = next((e for e in extensions if e != ".gz"), None)
    reader = EXTENSIONS.get(format_extension) if format_extension else None
    if reader is None and not compressed:
        suffix = source.path.suffix
        if suffix or source.in_directory:
            yield problem(source.origin, "E002", repr(suffix) if suffix else "(no extension)")
            return
    try:
        size = source.path.stat().st_size
        if reader in SINGLE_ARTICLE and not compressed and size > settings.max_article_bytes:
            yield problem(source.origin, "E104", too_large(size, settings.max_article_bytes))
            return
        handle = open(source.path, "rb")  # noqa: SIM115 - closed by _run
    except OSError as error:
        yield problem(source.origin, "E003", error.strerror or str(error))
        return
    yield from _run(
        handle,
        source.origin,
        reader,
        settings,
        name=stem,
        size=size,
        compressed=compressed,
        in_directory=source.in_directory,
        on_notice=on_notice,
    )


def _read_url(source: Source, settings: Settings, on_notice: Notice | None) -> Iterator[Item]:
    try:
        page = fetch(source.origin, settings)
    except FetchError as error:
        yield error.to_problem(source.origin)
        return
    yield from _run(
        io.BytesIO(page.content),
        source.origin,
        _reader_for_media_type(page.content_type),
        settings,
        url=page.url,
        content_type=page.content_type,
        charset=page.charset,
        on_notice=on_notice,
    )


def _reader_for_media_type(media_type: str | None) -> str | None:
    if media_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if media_type and ("rss" in media_type or "atom" in media_type):
        return "feed"
    return None


def _run(
    raw: BinaryIO,
    origin: str,
    reader: str | None,
    settings: Settings,
    *,
    name: str | None = None,
    size: int | None = None,
    compressed: bool | None = None,
    in_directory: bool = False,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
    on_notice: Notice | None = None,
    owns_raw: bool = True,
) -> Iterator[Item]:
    """Open ``raw`` (gunzipping it when it is gzip), sniff it if needed and run its reader."""
    try:
        if compressed is None:
            # Inputs without a telling name (stdin, URLs) may be gzip: look at their first bytes.
            magic = raw.read(2)
            compressed = is_gzip(magic)
            replayed = io.BufferedReader(HeadStream(magic, raw))
            stream, head = open_stream(replayed, gunzip=compressed)
        else:
            stream, head = open_stream(raw, gunzip=compressed)
    except GZIP_ERRORS as error:
        _close(raw, owns_raw)
        yield problem(origin, "E112", str(error) or type(error).__name__)
        return
    except OSError as error:
        _close(raw, owns_raw)
        yield problem(origin, "E003", error.strerror or str(error))
        return
    try:
        if not head:
            yield problem(origin, "E101")
            return
        chosen = reader or sniff(head)
        if chosen != "warc":
            why = looks_binary(head)
            if why:
                yield problem(origin, "E102", why)
                return
        opened = Opened(
            stream=stream,
            head=head,
            origin=origin,
            name_id=name if chosen in SINGLE_ARTICLE else None,
            url=url,
            content_type=content_type,
            charset=charset,
            size=size,
            compressed=compressed,
            in_directory=in_directory,
            notify=on_notice,
        )
        yield from READERS[chosen](opened, settings)
    except GZIP_ERRORS as error:
        yield problem(origin, "E112", str(error) or type(error).__name__)
    except OSError as error:
        yield problem(origin, "E003", error.strerror or str(error))
    finally:
        stream.close()
        _close(raw, owns_raw)


def _close(raw: BinaryIO, owns_raw: bool) -> None:
    if owns_raw:
        raw.close()
