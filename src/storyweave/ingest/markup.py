"""HTML fragments (a feed entry's summary or content) as plain text, paragraphs kept apart."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import fragment_fromstring

__all__ = ["fragment_text"]

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
    ]
)
_DROPPED = ("script", "style", "noscript", "template")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment, one line per block element.

    >>> fragment_text("<p>One <b>two</b>.</p><p>Three&nbsp;four.</p>")
    'One two.\\n\\nThree four.'
    """
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    try:
        root = fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup.strip()
    etree.strip_elements(root, *_DROPPED, with_tail=False)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n\n" if tag != "br" else "\n")
            if element.text and isinstance(element.tag, str):
                parts.append(element.text)
        else:
            if tag in _BLOCKS and tag != "br":
                parts.append("\n\n")
            if element.tail and element is not root:
                parts.append(element.tail)
    text = _SPACES.sub(" ", "".join(parts))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()
