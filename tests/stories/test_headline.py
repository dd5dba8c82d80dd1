"""Story headlines: the most representative title, in the reader's language when there is one."""

from __future__ import annotations

import dataclasses
import doctest

from storyweave.model import Article
from storyweave.stories import headline as headline_module
from storyweave.stories.headline import choose_headline, cut_at_word

STORY = ("000", "001", "003", "004")


def _story(sample_articles: list[Article]) -> list[Article]:
    return [a for a in sample_articles if a.id[:3] in STORY]


def _article(
    id: str,
    title: str | None,
    text: str = "Heavy rain flooded the old town of Riverton on Sunday night.",
    lang: str = "en",
    source: str | None = None,
    url: str | None = None,
) -> Article:
    return Article(
        id=id,
        text=text,
        clean_text=text,
        title=title,
        lang=lang,
        published=None,
        published_source="unknown",
        content_hash=id,
        source=source,
        url=url,
    )


def test_english_headline_of_the_sample_story(sample_articles: list[Article]) -> None:
    story = _story(sample_articles)
    headline, lang = choose_headline(story, "en")
    assert lang == "en"
    assert headline in {a.title for a in story if a.lang == "en"}
    assert headline is not None and "Aleppo" in headline


def test_the_clipped_translated_title_loses_to_one_that_says_more(
    sample_articles: list[Article],
) -> None:
    # 001's "Russia and US with action in Aleppo" is echoed word for word by the others but
    # says little; 004's and 003's titles say what the story's leads say.
    story = _story(sample_articles)
    headline, _ = choose_headline(story, "en")
    titles = {a.id[:3]: a.title for a in story}
    assert headline in {titles["004"], titles["003"]}


def test_a_title_that_carries_the_story_beats_a_terse_one() -> None:
    text = "Heavy rain flooded the old town of Riverton on Sunday night, cutting power to homes."
    story = [
        _article("a", "Riverton and rain with floods", text),
        _article("b", "Heavy rain floods old town of Riverton, cutting power", text),
        _article("c", "Rain floods Riverton", text),
    ]
    assert (
        choose_headline(story, "en")[0] == "Heavy rain floods old town of Riverton, cutting power"
    )


def test_vietnamese_headline_from_the_vietnamese_article(sample_articles: list[Article]) -> None:
    story = _story(sample_articles)
    vietnamese = next(a for a in story if a.lang == "vi")
    assert choose_headline(story, "vi") == (vietnamese.title, "vi")


def test_without_a_title_in_the_reader_language_the_best_one_keeps_its_own(
    sample_articles: list[Article],
) -> None:
    story = _story(sample_articles)
    headline, lang = choose_headline(story, "fr")
    assert (headline, lang) in {(a.title, a.lang) for a in story}
    # Three of the four articles are English: the story's main language wins a close call.
    assert lang == "en"


def test_untitled_articles_are_headed_by_an_opening_sentence_cut_short(
    sample_articles: list[Article],
) -> None:
    story = [dataclasses.replace(a, title=None) for a in _story(sample_articles)]
    headline, lang = choose_headline(story, "en")
    assert lang == "en"
    assert headline is not None
    assert len(headline.split()) <= 15
    body = headline.removesuffix("\u2026")
    assert any(body in " ".join(a.clean_text.split()) for a in story if a.lang == "en")
    vietnamese, vi = choose_headline(story, "vi")
    assert vi == "vi" and vietnamese is not None and vietnamese.startswith("Moscow")


def test_site_names_are_cut_from_titles_and_never_chosen() -> None:
    story = [
        _article("a", "Reuters", source="Reuters"),
        _article("b", "Floods hit the old town of Riverton - BBC News", source="BBC News"),
        _article("c", "Riverton under water | Example", url="https://www.example.com/floods"),
    ]
    headline, lang = choose_headline(story, "en")
    assert lang == "en"
    assert headline in {"Floods hit the old town of Riverton", "Riverton under water"}
    assert choose_headline(story[:1], "en")[0] != "Reuters"


def test_shouted_or_tiny_titles_lose_to_a_plain_one() -> None:
    story = [
        _article("a", "FLOODS!!"),
        _article("b", "HEAVY RAIN FLOODS THE OLD TOWN OF RIVERTON"),
        _article("c", "Heavy rain floods the old town of Riverton"),
    ]
    assert choose_headline(story, "en") == ("Heavy rain floods the old town of Riverton", "en")


def test_no_articles() -> None:
    assert choose_headline([], "en") == (None, None)
    assert choose_headline([_article("a", None, text="")], "en") == (None, None)


def test_cut_at_word() -> None:
    assert cut_at_word("one two three", 5) == "one two three"
    assert cut_at_word("one two three, four five", 3) == "one two three\u2026"
    assert cut_at_word("北京今天下雨明天会放晴", 2) == "北京今天\u2026"


def test_the_examples_in_the_docstrings_run() -> None:
    failed, attempted = doctest.testmod(headline_module)
    assert attempted and not failed
