"""Human reports: HTML page, Markdown and terminal text, on stories built by hand."""

from __future__ import annotations

from html.parser import HTMLParser

import lxml.html
import pytest

from storyweave.model import (
    Article,
    Discrepancy,
    Entity,
    Fact,
    Quote,
    QuoteVariant,
    ReportedValue,
    Story,
    StoryAssignment,
    SummarySentence,
    TimelineDay,
)
from storyweave.stories.report import (
    format_quantity,
    render_markdown,
    render_story_text,
    safe_url,
    why_joined,
)
from storyweave.stories.report_html import render_html

SCRIPT_TITLE = "Aleppo <script>alert('x')</script> evacuation"
SECTIONS = ["Summary", "Entities", "Quotes", "Facts", "Discrepancies", "Timeline", "Articles"]


def _article(
    id: str, title: str | None, lang: str, url: str | None = None, source: str | None = None
) -> Article:
    return Article(
        id=id,
        text=title or "",
        clean_text=title or "",
        title=title,
        lang=lang,
        published="2016-12-15T09:30:00+00:00",
        published_source="given",
        content_hash=id,
        source=source,
        url=url,
    )


ARTICLES = {
    a.id: a
    for a in [
        _article("en-1", SCRIPT_TITLE, "en", "https://news.example/aleppo?a=1&b=2", "Reuters"),
        _article("vi-1", "Sơ tán khỏi Aleppo bắt đầu", "vi", "javascript:alert(1)", "VnExpress"),
        _article("en-2", None, "en", "ftp://files.example/x"),
    ]
}


@pytest.fixture
def story() -> Story:
    return Story(
        id="aleppo-2016",
        article_ids=["en-1", "vi-1", "en-2", "missing-1"],
        languages=["en", "vi"],
        first_published="2016-12-15",
        last_published="2016-12-16",
        headline="Sơ tán Aleppo bắt đầu",
        headline_lang="vi",
        summary=[
            SummarySentence("Evacuation of eastern Aleppo began.", "en", ["en-1", "en-2"]),
            SummarySentence("Khoảng 3.000 dân thường đã rời đi.", "vi", ["vi-1"]),
        ],
        summary_lang="en",
        event_date="2016-12-15",
        event_date_note="sources say 15 or 16 December",
        entities=[
            Entity("Aleppo", "place", 9, "aleppo", ["Aleppo", "Alep"]),
            Entity("Bashar al-Assad", "person", 2, "assad"),
            Entity("Liên Hợp Quốc", "organisation", 3, "un"),
            Entity("Vladimir Putin", "person", 4, "putin"),
        ],
        quotes=[
            Quote(
                "We will leave today",
                "Ahmed",
                ["en-1", "vi-1"],
                [
                    QuoteVariant("en-1", "en", "We will leave today"),
                    QuoteVariant("vi-1", "vi", "Chúng tôi sẽ rời đi hôm nay"),
                ],
            )
        ],
        facts=[Fact("civilians evacuated", 3000.0, "people", ["en-1", "vi-1"])],
        discrepancies=[
            Discrepancy(
                "civilians killed",
                "people",
                [
                    ReportedValue(82.0, ["en-1"], "at least 82"),
                    ReportedValue(100.0, ["vi-1", "en-2"], "100 người"),
                ],
            )
        ],
        timeline=[
            TimelineDay("2016-12-15", {"en": 2, "vi": 1}),
            TimelineDay("2016-12-16", {"vi": 1}),
        ],
    )


@pytest.fixture
def bare() -> Story:
    """A story whose text fields are not built yet."""
    return Story(
        id="not built/1",
        article_ids=["en-2"],
        languages=["en"],
        first_published=None,
        last_published=None,
    )


class _Balance(HTMLParser):
    """Checks that every element is closed, in order (void elements need no end tag)."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def _tree(page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def test_html_is_well_formed(story: Story, bare: Story) -> None:
    page = render_html([story, bare], ARTICLES)
    assert page.startswith("<!DOCTYPE html>")
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.open == []
    tree = _tree(page)
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    # Every in-page link lands somewhere.
    assert {h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")} <= set(ids)


def test_html_is_self_contained_and_escapes_article_text(story: Story) -> None:
    page = render_html([story], ARTICLES)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    tree = _tree(page)
    assert tree.xpath("//script | //link | //img | //iframe") == []
    assert tree.xpath("//style")
    # Parsed back, the title is exactly the article's title, as text.
    assert SCRIPT_TITLE in tree.xpath("//section[@class='articles']//td/a/text()")
    external = [h for h in tree.xpath("//a/@href") if not h.startswith("#")]
    assert external == ["https://news.example/aleppo?a=1&b=2"]
    assert "javascript:" not in page and "ftp://" not in page


def test_html_table_of_contents(story: Story, bare: Story) -> None:
    tree = _tree(render_html([story, bare], ARTICLES))
    rows = tree.xpath("//nav//tbody/tr")
    assert len(rows) == 2
    cells = [c.text_content() for c in rows[0].xpath("td")]
    assert cells == ["1", "Sơ tán Aleppo bắt đầu", "4", "en, vi", "2016-12-15"]
    assert rows[1].xpath("td")[1].text_content() == "Untitled story not built/1"
    first = rows[0].xpath(".//a/@href")[0][1:]
    assert tree.get_element_by_id(first).tag == "article"


def test_html_story_sections(story: Story) -> None:
    tree = _tree(render_html([story], ARTICLES))
    article = tree.xpath("//article")[0]
    assert [h.text_content().split()[0] for h in article.xpath(".//h3")] == SECTIONS
    headline = article.xpath(".//h2")[0]
    assert headline.get("lang") == "vi"
    assert headline.xpath("span[@class='lang']/text()") == ["vi"]
    meta = article.xpath(".//p[@class='meta']")[0].text_content()
    assert "2016-12-15" in meta and "sources say 15 or 16 December" in meta
    entities = article.xpath(".//dl[@class='entities']")[0]
    assert entities.xpath("dt/text()") == ["People", "Places", "Organisations"]
    people = [li.text_content() for li in entities.xpath("dd[1]//li")]
    assert people == ["Vladimir Putin 4", "Bashar al-Assad 2"]
    variants = article.xpath(".//ul[@class='variants']/li")
    assert [v.get("lang") for v in variants] == ["en", "vi"]
    assert "Chúng tôi sẽ rời đi hôm nay" in variants[1].text_content()
    timeline = article.xpath(".//section[@class='timeline']//tr")
    assert [c.text_content() for c in timeline[0].xpath("th")][:4] == ["Day", "en", "vi", "Total"]
    assert [c.text_content() for c in timeline[2].xpath("td")][:4] == ["2016-12-16", "0", "1", "1"]
    rows = article.xpath(".//section[@class='articles']//tbody/tr")
    assert [r.xpath("td")[0].text_content() for r in rows] == list(story.article_ids)
    assert "not in this report" in rows[3].text_content()
    assert "Sơ tán khỏi Aleppo bắt đầu" in rows[1].text_content()


def test_html_summary_sentences_link_to_their_articles(story: Story) -> None:
    tree = _tree(render_html([story], ARTICLES))
    items = tree.xpath("//ol[@class='summary']/li")
    assert [i.get("lang") for i in items] == ["en", "vi"]
    links = items[0].xpath(".//a")
    assert [a.text for a in links] == ["en-1", "en-2"]
    assert links[0].get("title") == f"{SCRIPT_TITLE} — Reuters"
    assert links[0].getparent().text_content() == "en-1 Reuters"
    row = tree.get_element_by_id(links[0].get("href")[1:])
    assert row.tag == "tr" and "news.example" in row.xpath(".//a/@href")[0]


def test_html_discrepancy_lists_each_value_with_its_articles(story: Story) -> None:
    tree = _tree(render_html([story], ARTICLES))
    [block] = tree.xpath("//div[@class='discrepancy']")
    assert "civilians killed" in block.xpath("h4")[0].text_content()
    values = block.xpath("ul/li")
    assert [v.xpath("strong")[0].text for v in values] == ["82 people", "100 people"]
    assert [v.xpath(".//a/text()") for v in values] == [["en-1"], ["vi-1", "en-2"]]
    assert "100 người" in values[1].text_content()


def test_html_story_without_text_fields(bare: Story) -> None:
    tree = _tree(render_html([bare], ARTICLES))
    article = tree.xpath("//article")[0]
    assert article.xpath(".//h2")[0].text_content() == "Untitled story not built/1"
    assert "No summary." in article.text_content()
    assert "Event date unknown" in article.text_content()
    assert _tree(render_html([], {})).xpath("//nav//p/text()") == ["No stories yet."]


def test_markdown_report(story: Story, bare: Story) -> None:
    text = render_markdown([story, bare], ARTICLES)
    assert text.startswith("# Stories\n")
    assert "| 1 | [Sơ tán Aleppo bắt đầu](#story-1) | 4 | en, vi | 2016-12-15 |" in text
    assert "## Sơ tán Aleppo bắt đầu `vi`" in text
    for section in SECTIONS:
        assert text.count(f"\n### {section}") == 2
    assert "<script>" not in text
    assert "Aleppo \\<script\\>alert('x')\\</script\\> evacuation" in text
    assert "javascript:" not in text and "ftp://" not in text
    assert "1. Evacuation of eastern Aleppo began. ([en-1](<https://news.example/" in text
    assert "2. (vi) Khoảng 3.000 dân thường đã rời đi. (vi-1)" in text
    assert "- **civilians killed: 2 different values reported**" in text
    assert "    - 82 people — “at least 82” ([en-1](<https://news.example" in text
    assert "    - 100 people — “100 người” (vi-1, en-2)" in text
    assert "## Untitled story not built/1" in text and "_No quotes._" in text


def test_terminal_text(story: Story) -> None:
    text = render_story_text(story, ARTICLES)
    lines = text.splitlines()
    assert lines[1] == "Sơ tán Aleppo bắt đầu [vi]"
    assert "Event date: 2016-12-15 (sources say 15 or 16 December)" in text
    assert [line for line in lines if line.split(" (")[0] in SECTIONS] == [
        "Summary (en)",
        *SECTIONS[1:],
    ]
    assert "  1. Evacuation of eastern Aleppo began. [en-1, en-2]" in lines
    assert "  - People: Vladimir Putin (4), Bashar al-Assad (2)" in lines
    assert "      - (vi) “Chúng tôi sẽ rời đi hôm nay” [vi-1]" in lines
    assert "  - civilians evacuated: 3,000 people [en-1, vi-1]" in lines
    assert "  - ! civilians killed: 2 different values reported" in lines
    assert "      - 100 people — “100 người” [vi-1, en-2]" in lines
    assert "  - 2016-12-15: 3 articles (en 2, vi 1)" in lines
    assert "<https://news.example/aleppo?a=1&b=2>" in text
    assert "javascript:" not in text
    assert max(len(line) for line in lines) <= 88


def test_terminal_text_drops_control_characters(bare: Story) -> None:
    bare.headline = "Breaking\x1b[2J\x1b[31m news\u202e\nsecond line"
    text = render_story_text(bare, ARTICLES)
    assert "\x1b" not in text and "\u202e" not in text
    assert text.splitlines()[1] == "Breaking [2J [31m news second line"
    assert "No summary." in text and "No discrepancies." in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        (" http://example.org/ ", "http://example.org/"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT://example.org/%0aalert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/x", None),
        ('https://example.org/"onmouseover=x', None),
        ("https://exa mple.org/", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12000.0, None, "12,000"),
        (12.5, "%", "12.5%"),
        (3.0, "people", "3 people"),
        (0.25, "km", "0.25 km"),
    ],
)
def test_format_quantity(value: float, unit: str | None, expected: str) -> None:
    assert format_quantity(value, unit) == expected


def test_why_an_article_is_in_its_story_says_when_it_left_another() -> None:
    joined = StoryAssignment(
        "a2", "s1", 0.81, {"shared_names": ["shoigu"], "features": {"dense": 0.52}}
    )
    assert why_joined(joined) == (
        "joined with p=0.81; shared names: shoigu; meaning similarity 0.52"
    )
    left = {"left": "s1", "probability_in_left": 0.12, "leave_probability": 0.25}
    alone = StoryAssignment("a1", "s9", None, {**left, "candidates": 0})
    assert why_joined(alone) == (
        "left story s1 (p=0.12 with its other articles), then opened the story"
    )
    chosen = StoryAssignment(
        "a3", "s1", 0.58, {"pair_logits": {"s1": 1.0176, "s2": 0.6662, "s3": -0.5}}
    )
    assert why_joined(chosen) == (
        "joined with p=0.58; its articles back it most one by one (log-odds 1.02 against 0.67)"
    )
    elsewhere = StoryAssignment("a1", "s2", 0.9, {**left, "shared_names": ["kerry"]})
    assert why_joined(elsewhere) == (
        "left story s1 (p=0.12 with its other articles), then joined with p=0.90;"
        " shared names: kerry"
    )
