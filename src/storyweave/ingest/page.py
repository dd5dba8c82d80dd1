"""HTML pages (``.html``/``.htm`` files, downloaded pages): one article each, via extract_html."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..model import InputProblem, RawDocument
from .decode import declared_html_charset, decode
from .html import extract_html
from .streams import Opened
from .whole import read_whole

__all__ = ["read_page"]


def read_page(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """The page's article; its id is the file name without extensions, or the page's URL."""
    data = read_whole(opened, settings.max_article_bytes)
    if isinstance(data, InputProblem):
        yield data
        return
    declared = opened.charset or declared_html_charset(data)
    text = decode(data, opened.origin, declared)
    if isinstance(text, InputProblem):
        yield text
        return
    document = extract_html(text, opened.origin, opened.url)
    if isinstance(document, RawDocument):
        document.id = opened.name_id or opened.url
    yield document
