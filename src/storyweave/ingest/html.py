"""Read one HTML page: its article body as plain text, with title, date, site and URL.

Extraction is trafilatura's; on top of it this module renders the body tree as plain text
(paragraphs apart by a blank line, no markup), drops the blocks that only point to other pages
of the same site ("Related: …", lists of headlines), takes a first block that repeats the title
as the headline, and retries with trafilatura's slower fallbacks when the fast pass returned a
site menu rather than an article.

The caller decodes the page and enforces size limits (``Settings.max_article_bytes``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura
from courlan import is_external
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from ..errors import problem
from ..model import InputProblem, RawDocument

__all__ = ["extract_html", "looks_like_html"]

# trafilatura logs every page it discards; a page without a body reaches the user as an
# InputProblem instead, so those log lines would only say the same thing twice.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_HTML_SIGNS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|"
    r"<(?:p|div|span|article|section|table|br|a|h[1-6]|ul|li)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_CLOSING_TAG = re.compile(r"</[a-zA-Z][a-zA-Z0-9]*\s*>")
_LANGUAGE_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
#: Endings of a short label that may stand before a link ("Related:", "Lesen Sie auch:").
_LABEL_ENDINGS = (":", "\uff1a", "»", ">")

#: Less than this in word characters is a stray label ("Home"), not an article body.
_MIN_BODY_WORD_CHARACTERS = 15

#: Elements of trafilatura's body tree that start a line of their own inside a block.
_LINE_ELEMENTS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row"})


@dataclass(frozen=True, slots=True)
class _Extraction:
    """What one trafilatura pass found: the metadata, and the body as headline plus text."""

    document: Document
    headline: str | None
    text: str


def looks_like_html(text: str) -> bool:
    """Whether ``text`` (its first few kilobytes) reads as HTML markup rather than prose.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Prices rose 3% in May, the office said.")
    False
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<") and _HTML_SIGNS.search(head[:512]):
        return True
    # Prose may mention a tag now and then; markup has many of them.
    return len(_HTML_SIGNS.findall(head)) + len(_CLOSING_TAG.findall(head)) >= 4


def extract_html(html: str, origin: str, url: str | None = None) -> RawDocument | InputProblem:
    """The article in ``html`` as a :class:`RawDocument`, or an E107 problem if it has none.

    ``origin`` names the page in messages; ``url``, when given, is kept as the article's URL
    (else the page's canonical URL is) and tells internal links from external ones.
    """
    tree = _parse(html)
    if tree is None:
        return problem(origin, "E107")
    found = _extract(tree, url, fast=True)
    if found is None or _reads_as_menu(found.text):
        slow = _extract(tree, url, fast=False)
        if slow is not None and (
            found is None or _prose_share(slow.text) > _prose_share(found.text)
        ):
            found = slow
    if found is None:
        return problem(origin, "E107")
    document = found.document
    return RawDocument(
        origin=origin,
        text=found.text,
        title=found.headline or _clean_line(document.title) or None,
        published=document.date or None,
        source=_clean_line(document.sitename) or None,
        url=url or document.url or None,
        lang=_declared_language(tree),
        format="html",
    )


def _parse(html: str) -> HtmlElement | None:
    if not html.strip():
        return None
    try:
        tree = load_html(html)
        if tree is None and "<" in html:
            # trafilatura refuses a lone fragment ("<p>…</p>"); a page wrapper makes it a page.
            tree = load_html(f"<html><body>{html}</body></html>")
    except (ValueError, TypeError):
        return None
    return tree


def _extract(tree: HtmlElement, url: str | None, fast: bool) -> _Extraction | None:
    """One trafilatura pass over ``tree``; None when it finds no body text."""
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=fast,
            include_comments=False,
            include_tables=True,
            # Links are kept in the tree only to recognise link-only blocks; text has none.
            include_links=True,
            with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
        if not isinstance(document, Document) or document.body is None:
            return None
        blocks = [b for b in _blocks(document.body, url or document.url) if b]
    except (ValueError, TypeError, RecursionError):
        return None
    headline = None
    if blocks and document.title and _is_headline(blocks[0], document.title):
        headline = blocks.pop(0)
    text = "\n\n".join(blocks)
    if sum(map(len, _WORD.findall(text))) < _MIN_BODY_WORD_CHARACTERS:
        return None
    return _Extraction(document, headline, text)


def _blocks(body: _Element, page_url: str | None) -> Iterator[str]:
    """The paragraphs of trafilatura's body tree as text, link-only ones left out."""
    # Loose text between blocks hangs on the tail of the block before it.
    yield _clean_line(body.text)
    for element in body:
        if element.tag == "list":
            items = (_text(i) for i in element.findall("item") if not _only_links(i, page_url))
            yield "\n".join(item for item in items if item)
        elif element.tag == "table":
            yield "\n".join(row for row in map(_row, element.iter("row")) if row)
        elif element.tag != "graphic" and not _only_links(element, page_url):
            yield _text(element)
        yield _clean_line(element.tail)


def _row(row: _Element) -> str:
    cells = (_clean_line(" ".join(cell.itertext())) for cell in row.findall("cell"))
    return "\t".join(cell for cell in cells if cell)


def _text(element: _Element) -> str:
    """The text of ``element``: its line breaks and inner blocks on lines of their own."""
    lines = (_clean_line(line) for line in _raw_text(element).split("\n"))
    return "\n".join(line for line in lines if line)


def _raw_text(element: _Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _LINE_ELEMENTS:
            parts.append(f"\n{_raw_text(child)}\n")
        else:
            parts.append(_raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _only_links(element: _Element, page_url: str | None) -> bool:
    """Whether ``element`` only points to other pages of the site: its words are link text.

    Blocks that link elsewhere are kept: there the links tend to be content (sources, offers).
    """
    refs = list(element.iter("ref"))
    if not refs or any(_is_external(ref.get("target"), page_url) for ref in refs):
        return False
    if not any(_WORD.search(" ".join(ref.itertext())) for ref in refs):
        return False
    unlinked = _unlinked_text(element).strip()
    return not _WORD.search(unlinked) or (
        len(_WORD.findall(unlinked)) <= 3 and unlinked.endswith(_LABEL_ENDINGS)
    )


def _unlinked_text(element: _Element) -> str:
    """The text of ``element`` outside its links."""
    parts = [] if element.tag == "ref" else [element.text or ""]
    for child in element:
        if child.tag != "ref":
            parts.append(_unlinked_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_external(target: str | None, page_url: str | None) -> bool:
    if not target or not page_url or not urlsplit(target).netloc:
        return False
    return bool(is_external(target, page_url))


def _reads_as_menu(text: str) -> bool:
    """Whether ``text`` is many short lines, as a navigation menu is, rather than prose."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 10 and _prose_share(text) < 0.5


def _prose_share(text: str) -> float:
    """Share of the words of ``text`` that stand in lines of at least eight words."""
    counts = [len(_WORD.findall(line)) for line in text.split("\n")]
    total = sum(counts)
    return sum(c for c in counts if c >= 8) / total if total else 0.0


def _is_headline(block: str, title: str) -> bool:
    """Whether ``block`` is the page's headline: the title, or the title less a site name."""
    words = _WORD.findall(block.casefold())
    title_words = _WORD.findall(title.casefold())
    if not words or "\n" in block or 2 * len(words) < len(title_words):
        return False
    return any(
        title_words[start : start + len(words)] == words
        for start in range(len(title_words) - len(words) + 1)
    )


def _clean_line(value: str | None) -> str:
    return _SPACES.sub(" ", value).strip() if value else ""


def _declared_language(tree: HtmlElement) -> str | None:
    """The primary language subtag the page declares (``<html lang>`` or a meta tag), if any."""
    candidates: list[object] = [tree.get("lang"), tree.get("xml:lang")]
    candidates += tree.xpath(
        "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']"
        "/@content | //meta[@property='og:locale']/@content"
    )
    for value in candidates:
        match = _LANGUAGE_TAG.match(str(value).strip()) if value else None
        if match:
            return match.group(1).lower()
    return None
