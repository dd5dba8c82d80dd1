"""Plain-text files: one article per file, the whole decoded text (the cleaner finds the title)."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..errors import problem
from ..model import InputProblem, RawDocument
from .decode import decode
from .streams import Opened
from .whole import read_whole

__all__ = ["read_text"]


def read_text(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """One :class:`RawDocument` whose id is the file name without its extensions."""
    data = read_whole(opened, settings.max_article_bytes)
    if isinstance(data, InputProblem):
        yield data
        return
    text = decode(data, opened.origin, opened.charset)
    if isinstance(text, InputProblem):
        yield text
    elif not text.strip():
        yield problem(opened.origin, "E101")
    else:
        yield RawDocument(origin=opened.origin, text=text, id=opened.name_id, url=opened.url)
