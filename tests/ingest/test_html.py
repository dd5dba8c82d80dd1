"""The HTML reader: article body, title and date out of a page; problems for pages without one."""

from __future__ import annotations

from storyweave.ingest.html import extract_html, looks_like_html
from storyweave.model import InputProblem, RawDocument

PARAGRAPHS = [
    "The river burst its banks on Tuesday night, flooding the lower town and forcing "
    "hundreds of families to leave their homes before dawn.",
    "Emergency crews worked through the night to reinforce the levees along the eastern "
    "shore, the mayor said at a press conference on Wednesday morning.",
    "Forecasters expect more rain over the weekend, and officials urged residents of the "
    "valley to stay away from the water until the level falls again.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Floods force hundreds from their homes | Valley Courier</title>
  <meta property="og:site_name" content="Valley Courier">
  <meta property="og:title" content="Floods force hundreds from their homes">
  <meta property="article:published_time" content="2021-03-04T08:15:00Z">
  <link rel="canonical" href="https://courier.example.org/news/floods-force-hundreds">
  <style>.menu {{ color: red }}</style>
  <script>var tracking = "secret tracking payload";</script>
</head>
<body>
  <nav class="menu"><ul>
    <li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/weather">Weather</a></li><li><a href="/contact">Contact us</a></li>
  </ul></nav>
  <article>
    <h1>Floods force hundreds from their homes</h1>
    <p>{PARAGRAPHS[0]}</p>
    <p>{PARAGRAPHS[1]}</p>
    <script>document.write("injected script text");</script>
    <p>{PARAGRAPHS[2]}</p>
  </article>
  <footer><p>Copyright 2021 Valley Courier Media Group. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a></footer>
</body>
</html>"""


def extracted(html: str, url: str | None = None) -> RawDocument:
    result = extract_html(html, "page.html", url=url)
    assert isinstance(result, RawDocument), result
    return result


def test_article_body_title_and_metadata() -> None:
    doc = extracted(PAGE)
    assert doc.text.split("\n\n") == PARAGRAPHS
    assert doc.title == "Floods force hundreds from their homes"
    assert doc.published == "2021-03-04"
    assert doc.source == "Valley Courier"
    assert doc.url == "https://courier.example.org/news/floods-force-hundreds"
    assert doc.lang == "en"
    assert doc.format == "html"
    assert doc.origin == "page.html"


def test_given_url_wins_over_canonical() -> None:
    assert extracted(PAGE, url="https://mirror.example.net/a").url == "https://mirror.example.net/a"


def test_navigation_footer_script_and_style_stay_out_of_text() -> None:
    text = extracted(PAGE).text
    for unwanted in (
        "Home",
        "Sport",
        "Contact us",
        "Copyright",
        "Privacy",
        "tracking",
        "injected",
        "color",
    ):
        assert unwanted not in text
    assert "<" not in text and ">" not in text


def test_hostile_markup_never_leaks_script_or_style() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    hostile = (
        "<html><body><div><p>Unclosed <b>bold <i>italic"
        "<script>alert('script body')</script><style>p{x:1}</style>"
        "<noscript>noscript body</noscript><iframe src='x'>frame body</iframe>"
        f"</div>{body}<p>broken &#xZZ; &unknown; entity</body></html><script>late()</script>"
    )
    result = extract_html(hostile, "hostile.html")
    assert isinstance(result, RawDocument)
    for unwanted in ("alert", "script body", "p{x:1}", "late()"):
        assert unwanted not in result.text
    assert PARAGRAPHS[1] in result.text


def test_page_without_article_body_is_e107() -> None:
    empty_body = (
        "<html><head><title>Nothing here</title></head><body><nav>"
        "<a href='/'>Home</a></nav></body></html>"
    )
    for page in (empty_body, "<html><head><title>Only a head</title></head></html>", "", "  "):
        result = extract_html(page, "empty.html")
        assert isinstance(result, InputProblem)
        assert result.code == "E107"
        assert result.origin == "empty.html"


def test_deep_nesting_does_not_crash() -> None:
    depth = 5000
    page = (
        "<html><body>"
        + "<div>" * depth
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</div>" * depth
        + "</body></html>"
    )
    result = extract_html(page, "deep.html")
    assert isinstance(result, (RawDocument, InputProblem))


def test_page_without_body_tag_is_read() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    doc = extracted(fragment)
    assert PARAGRAPHS[0] in doc.text


def test_related_links_to_the_same_site_are_dropped() -> None:
    related = (
        '<p>Related: <a href="https://courier.example.org/news/older-story">'
        "Last year's floods in pictures</a></p>"
    )
    cited = (
        'The agency published <a href="https://water.example.gov/report">its river report</a>'
        " on Monday evening."
    )
    page = PAGE.replace(f"<p>{PARAGRAPHS[2]}</p>", f"{related}<p>{PARAGRAPHS[2]}</p><p>{cited}</p>")
    text = extracted(page, url="https://courier.example.org/news/floods-force-hundreds").text
    assert "Last year's floods" not in text
    cited_text = "The agency published its river report on Monday evening."
    assert text.endswith(f"{PARAGRAPHS[2]}\n\n{cited_text}")


def test_looks_like_html() -> None:
    assert looks_like_html(PAGE)
    assert looks_like_html("\ufeff  <html><body><p>x</p></body></html>")
    assert looks_like_html("<div class='a'><p>Text</p><p>More</p></div>")
    assert not looks_like_html("Plain prose about a river, nothing more.")
    assert not looks_like_html("He wrote that 3 < 4 and 5 > 2 in the note.")
    assert not looks_like_html('{"id": "a1", "text": "<b>bold</b> claim"}')
