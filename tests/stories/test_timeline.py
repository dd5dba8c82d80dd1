"""Timeline: articles per day and language, undated ones last, first and last published."""

from __future__ import annotations

from storyweave.model import Article, TimelineDay
from storyweave.stories.timeline import UNKNOWN_DAY, timeline


def article(id: str, lang: str, published: str | None) -> Article:
    return Article(id, "", "", None, lang, published, "given" if published else "unknown", id)


def test_counts_per_day_and_language() -> None:
    days, first, last = timeline(
        [
            article("a", "en", "2016-08-16T10:00:00"),
            article("b", "vi", "2016-08-15T20:00:00+07:00"),
            article("c", "en", "2016-08-15T13:45:53"),
            article("d", "vi", "2016-08-16"),
            article("e", "vi", "2016-08-16T23:59:00"),
        ]
    )
    assert days == [
        TimelineDay("2016-08-15", {"en": 1, "vi": 1}),
        TimelineDay("2016-08-16", {"en": 1, "vi": 2}),
    ]
    # 20:00 at +07:00 is 13:00 UTC, before 13:45:53 (taken as UTC).
    assert (first, last) == ("2016-08-15T20:00:00+07:00", "2016-08-16T23:59:00")


def test_first_and_last_compare_instants_across_offsets() -> None:
    _, first, last = timeline(
        [
            article("tokyo", "ja", "2016-08-16T08:00:00+09:00"),  # 2016-08-15T23:00 UTC
            article("london", "en", "2016-08-15T23:30:00Z"),
            article("utc", "en", "2016-08-15T22:00:00"),
        ]
    )
    assert (first, last) == ("2016-08-15T22:00:00", "2016-08-15T23:30:00Z")


def test_the_day_is_the_sources_own_day() -> None:
    days, _, _ = timeline([article("tokyo", "ja", "2016-08-16T08:00:00+09:00")])
    assert days == [TimelineDay("2016-08-16", {"ja": 1})]


def test_undated_articles_are_counted_last_under_unknown() -> None:
    days, first, last = timeline(
        [
            article("a", "vi", None),
            article("b", "en", "2016-08-15T13:45:53"),
            article("c", "en", "not a date"),
            article("d", "vi", None),
        ]
    )
    assert days == [
        TimelineDay("2016-08-15", {"en": 1}),
        TimelineDay(UNKNOWN_DAY, {"en": 1, "vi": 2}),
    ]
    assert sum(n for day in days for n in day.articles.values()) == 4
    assert first == last == "2016-08-15T13:45:53"


def test_empty_and_all_undated() -> None:
    assert timeline([]) == ([], None, None)
    assert timeline([article("a", "en", None)]) == (
        [TimelineDay(UNKNOWN_DAY, {"en": 1})],
        None,
        None,
    )


def test_sample_story(sample_articles: list[Article]) -> None:
    story = [a for a in sample_articles if not a.id.startswith("002_")]
    days, first, last = timeline(story)
    assert days == [
        TimelineDay("2016-08-15", {"en": 1}),
        TimelineDay(UNKNOWN_DAY, {"en": 2, "vi": 1}),
    ]
    assert first == last == "2016-08-15T13:45:53"
