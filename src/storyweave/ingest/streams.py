"""Opening an input as a byte stream: files, gzip, stdin and downloaded bytes, with a peek.

Every reader gets an :class:`Opened`: a buffered binary stream (already decompressed) whose first
bytes are also at hand in ``head``, so that formats and encodings can be sniffed without reading
the whole input.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .sources import Notice

__all__ = ["GZIP_ERRORS", "HEAD_BYTES", "HeadStream", "Opened", "is_gzip", "open_stream"]

#: How much of an input is read ahead to sniff its format and encoding.
HEAD_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
#: What a corrupt or truncated gzip stream raises while it is being read.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(slots=True)
class Opened:
    """One input ready for a reader.

    ``name_id`` is the id an input holding one article gets (its file name without its
    extensions); ``url`` is set when the bytes were downloaded, with the server's
    ``content_type`` and ``charset``; ``size`` is the size on disk when known.
    """

    stream: io.BufferedReader
    head: bytes
    origin: str
    name_id: str | None = None
    path: Path | None = None
    url: str | None = None
    content_type: str | None = None
    charset: str | None = None
    size: int | None = None
    compressed: bool = False
    in_directory: bool = False
    notify: Notice | None = None

    def notice(self, message: str) -> None:
        """Pass on a notice about something skipped on purpose."""
        if self.notify is not None:
            self.notify(message)

    def read_all(self, limit: int) -> bytes | None:
        """The whole (decompressed) input, or ``None`` if it holds more than ``limit`` bytes."""
        data = self.stream.read(limit + 1)
        return None if len(data) > limit else data


class HeadStream(io.RawIOBase):
    """A raw stream that first replays ``head`` and then goes on with ``rest``.

    Closing it leaves ``rest`` open: whoever opened ``rest`` closes it.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        target = memoryview(buffer).cast("B")
        if self._head.nbytes:
            count = min(len(target), self._head.nbytes)
            target[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(target))
        target[: len(data)] = data
        return len(data)


def is_gzip(head: bytes) -> bool:
    """Whether ``head`` starts like gzip data."""
    return head.startswith(GZIP_MAGIC)


def open_stream(raw: BinaryIO, gunzip: bool) -> tuple[io.BufferedReader, bytes]:
    """``raw`` (decompressed when ``gunzip``) as a buffered stream, and its first bytes.

    Decompression streams: a gzip bomb costs only what the reader chooses to read. Reading a
    corrupt gzip stream raises one of :data:`GZIP_ERRORS`. Closing the result leaves ``raw``
    open.
    """
    source: BinaryIO = raw
    if gunzip:
        source = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    head = _read_up_to(source, HEAD_BYTES)
    return io.BufferedReader(HeadStream(head, source), buffer_size=HEAD_BYTES), head


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    # A pipe or a decompressor may return fewer bytes than asked before the end.
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
