"""WARC archives written with warcio."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .helpers import ARTICLE_HTML, read_all

UNDATED_HTML = ARTICLE_HTML.replace(
    '<meta property="article:published_time" content="2016-08-12T09:00:00Z">', ""
).replace("<footer>Copyright 2016</footer>", "")


def write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        records = [
            ("https://example.org/a", ARTICLE_HTML, "text/html; charset=utf-8"),
            ("https://example.org/style.css", "body { color: red }", "text/css"),
            ("https://example.org/b", UNDATED_HTML, "text/html"),
        ]
        for uri, body, content_type in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body.encode()),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2016-08-13T01:02:03Z"},
                )
            )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/a", "request", payload=io.BytesIO(b"GET")
            )
        )


def test_warc_html_responses(tmp_path: Path) -> None:
    for gzip, name in ((False, "crawl.warc"), (True, "crawl.warc.gz")):
        path = tmp_path / name
        write_warc(path, gzip)
        batch = read_all([str(path)])
        assert batch.problems == []
        first, second = batch.documents
        assert (first.id, first.url) == ("https://example.org/a", "https://example.org/a")
        assert first.published is not None and first.published.startswith("2016-08-12")
        assert first.metadata == {"crawled": "2016-08-13T01:02:03Z"}
        assert first.origin == f"{path}#1"
        assert second.id == "https://example.org/b"
        assert second.published == "2016-08-13T01:02:03Z"
        assert second.metadata["published_from"] == "crawled"


def test_corrupt_warc_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    cut = data.index(b"WARC/1.0", second + 10)
    path.write_bytes(data[:cut] + b"garbage that is not a WARC record\r\n\r\n" + data[cut:])
    batch = read_all([str(path)])
    assert batch.ids == ["https://example.org/a"]
    problem = batch.only_problem()
    assert (problem.origin, problem.code) == (str(path), "E110")
