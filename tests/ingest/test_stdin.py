"""Standard input (``-``): the format is sniffed from the bytes."""

from __future__ import annotations

import gzip
import io

from .helpers import ARTICLE_HTML, read_all

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://example.org/1</link><description>First story.</description>
</item></channel></rss>"""


def test_stdin_jsonl() -> None:
    data = b'{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n'
    batch = read_all(["-"], stdin=io.BytesIO(data))
    assert batch.ids == ["a", "b"]
    assert batch.documents[0].origin == "<stdin>:1"


def test_stdin_html() -> None:
    batch = read_all(["-"], stdin=io.BytesIO(ARTICLE_HTML.encode()))
    assert [(d.format, d.id) for d in batch.documents] == [("html", None)]


def test_stdin_feed() -> None:
    batch = read_all(["-"], stdin=io.BytesIO(FEED))
    assert [(d.format, d.id, d.text) for d in batch.documents] == [
        ("feed", "https://example.org/1", "First story.")
    ]


def test_stdin_plain_text_has_no_id() -> None:
    batch = read_all(["-"], stdin=io.BytesIO(b"Just some prose.\r\nMore prose."))
    assert [(d.id, d.text, d.origin) for d in batch.documents] == [
        (None, "Just some prose.\nMore prose.", "<stdin>")
    ]


def test_stdin_gzip() -> None:
    data = gzip.compress(b'{"id": "z", "text": "Zipped."}\n')
    assert read_all(["-"], stdin=io.BytesIO(data)).ids == ["z"]


def test_stdin_empty() -> None:
    problem = read_all(["-"], stdin=io.BytesIO(b"")).only_problem()
    assert (problem.origin, problem.code) == ("<stdin>", "E101")
