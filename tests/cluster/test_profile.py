"""Story profiles: running sums that survive a round trip through the store."""

from __future__ import annotations

from collections import Counter

import numpy as np

from storyweave.cluster.profile import MAX_TERMS, StoryProfile


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_profile_sums_articles_and_round_trips() -> None:
    profile = StoryProfile("s1")
    profile.add(
        "vi",
        unit(1, 0, 0),
        {"quân_sự": 0.8, "nga": 0.6},
        Counter(shoigu=2),
        frozenset({"700000"}),
        736190,
    )
    profile.add(
        "en", unit(0, 1, 0), {"military": 1.0}, Counter(shoigu=1, aleppo=3), frozenset(), 736192
    )
    assert profile.size == 2
    assert profile.names == Counter(shoigu=2, aleppo=1)
    assert (profile.first_day, profile.last_day) == (736190, 736192)
    centroid = profile.centroid()
    assert centroid is not None
    assert np.allclose(centroid, unit(1, 1, 0))

    restored = StoryProfile.from_bytes(profile.to_bytes())
    assert restored.to_bytes() == profile.to_bytes()
    assert restored.terms == profile.terms
    assert restored.vector_sum is not None and np.allclose(restored.vector_sum, profile.vector_sum)


def test_absorbing_a_story_combines_everything() -> None:
    first, second = StoryProfile("a"), StoryProfile("b")
    first.add("en", unit(1, 0), {"talks": 1.0}, Counter(geneva=1), frozenset(), 10)
    second.add("de", unit(0, 1), {"gespräche": 1.0}, Counter(geneva=1), frozenset({"3"}), 4)
    first.absorb(second)
    assert first.size == 2
    assert first.languages == Counter(en=1, de=1)
    assert first.names == Counter(geneva=2)
    assert (first.first_day, first.last_day) == (4, 10)


def test_terms_stay_bounded() -> None:
    profile = StoryProfile("big")
    for n in range(3):
        profile.add(
            "en",
            None,
            {f"term{n}-{i}": 1.0 + i for i in range(MAX_TERMS)},
            Counter(),
            frozenset(),
            None,
        )
    assert len(profile.terms["en"]) == MAX_TERMS
    assert profile.centroid() is None
