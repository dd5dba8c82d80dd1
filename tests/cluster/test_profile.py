"""Story profiles: running sums (and a small story's own articles) that survive a round trip
through the store."""

from __future__ import annotations

import json
import struct
from collections import Counter

import numpy as np
import pytest

from storyweave.cluster.profile import KEEP_MEMBERS, MAX_TERMS, StoryProfile, profile_centroid


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


def _article(profile: StoryProfile, n: int, lang: str = "en") -> None:
    profile.add(
        lang,
        unit(1, n, 0),
        {f"term{n}": 1.0, "talks": 0.5},
        Counter({f"name{n}": 2, "geneva": 1}),
        frozenset({str(n)}),
        100 + n,
        f"a{n}",
    )


def test_a_small_story_keeps_its_articles_and_a_large_one_only_sums() -> None:
    profile = StoryProfile("s")
    for n in range(KEEP_MEMBERS):
        _article(profile, n)
    assert profile.members is not None
    assert [m.article_id for m in profile.members] == [f"a{n}" for n in range(KEEP_MEMBERS)]
    _article(profile, KEEP_MEMBERS)
    assert profile.members is None
    assert profile.size == KEEP_MEMBERS + 1
    with pytest.raises(ValueError, match="keeps no members"):
        profile.without("a0")


def test_a_story_without_one_article_is_the_story_it_never_joined() -> None:
    whole, never = StoryProfile("s"), StoryProfile("s")
    for n in range(3):
        _article(whole, n)
        if n != 1:
            _article(never, n)
    rest = whole.without("a1")
    assert rest.to_bytes() == never.to_bytes()
    assert rest.names["name1"] == 0 and rest.size == 2
    assert (rest.first_day, rest.last_day) == (100, 102)


def test_members_survive_a_round_trip_and_merges_keep_them_while_small() -> None:
    first, second = StoryProfile("a"), StoryProfile("b")
    _article(first, 1)
    _article(second, 2, lang="vi")
    second.add("vi", None, {"hòa_bình": 1.0}, Counter(), frozenset(), None, "no-vector")
    first.absorb(second)
    restored = StoryProfile.from_bytes(first.to_bytes())
    assert restored.to_bytes() == first.to_bytes()
    assert restored.members is not None
    assert [m.article_id for m in restored.members] == ["a1", "a2", "no-vector"]
    assert restored.members[2].vector is None
    assert restored.members[1].vector is not None
    assert np.allclose(restored.members[1].vector, unit(1, 2, 0))
    assert restored.members[1].numbers == frozenset({"2"})
    stored_centroid = profile_centroid(first.to_bytes())
    assert stored_centroid is not None and np.allclose(stored_centroid, first.centroid())
    big = StoryProfile("big")
    for n in range(KEEP_MEMBERS):
        _article(big, n)
    big.absorb(first)
    assert big.members is None


def test_a_profile_stored_before_members_were_kept_still_loads() -> None:
    profile = StoryProfile("old")
    _article(profile, 1)
    (length,) = struct.unpack_from("<I", profile.to_bytes())
    header = json.loads(profile.to_bytes()[4 : 4 + length])
    del header["members"]
    encoded = json.dumps(header).encode("utf-8")
    assert profile.vector_sum is not None
    old = struct.pack("<I", len(encoded)) + encoded + profile.vector_sum.astype("<f4").tobytes()
    restored = StoryProfile.from_bytes(old)
    assert restored.members is None
    assert restored.vector_sum is not None and np.allclose(restored.vector_sum, profile.vector_sum)
    stored_centroid = profile_centroid(old)
    assert stored_centroid is not None and np.allclose(stored_centroid, profile.centroid())
