"""The Store contract: every backend must pass these (SQLite, and PostgreSQL on a server the
tests start: see ``conftest``). Tests that take ``tmp_path`` instead of ``store`` are about the
SQLite file itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyweave.model import Article, BuiltStory, RemovedSpan, StoryAssignment, StoryRecord
from storyweave.store import SQLiteStore, Store, StoreError, StoryQuery, open_store
from storyweave.store.base import BatchWrite


def make_article(article_id: str, text: str = "Body text.", content_hash: str = "") -> Article:
    return Article(
        id=article_id,
        text=f"Title\n\n{text}",
        clean_text=text,
        title="Title",
        lang="vi",
        published="2016-08-15T13:45:53",
        published_source="dateline",
        content_hash=content_hash or f"hash-{article_id}",
        origin=f"/data/{article_id}.txt",
        source="Báo Mới",
        url=f"https://example.org/{article_id}",
        dateline="By Desk · 15 of August 2016 13:45:53",
        removed=[RemovedSpan(0, 5, "title", "Title")],
        metadata={"section": "Thế giới", "rank": 3},
    )


def add(store: Store, articles: list[Article], minhashes: list[bytes | None]) -> None:
    """Store articles alone (no stories) in one batch."""
    store.write_batch(BatchWrite(articles=articles, minhashes=minhashes))


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgres":
        opened = open_store(request.getfixturevalue("postgres_url"))
    else:
        opened = open_store(tmp_path / "store.db")
    yield opened
    opened.close()


def test_articles_round_trip_with_every_field(store: Store) -> None:
    article = make_article("a1")
    add(store, [article], [b"\x01" * 8])
    assert store.article("a1") == article
    assert store.article("missing") is None
    assert store.count_articles() == 1


def test_articles_come_back_in_storage_order(store: Store) -> None:
    add(store, [make_article(i) for i in ("c", "a", "b")], [None] * 3)
    assert [a.id for a in store.articles()] == ["c", "a", "b"]
    assert [a.id for a in store.articles(limit=1, offset=1)] == ["a"]


def test_existing_ids_and_content_hash_lookup(store: Store) -> None:
    add(store, [make_article("a", content_hash="h1")], [None])
    copy = make_article("b", content_hash="h1")
    copy.duplicate_of = "a"
    add(store, [copy], [None])
    assert store.existing_ids(["a", "b", "zz"]) == {"a", "b"}
    assert store.ids_by_content_hash(["h1", "h2"]) == {"h1": "a"}


def test_minhashes_list_originals_only(store: Store) -> None:
    original = make_article("a")
    copy = make_article("b")
    copy.duplicate_of = "a"
    add(store, [original, copy], [b"sig-a", b"sig-b"])
    assert list(store.minhashes()) == [("a", b"sig-a")]


def test_a_failing_batch_stores_nothing(store: Store) -> None:
    add(store, [make_article("a")], [None])
    with pytest.raises(StoreError, match="cannot store a batch of 2 articles"):
        add(store, [make_article("b"), make_article("a")], [None, None])
    assert store.existing_ids(["a", "b"]) == {"a"}


def test_sqlite_store_survives_reopening_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "store.db"
    first = SQLiteStore(path)
    add(first, [make_article("a")], [None])
    first.close()
    second = SQLiteStore(path)
    assert second.count_articles() == 1
    second.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_unusable_store_paths_are_clear_errors(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not a database, it is a long enough text file " * 20)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(not_a_db)
    with pytest.raises(StoreError, match="unsupported store 'mysql'"):
        open_store("mysql://localhost/db")


def story_record(story_id: str, count: int, state: bytes = b"state") -> StoryRecord:
    return StoryRecord(story_id, count, ["vi", "en"], "2016-08-15", "2016-08-16", state)


def test_a_batch_with_stories_assignments_and_state_lands_whole(store: Store) -> None:
    articles = [make_article("a"), make_article("b")]
    store.write_batch(
        BatchWrite(
            articles=articles,
            minhashes=[None, None],
            assignments=[
                StoryAssignment("a", "s1", None, {}),
                StoryAssignment("b", "s1", 0.93, {"shared_names": ["shoigu"]}),
            ],
            stories=[story_record("s1", 2)],
            state={"centroids": b"\x00\x01"},
        )
    )
    assert store.story_article_ids("s1") == ["a", "b"]
    assert store.assignment("b") == StoryAssignment("b", "s1", 0.93, {"shared_names": ["shoigu"]})
    assert store.state("centroids") == b"\x00\x01"
    assert store.state("missing") is None
    stored_article = store.article("a")
    assert stored_article is not None and stored_article.story_id == "s1"
    assert [s.id for s in store.stories()] == ["s1"]


def test_a_merge_moves_articles_and_hides_the_merged_story(store: Store) -> None:
    store.write_batch(
        BatchWrite(
            articles=[make_article("a"), make_article("b")],
            minhashes=[None, None],
            assignments=[StoryAssignment("a", "s1", None), StoryAssignment("b", "s2", None)],
            stories=[story_record("s1", 1), story_record("s2", 1)],
        )
    )
    gone = story_record("s2", 1)
    gone.merged_into = "s1"
    store.write_batch(
        BatchWrite(stories=[story_record("s1", 2, b"new"), gone], merged={"s2": "s1"})
    )
    assert [s.id for s in store.stories()] == ["s1"]
    assert [s.id for s in store.stories(include_merged=True)] == ["s1", "s2"]
    assert store.story_article_ids("s1") == ["a", "b"]
    moved = store.assignment("b")
    assert moved is not None and moved.story_id == "s1"
    kept = store.story("s1")
    assert kept is not None and kept.state == b"new" and kept.article_count == 2


def test_a_failing_story_write_rolls_back_its_articles(store: Store) -> None:
    with pytest.raises(StoreError):
        store.write_batch(
            BatchWrite(
                articles=[make_article("a")],
                minhashes=[None],
                assignments=[StoryAssignment("a", "s1", None)],
                stories=[story_record("s1", 1)],
                state={None: b"a state needs a name"},  # type: ignore[dict-item]
            )
        )
    assert store.count_articles() == 0
    assert list(store.stories()) == []
    assert store.assignment("a") is None


def built(story_id: str, count: int, headline: str, entities: list[str]) -> BuiltStory:
    record = {
        "id": story_id,
        "headline": headline,
        "summary": f"{headline}.",
        "entities": [{"name": name, "forms": [name.upper()]} for name in entities],
    }
    return BuiltStory(story_id, "en", count, record)


def two_stories(store: Store) -> None:
    """s1: a Vietnamese and an English article on 15-16 August; s2: one Chinese article in
    September."""
    hanoi = make_article("a", text="Hội nghị thượng đỉnh ở Hà Nội bàn về thương mại.")
    english = make_article("b", text="Leaders met in Hanoi to discuss trade.")
    english.lang = "en"
    beijing = make_article("c", text="北京大学举行毕业典礼。")
    beijing.lang = "zh"
    september = StoryRecord("s2", 1, ["zh"], "2016-09-01T08:00:00", "2016-09-01T08:00:00", b"")
    store.write_batch(
        BatchWrite(
            articles=[hanoi, english, beijing],
            minhashes=[None] * 3,
            assignments=[
                StoryAssignment("a", "s1", None),
                StoryAssignment("b", "s1", 0.9),
                StoryAssignment("c", "s2", None),
            ],
            stories=[story_record("s1", 2), september],
        )
    )
    store.write_built_stories(
        [
            built("s1", 2, "Trade summit in Hanoi", ["Hà Nội", "Nguyễn Phú Trọng"]),
            built("s2", 1, "Graduation at Peking University", ["Peking University"]),
        ]
    )


def page_ids(store: Store, **filters: Any) -> tuple[list[str], int]:
    records, total = store.find_stories(StoryQuery(**filters))
    return [r.id for r in records], total


def test_story_listing_filters_and_pages(store: Store) -> None:
    two_stories(store)
    assert page_ids(store) == (["s2", "s1"], 2)
    assert page_ids(store, limit=1, offset=1) == (["s1"], 2)
    assert page_ids(store, lang="zh") == (["s2"], 1)
    assert page_ids(store, lang="fr") == ([], 0)
    assert page_ids(store, since="2016-08-20") == (["s2"], 1)
    assert page_ids(store, until="2016-08-16") == (["s1"], 1)
    assert page_ids(store, entity="nguyen phu trong") == (["s1"], 1)
    assert page_ids(store, entity="Phú Trọng") == (["s1"], 1)
    assert page_ids(store, entity="Trọng Nguyễn") == ([], 0)
    assert page_ids(store, story_ids=["s1", "s2"]) == (["s1", "s2"], 2)
    assert page_ids(store, story_ids=["s1", "s2"], lang="zh") == (["s2"], 1)
    assert page_ids(store, story_ids=[]) == ([], 0)


def test_full_text_search_in_every_script(store: Store) -> None:
    two_stories(store)
    assert [i for i, _ in store.search_stories("Hà Nội", 10)] == ["s1"]
    assert [i for i, _ in store.search_stories("ha noi", 10)] == ["s1"], "diacritics folded"
    assert [i for i, _ in store.search_stories("Hanoi trade", 10)] == ["s1"]
    assert [i for i, _ in store.search_stories("大学", 10)] == ["s2"], "a CJK substring"
    assert store.search_stories("Hanoi Beijing", 10) == [], "every word must match"
    assert store.search_stories("?!", 10) == []
    assert [i for i, _ in store.search_articles("thương mại", 10)] == ["a"]
    assert [i for i, _ in store.search_articles("毕业", 10)] == ["c"]


def test_a_rebuilt_story_is_found_by_its_new_text_only(store: Store) -> None:
    two_stories(store)
    store.write_built_stories([built("s2", 1, "Ceremony in Beijing", [])])
    assert [i for i, _ in store.search_stories("ceremony", 10)] == ["s2"]
    assert store.search_stories("graduation university", 10) == []


def test_merged_stories_leave_listings_and_search(store: Store) -> None:
    two_stories(store)
    version = store.stories_version()
    gone = story_record("s2", 1)
    gone.merged_into = "s1"
    store.write_batch(BatchWrite(stories=[story_record("s1", 3), gone], merged={"s2": "s1"}))
    assert store.stories_version() != version
    assert page_ids(store) == (["s1"], 1)
    assert [i for i, _ in store.search_stories("大学", 10)] == ["s1"], "its article moved"


def test_languages_most_common_first(store: Store) -> None:
    two_stories(store)
    store.write_batch(BatchWrite(articles=[make_article("d")], minhashes=[None]))
    assert store.languages() == ["vi", "en", "zh"]


def test_an_older_sqlite_store_is_indexed_and_listed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = open_store(path)
    two_stories(store)
    store.close()
    with sqlite3.connect(path) as db:
        # The store as version 3 left it: no search tables, no listing columns.
        db.executescript(
            "DROP TABLE article_search; DROP TABLE story_search; DROP INDEX stories_newest;"
            " ALTER TABLE story_texts DROP COLUMN headline;"
            " ALTER TABLE story_texts DROP COLUMN headline_lang;"
            " ALTER TABLE story_texts DROP COLUMN summary_lang;"
            " ALTER TABLE story_texts DROP COLUMN event_date; PRAGMA user_version = 3;"
        )
    reopened = open_store(path)
    assert [i for i, _ in reopened.search_stories("Hanoi", 10)] == ["s1"]
    assert [i for i, _ in reopened.search_stories("Peking", 10)] == ["s2"]
    listings, _ = reopened.find_stories(StoryQuery())
    assert [listing.headline for listing in listings] == [
        "Graduation at Peking University",
        "Trade summit in Hanoi",
    ]
    reopened.close()


def test_listings_carry_the_headline_of_a_current_build_only(store: Store) -> None:
    two_stories(store)
    (listing,), _ = store.find_stories(StoryQuery(story_ids=["s1"]))
    assert (listing.headline, listing.article_count, listing.languages) == (
        "Trade summit in Hanoi",
        2,
        ["vi", "en"],
    )
    store.write_batch(BatchWrite(stories=[story_record("s1", 3)]))
    (grown,), _ = store.find_stories(StoryQuery(story_ids=["s1"]))
    assert grown.article_count == 3 and grown.headline is None


def test_long_listings_come_back_whole_and_in_order(store: Store) -> None:
    ids = [f"a{number:04d}" for number in range(1203)]
    add(store, [make_article(i) for i in ids], [i.encode() for i in ids])
    assert [a.id for a in store.articles()] == ids
    assert [a.id for a in store.articles(limit=3, offset=1199)] == ids[1199:1202]
    assert [a.id for a in store.articles(limit=500, offset=900)] == ids[900:1203]
    assert list(store.articles(offset=1203)) == []
    assert list(store.articles(limit=0)) == []
    assert [article_id for article_id, _ in store.minhashes()] == ids
    stories = [story_record(f"s{number:04d}", 1) for number in range(1203)]
    store.write_batch(BatchWrite(stories=stories))
    assert [s.id for s in store.stories()] == [s.id for s in stories]
