"""Readers by name, by file extension, and by sniffing the first bytes of an input.

A reader takes an :class:`~storyweave.ingest.streams.Opened` input and the settings and yields
documents and problems. Adding a format means adding a module and one entry here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from ..config import Settings
from ..model import InputProblem, RawDocument
from .csv import read_csv, read_tsv
from .decode import bom_encoding
from .feed import read_feed
from .html import looks_like_html
from .jsonl import read_json, read_jsonl
from .page import read_page
from .streams import Opened
from .text import read_text
from .warc import read_warc

__all__ = ["EXTENSIONS", "READERS", "SINGLE_ARTICLE", "Reader", "sniff"]


class Reader(Protocol):
    """Reads one opened input: documents, and problems for what it cannot read."""

    def __call__(
        self, opened: Opened, settings: Settings
    ) -> Iterator[RawDocument | InputProblem]: ...


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_page,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "tsv": read_tsv,
    "feed": read_feed,
    "warc": read_warc,
}

#: Readers chosen by file extension (after any ``.gz``).
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}

#: Readers of inputs that hold exactly one article, whose id is the file name.
SINGLE_ARTICLE = frozenset({"text", "html"})

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF|channel)[\s>]", re.IGNORECASE)


def sniff(head: bytes) -> str:
    """The reader for an input that starts with ``head`` (``text`` when nothing else fits)."""
    encoding = bom_encoding(head) or "utf-8"
    start = head[:8192].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if start.startswith("WARC/"):
        return "warc"
    if start.startswith("["):
        return "json"
    if start.startswith("{"):
        lines = [line.lstrip() for line in start.split("\n")[:-1] if line.strip()]
        return "jsonl" if all(line.startswith("{") for line in lines[:5]) else "json"
    if start.startswith("<"):
        if _FEED_ROOT.search(start[:4096]):
            return "feed"
        if looks_like_html(start):
            return "html"
        if start.startswith("<?xml"):
            return "feed"
    return "text"
