"""Online clustering decisions: deterministic, explained, and resumable from stored state."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np

from storyweave.cluster.background import Background
from storyweave.cluster.clusterer import LEAVE_PROBABILITY, StoryClusterer, follow
from storyweave.cluster.features import FEATURES
from storyweave.cluster.profile import StoryProfile
from storyweave.cluster.scorer import LinearScorer
from storyweave.represent.signals import ArticleSignals

DIM = 16


def scorer() -> LinearScorer:
    """A hand-set model: meaning similarity and shared names decide."""
    weights = {"dense": 6.0, "names_article": 3.0}
    coefficients = np.array([weights.get(name, 0.0) for name in FEATURES])
    n = len(FEATURES)
    return LinearScorer(coefficients, -5.0, np.zeros(n), np.ones(n), 0.5, {})


BACKGROUND = Background(language_means={"en": np.zeros(DIM)})


def signals(article_id: str, topic: int, names: list[str], noise: float = 0.0) -> ArticleSignals:
    rng = np.random.default_rng(zlib.crc32(article_id.encode()))
    vector = np.zeros(DIM)
    vector[topic] = 1.0
    vector += noise * rng.standard_normal(DIM)
    vector /= np.linalg.norm(vector)
    return ArticleSignals(
        article_id=article_id,
        lang="en",
        day=None,
        terms=Counter({f"topic{topic}": 2, "common": 1}),
        names=Counter(names),
        numbers=frozenset(),
        embedding_text="",
        vector=vector.astype(np.float32),
    )


STREAM = [
    signals("a1", 0, ["shoigu", "aleppo"], 0.05),
    signals("b1", 5, ["kerry", "munich"], 0.05),
    signals("a2", 0, ["shoigu", "aleppo"], 0.1),
    signals("c1", 9, ["flood"], 0.05),
    signals("b2", 5, ["kerry"], 0.1),
    signals("a3", 0, ["aleppo"], 0.1),
]


def run(stream: list[ArticleSignals]) -> dict[str, str]:
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    return {s.article_id: clusterer.assign(s).assignment.story_id for s in stream}


def test_articles_of_one_event_share_a_story_and_others_do_not() -> None:
    stories = run(STREAM)
    assert stories["a1"] == stories["a2"] == stories["a3"]
    assert stories["b1"] == stories["b2"]
    assert len({stories["a1"], stories["b1"], stories["c1"]}) == 3


def test_decisions_are_deterministic_and_story_ids_stable() -> None:
    assert run(STREAM) == run(STREAM)


def test_each_decision_keeps_its_evidence() -> None:
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    opened = clusterer.assign(STREAM[0])
    assert opened.opened and opened.assignment.score is None
    joined = clusterer.assign(STREAM[2])
    assert not joined.opened
    assert joined.assignment.score is not None and joined.assignment.score >= 0.5
    evidence = joined.assignment.evidence
    assert set(evidence["shared_names"]) == {"shoigu", "aleppo"}
    assert evidence["features"]["dense"] > 0.9
    different = clusterer.assign(STREAM[3])
    assert different.opened
    assert different.assignment.evidence["closest"] == joined.assignment.story_id


def test_a_copy_joins_the_story_of_its_original() -> None:
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    story = clusterer.assign(STREAM[0]).assignment.story_id
    copy = clusterer.assign(signals("copy", 9, []), copy_of_story=story)
    assert copy.assignment.story_id == story
    assert copy.assignment.evidence == {"copy": True}


def restored(first: StoryClusterer) -> StoryClusterer:
    """A new clusterer from what ``first`` would have stored."""
    records, _merged = first.take_changes()
    return StoryClusterer.restore(
        scorer(),
        DIM,
        (StoryProfile.from_bytes(r.state) for r in records),
        first.state(),
        background=BACKGROUND,
    )


def test_a_restored_clusterer_continues_exactly_like_an_uninterrupted_one() -> None:
    uninterrupted = run(STREAM)
    first = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    decided = {s.article_id: first.assign(s).assignment.story_id for s in STREAM[:3]}
    later = restored(first)
    decided.update({s.article_id: later.assign(s).assignment.story_id for s in STREAM[3:]})
    assert decided == uninterrupted


def test_an_article_that_belongs_to_two_stories_merges_them() -> None:
    # Whether the story holds the article's names decides.
    names_decide = {"names_article": 10.0}
    n = len(FEATURES)
    model = LinearScorer(
        np.array([names_decide.get(name, 0.0) for name in FEATURES]),
        -4.0,
        np.zeros(n),
        np.ones(n),
        0.5,
        {},
    )
    clusterer = StoryClusterer(model, DIM, background=BACKGROUND)
    first = clusterer.assign(signals("a1", 0, ["shoigu", "aleppo"])).assignment.story_id
    second = clusterer.assign(signals("b1", 5, ["kerry", "munich"])).assignment.story_id
    assert first != second
    bridge = clusterer.assign(signals("ab", 3, ["shoigu", "aleppo", "kerry", "munich"]))
    kept = bridge.assignment.story_id
    gone = ({first, second} - {kept}).pop()
    assert bridge.assignment.evidence["merged"] == [gone]
    # Each earlier article's names are in the rest of the merged story: none leaves.
    assert bridge.moved == []
    records, merged = clusterer.take_changes()
    assert merged == {gone: kept}
    by_id = {r.id: r for r in records}
    assert by_id[gone].merged_into == kept
    assert by_id[kept].article_count == 3
    # Later articles of either side find the merged story.
    assert clusterer.assign(signals("b2", 5, ["kerry", "munich"])).assignment.story_id == kept


def along(article_id: str, x: float, y: float, names: list[str]) -> ArticleSignals:
    """An article whose meaning lies at (x, y) in the plane of the first two dimensions."""
    vector = np.zeros(DIM)
    vector[:2] = x, y
    return ArticleSignals(
        article_id=article_id,
        lang="en",
        day=None,
        terms=Counter({"talks": 1}),
        names=Counter(names),
        numbers=frozenset(),
        embedding_text="",
        vector=(vector / np.linalg.norm(vector)).astype(np.float32),
    )


# One event's first report (Kerry) is close enough in meaning to another event's first report
# (Shoigu) to join it; the second event's next report moves the story away from the first.
DRIFT = [
    along("kerry-1", 1.0, 0.0, ["kerry"]),
    along("shoigu-1", 0.9, 0.436, ["shoigu"]),
    along("shoigu-2", 0.2, 0.98, ["shoigu"]),
]


def test_an_article_that_no_longer_fits_its_small_story_is_placed_again() -> None:
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    opened = clusterer.assign(DRIFT[0]).assignment.story_id
    assert clusterer.assign(DRIFT[1]).assignment.story_id == opened
    clusterer.take_changes()

    decision = clusterer.assign(DRIFT[2])
    assert decision.assignment.story_id == opened
    (moved,) = decision.moved
    assert moved.article_id == "kerry-1"
    assert moved.story_id != opened
    assert moved.score is None  # no other story wanted it: it is alone again
    assert moved.evidence["left"] == opened
    assert moved.evidence["probability_in_left"] <= LEAVE_PROBABILITY
    records, merged = clusterer.take_changes()
    assert merged == {}
    assert {r.id: r.article_count for r in records} == {opened: 2, moved.story_id: 1}
    story_of: dict[str, str] = {}
    for signal in DRIFT:
        story_of[signal.article_id] = opened
    follow(story_of, decision, merged)
    assert story_of == {"kerry-1": moved.story_id, "shoigu-1": opened, "shoigu-2": opened}
    # The story it left no longer holds anything of it.
    profile = clusterer.profiles[opened]
    assert profile.members is not None
    assert [m.article_id for m in profile.members] == ["shoigu-1", "shoigu-2"]
    assert "kerry" not in profile.names


def test_an_article_that_still_fits_stays() -> None:
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    decisions = [clusterer.assign(s) for s in STREAM if s.article_id.startswith("a")]
    assert len({d.assignment.story_id for d in decisions}) == 1
    assert all(d.moved == [] for d in decisions)


def test_a_restored_clusterer_takes_articles_out_like_an_uninterrupted_one() -> None:
    uninterrupted = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    expected = [uninterrupted.assign(s) for s in DRIFT][-1]
    first = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    for signal in DRIFT[:2]:
        first.assign(signal)
    assert restored(first).assign(DRIFT[2]) == expected


def at_angle(article_id: str, degrees: float) -> ArticleSignals:
    radians = np.radians(degrees)
    return along(article_id, float(np.cos(radians)), float(np.sin(radians)), [])


def test_among_small_stories_the_article_joins_the_one_its_articles_support_most() -> None:
    # Three close reports on one side of the article; one report a little nearer on the other.
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    three = [clusterer.assign(at_angle(f"three-{i}", -25 - i)) for i in range(3)]
    story = three[0].assignment.story_id
    assert {d.assignment.story_id for d in three} == {story}
    one = clusterer.assign(at_angle("one", 18)).assignment.story_id
    assert one != story

    decision = clusterer.assign(at_angle("article", 0))
    # The single report is the more probable story, but each of the three is nearly as close
    # as it: together they say more.
    runner_up = decision.assignment.evidence["runner_up"]
    assert runner_up["story"] == one
    assert decision.assignment.score is not None
    assert decision.assignment.score < runner_up["probability"]
    assert decision.assignment.story_id == story
    logits = decision.assignment.evidence["pair_logits"]
    assert logits[story] > logits[one]
    assert "merged" not in decision.assignment.evidence


def test_without_a_choice_the_most_probable_story_is_joined() -> None:
    clusterer = StoryClusterer(scorer(), DIM, background=BACKGROUND)
    for signal in STREAM[:3]:
        decision = clusterer.assign(signal)
        assert "pair_logits" not in decision.assignment.evidence
