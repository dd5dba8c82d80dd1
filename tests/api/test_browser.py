"""The web pages in a real browser (Debian chromium driven by Playwright) over a live server.

Needs the ``chromium`` executable: the tests skip without it, and fail when ``CI`` is set.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyweave.api import create_app
from storyweave.config import Settings
from tests.api.conftest import copy_store
from tests.api.live_server import live_server

#: Flags that keep chromium quiet and local: without the network ones it tries to reach
#: outside services, and on a closed network its own connections get refused.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
TOKEN = "browser-test-token"
APP_SCRIPTS = ["/static/storyweave.js"]


def _unavailable(reason: str) -> None:
    """Skip, or fail on CI, where the browser should always be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian chromium with a throwaway profile."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        _unavailable("chromium is not installed (`apt-get install chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (the dev extra)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Tab:
    """A fresh page, with the dialogs (alert, confirm …) it opened."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    opened = Tab(browser)
    try:
        yield opened
    finally:
        opened.context.close()


@pytest.fixture
def page(tab: Tab) -> Any:
    return tab.page


@pytest.fixture(scope="module")
def aleppo_path(sample_server: str) -> str:
    """Path of the sample's four-article story (found through the API)."""
    stories = httpx.get(f"{sample_server}/api/v1/stories", timeout=30).json()["items"]
    found = [s for s in stories if s["article_count"] == 4]
    assert len(found) == 1, f"expected one four-article story, got {stories}"
    return f"/stories/{found[0]['id']}"


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def test_story_list_shows_both_stories_and_opens_the_aleppo_story(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}/")
    expect(page.locator("#story-count")).to_have_text("2 stories")
    items = page.locator(".story-list .story-item")
    expect(items).to_have_count(2)
    aleppo = items.filter(has_text="4 sources")
    expect(aleppo).to_have_count(1)
    headline = aleppo.locator("a.headline")
    expect(headline).to_have_text(re.compile(r"Aleppo|Russia"))
    headline.click()
    page.wait_for_url(f"{sample_server}{aleppo_path}")
    expect(page.locator("h1#headline")).to_have_text(re.compile(r"Aleppo|Russia"))
    for section in ("summary", "entities", "quotes", "facts", "timeline", "articles"):
        expect(page.locator(f"#{section}")).to_be_visible()


def test_summary_sentences_each_show_their_source_links(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    sentences = page.locator("ol.summary > li")
    expect(sentences.first).to_be_visible()
    assert sentences.count() >= 2
    for index in range(sentences.count()):
        sentence = sentences.nth(index)
        expect(sentence).to_be_visible()
        assert len(sentence.inner_text().split()) >= 5
        links = sentence.locator("a.ref")
        assert links.count() >= 1, f"summary sentence {index + 1} has no source link"
        expect(links.first).to_be_visible()
        expect(links.first).to_have_attribute("href", re.compile(r"^#article-[1-4]$"))
        expect(links.first).to_have_text(re.compile(r"^\[[1-4]\]$"))


_langs = "items => items.map(item => item.lang)"


def test_a_quote_shows_its_wordings_in_several_languages(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    groups = page.locator(".quote-group").filter(has=page.locator("ul.variants"))
    expect(groups.first).to_be_visible()
    multilingual = [
        groups.nth(i)
        for i in range(groups.count())
        if len(set(groups.nth(i).locator("ul.variants > li").evaluate_all(_langs))) > 1
    ]
    assert multilingual, "no quote group has wordings in more than one language"
    for lang in ("en", "vi"):
        wording = multilingual[0].locator(f"ul.variants > li[lang={lang}]").first
        expect(wording).to_be_visible()
        expect(wording.locator("a.ref")).to_be_visible()
    expect(multilingual[0].locator("p.by")).to_contain_text("Shoigu")


def test_the_disagreement_on_aleppos_population_is_shown(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    discrepancy = page.locator("#discrepancies .discrepancy").filter(has_text="people in Aleppo")
    expect(discrepancy).to_be_visible()
    values = discrepancy.locator("strong.value")
    expect(values).to_have_text(["700,000 people", "300,000 people"])
    expect(discrepancy.locator("li").first.locator("a.ref")).to_have_attribute(
        "href", re.compile(r"^#article-\d$")
    )


def test_timeline_chart_is_drawn_with_bars(page: Any, sample_server: str, aleppo_path: str) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    chart = page.locator("#timeline svg.timeline-chart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 50
    bars = chart.locator("rect[data-lang]")
    assert bars.count() >= 2
    for index in range(bars.count()):
        bar = bars.nth(index).bounding_box()
        assert bar is not None and bar["height"] > 1, f"bar {index + 1} is not drawn"
    assert set(bars.evaluate_all("bars => bars.map(b => b.dataset.lang)")) == {"en", "vi"}


def test_a_summary_source_link_targets_its_article_row(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    link = page.locator("ol.summary > li").nth(1).locator("a.ref").first
    number = link.get_attribute("href").removeprefix("#article-")
    link.click()
    page.wait_for_url(re.compile(rf"#article-{number}$"))
    row = page.locator(f"tr#article-{number}")
    expect(page.locator("tr:target")).to_have_attribute("id", f"article-{number}")
    expect(row).to_be_in_viewport()
    highlight = row.evaluate("row => getComputedStyle(row).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent"), "the target row is not marked"
    expect(row.locator("td.num")).to_have_text(number)


def test_article_page_keeps_removed_boilerplate_collapsed(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    rows = page.locator("#articles tbody tr")
    expect(rows).to_have_count(4)
    counts = []
    for index in range(4):
        href = rows.nth(index).locator("td").nth(1).locator("a").first.get_attribute("href")
        article = httpx.get(f"{sample_server}/api/v1{href}", timeout=30).json()
        counts.append((len(article["removed"]), index))
    removed, index = max(counts)
    assert removed > 0, "no sample article had anything removed by cleaning"
    rows.nth(index).locator("td").nth(1).locator("a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    expect(page.locator(".clean-text p").first).to_be_visible()
    details = page.locator("details.removed")
    expect(details).to_be_visible()
    assert details.evaluate("d => d.open") is False
    expect(details.locator("summary")).to_contain_text(f"Removed by cleaning ({removed})")
    expect(details.locator("ol > li").first).to_be_hidden()
    details.locator("summary").click()
    expect(details.locator("ol > li").first).to_be_visible()
    expect(details.locator("ol > li")).to_have_count(removed)


@pytest.mark.parametrize("words", ["Shoigu", "Nga"])
def test_search_from_the_story_list_finds_the_aleppo_story(
    page: Any, sample_server: str, aleppo_path: str, words: str
) -> None:
    page.goto(f"{sample_server}/")
    form = page.locator("form.filters")
    form.locator("input[name=q]").fill(words)
    form.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(rf"[?&]q={words}\b"))
    expect(form.locator("input[name=q]")).to_have_value(words)
    expect(page.locator(f'.story-list a.headline[href="{aleppo_path}"]')).to_be_visible()


def test_quick_search_in_the_header_finds_the_story_and_its_articles(
    page: Any, sample_server: str, aleppo_path: str
) -> None:
    page.goto(f"{sample_server}{aleppo_path}")
    box = page.get_by_role("searchbox", name="Search")
    box.fill("Shoigu")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Shoigu"))
    expect(page.locator(f'#story-hits a.headline[href="{aleppo_path}"]')).to_be_visible()
    expect(page.locator("#article-hits li").first).to_be_visible()


# Markup an attacker could put in an article; each payload sets window.__pwned if it runs.
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1;alert(1)">'
BREAKOUT = '"><svg onload=window.__pwned=1;alert(2)>'
HOSTILE_ARTICLE = {
    "id": "hostile-markup",
    "title": f"Harbour crane {SCRIPT} {IMAGE}",
    "text": (
        f"Harbour crane {SCRIPT} {IMAGE}\n\n"
        f"A harbour crane toppled onto a pier in Gdansk on Sunday, the port said {BREAKOUT}. "
        f"Workers cleared the quay by the evening {IMAGE}. "
        f"The port authority said the crane {SCRIPT} had passed an inspection in May "
        "and that shipping resumed within hours."
    ),
    "source": f"Port News {BREAKOUT}",
    "url": "javascript:window.__pwned=1",
    "published": "2016-08-20",
    "lang": "en",
}


@pytest.fixture(scope="module")
def hostile_server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a writable copy of the sample store, with the hostile article added."""
    db = copy_store(sample_db, tmp_path_factory.mktemp("hostile"))
    with live_server(create_app(Settings(db=db), token=TOKEN)) as url:
        response = httpx.post(
            f"{url}/api/v1/articles",
            json=[HOSTILE_ARTICLE],
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )
        assert response.status_code == 200, response.text
        (assignment,) = response.json()["assignments"]
        assert assignment["article_id"] == HOSTILE_ARTICLE["id"]
        assert assignment["story_id"], assignment
        yield url


def _hostile_story_path(base: str) -> str:
    article = httpx.get(f"{base}/api/v1/articles/{HOSTILE_ARTICLE['id']}", timeout=30).json()
    return f"/stories/{article['story_id']}"


def inertness_problems(tab: Tab) -> list[str]:
    """What, on the loaded page, shows that hostile markup ran or became markup."""
    page = tab.page
    problems = []
    if page.evaluate("typeof window.__pwned") != "undefined":
        problems.append("window.__pwned was set")
    problems += [f"dialog: {message}" for message in tab.dialogs]
    problems += page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(element =>
            [...element.attributes]
                .filter(attribute => attribute.name.toLowerCase().startsWith('on'))
                .map(attribute => `handler: ${element.tagName}[${attribute.name}]`))"""
    )
    scripts = page.locator("script").evaluate_all("s => s.map(e => e.getAttribute('src'))")
    if scripts != APP_SCRIPTS:
        problems.append(f"scripts: {scripts}")
    if page.locator("a[href^='javascript:' i]").count():
        problems.append("javascript: link")
    if page.locator("main img, main svg:not(.timeline-chart)").count():
        problems.append("image or svg element from article text")
    return problems


def test_the_inertness_check_sees_markup_that_runs(tab: Tab) -> None:
    """The check below would notice each way a payload can take effect."""
    with tab.page.expect_event("dialog"):
        tab.page.set_content(
            f"<main><p>{SCRIPT} {IMAGE}</p><a href='javascript:void 0'>x</a></main>"
            "<script src='/static/storyweave.js'></script>"
        )
    problems = " | ".join(inertness_problems(tab))
    for expected in (
        "window.__pwned was set",
        "dialog: 1",
        "handler: IMG[onerror]",
        "scripts: [None, '/static/storyweave.js']",
        "javascript: link",
        "image or svg element",
    ):
        assert expected in problems


@pytest.mark.parametrize("where", ["story list", "story page", "article page"])
def test_hostile_article_markup_is_shown_as_text_and_never_runs(
    tab: Tab, hostile_server: str, where: str
) -> None:
    page = tab.page
    path = {
        "story list": "/",
        "story page": _hostile_story_path(hostile_server),
        "article page": f"/articles/{HOSTILE_ARTICLE['id']}",
    }[where]
    page.goto(f"{hostile_server}{path}", wait_until="load")
    visible = page.locator("main").inner_text()
    assert SCRIPT in visible and IMAGE in visible
    if where != "story list":
        assert BREAKOUT in visible  # the source's name
    expect(page.get_by_text(SCRIPT).first).to_be_visible()
    assert inertness_problems(tab) == []
