"""Clustering and similarity metrics on cases whose values are known by hand."""

from __future__ import annotations

import pytest

from storyweave.evaluate.metrics import bcubed, pairwise, pearson

GOLD = {"a": "g1", "b": "g1", "c": "g1", "d": "g2", "e": "g2"}


def test_perfect_clustering_scores_one() -> None:
    predicted = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    assert bcubed(predicted, GOLD).f1 == 1.0
    assert pairwise(predicted, GOLD).f1 == 1.0


def test_everything_in_one_cluster() -> None:
    scores = bcubed({item: 0 for item in GOLD}, GOLD)
    assert scores.recall == 1.0
    # a, b, c see 3/5 of their cluster in their gold story; d, e see 2/5.
    assert scores.precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    pairs = pairwise({item: 0 for item in GOLD}, GOLD)
    assert pairs.precision == pytest.approx(4 / 10)
    assert pairs.recall == 1.0


def test_singletons_have_full_precision_and_low_recall() -> None:
    scores = bcubed({item: item for item in GOLD}, GOLD)
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)
    assert pairwise({item: item for item in GOLD}, GOLD).recall == 0.0


def test_items_without_gold_are_ignored() -> None:
    predicted = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "stray": 1}
    assert bcubed(predicted, GOLD).f1 == 1.0


def test_pearson() -> None:
    assert pearson([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert pearson([1, 2, 3, 4], [8, 6, 4, 2]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0
    with pytest.raises(ValueError, match="differ in length"):
        pearson([1, 2], [1])
