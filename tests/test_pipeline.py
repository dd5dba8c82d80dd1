"""Ingest through the Engine: idempotent, resumable, duplicates linked, bad articles isolated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyweave import Engine
from storyweave.config import Settings
from storyweave.model import RawDocument

from .conftest import SAMPLES, need, read_records

REPORT = (
    "Heavy rain flooded the northern provinces on Sunday, forcing thousands of families from "
    "their homes. Officials said rivers rose to their highest level in two decades and that "
    "rescue teams reached villages cut off by landslides. The weather service expects more "
    "rain until Wednesday and has warned residents near the coast to move to higher ground. "
    "Schools in three districts will stay closed, the education ministry said on Monday."
)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return Engine(settings=Settings().replace(db=tmp_path / "test.db", workers=1))


def test_the_same_input_twice_adds_nothing(engine: Engine) -> None:
    first = engine.ingest([str(need(SAMPLES))])
    second = engine.ingest([str(SAMPLES)])
    assert first.stored == 5
    assert second.stored == 0
    assert second.already_stored == 5
    assert engine.count_articles() == 5


def test_an_exact_copy_is_stored_and_linked_to_its_original(engine: Engine) -> None:
    results = engine.add(
        [
            {"id": "original", "text": REPORT},
            {"id": "copy", "text": REPORT.upper().replace(".", " .")},
        ]
    )
    assert [r.outcome for r in results] == ["stored", "duplicate"]
    copy = engine.article("copy")
    assert copy is not None and copy.duplicate_of == "original"
    assert engine.count_articles() == 2


def test_a_syndicated_copy_with_small_edits_is_a_near_duplicate(engine: Engine) -> None:
    edited = REPORT.replace("on Monday", "on Monday morning") + " Reporting by a news agency."
    engine.add([{"id": "wire", "text": REPORT}])
    engine.add([{"id": "unrelated", "text": REPORT[::-1]}])
    (result,) = engine.add([{"id": "syndicated", "text": edited}])
    assert result.outcome == "duplicate"
    assert result.duplicate_of == "wire"
    unrelated = engine.article("unrelated")
    assert unrelated is not None and unrelated.duplicate_of is None


def test_near_duplicates_are_found_after_reopening_the_store(tmp_path: Path) -> None:
    settings = Settings().replace(db=tmp_path / "reopen.db", workers=1)
    with Engine(settings=settings) as first:
        first.add([{"id": "wire", "text": REPORT}])
    with Engine(settings=settings) as second:
        (result,) = second.add([{"id": "later", "text": REPORT + " Updated at noon."}])
    assert result.duplicate_of == "wire"


def test_an_article_without_id_gets_a_stable_content_id(tmp_path: Path) -> None:
    ids = []
    for name in ("one.db", "two.db"):
        with Engine(settings=Settings().replace(db=tmp_path / name, workers=1)) as engine:
            (result,) = engine.add([{"text": REPORT}])
            ids.append(result.article_id)
    assert ids[0] == ids[1]
    assert ids[0] is not None and len(ids[0]) > 8


def test_a_record_without_text_is_rejected_and_the_rest_stored(engine: Engine) -> None:
    results = engine.add([{"id": "empty", "title": "Only a title"}, {"id": "good", "text": REPORT}])
    assert [r.outcome for r in results] == ["rejected", "stored"]
    assert results[0].problem is not None and "<api>[0]" in str(results[0].problem)


def test_an_article_that_breaks_analysis_is_reported_not_fatal(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyweave.pipeline as pipeline

    real = pipeline.clean_text

    def fragile(text: str, title: str | None = None):  # type: ignore[no-untyped-def]
        if "poison" in text:
            raise RuntimeError("unexpected input")
        return real(text, title=title)

    monkeypatch.setattr(pipeline, "clean_text", fragile)
    results = engine.add(
        [
            RawDocument(origin="feed.jsonl:1", text="poison " + REPORT, id="bad"),
            RawDocument(origin="feed.jsonl:2", text=REPORT, id="good"),
        ]
    )
    outcomes = {r.origin: r for r in results}
    assert outcomes["feed.jsonl:2"].outcome == "stored"
    problem = outcomes["feed.jsonl:1"].problem
    assert problem is not None and problem.code == "E120" and "unexpected input" in problem.reason
    assert engine.article("bad") is None


def test_parallel_and_serial_preparation_store_the_same_articles(tmp_path: Path) -> None:
    lines = need(SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines() * 8
    records = [json.loads(line) for line in lines]
    for index, record in enumerate(records):
        record["id"] = f"{record['id']}-{index}"
    stored = []
    for workers in (1, 2):
        settings = Settings().replace(db=tmp_path / f"w{workers}.db", workers=workers)
        with Engine(settings=settings) as engine:
            engine.add(records)
            stored.append([a.to_record() for a in engine.articles()])
    assert stored[0] == stored[1]
    assert len(stored[0]) == len(records)


def test_with_clustering_off_articles_are_stored_without_stories(tmp_path: Path) -> None:
    settings = Settings().replace(db=tmp_path / "plain.db", workers=1, cluster=False)
    with Engine(settings=settings) as engine:
        (result,) = engine.add([{"id": "only", "text": REPORT}])
        assert result.outcome == "stored" and result.story_id is None
        stored = engine.article("only")
        assert stored is not None and stored.story_id is None
        assert list(engine.stories()) == []


def test_articles_of_one_batch_land_in_stories_with_their_evidence(engine: Engine) -> None:
    results = engine.add(
        [
            {"id": "first", "text": REPORT},
            {"id": "again", "text": REPORT.replace("Sunday", "Saturday") + " More follows."},
        ]
    )
    assert all(r.story_id for r in results)
    story = engine.story(results[0].story_id or "")
    assert story is not None and "first" in story.article_ids
    opened = engine.assignment("first")
    assert opened is not None and opened.score is None


FLOOD = (
    "Floods cut off villages in the delta\n\nFlood waters rose across the delta on Sunday and "
    "rescue teams reached villages cut off by landslides, officials said."
)


def test_two_writers_on_one_store_see_each_others_stories(tmp_path: Path) -> None:
    """A server and a feed watcher may write to the same store: each clusters with what the
    other stored, and no article is stored twice."""
    records = {r["id"]: r for r in read_records(need(SAMPLES) / "articles.jsonl")}
    ids = sorted(records)
    db = tmp_path / "shared.db"
    with Engine(db=db) as first, Engine(db=db) as second:
        # Both load their indexes before either writes the event's articles.
        first.add([records[ids[2]]])
        second.add([{"id": "flood", "text": FLOOD}])
        (one,) = first.add([records[ids[1]]])
        (two,) = second.add([records[ids[3]]])
        (again,) = second.add([records[ids[1]]])
    assert one.story_id is not None and two.story_id == one.story_id
    assert again.outcome == "exists"
    with Engine(db=db) as reopened:
        assert reopened.count_articles() == 4
        assert sorted(len(s.article_ids) for s in reopened.stories()) == [1, 1, 2]


def test_an_article_taken_out_of_its_story_is_stored_in_its_new_one(tmp_path: Path) -> None:
    """The sample's article on an earlier event (002) first joins the Vietnamese report of the
    later one; once the English reports are in, it no longer fits them and leaves, also when
    the last report comes in a later run on the same store."""
    records = {r["id"][:3]: r for r in read_records(need(SAMPLES) / "articles.jsonl")}
    db = tmp_path / "moves.db"
    with Engine(db=db) as first:
        results = first.add([records[n] for n in ("002", "000", "001", "003")])
    assert len({r.story_id for r in results}) == 1
    with Engine(db=db) as second:
        second.add([records["004"]])
        event = {records[n]["id"] for n in ("000", "001", "003", "004")}
        earlier = records["002"]["id"]
        stories = {second.article(i).story_id for i in event}  # type: ignore[union-attr]
        assert len(stories) == 1
        (story_id,) = stories
        moved = second.assignment(earlier)
        assert moved is not None
        assert moved.evidence["left"] == story_id
        assert moved.story_id != story_id
        assert second.article(earlier).story_id == moved.story_id  # type: ignore[union-attr]
        story = second.story(story_id)
        assert story is not None and set(story.article_ids) == event
        alone = second.story(moved.story_id)
        assert alone is not None and alone.article_ids == [earlier]


def test_pages_that_cleaning_leaves_without_a_body_are_not_copies(engine: Engine) -> None:
    notice = (
        "This site uses cookies. By continuing you agree to our privacy policy and the "
        "processing of your personal data."
    )
    results = engine.add(
        [
            {"id": "one", "text": f"Bridge closes for repairs\n\n{notice}"},
            {"id": "two", "text": f"Storm warning for the coast\n\n{notice}"},
        ]
    )
    assert [r.outcome for r in results] == ["stored", "stored"]
    two = engine.article("two")
    assert two is not None and two.title == "Storm warning for the coast" and not two.clean_text
