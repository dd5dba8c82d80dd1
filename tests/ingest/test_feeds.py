"""RSS and Atom feeds, from files and from a local HTTP server."""

from __future__ import annotations

from pathlib import Path

from storyweave.config import Settings

from .conftest import LocalServer, Route
from .helpers import ARTICLE_HTML, read_all

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Wire</title><language>en-gb</language>
<item><guid>urn:wire:1</guid><title>Storm &amp; floods</title><link>{base}/one</link>
<pubDate>Tue, 02 Mar 2021 08:00:00 GMT</pubDate><author>desk@example.org</author>
<category>weather</category>
<description>&lt;p&gt;Summary of &lt;b&gt;the&lt;/b&gt; storm.&lt;/p&gt;
&lt;p&gt;Second part.&lt;/p&gt;</description>
</item>
<item><title>Missing page</title><link>{base}/gone</link>
<description>Only the summary.</description>
</item>
<item><title>Nothing at all</title><link>{base}/also-gone</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><id>tag:example.org,2021:1</id><title>Atom entry</title>
<link href="{link}"/><updated>2021-03-04T10:00:00Z</updated>
<content type="html">&lt;p&gt;Full content here.&lt;/p&gt;</content>
<summary>Short.</summary></entry>
</feed>
"""


def test_rss_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS.format(base="https://example.org"))
    batch = read_all([str(path)])
    first, second = batch.documents
    assert first.id == "urn:wire:1"
    assert first.title == "Storm & floods"
    assert first.text == "Summary of the storm.\n\nSecond part."
    assert (first.url, first.source, first.lang) == ("https://example.org/one", "Valley Wire", "en")
    assert first.published == "Tue, 02 Mar 2021 08:00:00 GMT"
    assert first.metadata["tags"] == ["weather"]
    assert (first.origin, first.format) == (f"{path}#1", "feed")
    assert second.id == "https://example.org/gone"
    problem = batch.only_problem()
    assert (problem.origin, problem.code) == (f"{path}#3", "E106")


def test_atom_file_prefers_content_over_summary(tmp_path: Path) -> None:
    path = tmp_path / "news.xml"
    path.write_text(ATOM.format(link="https://example.org/atom/1"))
    (document,) = read_all([str(path)]).documents
    assert (document.id, document.text) == ("tag:example.org,2021:1", "Full content here.")
    assert document.published == "2021-03-04T10:00:00Z"
    assert document.source == "Atom News"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    problem = read_all([str(path)]).only_problem()
    assert (problem.origin, problem.code) == (str(path), "E108")


def test_feed_url_fetches_article_pages(server: LocalServer, local: Settings) -> None:
    server.routes["/feed"] = Route(
        RSS.format(base=server.base).encode(), content_type="application/rss+xml"
    )
    server.routes["/one"] = Route(ARTICLE_HTML.encode())
    batch = read_all([server.url("/feed")], local)
    first, second = batch.documents
    assert first.text.startswith("Russia and the United States agreed")
    assert first.title == "Storm & floods"
    assert first.url == server.url("/one")
    # The page of the second entry is gone: its summary stands in.
    assert second.text == "Only the summary."
    problem = batch.only_problem()
    assert problem.code == "E005"
    assert problem.origin.startswith(server.url("/feed") + "#3")
    assert "HTTP 404" in problem.reason
    assert server.hits == ["/feed", "/one", "/gone", "/also-gone"]


def test_feed_url_is_sniffed_when_served_as_plain_xml(server: LocalServer, local: Settings) -> None:
    server.routes["/atom"] = Route(
        ATOM.format(link=server.url("/moved")).encode(), content_type="text/xml"
    )
    batch = read_all([server.url("/atom")], local)
    # The entry's page is gone: its own content stands in, and no problem is reported.
    assert batch.problems == []
    assert [d.text for d in batch.documents] == ["Full content here."]


def test_html_url_is_read_as_a_page(server: LocalServer, local: Settings) -> None:
    server.routes["/article"] = Route(ARTICLE_HTML.encode())
    (document,) = read_all([server.url("/article")], local).documents
    assert (document.id, document.url, document.format) == (
        server.url("/article"),
        server.url("/article"),
        "html",
    )
